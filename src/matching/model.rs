//! The matcher's model: multinomial logistic regression over the analyzer's features.
//!
//! Classes are the rubric's responsibilities and its areas of other work; a role's
//! probability is the sum of its responsibilities', and "none of the roles" is the sum of
//! the areas'. Features are the stems of a text (abbreviations spelled out) and each pair of
//! neighbouring stems, all of one value, `1/√n` for a text of `n` distinct known stems, so a
//! long sentence is not more certain than a short task for its length alone. Words the model
//! never saw carry no evidence either way and do not dilute the ones it knows: work that is
//! no role's is a class of its own (the areas of other work), not the absence of evidence.
//!
//! A linear model over words was chosen over the earlier bag-of-words scorer because it
//! learns from examples how much a word says *against* a role as well as for it ("test" is
//! evidence against product work), and over sentence embeddings because it is fast, small and
//! every verdict decomposes into per-word weights a reader can check.
//!
//! Training is deterministic: features are numbered in sorted order, sums run in a fixed
//! order, the optimiser is our own L-BFGS and `exp`/`ln` are computed from plain arithmetic,
//! so the same rubrics and training text give the same weights, bit for bit, on any machine.
//! The model for the built-in rubrics is trained once and shipped (`rubrics/model.bin`, made
//! by `cargo run --release --example train-model`); a test checks that training gives
//! exactly those bytes. User rubrics train their own model when loaded.

use std::collections::{BTreeMap, BTreeSet, HashMap};

mod reading;

use rayon::prelude::*;

use super::lbfgs::Lbfgs;
use super::numeric;
use super::text::{self, Analyzer};
use crate::rubric::{fnv1a, Label, Rubric, RubricError};
pub(crate) use reading::Words;

/// Bumped whenever features or training change, so an old shipped model is never used.
pub(crate) const MODEL_VERSION: &[u8] = b"rolecall-model 2";
/// The shipped model, trained from the built-in rubrics and training text.
const BUILT_IN_MODEL: &[u8] = include_bytes!("../../rubrics/model.bin");

/// How a model is trained.
#[derive(Debug, Clone, Copy)]
pub struct Hyperparameters {
    /// Weight of the L2 penalty on feature weights (the bias is not penalised).
    pub l2: f64,
    /// A pair of stems becomes a feature when at least this many training texts have it.
    pub min_pair_texts: usize,
    pub optimiser: Lbfgs,
}

impl Default for Hyperparameters {
    fn default() -> Self {
        Hyperparameters {
            l2: 1e-5,
            min_pair_texts: 2,
            optimiser: Lbfgs {
                max_iterations: 300,
                ..Lbfgs::default()
            },
        }
    }
}

impl Hyperparameters {
    fn fingerprint(&self, rubric: u64) -> u64 {
        let mut hash = fnv1a(rubric, MODEL_VERSION);
        for number in [
            self.l2.to_bits(),
            self.min_pair_texts as u64,
            self.optimiser.memory as u64,
            self.optimiser.max_iterations as u64,
            self.optimiser.gradient_tolerance.to_bits(),
            self.optimiser.relative_tolerance.to_bits(),
        ] {
            hash = fnv1a(hash, &number.to_le_bytes());
        }
        hash
    }
}

/// One stem of a text: a feature the model knows, or a hash of one it does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stem {
    Known(u32),
    Unknown,
}

/// A feature active in a text, with the words (by index) it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Active {
    pub feature: u32,
    pub words: (u32, u32),
}

/// The features a model knows: single stems first (their ids are the stems' ids), then
/// pairs of stems.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Vocabulary {
    stems: HashMap<Box<str>, u32>,
    pairs: HashMap<(u32, u32), u32>,
    names: Vec<Box<str>>,
    /// Every known stem long enough to guess a typing slip of, with one letter left out,
    /// and the stem it came from (or a mark when several give it): the index that finds the
    /// stems one slip away from a word (see `reading`).
    slips: HashMap<Box<str>, u32>,
}

