//! The library through its API: identities and duplicates, replace and
//! force, hand-copied RON, removal, re-import. Each test has its own
//! library folder; nothing touches the user's.

// The tests make, read and damage their own temporary files.
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};

use gongbao::library::{self, AddOptions, Catalogue, Library, Status};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

/// Adds files and returns (status, detail) per file.
fn add(lib: &Library, files: &[PathBuf], opts: AddOptions) -> Vec<(Status, String)> {
    let _lock = lib.lock().expect("lock");
    let mut cat = lib.catalogue().expect("catalogue");
    let mut out = Vec::new();
    library::add(lib, &mut cat, files, opts, &mut |o| {
        out.push((o.status, o.detail.clone()))
    })
    .expect("add");
    out
}

fn catalogue(lib: &Library) -> Catalogue {
    lib.catalogue().expect("catalogue")
}

fn ids(lib: &Library) -> Vec<String> {
    let mut v: Vec<String> = catalogue(lib).entries.into_iter().map(|s| s.id).collect();
    v.sort();
    v
}

#[test]
fn added_once_then_already_present_then_differs_then_replaced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = Library::at(dir.path().join("lib"));
    assert!(lib.is_empty());
    let notice = fixture("notice-sc.txt");
    let issue = fixture("issue-sc.txt");
    let got = add(
        &lib,
        &[notice.clone(), issue.clone(), notice.clone()],
        AddOptions::default(),
    );
    assert_eq!(
        got,
        [
            (Status::Added, "国发〔2023〕9号".to_string()),
            (Status::Added, "中华人民共和国国务院公报-2019-5".to_string()),
            (Status::AlreadyPresent, "国发〔2023〕9号".to_string()),
        ]
    );
    assert!(!lib.is_empty());
    assert_eq!(
        ids(&lib),
        ["中华人民共和国国务院公报-2019-5", "国发〔2023〕9号"]
    );
    // The same file again, in a second run: nothing changes.
    let again = add(&lib, std::slice::from_ref(&notice), AddOptions::default());
    assert_eq!(again[0].0, Status::AlreadyPresent);

    // The same 文号 with other content: kept out, unless replaced.
    let edited = dir.path().join("edited.txt");
    let text = std::fs::read_to_string(&notice).expect("fixture");
    std::fs::write(
        &edited,
        text.replace("冷链物流一头连着", "冷链物流一端连着"),
    )
    .expect("write");
    let got = add(&lib, std::slice::from_ref(&edited), AddOptions::default());
    assert_eq!(got, [(Status::Differs, "国发〔2023〕9号".to_string())]);
    let stored = std::fs::read_to_string(lib.entry_path("国发〔2023〕9号")).expect("stored");
    assert!(stored.contains("一头连着") && !stored.contains("一端连着"));
    let got = add(
        &lib,
        &[edited],
        AddOptions {
            replace: true,
            ..AddOptions::default()
        },
    );
    assert_eq!(got, [(Status::Replaced, "国发〔2023〕9号".to_string())]);
    let stored = std::fs::read_to_string(lib.entry_path("国发〔2023〕9号")).expect("stored");
    assert!(stored.contains("一端连着"));
    assert_eq!(ids(&lib).len(), 2);
}

#[test]
fn a_document_inside_a_stored_issue_is_present_in_it_unless_forced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = Library::at(dir.path().join("lib"));
    add(&lib, &[fixture("issue-sc.txt")], AddOptions::default());
    // The issue's second document, saved on its own.
    let text = std::fs::read_to_string(fixture("issue-sc.txt")).expect("fixture");
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| *l == "国务院关于加强全民健身场地设施建设管理的通知")
        .expect("the document's title");
    let end = lines
        .iter()
        .position(|l| l.starts_with("国务院关于同意设立") && !l.contains('…'))
        .expect("the next document");
    let alone = dir.path().join("alone.txt");
    std::fs::write(&alone, lines[start..end].join("\n")).expect("write");
    let got = add(&lib, std::slice::from_ref(&alone), AddOptions::default());
    assert_eq!(
        got,
        [(
            Status::PresentIn,
            "中华人民共和国国务院公报-2019-5".to_string()
        )]
    );
    assert_eq!(ids(&lib).len(), 1);
    let got = add(
        &lib,
        &[alone],
        AddOptions {
            force: true,
            ..AddOptions::default()
        },
    );
    assert_eq!(got, [(Status::Added, "国发〔2019〕4号".to_string())]);
    assert_eq!(ids(&lib).len(), 2);
}

