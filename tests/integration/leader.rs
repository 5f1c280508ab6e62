//! What a leader acts on (issue 17): the roles audited for gaps, rolecall.toml, the rubrics
//! export, advice on every finding, headline figures that count exactly their labels, and
//! `--fail-on` saying what failed.

use std::collections::BTreeSet;

use rolecall::report::{tiles, uncarried, Tile, NOT_JUDGED};
use rolecall::{AuditReport, Cli, FindingKind, Isolation, Settings};

use crate::util::{generated_org, json, repo_root, sample, TestEnv};

/// The samples every check here runs on: lists with and without titles, and a chart.
const SAMPLES: [&str; 4] = [
    "startup-five.csv",
    "northwind-product-org.xlsx",
    "launch-raci.xlsx",
    "gaps-team.csv",
];

const ALL_ROLES: &str = "product-manager,program-manager,technical-program-manager";

fn audit_json(env: &TestEnv, input: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["audit", input, "--format", "json"];
    args.extend_from_slice(extra);
    json(&env.run(args).success().stdout)
}

fn ids(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| f["id"].as_str().unwrap_or("").to_string())
        .collect()
}

fn startup() -> String {
    sample("startup-five.csv").display().to_string()
}

#[test]
fn a_startup_without_program_titles_gets_context_not_a_list_of_gaps() {
    let env = TestEnv::new();
    let report = audit_json(&env, &startup(), &[]);
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    // Nobody there is titled for any of the three roles: no gap of theirs is reported,
    // high or otherwise, and each role is said once, as context, with who does its work.
    assert!(
        !findings.iter().any(|f| {
            let kind = f["kind"].as_str().unwrap_or("");
            kind == "gap" || kind == "role-gap"
        }),
        "{:?}",
        ids(&report)
    );
    let unstaffed: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["kind"] == "unstaffed-role")
        .collect();
    // Product Manager is not among them: the Head of Growth, a title rolecall does not know,
    // does mostly product work, so the role may be held; that is said once, with the fix.
    assert_eq!(unstaffed.len(), 2, "{:?}", ids(&report));
    assert!(!unstaffed
        .iter()
        .any(|f| f["id"] == "unstaffed-role:product-manager"));
    let unrecognised = findings
        .iter()
        .find(|f| f["kind"] == "unrecognised-title")
        .unwrap_or_else(|| panic!("{:?}", ids(&report)));
    let advice = unrecognised["advice"].as_str().unwrap_or("");
    assert!(
        advice.contains(r#""Head of Growth" = "product-manager""#),
        "{advice}"
    );
    let program = unstaffed
        .iter()
        .find(|f| f["id"] == "unstaffed-role:program-manager")
        .unwrap_or_else(|| panic!("{:?}", ids(&report)));
    let message = program["message"].as_str().unwrap_or("");
    assert!(
        message.starts_with("No one is titled Program Manager; "),
        "{message}"
    );
    assert!(message.contains("Maya Lindqvist"), "{message}");
    assert_eq!(program["severity"], "info");
    assert_eq!(report["scope"]["chosen_by"], "titles");
    assert_eq!(report["scope"]["audited_roles"], serde_json::json!([]));
}

/// The startup's findings with every role audited, as scoping gave them before (the report
/// of 2026-12-02), since weak matches make no finding alone and "Head of Growth" is a title
/// rolecall does not know, said once as such (issue 33).
const STARTUP_FINDINGS_ALL_ROLES: [&str; 36] = [
    "overlap:pm-customer-research",
    "overlap:pm-roadmap",
    "gap:pgm-cross-project",
    "gap:pgm-objectives-alignment",
    "gap:pgm-risk",
    "gap:pm-strategy-vision",
    "gap:tpm-cross-team-alignment",
    "gap:tpm-engineering-comms",
    "gap:tpm-milestone-tracking",
    "gap:tpm-technical-risk",
    "gap:pgm-stakeholder-comms",
    "gap:pm-cross-functional",
    "gap:pm-performance",
    "drift:maya-lindqvist",
    "drift:tomás-ferreira",
    "single-point-of-failure:pgm-resources-budget",
    "single-point-of-failure:pm-requirements",
    "single-point-of-failure:tpm-delivery-schedule",
    "single-point-of-failure:tpm-dependencies",
    "gap:pgm-change-management",
    "gap:pgm-governance",
    "gap:pgm-leadership",
    "gap:pgm-reporting-tracking",
    "gap:pm-launch-gtm",
    "gap:pm-lifecycle-tools",
    "gap:pm-risk-tradeoffs",
    "gap:pm-stakeholder-comms",
    "gap:tpm-architecture",
    "gap:tpm-infrastructure",
    "gap:tpm-process-optimisation",
    "gap:tpm-quality-metrics",
    "unrecognised-title",
    "weak-match:jordan-reyes",
    "weak-match:maya-lindqvist",
    "weak-match:tomás-ferreira",
    "other-work:team",
];

