//! The responsibilities of the three audited roles, as rolecall's built-in rubrics name them
//! (`rubrics/*.toml`): the id, the role and whether it is core. The generator must not depend
//! on rolecall, so it keeps its own copy; rolecall's tests hold the copy to the rubrics
//! (tests/integration/synthetic.rs), so that a renamed responsibility fails a test instead of
//! silently planting a truth nobody can match.

use crate::titles::Work;

/// One responsibility of a role rolecall audits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Responsibility {
    pub(crate) id: &'static str,
    pub(crate) work: Work,
    pub(crate) core: bool,
}

const fn product(id: &'static str, core: bool) -> Responsibility {
    Responsibility {
        id,
        work: Work::Product,
        core,
    }
}

const fn program(id: &'static str, core: bool) -> Responsibility {
    Responsibility {
        id,
        work: Work::Program,
        core,
    }
}

const fn technical(id: &'static str, core: bool) -> Responsibility {
    Responsibility {
        id,
        work: Work::Technical,
        core,
    }
}

/// In the rubrics' order.
pub(crate) const RESPONSIBILITIES: &[Responsibility] = &[
    product("pm-strategy-vision", true),
    product("pm-roadmap", true),
    product("pm-requirements", true),
    product("pm-customer-research", true),
    product("pm-performance", true),
    product("pm-launch-gtm", false),
    product("pm-cross-functional", true),
    product("pm-stakeholder-comms", false),
    product("pm-risk-tradeoffs", false),
    product("pm-lifecycle-tools", false),
    program("pgm-objectives-alignment", true),
    program("pgm-cross-project", true),
    program("pgm-resources-budget", true),
    program("pgm-stakeholder-comms", true),
    program("pgm-risk", true),
    program("pgm-reporting-tracking", false),
    program("pgm-governance", false),
    program("pgm-change-management", false),
    program("pgm-leadership", false),
    technical("tpm-delivery-schedule", true),
    technical("tpm-dependencies", true),
    technical("tpm-architecture", false),
    technical("tpm-technical-risk", true),
    technical("tpm-cross-team-alignment", true),
    technical("tpm-milestone-tracking", true),
    technical("tpm-engineering-comms", true),
    technical("tpm-quality-metrics", false),
    technical("tpm-process-optimisation", false),
    technical("tpm-launch-readiness", false),
    technical("tpm-infrastructure", false),
];

/// The index of a responsibility in [`RESPONSIBILITIES`].
pub(crate) fn index_of(id: &str) -> Option<usize> {
    RESPONSIBILITIES.iter().position(|r| r.id == id)
}
