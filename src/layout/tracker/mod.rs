//! Issue-tracker exports (Jira, Azure DevOps, GitLab, Asana, Trello, Smartsheet, Planner)
//! recognised by the columns their tool writes, and read without flags.
//!
//! A hand-made list and a tracker's export look alike (a header, then a row per task), but
//! they are read differently: an export names the assignee on every row, so an empty
//! assignee is an unassigned issue, not "the person above"; it repeats each person as an
//! account id or e-mail beside the name, and names a reporter and a creator who do not own
//! the work; it marks issues done, and its epics are the headings of the stories under them.
//!
//! Recognition is by a **signature**: a set of header texts one tool writes, of which
//! several must be present together ([`Signature::agree`]), so that an ordinary list with
//! an "Assignee" and a "Status" column stays an ordinary list. The signatures are one table,
//! [`SIGNATURES`], data rather than code branches: teaching rolecall another tool, or
//! another language of one, is a row or a word there.

use std::collections::{HashMap, HashSet};

use crate::input::{column_letters, RawRow, RawTable};

use super::header::{normalise_header, Decided, DetectedColumn, Header, HEADER_SEARCH_ROWS};
use super::{ColumnRole, LayoutOptions, Line};

mod signatures;

use signatures::{DoneBy, Estimate};
use signatures::{Signature, DONE_WORDS, HEADING_TYPES, SIGNATURES};

/// Whether a status (or a list's name) says the work is done: a done word alone, or
/// leading the text ("Done - sprint 3", "TERMINADO 2019").
pub(super) fn means_done(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    DONE_WORDS.iter().any(|word| {
        lower == *word
            || lower
                .strip_prefix(word)
                .is_some_and(|rest| rest.starts_with(|c: char| !c.is_alphanumeric()))
    })
}

fn is_true(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "true" | "yes" | "1" | "x" | "✓"
    )
}

/// A tracker export recognised on a sheet: the tool, and where each field is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Export {
    pub(super) tool: &'static str,
    pub(super) header_row: u32,
    pub(super) task: u32,
    pub(super) person: u32,
    pub(super) several: bool,
    pub(super) account_id: Option<u32>,
    pub(super) kind: Option<u32>,
    pub(super) status: Option<u32>,
    pub(super) groups: Vec<u32>,
    pub(super) effort: Option<(u32, Estimate)>,
    pub(super) done: Vec<(u32, DoneBy)>,
    labels: Option<u32>,
    template: Option<u32>,
    pub(super) optional_assignee: bool,
    /// Every header, by column, to name columns in the notes.
    headers: Vec<(u32, String)>,
    /// The signature's headers present, in words.
    agreed: Vec<String>,
}

/// The first column (in the row's order) whose header is one of `wanted`, in the order of
/// `wanted`: a repeated header ("Sprint" three times) gives its first column.
fn column_of(headers: &[(u32, String)], wanted: &[&str]) -> Option<u32> {
    wanted
        .iter()
        .find_map(|w| headers.iter().find(|(_, h)| h == w).map(|(c, _)| *c))
}

impl Signature {
    /// The export this signature recognises in `row`, or `None`.
    fn recognise(&'static self, row: &RawRow) -> Option<Export> {
        let headers: Vec<(u32, String)> = row
            .cells
            .iter()
            .map(|c| (c.column, normalise_header(&c.text)))
            .collect();
        let mut agreed: Vec<String> = Vec::new();
        for (_, header) in &headers {
            if self.writes.contains(&header.as_str()) && !agreed.contains(header) {
                agreed.push(header.clone());
            }
        }
        if agreed.len() < self.agree {
            return None;
        }
        let find = |wanted: &[&str]| column_of(&headers, wanted);
        let effort = self
            .effort
            .iter()
            .find_map(|(h, unit)| Some((find(&[*h])?, *unit)));
        let mut done: Vec<(u32, DoneBy)> = Vec::new();
        for (h, by) in self.done {
            if let Some(column) = find(&[*h]) {
                done.push((column, *by));
            }
        }
        let mut groups: Vec<u32> = Vec::new();
        for h in self.group {
            if let Some(column) = find(&[*h]) {
                groups.push(column);
            }
        }
        Some(Export {
            tool: self.tool,
            header_row: row.number,
            task: find(self.task)?,
            person: find(self.person)?,
            several: self.several,
            account_id: find(self.account_id),
            kind: find(self.kind),
            status: find(self.status),
            groups,
            effort,
            done,
            labels: find(self.labels),
            template: find(self.template),
            optional_assignee: self.optional_assignee,
            headers: row
                .cells
                .iter()
                .map(|c| {
                    (
                        c.column,
                        c.text.trim().trim_start_matches('\u{feff}').to_string(),
                    )
                })
                .collect(),
            agreed,
        })
    }
}

