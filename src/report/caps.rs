//! What the short reports (the terminal summary and `--format md --summary`) show of the
//! lists that grow with the organisation. An audit of 18,000 people has tens of thousands of
//! people rows and findings whose messages name hundreds of people; a reader of a summary
//! wants the notable few and a count of the rest, which CSV and JSON give in full.

use std::collections::HashMap;

use crate::audit::{AuditReport, FindingKind, Person};

/// People rows a short report shows.
pub(super) const PEOPLE: usize = 25;

/// Characters of one finding's message a short report shows: long enough for every message
/// of a small team whole, short enough that a message naming hundreds of people stays a few
/// lines.
pub(super) const MESSAGE_CHARS: usize = 320;

/// Rows of each roll-up table (by title, by team) in the summaries: the largest groups.
pub(super) const ROLLUP_ROWS: usize = 12;

/// Items of each list of "Since the last audit" (new findings, people who joined, ...) in the
/// summaries: a comparison with a very different audit can list thousands.
pub(super) const SINCE_ITEMS: usize = 10;

/// Where the rest of a capped list is.
pub(super) const ELSEWHERE: &str = "all of them with --format csv or json";

/// The people a summary shows first: those whose work has drifted from their title, then
/// those named in the most findings, then those with the most tasks; names break ties so the
/// order is stable.
pub(super) fn notable_people(report: &AuditReport) -> Vec<&Person> {
    let mut marks: HashMap<&str, (bool, usize)> = HashMap::new();
    for finding in &report.findings {
        for name in &finding.people {
            let mark = marks.entry(name).or_default();
            mark.0 |= finding.kind == FindingKind::Drift;
            mark.1 += 1;
        }
    }
    let mut people: Vec<(&Person, (bool, usize))> = report
        .people
        .iter()
        .map(|p| (p, marks.get(&*p.name).copied().unwrap_or_default()))
        .collect();
    people.sort_by(|(a, am), (b, bm)| {
        bm.cmp(am)
            .then(b.tasks.cmp(&a.tasks))
            .then(a.name.cmp(&b.name))
    });
    people.into_iter().map(|(p, _)| p).collect()
}

/// `text` in at most `max` characters, shortened as every report shortens text.
pub(super) fn clip(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    crate::text::shorten(text, |s| s.chars().count() <= max)
}

#[cfg(test)]
mod tests {
    use super::clip;

    #[test]
    fn clip_keeps_short_text_and_cuts_long_text_at_a_word() {
        assert_eq!(clip("Ana and Bo", 20), "Ana and Bo");
        assert_eq!(clip("Ana, Bo, Cy and Di", 10), "Ana, Bo …");
        assert_eq!(
            clip("Ana plans it. Bo helps with the launch.", 20),
            "Ana plans it."
        );
        assert_eq!(clip("陈伟陈伟陈伟", 4), "陈伟 …");
    }

    #[test]
    fn notable_people_put_drift_first_then_findings_then_tasks() {
        let report = crate::report::tests::fixture();
        let order: Vec<&str> = super::notable_people(&report)
            .iter()
            .map(|p| &*p.name)
            .collect();
        let drifted: Vec<&str> = report
            .findings
            .iter()
            .filter(|f| f.kind == crate::audit::FindingKind::Drift)
            .flat_map(|f| f.people.iter().map(|n| &**n))
            .collect();
        assert!(!drifted.is_empty(), "the fixture has drift");
        assert!(drifted.contains(&order[0]), "{order:?} vs {drifted:?}");
    }
}
