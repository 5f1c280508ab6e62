//! The overlap rule: a responsibility carried by two or more people, with advice on who
//! should own it.

use std::collections::BTreeSet;

use super::{Finding, Severity};
use crate::audit::{Facts, FindingKind};
use crate::text::{and_list, capped_list, thousands, NAMES_SHOWN};

pub(super) fn overlaps(facts: &Facts<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (r, carriers) in facts.carriers.iter().enumerate() {
        if carriers.len() < 2 || facts.shared_through_one_row(r, carriers) {
            continue;
        }
        let resp = &facts.rubric.responsibilities[r];
        let title_roles: Vec<Option<usize>> = carriers
            .iter()
            .map(|&p| facts.profiles[p].title_role)
            .collect();
        let cross_role = title_roles.iter().any(|role| role.is_none())
            || title_roles.windows(2).any(|w| w[0] != w[1]);
        let severity = match (cross_role, resp.core) {
            (true, true) => Severity::High,
            (true, false) | (false, true) => Severity::Medium,
            (false, false) => Severity::Low,
        };
        let behind = &facts.credited[r];
        // Those with most of its tasks first: a long list is cut after the few who matter.
        let ranked: Vec<usize> = facts
            .by_share_of(carriers, behind)
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        let names = facts.names(&ranked);
        let titles: Vec<&str> = carriers
            .iter()
            .map(|&p| facts.title_label(&facts.profiles[p]))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let label = facts.responsibility_label(r);
        let mut message = if names.len() > NAMES_SHOWN {
            format!(
                "{} people across {} carry {label}: {}",
                thousands(names.len()),
                match titles.len() {
                    1 => "1 title".to_string(),
                    n => format!("{} titles", thousands(n)),
                },
                capped_list(&names)
            )
        } else {
            format!(
                "{} {} carry {label}",
                and_list(&names),
                if names.len() == 2 { "both" } else { "all" },
            )
        };
        if cross_role && names.len() <= NAMES_SHOWN {
            message.push_str(&format!(", across titles ({})", titles.join(", ")));
        }
        message.push('.');
        out.push(Finding {
            id: format!("overlap:{}", resp.id),
            kind: FindingKind::Overlap,
            severity,
            people: facts.names(carriers),
            responsibilities: vec![facts.names.responsibilities[r].0.clone()],
            tasks: behind.iter().map(|&t| facts.tasks[t].id).collect(),
            message,
            advice: overlap_advice(facts, r, &ranked),
        });
    }
    out
}

/// Who should keep work several people carry: the one whose title is its role, or one of
/// several such; otherwise whoever does most of it.
fn overlap_advice(facts: &Facts<'_>, r: usize, ranked: &[usize]) -> String {
    let role = facts.role_of_responsibility(r);
    let role_name = role.map_or("its role", |role| facts.role_name(role));
    let keepers: Vec<usize> = ranked
        .iter()
        .copied()
        .filter(|&p| role.is_some() && facts.profiles[p].title_role == role)
        .collect();
    match keepers.as_slice() {
        [keeper] => {
            let others: Vec<usize> = ranked.iter().copied().filter(|p| p != keeper).collect();
            format!(
                "Consider letting {}, the {role_name} among them, own it, and agreeing with {} whether they hand their part over or support.",
                facts.named(*keeper),
                facts.capped_names(&others)
            )
        }
        [] => {
            let behind = &facts.credited[r];
            let (top, theirs) = facts.by_share_of(&ranked[..1], behind)[0];
            format!(
                "Consider naming one owner, for example {}, who has {theirs} of its {} tasks; nobody titled {role_name} carries it.",
                facts.named(top),
                thousands(behind.len())
            )
        }
        several => format!(
            "Consider naming one of the {} people titled {role_name} who carry it ({}) to lead it, and agreeing what the others do.",
            thousands(several.len()),
            facts.capped_names(several)
        ),
    }
}
