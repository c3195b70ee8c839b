//! What the explorer hands to the world outside the terminal UI: text to
//! the system clipboard through the terminal (OSC 52), a node's text to
//! `$PAGER`, a read-only temporary copy to `$EDITOR`. The terminal is
//! restored around a program and entered again after it, as for Ctrl-Z.

use std::io::{self, Write};

use base64::Engine;

/// A request from the app to the loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outside {
    /// `what` names it in the message (`text`, `id`, `citation`).
    Clipboard {
        what: &'static str,
        text: String,
    },
    Pager(String),
    Editor(String),
}

/// The most a clipboard takes through the terminal (terminals limit OSC 52;
/// 100 KB is within what xterm, kitty, WezTerm and tmux accept).
pub const CLIPBOARD_MAX: usize = 100_000;

/// The OSC 52 sequence that puts `text` on the system clipboard, cut at a
/// character boundary to [`CLIPBOARD_MAX`] bytes; and whether it was cut.
pub fn osc52(text: &str) -> (String, bool) {
    let mut end = text.len().min(CLIPBOARD_MAX);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let encoded = base64::engine::general_purpose::STANDARD.encode(&text[..end]);
    (format!("\x1b]52;c;{encoded}\x07"), end < text.len())
}

/// The shell words of `$VAR`, or the default.
fn program(var: &str, default: &str) -> String {
    std::env::var(var)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| default.to_string())
}

/// Does it; returns what the status line says. Programs run through `sh
/// -c`, so `PAGER="less -R"` works; the terminal is the caller's to
/// restore and enter again around a program.
pub fn run(request: &Outside, restore: impl Fn(), enter: impl Fn() -> io::Result<()>) -> String {
    match request {
        Outside::Clipboard { what, text } => {
            let (seq, cut) = osc52(text);
            let mut out = io::stdout();
            let written = out.write_all(seq.as_bytes()).and_then(|()| out.flush());
            match (written, cut) {
                (Err(e), _) => format!("could not copy: {e}"),
                (Ok(()), false) => {
                    format!("copied the {what} ({} characters)", text.chars().count())
                }
                (Ok(()), true) => {
                    format!("copied the first {} KB of the {what}", CLIPBOARD_MAX / 1000)
                }
            }
        }
        Outside::Pager(text) => {
            let pager = program("PAGER", "less");
            restore();
            let result = std::process::Command::new("sh")
                .arg("-c")
                .arg(&pager)
                .stdin(std::process::Stdio::piped())
                .spawn()
                .and_then(|mut child| {
                    if let Some(mut stdin) = child.stdin.take() {
                        // A pager that quits early closes the pipe: fine.
                        let _ = stdin.write_all(text.as_bytes());
                    }
                    child.wait()
                });
            let entered = enter();
            match (result, entered) {
                (_, Err(e)) => format!("the terminal did not come back: {e}"),
                (Ok(status), Ok(())) if matches!(status.code(), Some(126 | 127)) => {
                    format!("could not run {pager:?} (set $PAGER)")
                }
                (Ok(_), Ok(())) => String::new(),
                (Err(e), Ok(())) => format!("could not run {pager:?}: {e}"),
            }
        }
        Outside::Editor(text) => {
            let editor = program("EDITOR", "vi");
            // A read-only copy in a temporary file, deleted afterwards.
            let file = tempfile::Builder::new()
                .prefix("gongbao-")
                .suffix(".txt")
                .tempfile()
                .and_then(|mut f| {
                    f.write_all(text.as_bytes())?;
                    f.flush()?;
                    let mut perms = f.as_file().metadata()?.permissions();
                    perms.set_readonly(true);
                    f.as_file().set_permissions(perms)?;
                    Ok(f)
                });
            let file = match file {
                Ok(f) => f,
                Err(e) => return format!("could not write a temporary copy: {e}"),
            };
            restore();
            let result = std::process::Command::new("sh")
                .arg("-c")
                .arg(format!("{editor} \"$1\""))
                .arg("sh")
                .arg(file.path())
                .status();
            let entered = enter();
            drop(file);
            match (result, entered) {
                (_, Err(e)) => format!("the terminal did not come back: {e}"),
                (Ok(status), Ok(())) if matches!(status.code(), Some(126 | 127)) => {
                    format!("could not run {editor:?} (set $EDITOR)")
                }
                (Ok(_), Ok(())) => "the copy was read-only and is deleted".to_string(),
                (Err(e), Ok(())) => format!("could not run {editor:?}: {e}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_is_base64_between_the_markers_and_cut_at_a_character() {
        let (seq, cut) = osc52("专栏5");
        assert_eq!(seq, "\x1b]52;c;5LiT5qCPNQ==\x07");
        assert!(!cut);
        let long = "新".repeat(CLIPBOARD_MAX);
        let (seq, cut) = osc52(&long);
        assert!(cut);
        let body = seq
            .trim_start_matches("\x1b]52;c;")
            .trim_end_matches('\x07');
        let back = base64::engine::general_purpose::STANDARD
            .decode(body)
            .expect("base64");
        let back = String::from_utf8(back).expect("whole characters");
        assert!(back.len() <= CLIPBOARD_MAX && back.chars().all(|c| c == '新'));
    }
}
