//! The generator's promises that need nothing of rolecall: the same seed gives the same rows,
//! the counts add up, names are unique, tasks vary. That rolecall reads its sheets as meant
//! is tested on rolecall's side (tests/integration/synthetic.rs).

use std::collections::HashSet;

use super::*;

fn spec(people: usize, tasks_per_person: usize) -> TeamSpec {
    TeamSpec {
        people,
        tasks_per_person,
        seed: 7,
    }
}

#[test]
fn same_seed_same_rows_other_seed_other_rows() {
    let a: Vec<Row> = rows(spec(50, 4)).collect();
    let b: Vec<Row> = rows(spec(50, 4)).collect();
    assert_eq!(a, b);
    let c: Vec<Row> = rows(TeamSpec {
        seed: 8,
        ..spec(50, 4)
    })
    .collect();
    assert_ne!(a, c);
}

#[test]
fn rows_are_people_times_tasks() {
    for (people, tasks) in [(0, 5), (5, 0), (1, 1), (15, 5), (333, 3)] {
        let iter = rows(spec(people, tasks));
        assert_eq!(iter.len(), people * tasks);
        let all: Vec<Row> = iter.collect();
        assert_eq!(all.len(), people * tasks);
        let names: HashSet<&str> = all.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names.len(), if tasks == 0 { 0 } else { people });
    }
}

/// Names must be unique, and so must the slugs findings build their ids from.
#[test]
fn names_are_unique_and_mix_scripts() {
    for people in [1_000, 12_000] {
        let names = Names::new(&mut SplitMix64::new(people as u64));
        let all: Vec<String> = (0..people).map(|i| names.name(i)).collect();
        let unique: HashSet<&String> = all.iter().collect();
        assert_eq!(unique.len(), people);
        let slugs: HashSet<String> = all
            .iter()
            .map(|n| {
                n.to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join("-")
            })
            .collect();
        assert_eq!(slugs.len(), people);
    }
    let names: Vec<String> = rows(spec(1_000, 1)).map(|r| r.name).collect();
    let has = |f: fn(char) -> bool| names.iter().any(|n| n.chars().any(f));
    assert!(has(|c| "øëłíéüçåö".contains(c)), "Latin with diacritics");
    assert!(has(|c| ('\u{0370}'..='\u{03FF}').contains(&c)), "Greek");
    assert!(has(|c| ('\u{0400}'..='\u{04FF}').contains(&c)), "Cyrillic");
    assert!(has(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)), "CJK");
    assert!(has(|c| ('\u{AC00}'..='\u{D7AF}').contains(&c)), "Hangul");
    assert!(names.iter().any(|n| n.is_ascii()), "plain English");
}

#[test]
fn tasks_are_varied_filled_in_and_sometimes_long() {
    let all: Vec<Row> = rows(spec(1_000, 10)).collect();
    let distinct: HashSet<&str> = all.iter().map(|r| r.task.as_str()).collect();
    assert!(distinct.len() > 3_000, "{} distinct tasks", distinct.len());
    assert!(all.iter().all(|r| !r.task.contains(['{', '}'])));
    let long = all
        .iter()
        .filter(|r| r.task.split_whitespace().count() >= 20)
        .count();
    assert!(long > 100 && long < 2_000, "{long} long tasks");
    assert!(all.iter().all(|r| (1.0..=12.0).contains(&r.hours)));
    let teams: HashSet<&str> = all.iter().map(|r| r.team.as_str()).collect();
    assert_eq!(teams.len(), 40);
    let small: HashSet<String> = rows(spec(15, 5)).map(|r| r.team).collect();
    assert_eq!(small.len(), 8);
}

#[test]
fn a_large_organisation_has_teams_of_about_twenty_five() {
    let teams: HashSet<String> = rows(spec(2_500, 1)).map(|r| r.team).collect();
    assert_eq!(teams.len(), 100);
    assert!(teams.contains("Payments") && teams.contains("Payments 2"));
    assert!(!teams.iter().any(|t| t.ends_with(" 4")));
}

#[test]
fn csv_has_the_header_and_parses_back() {
    let mut bytes = Vec::new();
    write_csv(spec(20, 3), &mut bytes).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["Name", "Job Title", "Team", "Task", "Hours / week"]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 60);
    for (record, row) in records.iter().zip(rows(spec(20, 3))) {
        assert_eq!(&record[0], row.name);
        assert_eq!(&record[3], row.task);
        assert_eq!(record[4].parse::<f64>().unwrap(), row.hours);
    }
}

fn planted_org(people: usize, seed: u64) -> Planted {
    planted(TeamSpec {
        people,
        tasks_per_person: 5,
        seed,
    })
}

