//! One place that keeps the program under test away from the user's real
//! folders: `HOME`, every `XDG_*` folder and the `GONGBAO_*` switches point
//! into a temporary folder of this test process (or are removed).

use std::path::PathBuf;

/// The temporary home of this test process.
pub fn home() -> PathBuf {
    std::env::temp_dir().join(format!("gongbao-test-home-{}", std::process::id()))
}

/// The variables to set, and their values (the folders made, since a pty
/// starts its command in `HOME`).
pub fn vars() -> Vec<(&'static str, PathBuf)> {
    let home = home();
    let vars = vec![
        ("HOME", home.clone()),
        ("XDG_CONFIG_HOME", home.join("config")),
        ("XDG_CACHE_HOME", home.join("cache")),
        ("XDG_DATA_HOME", home.join("data")),
        ("XDG_STATE_HOME", home.join("state")),
    ];
    for (_, dir) in &vars {
        let _ = std::fs::create_dir_all(dir);
    }
    vars
}

/// The `GONGBAO_*` variables of the environment the tests run in, to remove.
pub fn inherited_switches() -> Vec<String> {
    std::env::vars()
        .map(|(k, _)| k)
        .filter(|k| k.starts_with("GONGBAO_"))
        .collect()
}

/// A command for the binary under test, isolated.
pub fn isolate(cmd: &mut std::process::Command) -> &mut std::process::Command {
    for (k, v) in vars() {
        cmd.env(k, v);
    }
    for k in inherited_switches() {
        cmd.env_remove(k);
    }
    // No test reads or writes the explorer's state unless it asks to.
    cmd.env("GONGBAO_NO_STATE", "1");
    cmd
}

/// Whether `prlimit` (util-linux) is there for the tests that run the
/// binary under a resource limit; they say so and skip when it is not.
pub fn has_prlimit() -> bool {
    let there = std::process::Command::new("prlimit")
        .arg("--version")
        .output()
        .is_ok();
    if !there {
        eprintln!("skipped: prlimit (util-linux) is not installed");
    }
    there
}

/// The binary under test, isolated.
pub fn bin() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_gongbao"));
    isolate(&mut cmd);
    cmd
}
