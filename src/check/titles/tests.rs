//! The one-pass normalisation gives what splitting, joining and lowercasing the whole string gives.

use super::normalize_into;

fn slow(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[test]
fn normalizing_in_one_pass_matches_lowercasing_the_joined_words() {
    let titles = [
        "Xây dựng   Kế hoạch",
        "  XÂY DỰNG kế HOẠCH\tthực hiện\nNghị quyết  ",
        "Đẩy mạnh ỨNG DỤNG công nghệ thông tin",
        "İstanbul ǅ ΣΟΦΟΣ ΟΔΟΣ",
        "a\u{00A0}b\u{3000}c\u{000B}d",
        "",
        "   ",
    ];
    let mut out = String::new();
    for title in titles {
        normalize_into(title, &mut out);
        assert_eq!(out, slow(title), "{title:?}");
    }
}
