//! Pages as plain data, and the flow that fills them.
//!
//! Sections place labels, fills and rules on a [`Flow`], which knows the page size, the
//! margins and where the next line goes, and starts a new page when the next block does not
//! fit. The result, a [`Composition`], is only data: it is turned into PDF operators in one
//! place (`emit`), and tests can check its geometry directly (every label inside its box,
//! every box inside the page).
//!
//! Coordinates are points measured from the top-left corner of the page, as a reader sees it;
//! `emit` flips them for PDF.

use super::fonts::{Fonts, Style};
use super::text;
use super::Paper;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Colour(pub f32, pub f32, pub f32);

impl Colour {
    pub const INK: Colour = Colour(0.13, 0.15, 0.18);
    pub const MUTED: Colour = Colour(0.38, 0.41, 0.46);
    pub const RULE: Colour = Colour(0.80, 0.82, 0.85);
    pub const HEADER_FILL: Colour = Colour(0.91, 0.93, 0.95);
    pub const ZEBRA: Colour = Colour(0.97, 0.975, 0.98);
    pub const WHITE: Colour = Colour(1.0, 1.0, 1.0);
    pub const ALERT: Colour = Colour(0.75, 0.16, 0.14);

    /// The colour `share` of the way from `self` to `other`.
    pub fn mix(self, other: Colour, share: f32) -> Colour {
        let t = share.clamp(0.0, 1.0);
        Colour(
            self.0 + (other.0 - self.0) * t,
            self.1 + (other.1 - self.1) * t,
            self.2 + (other.2 - self.2) * t,
        )
    }

    /// Perceived lightness, to choose dark or light text on a fill.
    pub fn is_dark(self) -> bool {
        0.299 * self.0 + 0.587 * self.1 + 0.114 * self.2 < 0.55
    }
}

/// A rectangle: left and right edges, top and bottom from the top of the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
}

impl Area {
    pub fn width(&self) -> f32 {
        self.right - self.left
    }

    pub fn height(&self) -> f32 {
        self.bottom - self.top
    }

    /// The area shrunk by `dx` on the left and right and `dy` at the top and bottom.
    pub fn inset(&self, dx: f32, dy: f32) -> Area {
        Area {
            left: self.left + dx,
            top: self.top + dy,
            right: self.right - dx,
            bottom: self.bottom - dy,
        }
    }

    /// Whether `other` lies wholly inside this area (with a hair of tolerance for rounding).
    pub fn contains(&self, other: &Area) -> bool {
        const EPS: f32 = 0.01;
        other.left >= self.left - EPS
            && other.right <= self.right + EPS
            && other.top >= self.top - EPS
            && other.bottom <= self.bottom + EPS
    }
}

/// One line of text, set in one style and size, drawn inside `bounds`.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    pub x: f32,
    pub baseline: f32,
    pub size: f32,
    pub style: Style,
    pub colour: Colour,
    /// Measured width of the text.
    pub width: f32,
    /// The box the text belongs to: a table cell, a tile, the page's text column.
    pub bounds: Area,
}

impl Label {
    /// The space the glyphs take: ascent above the baseline, descent below.
    pub fn extent(&self) -> Area {
        Area {
            left: self.x,
            top: self.baseline - ASCENT * self.size,
            right: self.x + self.width,
            bottom: self.baseline + DESCENT * self.size,
        }
    }
}

/// Ascent and descent of the fonts, in ems (DejaVu: 0.93 and 0.24; the CJK face is shorter).
const ASCENT: f32 = 0.93;
const DESCENT: f32 = 0.24;

/// Distance between baselines, in ems.
pub const LEADING: f32 = 1.3;

/// The height of `lines` lines of text at `size`.
pub fn text_height(lines: usize, size: f32) -> f32 {
    lines as f32 * size * LEADING
}

/// The room [`Flow::heading`] takes for a title at `size` below other content.
pub fn heading_height(size: f32) -> f32 {
    size * 0.6 + text_height(1, size) + 4.0
}

/// Where the first baseline goes below the top of a block of text at `size`: the ascent plus
/// half the leading's extra space.
pub fn first_baseline(size: f32) -> f32 {
    size * (ASCENT + (LEADING - ASCENT - DESCENT) / 2.0)
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(Label),
    Fill { area: Area, colour: Colour },
    Rule { area: Area, colour: Colour },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

/// A whole report, laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct Composition {
    pub width: f32,
    pub height: f32,
    /// Where body text may go: the page inside its margins, above the footer.
    pub body: Area,
    /// The page inside its margins, footer included.
    pub printable: Area,
    pub pages: Vec<Page>,
    /// Sections and subsections with their pages, for the contents and the PDF outline.
    pub outline: Vec<Entry>,
}

/// A section or subsection and the (1-based) page it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    pub page: usize,
    pub nested: bool,
}

