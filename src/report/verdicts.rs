//! The report's verdicts, each once: a verdict depends on a task's text alone, and an
//! organisation's sheet repeats its task lines, so the JSON report, the CSV tables and the
//! workbook list every distinct text's verdict once and each task names it by id.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use crate::audit::{TaskRecord, VerdictRecord};

/// A verdict's id in one report: `V1` is the verdict of the first task, `V2` that of the
/// first task with another text, and so on, so the same input gives the same ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct VerdictId(u32);

impl fmt::Display for VerdictId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "V{}", self.0 + 1)
    }
}

impl serde::Serialize for VerdictId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One distinct text and its verdict.
pub(super) struct Verdict<'r> {
    pub(super) id: VerdictId,
    pub(super) text: &'r str,
    pub(super) record: &'r VerdictRecord,
    /// How many of the report's tasks it is the verdict of.
    pub(super) tasks: usize,
}

/// The report's distinct verdicts, in order of their first task, and each task's.
pub(super) struct Verdicts<'r> {
    pub(super) list: Vec<Verdict<'r>>,
    of_task: Vec<VerdictId>,
}

impl<'r> Verdicts<'r> {
    /// Tasks of one text share one verdict record (see `audit::verdicts`), so the record's
    /// address tells them apart without hashing a million texts again.
    pub(super) fn of(tasks: &'r [TaskRecord]) -> Verdicts<'r> {
        let mut index: HashMap<*const VerdictRecord, VerdictId> = HashMap::new();
        let mut list = Vec::new();
        let of_task = tasks
            .iter()
            .map(|task| {
                let id = *index.entry(Arc::as_ptr(&task.verdict)).or_insert_with(|| {
                    let id = VerdictId(u32::try_from(list.len()).unwrap_or(u32::MAX));
                    list.push(Verdict {
                        id,
                        text: &task.task,
                        record: &task.verdict,
                        tasks: 0,
                    });
                    id
                });
                list[id.0 as usize].tasks += 1;
                id
            })
            .collect();
        Verdicts { list, of_task }
    }

    /// Each task beside its verdict's id, for writers that take a list of rows.
    pub(super) fn task_lines<'t>(
        &self,
        tasks: &'t [TaskRecord],
    ) -> Vec<(&'t TaskRecord, VerdictId)> {
        tasks.iter().zip(self.of_task.iter().copied()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::{assignment, report_of};

    #[test]
    fn tasks_of_one_text_name_one_verdict_numbered_by_first_appearance() {
        let report = report_of(&[
            assignment("Ana", "Planner", "Own the roadmap", 2),
            assignment("Ben", "Planner", "Fix the build", 3),
            assignment("Cai", "Engineer", "Own the roadmap", 4),
        ]);
        let verdicts = Verdicts::of(&report.tasks);
        let texts: Vec<&str> = verdicts.list.iter().map(|v| v.text).collect();
        assert_eq!(texts, ["Own the roadmap", "Fix the build"]);
        let ids: Vec<String> = (verdicts.task_lines(&report.tasks).iter())
            .map(|(_, id)| id.to_string())
            .collect();
        assert_eq!(ids, ["V1", "V2", "V1"]);
        let uses: Vec<usize> = verdicts.list.iter().map(|v| v.tasks).collect();
        assert_eq!(uses, [2, 1]);
    }
}
