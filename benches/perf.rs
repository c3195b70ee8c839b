//! Speed, measured (never asserted): loading 1, 50 and 500 issues (cold:
//! parsing the RON; cached: the binary cache warm), building the palette's
//! index, palette typing sequences, full-text queries and frame renders.
//! The archives are renumbered copies of the shipped issue, written to a
//! temporary folder by this code. Run: `cargo bench --bench perf` (about
//! five minutes on 2 cores).

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;

use gongbao::domain::units::Units;
use gongbao::model::{self, Tree};
use gongbao::search::Index;
use gongbao::tui::app::App;
use gongbao::tui::keymap::Keymap;
use gongbao::tui::ui::{self, Theme};

#[path = "../tests/common/archive.rs"]
mod archive;
use archive::bench_archive as archive;

/// The binary's allocator, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn load(path: &Path) -> Tree {
    model::load_path(path).expect("archive loads")
}

fn bench_load(c: &mut Criterion) {
    // The cache in a folder of the bench's own, never the user's.
    std::env::set_var(
        "XDG_CACHE_HOME",
        std::env::temp_dir().join(format!("gongbao-bench-cache-{}", std::process::id())),
    );
    let mut g = c.benchmark_group("load");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("embedded", |b| {
        b.iter(|| model::load_embedded().expect("loads"))
    });
    for n in [50, 500] {
        let dir = archive(n);
        g.bench_with_input(BenchmarkId::new("archive cached", n), &dir, |b, d| {
            b.iter(|| load(d))
        });
    }
    // Cold: every file parsed from RON and validated (the cache is off).
    std::env::set_var("GONGBAO_NO_CACHE", "1");
    for n in [50, 500] {
        let dir = archive(n);
        g.bench_with_input(BenchmarkId::new("archive cold", n), &dir, |b, d| {
            b.iter(|| load(d))
        });
    }
    std::env::remove_var("GONGBAO_NO_CACHE");
    g.finish();
}

fn index_of(tree: &Tree) -> Index {
    Index::build(tree, &Units::build(tree).names())
}

fn bench_palette(c: &mut Criterion) {
    let mut g = c.benchmark_group("palette");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    let trees = [
        ("1", model::load_embedded().expect("loads")),
        ("50", load(&archive(50))),
        ("500", load(&archive(500))),
    ];
    for (name, tree) in &trees {
        g.bench_with_input(BenchmarkId::new("build index", name), tree, |b, t| {
            b.iter(|| index_of(t))
        });
        let index = index_of(tree);
        // Typing one key at a time, each narrowing the previous matches.
        for word in ["xcl", "xinnengyuan"] {
            g.bench_with_input(
                BenchmarkId::new(format!("type {word}"), name),
                &index,
                |b, ix| {
                    b.iter(|| {
                        let mut prev: Option<Vec<usize>> = None;
                        for k in 1..=word.len() {
                            prev = Some(ix.search(&word[..k], prev.as_deref(), 200).all);
                        }
                    })
                },
            );
        }
        for q in ["x", "新材料", "xinnengyuan"] {
            g.bench_with_input(
                BenchmarkId::new(format!("one key {q}"), name),
                &index,
                |b, ix| b.iter(|| ix.search(q, None, 200)),
            );
        }
    }
    g.finish();
}

fn bench_text(c: &mut Criterion) {
    let mut g = c.benchmark_group("text");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    for (name, tree) in [
        ("1", model::load_embedded().expect("loads")),
        ("50", load(&archive(50))),
        ("500", load(&archive(500))),
    ] {
        for q in ["IGBT", "行业", "hangye"] {
            g.bench_with_input(BenchmarkId::new(q, name), &tree, |b, t| {
                b.iter(|| gongbao::search::fulltext::search(t, q))
            });
        }
    }
    g.finish();
}

fn bench_render(c: &mut Criterion) {
    let mut g = c.benchmark_group("render");
    g.sample_size(20);
    let tree = model::load_embedded().expect("loads");
    let km = Keymap::defaults();
    let mut app = App::new(tree, Rect::new(0, 0, 120, 40));
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    g.bench_function("frame 120x40 issue", |b| {
        b.iter(|| {
            term.draw(|f| ui::draw(f, &app, &km, Theme { color: true }))
                .map(|_| ())
        })
    });
    let column = app.tree.find_id("d1/a1/c3/s1/i4/k1").expect("专栏5");
    app.jump_to(column);
    g.bench_function("frame 120x40 column", |b| {
        b.iter(|| {
            term.draw(|f| ui::draw(f, &app, &km, Theme { color: true }))
                .map(|_| ())
        })
    });
    g.bench_function("app start embedded", |b| {
        b.iter(|| {
            App::new(
                model::load_embedded().expect("loads"),
                Rect::new(0, 0, 120, 40),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench_load, bench_palette, bench_text, bench_render);
criterion_main!(benches);
