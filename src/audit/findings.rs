//! The audit rules. Each rule reads [`Facts`] and returns findings; each finding carries a
//! stable id (its kind and what it is about, never a position), so the same team gives the
//! same ids run after run and a reviewer can track one across reports.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Facts, FindingKind, Profile, TaskId};
use crate::matching::MatchStatus;
use crate::text::{and_list, capped_list, capped_of, percent, slug, NAMES_SHOWN};

/// Read back from saved reports too (`rolecall diff`, `--baseline`), where an unknown name
/// is refused with its line rather than carried, unchecked, into a terminal or a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    High,
    Medium,
    Low,
    Info,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
            Severity::Info => "info",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub id: String,
    pub kind: FindingKind,
    pub severity: Severity,
    pub people: Vec<Arc<str>>,
    pub responsibilities: Vec<Arc<str>>,
    pub tasks: Vec<TaskId>,
    pub message: String,
    /// What to do about it, as one suggestion built from what the audit knows.
    pub advice: String,
}

/// Per role, the people who could take on its work, best first: those titled for it, then
/// the others who do some of it, each by how much of it they do, then in profile order.
/// Ranked once, so that each finding's advice picks its candidate from the top of a list;
/// ranking everyone for each finding cost a million-row sheet of 100,000 people a minute.
pub(super) struct Candidates {
    /// Per role: [titled, untitled].
    any: Vec<[Vec<usize>; 2]>,
    /// Per role, per team: the same two lists within the team.
    by_team: Vec<HashMap<String, [Vec<usize>; 2]>>,
}

impl Candidates {
    const TITLED: usize = 0;
    const UNTITLED: usize = 1;

    pub(super) fn new(profiles: &[Profile], roles: usize) -> Candidates {
        let mut any: Vec<[Vec<usize>; 2]> = vec![Default::default(); roles];
        let mut by_team: Vec<HashMap<String, [Vec<usize>; 2]>> = vec![HashMap::new(); roles];
        for (role, (lists, teams)) in any.iter_mut().zip(&mut by_team).enumerate() {
            for (p, profile) in profiles.iter().enumerate() {
                let kind = if profile.title_role == Some(role) {
                    Self::TITLED
                } else if profile.role_weight[role] > 0.0 {
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
                    profiles[b].role_weight[role]
                        .total_cmp(&profiles[a].role_weight[role])
                        .then(a.cmp(&b))
                })
            };
            lists.iter_mut().for_each(best_first);
            teams.values_mut().flatten().for_each(best_first);
        }
        Candidates { any, by_team }
    }

    /// The best of `role`'s candidates other than `except`, preferring `team`'s.
    fn best(&self, role: usize, except: &[usize], team: Option<&str>) -> Option<usize> {
        let first = |list: &[usize]| list.iter().copied().find(|p| !except.contains(p));
        let in_team = team.and_then(|t| self.by_team[role].get(t));
        [Self::TITLED, Self::UNTITLED].into_iter().find_map(|kind| {
            in_team
                .and_then(|lists| first(&lists[kind]))
                .or_else(|| first(&self.any[role][kind]))
        })
    }
}

