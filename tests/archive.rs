//! A folder of renumbered copies of the issue loads as an archive: ordered
//! by (year, number), ids unique, every command works across issues and
//! every hit says which issue it comes from.

// The tests make, read and damage their own temporary files.
#![allow(clippy::disallowed_methods)]

use std::path::PathBuf;

mod common;

use common::archive::renumbered;

/// `n` copies of the asset, each with its own `number` and `total_number`,
/// written in shuffled order.
pub fn archive_dir(tag: &str, n: u32) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongbao-archive-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    for k in 0..n {
        let number = (k * 7) % n + 1;
        std::fs::write(dir.join(format!("file-{k:03}.ron")), renumbered(number)).expect("write");
    }
    dir
}

fn gongbao(dir: &PathBuf, args: &[&str]) -> (i32, String) {
    let out = common::env::bin()
        .arg("--data")
        .arg(dir)
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn a_folder_is_an_archive_ordered_by_number() {
    let dir = archive_dir("order", 5);
    let (code, out) = gongbao(&dir, &["tree", "--depth", "2"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "archive 重庆市人民政府公报 · 5期");
    assert_eq!(lines[1], "  year 2021年");
    let numbers: Vec<&str> = lines[2..]
        .iter()
        .map(|l| {
            l.split("年第")
                .nth(1)
                .expect("number")
                .split('期')
                .next()
                .expect("n")
        })
        .collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5"]);
    let (_, json) = gongbao(&dir, &["export", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["kind"], "archive");
    assert_eq!(v["children"][0]["kind"], "year");
    assert_eq!(v["children"][0]["id"], "2021");
    assert_eq!(v["children"][0]["entries"], 5);
    assert!(
        v["children"][0].get("masthead").is_none(),
        "a year is not an issue"
    );
    let issues = v["children"][0]["children"].as_array().expect("issues");
    assert_eq!(issues.len(), 5);
    assert_eq!(issues[2]["number"], 3);
    assert_eq!(issues[2]["total_number"], 885);
    assert_eq!(
        issues[2]["children"][0]["id"],
        "重庆市人民政府公报-2021-3/d1"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_command_works_across_issues() {
    let dir = archive_dir("commands", 3);
    let (code, out) = gongbao(&dir, &["find", "xcl", "--limit", "3"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    for (k, l) in lines.iter().enumerate() {
        let cols: Vec<&str> = l.split('\t').collect();
        assert_eq!(
            cols[0],
            format!("重庆市人民政府公报-2021-{}/d1/a1/c3/s1/i4", k + 1)
        );
        assert!(cols[3].contains(&format!("2021年第{}期", k + 1)), "{l}");
    }
    let (code, out) = gongbao(&dir, &["find", "IGBT", "--text"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 9);
    let (_, out) = gongbao(&dir, &["timeline", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    // Each issue's 27 decisions and its one effective date.
    assert_eq!(v.as_array().expect("rows").len(), 84);
    let decisions: Vec<&serde_json::Value> = v
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["kind"] == "decision")
        .collect();
    assert_eq!(decisions.len(), 81);
    assert_eq!(decisions[27]["issue"], "重庆市人民政府公报-2021-2");
    assert_eq!(decisions[27]["entry"], "重庆市人民政府公报-2021-2");
    let (_, out) = gongbao(&dir, &["units", "市发展改革委", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["decisions"].as_array().expect("d").len(), 12);
    let (code, out) = gongbao(
        &dir,
        &[
            "show",
            "重庆市人民政府公报-2021-2/d1/a1/c3/s1/i4/k1",
            "--width",
            "60",
        ],
    );
    assert_eq!(code, 0);
    assert!(out.starts_with("┌─ 专栏5 新材料产业发展重点"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_cache_is_used_and_never_stale() {
    let dir = archive_dir("cache", 3);
    let cache = std::env::temp_dir().join(format!("gongbao-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&cache);
    let run = |args: &[&str]| {
        let out = common::env::bin()
            .env("XDG_CACHE_HOME", &cache)
            .arg("--data")
            .arg(&dir)
            .args(args)
            .output()
            .expect("runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let first = run(&["tree", "--depth", "1"]);
    let entries = std::fs::read_dir(cache.join("gongbao"))
        .expect("cache folder")
        .count();
    assert_eq!(entries, 3, "one cache file per gazette file");
    assert_eq!(
        run(&["tree", "--depth", "1"]),
        first,
        "cached load gives the same tree"
    );
    // Change a file: its entry no longer matches and the change shows.
    let f = dir.join("file-000.ron");
    let text = std::fs::read_to_string(&f).expect("read");
    std::fs::write(
        &f,
        text.replacen(
            "title: \"重庆市人民政府公报\"",
            "title: \"重庆市人民政府公报（改）\"",
            1,
        ),
    )
    .expect("write");
    let changed = run(&["tree", "--depth", "2"]);
    assert!(changed.contains("重庆市人民政府公报（改）"), "{changed}");
    // One flipped bit anywhere in a cache file's body is noticed: the
    // output is the RON's, every time.
    let files: Vec<_> = std::fs::read_dir(cache.join("gongbao"))
        .expect("cache")
        .map(|e| e.expect("entry").path())
        .collect();
    let export = run(&["export", "--format", "json"]);
    for (k, f) in files.iter().enumerate() {
        let mut bytes = std::fs::read(f).expect("read");
        let at = bytes.len() / 2 + k * 977 % (bytes.len() / 3);
        bytes[at] ^= 1 << (k % 8);
        std::fs::write(f, &bytes).expect("write");
    }
    assert_eq!(run(&["export", "--format", "json"]), export);
    // A corrupt cache entry is ignored.
    for e in std::fs::read_dir(cache.join("gongbao")).expect("cache") {
        std::fs::write(e.expect("entry").path(), b"garbage").expect("write");
    }
    assert_eq!(run(&["tree", "--depth", "2"]), changed);
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&cache);
}

/// `n` renumbered copies of the issue, in memory.
fn issues(n: u32) -> Vec<gongbao::model::schema::Entry> {
    let one = gongbao::model::load_embedded()
        .expect("embedded")
        .into_entry()
        .into_issue()
        .expect("issue");
    (1..=n)
        .rev()
        .map(|k| {
            let mut i = one.clone();
            i.number = k;
            i.total_number = Some(882 + k);
            i.into()
        })
        .collect()
}

/// Every node is under its parent at its parent's depth + 1, in document
/// order, with a unique id; every node of an entry has the entry's prefix
/// and each entry's top node is [`Tree::entry_node`].
fn assert_consistent(t: &gongbao::model::Tree) {
    use gongbao::model::Kind;
    let mut ids = std::collections::HashSet::new();
    for ix in 0..t.len() {
        let n = &t.nodes[ix];
        assert!(ids.insert(n.id.clone()), "duplicate id {}", n.id);
        if ix > 0 {
            let p = n.parent.expect("parent");
            assert!(t.nodes[p].children.contains(&ix), "{ix} not under {p}");
            assert_eq!(n.depth, t.nodes[p].depth + 1);
            match (n.kind, t.nodes[p].kind) {
                (Kind::Year, parent) => assert_eq!(parent, Kind::Archive),
                (_, Kind::Year) => assert_eq!(t.entry_node(n.entry), ix, "{}", n.id),
                _ => {
                    assert_eq!(n.entry, t.nodes[p].entry);
                    let top = &t.nodes[t.entry_node(n.entry)].id;
                    assert!(
                        n.id.starts_with(&format!("{top}/")),
                        "{} not in {top}",
                        n.id
                    );
                }
            }
        }
        // Document order: each child's subtree ends right before the next child.
        for w in n.children.windows(2) {
            assert_eq!(t.subtree_end(w[0]) + 1, w[1]);
        }
        if let Some(&first) = n.children.first() {
            assert_eq!(first, ix + 1);
        }
    }
}

#[test]
fn the_arena_built_on_every_core_is_one_consistent_tree() {
    // Five issues: the runs of the cores are of unequal length.
    let one = gongbao::model::load_embedded().expect("embedded").len() - 1;
    let t = gongbao::model::Tree::archive(issues(5));
    assert_eq!(t.len(), 1 + 1 + 5 * (1 + one));
    assert_consistent(&t);
    let year = t.nodes[0].children[0];
    let numbers: Vec<u32> = t.nodes[year]
        .children
        .iter()
        .map(|&i| t.issue_of(t.nodes[i].entry).expect("issue").number)
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    assert_eq!(
        t.find_id("重庆市人民政府公报-2021-4/d1/a1/c3/s1/i4")
            .map(|i| t.title(i)),
        Some("新材料")
    );
    // The arena gives the first issue back as it came, ids without the prefix.
    let first = issues(5).pop().expect("issue 1");
    assert_eq!(t.into_entry(), first);
}

/// A library of issues and documents over several years: a node per year
/// (undated documents last), issues first then documents by date in each,
/// a year spanning the runs of several cores.
#[test]
fn a_library_is_grouped_by_year() {
    use gongbao::model::schema::Entry;
    let doc = |id: &str, date: Option<&str>| -> Entry {
        let text = format!(
            "Document(format: 2, id: \"d1\", title: \"文件{id}\", doc_number: Some(\"某发〔2020〕{id}号\"), date: {}, children: [Paragraph((id: \"d1/p1\", text: \"正文。\"))])",
            date.map_or("None".to_string(), |d| format!("Some(\"{d}\")"))
        );
        gongbao::model::load::parse(&text, std::path::Path::new("d.ron"))
            .expect("parses")
            .into_entry()
    };
    let mut entries = issues(3);
    for e in &mut entries {
        if let Entry::Issue(i) = e {
            if i.number == 2 {
                i.year = 2020;
            }
        }
    }
    entries.extend([
        doc("1", Some("2021-03-01")),
        doc("2", None),
        doc("3", Some("2020-12-31")),
        doc("4", Some("2021-01-05")),
        doc("5", None),
    ]);
    let t = gongbao::model::Tree::archive(entries);
    assert_consistent(&t);
    let shape: Vec<(String, Vec<String>)> = t.nodes[0]
        .children
        .iter()
        .map(|&y| {
            (
                t.label(y),
                t.nodes[y]
                    .children
                    .iter()
                    .map(|&e| t.nodes[e].id.clone())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            (
                "2020年".to_string(),
                vec![
                    "重庆市人民政府公报-2020-2".to_string(),
                    "某发〔2020〕3号/d1".to_string()
                ]
            ),
            (
                "2021年".to_string(),
                vec![
                    "重庆市人民政府公报-2021-1".to_string(),
                    "重庆市人民政府公报-2021-3".to_string(),
                    "某发〔2020〕4号/d1".to_string(),
                    "某发〔2020〕1号/d1".to_string()
                ]
            ),
            (
                "无日期".to_string(),
                vec![
                    "某发〔2020〕2号/d1".to_string(),
                    "某发〔2020〕5号/d1".to_string()
                ]
            ),
        ]
    );
    assert_eq!(t.root_title(), "文库 · 3期 · 5份文件");
    // The reader lists the library by year.
    let lines: Vec<String> = gongbao::view::reader::render(&t, 0, 80)
        .iter()
        .map(|l| l.plain())
        .collect();
    assert_eq!(lines[2], "2020年 · 2");
    assert!(
        lines[3].starts_with("  重庆市人民政府公报 2020年第2期"),
        "{}",
        lines[3]
    );
}

#[test]
fn a_limited_search_is_the_head_of_the_full_ranking() {
    use gongbao::search::Index;
    let t = gongbao::model::Tree::archive(issues(3));
    let units = gongbao::domain::units::Units::build(&t).names();
    let index = Index::build(&t, &units);
    let key = |h: &gongbao::search::index::Hit| (h.candidate, h.score);
    for q in [
        "x",
        "xc",
        "xcl",
        "fgw",
        "新",
        "专栏5",
        "zl",
        "hangye",
        "2021",
        "a",
        "市发展",
        "rjy",
    ] {
        let full = index.search(q, None, usize::MAX);
        let mut every: Vec<usize> = full.hits.iter().map(|h| h.candidate).collect();
        every.sort_unstable();
        // Every match is listed; `all` holds them and the loose ones a
        // longer query narrows from.
        assert_eq!(every.len(), full.count, "{q}: every match is listed");
        assert!(
            every.iter().all(|c| full.all.binary_search(c).is_ok()),
            "{q}: the matches are among those narrowed"
        );
        for limit in [1, 5, 50] {
            let some = index.search(q, None, limit);
            let head: Vec<_> = full.hits.iter().take(limit).map(key).collect();
            assert_eq!(
                some.hits.iter().map(key).collect::<Vec<_>>(),
                head,
                "{q} {limit}"
            );
            assert_eq!(some.all, full.all, "{q} {limit}");
        }
    }
    // Narrowing from the previous matches finds what a fresh search finds.
    let mut prev: Option<Vec<usize>> = None;
    for q in ["x", "xc", "xcl"] {
        let narrowed = index.search(q, prev.as_deref(), 20);
        let fresh = index.search(q, None, 20);
        assert_eq!(narrowed.all, fresh.all, "{q}");
        assert_eq!(narrowed.hits, fresh.hits, "{q}");
        prev = Some(narrowed.all);
    }
}

/// `show ISSUE --format markdown` (and `y` 1) in an archive writes that
/// issue, not the whole archive (a review of issue 17).
#[test]
fn markdown_of_an_issue_in_an_archive_is_that_issue() {
    let t = gongbao::model::Tree::archive(issues(2));
    let second = (0..t.len())
        .find(|&ix| t.nodes[ix].kind == gongbao::model::Kind::Issue && t.nodes[ix].entry == 1)
        .expect("the second issue");
    let mut out = Vec::new();
    gongbao::view::markdown::write_node(&t, second, &mut out).expect("writes");
    let md = String::from_utf8(out).expect("utf-8");
    assert_eq!(md.matches("## 目录").count(), 1, "one issue's contents");
    let mut all = Vec::new();
    gongbao::view::markdown::write(&t, &mut all).expect("writes");
    assert!(md.len() * 2 <= all.len() + 16);
}