#[test]
fn a_dry_run_writes_nothing_but_says_the_same() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = Library::at(dir.path().join("lib"));
    let files = [fixture("notice-sc.txt"), fixture("notice-sc.txt")];
    let got = add(
        &lib,
        &files,
        AddOptions {
            dry_run: true,
            ..AddOptions::default()
        },
    );
    assert_eq!(
        got.iter().map(|g| g.0).collect::<Vec<_>>(),
        [Status::Added, Status::AlreadyPresent]
    );
    assert!(lib.is_empty());
    assert!(!lib.entry_path("国发〔2023〕9号").exists());
}

#[test]
fn a_failed_input_is_said_and_the_others_are_added() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = Library::at(dir.path().join("lib"));
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let got = add(
        &lib,
        &[empty, fixture("personnel.txt")],
        AddOptions::default(),
    );
    assert_eq!(got[0].0, Status::Failed, "{got:?}");
    assert_eq!(got[1].0, Status::Added, "{got:?}");
    assert_eq!(ids(&lib).len(), 1);
}

#[test]
fn hand_copied_ron_is_an_entry_and_loads_with_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("lib");
    let lib = Library::at(&root);
    add(&lib, &[fixture("regulation.txt")], AddOptions::default());
    // An issue's RON copied in under a name of the analyst's choosing.
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/assets/cq-gazette-2021-15.ron"),
        root.join("my copy.ron"),
    )
    .expect("copy");
    let cat = catalogue(&lib);
    assert_eq!(cat.entries.len(), 2, "{:?}", cat.problems);
    let seed = cat
        .get("重庆市人民政府公报-2021-15")
        .expect("the copied issue");
    assert!(seed.meta.is_none());
    assert_eq!(seed.documents.len(), 4);
    let (tree, problems) = gongbao::model::load::load_library(&root)
        .expect("loads")
        .expect("not empty");
    assert!(problems.is_empty(), "{problems:?}");
    assert!(tree.is_archive());
    assert!(tree
        .find_id("重庆市人民政府公报-2021-15/d1/a1/c3/s1/i4")
        .is_some());
    // Adding the same issue's RON through `add` finds it present.
    let got = add(
        &lib,
        &[PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/cq-gazette-2021-15.ron"
        ))],
        AddOptions::default(),
    );
    assert_eq!(
        got,
        [(
            Status::AlreadyPresent,
            "重庆市人民政府公报-2021-15".to_string()
        )]
    );
}

#[test]
fn a_bad_file_in_the_library_is_reported_and_the_rest_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("lib");
    let lib = Library::at(&root);
    add(&lib, &[fixture("personnel.txt")], AddOptions::default());
    std::fs::write(root.join("broken.ron"), "Document(format: 2, id: ").expect("write");
    let (tree, problems) = gongbao::model::load::load_library(&root)
        .expect("loads")
        .expect("not empty");
    assert_eq!(tree.entries.len(), 1);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].to_string().contains("broken.ron"),
        "{}",
        problems[0]
    );
}

#[test]
fn remove_takes_the_entry_its_meta_and_its_source() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("lib");
    let lib = Library::at(&root);
    add(
        &lib,
        &[fixture("notice-sc.txt"), fixture("tasks.txt")],
        AddOptions::default(),
    );
    let sources = || {
        std::fs::read_dir(root.join(".gongbao/sources"))
            .expect("sources")
            .count()
    };
    assert_eq!(sources(), 2);
    {
        let _lock = lib.lock().expect("lock");
        let mut cat = catalogue(&lib);
        lib.remove(&mut cat, "国发〔2023〕9号").expect("remove");
    }
    assert_eq!(ids(&lib).len(), 1);
    assert_eq!(sources(), 1);
    assert!(!root.join(".gongbao/meta/国发〔2023〕9号.ron").exists());
}

