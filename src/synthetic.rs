//! Synthetic team sheets: realistic, deterministic, of any size, for tests and benchmarks.
//!
//! Tests and benchmarks need teams larger than anyone would write by hand, shaped like the
//! sheets rolecall is given: names in several scripts, job titles that map to a role (and
//! some that do not), teams, task lines written the way people write them, and hours. A seed
//! gives the same sheet on every platform and every run, so a benchmark compares like with
//! like and a failing test can be replayed; a few lines of SplitMix64 do that without a
//! `rand` dependency whose streams may change between versions.
//!
//! Rows come one at a time ([`rows`]) and are written as they come ([`write_csv`]), so a
//! million-row sheet never sits in memory, and every person's rows depend only on the seed
//! and their position, not on the rows before them.
//!
//! The task texts are written from templates in the words people use on team sheets, not
//! from the rubric terms, so how many of them match measures the matcher rather than echoing
//! it. Most of a person's tasks fit their title; some drift into a neighbouring role or into
//! everyday work (hiring loops, expense reports), and about one person in eight wears two
//! hats, so audits of these sheets find overlaps and drift as real ones do.
//!
//! Limits: every person has the same number of tasks, one per row, with the name repeated on
//! each row; the pools are fixed, so the sheets are realistic in shape, not in meaning. An
//! empty spec writes an empty file (the header comes with the first row).

use std::io;

use serde::Serialize;

/// What to generate. The same spec always gives the same rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeamSpec {
    pub people: usize,
    pub tasks_per_person: usize,
    pub seed: u64,
}

/// One person and one task, as one row of a team sheet. Titles come from a fixed pool, so
/// they are borrowed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "Job Title")]
    pub title: &'static str,
    #[serde(rename = "Team")]
    pub team: String,
    #[serde(rename = "Task")]
    pub task: String,
    #[serde(rename = "Hours / week")]
    pub hours: f64,
}

/// The rows of a synthetic team, person by person, people grouped by team as sheets
/// usually are.
pub fn rows(spec: TeamSpec) -> Rows {
    let mut setup = SplitMix64::new(spec.seed);
    let team_count = if spec.people == 0 {
        0
    } else {
        // About 25 people a team and at least 8 teams, never more teams than people.
        (spec.people / 25).max(8).min(spec.people)
    };
    let first_team = setup.below(TEAMS.len());
    // Past the named pool, an organisation numbers its squads: "Payments 2".
    let teams = (0..team_count)
        .map(|k| {
            let name = TEAMS[(first_team + k) % TEAMS.len()];
            match k / TEAMS.len() {
                0 => name.to_string(),
                round => format!("{name} {}", round + 1),
            }
        })
        .collect();
    Rows {
        spec,
        total: spec.people.saturating_mul(spec.tasks_per_person),
        next: 0,
        names: Names::new(&mut setup),
        teams,
        person: None,
    }
}

/// Writes the team as CSV with the header `Name,Job Title,Team,Task,Hours / week`, row by
/// row. The writer needs no buffering of its own: the CSV writer buffers.
pub fn write_csv<W: io::Write>(spec: TeamSpec, writer: W) -> Result<(), csv::Error> {
    let mut out = csv::Writer::from_writer(writer);
    for row in rows(spec) {
        out.serialize(&row)?;
    }
    out.flush()?;
    Ok(())
}

/// The iterator [`rows`] returns.
#[derive(Debug, Clone)]
pub struct Rows {
    spec: TeamSpec,
    total: usize,
    next: usize,
    names: Names,
    teams: Vec<String>,
    person: Option<Person>,
}

#[derive(Debug, Clone)]
struct Person {
    name: String,
    title: &'static Title,
    team: usize,
    rng: SplitMix64,
    /// The share of tasks drawn from outside the title's own work.
    drift: f64,
    /// Someone wearing two hats spends most of that share on the title's neighbouring role.
    two_hats: bool,
}

