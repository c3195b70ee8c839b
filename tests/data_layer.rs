//! The data layer against the real issue: the importer reproduces the shipped
//! asset, the tree keeps the facts of the issue, and nothing is lost.

use gongbao::import;
use gongbao::model::schema::Node;
use gongbao::model::{self, Kind, Tree};

const SEED: &str = include_str!("data/cq-gazette-2021-15.txt");
const ASSET: &str = include_str!("../assets/cq-gazette-2021-15.ron");

fn tree() -> Tree {
    model::load_embedded().expect("embedded asset loads")
}

#[test]
fn asset_is_exactly_the_importers_output() {
    let imp = import::import_text(SEED, Some("cq-gazette-2021-15.txt")).expect("seed imports");
    assert!(
        import::entry_to_ron(&imp.entry) == ASSET,
        "assets/cq-gazette-2021-15.ron is stale: run `cargo run -- import tests/data/cq-gazette-2021-15.txt -o assets/cq-gazette-2021-15.ron`"
    );
}

#[test]
fn import_is_deterministic_and_copes_with_crlf_and_bom() {
    let a = import::entry_to_ron(&import::import_text(SEED, None).unwrap().entry);
    let crlf = format!("\u{feff}{}", SEED.replace('\n', "\r\n"));
    let b = import::entry_to_ron(&import::import_text(&crlf, None).unwrap().entry);
    assert_eq!(a, b);
}

#[test]
fn ron_starts_with_the_issue_numbers() {
    let body: Vec<&str> = ASSET
        .lines()
        .filter(|l| !l.trim_start().starts_with("#!") && !l.trim().is_empty())
        .take(6)
        .map(str::trim)
        .collect();
    assert_eq!(body[0], "Issue(");
    assert_eq!(body[1], "format: 2,");
    assert_eq!(body[2], "year: 2021,");
    assert_eq!(body[3], "number: 15,");
    assert_eq!(body[4], "total_number: Some(897),");
    assert_eq!(body[5], "published: \"2021-08-15\",");
}

#[test]
fn issue_metadata() {
    let t = tree();
    assert_eq!(
        t.root_title(),
        "重庆市人民政府公报 2021年第15期（总第897期）"
    );
    assert_eq!(
        t.issue().expect("issue").publisher,
        "重庆市人民政府办公厅主办"
    );
    assert_eq!(t.issue().expect("issue").contents.len(), 4);
    assert_eq!(t.issue().expect("issue").contents_en.len(), 4);
    assert_eq!(t.issue().expect("issue").masthead_en.len(), 3);
    assert!(t
        .issue()
        .expect("issue")
        .back_matter
        .iter()
        .any(|l| l.contains("CN50-1147/D")));
    assert_eq!(t.issue().expect("issue").back_matter.len(), 10);
}

#[test]
fn four_documents_with_their_facts() {
    let t = tree();
    let docs: Vec<_> = t
        .of_kind(Kind::Document)
        .map(|ix| match &t.nodes[ix].data {
            Some(Node::Document(d)) => d.clone(),
            _ => unreachable!(),
        })
        .collect();
    let facts: Vec<(&str, String, &str, Option<u32>)> = docs
        .iter()
        .map(|d| {
            (
                d.doc_number.as_deref().unwrap_or(""),
                d.date.map(|d| d.to_string()).unwrap_or_default(),
                d.category.as_deref().unwrap_or(""),
                d.page,
            )
        })
        .collect();
    assert_eq!(
        facts,
        vec![
            (
                "渝府发〔2021〕18号",
                "2021-07-19".into(),
                "市政府文件",
                Some(1)
            ),
            (
                "渝府发〔2021〕19号",
                "2021-08-04".into(),
                "市政府文件",
                Some(31)
            ),
            (
                "渝府办发〔2021〕79号",
                "2021-08-04".into(),
                "市政府办公厅文件",
                Some(40)
            ),
            (
                "渝公规〔2021〕4号",
                "2021-08-05".into(),
                "市政府部门文件",
                Some(42)
            ),
        ]
    );
    assert_eq!(docs[3].issuer.as_deref(), Some("重庆市公安局"));
    assert_eq!(docs[2].issuer.as_deref(), Some("重庆市人民政府办公厅"));
    for d in &docs {
        let en = d.title_en.as_deref().unwrap_or("");
        assert!(en.starts_with("Notice of"), "{en}");
        assert!(!en.contains("' s"), "{en}");
    }
    assert_eq!(
        docs[0].title,
        "重庆市人民政府关于印发重庆市制造业高质量发展“十四五”规划(2021—2025年)的通知"
    );
}

