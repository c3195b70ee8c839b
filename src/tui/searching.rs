//! The search controller: the palette's and the full-text searches (on the
//! worker thread when there is one, else at once), their answers, the keys
//! and pastes typed into the open prompt, and stepping through full-text
//! hits. A second `impl App`, so the router in app.rs stays a router.

use std::sync::Arc;

use crate::search::fulltext::TextHit;
use crate::search::index::{Index, Target};

use super::action::PromptAction;
use super::app::{
    App, Effect, Overlay, Palette, PaletteKey, Prompt, PromptKey, Typed, View, MAX_PASTED,
    PALETTE_ROWS,
};
use super::worker::{Answer, Job, Worker};

impl App {
    /// Searches the palette's query: on the worker when there is one (the
    /// answer comes to [`App::take_answer`]), else at once.
    pub(crate) fn run_palette(&mut self, p: &mut Palette) {
        let q = crate::search::fold::fold_query(&p.input);
        let within = p.narrowing(&q);
        let Some(index) = self.index.clone() else {
            return;
        };
        match &self.worker {
            Some(w) => {
                self.job = Some(w.send(Job::Palette {
                    index,
                    query: p.input.clone(),
                    within,
                    limit: PALETTE_ROWS,
                }))
            }
            None => {
                let found = index.search(
                    &p.input,
                    within.as_ref().map(|w| w.as_slice()),
                    PALETTE_ROWS,
                );
                p.show(&p.input.clone(), found);
            }
        }
    }

    /// Counts the full-text hits of the search prompt's query: on the
    /// worker when there is one, else at once.
    pub(crate) fn run_text(&mut self, input: &str) {
        if self.hits_for.as_deref() == Some(input) {
            self.job = None;
            return;
        }
        match &self.worker {
            Some(w) => {
                self.job = Some(w.send(Job::Text {
                    query: input.to_string(),
                }))
            }
            None => self.show_text(input, crate::search::fulltext::search(&self.tree, input)),
        }
    }

    /// `:` and Enter: a page or a number within the selection's entry, an
    /// id, a 文号 or a name anywhere ([`crate::model::resolve::goto`]); no
    /// fuzzy guess (the palette is for that); several: the first, and how
    /// many.
    fn go_to(&mut self, query: &str) {
        use crate::model::resolve::{goto, Resolved};
        if query.is_empty() {
            return;
        }
        let entry = self
            .tree
            .entry_node(self.tree.nodes[self.tree_state.selected].entry);
        let found = goto(&self.tree, entry, query);
        let q = crate::text::sanitize(query);
        match found {
            Resolved::One(ix) => self.jump_to(ix),
            Resolved::Many(ixs) => {
                self.jump_to(ixs[0]);
                self.notice = Some(format!(
                    "{} nodes are “{q}”: showing the first; an id names one",
                    ixs.len()
                ));
            }
            Resolved::None => self.notice = Some(format!("nothing is named “{q}”")),
        }
    }

    /// Searches the text for `query` and goes to the first hit (Enter in
    /// the search prompt, or in the palette when no title matches).
    fn search_now(&mut self, query: &str) {
        self.last_search = query.to_string();
        if self.hits_for.as_deref() != Some(query) {
            let hits = crate::search::fulltext::search(&self.tree, query);
            self.show_text(query, hits);
        }
        self.hit = None;
        self.saved = None;
        self.step_hit(true);
        self.refresh();
    }

    fn show_text(&mut self, query: &str, hits: Vec<TextHit>) {
        self.hits = hits;
        self.hits_for = Some(query.to_string());
        self.hit = None;
    }

    /// Searches on a worker thread from now on, so typing in the palette
    /// or the search prompt never waits for a search.
    pub fn start_worker(&mut self) {
        self.start_worker_waking(None);
    }

    /// As [`App::start_worker`], announcing each answer on `wake`.
    pub fn start_worker_waking(
        &mut self,
        wake: Option<std::sync::mpsc::Sender<super::events::Msg>>,
    ) {
        if self.worker.is_none() {
            self.wake = wake.clone();
            self.worker = Some(Worker::start(Arc::clone(&self.tree), wake));
        }
    }

    /// Whether a search the screen waits for is running.
    pub fn searching(&self) -> bool {
        self.job.is_some()
    }

    /// Shows the answer of the running search if it has come; returns
    /// whether it did (the screen then needs a redraw).
    pub fn take_answer(&mut self) -> bool {
        let (Some(w), Some(n)) = (&self.worker, self.job) else {
            return false;
        };
        let Some(answer) = w.take(n) else {
            return false;
        };
        self.job = None;
        self.show_answer(answer);
        true
    }

