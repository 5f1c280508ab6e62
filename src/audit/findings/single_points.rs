//! The single-point-of-failure rule: core responsibilities exactly one person carries, with
//! the best backup to name.

use super::{Finding, Severity};
use crate::audit::{Facts, FindingKind};

/// A single point rests on the one carrier's confident match, and on nobody else carrying
/// the responsibility even weakly: a second person on a weak match may well be a backup, so
/// that is a case for review, not a finding.
pub(super) fn single_points_of_failure(facts: &Facts<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (r, carriers) in facts.sure_carriers.iter().enumerate() {
        let resp = &facts.rubric.responsibilities[r];
        let [only] = carriers.as_slice() else {
            continue;
        };
        if !resp.core || facts.carriers[r].len() > 1 {
            continue;
        }
        let person = &facts.profiles[*only].name;
        let behind = facts.sure_of(&facts.credited[r]);
        out.push(Finding {
            id: format!("single-point-of-failure:{}", resp.id),
            kind: FindingKind::SinglePointOfFailure,
            severity: Severity::Medium,
            people: vec![person.clone()],
            responsibilities: vec![facts.names.responsibilities[r].0.clone()],
            tasks: behind.iter().map(|&t| facts.tasks[t].id).collect(),
            message: format!(
                "Only {person} carries {}, a core responsibility, {}: nobody covers it when they are away.",
                facts.responsibility_label(r),
                facts.evidence(&behind)
            ),
            advice: backup_advice(facts, r, *only).into(),
        });
    }
    out
}

/// A backup for work only one person carries: someone doing related work of its role.
fn backup_advice(facts: &Facts<'_>, r: usize, only: usize) -> String {
    let Some(role) = facts.role_of_responsibility(r) else {
        return "Consider writing down how it is done and training a second person.".to_string();
    };
    match facts.candidate(role, &[only], facts.profiles[only].team.as_deref()) {
        Some(backup) => format!(
            "Consider {}, who does related {} work, as a backup: pair them on it and write down how it is done.",
            facts.named(backup),
            facts.role_name(role)
        ),
        None => format!(
            "Nobody else does {} work: consider writing down how it is done and training a second person.",
            facts.role_name(role)
        ),
    }
}
