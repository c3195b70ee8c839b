//! Everything a user can bind to a key. `describe` gives the help line, so
//! the help overlay is generated from the keymap and never lies.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Action {
    /// Move the selection (or the reader's cursor) down one row.
    MoveDown,
    /// Move the selection (or the reader's cursor) up one row.
    MoveUp,
    /// Collapse the node, or go to its parent when already collapsed.
    CollapseOrParent,
    /// Expand the node, or go to its first child when already expanded.
    ExpandOrChild,
    /// Open: toggle the node in the tree; in the reader, select the line's node.
    Open,
    /// Go to the first row.
    First,
    /// Go to the last row.
    Last,
    /// Page down in the reader.
    PageDown,
    /// Page up in the reader.
    PageUp,
    /// Half a page down in the reader.
    HalfPageDown,
    /// Half a page up in the reader.
    HalfPageUp,
    /// Collapse the tree so nodes down to this depth show.
    CollapseToLevel(u8),
    /// Show or hide the key help.
    ToggleHelp,
    /// Close the overlay that is open.
    Close,
    /// Quit.
    Quit,
    /// Make the tree pane narrower.
    NarrowTree,
    /// Make the tree pane wider.
    WidenTree,
    /// Hide or show the tree pane.
    ToggleTree,
    /// Move focus between the tree and the reader.
    FocusNext,
    /// Suspend to the shell (Ctrl-Z); `fg` comes back.
    Suspend,
    /// Open the jump palette (fuzzy, pinyin) over every title.
    OpenPalette,
    /// Search every text (substring, pinyin) and highlight the hits.
    OpenSearch,
    /// Go to the next full-text hit.
    NextHit,
    /// Go to the previous full-text hit.
    PrevHit,
    /// Go back to where the last jump came from.
    JumpBack,
    /// Go forward again after going back.
    JumpForward,
    /// Open the decision timeline (Esc returns).
    OpenTimeline,
    /// Open the units pane (Esc returns).
    OpenUnits,
    /// The reader: select the previous citation link; the timeline: move
    /// the as-of date a month back.
    #[serde(alias = "AsOfPrev")]
    Previous,
    /// The reader: select the next citation link; the timeline: move the
    /// as-of date a month on.
    #[serde(alias = "AsOfNext")]
    Next,
    /// Show who cites the selected document or article (Enter jumps there).
    CitedBy,
    /// Timeline: set the as-of date to today.
    AsOfToday,
    /// Timeline: cycle the grouping (catalogue order, by month, by unit).
    CycleGrouping,
    /// Timeline: show one unit only, picked by fuzzy or pinyin match.
    FilterUnit,
    /// Timeline: scroll the months so the as-of month is in view.
    ShowAsOf,
    /// Timeline: cycle the status filter (past, due, upcoming, undated, all).
    CycleStatus,
    /// Timeline: cycle the year filter through the years of the items.
    CycleYear,
    /// Timeline: cycle the entry filter through the entries with dates.
    CycleEntry,
    /// Timeline: cycle the kind filter (decision, task, 施行, 失效, all).
    CycleKind,
    /// A command line: go to an id, a 文号, a decision or task number, a page.
    CommandLine,
    /// Unfold everything under the selected node.
    ExpandAll,
    /// Fold everything but the top level.
    CollapseAll,
    /// Mark the selected node with the next letter typed.
    SetMark,
    /// Go to the node marked with the next letter typed.
    JumpToMark,
    /// Copy the selected node's text, id or a citation line (a menu).
    CopyMenu,
    /// Open the selected node's text in $PAGER.
    OpenPager,
    /// Open a read-only temporary copy of the node's text in $EDITOR.
    OpenEditor,
}

