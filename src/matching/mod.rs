//! Matching: free-text task to a role and its closest responsibilities, with the words that
//! carried each.
//!
//! Pure, deterministic and explainable. Every responsibility becomes a bag of stems, each
//! with a strength from the field it came from (title and key terms count fully, example
//! tasks a little less, the description least). A task's score against a bag is the share of
//! the task's information that the bag explains:
//!
//! ```text
//! score = Σ_{t in task} w(t)² · strength(bag, t)  /  Σ_{t in task} w(t)²   (+ phrase bonus)
//! ```
//!
//! where `w(t)` is the stem's inverse document frequency over the bags, so a word every bag
//! uses counts little and a word only one uses ("burndown") counts a lot. Words no rubric
//! uses at all ("Figma", "payroll") still weigh in the denominator: a task that is mostly
//! about something else scores low. A key phrase of two or more words found whole in the
//! task ("launch readiness", "steering committee") adds a bonus. Scores lie in [0, 1]. The
//! person's job title is never consulted, so role drift stays visible.
//!
//! Scoring runs at two levels. The verdict is made between *roles*: each role's bag is the
//! union of its responsibilities, weighed by how distinctive a word is between roles, so a
//! task whose words spread over several of one role's responsibilities ("spec and roadmap
//! for the new tier") still reads clearly as that role's work. Within the role, the
//! responsibility is the one whose own bag explains the task best. Areas of other work
//! (engineering, design, sales, ...) from the rubric's background files compete with the
//! roles as bags of their own: a task that reads more like one of them than like any role is
//! unmatched, and the report says what it read as.

mod text;

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use crate::rubric::Rubric;

pub use text::{Analyzer, Token};

/// How strongly a field of a responsibility speaks for it.
const TITLE_STRENGTH: f64 = 1.0;
const TERM_STRENGTH: f64 = 1.0;
const EXAMPLE_STRENGTH: f64 = 0.75;
const DESCRIPTION_STRENGTH: f64 = 0.5;
/// Weight of a word no rubric uses, relative to a word only one bag uses.
const UNKNOWN_WORD_WEIGHT: f64 = 0.75;
/// Added for each whole key phrase found in the task, at most [`MAX_PHRASE_BONUS`].
const PHRASE_BONUS: f64 = 0.1;
const MAX_PHRASE_BONUS: f64 = 0.2;

/// Thresholds that turn scores into a verdict; see README "Matching".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchSettings {
    /// A best role score below this leaves the task unmatched.
    pub min_score: f64,
    /// Two roles scoring closer than this make the task ambiguous.
    pub ambiguity_margin: f64,
    /// How many ranked responsibilities to keep per task.
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

/// One role a task resembles, and the responsibility of that role it is closest to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleMatch {
    /// Index into [`Rubric::roles`].
    #[serde(skip)]
    pub role: usize,
    pub score: f64,
    pub evidence: Evidence,
    pub responsibility: Match,
}

/// The task's words (as written) and whole key phrases that carried a match. Each is shared
/// with every other task that has it (a report holds several per task).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Evidence {
    pub terms: Vec<Arc<str>>,
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

/// A task's verdict with everything it was made from.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskMatches {
    pub status: MatchStatus,
    /// Roles sharing a word with the task, best first.
    pub roles: Vec<RoleMatch>,
    /// Responsibilities of any role, best first, cut to [`MatchSettings::keep`].
    pub ranked: Vec<Match>,
    /// The closest area of other work, when any of its words appear.
    pub other: Option<OtherMatch>,
}

impl TaskMatches {
    /// The responsibility the task is credited to, when it is not unmatched: the closest
    /// responsibility of the best role.
    pub fn best(&self) -> Option<&Match> {
        match self.status {
            MatchStatus::Unmatched => None,
            _ => self.roles.first().map(|r| &r.responsibility),
        }
    }

    /// The score the verdict was made on: the best role's.
    pub fn score(&self) -> f64 {
        self.roles.first().map_or(0.0, |r| r.score)
    }
}

