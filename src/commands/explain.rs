//! `rolecall explain`: how one task text matches the rubrics, with the words that carried
//! each match, so that a user can see why the audit put a task where it did. The JSON is
//! made of the types below; their fields are in alphabetical order, the order the JSON has
//! always had.

use std::fmt::Write as _;

use serde::Serialize;

use crate::error::{Error, Exit};
use crate::matching::{labelled_text, Carried, Evidence, Match, MatchStatus, Matcher, TaskMatches};
use crate::rubric::Rubric;
use crate::settings::ExplainOptions;
use crate::text::sanitise;

use super::{load_team_rubric, matcher, pretty_json, print};

pub(super) fn run(options: &ExplainOptions) -> Result<Exit, Error> {
    let rubric = load_team_rubric(&options.rubrics, &options.team)?;
    let matcher = matcher(
        &rubric,
        &options.rubrics,
        &options.team,
        options.matching,
        &options.training,
    );
    let verdict = matcher.classify(&options.text);
    let carried = matcher.carried_by(&options.text, &verdict);
    let text = if options.json {
        pretty_json(&Explanation::new(
            options,
            &rubric,
            &verdict,
            carried.as_ref(),
        ))?
    } else {
        render_text(options, &rubric, &matcher, &verdict, carried.as_ref())
    };
    print(text)
}

/// `explain --format json`.
#[derive(Serialize)]
struct Explanation<'a> {
    ambiguity_margin: f64,
    /// The one or two words without which the verdict would change, and how to override
    /// it; null when the verdict rests on more words than that.
    carried_by: Option<&'a Carried>,
    /// Where the team labelled the task ("labels.csv line 12"), present only when it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    labelled_by: Option<String>,
    matches: Vec<ResponsibilityScore<'a>>,
    min_score: f64,
    none: f64,
    other_work: Option<OtherWorkScore<'a>>,
    /// The best responsibility's, when there is one.
    responsibility: Option<&'a str>,
    role: Option<&'a str>,
    roles: Vec<RoleScore<'a>>,
    score: f64,
    status: MatchStatus,
    text: &'a str,
}

/// A role's probability, and its responsibility the task is closest to.
#[derive(Serialize)]
struct RoleScore<'a> {
    evidence: &'a Evidence,
    responsibility: &'a str,
    role: &'a str,
    score: f64,
}

#[derive(Serialize)]
struct ResponsibilityScore<'a> {
    evidence: &'a Evidence,
    responsibility: &'a str,
    role: &'a str,
    score: f64,
    title: &'a str,
}

/// The area of other work most like the task.
#[derive(Serialize)]
struct OtherWorkScore<'a> {
    area: &'a str,
    evidence: &'a Evidence,
    score: f64,
    title: &'a str,
}

impl<'a> Explanation<'a> {
    fn new(
        options: &'a ExplainOptions,
        rubric: &'a Rubric,
        verdict: &'a TaskMatches,
        carried_by: Option<&'a Carried>,
    ) -> Self {
        let best = verdict
            .best()
            .map(|m| &rubric.responsibilities[m.responsibility]);
        Explanation {
            ambiguity_margin: options.matching.ambiguity_margin,
            carried_by,
            labelled_by: verdict.source.labelled_by(),
            matches: verdict
                .ranked
                .iter()
                .map(|m| {
                    let r = &rubric.responsibilities[m.responsibility];
                    ResponsibilityScore {
                        evidence: &m.evidence,
                        responsibility: &r.id,
                        role: &r.role,
                        score: m.score,
                        title: &r.title,
                    }
                })
                .collect(),
            min_score: options.matching.min_score,
            none: verdict.none,
            other_work: verdict.other.as_ref().map(|o| OtherWorkScore {
                area: &rubric.other_work[o.area].id,
                evidence: &o.evidence,
                score: o.score,
                title: &rubric.other_work[o.area].title,
            }),
            responsibility: best.map(|r| r.id.as_str()),
            role: best.map(|r| r.role.as_str()),
            roles: verdict
                .roles
                .iter()
                .map(|r| RoleScore {
                    evidence: &r.evidence,
                    responsibility: &rubric.responsibilities[r.responsibility.responsibility].id,
                    role: &rubric.roles[r.role].id,
                    score: r.score,
                })
                .collect(),
            score: verdict.score(),
            status: verdict.status,
            text: &options.text,
        }
    }
}

