//! How far rolecall's findings can be trusted: each finding kind's precision and recall
//! against the truth planted in a generated organisation, and the matcher's accuracy on the
//! planted lines.
//!
//! `cargo bench --bench findings` generates planted organisations
//! ([`rolecall_synthetic::planted`]: rare responsibilities, two-hat and title-only people,
//! noisy lines; fixed seeds) of 13, 400, 5,000 and 50,000 people with 5 tasks each, writes
//! each as CSV, audits it through the library as `rolecall audit FILE --format json` does,
//! and prints per size:
//!
//! - per finding kind the truth knows: findings expected, reported, reported and expected
//!   (true positives), precision and recall. A finding matches an expected one by kind and
//!   subject: the responsibility (gap, single-point-of-failure, overlap), the role (role-gap,
//!   read from its responsibilities), the person (drift, missing-core) or the pair
//!   (similar-work), read from the finding's `people` and `responsibilities`. Reported counts
//!   distinct subjects. The truth's definitions are the generator's (its `truth` module);
//!   similar-work's is the least meaningful;
//! - the matcher on the planted role lines: the share whose verdict names the planted role
//!   and the planted responsibility, overall and for lines whose best role probability is at
//!   least 0.5, 0.6, 0.7 and 0.8 (with the share of role lines kept at that bar), and how many
//!   other-work lines a role was credited with at each bar: what the audit's confidence bar
//!   would keep and let through;
//! - how long generating and auditing took.
//!
//! A summary of precision and recall per kind and size ends the run. The targets (precision
//! at least 0.90 and recall at least 0.80 for every kind at every size) are figures for the
//! README, not a pass or fail. `-- --sizes 13,400` chooses the sizes. Run as a test (`cargo
//! test --benches`, no `--bench` argument) it does 13 and 400 people and checks that every
//! kind got its row, so the bench cannot rot unnoticed.

use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use rolecall::{AuditReport, Cli, Finding, FindingKind, Isolation, Settings};
use rolecall_synthetic::{self as synthetic, pair, ExpectedKind, Planted, TeamSpec};

#[path = "support/mod.rs"]
mod support;
use support::millis;

