//! The debrief: the after-action report on screen, with its chart, and its export to HTML.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Forms;
use crate::client::session::Session;
use crate::client::{Lang, Screen, probe, theme};
use crate::i18n::Arg;
use crate::report::{Anchor, Block, CHART_SERIES, Debrief, Document, Tone};
use crate::scenario::Level;
use crate::sim::outcome::TurnSample;

/// Tension, trust and escalation over the turns, as lines on the scale of the HTML report's
/// chart (0–100, escalation's rungs 0–3 at thirds of it), with the turns along the bottom
/// and each turn's values under the pointer.
fn chart(ui: &mut egui::Ui, l: Lang, history: &[TurnSample]) {
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width().min(760.0), 230.0),
        egui::Sense::hover(),
    );
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, theme::PAPER);
    let text = |s: &str, size: f32, color: egui::Color32| {
        painter.layout_job(theme::line(l, s, egui::FontId::proportional(size), color))
    };
    if history.len() < 2 {
        let note = text(l.t("The chart fills as turns pass."), 13.0, theme::MUTED);
        painter.galley(rect.center() - note.size() / 2.0, note, theme::MUTED);
        return;
    }
    let plot = egui::Rect::from_min_max(
        rect.min + egui::vec2(40.0, 30.0),
        rect.max - egui::vec2(14.0, 36.0),
    );
    let first = history.iter().map(|s| s.turn).min().unwrap_or(0) as f32;
    let last = history.iter().map(|s| s.turn).max().unwrap_or(1) as f32;
    let x =
        |turn: u32| plot.left() + plot.width() * (turn as f32 - first) / (last - first).max(1.0);
    let y = |value: f32| plot.bottom() - plot.height() * (value / 100.0).clamp(0.0, 1.0);
    for g in [0u8, 25, 50, 75, 100] {
        let at = y(g as f32);
        painter.line_segment(
            [egui::pos2(plot.left(), at), egui::pos2(plot.right(), at)],
            egui::Stroke::new(1.0, theme::CARD),
        );
        let tick = text(&g.to_string(), 11.0, theme::MUTED);
        let size = tick.size();
        painter.galley(
            egui::pos2(plot.left() - 6.0 - size.x, at - size.y / 2.0),
            tick,
            theme::MUTED,
        );
    }
    for s in history {
        let tick = text(&s.turn.to_string(), 11.0, theme::MUTED);
        let size = tick.size();
        painter.galley(
            egui::pos2(x(s.turn) - size.x / 2.0, plot.bottom() + 3.0),
            tick,
            theme::MUTED,
        );
    }
    let caption = text(l.t("turn"), 11.0, theme::MUTED);
    let size = caption.size();
    painter.galley(
        egui::pos2(plot.center().x - size.x / 2.0, rect.bottom() - size.y - 2.0),
        caption,
        theme::MUTED,
    );
    // Escalation, tension, trust: the HTML report's series, in its order.
    let colors = [theme::WARN, theme::BAD, theme::GOOD];
    // The legend along the top, from the right in Arabic.
    let mut along = if l.rtl() {
        rect.right() - 10.0
    } else {
        plot.left()
    };
    for ((key, value), color) in CHART_SERIES.iter().zip(colors) {
        let points: Vec<egui::Pos2> = history
            .iter()
            .map(|s| egui::pos2(x(s.turn), y(value(s) as f32)))
            .collect();
        painter.add(egui::Shape::line(points, egui::Stroke::new(2.5, color)));
        let name = text(&format!("— {}", l.t(key)), 13.0, color);
        let w = name.size().x;
        let left = if l.rtl() { along - w } else { along };
        painter.galley(egui::pos2(left, rect.top() + 6.0), name, color);
        along = if l.rtl() {
            along - w - 24.0
        } else {
            along + w + 24.0
        };
    }
    // The turn under the pointer, in numbers.
    let Some(pointer) = response.hover_pos() else {
        return;
    };
    let Some(s) = history.iter().min_by(|a, b| {
        (x(a.turn) - pointer.x)
            .abs()
            .total_cmp(&(x(b.turn) - pointer.x).abs())
    }) else {
        return;
    };
    painter.line_segment(
        [
            egui::pos2(x(s.turn), plot.top()),
            egui::pos2(x(s.turn), plot.bottom()),
        ],
        egui::Stroke::new(1.0, theme::MUTED),
    );
    let rung = Level::of_rank(s.escalation);
    let tip = [
        format!("{} {}", l.t("turn"), s.turn),
        format!("{}: {}", l.t("mean tension"), s.mean_tension),
        format!("{}: {}", l.t("mean trust"), s.mean_trust),
        format!("{}: {}", l.t("ladder"), l.t(rung.term())),
    ];
    theme::tooltip(response, l, &tip);
}

