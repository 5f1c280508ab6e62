//! Output formats: the JSON schema, the four CSV tables, Markdown, determinism, --fail-on.

use crate::util::{finding_tasks, json, sample, TestEnv};

fn org() -> String {
    sample("northwind-product-org.csv").display().to_string()
}

#[test]
fn json_has_the_documented_shape() {
    let env = TestEnv::new();
    let run = env.run(["audit", &org(), "--format", "json"]);
    run.success();
    let report = json(&run.stdout);
    for key in [
        "schema_version",
        "run",
        "input",
        "scope",
        "rubrics",
        "verdicts",
        "tasks",
        "coverage",
        "findings",
        "people",
        "rollup",
        "summary",
    ] {
        assert!(report.get(key).is_some(), "missing {key}");
    }
    assert_eq!(report["schema_version"], 5);
    for key in [
        "tool",
        "version",
        "generated_at",
        "input",
        "rubrics",
        "settings",
    ] {
        assert!(report["run"].get(key).is_some(), "run.{key}");
    }
    for key in ["audited_roles", "chosen_by", "excluded_people"] {
        assert!(report["scope"].get(key).is_some(), "scope.{key}");
    }
    for key in ["by_title", "by_team", "outside_title"] {
        assert!(report["rollup"].get(key).is_some(), "rollup.{key}");
    }
    for key in [
        "people",
        "tasks",
        "assignments",
        "chart_marks",
        "matched",
        "ambiguous",
        "unmatched",
        "unassigned",
        "effort_hours",
    ] {
        assert!(report["summary"].get(key).is_some(), "summary.{key}");
    }
    for key in ["file", "sheets", "sheets_skipped"] {
        assert!(report["input"].get(key).is_some(), "input.{key}");
    }
    let sheet = &report["input"]["sheets"][0];
    for key in [
        "sheet",
        "layout",
        "layout_reason",
        "reading",
        "header",
        "columns",
        "parties",
        "scheme",
        "marks",
        "merged",
        "lines_read",
        "skipped",
        "warnings",
    ] {
        assert!(sheet.get(key).is_some(), "input.sheets[0].{key}");
    }
    let verdicts = report["verdicts"].as_array().cloned().unwrap_or_default();
    let by_id: std::collections::HashMap<&str, &serde_json::Value> = verdicts
        .iter()
        .map(|v| (v["id"].as_str().unwrap_or(""), v))
        .collect();
    assert_eq!(by_id.len(), verdicts.len(), "verdict ids are distinct");
    let tasks = report["tasks"].as_array().cloned().unwrap_or_default();
    assert!(tasks.len() > 40);
    let mut texts = std::collections::HashMap::new();
    for task in &tasks {
        for key in [
            "id", "sheet", "row", "person", "title", "task", "raci", "group", "verdict",
        ] {
            assert!(task.get(key).is_some(), "task.{key} in {task}");
        }
        // The verdict is the text's, listed once: the task names it.
        assert!(
            task.get("status").is_none() && task.get("roles").is_none(),
            "{task}"
        );
        let verdict = by_id
            .get(task["verdict"].as_str().unwrap_or(""))
            .unwrap_or_else(|| panic!("no verdict for {task}"));
        assert_eq!(task["task"], verdict["text"], "{task}");
        let first = texts
            .entry(task["task"].to_string())
            .or_insert(task["verdict"].clone());
        assert_eq!(*first, task["verdict"], "one verdict per text: {task}");
    }
    assert_eq!(texts.len(), verdicts.len(), "every verdict is some task's");
    for verdict in &verdicts {
        for key in [
            "id",
            "text",
            "status",
            "role",
            "responsibility",
            "score",
            "evidence",
            "roles",
            "matches",
            "other_work",
        ] {
            assert!(verdict.get(key).is_some(), "verdict.{key} in {verdict}");
        }
        let status = verdict["status"].as_str().unwrap_or("");
        assert!(["matched", "ambiguous", "unmatched"].contains(&status));
        assert_eq!(
            verdict["role"].is_null(),
            status == "unmatched",
            "{verdict}"
        );
        let score = verdict["score"].as_f64().unwrap_or(-1.0);
        assert!((0.0..=1.0).contains(&score));
        let roles = verdict["roles"].as_object().cloned().unwrap_or_default();
        if verdict["status"] != "unmatched" {
            // (A map read back without its order: the likeliest is the largest.)
            let (best, score) = roles
                .iter()
                .max_by(|a, b| {
                    a.1.as_f64()
                        .partial_cmp(&b.1.as_f64())
                        .unwrap_or(std::cmp::Ordering::Equal)
                })
                .unwrap_or_else(|| panic!("{verdict}"));
            assert_eq!(verdict["role"], best.as_str(), "{verdict}");
            assert_eq!(verdict["score"], *score, "{verdict}");
        }
        let total: f64 = roles.values().filter_map(serde_json::Value::as_f64).sum();
        assert!(total <= 1.01, "{verdict}");
        assert!(
            !verdict["matches"].as_object().is_none_or(|m| m.is_empty()),
            "{verdict}"
        );
        // By default: the verdict's own words, at most three for and two against, and no
        // words per role or responsibility.
        let evidence = verdict["evidence"].as_array().cloned().unwrap_or_default();
        let weights: Vec<f64> = evidence
            .iter()
            .map(|pair| {
                assert!(pair[0].is_string() && pair[1].is_number(), "{verdict}");
                pair[1].as_f64().unwrap_or(0.0)
            })
            .collect();
        assert!(
            weights.iter().filter(|w| **w > 0.0).count() <= 3,
            "{verdict}"
        );
        assert!(
            weights.iter().filter(|w| **w < 0.0).count() <= 2,
            "{verdict}"
        );
        if verdict["status"] == "matched" {
            assert!(!evidence.is_empty(), "a match rests on words: {verdict}");
        }
        assert!(verdict.get("role_evidence").is_none(), "{verdict}");
    }
    for finding in report["findings"].as_array().into_iter().flatten() {
        for key in [
            "id",
            "kind",
            "severity",
            "people",
            "responsibilities",
            "message",
            "advice",
        ] {
            assert!(finding.get(key).is_some(), "finding.{key}");
        }
    }
}

