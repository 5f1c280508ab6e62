//! How fast rolecall audits an organisation-sized sheet, against the floor of just reading it.
//!
//! `cargo bench --bench throughput` generates deterministic team sheets with
//! [`rolecall_synthetic`] (people, titles, teams, varied task text, hours) of 1,000, 100,000
//! and 1,000,000 rows (xlsx and csv; csv only at a million), then, several times each, in one
//! run:
//!
//! - the floor: a process that only reads the file and turns every cell into text (calamine's
//!   streaming cell reader for xlsx, the csv crate for csv), nothing else;
//! - the release binary end to end, `rolecall audit FILE --format json` and `--format csv`,
//!   and up to 100,000 rows `--format xlsx` too (a million rows pass Excel's row limit);
//!
//! each as wall time and peak resident memory (GNU time's `%M`, which counts rolecall's
//! parser child too), and the ratios to the floor. Before each run, untimed, the last run's
//! report is removed and `sync` flushes what earlier runs wrote, so that no run pays for
//! another's writing. Then matching alone: tasks per second on one core; and what naming
//! a run costs at a million rows: every task's id (a SHA-256 of its sheet, person and text)
//! on one core, and the input file's SHA-256; and a million distinct people of one task each
//! to JSON, wall time and peak memory. Medians of the runs, with minimum and maximum.
//!
//! A run still going after a minute is stopped and reported as over the limit, so the bench
//! always ends. `-- --matching` measures matching alone, `-- --identity` the ids and the
//! digest alone, `-- --people` the million people alone; `-- --write DIR ROWS` only writes
//! the generated sheets, for profiling one step by hand. Run as a test (`cargo test
//! --benches`, no `--bench` argument) it does one quick pass at 1,000 rows, so the bench
//! cannot rot unnoticed. Needs `/usr/bin/time` (Debian `time`) and coreutils' `timeout` and
//! `sync`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use calamine::{open_workbook, Reader, Xlsx};
use rolecall::{MatchSettings, Matcher, Rubric, Scratch};
use rolecall_synthetic::{self as synthetic, TeamSpec};

#[path = "support/mod.rs"]
mod support;
use support::{megabytes, Timings};

const TASKS_PER_PERSON: usize = 10;
const SEED: u64 = 2026;
/// The hidden argument that makes this bench binary the floor process.
const FLOOR: &str = "--floor-read";
/// `--write DIR ROWS`: only write the sheets of ROWS rows (csv and xlsx) into DIR, for
/// profiling one step by hand.
const WRITE: &str = "--write";
/// `--matching`: only measure matching alone.
const MATCHING: &str = "--matching";
/// `--identity`: only measure the task ids and the input digest.
const IDENTITY: &str = "--identity";
/// `--people`: only measure a million distinct people.
const PEOPLE: &str = "--people";
/// A run still going after this is stopped, so the bench always ends.
const RUN_LIMIT: Duration = Duration::from_secs(60);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if let Some(path) = args
        .iter()
        .position(|a| a == FLOOR)
        .and_then(|i| args.get(i + 1))
    {
        return match floor_read(Path::new(path)) {
            Ok(cells) => {
                println!("{cells}");
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("floor: {message}");
                ExitCode::FAILURE
            }
        };
    }
    if args.iter().any(|a| a == MATCHING) {
        return finished(matching_alone(5));
    }
    if args.iter().any(|a| a == IDENTITY) {
        return finished(identity_alone(1_000_000, 5));
    }
    if args.iter().any(|a| a == PEOPLE) {
        return finished(people_alone(1_000_000, 3));
    }
    if let Some(i) = args.iter().position(|a| a == WRITE) {
        return finished(write_sheets(&args[i + 1..]));
    }
    let benching = args.iter().any(|a| a == "--bench");
    let plan: &[(usize, bool, usize)] = if benching {
        // (rows, also as xlsx, runs)
        &[(1_000, true, 7), (100_000, true, 5), (1_000_000, false, 3)]
    } else {
        &[(1_000, true, 1)]
    };
    let identity_rows = if benching { 1_000_000 } else { 1_000 };
    let (people, people_runs) = if benching { (1_000_000, 3) } else { (1_000, 1) };
    finished(
        run(plan, if benching { 5 } else { 1 })
            .and_then(|()| people_alone(people, people_runs))
            .and_then(|()| identity_alone(identity_rows, if benching { 5 } else { 1 })),
    )
}

