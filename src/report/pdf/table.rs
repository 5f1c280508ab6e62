//! Tables whose cells wrap their text, whose rows never split across pages, and whose header
//! row is repeated on every page the table reaches. A cell taller than a whole page is cut
//! with an ellipsis rather than allowed to run off it.

use super::canvas::{
    first_baseline, size, text_height, Align, Area, Colour, Flow, Look, CONTINUED_HEIGHT,
};
use super::fonts::Style;
use super::text;

const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.0;

pub struct Column {
    pub header: &'static str,
    /// Share of the table's width, relative to the other columns.
    pub weight: f32,
    pub align: Align,
}

impl Column {
    pub const fn left(header: &'static str, weight: f32) -> Column {
        Column {
            header,
            weight,
            align: Align::Left,
        }
    }

    pub const fn right(header: &'static str, weight: f32) -> Column {
        Column {
            header,
            weight,
            align: Align::Right,
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

    /// Drops lines from the end until the cell fits `height`, marking the cut.
    fn clamp(&mut self, flow: &Flow<'_>, height: f32, width: f32) {
        if self.height() <= height {
            return;
        }
        let mut kept = 0.0;
        let mut count = 0;
        for (_, look) in &self.lines {
            let h = text_height(1, look.size);
            if kept + h > height {
                break;
            }
            kept += h;
            count += 1;
        }
        let count = count.max(1);
        let look = self.lines[count - 1].1;
        let texts: Vec<String> = self.lines.iter().map(|(t, _)| t.clone()).collect();
        let cut = text::clamp(flow.fonts, look.style, look.size, texts, count, width);
        self.lines.truncate(count);
        if let (Some(last), Some(text)) = (self.lines.last_mut(), cut.last()) {
            last.0 = text.clone();
        }
    }
}

fn lay(flow: &Flow<'_>, cell: &Cell, width: f32) -> Laid {
    let mut lines = Vec::new();
    for para in &cell.0 {
        for line in text::wrap(
            flow.fonts,
            para.look.style,
            para.look.size,
            &para.text,
            width,
        ) {
            lines.push((line, para.look));
        }
    }
    Laid { lines }
}

/// Draws a table at the flow's position. `title` names it on the pages it continues onto.
pub fn table(flow: &mut Flow<'_>, title: &str, columns: &[Column], rows: Vec<Vec<Cell>>) {
    let body = flow.body();
    let total: f32 = columns.iter().map(|c| c.weight).sum();
    let mut edges = vec![body.left];
    for column in columns {
        let last = edges[edges.len() - 1];
        edges.push(last + body.width() * column.weight / total);
    }
    let header_look = Look::new(size::TABLE, Style::Bold, Colour::INK);
    let header: Vec<Laid> = columns
        .iter()
        .zip(edges.windows(2))
        .map(|(c, e)| {
            lay(
                flow,
                &Cell::text(c.header, header_look),
                e[1] - e[0] - 2.0 * PAD_X,
            )
        })
        .collect();
    let header_height = header.iter().map(Laid::height).fold(0.0, f32::max) + 2.0 * PAD_Y;
    // The tallest row a page can hold below a repeated header.
    let max_row = body.height() - header_height - CONTINUED_HEIGHT - 1.0;

    let draw_row = |flow: &mut Flow<'_>, cells: &[Laid], fill: Option<Colour>| {
        let height = cells.iter().map(Laid::height).fold(0.0, f32::max) + 2.0 * PAD_Y;
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
        for ((cell, column), edge) in cells.iter().zip(columns).zip(edges.windows(2)) {
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
    };

    let mut laid_rows: Vec<Vec<Laid>> = Vec::with_capacity(rows.len());
    for row in &rows {
        let mut cells: Vec<Laid> = row
            .iter()
            .zip(edges.windows(2))
            .map(|(cell, e)| lay(flow, cell, e[1] - e[0] - 2.0 * PAD_X))
            .collect();
        for (cell, e) in cells.iter_mut().zip(edges.windows(2)) {
            cell.clamp(flow, max_row - 2.0 * PAD_Y, e[1] - e[0] - 2.0 * PAD_X);
        }
        laid_rows.push(cells);
    }
    let row_height =
        |cells: &[Laid]| cells.iter().map(Laid::height).fold(0.0, f32::max) + 2.0 * PAD_Y;

    let first = laid_rows.first().map_or(0.0, |r| row_height(r));
    flow.ensure(header_height + first);
    draw_row(flow, &header, Some(Colour::HEADER_FILL));
    for (index, cells) in laid_rows.iter().enumerate() {
        if flow.remaining() < row_height(cells) {
            flow.continued(title);
            draw_row(flow, &header, Some(Colour::HEADER_FILL));
        }
        let fill = (index % 2 == 1).then_some(Colour::ZEBRA);
        draw_row(flow, cells, fill);
    }
    flow.advance(6.0);
}
