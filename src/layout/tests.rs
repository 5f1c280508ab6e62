//! Layout detection and the matrix reader, on grids built in memory. The same shapes as
//! real files are checked end to end in `tests/integration/raci.rs`.

use super::*;

fn sheet(rows: &[&[&str]]) -> RawTable {
    RawTable::from_texts("chart.csv", rows)
}

/// The same sheet with rows and columns swapped.
fn transpose(rows: &[&[&str]]) -> Vec<Vec<String>> {
    let width = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    (0..width)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).copied().unwrap_or("").to_string())
                .collect()
        })
        .collect()
}

fn read(table: &RawTable) -> Extraction {
    extract(table.clone(), &LayoutOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// (party, task, letters, group) of every assignment.
fn cells(x: &Extraction) -> Vec<(String, String, String, Option<String>)> {
    x.assignments
        .iter()
        .map(|a| {
            (
                a.person.to_string(),
                a.task.clone(),
                a.raci.map(Marks::letters).unwrap_or_default(),
                a.group.clone(),
            )
        })
        .collect()
}

fn reasons(x: &Extraction) -> Vec<(Line, SkipReason)> {
    x.notes
        .skipped
        .iter()
        .map(|s| (s.line, s.reason.clone()))
        .collect()
}

/// A launch chart with a banner, a title line over the names, two kinds of heading, a
/// task nobody is marked on, an unknown mark, a total and a legend.
const CHART: &[&[&str]] = &[
    &["Atlas launch: RACI"],
    &[],
    &["", "", "Product Manager", "TPM", "Legal Counsel"],
    &["#", "Task", "Ana Lima", "Bo Berg", "Cy Diaz"],
    &["", "Phase 1: Discovery"],
    &["1.1", "Define launch goals", "A/R", "C", "I"],
    &["1.2", "Plan the launch schedule", "C", "R", "TBD"],
    &["", "Build and release"],
    &["2.1", "Review privacy terms", "", "", ""],
    &["2.2", "Run the launch day", "x", "Responsible", "A"],
    &["Total R", "", "2", "2", "0"],
    &["Legend"],
    &["R = Responsible, A = Accountable"],
];

#[test]
fn matrix_reads_parties_marks_groups_and_headings() {
    let x = read(&sheet(CHART));
    assert_eq!(x.notes.layout, LayoutKind::Matrix);
    assert_eq!(x.notes.header, Line::Row(4));
    let some = |s: &str| Some(s.to_string());
    let expected = vec![
        (
            "Ana Lima",
            "Define launch goals",
            "RA",
            some("Phase 1: Discovery"),
        ),
        (
            "Bo Berg",
            "Define launch goals",
            "C",
            some("Phase 1: Discovery"),
        ),
        (
            "Cy Diaz",
            "Define launch goals",
            "I",
            some("Phase 1: Discovery"),
        ),
        (
            "Ana Lima",
            "Plan the launch schedule",
            "C",
            some("Phase 1: Discovery"),
        ),
        (
            "Bo Berg",
            "Plan the launch schedule",
            "R",
            some("Phase 1: Discovery"),
        ),
        (
            "Ana Lima",
            "Run the launch day",
            "R",
            some("Build and release"),
        ),
        (
            "Bo Berg",
            "Run the launch day",
            "R",
            some("Build and release"),
        ),
        (
            "Cy Diaz",
            "Run the launch day",
            "A",
            some("Build and release"),
        ),
    ];
    let expected: Vec<_> = expected
        .into_iter()
        .map(|(p, t, l, g)| (p.to_string(), t.to_string(), l.to_string(), g))
        .collect();
    assert_eq!(cells(&x), expected);
    // The line over the names gives titles.
    let titles: Vec<Option<&str>> = x.notes.parties.iter().map(|p| p.title.as_deref()).collect();
    assert_eq!(
        titles,
        vec![Some("Product Manager"), Some("TPM"), Some("Legal Counsel")]
    );
    // The unmarked task is a task (the rules call it unassigned), not a heading: it has a
    // number like every task.
    let chart = x.chart.as_ref().unwrap();
    let texts: Vec<&str> = chart.tasks.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "Define launch goals",
            "Plan the launch schedule",
            "Review privacy terms",
            "Run the launch day"
        ]
    );
    assert!(chart.tasks[2].marks.is_empty());
    assert_eq!(
        reasons(&x),
        vec![
            (Line::Row(5), SkipReason::Category),
            (Line::Row(8), SkipReason::Category),
            (Line::Row(11), SkipReason::Total),
            (Line::Row(12), SkipReason::Legend),
            (Line::Row(13), SkipReason::Legend),
        ]
    );
    // The unknown mark is a warning naming its cell, and the cell is left out.
    assert_eq!(x.notes.warnings.len(), 1);
    assert!(
        x.notes.warnings[0].message.contains("cell E7"),
        "{:?}",
        x.notes.warnings
    );
    assert!(x.notes.warnings[0].message.contains("\"TBD\""));
    // Marks as written, and what they were read as.
    let marks: Vec<(String, String, usize)> = x
        .notes
        .marks
        .iter()
        .map(|m| (m.text.clone(), m.marks.letters(), m.cells))
        .collect();
    assert!(marks.contains(&("A/R".into(), "RA".into(), 1)));
    assert!(marks.contains(&("Responsible".into(), "R".into(), 1)));
    assert!(marks.contains(&("x".into(), "R".into(), 1)));
    assert!(x
        .notes
        .layout_reason
        .contains("3 parties named across row 4"));
}

