//! The options of `audit`: the config file read, then each concern's settings in turn,
//! in the order their mistakes are reported (reading, the reports, `--fail-on` and the
//! baseline, the thresholds).

use std::collections::HashSet;
use std::path::PathBuf;

use crate::audit::{AuditSettings, EvidenceDetail, FindingKind};
use crate::cli::{AuditArgs, BaselineArgs, EvidenceArg, MatchingArgs, RuleArgs};
use crate::config::{AuditConfig, Config};
use crate::input::{InputPath, Isolation, ReadFiles};
use crate::matching::{MatchSettings, Training};
use crate::report::{Destination, Format, Table};

use super::diff::DEFAULT_MIX_SHIFT;
use super::fail_on::{fail_on, FailOn};
use super::precedence::{flag_file_default, matching, share, switch, TeamWords};
use super::read::{read, ReadOptions};
use super::{formats, rubric_files_read, training, UsageError};

#[derive(Debug, Clone, PartialEq)]
pub struct AuditOptions {
    pub read: ReadOptions,
    pub rubrics: Vec<PathBuf>,
    /// Where a model trained from `rubrics` is kept, and whether training shows progress.
    pub training: Training,
    pub matching: MatchSettings,
    /// The team's labels and `[tasks]` patterns.
    pub team: TeamWords,
    pub audit: AuditSettings,
    /// One format, or several written from one audit into the folder `destination` names.
    pub formats: Vec<Format>,
    pub table: Option<Table>,
    pub destination: Destination,
    /// The date `--generated-at` pinned, for reproducible reports; otherwise now.
    pub generated_at: Option<time::Date>,
    /// Empty: never fail on findings. `None` inside means "any kind".
    pub fail_on: Vec<Option<FindingKind>>,
    /// The earlier audit to compare with, for "Since the last audit".
    pub baseline: Option<Baseline>,
    /// Names become pseudonyms before the audit, so no format can leak them.
    pub anonymize: bool,
    /// Reports name the files read by their path as given, not by file name alone.
    pub show_path: bool,
    /// The roles and titles as the user named them, resolved once the rubrics are loaded.
    pub scope: ScopeRequest,
    /// People and teams left out before the audit.
    pub exclude: Exclusions,
    /// The config file the settings came from, if one was read.
    pub config: Option<PathBuf>,
}

impl AuditOptions {
    /// Every file this audit reads, none of which its outputs may replace.
    pub fn files_read(&self) -> ReadFiles {
        let mut read = rubric_files_read(&self.rubrics);
        match &self.read.input {
            InputPath::File(path) => read.add(path, "the input file"),
            InputPath::Stdin => read.add_stdin("the input file"),
        }
        if let Some(config) = &self.config {
            read.add(config, "the config file");
        }
        self.team.add_read(&mut read);
        if let Some(baseline) = &self.baseline {
            read.add(&baseline.path, "the baseline report");
        }
        read
    }
}

/// `--baseline`: an earlier audit's JSON report, and what of the comparison to list and
/// fail on.
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    pub path: PathBuf,
    /// The smallest change of a role's share listed (`--mix-shift`).
    pub mix_threshold: f64,
    /// Kinds of new finding that fail the run (`--fail-on new:KIND`); `None` inside means
    /// "any kind".
    pub fail_on_new: Vec<Option<FindingKind>>,
}

/// Roles and titles as written on the command line or in the config file; the rubrics
/// decide what they name (see `commands::scope`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScopeRequest {
    /// The roles to audit for gaps, and where they were named ("--roles", a config file).
    pub roles: Option<(Vec<String>, String)>,
    /// Local titles and the role each is, by id, name, short name, or "none".
    pub titles: Vec<(String, String)>,
    /// The config file the titles came from, for messages.
    pub source: String,
}

/// People and teams left out of the audit, matched without regard to case or surrounding
/// space.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Exclusions {
    pub people: Vec<String>,
    pub teams: Vec<String>,
}

impl Exclusions {
    pub fn is_empty(&self) -> bool {
        self.people.is_empty() && self.teams.is_empty()
    }

