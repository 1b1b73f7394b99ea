//! The exercise screen: the status bar (turn, phase, countdown, ready), the tabs, and the
//! tab the player is on.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{Forms, Tab};
use crate::client::session::Session;
use crate::client::view_model::clock;
use crate::client::{Lang, Screen, probe, theme};
use crate::net::protocol::SeatAct;
use crate::scenario::Var;
use crate::sim::clock::Phase;
use crate::sim::exercise::Moment;
use crate::sim::view::SeatView;

pub fn phase_key(p: Phase) -> &'static str {
    match p {
        Phase::Briefing => "Briefing",
        Phase::Negotiation => "Negotiation",
        Phase::Orders => "Orders",
        Phase::Resolution => "Resolution",
        Phase::Press => "Press",
        Phase::Ended => "Ended",
    }
}

/// Turn, phase, countdown, the seat's means, ready, and the ways to other screens.
pub fn status_bar(
    ui: &mut egui::Ui,
    l: Lang,
    session: &mut Session,
    forms: &mut Forms,
    here: Screen,
    next: &mut NextState<Screen>,
) {
    if super::leave_prompt(ui.ctx(), l, session, forms) {
        session.leave();
        next.set(super::home(session));
    }
    ready_prompt(ui.ctx(), l, session, forms);
    egui::Panel::top("status-bar").show(ui, |ui| {
        theme::row_wrapped(ui, l, |ui| {
            theme::strong(ui, l, "THRESHOLD", theme::ACCENT);
            let title = session
                .scenario
                .as_ref()
                .map(|sc| &sc.title)
                .or(session.about.as_ref().map(|(t, _)| t));
            if let Some(title) = title {
                theme::label(ui, l, title.get(l.code()));
            }
            if let Some(st) = &session.status {
                // Students who joined have no scenario file: their view says how many turns.
                let turns = session
                    .view
                    .as_ref()
                    .map(|v| v.turns)
                    .or(session.scenario.as_ref().map(|s| s.turns))
                    .unwrap_or(0);
                theme::strong(
                    ui,
                    l,
                    &l.f(
                        "turn {0} of {1}",
                        &[&st.turn.to_string(), &turns.to_string()],
                    ),
                    theme::INK,
                );
                let phase = match st.phase.as_str() {
                    "briefing" => Phase::Briefing,
                    "negotiation" => Phase::Negotiation,
                    "orders" => Phase::Orders,
                    "resolution" => Phase::Resolution,
                    "press" => Phase::Press,
                    _ => Phase::Ended,
                };
                theme::strong(ui, l, l.t(phase_key(phase)), theme::ACCENT);
                if st.paused {
                    theme::strong(ui, l, l.t("paused"), theme::WARN);
                } else if let Some(left) = session.seconds_left() {
                    let color = if left <= 30 { theme::WARN } else { theme::INK };
                    theme::strong(ui, l, &format!("⏱ {}", clock(left)), color);
                }
            }
            if let Some(v) = &session.view {
                // Each number with its explanation on hover (a click opens the glossary).
                for var in Var::ALL {
                    let text = format!("{} {}", l.t(var.term()), v.me.get(var));
                    let id = crate::client::glossary::of_var(var).map(|e| e.id.as_str());
                    match id {
                        Some(id) => {
                            crate::client::glossary::term(
                                ui,
                                l,
                                &text,
                                id,
                                &mut forms.glossary_open,
                            );
                        }
                        None => {
                            theme::small(ui, l, &text);
                        }
                    }
                }
                let ended = session.ended();
                if !ended && here == Screen::Exercise {
                    let ready = v.ready;
                    // In a delegation, who declared the seat ready.
                    let declared = v.ready_by.clone().filter(|_| v.members.len() > 1);
                    let text = if ready {
                        l.t("Ready ✔")
                    } else {
                        l.t("I am ready")
                    };
                    let button = egui::Button::new(theme::line(
                        l,
                        text,
                        egui::TextStyle::Button.resolve(ui.style()),
                        egui::Color32::WHITE,
                    ))
                    .fill(if ready {
                        theme::GOOD.gamma_multiply(0.7)
                    } else {
                        theme::ACCENT.gamma_multiply(0.8)
                    });
                    let press = ui.add_enabled(!ready, button);
                    probe::mark("ready", &press);
                    if press.clicked() {
                        // Orders drafted but not sent are never dropped in silence.
                        if unsent(v, &forms.drafts) {
                            forms.confirm_ready = true;
                        } else {
                            session.act(SeatAct::Ready);
                        }
                    }
                    if let Some(by) = declared {
                        theme::small(ui, l, &l.f("declared by {0}", &[&by]));
                    }
                }
            }
            if session.is_instructor()
                && here != Screen::Control
                && theme::button(ui, l, l.t("Control cell")).clicked()
            {
                next.set(Screen::Control);
            }
            // Before the start, back to the join code, its link and QR code, and the seats.
            if session.is_instructor()
                && !session.started()
                && theme::button(ui, l, l.t("Lobby")).clicked()
            {
                next.set(Screen::Lobby);
            }
            if session.seat.is_some()
                && here != Screen::Exercise
                && theme::button(ui, l, l.t("My seat")).clicked()
            {
                next.set(Screen::Exercise);
            }
            let debrief = ((session.ended() || session.is_instructor()) && here != Screen::Debrief)
                .then(|| theme::button(ui, l, l.t("Debrief")));
            if let Some(b) = &debrief {
                probe::mark("debrief", b);
            }
            if debrief.is_some_and(|b| b.clicked()) {
                session.request_debrief();
                next.set(Screen::Debrief);
            }
            let go = theme::button(ui, l, l.t("Leave"));
            probe::mark("leave", &go);
            if go.clicked() {
                forms.leaving = true;
            }
        });
    });
}

