//! Hostile and broken input: every file of the corpus in `tests/data/bad/` (written by its
//! `make_corpus.py`), and the inputs too large or too odd to commit (a 10 MB cell, 100,000
//! columns, a directory, a FIFO, /dev/zero), made here. Each run ends with one stderr line
//! and exit 2, or with a report; never a panic, never an output file after an error, within
//! 10 seconds and 1 GiB, and the input file is left as it was.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{repo_root, Run, TestEnv};
use crate::workbooks::Sheet;

/// What a corpus file must end in.
pub(crate) enum Expect {
    /// Exit 2 with one stderr line holding this text.
    Error(&'static str),
    /// Exit 0 with a JSON report of at least one task.
    Report,
}
pub(crate) use Expect::{Error, Report};

const NOT_XLSX: &str = "not a readable xlsx workbook";
const NOT_ODS: &str = "not a readable ods workbook";
const NOT_XLS: &str = "not a readable xls workbook";
const DAMAGED: &str = "cannot read the sheet";
const EMPTY: &str = "the sheet is empty";
const NO_LAYOUT: &str = "no recognisable layout";

/// Every committed file and its outcome. A file added to the folder without a line here
/// fails the test, so the corpus cannot grow unchecked.
const CORPUS: &[(&str, Expect)] = &[
    ("1001-sheets.xlsx", Error("the workbook has 1001 sheets, over the cap of 1000 sheets; raise it with --max-sheets")),
    ("bad-bool.xlsx", Error(DAMAGED)),
    ("bad-cell-ref.xlsx", Error(NO_LAYOUT)),
    ("billion-laughs.xlsx", Error("unrecognized entity")),
    ("binary-zeros.tsv", Error(NO_LAYOUT)),
    ("bom-only.csv", Error(EMPTY)),
    ("bomb-declared.xlsx", Error("the input unpacks to 3072 MB, over the cap of 256 MB of input; raise it with --max-input-mb")),
    ("bomb-lying.xlsx", Error("larger than its declared uncompressed size")),
    ("cell-at-xfd1048576.xlsx", Report),
    ("cfb-cycle.xls", Error("reading needed more memory, over the cap of 1024 MB of memory for reading; raise it with --max-memory-mb")),
    ("cfb-cycle.xlsx", Error("reading needed more memory")),
    ("empty.csv", Error(EMPTY)),
    ("empty.ods", Error(NOT_ODS)),
    ("empty.tsv", Error(EMPTY)),
    ("empty.txt", Error(EMPTY)),
    ("empty.xls", Error(NOT_XLS)),
    ("empty.xlsb", Error("not a readable xlsb workbook")),
    ("empty.xlsm", Error(NOT_XLSX)),
    ("empty.xlsx", Error(NOT_XLSX)),
    ("encrypted.xlsx", Error("password protected")),
    ("garbage-sheet.xlsx", Error(DAMAGED)),
    ("header-only.csv", Error("no task rows under the header")),
    ("huge-dimension.xlsx", Report),
    ("huge-merge.xlsx", Report),
    ("identical-rows.ods", Report),
    ("invalid-utf8.csv", Report),
    ("long-shared-string.xlsx", Error("cell A2: a cell holds 40000 characters, over the cap of 32767 characters a cell; raise it with --max-cell-chars")),
    ("malformed-content.ods", Error(NOT_ODS)),
    ("malformed-sheet.xlsx", Error(DAMAGED)),
    ("no-sheet-part.xlsx", Error(DAMAGED)),
    ("no-workbook-part.xlsx", Error("the workbook has no worksheets")),
    ("not-a-workbook.ods", Error(NOT_ODS)),
    ("not-a-workbook.xlsx", Error(NOT_XLSX)),
    ("nul-bytes.csv", Report),
    ("ods-named.tsv", Report),
    ("only-errors.xlsx", Error(EMPTY)),
    ("only-formulas.xlsx", Error(EMPTY)),
    ("only-newlines.csv", Error(EMPTY)),
    ("ragged.csv", Report),
    ("random-after-ole-signature.xls", Error(NOT_XLS)),
    ("random-after-zip-signature.xlsx", Error(NOT_XLSX)),
    ("random.csv", Error(NO_LAYOUT)),
    ("random.ods", Error(NOT_ODS)),
    ("random.tsv", Error(NO_LAYOUT)),
    ("random.xls", Error(NOT_XLS)),
    ("random.xlsb", Error("not a readable xlsb workbook")),
    ("random.xlsm", Error(NOT_XLSX)),
    ("random.xlsx", Error(NOT_XLSX)),
    ("repeat-bomb.ods", Error("cell A1: repeated rows and cells add 17179869183 cells, over the cap of 100000 repeated cells")),
    ("repeat-columns.ods", Error("sheet \"Team\", cell B8: repeated rows and cells add 114674 cells, over the cap of 100000 repeated cells; raise it with --max-repeated-cells")),
    ("repeat-rows.ods", Error("sheet \"Team\", cell A2: repeated rows and cells add 1048574 cells, over the cap of 100000 repeated cells; raise it with --max-repeated-cells")),
    ("reversed-merge.xlsx", Report),
    ("shared-string-out-of-range.xlsx", Error(DAMAGED)),
    ("truncated.ods", Error(NOT_ODS)),
    ("truncated.xls", Error(NOT_XLS)),
    ("truncated.xlsx", Error(NOT_XLSX)),
    ("unterminated-quote.csv", Error("no task rows under the header")),
    ("xls-named.csv", Report),
    ("xls-named.xlsx", Report),
    ("xlsx-named.csv", Report),
    ("xlsx-named.ods", Report),
    ("xlsx-named.xls", Report),
];

const TIME_LIMIT: Duration = Duration::from_secs(10);
const MEMORY_LIMIT_KB: u64 = 1024 * 1024;

fn corpus_dir() -> PathBuf {
    repo_root().join("tests/data/bad")
}

/// One audit of `input` into `out.json`, timed, with the peak memory of rolecall and its
/// parser child when GNU time is there to measure it (CI installs it).
pub(crate) struct Measured {
    pub(crate) run: Run,
    elapsed: Duration,
    peak_kb: Option<u64>,
}

impl Measured {
    /// Holds a run to the time and memory bounds, naming it by `what`.
    #[track_caller]
    pub(crate) fn within_bounds(&self, what: &str) {
        assert!(self.elapsed < TIME_LIMIT, "{what}: took {:?}", self.elapsed);
        if let Some(peak) = self.peak_kb {
            assert!(
                peak < MEMORY_LIMIT_KB,
                "{what}: peak resident memory {peak} KB"
            );
        }
    }
}

fn audit(env: &TestEnv, input: &Path, extra: &[&str]) -> Measured {
    let mut args: Vec<std::ffi::OsString> = vec!["audit".into(), input.into()];
    args.extend(["--format", "json", "-o"].map(Into::into));
    args.push(env.path("out.json").into());
    args.extend(extra.iter().map(Into::into));
    measure(env, &args)
}

/// Runs the binary with `args`, measuring its wall time and the peak memory of it and its
/// child.
fn measure(env: &TestEnv, args: &[std::ffi::OsString]) -> Measured {
    measure_wrapped(env, &[], args)
}

/// [`measure`] with the binary started by `wrapper`, a command that runs the words after it
/// (`env VAR=value`, or a shell that lowers a limit first and execs them).
pub(crate) fn measure_wrapped(
    env: &TestEnv,
    wrapper: &[std::ffi::OsString],
    args: &[std::ffi::OsString],
) -> Measured {
    let gnu_time = Path::new("/usr/bin/time");
    let peak_file = env.path("peak.txt");
    let _ = std::fs::remove_file(&peak_file);
    let mut command = if gnu_time.exists() {
        let mut command = Command::new(gnu_time);
        // %M is the largest resident set of the process and of the children it waited for.
        command
            .arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(&peak_file)
            .args(wrapper)
            .arg(env!("CARGO_BIN_EXE_rolecall"));
        command
    } else {
        assert!(
            std::env::var_os("ROLECALL_REQUIRE_GNU_TIME").is_none(),
            "ROLECALL_REQUIRE_GNU_TIME is set but /usr/bin/time is missing"
        );
        match wrapper.split_first() {
            Some((program, words)) => {
                let mut command = Command::new(program);
                command.args(words).arg(env!("CARGO_BIN_EXE_rolecall"));
                command
            }
            None => Command::new(env!("CARGO_BIN_EXE_rolecall")),
        }
    };
    command
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .env("ROLECALL_CACHE_DIR", crate::util::cache_dir())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let output = command.output().unwrap_or_else(|e| panic!("spawn: {e}"));
    let elapsed = started.elapsed();
    let peak_kb = std::fs::read_to_string(&peak_file)
        .ok()
        .and_then(|text| text.lines().last().and_then(|l| l.trim().parse().ok()));
    Measured {
        run: Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        },
        elapsed,
        peak_kb,
    }
}

