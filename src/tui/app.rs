//! The router: the view and the overlay shown, the jump list, quitting —
//! and `update`, which hands each action to the overlay or view it belongs
//! to. No drawing and no terminal I/O: a search is handed to the worker's
//! channel (or run at once when there is no worker, as in the tests), and
//! what the loop must do besides redrawing is returned as an [`Effect`].

use std::sync::Arc;

use ratatui::layout::Rect;

use crate::domain::citations::Citations;
use crate::domain::units::Units;
use crate::model::{NodeIx, Tree};
use crate::search::fulltext::TextHit;
use crate::search::index::Index;

pub use super::panes::reader::ReaderState;
use super::panes::timeline::TimelineState;
pub use super::panes::tree::TreeState;
use super::panes::units::UnitsState;
use super::panes::Outcome;
use super::worker::Worker;

use super::action::Action;
use super::layout::{self, Areas};
pub use super::overlays::palette::{Palette, PaletteKey, PALETTE_ROWS};
pub use super::overlays::prompt::{Prompt, PromptKey, Typed, MAX_PASTED};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Tree,
    Reader,
}

/// What is drawn over the panes.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    None,
    Help,
    Palette(Palette),
    Search(Prompt),
    /// The timeline's unit filter, picked by fuzzy or pinyin match.
    UnitFilter(Prompt),
    /// `:` — go to an id, a 文号, a number or a page.
    Command(Prompt),
    /// Who cites the selected document or article.
    CitedBy(super::overlays::cited_by::CitedBy),
    /// What to copy of the selected node.
    Copy(super::overlays::copy::CopyMenu),
}

/// The main view under the title and status lines.
#[derive(Debug, Clone, PartialEq)]
pub enum View {
    Explorer,
    Timeline(Box<TimelineState>),
    Units(UnitsState),
}

#[derive(Debug)]
pub struct App {
    /// Shared with the thread that builds the palette's index.
    pub tree: Arc<Tree>,
    /// The palette's index: built in the background from the start (see
    /// [`App::prefetch_index`]) or when the palette first opens, so the first
    /// frame of a large archive does not wait for it.
    pub index: Option<Arc<Index>>,
    pub(crate) pending: Option<std::thread::JoinHandle<Index>>,
    /// Runs searches off the input thread (see [`App::start_worker`]);
    /// without it they run as keys are typed.
    pub(crate) worker: Option<Worker>,
    /// Where the worker announces its answers (kept to start another).
    pub(crate) wake: Option<std::sync::mpsc::Sender<super::events::Msg>>,
    /// The search whose answer the open palette or prompt is waiting for.
    pub(crate) job: Option<u64>,
    /// The query the full-text `hits` are for.
    pub(crate) hits_for: Option<String>,
    pub units: Units,
    /// Every citation of the tree, resolved (built with the tree).
    pub cites: Arc<Citations>,
    pub overlay: Overlay,
    pub view: View,
    /// The timeline as it was left, restored when it is opened again.
    pub(crate) kept_timeline: Option<Box<TimelineState>>,
    /// The units view as it was left (cursor, portfolio).
    pub(crate) kept_units: Option<UnitsState>,
    /// The jump list: where jumps came from, and where "back" came from.
    pub back: Vec<NodeIx>,
    pub forward: Vec<NodeIx>,
    pub last_query: String,
    pub last_search: String,
    /// Full-text hits of the last search, in document order, and the current one.
    pub hits: Vec<TextHit>,
    pub hit: Option<usize>,
    /// The view before the palette or prompt opened, restored by Esc.
    pub(crate) saved: Option<(NodeIx, usize, Focus)>,
    pub tree_state: TreeState,
    pub reader: ReaderState,
    pub focus: Focus,
    /// The tree's share of the width, percent.
    pub split: u16,
    pub tree_hidden: bool,
    /// How far the help overlay is scrolled.
    pub help_scroll: usize,
    pub quit: bool,
    pub size: Rect,
    /// A line for the status bar until the first key: the sample is open
    /// because the library is empty, or files of the library did not load.
    pub notice: Option<String>,
    /// The whole library is being loaded (its notice stays until it is in).
    pub loading: bool,
    /// What [`Effect::Outside`] hands to the loop.
    pub outside: Option<super::outside::Outside>,
    /// Marks and the last place, and where they are saved.
    pub memory: super::marks::Memory,
    /// The remembered node to go to once it is loaded.
    pub(crate) restore: Option<String>,
    /// After `m` or `'`: the letter awaited.
    pub pending_mark: Option<super::marks::MarkKey>,
}

