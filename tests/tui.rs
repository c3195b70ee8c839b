//! The explorer over ratatui's `TestBackend`: state transitions as tables,
//! whole-screen snapshots at 80×24 and 41×12, and every small size.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;

use gongbao::model::{self, Kind, Tree};
use gongbao::tui::action::Action;
use gongbao::tui::app::{App, Effect, Focus, Overlay};
use gongbao::tui::keymap::Keymap;
use gongbao::tui::ui::{self, Theme};

fn tree() -> Tree {
    model::load_embedded().expect("embedded")
}

fn app(w: u16, h: u16) -> App {
    App::new(tree(), Rect::new(0, 0, w, h))
}

fn screen(app: &App) -> String {
    app_screen(app, false)
}

/// Draws without turning the buffer into text (TestBackend's Display
/// cannot show a zero-width buffer).
fn draw_only(app: &App) {
    let mut term =
        Terminal::new(TestBackend::new(app.size.width, app.size.height)).expect("terminal");
    term.draw(|f| ui::draw(f, app, &Keymap::defaults(), Theme { color: true }))
        .expect("draw");
}

fn selected_id(app: &App) -> String {
    app.tree.nodes[app.tree_state.selected].id.clone()
}

#[test]
fn actions_move_the_selection() {
    use Action::*;
    let cases: &[(&[Action], &str)] = &[
        (&[], "issue"),
        (&[MoveDown], "d1"),
        (&[MoveDown, MoveUp], "issue"),
        (&[MoveUp], "issue"),
        (&[MoveDown, ExpandOrChild], "d1/p1"),
        (&[MoveDown, CollapseOrParent, MoveDown], "d2"),
        (&[MoveDown, CollapseOrParent, CollapseOrParent], "issue"),
        (&[Last], "d4/p5"),
        (&[Last, First], "issue"),
        (&[CollapseToLevel(1), Last], "d4"),
        (
            &[
                MoveDown,
                MoveDown,
                MoveDown,
                MoveDown,
                MoveDown,
                MoveDown,
                ExpandOrChild,
                ExpandOrChild,
            ],
            "d1/a1/p1",
        ),
        (&[Last, CollapseToLevel(1)], "d4"),
    ];
    for (actions, expected) in cases {
        let mut a = app(80, 24);
        for &act in *actions {
            a.update(act);
        }
        assert_eq!(&selected_id(&a), expected, "after {actions:?}");
    }
}

#[test]
fn reader_cursor_opens_the_line_under_it() {
    let mut a = app(80, 24);
    // The issue's contents: the first entry belongs to the first document.
    a.update(Action::FocusNext);
    assert_eq!(a.focus, Focus::Reader);
    for _ in 0..5 {
        a.update(Action::MoveDown);
    }
    a.update(Action::Open);
    assert_eq!(selected_id(&a), "d1");
    assert_eq!(a.focus, Focus::Tree);
}

#[test]
fn unchanged_state_asks_for_no_redraw() {
    let mut a = app(80, 24);
    assert_eq!(a.update(Action::MoveUp), Effect::None, "already at the top");
    assert_eq!(a.update(Action::MoveDown), Effect::Redraw);
    assert_eq!(a.update(Action::Close), Effect::None);
    let km = Keymap::defaults();
    let unbound = Event::Key(KeyEvent::new(KeyCode::Char('Z'), KeyModifiers::SHIFT));
    assert_eq!(gongbao::tui::handle(&mut a, &km, &unbound), Effect::None);
}

fn column(t: &Tree, n: &str) -> usize {
    t.of_kind(Kind::Column)
        .find(|&c| t.number(c) == n)
        .expect("column")
}

#[test]
fn snapshots_80x24() {
    let mut a = app(80, 24);
    insta::assert_snapshot!("tree_80x24", screen(&a));
    let c5 = column(&a.tree, "5");
    a.jump(c5);
    insta::assert_snapshot!("column5_80x24", screen(&a));
    let t = a.tree.of_kind(Kind::Table).next().expect("table");
    a.jump(t);
    insta::assert_snapshot!("table_80x24", screen(&a));
    a.update(Action::ToggleHelp);
    insta::assert_snapshot!("help_80x24", screen(&a));
}

#[test]
fn snapshots_41x12() {
    let mut a = app(41, 12);
    insta::assert_snapshot!("tree_41x12", screen(&a));
    let c5 = column(&a.tree, "5");
    a.jump(c5);
    insta::assert_snapshot!("column5_41x12", screen(&a));
    let dec = a.tree.find_id("d3/a1/t1").expect("catalogue");
    a.jump(dec);
    insta::assert_snapshot!("decisions_41x12", screen(&a));
    a.update(Action::ToggleHelp);
    insta::assert_snapshot!("help_41x12", screen(&a));
}

#[test]
fn every_size_renders_without_panic() {
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for w in 0..=12 {
        for h in 0..=12 {
            sizes.push((w, h));
        }
    }
    sizes.extend([(1, 200), (200, 1), (500, 200), (3, 2), (20, 6), (50, 15)]);
    let mut a = app(80, 24);
    let c = column(&a.tree, "13");
    a.jump(c);
    for (w, h) in sizes {
        a.resize(Rect::new(0, 0, w, h));
        draw_only(&a);
        a.update(Action::ToggleHelp);
        draw_only(&a);
        a.update(Action::Close);
        for act in [
            Action::MoveDown,
            Action::PageDown,
            Action::FocusNext,
            Action::Last,
            Action::FocusNext,
        ] {
            a.update(act);
        }
    }
}

#[test]
fn no_screen_line_is_wider_than_the_terminal_and_borders_align() {
    let mut a = app(80, 24);
    for id in ["d1/a1/c3/s1/i4", "d2/a2/t1", "d1/a1/c2/s4/k1/t1"] {
        let ix = a.tree.find_id(id).expect(id);
        a.jump(ix);
        let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        term.draw(|f| ui::draw(f, &a, &Keymap::defaults(), Theme { color: true }))
            .expect("draw");
        let buf = term.backend().buffer().clone();
        let tree_w = a.areas().tree.width;
        for y in 2..22 {
            assert_eq!(
                buf[(tree_w - 1, y)].symbol(),
                "│",
                "tree border at row {y} for {id}"
            );
            assert_eq!(
                buf[(tree_w, y)].symbol(),
                "│",
                "reader border at row {y} for {id}"
            );
            assert_eq!(
                buf[(79, y)].symbol(),
                "│",
                "right border at row {y} for {id}"
            );
        }
    }
}

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn type_str(a: &mut App, km: &Keymap, s: &str) {
    for c in s.chars() {
        gongbao::tui::handle(a, km, &key(KeyCode::Char(c)));
    }
}

#[test]
fn palette_jumps_and_the_jump_list_goes_back() {
    let km = Keymap::defaults();
    let mut a = app(80, 24);
    type_str(&mut a, &km, "/xny");
    insta::assert_snapshot!("palette_xny_80x24", screen(&a));
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Enter));
    assert_eq!(selected_id(&a), "d1/a1/c3/s1/i2");
    assert!(a
        .reader
        .lines
        .get(0)
        .expect("a line")
        .plain()
        .contains("2. 新能源及智能网联汽车"));
    // Down picks the second hit; Esc restores the view.
    type_str(&mut a, &km, "/");
    assert!(a.typing());
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Down));
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Esc));
    assert_eq!(selected_id(&a), "d1/a1/c3/s1/i2");
    // The last query is recalled; typing replaces it.
    type_str(&mut a, &km, "/");
    let Overlay::Palette(p) = &a.overlay else {
        panic!("palette")
    };
    assert_eq!(p.input, "xny");
    type_str(&mut a, &km, "xcl");
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Enter));
    assert_eq!(selected_id(&a), "d1/a1/c3/s1/i4");
    a.update(Action::JumpBack);
    assert_eq!(selected_id(&a), "d1/a1/c3/s1/i2");
    a.update(Action::JumpBack);
    assert_eq!(selected_id(&a), "issue");
    a.update(Action::JumpForward);
    assert_eq!(selected_id(&a), "d1/a1/c3/s1/i2");
}

