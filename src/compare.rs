//! Comparing two audits of one team: what changed since the last one. Two JSON reports are
//! read back (only the parts compared; the task list is skipped as it streams past) and
//! compared by id: findings new, resolved and persisting, people who joined or left,
//! responsibilities whose coverage rose or fell, and role mixes that shifted.
//!
//! Finding ids name what a finding is about (`overlap:pm-roadmap`, `drift:ana-garcia`), not
//! where it was read, so they match across audits as long as both used the same rubrics;
//! reports made with other rubrics are refused rather than compared into noise.

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufReader;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::audit::provenance::SettingsRecord;
use crate::audit::{
    AuditReport, EvidenceDetail, FindingKind, Provenance, Severity, SCHEMA_VERSION,
};

#[derive(Debug, thiserror::Error)]
pub enum CompareError {
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: is not a regular file (a folder, pipe, socket or device); pass a JSON report saved by `rolecall audit --format json`")]
    NotAFile { file: String },
    #[error("{file}: not a rolecall JSON report: {message}")]
    NotAReport { file: String, message: String },
    #[error("{file}: a report of schema version {found}; this rolecall reads versions {}: audit the input again to compare", readable_versions())]
    Schema { file: String, found: u32 },
    #[error("{file}: holds people's names, which this --anonymize report must not show; use a baseline made with --anonymize")]
    NamedBaseline { file: String },
    #[error("{file}: made with other rubrics ({theirs}, not {ours}); compare audits made with the same rubrics")]
    OtherRubrics {
        file: String,
        theirs: String,
        ours: String,
    },
}

/// A JSON report as it is read: only the parts a comparison needs, so that the task list,
/// nearly all of a large report, streams past unkept.
#[derive(Debug, Deserialize)]
struct Stored {
    schema_version: u32,
    run: Option<Provenance>,
    #[serde(default)]
    findings: Vec<SavedFinding>,
    #[serde(default)]
    people: Vec<SavedPerson>,
    #[serde(default)]
    coverage: Vec<SavedCoverage>,
}

/// One audit as a comparison reads it: a report read back from its file ([`load`]), or the
/// report just made ([`Saved::of_report`]), so that both sides go through one comparison.
#[derive(Debug)]
pub struct Saved {
    /// Where it came from, for messages: the file, or the input of the audit just made.
    file: String,
    run: Provenance,
    findings: Vec<SavedFinding>,
    people: Vec<SavedPerson>,
    coverage: Vec<SavedCoverage>,
}

impl Saved {
    /// The parts of `report` that its JSON would hold, without writing and reading it.
    pub fn of_report(report: &AuditReport) -> Saved {
        let strings = |list: &[std::sync::Arc<str>]| list.iter().map(|s| s.to_string()).collect();
        Saved {
            file: report.input.file.clone(),
            run: report.run.clone(),
            findings: report
                .findings
                .iter()
                .map(|f| SavedFinding {
                    id: f.id.clone(),
                    kind: f.kind.name().to_string(),
                    severity: f.severity,
                    message: f.message.clone(),
                })
                .collect(),
            people: report
                .people
                .iter()
                .map(|p| SavedPerson {
                    name: p.name.to_string(),
                    title: p.title.as_deref().map(str::to_string),
                    role_mix: p
                        .role_mix
                        .iter()
                        .map(|(role, share)| (role.to_string(), *share))
                        .collect(),
                })
                .collect(),
            coverage: report
                .coverage
                .iter()
                .map(|c| SavedCoverage {
                    responsibility: c.responsibility.clone(),
                    role: c.role.clone(),
                    title: c.title.clone(),
                    people: strings(&c.people),
                    weight: c.weight,
                })
                .collect(),
        }
    }

    /// Where it came from, as messages name it.
    pub fn file(&self) -> &str {
        &self.file
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedFinding {
    pub id: String,
    pub kind: String,
    pub severity: Severity,
    pub message: String,
}

#[derive(Debug, Deserialize)]
struct SavedPerson {
    name: String,
    title: Option<String>,
    #[serde(default)]
    role_mix: BTreeMap<String, f64>,
}

#[derive(Debug, Deserialize)]
struct SavedCoverage {
    responsibility: String,
    role: String,
    title: String,
    #[serde(default)]
    people: Vec<String>,
    weight: f64,
}

/// One audit of the pair, as the comparison names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    pub file: String,
    pub generated_at: String,
    pub version: String,
    pub input: String,
}

/// A responsibility carried by more or fewer people, or with more or less work, than before.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageChange {
    pub responsibility: String,
    pub role: String,
    pub title: String,
    pub people_before: usize,
    pub people_after: usize,
    pub weight_before: f64,
    pub weight_after: f64,
    /// "rose" or "fell": by carriers first, then by weight.
    pub change: &'static str,
}