const TASKS_PER_PERSON: usize = 5;
const SEED: u64 = 33;
const SIZES: [usize; 4] = [13, 400, 5_000, 50_000];
const QUICK_SIZES: [usize; 2] = [13, 400];
/// Best role probabilities the matcher's accuracy is also given above.
const BARS: [f64; 4] = [0.5, 0.6, 0.7, 0.8];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let benching = args.iter().any(|a| a == "--bench");
    let sizes = match chosen_sizes(&args) {
        Ok(Some(sizes)) => sizes,
        Ok(None) if benching => SIZES.to_vec(),
        Ok(None) => QUICK_SIZES.to_vec(),
        Err(message) => {
            eprintln!("findings bench: {message}");
            return ExitCode::from(2);
        }
    };
    match run(&sizes, !benching) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("findings bench: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `--sizes 13,400`, if given.
fn chosen_sizes(args: &[String]) -> Result<Option<Vec<usize>>, String> {
    let Some(at) = args.iter().position(|a| a == "--sizes") else {
        return Ok(None);
    };
    let usage = || "usage: --sizes N[,N...] (people, e.g. 13,400)".to_string();
    let list = args.get(at + 1).ok_or_else(usage)?;
    list.split(',')
        .map(|n| {
            n.trim()
                .replace('_', "")
                .parse::<usize>()
                .map_err(|_| usage())
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// One kind's figures at one size.
struct KindRow {
    kind: ExpectedKind,
    expected: usize,
    reported: usize,
    matched: usize,
}

impl KindRow {
    fn precision(&self) -> Option<f64> {
        ratio(self.matched, self.reported)
    }

    fn recall(&self) -> Option<f64> {
        ratio(self.matched, self.expected)
    }
}

fn run(sizes: &[usize], quick: bool) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| format!("temporary folder: {e}"))?;
    let mut summary = Vec::new();
    for &people in sizes {
        let spec = TeamSpec {
            people,
            tasks_per_person: TASKS_PER_PERSON,
            seed: SEED,
        };
        let started = Instant::now();
        let planted = synthetic::planted(spec);
        let path = dir.path().join(format!("planted-{people}.csv"));
        let file = std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        synthetic::write_rows(&planted.rows, std::io::BufWriter::new(file))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let generated = started.elapsed();
        let started = Instant::now();
        let report = audit(&path)?;
        let audited = started.elapsed();
        let rows = score(&planted, &report);
        if quick {
            check_rows(&rows);
        }
        print_size(&planted, &report, &rows, generated, audited)?;
        summary.push((people, rows));
    }
    print_summary(&summary);
    Ok(())
}

/// The audit `rolecall audit FILE --format json` runs, through the library.
fn audit(path: &Path) -> Result<AuditReport, String> {
    let file = path.to_str().ok_or("the temporary path is not UTF-8")?;
    let argv = [
        "rolecall",
        "audit",
        file,
        "--format",
        "json",
        "--quiet",
        "--no-config",
    ];
    let cli = <Cli as clap::Parser>::try_parse_from(argv).map_err(|e| e.to_string())?;
    let Settings::Audit(options) =
        Settings::from_cli(cli, &Isolation::InProcess).map_err(|e| e.to_string())?
    else {
        return Err("`rolecall audit` did not parse as an audit".to_string());
    };
    rolecall::audit_report(&options).map_err(|e| e.to_string())
}

/// Every kind the truth knows, with its figures.
fn score(planted: &Planted, report: &AuditReport) -> Vec<KindRow> {
    // rolecall never makes drift from a title it cannot read (it says so once instead), so
    // the drift the truth expects of such a title's holders is not asked of it.
    let rubric = rolecall::Rubric::built_in().ok();
    let titles = rubric.as_ref().map(|r| r.titles());
    let unreadable: HashSet<&str> = planted
        .truth
        .people
        .iter()
        .filter(|p| {
            titles
                .as_ref()
                .is_some_and(|t| t.kind(p.title) == rolecall::rubric::TitleKind::Unrecognised)
        })
        .map(|p| p.name.as_str())
        .collect();
    ExpectedKind::ALL
        .into_iter()
        .map(|kind| {
            let expected: HashSet<&str> = planted
                .truth
                .expected
                .iter()
                .filter(|e| e.kind == kind)
                .filter(|e| {
                    !(kind == ExpectedKind::Drift && unreadable.contains(e.subject.as_str()))
                })
                .map(|e| e.subject.as_str())
                .collect();
            let reported: HashSet<String> = report
                .findings
                .iter()
                .filter(|f| f.kind.name() == kind.name())
                .filter_map(|f| subject(kind, f))
                .collect();
            let matched = reported
                .iter()
                .filter(|s| expected.contains(s.as_str()))
                .count();
            KindRow {
                kind,
                expected: expected.len(),
                reported: reported.len(),
                matched,
            }
        })
        .collect()
}

/// What a finding is about, as the truth names its expected findings.
fn subject(kind: ExpectedKind, finding: &Finding) -> Option<String> {
    let first_responsibility = finding.responsibilities.first();
    match kind {
        ExpectedKind::Gap | ExpectedKind::SinglePointOfFailure | ExpectedKind::Overlap => {
            first_responsibility.map(|r| r.to_string())
        }
        ExpectedKind::RoleGap => first_responsibility
            .and_then(|r| synthetic::role_of(r))
            .map(str::to_string),
        ExpectedKind::Drift | ExpectedKind::MissingCore => {
            finding.people.first().map(|p| p.to_string())
        }
        ExpectedKind::SimilarWork => match &finding.people[..] {
            [a, b, ..] => Some(pair(a, b)),
            _ => None,
        },
    }
}

/// In the quick run: every kind has its row, under a name rolecall gives a finding kind (a
/// renamed kind would otherwise read as never reported).
fn check_rows(rows: &[KindRow]) {
    let kinds: Vec<ExpectedKind> = rows.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, ExpectedKind::ALL, "a kind without its row");
    for kind in kinds {
        assert!(
            FindingKind::ALL.iter().any(|k| k.name() == kind.name()),
            "rolecall has no finding kind {}",
            kind.name()
        );
    }
}

/// The matcher on the planted lines above one bar of best role probability.
#[derive(Default)]
struct Accuracy {
    role_tasks: usize,
    role_right: usize,
    responsibility_right: usize,
    other_credited: usize,
}

/// Per bar (none, then [`BARS`]), with the number of role and other-work lines in all.
fn accuracy(
    planted: &Planted,
    report: &AuditReport,
) -> Result<(Vec<Accuracy>, usize, usize), String> {
    let truth = &planted.truth;
    if report.tasks.len() != truth.tasks.len() {
        return Err(format!(
            "{} tasks audited for {} planted: the sheet did not read row for row",
            report.tasks.len(),
            truth.tasks.len()
        ));
    }
    let mut bars: Vec<Accuracy> = (0..=BARS.len()).map(|_| Accuracy::default()).collect();
    let (mut role_lines, mut other_lines) = (0, 0);
    for (record, planted_task) in report.tasks.iter().zip(&truth.tasks) {
        if *record.person != *truth.people[planted_task.person].name {
            return Err(format!("task {} is not in planted order", record.id));
        }
        let verdict = &record.verdict;
        let best = verdict.roles.first().map_or(0.0, |r| r.score);
        let role_right = verdict.role.as_deref() == planted_task.role;
        let responsibility_right = verdict.responsibility.as_deref() == planted_task.responsibility;
        if planted_task.responsibility.is_some() {
            role_lines += 1;
        } else {
            other_lines += 1;
        }
        let above = std::iter::once(true).chain(BARS.iter().map(|&bar| best >= bar));
        for (bar, _) in bars.iter_mut().zip(above).filter(|(_, above)| *above) {
            if planted_task.responsibility.is_some() {
                bar.role_tasks += 1;
                bar.role_right += usize::from(role_right);
                bar.responsibility_right += usize::from(responsibility_right);
            } else if verdict.role.is_some() {
                bar.other_credited += 1;
            }
        }
    }
    Ok((bars, role_lines, other_lines))
}

fn print_size(
    planted: &Planted,
    report: &AuditReport,
    rows: &[KindRow],
    generated: Duration,
    audited: Duration,
) -> Result<(), String> {
    let truth = &planted.truth;
    println!(
        "\n{} people, {} tasks (seed {}): generated in {}, audited in {}",
        thousands(truth.people.len()),
        thousands(truth.tasks.len()),
        truth.seed,
        millis(generated),
        millis(audited)
    );
    println!(
        "  {:<25} {:>8} {:>8} {:>8} {:>9} {:>7}",
        "finding kind", "expected", "reported", "true pos", "precision", "recall"
    );
    for row in rows {
        println!(
            "  {:<25} {:>8} {:>8} {:>8} {:>9} {:>7}",
            row.kind.name(),
            thousands(row.expected),
            thousands(row.reported),
            thousands(row.matched),
            figure(row.precision()),
            figure(row.recall())
        );
    }
    let (bars, role_lines, other_lines) = accuracy(planted, report)?;
    println!(
        "  {:<25} {:>8} {:>8} {:>8} {:>9} {:>17}",
        "matcher, planted lines", "role", "kept", "role ok", "resp. ok", "other credited"
    );
    let labels = std::iter::once("any probability".to_string())
        .chain(BARS.iter().map(|bar| format!("best role p >= {bar}")));
    for (label, bar) in labels.zip(&bars) {
        println!(
            "  {:<25} {:>8} {:>8} {:>8} {:>9} {:>17}",
            label,
            thousands(bar.role_tasks),
            percent(ratio(bar.role_tasks, role_lines)),
            figure(ratio(bar.role_right, bar.role_tasks)),
            figure(ratio(bar.responsibility_right, bar.role_tasks)),
            format!(
                "{} of {} ({})",
                thousands(bar.other_credited),
                thousands(other_lines),
                percent(ratio(bar.other_credited, other_lines))
            )
        );
    }
    Ok(())
}

/// Precision / recall per kind and size, the figures the README quotes.
fn print_summary(summary: &[(usize, Vec<KindRow>)]) {
    println!(
        "\nprecision / recall against the planted truth (- where nothing was reported or expected)"
    );
    print!("  {:<25}", "finding kind");
    for (people, _) in summary {
        print!(" {:>13}", format!("{} people", thousands(*people)));
    }
    println!();
    for (k, kind) in ExpectedKind::ALL.iter().enumerate() {
        print!("  {:<25}", kind.name());
        for (_, rows) in summary {
            let row = &rows[k];
            print!(
                " {:>13}",
                format!("{} / {}", figure(row.precision()), figure(row.recall()))
            );
        }
        println!();
    }
}

fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

fn figure(value: Option<f64>) -> String {
    value.map_or("-".to_string(), |v| format!("{v:.2}"))
}

fn percent(value: Option<f64>) -> String {
    value.map_or("-".to_string(), |v| format!("{:.0}%", v * 100.0))
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
