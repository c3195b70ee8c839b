//! One standalone official document, from plain text → a `Document`.
//!
//! The text is read in three passes, each reporting what it was unsure of:
//! 1. page furniture (form feeds, running headers, page numbers) is removed
//!    and lines broken by the page or the print width are joined;
//! 2. the head (版头, 份号/密级/紧急程度/签发人, title over several lines,
//!    文号, passage line, 目录, 主送) and the tail (附件说明, signature, date,
//!    （此件公开发布）, 抄送/印发, attachments) are found;
//! 3. the body is nested by its numbering ([`super::numbering`]): a style
//!    already open is a sibling, a new style nests, and 编 › 章 › 节 › 条 nest
//!    in that order whatever came before.

use crate::model::date::Date;
use crate::model::schema::{Container, Document, Heading, Named, Node, Paragraph, Role};
use crate::text::width;

use super::lines::{ends_sentence, is_doc_number, squash, Line};
use super::numbering::{self, Style};
use super::ImportError;

/// The genres a title can end with, longest first.
const GENRES: &[&str] = &[
    "实施细则",
    "工作要点",
    "实施意见",
    "指导意见",
    "应急预案",
    "通知",
    "通报",
    "意见",
    "办法",
    "条例",
    "规定",
    "细则",
    "方案",
    "规划",
    "计划",
    "纲要",
    "决定",
    "决议",
    "批复",
    "公告",
    "通告",
    "报告",
    "要点",
    "预案",
    "规则",
    "规范",
    "指南",
    "命令",
    "纪要",
    "议案",
    "函",
    "令",
];

/// Traditional forms of the genres (documents from Taiwan-style sites and
/// old scans), read as their simplified names.
const TRADITIONAL: &[(&str, &str)] = &[
    ("通報", "通报"),
    ("意見", "意见"),
    ("辦法", "办法"),
    ("條例", "条例"),
    ("規定", "规定"),
    ("細則", "细则"),
    ("規劃", "规划"),
    ("計劃", "计划"),
    ("綱要", "纲要"),
    ("決定", "决定"),
    ("決議", "决议"),
    ("批覆", "批复"),
    ("報告", "报告"),
    ("規則", "规则"),
    ("議案", "议案"),
];

/// The genre from a title's end, ignoring a trailing （试行）/（2019年修正）.
pub fn genre(title: &str) -> Option<String> {
    let mut t = title.trim();
    if let Some((_, simplified)) = TRADITIONAL.iter().find(|(tr, _)| t.ends_with(tr)) {
        return Some((*simplified).to_string());
    }
    while let Some(open) = t.rfind(['（', '(']) {
        if t.ends_with(['）', ')']) && open > 0 {
            t = t[..open].trim_end();
        } else {
            break;
        }
    }
    let found = GENRES.iter().find(|g| t.ends_with(**g))?;
    Some(
        match *found {
            "实施细则" => "细则",
            "工作要点" => "要点",
            "实施意见" | "指导意见" => "意见",
            "应急预案" => "预案",
            g => g,
        }
        .to_string(),
    )
}

/// The lines of a text split at line breaks and form feeds, and which of
/// them are page furniture.
struct Pages {
    /// (source line number, text); a form feed starts a new entry.
    raw: Vec<(usize, String)>,
    /// Indices into `raw` where a page starts (after a form feed).
    page_starts: Vec<usize>,
    /// Furniture: page numbers at a page's foot or head, running headers.
    drop: Vec<bool>,
    /// Form feeds or page numbers: the text was a printed page.
    printed: bool,
    /// Each page's printed number, from its page-number line.
    numbers: Vec<Option<u32>>,
}

/// `masthead`: the text starts with a gazette's masthead, whose first line
/// (the gazette's name) is also the running header of later pages: kept.
fn pages(text: &str, masthead: bool) -> Pages {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut raw: Vec<(usize, String)> = Vec::new();
    let mut page_starts = vec![0usize];
    for (i, l) in text.split('\n').enumerate() {
        let l = l.strip_suffix('\r').unwrap_or(l);
        let mut parts = l.split('\u{c}');
        if let Some(first) = parts.next() {
            raw.push((i + 1, first.to_string()));
        }
        for p in parts {
            page_starts.push(raw.len());
            raw.push((i + 1, p.to_string()));
        }
    }
    let printed = page_starts.len() > 1;
    // The first and last non-blank lines of each page.
    let mut tops = Vec::new();
    let mut bottoms = Vec::new();
    // The page each top and bottom is on.
    let mut on_page = Vec::new();
    for (k, &start) in page_starts.iter().enumerate() {
        let end = page_starts.get(k + 1).copied().unwrap_or(raw.len());
        let nonblank: Vec<usize> = (start..end)
            .filter(|&j| !raw[j].1.trim().is_empty())
            .collect();
        if let (Some(&a), Some(&b)) = (nonblank.first(), nonblank.last()) {
            tops.push(a);
            bottoms.push(b);
            on_page.push(k);
        }
    }
    let mut numbers = vec![None; page_starts.len()];
    let digits = |s: &str| -> Option<u32> {
        s.chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .ok()
    };
    let is_page_number = |s: &str| {
        let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let inner = t.trim_matches(['—', '-', '－', '–']);
        !inner.is_empty()
            && inner.len() <= 4
            && inner.bytes().all(|b| b.is_ascii_digit())
            && (inner.len() < t.len() || printed)
    };
    let mut drop = vec![false; raw.len()];
    let mut any_number = false;
    for (n, &b) in bottoms.iter().enumerate() {
        if is_page_number(&raw[b].1) {
            drop[b] = true;
            any_number = true;
            numbers[on_page[n]] = digits(&raw[b].1);
        }
    }
    for (n, &t) in tops.iter().enumerate() {
        if is_page_number(&raw[t].1) && printed {
            drop[t] = true;
            any_number = true;
            numbers[on_page[n]] = numbers[on_page[n]].or_else(|| digits(&raw[t].1));
        }
    }
    // A running header: a page's first line that starts two or more pages,
    // or once, after a form feed, a gazette's name (…公报, …政报).
    for &t in tops.iter().skip(1) {
        let key = squash(&raw[t].1);
        if printed
            && key.chars().count() <= 24
            && ["公报", "政报", "政府公告"]
                .iter()
                .any(|e| key.ends_with(e))
        {
            drop[t] = true;
        }
    }
    if tops.len() > 2 {
        let mut counts = std::collections::HashMap::<String, usize>::new();
        for &t in &tops {
            *counts.entry(squash(&raw[t].1)).or_default() += 1;
        }
        for &t in tops.iter().skip(usize::from(masthead)) {
            let key = squash(&raw[t].1);
            if counts.get(&key).copied().unwrap_or(0) >= 2 && width(&key) <= 40 {
                drop[t] = true;
            }
        }
    }
    Pages {
        raw,
        page_starts,
        drop,
        printed: printed || any_number,
        numbers,
    }
}

