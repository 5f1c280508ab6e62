//! How long the leadership PDF takes on large teams, and where the time goes.
//!
//! `cargo bench --bench pdf` generates synthetic teams of 200 people (2,000 tasks) and 1,000
//! people (10,000 tasks) with [`rolecall_synthetic`], then times, separately and several
//! times each: the audit (reading, matching, findings), rendering the PDF in memory, and the
//! release binary end to end as a user runs it. It prints the median, minimum and maximum,
//! and the PDF's size.
//!
//! A plain harness rather than a benchmarking crate: the figures that matter are hundreds of
//! milliseconds, where a median of a few runs is steady enough and a dependency buys nothing.
//! Run as a test (`cargo test --benches`, no `--bench` argument) it does one quick pass on a
//! small team, so the bench cannot rot unnoticed.
//!
//! Exits 1 with one line on stderr when a step fails (the PDF renderer not being ready is
//! such a failure); the audit figures are printed before that.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use clap::Parser as _;
use rolecall::report::{self, Rendered};
use rolecall::settings::AuditOptions;
use rolecall::{AuditReport, Cli, Settings};
use rolecall_synthetic::{self as synthetic, TeamSpec};

#[path = "support/mod.rs"]
mod support;
use support::{megabytes, millis, time};

/// Each measurement is repeated this often; odd, so the median is one run.
const RUNS: usize = 7;
const TASKS_PER_PERSON: usize = 10;
const SEED: u64 = 2026;

fn main() -> ExitCode {
    let benching = std::env::args().any(|a| a == "--bench");
    let (sizes, runs): (&[usize], usize) = if benching {
        (&[200, 1_000], RUNS)
    } else {
        (&[20], 1)
    };
    match run(sizes, runs) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("pdf bench: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(sizes: &[usize], runs: usize) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| format!("cannot create a temp folder: {e}"))?;
    // The audit of every size is measured even when rendering fails, so its figures are
    // there while the renderer is being written; the first failure is reported at the end.
    let mut first_error = None;
    for &people in sizes {
        if let Err(message) = bench_team(dir.path(), people, runs) {
            first_error.get_or_insert(message);
        }
    }
    first_error.map_or(Ok(()), Err)
}

fn bench_team(dir: &Path, people: usize, runs: usize) -> Result<(), String> {
    let spec = TeamSpec {
        people,
        tasks_per_person: TASKS_PER_PERSON,
        seed: SEED,
    };
    let label = format!("{people} people / {} tasks", people * TASKS_PER_PERSON);
    let input = dir.join(format!("team-{people}.csv"));
    let output = dir.join(format!("audit-{people}.pdf"));

    let started = Instant::now();
    let file = std::fs::File::create(&input)
        .map_err(|e| format!("{}: cannot create: {e}", input.display()))?;
    synthetic::write_csv(spec, file).map_err(|e| format!("{}: {e}", input.display()))?;
    let generated = started.elapsed();
    let csv_bytes = std::fs::metadata(&input).map_or(0, |m| m.len());
    println!(
        "synthetic team, {label}: {:.2} MB of CSV in {}",
        megabytes(csv_bytes as usize),
        millis(generated)
    );

    let options = audit_options(&input, &output)?;

    let mut report = None;
    let audit = time(runs, || {
        report = Some(rolecall::audit_report(&options).map_err(|e| e.to_string())?);
        Ok(())
    })?;
    let report: AuditReport = report.ok_or("the audit never ran")?;
    let s = &report.summary;
    println!(
        "audit, {label}: {}; {} matched, {} ambiguous, {} unmatched, {} findings",
        audit,
        s.matched,
        s.ambiguous,
        s.unmatched,
        report.findings.len()
    );

    let renderer = report::renderer(options.formats[0], None);
    let mut bytes = Vec::new();
    let render = time(runs, || {
        match renderer.render(rolecall::report::Document::of(&report)) {
            Ok(Rendered::Document(document)) => {
                bytes = document.to_bytes().map_err(|e| e.to_string())?;
                Ok(())
            }
            Ok(Rendered::Tables(_)) => Err("the pdf renderer returned tables".to_string()),
            Err(e) => Err(e.to_string()),
        }
    })
    .map_err(|e| format!("{label}: {e}"))?;
    let pages = page_count(&bytes).map_or(String::new(), |n| format!(", {n} pages"));
    println!(
        "pdf render, {label}: {render}, {:.2} MB{pages}",
        megabytes(bytes.len())
    );

    let binary = PathBuf::from(env!("CARGO_BIN_EXE_rolecall"));
    let end_to_end = time(runs, || {
        let status = Command::new(&binary)
            .arg("audit")
            .arg(&input)
            .args(["--format", "pdf", "--generated-at", "2026-11-23", "-o"])
            .arg(&output)
            .status()
            .map_err(|e| format!("{}: cannot run: {e}", binary.display()))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("{} exited with {status}", binary.display()))
        }
    })?;
    // The binary is built in the bench's own profile: release under `cargo bench`.
    let build = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!("end to end ({build} binary, audit --format pdf), {label}: {end_to_end}");
    Ok(())
}

/// The options a user's command line gives, through the same parsing and validation.
fn audit_options(input: &Path, output: &Path) -> Result<AuditOptions, String> {
    let args: Vec<OsString> = vec![
        "rolecall".into(),
        "audit".into(),
        input.into(),
        "--format".into(),
        "pdf".into(),
        "-o".into(),
        output.into(),
        "--generated-at".into(),
        "2026-11-23".into(),
    ];
    let cli = Cli::try_parse_from(args).map_err(|e| e.to_string().trim().to_string())?;
    match Settings::from_cli(cli, &rolecall::Isolation::InProcess).map_err(|e| e.to_string())? {
        Settings::Audit(options) => Ok(*options),
        _ => Err("`rolecall audit` did not parse as an audit".to_string()),
    }
}

/// Page objects written in the clear; `None` when there are none to see (object streams
/// compress them), rather than a wrong count.
fn page_count(pdf: &[u8]) -> Option<usize> {
    let count = [&b"/Type /Page"[..], &b"/Type/Page"[..]]
        .iter()
        .map(|needle| {
            pdf.windows(needle.len() + 1)
                .filter(|w| w.starts_with(needle) && !w[needle.len()].is_ascii_alphanumeric())
                .count()
        })
        .sum();
    (count > 0).then_some(count)
}