#[test]
fn full_text_search_counts_and_steps_through_hits() {
    let km = Keymap::defaults();
    let mut a = app(80, 24);
    gongbao::tui::handle(
        &mut a,
        &km,
        &Event::Key(KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL)),
    );
    type_str(&mut a, &km, "IGBT");
    assert_eq!(a.hits.len(), 3);
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Enter));
    assert_eq!(a.hit, Some(0));
    let first = selected_id(&a);
    assert!(a.highlight_terms().contains(&"IGBT".to_string()));
    insta::assert_snapshot!("search_igbt_80x24", screen(&a));
    a.update(Action::NextHit);
    a.update(Action::NextHit);
    assert_eq!(a.hit, Some(2));
    a.update(Action::NextHit);
    assert_eq!(selected_id(&a), first, "n wraps around");
    a.update(Action::PrevHit);
    assert_eq!(a.hit, Some(2));
    a.update(Action::Close);
    assert!(a.hits.is_empty());
}

fn app_screen(a: &App, color: bool) -> String {
    let mut term = Terminal::new(TestBackend::new(a.size.width, a.size.height)).expect("terminal");
    term.draw(|f| ui::draw(f, a, &Keymap::defaults(), Theme { color }))
        .expect("draw");
    plain_rows(term.backend().buffer())
}

/// The screen as a person reads it: one line per row, a wide character
/// once (not followed by the blank cell it covers), trailing blanks cut.
fn plain_rows(buf: &ratatui::buffer::Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut covered = 0;
        for x in area.left()..area.right() {
            if covered > 0 {
                covered -= 1;
                continue;
            }
            let s = buf[(x, y)].symbol();
            line.push_str(s);
            covered = gongbao::text::width(s).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn timeline_view_moves_the_as_of_month_filters_and_opens_rows() {
    use gongbao::domain::deadlines::What;
    use gongbao::domain::timeline::Status;
    use gongbao::tui::app::View;
    let km = Keymap::defaults();
    let mut a = app(160, 45);
    a.update(Action::OpenTimeline);
    insta::assert_snapshot!("timeline_160x45", app_screen(&a, false));
    let View::Timeline(t) = &a.view else {
        panic!("timeline")
    };
    assert_eq!(t.as_of.to_string(), "2021-08");
    let due = |a: &App| match &a.view {
        View::Timeline(t) => t
            .all
            .iter()
            .filter(|d| d.what == What::Decision && d.status == Status::Due)
            .count(),
        _ => 0,
    };
    assert_eq!(due(&a), 5);
    a.update(Action::Next);
    assert_eq!(due(&a), 5, "September: 1.3 1.17 1.18 5 9");
    a.update(Action::Next);
    a.update(Action::Next);
    a.update(Action::Next);
    assert_eq!(due(&a), 5, "December: 1.2 1.4 1.15 1.16 8");
    a.update(Action::Previous);
    a.update(Action::CycleGrouping);
    a.update(Action::CycleGrouping);
    insta::assert_snapshot!("timeline_by_unit_100x30", {
        a.resize(Rect::new(0, 0, 100, 30));
        app_screen(&a, false)
    });
    a.update(Action::CycleGrouping);
    // Filter by unit, then open its second row.
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('f')));
    type_str(&mut a, &km, "市发展改革委");
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Enter));
    let View::Timeline(t) = &a.view else {
        panic!("timeline")
    };
    assert_eq!(t.rows().len(), 4);
    a.update(Action::MoveDown);
    a.update(Action::Open);
    assert_eq!(a.view, View::Explorer);
    assert_eq!(selected_id(&a), "d3/a1/t1/r2");
    a.update(Action::JumpBack);
    assert_eq!(selected_id(&a), "issue");
}

#[test]
fn units_view_shows_a_portfolio_and_jumps() {
    use gongbao::tui::app::View;
    let mut a = app(80, 24);
    a.update(Action::OpenUnits);
    let ndrc = a
        .units
        .units
        .iter()
        .position(|u| u.unit == "市发展改革委")
        .expect("unit");
    for _ in 0..ndrc {
        a.update(Action::MoveDown);
    }
    insta::assert_snapshot!("units_80x24", app_screen(&a, false));
    a.update(Action::FocusNext);
    a.update(Action::Open);
    assert_eq!(a.view, View::Explorer);
    assert_eq!(selected_id(&a), "d3/a1/t1/r1");
    a.update(Action::OpenUnits);
    a.update(Action::Close);
    assert_eq!(a.view, View::Explorer);
}

#[test]
fn global_keys_work_from_every_view() {
    use gongbao::tui::app::View;
    let km = Keymap::defaults();
    let mut a = app(100, 30);
    a.update(Action::OpenTimeline);
    a.update(Action::OpenUnits);
    assert!(
        matches!(a.view, View::Units(_)),
        "u from the timeline opens the units"
    );
    a.update(Action::OpenTimeline);
    assert!(
        matches!(a.view, View::Timeline(_)),
        "t from the units opens the timeline"
    );
    // A palette jump from the timeline lands in the explorer.
    type_str(&mut a, &km, "/xcl");
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Enter));
    assert_eq!(a.view, View::Explorer);
    assert_eq!(selected_id(&a), "d1/a1/c3/s1/i4");
}

#[test]
fn help_lists_every_binding_and_scrolls() {
    let km = Keymap::defaults();
    let mut a = app(80, 24);
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('?')));
    let first = screen(&a);
    assert!(first.contains("↓ more"));
    assert!(first.contains("1 2 3 4 5"));
    for _ in 0..40 {
        gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('j')));
    }
    let last = screen(&a);
    assert!(
        last.contains("↑ more") && !last.contains("↓ more"),
        "{last}"
    );
    // Every page, read from the top: the bindings, the prompt's keys, the
    // views' and the mouse (issue 17).
    let mut pages = first.clone();
    let mut b = app(80, 24);
    gongbao::tui::handle(&mut b, &km, &key(KeyCode::Char('?')));
    for _ in 0..60 {
        gongbao::tui::handle(&mut b, &km, &key(KeyCode::Char('j')));
        pages.push_str(&screen(&b));
    }
    for action in [
        "units and what they own",
        "timeline of every dated item",
        "jump: fuzzy",
        "search all text",
        "prompt: next hit",
        "units view: into the unit",
        "select the row, line, unit or hit",
        "scroll the pane or list",
        "copy the node",
        "mark this node",
    ] {
        assert!(pages.contains(action), "{action} missing from help");
    }
    insta::assert_snapshot!("help_scrolled_80x24", last);
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Esc));
    assert!(!a.help());
}

#[test]
fn in_an_archive_every_palette_hit_and_the_title_name_the_issue() {
    let one = tree().into_entry().into_issue().expect("issue");
    let issues = (1..=3)
        .map(|k| {
            let mut i = one.clone();
            i.number = k;
            i.into()
        })
        .collect();
    let km = Keymap::defaults();
    let mut a = App::new(Tree::archive(issues), Rect::new(0, 0, 120, 30));
    // The index built on another thread is the one the palette uses.
    a.prefetch_index();
    type_str(&mut a, &km, "/xcl");
    let s = screen(&a);
    // 9 titles of each issue (scattered initials over long sentences no
    // longer count: issue 17).
    assert!(s.contains(" jump · 27 hits "), "{s}");
    for k in 1..=3 {
        assert!(s.contains(&format!("4. 新材料  2021年第{k}期 › ")), "{s}");
    }
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Down));
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Enter));
    assert_eq!(selected_id(&a), "重庆市人民政府公报-2021-2/d1/a1/c3/s1/i4");
    let title = screen(&a).lines().next().unwrap_or("").to_string();
    assert!(
        title.contains("重庆市人民政府公报 · 3期 › 2021年第2期"),
        "{title}"
    );
    // The timeline holds every issue's dates; E shows one issue's, and
    // the title says which.
    type_str(&mut a, &km, "t");
    let s = screen(&a);
    assert!(s.contains("84 items"), "{s}");
    type_str(&mut a, &km, "EE");
    let s = screen(&a);
    assert!(s.contains("时限 · 2021年第2期 · catalogue order "), "{s}");
    assert!(s.contains("28 items"), "{s}");
    // A unit's portfolio names the issue of every row.
    type_str(&mut a, &km, "u");
    let s = screen(&a);
    for k in 1..=3 {
        assert!(s.contains(&format!("  2021年第{k}期 · ")), "{s}");
    }
}

/// The same keys to two apps.
fn keys_to_both(a: &mut App, b: &mut App, km: &Keymap, keys: &[Event]) {
    for app in [a, b] {
        for k in keys {
            gongbao::tui::handle(app, km, k);
        }
    }
}

fn typed(s: &str) -> Vec<Event> {
    s.chars().map(|c| key(KeyCode::Char(c))).collect()
}