impl Vocabulary {
    /// Every stem of the texts, and every pair found in at least `min_pair_texts` of them,
    /// the texts read as the model will read tasks: a first vocabulary of their stems as
    /// written says which neighbouring words the texts also write as one ("kick off" and
    /// "kickoff"), and the texts read through it make the vocabulary.
    fn build(analyzer: &Analyzer, texts: &[&str], min_pair_texts: usize) -> Vocabulary {
        let written: Vec<Vec<String>> = texts
            .iter()
            .map(|text| stem_strings(analyzer, text))
            .collect();
        let first = Vocabulary::of_sequences(&written, min_pair_texts);
        let mut words = Words::default();
        let mut stems = Vec::new();
        let mut surfaces = Vec::new();
        let read: Vec<Vec<String>> = texts
            .iter()
            .map(|text| {
                first.read(analyzer, text, &mut words, &mut stems, &mut surfaces);
                stems
                    .iter()
                    .filter_map(|(stem, _)| match stem {
                        Stem::Known(id) => Some(first.names[*id as usize].to_string()),
                        Stem::Unknown => None,
                    })
                    .collect()
            })
            .collect();
        Vocabulary::of_sequences(&read, min_pair_texts)
    }

    /// Every stem of the sequences, and every pair of neighbours found in at least
    /// `min_pair_texts` of them.
    fn of_sequences(sequences: &[Vec<String>], min_pair_texts: usize) -> Vocabulary {
        let mut stems: BTreeSet<&str> = BTreeSet::new();
        let mut pair_texts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for sequence in sequences {
            let mut pairs: BTreeSet<(&str, &str)> = BTreeSet::new();
            for pair in sequence.windows(2) {
                if pair[0] != pair[1] {
                    pairs.insert((&pair[0], &pair[1]));
                }
            }
            for pair in pairs {
                *pair_texts.entry(pair).or_default() += 1;
            }
            stems.extend(sequence.iter().map(String::as_str));
        }
        let names: Vec<Box<str>> = stems.iter().map(|&s| s.into()).collect();
        let stem_ids: HashMap<Box<str>, u32> = names
            .iter()
            .enumerate()
            .map(|(i, s)| (s.clone(), i as u32))
            .collect();
        let mut vocabulary = Vocabulary {
            stems: stem_ids,
            pairs: HashMap::new(),
            names,
            slips: HashMap::new(),
        };
        for ((a, b), count) in pair_texts {
            if count >= min_pair_texts {
                vocabulary.add_pair(a, b);
            }
        }
        vocabulary.index_slips();
        vocabulary
    }

    fn add_pair(&mut self, a: &str, b: &str) {
        if let (Some(&a_id), Some(&b_id)) = (self.stems.get(a), self.stems.get(b)) {
            let id = self.names.len() as u32;
            self.pairs.insert((a_id, b_id), id);
            self.names.push(format!("{a} {b}").into());
        }
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// The stem of folded text, as the model knows it.
    pub fn stem(&self, stem: &str) -> Stem {
        match self.stems.get(stem) {
            Some(&id) => Stem::Known(id),
            None => Stem::Unknown,
        }
    }

    /// The active features of a text given as its stems with the word each came from, into
    /// `active` (by feature id, each once, from its first place in the text). Returns the
    /// value every active feature takes: `1/√n` for `n` distinct known stems.
    pub fn activate(
        &self,
        stems: &[(Stem, u32)],
        keys: &mut Vec<u32>,
        active: &mut Vec<Active>,
    ) -> f64 {
        active.clear();
        keys.clear();
        keys.extend(stems.iter().filter_map(|(s, _)| match s {
            Stem::Known(id) => Some(*id),
            Stem::Unknown => None,
        }));
        keys.sort_unstable();
        keys.dedup();
        for (i, &(stem, word)) in stems.iter().enumerate() {
            let Stem::Known(id) = stem else { continue };
            active.push(Active {
                feature: id,
                words: (word, word),
            });
            if let Some(&(Stem::Known(next), next_word)) = stems.get(i + 1) {
                if next != id {
                    if let Some(&pair) = self.pairs.get(&(id, next)) {
                        active.push(Active {
                            feature: pair,
                            words: (word, next_word),
                        });
                    }
                }
            }
        }
        // Stable, so each feature keeps its first place.
        active.sort_by_key(|a| a.feature);
        active.dedup_by_key(|a| a.feature);
        1.0 / (keys.len().max(1) as f64).sqrt()
    }
}

/// The stems of a text as strings, in order.
fn stem_strings(analyzer: &Analyzer, text: &str) -> Vec<String> {
    let folded = text::fold(text);
    text::split_words(&folded)
        .flat_map(|word| analyzer.word_stems(word))
        .collect()
}

/// A trained model: a weight per feature and class, and a bias per class.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub(crate) vocabulary: Vocabulary,
    classes: usize,
    /// Feature-major: the weights of feature `f` are `weights[f * classes..][..classes]`.
    weights: Vec<f32>,
    bias: Vec<f32>,
    fingerprint: u64,
}