/// Runs one input and checks every promise: outcome, one line, no panic, no output after an
/// error, time, memory, and the input left as it was.
#[track_caller]
pub(crate) fn check(env: &TestEnv, input: &Path, expect: &Expect, extra: &[&str]) {
    let name = input.display().to_string();
    let before = std::fs::metadata(input)
        .ok()
        .filter(|m| m.is_file())
        .map(|m| (std::fs::read(input).unwrap_or_default(), m.modified().ok()));
    let measured = audit(env, input, extra);
    let run = &measured.run;
    assert!(
        !run.stderr.contains("panicked"),
        "{name}: panicked:\n{}",
        run.stderr
    );
    match expect {
        Error(text) => {
            run.fails_with(text);
            assert!(
                run.stderr
                    .contains(input.file_name().and_then(|n| n.to_str()).unwrap_or("")),
                "{name}: the error does not name the file: {}",
                run.stderr
            );
            assert!(
                !env.path("out.json").exists(),
                "{name}: an output file was written after an error"
            );
        }
        Report => {
            run.success();
            let report = std::fs::read_to_string(env.path("out.json"))
                .unwrap_or_else(|e| panic!("{name}: no report: {e}"));
            let report = crate::util::json(&report);
            assert!(
                report["tasks"]
                    .as_array()
                    .is_some_and(|tasks| !tasks.is_empty()),
                "{name}: a report without tasks: {report}"
            );
            std::fs::remove_file(env.path("out.json")).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    measured.within_bounds(&name);
    if let Some((bytes, modified)) = before {
        let after = std::fs::metadata(input).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            after.modified().ok(),
            modified,
            "{name}: modified time changed"
        );
        assert!(
            std::fs::read(input).unwrap_or_default() == bytes,
            "{name}: the input's bytes changed"
        );
    }
}

/// Runs a command that should fail with one stderr line holding `expected`, and holds it
/// to the time and memory bounds; the run, for what the caller checks further.
#[track_caller]
pub(crate) fn fails_within_bounds(
    env: &TestEnv,
    args: &[std::ffi::OsString],
    expected: &str,
) -> Run {
    let measured = measure(env, args);
    measured.run.fails_with(expected);
    measured.within_bounds(&format!("{args:?}"));
    measured.run
}

/// Runs a command that should succeed and holds it to the time and memory bounds; its
/// stdout, for what the caller checks further.
#[track_caller]
pub(crate) fn succeeds_within_bounds(env: &TestEnv, args: &[std::ffi::OsString]) -> String {
    let measured = measure(env, args);
    measured.run.success();
    measured.within_bounds(&format!("{args:?}"));
    measured.run.stdout
}

#[test]
fn every_corpus_file_ends_in_one_line_or_a_report() {
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus_dir())
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "make_corpus.py")
        .collect();
    on_disk.sort();
    let listed: Vec<String> = CORPUS.iter().map(|(name, _)| name.to_string()).collect();
    assert_eq!(on_disk, listed, "the corpus and this test's list differ");
    assert!(CORPUS.len() >= 40);

    let env = TestEnv::new();
    for (name, expect) in CORPUS {
        check(&env, &corpus_dir().join(name), expect, &[]);
    }
}

