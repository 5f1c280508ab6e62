//! Which face draws each character, and how wide a text is.
//!
//! printpdf maps each character to one glyph of one font and does no fallback, so the report
//! keeps a small font stack itself: DejaVu Sans (regular and bold) for Latin, Greek and
//! Cyrillic names, and WenQuanYi Micro Hei for Han, kana and Hangul. Every width used for
//! wrapping comes from the same advances the PDF viewer will use, so measured text is drawn
//! text. The CJK face is 5 MB, so it is parsed only when a report needs one of its glyphs.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;

use printpdf::ParsedFont;

use crate::report::ReportError;
use crate::text::might_be_cjk;

const CJK_FONT: &[u8] = include_bytes!("fonts/wqy-microhei.ttc");

/// The weight a piece of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Regular,
    Bold,
}

/// One embedded font file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Face {
    Regular,
    Bold,
    Cjk,
}

impl Face {
    pub(super) const ALL: [Face; 3] = [Face::Regular, Face::Bold, Face::Cjk];

    fn index(self) -> usize {
        self as usize
    }

    /// The font's name in the PDF; fixed, so the same report gives the same bytes.
    pub(super) fn id(self) -> &'static str {
        match self {
            Face::Regular => "RolecallSans",
            Face::Bold => "RolecallSansBold",
            Face::Cjk => "RolecallCjk",
        }
    }
}

/// A face's advance widths, in ems.
struct Metrics {
    font: ParsedFont,
    units_per_em: f32,
}

impl Metrics {
    fn parse(bytes: &[u8], face: Face) -> Result<Metrics, ReportError> {
        let mut warnings = Vec::new();
        let font =
            ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or_else(|| ReportError::Render {
                format: "pdf",
                message: format!("the embedded font {} could not be read", face.id()),
            })?;
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        Ok(Metrics { font, units_per_em })
    }

    /// The advance of `c` in ems, if this face has a glyph for it.
    fn advance(&self, c: char) -> Option<f32> {
        let glyph = self
            .font
            .lookup_glyph_index(u32::from(c))
            .filter(|&g| g != 0)?;
        Some(f32::from(self.font.get_horizontal_advance(glyph)) / self.units_per_em)
    }

    fn notdef_advance(&self) -> f32 {
        f32::from(self.font.get_horizontal_advance(0)) / self.units_per_em
    }
}

/// The font stack of one report, with a cache of every character measured so far.
pub struct Fonts {
    regular: Metrics,
    bold: Metrics,
    cjk: OnceCell<Option<Metrics>>,
    /// Face and advance (ems) of each character per style; ASCII is looked up once per style.
    ascii: [[(Face, f32); 128]; 2],
    other: RefCell<HashMap<(Style, char), (Face, f32)>>,
    used: [Cell<bool>; 3],
}

impl Fonts {
    pub fn new() -> Result<Fonts, ReportError> {
        let mut fonts = Fonts {
            regular: Metrics::parse(dejavu::sans::regular(), Face::Regular)?,
            bold: Metrics::parse(dejavu::sans::bold(), Face::Bold)?,
            cjk: OnceCell::new(),
            ascii: [[(Face::Regular, 0.0); 128]; 2],
            other: RefCell::new(HashMap::new()),
            used: Default::default(),
        };
        for style in [Style::Regular, Style::Bold] {
            let table: [(Face, f32); 128] =
                std::array::from_fn(|i| fonts.resolve(style, char::from(i as u8)));
            fonts.ascii[style as usize] = table;
        }
        Ok(fonts)
    }

    fn metrics(&self, face: Face) -> Option<&Metrics> {
        match face {
            Face::Regular => Some(&self.regular),
            Face::Bold => Some(&self.bold),
            Face::Cjk => self.cjk_metrics(),
        }
    }

    fn cjk_metrics(&self) -> Option<&Metrics> {
        self.cjk
            .get_or_init(|| Metrics::parse(CJK_FONT, Face::Cjk).ok())
            .as_ref()
    }

