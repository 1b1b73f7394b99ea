//! The screens. Each file is one screen's plugin; this one holds what they share: the
//! forms' state, the window chrome (title bar, notices) and the moves between screens that
//! the server causes (the exercise starts, ends).

#[cfg(test)]
mod audit;
mod channels;
mod control;
mod debrief;
mod desk;
mod exercise;
mod institutions;
mod library;
mod lobby;
mod observe;
mod orders;
mod settings;
mod setup;
pub mod tabs;
mod title;

use bevy::prelude::*;
use bevy_egui::egui::{self, Ui};

use super::session::{LinkState, Session};
use super::theme;
use super::{Lang, Screen};
use crate::sim::orders::Order;

/// The parts of the exercise screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Situation,
    Evidence,
    Channels,
    Institutions,
    Orders,
    Codex,
    News,
}

impl Tab {
    pub const ALL: [Tab; 7] = [
        Tab::Situation,
        Tab::Evidence,
        Tab::Channels,
        Tab::Institutions,
        Tab::Orders,
        Tab::Codex,
        Tab::News,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Tab::Situation => "Situation",
            Tab::Evidence => "Evidence",
            Tab::Channels => "Channels",
            Tab::Institutions => "Institutions",
            Tab::Orders => "Orders",
            Tab::Codex => "Norms codex",
            Tab::News => "News",
        }
    }
}

/// What the user is typing or choosing on every screen (kept across frames).
#[derive(Resource)]
pub struct Forms {
    /// The chat box takes the keyboard on its next frame (the screenshot tour).
    pub focus_say: bool,
    pub scenario: usize,
    pub seat: Option<String>,
    pub join_address: String,
    pub host_address: String,
    pub code: String,
    pub name: String,
    /// Join as soon as the Join screen opens (code and name came with the page's address).
    pub join_now: bool,
    /// The seat token to come back with (the page's `?rejoin=` or the one it kept).
    pub rejoin: Option<String>,
    /// "Leave" was pressed: the prompt asks first.
    pub leaving: bool,
    /// "I am ready" was pressed with orders drafted but not sent: the prompt asks.
    pub confirm_ready: bool,
    pub folder: String,
    pub library_selected: usize,
    /// The instructor's sign-in form, and the path of a scenario to upload (desktop).
    pub instructor: String,
    pub password: String,
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub upload_path: String,
    pub tab: Tab,
    /// Orders being prepared (sent together).
    pub drafts: Vec<Order>,
    /// The turn the drafts were started in (they are dropped when a new turn begins).
    pub drafts_turn: u32,
    /// The drafts as the server keeps them for the seat, as far as this page knows, and
    /// when the page last sent its own.
    pub drafts_kept: Vec<Order>,
    pub drafts_kept_at: f64,
    /// The server's copy as the seat's view last showed it.
    pub drafts_seen: Vec<Order>,
    /// A glossary entry asked for (a term clicked): the Codex opens at it.
    pub glossary_open: Option<String>,
    /// The request chosen in a conversation's "Ask them" list.
    pub ask_choice: usize,
    /// The phase the banner last announced, when, and whether it was closed.
    pub banner: Option<(crate::sim::exercise::Moment, f64, bool)>,
    pub channel: String,
    pub say: String,
    pub group: Vec<String>,
    pub inject_title: String,
    pub inject_body: String,
    pub assign_name: String,
    pub assign_seat: String,
    pub table_incident: String,
    pub table_kind: usize,
    /// The actor a proposal names (empty: nobody).
    pub table_target: String,
    /// The persons and entities a listing proposal names.
    pub table_listed: Vec<String>,
    /// An attribution statement's claim and confidence.
    pub table_claim: crate::scenario::Claim,
    pub table_confidence: crate::scenario::Confidence,
    /// A statement naming no one: solidarity with the victim (else condemnation).
    pub table_solidarity: bool,
    /// The tabler's reading of the incident (consultations, a resolution).
    pub table_reading: Option<crate::scenario::Reading>,
    /// Collective defence against cumulative activity (Brussels 2021, para. 32).
    pub table_cumulative: bool,
    /// A Security Council resolution deciding measures (Chapter VII), not recommending
    /// settlement (Chapter VI).
    pub table_measures: bool,
    pub exported: Option<String>,
    /// Control cell: which side panel.
    pub control_tab: usize,
    /// An observer's screen: which part, and the observation being written.
    pub observe_part: usize,
    pub observe_about: Option<String>,
    pub observe_tie: crate::observation::Tie,
    pub observe_kind: crate::observation::Kind,
    pub observe_text: String,
    /// The report scrolls to its incidents, the evidence board to the first readings, on
    /// their next frame (the screenshot tour).
    pub scroll_to_judged: bool,
    /// The instructor's improvement plan as edited in the debrief.
    pub plan: debrief::PlanEditor,
    /// The instructor reads the students' edition of the report.
    pub students_edition: bool,
    /// The report scrolls to this section on its next frame (the screenshot tour).
    pub report_to: Option<crate::report::Anchor>,
    /// The part of the news tab that is open: the feed, the wire, or the story.
    pub news_part: tabs::NewsPart,
}

