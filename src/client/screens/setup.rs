//! Starting an exercise: Quick exercise (everything in this process), Host (a server in
//! this process that classmates join) and Join (a server elsewhere).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Forms;
use crate::client::library::Library;
use crate::client::session::Session;
use crate::client::text_field::{Field, text_field};
use crate::client::{Lang, Screen, probe, theme};
use crate::i18n::Arg;

/// The scenario and (for a quick game) seat pickers.
fn pick_scenario(ui: &mut egui::Ui, l: Lang, library: &Library, forms: &mut Forms, seat: bool) {
    let code = l.code();
    theme::strong(ui, l, l.t("Scenario"), theme::ACCENT);
    for (i, e) in library.playable() {
        let Some(sc) = e.scenario() else { continue };
        if theme::tab(ui, l, forms.scenario == i, sc.title.get(code)).clicked() {
            forms.scenario = i;
            forms.seat = None;
        }
    }
    let Some(sc) = library
        .entries
        .get(forms.scenario)
        .and_then(|e| e.scenario())
    else {
        return;
    };
    theme::paragraph_in(
        ui,
        l,
        sc.summary.get(code),
        egui::TextStyle::Small,
        theme::MUTED,
    );
    if !seat {
        return;
    }
    ui.add_space(8.0);
    theme::strong(ui, l, l.t("Your seat"), theme::ACCENT);
    if forms.seat.is_none() {
        forms.seat = sc.seats.iter().find(|s| s.playable).map(|s| s.id.clone());
    }
    for s in sc.seats.iter().filter(|s| s.playable) {
        let who = sc
            .actors
            .iter()
            .find(|a| a.id == s.actor)
            .map(|a| a.name.get(code))
            .unwrap_or(&s.actor);
        let text = crate::scenario::seat_title(who, s.role.get(code));
        if theme::tab(ui, l, forms.seat.as_deref() == Some(s.id.as_str()), &text).clicked() {
            forms.seat = Some(s.id.clone());
        }
    }
    theme::small(
        ui,
        l,
        l.t("Computer players take every other seat. Everything runs on this computer."),
    );
}

fn display_name(forms: &Forms, fallback: &str) -> String {
    let n = forms.name.trim();
    if n.is_empty() {
        fallback.to_string()
    } else {
        n.to_string()
    }
}

/// Starts a server in this process (listening on `address` for a class), creates the
/// chosen scenario's exercise and joins it: with the chosen seat and started at once for a
/// quick game, as the control cell alone when hosting. False (with a notice) if it fails.
fn begin(
    session: &mut Session,
    forms: &Forms,
    library: &Library,
    address: Option<std::net::SocketAddr>,
    fallback_name: &str,
) -> bool {
    let Some(entry) = library.entries.get(forms.scenario) else {
        return false;
    };
    let Some(sc) = entry.scenario() else {
        return false;
    };
    if let Err(e) = session.start_local(address) {
        session.fail("Could not start the exercise", e);
        return false;
    }
    let quick = address.is_none();
    session.name = display_name(forms, fallback_name);
    session.create(
        sc.clone(),
        entry.file.clone(),
        entry.source.clone(),
        forms.seat.clone().filter(|_| quick),
        quick,
    );
    true
}

fn quick(
    mut contexts: EguiContexts,
    lang: Res<Lang>,
    library: Res<Library>,
    mut forms: ResMut<Forms>,
    mut session: ResMut<Session>,
    time: Res<Time<Real>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let l = *lang;
    let mut root = theme::root(contexts.ctx_mut()?);
    super::title_bar(&mut root, l, l.t("Quick exercise"), Some(&mut next));
    super::notices(&mut root, l, &session, time.elapsed_secs_f64());
    egui::CentralPanel::default().show(&mut root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            theme::column(ui, l, |ui| {
                ui.set_max_width(760.0);
                pick_scenario(ui, l, &library, &mut forms, true);
                ui.add_space(12.0);
                let start = theme::primary(ui, l, l.t("Start"));
                probe::mark("quick-start", &start);
                if start.clicked() && begin(&mut session, &forms, &library, None, l.t("You")) {
                    next.set(Screen::Lobby);
                }
            });
        });
    });
    Ok(())
}

