//! Keys → actions: defaults from `assets/config/keymap.ron`, overlaid by the
//! user's file, with a reverse map (action → keys) for the help overlay.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::action::{Action, PromptAction};

const DEFAULTS: &str = include_str!("../../assets/config/keymap.ron");

/// A keymap file: each table as written, in order, so that a key written
/// twice can be refused (a map would keep one of the two without a word).
#[derive(Debug, Deserialize)]
struct File {
    #[serde(default, deserialize_with = "pairs")]
    prompt: Vec<(String, PromptAction)>,
    #[serde(default, deserialize_with = "pairs")]
    bindings: Vec<(String, Action)>,
}

/// A RON map's entries as written.
fn pairs<'de, D, V>(d: D) -> Result<Vec<(String, V)>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Pairs<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Pairs<V> {
        type Value = Vec<(String, V)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map of keys to actions")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut m: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(entry) = m.next_entry()? {
                out.push(entry);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Pairs(std::marker::PhantomData))
}

/// A key as written in the keymap: a code plus Ctrl/Alt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    map: HashMap<Key, Action>,
    /// Key names per action, in the order written, for help.
    names: BTreeMap<Action, Vec<String>>,
    /// The keys of an open prompt.
    prompt: HashMap<Key, PromptAction>,
    prompt_names: BTreeMap<PromptAction, Vec<String>>,
}

impl Keymap {
    /// The defaults alone.
    pub fn defaults() -> Keymap {
        // The shipped keymap is tested; an error here is a build defect.
        Keymap::parse(DEFAULTS, Path::new("assets/config/keymap.ron")).unwrap_or_else(|_| Keymap {
            map: HashMap::new(),
            names: BTreeMap::new(),
            prompt: HashMap::new(),
            prompt_names: BTreeMap::new(),
        })
    }