impl Iterator for Rows {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        if self.next >= self.total {
            return None;
        }
        let index = self.next / self.spec.tasks_per_person;
        if self.next.is_multiple_of(self.spec.tasks_per_person) {
            self.person = Some(self.person(index));
        }
        self.next += 1;
        let teams = &self.teams;
        let person = self.person.as_mut()?;
        let work = person.choose_work();
        let template = *person.rng.pick(templates(work));
        let task = expand(template, teams, person.team, &mut person.rng);
        let mut hours = f64::from(*person.rng.pick(&HOURS));
        if hours < 12.0 && person.rng.chance(0.2) {
            hours += 0.5;
        }
        Some(Row {
            name: person.name.clone(),
            title: person.title.name,
            team: teams[person.team].clone(),
            task,
            hours,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.total - self.next;
        (left, Some(left))
    }
}

impl ExactSizeIterator for Rows {}

impl Rows {
    fn person(&self, index: usize) -> Person {
        // Each person's stream depends on the seed and their index only.
        let mut rng = SplitMix64::new(self.spec.seed ^ mix(index as u64 ^ 0xA5A5_5A5A_C3C3_3C3C));
        let title = pick_title(&mut rng);
        let two_hats = rng.chance(0.125);
        Person {
            name: self.names.name(index),
            title,
            team: index * self.teams.len() / self.spec.people,
            drift: if two_hats { 0.6 } else { 0.15 },
            two_hats,
            rng,
        }
    }
}

impl Person {
    fn choose_work(&mut self) -> Work {
        let title = self.title;
        if !self.rng.chance(self.drift) {
            return *self.rng.pick(title.own);
        }
        if self.two_hats && self.rng.chance(0.85) {
            return title.neighbour;
        }
        let roll = self.rng.below(100);
        let own_role = title.own.iter().copied().find(|w| w.is_role());
        match own_role {
            // Titled people drift to the neighbouring role, the remaining role, or into
            // everyday work.
            Some(_) if roll < 40 => title.neighbour,
            Some(own) if roll < 60 => Work::ROLES
                .into_iter()
                .find(|&w| w != own && w != title.neighbour)
                .unwrap_or(title.neighbour),
            Some(_) => Work::Common,
            // Everyone else drifts mostly into role work, which is what a role audit is for.
            None if roll < 50 => title.neighbour,
            None if roll < 75 => *self.rng.pick(&Work::ROLES),
            None => Work::Common,
        }
    }
}

/// A small, fast, well-mixed generator (Steele, Lea and Flood's SplitMix64). Its stream is
/// fixed by this code, so seeds stay meaningful across versions of everything else.
#[derive(Debug, Clone)]
struct SplitMix64 {
    state: u64,
}

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl SplitMix64 {
    fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN_GAMMA);
        mix(self.state)
    }

    /// A number in `0..n` (Lemire's multiply-shift; the bias is below 2^-50 for our sizes).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64) < p * (1u64 << 53) as f64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Unique names for any number of people.
///
/// Each culture's pool gives every given name with every family name; the people walk that
/// space in a seed-dependent order (a stride coprime with its size), so a small team still
/// mixes scripts. Past the end of the space the walk starts again with a middle initial
/// (Latin, Greek and Cyrillic names) or a number (Chinese, Korean and Japanese names), as
/// sheets tell two people of one name apart.
#[derive(Debug, Clone)]
struct Names {
    size: usize,
    stride: usize,
    offset: usize,
}

impl Names {
    fn new(rng: &mut SplitMix64) -> Self {
        let size: usize = CULTURES
            .iter()
            .map(|c| c.given.len() * c.family.len())
            .sum();
        let mut stride = size / 2 + rng.below(size / 2);
        while gcd(stride, size) != 1 {
            stride += 1;
        }
        Self {
            size,
            stride,
            offset: rng.below(size),
        }
    }

    fn name(&self, index: usize) -> String {
        let round = index / self.size;
        let mut slot = ((index % self.size) * self.stride + self.offset) % self.size;
        let mut culture = &CULTURES[0];
        for candidate in CULTURES {
            let size = candidate.given.len() * candidate.family.len();
            if slot < size {
                culture = candidate;
                break;
            }
            slot -= size;
        }
        let given = culture.given[slot % culture.given.len()];
        let family = culture.family[slot / culture.given.len()];
        match (culture.order, round) {
            (Order::GivenFamily, 0) => format!("{given} {family}"),
            (Order::GivenFamily, _) => {
                let initial = char::from(b'A' + ((round - 1) % 26) as u8);
                match (round - 1) / 26 {
                    0 => format!("{given} {initial}. {family}"),
                    series => format!("{given} {initial}. {family} {}", series + 1),
                }
            }
            (Order::FamilyGiven, 0) => format!("{family}{given}"),
            (Order::FamilyGiven, _) => format!("{family}{given} {}", round + 1),
            (Order::FamilySpaceGiven, 0) => format!("{family} {given}"),
            (Order::FamilySpaceGiven, _) => format!("{family} {given} {}", round + 1),
        }
    }
}

fn gcd(mut a: usize, mut b: usize) -> usize {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

#[derive(Debug, Clone, Copy)]
enum Order {
    GivenFamily,
    /// Chinese and Korean: family name first, no space.
    FamilyGiven,
    /// Japanese as often typed in Western tools: family name, space, given name.
    FamilySpaceGiven,
}

struct Culture {
    given: &'static [&'static str],
    family: &'static [&'static str],
    order: Order,
}

