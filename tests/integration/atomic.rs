//! Nothing lost, nothing half-written: a report replaces its destination whole or not at all,
//! even when the process is killed while writing, and the audited file is never touched.
//! (Writing to the input itself is refused: `errors::refuses_to_overwrite_the_input`.)

use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use rolecall_synthetic::{write_csv, TeamSpec};

use crate::util::{json, sample, TestEnv};

const OLD: &[u8] = b"{\"report\": \"the one from last week\"}\n";

/// The files a killed run may leave behind besides the report: its temporary file, hidden
/// and named `.rolecall-*.tmp`. SIGKILL gives the process no chance to delete it, and it can
/// never be taken for the report.
fn is_leftover_temporary(name: &str) -> bool {
    name.starts_with(".rolecall-") && name.ends_with(".tmp")
}

/// Kills a JSON report over an existing one at points from the start of the run to its end:
/// each time, the destination holds the old bytes or the complete new report.
#[test]
fn a_killed_run_leaves_the_old_report_or_the_whole_new_one() {
    let env = TestEnv::new();
    let sheet = std::fs::File::create(env.path("big.csv")).unwrap_or_else(|e| panic!("{e}"));
    let spec = TeamSpec {
        people: 300,
        tasks_per_person: 6,
        seed: 11,
    };
    write_csv(spec, std::io::BufWriter::new(sheet)).unwrap_or_else(|e| panic!("{e}"));
    let audit = |out: &str| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_rolecall"));
        command
            .arg("audit")
            .arg(env.path("big.csv"))
            // A pinned date: every complete run writes the same bytes.
            .args(["--format", "json", "--generated-at", "2026-11-23", "-o"])
            .arg(env.path(out))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command
    };

    let started = Instant::now();
    let status = audit("whole.json")
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    let full_run = started.elapsed();
    assert!(status.success());
    let whole = std::fs::read(env.path("whole.json")).unwrap_or_else(|e| panic!("{e}"));
    json(&String::from_utf8_lossy(&whole));

    let mut killed_running = 0;
    let mut kept_old = 0;
    for percent in [5, 25, 50, 75, 90, 95, 98, 100, 102] {
        env.write("out.json", OLD);
        let mut child = audit("out.json").spawn().unwrap_or_else(|e| panic!("{e}"));
        std::thread::sleep(full_run * percent / 100);
        // Not yet reaped, so the process (or its zombie) is still ours to signal.
        if child.try_wait().unwrap_or_else(|e| panic!("{e}")).is_none() {
            child.kill().unwrap_or_else(|e| panic!("{e}"));
            killed_running += 1;
        }
        child.wait().unwrap_or_else(|e| panic!("{e}"));
        let now = std::fs::read(env.path("out.json")).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            now == OLD || now == whole,
            "killed at {percent}% of a run: out.json is neither the old report nor the whole new one ({} bytes of {})",
            now.len(),
            whole.len()
        );
        if now == OLD {
            kept_old += 1;
        }
        for name in env.files() {
            assert!(
                ["big.csv", "whole.json", "out.json"].contains(&name.as_str())
                    || is_leftover_temporary(&name),
                "killed at {percent}%: stray file {name}"
            );
        }
    }
    assert!(
        killed_running >= 2 && kept_old >= 1,
        "the kills landed too late to test anything ({killed_running} killed running, {kept_old} kept the old report): make the sheet bigger"
    );
}

/// Every format, from a CSV and an xlsx sample: the input's bytes and modification time
/// stay as they were.
#[test]
fn the_input_is_never_touched() {
    let formats: [&[&str]; 6] = [
        &["--format", "text"],
        &["--format", "csv", "-o", "tables"],
        &["--format", "csv", "--table", "people", "-o", "people.csv"],
        &["--format", "json", "-o", "audit.json"],
        &["--format", "md", "-o", "audit.md"],
        &[
            "--format",
            "pdf",
            "--generated-at",
            "2026-11-23",
            "-o",
            "audit.pdf",
        ],
    ];
    // Long ago, so that any write at all would show in the modification time.
    let long_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    for name in ["northwind-product-org.csv", "northwind-product-org.xlsx"] {
        let env = TestEnv::new();
        let input = env.path(name);
        std::fs::copy(sample(name), &input).unwrap_or_else(|e| panic!("{name}: {e}"));
        std::fs::File::options()
            .write(true)
            .open(&input)
            .and_then(|file| file.set_modified(long_ago))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let bytes = std::fs::read(&input).unwrap_or_else(|e| panic!("{e}"));
        for format in formats {
            let mut args = vec!["audit", name];
            args.extend_from_slice(format);
            env.run(&args).success();
        }
        assert_eq!(
            std::fs::read(&input).unwrap_or_else(|e| panic!("{e}")),
            bytes,
            "{name}"
        );
        let modified = std::fs::metadata(&input)
            .and_then(|m| m.modified())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(modified, long_ago, "{name}");
    }
}
