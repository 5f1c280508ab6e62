//! Matching: free-text task to a role and its closest responsibilities, with the words that
//! carried each and how much.
//!
//! Pure, deterministic and explainable. A linear model ([`Model`]) trained on the rubric's
//! text and its training lines gives every responsibility and every area of other work a
//! probability; a role's probability is the sum of its responsibilities', and the areas'
//! sum is the probability that the task is none of the roles' work. The verdict:
//!
//! - **unmatched** when "none" is more likely than all the roles together (over one half),
//!   when the best role's probability is under `min_score`, or when no word of the task is
//!   known to the model. Whether a task is role work at all is asked of the roles together:
//!   against the best role alone, "none" would win every task whose role work spreads over
//!   two roles;
//! - **ambiguous** when the next role's probability is within `ambiguity_margin` of the best;
//! - **matched** otherwise, credited to the best role's most likely responsibility.
//!
//! Every verdict names the words (and neighbouring pairs of words) that carried it, each with
//! its weight for or against: a word's weight is what it added to the class's score (the
//! logit), so "test −0.9" says the word "test" spoke against the role. The person's job title
//! is never consulted, so role drift stays visible.

mod cache;
mod carried;
mod language;
mod lbfgs;
mod model;
mod numeric;
mod text;

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use crate::rubric::{Label, Origin, Rubric, TeamAnswer};
use crate::text::{round, round3};

pub use cache::{model_for, ready_model, train_model, Loaded, Training};
pub use carried::Carried;
pub use language::{foreign_text, ForeignText};
pub use lbfgs::Lbfgs;
pub use model::{check_trainable, Hyperparameters, Model, MAX_TRAINING_WORK};
pub use text::{Analyzer, Token};

use model::{Active, Stem, Words};

/// Thresholds that turn probabilities into a verdict; see README "Matching".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchSettings {
    /// A best role probability below this leaves the task unmatched.
    pub min_score: f64,
    /// Two roles whose probabilities are closer than this make the task ambiguous.
    pub ambiguity_margin: f64,
    /// How many ranked responsibilities to keep per task.
    pub keep: usize,
}

impl MatchSettings {
    pub const DEFAULT_MIN_SCORE: f64 = 0.3;
    pub const DEFAULT_AMBIGUITY_MARGIN: f64 = 0.1;
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
    /// The responsibility's probability.
    pub score: f64,
    pub evidence: Evidence,
}

/// One role a task resembles, and the responsibility of that role it is closest to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleMatch {
    /// Index into [`Rubric::roles`].
    #[serde(skip)]
    pub role: usize,
    /// The role's probability: the sum of its responsibilities'.
    pub score: f64,
    pub evidence: Evidence,
    pub responsibility: Match,
}

/// The task's words (as written) and pairs of words that weighed most in a verdict, for it
/// first and against it last.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(transparent)]
pub struct Evidence {
    pub terms: Vec<Term>,
}

/// A word or pair of words of the task, and what it added to a class's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    pub term: Arc<str>,
    pub weight: f64,
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {:+.2}", self.term, self.weight)
    }
}

impl Evidence {
    /// "project +1.80, timeline +1.10, product -0.70".
    pub fn text(terms: &[Term]) -> String {
        terms
            .iter()
            .map(Term::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
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
    /// The area's probability.
    pub score: f64,
    pub evidence: Evidence,
}

/// A task's verdict with everything it was made from.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskMatches {
    pub status: MatchStatus,
    /// Every role, most likely first.
    pub roles: Vec<RoleMatch>,
    /// Responsibilities of any role, most likely first, cut to [`MatchSettings::keep`].
    pub ranked: Vec<Match>,
    /// The most likely area of other work, when the rubric has any.
    pub other: Option<OtherMatch>,
    /// The probability that the task is no role's work: the areas' sum.
    pub none: f64,
    /// Whether any word of the task is known to the model.
    pub known: bool,
    /// Who gave the verdict: the model, or the team.
    pub source: Source,
}

/// Where a verdict came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Model,
    /// A label or a `[tasks]` pattern of the team's, which the verdict is exactly (with the
    /// model's evidence kept, for a reader who wonders what the model would have said).
    Team(Origin),
}