/// The bench's exit: its error, if any, on one line.
fn finished(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("throughput bench: {message}");
            ExitCode::FAILURE
        }
    }
}

fn write_sheets(args: &[String]) -> Result<(), String> {
    let usage = || format!("usage: {WRITE} DIR ROWS");
    let [dir, rows, ..] = args else {
        return Err(usage());
    };
    let rows: usize = rows.parse().map_err(|_| usage())?;
    let dir = Path::new(dir);
    let csv = write_csv(spec(rows), dir)?;
    let xlsx = dir.join(format!("team-{rows}.xlsx"));
    write_xlsx(spec(rows), &xlsx)?;
    println!("{}\n{}", csv.display(), xlsx.display());
    Ok(())
}

fn spec(rows: usize) -> TeamSpec {
    TeamSpec {
        people: rows / TASKS_PER_PERSON,
        tasks_per_person: TASKS_PER_PERSON,
        seed: SEED,
    }
}

fn write_csv(spec: TeamSpec, dir: &Path) -> Result<PathBuf, String> {
    let rows = spec.people * spec.tasks_per_person;
    let csv = dir.join(format!("team-{rows}.csv"));
    let file = std::fs::File::create(&csv).map_err(|e| format!("{}: {e}", csv.display()))?;
    synthetic::write_csv(spec, std::io::BufWriter::new(file))
        .map_err(|e| format!("{}: {e}", csv.display()))?;
    Ok(csv)
}

fn run(plan: &[(usize, bool, usize)], matching_runs: usize) -> Result<(), String> {
    let gnu_time = Path::new("/usr/bin/time");
    if !gnu_time.exists() {
        return Err("needs /usr/bin/time (Debian package time) to measure peak memory".into());
    }
    let dir = tempfile::tempdir().map_err(|e| format!("cannot create a temp folder: {e}"))?;
    println!(
        "{:<28} {:>6} | {:>30} {:>9} | {:>6} {:>6} | {:>8}",
        "input", "step", "wall: median (min, max)", "peak MB", "time×", "mem×", "µs/row"
    );
    for &(rows, with_xlsx, runs) in plan {
        let mut inputs = vec![write_csv(spec(rows), dir.path())?];
        if with_xlsx {
            let xlsx = dir.path().join(format!("team-{rows}.xlsx"));
            write_xlsx(spec(rows), &xlsx)?;
            inputs.push(xlsx);
        }
        for input in &inputs {
            bench_input(dir.path(), input, rows, runs)?;
        }
    }
    matching_alone(matching_runs)
}

/// Matching alone on one core: the generated tasks through one matcher and one scratch, as
/// each of rolecall's threads runs them.
fn matching_alone(runs: usize) -> Result<(), String> {
    let tasks: Vec<String> = synthetic::rows(spec(100_000)).map(|row| row.task).collect();
    let rubric = Rubric::built_in().map_err(|e| e.to_string())?;
    let matcher = Matcher::new(&rubric, MatchSettings::default());
    let mut matched = 0_usize;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let mut scratch = Scratch::default();
        matched = 0;
        let started = Instant::now();
        for task in &tasks {
            matched += usize::from(matcher.classify_with(task, &mut scratch).best().is_some());
        }
        times.push(started.elapsed());
    }
    let times = Timings(times);
    println!(
        "matching alone, one core: {} tasks in {} = {:.0} tasks/s ({matched} with a match)",
        tasks.len(),
        times,
        tasks.len() as f64 / times.median().as_secs_f64()
    );
    Ok(())
}