/// Family names are gender-neutral within each pool (no Иванов/Иванова pairs), so any given
/// name goes with any family name. No family name appears in two pools, so names stay unique.
#[rustfmt::skip] // Name pools read best as paragraphs, not one name a line.
const CULTURES: &[Culture] = &[
    Culture {
        given: &[
            "James", "Mary", "Olivia", "Liam", "Emma", "Noah", "Ava", "Ethan", "Sophia",
            "Mason", "Isabella", "Lucas", "Mia", "Henry", "Charlotte", "Jack", "Amelia", "Owen",
            "Harper", "Daniel", "Grace", "Samuel", "Chloe", "David", "Emily", "Ryan", "Hannah",
            "Nathan", "Sarah", "Michael", "Rachel", "Kevin", "Laura", "Brian", "Megan", "Tyler",
            "Priya", "Arjun", "Aisha", "Omar", "Kwame", "Ngozi", "Marcus", "Jasmine",
        ],
        family: &[
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
            "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White",
            "Harris", "Clark", "Lewis", "Walker", "Young", "Allen", "King", "Wright", "Scott",
            "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts",
            "Carter", "Phillips", "Evans", "Turner", "Parker", "Collins", "Edwards", "Patel",
            "Okafor", "Nguyen", "Khan", "Mensah", "Webb",
        ],
        order: Order::GivenFamily,
    },
    Culture {
        given: &[
            "Søren", "Zoë", "Łukasz", "José", "Małgorzata", "Björn", "Anaïs", "François",
            "Jürgen", "Chloé", "Gülay", "Ştefan", "Joaquín", "Inês", "João", "Åsa", "Mónica",
            "Renée", "Zoltán", "Tomáš", "Agnès", "Jiří", "Sébastien", "Ümit", "Dagný", "Ørjan",
            "Eléonore", "Răzvan", "Lucía", "Håkon",
        ],
        family: &[
            "García", "Müller", "Nowak", "Dubois", "Øverland", "Pérez", "Gonçalves",
            "Kovačević", "Şahin", "Lindqvist", "Ångström", "Núñez", "Fernández", "Schröder",
            "Lefèvre", "Jørgensen", "Hernández", "Göransson", "Szabó", "Ramírez", "Özdemir",
            "Björklund", "Rodríguez", "Kowalczyk", "Mäkinen", "Ibáñez", "Wójcik", "Petőfi",
            "Brontë", "Łoś",
        ],
        order: Order::GivenFamily,
    },
    Culture {
        given: &[
            "Γιώργος", "Μαρία", "Νίκος", "Ελένη", "Δημήτρης", "Κατερίνα", "Κώστας", "Σοφία",
            "Γιάννης", "Αναστασία", "Παναγιώτης", "Δέσποινα", "Αλέξανδρος", "Χριστίνα",
        ],
        family: &[
            "Οικονόμου", "Γεωργίου", "Νικολάου", "Αντωνίου", "Δημητρίου", "Παπαδημητρίου",
            "Ιωάννου", "Κωνσταντίνου", "Αθανασίου", "Χριστοδούλου", "Αλεξίου",
        ],
        order: Order::GivenFamily,
    },
    Culture {
        given: &[
            "Олександр", "Олена", "Дмитро", "Ірина", "Андрій", "Наталія", "Тарас", "Оксана",
            "Сергій", "Юлія", "Максим", "Катерина", "Богдан", "Софія", "Віктор", "Марія",
        ],
        family: &[
            "Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Олійник",
            "Мельник", "Поліщук", "Ковальчук", "Савчук", "Лисенко", "Романюк",
        ],
        order: Order::GivenFamily,
    },
    Culture {
        given: &[
            "伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "杰", "婷", "强", "军", "丽",
            "晨曦", "子涵", "浩然", "雨桐", "思远", "欣怡",
        ],
        family: &[
            "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
            "胡", "郭", "何", "林", "高", "罗",
        ],
        order: Order::FamilyGiven,
    },
    Culture {
        given: &[
            "민준", "서연", "지훈", "하은", "도윤", "지우", "현우", "수빈", "예준", "지민", "서준",
            "유진",
        ],
        family: &["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"],
        order: Order::FamilyGiven,
    },
    Culture {
        given: &["陽菜", "蓮", "結衣", "大翔", "美咲", "翔太", "さくら", "健一"],
        family: &["佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "山本", "中村"],
        order: Order::FamilySpaceGiven,
    },
];

/// What a task is about. The first three are the roles rolecall audits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Work {
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
    const ROLES: [Work; 3] = [Work::Product, Work::Program, Work::Technical];

    fn is_role(self) -> bool {
        Self::ROLES.contains(&self)
    }
}

#[derive(Debug)]
struct Title {
    name: &'static str,
    /// Relative frequency in a product and engineering org.
    weight: u32,
    /// The work the title does, picked uniformly (repeat an entry to weigh it).
    own: &'static [Work],
    /// The role its holders most often drift into.
    neighbour: Work,
}

const fn title(name: &'static str, weight: u32, own: &'static [Work], neighbour: Work) -> Title {
    Title {
        name,
        weight,
        own,
        neighbour,
    }
}

