//! The commands: each subcommand wires the pipeline's stages for its job, in a file of its
//! own, so that the crate root is only the crate's map and a command can be read (or added)
//! without wading through the others. What they share lives here: the rubrics every
//! matching command loads, and the way a command's text reaches stdout.

mod audit;
mod diff;
mod eval;
mod explain;
mod fail_on;
mod inspect;
mod manual;
mod review;
mod rubrics;
mod scope;
mod sheets;
pub mod stderr;

use std::path::{Path, PathBuf};

pub use audit::audit_report;
pub use sheets::read;

use crate::cli::Cli;
use crate::error::{Error, Exit};
use crate::input::{self, Isolation, ReadFiles};
use crate::matching::{self, MatchSettings, Matcher, Model, Training};
use crate::report::{self, Body, Destination, Rendered};
use crate::rubric::{self, Rubric};
use crate::settings::{Settings, TeamWords};

/// Runs one command line, parsing workbooks where `isolation` says (the binary: in a capped
/// child of itself). A signal on the way removes the output's temporary files and exits
/// with the shell's code for it (130 for Ctrl-C).
pub fn run(cli: Cli, isolation: &Isolation) -> Result<Exit, Error> {
    let settings = Settings::from_cli(cli, isolation)?;
    // A parser child writes no file, and dies of a signal as it should: its parent reports.
    if !matches!(settings, Settings::ReadWorkbook { .. }) {
        report::handle_signals();
    }
    match settings {
        Settings::Audit(options) => audit::run(&options),
        Settings::Review(options) => review::run(&options),
        Settings::Inspect(options) => inspect::run(&options),
        Settings::Explain(options) => explain::run(&options),
        Settings::Eval(options) => eval::run(&options),
        Settings::ListRubrics { rubrics } => rubrics::list(&rubrics),
        Settings::CheckRubrics { paths, training } => rubrics::check(&paths, &training),
        Settings::ExportRubrics {
            dir,
            force,
            rubrics,
        } => rubrics::export(&dir, force, &rubrics),
        Settings::Diff(options) => diff::run(&options),
        Settings::Completions { shell } => print_bytes(manual::completions(shell)),
        Settings::Man { dir: None } => print_bytes(manual::man_page()?),
        Settings::Man { dir: Some(dir) } => {
            let written = manual::write_man_pages(&dir)?;
            print(format!("wrote {written} man pages to {}\n", dir.display()))
        }
        Settings::ReadWorkbook { path } => {
            input::serve_worker(&path).map_err(|source| input::InputError::Io {
                file: path.display().to_string(),
                source,
            })?;
            Ok(Exit::Success)
        }
    }
}

/// The built-in rubrics, or the user's files instead when any are given.
pub fn load_rubric(paths: &[PathBuf]) -> Result<Rubric, Error> {
    if paths.is_empty() {
        return Ok(Rubric::built_in()?);
    }
    let rubric = Rubric::load(paths)?;
    let named: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    matching::check_trainable(&rubric, &named.join(", "))?;
    Ok(rubric)
}

/// The rubrics with what the team says its tasks are: its labels file (read against the
/// rubrics, whose labelled lines then train the model) and its `[tasks]` patterns.
pub fn load_team_rubric(paths: &[PathBuf], team: &TeamWords) -> Result<Rubric, Error> {
    let rubric = load_rubric(paths)?;
    if team.labels.is_none() && team.tasks.is_empty() {
        return Ok(rubric);
    }
    let (file, rows) = match &team.labels {
        Some(path) => (
            path.clone(),
            rubric::read_label_file(path, &team.isolation)?,
        ),
        None => (PathBuf::new(), Vec::new()),
    };
    let rubric = rubric.with_team(&file, rows, &team.config, &team.tasks)?;
    matching::check_trainable(&rubric, &file.display().to_string())?;
    Ok(rubric)
}

/// The matcher for loaded rubrics (`paths` and the team's labels file named them): with the
/// shipped model, the cached one, or one trained now. A model that could not be kept is one
/// line on stderr: the next run trains again, which the user may want to know the reason for.
fn matcher<'r>(
    rubric: &'r Rubric,
    paths: &[PathBuf],
    team: &TeamWords,
    settings: MatchSettings,
    training: &Training,
) -> Matcher<'r> {
    Matcher::with_model(
        rubric,
        model(rubric, paths, team.labels.as_deref(), training),
        settings,
    )
}

/// The model for loaded rubrics, as [`matcher`] gets it.
fn model(rubric: &Rubric, paths: &[PathBuf], labels: Option<&Path>, training: &Training) -> Model {
    matching::ready_model(rubric, training)
        .unwrap_or_else(|| trained_model(rubric, paths, labels, training))
}

/// The model for loaded rubrics trained now (and kept for the next run): what it trains on
/// said first, and one line when it cannot be kept.
pub(super) fn trained_model(
    rubric: &Rubric,
    paths: &[PathBuf],
    labels: Option<&Path>,
    training: &Training,
) -> Model {
    let mut named: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    if named.is_empty() {
        named.push("the built-in rubrics".to_string());
    }
    named.extend(labels.map(|p| p.display().to_string()));
    let loaded = matching::train_model(rubric, training, &named.join(", "), |line| {
        stderr::warn("note", line);
    });
    if let Some(note) = &loaded.unkept {
        stderr::warn("note", note);
    }
    loaded.model
}

/// A value as indented JSON with a final line break, as the commands print it.
fn pretty_json(value: &impl serde::Serialize) -> Result<String, Error> {
    let mut text =
        serde_json::to_string_pretty(value).map_err(|e| report::ReportError::Render {
            format: "json",
            message: e.to_string(),
        })?;
    text.push('\n');
    Ok(text)
}

fn print(text: String) -> Result<Exit, Error> {
    print_bytes(text.into_bytes())
}

/// Through the reports' writer, so that a closed pipe is told apart from a failed write.
fn print_bytes(bytes: Vec<u8>) -> Result<Exit, Error> {
    report::write(
        &Rendered::Document(Body::Bytes(bytes)),
        &Destination::Stdout,
        &ReadFiles::default(),
    )?;
    Ok(Exit::Success)
}
