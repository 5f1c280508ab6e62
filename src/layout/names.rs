//! The people in one cell: a list's owner cell or a letter column's cell often names more
//! than one ("Gilly & Alex", "Deanna / Peta", "Ana y Bruno"), and a cell kept whole makes a
//! person out of a pair.
//!
//! The rule, in order:
//!
//! - Semicolons and line breaks always separate.
//! - `&`, `+`, `/` and the word "and" in the languages we read (and, y, e, et, und, en, i,
//!   и, và, ve, och, og) separate when every part is a name: one to three words, no
//!   digits, each part at least two letters. So "R&D", "AT&T", "N/A", "24/7" and "Q3 + Q4"
//!   stay whole, and a symbol separates with or without spaces ("Legal/Finance"), a word
//!   only between spaces.
//! - Commas separate only when there are three or more parts, or a part is more than one
//!   word or reads as a role: "Lima, Ana" is one person written surname first, "Dev, QA,
//!   Content Team" three parties.

use super::vocabulary::looks_like_role_title;

/// Words that join two names, in the languages whose sheets we read.
const AND_WORDS: &[&str] = &[
    "and", "y", "e", "et", "und", "en", "i", "и", "và", "ve", "och", "og",
];

/// The names in one cell, in the order written.
pub(super) fn split_people(cell: &str) -> Vec<&str> {
    let mut people = Vec::new();
    for piece in cell
        .split([';', '\n', '\r'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        for part in split_commas(piece) {
            people.extend(split_joined(part));
        }
    }
    people
}

fn split_commas(piece: &str) -> Vec<&str> {
    let parts: Vec<&str> = piece
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let separate = parts.len() >= 3
        || parts
            .iter()
            .any(|p| p.split_whitespace().count() >= 2 || looks_like_role_title(p));
    if separate {
        parts
    } else {
        vec![piece]
    }
}

/// `text` split on `&`, `+`, `/` and "and" words, when every part is a name; else whole.
fn split_joined(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    for symbol_part in text.split(['&', '+', '/']) {
        let mut rest = symbol_part;
        // A joining word counts only between spaces: " y " in "Ana y Bruno".
        'words: loop {
            for (at, _) in rest.match_indices(' ') {
                let after = &rest[at + 1..];
                let word_end = after.find(' ').unwrap_or(after.len());
                let word = &after[..word_end];
                if word_end < after.len() && AND_WORDS.contains(&word.to_lowercase().as_str()) {
                    parts.push(rest[..at].trim());
                    rest = &after[word_end + 1..];
                    continue 'words;
                }
            }
            break;
        }
        parts.push(rest.trim());
    }
    if parts.len() > 1 && parts.iter().all(|p| is_name(p)) {
        parts
    } else {
        vec![text.trim()]
    }
}

/// One to three words with letters and no digits, at least two letters long. A joined
/// department ("Sales & Marketing") reads as two parties too: the cell cannot tell them
/// from two people.
fn is_name(part: &str) -> bool {
    let words = part.split_whitespace().count();
    (1..=3).contains(&words)
        && part.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !part.chars().any(|c| c.is_numeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_of_several_people_gives_each() {
        for (cell, people) in [
            ("Gilly & Alex", vec!["Gilly", "Alex"]),
            ("Deanna / Peta", vec!["Deanna", "Peta"]),
            ("Legal/Finance", vec!["Legal", "Finance"]),
            ("PM + QA", vec!["PM", "QA"]),
            ("Ana y Bruno", vec!["Ana", "Bruno"]),
            ("Marie et Paul", vec!["Marie", "Paul"]),
            ("Jan und Eva Berg", vec!["Jan", "Eva Berg"]),
            ("Ana Lima and Bo Berg", vec!["Ana Lima", "Bo Berg"]),
            ("Dev, QA, Content Team", vec!["Dev", "QA", "Content Team"]),
            ("Ana Lima, Bo Berg", vec!["Ana Lima", "Bo Berg"]),
            ("Ana; Bo\nCy", vec!["Ana", "Bo", "Cy"]),
            ("Ana & Bo; Cy", vec!["Ana", "Bo", "Cy"]),
        ] {
            assert_eq!(split_people(cell), people, "{cell}");
        }
    }

    #[test]
    fn a_cell_that_is_one_name_or_no_names_stays_whole() {
        for cell in [
            "Lima, Ana",
            "R&D",
            "AT&T",
            "N/A",
            "24/7 support desk",
            "Q3 + Q4",
            "Research and Development Team Leads Group",
            "Andy",
            "Sandra Ivanova",
        ] {
            assert_eq!(split_people(cell), vec![cell], "{cell}");
        }
    }
}