/// The tracker export the sheet is, if one: the top row (or the `--header-row`) that the
/// most headers of one signature agree on. Column overrides and `--layout` other than a
/// list leave the sheet to the ordinary readers: the user said how to read it.
pub(super) fn recognise(table: &RawTable, options: &LayoutOptions) -> Option<Export> {
    if !options.columns.is_empty()
        || options
            .layout
            .is_some_and(|layout| layout != super::LayoutKind::List)
    {
        return None;
    }
    let mut best: Option<Export> = None;
    for row in super::header::header_candidates(table, options).take(HEADER_SEARCH_ROWS) {
        for signature in SIGNATURES {
            if let Some(export) = signature.recognise(row) {
                if best
                    .as_ref()
                    .is_none_or(|b| export.agreed.len() > b.agreed.len())
                {
                    best = Some(export);
                }
            }
        }
        if best.is_some() {
            break;
        }
    }
    best
}

impl Export {
    fn header_of(&self, column: u32) -> &str {
        self.headers
            .iter()
            .find(|(c, _)| *c == column)
            .map_or("", |(_, h)| h.as_str())
    }

    fn named(&self, column: u32) -> String {
        format!("{} \"{}\"", column_letters(column), self.header_of(column))
    }

    fn detected(&self, role: ColumnRole, column: u32) -> DetectedColumn {
        DetectedColumn {
            role,
            at: Line::Column(column),
            header: self.header_of(column).to_string(),
            decided: Decided::Header,
        }
    }

    /// The header the list reader reads the export under: task, person, group, effort.
    pub(super) fn header(&self) -> Header {
        let mut columns = vec![
            self.detected(ColumnRole::Task, self.task),
            self.detected(ColumnRole::Person, self.person),
        ];
        if let Some(&group) = self.groups.first() {
            columns.push(self.detected(ColumnRole::Group, group));
        }
        if let Some((effort, _)) = self.effort {
            columns.push(self.detected(ColumnRole::Effort, effort));
        }
        columns.sort_by_key(|c| c.at);
        Header {
            row: self.header_row,
            columns,
            learned: None,
            rival: None,
            tracker: Some(Box::new(self.clone())),
        }
    }

    /// How the export was read, in words, for the sheet's notes.
    pub(super) fn describe(&self, done: usize, left_out: bool) -> String {
        let mut parts = vec![
            format!("task = {}", self.named(self.task)),
            format!("person = {}", self.named(self.person)),
        ];
        if let Some(id) = self.account_id {
            parts.push(format!(
                "{} holds account ids, folded into the names they stand for",
                self.named(id)
            ));
        }
        if let Some(status) = self.status {
            parts.push(format!("status = {}", self.named(status)));
        }
        if let Some(kind) = self.kind {
            parts.push(format!(
                "type = {} (an epic with nobody assigned is the heading of its issues)",
                self.named(kind)
            ));
        }
        if !self.groups.is_empty() {
            let groups: Vec<String> = self.groups.iter().map(|&g| self.named(g)).collect();
            parts.push(format!("group = {}", groups.join(" or ")));
        }
        if let Some((effort, unit)) = self.effort {
            parts.push(format!(
                "effort = {} ({})",
                self.named(effort),
                unit.describe()
            ));
        }
        let done = match (done, left_out) {
            (0, _) => "no issue is done".to_string(),
            (n, true) => format!("{n} done issue(s) left out (--open-only)"),
            (n, false) => format!("{n} done issue(s) counted as work, apart from open ones"),
        };
        parts.push(done);
        format!(
            "read as a {} export (headers {}): {}; an empty person is an unassigned issue, never the person above; reporters, creators and watchers are not owners",
            self.tool,
            self.agreed
                .iter()
                .take(5)
                .map(|h| format!("\"{h}\""))
                .collect::<Vec<_>>()
                .join(", "),
            parts.join("; ")
        )
    }