#[test]
fn naming_every_role_audits_the_startup_as_before() {
    let env = TestEnv::new();
    for roles in [ALL_ROLES, "pm,pgm,tpm", "Product Manager,PgM,TPM"] {
        let report = audit_json(&env, &startup(), &["--roles", roles]);
        assert_eq!(ids(&report), STARTUP_FINDINGS_ALL_ROLES, "--roles {roles}");
        assert_eq!(report["scope"]["chosen_by"], "listed");
    }
    let run = env.run(["audit", &startup(), "--roles", "pm,designer"]);
    run.fails_with("--roles: no role is called \"designer\"; the roles are product-manager");
}

#[test]
fn rolecall_toml_in_the_working_folder_maps_titles_excludes_people_and_sets_thresholds() {
    let env = TestEnv::new();
    env.write(
        "rolecall.toml",
        "[titles]\n\"Head of Growth\" = \"pm\"\n\n[exclude]\npeople = [\"sam okonkwo\"]\n",
    );
    let report = audit_json(&env, &startup(), &[]);
    let people: Vec<&str> = report["people"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| p["name"].as_str().unwrap_or(""))
        .collect();
    assert!(!people.contains(&"Sam Okonkwo"), "{people:?}");
    assert_eq!(report["summary"]["people"], 4);
    assert_eq!(report["scope"]["excluded_people"], 1);
    let jordan = report["people"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == "Jordan Reyes")
        .cloned()
        .unwrap_or_default();
    assert_eq!(jordan["title_role"], "product-manager");
    // Jordan now holds Product Manager, so its gaps are audited; the others are context.
    assert_eq!(
        report["scope"]["audited_roles"],
        serde_json::json!(["product-manager"])
    );
    let found = ids(&report);
    assert!(
        found.contains(&"gap:pm-strategy-vision".to_string()),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|id| id.starts_with("gap:pgm-")),
        "{found:?}"
    );
    // Roles named in the file are audited whoever holds them; the flag wins over the file.
    env.write(
        "rolecall.toml",
        "[audit]\nroles = [\"tpm\"]\nsimilar-work = 0.9\n",
    );
    let filed = audit_json(&env, &startup(), &[]);
    assert_eq!(
        filed["scope"]["audited_roles"],
        serde_json::json!(["technical-program-manager"])
    );
    assert!(ids(&filed).contains(&"gap:tpm-architecture".to_string()));
    let flagged = audit_json(&env, &startup(), &["--roles", "pgm"]);
    assert_eq!(
        flagged["scope"]["audited_roles"],
        serde_json::json!(["program-manager"])
    );
    // --no-config reads the sheet as it is.
    let plain = audit_json(&env, &startup(), &["--no-config"]);
    assert_eq!(plain["summary"]["people"], 5);
}

#[test]
fn a_bad_config_file_is_one_line_naming_the_file_and_line() {
    let env = TestEnv::new();
    env.write(
        "rolecall.toml",
        "[audit]\nroles = [\"pm\"]\ndrift-shar = 0.6\n",
    );
    env.run(["audit", &startup()])
        .fails_with("rolecall.toml: line 3: unknown field `drift-shar`");
    env.write(
        "other.toml",
        "[titles]\n\"Head of Growth\" = \"growth hacker\"\n",
    );
    env.run(["audit", &startup(), "--config", "other.toml"])
        .fails_with("other.toml: title \"Head of Growth\": no role is called \"growth hacker\"");
    // A threshold out of range is the file's mistake, named by its line, never the flag's.
    env.write("other.toml", "[audit]\ndrift-share = 3\n");
    env.run(["audit", &startup(), "--config", "other.toml"])
        .fails_with("other.toml: line 2: a share must lie between 0 and 1, not 3");
    env.write(
        "other.toml",
        "[report]\nformat = \"md\"\n\n[matching]\nmin-score = nan\n",
    );
    let run = env.run(["audit", &startup(), "--config", "other.toml"]);
    run.fails_with("other.toml: line 5: a share must lie between 0 and 1, not NaN");
    assert!(!run.stderr.contains("--min-score"), "{}", run.stderr);
}

