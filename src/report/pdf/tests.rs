//! Geometry of the composed report: every label inside its box, every box on the page, and
//! the structure a reader relies on (contents, repeated table headers, large-team fallbacks).

use super::canvas::Item;
use super::summary::CONTENTS_LINES;
use super::*;
use crate::report::tests::fixture;

fn options() -> PdfOptions {
    PdfOptions {
        paper: Paper::A4,
        generated_at: time::Date::from_calendar_date(2026, time::Month::November, 23).unwrap(),
        appendix: Appendix::Short,
    }
}

fn labels(composition: &Composition) -> impl Iterator<Item = (usize, &Label)> {
    composition.pages.iter().enumerate().flat_map(|(i, page)| {
        page.items.iter().filter_map(move |item| match item {
            Item::Text(label) => Some((i + 1, label)),
            _ => None,
        })
    })
}

/// The check every composition in these tests must pass.
#[track_caller]
fn assert_nothing_overflows(composition: &Composition) {
    for (page, label) in labels(composition) {
        assert!(
            label.bounds.contains(&label.extent()),
            "page {page}: {:?} ({:?}) leaves its box {:?}",
            label.text,
            label.extent(),
            label.bounds
        );
        assert!(
            composition.printable.contains(&label.bounds),
            "page {page}: the box of {:?} leaves the page's margins",
            label.text
        );
    }
    for (i, page) in composition.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Fill { area, .. } | Item::Rule { area, .. } = item {
                assert!(
                    composition.printable.contains(area),
                    "page {}: {area:?} off the page",
                    i + 1
                );
            }
        }
    }
}

#[test]
fn fixture_report_fits_its_boxes_on_both_papers() {
    let fonts = Fonts::new().unwrap();
    for paper in [Paper::A4, Paper::Letter] {
        let composition = compose(
            &fonts,
            Document::of(&fixture()),
            &PdfOptions { paper, ..options() },
        );
        assert_nothing_overflows(&composition);
        assert!(composition.outline.len() <= CONTENTS_LINES);
        assert_contents_on_page_one(&composition);
    }
}

/// Page 1's contents lists every entry of the outline, and page 2 starts the heatmap.
#[track_caller]
fn assert_contents_on_page_one(composition: &Composition) {
    let page_one: Vec<&str> = labels(composition)
        .filter(|(page, _)| *page == 1)
        .map(|(_, l)| l.text.as_str())
        .collect();
    for entry in &composition.outline {
        assert!(
            page_one.contains(&entry.title.as_str()),
            "the contents lacks {:?}: {page_one:?}",
            entry.title
        );
    }
    let first_on_two = labels(composition).find(|(page, _)| *page == 2);
    assert_eq!(
        first_on_two.map(|(_, l)| l.text.as_str()),
        Some("Coverage heatmap")
    );
}

/// No page ends in a heading: a title is kept with what it introduces.
#[track_caller]
fn assert_no_heading_ends_a_page(composition: &Composition) {
    for (index, page) in composition.pages.iter().enumerate() {
        let last = page
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Text(label) if label.bounds.bottom <= composition.body.bottom => Some(label),
                _ => None,
            })
            .max_by(|a, b| a.baseline.total_cmp(&b.baseline));
        if let Some(label) = last {
            assert!(
                !(label.style == Style::Bold && label.size >= 12.0),
                "page {} ends in the heading {:?}",
                index + 1,
                label.text
            );
        }
    }
}

#[test]
fn page_one_is_one_page_whatever_the_findings_say() {
    let fonts = Fonts::new().unwrap();
    let mut report = fixture();
    let names: Vec<String> = (0..60).map(|i| format!("Person Number {i}")).collect();
    for finding in &mut report.findings {
        finding.message = format!("{} carry this work. {}", names.join(", "), finding.message);
    }
    let template = report.findings[0].clone();
    report
        .findings
        .extend((0..40).map(|i| crate::audit::Finding {
            id: format!("extra:{i}"),
            ..template.clone()
        }));
    for paper in [Paper::A4, Paper::Letter] {
        let composition = compose(
            &fonts,
            Document::of(&report),
            &PdfOptions { paper, ..options() },
        );
        assert_nothing_overflows(&composition);
        assert_contents_on_page_one(&composition);
        assert_no_heading_ends_a_page(&composition);
        let items = labels(&composition)
            .filter(|(page, l)| *page == 1 && l.text.starts_with("Person Number 0"))
            .count();
        assert!(items >= 1, "no finding made page 1");
        // An item is at most three lines: the 60 names never reach page 1 in full.
        assert!(
            !labels(&composition).any(|(page, l)| page == 1 && l.text.contains("Person Number 59"))
        );
    }
}

