//! Matching quality: how often the matcher gives labelled lines their right role.
//!
//! `rolecall eval FILE` scores any CSV with a `label` column and a `text` (or `task`) column.
//! Labels are `PM`, `PgM`, `TPM` or `NONE` (or a role id of the loaded rubrics, or `none`);
//! two joined by `|` mean either is right. A line's prediction is the role of its best match,
//! or none when it is unmatched. *Fine* accuracy counts the role; *coarse* accuracy counts
//! the family: product work, program work (Program and Technical Program Manager) or none.
//!
//! `rubrics check` uses [`cross_validate`] to say how well the rubrics' own training text
//! separates: each fifth of the lines is judged by a model trained without it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::matching::{Hyperparameters, MatchSettings, Matcher, Model};
use crate::rubric::{Label, Rubric};

/// The built-in roles' ids, by the short labels evaluation files use.
const SHORT_LABELS: [(&str, &str); 3] = [
    ("PM", "product-manager"),
    ("PgM", "program-manager"),
    ("TPM", "technical-program-manager"),
];
/// Roles whose work is program work, for coarse accuracy.
const PROGRAM_FAMILY: [&str; 2] = ["program-manager", "technical-program-manager"];

#[derive(Debug, thiserror::Error)]
pub enum QualityError {
    #[error("{file}: cannot read labelled lines: {message}")]
    Read { file: String, message: String },
    #[error("{file}: line {line}: unknown label \"{label}\" (use PM, PgM, TPM, NONE, a role id or none; join two with |)")]
    Label {
        file: String,
        line: u64,
        label: String,
    },
    #[error("{file}: the evaluation set is not here; it is kept outside the repository (see README \"Quality\")")]
    Missing { file: String },
}

/// What a line is, or what it was judged to be: a role (index into the rubric's roles) or
/// no role's work.
pub type Verdict = Option<usize>;

/// One labelled line.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledLine {
    pub text: String,
    /// As written in the file, for the confusion matrix.
    pub label: String,
    /// The verdicts that count as right.
    pub accepted: Vec<Verdict>,
}

/// Reads a labelled CSV against the rubric's roles.
pub fn read_labelled(rubric: &Rubric, path: &Path) -> Result<Vec<LabelledLine>, QualityError> {
    let file = path.display().to_string();
    if !path.exists() {
        return Err(QualityError::Missing { file });
    }
    let read = |message: String| QualityError::Read {
        file: file.clone(),
        message,
    };
    let mut reader = csv::Reader::from_path(path).map_err(|e| read(e.to_string()))?;
    let headers = reader.headers().map_err(|e| read(e.to_string()))?.clone();
    let column = |names: &[&str]| headers.iter().position(|h| names.contains(&h.trim()));
    let (Some(label_at), Some(text_at)) = (column(&["label"]), column(&["text", "task"])) else {
        return Err(read(
            "needs a \"label\" column and a \"text\" (or \"task\") column".to_string(),
        ));
    };
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| read(e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line());
        let label = record.get(label_at).unwrap_or("").trim().to_string();
        let accepted = label
            .split('|')
            .map(|part| verdict_of(rubric, part.trim()))
            .collect::<Option<Vec<Verdict>>>()
            .ok_or_else(|| QualityError::Label {
                file: file.clone(),
                line,
                label: label.clone(),
            })?;
        lines.push(LabelledLine {
            text: record.get(text_at).unwrap_or("").to_string(),
            label,
            accepted,
        });
    }
    Ok(lines)
}

fn verdict_of(rubric: &Rubric, label: &str) -> Option<Verdict> {
    if label.eq_ignore_ascii_case("none") {
        return Some(None);
    }
    let id = SHORT_LABELS
        .iter()
        .find(|(short, _)| short.eq_ignore_ascii_case(label))
        .map_or(label, |(_, id)| id);
    rubric.roles.iter().position(|r| r.id == id).map(Some)
}

