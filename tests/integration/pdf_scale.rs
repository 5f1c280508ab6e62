//! The PDF at any size: generated organisations of 13, 366 and 18,000 people stay within a
//! page budget, page 1 is one page with the headline, "What matters most" and the contents,
//! the contents gives every section its right page, and no page is empty or ends in a
//! heading. The samples check the defects seen before: the appendix header "Score" broken
//! as "Scor/e", a heading alone at the foot of a page, the launch chart's contents without
//! Appendix B.
//!
//! Needs poppler-utils (pdftotext, pdfinfo); see `pdf::poppler_available`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{generated_org, pdftotext, poppler, sample, TestEnv};

/// Section and subsection titles a report can have; Appendix A's title depends on how much
/// of it is printed, so it is matched by its start.
const TITLES: [&str; 11] = [
    "Coverage heatmap",
    "Role mix per person",
    "Findings",
    "Language",
    "Overlaps",
    "Gaps",
    "Role drift",
    "Single points of failure",
    "RACI chart",
    "Appendix A:",
    "Appendix B:",
];

fn render(env: &TestEnv, input: &Path, extra: &[&str]) -> PathBuf {
    let name = input
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let out = env.path(&format!("{name}{}.pdf", extra.join("")));
    let mut args = vec![
        "audit".to_string(),
        input.display().to_string(),
        "--format".into(),
        "pdf".into(),
        "-o".into(),
        out.display().to_string(),
        "--generated-at".into(),
        "2026-12-03".into(),
        "--quiet".into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    env.run(&args).success();
    out
}

/// Every page's text as pdftotext lays it out, the footer line left off.
fn pages(pdf: &Path) -> Vec<Vec<String>> {
    let text = pdftotext(pdf, "-layout");
    let mut pages: Vec<Vec<String>> = text
        .split('\u{c}')
        .map(|page| {
            page.lines()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty() && !l.starts_with("Role audit:"))
                .collect()
        })
        .collect();
    // The text ends in a form feed, which leaves nothing after it.
    if pages.last().is_some_and(Vec::is_empty) {
        pages.pop();
    }
    pages
}

fn page_count(pdf: &Path) -> usize {
    let output = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("pdfinfo: {e}"));
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo gave no page count"))
}

/// Whether a line is a section's title (not the "(continued)" line a table's next page
/// opens with).
fn is_title(line: &str) -> bool {
    !line.ends_with("(continued)")
        && TITLES
            .iter()
            .any(|t| line == *t || (t.ends_with(':') && line.starts_with(t)))
}

/// The contents on page 1: (title, page) for each line between "Contents" and the end.
fn contents(page_one: &[String]) -> Vec<(String, usize)> {
    let start = page_one
        .iter()
        .position(|l| l == "Contents")
        .unwrap_or_else(|| panic!("page 1 has no contents: {page_one:#?}"));
    page_one[start + 1..]
        .iter()
        .filter_map(|line| {
            let (title, number) = line.rsplit_once(' ')?;
            Some((title.trim().to_string(), number.parse().ok()?))
        })
        .collect()
}