/// The report as it stands (the control cell shows it live, everyone at the end): the
/// report's one document, laid out for the screen. `to_incidents` scrolls once to the
/// incidents (the screenshot tour).
/// The state hash (the record's check, an internal value) is shown to the control cell only.
pub fn report(ui: &mut egui::Ui, l: Lang, d: &Debrief, to_incidents: &mut bool, control: bool) {
    let doc = Document::of(d, l);
    egui::ScrollArea::vertical()
        .id_salt("report")
        .show(ui, |ui| {
            theme::column(ui, l, |ui| {
                theme::heading(ui, l, &doc.title);
                theme::small(ui, l, &doc.byline);
                for section in &doc.sections {
                    if section.anchor == Anchor::Record && !control {
                        continue;
                    }
                    ui.add_space(6.0);
                    if section.anchor == Anchor::Timeline {
                        // The longest section, folded until asked for.
                        fold(ui, l, &section.heading, "timeline", |ui| {
                            blocks(ui, l, &section.blocks)
                        });
                        continue;
                    }
                    if !section.heading.is_empty() {
                        let heading = theme::strong(ui, l, &section.heading, theme::ACCENT);
                        if section.anchor == Anchor::Incidents && std::mem::take(to_incidents) {
                            heading.scroll_to_me_animation(
                                Some(egui::Align::TOP),
                                egui::style::ScrollAnimation::none(),
                            );
                        }
                    }
                    blocks(ui, l, &section.blocks);
                }
            });
        });
}

fn tone(t: Tone) -> egui::Color32 {
    match t {
        Tone::Plain => theme::INK,
        Tone::Good => theme::GOOD,
        Tone::Warn => theme::WARN,
        Tone::Bad => theme::BAD,
    }
}

fn fold(ui: &mut egui::Ui, l: Lang, heading: &str, salt: &str, body: impl FnOnce(&mut egui::Ui)) {
    egui::CollapsingHeader::new(theme::line(
        l,
        heading,
        egui::TextStyle::Body.resolve(ui.style()),
        theme::INK,
    ))
    .id_salt(("report-part", salt, heading))
    .show(ui, body);
}

fn blocks(ui: &mut egui::Ui, l: Lang, list: &[Block]) {
    let small = |ui: &mut egui::Ui, text: &str, color| {
        theme::paragraph_in(ui, l, text, egui::TextStyle::Small, color)
    };
    for b in list {
        match b {
            Block::Para { lead, text } => {
                if let Some(lead) = lead {
                    theme::strong(ui, l, lead, theme::ACCENT);
                }
                if !text.is_empty() {
                    theme::paragraph(ui, l, text);
                }
            }
            Block::Check { met, text, why } => {
                let (mark, color) = if *met {
                    ("✔", theme::GOOD)
                } else {
                    ("✖", theme::WARN)
                };
                theme::strong(ui, l, &format!("{mark} {text}"), color);
                small(ui, why, theme::MUTED);
            }
            Block::Item { text, note, under } => {
                match note {
                    Some(n) if under.is_empty() => {
                        small(ui, &format!("{text} ({n})"), theme::INK);
                    }
                    _ => {
                        theme::label(ui, l, text);
                        if let Some(n) = note {
                            small(ui, n, theme::MUTED);
                        }
                    }
                }
                for (t, line) in under {
                    small(ui, &format!("• {line}"), tone(*t));
                }
            }
            Block::Part {
                heading,
                folded,
                blocks: inner,
            } => {
                if *folded {
                    fold(ui, l, heading, "part", |ui| blocks(ui, l, inner));
                } else {
                    theme::strong(ui, l, heading, theme::MUTED);
                    blocks(ui, l, inner);
                }
            }
            Block::Table { head, rows } => {
                for row in rows {
                    // A row as a line: its first cell named by its column (turn 3), then
                    // the cells that say something.
                    let mut cells = row.iter().zip(head).filter(|(c, _)| !c.is_empty());
                    let first = cells.next().map(|(c, h)| format!("{h} {c}"));
                    let line: Vec<String> = first
                        .into_iter()
                        .chain(cells.map(|(c, _)| c.clone()))
                        .collect();
                    small(ui, &line.join(" · "), theme::INK);
                }
            }
            Block::Chart(history) => chart(ui, l, history),
            Block::Meta(text) => {
                theme::small(ui, l, text);
            }
        }
    }
}

