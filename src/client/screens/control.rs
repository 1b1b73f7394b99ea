//! The control cell: every seat's view, injects (the scenario's or new ones), pause,
//! deadlines, the end, every channel, and the after-action report building up live.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{Forms, Tab};
use crate::client::session::Session;
use crate::client::text_field::{Field, text_field};
use crate::client::{Lang, Screen, probe, theme, view_model};
use crate::net::protocol::{AtDeadline, ControlAct, ControlAction};
use crate::scenario::{Audience, Text};

const PARTS: [&str; 6] = [
    "Seat views",
    "Injects",
    "All channels",
    "Live report",
    "Class",
    "Observations",
];
/// What the browser test calls each part.
const PART_MARKS: [&str; 6] = [
    "seats",
    "injects",
    "channels",
    "report",
    "class",
    "observations",
];
/// The index of the class dashboard in `PARTS`.
pub(super) const CLASS: usize = 4;
/// The index of the observations in `PARTS`.
const OBSERVATIONS: usize = 5;

fn control(
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
    // The report and the channels are fetched again every few seconds while shown.
    if now - *refreshed > 3.0 && !session.waiting() {
        *refreshed = now;
        match forms.control_tab {
            1 => {
                session.control(ControlAction::FiredInjects);
                session.control(ControlAction::Expectations);
            }
            2 => session.control(ControlAction::ReadChannels),
            OBSERVATIONS => session.control(ControlAction::Observations),
            3 => session.request_debrief(),
            0 => {
                if let Some(seat) = session.watching.clone() {
                    session.control(ControlAction::ViewSeat { seat });
                }
                // The engine's assessment shown beside a seat's evidence.
                if forms.tab == Tab::Evidence {
                    session.request_debrief();
                }
            }
            _ => {}
        }
    }
    // The class dashboard is polled by the session while it is on screen.
    session.watch_class = forms.control_tab == CLASS;
    let mut root = theme::root(contexts.ctx_mut()?);
    super::exercise::status_bar(
        &mut root,
        l,
        &mut session,
        &mut forms,
        Screen::Control,
        &mut next,
    );
    super::notices(&mut root, l, &session, now);
    let side = if l.rtl() {
        egui::Panel::right("control-side")
    } else {
        egui::Panel::left("control-side")
    };
    side.resizable(false)
        .exact_size(240.0)
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("control-side")
                .show(ui, |ui| {
                    theme::column(ui, l, |ui| {
                        theme::heading(ui, l, l.t("Control cell"));
                        for (i, key) in PARTS.iter().enumerate() {
                            let tab = theme::tab(ui, l, forms.control_tab == i, l.t(key));
                            probe::mark(format!("control-{}", PART_MARKS[i]), &tab);
                            if tab.clicked() {
                                forms.control_tab = i;
                                *refreshed = 0.0;
                            }
                        }
                        ui.separator();
                        theme::strong(ui, l, l.t("The clock"), theme::ACCENT);
                        let paused = session.status.as_ref().is_some_and(|s| s.paused);
                        let started = session.started();
                        theme::row_wrapped(ui, l, |ui| {
                            let (key, action) = if !started {
                                ("Start", ControlAction::Start)
                            } else if paused {
                                ("Resume", ControlAction::Resume)
                            } else {
                                ("Pause", ControlAction::Pause)
                            };
                            let clock = theme::button(ui, l, l.t(key));
                            probe::mark(format!("control-{}", key.to_lowercase()), &clock);
                            if clock.clicked() {
                                session.control(action);
                            }
                            if theme::button(ui, l, l.t("Next phase")).clicked() {
                                session.game(ControlAct::Advance);
                            }
                        });
                        theme::small(ui, l, l.t("Deadline"));
                        theme::row_wrapped(ui, l, |ui| {
                            for (step, seconds) in [("−1", -60), ("+1", 60), ("+5", 300)] {
                                if theme::button(ui, l, &l.f("{0} min", &[step])).clicked() {
                                    session.control(ControlAction::AdjustDeadline { seconds });
                                }
                            }
                        });
                        if let Some(status) = &session.status {
                            let mut send = status.at_deadline == AtDeadline::Send;
                            let label = l.t("At the deadline, drafts not sent go in as orders");
                            if ui
                                .checkbox(
                                    &mut send,
                                    theme::line(
                                        l,
                                        label,
                                        egui::TextStyle::Small.resolve(ui.style()),
                                        theme::INK,
                                    ),
                                )
                                .changed()
                            {
                                session.control(ControlAction::AtDeadline(if send {
                                    AtDeadline::Send
                                } else {
                                    AtDeadline::Discard
                                }));
                            }
                        }
                        ui.add_space(8.0);
                        if !session.ended()
                            && theme::button(ui, l, l.t("End the exercise")).clicked()
                        {
                            session.game(ControlAct::End);
                        }
                        ui.separator();
                        theme::strong(ui, l, l.t("Seats"), theme::ACCENT);
                        for s in session.seats.clone() {
                            let who = if s.members.is_empty() {
                                l.t("computer player").to_string()
                            } else {
                                l.list(&s.members)
                            };
                            let selected = session.watching.as_deref() == Some(s.seat.as_str());
                            let name = view_model::seat_name(
                                session.scenario.as_deref(),
                                &session.seats,
                                &s.seat,
                                l.code(),
                            );
                            if theme::tab(ui, l, selected, &format!("{name} · {who}")).clicked() {
                                forms.control_tab = 0;
                                session.control(ControlAction::ViewSeat {
                                    seat: s.seat.clone(),
                                });
                            }
                        }
                    });
                });
        });
    egui::CentralPanel::default().show(&mut root, |ui| match forms.control_tab {
        0 => seat_view(ui, l, &mut forms, &mut session, true),
        1 => {
            egui::ScrollArea::vertical()
                .id_salt("injects")
                .show(ui, |ui| {
                    theme::column(ui, l, |ui| {
                        theme::heading(ui, l, l.t("Injects"));
                        let injects = session
                            .scenario
                            .as_ref()
                            .map(|s| s.injects.clone())
                            .unwrap_or_default();
                        for inject in injects {
                            theme::card(ui, |ui| {
                                theme::column(ui, l, |ui| {
                                    theme::row(ui, l, |ui| {
                                        theme::strong(ui, l, inject.title.get(code), theme::INK);
                                        if session.fired_injects.contains(&inject.id) {
                                            theme::strong(ui, l, l.t("sent"), theme::GOOD);
                                        } else {
                                            let send = theme::button(ui, l, l.t("Send now"));
                                            probe::mark(format!("inject-{}", inject.id), &send);
                                            if send.clicked() {
                                                session.game(ControlAct::Inject {
                                                    inject: inject.id.clone(),
                                                });
                                                // Marked sent as soon as the server says so.
                                                *refreshed = 0.0;
                                            }
                                        }
                                    });
                                    theme::paragraph_in(
                                        ui,
                                        l,
                                        inject.body.get(code),
                                        egui::TextStyle::Small,
                                        theme::MUTED,
                                    );
                                    facilitation(ui, l, &session, &inject);
                                });
                            });
                        }
                        ui.add_space(8.0);
                        theme::strong(
                            ui,
                            l,
                            l.t("Write a new inject (to everyone)"),
                            theme::ACCENT,
                        );
                        text_field(
                            ui,
                            l,
                            &mut forms.inject_title,
                            Field {
                                width: f32::INFINITY,
                                hint: Some(l.t("Title")),
                                rows: None,
                            },
                        );
                        text_field(
                            ui,
                            l,
                            &mut forms.inject_body,
                            Field {
                                width: f32::INFINITY,
                                hint: Some(l.t("What happens")),
                                rows: Some(3),
                            },
                        );
                        if theme::button(ui, l, l.t("Send inject")).clicked()
                            && !forms.inject_title.trim().is_empty()
                        {
                            // Written in one language: every language shows it as written.
                            let text = |s: &str| Text::new(s);
                            session.game(ControlAct::WriteInject {
                                title: text(forms.inject_title.trim()),
                                body: text(forms.inject_body.trim()),
                                audience: Audience::All,
                            });
                            forms.inject_title.clear();
                            forms.inject_body.clear();
                        }
                    });
                });
        }
        2 => all_channels(ui, l, &session),
        CLASS => class(ui, l, &mut session),
        OBSERVATIONS => observations(ui, l, &mut session),
        _ => match session.debrief.clone() {
            Some(d) => {
                let forms = &mut *forms;
                super::debrief::report(
                    ui,
                    l,
                    &d,
                    &mut forms.report_to,
                    true,
                    Some(&mut forms.plan),
                );
                super::debrief::plan_requests(&mut session, forms, l);
            }
            None => {
                theme::label(ui, l, l.t("Fetching the report…"));
            }
        },
    });
    Ok(())
}

