//! Every shipped sample, in every output format, gives exactly the bytes recorded in
//! `tests/data/golden/`. The recordings were made before the speed work of the throughput
//! issue, so an optimisation that changes any report (a finding's order, a rounding, a
//! column) fails here. PDFs are recorded by their SHA-256 digest, the rest in full so that a
//! failure shows the difference.
//!
//! `ROLECALL_BLESS=1 cargo test --test integration golden` rewrites the recordings; do that
//! only for a change that is meant to alter reports, and say so in the commit.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::util::{repo_root, sample, TestEnv};

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

/// The outputs of one sample: (recording name, bytes).
fn outputs(env: &TestEnv, sample_name: &str) -> Vec<(String, Vec<u8>)> {
    let input = sample(sample_name).display().to_string();
    let mut outputs = Vec::new();
    for (format, name) in [
        ("text", "summary.txt"),
        ("json", "report.json"),
        ("md", "report.md"),
    ] {
        let run = env.run(["audit", &input, "--format", format, "--generated-at", DATE]);
        run.success();
        outputs.push((name.to_string(), run.stdout.into_bytes()));
    }
    let folder = env.path(&format!("{sample_name}-csv"));
    env.run([
        "audit",
        &input,
        "--format",
        "csv",
        "-o",
        &folder.display().to_string(),
    ])
    .success();
    for table in ["tasks", "coverage", "findings", "people"] {
        let name = format!("{table}.csv");
        outputs.push((name.clone(), read(&folder.join(&name))));
    }
    let pdf = env.path(&format!("{sample_name}.pdf"));
    env.run([
        "audit",
        &input,
        "--format",
        "pdf",
        "--generated-at",
        DATE,
        "-o",
        &pdf.display().to_string(),
    ])
    .success();
    let mut digest: String = Sha256::digest(read(&pdf))
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    digest.push('\n');
    outputs.push(("report.pdf.sha256".to_string(), digest.into_bytes()));
    outputs
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

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