/// A share of someone's work that moved by at least the threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MixShift {
    pub person: String,
    pub title: Option<String>,
    pub role: String,
    pub before: f64,
    pub after: f64,
}

/// What changed between two audits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub baseline: Side,
    pub current: Side,
    /// Differences that make the comparison less exact without making it meaningless.
    pub warnings: Vec<String>,
    pub new: Vec<SavedFinding>,
    pub resolved: Vec<SavedFinding>,
    pub persisting: Vec<SavedFinding>,
    pub joined: Vec<String>,
    pub left: Vec<String>,
    pub coverage: Vec<CoverageChange>,
    pub role_mix: Vec<MixShift>,
    /// The smallest change of a role's share that `role_mix` lists.
    pub mix_threshold: f64,
}

impl Comparison {
    /// Nothing new, nothing resolved, nobody joined or left, no coverage or mix moved.
    pub fn is_empty(&self) -> bool {
        self.new.is_empty()
            && self.resolved.is_empty()
            && self.joined.is_empty()
            && self.left.is_empty()
            && self.coverage.is_empty()
            && self.role_mix.is_empty()
    }

    /// How many new findings are of `kind` (any kind for `None`).
    pub fn new_of(&self, kind: Option<FindingKind>) -> usize {
        self.new
            .iter()
            .filter(|f| kind.is_none_or(|k| k.name() == f.kind))
            .count()
    }
}

/// The schema versions a comparison reads. Version 5 lists each verdict once instead of in
/// every task; a comparison reads no task, so version 4 reports compare as they are.
const READABLE: std::ops::RangeInclusive<u32> = 4..=SCHEMA_VERSION;

fn readable_versions() -> String {
    format!("{} to {}", READABLE.start(), READABLE.end())
}

/// Reads the report at `path`, refusing what is no report or of another schema: a
/// baseline is read before the audit it is compared with is made, so a wrong file fails fast.
pub fn load(path: &Path) -> Result<Saved, CompareError> {
    let file = path.display().to_string();
    let io = |source| CompareError::Io {
        file: file.clone(),
        source,
    };
    // Asked before opening: opening a FIFO waits for a writer forever.
    if !std::fs::metadata(path).map_err(io)?.is_file() {
        return Err(CompareError::NotAFile { file });
    }
    let opened = std::fs::File::open(path).map_err(io)?;
    let stored: Stored =
        serde_json::from_reader(BufReader::new(opened)).map_err(|e| CompareError::NotAReport {
            file: file.clone(),
            message: e.to_string(),
        })?;
    if !READABLE.contains(&stored.schema_version) {
        return Err(CompareError::Schema {
            file,
            found: stored.schema_version,
        });
    }
    let run = stored.run.ok_or_else(|| CompareError::NotAReport {
        file: file.clone(),
        message: "no \"run\" record".to_string(),
    })?;
    Ok(Saved {
        file,
        run,
        findings: stored.findings,
        people: stored.people,
        coverage: stored.coverage,
    })
}

/// Compares the report at `old` with the one at `new`.
pub fn compare(old: &Path, new: &Path, mix_threshold: f64) -> Result<Comparison, CompareError> {
    between(&load(old)?, &load(new)?, mix_threshold)
}

/// Compares a baseline read with [`load`] with the report just made, as [`compare`] would
/// compare it with that report's JSON. The comparison becomes part of the report, so an
/// anonymised report refuses a baseline with real names: those who left, and the resolved
/// findings, would name them.
pub fn compare_with_report(
    baseline: &Saved,
    report: &AuditReport,
    mix_threshold: f64,
) -> Result<Comparison, CompareError> {
    refuse_baseline(
        baseline,
        &report.run.rubrics.digest,
        report.run.settings.anonymized,
    )?;
    between(baseline, &Saved::of_report(report), mix_threshold)
}

/// Refuses a baseline an audit with rubrics of `digest` cannot be compared with: one made
/// with other rubrics, or one with real names for an `anonymized` report. An audit checks
/// this once its rubrics are loaded, before it reads its input, so a large sheet is not
/// read and matched for a comparison that cannot be made.
pub fn refuse_baseline(
    baseline: &Saved,
    digest: &str,
    anonymized: bool,
) -> Result<(), CompareError> {
    if anonymized && !baseline.run.settings.anonymized {
        return Err(CompareError::NamedBaseline {
            file: baseline.file.clone(),
        });
    }
    refuse_other_rubrics(baseline, digest)
}

fn refuse_other_rubrics(baseline: &Saved, digest: &str) -> Result<(), CompareError> {
    if baseline.run.rubrics.digest != digest {
        return Err(CompareError::OtherRubrics {
            file: baseline.file.clone(),
            theirs: baseline.run.rubrics.digest.clone(),
            ours: digest.to_string(),
        });
    }
    Ok(())
}