/// Writes a file next to the program (the report, the journal); its path.
#[cfg(not(target_arch = "wasm32"))]
fn save(name: &str, _mime: &str, text: &str) -> Result<String, Arg> {
    let path = std::env::current_dir()
        .map_err(|e| Arg::id(e.to_string()))?
        .join(name);
    std::fs::write(&path, text).map_err(|e| Arg::id(e.to_string()))?;
    Ok(path.display().to_string())
}

/// In the browser: hands the file to the browser as a download.
#[cfg(target_arch = "wasm32")]
fn save(name: &str, mime: &str, text: &str) -> Result<String, Arg> {
    use wasm_bindgen::JsCast;
    let fail = |e: wasm_bindgen::JsValue| {
        Arg::from(crate::say!(
            "the browser refused the download: {0}",
            Arg::id(format!("{e:?}"))
        ))
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| fail(wasm_bindgen::JsValue::from_str("no document")))?;
    let link: web_sys::HtmlAnchorElement =
        document
            .create_element("a")
            .map_err(fail)?
            .dyn_into()
            .map_err(|_| fail(wasm_bindgen::JsValue::from_str("not a link")))?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    Ok(name.to_string())
}

/// The report as a self-contained web page.
fn export(d: &Debrief, code: &str, l: Lang) -> Result<String, Arg> {
    save(
        &format!("threshold-report-{code}.html"),
        "text/html;charset=utf-8",
        &crate::report::html(d, l),
    )
}

fn debrief(
    mut contexts: EguiContexts,
    lang: Res<Lang>,
    mut forms: ResMut<Forms>,
    mut session: ResMut<Session>,
    time: Res<Time<Real>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let l = *lang;
    let mut root = theme::root(contexts.ctx_mut()?);
    super::exercise::status_bar(
        &mut root,
        l,
        &mut session,
        &mut forms,
        Screen::Debrief,
        &mut next,
    );
    super::notices(&mut root, l, &session, time.elapsed_secs_f64());
    egui::CentralPanel::default().show(&mut root, |ui| {
        let Some(d) = session.debrief.clone() else {
            theme::label(ui, l, l.t("Fetching the report…"));
            return;
        };
        theme::row(ui, l, |ui| {
            let save = theme::primary(ui, l, l.t("Export to HTML"));
            probe::mark("debrief-export", &save);
            if save.clicked() {
                let code = session.code.clone().unwrap_or_default();
                match export(&d, &code, l) {
                    Ok(path) => {
                        session.notify(format!("{} {path}", l.t("Saved")), false);
                        forms.exported = Some(path);
                    }
                    Err(e) => session.fail("Export failed", e),
                }
            }
            // The journal (for `threshold replay`): the control cell's.
            if session.is_instructor() {
                let journal = theme::button(ui, l, l.t("Download the journal"));
                probe::mark("debrief-journal", &journal);
                if journal.clicked() {
                    session.control(crate::net::protocol::ControlAction::Journal);
                }
            }
            if let Some(path) = &forms.exported {
                theme::small(ui, l, path);
            }
        });
        if let Some(text) = session.journal.take() {
            let code = session.code.clone().unwrap_or_default();
            match save(
                &format!("threshold-journal-{code}.jsonl"),
                "application/x-ndjson",
                &text,
            ) {
                Ok(path) => {
                    session.notify(format!("{} {path}", l.t("Saved")), false);
                    forms.exported = Some(path);
                }
                Err(e) => session.fail("Export failed", e),
            }
        }
        report(
            ui,
            l,
            &d,
            &mut forms.scroll_to_judged,
            session.is_instructor(),
        );
    });
    Ok(())
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        debrief.run_if(in_state(Screen::Debrief)),
    );
}