/// A seat's view exactly as the seat sees it (`assessment`: beside its evidence, the
/// engine's own assessment of each incident, which only the control cell sees).
pub(super) fn seat_view(
    ui: &mut egui::Ui,
    l: Lang,
    forms: &mut Forms,
    session: &mut Session,
    assessment: bool,
) {
    let Some(view) = session.watched.clone() else {
        theme::label(ui, l, l.t("Choose a seat to see exactly what it sees."));
        return;
    };
    theme::row(ui, l, |ui| {
        theme::strong(
            ui,
            l,
            &format!(
                "{}: {}",
                l.t("Seen as"),
                view_model::seat_name(
                    session.scenario.as_deref(),
                    &session.seats,
                    &view.seat,
                    l.code()
                )
            ),
            theme::WARN,
        );
        for tab in [
            Tab::Situation,
            Tab::Evidence,
            Tab::Institutions,
            Tab::Codex,
            Tab::News,
        ] {
            if theme::tab(ui, l, forms.tab == tab, l.t(tab.key())).clicked() {
                forms.tab = tab;
            }
        }
    });
    ui.separator();
    match forms.tab {
        // With the engine's assessment of each incident, which no seat sees.
        Tab::Evidence => super::tabs::evidence(
            ui,
            l,
            &view,
            session.debrief.as_deref().filter(|_| assessment),
            &mut forms.scroll_to_judged,
        ),
        Tab::Institutions => super::institutions::institutions(ui, l, &view, forms, session, false),
        Tab::Codex => super::tabs::codex(ui, l, &view, &mut forms.glossary_open),
        Tab::News => super::tabs::news(ui, l, &view, &mut forms.news_part),
        _ => {
            super::tabs::situation(
                ui,
                l,
                &view,
                session.scenario.as_deref(),
                false,
                &mut forms.scroll_to_judged,
            );
        }
    }
}

