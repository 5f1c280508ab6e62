//! RACI marks: what a cell of a responsibility matrix says about one party and one task.
//!
//! Reading is strict about meaning and forgiving about spelling. Letters, full words and the
//! ticks people use for "does it" are accepted in any case, several to a cell ("A/R", "R, C",
//! "RA"), and the whole set is kept. Letters of other schemes are never guessed: an "S" or a
//! "D" means something only when the user names the scheme, and is otherwise reported as an
//! unknown mark naming its cell.

use std::borrow::Cow;
use std::fmt;

use rayon::prelude::*;
use serde::Serialize;

use crate::input::RawTable;

/// One letter of a responsibility matrix, in the RACI vocabulary every scheme maps onto.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    /// Does the work.
    Responsible,
    /// Owns the outcome and signs it off; one per task.
    Accountable,
    /// Helps the responsible party do the work (RASCI's S).
    Support,
    /// Gives input before the work is done.
    Consulted,
    /// Is told once it is done.
    Informed,
}

impl Mark {
    pub const ALL: [Mark; 5] = [
        Mark::Responsible,
        Mark::Accountable,
        Mark::Support,
        Mark::Consulted,
        Mark::Informed,
    ];

    pub fn letter(self) -> char {
        match self {
            Mark::Responsible => 'R',
            Mark::Accountable => 'A',
            Mark::Support => 'S',
            Mark::Consulted => 'C',
            Mark::Informed => 'I',
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Mark::Responsible => "Responsible",
            Mark::Accountable => "Accountable",
            Mark::Support => "Support",
            Mark::Consulted => "Consulted",
            Mark::Informed => "Informed",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// The set of marks in one cell, never collapsed: "A/R" is both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Marks(u8);

impl Marks {
    pub fn of(marks: &[Mark]) -> Marks {
        Marks(marks.iter().fold(0, |bits, m| bits | m.bit()))
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn has(self, mark: Mark) -> bool {
        self.0 & mark.bit() != 0
    }

    pub fn insert(&mut self, mark: Mark) {
        self.0 |= mark.bit();
    }

    pub fn union(self, other: Marks) -> Marks {
        Marks(self.0 | other.0)
    }

    pub fn iter(self) -> impl Iterator<Item = Mark> {
        Mark::ALL.into_iter().filter(move |m| self.has(*m))
    }

    /// Responsible, supporting or accountable: the party does or owns the work, as opposed to
    /// being asked or told about it.
    pub fn carries_work(self) -> bool {
        self.has(Mark::Responsible) || self.has(Mark::Support) || self.has(Mark::Accountable)
    }

    /// "R/A" style, for people: letters in R, A, S, C, I order.
    pub fn letters(self) -> String {
        self.iter().map(Mark::letter).collect()
    }
}

impl fmt::Display for Marks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let letters: Vec<String> = self.iter().map(|m| m.letter().to_string()).collect();
        f.write_str(&letters.join("/"))
    }
}

impl Serialize for Marks {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.letters())
    }
}

/// Which letters a sheet uses. Each maps onto [`Mark`]; README "RACI charts" documents it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scheme {
    /// Responsible, Accountable, Consulted, Informed.
    #[default]
    Raci,
    /// RACI plus S, Support: helps the responsible party.
    Rasci,
    /// Driver (as R), Approver (as A), Contributor (as C), Informed.
    Daci,
}

impl Scheme {
    pub const ALL: [Scheme; 3] = [Scheme::Raci, Scheme::Rasci, Scheme::Daci];

