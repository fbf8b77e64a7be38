//! A report as a PDF (A4 or US Letter) made with krilla: real text in
//! embedded, subset Noto Sans (selectable and searchable), the map pictures
//! as images, the timeline as vector bars. The contents are laid out into
//! pages of drawing operations first (so that every page can say "page N
//! of M"), then drawn. Text is measured with skrifa on the same font bytes
//! that krilla embeds.

use super::html::Pictures;
use super::{Paper, Report, Toll};
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size as FontSize};
use std::sync::Arc;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");

const MARGIN: f32 = 42.0;
const BODY: f32 = 9.0;
const SMALL: f32 = 7.5;
const LINE: f32 = 1.3;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the report's font cannot be read")]
    Font,
    #[error("a picture of the report cannot be embedded: {0}")]
    Picture(String),
    #[error("the PDF cannot be written: {0}")]
    Write(String),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Face {
    Regular,
    Bold,
}

impl Face {
    fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR,
            Face::Bold => BOLD,
        }
    }

    /// The width of `text` at `size` points (advances; no kerning).
    fn width(self, text: &str, size: f32) -> f32 {
        let Ok(font) = skrifa::FontRef::new(self.bytes()) else {
            return text.chars().count() as f32 * size * 0.5;
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(FontSize::new(size), LocationRef::default());
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|g| metrics.advance_width(g))
                    .unwrap_or(size * 0.5)
            })
            .sum()
    }
}

/// `text` with the characters the font lacks spelled another way ("≤" as
/// "<="), so that no empty box is printed.
fn covered(text: &str) -> String {
    let Ok(font) = skrifa::FontRef::new(REGULAR) else {
        return text.to_string();
    };
    let charmap = font.charmap();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if charmap.map(c).is_some() || c.is_whitespace() {
            out.push(c);
        } else {
            out.push_str(match c {
                '≤' => "<=",
                '≥' => ">=",
                '≈' => "~",
                '→' => "->",
                _ => "?",
            });
        }
    }
    out
}

