//! Real sheets written by people outside this team (`../shared/realworld/`, kept outside the
//! repository) and our own samples, each against the reading this team wrote down for it in
//! `tests/data/realworld.toml`: layout, parties, tasks, and the raci-unassigned findings a
//! careful reviewer would agree with, and the language of the charts not written in English;
//! and the findings a careful leader would accept there, against which the share of reported
//! findings nobody would accept is measured (issue 33's target: at most 10%, none high).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::util::{json, outside_set_present, repo_root, TestEnv};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    /// "samples" for ours; the real-world folder otherwise.
    dir: Option<String>,
    file: String,
    #[serde(default)]
    args: Vec<String>,
    layout: String,
    parties: usize,
    tasks: usize,
    unassigned: usize,
    /// The language a foreign-language finding names (its id's last part: "spanish").
    language: Option<String>,
    /// The role some parties' titles map to (party name to role id, "none" for no role):
    /// where the sheet's own legend or a title form decides it.
    #[serde(default)]
    roles: BTreeMap<String, String>,
    #[serde(default)]
    refused: bool,
    not_yet: Option<String>,
    /// The ids of the findings a careful leader would accept on this sheet.
    accepted: Option<BTreeSet<String>>,
}

#[derive(Deserialize)]
struct Expectations {
    sheet: Vec<Expected>,
}

/// What rolecall made of one sheet, in the terms of the expectations.
#[derive(Debug, PartialEq)]
struct Reading {
    layout: String,
    parties: usize,
    tasks: usize,
    unassigned: usize,
    language: Option<String>,
    roles: BTreeMap<String, String>,
}

/// The JSON report of `rolecall audit` on one sheet, or the exit code and stderr.
fn audit(env: &TestEnv, path: &Path, args: &[String]) -> Result<serde_json::Value, String> {
    let run = env.run(
        [
            "audit".as_ref(),
            path.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ]
        .into_iter()
        .chain(args.iter().map(|a| a.as_ref())),
    );
    if run.code != 0 {
        return Err(format!("exit {}: {}", run.code, run.stderr.trim()));
    }
    Ok(json(&run.stdout))
}

fn read(
    env: &TestEnv,
    path: &Path,
    args: &[String],
    roles_of: impl Iterator<Item = String>,
) -> Result<Reading, String> {
    let report = audit(env, path, args)?;
    let sheet = &report["input"]["sheets"][0];
    let name = sheet["sheet"].clone();
    let tasks: Vec<&serde_json::Value> = report["tasks"]
        .as_array()
        .map(|t| t.iter().filter(|t| t["sheet"] == name).collect())
        .unwrap_or_default();
    let texts: BTreeSet<&str> = tasks.iter().filter_map(|t| t["task"].as_str()).collect();
    let parties = match sheet["parties"].as_array() {
        Some(parties) if !parties.is_empty() => parties.len(),
        _ => tasks
            .iter()
            .filter_map(|t| t["person"].as_str())
            .collect::<BTreeSet<_>>()
            .len(),
    };
    let unassigned = report["findings"].as_array().map_or(0, |f| {
        f.iter().filter(|f| f["kind"] == "raci-unassigned").count()
    });
    let language = report["findings"].as_array().and_then(|f| {
        f.iter()
            .filter_map(|f| f["id"].as_str()?.strip_prefix("foreign-language:"))
            .map(str::to_string)
            .next()
    });
    let people = report["people"].as_array().cloned().unwrap_or_default();
    let roles = roles_of
        .map(|name| {
            let role = people
                .iter()
                .find(|p| p["name"] == name.as_str())
                .and_then(|p| p["title_role"].as_str())
                .unwrap_or("none");
            (name, role.to_string())
        })
        .collect();
    Ok(Reading {
        layout: sheet["layout"].as_str().unwrap_or("").to_string(),
        parties,
        tasks: texts.len(),
        unassigned,
        language,
        roles,
    })
}

fn expectations() -> Expectations {
    let text = std::fs::read_to_string(repo_root().join("tests/data/realworld.toml"))
        .unwrap_or_else(|e| panic!("tests/data/realworld.toml: {e}"));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{e}"))
}

/// Where the sheet is: ours in the repository, the others in `outside` when it is present.
fn sheet_path(expected: &Expected, outside: &Path, present: bool) -> Option<PathBuf> {
    match expected.dir.as_deref() {
        Some(dir) => Some(repo_root().join(dir).join(&expected.file)),
        None if present => Some(outside.join(&expected.file)),
        None => None,
    }
}

