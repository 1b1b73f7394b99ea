//! An observer's or evaluator's screen: any seat's view exactly as the seat sees it, the
//! channels when the control cell opens them, and the form that writes an observation
//! (about a seat or the whole exercise, tied to an objective, a learning objective or an
//! inject, of a kind), which the control cell reads as it comes in.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Forms;
use crate::client::session::Session;
use crate::client::text_field::{Field, text_field};
use crate::client::{Lang, Screen, probe, theme, view_model};
use crate::observation::{Draft, Kind, Tie};

/// The parts of the screen: a seat's view, the channels, the observation form.
const SEAT: usize = 0;
const CHANNELS: usize = 1;
const WRITE: usize = 2;

fn observe(
    mut contexts: EguiContexts,
    lang: Res<Lang>,
    mut forms: ResMut<Forms>,
    mut session: ResMut<Session>,
    time: Res<Time<Real>>,
    mut next: ResMut<NextState<Screen>>,
    mut refreshed: Local<f64>,
) -> Result {
    let l = *lang;
    let code = l.code();
    let now = time.elapsed_secs_f64();
    if now - *refreshed > 3.0 && !session.waiting() {
        *refreshed = now;
        session.observe_refresh();
    }
    let mut root = theme::root(contexts.ctx_mut()?);
    let title = match &session.about {
        Some((t, _)) => format!("{} · {}", l.t("Observer"), t.get(code)),
        None => l.t("Observer").to_string(),
    };
    super::title_bar(&mut root, l, &title, Some(&mut next));
    super::notices(&mut root, l, &session, now);
    let side = if l.rtl() {
        egui::Panel::right("observer-parts")
    } else {
        egui::Panel::left("observer-parts")
    };
    side.resizable(false)
        .exact_size(230.0)
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("observer-parts")
                .show(ui, |ui| {
                    theme::column(ui, l, |ui| {
                        theme::strong(ui, l, l.t("Seats"), theme::ACCENT);
                        for s in session.seats.clone() {
                            let name = view_model::seat_name(None, &session.seats, &s.seat, code);
                            let selected = forms.observe_part == SEAT
                                && session.watching.as_deref() == Some(s.seat.as_str());
                            let tab = theme::tab(ui, l, selected, &name);
                            probe::mark(format!("observe-{}", s.seat), &tab);
                            if tab.clicked() {
                                forms.observe_part = SEAT;
                                session.watch(&s.seat);
                            }
                        }
                        ui.separator();
                        if session.observer_channels
                            && theme::tab(
                                ui,
                                l,
                                forms.observe_part == CHANNELS,
                                l.t("All channels"),
                            )
                            .clicked()
                        {
                            forms.observe_part = CHANNELS;
                            session.observe_refresh();
                        }
                        let write = theme::tab(
                            ui,
                            l,
                            forms.observe_part == WRITE,
                            l.t("Write an observation"),
                        );
                        probe::mark("observe-write", &write);
                        if write.clicked() {
                            forms.observe_part = WRITE;
                        }
                    });
                });
        });
    egui::CentralPanel::default().show(&mut root, |ui| match forms.observe_part {
        CHANNELS => super::control::all_channels(ui, l, &session),
        WRITE => write(ui, l, &mut forms, &mut session),
        _ => super::control::seat_view(ui, l, &mut forms, &mut session, false),
    });
    Ok(())
}

