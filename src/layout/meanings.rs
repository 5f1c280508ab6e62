//! What the words of a sheet's legend say a mark means, in the languages rolecall reads.
//!
//! A legend explains its marks in words ("R = Responsible", "D | Driver", "Q: quality
//! review", "A — Approuve"). Those words are looked up here, by their stem, so that
//! "Réalise", "realiza", "Responsable de ejecutar" and "Debe ser consultado" all land on
//! the mark they name. A meaning outside RACI ("verifies", "quality review") is kept as
//! such: the mark is then explained but carries no RACI meaning, which is said, never
//! guessed into one. Teaching rolecall a new word is an edit to [`STEMS`].

use unicode_normalization::UnicodeNormalization;

use super::marks::{Mark, Marks};

/// What a legend says one mark means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// A RACI meaning (or several: "Responsible and accountable").
    Marks(Marks),
    /// "Not involved", "omitted": the cell says the party has no part.
    NotInvolved,
    /// A meaning RACI has no letter for (quality review, verification, sign-off): the
    /// mark is explained but neither owns nor is told of the task.
    Outside,
}

/// What a stem stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stands {
    Mark(Mark),
    NotInvolved,
    Outside,
}

use Stands::{Mark as M, NotInvolved as N, Outside as O};

/// Word stems, lowercase without accents, and what they stand for. A stem matches a word
/// it begins (four letters or more) or equals (shorter ones). Each line is one meaning in
/// English, French, Spanish, Portuguese, German, Dutch, Italian, and the Cyrillic of the
/// Russian and Ukrainian sheets of the corpus.
const STEMS: &[(&str, Stands)] = &[
    // Responsible: does the work.
    ("responsib", M(Mark::Responsible)),
    ("responsabl", M(Mark::Responsible)),
    ("responsavel", M(Mark::Responsible)),
    ("verantwortlich", M(Mark::Responsible)),
    ("verantwoordelijk", M(Mark::Responsible)),
    ("realis", M(Mark::Responsible)),
    ("realiz", M(Mark::Responsible)),
    ("execut", M(Mark::Responsible)),
    ("ejecut", M(Mark::Responsible)),
    ("esegu", M(Mark::Responsible)),
    ("durchfuhr", M(Mark::Responsible)),
    ("uitvoer", M(Mark::Responsible)),
    ("doer", M(Mark::Responsible)),
    ("does", M(Mark::Responsible)),
    ("perform", M(Mark::Responsible)),
    ("driver", M(Mark::Responsible)),
    ("drives", M(Mark::Responsible)),
    ("lead", M(Mark::Responsible)),
    ("primary", M(Mark::Responsible)),
    ("primaire", M(Mark::Responsible)),
    ("primari", M(Mark::Responsible)),
    ("principal", M(Mark::Responsible)),
    ("ответствен", M(Mark::Responsible)),
    ("исполн", M(Mark::Responsible)),
    ("відповідальн", M(Mark::Responsible)),
    ("виконав", M(Mark::Responsible)),
    // Accountable: owns the outcome, approves it.
    ("accountab", M(Mark::Accountable)),
    ("approv", M(Mark::Accountable)),
    ("approuv", M(Mark::Accountable)),
    ("approbat", M(Mark::Accountable)),
    ("aprueb", M(Mark::Accountable)),
    ("aprob", M(Mark::Accountable)),
    ("aprov", M(Mark::Accountable)),
    ("approva", M(Mark::Accountable)),
    ("genehmig", M(Mark::Accountable)),
    ("rechenschaft", M(Mark::Accountable)),
    ("entscheid", M(Mark::Accountable)),
    ("goedkeur", M(Mark::Accountable)),
    ("eindverantwoordelijk", M(Mark::Accountable)),
    ("autorit", M(Mark::Accountable)),
    ("autoridad", M(Mark::Accountable)),
    ("authority", M(Mark::Accountable)),
    ("decid", M(Mark::Accountable)),
    ("decision", M(Mark::Accountable)),
    ("утвержд", M(Mark::Accountable)),
    ("затвердж", M(Mark::Accountable)),
    // Support: helps the one who does it.
    ("support", M(Mark::Support)),
    ("soutien", M(Mark::Support)),
    ("apoy", M(Mark::Support)),
    ("apoio", M(Mark::Support)),
    ("unterstutz", M(Mark::Support)),
    ("ondersteun", M(Mark::Support)),
    ("auxil", M(Mark::Support)),
    ("assist", M(Mark::Support)),
    ("helper", M(Mark::Support)),
    ("helps", M(Mark::Support)),
    ("secondary", M(Mark::Support)),
    ("secondaire", M(Mark::Support)),
    ("secundari", M(Mark::Support)),
    ("поддерж", M(Mark::Support)),
    ("підтрим", M(Mark::Support)),
    // Consulted: asked before.
    ("consult", M(Mark::Consulted)),
    ("konsult", M(Mark::Consulted)),
    ("geraadpleegd", M(Mark::Consulted)),
    ("raadpleg", M(Mark::Consulted)),
    ("contribu", M(Mark::Consulted)),
    ("beraten", M(Mark::Consulted)),
    ("консульт", M(Mark::Consulted)),
    // Informed: told after.
    ("inform", M(Mark::Informed)),
    ("notified", M(Mark::Informed)),
    ("geinformeerd", M(Mark::Informed)),
    ("информ", M(Mark::Informed)),
    ("інформ", M(Mark::Informed)),
    // No part in the task.
    ("omit", N),
    ("none", N),
    ("uninvolved", N),
    ("beteiligt", N),
    // Explained, but outside RACI: checking, signing off, quality, observing.
    ("qualit", O),
    ("calidad", O),
    ("review", O),
    ("revis", O),
    ("verif", O),
    ("valid", O),
    ("sign", O),
    ("prufe", O),
    ("pruft", O),
    ("control", O),
    ("observ", O),
    ("veto", O),
    ("audit", O),
];

