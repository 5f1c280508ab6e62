//! A sheet's own key to its marks. A chart may explain its marks anywhere on its sheet:
//! under the chart, above it, beside it; one entry to a cell ("R = Responsible", "Q:
//! quality review", "Responsible (R)") or a mark and its meaning in two cells side by side
//! ("D | Driver", "Lead | L"), in any language [`meaning_of`] knows. The chart's cells are
//! then read through that key: a letter no scheme knows takes the meaning the sheet gives
//! it, and a legend of two entries or more may give a scheme's own letter another meaning
//! ("A | Auxiliary"), since the sheet's word is the one its writers read. A meaning outside
//! RACI is kept as explained, and neither owns nor is told of the task.

use super::super::marks::{is_joining_word, read_cell, CellMarks, Marks, Scheme};
use super::super::meanings::{meaning_of, Meaning};
use crate::input::RawRow;

/// One mark the sheet explains, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    /// The mark as written, trimmed.
    pub mark: String,
    pub meaning: Meaning,
    /// The sheet's own words for it, shortened, to say what an explained mark means.
    pub words: String,
    /// The sheet's row and column (1-based, 0-based) of the mark.
    pub row: u32,
    pub column: u32,
    /// An explanation beside the meaning that names another one ("D | Driver | Assists
    /// those who are responsible"): its words and what they read as. The name is taken,
    /// and the disagreement said.
    pub disagrees: Option<(String, Meaning)>,
}

/// Every mark the sheet explains.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Key {
    pub entries: Vec<Entry>,
    /// Some entry gives one of the scheme's own marks another meaning, and the key may.
    redefines: bool,
}

/// The most characters a mark of a legend has ("R", "R/A", "✓", "В1").
const MARK_CHARS: usize = 3;

/// The most words the meaning of a "meaning | mark" pair has: more is a task's text with a
/// mark beside it, not a legend.
const MEANING_FIRST_WORDS: usize = 4;

/// Whether a cell's whole text is written like a mark a legend explains: a few capitals
/// ("R", "Q", "R/A"), or a tick or symbol ("✓", "x", "●"). No digits, no lowercase words.
fn is_mark_text(text: &str) -> bool {
    let text = text.trim();
    let count = text.chars().count();
    if count == 0 || count > MARK_CHARS {
        return false;
    }
    if text == "x" {
        return true;
    }
    let symbols = text
        .chars()
        .all(|c| !c.is_alphanumeric() && !c.is_whitespace());
    let capitals = text.chars().any(char::is_uppercase)
        && text
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, '/' | '+' | '&'));
    // A dash or a dot alone is a blank, never a mark.
    capitals || (symbols && count == 1 && !matches!(text, "-" | "–" | "—" | "." | "*" | "/"))
}

