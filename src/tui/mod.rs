//! The terminal explorer: a loop generic over the backend, so the whole app
//! can be driven by events and snapshot-tested over `TestBackend`.

pub mod action;
pub mod app;
pub mod events;
pub mod keymap;
pub mod layout;
pub mod marks;
pub mod outside;
pub mod overlays;
pub mod panes;
pub mod searching;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod widgets;
pub mod worker;

use std::io::IsTerminal;
use std::process::ExitCode;

use crossterm::event::{Event, KeyEventKind, MouseEventKind};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::layout::Rect;
use ratatui::Terminal;

use crate::model::Tree;
use app::{App, Effect};
use keymap::Keymap;
use ui::Theme;

/// `--color`: always, never, or (auto) unless `NO_COLOR` is set to anything non-empty.
pub fn theme(color: crate::cli::ColorArg) -> Theme {
    use crate::cli::ColorArg;
    Theme {
        color: match color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        },
    }
}

/// Applies one terminal event. Returns what the loop must do.
pub fn handle(app: &mut App, keymap: &Keymap, ev: &Event) -> Effect {
    // The first key takes the notice away (and so needs a redraw).
    // (The notice that the library is loading stays until it has.)
    if matches!(ev, Event::Key(_)) && !app.loading && app.notice.take().is_some() {
        return match handle(app, keymap, ev) {
            Effect::None => Effect::Redraw,
            effect => effect,
        };
    }
    // After `m` or `'`: a letter names the mark; any other key cancels.
    if let Event::Key(k) = ev {
        if k.kind != KeyEventKind::Release && app.pending_mark.is_some() {
            return match k.code {
                crossterm::event::KeyCode::Char(c)
                    if !k.modifiers.intersects(
                        crossterm::event::KeyModifiers::CONTROL
                            | crossterm::event::KeyModifiers::ALT,
                    ) =>
                {
                    app.mark_letter(c)
                }
                _ => {
                    app.cancel_mark();
                    Effect::Redraw
                }
            };
        }
    }
    match ev {
        // In a prompt, its keys come through the keymap's `prompt` table;
        // any other plain character is typed.
        Event::Key(k) if k.kind != KeyEventKind::Release && app.typing() => {
            match keymap.prompt_action(k) {
                Some(a) => app.input(app::Typed::Action(a)),
                None => match k.code {
                    crossterm::event::KeyCode::Char(c)
                        if !k.modifiers.intersects(
                            crossterm::event::KeyModifiers::CONTROL
                                | crossterm::event::KeyModifiers::ALT,
                        ) =>
                    {
                        app.input(app::Typed::Char(c))
                    }
                    _ => Effect::None,
                },
            }
        }
        Event::Key(k) if k.kind != KeyEventKind::Release => match keymap.action(k) {
            Some(a) => {
                let effect = app.update(a);
                // The help scrolls no further than its last line.
                if app.help() {
                    let last = keymap.help().len().saturating_sub(1);
                    app.help_scroll = app.help_scroll.min(last);
                }
                effect
            }
            None => Effect::None,
        },
        Event::Resize(w, h) => app.resize(Rect::new(0, 0, *w, *h)),
        Event::Mouse(m) => {
            let (col, row) = (m.column, m.row);
            let mouse = match m.kind {
                MouseEventKind::Down(_) => panes::Mouse::Click { col, row },
                MouseEventKind::ScrollDown => panes::Mouse::Wheel {
                    col,
                    row,
                    down: true,
                },
                MouseEventKind::ScrollUp => panes::Mouse::Wheel {
                    col,
                    row,
                    down: false,
                },
                _ => return Effect::None,
            };
            let effect = app.mouse(mouse);
            if app.help() {
                let last = keymap.help().len().saturating_sub(1);
                app.help_scroll = app.help_scroll.min(last);
            }
            effect
        }
        Event::FocusGained => Effect::Redraw,
        Event::Paste(text) => app.paste(text),
        _ => Effect::None,
    }
}