/// Role titles are over half the pool: the sheets rolecall audits come from product orgs.
/// Some titles map to no role (Chief of Staff, Head of Product), as on real sheets.
const TITLES: &[Title] = &[
    title("Product Manager", 9, &[Work::Product], Work::Program),
    title(
        "Senior Product Manager",
        6,
        &[Work::Product],
        Work::Technical,
    ),
    title("Sr. Product Manager", 1, &[Work::Product], Work::Program),
    title(
        "Associate Product Manager",
        2,
        &[Work::Product],
        Work::Technical,
    ),
    title(
        "Principal Product Manager",
        1,
        &[Work::Product],
        Work::Program,
    ),
    title("Group Product Manager", 1, &[Work::Product], Work::Program),
    title("Product Owner", 3, &[Work::Product], Work::Technical),
    title("Program Manager", 7, &[Work::Program], Work::Technical),
    title("Senior Program Manager", 3, &[Work::Program], Work::Product),
    title("Programme Manager", 1, &[Work::Program], Work::Technical),
    title("Program Lead", 1, &[Work::Program], Work::Product),
    title(
        "Technical Program Manager",
        7,
        &[Work::Technical],
        Work::Product,
    ),
    title(
        "Senior Technical Program Manager",
        3,
        &[Work::Technical],
        Work::Program,
    ),
    title("Staff TPM", 1, &[Work::Technical], Work::Program),
    title("Sr. TPM", 1, &[Work::Technical], Work::Product),
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
    title(
        "Head of Product",
        1,
        &[Work::Product, Work::Management],
        Work::Program,
    ),
];

fn pick_title(rng: &mut SplitMix64) -> &'static Title {
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

const TEAMS: [&str; 40] = [
    "Payments",
    "Mobile",
    "Platform",
    "Growth",
    "Search",
    "Checkout",
    "Identity",
    "Billing",
    "Data Platform",
    "Infrastructure",
    "Onboarding",
    "Notifications",
    "Marketplace",
    "Risk & Fraud",
    "Developer Experience",
    "Core API",
    "Analytics",
    "Messaging",
    "Integrations",
    "Security",
    "Enterprise",
    "Storefront",
    "Logistics",
    "Pricing",
    "Reliability",
    "Observability",
    "Ads",
    "Recommendations",
    "Content",
    "Localization",
    "Accessibility",
    "Partner Ecosystem",
    "Admin Console",
    "Insights",
    "Compliance",
    "Trust & Safety",
    "Customer Portal",
    "Workflow Automation",
    "Edge Network",
    "Mobile Web",
];

/// Hours a week for one task: small chunks are common, big ones rare.
const HOURS: [u8; 16] = [1, 1, 2, 2, 2, 3, 3, 4, 4, 4, 5, 6, 6, 8, 10, 12];

fn templates(work: Work) -> &'static [&'static str] {
    match work {
        Work::Product => PRODUCT,
        Work::Program => PROGRAM,
        Work::Technical => TECHNICAL,
        Work::Engineering => ENGINEERING,
        Work::Management => MANAGEMENT,
        Work::Reliability => RELIABILITY,
        Work::Quality => QUALITY,
        Work::Design => DESIGN,
        Work::Data => DATA,
        Work::Marketing => MARKETING,
        Work::Sales => SALES,
        Work::Success => SUCCESS,
        Work::Common => COMMON,
    }
}

/// Fills `{key}` slots from the pools below; `{team}` is the person's own team and
/// `{other_team}` another one. An unknown key is left as written, which a test catches.
fn expand(template: &str, teams: &[String], team: usize, rng: &mut SplitMix64) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let key = &rest[open + 1..open + close];
        match key {
            "team" => out.push_str(&teams[team]),
            "other_team" => {
                let other = if teams.len() > 1 {
                    &teams[(team + 1 + rng.below(teams.len() - 1)) % teams.len()]
                } else {
                    *rng.pick(&TEAMS)
                };
                out.push_str(other);
            }
            "n" => out.push_str(&(3 + rng.below(10)).to_string()),
            _ => match pool(key) {
                Some(words) => out.push_str(rng.pick::<&str>(words)),
                None => out.push_str(&rest[open..=open + close]),
            },
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    if template.starts_with('{') {
        // A slot opening the sentence ("weekly program status ...") takes a capital.
        if let Some(first) = out.chars().next() {
            out.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
        }
    }
    out
}