#[test]
fn transposed_chart_reads_the_same_and_names_the_sheet_cells() {
    let rows = transpose(CHART);
    let rows: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    let down = read(&sheet(CHART));
    let across = read(&sheet(&rows));
    assert_eq!(across.notes.layout, LayoutKind::Transposed);
    assert_eq!(across.notes.header, Line::Column(3));
    assert_eq!(cells(&across), cells(&down));
    // Mark cells are where the transposed sheet has them: Bo's R on task 1.2 is at G4.
    let bo = across
        .assignments
        .iter()
        .find(|a| &*a.person == "Bo Berg" && a.task == "Plan the launch schedule")
        .unwrap();
    assert_eq!((bo.row, bo.column), (4, 6));
    assert!(across.notes.warnings[0].message.contains("cell G5"));
    assert_eq!(across.notes.skipped[0].line, Line::Column(4));
}

#[test]
fn role_titles_across_the_top_are_the_parties() {
    let x = read(&sheet(&[
        &[
            "Activity",
            "Product Manager",
            "Engineering Lead",
            "Designer",
        ],
        &["Write the PRD", "A/R", "C", "C"],
        &["Ship the beta", "A", "R", "I"],
    ]));
    let first = &x.assignments[0];
    assert_eq!(&*first.person, "Product Manager");
    assert_eq!(first.title.as_deref(), Some("Product Manager"));
}

#[test]
fn a_list_stays_a_list_even_with_short_codes_in_its_columns() {
    let x = read(&sheet(&[
        &["Name", "Title", "Team", "Task"],
        &["Ana", "PM", "Web", "Roadmap"],
        &["Bo", "TPM", "API", "Release plan"],
        &["Cy", "EM", "Ops", "Hiring"],
    ]));
    assert_eq!(x.notes.layout, LayoutKind::List);
    assert!(x.chart.is_none());
    assert!(x.assignments.iter().all(|a| a.raci.is_none()));
    assert!(x
        .notes
        .layout_reason
        .contains("row 1 names a person column"));
}

#[test]
fn the_layout_can_be_named_and_a_wrong_name_is_an_error() {
    let list = sheet(&[&["Name", "Task"], &["Ana", "Roadmap"]]);
    let matrix = LayoutOptions {
        layout: Some(LayoutKind::Matrix),
        ..LayoutOptions::default()
    };
    assert!(matches!(
        extract(list.clone(), &matrix),
        Err(LayoutError::NoMatrix { .. })
    ));
    let chart = sheet(CHART);
    let named = extract(chart.clone(), &matrix).unwrap();
    assert!(named
        .notes
        .layout_reason
        .starts_with("named by --layout matrix"));
    let as_list = LayoutOptions {
        layout: Some(LayoutKind::List),
        ..LayoutOptions::default()
    };
    assert!(extract(chart.clone(), &as_list).is_err());
}

#[test]
fn other_schemes_are_read_only_when_named() {
    let rows: &[&[&str]] = &[
        &["Task", "Ana", "Bo", "Cy"],
        &["Draft the plan", "D", "A", "C"],
        &["Review the plan", "S", "A", "R"],
    ];
    let raci = read(&sheet(rows));
    assert_eq!(raci.notes.warnings.len(), 2, "D and S are unknown in RACI");
    let daci = extract(
        sheet(rows),
        &LayoutOptions {
            scheme: Scheme::Daci,
            ..LayoutOptions::default()
        },
    )
    .unwrap();
    assert_eq!(
        daci.assignments[0].raci.map(Marks::letters).as_deref(),
        Some("R")
    );
    let rasci = extract(
        sheet(rows),
        &LayoutOptions {
            scheme: Scheme::Rasci,
            ..LayoutOptions::default()
        },
    )
    .unwrap();
    let support = rasci
        .assignments
        .iter()
        .find(|a| &*a.person == "Ana" && a.task == "Review the plan");
    assert_eq!(
        support.and_then(|a| a.raci).map(Marks::letters).as_deref(),
        Some("S")
    );
}

