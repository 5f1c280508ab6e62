//! The gap rules: responsibilities and roles nobody carries, roles nobody is titled for, and
//! people titled for a role who carry none of some of its core work.

use super::{Finding, Severity};
use crate::audit::{Facts, FindingKind, Profile};
use crate::text::{and_list, percent, slug};

/// Responsibilities nobody carries, in the roles audited for gaps (see [`super::Scope`]). A
/// role with no work carried at all is one finding that lists its responsibilities, instead
/// of one finding per responsibility. A role out of scope that nobody is titled for is said
/// once, as context: how much of its work the team does anyway, and who does it.
pub(super) fn gaps(facts: &Facts<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (index, role) in facts.rubric.roles.iter().enumerate() {
        let own: Vec<usize> = (0..facts.rubric.responsibilities.len())
            .filter(|&r| facts.rubric.responsibilities[r].role == role.id)
            .collect();
        if !facts.in_scope[index] {
            // Unrecognised titles: their holders may hold the role (see titles.rs).
            let maybe_held = || super::titles::maybe_held_unrecognised(facts, index);
            if !facts.held[index] && facts.settings.scope.roles.is_none() && !maybe_held() {
                out.push(unstaffed_role(facts, index, &own));
            }
            continue;
        }
        let uncovered: Vec<usize> = own
            .iter()
            .copied()
            .filter(|&r| facts.carriers[r].is_empty())
            .collect();
        if !own.is_empty() && uncovered.len() == own.len() {
            out.push(Finding {
                id: format!("role-gap:{}", role.id),
                kind: FindingKind::RoleGap,
                severity: Severity::High,
                people: Vec::new(),
                responsibilities: own
                    .iter()
                    .map(|&r| facts.names.responsibilities[r].0.clone())
                    .collect(),
                tasks: Vec::new(),
                message: format!(
                    "Nobody does any {} work: none of its {} responsibilities is carried.",
                    role.name,
                    own.len()
                ),
                advice: format!(
                    "Decide whether the team needs {} work; if it does, name an owner for its core responsibilities or open a role for it.",
                    role.name
                ),
            });
            continue;
        }
        for r in uncovered {
            let resp = &facts.rubric.responsibilities[r];
            let advice = match facts.candidate(index, &[], None) {
                Some(candidate) => format!(
                    "Consider asking {}, who carries the most other {} work, to own it, or record that the team does not need it.",
                    facts.named(candidate),
                    role.name
                ),
                None => format!(
                    "Decide whether the team needs it, and name an owner if it does: nobody does other {} work.",
                    role.name
                ),
            };
            out.push(Finding {
                id: format!("gap:{}", resp.id),
                kind: FindingKind::Gap,
                severity: if resp.core {
                    Severity::High
                } else {
                    Severity::Low
                },
                people: Vec::new(),
                responsibilities: vec![facts.names.responsibilities[r].0.clone()],
                tasks: Vec::new(),
                message: format!(
                    "Nobody carries {}{}.",
                    facts.responsibility_label(r),
                    if resp.core {
                        ", a core responsibility"
                    } else {
                        ""
                    }
                ),
                advice,
            });
        }
    }
    out
}

/// The one finding for a role nobody is titled for, out of the gap audit's scope.
fn unstaffed_role(facts: &Facts<'_>, role: usize, own: &[usize]) -> Finding {
    let name = facts.role_name(role);
    let id = &facts.rubric.roles[role].id;
    let matched: f64 = facts.profiles.iter().map(Profile::matched_weight).sum();
    let done: f64 = facts.profiles.iter().map(|p| p.role_weight[role]).sum();
    let mut doers: Vec<usize> = (0..facts.profiles.len())
        .filter(|&p| facts.profiles[p].role_weight[role] > 0.0)
        .collect();
    doers.sort_by(|&a, &b| {
        let weight = |p: usize| facts.profiles[p].role_weight[role];
        weight(b).total_cmp(&weight(a)).then(a.cmp(&b))
    });
    let (message, advice) = match doers.first() {
        Some(&top) => (
            format!(
                "No one is titled {name}; {} of the team's matched work is {name} work, done by {}.",
                percent(done / matched),
                facts.capped_names(&doers)
            ),
            format!(
                "If that work needs an owner, consider {}, who does most of it, or titling someone for it; pass --roles {id} to audit its gaps.",
                facts.named(top)
            ),
        ),
        None => (
            format!("No one is titled {name}, and none of the team's work reads as {name} work."),
            format!("Nothing to do unless the team needs {name} work; pass --roles {id} to audit its gaps."),
        ),
    };
    Finding {
        id: format!("{}:{id}", FindingKind::UnstaffedRole.name()),
        kind: FindingKind::UnstaffedRole,
        severity: Severity::Info,
        people: facts.names(&doers),
        responsibilities: own
            .iter()
            .map(|&r| facts.names.responsibilities[r].0.clone())
            .collect(),
        tasks: Vec::new(),
        message,
        advice,
    }
}

pub(super) fn missing_core(facts: &Facts<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (index, profile) in facts.profiles.iter().enumerate() {
        let Some(role) = profile.title_role else {
            continue;
        };
        let role_id = &facts.rubric.roles[role].id;
        let core: Vec<usize> = (0..facts.rubric.responsibilities.len())
            .filter(|&r| {
                let resp = &facts.rubric.responsibilities[r];
                resp.core && &resp.role == role_id
            })
            .collect();
        let missing: Vec<usize> = core
            .iter()
            .copied()
            .filter(|r| !profile.responsibilities.contains(r))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let titles: Vec<String> = missing
            .iter()
            .map(|&r| format!("\"{}\"", facts.rubric.responsibilities[r].title))
            .collect();
        out.push(Finding {
            id: format!("missing-core:{}", slug(&profile.name)),
            kind: FindingKind::MissingCore,
            severity: if missing.len() == core.len() {
                Severity::Medium
            } else {
                Severity::Low
            },
            people: vec![profile.name.clone()],
            responsibilities: missing
                .iter()
                .map(|&r| facts.names.responsibilities[r].0.clone())
                .collect(),
            tasks: Vec::new(),
            message: format!(
                "{} is titled {} but carries {} of its {} core responsibilities: missing {}.",
                profile.name,
                facts.title_and_role(profile, role),
                core.len() - missing.len(),
                core.len(),
                and_list(&titles)
            ),
            advice: missing_core_advice(facts, index, &missing),
        });
    }
    out
}

/// Core work a titled person lacks: who carries it today, if anyone, is who they would
/// take it from.
fn missing_core_advice(facts: &Facts<'_>, person: usize, missing: &[usize]) -> String {
    let name = &facts.profiles[person].name;
    let held_by = |r: usize| facts.capped_names(&facts.carriers[r]);
    match missing.iter().find(|&&r| !facts.carriers[r].is_empty()) {
        Some(&r) => format!(
            "Consider {name} taking on \"{}\", carried today by {}, or a title that matches the work they do.",
            facts.rubric.responsibilities[r].title,
            held_by(r)
        ),
        None => format!(
            "Consider {name} taking on this work, which nobody carries today, or a title that matches the work they do."
        ),
    }
}