/// The observers' code, what observers may read, and every observation as it comes in,
/// newest first.
fn observations(ui: &mut egui::Ui, l: Lang, session: &mut Session) {
    use crate::observation::Tie;
    let code = l.code();
    egui::ScrollArea::vertical()
        .id_salt("observations")
        .show(ui, |ui| {
            theme::column(ui, l, |ui| {
                theme::heading(ui, l, l.t("Observations"));
                theme::row(ui, l, |ui| {
                    theme::small(ui, l, l.t("Observers' code"));
                    match session.observer_code.clone() {
                        Some(c) => {
                            ui.label(egui::RichText::new(c).monospace().strong());
                        }
                        None => {
                            let show = theme::button(ui, l, l.t("Make the observers' code"));
                            probe::mark("observer-code", &show);
                            if show.clicked() {
                                session.control(ControlAction::ObserverCode);
                            }
                        }
                    }
                });
                theme::small(ui, l, l.t("Observers and evaluators join with this code as students join with theirs: they see any seat's view and act on nothing."));
                let mut open = session.status.as_ref().is_some_and(|s| s.observers_read_channels);
                let font = egui::TextStyle::Small.resolve(ui.style());
                if ui
                    .checkbox(
                        &mut open,
                        theme::line(l, l.t("Observers read every channel"), font, theme::INK),
                    )
                    .changed()
                {
                    session.control(ControlAction::ObserversReadChannels(open));
                }
                ui.separator();
                if session.observations.is_empty() {
                    theme::small(ui, l, l.t("No observations yet."));
                }
                let seat_name = |seat: &str| {
                    view_model::seat_name(session.scenario.as_deref(), &session.seats, seat, code)
                };
                let sc = session.scenario.clone();
                let tie = |t: &Tie| -> String {
                    let sc = sc.as_deref();
                    match t {
                        Tie::Nothing => String::new(),
                        Tie::LearningObjective(id) => {
                            let text = sc
                                .and_then(|s| s.learning_objectives.iter().find(|o| &o.id == id))
                                .map_or(id.clone(), |o| o.text.get(code).to_string());
                            l.f("learning objective: {0}", &[&text])
                        }
                        Tie::Objective { seat, id } => {
                            let text = sc
                                .and_then(|s| s.seats.iter().find(|x| &x.id == seat))
                                .and_then(|s| s.objectives.iter().find(|o| &o.id == id))
                                .map_or(id.clone(), |o| o.text.get(code).to_string());
                            l.f("objective of {0}: {1}", &[&seat_name(seat), &text])
                        }
                        Tie::Inject(id) => {
                            let text = sc
                                .and_then(|s| s.injects.iter().find(|i| &i.id == id))
                                .map_or(id.clone(), |i| i.title.get(code).to_string());
                            l.f("inject: {0}", &[&text])
                        }
                    }
                };
                for n in session.observations.iter().rev() {
                    let about = match &n.draft.about {
                        Some(seat) => seat_name(seat),
                        None => l.t("the whole exercise").to_string(),
                    };
                    theme::card(ui, |ui| {
                        theme::column(ui, l, |ui| {
                            theme::strong(
                                ui,
                                l,
                                &format!(
                                    "{} · {} · {}",
                                    l.t(n.draft.kind.term()),
                                    about,
                                    n.by
                                ),
                                theme::ACCENT,
                            );
                            theme::small(
                                ui,
                                l,
                                &format!(
                                    "{} {} · {} · {}",
                                    l.t("turn"),
                                    n.turn,
                                    l.t(n.phase.name()),
                                    tie(&n.draft.tie)
                                ),
                            );
                            theme::written(ui, l, &n.draft.text);
                        });
                    });
                }
            });
        });
}