#[test]
fn searches_on_the_worker_show_what_inline_searches_show() {
    let km = Keymap::defaults();
    let mut inline = app(100, 30);
    let mut worked = app(100, 30);
    worked.start_worker();
    // Typed at once: each key supersedes the search before it, and only
    // the answer to the last query is shown.
    keys_to_both(&mut inline, &mut worked, &km, &typed("/xcl"));
    worked.finish_search();
    assert!(!worked.searching());
    assert_eq!(screen(&worked), screen(&inline));
    // Enter right after a key jumps by that key's answer.
    let mut keys = vec![key(KeyCode::Backspace), key(KeyCode::Backspace)];
    keys.extend(typed("ny"));
    keys.push(key(KeyCode::Enter));
    keys_to_both(&mut inline, &mut worked, &km, &keys);
    assert_eq!(selected_id(&worked), "d1/a1/c3/s1/i2");
    assert_eq!(screen(&worked), screen(&inline));
    // The full-text prompt's live count, then Enter steps to the next hit.
    let mut keys = vec![Event::Key(KeyEvent::new(
        KeyCode::Char('f'),
        KeyModifiers::CONTROL,
    ))];
    keys.extend(typed("IGBT"));
    keys_to_both(&mut inline, &mut worked, &km, &keys);
    worked.finish_search();
    let s = screen(&worked);
    assert!(s.contains("search: IGBT▏  3 hits"), "{s}");
    assert_eq!(s, screen(&inline));
    keys_to_both(&mut inline, &mut worked, &km, &[key(KeyCode::Enter)]);
    assert_eq!(worked.hits.len(), 3);
    assert_eq!(screen(&worked), screen(&inline));
}

/// A click or the wheel where the tree would be reaches the tree only when
/// the explorer is what is shown: not through the timeline, the units view
/// or a pop-up (they moved the hidden tree's selection).
#[test]
fn the_mouse_reaches_the_explorer_only_when_it_is_shown() {
    use crossterm::event::{MouseEvent, MouseEventKind};
    let km = Keymap::defaults();
    let click = |col, row| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(crossterm::event::MouseButton::Left),
            column: col,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let wheel = Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 5,
        row: 10,
        modifiers: KeyModifiers::NONE,
    });
    for opener in ['t', 'u', '?', '/'] {
        let mut a = app(100, 30);
        gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char(opener)));
        let before = selected_id(&a);
        gongbao::tui::handle(&mut a, &km, &click(5, 6));
        gongbao::tui::handle(&mut a, &km, &wheel);
        assert_eq!(selected_id(&a), before, "after {opener}");
    }
    // With the explorer shown, a click selects the row under it.
    let mut a = app(100, 30);
    gongbao::tui::handle(&mut a, &km, &click(5, 3));
    assert_ne!(selected_id(&a), "issue");
}

/// Collapse 渝公规〔2021〕4号, expand the plan's attachment, press `2`: the
/// expanded set keeps its size but not its members, and the rows change —
/// so the screen must be redrawn (a count stood in for the set).
#[test]
fn a_change_of_the_expanded_set_of_the_same_size_redraws() {
    let km = Keymap::defaults();
    let mut a = app(100, 30);
    let find = |a: &App, id: &str| a.tree.find_id(id).expect(id);
    let d4 = find(&a, "d4");
    a.tree_state.selected = d4;
    if a.tree_state.is_expanded(d4) {
        a.update(Action::CollapseOrParent);
    } else {
        a.update(Action::ExpandOrChild);
        a.tree_state.selected = d4;
    }
    let att = find(&a, "d1/a1");
    a.tree_state.selected = att;
    if !a.tree_state.is_expanded(att) {
        a.update(Action::ExpandOrChild);
    }
    a.tree_state.selected = 0;
    let count_before = a.tree_state.expanded_count();
    let before = screen(&a);
    let effect = gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('2')));
    assert_eq!(
        a.tree_state.expanded_count(),
        count_before,
        "the scenario: same size"
    );
    assert_ne!(screen(&a), before, "the scenario: other rows");
    assert_eq!(effect, Effect::Redraw);
}

/// The as-of month's label is highlighted exactly over its column, for
/// every month and at three widths (labels were cut by characters, not
/// display width: at 8月 the highlight sat on `0月11`, at 10–12月 nowhere),
/// and the column under it carries the highlight in every row, nowhere else.
#[test]
fn the_as_of_label_is_highlighted_over_its_own_month() {
    for w in [80u16, 120, 200] {
        let mut a = app(w, 30);
        a.update(Action::OpenTimeline);
        // From the catalogue's August back to January.
        for _ in 0..7 {
            a.update(Action::Previous);
        }
        for month in 1..=12usize {
            if month > 1 {
                a.update(Action::Next);
            }
            let mut term = Terminal::new(TestBackend::new(w, 30)).expect("terminal");
            term.draw(|f| ui::draw(f, &a, &Keymap::defaults(), Theme { color: true }))
                .expect("draw");
            let buf = term.backend().buffer().clone();
            let cell = |x: u16, y: u16| buf[(x, y)].symbol().to_string();
            let (row, start) = (0..30u16)
                .find_map(|y| {
                    (0..w - 5)
                        .find(|&x| (x..x + 5).map(|c| cell(c, y)).collect::<String>() == "1  2 ")
                        .map(|x| (y, x))
                })
                .expect("the month labels");
            let at = start + 3 * (month as u16 - 1);
            let label: String = (at..at + 3).map(|x| cell(x, row)).collect();
            assert_eq!(label.trim_end(), month.to_string(), "{w}: month {month}");
            for y in row..30 {
                let lit: Vec<u16> = (0..w)
                    .filter(|&x| buf[(x, y)].bg == ratatui::style::Color::Rgb(60, 60, 20))
                    .collect();
                if y == row {
                    assert_eq!(lit, (at..at + 3).collect::<Vec<_>>(), "{w}: {month}月");
                } else {
                    assert!(
                        lit.iter().all(|&x| (at..at + 3).contains(&x)),
                        "{w}: {month}月, row {y}: {lit:?}"
                    );
                }
            }
        }
    }
}

/// The notice stands in for the key hints until the first key, and that
/// key still does what it does (Ctrl-z suspends, `j` moves, `q` quits).
#[test]
fn the_first_key_takes_the_notice_away_and_still_acts() {
    use gongbao::tui::app::Effect;
    let km = Keymap::defaults();
    let mut a = app(100, 20);
    a.notice = Some("the sample issue — your library is empty".into());
    assert!(screen(&a).contains("your library is empty"));
    let ctrl_z = Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
    assert_eq!(gongbao::tui::handle(&mut a, &km, &ctrl_z), Effect::Suspend);
    assert!(a.notice.is_none());
    assert!(!screen(&a).contains("your library is empty"));
    a.notice = Some("again".into());
    assert_eq!(
        gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('j'))),
        Effect::Redraw
    );
    assert_eq!(selected_id(&a), "d1");
    a.notice = Some("again".into());
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('q')));
    assert!(a.quit);
}

/// Each view and overlay takes the mouse for itself: the wheel moves the
/// timeline's cursor, the units list, the help and the palette's
/// selection; a click selects the timeline row, the unit or the hit under it.
#[test]
fn views_and_overlays_take_their_own_wheel_and_clicks() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    use gongbao::tui::app::{Overlay, View};
    let km = Keymap::defaults();
    let mouse = |kind, column, row| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let click = |c, r| mouse(MouseEventKind::Down(MouseButton::Left), c, r);
    let down = mouse(MouseEventKind::ScrollDown, 20, 10);
    // The timeline: rows start under the title line, the border and the header.
    let mut a = app(160, 40);
    type_str(&mut a, &km, "t");
    assert_eq!(gongbao::tui::handle(&mut a, &km, &down), Effect::Redraw);
    let cursor = |a: &App| match &a.view {
        View::Timeline(t) => t.cursor,
        _ => usize::MAX,
    };
    assert_eq!(cursor(&a), 3);
    // Two header lines: the counts and the column names (the grid's year
    // and months).
    gongbao::tui::handle(&mut a, &km, &click(20, 1 + 3 + 5));
    assert_eq!(cursor(&a), 5);
    assert!(screen(&a).lines().nth(9).is_some_and(|l| l.contains("1.6")));
    // The units view: a click on the list selects that unit.
    let mut a = app(120, 30);
    type_str(&mut a, &km, "u");
    gongbao::tui::handle(&mut a, &km, &click(5, 1 + 1 + 4));
    let selected = |a: &App| match &a.view {
        View::Units(u) => u.selected,
        _ => usize::MAX,
    };
    assert_eq!(selected(&a), 4);
    gongbao::tui::handle(&mut a, &km, &down);
    assert_eq!(selected(&a), 7);
    // The help scrolls.
    let mut a = app(80, 24);
    type_str(&mut a, &km, "?");
    gongbao::tui::handle(&mut a, &km, &down);
    assert_eq!(a.help_scroll, 3);
    // The palette: the wheel moves the selection, a click picks a row.
    let mut a = app(100, 30);
    type_str(&mut a, &km, "/xny");
    gongbao::tui::handle(&mut a, &km, &down);
    let sel = |a: &App| match &a.overlay {
        Overlay::Palette(p) => p.selected,
        _ => usize::MAX,
    };
    assert_eq!(sel(&a), 3);
    // The palette's popup starts on row 1; its hits under the border and the query.
    gongbao::tui::handle(&mut a, &km, &click(30, 1 + 1 + 1 + 5));
    assert_eq!(sel(&a), 5);
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Enter));
    assert!(matches!(a.overlay, Overlay::None));
}

