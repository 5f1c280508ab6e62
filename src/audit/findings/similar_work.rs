//! The similar-work rule: pairs of people whose covered responsibilities are largely the
//! same, found without weighing every pair of a large organisation.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{Finding, Severity};
use crate::audit::{Facts, FindingKind};
use crate::text::slug;

/// Pairs of people in one team whose covered responsibilities mostly coincide.
///
/// Only teammates are compared: two people in different teams doing the same work is each
/// team staffing that work, and the overlap rule already shows a responsibility carried in
/// many places. Each person is shown in at most `similar_work_peers` pairs, their closest,
/// so a team of sixty people doing one job gives a readable list rather than 1,770 pairs.
/// Both choices also keep the rule's cost in proportion to the rows, not to the square of
/// the organisation.
pub(super) fn similar_work(facts: &Facts<'_>) -> Vec<Finding> {
    let settings = &facts.settings;
    let words = facts.rubric.responsibilities.len().div_ceil(64);
    let mut teams: BTreeMap<Option<&str>, Vec<Peer>> = BTreeMap::new();
    for (index, profile) in facts.profiles.iter().enumerate() {
        // Two people are not doing the same job on weak lines: each needs confident work,
        // and a responsibility counts as shared only when both carry it confidently, out of
        // all they carry.
        if profile.roles.iter().map(|w| w.sure_tasks).sum::<usize>()
            < settings.similar_work_min_tasks
        {
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
    let theirs = &facts.profiles[second.index].sure_responsibilities;
    let shared: Vec<usize> = facts.profiles[first.index]
        .sure_responsibilities
        .iter()
        .copied()
        .filter(|r| theirs.binary_search(r).is_ok())
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
        ).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
