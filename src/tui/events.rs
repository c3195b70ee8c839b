//! Everything the loop waits for arrives on one channel: the terminal's
//! input (read here, from the tty, by a thread of its own), a resize, and
//! the search worker's "an answer is ready". The loop blocks on the channel;
//! nothing polls.
//!
//! The input thread owns the terminal's input. It waits in `poll(2)` with no
//! timeout, so when the terminal goes away it sees the hang-up (or the end
//! of input) at once and says so, and the program ends — even when SIGHUP
//! was ignored, where crossterm's own reader retried a read of 0 bytes
//! forever at 100 % CPU. Bytes are parsed by [`InputParser`] on `vte` (a
//! kept VT parser, the one alacritty uses) into crossterm's event types, so
//! the app is unchanged; bracketed paste arrives as one bounded
//! [`Event::Paste`], and a paste whose end never comes ends after a second
//! of silence instead of swallowing every later key.

use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd};
use std::sync::mpsc::Sender;
use std::time::Duration;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};

/// What the loop receives.
#[derive(Debug)]
pub enum Msg {
    /// A key, a mouse event, a paste, a resize or a focus change.
    Term(Event),
    /// The terminal is gone (hang-up or end of input): quit.
    Hangup,
    /// The search worker has an answer.
    Answer,
    /// The whole library has loaded (after the first frame).
    Loaded(Box<Result<super::app::Loaded, String>>),
}

/// The longest paste kept, in bytes; the rest is dropped.
pub const MAX_PASTE: usize = 64 * 1024;
/// How long a paste may pause before it is taken as ended.
const PASTE_SILENCE: Duration = Duration::from_secs(1);

/// Bytes from the terminal → events.
pub struct InputParser {
    vte: vte::Parser,
    /// Inside a bracketed paste: its bytes so far (`None` outside one).
    paste: Option<Vec<u8>>,
    /// The next printed character ends an SS3 sequence (`ESC O P` = F1).
    ss3: bool,
    /// The last byte fed was an ESC that may begin a sequence.
    esc_pending: bool,
    out: Vec<Event>,
}

impl Default for InputParser {
    fn default() -> InputParser {
        InputParser {
            vte: vte::Parser::new(),
            paste: None,
            ss3: false,
            esc_pending: false,
            out: Vec::new(),
        }
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    })
}

/// xterm's modifier parameter (1 + bits: 1 shift, 2 alt, 4 ctrl).
fn modifiers(param: u16) -> KeyModifiers {
    let bits = param.saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    if bits & 1 != 0 {
        m |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        m |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        m |= KeyModifiers::CONTROL;
    }
    m
}

struct Perform<'a> {
    out: &'a mut Vec<Event>,
    ss3: &'a mut bool,
    paste_start: &'a mut bool,
}

