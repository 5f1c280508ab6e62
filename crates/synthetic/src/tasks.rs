//! Task lines for each kind of work outside the audited roles (theirs are in
//! [`crate::role_tasks`]), and the filling of their slots. The templates are written in the
//! words people use on team sheets, not in the rubrics' terms, so how many of them match
//! measures the matcher rather than echoing it.

use crate::rng::SplitMix64;
use crate::role_tasks::role_templates;
use crate::titles::Work;
use crate::words::{pool, TEAMS};

/// The line a task of `work` is written from in the default sheets: any line of its pool.
pub(crate) fn any_template(work: Work, rng: &mut SplitMix64) -> &'static str {
    match role_templates(work) {
        Some(role) => rng.pick(role).text,
        None => rng.pick::<&str>(other_templates(work)),
    }
}

/// The lines of work that is none of the audited roles': empty for the roles, whose lines are
/// labelled ([`crate::role_tasks`]).
pub(crate) fn other_templates(work: Work) -> &'static [&'static str] {
    match work {
        Work::Engineering => ENGINEERING,
        Work::Management => MANAGEMENT,
        Work::Reliability => RELIABILITY,
        Work::Quality => QUALITY,
        Work::Design => DESIGN,
        Work::Data => DATA,
        Work::Marketing => MARKETING,
        Work::Sales => SALES,
        Work::Success => SUCCESS,
        Work::Common => COMMON,
        Work::Product | Work::Program | Work::Technical => &[],
    }
}

/// Fills `{key}` slots from the word pools ([`crate::words`]); `{team}` is the person's own
/// team and `{other_team}` another one. An unknown key is left as written, which a test catches.
pub(crate) fn expand(
    template: &str,
    teams: &[String],
    team: usize,
    rng: &mut SplitMix64,
) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let key = &rest[open + 1..open + close];
        match key {
            "team" => out.push_str(&teams[team]),
            "other_team" => {
                let other = if teams.len() > 1 {
                    &teams[(team + 1 + rng.below(teams.len() - 1)) % teams.len()]
                } else {
                    *rng.pick(&TEAMS)
                };
                out.push_str(other);
            }
            "n" => out.push_str(&(3 + rng.below(10)).to_string()),
            _ => match pool(key) {
                Some(words) => out.push_str(rng.pick::<&str>(words)),
                None => out.push_str(&rest[open..=open + close]),
            },
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    if template.starts_with('{') {
        // A slot opening the sentence ("weekly program status ...") takes a capital.
        if let Some(first) = out.chars().next() {
            out.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
        }
    }
    out
}

const ENGINEERING: &[&str] = &[
    "Implement {feature} backend in the {system}",
    "Code review for {team} pull requests",
    "Fix flaky integration tests in the {system}",
    "Refactor error handling in the {system}",
    "Unit tests for {feature}",
    "Build the {feature} UI in React",
    "Debug memory leak in the {system}",
    "Pair programming with new hires on the {system}",
    "Profile and speed up slow queries in the {system}",
    "Upgrade dependencies and fix deprecation warnings in the {system}",
    "Write the design doc for the {feature} data model",
    "Bug fixes from the {team} bug bash",
    "Implement {feature} on iOS (SwiftUI)",
    "Android client work for {feature} (Kotlin)",
    "GraphQL schema changes for {feature}",
    "Add caching to the {system} read path",
    "Code review",
    "Implement the {feature} backend in the {system}: schema migration, new API endpoints, unit and integration tests, and pairing with the frontend engineer to wire up the screens before code freeze",
];

const MANAGEMENT: &[&str] = &[
    "1:1s with {n} direct reports",
    "Performance reviews for the {team} team",
    "Career growth plans and promo packets for reports",
    "Hiring manager for {n} open {hire} roles",
    "Team retros and health checks for {team}",
    "Coaching and mentoring senior engineers on {team}",
    "Calibration sessions with other managers",
    "Weekly 1:1s with my {n} direct reports, quarterly performance reviews and calibration with other managers, plus writing a promotion packet for one senior engineer on the {team} team",
];

const RELIABILITY: &[&str] = &[
    "Primary on-call for the {system}",
    "Terraform modules for {system} infra",
    "Tune alerts and dashboards for the {system}",
    "Kubernetes cluster upgrades for {team}",
    "Patch base images for this month's CVEs",
    "Backup restore drills for the {system}",
    "Autoscaling and capacity tuning for the {system}",
    "Respond to pages and write incident timelines for {system} outages",
    "Reduce noisy alerts for the {system}",
    "Manage TLS certificates and DNS for {team} services",
];

const QUALITY: &[&str] = &[
    "Regression test pass for the {team} release",
    "Write Playwright end-to-end tests for {feature}",
    "Test plan for {feature}",
    "Triage bug reports from the {feature} beta",
    "Maintain the device lab for mobile testing",
    "Exploratory testing of {feature} on iOS and Android",
    "Load tests for the {system} before peak season",
    "Automate smoke tests for the {system} in CI",
];

const DESIGN: &[&str] = &[
    "Figma mockups for {feature}",
    "Prototype {feature} flows for usability testing",
    "Update design system components (buttons, forms, tables)",
    "Visual polish pass on {team} screens",
    "Design critique with the design team",
    "Illustrations and empty states for {feature}",
    "Usability test sessions with {n} {segment} users on {feature}",
    "Accessibility review of {team} screens (contrast, focus order)",
    "Design the end-to-end {feature} experience in Figma, from the first empty state to error handling, run two rounds of usability testing with {segment} users and hand off redlines to the {team} engineers",
];

const DATA: &[&str] = &[
    "SQL dashboards in Looker for {team}",
    "dbt models for {metric} reporting",
    "Ad-hoc data pulls for {team}",
    "Clean up the event tracking schema for {feature}",
    "Weekly {metric} report for {team}",
    "Revenue forecast model for {segment}",
    "Data quality checks on the {system}",
    "Experiment analysis for the {feature} A/B test",
];

const MARKETING: &[&str] = &[
    "Blog post and launch email for {feature}",
    "Sales enablement deck for {feature}",
    "Competitive battlecards for {segment} deals",
    "Webinar for {segment} customers on {feature}",
    "Website copy for the {team} pages",
    "Case study with {customer}",
];

const SALES: &[&str] = &[
    "Sales calls with {segment} prospects",
    "Product demos for {customer}",
    "RFP and security questionnaire responses for {segment} deals",
    "Pipeline review in Salesforce",
    "Proof-of-concept setup for {customer}",
    "Negotiate renewal terms with {customer}",
];

const SUCCESS: &[&str] = &[
    "Work escalated support tickets from tier 1",
    "Renewal calls with {segment} accounts",
    "Onboard new {segment} customers",
    "Health scores and churn-risk follow-ups for {segment} accounts",
    "Collect feature requests from {customer}",
    "Business reviews with {customer}",
];

const COMMON: &[&str] = &[
    "Hiring interviews ({n} loops/week)",
    "Interview panel for {hire} candidates",
    "Expense reports and travel bookings",
    "Submit monthly expense report",
    "Onboarding buddy for a new {team} hire",
    "Plan the {team} team offsite",
    "Support rotation: answer Zendesk tickets for {team}",
    "Join sales calls for the {customer} renewal",
    "Security awareness training and compliance attestations",
    "Organize the {team} all-hands agenda",
    "Laptop and access requests for new joiners",
];
