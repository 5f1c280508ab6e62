//! The options of the commands that judge text alone, without a sheet: `explain` and
//! `eval`. They take no config file: they show the matcher as the flags set it.

use std::path::PathBuf;

use crate::cli::{EvalArgs, ExplainArgs, ExplainFormatArg};
use crate::config::{Config, MatchingConfig};
use crate::input::Isolation;
use crate::matching::{MatchSettings, Training};

use super::precedence::{matching, TeamWords};
use super::{training, UsageError};

#[derive(Debug, Clone, PartialEq)]
pub struct ExplainOptions {
    pub text: String,
    pub rubrics: Vec<PathBuf>,
    pub training: Training,
    pub matching: MatchSettings,
    /// `--labels` alone: these commands read no config file, so no `[tasks]` either.
    pub team: TeamWords,
    pub json: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EvalOptions {
    pub path: PathBuf,
    pub rubrics: Vec<PathBuf>,
    pub training: Training,
    pub matching: MatchSettings,
    /// `--labels` alone: these commands read no config file, so no `[tasks]` either.
    pub team: TeamWords,
    pub json: bool,
}

pub(super) fn explain(
    args: ExplainArgs,
    isolation: &Isolation,
) -> Result<ExplainOptions, UsageError> {
    if args.text.trim().is_empty() {
        return Err(UsageError("explain needs a task text".to_string()));
    }
    Ok(ExplainOptions {
        text: args.text,
        rubrics: args.judge.rubric.rubric,
        training: training(&args.judge.cache, false),
        matching: matching(
            &args.judge.matching,
            &MatchingConfig::default(),
            args.top.max(1),
        )?,
        team: TeamWords::new(args.judge.matching.labels, &Config::default(), isolation),
        json: args.judge.format == ExplainFormatArg::Json,
    })
}

pub(super) fn eval(args: EvalArgs, isolation: &Isolation) -> Result<EvalOptions, UsageError> {
    Ok(EvalOptions {
        path: args.path,
        rubrics: args.judge.rubric.rubric,
        training: training(&args.judge.cache, false),
        matching: matching(&args.judge.matching, &MatchingConfig::default(), 1)?,
        team: TeamWords::new(args.judge.matching.labels, &Config::default(), isolation),
        json: args.judge.format == ExplainFormatArg::Json,
    })
}