#[test]
fn evidence_full_keeps_every_word_of_every_role_and_responsibility() {
    let env = TestEnv::new();
    let top = env.run(["audit", &org(), "--format", "json"]);
    let full = env.run(["audit", &org(), "--format", "json", "--evidence", "full"]);
    let (top_report, full_report) = (json(&top.success().stdout), json(&full.success().stdout));
    assert_eq!(full_report["run"]["settings"]["evidence"], "full");
    assert_eq!(top_report["run"]["settings"]["evidence"], "top");
    assert!(
        full.stdout.len() > top.stdout.len() * 5 / 4,
        "{} {}",
        full.stdout.len(),
        top.stdout.len()
    );
    let (top_verdicts, full_verdicts) = (
        top_report["verdicts"]
            .as_array()
            .cloned()
            .unwrap_or_default(),
        full_report["verdicts"]
            .as_array()
            .cloned()
            .unwrap_or_default(),
    );
    assert_eq!(top_verdicts.len(), full_verdicts.len());
    let (mut longer, mut unlikely) = (0, 0);
    for (top, full) in top_verdicts.iter().zip(&full_verdicts) {
        // The same verdict; only the words kept differ.
        for key in ["id", "text", "status", "role", "responsibility", "score"] {
            assert_eq!(top[key], full[key], "{key}: {full}");
        }
        // The alternatives by default: the best, and every other at least 5% likely.
        for key in ["roles", "matches"] {
            let (kept, every) = (top[key].as_object(), full[key].as_object());
            let (Some(kept), Some(every)) = (kept, every) else {
                panic!("{key}: {top} {full}");
            };
            // The likeliest is kept (of a tie, the matcher's first).
            let most = every
                .values()
                .filter_map(|s| s.as_f64())
                .fold(0.0, f64::max);
            assert!(
                every.is_empty() || kept.values().any(|s| s.as_f64() == Some(most)),
                "{key}: {top}"
            );
            for (id, score) in every {
                let likely = score.as_f64().is_some_and(|s| s >= 0.05);
                assert!(!likely || kept.get(id) == Some(score), "{key} {id}: {top}");
            }
            assert!(kept.iter().all(|(id, s)| every.get(id) == Some(s)), "{top}");
            unlikely += every.len() - kept.len();
        }
        let roles = full["roles"].as_object().map_or(0, |r| r.len());
        let matches = full["matches"].as_object().map_or(0, |m| m.len());
        assert_eq!(
            full["role_evidence"].as_object().map(|r| r.len()),
            Some(roles),
            "{full}"
        );
        assert_eq!(
            full["match_evidence"].as_object().map(|m| m.len()),
            Some(matches),
            "{full}"
        );
        // The default keeps the heaviest words of the full list, in its order.
        let words = |v: &serde_json::Value| -> Vec<serde_json::Value> {
            v["evidence"].as_array().cloned().unwrap_or_default()
        };
        let (kept, all) = (words(top), words(full));
        assert!(kept.iter().all(|w| all.contains(w)), "{kept:?} of {all:?}");
        longer += usize::from(all.len() > kept.len());
    }
    assert!(
        longer > 0,
        "no verdict had more words than the default keeps"
    );
    assert!(
        unlikely > 0,
        "no alternative was unlikely enough to leave out"
    );
}

