//! "Did you mean …?": the one place that picks the closest name to a misspelt one.

/// The candidate closest to `word`, if it is close enough to be what the user meant.
///
/// Close enough means an edit distance (with transpositions) of at most a third of the word's length, and at least
/// one edit; case differences count as half an edit so that `So_KHDT` finds `so_khdt`.
pub fn best_match<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let budget = (word.chars().count() / 3).max(1);
    if word.len() > 200 {
        return None;
    }
    let lower = word.to_lowercase();
    let length = word.chars().count();
    candidates
        .into_iter()
        .filter(|c| *c != word)
        // Cheap bound first: no edit script is shorter than the difference in length.
        .filter(|c| c.chars().count().abs_diff(length) <= budget)
        .filter_map(|c| {
            let exact = strsim::damerau_levenshtein(word, c);
            let folded = strsim::damerau_levenshtein(&lower, &c.to_lowercase());
            // Doubled so that a case-only difference (folded 0, exact n) costs less than a real edit.
            let cost = 2 * folded + usize::from(exact != folded);
            (folded <= budget).then_some((cost, c))
        })
        .min_by_key(|&(cost, c)| (cost, c.len(), c))
        .map(|(_, c)| c)
}

/// A name as an id would spell it: `Sở KH&ĐT` → `so_kh_dt`.
pub fn ascii_id(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars().flat_map(fold_vietnamese) {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('_') && !id.is_empty() {
            id.push('_');
        }
    }
    id.trim_end_matches('_').to_string()
}

/// A text for matching what someone types: lowercase, without Vietnamese diacritics (`Sở KH&ĐT` → `so kh&dt`), so
/// that `so ke hoach` finds `Sở Kế hoạch`. Other letters outside ASCII become spaces.
pub fn fold(text: &str) -> String {
    text.chars()
        .filter_map(fold_vietnamese)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Drops Vietnamese diacritics: `ở` → `o`, `Đ` → `D`.
fn fold_vietnamese(c: char) -> Option<char> {
    const GROUPS: [(&str, char); 14] = [
        ("àáạảãâầấậẩẫăằắặẳẵ", 'a'),
        ("ÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴ", 'A'),
        ("èéẹẻẽêềếệểễ", 'e'),
        ("ÈÉẸẺẼÊỀẾỆỂỄ", 'E'),
        ("ìíịỉĩ", 'i'),
        ("ÌÍỊỈĨ", 'I'),
        ("òóọỏõôồốộổỗơờớợởỡ", 'o'),
        ("ÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠ", 'O'),
        ("ùúụủũưừứựửữ", 'u'),
        ("ÙÚỤỦŨƯỪỨỰỬỮ", 'U'),
        ("ỳýỵỷỹ", 'y'),
        ("ỲÝỴỶỸ", 'Y'),
        ("đ", 'd'),
        ("Đ", 'D'),
    ];
    if c.is_ascii() {
        return Some(c);
    }
    GROUPS
        .iter()
        .find(|(group, _)| group.contains(c))
        .map(|&(_, base)| base)
        .or(Some(' '))
}

#[cfg(test)]
mod tests {
    use super::best_match;

    #[test]
    fn finds_typos_and_case_slips() {
        let ids = ["so_khdt", "so_tc", "so_nnptnt", "cuc_thong_ke"];
        assert_eq!(best_match("so_khdtt", ids), Some("so_khdt"));
        assert_eq!(best_match("so_kdht", ids), Some("so_khdt"));
        assert_eq!(best_match("SO_TC", ids), Some("so_tc"));
        assert_eq!(best_match("cuc_thongke", ids), Some("cuc_thong_ke"));
    }

    #[test]
    fn spells_names_as_ids() {
        assert_eq!(super::ascii_id("Sở KH&ĐT"), "so_kh_dt");
        assert_eq!(super::ascii_id("sở_khđt"), "so_khdt");
        assert_eq!(super::ascii_id("Cục Thống kê"), "cuc_thong_ke");
    }

    #[test]
    fn stays_quiet_when_nothing_is_close() {
        assert_eq!(best_match("ubnd_huyen", ["so_khdt", "so_tc"]), None);
        assert_eq!(best_match("x", ["so_khdt"]), None);
        assert_eq!(best_match("goal", ["goal"]), None);
    }
}
