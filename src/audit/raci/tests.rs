//! The RACI rules on small charts written as rows of text.

use crate::audit::{audit, AuditSettings, Finding, FindingKind, Severity};
use crate::input::RawTable;
use crate::layout::{extract, DoubtKind, LayoutOptions, Line, SkipReason};
use crate::matching::{MatchSettings, Matcher};
use crate::rubric::Rubric;

/// The RACI findings of a chart given as rows (parties across the first row).
fn findings(rows: &[&[&str]], settings: AuditSettings) -> Vec<(FindingKind, String)> {
    raci_findings(rows, settings)
        .into_iter()
        .map(|f| (f.kind, f.id))
        .collect()
}

fn raci_findings(rows: &[&[&str]], settings: AuditSettings) -> Vec<Finding> {
    let table = RawTable::from_texts("chart.csv", rows);
    let x = extract(table.clone(), &LayoutOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let rubric = Rubric::built_in().unwrap();
    let matcher = Matcher::new(&rubric, MatchSettings::default());
    let charts: Vec<_> = x.chart.into_iter().collect();
    let notes = crate::layout::InputNotes {
        file: table.file.clone(),
        sheets: vec![x.notes],
        sheets_skipped: Vec::new(),
    };
    audit(
        &rubric,
        &matcher,
        x.assignments,
        &charts,
        notes,
        settings,
        crate::progress::Progress::Hidden,
    )
    .findings
    .into_iter()
    .filter(|f| f.kind.name().starts_with("raci-") || f.kind == FindingKind::AccountabilityOverlap)
    .collect()
}

/// The chart audited as the whole of the three roles' work (`--roles`).
fn with_roles() -> AuditSettings {
    let roles = [
        "product-manager",
        "program-manager",
        "technical-program-manager",
    ];
    AuditSettings {
        scope: crate::audit::Scope {
            roles: Some(roles.map(String::from).to_vec()),
            ..Default::default()
        },
        ..AuditSettings::default()
    }
}

fn kinds(found: &[(FindingKind, String)]) -> Vec<FindingKind> {
    found.iter().map(|(k, _)| *k).collect()
}

/// Five parties, four tasks, every rule satisfied.
const CLEAN: &[&[&str]] = &[
    &["Task", "Ana", "Bo", "Cy", "Di", "Ed"],
    &["Write the launch plan", "A", "R", "C", "I", ""],
    &["Brief the support team", "I", "A", "R", "", "C"],
    &["Draft the FAQ", "", "C", "A", "R", ""],
    &["Sign the vendor contract", "C", "", "I", "A", "R"],
];

#[test]
fn a_clean_chart_is_quiet() {
    assert_eq!(findings(CLEAN, AuditSettings::default()), vec![]);
}

/// CLEAN with one row replaced.
fn with_row(row: &'static [&'static str]) -> Vec<&'static [&'static str]> {
    let mut rows = CLEAN.to_vec();
    rows[1] = row;
    rows
}

#[test]
fn no_accountable() {
    let found = findings(
        &with_row(&["Write the launch plan", "R", "C", "", "", ""]),
        AuditSettings::default(),
    );
    assert_eq!(kinds(&found), vec![FindingKind::RaciNoAccountable]);
    assert_eq!(found[0].1, "raci-no-accountable:write-the-launch-plan");
}

#[test]
fn multiple_accountable() {
    let found = findings(
        &with_row(&["Write the launch plan", "A", "A/R", "", "", ""]),
        AuditSettings::default(),
    );
    assert_eq!(kinds(&found), vec![FindingKind::RaciMultipleAccountable]);
}