/// Whether orders are drafted in the orders phase that differ from those sent.
fn unsent(v: &crate::sim::view::SeatView, drafts: &[crate::sim::orders::Order]) -> bool {
    v.phase == crate::sim::clock::Phase::Orders && !drafts.is_empty() && drafts != v.my_orders
}

/// "I am ready" with orders drafted but not sent: send them, leave them, or go back.
fn ready_prompt(ctx: &egui::Context, l: Lang, session: &mut Session, forms: &mut Forms) {
    if !forms.confirm_ready {
        return;
    }
    let Some(v) = session.view.clone() else {
        forms.confirm_ready = false;
        return;
    };
    if !unsent(&v, &forms.drafts) {
        forms.confirm_ready = false;
        return;
    }
    let modal = egui::Modal::new(egui::Id::new("ready-prompt")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        theme::column(ui, l, |ui| {
            theme::strong(
                ui,
                l,
                &l.f(
                    "You have {0} orders drafted that you have not sent.",
                    &[&forms.drafts.len().to_string()],
                ),
                theme::WARN,
            );
            theme::paragraph(
                ui,
                l,
                l.t("Only orders you send count. Once you are ready you cannot change them this turn."),
            );
            theme::row_wrapped(ui, l, |ui| {
                let send = theme::primary(ui, l, l.t("Send them, then be ready"));
                probe::mark("ready-send", &send);
                if send.clicked() {
                    session.act(SeatAct::Orders {
                        orders: forms.drafts.clone(),
                    });
                    session.act(SeatAct::Ready);
                    forms.confirm_ready = false;
                }
                let without = theme::button(ui, l, l.t("Be ready without them"));
                probe::mark("ready-without", &without);
                if without.clicked() {
                    session.act(SeatAct::Ready);
                    forms.confirm_ready = false;
                }
                if theme::button(ui, l, l.t("Back to my orders")).clicked() {
                    forms.confirm_ready = false;
                    forms.tab = Tab::Orders;
                }
            });
        });
    });
    if modal.should_close() {
        forms.confirm_ready = false;
    }
}

/// How long the banner of a new phase stays open by itself.
const BANNER_SECS: f64 = 45.0;

/// When the phase changes, a banner says so and what the phase is for (from the
/// glossary), until it is closed, the next phase begins or a while has passed.
fn phase_banner(ui: &mut egui::Ui, l: Lang, v: &SeatView, forms: &mut Forms, now: f64) {
    let at = Moment {
        turn: v.turn,
        phase: v.phase,
    };
    if forms.banner.is_none_or(|(m, _, _)| m != at) {
        forms.banner = Some((at, now, false));
    }
    let Some((_, since, closed)) = forms.banner else {
        return;
    };
    if closed || now - since > BANNER_SECS || v.phase == Phase::Ended {
        return;
    }
    let Some(entry) = crate::client::glossary::of_phase(v.phase) else {
        return;
    };
    egui::Panel::top("phase-banner")
        .frame(
            egui::Frame::new()
                .fill(theme::ACCENT.gamma_multiply(0.3))
                .inner_margin(egui::Margin::symmetric(12, 6)),
        )
        .show(ui, |ui| {
            theme::row_wrapped(ui, l, |ui| {
                theme::strong(
                    ui,
                    l,
                    &l.f(
                        "Turn {0}: the {1} phase begins",
                        &[&v.turn.to_string(), l.t(phase_key(v.phase))],
                    ),
                    theme::INK,
                );
                let close = theme::button(ui, l, l.t("Got it"));
                probe::mark("banner-close", &close);
                if close.clicked()
                    && let Some(b) = forms.banner.as_mut()
                {
                    b.2 = true;
                }
            });
            theme::paragraph_in(
                ui,
                l,
                l.t_any(&entry.text),
                egui::TextStyle::Body,
                theme::INK,
            );
        });
}