/// A labelled text to learn from: its classes (a responsibility's index, or the number of
/// responsibilities plus an area's index; a role or "no role" is several, learnt as one by
/// their summed probability), and how much it counts.
pub(crate) struct Example<'t> {
    pub text: &'t str,
    pub classes: Vec<usize>,
    pub weight: f64,
}

impl<'t> Example<'t> {
    fn of_class(text: &'t str, class: usize) -> Example<'t> {
        Example {
            text,
            classes: vec![class],
            weight: 1.0,
        }
    }
}

/// The rubric's own text as examples: each responsibility's and area's title, key terms,
/// example tasks and description.
fn rubric_examples(rubric: &Rubric) -> Vec<Example<'_>> {
    let mut examples = Vec::new();
    let responsibilities = rubric
        .responsibilities
        .iter()
        .map(|r| (&r.title, &r.terms, &r.examples, &r.description));
    let areas = rubric
        .other_work
        .iter()
        .map(|a| (&a.title, &a.terms, &a.examples, &a.description));
    for (class, (title, terms, tasks, description)) in responsibilities.chain(areas).enumerate() {
        examples.push(Example::of_class(title, class));
        examples.extend(
            terms
                .iter()
                .chain(tasks)
                .map(|text| Example::of_class(text, class)),
        );
        examples.push(Example::of_class(description, class));
    }
    examples
}

/// The classes a label stands for: one, or a role's responsibilities, or every area.
pub(crate) fn classes_of(rubric: &Rubric, label: Label) -> Vec<usize> {
    let responsibilities = rubric.responsibilities.len();
    match label {
        Label::Responsibility(r) => vec![r],
        Label::Area(a) => vec![responsibilities + a],
        Label::Role(role) => {
            let id = &rubric.roles[role].id;
            (0..responsibilities)
                .filter(|&r| &rubric.responsibilities[r].role == id)
                .collect()
        }
        Label::NoRole => (responsibilities..responsibilities + rubric.other_work.len()).collect(),
    }
}

/// The most training a user's rubrics may ask for, in classes times words of training text:
/// each pass of the optimiser costs about that (every word's features weigh every class), and
/// the weights and the optimiser's memory grow with it too. The built-in rubrics ask for
/// about 3 million (48 classes, 63,000 words) and train in about 4 s; the cap is under
/// three times that, so that no rubric file can make a run take minutes or gigabytes
/// before a task is read.
pub const MAX_TRAINING_WORK: u64 = 8_000_000;

/// Refuses rubrics that would cost more than [`MAX_TRAINING_WORK`] to train on, before any
/// training starts; `file` names them in the error.
pub fn check_trainable(rubric: &Rubric, file: &str) -> Result<(), RubricError> {
    let classes = rubric.responsibilities.len() + rubric.other_work.len();
    let words: usize = rubric_examples(rubric)
        .iter()
        .map(|example| example.text)
        .chain(rubric.training.iter().map(|line| line.text.as_str()))
        .map(|text| text.split_whitespace().count())
        .sum();
    let work = (classes as u64).saturating_mul(words as u64);
    if work > MAX_TRAINING_WORK {
        return Err(RubricError::TooLargeToTrain {
            file: file.to_string(),
            classes,
            words,
            work,
            cap: MAX_TRAINING_WORK,
        });
    }
    Ok(())
}

