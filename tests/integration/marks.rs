//! Marks a sheet explains in its own legend (issue 35, item 6), on generated charts: the
//! key beside, under or above the chart, in one cell or two, in English or French; marks
//! joined in words ("R et A"); a mark the legend explains outside RACI, and one nobody
//! explains, both listed with their cells and said as unsure, never as a rule broken.

use crate::util::{json, TestEnv};

fn audit(env: &TestEnv, file: &std::path::Path) -> serde_json::Value {
    let run = env.run([
        "audit".as_ref(),
        file.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    run.success();
    json(&run.stdout)
}

/// Each person's marks on each task, as "person: task = letters", in report order.
fn marks(report: &serde_json::Value) -> Vec<String> {
    report["tasks"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            format!(
                "{}: {} = {}",
                t["person"].as_str().unwrap_or(""),
                t["task"].as_str().unwrap_or(""),
                t["raci"].as_str().unwrap_or("")
            )
        })
        .collect()
}

fn findings_on<'r>(report: &'r serde_json::Value, task: &str) -> Vec<&'r serde_json::Value> {
    report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| {
            f["kind"].as_str().unwrap_or("").starts_with("raci-")
                && f["message"]
                    .as_str()
                    .unwrap_or("")
                    .starts_with(&format!("\"{task}\""))
        })
        .collect()
}

fn doubts(report: &serde_json::Value) -> String {
    report["input"]["sheets"][0]["reading"]["doubts"].to_string()
}

#[test]
fn a_key_beside_the_chart_gives_its_letters_their_meaning() {
    // "Lead | L" and "Auxiliary | A" beside the chart: A is no Accountable here.
    let env = TestEnv::new();
    let rows: &[&[&str]] = &[
        &["Task", "Ana Lima", "Bo Berg", "Cy Diaz", "", "Key"],
        &["Write the requirements", "L", "A", "", "", "Lead", "L"],
        &["Design the schema", "A", "L", "", "", "Auxiliary", "A"],
        &["Build the front end", "", "A", "L"],
        &["Write the manual", "L", "", "A"],
        &["Test the release", "A", "", "L"],
    ];
    let file = env.xlsx("lead.xlsx", &[("Chart", rows)]);
    let report = audit(&env, &file);
    let got = marks(&report);
    assert!(
        got.contains(&"Ana Lima: Write the requirements = R".to_string()),
        "{got:?}"
    );
    assert!(
        got.contains(&"Bo Berg: Write the requirements = S".to_string()),
        "{got:?}"
    );
    assert_eq!(report["input"]["sheets"][0]["layout"], "matrix");
    let said = doubts(&report);
    assert!(said.contains("legend-redefines"), "{said}");
    assert!(said.contains("Auxiliary"), "{said}");
    // The key's own rows are no tasks.
    assert_eq!(
        got.iter().filter(|m| m.contains("Lead")).count(),
        0,
        "{got:?}"
    );
}

#[test]
fn a_french_key_under_the_chart_joined_marks_and_marks_outside_raci() {
    let env = TestEnv::new();
    let csv = "Tâche,Ana,Bo,Cy\n\
               Rédiger le cahier des charges,R et A,C,I\n\
               Valider le budget,A,R,V\n\
               Préparer la recette,R,A,\n\
               Relire les contrats,V,,\n\
               Former les équipes,R,A,C\n\
               \n\
               Légende,,,\n\
               R = Réalise,,,\n\
               A = Approuve,,,\n\
               V = Vérifie,,,\n";
    let file = env.write("charte.csv", csv);
    let report = audit(&env, &file);
    let got = marks(&report);
    assert!(
        got.contains(&"Ana: Rédiger le cahier des charges = RA".to_string()),
        "{got:?}"
    );
    // V is explained, but RACI has no letter for it: Cy holds no part in the budget.
    assert!(!got.iter().any(|m| m.starts_with("Cy: Valider")), "{got:?}");
    // A task whose only mark is V: nobody known to own it, said as unsure.
    let only_v = findings_on(&report, "Relire les contrats");
    assert_eq!(only_v.len(), 1, "{only_v:?}");
    assert_eq!(only_v[0]["kind"], "raci-unassigned");
    assert_eq!(only_v[0]["severity"], "low");
    assert!(only_v[0]["message"]
        .as_str()
        .unwrap_or("")
        .contains("Vérifie"));
    let said = doubts(&report);
    assert!(
        said.contains("legend-marks") && said.contains("\\\"V\\\""),
        "{said}"
    );
}

#[test]
fn an_unknown_mark_is_listed_by_cell_and_breaks_no_rule() {
    let env = TestEnv::new();
    let csv = "Task,Ana,Bo,Cy\n\
               Write the plan,R,A,I\n\
               Price the launch,A,R,C\n\
               Brief the sales team,R,A,I\n\
               Review the copy,Q,,\n\
               Publish the notes,A,R,I\n\
               Plan the offsite,C,Q,\n";
    let file = env.write("chart.csv", csv);
    let report = audit(&env, &file);
    let review = findings_on(&report, "Review the copy");
    assert_eq!(review.len(), 1, "{review:?}");
    assert_eq!(review[0]["severity"], "low");
    let offsite = findings_on(&report, "Plan the offsite");
    assert!(!offsite.is_empty());
    assert!(
        offsite.iter().all(|f| f["severity"] == "low"),
        "{offsite:?}"
    );
    let said = doubts(&report);
    assert!(said.contains("unknown-marks"), "{said}");
    assert!(said.contains("B5") && said.contains("C7"), "{said}");
}

#[test]
fn a_primary_support_key_above_the_chart() {
    let env = TestEnv::new();
    let rows: &[&[&str]] = &[
        &["Responsibilities", "P = Primary; S = Secondary"],
        &[""],
        &["Step", "Dylan Dover", "Jason Mayer", "Selina Chen"],
        &["Prepare the summary", "P", "S", ""],
        &["Make the Gantt chart", "", "P", "S"],
        &["Research the client side", "S", "", "P"],
        &["Build the web server", "P", "S", "S"],
    ];
    let file = env.xlsx("wbs.xlsx", &[("Sheet1", rows)]);
    let report = audit(&env, &file);
    let got = marks(&report);
    assert!(
        got.contains(&"Dylan Dover: Prepare the summary = R".to_string()),
        "{got:?}"
    );
    assert!(
        got.contains(&"Jason Mayer: Prepare the summary = S".to_string()),
        "{got:?}"
    );
    assert!(report["input"]["sheets"][0]["warnings"]
        .as_array()
        .is_none_or(|w| w.is_empty()));
}
