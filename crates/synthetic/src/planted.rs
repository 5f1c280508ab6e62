//! Organisations with a truth planted in them, to measure rolecall's findings against: the
//! default sheets ([`crate::rows`]) are realistic in shape, but nobody knows what a correct
//! audit of them says. A planted organisation is built the same way (names, titles, teams,
//! hours and two-hat people come from the same streams) and then, from the seed:
//!
//! - per role, a few responsibilities are made rare: one is unowned (no line of it is ever
//!   written), one or two are single (one chosen person does it), one or two are split (two
//!   or three chosen people, not all of one title); at least one core and one non-core
//!   responsibility of each role is among them. Everyone else's role work is drawn from the
//!   role's other, shared responsibilities;
//! - about one titled person in ten (at least one) does no core work of any role: everyday
//!   work, and the non-core work of their own role or of others;
//! - every line gets the noise of real sheets ([`crate::noise`]).
//!
//! Every line is written from a template labelled with its responsibility
//! ([`crate::role_tasks`]), so the organisation records what it is ([`Truth`]). The whole
//! organisation is built in memory: the truth needs every row before it can say what a
//! correct audit finds.

use crate::noise::noisy;
use crate::responsibilities::RESPONSIBILITIES;
use crate::rng::SplitMix64;
use crate::role_tasks::by_responsibility;
use crate::tasks::{expand, other_templates};
use crate::titles::Work;
use crate::truth::{PersonKind, PersonTruth, Planting, TaskTruth, Truth};
use crate::{rows, Person, Row, TeamSpec};

/// A planted organisation: its rows, in the order a sheet lists them, and its truth.
#[derive(Debug, Clone)]
pub struct Planted {
    pub rows: Vec<Row>,
    pub truth: Truth,
}

/// Mixed into the seed for the organisation's own choices, so they are a stream apart from
/// every person's.
const PLANTING: u64 = 0x706C_616E_7465_6421;

/// The organisation `spec` describes, with a truth planted in it. The same spec always gives
/// the same organisation; the default sheet of the same spec is a different one.
pub fn planted(spec: TeamSpec) -> Planted {
    let base = rows(spec);
    let mut people: Vec<Person> = (0..spec.people).map(|i| base.person(i)).collect();
    let plan = Plan::new(&people, spec.tasks_per_person, spec.seed ^ PLANTING);
    let templates = by_responsibility();
    let mut rows = Vec::with_capacity(base.len());
    let mut tasks = Vec::with_capacity(base.len());
    for (index, person) in people.iter_mut().enumerate() {
        for slot in 0..spec.tasks_per_person {
            let (work, about) = plan.work(index, slot, person);
            let template = match about {
                Some(r) => *person.rng.pick(&templates[r]),
                None => *person.rng.pick(other_templates(work)),
            };
            let team = &base.teams[person.team];
            let task = expand(template, &base.teams, person.team, &mut person.rng);
            // The line's noise is drawn before its hours, as the row's fields are written.
            let task = noisy(&task, team, &mut person.rng);
            let hours = person.hours();
            rows.push(Row {
                name: person.name.clone(),
                title: person.title.name,
                team: team.clone(),
                task,
                hours,
            });
            tasks.push(TaskTruth {
                person: index,
                hours,
                responsibility: about.map(|r| RESPONSIBILITIES[r].id),
                role: about.and_then(|r| RESPONSIBILITIES[r].work.role_id()),
                work: work.name(),
            });
        }
    }
    let truth_people = people
        .iter()
        .zip(&plan.kinds)
        .map(|(person, &kind)| PersonTruth {
            name: person.name.clone(),
            title: person.title.name,
            team: base.teams[person.team].clone(),
            role: person.title.role.and_then(Work::role_id),
            kind,
        })
        .collect();
    let planned = plan
        .planting
        .iter()
        .zip(&plan.chosen)
        .map(|(&planting, chosen)| {
            let names = chosen.iter().map(|&p| people[p].name.clone()).collect();
            (planting, names)
        })
        .collect();
    Planted {
        rows,
        truth: Truth::new(spec.seed, planned, truth_people, tasks),
    }
}

/// The organisation's choices, made before any row is written.
struct Plan {
    tasks_per_person: usize,
    /// Per responsibility, in [`RESPONSIBILITIES`]' order.
    planting: Vec<Planting>,
    /// Per responsibility, the people chosen to carry it when single or split.
    chosen: Vec<Vec<usize>>,
    /// Per person.
    kinds: Vec<PersonKind>,
    /// Per person, the rare responsibilities they carry, written in their last task slots.
    rare: Vec<Vec<usize>>,
}

impl Plan {
    fn new(people: &[Person], tasks_per_person: usize, seed: u64) -> Self {
        let mut rng = SplitMix64::new(seed);
        let mut plan = Plan {
            tasks_per_person,
            planting: vec![Planting::Shared; RESPONSIBILITIES.len()],
            chosen: vec![Vec::new(); RESPONSIBILITIES.len()],
            kinds: people
                .iter()
                .map(|p| {
                    if p.two_hats {
                        PersonKind::TwoHats
                    } else {
                        PersonKind::Regular
                    }
                })
                .collect(),
            rare: vec![Vec::new(); people.len()],
        };
        for role in Work::ROLES {
            plan.make_rare(role, &mut rng);
        }
        plan.plant_title_only(people, &mut rng);
        for r in 0..RESPONSIBILITIES.len() {
            let wanted = match plan.planting[r] {
                Planting::Single => 1,
                Planting::Split => 2 + rng.below(2),
                Planting::Shared | Planting::Unowned => continue,
            };
            plan.choose_carriers(people, r, wanted, &mut rng);
        }
        plan
    }

