use crate::util::{json, TestEnv};

/// Runs a JSON audit of a CSV and returns the parsed report.
fn audit_csv(env: &TestEnv, csv: &str, extra: &[&str]) -> serde_json::Value {
    env.write("team.csv", csv);
    let mut args = vec!["audit", "team.csv", "--format", "json"];
    args.extend_from_slice(extra);
    let run = env.run(&args);
    run.success();
    json(&run.stdout)
}

fn column_roles(report: &serde_json::Value) -> Vec<(String, String)> {
    report["input"]["sheets"][0]["columns"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            (
                c["role"].as_str().unwrap_or("").to_string(),
                c["column"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn tasks(report: &serde_json::Value) -> Vec<(String, String)> {
    report["tasks"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            (
                t["person"].as_str().unwrap_or("").to_string(),
                t["task"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn synonyms_case_and_punctuation() {
    let env = TestEnv::new();
    let report = audit_csv(
        &env,
        "EMPLOYEE,Job-Title,Squad,What they do?,% Time\nAna,PM,Core,Roadmap,50%\n",
        &[],
    );
    assert_eq!(
        column_roles(&report),
        pairs(&[
            ("person", "A"),
            ("title", "B"),
            ("team", "C"),
            ("task", "D"),
            ("effort", "E")
        ])
    );
    assert_eq!(report["tasks"][0]["effort"], 20.0);
}

#[test]
fn every_person_and_task_synonym_is_recognised() {
    let env = TestEnv::new();
    for person in [
        "Name", "Person", "Owner", "Assignee", "Employee", "Member", "Who",
    ] {
        for task in [
            "Task",
            "Tasks",
            "Responsibility",
            "Responsibilities",
            "Activity",
            "Duties",
            "What they do",
            "Work item",
        ] {
            let report = audit_csv(&env, &format!("{person},{task}\nAna,Roadmap\n"), &[]);
            assert_eq!(
                column_roles(&report),
                pairs(&[("person", "A"), ("task", "B")]),
                "{person} / {task}"
            );
        }
    }
}

#[test]
fn title_team_and_effort_synonyms() {
    let env = TestEnv::new();
    for (title, team, effort) in [
        ("Role", "Department", "Hours"),
        ("Position", "Group", "Hours per week"),
        ("Job title", "Team", "Allocation"),
        ("Title", "Squad", "FTE"),
    ] {
        let report = audit_csv(
            &env,
            &format!("Name,{title},{team},Task,{effort}\nAna,PM,Core,Roadmap,1\n"),
            &[],
        );
        assert_eq!(
            column_roles(&report),
            pairs(&[
                ("person", "A"),
                ("title", "B"),
                ("team", "C"),
                ("task", "D"),
                ("effort", "E")
            ]),
            "{title} / {team} / {effort}"
        );
    }
}

#[test]
fn header_below_banner_rows() {
    let env = TestEnv::new();
    let report = audit_csv(
        &env,
        "Acme team audit,,\nPrepared by people ops,,\n,,\nOwner,Title,Task\nAna,PM,Roadmap\n",
        &[],
    );
    assert_eq!(report["input"]["sheets"][0]["header"]["row"], 4);
    assert_eq!(report["tasks"][0]["row"], 5);
}

#[test]
fn header_row_beyond_the_search_window_needs_the_flag() {
    let env = TestEnv::new();
    let mut csv = String::new();
    for i in 0..25 {
        csv.push_str(&format!("note {i},\n"));
    }
    csv.push_str("Name,Task\nAna,Roadmap\n");
    env.write("team.csv", &csv);
    env.run(["audit", "team.csv"])
        .fails_with("searched the first 20 rows");
    let run = env.run([
        "audit",
        "team.csv",
        "--header-row",
        "26",
        "--format",
        "json",
    ]);
    run.success();
    assert_eq!(json(&run.stdout)["tasks"][0]["task"], "Roadmap");
}

#[test]
fn overrides_by_header_text_and_by_letter() {
    let env = TestEnv::new();
    let csv = "Who,Notes,Focus,Hours\nAna,likes tea,Roadmap,4\n";
    let report = audit_csv(&env, csv, &["--task-column", "focus"]);
    assert_eq!(tasks(&report), pairs(&[("Ana", "Roadmap")]));
    let report = audit_csv(
        &env,
        csv,
        &[
            "--task-column",
            "C",
            "--person-column",
            "a",
            "--title-column",
            "Notes",
            "--effort-column",
            "D",
        ],
    );
    assert_eq!(tasks(&report), pairs(&[("Ana", "Roadmap")]));
    assert_eq!(report["tasks"][0]["title"], "likes tea");
    let decided: Vec<&str> = report["input"]["sheets"][0]["columns"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["decided"].as_str())
        .collect();
    assert_eq!(decided, ["override", "override", "override", "override"]);
}

#[test]
fn team_column_override() {
    let env = TestEnv::new();
    let report = audit_csv(
        &env,
        "Name,Task,Pod\nAna,Roadmap,Growth\n",
        &["--team-column", "Pod"],
    );
    assert_eq!(report["tasks"][0]["team"], "Growth");
}

#[test]
fn multi_task_cells_become_one_assignment_each() {
    let env = TestEnv::new();
    let report = audit_csv(
        &env,
        "Name,Tasks,Hours\nAna,\"• Roadmap\n• PRDs; launch plan\",9\nBo,\"1. hiring\n2. budget\",\n",
        &[],
    );
    assert_eq!(
        tasks(&report),
        pairs(&[
            ("Ana", "Roadmap"),
            ("Ana", "PRDs"),
            ("Ana", "launch plan"),
            ("Bo", "hiring"),
            ("Bo", "budget")
        ])
    );
    assert_eq!(report["tasks"][0]["effort"], 3.0);
    assert_eq!(report["tasks"][1]["row"], 2);
    assert_eq!(report["tasks"][3]["row"], 3);
}

#[test]
fn names_fill_down_and_blank_rows_are_skipped() {
    let env = TestEnv::new();
    let report = audit_csv(
        &env,
        "Name,Title,Task\nAna,PM,Roadmap\n,,PRDs\n,,\n\nBo,TPM,Release plan\n,,Dependency tracking\n",
        &[],
    );
    assert_eq!(
        tasks(&report),
        pairs(&[
            ("Ana", "Roadmap"),
            ("Ana", "PRDs"),
            ("Bo", "Release plan"),
            ("Bo", "Dependency tracking")
        ])
    );
    assert_eq!(report["tasks"][1]["title"], "PM");
    assert_eq!(report["tasks"][3]["title"], "TPM");
    let skipped: Vec<(u64, &str)> = report["input"]["sheets"][0]["skipped"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            (
                s["row"].as_u64().unwrap_or(0),
                s["reason"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(skipped, [(4, "blank"), (5, "blank")]);
}

#[test]
fn unreadable_effort_is_a_warning_naming_the_cell() {
    let env = TestEnv::new();
    let report = audit_csv(
        &env,
        "Name,Task,Effort\nAna,Roadmap,lots\nAna,PRDs,25%\nAna,Launch,0.25\nAna,Research,4h\n",
        &[],
    );
    let efforts: Vec<serde_json::Value> = report["tasks"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| t["effort"].clone())
        .collect();
    assert_eq!(
        efforts,
        [
            serde_json::Value::Null,
            serde_json::json!(10.0),
            serde_json::json!(10.0),
            serde_json::json!(4.0)
        ]
    );
    let warning = report["input"]["sheets"][0]["warnings"][0]["message"]
        .as_str()
        .unwrap_or("");
    assert!(warning.contains("team.csv, cell C2"), "{warning}");
    assert!(warning.contains("\"lots\""), "{warning}");
}

#[test]
fn title_and_team_are_optional() {
    let env = TestEnv::new();
    let report = audit_csv(&env, "Name,Task\nAna,Roadmap\n", &[]);
    assert_eq!(report["tasks"][0]["title"], serde_json::Value::Null);
    assert_eq!(report["tasks"][0]["team"], serde_json::Value::Null);
}

/// Spanish tasks against English rubrics: the matcher would find nothing, and the audit must
/// say why once instead of reporting every role's work as missing.
pub(crate) const SPANISH_LIST: &str = "Name,Title,Task
Ana,Product Manager,Definir la estrategia del producto con los clientes
Ana,Product Manager,Priorizar las funcionalidades del próximo trimestre
Luis,Program Manager,Coordinar los equipos y las dependencias entre ellos
Luis,Program Manager,Preparar el informe semanal para la dirección
Marta,Technical Program Manager,Revisar la arquitectura con los ingenieros
Marta,Technical Program Manager,Gestionar los riesgos técnicos del lanzamiento
";

fn finding_kinds(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| f["kind"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn tasks_in_another_language_are_named_once_instead_of_reported_as_gaps() {
    let env = TestEnv::new();
    env.write("team.csv", SPANISH_LIST);
    let run = env.run(["audit", "team.csv", "--format", "json"]);
    run.success();
    let report = json(&run.stdout);
    assert_eq!(finding_kinds(&report), ["foreign-language"]);
    assert_eq!(report["findings"][0]["id"], "foreign-language:spanish");
    let warning: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(warning.len(), 1, "{}", run.stderr);
    assert!(warning[0].contains("team.csv"), "{}", warning[0]);
    assert!(warning[0].contains("Spanish"), "{}", warning[0]);
    assert!(warning[0].contains("--any-language"), "{}", warning[0]);
}

#[test]
fn any_language_matches_the_tasks_anyway() {
    let env = TestEnv::new();
    let report = audit_csv(&env, SPANISH_LIST, &["--any-language"]);
    let kinds = finding_kinds(&report);
    assert!(
        !kinds.contains(&"foreign-language".to_string()),
        "{kinds:?}"
    );
    assert!(kinds.contains(&"role-gap".to_string()), "{kinds:?}");
}

#[test]
fn english_tasks_raise_no_language_finding() {
    let env = TestEnv::new();
    let report = audit_csv(
        &env,
        "Name,Title,Task\nAna,Product Manager,Own the product roadmap\n\
         Ana,Product Manager,Run user interviews\nLuis,Program Manager,Track cross-team dependencies\n",
        &[],
    );
    assert!(
        !finding_kinds(&report).contains(&"foreign-language".to_string()),
        "{:?}",
        finding_kinds(&report)
    );
}

fn task_groups(report: &serde_json::Value) -> Vec<(String, String)> {
    let mut seen: Vec<(String, String)> = report["tasks"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            (
                t["group"].as_str().unwrap_or("-").to_string(),
                t["task"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    seen.dedup();
    seen
}

#[test]
fn a_group_column_the_sheet_does_not_name_can_be_given() {
    let env = TestEnv::new();
    let list =
        "Name,Task,Lane\nAna,Write the roadmap,Planning\nAna,Run the beta,\nBo,Ship it,Launch\n";
    let plain = audit_csv(&env, list, &[]);
    assert!(task_groups(&plain).iter().all(|(g, _)| g == "-"));
    let grouped = audit_csv(&env, list, &["--group-column", "Lane"]);
    assert_eq!(
        task_groups(&grouped),
        pairs(&[
            ("Planning", "Write the roadmap"),
            ("Planning", "Run the beta"),
            ("Launch", "Ship it"),
        ])
    );
    let matrix = "Stream,Task,Ana,Bo\nPlanning,Write the roadmap,A,R\n,Run the beta,R,A\nLaunch,Ship it,A,R\n";
    let plain = audit_csv(&env, matrix, &[]);
    assert!(task_groups(&plain).iter().all(|(g, _)| g == "-"));
    let grouped = audit_csv(&env, matrix, &["--group-column", "A"]);
    assert_eq!(grouped["input"]["sheets"][0]["layout"], "matrix");
    assert_eq!(
        task_groups(&grouped)
            .into_iter()
            .map(|(g, _)| g)
            .collect::<Vec<_>>(),
        ["Planning", "Planning", "Launch"]
    );
}

#[test]
fn letter_column_sheets_take_column_overrides() {
    let env = TestEnv::new();
    let sheet = "Phase,Step,Notes,Responsible,Accountable,Consulted\n\
                 Build,Write the spec,draft first,Ana,Bo,Cy\n\
                 ,Review the spec,with legal,Bo,Ana,Cy\n\
                 Ship,Announce it,blog,Cy,Ana,Bo\n";
    let guessed = audit_csv(&env, sheet, &[]);
    assert_eq!(guessed["input"]["sheets"][0]["layout"], "letter-columns");
    assert!(tasks(&guessed).iter().any(|(_, t)| t == "draft first"));
    let named = audit_csv(&env, sheet, &["--task-column", "Step"]);
    let texts: Vec<String> = task_groups(&named).into_iter().map(|(_, t)| t).collect();
    assert!(texts.contains(&"Write the spec".to_string()), "{texts:?}");
    assert!(!texts.contains(&"draft first".to_string()), "{texts:?}");
    let groups: Vec<String> = task_groups(&named).into_iter().map(|(g, _)| g).collect();
    assert!(
        groups.iter().all(|g| g == "Build" || g == "Ship"),
        "{groups:?}"
    );
    assert!(column_roles(&named).contains(&("task".to_string(), "B".to_string())));
}

#[test]
fn long_form_sheets_take_column_overrides() {
    let env = TestEnv::new();
    let sheet = "Task,Team,Owner,RACI\n\
                 Write the spec,Product,Ana,R\n\
                 Write the spec,Product,Bo,A\n\
                 Ship it,Platform,Cy,R\n\
                 Ship it,Platform,Ana,A\n";
    let named = audit_csv(&env, sheet, &["--person-column", "Owner"]);
    assert_eq!(named["input"]["sheets"][0]["layout"], "long-form");
    let parties: Vec<&str> = named["input"]["sheets"][0]["parties"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(parties, ["Ana", "Bo", "Cy"]);
    let other = audit_csv(&env, sheet, &["--person-column", "Team"]);
    let parties: Vec<&str> = other["input"]["sheets"][0]["parties"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(parties, ["Product", "Platform"]);
}

/// A list's owner cell naming two people gives the task to each; a name with `&` or `/` in
/// it that is no pair of names stays one party.
#[test]
fn a_cell_naming_two_people_gives_the_task_to_each() {
    let env = TestEnv::new();
    let report = audit_csv(
        &env,
        "Owner,Task\nGilly & Alex,Write the launch plan\nDeanna / Peta,Run sprint planning\nAna y Bruno,Own the roadmap\nR&D,Build the prototype\n",
        &[],
    );
    let mut got: Vec<(String, String, u64)> = crate::util::people_and_tasks(&report);
    got.sort();
    let want: Vec<(String, String, u64)> = [
        ("Alex", "Write the launch plan", 2),
        ("Ana", "Own the roadmap", 4),
        ("Bruno", "Own the roadmap", 4),
        ("Deanna", "Run sprint planning", 3),
        ("Gilly", "Write the launch plan", 2),
        ("Peta", "Run sprint planning", 3),
        ("R&D", "Build the prototype", 5),
    ]
    .into_iter()
    .map(|(p, t, r)| (p.to_string(), t.to_string(), r))
    .collect();
    assert_eq!(got, want);
}

/// A sheet that reads nearly as well turned over is reported with a warning; with
/// `--strict-reading` the run stops with exit 2, names the sheet and its doubt, and writes
/// nothing. Named, the layout is no longer in doubt and the strict run goes through.
#[test]
fn strict_reading_stops_on_a_reading_in_doubt() {
    let env = TestEnv::new();
    env.write(
        "square.csv",
        "Item,North,South,East\nWest,R,A,C\nCentre,A,R,I\nOuter,C,I,R\n",
    );
    let warned = env.run(["audit", "square.csv", "--format", "json"]);
    warned.success();
    assert!(
        warned.stderr.contains("nearly as well"),
        "{}",
        warned.stderr
    );

    let out = env.path("out.json");
    let strict = env.run([
        "audit".as_ref(),
        "square.csv".as_ref(),
        "--strict-reading".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    strict.fails_with("square.csv: read with doubts (confidence 0.57): read with tasks down");
    assert!(strict.stderr.contains("--strict-reading stops here"));
    assert_eq!(strict.stderr.lines().count(), 1, "{}", strict.stderr);
    assert!(!out.exists(), "a stopped run wrote its report");

    let named = env.run([
        "audit",
        "square.csv",
        "--strict-reading",
        "--layout",
        "matrix",
        "--format",
        "json",
    ]);
    named.success();
}

/// A list whose headers no header word names ("Wat", "Wie": Dutch for what and who): the
/// learned column reader reads the task and the person from what the cells hold, and says
/// so as a doubt, naming the flags that settle it; `--strict-reading` stops on it.
#[test]
fn columns_no_header_word_names_are_read_by_what_they_hold_and_said_in_doubt() {
    let env = TestEnv::new();
    let tasks = [
        "Write the launch plan for the spring release",
        "Review the budget with finance",
        "Run the weekly status meeting",
        "Interview five customers about onboarding",
        "Prepare the board update",
        "Write release notes for version 2",
        "Plan the next quarter's roadmap",
        "Track risks and dependencies across teams",
        "Define the success metrics for search",
        "Coordinate the security review",
    ];
    let people = ["Anna de Vries", "Bram Jansen", "Carla Smit"];
    let mut sheet = String::from("Nr,Wat,Wie,Klaar\n");
    for (i, task) in tasks.iter().enumerate() {
        let done = if i % 2 == 1 { "ja" } else { "nee" };
        sheet.push_str(&format!("{},{task},{},{done}\n", i + 1, people[i % 3]));
    }
    env.write("wat.csv", &sheet);
    let run = env.run(["audit", "wat.csv", "--format", "json"]);
    run.success();
    assert!(
        run.stderr.contains("chosen by what their cells hold")
            && run.stderr.contains("--task-column and --person-column"),
        "{}",
        run.stderr
    );
    let report = json(&run.stdout);
    let decided: Vec<(String, String, String)> = report["input"]["sheets"][0]["columns"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            let text = |key: &str| c[key].as_str().unwrap_or("").to_string();
            (text("role"), text("column"), text("decided"))
        })
        .collect();
    let learned = |role: &str, column: &str| (role.into(), column.into(), "learned".into());
    assert_eq!(decided, vec![learned("task", "B"), learned("person", "C")]);
    let sheet = &report["input"]["sheets"][0];
    assert_eq!(sheet["reading"]["in_doubt"], true, "{}", sheet["reading"]);
    assert_eq!(sheet["reading"]["doubts"][0]["kind"], "learned-columns");
    assert_eq!(report["tasks"].as_array().map(Vec::len), Some(tasks.len()));

    let strict = env.run(["audit", "wat.csv", "--strict-reading", "--format", "json"]);
    strict.fails_with("wat.csv: read with doubts");
}

/// A sheet of figures with no who-does-what in it stays refused: the column reader is
/// asked only for a task and a person it is sure of.
#[test]
fn a_sheet_of_figures_is_still_refused() {
    let env = TestEnv::new();
    let mut sheet = String::from("Week,Visits,Signups,Revenue\n");
    for week in 1..=12 {
        sheet.push_str(&format!(
            "{week},{},{},{}\n",
            week * 130,
            week * 7,
            week * 1100
        ));
    }
    env.write("figures.csv", &sheet);
    env.run(["audit", "figures.csv"]).fails_with("figures.csv");
}