/// Every channel's messages, with who could read each.
pub(super) fn all_channels(ui: &mut egui::Ui, l: Lang, session: &Session) {
    egui::ScrollArea::vertical()
        .id_salt("all-channels")
        .stick_to_bottom(true)
        .show(ui, |ui| {
            theme::column(ui, l, |ui| {
                theme::heading(ui, l, l.t("All channels"));
                if session.channels.is_empty() {
                    theme::small(ui, l, l.t("No messages yet."));
                }
                for (m, readers) in &session.channels {
                    theme::strong(
                        ui,
                        l,
                        &format!(
                            "[{}] {} · {} {} · {}: {}",
                            m.channel,
                            m.from,
                            l.t("turn"),
                            m.turn,
                            l.t("read by"),
                            readers.join(l.comma())
                        ),
                        theme::ACCENT,
                    );
                    let text = m.said.as_ref().map(|p| l.say(p));
                    theme::paragraph(ui, l, text.as_deref().unwrap_or(&m.text));
                }
            });
        });
}

/// Beside an inject, for the control cell: its notes (what to watch for, questions to ask,
/// what happened in reality) and the player actions it is meant to draw, each met, open or
/// missed once it has fired.
fn facilitation(
    ui: &mut egui::Ui,
    l: Lang,
    session: &Session,
    inject: &crate::scenario::InjectDef,
) {
    use crate::sim::injects::ExpectedStatus;
    let code = l.code();
    if let Some(notes) = &inject.facilitator {
        theme::strong(ui, l, l.t("Facilitator notes"), theme::ACCENT);
        theme::paragraph_in(ui, l, notes.get(code), egui::TextStyle::Small, theme::INK);
    }
    if inject.expected.is_empty() {
        return;
    }
    theme::strong(ui, l, l.t("Expected actions"), theme::ACCENT);
    for x in &inject.expected {
        let seat =
            view_model::seat_name(session.scenario.as_deref(), &session.seats, &x.seat, code);
        let line = session
            .expectations
            .iter()
            .find(|e| e.inject == inject.id && e.id == x.id);
        let (mark, color, status) = match line.map(|e| (e.status, e.due)) {
            None => (
                "○",
                theme::MUTED,
                l.f("within {0} turns of the inject", &[&x.within.to_string()]),
            ),
            Some((ExpectedStatus::Open, due)) => (
                "○",
                theme::INK,
                l.f("open: due by the end of turn {0}", &[&due.to_string()]),
            ),
            Some((ExpectedStatus::Met(turn), _)) => (
                "✔",
                theme::GOOD,
                l.f("met in turn {0}", &[&turn.to_string()]),
            ),
            Some((ExpectedStatus::Missed, due)) => (
                "✖",
                theme::BAD,
                l.f("missed: not by the end of turn {0}", &[&due.to_string()]),
            ),
        };
        theme::paragraph_in(
            ui,
            l,
            &format!("{mark} {seat}: {}", x.text.get(code)),
            egui::TextStyle::Body,
            color,
        );
        theme::small(ui, l, &status);
    }
}