/// A key phrase of some bag, as stem ids.
struct Phrase {
    stems: Vec<u32>,
    bag: usize,
    text: Arc<str>,
}

/// One level of scoring: bags of stems with their strengths, and the weight of each stem
/// at this level.
struct Index {
    /// Per stem id: its weight, and the bags that use it with their strength.
    postings: Vec<(f64, Vec<(usize, f64)>)>,
    unknown_weight: f64,
    /// Key phrases, by their first stem (indexed by stem id, as `postings` is).
    phrases: Vec<Vec<Phrase>>,
    bags: usize,
}

impl Index {
    /// `bag_of[d]` says which bag document `d` (with its stems and phrases) pours into.
    fn new(
        documents: &[HashMap<u32, f64>],
        phrases: &[(Vec<u32>, usize, String)],
        bag_of: &[usize],
        bags: usize,
        stems: usize,
    ) -> Index {
        let mut strengths: Vec<HashMap<usize, f64>> = vec![HashMap::new(); stems];
        for (document, stems) in documents.iter().enumerate() {
            for (&stem, &strength) in stems {
                let entry = strengths[stem as usize]
                    .entry(bag_of[document])
                    .or_insert(0.0);
                *entry = entry.max(strength);
            }
        }
        let idf = |df: usize| (1.0 + bags.max(1) as f64 / df.max(1) as f64).ln();
        let postings = strengths
            .into_iter()
            .map(|by_bag| {
                let mut list: Vec<(usize, f64)> = by_bag.into_iter().collect();
                list.sort_by_key(|(bag, _)| *bag);
                (idf(list.len()), list)
            })
            .collect();
        let mut by_first: Vec<Vec<Phrase>> = (0..stems).map(|_| Vec::new()).collect();
        for (stems, document, text) in phrases {
            let bag = bag_of[*document];
            let list = &mut by_first[stems[0] as usize];
            // The same phrase in two documents of one bag counts once.
            if !list.iter().any(|p| p.bag == bag && p.stems == *stems) {
                list.push(Phrase {
                    stems: stems.clone(),
                    bag,
                    text: text.as_str().into(),
                });
            }
        }
        Index {
            postings,
            unknown_weight: idf(1) * UNKNOWN_WORD_WEIGHT,
            phrases: by_first,
            bags,
        }
    }

    /// Every bag's score for the task, into `work.scores` (`None` for bags that share no
    /// word with it). Which tokens and phrases counted for each bag is noted on the way, so
    /// that [`Index::evidence`] can name them for the few bags a verdict shows.
    fn score(&self, ids: &[Option<u32>], work: &mut ScoreWork) {
        let words = ids.len().div_ceil(64).max(1);
        work.words = words;
        work.explained.clear();
        work.explained.resize(self.bags, 0.0);
        work.bonus.clear();
        work.bonus.resize(self.bags, 0.0);
        work.tokens.clear();
        work.tokens.resize(self.bags * words, 0);
        work.phrases.clear();
        work.counted.clear();
        let mut total = 0.0;
        for (position, id) in ids.iter().enumerate() {
            match id {
                None => total += self.unknown_weight * self.unknown_weight,
                // A stem repeated in the task (or by an abbreviation's expansion) counts once.
                Some(id) if work.counted.contains(id) => {}
                Some(id) => {
                    work.counted.push(*id);
                    let (weight, list) = &self.postings[*id as usize];
                    total += weight * weight;
                    let (word, bit) = (position / 64, 1 << (position % 64));
                    for &(bag, strength) in list {
                        work.explained[bag] += weight * weight * strength;
                        work.tokens[bag * words + word] |= bit;
                    }
                }
            }
        }
        for start in 0..ids.len() {
            let Some(first) = ids[start] else { continue };
            for phrase in &self.phrases[first as usize] {
                let end = start + phrase.stems.len();
                let whole = end <= ids.len()
                    && ids[start..end]
                        .iter()
                        .zip(&phrase.stems)
                        .all(|(id, stem)| *id == Some(*stem));
                if whole && work.bonus[phrase.bag] < MAX_PHRASE_BONUS {
                    work.bonus[phrase.bag] += PHRASE_BONUS;
                    work.phrases.push((phrase.bag, phrase.text.clone()));
                }
            }
        }
        work.scores.clear();
        work.scores.extend(
            work.explained
                .iter()
                .zip(&work.bonus)
                .map(|(&explained, bonus)| {
                    (explained > 0.0).then(|| round((explained / total + bonus).min(1.0)))
                }),
        );
    }

