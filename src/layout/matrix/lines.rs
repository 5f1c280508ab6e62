//! What a line under a matrix's party names is, before any mark on it is read: a banner or
//! heading filled across, a legend, a total, a heading set apart by its words, or a task.
//! The party search asks it of every line to find the chart's body, and the extraction again
//! to sort the body's lines, so both read the sheet alike.

use super::super::header::{is_header_filler, normalise_header};
use super::super::marks::reads_as_marks;
use super::super::vocabulary::{names_a_role, HEADING_WORDS, PARTY_WORDS, TASK_VERBS, WORK_WORDS};
use super::super::SkipReason;
use super::parties::parse_party;
use crate::input::RawRow;

/// A line whose cells all hold one text: a merged heading or banner filled across.
pub(super) fn is_uniform(line: &RawRow) -> bool {
    line.cells.len() >= 2
        && line
            .cells
            .iter()
            .all(|c| c.text.trim() == line.cells[0].text.trim())
}

/// Legend and total lines are recognised by their first words.
///
/// Every line of a sheet is asked this while its layout is detected, so only the first
/// words are normalised, and the legend spelling is only read after a one-letter word.
pub(super) fn legend_or_total(line: &RawRow) -> Option<SkipReason> {
    let text = &line.cells.first()?.text;
    let (first_word, second_word) = first_header_words(text);
    if matches!(first_word.as_str(), "legend" | "key") {
        return Some(SkipReason::Legend);
    }
    if matches!(
        first_word.as_str(),
        "total" | "totals" | "count" | "sum" | "subtotal"
    ) || (first_word == "number" && second_word)
    {
        return Some(SkipReason::Total);
    }
    // "R = Responsible", "A: Accountable"
    let mut words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let letter = words.next()?;
    if letter.is_ascii() && letter.len() != 1 {
        return None;
    }
    // "R" alone in its cell, its meaning in the next: "Responsible - does the work".
    if words.next().is_none() && letter.chars().count() == 1 {
        let meaning = line.cells.get(1).map(|c| c.text.as_str()).unwrap_or("");
        let first = meaning
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("");
        return (first.chars().count() > 1 && reads_as_marks(first)).then_some(SkipReason::Legend);
    }
    let lower = text.to_lowercase();
    let mut words = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let (letter, meaning) = (words.next()?, words.next()?);
    let spelled = meaning.len() > 1 && reads_as_marks(meaning);
    (letter.chars().count() == 1 && spelled).then_some(SkipReason::Legend)
}

/// The first word of [`normalise_header`]'s reading of a text, and whether a second one
/// follows; plain ASCII text is read without normalising all of it.
fn first_header_words(text: &str) -> (String, bool) {
    if !text.is_ascii() {
        let normalised = normalise_header(text);
        let mut words = normalised.split(' ');
        let first = words.next().unwrap_or("").to_string();
        return (first, words.next().is_some());
    }
    let mut words = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '%'))
        .filter(|w| !w.is_empty() && !is_header_filler(w));
    let first = words.next().unwrap_or("").to_ascii_lowercase();
    (first, words.next().is_some())
}

pub(in crate::layout) fn looks_like_heading(text: &str) -> bool {
    let text = text.trim();
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let shouting = letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase());
    let first = normalise_header(text);
    let first_word = first.split(' ').next().unwrap_or("");
    text.ends_with(':') || shouting || HEADING_WORDS.contains(&first_word)
}

pub(super) fn looks_like_id(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() <= 10 && text.chars().any(|c| c.is_ascii_digit())
}

pub(super) fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// How much a text reads as a task rather than a party, from about -1.5 (a person or a
/// role title) to about +2 (a numbered phrase opening with a verb). Both sides of a
/// chart are asked, and the side reading more as tasks holds the tasks.
pub(in crate::layout) fn taskiness(text: &str) -> f64 {
    let text = text.trim();
    let lower = text.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut score: f64 = 0.0;
    let numbered = text.split_whitespace().next().is_some_and(|w| {
        w.chars().next().is_some_and(|c| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ')')
    });
    if numbered || text.starts_with(['–', '-', '•']) {
        score += 1.0;
    }
    let first_word = tokens
        .iter()
        .find(|w| !w.chars().all(|c| c.is_ascii_digit()));
    // A verb with an object: "Launch" alone is as likely the name of a phase.
    if tokens.len() >= 2 && first_word.is_some_and(|w| TASK_VERBS.contains(w)) {
        score += 1.0;
    }
    if tokens.iter().any(|w| WORK_WORDS.contains(w)) {
        score += 1.0;
    }
    if tokens.len() >= 4 {
        score += 0.5;
    }
    let (_, title) = parse_party(text);
    if names_a_role(text)
        || tokens.iter().any(|w| PARTY_WORDS.contains(w))
        || title.as_deref().is_some_and(|t| t != text)
    {
        score -= 1.0;
    } else if title.is_some() {
        // A function's word alone ("Security", "Infrastructure") names a team as often
        // as an area of work.
        score -= 0.25;
    } else if (2..=3).contains(&tokens.len())
        && text
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && first_word.is_none_or(|w| !TASK_VERBS.contains(w))
    {
        // "Huot Amaury", "Ana Lima": a person's name.
        score -= 0.5;
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_legends_and_totals() {
        assert!(looks_like_heading("Phase 2: Build"));
        assert!(looks_like_heading("LAUNCH"));
        assert!(looks_like_heading("Discovery:"));
        assert!(!looks_like_heading("Write the launch plan"));
        let line = |text: &str| RawRow::from_texts(9, &[text]);
        assert_eq!(legend_or_total(&line("Legend")), Some(SkipReason::Legend));
        assert_eq!(
            legend_or_total(&line("R = Responsible")),
            Some(SkipReason::Legend)
        );
        assert_eq!(legend_or_total(&line("Total R")), Some(SkipReason::Total));
        assert_eq!(
            legend_or_total(&line("Count of A")),
            Some(SkipReason::Total)
        );
        assert_eq!(legend_or_total(&line("Run the retro")), None);
    }
}