    pub fn name(self) -> &'static str {
        match self {
            Scheme::Raci => "raci",
            Scheme::Rasci => "rasci",
            Scheme::Daci => "daci",
        }
    }

    /// The mark a letter stands for in this scheme.
    fn letter(self, letter: char) -> Option<Mark> {
        Some(match (self, letter) {
            (Scheme::Raci | Scheme::Rasci, 'R') | (Scheme::Daci, 'D') => Mark::Responsible,
            (_, 'A') => Mark::Accountable,
            (Scheme::Rasci, 'S') => Mark::Support,
            (_, 'C') => Mark::Consulted,
            (_, 'I') => Mark::Informed,
            _ => return None,
        })
    }

    /// The mark a whole word stands for in this scheme (lowercase input).
    fn word(self, word: &str) -> Option<Mark> {
        Some(match (self, word) {
            (Scheme::Raci | Scheme::Rasci, "responsible") => Mark::Responsible,
            (Scheme::Raci | Scheme::Rasci, "accountable") => Mark::Accountable,
            (Scheme::Rasci, "support" | "supportive" | "supporting") => Mark::Support,
            (Scheme::Raci | Scheme::Rasci, "consulted") => Mark::Consulted,
            (Scheme::Daci, "driver") => Mark::Responsible,
            (Scheme::Daci, "approver") => Mark::Accountable,
            (Scheme::Daci, "contributor" | "contributors") => Mark::Consulted,
            (_, "informed") => Mark::Informed,
            _ => return None,
        })
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What one cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellMarks {
    /// Blank, or a placeholder that means "not involved" ("-", "n/a", "no").
    None,
    Marks(Marks),
    /// Text that is no mark of the scheme: a warning, never a guess.
    Unknown,
}

/// Ticks and words that mean "this party does it".
const TICKS: &[&str] = &["x", "✓", "✔", "☑", "✅", "yes", "y", "true", "•", "●"];

/// Cell texts that mean "not involved".
const NOT_INVOLVED: &[&str] = &[
    "-", "–", "—", "no", "n", "n/a", "na", "none", "false", "0", ".", "✗", "✘",
];

/// Separators between several marks in one cell.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '/' | ',' | ';' | '+' | '&' | '|' | '\\')
}

/// Words that join two marks in one cell, "R et A", "R y A", "R und A", in the languages
/// rolecall reads: read as both marks, as "R/A" is. Only between two other words, so a
/// cell that opens or ends with one is no mark; the one-letter ones only in lowercase
/// between capitals, since "R I A" is three marks and "R i A" Catalan or Polish for two.
pub(super) fn is_joining_word(token: &str, before: &str, after: &str) -> bool {
    const JOINING: &[&str] = &["and", "et", "und", "en", "og", "och", "ve", "та", "plus"];
    const ONE_LETTER: &[&str] = &["y", "e", "i", "и", "і"];
    let capitals = |t: &str| !t.chars().any(char::is_lowercase);
    if ONE_LETTER.contains(&token) {
        return capitals(before) && capitals(after);
    }
    token.chars().count() <= 4 && JOINING.iter().any(|j| j.eq_ignore_ascii_case(token))
}

/// The Latin capital a Cyrillic or Greek letter is written like, for the marks typed on
/// a keyboard of another alphabet: a Russian "С" in a column of C's is a C. Only the
/// letters of the marks (A, C, I, and the S Cyrillic has none of); "Р" looks like P and
/// "В" like B, which are no marks, so they are left as they are.
fn latin_lookalike(c: char) -> char {
    match c {
        'А' | 'а' | 'Α' | 'α' => 'A',
        'С' | 'с' | 'Ϲ' | 'ϲ' => 'C',
        'І' | 'і' | 'Ι' | 'ι' | 'Ӏ' => 'I',
        _ => c,
    }
}

/// The most characters of any whole-cell word in [`TICKS`] and [`NOT_INVOLVED`]. Lowercase
/// never has fewer characters than the text it came from, so a longer cell is none of them
/// and need not be lowercased whole: every cell of a sheet passes through here while its
/// layout is detected.
const LONGEST_CELL_WORD: usize = 5;

/// A token without the brackets and punctuation written around marks: "(R)", "A.", "C*".
fn trim_token(token: &str) -> &str {
    token.trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ':' | '*'))
}

/// Reads one cell under a scheme.
pub fn read_cell(text: &str, scheme: Scheme) -> CellMarks {
    let text = text.trim();
    let mut buffer = [0u8; LOWER_BUFFER];
    if text.chars().nth(LONGEST_CELL_WORD).is_none() {
        let lower = lowercase(text, &mut buffer);
        if lower.is_empty() || NOT_INVOLVED.contains(&&*lower) {
            return CellMarks::None;
        }
        if TICKS.contains(&&*lower) {
            return CellMarks::Marks(Marks::of(&[Mark::Responsible]));
        }
    }
    let mut marks = Marks::default();
    let mut tokens = text
        .split(is_separator)
        .map(trim_token)
        .filter(|t| !t.is_empty())
        .peekable();
    let mut previous: Option<&str> = None;
    while let Some(token) = tokens.next() {
        let joins = match (previous, tokens.peek()) {
            (Some(before), Some(after)) => is_joining_word(token, before, after),
            _ => false,
        };
        previous = Some(token);
        if joins {
            continue;
        }
        let token = lowercase(token, &mut buffer);
        if let Some(mark) = scheme.word(&token) {
            marks.insert(mark);
            continue;
        }
        // Run-together letters, "RA" or "ARC": every one must belong to the scheme.
        if token.chars().count() > Mark::ALL.len() {
            return CellMarks::Unknown;
        }
        for c in token.chars() {
            match scheme.letter(latin_lookalike(c).to_ascii_uppercase()) {
                Some(mark) => marks.insert(mark),
                None => return CellMarks::Unknown,
            }
        }
    }
    if marks.is_empty() {
        CellMarks::None
    } else {
        CellMarks::Marks(marks)
    }
}