impl vte::Perform for Perform<'_> {
    fn print(&mut self, c: char) {
        if std::mem::take(self.ss3) {
            let code = match c {
                'A' => Some(KeyCode::Up),
                'B' => Some(KeyCode::Down),
                'C' => Some(KeyCode::Right),
                'D' => Some(KeyCode::Left),
                'H' => Some(KeyCode::Home),
                'F' => Some(KeyCode::End),
                'P' => Some(KeyCode::F(1)),
                'Q' => Some(KeyCode::F(2)),
                'R' => Some(KeyCode::F(3)),
                'S' => Some(KeyCode::F(4)),
                _ => None,
            };
            match code {
                Some(code) => {
                    self.out.push(key(code, KeyModifiers::NONE));
                    return;
                }
                // Not SS3 after all: it was Alt-Shift-O, then this key.
                None => self.out.push(key(
                    KeyCode::Char('O'),
                    KeyModifiers::ALT | KeyModifiers::SHIFT,
                )),
            }
        }
        let m = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        self.out.push(key(KeyCode::Char(c), m));
    }

    fn execute(&mut self, byte: u8) {
        if std::mem::take(self.ss3) {
            self.out.push(key(
                KeyCode::Char('O'),
                KeyModifiers::ALT | KeyModifiers::SHIFT,
            ));
        }
        let ev = match byte {
            b'\r' | b'\n' => key(KeyCode::Enter, KeyModifiers::NONE),
            b'\t' => key(KeyCode::Tab, KeyModifiers::NONE),
            0x08 => key(KeyCode::Backspace, KeyModifiers::NONE),
            0x00 => key(KeyCode::Char(' '), KeyModifiers::CONTROL),
            0x01..=0x1a => key(
                KeyCode::Char((b'a' + byte - 1) as char),
                KeyModifiers::CONTROL,
            ),
            0x1c..=0x1f => key(
                KeyCode::Char((b'4' + byte - 0x1c) as char),
                KeyModifiers::CONTROL,
            ),
            _ => return,
        };
        self.out.push(ev);
    }

    fn csi_dispatch(&mut self, params: &vte::Params, inter: &[u8], _ignore: bool, action: char) {
        let p: Vec<u16> = params
            .iter()
            .map(|s| s.first().copied().unwrap_or(0))
            .collect();
        let at = |k: usize| p.get(k).copied().unwrap_or(0);
        if inter == [b'<'] && matches!(action, 'M' | 'm') {
            self.mouse(at(0), at(1), at(2), action == 'm');
            return;
        }
        if !inter.is_empty() {
            return;
        }
        let m = modifiers(at(1).max(1));
        let code = match action {
            'A' => KeyCode::Up,
            'B' => KeyCode::Down,
            'C' => KeyCode::Right,
            'D' => KeyCode::Left,
            'H' => KeyCode::Home,
            'F' => KeyCode::End,
            'Z' => {
                self.out.push(key(KeyCode::BackTab, KeyModifiers::SHIFT));
                return;
            }
            'I' => {
                self.out.push(Event::FocusGained);
                return;
            }
            'O' => {
                self.out.push(Event::FocusLost);
                return;
            }
            'P' | 'Q' | 'R' | 'S' => KeyCode::F(action as u8 - b'P' + 1),
            '~' => match at(0) {
                1 | 7 => KeyCode::Home,
                2 => KeyCode::Insert,
                3 => KeyCode::Delete,
                4 | 8 => KeyCode::End,
                5 => KeyCode::PageUp,
                6 => KeyCode::PageDown,
                n @ 11..=15 => KeyCode::F((n - 10) as u8),
                n @ 17..=21 => KeyCode::F((n - 11) as u8),
                n @ 23..=24 => KeyCode::F((n - 12) as u8),
                200 => {
                    *self.paste_start = true;
                    return;
                }
                _ => return,
            },
            _ => return,
        };
        self.out.push(key(code, m));
    }

    fn esc_dispatch(&mut self, inter: &[u8], _ignore: bool, byte: u8) {
        if !inter.is_empty() {
            return;
        }
        if byte == b'O' {
            *self.ss3 = true;
            return;
        }
        // Alt and a key.
        if (0x20..0x7f).contains(&byte) {
            let c = byte as char;
            let mut m = KeyModifiers::ALT;
            if c.is_ascii_uppercase() {
                m |= KeyModifiers::SHIFT;
            }
            self.out.push(key(KeyCode::Char(c), m));
        }
    }
}

impl Perform<'_> {
    /// SGR mouse: button bits, 1-based column and row, press or release.
    fn mouse(&mut self, b: u16, x: u16, y: u16, release: bool) {
        let column = x.saturating_sub(1);
        let row = y.saturating_sub(1);
        let mut modifiers = KeyModifiers::NONE;
        if b & 4 != 0 {
            modifiers |= KeyModifiers::SHIFT;
        }
        if b & 8 != 0 {
            modifiers |= KeyModifiers::ALT;
        }
        if b & 16 != 0 {
            modifiers |= KeyModifiers::CONTROL;
        }
        let button = match b & 3 {
            0 => MouseButton::Left,
            1 => MouseButton::Middle,
            _ => MouseButton::Right,
        };
        // Buttons 8–11 (back, forward …) are not the explorer's.
        if b >= 128 {
            return;
        }
        let kind = if b & 64 != 0 {
            match b & 3 {
                0 => MouseEventKind::ScrollUp,
                1 => MouseEventKind::ScrollDown,
                2 => MouseEventKind::ScrollLeft,
                _ => MouseEventKind::ScrollRight,
            }
        } else if b & 32 != 0 && b & 3 == 3 {
            MouseEventKind::Moved
        } else if b & 32 != 0 {
            MouseEventKind::Drag(button)
        } else if release {
            MouseEventKind::Up(button)
        } else {
            MouseEventKind::Down(button)
        };
        self.out.push(Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers,
        }));
    }
}

const PASTE_END: &[u8] = b"\x1b[201~";

impl InputParser {
    /// Whether a paste is open (the reader then waits with a timeout).
    pub fn in_paste(&self) -> bool {
        self.paste.is_some()
    }

