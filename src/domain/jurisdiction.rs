//! Whose a unit is: 市教育局 in a Chongqing document is not 市教育局 in a
//! Chengdu one. A document's jurisdiction is read from its issuer (an
//! issue's from its gazette's name when a document has no issuer):
//!
//! - a party committee's prefix is dropped (`中共重庆市委办公厅`,
//!   `中国共产党重庆市委员会` → 重庆市);
//! - a body of the central state directly under it that names a place
//!   (`国家税务总局重庆市税务局`) is that place's;
//! - the place its name starts with — a run of names each ending in 省,
//!   市, 县, 区, 州, 旗 or 盟 (so 自治区, 自治州, 地区, 自治县 too), the most
//!   specific kept (`重庆市渝中区人民政府` → 重庆市渝中区). A further name is 2
//!   to 8 characters without an organ's word (so `青岑县市场监督管理局` is
//!   青岑县); 市中区 and 市辖区 after a city are districts (济南市市中区);
//!   特别行政区 is a place (香港特别行政区);
//! - 国家 for the central bodies (国务院…, 国家…, 中共中央…, 全国人民代表大会…,
//!   全国人大…, 中华人民共和国…, 中国人民银行, 海关总署, 最高人民法院,
//!   最高人民检察院, and a ministry named alone or with its 办公厅: 财政部,
//!   交通运输部办公厅);
//! - none otherwise (`某办公室`), shown as missing, never guessed.
//!
//! Known limit: a district named without its city (`江北区人民政府`) is not
//! the same jurisdiction as `重庆市江北区` — that would take a gazetteer.

/// The characters a place name ends with.
const SUFFIXES: [char; 7] = ['省', '市', '县', '区', '州', '旗', '盟'];
/// Words of organs, never of a place's own name after the first.
const ORGAN_WORDS: [&str; 16] = [
    "局",
    "厅",
    "委员会",
    "委",
    "办公",
    "人民",
    "政府",
    "院",
    "部",
    "处",
    "署",
    "所",
    "室",
    "市场",
    "中心",
    "管理",
];
/// The central state's bodies, by how their names start.
const CENTRAL: [&str; 11] = [
    "国务院",
    "国家",
    "中共中央",
    "全国人民代表大会",
    "全国人大",
    "中华人民共和国",
    "中国人民银行",
    "海关总署",
    "最高人民法院",
    "最高人民检察院",
    "中央",
];

/// The jurisdiction of an issuer (or a gazette's name).
pub fn of_issuer(issuer: &str) -> Option<String> {
    let s: String = issuer.chars().filter(|c| !c.is_whitespace()).collect();
    let s = s
        .strip_prefix("中国共产党")
        .or_else(|| s.strip_prefix("中共").filter(|r| !r.starts_with("中央")))
        .unwrap_or(&s);
    if s.is_empty() {
        return None;
    }
    if let Some(c) = CENTRAL.iter().find(|c| s.starts_with(*c)) {
        // A central body's office in a place (国家税务总局重庆市税务局).
        let rest = &s[c.len()..];
        for head in ["总局", "总署", "总行"] {
            if let Some(at) = rest.find(head) {
                if let Some(place) = leading_place(&rest[at + head.len()..]) {
                    return Some(place);
                }
            }
        }
        return Some("国家".into());
    }
    if let Some(place) = leading_place(s) {
        return Some(place);
    }
    // A ministry named alone or with its office (财政部, 交通运输部办公厅).
    let body = s
        .strip_suffix("办公厅")
        .or_else(|| s.strip_suffix("办公室"))
        .unwrap_or(s);
    if body.ends_with('部') && body.chars().count() <= 12 {
        return Some("国家".into());
    }
    None
}