fn pool(key: &str) -> Option<&'static [&'static str]> {
    Some(match key {
        "feature" => FEATURES,
        "quarter" => &[
            "Q1",
            "Q2",
            "Q3",
            "Q4",
            "H1",
            "H2",
            "FY26",
            "next quarter",
            "this half",
        ],
        "exec" => &[
            "VP Eng",
            "the CTO",
            "the CPO",
            "VP Product",
            "the exec team",
            "SVP Engineering",
            "leadership",
            "the COO",
        ],
        "system" => SYSTEMS,
        "migration" => MIGRATIONS,
        "project" => &[
            "Project Atlas",
            "Falcon",
            "Orion",
            "Northstar",
            "Helix",
            "Keystone",
            "Lighthouse",
            "Bluebird",
            "Everest",
            "Mercury",
            "Tidal",
            "Aurora",
            "Project Juniper",
            "Catalyst",
        ],
        "segment" => &[
            "SMB",
            "mid-market",
            "enterprise",
            "self-serve",
            "EMEA",
            "APAC",
            "healthcare",
            "education",
            "public-sector",
            "agency",
            "fintech",
            "retail",
        ],
        "metric" => &[
            "activation",
            "7-day retention",
            "conversion",
            "churn",
            "NPS",
            "DAU/MAU",
            "time-to-value",
            "trial-to-paid conversion",
            "feature adoption",
            "ARPU",
            "checkout completion",
            "weekly active teams",
        ],
        "vendor" => &[
            "Datadog",
            "PagerDuty",
            "Snowflake",
            "Okta",
            "Salesforce",
            "Figma",
            "Atlassian",
            "Twilio",
            "Stripe",
            "Segment",
            "Zendesk",
            "LaunchDarkly",
        ],
        "cadence" => &["weekly", "biweekly", "monthly"],
        "customer" => &[
            "Acme Corp",
            "Globex",
            "Initech",
            "Umbrella Health",
            "Stark Logistics",
            "Wayne Retail",
            "Hooli",
            "Vandelay Imports",
            "Tyrell Bank",
            "Soylent Foods",
            "Cyberdyne",
            "Nakatomi Trading",
        ],
        "hire" => &[
            "backend engineer",
            "frontend engineer",
            "product designer",
            "product manager",
            "SRE",
            "data analyst",
            "engineering manager",
            "iOS engineer",
        ],
        _ => return None,
    })
}

const FEATURES: &[&str] = &[
    "saved searches",
    "bulk export",
    "SSO",
    "audit logs",
    "offline mode",
    "dark mode",
    "guest checkout",
    "usage-based billing",
    "push notifications",
    "in-app chat",
    "role-based access control",
    "two-factor login",
    "smart reminders",
    "CSV import",
    "team workspaces",
    "AI summaries",
    "recurring invoices",
    "refund flow",
    "address autocomplete",
    "wishlists",
    "loyalty points",
    "multi-currency pricing",
    "webhooks",
    "public API v3",
    "mobile wallet",
    "onboarding checklist",
    "activity feed",
    "shared dashboards",
    "scheduled reports",
    "data retention settings",
    "custom fields",
    "approval workflows",
    "calendar sync",
    "search filters",
    "referral program",
    "self-serve upgrades",
    "account recovery",
    "in-app announcements",
];

const SYSTEMS: &[&str] = &[
    "payments service",
    "auth service",
    "search cluster",
    "Kafka pipeline",
    "notification service",
    "billing engine",
    "mobile API gateway",
    "data warehouse",
    "Postgres fleet",
    "Rails monolith",
    "CI pipeline",
    "feature-flag service",
    "ledger service",
    "identity provider",
    "event bus",
    "ranking service",
    "job scheduler",
    "checkout service",
    "pricing engine",
    "media pipeline",
];

const MIGRATIONS: &[&str] = &[
    "Postgres 12 to 16 upgrade",
    "monolith-to-services split",
    "move from Jenkins to GitHub Actions",
    "Kubernetes 1.27 to 1.30 upgrade",
    "Elasticsearch to OpenSearch migration",
    "REST to gRPC migration for internal APIs",
    "on-prem to AWS move",
    "Auth0 to Okta cutover",
    "Python 3.8 end-of-life upgrade",
    "data center exit",
    "Kafka 2 to 3 upgrade",
    "API v2 deprecation",
    "move to the new payments processor",
    "EU data residency migration",
];

const PRODUCT: &[&str] = &[
    "Own the {team} roadmap for {quarter}",
    "Prioritize the {team} backlog w/ eng leads",
    "Write PRD for {feature}",
    "PRD + user stories for {feature}",
    "Customer interviews w/ {segment} accounts about {feature}",
    "Define success metrics for {feature} ({metric})",
    "Track {feature} adoption and {metric} in Amplitude",
    "GTM plan w/ product marketing for the {feature} launch",
    "Launch plan and release notes for {feature}",
    "Competitive analysis: how competitors handle {feature}",
    "Product vision doc for {team}",
    "Set {team} OKRs with eng and design leads",
    "Acceptance criteria for {feature}",
    "Groom the {team} backlog in Jira",
    "Pricing & packaging proposal for {feature}",
    "Synthesize {segment} feedback into roadmap themes for {quarter}",
    "A/B test readout for {feature}, make the ship/no-ship call",
    "Market sizing for {segment} expansion",
    "Discovery w/ design on why {segment} trials drop off during setup",
    "Funnel analysis on {metric} for {team}",
    "Demo {feature} to stakeholders at sprint review",
    "Triage feature requests from {segment} customers",
    "Beta program for {feature}: recruit customers, collect feedback",
    "Decide MVP scope for {feature}",
    "Roadmap review with {exec}: trade off {feature} vs tech debt",
    "Own {metric} for {team} - target +3 pts this quarter",
    "Turn usability study findings into prioritized backlog items for {feature}",
    "Churn analysis: which features correlate with renewal for {segment}",
    "Requirements for {feature} based on {n} calls with {segment} prospects",
    "Product strategy memo for {team} {quarter}",
    "Run a series of {n} customer interviews with {segment} admins about {feature}, synthesize the findings into a short memo and use it to reshape the {team} roadmap for {quarter}",
    "Write the one-pager for {feature} covering the problem, target users, success metrics and non-goals, then walk the {team} engineering and design leads through it before sprint planning",
    "Own the launch of {feature} end to end with product marketing and support: pricing, positioning, in-app announcement, help-center articles and a review of {metric} thirty days after launch",
];