/// The checks every report must pass, whatever its size.
#[track_caller]
fn assert_well_formed(pdf: &Path) -> Vec<Vec<String>> {
    let pages = pages(pdf);
    assert_eq!(pages.len(), page_count(pdf));
    let one = &pages[0];
    for expected in [
        "people",
        "What matters most",
        "How to read this report",
        "Contents",
    ] {
        assert!(
            one.iter().any(|l| l.contains(expected)),
            "page 1 lacks {expected:?}: {one:#?}"
        );
    }
    assert_eq!(
        pages[1].first().map(String::as_str),
        Some("Coverage heatmap")
    );
    let listed = contents(one);
    for (title, page) in &listed {
        assert!(
            pages[page - 1].iter().any(|l| l == title),
            "the contents puts {title:?} on page {page}, which lacks it"
        );
    }
    for (index, page) in pages.iter().enumerate() {
        assert!(!page.is_empty(), "page {} is empty", index + 1);
        // Page 1's contents names the titles; on every other page a title is a heading.
        let headings = if index == 0 { &page[..0] } else { &page[..] };
        let titles = headings.iter().filter(|l| is_title(l)).count();
        assert!(
            titles < page.len(),
            "page {} holds nothing but headings: {page:?}",
            index + 1
        );
        if let Some(last) = headings.last() {
            assert!(
                !is_title(last),
                "page {} ends in the heading {last:?}",
                index + 1
            );
        }
        for line in headings.iter().filter(|l| is_title(l)) {
            assert!(
                listed.iter().any(|(t, _)| t == line),
                "{line:?} (page {}) is not in the contents {listed:?}",
                index + 1
            );
        }
        for line in page {
            assert!(
                !line.split_whitespace().any(|w| w == "Scor"),
                "page {}: a header broken inside a word: {line:?}",
                index + 1
            );
        }
    }
    let heatmap_start = listed
        .iter()
        .find(|(t, _)| t == "Coverage heatmap")
        .map(|e| e.1);
    let heatmap_end = listed
        .iter()
        .find(|(t, _)| t == "Role mix per person")
        .map(|e| e.1);
    if let (Some(start), Some(end)) = (heatmap_start, heatmap_end) {
        for page in &pages[start - 1..end - 1] {
            for word in page.iter().flat_map(|l| l.split_whitespace()) {
                let cut_number = word
                    .strip_suffix('…')
                    .is_some_and(|w| w.chars().any(|c| c.is_ascii_digit()));
                assert!(!cut_number, "a cut number in the heatmap: {word:?}");
            }
        }
    }
    pages
}

#[test]
fn a_team_of_13_gets_the_whole_report() {
    if !poppler(&["pdfinfo", "pdftotext"]) {
        return;
    }
    let env = TestEnv::new();
    let pdf = render(&env, &generated_org(&env, 13, 5), &[]);
    let pages = assert_well_formed(&pdf);
    let all: String = pages.concat().join(" ");
    assert!(all.contains("Appendix A: every task"));
    assert!(
        !all.contains("the tasks behind the findings"),
        "a small team's appendix was cut"
    );
    assert!(
        !all.contains("in the JSON"),
        "something was left out of a small report"
    );
}

#[test]
fn an_organisation_of_366_fits_40_pages() {
    if !poppler(&["pdfinfo", "pdftotext"]) {
        return;
    }
    let env = TestEnv::new();
    let input = generated_org(&env, 366, 5);
    let pdf = render(&env, &input, &[]);
    assert!(page_count(&pdf) <= 40, "{} pages", page_count(&pdf));
    assert_well_formed(&pdf);
    // --appendix none drops Appendix A and its contents line; full prints every task.
    let none = render(&env, &input, &["--appendix", "none"]);
    let pages = assert_well_formed(&none);
    assert!(!contents(&pages[0])
        .iter()
        .any(|(t, _)| t.starts_with("Appendix A")));
    assert!(contents(&pages[0])
        .iter()
        .any(|(t, _)| t.starts_with("Appendix B")));
    let full = render(&env, &input, &["--appendix", "full"]);
    let pages = assert_well_formed(&full);
    assert!(contents(&pages[0])
        .iter()
        .any(|(t, _)| t == "Appendix A: every task"));
    assert!(page_count(&full) > page_count(&pdf));
}

#[test]
fn an_organisation_of_18000_fits_80_pages() {
    if !poppler(&["pdfinfo", "pdftotext"]) {
        return;
    }
    let env = TestEnv::new();
    let pdf = render(&env, &generated_org(&env, 18_000, 5), &[]);
    assert!(page_count(&pdf) <= 80, "{} pages", page_count(&pdf));
    assert_well_formed(&pdf);
}

#[test]
fn samples_keep_headers_whole_headings_with_their_text_and_appendix_b_listed() {
    if !poppler(&["pdfinfo", "pdftotext"]) {
        return;
    }
    let env = TestEnv::new();
    for name in [
        "startup-five.csv",
        "launch-raci.xlsx",
        "northwind-product-org.xlsx",
    ] {
        let pdf = render(&env, &sample(name), &[]);
        let pages = assert_well_formed(&pdf);
        let listed = contents(&pages[0]);
        assert!(
            listed
                .iter()
                .any(|(t, _)| t == "Appendix B: how the sheet was read"),
            "{name}: the contents lacks Appendix B: {listed:?}"
        );
    }
}