#[test]
fn a_sheet_with_neither_layout_is_one_error() {
    let notes = sheet(&[&["Meeting notes"], &["We talked about the launch."]]);
    let error = extract(notes.clone(), &LayoutOptions::default()).unwrap_err();
    assert!(matches!(error, LayoutError::NoLayout { .. }), "{error}");
    assert!(!error.to_string().contains('\n'));
}

#[test]
fn headings_filled_across_by_a_merge_are_headings() {
    let x = read(&sheet(&[
        &["Task", "Ana", "Bo"],
        &["Discovery", "Discovery", "Discovery"],
        &["Interview customers", "R", "A"],
        &["Write up the findings", "A", "R"],
    ]));
    assert_eq!(x.assignments[0].group.as_deref(), Some("Discovery"));
    assert_eq!(reasons(&x), vec![(Line::Row(2), SkipReason::Category)]);
}

#[test]
fn a_close_call_between_the_two_ways_round_is_said_with_the_flag() {
    // Short words both ways: either side could hold the tasks.
    let x = read(&sheet(&[
        &["", "Ana", "Bo", "Cy"],
        &["Plan", "R", "A", "C"],
        &["Ship", "A", "R", "I"],
        &["Tidy", "C", "I", "R"],
    ]));
    let doubt = &x.notes.reading;
    assert!(doubt.in_doubt, "{doubt:?}");
    assert_eq!(doubt.doubts[0].kind, DoubtKind::CloseLayout);
    assert!(doubt.summary().contains("--layout transposed"), "{doubt:?}");

    // Phrases down the side, names across: no doubt.
    let x = read(&sheet(&[
        &["Task", "Ana Lima", "Bo Chen"],
        &["Write the launch plan", "R", "A"],
        &["Review the pricing page copy", "A", "R"],
    ]));
    assert!(
        !x.notes
            .reading
            .doubts
            .iter()
            .any(|d| d.kind == DoubtKind::CloseLayout),
        "{:?}",
        x.notes.reading
    );
}

#[test]
fn letters_a_legend_defines_are_read_and_a_second_header_line_is_no_task() {
    let x = read(&sheet(&[
        &["Task", "Ana", "Bo"],
        // A team merged over both names, under them.
        &["Deliverable or Task", "Project Team", "Project Team"],
        &["Interview users", "D", "A"],
        &["Write the brief", "R/S", "A"],
        &["Budget sign-off", "A", "D"],
        &[""],
        &["D", "Driver"],
        &["S", "Support"],
    ]));
    assert!(x.notes.warnings.is_empty(), "{:?}", x.notes.warnings);
    let ana: Vec<String> = x
        .assignments
        .iter()
        .filter(|a| &*a.person == "Ana")
        .filter_map(|a| a.raci.map(|m| m.letters()))
        .collect();
    assert_eq!(ana, ["R", "RS", "A"]);
    assert!(reasons(&x).contains(&(Line::Row(2), SkipReason::RepeatedHeader)));
}

/// One party's chart: the TPM's marks down one column headed only "Role".
const ONE_PARTY: &[&[&str]] = &[
    &["Area", "Step", "Role"],
    &["Planning", "Refine requirements", "A"],
    &["", "Create functional spec", "A/R"],
    &["", "Sprint planning", "R/C"],
    &["Risk", "Risk analysis", "A"],
    &["", "Issue resolution", "C"],
];

#[test]
fn one_partys_marks_down_one_column_are_a_chart_named_by_its_sheet() {
    let mut table = sheet(ONE_PARTY);
    table.sheet = Some("TPM RACI".to_string());
    let x = read(&table);
    assert_eq!(x.notes.layout, LayoutKind::Matrix);
    let chart = x.chart.as_ref().expect("a chart");
    assert_eq!(chart.parties.len(), 1);
    assert_eq!(chart.parties[0].name, "TPM");
    assert_eq!(chart.tasks.len(), 5);
    assert!(
        x.notes.layout_reason.contains("one party's marks only"),
        "{}",
        x.notes.layout_reason
    );
    // Without a sheet's name to go by, the header names the party.
    let x = read(&sheet(ONE_PARTY));
    assert_eq!(x.chart.as_ref().expect("a chart").parties[0].name, "Role");
}