    /// The first face of the style's stack that has the character; the primary face (which
    /// draws its "missing glyph" box) when none has it.
    fn resolve(&self, style: Style, c: char) -> (Face, f32) {
        let stack: &[Face] = match style {
            Style::Regular => &[Face::Regular, Face::Cjk],
            Style::Bold => &[Face::Bold, Face::Regular, Face::Cjk],
        };
        for &face in stack {
            // Skip the 5 MB CJK face for characters DejaVu would not have anyway.
            if face == Face::Cjk && !might_be_cjk(c) {
                continue;
            }
            if let Some(advance) = self.metrics(face).and_then(|m| m.advance(c)) {
                return (face, advance);
            }
        }
        let primary = stack[0];
        let advance = self.metrics(primary).map_or(0.5, Metrics::notdef_advance);
        (primary, advance)
    }

    fn glyph(&self, style: Style, c: char) -> (Face, f32) {
        if c.is_ascii() {
            return self.ascii[style as usize][c as usize];
        }
        *self
            .other
            .borrow_mut()
            .entry((style, c))
            .or_insert_with(|| self.resolve(style, c))
    }

    /// Width in points of `text` set at `size` points.
    pub fn width(&self, style: Style, size: f32, text: &str) -> f32 {
        text.chars().map(|c| self.glyph(style, c).1).sum::<f32>() * size
    }

    /// Splits `text` into pieces each drawn by one face, with each piece's width in ems, and
    /// notes the faces as used so the document embeds them.
    pub(super) fn runs<'t>(&self, style: Style, text: &'t str) -> Vec<(Face, &'t str, f32)> {
        let mut runs: Vec<(Face, &'t str, f32)> = Vec::new();
        let mut start = 0;
        let mut current: Option<(Face, f32)> = None;
        for (at, c) in text.char_indices() {
            let (face, advance) = self.glyph(style, c);
            match &mut current {
                Some((f, width)) if *f == face => *width += advance,
                Some((f, width)) => {
                    runs.push((*f, &text[start..at], *width));
                    start = at;
                    current = Some((face, advance));
                }
                None => current = Some((face, advance)),
            }
        }
        if let Some((face, width)) = current {
            runs.push((face, &text[start..], width));
        }
        for (face, _, _) in &runs {
            self.used[face.index()].set(true);
        }
        runs
    }

    /// The faces drawn so far, with their parsed fonts, for embedding.
    pub(super) fn used(&self) -> Vec<(Face, &ParsedFont)> {
        Face::ALL
            .into_iter()
            .filter(|face| self.used[face.index()].get())
            .filter_map(|face| self.metrics(face).map(|m| (face, &m.font)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_every_script_find_a_face() {
        let fonts = Fonts::new().unwrap();
        for name in [
            "Søren Dubois",
            "Łukasz Żółkiewski",
            "Дмитрий",
            "Ἀλέξανδρος",
            "王芳",
            "김민준",
        ] {
            let runs = fonts.runs(Style::Regular, name);
            for (face, piece, _) in runs {
                for c in piece.chars().filter(|c| !c.is_whitespace()) {
                    let metrics = fonts.metrics(face).unwrap();
                    assert!(
                        metrics.advance(c).is_some(),
                        "{c} in {name} has no glyph in {face:?}"
                    );
                }
            }
        }
        assert_eq!(fonts.runs(Style::Regular, "Wei Chen (陈伟)").len(), 3);
    }

    #[test]
    fn cjk_face_is_loaded_only_when_needed() {
        let fonts = Fonts::new().unwrap();
        fonts.runs(Style::Bold, "Ana García — Zoë");
        assert!(fonts.cjk.get().is_none());
        assert_eq!(fonts.used().len(), 1);
        fonts.runs(Style::Regular, "王芳");
        assert!(fonts.used().iter().any(|(f, _)| *f == Face::Cjk));
    }

    #[test]
    fn widths_add_up_and_scale_with_size() {
        let fonts = Fonts::new().unwrap();
        let a = fonts.width(Style::Regular, 10.0, "Roadmap ");
        let b = fonts.width(Style::Regular, 10.0, "王芳");
        let ab = fonts.width(Style::Regular, 10.0, "Roadmap 王芳");
        assert!((a + b - ab).abs() < 1e-3);
        assert!(
            (fonts.width(Style::Regular, 20.0, "Roadmap")
                - 2.0 * fonts.width(Style::Regular, 10.0, "Roadmap"))
            .abs()
                < 1e-3
        );
        assert!(
            fonts.width(Style::Bold, 10.0, "Roadmap")
                > fonts.width(Style::Regular, 10.0, "Roadmap")
        );
    }
}
