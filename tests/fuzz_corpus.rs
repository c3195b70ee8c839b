//! Replays the kept fuzz inputs (`fuzz/seeds/` and the minimized corpus in
//! `fuzz/corpus-min/`) through the same entry points the fuzz targets use, so
//! what the fuzzers once found stays fixed. Fuzzing itself runs outside
//! `cargo test`: see `fuzz/run-all.sh`.

// The tests make, read and damage their own temporary files.
#![allow(clippy::disallowed_methods)]

use std::path::Path;

/// The folders a target's inputs come from: the fuzzer's own seeds and
/// minimized corpus, and the project's canonical files it starts from too
/// (see `fuzz/run-all.sh`).
fn folders(target: &str) -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![
        root.join("fuzz/seeds").join(target),
        root.join("fuzz/corpus-min").join(target),
    ];
    match target {
        "load" => dirs.extend(["tests/valid", "tests/invalid", "assets"].map(|d| root.join(d))),
        "import" => dirs.extend(
            [
                "tests/data",
                "tests/fixtures/import",
                "tests/fixtures/import/blind",
                "tests/fixtures/import/formats",
            ]
            .map(|d| root.join(d)),
        ),
        _ => {}
    }
    dirs
}

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let mut count = 0;
    for dir in folders(target) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut files: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
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

/// The library's index files: the sample issue's three, kept seeds, and
/// 600 deterministic mutations of each (bytes flipped, cut short, a run
/// repeated) — decoded, checked and, when they pass, searched. A crafted
/// file that passes the checks must not make a search panic.
#[test]
fn index_corpus() {
    let seeds = gongbao::library::search::sample_bodies();
    assert_eq!(seeds.len(), 3);
    let mut count = replay("index", gongbao::fuzzing::index);
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for seed in &seeds {
        gongbao::fuzzing::index(seed);
        for k in 0..600 {
            let mut data = seed.clone();
            let len = data.len() as u64;
            match k % 3 {
                0 => {
                    for _ in 0..1 + next() % 4 {
                        let at = 1 + (next() % (len - 1)) as usize;
                        data[at] ^= 1 << (next() % 8);
                    }
                }
                1 => data.truncate(1 + (next() % (len - 1)) as usize),
                _ => {
                    let at = 1 + (next() % (len - 1)) as usize;
                    let end = (at + 1 + (next() % 64) as usize).min(data.len());
                    let run = data[at..end].to_vec();
                    data.splice(at..at, run);
                }
            }
            gongbao::fuzzing::index(&data);
            count += 1;
        }
    }
    assert!(count >= 1800);
}

/// Deterministic mutations of a seed: bits flipped, cut short, a run of
/// bytes repeated, lines deleted, duplicated or swapped (the last three as
/// issue 14 asks of the importer), `n` of them, each passed to `run`.
fn mutate(seed: &[u8], n: usize, mut state: u64, run: &mut dyn FnMut(&[u8])) {
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    if seed.len() < 2 {
        return;
    }
    let len = seed.len() as u64;
    for k in 0..n {
        let mut data = seed.to_vec();
        match k % 6 {
            0 => {
                for _ in 0..1 + next() % 4 {
                    let at = (next() % len) as usize;
                    data[at] ^= 1 << (next() % 8);
                }
            }
            1 => data.truncate(1 + (next() % (len - 1)) as usize),
            2 => {
                let at = (next() % len) as usize;
                let end = (at + 1 + (next() % 64) as usize).min(data.len());
                let run = data[at..end].to_vec();
                data.splice(at..at, run);
            }
            kind => {
                let mut lines: Vec<&[u8]> = seed.split_inclusive(|&b| b == b'\n').collect();
                let a = (next() % lines.len() as u64) as usize;
                let b = (next() % lines.len() as u64) as usize;
                match kind {
                    3 => {
                        lines.remove(a);
                    }
                    4 => lines.insert(b, lines[a]),
                    _ => lines.swap(a, b),
                }
                data = lines.concat();
            }
        }
        run(&data);
    }
}

/// Each form the importer reads, its own way in (the fuzz targets
/// `import-text`, `import-markdown`, `import-html`, `import-docx`): the
/// fixtures of that form, the kept seeds and minimized corpus, and 120
/// mutations of each fixture and seed. Every import that succeeds writes RON
/// that parses (see `fuzzing::import_as`).
#[test]
fn import_corpus_by_form() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let formats = root.join("tests/fixtures/import/formats");
    let of = |dir: &std::path::Path, ext: &str| -> Vec<std::path::PathBuf> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        v.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == ext));
        v.sort();
        v
    };
    for (target, ext, dirs) in [
        (
            "import-text",
            "txt",
            vec![formats.clone(), root.join("tests/fixtures/import")],
        ),
        ("import-markdown", "md", vec![formats.clone()]),
        ("import-html", "html", vec![formats.clone()]),
        ("import-docx", "docx", vec![formats.clone()]),
    ] {
        let mut files: Vec<std::path::PathBuf> = dirs.iter().flat_map(|d| of(d, ext)).collect();
        files.extend(folders(target).iter().flat_map(|d| {
            let mut v: Vec<_> = std::fs::read_dir(d)
                .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            v.sort();
            v
        }));
        assert!(!files.is_empty(), "{target}: no inputs");
        let mut count = 0;
        for (k, f) in files.iter().enumerate() {
            let data = std::fs::read(f).expect("read");
            gongbao::fuzzing::import_as(ext, &data);
            mutate(&data, 120, 0x9e37_79b9_7f4a_7c15 ^ k as u64, &mut |d| {
                gongbao::fuzzing::import_as(ext, d);
                count += 1;
            });
        }
        assert!(count >= 120, "{target}: {count} inputs");
    }
}

/// The citation scanner and resolver (fuzz target `citations`): the
/// citation fixtures' texts and the seed issue, and 200 mutations of each
/// fixture, 30 of the seed.
#[test]
fn citations_corpus() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<std::path::PathBuf> =
        std::fs::read_dir(root.join("tests/fixtures/citations"))
            .expect("fixtures")
            .flatten()
            .map(|e| e.path())
            .collect();
    files.sort();
    files.push(root.join("tests/data/cq-gazette-2021-15.txt"));
    files.extend(folders("citations").iter().flat_map(|d| {
        std::fs::read_dir(d)
            .map(|d| d.flatten().map(|e| e.path()).collect::<Vec<_>>())
            .unwrap_or_default()
    }));
    let mut count = 0;
    for (k, f) in files.iter().enumerate() {
        let data = std::fs::read(f).expect("read");
        gongbao::fuzzing::citations(&data);
        // The seed issue is large: fewer of its mutations.
        let n = if data.len() > 20_000 { 30 } else { 200 };
        mutate(&data, n, 0x51_7cc1_b727_220a ^ k as u64, &mut |d| {
            gongbao::fuzzing::citations(d);
            count += 1;
        });
    }
    assert!(count >= 1800, "{count}");
}
