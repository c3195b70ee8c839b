//! The synthetic archive both benches use: `n` renumbered copies of the
//! shipped issue in a temporary folder, written once.

use std::path::PathBuf;

const ASSET: &str = include_str!("../../assets/cq-gazette-2021-15.ron");

/// A folder of `n` renumbered copies of the asset.
pub fn archive(n: u32) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongbao-bench-{n}"));
    if dir.join(format!("issue-{n:04}.ron")).exists() {
        return dir;
    }
    std::fs::create_dir_all(&dir).expect("mkdir");
    for k in 1..=n {
        let ron = ASSET
            .replacen("  number: 15,", &format!("  number: {k},"), 1)
            .replacen(
                "  total_number: 897,",
                &format!("  total_number: {},", 882 + k),
                1,
            );
        std::fs::write(dir.join(format!("issue-{k:04}.ron")), ron).expect("write");
    }
    dir
}
