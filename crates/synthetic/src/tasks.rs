//! Task lines for each kind of work, and the filling of their slots. The templates are
//! written in the words people use on team sheets, not in the rubrics' terms, so how many of
//! them match measures the matcher rather than echoing it.

use crate::rng::SplitMix64;
use crate::titles::Work;
use crate::words::{pool, TEAMS};

/// The task lines a kind of work is written from.
pub(crate) fn templates(work: Work) -> &'static [&'static str] {
    match work {
        Work::Product => PRODUCT,
        Work::Program => PROGRAM,
        Work::Technical => TECHNICAL,
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

const PRODUCT: &[&str] = &[
    "Own the {team} roadmap for {quarter}",
    "Prioritize the {team} backlog w/ eng leads",
    "Write PRD for {feature}",
    "PRD + user stories for {feature}",
    "Customer interviews w/ {segment} accounts about {feature}",
    "Define success metrics for {feature} ({metric})",
    "Track {feature} adoption and {metric} in Amplitude",
    "GTM plan w/ product marketing for the {feature} launch",
    "Launch plan and release notes for {feature}",
    "Competitive analysis: how competitors handle {feature}",
    "Product vision doc for {team}",
    "Set {team} OKRs with eng and design leads",
    "Acceptance criteria for {feature}",
    "Groom the {team} backlog in Jira",
    "Pricing & packaging proposal for {feature}",
    "Synthesize {segment} feedback into roadmap themes for {quarter}",
    "A/B test readout for {feature}, make the ship/no-ship call",
    "Market sizing for {segment} expansion",
    "Discovery w/ design on why {segment} trials drop off during setup",
    "Funnel analysis on {metric} for {team}",
    "Demo {feature} to stakeholders at sprint review",
    "Triage feature requests from {segment} customers",
    "Beta program for {feature}: recruit customers, collect feedback",
    "Decide MVP scope for {feature}",
    "Roadmap review with {exec}: trade off {feature} vs tech debt",
    "Own {metric} for {team} - target +3 pts this quarter",
    "Turn usability study findings into prioritized backlog items for {feature}",
    "Churn analysis: which features correlate with renewal for {segment}",
    "Requirements for {feature} based on {n} calls with {segment} prospects",
    "Product strategy memo for {team} {quarter}",
    "Run a series of {n} customer interviews with {segment} admins about {feature}, synthesize the findings into a short memo and use it to reshape the {team} roadmap for {quarter}",
    "Write the one-pager for {feature} covering the problem, target users, success metrics and non-goals, then walk the {team} engineering and design leads through it before sprint planning",
    "Own the launch of {feature} end to end with product marketing and support: pricing, positioning, in-app announcement, help-center articles and a review of {metric} thirty days after launch",
];

const PROGRAM: &[&str] = &[
    "{cadence} program status report to {exec}",
    "Exec portfolio status (RAG) for {project}",
    "Track program budget vs. forecast for {project}",
    "Headcount plan across {team} and {other_team} projects for {quarter}",
    "Maintain the RAID log for {project}",
    "Run the {project} steering committee",
    "Cross-project dependency map for {project}",
    "Coordinate dependencies between {team} and {other_team} projects",
    "Quarterly planning calendar and OKR check-ins across programs",
    "Resource allocation across {n} projects in the {team} portfolio",
    "Vendor contract renewals ({vendor}) w/ procurement",
    "Contractor SOWs and POs for {project}",
    "Program charter and success criteria for {project}",
    "Change management plan for rolling out {project} to {n} teams",
    "Risk register review + contingency plans for {project}",
    "Benefits tracking for {project} against the business case",
    "PMO intake: score new project requests for {quarter}",
    "Stakeholder map and comms plan for {project}",
    "Monthly budget variance report to finance for {project}",
    "Program review with {exec}: milestones, risks, asks",
    "Resolve priority conflicts between {team} and {other_team} over shared staff",
    "Run the {project} program sync w/ all workstream leads",
    "Portfolio prioritization across {team} initiatives for {quarter} planning",
    "Escalate cross-project risks to the steering committee",
    "Lessons-learned retro for {project} phase 1",
    "Stage-gate reviews for {project}",
    "Org change comms for the {team} reorg",
    "Capacity planning across programs for {quarter}",
    "Prepare the monthly steering committee pack for {project}: budget burn against plan, headcount changes, top five risks from the RAID log and the decisions we need from {exec}",
    "Pull together one view of all {n} projects in the {team} portfolio with owners, milestones and dependencies, and reconcile it with the finance budget so leadership can rebalance headcount for {quarter}",
    "Set up governance for {project}: steering committee cadence, decision log, escalation path, RACI for each workstream and a single status report that goes to {exec} every Friday",
];

const TECHNICAL: &[&str] = &[
    "Technical delivery schedule for the {migration}",
    "Track the {migration} across {n} services",
    "Architecture review for the {system} redesign",
    "RFC review: {system} changes for {feature}",
    "Run the {cadence} release train for {team}",
    "Cross-team technical dependencies for {feature} ({team} and {other_team})",
    "Release readiness checklist and go/no-go for {feature}",
    "Cutover plan for the {migration}",
    "Incident review process: run postmortems and track action items for {team}",
    "On-call process and escalation policy for the {system}",
    "Track eng milestones for {feature} in Jira, flag slips early",
    "Technical risk register for the {migration}",
    "Coordinate the API contract between {team} and {other_team} for {feature}",
    "Feasibility and effort estimates for {feature} w/ eng leads",
    "Sprint planning across {n} eng squads for {project}",
    "Build-vs-buy technical assessment for the {system}",
    "Eng status update to {exec} on the {migration}",
    "Define SLOs and error budgets for the {system} with SRE",
    "Track deploy frequency and change failure rate for {team}",
    "Feature-flag rollout plan for {feature} (1% -> 10% -> 100%)",
    "Integration test plan for {feature} across {team} and {other_team}",
    "Unblock {team} engineers on the {system} dependency",
    "Cloud cost reduction program for the {system}",
    "Deprecation plan and timeline for the {system} v1 endpoints",
    "CI/CD pipeline improvements w/ the dev productivity team",
    "Tech debt burndown tracking for {team}",
    "Scope and sequence engineering work for {project} milestones",
    "Drive the {migration} end to end: keep the technical schedule, chase the {n} service owners for their cutover dates, run the weekly sync and escalate slips to {exec}",
    "Run architecture reviews for the {feature} design with {team} and {other_team} engineers, capture the decisions in the RFC and turn open technical risks into tracked tickets with owners",
    "Own the {team} release train for mobile and web: branch cut, regression sign-off with QA, staged rollout, release notes for support and the post-release health check on crash rate",
];

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