const MARGIN_SIDE: f32 = 42.0;
const MARGIN_TOP: f32 = 44.0;
const MARGIN_BOTTOM: f32 = 36.0;
/// The height of the "(continued)" line that opens a page a table runs on to.
pub const CONTINUED_HEIGHT: f32 = size::SMALL * LEADING + 2.0;

/// Room kept under the body for the footer line.
const FOOTER: f32 = 22.0;

/// Sizes used across the report, so every section reads alike.
pub mod size {
    pub const TITLE: f32 = 20.0;
    pub const HEADING: f32 = 14.0;
    pub const SUBHEADING: f32 = 10.5;
    pub const BODY: f32 = 9.0;
    pub const TABLE: f32 = 8.0;
    pub const SMALL: f32 = 7.0;
}

/// Fills pages top to bottom.
pub struct Flow<'f> {
    pub fonts: &'f Fonts,
    width: f32,
    height: f32,
    body: Area,
    pages: Vec<Page>,
    /// The page being drawn on: the last, unless a section went back to an earlier one.
    current: usize,
    /// Top of the free space on the current page.
    pub y: f32,
    outline: Vec<Entry>,
}

impl<'f> Flow<'f> {
    pub fn new(fonts: &'f Fonts, paper: Paper) -> Flow<'f> {
        let (width, height) = match paper {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        };
        let body = Area {
            left: MARGIN_SIDE,
            top: MARGIN_TOP,
            right: width - MARGIN_SIDE,
            bottom: height - MARGIN_BOTTOM - FOOTER,
        };
        Flow {
            fonts,
            width,
            height,
            body,
            pages: vec![Page::default()],
            current: 0,
            y: body.top,
            outline: Vec::new(),
        }
    }

    pub fn body(&self) -> Area {
        self.body
    }

    /// Sections and their pages so far.
    pub fn outline(&self) -> &[Entry] {
        &self.outline
    }

    /// Space left on the current page.
    pub fn remaining(&self) -> f32 {
        self.body.bottom - self.y
    }

    /// 1-based number of the current page.
    pub fn page_number(&self) -> usize {
        self.current + 1
    }

    pub fn new_page(&mut self) {
        if !self.pages.last().is_some_and(|p| p.items.is_empty()) {
            self.pages.push(Page::default());
        }
        self.current = self.pages.len() - 1;
        self.y = self.body.top;
    }

    /// Draws on an earlier page (1-based) at `y`, then returns to where the flow was: for
    /// what can only be written once later pages exist, such as a table of contents.
    pub fn revisit(&mut self, page: usize, y: f32, draw: impl FnOnce(&mut Flow<'f>)) {
        let (current, saved_y) = (self.current, self.y);
        self.current = page.saturating_sub(1).min(self.pages.len() - 1);
        self.y = y;
        draw(self);
        self.current = current;
        self.y = saved_y;
    }

    /// Starts a new page unless `height` still fits on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.remaining() < height {
            self.new_page();
        }
    }

    pub fn advance(&mut self, height: f32) {
        self.y += height;
    }

    fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.get_mut(self.current) {
            page.items.push(item);
        }
    }

    pub fn fill(&mut self, area: Area, colour: Colour) {
        self.push(Item::Fill { area, colour });
    }

    /// A horizontal or vertical line of the given area (its thickness is the short side).
    pub fn rule(&mut self, area: Area, colour: Colour) {
        self.push(Item::Rule { area, colour });
    }

    /// A horizontal line from `left` to `right` whose bottom edge is at `bottom`.
    pub fn hline(&mut self, left: f32, right: f32, bottom: f32, thickness: f32, colour: Colour) {
        self.rule(
            Area {
                left,
                top: bottom - thickness,
                right,
                bottom,
            },
            colour,
        );
    }

    /// Starts a new page that opens with "`title` (continued)", for a table or grid that
    /// runs on.
    pub fn continued(&mut self, title: &str) {
        self.new_page();
        let look = Look::new(size::SMALL, Style::Regular, Colour::MUTED);
        let line = Area {
            top: self.y,
            bottom: self.y + text_height(1, look.size),
            ..self.body
        };
        let baseline = self.y + first_baseline(look.size);
        self.fitted(
            &format!("{title} (continued)"),
            Align::Left,
            baseline,
            look,
            line,
        );
        self.advance(CONTINUED_HEIGHT);
    }

    /// One line of text at `x` on `baseline`, which must fit `bounds`.
    #[allow(clippy::too_many_arguments)]
    pub fn label(
        &mut self,
        text: &str,
        x: f32,
        baseline: f32,
        size: f32,
        style: Style,
        colour: Colour,
        bounds: Area,
    ) {
        if text.is_empty() {
            return;
        }
        let width = self.fonts.width(style, size, text);
        self.push(Item::Text(Label {
            text: text.to_string(),
            x,
            baseline,
            size,
            style,
            colour,
            width,
            bounds,
        }));
    }

    /// A line cut to fit `bounds`, aligned left, centred or right.
    pub fn fitted(&mut self, text: &str, align: Align, baseline: f32, look: Look, bounds: Area) {
        let line = text::fit(self.fonts, look.style, look.size, text, bounds.width());
        let width = self.fonts.width(look.style, look.size, &line);
        let x = match align {
            Align::Left => bounds.left,
            Align::Centre => bounds.left + (bounds.width() - width) / 2.0,
            Align::Right => bounds.right - width,
        };
        self.label(
            &line,
            x,
            baseline,
            look.size,
            look.style,
            look.colour,
            bounds,
        );
    }

    /// Wrapped text across the body's width, breaking to new pages between lines.
    pub fn paragraph(&mut self, text: &str, look: Look) {
        let body = self.body;
        self.paragraph_in(text, look, body.left, body.right);
    }

    /// Wrapped text between `left` and `right`.
    pub fn paragraph_in(&mut self, text: &str, look: Look, left: f32, right: f32) {
        let lines = text::wrap(self.fonts, look.style, look.size, text, right - left);
        self.lines_in(&lines, look, left, right);
    }

    /// The height `text` takes as a paragraph across the body's width, so that what must
    /// stay with it (a heading above) can ask for the room before it is drawn.
    pub fn paragraph_height(&self, text: &str, look: Look) -> f32 {
        let lines = text::wrap(self.fonts, look.style, look.size, text, self.body.width());
        text_height(lines.len(), look.size)
    }

    /// Lines already broken to fit between `left` and `right`, breaking to new pages
    /// between lines.
    pub fn lines_in(&mut self, lines: &[String], look: Look, left: f32, right: f32) {
        let line_height = text_height(1, look.size);
        for line in lines {
            self.ensure(line_height);
            let bounds = Area {
                left,
                top: self.y,
                right,
                bottom: self.y + line_height,
            };
            let baseline = self.y + first_baseline(look.size);
            self.label(
                line,
                left,
                baseline,
                look.size,
                look.style,
                look.colour,
                bounds,
            );
            self.y += line_height;
        }
    }

    /// A section title on a fresh page, entered in the outline.
    pub fn section(&mut self, title: &str) {
        self.new_page();
        self.outline.push(Entry {
            title: title.to_string(),
            page: self.page_number(),
            nested: false,
        });
        self.heading(title, size::HEADING, 0.0);
    }

    /// A title kept on the same page as the `keep` points that follow it.
    pub fn heading(&mut self, title: &str, size: f32, keep: f32) {
        let height = text_height(1, size) + 4.0;
        if self.y > self.body.top {
            self.y += size * 0.6;
        }
        self.ensure(height + keep);
        let bounds = Area {
            left: self.body.left,
            top: self.y,
            right: self.body.right,
            bottom: self.y + text_height(1, size),
        };
        self.fitted(
            title,
            Align::Left,
            self.y + first_baseline(size),
            Look::new(size, Style::Bold, Colour::INK),
            bounds,
        );
        self.y += height;
    }

    /// A subsection title, entered in the outline, kept with what follows.
    pub fn subsection(&mut self, title: &str, keep: f32) {
        self.heading(title, size::SUBHEADING + 1.5, keep);
        self.outline.push(Entry {
            title: title.to_string(),
            page: self.page_number(),
            nested: true,
        });
    }

    /// The finished pages, each with a footer naming the report and "page n of N".
    pub fn finish(mut self, footer_left: &str) -> Composition {
        if self.pages.len() > 1 && self.pages.last().is_some_and(|p| p.items.is_empty()) {
            self.pages.pop();
        }
        let total = self.pages.len();
        let printable = Area {
            bottom: self.height - MARGIN_BOTTOM,
            ..self.body
        };
        let line = Area {
            top: printable.bottom - text_height(1, size::SMALL),
            ..printable
        };
        let baseline = line.top + first_baseline(size::SMALL);
        let look = Look::new(size::SMALL, Style::Regular, Colour::MUTED);
        for index in 1..=total {
            self.revisit(index, line.top, |flow| {
                let right = format!("page {index} of {total}");
                let right_width = flow.fonts.width(look.style, look.size, &right);
                flow.hline(line.left, line.right, line.top - 3.6, 0.4, Colour::RULE);
                flow.fitted(&right, Align::Right, baseline, look, line);
                let left = Area {
                    right: line.right - right_width - 12.0,
                    ..line
                };
                flow.fitted(footer_left, Align::Left, baseline, look, left);
            });
        }
        Composition {
            width: self.width,
            height: self.height,
            body: self.body,
            printable,
            pages: self.pages,
            outline: self.outline,
        }
    }
}

/// Size, weight and colour of a piece of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    pub size: f32,
    pub style: Style,
    pub colour: Colour,
}

impl Look {
    pub const fn new(size: f32, style: Style, colour: Colour) -> Look {
        Look {
            size,
            style,
            colour,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
    Right,
}
