//! The library as a user meets it, through the binary: `add`, `list`,
//! `remove`, where the library is, what `gongbao` opens by default, a
//! crash in the middle of an `add`, and two `add`s at once. Every run has
//! its own HOME and XDG folders; most name their library explicitly.

// The tests make, read and damage their own temporary files.
#![allow(clippy::disallowed_methods)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{env, Session};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

/// Adds one of the importer's fixtures to the library `lib`; it must succeed.
fn add_fixture(lib: &Path, name: &str) {
    let file = fixture(name);
    let o = run(Some(lib), &[], &["add", file.to_str().expect("utf-8")]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Runs the binary with `GONGBAO_LIBRARY=lib` (when given) and extra vars.
fn run(lib: Option<&Path>, vars: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = env::bin();
    if let Some(l) = lib {
        cmd.env("GONGBAO_LIBRARY", l);
    }
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.args(args).output().expect("runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The (status, entry) columns of `add`'s lines.
fn outcomes(o: &Output) -> Vec<(String, String)> {
    stdout(o)
        .lines()
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 3, "{l}");
            (c[1].to_string(), c[2].to_string())
        })
        .collect()
}

fn listed_ids(lib: &Path) -> Vec<String> {
    let o = run(Some(lib), &[], &["list", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let mut ids: Vec<String> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|e| e["id"].as_str().expect("id").to_string())
        .collect();
    ids.sort();
    ids
}

/// A folder of mixed inputs: text, Markdown, HTML, a .docx and a file of
/// another type.
fn mixed_folder(dir: &Path) -> PathBuf {
    let src = dir.join("inbox");
    std::fs::create_dir_all(src.join("web")).expect("mkdir");
    for (from, to) in [
        ("notice-sc.txt", "notice-sc.txt"),
        ("regulation.txt", "regulation.txt"),
        ("formats/measures.md", "measures.md"),
        ("formats/page-a.html", "web/page-a.html"),
        ("formats/measures-numbered.docx", "measures-numbered.docx"),
        ("formats/make-docx.py", "web/script.py"),
    ] {
        std::fs::copy(fixture(from), src.join(to)).expect("copy");
    }
    src
}

#[test]
fn a_folder_added_twice_adds_nothing_the_second_time_and_gongbao_opens_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = dir.path().join("lib");
    let inbox = mixed_folder(dir.path());
    let inbox_arg = inbox.to_str().expect("utf-8");
    let first = run(Some(&lib), &[], &["add", inbox_arg]);
    assert!(first.status.success(), "{}", stderr(&first));
    let got = outcomes(&first);
    assert_eq!(got.len(), 5, "{got:?}");
    assert!(got.iter().all(|(s, _)| s == "added"), "{got:?}");
    // The .py is not tried, and that is said.
    assert!(
        stderr(&first).contains("skipped 1 file"),
        "{}",
        stderr(&first)
    );
    let second = run(Some(&lib), &[], &["add", inbox_arg]);
    assert!(second.status.success());
    assert!(
        outcomes(&second)
            .iter()
            .all(|(s, _)| s == "already present"),
        "{}",
        stdout(&second)
    );
    assert_eq!(listed_ids(&lib).len(), 5);
    // `gongbao` reads the library, not the sample: ids are ENTRY/….
    let o = run(
        Some(&lib),
        &[],
        &["find", "冷链物流", "--text", "--limit", "1"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("国发〔2023〕9号/"), "{}", stdout(&o));
    let o = run(Some(&lib), &[], &["find", "新材料"]);
    assert_eq!(o.status.code(), Some(1), "the sample is not searched");
}

#[test]
fn an_empty_library_opens_the_sample() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = dir.path().join("nothing-here");
    let o = run(Some(&lib), &[], &["find", "新材料", "--limit", "1"]);
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("d1/"), "{}", stdout(&o));
    // Printing the outline (stdout is not a terminal) says why it is the sample.
    let o = run(Some(&lib), &[], &[]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("your library is empty"),
        "{}",
        stderr(&o)
    );
    let o = run(Some(&lib), &[], &["list"]);
    assert!(o.status.success());
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("is empty"), "{}", stderr(&o));
}