/// `text` broken into lines at most `width` points wide (at spaces; a
/// word wider than a line is broken between letters).
fn wrap(text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let text = covered(text);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if face.width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if face.width(word, size) <= width {
                line = word.to_string();
            } else {
                for c in word.chars() {
                    line.push(c);
                    if face.width(&line, size) > width {
                        let last = line.pop().unwrap_or(c);
                        lines.push(std::mem::take(&mut line));
                        line.push(last);
                    }
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// One thing to draw, in points from the page's top left.
enum Op {
    Text {
        x: f32,
        y: f32,
        face: Face,
        size: f32,
        grey: u8,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: (u8, u8, u8),
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        picture: usize,
    },
}

/// Pages of operations, filled from the top down.
struct Layout {
    width: f32,
    height: f32,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Layout {
    fn new(paper: Paper) -> Layout {
        let (width, height) = match paper {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        };
        Layout {
            width,
            height,
            pages: vec![Vec::new()],
            y: MARGIN + 14.0,
        }
    }

    fn text_width(&self) -> f32 {
        self.width - 2.0 * MARGIN
    }

    fn bottom(&self) -> f32 {
        self.height - MARGIN - 16.0
    }

    fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN + 14.0;
    }

    /// Starts a new page unless `height` more points fit on this one.
    fn room_for(&mut self, height: f32) {
        if self.y + height > self.bottom() {
            self.new_page();
        }
    }

    fn text_line(&mut self, x: f32, face: Face, size: f32, grey: u8, text: &str) {
        let y = self.y + size;
        self.page().push(Op::Text {
            x,
            y,
            face,
            size,
            grey,
            text: covered(text),
        });
    }

    /// A wrapped paragraph across the text width.
    fn paragraph(&mut self, text: &str, face: Face, size: f32, grey: u8) {
        for line in wrap(text, face, size, self.text_width()) {
            self.room_for(size * LINE);
            self.text_line(MARGIN, face, size, grey, &line);
            self.y += size * LINE;
        }
    }

    fn heading(&mut self, text: &str, size: f32) {
        self.room_for(size * 3.0 + 40.0);
        self.y += size * 0.8;
        self.text_line(MARGIN, Face::Bold, size, 0, text);
        self.y += size * LINE;
        let y = self.y;
        let right = self.width - MARGIN;
        self.page().push(Op::Line {
            x1: MARGIN,
            y1: y,
            x2: right,
            y2: y,
        });
        self.y += 5.0;
    }

    /// A table: `widths` are shares of the text width; the header row is
    /// repeated at the top of each page the table runs onto.
    fn table(&mut self, header: &[&str], widths: &[f32], rows: &[Vec<String>]) {
        let total: f32 = widths.iter().sum();
        let columns: Vec<f32> = widths
            .iter()
            .map(|w| w / total * self.text_width())
            .collect();
        let pad = 3.0;
        let draw_row =
            |layout: &mut Layout, cells: &[String], face: Face, size: f32, shade: bool| {
                let wrapped: Vec<Vec<String>> = cells
                    .iter()
                    .zip(&columns)
                    .map(|(text, w)| wrap(text, face, size, w - 2.0 * pad))
                    .collect();
                let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
                let height = lines as f32 * size * LINE + 2.0 * pad;
                let top = layout.y;
                if shade {
                    let w = layout.text_width();
                    layout.page().push(Op::Rect {
                        x: MARGIN,
                        y: top,
                        w,
                        h: height,
                        fill: (236, 236, 236),
                    });
                }
                let mut x = MARGIN;
                for (cell, w) in wrapped.iter().zip(&columns) {
                    for (n, line) in cell.iter().enumerate() {
                        layout.y = top + pad + n as f32 * size * LINE;
                        layout.text_line(x + pad, face, size, 20, line);
                    }
                    x += w;
                }
                layout.y = top + height;
                let (y, right) = (layout.y, layout.width - MARGIN);
                layout.page().push(Op::Line {
                    x1: MARGIN,
                    y1: y,
                    x2: right,
                    y2: y,
                });
                height
            };
        let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
        self.room_for(40.0);
        draw_row(self, &header, Face::Bold, SMALL, true);
        for row in rows {
            let needed = row
                .iter()
                .zip(&columns)
                .map(|(text, w)| wrap(text, Face::Regular, SMALL, w - 2.0 * pad).len())
                .max()
                .unwrap_or(1) as f32
                * SMALL
                * LINE
                + 2.0 * pad;
            if self.y + needed > self.bottom() {
                self.new_page();
                draw_row(self, &header, Face::Bold, SMALL, true);
            }
            draw_row(self, row, Face::Regular, SMALL, false);
        }
        self.y += 6.0;
    }

    fn image(&mut self, picture: usize, size: (u32, u32), w: f32) {
        let h = w * size.1 as f32 / size.0.max(1) as f32;
        self.room_for(h + 4.0);
        let y = self.y;
        self.page().push(Op::Image {
            x: MARGIN,
            y,
            w,
            h,
            picture,
        });
        self.y += h + 6.0;
    }
}

fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    // The IHDR chunk: width and height, big-endian, at bytes 16..24.
    let w = u32::from_be_bytes(png.get(16..20)?.try_into().ok()?);
    let h = u32::from_be_bytes(png.get(20..24)?.try_into().ok()?);
    Some((w, h))
}

fn toll(t: &Toll) -> String {
    t.to_string()
}

/// Lays out and writes the report as PDF bytes.
pub fn write(report: &Report, pictures: &Pictures) -> Result<Vec<u8>, PdfError> {
    let o = &report.options;
    let mut l = Layout::new(o.paper);
    let mut images: Vec<&[u8]> = Vec::new();

    l.paragraph(&o.title, Face::Bold, 18.0, 0);
    let by = if o.author.is_empty() {
        String::new()
    } else {
        format!("{} · ", o.author)
    };
    l.paragraph(
        &format!("{by}{} · made with panj", report.manifest.generated),
        Face::Regular,
        BODY,
        70,
    );
    l.paragraph(
        &format!(
            "Period: {} · Filter: {}",
            report.period, report.filter_words
        ),
        Face::Regular,
        BODY,
        70,
    );

    l.heading("Key figures", 12.0);
    l.paragraph(
        &format!(
            "{} incident{}, {} killed and {} wounded.",
            report.incidents.len(),
            if report.incidents.len() == 1 { "" } else { "s" },
            report.killed,
            report.wounded
        ),
        Face::Bold,
        11.0,
        0,
    );
    l.y += 4.0;
    let rows: Vec<Vec<String>> = report
        .by_nationality
        .iter()
        .map(|r| {
            vec![
                r.nationality.clone(),
                r.incidents.to_string(),
                toll(&r.killed),
                toll(&r.wounded),
            ]
        })
        .collect();
    l.table(
        &["Victims' nationality", "Incidents", "Killed", "Wounded"],
        &[3.0, 1.0, 1.2, 1.2],
        &rows,
    );
    let rows: Vec<Vec<String>> = report
        .by_perpetrator
        .iter()
        .map(|r| {
            vec![
                r.actor.clone(),
                if r.confidence.is_empty() {
                    "—".into()
                } else {
                    r.confidence.clone()
                },
                r.incidents.to_string(),
                toll(&r.killed),
            ]
        })
        .collect();
    l.table(
        &[
            "Perpetrator (leading claim)",
            "Confidence",
            "Incidents",
            "Killed",
        ],
        &[3.0, 1.2, 1.0, 1.2],
        &rows,
    );

    if let Some(map) = &pictures.map {
        let size = png_size(map).ok_or_else(|| PdfError::Picture("not a PNG".into()))?;
        l.heading("Map", 12.0);
        images.push(map);
        let w = l.text_width();
        l.image(images.len() - 1, size, w);
        if let Some(inset) = &pictures.inset {
            let size = png_size(inset).ok_or_else(|| PdfError::Picture("not a PNG".into()))?;
            images.push(inset);
            let w = l.text_width() * 0.5;
            l.image(images.len() - 1, size, w);
            l.paragraph(
                &format!(
                    "The small map: {} Circles group nearby incidents, coloured by the leading \
                     perpetrator; a dashed ring shows how far an incident may be from its point \
                     when the place is known only approximately.",
                    super::html::inset_words(pictures.inset_outlined)
                ),
                Face::Regular,
                SMALL,
                70,
            );
        }
    }

    timeline(&mut l, report);

    l.heading(&format!("Incidents ({})", report.incidents.len()), 12.0);
    let rows: Vec<Vec<String>> = report
        .incidents
        .iter()
        .map(|i| {
            let list = |items: &[String], none: &str| {
                if items.is_empty() {
                    none.to_string()
                } else {
                    items.join("\n")
                }
            };
            vec![
                i.date.clone(),
                i.place.clone(),
                format!("{}\n{} · {}", i.title, i.event_type, i.short_id),
                list(&i.casualties, "—"),
                list(&i.claims, "no claim"),
                list(&i.sources, "—"),
            ]
        })
        .collect();
    l.table(
        &[
            "Date",
            "Place",
            "Incident",
            "Casualties",
            "Claims",
            "Sources",
        ],
        &[1.3, 1.5, 2.2, 1.6, 2.6, 0.9],
        &rows,
    );

    l.heading(&format!("Sources ({})", report.sources.len()), 12.0);
    let rows: Vec<Vec<String>> = report
        .sources
        .iter()
        .map(|s| {
            let mut what = s.title.clone();
            if !s.publisher.is_empty() {
                what += &format!(" — {}", s.publisher);
            }
            if let Some(d) = s.published {
                what += &format!(", {d}");
            }
            if !s.reference.is_empty() {
                what += &format!("\n{}", s.reference);
            }
            vec![
                s.short_id.clone(),
                what,
                s.grade.label().to_string(),
                s.cited_by.to_string(),
            ]
        })
        .collect();
    l.table(
        &["Id", "Source", "Reliability", "Cited by"],
        &[1.0, 4.5, 2.2, 0.8],
        &rows,
    );

    l.heading("Caveats", 12.0);
    for line in &report.caveats {
        l.paragraph(&format!("• {line}"), Face::Regular, BODY, 20);
        l.y += 2.0;
    }
    l.y += 8.0;
    let m = &report.manifest;
    l.paragraph(
        &format!(
            "panj {} · {} incidents · data SHA-256 {} · filter {}",
            m.panj, m.incidents, m.data_sha256, m.filter
        ),
        Face::Regular,
        6.5,
        90,
    );

    draw(report, &l, &images)
}

fn timeline(l: &mut Layout, report: &Report) {
    if report.timeline.is_empty() {
        return;
    }
    let height = 90.0;
    // The heading goes with its chart: it ended page 1 with the chart on
    // page 2.
    l.room_for(12.0 * 3.0 + 40.0 + height + 30.0);
    l.heading("Timeline", 12.0);
    l.room_for(height + 30.0);
    let most = report
        .timeline
        .iter()
        .map(|b| b.within + b.wider)
        .max()
        .unwrap_or(1)
        .max(1);
    let left = MARGIN + 18.0;
    let width = l.text_width() - 18.0;
    let base = l.y + height;
    let step = width / report.timeline.len() as f32;
    let label_every = (report.timeline.len() / 6).max(1);
    let top = l.y;
    l.y = top - 2.0;
    l.text_line(MARGIN, Face::Regular, SMALL, 90, &most.to_string());
    l.y = base - SMALL;
    l.text_line(MARGIN, Face::Regular, SMALL, 90, "0");
    for (n, bar) in report.timeline.iter().enumerate() {
        let x = left + n as f32 * step + step * 0.1;
        let w = (step * 0.8).max(0.4);
        let within = bar.within as f32 / most as f32 * height;
        let wider = bar.wider as f32 / most as f32 * height;
        if bar.within > 0 {
            l.page().push(Op::Rect {
                x,
                y: base - within,
                w,
                h: within,
                fill: (179, 58, 58),
            });
        }
        if bar.wider > 0 {
            l.page().push(Op::Rect {
                x,
                y: base - within - wider,
                w,
                h: wider,
                fill: (227, 179, 179),
            });
        }
        if n % label_every == 0 {
            l.y = base + 2.0;
            l.text_line(x, Face::Regular, SMALL, 70, &bar.start.to_string());
        }
    }
    l.page().push(Op::Line {
        x1: left,
        y1: base,
        x2: left + width,
        y2: base,
    });
    l.y = base + 16.0;
    l.paragraph(
        &format!(
            "Incidents per {}: dark, dated within the bar; light, known only to a wider span \
             (a week or a month) and counted at its start.",
            report.timeline_step
        ),
        Face::Regular,
        SMALL,
        70,
    );
}

fn draw(report: &Report, l: &Layout, images: &[&[u8]]) -> Result<Vec<u8>, PdfError> {
    let font =
        |face: Face| Font::new(Arc::new(face.bytes().to_vec()).into(), 0).ok_or(PdfError::Font);
    let (regular, bold) = (font(Face::Regular)?, font(Face::Bold)?);
    let pictures: Vec<Image> = images
        .iter()
        .map(|png| Image::from_png(Arc::new(png.to_vec()).into(), true).map_err(PdfError::Picture))
        .collect::<Result<_, _>>()?;
    let mut document = Document::new();
    let o = &report.options;
    let mut metadata = Metadata::new()
        .title(o.title.clone())
        .creator(format!("panj {}", report.manifest.panj));
    if !o.author.is_empty() {
        metadata = metadata.authors(vec![o.author.clone()]);
    }
    document.set_metadata(metadata);
    let count = l.pages.len();
    for (n, ops) in l.pages.iter().enumerate() {
        let settings = PageSettings::from_wh(l.width, l.height)
            .ok_or_else(|| PdfError::Write("bad page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let text = |surface: &mut krilla::surface::Surface,
                    x: f32,
                    y: f32,
                    face: Face,
                    size: f32,
                    grey: u8,
                    s: &str| {
            surface.set_fill(Some(Fill {
                paint: rgb::Color::new(grey, grey, grey).into(),
                opacity: NormalizedF32::ONE,
                rule: Default::default(),
            }));
            let f = if face == Face::Bold {
                bold.clone()
            } else {
                regular.clone()
            };
            surface.draw_text(Point::from_xy(x, y), f, size, s, false, TextDirection::Auto);
        };
        // Every page: the classification at top and bottom, and its number.
        if !o.classification.is_empty() {
            let label = o.classification.to_uppercase();
            let w = Face::Bold.width(&label, 8.0);
            text(
                &mut surface,
                (l.width - w) / 2.0,
                MARGIN - 10.0,
                Face::Bold,
                8.0,
                110,
                &label,
            );
            text(
                &mut surface,
                (l.width - w) / 2.0,
                l.height - MARGIN + 14.0,
                Face::Bold,
                8.0,
                110,
                &label,
            );
        }
        let number = format!("page {} of {count}", n + 1);
        let w = Face::Regular.width(&number, 7.0);
        text(
            &mut surface,
            l.width - MARGIN - w,
            l.height - MARGIN + 14.0,
            Face::Regular,
            7.0,
            90,
            &number,
        );
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    face,
                    size,
                    grey,
                    text: s,
                } => text(&mut surface, *x, *y, *face, *size, *grey, s),
                Op::Rect { x, y, w, h, fill } => {
                    let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else {
                        continue;
                    };
                    let mut path = PathBuilder::new();
                    path.push_rect(rect);
                    if let Some(path) = path.finish() {
                        surface.set_stroke(None);
                        surface.set_fill(Some(Fill {
                            paint: rgb::Color::new(fill.0, fill.1, fill.2).into(),
                            opacity: NormalizedF32::ONE,
                            rule: Default::default(),
                        }));
                        surface.draw_path(&path);
                    }
                }
                Op::Line { x1, y1, x2, y2 } => {
                    let mut path = PathBuilder::new();
                    path.move_to(*x1, *y1);
                    path.line_to(*x2, *y2);
                    if let Some(path) = path.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            paint: rgb::Color::new(170, 170, 170).into(),
                            width: 0.5,
                            ..Default::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
                Op::Image {
                    x,
                    y,
                    w,
                    h,
                    picture,
                } => {
                    let (Some(image), Some(size)) = (pictures.get(*picture), Size::from_wh(*w, *h))
                    else {
                        continue;
                    };
                    surface.push_transform(&Transform::from_translate(*x, *y));
                    surface.draw_image(image.clone(), size);
                    surface.pop();
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| PdfError::Write(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fit_their_width_and_missing_glyphs_are_spelled_out() {
        let text = "Armed assaults on Chinese workers near the Tajik–Afghan border (≤ 5 km)";
        let lines = wrap(text, Face::Regular, 9.0, 120.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| Face::Regular.width(l, 9.0) <= 120.0));
        assert_eq!(lines.join(" "), covered(text));
        assert!(covered("≤ 5 km").starts_with("<= 5"));
        assert_eq!(
            covered("Хорог – Khorugh"),
            "Хорог – Khorugh",
            "Cyrillic is in the font"
        );
    }
}