const PROGRAM: &[&str] = &[
    "{cadence} program status report to {exec}",
    "Exec portfolio status (RAG) for {project}",
    "Track program budget vs. forecast for {project}",
    "Headcount plan across {team} and {other_team} projects for {quarter}",
    "Maintain the RAID log for {project}",
    "Run the {project} steering committee",
    "Cross-project dependency map for {project}",
    "Coordinate dependencies between {team} and {other_team} projects",
    "Quarterly planning calendar and OKR check-ins across programs",
    "Resource allocation across {n} projects in the {team} portfolio",
    "Vendor contract renewals ({vendor}) w/ procurement",
    "Contractor SOWs and POs for {project}",
    "Program charter and success criteria for {project}",
    "Change management plan for rolling out {project} to {n} teams",
    "Risk register review + contingency plans for {project}",
    "Benefits tracking for {project} against the business case",
    "PMO intake: score new project requests for {quarter}",
    "Stakeholder map and comms plan for {project}",
    "Monthly budget variance report to finance for {project}",
    "Program review with {exec}: milestones, risks, asks",
    "Resolve priority conflicts between {team} and {other_team} over shared staff",
    "Run the {project} program sync w/ all workstream leads",
    "Portfolio prioritization across {team} initiatives for {quarter} planning",
    "Escalate cross-project risks to the steering committee",
    "Lessons-learned retro for {project} phase 1",
    "Stage-gate reviews for {project}",
    "Org change comms for the {team} reorg",
    "Capacity planning across programs for {quarter}",
    "Prepare the monthly steering committee pack for {project}: budget burn against plan, headcount changes, top five risks from the RAID log and the decisions we need from {exec}",
    "Pull together one view of all {n} projects in the {team} portfolio with owners, milestones and dependencies, and reconcile it with the finance budget so leadership can rebalance headcount for {quarter}",
    "Set up governance for {project}: steering committee cadence, decision log, escalation path, RACI for each workstream and a single status report that goes to {exec} every Friday",
];

const TECHNICAL: &[&str] = &[
    "Technical delivery schedule for the {migration}",
    "Track the {migration} across {n} services",
    "Architecture review for the {system} redesign",
    "RFC review: {system} changes for {feature}",
    "Run the {cadence} release train for {team}",
    "Cross-team technical dependencies for {feature} ({team} and {other_team})",
    "Release readiness checklist and go/no-go for {feature}",
    "Cutover plan for the {migration}",
    "Incident review process: run postmortems and track action items for {team}",
    "On-call process and escalation policy for the {system}",
    "Track eng milestones for {feature} in Jira, flag slips early",
    "Technical risk register for the {migration}",
    "Coordinate the API contract between {team} and {other_team} for {feature}",
    "Feasibility and effort estimates for {feature} w/ eng leads",
    "Sprint planning across {n} eng squads for {project}",
    "Build-vs-buy technical assessment for the {system}",
    "Eng status update to {exec} on the {migration}",
    "Define SLOs and error budgets for the {system} with SRE",
    "Track deploy frequency and change failure rate for {team}",
    "Feature-flag rollout plan for {feature} (1% -> 10% -> 100%)",
    "Integration test plan for {feature} across {team} and {other_team}",
    "Unblock {team} engineers on the {system} dependency",
    "Cloud cost reduction program for the {system}",
    "Deprecation plan and timeline for the {system} v1 endpoints",
    "CI/CD pipeline improvements w/ the dev productivity team",
    "Tech debt burndown tracking for {team}",
    "Scope and sequence engineering work for {project} milestones",
    "Drive the {migration} end to end: keep the technical schedule, chase the {n} service owners for their cutover dates, run the weekly sync and escalate slips to {exec}",
    "Run architecture reviews for the {feature} design with {team} and {other_team} engineers, capture the decisions in the RFC and turn open technical risks into tracked tickets with owners",
    "Own the {team} release train for mobile and web: branch cut, regression sign-off with QA, staged rollout, release notes for support and the post-release health check on crash rate",
];

const ENGINEERING: &[&str] = &[
    "Implement {feature} backend in the {system}",
    "Code review for {team} pull requests",
    "Fix flaky integration tests in the {system}",
    "Refactor error handling in the {system}",
    "Unit tests for {feature}",
    "Build the {feature} UI in React",
    "Debug memory leak in the {system}",
    "Pair programming with new hires on the {system}",
    "Profile and speed up slow queries in the {system}",
    "Upgrade dependencies and fix deprecation warnings in the {system}",
    "Write the design doc for the {feature} data model",
    "Bug fixes from the {team} bug bash",
    "Implement {feature} on iOS (SwiftUI)",
    "Android client work for {feature} (Kotlin)",
    "GraphQL schema changes for {feature}",
    "Add caching to the {system} read path",
    "Code review",
    "Implement the {feature} backend in the {system}: schema migration, new API endpoints, unit and integration tests, and pairing with the frontend engineer to wire up the screens before code freeze",
];

