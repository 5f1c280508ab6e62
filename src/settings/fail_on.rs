//! `--fail-on` values, which `audit` and `diff` both take: a kind of finding found, or,
//! against a baseline, a kind of new finding. Each command says which of the two it accepts.

use crate::audit::FindingKind;

use super::UsageError;

/// What a `--fail-on` value fails on: findings of a kind ("gap", "any"), or, in a
/// comparison, new findings of a kind ("new:gap", "new:any").
pub(super) enum FailOn {
    Found(Option<FindingKind>),
    New(Option<FindingKind>),
}

/// One `--fail-on` value, for `audit` and `diff` alike; each says which of the two it takes.
pub(super) fn fail_on(name: &str) -> Result<FailOn, UsageError> {
    let (new, kind) = match name.strip_prefix("new:") {
        Some(kind) => (true, kind),
        None => (false, name),
    };
    let kind = fail_on_kind(kind).map_err(|e| UsageError(format!("--fail-on {name}: {e}")))?;
    Ok(if new {
        FailOn::New(kind)
    } else {
        FailOn::Found(kind)
    })
}

/// A kind `--fail-on` names: "any", or a finding kind.
fn fail_on_kind(name: &str) -> Result<Option<FindingKind>, String> {
    match name {
        "any" => Ok(None),
        _ => FindingKind::from_name(name).map(Some).ok_or_else(|| {
            format!(
                "unknown finding kind; use one of any, {}",
                FindingKind::ALL.map(|k| k.name()).join(", ")
            )
        }),
    }
}