/// What changed from `before` to `after`: refused when their rubrics differ, warned when
/// the tool, model or settings do.
fn between(before: &Saved, after: &Saved, mix_threshold: f64) -> Result<Comparison, CompareError> {
    let (before_run, after_run) = (&before.run, &after.run);
    refuse_other_rubrics(before, &after_run.rubrics.digest)?;
    let mut warnings = Vec::new();
    if before_run.version != after_run.version {
        warnings.push(format!(
            "the baseline was made by rolecall {}, this one by {}: matching may differ",
            before_run.version, after_run.version
        ));
    } else if before_run.rubrics.model != after_run.rubrics.model {
        warnings.push("the two audits matched with different models".to_string());
    }
    // How many words a report kept changes no finding, so it is no difference of settings.
    let judged_by = |settings: &SettingsRecord| SettingsRecord {
        evidence: EvidenceDetail::Top,
        ..settings.clone()
    };
    if judged_by(&before_run.settings) != judged_by(&after_run.settings) {
        warnings.push(
            "the two audits used different settings (thresholds, scope or exclusions)".to_string(),
        );
    }
    let side = |saved: &Saved| Side {
        file: saved.file.clone(),
        generated_at: saved.run.generated_at.clone(),
        version: saved.run.version.clone(),
        input: saved.run.input.name.clone(),
    };
    let (new_findings, resolved, persisting) = findings(&before.findings, &after.findings);
    let names = |people: &[SavedPerson]| -> BTreeSet<String> {
        people.iter().map(|p| p.name.clone()).collect()
    };
    let (was, is) = (names(&before.people), names(&after.people));
    Ok(Comparison {
        baseline: side(before),
        current: side(after),
        warnings,
        new: new_findings,
        resolved,
        persisting,
        joined: is.difference(&was).cloned().collect(),
        left: was.difference(&is).cloned().collect(),
        coverage: coverage(&before.coverage, &after.coverage),
        role_mix: role_mix(&before.people, &after.people, mix_threshold),
        mix_threshold,
    })
}

type Split = (Vec<SavedFinding>, Vec<SavedFinding>, Vec<SavedFinding>);

/// New (in the current audit only), resolved (in the baseline only) and persisting
/// (in both, as the current audit words it), each in its report's order.
fn findings(before: &[SavedFinding], after: &[SavedFinding]) -> Split {
    let ids =
        |list: &[SavedFinding]| -> BTreeSet<String> { list.iter().map(|f| f.id.clone()).collect() };
    let (was, is) = (ids(before), ids(after));
    let new = after.iter().filter(|f| !was.contains(&f.id)).cloned();
    let resolved = before.iter().filter(|f| !is.contains(&f.id)).cloned();
    let persisting = after.iter().filter(|f| was.contains(&f.id)).cloned();
    (new.collect(), resolved.collect(), persisting.collect())
}

/// Weights are compared to two decimals, as the reports round them.
fn differ(a: f64, b: f64) -> bool {
    (a - b).abs() >= 0.005
}

fn coverage(before: &[SavedCoverage], after: &[SavedCoverage]) -> Vec<CoverageChange> {
    let was: BTreeMap<&str, &SavedCoverage> = before
        .iter()
        .map(|c| (c.responsibility.as_str(), c))
        .collect();
    after
        .iter()
        .filter_map(|now| {
            let then = was.get(now.responsibility.as_str())?;
            let (people_before, people_after) = (then.people.len(), now.people.len());
            let rose = match people_after.cmp(&people_before) {
                std::cmp::Ordering::Equal if differ(then.weight, now.weight) => {
                    now.weight > then.weight
                }
                std::cmp::Ordering::Equal => return None,
                order => order.is_gt(),
            };
            Some(CoverageChange {
                responsibility: now.responsibility.clone(),
                role: now.role.clone(),
                title: now.title.clone(),
                people_before,
                people_after,
                weight_before: then.weight,
                weight_after: now.weight,
                change: if rose { "rose" } else { "fell" },
            })
        })
        .collect()
}

