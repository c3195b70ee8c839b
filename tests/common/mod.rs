// Each test crate uses part of the harness.
#![allow(dead_code)]

//! A pty harness shared by the pty and hostile-text tests: wait for screen
//! content (with a deadline), never for time.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

pub mod archive;
pub mod env;

/// A pty command for the binary under test, isolated as [`env::isolate`] does.
pub fn isolate_pty(cmd: &mut CommandBuilder) {
    let state = cmd.get_env("GONGBAO_NO_STATE").map(|v| v.to_os_string());
    let xdg_state = cmd.get_env("XDG_STATE_HOME").map(|v| v.to_os_string());
    for (k, v) in env::vars() {
        cmd.env(k, v);
    }
    for k in env::inherited_switches() {
        cmd.env_remove(k);
    }
    // What the test set itself stays.
    if let Some(v) = state {
        cmd.env("GONGBAO_NO_STATE", v);
    }
    if let Some(v) = xdg_state {
        cmd.env("XDG_STATE_HOME", v);
    }
    // No test reads or writes the explorer's state unless it says so
    // (GONGBAO_NO_STATE=0 on its command).
    if cmd.get_env("GONGBAO_NO_STATE").is_none() {
        cmd.env("GONGBAO_NO_STATE", "1");
    }
}

/// The binary (or a shell) in a pty, its screen parsed by vt100 with callbacks `CB`.
pub struct Session<CB: vt100::Callbacks + Send + 'static = ()> {
    pub parser: Arc<Mutex<vt100::Parser<CB>>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    rows: u16,
    cols: u16,
}

impl Session<()> {
    /// The binary with no arguments.
    pub fn start(cols: u16, rows: u16) -> Session {
        Session::spawn(
            cols,
            rows,
            CommandBuilder::new(env!("CARGO_BIN_EXE_gongbao")),
        )
    }

    pub fn spawn(cols: u16, rows: u16, cmd: CommandBuilder) -> Session {
        Session::spawn_with(cols, rows, cmd, ())
    }
}

impl<CB: vt100::Callbacks + Send + 'static> Session<CB> {
    pub fn spawn_with(cols: u16, rows: u16, mut cmd: CommandBuilder, callbacks: CB) -> Session<CB> {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        isolate_pty(&mut cmd);
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            rows, cols, 0, callbacks,
        )));
        let p = Arc::clone(&parser);
        std::thread::spawn(move || {
            let _master = pair.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().expect("parser").process(&buf[..n]);
            }
        });
        Session {
            parser,
            writer,
            child,
            rows,
            cols,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// Waits until the screen satisfies `pred`; fails with the screen after 20 s.
    pub fn wait(&self, what: &str, pred: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let s = self.screen();
            if pred(&s) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Let the reader thread drain the last bytes.
                let until = Instant::now() + Duration::from_secs(2);
                while self
                    .parser
                    .lock()
                    .expect("parser")
                    .screen()
                    .alternate_screen()
                    && Instant::now() < until
                {
                    std::thread::sleep(Duration::from_millis(10));
                }
                return status;
            }
            assert!(Instant::now() < deadline, "did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Display columns of every `│` on each body row.
    pub fn borders(&self) -> Vec<Vec<u16>> {
        let parser = self.parser.lock().expect("parser");
        let screen = parser.screen();
        (2..self.rows.saturating_sub(2))
            .map(|r| {
                (0..self.cols)
                    .filter(|&c| screen.cell(r, c).is_some_and(|cell| cell.contents() == "│"))
                    .collect()
            })
            .collect()
    }
}
