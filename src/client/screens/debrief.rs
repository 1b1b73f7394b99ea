//! The debrief: the after-action report on screen, with its chart, and its export to HTML.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Forms;
use crate::client::session::Session;
use crate::client::{Lang, Screen, probe, theme};
use crate::i18n::Arg;
use crate::report::{CHART_SERIES, ClaimCase, Debrief, claim_line, reading_line};
use crate::scenario::Level;
use crate::sim::norms::ReadingCheck;
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

/// The report as it stands (the control cell shows it live, everyone at the end).
/// `to_incidents` scrolls once to the incidents (the screenshot tour).
pub fn report(ui: &mut egui::Ui, l: Lang, d: &Debrief, to_incidents: &mut bool) {
    let code = l.code();
    egui::ScrollArea::vertical()
        .id_salt("report")
        .show(ui, |ui| {
            theme::column(ui, l, |ui| {
                theme::heading(
                    ui,
                    l,
                    &format!("{} · {}", l.t("After-action report"), d.title.get(code)),
                );
                theme::small(ui, l, &d.byline(l));
                if let Some((title, text)) = &d.ending {
                    theme::strong(ui, l, title.get(code), theme::ACCENT);
                    theme::paragraph(ui, l, text.get(code));
                }
                ui.add_space(6.0);
                theme::strong(ui, l, l.t("Tension, trust and escalation"), theme::ACCENT);
                chart(ui, l, &d.history);
                ui.add_space(6.0);
                theme::strong(ui, l, l.t("Learning objectives"), theme::ACCENT);
                for (text, met, why) in &d.learning {
                    let (mark, color) = if *met {
                        ("✔", theme::GOOD)
                    } else {
                        ("✖", theme::WARN)
                    };
                    theme::strong(ui, l, &format!("{mark} {}", text.get(code)), color);
                    theme::paragraph_in(ui, l, &l.say(why), egui::TextStyle::Small, theme::MUTED);
                }
                ui.add_space(6.0);
                let heading = theme::strong(ui, l, l.t("Incidents"), theme::ACCENT);
                if std::mem::take(to_incidents) {
                    heading.scroll_to_me_animation(
                        Some(egui::Align::TOP),
                        egui::style::ScrollAnimation::none(),
                    );
                }
                for i in &d.incidents {
                    theme::label(
                        ui,
                        l,
                        &format!(
                            "{} ({}) · {} {} · {}: {} · {}: {}",
                            i.name.get(code),
                            l.t(i.kind.term()),
                            l.t("against"),
                            i.target.get(code),
                            l.t("author"),
                            i.author.get(code),
                            l.t("the engine's assessment"),
                            l.t(i.level.term())
                        ),
                    );
                    theme::paragraph_in(
                        ui,
                        l,
                        &l.say(&i.reason),
                        egui::TextStyle::Small,
                        theme::MUTED,
                    );
                    // Each claim beside the truth, each reading beside the assessment.
                    for c in &i.claims {
                        let color = match c.case {
                            ClaimCase::SupportedAndTrue => theme::GOOD,
                            ClaimCase::SupportedButWrong | ClaimCase::OverreachingButTrue => {
                                theme::WARN
                            }
                            ClaimCase::OverreachingAndWrong => theme::BAD,
                        };
                        theme::paragraph_in(
                            ui,
                            l,
                            &format!("• {}", claim_line(c, l)),
                            egui::TextStyle::Small,
                            color,
                        );
                    }
                    for r in &i.readings {
                        let color = match r.check {
                            ReadingCheck::Supported => theme::GOOD,
                            ReadingCheck::Understates => theme::WARN,
                            ReadingCheck::Overreaches => theme::BAD,
                        };
                        theme::paragraph_in(
                            ui,
                            l,
                            &format!("• {}", reading_line(r, l)),
                            egui::TextStyle::Small,
                            color,
                        );
                    }
                    ui.add_space(4.0);
                }
                ui.add_space(6.0);
                theme::strong(ui, l, l.t("Seats"), theme::ACCENT);
                for s in &d.seats {
                    let actor = s.actor.get(code);
                    let role = crate::scenario::role_beside_name(s.role.get(code), actor);
                    let header = format!("{} · {actor} · {role}", s.seat);
                    egui::CollapsingHeader::new(theme::line(
                        l,
                        &header,
                        egui::TextStyle::Body.resolve(ui.style()),
                        theme::INK,
                    ))
                    .id_salt(("seat-report", &s.seat))
                    .show(ui, |ui| {
                        for (text, met, why) in &s.objectives {
                            let mark = if *met { "✔" } else { "✖" };
                            theme::label(
                                ui,
                                l,
                                &format!("{mark} {}: {}", text.get(code), l.say(why)),
                            );
                        }
                        for (norm, up, strained, breached) in &s.norms {
                            theme::small(
                                ui,
                                l,
                                &l.f(
                                    "norm {0}: upheld {1}, strained {2}, breached {3}",
                                    &[
                                        norm.id_in(l),
                                        &up.to_string(),
                                        &strained.to_string(),
                                        &breached.to_string(),
                                    ],
                                ),
                            );
                        }
                        for dl in &s.decisions {
                            theme::paragraph_in(
                                ui,
                                l,
                                &format!(
                                    "{} {} · {} · {}: {}",
                                    l.t("turn"),
                                    dl.turn,
                                    l.say(&dl.order.summary()),
                                    l.t(dl.resolved.term()),
                                    l.say(&dl.reason)
                                ),
                                egui::TextStyle::Small,
                                theme::INK,
                            );
                            let touched: Vec<String> = dl
                                .norm_lines(l)
                                .into_iter()
                                .chain(dl.law_lines(l).into_iter().map(str::to_string))
                                .collect();
                            if !touched.is_empty() {
                                theme::paragraph_in(
                                    ui,
                                    l,
                                    &touched.join("; "),
                                    egui::TextStyle::Small,
                                    theme::MUTED,
                                );
                            }
                        }
                    });
                }
                ui.add_space(6.0);
                egui::CollapsingHeader::new(theme::line(
                    l,
                    l.t("Timeline"),
                    egui::TextStyle::Body.resolve(ui.style()),
                    theme::INK,
                ))
                .id_salt("timeline")
                .show(ui, |ui| {
                    for (turn, text, seen) in &d.timeline {
                        let seen = seen.label(l);
                        let seen = if seen.is_empty() {
                            String::new()
                        } else {
                            format!(" ({seen})")
                        };
                        theme::paragraph_in(
                            ui,
                            l,
                            &format!("{} {turn} · {}{seen}", l.t("turn"), l.say(text)),
                            egui::TextStyle::Small,
                            theme::INK,
                        );
                    }
                });
                theme::small(ui, l, &format!("{}: {}", l.t("state hash"), d.state_hash));
            });
        });
}

