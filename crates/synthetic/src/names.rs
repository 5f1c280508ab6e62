//! People's names. Findings name people and build their ids from the names, so every name
//! must be unique however large the team; and sheets come from international teams, so the
//! names mix scripts and name orders even in a small one.

use crate::rng::SplitMix64;

/// Unique names for any number of people.
///
/// Each culture's pool gives every given name with every family name; the people walk that
/// space in a seed-dependent order (a stride coprime with its size), so a small team still
/// mixes scripts. Past the end of the space the walk starts again with a middle initial
/// (Latin, Greek and Cyrillic names) or a number (Chinese, Korean and Japanese names), as
/// sheets tell two people of one name apart.
#[derive(Debug, Clone)]
pub(crate) struct Names {
    size: usize,
    stride: usize,
    offset: usize,
}

impl Names {
    pub(crate) fn new(rng: &mut SplitMix64) -> Self {
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

    pub(crate) fn name(&self, index: usize) -> String {
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