    /// Parses one read's bytes, all that came (see [`InputParser::feed_read`]).
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        self.feed_read(bytes, true)
    }

    /// Parses one read's bytes. A lone ESC at the end of a read is the Esc
    /// key (terminals send an escape sequence in one write) — unless the
    /// read filled the buffer (`complete` false: more is waiting, and the
    /// sequence may go on in the next read).
    pub fn feed_read(&mut self, bytes: &[u8], complete: bool) -> Vec<Event> {
        let mut i = 0;
        while i < bytes.len() {
            if let Some(buf) = self.paste.as_mut() {
                // The end marker may have begun in an earlier read.
                let from = buf.len().saturating_sub(PASTE_END.len() - 1);
                buf.extend_from_slice(&bytes[i..]);
                i = bytes.len();
                if let Some(end) = find(&buf[from..], PASTE_END).map(|p| from + p) {
                    let rest = buf.split_off(end + PASTE_END.len());
                    buf.truncate(end);
                    self.end_paste();
                    self.vte = vte::Parser::new();
                    let more = self.feed(&rest);
                    self.out.extend(more);
                } else if buf.len() > MAX_PASTE + 2 * PASTE_END.len() {
                    // Over the cap: keep the head and a tail to find the end in.
                    let tail = buf.split_off(buf.len() - PASTE_END.len());
                    buf.truncate(MAX_PASTE);
                    buf.extend_from_slice(&tail);
                }
                continue;
            }
            let b = bytes[i];
            i += 1;
            let after_esc = std::mem::take(&mut self.esc_pending);
            // DEL is Backspace (vte ignores it); ESC DEL is Alt-Backspace.
            if b == 0x7f {
                let m = if after_esc {
                    self.vte = vte::Parser::new();
                    KeyModifiers::ALT
                } else {
                    KeyModifiers::NONE
                };
                self.out.push(key(KeyCode::Backspace, m));
                continue;
            }
            // ESC ESC: the first was the Esc key.
            if b == 0x1b && after_esc {
                self.vte = vte::Parser::new();
                self.out.push(key(KeyCode::Esc, KeyModifiers::NONE));
            }
            self.esc_pending = b == 0x1b;
            let mut paste_start = false;
            let mut perform = Perform {
                out: &mut self.out,
                ss3: &mut self.ss3,
                paste_start: &mut paste_start,
            };
            self.vte.advance(&mut perform, &[b]);
            if paste_start {
                self.paste = Some(Vec::new());
            }
        }
        // A lone ESC (the parser waits for a sequence that will not come).
        if self.paste.is_none() && self.esc_pending && complete {
            self.esc_pending = false;
            self.vte = vte::Parser::new();
            self.ss3 = false;
            self.out.push(key(KeyCode::Esc, KeyModifiers::NONE));
        }
        std::mem::take(&mut self.out)
    }

    /// Ends an open paste (its end marker came, or it went silent); its
    /// text is at most [`MAX_PASTE`] bytes.
    pub fn end_paste(&mut self) -> Option<Event> {
        let mut buf = self.paste.take()?;
        buf.truncate(MAX_PASTE);
        let ev = Event::Paste(String::from_utf8_lossy(&buf).into_owned());
        self.out.push(ev.clone());
        Some(ev)
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The terminal's input: stdin when it is a terminal, else `/dev/tty`.
fn tty() -> io::Result<std::os::fd::OwnedFd> {
    use std::io::IsTerminal;
    if io::stdin().is_terminal() {
        return io::stdin().as_fd().try_clone_to_owned();
    }
    // The terminal itself, read as a stream of keys (not a file).
    #[allow(clippy::disallowed_methods)]
    let tty = std::fs::OpenOptions::new().read(true).open("/dev/tty")?;
    Ok(tty.into())
}

/// Stops the input thread reading the terminal while another program
/// (the pager, the editor) has it, and lets it go on after: every key
/// typed meanwhile is that program's.
#[derive(Debug)]
pub struct Pause {
    /// A byte here wakes the input thread and asks it to stop.
    ask: std::os::unix::net::UnixStream,
    /// It says it has stopped.
    stopped: std::sync::mpsc::Receiver<()>,
    /// A message here lets it go on.
    resume: Sender<()>,
}

impl Pause {
    /// Returns when the input thread has stopped reading (at once if it
    /// has ended).
    pub fn pause(&mut self) {
        use std::io::Write;
        if self.ask.write_all(&[1]).is_ok() {
            let _ = self.stopped.recv();
        }
    }

    pub fn resume(&self) {
        let _ = self.resume.send(());
    }
}

/// The input thread's side of a [`Pause`].
struct Paused {
    ask: std::os::unix::net::UnixStream,
    stopped: Sender<()>,
    resume: std::sync::mpsc::Receiver<()>,
}

/// Starts the input thread: it sends terminal events, and `Hangup` when
/// the terminal is gone, then ends. The [`Pause`] stops and restarts its
/// reading.
pub fn spawn_input(tx: Sender<Msg>) -> io::Result<Pause> {
    let fd = tty()?;
    let (ask, theirs) = std::os::unix::net::UnixStream::pair()?;
    let (stopped_tx, stopped) = std::sync::mpsc::channel();
    let (resume, resume_rx) = std::sync::mpsc::channel();
    let paused = Paused {
        ask: theirs,
        stopped: stopped_tx,
        resume: resume_rx,
    };
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || read_input(fd.as_fd(), &tx, &paused))?;
    Ok(Pause {
        ask,
        stopped,
        resume,
    })
}

