//! A report as one self-contained HTML file: styles inline, the map
//! pictures embedded as `data:` URIs, the timeline as inline SVG, so that
//! it opens offline, travels as one attachment and prints on A4 or Letter
//! (the classification line on every page, table headers repeated).

use super::{Report, Toll};
use base64::Engine;
use std::fmt::Write;

/// The map of the filter and the inset of the whole border, as PNG bytes.
#[derive(Debug, Clone, Default)]
pub struct Pictures {
    pub map: Option<Vec<u8>>,
    pub inset: Option<Vec<u8>>,
    /// The inset outlines the main map's area (not when the main map
    /// shows nearly the whole border already).
    pub inset_outlined: bool,
}

/// What the inset shows, in words: its caption says "outlined" only when
/// it is (the PDF said so over an inset that outlined nothing).
pub fn inset_words(outlined: bool) -> &'static str {
    if outlined {
        "The whole Tajik–Afghan border, with the area of the map above outlined."
    } else {
        "The whole Tajik–Afghan border; the map above shows nearly all of it."
    }
}

/// Text made safe to put between tags and in attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn png_uri(bytes: &[u8]) -> String {
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

const STYLE: &str = r#"
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #1b1b1b; margin: 0 auto; max-width: 190mm; line-height: 1.35; }
.classification { text-align: center; font-weight: bold; letter-spacing: 0.06em; text-transform: uppercase; font-size: 9pt; color: #7a1f1f; border: 1px solid #7a1f1f; padding: 2px 0; margin: 8px 0; }
h1 { font-size: 19pt; margin: 14px 0 2px; }
h2 { font-size: 13pt; margin: 18px 0 6px; border-bottom: 1px solid #999; padding-bottom: 2px; }
.meta, .filter { color: #444; margin: 2px 0; }
.figures { display: flex; gap: 10px; margin: 10px 0; flex-wrap: wrap; }
.figure { border: 1px solid #bbb; border-radius: 4px; padding: 6px 10px; min-width: 30mm; }
.figure b { display: block; font-size: 16pt; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
thead { display: table-header-group; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #ddd; padding: 3px 5px; }
th { background: #f0f0f0; font-size: 9.5pt; }
td.n { text-align: right; white-space: nowrap; }
tr { page-break-inside: avoid; }
.map img { width: 100%; border: 1px solid #999; }
.inset { display: flex; gap: 10px; align-items: flex-start; margin-top: 6px; }
.inset img { width: 45%; border: 1px solid #999; }
.inset p { flex: 1; color: #444; font-size: 9.5pt; margin: 0; }
.small { font-size: 9pt; color: #444; }
ul.caveats li { margin: 2px 0; }
footer { margin-top: 18px; border-top: 1px solid #999; padding-top: 4px; font-size: 8.5pt; color: #555; word-break: break-all; }
svg text { font-family: inherit; }
@page { margin: 16mm 14mm; }
@media print { body { max-width: none; } h2 { page-break-after: avoid; } .map { page-break-inside: avoid; } }
"#;

/// Writes the whole report.
pub fn write(report: &Report, pictures: &Pictures) -> String {
    let mut h = String::with_capacity(64 * 1024 + report.incidents.len() * 600);
    let o = &report.options;
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"generator\" content=\"panj {}\">\n<title>{}</title>\n\
         <style>{STYLE}@page {{ size: {}; }}</style>\n</head>\n<body>\n",
        escape(&report.manifest.panj),
        escape(&o.title),
        o.paper.css()
    );
    if !o.classification.is_empty() {
        let _ = writeln!(
            h,
            "<div class=\"classification\">{}</div>",
            escape(&o.classification)
        );
    }
    let _ = writeln!(h, "<h1>{}</h1>", escape(&o.title));
    let by = if o.author.is_empty() {
        String::new()
    } else {
        format!("{} · ", escape(&o.author))
    };
    let _ = writeln!(
        h,
        "<p class=\"meta\">{by}{} · made with panj</p>\n<p class=\"filter\"><b>Period:</b> {} · <b>Filter:</b> {}</p>",
        escape(&report.manifest.generated),
        escape(&report.period),
        escape(&report.filter_words)
    );

    key_figures(&mut h, report);
    map(&mut h, report, pictures);
    timeline(&mut h, report);
    incident_list(&mut h, report);
    source_list(&mut h, report);

    h.push_str("<h2>Caveats</h2>\n<ul class=\"caveats\">\n");
    for line in &report.caveats {
        let _ = writeln!(h, "<li>{}</li>", escape(line));
    }
    h.push_str("</ul>\n");

    let m = &report.manifest;
    let _ = writeln!(
        h,
        "<footer>panj {} · {} incidents · data SHA-256 {} · filter {}</footer>",
        escape(&m.panj),
        m.incidents,
        escape(&m.data_sha256),
        escape(&m.filter)
    );
    if !o.classification.is_empty() {
        let _ = writeln!(
            h,
            "<div class=\"classification\">{}</div>",
            escape(&o.classification)
        );
    }
    h.push_str("</body>\n</html>\n");
    h
}

fn toll_cell(t: &Toll) -> String {
    escape(&t.to_string())
}

fn key_figures(h: &mut String, report: &Report) {
    h.push_str("<h2>Key figures</h2>\n<div class=\"figures\">\n");
    for (label, value) in [
        ("incidents", report.incidents.len().to_string()),
        ("killed", report.killed.to_string()),
        ("wounded", report.wounded.to_string()),
    ] {
        let _ = writeln!(
            h,
            "<div class=\"figure\"><b>{}</b>{label}</div>",
            escape(&value)
        );
    }
    h.push_str("</div>\n");
    let _ = writeln!(
        h,
        "<p>{} incident{}, {} killed and {} wounded.</p>",
        report.incidents.len(),
        if report.incidents.len() == 1 { "" } else { "s" },
        escape(&report.killed.to_string()),
        escape(&report.wounded.to_string())
    );
    h.push_str(
        "<table><thead><tr><th>Victims' nationality</th><th>Incidents</th><th>Killed</th><th>Wounded</th></tr></thead><tbody>\n",
    );
    for row in &report.by_nationality {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&row.nationality),
            row.incidents,
            toll_cell(&row.killed),
            toll_cell(&row.wounded)
        );
    }
    h.push_str("</tbody></table>\n");
    h.push_str(
        "<table><thead><tr><th>Perpetrator (leading claim)</th><th>Confidence</th><th>Incidents</th><th>Killed</th></tr></thead><tbody>\n",
    );
    for row in &report.by_perpetrator {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&row.actor),
            if row.confidence.is_empty() {
                "—".to_string()
            } else {
                escape(&row.confidence)
            },
            row.incidents,
            toll_cell(&row.killed)
        );
    }
    h.push_str("</tbody></table>\n");
}

fn map(h: &mut String, report: &Report, pictures: &Pictures) {
    let Some(map) = &pictures.map else {
        return;
    };
    let _ = writeln!(
        h,
        "<h2>Map</h2>\n<figure class=\"map\" style=\"margin:0\"><img alt=\"Map of the {} incidents of the report\" src=\"{}\">",
        report.incidents.len(),
        png_uri(map)
    );
    if let Some(inset) = &pictures.inset {
        let _ = writeln!(
            h,
            "<div class=\"inset\"><img alt=\"{words}\" src=\"{}\">\
             <p>{words} \
             Circles group nearby incidents, coloured by the leading perpetrator; a dashed ring \
             shows how far an incident may be from its point when the place is known only \
             approximately.</p></div>",
            png_uri(inset),
            words = inset_words(pictures.inset_outlined)
        );
    }
    h.push_str("</figure>\n");
}

fn timeline(h: &mut String, report: &Report) {
    if report.timeline.is_empty() {
        return;
    }
    let bars = &report.timeline;
    let most = bars
        .iter()
        .map(|b| b.within + b.wider)
        .max()
        .unwrap_or(1)
        .max(1);
    let (width, height, left, bottom) = (680.0_f64, 150.0_f64, 30.0_f64, 22.0_f64);
    let plot = height - bottom - 8.0;
    let step = (width - left) / bars.len() as f64;
    let _ = writeln!(
        h,
        "<h2>Timeline</h2>\n<svg role=\"img\" aria-label=\"Incidents per {}\" \
         viewBox=\"0 0 {width} {height}\" width=\"100%\">",
        report.timeline_step
    );
    let _ = writeln!(
        h,
        "<line x1=\"{left}\" y1=\"{y}\" x2=\"{width}\" y2=\"{y}\" stroke=\"#888\"/>\
         <text x=\"{}\" y=\"14\" font-size=\"9\" text-anchor=\"end\">{most}</text>\
         <text x=\"{}\" y=\"{y}\" font-size=\"9\" text-anchor=\"end\">0</text>",
        left - 4.0,
        left - 4.0,
        y = height - bottom
    );
    let label_every = (bars.len() / 8).max(1);
    for (n, bar) in bars.iter().enumerate() {
        let x = left + n as f64 * step + step * 0.1;
        let w = (step * 0.8).max(0.5);
        let within = bar.within as f64 / most as f64 * plot;
        let wider = bar.wider as f64 / most as f64 * plot;
        let base = height - bottom;
        if bar.within > 0 {
            let _ = write!(
                h,
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{within:.1}\" fill=\"#b33a3a\"><title>{}: {} dated within the {}</title></rect>",
                base - within,
                bar.start,
                bar.within,
                report.timeline_step
            );
        }
        if bar.wider > 0 {
            let _ = write!(
                h,
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{wider:.1}\" fill=\"#e3b3b3\"><title>{}: {} known only to a wider span, counted at its start</title></rect>",
                base - within - wider,
                bar.start,
                bar.wider
            );
        }
        if n % label_every == 0 {
            let _ = write!(
                h,
                "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"9\">{}</text>",
                height - 6.0,
                bar.start
            );
        }
    }
    h.push_str("</svg>\n");
    let _ = writeln!(
        h,
        "<p class=\"small\">Incidents per {}: dark, dated within the bar; light, known only to a wider \
         span (a week or a month) and counted at its start.</p>",
        report.timeline_step
    );
}

fn incident_list(h: &mut String, report: &Report) {
    let _ = writeln!(
        h,
        "<h2>Incidents ({})</h2>\n<table><thead><tr><th>Date</th><th>Place</th><th>Incident</th><th>Casualties</th><th>Claims</th><th>Sources</th></tr></thead><tbody>",
        report.incidents.len()
    );
    for i in &report.incidents {
        let lines = |items: &[String]| -> String {
            if items.is_empty() {
                "—".into()
            } else {
                items
                    .iter()
                    .map(|s| escape(s))
                    .collect::<Vec<_>>()
                    .join("<br>")
            }
        };
        let _ = writeln!(
            h,
            "<tr id=\"i{}\"><td>{}</td><td>{}</td><td><b>{}</b><br><span class=\"small\">{} · {}</span></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&i.short_id),
            escape(&i.date),
            escape(&i.place),
            escape(&i.title),
            escape(&i.event_type),
            escape(&i.short_id),
            lines(&i.casualties),
            if i.claims.is_empty() {
                "no claim".into()
            } else {
                lines(&i.claims)
            },
            lines(&i.sources)
        );
    }
    h.push_str("</tbody></table>\n");
}

fn source_list(h: &mut String, report: &Report) {
    let _ = writeln!(
        h,
        "<h2>Sources ({})</h2>\n<table><thead><tr><th>Id</th><th>Source</th><th>Reliability</th><th>Cited by</th></tr></thead><tbody>",
        report.sources.len()
    );
    for s in &report.sources {
        let mut what = escape(&s.title);
        if !s.publisher.is_empty() {
            let _ = write!(what, " — {}", escape(&s.publisher));
        }
        if let Some(d) = s.published {
            let _ = write!(what, ", {d}");
        }
        if !s.reference.is_empty() {
            let _ = write!(
                what,
                "<br><span class=\"small\">{}</span>",
                escape(&s.reference)
            );
        }
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{what}</td><td>{}</td><td class=\"n\">{}</td></tr>",
            escape(&s.short_id),
            escape(s.grade.label()),
            s.cited_by
        );
    }
    h.push_str("</tbody></table>\n");
}