/// What naming a run costs: every task's id on one core, and the input file's digest.
/// An organisation of `people` distinct people with one task each (four task texts), to
/// JSON: what grows with people rather than tasks (a record, a profile, a place in the
/// roll-up, often a finding each).
fn people_alone(people: usize, runs: usize) -> Result<(), String> {
    use std::io::Write;
    let dir = tempfile::tempdir().map_err(|e| format!("cannot create a temp folder: {e}"))?;
    let csv = dir.path().join(format!("people-{people}.csv"));
    let write = || -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&csv)?);
        writeln!(out, "Name,Title,Task")?;
        let tasks = [
            "Own the roadmap",
            "Run interviews",
            "Track risks",
            "Plan a release",
        ];
        for i in 0..people {
            writeln!(out, "P{i},PM,{}", tasks[i % tasks.len()])?;
        }
        out.flush()
    };
    write().map_err(|e| format!("{}: {e}", csv.display()))?;
    let output = dir.path().join("people.json");
    let max_people = people.to_string();
    let measured = measure_audit(
        runs,
        &csv,
        &["--max-people", &max_people, "--format", "json"],
        &output,
    )?;
    println!(
        "{people} people of one task each, to JSON: {} wall, {:.0} MB peak (median of {runs})",
        measured.wall,
        measured.median_peak_kb() as f64 / 1024.0
    );
    Ok(())
}

fn identity_alone(rows: usize, runs: usize) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| format!("cannot create a temp folder: {e}"))?;
    let csv = write_csv(spec(rows), dir.path())?;
    let rows: Vec<synthetic::Row> = synthetic::rows(spec(rows)).collect();
    let mut ids = Vec::with_capacity(rows.len());
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        ids.clear();
        let started = Instant::now();
        for (order, row) in rows.iter().enumerate() {
            let order = u32::try_from(order).unwrap_or(u32::MAX);
            ids.push(rolecall::TaskId::derive(order, None, &row.name, &row.task));
        }
        times.push(started.elapsed());
    }
    let times = Timings(times);
    println!(
        "task ids, one core: {} tasks in {} = {:.2} µs/task",
        rows.len(),
        times,
        times.median().as_secs_f64() * 1e6 / rows.len() as f64
    );
    let input = rolecall::input::InputPath::File(csv.clone());
    let bytes = std::fs::metadata(&csv).map_or(0, |m| m.len() as usize);
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        input.digest().map_err(|e| e.to_string())?;
        times.push(started.elapsed());
    }
    let times = Timings(times);
    println!(
        "input SHA-256: {:.1} MB in {} = {:.0} MB/s (on a thread beside the parser)",
        megabytes(bytes),
        times,
        megabytes(bytes) / times.median().as_secs_f64()
    );
    Ok(())
}

/// The floor and every output for one file, with the ratios to the floor.
fn bench_input(dir: &Path, input: &Path, rows: usize, runs: usize) -> Result<(), String> {
    let label = format!(
        "{} rows {}, {:.2} MB",
        rows,
        input.extension().and_then(|e| e.to_str()).unwrap_or(""),
        megabytes(std::fs::metadata(input).map_or(0, |m| m.len() as usize))
    );
    let me = std::env::current_exe().map_err(|e| format!("cannot find this bench: {e}"))?;
    let floor = measure(
        runs,
        || {
            let mut command = Command::new(&me);
            command.arg(FLOOR).arg(input);
            command
        },
        || settle(None),
    )?;
    print_line(&label, "floor", &floor, None, rows);
    let mut outputs = vec![("json", dir.join("out.json")), ("csv", dir.join("out-csv"))];
    if rows <= 100_000 {
        outputs.push(("xlsx", dir.join("out.xlsx")));
    }
    for (format, output) in outputs {
        let measured = measure_audit(runs, input, &["--format", format], &output)?;
        print_line(&label, format, &measured, Some(&floor), rows);
    }
    Ok(())
}

