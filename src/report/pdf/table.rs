//! Tables whose cells wrap their text, whose rows never split across pages, and whose header
//! row is repeated on every page the table reaches. A cell taller than its column allows, or
//! than a whole page, is shortened (after a sentence or clause, else between words) rather
//! than allowed to run off it.

use std::borrow::Cow;

use super::canvas::{
    first_baseline, size, text_height, Align, Area, Colour, Flow, Look, CONTINUED_HEIGHT,
};
use super::fonts::Style;
use super::text;

const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.0;

pub struct Column {
    /// Written in the code for most tables; the roll-up's name the rubric's roles.
    pub header: Cow<'static, str>,
    /// Share of the table's width, relative to the other columns.
    pub weight: f32,
    pub align: Align,
    /// The most lines a cell of this column shows; a longer one is shortened to fit.
    pub max_lines: usize,
}

impl Column {
    pub const fn left(header: &'static str, weight: f32) -> Column {
        Column::named(Cow::Borrowed(header), weight)
    }

    /// A left-aligned column whose header is made at run time.
    pub const fn named(header: Cow<'static, str>, weight: f32) -> Column {
        Column {
            header,
            weight,
            align: Align::Left,
            max_lines: usize::MAX,
        }
    }

    pub const fn right(header: &'static str, weight: f32) -> Column {
        Column {
            header: Cow::Borrowed(header),
            weight,
            align: Align::Right,
            max_lines: usize::MAX,
        }
    }

    /// The column with its cells cut to `lines` lines: for text that can run to a page
    /// (a finding naming sixty people) in a table meant to be scanned.
    pub fn clamped(self, lines: usize) -> Column {
        Column {
            max_lines: lines,
            ..self
        }
    }
}

/// A paragraph of a cell.
pub struct Para {
    pub text: String,
    pub look: Look,
}

/// A cell: paragraphs, each starting on a new line.
#[derive(Default)]
pub struct Cell(pub Vec<Para>);

impl Cell {
    pub fn text(text: impl Into<String>, look: Look) -> Cell {
        Cell(vec![Para {
            text: text.into(),
            look,
        }])
    }

    pub fn plain(text: impl Into<String>) -> Cell {
        Cell::text(text, body_look())
    }

    pub fn push(&mut self, text: impl Into<String>, look: Look) {
        self.0.push(Para {
            text: text.into(),
            look,
        });
    }
}

pub fn body_look() -> Look {
    Look::new(size::TABLE, Style::Regular, Colour::INK)
}

pub fn muted_look() -> Look {
    Look::new(size::SMALL, Style::Regular, Colour::MUTED)
}

/// A cell's lines once wrapped to its column.
struct Laid {
    lines: Vec<(String, Look)>,
}

impl Laid {
    fn height(&self) -> f32 {
        self.lines
            .iter()
            .map(|(_, look)| text_height(1, look.size))
            .sum()
    }
}

/// The cell wrapped to `width` in at most `max_lines` lines and `max_height` points (and at
/// least one line). The paragraph that does not fit is shortened to the room left, and those
/// after it are dropped; when a paragraph ends exactly where the room does and others
/// follow, it is shortened to say that something was left out.
fn lay(flow: &Flow<'_>, cell: &Cell, width: f32, max_lines: usize, max_height: f32) -> Laid {
    let (fonts, wrap) = (flow.fonts, text::wrap);
    let clamp = |para: &Para, lines: usize, more_follows: bool| {
        let look = para.look;
        text::clamp(
            fonts,
            look.style,
            look.size,
            &para.text,
            lines,
            width,
            more_follows,
        )
    };
    // (paragraph, its lines) kept so far.
    let mut kept: Vec<(&Para, Vec<String>)> = Vec::new();
    let (mut lines_left, mut height_left) = (max_lines, max_height);
    for (index, para) in cell.0.iter().enumerate() {
        let look = para.look;
        let wrapped = wrap(fonts, look.style, look.size, &para.text, width);
        let line_height = text_height(1, look.size);
        let room = lines_left.min((height_left / line_height).floor().max(0.0) as usize);
        if wrapped.len() <= room {
            lines_left -= wrapped.len();
            height_left -= line_height * wrapped.len() as f32;
            kept.push((para, wrapped));
            continue;
        }
        match kept.last_mut() {
            Some((last, lines)) if room == 0 => *lines = clamp(last, lines.len(), true),
            _ => kept.push((para, clamp(para, room, index + 1 < cell.0.len()))),
        }
        break;
    }
    Laid {
        lines: kept
            .into_iter()
            .flat_map(|(para, lines)| lines.into_iter().map(move |line| (line, para.look)))
            .collect(),
    }
}

fn header_look() -> Look {
    Look::new(size::TABLE, Style::Bold, Colour::INK)
}

