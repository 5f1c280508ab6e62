//! Each audit rule, firing and staying quiet, on teams made for the purpose and a small
//! rubric whose words cannot be confused, so every expectation is exact.

use crate::util::{report_json, TestEnv};

/// Three roles; `shared` words appear in one responsibility of alpha and of beta alike.
const RUBRIC: &[(&str, &str)] = &[
    (
        "alpha.toml",
        r#"
[role]
id = "alpha"
name = "Alpha"
aliases = ["Alpha Lead"]
summary = "Plans and researches."

[[responsibility]]
id = "a-plan"
title = "Planning"
description = "Keeps the plan."
terms = ["roadmap planning", "roadmap"]
examples = ["roadmap planning"]
core = true
source = "test"

[[responsibility]]
id = "a-research"
title = "Research"
description = "Talks to users."
terms = ["interviews", "survey"]
examples = ["user interviews"]
core = true
source = "test"

[[responsibility]]
id = "a-launch"
title = "Launches"
description = "Ships things."
terms = ["launch"]
examples = ["launch"]
core = false
source = "test"

[[responsibility]]
id = "a-forecast"
title = "Forecasting"
description = "Looks ahead."
terms = ["forecast"]
examples = ["forecast"]
core = false
source = "test"
"#,
    ),
    (
        "beta.toml",
        r#"
[role]
id = "beta"
name = "Beta"
aliases = ["Beta Lead"]
summary = "Keeps the money and the risks."

[[responsibility]]
id = "b-budget"
title = "Budget"
description = "Pays."
terms = ["budget", "invoices"]
examples = ["budget"]
core = true
source = "test"

[[responsibility]]
id = "b-risk"
title = "Risk"
description = "Worries."
terms = ["risk register"]
examples = ["risk register"]
core = true
source = "test"

[[responsibility]]
id = "b-forecast"
title = "Forecasting"
description = "Looks ahead."
terms = ["forecast"]
examples = ["forecast"]
core = false
source = "test"
"#,
    ),
    (
        "gamma.toml",
        r#"
[role]
id = "gamma"
name = "Gamma"
aliases = ["Gamma Lead"]
summary = "Deploys."

[[responsibility]]
id = "g-deploy"
title = "Deployment"
description = "Rolls out."
terms = ["deployment", "rollout"]
examples = ["rollout"]
core = true
source = "test"
"#,
    ),
];

/// Audits `rows` (CSV body under the header "Name,Title,Task") and returns finding ids.
fn finding_ids(rows: &str, extra: &[&str]) -> Vec<String> {
    let report = audit(rows, extra);
    report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["id"].as_str().map(str::to_string))
        .collect()
}

fn audit(rows: &str, extra: &[&str]) -> serde_json::Value {
    audit_sheet(&format!("Name,Title,Task\n{rows}"), extra)
}

/// Audits a whole sheet, header included, against the test rubric.
fn audit_sheet(sheet: &str, extra: &[&str]) -> serde_json::Value {
    let env = TestEnv::new();
    std::fs::create_dir(env.path("rubric")).unwrap_or_else(|e| panic!("{e}"));
    for (name, text) in RUBRIC {
        env.write(&format!("rubric/{name}"), text);
    }
    env.write("team.csv", sheet);
    let mut args = vec![
        "audit", "team.csv", "--rubric", "rubric", "--format", "json",
    ];
    args.extend_from_slice(extra);
    let run = env.run(&args);
    run.success();
    report_json(&run.stdout)
}

/// A team where every responsibility is carried by two people of the right title, so no
/// rule fires; each test changes one thing.
const BALANCED: &str = "\
Ana,Alpha Lead,roadmap planning
Ana,Alpha Lead,user interviews
Ana,Alpha Lead,launch
Ana,Alpha Lead,deployment
Bea,Alpha Lead,roadmap planning
Bea,Alpha Lead,user interviews
Bea,Alpha Lead,launch
Bea,Alpha Lead,rollout
Cy,Beta Lead,budget
Cy,Beta Lead,risk register
Dee,Beta Lead,invoices
Dee,Beta Lead,risk register
";

fn has(ids: &[String], id: &str) -> bool {
    ids.iter().any(|i| i == id)
}

