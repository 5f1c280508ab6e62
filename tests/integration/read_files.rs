//! Hostile input, round three: files a run reads. No output of any command replaces a file
//! the run reads (input, rubric and training files, config, baseline, the reports `diff`
//! compares), whatever path or link leads to it, and the refusal comes before anything is
//! read; a saved audit or a config file that is no regular file is refused, not waited on;
//! a saved audit's strings are checked, never printed raw; a config value out of range is
//! blamed on the file and its line. Every run is measured (10 s, 1 GiB).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::bad_input::{fails_within_bounds, succeeds_within_bounds};
use crate::util::{json, sample, TestEnv};

/// A file's bytes and modification time, to show it was left as it was.
fn snapshot(path: &Path) -> (Vec<u8>, Option<SystemTime>) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let modified = std::fs::metadata(path).ok().and_then(|m| m.modified().ok());
    (bytes, modified)
}

fn args(words: &[&dyn AsRef<std::ffi::OsStr>]) -> Vec<OsString> {
    words.iter().map(|w| w.as_ref().to_os_string()).collect()
}

/// Runs `line` and holds it to the refusal: one line that names the output as `shown` and
/// the file as `role`, exit 2, within bounds, and `kept` unchanged.
#[track_caller]
fn refused(env: &TestEnv, line: &[OsString], shown: &Path, role: &str, kept: &Path) {
    let before = snapshot(kept);
    fails_within_bounds(
        env,
        line,
        &format!("{}: is {role}; choose another output path", shown.display()),
    );
    assert!(
        snapshot(kept) == before,
        "{line:?}: {} changed",
        kept.display()
    );
    let leftovers: Vec<String> = walk(&env.path(""))
        .into_iter()
        .filter(|name| name.contains(".rolecall-"))
        .collect();
    assert!(leftovers.is_empty(), "{line:?}: {leftovers:?}");
}

/// Every file under `dir`, as paths relative to it.
fn walk(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path.display().to_string());
        }
    }
    found
}

/// A JSON report of the northwind sample, saved at `name`.
fn saved_report(env: &TestEnv, name: &str) -> PathBuf {
    let path = env.path(name);
    succeeds_within_bounds(
        env,
        &args(&[
            &"audit",
            &sample("northwind-product-org.csv"),
            &"--format",
            &"json",
            &"-o",
            &path,
        ]),
    );
    path
}

/// The built-in rubrics, exported into `dir` (role files and `training/*.csv`).
fn exported_rubrics(env: &TestEnv, dir: &str) -> PathBuf {
    let dir = env.path(dir);
    succeeds_within_bounds(env, &args(&[&"rubrics", &"export", &dir]));
    dir
}