#[test]
fn a_planted_organisation_is_the_same_for_the_same_seed_and_counts_add_up() {
    let a = planted_org(60, 3);
    let b = planted_org(60, 3);
    assert_eq!(a.rows, b.rows);
    assert_eq!(a.truth, b.truth);
    assert_ne!(a.rows, planted_org(60, 4).rows);
    assert_eq!(a.rows.len(), 300);
    assert_eq!(a.truth.tasks.len(), 300);
    assert_eq!(a.truth.people.len(), 60);
    for (row, task) in a.rows.iter().zip(&a.truth.tasks) {
        assert_eq!(row.name, a.truth.people[task.person].name);
    }
    assert!(planted_org(0, 1).rows.is_empty());
}

/// Every responsibility of the three roles can be planted, from lines labelled with ids the
/// table knows.
#[test]
fn every_responsibility_has_lines_written_for_it() {
    let by = role_tasks::by_responsibility();
    for (r, lines) in responsibilities::RESPONSIBILITIES.iter().zip(&by) {
        assert!(lines.len() >= 2, "{} has {} lines", r.id, lines.len());
    }
    for work in Work::ROLES {
        for template in role_tasks::role_templates(work).unwrap() {
            if let Some(id) = template.about {
                let r = responsibilities::index_of(id).unwrap_or_else(|| panic!("{id}"));
                assert_eq!(responsibilities::RESPONSIBILITIES[r].work, work, "{id}");
            }
        }
    }
}

/// At every size: per role one unowned responsibility nobody carries, single ones carried by
/// exactly one person, split ones by two or three people not all of one title; core and
/// non-core among the rare; title-only people doing none of their role's core work.
#[test]
fn the_plan_is_planted_at_every_size() {
    for (people, seed) in [(13, 1), (400, 2), (2_000, 3)] {
        let org = planted_org(people, seed);
        let truth = &org.truth;
        let mut rare_core = [false; 2];
        for role in Work::ROLES.map(|w| w.role_id().unwrap()) {
            let of = |planting| {
                truth
                    .responsibilities
                    .iter()
                    .filter(|r| r.role == role && r.planted == planting)
                    .collect::<Vec<_>>()
            };
            assert_eq!(of(Planting::Unowned).len(), 1, "{people}: {role}");
            assert!((1..=2).contains(&of(Planting::Single).len()));
            assert!((1..=2).contains(&of(Planting::Split).len()));
            for r in of(Planting::Unowned) {
                assert_eq!(r.carriers, 0, "{}", r.id);
            }
            for r in of(Planting::Single) {
                assert_eq!((r.chosen.len(), r.carriers), (1, 1), "{}", r.id);
            }
            for r in of(Planting::Split) {
                assert!((2..=3).contains(&r.chosen.len()), "{}", r.id);
                assert_eq!(r.carriers, r.chosen.len(), "{}", r.id);
                let titles: HashSet<&str> = truth
                    .people
                    .iter()
                    .filter(|p| r.chosen.contains(&p.name))
                    .map(|p| p.title)
                    .collect();
                assert!(titles.len() >= 2, "{}: {titles:?}", r.id);
            }
            for r in truth.responsibilities.iter().filter(|r| r.role == role) {
                if r.planted != Planting::Shared {
                    rare_core[usize::from(r.core)] = true;
                }
            }
        }
        assert_eq!(rare_core, [true, true]);
        let title_only: Vec<usize> = (0..truth.people.len())
            .filter(|&p| truth.people[p].kind == PersonKind::TitleOnly)
            .collect();
        assert!(!title_only.is_empty(), "{people}");
        for p in title_only {
            let role = truth.people[p].role;
            assert!(role.is_some());
            for task in truth.tasks.iter().filter(|t| t.person == p) {
                if let Some(id) = task.responsibility {
                    let r = &truth.responsibilities[responsibilities::index_of(id).unwrap()];
                    assert!(!(r.core && Some(r.role) == role), "{id}");
                }
            }
        }
    }
    let big = planted_org(2_000, 3);
    let two_hats = big
        .truth
        .people
        .iter()
        .filter(|p| p.kind == PersonKind::TwoHats)
        .count();
    assert!((150..350).contains(&two_hats), "{two_hats}");
}

/// Lines carry the noise of real sheets, and still no slot, and nothing the layout would
/// split a cell at.
#[test]
fn planted_lines_are_noisy_as_real_ones() {
    let org = planted_org(1_000, 5);
    let count = |f: &dyn Fn(&str) -> bool| org.rows.iter().filter(|r| f(&r.task)).count();
    let tickets = count(&|t| {
        t.split([' ', '(', ')']).any(|w| {
            w.split_once('-').is_some_and(|(a, n)| {
                a.len() >= 2
                    && a.chars().all(|c| c.is_ascii_uppercase())
                    && n.parse::<u32>().is_ok()
            })
        })
    });
    assert!(tickets > 200, "{tickets} ticket ids");
    assert!(count(&|t| t.contains(" (WIP)") || t.ends_with(" - ongoing")) > 50);
    assert!(count(&|t| t.contains("w/ ")) > 100);
    assert!(count(&|t| t.chars().next().is_some_and(char::is_lowercase)) > 300);
    assert_eq!(
        count(&|t| t.contains(['{', '}', ';', '\n']) || t.starts_with("- ")),
        0
    );
}