/// The observation form, and what this page has sent.
fn write(ui: &mut egui::Ui, l: Lang, forms: &mut Forms, session: &mut Session) {
    let code = l.code();
    let seat_name =
        |session: &Session, seat: &str| view_model::seat_name(None, &session.seats, seat, code);
    let tie_name = |session: &Session, tie: &Tie| -> String {
        let words = session
            .ties
            .iter()
            .find(|(t, _)| t == tie)
            .map(|(_, text)| text.get(code).to_string())
            .unwrap_or_default();
        match tie {
            Tie::Nothing => l.t("nothing in particular").to_string(),
            Tie::LearningObjective(_) => l.f("learning objective: {0}", &[&words]),
            Tie::Objective { seat, .. } => l.f(
                "objective of {0}: {1}",
                &[&seat_name(session, seat), &words],
            ),
            Tie::Inject(_) => l.f("inject: {0}", &[&words]),
        }
    };
    egui::ScrollArea::vertical().id_salt("observe-write").show(ui, |ui| {
        theme::column(ui, l, |ui| {
            ui.set_max_width(760.0);
            theme::heading(ui, l, l.t("Write an observation"));
            let font = egui::TextStyle::Body.resolve(ui.style());
            theme::row(ui, l, |ui| {
                theme::small(ui, l, l.t("About"));
                let about = match &forms.observe_about {
                    Some(seat) => seat_name(session, seat),
                    None => l.t("the whole exercise").to_string(),
                };
                egui::ComboBox::from_id_salt("observe-about")
                    .selected_text(theme::line(l, &about, font.clone(), theme::INK))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(
                            &mut forms.observe_about,
                            None,
                            theme::line(l, l.t("the whole exercise"), font.clone(), theme::INK),
                        );
                        for s in &session.seats {
                            ui.selectable_value(
                                &mut forms.observe_about,
                                Some(s.seat.clone()),
                                theme::line(l, &seat_name(session, &s.seat), font.clone(), theme::INK),
                            );
                        }
                    });
            });
            theme::row(ui, l, |ui| {
                theme::small(ui, l, l.t("Tied to"));
                let shown = tie_name(session, &forms.observe_tie);
                egui::ComboBox::from_id_salt("observe-tie")
                    .width(520.0)
                    .selected_text(theme::line(l, &shown, font.clone(), theme::INK))
                    .show_ui(ui, |ui| {
                        let mut ties = vec![Tie::Nothing];
                        ties.extend(session.ties.iter().map(|(t, _)| t.clone()));
                        for tie in ties {
                            let words = tie_name(session, &tie);
                            ui.selectable_value(
                                &mut forms.observe_tie,
                                tie,
                                theme::line(l, &words, font.clone(), theme::INK),
                            );
                        }
                    });
            });
            theme::row(ui, l, |ui| {
                for kind in Kind::ALL {
                    let on = forms.observe_kind == kind;
                    let pick = theme::tab(ui, l, on, l.t(kind.term()));
                    probe::mark(format!("observe-kind-{}", kind.term()), &pick);
                    if pick.clicked() {
                        forms.observe_kind = kind;
                    }
                }
            });
            let text = text_field(
                ui,
                l,
                &mut forms.observe_text,
                Field {
                    width: f32::INFINITY,
                    hint: Some(l.t("What you saw, and why it matters")),
                    rows: Some(4),
                },
            );
            probe::mark("observe-text", &text);
            let send = theme::primary(ui, l, l.t("Send the observation"));
            probe::mark("observe-send", &send);
            if send.clicked() && !forms.observe_text.trim().is_empty() {
                session.write_observation(Draft {
                    about: forms.observe_about.clone(),
                    tie: forms.observe_tie.clone(),
                    kind: forms.observe_kind,
                    text: forms.observe_text.trim().to_string(),
                });
                forms.observe_text.clear();
            }
            theme::small(
                ui,
                l,
                l.t("The control cell reads each observation as it comes in; it goes on the instructors' timeline with the turn, phase and time."),
            );
            if !session.noted.is_empty() {
                ui.add_space(8.0);
                theme::strong(ui, l, l.t("Sent"), theme::GOOD);
                for n in session.noted.iter().rev() {
                    let about = match &n.about {
                        Some(seat) => seat_name(session, seat),
                        None => l.t("the whole exercise").to_string(),
                    };
                    theme::small(
                        ui,
                        l,
                        &format!("✔ {} · {} · {}", l.t(n.kind.term()), about, tie_name(session, &n.tie)),
                    );
                    theme::written(ui, l, &n.text);
                }
            }
        });
    });
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        observe.run_if(in_state(Screen::Observe)),
    );
}