#[test]
fn where_the_library_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let notice = fixture("notice-sc.txt");
    let notice = notice.to_str().expect("utf-8");
    let home = dir.path().join("home");
    let data = dir.path().join("data");
    let home_s = home.to_str().expect("utf-8");
    let data_s = data.to_str().expect("utf-8");
    // XDG_DATA_HOME when absolute …
    let o = run(
        None,
        &[("HOME", home_s), ("XDG_DATA_HOME", data_s)],
        &["add", notice],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(data.join("gongbao/library/国发〔2023〕9号.ron").exists());
    // … ignored when relative (the XDG spec): then ~/.local/share.
    let o = run(
        None,
        &[("HOME", home_s), ("XDG_DATA_HOME", "relative/data")],
        &["add", notice],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(home
        .join(".local/share/gongbao/library/国发〔2023〕9号.ron")
        .exists());
    // GONGBAO_LIBRARY before both.
    let mine = dir.path().join("mine");
    let o = run(
        Some(&mine),
        &[("HOME", home_s), ("XDG_DATA_HOME", data_s)],
        &["add", notice],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(mine.join("国发〔2023〕9号.ron").exists());
    // --data opens a folder read-only.
    let o = run(None, &[], &["--data", data_s, "add", notice]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("read-only"), "{}", stderr(&o));
    let o = run(
        None,
        &[],
        &["--data", mine.to_str().expect("utf-8"), "list"],
    );
    assert!(
        stdout(&o).starts_with("国发〔2023〕9号\tdocument\t2023\t"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn list_and_remove_by_id_or_number() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = dir.path().join("lib");
    let files = [
        fixture("notice-sc.txt"),
        fixture("issue-sc.txt"),
        fixture("personnel.txt"),
    ];
    let mut args = vec!["add".to_string()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert!(run(Some(&lib), &[], &args).status.success());
    let o = run(Some(&lib), &[], &["list"]);
    let lines: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    let issue_line = format!(
        "中华人民共和国国务院公报-2019-5\tissue\t2019\t5\t2019-02-20\t中华人民共和国国务院公报 2019年第5号\t{}",
        fixture("issue-sc.txt").display()
    );
    assert!(lines.contains(&issue_line), "{lines:?}");
    // A 文号 typed with other brackets names the entry; a document inside
    // an issue is not an entry to remove.
    let o = run(
        Some(&lib),
        &[],
        &[
            "remove",
            "国发[2023]9号",
            "国发〔2019〕4号",
            "no-such-entry",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "国发〔2023〕9号\tremoved");
    assert!(
        lines[1].starts_with("国发〔2019〕4号\tfailed\t")
            && lines[1].contains("is inside 中华人民共和国国务院公报-2019-5"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("no-such-entry\tfailed\t"),
        "{}",
        lines[2]
    );
    assert_eq!(
        listed_ids(&lib),
        ["中华人民共和国国务院公报-2019-5", "某府人〔2023〕14号"]
    );
}

#[test]
fn list_warnings_show_what_the_importer_was_unsure_of() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = dir.path().join("lib");
    let pdf_text = fixture("formats/plan-pdftotext.txt");
    assert!(
        run(Some(&lib), &[], &["add", pdf_text.to_str().expect("utf-8")])
            .status
            .success()
    );
    let o = run(Some(&lib), &[], &["list", "--warnings"]);
    let out = stdout(&o);
    // The page furniture the importer removed is reported under the entry.
    assert!(
        out.lines().nth(1).is_some_and(|l| l.starts_with("  ")),
        "{out}"
    );
    let o = run(Some(&lib), &[], &["list", "--warnings", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(!v[0]["warnings"].as_array().expect("warnings").is_empty());
}

/// A child `add` killed at each fault point leaves a library that loads,
/// each entry whole or absent, and the next `add` completes it.
#[test]
fn a_crash_at_any_point_of_an_add_leaves_each_entry_whole_or_absent() {
    for point in ["source-kept", "meta-written", "entry-written"] {
        let dir = tempfile::tempdir().expect("tempdir");
        let lib = dir.path().join("lib");
        let notice = fixture("notice-sc.txt");
        add_fixture(&lib, "regulation.txt");
        let o = run(
            Some(&lib),
            &[("GONGBAO_FAULT", point)],
            &["add", notice.to_str().expect("utf-8")],
        );
        assert!(
            !o.status.success(),
            "{point}: the fault point was not reached"
        );
        let ids = listed_ids(&lib);
        let expected_after = if point == "entry-written" { 2 } else { 1 };
        assert_eq!(ids.len(), expected_after, "{point}: {ids:?}");
        // What is there loads, whole.
        let o = run(Some(&lib), &[], &["tree", "--depth", "1"]);
        assert!(o.status.success(), "{point}: {}", stderr(&o));
        assert!(stderr(&o).is_empty(), "{point}: {}", stderr(&o));
        // Nothing half-written is in the library's folder.
        let names: Vec<String> = std::fs::read_dir(&lib)
            .expect("dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| n == ".gongbao" || n.ends_with(".ron")),
            "{point}: {names:?}"
        );
        let again = run(Some(&lib), &[], &["add", notice.to_str().expect("utf-8")]);
        let word = if point == "entry-written" {
            "already present"
        } else {
            "added"
        };
        assert_eq!(outcomes(&again)[0].0, word, "{point}");
        assert_eq!(listed_ids(&lib).len(), 2, "{point}");
    }
}

/// Two `add`s at once: both land, and the file both carry is added by
/// exactly one of them (the other finds it present: the lock orders them).
#[test]
fn two_adds_at_once_both_land() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = dir.path().join("lib");
    let a = [
        "issue-sc.txt",
        "notice-sc.txt",
        "regulation.txt",
        "personnel.txt",
    ];
    let b = ["issue-sc.txt", "plan-decimal.txt", "tasks.txt"];
    let spawn = |names: &[&str]| {
        let mut cmd = env::bin();
        cmd.env("GONGBAO_LIBRARY", &lib).arg("add");
        for n in names {
            cmd.arg(fixture(n));
        }
        cmd.stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    let (ca, cb) = (spawn(&a), spawn(&b));
    let (oa, ob) = (
        ca.wait_with_output().expect("a"),
        cb.wait_with_output().expect("b"),
    );
    assert!(oa.status.success(), "{}", stderr(&oa));
    assert!(ob.status.success(), "{}", stderr(&ob));
    let firsts = [outcomes(&oa)[0].0.clone(), outcomes(&ob)[0].0.clone()];
    let mut sorted = firsts.clone();
    sorted.sort();
    assert_eq!(sorted, ["added", "already present"], "{firsts:?}");
    assert_eq!(listed_ids(&lib).len(), 6);
}

/// A document of a city with a task table naming its units.
fn city_doc(dir: &Path, name: &str, issuer: &str, number: &str, units: &[&str]) -> PathBuf {
    let tasks: Vec<String> = units
        .iter()
        .enumerate()
        .map(|(k, u)| {
            format!(
                "Task((id: \"d1/t1/r{n}\", number: \"{n}\", text: \"任务{n}。\", lead: [\"{u}\"]))",
                n = k + 1
            )
        })
        .collect();
    let text = format!(
        "Document(format: 2, id: \"d1\", title: \"{issuer}关于印发工作方案的通知\", doc_number: Some(\"{number}\"), issuer: Some(\"{issuer}\"), date: Some(\"2024-03-01\"), children: [Table((id: \"d1/t1\", header: [[\"序号\", \"任务\", \"牵头单位\"]], children: [{}]))])",
        tasks.join(", ")
    );
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// 市教育局 of one city is not 市教育局 of another: units are counted per
/// jurisdiction (read from the issuer), a name used in both lists the
/// candidates, and the user's units.ron merges spellings in each.
#[test]
fn units_are_per_jurisdiction_and_the_users_aliases_merge_spellings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = dir.path().join("lib");
    let a = city_doc(
        dir.path(),
        "a.ron",
        "甲市人民政府办公室",
        "甲府办发〔2024〕1号",
        &["市教育局", "市教委"],
    );
    let b = city_doc(
        dir.path(),
        "b.ron",
        "乙市人民政府",
        "乙府发〔2024〕2号",
        &["市教育局"],
    );
    let o = run(
        Some(&lib),
        &[],
        &[
            "add",
            a.to_str().expect("utf-8"),
            b.to_str().expect("utf-8"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(Some(&lib), &[], &["units", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let shown: Vec<(String, String, u64)> = v
        .as_array()
        .expect("units")
        .iter()
        .map(|u| {
            (
                u["unit"].as_str().expect("unit").to_string(),
                u["jurisdiction"]
                    .as_str()
                    .expect("jurisdiction")
                    .to_string(),
                u["lead"].as_u64().expect("lead"),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("市教委（甲市）".to_string(), "甲市".to_string(), 1),
            ("市教育局（乙市）".to_string(), "乙市".to_string(), 1),
            ("市教育局（甲市）".to_string(), "甲市".to_string(), 1),
        ]
    );
    let o = run(Some(&lib), &[], &["units", "市教育局"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("names 2 units") && stderr(&o).contains("市教育局（乙市）"),
        "{}",
        stderr(&o)
    );
    let o = run(Some(&lib), &[], &["units", "市教育局（乙市）"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The user says 市教委 is 市教育局: merged within 甲市 only.
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("gongbao")).expect("mkdir");
    std::fs::write(
        config.join("gongbao/units.ron"),
        "(aliases: {\"市教育局\": [\"市教委\"]})",
    )
    .expect("write");
    let cfg = config.to_str().expect("utf-8");
    let o = run(
        Some(&lib),
        &[("XDG_CONFIG_HOME", cfg)],
        &["units", "--json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let leads: Vec<(String, u64)> = v
        .as_array()
        .expect("units")
        .iter()
        .map(|u| {
            (
                u["unit"].as_str().expect("unit").to_string(),
                u["lead"].as_u64().expect("lead"),
            )
        })
        .collect();
    assert_eq!(
        leads,
        [
            ("市教育局（乙市）".to_string(), 1),
            ("市教育局（甲市）".to_string(), 2)
        ]
    );
    // A broken units.ron is an error naming its file, line and column.
    std::fs::write(config.join("gongbao/units.ron"), "(aliases: {\"x\": [}").expect("write");
    let o = run(Some(&lib), &[("XDG_CONFIG_HOME", cfg)], &["units"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("units.ron:1:"), "{}", stderr(&o));
}

/// `remove` takes ids, 文号 and exact names only: a part of a title, a year
/// or the library itself is refused, and nothing goes.
#[test]
fn remove_never_guesses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = dir.path().join("lib");
    let files = [fixture("formats/measures.md"), fixture("notice-sc.txt")];
    let o = run(
        Some(&lib),
        &[],
        &[
            "add",
            files[0].to_str().expect("utf-8"),
            files[1].to_str().expect("utf-8"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(Some(&lib), &[], &["remove", "管理办法", "2024", "archive"]);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(out.lines().all(|l| l.contains("\tfailed\t")), "{out}");
    assert!(out.contains("2024年, which holds several entries"), "{out}");
    assert_eq!(listed_ids(&lib).len(), 2);
    // The exact title is a name.
    let o = run(Some(&lib), &[], &["remove", "望川市城市地下管线管理办法"]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert_eq!(listed_ids(&lib), ["国发〔2023〕9号"]);
}

/// `--data DIR` and `add --dry-run` write nothing, not even the index.
#[test]
fn read_only_and_dry_runs_write_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = dir.path().join("lib");
    let notice = fixture("notice-sc.txt");
    let o = run(
        Some(&lib),
        &[],
        &["add", "--dry-run", notice.to_str().expect("utf-8")],
    );
    assert!(o.status.success());
    assert_eq!(outcomes(&o)[0].0, "added");
    assert!(!lib.exists(), "a dry run made the library's folder");
    // A folder of RON copied by hand, opened read-only.
    let copied = dir.path().join("copied");
    std::fs::create_dir_all(&copied).expect("mkdir");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/assets/cq-gazette-2021-15.ron"),
        copied.join("issue.ron"),
    )
    .expect("copy");
    let o = run(
        None,
        &[],
        &["--data", copied.to_str().expect("utf-8"), "list"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("重庆市人民政府公报-2021-15\tissue"));
    let names: Vec<_> = std::fs::read_dir(&copied).expect("dir").collect();
    assert_eq!(names.len(), 1, "--data wrote into the folder");
}

/// What a crash left is taken away by the next `add`, and said.
#[test]
fn the_next_add_sweeps_what_a_crash_left() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = dir.path().join("lib");
    let notice = fixture("notice-sc.txt");
    let o = run(
        Some(&lib),
        &[("GONGBAO_FAULT", "meta-written")],
        &["add", notice.to_str().expect("utf-8")],
    );
    assert!(!o.status.success());
    let count = |d: &str| std::fs::read_dir(lib.join(d)).map_or(0, |r| r.count());
    assert_eq!((count(".gongbao/meta"), count(".gongbao/sources")), (1, 1));
    let regulation = fixture("regulation.txt");
    let o = run(
        Some(&lib),
        &[],
        &["add", regulation.to_str().expect("utf-8")],
    );
    assert!(o.status.success());
    assert!(stderr(&o).contains("took away 2 file(s)"), "{}", stderr(&o));
    assert_eq!((count(".gongbao/meta"), count(".gongbao/sources")), (1, 1));
}

/// A user's alias table that names a new canonical spelling for two that
/// the built-in table merges gives one unit, the same in every run.
#[test]
fn the_users_aliases_resolve_the_same_every_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("gongbao")).expect("mkdir");
    std::fs::write(
        config.join("gongbao/units.ron"),
        "(aliases: {\"市住房和城乡建设委员会\": [\"市住房城乡建委\", \"市住房城乡建设委\"]})",
    )
    .expect("write");
    let empty = dir.path().join("empty-lib");
    for _ in 0..4 {
        let o = run(
            Some(&empty),
            &[("XDG_CONFIG_HOME", config.to_str().expect("utf-8"))],
            &["units", "--json"],
        );
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        let housing: Vec<(String, u64)> = v
            .as_array()
            .expect("units")
            .iter()
            .filter(|u| u["unit"].as_str().is_some_and(|n| n.contains("住房")))
            .map(|u| {
                (
                    u["unit"].as_str().expect("unit").to_string(),
                    u["lead"].as_u64().expect("lead") + u["support"].as_u64().expect("support"),
                )
            })
            .collect();
        assert_eq!(housing, [("市住房和城乡建设委员会".to_string(), 3)]);
    }
}

/// `find` over the library goes through its search index, not its entries;
/// its answers are the tree's (`--data` reads the same folder as a tree),
/// hit for hit, in both formats — also after index files are damaged or
/// missing (they are made again) and for a RON file copied in by hand.
#[test]
fn find_through_the_library_index_answers_as_the_tree_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = dir.path().join("lib");
    let inbox = mixed_folder(dir.path());
    for f in [
        "issue-sc.txt",
        "tasks.txt",
        "plan-decimal.txt",
        "personnel.txt",
    ] {
        std::fs::copy(fixture(f), inbox.join(f)).expect("copy");
    }
    let o = run(Some(&lib), &[], &["add", inbox.to_str().expect("utf-8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/assets/cq-gazette-2021-15.ron"),
        lib.join("by-hand.ron"),
    )
    .expect("copy");
    let index = lib.join(".gongbao/index");
    let files = |ext: &str| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(&index)
            .expect("index folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .collect();
        v.sort();
        v
    };
    // `add` wrote each added entry's three files; the copied one has none yet.
    let added = listed_ids(&lib).len() - 1;
    assert_eq!(files("nodes").len(), added);
    let lib_arg = lib.to_str().expect("utf-8");
    let queries: &[&[&str]] = &[
        &["find", "xcl"],
        &["find", "新材料", "--limit", "50"],
        &["find", "专栏1"],
        &["find", "市教育局"],
        &["find", "gwy", "--format", "json"],
        &["find", "zzzzqx"],
        &["find", "新材料", "--text", "--limit", "500"],
        &["find", "hangye", "--text", "--limit", "3"],
        &["find", "冷链物流", "--text", "--format", "json"],
        &["find", "第十条", "--text"],
        &["find", "IGBT", "--text"],
    ];
    let compare = |round: &str, least: usize| {
        let mut answered = 0;
        for q in queries {
            let through_index = run(Some(&lib), &[], q);
            let mut args = vec!["--data", lib_arg];
            args.extend_from_slice(q);
            let through_tree = run(None, &[], &args);
            assert_eq!(
                (through_index.status.code(), stdout(&through_index)),
                (through_tree.status.code(), stdout(&through_tree)),
                "{round}: {q:?}"
            );
            answered += usize::from(through_index.status.success());
        }
        // Most queries find something (the comparison is not of nothing).
        assert!(
            answered >= least,
            "{round}: {answered} queries found something"
        );
    };
    compare("as added", 8);
    assert_eq!(files("nodes").len(), added + 1, "the copied entry's index");
    assert_eq!(files("text").len(), added + 1);
    // Damage: a flipped byte in a titles and a text file, a nodes file gone.
    for f in [&files("titles")[0], &files("text")[1]] {
        let mut bytes = std::fs::read(f).expect("read");
        let last = bytes.len() - 1;
        bytes[last] ^= 0x40;
        std::fs::write(f, bytes).expect("write");
    }
    std::fs::remove_file(&files("nodes")[2]).expect("remove");
    compare("damaged", 8);
    assert_eq!(files("nodes").len(), added + 1, "made again");
    // Removing an entry takes its index files away.
    let o = run(Some(&lib), &[], &["remove", "重庆市人民政府公报-2021-15"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(files("nodes").len(), added);
    // (Without the sample, `xcl`, `gwy` and the like have only scattered
    // initials left, which are no match.)
    compare("after a removal", 4);
}

/// `gongbao` opens the library at once from its skeleton (entries without
/// their bodies, said on the status line), then the whole library takes
/// its place: a regulation's articles are there to jump to.
#[test]
fn the_explorer_shows_the_library_first_and_its_bodies_next() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = dir.path().join("lib");
    let (issue, regulation) = (fixture("issue-sc.txt"), fixture("regulation.txt"));
    let o = run(
        Some(&lib),
        &[],
        &[
            "add",
            issue.to_str().expect("utf-8"),
            regulation.to_str().expect("utf-8"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(lib.join(".gongbao/skeleton").is_file());
    let mut cmd = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_gongbao"));
    cmd.env("GONGBAO_LIBRARY", &lib);
    let mut s = Session::spawn(100, 30, cmd);
    s.wait("the library", |t| {
        t.contains("目录树") && t.contains("文库")
    });
    s.wait("the whole library", |t| {
        !t.contains("loading the library") && t.contains("1/")
    });
    s.keys("/");
    s.wait("the palette", |t| t.contains(" jump · "));
    s.keys("绿化宣传月");
    s.wait("the article", |t| t.contains("第五条"));
    s.keys("\r");
    s.wait("the article in the reader", |t| {
        t.contains("全省绿化宣传月") && !t.contains(" jump · ")
    });
    s.keys("q");
    assert!(s.wait_exit().success());
}

/// The files of `lib` other than its entries' RON: how many metas, kept
/// sources and index files, and any temporary file left anywhere.
fn machinery(lib: &Path) -> (usize, usize, usize, Vec<String>) {
    let names = |d: &Path| -> Vec<String> {
        std::fs::read_dir(d)
            .map(|r| {
                r.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let g = lib.join(".gongbao");
    let temps: Vec<String> = [
        lib.to_path_buf(),
        g.join("meta"),
        g.join("sources"),
        g.join("index"),
    ]
    .iter()
    .flat_map(|d| names(d))
    .filter(|n| n.starts_with(".tmp"))
    .collect();
    (
        names(&g.join("meta")).len(),
        names(&g.join("sources")).len(),
        names(&g.join("index")).len(),
        temps,
    )
}

/// Every entry file of the library passes `check` (each is whole).
fn entries_check(lib: &Path) {
    if !lib.is_dir() {
        return;
    }
    let files: Vec<PathBuf> = std::fs::read_dir(lib)
        .expect("library")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    if files.is_empty() {
        return;
    }
    let o = env::bin().arg("check").args(&files).output().expect("runs");
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
}

/// `kill -9` of an `add` at 24 moments spread over its run, each on a
/// fresh library: after each the library loads and every entry in it is
/// whole; the next whole `add` completes it, each entry once, and leaves
/// no orphan (a meta, a kept source and four index files per entry, no
/// temporary file). Some kills land mid-way (the test says how many).
#[test]
fn add_killed_at_any_moment_leaves_a_library_that_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inbox = mixed_folder(dir.path());
    for f in ["issue-sc.txt", "tasks.txt", "personnel.txt"] {
        std::fs::copy(fixture(f), inbox.join(f)).expect("copy");
    }
    let inbox_arg = inbox.to_str().expect("utf-8");
    // How long a whole add takes here, to spread the kills over it.
    let scratch = dir.path().join("scratch");
    let t0 = std::time::Instant::now();
    assert!(run(Some(&scratch), &[], &["add", inbox_arg])
        .status
        .success());
    let whole = t0.elapsed();
    let expected = listed_ids(&scratch);
    let n = expected.len();
    let mut midway = 0;
    for k in 0..24u32 {
        let lib = dir.path().join(format!("lib{k}"));
        let mut child = env::bin()
            .env("GONGBAO_LIBRARY", &lib)
            .args(["add", inbox_arg])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(whole * k / 20);
        let _ = child.kill();
        let _ = child.wait();
        let o = run(Some(&lib), &[], &["list"]);
        assert!(o.status.success(), "after kill {k}: {}", stderr(&o));
        let there = stdout(&o).lines().count();
        midway += usize::from(there > 0 && there < n);
        entries_check(&lib);
        let o = run(Some(&lib), &[], &["add", inbox_arg]);
        assert!(o.status.success(), "after kill {k}: {}", stderr(&o));
        assert_eq!(listed_ids(&lib), expected, "after kill {k}");
        entries_check(&lib);
        let (metas, sources, index, temps) = machinery(&lib);
        assert_eq!((metas, sources, index), (n, n, 4 * n), "after kill {k}");
        assert!(temps.is_empty(), "after kill {k}: {temps:?}");
    }
    eprintln!("{midway} of 24 kills left a library part-way through the add");
    assert!(midway > 0, "no kill landed while entries were being stored");
}

/// Four `add`s at once of overlapping folders: every entry is there once.
#[test]
fn four_adds_at_once_of_overlapping_folders_land_every_entry_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = dir.path().join("lib");
    let sets: [&[&str]; 4] = [
        &["issue-sc.txt", "notice-sc.txt", "regulation.txt"],
        &["notice-sc.txt", "regulation.txt", "personnel.txt"],
        &["regulation.txt", "personnel.txt", "tasks.txt"],
        &["issue-sc.txt", "tasks.txt", "plan-decimal.txt"],
    ];
    let children: Vec<_> = sets
        .iter()
        .map(|names| {
            let mut cmd = env::bin();
            cmd.env("GONGBAO_LIBRARY", &lib).arg("add");
            for n in *names {
                cmd.arg(fixture(n));
            }
            cmd.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let mut added = 0;
    for c in children {
        let o = c.wait_with_output().expect("add");
        assert!(o.status.success(), "{}", stderr(&o));
        added += outcomes(&o).iter().filter(|(s, _)| s == "added").count();
    }
    let ids = listed_ids(&lib);
    assert_eq!(ids.len(), 6, "{ids:?}");
    assert_eq!(added, 6, "each entry added by exactly one of them");
    entries_check(&lib);
}

/// A disk that fills during `add` (a file-size limit, with SIGXFSZ
/// ignored so writes fail with EFBIG): the add says so and exits 2, and
/// the library still loads, each entry whole or absent.
#[test]
fn a_full_disk_during_add_is_said_and_loses_nothing() {
    if !env::has_prlimit() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = dir.path().join("lib");
    add_fixture(&lib, "regulation.txt");
    let before = listed_ids(&lib);
    let inbox = mixed_folder(dir.path());
    let mut cmd = std::process::Command::new("sh");
    env::isolate(&mut cmd);
    let o = cmd
        .env("GONGBAO_LIBRARY", &lib)
        .args([
            "-c",
            "trap '' XFSZ; exec prlimit --fsize=16384 \"$0\" add \"$1\"",
            env!("CARGO_BIN_EXE_gongbao"),
            inbox.to_str().expect("utf-8"),
        ])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2), "{}{}", stdout(&o), stderr(&o));
    let said = format!("{}{}", stdout(&o), stderr(&o));
    assert!(said.contains("File too large"), "{said}");
    let o = run(Some(&lib), &[], &["list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let after = listed_ids(&lib);
    assert!(before.iter().all(|id| after.contains(id)), "{after:?}");
    entries_check(&lib);
}