impl Facts<'_> {
    fn role_name(&self, index: usize) -> &str {
        &self.rubric.roles[index].name
    }

    fn role_name_by_id(&self, id: &str) -> String {
        self.rubric
            .role(id)
            .map_or_else(|| id.to_string(), |r| r.name.clone())
    }

    fn responsibility_label(&self, r: usize) -> String {
        let resp = &self.rubric.responsibilities[r];
        format!("\"{}\" ({})", resp.title, self.role_name_by_id(&resp.role))
    }

    fn names(&self, people: &[usize]) -> Vec<Arc<str>> {
        people
            .iter()
            .map(|&p| self.profiles[p].name.clone())
            .collect()
    }

    /// `capped_list(&self.names(people))`, naming only the people it shows.
    fn capped_names(&self, people: &[usize]) -> String {
        capped_of(
            &self.names(&people[..people.len().min(NAMES_SHOWN)]),
            people.len(),
        )
    }

    fn role_of_responsibility(&self, r: usize) -> Option<usize> {
        let id = &self.rubric.responsibilities[r].role;
        self.rubric.roles.iter().position(|role| &role.id == id)
    }

    /// "Ana Ruiz (Product Manager)": a name with the title, as advice names people.
    fn named(&self, person: usize) -> String {
        let profile = &self.profiles[person];
        format!("{} ({})", profile.name, self.title_label(profile))
    }

    /// The person best placed to take on work of `role`, other than `except`: someone
    /// titled for it first, then someone in `team`, then whoever does most of its work;
    /// `None` when nobody is titled for it or does any of it.
    fn candidate(&self, role: usize, except: &[usize], team: Option<&str>) -> Option<usize> {
        self.candidates.best(role, except, team)
    }

    /// People (profile indices) by how many of `tasks` are theirs, most first, then in
    /// profile order.
    fn by_share_of(&self, people: &[usize], tasks: &[usize]) -> Vec<(usize, usize)> {
        let mut of_person: HashMap<usize, usize> = HashMap::new();
        for &t in tasks {
            *of_person.entry(self.person_of_task[t]).or_default() += 1;
        }
        let mut counts: Vec<(usize, usize)> = people
            .iter()
            .map(|&p| (p, of_person.get(&p).copied().unwrap_or(0)))
            .collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        counts
    }

    fn title_label<'p>(&self, profile: &'p Profile) -> &'p str {
        profile.title.as_deref().unwrap_or("no title")
    }

    /// "Product Owner (Product Manager)": the title, and the role it maps to when the
    /// title does not already say it.
    fn title_and_role(&self, profile: &Profile, role: usize) -> String {
        let title = self.title_label(profile);
        let role = self.role_name(role);
        if title.eq_ignore_ascii_case(role) {
            title.to_string()
        } else {
            format!("{title} ({role})")
        }
    }
}

pub(super) fn all(facts: &Facts<'_>) -> Vec<Finding> {
    type Rule = fn(&Facts<'_>) -> Vec<Finding>;
    let charts: Rule = |facts| super::raci::findings(facts.charts, facts.tasks, &facts.settings);
    let matched: [Rule; 8] = [
        overlaps,
        similar_work,
        gaps,
        missing_core,
        drift,
        single_points_of_failure,
        review_lists,
        |facts| super::raci::accountability_overlaps(facts.rubric, facts.tasks),
    ];
    // Text the matcher cannot read gives matches on words shared by chance, and no match
    // at all for the rest: every rule that rests on matches would report those as facts.
    let rules: Vec<Rule> = if facts.foreign.is_some() {
        vec![foreign_language, charts]
    } else {
        matched.into_iter().chain([charts]).collect()
    };
    // The rules read the same facts and nothing else, so they run side by side; collecting
    // keeps the rules' order, and the stable sort the order within a rule.
    let mut findings: Vec<Finding> = rules.par_iter().flat_map_iter(|rule| rule(facts)).collect();
    findings.par_sort_by(|a, b| (a.severity, a.kind, &a.id).cmp(&(b.severity, b.kind, &b.id)));
    findings
}

fn foreign_language(facts: &Facts<'_>) -> Vec<Finding> {
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
        advice: "Consider bringing rubrics written in the tasks' language (--rubric), or pass --any-language to match the tasks as they are.".to_string(),
    }]
}

fn overlaps(facts: &Facts<'_>) -> Vec<Finding> {
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
                names.len(),
                match titles.len() {
                    1 => "1 title".to_string(),
                    n => format!("{n} titles"),
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
                behind.len()
            )
        }
        several => format!(
            "Consider naming one of the {} people titled {role_name} who carry it ({}) to lead it, and agreeing what the others do.",
            several.len(),
            facts.capped_names(several)
        ),
    }
}