    /// The task words (as written), then the whole key phrases, that carried one bag's
    /// score in the last [`Index::score`] into `work`.
    fn evidence(bag: usize, work: &ScoreWork, surfaces: &[Arc<str>]) -> Evidence {
        let mut terms: Vec<Arc<str>> = Vec::new();
        let masks = &work.tokens[bag * work.words..(bag + 1) * work.words];
        for (word, &mask) in masks.iter().enumerate() {
            let mut mask = mask;
            while mask != 0 {
                let surface = &surfaces[word * 64 + mask.trailing_zeros() as usize];
                mask &= mask - 1;
                if !terms.contains(surface) {
                    terms.push(surface.clone());
                }
            }
        }
        for (_, text) in work.phrases.iter().filter(|(b, _)| *b == bag) {
            if !terms.contains(text) {
                terms.push(text.clone());
            }
        }
        Evidence { terms }
    }
}

/// One level's scoring of the current task, in buffers reused from task to task.
#[derive(Default)]
struct ScoreWork {
    explained: Vec<f64>,
    bonus: Vec<f64>,
    counted: Vec<u32>,
    scores: Vec<Option<f64>>,
    /// 64-bit words of token positions per bag.
    words: usize,
    /// Per bag, `words` bitmasks: the task tokens that counted for it.
    tokens: Vec<u64>,
    /// The whole key phrases that added to a bag's bonus, in the order found.
    phrases: Vec<(usize, Arc<str>)>,
}

/// What a run of [`Matcher::classify_with`] keeps between tasks: the stems of every word
/// met so far, and scoring buffers. Sheets repeat their words, and stemming a word costs
/// more than looking it up. One per thread; it never changes a verdict.
#[derive(Default)]
pub struct Scratch {
    words: HashMap<Box<str>, KnownWord>,
    folded: String,
    ids: Vec<Option<u32>>,
    /// Per id, the word it came from, as evidence would show it.
    surfaces: Vec<Arc<str>>,
    role_best: Vec<Option<(usize, f64)>>,
    responsibilities: ScoreWork,
    roles: ScoreWork,
}

/// A word of folded text, analysed.
struct KnownWord {
    /// The stem ids it stands for (`None`: no rubric uses that stem).
    ids: Box<[Option<u32>]>,
    /// The word, to show as evidence.
    surface: Arc<str>,
}

impl Scratch {
    /// Enough for the vocabulary of any real organisation; a file of random words stops
    /// adding to the cache here rather than growing it without end.
    const MAX_WORDS: usize = 200_000;
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
        (
            EXAMPLE_STRENGTH,
            examples.iter().map(String::as_str).collect(),
        ),
        (DESCRIPTION_STRENGTH, vec![description]),
    ]
}

/// The rubric, analysed once, ready to score any number of tasks.
pub struct Matcher<'r> {
    rubric: &'r Rubric,
    analyzer: Analyzer,
    settings: MatchSettings,
    stem_ids: HashMap<String, u32>,
    /// Bags: one per responsibility, then one per area of other work.
    responsibilities: Index,
    /// Bags: one per role, then one per area of other work.
    roles: Index,
    /// Role index of each responsibility.
    role_of: Vec<usize>,
}

