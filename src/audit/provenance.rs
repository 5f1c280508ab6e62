//! What a report was made from and how, so that an audit can be compared with the next one
//! and a reader can tell whether two reports are comparable at all.

use serde::{Deserialize, Serialize};

use super::{AuditSettings, EvidenceDetail};
use crate::matching::MatchSettings;

/// The run behind a report: the tool, when, the input, the rubrics and model, and every
/// setting that changes results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    pub tool: String,
    pub version: String,
    /// UTC, as RFC 3339; a calendar date alone when `--generated-at` pinned it.
    pub generated_at: String,
    pub input: InputIdentity,
    pub rubrics: RubricIdentity,
    pub settings: SettingsRecord,
}

/// The input file as it was read: a later audit of the same bytes has the same digest.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InputIdentity {
    /// The file's name without its folder, so that a report names no private path.
    pub name: String,
    /// Size and SHA-256 of the file; null for standard input, which is read once.
    pub bytes: Option<u64>,
    pub sha256: Option<String>,
}

/// The rubrics and model that did the matching. Reports made with another digest matched
/// against other responsibilities, so their findings cannot be compared id by id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RubricIdentity {
    /// "built-in", or the rubric files and folders given, as given.
    pub sources: Vec<String>,
    /// Of every rubric and training text read, in order.
    pub digest: String,
    /// Of the model: the rubric digest and the training's settings.
    pub model: String,
}

/// Every setting that changes what a report says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SettingsRecord {
    pub min_score: f64,
    pub ambiguity_margin: f64,
    pub similar_work: f64,
    pub similar_work_min_tasks: usize,
    pub similar_work_peers: usize,
    pub drift_share: f64,
    pub drift_min_tasks: usize,
    /// Reports written before these settings existed were made without them: read back,
    /// they take the values every match and overlap was then judged by.
    #[serde(default)]
    pub confidence: f64,
    #[serde(default = "unbounded_owners")]
    pub max_owners: usize,
    pub strict_raci: bool,
    pub raci_overload: f64,
    pub any_language: bool,
    /// Reports of schema 4 and before kept every word.
    #[serde(default = "full_evidence")]
    pub evidence: EvidenceDetail,
    /// Role ids listed for gaps; null when the titles chose them.
    pub roles: Option<Vec<String>>,
    /// Local titles mapped to a role id, or to none.
    pub titles: Vec<(String, Option<String>)>,
    pub excluded_people: Vec<String>,
    pub excluded_teams: Vec<String>,
    pub anonymized: bool,
}

fn full_evidence() -> EvidenceDetail {
    EvidenceDetail::Full
}

/// Before `max_owners`, every responsibility carried by two or more people was an overlap.
fn unbounded_owners() -> usize {
    usize::MAX
}

impl SettingsRecord {
    pub fn new(matching: MatchSettings, audit: &AuditSettings) -> SettingsRecord {
        SettingsRecord {
            min_score: matching.min_score,
            ambiguity_margin: matching.ambiguity_margin,
            similar_work: audit.similar_work_jaccard,
            similar_work_min_tasks: audit.similar_work_min_tasks,
            similar_work_peers: audit.similar_work_peers,
            drift_share: audit.drift_share,
            drift_min_tasks: audit.drift_min_tasks,
            confidence: audit.confidence,
            max_owners: audit.max_owners,
            strict_raci: audit.strict_raci,
            raci_overload: audit.raci_overload_share,
            any_language: audit.any_language,
            evidence: audit.evidence,
            roles: audit.scope.roles.clone(),
            titles: audit.scope.titles.clone(),
            excluded_people: Vec::new(),
            excluded_teams: Vec::new(),
            anonymized: false,
        }
    }
}

impl Provenance {
    /// A record with no input or rubric identity, for a report made straight from the library.
    pub fn new(matching: MatchSettings, audit: &AuditSettings) -> Provenance {
        Provenance {
            tool: env!("CARGO_PKG_NAME").to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            generated_at: String::new(),
            input: InputIdentity::default(),
            rubrics: RubricIdentity::default(),
            settings: SettingsRecord::new(matching, audit),
        }
    }
}

/// A 64-bit fingerprint as reports write it.
pub fn fingerprint_text(fingerprint: u64) -> String {
    format!("fnv1a64:{fingerprint:016x}")
}

/// `at` as RFC 3339 in UTC, to the second.
pub fn timestamp(at: time::OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339_utc() {
        let at = time::OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
        assert_eq!(timestamp(at), "2027-01-15T08:00:00Z");
    }

    #[test]
    fn settings_record_every_threshold_given() {
        let audit = AuditSettings {
            drift_share: 0.7,
            strict_raci: true,
            ..AuditSettings::default()
        };
        let matching = MatchSettings {
            min_score: 0.4,
            ..MatchSettings::default()
        };
        let record = SettingsRecord::new(matching, &audit);
        assert_eq!(record.drift_share, 0.7);
        assert!(record.strict_raci);
        assert_eq!(record.min_score, 0.4);
        assert_eq!(record.similar_work, audit.similar_work_jaccard);
    }
}