#[test]
fn the_built_in_rubrics_export_as_the_files_they_are_built_from() {
    let env = TestEnv::new();
    let out = env
        .run(["rubrics", "export", "mine"])
        .success()
        .stdout
        .clone();
    assert!(out.starts_with("wrote 16 files to mine"), "{out}");
    for (name, text) in rolecall::rubric::BUILT_IN
        .iter()
        .chain(rolecall::rubric::BUILT_IN_TRAINING)
    {
        let exported = name.replacen("rubrics/", "mine/", 1);
        let written = std::fs::read_to_string(env.path(&exported))
            .unwrap_or_else(|e| panic!("{exported}: {e}"));
        assert_eq!(&written, text, "{exported}");
        let shipped = std::fs::read_to_string(repo_root().join(name)).unwrap_or_default();
        assert_eq!(written, shipped, "{name}");
    }
    // The folder reads back as rubrics with the same roles and responsibilities.
    let listed = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["rubrics"];
        args.extend_from_slice(extra);
        env.run(args)
            .success()
            .stdout
            .lines()
            .filter(|l| l.trim_start().starts_with("- "))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(listed(&["--rubric", "mine"]), listed(&[]));
    env.run(["rubrics", "export", "mine"])
        .fails_with("already exists; export into an empty folder, or pass --force");
    env.run(["rubrics", "export", "mine", "--force"]).success();
}

/// Every kind of finding, from the samples and a few sheets made to show the rest.
fn every_kind_of_finding(env: &TestEnv) -> Vec<serde_json::Value> {
    let mut reports = Vec::new();
    for name in SAMPLES {
        let input = sample(name).display().to_string();
        reports.push(audit_json(env, &input, &[]));
        reports.push(audit_json(env, &input, &["--roles", ALL_ROLES]));
    }
    let org = generated_org(env, 120, 5);
    reports.push(audit_json(env, &org.display().to_string(), &[]));
    env.write("spanish.csv", crate::detection::SPANISH_LIST);
    reports.push(audit_json(env, "spanish.csv", &[]));
    env.write(
        "chart.csv",
        "Task,Ana (Product Manager),Bo (Program Manager),Cy (Engineer),Di (Sponsor)\n\
         Prioritise the product roadmap for Q3,A,C,R,\n\
         Prioritise the roadmap features for the beta,C,A,R,\n",
    );
    // A chart's accountability overlaps are judged when it is the roles' whole work.
    reports.push(audit_json(env, "chart.csv", &["--roles", ALL_ROLES]));
    // A tracker export's issues nobody is assigned to.
    env.write("jira.csv", crate::trackers::JIRA);
    reports.push(audit_json(env, "jira.csv", &[]));
    reports
        .iter()
        .flat_map(|r| r["findings"].as_array().cloned().unwrap_or_default())
        .collect()
}

#[test]
fn every_finding_kind_carries_advice() {
    let env = TestEnv::new();
    let findings = every_kind_of_finding(&env);
    let kinds: BTreeSet<String> = findings
        .iter()
        .map(|f| f["kind"].as_str().unwrap_or("").to_string())
        .collect();
    let all: BTreeSet<String> = FindingKind::ALL
        .iter()
        .map(|k| k.name().to_string())
        .collect();
    assert_eq!(
        kinds,
        all,
        "kinds not shown by the sheets: {:?}",
        all.difference(&kinds)
    );
    for finding in &findings {
        let advice = finding["advice"].as_str().unwrap_or("");
        let message = finding["message"].as_str().unwrap_or("");
        assert!(
            advice.len() > 20 && advice.ends_with('.') && advice != message,
            "{} has no advice of its own: {advice:?}",
            finding["id"]
        );
        // Advice is a suggestion in the finding's own terms, not one sentence for all.
        assert!(!message.contains(advice), "{}", finding["id"]);
    }
    // Advice names people from what the audit knows: a backup for a single point of
    // failure, an owner for an overlap.
    let advice_of = |id: &str| {
        findings
            .iter()
            .find(|f| f["id"] == id)
            .and_then(|f| f["advice"].as_str())
            .unwrap_or_else(|| panic!("no finding {id}"))
            .to_string()
    };
    assert_eq!(
        advice_of("single-point-of-failure:pm-requirements"),
        "Consider Maya Lindqvist (CEO & Co-founder), who does related Product Manager work, as a backup: pair them on it and write down how it is done."
    );
}