fn read_input(fd: BorrowedFd<'_>, tx: &Sender<Msg>, paused: &Paused) {
    use rustix::event::{poll, PollFd, PollFlags};
    let mut parser = InputParser::default();
    let mut buf = [0u8; 4096];
    loop {
        // Wait for input, with no timeout unless a paste is open.
        let timeout = parser.in_paste().then(|| {
            rustix::event::Timespec::try_from(PASTE_SILENCE).unwrap_or(rustix::event::Timespec {
                tv_sec: 1,
                tv_nsec: 0,
            })
        });
        let mut fds = [
            PollFd::new(&fd, PollFlags::IN),
            PollFd::new(&paused.ask, PollFlags::IN),
        ];
        match poll(&mut fds, timeout.as_ref()) {
            Ok(0) => {
                if let Some(ev) = parser.end_paste() {
                    parser = InputParser::default();
                    if tx.send(Msg::Term(ev)).is_err() {
                        return;
                    }
                }
                continue;
            }
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => break,
        }
        // Asked to stop: say so, and wait (blocked, reading nothing) to
        // go on.
        if fds[1].revents().contains(PollFlags::IN) {
            use std::io::Read;
            let mut byte = [0u8; 1];
            let _ = (&paused.ask).read(&mut byte);
            if paused.stopped.send(()).is_err() || paused.resume.recv().is_err() {
                return;
            }
            continue;
        }
        let revents = fds[0].revents();
        let readable = revents.contains(PollFlags::IN);
        if !readable && revents.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
            break;
        }
        let n = match rustix::io::read(fd, &mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(rustix::io::Errno::INTR) | Err(rustix::io::Errno::AGAIN) => continue,
            Err(_) => break,
        };
        for ev in parser.feed_read(&buf[..n], n < buf.len()) {
            if tx.send(Msg::Term(ev)).is_err() {
                return;
            }
        }
    }
    let _ = fd.as_raw_fd();
    let _ = tx.send(Msg::Hangup);
}