/// The text with its page furniture blanked (form feeds removed, line
/// numbers kept), for the sample issue's own reader; each removal reported.
pub fn strip_furniture(text: &str, report: &mut Vec<String>) -> String {
    let p = pages(text, true);
    let mut out = String::with_capacity(text.len());
    for (j, (no, t)) in p.raw.iter().enumerate() {
        // A form feed at a line's start leaves an empty part before it: the
        // line goes on as the page's first line (numbers stay the source's).
        let same_line_next = p.raw.get(j + 1).is_some_and(|(n, _)| n == no);
        if t.is_empty() && same_line_next {
            continue;
        }
        if j > 0 {
            out.push('\n');
        }
        if p.drop[j] {
            report.push(format!("line {no}: removed page furniture {:?}", t.trim()));
            continue;
        }
        out.push_str(t);
    }
    out
}

/// Splits text into lines, removing page furniture; says whether the text
/// came from a printed page (form feeds or page numbers), where lines are
/// also broken by the page and the print width.
pub fn lines_of(text: &str, masthead: bool, report: &mut Vec<String>) -> (Vec<Line>, bool) {
    let Pages {
        raw,
        page_starts,
        drop,
        printed,
        numbers,
    } = pages(text, masthead);
    let mut out = Vec::new();
    let mut page_end_before = false;
    let mut page = 0;
    let mut starts = page_starts.iter().skip(1).peekable();
    for (j, (no, t)) in raw.iter().enumerate() {
        while starts.peek().is_some_and(|&&s| s <= j) {
            starts.next();
            page_end_before = true;
            page += 1;
        }
        if drop[j] {
            report.push(format!("line {no}: removed page furniture {:?}", t.trim()));
            continue;
        }
        let text = t.trim_end_matches([' ', '\u{3000}']);
        if text.trim().is_empty() {
            continue;
        }
        let text = if text.contains('\t') {
            text.to_string()
        } else {
            text.trim_start_matches([' ', '\u{3000}']).to_string()
        };
        out.push((
            Line {
                no: *no,
                text,
                page: numbers.get(page).copied().flatten(),
                ..Line::default()
            },
            page_end_before,
        ));
        page_end_before = false;
    }
    if !printed {
        return (out.into_iter().map(|(l, _)| l).collect(), false);
    }
    // Join lines broken by a page or by the print width.
    let full = print_width(&out.iter().map(|(l, _)| l.text.as_str()).collect::<Vec<_>>());
    let mut joined: Vec<Line> = Vec::new();
    let mut last_full = false;
    // What the rules ask of the line being built, kept as it grows (asking
    // the whole joined text each time was quadratic on a long paragraph):
    // its first piece (how it starts) and its last piece (how it ends).
    let mut first_piece = String::new();
    let mut last_piece = String::new();
    let mut pieces = 0usize;
    for (line, after_break) in out {
        let join = !joined.is_empty() && {
            let (first, last) = (first_piece.as_str(), last_piece.as_str());
            // Never onto a list item, never a list item onto a line.
            let bullet = |t: &str| t.starts_with(BULLETS);
            let plain = !first.contains('\t')
                && !line.text.contains('\t')
                && !bullet(first)
                && !bullet(&line.text)
                && !line.text.starts_with("专栏")
                && Date::parse_cn(&line.text).is_none()
                && !is_doc_number(&line.text);
            // Never onto a label line (`附件：…`, `牵头单位：…`); never a short
            // line without punctuation (a heading, a signature) onto a line.
            let label_line = first.find(['：', ':']).is_some_and(|p| {
                let lead = &first[..p];
                width(lead) <= 16 && !lead.contains(['，', '。', '、'])
            });
            let bare = width(&line.text) <= 30
                && !line
                    .text
                    .contains(['，', '。', '；', '：', '、', '！', '？']);
            // Chinese text does not go on in English, nor English in Chinese.
            let same_script = super::lines::has_cjk(last) == super::lines::has_cjk(&line.text);
            let passage = is_passage(first) || is_passage(&line.text);
            let open =
                !ends_sentence(last) && plain && !label_line && !bare && same_script && !passage;
            // A full line ending inside a phrase (`…第十一条第` / `（二）项…`)
            // goes on even onto what looks like a label.
            let mid_phrase = last.chars().last().is_some_and(|c| {
                ('\u{4e00}'..='\u{9fff}').contains(&c) || c.is_ascii_alphanumeric()
            });
            let label = numbering::read(&line.text, false).is_some();
            // A line already joined is a sentence's part, not a heading.
            let heading = pieces == 1 && is_heading_like(first);
            open && (!label || (last_full && mid_phrase)) && (after_break && !heading || last_full)
        };
        last_full = full.is_some_and(|f| width(&line.text) + 4 >= f);
        last_piece.clone_from(&line.text);
        match joined.last_mut() {
            Some(prev) if join => {
                report.push(format!(
                    "line {}: joined onto line {} (a line broken by the {})",
                    line.no, prev.no, "page or the print width"
                ));
                prev.text.push_str(&line.text);
                pieces += 1;
            }
            _ => {
                first_piece.clone_from(&line.text);
                pieces = 1;
                joined.push(line);
            }
        }
    }
    (joined, true)
}

/// Bullets that start a list item.
const BULLETS: [char; 7] = ['■', '●', '◆', '▲', '-', '•', '·'];

/// The width most long lines share: the print width of a page, when lines
/// were broken by it (`None` when they were not).
fn print_width(lines: &[&str]) -> Option<usize> {
    let mut widths: Vec<usize> = lines
        .iter()
        .map(|l| width(l))
        .filter(|&w| w >= 40)
        .collect();
    if widths.len() < 8 {
        return None;
    }
    widths.sort_unstable();
    let top = widths[widths.len() * 9 / 10];
    let near = widths.iter().filter(|&&w| w + 2 >= top).count();
    (near * 3 >= widths.len()).then_some(top)
}

/// A line that is a heading or a list entry: short, without punctuation
/// (a numbered line with a sentence in it may go on after a page break).
fn is_heading_like(s: &str) -> bool {
    let t = s.trim_end();
    // A title: no punctuation at all, ending in a bracket or a genre.
    let title =
        !t.contains(['，', '、', '：']) && (t.ends_with(['）', ')', '》']) || genre(t).is_some());
    // A name list: `张某某　某某局局长`.
    let name_list = t.split_once([' ', '\u{3000}']).is_some_and(|(name, _)| {
        (2..=4).contains(&name.chars().count()) && name.chars().all(|c| !c.is_ascii())
    });
    !t.contains(['，', '。', '；'])
        && (width(t) <= 30
            || title
            || name_list
            || t.starts_with("专栏")
            || numbering::read(t, true).is_some())
}

