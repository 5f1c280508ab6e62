//! Every kind of finding and what the rest of the crate must know of it, in one table: its
//! name (in ids, `--fail-on` and every format), whether the RACI rules give it, and where the
//! PDF shows it. Adding a kind means adding one row here; the enum, [`FindingKind::ALL`],
//! the names, the `--fail-on` help and the PDF's groups are all read from the rows, so none of
//! them can miss a kind (they once did, when each was a list kept by hand).

use std::fmt;

use serde::Serialize;

use FindingGroup::{Gaps, Language, Overlaps, RaciChart, RoleDrift, SinglePointsOfFailure};
use PdfHome::{AppendixOnly, Group};

/// The groups the PDF's Findings section is made of, each a subsection of its own. The PDF
/// gives each its title and words; the kinds say which group is theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingGroup {
    Language,
    Overlaps,
    Gaps,
    RoleDrift,
    SinglePointsOfFailure,
    RaciChart,
}

/// Where the PDF shows findings of a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfHome {
    /// A group of the Findings section.
    Group(FindingGroup),
    /// Only the appendix, which lists every task to review on its own.
    AppendixOnly,
}

/// One row per kind: the variant with its doc, then its facts. Builds the enum (serialised
/// by its name), [`FindingKind::ALL`] in the rows' order, and the facts each kind answers.
macro_rules! finding_kinds {
    ($(
        $(#[doc = $doc:literal])*
        $kind:ident { name: $name:literal, raci: $raci:literal, home: $home:expr }
    ),* $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum FindingKind {
            $($(#[doc = $doc])* #[serde(rename = $name)] $kind,)*
        }

        impl FindingKind {
            /// Every kind, in the order reports list kinds.
            pub const ALL: [FindingKind; [$($name),*].len()] = [$(FindingKind::$kind),*];

            pub fn name(self) -> &'static str {
                match self {
                    $(FindingKind::$kind => $name,)*
                }
            }

            /// Whether the RACI rules give it (a chart's rules, and accountability overlaps).
            pub fn is_raci(self) -> bool {
                match self {
                    $(FindingKind::$kind => $raci,)*
                }
            }

            /// Where the PDF shows it.
            pub fn pdf_home(self) -> PdfHome {
                match self {
                    $(FindingKind::$kind => $home,)*
                }
            }
        }
    };
}

finding_kinds! {
    /// Task lines mostly in a language the rubrics are not written in: the matching
    /// findings are left out, as they would rest on words shared by chance.
    ForeignLanguage { name: "foreign-language", raci: false, home: Group(Language) },
    /// A responsibility carried by two or more people.
    Overlap { name: "overlap", raci: false, home: Group(Overlaps) },
    /// Responsibilities more people carry than ownership split among a few: said once, as
    /// the shape of the organisation.
    SharedWork { name: "shared-work", raci: false, home: Group(Overlaps) },
    /// Two people whose covered responsibilities are largely the same.
    SimilarWork { name: "similar-work", raci: false, home: Group(Overlaps) },
    /// A responsibility nobody carries.
    Gap { name: "gap", raci: false, home: Group(Gaps) },
    /// Issues of a tracker export that nobody is assigned to: one finding per sheet for the
    /// open ones (worth a look) and one for the done ones (only a missing record).
    UnassignedTask { name: "unassigned-task", raci: false, home: Group(Gaps) },
    /// A role none of whose responsibilities anybody carries.
    RoleGap { name: "role-gap", raci: false, home: Group(Gaps) },
    /// A role nobody's title holds, outside the roles audited for gaps: said once, with how
    /// much of its work the team does anyway and who does it.
    UnstaffedRole { name: "unstaffed-role", raci: false, home: Group(Gaps) },
    /// Job titles that are neither an audited role's nor another job's: said once, with the
    /// config lines that place them; their holders are not judged for drift.
    UnrecognisedTitle { name: "unrecognised-title", raci: false, home: Group(Gaps) },
    /// A person titled for a role who carries none of some of its core responsibilities.
    MissingCore { name: "missing-core", raci: false, home: Group(Gaps) },
    /// A person whose work lies mostly outside the role of their title.
    Drift { name: "drift", raci: false, home: Group(RoleDrift) },
    /// A core responsibility carried by exactly one person.
    SinglePointOfFailure { name: "single-point-of-failure", raci: false, home: Group(SinglePointsOfFailure) },
    /// Tasks that matched no responsibility and read as no other job's work either: lines
    /// the model cannot place.
    Unmatched { name: "unmatched", raci: false, home: AppendixOnly },
    /// Tasks matched to a role only weakly: they count in coverage, but no finding rests
    /// on them alone.
    WeakMatch { name: "weak-match", raci: false, home: AppendixOnly },
    /// Tasks that are plainly other jobs' work (engineering, design, ...), outside the
    /// audited roles: said once, by area.
    OtherWork { name: "other-work", raci: false, home: AppendixOnly },
    /// Tasks that matched two roles almost equally.
    Ambiguous { name: "ambiguous", raci: false, home: AppendixOnly },
    /// A matrix task with no Accountable party.
    RaciNoAccountable { name: "raci-no-accountable", raci: true, home: Group(RaciChart) },
    /// A matrix task with two or more Accountable parties.
    RaciMultipleAccountable { name: "raci-multiple-accountable", raci: true, home: Group(RaciChart) },
    /// A matrix task nobody is Responsible for (an Accountable party counts unless
    /// `--strict-raci`).
    RaciNoResponsible { name: "raci-no-responsible", raci: true, home: Group(RaciChart) },
    /// A matrix task with three or more Responsible parties.
    RaciManyResponsible { name: "raci-many-responsible", raci: true, home: Group(RaciChart) },
    /// A matrix task that consults more than half of the chart's parties.
    RaciConsultationOverload { name: "raci-consultation-overload", raci: true, home: Group(RaciChart) },
    /// A party Responsible or Accountable for more than the allowed share of tasks.
    RaciOverload { name: "raci-overload", raci: true, home: Group(RaciChart) },
    /// A party on the chart that is Responsible or Accountable for nothing.
    RaciUnderload { name: "raci-underload", raci: true, home: Group(RaciChart) },
    /// A matrix task with no marks at all.
    RaciUnassigned { name: "raci-unassigned", raci: true, home: Group(RaciChart) },
    /// A responsibility whose tasks have Accountable parties of different titles.
    AccountabilityOverlap { name: "accountability-overlap", raci: true, home: Group(RaciChart) },
}

impl FindingKind {
    pub fn from_name(name: &str) -> Option<FindingKind> {
        FindingKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_by_name() {
        for kind in FindingKind::ALL {
            assert_eq!(FindingKind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(FindingKind::from_name("nope"), None);
    }

    /// Serialised, a kind is its name: the JSON and the saved reports `diff` reads say the
    /// same word as the terminal and `--fail-on`.
    #[test]
    fn a_kind_serialises_as_its_name() {
        for kind in FindingKind::ALL {
            let json = serde_json::to_string(&kind).unwrap_or_default();
            assert_eq!(json, format!("\"{kind}\""));
        }
    }

    /// The RACI kinds are the chart's rules, named "raci-…", and accountability overlaps.
    #[test]
    fn raci_kinds_are_the_charts_rules() {
        for kind in FindingKind::ALL {
            assert_eq!(
                kind.is_raci(),
                kind.name().starts_with("raci-") || kind == FindingKind::AccountabilityOverlap,
                "{kind}"
            );
        }
    }
}