/// A legend's explanation shortened to its first phrase, what a sentence of a doubt can
/// carry: "SUPPORT - 'Helper' - Provides support" is "SUPPORT".
fn shortened(text: &str) -> String {
    let first = [" - ", " – ", " — ", ":", "(", ".", ";", " '", "\n"]
        .iter()
        .filter_map(|sep| text.find(sep))
        .filter(|&at| at > 0)
        .min()
        .map_or(text, |at| &text[..at]);
    let words: Vec<&str> = first.split_whitespace().take(6).collect();
    let short = words.join(" ");
    short
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// The separators between a mark and its meaning written in one cell.
const ONE_CELL_SEPARATORS: &[&str] = &["=>", "->", "=", ":", "–", "—", " - ", "|", "→"];

/// One cell's entries: "R = Responsible", "Q: quality review", "Responsible (R)", or
/// several of them ("R = Responsible; A = Accountable").
fn one_cell_entries(text: &str) -> Vec<(String, Meaning, String)> {
    let mut found = Vec::new();
    // Every cell of a sheet is asked: most hold no separator at all.
    if !text.contains(['(', '=', ':', '–', '—', '-', '|', '→', '>']) {
        return found;
    }
    for part in text.split([';', '\n', ',']) {
        let part = part.trim();
        // "Responsible (R)"
        if let Some(open) = part.rfind('(') {
            let inside = part[open + 1..].trim_end_matches(')').trim();
            let before = part[..open].trim();
            if part.ends_with(')') && is_mark_text(inside) && !before.is_empty() {
                if let Some(meaning) = meaning_first(before) {
                    found.push((inside.to_string(), meaning, shortened(before)));
                    continue;
                }
            }
        }
        // "R = Responsible", "Q: quality review", "D – Driver"
        let split = ONE_CELL_SEPARATORS
            .iter()
            .filter_map(|sep| part.find(sep).map(|at| (at, sep.len())))
            .min_by_key(|&(at, _)| at);
        if let Some((at, len)) = split {
            let (mark, meaning) = (part[..at].trim(), part[at + len..].trim());
            if is_mark_text(mark) {
                if let Some(m) = meaning_of(meaning) {
                    found.push((mark.to_string(), m, shortened(meaning)));
                }
            }
        }
    }
    found
}

/// A short text's meaning, for the "meaning | mark" order, where a long text is a task:
/// its first word must name the meaning ("Lead", "Auxiliary", "Primary"), as a task's
/// text ("Review the copy") seldom opens with one.
fn meaning_first(text: &str) -> Option<Meaning> {
    let first = text.split_whitespace().next()?;
    (text.split_whitespace().count() <= MEANING_FIRST_WORDS && meaning_of(first).is_some())
        .then(|| meaning_of(text))
        .flatten()
}

/// Reads the key of a sheet from its rows, leaving out the cells `in_chart` says belong
/// to the chart (a task's mark beside a task's text is no legend entry). The first entry
/// for a mark stands.
pub(super) fn read_key(
    rows: &[RawRow],
    scheme: Scheme,
    in_chart: impl Fn(u32, u32) -> bool,
) -> Key {
    let mut key = Key::default();
    let add = |key: &mut Key, mark: &str, meaning: Meaning, words: String, at: (u32, u32)| {
        if key.entries.iter().any(|e| e.mark == mark) {
            return;
        }
        key.entries.push(Entry {
            mark: mark.to_string(),
            meaning,
            words,
            row: at.0,
            column: at.1,
            disagrees: None,
        });
    };
    for row in rows {
        let cells: Vec<_> = row
            .cells
            .iter()
            .filter(|c| !in_chart(row.number, c.column))
            .collect();
        for (index, cell) in cells.iter().enumerate() {
            let text = cell.text.trim();
            for (mark, meaning, words) in one_cell_entries(text) {
                add(&mut key, &mark, meaning, words, (row.number, cell.column));
            }
            if !is_mark_text(text) {
                continue;
            }
            // "D | Driver | assists those responsible": the meaning right of the mark.
            let next = cells.get(index + 1).filter(|n| n.column == cell.column + 1);
            if let Some(meaning) = next.and_then(|n| meaning_of(&n.text)) {
                let words = shortened(&next.map(|n| n.text.to_string()).unwrap_or_default());
                let known = key.entries.len();
                add(&mut key, text, meaning, words, (row.number, cell.column));
                let explained = cells
                    .get(index + 2)
                    .filter(|e| e.column == cell.column + 2)
                    .and_then(|e| meaning_of(&e.text).map(|m| (shortened(&e.text), m)))
                    .filter(|(_, m)| *m != meaning);
                if let (Some(entry), Some(explained)) = (key.entries.get_mut(known), explained) {
                    entry.disagrees = Some(explained);
                }
                continue;
            }
            // "Lead | L": a short meaning left of the mark.
            let before = index
                .checked_sub(1)
                .and_then(|i| cells.get(i))
                .filter(|b| b.column + 1 == cell.column);
            if let Some(before) = before {
                if let Some(meaning) = meaning_first(&before.text) {
                    add(
                        &mut key,
                        text,
                        meaning,
                        shortened(&before.text),
                        (row.number, cell.column),
                    );
                }
            }
        }
    }
    key.redefines = key.overrides()
        && key
            .entries
            .iter()
            .any(|e| match read_cell(&e.mark, scheme) {
                CellMarks::Marks(m) => e.meaning != Meaning::Marks(m),
                _ => false,
            });
    key
}

/// What a cell says once the sheet's key is heard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum KeyRead {
    /// Blank, or a mark the key says means no part.
    None,
    Marks(Marks),
    /// Marks (perhaps none) with a mark the key explains by a meaning outside RACI: the
    /// entry's index.
    Outside(Marks, usize),
    /// Text that is no mark of the scheme, nor one the key explains.
    Unknown,
}

impl Key {
    /// Whether the key may give a scheme's own letter another meaning: only a legend of
    /// several entries speaks with that authority; a single "A: approve" beside a chart
    /// may be anything.
    fn overrides(&self) -> bool {
        self.entries.len() >= 2
    }

