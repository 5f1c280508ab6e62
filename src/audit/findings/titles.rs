//! The unrecognised-title rule. A title that is neither an audited role's nor another job's
//! (README "Titles to roles") says nothing about what its holder should be doing, so it is
//! never taken as evidence: its holders get no drift finding, and a role whose work they
//! mostly do is not reported unstaffed, as they may hold it under a title rolecall does not
//! know. This rule says so once, for all such titles, with the config lines that place them.

use std::collections::BTreeMap;

use super::{Finding, Severity};
use crate::audit::{Facts, FindingKind, TitleKind};
use crate::text::{capped_of, toml_string, NAMES_SHOWN};

/// A role is the suggested mapping of a title when its work is at least this share of all
/// the holders' work (as drift weighs work: half); otherwise the suggestion is "none".
const SUGGEST_SHARE: f64 = 0.5;

/// One unrecognised title and its holders.
struct Unrecognised<'f> {
    title: &'f str,
    /// Profile indices, in profile order.
    people: Vec<usize>,
    /// The role the holders' work mostly is: the mapping to suggest.
    role: Option<usize>,
}

/// Unrecognised titles, most held first, then by title.
fn unrecognised<'f>(facts: &'f Facts<'_>) -> Vec<Unrecognised<'f>> {
    let mut by_title: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (p, profile) in facts.profiles.iter().enumerate() {
        if let (TitleKind::Unrecognised, Some(title)) = (profile.title_kind, &profile.title) {
            by_title.entry(title).or_default().push(p);
        }
    }
    let roles = facts.rubric.roles.len();
    let mut titles: Vec<Unrecognised<'f>> = by_title
        .into_iter()
        .map(|(title, people)| {
            let mut work = vec![0.0; roles];
            let mut total = 0.0;
            for &p in &people {
                let profile = &facts.profiles[p];
                for (sum, done) in work.iter_mut().zip(&profile.roles) {
                    *sum += done.weight;
                }
                total += profile.total_weight();
            }
            let role = (0..roles)
                .max_by(|&a, &b| work[a].total_cmp(&work[b]).then(b.cmp(&a)))
                .filter(|&r| total > 0.0 && work[r] >= SUGGEST_SHARE * total);
            Unrecognised {
                title,
                people,
                role,
            }
        })
        .collect();
    titles.sort_by_key(|t| std::cmp::Reverse(t.people.len()));
    titles
}

/// Whether people with unrecognised titles mostly do `role`'s work: then "nobody is titled
/// for it" is only as true as rolecall's reading of titles, and this rule says it instead.
pub(super) fn maybe_held_unrecognised(facts: &Facts<'_>, role: usize) -> bool {
    unrecognised(facts).iter().any(|t| t.role == Some(role))
}

pub(super) fn unrecognised_titles(facts: &Facts<'_>) -> Vec<Finding> {
    let titles = unrecognised(facts);
    if titles.is_empty() {
        return Vec::new();
    }
    let mut people: Vec<usize> = titles.iter().flat_map(|t| t.people.clone()).collect();
    people.sort_unstable();
    let shown = &titles[..titles.len().min(NAMES_SHOWN)];
    let counted: Vec<String> = shown
        .iter()
        .map(|t| format!("\"{}\" ({})", t.title, people_count(t.people.len())))
        .collect();
    let lines: Vec<String> = shown
        .iter()
        .map(|t| {
            let role = t.role.map_or("none", |r| facts.rubric.roles[r].id.as_str());
            format!("{} = \"{role}\"", toml_string(t.title))
        })
        .collect();
    let (titles_are, whose) = if titles.len() == 1 {
        ("1 job title is".to_string(), "its")
    } else {
        (format!("{} job titles are", titles.len()), "their")
    };
    let holders = if people.len() == 1 {
        "holder is".to_string()
    } else {
        format!("{} holders are", people.len())
    };
    let rest = if titles.len() > shown.len() {
        format!(
            "; the other {} titles' holders are this finding's people",
            titles.len() - shown.len()
        )
    } else {
        String::new()
    };
    vec![Finding {
        id: FindingKind::UnrecognisedTitle.name().to_string(),
        kind: FindingKind::UnrecognisedTitle,
        severity: Severity::Info,
        people: facts.names(&people),
        responsibilities: Vec::new(),
        tasks: Vec::new(),
        message: format!(
            "{titles_are} neither an audited role's nor another job's that rolecall knows, so {whose} {holders} not judged for drift: {}.",
            capped_of(&counted, titles.len())
        ),
        advice: format!(
            "Say what each title is in the config's [titles] table (rolecall.toml in the working folder, or --config FILE); as their holders' work reads: {}{rest}. Write \"none\" for another job.",
            lines.join(", ")
        ).into(),
    }]
}

fn people_count(n: usize) -> String {
    if n == 1 {
        "1 person".to_string()
    } else {
        format!("{n} people")
    }
}