impl Action {
    /// The help line for this action.
    pub fn describe(self) -> String {
        match self {
            Action::MoveDown => "move down".into(),
            Action::MoveUp => "move up".into(),
            Action::CollapseOrParent => "collapse, or go to parent; timeline: a month left".into(),
            Action::ExpandOrChild => "expand, or go to first child; timeline: a month right".into(),
            Action::Open => "open (toggle; in the reader: select the line's node)".into(),
            Action::First => "first row".into(),
            Action::Last => "last row".into(),
            Action::PageDown => "page down in the reader".into(),
            Action::PageUp => "page up in the reader".into(),
            Action::HalfPageDown => "half page down in the reader".into(),
            Action::HalfPageUp => "half page up in the reader".into(),
            Action::CollapseToLevel(n) => format!("collapse the tree to level {n}"),
            Action::ToggleHelp => "this help".into(),
            Action::Close => {
                "close the overlay; timeline: clear the filters, then back".into()
            }
            Action::Quit => "quit".into(),
            Action::NarrowTree => "narrower tree".into(),
            Action::WidenTree => "wider tree".into(),
            Action::ToggleTree => "hide or show the tree".into(),
            Action::FocusNext => "switch focus tree ⇄ reader".into(),
            Action::Suspend => "suspend (fg to return)".into(),
            Action::OpenPalette => "jump: fuzzy over titles, pinyin too (xcl, xincailiao)".into(),
            Action::OpenSearch => "search all text (n / N: next / previous hit)".into(),
            Action::NextHit => "next search hit".into(),
            Action::PrevHit => "previous search hit".into(),
            Action::JumpBack => "back along the jump list".into(),
            Action::JumpForward => "forward along the jump list".into(),
            Action::OpenTimeline => "timeline of every dated item (Esc returns)".into(),
            Action::OpenUnits => "units and what they own (Esc returns)".into(),
            Action::Previous => {
                "previous link (Enter follows it); timeline: as-of a month earlier".into()
            }
            Action::Next => "next link (Enter follows it); timeline: as-of a month later".into(),
            Action::CitedBy => "who cites this document or article (Enter jumps)".into(),
            Action::AsOfToday => "timeline: as-of today".into(),
            Action::CycleGrouping => {
                "timeline: catalogue order / by month / by unit; units: sort by name / count / pinyin"
                    .into()
            }
            Action::FilterUnit => {
                "timeline: one unit only (fuzzy, pinyin); units: all tasks / led / supported".into()
            }
            Action::ShowAsOf => "timeline: bring the as-of month into view".into(),
            Action::CycleStatus => {
                "timeline: filter by status (past, due, upcoming, undated)".into()
            }
            Action::CycleYear => "timeline: filter by year".into(),
            Action::CycleEntry => "timeline: filter by entry (issue, document)".into(),
            Action::CycleKind => "timeline: filter by kind (decision, task, 施行, 失效)".into(),
            Action::ExpandAll => "unfold everything under the selection".into(),
            Action::CollapseAll => "fold everything but the top level".into(),
            Action::CommandLine => "go to: an id, a 文号, 1.6 / 任务45 (this entry), p12".into(),
            Action::SetMark => "mark this node: m then a letter (kept across runs)".into(),
            Action::JumpToMark => "go to a mark: ' then its letter".into(),
            Action::CopyMenu => "copy the node's text, id or citation line (OSC 52)".into(),
            Action::OpenPager => "the node's text in $PAGER".into(),
            Action::OpenEditor => "a read-only copy of the node's text in $EDITOR".into(),
        }
    }
}

/// What a key does while a prompt is open (the jump palette, the full-text
/// search, the timeline's unit filter); any other character is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PromptAction {
    /// Act on what was typed (jump to the selected hit, search, filter).
    Accept,
    /// Close the prompt, keeping what was typed for next time.
    Cancel,
    /// Select the next hit.
    Next,
    /// Select the previous hit.
    Prev,
    /// Clear the input.
    Clear,
    /// Delete the character before the cursor.
    DeleteBack,
    /// Quit the program.
    Quit,
}

impl PromptAction {
    /// The help line for this action.
    pub fn describe(self) -> String {
        match self {
            PromptAction::Accept => "prompt: jump / search / filter",
            PromptAction::Cancel => "prompt: close",
            PromptAction::Next => "prompt: next hit",
            PromptAction::Prev => "prompt: previous hit",
            PromptAction::Clear => "prompt: clear",
            PromptAction::DeleteBack => "prompt: delete a character",
            PromptAction::Quit => "prompt: quit",
        }
        .into()
    }
}
