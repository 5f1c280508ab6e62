//! Every shipped sample, in every output format, gives exactly the bytes recorded in
//! `tests/data/golden/`. The recordings were made before the speed work of the throughput
//! issue, so an optimisation that changes any report (a finding's order, a rounding, a
//! column) fails here. PDFs are recorded by their SHA-256 digest, the rest in full so that a
//! failure shows the difference.
//!
//! A generated organisation of 20,000 rows (the throughput bench's generator and seed) is
//! recorded by digest, in every format but PDF, as the build before the speed work wrote it;
//! it is audited with one thread and with several, which must give the same bytes.
//!
//! `ROLECALL_BLESS=1 cargo test --test integration golden` rewrites the samples'
//! recordings; do that only for a change that is meant to alter reports, and say so in the
//! commit.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::util::{repo_root, TestEnv};

const SAMPLES: [&str; 6] = [
    "gaps-team.csv",
    "launch-raci.ods",
    "launch-raci.xlsx",
    "northwind-product-org.csv",
    "northwind-product-org.xlsx",
    "startup-five.csv",
];

/// A fixed date, so that the reports that carry one are reproducible.
const DATE: &str = "2026-01-01";

fn golden_dir(sample: &str) -> PathBuf {
    repo_root().join("tests/data/golden").join(sample)
}

/// The outputs of one sample: (recording name, bytes). The sample is named relative to the
/// repository, as reports quote the path they were given, and a clone may live anywhere.
fn outputs(env: &TestEnv, sample_name: &str) -> Vec<(String, Vec<u8>)> {
    let input = format!("samples/{sample_name}");
    let mut outputs = Vec::new();
    for (format, name) in [
        ("text", "summary.txt"),
        ("json", "report.json"),
        ("md", "report.md"),
    ] {
        let stdout = at_root(&["audit", &input, "--format", format, "--generated-at", DATE]);
        outputs.push((name.to_string(), stdout));
    }
    let folder = env.path(&format!("{sample_name}-csv"));
    at_root(&[
        "audit",
        &input,
        "--format",
        "csv",
        "-o",
        &folder.display().to_string(),
    ]);
    for table in CSV_TABLES {
        let name = format!("{table}.csv");
        outputs.push((name.clone(), read(&folder.join(&name))));
    }
    let pdf = env.path(&format!("{sample_name}.pdf"));
    at_root(&[
        "audit",
        &input,
        "--format",
        "pdf",
        "--generated-at",
        DATE,
        "-o",
        &pdf.display().to_string(),
    ]);
    let mut digest = sha256(&read(&pdf));
    digest.push('\n');
    outputs.push(("report.pdf.sha256".to_string(), digest.into_bytes()));
    outputs
}

/// Runs the binary from the repository's root and returns what it printed.
fn at_root(args: &[&str]) -> Vec<u8> {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .args(args)
        .current_dir(repo_root())
        .env("ROLECALL_CACHE_DIR", crate::util::cache_dir())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success(), "{args:?}: {output:?}");
    output.stdout
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Every table a CSV folder receives.
const CSV_TABLES: [&str; 8] = [
    "tasks",
    "verdicts",
    "coverage",
    "findings",
    "finding-tasks",
    "finding-responsibilities",
    "people",
    "rollup",
];

#[test]
fn every_sample_gives_the_recorded_bytes_in_every_format() {
    let bless = std::env::var_os("ROLECALL_BLESS").is_some();
    let env = TestEnv::new();
    let mut differing = Vec::new();
    for sample_name in SAMPLES {
        let dir = golden_dir(sample_name);
        for (name, bytes) in outputs(&env, sample_name) {
            let path = dir.join(&name);
            if bless {
                std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("mkdir: {e}"));
                std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("write: {e}"));
                continue;
            }
            if read(&path) != bytes {
                let shown = env.write(&format!("{sample_name}.{name}"), &bytes);
                differing.push(format!(
                    "{sample_name} {name}: `diff {} {}`",
                    path.display(),
                    shown.display()
                ));
            }
        }
    }
    if !differing.is_empty() {
        // Keep the folder so the printed diff commands work.
        let kept = env.keep();
        panic!(
            "outputs differ from the recordings (kept in {}):\n{}",
            kept.display(),
            differing.join("\n")
        );
    }
}

/// The generated organisation's recorded digests: `digest  name` lines, as sha256sum writes.
const SYNTHETIC_DIGESTS: &str = include_str!("../data/golden/synthetic-20000.sha256");

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[test]
fn a_generated_organisation_gives_the_recorded_bytes_with_any_number_of_threads() {
    use rolecall_synthetic::{self as synthetic, TeamSpec};
    let env = TestEnv::new();
    let spec = TeamSpec {
        people: 2_000,
        tasks_per_person: 10,
        seed: 2026,
    };
    let file = std::fs::File::create(env.path("team-20000.csv")).unwrap_or_else(|e| panic!("{e}"));
    synthetic::write_csv(spec, std::io::BufWriter::new(file)).unwrap_or_else(|e| panic!("{e}"));
    for threads in ["1", "2", "3"] {
        let run = |args: &[&str]| {
            let output = std::process::Command::new(env!("CARGO_BIN_EXE_rolecall"))
                .args(args)
                .current_dir(env.path(""))
                .env("RAYON_NUM_THREADS", threads)
                .env("ROLECALL_CACHE_DIR", crate::util::cache_dir())
                .output()
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(output.status.success(), "{output:?}");
            output.stdout
        };
        let mut outputs: Vec<(String, Vec<u8>)> = Vec::new();
        for (format, name) in [
            ("json", "report.json"),
            ("md", "report.md"),
            ("text", "report.text"),
        ] {
            let bytes = run(&[
                "audit",
                "team-20000.csv",
                "--format",
                format,
                "--generated-at",
                DATE,
            ]);
            outputs.push((name.to_string(), bytes));
        }
        let folder = format!("csv-{threads}");
        run(&["audit", "team-20000.csv", "--format", "csv", "-o", &folder]);
        for table in CSV_TABLES {
            let name = format!("csv/{table}.csv");
            let bytes = read(&env.path(&folder).join(format!("{table}.csv")));
            outputs.push((name, bytes));
        }
        if std::env::var_os("ROLECALL_BLESS").is_some() && threads == "1" {
            let digests: String = outputs
                .iter()
                .map(|(name, bytes)| format!("{}  {name}\n", sha256(bytes)))
                .collect();
            let path = repo_root().join("tests/data/golden/synthetic-20000.sha256");
            std::fs::write(path, digests).unwrap_or_else(|e| panic!("write: {e}"));
            // The other thread counts are checked against the new digests on the next run.
            return;
        }
        for (name, bytes) in outputs {
            let recorded = SYNTHETIC_DIGESTS
                .lines()
                .find_map(|line| line.strip_suffix(name.as_str()))
                .map(str::trim)
                .unwrap_or_else(|| panic!("no digest recorded for {name}"));
            assert_eq!(sha256(&bytes), recorded, "{name} with {threads} thread(s)");
        }
    }
}
