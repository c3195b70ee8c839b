//! Replays the kept fuzz inputs (`fuzz/seeds/` and the minimized corpus in
//! `fuzz/corpus-min/`) through the same entry points the fuzz targets use, so
//! what the fuzzers once found stays fixed. Fuzzing itself runs outside
//! `cargo test`: see `fuzz/run-all.sh`.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for dir in ["seeds", "corpus-min"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        let mut files: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files {
            let data = std::fs::read(&f).expect("read");
            run(&data);
            count += 1;
        }
    }
    count
}

#[test]
fn load_corpus() {
    assert!(replay("load", gongbao::fuzzing::load) >= 10);
}

#[test]
fn import_corpus() {
    assert!(replay("import", gongbao::fuzzing::import) >= 2);
}

#[test]
fn render_corpus() {
    assert!(replay("render", gongbao::fuzzing::render) >= 2);
}