impl Source {
    /// Where the team gave the verdict ("labels.csv line 12"), or nothing for the model's.
    pub fn labelled_by(&self) -> Option<String> {
        match self {
            Source::Model => None,
            Source::Team(origin) => Some(origin.to_string()),
        }
    }
}

/// How every report words a verdict the team gave: "labelled by the team (labels.csv line
/// 12)".
pub fn labelled_text(origin: &str) -> String {
    format!("labelled by the team ({origin})")
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

    /// The probability the verdict stands on: the best role's, or for an unmatched task the
    /// probability that it is none of the roles' work.
    pub fn score(&self) -> f64 {
        match self.status {
            MatchStatus::Unmatched => self.none,
            _ => self.roles.first().map_or(0.0, |r| r.score),
        }
    }
}

/// What a run of [`Matcher::classify_with`] keeps between tasks: every word read so far,
/// and buffers. One per thread; it never changes a verdict.
#[derive(Default)]
pub struct Scratch {
    words: Words,
    stems: Vec<(Stem, u32)>,
    /// Per word of the task, as evidence would show it.
    surfaces: Vec<Arc<str>>,
    keys: Vec<u32>,
    active: Vec<Active>,
    probabilities: Vec<f64>,
    /// The task's terms (one word, or a pair of neighbours, by word index) as evidence
    /// would name them, and per term what it adds to each class's logit.
    terms: Vec<(u32, u32)>,
    /// Per active feature, its term.
    term_of: Vec<usize>,
    /// Each active feature's term and place, sorted; and per feature the place of the
    /// first feature of its term.
    places: Vec<((u32, u32), u32)>,
    first_place: Vec<usize>,
    contributions: Vec<f64>,
    /// Per term, its weight in the evidence list being made.
    sums: Vec<f64>,
    /// Per term, its name once an evidence list has used it: most terms never show.
    labels: Vec<Option<Arc<str>>>,
    /// Buffers of the verdict: per role its probability and likeliest responsibility, and
    /// the classes (with their shares) an evidence list weighs.
    role_sums: Vec<f64>,
    role_best: Vec<Option<usize>>,
    shares: Vec<(usize, f64)>,
}

/// At most this many terms are named for one verdict.
const MAX_TERMS: usize = 8;

/// The rubric and its model, ready to judge any number of tasks.
pub struct Matcher<'r> {
    rubric: &'r Rubric,
    analyzer: Analyzer,
    settings: MatchSettings,
    model: Model,
    /// Role index of each responsibility.
    role_of: Vec<usize>,
    /// Per role, its responsibilities in rubric order.
    members: Vec<Vec<usize>>,
}