/// The run of place names a text starts with, the most specific kept.
fn leading_place(s: &str) -> Option<String> {
    if let Some(at) = s.find("特别行政区") {
        if s[..at].chars().count() <= 4 && at > 0 {
            return Some(s[..at + "特别行政区".len()].to_string());
        }
    }
    let chars: Vec<char> = s.chars().collect();
    let is_suffix = |k: usize| chars.get(k).is_some_and(|c| SUFFIXES.contains(c));
    let text = |a: usize, b: usize| chars[a..b.min(chars.len())].iter().collect::<String>();
    let mut end = 0;
    let mut i = 0;
    while i < chars.len() {
        // 济南市市中区, 某市市辖区: a district, not 市 again.
        if end > 0
            && chars[end - 1] == '市'
            && ["市中区", "市辖区"].contains(&text(i, i + 3).as_str())
        {
            end = i + 3;
            i = end;
            continue;
        }
        let Some(rel) = chars[i..].iter().position(|c| SUFFIXES.contains(c)) else {
            break;
        };
        let mut stop = i + rel;
        // 澄州省: a different suffix right after one continues the name.
        // (Not 县市场…: an organ's word starts there.)
        while end == 0
            && is_suffix(stop + 1)
            && chars[stop + 1] != chars[stop]
            && !ORGAN_WORDS
                .iter()
                .any(|w| text(stop + 1, chars.len()).starts_with(w))
        {
            stop += 1;
        }
        let name = text(i, stop);
        let n = stop - i;
        // The first name: 1 to 12 characters (某市, 黔东南苗族侗族自治州, 会同县);
        // a further one 2 to 8, without an organ's word (渝中区, not 市场…).
        let ok = if end == 0 {
            (1..=12).contains(&n)
        } else {
            (2..=8).contains(&n) && !ORGAN_WORDS.iter().any(|w| name.contains(w))
        };
        if !ok {
            break;
        }
        end = stop + 1;
        i = end;
    }
    (end > 0).then(|| text(0, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_and_central_bodies() {
        for (issuer, want) in [
            ("重庆市人民政府", Some("重庆市")),
            ("重庆市人民政府办公厅", Some("重庆市")),
            ("重庆市人民政府公报", Some("重庆市")),
            ("重庆市渝中区人民政府", Some("重庆市渝中区")),
            ("青岑县市场监督管理局", Some("青岑县")),
            ("澄州省交通运输厅", Some("澄州省")),
            ("某某市人民政府", Some("某某市")),
            ("某市市政工程管理处", Some("某市")),
            ("黔东南苗族侗族自治州人民政府", Some("黔东南苗族侗族自治州")),
            ("广西壮族自治区人民政府", Some("广西壮族自治区")),
            ("内蒙古自治区人民政府", Some("内蒙古自治区")),
            ("上海市浦东新区人民政府", Some("上海市浦东新区")),
            ("深圳市南山区教育局", Some("深圳市南山区")),
            ("阿拉善盟行政公署", Some("阿拉善盟")),
            ("济南市市中区人民政府", Some("济南市市中区")),
            ("会同县人民政府", Some("会同县")),
            ("湖南省怀化市会同县人民政府", Some("湖南省怀化市会同县")),
            ("白银市会宁县人民政府", Some("白银市会宁县")),
            ("中共重庆市委办公厅", Some("重庆市")),
            ("中国共产党重庆市委员会", Some("重庆市")),
            ("重庆市人民政府国有资产监督管理委员会", Some("重庆市")),
            ("香港特别行政区政府", Some("香港特别行政区")),
            ("国家税务总局重庆市税务局", Some("重庆市")),
            ("国务院", Some("国家")),
            ("国务院办公厅", Some("国家")),
            ("国家发展改革委", Some("国家")),
            ("国家发展和改革委员会", Some("国家")),
            ("中共中央办公厅", Some("国家")),
            ("全国人大常委会", Some("国家")),
            ("中国人民银行", Some("国家")),
            ("海关总署", Some("国家")),
            ("最高人民法院", Some("国家")),
            ("财政部", Some("国家")),
            ("交通运输部办公厅", Some("国家")),
            ("人力资源社会保障部", Some("国家")),
            ("中华人民共和国国务院公报", Some("国家")),
            ("办公室", None),
            ("", None),
        ] {
            assert_eq!(of_issuer(issuer).as_deref(), want, "{issuer}");
        }
    }
}
