//! The drift rule: people whose work lies mostly outside the role of their title.

use super::{Finding, Severity};
use crate::audit::{Facts, FindingKind, TitleKind};
use crate::text::{percent, slug};

pub(super) fn drift(facts: &Facts<'_>) -> Vec<Finding> {
    let settings = &facts.settings;
    let mut out = Vec::new();
    for (index, profile) in facts.profiles.iter().enumerate() {
        let matched = profile.matched_weight();
        if profile.title.is_none()
            || matched <= 0.0
            || profile.credited_tasks < settings.drift_min_tasks
        {
            continue;
        }
        // Unrecognised titles: no drift from a job rolecall cannot name (see titles.rs).
        if profile.title_kind == TitleKind::Unrecognised {
            continue;
        }
        let own = profile.title_role.map_or(0.0, |r| profile.role_weight[r]);
        let outside = matched - own;
        let outside_share = outside / matched;
        if outside_share <= settings.drift_share {
            continue;
        }
        let Some(top) = (0..profile.role_weight.len())
            .filter(|&r| Some(r) != profile.title_role)
            .max_by(|&a, &b| {
                profile.role_weight[a]
                    .total_cmp(&profile.role_weight[b])
                    .then(b.cmp(&a))
            })
        else {
            continue;
        };
        let top_share_of_all = profile.role_weight[top] / profile.total_weight();
        let (severity, message) = match profile.title_role {
            Some(role) => (
                if outside_share >= 0.75 {
                    Severity::High
                } else {
                    Severity::Medium
                },
                format!(
                    "{} is titled {} but {} of their matched work is outside it, mostly {} work ({} of all their work).",
                    profile.name,
                    facts.title_and_role(profile, role),
                    percent(outside_share),
                    facts.role_name(top),
                    percent(top_share_of_all)
                ),
            ),
            None => {
                let share_of_all = matched / profile.total_weight();
                (
                    if share_of_all >= 0.5 {
                        Severity::Medium
                    } else {
                        Severity::Low
                    },
                    format!(
                        "{} ({}) holds no title of an audited role, yet {} of their work is such work, mostly {} work.",
                        profile.name,
                        facts.title_label(profile),
                        percent(share_of_all),
                        facts.role_name(top)
                    ),
                )
            }
        };
        let responsibilities = profile
            .responsibilities
            .iter()
            .filter(|&&r| facts.role_of_responsibility(r) != profile.title_role)
            .map(|&r| facts.names.responsibilities[r].0.clone())
            .collect();
        let advice = drift_advice(facts, index, top);
        out.push(Finding {
            id: format!("drift:{}", slug(&profile.name)),
            kind: FindingKind::Drift,
            severity,
            people: vec![profile.name.clone()],
            responsibilities,
            tasks: profile
                .tasks
                .iter()
                .filter(|&&t| facts.tasks[t].verdict.role.is_some() && facts.carrying[t])
                .map(|&t| facts.tasks[t].id)
                .collect(),
            message,
            advice,
        });
    }
    out
}

/// Drift: the work to hand over, and to whom (someone titled for it, in the same team
/// first), or else making the work official.
fn drift_advice(facts: &Facts<'_>, person: usize, top: usize) -> String {
    let profile = &facts.profiles[person];
    let role = facts.role_name(top);
    let tasks = profile
        .tasks
        .iter()
        .filter(|&&t| {
            facts.carrying[t]
                && facts.tasks[t].verdict.role.as_deref() == Some(facts.names.roles[top].as_ref())
        })
        .count();
    let receiver = facts
        .candidate(top, &[person], profile.team.as_deref())
        .filter(|&q| facts.profiles[q].title_role == Some(top));
    match (receiver, profile.title_role) {
        (Some(q), Some(_)) => format!(
            "Consider handing {}'s {role} work ({tasks} tasks) to {}, or retitling {} if that work is the job now.",
            profile.name,
            facts.named(q),
            profile.name
        ),
        (Some(q), None) => format!(
            "Consider handing that work ({tasks} tasks) to {}, or making it an official part of {}'s role.",
            facts.named(q),
            profile.name
        ),
        (None, _) => format!(
            "Nobody is titled {role}: consider making that work ({tasks} tasks) an official part of {}'s role, or hiring for it.",
            profile.name
        ),
    }
}
