//! Whether a team's tasks are written in the language the rubrics are: English.
//!
//! The matcher reads English. Given Spanish or Dutch task lines it finds almost nothing,
//! and what it does find rides on words shared by chance ("de" is a stem of "de-risk"),
//! so every gap and overlap built on it would be reported as a fact about the team.
//!
//! Two signals must agree, because each alone misjudges: a trigram language model
//! (whatlang) takes short English noun phrases ("Financial Study") for French, and a count
//! of the words the model knows takes a line of English jargon for a foreign one. An input
//! is foreign when its task text, read as a whole, is in another language, and fewer than
//! half of its words are known to the model. On our real-world charts the known share is
//! 0.61 and up for the English ones and 0.43 and down for the rest.

use serde::Serialize;
use whatlang::{Detector, Lang, Script};

use super::Matcher;

/// Latin-script languages charts are commonly written in. Without a list, whatlang names
/// Latin, Esperanto or Javanese for short English noun phrases.
const LATIN_LANGUAGES: &[Lang] = &[
    Lang::Eng,
    Lang::Spa,
    Lang::Fra,
    Lang::Por,
    Lang::Deu,
    Lang::Ita,
    Lang::Nld,
    Lang::Pol,
    Lang::Swe,
    Lang::Dan,
    Lang::Nob,
    Lang::Fin,
    Lang::Ces,
    Lang::Tur,
    Lang::Ron,
    Lang::Hun,
    Lang::Ind,
    Lang::Vie,
];

/// Fewer task lines than this are too little text to judge a language by.
const MIN_LINES: usize = 3;

/// Below this share of words known to the model, the text is not the rubrics' language.
const KNOWN_SHARE: f64 = 0.5;

/// An input whose tasks are mostly in a language the matcher does not read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForeignText {
    /// The language's English name: "Spanish".
    pub language: &'static str,
    /// Words of the distinct task lines (stop words aside), and how many the model knows.
    pub words: usize,
    pub known: usize,
}

/// The language `texts` (distinct task lines) are written in, when it is not English and
/// the model knows too few of their words to match them.
pub fn foreign_text(matcher: &Matcher<'_>, texts: &[&str]) -> Option<ForeignText> {
    let judged: Vec<&str> = texts
        .iter()
        .copied()
        .filter(|t| t.chars().any(char::is_alphabetic))
        .collect();
    if judged.len() < MIN_LINES {
        return None;
    }
    let (known, words) = matcher.known_words(&judged);
    if words == 0 || known as f64 >= words as f64 * KNOWN_SHARE {
        return None;
    }
    let whole = judged.join(". ");
    let language = match whatlang::detect_script(&whole)? {
        Script::Latin => Detector::with_allowlist(LATIN_LANGUAGES.to_vec()).detect_lang(&whole),
        _ => whatlang::detect_lang(&whole),
    }
    .filter(|&l| l != Lang::Eng)?;
    Some(ForeignText {
        language: language.eng_name(),
        words,
        known,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::MatchSettings;
    use crate::rubric::Rubric;

    fn judge(texts: &[&str]) -> Option<ForeignText> {
        let rubric = Rubric::built_in().unwrap();
        let matcher = Matcher::new(&rubric, MatchSettings::default());
        foreign_text(&matcher, texts)
    }

    #[test]
    fn a_spanish_chart_is_named_spanish() {
        let found = judge(&[
            "Definir requisitos funcionales del sistema",
            "Elaborar el cronograma del proyecto",
            "Configurar los servidores y la base de datos",
            "Pruebas de aceptación con los usuarios",
            "Capacitación del personal del laboratorio",
        ])
        .expect("Spanish");
        assert_eq!(found.language, "Spanish");
        assert!(found.known * 2 < found.words, "{found:?}");
    }

    #[test]
    fn short_english_noun_phrases_are_english() {
        // The kind of lines a trigram model alone takes for French.
        assert_eq!(
            judge(&[
                "Requirement Gathering",
                "Interview Workshops",
                "Financial Study",
                "Risk Analysis",
                "Technology Recommendations",
                "Vendor Selection",
            ]),
            None
        );
        assert_eq!(
            judge(&[
                "Write the launch plan",
                "Brief the support team",
                "Draft the FAQ",
                "Sign the vendor contract",
            ]),
            None
        );
    }

    #[test]
    fn too_few_lines_are_not_judged() {
        assert_eq!(judge(&["Tafel dekken", "Eten maken"]), None);
    }

    #[test]
    fn an_english_chart_with_a_few_foreign_lines_is_english() {
        assert_eq!(
            judge(&[
                "Write the launch plan",
                "Brief the support team",
                "Prepare the release notes",
                "Review the pricing page",
                "Définir le périmètre",
            ]),
            None
        );
    }
}