/// A head line above the title: 版头, 份号, 密级, 紧急程度, 签发人.
fn is_head_line(s: &str) -> bool {
    let q = squash(s);
    (q.ends_with("文件") && q.chars().count() <= 24 && !q.contains("关于"))
        || (!q.is_empty() && q.len() <= 8 && q.bytes().all(|b| b.is_ascii_digit()))
        || q.contains('★')
        || matches!(
            q.as_str(),
            "特急" | "加急" | "特提" | "平急" | "绝密" | "机密" | "秘密"
        )
        || q.starts_with("签发人")
}

/// A contents line: leaders and a page number (`1.1 编制目的……3`,
/// `第一章 总则 ........ 1`).
fn is_contents_line(s: &str) -> bool {
    let t = s.trim_end();
    let digits = t.chars().rev().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return false;
    }
    let body = t[..t.len() - digits].trim_end();
    body.ends_with("……") || body.ends_with("...") || body.ends_with("··") || body.ends_with("．．")
}

/// A line of a web page's furniture around a document: where you are,
/// when it was published, views, print and close buttons.
fn is_web_furniture(s: &str) -> bool {
    const MARKS: &[&str] = &[
        "您的位置",
        "当前位置",
        "发布时间",
        "发布日期",
        "浏览次数",
        "浏览：",
        "浏览:",
        "来源：",
        "来源:",
        "作者：",
        "作者:",
        "【字体",
        "字号：",
        "字号:",
        "打印本页",
        "关闭窗口",
        "下载地址",
        "分享到",
        "索引号",
        "点击数",
        "阅读次数",
        "访问次数",
        "【打印】",
        "【关闭】",
        "发布机构",
        "生成日期",
        "公开方式",
        "公开范围",
        "主题分类",
    ];
    let q = squash(s);
    MARKS.iter().any(|m| q.contains(m))
}

/// `备注/文号：明政办〔2016〕12号`, `发文字号：…`: the value of a labelled 文号.
fn labelled_doc_number(s: &str) -> Option<String> {
    let q = squash(s);
    let p = q.find("文号").or_else(|| q.find("字号"))?;
    let value = q[p..].split_once(['：', ':'])?.1;
    doc_number(value)
}

/// `（2019年9月26日…会议通过）` and the like: a regulation's passage or
/// amendment history.
fn is_passage(s: &str) -> bool {
    let t = s.trim_start_matches(['（', '(']);
    (t.starts_with(|c: char| c.is_ascii_digit()) || t.starts_with("根据") || t.starts_with('经'))
        && ["通过", "修正", "修订", "公布", "批准", "发布"]
            .iter()
            .any(|k| s.contains(k))
        && (Date::scan_cn(t).is_some() || t.starts_with("根据"))
}

/// A doc number on a line of its own, possibly in brackets: `国发〔2023〕9号`,
/// `（国发〔2023〕9号）`, `第7号`, `国令第707号`.
fn doc_number(s: &str) -> Option<String> {
    let q = squash(s);
    // `备注/文号：…` is a label and its value (see `labelled_doc_number`).
    if q.contains(['：', ':']) {
        return None;
    }
    let inner = q
        .strip_prefix(['（', '('])
        .and_then(|r| r.strip_suffix(['）', ')']))
        .unwrap_or(&q);
    let ends_hao = inner.ends_with(['号', '號']);
    let bracketed = inner.contains(['〔', '﹝', '[', '【', '［']) && ends_hao;
    let order = ends_hao
        && inner.contains('第')
        && inner.chars().count() <= 12
        && inner.split_once('第').is_some_and(|(_, n)| {
            let n = n.trim_end_matches(['号', '號']);
            !n.is_empty()
                && (n.chars().all(|c| c.is_ascii_digit()) || numbering::cn_value(n).is_some())
        });
    ((bracketed && inner.chars().count() <= 24 && !inner.contains('，')) || order)
        .then(|| inner.to_string())
}

fn para(text: &str, role: Role) -> Node {
    Node::Paragraph(Paragraph {
        text: text.to_string(),
        role,
        ..Paragraph::default()
    })
}

/// Imports one document from its lines.
pub fn import(lines: &[Line], report: &mut Vec<String>) -> Result<Document, ImportError> {
    import_titled(lines, None, report)
}