const MANAGEMENT: &[&str] = &[
    "1:1s with {n} direct reports",
    "Performance reviews for the {team} team",
    "Career growth plans and promo packets for reports",
    "Hiring manager for {n} open {hire} roles",
    "Team retros and health checks for {team}",
    "Coaching and mentoring senior engineers on {team}",
    "Calibration sessions with other managers",
    "Weekly 1:1s with my {n} direct reports, quarterly performance reviews and calibration with other managers, plus writing a promotion packet for one senior engineer on the {team} team",
];

const RELIABILITY: &[&str] = &[
    "Primary on-call for the {system}",
    "Terraform modules for {system} infra",
    "Tune alerts and dashboards for the {system}",
    "Kubernetes cluster upgrades for {team}",
    "Patch base images for this month's CVEs",
    "Backup restore drills for the {system}",
    "Autoscaling and capacity tuning for the {system}",
    "Respond to pages and write incident timelines for {system} outages",
    "Reduce noisy alerts for the {system}",
    "Manage TLS certificates and DNS for {team} services",
];

const QUALITY: &[&str] = &[
    "Regression test pass for the {team} release",
    "Write Playwright end-to-end tests for {feature}",
    "Test plan for {feature}",
    "Triage bug reports from the {feature} beta",
    "Maintain the device lab for mobile testing",
    "Exploratory testing of {feature} on iOS and Android",
    "Load tests for the {system} before peak season",
    "Automate smoke tests for the {system} in CI",
];

const DESIGN: &[&str] = &[
    "Figma mockups for {feature}",
    "Prototype {feature} flows for usability testing",
    "Update design system components (buttons, forms, tables)",
    "Visual polish pass on {team} screens",
    "Design critique with the design team",
    "Illustrations and empty states for {feature}",
    "Usability test sessions with {n} {segment} users on {feature}",
    "Accessibility review of {team} screens (contrast, focus order)",
    "Design the end-to-end {feature} experience in Figma, from the first empty state to error handling, run two rounds of usability testing with {segment} users and hand off redlines to the {team} engineers",
];

const DATA: &[&str] = &[
    "SQL dashboards in Looker for {team}",
    "dbt models for {metric} reporting",
    "Ad-hoc data pulls for {team}",
    "Clean up the event tracking schema for {feature}",
    "Weekly {metric} report for {team}",
    "Revenue forecast model for {segment}",
    "Data quality checks on the {system}",
    "Experiment analysis for the {feature} A/B test",
];

const MARKETING: &[&str] = &[
    "Blog post and launch email for {feature}",
    "Sales enablement deck for {feature}",
    "Competitive battlecards for {segment} deals",
    "Webinar for {segment} customers on {feature}",
    "Website copy for the {team} pages",
    "Case study with {customer}",
];

const SALES: &[&str] = &[
    "Sales calls with {segment} prospects",
    "Product demos for {customer}",
    "RFP and security questionnaire responses for {segment} deals",
    "Pipeline review in Salesforce",
    "Proof-of-concept setup for {customer}",
    "Negotiate renewal terms with {customer}",
];

const SUCCESS: &[&str] = &[
    "Work escalated support tickets from tier 1",
    "Renewal calls with {segment} accounts",
    "Onboard new {segment} customers",
    "Health scores and churn-risk follow-ups for {segment} accounts",
    "Collect feature requests from {customer}",
    "Business reviews with {customer}",
];