/// The whole library, loaded after the first frame (see
/// [`App::replace_tree`]).
#[derive(Debug)]
pub struct Loaded {
    pub tree: Tree,
    pub units: Units,
    pub cites: Citations,
    /// What to say on the status line now (files that did not load).
    pub notice: Option<String>,
}

/// What an update asks of the loop beyond a redraw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    None,
    Redraw,
    Suspend,
    /// Hand [`App::outside`] to the world outside (the clipboard, the
    /// pager, the editor), then redraw whole.
    Outside,
}

impl App {
    pub fn new(tree: Tree, size: Rect) -> App {
        let units = Units::build(&tree);
        let cites = Arc::new(Citations::build(&tree));
        let mut app = App {
            tree: Arc::new(tree),
            index: None,
            pending: None,
            worker: None,
            wake: None,
            job: None,
            hits_for: None,
            units,
            cites,
            overlay: Overlay::None,
            view: View::Explorer,
            kept_timeline: None,
            kept_units: None,
            back: Vec::new(),
            forward: Vec::new(),
            last_query: String::new(),
            last_search: String::new(),
            hits: Vec::new(),
            hit: None,
            saved: None,
            tree_state: TreeState::default(),
            reader: ReaderState {
                lines: Default::default(),
                node: usize::MAX,
                width: 0,
                scroll: 0,
                cursor: 0,
                wraps: Default::default(),
                link: None,
            },
            focus: Focus::Tree,
            split: 35,
            tree_hidden: false,
            help_scroll: 0,
            quit: false,
            size,
            notice: None,
            loading: false,
            outside: None,
            memory: Default::default(),
            restore: None,
            pending_mark: None,
        };
        app.collapse_to(2);
        app.refresh();
        app
    }

    /// Starts building the palette's index on another thread, so that the
    /// palette opens at once even on a large archive. The thread ends when
    /// the index is built.
    pub fn prefetch_index(&mut self) {
        if self.index.is_some() || self.pending.is_some() {
            return;
        }
        let tree = Arc::clone(&self.tree);
        let names = self.units.names();
        self.pending = Some(std::thread::spawn(move || Index::build(&tree, &names)));
    }