impl Model {
    /// The model for a rubric: the shipped one when the rubric is the built-in one, else
    /// trained from the rubric's text and training lines.
    pub fn for_rubric(rubric: &Rubric) -> Model {
        Model::shipped_for(rubric)
            .unwrap_or_else(|| Model::train(rubric, |_| true, Hyperparameters::default()))
    }

    /// The shipped model, when the rubric is the built-in one (its text and training lines,
    /// unchanged).
    pub fn shipped_for(rubric: &Rubric) -> Option<Model> {
        let hyper = Hyperparameters::default();
        // The fingerprint is read first: parsing the whole model for rubrics it is not for
        // (every run with labels or rubrics of the user's own) would cost as much as
        // reading the one that is.
        let fingerprint = BUILT_IN_MODEL
            .strip_prefix(MAGIC)
            .and_then(|rest| rest.get(..8)?.try_into().ok())
            .map(u64::from_le_bytes)?;
        if fingerprint != hyper.fingerprint(rubric.fingerprint) {
            return None;
        }
        Model::from_bytes(BUILT_IN_MODEL).filter(|model| model.is_for(rubric, &hyper))
    }

    /// Whether this model was trained on the rubric's text with these settings, as far as
    /// its fingerprint and shape tell.
    pub(crate) fn is_for(&self, rubric: &Rubric, hyper: &Hyperparameters) -> bool {
        self.fingerprint == hyper.fingerprint(rubric.fingerprint) && self.fits(rubric)
    }