/// Writes the report as a self-contained web page next to the program.
#[cfg(not(target_arch = "wasm32"))]
fn export(d: &Debrief, code: &str, l: Lang) -> Result<String, Arg> {
    let path = std::env::current_dir()
        .map_err(|e| Arg::id(e.to_string()))?
        .join(format!("threshold-report-{code}.html"));
    std::fs::write(&path, crate::report::html(d, l)).map_err(|e| Arg::id(e.to_string()))?;
    Ok(path.display().to_string())
}

/// In the browser: hands the report to the browser as a download.
#[cfg(target_arch = "wasm32")]
fn export(d: &Debrief, code: &str, l: Lang) -> Result<String, Arg> {
    use wasm_bindgen::JsCast;
    let name = format!("threshold-report-{code}.html");
    let fail = |e: wasm_bindgen::JsValue| {
        Arg::from(crate::say!(
            "the browser refused the download: {0}",
            Arg::id(format!("{e:?}"))
        ))
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&crate::report::html(d, l)));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/html;charset=utf-8");
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
    link.set_download(&name);
    link.click();
    Ok(name)
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
    super::exercise::status_bar(&mut root, l, &mut session, Screen::Debrief, &mut next);
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
            if let Some(path) = &forms.exported {
                theme::small(ui, l, path);
            }
        });
        report(ui, l, &d, &mut forms.scroll_to_judged);
    });
    Ok(())
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        debrief.run_if(in_state(Screen::Debrief)),
    );
}
