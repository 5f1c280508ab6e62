//! Natural order for the names people give teams and titles: "Team 2" before "Team 10",
//! as a reader scanning a list expects, where byte order puts "Team 10" first.

use std::cmp::Ordering;

/// Compares runs of digits by their value and other text case-insensitively, then falls
/// back to the plain text, so that the order is total and the same on every run.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a, b);
    loop {
        match (x.is_empty(), y.is_empty()) {
            (true, true) => return a.cmp(b),
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            (false, false) => {}
        }
        let (run_x, rest_x) = split_run(x);
        let (run_y, rest_y) = split_run(y);
        let order = match (is_digits(run_x), is_digits(run_y)) {
            (true, true) => {
                let (tx, ty) = (run_x.trim_start_matches('0'), run_y.trim_start_matches('0'));
                tx.len().cmp(&ty.len()).then_with(|| tx.cmp(ty))
            }
            _ => run_x
                .chars()
                .flat_map(char::to_lowercase)
                .cmp(run_y.chars().flat_map(char::to_lowercase)),
        };
        if order != Ordering::Equal {
            return order;
        }
        (x, y) = (rest_x, rest_y);
    }
}

fn is_digits(run: &str) -> bool {
    run.starts_with(|c: char| c.is_ascii_digit())
}

/// The leading run of ASCII digits, or of anything else, and what follows it.
fn split_run(text: &str) -> (&str, &str) {
    let digits = is_digits(text);
    let end = text
        .find(|c: char| c.is_ascii_digit() != digits)
        .unwrap_or(text.len());
    text.split_at(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_sort_by_value_and_words_ignore_case() {
        let mut names = vec![
            "Team 10",
            "Team 2",
            "team 1",
            "Team 0",
            "Alpha",
            "Team 02",
            "Payments 3",
            "",
        ];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            [
                "",
                "Alpha",
                "Payments 3",
                "Team 0",
                "team 1",
                "Team 02",
                "Team 2",
                "Team 10"
            ]
        );
    }

    #[test]
    fn the_order_is_total() {
        assert_eq!(natural_cmp("Team 2", "Team 02"), "Team 2".cmp("Team 02"));
        assert_eq!(natural_cmp("a", "A"), "a".cmp("A"));
        assert_eq!(natural_cmp("x9", "x10"), Ordering::Less);
        assert_eq!(
            natural_cmp("99999999999999999999999", "1"),
            Ordering::Greater
        );
    }
}