/// Pairs of people in one team whose covered responsibilities mostly coincide.
///
/// Only teammates are compared: two people in different teams doing the same work is each
/// team staffing that work, and the overlap rule already shows a responsibility carried in
/// many places. Each person is shown in at most `similar_work_peers` pairs, their closest,
/// so a team of sixty people doing one job gives a readable list rather than 1,770 pairs.
/// Both choices also keep the rule's cost in proportion to the rows, not to the square of
/// the organisation.
fn similar_work(facts: &Facts<'_>) -> Vec<Finding> {
    let settings = &facts.settings;
    let words = facts.rubric.responsibilities.len().div_ceil(64);
    let mut teams: BTreeMap<Option<&str>, Vec<Peer>> = BTreeMap::new();
    for (index, profile) in facts.profiles.iter().enumerate() {
        if profile.credited_tasks < settings.similar_work_min_tasks {
            continue;
        }
        let mut covered = vec![0u64; words];
        for &r in &profile.responsibilities {
            covered[r / 64] |= 1 << (r % 64);
        }
        teams
            .entry(profile.team.as_deref())
            .or_default()
            .push(Peer {
                index,
                slug: slug(&profile.name),
                covered,
            });
    }
    let limit = candidates_per_person(settings.similar_work_peers);
    let mut pairs: Vec<SimilarPair> = Vec::new();
    for members in teams.values() {
        for (a, b) in candidate_pairs(members, settings.similar_work_jaccard, limit) {
            if let Some(pair) = similar_pair(facts, &members[a], &members[b]) {
                pairs.push(pair);
            }
        }
    }
    closest_pairs(&mut pairs, settings.similar_work_peers)
        .map(|pair| similar_work_finding(facts, pair))
        .collect()
}

/// How many of each person's closest peers are weighed for the pairs shown. A person is
/// shown in at most `peers` pairs, and the closest pairs are taken first, so their few
/// closest peers decide them; weighing every pair made a team of 4,000 people with no team
/// column 8 million pairs. Four times `peers` leaves room for peers already shown with
/// others.
fn candidates_per_person(peers: usize) -> usize {
    peers.saturating_mul(4).max(8)
}

/// Each person's `limit` closest peers by the responsibilities they cover (Jaccard index
/// at or above `threshold`, then more shared, then name order), as pairs of indices into
/// `members`, smaller first. People who cover the same set are scored once as a group, so
/// the cost grows with the number of distinct sets squared, not of people: a large team
/// where many do the same work is the case that matters.
fn candidate_pairs(members: &[Peer], threshold: f64, limit: usize) -> BTreeSet<(usize, usize)> {
    let by_name = |x: &usize, y: &usize| members[*x].slug.cmp(&members[*y].slug).then(x.cmp(y));
    let mut alike: HashMap<&[u64], Vec<usize>> = HashMap::new();
    for (index, peer) in members.iter().enumerate() {
        alike.entry(&peer.covered).or_default().push(index);
    }
    let mut groups: Vec<(&[u64], Vec<usize>)> = alike.into_iter().collect();
    groups.sort_by(|a, b| a.0.cmp(b.0));
    for (_, people) in &mut groups {
        people.sort_by(by_name);
    }
    let mut out = BTreeSet::new();
    for (cover, people) in &groups {
        // Groups near this one, closest first: (Jaccard, shared, group).
        let mut near: Vec<(f64, u32, usize)> = groups
            .iter()
            .enumerate()
            .filter_map(|(index, (other, _))| {
                let (mut both, mut either) = (0, 0);
                for (x, y) in cover.iter().zip(other.iter()) {
                    both += (x & y).count_ones();
                    either += (x | y).count_ones();
                }
                let jaccard = f64::from(both) / f64::from(either.max(1));
                (either > 0 && jaccard >= threshold).then_some((jaccard, both, index))
            })
            .collect();
        near.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        // One list serves every member: each takes it without themself, so it holds one
        // more than the limit.
        let mut ranked: Vec<usize> = Vec::new();
        let mut start = 0;
        while start < near.len() && ranked.len() <= limit {
            let tied = near[start..]
                .iter()
                .take_while(|n| n.0 == near[start].0 && n.1 == near[start].1)
                .count();
            // Among equals the pair in name order comes first, which for one person is
            // the other's name order.
            let mut run: Vec<usize> = near[start..start + tied]
                .iter()
                .flat_map(|n| groups[n.2].1.iter().copied().take(limit + 1))
                .collect();
            run.sort_by(by_name);
            ranked.extend(run.into_iter().take(limit + 1 - ranked.len()));
            start += tied;
        }
        for &a in people {
            for &b in ranked.iter().filter(|&&b| b != a).take(limit) {
                out.insert((a.min(b), a.max(b)));
            }
        }
    }
    out
}