    /// Of the rubric text and the training's settings: equal fingerprints, equal weights.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    fn fits(&self, rubric: &Rubric) -> bool {
        self.classes == rubric.responsibilities.len() + rubric.other_work.len()
    }

    /// Trains on the rubric's own text and the training lines `keep` accepts (by index).
    pub fn train(rubric: &Rubric, keep: impl Fn(usize) -> bool, hyper: Hyperparameters) -> Model {
        Model::train_observed(rubric, keep, hyper, |_| {})
    }

    /// [`Model::train`], calling `iterated(n)` after the optimiser's `n`th iteration (of at
    /// most `hyper.optimiser.max_iterations`), for a progress bar.
    pub fn train_observed(
        rubric: &Rubric,
        keep: impl Fn(usize) -> bool,
        hyper: Hyperparameters,
        iterated: impl FnMut(usize),
    ) -> Model {
        Model::train_from(rubric, keep, hyper, None, iterated)
    }

    /// [`Model::train_observed`], with the optimiser starting from `start`'s weights (feature
    /// by feature, by name) instead of zero when given. A model trained on most of the same
    /// lines starts near the optimum and stops in fewer iterations; the weights are close
    /// to a cold start's, not the same bits, so the shipped and cached models never start
    /// warm.
    pub fn train_from(
        rubric: &Rubric,
        keep: impl Fn(usize) -> bool,
        hyper: Hyperparameters,
        start: Option<&Model>,
        iterated: impl FnMut(usize),
    ) -> Model {
        let analyzer = Analyzer::default();
        let mut examples = rubric_examples(rubric);
        examples.extend(
            rubric
                .training
                .iter()
                .enumerate()
                .filter(|(i, _)| keep(*i))
                .map(|(_, line)| Example {
                    text: &line.text,
                    classes: classes_of(rubric, line.label),
                    weight: line.weight,
                }),
        );
        let classes = rubric.responsibilities.len() + rubric.other_work.len();
        let texts: Vec<&str> = examples.iter().map(|e| e.text).collect();
        let vocabulary = Vocabulary::build(&analyzer, &texts, hyper.min_pair_texts);
        let mut keys = Vec::new();
        let mut active = Vec::new();
        let mut words = Words::default();
        let (mut stems, mut surfaces) = (Vec::new(), Vec::new());
        let rows: Vec<Row> = examples
            .iter()
            .map(|e| {
                vocabulary.read(&analyzer, e.text, &mut words, &mut stems, &mut surfaces);
                let value = vocabulary.activate(&stems, &mut keys, &mut active);
                Row {
                    features: active.iter().map(|a| a.feature).collect(),
                    value,
                    classes: e.classes.clone(),
                    weight: e.weight,
                }
            })
            .collect();
        let theta = start.filter(|start| start.classes == classes).map_or_else(
            || vec![0.0; (vocabulary.len() + 1) * classes],
            |start| start.weights_for(&vocabulary),
        );
        let theta = fit(&rows, theta, classes, hyper, iterated);
        let features = vocabulary.len();
        Model {
            vocabulary,
            classes,
            weights: theta[..features * classes]
                .iter()
                .map(|&w| w as f32)
                .collect(),
            bias: theta[features * classes..]
                .iter()
                .map(|&w| w as f32)
                .collect(),
            fingerprint: hyper.fingerprint(rubric.fingerprint),
        }
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// This model's weights laid out for another vocabulary (zero for a feature it lacks),
    /// then its biases: where training on that vocabulary may start.
    fn weights_for(&self, vocabulary: &Vocabulary) -> Vec<f64> {
        let ours: HashMap<&str, usize> = self
            .vocabulary
            .names
            .iter()
            .enumerate()
            .map(|(id, name)| (&**name, id))
            .collect();
        let mut theta = Vec::with_capacity((vocabulary.len() + 1) * self.classes);
        for name in &vocabulary.names {
            match ours.get(&**name) {
                Some(&id) => theta.extend(self.weights(id as u32).iter().map(|&w| f64::from(w))),
                None => theta.extend(std::iter::repeat_n(0.0, self.classes)),
            }
        }
        theta.extend(self.bias.iter().map(|&b| f64::from(b)));
        theta
    }

    pub fn features(&self) -> usize {
        self.vocabulary.len()
    }

    /// The weights of one feature, one per class.
    pub(crate) fn weights(&self, feature: u32) -> &[f32] {
        let start = feature as usize * self.classes;
        &self.weights[start..start + self.classes]
    }

    /// Class probabilities for a text's active features, each of `value`, into `out`.
    pub(crate) fn probabilities(&self, active: &[Active], value: f64, out: &mut Vec<f64>) {
        out.clear();
        out.resize(self.classes, 0.0);
        for a in active {
            for (sum, &w) in out.iter_mut().zip(self.weights(a.feature)) {
                *sum += f64::from(w);
            }
        }
        for (logit, &bias) in out.iter_mut().zip(&self.bias) {
            *logit = f64::from(bias) + value * *logit;
        }
        softmax(out);
    }

    /// The model as bytes: a header, the feature names, then the weights as little-endian
    /// `f32`s.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&self.fingerprint.to_le_bytes());
        bytes.extend_from_slice(&(self.classes as u32).to_le_bytes());
        let stems = self.vocabulary.stems.len() as u32;
        bytes.extend_from_slice(&stems.to_le_bytes());
        bytes.extend_from_slice(&(self.vocabulary.names.len() as u32).to_le_bytes());
        for name in &self.vocabulary.names {
            bytes.extend_from_slice(&(name.len() as u32).to_le_bytes());
            bytes.extend_from_slice(name.as_bytes());
        }
        for w in self.bias.iter().chain(&self.weights) {
            bytes.extend_from_slice(&w.to_le_bytes());
        }
        bytes
    }

    /// Reads [`Model::to_bytes`]; `None` for anything else.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let mut reader = Reader(bytes.strip_prefix(MAGIC)?);
        let fingerprint = u64::from_le_bytes(reader.take(8)?.try_into().ok()?);
        let classes = reader.u32()? as usize;
        let stems = reader.u32()? as usize;
        let names = reader.u32()? as usize;
        let mut vocabulary = Vocabulary {
            stems: HashMap::with_capacity(stems),
            pairs: HashMap::new(),
            names: Vec::with_capacity(names.min(bytes.len())),
            slips: HashMap::new(),
        };
        for id in 0..names {
            let len = reader.u32()? as usize;
            let name = std::str::from_utf8(reader.take(len)?).ok()?;
            if id < stems {
                vocabulary.stems.insert(name.into(), id as u32);
                vocabulary.names.push(name.into());
            } else {
                let (a, b) = name.split_once(' ')?;
                let before = vocabulary.names.len();
                vocabulary.add_pair(a, b);
                if vocabulary.names.len() == before {
                    return None;
                }
            }
        }
        let count = classes.checked_mul(names.checked_add(1)?)?;
        let floats = reader.take(count.checked_mul(4)?)?;
        if !reader.0.is_empty() {
            return None;
        }
        vocabulary.index_slips();
        let mut all = floats
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        let bias: Vec<f32> = all.by_ref().take(classes).collect();
        let weights: Vec<f32> = all.collect();
        Some(Model {
            vocabulary,
            classes,
            weights,
            bias,
            fingerprint,
        })
    }
}

