//! Matching: free-text task to ranked responsibilities, with the words that carried each.
//!
//! Pure, deterministic and explainable. Every responsibility becomes a bag of stems, each
//! with a strength from the field it came from (title and key terms count fully, example
//! tasks a little less, the description least). A task's score against a responsibility is
//! the share of the task's information that the responsibility explains:
//!
//! ```text
//! score = Σ_{t in task} w(t)² · strength(r, t)  /  Σ_{t in task} w(t)²   (+ phrase bonus)
//! ```
//!
//! where `w(t)` is the stem's inverse document frequency over all responsibilities, so a
//! word every role uses ("stakeholder") counts little and a word only one responsibility uses
//! ("burndown") counts a lot. Words no rubric uses at all ("Figma", "payroll") still weigh in
//! the denominator: a task that is mostly about something else scores low, which is how
//! engineering, design or sales work stays unmatched. A key phrase of two or more words
//! found whole in the task ("launch readiness", "steering committee") adds a bonus. Scores
//! lie in [0, 1]. The task's job title is never consulted, so role drift stays visible.
//!
//! Areas of other work (engineering, design, sales, ...) from the rubric's background files
//! are scored the same way. A task that resembles one of them more than any responsibility
//! is unmatched, and the report says what it read as.

mod text;

use std::collections::HashMap;

use serde::Serialize;

use crate::rubric::Rubric;

pub use text::{Analyzer, Token};

/// How strongly a field of a responsibility speaks for it.
const TITLE_STRENGTH: f64 = 1.0;
const TERM_STRENGTH: f64 = 1.0;
const EXAMPLE_STRENGTH: f64 = 0.75;
const DESCRIPTION_STRENGTH: f64 = 0.5;
/// Weight of a word no responsibility uses, relative to a word only one uses.
const UNKNOWN_WORD_WEIGHT: f64 = 0.75;
/// Added for each whole key phrase found in the task, at most [`MAX_PHRASE_BONUS`].
const PHRASE_BONUS: f64 = 0.1;
const MAX_PHRASE_BONUS: f64 = 0.2;

/// Thresholds that turn scores into a verdict; see README "Matching".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchSettings {
    /// A best score below this leaves the task unmatched.
    pub min_score: f64,
    /// Two best matches of different roles closer than this make the task ambiguous.
    pub ambiguity_margin: f64,
    /// How many ranked matches to keep per task.
    pub keep: usize,
}

impl MatchSettings {
    pub const DEFAULT_MIN_SCORE: f64 = 0.3;
    pub const DEFAULT_AMBIGUITY_MARGIN: f64 = 0.05;
}

impl Default for MatchSettings {
    fn default() -> Self {
        MatchSettings {
            min_score: Self::DEFAULT_MIN_SCORE,
            ambiguity_margin: Self::DEFAULT_AMBIGUITY_MARGIN,
            keep: 3,
        }
    }
}

/// One responsibility a task resembles, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// Index into [`Rubric::responsibilities`].
    #[serde(skip)]
    pub responsibility: usize,
    pub score: f64,
    pub evidence: Evidence,
}

/// The task's words (as written) and whole key phrases that carried a match.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Evidence {
    pub terms: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchStatus {
    Matched,
    Ambiguous,
    Unmatched,
}

impl MatchStatus {
    pub fn name(self) -> &'static str {
        match self {
            MatchStatus::Matched => "matched",
            MatchStatus::Ambiguous => "ambiguous",
            MatchStatus::Unmatched => "unmatched",
        }
    }
}

/// The area of other work a task resembles most.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OtherMatch {
    /// Index into [`Rubric::other_work`].
    #[serde(skip)]
    pub area: usize,
    pub score: f64,
    pub evidence: Evidence,
}

/// A task's verdict and its ranked matches (best first, all above zero).
#[derive(Debug, Clone, PartialEq)]
pub struct TaskMatches {
    pub status: MatchStatus,
    pub ranked: Vec<Match>,
    /// The closest area of other work, when any of its words appear.
    pub other: Option<OtherMatch>,
}

impl TaskMatches {
    /// The best match, when the task is not unmatched.
    pub fn best(&self) -> Option<&Match> {
        match self.status {
            MatchStatus::Unmatched => None,
            _ => self.ranked.first(),
        }
    }
}

struct Phrase {
    stems: Vec<u32>,
    /// Document index: responsibilities first, then areas of other work.
    document: usize,
    text: String,
}