    /// Puts the whole library in place of the first frame's tree (its
    /// entries without their bodies): the selection, the expanded nodes
    /// and the jump list are carried over by id; searches, the palette's
    /// index and the worker start again on the new tree; a timeline open
    /// meanwhile is made again over it (settings kept), a units view closes.
    pub fn replace_tree(&mut self, loaded: Loaded) -> Effect {
        let old = Arc::clone(&self.tree);
        let tree = loaded.tree;
        let map = |ix: NodeIx| old.nodes.get(ix).and_then(|n| tree.find_id(&n.id));
        self.tree_state.remap(map);
        self.back = self.back.iter().filter_map(|&ix| map(ix)).collect();
        self.forward = self.forward.iter().filter_map(|&ix| map(ix)).collect();
        if let Some((ix, scroll, focus)) = self.saved {
            self.saved = Some((map(ix).unwrap_or(0), scroll, focus));
        }
        self.tree = Arc::new(tree);
        self.units = loaded.units;
        self.cites = Arc::new(loaded.cites);
        self.notice = loaded.notice;
        self.loading = false;
        self.hits.clear();
        self.hit = None;
        self.hits_for = None;
        self.job = None;
        self.index = None;
        self.pending = None;
        // A timeline open (or kept) over the first frame is made again over
        // the whole library, its settings kept; the units view closes.
        let timeline = match std::mem::replace(&mut self.view, View::Explorer) {
            View::Timeline(t) => Some((t, true)),
            _ => self.kept_timeline.take().map(|t| (t, false)),
        };
        if let Some((t, open)) = timeline {
            let again = Box::new(t.reopen(&self.tree, &self.units));
            if open {
                self.view = View::Timeline(again);
            } else {
                self.kept_timeline = Some(again);
            }
        }
        self.kept_units = None;
        self.reader.node = usize::MAX;
        if self.worker.take().is_some() {
            self.start_worker_waking(self.wake.clone());
        }
        self.prefetch_index();
        // The remembered node, if the whole library has it; else it is
        // gone, and where the explorer is now will be remembered.
        self.restore_last();
        self.restore = None;
        match std::mem::replace(&mut self.overlay, Overlay::None) {
            // The copy menu named a node of the first tree: it closes.
            Overlay::Copy(_) => {}
            // The palette waits for the new index and asks it again.
            Overlay::Palette(p) => {
                let saved = self.saved;
                self.open_palette();
                self.saved = saved;
                let mut again = Palette::new(&p.input);
                again.fresh = p.fresh;
                self.run_palette(&mut again);
                self.overlay = Overlay::Palette(again);
            }
            Overlay::Search(prompt) => {
                self.run_text(&prompt.input);
                self.overlay = Overlay::Search(prompt);
            }
            other => self.overlay = other,
        }
        self.refresh();
        Effect::Redraw
    }

    /// Shows another view; a timeline or units view left keeps its state
    /// (cursor, as-of, grouping, filter; the unit and portfolio) for when
    /// it is opened again.
    pub(crate) fn set_view(&mut self, view: View) {
        match std::mem::replace(&mut self.view, view) {
            View::Timeline(t) => self.kept_timeline = Some(t),
            View::Units(u) => self.kept_units = Some(u),
            View::Explorer => {}
        }
    }

    pub fn areas(&self) -> Areas {
        layout::areas(self.size, self.split, self.tree_hidden)
    }

    /// Selects a node, expanding its ancestors (for jumps from elsewhere).
    pub fn jump(&mut self, ix: NodeIx) {
        self.select(ix);
        self.refresh();
    }

    pub(crate) fn select(&mut self, ix: NodeIx) {
        for a in self.tree.ancestors(ix) {
            self.tree_state.expand(a);
        }
        self.tree_state.selected = ix;
    }

    /// Recomputes what depends on the selection and the size: the reader's
    /// lines and both scroll positions.
    pub fn refresh(&mut self) {
        let width = layout::inner(self.areas().reader).width as usize;
        let (height, focused) = (self.reader_height(), self.focus == Focus::Reader);
        let sel = self.tree_state.selected;
        self.reader
            .show(&self.tree, &self.cites, sel, width, height, focused);
        let visible = self.visible();
        let rows = self.tree_height();
        self.tree_state.keep_in_view(&visible, rows);
    }

    pub fn resize(&mut self, size: Rect) -> Effect {
        self.size = size;
        self.refresh();
        let height = self.view_height();
        match &mut self.view {
            View::Timeline(t) => t.fit(height),
            View::Units(u) => u.fit(&self.units, height),
            View::Explorer => {}
        }
        Effect::Redraw
    }

    /// The rows of the timeline's and units view's lists.
    fn view_height(&self) -> usize {
        (self.areas().body.height as usize).saturating_sub(3)
    }

    /// Whether the help overlay is shown.
    pub fn help(&self) -> bool {
        self.overlay == Overlay::Help
    }