impl<'r> Matcher<'r> {
    /// A matcher with the rubric's model: the shipped one for the built-in rubrics, else one
    /// trained now (see [`Model::for_rubric`]).
    pub fn new(rubric: &'r Rubric, settings: MatchSettings) -> Matcher<'r> {
        Matcher::with_model(rubric, Model::for_rubric(rubric), settings)
    }

    /// A matcher with a model trained for this rubric (as by [`Model::train`]).
    pub fn with_model(rubric: &'r Rubric, model: Model, settings: MatchSettings) -> Matcher<'r> {
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
        let members = (0..rubric.roles.len())
            .map(|role| (0..role_of.len()).filter(|&r| role_of[r] == role).collect())
            .collect();
        Matcher {
            rubric,
            analyzer: Analyzer::default(),
            settings,
            model,
            role_of,
            members,
        }
    }

    pub fn rubric(&self) -> &Rubric {
        self.rubric
    }

    pub fn settings(&self) -> MatchSettings {
        self.settings
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// How many of the texts' words (stop words aside) the model knows, and how many there
    /// are. Each distinct word is analysed once, as matching does: stemming every word of
    /// every text took most of the time of 4,000 tasks of 30,000 characters. One thread and
    /// one cache: a cache per rayon job cost a million-row run 30 MB more peak memory.
    pub fn known_words(&self, texts: &[&str]) -> (usize, usize) {
        let mut seen = Words::default();
        let mut folded = String::new();
        let (mut known, mut words) = (0, 0);
        for text in texts {
            text::fold_into(text, &mut folded);
            for word in text::split_words(&folded) {
                let judged = self.model.vocabulary.knows(&self.analyzer, &mut seen, word);
                if let Some(is_known) = judged {
                    words += 1;
                    known += usize::from(is_known);
                }
            }
        }
        (known, words)
    }

    /// The verdict for one task.
    pub fn classify(&self, task: &str) -> TaskMatches {
        self.classify_with(task, &mut Scratch::default())
    }

    /// The verdict for one task, reusing `scratch` from the tasks before it: the same
    /// verdict as [`Matcher::classify`], faster over many tasks.
    pub fn classify_with(&self, task: &str, scratch: &mut Scratch) -> TaskMatches {
        self.model.vocabulary.read(
            &self.analyzer,
            task,
            &mut scratch.words,
            &mut scratch.stems,
            &mut scratch.surfaces,
        );
        let value =
            self.model
                .vocabulary
                .activate(&scratch.stems, &mut scratch.keys, &mut scratch.active);
        self.model
            .probabilities(&scratch.active, value, &mut scratch.probabilities);
        self.weigh_terms(scratch, value);
        let verdict = self.verdict(scratch);
        match self.rubric.overrides.answer(task) {
            Some(answer) => self.impose(verdict, answer, scratch),
            None => verdict,
        }
    }

    /// The team's answer as the verdict, with probability 1: a responsibility is credited
    /// exactly; a role is credited to its responsibility the model finds likeliest (the team
    /// said whose work it is, not which part); an area or "none" leaves the task unmatched.
    fn impose(
        &self,
        mut m: TaskMatches,
        answer: &TeamAnswer,
        scratch: &mut Scratch,
    ) -> TaskMatches {
        m.source = Source::Team(answer.origin.clone());
        m.known = true;
        let role = match answer.label {
            Label::Responsibility(r) => Some(self.role_of[r]),
            Label::Role(role) => Some(role),
            Label::Area(_) | Label::NoRole => None,
        };
        for r in &mut m.roles {
            r.score = if Some(r.role) == role { 1.0 } else { 0.0 };
        }
        // Stable: the other roles keep the model's order.
        m.roles.sort_by_key(|r| Some(r.role) != role);
        match (role, m.roles.first_mut()) {
            (Some(_), Some(first)) => {
                first.responsibility = match answer.label {
                    Label::Responsibility(r) => Match {
                        responsibility: r,
                        score: 1.0,
                        evidence: self.evidence(&[(r, 1.0)], scratch),
                    },
                    _ => Match {
                        score: 1.0,
                        ..first.responsibility.clone()
                    },
                };
                m.ranked = vec![first.responsibility.clone()];
                m.other = None;
                m.none = 0.0;
                m.status = MatchStatus::Matched;
            }
            _ => {
                m.ranked.clear();
                let responsibilities = self.rubric.responsibilities.len();
                m.other = match answer.label {
                    Label::Area(area) => Some(OtherMatch {
                        area,
                        score: 1.0,
                        evidence: self.evidence(&[(responsibilities + area, 1.0)], scratch),
                    }),
                    _ => m.other.map(|other| OtherMatch {
                        score: 1.0,
                        ..other
                    }),
                };
                m.none = 1.0;
                m.status = MatchStatus::Unmatched;
            }
        }
        m
    }

    /// Groups the active features of the last task by the words they came from, and sums
    /// each group's weights per class: every evidence list of the verdict reads from these.
    /// Class-major (`contributions[class * terms + term]`), so that an evidence list adds up
    /// all terms of one class at a time.
    fn weigh_terms(&self, scratch: &mut Scratch, value: f64) {
        // Terms are numbered in the order the features first name them. A long task lights
        // thousands of features, so each feature's first namesake is found by sorting
        // (words, place) pairs, not by searching the terms so far.
        let places = &mut scratch.places;
        places.clear();
        places.extend((0u32..).zip(&scratch.active).map(|(i, a)| (a.words, i)));
        places.sort_unstable();
        let first = &mut scratch.first_place;
        first.clear();
        first.resize(places.len(), 0);
        for group in places.chunk_by(|a, b| a.0 == b.0) {
            for &(_, place) in group {
                first[place as usize] = group[0].1 as usize;
            }
        }
        scratch.terms.clear();
        scratch.term_of.clear();
        for (place, a) in scratch.active.iter().enumerate() {
            let term = if first[place] == place {
                scratch.terms.push(a.words);
                scratch.terms.len() - 1
            } else {
                scratch.term_of[first[place]]
            };
            scratch.term_of.push(term);
        }
        let terms = scratch.terms.len();
        scratch.labels.clear();
        scratch.labels.resize(terms, None);
        scratch.contributions.clear();
        scratch
            .contributions
            .resize(terms * self.model.classes(), 0.0);
        for (a, &term) in scratch.active.iter().zip(&scratch.term_of) {
            for (class, &w) in self.model.weights(a.feature).iter().enumerate() {
                scratch.contributions[class * terms + term] += value * f64::from(w);
            }
        }
    }

    /// The verdict from the class probabilities of the last task analysed into `scratch`.
    fn verdict(&self, scratch: &mut Scratch) -> TaskMatches {
        let probabilities = std::mem::take(&mut scratch.probabilities);
        let responsibilities = self.rubric.responsibilities.len();
        let (of_responsibilities, of_areas) = probabilities.split_at(responsibilities);
        let to_match = |r: usize, scratch: &mut Scratch| Match {
            responsibility: r,
            score: round3(of_responsibilities[r]),
            evidence: self.evidence(&[(r, 1.0)], scratch),
        };

        // The likeliest few, equal probabilities in rubric order; never more than there are.
        let keep = self.settings.keep.min(responsibilities);
        let mut top: Vec<usize> = Vec::with_capacity(keep + 1);
        for (r, &p) in of_responsibilities.iter().enumerate() {
            let place = top.partition_point(|&t| of_responsibilities[t] >= p);
            if place < keep {
                top.insert(place, r);
                top.truncate(keep);
            }
        }
        let ranked: Vec<Match> = top.into_iter().map(|r| to_match(r, scratch)).collect();

        let roles_count = self.rubric.roles.len();
        scratch.role_sums.clear();
        scratch.role_sums.resize(roles_count, 0.0);
        scratch.role_best.clear();
        scratch.role_best.resize(roles_count, None);
        for (r, &p) in of_responsibilities.iter().enumerate() {
            let role = self.role_of[r];
            scratch.role_sums[role] += p;
            if scratch.role_best[role].is_none_or(|b| p > of_responsibilities[b]) {
                scratch.role_best[role] = Some(r);
            }
        }
        let mut roles: Vec<RoleMatch> = Vec::with_capacity(roles_count);
        for role in 0..roles_count {
            let Some(best) = scratch.role_best[role] else {
                continue;
            };
            let sum = scratch.role_sums[role];
            let mut shares = std::mem::take(&mut scratch.shares);
            shares.clear();
            shares.extend(
                self.members[role]
                    .iter()
                    .map(|&r| (r, of_responsibilities[r] / sum.max(f64::MIN_POSITIVE))),
            );
            let evidence = self.evidence(&shares, scratch);
            scratch.shares = shares;
            roles.push(RoleMatch {
                role,
                score: round3(sum),
                evidence,
                // A role's likeliest responsibility is often among the likeliest overall.
                responsibility: match ranked.iter().find(|m| m.responsibility == best) {
                    Some(known) => known.clone(),
                    None => to_match(best, scratch),
                },
            });
        }
        // Most likely first; equal probabilities in rubric order, the same every run.
        roles.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.role.cmp(&b.role)));

        let other = (0..of_areas.len())
            .fold(None, |best: Option<usize>, a| match best {
                Some(b) if of_areas[b] >= of_areas[a] => best,
                _ => Some(a),
            })
            .map(|area| OtherMatch {
                area,
                score: round3(of_areas[area]),
                evidence: self.evidence(&[(responsibilities + area, 1.0)], scratch),
            });
        // Folded from +0.0: an empty sum of floats is −0.0, which JSON would show.
        let none = round3(of_areas.iter().fold(0.0, |sum, p| sum + p));
        let known = !scratch.active.is_empty();
        scratch.probabilities = probabilities;
        TaskMatches {
            status: self.status(&roles, none, known),
            roles,
            ranked,
            other,
            none,
            known,
            source: Source::Model,
        }
    }

    /// The terms that weighed most for a mix of classes (each with its share): each term's
    /// share-weighted contribution to the classes' logits, the heaviest [`MAX_TERMS`] either
    /// way (the earlier term first among equals), then for the classes first.
    fn evidence(&self, classes: &[(usize, f64)], scratch: &mut Scratch) -> Evidence {
        let terms = scratch.terms.len();
        let mut sums = std::mem::take(&mut scratch.sums);
        sums.clear();
        sums.resize(terms, 0.0);
        for &(class, share) in classes {
            let row = &scratch.contributions[class * terms..][..terms];
            for (sum, &contribution) in sums.iter_mut().zip(row) {
                *sum += share * contribution;
            }
        }
        // (term, weight, |sum|): the weight is rounded, so its size never falls as |sum|
        // grows, and a term no heavier than the last of a full list is not weighed further.
        let mut heaviest: [(usize, f64, f64); MAX_TERMS] = [(0, 0.0, 0.0); MAX_TERMS];
        let mut count = 0;
        for (term, &sum) in sums.iter().enumerate() {
            let size = sum.abs();
            if count == MAX_TERMS && size <= heaviest[MAX_TERMS - 1].2 {
                continue;
            }
            let weight = round(sum * 100.0) / 100.0;
            if weight == 0.0 {
                continue;
            }
            let place = heaviest[..count].partition_point(|h| h.1.abs() >= weight.abs());
            if place < MAX_TERMS {
                count = (count + 1).min(MAX_TERMS);
                heaviest.copy_within(place..count - 1, place + 1);
                heaviest[place] = (term, weight, size);
            }
        }
        scratch.sums = sums;
        let heaviest = &mut heaviest[..count];
        heaviest.sort_by(|a, b| b.1.total_cmp(&a.1));
        Evidence {
            terms: heaviest
                .iter()
                .map(|&(term, weight, _)| Term {
                    term: self.label(term, scratch),
                    weight,
                })
                .collect(),
        }
    }

    /// A term's name as evidence shows it, made the first time a list names it.
    fn label(&self, term: usize, scratch: &mut Scratch) -> Arc<str> {
        if let Some(label) = &scratch.labels[term] {
            return label.clone();
        }
        let word = |i: u32| {
            scratch
                .surfaces
                .get(i as usize)
                .cloned()
                .unwrap_or_else(|| "".into())
        };
        let (first, second) = scratch.terms[term];
        let label: Arc<str> = if first == second {
            word(first)
        } else {
            format!("{} {}", word(first), word(second)).into()
        };
        scratch.labels[term] = Some(label.clone());
        label
    }

    fn status(&self, roles: &[RoleMatch], none: f64, known: bool) -> MatchStatus {
        let Some(best) = roles.first() else {
            return MatchStatus::Unmatched;
        };
        if !known || best.score < self.settings.min_score || none > 0.5 {
            return MatchStatus::Unmatched;
        }
        match roles.get(1) {
            Some(rival) if self.contends(best, rival) => MatchStatus::Ambiguous,
            _ => MatchStatus::Matched,
        }
    }

    /// Whether `rival` is close enough to `best` to share the task.
    fn contends(&self, best: &RoleMatch, rival: &RoleMatch) -> bool {
        best.score - rival.score < self.settings.ambiguity_margin
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

#[cfg(test)]
mod tests;
