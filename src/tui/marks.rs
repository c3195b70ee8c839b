//! Marks and the remembered place: `m` + letter marks the selected node,
//! `'` + letter goes back to it (as in less and vim); both and the node the
//! explorer was left at are kept in the state file ([`crate::state`]) when
//! state is on. A third `impl App`.

use super::app::{App, Effect};
use crate::state::Place;

/// Which letter key is awaited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKey {
    Set,
    Jump,
}

/// What the explorer remembers, and under which key it is saved (`None`:
/// `--no-state`, or a state file that did not read — nothing is written).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Memory {
    pub key: Option<String>,
    pub place: Place,
}

impl App {
    /// Starts with what was remembered: its marks, and the node it was left
    /// at when that is loaded (else when the whole library is in).
    /// `complete`: the tree is all there will be (no library loads after
    /// it), so a remembered node not in it is gone.
    pub fn remember(&mut self, memory: Memory, complete: bool) {
        self.restore = memory.place.last.clone();
        self.memory = memory;
        self.restore_last();
        if complete {
            self.restore = None;
        }
    }

    /// Goes to the remembered node if it is in the tree now.
    pub(crate) fn restore_last(&mut self) {
        let Some(id) = self.restore.clone() else {
            return;
        };
        if let Some(ix) = self.tree.find_id(&id) {
            self.jump(ix);
            self.restore = None;
        }
    }

    /// `m` or `'`: the next letter sets or jumps.
    pub(crate) fn await_mark(&mut self, key: MarkKey) -> Effect {
        self.pending_mark = Some(key);
        self.notice = Some(match key {
            MarkKey::Set => "mark: a letter names this place".into(),
            MarkKey::Jump => {
                let set: String = self.memory.place.marks.keys().collect();
                if set.is_empty() {
                    "go to mark: no mark is set (m and a letter sets one)".into()
                } else {
                    format!("go to mark: {set}")
                }
            }
        });
        Effect::Redraw
    }

    /// The letter after `m` or `'` (any other key cancels).
    pub fn mark_letter(&mut self, c: char) -> Effect {
        let Some(key) = self.pending_mark.take() else {
            return Effect::None;
        };
        if !c.is_ascii_alphabetic() {
            self.notice = Some("marks are letters a–z, A–Z".into());
            return Effect::Redraw;
        }
        match key {
            MarkKey::Set => {
                let ix = self.tree_state.selected;
                let id = self.tree.nodes[ix].id.clone();
                self.memory.place.marks.insert(c, id);
                let label = crate::text::truncate(&self.tree.label(ix), 40);
                self.notice = Some(match self.save_memory() {
                    Ok(()) => format!("mark {c}: {label}"),
                    Err(e) => format!("mark {c}: {label} (not saved: {e})"),
                });
            }
            MarkKey::Jump => match self.memory.place.marks.get(&c).cloned() {
                None => self.notice = Some(format!("no mark {c}")),
                Some(id) => match self.tree.find_id(&id) {
                    Some(ix) => self.jump_to(ix),
                    None => {
                        self.notice = Some(format!("mark {c}: {id} is not loaded"));
                    }
                },
            },
        }
        Effect::Redraw
    }

    /// Cancels a pending mark key.
    pub fn cancel_mark(&mut self) -> bool {
        let was = self.pending_mark.take().is_some();
        if was {
            self.notice = None;
        }
        was
    }

    /// Writes what is remembered, the node shown now as the last place.
    pub fn save_memory(&mut self) -> Result<(), String> {
        let Some(key) = self.memory.key.clone() else {
            return Ok(());
        };
        // Until the remembered node is in, it stays the last place.
        if self.restore.is_none() {
            self.memory.place.last = Some(self.tree.nodes[self.tree_state.selected].id.clone());
        }
        crate::state::save(&key, &self.memory.place)
    }
}