#[test]
fn generated_inputs_too_large_or_odd_to_commit() {
    let env = TestEnv::new();

    // A 10 MB cell is past the cell-length cap, and the error names the cell.
    let mut long = b"Name,Title,Task\nAna,PM,".to_vec();
    long.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    long.push(b'\n');
    let path = env.write("ten-mb-cell.csv", &long);
    check(
        &env,
        &path,
        &Error("ten-mb-cell.csv, cell C2: a cell holds 10485760 characters, over the cap of 32767 characters a cell; raise it with --max-cell-chars"),
        &[],
    );
    // Raised, the same file reads: the cap is the only thing in the way.
    check(&env, &path, &Report, &["--max-cell-chars", "20000000"]);

    // 100,000 columns: a header far wider than any team sheet, read and searched in time.
    let mut wide = String::from("Name,Title,Task");
    for i in 0..100_000 {
        wide.push_str(&format!(",c{i}"));
    }
    wide.push_str("\nAna,Product Manager,Own the roadmap\n");
    let path = env.write("wide.csv", wide);
    check(&env, &path, &Report, &[]);

    // Not files at all.
    let dir = env.path("folder.csv");
    std::fs::create_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
    check(&env, &dir, &Error("is a directory"), &[]);
    check(
        &env,
        Path::new("/dev/zero"),
        &Error("is not a regular file"),
        &[],
    );
    let fifo = env.path("pipe.csv");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if made {
        check(&env, &fifo, &Error("is not a regular file"), &[]);
    } else {
        eprintln!("mkfifo is not available: the FIFO case was skipped");
    }
}