fn host(
    mut contexts: EguiContexts,
    lang: Res<Lang>,
    library: Res<Library>,
    mut forms: ResMut<Forms>,
    mut session: ResMut<Session>,
    time: Res<Time<Real>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let l = *lang;
    let mut root = theme::root(contexts.ctx_mut()?);
    super::title_bar(&mut root, l, l.t("Host a class"), Some(&mut next));
    super::notices(&mut root, l, &session, time.elapsed_secs_f64());
    egui::CentralPanel::default().show(&mut root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            theme::column(ui, l, |ui| {
                ui.set_max_width(760.0);
                pick_scenario(ui, l, &library, &mut forms, false);
                ui.add_space(8.0);
                theme::strong(ui, l, l.t("Address to listen on"), theme::ACCENT);
                ui.add(egui::TextEdit::singleline(&mut forms.host_address).desired_width(240.0));
                theme::small(ui, l, l.t("Classmates join at this address: desktop clients over UDP, browsers over WebSocket and HTTP on the same port. 0.0.0.0 listens on every network."));
                ui.add_space(12.0);
                if theme::primary(ui, l, l.t("Host")).clicked() {
                    match forms.host_address.trim().parse() {
                        Err(e) => session.fail(
                            "not an address (HOST:PORT)",
                            Arg::id(format!("{}: {e}", forms.host_address.trim())),
                        ),
                        Ok(addr) => {
                            if begin(
                                &mut session,
                                &forms,
                                &library,
                                Some(addr),
                                l.t("Instructor"),
                            ) {
                                next.set(Screen::Lobby);
                            }
                        }
                    }
                }
            });
        });
    });
    Ok(())
}

fn join(
    mut contexts: EguiContexts,
    lang: Res<Lang>,
    mut forms: ResMut<Forms>,
    mut session: ResMut<Session>,
    time: Res<Time<Real>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let l = *lang;
    let mut root = theme::root(contexts.ctx_mut()?);
    super::title_bar(&mut root, l, l.t("Join an exercise"), Some(&mut next));
    super::notices(&mut root, l, &session, time.elapsed_secs_f64());
    egui::CentralPanel::default().show(&mut root, |ui| {
        theme::column(ui, l, |ui| {
            ui.set_max_width(520.0);
            theme::strong(ui, l, l.t("Server address"), theme::ACCENT);
            let address =
                ui.add(egui::TextEdit::singleline(&mut forms.join_address).desired_width(320.0));
            probe::mark("join-address", &address);
            theme::small(ui, l, l.t("HOST:PORT or https://HOST:PORT for UDP, ws://HOST:PORT or wss://HOST:PORT for WebSocket (as the instructor's screen shows it)."));
            theme::strong(ui, l, l.t("Join code"), theme::ACCENT);
            let code = ui.add(
                egui::TextEdit::singleline(&mut forms.code)
                    .desired_width(160.0)
                    .font(egui::TextStyle::Heading),
            );
            probe::mark("join-code", &code);
            theme::strong(ui, l, l.t("Your name"), theme::ACCENT);
            let name = text_field(
                ui,
                l,
                &mut forms.name,
                Field {
                    width: 320.0,
                    ..default()
                },
            );
            probe::mark("join-name", &name);
            ui.add_space(12.0);
            // Coming back (a rejoin link, or the token this page kept for the code) needs
            // no name: the seat is the participant's already.
            let coming_back = !forms.code.trim().is_empty() && forms.rejoin.is_some();
            let ready = !forms.code.trim().is_empty() && !forms.name.trim().is_empty();
            let go = ui.add_enabled(
                ready,
                egui::Button::new(l.t("Join")).min_size(egui::vec2(180.0, 34.0)),
            );
            probe::mark("join-go", &go);
            if go.clicked() || ((ready || coming_back) && std::mem::take(&mut forms.join_now)) {
                session.name = forms.name.trim().to_string();
                match session.connect(&forms.join_address) {
                    Ok(()) => {
                        let code = forms.code.clone();
                        // A token kept for this code brings its holder back, whatever name
                        // was typed; it is used once (a refused one is forgotten).
                        let rejoin = forms
                            .rejoin
                            .take()
                            .or_else(|| crate::client::keep::recall(&code));
                        session.join(&code, rejoin);
                        next.set(Screen::Lobby);
                    }
                    Err(e) => session.fail("Could not join", e),
                }
            }
        });
    });
    Ok(())
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        (
            quick.run_if(in_state(Screen::Quick)),
            host.run_if(in_state(Screen::Host)),
            join.run_if(in_state(Screen::Join)),
        ),
    );
}
