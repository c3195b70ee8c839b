//! Hostile text: escape sequences, 8-bit controls, bidi and zero-width
//! characters written into a gazette file as RON escapes must never reach the
//! terminal or stdout. Rendered screens are parsed with `vte` (only the
//! sequences the app itself emits are allowed); the real binary runs in a pty
//! under `vt100` with callbacks that notice title changes, clipboard writes and
//! unhandled OSC; headless output is checked byte by byte.

// The tests make, read and damage their own temporary files.
#![allow(clippy::disallowed_methods)]

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::Session;
use portable_pty::CommandBuilder;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use gongbao::model::schema::{Issue, Node};
use gongbao::model::{self, Kind};
use gongbao::tui::action::Action;
use gongbao::tui::app::App;
use gongbao::tui::keymap::Keymap;
use gongbao::tui::ui::{self, Theme};

/// At least 30 payloads: OSC 0/2/8/52, CSI (7- and 8-bit), DCS, APC, PM,
/// SOS, resets, charset switches, C0 controls, bidi and zero-width.
pub const PAYLOADS: &[&str] = &[
    "\u{1b}]0;PWNED-TITLE\u{7}",
    "\u{1b}]2;PWNED-TITLE\u{1b}\\",
    "\u{1b}]1;PWNED-ICON\u{7}",
    "\u{1b}]8;;http://evil.example/\u{1b}\\click\u{1b}]8;;\u{1b}\\",
    "\u{1b}]52;c;cHduZWQ=\u{7}",
    "\u{1b}]52;p;cHduZWQ=\u{1b}\\",
    "\u{1b}]1337;File=inline=1:AAAA\u{7}",
    "\u{1b}]10;?\u{7}",
    "\u{1b}[31mRED\u{1b}[0m",
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}[6n",
    "\u{1b}[?1049l",
    "\u{1b}[?25l",
    "\u{1b}[?1000h\u{1b}[?1006h",
    "\u{1b}[21t",
    "\u{1b}[>c",
    "\u{9b}31mC1-CSI",
    "\u{9d}0;PWNED-C1\u{9c}",
    "\u{1b}P+q544e\u{1b}\\",
    "\u{90}DCS-C1\u{9c}",
    "\u{1b}_APC payload\u{1b}\\",
    "\u{1b}^PM payload\u{1b}\\",
    "\u{1b}XSOS payload\u{1b}\\",
    "\u{1b}c",
    "\u{1b}7\u{1b}8\u{1b}#8",
    "\u{1b}(0lqqk\u{1b}(B",
    "\u{e}shift-out\u{f}",
    "bell\u{7}\u{7}",
    "back\u{8}\u{8}\u{8}space",
    "over\rwrite",
    "del\u{7f}ete",
    "\u{202e}evil-rlo\u{202c}",
    "\u{2066}isolate\u{2069}\u{2067}rtl\u{2069}",
    "zero\u{200b}width\u{200d}join\u{feff}bom",
    "\u{61c}\u{200e}\u{200f}marks",
    "soft\u{ad}hyphen",
    "line\u{2028}separator\u{2029}para",
    "tab\there",
];

fn walk(nodes: &mut [Node], f: &mut impl FnMut(&mut Node)) {
    for n in nodes {
        f(n);
        if let Some(kids) = model::tree::children_mut(n) {
            walk(kids, f);
        }
    }
}

/// The embedded issue with a payload in many titles and texts, as RON.
pub fn hostile_ron() -> String {
    let mut issue: Issue =
        ron::from_str(include_str!("../assets/cq-gazette-2021-15.ron")).expect("asset");
    issue.title = format!("{}{}", issue.title, PAYLOADS[0]);
    let mut k = 0;
    walk(&mut issue.documents, &mut |n| {
        let p = PAYLOADS[k % PAYLOADS.len()];
        k += 1;
        if let Some(h) = n.heading_mut() {
            h.title = format!("{p}{}", h.title);
            h.text = format!("{}{p}", h.text);
            return;
        }
        match n {
            Node::Segment(s) | Node::Entry(s) => s.title = format!("{}{p}", s.title),
            Node::Paragraph(para) => para.text = format!("{p}{}", para.text),
            Node::Document(d) => d.title = format!("{p}{}", d.title),
            Node::Decision(d) => {
                d.title = format!("{p}{}", d.title);
                d.unit = format!("{}{p}", d.unit);
            }
            Node::Task(t) => t.text = format!("{p}{}", t.text),
            Node::Table(t) => {
                for row in &mut t.rows {
                    if let Some(c) = row.get_mut(1) {
                        *c = format!("{c}{p}");
                    }
                }
            }
            Node::Attachment(c) => c.title = format!("{p}{}", c.title),
            _ => {}
        }
    });
    gongbao::import::to_ron(&issue)
}

