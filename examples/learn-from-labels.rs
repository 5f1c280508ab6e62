//! "Learning from the team's labels": how much a team's own labels lift the rest of its
//! lines, cross-validated. Each fifth of the lines is held out in turn; the other four
//! fifths' labels (all of them, then 100, then 50, drawn the same way every run) are the
//! team's labels file, added to the built-in rubrics as `--labels` adds them (so they train
//! the model and answer their own lines exactly); the held-out fifth is judged by the model
//! so trained, and scored fine and coarse as `rolecall eval` scores. Nothing is written:
//! every model is thrown away.
//!
//! ```text
//! cargo run --release --example learn-from-labels -- ../shared/eval/role_lines_dev.csv
//! cargo run --release --example learn-from-labels -- --own
//! ```
//!
//! `--own` is how the weight of a team's line (`TEAM_WEIGHT`) was chosen, on our own text
//! only: each of three of the shipped training files (see [`TEAM_FILES`]) in turn plays a
//! team's lines. The model is trained without that file; the other folds of it are the
//! team's labels (as roles or none, as a team writes them), at each weight in turn, and the
//! held-out fold is scored.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rolecall::matching::{Hyperparameters, MatchSettings, Matcher, Model};
use rolecall::quality::{self, LabelledLine, Scores, Verdict};
use rolecall::rubric::{fnv1a, Label, LabelRow, Style, TrainingLine};
use rolecall::Rubric;

const FOLDS: usize = 5;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rubric = Rubric::built_in()?;
    let argument = std::env::args().nth(1).unwrap_or_default();
    if argument == "--own" {
        return own_text();
    }
    let path = PathBuf::from(if argument.is_empty() {
        "../shared/eval/role_lines_dev.csv".to_string()
    } else {
        argument
    });
    let lines = quality::read_labelled(&rubric, &path)?;
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    let shipped = Matcher::new(&rubric, MatchSettings::default());
    let today = Scores::new(&rubric, &lines, &quality::predict(&shipped, &texts));
    println!("{} ({} lines)", path.display(), lines.len());
    println!("labels per fold            fine   coarse");
    println!(
        "none (today's model)      {:.3}   {:.3}",
        today.fine, today.coarse
    );
    for cap in [Some(50), Some(100), None] {
        let scores = with_labels(&rubric, &lines, cap);
        let shown = cap.map_or_else(|| "all of four fifths".to_string(), |n| n.to_string());
        println!(
            "{shown:<25} {:.3}   {:.3}   ({:+.3} fine)",
            scores.fine,
            scores.coarse,
            scores.fine - today.fine
        );
    }
    Ok(())
}

/// The label a team would write for a line: its one role, or none; a line either of two
/// roles would do for is left unlabelled, as a reviewer unsure of it would.
fn team_label(rubric: &Rubric, line: &LabelledLine) -> Option<String> {
    match line.accepted.as_slice() {
        [Some(role)] => Some(rubric.roles[*role].id.clone()),
        [None] => Some("none".to_string()),
        _ => None,
    }
}

/// The first `cap` of `indices` in an order fixed by the lines' text alone.
fn drawn(mut indices: Vec<usize>, text: impl Fn(usize) -> u64, cap: Option<usize>) -> Vec<usize> {
    indices.sort_by_key(|&i| (text(i), i));
    indices.truncate(cap.unwrap_or(usize::MAX));
    indices
}

fn text_order(text: &str) -> u64 {
    fnv1a(0xcbf2_9ce4_8422_2325, text.as_bytes())
}

/// Every line judged once, by a model that learnt from (up to `cap` of) the other folds'
/// labels.
fn with_labels(rubric: &Rubric, lines: &[LabelledLine], cap: Option<usize>) -> Scores {
    let by_fold: Vec<Vec<(usize, Verdict)>> = (0..FOLDS)
        .into_par_iter()
        .map(|fold| {
            let labelled: Vec<usize> = (0..lines.len())
                .filter(|&i| i % FOLDS != fold)
                .filter(|&i| team_label(rubric, &lines[i]).is_some())
                .collect();
            let rows = drawn(labelled, |i| text_order(&lines[i].text), cap)
                .into_iter()
                .filter_map(|i| {
                    Some(LabelRow {
                        line: i + 2,
                        task: lines[i].text.clone(),
                        label: team_label(rubric, &lines[i])?,
                    })
                })
                .collect();
            let team = rubric
                .clone()
                .with_team(
                    Path::new("labels.csv"),
                    rows,
                    Path::new("rolecall.toml"),
                    &[],
                )
                .unwrap_or_else(|e| panic!("{e}"));
            let matcher = Matcher::new(&team, MatchSettings::default());
            let held: Vec<usize> = (0..lines.len()).filter(|&i| i % FOLDS == fold).collect();
            let texts: Vec<&str> = held.iter().map(|&i| lines[i].text.as_str()).collect();
            held.into_iter()
                .zip(quality::predict(&matcher, &texts))
                .collect()
        })
        .collect();
    let mut predictions = vec![None; lines.len()];
    for (i, verdict) in by_fold.into_iter().flatten() {
        predictions[i] = verdict;
    }
    Scores::new(rubric, lines, &predictions)
}