/// The class at a glance: each seat, the delegation that holds it (or its computer
/// player), ready or not and who said so, orders drafted and sent and who sent them,
/// messages this turn; seats whose members have done nothing this phase are marked. Then
/// everyone who joined: connected or not, last heard from, and their seat, which the control
/// cell changes here (another seat, the lobby), as it hands a seat to its computer player.
fn class(ui: &mut egui::Ui, l: Lang, session: &mut Session) {
    let board = session.dashboard.clone();
    let seat_name = |session: &Session, seat: &str| {
        view_model::seat_name(session.scenario.as_deref(), &session.seats, seat, l.code())
    };
    egui::ScrollArea::vertical()
        .id_salt("class")
        .show(ui, |ui| {
            theme::column(ui, l, |ui| {
                theme::heading(ui, l, l.t("Class"));
                super::lobby::delegations(ui, l, session);
                if let Some(left) = session.seconds_left() {
                    theme::label(
                        ui,
                        l,
                        &l.f(
                            "Time left in this phase: {0}",
                            &[&format!("{}:{:02}", left / 60, left % 60)],
                        ),
                    );
                }
                let idle = board.seats.iter().filter(|r| r.idle).count();
                if idle > 0 {
                    let text = if idle == 1 {
                        l.t("One seat has done nothing in this phase").to_string()
                    } else {
                        l.f(
                            "{0} seats have done nothing in this phase",
                            &[&idle.to_string()],
                        )
                    };
                    theme::strong(ui, l, &text, theme::WARN);
                }
                let width = ui.available_width().min(1000.0);
                for (i, r) in board.seats.iter().enumerate() {
                    let highlight = r.idle.then(|| theme::WARN.gamma_multiply(0.18));
                    let row = theme::striped_row(ui, i, width, highlight, |ui| {
                        theme::row_wrapped(ui, l, |ui| {
                            theme::strong(ui, l, &seat_name(session, &r.seat), theme::INK);
                            if r.members.is_empty() {
                                theme::small(ui, l, l.t("computer player"));
                            } else {
                                theme::label(ui, l, &l.list(&r.members));
                                if r.delegation > 1 {
                                    theme::small(
                                        ui,
                                        l,
                                        &l.f(
                                            "delegation: {0} of {1}",
                                            &[
                                                &r.members.len().to_string(),
                                                &r.delegation.to_string(),
                                            ],
                                        ),
                                    );
                                }
                                // Computer players are ready when the phase ends.
                                let ready = match (&r.ready_by, r.ready) {
                                    (Some(who), true) => l.f("ready ({0})", &[who]),
                                    (None, true) => l.t("ready").to_string(),
                                    _ => l.t("not ready").to_string(),
                                };
                                theme::small(ui, l, &ready);
                            }
                            theme::small(
                                ui,
                                l,
                                &l.f(
                                    "{0} drafted, {1} sent",
                                    &[&r.drafted.to_string(), &r.sent.to_string()],
                                ),
                            );
                            if let Some(who) = &r.sent_by {
                                theme::small(ui, l, &l.f("sent by {0}", &[who]));
                            }
                            theme::small(
                                ui,
                                l,
                                &l.f("{0} messages this turn", &[&r.messages.to_string()]),
                            );
                            if r.idle {
                                theme::strong(ui, l, l.t("nothing yet this phase"), theme::WARN);
                            }
                            if !r.members.is_empty() {
                                let hand = theme::button(ui, l, l.t("Hand to the computer"));
                                probe::mark(format!("computer-{}", r.seat), &hand);
                                if hand.clicked() {
                                    session.control(ControlAction::ToComputer {
                                        seat: r.seat.clone(),
                                    });
                                }
                            }
                        });
                    });
                    probe::mark(format!("class-{}", r.seat), &row.response);
                }
                ui.add_space(10.0);
                theme::strong(ui, l, l.t("People"), theme::ACCENT);
                if board.people.is_empty() {
                    theme::small(ui, l, l.t("Nobody has joined yet."));
                }
                for (i, p) in board.people.iter().enumerate() {
                    let highlight = p.idle.then(|| theme::WARN.gamma_multiply(0.18));
                    theme::striped_row(ui, i, width, highlight, |ui| {
                        theme::row_wrapped(ui, l, |ui| {
                            theme::strong(ui, l, &p.name, theme::INK);
                            let (text, color) = if p.connected {
                                (l.t("connected"), theme::GOOD)
                            } else {
                                (l.t("not connected"), theme::BAD)
                            };
                            theme::strong(ui, l, text, color);
                            if let Some(s) = p.seen_secs_ago {
                                theme::small(ui, l, &l.f("seen {0} s ago", &[&s.to_string()]));
                            }
                            let here = match &p.seat {
                                Some(seat) => seat_name(session, seat),
                                None => l.t("in the lobby").to_string(),
                            };
                            let font = egui::TextStyle::Body.resolve(ui.style());
                            let mut chosen = p.seat.clone();
                            egui::ComboBox::from_id_salt(("move", i))
                                .selected_text(theme::line(l, &here, font.clone(), theme::INK))
                                .show_ui(ui, |ui| {
                                    for s in board.seats.iter() {
                                        let full = s.members.len() as u32 >= s.delegation
                                            && s.delegation > 1
                                            && p.seat.as_deref() != Some(s.seat.as_str());
                                        ui.add_enabled_ui(!full, |ui| {
                                            ui.selectable_value(
                                                &mut chosen,
                                                Some(s.seat.clone()),
                                                theme::line(
                                                    l,
                                                    &seat_name(session, &s.seat),
                                                    font.clone(),
                                                    theme::INK,
                                                ),
                                            );
                                        });
                                    }
                                    ui.selectable_value(
                                        &mut chosen,
                                        None,
                                        theme::line(
                                            l,
                                            l.t("in the lobby"),
                                            font.clone(),
                                            theme::INK,
                                        ),
                                    );
                                });
                            if chosen != p.seat {
                                session.control(match chosen {
                                    Some(seat) => ControlAction::AssignSeat {
                                        name: p.name.clone(),
                                        seat,
                                    },
                                    None => ControlAction::Unseat {
                                        name: p.name.clone(),
                                    },
                                });
                            }
                        });
                    });
                }
                if !board.observers.is_empty() {
                    ui.add_space(10.0);
                    theme::strong(ui, l, l.t("Observers and evaluators"), theme::ACCENT);
                    theme::label(ui, l, &l.list(&board.observers));
                }
            });
        });
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        control.run_if(in_state(Screen::Control)),
    );
}
