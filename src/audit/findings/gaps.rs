//! The gap rules: responsibilities and roles nobody carries, roles nobody is titled for, and
//! people titled for a role who carry none of some of its core work.

use std::collections::BTreeMap;

use super::drift::drifting;
use super::{Finding, Severity};
use crate::audit::{Facts, FindingKind, Profile};
use crate::text::{capped_list, percent, slug, thousands};

/// Responsibilities nobody carries, in the roles audited for gaps (see [`super::Scope`]). A
/// role with no work carried at all is one finding that lists its responsibilities, instead
/// of one finding per responsibility. A role out of scope that nobody is titled for is said
/// once, as context: how much of its work the team does anyway, and who does it.
///
/// A RACI chart is a project, not a whole organisation: it need not cover every duty of the
/// roles its parties hold, so there its gaps are information, unless `--roles` (or the
/// config) says which roles the chart must cover.
pub(super) fn gaps(facts: &Facts<'_>) -> Vec<Finding> {
    let project = facts.chart_only() && facts.settings.scope.roles.is_none();
    let mut out = Vec::new();
    for (index, role) in facts.rubric.roles.iter().enumerate() {
        let own: Vec<usize> = (0..facts.rubric.responsibilities.len())
            .filter(|&r| facts.rubric.responsibilities[r].role == role.id)
            .collect();
        if !facts.in_scope[index] {
            // Unrecognised titles: their holders may hold the role (see titles.rs).
            let maybe_held = || super::titles::maybe_held_unrecognised(facts, index);
            if !facts.held[index] && facts.settings.scope.roles.is_none() && !maybe_held() {
                out.extend(unstaffed_role(facts, index, &own));
            }
            continue;
        }
        let uncovered: Vec<usize> = own
            .iter()
            .copied()
            .filter(|&r| facts.sure_carriers[r].is_empty())
            .collect();
        if !own.is_empty() && uncovered.len() == own.len() {
            out.push(Finding {
                id: format!("role-gap:{}", role.id),
                kind: FindingKind::RoleGap,
                severity: if project {
                    Severity::Info
                } else {
                    Severity::High
                },
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
                ).into(),
            });
            continue;
        }
        if project {
            if !uncovered.is_empty() {
                out.push(chart_gaps(facts, index, &own, &uncovered));
            }
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
                // Weak lines that may carry it make the gap less certain than an empty row.
                severity: match (resp.core, facts.carriers[r].is_empty()) {
                    (true, true) => Severity::High,
                    (true, false) => Severity::Medium,
                    (false, _) => Severity::Low,
                },
                people: facts.names(&facts.carriers[r]),
                responsibilities: vec![facts.names.responsibilities[r].0.clone()],
                tasks: facts.credited[r].iter().map(|&t| facts.tasks[t].id).collect(),
                message: format!(
                    "Nobody carries {}{}{}.",
                    facts.responsibility_label(r),
                    if resp.core {
                        ", a core responsibility"
                    } else {
                        ""
                    },
                    match facts.credited[r].len() {
                        0 => String::new(),
                        1 => ", on a confident match: 1 line reads as it weakly (listed for review)".to_string(),
                        n => format!(", on a confident match: {} lines read as it weakly (listed for review)", thousands(n)),
                    }
                ),
                advice: advice.into(),
            });
        }
    }
    out
}

/// A chart's gaps in one role, said once as information: what of the role's remit the
/// project does not touch.
fn chart_gaps(facts: &Facts<'_>, role: usize, own: &[usize], uncovered: &[usize]) -> Finding {
    let name = facts.role_name(role);
    let titles: Vec<String> = uncovered
        .iter()
        .map(|&r| format!("\"{}\"", facts.rubric.responsibilities[r].title))
        .collect();
    Finding {
        id: format!("gap:{}", facts.rubric.roles[role].id),
        kind: FindingKind::Gap,
        severity: Severity::Info,
        people: Vec::new(),
        responsibilities: uncovered
            .iter()
            .map(|&r| facts.names.responsibilities[r].0.clone())
            .collect(),
        tasks: Vec::new(),
        message: format!(
            "The chart touches {} of {name}'s {} responsibilities; not on it: {}.",
            own.len() - uncovered.len(),
            own.len(),
            capped_list(&titles)
        ),
        advice: format!(
            "Nothing to do if the project does not need them: a project chart need not cover a whole role. To audit the chart as the whole of a role's work, pass --roles {}.",
            facts.rubric.roles[role].id
        ).into(),
    }
}

/// The one finding for a role nobody is titled for, out of the gap audit's scope: how much
/// of its work the team does anyway, and who does it. None when no work reads confidently
/// as the role's: the headline's scope line already says the role is not audited, and a
/// finding saying there is nothing to say is noise.
fn unstaffed_role(facts: &Facts<'_>, role: usize, own: &[usize]) -> Option<Finding> {
    let name = facts.role_name(role);
    let id = &facts.rubric.roles[role].id;
    // On confident matches: a share resting on weak lines would tell a leader how much of
    // a role's work the team does on no real evidence.
    let matched: f64 = facts
        .profiles
        .iter()
        .map(Profile::sure_matched_weight)
        .sum();
    let done: f64 = facts
        .profiles
        .iter()
        .map(|p| p.roles[role].sure_weight)
        .sum();
    let mut doers: Vec<usize> = (0..facts.profiles.len())
        .filter(|&p| facts.profiles[p].roles[role].sure_weight > 0.0)
        .collect();
    doers.sort_by(|&a, &b| {
        let weight = |p: usize| facts.profiles[p].roles[role].sure_weight;
        weight(b).total_cmp(&weight(a)).then(a.cmp(&b))
    });
    let top = *doers.first()?;
    let message = format!(
        "No one is titled {name}; {} of the team's confidently matched work is {name} work, done by {}.",
        percent(done / matched),
        facts.capped_names(&doers)
    );
    let advice = format!(
        "If that work needs an owner, consider {}, who does most of it, or titling someone for it; pass --roles {id} to audit its gaps.",
        facts.named(top)
    );
    Some(Finding {
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
        advice: advice.into(),
    })
}