fn of_kind(ids: &[String], kind: &str) -> Vec<String> {
    ids.iter()
        .filter(|i| i.starts_with(&format!("{kind}:")))
        .cloned()
        .collect()
}

#[test]
fn balanced_team_has_only_expected_overlaps() {
    let ids = finding_ids(BALANCED, &[]);
    for kind in [
        "drift",
        "single-point-of-failure",
        "unmatched",
        "ambiguous",
        "missing-core",
        "role-gap",
    ] {
        assert!(of_kind(&ids, kind).is_empty(), "{kind} fired: {ids:?}");
    }
    // Forecasting is carried by nobody: the only gaps.
    assert_eq!(of_kind(&ids, "gap"), ["gap:a-forecast", "gap:b-forecast"]);
}

#[test]
fn overlap_fires_and_marks_cross_role() {
    let report = audit(BALANCED, &[]);
    let overlap = report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["id"] == "overlap:a-plan")
        .cloned()
        .unwrap_or_default();
    assert_eq!(overlap["people"], serde_json::json!(["Ana", "Bea"]));
    assert!(!overlap["message"]
        .as_str()
        .unwrap_or("")
        .contains("across titles"));
    let ids = finding_ids(
        "Ana,Alpha Lead,budget\nCy,Beta Lead,budget\nEd,Engineer,budget\nEd,Engineer,invoices\n",
        &[],
    );
    assert!(has(&ids, "overlap:b-budget"));
    let report = audit("Ana,Alpha Lead,budget\nCy,Beta Lead,budget\n", &[]);
    let message = report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["id"] == "overlap:b-budget")
        .and_then(|f| f["message"].as_str().map(str::to_string))
        .unwrap_or_default();
    assert_eq!(
        message,
        "Ana and Cy both carry \"Budget\" (Beta), across titles (Alpha Lead, Beta Lead), on 2 tasks, matched at 1.00."
    );
}

#[test]
fn many_carriers_are_shared_work_said_once_not_an_overlap() {
    let five: String = ["Ana", "Bea", "Cy", "Di", "Ed"]
        .iter()
        .map(|name| format!("{name},Beta Lead,budget\n{name},Beta Lead,risk register\n"))
        .collect();
    let ids = finding_ids(&five, &[]);
    assert!(of_kind(&ids, "overlap").is_empty(), "{ids:?}");
    assert_eq!(
        of_kind(&ids, "shared-work"),
        vec!["shared-work:team"],
        "{ids:?}"
    );
    // Up to --max-owners carriers, it is ownership split among a few.
    let ids = finding_ids(&five, &["--max-owners", "5"]);
    assert!(has(&ids, "overlap:b-budget"), "{ids:?}");
    assert!(has(&ids, "overlap:b-risk"), "{ids:?}");
    assert!(of_kind(&ids, "shared-work").is_empty(), "{ids:?}");
    // One owner is no split: a bound under two would silence every overlap.
    let env = TestEnv::new();
    env.write("team.csv", "Name,Task\nAna,budget\n");
    env.run(["audit", "team.csv", "--max-owners", "1"])
        .fails_with("--max-owners 1: an overlap needs at least 2 owners");
}

#[test]
fn overlap_quiet_with_one_carrier() {
    let ids = finding_ids(
        "Ana,Alpha Lead,roadmap planning\nCy,Beta Lead,budget\n",
        &[],
    );
    assert!(of_kind(&ids, "overlap").is_empty(), "{ids:?}");
}

#[test]
fn similar_work_fires_on_shared_sets_and_not_on_disjoint_ones() {
    let ids = finding_ids(BALANCED, &[]);
    assert!(has(&ids, "similar-work:ana+bea"), "{ids:?}");
    assert!(has(&ids, "similar-work:cy+dee"), "{ids:?}");
    assert!(!has(&ids, "similar-work:ana+cy"), "{ids:?}");
    // Ed and Fay share one of three responsibilities: similar only at a lower threshold.
    let rows = "Ed,Alpha Lead,roadmap planning\nEd,Alpha Lead,user interviews\nFay,Alpha Lead,roadmap planning\nFay,Alpha Lead,launch\n";
    let ids = finding_ids(rows, &[]);
    assert!(!has(&ids, "similar-work:ed+fay"), "{ids:?}");
    let ids = finding_ids(rows, &["--similar-work", "0.3"]);
    assert!(has(&ids, "similar-work:ed+fay"), "{ids:?}");
}

