//! Issues of a tracker export that nobody is assigned to. They have no assignment, so no
//! other rule sees them: the reading keeps them (`TrackerNotes::unassigned`), and here they
//! become one finding per sheet and state rather than one per issue, since a tracker can
//! hold hundreds of them. Each issue's cell is named, runs of rows as ranges ("A2:A13"),
//! so every one can be found.
//!
//! An open issue with nobody on it is work that may not happen: worth a look (medium). A
//! done issue closed with nobody on it is no gap, only a record of who did it missing
//! (info).

use crate::input::{column_letters, Location};
use crate::layout::{InputNotes, SheetNotes, UnassignedIssue};
use crate::text::{capped_of, thousands, NAMES_SHOWN};

use super::{Finding, FindingKind, Severity};

/// The findings about the unassigned issues of every tracker sheet read.
pub(in crate::audit) fn unassigned_issues(input: &InputNotes) -> Vec<Finding> {
    let mut out = Vec::new();
    for sheet in &input.sheets {
        let Some(tracker) = &sheet.tracker else {
            continue;
        };
        for done in [false, true] {
            let issues: Vec<&UnassignedIssue> = tracker
                .unassigned
                .iter()
                .filter(|i| i.done == done)
                .collect();
            if !issues.is_empty() {
                out.push(finding(&input.file, sheet, &tracker.tool, &issues, done));
            }
        }
    }
    out
}

fn finding(
    file: &str,
    sheet: &SheetNotes,
    tool: &str,
    issues: &[&UnassignedIssue],
    done: bool,
) -> Finding {
    let where_ = Location {
        sheet: sheet.sheet.clone(),
        ..Location::file(file)
    };
    let state = if done { "done" } else { "open" };
    let count = match issues.len() {
        1 => format!("1 {state} issue"),
        n => format!("{} {state} issues", thousands(n)),
    };
    let titles: Vec<String> = issues
        .iter()
        .take(NAMES_SHOWN)
        .map(|i| format!("\"{}\"", shortened(&i.task)))
        .collect();
    let message = format!(
        "{count} of the {tool} export {} nobody assigned ({where_}, cells {}): {}.",
        if issues.len() == 1 { "has" } else { "have" },
        cell_runs(issues),
        capped_of(&titles, issues.len()),
    );
    let (severity, advice) = if done {
        (
            Severity::Info,
            "Done work with nobody on record: if who did it matters (credit, follow-up questions), set the assignee in the tracker.",
        )
    } else {
        (
            Severity::Medium,
            "Give each an assignee, or close the ones that are no longer work: open work nobody owns is work nobody is doing.",
        )
    };
    Finding {
        id: format!(
            "{}:{}:{state}",
            FindingKind::UnassignedTask,
            sheet.sheet.as_deref().unwrap_or(file)
        ),
        kind: FindingKind::UnassignedTask,
        severity,
        people: Vec::new(),
        responsibilities: Vec::new(),
        tasks: Vec::new(),
        message,
        advice: advice.into(),
    }
}

/// An issue's title cut to a line's length: a summary can run to a paragraph.
fn shortened(title: &str) -> String {
    const MOST: usize = 60;
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.chars().count() <= MOST {
        return title;
    }
    let cut: String = title.chars().take(MOST - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The issues' cells, consecutive rows of one column as a range: "A2:A13, A21".
fn cell_runs(issues: &[&UnassignedIssue]) -> String {
    let mut runs: Vec<(u32, u32, u32)> = Vec::new();
    for issue in issues {
        match runs.last_mut() {
            Some((column, _, last)) if *column == issue.column && *last + 1 == issue.row => {
                *last = issue.row;
            }
            _ => runs.push((issue.column, issue.row, issue.row)),
        }
    }
    runs.iter()
        .map(|&(column, first, last)| {
            let letters = column_letters(column);
            if first == last {
                format!("{letters}{first}")
            } else {
                format!("{letters}{first}:{letters}{last}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(row: u32) -> UnassignedIssue {
        UnassignedIssue {
            row,
            column: 0,
            task: format!("Issue {row}"),
            done: false,
        }
    }

    #[test]
    fn consecutive_rows_are_one_range() {
        let issues = [issue(2), issue(3), issue(4), issue(9), issue(11), issue(12)];
        let refs: Vec<&UnassignedIssue> = issues.iter().collect();
        assert_eq!(cell_runs(&refs), "A2:A4, A9, A11:A12");
    }
}