    /// Waits for the running search and shows its answer (a key that needs
    /// its result, Enter).
    pub fn finish_search(&mut self) {
        let (Some(w), Some(n)) = (&self.worker, self.job.take()) else {
            return;
        };
        if let Some(answer) = w.wait(n) {
            self.show_answer(answer);
        }
    }

    fn show_answer(&mut self, answer: Answer) {
        match (answer, &mut self.overlay) {
            (Answer::Palette { query, found }, Overlay::Palette(p)) => p.show(&query, found),
            (Answer::Text { query, hits }, Overlay::Search(_)) => self.show_text(&query, hits),
            _ => {}
        }
    }

    /// A key while a prompt is open (the palette, the search, the unit
    /// filter): a prompt action as the keymap binds it, or a typed character.
    pub fn input(&mut self, typed: Typed) -> Effect {
        match typed {
            // Accepting acts on the answer to what was typed.
            Typed::Action(PromptAction::Accept) => self.finish_search(),
            Typed::Action(PromptAction::Cancel) => self.job = None,
            Typed::Action(PromptAction::Quit) => {
                self.quit = true;
                return Effect::Redraw;
            }
            _ => {}
        }
        let overlay = std::mem::replace(&mut self.overlay, Overlay::None);
        match overlay {
            Overlay::Palette(mut p) => {
                let outcome = match typed {
                    Typed::Action(a) => p.act(a),
                    Typed::Char(c) => p.type_char(c),
                };
                match outcome {
                    PaletteKey::Close => {
                        self.last_query = p.input;
                        self.restore_saved();
                        return Effect::Redraw;
                    }
                    PaletteKey::Pick(target) => {
                        self.last_query = p.input.clone();
                        match target {
                            Target::Node(ix) => self.jump_to(ix),
                            Target::Unit(name) => self.open_unit(&name),
                        }
                        self.saved = None;
                        return Effect::Redraw;
                    }
                    PaletteKey::SearchText => {
                        self.last_query = p.input.clone();
                        self.search_now(p.input.trim());
                        return Effect::Redraw;
                    }
                    PaletteKey::Edited => self.run_palette(&mut p),
                    PaletteKey::Moved | PaletteKey::Ignored => {}
                }
                self.overlay = Overlay::Palette(p);
                Effect::Redraw
            }
            Overlay::Search(mut prompt) => {
                match prompt.typed(typed) {
                    PromptKey::Close => {
                        self.last_search = prompt.input;
                        self.hits.clear();
                        self.hits_for = None;
                        self.hit = None;
                        self.restore_saved();
                        return Effect::Redraw;
                    }
                    PromptKey::Submit => {
                        self.search_now(&prompt.input);
                        return Effect::Redraw;
                    }
                    PromptKey::Edited | PromptKey::Ignored => {}
                }
                // A live count while typing.
                self.run_text(&prompt.input);
                self.overlay = Overlay::Search(prompt);
                Effect::Redraw
            }
            Overlay::Command(mut prompt) => {
                match prompt.typed(typed) {
                    PromptKey::Close => return Effect::Redraw,
                    PromptKey::Submit => {
                        self.go_to(prompt.input.trim());
                        return Effect::Redraw;
                    }
                    PromptKey::Edited | PromptKey::Ignored => {}
                }
                self.overlay = Overlay::Command(prompt);
                Effect::Redraw
            }
            Overlay::UnitFilter(mut prompt) => {
                // The list narrows as the unit is typed; Esc puts back the
                // filter there was, Enter keeps what is shown.
                let key = prompt.typed(typed);
                if let View::Timeline(t) = &mut self.view {
                    match key {
                        PromptKey::Close => {
                            if let Some(before) = t.unit_before.take() {
                                t.set_unit(before);
                            }
                        }
                        PromptKey::Submit => {
                            // A name that matches nothing keeps the filter
                            // there was, and says so.
                            let q = prompt.input.trim();
                            if !q.is_empty() && self.units.find(q).is_none() {
                                if let Some(before) = t.unit_before.take() {
                                    t.set_unit(before);
                                }
                                self.notice =
                                    Some(format!("no unit matches “{}”", crate::text::sanitize(q)));
                            }
                            t.unit_before = None;
                        }
                        PromptKey::Edited => {
                            let q = prompt.input.trim();
                            // While nothing matches, the list stays as it was.
                            match self.units.find(q) {
                                _ if q.is_empty() => t.set_unit(None),
                                Some(u) => t.set_unit(Some(u.unit.clone())),
                                None => {}
                            }
                        }
                        PromptKey::Ignored => {}
                    }
                }
                if matches!(key, PromptKey::Close | PromptKey::Submit) {
                    return Effect::Redraw;
                }
                self.overlay = Overlay::UnitFilter(prompt);
                Effect::Redraw
            }
            other => {
                self.overlay = other;
                Effect::None
            }
        }
    }