/// The audit of a command line, through the library, to hold its tiles to their meaning.
fn report_of(args: &[&str]) -> AuditReport {
    let mut argv = vec!["rolecall", "audit"];
    argv.extend_from_slice(args);
    argv.push("--no-config");
    let cli = <Cli as clap::Parser>::try_parse_from(argv).unwrap_or_else(|e| panic!("{e}"));
    let Settings::Audit(options) =
        Settings::from_cli(cli, &Isolation::InProcess).unwrap_or_else(|e| panic!("{e}"))
    else {
        panic!("not an audit");
    };
    rolecall::audit_report(&options).unwrap_or_else(|e| panic!("{e}"))
}

fn tile<'t>(tiles: &'t [Tile], label_start: &str) -> &'t str {
    tiles
        .iter()
        .find(|t| t.label.starts_with(label_start))
        .map(|t| t.value.as_str())
        .unwrap_or_else(|| panic!("no tile {label_start:?} in {tiles:?}"))
}

/// Each tile against its definition, computed here from the report's records.
fn assert_tiles_mean_their_labels(report: &AuditReport) {
    use rolecall::text::thousands;
    let tiles = tiles(report);
    let count = |kind: FindingKind| report.findings.iter().filter(|f| f.kind == kind).count();
    let people: BTreeSet<&str> = report.tasks.iter().map(|t| &*t.person).collect();
    assert_eq!(tile(&tiles, "people"), thousands(people.len()));
    let lines: BTreeSet<(Option<&str>, Option<&str>, &str, u32)> = report
        .tasks
        .iter()
        .map(|t| match t.raci {
            Some(_) => (t.sheet.as_deref(), t.group.as_deref(), &*t.task, 0),
            None => (t.sheet.as_deref(), None, &*t.task, t.row * 1000 + t.column),
        })
        .collect();
    // A chart row nobody is marked on has no assignment, and a finding of its own.
    let unmarked = count(FindingKind::RaciUnassigned);
    assert_eq!(tile(&tiles, "tasks"), thousands(lines.len() + unmarked));
    let carried = report
        .coverage
        .iter()
        .filter(|c| !c.people.is_empty())
        .count();
    assert_eq!(
        tile(&tiles, "responsibilities carried"),
        format!(
            "{} of {}",
            thousands(carried),
            thousands(report.coverage.len())
        )
    );
    let outside = report
        .tasks
        .iter()
        .filter(|t| t.other_work().is_some())
        .map(|t| {
            (
                t.sheet.as_deref(),
                t.group.as_deref(),
                &*t.task,
                t.row,
                t.column,
            )
        })
        .collect::<BTreeSet<_>>()
        .len();
    if report.summary.chart_marks == 0 {
        assert_eq!(
            tile(&tiles, "tasks of other jobs"),
            thousands(outside),
            "{:?}",
            report.summary.other_work
        );
    }
    // Overlaps and single points rest on confident matches only.
    let settings = &report.run.settings;
    let sure_carriers = |c: &rolecall::audit::Coverage| -> BTreeSet<&str> {
        report
            .tasks
            .iter()
            .filter(|t| {
                t.verdict.responsibility.as_deref() == Some(&*c.responsibility)
                    && t.is_sure(settings.confidence)
                    && t.carries_work()
            })
            .map(|t| &*t.person)
            .collect()
    };
    // Gaps too: nobody carries it on a confident match.
    let uncarried_in_scope = report
        .coverage
        .iter()
        .filter(|c| sure_carriers(c).is_empty() && report.scope.audited_roles.contains(&c.role))
        .count();
    assert_eq!(uncarried(report), uncarried_in_scope);
    assert_eq!(
        tile(
            &tiles,
            "responsibilities of the audited roles nobody carries"
        ),
        thousands(uncarried_in_scope)
    );
    // A chart alone is a project: who owns what there is the RACI rules' to judge, unless
    // --roles makes it the roles' whole work.
    let project = report.summary.assignments > 0
        && report.summary.chart_marks == report.summary.assignments
        && report.scope.chosen_by == "titles";
    // ... and its tiles of ownership and people's jobs say so, not zero.
    let judged = |n: usize| {
        if project {
            NOT_JUDGED.to_string()
        } else {
            thousands(n)
        }
    };
    let single = report
        .coverage
        .iter()
        .filter(|c| c.core && c.people.len() == 1 && sure_carriers(c).len() == 1)
        .count();
    assert_eq!(
        tile(&tiles, "core responsibilities only one"),
        judged(single)
    );
    if report.summary.chart_marks == 0 {
        // On a list every responsibility two to max-owners people carry is an overlap.
        let several = report
            .coverage
            .iter()
            .filter(|c| (2..=settings.max_owners).contains(&sure_carriers(c).len()))
            .count();
        assert_eq!(
            tile(&tiles, "responsibilities carried by several"),
            thousands(several)
        );
    } else {
        let raci = report.findings.iter().filter(|f| f.kind.is_raci()).count();
        assert_eq!(tile(&tiles, "RACI rule breaks"), thousands(raci));
    }
    // Everyone a missing-core finding names is titled for a role and carries none of its
    // core; the tile counts them.
    let named: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::MissingCore)
        .flat_map(|f| f.people.iter().map(|p| &**p))
        .collect();
    for name in &named {
        let person = report.people.iter().find(|p| &*p.name == *name);
        let role = person.and_then(|p| p.title_role.as_deref());
        assert!(role.is_some(), "{name} has no role");
        assert!(
            !report.coverage.iter().any(|c| c.core
                && Some(&*c.role) == role
                && person
                    .is_some_and(|p| p.responsibilities.iter().any(|r| **r == *c.responsibility))),
            "{name} carries core work"
        );
    }
    assert_eq!(
        tile(&tiles, "people carrying none of their title's core work"),
        judged(named.len())
    );
    assert_eq!(
        tile(&tiles, "people whose work drifts"),
        judged(count(FindingKind::Drift))
    );
    assert_eq!(
        tile(&tiles, "pairs of teammates"),
        judged(count(FindingKind::SimilarWork))
    );
    let hours: f64 = report.tasks.iter().filter_map(|t| t.effort).sum();
    if report.tasks.iter().any(|t| t.effort.is_some()) {
        assert_eq!(
            tile(&tiles, "of effort a week"),
            format!("{} h", rolecall::text::decimal(hours, 0))
        );
    } else {
        assert!(!tiles.iter().any(|t| t.label.starts_with("of effort")));
    }
}

