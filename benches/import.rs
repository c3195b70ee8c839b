//! Importer speed, measured (never asserted): the sample issue's text, and a
//! 200-article regulation (编/章/节/条 with 款 and 项, generated here in this
//! project's own words) as plain text, as Markdown and as a web page, each
//! through the whole import (decode, furniture, structure, ids).
//! Run: `cargo bench --bench import` (about a minute on 2 cores).

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SEED: &str = include_str!("../tests/data/cq-gazette-2021-15.txt");

/// Chinese numerals for 1..=999 (第一百零三条).
fn cn(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (h, t, u) = (n / 100, (n / 10) % 10, n % 10);
    let mut s = String::new();
    if h > 0 {
        s += D[h as usize];
        s += "百";
        if t == 0 && u > 0 {
            s += "零";
        }
    }
    if t > 0 {
        if !(t == 1 && h == 0) {
            s += D[t as usize];
        }
        s += "十";
    }
    s += D[u as usize];
    s
}

/// A regulation of 2 parts, 10 chapters (two with sections) and 200
/// articles; every fifth article has three 项 and every third a second 款.
fn regulation() -> String {
    let mut s = String::from("某某省公共服务设施管理条例\n2024年3月28日某某省第十四届人民代表大会常务委员会第九次会议通过\n");
    let mut article = 0;
    for chapter in 1..=10 {
        if chapter == 1 || chapter == 6 {
            s += &format!("第{}编　{}\n", cn(if chapter == 1 { 1 } else { 2 }), "分则");
        }
        s += &format!("第{}章　第{}部分规定\n", cn(chapter), cn(chapter));
        for k in 0..20 {
            if (chapter == 3 || chapter == 7) && k % 10 == 0 {
                s += &format!("第{}节　{}类设施\n", cn(k / 10 + 1), cn(k / 10 + 1));
            }
            article += 1;
            s += &format!(
                "第{}条　县级以上人民政府应当加强第{}类公共服务设施的规划、建设和维护，所需经费列入本级财政预算。\n",
                cn(article),
                cn(article)
            );
            if article % 3 == 0 {
                s += "有关部门应当按照各自职责做好相关工作，并向社会公布办理结果。\n";
            }
            if article % 5 == 0 {
                for i in 1..=3 {
                    s += &format!("（{}）第{}项要求，由主管部门负责落实；\n", cn(i), cn(i));
                }
            }
        }
    }
    s += "本条例自2024年7月1日起施行。\n";
    s
}

fn bench_import(c: &mut Criterion) {
    let reg = regulation();
    let md: String = reg.lines().map(|l| format!("{l}\n\n")).collect();
    let html = format!(
        "<html><head><meta charset=\"utf-8\"></head><body><div class=\"nav\"><a href=\"/\">首页</a></div><div class=\"content\">{}</div></body></html>",
        reg.lines().map(|l| format!("<p>{l}</p>")).collect::<String>()
    );
    let mut g = c.benchmark_group("import");
    g.sample_size(20).measurement_time(Duration::from_secs(6));
    g.bench_function("seed issue (text, 942 lines)", |b| {
        b.iter(|| {
            gongbao::import::import_file(Path::new("seed.txt"), SEED.as_bytes()).expect("imports")
        })
    });
    g.bench_function("regulation, 200 articles (text)", |b| {
        b.iter(|| {
            gongbao::import::import_file(Path::new("r.txt"), reg.as_bytes()).expect("imports")
        })
    });
    g.bench_function("regulation, 200 articles (Markdown)", |b| {
        b.iter(|| gongbao::import::import_file(Path::new("r.md"), md.as_bytes()).expect("imports"))
    });
    g.bench_function("regulation, 200 articles (HTML)", |b| {
        b.iter(|| {
            gongbao::import::import_file(Path::new("r.html"), html.as_bytes()).expect("imports")
        })
    });
    g.finish();
    // The generated regulation has what it says it has.
    let imp = gongbao::import::import_file(Path::new("r.txt"), reg.as_bytes()).expect("imports");
    let ron = gongbao::import::entry_to_ron(&imp.entry);
    assert_eq!(ron.matches("Article((").count(), 200);
}

criterion_group!(benches, bench_import);
criterion_main!(benches);