#[test]
fn real_world_sheets_read_as_a_careful_reviewer_reads_them() {
    let expectations = expectations();
    let outside = repo_root().join("../shared/realworld");
    let present = outside_set_present(&outside);
    let env = TestEnv::new();
    let (mut right, mut real, mut real_right) = (0, 0, 0);
    let mut problems = Vec::new();
    for expected in &expectations.sheet {
        let Some(path) = sheet_path(expected, &outside, present) else {
            continue;
        };
        let label = format!("{} {}", expected.file, expected.args.join(" "));
        let got = read(&env, &path, &expected.args, expected.roles.keys().cloned());
        let wanted = Reading {
            layout: expected.layout.clone(),
            parties: expected.parties,
            tasks: expected.tasks,
            unassigned: expected.unassigned,
            language: expected.language.clone(),
            roles: expected.roles.clone(),
        };
        let is_right = match &got {
            Ok(reading) => !expected.refused && *reading == wanted,
            Err(error) => expected.refused && error.starts_with("exit 2"),
        };
        real += usize::from(expected.dir.is_none());
        if is_right {
            right += 1;
            real_right += usize::from(expected.dir.is_none());
        }
        println!(
            "{} {label}: {got:?}{}",
            if is_right { "right" } else { "WRONG" },
            expected
                .not_yet
                .as_deref()
                .map_or(String::new(), |why| format!(" (not yet: {why})"))
        );
        match (&expected.not_yet, is_right) {
            (None, false) => problems.push(format!("{label}: want {wanted:?}, got {got:?}")),
            (Some(_), true) => problems.push(format!(
                "{label} now reads right: take its not_yet off in tests/data/realworld.toml"
            )),
            _ => {}
        }
    }
    println!(
        "{right} of {} sheets right ({real_right} of {real} real-world)",
        expectations.sheet.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The share of reported findings a careful leader would not accept, over every sheet that
/// reads right and has its `accepted` list. A finding off the list is noise to that leader;
/// the target of issue 33 is at most 10% of them over all sheets, and none of severity high.
/// The share holds; the highs do not yet: 11 remain (10 of them Northwind's, in both its
/// files: gaps and overlaps where the matcher credits a line to a neighbouring
/// responsibility), so the test holds that number and fails if it grows, until the matcher
/// gets there. An accepted finding no longer reported is printed, not failed: a rule may
/// rightly drop it, and the list is then updated by hand.
#[test]
fn real_world_findings_are_those_a_careful_leader_accepts() {
    const MOST_OUTSIDE: f64 = 0.10;
    /// High findings outside the lists today; the target is none.
    const MOST_HIGHS: usize = 11;
    let expectations = expectations();
    let outside = repo_root().join("../shared/realworld");
    let present = outside_set_present(&outside);
    let env = TestEnv::new();
    let (mut reported, mut noise, mut highs) = (0usize, 0usize, Vec::new());
    for expected in &expectations.sheet {
        let (Some(path), Some(accepted)) = (
            sheet_path(expected, &outside, present),
            expected.accepted.as_ref(),
        ) else {
            continue;
        };
        if expected.refused || expected.not_yet.is_some() {
            continue;
        }
        let label = format!("{} {}", expected.file, expected.args.join(" "));
        let report = audit(&env, &path, &expected.args).unwrap_or_else(|e| panic!("{label}: {e}"));
        let findings = report["findings"].as_array().cloned().unwrap_or_default();
        let ids: BTreeSet<&str> = findings.iter().filter_map(|f| f["id"].as_str()).collect();
        let outside_list: Vec<(&str, &str)> = findings
            .iter()
            .filter_map(|f| Some((f["id"].as_str()?, f["severity"].as_str()?)))
            .filter(|(id, _)| !accepted.contains(*id))
            .collect();
        reported += findings.len();
        noise += outside_list.len();
        println!(
            "{label}: {} reported, {} not accepted",
            findings.len(),
            outside_list.len()
        );
        for (id, severity) in &outside_list {
            println!("    {severity} {id}");
            if *severity == "high" {
                highs.push(format!("{label}: {id}"));
            }
        }
        for id in accepted.iter().filter(|id| !ids.contains(id.as_str())) {
            println!("    accepted but no longer reported: {id}");
        }
    }
    let share = noise as f64 / reported.max(1) as f64;
    println!(
        "{noise} of {reported} findings not accepted ({:.1}%), {} of them high",
        share * 100.0,
        highs.len()
    );
    if !present {
        // The target is over the real sheets and the samples together; our samples alone
        // (Northwind's gaps and overlaps) are not the measure.
        println!("the real-world sheets are absent: figures printed, target not checked");
        return;
    }
    assert!(
        share <= MOST_OUTSIDE,
        "{:.1}% of the findings are not accepted, above {:.0}%",
        share * 100.0,
        MOST_OUTSIDE * 100.0
    );
    assert!(
        highs.len() <= MOST_HIGHS,
        "{} high findings not accepted, more than the {MOST_HIGHS} of today:\n{}",
        highs.len(),
        highs.join("\n")
    );
}
