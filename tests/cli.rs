//! Headless subcommands through the library (a `Vec<u8>` writer) and the
//! real binary (exit statuses), plus invalid inputs with their exact messages.

// The tests make, read and damage their own temporary files.
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};
use std::process::Command;

use gongbao::cli::{Command as Cmd, Format};
use gongbao::commands;
use gongbao::model;

#[path = "common/env.rs"]
mod isolated;

/// The binary, away from the user's folders.
fn bin() -> Command {
    isolated::bin()
}

/// `--json` or not.
fn output(json: bool) -> gongbao::cli::Output {
    gongbao::cli::Output {
        format: gongbao::cli::OutFormat::Text,
        json,
    }
}

fn run(cmd: Cmd) -> String {
    let tree = model::load_embedded().expect("embedded");
    let mut out = Vec::new();
    commands::run(
        cmd,
        None,
        || Ok(&tree),
        false,
        &mut out,
        &mut std::io::sink(),
    )
    .expect("runs");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn invalid_files_give_their_exact_message_and_status_2() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/invalid")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron") || p.is_dir())
        .collect();
    files.sort();
    assert!(files.len() >= 13);
    for f in files {
        let rel = f
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .expect("inside")
            .to_path_buf();
        let out = bin()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .arg("check")
            .arg(&rel)
            .output()
            .expect("runs");
        let expected =
            std::fs::read_to_string(f.with_extension("expected")).expect("expected file");
        assert_eq!(out.status.code(), Some(2), "{}", rel.display());
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            expected,
            "{}",
            rel.display()
        );
        // The same file as --data: one line on stderr, status 2, no panic.
        let out = bin()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .arg("--data")
            .arg(&rel)
            .arg("tree")
            .output()
            .expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}", rel.display());
        assert!(err.starts_with("gongbao: tests/invalid/"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn valid_files_check_ok_and_the_asset_too() {
    let out = bin()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            "tests/valid/minimal.ron",
            "tests/valid/bom.ron",
            "assets/cq-gazette-2021-15.ron",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "tests/valid/minimal.ron: ok\ntests/valid/bom.ron: ok\nassets/cq-gazette-2021-15.ron: ok\n"
    );
}

#[test]
fn missing_path_and_empty_folder() {
    let out = bin()
        .args(["--data", "no/such/file.ron", "tree"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("gongbao: no/such/file.ron: "));
    let dir = std::env::temp_dir().join(format!("gongbao-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let out = bin()
        .arg("--data")
        .arg(&dir)
        .arg("tree")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no .ron file in this folder"));
    let _ = std::fs::remove_dir(&dir);
}

#[test]
fn import_reproduces_the_asset() {
    let out = bin()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["import", "tests/data/cq-gazette-2021-15.txt"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let asset =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/cq-gazette-2021-15.ron"))
            .expect("asset");
    assert!(out.stdout == asset, "import output differs from the asset");
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 337: rewrote LaTeX"));
}

#[test]
fn import_of_arbitrary_text_fails_cleanly() {
    let dir = std::env::temp_dir().join(format!("gongbao-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let f = dir.join("x.txt");
    std::fs::write(&f, "hello\nworld\n").expect("write");
    let out = bin().arg("import").arg(&f).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no Chinese text"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn tree_depth_and_ids() {
    let out = run(Cmd::Tree {
        depth: Some(1),
        ids: false,
    });
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(
        lines[0],
        "issue 重庆市人民政府公报 2021年第15期（总第897期）"
    );
    assert!(lines[4]
        .starts_with("  document 渝公规〔2021〕4号 重庆市公安局关于规范农村地区居民分户的通知"));
    let out = run(Cmd::Tree {
        depth: Some(3),
        ids: true,
    });
    assert!(
        out.contains("    chapter 三、产业发展方向  [d1/a1/c3]"),
        "{out}"
    );
}

#[test]
fn show_a_column_by_name() {
    let a = run(Cmd::Show {
        query: "专栏5".into(),
        width: 80,
        format: gongbao::cli::ShowFormat::Text,
    });
    let b = run(Cmd::Show {
        query: "专栏 5".into(),
        width: 80,
        format: gongbao::cli::ShowFormat::Text,
    });
    let c = run(Cmd::Show {
        query: "专栏５".into(),
        width: 80,
        format: gongbao::cli::ShowFormat::Text,
    });
    assert_eq!(a, b);
    assert_eq!(a, c);
    assert!(a.starts_with("┌─ 专栏5 新材料产业发展重点 "));
    for entry in ["先进有色合金：", "高端合成材料：", "其他新材料："] {
        assert!(a.contains(entry), "{entry} in {a}");
    }
    for line in a.lines() {
        assert!(gongbao::text::width(line) <= 80, "{line}");
    }
    insta::assert_snapshot!(
        "show_column_5_at_40",
        run(Cmd::Show {
            query: "专栏5".into(),
            width: 40,
            format: gongbao::cli::ShowFormat::Text,
        })
    );
}

#[test]
fn show_wraps_without_closing_punctuation_at_line_start() {
    for width in [20, 33, 47, 80] {
        let out = run(Cmd::Show {
            query: "d1/a1/c1".into(),
            width,
            format: gongbao::cli::ShowFormat::Text,
        });
        for line in out.lines() {
            assert!(
                gongbao::text::width(line) <= usize::from(width),
                "{line:?} > {width}"
            );
            let first = line.trim_start().chars().next();
            assert!(
                !first.is_some_and(|c| "，。、；：？！）」』》".contains(c)),
                "{line:?} starts with closing punctuation at width {width}"
            );
        }
    }
}

#[test]
fn show_unknown_is_an_error() {
    let out = bin().args(["show", "龘龘龘"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing is named"));
}

#[test]
fn export_json_holds_the_facts() {
    let out = run(Cmd::Export {
        format: Format::Json,
    });
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["kind"], "issue");
    assert_eq!(v["year"], 2021);
    assert_eq!(v["total_number"], 897);
    assert_eq!(v["published"], "2021-08-15");
    let docs = v["children"].as_array().expect("docs");
    assert_eq!(docs.len(), 4);
    assert_eq!(docs[2]["doc_number"], "渝府办发〔2021〕79号");
    assert_eq!(docs[0]["date"], "2021-07-19");
    assert!(docs[3]["title_en"]
        .as_str()
        .expect("en")
        .contains("Household Splitting"));
    fn walk<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>) {
        out.push(v);
        for c in v["children"].as_array().into_iter().flatten() {
            walk(c, out);
        }
    }
    let mut all = Vec::new();
    walk(&v, &mut all);
    let count = |k: &str| all.iter().filter(|n| n["kind"] == k).count();
    assert_eq!(count("industry"), 15);
    assert_eq!(count("column"), 17);
    assert_eq!(count("task"), 86);
    assert_eq!(count("decision"), 27);
    let task12 = all
        .iter()
        .find(|n| n["kind"] == "task" && n["number"] == "12")
        .expect("task 12");
    assert_eq!(task12["support"], serde_json::json!([]));
    let d = all
        .iter()
        .find(|n| n["kind"] == "decision" && n["number"] == "1.3")
        .expect("1.3");
    assert_eq!(d["unit"], "市民政局");
    assert_eq!(d["due"], "2021-09");
    for n in &all {
        for key in ["id", "kind", "title", "text", "children"] {
            assert!(n.get(key).is_some(), "{key} missing in {}", n["id"]);
        }
    }
}

#[test]
fn export_markdown_is_readable() {
    let out = run(Cmd::Export {
        format: Format::Markdown,
    });
    assert!(out.starts_with("# 重庆市人民政府公报 2021年第15期（总第897期）\n"));
    assert!(out.contains("\n## 重庆市公安局关于规范农村地区居民分户的通知\n"));
    // The column's label as printed (`专栏 5`: the seed prints both forms).
    assert!(out.contains("> **专栏 5 新材料产业发展重点**"));
    assert!(out.contains(
        "| 1.3 | 制定重庆市民政事业发展“十四五”规划（2021—2025年） | 市民政局 | 2021-09 |"
    ));
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn outline_when_stdout_is_not_a_terminal() {
    let out = bin().output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("issue 重庆市人民政府公报"));
    assert!(!text.contains('\u{1b}'));
}

fn find_lines(args: &[&str]) -> (Option<i32>, Vec<String>) {
    let out = bin().arg("find").args(args).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    (
        out.status.code(),
        text.lines().map(str::to_string).collect(),
    )
}

#[test]
fn find_ranks_structural_names_first_in_hanzi_and_pinyin() {
    let first_title = |q: &str| {
        let (code, lines) = find_lines(&[q, "--limit", "5"]);
        assert_eq!(code, Some(0), "{q}");
        let cols: Vec<String> = lines[0].split('\t').map(str::to_string).collect();
        (cols[1].clone(), cols[2].clone())
    };
    assert_eq!(
        first_title("新材料"),
        ("industry".into(), "4. 新材料".into())
    );
    assert_eq!(first_title("xcl"), ("industry".into(), "4. 新材料".into()));
    assert_eq!(
        first_title("xincailiao"),
        ("industry".into(), "4. 新材料".into())
    );
    assert_eq!(
        first_title("xinnengyuan"),
        ("industry".into(), "2. 新能源及智能网联汽车".into())
    );
    assert_eq!(
        first_title("xny"),
        ("industry".into(), "2. 新能源及智能网联汽车".into())
    );
    assert_eq!(first_title("新cl"), ("industry".into(), "4. 新材料".into()));
    assert_eq!(first_title("专栏 5").1, "专栏 5 新材料产业发展重点");
    assert_eq!(first_title("专栏５").1, "专栏 5 新材料产业发展重点");
    // A line: id, kind, title, breadcrumb.
    let (_, lines) = find_lines(&["新材料", "--limit", "1"]);
    let cols: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(cols.len(), 4);
    assert_eq!(cols[0], "d1/a1/c3/s1/i4");
    assert!(cols[3].ends_with("三、产业发展方向 › （一）建设具有全国影响力的战略性新兴产业集群"));
}

/// The characters of a `find --text --json` hit's snippet that `matched` points at.
fn matched_in_snippet(hit: &serde_json::Value) -> String {
    let chars: Vec<char> = hit["snippet"].as_str().expect("snippet").chars().collect();
    hit["matched"]
        .as_array()
        .expect("matched")
        .iter()
        .map(|i| chars[i.as_u64().expect("index") as usize])
        .collect()
}

#[test]
fn find_text_finds_every_place_and_pinyin() {
    let (code, lines) = find_lines(&["IGBT", "--text"]);
    assert_eq!(code, Some(0));
    let kinds: Vec<&str> = lines
        .iter()
        .map(|l| l.split('\t').nth(1).unwrap_or(""))
        .collect();
    assert_eq!(kinds, ["entry", "entry", "segment"]);
    assert!(lines
        .iter()
        .all(|l| l.split('\t').nth(4).is_some_and(|s| s.contains("IGBT"))));
    let (code, lines) = find_lines(&["hangye", "--text", "--json"]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&lines.join("\n")).expect("json");
    let hits = v.as_array().expect("array");
    assert!(hits.len() >= 10);
    for h in hits {
        assert_eq!(matched_in_snippet(h), "行业", "{h}");
    }
    // 行业 is hangye: `xingye` finds 型业 and the like, never 行业.
    let (_, lines) = find_lines(&["xingye", "--text", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&lines.join("\n")).expect("json");
    for h in v.as_array().expect("array") {
        assert_ne!(matched_in_snippet(h), "行业");
    }
}

#[test]
fn find_json_and_no_hits() {
    let (code, lines) = find_lines(&["xcl", "--json", "--limit", "2"]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&lines.join("\n")).expect("json");
    let first = &v[0];
    assert_eq!(first["id"], "d1/a1/c3/s1/i4");
    assert_eq!(first["kind"], "industry");
    assert_eq!(first["title"], "4. 新材料");
    assert_eq!(first["matched"], serde_json::json!([3, 4, 5]));
    assert!(first["breadcrumb"].as_array().expect("crumbs").len() >= 4);
    assert!(first["score"].as_i64().is_some());
    let (code, lines) = find_lines(&["龘龘"]);
    assert_eq!(code, Some(1));
    assert!(lines.is_empty());
    let (code, _) = find_lines(&["龘龘", "--text"]);
    assert_eq!(code, Some(1));
}

/// `timeline` with no filters, as text or JSON.
fn timeline_cmd(as_of: Option<String>, by: gongbao::cli::ByArg, width: u16, json: bool) -> Cmd {
    Cmd::Timeline {
        as_of,
        by,
        width,
        status: vec![],
        unit: vec![],
        year: vec![],
        entry: vec![],
        kind: vec![],
        format: gongbao::cli::TimelineFormat::Text,
        json,
    }
}

#[test]
fn timeline_json_as_of_a_date() {
    let out = run(timeline_cmd(
        Some("2021-08-04".into()),
        gongbao::cli::ByArg::Item,
        120,
        true,
    ));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let all = v.as_array().expect("array");
    // The catalogue's 27 decisions, and the residence notice's effective date.
    assert_eq!(all.len(), 28);
    let rows: Vec<&serde_json::Value> = all.iter().filter(|r| r["kind"] == "decision").collect();
    assert_eq!(rows.len(), 27);
    let effective = all
        .iter()
        .find(|r| r["kind"] == "effective")
        .expect("effective");
    assert_eq!(effective["due"], "2021-08-05");
    assert_eq!(effective["precision"], "day");
    assert_eq!(effective["status"], "due");
    let status = |n: &str| rows.iter().find(|r| r["number"] == n).expect(n)["status"].clone();
    assert_eq!(status("1.1"), "past"); // 2021-03
    assert_eq!(status("1.6"), "due"); // 2021-08
    assert_eq!(status("1.2"), "upcoming"); // 2021-12
    assert_eq!(status("4"), "past"); // 2021-01
    assert_eq!(rows[0]["due"], "2021-03");
    assert_eq!(rows[19]["number"], "2");
    for r in &rows {
        let due = r["due"].as_str().expect("every row has a month");
        let expected = if due < "2021-08" {
            "past"
        } else if due == "2021-08" {
            "due"
        } else {
            "upcoming"
        };
        assert_eq!(r["status"], expected, "{r}");
    }
    let bad = bin()
        .args(["timeline", "--as-of", "2021-13-01"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
}

/// Each row's marker (● past, ◆ due, ○ upcoming) sits in the display
/// column of its month label, and says the row's status.
fn assert_markers_under_labels(text: &str, width: u16) {
    let lines: Vec<&str> = text.lines().collect();
    let col_of = |line: &str, needle: &str| -> Option<usize> {
        line.find(needle).map(|b| gongbao::text::width(&line[..b]))
    };
    let labels: Vec<usize> = (1..=12)
        .map(|m| col_of(lines[0], &format!("{m}月")).expect("label"))
        .collect();
    let out = run(timeline_cmd(None, gongbao::cli::ByArg::Item, width, true));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let rows: Vec<&serde_json::Value> = v
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["kind"] == "decision")
        .collect();
    for (line, row) in lines[1..=rows.len()].iter().zip(rows) {
        assert!(gongbao::text::width(line) <= usize::from(width), "{line}");
        assert!(
            line.starts_with(row["number"].as_str().expect("number")),
            "{line}"
        );
        let month: usize = row["due"].as_str().expect("due")[5..]
            .parse()
            .expect("month");
        let marker = match row["status"].as_str().expect("status") {
            "past" => "●",
            "due" => "◆",
            _ => "○",
        };
        assert_eq!(col_of(line, marker), Some(labels[month - 1]), "{line}");
    }
}

#[test]
fn timeline_text_aligns_at_100_and_160() {
    for width in [100, 160] {
        let text = run(timeline_cmd(None, gongbao::cli::ByArg::Item, width, false));
        assert_markers_under_labels(&text, width);
    }
    insta::assert_snapshot!(
        "timeline_100",
        run(timeline_cmd(
            Some("2021-08-04".into()),
            gongbao::cli::ByArg::Item,
            100,
            false
        ))
    );
    insta::assert_snapshot!(
        "timeline_by_unit_160",
        run(timeline_cmd(
            Some("2021-10-01".into()),
            gongbao::cli::ByArg::Unit,
            160,
            false
        ))
    );
}

#[test]
fn units_match_the_catalogue_and_the_allocation_table() {
    let out = run(Cmd::Units {
        unit: Some("市发展改革委".into()),
        out: output(true),
    });
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["unit"], "市发展改革委");
    let decisions: Vec<&str> = v["decisions"]
        .as_array()
        .expect("d")
        .iter()
        .map(|d| d["number"].as_str().expect("n"))
        .collect();
    assert_eq!(decisions, ["1.1", "1.2", "2", "3"]);
    assert_eq!(v["lead"], serde_json::json!([23, 33, 34, 35, 36, 58, 60]));
    assert_eq!(v["support"], serde_json::json!([1, 38, 46, 69]));
    // Cross-check against the raw export.
    let export: serde_json::Value = serde_json::from_str(&run(Cmd::Export {
        format: Format::Json,
    }))
    .expect("json");
    let mut lead = Vec::new();
    fn walk(n: &serde_json::Value, lead: &mut Vec<u64>) {
        if n["kind"] == "task"
            && n["lead"]
                .as_array()
                .expect("lead")
                .iter()
                .any(|u| u == "市发展改革委")
        {
            lead.push(
                n["number"]
                    .as_str()
                    .and_then(|s| s.parse().ok())
                    .expect("number"),
            );
        }
        for c in n["children"].as_array().into_iter().flatten() {
            walk(c, lead);
        }
    }
    walk(&export, &mut lead);
    assert_eq!(serde_json::json!(lead), v["lead"]);
    // Pinyin and aliases.
    let v: serde_json::Value = serde_json::from_str(&run(Cmd::Units {
        unit: Some("shizhufangchengxiangjianwei".into()),
        out: output(true),
    }))
    .expect("json");
    assert_eq!(v["unit"], "市住房城乡建设委");
    assert_eq!(v["aliases"], serde_json::json!(["市住房城乡建委"]));
    let list: serde_json::Value = serde_json::from_str(&run(Cmd::Units {
        unit: None,
        out: output(true),
    }))
    .expect("json");
    let all = list.as_array().expect("units");
    assert!(all.iter().all(|u| u["unit"] != "市住房城乡建委"));
    let total: u64 = all
        .iter()
        .map(|u| u["decisions"].as_u64().expect("d"))
        .sum();
    assert_eq!(total, 27);
}

#[test]
fn indicators_flag_exactly_the_rows_that_disagree() {
    let v: serde_json::Value =
        serde_json::from_str(&run(Cmd::Indicators { out: output(true) })).expect("json");
    let rows = v.as_array().expect("rows");
    assert_eq!(rows.len(), 20);
    let flagged: Vec<&str> = rows
        .iter()
        .filter(|r| r["flagged"] == true)
        .map(|r| r["name"].as_str().expect("name"))
        .collect();
    assert_eq!(flagged, ["工业增加值（亿元）", "软件业务收入（亿元）"]);
    for r in rows {
        for k in [
            "name",
            "category",
            "attribute",
            "base",
            "target",
            "stated",
            "implied",
            "flagged",
            "note",
        ] {
            assert!(r.get(k).is_some(), "{k}");
        }
        if r["stated"] == "—" {
            assert_eq!(r["flagged"], false);
            assert!(r["implied"].is_null());
        }
    }
    insta::assert_snapshot!(
        "indicators_text",
        run(Cmd::Indicators { out: output(false) })
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    for args in [vec!["export", "--format", "json"], vec!["tree"], vec![]] {
        let mut child = bin()
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut stdout = child.stdout.take().expect("stdout");
        let mut first = [0u8; 64];
        stdout.read_exact(&mut first).expect("some output");
        drop(stdout);
        let out = child.wait_with_output().expect("wait");
        assert!(
            matches!(out.status.code(), Some(0) | None),
            "{args:?}: {:?}",
            out.status
        );
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("panicked"),
            "{args:?}"
        );
    }
}

#[test]
fn a_device_is_refused_before_it_is_read() {
    let out = bin().args(["check", "/dev/zero"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "/dev/zero: not a regular file (a device)\n"
    );
}

/// A FIFO given as a gazette, as `--data` or to `import` is refused at once
/// (opening it for reading would wait for a writer forever). The child is
/// killed if it has not ended well past what it needs: a hang fails the
/// test instead of stopping the suite.
#[test]
fn a_fifo_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let f = fifo.to_str().expect("utf-8");
    for args in [
        vec!["check", f],
        vec!["--data", f, "tree"],
        vec!["import", f],
    ] {
        let mut child = bin()
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while child.try_wait().expect("wait").is_none() {
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                panic!("{args:?} waited on the FIFO");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let out = child.wait_with_output().expect("output");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            said.contains("not a regular file (a FIFO)"),
            "{args:?}: {said}"
        );
    }
}

#[test]
fn import_refuses_what_it_cannot_read_and_names_what_to_do() {
    let dir = std::env::temp_dir().join(format!("gongbao-import-kinds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let doc = dir.join("x.doc");
    std::fs::write(&doc, b"\xd0\xcf\x11\xe0 binary").expect("write");
    let out = bin().arg("import").arg(&doc).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("save the document as .docx"));
    // A PDF without pdftotext on the PATH: the command to install is named.
    let pdf = dir.join("x.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n").expect("write");
    let out = bin()
        .arg("import")
        .arg(&pdf)
        .env("PATH", "")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("poppler-utils"));
    // `-o` onto its own input is refused, and the input is untouched.
    let txt = dir.join("x.txt");
    std::fs::write(&txt, "某某通知\n请遵照执行。\n").expect("write");
    let out = bin()
        .arg("import")
        .arg(&txt)
        .arg("-o")
        .arg(&txt)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&txt).expect("read"),
        "某某通知\n请遵照执行。\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_failed_import_leaves_the_output_as_it_was() {
    let dir = std::env::temp_dir().join(format!("gongbao-import-atomic-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let out_file = dir.join("out.ron");
    std::fs::write(&out_file, "previous\n").expect("write");
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, "no chinese here\n").expect("write");
    let out = bin()
        .arg("import")
        .arg(&bad)
        .arg("-o")
        .arg(&out_file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&out_file).expect("read"),
        "previous\n"
    );
    // A good import replaces it whole, and leaves no temporary file behind.
    let good = dir.join("good.txt");
    std::fs::write(&good, "某某县人民政府关于测试的通知\n某府发〔2024〕1号\n请遵照执行。\n某某县人民政府\n2024年1月2日\n").expect("write");
    let out = bin()
        .arg("import")
        .arg(&good)
        .arg("-o")
        .arg(&out_file)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read_to_string(&out_file)
        .expect("read")
        .starts_with("Document("));
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn show_names_an_article_by_its_number_and_lists_candidates_when_several_match() {
    let dir = std::env::temp_dir().join(format!("gongbao-resolve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    for (src, out) in [
        ("regulation.txt", "a.ron"),
        ("formats/measures.md", "b.ron"),
    ] {
        let o = bin()
            .arg("import")
            .arg(fixtures.join(src))
            .arg("-o")
            .arg(dir.join(out))
            .output()
            .expect("runs");
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    // One document: 第十九条 is that article.
    let o = bin()
        .arg("--data")
        .arg(dir.join("a.ron"))
        .args(["show", "第十九条", "--width", "60"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("第十九条"));
    // Both: two candidates, listed with their ids, exit 2.
    let o = bin()
        .arg("--data")
        .arg(&dir)
        .args(["show", "第三条"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("names 2 nodes"), "{err}");
    assert_eq!(err.matches("/d1/").count(), 2, "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every number from the command line has a range: outside it, exit 2 with
/// a message (a huge width panicked or allocated gigabytes; 0 printed a
/// character a line; --limit 0 said "nothing matches").
#[test]
fn numbers_outside_their_range_are_refused() {
    for args in [
        &["show", "专栏5", "--width", "18446744073709551615"][..],
        &["show", "专栏5", "--width", "4294967296"],
        &["show", "专栏5", "--width", "0"],
        &["show", "专栏5", "--width", "19"],
        &["show", "专栏5", "--width", "1001"],
        &["find", "xcl", "--limit", "0"],
        &["find", "xcl", "--limit", "100001"],
        &["tree", "--depth", "65"],
        &["timeline", "--width", "5"],
    ] {
        let out = bin().args(args).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("is not in") || err.contains("invalid value"),
            "{args:?}: {err}"
        );
    }
    let out = bin()
        .args(["show", "专栏5", "--width", "20"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
}

/// `--format json` and its alias `--json` print the same.
#[test]
fn format_json_and_the_json_alias_agree() {
    for cmd in [
        &["find", "xcl"][..],
        &["units"],
        &["timeline"],
        &["indicators"],
    ] {
        let a = bin().args(cmd).arg("--json").output().expect("runs");
        let b = bin()
            .args(cmd)
            .args(["--format", "json"])
            .output()
            .expect("runs");
        assert_eq!(a.status.code(), Some(0), "{cmd:?}");
        assert_eq!(a.stdout, b.stdout, "{cmd:?}");
        assert!(
            serde_json::from_slice::<serde_json::Value>(&a.stdout).is_ok(),
            "{cmd:?}"
        );
    }
}

/// Runs the binary on `--data DATA` with the cache in `cache` and extra
/// variables; it must succeed. Its stdout.
fn cached(cache: &Path, vars: &[(&str, &str)], data: &Path, args: &[&str]) -> Vec<u8> {
    let mut cmd = bin();
    cmd.env("XDG_CACHE_HOME", cache);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let out = cmd
        .arg("--data")
        .arg(data)
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[path = "common/archive.rs"]
#[allow(dead_code)] // the benches' archive is not made here
mod archive;

/// The cache stays within its limit (`GONGBAO_CACHE_MIB`), the least
/// recently used entries going first; a temporary file a killed process
/// left goes too, while a fresh one (another process's write in progress)
/// stays; `GONGBAO_NO_CACHE=0` does not turn the cache off; a limit out of
/// its range is ignored.
#[test]
fn the_cache_is_bounded_and_cleans_what_crashes_left() {
    let home = tempfile::tempdir().expect("tempdir");
    let data = home.path().join("archive");
    archive::write_copies(&data, 12);
    let cache = home.path().join("cache");
    let folder = cache.join("gongbao");
    std::fs::create_dir_all(&folder).expect("mkdir");
    let old = folder.join(".tmpOLD");
    let fresh = folder.join(".tmpNEW");
    std::fs::write(&old, b"half a write").expect("write");
    std::fs::write(&fresh, b"a write in progress").expect("write");
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&old)
        .expect("open")
        .set_modified(hour_ago)
        .expect("set mtime");
    let bins = || -> (usize, u64) {
        std::fs::read_dir(&folder)
            .expect("cache folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "bin"))
            .fold((0, 0), |(n, b), p| {
                (n + 1, b + std::fs::metadata(&p).expect("meta").len())
            })
    };
    let run = |vars: &[(&str, &str)]| cached(&cache, vars, &data, &["tree", "--depth", "1"]);
    let first = run(&[("GONGBAO_CACHE_MIB", "1"), ("GONGBAO_NO_CACHE", "0")]);
    let (n, bytes) = bins();
    assert!(n >= 1 && bytes <= 1024 * 1024, "{n} entries, {bytes} bytes");
    assert!(n < 12, "every entry is kept: {n}");
    assert!(!old.exists(), "a crashed write's leftover stays");
    assert!(fresh.exists(), "a write in progress was taken away");
    // Again, from what is left: the same answer, the same bound.
    assert_eq!(run(&[("GONGBAO_CACHE_MIB", "1")]), first);
    assert!(bins().1 <= 1024 * 1024);
    // A limit out of range is the default: every entry fits.
    assert_eq!(run(&[("GONGBAO_CACHE_MIB", "0")]), first);
    assert_eq!(bins().0, 12);
}

/// A query holds at most 200 characters: a longer one is refused (exit 2,
/// saying why) before anything is read; 200 are searched.
#[test]
fn a_query_longer_than_200_characters_is_refused() {
    let long = "新".repeat(201);
    for args in [
        vec!["find", long.as_str()],
        vec!["show", long.as_str()],
        vec!["units", long.as_str()],
    ] {
        let out = bin().args(&args).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{:?}", &args[..1]);
        assert!(String::from_utf8_lossy(&out.stderr).contains("a query holds at most 200"));
    }
    let most = "新".repeat(200);
    let out = bin().args(["find", &most]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1), "searched, nothing matches");
}

/// A shared cache folder with planted links: a cache entry that is a link
/// to someone's file, and links where temporary files could be made. A
/// write replaces the link, never the file it points to; a link to
/// `/dev/zero` is refused as a device, not read; the answers stay right.
#[test]
fn planted_links_in_the_cache_are_never_followed_into_a_write() {
    use std::os::unix::fs::symlink;
    let home = tempfile::tempdir().expect("tempdir");
    let data = home.path().join("archive");
    archive::write_copies(&data, 2);
    let cache = home.path().join("cache");
    let folder = cache.join("gongbao");
    let run = || cached(&cache, &[], &data, &["find", "xcl", "--limit", "3"]);
    let answer = run();
    let mut bins: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("cache")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .collect();
    bins.sort();
    assert_eq!(bins.len(), 2);
    let victim = home.path().join("precious.txt");
    std::fs::write(&victim, "precious").expect("write");
    // One entry a link to the victim, the other to /dev/zero; links where
    // temporary files could be made.
    std::fs::remove_file(&bins[0]).expect("rm");
    symlink(&victim, &bins[0]).expect("link");
    std::fs::remove_file(&bins[1]).expect("rm");
    symlink("/dev/zero", &bins[1]).expect("link");
    for k in 0..16 {
        symlink(&victim, folder.join(format!(".tmp{k:06}"))).expect("link");
    }
    assert_eq!(run(), answer);
    assert_eq!(
        std::fs::read_to_string(&victim).expect("victim"),
        "precious"
    );
    // The entries were written anew, in place of the links.
    for b in &bins {
        let meta = std::fs::symlink_metadata(b).expect("entry");
        assert!(meta.is_file(), "{} is still a link", b.display());
    }
    assert_eq!(run(), answer);
}

/// A table of 20,000 columns lays out in linear time: `show` runs under a
/// CPU-time limit about fifteen times what it needs (0.3 s in a debug
/// build; the quadratic layout took 44 s and is killed by the limit).
#[test]
fn a_table_of_20000_columns_lays_out_under_a_cpu_limit() {
    if !isolated::has_prlimit() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let n = 20_000;
    let cells = |f: &dyn Fn(usize) -> String| -> String {
        (0..n)
            .map(|i| format!("\"{}\"", f(i)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let ron = format!(
        "Document(\n  format: 2,\n  id: \"d1\",\n  title: \"宽表\",\n  children: [\n    Table((id: \"t1\", title: \"宽表\", header: [[{}]], rows: [[{}]])),\n  ],\n)\n",
        cells(&|i| format!("列{i}")),
        cells(&|i| i.to_string()),
    );
    let file = dir.path().join("wide.ron");
    std::fs::write(&file, ron).expect("write");
    let out = under_cpu_limit(5, &file, &["show", "t1"]);
    assert!(out.contains("宽表"));
}

/// Runs the binary on `file` with `args` under a CPU-time limit of `secs`
/// seconds; it must succeed. Its stdout.
fn under_cpu_limit(secs: u32, file: &Path, args: &[&str]) -> String {
    let mut cmd = Command::new("prlimit");
    isolated::isolate(&mut cmd);
    let out = cmd
        .arg(format!("--cpu={secs}"))
        .arg(env!("CARGO_BIN_EXE_gongbao"))
        .arg("--data")
        .arg(file)
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// A paragraph of 8 MB (issue 14: `show` of a 60 MB one took 7–17 s and
/// 2.2–2.6 GB, every character a word of its own): `show` wraps it once and
/// prints it line by line, under a CPU-time limit about ten times what a
/// debug build needs (1.6 s). Memory limits cannot be set here (the sandbox
/// kills any process under RLIMIT_AS or RLIMIT_DATA); the explorer's side
/// is counted in `tests/tui.rs`.
#[test]
fn a_paragraph_of_8_mb_shows_under_a_cpu_limit() {
    if !isolated::has_prlimit() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let sentence = "现将规划印发给你们，请认真贯彻执行。";
    let text = sentence.repeat(150_000);
    let ron = format!(
        "Document(\n  format: 2,\n  id: \"d1\",\n  title: \"长段\",\n  children: [\n    Paragraph((id: \"p1\", text: \"{text}\")),\n  ],\n)\n"
    );
    let file = dir.path().join("long.ron");
    std::fs::write(&file, ron).expect("write");
    let shown = under_cpu_limit(16, &file, &["show", "p1", "--width", "100"]);
    // 50 characters a line (100 columns), the first after a 4-column indent.
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(lines.len(), 2_700_000 / 50 + 1);
    assert_eq!(lines.concat().replace(' ', ""), text);
}

/// `import` exit 0 means the output loads (issue 14: deleting one contents
/// line of the seed gave RON that `check` refused). As a property over the
/// real binary: every text fixture and the seed issue, and 25 variants of
/// each with a line deleted, duplicated or two swapped (200 in all), exit 2,
/// or exit 0 with a file that `check` passes. Never anything else.
#[test]
fn import_exit_0_means_check_passes_on_mutated_seeds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures/import"))
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    seeds.push(root.join("tests/data/cq-gazette-2021-15.txt"));
    let dir = tempfile::tempdir().expect("tempdir");
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut loaded, mut refused) = (0, 0);
    for seed in &seeds {
        let text = std::fs::read_to_string(seed).expect("seed");
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        for k in 0..=25 {
            let mut v = lines.clone();
            if k > 0 {
                let a = (next() % v.len() as u64) as usize;
                let b = (next() % v.len() as u64) as usize;
                match k % 3 {
                    0 => {
                        v.remove(a);
                    }
                    1 => v.insert(b, lines[a]),
                    _ => v.swap(a, b),
                }
            }
            let input = dir.path().join("in.txt");
            let output = dir.path().join("out.ron");
            let _ = std::fs::remove_file(&output);
            std::fs::write(&input, v.concat()).expect("write");
            let o = bin()
                .arg("import")
                .arg(&input)
                .arg("-o")
                .arg(&output)
                .output()
                .expect("runs");
            match o.status.code() {
                Some(2) => {
                    refused += 1;
                    assert!(!output.exists(), "exit 2 wrote {}", output.display());
                }
                Some(0) => {
                    loaded += 1;
                    let c = bin().arg("check").arg(&output).output().expect("runs");
                    assert!(
                        c.status.success(),
                        "{} variant {k}: import exit 0, check: {}",
                        seed.display(),
                        String::from_utf8_lossy(&c.stderr)
                    );
                }
                other => panic!(
                    "{} variant {k}: exit {other:?}: {}",
                    seed.display(),
                    String::from_utf8_lossy(&o.stderr)
                ),
            }
        }
    }
    assert_eq!(loaded + refused, seeds.len() * 26);
    assert!(loaded > refused, "{loaded} loaded, {refused} refused");
}

/// Citations on the sample (issue 15): the decision catalogue's notice cites
/// a State Council regulation that is not loaded; the manufacturing notice's
/// plan resolves to its attachment, which is cited by that notice alone.
#[test]
fn refs_and_citedby_on_the_sample() {
    let run = |args: &[&str]| {
        let o = bin().args(args).output().expect("runs");
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
        )
    };
    let (code, out) = run(&["refs", "渝府办发〔2021〕79号"]);
    assert_eq!(code, Some(0));
    assert!(
        out.lines().any(
            |l| l == "d3/p2\t2-27\t《重大行政决策程序暂行条例》（国务院令第713号）\tunresolved"
        ),
        "{out}"
    );
    // 《目录》 is the catalogue's short name, defined in the same sentence.
    assert!(
        out.lines().any(|l| l == "d3/p4\t0-4\t《目录》\td3/a1"),
        "{out}"
    );
    let (_, out) = run(&["refs", "渝府发〔2021〕18号"]);
    assert!(
        out.lines()
            .any(|l| l == "d1/p2\t2-34\t《重庆市制造业高质量发展“十四五”规划(2021—2025年)》\td1/a1"),
        "{out}"
    );
    let (code, out) = run(&["citedby", "d1/a1", "--format", "json"]);
    assert_eq!(code, Some(0));
    let rows: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(rows.as_array().map(Vec::len), Some(1), "{out}");
    assert_eq!(rows[0]["node"], "d1/p2");
    assert_eq!(rows[0]["status"], "resolved");
    // Nothing cites the decision catalogue's first decision: exit 1.
    let (code, out) = run(&["citedby", "d3/a1/t1/r1"]);
    assert_eq!((code, out.as_str()), (Some(1), ""));
    let (code, out) = run(&["refs", "--unresolved"]);
    assert_eq!(code, Some(0));
    assert!(
        out.lines().any(|l| l == "1\t《重大行政决策程序暂行条例》"),
        "{out}"
    );
}

/// Every dated item of a library with two years' catalogues, a task table
/// with 完成时限 of each precision and a measure's effective and expiry
/// dates (`tests/fixtures/deadlines`, issue 16): the filters, CSV, and an
/// iCalendar file parsed back by an independent parser (the `ical` crate)
/// to the same items, folded at 75 octets with CRLF.
#[test]
fn timeline_formats_and_filters_on_the_deadline_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/deadlines");
    let run = |args: &[&str]| {
        let o = bin()
            .arg("--data")
            .arg(&dir)
            .arg("timeline")
            .args(args)
            .output()
            .expect("runs");
        assert_eq!(
            o.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).expect("utf-8")
    };
    let rows = |args: &[&str]| -> Vec<(String, String, String)> {
        let mut all = vec!["--format", "json", "--as-of", "2022-06-15"];
        all.extend_from_slice(args);
        let v: serde_json::Value = serde_json::from_str(&run(&all)).expect("json");
        v.as_array()
            .expect("rows")
            .iter()
            .map(|r| {
                let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
                (s("kind"), s("number"), s("status"))
            })
            .collect()
    };
    let all = rows(&[]);
    assert_eq!(all.len(), 10, "{all:?}");
    let t = |k: &str, n: &str, s: &str| (k.to_string(), n.to_string(), s.to_string());
    assert_eq!(rows(&["--status", "due"]), vec![t("task", "1", "due")]);
    assert_eq!(
        rows(&["--status", "past,undated", "--kind", "decision"]),
        vec![
            t("decision", "1", "past"),
            t("decision", "2", "past"),
            t("decision", "3", "undated"),
            t("decision", "1", "past"),
        ]
    );
    // 市样例局: its two 2021 decisions and the two tasks it leads with a date.
    assert_eq!(rows(&["--unit", "市样例局"]).len(), 4);
    assert_eq!(
        rows(&["--year", "2023"]),
        vec![t("expires", "", "upcoming"), t("task", "3", "upcoming")]
    );
    assert_eq!(rows(&["--entry", "澄样发〔2022〕2号/d1"]).len(), 3);
    assert_eq!(
        rows(&["--kind", "effective,expires"]),
        vec![t("effective", "", "past"), t("expires", "", "upcoming")]
    );
    // CSV: a header and a record per item, read back by the csv crate.
    let csv = run(&["--format", "csv", "--as-of", "2022-06-15"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert_eq!(records.len(), 10);
    let task1 = records
        .iter()
        .find(|r| &r[2] == "澄样发〔2022〕2号/d1/t1/r1")
        .expect("task 1");
    assert_eq!(&task1[5], "建成样例数据库；完成首批入库");
    assert_eq!(
        (&task1[8], &task1[9], &task1[10]),
        ("2022-06", "month", "due")
    );
    // iCalendar: one VTODO per dated item (the undated decision has none).
    let ics = run(&["--format", "ics", "--as-of", "2022-06-15"]);
    for line in ics.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        assert!(!line.contains('\n'), "a bare LF in {line:?}");
    }
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
    let cal = parser.next().expect("a calendar").expect("parses");
    assert!(parser.next().is_none());
    let prop = |p: &[ical::property::Property], name: &str| -> String {
        p.iter()
            .find(|x| x.name == name)
            .and_then(|x| x.value.clone())
            .unwrap_or_default()
    };
    let todos: Vec<(String, String, String)> = cal
        .todos
        .iter()
        .map(|t| {
            (
                prop(&t.properties, "UID"),
                prop(&t.properties, "DUE"),
                prop(&t.properties, "SUMMARY"),
            )
        })
        .collect();
    assert_eq!(todos.len(), 9, "{todos:#?}");
    let mut uids: Vec<&String> = todos.iter().map(|t| &t.0).collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), 9, "UIDs are unique");
    let due_of = |uid: &str| {
        todos
            .iter()
            .find(|t| t.0 == uid)
            .map(|t| (t.1.clone(), t.2.clone()))
            .expect(uid)
    };
    // The last day a date stands for: the month's, the year's, the day.
    assert_eq!(
        due_of("澄府办发〔2021〕30号/d1/t1/r1#decision@gongbao").0,
        "20210630"
    );
    assert_eq!(
        due_of("澄样发〔2022〕2号/d1/t1/r3#task@gongbao").0,
        "20231231"
    );
    assert_eq!(
        due_of("澄样发〔2022〕2号/d1/t1/r2#task@gongbao").0,
        "20220930"
    );
    assert_eq!(due_of("澄府规〔2021〕5号/d1#expires@gongbao").0, "20231231");
    // Escaped as RFC 5545 says: the ； is not a separator but the ; is.
    let (_, summary) = due_of("澄样发〔2022〕2号/d1/t1/r1#task@gongbao");
    assert_eq!(summary, "任务 1 建成样例数据库；完成首批入库");
    // Without --as-of, a decision's status is its grid's (as of its own
    // catalogue's date), whatever the other items' (as of today).
    let v: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).expect("json");
    let status_of = |id: &str| {
        v.as_array()
            .expect("rows")
            .iter()
            .find(|r| r["id"] == id)
            .map(|r| r["status"].as_str().unwrap_or("").to_string())
            .expect(id)
    };
    assert_eq!(status_of("澄府办发〔2021〕30号/d1/t1/r1"), "upcoming"); // 2021-06 as of 2021-03
    assert_eq!(status_of("澄府办发〔2022〕8号/d1/t1/r1"), "upcoming"); // 2022-03 as of 2022-02
    let grid = run(&[]);
    assert!(
        grid.contains("as of 2021-03-10") && grid.contains("as of 2022-02-20"),
        "{grid}"
    );
    // Two single files' items never share a UID.
    let one = |f: &str| {
        let o = bin()
            .arg("--data")
            .arg(dir.join(f))
            .args(["timeline", "--format", "ics"])
            .output()
            .expect("runs");
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .filter(|l| l.starts_with("UID:"))
            .map(String::from)
            .collect::<Vec<_>>()
    };
    let (a, b) = (one("catalogue-2021.ron"), one("catalogue-2022.ron"));
    assert!(!a.is_empty() && !b.is_empty());
    assert!(a.iter().all(|u| !b.contains(u)), "{a:?} {b:?}");
    // Nothing dated passes the filters: no calendar (RFC 5545 wants a
    // component), exit 2, nothing on stdout.
    let o = bin()
        .arg("--data")
        .arg(&dir)
        .args(["timeline", "--format", "ics", "--year", "1999"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("nothing to put in a calendar"));
    // The same items again give the same UIDs (a calendar updates).
    let again = run(&["--format", "ics", "--as-of", "2022-06-15"]);
    let uid_lines = |s: &str| {
        s.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(uid_lines(&ics), uid_lines(&again));
}

/// `due` as of the catalogue's date on the sample: the morning report and
/// the one line for a prompt.
#[test]
fn due_reports_overdue_this_month_and_next() {
    let o = bin()
        .args(["due", "--as-of", "2021-08-04", "--oneline"])
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "10 overdue · 6 due 2021-08 · 5 due 2021-09\n"
    );
    let o = bin()
        .args(["due", "--as-of", "2021-08-04", "--format", "json"])
        .output()
        .expect("runs");
    let v: serde_json::Value =
        serde_json::from_str(&String::from_utf8_lossy(&o.stdout)).expect("json");
    assert_eq!(v["past"].as_array().map(Vec::len), Some(10));
    assert_eq!(v["due"].as_array().map(Vec::len), Some(6));
    assert_eq!(v["next_month"].as_array().map(Vec::len), Some(5));
    let ndrc = v["units"]
        .as_array()
        .expect("units")
        .iter()
        .find(|u| u["unit"] == "市发展改革委")
        .expect("unit");
    assert_eq!(
        (ndrc["past"].as_u64(), ndrc["due"].as_u64()),
        (Some(2), Some(1))
    );
    let bad = bin()
        .args(["due", "--as-of", "2021"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
}

/// A number typed whole beats a longer number it starts (issue 17: `专栏1`
/// ranked 专栏1 sixth, after 专栏10–14), however it is typed.
#[test]
fn an_exact_number_beats_a_longer_one() {
    for q in ["专栏1", "专栏 1", "专栏１", "zl1"] {
        let (code, lines) = find_lines(&[q, "--limit", "5"]);
        assert_eq!(code, Some(0), "{q}");
        assert!(
            lines[0].starts_with("d1/a1/c2/s4/k1\t"),
            "{q}: {}",
            lines[0]
        );
    }
    // The longer number is still found first when it is typed.
    let (_, lines) = find_lines(&["专栏11", "--limit", "1"]);
    assert!(lines[0].starts_with("d1/a1/c3/s2/i4/k1\t"), "{}", lines[0]);
}

/// Messages that say what to do (issue 17): a document given as `--data`
/// suggests `import` and `add`; an unknown unit points at `units`.
#[test]
fn messages_say_what_to_do() {
    let o = bin()
        .args(["--data", "tests/fixtures/import/personnel.txt", "tree"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("gongbao import tests/fixtures/import/personnel.txt -o FILE.ron"),
        "{err}"
    );
    assert!(err.contains("gongbao add"), "{err}");
    let o = bin().args(["units", "市教育局"]).output().expect("runs");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no unit is named \"市教育局\""), "{err}");
    // Random letters pick no unit; two bureaus matching equally are both
    // listed (issue 17: `units zzzz`, `units 市金融`).
    let o = bin().args(["units", "zzzz"]).output().expect("runs");
    assert_eq!(o.status.code(), Some(2));
    let o = bin().args(["units", "市金融"]).output().expect("runs");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("市金融工作局") && err.contains("市金融监管局"),
        "{err}"
    );
    // One that matches better than the rest is shown.
    let o = bin().args(["units", "市金融工作"]).output().expect("runs");
    assert!(o.status.success());
}

/// `show` takes what the palette takes (issue 17): a task by its number,
/// pinyin, and lists the candidates when several tie.
#[test]
fn show_takes_what_the_palette_takes() {
    let show = |q: &str| {
        let o = bin()
            .args(["show", q, "--width", "60"])
            .output()
            .expect("runs");
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let (code, out, _) = show("任务45");
    assert_eq!(code, Some(0));
    assert!(out.starts_with("任务 45\n"), "{out}");
    let (code, out, _) = show("xincailiao");
    assert_eq!(code, Some(0));
    assert!(out.contains("新材料"), "{out}");
    // Nothing found is still exit 2 with the hint.
    let (code, _, err) = show("龘龘");
    assert_eq!(code, Some(2));
    assert!(err.contains("nothing is named"), "{err}");
}

/// `show NODE --format csv|markdown|json` (issue 17): the 86 tasks straight
/// into a spreadsheet, a 专栏 as Markdown, a node as JSON; a node holding
/// no table, or several, is refused naming them.
#[test]
fn show_writes_csv_markdown_and_json() {
    let run = |args: &[&str]| bin().arg("show").args(args).output().expect("runs");
    let o = run(&["d2/a2/t1", "--format", "csv"]);
    assert!(o.status.success());
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(o.stdout.as_slice());
    let records: Vec<csv::StringRecord> = r.records().map(|x| x.expect("record")).collect();
    assert_eq!(
        &records[0],
        vec!["序号", "试点任务", "牵头单位", "配合单位"]
    );
    // Read from the table: 86 numbered tasks of 4 cells, the group
    // headings in the first cell of theirs.
    let tasks: Vec<&csv::StringRecord> = records
        .iter()
        .filter(|r| r.len() == 4 && r[0].parse::<u32>().is_ok())
        .collect();
    assert_eq!(tasks.len(), 86);
    assert_eq!(&tasks[85][0], "86");
    assert!(records.iter().all(|r| r.len() == 4));
    assert!(records
        .iter()
        .any(|r| &r[0] == "十四、加强金融风险防控" && r.iter().skip(1).all(str::is_empty)));
    // The document holding that one table gives the same.
    let d2 = run(&["d2", "--format", "csv"]);
    assert_eq!(d2.stdout, o.stdout);
    // Several tables: refused, each named.
    let o = run(&["issue", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("d2/a2/t1") && err.contains("d3/a1/t1"),
        "{err}"
    );
    let o = run(&["d1/a1/c1", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("holds no table"));
    // Markdown: the 专栏 as a quote with its table.
    let o = run(&["专栏1", "--format", "markdown"]);
    let md = String::from_utf8_lossy(&o.stdout);
    assert!(md.starts_with("> **专栏1 "), "{md}");
    assert!(md.contains("| 指标类别 | 指标名称 |"), "{md}");
    // JSON: the node and its subtree.
    let o = run(&["专栏1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["kind"], "column");
    assert_eq!(v["id"], "d1/a1/c2/s4/k1");
}

/// `--color always` colours what matched in `find` and `show` (as ripgrep
/// does); `never` and `auto` into a pipe write none (issue 17 bug 4).
#[test]
fn color_always_marks_matches_in_find_and_show() {
    let on = gongbao::text::paint::ON;
    let off = gongbao::text::paint::OFF;
    let run = |args: &[&str]| {
        let o = bin().args(args).output().expect("runs");
        assert!(o.status.success());
        String::from_utf8(o.stdout).expect("utf-8")
    };
    let found = run(&["--color", "always", "find", "xcl", "--limit", "1"]);
    assert!(found.contains(&format!("4. {on}新材料{off}")), "{found:?}");
    let shown = run(&["--color", "always", "show", "专栏1"]);
    assert!(shown.contains(&format!("{on}专栏1{off}")), "{shown:?}");
    for args in [
        &["--color", "never", "find", "xcl"][..],
        &["find", "xcl"][..],
        &["--color", "never", "show", "专栏1"][..],
        &["show", "专栏1"][..],
    ] {
        assert!(!run(args).contains('\x1b'), "{args:?}");
    }
}

/// `completions SHELL` and `man` are generated from the clap definitions
/// (issue 17): every subcommand is in both; bash reads the script.
#[test]
fn completions_and_man_come_from_the_definitions() {
    let run = |args: &[&str]| {
        let o = bin().args(args).output().expect("runs");
        assert!(o.status.success(), "{args:?}");
        String::from_utf8(o.stdout).expect("utf-8")
    };
    let bash = run(&["completions", "bash"]);
    let man = run(&["man"]);
    assert!(
        man.starts_with(".ie") && man.contains(".TH gongbao 1"),
        "{man}"
    );
    for sub in [
        "timeline",
        "due",
        "show",
        "refs",
        "citedby",
        "completions",
        "man",
    ] {
        assert!(bash.contains(sub), "bash: {sub}");
        assert!(man.contains(sub), "man: {sub}");
    }
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        assert!(run(&["completions", shell]).contains("timeline"), "{shell}");
    }
    let dir = tempfile::tempdir().expect("temp");
    let script = dir.path().join("gongbao.bash");
    std::fs::write(&script, &bash).expect("write");
    let o = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .expect("bash");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Out of range or unknown: exit 2.
    let o = bin().args(["completions", "tcsh"]).output().expect("runs");
    assert_eq!(o.status.code(), Some(2));
}

/// Tables give their width to the columns with most text and never split
/// a number (issue 17): the 86 tasks' 试点任务 is wider than 配合单位; 专栏1
/// at 80 columns keeps 指标名称 at least 16 wide and every number whole.
#[test]
fn tables_give_width_to_text_and_never_split_numbers() {
    let shown = |q: &str, width: u16| {
        run(Cmd::Show {
            query: q.into(),
            width,
            format: gongbao::cli::ShowFormat::Text,
        })
    };
    let column_widths = |out: &str| -> Vec<usize> {
        let top = out
            .lines()
            .find(|l| l.contains('┬'))
            .expect("a table's top border");
        let top = &top[top.find('┌').expect("corner")..];
        let top = &top[..top.find('┐').expect("corner")];
        top.trim_start_matches('┌')
            .split('┬')
            .map(|s| s.chars().count())
            .collect()
    };
    let tasks = shown("d2/a2/t1", 100);
    let w = column_widths(&tasks);
    assert_eq!(w.len(), 4, "{w:?}");
    assert!(w[1] > 2 * w[3], "试点任务 {} vs 配合单位 {}", w[1], w[3]);
    let plan = shown("专栏1", 80);
    let w = column_widths(&plan);
    assert!(w[1] >= 16 + 2, "指标名称 {w:?}");
    for n in ["22655", "30000", "37.1", "5.85", "[-16%]", "0.6", "1.45"] {
        assert!(plan.contains(n), "{n} split:\n{plan}");
    }
}