/// Imports one document whose title is known from elsewhere (a web page's
/// metadata table): when the text does not start with it, no line is taken
/// as the title.
pub fn import_titled(
    lines: &[Line],
    known_title: Option<&str>,
    report: &mut Vec<String>,
) -> Result<Document, ImportError> {
    if lines.is_empty() {
        return Err(ImportError::Missing("the text is empty".into()));
    }
    let mut doc = Document::default();
    let mut head = Vec::new();
    let mut i = 0;
    // 版头, the lines above the title, and a web page's furniture.
    while i < lines.len()
        && (is_head_line(&lines[i].text)
            || doc_number(&lines[i].text).is_some()
            || is_web_furniture(&lines[i].text))
    {
        let t = &lines[i].text;
        let number = doc_number(t).or_else(|| labelled_doc_number(t));
        match number {
            Some(n) if doc.doc_number.is_none() => doc.doc_number = Some(n),
            _ => {}
        }
        if is_web_furniture(t) {
            report.push(format!(
                "line {}: a web page's line above the title, kept as a head line: {:?}",
                lines[i].no,
                t.chars().take(24).collect::<String>()
            ));
        }
        head.push(para(t, Role::Head));
        i += 1;
    }
    // The title: up to four lines without final punctuation.
    let title_start = i;
    let starts_with_known = known_title.is_none_or(|k| {
        let k = squash(k);
        lines
            .get(i)
            .is_some_and(|l| k.starts_with(&squash(&l.text)) || squash(&l.text).starts_with(&k))
    });
    if !starts_with_known {
        doc.title = known_title.unwrap_or_default().to_string();
    }
    if starts_with_known
        && lines
            .get(i)
            .is_some_and(|l| l.text.trim_end().ends_with(['：', ':']))
    {
        return Err(ImportError::At {
            line: lines[i].no,
            message:
                "no title: the text starts with its addressee; add the title as the first line"
                    .into(),
        });
    }
    while starts_with_known && i < lines.len() && i - title_start < 4 {
        let t = &lines[i].text;
        if i > title_start
            && (doc_number(t).is_some()
                || is_passage(t)
                || t.ends_with(['：', ':'])
                || numbering::read(t, true).is_some()
                || squash(t) == "目录")
        {
            break;
        }
        if i > title_start && (ends_sentence(t) || t.contains('。') || width(t) > 80) {
            break;
        }
        i += 1;
        if t.ends_with(['）', ')']) && !t.starts_with(['（', '(']) {
            break;
        }
        // A title ends with its genre, unless the next line goes on (`的通知`).
        let goes_on = lines.get(i).is_some_and(|n| {
            n.text.starts_with(['的', '（', '(']) || genre(&n.text).is_some() && width(&n.text) <= 8
        });
        if genre(t).is_some() && !goes_on {
            // The same title printed twice (a page's title over its heading).
            while lines.get(i).is_some_and(|n| squash(&n.text) == squash(t)) {
                report.push(format!(
                    "line {}: the title again, kept as a head line",
                    lines[i].no
                ));
                i += 1;
            }
            break;
        }
    }
    if starts_with_known {
        let mut title_lines: Vec<&str> = lines[title_start..i]
            .iter()
            .map(|l| l.text.as_str())
            .collect();
        // A web page's own title line above the document's title
        // (`…主席令第40号--…任免` over `中华人民共和国主席令`): a head line.
        if title_lines.len() >= 2
            && title_lines[1..].iter().any(|l| {
                squash(l).chars().count() >= 4 && squash(title_lines[0]).contains(&squash(l))
            })
        {
            report.push(format!(
                "line {}: a page's title above the document's, kept as a head line",
                lines[title_start].no
            ));
            head.push(para(title_lines[0], Role::Head));
            title_lines.remove(0);
        }
        doc.title = join_title(&title_lines);
        // A site's column before the title (`政务服务丨…`).
        if let Some((site, rest)) = doc.title.rsplit_once(['丨', '|']) {
            if !rest.is_empty() && site.chars().count() <= 12 {
                report.push(format!(
                    "the title's prefix {site:?} is the site's column: left out"
                ));
                doc.title = rest.to_string();
            }
        }
    }
    if doc.title.is_empty() {
        return Err(ImportError::At {
            line: lines[0].no,
            message: "no title found".into(),
        });
    }
    doc.genre = genre(&doc.title);
    // 文号, passage lines, 目录, 主送.
    let mut toc: Vec<String> = Vec::new();
    while i < lines.len() {
        let t = &lines[i].text;
        if let Some(n) = doc_number(t) {
            if doc.doc_number.is_none() {
                doc.doc_number = Some(n);
            }
            head.push(para(t, Role::Head));
        } else if is_passage(t) {
            if doc.date.is_none() {
                let inner = t.trim_start_matches(['（', '(']);
                if let Some((date, rest)) = Date::scan_cn(inner) {
                    doc.date = Some(date);
                    // `…常务委员会第三十四次会议通过`: the body before 第N次会议.
                    let upto = rest.find("次会议").map_or(rest, |p| &rest[..p]);
                    let body = upto.rfind('第').map_or(upto, |p| &upto[..p]).trim();
                    if !body.is_empty() && rest.contains("通过") {
                        doc.issuer = Some(body.to_string());
                    }
                }
            }
            head.push(para(t, Role::Passage));
        } else if squash(t) == "目录" {
            head.push(para(t, Role::Head));
            i += 1;
            // The contents end where their first entry comes again.
            let first = lines.get(i).map(|l| squash(&l.text));
            while i < lines.len() {
                if !toc.is_empty() && Some(squash(&lines[i].text)) == first {
                    break;
                }
                toc.push(lines[i].text.clone());
                head.push(para(&lines[i].text, Role::Head));
                i += 1;
            }
            continue;
        } else if (t.ends_with(['：', ':'])
            && width(t) <= 160
            && numbering::read(t, false).is_none())
            && !head
                .iter()
                .any(|n| matches!(n, Node::Paragraph(p) if p.role == Role::Addressee))
        {
            head.push(para(t, Role::Addressee));
        } else {
            break;
        }
        i += 1;
    }
    if !toc.is_empty() && i >= lines.len() {
        report.push("the contents (目录) never end: no entry comes again as a heading".into());
    }
    // The tail: the first date line after the body, with its signature.
    let is_date_line = |l: &Line| Date::parse_cn(&l.text).is_some();
    let date_at = (i..lines.len())
        .find(|&j| {
            is_date_line(&lines[j])
                && j > i
                && !lines[j - 1].text.contains(['。', '；'])
                && width(&lines[j - 1].text) <= 60
        })
        // No signature: a date alone on its line after the body.
        .or_else(|| (i + 1..lines.len()).find(|&j| is_date_line(&lines[j])));
    let mut body_end = date_at.unwrap_or(lines.len());
    let mut signature = Vec::new();
    if let Some(d) = date_at {
        // The signature: up to three short lines before the date.
        let mut s = d;
        while s > i
            && d - s < 3
            && width(&lines[s - 1].text) <= 60
            && !lines[s - 1].text.contains(['。', '；', '：', ':'])
            && numbering::read(&lines[s - 1].text, false).is_none()
            && !lines[s - 1].text.contains('\t')
        {
            s -= 1;
        }
        signature = lines[s..d].to_vec();
        body_end = s;
        doc.date = Date::parse_cn(&lines[d].text).or(doc.date);
        if let Some(first) = signature.first() {
            let issuer = first.text.trim().to_string();
            doc.issuer = match person_signature(&issuer) {
                // An order signed by a person (`总理　李某`) is the order's
                // body's (中华人民共和国国务院令 → 国务院).
                Some(_) => order_issuer(&doc.title).or_else(|| {
                    report.push(format!(
                        "line {}: signed by a person ({issuer}): issuer left missing",
                        first.no
                    ));
                    None
                }),
                None => Some(issuer),
            };
        }
    }
    // 附件说明 at the end of the body: `附件：1. …` and the lines after it.
    let mut tail_notes = Vec::new();
    if let Some(k) = (i..body_end).rev().find(|&k| {
        let t = &lines[k].text;
        t.starts_with("附件：") || t.starts_with("附件:")
    }) {
        tail_notes = lines[k..body_end].to_vec();
        body_end = k;
    }
    let mut children = head;
    let body = &lines[i..body_end];
    children.extend(Body::parse(body, doc_year(&doc), "", report));
    for l in &tail_notes {
        children.push(para(&l.text, Role::Tail));
    }
    for l in &signature {
        children.push(para(&l.text, Role::Signature));
    }
    let mut rest: &[Line] = &[];
    if let Some(d) = date_at {
        children.push(para(&lines[d].text, Role::Date));
        rest = &lines[d + 1..];
    }
    // Notes after the date, then attachments, then 抄送/印发.
    let is_tail_note = |t: &str| {
        let q = squash(t);
        let inner = q
            .strip_prefix(['（', '('])
            .and_then(|r| r.strip_suffix(['）', ')']));
        inner.is_some_and(|n| {
            n.starts_with("此件")
                || n.starts_with("此页")
                || n.contains("删减") && n.chars().count() <= 10
        }) || q.starts_with("抄送")
            || (q.contains("印发") && Date::scan_cn(q.rsplit('办').next().unwrap_or("")).is_some())
            || q.ends_with("印发")
    };
    while let Some(first) = rest.first() {
        if !is_tail_note(&first.text) {
            break;
        }
        children.push(para(&first.text, Role::Tail));
        rest = &rest[1..];
    }
    let mut trailing = Vec::new();
    while let Some(last) = rest.last() {
        if !is_tail_note(&last.text) {
            break;
        }
        trailing.push(para(&last.text, Role::Tail));
        rest = &rest[..rest.len() - 1];
    }
    children.extend(attachments(rest, doc_year(&doc), report));
    trailing.reverse();
    children.extend(trailing);
    validity(&mut doc, lines);
    doc.children = children;
    Ok(doc)
}

