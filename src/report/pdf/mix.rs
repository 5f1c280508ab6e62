//! Role mix per person: one stacked bar each, the share of their work in each role and
//! unmatched, with their title beside it, so a TPM doing product work stands out at a glance.

use super::canvas::{first_baseline, size, text_height, Align, Area, Colour, Flow, Look};
use super::fonts::Style;
use super::{one_line, Context, UNMATCHED};
use crate::audit::Person;
use crate::text::thousands;

const NAME_WIDTH: f32 = 150.0;
const FLAG_WIDTH: f32 = 54.0;
const ROW: f32 = 24.0;
const BAR: f32 = 10.0;

/// Up to this many people, everyone gets a bar; beyond, [`MOST_SHOWN`] do.
pub(super) const ALL_UP_TO: usize = 60;

/// How many bars a large team gets: about two pages.
pub(super) const MOST_SHOWN: usize = 50;

pub(super) fn role_mix(flow: &mut Flow<'_>, context: &Context<'_>) {
    flow.section("Role mix per person");
    let look = Look::new(size::BODY, Style::Regular, Colour::INK);
    flow.paragraph(
        "Each bar splits a person's work (by hours where the sheet gives them, otherwise by tasks) between the roles their tasks matched and work that matched none. Their job title is beside the bar; “drift” marks someone whose work lies mostly outside the role of their title.",
        look,
    );
    let people = &context.report.people;
    let shown = shown(context);
    if shown.len() < people.len() {
        let drifting = shown
            .iter()
            .filter(|p| context.drifting.contains(&*p.name))
            .count();
        flow.advance(3.0);
        flow.paragraph(
            &format!(
                "With {} people, this shows {}: {drifting} with a drift finding, then those whose work is most mixed between roles. The other {} are in the JSON report and the CSV people table (--format json or csv), each with their role mix.",
                thousands(people.len()),
                thousands(shown.len()),
                thousands(people.len() - shown.len())
            ),
            Look::new(size::BODY, Style::Bold, Colour::INK),
        );
    }
    flow.advance(4.0);
    legend(flow, context);
    if people.is_empty() {
        flow.paragraph("Nobody to show.", look);
    }
    for person in shown {
        if flow.remaining() < ROW {
            flow.new_page();
            legend(flow, context);
        }
        row(flow, context, person);
    }
}

/// Everyone on a small team. On a large one, the people a reader should look at: those
/// with a drift finding, then those whose largest share of work in one role is smallest
/// (the most mixed), at most [`MOST_SHOWN`], in the report's order of people.
fn shown<'r>(context: &Context<'r>) -> Vec<&'r Person> {
    let people = &context.report.people;
    if people.len() <= ALL_UP_TO {
        return people.iter().collect();
    }
    let focus = |p: &Person| {
        p.role_mix
            .iter()
            .filter(|(role, _)| &***role != "unmatched")
            .map(|(_, share)| *share)
            .fold(0.0_f64, f64::max)
    };
    let mut ranked: Vec<(usize, &Person)> = people.iter().enumerate().collect();
    ranked.sort_by(|(i, a), (j, b)| {
        let drift = |p: &Person| !context.drifting.contains(&*p.name);
        drift(a)
            .cmp(&drift(b))
            .then_with(|| focus(a).total_cmp(&focus(b)))
            .then_with(|| i.cmp(j))
    });
    ranked.truncate(MOST_SHOWN);
    ranked.sort_by_key(|(i, _)| *i);
    ranked.into_iter().map(|(_, p)| p).collect()
}

/// The roles in rubric order, then unmatched, with their colours.
fn segments<'r>(context: &Context<'r>) -> Vec<(&'r str, String, Colour)> {
    let mut out: Vec<(&str, String, Colour)> = context
        .report
        .rubrics
        .iter()
        .map(|r| (r.id.as_str(), r.name.clone(), context.role_colour(&r.id)))
        .collect();
    out.push(("unmatched", "matched no role".to_string(), UNMATCHED));
    out
}