    /// The entry for a mark as written, in any case and with a bracket or dot around it.
    fn entry(&self, token: &str) -> Option<usize> {
        let token = token.trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ':' | '*'));
        self.entries.iter().position(|e| {
            e.mark == token || (e.mark.chars().count() == 1 && e.mark.eq_ignore_ascii_case(token))
        })
    }

    /// Whether the key gives a cell a RACI meaning that no scheme's reading would: "L"
    /// where the legend says "Lead | L".
    pub(super) fn defines(&self, text: &str) -> bool {
        matches!(self.read(text, Scheme::Raci), KeyRead::Marks(_))
    }

    /// Reads a cell under the scheme and this key: the key's word first where it
    /// speaks, the scheme's for the rest ("R/Q", "L", "A" meaning Auxiliary).
    pub(super) fn read(&self, text: &str, scheme: Scheme) -> KeyRead {
        let plain = read_cell(text, scheme);
        let whole = self.entry(text.trim());
        if whole.is_none() && !self.redefines {
            match plain {
                CellMarks::Marks(m) => return KeyRead::Marks(m),
                CellMarks::None => return KeyRead::None,
                CellMarks::Unknown if self.entries.is_empty() => return KeyRead::Unknown,
                CellMarks::Unknown => {}
            }
        }
        if let Some(index) = whole {
            if let Some(read) = self.by_entry(index, Marks::default(), scheme, text) {
                return read;
            }
        }
        let mut marks = Marks::default();
        let mut outside = None;
        let tokens: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || matches!(c, '/' | ',' | ';' | '+' | '&' | '|'))
            .filter(|t| !t.trim_matches(|c: char| !c.is_alphanumeric()).is_empty())
            .collect();
        for (at, &token) in tokens.iter().enumerate() {
            let between = at > 0 && at + 1 < tokens.len();
            if between && is_joining_word(token, tokens[at - 1], tokens[at + 1]) {
                continue;
            }
            let from_key = self.entry(token).filter(|_| {
                self.overrides() || !matches!(read_cell(token, scheme), CellMarks::Marks(_))
            });
            match from_key.map(|i| (i, self.entries[i].meaning)) {
                Some((_, Meaning::Marks(m))) => marks = marks.union(m),
                Some((_, Meaning::NotInvolved)) => {}
                Some((i, Meaning::Outside)) => outside = outside.or(Some(i)),
                None => match read_cell(token, scheme) {
                    CellMarks::Marks(m) => marks = marks.union(m),
                    CellMarks::None => {}
                    CellMarks::Unknown => return KeyRead::Unknown,
                },
            }
        }
        match (outside, marks.is_empty()) {
            (Some(i), _) => KeyRead::Outside(marks, i),
            (None, false) => KeyRead::Marks(marks),
            (None, true) => match plain {
                CellMarks::Unknown => KeyRead::Unknown,
                _ => KeyRead::None,
            },
        }
    }

    /// A whole cell that is one of the key's marks.
    fn by_entry(&self, index: usize, marks: Marks, scheme: Scheme, text: &str) -> Option<KeyRead> {
        let entry = &self.entries[index];
        let own = matches!(read_cell(text, scheme), CellMarks::Marks(_));
        if own && !self.overrides() {
            return None;
        }
        Some(match entry.meaning {
            Meaning::Marks(m) => KeyRead::Marks(marks.union(m)),
            Meaning::NotInvolved => KeyRead::None,
            Meaning::Outside => KeyRead::Outside(marks, index),
        })
    }
}