/// `总理　李某`, `市长 王某某`: a post and a name.
fn person_signature(s: &str) -> Option<(&str, &str)> {
    const POSTS: &[&str] = &[
        "总理",
        "總理",
        "主席",
        "省长",
        "市长",
        "区长",
        "县长",
        "州长",
        "主任",
        "局长",
        "厅长",
        "部长",
        "书记",
        "董事长",
        "委员长",
    ];
    let s = s.trim();
    let (post, name) = match s.split_once([' ', '\u{3000}']) {
        Some((p, n)) => (p.trim(), n.trim()),
        // `总理李鹏`: the post runs into the name.
        None => {
            let (at, post) = POSTS
                .iter()
                .filter_map(|p| s.find(p).map(|at| (at + p.len(), *p)))
                .max_by_key(|(at, _)| *at)?;
            let _ = post;
            (&s[..at], &s[at..])
        }
    };
    let named = (2..=4).contains(&name.chars().count()) && !name.contains(['，', '。']);
    (POSTS.iter().any(|p| post.ends_with(p)) && named).then_some((post, name))
}

/// The body whose order a title names: `中华人民共和国国务院令` → `国务院`,
/// `某某省人民政府令` → `某某省人民政府`.
fn order_issuer(title: &str) -> Option<String> {
    let t = title.trim();
    if let Some(t) = t.strip_suffix('令') {
        // 中华人民共和国主席令 is the President's; 国务院令 the State Council's.
        let organ = t
            .strip_prefix("中华人民共和国")
            .filter(|o| *o != "主席")
            .unwrap_or(t);
        return (!organ.is_empty()).then(|| organ.to_string());
    }
    // `国务院关于提请…的议案`: the body before 关于.
    let (body, _) = t
        .split_once(['关', '關'])
        .filter(|(_, r)| r.starts_with(['于', '於']))?;
    (!body.is_empty() && body.chars().count() <= 20).then(|| body.to_string())
}

fn doc_year(doc: &Document) -> Option<u32> {
    doc.date.map(Date::y)
}

/// Joins a title printed over several lines; spaces between Chinese
/// characters (from the layout) are dropped.
fn join_title(lines: &[&str]) -> String {
    let mut out = String::new();
    for l in lines {
        let l = l.trim();
        let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if ascii(out.chars().last()) && ascii(l.chars().next()) {
            out.push(' ');
        }
        out.push_str(l);
    }
    let chars: Vec<char> = out.chars().collect();
    let mut clean = String::new();
    for (k, &c) in chars.iter().enumerate() {
        if c == ' ' || c == '\u{3000}' {
            let prev = clean.chars().last();
            let next = chars.get(k + 1).copied();
            let wide = |x: Option<char>| x.is_some_and(|x| !x.is_ascii());
            if wide(prev) || wide(next) {
                continue;
            }
        }
        clean.push(c);
    }
    clean
}

/// Attachments after the tail: each starts with a `附件` / `附件2` label
/// line (or, with none, the first line is the title of the one attachment).
fn attachments(lines: &[Line], year: Option<u32>, report: &mut Vec<String>) -> Vec<Node> {
    let is_label = |t: &str| {
        let q = squash(t);
        q.strip_prefix("附件").is_some_and(|n| {
            n.chars()
                .all(|c| c.is_ascii_digit() || numbering::cn_value(&c.to_string()).is_some())
        })
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let mut start = k;
        let mut label = None;
        if is_label(&lines[k].text) {
            label = Some(lines[k].text.clone());
            start += 1;
        }
        // The title: up to three lines without final punctuation.
        let mut end = start;
        while end < lines.len()
            && end - start < 3
            && !ends_sentence(&lines[end].text)
            && !lines[end].text.contains(['。', '\t'])
            && (end == start || numbering::read(&lines[end].text, true).is_none())
            && !is_label(&lines[end].text)
            && (end == start || width(&lines[end].text) <= 40)
        {
            end += 1;
            if end - start >= 1 && lines[end - 1].text.ends_with(['）', ')']) {
                break;
            }
        }
        let title_lines: Vec<&str> = lines[start..end].iter().map(|l| l.text.as_str()).collect();
        let title = if title_lines.is_empty() {
            label.clone().unwrap_or_else(|| "附件".into())
        } else {
            join_title(&title_lines)
        };
        if label.is_none() {
            report.push(format!(
                "line {}: text after the date without a 附件 label: taken as an attachment titled {:?}",
                lines[k].no, title
            ));
        }
        let next = (end..lines.len())
            .find(|&j| is_label(&lines[j].text))
            .unwrap_or(lines.len());
        let mut kids = Vec::new();
        if let Some(l) = &label {
            kids.push(para(l, Role::Head));
        }
        kids.extend(Body::parse(&lines[end..next], year, &title, report));
        out.push(Node::Attachment(Container {
            id: String::new(),
            title,
            children: kids,
        }));
        k = next.max(k + 1);
    }
    out
}

/// `本办法自2024年3月1日起施行`, `有效期至2028年12月31日`, `有效期5年`.
pub(super) fn validity(doc: &mut Document, lines: &[Line]) {
    for l in lines {
        let t = squash(&l.text);
        // `自发布之日起施行`: from the document's own date.
        if doc.effective.is_none() {
            let relative = ["发布", "印发", "下发", "公布", "签发", "颁布"]
                .iter()
                .any(|v| {
                    ["施行", "执行", "实施", "生效"]
                        .iter()
                        .any(|w| t.contains(&format!("自{v}之日起{w}")))
                });
            if relative {
                doc.effective = doc.date;
            }
        }
        if doc.effective.is_none() {
            for (p, _) in t.match_indices('自') {
                if let Some((date, rest)) = Date::scan_cn(&t[p + '自'.len_utf8()..]) {
                    if ["起施行", "起执行", "起实施", "起生效", "施行", "起试行"]
                        .iter()
                        .any(|k| rest.starts_with(k))
                    {
                        doc.effective = Some(date);
                        break;
                    }
                }
            }
        }
        if doc.expires.is_none() {
            if let Some(p) = t.find("有效期至") {
                doc.expires = Date::scan_cn(&t[p + "有效期至".len()..]).map(|(d, _)| d);
            } else if let Some(p) = t.find("有效期") {
                let n: String = t[p + "有效期".len()..]
                    .chars()
                    .take_while(|c| {
                        c.is_ascii_digit() || numbering::cn_value(&c.to_string()).is_some()
                    })
                    .collect();
                let years = n.parse().ok().or_else(|| numbering::cn_value(&n));
                if let (Some(y), Some(start), true) = (years, doc.effective, t[p..].contains('年'))
                {
                    doc.expires = last_day(start, y);
                }
            }
        }
    }
}