    /// One unowned, one or two single and one or two split responsibilities of `role`, at
    /// least one core and one not among them.
    fn make_rare(&mut self, role: Work, rng: &mut SplitMix64) {
        let own: Vec<usize> = (0..RESPONSIBILITIES.len())
            .filter(|&r| RESPONSIBILITIES[r].work == role)
            .collect();
        let (core, other): (Vec<usize>, Vec<usize>) =
            own.iter().partition(|&&r| RESPONSIBILITIES[r].core);
        let singles = 1 + rng.below(2);
        let splits = 1 + rng.below(2);
        let mut rare = vec![*rng.pick(&core), *rng.pick(&other)];
        let mut rest: Vec<usize> = own.into_iter().filter(|r| !rare.contains(r)).collect();
        shuffle(&mut rest, rng);
        rare.extend(rest.into_iter().take(1 + singles + splits - rare.len()));
        shuffle(&mut rare, rng);
        for (k, &r) in rare.iter().enumerate() {
            self.planting[r] = match k {
                0 => Planting::Unowned,
                k if k <= singles => Planting::Single,
                _ => Planting::Split,
            };
        }
    }

    /// About one titled person in ten who wears no second hat, and at least one.
    fn plant_title_only(&mut self, people: &[Person], rng: &mut SplitMix64) {
        let candidates: Vec<usize> = (0..people.len())
            .filter(|&p| people[p].title.role.is_some() && !people[p].two_hats)
            .collect();
        let mut any = false;
        for &p in &candidates {
            if rng.chance(0.1) {
                self.kinds[p] = PersonKind::TitleOnly;
                any = true;
            }
        }
        if !any && !candidates.is_empty() {
            self.kinds[*rng.pick(&candidates)] = PersonKind::TitleOnly;
        }
    }

    /// `wanted` people to carry rare responsibility `r`: first someone of its role's title
    /// when there is one, then people of titles not chosen yet, of some role's title when
    /// there are any (split work is mostly split between roles). Title-only people and
    /// people whose every slot is taken are passed over.
    fn choose_carriers(
        &mut self,
        people: &[Person],
        r: usize,
        wanted: usize,
        rng: &mut SplitMix64,
    ) {
        let role = RESPONSIBILITIES[r].work;
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < wanted {
            let open = |p: &usize| {
                self.kinds[*p] != PersonKind::TitleOnly
                    && self.rare[*p].len() < self.tasks_per_person
                    && chosen
                        .iter()
                        .all(|&c| people[c].title.name != people[*p].title.name)
            };
            let first = chosen.is_empty();
            let preferred: Vec<usize> = (0..people.len())
                .filter(open)
                .filter(|&p| match people[p].title.role {
                    Some(of) => !first || of == role,
                    None => false,
                })
                .collect();
            let candidates = if preferred.is_empty() {
                (0..people.len()).filter(open).collect()
            } else {
                preferred
            };
            if candidates.is_empty() {
                break;
            }
            let p = *rng.pick(&candidates);
            chosen.push(p);
            self.rare[p].push(r);
        }
        self.chosen[r] = chosen;
    }

    /// The work of one task slot of person `index`, and its responsibility when it is role
    /// work.
    fn work(&self, index: usize, slot: usize, person: &mut Person) -> (Work, Option<usize>) {
        let from_end = self.tasks_per_person - 1 - slot;
        if let Some(&r) = self.rare[index].get(from_end) {
            return (RESPONSIBILITIES[r].work, Some(r));
        }
        let title_only = self.kinds[index] == PersonKind::TitleOnly;
        let work = match (title_only, person.title.role) {
            (true, Some(own)) => {
                let roll = person.rng.below(100);
                if roll < 40 {
                    Work::Common
                } else if roll < 75 {
                    own
                } else {
                    let others: Vec<Work> = Work::ROLES.into_iter().filter(|&w| w != own).collect();
                    *person.rng.pick(&others)
                }
            }
            _ => person.choose_work(),
        };
        if !work.is_role() {
            return (work, None);
        }
        // Title-only people do no core work of any role.
        let shared: Vec<usize> = (0..RESPONSIBILITIES.len())
            .filter(|&r| {
                let resp = RESPONSIBILITIES[r];
                resp.work == work
                    && self.planting[r] == Planting::Shared
                    && !(title_only && resp.core)
            })
            .collect();
        if shared.is_empty() {
            return (Work::Common, None);
        }
        (work, Some(*person.rng.pick(&shared)))
    }
}

/// Fisher and Yates' shuffle on the generator's own stream.
fn shuffle<T>(items: &mut [T], rng: &mut SplitMix64) {
    for i in (1..items.len()).rev() {
        items.swap(i, rng.below(i + 1));
    }
}
