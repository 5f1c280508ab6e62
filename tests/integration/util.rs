//! The test environment: a temporary folder that receives generated fixtures (CSV, and xlsx
//! and ods through `workbooks`) and runs the real binary on them.

use std::io::Write;
use std::path::PathBuf;

use crate::workbooks::{self, Sheet};
use std::process::{Command, Output, Stdio};

/// The folder every rolecall the tests run keeps its trained models in (through
/// `ROLECALL_CACHE_DIR`), never the user's own cache: under the target folder, shared by the
/// tests and bounded like any cache folder.
pub fn cache_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("model-cache")
}

pub struct TestEnv {
    dir: tempfile::TempDir,
}

/// What one run of the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    #[track_caller]
    pub fn success(&self) -> &Run {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Exit 2 with exactly one stderr line containing `expected`, and no panic.
    #[track_caller]
    pub fn fails_with(&self, expected: &str) -> &Run {
        assert_eq!(self.code, 2, "expected exit 2\nstderr:\n{}", self.stderr);
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "expected one stderr line, got:\n{}",
            self.stderr
        );
        assert!(
            lines[0].contains(expected),
            "stderr {:?} does not contain {:?}",
            lines[0],
            expected
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }
}

/// Whether a measuring set kept outside the repository (`../shared/...`) is on this
/// machine: a test without it says it was skipped, except in CI, which must have it.
pub fn outside_set_present(path: &std::path::Path) -> bool {
    if path.exists() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing, and CI must have it",
        path.display()
    );
    println!("skipped: {} is not on this machine", path.display());
    false
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample(name: &str) -> PathBuf {
    repo_root().join("samples").join(name)
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}")),
        }
    }

    /// Keeps the folder after the test, for a failure that points into it.
    pub fn keep(self) -> PathBuf {
        self.dir.keep()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).unwrap_or_else(|e| panic!("mkdir for {name}: {e}"));
        }
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {name}: {e}"));
        path
    }

    /// An xlsx with one sheet per `(name, rows)`; empty strings leave cells blank.
    pub fn xlsx(&self, name: &str, sheets: &[(&str, &[&[&str]])]) -> PathBuf {
        let sheets: Vec<Sheet> = sheets
            .iter()
            .map(|(sheet, rows)| Sheet::new(sheet, rows))
            .collect();
        self.workbook(name, &sheets)
    }

    /// A minimal OpenDocument spreadsheet with one sheet.
    pub fn ods(&self, name: &str, sheet: &str, rows: &[&[&str]]) -> PathBuf {
        self.workbook(name, &[Sheet::new(sheet, rows)])
    }

    /// A workbook written as xlsx or ods, chosen by the extension of `name`.
    pub fn workbook(&self, name: &str, sheets: &[Sheet]) -> PathBuf {
        let path = self.path(name);
        let written = match path.extension().and_then(|e| e.to_str()) {
            Some("xlsx") => workbooks::write_xlsx(&path, sheets),
            Some("ods") => workbooks::write_ods(&path, sheets),
            _ => panic!("workbook {name}: use .xlsx or .ods"),
        };
        written.unwrap_or_else(|e| panic!("write {name}: {e}"));
        path
    }

    pub fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.run_with_stdin(args, None)
    }

    pub fn run_with_stdin<I, S>(&self, args: I, stdin: Option<&[u8]>) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.run_with_env(args, stdin, &[])
    }

    /// A run with environment variables set (`Some`) or removed (`None`) over the tests'
    /// own.
    pub fn run_with_env<I, S>(
        &self,
        args: I,
        stdin: Option<&[u8]>,
        env: &[(&str, Option<&std::path::Path>)],
    ) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut command = Command::new(env!("CARGO_BIN_EXE_rolecall"));
        command
            .args(args)
            .current_dir(self.dir.path())
            .env("RUST_BACKTRACE", "1")
            .env("ROLECALL_CACHE_DIR", cache_dir())
            .env_remove("ROLECALL_NO_CACHE")
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (name, value) in env {
            match value {
                Some(value) => command.env(name, value),
                None => command.env_remove(name),
            };
        }
        let mut child = command.spawn().unwrap_or_else(|e| panic!("spawn: {e}"));
        if let Some(bytes) = stdin {
            if let Some(mut pipe) = child.stdin.take() {
                pipe.write_all(bytes)
                    .unwrap_or_else(|e| panic!("stdin: {e}"));
            }
        }
        Run::from(
            child
                .wait_with_output()
                .unwrap_or_else(|e| panic!("wait: {e}")),
        )
    }

    /// Names of the files in the folder (generated fixtures included), sorted.
    pub fn files(&self) -> Vec<String> {
        self.files_in("")
    }

    /// The names in a folder of the test's, sorted.
    pub fn files_in(&self, folder: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path().join(folder))
            .unwrap_or_else(|e| panic!("read_dir {folder}: {e}"))
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// How many tasks the findings of a JSON report name, counted with their repeats: the rows
/// of the long finding-tasks tables.
pub fn finding_tasks(report: &serde_json::Value) -> usize {
    report["findings"]
        .as_array()
        .map(|f| {
            f.iter()
                .map(|f| f["tasks"].as_array().map_or(0, Vec::len))
                .sum()
        })
        .unwrap_or(0)
}