/// Room for the longest word a mark can be spelled with ("contributors"), and some.
const LOWER_BUFFER: usize = 16;

/// A text lowercased, in `buffer` when it is short ASCII (every mark, word and tick but the
/// symbols): layout detection asks this of every cell of a sheet, most of them marks.
fn lowercase<'b>(text: &str, buffer: &'b mut [u8; LOWER_BUFFER]) -> Cow<'b, str> {
    match buffer.get_mut(..text.len()) {
        Some(lower) if text.is_ascii() => {
            lower.copy_from_slice(text.as_bytes());
            lower.make_ascii_lowercase();
            // ASCII in, ASCII out: always valid.
            Cow::Borrowed(std::str::from_utf8(lower).unwrap_or_default())
        }
        _ => Cow::Owned(text.to_lowercase()),
    }
}

/// Whether a trimmed cell's first word already shows it is no mark under any scheme, as
/// [`read_cell`] would find, but without lowercasing anything: every cell of a sheet is
/// asked while its layout is detected, and most are sentences or names. Only a plain ASCII
/// first word of a cell longer than any whole-cell word is judged; anything else is left
/// to [`read_cell`].
fn first_word_rules_out_marks(text: &str) -> bool {
    if text.chars().nth(LONGEST_CELL_WORD).is_none() {
        return false;
    }
    let Some(first) = text
        .split(is_separator)
        .map(trim_token)
        .find(|t| !t.is_empty())
    else {
        return false;
    };
    if !first.is_ascii() {
        return false;
    }
    if first.len() > LOWER_BUFFER {
        // Longer than every word and than any run of letters.
        return true;
    }
    let mut buffer = [0u8; LOWER_BUFFER];
    let lower = lowercase(first, &mut buffer);
    let lower = &*lower;
    Scheme::ALL.into_iter().all(|scheme| {
        scheme.word(lower).is_none()
            && (lower.len() > Mark::ALL.len()
                || !lower
                    .chars()
                    .all(|c| scheme.letter(c.to_ascii_uppercase()).is_some()))
    })
}

/// Whether a cell reads as marks under some scheme.
pub fn reads_as_marks(text: &str) -> bool {
    let text = text.trim();
    // No mark word or letter has a digit: hours, dates and ids are ruled out at once.
    !text.bytes().any(|b| b.is_ascii_digit())
        && !first_word_rules_out_marks(text)
        && Scheme::ALL
            .into_iter()
            .any(|scheme| matches!(read_cell(text, scheme), CellMarks::Marks(_)))
}

/// Whether some cell of the table reads as marks: what every matrix reading counts, and
/// needs at least one of. A list has none, so all its cells are asked, on every core.
pub fn any_cell_reads_as_marks(table: &RawTable) -> bool {
    table
        .rows
        .par_iter()
        .flat_map_iter(|row| &row.cells)
        .any(|cell| reads_as_marks(&cell.text))
}