/// The last day in force of something valid `years` years from `start`.
fn last_day(start: Date, years: u32) -> Option<Date> {
    // A validity of more than a century is not a date anyone wrote.
    let years = Some(years).filter(|&y| y <= 100)?;
    let (y, m, d) = (start.y() + years, start.m()?, start.d()?);
    if d > 1 {
        return Date::day(y, m, d - 1);
    }
    Some(Date::month(y, m)?.add_months(-1).last_day())
}

/// The printed page a node starts on, when the source numbers its pages.
fn set_page(node: &mut Node, page: Option<u32>) {
    if let Some(slot) = node.page_mut() {
        if slot.is_none() {
            *slot = page;
        }
    }
}

/// What kind a node is, from its style and where it stands.
fn kind_of(style: Style, ancestors: &[Node]) -> fn(Heading) -> Node {
    let in_article = ancestors.iter().any(|n| matches!(n, Node::Article(_)));
    let deepest = ancestors
        .iter()
        .rev()
        .find_map(|n| match n {
            Node::Chapter(_) => Some(1),
            Node::Section(_) => Some(2),
            Node::Item(_) => Some(3),
            _ => None,
        })
        .unwrap_or(0);
    let natural = match style {
        Style::Part => return Node::Part,
        Style::Tiao => return Node::Article,
        Style::Zhang => return Node::Chapter,
        Style::Jie => return Node::Section,
        _ if in_article => return Node::Item,
        Style::CnComma | Style::Decimal(1) => 1,
        Style::CnParen | Style::Decimal(2) => 2,
        _ => 3,
    };
    match natural.max(deepest + 1) {
        1 => Node::Chapter,
        2 => Node::Section,
        _ => Node::Item,
    }
}

/// An open node of the body and how it was numbered.
struct Frame {
    style: Option<Style>,
    node: Node,
    kids: Vec<Node>,
}

/// The body's nesting, built line by line.
struct Body<'r> {
    stack: Vec<Frame>,
    root: Vec<Node>,
    decimal: bool,
    year: Option<u32>,
    report: &'r mut Vec<String>,
    /// The last node was a table: `注：` lines are its notes.
    after_table: bool,
    /// Inside an internal 目录: its first entry (empty until read).
    toc_first: Option<String>,
    /// The last article's ordinal, for `第X条` run into its text.
    last_article: u32,
    /// The printed page of the line being read.
    page: Option<u32>,
    /// The entries of the open column so far.
    column_entries: usize,
    /// The title a table without a caption takes (its attachment's).
    default_title: String,
}

