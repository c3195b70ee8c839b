//! The real binary in a pseudo-terminal (portable-pty + vt100): wait for
//! screen content (with a deadline), press keys, and check that the terminal
//! is given back.

// The tests make, read and damage their own temporary files.
#![allow(clippy::disallowed_methods)]

mod common;

use common::Session;
use portable_pty::CommandBuilder;

#[test]
fn opens_navigates_helps_and_quits_cleanly() {
    let mut s = Session::start(100, 30);
    s.wait("the title", |t| {
        t.contains("重庆市人民政府公报 2021年第15期（总第897期）")
    });
    // Frames are written row by row: once the status line's position shows,
    // the rows above it are complete.
    s.wait("the whole first frame", |t| {
        t.contains("渝府发〔2021〕18号") && t.contains("1/32")
    });
    assert!(s.parser.lock().expect("parser").screen().alternate_screen());
    // The pane borders sit in the same columns on every row, CJK on both sides.
    let b = s.borders();
    assert!(
        b.iter().all(|row| row == &b[0]),
        "borders move between rows: {b:?}"
    );
    assert_eq!(b[0].len(), 4, "{:?}", b[0]);

    // Down to the first document, open its attachment, read a chapter.
    s.keys("j");
    s.wait("the document in the breadcrumb", |t| {
        t.lines()
            .next()
            .is_some_and(|l| l.contains("› 渝府发〔2021〕18号"))
    });
    s.keys("jjjjjl");
    s.wait("chapters", |t| t.contains("一、现状及形势"));
    s.keys("jj");
    s.wait("the chapter in the reader", |t| {
        t.contains("重庆制造业发展取得的成绩") && t.contains(" 章 ") && t.contains("9/38")
    });
    let b = s.borders();
    assert!(
        b.iter().all(|row| row == &b[0]),
        "borders move between rows: {b:?}"
    );

    s.keys("?");
    s.wait("help", |t| {
        t.contains("keys · Esc closes") && t.contains("collapse the tree to that level")
    });
    s.keys("\x1b");
    s.wait("help closed", |t| !t.contains("keys · Esc closes"));

    s.keys("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    let parser = s.parser.lock().expect("parser");
    assert!(
        !parser.screen().alternate_screen(),
        "alternate screen left on"
    );
    assert!(!parser.screen().hide_cursor(), "cursor left hidden");
}

/// Starts the explorer, sends `signal` with kill(1), and checks the terminal
/// is given back: alternate screen off, cursor shown, mouse reporting off.
fn signal_restores(signal: &str) {
    let mut s = Session::start(60, 20);
    s.wait("the title", |t| {
        t.contains("重庆市人民政府公报") && t.contains("1/32")
    });
    let pid = s.child.process_id().expect("pid");
    let ok = std::process::Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .expect("kill");
    assert!(ok.success());
    let status = s.wait_exit();
    assert!(!status.success(), "{signal}: exits with 128 + signal");
    let parser = s.parser.lock().expect("parser");
    assert!(!parser.screen().alternate_screen(), "{signal}");
    assert!(!parser.screen().hide_cursor(), "{signal}");
    assert_eq!(
        parser.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "{signal}"
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores("-TERM");
}

#[test]
fn ctrl_c_quits() {
    let mut s = Session::start(41, 12);
    s.wait("the title", |t| t.contains("重庆市人民政府公报"));
    s.keys("\x03");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(!s.parser.lock().expect("parser").screen().alternate_screen());
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores("-HUP");
}

#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    // Job control needs a shell: run the binary from an interactive bash, as a person would.
    let mut s = Session::spawn(80, 24, {
        let mut cmd = CommandBuilder::new("bash");
        cmd.args(["--norc", "--noprofile", "-i"]);
        cmd.env("PS1", "READY$ ");
        cmd
    });
    s.wait("the prompt", |t| t.contains("READY$"));
    s.keys(&format!("{}\r", env!("CARGO_BIN_EXE_gongbao")));
    s.wait("the title", |t| t.contains("目录树"));
    s.keys("\x1a");
    s.wait("the job stopped", |t| t.contains("Stopped"));
    assert!(!s.parser.lock().expect("parser").screen().alternate_screen());
    s.keys("fg\r");
    s.wait("the explorer again", |t| t.contains("目录树"));
    assert!(s.parser.lock().expect("parser").screen().alternate_screen());
    s.keys("q");
    s.wait("back at the prompt", |t| {
        !t.contains("目录树") && t.matches("READY$").count() >= 3
    });
    assert!(!s.parser.lock().expect("parser").screen().alternate_screen());
    s.keys("exit\r");
    s.wait_exit();
}

#[test]
fn palette_jump_by_initials() {
    let mut s = Session::start(120, 40);
    s.wait("the title", |t| t.contains("目录树"));
    s.keys("/");
    s.wait("the palette", |t| t.contains("jump ·"));
    s.keys("xny");
    s.wait("hits", |t| t.contains("产业     2. 新能源及智能网联汽车"));
    let b = s.borders();
    // The palette's borders: same columns on every row that shows it.
    let rows_with_palette: Vec<&Vec<u16>> = b.iter().filter(|r| r.len() >= 4).collect();
    assert!(rows_with_palette.len() > 5);
    s.keys("\r");
    s.wait("the industry in the reader", |t| {
        t.contains(" 产业 ") && t.contains("2. 新能源及智能网联汽车。顺应高端化")
    });
    s.keys("q");
    assert!(s.wait_exit().success());
}

#[test]
fn timeline_grid_in_a_wide_terminal() {
    let mut s = Session::start(160, 45);
    s.wait("the title", |t| t.contains("目录树"));
    s.keys("t");
    s.wait("the grid", |t| {
        t.contains("1  2  3  4  5  6  7  8  9  10 11 12")
            && t.contains("市发展改革委")
            && t.contains("◆")
            && t.contains("1/28")
    });
    // Every row between the panes' top and bottom borders (the legend
    // line is under them).
    let b: Vec<Vec<u16>> = s.borders().into_iter().filter(|r| !r.is_empty()).collect();
    assert!(b.len() >= 38, "{b:?}");
    assert!(
        b.iter().all(|row| row == &b[0]),
        "borders move between rows: {b:?}"
    );
    s.keys("q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_panic_restores_the_terminal_and_prints_the_message() {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_gongbao"));
    cmd.env("GONGBAO_TEST_PANIC", "1");
    cmd.env("RUST_BACKTRACE", "0");
    let mut s = Session::spawn(80, 24, cmd);
    let status = s.wait_exit();
    assert!(!status.success());
    s.wait("the panic message on the main screen", |t| {
        t.contains("GONGBAO_TEST_PANIC is set")
    });
    let parser = s.parser.lock().expect("parser");
    assert!(!parser.screen().alternate_screen());
    assert!(!parser.screen().hide_cursor());
    assert_eq!(
        parser.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
}

#[test]
fn sigint_restores_the_terminal_and_modes() {
    signal_restores("-INT");
}

#[test]
fn an_archive_counts_full_text_hits_while_typing_and_jumps_to_them() {
    let dir = std::env::temp_dir().join(format!("gongbao-pty-archive-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    for k in 1..=3 {
        std::fs::write(dir.join(format!("{k}.ron")), common::archive::renumbered(k))
            .expect("write");
    }
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_gongbao"));
    cmd.arg("--data");
    cmd.arg(&dir);
    cmd.env("GONGBAO_NO_CACHE", "1");
    let mut s = Session::spawn(120, 40, cmd);
    s.wait("the archive", |t| {
        t.contains("重庆市人民政府公报 · 3期") && t.contains("/")
    });
    s.keys("\x06");
    s.wait("the prompt", |t| t.contains("search: "));
    s.keys("IGBT");
    s.wait("the live count", |t| t.contains("search: IGBT▏  9 hits"));
    s.keys("\r");
    s.wait("the first hit, in the first issue", |t| {
        t.contains("· 3期 › 2021年第1期") && t.contains("IGBT")
    });
    s.keys("q");
    assert!(s.wait_exit().success());
    let _ = std::fs::remove_dir_all(&dir);
}

/// The terminal goes away while the program ignores SIGHUP (`trap "" HUP`,
/// inherited through exec): the input thread sees the hang-up and the
/// program ends, instead of spinning on reads of nothing.
#[test]
fn a_hang_up_ends_the_program_even_when_sighup_is_ignored() {
    use portable_pty::{native_pty_system, CommandBuilder, PtySize};
    use std::io::Read;
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("openpty");
    let mut cmd = CommandBuilder::new("sh");
    cmd.args([
        "-c",
        &format!("trap '' HUP; exec {}", env!("CARGO_BIN_EXE_gongbao")),
    ]);
    common::isolate_pty(&mut cmd);
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    // Read until the first frame, then let go of the reader (its fd is a
    // copy of the master's: the terminal is gone only when all are closed).
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let (seen, frame) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut parser = vt100::Parser::new(24, 80, 0);
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            parser.process(&buf[..n]);
            if parser.screen().contents().contains("重庆市人民政府公报") {
                let _ = seen.send(());
                return;
            }
        }
    });
    frame
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the first frame");
    drop(pair.master);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        if child.try_wait().expect("try_wait").is_some() {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "still running after its terminal went away"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// A paste is text for the prompt: its line break does not press Enter,
/// and the `t` after it does not open the timeline.
#[test]
fn a_pasted_line_break_runs_no_command() {
    let mut s = Session::start(100, 30);
    s.wait("the title", |t| t.contains("重庆市人民政府公报"));
    s.keys("/");
    s.wait("the palette", |t| t.contains("jump"));
    s.keys("\x1b[200~xcl\rt\x1b[201~");
    s.wait("the pasted query", |t| t.contains("xcl t"));
    let screen = s.screen();
    assert!(
        screen.contains("jump"),
        "the palette is still open:\n{screen}"
    );
    assert!(!screen.contains("as of"), "no timeline:\n{screen}");
    // A stray paste start does not swallow every later key: after a second
    // of silence the paste ends (its text goes to the prompt) and Ctrl-C
    // acts again: it closes the palette, a second quits.
    s.keys("\x1b[200~stray");
    s.wait("the stray paste ended", |t| t.contains("stray"));
    s.keys("\x03");
    s.wait("the palette closed", |t| !t.contains("jump ·"));
    s.keys("\x03");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
}

/// `?` at 120×40 over the tree's wide characters: every row of the help
/// keeps its left border (ratatui's diff skipped the border where a wide
/// character of the pane behind covered the pop-up's first column).
#[test]
fn a_popup_keeps_its_borders_over_wide_characters() {
    let mut s = Session::start(120, 40);
    s.wait("the title", |t| t.contains("重庆市人民政府公报"));
    s.keys("?");
    s.wait("the help", |t| t.contains("keys · Esc closes"));
    // The help's top row holds its title; its corner is the ┌ just left of
    // it, and its bottom-left corner the └ below (waited for: the frame may
    // still be arriving).
    let find = |screen: &vt100::Screen| -> Option<(u16, u16, u16)> {
        let top = (0..40u16).find(|&r| {
            screen
                .contents_between(r, 0, r, 120)
                .contains("keys · Esc closes")
        })?;
        let title_at =
            (0..120u16).find(|&c| screen.cell(top, c).is_some_and(|x| x.contents() == "k"))?;
        let left = (0..title_at)
            .rev()
            .find(|&c| screen.cell(top, c).is_some_and(|x| x.contents() == "┌"))?;
        let bottom =
            (top + 1..40).find(|&r| screen.cell(r, left).is_some_and(|x| x.contents() == "└"))?;
        Some((top, left, bottom))
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let (top, left, bottom) = loop {
        if let Some(found) = find(s.parser.lock().expect("parser").screen()) {
            break found;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the help's corners:\n{}",
            s.screen()
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let parser = s.parser.lock().expect("parser");
    let screen = parser.screen();
    let missing: Vec<u16> = (top + 1..bottom)
        .filter(|&r| screen.cell(r, left).is_none_or(|x| x.contents() != "│"))
        .collect();
    assert!(
        missing.is_empty(),
        "left border missing on rows {missing:?}:\n{}",
        screen.contents()
    );
}

/// `o` runs $PAGER with the selected node's text on its stdin and `e`
/// runs $EDITOR on a read-only temporary copy, deleted afterwards; the
/// explorer comes back after each (issue 17).
#[test]
fn pager_and_editor_get_the_text_and_the_explorer_comes_back() {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("paged.txt");
    let edited = dir.path().join("edited.txt");
    let pager = dir.path().join("pager.sh");
    let editor = dir.path().join("editor.sh");
    let typed = dir.path().join("typed.txt");
    // The pager reads its text, then a line typed at the terminal: every
    // key is the pager's while it runs, none the explorer's.
    std::fs::write(
        &pager,
        format!(
            "#!/bin/sh\ncat > '{0}.part' && mv '{0}.part' '{0}'\nread line < /dev/tty\necho \"$line\" > '{1}'\n",
            out.display(),
            typed.display()
        ),
    )
    .expect("write");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nstat -c %a \"$1\" > '{0}'\necho \"$1\" >> '{0}'\ncat \"$1\" >> '{0}'\n",
            edited.display()
        ),
    )
    .expect("write");
    for f in [&pager, &editor] {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(f, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let mut cmd = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_gongbao"));
    common::isolate_pty(&mut cmd);
    cmd.env("PAGER", &pager);
    cmd.env("EDITOR", &editor);
    let mut s = Session::spawn(100, 30, cmd);
    s.wait("the title", |t| t.contains("目录树"));
    s.keys("o");
    let mut paged = String::new();
    for _ in 0..200 {
        paged = std::fs::read_to_string(&out).unwrap_or_default();
        if paged.contains("重庆市人民政府公报") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(paged.contains("重庆市人民政府公报"), "{paged}");
    // q and j typed now are the pager's line, not the explorer's keys.
    s.keys("qjq\r");
    let mut line = String::new();
    for _ in 0..200 {
        line = std::fs::read_to_string(&typed).unwrap_or_default();
        if !line.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(line.trim(), "qjq");
    s.wait("the explorer back, still at the top", |t| {
        t.contains("目录树") && t.contains(" 1/")
    });
    // Ctrl-C while the pager runs is the pager's: it stops, the explorer
    // goes on.
    std::fs::remove_file(&out).expect("remove");
    s.keys("o");
    for _ in 0..200 {
        if out.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    s.keys("\u{3}");
    s.wait("the explorer back after Ctrl-C", |t| t.contains("目录树"));
    s.keys("e");
    s.wait("the editor's note", |t| {
        t.contains("read-only and is deleted")
    });
    let log = std::fs::read_to_string(&edited).expect("the editor ran");
    let mut lines = log.lines();
    // Read-only, the owner's only (root may still write: the mode is checked).
    assert_eq!(lines.next(), Some("400"));
    let path = lines.next().expect("the file's path");
    assert!(!std::path::Path::new(path).exists(), "{path} is deleted");
    assert!(log.contains("重庆市人民政府公报"));
    s.keys("q");
    assert!(s.wait_exit().success());
}

/// Marks and the last place are kept across runs in $XDG_STATE_HOME
/// (issue 17): `m a` marks 专栏5, the next run opens there and `' a` goes
/// back to it from elsewhere; `--no-state` opens at the top and writes
/// nothing.
#[test]
fn marks_and_the_last_place_are_kept_across_runs() {
    let state = tempfile::tempdir().expect("temp");
    let file = state.path().join("gongbao/state.ron");
    let start = |args: &[&str]| {
        let mut cmd = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_gongbao"));
        cmd.args(args);
        cmd.env("GONGBAO_NO_STATE", "0");
        cmd.env("XDG_STATE_HOME", state.path());
        Session::spawn(100, 30, cmd)
    };
    let mut s = start(&[]);
    s.wait("the title", |t| t.contains("目录树"));
    s.keys("/zl5\r");
    s.wait("专栏5", |t| t.contains("22/53"));
    s.keys("ma");
    s.wait("the mark", |t| {
        t.contains("mark a: 专栏 5 新材料产业发展重点")
    });
    s.keys("g");
    s.wait("the top", |t| t.contains("1/"));
    s.keys("q");
    assert!(s.wait_exit().success());
    let saved = std::fs::read_to_string(&file).expect("the state file");
    assert!(
        saved.contains("\"sample\"") && saved.contains("d1/a1/c3/s1/i4/k1"),
        "{saved}"
    );
    // The next run opens where the last was left (the top), and 'a goes
    // to the mark.
    let mut s = start(&[]);
    s.wait("the title", |t| t.contains("目录树"));
    s.keys("'a");
    s.wait("the marked column", |t| t.contains("22/53"));
    s.keys("j");
    s.wait("the row after it", |t| {
        t.lines()
            .next()
            .is_some_and(|l| l.ends_with("› 5. 生物技术"))
    });
    s.keys("q");
    assert!(s.wait_exit().success());
    let mut s = start(&[]);
    s.wait("the last place", |t| {
        t.lines()
            .next()
            .is_some_and(|l| l.ends_with("› 5. 生物技术"))
    });
    s.keys("q");
    assert!(s.wait_exit().success());
    // --no-state: the top, and the file as it was.
    let before = std::fs::read_to_string(&file).expect("state");
    let mut s = start(&["--no-state"]);
    s.wait("the top", |t| t.contains("目录树") && t.contains(" 1/"));
    s.keys("jjq");
    assert!(s.wait_exit().success());
    assert_eq!(std::fs::read_to_string(&file).expect("state"), before);
    // A state file that does not read is named and left as it is.
    std::fs::write(&file, "(places: {\"sample\": (last: Some(").expect("write");
    let mut s = start(&[]);
    s.wait("the notice", |t| {
        t.contains("state not used: ") && t.contains("state.ron:1:")
    });
    s.keys("jq");
    assert!(s.wait_exit().success());
    assert_eq!(
        std::fs::read_to_string(&file).expect("state"),
        "(places: {\"sample\": (last: Some("
    );
}