/// An undated decision says so in the grid, where its month would be, and
/// its unit is shown whole.
#[test]
fn an_undated_decision_says_so_in_the_grid() {
    let doc = r#"Document(format: 2, id: "d1", title: "某某决策事项目录", date: Some("2021-03-01"), children: [
        Table((id: "d1/t1", header: [["序号", "决策事项", "承办单位", "决策时间"]], children: [
            Decision((id: "d1/t1/r1", number: "1", title: "甲事项", unit: "市住房城乡建设委", due: Some("2021-05"))),
            Decision((id: "d1/t1/r2", number: "2", title: "乙事项", unit: "市住房城乡建设委", due: None)),
        ])),
    ])"#;
    let tree = gongbao::model::load::parse(doc, std::path::Path::new("d.ron")).expect("parses");
    let mut a = App::new(tree, Rect::new(0, 0, 120, 12));
    a.update(Action::OpenTimeline);
    let s = screen(&a);
    let row = s
        .lines()
        .find(|l| l.contains("乙事项"))
        .expect("the undated row");
    assert!(row.contains("市住房城乡建设委"), "{row}");
    assert!(row.contains("(undated)"), "{row}");
    let dated = s
        .lines()
        .find(|l| l.contains("甲事项"))
        .expect("the dated row");
    // Upcoming as of the catalogue's date, 2021-03.
    assert!(
        !dated.contains("(undated)") && dated.contains('○'),
        "{dated}"
    );
}

/// The explorer's first frame of a library shows its entries without their
/// bodies; when the whole library arrives it takes their place and the
/// selection, the expanded nodes and an open palette's query carry over
/// (the palette asks the new tree again).
#[test]
fn the_whole_library_takes_the_first_frames_place() {
    use gongbao::library::Stub;
    use gongbao::tui::app::{Loaded, Typed};
    let entry = tree().into_entry();
    let first = Tree::archive(vec![Stub::of(&entry).entry()]);
    let whole = Tree::archive(vec![entry]);
    assert!(
        first.len() < whole.len() / 10,
        "the first tree has no bodies"
    );
    let mut a = App::new(first, Rect::new(0, 0, 100, 30));
    // Down to the issue's second document, expanded (a stub has no children).
    let doc = a
        .tree
        .find_id("重庆市人民政府公报-2021-15/d2")
        .expect("the stub lists the issue's documents");
    a.jump(doc);
    assert!(a.tree.nodes[doc].children.is_empty());
    a.update(Action::OpenPalette);
    for c in "xcl".chars() {
        a.input(Typed::Char(c));
    }
    let Overlay::Palette(p) = &a.overlay else {
        panic!("the palette is open")
    };
    // Only the documents' titles before the bodies are in.
    let before = p.total;
    let units = gongbao::domain::units::Units::build(&whole);
    let cites = gongbao::domain::citations::Citations::build(&whole);
    a.replace_tree(Loaded {
        tree: whole,
        units,
        cites,
        notice: None,
    });
    assert_eq!(selected_id(&a), "重庆市人民政府公报-2021-15/d2");
    let sel = a.tree_state.selected;
    assert!(!a.tree.nodes[sel].children.is_empty(), "the body is in");
    for anc in a.tree.ancestors(sel) {
        assert!(a.tree_state.is_expanded(anc), "{}", a.tree.nodes[anc].id);
    }
    let Overlay::Palette(p) = &a.overlay else {
        panic!("the palette stays open")
    };
    assert_eq!(p.input, "xcl");
    assert!(p.total > before, "the palette asked the whole library");
    // Esc goes back to where the explorer was, in the new tree.
    a.input(Typed::Action(gongbao::tui::action::PromptAction::Cancel));
    assert_eq!(selected_id(&a), "重庆市人民政府公报-2021-15/d2");
}

/// The notice that the library is loading stays on the status line until
/// it has loaded; any other notice goes with the first key.
#[test]
fn the_loading_notice_stays_until_the_library_is_in() {
    let km = Keymap::defaults();
    let mut a = app(100, 30);
    a.notice = Some("loading the library: 3 entries…".into());
    a.loading = true;
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('j')));
    assert!(a.notice.is_some());
    assert!(screen(&a).contains("loading the library"));
    a.loading = false;
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('k')));
    assert_eq!(a.notice, None);
}

/// Typing or pasting into the palette or the search prompt stops at the
/// longest query (200 characters).
#[test]
fn prompts_take_at_most_the_longest_query() {
    use gongbao::tui::app::Typed;
    let mut a = app(100, 30);
    a.update(Action::OpenPalette);
    for _ in 0..250 {
        a.input(Typed::Char('新'));
    }
    let Overlay::Palette(p) = &a.overlay else {
        panic!("the palette is open")
    };
    assert_eq!(p.input.chars().count(), 200);
    a.input(Typed::Action(gongbao::tui::action::PromptAction::Cancel));
    a.update(Action::OpenSearch);
    for _ in 0..250 {
        a.input(Typed::Char('x'));
    }
    let Overlay::Search(p) = &a.overlay else {
        panic!("the search prompt is open")
    };
    assert_eq!(p.input.chars().count(), 200);
    a.paste(&"y".repeat(5000));
    let Overlay::Search(p) = &a.overlay else {
        panic!("the search prompt is open")
    };
    assert_eq!(p.input.chars().count(), 200);
}

/// An empty list's position is `0/0`, never `1/0` (the units view of an
/// issue that names no unit).
#[test]
fn an_empty_list_is_at_0_of_0() {
    let ron = r#"(
  year: 2021,
  number: 1,
  published: "2021-01-15",
  title: "测试公报",
  publisher: "测试",
  documents: [
    Document((
      id: "d1",
      title: "关于测试的通知",
      children: [Paragraph((id: "d1/p1", text: "正文。"))],
    )),
  ],
)"#;
    let tree = model::load::parse(ron, std::path::Path::new("t.ron")).expect("parses");
    let mut a = App::new(tree, Rect::new(0, 0, 100, 30));
    assert!(a.units.units.is_empty());
    a.update(Action::OpenUnits);
    let s = screen(&a);
    let status = s.lines().last().expect("a status line");
    assert!(status.trim_end().ends_with("0/0"), "{status}");
}

