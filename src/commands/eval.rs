//! `rolecall eval`: matching measured on the user's own labelled lines, so that a team can
//! see how far to trust it on their wording before relying on an audit.

use crate::error::{Error, Exit};
use crate::quality;
use crate::settings::EvalOptions;

use super::{load_team_rubric, matcher, pretty_json, print};

pub(super) fn run(options: &EvalOptions) -> Result<Exit, Error> {
    let rubric = load_team_rubric(&options.rubrics, &options.team)?;
    let lines = quality::read_labelled(&rubric, &options.path)?;
    let matcher = matcher(
        &rubric,
        &options.rubrics,
        &options.team,
        options.matching,
        &options.training,
    );
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    let scores = quality::Scores::new(&rubric, &lines, &quality::predict(&matcher, &texts));
    if options.json {
        return print(pretty_json(&scores)?);
    }
    print(format!("{}\n{}", options.path.display(), scores.text()))
}