#[test]
fn a_list_is_never_read_as_one_partys_chart() {
    let x = read(&sheet(&[
        &["Person", "Task", "Grade"],
        &["Ana Lima", "Refine requirements", "A"],
        &["Bo Berg", "Create functional spec", "A"],
        &["Cy Diaz", "Sprint planning", "C"],
        &["Di Moss", "Risk analysis", "A"],
        &["Ed Park", "Issue resolution", "C"],
    ]));
    assert_eq!(x.notes.layout, LayoutKind::List);
}

/// (reading, verdict) of every reading weighed, in the order weighed.
fn verdicts(x: &Extraction) -> Vec<(String, Verdict)> {
    x.notes
        .weighed
        .iter()
        .map(|c| (c.name(), c.verdict))
        .collect()
}

fn weighed<'x>(x: &'x Extraction, name: &str) -> &'x Considered {
    x.notes
        .weighed
        .iter()
        .find(|c| c.name() == name)
        .unwrap_or_else(|| panic!("{name} was not weighed: {:?}", verdicts(x)))
}

#[test]
fn every_reading_is_weighed_with_evidence_for_and_against() {
    let x = read(&sheet(CHART));
    assert_eq!(
        verdicts(&x),
        vec![
            ("matrix".to_string(), Verdict::Taken),
            ("transposed".to_string(), Verdict::RunnerUp),
            ("letter-columns".to_string(), Verdict::NotFound),
            ("long-form".to_string(), Verdict::NotFound),
            ("list".to_string(), Verdict::NotFound),
        ]
    );
    let matrix = weighed(&x, "matrix");
    assert!(
        matrix
            .evidence_for
            .iter()
            .any(|f| f.starts_with("3 parties named across row 4")),
        "{matrix:?}"
    );
    // The chart's one mark that is no mark ("TBD") counts against the reading.
    assert!(
        matrix.against.iter().any(|a| a.contains("not marks")),
        "{matrix:?}"
    );
    let transposed = weighed(&x, "transposed");
    assert!(
        transposed
            .against
            .iter()
            .any(|a| a.starts_with("the other way round reads more like tasks")),
        "{transposed:?}"
    );
    assert!(
        weighed(&x, "list").against[0].contains("names no person column"),
        "{:?}",
        weighed(&x, "list")
    );
}

#[test]
fn a_list_is_weighed_against_the_charts_it_is_not() {
    let x = read(&sheet(&[
        &["Name", "Title", "Task"],
        &["Ana Lima", "Product Manager", "Write the roadmap"],
        &["Bo Berg", "TPM", "Run the launch review"],
    ]));
    let list = weighed(&x, "list");
    assert_eq!(list.verdict, Verdict::Taken);
    assert_eq!(
        list.evidence_for,
        vec![r#"row 1 names a person column (A "Name") and a task column (C "Task")"#]
    );
    assert_eq!(
        weighed(&x, "matrix").against,
        vec!["no cell of the sheet reads as R/A/C/I marks"]
    );
    assert_eq!(weighed(&x, "letter-columns").verdict, Verdict::NotFound);
}

#[test]
fn a_named_layout_is_not_weighed() {
    let options = LayoutOptions {
        layout: Some(LayoutKind::Matrix),
        ..LayoutOptions::default()
    };
    let x = extract(sheet(CHART), &options).unwrap_or_else(|e| panic!("{e}"));
    assert!(x.notes.weighed.is_empty(), "{:?}", verdicts(&x));
}

#[test]
fn a_letter_column_header_with_marks_under_it_is_a_near_miss_said_in_words() {
    let x = read(&sheet(&[
        &["Task", "R", "A", "C", "I"],
        &["Write the plan", "R", "A", "", ""],
        &["Ship it", "R", "", "C", "A"],
    ]));
    assert_eq!(
        weighed(&x, "letter-columns").against,
        vec!["row 1 heads R/A/C/I columns, but under them stand 5 cells of marks and 0 of names: names are wanted"]
    );
}

#[test]
fn a_long_form_is_found_under_a_title_row() {
    let x = read(&sheet(&[
        &["RACI export, March"],
        &["Action", "Role", "RACI"],
        &["Write the plan", "Product Manager", "A"],
        &["Write the plan", "Engineer", "R"],
        &["Ship it", "Engineer", "R"],
    ]));
    assert_eq!(x.notes.layout, LayoutKind::LongForm, "{:?}", verdicts(&x));
    assert_eq!(x.notes.header, Line::Row(2));
}
