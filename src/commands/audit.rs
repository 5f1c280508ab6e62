//! `rolecall audit`: the whole pipeline, from the sheet to the reports on disk, with the
//! comparison to a baseline and the verdict of `--fail-on`.

use crate::audit::{self, AuditReport, AuditSettings};
use crate::compare;
use crate::error::{Error, Exit};
use crate::input::ReadFiles;
use crate::matching::{self, Matcher};
use crate::privacy;
use crate::report;
use crate::rubric::Rubric;
use crate::settings::AuditOptions;

use super::{fail_on, load_team_rubric, scope, sheets, stderr, trained_model};

/// Runs the whole pipeline and returns the report, without writing anything.
pub fn audit_report(options: &AuditOptions) -> Result<AuditReport, Error> {
    let rubric = load_team_rubric(&options.rubrics, &options.team)?;
    Ok(audit_with(options, &rubric)?.0)
}

pub(super) fn run(options: &AuditOptions) -> Result<Exit, Error> {
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
    let rubric = load_team_rubric(&options.rubrics, &options.team)?;
    if let Some(saved) = &baseline {
        let digest = audit::provenance::fingerprint_text(rubric.fingerprint);
        compare::refuse_baseline(saved, &digest, options.anonymize)?;
    }
    let (report, _) = audit_with(options, &rubric)?;
    let since = match (&options.baseline, &baseline) {
        (Some(wanted), Some(saved)) => {
            let comparison = compare::compare_with_report(saved, &report, wanted.mix_threshold)?;
            stderr::comparison_warnings(saved.file(), &comparison);
            Some(comparison)
        }
        _ => None,
    };
    stderr::reading_doubts(&report.input);
    stderr::foreign_language(&report);
    write_reports(
        options,
        report::Document {
            audit: &report,
            since: since.as_ref(),
        },
        &read,
    )?;
    let mut failed = fail_on::found(&report, &options.fail_on);
    if let (Some(wanted), Some(comparison)) = (&options.baseline, &since) {
        failed.extend(fail_on::found_new(comparison, &wanted.fail_on_new));
    }
    let exit = fail_on::exit(&failed);
    // The command ends here. Freeing a report of a million tasks record by record took a
    // tenth of such a run, and the process's exit returns the memory at once.
    std::mem::forget(report);
    Ok(exit)
}

/// Renders every format asked for from the one audit, and writes them all or none.
fn write_reports(
    options: &AuditOptions,
    document: report::Document<'_>,
    read: &ReadFiles,
) -> Result<(), Error> {
    let names: Vec<&str> = options.formats.iter().map(|f| f.name()).collect();
    let _spinner = options
        .read
        .progress
        .writing(&names.join(", "), document.audit.tasks.len());
    let rendered = options
        .formats
        .iter()
        .map(|&format| {
            let rendered = report::renderer(format, options.table).render(document)?;
            Ok((format.file_name(), rendered))
        })
        .collect::<Result<Vec<_>, report::ReportError>>()?;
    report::write_all(&rendered, &options.destination, read)?;
    Ok(())
}

/// [`audit_report`] with the rubrics loaded, and the matcher it made.
pub(super) fn audit_with<'r>(
    options: &AuditOptions,
    rubric: &'r Rubric,
) -> Result<(AuditReport, Matcher<'r>), Error> {
    let scope = scope::resolve(rubric, &options.scope)?;
    // The input's digest is read on a thread of its own while the parser reads the file.
    let input = options.read.input.clone();
    let digest = std::thread::spawn(move || input.digest());
    // So is the model, shipped or cached (milliseconds of parsing): training, when neither
    // fits, waits until the sheet has read, so that a file rolecall cannot read fails at
    // once.
    let (team, ready) = std::thread::scope(|threads| {
        let ready = threads.spawn(|| matching::ready_model(rubric, &options.training));
        let team = sheets::read(&options.read);
        let ready = ready
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (team, ready)
    });
    let mut team = team?;
    let model = ready.unwrap_or_else(|| {
        trained_model(
            rubric,
            &options.rubrics,
            options.team.labels.as_deref(),
            &options.training,
        )
    });
    let matcher = Matcher::with_model(rubric, model, options.matching);
    let excluded = scope::exclude(&mut team, &options.exclude);
    if options.anonymize {
        privacy::anonymize(&mut team);
    }
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
    report.input.file = shown(&report.input.file, options);
    // The built-in rubrics' names ("rubrics/pm.toml", "built-in") are no one's folders.
    if !options.rubrics.is_empty() {
        for role in &mut report.rubrics {
            role.file = shown(&role.file, options);
        }
        for source in &mut report.run.rubrics.sources {
            *source = shown(source, options);
        }
    }
    Ok((report, matcher))
}

/// The input or a rubric file as every report names it: by its file name alone, unless
/// `--show-path` asks for the path as given. Reports travel (a PDF forwarded, a JSON
/// committed as a baseline), and a path as typed can show a home folder and a user name.
/// This is the one place the reports' file names are decided (every format takes them from
/// the report); errors, which stop a run before any report, keep the path as typed.
/// `rolecall diff` and `--baseline` read no path back from a saved report: they match on
/// its run record (which has always named the input by file name) and its findings.
fn shown(path: &str, options: &AuditOptions) -> String {
    if options.show_path {
        return path.to_string();
    }
    std::path::Path::new(path).file_name().map_or_else(
        || path.to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
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