/// Sends a resize on SIGWINCH (the input thread reads the tty itself, so
/// crossterm's own resize events no longer come).
pub fn spawn_resize(tx: Sender<Msg>) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([signal_hook::consts::SIGWINCH])?;
    std::thread::Builder::new()
        .name("resize".into())
        .spawn(move || {
            for _ in signals.forever() {
                if let Ok((w, h)) = crossterm::terminal::size() {
                    if tx.send(Msg::Term(Event::Resize(w, h))).is_err() {
                        return;
                    }
                }
            }
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(bytes: &[u8]) -> Vec<Event> {
        InputParser::default().feed(bytes)
    }

    fn k(code: KeyCode, m: KeyModifiers) -> Event {
        key(code, m)
    }

    #[test]
    fn keys_from_bytes() {
        use KeyModifiers as M;
        assert_eq!(
            keys(b"x\r\t\x7f"),
            vec![
                k(KeyCode::Char('x'), M::NONE),
                k(KeyCode::Enter, M::NONE),
                k(KeyCode::Tab, M::NONE),
                k(KeyCode::Backspace, M::NONE)
            ]
        );
        assert_eq!(keys(b"\x03"), vec![k(KeyCode::Char('c'), M::CONTROL)]);
        assert_eq!(keys(b"\x1b"), vec![k(KeyCode::Esc, M::NONE)]);
        assert_eq!(
            keys(b"\x1b[A\x1b[1;5C"),
            vec![k(KeyCode::Up, M::NONE), k(KeyCode::Right, M::CONTROL)]
        );
        assert_eq!(
            keys(b"\x1b[5~\x1b[6~"),
            vec![k(KeyCode::PageUp, M::NONE), k(KeyCode::PageDown, M::NONE)]
        );
        assert_eq!(keys(b"\x1bOP"), vec![k(KeyCode::F(1), M::NONE)]);
        assert_eq!(keys(b"\x1bx"), vec![k(KeyCode::Char('x'), M::ALT)]);
        assert_eq!(
            keys("新材".as_bytes()),
            vec![
                k(KeyCode::Char('新'), M::NONE),
                k(KeyCode::Char('材'), M::NONE)
            ]
        );
        assert_eq!(keys(b"G"), vec![k(KeyCode::Char('G'), M::SHIFT)]);
        assert_eq!(
            keys(b"\x1b[<0;10;5M\x1b[<65;3;4M"),
            vec![
                Event::Mouse(MouseEvent {
                    kind: MouseEventKind::Down(MouseButton::Left),
                    column: 9,
                    row: 4,
                    modifiers: M::NONE
                }),
                Event::Mouse(MouseEvent {
                    kind: MouseEventKind::ScrollDown,
                    column: 2,
                    row: 3,
                    modifiers: M::NONE
                })
            ]
        );
    }

    #[test]
    fn escapes_at_the_edges() {
        use KeyModifiers as M;
        // Alt-Backspace, then a key that must arrive as itself.
        assert_eq!(
            keys(b"\x1b\x7fj"),
            vec![
                k(KeyCode::Backspace, M::ALT),
                k(KeyCode::Char('j'), M::NONE)
            ]
        );
        // Two Esc presses in one read.
        assert_eq!(
            keys(b"\x1b\x1b"),
            vec![k(KeyCode::Esc, M::NONE), k(KeyCode::Esc, M::NONE)]
        );
        // A paste end followed by Esc: one Esc.
        let mut p = InputParser::default();
        p.feed(b"\x1b[200~ab");
        assert_eq!(
            p.feed(b"\x1b[201~\x1b"),
            vec![Event::Paste("ab".into()), k(KeyCode::Esc, M::NONE)]
        );
        // A read that filled the buffer ends in ESC: the sequence goes on.
        let mut p = InputParser::default();
        assert!(p.feed_read(b"\x1b", false).is_empty());
        assert_eq!(p.feed(b"[A"), vec![k(KeyCode::Up, M::NONE)]);
        // ESC O then Enter: Alt-Shift-O and Enter, the next key intact.
        assert_eq!(
            keys(b"\x1bO\rx"),
            vec![
                k(KeyCode::Char('O'), M::ALT | M::SHIFT),
                k(KeyCode::Enter, M::NONE),
                k(KeyCode::Char('x'), M::NONE)
            ]
        );
        // Motion without a button, and buttons 8–11.
        assert_eq!(
            keys(b"\x1b[<35;2;3M"),
            vec![Event::Mouse(MouseEvent {
                kind: MouseEventKind::Moved,
                column: 1,
                row: 2,
                modifiers: M::NONE
            })]
        );
        assert!(keys(b"\x1b[<128;2;3M").is_empty());
    }

    #[test]
    fn a_paste_is_one_event_and_its_newlines_are_text() {
        assert_eq!(
            keys(b"a\x1b[200~xcl\rt\x1b[201~b"),
            vec![
                k(KeyCode::Char('a'), KeyModifiers::NONE),
                Event::Paste("xcl\rt".into()),
                k(KeyCode::Char('b'), KeyModifiers::NONE)
            ]
        );
        // Split over reads.
        let mut p = InputParser::default();
        assert!(p.feed(b"\x1b[200~abc").is_empty());
        assert!(p.in_paste());
        assert_eq!(p.feed(b"def\x1b[201~"), vec![Event::Paste("abcdef".into())]);
        // Capped.
        let mut p = InputParser::default();
        let big = vec![b'z'; MAX_PASTE * 2];
        p.feed(b"\x1b[200~");
        p.feed(&big);
        let ev = p.feed(b"\x1b[201~");
        assert!(matches!(&ev[..], [Event::Paste(s)] if s.len() == MAX_PASTE));
        // A start without an end: ended by silence, and keys work after it.
        let mut p = InputParser::default();
        p.feed(b"\x1b[200~stray");
        assert_eq!(p.end_paste(), Some(Event::Paste("stray".into())));
        let mut p = InputParser::default();
        assert_eq!(
            p.feed(b"\x03"),
            vec![k(KeyCode::Char('c'), KeyModifiers::CONTROL)]
        );
    }
}
