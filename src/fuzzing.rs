//! Entry points shared by the cargo-fuzz targets (`fuzz/`) and the corpus
//! replay test (`tests/fuzz_corpus.rs`). Each must return, never panic.

use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Keymap;
use crate::tui::ui::{self, Theme};

/// Bytes as a gazette file: UTF-8 check, RON parse, validation, tree.
pub fn load(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = crate::model::load::parse(text, std::path::Path::new("fuzz.ron"));
    }
}

/// Bytes as a document in every form the importer reads (text, Markdown,
/// a web page, .docx): import, write RON, load it back (an import that
/// succeeds writes a file that loads: `import` checks it before writing).
pub fn import(data: &[u8]) {
    for ext in ["txt", "md", "html", "docx"] {
        import_as(ext, data);
    }
}

/// Bytes as a document of one form, named by its extension: `txt` (any
/// encoding: UTF-8, UTF-16 with or without a BOM, GB18030/GBK), `md`,
/// `html`, `docx` (a zip). See [`import`].
pub fn import_as(ext: &str, data: &[u8]) {
    let name = format!("fuzz.{ext}");
    let Ok(imp) = crate::import::import_file(std::path::Path::new(&name), data) else {
        return;
    };
    let ron = crate::import::entry_to_ron(&imp.entry);
    if let Err(e) = crate::model::load::parse(&ron, std::path::Path::new("import.ron")) {
        // Structural problems are refused by validation (and `import`
        // exits 2 on them); a syntax error would be a real bug.
        assert!(
            !matches!(e, crate::model::LoadError::Syntax { .. }),
            "{name}: the importer wrote RON it cannot read: {e}"
        );
    }
}

/// Bytes as text scanned for citations: each found range lies inside the
/// text, in order; then resolved in a one-paragraph regulation holding the
/// text (articles, 款 and 项 of any number, 0 included, must not panic).
pub fn citations(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let n = text.chars().count();
    let mut aliases = std::collections::HashMap::new();
    let mut last = 0;
    for f in crate::domain::citations::scan(text, &mut aliases) {
        assert!(f.start < f.end && f.end <= n, "{f:?} in {n} characters");
        assert!(f.start >= last, "{f:?} before {last}");
        last = f.end;
    }
    let doc = crate::model::schema::Entry::Document(Box::new(crate::model::schema::Document {
        id: "d1".into(),
        title: "某某条例".into(),
        children: vec![crate::model::schema::Node::Article(
            crate::model::schema::Heading {
                id: "d1/a1".into(),
                number: "一".into(),
                ordinal: Some(1),
                text: text.into(),
                ..Default::default()
            },
        )],
        ..Default::default()
    }));
    let tree = crate::model::Tree::new(doc);
    let _ = crate::domain::citations::Citations::build(&tree);
}

/// Bytes as a body of one of the library's index files (see
/// `library::search::exercise`): decoded, checked, searched.
pub fn index(data: &[u8]) {
    crate::library::search::exercise(data);
}

/// Bytes as a terminal size and a sequence of actions on the embedded issue,
/// drawn after each one.
pub fn render(data: &[u8]) {
    use std::sync::OnceLock;
    static TREE: OnceLock<Option<crate::model::Tree>> = OnceLock::new();
    let Some(tree) = TREE.get_or_init(|| crate::model::load_embedded().ok()) else {
        return;
    };
    let (w, h) = match data {
        [a, b, ..] => (u16::from(*a), u16::from(*b) / 2),
        _ => (80, 24),
    };
    let mut app = App::new(tree.clone(), Rect::new(0, 0, w, h));
    let keymap = Keymap::defaults();
    let mut term = match Terminal::new(TestBackend::new(w, h)) {
        Ok(t) => t,
        Err(never) => match never {},
    };
    const ACTIONS: [Action; 24] = [
        Action::MoveDown,
        Action::MoveUp,
        Action::CollapseOrParent,
        Action::ExpandOrChild,
        Action::Open,
        Action::First,
        Action::Last,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::CollapseToLevel(5),
        Action::CollapseToLevel(1),
        Action::ToggleHelp,
        Action::Close,
        Action::NarrowTree,
        Action::WidenTree,
        Action::ToggleTree,
        Action::FocusNext,
        Action::OpenTimeline,
        Action::OpenUnits,
        Action::Next,
        Action::CycleGrouping,
        Action::JumpBack,
        Action::OpenPalette,
    ];
    for &b in data.iter().skip(2).take(64) {
        if app.typing() {
            use crate::tui::action::PromptAction as P;
            use crate::tui::app::Typed;
            let typed = match b % 10 {
                0 => Typed::Action(P::Cancel),
                5 => Typed::Action([P::Next, P::Prev, P::DeleteBack, P::Clear][usize::from(b) % 4]),
                _ => Typed::Char(char::from(b'a' + b % 26)),
            };
            app.input(typed);
        } else if b >= 250 {
            app.resize(Rect::new(0, 0, u16::from(b) % 7, u16::from(b) % 5));
        } else {
            app.update(ACTIONS[usize::from(b) % ACTIONS.len()]);
        }
        let _ = term.draw(|f| ui::draw(f, &app, &keymap, Theme { color: b % 2 == 0 }));
    }
}
