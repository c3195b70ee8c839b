//! The shipped issue renumbered: how the tests and the benches make
//! archives of it.

// The tests make, read and damage their own temporary files.
#![allow(clippy::disallowed_methods)]

use std::path::PathBuf;

const ASSET: &str = include_str!("../../assets/cq-gazette-2021-15.ron");

/// The asset's RON as issue `number` of 2021, with total number
/// 882 + `number` (the fields at the top of the file).
pub fn renumbered(number: u32) -> String {
    ASSET
        .replacen("  number: 15,", &format!("  number: {number},"), 1)
        .replacen(
            "  total_number: Some(897),",
            &format!("  total_number: Some({}),", 882 + number),
            1,
        )
}

/// Writes `n` renumbered copies into `dir` (`issue-0001.ron` …).
pub fn write_copies(dir: &std::path::Path, n: u32) {
    std::fs::create_dir_all(dir).expect("mkdir");
    for k in 1..=n {
        std::fs::write(dir.join(format!("issue-{k:04}.ron")), renumbered(k)).expect("write");
    }
}

/// A folder of `n` renumbered copies in the temporary folder, written once
/// and kept (the benches' archive).
pub fn bench_archive(n: u32) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongbao-bench-{n}"));
    if !dir.join(format!("issue-{n:04}.ron")).exists() {
        write_copies(&dir, n);
    }
    dir
}