/// The tables a CSV folder receives, in the order a folder listing sorts them.
const CSV_TABLES: [&str; 8] = [
    "coverage.csv",
    "finding-responsibilities.csv",
    "finding-tasks.csv",
    "findings.csv",
    "people.csv",
    "rollup.csv",
    "tasks.csv",
    "verdicts.csv",
];

#[test]
fn csv_folder_receives_every_table() {
    let env = TestEnv::new();
    env.run(["audit", &org(), "--format", "csv", "-o", "out"])
        .success();
    let names = env.files_in("out");
    assert_eq!(names, CSV_TABLES);
    const BOM: &str = "\u{feff}";
    for name in &names {
        let text = std::fs::read_to_string(env.path(&format!("out/{name}"))).unwrap_or_default();
        assert!(text.starts_with(BOM), "{name}: no byte order mark");
    }
    let tasks = std::fs::read_to_string(env.path("out/tasks.csv")).unwrap_or_default();
    let header = tasks.lines().next().unwrap_or("");
    assert_eq!(
        header,
        "\u{feff}id,sheet,row,person,title,team,task,effort,raci,group,status,role,role_name,responsibility,responsibility_title,score,other_work,verdict"
    );
    let verdicts = std::fs::read_to_string(env.path("out/verdicts.csv")).unwrap_or_default();
    assert_eq!(
        verdicts.lines().next().unwrap_or(""),
        "\u{feff}verdict,text,tasks,status,role,role_name,responsibility,responsibility_title,score,evidence,roles,alternatives,other_work,other_work_score"
    );
    // Every task is counted under one verdict.
    let counted: usize = csv::Reader::from_reader(verdicts.as_bytes())
        .records()
        .filter_map(Result::ok)
        .map(|r| r[2].parse::<usize>().unwrap_or(0))
        .sum();
    assert_eq!(
        counted,
        csv::Reader::from_reader(tasks.as_bytes()).records().count()
    );
    let mut reader = csv::Reader::from_reader(tasks.as_bytes());
    assert!(reader.records().count() > 40);
    let findings = std::fs::read_to_string(env.path("out/findings.csv")).unwrap_or_default();
    assert!(findings.starts_with(
        "\u{feff}id,kind,severity,people,responsibilities,responsibility_titles,tasks,message,advice\n"
    ));
    // A finding's tasks, one per row, are the ones its own row lists.
    let json = json(
        &env.run(["audit", &org(), "--format", "json"])
            .success()
            .stdout,
    );
    let expected = finding_tasks(&json);
    let long = std::fs::read_to_string(env.path("out/finding-tasks.csv")).unwrap_or_default();
    assert!(expected > 0);
    assert_eq!(long.lines().count(), expected + 1);
}

