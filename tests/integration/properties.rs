//! Properties of the whole pipeline (read, layout, match, audit) on generated team sheets:
//! the order of a sheet's rows changes nothing, and an unrelated newcomer takes no finding
//! away. The sheets come from `rolecall_synthetic`, so every case is a realistic team that
//! proptest can shrink to a few people and replay from its seed.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use proptest::prelude::*;
use rolecall::input::{parse_delimited, Limits};
use rolecall::layout::{self, LayoutOptions};
use rolecall::progress::Progress;
use rolecall::{audit, AuditReport, AuditSettings, MatchSettings, MatchStatus, Matcher, Rubric};
use rolecall_synthetic::{self as synthetic, Row, TeamSpec};

fn rubric() -> &'static Rubric {
    static RUBRIC: OnceLock<Rubric> = OnceLock::new();
    RUBRIC.get_or_init(|| Rubric::built_in().unwrap_or_else(|e| panic!("built-in rubric: {e}")))
}

fn csv(rows: &[Row]) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    for row in rows {
        out.serialize(row)
            .unwrap_or_else(|e| panic!("writing {row:?}: {e}"));
    }
    out.into_inner()
        .unwrap_or_else(|e| panic!("flushing the CSV: {e}"))
}

/// The audit the CLI would make of these rows written as a CSV file, with default settings
/// but every role audited for gaps: a newcomer's title would otherwise change which roles are
/// audited, and these properties are about matching.
fn audit_rows(rows: &[Row]) -> AuditReport {
    let table = parse_delimited("team.csv", &csv(rows), None, &Limits::default())
        .unwrap_or_else(|e| panic!("reading the generated CSV: {e}"));
    let extraction = layout::extract(table, &LayoutOptions::default())
        .unwrap_or_else(|e| panic!("laying out the generated CSV: {e}"));
    let mut team = layout::Team::new("team.csv");
    team.add(extraction);
    let matcher = Matcher::new(rubric(), MatchSettings::default());
    audit::audit(
        rubric(),
        &matcher,
        team.assignments,
        &team.charts,
        team.notes,
        AuditSettings {
            scope: audit::Scope {
                roles: Some(rubric().roles.iter().map(|r| r.id.clone()).collect()),
                titles: Vec::new(),
            },
            ..AuditSettings::default()
        },
        Progress::Hidden,
    )
}