#[test]
fn every_tile_counts_exactly_its_label() {
    let env = TestEnv::new();
    for name in SAMPLES {
        let input = sample(name).display().to_string();
        assert_tiles_mean_their_labels(&report_of(&[&input]));
        assert_tiles_mean_their_labels(&report_of(&[&input, "--roles", ALL_ROLES]));
    }
    for people in [13, 366, 18_000] {
        let org = generated_org(&env, people, 5);
        assert_tiles_mean_their_labels(&report_of(&[&org.display().to_string()]));
    }
}

#[test]
fn fail_on_says_in_one_line_which_kinds_failed() {
    let env = TestEnv::new();
    let run = env.run([
        "audit",
        &startup(),
        "--fail-on",
        "gap",
        "--fail-on",
        "drift",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "rolecall: --fail-on: found 2 drift\n");
    let run = env.run(["audit", &startup(), "--fail-on", "gap"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, "");
}

/// The tasks a finding lists are tasks of someone it names: an overlap's or a single
/// point's are those credited to its responsibility (an ambiguous task of someone else once
/// slipped into an overlap), a drift's or a review list's the person's own.
#[test]
fn a_finding_lists_only_tasks_of_the_people_it_names() {
    let env = TestEnv::new();
    let mut inputs: Vec<String> = [
        "northwind-product-org.xlsx",
        "northwind-product-org.csv",
        "launch-raci.xlsx",
        "startup-five.csv",
    ]
    .iter()
    .map(|name| sample(name).display().to_string())
    .collect();
    inputs.push(generated_org(&env, 366, 5).display().to_string());
    for input in inputs {
        let report = audit_json(&env, &input, &["--roles", ALL_ROLES]);
        let owner: std::collections::HashMap<&str, &str> = report["tasks"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|t| {
                (
                    t["id"].as_str().unwrap_or(""),
                    t["person"].as_str().unwrap_or(""),
                )
            })
            .collect();
        let mut checked = 0;
        for finding in report["findings"].as_array().into_iter().flatten() {
            // A chart's rules name the parties of a row, not every party it lists.
            if finding["kind"].as_str().unwrap_or("").starts_with("raci-") {
                continue;
            }
            let people: Vec<&str> = finding["people"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| p.as_str())
                .collect();
            for task in finding["tasks"].as_array().into_iter().flatten() {
                let person = owner[task.as_str().unwrap_or("")];
                assert!(
                    people.contains(&person),
                    "{input}: {} lists {task} of {person}",
                    finding["id"]
                );
                checked += 1;
            }
        }
        assert!(checked > 0, "{input}: no task checked");
    }
}