/// Draws, then for each message updates and redraws only when something
/// changed. `next()` blocks for the next message (`None`: the channel
/// closed). Nothing polls: a search's answer arrives as a message. Returns
/// when the app quits, the terminal hangs up or the messages end.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    keymap: &Keymap,
    theme: Theme,
    mut next: impl FnMut() -> Option<events::Msg>,
    mut suspend: impl FnMut(&mut Terminal<B>) -> std::io::Result<()>,
    mut outside: impl FnMut(&mut Terminal<B>, outside::Outside) -> String,
) -> std::io::Result<()>
where
    B::Error: Into<std::io::Error>,
{
    terminal
        .draw(|f| ui::draw(f, app, keymap, theme))
        .map_err(Into::into)?;
    // For the test that proves the terminal is restored after a panic; only
    // in builds for the tests (the `test-hooks` feature).
    #[cfg(feature = "test-hooks")]
    #[allow(clippy::panic)]
    if std::env::var_os("GONGBAO_TEST_PANIC").is_some() {
        panic!("GONGBAO_TEST_PANIC is set: panicking after the first frame");
    }
    while !app.quit {
        let effect = match next() {
            Some(events::Msg::Term(ev)) => handle(app, keymap, &ev),
            Some(events::Msg::Answer) => Effect::None,
            Some(events::Msg::Loaded(loaded)) => match *loaded {
                Ok(loaded) => app.replace_tree(loaded),
                // The first tree stays, and the status line says why.
                Err(e) => {
                    app.loading = false;
                    app.notice = Some(format!("the library did not load: {e}"));
                    Effect::Redraw
                }
            },
            Some(events::Msg::Hangup) | None => break,
        };
        let effect = match effect {
            Effect::None if app.take_answer() => Effect::Redraw,
            e => {
                app.take_answer();
                e
            }
        };
        match effect {
            Effect::None => {}
            Effect::Redraw => {
                terminal
                    .draw(|f| ui::draw(f, app, keymap, theme))
                    .map_err(Into::into)?;
            }
            Effect::Suspend | Effect::Outside => {
                if effect == Effect::Suspend {
                    suspend(terminal)?;
                } else if let Some(request) = app.outside.take() {
                    let said = outside(terminal, request);
                    if !said.is_empty() {
                        app.notice = Some(said);
                    }
                }
                // A full redraw without `Terminal::clear`, which asks the
                // terminal for the cursor position (not every terminal
                // answers): clear the screen, draw a blank frame so ratatui's
                // previous buffer matches the screen, then the real frame.
                terminal
                    .backend_mut()
                    .clear_region(ratatui::backend::ClearType::All)
                    .map_err(Into::into)?;
                terminal.draw(|_| {}).map_err(Into::into)?;
                terminal
                    .draw(|f| ui::draw(f, app, keymap, theme))
                    .map_err(Into::into)?;
            }
        }
    }
    Ok(())
}

/// What the explorer loads after its first frame: the whole library, in
/// place of the first tree.
pub type Later = Box<dyn FnOnce() -> Result<app::Loaded, String> + Send>;

/// Opens the explorer, or prints the outline when stdout is not a terminal.
/// A `notice` is shown on the status line until the first key (on stderr
/// when printing). With `later`, the first frame shows `tree` and the
/// whole library is loaded meanwhile (when printing, it is loaded first).
pub fn run_or_print(
    mut tree: Tree,
    later: Option<Later>,
    color: crate::cli::ColorArg,
    mut notice: Option<String>,
    memory: marks::Memory,
) -> ExitCode {
    if !std::io::stdout().is_terminal() {
        if let Some(load) = later {
            match load() {
                Ok(loaded) => {
                    tree = loaded.tree;
                    notice = loaded.notice;
                }
                Err(e) => {
                    eprintln!("gongbao: {}", crate::text::sanitize(&e));
                    return ExitCode::from(2);
                }
            }
        }
        if let Some(n) = &notice {
            eprintln!("gongbao: {}", crate::text::sanitize(n));
        }
        let mut out = std::io::stdout().lock();
        return match crate::commands::tree::outline(&tree, None, false, &mut out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("gongbao: {e}");
                ExitCode::from(2)
            }
        };
    }
    // Everything that can fail on input is checked before raw mode.
    let keymap = match Keymap::load() {
        Ok(k) => k,
        Err(e) => {
            eprintln!("gongbao: {}", crate::text::sanitize(&e));
            return ExitCode::from(2);
        }
    };
    match explore(tree, later, &keymap, theme(color), notice, memory) {
        Ok(None) => ExitCode::SUCCESS,
        // The explorer ran; only remembering the place failed.
        Ok(Some(warning)) => {
            eprintln!(
                "gongbao: state not saved: {}",
                crate::text::sanitize(&warning)
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            terminal::restore();
            eprintln!("gongbao: terminal: {e}");
            ExitCode::from(2)
        }
    }
}

fn explore(
    tree: Tree,
    later: Option<Later>,
    keymap: &Keymap,
    theme: Theme,
    notice: Option<String>,
    memory: marks::Memory,
) -> std::io::Result<Option<String>> {
    terminal::install_panic_hook();
    terminal::install_signal_handlers()?;
    terminal::enter()?;
    let result = (|| {
        let mut term = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
        let size = term.size()?;
        // Not freed on quit: the process ends right after, and freeing an
        // archive node by node would delay the shell's prompt.
        let mut app =
            std::mem::ManuallyDrop::new(App::new(tree, Rect::new(0, 0, size.width, size.height)));
        app.notice = notice;
        app.remember(memory, later.is_none());
        let (tx, rx) = std::sync::mpsc::channel();
        let mut pause = events::spawn_input(tx.clone())?;
        events::spawn_resize(tx.clone())?;
        if let Some(load) = later {
            // The whole library, loaded while the first frame is shown.
            app.loading = true;
            let tx = tx.clone();
            std::thread::spawn(move || {
                let _ = tx.send(events::Msg::Loaded(Box::new(load())));
            });
        } else {
            app.prefetch_index();
        }
        app.start_worker_waking(Some(tx));
        run_loop(
            &mut term,
            &mut app,
            keymap,
            theme,
            || rx.recv().ok(),
            |_| terminal::suspend(),
            |_, request| {
                // The pager or editor has the keyboard to itself.
                pause.pause();
                let said = terminal::with_child(|| {
                    outside::run(&request, terminal::restore, terminal::enter)
                });
                pause.resume();
                said
            },
        )?;
        // Where it was left, for the next run.
        Ok(app.save_memory().err())
    })();
    terminal::restore();
    result
}