const MAGIC: &[u8] = b"rolecall model\n";

struct Reader<'b>(&'b [u8]);

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

/// Logits to probabilities, in place.
fn softmax(values: &mut [f64]) {
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    values.iter_mut().for_each(|v| *v -= max);
    numeric::exp_in_place(values);
    let total = values.iter().fold(0.0, |total, v| total + v);
    for v in values.iter_mut() {
        *v /= total;
    }
}

/// One training example as the optimiser sees it.
struct Row {
    features: Vec<u32>,
    /// The value each active feature takes.
    value: f64,
    /// The classes whose summed probability the example is of (usually one).
    classes: Vec<usize>,
    /// How much the example counts in the loss.
    weight: f64,
}

/// For each feature, the examples it is active in, in example order: the gradient of a
/// feature's weights is summed over these in the same order as example by example, so the
/// features can be summed apart, on every core, and give the same bits on any number of
/// threads.
struct ByFeature {
    /// The examples of feature `f` are `rows[starts[f]..starts[f + 1]]`.
    starts: Vec<usize>,
    rows: Vec<u32>,
}

impl ByFeature {
    fn new(rows: &[Row], features: usize) -> ByFeature {
        let mut starts = vec![0; features + 1];
        for row in rows {
            for &f in &row.features {
                starts[f as usize + 1] += 1;
            }
        }
        for f in 0..features {
            starts[f + 1] += starts[f];
        }
        let mut next = starts.clone();
        let mut by_feature = vec![0; starts[features]];
        for (r, row) in rows.iter().enumerate() {
            for &f in &row.features {
                by_feature[next[f as usize]] = r as u32;
                next[f as usize] += 1;
            }
        }
        ByFeature {
            starts,
            rows: by_feature,
        }
    }

    fn of(&self, feature: usize) -> &[u32] {
        &self.rows[self.starts[feature]..self.starts[feature + 1]]
    }
}

