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
            let exact = damerau_levenshtein(word, c);
            let folded = damerau_levenshtein(&lower, &c.to_lowercase());
            // Doubled so that a case-only difference (folded 0, exact n) costs less than a real edit.
            let cost = 2 * folded + usize::from(exact != folded);
            (folded <= budget).then_some((cost, c))
        })
        .min_by_key(|&(cost, c)| (cost, c.len(), c))
        .map(|(_, c)| c)
}

/// The edit distance between `a` and `b` in characters, counting an insertion, a deletion, a substitution and a
/// swap of two characters (however far apart the edits between them) as one edit each: the unrestricted
/// Damerau–Levenshtein distance of Lowrance and Wagner, as `strsim::damerau_levenshtein` computes it (a property
/// test holds the two to each other). Written here because the WebAssembly module paid 1.5 KiB gzipped for
/// strsim's generic version and the standard library's `HashMap` it keeps the last row of each character in.
fn damerau_levenshtein(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len());
    }
    // The table has a row and a column more than the usual one, holding `a.len() + b.len()`, more than any
    // distance: no path goes through them.
    let width = b.len() + 2;
    let far = a.len() + b.len();
    let mut d = vec![far; (a.len() + 2) * width];
    let get = |d: &[usize], i: usize, j: usize| d.get(i * width + j).copied().unwrap_or(far);
    let set = |d: &mut [usize], i: usize, j: usize, value: usize| {
        if let Some(cell) = d.get_mut(i * width + j) {
            *cell = value;
        }
    };
    for i in 0..=a.len() {
        set(&mut d, i + 1, 1, i);
    }
    for j in 0..=b.len() {
        set(&mut d, 1, j + 1, j);
    }
    // The last row of `a` each character was seen in (words are short: a list beats a map).
    let mut last_row: Vec<(char, usize)> = Vec::new();
    for (i, &ac) in (1..).zip(&a) {
        // The last column of `b` that matched `ac` in this row.
        let mut last_column = 0;
        for (j, &bc) in (1..).zip(&b) {
            let k = last_row
                .iter()
                .find(|&&(c, _)| c == bc)
                .map_or(0, |&(_, row)| row);
            let swap = get(&d, k, last_column) + (i - k - 1) + 1 + (j - last_column - 1);
            if ac == bc {
                last_column = j;
            }
            let best = (get(&d, i, j) + usize::from(ac != bc))
                .min(get(&d, i, j + 1) + 1)
                .min(get(&d, i + 1, j) + 1)
                .min(swap);
            set(&mut d, i + 1, j + 1, best);
        }
        match last_row.iter_mut().find(|(c, _)| *c == ac) {
            Some(entry) => entry.1 = i,
            None => last_row.push((ac, i)),
        }
    }
    get(&d, a.len() + 1, b.len() + 1)
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

    proptest::proptest! {
        /// The distance is strsim's, on words from a small alphabet (so that swaps and repeats are common) and on
        /// any text.
        #[test]
        fn distance_is_strsims(a in "[abcặ_]{0,9}", b in "[abcặ_]{0,9}", x in ".{0,12}", y in ".{0,12}") {
            proptest::prop_assert_eq!(super::damerau_levenshtein(&a, &b), strsim::damerau_levenshtein(&a, &b));
            proptest::prop_assert_eq!(super::damerau_levenshtein(&x, &y), strsim::damerau_levenshtein(&x, &y));
        }
    }

    #[test]
    fn measures_swaps_across_edits() {
        assert_eq!(super::damerau_levenshtein("ca", "abc"), 2);
        assert_eq!(super::damerau_levenshtein("so_kdht", "so_khdt"), 1);
        assert_eq!(super::damerau_levenshtein("", "abc"), 3);
        assert_eq!(super::damerau_levenshtein("sở", "so"), 1);
    }

    #[test]
    fn stays_quiet_when_nothing_is_close() {
        assert_eq!(best_match("ubnd_huyen", ["so_khdt", "so_tc"]), None);
        assert_eq!(best_match("x", ["so_khdt"]), None);
        assert_eq!(best_match("goal", ["goal"]), None);
    }
}