    /// The names folded once into sets: every row of a sheet is checked against them, and
    /// comparing each row with every name of a list of 100,000 took minutes.
    pub fn lookup(&self) -> ExcludedNames {
        let folded = |list: &[String]| list.iter().map(|n| fold_name(n)).collect();
        ExcludedNames {
            people: folded(&self.people),
            teams: folded(&self.teams),
        }
    }
}

/// [`Exclusions`] as sets of names, each trimmed and with its ASCII case folded.
pub struct ExcludedNames {
    people: HashSet<String>,
    teams: HashSet<String>,
}

impl ExcludedNames {
    /// Whether this person, of this team, is left out.
    pub fn excludes(&self, person: &str, team: Option<&str>) -> bool {
        let named =
            |set: &HashSet<String>, value: &str| !set.is_empty() && set.contains(&fold_name(value));
        named(&self.people, person) || team.is_some_and(|team| named(&self.teams, team))
    }
}

/// A name as exclusions compare it: surrounding space and ASCII case do not matter.
fn fold_name(name: &str) -> String {
    name.trim().to_ascii_lowercase()
}

pub(super) fn audit(args: AuditArgs, isolation: &Isolation) -> Result<AuditOptions, UsageError> {
    let AuditArgs {
        input,
        rubric,
        cache,
        matching,
        report,
        rules,
        baseline,
    } = args;
    let config = config(&rules)?;
    let training = training(&cache, input.quiet);
    let read = read(input, isolation)?;
    let generated_at = report.generated_at.as_deref().map(parse_date).transpose()?;
    let (formats, table) = formats::reports(&report, &config, generated_at)?;
    let (fail_on, baseline) = fail_on_and_baseline(&report.fail_on, baseline)?;
    let mut judged = judged(
        read,
        rubric.rubric,
        training,
        &matching,
        rules,
        &config,
        isolation,
    )?;
    judged.audit.evidence = match report.evidence {
        EvidenceArg::Top => EvidenceDetail::Top,
        EvidenceArg::Full => EvidenceDetail::Full,
    };
    Ok(AuditOptions {
        formats,
        table,
        destination: report.output.map_or(Destination::Stdout, Destination::Path),
        generated_at,
        fail_on,
        baseline,
        anonymize: switch(report.anonymize, config.report.anonymize)?,
        show_path: switch(report.show_path, config.report.show_path)?,
        ..judged
    })
}

/// The config file `--config` names, the one in the working folder, or none.
pub(super) fn config(rules: &RuleArgs) -> Result<Config, UsageError> {
    if rules.no_config {
        Ok(Config::default())
    } else {
        Config::find(rules.config.as_deref()).map_err(|e| UsageError(e.to_string()))
    }
}

/// What an audit is judged by (the rubrics, the thresholds, the roles in scope, who is left
/// out), with no report, baseline or `--fail-on`: all `review` takes of an audit.
pub(super) fn judged(
    read: ReadOptions,
    rubrics: Vec<PathBuf>,
    training: Training,
    matching_args: &MatchingArgs,
    rules: RuleArgs,
    config: &Config,
    isolation: &Isolation,
) -> Result<AuditOptions, UsageError> {
    let matching = matching(
        matching_args,
        &config.matching,
        MatchSettings::default().keep,
    )?;
    let audit = rule_settings(&rules, &config.audit)?;
    let team = TeamWords::new(matching_args.labels.clone(), config, isolation);
    Ok(AuditOptions {
        training,
        read,
        rubrics,
        matching,
        team,
        audit,
        formats: Vec::new(),
        table: None,
        destination: Destination::Stdout,
        generated_at: None,
        fail_on: Vec::new(),
        baseline: None,
        anonymize: false,
        show_path: false,
        scope: scope_request(rules.roles, config)?,
        exclude: exclusions(rules.exclude_person, rules.exclude_team, config),
        config: config.path.clone(),
    })
}

