//! Pure layout: screen size + view options → pane rectangles. Shared by
//! `update` (to keep the selection in view) and `draw`.

use ratatui::layout::Rect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub title: Rect,
    /// The tree pane with its border; zero-sized when hidden.
    pub tree: Rect,
    pub reader: Rect,
    pub status: Rect,
    /// Tree and reader together (for the timeline and units views).
    pub body: Rect,
}

/// `split` is the tree's share of the width in percent.
pub fn areas(size: Rect, split: u16, tree_hidden: bool) -> Areas {
    let h = size.height;
    let title = Rect::new(size.x, size.y, size.width, h.min(1));
    let status_h = u16::from(h >= 3);
    let status = Rect::new(
        size.x,
        size.y + h.saturating_sub(status_h),
        size.width,
        status_h,
    );
    let body_y = size.y + title.height;
    let body_h = h.saturating_sub(title.height + status_h);
    let tree_w = if tree_hidden || size.width < 4 {
        0
    } else {
        (u32::from(size.width) * u32::from(split) / 100) as u16
    };
    let tree = Rect::new(size.x, body_y, tree_w, body_h);
    let reader = Rect::new(size.x + tree_w, body_y, size.width - tree_w, body_h);
    Areas {
        title,
        tree,
        reader,
        status,
        body: Rect::new(size.x, body_y, size.width, body_h),
    }
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1).min(r.x + r.width),
        r.y.saturating_add(1).min(r.y + r.height),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_fill_the_screen_at_any_size() {
        for (w, h) in [(0, 0), (1, 1), (3, 2), (20, 6), (80, 24), (500, 200)] {
            let a = areas(Rect::new(0, 0, w, h), 35, false);
            assert_eq!(a.tree.width + a.reader.width, w);
            assert!(a.title.height + a.tree.height + a.status.height <= h.max(1));
            let hidden = areas(Rect::new(0, 0, w, h), 35, true);
            assert_eq!(hidden.reader.width, w);
        }
    }
}