    /// Whether the row's issue is done, by any of the export's done columns.
    ///
    /// Of the columns read for their words, only the first the export has speaks (Jira's
    /// Status Category before its Status): a workflow's own status names are many and the
    /// category is the tool's word on them. A flag or a completion date always speaks.
    pub(super) fn is_done(&self, row: &RawRow) -> bool {
        let words = self
            .done
            .iter()
            .find(|(_, by)| *by == DoneBy::Words)
            .map(|(column, _)| *column);
        self.done.iter().any(|&(column, by)| {
            row.get(column).is_some_and(|text| match by {
                DoneBy::Words => Some(column) == words && means_done(text),
                DoneBy::Filled => !text.trim().is_empty(),
                DoneBy::Flag => is_true(text),
            })
        })
    }

    /// Whether the row is a template to copy (a Trello card template), not work.
    pub(super) fn is_template(&self, row: &RawRow) -> bool {
        self.template.and_then(|c| row.get(c)).is_some_and(is_true)
    }

    /// The rows of a legend kept as cards: boards explain their labels with a list of
    /// cards, each named after its one label ("AUTOMATIZACION" labelled "Automatización").
    /// A group (a list) where most cards name their label is such a legend, and its cards
    /// with one label and nobody on them are its entries, not work.
    pub(super) fn legend_rows(&self, rows: &[RawRow]) -> HashSet<u32> {
        let (Some(labels), Some(&group)) = (self.labels, self.groups.first()) else {
            return HashSet::new();
        };
        let body = || rows.iter().filter(|r| r.number > self.header_row);
        // Per group: its cards, and those named after their one label.
        let mut tally: HashMap<&str, (usize, usize)> = HashMap::new();
        for row in body() {
            let Some(list) = row.get(group) else { continue };
            let entry = tally.entry(list).or_default();
            entry.0 += 1;
            let names_label = row
                .get(labels)
                .zip(row.get(self.task))
                .is_some_and(|(label, name)| !label.contains(',') && folded(label) == folded(name));
            entry.1 += usize::from(names_label);
        }
        let legends: HashSet<&str> = tally
            .into_iter()
            .filter(|(_, (cards, naming))| *naming >= 3 && naming * 3 >= cards * 2)
            .map(|(list, _)| list)
            .collect();
        body()
            .filter(|row| row.get(group).is_some_and(|list| legends.contains(list)))
            .filter(|row| row.get(self.person).is_none_or(|p| p.trim().is_empty()))
            .filter(|row| row.get(labels).is_some_and(|l| !l.contains(',')))
            .map(|row| row.number)
            .collect()
    }

    /// Whether the row is an epic nobody is assigned: the heading of the issues under it.
    pub(super) fn is_heading(&self, row: &RawRow) -> bool {
        self.kind
            .and_then(|k| row.get(k))
            .is_some_and(|t| HEADING_TYPES.contains(&t.trim().to_lowercase().as_str()))
    }

    /// The row's group: its first filled group column.
    pub(super) fn group<'r>(&self, row: &'r RawRow) -> Option<&'r str> {
        self.groups
            .iter()
            .filter_map(|&g| row.get(g))
            .map(str::trim)
            .find(|t| !t.is_empty())
    }

    /// The row's estimate as effort: seconds as hours, points and hours as they are; zero
    /// is no estimate.
    pub(super) fn effort(&self, row: &RawRow) -> Option<f64> {
        let (column, unit) = self.effort?;
        let text = row.get(column)?.trim().replace(',', ".");
        let number_end = text
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(text.len());
        let value: f64 = text[..number_end].parse().ok()?;
        // Planners write "4 hours" or "2 days"; a day is a working day of eight hours.
        let unit_word = text[number_end..].trim().to_lowercase();
        let value = match unit {
            Estimate::Seconds => value / 3600.0,
            Estimate::Hours if unit_word.starts_with('d') => value * 8.0,
            Estimate::Hours if unit_word.starts_with('m') => value / 60.0,
            Estimate::Hours | Estimate::Points => value,
        };
        (value.is_finite() && value > 0.0).then_some(value)
    }

    /// Each written assignee to the name that stands for their person: the names one account
    /// id is written with are one person, named by the spelling written most often (the
    /// first on a tie). An identity's trailing "<DOMAIN\\user>" or "<e-mail>" is dropped.
    pub(super) fn spellings(&self, rows: &[RawRow]) -> HashMap<String, String> {
        let mut by_id: HashMap<&str, Vec<(&str, usize)>> = HashMap::new();
        let mut order: Vec<&str> = Vec::new();
        for row in rows.iter().filter(|r| r.number > self.header_row) {
            let (Some(name), Some(id)) = (
                row.get(self.person)
                    .map(str::trim)
                    .filter(|n| !n.is_empty()),
                self.account_id
                    .and_then(|c| row.get(c))
                    .map(str::trim)
                    .filter(|i| !i.is_empty()),
            ) else {
                continue;
            };
            let names = by_id.entry(id).or_insert_with(|| {
                order.push(id);
                Vec::new()
            });
            match names.iter_mut().find(|(n, _)| *n == name) {
                Some((_, count)) => *count += 1,
                None => names.push((name, 1)),
            }
        }
        let mut spellings = HashMap::new();
        for id in order {
            let names = &by_id[id];
            let Some(&(best, _)) = names.iter().rev().max_by_key(|(_, count)| *count) else {
                continue;
            };
            for (name, _) in names {
                if *name != best {
                    spellings.insert(name.to_string(), best.to_string());
                }
            }
        }
        spellings
    }
}

