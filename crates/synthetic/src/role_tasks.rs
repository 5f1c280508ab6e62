//! The task lines of the three audited roles, each labelled with the rubric responsibility it
//! is written for (ids in [`crate::responsibilities`]), which is the truth a planted
//! organisation records. Labels were given by meaning, reading each responsibility's title
//! and description in rolecall's rubrics, never by shared words: the lines stay in the words
//! people use on team sheets.
//!
//! The default sheets draw from [`PRODUCT`], [`PROGRAM`] and [`TECHNICAL`] as they always
//! have, so that a seed's sheet stays byte for byte what it was. A line that fits no single
//! responsibility well is kept there, unlabelled, and is never planted; [`PLANTED_ONLY`]
//! adds lines for the responsibilities the old pools left thin or empty, so every
//! responsibility can be planted.

use crate::responsibilities::{index_of, RESPONSIBILITIES};
use crate::titles::Work;

/// A role task line and the responsibility it is written for, if one fits it well.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RoleTemplate {
    pub(crate) about: Option<&'static str>,
    pub(crate) text: &'static str,
}

const fn about(id: &'static str, text: &'static str) -> RoleTemplate {
    RoleTemplate {
        about: Some(id),
        text,
    }
}

/// A line that reads as two responsibilities at once: kept for the default sheets only.
const fn none(text: &'static str) -> RoleTemplate {
    RoleTemplate { about: None, text }
}

/// The lines a role's tasks are drawn from in the default sheets, or None for other work.
pub(crate) fn role_templates(work: Work) -> Option<&'static [RoleTemplate]> {
    match work {
        Work::Product => Some(PRODUCT),
        Work::Program => Some(PROGRAM),
        Work::Technical => Some(TECHNICAL),
        _ => None,
    }
}

/// Per responsibility (in [`RESPONSIBILITIES`]' order), the lines written for it.
pub(crate) fn by_responsibility() -> Vec<Vec<&'static str>> {
    let mut out = vec![Vec::new(); RESPONSIBILITIES.len()];
    for template in [PRODUCT, PROGRAM, TECHNICAL, PLANTED_ONLY].concat() {
        if let Some(r) = template.about.and_then(index_of) {
            out[r].push(template.text);
        }
    }
    out
}

pub(crate) const PRODUCT: &[RoleTemplate] = &[
    about("pm-roadmap", "Own the {team} roadmap for {quarter}"),
    about("pm-roadmap", "Prioritize the {team} backlog w/ eng leads"),
    about("pm-requirements", "Write PRD for {feature}"),
    about("pm-requirements", "PRD + user stories for {feature}"),
    about("pm-customer-research", "Customer interviews w/ {segment} accounts about {feature}"),
    about("pm-performance", "Define success metrics for {feature} ({metric})"),
    about("pm-performance", "Track {feature} adoption and {metric} in Amplitude"),
    about("pm-launch-gtm", "GTM plan w/ product marketing for the {feature} launch"),
    about("pm-launch-gtm", "Launch plan and release notes for {feature}"),
    about("pm-customer-research", "Competitive analysis: how competitors handle {feature}"),
    about("pm-strategy-vision", "Product vision doc for {team}"),
    about("pm-cross-functional", "Set {team} OKRs with eng and design leads"),
    about("pm-requirements", "Acceptance criteria for {feature}"),
    about("pm-roadmap", "Groom the {team} backlog in Jira"),
    about("pm-launch-gtm", "Pricing & packaging proposal for {feature}"),
    about("pm-customer-research", "Synthesize {segment} feedback into roadmap themes for {quarter}"),
    about("pm-performance", "A/B test readout for {feature}, make the ship/no-ship call"),
    about("pm-customer-research", "Market sizing for {segment} expansion"),
    about("pm-customer-research", "Discovery w/ design on why {segment} trials drop off during setup"),
    about("pm-performance", "Funnel analysis on {metric} for {team}"),
    about("pm-stakeholder-comms", "Demo {feature} to stakeholders at sprint review"),
    about("pm-roadmap", "Triage feature requests from {segment} customers"),
    about("pm-launch-gtm", "Beta program for {feature}: recruit customers, collect feedback"),
    about("pm-requirements", "Decide MVP scope for {feature}"),
    none("Roadmap review with {exec}: trade off {feature} vs tech debt"),
    about("pm-performance", "Own {metric} for {team} - target +3 pts this quarter"),
    about("pm-customer-research", "Turn usability study findings into prioritized backlog items for {feature}"),
    about("pm-performance", "Churn analysis: which features correlate with renewal for {segment}"),
    about("pm-requirements", "Requirements for {feature} based on {n} calls with {segment} prospects"),
    about("pm-strategy-vision", "Product strategy memo for {team} {quarter}"),
    about("pm-customer-research", "Run a series of {n} customer interviews with {segment} admins about {feature}, synthesize the findings into a short memo and use it to reshape the {team} roadmap for {quarter}"),
    about("pm-requirements", "Write the one-pager for {feature} covering the problem, target users, success metrics and non-goals, then walk the {team} engineering and design leads through it before sprint planning"),
    about("pm-launch-gtm", "Own the launch of {feature} end to end with product marketing and support: pricing, positioning, in-app announcement, help-center articles and a review of {metric} thirty days after launch"),
];