/// Minimises the weighted mean negative log-likelihood plus the L2 penalty from `theta`
/// (the weights, feature-major, then the biases), and returns it. An example of several
/// classes (a role, or no role) is scored by their summed probability, so training learns
/// that the text is the role's without saying which responsibility.
///
/// Each evaluation runs in three passes, the first and last on every core: every example's
/// loss and residuals (independent of each other), the loss summed in example order, then
/// each feature's gradient from its examples in example order. Every number is the same
/// sum, in the same order, as an example-by-example loop gives: the weights do not depend
/// on the number of threads.
fn fit(
    rows: &[Row],
    mut theta: Vec<f64>,
    classes: usize,
    hyper: Hyperparameters,
    iterated: impl FnMut(usize),
) -> Vec<f64> {
    let features = (theta.len() / classes.max(1)).saturating_sub(1);
    let n = rows.iter().fold(0.0, |sum, row| sum + row.weight).max(1.0);
    let by_feature = ByFeature::new(rows, features);
    // Per example: its residuals (probability minus truth, over n), and its share of the loss.
    let mut residuals = vec![0.0; rows.len() * classes];
    let mut losses = vec![0.0; rows.len()];
    let objective = |theta: &[f64], gradient: &mut [f64]| {
        let (weights, bias) = theta.split_at(features * classes);
        residuals
            .par_chunks_mut(classes.max(1))
            .zip(losses.par_iter_mut())
            .zip(rows.par_iter())
            .with_min_len(64)
            .for_each(|((logits, loss), row)| {
                logits.copy_from_slice(bias);
                for &f in &row.features {
                    let weights = &weights[f as usize * classes..][..classes];
                    for (l, w) in logits.iter_mut().zip(weights) {
                        *l += row.value * w;
                    }
                }
                let max = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                logits.iter_mut().for_each(|l| *l -= max);
                // Four classes at a time, the same bits as one by one.
                numeric::exp_in_place(logits);
                let total = logits.iter().fold(0.0, |total, l| total + l);
                let target = row.classes.iter().fold(0.0, |sum, &t| sum + logits[t]);
                *loss = (numeric::ln(total) - numeric::ln(target)) * row.weight / n;
                // d(−ln Σ_T p)/d logit_c = p_c − [c ∈ T]·e_c/Σ_T e; for one target that
                // share is 1.
                for (c, l) in logits.iter_mut().enumerate() {
                    let share = if row.classes.contains(&c) {
                        *l / target
                    } else {
                        0.0
                    };
                    *l = (*l / total - share) * row.weight / n;
                }
            });
        let mut value = 0.0;
        for w in weights {
            value += 0.5 * hyper.l2 * w * w;
        }
        for loss in &losses {
            value += loss;
        }
        let (weight_gradient, bias_gradient) = gradient.split_at_mut(features * classes);
        weight_gradient
            .par_chunks_mut(classes.max(1))
            .zip(weights.par_chunks(classes.max(1)))
            .enumerate()
            .with_min_len(64)
            .for_each(|(f, (gradient, weights))| {
                for (g, w) in gradient.iter_mut().zip(weights) {
                    *g = hyper.l2 * w;
                }
                for &r in by_feature.of(f) {
                    let x = rows[r as usize].value;
                    let residuals = &residuals[r as usize * classes..][..classes];
                    for (g, l) in gradient.iter_mut().zip(residuals) {
                        *g += x * l;
                    }
                }
            });
        bias_gradient.fill(0.0);
        for example in residuals.chunks(classes.max(1)) {
            for (g, l) in bias_gradient.iter_mut().zip(example) {
                *g += l;
            }
        }
        value
    };
    hyper
        .optimiser
        .minimise_observed(&mut theta, objective, iterated);
    theta
}

#[cfg(test)]
mod tests {

    use super::*;

    #[test]
    fn the_shipped_model_is_what_training_gives() {
        let rubric = Rubric::built_in().unwrap();
        let trained = Model::train(&rubric, |_| true, Hyperparameters::default());
        assert!(
            trained.to_bytes() == BUILT_IN_MODEL,
            "rubrics/model.bin is stale: run `cargo run --release --example train-model`"
        );
        assert_eq!(Model::for_rubric(&rubric), trained);
    }

    #[test]
    fn pairs_of_stems_seen_in_one_text_only_are_not_features() {
        let analyzer = Analyzer::default();
        let texts = [
            "launch readiness review",
            "launch readiness",
            "readiness review",
        ];
        let vocabulary = Vocabulary::build(&analyzer, &texts, 2);
        let names: Vec<&str> = vocabulary.names.iter().map(|n| &**n).collect();
        assert!(names.contains(&"launch readi"), "{names:?}");
        assert!(names.contains(&"readi review"), "{names:?}");
        assert!(!names.contains(&"review launch"), "{names:?}");
        assert_eq!(
            names.iter().filter(|n| !n.contains(' ')).count(),
            3,
            "every stem is a feature: {names:?}"
        );
    }
}