#[test]
fn every_cap_names_itself_and_its_flag() {
    let env = TestEnv::new();
    let team = repo_root().join("samples/northwind-product-org.xlsx");
    let csv = repo_root().join("samples/northwind-product-org.csv");
    check(
        &env,
        &team,
        &Error("over the cap of 10 cells; raise it with --max-cells"),
        &["--max-cells", "10"],
    );
    check(
        &env,
        &csv,
        &Error("over the cap of 10 cells; raise it with --max-cells"),
        &["--max-cells", "10"],
    );
    check(
        &env,
        &team,
        &Error("over the cap of 10 characters a cell; raise it with --max-cell-chars"),
        &["--max-cell-chars", "10"],
    );

    // A CSV past the input cap, from a file and from stdin (which is read only that far).
    let mut big = b"Name,Title,Task\n".to_vec();
    while big.len() < 1024 * 1024 + 1 {
        big.extend_from_slice(b"Ana,Product Manager,Own the roadmap\n");
    }
    assert_eq!(big.len(), 1_048_588, "the size the error names");
    let path = env.write("big.csv", &big);
    check(
        &env,
        &path,
        &Error("big.csv: the file is 1048588 bytes, over the cap of 1 MB of input; raise it with --max-input-mb"),
        &["--max-input-mb", "1"],
    );
    env.run_with_stdin(["audit", "-", "--max-input-mb", "1"], Some(big.as_slice()))
        .fails_with("<stdin>: the input is larger, over the cap of 1 MB");

    // The time cap: given memory enough, the looping compound file runs until the parser's
    // time is up, and the parser is stopped then. (It writes a few GB a second, so within
    // the first second it cannot reach a 20 GB cap.)
    let looping = corpus_dir().join("cfb-cycle.xls");
    let looping = looping.to_str().unwrap_or_default();
    let started = Instant::now();
    env.run([
        "audit",
        looping,
        "--max-memory-mb",
        "20000",
        "--read-timeout",
        "1",
    ])
    .fails_with(
        "reading took longer, over the cap of 1 s for reading; raise it with --read-timeout",
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    env.run(["audit", looping, "--read-timeout", "0"])
        .fails_with("--read-timeout must be at least 1");
}

/// An ods's repeated rows and cells count as the cells they stand for, before the parser
/// expands them: identical rows read as rows (two of Bo's), the copies stop at
/// `--max-repeated-cells`, and raised past it, the same copies stop at `--max-cells`.
#[test]
fn ods_repeats_count_against_the_caps_as_they_expand() {
    let env = TestEnv::new();
    let identical = corpus_dir().join("identical-rows.ods");
    let out = env.path("identical.json");
    let identical_arg = identical.to_str().unwrap_or_default();
    let out_arg = out.to_str().unwrap_or_default();
    env.run(["audit", identical_arg, "--format", "json", "-o", out_arg])
        .success();
    let report = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}"));
    let tasks = crate::util::people_and_tasks(&crate::util::json(&report));
    let rows: Vec<(&str, u64)> = tasks.iter().map(|(p, _, row)| (p.as_str(), *row)).collect();
    assert_eq!(rows, [("Ana Lima", 2), ("Bo Chen", 3), ("Bo Chen", 4)]);
    // Bo's row repeats once: its three cells are three copies, one over a cap of two.
    check(
        &env,
        &identical,
        &Error("cell C3: repeated rows and cells add 3 cells, over the cap of 2 repeated cells; raise it with --max-repeated-cells"),
        &["--max-repeated-cells", "2"],
    );
    check(
        &env,
        &corpus_dir().join("repeat-rows.ods"),
        &Error("sheet \"Team\", cell A2: the input has more cells, over the cap of 1000 cells; raise it with --max-cells"),
        &["--max-repeated-cells", "10000000", "--max-cells", "1000"],
    );
    env.run(["audit", identical_arg, "--max-repeated-cells", "0"])
        .fails_with("--max-repeated-cells must be at least 1");
}

