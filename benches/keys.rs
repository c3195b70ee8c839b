//! End-to-end latency of the explorer on a 500-issue archive (or the library
//! folder `GONGBAO_BENCH_DATA` names), measured the
//! way a person meets it: the real binary in a pseudo-terminal, a key
//! written, the time until the screen shows it. Reports the first frame,
//! and for each key typed into the palette the time until the query is
//! echoed and until its hits are shown. Run: `cargo bench --bench keys`
//! (about a minute; the first run also fills the cache).

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use portable_pty::CommandBuilder;

/// Polls the screen every millisecond until `pred` holds; the time it took.
fn until(s: &common::Session, from: Instant, pred: impl Fn(&str) -> bool) -> Duration {
    let deadline = from + Duration::from_secs(30);
    loop {
        let screen = s.parser.lock().expect("parser").screen().contents();
        if pred(&screen) {
            return from.elapsed();
        }
        assert!(Instant::now() < deadline, "timed out; screen:\n{screen}");
        std::thread::sleep(Duration::from_micros(1000));
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn summary(name: &str, mut v: Vec<f64>) {
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    println!(
        "{name:<28} n={:<4} median {:>6.2} ms  p90 {:>6.2} ms  worst {:>6.2} ms",
        v.len(),
        at(0.5),
        at(0.9),
        at(1.0)
    );
}

fn main() {
    let n: u32 = std::env::var("GONGBAO_BENCH_ISSUES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    // GONGBAO_BENCH_DATA: a library folder to measure instead (the
    // generated collection of `cargo run --release --example genlib`),
    // opened with `--data`; GONGBAO_BENCH_LIBRARY: one opened as the
    // user's library (`gongbao` alone: the first frame from its catalogue,
    // the rest loaded after it).
    let own = std::env::var_os("GONGBAO_BENCH_LIBRARY").map(std::path::PathBuf::from);
    let given = own
        .clone()
        .or_else(|| std::env::var_os("GONGBAO_BENCH_DATA").map(std::path::PathBuf::from));
    let dir = given
        .clone()
        .unwrap_or_else(|| common::archive::bench_archive(n));
    let bin = env!("CARGO_BIN_EXE_gongbao");
    // Fill the cache (and a library's indexes), as any earlier run would have.
    let warm = common::env::isolate(&mut std::process::Command::new(bin))
        .arg("--data")
        .arg(&dir)
        .args(["tree", "--depth", "0"])
        .output()
        .expect("runs");
    assert!(warm.status.success());
    if let Some(lib) = &own {
        let warm = common::env::isolate(&mut std::process::Command::new(bin))
            .env("GONGBAO_LIBRARY", lib)
            .args(["find", "x"])
            .output()
            .expect("runs");
        assert!(warm.status.code() != Some(2));
    }
    let mut first = Vec::new();
    let mut loaded = Vec::new();
    let (mut echo, mut hits) = (Vec::new(), Vec::new());
    for round in 0..3 {
        let mut cmd = CommandBuilder::new(bin);
        match &own {
            Some(lib) => cmd.env("GONGBAO_LIBRARY", lib),
            None => {
                cmd.arg("--data");
                cmd.arg(&dir);
            }
        }
        let start = Instant::now();
        let mut s = common::Session::spawn(120, 40, cmd);
        // The first screen: the library, its year and its issues listed
        // (for a given folder: the tree and a position).
        let status = match given {
            Some(_) => "1/".to_string(),
            None => format!("1/{}", 2 + n),
        };
        first.push(ms(until(&s, start, |t| {
            t.contains("目录树") && t.contains(&status)
        })));
        // The whole library loaded after the first frame (when opened as
        // the user's): its notice goes when it is in place.
        loaded.push(ms(until(&s, start, |t| !t.contains("loading the library"))));
        if round == 0 {
            // The palette's index is built in the background from the start.
            std::thread::sleep(Duration::from_millis(500));
        }
        s.keys("/");
        until(&s, Instant::now(), |t| t.contains(" jump · "));
        for seq in ["xcl", "xinnengyuan", "新材料", "zhuanlan5", "fgw", "shuzi"] {
            let mut typed = String::new();
            for c in seq.chars() {
                typed.push(c);
                let line = format!("› {typed}▏");
                let t0 = Instant::now();
                s.keys(c.encode_utf8(&mut [0; 4]));
                echo.push(ms(until(&s, t0, |t| t.contains(&line))));
                hits.push(ms(until(&s, t0, |t| {
                    t.contains(&line) && !t.contains(" hits … ")
                })));
            }
            // Ctrl-u clears the query for the next sequence.
            s.keys("\x15");
            until(&s, Instant::now(), |t| {
                t.contains("› ▏") && t.contains(" 0 hits ")
            });
        }
        s.keys("\x1b");
        until(&s, Instant::now(), |t| !t.contains(" jump · "));
        s.keys("q");
        s.wait_exit();
    }
    let what = match &given {
        Some(d) => d.display().to_string(),
        None => format!("{n} issues"),
    };
    println!(
        "explorer on {what}, 120x40, {} cores",
        std::thread::available_parallelism().map_or(1, |c| c.get())
    );
    summary("first frame", first);
    summary("whole library in place", loaded);
    summary("palette key: query shown", echo);
    summary("palette key: hits shown", hits);
}