/// Each task's verdict keyed by what it is, not where it stands: (person, task, status,
/// role, responsibility), sorted, duplicates kept.
fn verdicts(report: &AuditReport) -> Vec<(String, String, MatchStatus, String, String)> {
    let mut out: Vec<_> = report
        .tasks
        .iter()
        .map(|t| {
            (
                t.person.to_string(),
                t.task.to_string(),
                t.verdict.status,
                t.verdict.role.as_deref().unwrap_or_default().to_string(),
                t.verdict
                    .responsibility
                    .as_deref()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

/// A finding as far as row order cannot touch it: kind, id, severity, and the sets of
/// people, responsibilities and tasks it names. A task is named by its person and text, as
/// its id is derived from them (and a copy's number from the order); the message is left
/// out because it lists people in the order they first appear.
type FindingKey = (
    String,
    String,
    String,
    BTreeSet<String>,
    BTreeSet<String>,
    BTreeSet<(String, String)>,
);

fn findings(report: &AuditReport) -> BTreeSet<FindingKey> {
    let task_named = |id: &rolecall::TaskId| {
        report
            .tasks
            .iter()
            .find(|t| &t.id == id)
            .map(|t| (t.person.to_string(), t.task.to_string()))
            .unwrap_or_else(|| panic!("finding names task {id}, which is not in the report"))
    };
    report
        .findings
        .iter()
        .map(|f| {
            (
                f.kind.name().to_string(),
                f.id.clone(),
                f.severity.name().to_string(),
                f.people.iter().map(|p| p.to_string()).collect(),
                f.responsibilities.iter().map(|r| r.to_string()).collect(),
                f.tasks.iter().map(task_named).collect(),
            )
        })
        .collect()
}

/// A synthetic team of 2 to 6 people with 1 to 4 tasks each; in half the cases one more
/// person does exactly the first person's tasks, so that overlaps and similar work, which
/// small random teams seldom show, are in play too.
fn team() -> impl Strategy<Value = Vec<Row>> {
    (2usize..7, 1usize..5, any::<u64>(), any::<bool>()).prop_map(
        |(people, tasks_per_person, seed, twin)| {
            // One person more than needed: names depend only on the seed and the position, so
            // the spare person's name is one nobody on the team has.
            let mut rows: Vec<Row> = synthetic::rows(TeamSpec {
                people: people + 1,
                tasks_per_person,
                seed,
            })
            .collect();
            let spare = rows.split_off(people * tasks_per_person);
            if let (true, Some(spare)) = (twin, spare.first()) {
                let twins: Vec<Row> = rows[..tasks_per_person]
                    .iter()
                    .map(|r| Row {
                        name: spare.name.clone(),
                        title: spare.title,
                        ..r.clone()
                    })
                    .collect();
                rows.extend(twins);
            }
            rows
        },
    )
}

/// Task texts no rubric word appears in, so the built-in matcher leaves them unmatched.
const UNRELATED_TASKS: &[&str] = &[
    "Water the plants",
    "Feed the aquarium fish",
    "Zorbulate the quuxes",
    "Tuesday",
    "Tidy the bike shed",
];

const TITLES: &[&str] = &["", "Product Manager", "TPM", "Program Manager", "Barista"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Shuffling the data rows (the header stays first, as the writer puts it there) gives
    /// every task the same verdict and the audit the same findings: a finding is about
    /// people and responsibilities, never about where a row stands.
    #[test]
    fn row_order_changes_no_verdict_and_no_finding(
        (rows, shuffled) in team().prop_flat_map(|rows| (Just(rows.clone()), Just(rows).prop_shuffle()))
    ) {
        let original = audit_rows(&rows);
        let reordered = audit_rows(&shuffled);
        prop_assert_eq!(verdicts(&original), verdicts(&reordered));
        let (before, after) = (findings(&original), findings(&reordered));
        prop_assert!(
            before == after,
            "only before the shuffle: {:?}\nonly after it: {:?}",
            before.difference(&after).collect::<Vec<_>>(),
            after.difference(&before).collect::<Vec<_>>()
        );
    }

    /// A newcomer whose one task the matcher leaves unmatched takes no finding away. Such a
    /// task credits no responsibility, so it fills no gap or role gap, gives no
    /// responsibility a second carrier (single points of failure stay single), adds nobody
    /// to an overlap, and makes nobody eligible for similar work (that needs credited
    /// tasks); drift, missing core work and unmatched or ambiguous tasks are judged per
    /// person, and the newcomer is a new person (a name nobody on the team has). The row is
    /// appended, so the task ids of the team's rows stay the same. The newcomer may bring
    /// findings of their own (their unmatched task, core work missing for their title).
    #[test]
    fn an_unmatched_newcomer_removes_no_finding(
        rows in team(),
        task in proptest::sample::select(UNRELATED_TASKS),
        title in proptest::sample::select(TITLES),
    ) {
        let matcher = Matcher::new(rubric(), MatchSettings::default());
        prop_assert_eq!(matcher.classify(task).status, MatchStatus::Unmatched, "{:?}", task);
        let before = audit_rows(&rows);
        let mut grown = rows.clone();
        grown.push(newcomer(&rows, title, task));
        let after = audit_rows(&grown);
        let kept = ids(&after);
        for id in ids(&before) {
            prop_assert!(kept.contains(&id), "{:?} disappeared", id);
        }
    }

    /// A newcomer whose task does match may take away exactly the findings that say a
    /// responsibility has too few carriers: the gap on each responsibility the task is
    /// credited to, the role gap of its role, and the single point of failure on it (it
    /// now has two carriers). Nothing else may go: overlaps only grow, and every other rule
    /// is about people already on the team.
    #[test]
    fn a_matched_newcomer_removes_only_the_gaps_it_fills(
        rows in team(),
        (task, title) in (any::<u64>(), proptest::sample::select(TITLES)).prop_map(|(seed, title)| {
            let task = synthetic::rows(TeamSpec { people: 1, tasks_per_person: 1, seed })
                .next()
                .map(|r| r.task)
                .unwrap_or_default();
            (task, title)
        }),
    ) {
        let matcher = Matcher::new(rubric(), MatchSettings::default());
        let verdict = matcher.classify(&task);
        let filled: Vec<&rolecall::Responsibility> = matcher
            .contenders(&verdict)
            .into_iter()
            .map(|m| &rubric().responsibilities[m.responsibility])
            .collect();
        let may_go: BTreeSet<(String, String)> = filled
            .iter()
            .flat_map(|r| {
                [
                    ("gap".to_string(), format!("gap:{}", r.id)),
                    ("role-gap".to_string(), format!("role-gap:{}", r.role)),
                    (
                        "single-point-of-failure".to_string(),
                        format!("single-point-of-failure:{}", r.id),
                    ),
                ]
            })
            .collect();
        let before = audit_rows(&rows);
        let mut grown = rows.clone();
        grown.push(newcomer(&rows, title, &task));
        let after = audit_rows(&grown);
        let kept = ids(&after);
        for id in ids(&before) {
            prop_assert!(
                kept.contains(&id) || may_go.contains(&id),
                "{:?} disappeared; the task {:?} fills only {:?}",
                id,
                task,
                may_go
            );
        }
    }
}

/// A person nobody on the team is, with one task and a title (blank for none).
fn newcomer(rows: &[Row], title: &'static str, task: &str) -> Row {
    let name = (1..)
        .map(|n| format!("Newcomer {n}"))
        .find(|name| rows.iter().all(|r| &r.name != name))
        .unwrap_or_default();
    Row {
        name,
        title,
        team: "Visitors".to_string(),
        task: task.to_string(),
        hours: 2.0,
    }
}

/// Every finding as (kind, id).
fn ids(report: &AuditReport) -> BTreeSet<(String, String)> {
    report
        .findings
        .iter()
        .map(|f| (f.kind.name().to_string(), f.id.clone()))
        .collect()
}
