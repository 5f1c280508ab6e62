//! Wording that findings and reports share: lists read as English, capped lists that name
//! a few and count the rest, and slugs for ids. Kept on the ground floor so that the audit
//! writes its sentences and the reports write theirs the same way.

use std::borrow::Borrow;

/// Lowercase words joined by '-', any script kept: "Søren Dubois" -> "søren-dubois".
pub fn slug(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// "A", "A and B", "A, B and C".
pub fn and_list<S: Borrow<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.borrow().to_string(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last.borrow()),
    }
}

/// Names a sentence lists before counting the rest: a finding about 62 people names a few
/// and says how many more, and the reports that list every name (JSON, CSV) have them all.
/// A title as a sentence names it mid-way: "Software engineering" -> "software
/// engineering". A word whose second letter is a capital ("SRE", "QA") keeps its case.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if chars.clone().next().is_some_and(char::is_lowercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_string(),
    }
}

pub const NAMES_SHOWN: usize = 5;

/// [`and_list`] of the first few items, then how many more: "A, B, C, D, E and 57 more".
pub fn capped_list<S: Borrow<str>>(items: &[S]) -> String {
    capped_of(&items[..items.len().min(NAMES_SHOWN)], items.len())
}

/// The first items of a list of `total`, as [`capped_list`] words it, from only the items it
/// shows: a list of 10,000 carriers need not be gathered to name five of them.
pub fn capped_of<S: Borrow<str>>(shown: &[S], total: usize) -> String {
    if total <= NAMES_SHOWN {
        return and_list(shown);
    }
    let shown: Vec<&str> = shown[..NAMES_SHOWN].iter().map(|s| s.borrow()).collect();
    format!(
        "{} and {} more",
        shown.join(", "),
        super::thousands(total - NAMES_SHOWN)
    )
}

/// Scripts the PDF's CJK face covers and DejaVu does not: Hangul, kana, Han, CJK
/// punctuation and full-width forms.
pub fn might_be_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x11FF | 0x2E80..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Characters text may break or be cut after without a space: each CJK ideograph or
/// syllable is a word of its own.
pub fn breaks_around(c: char) -> bool {
    might_be_cjk(c) && !matches!(u32::from(c), 0xFF01..=0xFF0F | 0xFF1A..=0xFF20)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_every_script() {
        assert_eq!(slug("Søren Dubois"), "søren-dubois");
        assert_eq!(slug("Wei Chen (陈伟)"), "wei-chen-陈伟");
    }

    #[test]
    fn lists_read_as_english() {
        let items = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(and_list(&items(&["A"])), "A");
        assert_eq!(and_list(&items(&["A", "B"])), "A and B");
        assert_eq!(and_list(&items(&["A", "B", "C"])), "A, B and C");
    }

    #[test]
    fn capped_lists_count_what_they_do_not_name() {
        let items: Vec<String> = (1..=7).map(|i| format!("P{i}")).collect();
        assert_eq!(capped_list(&items[..5]), "P1, P2, P3, P4 and P5");
        assert_eq!(capped_list(&items), "P1, P2, P3, P4, P5 and 2 more");
        assert_eq!(capped_of(&items[..5], 7), capped_list(&items));
    }
}
