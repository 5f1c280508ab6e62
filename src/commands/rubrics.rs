//! `rolecall rubrics`: the roles and responsibilities a team is audited against, listed,
//! checked (with how well their training text separates them) and exported as files to
//! edit.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Error, Exit};
use crate::matching::{Hyperparameters, MatchSettings, Training};
use crate::quality;
use crate::report;
use crate::rubric::{self, Label, Rubric};
use crate::settings;

use super::{load_rubric, model, print};

/// Below this many training lines, `rubrics check` warns that a responsibility is thin.
const MIN_TRAINING_LINES: usize = 20;

/// Every role with its titles and responsibilities, then the areas of other work.
pub(super) fn list(paths: &[PathBuf]) -> Result<Exit, Error> {
    let rubric = load_rubric(paths)?;
    let mut out = String::new();
    for role in &rubric.roles {
        let _ = writeln!(out, "{} [{}] from {}", role.name, role.id, role.file);
        let _ = writeln!(out, "  titles: {}", role.aliases.join(", "));
        for r in rubric.responsibilities.iter().filter(|r| r.role == role.id) {
            let _ = writeln!(
                out,
                "  - {:<34} {}{}",
                r.id,
                r.title,
                if r.core { " (core)" } else { "" }
            );
        }
        out.push('\n');
    }
    if !rubric.other_work.is_empty() {
        let _ = writeln!(out, "Other work (never counted as role work)");
        for summary in &rubric.other_work_summaries {
            let _ = writeln!(out, "  {summary}");
        }
        for area in &rubric.other_work {
            let _ = writeln!(out, "  - {:<34} {}", area.id, area.title);
        }
    }
    print(out)
}

/// Validates rubrics and says how well their training text separates them.
pub(super) fn check(paths: &[PathBuf], training: &Training) -> Result<Exit, Error> {
    let rubric = load_rubric(paths)?;
    let files: BTreeSet<&str> = rubric.roles.iter().map(|r| r.file.as_str()).collect();
    let mut out = String::new();
    // Each background file contributes one summary.
    let _ = writeln!(
        out,
        "ok: {} file(s), {} role(s), {} responsibilities ({} core), {} area(s) of other work, {} training line(s)",
        files.len() + rubric.other_work_summaries.len(),
        rubric.roles.len(),
        rubric.responsibilities.len(),
        rubric.responsibilities.iter().filter(|r| r.core).count(),
        rubric.other_work.len(),
        rubric.training.len()
    );
    let thin = write_training_counts(&mut out, &rubric);
    if rubric.training.is_empty() {
        let _ = writeln!(
            out,
            "\nno training lines: the model learns from the rubric text alone (add training/*.csv, see README \"Training text\")"
        );
    } else {
        // The folds start from the model trained on every line (cached, or kept for the
        // next audit): they take a fraction of the iterations a cold start does.
        let full = model(&rubric, paths, None, training);
        let bar = training.progress.folds(quality::FOLDS);
        let (truth, predicted) = quality::cross_validate(
            &rubric,
            MatchSettings::default(),
            Hyperparameters::default(),
            Some(&full),
            || bar.inc(1),
        );
        drop(bar);
        let scores = quality::Scores::new(&rubric, &truth, &predicted);
        let _ = writeln!(
            out,
            "\ncross-validated on the training lines ({} folds, each judged by a model trained without it):\n{}",
            quality::FOLDS,
            scores.text()
        );
    }
    for id in thin {
        let _ = writeln!(
            out,
            "warning: {id} has fewer than {MIN_TRAINING_LINES} training lines; the model may not learn it"
        );
    }
    print(out)
}

/// The training lines of each role and responsibility, and of other work; returns the
/// responsibilities with too few to learn from.
fn write_training_counts<'r>(out: &mut String, rubric: &'r Rubric) -> Vec<&'r str> {
    let mut per_label: BTreeMap<Label, usize> = BTreeMap::default();
    for line in &rubric.training {
        *per_label.entry(line.label).or_default() += 1;
    }
    let count = |label| per_label.get(&label).copied().unwrap_or(0);
    let mut thin = Vec::new();
    let _ = writeln!(out, "\ntraining lines per role and responsibility:");
    for role in &rubric.roles {
        let of_role: Vec<usize> = (0..rubric.responsibilities.len())
            .filter(|&r| rubric.responsibilities[r].role == role.id)
            .collect();
        let total: usize = of_role
            .iter()
            .map(|&r| count(Label::Responsibility(r)))
            .sum();
        let _ = writeln!(out, "  {:<5} {} [{}]", total, role.name, role.id);
        for r in of_role {
            let n = count(Label::Responsibility(r));
            let id = &rubric.responsibilities[r].id;
            let _ = writeln!(out, "    {n:<5} {id}");
            if n < MIN_TRAINING_LINES {
                thin.push(id.as_str());
            }
        }
    }
    let areas: usize = (0..rubric.other_work.len())
        .map(|a| count(Label::Area(a)))
        .sum();
    let _ = writeln!(
        out,
        "  {areas:<5} other work ({} areas)",
        rubric.other_work.len()
    );
    thin
}

/// Writes the built-in rubrics into `dir`, never over a file of the user's own `rubrics`.
pub(super) fn export(dir: &Path, force: bool, rubrics: &[PathBuf]) -> Result<Exit, Error> {
    let read = settings::rubric_files_read(rubrics);
    report::refuse_read(&rubric::export_files(dir), &read)?;
    let written = rubric::export_built_in(dir, force)?;
    print(format!(
        "wrote {} files to {}; edit them and pass --rubric {}\n",
        written,
        dir.display(),
        dir.display()
    ))
}
