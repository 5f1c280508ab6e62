//! A [`Composition`] becomes PDF bytes: the only place that speaks printpdf.
//!
//! Everything that names an object is fixed (font ids, bookmark ids, dates), so the same
//! report gives the same bytes. printpdf's own document ids come from a counter that starts
//! at the same value in every process.

use printpdf::{
    Color, FontId, Op, PageAnnotId, PageAnnotation, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, PdfWarnMsg, Pt, Rect, Rgb, TextItem, TextMatrix,
    WindingOrder,
};

use super::canvas::{Colour, Composition, Item, Label};
use super::fonts::{Face, Fonts};
use crate::report::ReportError;

pub struct Metadata<'a> {
    pub title: &'a str,
    pub subject: &'a str,
    pub date: time::Date,
}

fn colour(c: Colour) -> Color {
    Color::Rgb(Rgb::new(c.0, c.1, c.2, None))
}

fn font_id(face: Face) -> FontId {
    FontId(face.id().to_string())
}

/// Operators for one page; `height` flips top-down coordinates into PDF's bottom-up ones.
///
/// Fills and rules go first and all text after, in one text section that changes font and
/// colour only when they change: no text in the report sits under a fill, and a 1,500-page
/// report spends most of its time serialising operators, so fewer of them is faster.
fn page_ops(fonts: &Fonts, items: &[Item], height: f32) -> Vec<Op> {
    let mut ops = Vec::with_capacity(items.len() * 3);
    let mut fill: Option<Colour> = None;
    let mut set_fill = |ops: &mut Vec<Op>, c: Colour| {
        if fill != Some(c) {
            ops.push(Op::SetFillColor { col: colour(c) });
            fill = Some(c);
        }
    };
    for item in items {
        if let Item::Fill { area, colour: c } | Item::Rule { area, colour: c } = item {
            set_fill(&mut ops, *c);
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(area.left),
                    y: Pt(height - area.bottom),
                    width: Pt(area.width()),
                    height: Pt(area.height()),
                    mode: Some(PaintMode::Fill),
                    winding_order: Some(WindingOrder::NonZero),
                },
            });
        }
    }
    let mut font: Option<(Face, f32)> = None;
    let mut in_text = false;
    for item in items {
        let Item::Text(label) = item else { continue };
        if !in_text {
            ops.push(Op::StartTextSection);
            in_text = true;
        }
        set_fill(&mut ops, label.colour);
        text_ops(fonts, label, height, &mut font, &mut ops);
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    ops
}

fn text_ops(
    fonts: &Fonts,
    label: &Label,
    height: f32,
    font: &mut Option<(Face, f32)>,
    ops: &mut Vec<Op>,
) {
    let mut x = label.x;
    for (face, piece, ems) in fonts.runs(label.style, &label.text) {
        if *font != Some((face, label.size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id(face)),
                size: Pt(label.size),
            });
            *font = Some((face, label.size));
        }
        // Absolute placement: a relative move after a font switch lands in the wrong place.
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x), Pt(height - label.baseline)),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(piece.to_string())],
        });
        x += ems * label.size;
    }
}

/// Serialises the composition. A warning from printpdf means something would not show in
/// some viewer, so it fails the render rather than ship a report with holes.
pub fn pdf(
    fonts: &Fonts,
    composition: &Composition,
    meta: &Metadata<'_>,
) -> Result<Vec<u8>, ReportError> {
    let pages: Vec<PdfPage> = composition
        .pages
        .iter()
        .map(|page| PdfPage {
            media_box: Rect::from_wh(Pt(composition.width), Pt(composition.height)),
            trim_box: Rect::from_wh(Pt(composition.width), Pt(composition.height)),
            crop_box: Rect::from_wh(Pt(composition.width), Pt(composition.height)),
            ops: page_ops(fonts, &page.items, composition.height),
        })
        .collect();

    let mut doc = PdfDocument::new(meta.title);
    let when = printpdf::DateTime {
        date: printpdf::Date {
            year: meta.date.year(),
            month: u8::from(meta.date.month()),
            day: meta.date.day(),
        },
        time: printpdf::Time {
            hour: 0,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    };
    let info = &mut doc.metadata.info;
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
    info.subject = meta.subject.to_string();
    info.creator = "rolecall".to_string();
    info.producer = format!("rolecall {}", env!("CARGO_PKG_VERSION"));
    for (face, font) in fonts.used() {
        doc.resources
            .fonts
            .map
            .insert(font_id(face), printpdf::PdfFont::new(font.clone()));
    }
    for (index, entry) in composition.outline.iter().enumerate() {
        doc.bookmarks.map.insert(
            PageAnnotId(format!("section-{index:03}")),
            PageAnnotation {
                name: entry.title.clone(),
                page: entry.page,
            },
        );
    }
    let mut warnings: Vec<PdfWarnMsg> = Vec::new();
    let bytes = doc
        .with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut warnings);
    if let Some(warning) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(ReportError::Render {
            format: "pdf",
            message: format!("page {}: {}", warning.page, warning.msg),
        });
    }
    Ok(bytes)
}