/// `runs` runs of the release binary's `audit INPUT ARGS -o OUTPUT`, the output removed
/// before each.
fn measure_audit(
    runs: usize,
    input: &Path,
    args: &[&str],
    output: &Path,
) -> Result<Measured, String> {
    let rolecall = PathBuf::from(env!("CARGO_BIN_EXE_rolecall"));
    measure(
        runs,
        || {
            let mut command = Command::new(&rolecall);
            command
                .arg("audit")
                .arg(input)
                .args(args)
                .arg("-o")
                .arg(output);
            command
        },
        || settle(Some(output)),
    )
}

/// Wall times and peak resident memory (KB) of `runs` runs of a command.
struct Measured {
    wall: Timings,
    peak_kb: Vec<u64>,
    /// Killed at [`RUN_LIMIT`]: the wall time and memory are lower bounds.
    over_limit: bool,
}

impl Measured {
    fn median_peak_kb(&self) -> u64 {
        let mut sorted = self.peak_kb.clone();
        sorted.sort_unstable();
        sorted.get(sorted.len() / 2).copied().unwrap_or(0)
    }
}

/// Before each timed run, untimed: the last run's report is removed and everything written
/// so far is flushed to disk. Otherwise a run pays for the one before it: replacing its
/// report, and the kernel still writing out its gigabytes while this run writes.
fn settle(output: Option<&Path>) -> Result<(), String> {
    if let Some(output) = output {
        let removed = if output.is_dir() {
            std::fs::remove_dir_all(output)
        } else {
            std::fs::remove_file(output)
        };
        match removed {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(format!("cannot remove {}: {e}", output.display()))
            }
            _ => {}
        }
    }
    let synced = Command::new("sync")
        .status()
        .map_err(|e| format!("cannot run sync: {e}"))?;
    if !synced.success() {
        return Err(format!("sync exited with {synced}"));
    }
    Ok(())
}

/// Runs `runs` times, each under GNU time and `timeout` after `settle`; after a run past
/// [`RUN_LIMIT`] the rest are skipped and the step is reported as over the limit.
fn measure(
    runs: usize,
    command: impl Fn() -> Command,
    settle: impl Fn() -> Result<(), String>,
) -> Result<Measured, String> {
    let report = tempfile::NamedTempFile::new().map_err(|e| e.to_string())?;
    let mut wall = Vec::with_capacity(runs);
    let mut peak_kb = Vec::with_capacity(runs);
    let mut over_limit = false;
    for _ in 0..runs {
        settle()?;
        let inner = command();
        let mut timed = Command::new("/usr/bin/time");
        timed
            .args(["-f", "%M", "-o"])
            .arg(report.path())
            .args(["timeout", "--signal=KILL"])
            .arg(RUN_LIMIT.as_secs().to_string())
            .arg(inner.get_program())
            .args(inner.get_args())
            .stdout(std::process::Stdio::null());
        let started = Instant::now();
        let status = timed.status().map_err(|e| format!("cannot run: {e}"))?;
        wall.push(started.elapsed());
        // timeout's own status for a command it had to kill.
        if matches!(status.code(), Some(124 | 137)) {
            over_limit = true;
        } else if !status.success() {
            return Err(format!("{:?} exited with {status}", inner.get_program()));
        }
        let text = std::fs::read_to_string(report.path()).map_err(|e| e.to_string())?;
        peak_kb.push(
            text.lines()
                .last()
                .and_then(|l| l.trim().parse().ok())
                .ok_or_else(|| format!("GNU time said {text:?}"))?,
        );
        if over_limit {
            break;
        }
    }
    Ok(Measured {
        wall: Timings(wall),
        peak_kb,
        over_limit,
    })
}

