//! The only place that touches terminal modes: enter, restore, the panic
//! hook, signals and suspend.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::Show;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};

static ACTIVE: AtomicBool = AtomicBool::new(false);

/// A pager or editor runs in the foreground: Ctrl-C is its (as `system(3)`
/// ignores SIGINT while its child runs).
static CHILD: AtomicBool = AtomicBool::new(false);

/// Runs `f` with SIGINT left to the program it starts.
pub fn with_child<T>(f: impl FnOnce() -> T) -> T {
    CHILD.store(true, Ordering::SeqCst);
    let out = f();
    CHILD.store(false, Ordering::SeqCst);
    out
}

/// Raw mode, the alternate screen, mouse capture and bracketed paste.
pub fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    Ok(())
}

/// Undoes `enter`; safe to call more than once and from any thread.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = execute!(
            out,
            DisableMouseCapture,
            DisableBracketedPaste,
            LeaveAlternateScreen,
            Show
        );
        let _ = disable_raw_mode();
        let _ = out.flush();
    }
}

/// Restores the terminal before the previous panic hook prints.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// On SIGTERM, SIGHUP or SIGINT: restore the terminal and exit 128+signal.
/// The handler thread does the work, not the signal handler itself.
pub fn install_signal_handlers() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        for sig in signals.forever() {
            if sig == SIGINT && CHILD.load(Ordering::SeqCst) {
                continue;
            }
            restore();
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

/// Ctrl-Z: restore the terminal, stop the process, and re-enter on `fg`.
pub fn suspend() -> io::Result<()> {
    restore();
    #[cfg(unix)]
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    enter()
}