/// A paragraph of 2 MB (issue 14: one of 60 MB froze the explorer for
/// seconds on every key): wrapped once per width, kept when the tree moves
/// away and back, and each key in the reader makes only the lines it shows.
#[test]
fn a_long_paragraph_is_wrapped_once_and_only_shown_lines_are_made() {
    use gongbao::view::line::counters;
    let km = Keymap::defaults();
    let big = "现将规划印发给你们，请认真贯彻执行。".repeat(40_000);
    let ron = model::load::EMBEDDED.replacen(
        "现将《重庆市制造业高质量发展“十四五”规划(2021—2025年)》印发给你们,请认真贯彻执行。",
        &big,
        1,
    );
    let tree = model::load::parse(&ron, std::path::Path::new("big.ron")).expect("loads");
    let p = tree.find_id("d1/p2").expect("the paragraph");
    let mut a = App::new(tree, Rect::new(0, 0, 100, 30));
    let (w0, _) = counters::get();
    a.jump(p);
    draw_only(&a);
    let (w1, m1) = counters::get();
    assert_eq!(w1 - w0, 1, "wrapped once");
    let lines = a.reader.lines.len();
    assert!(lines > 10_000, "{lines} lines");
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Tab));
    assert_eq!(a.focus, Focus::Reader);
    let shown = 28; // the reader's rows at 100×30
    for k in 1..=40 {
        let code = if k % 4 == 0 { 'k' } else { 'j' };
        let before = counters::get().1;
        gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char(code)));
        draw_only(&a);
        let made = counters::get().1 - before;
        assert!(made <= shown, "key {k} made {made} lines");
    }
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::End));
    draw_only(&a);
    assert_eq!(a.reader.cursor, lines - 1);
    assert_eq!(counters::get().0, w1, "the keys wrapped nothing again");
    // Away to the issue and back through the document that holds it.
    let doc = a.tree.find_id("d1").expect("the document");
    a.jump(0);
    a.jump(doc);
    a.jump(p);
    draw_only(&a);
    assert_eq!(counters::get().0, w1, "moving back found the wrap kept");
    let _ = m1;
    // Another width wraps it once more.
    a.resize(Rect::new(0, 0, 140, 30));
    draw_only(&a);
    assert_eq!(counters::get().0, w1 + 1);
}

/// Citations in the explorer (issue 15): `]` selects the next link in the
/// reader (drawn black on cyan), Enter follows it and Ctrl-o comes back,
/// `C` lists who cites the selected document and Enter there lands on the
/// citing line with its link selected.
#[test]
fn links_are_followed_and_cited_by_jumps_back_to_the_citation() {
    use gongbao::view::line::Tone;
    let km = Keymap::defaults();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/citations");
    let tree = model::load_path(&dir).expect("loads");
    let notice = tree.find_id("青府办发〔2019〕12号/d1").expect("notice");
    let mut a = App::new(tree, Rect::new(0, 0, 120, 30));
    a.jump(notice);
    for c in [KeyCode::Tab, KeyCode::Char(']'), KeyCode::Char(']')] {
        gongbao::tui::handle(&mut a, &km, &key(c));
    }
    let (line, k) = a.reader.link.expect("a link is selected");
    assert_eq!(a.cites.links[k as usize].text, "《样例保护法》");
    assert_eq!(a.reader.cursor, line);
    // Drawn as selected: black on cyan where the link is.
    let mut term = Terminal::new(TestBackend::new(120, 30)).expect("terminal");
    term.draw(|f| ui::draw(f, &a, &km, Theme { color: true }))
        .expect("draw");
    let spans = a.reader.lines.get(line).expect("the line").spans;
    let before: usize = spans
        .iter()
        .take_while(|s| s.tone != Tone::Link(k))
        .map(|s| gongbao::text::width(&s.text))
        .sum();
    let area = gongbao::tui::layout::inner(a.areas().reader);
    let row = area.y + (line - a.reader.scroll) as u16;
    let cell = &term.backend().buffer()[(area.x + before as u16, row)];
    assert_eq!(cell.symbol(), "《");
    assert_eq!(cell.bg, ratatui::style::Color::Cyan);
    // Enter follows it; Ctrl-o comes back.
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Enter));
    assert_eq!(selected_id(&a), "主席令第二十一号/d1");
    gongbao::tui::handle(
        &mut a,
        &km,
        &Event::Key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL)),
    );
    assert_eq!(selected_id(&a), "青府办发〔2019〕12号/d1");
    // Back, nothing is selected: `]` takes the first link on screen (it
    // names an article's 款), `[` from none the last.
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Tab));
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('[')));
    let (_, k) = a.reader.link.expect("a link is selected");
    assert_eq!(
        a.cites.links[k as usize].text,
        "《青岑省样例发展规划（2021—2025年）》"
    );
    a.reader.link = None;
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char(']')));
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Enter));
    assert_eq!(selected_id(&a), "主席令第二十一号/d1/a3/p1");
    // Who cites the regulation: `C` on it, then Enter on a row.
    let reg = a
        .tree
        .find_id("青岑省人大常委会公告第8号/d1")
        .expect("regulation");
    a.jump(reg);
    a.focus = Focus::Tree;
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('C')));
    let Overlay::CitedBy(p) = &a.overlay else {
        panic!("the panel is open")
    };
    let citing: Vec<String> = p
        .rows
        .iter()
        .map(|&k| a.tree.nodes[a.cites.links[k].node].id.clone())
        .collect();
    // Its own articles cite each other (前款, 本条例第二条 …) too.
    assert!(
        citing.contains(&"青府令第30号/d1/a1".to_string()),
        "{citing:?}"
    );
    assert!(
        citing.contains(&"青府办发〔2016〕5号/d1/p1".to_string()),
        "{citing:?}"
    );
    let want = citing
        .iter()
        .position(|c| c == "青府办发〔2016〕5号/d1/p1")
        .expect("row");
    for _ in 0..want {
        gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('j')));
    }
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Enter));
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(selected_id(&a), "青府办发〔2016〕5号/d1/p1");
    let (_, k) = a.reader.link.expect("the citation is selected");
    assert_eq!(a.cites.links[k as usize].text, "《青岑省样例管理条例》");
    assert_eq!(a.focus, Focus::Reader);
}

/// The timeline keeps its state when left and opened again (issue 16):
/// cursor, as-of month and grouping, through the explorer and the units view.
#[test]
fn the_timeline_comes_back_as_it_was_left() {
    use gongbao::tui::app::View;
    let mut a = app(120, 40);
    a.update(Action::OpenTimeline);
    a.update(Action::Next);
    a.update(Action::CycleGrouping);
    a.update(Action::MoveDown);
    a.update(Action::MoveDown);
    let state = |a: &App| match &a.view {
        View::Timeline(t) => (t.as_of.to_string(), t.by, t.cursor),
        _ => panic!("the timeline is shown"),
    };
    let before = state(&a);
    assert_eq!(before.0, "2021-09");
    a.update(Action::Close);
    assert!(matches!(a.view, View::Explorer));
    a.update(Action::OpenTimeline);
    assert_eq!(state(&a), before);
    a.update(Action::OpenUnits);
    a.update(Action::OpenTimeline);
    assert_eq!(state(&a), before);
}

/// The palette's kind column holds the widest kind with a space after it
/// (issue 17: `attachment2021年度…`).
#[test]
fn the_palette_kind_column_never_runs_into_the_title() {
    let km = Keymap::defaults();
    let mut a = app(100, 30);
    type_str(&mut a, &km, "/2021年度重庆市人民政府重大行政决策事项目录");
    let s = screen(&a);
    assert!(s.contains("附件     2021年度"), "{s}");
    assert!(!s.contains("附件2021"), "{s}");
}

/// `1 hit`, not `1 hits` (issue 17).
#[test]
fn one_hit_is_one_hit() {
    let km = Keymap::defaults();
    let mut a = app(100, 30);
    type_str(&mut a, &km, "/重庆市公安局关于规范农村地区居民分户的通知");
    let s = screen(&a);
    assert!(s.contains(" 1 hit "), "{s}");
}

/// Ctrl-c in the palette closes it, as in fzf; with nothing open it quits
/// (issue 17).
#[test]
fn ctrl_c_closes_the_palette_then_quits() {
    let km = Keymap::defaults();
    let mut a = app(100, 30);
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    type_str(&mut a, &km, "/xcl");
    assert!(a.typing());
    gongbao::tui::handle(&mut a, &km, &ctrl_c);
    assert!(!a.typing());
    assert!(!a.quit);
    gongbao::tui::handle(&mut a, &km, &ctrl_c);
    assert!(a.quit);
}

/// Full-text search says where it is (`hit 2/13`), when `n` goes round,
/// and when Enter finds nothing (issue 17).
#[test]
fn full_text_search_says_where_it_is() {
    let km = Keymap::defaults();
    let mut a = app(120, 40);
    let ctrl_f = Event::Key(KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL));
    gongbao::tui::handle(&mut a, &km, &ctrl_f);
    type_str(&mut a, &km, "IGBT");
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Enter));
    let n = a.hits.len();
    assert!(n > 2, "{n}");
    assert_eq!(a.notice.as_deref(), Some(format!("hit 1/{n}").as_str()));
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('n')));
    assert_eq!(a.notice.as_deref(), Some(format!("hit 2/{n}").as_str()));
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('N')));
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('N')));
    assert_eq!(
        a.notice.as_deref(),
        Some(format!("hit {n}/{n} · from the bottom again").as_str())
    );
    // The recalled query is replaced by what is typed.
    gongbao::tui::handle(&mut a, &km, &ctrl_f);
    type_str(&mut a, &km, "龘龘");
    let Overlay::Search(p) = &a.overlay else {
        panic!("the search prompt is open")
    };
    assert_eq!(p.input, "龘龘");
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Enter));
    assert!(
        a.notice
            .as_deref()
            .is_some_and(|s| s.starts_with("no hit for")),
        "{:?}",
        a.notice
    );
}