#[test]
fn csv_on_stdout_has_no_byte_order_mark_unless_asked() {
    let env = TestEnv::new();
    let plain = env.run(["audit", &org(), "--format", "csv"]);
    assert!(plain.success().stdout.starts_with("id,"));
    let marked = env.run(["audit", &org(), "--format", "csv", "--csv-bom"]);
    assert!(marked.success().stdout.starts_with("\u{feff}id,"));
    env.run([
        "audit",
        &org(),
        "--format",
        "csv",
        "-o",
        "out",
        "--no-csv-bom",
    ])
    .success();
    let tasks = std::fs::read_to_string(env.path("out/tasks.csv")).unwrap_or_default();
    assert!(tasks.starts_with("id,"));
    env.write("rolecall.toml", "[report]\ncsv-bom = false\n");
    env.run(["audit", &org(), "--format", "csv", "-o", "cfg"])
        .success();
    let tasks = std::fs::read_to_string(env.path("cfg/tasks.csv")).unwrap_or_default();
    assert!(
        tasks.starts_with("id,"),
        "the config file's csv-bom = false"
    );
}

#[test]
fn csv_table_to_stdout() {
    let env = TestEnv::new();
    let run = env.run(["audit", &org(), "--format", "csv", "--table", "people"]);
    run.success();
    assert!(run
        .stdout
        .starts_with("name,title,team,title_role,title_role_name,tasks,"));
    assert!(run.stdout.contains("Søren Dubois"));
    let run = env.run(["audit", &org(), "--format", "csv"]);
    run.success();
    assert!(run.stdout.starts_with("id,sheet,row,person"));
}

#[test]
fn markdown_report_has_its_sections() {
    let env = TestEnv::new();
    env.run(["audit", &org(), "--format", "md", "-o", "audit.md"])
        .success();
    let md = std::fs::read_to_string(env.path("audit.md")).unwrap_or_default();
    for heading in [
        "# Role audit: ",
        "## Findings",
        "## Coverage",
        "### Product Manager",
        "## People",
        "## Tasks",
        "## Input",
    ] {
        assert!(md.contains(heading), "missing {heading}");
    }
    assert!(md.contains("| Søren Dubois |"));
}

#[test]
fn same_input_same_bytes() {
    let env = TestEnv::new();
    // The run's time is the one thing that may differ, so it is pinned.
    for format in ["json", "md", "text", "csv"] {
        let run = || {
            env.run([
                "audit",
                &org(),
                "--format",
                format,
                "--generated-at",
                "2026-01-05",
            ])
        };
        let (a, b) = (run(), run());
        a.success();
        assert_eq!(a.stdout, b.stdout, "{format} differs between runs");
    }
}

