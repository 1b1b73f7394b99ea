//! The lobby: the join code and address to give the class, the seats and who holds them,
//! claiming a seat, and (control cell) assigning seats and starting.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Forms;
use crate::client::session::{LinkState, Session};
use crate::client::text_field::{Field, text_field};
use crate::client::{Lang, Screen, probe, theme, view_model};
use crate::net::protocol::ControlAction;

fn lobby(
    mut contexts: EguiContexts,
    lang: Res<Lang>,
    mut forms: ResMut<Forms>,
    mut session: ResMut<Session>,
    time: Res<Time<Real>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let l = *lang;
    let code_lang = l.code();
    // An observer's code leads to the observer's screen, not a seat.
    if session.observer {
        next.set(Screen::Observe);
        return Ok(());
    }
    let mut root = theme::root(contexts.ctx_mut()?);
    let mut leave = false;
    egui::Panel::top("title-bar").show(&mut root, |ui| {
        theme::row(ui, l, |ui| {
            theme::strong(ui, l, "THRESHOLD", theme::ACCENT);
            theme::label(ui, l, l.t("Lobby"));
            let go = theme::button(ui, l, l.t("Leave"));
            probe::mark("leave", &go);
            if go.clicked() {
                forms.leaving = true;
            }
        });
    });
    super::notices(&mut root, l, &session, time.elapsed_secs_f64());
    egui::CentralPanel::default().show(&mut root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            theme::column(ui, l, |ui| {
                ui.set_max_width(900.0);
                // What the exercise is about: the scenario's title and summary (a student has
                // them from the server, the host from its file).
                let about = session
                    .scenario
                    .as_ref()
                    .map(|sc| (sc.title.clone(), sc.summary.clone()))
                    .or_else(|| session.about.clone());
                if let Some((title, summary)) = about {
                    theme::heading(ui, l, title.get(code_lang));
                    if !summary.en.is_empty() {
                        theme::paragraph(ui, l, summary.get(code_lang));
                    }
                }
                match (&session.link, &session.code) {
                    (LinkState::Connecting, _) => {
                        theme::label(ui, l, l.t("Connecting…"));
                    }
                    (LinkState::Lost(why), _) => {
                        theme::strong(
                            ui,
                            l,
                            &l.f("{0}: {1}", &[l.t("connection lost"), &l.say(why)]),
                            theme::BAD,
                        );
                    }
                    (_, None) => {
                        theme::label(ui, l, l.t("Waiting for the server…"));
                    }
                    (_, Some(code)) => {
                        theme::row(ui, l, |ui| {
                            theme::label(ui, l, l.t("Join code"));
                            ui.label(
                                egui::RichText::new(code)
                                    .size(34.0)
                                    .strong()
                                    .color(theme::ACCENT)
                                    .monospace(),
                            );
                        });
                    }
                }
                if let Some(addr) = &session.host_address {
                    theme::row(ui, l, |ui| {
                        theme::label(ui, l, l.t("Address for classmates"));
                        ui.label(egui::RichText::new(addr).monospace().strong());
                    });
                    theme::small(ui, l, l.t("Students join with the address and the code; browsers open http://ADDRESS/?code=CODE."));
                }
                // The instructor's own moves first, where the projector shows them.
                if session.is_instructor() {
                    theme::row_wrapped(ui, l, |ui| {
                        if !session.started() {
                            let start = theme::primary(ui, l, l.t("Start the exercise"));
                            probe::mark("lobby-start", &start);
                            if start.clicked() {
                                session.control(ControlAction::Start);
                            }
                        }
                        // Who has joined, connected, and holds which seat, before the start.
                        let class = theme::button(ui, l, l.t("Class dashboard"));
                        probe::mark("lobby-class", &class);
                        if class.clicked() {
                            forms.control_tab = super::control::CLASS;
                            next.set(Screen::Control);
                        }
                    });
                }
                // The instructor's projector: the join link, as text and as a QR code.
                if let (true, Some(link)) = (session.is_instructor(), session.join_link())
                    && !link.contains("//0.0.0.0")
                {
                    theme::strong(ui, l, l.t("Join link"), theme::ACCENT);
                    super::rejoin_line(ui, l, &link);
                    let qr = qr_code(ui, &link, 220.0);
                    probe::mark("lobby-qr", &qr);
                }
                if let Some(key) = &session.instructor_key {
                    theme::row(ui, l, |ui| {
                        theme::small(ui, l, l.t("Instructor key"));
                        ui.label(egui::RichText::new(key).monospace().small());
                    });
                }
                if let (Some(link), false) = (session.rejoin_link(), session.is_instructor()) {
                    theme::small(
                        ui,
                        l,
                        l.t("If this page closes, it brings you back here; so does your own link, from any browser:"),
                    );
                    super::rejoin_line(ui, l, &link);
                }
                ui.add_space(10.0);
                theme::strong(ui, l, l.t("Seats"), theme::ACCENT);
                let seats = session.seats.clone();
                let mine = session.seat.clone();
                // One row per seat, its cells in the reading direction (egui's grid lays
                // cells out left to right only).
                let width = ui.available_width().min(900.0);
                let name_w = 170.0;
                let who_w = 150.0;
                let act_w = 130.0;
                let role_w = (width - name_w - who_w - act_w - 4.0 * 8.0).max(120.0);
                for (i, s) in seats.iter().enumerate() {
                    theme::striped_row(ui, i, width, None, |ui| {
                            theme::row(ui, l, |ui| {
                                let actor = view_model::seat_name(
                                    session.scenario.as_deref(),
                                    &seats,
                                    &s.seat,
                                    code_lang,
                                );
                                theme::cell(ui, l, name_w, |ui| {
                                    theme::strong(ui, l, &actor, theme::INK);
                                });
                                let role = view_model::seat_role(
                                    session.scenario.as_deref(),
                                    &seats,
                                    &s.seat,
                                    code_lang,
                                );
                                let role = crate::scenario::role_beside_name(&role, &actor);
                                theme::cell(ui, l, role_w, |ui| {
                                    theme::paragraph_in(
                                        ui,
                                        l,
                                        role,
                                        egui::TextStyle::Small,
                                        theme::MUTED,
                                    );
                                });
                                theme::cell(ui, l, who_w, |ui| {
                                    // The server's seat list may not name us yet (it
                                    // follows at the next status): our own seat is ours.
                                    let ours = mine.as_deref() == Some(s.seat.as_str());
                                    let mut members = s.members.clone();
                                    if ours && !members.contains(&session.name) {
                                        members.push(session.name.clone());
                                    }
                                    if !s.playable {
                                        theme::small(ui, l, l.t("computer (not playable)"));
                                    } else if members.is_empty() {
                                        theme::small(ui, l, l.t("computer player"));
                                    } else {
                                        theme::label(ui, l, &l.list(&members));
                                    }
                                    if s.playable && s.delegation > 1 {
                                        theme::small(
                                            ui,
                                            l,
                                            &l.f(
                                                "delegation: {0} of {1}",
                                                &[
                                                    &members.len().to_string(),
                                                    &s.delegation.to_string(),
                                                ],
                                            ),
                                        );
                                    }
                                });
                                theme::cell(ui, l, act_w, |ui| {
                                    // A seat may be taken, or changed for another, until
                                    // the exercise starts.
                                    let free = mine.is_none() || !session.started();
                                    if free
                                        && mine.as_deref() != Some(s.seat.as_str())
                                        && s.playable
                                        && (s.members.len() as u32) < s.delegation
                                        && session.token.is_some()
                                    {
                                        let take = theme::button(ui, l, l.t("Take this seat"));
                                        probe::mark(format!("seat-{}", s.seat), &take);
                                        if take.clicked() {
                                            session.claim(&s.seat);
                                        }
                                    } else if mine.as_deref() == Some(s.seat.as_str()) {
                                        theme::strong(ui, l, l.t("your seat"), theme::GOOD);
                                    }
                                });
                            });
                        });
                }
                ui.add_space(10.0);
                if session.is_instructor() {
                    theme::strong(ui, l, l.t("Assign a seat"), theme::ACCENT);
                    theme::row(ui, l, |ui| {
                        theme::small(ui, l, l.t("Name"));
                        text_field(
                            ui,
                            l,
                            &mut forms.assign_name,
                            Field {
                                width: 160.0,
                                ..default()
                            },
                        );
                        let sc = session.scenario.as_deref();
                        let chosen = if forms.assign_seat.is_empty() {
                            String::new()
                        } else {
                            view_model::seat_name(sc, &seats, &forms.assign_seat, code_lang)
                        };
                        let font = egui::TextStyle::Body.resolve(ui.style());
                        egui::ComboBox::from_id_salt("assign-seat")
                            .selected_text(theme::line(l, &chosen, font.clone(), theme::INK))
                            .show_ui(ui, |ui| {
                                for s in seats.iter().filter(|s| s.playable) {
                                    ui.selectable_value(
                                        &mut forms.assign_seat,
                                        s.seat.clone(),
                                        theme::line(
                                            l,
                                            &view_model::seat_name(sc, &seats, &s.seat, code_lang),
                                            font.clone(),
                                            theme::INK,
                                        ),
                                    );
                                }
                            });
                        if theme::button(ui, l, l.t("Assign")).clicked()
                            && !forms.assign_seat.is_empty()
                        {
                            session.control(ControlAction::AssignSeat {
                                name: forms.assign_name.trim().to_string(),
                                seat: forms.assign_seat.clone(),
                            });
                        }
                    });
                    ui.add_space(10.0);
                    delegations(ui, l, &mut session);
                    theme::small(ui, l, l.t("Seats nobody takes are played by computer players."));
                } else if !session.started() {
                    theme::label(ui, l, l.t("Waiting for the instructor to start…"));
                }
            });
        });
    });
    if super::leave_prompt(root.ctx(), l, &session, &mut forms) {
        leave = true;
    }
    if leave {
        session.leave();
        next.set(super::home(&session));
    }
    Ok(())
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        lobby.run_if(in_state(Screen::Lobby)),
    );
}