/// A unit picked in the palette opens its portfolio; the units view keeps
/// its unit and cursor when left and opened again (issue 17).
#[test]
fn a_unit_from_the_palette_opens_its_portfolio_and_the_view_is_kept() {
    use gongbao::tui::app::View;
    let km = Keymap::defaults();
    let mut a = app(120, 40);
    type_str(&mut a, &km, "/市发展改革委");
    let Overlay::Palette(p) = &a.overlay else {
        panic!("the palette is open")
    };
    let at = p
        .hits
        .iter()
        .position(|h| h.kind.is_none())
        .expect("the unit is a hit");
    for _ in 0..at {
        gongbao::tui::handle(&mut a, &km, &key(KeyCode::Down));
    }
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Enter));
    let state = |a: &App| match &a.view {
        View::Units(u) => (a.units.units[u.selected].unit.clone(), u.in_items, u.item),
        _ => panic!("the units view is shown"),
    };
    assert_eq!(state(&a), ("市发展改革委".to_string(), true, 0));
    a.update(Action::MoveDown);
    let before = state(&a);
    a.update(Action::Close);
    assert!(matches!(a.view, View::Explorer));
    a.update(Action::OpenUnits);
    assert_eq!(state(&a), before);
}

/// The deadlines fixture: two catalogues (2021, 2022), a task table with
/// month, day and year dues and one 持续推进, and a measure taking effect
/// 2022-01-01 and expiring 2023-12-31 — read from the files: 10 dated
/// items (one decision undated) from 2021-06 to 2023-12.
fn deadlines_app(w: u16, h: u16) -> App {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/deadlines");
    let tree = model::load_path(&dir).expect("loads");
    let mut a = App::new(tree, Rect::new(0, 0, w, h));
    a.update(Action::OpenTimeline);
    // As of June 2022.
    if let gongbao::tui::app::View::Timeline(t) = &a.view {
        let months = (2022 - t.as_of.y() as i32) * 12 + (6 - t.as_of.m().unwrap_or(1) as i32);
        let action = if months >= 0 {
            Action::Next
        } else {
            Action::Previous
        };
        for _ in 0..months.abs() {
            a.update(action);
        }
    }
    a
}

/// One timeline over the library (issue 16): the years' axis, the
/// statuses as of 2022-06, the filters combining and named in the title,
/// the lanes, the compact form when the grid does not fit, and the months
/// scrolling with the as-of month kept in view.
#[test]
fn the_timeline_spans_the_library_years() {
    use gongbao::tui::app::View;
    let km = Keymap::defaults();
    let mut a = deadlines_app(160, 45);
    insta::assert_snapshot!("timeline_library_160x45", app_screen(&a, false));
    let s = screen(&a);
    assert!(s.contains("10 items ●4 ◆1 ○4 ?1"), "{s}");
    // The whole span fits at 160: 2021-06 to 2023-12, three year labels.
    assert!(s.contains(" 2021-06–2023-12 "), "{s}");
    let years = s.lines().nth(2).unwrap_or_default();
    for y in ["2021", "2022", "2023"] {
        assert!(years.contains(y), "{years}");
    }
    // Filters combine, and the title names each.
    type_str(&mut a, &km, "sK");
    let s = screen(&a);
    assert!(
        s.contains("时限 · past · 决策事项 · catalogue order "),
        "{s}"
    );
    assert!(s.contains("3 items ●3 ◆0 ○0"), "{s}");
    type_str(&mut a, &km, "Y");
    let s = screen(&a);
    assert!(s.contains(" · 2021年 "), "{s}");
    assert!(s.contains("2 items"), "{s}");
    // Esc drops every filter, a second Esc leaves.
    a.update(Action::Close);
    assert!(screen(&a).contains("10 items"));
    // The unit filter narrows as it is typed; Esc puts back what was there.
    type_str(&mut a, &km, "f市样例");
    assert!(screen(&a).contains("4 items"), "{}", screen(&a));
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Esc));
    assert!(screen(&a).contains("10 items"));
    type_str(&mut a, &km, "f市样例");
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Enter));
    let s = screen(&a);
    assert!(s.contains("· 市样例局 "), "{s}");
    a.update(Action::Close);
    // Lanes: most items first; the 市样例局 lane has a decision, an undated
    // decision and two tasks.
    type_str(&mut a, &km, "cc");
    // Task 2 is in two lanes and counts once.
    assert!(screen(&a).contains(" lanes · 10 items"), "{}", screen(&a));
    let View::Timeline(t) = &a.view else {
        panic!("timeline")
    };
    let lanes: Vec<(String, usize)> = t
        .rows()
        .iter()
        .map(|r| match r {
            gongbao::tui::panes::timeline::Row::Lane(l) => (l.unit.clone(), l.items.len()),
            _ => panic!("lanes"),
        })
        .collect();
    assert_eq!(lanes[0], ("市样例局".to_string(), 4), "{lanes:?}");
    assert!(
        lanes.contains(&("澄州市人民政府".to_string(), 2)),
        "{lanes:?}"
    );
    type_str(&mut a, &km, "c");
    // 80 columns: a grid of 12 months, every title at least 12 columns.
    let mut a = deadlines_app(80, 24);
    insta::assert_snapshot!("timeline_library_80x24", app_screen(&a, false));
    let s = screen(&a);
    // June 2022 a third in from the left.
    assert!(s.contains(" 2022-02–2023-01 ‹ › "), "{s}");
    // Dates left and right of the months shown point there.
    let row = s.lines().find(|l| l.contains("施行")).expect("row");
    assert!(row.contains("││‹ "), "{row}");
    let row = s.lines().find(|l| l.contains("失效")).expect("row");
    assert!(row.ends_with(" ›│"), "{row}");
    // `l` scrolls a month on; `a` brings the as-of month back.
    type_str(&mut a, &km, "lll");
    assert!(screen(&a).contains(" 2022-05–2023-04 ‹ › "));
    type_str(&mut a, &km, "a");
    assert!(screen(&a).contains(" 2022-02–2023-01 ‹ › "));
    // Moving the as-of month past the right edge brings it into view.
    for _ in 0..9 {
        a.update(Action::Next);
    }
    let s = screen(&a);
    assert!(s.contains("as of 2023-03"), "{s}");
    assert!(s.contains(" 2022-11–2023-10 ‹ › "), "{s}");
    // 60 columns: the compact form, each row's date and mark.
    let a = deadlines_app(60, 24);
    let s = screen(&a);
    let row = s
        .lines()
        .find(|l| l.contains("出台样例核对规程"))
        .expect("row");
    assert!(row.contains("2022年9月30日 ○"), "{row}");
    let row = s.lines().find(|l| l.contains("样例宣传")).expect("row");
    assert!(row.contains("2023年 ○"), "{row}");
}

/// A full-text hit that the reader wraps across two lines is highlighted
/// on both (issue 17: `Ctrl-f 行业` at 120×40, the first hit): the
/// highlighted characters on screen, read in order, are whole hits.
#[test]
fn a_hit_wrapped_across_lines_is_highlighted_on_both() {
    let km = Keymap::defaults();
    let mut a = app(120, 40);
    a.update(Action::OpenSearch);
    type_str(&mut a, &km, "行业");
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Enter));
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    term.draw(|f| ui::draw(f, &a, &Keymap::defaults(), Theme { color: true }))
        .expect("draw");
    let buf = term.backend().buffer().clone();
    let lit = |x: u16, y: u16| buf[(x, y)].bg == ratatui::style::Color::Yellow;
    let mut marked = String::new();
    let mut split = 0;
    for y in 0..40u16 {
        let cells: Vec<u16> = (0..120u16).filter(|&x| lit(x, y)).collect();
        let text: String = cells.iter().map(|&x| buf[(x, y)].symbol()).collect();
        // A row whose highlight ends in 行 goes on with 业 on the next row.
        if text.ends_with('行') {
            split += 1;
            let next: String = (0..120u16)
                .filter(|&x| lit(x, y + 1))
                .map(|x| buf[(x, y + 1)].symbol().to_string())
                .collect();
            assert!(next.starts_with('业'), "row {y}: {text} then {next}");
        }
        marked.push_str(&text);
    }
    assert!(
        split >= 1,
        "no hit wraps at 120x40 any more: {marked}\n{}",
        screen(&a)
    );
    assert!(!marked.is_empty());
    assert_eq!(marked.replace("行业", ""), "", "{marked}");
}