#[test]
fn fail_on_sets_exit_code_1_only_when_found() {
    let env = TestEnv::new();
    let run = env.run(["audit", &org(), "--fail-on", "drift"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("drift"), "the report is still printed");
    env.write(
        "team.csv",
        "Name,Title,Task\nAna,Product Manager,Own the product roadmap\n",
    );
    let run = env.run([
        "audit",
        "team.csv",
        "--fail-on",
        "drift",
        "--fail-on",
        "overlap",
    ]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let run = env.run(["audit", "team.csv", "--fail-on", "any"]);
    assert_eq!(run.code, 1);
}

#[test]
fn existing_report_is_replaced_whole() {
    let env = TestEnv::new();
    env.write("audit.json", "old");
    env.run(["audit", &org(), "--format", "json", "-o", "audit.json"])
        .success();
    let text = std::fs::read_to_string(env.path("audit.json")).unwrap_or_default();
    json(&text);
    assert_eq!(env.files(), ["audit.json"]);
}

#[cfg(unix)]
#[test]
fn reports_are_readable_by_others_and_keep_a_replaced_files_mode() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    let mode = |name: &str| {
        std::fs::metadata(env.path(name))
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    env.run(["audit", &org(), "--format", "md", "-o", "new.md"])
        .success();
    assert_eq!(mode("new.md"), 0o644);
    env.write("kept.md", "old");
    std::fs::set_permissions(env.path("kept.md"), std::fs::Permissions::from_mode(0o640))
        .unwrap_or_else(|e| panic!("{e}"));
    env.run(["audit", &org(), "--format", "md", "-o", "kept.md"])
        .success();
    assert_eq!(mode("kept.md"), 0o640);
}

/// The bytes of a file the test wrote.
fn bytes(env: &TestEnv, name: &str) -> Vec<u8> {
    std::fs::read(env.path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_format_from_one_run_is_what_each_run_alone_writes() {
    const DATE: &str = "2026-01-05";
    let env = TestEnv::new();
    env.run([
        "audit",
        &org(),
        "--format",
        "json,pdf,xlsx,csv,md,text",
        "-o",
        "all",
        "--generated-at",
        DATE,
    ])
    .success();
    let names = env.files_in("all");
    let reports = [
        "report.json",
        "report.md",
        "report.pdf",
        "report.txt",
        "report.xlsx",
    ];
    let mut expected: Vec<&str> = CSV_TABLES.iter().chain(&reports).copied().collect();
    expected.sort_unstable();
    assert_eq!(names, expected);
    for (format, file) in [
        ("json", "report.json"),
        ("md", "report.md"),
        ("text", "report.txt"),
    ] {
        let alone = env.run(["audit", &org(), "--format", format, "--generated-at", DATE]);
        assert_eq!(
            alone.success().stdout.as_bytes(),
            bytes(&env, &format!("all/{file}")),
            "{file}"
        );
    }
    for (format, file) in [("pdf", "alone.pdf"), ("xlsx", "alone.xlsx")] {
        env.run([
            "audit",
            &org(),
            "--format",
            format,
            "-o",
            file,
            "--generated-at",
            DATE,
        ])
        .success();
        assert_eq!(
            bytes(&env, file),
            bytes(&env, &format!("all/report.{format}")),
            "{format}"
        );
    }
    env.run(["audit", &org(), "--format", "csv", "-o", "tables"])
        .success();
    for table in names.iter().filter(|n| n.ends_with(".csv")) {
        assert_eq!(
            bytes(&env, &format!("tables/{table}")),
            bytes(&env, &format!("all/{table}")),
            "{table}"
        );
    }
}

#[test]
fn several_formats_are_written_as_one_set_or_not_at_all() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.path("out/report.pdf/in-the-way"))
        .unwrap_or_else(|e| panic!("{e}"));
    env.run(["audit", &org(), "--format", "json,pdf,csv", "-o", "out"])
        .fails_with("out/report.pdf");
    assert_eq!(
        env.files_in("out"),
        ["report.pdf"],
        "nothing else was written"
    );
    env.run(["audit", &org(), "--format", "json,md"])
        .fails_with("several formats are written into a folder: pass -o FOLDER");
    env.write("a-file", "old");
    env.run(["audit", &org(), "--format", "json,md", "-o", "a-file"])
        .fails_with("a-file: is a file; several formats need a folder to go into");
    assert_eq!(bytes(&env, "a-file"), b"old");
}

#[test]
fn the_output_file_extension_chooses_the_format() {
    let env = TestEnv::new();
    env.run(["audit", &org(), "-o", "audit.pdf"]).success();
    assert!(bytes(&env, "audit.pdf").starts_with(b"%PDF-"));
    env.run(["audit", &org(), "-o", "audit.json"]).success();
    json(&String::from_utf8_lossy(&bytes(&env, "audit.json")));
    // A file named as CSV takes one table, not a folder of them.
    env.run(["audit", &org(), "-o", "tasks.csv"]).success();
    assert!(bytes(&env, "tasks.csv").starts_with("\u{feff}id,sheet,row,".as_bytes()));
    env.run(["audit", &org(), "-o", "people.csv", "--table", "people"])
        .success();
    assert!(bytes(&env, "people.csv").starts_with("\u{feff}name,".as_bytes()));
}