fn exercise(
    mut contexts: EguiContexts,
    lang: Res<Lang>,
    mut forms: ResMut<Forms>,
    mut session: ResMut<Session>,
    time: Res<Time<Real>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let l = *lang;
    let mut root = theme::root(contexts.ctx_mut()?);
    status_bar(
        &mut root,
        l,
        &mut session,
        &mut forms,
        Screen::Exercise,
        &mut next,
    );
    super::notices(&mut root, l, &session, time.elapsed_secs_f64());
    if let Some(v) = session.view.clone() {
        phase_banner(&mut root, l, &v, &mut forms, time.elapsed_secs_f64());
    }
    if forms.glossary_open.is_some() {
        forms.tab = Tab::Codex;
    }
    let side = if l.rtl() {
        egui::Panel::right("tabs")
    } else {
        egui::Panel::left("tabs")
    };
    side.resizable(false)
        .exact_size(190.0)
        .show(&mut root, |ui| {
            theme::column(ui, l, |ui| {
                if let Some(v) = &session.view {
                    let actor =
                        crate::client::view_model::actor_name(v, &v.actor, l.code()).to_string();
                    theme::heading(ui, l, &actor);
                    theme::small(
                        ui,
                        l,
                        crate::scenario::role_beside_name(v.role.get(l.code()), &actor),
                    );
                    ui.add_space(8.0);
                }
                for tab in Tab::ALL {
                    let mut text = l.t(tab.key()).to_string();
                    if tab == Tab::Orders && !forms.drafts.is_empty() {
                        text = format!("{text} ({})", forms.drafts.len());
                    }
                    let pick = theme::tab(ui, l, forms.tab == tab, &text);
                    probe::mark(format!("tab-{tab:?}"), &pick);
                    if pick.clicked() {
                        forms.tab = tab;
                    }
                }
                if session.ended() {
                    ui.add_space(12.0);
                    theme::strong(ui, l, l.t("The exercise has ended."), theme::GOOD);
                }
            });
        });
    egui::CentralPanel::default().show(&mut root, |ui| {
        let Some(view) = session.view.clone() else {
            theme::label(ui, l, l.t("Waiting for the server…"));
            return;
        };
        match forms.tab {
            Tab::Situation => {
                let scenario = session.scenario.clone();
                if let Some(role) = super::tabs::situation(
                    ui,
                    l,
                    &view,
                    scenario.as_deref(),
                    true,
                    &mut forms.scroll_to_judged,
                ) {
                    session.choose_role(role);
                }
            }
            Tab::Evidence => super::tabs::evidence(ui, l, &view, None, &mut forms.scroll_to_judged),
            Tab::Channels => super::channels::channels(ui, l, &view, &mut forms, &mut session),
            Tab::Institutions => {
                super::institutions::institutions(ui, l, &view, &mut forms, &mut session, true)
            }
            Tab::Orders => super::orders::orders(ui, l, &view, &mut forms, &mut session),
            Tab::Codex => super::tabs::codex(ui, l, &view, &mut forms.glossary_open),
            Tab::News => super::tabs::news(ui, l, &view, &mut forms.news_part),
        }
    });
    Ok(())
}

/// The seat's drafts and the server's kept in step on every screen (the control cell
/// drafts for its own seat too).
fn keep_drafts(mut forms: ResMut<Forms>, mut session: ResMut<Session>, time: Res<Time<Real>>) {
    if let Some(v) = session.view.clone() {
        super::orders::sync_drafts(&v, &mut forms, &mut session, time.elapsed_secs_f64());
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        exercise.run_if(in_state(Screen::Exercise)),
    )
    .add_systems(Update, keep_drafts);
}