    /// A paste: text for the open prompt, never commands. Line breaks and
    /// other control characters become spaces, runs of spaces one, and at
    /// most [`MAX_PASTED`] characters are taken. Without a prompt open, a
    /// paste does nothing.
    pub fn paste(&mut self, text: &str) -> Effect {
        if !self.typing() {
            return Effect::None;
        }
        let mut clean = String::new();
        for c in text.chars() {
            let c = if c.is_control() { ' ' } else { c };
            if c == ' ' && (clean.is_empty() || clean.ends_with(' ')) {
                continue;
            }
            clean.push(c);
            if clean.chars().count() >= MAX_PASTED {
                break;
            }
        }
        let mut effect = Effect::None;
        for c in clean.trim_end().chars() {
            effect = self.input(Typed::Char(c));
        }
        effect
    }

    /// Moves to the next (or previous) full-text hit after (before) the
    /// current one, or from the selection when none is current.
    pub(crate) fn step_hit(&mut self, forward: bool) {
        if self.hits.is_empty() {
            if !self.last_search.is_empty() {
                self.notice = Some(format!(
                    "no hit for {}",
                    crate::text::sanitize(&self.last_search)
                ));
            }
            return;
        }
        let n = self.hits.len();
        let next = match self.hit {
            Some(h) if forward => (h + 1) % n,
            Some(h) => (h + n - 1) % n,
            None => {
                let sel = self.tree_state.selected;
                if forward {
                    self.hits.iter().position(|h| h.node >= sel).unwrap_or(0)
                } else {
                    self.hits
                        .iter()
                        .rposition(|h| h.node <= sel)
                        .unwrap_or(n - 1)
                }
            }
        };
        // Say where it is, and when it went round the end.
        let wrapped = match self.hit {
            Some(h) if forward => next < h,
            Some(h) => next > h,
            None => false,
        };
        self.notice = Some(format!(
            "hit {}/{n}{}",
            next + 1,
            match (wrapped, forward) {
                (true, true) => " · from the top again",
                (true, false) => " · from the bottom again",
                _ => "",
            }
        ));
        self.hit = Some(next);
        let node = self.hits[next].node;
        let text = self.hits[next].matched_text();
        self.jump_to(node);
        // Scroll the reader to the first line that shows the match.
        let found = self
            .reader
            .lines
            .iter()
            .position(|l| l.plain().contains(&text));
        if let Some(line) = found {
            self.reader.scroll = line.saturating_sub(2);
            self.reader.cursor = line;
            self.refresh();
        }
    }

    /// The distinct matched texts of the current search, for highlighting.
    pub fn highlight_terms(&self) -> Vec<String> {
        let mut terms: Vec<String> = self.hits.iter().map(|h| h.matched_text()).collect();
        terms.sort();
        terms.dedup();
        terms
    }

    /// A unit picked in the palette: jump to the first thing it owns.
    pub(crate) fn open_unit(&mut self, name: &str) {
        // The units view with its portfolio (issue 17: not its first
        // decision).
        if let Some(at) = self.units.units.iter().position(|u| u.unit == name) {
            let mut u = super::panes::units::UnitsState::new(at);
            u.in_items = true;
            self.set_view(super::app::View::Units(u));
            let height = (self.areas().body.height as usize).saturating_sub(3);
            if let super::app::View::Units(u) = &mut self.view {
                u.fit(&self.units, height);
            }
        }
    }

    pub(crate) fn restore_saved(&mut self) {
        if let Some((ix, scroll, focus)) = self.saved.take() {
            self.select(ix);
            self.focus = focus;
            self.refresh();
            self.reader.scroll = scroll;
            self.refresh();
        }
    }

    /// Opens the palette, building the index now if it is not ready, and
    /// remembers where the explorer was (Esc goes back there).
    pub(crate) fn open_palette(&mut self) {
        if self.index.is_none() {
            self.index = Some(Arc::new(match self.pending.take().map(|h| h.join()) {
                Some(Ok(index)) => index,
                Some(Err(panic)) => std::panic::resume_unwind(panic),
                None => Index::build(&self.tree, &self.units.names()),
            }));
        }
        self.saved = Some((self.tree_state.selected, self.reader.scroll, self.focus));
        let mut p = Palette::new(&self.last_query);
        self.run_palette(&mut p);
        self.overlay = Overlay::Palette(p);
    }

    /// Opens the full-text prompt with the last search, remembering where
    /// the explorer was.
    pub(crate) fn open_search(&mut self) {
        self.saved = Some((self.tree_state.selected, self.reader.scroll, self.focus));
        let input = self.last_search.clone();
        self.run_text(&input);
        self.overlay = Overlay::Search(Prompt::recalled(input));
    }
}