/// A folder of its own for each caller: the tests run at once, and one
/// removing a shared folder while another wrote into it failed now and then.
fn hostile_file() -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let k = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("gongbao-hostile-{}-{k}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let path = dir.join("hostile.ron");
    std::fs::write(&path, hostile_ron()).expect("write");
    path
}

fn forbidden_char(c: char) -> bool {
    (c as u32) < 0x20 && c != '\n'
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || matches!(c, '\u{61c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}' | '\u{ad}' | '\u{2028}' | '\u{2029}')
}

#[test]
fn the_ron_escapes_arrive_as_real_control_characters() {
    let ron = hostile_ron();
    assert!(
        !ron.contains('\u{1b}'),
        "the file itself holds escapes, not raw ESC"
    );
    let tree = model::load::parse(&ron, std::path::Path::new("hostile.ron")).expect("loads");
    assert!(tree.issue().expect("issue").title.contains('\u{1b}'));
}

/// Records what a terminal would do with the app's output.
#[derive(Default)]
struct Seen {
    bad: Vec<String>,
    csi: std::collections::BTreeSet<String>,
}

impl vte::Perform for Seen {
    fn print(&mut self, _c: char) {}
    fn execute(&mut self, byte: u8) {
        self.bad.push(format!("C0/C1 control {byte:#x}"));
    }
    fn hook(&mut self, _: &vte::Params, _: &[u8], _: bool, action: char) {
        self.bad.push(format!("DCS {action}"));
    }
    fn osc_dispatch(&mut self, params: &[&[u8]], _: bool) {
        self.bad.push(format!(
            "OSC {:?}",
            params
                .first()
                .map(|p| String::from_utf8_lossy(p).into_owned())
        ));
    }
    fn csi_dispatch(&mut self, params: &vte::Params, intermediates: &[u8], _: bool, action: char) {
        let p: Vec<u16> = params.iter().flatten().copied().collect();
        let key = format!("{}{action}", String::from_utf8_lossy(intermediates));
        // What ratatui's crossterm backend emits: cursor moves, SGR, clears,
        // and showing/hiding the cursor.
        let ok = matches!(action, 'H' | 'm' | 'J' | 'K')
            || (intermediates == b"?" && matches!(action, 'h' | 'l') && p == [25]);
        if !ok {
            self.bad.push(format!("CSI {key} {p:?}"));
        }
        self.csi.insert(key);
    }
    fn esc_dispatch(&mut self, intermediates: &[u8], _: bool, byte: u8) {
        self.bad
            .push(format!("ESC {:?} {}", intermediates, byte as char));
    }
}

/// A writer whose bytes the test can read after the backend is done.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("buffer").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn rendered_screens_emit_only_the_apps_own_sequences() {
    let tree =
        model::load::parse(&hostile_ron(), std::path::Path::new("hostile.ron")).expect("loads");
    let size = Rect::new(0, 0, 120, 40);
    let mut app = App::new(tree, size);
    let km = Keymap::defaults();
    for color in [true, false] {
        let out = Shared::default();
        let backend = CrosstermBackend::new(out.clone());
        let mut term = Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fixed(size),
            },
        )
        .expect("terminal");
        let theme = Theme { color };
        let draw = |app: &App, term: &mut Terminal<CrosstermBackend<Shared>>| {
            term.draw(|f| ui::draw(f, app, &km, theme)).expect("draw");
        };
        draw(&app, &mut term);
        app.update(Action::CollapseToLevel(5));
        let nodes: Vec<usize> = (1..app.tree.len())
            .filter(|&i| app.tree.nodes[i].kind != Kind::Paragraph)
            .step_by(7)
            .collect();
        for ix in nodes {
            app.jump_to(ix);
            draw(&app, &mut term);
        }
        for action in [
            Action::OpenTimeline,
            Action::Close,
            Action::OpenUnits,
            Action::MoveDown,
            Action::Close,
            Action::ToggleHelp,
            Action::Close,
            Action::OpenPalette,
        ] {
            app.update(action);
            draw(&app, &mut term);
        }
        for c in "PWNED".chars() {
            gongbao::tui::handle(
                &mut app,
                &km,
                &crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
                    crossterm::event::KeyCode::Char(c),
                    crossterm::event::KeyModifiers::NONE,
                )),
            );
            draw(&app, &mut term);
        }
        drop(term);
        let bytes = out.0.lock().expect("buffer").clone();
        assert!(bytes.len() > 10_000);
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        for (i, c) in text.char_indices() {
            if c == '\u{1b}' {
                assert_eq!(
                    text.as_bytes().get(i + 1),
                    Some(&b'['),
                    "ESC not starting a CSI at byte {i}"
                );
            } else {
                assert!(!forbidden_char(c), "{c:?} reached the terminal at byte {i}");
            }
        }
        let mut seen = Seen::default();
        let mut parser = vte::Parser::new();
        parser.advance(&mut seen, &bytes);
        assert!(seen.bad.is_empty(), "unexpected sequences: {:?}", seen.bad);
        if !color {
            // NO_COLOR: SGR carries no colour (39 and 49 reset to the defaults).
            let sgr_colour = text.split("\u{1b}[").filter(|s| {
                let params: String = s
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == ';')
                    .collect();
                s[params.len()..].starts_with('m')
                    && params.split(';').any(|p| {
                        matches!(
                            p.parse::<u16>(),
                            Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
                        )
                    })
            });
            assert_eq!(sgr_colour.count(), 0, "colour sequences without colour");
        }
    }
}