/// `--fail-on` split into the kinds found and the kinds new since the baseline, which only
/// a baseline can tell; and the baseline itself.
fn fail_on_and_baseline(
    names: &[String],
    args: BaselineArgs,
) -> Result<(Vec<Option<FindingKind>>, Option<Baseline>), UsageError> {
    let mut found = Vec::new();
    let mut new = Vec::new();
    for name in names {
        match fail_on(name)? {
            FailOn::Found(kind) => found.push(kind),
            FailOn::New(_) if args.baseline.is_none() => {
                return Err(UsageError(format!(
                    "--fail-on {name}: new findings are those a baseline lacks: add --baseline OLD.json"
                )))
            }
            FailOn::New(kind) => new.push(kind),
        }
    }
    let baseline = match (args.baseline, args.mix_shift) {
        (Some(path), shift) => Some(Baseline {
            path,
            mix_threshold: share("mix-shift", shift, None, DEFAULT_MIX_SHIFT)?,
            fail_on_new: new,
        }),
        (None, Some(_)) => {
            return Err(UsageError(
                "--mix-shift goes with --baseline OLD.json".to_string(),
            ))
        }
        (None, None) => None,
    };
    Ok((found, baseline))
}

/// The audit rules' thresholds and switches.
fn rule_settings(rules: &RuleArgs, filed: &AuditConfig) -> Result<AuditSettings, UsageError> {
    let defaults = AuditSettings::default();
    Ok(AuditSettings {
        similar_work_jaccard: share(
            "similar-work",
            rules.similar_work,
            filed.similar_work,
            defaults.similar_work_jaccard,
        )?,
        similar_work_peers: flag_file_default(
            rules.similar_work_peers,
            || Ok(filed.similar_work_peers),
            || defaults.similar_work_peers,
        )?,
        drift_share: share(
            "drift-share",
            rules.drift_share,
            filed.drift_share,
            defaults.drift_share,
        )?,
        confidence: share(
            "confidence",
            rules.confidence,
            filed.confidence,
            defaults.confidence,
        )?,
        max_owners: at_least_two(flag_file_default(
            rules.max_owners,
            || Ok(filed.max_owners),
            || defaults.max_owners,
        )?)?,
        strict_raci: switch(rules.strict_raci, filed.strict_raci)?,
        raci_overload_share: share(
            "raci-overload",
            rules.raci_overload,
            filed.raci_overload,
            defaults.raci_overload_share,
        )?,
        any_language: switch(rules.any_language, filed.any_language)?,
        ..defaults
    })
}

/// An overlap needs two owners, so a bound below two would silence every overlap.
fn at_least_two(max_owners: usize) -> Result<usize, UsageError> {
    if max_owners < 2 {
        return Err(UsageError(format!(
            "--max-owners {max_owners}: an overlap needs at least 2 owners"
        )));
    }
    Ok(max_owners)
}

/// The roles to audit (`--roles`, else the file's) and the file's local titles, as named.
fn scope_request(roles: Option<Vec<String>>, config: &Config) -> Result<ScopeRequest, UsageError> {
    let source = config.name();
    let roles = flag_file_default(
        roles.map(|roles| Some((roles, "--roles".to_string()))),
        || {
            Ok(config
                .audit
                .roles
                .clone()
                .map(|roles| Some((roles, source.clone()))))
        },
        || None,
    )?;
    Ok(ScopeRequest {
        roles,
        titles: config
            .titles
            .iter()
            .map(|(title, role)| (title.clone(), role.clone()))
            .collect(),
        source,
    })
}

/// The people and teams left out: those the flags name and those the file names.
fn exclusions(mut people: Vec<String>, mut teams: Vec<String>, config: &Config) -> Exclusions {
    people.extend(config.exclude.people.iter().cloned());
    teams.extend(config.exclude.teams.iter().cloned());
    Exclusions { people, teams }
}

/// "2026-11-23" as a calendar date; anything else is a usage error naming the flag.
pub(super) fn parse_date(text: &str) -> Result<time::Date, UsageError> {
    let invalid = || {
        UsageError(format!(
            "--generated-at {text}: expected a date as YYYY-MM-DD, e.g. 2026-11-23"
        ))
    };
    let mut parts = text.trim().splitn(3, '-');
    let mut number = |digits: usize| {
        parts
            .next()
            .filter(|p| p.len() == digits && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u16>().ok())
            .ok_or_else(invalid)
    };
    let (year, month, day) = (number(4)?, number(2)?, number(2)?);
    let month = u8::try_from(month)
        .ok()
        .and_then(|m| time::Month::try_from(m).ok())
        .ok_or_else(invalid)?;
    let day = u8::try_from(day).map_err(|_| invalid())?;
    time::Date::from_calendar_date(i32::from(year), month, day).map_err(|_| invalid())
}