fn count_under(t: &Tree, root: usize, kind: Kind) -> usize {
    let end = t.subtree_end(root);
    (root..=end).filter(|&i| t.nodes[i].kind == kind).count()
}

#[test]
fn the_manufacturing_plan() {
    let t = tree();
    let plan = t.find_id("d1/a1").unwrap();
    let chapters: Vec<String> = t.nodes[plan]
        .children
        .iter()
        .filter(|&&c| t.nodes[c].kind == Kind::Chapter)
        .map(|&c| format!("{}{}", t.number(c), t.title(c)))
        .collect();
    assert_eq!(
        chapters,
        [
            "一现状及形势",
            "二总体要求",
            "三产业发展方向",
            "四主要任务",
            "五保障措施"
        ]
    );
    let ch3 = t.find_id("d1/a1/c3").unwrap();
    assert_eq!(count_under(&t, ch3, Kind::Section), 3);
    assert_eq!(count_under(&t, ch3, Kind::Industry), 15);
    let per_section: Vec<usize> = t.nodes[ch3]
        .children
        .iter()
        .map(|&s| count_under(&t, s, Kind::Industry))
        .collect();
    assert_eq!(per_section, [6, 5, 4]);
    let columns: Vec<String> = t.of_kind(Kind::Column).map(|c| t.number(c)).collect();
    let expected: Vec<String> = (1..=17).map(|n| n.to_string()).collect();
    assert_eq!(columns, expected);
    // 专栏1 sits in 二（四）; 专栏13–17 in chapter 四's sections.
    let col = |n: &str| t.of_kind(Kind::Column).find(|&c| t.number(c) == n).unwrap();
    let parent_label = |c: usize| t.label(t.nodes[c].parent.unwrap());
    assert_eq!(parent_label(col("1")), "（四）主要目标");
    assert_eq!(parent_label(col("5")), "4. 新材料");
    for n in 13..=17 {
        let c = col(&n.to_string());
        let section = t.nodes[c].parent.unwrap();
        assert_eq!(t.nodes[section].kind, Kind::Section);
        assert_eq!(t.title(t.nodes[section].parent.unwrap()), "主要任务");
    }
    // Headings inside 专栏13 and 专栏15, not chapters.
    assert_eq!(count_under(&t, col("13"), Kind::Heading), 5);
    assert_eq!(count_under(&t, col("15"), Kind::Heading), 2);
    // 专栏13 has no end marker: the body paragraph after it is not an entry.
    assert_eq!(count_under(&t, col("13"), Kind::Entry), 12);
    // 专栏3: an entry continues after a full stop, another starts mid-line.
    let entries3: Vec<&str> = t.nodes[col("3")]
        .children
        .iter()
        .map(|&e| t.title(e))
        .collect();
    assert_eq!(entries3, ["整车", "新能源核心配套", "智能网联核心配套"]);
    assert!(t
        .text(t.nodes[col("3")].children[1])
        .ends_with("等支撑技术及产品。"));
    // A page-break continuation that looks like a segment lead (布局。) is joined.
    let future = t
        .of_kind(Kind::Industry)
        .find(|&i| t.title(i) == "未来材料")
        .unwrap();
    assert!(t.text(future).contains("布局。面向空天"));
    assert_eq!(t.nodes[future].children.len(), 0);
}

#[test]
fn indicator_table_of_column_1() {
    let t = tree();
    let table = t.of_kind(Kind::Table).next().unwrap();
    let Some(Node::Table(tb)) = &t.nodes[table].data else {
        panic!()
    };
    assert_eq!(tb.rows.len(), 20);
    assert_eq!(tb.header.len(), 2);
    assert_eq!(tb.header[0][0], "指标类别");
    assert_eq!(tb.header[1][4], "绝对值");
    assert!(tb.rows.iter().all(|r| r.len() == 6));
    assert_eq!(
        tb.rows[0],
        [
            "总量结构",
            "规模以上工业产值（亿元）",
            "预期性",
            "22655",
            "30000",
            "6%"
        ]
    );
    assert_eq!(tb.rows[1][0], "", "a merged category cell stays empty");
    assert_eq!(tb.rows[4][4], "30左右");
    assert_eq!(tb.rows[7][4], ">6");
    assert_eq!(tb.notes.len(), 4);
    assert!(tb.notes[0].starts_with("注：1."));
    assert!(tb.notes[3].starts_with("4. 约束性指标"));
}