pub(crate) const PROGRAM: &[RoleTemplate] = &[
    about("pgm-stakeholder-comms", "{cadence} program status report to {exec}"),
    about("pgm-reporting-tracking", "Exec portfolio status (RAG) for {project}"),
    about("pgm-resources-budget", "Track program budget vs. forecast for {project}"),
    about("pgm-resources-budget", "Headcount plan across {team} and {other_team} projects for {quarter}"),
    about("pgm-risk", "Maintain the RAID log for {project}"),
    about("pgm-stakeholder-comms", "Run the {project} steering committee"),
    about("pgm-cross-project", "Cross-project dependency map for {project}"),
    about("pgm-cross-project", "Coordinate dependencies between {team} and {other_team} projects"),
    none("Quarterly planning calendar and OKR check-ins across programs"),
    about("pgm-resources-budget", "Resource allocation across {n} projects in the {team} portfolio"),
    about("pgm-resources-budget", "Vendor contract renewals ({vendor}) w/ procurement"),
    about("pgm-resources-budget", "Contractor SOWs and POs for {project}"),
    about("pgm-objectives-alignment", "Program charter and success criteria for {project}"),
    about("pgm-change-management", "Change management plan for rolling out {project} to {n} teams"),
    about("pgm-risk", "Risk register review + contingency plans for {project}"),
    about("pgm-objectives-alignment", "Benefits tracking for {project} against the business case"),
    about("pgm-governance", "PMO intake: score new project requests for {quarter}"),
    about("pgm-stakeholder-comms", "Stakeholder map and comms plan for {project}"),
    about("pgm-resources-budget", "Monthly budget variance report to finance for {project}"),
    about("pgm-stakeholder-comms", "Program review with {exec}: milestones, risks, asks"),
    about("pgm-leadership", "Resolve priority conflicts between {team} and {other_team} over shared staff"),
    about("pgm-cross-project", "Run the {project} program sync w/ all workstream leads"),
    none("Portfolio prioritization across {team} initiatives for {quarter} planning"),
    about("pgm-risk", "Escalate cross-project risks to the steering committee"),
    none("Lessons-learned retro for {project} phase 1"),
    about("pgm-governance", "Stage-gate reviews for {project}"),
    about("pgm-change-management", "Org change comms for the {team} reorg"),
    about("pgm-resources-budget", "Capacity planning across programs for {quarter}"),
    about("pgm-stakeholder-comms", "Prepare the monthly steering committee pack for {project}: budget burn against plan, headcount changes, top five risks from the RAID log and the decisions we need from {exec}"),
    about("pgm-resources-budget", "Pull together one view of all {n} projects in the {team} portfolio with owners, milestones and dependencies, and reconcile it with the finance budget so leadership can rebalance headcount for {quarter}"),
    about("pgm-governance", "Set up governance for {project}: steering committee cadence, decision log, escalation path, RACI for each workstream and a single status report that goes to {exec} every Friday"),
];

pub(crate) const TECHNICAL: &[RoleTemplate] = &[
    about("tpm-delivery-schedule", "Technical delivery schedule for the {migration}"),
    none("Track the {migration} across {n} services"),
    about("tpm-architecture", "Architecture review for the {system} redesign"),
    about("tpm-architecture", "RFC review: {system} changes for {feature}"),
    about("tpm-delivery-schedule", "Run the {cadence} release train for {team}"),
    about("tpm-dependencies", "Cross-team technical dependencies for {feature} ({team} and {other_team})"),
    about("tpm-launch-readiness", "Release readiness checklist and go/no-go for {feature}"),
    about("tpm-launch-readiness", "Cutover plan for the {migration}"),
    none("Incident review process: run postmortems and track action items for {team}"),
    none("On-call process and escalation policy for the {system}"),
    about("tpm-milestone-tracking", "Track eng milestones for {feature} in Jira, flag slips early"),
    about("tpm-technical-risk", "Technical risk register for the {migration}"),
    about("tpm-dependencies", "Coordinate the API contract between {team} and {other_team} for {feature}"),
    about("tpm-architecture", "Feasibility and effort estimates for {feature} w/ eng leads"),
    about("tpm-cross-team-alignment", "Sprint planning across {n} eng squads for {project}"),
    about("tpm-architecture", "Build-vs-buy technical assessment for the {system}"),
    about("tpm-engineering-comms", "Eng status update to {exec} on the {migration}"),
    about("tpm-quality-metrics", "Define SLOs and error budgets for the {system} with SRE"),
    about("tpm-quality-metrics", "Track deploy frequency and change failure rate for {team}"),
    about("tpm-launch-readiness", "Feature-flag rollout plan for {feature} (1% -> 10% -> 100%)"),
    about("tpm-dependencies", "Integration test plan for {feature} across {team} and {other_team}"),
    none("Unblock {team} engineers on the {system} dependency"),
    about("tpm-infrastructure", "Cloud cost reduction program for the {system}"),
    none("Deprecation plan and timeline for the {system} v1 endpoints"),
    about("tpm-infrastructure", "CI/CD pipeline improvements w/ the dev productivity team"),
    none("Tech debt burndown tracking for {team}"),
    about("tpm-delivery-schedule", "Scope and sequence engineering work for {project} milestones"),
    about("tpm-delivery-schedule", "Drive the {migration} end to end: keep the technical schedule, chase the {n} service owners for their cutover dates, run the weekly sync and escalate slips to {exec}"),
    about("tpm-architecture", "Run architecture reviews for the {feature} design with {team} and {other_team} engineers, capture the decisions in the RFC and turn open technical risks into tracked tickets with owners"),
    about("tpm-launch-readiness", "Own the {team} release train for mobile and web: branch cut, regression sign-off with QA, staged rollout, release notes for support and the post-release health check on crash rate"),
];

