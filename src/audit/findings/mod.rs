//! The audit rules, a file per family. Each rule reads [`Facts`] and returns findings; each
//! finding carries a stable id (its kind and what it is about, never a position), so the same
//! team gives the same ids run after run and a reviewer can track one across reports. Here:
//! what a finding is, the words the rules share about people and roles, and the one place
//! that runs them all.

mod candidates;
mod drift;
mod gaps;
mod language;
mod overlap;
mod review;
mod similar_work;
mod single_points;
mod titles;
mod unassigned;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub(super) use candidates::Candidates;
pub(super) use unassigned::unassigned_issues;

use super::{Facts, FindingKind, Profile, TaskId};
use crate::text::{capped_of, decimal, thousands, NAMES_SHOWN};

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
    pub advice: Arc<str>,
}

impl Finding {
    /// The finding with no spare room in its texts and lists: a text built piece by piece
    /// keeps up to as much again unused, and an organisation's audit holds a hundred
    /// thousand findings until the report is written.
    fn fitted(mut self) -> Finding {
        self.id.shrink_to_fit();
        self.people.shrink_to_fit();
        self.responsibilities.shrink_to_fit();
        self.tasks.shrink_to_fit();
        self.message.shrink_to_fit();
        self
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

    /// What a finding rests on, as its message ends: "on 3 tasks (12 h a week), matched at
    /// 0.74 to 0.98". A reader weighs a finding on two strong lines differently from one
    /// on ten, and the probabilities say how sure the matching was.
    fn evidence(&self, tasks: &[usize]) -> String {
        let count = match tasks.len() {
            1 => "1 task".to_string(),
            n => format!("{} tasks", thousands(n)),
        };
        let hours: f64 = tasks.iter().filter_map(|&t| self.tasks[t].effort).sum();
        let effort = if hours > 0.0 {
            let tenths = decimal(hours, 1);
            let hours = tenths.strip_suffix(".0").unwrap_or(&tenths);
            format!(" ({hours} h a week)")
        } else {
            String::new()
        };
        let scores = tasks.iter().map(|&t| self.tasks[t].verdict.score);
        let low = scores.clone().fold(f64::INFINITY, f64::min);
        let high = scores.fold(0.0, f64::max);
        let matched = if tasks.is_empty() {
            String::new()
        } else if high - low < 0.005 {
            format!(", matched at {low:.2}")
        } else {
            format!(", matched at {low:.2} to {high:.2}")
        };
        format!("on {count}{effort}{matched}")
    }

    fn chart_only(&self) -> bool {
        self.chart_only
    }

    /// Of `tasks`, those with a confident match (see [`Facts::sure`]).
    fn sure_of(&self, tasks: &[usize]) -> Vec<usize> {
        tasks.iter().copied().filter(|&t| self.sure[t]).collect()
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
    // Who owns what, and whether a person's work fits their title: on a list of everyone's
    // work these are the audit. On a chart (a project) ownership is the RACI rules' to
    // judge (one Accountable party, named doers), and a party's marks show their part in
    // one project, not their job; so there these run only when `--roles` says the chart
    // is the whole of those roles' work.
    let ownership: [Rule; 6] = [
        overlap::overlaps,
        similar_work::similar_work,
        gaps::missing_core,
        drift::drift,
        single_points::single_points_of_failure,
        |facts| {
            super::raci::accountability_overlaps(
                facts.rubric,
                facts.tasks,
                facts.settings.confidence,
            )
        },
    ];
    let always: [Rule; 3] = [
        gaps::gaps,
        titles::unrecognised_titles,
        review::review_lists,
    ];
    let project = facts.chart_only() && facts.settings.scope.roles.is_none();
    // Text the matcher cannot read gives matches on words shared by chance, and no match
    // at all for the rest: every rule that rests on matches would report those as facts.
    let rules: Vec<Rule> = if facts.foreign.is_some() {
        vec![language::foreign_language, charts]
    } else if project {
        always.into_iter().chain([charts]).collect()
    } else {
        ownership
            .into_iter()
            .chain(always)
            .chain([charts])
            .collect()
    };
    // The rules read the same facts and nothing else, so they run side by side; collecting
    // keeps the rules' order, and the stable sort the order within a rule.
    let findings: Vec<Finding> = rules
        .par_iter()
        .flat_map_iter(|rule| rule(facts).into_iter().map(Finding::fitted))
        .collect();
    sorted(findings)
}

/// Findings in the order reports list them: by severity, kind and id.
pub(super) fn sorted(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.par_sort_by(|a, b| (a.severity, a.kind, &a.id).cmp(&(b.severity, b.kind, &b.id)));
    findings
}
