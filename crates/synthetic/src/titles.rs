//! Job titles and the kinds of work each does. Which role a person's tasks mostly fit, and
//! which they drift into, is what makes an audit of a generated team find overlaps and drift
//! as audits of real ones do.

use crate::rng::SplitMix64;

/// What a task is about. The first three are the roles rolecall audits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Work {
    Product,
    Program,
    Technical,
    Engineering,
    Management,
    Reliability,
    Quality,
    Design,
    Data,
    Marketing,
    Sales,
    Success,
    /// Everyday work anyone does: hiring loops, expenses, support rotations.
    Common,
}

impl Work {
    pub(crate) const ROLES: [Work; 3] = [Work::Product, Work::Program, Work::Technical];

    pub(crate) fn is_role(self) -> bool {
        Self::ROLES.contains(&self)
    }

    /// The id of the role in rolecall's rubrics, for the three roles.
    pub(crate) fn role_id(self) -> Option<&'static str> {
        match self {
            Work::Product => Some("product-manager"),
            Work::Program => Some("program-manager"),
            Work::Technical => Some("technical-program-manager"),
            _ => None,
        }
    }

    /// The name a planted organisation's truth gives the work of a task with no
    /// responsibility: the other-work area it is written as.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Work::Product => "product",
            Work::Program => "program",
            Work::Technical => "technical",
            Work::Engineering => "engineering",
            Work::Management => "management",
            Work::Reliability => "reliability",
            Work::Quality => "quality",
            Work::Design => "design",
            Work::Data => "data",
            Work::Marketing => "marketing",
            Work::Sales => "sales",
            Work::Success => "customer success",
            Work::Common => "everyday work",
        }
    }
}

#[derive(Debug)]
pub(crate) struct Title {
    pub(crate) name: &'static str,
    /// Relative frequency in a product and engineering org.
    weight: u32,
    /// The work the title does, picked uniformly (repeat an entry to weigh it).
    pub(crate) own: &'static [Work],
    /// The role its holders most often drift into.
    pub(crate) neighbour: Work,
    /// The role the title names, as rolecall's rubrics map titles to roles (its tests hold
    /// the two to agree), or None for a title of no role.
    pub(crate) role: Option<Work>,
}

/// A title of no role.
const fn title(name: &'static str, weight: u32, own: &'static [Work], neighbour: Work) -> Title {
    Title {
        name,
        weight,
        own,
        neighbour,
        role: None,
    }
}

/// A title of the role its holders' own work is (the first of `own`).
const fn role_title(
    name: &'static str,
    weight: u32,
    own: &'static [Work],
    neighbour: Work,
) -> Title {
    Title {
        name,
        weight,
        own,
        neighbour,
        role: Some(own[0]),
    }
}

/// Role titles are over half the pool: the sheets rolecall audits come from product orgs.
/// Some titles map to no role (Chief of Staff), and some that do are half another job (Head
/// of Product), as on real sheets.
const TITLES: &[Title] = &[
    role_title("Product Manager", 9, &[Work::Product], Work::Program),
    role_title(
        "Senior Product Manager",
        6,
        &[Work::Product],
        Work::Technical,
    ),
    role_title("Sr. Product Manager", 1, &[Work::Product], Work::Program),
    role_title(
        "Associate Product Manager",
        2,
        &[Work::Product],
        Work::Technical,
    ),
    role_title(
        "Principal Product Manager",
        1,
        &[Work::Product],
        Work::Program,
    ),
    role_title("Group Product Manager", 1, &[Work::Product], Work::Program),
    role_title("Product Owner", 3, &[Work::Product], Work::Technical),
    role_title("Program Manager", 7, &[Work::Program], Work::Technical),
    role_title("Senior Program Manager", 3, &[Work::Program], Work::Product),
    role_title("Programme Manager", 1, &[Work::Program], Work::Technical),
    role_title("Program Lead", 1, &[Work::Program], Work::Product),
    role_title(
        "Technical Program Manager",
        7,
        &[Work::Technical],
        Work::Product,
    ),
    role_title(
        "Senior Technical Program Manager",
        3,
        &[Work::Technical],
        Work::Program,
    ),
    role_title("Staff TPM", 1, &[Work::Technical], Work::Program),
    role_title("Sr. TPM", 1, &[Work::Technical], Work::Product),
    title(
        "Software Engineer",
        8,
        &[Work::Engineering],
        Work::Technical,
    ),
    title(
        "Senior Software Engineer",
        5,
        &[Work::Engineering],
        Work::Technical,
    ),
    title("Staff Engineer", 2, &[Work::Engineering], Work::Technical),
    title(
        "Engineering Manager",
        3,
        &[Work::Management, Work::Engineering],
        Work::Program,
    ),
    title(
        "Site Reliability Engineer",
        2,
        &[Work::Reliability],
        Work::Technical,
    ),
    title("SRE", 1, &[Work::Reliability], Work::Technical),
    title("QA Engineer", 2, &[Work::Quality], Work::Technical),
    title("Product Designer", 3, &[Work::Design], Work::Product),
    title("UX Researcher", 1, &[Work::Design], Work::Product),
    title("Data Analyst", 2, &[Work::Data], Work::Product),
    title("Data Scientist", 1, &[Work::Data], Work::Product),
    title(
        "Product Marketing Manager",
        1,
        &[Work::Marketing],
        Work::Product,
    ),
    title(
        "Customer Success Manager",
        1,
        &[Work::Success],
        Work::Product,
    ),
    title("Solutions Engineer", 1, &[Work::Sales], Work::Technical),
    title(
        "Chief of Staff",
        1,
        &[Work::Program, Work::Program, Work::Common],
        Work::Program,
    ),
    role_title(
        "Head of Product",
        1,
        &[Work::Product, Work::Management],
        Work::Program,
    ),
];

pub(crate) fn pick_title(rng: &mut SplitMix64) -> &'static Title {
    let total: u32 = TITLES.iter().map(|t| t.weight).sum();
    let mut roll = rng.below(total as usize) as u32;
    for title in TITLES {
        if roll < title.weight {
            return title;
        }
        roll -= title.weight;
    }
    &TITLES[0]
}

/// Every title with the id of the role it names, for the tests that hold the generator to
/// rolecall's own mapping of titles to roles.
pub fn title_roles() -> impl Iterator<Item = (&'static str, Option<&'static str>)> {
    TITLES
        .iter()
        .map(|t| (t.name, t.role.and_then(Work::role_id)))
}