/// A person eligible for the similar-work rule.
struct Peer {
    index: usize,
    slug: String,
    /// The responsibilities they carry, one bit each.
    covered: Vec<u64>,
}

/// Two people, in name order, whose shared responsibilities pass the threshold.
struct SimilarPair {
    people: [usize; 2],
    slugs: [String; 2],
    shared: Vec<usize>,
    union: usize,
}

impl SimilarPair {
    fn jaccard(&self) -> f64 {
        self.shared.len() as f64 / self.union as f64
    }
}

fn similar_pair(facts: &Facts<'_>, a: &Peer, b: &Peer) -> Option<SimilarPair> {
    let (mut both, mut either) = (0, 0);
    for (x, y) in a.covered.iter().zip(&b.covered) {
        both += (x & y).count_ones() as usize;
        either += (x | y).count_ones() as usize;
    }
    // Rows two people share on a chart only lower the count, so a pair below the threshold
    // on the bits alone is below it for good.
    if either == 0 || (both as f64 / either as f64) < facts.settings.similar_work_jaccard {
        return None;
    }
    // The pair in name order: the id names two people, not which of them the sheet lists
    // first, so reordering the rows keeps it.
    let (first, second) = if a.slug <= b.slug { (a, b) } else { (b, a) };
    let shared: Vec<usize> = facts.profiles[first.index]
        .responsibilities
        .intersection(&facts.profiles[second.index].responsibilities)
        .copied()
        .filter(|&r| !facts.shared_through_one_row(r, &[first.index, second.index]))
        .collect();
    let pair = SimilarPair {
        people: [first.index, second.index],
        slugs: [first.slug.clone(), second.slug.clone()],
        shared,
        union: either,
    };
    (pair.jaccard() >= facts.settings.similar_work_jaccard).then_some(pair)
}

/// The pairs to show: taken closest first (by Jaccard index, then by responsibilities
/// shared, then in name order), each while both of its people are in fewer than `peers`
/// pairs taken so far.
fn closest_pairs(pairs: &mut [SimilarPair], peers: usize) -> impl Iterator<Item = &SimilarPair> {
    pairs.sort_by(|x, y| {
        y.jaccard()
            .total_cmp(&x.jaccard())
            .then(y.shared.len().cmp(&x.shared.len()))
            .then_with(|| x.slugs.cmp(&y.slugs))
    });
    let mut shown: HashMap<usize, usize> = HashMap::new();
    let mut keep = vec![false; pairs.len()];
    for (pair, keep) in pairs.iter().zip(&mut keep) {
        let [a, b] = pair.people;
        let shown_in = |person| shown.get(&person).copied().unwrap_or(0);
        if shown_in(a) < peers && shown_in(b) < peers {
            *keep = true;
            for person in pair.people {
                *shown.entry(person).or_default() += 1;
            }
        }
    }
    pairs
        .iter()
        .zip(keep)
        .filter_map(|(pair, keep)| keep.then_some(pair))
}

