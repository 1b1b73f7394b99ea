//! The debrief: the after-action report on screen, with its chart, and its export to HTML.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Forms;
use crate::client::session::Session;
use crate::client::text_field::{Field, text_field};
use crate::client::{Lang, Screen, probe, theme};
use crate::i18n::Arg;
use crate::net::protocol::ControlAction;
use crate::observation::PlanRow;
use crate::report::{Anchor, Block, Chart, Debrief, Document, Tone};

/// Tension, trust and escalation over the turns, as lines on the scale of the HTML report's
/// chart (0–100, escalation's rungs 0–3 at thirds of it), with the turns along the bottom
/// and each turn's values under the pointer.
fn chart(ui: &mut egui::Ui, l: Lang, chart: &Chart) {
    // A legend line for every three series beyond the first three.
    let legend_rows = chart.series.len().div_ceil(3).max(1) as f32;
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width().min(760.0), 212.0 + 18.0 * legend_rows),
        egui::Sense::hover(),
    );
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, theme::PAPER);
    let text = |s: &str, size: f32, color: egui::Color32| {
        painter.layout_job(theme::line(l, s, egui::FontId::proportional(size), color))
    };
    if chart.turns.len() < 2 {
        let note = text(l.t("The chart fills as turns pass."), 13.0, theme::MUTED);
        painter.galley(rect.center() - note.size() / 2.0, note, theme::MUTED);
        return;
    }
    let plot = egui::Rect::from_min_max(
        rect.min + egui::vec2(40.0, 12.0 + 18.0 * legend_rows),
        rect.max - egui::vec2(14.0, 36.0),
    );
    let first = chart.turns.iter().copied().min().unwrap_or(0) as f32;
    let last = chart.turns.iter().copied().max().unwrap_or(1) as f32;
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
    for turn in &chart.turns {
        let tick = text(&turn.to_string(), 11.0, theme::MUTED);
        let size = tick.size();
        painter.galley(
            egui::pos2(x(*turn) - size.x / 2.0, plot.bottom() + 3.0),
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
    // The series in the HTML report's order; the legend wraps onto a second line.
    let colors = [
        theme::WARN,
        theme::BAD,
        theme::GOOD,
        theme::ACCENT,
        egui::Color32::from_rgb(0xB0, 0x8C, 0xE0),
        egui::Color32::from_rgb(0x4F, 0xC9, 0xC0),
        theme::MUTED,
        egui::Color32::from_rgb(0xE0, 0x8C, 0x5F),
    ];
    // The legend along the top, from the right in Arabic.
    let mut along = if l.rtl() {
        rect.right() - 10.0
    } else {
        plot.left()
    };
    let mut row = 0.0;
    for ((name, values), color) in chart.series.iter().zip(colors) {
        let points: Vec<egui::Pos2> = chart
            .turns
            .iter()
            .zip(values)
            .map(|(t, v)| egui::pos2(x(*t), y(*v as f32)))
            .collect();
        painter.add(egui::Shape::line(points, egui::Stroke::new(2.5, color)));
        let name = text(&format!("— {name}"), 13.0, color);
        let w = name.size().x;
        let full = if l.rtl() {
            along - w < rect.left()
        } else {
            along + w > rect.right()
        };
        if full {
            row += 1.0;
            along = if l.rtl() {
                rect.right() - 10.0
            } else {
                plot.left()
            };
        }
        let left = if l.rtl() { along - w } else { along };
        painter.galley(egui::pos2(left, rect.top() + 6.0 + 18.0 * row), name, color);
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
    let Some(i) = (0..chart.turns.len()).min_by(|a, b| {
        (x(chart.turns[*a]) - pointer.x)
            .abs()
            .total_cmp(&(x(chart.turns[*b]) - pointer.x).abs())
    }) else {
        return;
    };
    let turn = chart.turns[i];
    painter.line_segment(
        [
            egui::pos2(x(turn), plot.top()),
            egui::pos2(x(turn), plot.bottom()),
        ],
        egui::Stroke::new(1.0, theme::MUTED),
    );
    let mut tip = vec![format!("{} {turn}", l.t("turn"))];
    for (name, values) in &chart.series {
        if let Some(v) = values.get(i) {
            tip.push(format!("{name}: {v:.0}"));
        }
    }
    tip.extend(chart.notes.get(i).cloned());
    theme::tooltip(response, l, &tip);
}

/// The instructor's working copy of the improvement plan: what the report last showed
/// (`base`), the rows as edited, and what the instructor asked for this frame.
#[derive(Default)]
pub struct PlanEditor {
    base: Vec<PlanRow>,
    pub rows: Vec<PlanRow>,
    pub save: bool,
    pub csv: bool,
}

impl PlanEditor {
    /// Unsaved edits.
    pub fn dirty(&self) -> bool {
        self.rows != self.base
    }

    /// Follows the plan the report shows; the instructor's unsaved edits stay.
    fn follow(&mut self, shown: Vec<PlanRow>) {
        if !self.dirty() {
            self.rows = shown.clone();
        }
        self.base = shown;
    }

    /// The plan as the page should send it now, if the instructor asked to save it.
    pub fn take_save(&mut self) -> Option<Vec<PlanRow>> {
        std::mem::take(&mut self.save).then(|| self.rows.clone())
    }

    fn show(&mut self, ui: &mut egui::Ui, l: Lang) {
        let mut remove = None;
        for (i, row) in self.rows.iter_mut().enumerate() {
            ui.push_id(("plan-row", i), |ui| {
                theme::card(ui, |ui| {
                    let wide = ui.available_width();
                    let fields: [(&str, &mut String, Option<usize>); 4] = [
                        ("issue", &mut row.issue, Some(2)),
                        ("recommendation", &mut row.recommendation, Some(2)),
                        ("who", &mut row.who, None),
                        ("by when", &mut row.by_when, None),
                    ];
                    for (key, text, rows) in fields {
                        theme::small(ui, l, l.t(key));
                        let field = text_field(
                            ui,
                            l,
                            text,
                            Field {
                                width: wide,
                                hint: None,
                                rows,
                            },
                        );
                        probe::mark(format!("plan-{i}-{key}"), &field);
                    }
                    let out = theme::button(ui, l, l.t("Remove this row"));
                    probe::mark(format!("plan-{i}-remove"), &out);
                    if out.clicked() {
                        remove = Some(i);
                    }
                });
            });
        }
        if let Some(i) = remove {
            self.rows.remove(i);
        }
        theme::row(ui, l, |ui| {
            let add = theme::button(ui, l, l.t("Add a row"));
            probe::mark("plan-add", &add);
            if add.clicked() && self.rows.len() < crate::observation::MAX_PLAN_ROWS {
                self.rows.push(PlanRow::default());
            }
            let dirty = self.dirty();
            let save = ui.add_enabled_ui(dirty, |ui| theme::primary(ui, l, l.t("Save the plan")));
            probe::mark("plan-save", &save.inner);
            self.save |= save.inner.clicked();
            let csv = theme::button(ui, l, l.t("Export the plan (CSV)"));
            probe::mark("plan-csv", &csv);
            self.csv |= csv.clicked();
            if dirty {
                theme::small(ui, l, l.t("Not saved yet"));
            }
        });
    }
}

/// The report as it stands (the control cell shows it live, everyone at the end): the
/// report's one document, laid out for the screen. `to_incidents` scrolls once to the
/// incidents (the screenshot tour).
/// The state hash (the record's check, an internal value) is shown to the control cell only.
/// With `plan`, the instructors' edition's improvement plan is edited in place.
pub fn report(
    ui: &mut egui::Ui,
    l: Lang,
    d: &Debrief,
    scroll_to: &mut Option<Anchor>,
    control: bool,
    mut plan: Option<&mut PlanEditor>,
) {
    let doc = Document::of(d, l);
    if let (Some(editor), Some(ins)) = (plan.as_deref_mut(), d.instructors.as_deref()) {
        editor.follow(ins.plan_rows(&d.seats, l));
    }
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
                        if *scroll_to == Some(section.anchor) {
                            *scroll_to = None;
                            heading.scroll_to_me_animation(
                                Some(egui::Align::TOP),
                                egui::style::ScrollAnimation::none(),
                            );
                        }
                    }
                    match (section.anchor, plan.as_deref_mut()) {
                        (Anchor::Plan, Some(editor)) => {
                            // The draft's note, then the rows to edit.
                            blocks(
                                ui,
                                l,
                                &section
                                    .blocks
                                    .iter()
                                    .filter(|b| matches!(b, Block::Meta(_)))
                                    .cloned()
                                    .collect::<Vec<_>>(),
                            );
                            editor.show(ui, l);
                        }
                        _ => blocks(ui, l, &section.blocks),
                    }
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
            Block::Chart(c) => chart(ui, l, c),
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

/// The report as a self-contained web page (the instructors' edition is named so).
fn export(d: &Debrief, code: &str, l: Lang) -> Result<String, Arg> {
    let edition = if d.instructors.is_some() {
        "-instructors"
    } else {
        ""
    };
    save(
        &format!("threshold-report{edition}-{code}.html"),
        "text/html;charset=utf-8",
        &crate::report::html(d, l),
    )
}

/// What the control cell's report asked for this frame: saving the plan, exporting it.
pub fn plan_requests(session: &mut Session, forms: &mut Forms, l: Lang) {
    if let Some(rows) = forms.plan.take_save() {
        session.control(ControlAction::SavePlan { rows });
    }
    if std::mem::take(&mut forms.plan.csv) {
        let code = session.code.clone().unwrap_or_default();
        let csv = crate::report::plan_csv(&forms.plan.rows, l);
        match save(
            &format!("threshold-plan-{code}.csv"),
            "text/csv;charset=utf-8",
            &csv,
        ) {
            Ok(path) => {
                session.notify(format!("{} {path}", l.t("Saved")), false);
                forms.exported = Some(path);
            }
            Err(e) => session.fail("Export failed", e),
        }
    }
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
        let Some(mut d) = session.debrief.clone() else {
            theme::label(ui, l, l.t("Fetching the report…"));
            return;
        };
        // The instructor reads either edition (the students' one to show the class).
        if d.instructors.is_some() {
            theme::row(ui, l, |ui| {
                theme::small(ui, l, l.t("Edition:"));
                let ours = theme::tab(ui, l, !forms.students_edition, l.t("instructors'"));
                probe::mark("edition-instructors", &ours);
                let theirs = theme::tab(ui, l, forms.students_edition, l.t("students'"));
                probe::mark("edition-students", &theirs);
                if ours.clicked() {
                    forms.students_edition = false;
                }
                if theirs.clicked() {
                    forms.students_edition = true;
                }
            });
            if forms.students_edition {
                *d = d.for_students();
            }
        }
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
        let forms = &mut *forms;
        report(
            ui,
            l,
            &d,
            &mut forms.report_to,
            // The students' edition, shown to a class, without the record's check either.
            session.is_instructor() && !forms.students_edition,
            session.is_instructor().then_some(&mut forms.plan),
        );
        plan_requests(&mut session, forms, l);
    });
    Ok(())
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        debrief.run_if(in_state(Screen::Debrief)),
    );
}