impl Forms {
    pub fn new(options: &crate::client::Options) -> Self {
        Forms {
            focus_say: false,
            scenario: 0,
            seat: None,
            join_address: options
                .join_address
                .clone()
                .unwrap_or_else(|| "ws://127.0.0.1:7878".into()),
            host_address: "0.0.0.0:7878".into(),
            code: options.code.clone().unwrap_or_default(),
            name: options.name.clone().unwrap_or_default(),
            join_now: options.code.is_some()
                && (options.name.is_some() || options.rejoin.is_some()),
            rejoin: options.rejoin.clone(),
            leaving: false,
            confirm_ready: false,
            folder: String::new(),
            library_selected: 0,
            instructor: String::new(),
            password: String::new(),
            upload_path: String::new(),
            tab: Tab::Situation,
            drafts: Vec::new(),
            drafts_turn: 0,
            drafts_kept: Vec::new(),
            drafts_kept_at: f64::MIN,
            drafts_seen: Vec::new(),
            glossary_open: None,
            ask_choice: 0,
            banner: None,
            channel: String::new(),
            say: String::new(),
            group: Vec::new(),
            inject_title: String::new(),
            inject_body: String::new(),
            assign_name: String::new(),
            assign_seat: String::new(),
            table_incident: String::new(),
            table_kind: 0,
            table_target: String::new(),
            table_listed: Vec::new(),
            table_claim: crate::scenario::Claim::Responsibility,
            table_confidence: crate::scenario::Confidence::Moderate,
            table_solidarity: false,
            table_reading: None,
            table_cumulative: false,
            table_measures: false,
            exported: None,
            control_tab: 0,
            observe_part: 0,
            observe_about: None,
            observe_tie: crate::observation::Tie::Nothing,
            observe_kind: crate::observation::Kind::Strength,
            observe_text: String::new(),
            scroll_to_judged: false,
            plan: Default::default(),
            students_edition: false,
            news_part: tabs::NewsPart::Feed,
            report_to: None,
        }
    }
}

/// Where leaving an exercise leads: an instructor signed in to a server goes back to the
/// desk (My exercises), everyone else to the title screen.
pub fn home(session: &Session) -> Screen {
    if session.desk.as_ref().is_some_and(|d| d.signed_in()) {
        Screen::Instructor
    } else {
        Screen::Title
    }
}

/// The title bar every screen has: the name, where you are, and a way back.
pub fn title_bar(ui: &mut Ui, lang: Lang, here: &str, back: Option<&mut NextState<Screen>>) {
    egui::Panel::top("title-bar").show(ui, |ui| {
        theme::row(ui, lang, |ui| {
            theme::strong(ui, lang, "THRESHOLD", theme::ACCENT);
            theme::small(ui, lang, "·");
            theme::label(ui, lang, here);
            if let Some(next) = back {
                ui.with_layout(
                    if lang.rtl() {
                        egui::Layout::left_to_right(egui::Align::Center)
                    } else {
                        egui::Layout::right_to_left(egui::Align::Center)
                    },
                    |ui| {
                        if theme::button(ui, lang, lang.t("back")).clicked() {
                            next.set(Screen::Title);
                        }
                    },
                );
            }
        });
    });
}

