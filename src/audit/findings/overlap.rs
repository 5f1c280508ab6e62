//! The overlap rule: a responsibility carried by two or more people, with advice on who
//! should own it.

use std::collections::BTreeSet;

use super::{Finding, Severity};
use crate::audit::{Facts, FindingKind};
use crate::text::{and_list, thousands};

/// Overlaps rest on confident matches only: a weak match neither makes an overlap nor adds
/// anyone to one (it is listed for review). Ownership split among a few people is a
/// finding each; a responsibility more than `max_owners` people carry is shared work, which
/// no one can act on as a split, so all such responsibilities make one finding, as structure.
pub(super) fn overlaps(facts: &Facts<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut shared = Vec::new();
    for (r, carriers) in facts.sure_carriers.iter().enumerate() {
        if carriers.len() < 2 || facts.shared_through_one_row(r, carriers) {
            continue;
        }
        if carriers.len() > facts.settings.max_owners {
            shared.push(r);
            continue;
        }
        out.push(split_ownership(facts, r, carriers));
    }
    out.extend(shared_work(facts, &shared));
    out
}

/// One responsibility a few people carry. Its severity follows the evidence: across titles
/// and core is high, either is medium, neither low; a split where the others hold less than
/// a quarter of its confident tasks is a step lower (one owner with helpers).
fn split_ownership(facts: &Facts<'_>, r: usize, carriers: &[usize]) -> Finding {
    let resp = &facts.rubric.responsibilities[r];
    let title_roles: Vec<Option<usize>> = carriers
        .iter()
        .map(|&p| facts.profiles[p].title_role)
        .collect();
    let cross_role = title_roles.iter().any(|role| role.is_none())
        || title_roles.windows(2).any(|w| w[0] != w[1]);
    let behind = facts.sure_of(&facts.credited[r]);
    // Those with most of its tasks first: a long list is cut after the few who matter.
    let shares = facts.by_share_of(carriers, &behind);
    let ranked: Vec<usize> = shares.iter().map(|&(p, _)| p).collect();
    let lopsided = (behind.len() - shares[0].1) * 4 < behind.len();
    let severity = match (cross_role && resp.core, cross_role || resp.core, lopsided) {
        (true, _, false) => Severity::High,
        (true, _, true) | (false, true, false) => Severity::Medium,
        _ => Severity::Low,
    };
    let names = facts.names(&ranked);
    let titles: Vec<&str> = carriers
        .iter()
        .map(|&p| facts.title_label(&facts.profiles[p]))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let label = facts.responsibility_label(r);
    let mut message = format!(
        "{} {} carry {label}",
        and_list(&names),
        if names.len() == 2 { "both" } else { "all" },
    );
    if cross_role {
        message.push_str(&format!(", across titles ({})", titles.join(", ")));
    }
    message.push_str(&format!(", {}", facts.evidence(&behind)));
    let weak = facts.carriers[r].len() - carriers.len();
    if weak > 0 {
        message.push_str(&format!(
            "; {weak} more {} it only on weak matches, listed for review",
            if weak == 1 { "carries" } else { "carry" }
        ));
    }
    message.push('.');
    Finding {
        id: format!("overlap:{}", resp.id),
        kind: FindingKind::Overlap,
        severity,
        people: facts.names(carriers),
        responsibilities: vec![facts.names.responsibilities[r].0.clone()],
        tasks: behind.iter().map(|&t| facts.tasks[t].id).collect(),
        message,
        advice: overlap_advice(facts, r, &ranked, &behind).into(),
    }
}

/// The one finding for every responsibility more than `max_owners` people carry: many
/// people contributing is how an organisation staffs common work, not a split to resolve.
fn shared_work(facts: &Facts<'_>, shared: &[usize]) -> Option<Finding> {
    let mut by_people: Vec<usize> = shared.to_vec();
    let count = |r: usize| facts.sure_carriers[r].len();
    by_people.sort_by(|&a, &b| count(b).cmp(&count(a)).then(a.cmp(&b)));
    let first = *by_people.first()?;
    let shown: Vec<String> = by_people
        .iter()
        .take(3)
        .map(|&r| {
            format!(
                "\"{}\" by {}",
                facts.rubric.responsibilities[r].title,
                thousands(count(r))
            )
        })
        .collect();
    let more = by_people.len().saturating_sub(shown.len());
    Some(Finding {
        id: format!("{}:team", FindingKind::SharedWork.name()),
        kind: FindingKind::SharedWork,
        severity: Severity::Info,
        people: Vec::new(),
        responsibilities: by_people
            .iter()
            .map(|&r| facts.names.responsibilities[r].0.clone())
            .collect(),
        tasks: Vec::new(),
        message: format!(
            "{} {} carried by more than {} people each, on confident matches ({}{}): shared work rather than ownership split among a few.",
            thousands(by_people.len()),
            if by_people.len() == 1 { "responsibility is" } else { "responsibilities are" },
            facts.settings.max_owners,
            shown.join(", "),
            if more > 0 { format!(", and {more} more") } else { String::new() },
        ),
        advice: format!(
            "Nothing to split. If one of them needs a single accountable owner (\"{}\" has the most hands), name one; the coverage table lists who carries each.",
            facts.rubric.responsibilities[first].title
        ).into(),
    })
}

/// Who should keep work several people carry: the one whose title is its role, or one of
/// several such; otherwise whoever does most of it.
fn overlap_advice(facts: &Facts<'_>, r: usize, ranked: &[usize], behind: &[usize]) -> String {
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
