//! Text normalisation shared by rubric and task text, so both sides meet in one vocabulary:
//! Unicode-aware lowercase and word splitting, workplace abbreviations spelled out, British
//! spellings folded into American ones, stop words and dates dropped, English stemming.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

/// One analysed word: the stem used for matching and the word as written, for evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub stem: String,
    pub surface: String,
}

pub struct Analyzer {
    stemmer: Stemmer,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }
}

/// Function words and sheet filler that say nothing about whose work a task is.
const STOP_WORDS: &[&str] = &[
    "a", "about", "across", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be",
    "been", "being", "between", "both", "but", "by", "can", "do", "does", "doing", "done", "e",
    "each", "eg", "etc", "every", "for", "from", "g", "get", "getting", "has", "have", "her",
    "his", "i", "ie", "if", "in", "into", "is", "it", "its", "keep", "keeping", "make", "making",
    "me", "more", "most", "my", "new", "no", "not", "of", "off", "on", "once", "one", "only", "or",
    "other", "our", "out", "over", "own", "owning", "owns", "per", "ran", "run", "running", "runs",
    "s", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "those", "through", "to", "too", "under", "up", "us", "via", "vs", "w", "was",
    "we", "were", "what", "when", "where", "which", "while", "who", "will", "with", "within",
    "without", "you", "your",
];

/// Abbreviations teams write in sheets, spelled out so they meet the rubric's wording. The
/// abbreviation itself is kept as a token too, so a rubric that names it matches directly.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("prd", "product requirements document"),
    ("prds", "product requirements documents"),
    ("mrd", "market requirements document"),
    ("gtm", "go to market"),
    ("okr", "objectives key results"),
    ("okrs", "objectives key results"),
    ("kpi", "key performance indicator"),
    ("kpis", "key performance indicators"),
    ("qbr", "quarterly business review"),
    ("qbrs", "quarterly business reviews"),
    ("mbr", "monthly business review"),
    ("rfc", "request comments design proposal"),
    ("rfcs", "request comments design proposals"),
    ("sla", "service level agreement"),
    ("slas", "service level agreements"),
    ("slo", "service level objective"),
    ("slos", "service level objectives"),
    ("pi", "program increment"),
    ("raid", "risks assumptions issues dependencies"),
    ("sow", "statement work"),
    ("sows", "statements work"),
    ("nps", "net promoter score"),
    ("dau", "daily active users"),
    ("mau", "monthly active users"),
    ("wau", "weekly active users"),
    ("arr", "annual recurring revenue"),
    ("mrr", "monthly recurring revenue"),
    ("roi", "return investment"),
    ("ux", "user experience"),
    ("ui", "user interface"),
    ("xfn", "cross functional"),
    ("xf", "cross functional"),
    ("eng", "engineering"),
    ("mvp", "minimum viable product"),
    ("poc", "proof concept"),
    ("ga", "general availability"),
    ("uat", "user acceptance testing"),
    ("pmo", "program management office"),
    ("exec", "executive"),
    ("execs", "executives"),
    ("mgmt", "management"),
    ("reqs", "requirements"),
    ("req", "requirement"),
    ("dep", "dependency"),
    ("deps", "dependencies"),
    ("infra", "infrastructure"),
    ("k8s", "kubernetes"),
    ("rca", "root cause analysis"),
    ("e2e", "end to end"),
    ("steerco", "steering committee"),
    ("eol", "end life"),
    ("cx", "customer experience"),
    ("vp", "vice president"),
    ("svp", "senior vice president"),
    ("hc", "headcount"),
    ("capex", "capital expenditure"),
    ("opex", "operating expenditure"),
];

/// Word stems whose British "-is-" forms are folded to "-iz-" (prioritise -> prioritize).
const IZE_ROOTS: &[&str] = &[
    "prioriti",
    "organi",
    "optimi",
    "utili",
    "standardi",
    "finali",
    "categori",
    "summari",
    "reali",
    "recogni",
    "visuali",
    "capitali",
    "customi",
    "minimi",
    "maximi",
    "synchroni",
    "authori",
    "moneti",
    "centrali",
    "moderni",
    "characteri",
    "emphasi",
    "speciali",
    "operationali",
    "productioni",
    "containeri",
    "digiti",
    "normali",
    "sociali",
    "stabili",
    "mobili",
    "locali",
    "internationali",
    "personali",
    "democrati",
    "revitali",
    "harmoni",
    "rationali",
];

