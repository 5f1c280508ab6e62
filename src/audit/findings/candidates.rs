//! Who could take on a role's work, ranked once per role so that every finding's advice
//! picks from the top of a list.

use std::collections::HashMap;
use std::sync::Arc;

use crate::audit::Profile;

/// Per role, the people who could take on its work, best first: those titled for it, then
/// the others who do some of it (on confident matches: advice never names someone on the
/// strength of a weak one), each by how much of it they do, then in profile order.
/// Ranked once, so that each finding's advice picks its candidate from the top of a list;
/// ranking everyone for each finding cost a million-row sheet of 100,000 people a minute.
pub(crate) struct Candidates {
    /// Per role: [titled, untitled].
    any: Vec<[Vec<usize>; 2]>,
    /// Per role, per team: the same two lists within the team.
    by_team: Vec<HashMap<Arc<str>, [Vec<usize>; 2]>>,
}

impl Candidates {
    const TITLED: usize = 0;
    const UNTITLED: usize = 1;

    pub(crate) fn new(profiles: &[Profile], roles: usize) -> Candidates {
        let mut any: Vec<[Vec<usize>; 2]> = vec![Default::default(); roles];
        let mut by_team: Vec<HashMap<Arc<str>, [Vec<usize>; 2]>> = vec![HashMap::new(); roles];
        for (role, (lists, teams)) in any.iter_mut().zip(&mut by_team).enumerate() {
            for (p, profile) in profiles.iter().enumerate() {
                let kind = if profile.title_role == Some(role) {
                    Self::TITLED
                } else if profile.roles[role].sure_weight > 0.0 {
                    Self::UNTITLED
                } else {
                    continue;
                };
                lists[kind].push(p);
                if let Some(team) = &profile.team {
                    teams.entry(team.clone()).or_default()[kind].push(p);
                }
            }
            let best_first = |list: &mut Vec<usize>| {
                list.sort_by(|&a, &b| {
                    profiles[b].roles[role]
                        .sure_weight
                        .total_cmp(&profiles[a].roles[role].sure_weight)
                        .then(a.cmp(&b))
                })
            };
            lists.iter_mut().for_each(best_first);
            teams.values_mut().flatten().for_each(best_first);
        }
        Candidates { any, by_team }
    }

    /// The best of `role`'s candidates other than `except`, preferring `team`'s.
    pub(super) fn best(&self, role: usize, except: &[usize], team: Option<&str>) -> Option<usize> {
        let first = |list: &[usize]| list.iter().copied().find(|p| !except.contains(p));
        let in_team = team.and_then(|t| self.by_team[role].get(t));
        [Self::TITLED, Self::UNTITLED].into_iter().find_map(|kind| {
            in_team
                .and_then(|lists| first(&lists[kind]))
                .or_else(|| first(&self.any[role][kind]))
        })
    }
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::audit::profiles::RoleWork;
    use crate::audit::TitleKind;

    /// The advice's candidate as it was first written, ranking everyone for each call: the
    /// titled first, then those in the team, then the most of the role's work, then
    /// profile order.
    fn ranked_candidate(
        profiles: &[Profile],
        role: usize,
        except: &[usize],
        team: Option<&str>,
    ) -> Option<usize> {
        let rank = |p: usize| {
            let profile = &profiles[p];
            (
                profile.title_role == Some(role),
                team.is_some() && profile.team.as_deref() == team,
                profile.roles[role].sure_weight,
            )
        };
        (0..profiles.len())
            .filter(|p| !except.contains(p))
            .filter(|&p| rank(p).0 || rank(p).2 > 0.0)
            .min_by(|&a, &b| {
                let ((ta, sa, wa), (tb, sb, wb)) = (rank(a), rank(b));
                (tb, sb)
                    .cmp(&(ta, sa))
                    .then(wb.total_cmp(&wa))
                    .then(a.cmp(&b))
            })
    }

    #[test]
    fn candidates_ranked_once_pick_whom_ranking_everyone_picks() {
        const ROLES: usize = 3;
        // Titles, teams and weights that repeat, so that ties and empty lists occur.
        let profiles: Vec<Profile> = (0..60_usize)
            .map(|i| Profile {
                name: format!("P{i}").into(),
                title: None,
                team: (i % 5 != 0).then(|| format!("team {}", i % 4).into()),
                title_kind: (i % 3 != 0)
                    .then_some(i % 7 % ROLES)
                    .map_or(TitleKind::Untitled, TitleKind::Role),
                title_role: (i % 3 != 0).then_some(i % 7 % ROLES),
                tasks: Vec::new(),
                unmatched_weight: 0.0,
                responsibilities: Vec::new(),
                sure_responsibilities: Vec::new(),
                roles: (0..ROLES)
                    .map(|r| RoleWork {
                        sure_weight: ((i * 7 + r * 3) % 5) as f64 / 2.0,
                        ..RoleWork::default()
                    })
                    .collect(),
            })
            .collect();
        let candidates = Candidates::new(&profiles, ROLES);
        let mut checked = 0;
        for role in 0..ROLES {
            for team in [None, Some("team 1"), Some("team 3"), Some("nowhere")] {
                for except in [vec![], vec![1], vec![2, 4, 8], (0..30).collect()] {
                    let expected = ranked_candidate(&profiles, role, &except, team);
                    let found = candidates.best(role, &except, team);
                    assert_eq!(
                        found, expected,
                        "role {role}, team {team:?}, except {except:?}"
                    );
                    checked += usize::from(expected.is_some());
                }
            }
        }
        assert!(checked > 30, "{checked}");
    }
}