#[test]
fn no_responsible_counts_an_accountable_party_unless_strict() {
    let rows = with_row(&["Write the launch plan", "A", "C", "I", "", ""]);
    assert_eq!(findings(&rows, AuditSettings::default()), vec![]);
    let strict = AuditSettings {
        strict_raci: true,
        ..AuditSettings::default()
    };
    assert_eq!(
        kinds(&findings(&rows, strict.clone())),
        vec![FindingKind::RaciNoResponsible]
    );
    // Strict on a clean chart is still quiet: every task there has an R.
    assert_eq!(findings(CLEAN, strict), vec![]);
    let nobody = with_row(&["Write the launch plan", "C", "I", "", "", ""]);
    let found = kinds(&findings(&nobody, AuditSettings::default()));
    assert!(found.contains(&FindingKind::RaciNoResponsible), "{found:?}");
}

#[test]
fn many_responsible() {
    let found = findings(
        &with_row(&["Write the launch plan", "A", "R", "R", "R", ""]),
        AuditSettings::default(),
    );
    assert!(
        kinds(&found).contains(&FindingKind::RaciManyResponsible),
        "{found:?}"
    );
    let two = findings(
        &with_row(&["Write the launch plan", "A", "R", "R", "", ""]),
        AuditSettings::default(),
    );
    assert!(!kinds(&two).contains(&FindingKind::RaciManyResponsible));
}

#[test]
fn consultation_overload_is_more_than_half_the_parties_and_more_than_three() {
    // Three of five consulted: how a small team works.
    let three_of_five = findings(
        &with_row(&["Write the launch plan", "A", "R", "C", "C", "C"]),
        AuditSettings::default(),
    );
    assert_eq!(three_of_five, vec![]);
    let rows: &[&[&str]] = &[
        &["Task", "Ana", "Bo", "Cy", "Di", "Ed", "Fay", "Gus"],
        &["Write the launch plan", "A", "R", "C", "C", "C", "C", "I"],
        &["Brief the support team", "I", "A", "R", "C", "", "", "C"],
        &["Draft the FAQ", "C", "I", "A", "R", "C", "", ""],
        &["Sign the vendor contract", "", "C", "I", "A", "R", "C", ""],
        &["Book the venue", "", "", "C", "I", "A", "R", ""],
        &["Order the swag", "C", "", "", "", "I", "A", "R"],
        &["Plan the retrospective", "R", "C", "", "", "", "I", "A"],
    ];
    assert_eq!(
        kinds(&findings(rows, AuditSettings::default())),
        vec![FindingKind::RaciConsultationOverload]
    );
}

#[test]
fn overload_and_underload() {
    // Ana does three of four tasks (R), where the average party does 0.67; Bo's two A marks
    // answer for Ana's work and are no load; Ed has no mark at all; Fay is only Consulted and
    // Informed, by design.
    let rows: &[&[&str]] = &[
        &["Task", "Ana", "Bo", "Cy", "Di", "Ed", "Fay"],
        &["Write the launch plan", "R", "A", "C", "I", "", "I"],
        &["Brief the support team", "R", "A", "", "", "", "C"],
        &["Draft the FAQ", "", "C", "A", "R", "", ""],
        &["Sign the vendor contract", "R", "", "I", "A", "", "C"],
    ];
    let found = findings(rows, AuditSettings::default());
    assert_eq!(
        found,
        vec![
            (FindingKind::RaciOverload, "raci-overload:ana".to_string()),
            (FindingKind::RaciUnderload, "raci-underload:ed".to_string()),
        ]
    );
    let relaxed = AuditSettings {
        raci_overload_share: 0.75,
        ..AuditSettings::default()
    };
    assert_eq!(
        kinds(&findings(rows, relaxed)),
        vec![FindingKind::RaciUnderload]
    );
}

#[test]
fn on_a_team_of_three_sharing_the_work_nobody_is_overloaded() {
    // Each party holds R or A on two of three tasks: over half, but the chart's average.
    let rows: &[&[&str]] = &[
        &["Task", "Ana", "Bo", "Cy"],
        &["Write the launch plan", "A", "R", "C"],
        &["Brief the support team", "C", "A", "R"],
        &["Draft the FAQ", "R", "I", "A"],
    ];
    assert_eq!(findings(rows, AuditSettings::default()), vec![]);
}