/// A workbook piped in is named for what it is: the parser reads files, not standard input.
#[test]
fn a_workbook_on_stdin_is_refused_as_one() {
    let env = TestEnv::new();
    for name in ["xlsx-named.csv", "xls-named.csv", "ods-named.tsv"] {
        let bytes = std::fs::read(corpus_dir().join(name)).unwrap_or_else(|e| panic!("{e}"));
        env.run_with_stdin(["audit", "-"], Some(bytes.as_slice()))
            .fails_with("<stdin>: holds a workbook (xlsx, xlsb, xls or ods), and standard input is read as CSV text; pass the workbook's path instead");
    }
}

/// The parser child's memory cap stops an ordinary workbook that needs more than it allows,
/// with the one-line memory error, and a cap above the need lets the same file through.
#[test]
fn the_memory_cap_stops_an_ordinary_workbook_that_needs_more() {
    let env = TestEnv::new();
    let header = ["Name", "Job Title", "Team", "Task", "Hours / week"];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
    rows.extend(
        rolecall_synthetic::rows(rolecall_synthetic::TeamSpec {
            people: 1_000,
            tasks_per_person: 10,
            seed: 7,
        })
        .map(|row| {
            vec![
                row.name,
                row.title.to_string(),
                row.team,
                row.task,
                row.hours.to_string(),
            ]
        }),
    );
    let path = env.workbook(
        "team.xlsx",
        &[Sheet {
            name: "Team",
            rows,
            merges: Vec::new(),
        }],
    );
    let path = path.to_str().unwrap_or_default();
    let args = |cap: &'static str| {
        [
            "audit",
            path,
            "--format",
            "csv",
            "--table",
            "people",
            "--max-memory-mb",
            cap,
        ]
    };
    env.run(args("16"))
        .fails_with("reading needed more memory, over the cap of 16 MB of memory for reading");
    env.run(args("256")).success();
}