fn person(name: &str, team: &str, role: Option<&'static str>) -> PersonTruth {
    PersonTruth {
        name: name.to_string(),
        title: "any",
        team: team.to_string(),
        role,
        kind: PersonKind::Regular,
    }
}

fn task(person: usize, responsibility: Option<&'static str>) -> TaskTruth {
    TaskTruth {
        person,
        hours: 1.0,
        responsibility,
        role: responsibility.and_then(role_of),
        work: "any",
    }
}

/// The definitions, on a team small enough to read: each finding is expected exactly where
/// the module's docs say.
#[test]
fn expected_findings_follow_the_definitions() {
    const PM: Option<&str> = Some("product-manager");
    const TPM: Option<&str> = Some("technical-program-manager");
    let people = vec![
        person("Ann", "A", PM),   // roadmap x3: similar to Bea
        person("Bea", "A", PM),   // roadmap, requirements x2
        person("Cy", "A", PM),    // TPM work x2, PM x1: drift
        person("Dee", "B", None), // 2 of 4 role tasks: drift
        person("Eve", "B", PM),   // launch only, 3 tasks: missing core
        person("Flo", "B", TPM),  // nothing: TPM is held
    ];
    let tasks = vec![
        task(0, Some("pm-roadmap")),
        task(0, Some("pm-requirements")),
        task(0, Some("pm-strategy-vision")),
        task(1, Some("pm-roadmap")),
        task(1, Some("pm-requirements")),
        task(1, Some("pm-requirements")),
        task(2, Some("tpm-dependencies")),
        task(2, Some("tpm-milestone-tracking")),
        task(2, Some("pm-roadmap")),
        task(3, Some("pm-launch-gtm")),
        task(3, Some("pgm-risk")),
        task(3, None),
        task(3, None),
        task(4, Some("pm-launch-gtm")),
        task(4, None),
        task(4, None),
        task(5, None),
    ];
    let truth = Truth::new(1, vec![(Planting::Shared, Vec::new()); 30], people, tasks);
    let got: Vec<String> = truth
        .expected
        .iter()
        .map(|e| format!("{} {}", e.kind.name(), e.subject))
        .collect();
    let mut want = vec![
        // Every PM responsibility but these has no carrier (the PgM role is held by nobody).
        "gap pm-customer-research",
        "gap pm-performance",
        "gap pm-cross-functional",
        "gap pm-stakeholder-comms",
        "gap pm-risk-tradeoffs",
        "gap pm-lifecycle-tools",
        "gap tpm-delivery-schedule",
        "gap tpm-architecture",
        "gap tpm-technical-risk",
        "gap tpm-cross-team-alignment",
        "gap tpm-engineering-comms",
        "gap tpm-quality-metrics",
        "gap tpm-process-optimisation",
        "gap tpm-launch-readiness",
        "gap tpm-infrastructure",
        "single-point-of-failure pm-strategy-vision",
        "single-point-of-failure tpm-dependencies",
        "single-point-of-failure tpm-milestone-tracking",
        "single-point-of-failure pgm-risk",
        "overlap pm-roadmap",
        "overlap pm-requirements",
        "overlap pm-launch-gtm",
        "drift Cy",
        "drift Dee",
        "missing-core Eve",
        "similar-work Ann | Bea",
    ];
    want.sort_by_key(|line| {
        let kind = ExpectedKind::ALL
            .iter()
            .position(|k| line.starts_with(&format!("{} ", k.name())));
        (kind, line.to_string())
    });
    let mut got_sorted = got.clone();
    got_sorted.sort_by_key(|line| {
        let kind = ExpectedKind::ALL
            .iter()
            .position(|k| line.starts_with(&format!("{} ", k.name())));
        (kind, line.clone())
    });
    assert_eq!(got_sorted, want);
}

/// A titled role nobody does any work of is one role gap, not a gap per responsibility.
#[test]
fn a_bare_role_is_one_role_gap() {
    let people = vec![person("Ann", "A", Some("program-manager"))];
    let tasks = vec![task(0, None), task(0, None), task(0, None)];
    let truth = Truth::new(1, vec![(Planting::Shared, Vec::new()); 30], people, tasks);
    let got: Vec<(ExpectedKind, &str)> = truth
        .expected
        .iter()
        .map(|e| (e.kind, e.subject.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (ExpectedKind::RoleGap, "program-manager"),
            (ExpectedKind::MissingCore, "Ann")
        ]
    );
}