impl Body<'_> {
    fn parse(
        lines: &[Line],
        year: Option<u32>,
        default_title: &str,
        report: &mut Vec<String>,
    ) -> Vec<Node> {
        let decimal = lines.iter().any(|l| {
            matches!(
                numbering::read(&l.text, false).map(|l| l.style),
                Some(Style::Decimal(d)) if d >= 2
            )
        });
        let mut b = Body {
            stack: Vec::new(),
            root: Vec::new(),
            decimal,
            year,
            report,
            after_table: false,
            toc_first: None,
            last_article: 0,
            page: None,
            column_entries: 0,
            default_title: default_title.to_string(),
        };
        let mut k = 0;
        while k < lines.len() {
            b.page = lines[k].page;
            if let Some(block) = &lines[k].table {
                let mut table = super::table::from_block(block, year, b.report);
                b.caption(&mut table);
                b.add(table);
                b.after_table = true;
                k += 1;
                continue;
            }
            if lines[k].text.contains('\t') {
                // A group row printed without tabs (`一、优化营商环境`)
                // between rows stays in the table, as a row of one cell.
                let group_row = |j: usize| {
                    lines.get(j + 1).is_some_and(|n| n.text.contains('\t'))
                        && width(&lines[j].text) <= 40
                        && numbering::read(&lines[j].text, false)
                            .is_some_and(|l| matches!(l.style, Style::CnComma | Style::CnParen))
                };
                let end = (k..lines.len())
                    .find(|&j| !lines[j].text.contains('\t') && !group_row(j))
                    .unwrap_or(lines.len());
                let mut table = super::table::parse_with_year(&lines[k..end], "", year, b.report);
                b.caption(&mut table);
                b.add(table);
                b.after_table = true;
                k = end;
                continue;
            }
            b.line(&lines[k]);
            k += 1;
        }
        b.close_to(0);
        b.root
    }

    fn add(&mut self, mut node: Node) {
        set_page(&mut node, self.page);
        match self.stack.last_mut() {
            Some(f) => f.kids.push(node),
            None => self.root.push(node),
        }
    }

    /// Closes frames until `depth` remain.
    fn close_to(&mut self, depth: usize) {
        while self.stack.len() > depth {
            let Some(mut f) = self.stack.pop() else {
                break;
            };
            if let Some(kids) = crate::model::tree::children_mut(&mut f.node) {
                *kids = f.kids;
            }
            self.add(f.node);
        }
    }

    fn in_column(&self) -> bool {
        self.stack.iter().any(|f| matches!(f.node, Node::Column(_)))
    }

    fn line(&mut self, line: &Line) {
        let t = line.text.as_str();
        // An internal 目录: its lines are kept as head lines until its first
        // entry comes again as a heading.
        if self.toc_first.as_deref() == Some("") {
            self.toc_first = Some(squash(t));
            self.add(para(t, Role::Head));
            return;
        }
        if let Some(first) = &self.toc_first {
            if squash(t) == *first {
                self.toc_first = None;
            } else {
                self.add(para(t, Role::Head));
                return;
            }
        }
        if squash(t) == "目录" {
            self.toc_first = Some(String::new());
            self.add(para(t, Role::Head));
            return;
        }
        // A contents line with leaders and a page (`1.1 编制目的……3`).
        if is_contents_line(t) {
            self.add(para(t, Role::Head));
            return;
        }
        if width(t) > 3000 {
            self.report.push(format!(
                "line {}: one paragraph of {} characters: the text may have lost its line breaks",
                line.no,
                t.chars().count()
            ));
        }
        if self.after_table {
            let q = squash(t);
            let note = q.starts_with("注：") || q.starts_with("注:") || q == "注";
            let numbered_note = numbering::read(t, false)
                .is_some_and(|l| l.style == Style::ArabicDot)
                && self.table_has_notes();
            if note || numbered_note {
                self.push_note(t);
                return;
            }
            self.after_table = false;
        }
        if let Some(rest) = t.strip_prefix("专栏") {
            let rest = rest.trim_start();
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let title = rest[digits.len()..].trim();
            // A column closes any column still open.
            if let Some(p) = self
                .stack
                .iter()
                .position(|f| matches!(f.node, Node::Column(_)))
            {
                self.close_to(p);
            }
            let label = t[..t.len() - rest.len() + digits.len()]
                .trim_end()
                .to_string();
            self.column_entries = 0;
            self.stack.push(Frame {
                style: None,
                node: Node::Column(Heading {
                    number: digits.clone(),
                    ordinal: digits.parse().ok(),
                    label,
                    title: if title.is_empty() {
                        "专栏".into()
                    } else {
                        title.to_string()
                    },
                    page: self.page,
                    ..Heading::default()
                }),
                kids: Vec::new(),
            });
            return;
        }
        if self.in_column() {
            if let Some(bullet) = t.strip_prefix(BULLETS) {
                // A bullet with a name (`■ 名称：…`) is an entry; any other
                // bullet line stays a paragraph, its bullet kept.
                match colon_entry(bullet.trim_start()) {
                    Some(e) => {
                        self.column_entries += 1;
                        self.add(Node::Entry(e))
                    }
                    None => self.add(para(t, Role::Body)),
                }
                return;
            }
            if let Some(e) = colon_entry(t) {
                self.column_entries += 1;
                self.add(Node::Entry(e));
                return;
            }
            let q = squash(t);
            if q.starts_with("专栏") && q.ends_with("结束") || q == "（专栏结束）" {
                if let Some(p) = self
                    .stack
                    .iter()
                    .position(|f| matches!(f.node, Node::Column(_)))
                {
                    self.close_to(p);
                }
                self.add(para(t, Role::Tail));
                return;
            }
            if numbering::read(t, self.decimal).is_none() {
                // Counted as they come (looking through the column's
                // children for each line was quadratic in a long column).
                let has_entries = self.column_entries > 0;
                if has_entries && width(t) > 60 && t.ends_with('。') {
                    if let Some(p) = self
                        .stack
                        .iter()
                        .position(|f| matches!(f.node, Node::Column(_)))
                    {
                        self.close_to(p);
                    }
                    self.report.push(format!(
                        "line {}: a column without an end marker: ended it before this paragraph",
                        line.no
                    ));
                } else {
                    self.add(para(t, Role::Body));
                    return;
                }
            } else if let Some(p) = self
                .stack
                .iter()
                .position(|f| matches!(f.node, Node::Column(_)))
            {
                // A numbered heading ends the column.
                self.close_to(p);
            }
        }
        let label = numbering::read(t, self.decimal).or_else(|| self.tight_article(t));
        let Some(label) = label else {
            // A paragraph; after an article's 项, a new 款 of the article.
            if let Some(p) = self
                .stack
                .iter()
                .rposition(|f| matches!(f.node, Node::Article(_)))
            {
                if p + 1 < self.stack.len() {
                    self.close_to(p + 1);
                }
            }
            // After a list of items each holding a sentence, a paragraph
            // goes on at the list's level, not inside its last item.
            while self.stack.last().is_some_and(|f| match &f.node {
                Node::Item(h) => h.title.is_empty() && ends_sentence(&h.text) && f.kids.is_empty(),
                _ => false,
            }) {
                let depth = self.stack.len() - 1;
                self.close_to(depth);
            }
            self.add(para(t, Role::Body));
            return;
        };
        // Where the new node goes: a sibling of an open node of its style,
        // 编/章/节/条 under a lower rank, any other style nested deeper.
        let depth = match label.style.fixed_rank() {
            Some(rank) => {
                let mut d = self.stack.len();
                while d > 0 {
                    let top = self.stack[d - 1].style;
                    match top.and_then(Style::fixed_rank) {
                        Some(r) if r < rank => break,
                        _ => d -= 1,
                    }
                }
                d
            }
            None => match self
                .stack
                .iter()
                .rposition(|f| f.style == Some(label.style))
            {
                Some(p) => p,
                None => self.stack.len(),
            },
        };
        self.close_to(depth);
        let ancestors: Vec<Node> = self.stack.iter().map(|f| f.node.clone_shallow()).collect();
        let make = kind_of(label.style, &ancestors);
        if label.style == Style::Tiao {
            self.last_article = label.ordinal.unwrap_or(self.last_article + 1);
        }
        let (title, text) = split_run_in(label.style, label.rest);
        let heading = Heading {
            number: label.number.clone(),
            ordinal: label.ordinal,
            label: label.label.to_string(),
            title,
            text,
            ..Heading::default()
        };
        let _ = self.year;
        let mut node = make(heading);
        set_page(&mut node, self.page);
        self.stack.push(Frame {
            style: Some(label.style),
            node,
            kids: Vec::new(),
        });
    }

    /// A table's title: the short line just before it that names a table
    /// (`…任务分工表`), moved into the table; else its attachment's title.
    fn caption(&mut self, table: &mut Node) {
        let Node::Table(t) = table else {
            return;
        };
        if !t.title.is_empty() {
            return;
        }
        let kids = match self.stack.last_mut() {
            Some(f) => &mut f.kids,
            None => &mut self.root,
        };
        if let Some(Node::Paragraph(p)) = kids.last() {
            let text = p.text.trim();
            if (text.ends_with('表') || text.ends_with("一览") || text.ends_with("清单"))
                && width(text) <= 60
                && !text.contains(['。', '；', '，'])
            {
                t.title = text.to_string();
                kids.pop();
                return;
            }
        }
        t.title = self.default_title.clone();
    }

    /// `第十一条为了…`: an article whose text runs straight on, taken as one
    /// only when it is the next article in order.
    fn tight_article<'t>(&self, t: &'t str) -> Option<numbering::Label<'t>> {
        let rest = t.strip_prefix('第')?;
        let end = rest.find('条')?;
        let num = &rest[..end];
        let ordinal = numbering::cn_value(num).or_else(|| num.parse().ok())?;
        let after = &rest[end + '条'.len_utf8()..];
        let next = after.chars().next()?;
        if ordinal != self.last_article + 1 || "的规所中、，和至第款项之及或".contains(next)
        {
            return None;
        }
        let label_end = '第'.len_utf8() + end + '条'.len_utf8();
        Some(numbering::Label {
            style: Style::Tiao,
            number: num.to_string(),
            ordinal: Some(ordinal),
            label: &t[..label_end],
            rest: after,
        })
    }

    fn table_has_notes(&self) -> bool {
        let kids = match self.stack.last() {
            Some(f) => &f.kids,
            None => &self.root,
        };
        matches!(kids.last(), Some(Node::Table(t)) if !t.notes.is_empty())
    }

    fn push_note(&mut self, t: &str) {
        let kids = match self.stack.last_mut() {
            Some(f) => &mut f.kids,
            None => &mut self.root,
        };
        if let Some(Node::Table(table)) = kids.last_mut() {
            table.notes.push(t.to_string());
        }
    }
}

impl Node {
    /// The node without its children (to look at ancestors' kinds).
    fn clone_shallow(&self) -> Node {
        match self {
            Node::Article(_) => Node::Article(Heading::default()),
            Node::Chapter(_) => Node::Chapter(Heading::default()),
            Node::Section(_) => Node::Section(Heading::default()),
            Node::Item(_) => Node::Item(Heading::default()),
            Node::Part(_) => Node::Part(Heading::default()),
            _ => Node::Heading(Heading::default()),
        }
    }
}