    /// Whether typed keys go to a text input (palette or search prompt).
    pub fn typing(&self) -> bool {
        matches!(
            self.overlay,
            Overlay::Palette(_) | Overlay::Search(_) | Overlay::UnitFilter(_) | Overlay::Command(_)
        )
    }

    /// Actions for the timeline or units view; `None` when the action is
    /// not theirs (it then works as in the explorer).
    fn view_action(&mut self, action: Action) -> Option<Effect> {
        let height = self.view_height();
        let body_width = self.areas().body.width;
        let outcome = match &mut self.view {
            View::Explorer => return None,
            View::Timeline(t) if action == Action::FilterUnit => {
                t.unit_before = Some(t.shown().unit.clone());
                self.overlay = Overlay::UnitFilter(Prompt::empty());
                return Some(Effect::Redraw);
            }
            View::Timeline(t) => {
                t.width = body_width;
                t.update(action, height)
            }
            View::Units(u) => u.update(action, &self.units, height),
        };
        Some(match outcome {
            Outcome::Unchanged => match action {
                // Global actions work from every view.
                Action::Quit
                | Action::Suspend
                | Action::ToggleHelp
                | Action::OpenPalette
                | Action::OpenSearch
                | Action::OpenTimeline
                | Action::OpenUnits => return None,
                _ => Effect::None,
            },
            Outcome::Changed => Effect::Redraw,
            Outcome::Jump(ix) => {
                self.set_view(View::Explorer);
                self.jump_to(ix);
                Effect::Redraw
            }
            Outcome::Close => {
                self.set_view(View::Explorer);
                Effect::Redraw
            }
        })
    }

    /// Applies an action. Returns whether anything changed.
    pub fn update(&mut self, action: Action) -> Effect {
        if self.help() && !matches!(action, Action::Quit | Action::Suspend) {
            return self.help_action(action);
        }
        if matches!(self.overlay, Overlay::CitedBy(_)) && action != Action::Suspend {
            return self.cited_by_action(action);
        }
        if matches!(self.overlay, Overlay::Copy(_)) && action != Action::Suspend {
            return self.copy_action(action);
        }
        if let Some(effect) = self.view_action(action) {
            return effect;
        }
        let before = self.snapshot();
        match action {
            Action::OpenTimeline => {
                let entry = self.tree.nodes[self.tree_state.selected].entry;
                // The timeline comes back as it was left (it is dropped when
                // another tree is loaded).
                let t = self.kept_timeline.take().unwrap_or_else(|| {
                    Box::new(TimelineState::open(&self.tree, &self.units, entry))
                });
                self.set_view(View::Timeline(t));
                return Effect::Redraw;
            }
            Action::OpenUnits => {
                // The units view comes back as it was left.
                let u = self.kept_units.take().unwrap_or_else(|| UnitsState::new(0));
                self.set_view(View::Units(u));
                return Effect::Redraw;
            }
            Action::Quit => self.quit = true,
            Action::Suspend => return Effect::Suspend,
            Action::ToggleHelp => self.overlay = Overlay::Help,
            Action::Close => {
                if !self.hits.is_empty() {
                    self.hits.clear();
                    self.hits_for = None;
                    self.hit = None;
                    return Effect::Redraw;
                }
            }
            Action::OpenPalette => {
                self.open_palette();
                return Effect::Redraw;
            }
            Action::OpenSearch => {
                self.open_search();
                return Effect::Redraw;
            }
            Action::NextHit | Action::PrevHit => self.step_hit(action == Action::NextHit),
            Action::Next | Action::Previous => self.step_link(action == Action::Next),
            Action::CitedBy => return self.toggle_cited_by(),
            Action::CommandLine => {
                self.overlay = Overlay::Command(Prompt::empty());
                return Effect::Redraw;
            }
            Action::SetMark => return self.await_mark(super::marks::MarkKey::Set),
            Action::JumpToMark => return self.await_mark(super::marks::MarkKey::Jump),
            Action::CopyMenu => {
                self.overlay = Overlay::Copy(super::overlays::copy::CopyMenu::open(
                    &self.tree,
                    self.tree_state.selected,
                ));
                return Effect::Redraw;
            }
            Action::OpenPager | Action::OpenEditor => {
                let text = super::overlays::copy::text_of(&self.tree, self.tree_state.selected);
                self.outside = Some(if action == Action::OpenPager {
                    super::outside::Outside::Pager(text)
                } else {
                    super::outside::Outside::Editor(text)
                });
                return Effect::Outside;
            }
            Action::JumpBack => {
                if let Some(ix) = self.back.pop() {
                    self.forward.push(self.tree_state.selected);
                    self.select(ix);
                }
            }
            Action::JumpForward => {
                if let Some(ix) = self.forward.pop() {
                    self.back.push(self.tree_state.selected);
                    self.select(ix);
                }
            }
            Action::FocusNext
            | Action::ToggleTree
            | Action::NarrowTree
            | Action::WidenTree
            | Action::CollapseToLevel(_)
            | Action::ExpandAll
            | Action::CollapseAll
            | Action::PageDown
            | Action::PageUp
            | Action::HalfPageDown
            | Action::HalfPageUp => self.layout_action(action),
            _ if self.focus == Focus::Reader => self.reader_action(action),
            _ => self.tree_action(action),
        }
        self.refresh();
        if self.snapshot() == before {
            Effect::None
        } else {
            Effect::Redraw
        }
    }

