//! Tracker exports read without flags: each tool's export recognised by the columns it
//! writes (and an ordinary list not taken for one), the assignee as the person with account
//! ids folded into names, epics as headings, unassigned issues reported, done issues counted
//! apart and left out by `--open-only`, Trello's board JSON, and bad JSON refused.

use crate::util::{json, people_and_tasks, TestEnv};

fn audit(env: &TestEnv, file: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["audit", file, "--format", "json"];
    args.extend_from_slice(extra);
    let run = env.run(&args);
    run.success();
    json(&run.stdout)
}

fn reason(report: &serde_json::Value) -> String {
    report["input"]["sheets"][0]["layout_reason"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

/// (severity, message) of the unassigned-task findings.
fn unassigned(report: &serde_json::Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["kind"] == "unassigned-task")
        .map(|f| {
            (
                f["severity"].as_str().unwrap_or("").to_string(),
                f["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// A small Jira export: an epic, assigned and unassigned issues, open and done.
pub(crate) const JIRA: &str = "\u{feff}Summary,Issue key,Issue id,Issue Type,Status,Project name,Project lead,Assignee,Assignee Id,Reporter,Sprint,Sprint,Original estimate,Status Category
Checkout,SHOP-1,1,Epic,To Do,Shop,Lead Person,,,Rita Reporter,,,,To Do
Write the release notes,SHOP-2,2,Story,In Progress,Shop,Lead Person,Ana Ruiz,acc-1,Rita Reporter,Sprint 1,Sprint 2,7200,In Progress
Plan the launch campaign,SHOP-3,3,Task,To Do,Shop,Lead Person,ana.ruiz,acc-1,Rita Reporter,Sprint 2,,,To Do
Review the budget,SHOP-4,4,Task,Done,Shop,Lead Person,Bo Chen,acc-2,Rita Reporter,Sprint 1,,,Done
Fix the payment page,SHOP-5,5,Bug,To Do,Shop,Lead Person,,,Rita Reporter,,,,To Do
Update the pricing table,SHOP-6,6,Task,To Do,Shop,Lead Person,,,Rita Reporter,,,,To Do
Archive old tickets,SHOP-7,7,Task,Done,Shop,Lead Person,,,Rita Reporter,,,,Done
";

#[test]
fn a_jira_export_is_read_by_its_columns_without_flags() {
    let env = TestEnv::new();
    env.write("jira.csv", JIRA);
    let report = audit(&env, "jira.csv", &[]);
    let sheet = &report["input"]["sheets"][0];
    assert_eq!(sheet["layout"], "list");
    // The byte order mark does not push the header down a row.
    assert_eq!(sheet["header"]["row"], 1);
    let reason = reason(&report);
    assert!(reason.contains("read as a Jira export"), "{reason}");
    assert!(reason.contains("task = A \"Summary\""), "{reason}");
    assert!(reason.contains("person = H \"Assignee\""), "{reason}");
    assert!(reason.contains("seconds, read as hours"), "{reason}");
    // One person per human: the username written with Ana's account id is Ana; the
    // reporter, the project lead and the epic are nobody's work.
    assert_eq!(
        people_and_tasks(&report),
        vec![
            ("Ana Ruiz".into(), "Write the release notes".into(), 3),
            ("Ana Ruiz".into(), "Plan the launch campaign".into(), 4),
            ("Bo Chen".into(), "Review the budget".into(), 5),
        ]
    );
    assert_eq!(report["tasks"][0]["effort"], 2.0);
    assert_eq!(sheet["tracker"]["done"], 2);
    let headings: Vec<u64> = sheet["skipped"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["reason"] == "category")
        .filter_map(|s| s["row"].as_u64())
        .collect();
    assert_eq!(headings, vec![2]);
    // The open unassigned issues are one finding worth a look, the done one only a note.
    let found = unassigned(&report);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, "medium");
    assert!(found[0].1.contains("cells A6:A7"), "{}", found[0].1);
    assert!(
        found[0]
            .1
            .contains("2 open issues of the Jira export have nobody assigned"),
        "{}",
        found[0].1
    );
    assert_eq!(found[1].0, "info");
    assert!(found[1].1.contains("cells A8)"), "{}", found[1].1);
}

#[test]
fn open_only_leaves_the_done_issues_out() {
    let env = TestEnv::new();
    env.write("jira.csv", JIRA);
    let report = audit(&env, "jira.csv", &["--open-only"]);
    let people: Vec<String> = people_and_tasks(&report).into_iter().map(|t| t.0).collect();
    assert_eq!(people, vec!["Ana Ruiz", "Ana Ruiz"]);
    let found = unassigned(&report);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "medium");
    assert!(reason(&report).contains("2 done issue(s) left out (--open-only)"));
}

#[test]
fn spanish_jira_headers_are_the_same_export() {
    let env = TestEnv::new();
    env.write(
        "jira-es.csv",
        "\u{feff}Tipo de Incidencia,Clave de incidencia,ID de la incidencia,Resumen,Sprint,Persona asignada,ID de la persona asignada,Informador,ID del informador,Prioridad,Estado\n\
         Historia,P-1,1,Diseñar la portada,Sprint 1,Ana Ruiz,a1,Rita,r1,Media,Finalizada\n\
         Tarea,P-2,2,Escribir las pruebas,Sprint 1,,,Rita,r1,Media,Tareas por hacer\n",
    );
    let report = audit(&env, "jira-es.csv", &[]);
    assert!(reason(&report).contains("person = F \"Persona asignada\""));
    assert_eq!(
        people_and_tasks(&report),
        vec![("Ana Ruiz".into(), "Diseñar la portada".into(), 2)]
    );
    assert_eq!(report["input"]["sheets"][0]["tracker"]["done"], 1);
    let found = unassigned(&report);
    assert!(
        found.len() == 1 && found[0].1.contains("cells D3"),
        "{found:?}"
    );
}

/// A generated export: its file name and text, the tool it is, and (person, task) read.
type Export<'a> = (&'a str, &'a str, &'a str, &'a [(&'a str, &'a str)]);

/// Each tool's export, generated small: the tool it is recognised as, and who does what.
#[test]
fn every_signature_is_recognised() {
    let env = TestEnv::new();
    let exports: [Export; 5] = [
        (
            "ado.csv",
            "ID,Work Item Type,Title,Assigned To,State,Area Path,Iteration Path\n\
             7,Bug,Fix the login,\"Lee, Ann <CORP\\alee>\",Active,Web,Sprint 3\n\
             8,Task,Write docs,,New,Web,Sprint 3\n",
            "Azure DevOps",
            &[("Lee, Ann", "Fix the login")],
        ),
        (
            "gitlab.csv",
            "Title,Description,Issue ID,URL,State,Author,Author Username,Assignee,Assignee Username,Milestone,Time Estimate\n\
             Add search,,1,http://x/1,Open,Rita,rita,Bo Chen,bo,v1,3600\n\
             Drop IE support,,2,http://x/2,Closed,Rita,rita,,,v1,0\n",
            "GitLab",
            &[("Bo Chen", "Add search")],
        ),
        (
            "asana.csv",
            "Task ID,Created At,Completed At,Last Modified,Name,Assignee,Assignee Email,Due Date,Tags,Notes,Projects,Parent Task\n\
             11,2024-01-01,,2024-01-02,Draft the report,Cy Diaz,cy@x.org,,,,Phase 1,\n\
             12,2024-01-01,2024-01-05,2024-01-05,Book the venue,,,,,,Phase 1,\n",
            "Asana",
            &[("Cy Diaz", "Draft the report")],
        ),
        (
            "trello.csv",
            "Card ID,Card Name,Card URL,Card Description,Labels,Members,Due Date,List ID,List Name,Board ID,Board Name,Archived,Due Complete\n\
             c1,Design the logo,http://t/1,,,\"mau, thong\",,l1,Doing,b1,Board,FALSE,FALSE\n\
             c2,Print flyers,http://t/2,,,,,l2,Done,b1,Board,FALSE,TRUE\n",
            "Trello",
            &[("mau", "Design the logo"), ("thong", "Design the logo")],
        ),
        (
            "smartsheet.csv",
            "Task Name,Duration,Start,Finish,Predecessors,Assigned To,% Complete,Status,Comments\n\
             Build the home page,2d,01/02/24,01/03/24,,Dai Tran,50%,In Progress,\n\
             Test the cart,1d,01/04/24,01/04/24,,,0%,Not Started,\n",
            "Smartsheet",
            &[("Dai Tran", "Build the home page")],
        ),
    ];
    for (file, text, tool, expected) in exports {
        env.write(file, text);
        let report = audit(&env, file, &[]);
        let reason = reason(&report);
        assert!(
            reason.contains(&format!("read as a {tool} export")),
            "{file}: {reason}"
        );
        let got: Vec<(String, String)> = people_and_tasks(&report)
            .into_iter()
            .map(|t| (t.0, t.1))
            .collect();
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        assert_eq!(got, expected, "{file}");
        let found = unassigned(&report);
        assert_eq!(found.len(), 1, "{file}: {found:?}");
        assert!(found[0].1.contains("cells "), "{file}: {found:?}");
    }
}

/// A Planner export in a workbook, under its metadata rows: its summary rows head the
/// tasks under them and are no unassigned issues.
#[test]
fn a_planner_workbook_keeps_its_summary_rows_as_headings() {
    let env = TestEnv::new();
    let rows: &[&[&str]] = &[
        &["Project name", "Launch"],
        &[],
        &[
            "Task number",
            "Outline number",
            "Name",
            "Assigned to",
            "Start",
            "Finish",
            "Bucket",
            "Effort",
            "Milestone",
            "Notes",
            "Labels",
            "Priority",
        ],
        &[
            "1",
            "1",
            "Initiation",
            "",
            "",
            "",
            "",
            "20 hours",
            "No",
            "",
            "",
            "Medium",
        ],
        &[
            "2",
            "1.1",
            "Determine project scope",
            "Amit Shah",
            "",
            "",
            "Scope",
            "4 hours",
            "No",
            "",
            "",
            "Medium",
        ],
        &[
            "3",
            "1.2",
            "Secure the budget",
            "",
            "",
            "",
            "Scope",
            "2 hours",
            "No",
            "",
            "",
            "Medium",
        ],
    ];
    env.xlsx("plan.xlsx", &[("Project tasks", rows)]);
    let report = audit(&env, "plan.xlsx", &[]);
    assert!(reason(&report).contains("read as a Microsoft Planner export"));
    assert_eq!(
        people_and_tasks(&report),
        vec![("Amit Shah".into(), "Determine project scope".into(), 5)]
    );
    assert_eq!(report["tasks"][0]["group"], "Scope");
    let found = unassigned(&report);
    assert!(
        found.len() == 1 && found[0].1.contains("cells C6)"),
        "{found:?}"
    );
}

/// A hand-made list with an "Assignee" and a "Status" column is no export: a name written
/// once still holds for the rows under it, and nothing is reported unassigned.
#[test]
fn an_ordinary_list_is_not_taken_for_an_export() {
    let env = TestEnv::new();
    env.write(
        "team.csv",
        "Assignee,Task,Status,Priority\nAna Ruiz,Write the roadmap,Done,High\n,Run the retro,Open,Low\n",
    );
    let report = audit(&env, "team.csv", &[]);
    assert!(!reason(&report).contains("export"), "{}", reason(&report));
    assert!(report["input"]["sheets"][0]["tracker"].is_null());
    let people: Vec<String> = people_and_tasks(&report).into_iter().map(|t| t.0).collect();
    assert_eq!(people, vec!["Ana Ruiz", "Ana Ruiz"]);
    assert!(unassigned(&report).is_empty());
}

const BOARD: &str = r#"{
  "name": "Launch",
  "members": [
    {"id": "m1", "fullName": "Ana Ruiz", "username": "anaruiz"},
    {"id": "m2", "fullName": "Bo Chen", "username": "bochen"}
  ],
  "lists": [
    {"id": "l1", "name": "Doing", "closed": false},
    {"id": "l2", "name": "Done", "closed": false}
  ],
  "cards": [
    {"name": "Write the press release", "idMembers": ["m1", "m2"], "idList": "l1", "closed": false},
    {"name": "Book the venue", "idMembers": [], "idList": "l1", "closed": false},
    {"name": "Order the banners", "idMembers": ["m2"], "idList": "l2", "closed": false},
    {"name": "Old idea", "idMembers": [], "idList": "l1", "closed": true}
  ]
}"#;

#[test]
fn a_trello_board_json_maps_member_ids_to_names() {
    let env = TestEnv::new();
    env.write("board.json", BOARD);
    let report = audit(&env, "board.json", &[]);
    assert!(reason(&report).contains("read as a Trello board (JSON) export"));
    assert_eq!(report["input"]["sheets"][0]["layout"], "list");
    assert_eq!(
        people_and_tasks(&report),
        vec![
            ("Ana Ruiz".into(), "Write the press release".into(), 1),
            ("Bo Chen".into(), "Write the press release".into(), 1),
            ("Bo Chen".into(), "Order the banners".into(), 3),
        ]
    );
    assert_eq!(report["tasks"][0]["group"], "Doing");
    // The card in the Done list and the archived card are done.
    assert_eq!(report["input"]["sheets"][0]["tracker"]["done"], 2);
    let found = unassigned(&report);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].1.contains("cells A2)"), "{found:?}");
    assert!(found[1].1.contains("cells A4)"), "{found:?}");
    let open_only = audit(&env, "board.json", &["--open-only"]);
    assert_eq!(people_and_tasks(&open_only).len(), 2);
}

#[test]
fn bad_json_is_one_line_and_exit_2() {
    let env = TestEnv::new();
    env.write("board.json", "{\"cards\": [");
    let run = env.run(["audit", "board.json", "--format", "md", "-o", "report.md"]);
    run.fails_with("board.json: not a readable board export (EOF while parsing");
    assert!(!env.path("report.md").exists());
    env.write("other.json", "{\"name\": \"not a board\"}");
    env.run(["audit", "other.json"])
        .fails_with("other.json: not a readable board export (no \"cards\" array");
}

/// A board that explains its labels with a list of cards, keeps a card template, and names
/// people on most cards: the legend and the template are no work, and the one open card
/// with nobody on it is reported.
#[test]
fn a_boards_label_legend_and_templates_are_not_work() {
    let env = TestEnv::new();
    let legend = |name: &str, label: &str| {
        format!(
            r#"{{"name": "{name}", "idMembers": [], "idList": "l0", "labels": [{{"name": "{label}"}}]}}"#
        )
    };
    let card = |name: &str, member: &str| {
        let members = if member.is_empty() {
            String::new()
        } else {
            format!("\"{member}\"")
        };
        format!(r#"{{"name": "{name}", "idMembers": [{members}], "idList": "l1"}}"#)
    };
    let cards = [
        legend("AUTOMATIZACION", "Automatización"),
        legend("PROYECTOS", "Proyectos"),
        legend("OTROS", "Otros"),
        legend("SOPORTE TECNICO", "Soporte"),
        r#"{"name": "Plantilla", "idMembers": [], "idList": "l1", "isTemplate": true}"#.to_string(),
        card("Migrar el servidor", "m1"),
        card("Revisar el informe", "m1"),
        card("Preparar la demo", ""),
    ];
    env.write(
        "board.json",
        format!(
            r#"{{"members": [{{"id": "m1", "fullName": "Ana Ruiz"}}],
               "lists": [{{"id": "l0", "name": "CONVENCIONES"}}, {{"id": "l1", "name": "HACIENDO"}}],
               "cards": [{}]}}"#,
            cards.join(",")
        ),
    );
    let report = audit(&env, "board.json", &[]);
    let skipped: Vec<(u64, String)> = report["input"]["sheets"][0]["skipped"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            (
                s["row"].as_u64().unwrap_or(0),
                s["reason"].as_str().unwrap_or("").to_string(),
            )
        })
        .filter(|(_, reason)| reason != "no-person")
        .collect();
    let legend_rows: Vec<(u64, String)> = (1..=4).map(|r| (r, "legend".to_string())).collect();
    let mut expected = legend_rows;
    expected.push((5, "template".to_string()));
    assert_eq!(skipped, expected);
    let found = unassigned(&report);
    assert!(
        found.len() == 1 && found[0].1.contains("cells A8)"),
        "{found:?}"
    );
}

/// A board that names people on few of its cards does not say who does what card by card:
/// its cards with nobody on them are not reported, and a warning says why.
#[test]
fn a_board_that_rarely_names_people_reports_no_unassigned_cards() {
    let env = TestEnv::new();
    let cards: Vec<String> = (1..=9)
        .map(|i| {
            let members = if i % 5 == 1 { r#""m1""# } else { "" };
            format!(r#"{{"name": "Requirement {i}", "idMembers": [{members}], "idList": "l1"}}"#)
        })
        .collect();
    env.write(
        "spec.json",
        format!(
            r#"{{"members": [{{"id": "m1", "fullName": "Ana Ruiz"}}],
               "lists": [{{"id": "l1", "name": "Sign in"}}], "cards": [{}]}}"#,
            cards.join(",")
        ),
    );
    let report = audit(&env, "spec.json", &[]);
    assert_eq!(people_and_tasks(&report).len(), 2);
    assert!(unassigned(&report).is_empty());
    let warnings = report["input"]["sheets"][0]["warnings"].to_string();
    assert!(
        warnings.contains("people are named on only 2 of 9 cards"),
        "{warnings}"
    );
}