/// A labelled line's title and text: articles and long lines are text;
/// a short line without punctuation is a title; `坚持统筹推进。…` runs in.
fn split_run_in(style: Style, rest: &str) -> (String, String) {
    match style {
        Style::Tiao => return (String::new(), rest.to_string()),
        Style::Part | Style::Zhang | Style::Jie => return (rest.to_string(), String::new()),
        _ => {}
    }
    if !rest.contains(['。', '；', '！', '？', '，', ';'])
        && width(rest) <= 60
        && !rest.ends_with(['：', ':'])
    {
        return (rest.to_string(), String::new());
    }
    if let Some((lead, after)) = rest.split_once('。') {
        if width(lead) <= 40 && !lead.contains(['，', '；', '：', '、', ',']) && !after.is_empty()
        {
            return (lead.to_string(), after.to_string());
        }
    }
    (String::new(), rest.to_string())
}

/// `名称：…` inside a column.
fn colon_entry(s: &str) -> Option<Named> {
    let p = s.find(['：', ':'])?;
    let lead = &s[..p];
    let sep = if s[p..].starts_with('：') {
        "："
    } else {
        ":"
    };
    let rest = &s[p + sep.len()..];
    (width(lead) <= 40 && !lead.contains(['，', '。', '、', '（', '(']) && !rest.is_empty()).then(
        || Named {
            title: lead.to_string(),
            sep: sep.to_string(),
            text: rest.to_string(),
            ..Named::default()
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genres_from_titles() {
        assert_eq!(
            genre("某某市人民政府关于印发某某方案的通知").as_deref(),
            Some("通知")
        );
        assert_eq!(
            genre("某某省城市绿化条例（2023年修正）").as_deref(),
            Some("条例")
        );
        assert_eq!(genre("某某管理办法（试行）").as_deref(), Some("办法"));
        assert_eq!(genre("某某实施细则").as_deref(), Some("细则"));
        assert_eq!(genre("关于某某的批复").as_deref(), Some("批复"));
        assert_eq!(genre("某某"), None);
    }

    #[test]
    fn validity_dates() {
        let d = |s: &str| Date::parse(s).ok();
        assert_eq!(
            last_day(d("2024-03-01").unwrap_or_else(|| unreachable!()), 5),
            d("2029-02-28")
        );
        assert_eq!(
            last_day(d("2024-01-01").unwrap_or_else(|| unreachable!()), 5),
            d("2028-12-31")
        );
        assert_eq!(
            last_day(d("2023-06-15").unwrap_or_else(|| unreachable!()), 2),
            d("2025-06-14")
        );
    }

    fn doc(text: &str) -> (Document, Vec<String>) {
        let mut report = Vec::new();
        let (lines, _) = lines_of(text, false, &mut report);
        let d = import(&lines, &mut report).unwrap_or_else(|e| panic!("{e}"));
        (d, report)
    }

    fn count(nodes: &[Node], f: &dyn Fn(&Node) -> bool) -> usize {
        nodes
            .iter()
            .map(|n| {
                usize::from(f(n))
                    + crate::model::tree::children(n)
                        .iter()
                        .map(|c| count(std::slice::from_ref(c), f))
                        .sum::<usize>()
            })
            .sum()
    }

    #[test]
    fn a_web_copy_with_its_page_around_it() {
        let (d, report) = doc("您的位置：首页 > 政务公开 > 文件\n发布时间：2023-05-06 来源：办公室\n\
            某某县人民政府关于做好防汛工作的通知\n某某县人民政府关于做好防汛工作的通知\n\
            某府发〔2023〕3号\n各乡镇人民政府：\n请做好防汛工作。\n某某县人民政府\n二○二三年五月六日\n(此件主动公开)\n");
        assert_eq!(d.title, "某某县人民政府关于做好防汛工作的通知");
        assert_eq!(d.doc_number.as_deref(), Some("某府发〔2023〕3号"));
        assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2023-05-06"));
        assert_eq!(d.issuer.as_deref(), Some("某某县人民政府"));
        assert!(!d.children.iter().any(|n| matches!(n, Node::Attachment(_))));
        assert_eq!(
            report
                .iter()
                .filter(|r| r.contains("web page's line"))
                .count(),
            2
        );
        assert!(report.iter().any(|r| r.contains("the title again")));
    }

    #[test]
    fn articles_run_into_their_text_in_order_only() {
        let (d, _) = doc(
            "某某办法\n第一条为了测试，制定本办法。\n第二条本办法适用于本市。\n\
            第四条所列情形不是一条。\n第三条本办法自2024年1月1日起施行。\n",
        );
        let articles = count(&d.children, &|n| matches!(n, Node::Article(_)));
        assert_eq!(articles, 3);
        assert_eq!(
            d.effective.map(|d| d.to_string()).as_deref(),
            Some("2024-01-01")
        );
    }

    #[test]
    fn traditional_forms_and_a_signing_person() {
        let (d, _) = doc(
            "某某市人民政府辦公室關于印發某某方案的通知\n某政辦發〔2021〕1號\n\
            各區人民政府：\n現將方案印發給你們。\n某某市人民政府辦公室\n2021年1月25日\n",
        );
        assert_eq!(d.doc_number.as_deref(), Some("某政辦發〔2021〕1號"));
        assert_eq!(d.title, "某某市人民政府辦公室關于印發某某方案的通知");
        let (o, _) = doc("中华人民共和国国务院令\n第9号\n《某某条例》已经通过，现予公布。\n总理李某\n2020年3月1日\n");
        assert_eq!(o.issuer.as_deref(), Some("国务院"));
        assert_eq!(o.doc_number.as_deref(), Some("第9号"));
        assert_eq!(genre("某某若干意見").as_deref(), Some("意见"));
    }

    #[test]
    fn a_contents_inside_an_attachment_and_paragraphs_after_a_list() {
        let (d, _) = doc(
            "某某县人民政府关于印发某某预案的通知\n某府发〔2023〕4号\n请认真执行。\n\
            某某县人民政府\n2023年6月1日\n附件\n某某预案\n目录\n1总则……1\n2组织……2\n\
            1总则\n本预案适用于本县。\n1.1适用情形\n下列情形适用：\n（1）甲情形；\n（2）乙情形。\n\
            以上情形由县政府认定。\n2组织\n县政府统一领导。\n",
        );
        let chapters = count(&d.children, &|n| matches!(n, Node::Chapter(_)));
        let sections = count(&d.children, &|n| matches!(n, Node::Section(_)));
        assert_eq!((chapters, sections), (2, 1));
        // The paragraph after the list is the section's, not item (2)'s.
        let items_with_kids = count(
            &d.children,
            &|n| matches!(n, Node::Item(h) if !h.children.is_empty()),
        );
        assert_eq!(items_with_kids, 0);
    }
}