const COMMON: &[&str] = &[
    "Hiring interviews ({n} loops/week)",
    "Interview panel for {hire} candidates",
    "Expense reports and travel bookings",
    "Submit monthly expense report",
    "Onboarding buddy for a new {team} hire",
    "Plan the {team} team offsite",
    "Support rotation: answer Zendesk tickets for {team}",
    "Join sales calls for the {customer} renewal",
    "Security awareness training and compliance attestations",
    "Organize the {team} all-hands agenda",
    "Laptop and access requests for new joiners",
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn spec(people: usize, tasks_per_person: usize) -> TeamSpec {
        TeamSpec {
            people,
            tasks_per_person,
            seed: 7,
        }
    }

    #[test]
    fn same_seed_same_rows_other_seed_other_rows() {
        let a: Vec<Row> = rows(spec(50, 4)).collect();
        let b: Vec<Row> = rows(spec(50, 4)).collect();
        assert_eq!(a, b);
        let c: Vec<Row> = rows(TeamSpec {
            seed: 8,
            ..spec(50, 4)
        })
        .collect();
        assert_ne!(a, c);
    }

    #[test]
    fn rows_are_people_times_tasks() {
        for (people, tasks) in [(0, 5), (5, 0), (1, 1), (15, 5), (333, 3)] {
            let iter = rows(spec(people, tasks));
            assert_eq!(iter.len(), people * tasks);
            let all: Vec<Row> = iter.collect();
            assert_eq!(all.len(), people * tasks);
            let names: HashSet<&str> = all.iter().map(|r| r.name.as_str()).collect();
            assert_eq!(names.len(), if tasks == 0 { 0 } else { people });
        }
    }

    /// Names must be unique, and so must the slugs findings build their ids from.
    #[test]
    fn names_are_unique_and_mix_scripts() {
        for people in [1_000, 12_000] {
            let names = Names::new(&mut SplitMix64::new(people as u64));
            let all: Vec<String> = (0..people).map(|i| names.name(i)).collect();
            let unique: HashSet<&String> = all.iter().collect();
            assert_eq!(unique.len(), people);
            let slugs: HashSet<String> = all
                .iter()
                .map(|n| {
                    n.to_lowercase()
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .collect::<Vec<_>>()
                        .join("-")
                })
                .collect();
            assert_eq!(slugs.len(), people);
        }
        let names: Vec<String> = rows(spec(1_000, 1)).map(|r| r.name).collect();
        let has = |f: fn(char) -> bool| names.iter().any(|n| n.chars().any(f));
        assert!(has(|c| "øëłíéüçåö".contains(c)), "Latin with diacritics");
        assert!(has(|c| ('\u{0370}'..='\u{03FF}').contains(&c)), "Greek");
        assert!(has(|c| ('\u{0400}'..='\u{04FF}').contains(&c)), "Cyrillic");
        assert!(has(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)), "CJK");
        assert!(has(|c| ('\u{AC00}'..='\u{D7AF}').contains(&c)), "Hangul");
        assert!(names.iter().any(|n| n.is_ascii()), "plain English");
    }

    #[test]
    fn tasks_are_varied_filled_in_and_sometimes_long() {
        let all: Vec<Row> = rows(spec(1_000, 10)).collect();
        let distinct: HashSet<&str> = all.iter().map(|r| r.task.as_str()).collect();
        assert!(distinct.len() > 3_000, "{} distinct tasks", distinct.len());
        assert!(all.iter().all(|r| !r.task.contains(['{', '}'])));
        // One row, one task: nothing the layout would split a cell at.
        assert!(all
            .iter()
            .all(|r| crate::layout::split_tasks(&r.task) == [r.task.as_str()]));
        let long = all
            .iter()
            .filter(|r| r.task.split_whitespace().count() >= 20)
            .count();
        assert!(long > 100 && long < 2_000, "{long} long tasks");
        assert!(all.iter().all(|r| (1.0..=12.0).contains(&r.hours)));
        let teams: HashSet<&str> = all.iter().map(|r| r.team.as_str()).collect();
        assert_eq!(teams.len(), 40);
        let small: HashSet<String> = rows(spec(15, 5)).map(|r| r.team).collect();
        assert_eq!(small.len(), 8);
    }

    #[test]
    fn a_large_organisation_has_teams_of_about_twenty_five() {
        let teams: HashSet<String> = rows(spec(2_500, 1)).map(|r| r.team).collect();
        assert_eq!(teams.len(), 100);
        assert!(teams.contains("Payments") && teams.contains("Payments 2"));
        assert!(!teams.iter().any(|t| t.ends_with(" 4")));
    }

    #[test]
    fn csv_has_the_header_and_parses_back() {
        let mut bytes = Vec::new();
        write_csv(spec(20, 3), &mut bytes).unwrap();
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        assert_eq!(
            reader.headers().unwrap(),
            vec!["Name", "Job Title", "Team", "Task", "Hours / week"]
        );
        let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(records.len(), 60);
        for (record, row) in records.iter().zip(rows(spec(20, 3))) {
            assert_eq!(&record[0], row.name);
            assert_eq!(&record[3], row.task);
            assert_eq!(record[4].parse::<f64>().unwrap(), row.hours);
        }
    }

    /// The sheet reads through rolecall's own column detection, every row one assignment.
    #[test]
    fn csv_reads_through_the_layout() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("team.csv");
        let file = std::fs::File::create(&path).unwrap();
        write_csv(spec(30, 4), file).unwrap();
        let extraction = crate::read(&crate::settings::ReadOptions {
            input: crate::input::InputPath::File(path),
            sheets: crate::settings::SheetChoice::First,
            layout: crate::layout::LayoutOptions::default(),
            limits: crate::input::Limits::default(),
            isolation: crate::input::Isolation::InProcess,
            progress: crate::progress::Progress::Hidden,
        })
        .unwrap();
        assert_eq!(extraction.assignments.len(), 120);
        for (assignment, row) in extraction.assignments.iter().zip(rows(spec(30, 4))) {
            assert_eq!(*assignment.person, *row.name);
            assert_eq!(assignment.title.as_deref(), Some(row.title));
            assert_eq!(assignment.team.as_deref(), Some(row.team.as_str()));
            assert_eq!(assignment.task, row.task);
            assert_eq!(assignment.effort, Some(row.hours));
        }
    }
}