#[test]
fn unassigned_task_is_one_finding() {
    let mut rows = CLEAN.to_vec();
    rows.push(&["Plan the retrospective"]);
    let found = findings(&rows, AuditSettings::default());
    assert_eq!(
        found,
        vec![(
            FindingKind::RaciUnassigned,
            "raci-unassigned:plan-the-retrospective".to_string()
        )]
    );
}

#[test]
fn an_unmarked_last_line_that_reads_like_a_heading_is_set_apart_and_one_of_work_is_not() {
    // A lone noun under the chart, marked for nobody: the learned line reader has seen such
    // lines end many real charts as headings and notes, and sets it apart (it is listed
    // among the skipped lines, where `inspect` shows it), rather than report a gap.
    let mut rows = CLEAN.to_vec();
    rows.push(&["Retrospective"]);
    assert_eq!(raci_findings(&rows, AuditSettings::default()), vec![]);
    let x = extract(
        RawTable::from_texts("chart.csv", &rows),
        &LayoutOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let set_apart: Vec<(Line, SkipReason)> = x
        .notes
        .skipped
        .iter()
        .map(|s| (s.line, s.reason.clone()))
        .collect();
    assert_eq!(set_apart, vec![(Line::Row(6), SkipReason::Category)]);
    // Set apart by a learned judgement, it is one of the reading's doubts, row and all.
    let kinds: Vec<(DoubtKind, bool)> = x
        .notes
        .reading
        .doubts
        .iter()
        .map(|d| (d.kind, d.says.contains("row 6")))
        .collect();
    assert_eq!(kinds, vec![(DoubtKind::LineKinds, true)]);
    // A line that opens with a verb reads as work left undone: the finding is firm.
    let mut rows = CLEAN.to_vec();
    rows.push(&["Plan the retrospective"]);
    let found = raci_findings(&rows, AuditSettings::default());
    assert_eq!(found[0].severity, Severity::High, "{found:?}");
    assert!(!found[0].message.contains("heading"), "{found:?}");
}

#[test]
fn a_lone_partys_chart_is_checked_only_for_unmarked_tasks() {
    let rows: &[&[&str]] = &[
        &["Step", "Role"],
        &["Refine requirements", "A"],
        &["Sprint planning", "R/C"],
        &["Review designs", "C"],
        &["Status report", "C"],
        &["Risk analysis", "A"],
        &["Issue resolution", ""],
    ];
    let found = findings(rows, AuditSettings::default());
    assert_eq!(
        kinds(&found),
        vec![FindingKind::RaciUnassigned],
        "{found:?}"
    );
}

/// A chart's header naming each party's title, and a roadmap row Ana is Accountable for.
const TITLED_PARTIES: &[&str] = &[
    "Task",
    "Ana (Product Manager)",
    "Bo (Program Manager)",
    "Cy (Engineer)",
];
const Q3_ROADMAP: &[&str] = &["Prioritise the product roadmap for Q3", "A", "C", "R"];

#[test]
fn accountability_overlap_needs_two_titles() {
    // Two roadmap tasks, each owned by someone of another title.
    let rows: &[&[&str]] = &[
        TITLED_PARTIES,
        Q3_ROADMAP,
        &[
            "Prioritise the roadmap features for the beta",
            "C",
            "A",
            "R",
        ],
    ];
    // A chart alone is a project: its ownership is the RACI rules' to judge, unless the
    // roles are named.
    let found = findings(rows, AuditSettings::default());
    assert!(
        !kinds(&found).contains(&FindingKind::AccountabilityOverlap),
        "{found:?}"
    );
    let found = findings(rows, with_roles());
    assert!(
        kinds(&found).contains(&FindingKind::AccountabilityOverlap),
        "{found:?}"
    );
    let same_owner: &[&[&str]] = &[
        TITLED_PARTIES,
        Q3_ROADMAP,
        &[
            "Prioritise the roadmap features for the beta",
            "A",
            "C",
            "R",
        ],
    ];
    let found = findings(same_owner, with_roles());
    assert!(!kinds(&found).contains(&FindingKind::AccountabilityOverlap));
}

/// A task written again under another phase, or twice in one, is its own finding with
/// its own id and only its own line's assignments.
#[test]
fn repeated_tasks_get_ids_of_their_own() {
    let rows: &[&[&str]] = &[
        &["Task", "Ana", "Bo", "Cy"],
        &["Phase 1: Build"],
        &["Develop the MVP", "R", "C", "I"],
        &["Phase 2: Scale"],
        &["Develop the MVP", "R", "R", "I"],
        &["Develop the MVP", "C", "R", "I"],
        &["Write the launch plan", "A", "R", "I"],
    ];
    let found = raci_findings(rows, AuditSettings::default());
    let no_accountable: Vec<(&str, usize)> = found
        .iter()
        .filter(|f| f.kind == FindingKind::RaciNoAccountable)
        .map(|f| (f.id.as_str(), f.tasks.len()))
        .collect();
    assert_eq!(
        no_accountable,
        [
            ("raci-no-accountable:phase-1-build/develop-the-mvp", 3),
            ("raci-no-accountable:phase-2-scale/develop-the-mvp", 3),
            ("raci-no-accountable:phase-2-scale/develop-the-mvp-2", 3),
        ]
    );
    let mut tasks: Vec<_> = found
        .iter()
        .filter(|f| f.kind == FindingKind::RaciNoAccountable)
        .flat_map(|f| f.tasks.iter().copied())
        .collect();
    let all = tasks.len();
    tasks.sort();
    tasks.dedup();
    assert_eq!(tasks.len(), all, "a task listed under two findings");
}

#[test]
fn unread_marks_are_said_as_unsure_never_as_a_known_break() {
    let rows: &[&[&str]] = &[
        &["Task", "Ana", "Bo", "Cy"],
        &["Write the launch plan", "R", "A", "I"],
        &["Price the launch", "A", "R", "C"],
        &["Brief the sales team", "R", "A", "I"],
        &["Publish the release notes", "A", "R", "I"],
        // Only a mark nobody explains: unsure, low, and the mark and its cell named.
        &["Review the pricing page", "Q", "", ""],
        // A known C beside an unknown mark: no Accountable, said with less certainty.
        &["Plan the offsite", "C", "Z", ""],
        // The legend explains V outside RACI: still no owner known, said as unsure.
        &["Check the accounts", "V", "", ""],
        &[""],
        &["Legend"],
        &["V = Verifies"],
    ];
    let found = raci_findings(rows, AuditSettings::default());
    let on = |task: &str| -> Vec<&Finding> {
        found
            .iter()
            .filter(|f| f.message.starts_with(&format!("\"{task}\"")))
            .collect()
    };
    let review = on("Review the pricing page");
    assert_eq!(review.len(), 1, "{review:?}");
    assert_eq!(review[0].kind, FindingKind::RaciUnassigned);
    assert_eq!(review[0].severity, Severity::Low);
    assert!(
        review[0].message.contains("\"Q\" in B6"),
        "{}",
        review[0].message
    );
    let offsite = on("Plan the offsite");
    assert!(!offsite.is_empty());
    for f in &offsite {
        assert_eq!(f.severity, Severity::Low, "{f:?}");
        assert!(f.message.contains("\"Z\" in C7"), "{}", f.message);
    }
    let check = on("Check the accounts");
    assert_eq!(check.len(), 1, "{check:?}");
    assert_eq!(check[0].severity, Severity::Low);
    assert!(
        check[0].message.contains("Verifies"),
        "{}",
        check[0].message
    );
    assert!(on("Write the launch plan").is_empty(), "{found:?}");
}
