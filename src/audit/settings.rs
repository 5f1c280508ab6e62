//! What the user may set about the audit: the rules' thresholds and which roles the team is
//! meant to have. Apart from the audit itself, so the settings layer and the provenance can
//! name them without the machinery that uses them.

use std::collections::HashMap;

/// Thresholds and scope of the audit rules; see README "Findings" and "Scope".
#[derive(Debug, Clone, PartialEq)]
pub struct AuditSettings {
    /// Two people whose covered responsibilities overlap at least this much (Jaccard) are
    /// reported as doing similar work.
    pub similar_work_jaccard: f64,
    /// Only people with at least this many matched tasks are compared pairwise.
    pub similar_work_min_tasks: usize,
    /// Each person is shown in at most this many similar-work pairs, their closest.
    pub similar_work_peers: usize,
    /// A share of matched work above this outside the title's role is drift.
    pub drift_share: f64,
    /// Drift needs at least this many matched tasks, so one stray task is not a trend.
    pub drift_min_tasks: usize,
    /// A match whose role probability is below this is weak: it counts in coverage, but no
    /// overlap, single point of failure, drift or missing-core finding rests on it alone;
    /// it is listed for review instead. See README "Confidence".
    pub confidence: f64,
    /// An overlap is ownership split among at most this many people; a responsibility more
    /// people carry is shared work, said once for all such responsibilities.
    pub max_owners: usize,
    /// Only an R counts as doing a matrix task; otherwise an A does too.
    pub strict_raci: bool,
    /// A party Responsible or Accountable for more than this share of a chart's tasks is
    /// overloaded.
    pub raci_overload_share: f64,
    /// Match task lines whatever language they look written in; otherwise lines mostly in
    /// another language than the rubrics' get one finding saying so instead of matches.
    pub any_language: bool,
    /// How many of the words behind each verdict the report keeps.
    pub evidence: EvidenceDetail,
    /// Which roles are audited for gaps, and how titles map to roles.
    pub scope: Scope,
}

/// How many of the matcher's words a verdict keeps. A reader looks at the words for and
/// against the verdict they see; the words behind every other role, responsibility and
/// area are for whoever tunes the rubrics, and were most of a report's bytes and of the
/// memory its verdicts hold. See README "Evidence".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceDetail {
    /// The heaviest words of what the task reads as (the likeliest role, or for an
    /// unmatched task the closest area of other work): three for, two against; and the
    /// alternatives at least 5% likely.
    #[default]
    Top,
    /// Every word the matcher weighed for every role, responsibility and area.
    Full,
}

impl EvidenceDetail {
    /// Words for (positive weight) and against kept of a record's evidence under `Top`.
    pub const TOP_FOR: usize = 3;
    pub const TOP_AGAINST: usize = 2;
    /// Under `Top`, how likely another role, responsibility or area of other work must be
    /// for a verdict to keep it beside its best: one of 0.003 is no alternative a reader
    /// weighs, and three of each were a third of a verdict's bytes.
    pub const ALTERNATIVE_FLOOR: f64 = 0.05;

    /// Whether a verdict keeps a role, responsibility or area of its ranked list: always the
    /// first, and under `Top` the others as likely as [`Self::ALTERNATIVE_FLOOR`].
    pub fn keeps(self, rank: usize, score: f64) -> bool {
        self == EvidenceDetail::Full || rank == 0 || score >= Self::ALTERNATIVE_FLOOR
    }

    pub fn name(self) -> &'static str {
        match self {
            EvidenceDetail::Top => "top",
            EvidenceDetail::Full => "full",
        }
    }
}

/// Which roles the team is meant to have. A responsibility nobody carries is a gap only in
/// a role the team has: a five-person startup with no Program Manager is not missing nine
/// Program Manager duties, though it may want to know who does that work.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scope {
    /// Role ids audited for gaps; `None` means the roles someone's title holds.
    pub roles: Option<Vec<String>>,
    /// Titles mapped to a role id, or to no role (`None`), before the rubric's own title
    /// matching; keys are compared without regard to case or surrounding space.
    pub titles: Vec<(String, Option<String>)>,
}

impl Scope {
    /// The user's mapping keyed by folded title (see [`fold_title`]), the first mapping of
    /// a title winning: built once, since looking each of 40,000 titles up in a list of
    /// 40,000 mappings took seconds.
    pub(super) fn title_map(&self) -> HashMap<String, Option<&str>> {
        let mut map = HashMap::with_capacity(self.titles.len());
        for (title, role) in &self.titles {
            map.entry(fold_title(title)).or_insert(role.as_deref());
        }
        map
    }
}

/// A title as mappings compare it: surrounding space and case do not matter, in any script
/// ("GERENTE DE PRODUCCIÓN" is "Gerente de Producción").
pub(super) fn fold_title(title: &str) -> String {
    title.trim().to_lowercase()
}

impl Default for AuditSettings {
    fn default() -> Self {
        AuditSettings {
            similar_work_jaccard: 0.5,
            similar_work_min_tasks: 2,
            similar_work_peers: 3,
            drift_share: 0.5,
            drift_min_tasks: 2,
            confidence: 0.7,
            max_owners: 4,
            strict_raci: false,
            raci_overload_share: 0.5,
            any_language: false,
            evidence: EvidenceDetail::Top,
            scope: Scope::default(),
        }
    }
}