/// `text` as a QR code `side` points wide, dark modules on white with the quiet zone the
/// standard asks for, so a phone reads it off a projector.
/// The control cell's choices for seating the class: how many people may hold one seat
/// together (a delegation), and whether students choose their seats or the control cell
/// seats them.
pub(super) fn delegations(ui: &mut egui::Ui, l: Lang, session: &mut Session) {
    let Some(status) = session.status.clone() else {
        return;
    };
    theme::row(ui, l, |ui| {
        theme::small(ui, l, l.t("People per seat"));
        let size = status.delegation;
        let shown = size.map_or_else(
            || l.t("as the scenario says").to_string(),
            |n| n.to_string(),
        );
        let less = theme::button(ui, l, "−");
        theme::label(ui, l, &shown);
        let more = theme::button(ui, l, "+");
        probe::mark("delegation-more", &more);
        let now = size.unwrap_or(1);
        if less.clicked() && now > 1 {
            session.control(ControlAction::Delegations {
                size: Some(now - 1),
            });
        }
        if more.clicked() && now < crate::conductor::MAX_DELEGATION {
            session.control(ControlAction::Delegations {
                size: Some(now + 1),
            });
        }
    });
    let mut only = status.assigned_only;
    let font = egui::TextStyle::Small.resolve(ui.style());
    if ui
        .checkbox(
            &mut only,
            theme::line(
                l,
                l.t("Only the control cell seats people"),
                font,
                theme::INK,
            ),
        )
        .changed()
    {
        session.control(ControlAction::AssignedOnly(only));
    }
}

fn qr_code(ui: &mut egui::Ui, text: &str, side: f32) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
    let Ok(code) = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
    else {
        return response;
    };
    const QUIET: usize = 4;
    let n = code.width();
    let module = side / (n + 2 * QUIET) as f32;
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, egui::Color32::WHITE);
    for y in 0..n {
        for x in 0..n {
            if code[(x, y)] == qrcode::Color::Dark {
                let min =
                    rect.min + egui::vec2((x + QUIET) as f32 * module, (y + QUIET) as f32 * module);
                painter.rect_filled(
                    egui::Rect::from_min_size(min, egui::vec2(module, module)),
                    0.0,
                    egui::Color32::BLACK,
                );
            }
        }
    }
    response
}
