//! Whose a unit is: 市教育局 in a Chongqing document is not 市教育局 in a
//! Chengdu one. A document's jurisdiction is read from its issuer (an
//! issue's from its gazette's name when a document has no issuer):
//!
//! - the place its name starts with — a run of names each ending in 省,
//!   自治区, 市, 自治州, 州, 地区, 盟, 县, 自治县, 旗 or 区, the most specific
//!   kept (`重庆市渝中区人民政府` → 重庆市渝中区), where a further name is 2 to 8
//!   characters without an organ's word (so `青岑县市场监督管理局` is 青岑县, not
//!   青岑县市);
//! - 国家 for the central bodies (国务院…, 国家…, 中共中央…, 全国人民代表大会…,
//!   中华人民共和国…, and a ministry named alone: 财政部, 教育部);
//! - none otherwise (`某办公室`), shown as missing, never guessed.

/// The characters a place name ends with.
const SUFFIXES: [char; 7] = ['省', '市', '县', '区', '州', '旗', '盟'];
/// Characters that do not occur in a place's own name but do in organs'.
const ORGAN: [char; 14] = [
    '局', '厅', '委', '办', '会', '院', '部', '府', '政', '处', '署', '所', '室', '场',
];

/// The jurisdiction of an issuer (or a gazette's name).
pub fn of_issuer(issuer: &str) -> Option<String> {
    let s: String = issuer.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return None;
    }
    for central in [
        "国务院",
        "国家",
        "中共中央",
        "全国人民代表大会",
        "中华人民共和国",
    ] {
        if s.starts_with(central) {
            return Some("国家".into());
        }
    }
    let chars: Vec<char> = s.chars().collect();
    let suffix_at = |k: usize| chars.get(k).is_some_and(|c| SUFFIXES.contains(c));
    let organ_at = |k: usize| chars.get(k).is_some_and(|c| ORGAN.contains(c));
    let mut end = 0;
    let mut i = 0;
    while i < chars.len() {
        let Some(rel) = chars[i..].iter().position(|c| SUFFIXES.contains(c)) else {
            break;
        };
        let mut stop = i + rel;
        // 澄州省: a suffix right after a suffix continues the name, unless
        // an organ's word follows (某市市政…, 青岑县市场…).
        while suffix_at(stop + 1) && !organ_at(stop + 2) {
            stop += 1;
        }
        let name = &chars[i..stop];
        // The first name: 1 to 12 characters (某市, 黔东南苗族侗族自治州);
        // a further one 2 to 8 (渝中区).
        let (min, max) = if end == 0 { (1, 12) } else { (2, 8) };
        if name.len() < min || name.len() > max || name.iter().any(|c| ORGAN.contains(c)) {
            break;
        }
        end = stop + 1;
        i = end;
    }
    if end > 0 {
        return Some(chars[..end].iter().collect());
    }
    // A ministry named alone (财政部, 生态环境部) is central.
    if s.ends_with('部') && s.chars().count() <= 8 {
        return Some("国家".into());
    }
    None
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
            ("国务院", Some("国家")),
            ("国务院办公厅", Some("国家")),
            ("国家发展改革委", Some("国家")),
            ("财政部", Some("国家")),
            ("中华人民共和国国务院公报", Some("国家")),
            ("办公室", None),
            ("", None),
        ] {
            assert_eq!(of_issuer(issuer).as_deref(), want, "{issuer}");
        }
    }
}