fn similar_work_finding(facts: &Facts<'_>, pair: &SimilarPair) -> Finding {
    let [pa, pb] = pair.people.map(|p| &facts.profiles[p]);
    let cross_role = pa.title_role.is_none() || pa.title_role != pb.title_role;
    Finding {
        id: format!("similar-work:{}+{}", pair.slugs[0], pair.slugs[1]),
        kind: FindingKind::SimilarWork,
        severity: if cross_role {
            Severity::Medium
        } else {
            Severity::Low
        },
        people: vec![pa.name.clone(), pb.name.clone()],
        responsibilities: pair
            .shared
            .iter()
            .map(|&r| facts.names.responsibilities[r].0.clone())
            .collect(),
        tasks: Vec::new(),
        message: format!(
            "{} ({}) and {} ({}) do much the same work: {} of the {} responsibilities they cover are shared.",
            pa.name,
            facts.title_label(pa),
            pb.name,
            facts.title_label(pb),
            pair.shared.len(),
            pair.union
        ),
        advice: format!(
            "Consider agreeing which of the two leads each shared responsibility, starting with \"{}\", so that they stop duplicating each other.",
            pair.shared
                .first()
                .map_or("", |&r| facts.rubric.responsibilities[r].title.as_str())
        ),
    }
}

/// Responsibilities nobody carries, in the roles audited for gaps (see [`super::Scope`]). A
/// role with no work carried at all is one finding that lists its responsibilities, instead
/// of one finding per responsibility. A role out of scope that nobody is titled for is said
/// once, as context: how much of its work the team does anyway, and who does it.
fn gaps(facts: &Facts<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (index, role) in facts.rubric.roles.iter().enumerate() {
        let own: Vec<usize> = (0..facts.rubric.responsibilities.len())
            .filter(|&r| facts.rubric.responsibilities[r].role == role.id)
            .collect();
        if !facts.in_scope[index] {
            if !facts.held[index] && facts.settings.scope.roles.is_none() {
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

fn missing_core(facts: &Facts<'_>) -> Vec<Finding> {
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

fn drift(facts: &Facts<'_>) -> Vec<Finding> {
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

fn single_points_of_failure(facts: &Facts<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (r, carriers) in facts.carriers.iter().enumerate() {
        let resp = &facts.rubric.responsibilities[r];
        let [only] = carriers.as_slice() else {
            continue;
        };
        if !resp.core {
            continue;
        }
        let person = &facts.profiles[*only].name;
        out.push(Finding {
            id: format!("single-point-of-failure:{}", resp.id),
            kind: FindingKind::SinglePointOfFailure,
            severity: Severity::Medium,
            people: vec![person.clone()],
            responsibilities: vec![facts.names.responsibilities[r].0.clone()],
            tasks: facts.credited[r].iter().map(|&t| facts.tasks[t].id).collect(),
            message: format!(
                "Only {person} carries {}, a core responsibility: nobody covers it when they are away.",
                facts.responsibility_label(r)
            ),
            advice: backup_advice(facts, r, *only),
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

/// A finding quotes at most this many characters of a task line; the report's tasks carry
/// the whole text, and quoting lines of 30,000 characters in full doubled a report.
const QUOTED_CHARS: usize = 500;

/// A task line in quotes, cut after [`QUOTED_CHARS`] characters with an ellipsis.
fn quoted_task(task: &str) -> String {
    match task.char_indices().nth(QUOTED_CHARS) {
        Some((end, _)) => format!("\"{}…\"", &task[..end]),
        None => format!("\"{task}\""),
    }
}

/// Unmatched and ambiguous tasks, one finding per person and kind, listed for review.
fn review_lists(facts: &Facts<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for profile in &facts.profiles {
        for (kind, status, one, many, advice) in [
            (
                FindingKind::Unmatched,
                MatchStatus::Unmatched,
                "matches no responsibility of the rubrics",
                "match no responsibility of the rubrics",
                "Review these lines: reword any that are vague, and if they are role work the rubrics miss, add them to your own rubrics (rolecall rubrics export DIR, then --rubric DIR).",
            ),
            (
                FindingKind::Ambiguous,
                MatchStatus::Ambiguous,
                "matches two roles almost equally",
                "match two roles almost equally",
                "Consider saying which role owns each of these tasks, or splitting each into one line per part, so that each counts for one role.",
            ),
        ] {
            let tasks: Vec<usize> = profile
                .tasks
                .iter()
                .copied()
                .filter(|&t| facts.tasks[t].verdict.status == status && facts.carrying[t])
                .collect();
            if tasks.is_empty() {
                continue;
            }
            let quoted: Vec<String> = tasks
                .iter()
                .take(3)
                .map(|&t| quoted_task(&facts.tasks[t].task))
                .collect();
            let more = tasks.len().saturating_sub(3);
            out.push(Finding {
                id: format!("{}:{}", kind.name(), slug(&profile.name)),
                kind,
                severity: Severity::Info,
                people: vec![profile.name.clone()],
                responsibilities: Vec::new(),
                tasks: tasks.iter().map(|&t| facts.tasks[t].id).collect(),
                message: format!(
                    "{} of {}'s tasks {}: {}{}.",
                    tasks.len(),
                    profile.name,
                    if tasks.len() == 1 { one } else { many },
                    quoted.join(", "),
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    }
                ),
                advice: advice.to_string(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_task_line_is_quoted_cut_after_its_first_characters() {
        assert_eq!(quoted_task("Run the beta"), "\"Run the beta\"");
        let quoted = quoted_task(&"é".repeat(QUOTED_CHARS + 1));
        assert_eq!(quoted, format!("\"{}…\"", "é".repeat(QUOTED_CHARS)));
    }

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
                profile.role_weight[role],
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
                team: (i % 5 != 0).then(|| format!("team {}", i % 4)),
                title_role: (i % 3 != 0).then_some(i % 7 % ROLES),
                tasks: Vec::new(),
                role_weight: (0..ROLES)
                    .map(|r| ((i * 7 + r * 3) % 5) as f64 / 2.0)
                    .collect(),
                unmatched_weight: 0.0,
                responsibilities: BTreeSet::new(),
                credited_tasks: 0,
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

    fn peer(index: usize, covered: u64) -> Peer {
        Peer {
            index,
            slug: format!("p{index:05}"),
            covered: vec![covered],
        }
    }

    /// Every qualifying pair, the way the rule weighed them before candidates were bounded.
    fn all_qualifying(members: &[Peer], threshold: f64) -> BTreeSet<(usize, usize)> {
        let mut out = BTreeSet::new();
        for (a, x) in members.iter().enumerate() {
            for (b, y) in members.iter().enumerate().skip(a + 1) {
                let both = (x.covered[0] & y.covered[0]).count_ones();
                let either = (x.covered[0] | y.covered[0]).count_ones();
                if either > 0 && f64::from(both) / f64::from(either) >= threshold {
                    out.insert((a, b));
                }
            }
        }
        out
    }

    #[test]
    fn a_small_team_weighs_every_qualifying_pair() {
        let covers = [0b0111, 0b0111, 0b0011, 0b1100, 0b1110, 0b0001, 0b1111];
        let members: Vec<Peer> = covers
            .iter()
            .enumerate()
            .map(|(i, &c)| peer(i, c))
            .collect();
        assert_eq!(
            candidate_pairs(&members, 0.5, candidates_per_person(3)),
            all_qualifying(&members, 0.5)
        );
    }

    #[test]
    fn a_large_team_of_like_people_weighs_a_bounded_number_of_pairs() {
        let members: Vec<Peer> = (0..5_000)
            .map(|i| peer(i, 0b1011 | ((i as u64 % 3) << 8)))
            .collect();
        let limit = candidates_per_person(3);
        let pairs = candidate_pairs(&members, 0.5, limit);
        assert!(pairs.len() <= members.len() * limit, "{}", pairs.len());
        let mut per_person = vec![0; members.len()];
        for &(a, b) in &pairs {
            per_person[a] += 1;
            per_person[b] += 1;
        }
        // Everyone keeps peers of their own kind, the closest: nobody is left without.
        assert!(per_person.iter().all(|&n| n >= limit), "{per_person:?}");
        for &(a, b) in &pairs {
            assert_eq!(a % 3, b % 3, "a pair of unlike people outranked like ones");
        }
    }
}