#[test]
fn no_audit_output_replaces_a_file_the_audit_reads() {
    let env = TestEnv::new();
    let team = sample("northwind-product-org.csv");
    let rubrics = exported_rubrics(&env, "mine");
    let rubric = rubrics.join("product-manager.toml");
    let training = rubrics.join("training/contrast.csv");
    let config = env.write("cfg.toml", "[audit]\ndrift-share = 0.6\n");
    let baseline = saved_report(&env, "last.json");
    std::fs::create_dir(env.path("sub")).unwrap_or_else(|e| panic!("{e}"));
    let link = env.path("link.toml");
    std::os::unix::fs::symlink(&rubric, &link).unwrap_or_else(|e| panic!("{e}"));
    let hard = env.path("hard.json");
    std::fs::hard_link(&baseline, &hard).unwrap_or_else(|e| panic!("{e}"));
    // The input is no readable sheet: a refusal that came after reading would name it.
    let unreadable = env.write("unreadable.csv", "\u{0}\u{1}\u{2}");

    let audit = |extra: &[&dyn AsRef<std::ffi::OsStr>]| {
        let mut line = args(&[&"audit", &unreadable, &"--rubric", &rubrics]);
        line.extend(args(extra));
        line
    };
    let spelt = env.path("sub/../mine/product-manager.toml");
    let cases: Vec<(Vec<OsString>, &Path, &str, &Path)> = vec![
        (audit(&[&"-o", &rubric]), &rubric, "a rubric file", &rubric),
        (
            audit(&[&"--format", &"md", &"-o", &spelt]),
            &spelt,
            "a rubric file",
            &rubric,
        ),
        (
            audit(&[&"--format", &"pdf", &"-o", &link]),
            &link,
            "a rubric file",
            &rubric,
        ),
        (
            audit(&[&"--format", &"csv", &"--table", &"people", &"-o", &training]),
            &training,
            "a training file",
            &training,
        ),
        (
            audit(&[&"--config", &config, &"--format", &"json", &"-o", &config]),
            &config,
            "the config file",
            &config,
        ),
        (
            audit(&[
                &"--baseline",
                &baseline,
                &"--format",
                &"json",
                &"-o",
                &baseline,
            ]),
            &baseline,
            "the baseline report",
            &baseline,
        ),
        (
            audit(&[&"--baseline", &baseline, &"--format", &"json", &"-o", &hard]),
            &hard,
            "the baseline report",
            &baseline,
        ),
    ];
    for (line, shown, role, kept) in &cases {
        refused(&env, line, shown, role, kept);
    }

    // Every file of a set of formats is checked: the baseline is the set's report.json.
    let set = env.path("set");
    std::fs::create_dir(&set).unwrap_or_else(|e| panic!("{e}"));
    let in_set = set.join("report.json");
    std::fs::copy(&baseline, &in_set).unwrap_or_else(|e| panic!("{e}"));
    refused(
        &env,
        &args(&[
            &"audit",
            &team,
            &"--baseline",
            &in_set,
            &"--format",
            &"md,json,csv",
            &"-o",
            &set,
        ]),
        &in_set,
        "the baseline report",
        &in_set,
    );
    assert_eq!(
        env.files_in("set"),
        ["report.json"],
        "nothing else is written"
    );

    // A training file passed on its own, and the CSV tables of a folder run into it.
    let own = env.write("tables/tasks.csv", "label,text\nPM,Own the roadmap\n");
    refused(
        &env,
        &args(&[
            &"audit",
            &team,
            &"--rubric",
            &rubrics,
            &"--rubric",
            &own,
            &"--format",
            &"csv",
            &"-o",
            &env.path("tables"),
        ]),
        &own,
        "a training file",
        &own,
    );

    // Told apart from a file of the same name elsewhere: the audit runs.
    let elsewhere = env.path("sub/product-manager.toml");
    succeeds_within_bounds(
        &env,
        &args(&[
            &"audit",
            &team,
            &"--rubric",
            &rubrics,
            &"--format",
            &"md",
            &"-o",
            &elsewhere,
        ]),
    );
}

#[test]
fn input_redirected_from_a_file_is_not_replaced() {
    let env = TestEnv::new();
    let team = env.write(
        "team.csv",
        std::fs::read(sample("northwind-product-org.csv")).unwrap_or_default(),
    );
    let before = snapshot(&team);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .args(["audit", "-", "--format", "json", "-o"])
        .arg(&team)
        .stdin(std::fs::File::open(&team).unwrap_or_else(|e| panic!("{e}")))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("is the input file; choose another output path"),
        "{stderr}"
    );
    assert!(snapshot(&team) == before);
}

#[test]
fn diff_and_rubrics_export_replace_nothing_they_read() {
    let env = TestEnv::new();
    let old = saved_report(&env, "old.json");
    let new = saved_report(&env, "new.json");
    let link = env.path("old-link.json");
    std::os::unix::fs::symlink(&old, &link).unwrap_or_else(|e| panic!("{e}"));
    for (output, kept, format) in [
        (&old, &old, "text"),
        (&new, &new, "json"),
        (&link, &old, "md"),
    ] {
        refused(
            &env,
            &args(&[&"diff", &old, &new, &"--format", &format, &"-o", output]),
            output,
            "a report this diff compares",
            kept,
        );
    }

    // The user's own rubrics, named on the line, are not replaced by the built-in ones.
    let mine = exported_rubrics(&env, "mine");
    let rubric = mine.join("program-manager.toml");
    let edited = std::fs::read_to_string(&rubric)
        .unwrap_or_default()
        .replacen("Program Manager", "Programme Manager", 1);
    std::fs::write(&rubric, edited).unwrap_or_else(|e| panic!("{e}"));
    refused(
        &env,
        &args(&[&"rubrics", &"--rubric", &mine, &"export", &mine, &"--force"]),
        &mine.join("product-manager.toml"),
        "a rubric file",
        &rubric,
    );
    // Without them named, --force replaces the folder's files as it says.
    succeeds_within_bounds(&env, &args(&[&"rubrics", &"export", &mine, &"--force"]));
}

