//! rolecall audits who does what on a team.
//!
//! The pipeline reads top to bottom, one module per stage, on [`text`], the ground floor of
//! helpers every stage may use (making user text safe to show):
//!
//! 1. [`input`] turns a spreadsheet or CSV file into [`RawTable`]s of text cells that remember
//!    their location (file, sheet, row, column).
//! 2. [`layout`] tells a list (one row per person and task) from a RACI matrix (tasks down,
//!    parties across, or transposed), finds the header and the columns or parties, and reads
//!    every sheet into [`Assignment`]s (one party, one task, RACI letters when the sheet has
//!    them), the matrices into [`layout::Chart`]s, and notes on how each sheet was read.
//!    With `--anonymize`, [`privacy`] then puts pseudonyms in place of people's names.
//! 3. [`rubric`] loads the roles and their [`Responsibility`]s from TOML, with labelled
//!    training lines from CSV (built in, or the user's own).
//! 4. [`matching`] gives each task a probability for every responsibility and area of other
//!    work with a linear model trained on the rubrics and their training text, and says
//!    which words carried each [`Match`], with their weights. [`quality`] measures it on
//!    labelled lines.
//! 5. [`audit`] turns assignments and matches into an [`AuditReport`]: coverage, people and
//!    [`Finding`]s (overlap, gaps, drift, single points of failure, tasks to review, and the
//!    RACI rules on every chart).
//! 6. [`report`] renders that one report as terminal text, CSV, JSON, Markdown or PDF, and writes
//!    it atomically.
//!
//! [`run`] wires the stages for each subcommand (`inspect` stops after the layout); `main.rs` only maps its result to an exit
//! code.

// Tests may unwrap: a panic there is a failed test, not a crash in a user's hands.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod audit;
pub mod cli;
pub mod compare;
pub mod config;
pub mod error;
pub mod input;
pub mod layout;
pub mod manual;
pub mod matching;
pub mod privacy;
pub mod progress;
pub mod quality;
pub mod report;
pub mod rubric;
pub mod settings;
pub mod text;

use std::fmt::Write as _;
use std::path::PathBuf;

pub use audit::{AuditReport, AuditSettings, Finding, FindingKind, Severity, TaskId};
pub use cli::Cli;
pub use error::{Error, Exit};
pub use input::{Isolation, Location, RawTable};
pub use layout::Assignment;
pub use matching::{Match, MatchSettings, MatchStatus, Matcher, Scratch};
pub use rubric::{Responsibility, Rubric};
pub use settings::Settings;

use input::{InputPath, Workbook};
use layout::Team;
use report::{Body, Destination, Rendered};
use settings::{
    AuditOptions, EvalOptions, ExplainOptions, InspectOptions, ReadOptions, SheetChoice,
};

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
        Settings::Audit(options) => run_audit(&options),
        Settings::Inspect(options) => inspect(&options),
        Settings::Explain(options) => explain(&options),
        Settings::Eval(options) => eval(&options),
        Settings::ListRubrics { rubrics } => {
            let rubric = load_rubric(&rubrics)?;
            print(list_rubric(&rubric))
        }
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
        Settings::Diff(options) => diff(&options),
        Settings::CheckRubrics { paths } => check_rubrics(&load_rubric(&paths)?),
        Settings::ExportRubrics {
            dir,
            force,
            rubrics,
        } => {
            let read = settings::rubric_files_read(&rubrics);
            report::refuse_read(&rubric::export_files(&dir), &read)?;
            let written = rubric::export_built_in(&dir, force)?;
            print(format!(
                "wrote {} files to {}; edit them and pass --rubric {}\n",
                written,
                dir.display(),
                dir.display()
            ))
        }
    }
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

