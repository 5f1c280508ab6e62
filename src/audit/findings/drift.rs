//! The drift rule: people whose work lies mostly outside the role of their title.

use std::collections::BTreeSet;

use super::{Finding, Severity};
use crate::audit::{Facts, FindingKind, TitleKind};
use crate::text::{percent, slug};

/// Whether a person drifts, and the role their work drifts into. Only confident matches
/// count (see `Facts::sure`), and only work that is substantial: at least `drift_min_tasks`
/// confident tasks outside the title's role. A titled person drifts when more than
/// `drift_share` of their confident role work is another role's; a person whose title is no
/// audited role drifts when at least `drift_share` of all their work is confidently role
/// work. The rates stay meaningful at any size: each person is judged on their own rows.
pub(super) struct Drifting {
    /// The role most of the drifting work is.
    pub(super) top: usize,
    /// The share that decided it: of their confident role work (titled), or of all their
    /// work (untitled).
    pub(super) share: f64,
    /// Their confident tasks outside the title's role.
    pub(super) tasks: Vec<usize>,
}

pub(super) fn drifting(facts: &Facts<'_>, person: usize) -> Option<Drifting> {
    let settings = &facts.settings;
    let profile = &facts.profiles[person];
    profile.title.as_ref()?;
    // Unrecognised titles: no drift from a job rolecall cannot name (see titles.rs).
    if profile.title_kind == TitleKind::Unrecognised {
        return None;
    }
    let sure = profile.sure_matched_weight();
    if sure <= 0.0 {
        return None;
    }
    let own = profile
        .title_role
        .map_or(0.0, |r| profile.roles[r].sure_weight);
    // Weak lines are left out of both sides: the share is of the work whose reading is sure.
    let weak = profile.matched_weight() - sure;
    let share = match profile.title_role {
        Some(_) => (sure - own) / sure,
        None => sure / (profile.total_weight() - weak),
    };
    let outside_tasks: usize = (0..profile.roles.len())
        .filter(|&r| Some(r) != profile.title_role)
        .map(|r| profile.roles[r].sure_tasks)
        .sum();
    let enough = match profile.title_role {
        Some(_) => share > settings.drift_share,
        None => share >= settings.drift_share,
    };
    if !enough || outside_tasks < settings.drift_min_tasks {
        return None;
    }
    let top = (0..profile.roles.len())
        .filter(|&r| Some(r) != profile.title_role)
        .max_by(|&a, &b| {
            profile.roles[a]
                .sure_weight
                .total_cmp(&profile.roles[b].sure_weight)
                .then(b.cmp(&a))
        })?;
    let tasks = profile
        .tasks
        .iter()
        .copied()
        .filter(|&t| {
            facts.sure[t]
                && facts.tasks[t].verdict.role.as_deref()
                    != profile.title_role.map(|r| facts.names.roles[r].as_ref())
        })
        .collect();
    Some(Drifting { top, share, tasks })
}

pub(super) fn drift(facts: &Facts<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (index, profile) in facts.profiles.iter().enumerate() {
        let Some(Drifting { top, share, tasks }) = drifting(facts, index) else {
            continue;
        };
        let evidence = facts.evidence(&tasks);
        let (judged, message) = match profile.title_role {
            Some(role) => (
                if share >= 0.75 && tasks.len() >= 3 {
                    Severity::High
                } else {
                    Severity::Medium
                },
                format!(
                    "{} is titled {} but {} of their confidently matched work is outside it, mostly {} work, {evidence}.",
                    profile.name,
                    facts.title_and_role(profile, role),
                    percent(share),
                    facts.role_name(top),
                ),
            ),
            None => (
                if share >= 0.75 {
                    Severity::Medium
                } else {
                    Severity::Low
                },
                format!(
                    "{} ({}) holds no title of an audited role, yet {} of their work is confidently such work, mostly {} work, {evidence}.",
                    profile.name,
                    facts.title_label(profile),
                    percent(share),
                    facts.role_name(top)
                ),
            ),
        };
        // A chart shows a person's part in one project, not their whole job: what they do
        // there says less about drift than a list of all their work.
        let severity = match (facts.chart_only(), judged) {
            (true, Severity::High) => Severity::Medium,
            (true, _) => Severity::Low,
            (false, judged) => judged,
        };
        let responsibilities = tasks
            .iter()
            .filter_map(|&t| facts.tasks[t].verdict.responsibility.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let advice = drift_advice(facts, index, top);
        out.push(Finding {
            id: format!("drift:{}", slug(&profile.name)),
            kind: FindingKind::Drift,
            severity,
            people: vec![profile.name.clone()],
            responsibilities,
            tasks: tasks.iter().map(|&t| facts.tasks[t].id).collect(),
            message,
            advice: advice.into(),
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
            facts.sure[t]
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