/// The text fields of a document to index, with how strongly each speaks for it.
fn fields<'a>(
    title: &'a str,
    terms: &'a [String],
    examples: &'a [String],
    description: &'a str,
) -> [(f64, Vec<&'a str>); 4] {
    [
        (TITLE_STRENGTH, vec![title]),
        (TERM_STRENGTH, terms.iter().map(String::as_str).collect()),
        (EXAMPLE_STRENGTH, examples.iter().map(String::as_str).collect()),
        (DESCRIPTION_STRENGTH, vec![description]),
    ]
}

/// The rubric, analysed once, ready to score any number of tasks.
pub struct Matcher<'r> {
    rubric: &'r Rubric,
    analyzer: Analyzer,
    settings: MatchSettings,
    stem_ids: HashMap<String, u32>,
    /// Per stem id: its weight and the responsibilities that use it, with strength.
    postings: Vec<(f64, Vec<(usize, f64)>)>,
    unknown_weight: f64,
    /// Key phrases, indexed by their first stem.
    phrases: HashMap<u32, Vec<Phrase>>,
}

impl<'r> Matcher<'r> {
    pub fn new(rubric: &'r Rubric, settings: MatchSettings) -> Matcher<'r> {
        let analyzer = Analyzer::default();
        let mut stem_ids: HashMap<String, u32> = HashMap::new();
        let mut strengths: Vec<HashMap<usize, f64>> = Vec::new();
        let mut intern = |stem: &str, strengths: &mut Vec<HashMap<usize, f64>>| -> u32 {
            let next = stem_ids.len() as u32;
            let id = *stem_ids.entry(stem.to_string()).or_insert(next);
            if id as usize == strengths.len() {
                strengths.push(HashMap::new());
            }
            id
        };
        let mut phrase_list: Vec<Phrase> = Vec::new();
        let responsibilities = rubric
            .responsibilities
            .iter()
            .map(|r| (fields(&r.title, &r.terms, &r.examples, &r.description), &r.terms));
        let other_work = rubric
            .other_work
            .iter()
            .map(|a| (fields(&a.title, &a.terms, &a.examples, &a.description), &a.terms));
        for (document, (fields, terms)) in responsibilities.chain(other_work).enumerate() {
            for (strength, texts) in fields {
                for text in texts {
                    for token in analyzer.analyze(text) {
                        let id = intern(&token.stem, &mut strengths);
                        let entry = strengths[id as usize].entry(document).or_insert(0.0);
                        *entry = entry.max(strength);
                    }
                }
            }
            for term in terms {
                let tokens = analyzer.analyze(term);
                if tokens.len() >= 2 {
                    let stems = tokens
                        .iter()
                        .map(|t| intern(&t.stem, &mut strengths))
                        .collect();
                    phrase_list.push(Phrase {
                        stems,
                        document,
                        text: term.to_lowercase(),
                    });
                }
            }
        }
        let documents = (rubric.responsibilities.len() + rubric.other_work.len()).max(1) as f64;
        let idf = |df: usize| (1.0 + documents / df.max(1) as f64).ln();
        let postings = strengths
            .into_iter()
            .map(|by_responsibility| {
                let mut list: Vec<(usize, f64)> = by_responsibility.into_iter().collect();
                list.sort_by_key(|(index, _)| *index);
                (idf(list.len()), list)
            })
            .collect();
        let mut phrases: HashMap<u32, Vec<Phrase>> = HashMap::new();
        for phrase in phrase_list {
            phrases.entry(phrase.stems[0]).or_default().push(phrase);
        }
        Matcher {
            rubric,
            analyzer,
            settings,
            stem_ids,
            postings,
            unknown_weight: idf(1) * UNKNOWN_WORD_WEIGHT,
            phrases,
        }
    }

    pub fn rubric(&self) -> &Rubric {
        self.rubric
    }

    pub fn settings(&self) -> MatchSettings {
        self.settings
    }

    /// Scores every responsibility and area of other work against the task: the
    /// responsibilities that share a word with it, best first, and the closest other work.
    pub fn rank(&self, task: &str) -> (Vec<Match>, Option<OtherMatch>) {
        let tokens = self.analyzer.analyze(task);
        let ids: Vec<Option<u32>> = tokens
            .iter()
            .map(|t| self.stem_ids.get(&t.stem).copied())
            .collect();
        let responsibilities = self.rubric.responsibilities.len();
        let count = responsibilities + self.rubric.other_work.len();
        let mut explained = vec![0.0; count];
        let mut evidence: Vec<Vec<String>> = vec![Vec::new(); count];
        let mut total = 0.0;
        // A stem repeated in the task (or by an abbreviation's expansion) counts once.
        let mut counted: Vec<u32> = Vec::new();
        for (token, id) in tokens.iter().zip(&ids) {
            match id {
                None => total += self.unknown_weight * self.unknown_weight,
                Some(id) if counted.contains(id) => {}
                Some(id) => {
                    counted.push(*id);
                    let (weight, list) = &self.postings[*id as usize];
                    total += weight * weight;
                    for &(d, strength) in list {
                        explained[d] += weight * weight * strength;
                        if !evidence[d].contains(&token.surface) {
                            evidence[d].push(token.surface.clone());
                        }
                    }
                }
            }
        }
        let mut bonus = vec![0.0; count];
        for start in 0..ids.len() {
            let Some(first) = ids[start] else { continue };
            for phrase in self.phrases.get(&first).into_iter().flatten() {
                let end = start + phrase.stems.len();
                let whole = end <= ids.len()
                    && ids[start..end]
                        .iter()
                        .zip(&phrase.stems)
                        .all(|(id, stem)| *id == Some(*stem));
                let d = phrase.document;
                if whole && bonus[d] < MAX_PHRASE_BONUS {
                    bonus[d] += PHRASE_BONUS;
                    if !evidence[d].contains(&phrase.text) {
                        evidence[d].push(phrase.text.clone());
                    }
                }
            }
        }
        if total == 0.0 {
            return (Vec::new(), None);
        }
        let score = |d: usize| round((explained[d] / total + bonus[d]).min(1.0));
        let mut ranked: Vec<Match> = (0..responsibilities)
            .filter(|&d| explained[d] > 0.0)
            .map(|d| Match {
                responsibility: d,
                score: score(d),
                evidence: Evidence {
                    terms: std::mem::take(&mut evidence[d]),
                },
            })
            .collect();
        // Stable sort: equal scores keep rubric order, so ties break the same way every run.
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score));
        let other = (responsibilities..count)
            .filter(|&d| explained[d] > 0.0)
            .map(|d| (d, score(d)))
            .fold(None, |best: Option<(usize, f64)>, (d, s)| match best {
                Some((_, b)) if b >= s => best,
                _ => Some((d, s)),
            })
            .map(|(d, s)| OtherMatch {
                area: d - responsibilities,
                score: s,
                evidence: Evidence {
                    terms: std::mem::take(&mut evidence[d]),
                },
            });
        (ranked, other)
    }

    /// The verdict for one task: ranked matches cut to `keep`, and the status.
    pub fn classify(&self, task: &str) -> TaskMatches {
        let (mut ranked, other) = self.rank(task);
        let status = self.status(&ranked, other.as_ref());
        ranked.truncate(self.settings.keep.max(2));
        TaskMatches {
            status,
            ranked,
            other,
        }
    }

    fn status(&self, ranked: &[Match], other: Option<&OtherMatch>) -> MatchStatus {
        let Some(best) = ranked.first() else {
            return MatchStatus::Unmatched;
        };
        if best.score < self.settings.min_score || other.is_some_and(|o| o.score > best.score) {
            return MatchStatus::Unmatched;
        }
        let best_role = &self.rubric.responsibilities[best.responsibility].role;
        let rival = ranked
            .iter()
            .skip(1)
            .find(|m| &self.rubric.responsibilities[m.responsibility].role != best_role);
        match rival {
            Some(rival) if best.score - rival.score < self.settings.ambiguity_margin => {
                MatchStatus::Ambiguous
            }
            _ => MatchStatus::Matched,
        }
    }

    /// Responsibilities whose score is within the ambiguity margin of the best, one per
    /// role: the candidates an ambiguous task is shared between.
    pub fn contenders<'m>(&self, matches: &'m TaskMatches) -> Vec<&'m Match> {
        let Some(best) = matches.best() else {
            return Vec::new();
        };
        if matches.status != MatchStatus::Ambiguous {
            return vec![best];
        }
        let mut roles: Vec<&str> = Vec::new();
        let mut out = Vec::new();
        for m in &matches.ranked {
            if best.score - m.score >= self.settings.ambiguity_margin {
                break;
            }
            let role = self.rubric.responsibilities[m.responsibility].role.as_str();
            if !roles.contains(&role) {
                roles.push(role);
                out.push(m);
            }
        }
        out
    }
}

