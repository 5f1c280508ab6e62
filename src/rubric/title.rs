//! Job titles to roles. People write titles every which way ("Sr. PM", "Technical Program
//! Mgr", "Product Manager, Payments"), so a title is normalised, split at separators, and
//! compared with the role aliases with and without seniority words, then by a close spelling
//! match for typos. A title that matches nothing maps to no role, which is a fact worth
//! reporting (an engineer doing program work), not an error.

use super::Role;

/// Words that say how senior someone is, not what their job is.
const SENIORITY: &[&str] = &[
    "senior",
    "junior",
    "staff",
    "principal",
    "lead",
    "associate",
    "group",
    "i",
    "ii",
    "iii",
    "iv",
    "1",
    "2",
    "3",
    "interim",
    "acting",
];

/// Lowercase words with abbreviations spelled out, so "Sr. Tech. Program Mgr" and
/// "Senior Technical Program Manager" compare equal.
pub fn normalise_title(title: &str) -> String {
    title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .map(|word| match word {
            "sr" => "senior",
            "jr" => "junior",
            "mgr" | "mngr" => "manager",
            "tech" => "technical",
            "eng" | "engg" => "engineering",
            "programme" | "prog" => "program",
            "prod" => "product",
            "dir" => "director",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn without_seniority(normalised: &str) -> String {
    normalised
        .split(' ')
        .filter(|w| !SENIORITY.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Titles often carry a team or a second hat after a separator: "PM, Payments",
/// "Program Manager - EMEA", "TPM / Scrum Master". Each part is tried in order.
fn parts(title: &str) -> impl Iterator<Item = &str> {
    std::iter::once(title).chain(
        title
            .split([',', '/', '(', ')', '|', '–', '—', ';'])
            .flat_map(|part| part.split(" - "))
            .map(str::trim)
            .filter(|p| !p.is_empty()),
    )
}

const TYPO_SIMILARITY: f64 = 0.94;

pub(super) fn role_for_title<'a>(roles: &'a [Role], title: &str) -> Option<&'a Role> {
    let aliases: Vec<(&Role, String, String)> = roles
        .iter()
        .flat_map(|role| {
            role.aliases.iter().map(move |alias| {
                let normalised = normalise_title(alias);
                let bare = without_seniority(&normalised);
                (role, normalised, bare)
            })
        })
        .collect();
    for part in parts(title) {
        let normalised = normalise_title(part);
        if normalised.is_empty() {
            continue;
        }
        if let Some((role, _, _)) = aliases.iter().find(|(_, n, _)| *n == normalised) {
            return Some(role);
        }
        let bare = without_seniority(&normalised);
        if bare.is_empty() {
            continue;
        }
        if let Some((role, _, _)) = aliases.iter().find(|(_, _, b)| *b == bare) {
            return Some(role);
        }
        if bare.len() >= 8 {
            let best = aliases
                .iter()
                .filter(|(_, _, b)| b.len() >= 8)
                .map(|(role, _, b)| (strsim::jaro_winkler(&bare, b), *role))
                .filter(|(similarity, _)| *similarity >= TYPO_SIMILARITY)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((_, role)) = best {
                return Some(role);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(id: &str, aliases: &[&str]) -> Role {
        Role {
            id: id.into(),
            name: id.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            summary: "s".into(),
            file: "f".into(),
        }
    }

    fn roles() -> Vec<Role> {
        vec![
            role("pm", &["PM", "Product Manager", "Product Owner"]),
            role("pgm", &["Program Manager", "Delivery Manager"]),
            role("tpm", &["TPM", "Technical Program Manager"]),
        ]
    }

    fn mapped(title: &str) -> Option<String> {
        role_for_title(&roles(), title).map(|r| r.id.clone())
    }

    #[test]
    fn maps_the_ways_people_write_titles() {
        assert_eq!(mapped("Sr. PM").as_deref(), Some("pm"));
        assert_eq!(mapped("Senior Product Manager").as_deref(), Some("pm"));
        assert_eq!(mapped("Product Manager, Payments").as_deref(), Some("pm"));
        assert_eq!(mapped("Sr. Tech. Program Mgr").as_deref(), Some("tpm"));
        assert_eq!(mapped("Programme Manager").as_deref(), Some("pgm"));
        assert_eq!(mapped("Progam Manager").as_deref(), Some("pgm"));
        assert_eq!(mapped("Staff TPM").as_deref(), Some("tpm"));
    }

    #[test]
    fn other_titles_map_to_nothing() {
        assert_eq!(mapped("Staff Engineer"), None);
        assert_eq!(mapped("Product Designer"), None);
        assert_eq!(mapped("Engineering Manager"), None);
        assert_eq!(mapped(""), None);
    }
}