/// `explain` on the terminal: the verdict and why, then every probability with the words
/// that carried it.
fn render_text(
    options: &ExplainOptions,
    rubric: &Rubric,
    matcher: &Matcher<'_>,
    verdict: &TaskMatches,
    carried_by: Option<&Carried>,
) -> String {
    let role_name = |id: &str| {
        rubric
            .role(id)
            .map_or_else(|| id.to_string(), |r| r.name.clone())
    };
    let closest = |m: &Match| {
        let r = &rubric.responsibilities[m.responsibility];
        format!("{} (\"{}\" [{}])", role_name(&r.role), r.title, r.id)
    };
    let outcome = match verdict.status {
        MatchStatus::Unmatched => "unmatched".to_string(),
        MatchStatus::Matched => format!(
            "matched: {}",
            verdict.best().map(closest).unwrap_or_default()
        ),
        MatchStatus::Ambiguous => format!(
            "ambiguous, shared between {}",
            matcher
                .contenders(verdict)
                .into_iter()
                .map(closest)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let mut out = String::new();
    let _ = writeln!(out, "task: {}", sanitise(&options.text));
    let _ = writeln!(
        out,
        "verdict: {outcome}\n  (unmatched when \"none\" is likelier than all roles together or the best role is under {:.2}; two roles within {:.2} are ambiguous)",
        options.matching.min_score, options.matching.ambiguity_margin
    );
    if let Some(origin) = verdict.source.labelled_by() {
        let _ = writeln!(out, "{}; the model's words follow", labelled_text(&origin));
    }
    if !verdict.known {
        let _ = writeln!(out, "no word of this text is known to the model");
    }
    if let Some(carried) = carried_by {
        let _ = writeln!(
            out,
            "{}\n  {}",
            sanitise(&carried.message),
            sanitise(&carried.fix)
        );
    }
    write_probabilities(&mut out, rubric, verdict);
    for (rank, m) in verdict.ranked.iter().enumerate() {
        let r = &rubric.responsibilities[m.responsibility];
        let _ = writeln!(
            out,
            "{:>2}. {:.3}  {} / {} [{}]{}\n         carried by: {}",
            rank + 1,
            m.score,
            role_name(&r.role),
            r.title,
            r.id,
            if r.core { " (core)" } else { "" },
            carried(&m.evidence)
        );
    }
    out
}

/// Each role's probability and that of none of them, then the heading of the ranked list.
fn write_probabilities(out: &mut String, rubric: &Rubric, verdict: &TaskMatches) {
    let _ = writeln!(out, "probabilities:");
    for role in &verdict.roles {
        let _ = writeln!(
            out,
            "  {:.3}  {}\n         carried by: {}",
            role.score,
            rubric.roles[role.role].name,
            carried(&role.evidence)
        );
    }
    if let Some(other) = &verdict.other {
        let area = &rubric.other_work[other.area];
        let _ = writeln!(
            out,
            "  {:.3}  none of these: other work, most like {} [{}] at {:.3}\n         carried by: {}",
            verdict.none,
            area.title,
            area.id,
            other.score,
            carried(&other.evidence)
        );
    }
    if !verdict.ranked.is_empty() {
        let _ = writeln!(out, "closest responsibilities:");
    }
}

/// The words that carried a score, strongest first.
fn carried(evidence: &Evidence) -> String {
    if evidence.terms.is_empty() {
        "nothing".to_string()
    } else {
        Evidence::text(&evidence.terms)
    }
}
