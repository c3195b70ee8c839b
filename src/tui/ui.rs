//! Drawing: one function per pane, each reading `&App` only.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::text::{pad_right, truncate, truncate_left, width};

use super::app::{App, Focus, Overlay, View};
use super::keymap::Keymap;
use super::overlays;

pub use super::theme::Theme;

pub fn draw(f: &mut Frame, app: &App, keymap: &Keymap, theme: Theme) {
    let a = app.areas();
    title_bar(f, app, a.title, theme);
    match &app.view {
        View::Explorer => {
            if a.tree.width > 0 {
                super::panes::tree::render(
                    f,
                    &app.tree,
                    &app.tree_state,
                    app.focus == Focus::Tree,
                    a.tree,
                    theme,
                );
            }
            super::panes::reader::render(
                f,
                &app.reader,
                app.tree.nodes[app.tree_state.selected].kind,
                app.focus == Focus::Reader,
                &app.highlight_terms(),
                a.reader,
                theme,
            );
        }
        View::Timeline(t) => super::panes::timeline::render(f, t, a.body, theme),
        View::Units(u) => super::panes::units::render(f, u, &app.tree, &app.units, a.body, theme),
    }
    status_line(f, app, a.status, keymap);
    match &app.overlay {
        Overlay::Help => overlays::help::render(f, keymap, app.help_scroll, f.area()),
        Overlay::Palette(p) => overlays::palette::render(
            f,
            &app.tree,
            app.index.as_deref(),
            p,
            app.searching(),
            f.area(),
            theme,
        ),
        Overlay::Search(prompt) => overlays::prompt::render_search(
            f,
            prompt,
            app.hits.len(),
            app.searching(),
            a.status,
            theme,
        ),
        Overlay::Command(prompt) => overlays::prompt::render_command(f, prompt, a.status, theme),
        Overlay::UnitFilter(prompt) => {
            overlays::prompt::render_unit(f, prompt, &app.units, a.status, theme)
        }
        Overlay::Copy(menu) => overlays::copy::render(f, menu, f.area(), theme),
        Overlay::CitedBy(c) => {
            overlays::cited_by::render(f, c, &app.tree, &app.cites, f.area(), theme)
        }
        Overlay::None => {}
    }
}

fn title_bar(f: &mut Frame, app: &App, area: Rect, theme: Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let w = area.width as usize;
    let mut title = app.tree.root_title();
    let mut crumbs = app.breadcrumb();
    // In an archive the issue stays in sight, however deep the selection.
    if app.tree.is_archive() && !crumbs.is_empty() {
        title = format!("{title} › {}", crumbs.remove(0));
    }
    let head = truncate(&title, w);
    let rest = w.saturating_sub(width(&head));
    let mut spans = vec![Span::styled(
        head,
        theme.fg(Color::Yellow).add_modifier(Modifier::BOLD),
    )];
    if !crumbs.is_empty() && rest > 4 {
        let trail = format!(" › {}", crumbs.join(" › "));
        spans.push(Span::raw(truncate_left(&trail, rest)));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn status_line(f: &mut Frame, app: &App, area: Rect, keymap: &Keymap) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    use super::action::Action as A;
    let k = |a| keymap.keys_for(a);
    let hints = match (&app.view, app.focus) {
        (View::Timeline(_), _) => format!(
            "{}/{} as-of  {}/{} months  {} group  {}/{}/{}/{}/{} filter  {} open  Esc back  {} today  {} help",
            k(A::Previous),
            k(A::Next),
            k(A::CollapseOrParent),
            k(A::ExpandOrChild),
            k(A::CycleGrouping),
            k(A::CycleStatus),
            k(A::FilterUnit),
            k(A::CycleYear),
            k(A::CycleEntry),
            k(A::CycleKind),
            k(A::Open),
            k(A::AsOfToday),
            k(A::ToggleHelp)
        ),
        (View::Units(u), _) if u.in_items => format!(
            "{}/{} item  {} open  {} units  {} led/supported  Esc back",
            k(A::MoveDown),
            k(A::MoveUp),
            k(A::Open),
            k(A::FocusNext),
            k(A::FilterUnit)
        ),
        (View::Units(_), _) => format!(
            "{}/{} move  {} portfolio  {} open  {} sort  {} led/supported  Esc back",
            k(A::MoveDown),
            k(A::MoveUp),
            k(A::FocusNext),
            k(A::Open),
            k(A::CycleGrouping),
            k(A::FilterUnit)
        ),
        (View::Explorer, Focus::Tree) => format!(
            "{}/{} move  {}/{} fold  {} open  {} reader  {} help  {} quit",
            k(A::MoveDown),
            k(A::MoveUp),
            k(A::CollapseOrParent),
            k(A::ExpandOrChild),
            k(A::Open),
            k(A::FocusNext),
            k(A::ToggleHelp),
            k(A::Quit)
        ),
        // With the tree hidden, Tab has nowhere to go: the hint says how
        // to show the tree instead.
        (View::Explorer, Focus::Reader) => format!(
            "{}/{} line  {} page  {}/{} link  {} select/follow  {} cited by  {} tree  {} help  {} quit",
            k(A::MoveDown),
            k(A::MoveUp),
            k(A::PageDown),
            k(A::Previous),
            k(A::Next),
            k(A::Open),
            k(A::CitedBy),
            if app.tree_hidden {
                format!("{} show", k(A::ToggleTree))
            } else {
                k(A::FocusNext)
            },
            k(A::ToggleHelp),
            k(A::Quit)
        ),
    };
    // `k/n`, or `0/0` for an empty list (never `1/0`).
    let at = |k: usize, n: usize| format!("{}/{n}", if n == 0 { 0 } else { k + 1 });
    let pos = match (&app.view, app.focus) {
        (View::Timeline(t), _) => at(t.cursor, t.rows().len()),
        (View::Units(u), _) => at(u.selected, app.units.units.len()),
        (View::Explorer, Focus::Tree) => at(app.visible_position(), app.visible().len()),
        (View::Explorer, Focus::Reader) => at(app.reader.cursor, app.reader.lines.len()),
    };
    let w = area.width as usize;
    let pos = truncate(&pos, w);
    // A notice (what was opened, what could not be read) stands in for the
    // hints until the first key.
    let hints = app
        .notice
        .as_deref()
        .map_or(hints, |n| crate::text::sanitize(n).into_owned());
    let left = pad_right(&hints, w.saturating_sub(width(&pos) + 1));
    let line = Line::from(vec![
        Span::styled(left, Style::new().add_modifier(Modifier::DIM)),
        Span::raw(if w > width(&pos) { " " } else { "" }),
        Span::styled(pos, Style::new().add_modifier(Modifier::BOLD)),
    ]);
    f.render_widget(Paragraph::new(line), area);
}