fn print_line(label: &str, step: &str, measured: &Measured, floor: Option<&Measured>, rows: usize) {
    // A stopped run's time is a lower bound; its memory is not known (timeout's KILL takes
    // the whole process group, so GNU time sees no child's usage).
    let bound = if measured.over_limit { ">" } else { "" };
    let ratio = |a: f64, b: f64| {
        if b > 0.0 {
            format!("{bound}{:.2}", a / b)
        } else {
            "-".into()
        }
    };
    let (time_ratio, memory_ratio) = match floor {
        None => (String::new(), String::new()),
        Some(floor) => (
            ratio(
                measured.wall.median().as_secs_f64(),
                floor.wall.median().as_secs_f64(),
            ),
            if measured.over_limit {
                "-".to_string()
            } else {
                ratio(
                    measured.median_peak_kb() as f64,
                    floor.median_peak_kb() as f64,
                )
            },
        ),
    };
    let (wall, peak) = if measured.over_limit {
        (
            format!("over {} s (stopped)", RUN_LIMIT.as_secs()),
            "-".to_string(),
        )
    } else {
        (
            measured.wall.to_string().replace("median ", ""),
            format!("{:.1}", measured.median_peak_kb() as f64 / 1024.0),
        )
    };
    let per_row = format!("{bound}{:.2}", per_row(measured.wall.median(), rows));
    println!(
        "{label:<28} {step:>6} | {wall:>30} {peak:>9} | {time_ratio:>6} {memory_ratio:>6} | {per_row:>8}"
    );
}

fn per_row(wall: Duration, rows: usize) -> f64 {
    wall.as_secs_f64() * 1e6 / rows.max(1) as f64
}

/// The floor: read every cell of the file into text and do nothing else.
fn floor_read(path: &Path) -> Result<usize, String> {
    let mut cells = 0_usize;
    let mut bytes = 0_usize;
    if path.extension().is_some_and(|e| e == "xlsx") {
        let mut book: Xlsx<_> =
            open_workbook(path).map_err(|e: calamine::XlsxError| e.to_string())?;
        let sheet = book.sheet_names().first().cloned().ok_or("no sheets")?;
        let mut reader = book
            .worksheet_cells_reader(&sheet)
            .map_err(|e| e.to_string())?;
        while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
            let text = calamine::Data::from(cell.get_value().clone()).to_string();
            bytes += text.len();
            cells += 1;
        }
    } else {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(path)
            .map_err(|e| e.to_string())?;
        let mut record = csv::StringRecord::new();
        while reader.read_record(&mut record).map_err(|e| e.to_string())? {
            for field in record.iter() {
                let text = field.to_string();
                bytes += text.len();
                cells += 1;
            }
        }
    }
    // The texts' total keeps the conversion from being optimised away.
    Ok(cells + bytes % 2)
}

/// The same team as an xlsx workbook, numbers as numbers, as a work-management export
/// would write it.
fn write_xlsx(spec: TeamSpec, path: &Path) -> Result<(), String> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let error = |e: rust_xlsxwriter::XlsxError| format!("{}: {e}", path.display());
    for (column, header) in ["Name", "Job Title", "Team", "Task", "Hours / week"]
        .into_iter()
        .enumerate()
    {
        sheet
            .write_string(0, column as u16, header)
            .map_err(error)?;
    }
    for (index, row) in synthetic::rows(spec).enumerate() {
        let r = index as u32 + 1;
        sheet.write_string(r, 0, &row.name).map_err(error)?;
        sheet.write_string(r, 1, row.title).map_err(error)?;
        sheet.write_string(r, 2, &row.team).map_err(error)?;
        sheet.write_string(r, 3, &row.task).map_err(error)?;
        sheet.write_number(r, 4, row.hours).map_err(error)?;
    }
    book.save(path).map_err(error)
}