/// Whether a cell could be a mark under some scheme, or a short code like one: used to tell
/// a matrix's party columns from its text columns before the scheme's reading is applied.
pub fn looks_like_mark(text: &str) -> bool {
    let text = text.trim();
    if first_word_rules_out_marks(text) {
        return false;
    }
    Scheme::ALL
        .into_iter()
        .any(|scheme| !matches!(read_cell(text, scheme), CellMarks::Unknown))
        || (text.chars().count() <= 3 && !text.chars().any(char::is_numeric))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_word_shortcut_agrees_with_reading_the_cell() {
        for text in [
            "Code review",
            "Responsible / Accountable",
            "R, A and more words",
            "RACI matrix upkeep",
            "Accountable",
            "ARCIS and stuff",
            "Informed (by email)",
            "Dri ver",
            "extraordinarily long first word",
            "Ünïcode words here",
            "Σ-driven planning",
            "R/A",
            "x",
            "(R) owner of things",
        ] {
            let read = Scheme::ALL
                .into_iter()
                .any(|scheme| !matches!(read_cell(text, scheme), CellMarks::Unknown));
            if first_word_rules_out_marks(text) {
                assert!(!read, "{text}: ruled out, yet reads as marks");
            }
        }
        assert!(first_word_rules_out_marks("Code review"));
        assert!(!first_word_rules_out_marks("Responsible / Accountable"));
    }

    #[test]
    fn no_whole_cell_word_is_longer_than_the_shortcut_assumes() {
        for word in TICKS.iter().chain(NOT_INVOLVED) {
            assert!(word.chars().count() <= LONGEST_CELL_WORD, "{word}");
        }
        assert!(matches!(
            read_cell("  FALSE ", Scheme::Raci),
            CellMarks::None
        ));
        assert!(matches!(
            read_cell("Responsible / Accountable", Scheme::Raci),
            CellMarks::Marks(_)
        ));
    }

    fn marks(text: &str, scheme: Scheme) -> String {
        match read_cell(text, scheme) {
            CellMarks::Marks(m) => m.letters(),
            CellMarks::None => "-".into(),
            CellMarks::Unknown => "?".into(),
        }
    }

    #[test]
    fn letters_words_and_ticks() {
        let raci = Scheme::Raci;
        assert_eq!(marks("R", raci), "R");
        assert_eq!(marks(" a ", raci), "A");
        assert_eq!(marks("Responsible", raci), "R");
        assert_eq!(marks("consulted", raci), "C");
        assert_eq!(marks("INFORMED", raci), "I");
        for tick in ["x", "X", "✓", "yes", "Y", "TRUE"] {
            assert_eq!(marks(tick, raci), "R", "{tick}");
        }
        for blank in ["", "-", "n/a", "No", "FALSE"] {
            assert_eq!(marks(blank, raci), "-", "{blank}");
        }
    }

    #[test]
    fn several_marks_in_one_cell_are_kept() {
        let raci = Scheme::Raci;
        assert_eq!(marks("A/R", raci), "RA");
        assert_eq!(marks("R, C", raci), "RC");
        assert_eq!(marks("RA", raci), "RA");
        assert_eq!(marks("Accountable + Responsible", raci), "RA");
        assert_eq!(marks("(A)", raci), "A");
    }

    #[test]
    fn joined_marks_in_the_languages_we_read() {
        let raci = Scheme::Raci;
        for joined in [
            "R et A", "R y A", "R und A", "R and A", "R & A", "R+A", "R e A", "R en A",
        ] {
            assert_eq!(marks(joined, raci), "RA", "{joined}");
        }
        assert_eq!(marks("R i A", raci), "RA");
        assert_eq!(marks("R I A", raci), "RAI");
        assert_eq!(marks("Responsible and Accountable", raci), "RA");
        // A joining word at either end joins nothing: no mark.
        assert_eq!(marks("R and", raci), "?");
        assert_eq!(marks("et A", raci), "?");
        assert_eq!(marks("Design and build", raci), "?");
    }

    #[test]
    fn look_alike_letters_of_other_alphabets() {
        // Cyrillic Es, A and I typed for the Latin letters.
        assert_eq!(marks("С", Scheme::Raci), "C");
        assert_eq!(marks("А", Scheme::Raci), "A");
        assert_eq!(marks("І", Scheme::Raci), "I");
        assert_eq!(marks("Р", Scheme::Raci), "?");
        assert_eq!(marks("В", Scheme::Raci), "?");
    }

    #[test]
    fn other_schemes_only_when_named() {
        assert_eq!(marks("S", Scheme::Raci), "?");
        assert_eq!(marks("S", Scheme::Rasci), "S");
        assert_eq!(marks("R/S", Scheme::Rasci), "RS");
        assert_eq!(marks("D", Scheme::Raci), "?");
        assert_eq!(marks("D", Scheme::Daci), "R");
        assert_eq!(marks("Driver", Scheme::Daci), "R");
        assert_eq!(marks("Approver", Scheme::Daci), "A");
        assert_eq!(marks("Contributor", Scheme::Daci), "C");
        assert_eq!(marks("R", Scheme::Daci), "?");
        assert_eq!(marks("Driver", Scheme::Raci), "?");
    }

    #[test]
    fn text_is_not_a_mark() {
        assert_eq!(marks("TBD", Scheme::Raci), "?");
        assert_eq!(marks("Roadmap", Scheme::Raci), "?");
        assert!(looks_like_mark("A/R"));
        assert!(looks_like_mark("TBD"));
        assert!(looks_like_mark("S"));
        assert!(!looks_like_mark("Write the launch plan"));
        assert!(!looks_like_mark("12"));
    }

    #[test]
    fn display_and_carrying() {
        let m = Marks::of(&[Mark::Accountable, Mark::Responsible]);
        assert_eq!(m.to_string(), "R/A");
        assert!(m.carries_work());
        assert!(!Marks::of(&[Mark::Consulted, Mark::Informed]).carries_work());
    }
}
