//! Titles beside ids: the tables that name a role or a responsibility by id (for scripts and
//! joins) give its title in the next column (for the reader), looked up here.

use std::collections::HashMap;

use crate::audit::AuditReport;

/// Role names and responsibility titles by id, from the report itself, so a user's own
/// rubrics are named as they wrote them.
pub(super) struct Names<'r> {
    roles: HashMap<&'r str, &'r str>,
    /// Per responsibility: its title and its role's id.
    responsibilities: HashMap<&'r str, (&'r str, &'r str)>,
}

/// What the tables call work that no role claims, where a role's name would go.
pub(super) const NO_ROLE: &str = "no role";

impl<'r> Names<'r> {
    pub(super) fn new(report: &'r AuditReport) -> Self {
        Names {
            roles: report
                .rubrics
                .iter()
                .map(|r| (r.id.as_str(), r.name.as_str()))
                .chain([("unmatched", NO_ROLE)])
                .collect(),
            responsibilities: report
                .coverage
                .iter()
                .map(|c| {
                    (
                        c.responsibility.as_str(),
                        (c.title.as_str(), c.role.as_str()),
                    )
                })
                .collect(),
        }
    }

    /// A role's name; empty for no role id, or one the report does not know.
    pub(super) fn role(&self, id: &str) -> &'r str {
        self.roles.get(id).copied().unwrap_or("")
    }

    /// A responsibility's title; empty for none, or one the report does not know.
    pub(super) fn responsibility(&self, id: &str) -> &'r str {
        self.responsibilities.get(id).map_or("", |r| r.0)
    }

    /// The id of the role a responsibility belongs to.
    pub(super) fn role_of(&self, responsibility: &str) -> Option<&'r str> {
        self.responsibilities.get(responsibility).map(|r| r.1)
    }
}
