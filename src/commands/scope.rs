//! What an audit covers, settled once the rubrics are loaded: the roles and local titles the
//! user named, as the rubrics' role ids, and the people and teams left out before anything
//! is matched.

use std::collections::HashSet;
use std::sync::Arc;

use crate::audit::Scope;
use crate::layout::Team;
use crate::rubric::Rubric;
use crate::settings::{Exclusions, ScopeRequest, UsageError};

/// The roles and title mappings the user named, as the rubric's role ids; a name no role
/// answers to is a usage error that lists the roles there are.
pub(super) fn resolve(rubric: &Rubric, request: &ScopeRequest) -> Result<Scope, UsageError> {
    let known = || {
        rubric
            .roles
            .iter()
            .map(|r| format!("{} ({})", r.id, r.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let find = |name: &str, place: &str| {
        rubric.find_role(name).map(|r| r.id.clone()).ok_or_else(|| {
            UsageError(format!(
                "{place}: no role is called \"{name}\"; the roles are {}",
                known()
            ))
        })
    };
    let roles = match &request.roles {
        Some((names, place)) => Some(
            names
                .iter()
                .filter(|n| !n.trim().is_empty())
                .map(|name| find(name.trim(), place))
                .collect::<Result<Vec<_>, _>>()?,
        ),
        None => None,
    };
    let titles = request
        .titles
        .iter()
        .map(|(title, role)| {
            let place = format!("{}: title \"{title}\"", request.source);
            let role = if role.trim().eq_ignore_ascii_case("none") {
                None
            } else {
                Some(find(role.trim(), &place)?)
            };
            Ok((title.clone(), role))
        })
        .collect::<Result<Vec<_>, UsageError>>()?;
    Ok(Scope { roles, titles })
}

/// Leaves out the people and teams the user excluded, before anything is matched, and
/// says how many people that was.
pub(super) fn exclude(team: &mut Team, exclusions: &Exclusions) -> usize {
    if exclusions.is_empty() {
        return 0;
    }
    let exclusions = exclusions.lookup();
    let mut people: HashSet<Arc<str>> = HashSet::default();
    team.assignments.retain(|a| {
        let out = exclusions.excludes(&a.person, a.team.as_deref());
        if out {
            people.insert(a.person.clone());
        }
        !out
    });
    for chart in &mut team.charts {
        chart.remove_parties(|party| exclusions.excludes(&party.name, party.team.as_deref()));
    }
    people.len()
}