    /// The defaults overlaid with the user's keymap, if there is one.
    pub fn load() -> Result<Keymap, String> {
        let mut km = Keymap::defaults();
        if let Some((path, text)) = crate::config::read("keymap.ron")? {
            km.overlay(Keymap::parse(&text, &path)?);
        }
        Ok(km)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Keymap, String> {
        let file: File = ron::from_str(text).map_err(|e| crate::config::ron_error(path, &e))?;
        let mut km = Keymap {
            map: HashMap::new(),
            names: BTreeMap::new(),
            prompt: HashMap::new(),
            prompt_names: BTreeMap::new(),
        };
        let unknown = |name: &str| {
            format!(
                "{}: unknown key {:?}",
                path.display(),
                crate::text::sanitize(name)
            )
        };
        // A key written twice in one table (or two names of one key, as
        // "Ctrl-j" and "ctrl-j") is refused, naming both actions.
        let twice = |name: &str, table: &str, a: String, b: String| {
            format!(
                "{}: {table}: the key {:?} is bound twice ({a} and {b})",
                path.display(),
                crate::text::sanitize(name)
            )
        };
        for (name, action) in file.prompt {
            let key = parse_key(&name).ok_or_else(|| unknown(&name))?;
            if let Some(before) = km.prompt.insert(key, action) {
                let (a, b) = (format!("{before:?}"), format!("{action:?}"));
                return Err(twice(&name, "prompt", a, b));
            }
            km.prompt_names.entry(action).or_default().push(name);
        }
        for (name, action) in file.bindings {
            let key = parse_key(&name).ok_or_else(|| unknown(&name))?;
            if let Some(before) = km.map.insert(key, action) {
                let (a, b) = (format!("{before:?}"), format!("{action:?}"));
                return Err(twice(&name, "bindings", a, b));
            }
            km.names.entry(action).or_default().push(name);
        }
        Ok(km)
    }

    fn overlay(&mut self, other: Keymap) {
        for (key, action) in other.map {
            if let Some(old) = self.map.insert(key, action) {
                if let Some(names) = self.names.get_mut(&old) {
                    names.retain(|n| parse_key(n) != Some(key));
                }
            }
        }
        for (action, names) in other.names {
            self.names.entry(action).or_default().extend(names);
        }
        for (key, action) in other.prompt {
            if let Some(old) = self.prompt.insert(key, action) {
                if let Some(names) = self.prompt_names.get_mut(&old) {
                    names.retain(|n| parse_key(n) != Some(key));
                }
            }
        }
        for (action, names) in other.prompt_names {
            self.prompt_names.entry(action).or_default().extend(names);
        }
    }

    /// What a key does while a prompt is open; `None`: type it.
    pub fn prompt_action(&self, ev: &KeyEvent) -> Option<PromptAction> {
        self.prompt.get(&key_of(ev)).copied()
    }

    pub fn action(&self, ev: &KeyEvent) -> Option<Action> {
        self.map.get(&key_of(ev)).copied()
    }

    /// Every bound action with its keys, in action order.
    pub fn help(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut levels: Vec<String> = Vec::new();
        for (action, names) in &self.names {
            if names.is_empty() {
                continue;
            }
            let keys = names
                .iter()
                .map(|n| display_key(n))
                .collect::<Vec<_>>()
                .join(" ");
            // 1 … 5 read better as one line.
            if let Action::CollapseToLevel(_) = action {
                if levels.is_empty() {
                    out.push((String::new(), "collapse the tree to that level".into()));
                }
                levels.push(keys);
                continue;
            }
            out.push((keys, action.describe()));
        }
        if let Some(slot) = out.iter_mut().find(|(k, _)| k.is_empty()) {
            slot.0 = levels.join(" ");
        }
        for (action, names) in &self.prompt_names {
            if !names.is_empty() {
                let keys = names.iter().map(|n| display_key(n)).collect::<Vec<_>>();
                out.push((keys.join(" "), action.describe()));
            }
        }
        // What the views and the mouse do with the keys above.
        let k = |a: Action| self.keys_for(a);
        out.push((
            format!("{} {}", k(Action::FocusNext), k(Action::Open)),
            "units view: into the unit's portfolio; Enter opens an item".into(),
        ));
        out.push((
            k(Action::Open),
            "palette: jump; with no title hit, search the text".into(),
        ));
        out.push((
            "click".into(),
            "select the row, line, unit or hit under the pointer".into(),
        ));
        out.push((
            "wheel".into(),
            "scroll the pane or list under the pointer".into(),
        ));
        out
    }

    /// The keys bound to an action, for hints ("j").
    pub fn keys_for(&self, action: Action) -> String {
        self.names
            .get(&action)
            .and_then(|n| n.iter().min_by_key(|n| (n.chars().count(), n.as_str())))
            .map(|n| display_key(n))
            .unwrap_or_default()
    }
}

/// A key event as the keymap writes keys: shifted characters arrive as the
/// character itself ('G', '?'); with Ctrl, the letter in lower case.
fn key_of(ev: &KeyEvent) -> Key {
    let mut code = ev.code;
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let alt = ev.modifiers.contains(KeyModifiers::ALT);
    if let KeyCode::Char(c) = code {
        if ctrl {
            code = KeyCode::Char(c.to_ascii_lowercase());
        }
    }
    Key { code, ctrl, alt }
}

fn display_key(name: &str) -> String {
    match name {
        "Down" => "↓".into(),
        "Up" => "↑".into(),
        "Left" => "←".into(),
        "Right" => "→".into(),
        other => other.to_string(),
    }
}

/// `"j"`, `"Ctrl-d"`, `"PageDown"`, `"<"` → a key.
pub fn parse_key(name: &str) -> Option<Key> {
    let mut rest = name;
    let mut ctrl = false;
    let mut alt = false;
    loop {
        if let Some(r) = rest.strip_prefix("Ctrl-").filter(|r| !r.is_empty()) {
            ctrl = true;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("Alt-").filter(|r| !r.is_empty()) {
            alt = true;
            rest = r;
        } else {
            break;
        }
    }
    let code = match rest {
        "Down" => KeyCode::Down,
        "Up" => KeyCode::Up,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" => KeyCode::Tab,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "PageUp" => KeyCode::PageUp,
        "PageDown" => KeyCode::PageDown,
        "Space" => KeyCode::Char(' '),
        "Backspace" => KeyCode::Backspace,
        s => {
            let mut chars = s.chars();
            let c = chars.next()?;
            if chars.next().is_some() {
                return None;
            }
            KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
        }
    };
    Some(Key { code, ctrl, alt })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_cover_the_issue_keys() {
        let km = Keymap::parse(DEFAULTS, Path::new("keymap.ron")).expect("defaults parse");
        let key = |code, m| km.action(&KeyEvent::new(code, m));
        assert_eq!(
            key(KeyCode::Char('j'), KeyModifiers::NONE),
            Some(Action::MoveDown)
        );
        assert_eq!(
            key(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(Action::Last)
        );
        assert_eq!(
            key(KeyCode::Char('d'), KeyModifiers::CONTROL),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            key(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        assert_eq!(
            key(KeyCode::Char('3'), KeyModifiers::NONE),
            Some(Action::CollapseToLevel(3))
        );
        assert_eq!(
            key(KeyCode::Char('?'), KeyModifiers::SHIFT),
            Some(Action::ToggleHelp)
        );
    }

    #[test]
    fn overlay_replaces_key_by_key() {
        let mut km = Keymap::defaults();
        km.overlay(Keymap::parse("(bindings: {\"j\": Quit})", Path::new("u.ron")).expect("parses"));
        assert_eq!(
            km.action(&KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        let help = km.help();
        let down = help
            .iter()
            .find(|(_, a)| *a == Action::MoveDown.describe())
            .expect("down still bound");
        assert_eq!(down.0, "↓");
        assert!(help
            .iter()
            .any(|(k, a)| k == "1 2 3 4 5" && a.contains("level")));
    }

    #[test]
    fn bad_user_keymap_names_the_file() {
        let err = Keymap::parse("(bindings: {\"Hyper-x\": Quit})", Path::new("u.ron")).unwrap_err();
        assert_eq!(err, "u.ron: unknown key \"Hyper-x\"");
        let err = Keymap::parse(
            "(bindings: {\"q\": Quit, \"q\": ToggleHelp})",
            Path::new("u.ron"),
        )
        .unwrap_err();
        assert_eq!(
            err,
            "u.ron: bindings: the key \"q\" is bound twice (Quit and ToggleHelp)"
        );
        let err = Keymap::parse(
            "(prompt: {\"Ctrl-n\": Next, \"Ctrl-n\": Prev})",
            Path::new("u.ron"),
        )
        .unwrap_err();
        assert!(
            err.contains("prompt: the key \"Ctrl-n\" is bound twice"),
            "{err}"
        );
        let err = Keymap::parse("(bindings: {", Path::new("u.ron")).unwrap_err();
        assert!(err.starts_with("u.ron:1:"), "{err}");
    }

    #[test]
    fn prompt_keys_come_from_the_keymap_too() {
        let mut km = Keymap::defaults();
        let key = |km: &Keymap, code, m| km.prompt_action(&KeyEvent::new(code, m));
        assert_eq!(
            key(&km, KeyCode::Char('u'), KeyModifiers::CONTROL),
            Some(PromptAction::Clear)
        );
        assert_eq!(
            key(&km, KeyCode::Esc, KeyModifiers::NONE),
            Some(PromptAction::Cancel)
        );
        assert_eq!(
            key(&km, KeyCode::Char('j'), KeyModifiers::NONE),
            None,
            "typed"
        );
        km.overlay(
            Keymap::parse("(prompt: {\"Ctrl-j\": Next})", Path::new("u.ron")).expect("parses"),
        );
        assert_eq!(
            key(&km, KeyCode::Char('j'), KeyModifiers::CONTROL),
            Some(PromptAction::Next)
        );
        assert!(km
            .help()
            .iter()
            .any(|(k, a)| k.contains("Ctrl-j") && a == "prompt: next hit"));
    }
}
