//! Training text: lines written the way people describe work (job ads, career ladders, team
//! sheets, RACI charts), each labelled with the responsibility or area of other work it
//! belongs to. The matcher's model learns from these and from the rubric's own text.
//!
//! A training file is a CSV with the header `text,label,style`. The label is a
//! responsibility id or an area id of the loaded rubrics; an unknown label is an error
//! naming the file and line, because a misspelt id would quietly teach the model nothing.

use serde::Deserialize;

use super::{fnv1a, Rubric, RubricError};

/// How a line was written; kept so that quality can be measured per style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Style {
    /// A responsibility sentence from a job advertisement.
    Ad,
    /// A first-person line from a career ladder or self-description.
    Ladder,
    /// A short task as a team's sheet lists it.
    Sheet,
    /// A task name from a RACI chart.
    Raci,
    /// One of a pair of lines that differ only in what decides the role.
    Contrast,
    /// Another job's work that sounds like role work.
    Negative,
    /// A line a team labelled (`--labels`); never written in a training file.
    #[serde(skip_deserializing)]
    Team,
}

impl Style {
    pub const ALL: [Style; 7] = [
        Style::Ad,
        Style::Ladder,
        Style::Sheet,
        Style::Raci,
        Style::Contrast,
        Style::Negative,
        Style::Team,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Style::Ad => "ad",
            Style::Ladder => "ladder",
            Style::Sheet => "sheet",
            Style::Raci => "raci",
            Style::Contrast => "contrast",
            Style::Negative => "negative",
            Style::Team => "team",
        }
    }
}

/// What a training line is an example of. Training files name a responsibility or an
/// area; a team's labels may also name a whole role or no role's work, which training
/// learns as the sum of the role's responsibilities (or of the areas).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    /// Index into [`Rubric::responsibilities`].
    Responsibility(usize),
    /// Index into [`Rubric::other_work`].
    Area(usize),
    /// Index into [`Rubric::roles`].
    Role(usize),
    /// No role's work, whichever area it is.
    NoRole,
}

/// One labelled line of training text.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainingLine {
    pub text: String,
    pub label: Label,
    pub style: Style,
    /// How much the line counts in training's loss: 1 for training text, more for a team's
    /// label (see `labels::TEAM_WEIGHT`).
    pub weight: f64,
}

impl TrainingLine {
    /// Gives `feed` every field of the line, as bytes: the one place that says what of a
    /// line the model depends on, for the rubric's fingerprint and the model cache's key
    /// alike. Destructured, so that a field added to the line does not compile until it is
    /// fed here too.
    pub fn feed(&self, mut feed: impl FnMut(&[u8])) {
        let TrainingLine {
            text,
            label,
            style,
            weight,
        } = self;
        let (kind, index) = match *label {
            Label::Responsibility(r) => (0u8, r),
            Label::Area(a) => (1, a),
            Label::Role(r) => (2, r),
            Label::NoRole => (3, 0),
        };
        feed(text.as_bytes());
        feed(&[0, kind]);
        feed(&(index as u64).to_le_bytes());
        feed(style.name().as_bytes());
        feed(&weight.to_bits().to_le_bytes());
    }

    /// `hash` moved on by every field of the line.
    pub fn digest(&self, hash: u64) -> u64 {
        let mut hash = hash;
        self.feed(|bytes| hash = fnv1a(hash, bytes));
        hash
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    text: String,
    label: String,
    style: Style,
}

/// Reads one training file's lines against the rubric's ids.
pub(super) fn parse(
    rubric: &Rubric,
    file: &str,
    text: &str,
) -> Result<Vec<TrainingLine>, RubricError> {
    let invalid = |line: Option<u64>, message: String| RubricError::Invalid {
        file: file.to_string(),
        line: line.map(|l| l as usize),
        message,
    };
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| invalid(Some(1), e.to_string()))?
        .clone();
    if headers.iter().collect::<Vec<_>>() != ["text", "label", "style"] {
        return Err(invalid(
            Some(1),
            format!(
                "a training file's header is \"text,label,style\" (found \"{}\")",
                headers.iter().collect::<Vec<_>>().join(",")
            ),
        ));
    }
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line());
            invalid(line, e.to_string())
        })?;
        let line = record.position().map(|p| p.line());
        let row: Row = record.deserialize(Some(&headers)).map_err(|e| {
            invalid(
                line,
                format!("{e} (style is one of: ad, ladder, sheet, raci, contrast, negative)"),
            )
        })?;
        let text = row.text.trim();
        if text.is_empty() {
            return Err(invalid(line, "empty text".to_string()));
        }
        let label = row.label.trim();
        let label = if let Some(r) = rubric.responsibilities.iter().position(|r| r.id == label) {
            Label::Responsibility(r)
        } else if let Some(a) = rubric.other_work.iter().position(|a| a.id == label) {
            Label::Area(a)
        } else {
            return Err(invalid(
                line,
                format!(
                    "label \"{label}\" is neither a responsibility nor an area of other work of the loaded rubrics"
                ),
            ));
        };
        lines.push(TrainingLine {
            text: text.to_string(),
            label,
            style: row.style,
            weight: 1.0,
        });
    }
    Ok(lines)
}