#[test]
fn similar_work_id_names_the_pair_in_name_order_whichever_row_comes_first() {
    let rows = "Bea,Alpha Lead,roadmap planning\nBea,Alpha Lead,user interviews\nAna,Alpha Lead,roadmap planning\nAna,Alpha Lead,user interviews\n";
    let ids = finding_ids(rows, &[]);
    assert!(has(&ids, "similar-work:ana+bea"), "{ids:?}");
    assert!(!has(&ids, "similar-work:bea+ana"), "{ids:?}");
}

/// Everyone on this sheet does the same two things; `team` names each person's team.
fn same_work_in_teams(people: &[(&str, &str)]) -> String {
    let mut sheet = String::from("Name,Title,Team,Task\n");
    for (name, team) in people {
        for task in ["roadmap planning", "user interviews"] {
            sheet.push_str(&format!("{name},Alpha Lead,{team},{task}\n"));
        }
    }
    sheet
}

fn similar_pairs(sheet: &str, extra: &[&str]) -> Vec<String> {
    audit_sheet(sheet, extra)["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["id"].as_str())
        .filter(|id| id.starts_with("similar-work:"))
        .map(str::to_string)
        .collect()
}

#[test]
fn similar_work_compares_teammates_only() {
    let sheet = same_work_in_teams(&[("Ana", "Blue"), ("Bea", "Blue"), ("Cy", "Green")]);
    assert_eq!(similar_pairs(&sheet, &[]), ["similar-work:ana+bea"]);
    // Without a team column everyone is one team.
    let ids = finding_ids(
        "Ana,Alpha Lead,roadmap planning\nAna,Alpha Lead,user interviews\nCy,Alpha Lead,roadmap planning\nCy,Alpha Lead,user interviews\n",
        &[],
    );
    assert!(has(&ids, "similar-work:ana+cy"), "{ids:?}");
}

#[test]
fn similar_work_shows_each_person_in_at_most_the_peer_cap_of_pairs() {
    let five = same_work_in_teams(&[
        ("Ana", "Blue"),
        ("Bea", "Blue"),
        ("Cy", "Blue"),
        ("Dee", "Blue"),
        ("Ed", "Blue"),
    ]);
    // All ten pairs are equally close: taken in name order while both have room.
    assert_eq!(
        similar_pairs(&five, &["--similar-work-peers", "10"]).len(),
        10
    );
    assert_eq!(
        similar_pairs(&five, &["--similar-work-peers", "1"]),
        ["similar-work:ana+bea", "similar-work:cy+dee"]
    );
    let two = similar_pairs(&five, &["--similar-work-peers", "2"]);
    for person in ["ana", "bea", "cy", "dee", "ed"] {
        let shown = two
            .iter()
            .filter(|id| id.split([':', '+']).any(|part| part == person))
            .count();
        assert!(shown <= 2, "{person} in {shown} pairs: {two:?}");
    }
    assert_eq!(
        two,
        [
            "similar-work:ana+bea",
            "similar-work:ana+cy",
            "similar-work:bea+cy",
            "similar-work:dee+ed"
        ]
    );
    assert!(similar_pairs(&five, &["--similar-work-peers", "0"]).is_empty());
}

#[test]
fn gap_fires_for_uncovered_responsibility_and_quiet_when_carried() {
    let ids = finding_ids(BALANCED, &[]);
    assert!(has(&ids, "gap:a-forecast"));
    let without_interviews: String = BALANCED
        .lines()
        .filter(|line| !line.contains("interviews"))
        .map(|line| format!("{line}\n"))
        .collect();
    let ids = finding_ids(&without_interviews, &[]);
    assert!(has(&ids, "gap:a-research"), "{ids:?}");
    let ids = finding_ids(
        &format!("{without_interviews}Ana,Alpha Lead,user interviews\n"),
        &[],
    );
    assert!(!has(&ids, "gap:a-research"), "{ids:?}");
    // "forecast" is both roles' word: lines of it are ambiguous, no confident carrier, so
    // the gap stands and names them.
    let report = audit(
        &format!("{BALANCED}Ana,Alpha Lead,forecast\nBea,Alpha Lead,forecast\n"),
        &[],
    );
    let gap = report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["id"] == "gap:a-forecast")
        .cloned()
        .unwrap_or_default();
    assert_eq!(gap["tasks"].as_array().map(Vec::len), Some(2), "{gap}");
    assert_eq!(gap["people"], serde_json::json!(["Ana", "Bea"]));
}