#[test]
fn headers_never_break_inside_a_word_and_headings_keep_with_their_tables() {
    let fonts = Fonts::new().unwrap();
    let composition = compose(
        &fonts,
        Document::of(&large_report(40, true)),
        &PdfOptions {
            appendix: Appendix::Full,
            ..options()
        },
    );
    assert_no_heading_ends_a_page(&composition);
    let texts: Vec<&str> = labels(&composition).map(|(_, l)| l.text.as_str()).collect();
    assert!(texts.contains(&"Score"), "the Score header is broken");
    assert!(!texts.contains(&"Scor"));
}

#[test]
fn page_one_has_the_headline_and_the_contents() {
    let fonts = Fonts::new().unwrap();
    let composition = compose(&fonts, Document::of(&fixture()), &options());
    let page_one: Vec<&str> = labels(&composition)
        .filter(|(page, _)| *page == 1)
        .map(|(_, l)| l.text.as_str())
        .collect();
    for expected in [
        "Role audit: team.csv",
        "What matters most",
        "Contents",
        "Coverage heatmap",
        "Appendix A: every task",
        "23 November 2026",
    ] {
        assert!(
            page_one.iter().any(|t| t.contains(expected)),
            "{expected} missing from {page_one:?}"
        );
    }
    let last = composition.pages.len();
    assert!(page_one.contains(&format!("page 1 of {last}").as_str()));
}

/// A report big enough to run tables and the heatmap over several pages.
fn large_report(people: usize, with_teams: bool) -> crate::audit::AuditReport {
    let mut report = fixture();
    let template = report.tasks.clone();
    report.tasks.clear();
    report.people.clear();
    for p in 0..people {
        let name = format!("Person {p} Ødegård-Żółkiewski 王芳");
        let mut person = fixture().people[0].clone();
        person.name = name.as_str().into();
        person.team = with_teams.then(|| format!("Team {}", p % 12).into());
        report.people.push(person);
        for t in &template {
            let mut task = t.clone();
            task.id = TaskId::derive(report.tasks.len() as u32, None, &name, &t.task);
            task.person = name.as_str().into();
            task.task = format!(
                "{} — {}",
                t.task,
                "coordinate the long tail of cross-team dependencies ".repeat(p % 4)
            )
            .into();
            report.tasks.push(task);
        }
    }
    for coverage in &mut report.coverage {
        coverage.tasks = report
            .tasks
            .iter()
            .filter(|t| {
                t.verdict.responsibility.as_deref() == Some(coverage.responsibility.as_str())
            })
            .map(|t| t.id)
            .collect();
        coverage.people = report.people.iter().map(|p| p.name.clone()).collect();
    }
    report
}

#[test]
fn long_tables_repeat_their_header_on_every_page() {
    let fonts = Fonts::new().unwrap();
    let composition = compose(&fonts, Document::of(&large_report(120, true)), &options());
    assert_nothing_overflows(&composition);
    let appendix_start = composition
        .outline
        .iter()
        .find(|e| e.title.starts_with("Appendix A"))
        .unwrap()
        .page;
    let appendix_end = composition
        .outline
        .iter()
        .find(|e| e.title.starts_with("Appendix B"))
        .unwrap()
        .page;
    assert!(
        appendix_end - appendix_start >= 3,
        "the appendix should span pages"
    );
    for page in appendix_start..appendix_end {
        let headers = labels(&composition)
            .filter(|(p, l)| *p == page && l.text == "Best match")
            .count();
        assert_eq!(headers, 1, "page {page} lacks the table header");
    }
}