#[test]
fn reimport_reads_the_kept_source_even_when_the_original_is_gone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = Library::at(dir.path().join("lib"));
    let copy = dir.path().join("plan.txt");
    std::fs::copy(fixture("plan-decimal.txt"), &copy).expect("copy");
    let added = add(&lib, std::slice::from_ref(&copy), AddOptions::default());
    std::fs::remove_file(&copy).expect("remove the original");
    let _lock = lib.lock().expect("lock");
    let mut cat = catalogue(&lib);
    let mut got = Vec::new();
    library::reimport(&lib, &mut cat, &[], false, &mut |o| {
        got.push((o.status, o.detail.clone()))
    })
    .expect("reimport");
    assert_eq!(got, [(Status::Unchanged, added[0].1.clone())]);
    // The importer's report is kept with the entry.
    let meta = cat.entries[0].meta.as_ref().expect("meta");
    assert!(meta
        .source
        .as_deref()
        .is_some_and(|s| s.ends_with("plan.txt")));
}

/// The catalogue index is used only while each file is as indexed, and a
/// damaged index is rebuilt, never trusted.
#[test]
fn the_catalogue_index_is_checked_and_rebuilt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("lib");
    let lib = Library::at(&root);
    add(
        &lib,
        &[fixture("notice-sc.txt"), fixture("personnel.txt")],
        AddOptions::default(),
    );
    let index = root.join(".gongbao/catalogue");
    let rows = library::index::read(&index).expect("an index after add");
    assert_eq!(rows.len(), 2);
    // A row that says something else than the file is not believed: an
    // index whose rows were altered and re-summed stands only while the
    // files keep their stamps; flipping a byte fails the checksum.
    let mut bytes = std::fs::read(&index).expect("read");
    let last = bytes.len() - 1;
    bytes[last] ^= 0x20;
    std::fs::write(&index, &bytes).expect("write");
    assert!(
        library::index::read(&index).is_none(),
        "a damaged index is refused"
    );
    assert_eq!(ids(&lib).len(), 2);
    // The catalogue rewrote it (the lock was free).
    assert_eq!(library::index::read(&index).map(|r| r.len()), Some(2));
    // A file copied in after indexing, and one edited by hand, are read again.
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/assets/cq-gazette-2021-15.ron"),
        root.join("copied.ron"),
    )
    .expect("copy");
    // The edit keeps the size, and the modification time is set back (as
    // `cp -p` or `rsync -t` would): the change time still tells.
    let personnel = lib.entry_path("某府人〔2023〕14号");
    let before = std::fs::metadata(&personnel)
        .expect("meta")
        .modified()
        .expect("mtime");
    let text = std::fs::read_to_string(&personnel).expect("read");
    assert!(text.contains("职务任免"));
    std::fs::write(&personnel, text.replacen("职务任免", "职务调整", 1)).expect("write");
    std::fs::File::options()
        .write(true)
        .open(&personnel)
        .and_then(|f| f.set_modified(before))
        .expect("set mtime");
    let cat = catalogue(&lib);
    assert_eq!(cat.entries.len(), 3);
    let edited = cat.get("某府人〔2023〕14号").expect("edited entry");
    assert!(edited.title.contains("职务调整"), "{}", edited.title);
}

/// The same bytes under another name are the entry they were added as,
/// known by the source's hash without importing them again.
#[test]
fn the_same_bytes_again_are_already_present_whatever_their_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = Library::at(dir.path().join("lib"));
    add(&lib, &[fixture("notice-sc.txt")], AddOptions::default());
    let renamed = dir.path().join("冷链通知（另存）.txt");
    std::fs::copy(fixture("notice-sc.txt"), &renamed).expect("copy");
    let got = add(&lib, &[renamed], AddOptions::default());
    assert_eq!(
        got,
        [(Status::AlreadyPresent, "国发〔2023〕9号".to_string())]
    );
    assert_eq!(ids(&lib).len(), 1);
}