#[test]
fn role_gap_fires_when_a_role_has_no_work() {
    let ids = finding_ids(
        "Ana,Alpha Lead,roadmap planning\nAna,Alpha Lead,user interviews\n",
        &["--roles", "alpha,beta,gamma"],
    );
    assert!(has(&ids, "role-gap:beta"), "{ids:?}");
    assert!(has(&ids, "role-gap:gamma"), "{ids:?}");
    // The role-level gap replaces per-responsibility gaps for that role.
    assert!(!has(&ids, "gap:b-budget"), "{ids:?}");
    let ids = finding_ids(BALANCED, &["--roles", "alpha,beta,gamma"]);
    assert!(of_kind(&ids, "role-gap").is_empty(), "{ids:?}");
}

#[test]
fn a_role_nobody_is_titled_for_is_context_not_gaps_unless_listed() {
    let sheet = "Ana,Alpha Lead,roadmap planning\nAna,Alpha Lead,user interviews\n";
    // Beta's work is done by someone titled Alpha: said once, with who does it. Nobody
    // does gamma's: nothing to say beyond the headline's scope line.
    let with_budget = format!("{sheet}Ana,Alpha Lead,budget\n");
    let ids = finding_ids(&with_budget, &[]);
    assert!(has(&ids, "unstaffed-role:beta"), "{ids:?}");
    assert!(!has(&ids, "unstaffed-role:gamma"), "{ids:?}");
    let ids = finding_ids(sheet, &[]);
    assert!(!has(&ids, "unstaffed-role:beta"), "{ids:?}");
    assert!(of_kind(&ids, "role-gap").is_empty(), "{ids:?}");
    assert!(!ids.iter().any(|id| id.starts_with("gap:b-")), "{ids:?}");
    // The held role is still audited for gaps.
    assert!(has(&ids, "gap:a-forecast"), "{ids:?}");
    // Listing a role audits it whoever holds it, and a role left off is not mentioned.
    let ids = finding_ids(sheet, &["--roles", "beta"]);
    assert!(has(&ids, "role-gap:beta"), "{ids:?}");
    assert!(
        !ids.iter()
            .any(|id| id.contains("gamma") || id.starts_with("gap:a-")),
        "{ids:?}"
    );
}

#[test]
fn missing_core_fires_for_titled_people_only() {
    // Ana is titled Alpha but none of her three lines is Alpha's core work.
    let ana = "Ana,Alpha Lead,launch\nAna,Alpha Lead,forecast\nAna,Alpha Lead,launch checklist\n";
    let eds = "Ed,Engineer,launch\nEd,Engineer,forecast\nEd,Engineer,launch plan\n";
    let ids = finding_ids(&format!("{ana}{eds}"), &[]);
    assert!(has(&ids, "missing-core:ana"), "{ids:?}");
    assert!(!has(&ids, "missing-core:ed"), "{ids:?}");
    // One core line is enough: five lines cannot show all of a role, and the gap rule
    // names what nobody carries.
    let ids = finding_ids(&format!("{ana}Ana,Alpha Lead,roadmap planning\n"), &[]);
    assert!(!has(&ids, "missing-core:ana"), "{ids:?}");
    assert!(has(&ids, "gap:a-research"), "{ids:?}");
    // Two lines say too little of a job to call its core missing.
    let ids = finding_ids("Ana,Alpha Lead,launch\nAna,Alpha Lead,forecast\n", &[]);
    assert!(!has(&ids, "missing-core:ana"), "{ids:?}");
    let ids = finding_ids(BALANCED, &[]);
    assert!(of_kind(&ids, "missing-core").is_empty(), "{ids:?}");
}