#[test]
fn task_allocation_table() {
    let t = tree();
    let tasks: Vec<_> = t
        .of_kind(Kind::Task)
        .map(|ix| match &t.nodes[ix].data {
            Some(Node::Task(x)) => x.clone(),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(tasks.len(), 86);
    assert!(tasks
        .iter()
        .enumerate()
        .all(|(i, x)| x.number == Some((i + 1).to_string())));
    assert!(tasks
        .iter()
        .all(|x| !x.lead.is_empty() && !x.text.is_empty()));
    assert_eq!(
        tasks[11].support,
        Vec::<String>::new(),
        "task 12 has no supporting unit"
    );
    assert_eq!(tasks[71].lead, ["市公安局", "重庆外汇管理部"]);
    assert_eq!(
        tasks[68].support,
        ["市委网信办", "市发展改革委", "市商务委及各行业主管部门"]
    );
    // 4 parts holding 14 groups, all inside the table.
    let table = t.find_id("d2/a2/t1").unwrap();
    assert_eq!(t.nodes[table].children.len(), 4);
    assert_eq!(count_under(&t, table, Kind::Heading), 18);
    assert_eq!(count_under(&t, table, Kind::Task), 86);
}

#[test]
fn decision_catalogue() {
    let t = tree();
    let ds: Vec<_> = t
        .of_kind(Kind::Decision)
        .map(|ix| match &t.nodes[ix].data {
            Some(Node::Decision(d)) => d.clone(),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(ds.len(), 27);
    assert_eq!(ds[0].number, "1.1");
    assert_eq!(ds[18].number, "1.19");
    assert_eq!(ds[19].number, "2");
    assert_eq!(ds[26].number, "9");
    assert_eq!(ds[0].unit, "市发展改革委");
    assert_eq!(ds[0].due.map(|d| d.to_string()).as_deref(), Some("2021-03"));
    assert_eq!(ds[22].title, "红岩文化公园建设项目");
    assert_eq!(
        ds[22].due.map(|d| d.to_string()).as_deref(),
        Some("2021-09")
    );
    assert!(ds.iter().all(|d| !d.unit.is_empty() && d.due.is_some()));
}

#[test]
fn notice_bodies() {
    let t = tree();
    // 渝府办发〔2021〕79号: 一、二、三、 are numbered paragraphs, not chapters.
    let d3 = t.find_id("d3").unwrap();
    assert_eq!(count_under(&t, d3, Kind::Chapter), 0);
    let numbered: Vec<String> = t.nodes[d3]
        .children
        .iter()
        .map(|&c| t.number(c))
        .filter(|n| !n.is_empty())
        .collect();
    assert_eq!(numbered, ["一", "二", "三"]);
    // 渝公规〔2021〕4号 holds its chapters directly; its closing line is the document's.
    let d4 = t.find_id("d4").unwrap();
    let kinds: Vec<Kind> = t.nodes[d4]
        .children
        .iter()
        .map(|&c| t.nodes[c].kind)
        .collect();
    assert_eq!(kinds.iter().filter(|&&k| k == Kind::Chapter).count(), 3);
    assert_eq!(count_under(&t, d4, Kind::Attachment), 0);
    let last_body = t.nodes[d4].children[t.nodes[d4].children.len() - 3];
    assert_eq!(t.text(last_body), "本通知自下发之日起执行。");
}

/// Letters, digits and ideographs only: punctuation and spacing differ
/// between a source line and the tree's number + title + text.
fn norm(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

#[test]
fn at_least_99_percent_of_lines_and_cells_are_in_the_tree() {
    let t = tree();
    let mut hay = String::new();
    let mut add = |s: &str| {
        hay.push_str(&norm(s));
        hay.push('\n');
    };
    let i = t.issue().expect("issue");
    for s in i
        .masthead
        .iter()
        .chain(&i.masthead_en)
        .chain(&i.back_matter)
    {
        add(s);
    }
    for e in i.contents.iter().chain(&i.contents_en) {
        add(&format!(
            "{}{}{}",
            e.category,
            e.title,
            e.page.map(|p| p.to_string()).unwrap_or_default()
        ));
    }
    for ix in 1..t.len() {
        add(&format!("{}{}", t.label(ix), t.text(ix)));
        match &t.nodes[ix].data {
            Some(Node::Table(tb)) => {
                for r in tb.header.iter().chain(&tb.rows) {
                    for c in r {
                        add(c);
                    }
                }
                for n in &tb.notes {
                    add(n);
                }
            }
            Some(Node::Task(x)) => {
                add(&x.lead.join("、"));
                add(&x.support.join("、"));
            }
            Some(Node::Decision(d)) => {
                add(&d.unit);
                add(&d.due.map(|d| d.to_string()).unwrap_or_default());
            }
            Some(Node::Document(d)) => {
                add(d.doc_number.as_deref().unwrap_or_default());
            }
            _ => {}
        }
    }
    let months = |s: &str| {
        // 决策时间 cells are kept as months (2021年3月 → 2021-03).
        let month = |s: &str| -> Option<String> {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            let (y, m) = s.split_once('年')?;
            let (y, m): (u32, u32) = (y.parse().ok()?, m.strip_suffix('月')?.parse().ok()?);
            (y >= 1000 && (1..=12).contains(&m)).then(|| format!("{y:04}-{m:02}"))
        };
        month(s).unwrap_or_else(|| s.to_string())
    };
    let mut total = 0;
    let mut missing = Vec::new();
    for line in SEED.lines().filter(|l| !l.trim().is_empty()) {
        let pieces: Vec<String> = if line.contains('\t') {
            line.split('\t').map(months).collect()
        } else {
            vec![line.to_string()]
        };
        for p in pieces {
            let n = norm(&p);
            if n.is_empty() {
                continue;
            }
            total += 1;
            if !hay.contains(&n) {
                missing.push(p);
            }
        }
    }
    let found = total - missing.len();
    let pct = found as f64 * 100.0 / total as f64;
    eprintln!("coverage: {found}/{total} lines and cells = {pct:.2}%; not found: {missing:?}");
    assert!(pct >= 99.0, "coverage {pct:.2}% < 99%: {missing:?}");
}

/// The seed as a PDF extraction would give it with its page furniture:
/// a page number and a form feed, then the running header, at page breaks
/// after lines that do not end a sentence (where the extraction broke the
/// text), including inside the task table and 专栏1's table.
fn seed_with_furniture() -> (String, usize) {
    let lines: Vec<&str> = SEED.lines().collect();
    let mut out = String::new();
    let mut page = 1;
    let mut breaks = 0;
    for (k, l) in lines.iter().enumerate() {
        out.push_str(l);
        out.push('\n');
        let Some(next) = lines.get(k + 1) else {
            continue;
        };
        if l.trim().is_empty() || next.trim().is_empty() {
            continue;
        }
        let open = !l.trim_end().ends_with(['。', '；', '：', '！', '？']);
        let table = l.contains('\t') && next.contains('\t');
        if (open && k % 3 == 0) || (table && k % 5 == 0) {
            page += 1;
            breaks += 1;
            out.push_str(&format!("— {page} —\n\u{c}重庆市人民政府公报\n"));
        }
    }
    (out, breaks)
}

#[test]
fn the_seed_with_page_furniture_imports_to_the_same_tree() {
    let plain = import::import_text(SEED, None).expect("seed").entry;
    let (text, breaks) = seed_with_furniture();
    assert!(breaks >= 40, "{breaks} page breaks");
    let lines: Vec<&str> = SEED.lines().collect();
    let in_tables = text
        .split('\u{c}')
        .filter(|page| page.lines().nth(1).is_some_and(|l| l.contains('\t')))
        .count();
    assert!(in_tables >= 5, "{in_tables} breaks inside tables");
    let furnished = import::import_text(&text, None).expect("furnished seed");
    assert!(furnished.entry == plain, "the tree changed");
    let removed = furnished
        .report
        .iter()
        .filter(|r| r.contains("removed page furniture"))
        .count();
    assert_eq!(
        removed,
        2 * breaks,
        "every number and header, and nothing else"
    );
    assert!(lines.len() > 900);
}