/// The columns' edges across `width` from `left`, by weight, except that no column is
/// narrower than the longest word of its header: a header breaks between words, never
/// inside one ("Scor/e"). The width a narrow column needs is taken from the others in
/// proportion to their width.
fn edges(flow: &Flow<'_>, columns: &[Column], left: f32, width: f32) -> Vec<f32> {
    let look = header_look();
    let needed: Vec<f32> = columns
        .iter()
        .map(|c| {
            c.header
                .split_whitespace()
                .map(|word| flow.fonts.width(look.style, look.size, word))
                .fold(0.0, f32::max)
                + 2.0 * PAD_X
                + 0.5
        })
        .collect();
    let total: f32 = columns.iter().map(|c| c.weight).sum();
    let mut widths: Vec<f32> = columns.iter().map(|c| width * c.weight / total).collect();
    let short: f32 = widths
        .iter()
        .zip(&needed)
        .map(|(w, n)| (n - w).max(0.0))
        .sum();
    if short > 0.0 {
        let spare: f32 = widths
            .iter()
            .zip(&needed)
            .filter(|(w, n)| w > n)
            .map(|(w, _)| w)
            .sum();
        for (w, n) in widths.iter_mut().zip(&needed) {
            *w = if *w < *n { *n } else { *w - short * *w / spare };
        }
    }
    let mut out = vec![left];
    for w in widths {
        let last = out[out.len() - 1];
        out.push(last + w);
    }
    out
}

/// A table laid out and ready to draw: its header and rows wrapped to their columns.
pub struct Table<'c> {
    title: String,
    columns: &'c [Column],
    edges: Vec<f32>,
    header: Vec<Laid>,
    rows: Vec<Vec<Laid>>,
}

fn row_height(cells: &[Laid]) -> f32 {
    cells.iter().map(Laid::height).fold(0.0, f32::max) + 2.0 * PAD_Y
}

impl<'c> Table<'c> {
    /// Lays the table out for the flow's body. `title` names it on the pages it continues
    /// onto.
    pub fn new(
        flow: &Flow<'_>,
        title: &str,
        columns: &'c [Column],
        rows: Vec<Vec<Cell>>,
    ) -> Table<'c> {
        let body = flow.body();
        let edges = edges(flow, columns, body.left, body.width());
        let inner = |e: &[f32]| e[1] - e[0] - 2.0 * PAD_X;
        let header: Vec<Laid> = columns
            .iter()
            .zip(edges.windows(2))
            .map(|(c, e)| {
                lay(
                    flow,
                    &Cell::text(c.header.as_ref(), header_look()),
                    inner(e),
                    usize::MAX,
                    f32::INFINITY,
                )
            })
            .collect();
        // The tallest row a page can hold below a repeated header.
        let max_row = body.height() - row_height(&header) - CONTINUED_HEIGHT - 1.0;
        let rows = rows
            .iter()
            .map(|row| {
                row.iter()
                    .zip(edges.windows(2))
                    .zip(columns)
                    .map(|((cell, e), column)| {
                        lay(
                            flow,
                            cell,
                            inner(e),
                            column.max_lines,
                            max_row - 2.0 * PAD_Y,
                        )
                    })
                    .collect()
            })
            .collect();
        Table {
            title: title.to_string(),
            columns,
            edges,
            header,
            rows,
        }
    }

    /// The height of the header and the first row: what a heading above the table must
    /// keep on its page so that it never ends a page alone.
    pub fn lead(&self) -> f32 {
        row_height(&self.header) + self.rows.first().map_or(0.0, |r| row_height(r))
    }

    /// Draws the table at the flow's position, repeating the header on every page it
    /// reaches.
    pub fn draw(self, flow: &mut Flow<'_>) {
        flow.ensure(self.lead());
        self.draw_row(flow, &self.header, Some(Colour::HEADER_FILL));
        for (index, cells) in self.rows.iter().enumerate() {
            if flow.remaining() < row_height(cells) {
                flow.continued(&self.title);
                self.draw_row(flow, &self.header, Some(Colour::HEADER_FILL));
            }
            let fill = (index % 2 == 1).then_some(Colour::ZEBRA);
            self.draw_row(flow, cells, fill);
        }
        flow.advance(6.0);
    }

    fn draw_row(&self, flow: &mut Flow<'_>, cells: &[Laid], fill: Option<Colour>) {
        let body = flow.body();
        let height = row_height(cells);
        let top = flow.y;
        if let Some(colour) = fill {
            flow.fill(
                Area {
                    left: body.left,
                    top,
                    right: body.right,
                    bottom: top + height,
                },
                colour,
            );
        }
        for ((cell, column), edge) in cells.iter().zip(self.columns).zip(self.edges.windows(2)) {
            let inner = Area {
                left: edge[0],
                top,
                right: edge[1],
                bottom: top + height,
            }
            .inset(PAD_X, PAD_Y);
            let mut y = inner.top;
            for (line, look) in &cell.lines {
                let line_height = text_height(1, look.size);
                let bounds = Area {
                    top: y,
                    bottom: y + line_height,
                    ..inner
                };
                flow.fitted(
                    line,
                    column.align,
                    y + first_baseline(look.size),
                    *look,
                    bounds,
                );
                y += line_height;
            }
        }
        flow.hline(body.left, body.right, top + height, 0.3, Colour::RULE);
        flow.advance(height);
    }
}

/// Draws a table at the flow's position. `title` names it on the pages it continues onto.
pub fn table(flow: &mut Flow<'_>, title: &str, columns: &[Column], rows: Vec<Vec<Cell>>) {
    Table::new(flow, title, columns, rows).draw(flow);
}