#[test]
fn headless_output_is_clean() {
    let path = hostile_file();
    let runs: Vec<Vec<&str>> = vec![
        vec!["tree", "--ids"],
        vec!["show", "d1"],
        vec!["show", "d2/a2/t1"],
        vec!["find", "PWNED"],
        vec!["find", "PWNED", "--text"],
        vec!["find", "xcl", "--json"],
        vec!["export", "--format", "markdown"],
        vec!["export", "--format", "json"],
        vec!["timeline"],
        vec!["timeline", "--json"],
        vec!["units"],
        vec!["indicators"],
    ];
    for args in runs {
        let out = common::env::bin()
            .arg("--data")
            .arg(&path)
            .args(&args)
            .output()
            .expect("runs");
        assert!(
            out.status.code().is_some_and(|c| c == 0 || c == 1),
            "{args:?}: {:?}",
            out.status
        );
        let text = String::from_utf8(out.stdout).expect("utf-8");
        assert!(!text.is_empty(), "{args:?}");
        for c in text.chars() {
            assert!(!forbidden_char(c) || c == '\t', "{args:?}: {c:?} on stdout");
        }
        assert!(
            out.stderr.iter().all(|&b| b != 0x1b),
            "{args:?}: ESC on stderr"
        );
    }
    // JSON keeps the text, escaped.
    let out = common::env::bin()
        .arg("--data")
        .arg(&path)
        .args(["export", "--format", "json"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(v["title"].as_str().expect("title").contains('\u{1b}'));
    let _ = std::fs::remove_dir_all(path.parent().expect("dir"));
}

#[derive(Default)]
struct Watch {
    events: Vec<String>,
}

impl vt100::Callbacks for Watch {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.events
            .push(format!("title {:?}", String::from_utf8_lossy(title)));
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.events
            .push(format!("icon {:?}", String::from_utf8_lossy(name)));
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], data: &[u8]) {
        self.events
            .push(format!("clipboard {:?}", String::from_utf8_lossy(data)));
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8]) {
        self.events.push("paste".into());
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        self.events.push(format!(
            "osc {:?}",
            params
                .iter()
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .collect::<Vec<_>>()
        ));
    }
    fn resize(&mut self, _: &mut vt100::Screen, r: (u16, u16)) {
        self.events.push(format!("resize {r:?}"));
    }
}

#[test]
fn the_explorer_on_hostile_text_changes_no_title_and_no_clipboard() {
    let path = hostile_file();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_gongbao"));
    cmd.arg("--data");
    cmd.arg(&path);
    let mut s = Session::spawn_with(120, 40, cmd, Watch::default());
    s.wait("the explorer", |t| {
        t.contains("目录树") && t.contains("1/32")
    });
    for keys in [
        "5", "G", "g", "\t", " ", " ", "\t", "/", "PWNED", "\r", "\u{6}", "PWNED", "\r", "n", "n",
        "N", "t", "]", "\u{1b}", "u", "j", "\t", "\r",
    ] {
        s.keys(keys);
        // Let each key be read on its own (an Esc followed at once by a
        // letter would be one Alt key).
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    s.wait("the last screen", |t| t.contains("目录树"));
    s.keys("q");
    s.wait_exit();
    let parser = s.parser.lock().expect("parser");
    assert_eq!(parser.callbacks().events, Vec::<String>::new());
    assert!(!parser.screen().alternate_screen());
    let _ = std::fs::remove_dir_all(path.parent().expect("dir"));
}