/// `/IGBT` finds no title; the palette says Enter searches the text, and
/// Enter goes to the first text hit (issue 17: a less user's `/`).
#[test]
fn the_palette_with_no_title_hit_searches_the_text() {
    let km = Keymap::defaults();
    let mut a = app(120, 30);
    type_str(&mut a, &km, "/IGBT");
    let s = screen(&a);
    assert!(
        s.contains("0 titles — Enter searches the text for “IGBT”"),
        "{s}"
    );
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Enter));
    let s = screen(&a);
    assert!(matches!(a.overlay, gongbao::tui::app::Overlay::None));
    assert!(s.contains("hit 1/"), "{s}");
    assert!(
        a.tree.text(a.tree_state.selected).contains("IGBT") || s.contains("IGBT"),
        "{s}"
    );
    // The search is recalled by Ctrl-f, the query by /.
    assert_eq!(a.last_search, "IGBT");
}

/// A timeline opened while the library loads (the first frame has no
/// bodies: only documents' dates) is made again over the whole library
/// when it is in, its filters and as-of month kept (review of issue 16).
#[test]
fn a_timeline_opened_while_loading_is_made_again_over_the_library() {
    use gongbao::library::Stub;
    use gongbao::tui::app::{Loaded, View};
    let km = Keymap::defaults();
    let entry = tree().into_entry();
    let first = Tree::archive(vec![Stub::of(&entry).entry()]);
    let whole = Tree::archive(vec![entry]);
    let mut a = App::new(first, Rect::new(0, 0, 120, 30));
    a.update(Action::OpenTimeline);
    type_str(&mut a, &km, "s]");
    let before = match &a.view {
        View::Timeline(t) => (t.as_of, t.shown().clone(), t.rows().len()),
        _ => panic!("the timeline is open"),
    };
    let units = gongbao::domain::units::Units::build(&whole);
    let cites = gongbao::domain::citations::Citations::build(&whole);
    a.replace_tree(Loaded {
        tree: whole,
        units,
        cites,
        notice: None,
    });
    let View::Timeline(t) = &a.view else {
        panic!("the timeline stays open")
    };
    assert_eq!((t.as_of, t.shown().clone()), (before.0, before.1));
    // The decisions are in now: more items pass the same filter.
    assert!(
        t.rows().len() > before.2,
        "{} > {}",
        t.rows().len(),
        before.2
    );
}

/// What a review of the timeline found (issue 16): the as-of month is on
/// the axis wherever it is; a unit filter in lanes shows its lane only; a
/// unit that matches nothing keeps the filter there was and says so;
/// clearing filters keeps the cursor on its item; an empty result says
/// why.
#[test]
fn the_timeline_keeps_the_as_of_month_the_item_and_the_filter() {
    use gongbao::tui::app::View;
    let km = Keymap::defaults();
    let mut a = deadlines_app(120, 30);
    // Back to 2021-03, before every date: the axis reaches it.
    for _ in 0..15 {
        a.update(Action::Previous);
    }
    let s = screen(&a);
    assert!(s.contains(" 2021-03–"), "{s}");
    // The as-of month far after every date (as `T` would put it).
    for _ in 0..60 {
        a.update(Action::Next);
    }
    let s = screen(&a);
    assert!(s.contains("–2026-03"), "{s}");
    type_str(&mut a, &km, "a");
    // Lanes under a unit filter: that unit's lane only.
    type_str(&mut a, &km, "fshisifa");
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Enter));
    type_str(&mut a, &km, "cc");
    let View::Timeline(t) = &a.view else {
        panic!("timeline")
    };
    assert_eq!(t.rows().len(), 1);
    type_str(&mut a, &km, "c");
    // A unit that matches nothing: the filter stays, a notice says so.
    type_str(&mut a, &km, "fzzzzqx");
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Enter));
    let s = screen(&a);
    assert!(s.contains("no unit matches “zzzzqx”"), "{s}");
    assert!(s.contains("· 市司法局 ·"), "{s}");
    a.update(Action::Close);
    // Esc clears the filters and the cursor stays on its item.
    type_str(&mut a, &km, "jjjj");
    let on = |a: &App| match &a.view {
        View::Timeline(t) => match &t.rows()[t.cursor] {
            gongbao::tui::panes::timeline::Row::Item(i) => t.all[*i].node,
            _ => usize::MAX,
        },
        _ => usize::MAX,
    };
    let item = on(&a);
    type_str(&mut a, &km, "K");
    a.update(Action::Close);
    assert_eq!(on(&a), item);
    // A filter cycles through the values the others leave: 施行 has only
    // 2022 (its 2022-01-01), so Y goes straight there.
    type_str(&mut a, &km, "KKKY");
    let s = screen(&a);
    assert!(s.contains("· 施行 · 2022年 ·"), "{s}");
    a.update(Action::Close);
    // Filters that leave nothing say so: what is due in 2023-12 (the
    // measure expiring), then the as-of month moves on.
    for _ in 0..27 {
        a.update(Action::Previous);
    }
    type_str(&mut a, &km, "ss");
    let s = screen(&a);
    assert!(
        s.contains("as of 2023-12") && s.contains("时限 · due ·"),
        "{s}"
    );
    a.update(Action::Next);
    let s = screen(&a);
    assert!(
        s.contains("nothing passes these filters — Esc clears them"),
        "{s}"
    );
}

/// A long table's header stays at the top of the reader while its body
/// scrolls (issue 17), and a click on it selects the header's line.
#[test]
fn a_long_tables_header_stays_in_sight() {
    let km = Keymap::defaults();
    let mut a = app(120, 30);
    let t = a.tree.find_id("d2/a2/t1").expect("the task table");
    a.jump(t);
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Tab));
    for _ in 0..3 {
        gongbao::tui::handle(&mut a, &km, &key(KeyCode::PageDown));
    }
    let s = screen(&a);
    let reader_top: Vec<&str> = s.lines().skip(2).take(3).collect();
    assert!(
        reader_top[1].contains("序号") && reader_top[1].contains("试点任务"),
        "{s}"
    );
    assert!(
        !s.contains(" 1    │ 支持高等学校"),
        "scrolled into the body:\n{s}"
    );
    // The cursor line is drawn, below the header.
    assert!(a.reader.cursor >= a.reader.scroll);
}

/// Narrow trees keep part of every title (issue 17: deep rows showed only
/// `条 …`); with the tree hidden the hint says how to show it, not "tree".
#[test]
fn narrow_trees_keep_titles_and_a_hidden_tree_is_named_right() {
    let km = Keymap::defaults();
    let mut a = app(60, 20);
    let deep = a.tree.find_id("d1/a1/c3/s1/i4/k1").expect("专栏5");
    a.jump(deep);
    for _ in 0..2 {
        a.update(Action::NarrowTree);
    }
    let s = screen(&a);
    let row = s
        .lines()
        .find(|l| l.contains("栏 专栏"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(row.contains("栏 专栏 5"), "{s}");
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('b')));
    a.resize(Rect::new(0, 0, 160, 20));
    let hints = screen(&a).lines().last().unwrap_or_default().to_string();
    assert!(
        hints.contains("b show") && !hints.contains("Tab tree"),
        "{hints}"
    );
}