/// The marks the scheme knows, in words, for the warning on a cell it does not.
pub(super) fn scheme_letters(scheme: Scheme) -> &'static str {
    match scheme {
        Scheme::Raci => "R, A, C, I, their full words, or x / ✓ / yes for R",
        Scheme::Rasci => "R, A, S, C, I, their full words, or x / ✓ / yes for R",
        Scheme::Daci => "D, A, C, I, Driver, Approver, Contributor, Informed, or x / ✓ / yes for D",
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::marks::Mark;
    use super::*;

    fn row(number: u32, texts: &[&str]) -> RawRow {
        RawRow::from_texts(number, texts)
    }

    fn key_of(rows: &[RawRow]) -> Key {
        read_key(rows, Scheme::Raci, |_, _| false)
    }

    fn said(key: &Key, text: &str, scheme: Scheme) -> String {
        match key.read(text, scheme) {
            KeyRead::None => "-".into(),
            KeyRead::Marks(m) => m.letters(),
            KeyRead::Outside(m, i) => format!("{}+({})", m.letters(), key.entries[i].words),
            KeyRead::Unknown => "?".into(),
        }
    }

    #[test]
    fn one_cell_legends_in_their_spellings() {
        let key = key_of(&[
            row(20, &["Legend"]),
            row(21, &["D = Driver"]),
            row(22, &["Q: Quality review"]),
            row(23, &["Support (S)"]),
            row(24, &["O – omitted"]),
        ]);
        let raci = Scheme::Raci;
        assert_eq!(said(&key, "D", raci), "R");
        assert_eq!(said(&key, "S", raci), "S");
        assert_eq!(said(&key, "O", raci), "-");
        assert_eq!(said(&key, "Q", raci), "+(Quality review)");
        assert_eq!(said(&key, "R/Q", raci), "R+(Quality review)");
        assert_eq!(said(&key, "A", raci), "A");
        assert_eq!(said(&key, "Z", raci), "?");
        assert_eq!(key.entries[0].row, 21);
    }

    #[test]
    fn several_entries_in_one_cell() {
        let key = key_of(&[row(1, &["P = Primary; S = Secondary"])]);
        assert_eq!(said(&key, "P", Scheme::Raci), "R");
        assert_eq!(said(&key, "S", Scheme::Raci), "S");
    }

    #[test]
    fn two_cell_legends_either_way_round_beside_the_chart() {
        // "Lead | L" and "Auxillary | A" beside the chart: A is no longer Accountable.
        let key = key_of(&[
            row(4, &["", "Aspect", "Josh", "Tucker", "", "Key"]),
            row(5, &["", "Requirements", "A", "", "", "Lead", "L"]),
            row(6, &["", "ERD", "A", "", "", "Auxillary", "A"]),
        ]);
        let raci = Scheme::Raci;
        assert_eq!(said(&key, "L", raci), "R");
        assert_eq!(said(&key, "A", raci), "S");
        assert_eq!(said(&key, "R", raci), "R");
    }

    #[test]
    fn a_single_entry_defines_a_letter_but_does_not_redefine_one() {
        let key = key_of(&[row(30, &["A", "Assists the doer"])]);
        assert_eq!(said(&key, "A", Scheme::Raci), "A");
        let key = key_of(&[row(
            30,
            &["D", "Driver", "Assists those who are responsible"],
        )]);
        assert_eq!(said(&key, "D", Scheme::Raci), "R");
        assert_eq!(said(&key, "R/D", Scheme::Raci), "R");
    }

    #[test]
    fn an_explanation_that_names_another_meaning_is_kept_to_be_said() {
        let key = key_of(&[row(
            77,
            &["D", "Driver", "Assists those who are responsible"],
        )]);
        assert_eq!(said(&key, "D", Scheme::Raci), "R");
        let Some((words, meaning)) = key.entries[0].disagrees.clone() else {
            panic!("{key:?}");
        };
        assert_eq!(words, "Assists those who are responsible");
        assert_eq!(meaning, Meaning::Marks(Marks::of(&[Mark::Support])));
    }

    #[test]
    fn legends_in_other_languages() {
        let key = key_of(&[
            row(16, &["", "R", "Réalise"]),
            row(17, &["", "V", "Vérifie"]),
            row(18, &["", "P", "Apoyo"]),
        ]);
        assert_eq!(said(&key, "V", Scheme::Raci), "+(Vérifie)");
        assert_eq!(said(&key, "P", Scheme::Raci), "S");
        assert_eq!(said(&key, "R et V", Scheme::Raci), "R+(Vérifie)");
    }

    #[test]
    fn chart_cells_are_no_legend() {
        // A task beside its mark: "Consult users | C" is the chart, not a key.
        let rows = [row(3, &["Consult users", "I"]), row(4, &["Approve", "A"])];
        let key = read_key(&rows, Scheme::Raci, |_, column| column <= 1);
        assert!(key.entries.is_empty());
        // Long text before a mark is a task, not a meaning.
        let key = key_of(&[row(3, &["Consult the users before the launch", "I"])]);
        assert!(key.entries.is_empty());
    }

    #[test]
    fn what_is_no_mark_of_a_legend() {
        for text in ["R", "Q", "R/A", "✓", "x", "З"] {
            assert!(is_mark_text(text), "{text}");
        }
        for text in ["", "-", "Lead", "12", "abc", "ABCD", "r", "В1"] {
            assert!(!is_mark_text(text), "{text}");
        }
    }
}
