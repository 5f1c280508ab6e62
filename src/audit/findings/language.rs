//! The language rule: a team whose task lines the rubrics cannot read gets this one finding
//! instead of matching findings built on words shared by chance.

use super::{Finding, Severity};
use crate::audit::{Facts, FindingKind};
use crate::text::slug;

pub(super) fn foreign_language(facts: &Facts<'_>) -> Vec<Finding> {
    let Some(foreign) = &facts.foreign else {
        return Vec::new();
    };
    vec![Finding {
        id: format!(
            "{}:{}",
            FindingKind::ForeignLanguage.name(),
            slug(foreign.language)
        ),
        kind: FindingKind::ForeignLanguage,
        severity: Severity::High,
        people: Vec::new(),
        responsibilities: Vec::new(),
        tasks: Vec::new(),
        message: format!(
            "The tasks read as {}, and the rubrics are written in English: {} known to the matcher. Matches would rest on words shared by chance, so no overlap, gap, drift or missing core work is reported. The RACI checks do not depend on language and still stand.",
            foreign.language,
            match foreign.known {
                0 => format!("none of their {} words is", foreign.words),
                1 => format!("1 of their {} words is", foreign.words),
                n => format!("only {n} of their {} words are", foreign.words),
            }
        ),
        advice: "Consider bringing rubrics written in the tasks' language (--rubric), or pass --any-language to match the tasks as they are.".into(),
    }]
}
