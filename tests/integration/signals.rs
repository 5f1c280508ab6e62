//! Interrupted and failed writes leave nothing behind: Ctrl-C, SIGTERM or SIGHUP while a
//! report is written removes its temporary file and exits with the shell's code for the
//! signal, and a CSV folder gets its four new tables together or keeps its four old ones.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rolecall_synthetic::{write_csv, TeamSpec};

use crate::util::{sample, TestEnv};

const TABLES: [&str; 4] = ["tasks.csv", "coverage.csv", "findings.csv", "people.csv"];

fn is_temporary(name: &str) -> bool {
    name.starts_with(".rolecall-") && name.ends_with(".tmp")
}

fn temporaries(folder: &Path) -> Vec<String> {
    std::fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| is_temporary(name))
        .collect()
}

/// Starts a JSON report of a large sheet (JSON streams, so its temporary file lives for the
/// whole rendering), sends `signal` once the temporary file is there, and checks the exit.
fn signalled_while_writing(signal: &str, expected_code: i32) {
    let env = TestEnv::new();
    let sheet = std::fs::File::create(env.path("big.csv")).unwrap_or_else(|e| panic!("{e}"));
    let spec = TeamSpec {
        people: 2_000,
        tasks_per_person: 10,
        seed: 16,
    };
    write_csv(spec, std::io::BufWriter::new(sheet)).unwrap_or_else(|e| panic!("{e}"));
    let out = env.path("out");
    std::fs::create_dir(&out).unwrap_or_else(|e| panic!("{e}"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .arg("audit")
        .arg(env.path("big.csv"))
        .args(["--format", "json", "-o"])
        .arg(out.join("report.json"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));

    let deadline = Instant::now() + Duration::from_secs(20);
    while temporaries(&out).is_empty() {
        let finished = child.try_wait().unwrap_or_else(|e| panic!("{e}"));
        assert!(
            finished.is_none(),
            "the run ended ({finished:?}) before its temporary file was seen: make the sheet bigger"
        );
        assert!(Instant::now() < deadline, "no temporary file within 20 s");
        std::thread::sleep(Duration::from_millis(2));
    }
    let sent = Command::new("kill")
        .args(["-s", signal])
        .arg(child.id().to_string())
        .status()
        .unwrap_or_else(|e| panic!("kill: {e}"));
    assert!(sent.success(), "kill -s {signal} failed");
    let output = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);

    assert_eq!(
        output.status.code(),
        Some(expected_code),
        "SIG{signal}: exit status {:?}, stderr:\n{stderr}",
        output.status
    );
    assert_eq!(
        stderr.trim_end(),
        "rolecall: interrupted; removed the unfinished output",
        "SIG{signal}"
    );
    assert_eq!(temporaries(&out), Vec::<String>::new(), "SIG{signal}");
    assert!(
        !out.join("report.json").exists(),
        "SIG{signal}: a report appeared although the run was interrupted"
    );
}

#[test]
fn sigterm_while_writing_removes_the_temporary_file() {
    signalled_while_writing("TERM", 143);
}

#[test]
fn sigint_while_writing_removes_the_temporary_file() {
    signalled_while_writing("INT", 130);
}

#[test]
fn sighup_while_writing_removes_the_temporary_file() {
    signalled_while_writing("HUP", 129);
}

/// Each table in turn is blocked by a folder of its name, so that its rename fails after
/// the tables before it were renamed: the three old tables stay byte for byte, and no
/// temporary file stays. With nothing in the way, all four are replaced.
#[test]
fn csv_tables_are_replaced_as_one_set_or_not_at_all() {
    let input = sample("northwind-product-org.csv");
    for blocked in TABLES {
        let env = TestEnv::new();
        let out = env.path("out");
        let old = |table: &str| format!("last week's {table}\n");
        // Compared with assert!, not assert_eq!: a failure would print a whole table as bytes.
        let read =
            |table: &str| std::fs::read(out.join(table)).unwrap_or_else(|e| panic!("{table}: {e}"));
        for table in TABLES {
            if table == blocked {
                env.write(&format!("out/{table}/keep.txt"), "in the way\n");
            } else {
                env.write(&format!("out/{table}"), old(table));
            }
        }
        let args = [
            "audit".as_ref(),
            input.as_os_str(),
            "--format".as_ref(),
            "csv".as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
        ];
        env.run(args)
            .fails_with(&format!("{blocked}: cannot write report"));
        for table in TABLES.iter().filter(|&&table| table != blocked) {
            assert!(
                read(table) == old(table).as_bytes(),
                "{blocked} blocked: {table} was replaced"
            );
        }
        assert!(out.join(blocked).join("keep.txt").is_file(), "{blocked}");
        assert_eq!(temporaries(&out), Vec::<String>::new(), "{blocked} blocked");

        std::fs::remove_dir_all(out.join(blocked)).unwrap_or_else(|e| panic!("{e}"));
        env.run(args).success();
        for table in TABLES {
            assert!(
                read(table) != old(table).as_bytes(),
                "{table} was not replaced"
            );
        }
        assert_eq!(temporaries(&out), Vec::<String>::new());
    }
}