impl<'r> Matcher<'r> {
    pub fn new(rubric: &'r Rubric, settings: MatchSettings) -> Matcher<'r> {
        let analyzer = Analyzer::default();
        let mut stem_ids: HashMap<String, u32> = HashMap::new();
        let mut intern = |stem: &str| -> u32 {
            let next = stem_ids.len() as u32;
            *stem_ids.entry(stem.to_string()).or_insert(next)
        };
        let mut documents: Vec<HashMap<u32, f64>> = Vec::new();
        let mut phrases: Vec<(Vec<u32>, usize, String)> = Vec::new();
        let responsibilities = rubric.responsibilities.iter().map(|r| {
            (
                fields(&r.title, &r.terms, &r.examples, &r.description),
                &r.terms,
            )
        });
        let other_work = rubric.other_work.iter().map(|a| {
            (
                fields(&a.title, &a.terms, &a.examples, &a.description),
                &a.terms,
            )
        });
        for (document, (fields, terms)) in responsibilities.chain(other_work).enumerate() {
            let mut stems: HashMap<u32, f64> = HashMap::new();
            for (strength, texts) in fields {
                for text in texts {
                    for token in analyzer.analyze(text) {
                        let entry = stems.entry(intern(&token.stem)).or_insert(0.0);
                        *entry = entry.max(strength);
                    }
                }
            }
            documents.push(stems);
            for term in terms {
                let tokens = analyzer.analyze(term);
                if tokens.len() >= 2 {
                    let stems = tokens.iter().map(|t| intern(&t.stem)).collect();
                    phrases.push((stems, document, term.to_lowercase()));
                }
            }
        }
        let stems = stem_ids.len();
        let (r, a) = (rubric.responsibilities.len(), rubric.other_work.len());
        // Responsibilities whose role is missing cannot occur: the rubric loader refuses them.
        let role_of: Vec<usize> = rubric
            .responsibilities
            .iter()
            .map(|resp| {
                rubric
                    .roles
                    .iter()
                    .position(|role| role.id == resp.role)
                    .unwrap_or_default()
            })
            .collect();
        let roles = rubric.roles.len();
        let by_document: Vec<usize> = (0..r + a).collect();
        let by_role: Vec<usize> = role_of
            .iter()
            .copied()
            .chain((0..a).map(|area| roles + area))
            .collect();
        Matcher {
            rubric,
            analyzer,
            settings,
            stem_ids,
            responsibilities: Index::new(&documents, &phrases, &by_document, r + a, stems),
            roles: Index::new(&documents, &phrases, &by_role, roles + a, stems),
            role_of,
        }
    }

    pub fn rubric(&self) -> &Rubric {
        self.rubric
    }

    pub fn settings(&self) -> MatchSettings {
        self.settings
    }

    /// The verdict for one task.
    pub fn classify(&self, task: &str) -> TaskMatches {
        self.classify_with(task, &mut Scratch::default())
    }

    /// The verdict for one task, reusing `scratch` from the tasks before it: the same
    /// verdict as [`Matcher::classify`], faster over many tasks.
    pub fn classify_with(&self, task: &str, scratch: &mut Scratch) -> TaskMatches {
        // Buffers kept from task to task, handed back below.
        let mut folded = std::mem::take(&mut scratch.folded);
        let mut surfaces = std::mem::take(&mut scratch.surfaces);
        let mut role_best = std::mem::take(&mut scratch.role_best);
        text::fold_into(task, &mut folded);
        surfaces.clear();
        scratch.ids.clear();
        for word in text::split_words(&folded) {
            let fresh;
            let known = match scratch.words.get(word) {
                Some(known) => known,
                None => {
                    let analysed = KnownWord {
                        ids: self.word_ids(word),
                        surface: Arc::from(word),
                    };
                    if scratch.words.len() < Scratch::MAX_WORDS {
                        scratch.words.entry(word.into()).or_insert(analysed)
                    } else {
                        fresh = analysed;
                        &fresh
                    }
                }
            };
            scratch.ids.extend(known.ids.iter());
            surfaces.extend(known.ids.iter().map(|_| known.surface.clone()));
        }
        let ids = &scratch.ids;
        let responsibilities = self.rubric.responsibilities.len();
        self.responsibilities
            .score(ids, &mut scratch.responsibilities);
        // The best few overall, and each role's best: by score, equal scores in rubric
        // order, so ties break the same way every run.
        let keep = self.settings.keep.max(2);
        let mut ranked: Vec<(usize, f64)> = Vec::with_capacity(keep + 1);
        role_best.clear();
        role_best.resize(self.rubric.roles.len(), None);
        for (responsibility, score) in scratch.responsibilities.scores[..responsibilities]
            .iter()
            .enumerate()
            .filter_map(|(r, score)| score.map(|s| (r, s)))
        {
            let place = ranked.partition_point(|&(_, s)| s >= score);
            if place < keep {
                ranked.insert(place, (responsibility, score));
                ranked.truncate(keep);
            }
            let best = &mut role_best[self.role_of[responsibility]];
            if best.is_none_or(|(_, s)| score > s) {
                *best = Some((responsibility, score));
            }
        }
        let to_match = |(responsibility, score): (usize, f64)| Match {
            responsibility,
            score,
            evidence: Index::evidence(responsibility, &scratch.responsibilities, &surfaces),
        };

        let role_count = self.rubric.roles.len();
        self.roles.score(ids, &mut scratch.roles);
        let role_scores = &scratch.roles.scores;
        let other = role_scores[role_count..]
            .iter()
            .enumerate()
            .filter_map(|(area, score)| score.map(|s| (area, s)))
            .fold(None, |best: Option<(usize, f64)>, (area, s)| match best {
                Some((_, b)) if b >= s => best,
                _ => Some((area, s)),
            })
            .map(|(area, score)| OtherMatch {
                area,
                score,
                evidence: Index::evidence(role_count + area, &scratch.roles, &surfaces),
            });
        let mut roles: Vec<RoleMatch> = role_scores[..role_count]
            .iter()
            .enumerate()
            .filter_map(|(role, score)| {
                let score = (*score)?;
                let closest = role_best[role]?;
                Some(RoleMatch {
                    role,
                    score,
                    evidence: Index::evidence(role, &scratch.roles, &surfaces),
                    responsibility: to_match(closest),
                })
            })
            .collect();
        roles.sort_by(|a, b| b.score.total_cmp(&a.score));

        let status = self.status(&roles, other.as_ref());
        let verdict = TaskMatches {
            status,
            roles,
            ranked: ranked.into_iter().map(to_match).collect(),
            other,
        };
        scratch.folded = folded;
        scratch.surfaces = surfaces;
        scratch.role_best = role_best;
        verdict
    }

    /// The stem ids of one word of folded text.
    fn word_ids(&self, word: &str) -> Box<[Option<u32>]> {
        self.analyzer
            .word_stems(word)
            .iter()
            .map(|stem| self.stem_ids.get(stem).copied())
            .collect()
    }

    fn status(&self, roles: &[RoleMatch], other: Option<&OtherMatch>) -> MatchStatus {
        let Some(best) = roles.first() else {
            return MatchStatus::Unmatched;
        };
        if best.score < self.settings.min_score || other.is_some_and(|o| o.score > best.score) {
            return MatchStatus::Unmatched;
        }
        match roles.get(1) {
            Some(rival) if self.contends(best, rival) => MatchStatus::Ambiguous,
            _ => MatchStatus::Matched,
        }
    }

    /// Whether `rival` is close enough to `best` to share the task: within the margin, and
    /// a match in its own right.
    fn contends(&self, best: &RoleMatch, rival: &RoleMatch) -> bool {
        best.score - rival.score < self.settings.ambiguity_margin
            && rival.score >= self.settings.min_score
    }

    /// The responsibilities an ambiguous task is shared between: the closest of each role
    /// that contends with the best. A matched task has one.
    pub fn contenders<'m>(&self, matches: &'m TaskMatches) -> Vec<&'m Match> {
        let Some(best) = matches.roles.first() else {
            return Vec::new();
        };
        match matches.status {
            MatchStatus::Unmatched => Vec::new(),
            MatchStatus::Matched => vec![&best.responsibility],
            MatchStatus::Ambiguous => matches
                .roles
                .iter()
                .take_while(|r| self.contends(best, r))
                .map(|r| &r.responsibility)
                .collect(),
        }
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
            .contains(&Arc::from("customer interviews")));
        assert!(best.evidence.terms.contains(&Arc::from("interviews")));
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
        assert!(other.evidence.terms.contains(&Arc::from("bug")));
        // Without the other-work words, the dependency task is role work.
        assert_eq!(
            matcher.classify("dependencies and launch readiness").status,
            MatchStatus::Matched
        );
    }

    #[test]
    fn a_rival_below_the_minimum_does_not_contend() {
        let rubric = rubric();
        let task = "launch readiness with stakeholder";
        let wide = MatchSettings {
            ambiguity_margin: 1.0,
            min_score: 0.0,
            ..MatchSettings::default()
        };
        let m = Matcher::new(&rubric, wide).classify(task);
        assert_eq!(m.status, MatchStatus::Ambiguous);
        let (best, rival) = (m.roles[0].score, m.roles[1].score);
        assert!(best > rival + 0.01, "{best} {rival}");
        let strict = MatchSettings {
            min_score: rival + 0.001,
            ..wide
        };
        let matcher = Matcher::new(&rubric, strict);
        let m = matcher.classify(task);
        assert_eq!(m.status, MatchStatus::Matched);
        assert_eq!(matcher.contenders(&m).len(), 1);
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
    fn a_role_is_judged_on_all_its_responsibilities_together() {
        let rubric = rubric();
        let matcher = Matcher::new(&rubric, MatchSettings::default());
        let m = matcher.classify("roadmap from customer interviews");
        assert_eq!(m.status, MatchStatus::Matched);
        let role = &m.roles[0];
        assert_eq!(rubric.roles[role.role].id, "pm");
        // Words split over two responsibilities: the role explains more than either.
        assert!(m.ranked.iter().all(|r| role.score > r.score));
        assert_eq!(m.best(), Some(&role.responsibility));
    }

    #[test]
    fn a_scratch_shared_across_tasks_changes_no_verdict() {
        let rubric = Rubric::built_in().unwrap();
        let matcher = Matcher::new(&rubric, MatchSettings::default());
        let mut scratch = Scratch::default();
        let spec = crate::synthetic::TeamSpec {
            people: 300,
            tasks_per_person: 10,
            seed: 7,
        };
        let mut tasks: Vec<String> = crate::synthetic::rows(spec).map(|r| r.task).collect();
        // Long tasks past one 64-token mask, shorthands, non-ASCII text, nothing at all.
        tasks.push("roadmap ".repeat(70) + "and a launch readiness review w/ eng");
        tasks.push("Prioritisation of the programme’s OKRs x-functional".into());
        tasks.push(String::new());
        for task in &tasks {
            assert_eq!(
                matcher.classify_with(task, &mut scratch),
                matcher.classify(task),
                "{task}"
            );
        }
    }

    #[test]
    fn phrases_add_to_the_score() {
        let rubric = rubric();
        let matcher = Matcher::new(&rubric, MatchSettings::default());
        let whole = matcher.classify("launch readiness review").ranked;
        let apart = matcher.classify("readiness of the launch review").ranked;
        assert!(whole[0].score > apart[0].score);
    }

    #[test]
    fn ranking_is_deterministic() {
        let rubric = rubric();
        let a = Matcher::new(&rubric, MatchSettings::default()).classify("stakeholder roadmap");
        let b = Matcher::new(&rubric, MatchSettings::default()).classify("stakeholder roadmap");
        assert_eq!(a, b);
    }
}