/// Words read past while looking for the meaning ("must be informed", "debe ser
/// consultado", "has final decision-making authority"): a meaning is named within the
/// first few words of its explanation or not at all.
const MEANING_WITHIN_WORDS: usize = 5;

/// A word lowercase and without accents ("Réalise" → "realise", "Unterstützt" →
/// "unterstutzt"), as the stems are written.
fn plain(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfd()
        .filter(|c| !matches!(*c as u32, 0x300..=0x36f))
        .collect::<String>()
        .to_lowercase()
}

fn stands_for(word: &str) -> Option<Stands> {
    let word = plain(word);
    STEMS.iter().find_map(|&(stem, stands)| {
        let matches = if stem.chars().count() >= 4 {
            word.starts_with(stem)
        } else {
            word == stem
        };
        matches.then_some(stands)
    })
}

/// What the words of a legend's explanation say a mark means: the first meaning named
/// within its first words, joined with the next one when "and" or "/" joins them
/// ("Responsible and Accountable", "Réalise et approuve"). "Not involved" and "no
/// role" are read whole, as their words alone mean nothing.
pub fn meaning_of(text: &str) -> Option<Meaning> {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .flat_map(|w| w.split('-'))
        .filter(|w| !w.is_empty())
        .take(MEANING_WITHIN_WORDS)
        .collect();
    let lower: Vec<String> = words.iter().map(|w| plain(w)).collect();
    if let [first, second, ..] = lower.as_slice() {
        let negated = matches!(
            first.as_str(),
            "not" | "no" | "non" | "nicht" | "niet" | "sin" | "sem" | "pas" | "без" | "не"
        );
        if negated && (stands_for(second).is_some() || second.starts_with("involv")) {
            return Some(Meaning::NotInvolved);
        }
    }
    if matches!(lower.first().map(String::as_str), Some("none")) && lower.len() == 1 {
        return Some(Meaning::NotInvolved);
    }
    let at = words.iter().position(|w| stands_for(w).is_some())?;
    let first = stands_for(words[at])?;
    let Stands::Mark(mark) = first else {
        return Some(match first {
            Stands::NotInvolved => Meaning::NotInvolved,
            _ => Meaning::Outside,
        });
    };
    let mut marks = Marks::of(&[mark]);
    // "Responsible and accountable", "Réalise et approuve", "R/A": a second meaning joined
    // to the first is kept too.
    let joined = lower.get(at + 1).is_some_and(|w| {
        matches!(
            w.as_str(),
            "and" | "et" | "y" | "e" | "und" | "en" | "i" | "и" | "та"
        )
    });
    if joined {
        if let Some(Stands::Mark(second)) = words.get(at + 2).and_then(|w| stands_for(w)) {
            marks.insert(second);
        }
    }
    Some(Meaning::Marks(marks))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letters(text: &str) -> String {
        match meaning_of(text) {
            Some(Meaning::Marks(m)) => m.letters(),
            Some(Meaning::NotInvolved) => "-".into(),
            Some(Meaning::Outside) => "outside".into(),
            None => "?".into(),
        }
    }

    #[test]
    fn english_words_and_their_explanations() {
        assert_eq!(letters("Responsible"), "R");
        assert_eq!(letters("RESPONSIBLE - 'The Doer' - does the work"), "R");
        assert_eq!(letters("Accountable"), "A");
        assert_eq!(letters("Must be informed after a decision"), "I");
        assert_eq!(letters("Driver"), "R");
        assert_eq!(letters("Lead"), "R");
        assert_eq!(letters("Auxillary"), "S");
        assert_eq!(letters("Primary"), "R");
        assert_eq!(letters("Secondary / support"), "S");
        assert_eq!(letters("Responsible and Accountable"), "RA");
    }

    #[test]
    fn other_languages() {
        assert_eq!(letters("Réalise"), "R");
        assert_eq!(letters("Approuve"), "A");
        assert_eq!(letters("Consulté"), "C");
        assert_eq!(letters("Informé"), "I");
        assert_eq!(letters("Réalise et approuve"), "RA");
        assert_eq!(letters("Responsable de ejecutar"), "R");
        assert_eq!(letters("Autoridad de aprobación final"), "A");
        assert_eq!(letters("Debe ser consultado"), "C");
        assert_eq!(letters("Aprueba el entregable."), "A");
        assert_eq!(letters("Informado"), "I");
        assert_eq!(letters("Responsável"), "R");
        assert_eq!(letters("Apoio"), "S");
        assert_eq!(letters("Verantwortlich"), "R");
        assert_eq!(letters("Genehmigt"), "A");
        assert_eq!(letters("Unterstützt"), "S");
        assert_eq!(letters("Informiert"), "I");
        assert_eq!(letters("Uitvoerend"), "R");
        assert_eq!(letters("Geraadpleegd"), "C");
        assert_eq!(letters("Ответственный"), "R");
        assert_eq!(letters("Утверждает"), "A");
    }

    #[test]
    fn meanings_outside_raci_and_none() {
        assert_eq!(letters("Quality review"), "outside");
        assert_eq!(letters("Verifies the result"), "outside");
        assert_eq!(letters("Sign-off"), "outside");
        assert_eq!(letters("Contrôle qualité"), "outside");
        assert_eq!(letters("Omitted"), "-");
        assert_eq!(letters("Not involved"), "-");
        assert_eq!(letters("None"), "-");
    }

    #[test]
    fn words_that_name_no_meaning() {
        assert_eq!(letters("Josh Millford"), "?");
        assert_eq!(letters("Write the launch plan"), "?");
        assert_eq!(letters(""), "?");
        assert_eq!(letters("In Bearbeitung"), "?");
    }
}