#[test]
fn heatmap_has_a_row_per_person_then_per_team_beyond_the_limit() {
    let fonts = Fonts::new().unwrap();
    let row_labels = |composition: &Composition| {
        labels(composition)
            .filter(|(_, l)| l.text.starts_with("Person ") && l.size == 7.5)
            .count()
    };
    let small = compose(&fonts, Document::of(&large_report(60, true)), &options());
    assert_nothing_overflows(&small);
    assert_eq!(row_labels(&small), 60);
    let large = compose(
        &fonts,
        Document::of(&large_report(heatmap::MAX_PERSON_ROWS + 1, true)),
        &options(),
    );
    assert_nothing_overflows(&large);
    assert_eq!(row_labels(&large), 0);
    assert!(labels(&large).any(|(_, l)| l.text == " (13)"));
    // Teams in natural order: "Team 2" before "Team 10".
    let teams: Vec<&str> = labels(&large)
        .map(|(_, l)| l.text.as_str())
        .filter(|t| t.starts_with("Team "))
        .collect();
    let at = |name: &str| teams.iter().position(|t| *t == name).unwrap();
    assert!(
        at("Team 0") < at("Team 2") && at("Team 2") < at("Team 10"),
        "{teams:?}"
    );
    // Without teams there is nothing to summarise by: one row each, over more pages.
    let untitled = compose(
        &fonts,
        Document::of(&large_report(heatmap::MAX_PERSON_ROWS + 1, false)),
        &options(),
    );
    assert_eq!(row_labels(&untitled), heatmap::MAX_PERSON_ROWS + 1);
}

#[test]
fn finding_sections_list_the_most_severe_and_count_the_rest() {
    let fonts = Fonts::new().unwrap();
    let mut report = fixture();
    let template = report.findings[0].clone();
    report.findings = (0..findings::ROWS_SHOWN + 7)
        .map(|i| crate::audit::Finding {
            id: format!("overlap:r{i:04}"),
            kind: crate::audit::FindingKind::Overlap,
            message: format!("Finding number {i} of many."),
            ..template.clone()
        })
        .collect();
    let composition = compose(&fonts, Document::of(&report), &options());
    assert_nothing_overflows(&composition);
    let texts: Vec<&str> = labels(&composition).map(|(_, l)| l.text.as_str()).collect();
    let last_shown = format!("Finding number {} of many.", findings::ROWS_SHOWN - 1);
    assert!(texts.contains(&last_shown.as_str()));
    assert!(!texts
        .iter()
        .any(|t| t.starts_with(&format!("Finding number {}", findings::ROWS_SHOWN))));
    let all: String = texts.join(" ");
    assert!(
        all.contains("the other 7 are in the JSON"),
        "no note of what was left out"
    );
}

#[test]
fn since_the_last_audit_follows_page_one_and_its_tables_run_on_within_the_pages() {
    use crate::compare::{compare_with_report, Saved};
    let fonts = Fonts::new().unwrap();
    let report = fixture();
    let mut baseline = fixture();
    baseline.people.clear();
    baseline.findings.clear();
    let mut comparison = compare_with_report(&Saved::of_report(&baseline), &report, 0.2).unwrap();
    let template = comparison.new[0].clone();
    comparison.new = (0..150)
        .map(|i| crate::compare::SavedFinding {
            id: format!("overlap:r{i}"),
            message: format!("{} Finding number {i} names many people.", template.message),
            ..template.clone()
        })
        .collect();
    let document = Document {
        audit: &report,
        since: Some(&comparison),
    };
    for paper in [Paper::A4, Paper::Letter] {
        let composition = compose(&fonts, document, &PdfOptions { paper, ..options() });
        assert_nothing_overflows(&composition);
        assert_no_heading_ends_a_page(&composition);
        let on = |page: usize| -> Vec<&str> {
            labels(&composition)
                .filter(|(p, _)| *p == page)
                .map(|(_, l)| l.text.as_str())
                .collect()
        };
        assert_eq!(on(2).first(), Some(&"Since the last audit"), "{:?}", on(1));
        assert!(on(1).contains(&"Since the last audit"), "in the contents");
        assert!(
            on(2).iter().any(|t| t.starts_with("150 new findings")),
            "{:?}",
            on(2)
        );
        let text: Vec<&str> = labels(&composition).map(|(_, l)| l.text.as_str()).collect();
        assert!(text.contains(&"overlap:r59"));
        assert!(!text.contains(&"overlap:r60"), "the table is capped");
        assert!(text
            .iter()
            .any(|t| t.starts_with("The first 60 of 150 are listed")));
        let heatmap = composition
            .outline
            .iter()
            .find(|e| e.title == "Coverage heatmap")
            .map(|e| e.page);
        assert!(heatmap > Some(3), "the new findings ran onto more pages");
        for entry in &composition.outline {
            assert!(on(1).contains(&entry.title.as_str()), "{:?}", entry.title);
        }
    }
}