/// The weight sweep on our own text (see the module's comment).
fn own_text() -> Result<(), Box<dyn std::error::Error>> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)?
        .chain(std::fs::read_dir(folder.join("training"))?)
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.retain(|f| f.extension().is_some_and(|e| e == "toml" || e == "csv"));
    files.sort();
    let weights = [0.0, 1.0, 4.0, 16.0];
    let mut all: Vec<(Vec<LabelledLine>, Vec<Vec<Verdict>>)> = Vec::new();
    let mut rubric = None;
    for team_file in TEAM_FILES {
        // The team's file last, so its lines are the last of the training lines.
        let (mut order, team): (Vec<PathBuf>, Vec<PathBuf>) =
            files.iter().cloned().partition(|f| !f.ends_with(team_file));
        let without = Rubric::load(&order)?.training.len();
        order.extend(team);
        let loaded = Rubric::load(&order)?;
        let (truth, by_weight) = own_file(&loaded, without, &weights);
        println!("{team_file}: {} lines as a team's", truth.len());
        all.push((truth, by_weight));
        rubric = Some(loaded);
    }
    let Some(rubric) = rubric else { return Ok(()) };
    println!("weight   fine   coarse  (the three files' lines, each judged once)");
    for (w, weight) in weights.iter().enumerate() {
        let truth: Vec<LabelledLine> = all.iter().flat_map(|(t, _)| t.clone()).collect();
        let predictions: Vec<Verdict> = all.iter().flat_map(|(_, p)| p[w].clone()).collect();
        let scores = Scores::new(&rubric, &truth, &predictions);
        let shown = if *weight == 0.0 {
            "none".to_string()
        } else {
            weight.to_string()
        };
        println!("{shown:<8} {:.3}  {:.3}", scores.fine, scores.coarse);
    }
    Ok(())
}

/// The training files that play a team's lines in turn: each from one kind of source
/// (government frameworks, open-source governance, company handbooks), so its words are
/// partly its own, as a team's are.
const TEAM_FILES: [&str; 3] = ["public-sector.csv", "open-source.csv", "handbooks.csv"];

/// The lines from `from` on as a team's: their truth, and per weight the verdict of each,
/// judged by a model trained without their fold, on the other folds' lines as role labels.
fn own_file(
    rubric: &Rubric,
    from: usize,
    weights: &[f64],
) -> (Vec<LabelledLine>, Vec<Vec<Verdict>>) {
    let role_label = |line: &TrainingLine| match line.label {
        Label::Responsibility(r) => {
            let id = &rubric.responsibilities[r].role;
            Label::Role(
                rubric
                    .roles
                    .iter()
                    .position(|role| &role.id == id)
                    .unwrap_or(0),
            )
        }
        _ => Label::NoRole,
    };
    let team = &rubric.training[from..];
    let truth: Vec<LabelledLine> = team
        .iter()
        .map(|line| {
            let verdict = match role_label(line) {
                Label::Role(role) => Some(role),
                _ => None,
            };
            LabelledLine {
                text: line.text.clone(),
                label: verdict.map_or("none".to_string(), |r| rubric.roles[r].id.clone()),
                accepted: vec![verdict],
            }
        })
        .collect();
    let by_weight = weights
        .iter()
        .map(|&weight| {
            let by_fold: Vec<Vec<(usize, Verdict)>> = (0..FOLDS)
                .into_par_iter()
                .map(|fold| {
                    let mut trained = rubric.clone();
                    trained.training.truncate(from);
                    if weight > 0.0 {
                        trained
                            .training
                            .extend((0..team.len()).filter(|k| k % FOLDS != fold).map(|k| {
                                TrainingLine {
                                    text: team[k].text.clone(),
                                    label: role_label(&team[k]),
                                    style: Style::Team,
                                    weight,
                                }
                            }));
                    }
                    let model = Model::train(&trained, |_| true, Hyperparameters::default());
                    let matcher = Matcher::with_model(&trained, model, MatchSettings::default());
                    let held: Vec<usize> = (0..team.len()).filter(|&k| k % FOLDS == fold).collect();
                    let texts: Vec<&str> = held.iter().map(|&k| truth[k].text.as_str()).collect();
                    held.into_iter()
                        .zip(quality::predict(&matcher, &texts))
                        .collect()
                })
                .collect();
            let mut predictions = vec![None; truth.len()];
            for (k, verdict) in by_fold.into_iter().flatten() {
                predictions[k] = verdict;
            }
            predictions
        })
        .collect();
    (truth, by_weight)
}