fn role_mix(before: &[SavedPerson], after: &[SavedPerson], threshold: f64) -> Vec<MixShift> {
    let was: BTreeMap<&str, &SavedPerson> = before.iter().map(|p| (p.name.as_str(), p)).collect();
    let mut shifts = Vec::new();
    for now in after {
        let Some(then) = was.get(now.name.as_str()) else {
            continue;
        };
        let roles: BTreeSet<&String> = then.role_mix.keys().chain(now.role_mix.keys()).collect();
        for role in roles {
            let share = |p: &SavedPerson| p.role_mix.get(role).copied().unwrap_or(0.0);
            let (before, after) = (share(then), share(now));
            if (after - before).abs() + 1e-9 >= threshold {
                shifts.push(MixShift {
                    person: now.name.clone(),
                    title: now.title.clone(),
                    role: role.clone(),
                    before,
                    after,
                });
            }
        }
    }
    shifts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(id: &str) -> SavedFinding {
        SavedFinding {
            id: id.to_string(),
            kind: id.split(':').next().unwrap_or("").to_string(),
            severity: Severity::High,
            message: String::new(),
        }
    }

    #[test]
    fn findings_split_by_id_into_new_resolved_and_persisting() {
        let before = [finding("gap:a"), finding("drift:ana")];
        let after = [finding("drift:ana"), finding("overlap:b")];
        let (new, resolved, persisting) = findings(&before, &after);
        assert_eq!(new, [finding("overlap:b")]);
        assert_eq!(resolved, [finding("gap:a")]);
        assert_eq!(persisting, [finding("drift:ana")]);
    }

    #[test]
    fn coverage_rises_with_carriers_and_falls_with_weight() {
        let entry = |people: &[&str], weight: f64| SavedCoverage {
            responsibility: "pm-roadmap".to_string(),
            role: "product-manager".to_string(),
            title: "Roadmap".to_string(),
            people: people.iter().map(|p| p.to_string()).collect(),
            weight,
        };
        let rose = coverage(&[entry(&["a"], 3.0)], &[entry(&["a", "b"], 1.0)]);
        assert_eq!(rose[0].change, "rose");
        let fell = coverage(&[entry(&["a"], 3.0)], &[entry(&["a"], 2.0)]);
        assert_eq!(fell[0].change, "fell");
        assert!(coverage(&[entry(&["a"], 3.0)], &[entry(&["b"], 3.001)]).is_empty());
    }

    /// `report` as its JSON file in `dir`, as `rolecall audit --format json` writes it.
    fn saved(dir: &Path, name: &str, report: &AuditReport) -> std::path::PathBuf {
        let path = dir.join(name);
        let bytes = match crate::report::renderer(crate::report::Format::Json, None)
            .render(crate::report::Document::of(report))
        {
            Ok(crate::report::Rendered::Document(body)) => body.to_bytes().unwrap(),
            _ => panic!("the JSON report is one document"),
        };
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn comparing_with_the_report_in_memory_equals_comparing_its_json() {
        use crate::report::tests::{assignment, fixture, report_of};
        let dir = tempfile::tempdir().unwrap();
        let before = fixture();
        // Zoë leaves, 陈伟 takes on more roadmap work, and Ana joins.
        let after = report_of(&[
            assignment("陈伟", "Engineer", "Roadmap prioritization", 2),
            assignment("陈伟", "Engineer", "Own the roadmap", 3),
            assignment("陈伟", "Engineer", "Customer interviews", 4),
            assignment("Ana", "Planner", "Fix the build", 5),
        ]);
        let old = saved(dir.path(), "old.json", &before);
        let new = saved(dir.path(), "new.json", &after);
        for (baseline, report, file) in [(&old, &after, &new), (&old, &before, &old)] {
            let from_files = compare(baseline, file, 0.1).unwrap();
            let mut in_memory = compare_with_report(&load(baseline).unwrap(), report, 0.1).unwrap();
            assert_eq!(in_memory.current.file, report.input.file);
            in_memory.current.file = from_files.current.file.clone();
            assert_eq!(in_memory, from_files);
        }
        let changed = compare(&old, &new, 0.1).unwrap();
        assert_eq!(changed.joined, ["Ana"]);
        assert_eq!(changed.left, ["Zoë Brontë"]);
        assert!(!changed.role_mix.is_empty() || !changed.coverage.is_empty());
        assert!(compare(&old, &old, 0.1).unwrap().is_empty());
    }

    #[test]
    fn a_report_from_other_rubrics_is_refused_in_memory_too() {
        let dir = tempfile::tempdir().unwrap();
        let report = crate::report::tests::fixture();
        let old = saved(dir.path(), "old.json", &report);
        let mut other = report.clone();
        other.run.rubrics.digest = "fnv1a64:0000000000000000".to_string();
        let refused = compare_with_report(&load(&old).unwrap(), &other, 0.2).unwrap_err();
        assert!(
            matches!(refused, CompareError::OtherRubrics { ref file, .. } if file.ends_with("old.json")),
            "{refused}"
        );
    }

    #[test]
    fn only_shifts_at_the_threshold_are_listed() {
        let person = |pm: f64| SavedPerson {
            name: "Ana".to_string(),
            title: None,
            role_mix: [("product-manager".to_string(), pm)].into(),
        };
        assert_eq!(role_mix(&[person(0.5)], &[person(0.75)], 0.25).len(), 1);
        assert!(role_mix(&[person(0.5)], &[person(0.7)], 0.25).is_empty());
    }
}
