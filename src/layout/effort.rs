//! Effort cells: "6", "4.5h", "25%", "0.25", "0.5 FTE", "3 hrs/wk". Everything becomes hours
//! per week so one person's tasks can be weighed against each other; a share is taken of a
//! 40-hour week.

use super::header::normalise_header;

pub const HOURS_PER_WEEK: f64 = 40.0;

/// What a bare number in the effort column means, read from the column's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EffortUnit {
    /// "Hours", "Hours / week", "hrs".
    Hours,
    /// "% time", "Allocation", "FTE": 0.25 and 25 both mean a quarter.
    Share,
    /// "Effort", "Time": a number up to 1 is a share, above 1 is hours.
    Either,
}

impl EffortUnit {
    pub fn from_header(header: &str) -> EffortUnit {
        let normalised = normalise_header(header);
        let words: Vec<&str> = normalised.split(' ').collect();
        let any = |list: &[&str]| words.iter().any(|w| list.contains(w));
        if any(&["hours", "hrs", "hour", "h"]) {
            EffortUnit::Hours
        } else if any(&["%", "allocation", "fte", "percent", "share", "capacity"]) {
            EffortUnit::Share
        } else {
            EffortUnit::Either
        }
    }
}

/// Why an effort cell counts for nothing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BadEffort {
    /// Not hours, a share or a fraction at all ("lots").
    Unreadable,
    /// More hours than a week has: a task's total, most likely, where hours per week are
    /// meant ("192 hours" on a phase).
    OverAWeek,
}

impl BadEffort {
    pub fn describe(self) -> &'static str {
        match self {
            BadEffort::Unreadable => "is not hours, a percentage or a fraction",
            BadEffort::OverAWeek => {
                "is more than the 168 hours of a week (a total, perhaps, where hours per week are meant)"
            }
        }
    }
}

/// Hours per week, or why the text is not an effort a person would write.
pub fn parse_effort(text: &str, unit: EffortUnit) -> Result<f64, BadEffort> {
    parse_hours(text, unit)
        .ok_or(BadEffort::Unreadable)
        .and_then(|hours| {
            if hours <= 24.0 * 7.0 {
                Ok(hours)
            } else {
                Err(BadEffort::OverAWeek)
            }
        })
}

fn parse_hours(text: &str, unit: EffortUnit) -> Option<f64> {
    // Most efforts are a bare number, which lowering and replacing commas leaves as it is:
    // read where it stands rather than copied twice, once a row.
    let trimmed = text.trim();
    let lower: std::borrow::Cow<'_, str> =
        if trimmed.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            trimmed.into()
        } else {
            trimmed.to_lowercase().replace(',', ".").into()
        };
    let number_end = lower
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(lower.len(), |(i, _)| i);
    let value: f64 = lower[..number_end].parse().ok()?;
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    let suffix = lower[number_end..].trim();
    let suffix = suffix
        .trim_end_matches("/week")
        .trim_end_matches("/wk")
        .trim_end_matches(" per week")
        .trim_end_matches("/w")
        .trim();
    let share = |fraction: f64| Some(fraction * HOURS_PER_WEEK);
    let hours = match suffix {
        "%" => share(value / 100.0)?,
        "h" | "hr" | "hrs" | "hour" | "hours" => value,
        "fte" => share(value)?,
        "" => match unit {
            EffortUnit::Hours => value,
            EffortUnit::Share if value <= 1.0 => share(value)?,
            EffortUnit::Share => share(value / 100.0)?,
            EffortUnit::Either if value <= 1.0 => share(value)?,
            EffortUnit::Either => value,
        },
        _ => return None,
    };
    Some(hours)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_from_headers() {
        assert_eq!(EffortUnit::from_header("Hours / week"), EffortUnit::Hours);
        assert_eq!(EffortUnit::from_header("% time"), EffortUnit::Share);
        assert_eq!(EffortUnit::from_header("Allocation"), EffortUnit::Share);
        assert_eq!(EffortUnit::from_header("Effort"), EffortUnit::Either);
    }

    #[test]
    fn parses_the_forms_people_write() {
        use EffortUnit::*;
        assert_eq!(parse_effort("6", Hours).ok(), Some(6.0));
        assert_eq!(parse_effort("4,5", Hours).ok(), Some(4.5));
        assert_eq!(parse_effort("25%", Either).ok(), Some(10.0));
        assert_eq!(parse_effort("0.25", Either).ok(), Some(10.0));
        assert_eq!(parse_effort("25", Share).ok(), Some(10.0));
        assert_eq!(parse_effort("0.5", Share).ok(), Some(20.0));
        assert_eq!(parse_effort("4h", Either).ok(), Some(4.0));
        assert_eq!(parse_effort("3 hrs/wk", Either).ok(), Some(3.0));
        assert_eq!(parse_effort("0.5 FTE", Either).ok(), Some(20.0));
        assert_eq!(parse_effort("12", Either).ok(), Some(12.0));
    }

    #[test]
    fn rejects_what_is_not_an_effort() {
        use EffortUnit::*;
        assert_eq!(parse_effort("lots", Either), Err(BadEffort::Unreadable));
        assert_eq!(parse_effort("-3", Either), Err(BadEffort::Unreadable));
        assert_eq!(parse_effort("4 apples", Either), Err(BadEffort::Unreadable));
        assert_eq!(parse_effort("500", Hours), Err(BadEffort::OverAWeek));
        assert_eq!(parse_effort("", Hours), Err(BadEffort::Unreadable));
    }
}