/// Text for comparing a label with a card's name: lowercase, accents and marks dropped,
/// spaces collapsed.
fn folded(text: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A name without the identity an export writes after it: "Lee, Ann <CORP\\alee>" is
/// "Lee, Ann".
pub(super) fn without_identity(name: &str) -> &str {
    let name = name.trim();
    match name.rfind('<') {
        Some(at) if at > 0 && name.ends_with('>') => name[..at].trim_end(),
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: u32, texts: &[&str]) -> RawRow {
        RawRow::from_texts(number, texts)
    }

    fn table(rows: Vec<RawRow>) -> RawTable {
        RawTable {
            file: "t.csv".into(),
            sheet: None,
            rows,
            merged: Vec::new(),
        }
    }

    #[test]
    fn a_jira_header_with_a_byte_order_mark_is_recognised_on_its_row() {
        let t = table(vec![row(
            1,
            &[
                "\u{feff}Summary",
                "Issue key",
                "Issue id",
                "Issue Type",
                "Status",
                "Assignee",
                "Assignee Id",
                "Sprint",
                "Sprint",
            ],
        )]);
        let export = recognise(&t, &LayoutOptions::default()).unwrap_or_else(|| panic!("none"));
        assert_eq!((export.tool, export.header_row), ("Jira", 1));
        assert_eq!((export.task, export.person), (0, 5));
        assert_eq!(export.account_id, Some(6));
        assert_eq!(export.groups, vec![7]);
    }

    #[test]
    fn the_status_category_speaks_before_the_status() {
        let header = row(
            1,
            &[
                "Summary",
                "Issue key",
                "Issue id",
                "Issue Type",
                "Status",
                "Assignee",
                "Status Category",
            ],
        );
        let t = table(vec![header]);
        let export = recognise(&t, &LayoutOptions::default()).unwrap_or_else(|| panic!("none"));
        let issue = |status: &str, category: &str| {
            row(2, &["Fix it", "K-1", "1", "Task", status, "Ana", category])
        };
        assert!(!export.is_done(&issue("Closed", "In Progress")));
        assert!(export.is_done(&issue("Shipped", "Done")));
        // Without a category, the status speaks.
        let t = table(vec![row(
            1,
            &[
                "Summary",
                "Issue key",
                "Issue id",
                "Issue Type",
                "Status",
                "Assignee",
            ],
        )]);
        let export = recognise(&t, &LayoutOptions::default()).unwrap_or_else(|| panic!("none"));
        assert!(export.is_done(&row(2, &["Fix it", "K-1", "1", "Task", "Closed", "Ana"])));
    }

    #[test]
    fn one_tool_word_is_not_a_signature() {
        let t = table(vec![row(1, &["Assignee", "Task", "Status", "Priority"])]);
        assert_eq!(recognise(&t, &LayoutOptions::default()), None);
    }

    #[test]
    fn done_words_and_identities() {
        assert!(means_done("Done"));
        assert!(means_done("Finalizada"));
        assert!(means_done("TERMINADO 2019"));
        assert!(!means_done("Tareas por hacer"));
        assert!(!means_done("Donegal"));
        assert_eq!(without_identity("Lee, Ann <CORP\\alee>"), "Lee, Ann");
        assert_eq!(without_identity("<nobody>"), "<nobody>");
    }
}