#[test]
fn drift_fires_for_work_outside_the_title() {
    let rows = "Cy,Beta Lead,roadmap planning\nCy,Beta Lead,user interviews\nCy,Beta Lead,budget\n";
    let report = audit(rows, &[]);
    let drift = report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["id"] == "drift:cy")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        drift["message"],
        "Cy is titled Beta Lead (Beta) but 67% of their confidently matched work is outside it, mostly Alpha work, on 2 tasks, matched at 1.00."
    );
    assert_eq!(
        drift["responsibilities"],
        serde_json::json!(["a-plan", "a-research"])
    );
    // At 70% the same mix is not drift.
    let ids = finding_ids(rows, &["--drift-share", "0.7"]);
    assert!(!has(&ids, "drift:cy"), "{ids:?}");
}

#[test]
fn a_person_whose_rows_disagree_on_the_title_gets_the_most_written_one_in_any_order() {
    // Two rows say Beta Lead, one Alpha Lead: Cy is a Beta Lead doing Alpha work, which is
    // drift whichever row comes first.
    let rows = [
        "Cy,Alpha Lead,roadmap planning\n",
        "Cy,Beta Lead,user interviews\n",
        "Cy,Beta Lead,survey\n",
    ];
    for order in [[0, 1, 2], [1, 2, 0], [2, 0, 1]] {
        let body: String = order.iter().map(|&i| rows[i]).collect();
        let report = audit(&body, &[]);
        assert_eq!(report["people"][0]["title"], "Beta Lead", "{body}");
        let ids = finding_ids(&body, &[]);
        assert!(has(&ids, "drift:cy"), "{body}: {ids:?}");
    }
}

#[test]
fn drift_fires_for_untitled_people_doing_role_work() {
    let ids = finding_ids(
        "Ed,Staff Engineer,budget\nEd,Staff Engineer,risk register\nEd,Staff Engineer,fix the printer\n",
        &[],
    );
    assert!(has(&ids, "drift:ed"), "{ids:?}");
    // One stray task is not a trend.
    let ids = finding_ids(
        "Ed,Staff Engineer,budget\nEd,Staff Engineer,fix the printer\n",
        &[],
    );
    assert!(!has(&ids, "drift:ed"), "{ids:?}");
}

#[test]
fn drift_quiet_for_work_inside_the_title() {
    let ids = finding_ids(BALANCED, &[]);
    assert!(of_kind(&ids, "drift").is_empty(), "{ids:?}");
}

#[test]
fn single_point_of_failure_fires_on_one_carrier_of_core_work() {
    let ids = finding_ids(
        &BALANCED.replace("Dee,Beta Lead,risk register\n", "Dee,Beta Lead,budget\n"),
        &[],
    );
    assert!(has(&ids, "single-point-of-failure:b-risk"), "{ids:?}");
    // Launch is not core: one carrier is no single point of failure.
    let ids = finding_ids(&BALANCED.replace("Bea,Alpha Lead,launch\n", ""), &[]);
    assert!(!has(&ids, "single-point-of-failure:a-launch"), "{ids:?}");
}

#[test]
fn unmatched_and_ambiguous_tasks_are_listed_for_review() {
    let report = audit(
        &format!("{BALANCED}Ana,Alpha Lead,fix the printer\nCy,Beta Lead,forecast\n"),
        &[],
    );
    let find = |id: &str| {
        report["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|f| f["id"] == id)
            .cloned()
            .unwrap_or_default()
    };
    let id_of = |text: &str| {
        report["tasks"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| t["task"] == text)
            .map(|t| t["id"].clone())
            .unwrap_or_default()
    };
    assert_eq!(
        find("unmatched:ana")["tasks"],
        serde_json::json!([id_of("fix the printer")])
    );
    assert_eq!(
        find("ambiguous:cy")["tasks"],
        serde_json::json!([id_of("forecast")])
    );
    let task = &report["tasks"][13];
    assert_eq!(task["status"], "ambiguous");
    // Shared between the two contenders in coverage.
    let coverage = report["coverage"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["responsibility"] == "b-forecast")
        .cloned()
        .unwrap_or_default();
    assert_eq!(coverage["weight"], 0.5);
}