/// Refusals, lost links and saved files, newest last, for ten seconds each.
pub fn notices(ui: &mut Ui, lang: Lang, session: &Session, now: f64) {
    let recent: Vec<_> = session
        .notices
        .iter()
        .filter(|n| now - n.at < 10.0)
        .collect();
    if recent.is_empty() && !matches!(session.link, LinkState::Lost(_)) {
        return;
    }
    egui::Panel::bottom("notices").show(ui, |ui| {
        if let LinkState::Lost(why) = &session.link {
            theme::strong(
                ui,
                lang,
                &lang.f("{0}: {1}", &[lang.t("connection lost"), &lang.say(why)]),
                theme::BAD,
            );
        }
        for n in recent {
            let color = if n.error { theme::WARN } else { theme::GOOD };
            theme::strong(ui, lang, &n.say(lang), color);
        }
    });
}

/// "Leave" asks first and says how to come back (a misclick beside "I am ready" must not
/// drop a student out of the exercise). Returns whether the player confirmed.
pub(super) fn leave_prompt(
    ctx: &egui::Context,
    l: Lang,
    session: &Session,
    forms: &mut Forms,
) -> bool {
    if !forms.leaving {
        return false;
    }
    let mut leave = false;
    let modal = egui::Modal::new(egui::Id::new("leave-prompt")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        theme::column(ui, l, |ui| {
            theme::strong(ui, l, l.t("Leave this exercise?"), theme::ACCENT);
            if session.hosts_locally() {
                theme::paragraph(
                    ui,
                    l,
                    l.t("This computer hosts the exercise: leaving ends it for everyone in it."),
                );
            }
            match session.rejoin_link() {
                Some(link) => {
                    theme::paragraph(
                        ui,
                        l,
                        l.t("Your seat stays yours. This page will bring you back to it, and so will this link, from any browser:"),
                    );
                    rejoin_line(ui, l, &link);
                }
                None if session.seat.is_some() => theme::paragraph(
                    ui,
                    l,
                    l.t("Your seat stays yours until the control cell gives it to someone else: join again with the same code and ask the control cell for it."),
                ),
                None => {}
            }
            ui.add_space(8.0);
            theme::row(ui, l, |ui| {
                let stay = theme::primary(ui, l, l.t("Stay"));
                crate::client::probe::mark("leave-stay", &stay);
                if stay.clicked() {
                    forms.leaving = false;
                }
                let go = theme::button(ui, l, l.t("Leave"));
                crate::client::probe::mark("leave-confirm", &go);
                if go.clicked() {
                    forms.leaving = false;
                    leave = true;
                }
            });
        });
    });
    if modal.should_close() && !leave {
        forms.leaving = false;
    }
    leave
}

/// A rejoin link, with a button that copies it.
pub(super) fn rejoin_line(ui: &mut egui::Ui, l: Lang, link: &str) {
    theme::row_wrapped(ui, l, |ui| {
        ui.label(egui::RichText::new(link).monospace().color(theme::INK));
        if theme::button(ui, l, l.t("Copy")).clicked() {
            ui.ctx().copy_text(link.to_string());
        }
    });
}

/// Moves between screens when the server says so: into the exercise when it starts.
fn follow_the_exercise(
    mut session: ResMut<Session>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
) {
    // A join turned away (a name already taken): back to the Join screen to mend it.
    if *screen.get() == Screen::Lobby && std::mem::take(&mut session.turned_away) {
        // The notice saying why stays on screen.
        let notices = std::mem::take(&mut session.notices);
        session.leave();
        session.notices = notices;
        next.set(Screen::Join);
        return;
    }
    if *screen.get() == Screen::Lobby
        && session.started()
        && (session.view.is_some() || session.is_instructor())
    {
        next.set(if session.seat.is_some() {
            Screen::Exercise
        } else {
            Screen::Control
        });
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, follow_the_exercise);
    title::plugin(app);
    library::plugin(app);
    settings::plugin(app);
    setup::plugin(app);
    lobby::plugin(app);
    exercise::plugin(app);
    control::plugin(app);
    debrief::plugin(app);
    desk::plugin(app);
    observe::plugin(app);
}