/// `y` opens the copy menu over the selected node: 1 its text, 2 its id, 3
/// a citation line; the choice goes to the loop as a clipboard request
/// (issue 17). `o` and `e` ask for the pager and the editor with the text.
#[test]
fn y_copies_text_id_or_a_citation_line() {
    use gongbao::tui::outside::Outside;
    let km = Keymap::defaults();
    let mut a = app(100, 30);
    let c5 = column(&a.tree, "5");
    a.jump(c5);
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('y')));
    let s = screen(&a);
    assert!(
        s.contains("1 text") && s.contains("2 id") && s.contains("3 citation"),
        "{s}"
    );
    let effect = gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('2')));
    assert_eq!(effect, Effect::Outside);
    assert_eq!(
        a.outside.take(),
        Some(Outside::Clipboard {
            what: "id",
            text: "d1/a1/c3/s1/i4/k1".into()
        })
    );
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('y')));
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('3')));
    let Some(Outside::Clipboard { text, .. }) = a.outside.take() else {
        panic!("a citation")
    };
    assert!(
        text.starts_with(
            "《重庆市制造业高质量发展“十四五”规划(2021—2025年)》（渝府发〔2021〕18号）"
        ),
        "{text}"
    );
    assert!(text.ends_with("专栏 5 新材料产业发展重点"), "{text}");
    // Esc closes the menu without copying.
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('y')));
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Esc));
    assert!(a.outside.is_none() && matches!(a.overlay, gongbao::tui::app::Overlay::None));
    // The pager gets the text as the reader shows it.
    assert_eq!(
        gongbao::tui::handle(&mut a, &km, &key(KeyCode::Char('o'))),
        Effect::Outside
    );
    let Some(Outside::Pager(text)) = a.outside.take() else {
        panic!("the pager")
    };
    assert!(text.contains("先进有色合金"), "{text}");
}

/// `m` + letter marks, `'` + letter goes back; a missing mark and a key
/// that is not a letter say so; any other key cancels (issue 17). Nothing
/// is saved without a state key.
#[test]
fn marks_set_and_jump_in_session() {
    let km = Keymap::defaults();
    let mut a = app(100, 30);
    let c5 = column(&a.tree, "5");
    a.jump(c5);
    type_str(&mut a, &km, "mb");
    assert!(screen(&a).contains("mark b: 专栏 5"), "{}", screen(&a));
    type_str(&mut a, &km, "g'b");
    assert_eq!(a.tree_state.selected, c5);
    type_str(&mut a, &km, "'z");
    assert!(screen(&a).contains("no mark z"));
    type_str(&mut a, &km, "m1");
    assert!(screen(&a).contains("marks are letters"));
    // Esc after m cancels; the next key acts as itself.
    type_str(&mut a, &km, "m");
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Esc));
    assert!(a.pending_mark.is_none());
    assert!(a.memory.key.is_none() && a.memory.place.marks.contains_key(&'b'));
}

/// `:` goes to a decision or task number of the selection's entry, a
/// page, an id or a 文号 anywhere, else the palette's best (issue 17).
#[test]
fn the_command_line_goes_to_numbers_pages_ids_and_doc_numbers() {
    let km = Keymap::defaults();
    let mut a = app(100, 30);
    let go = |a: &mut App, q: &str| {
        type_str(a, &km, ":");
        type_str(a, &km, q);
        gongbao::tui::handle(a, &km, &key(KeyCode::Enter));
        selected_id(a)
    };
    assert_eq!(go(&mut a, "1.6"), "d3/a1/t1/r6");
    assert!(go(&mut a, "任务45").starts_with("d2/a2/t1/"));
    assert_eq!(go(&mut a, "渝府发〔2021〕18号"), "d1");
    assert_eq!(go(&mut a, "d1/a1/c3"), "d1/a1/c3");
    let before = selected_id(&a);
    go(&mut a, "zzzzqx");
    assert_eq!(selected_id(&a), before);
    assert!(screen(&a).contains("nothing is named “zzzzqx”"));
    // Back along the jump list, as after any jump.
    a.update(Action::JumpBack);
    assert_eq!(selected_id(&a), "d1");
}

/// `+` unfolds everything under the selection, `-` folds all but the top
/// (issue 17).
#[test]
fn plus_unfolds_the_subtree_and_minus_folds_everything() {
    let km = Keymap::defaults();
    let mut a = app(100, 30);
    let d1 = a.tree.find_id("d1").expect("d1");
    a.jump(d1);
    let before = a.visible().len();
    type_str(&mut a, &km, "+");
    let every = (d1..=a.tree.subtree_end(d1))
        .filter(|&ix| !a.tree.nodes[ix].children.is_empty())
        .all(|ix| a.tree_state.is_expanded(ix));
    assert!(every && a.visible().len() > before);
    type_str(&mut a, &km, "-");
    assert!(a.visible().len() < before);
    assert_eq!(a.tree.nodes[a.tree_state.selected].depth, 1);
}

/// On a wide screen the palette previews the highlighted hit beside its
/// list, and the preview follows the selection (issue 17).
#[test]
fn the_palette_previews_the_highlighted_hit() {
    let km = Keymap::defaults();
    let mut a = app(160, 30);
    type_str(&mut a, &km, "/xcl");
    let s = screen(&a);
    assert!(s.contains(" preview "), "{s}");
    assert!(s.contains("4. 新材料。面向产业发展"), "{s}");
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Down));
    let s = screen(&a);
    assert!(s.contains("先进有色合金：电子"), "{s}");
    // Narrow: no preview.
    let mut b = app(100, 30);
    type_str(&mut b, &km, "/xcl");
    assert!(!screen(&b).contains(" preview "));
}

/// The units view sorts by name, count or pinyin (`c`), keeping the
/// selected unit; `f` shows only the tasks it leads, then only those it
/// supports (issue 17).
#[test]
fn units_sort_and_filter_tasks_by_role() {
    use gongbao::tui::app::View;
    let km = Keymap::defaults();
    let mut a = app(120, 30);
    type_str(&mut a, &km, "u");
    let unit = |a: &App| match &a.view {
        View::Units(u) => a.units.units[u.unit()].unit.clone(),
        _ => panic!("units"),
    };
    let before = unit(&a);
    type_str(&mut a, &km, "c");
    let s = screen(&a);
    assert!(s.contains("· by count"), "{s}");
    assert_eq!(unit(&a), before, "the selection stays on its unit");
    type_str(&mut a, &km, "g");
    let most = a
        .units
        .units
        .iter()
        .map(|u| u.decisions.len() + u.lead.len() + u.support.len())
        .max()
        .expect("units");
    let first = &a.units.units[match &a.view {
        View::Units(u) => u.unit(),
        _ => 0,
    }];
    assert_eq!(
        first.decisions.len() + first.lead.len() + first.support.len(),
        most
    );
    type_str(&mut a, &km, "c");
    assert!(screen(&a).contains("· by pinyin"));
    // 市科技局: led and supported tasks, one role at a time.
    let at = a
        .units
        .units
        .iter()
        .position(|u| u.unit == "市科技局")
        .expect("unit");
    a.update(Action::Close);
    a.view = View::Explorer;
    let mut u = gongbao::tui::panes::units::UnitsState::new(at);
    u.in_items = false;
    a.view = View::Units(u);
    type_str(&mut a, &km, "f");
    let s = screen(&a);
    assert!(
        s.contains("仅牵头任务") && s.contains("牵头任务 (") && !s.contains("配合任务 ("),
        "{s}"
    );
    type_str(&mut a, &km, "f");
    let s = screen(&a);
    assert!(s.contains("配合任务 (") && !s.contains("牵头任务 ("), "{s}");
}

/// Review fixes (issue 17): a unit filter that shortens the timeline's
/// list keeps the cursor on a row; a page down under a kept table header
/// skips no line.
#[test]
fn filters_keep_the_cursor_and_pages_under_a_header_skip_nothing() {
    use gongbao::tui::app::View;
    let km = Keymap::defaults();
    let mut a = app(100, 16);
    type_str(&mut a, &km, "tG");
    type_str(&mut a, &km, "f市民政局");
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Enter));
    let View::Timeline(t) = &a.view else {
        panic!("timeline")
    };
    assert!(
        t.cursor < t.rows().len(),
        "{} of {}",
        t.cursor,
        t.rows().len()
    );
    assert!(screen(&a).contains("市民政局"));
    a.update(Action::Close);
    a.update(Action::Close);
    // The task table, deep in its body: each page starts on the last line
    // the page before showed.
    let mut a = app(100, 30);
    let t = a.tree.find_id("d2/a2/t1").expect("the task table");
    a.jump(t);
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::Tab));
    gongbao::tui::handle(&mut a, &km, &key(KeyCode::PageDown));
    for _ in 0..3 {
        let h = (a.areas().reader.height as usize).saturating_sub(2);
        let k = a.reader.header_rows(h);
        let last_shown = a.reader.scroll + h - k - 1;
        gongbao::tui::handle(&mut a, &km, &key(KeyCode::PageDown));
        assert!(
            a.reader.scroll <= last_shown,
            "{} > {last_shown}",
            a.reader.scroll
        );
    }
}