/// Opens the FIFO for writing after a while, so that a reader that waits on it (the bug)
/// comes free and the test fails on the time bound instead of hanging for ever.
fn unblock_later(fifo: PathBuf) {
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(20));
        let _ = rustix::fs::open(
            &fifo,
            rustix::fs::OFlags::WRONLY | rustix::fs::OFlags::NONBLOCK,
            rustix::fs::Mode::empty(),
        );
    });
}

#[test]
fn saved_audits_and_config_files_that_are_no_files_are_refused() {
    let env = TestEnv::new();
    let team = sample("northwind-product-org.csv");
    let report = saved_report(&env, "q3.json");
    let fifo = env.path("pipe.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "mkfifo failed");
    unblock_later(fifo.clone());
    let folder = env.path("folder.json");
    std::fs::create_dir(&folder).unwrap_or_else(|e| panic!("{e}"));
    for odd in [&fifo, &folder, &PathBuf::from("/dev/zero")] {
        let not_a_file = format!("{}: is not a regular file", odd.display());
        fails_within_bounds(&env, &args(&[&"diff", odd, &report]), &not_a_file);
        fails_within_bounds(&env, &args(&[&"diff", &report, odd]), &not_a_file);
        fails_within_bounds(
            &env,
            &args(&[&"audit", &team, &"--baseline", odd, &"--format", &"json"]),
            &not_a_file,
        );
        let run = fails_within_bounds(
            &env,
            &args(&[&"audit", &team, &"--config", odd]),
            &not_a_file,
        );
        assert!(!run.stderr.contains("bytes"), "{}", run.stderr);
    }
}

#[test]
fn a_config_threshold_out_of_range_names_the_file_and_line() {
    let env = TestEnv::new();
    let team = sample("northwind-product-org.csv");
    for (key, value, line, shown) in [
        ("[matching]\nmin-score", "nan", 2, "NaN"),
        ("[matching]\nambiguity-margin", "-inf", 2, "-inf"),
        ("\n[audit]\nsimilar-work", "1.5", 3, "1.5"),
    ] {
        let config = env.write("bad.toml", format!("{key} = {value}\n"));
        let run = fails_within_bounds(
            &env,
            &args(&[&"audit", &team, &"--config", &config]),
            &format!(
                "{}: line {line}: a share must lie between 0 and 1, not {shown}",
                config.display()
            ),
        );
        assert!(
            !run.stderr.contains("--"),
            "blamed on a flag: {}",
            run.stderr
        );
    }
}

/// A saved audit whose first finding's severity is `severity`.
fn with_severity(env: &TestEnv, report: &Path, name: &str, severity: &str) -> PathBuf {
    let mut value = json(&std::fs::read_to_string(report).unwrap_or_default());
    value["findings"][0]["severity"] = serde_json::Value::from(severity);
    env.write(name, value.to_string())
}

#[test]
fn a_saved_audit_with_a_hostile_severity_is_refused_with_its_line() {
    let env = TestEnv::new();
    let team = sample("northwind-product-org.csv");
    let report = saved_report(&env, "q3.json");
    let hostile = [
        "\u{1b}[2J",
        "\u{1b}]0;owned\u{7}",
        "\u{1b}]8;;https://example.com\u{1b}\\high\u{1b}]8;;\u{1b}\\",
        "<img src=x onerror=alert(1)>",
        "critical",
    ];
    for (i, severity) in hostile.iter().enumerate() {
        let saved = with_severity(&env, &report, &format!("hostile-{i}.json"), severity);
        let expected = format!(
            "{}: not a rolecall JSON report: unknown variant",
            saved.display()
        );
        let lines = [
            args(&[&"diff", &saved, &report]),
            args(&[&"diff", &report, &saved, &"--format", &"md"]),
            args(&[&"audit", &team, &"--baseline", &saved, &"--format", &"md"]),
            args(&[&"audit", &team, &"--baseline", &saved]),
        ];
        for line in &lines {
            let run = fails_within_bounds(&env, line, &expected);
            assert!(run.stderr.contains(" line 1 column "), "{}", run.stderr);
            assert!(
                !run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'),
                "{:?}",
                run.stderr
            );
            assert!(run.stdout.is_empty(), "{line:?}: {}", run.stdout);
        }
    }
    // A severity rolecall writes reads back as itself.
    let fine = with_severity(&env, &report, "fine.json", "info");
    let out = succeeds_within_bounds(&env, &args(&[&"diff", &fine, &fine, &"--format", &"json"]));
    let first = &json(&out)["persisting"][0];
    assert_eq!(first["severity"], "info", "{first}");
}