/// Fine and coarse accuracy of a set of verdicts, with the confusion matrix behind them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    pub lines: usize,
    /// Column names: the roles' short names, then "none".
    pub predicted: Vec<String>,
    /// Per label as written: how many lines were predicted as each column.
    pub confusion: BTreeMap<String, Vec<usize>>,
    pub fine: f64,
    pub coarse: f64,
    /// Per label as written: the share of its lines predicted right.
    pub per_label: BTreeMap<String, f64>,
    /// The share of NONE lines predicted none.
    pub none_caught: Option<f64>,
    /// The share of role lines predicted none.
    pub roles_called_none: Option<f64>,
}

/// The family of a verdict, for coarse accuracy: product work, program work or none.
fn family(rubric: &Rubric, verdict: Verdict) -> Option<&str> {
    verdict.map(|role| {
        let id = rubric.roles[role].id.as_str();
        if PROGRAM_FAMILY.contains(&id) {
            "program"
        } else {
            id
        }
    })
}

fn short_name(rubric: &Rubric, verdict: Verdict) -> String {
    match verdict {
        None => "none".to_string(),
        Some(role) => {
            let id = &rubric.roles[role].id;
            SHORT_LABELS
                .iter()
                .find(|(_, full)| full == id)
                .map_or_else(|| id.clone(), |(short, _)| short.to_string())
        }
    }
}

impl Scores {
    /// Scores predictions, one per line.
    pub fn new(rubric: &Rubric, lines: &[LabelledLine], predictions: &[Verdict]) -> Scores {
        let columns: Vec<Verdict> = (0..rubric.roles.len()).map(Some).chain([None]).collect();
        let column_of = |v: Verdict| v.unwrap_or(rubric.roles.len());
        let mut confusion: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut right: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        let (mut fine, mut coarse) = (0, 0);
        let (mut none_lines, mut none_hits, mut role_lines, mut role_as_none) = (0, 0, 0, 0);
        for (line, &predicted) in lines.iter().zip(predictions) {
            confusion
                .entry(line.label.clone())
                .or_insert_with(|| vec![0; columns.len()])[column_of(predicted)] += 1;
            let is_fine = line.accepted.contains(&predicted);
            let is_coarse = line
                .accepted
                .iter()
                .any(|&a| family(rubric, a) == family(rubric, predicted));
            fine += usize::from(is_fine);
            coarse += usize::from(is_coarse);
            let entry = right.entry(line.label.clone()).or_default();
            entry.0 += usize::from(is_fine);
            entry.1 += 1;
            if line.accepted == [None] {
                none_lines += 1;
                none_hits += usize::from(predicted.is_none());
            } else if !line.accepted.contains(&None) {
                role_lines += 1;
                role_as_none += usize::from(predicted.is_none());
            }
        }
        let share = |a: usize, b: usize| (b > 0).then(|| a as f64 / b as f64);
        Scores {
            lines: lines.len(),
            predicted: columns.iter().map(|&v| short_name(rubric, v)).collect(),
            confusion,
            fine: share(fine, lines.len()).unwrap_or(0.0),
            coarse: share(coarse, lines.len()).unwrap_or(0.0),
            per_label: right
                .into_iter()
                .map(|(label, (hits, n))| (label, share(hits, n).unwrap_or(0.0)))
                .collect(),
            none_caught: share(none_hits, none_lines),
            roles_called_none: share(role_as_none, role_lines),
        }
    }

    /// The confusion matrix and accuracies as a table for people.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let width = self
            .confusion
            .keys()
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(5)
            .max(5)
            + 2;
        let _ = writeln!(out, "confusion matrix (rows: label, columns: predicted)");
        let _ = write!(out, "{:width$}", "");
        for column in &self.predicted {
            let _ = write!(out, "{column:>6}");
        }
        let _ = writeln!(out, "   accuracy");
        for (label, row) in &self.confusion {
            let _ = write!(out, "{label:width$}");
            for count in row {
                let _ = write!(out, "{count:>6}");
            }
            let n: usize = row.iter().sum();
            let accuracy = self.per_label.get(label).copied().unwrap_or(0.0);
            let _ = writeln!(out, "   {accuracy:.3} of {n}");
        }
        let _ = writeln!(
            out,
            "fine accuracy (role): {:.3} of {} lines",
            self.fine, self.lines
        );
        let _ = writeln!(
            out,
            "coarse accuracy (product / program family / none): {:.3}",
            self.coarse
        );
        if let Some(caught) = self.none_caught {
            let _ = writeln!(out, "none lines caught as none: {caught:.3}");
        }
        if let Some(lost) = self.roles_called_none {
            let _ = writeln!(out, "role lines wrongly called none: {lost:.3}");
        }
        out
    }
}