fn print_bytes(bytes: Vec<u8>) -> Result<Exit, Error> {
    report::write(
        &Rendered::Document(Body::Bytes(bytes)),
        &Destination::Stdout,
        &input::ReadFiles::default(),
    )?;
    Ok(Exit::Success)
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

/// Reads the chosen sheets into one team: the named sheet, the first with a recognisable
/// layout, or every such sheet.
pub fn read(options: &ReadOptions) -> Result<Team, Error> {
    // Standard input's size is unknown until it is read, so it gets no spinner.
    let _spinner = match &options.input {
        InputPath::File(path) => options.progress.reading(
            &path.display().to_string(),
            std::fs::metadata(path).map_or(0, |m| m.len()),
        ),
        InputPath::Stdin => indicatif::ProgressBar::hidden(),
    };
    let mut book = Workbook::open(&options.input, &options.limits, &options.isolation)?;
    let mut team = Team::new(book.name());
    if let SheetChoice::One(wanted) = &options.sheets {
        let index = book.find_sheet(wanted)?;
        let table = book.take_sheet(index)?;
        team.add(layout::extract(table, &options.layout)?);
        team.check_people(options.limits.max_people)?;
        return Ok(team);
    }
    let names = book.sheet_names();
    let mut first_error = None;
    for index in 0..names.len() {
        let table = book.take_sheet(index)?;
        let sheet = table.sheet.clone().unwrap_or_default();
        let layout = layout::LayoutOptions {
            tasks_before: team.assignments.len(),
            ..options.layout.clone()
        };
        match layout::extract(table, &layout) {
            Ok(extraction) => {
                team.add(extraction);
                team.check_people(options.limits.max_people)?;
                if options.sheets == SheetChoice::First {
                    break;
                }
            }
            // A cap is no reason to pass a sheet over: the run stops.
            Err(error @ layout::LayoutError::TooManyTasks { .. }) => return Err(error.into()),
            Err(error) => {
                team.skip(sheet, error.to_string());
                first_error.get_or_insert(error);
            }
        }
    }
    match first_error {
        _ if !team.notes.sheets.is_empty() => Ok(team),
        Some(error) if names.len() == 1 => Err(error.into()),
        _ => Err(Error::NoUsableSheet {
            file: book.name().to_string(),
            sheets: names
                .iter()
                .map(|n| format!("\"{}\"", n.as_deref().unwrap_or("")))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// Runs the whole pipeline and returns the report, without writing anything.
pub fn audit_report(options: &AuditOptions) -> Result<AuditReport, Error> {
    audit_with(options, &load_rubric(&options.rubrics)?)
}

/// [`audit_report`] with the rubrics already loaded.
fn audit_with(options: &AuditOptions, rubric: &Rubric) -> Result<AuditReport, Error> {
    let scope = resolve_scope(rubric, &options.scope)?;
    // The input's digest is read on a thread of its own while the parser reads the file.
    let input = options.read.input.clone();
    let digest = std::thread::spawn(move || input.digest());
    let mut team = read(&options.read)?;
    let excluded = exclude(&mut team, &options.exclude);
    if options.anonymize {
        privacy::anonymize(&mut team);
    }
    let matcher = Matcher::new(rubric, options.matching);
    let mut report = audit::audit(
        rubric,
        &matcher,
        team.assignments,
        &team.charts,
        team.notes,
        AuditSettings {
            scope,
            ..options.audit.clone()
        },
        options.read.progress,
    );
    report.scope.excluded_people = excluded;
    let digest = digest
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
    record_run(&mut report.run, options, rubric, &matcher, digest);
    Ok(report)
}

/// Fills in what only the caller knows: when, from which file, with which rubrics.
fn record_run(
    run: &mut audit::Provenance,
    options: &AuditOptions,
    rubric: &Rubric,
    matcher: &Matcher<'_>,
    digest: Option<(u64, String)>,
) {
    run.generated_at = match options.generated_at {
        Some(date) => date.to_string(),
        None => audit::provenance::timestamp(time::OffsetDateTime::now_utc()),
    };
    run.input = audit::provenance::InputIdentity {
        name: options.read.input.file_name(),
        bytes: digest.as_ref().map(|(bytes, _)| *bytes),
        sha256: digest.map(|(_, hex)| hex),
    };
    run.rubrics = audit::provenance::RubricIdentity {
        sources: if options.rubrics.is_empty() {
            vec!["built-in".to_string()]
        } else {
            options
                .rubrics
                .iter()
                .map(|p| p.display().to_string())
                .collect()
        },
        digest: audit::provenance::fingerprint_text(rubric.fingerprint),
        model: audit::provenance::fingerprint_text(matcher.model().fingerprint()),
    };
    run.settings.excluded_people = options.exclude.people.clone();
    run.settings.excluded_teams = options.exclude.teams.clone();
    run.settings.anonymized = options.anonymize;
}

/// The roles and title mappings the user named, as the rubric's role ids; a name no role
/// answers to is a usage error that lists the roles there are.
fn resolve_scope(rubric: &Rubric, request: &settings::ScopeRequest) -> Result<audit::Scope, Error> {
    let known = || {
        rubric
            .roles
            .iter()
            .map(|r| format!("{} ({})", r.id, r.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let find = |name: &str, place: &str| {
        rubric.find_role(name).map(|r| r.id.clone()).ok_or_else(|| {
            settings::UsageError(format!(
                "{place}: no role is called \"{name}\"; the roles are {}",
                known()
            ))
        })
    };
    let roles = match &request.roles {
        Some((names, place)) => Some(
            names
                .iter()
                .filter(|n| !n.trim().is_empty())
                .map(|name| find(name.trim(), place))
                .collect::<Result<Vec<_>, _>>()?,
        ),
        None => None,
    };
    let titles = request
        .titles
        .iter()
        .map(|(title, role)| {
            let place = format!("{}: title \"{title}\"", request.source);
            let role = if role.trim().eq_ignore_ascii_case("none") {
                None
            } else {
                Some(find(role.trim(), &place)?)
            };
            Ok((title.clone(), role))
        })
        .collect::<Result<Vec<_>, settings::UsageError>>()?;
    Ok(audit::Scope { roles, titles })
}

/// Leaves out the people and teams the user excluded, before anything is matched, and
/// says how many people that was.
fn exclude(team: &mut Team, exclusions: &settings::Exclusions) -> usize {
    if exclusions.is_empty() {
        return 0;
    }
    let exclusions = exclusions.lookup();
    let mut people: std::collections::HashSet<std::sync::Arc<str>> = Default::default();
    team.assignments.retain(|a| {
        let out = exclusions.excludes(&a.person, a.team.as_deref());
        if out {
            people.insert(a.person.clone());
        }
        !out
    });
    for chart in &mut team.charts {
        chart.remove_parties(|party| exclusions.excludes(&party.name, party.team.as_deref()));
    }
    people.len()
}

fn inspect(options: &InspectOptions) -> Result<Exit, Error> {
    let team = read(&options.read)?;
    say_layout_doubts(&team.notes);
    let text = if options.json {
        pretty_json(&team.notes)?
    } else {
        report::notes_text(&team.notes)
    };
    print(text)
}

/// A close call between two readings of a sheet goes to stderr as well as into the notes:
/// a report built on the wrong one would read as confidently as any other.
fn say_layout_doubts(notes: &layout::InputNotes) {
    for sheet in &notes.sheets {
        if let Some(doubt) = &sheet.layout_doubt {
            let place = match &sheet.sheet {
                Some(name) => format!("{}: sheet \"{name}\"", notes.file),
                None => notes.file.clone(),
            };
            eprintln!(
                "rolecall: {}: {}",
                text::sanitise(&place),
                text::sanitise(doubt)
            );
        }
    }
}

fn run_audit(options: &AuditOptions) -> Result<Exit, Error> {
    // No output may replace a file the run reads (the input, a rubric, the config, the
    // baseline): refused before anything is read, and again as the reports are written.
    let read = options.files_read();
    report::refuse_read(
        &report::output_files(&options.formats, options.table, &options.destination),
        &read,
    )?;
    // The baseline is read whole first: a file that is no report fails before the input is
    // read.
    let baseline = options
        .baseline
        .as_ref()
        .map(|b| compare::load(&b.path))
        .transpose()?;
    let rubric = load_rubric(&options.rubrics)?;
    if let Some(saved) = &baseline {
        let digest = audit::provenance::fingerprint_text(rubric.fingerprint);
        compare::refuse_baseline(saved, &digest, options.anonymize)?;
    }
    let report = audit_with(options, &rubric)?;
    let since = match (&options.baseline, &baseline) {
        (Some(wanted), Some(saved)) => {
            let comparison = compare::compare_with_report(saved, &report, wanted.mix_threshold)?;
            say_comparison_warnings(saved.file(), &comparison);
            Some(comparison)
        }
        _ => None,
    };
    let document = report::Document {
        audit: &report,
        since: since.as_ref(),
    };
    say_layout_doubts(&report.input);
    // Said on stderr as well: a report with no gaps reads as good news.
    for finding in report
        .findings
        .iter()
        .filter(|f| f.kind == audit::FindingKind::ForeignLanguage)
    {
        eprintln!(
            "rolecall: {}: {}",
            text::sanitise(&report.input.file),
            text::sanitise(&format!("{} {}", finding.message, finding.advice))
        );
    }
    let names: Vec<&str> = options.formats.iter().map(|f| f.name()).collect();
    let spinner = options
        .read
        .progress
        .writing(&names.join(", "), report.tasks.len());
    let rendered = options
        .formats
        .iter()
        .map(|&format| {
            let rendered = report::renderer(format, options.table).render(document)?;
            Ok((format.file_name(), rendered))
        })
        .collect::<Result<Vec<_>, report::ReportError>>()?;
    report::write_all(&rendered, &options.destination, &read)?;
    drop(rendered);
    drop(spinner);
    let mut failed = failed_kinds(&report, &options.fail_on);
    if let (Some(wanted), Some(comparison)) = (&options.baseline, &since) {
        failed.extend(failed_new(comparison, &wanted.fail_on_new));
    }
    if !failed.is_empty() {
        eprintln!("rolecall: --fail-on: found {}", failed.join(", "));
    }
    // The command ends here. Freeing a report of a million tasks record by record took a
    // tenth of such a run, and the process's exit returns the memory at once.
    std::mem::forget(report);
    Ok(if !failed.is_empty() {
        Exit::FindingsFound
    } else {
        Exit::Success
    })
}

/// The kinds `--fail-on` names that the report holds, with their counts: "2 gap, 1 drift".
fn failed_kinds(report: &AuditReport, fail_on: &[Option<FindingKind>]) -> Vec<String> {
    report
        .summary
        .findings
        .iter()
        .filter(|(kind, _)| fail_on.iter().any(|f| f.is_none_or(|k| k == **kind)))
        .map(|(kind, n)| format!("{n} {kind}"))
        .collect()
}

/// The kinds of new finding `--fail-on new:KIND` names that the comparison holds, with
/// their counts: "1 new overlap".
fn failed_new(comparison: &compare::Comparison, fail_on: &[Option<FindingKind>]) -> Vec<String> {
    fail_on
        .iter()
        .map(|kind| (kind, comparison.new_of(*kind)))
        .filter(|(_, n)| *n > 0)
        .map(|(kind, n)| match kind {
            Some(kind) => format!("{n} new {}", kind.name()),
            None if n == 1 => "1 new finding".to_string(),
            None => format!("{n} new findings"),
        })
        .collect()
}

/// A comparison's warnings (another tool version, other settings) go to stderr as well as
/// into its output, named after the baseline.
fn say_comparison_warnings(baseline: &str, comparison: &compare::Comparison) {
    for warning in &comparison.warnings {
        eprintln!(
            "rolecall: {}: {}",
            text::sanitise(baseline),
            text::sanitise(warning)
        );
    }
}

/// Compares two reports; warnings (another tool version, other settings) go to stderr too.
fn diff(options: &settings::DiffOptions) -> Result<Exit, Error> {
    let read = options.files_read();
    if let Destination::Path(path) = &options.destination {
        report::refuse_read(std::slice::from_ref(path), &read)?;
    }
    let comparison = compare::compare(&options.old, &options.new, options.mix_threshold)?;
    say_comparison_warnings(&options.old.display().to_string(), &comparison);
    let bytes = report::render_comparison(&comparison, options.format)?;
    report::write(
        &Rendered::Document(Body::Bytes(bytes)),
        &options.destination,
        &read,
    )?;
    let failed = failed_new(&comparison, &options.fail_on);
    if failed.is_empty() {
        return Ok(Exit::Success);
    }
    eprintln!("rolecall: --fail-on: found {}", failed.join(", "));
    Ok(Exit::FindingsFound)
}

fn explain(options: &ExplainOptions) -> Result<Exit, Error> {
    let rubric = load_rubric(&options.rubrics)?;
    let matcher = Matcher::new(&rubric, options.matching);
    let verdict = matcher.classify(&options.text);
    let role_name = |id: &str| {
        rubric
            .role(id)
            .map_or_else(|| id.to_string(), |r| r.name.clone())
    };
    if options.json {
        let roles: Vec<serde_json::Value> = verdict
            .roles
            .iter()
            .map(|r| {
                serde_json::json!({
                    "role": rubric.roles[r.role].id,
                    "score": r.score,
                    "evidence": r.evidence,
                    "responsibility": rubric.responsibilities[r.responsibility.responsibility].id,
                })
            })
            .collect();
        let matches: Vec<serde_json::Value> = verdict
            .ranked
            .iter()
            .map(|m| {
                let r = &rubric.responsibilities[m.responsibility];
                serde_json::json!({
                    "role": r.role,
                    "responsibility": r.id,
                    "title": r.title,
                    "score": m.score,
                    "evidence": m.evidence,
                })
            })
            .collect();
        let other = verdict.other.as_ref().map(|o| {
            serde_json::json!({
                "area": rubric.other_work[o.area].id,
                "title": rubric.other_work[o.area].title,
                "score": o.score,
                "evidence": o.evidence,
            })
        });
        let best = verdict
            .best()
            .map(|m| &rubric.responsibilities[m.responsibility]);
        let value = serde_json::json!({
            "text": options.text,
            "status": verdict.status,
            "role": best.map(|r| &r.role),
            "responsibility": best.map(|r| &r.id),
            "score": verdict.score(),
            "none": verdict.none,
            "min_score": options.matching.min_score,
            "ambiguity_margin": options.matching.ambiguity_margin,
            "roles": roles,
            "matches": matches,
            "other_work": other,
        });
        let text = pretty_json(&value)?;
        return print(text);
    }
    let mut out = String::new();
    let _ = writeln!(out, "task: {}", text::sanitise(&options.text));
    let closest = |m: &Match| {
        let r = &rubric.responsibilities[m.responsibility];
        format!("{} (\"{}\" [{}])", role_name(&r.role), r.title, r.id)
    };
    let outcome = match verdict.status {
        MatchStatus::Unmatched => "unmatched".to_string(),
        MatchStatus::Matched => format!(
            "matched: {}",
            verdict.best().map(closest).unwrap_or_default()
        ),
        MatchStatus::Ambiguous => format!(
            "ambiguous, shared between {}",
            matcher
                .contenders(&verdict)
                .into_iter()
                .map(closest)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let _ = writeln!(
        out,
        "verdict: {outcome}\n  (unmatched when \"none\" is likelier than all roles together or the best role is under {:.2}; two roles within {:.2} are ambiguous)",
        options.matching.min_score, options.matching.ambiguity_margin
    );
    if !verdict.known {
        let _ = writeln!(out, "no word of this text is known to the model");
    }
    let carried = |evidence: &matching::Evidence| {
        if evidence.terms.is_empty() {
            "nothing".to_string()
        } else {
            matching::Evidence::text(&evidence.terms)
        }
    };
    let _ = writeln!(out, "probabilities:");
    for role in &verdict.roles {
        let _ = writeln!(
            out,
            "  {:.3}  {}\n         carried by: {}",
            role.score,
            rubric.roles[role.role].name,
            carried(&role.evidence)
        );
    }
    if let Some(other) = &verdict.other {
        let area = &rubric.other_work[other.area];
        let _ = writeln!(
            out,
            "  {:.3}  none of these: other work, most like {} [{}] at {:.3}\n         carried by: {}",
            verdict.none,
            area.title,
            area.id,
            other.score,
            carried(&other.evidence)
        );
    }
    if !verdict.ranked.is_empty() {
        let _ = writeln!(out, "closest responsibilities:");
    }
    for (rank, m) in verdict.ranked.iter().enumerate() {
        let r = &rubric.responsibilities[m.responsibility];
        let _ = writeln!(
            out,
            "{:>2}. {:.3}  {} / {} [{}]{}\n         carried by: {}",
            rank + 1,
            m.score,
            role_name(&r.role),
            r.title,
            r.id,
            if r.core { " (core)" } else { "" },
            carried(&m.evidence)
        );
    }
    print(out)
}

fn eval(options: &EvalOptions) -> Result<Exit, Error> {
    let rubric = load_rubric(&options.rubrics)?;
    let lines = quality::read_labelled(&rubric, &options.path)?;
    let matcher = Matcher::new(&rubric, options.matching);
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    let scores = quality::Scores::new(&rubric, &lines, &quality::predict(&matcher, &texts));
    if options.json {
        let text = pretty_json(&scores)?;
        return print(text);
    }
    print(format!("{}\n{}", options.path.display(), scores.text()))
}

/// Validates rubrics and says how well their training text separates them.
fn check_rubrics(rubric: &Rubric) -> Result<Exit, Error> {
    let files: std::collections::BTreeSet<&str> =
        rubric.roles.iter().map(|r| r.file.as_str()).collect();
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
    let mut per_label: std::collections::BTreeMap<rubric::Label, usize> = Default::default();
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
            .map(|&r| count(rubric::Label::Responsibility(r)))
            .sum();
        let _ = writeln!(out, "  {:<5} {} [{}]", total, role.name, role.id);
        for r in of_role {
            let n = count(rubric::Label::Responsibility(r));
            let id = &rubric.responsibilities[r].id;
            let _ = writeln!(out, "    {n:<5} {id}");
            if n < MIN_TRAINING_LINES {
                thin.push(id.as_str());
            }
        }
    }
    let areas: usize = (0..rubric.other_work.len())
        .map(|a| count(rubric::Label::Area(a)))
        .sum();
    let _ = writeln!(
        out,
        "  {areas:<5} other work ({} areas)",
        rubric.other_work.len()
    );
    if rubric.training.is_empty() {
        let _ = writeln!(
            out,
            "\nno training lines: the model learns from the rubric text alone (add training/*.csv, see README \"Training text\")"
        );
    } else {
        let (truth, predicted) = quality::cross_validate(
            rubric,
            MatchSettings::default(),
            matching::Hyperparameters::default(),
        );
        let scores = quality::Scores::new(rubric, &truth, &predicted);
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

/// Below this many training lines, `rubrics check` warns that a responsibility is thin.
const MIN_TRAINING_LINES: usize = 20;

fn list_rubric(rubric: &Rubric) -> String {
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
    out
}