    /// A mouse event goes to what is on top where it happened: the
    /// overlay, else the view (the explorer's panes only when shown).
    pub fn mouse(&mut self, m: super::panes::Mouse) -> Effect {
        use super::panes::Mouse;
        let changed = |yes: bool| if yes { Effect::Redraw } else { Effect::None };
        let height = self.view_height();
        let body = self.areas().body;
        match (&mut self.overlay, &mut self.view) {
            (Overlay::Help, _) => match m {
                Mouse::Wheel { down, .. } => {
                    let before = self.help_scroll;
                    self.help_scroll = if down {
                        self.help_scroll + super::panes::WHEEL_ROWS
                    } else {
                        self.help_scroll.saturating_sub(super::panes::WHEEL_ROWS)
                    };
                    changed(self.help_scroll != before)
                }
                Mouse::Click { .. } => Effect::None,
            },
            (Overlay::Palette(p), _) => changed(p.mouse(m, self.size)),
            (
                Overlay::Search(_)
                | Overlay::UnitFilter(_)
                | Overlay::Copy(_)
                | Overlay::Command(_),
                _,
            ) => Effect::None,
            // The wheel moves the panel's selection.
            (Overlay::CitedBy(_), _) => match m {
                Mouse::Wheel { down, .. } => self.cited_by_action(if down {
                    Action::MoveDown
                } else {
                    Action::MoveUp
                }),
                Mouse::Click { .. } => Effect::None,
            },
            (Overlay::None, View::Timeline(t)) => match t.mouse(m, body, height) {
                Outcome::Unchanged => Effect::None,
                _ => Effect::Redraw,
            },
            (Overlay::None, View::Units(u)) => match u.mouse(m, &self.units, body, height) {
                Outcome::Unchanged => Effect::None,
                _ => Effect::Redraw,
            },
            (Overlay::None, View::Explorer) => match m {
                Mouse::Click { col, row } => self.click(col, row),
                Mouse::Wheel { col, down, .. } => self.wheel(col, down),
            },
        }
    }

    /// Jumps to a node, remembering where it came from (the jump list).
    pub fn jump_to(&mut self, ix: NodeIx) {
        // A jump shows its node in the explorer, from whatever view.
        self.set_view(View::Explorer);
        let from = self.tree_state.selected;
        if ix != from {
            self.back.push(from);
            self.forward.clear();
        }
        self.select(ix);
        self.refresh();
    }
}