/// Parses JSON output, failing the test with the text when it is not JSON.
#[track_caller]
pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// A JSON report with each task's verdict written into the task beside its own fields,
/// for tests about what a task was matched to: the report lists each distinct text's
/// verdict once, and a task names it by id.
pub fn report_json(text: &str) -> serde_json::Value {
    let mut report = json(text);
    let verdicts: std::collections::HashMap<String, serde_json::Value> = report["verdicts"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| (v["id"].as_str().unwrap_or("").to_string(), v.clone()))
        .collect();
    for task in report["tasks"].as_array_mut().into_iter().flatten() {
        let id = task["verdict"].as_str().unwrap_or("").to_string();
        let verdict = verdicts
            .get(&id)
            .unwrap_or_else(|| panic!("no verdict {id} for {task}"));
        for (key, value) in verdict.as_object().into_iter().flatten() {
            if key != "id" && key != "text" {
                task[key] = value.clone();
            }
        }
    }
    report
}

/// (person, task, row) of every task in a JSON report, in report order.
pub fn people_and_tasks(report: &serde_json::Value) -> Vec<(String, String, u64)> {
    report["tasks"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            (
                t["person"].as_str().unwrap_or("").to_string(),
                t["task"].as_str().unwrap_or("").to_string(),
                t["row"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

/// A generated organisation of `people` with `tasks_per_person` tasks each (seed 7), as CSV
/// in the test's folder.
pub fn generated_org(env: &TestEnv, people: usize, tasks_per_person: usize) -> PathBuf {
    let path = env.path(&format!("org-{people}x{tasks_per_person}.csv"));
    let file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
    rolecall_synthetic::write_csv(
        rolecall_synthetic::TeamSpec {
            people,
            tasks_per_person,
            seed: 7,
        },
        std::io::BufWriter::new(file),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    path
}

/// Whether poppler's `tools` are installed; when CI requires poppler
/// (ROLECALL_REQUIRE_POPPLER), their absence fails the test instead of skipping it.
pub fn poppler(tools: &[&str]) -> bool {
    let found = tools
        .iter()
        .all(|tool| std::process::Command::new(tool).arg("-v").output().is_ok());
    if !found {
        assert!(
            std::env::var_os("ROLECALL_REQUIRE_POPPLER").is_none(),
            "poppler-utils ({}) are required: apt-get install poppler-utils",
            tools.join(", ")
        );
        eprintln!("skipped: poppler-utils are not installed (bash .ci/run installs them)");
    }
    found
}

/// What `pdftotext FLAG PDF -` prints (`-layout` text, `-bbox` words with their boxes).
pub fn pdftotext(pdf: &std::path::Path, flag: &str) -> String {
    pdftotext_with(pdf, &[flag])
}

/// What `pdftotext FLAGS... PDF -` prints (pages chosen with `-f` and `-l`).
pub fn pdftotext_with(pdf: &std::path::Path, flags: &[&str]) -> String {
    let output = std::process::Command::new("pdftotext")
        .args(flags)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext: {e}"));
    assert!(output.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Whether `soffice` is here; its absence fails the test under ROLECALL_REQUIRE_LIBREOFFICE
/// (as CI sets) and skips it, saying so, elsewhere.
pub fn libreoffice_available() -> bool {
    let found = Command::new("soffice").arg("--version").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("ROLECALL_REQUIRE_LIBREOFFICE").is_none(),
            "LibreOffice (soffice) is required: apt-get install libreoffice-calc-nogui"
        );
        eprintln!("skipped: LibreOffice is not installed (bash .ci/run installs it)");
    }
    found
}

/// Converts `files` with headless LibreOffice into `outdir` (`args` name the filters and the
/// target format), with the test's own profile; a failed conversion fails the test.
pub fn soffice_convert(env: &TestEnv, args: &[&str], outdir: &std::path::Path, files: &[PathBuf]) {
    let output = Command::new("soffice")
        .arg(libreoffice_profile(env))
        .arg("--headless")
        .args(args)
        .arg("--outdir")
        .arg(outdir)
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("soffice: {e}"));
    assert!(
        output.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// soffice's argument for a private profile in the test's folder, so parallel runs (and a
/// user's own LibreOffice) never share one.
pub fn libreoffice_profile(env: &TestEnv) -> String {
    format!(
        "-env:UserInstallation=file://{}",
        env.path("libreoffice-profile").display()
    )
}