fn legend(flow: &mut Flow<'_>, context: &Context<'_>) {
    let body = flow.body();
    let look = Look::new(size::SMALL, Style::Regular, Colour::INK);
    let height = text_height(1, look.size) + 6.0;
    flow.ensure(height + ROW);
    let top = flow.y;
    let mut x = body.left;
    for (_, name, colour) in segments(context) {
        let width = flow.fonts.width(look.style, look.size, &name);
        if x + 14.0 + width > body.right {
            break;
        }
        flow.fill(
            Area {
                left: x,
                top: top + 1.5,
                right: x + 10.0,
                bottom: top + 8.5,
            },
            colour,
        );
        let slot = Area {
            left: x + 13.0,
            top,
            right: (x + 13.0 + width).min(body.right),
            bottom: top + text_height(1, look.size),
        };
        flow.fitted(
            &name,
            Align::Left,
            top + first_baseline(look.size),
            look,
            slot,
        );
        x += 13.0 + width + 14.0;
    }
    flow.advance(height);
}

fn row(flow: &mut Flow<'_>, context: &Context<'_>, person: &Person) {
    let body = flow.body();
    let top = flow.y;
    let name_look = Look::new(size::TABLE, Style::Bold, Colour::INK);
    let title_look = Look::new(size::SMALL, Style::Regular, Colour::MUTED);
    let names = Area {
        left: body.left,
        top: top + 2.0,
        right: body.left + NAME_WIDTH - 6.0,
        bottom: top + 2.0 + text_height(1, name_look.size),
    };
    flow.fitted(
        &one_line(&person.name),
        Align::Left,
        names.top + first_baseline(name_look.size),
        name_look,
        names,
    );
    let title = person
        .title
        .as_deref()
        .map_or_else(|| "no title".to_string(), one_line);
    let titles = Area {
        top: names.bottom,
        bottom: names.bottom + text_height(1, title_look.size),
        ..names
    };
    flow.fitted(
        &title,
        Align::Left,
        titles.top + first_baseline(title_look.size),
        title_look,
        titles,
    );

    let bar_left = body.left + NAME_WIDTH;
    let bar_right = body.right - FLAG_WIDTH;
    let bar_top = top + (ROW - BAR) / 2.0;
    flow.fill(
        Area {
            left: bar_left,
            top: bar_top,
            right: bar_right,
            bottom: bar_top + BAR,
        },
        Colour::ZEBRA,
    );
    let mut x = bar_left;
    let width = bar_right - bar_left;
    for (id, _, colour) in segments(context) {
        let share = person.role_mix.get(id).copied().unwrap_or(0.0) as f32;
        if share <= 0.0 {
            continue;
        }
        let segment = Area {
            left: x,
            top: bar_top,
            right: (x + share * width).min(bar_right),
            bottom: bar_top + BAR,
        };
        flow.fill(segment, colour);
        let label = format!("{:.0}%", share * 100.0);
        let look = Look::new(
            6.5,
            Style::Bold,
            if colour.is_dark() {
                Colour::WHITE
            } else {
                Colour::INK
            },
        );
        if flow.fonts.width(look.style, look.size, &label) + 4.0 <= segment.width() {
            flow.fitted(
                &label,
                Align::Centre,
                bar_top + first_baseline(look.size) + 1.2,
                look,
                segment.inset(1.0, 0.0),
            );
        }
        x = segment.right;
    }
    if context.drifting.contains(&*person.name) {
        let flag = Area {
            left: bar_right + 6.0,
            top: bar_top - 1.0,
            right: body.right,
            bottom: bar_top - 1.0 + text_height(1, size::SMALL),
        };
        flow.fitted(
            "drift",
            Align::Left,
            flag.top + first_baseline(size::SMALL),
            Look::new(size::SMALL, Style::Bold, Colour::ALERT),
            flag,
        );
    }
    flow.hline(body.left, body.right, top + ROW, 0.25, Colour::RULE);
    flow.advance(ROW);
}