/// Lines for the responsibilities the default pools cover thinly or not at all; used only by
/// planted organisations, so the default sheets do not change.
const PLANTED_ONLY: &[RoleTemplate] = &[
    about(
        "pm-strategy-vision",
        "Where {team} should be in 2 years: the bet we're making and why we win vs competitors",
    ),
    about(
        "pm-strategy-vision",
        "Refresh the {team} product narrative after the {segment} market shift",
    ),
    about(
        "pm-cross-functional",
        "Weekly product sync w/ design, eng, support and sales leads on {feature}",
    ),
    about(
        "pm-cross-functional",
        "Keep eng, design and marketing pulling the same way on {feature} until it ships",
    ),
    about(
        "pm-stakeholder-comms",
        "Monthly product update to sales and CS on what's coming for {segment}",
    ),
    about(
        "pm-stakeholder-comms",
        "Walk partner teams through why {team} picked {feature} over their asks",
    ),
    about(
        "pm-risk-tradeoffs",
        "Cut scope on {feature} to hit the date - decide what moves to v2",
    ),
    about(
        "pm-risk-tradeoffs",
        "Pre-mortem: what could make {feature} flop with {segment} customers",
    ),
    about(
        "pm-lifecycle-tools",
        "Sunset plan for legacy {feature}, migrate the remaining customers off it",
    ),
    about(
        "pm-lifecycle-tools",
        "Clean up Productboard: feedback intake, tags and the public roadmap view",
    ),
    about(
        "pm-lifecycle-tools",
        "Decide whether to keep investing in {feature} or put it in maintenance mode",
    ),
    about(
        "pgm-objectives-alignment",
        "Tie each {project} workstream to the company goals for {quarter}",
    ),
    about(
        "pgm-objectives-alignment",
        "Agree the business outcomes {project} must deliver with its sponsor",
    ),
    about(
        "pgm-reporting-tracking",
        "Program dashboard in Smartsheet rolling up all {project} workstreams",
    ),
    about(
        "pgm-reporting-tracking",
        "Update the health tracker for every project in the {team} program each week",
    ),
    about(
        "pgm-leadership",
        "Get the {project} workstream leads behind one plan after the reorg",
    ),
    about(
        "pgm-leadership",
        "Keep the {n} project leads on {project} focused through the delay",
    ),
    about(
        "pgm-change-management",
        "Training and readiness plan for teams moving to the new {project} process",
    ),
    about(
        "tpm-cross-team-alignment",
        "Weekly tech leads sync for {feature}: agree who builds what and in which order",
    ),
    about(
        "tpm-cross-team-alignment",
        "Get {team} and {other_team} tech leads to agree on one approach for the {system} rewrite",
    ),
    about(
        "tpm-engineering-comms",
        "Weekly eng update to tech leads and partner teams on {feature}: decisions, changes, dates",
    ),
    about(
        "tpm-engineering-comms",
        "Write up the {system} design decisions and send them to the affected teams",
    ),
    about(
        "tpm-process-optimisation",
        "Fix our sprint rituals for {team}: shorter standups, better planning",
    ),
    about(
        "tpm-process-optimisation",
        "Streamline the {team} release process - fewer manual steps, less waiting",
    ),
    about(
        "tpm-process-optimisation",
        "Retro on how {team} ships, then remove the biggest sources of delay",
    ),
    about(
        "tpm-technical-risk",
        "Flag scaling limits in the {system} early and drive a plan to de-risk them",
    ),
    about(
        "tpm-technical-risk",
        "Escalate {migration} blockers the teams can't solve themselves",
    ),
    about(
        "tpm-milestone-tracking",
        "Keep the {feature} Jira board current and report burndown each sprint",
    ),
    about(
        "tpm-infrastructure",
        "Move the {system} from our data center to AWS",
    ),
    about(
        "tpm-infrastructure",
        "Plan the move of {n} services to the new cloud region",
    ),
    about(
        "tpm-quality-metrics",
        "Agree release quality gates for {team}: crash rate, p95 latency, open P1 bugs",
    ),
];
