//! Real sheets written by people outside this team (`../shared/realworld/`, kept outside the
//! repository) and our own samples, each against the reading this team wrote down for it in
//! `tests/data/realworld.toml`: layout, parties, tasks, and the raci-unassigned findings a
//! careful reviewer would agree with, and the language of the charts not written in English.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

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

fn read(
    env: &TestEnv,
    path: &std::path::Path,
    args: &[String],
    roles_of: impl Iterator<Item = String>,
) -> Result<Reading, String> {
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
    let report = json(&run.stdout);
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

#[test]
fn real_world_sheets_read_as_a_careful_reviewer_reads_them() {
    let text = std::fs::read_to_string(repo_root().join("tests/data/realworld.toml"))
        .unwrap_or_else(|e| panic!("tests/data/realworld.toml: {e}"));
    let expectations: Expectations = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let outside = repo_root().join("../shared/realworld");
    let present = outside_set_present(&outside);
    let env = TestEnv::new();
    let (mut right, mut real, mut real_right) = (0, 0, 0);
    let mut problems = Vec::new();
    for expected in &expectations.sheet {
        let path: PathBuf = match expected.dir.as_deref() {
            Some(dir) => repo_root().join(dir).join(&expected.file),
            None if present => outside.join(&expected.file),
            None => continue,
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