/// People titled for a role who carry none of its core responsibilities (on at least
/// [`MISSING_CORE_MIN_TASKS`] tasks): the title and the work disagree. A person carrying
/// some of the core is not a finding however much they miss: with five lines a person
/// cannot show all of a role, and the gap rule already names what nobody carries. A weak
/// match to a core responsibility counts as carrying it, since this finding claims an
/// absence. A person who drifts is left to the drift finding, which says more. When most
/// of the people sharing a title (at least three) carry none of its role's core, the title
/// likely means something else here: one finding for the title, not one per person.
pub(super) fn missing_core(facts: &Facts<'_>) -> Vec<Finding> {
    if facts.chart_only() && facts.settings.scope.roles.is_none() {
        return Vec::new();
    }
    let core: Vec<Vec<usize>> = (0..facts.rubric.roles.len())
        .map(|role| {
            let id = &facts.rubric.roles[role].id;
            (0..facts.rubric.responsibilities.len())
                .filter(|&r| {
                    let resp = &facts.rubric.responsibilities[r];
                    resp.core && &resp.role == id
                })
                .collect()
        })
        .collect();
    // Per title: its role, the people judged, and those of them carrying none of its core.
    let mut titles: BTreeMap<&str, (usize, usize, Vec<usize>)> = BTreeMap::new();
    for (person, profile) in facts.profiles.iter().enumerate() {
        let (Some(role), Some(title)) = (profile.title_role, profile.title.as_deref()) else {
            continue;
        };
        if profile.tasks.len() < MISSING_CORE_MIN_TASKS || core[role].is_empty() {
            continue;
        }
        let entry = titles.entry(title).or_insert((role, 0, Vec::new()));
        entry.1 += 1;
        if !core[role]
            .iter()
            .any(|r| profile.responsibilities.contains(r))
        {
            entry.2.push(person);
        }
    }
    let mut out = Vec::new();
    for (title, (role, judged, missing)) in titles {
        if judged >= 3 && missing.len() * 2 > judged {
            out.push(title_without_core(facts, title, role, judged, &missing));
            continue;
        }
        for person in missing {
            if drifting(facts, person).is_none() {
                out.push(person_without_core(facts, person, role, &core[role]));
            }
        }
    }
    out
}

/// Fewer lines than this say too little of a person's job to call its core missing.
const MISSING_CORE_MIN_TASKS: usize = 3;

fn person_without_core(facts: &Facts<'_>, person: usize, role: usize, core: &[usize]) -> Finding {
    let profile = &facts.profiles[person];
    let titles: Vec<String> = core
        .iter()
        .map(|&r| format!("\"{}\"", facts.rubric.responsibilities[r].title))
        .collect();
    Finding {
        id: format!("missing-core:{}", slug(&profile.name)),
        kind: FindingKind::MissingCore,
        severity: Severity::Medium,
        people: vec![profile.name.clone()],
        responsibilities: core
            .iter()
            .map(|&r| facts.names.responsibilities[r].0.clone())
            .collect(),
        tasks: profile.tasks.iter().map(|&t| facts.tasks[t].id).collect(),
        message: format!(
            "{} is titled {} but none of their {} tasks carries any of its {} core responsibilities ({}).",
            profile.name,
            facts.title_and_role(profile, role),
            thousands(profile.tasks.len()),
            core.len(),
            capped_list(&titles)
        ),
        advice: missing_core_advice(facts, person, core).into(),
    }
}

/// The one finding for a title most of whose holders carry none of its role's core.
fn title_without_core(
    facts: &Facts<'_>,
    title: &str,
    role: usize,
    judged: usize,
    missing: &[usize],
) -> Finding {
    let role_name = facts.role_name(role);
    Finding {
        id: format!("missing-core:title-{}", slug(title)),
        kind: FindingKind::MissingCore,
        severity: Severity::Medium,
        people: facts.names(missing),
        responsibilities: Vec::new(),
        tasks: Vec::new(),
        message: format!(
            "{} of the {} people titled {title} carry none of {role_name}'s core responsibilities: {}.",
            thousands(missing.len()),
            thousands(judged),
            facts.capped_names(missing)
        ),
        advice: format!(
            "The title may mean other work here than {role_name}: if so, map it in the config file's [titles] (\"{title}\" = \"none\", or the role it is); if not, agree which core {role_name} work these people own."
        ).into(),
    }
}

/// Core work a titled person lacks: who carries it today, if anyone, is who they would
/// take it from.
fn missing_core_advice(facts: &Facts<'_>, person: usize, missing: &[usize]) -> String {
    let name = &facts.profiles[person].name;
    let held_by = |r: usize| facts.capped_names(&facts.sure_carriers[r]);
    match missing.iter().find(|&&r| !facts.sure_carriers[r].is_empty()) {
        Some(&r) => format!(
            "Consider {name} taking on \"{}\", carried today by {}, or a title that matches the work they do.",
            facts.rubric.responsibilities[r].title,
            held_by(r)
        ),
        None => format!(
            "Consider {name} taking on this work, which nobody carries confidently today, or a title that matches the work they do."
        ),
    }
}