fn americanise(word: &str) -> String {
    const WHOLE: &[(&str, &str)] = &[
        ("programme", "program"),
        ("programmes", "programs"),
        ("behaviour", "behavior"),
        ("behaviours", "behaviors"),
        ("colour", "color"),
        ("favour", "favor"),
        ("labour", "labor"),
        ("centre", "center"),
        ("catalogue", "catalog"),
        ("modelling", "modeling"),
        ("licence", "license"),
        ("judgement", "judgment"),
        ("cancelled", "canceled"),
        ("travelling", "traveling"),
        ("fulfil", "fulfill"),
        ("enrol", "enroll"),
    ];
    if let Some((_, us)) = WHOLE.iter().find(|(uk, _)| *uk == word) {
        return (*us).to_string();
    }
    for root in IZE_ROOTS {
        if let Some(rest) = word.strip_prefix(root) {
            if let Some(tail) = rest.strip_prefix('s') {
                if matches!(
                    tail,
                    "e" | "es" | "ed" | "ing" | "er" | "ers" | "ation" | "ations"
                ) {
                    return format!("{root}z{tail}");
                }
            }
        }
    }
    if let Some(tail) = word.strip_prefix("analys") {
        if matches!(tail, "e" | "es" | "ed" | "ing") {
            return format!("analyz{tail}");
        }
    }
    word.to_string()
}

/// Quarters, halves, fiscal years, versions and plain numbers: dates and labels, not work.
fn is_label(word: &str) -> bool {
    let digits_after = |prefix: &str| {
        word.strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()))
    };
    word.chars().all(|c| c.is_ascii_digit())
        || ["q", "h", "fy", "v", "cy", "w", "wk", "sprint"]
            .iter()
            .any(|p| digits_after(p))
}

/// Lowercase, compatibility-normalised text with the shorthands folded that splitting into
/// words would otherwise break apart. ASCII text, most of any sheet, skips the Unicode
/// normalisation (which leaves ASCII as it is), and the shorthands are only looked for in
/// text that has one of their characters.
pub(crate) fn fold(text: &str) -> String {
    let mut folded = String::new();
    fold_into(text, &mut folded);
    folded
}

/// [`fold`] into a buffer the caller reuses from text to text.
pub(crate) fn fold_into(text: &str, folded: &mut String) {
    folded.clear();
    if text.is_ascii() {
        folded.push_str(text);
        folded.make_ascii_lowercase();
    } else {
        *folded = text.nfkc().collect::<String>().to_lowercase();
    }
    if !folded.contains(['/', '\'', '’']) && !folded.contains("x-") {
        return;
    }
    *folded = folded
        .replace("w/o", " without ")
        .replace("w/", " with ")
        .replace("a/b", " ab ")
        .replace("go/no-go", " go-no-go ")
        .replace("x-functional", " cross functional ")
        .replace("x-team", " cross team ")
        .replace('’', "'")
        .replace("'s", " ");
}

/// The words of folded text: runs of letters and digits.
pub(crate) fn split_words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

impl Analyzer {
    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(&americanise(word)).into_owned()
    }

    /// The stems one word of folded text stands for, in order: none for a stop word or a
    /// label, the word's own, then an abbreviation's expansion.
    pub(crate) fn word_stems(&self, word: &str) -> Vec<String> {
        if STOP_WORDS.contains(&word) || is_label(word) {
            return Vec::new();
        }
        let mut stems = vec![self.stem(word)];
        if let Some((_, expansion)) = ABBREVIATIONS.iter().find(|(a, _)| *a == word) {
            stems.extend(
                expansion
                    .split(' ')
                    .filter(|part| !STOP_WORDS.contains(part))
                    .map(|part| self.stem(part)),
            );
        }
        stems
    }

    /// The tokens of a text, in order, with abbreviation expansions placed right after the
    /// abbreviation so phrases still line up.
    pub fn analyze(&self, text: &str) -> Vec<Token> {
        let folded = fold(text);
        split_words(&folded)
            .flat_map(|word| {
                self.word_stems(word).into_iter().map(move |stem| Token {
                    stem,
                    surface: word.to_string(),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str) -> Vec<String> {
        Analyzer::default()
            .analyze(text)
            .into_iter()
            .map(|t| t.stem)
            .collect()
    }

    #[test]
    fn british_and_american_spellings_meet() {
        assert_eq!(
            stems("Prioritising the backlog"),
            stems("prioritizing backlog")
        );
        assert_eq!(stems("prioritisation"), stems("prioritization"));
        assert_eq!(stems("Programme budget"), stems("program budget"));
        assert_eq!(stems("analyse churn"), stems("analyze churn"));
    }

    #[test]
    fn abbreviations_are_spelled_out_after_themselves() {
        let tokens = Analyzer::default().analyze("Write PRD w/ eng");
        let stems: Vec<&str> = tokens.iter().map(|t| t.stem.as_str()).collect();
        assert_eq!(
            stems,
            ["write", "prd", "product", "requir", "document", "eng", "engin"]
        );
        assert!(tokens[2..5].iter().all(|t| t.surface == "prd"));
    }

    #[test]
    fn drops_stop_words_dates_and_numbers() {
        assert_eq!(stems("Own the Q3 2025 OKRs for FY26"), stems("okrs"));
        assert_eq!(stems("v2 of the app"), stems("app"));
    }

    #[test]
    fn unicode_words_are_lowercased_whole() {
        assert_eq!(
            stems("Überprüfung DER Roadmap"),
            ["überprüfung", "der", "roadmap"]
        );
        assert_eq!(stems("Ana’s roadmap"), stems("ana roadmap"));
    }
}