/// The matcher's verdict for each line: the role of its best match, or none.
pub fn predict(matcher: &Matcher<'_>, texts: &[&str]) -> Vec<Verdict> {
    texts
        .iter()
        .map(|text| {
            let verdict = matcher.classify(text);
            verdict.best().map(|m| {
                let id = &matcher.rubric().responsibilities[m.responsibility].role;
                matcher
                    .rubric()
                    .roles
                    .iter()
                    .position(|r| &r.id == id)
                    .unwrap_or_default()
            })
        })
        .collect()
}

/// How many folds [`cross_validate`] splits the training lines into.
pub const FOLDS: usize = 5;

/// Where a fold started from the full model stops: when an iteration lowers the objective by
/// less than this share. Looser than training's own (the start is near the optimum), and no
/// looser: at 1e-5 the folds stop near the full model, which has seen the judged lines,
/// and the figures read higher than they are (0.917 against 0.913 fine accuracy).
pub const WARM_FOLD_TOLERANCE: f64 = 1e-6;

/// The fold of the `index`th training line. Neighbouring lines share a fold, so the two
/// halves of a contrast pair are never split between training and judging.
fn fold_of(index: usize) -> usize {
    (index / 2) % FOLDS
}

/// Cross-validated verdicts on the rubric's training lines, with the truth for each: every
/// line is judged by a model trained on the rubric text and the other folds' lines.
///
/// Given the model trained on all the lines, each fold's training starts from its weights
/// and stops at [`WARM_FOLD_TOLERANCE`]: the folds then take under half the iterations of a
/// cold start (about 50 instead of 120 for the built-in rubrics). Their weights are close
/// to a cold start's, not the same, so a figure may differ from a cold cross-validation's
/// in the third decimal (0.886 instead of 0.887 for one of the built-in rubrics'); they are
/// estimates either way. `fold_done` is called as each fold ends.
pub fn cross_validate(
    rubric: &Rubric,
    settings: MatchSettings,
    hyper: Hyperparameters,
    start: Option<&Model>,
    fold_done: impl Fn() + Sync,
) -> (Vec<LabelledLine>, Vec<Verdict>) {
    let truth: Vec<LabelledLine> = rubric
        .training
        .iter()
        .map(|line| {
            let verdict = match line.label {
                Label::Responsibility(r) => {
                    let id = &rubric.responsibilities[r].role;
                    rubric.roles.iter().position(|role| &role.id == id)
                }
                Label::Role(role) => Some(role),
                Label::Area(_) | Label::NoRole => None,
            };
            LabelledLine {
                text: line.text.clone(),
                label: short_name(rubric, verdict),
                accepted: vec![verdict],
            }
        })
        .collect();
    let mut fold_hyper = hyper;
    if start.is_some() {
        fold_hyper.optimiser.relative_tolerance = WARM_FOLD_TOLERANCE;
    }
    let by_fold: Vec<Vec<(usize, Verdict)>> = (0..FOLDS)
        .into_par_iter()
        .map(|fold| {
            let model =
                Model::train_from(rubric, |i| fold_of(i) != fold, fold_hyper, start, |_| {});
            let matcher = Matcher::with_model(rubric, model, settings);
            let held: Vec<usize> = (0..truth.len()).filter(|&i| fold_of(i) == fold).collect();
            let texts: Vec<&str> = held.iter().map(|&i| truth[i].text.as_str()).collect();
            let verdicts = held.into_iter().zip(predict(&matcher, &texts)).collect();
            fold_done();
            verdicts
        })
        .collect();
    let mut predictions = vec![None; truth.len()];
    for (i, verdict) in by_fold.into_iter().flatten() {
        predictions[i] = verdict;
    }
    (truth, predictions)
}