/// The citation fixture library (`tests/fixtures/citations`): documents of
/// our own citing each other in every form — two versions of one law on
/// either side of the citing date, a title that is a prefix of another, a
/// generic 《通知》, one 条例 name in two jurisdictions and names only another
/// jurisdiction has, a cycle, a plan issued by a notice, articles, 款 and 项
/// of the citing regulation. `expected.tsv` was written by reading the
/// documents; the links found must be exactly those (precision and recall
/// printed: 1.0 both), and `citedby` is the same set read the other way.
#[test]
fn citations_of_the_fixture_library_are_exactly_the_expected_links() {
    use gongbao::domain::citations::{Citations, Target};
    use std::collections::BTreeSet;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/citations");
    let tree = gongbao::model::load_path(&dir).expect("loads");
    let expected: BTreeSet<(String, String, String)> =
        std::fs::read_to_string(dir.join("expected.tsv"))
            .expect("expected.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                (f[0].to_string(), f[1].to_string(), f[2].to_string())
            })
            .collect();
    let cites = Citations::build(&tree);
    let id = |ix: usize| tree.nodes[ix].id.clone();
    let target = |t: &Target| match t {
        Target::Node(n) => id(*n),
        Target::Unresolved { .. } => "unresolved".into(),
        Target::Generic => "generic".into(),
        Target::Elsewhere { places, .. } => format!("elsewhere ({})", places.join("、")),
    };
    let found: BTreeSet<(String, String, String)> = cites
        .links
        .iter()
        .map(|l| (id(l.node), l.text.clone(), target(&l.target)))
        .collect();
    assert_eq!(found.len(), cites.links.len(), "a link found twice");
    let right = found.intersection(&expected).count();
    let precision = right as f64 / found.len() as f64;
    let recall = right as f64 / expected.len() as f64;
    println!(
        "citations: {} expected, {} found, {right} right: precision {precision:.3}, recall {recall:.3}",
        expected.len(),
        found.len()
    );
    let missed: Vec<_> = expected.difference(&found).collect();
    let wrong: Vec<_> = found.difference(&expected).collect();
    assert!(
        missed.is_empty() && wrong.is_empty(),
        "missed {missed:#?}\nwrong {wrong:#?}"
    );
    // Read the other way: who cites each node.
    for ix in 0..tree.nodes.len() {
        let by: BTreeSet<(String, String)> = cites
            .of(&tree, ix)
            .map(|l| (id(l.node), l.text.clone()))
            .collect();
        let end = tree.subtree_end(ix);
        let want: BTreeSet<(String, String)> = expected
            .iter()
            .filter(|(_, _, t)| tree.find_id(t).is_some_and(|t| (ix..=end).contains(&t)))
            .map(|(n, text, _)| (n.clone(), text.clone()))
            .collect();
        assert_eq!(by, want, "cited by {}", id(ix));
    }
    // The versions not taken are named beside the one taken.
    let law = |n: &str| tree.find_id(n).expect("law");
    let old = law("主席令第二十一号/d1");
    let new = law("主席令第四十五号/d1");
    for l in &cites.links {
        match l.target {
            Target::Node(t) if t == old => assert_eq!(l.also, vec![new], "{}", l.text),
            Target::Node(t) if t == new => assert_eq!(l.also, vec![old], "{}", l.text),
            _ => {}
        }
    }
}

/// The citations are found when an entry is added and stored with its
/// index (`HASH.cites`); resolved from what is stored they are the same
/// links as found afresh in the whole tree — also after a stored file is
/// damaged or deleted (made again from the entry).
#[test]
fn citations_stored_with_the_index_are_the_links_found_afresh() {
    use gongbao::domain::citations::Citations;
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("lib");
    let lib = Library::at(root.clone());
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/citations");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&src)
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    let got = add(&lib, &files, AddOptions::default());
    assert!(got.iter().all(|(s, _)| *s == Status::Added), "{got:?}");
    let (tree, _) = gongbao::model::load::load_library(&root)
        .expect("loads")
        .expect("not empty");
    let fresh = Citations::build(&tree).links;
    assert!(fresh.len() >= 34, "{}", fresh.len());
    let stored = || {
        let cat = catalogue(&lib);
        gongbao::commands::cited(&tree, Some(&lib), Some(&cat)).links
    };
    let cites: Vec<PathBuf> = std::fs::read_dir(root.join(".gongbao/index"))
        .expect("index")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "cites"))
        .collect();
    assert_eq!(cites.len(), files.len(), "one per entry");
    assert_eq!(stored(), fresh);
    // A flipped byte fails the checksum; a deleted file is made again.
    let mut bytes = std::fs::read(&cites[0]).expect("read");
    let last = bytes.len() - 1;
    bytes[last] ^= 0x20;
    std::fs::write(&cites[0], bytes).expect("write");
    std::fs::remove_file(&cites[1]).expect("remove");
    assert_eq!(stored(), fresh);
    assert!(cites[1].is_file(), "made again");
}