/// Scores are kept to three decimals, so reports show what decisions were made on.
fn round(score: f64) -> f64 {
    (score * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rubric() -> Rubric {
        let file = |role: &str, entries: &[(&str, &[&str])]| {
            let mut text = format!(
                "[role]\nid = \"{role}\"\nname = \"{role}\"\naliases = [\"{role}\"]\nsummary = \"s\"\n"
            );
            for (id, terms) in entries {
                let terms: Vec<String> = terms.iter().map(|t| format!("\"{t}\"")).collect();
                text.push_str(&format!(
                    "[[responsibility]]\nid = \"{id}\"\ntitle = \"{id}\"\ndescription = \"d\"\nterms = [{}]\nexamples = [\"e\"]\ncore = true\nsource = \"s\"\n",
                    terms.join(", ")
                ));
            }
            (format!("{role}.toml"), text)
        };
        Rubric::from_sources([
            file(
                "pm",
                &[
                    ("roadmap", &["roadmap", "feature prioritization"]),
                    ("research", &["customer interviews", "user research"]),
                ],
            ),
            file(
                "tpm",
                &[("deps", &["dependencies", "launch readiness", "stakeholder"])],
            ),
            file("pgm", &[("comms", &["stakeholder", "status report"])]),
            (
                "other.toml".to_string(),
                "[background]\nsummary = \"s\"\n[[area]]\nid = \"other-eng\"\ntitle = \"Engineering\"\ndescription = \"d\"\nterms = [\"code review\", \"bug\", \"dependencies upgrade\"]\nexamples = [\"e\"]\nsource = \"s\"\n".to_string(),
            ),
        ])
        .unwrap_or_else(|e| panic!("{e}"))
    }

    fn best_id(matcher: &Matcher<'_>, task: &str) -> Option<String> {
        let m = matcher.classify(task);
        m.best().map(|b| {
            matcher.rubric().responsibilities[b.responsibility]
                .id
                .clone()
        })
    }

    #[test]
    fn ranks_by_the_words_that_match_and_says_which() {
        let rubric = rubric();
        let matcher = Matcher::new(&rubric, MatchSettings::default());
        assert_eq!(
            best_id(&matcher, "Prioritise the Q3 roadmap").as_deref(),
            Some("roadmap")
        );
        let m = matcher.classify("Run customer interviews");
        assert_eq!(m.status, MatchStatus::Matched);
        let best = m.best().unwrap_or_else(|| panic!("no match"));
        assert!(best
            .evidence
            .terms
            .contains(&"customer interviews".to_string()));
        assert!(best.evidence.terms.contains(&"interviews".to_string()));
        assert!(best.score > 0.0 && best.score <= 1.0);
    }

    #[test]
    fn unrelated_work_stays_unmatched() {
        let rubric = rubric();
        let matcher = Matcher::new(&rubric, MatchSettings::default());
        let m = matcher.classify("Fix flaky login tests in CI");
        assert_eq!(m.status, MatchStatus::Unmatched);
        assert!(m.best().is_none());
        assert_eq!(matcher.classify("").status, MatchStatus::Unmatched);
    }

    #[test]
    fn work_that_reads_as_another_function_is_unmatched() {
        let rubric = rubric();
        let matcher = Matcher::new(&rubric, MatchSettings::default());
        let m = matcher.classify("dependencies upgrade and bug fixes");
        assert_eq!(m.status, MatchStatus::Unmatched);
        assert!(!m.ranked.is_empty(), "the role match is still listed");
        let other = m.other.unwrap_or_else(|| panic!("no other-work match"));
        assert_eq!(rubric.other_work[other.area].id, "other-eng");
        assert!(other.evidence.terms.contains(&"bug".to_string()));
        // Without the other-work words, the dependency task is role work.
        assert_eq!(
            matcher.classify("track cross-team dependencies").status,
            MatchStatus::Matched
        );
    }

    #[test]
    fn close_scores_across_roles_are_ambiguous() {
        let rubric = rubric();
        let matcher = Matcher::new(&rubric, MatchSettings::default());
        let m = matcher.classify("stakeholder updates");
        assert_eq!(m.status, MatchStatus::Ambiguous);
        assert_eq!(matcher.contenders(&m).len(), 2);
    }

    #[test]
    fn phrases_add_to_the_score() {
        let rubric = rubric();
        let matcher = Matcher::new(&rubric, MatchSettings::default());
        let whole = matcher.rank("launch readiness review").0;
        let apart = matcher.rank("readiness of the launch review").0;
        assert!(whole[0].score > apart[0].score);
    }

    #[test]
    fn ranking_is_deterministic() {
        let rubric = rubric();
        let a = Matcher::new(&rubric, MatchSettings::default()).rank("stakeholder roadmap");
        let b = Matcher::new(&rubric, MatchSettings::default()).rank("stakeholder roadmap");
        assert_eq!(a, b);
    }
}
