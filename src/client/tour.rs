//! `threshold --screenshot-tour DIR`: plays a scripted local exercise, saves a PNG of every
//! screen into DIR, checks none is blank, and exits (non-zero if a step failed).

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use bevy::window::RequestRedraw;
use bevy::winit::{UpdateMode, WinitSettings};

use super::library::Library;
use super::screens::{Forms, Tab};
use super::session::Session;
use super::view_model::{best_claim, draft, fit_accused};
use super::{Lang, Screen};
use crate::net::protocol::SeatAct;
use crate::net::protocol::{ControlAct, ControlAction};
use crate::scenario::{Claim, Confidence, OrderKind, Reading};
use crate::sim::channels::Channel;
use crate::sim::orders::{CounterKind, Order, Stance, Via};

#[derive(Resource)]
struct Tour {
    dir: PathBuf,
    step: usize,
    /// Frames to wait before the step's check or shot.
    wait: u32,
    /// Shots asked for and shots saved.
    asked: usize,
    saved: usize,
    blank: Vec<String>,
    /// Seconds since the step began (a step that waits too long fails the tour).
    since: f64,
    advances: u32,
}

/// What a step does once its condition holds.
enum Step {
    Go(Screen),
    Shot(&'static str),
    /// Wait until the condition holds.
    Until(fn(&Session) -> bool),
    Do(fn(&mut Session, &mut Forms, &Library)),
    Tab(Tab),
    /// Types a message from the translation table into the chat box, which takes focus.
    Say(&'static str),
    Exit,
}

const SCRIPT: &[Step] = &[
    Step::Go(Screen::Title),
    Step::Shot("01-title"),
    Step::Go(Screen::Library),
    Step::Shot("02-library"),
    Step::Do(|session, forms, library| {
        // The tour walks through Estonia 2007 wherever the library lists it.
        let at = library
            .entries
            .iter()
            .position(|e| e.file.ends_with("estonia_2007.ron"))
            .unwrap_or(forms.scenario);
        forms.scenario = at;
        let entry = &library.entries[at];
        if let Some(sc) = entry.scenario() {
            let seat = sc.seats.iter().find(|s| s.playable).map(|s| s.id.clone());
            if let Err(e) = session.start_local(None) {
                session.fail("Could not start the exercise", e);
            }
            session.name = "Tour".into();
            session.create(
                sc.clone(),
                entry.file.clone(),
                entry.source.clone(),
                seat,
                false,
            );
        }
    }),
    Step::Go(Screen::Lobby),
    Step::Until(|s| s.seat.is_some() && !s.seats.is_empty()),
    Step::Shot("03-lobby"),
    Step::Do(|session, _, _| session.control(ControlAction::Start)),
    Step::Until(|s| s.view.is_some() && s.started()),
    Step::Go(Screen::Exercise),
    Step::Tab(Tab::Situation),
    Step::Shot("04-exercise"),
    Step::Tab(Tab::Evidence),
    Step::Shot("05-evidence"),
    Step::Do(|session, _, _| session.game(ControlAct::Advance)),
    Step::Until(|s| {
        s.view
            .as_ref()
            .is_some_and(|v| v.phase != crate::sim::clock::Phase::Briefing)
    }),
    Step::Do(|session, forms, _| {
        if let Some(v) = session.view.clone() {
            forms.drafts = [
                OrderKind::Attribute,
                OrderKind::Investigate,
                OrderKind::PublicStatement,
            ]
            .into_iter()
            .filter_map(|k| draft(k, &v))
            .collect();
            // The attribution with a reading, to show how readings are judged.
            for o in &mut forms.drafts {
                if let Order::Attribute { reading, .. } = o {
                    *reading = Some(Reading::Crime);
                }
            }
            forms.drafts_turn = v.turn;
            forms.channel = String::new();
            // A joint attribution ready to table, on what the seat's evidence supports best.
            forms.table_kind = 0;
            if let Some(c) = v.incidents.first().and_then(|i| best_claim(&v, &i.id)) {
                forms.table_claim = c.claim;
                forms.table_target = c.against.clone();
            }
        }
    }),
    Step::Tab(Tab::Institutions),
    Step::Shot("06-institutions"),
    // The second power of each institution: statements naming no one (EU), collective
    // defence read cumulatively (NATO).
    Step::Do(|_, forms, _| {
        forms.table_kind = 1;
        forms.table_solidarity = true;
        forms.table_cumulative = true;
    }),
    Step::Shot("06b-institutions-statements"),
    Step::Tab(Tab::Orders),
    Step::Shot("07-orders"),
    // A countermeasure and a statement with their readings.
    Step::Do(|session, forms, _| {
        if let Some(v) = session.view.clone() {
            forms.drafts = [OrderKind::Countermeasure, OrderKind::PublicStatement]
                .into_iter()
                .filter_map(|k| draft(k, &v))
                .collect();
            for o in &mut forms.drafts {
                match o {
                    Order::Countermeasure { reading, .. } => *reading = Some(Reading::Crime),
                    Order::PublicStatement { reading, .. } => *reading = Some(Reading::WrongfulAct),
                    _ => {}
                }
            }
        }
    }),
    Step::Shot("07c-orders-readings"),
    // The law of responses: self-defence, a countermeasure of a prohibited kind, and a break
    // in relations with a protecting power.
    Step::Do(|session, forms, _| {
        if let Some(v) = session.view.clone() {
            forms.drafts = [
                OrderKind::SelfDefence,
                OrderKind::Countermeasure,
                OrderKind::SeverRelations,
            ]
            .into_iter()
            .filter_map(|k| draft(k, &v))
            .collect();
            let partner = v.actors.iter().find(|a| a.partner).map(|a| a.id.clone());
            for o in &mut forms.drafts {
                match o {
                    Order::Countermeasure { kind, .. } => *kind = CounterKind::Force,
                    Order::SeverRelations {
                        protecting_power, ..
                    } => *protecting_power = partner.clone(),
                    _ => {}
                }
            }
        }
    }),
    Step::Shot("07d-orders-responses"),
    // A statement's wording and channel: a demand, posted by the minister.
    Step::Do(|session, forms, _| {
        if let Some(v) = session.view.clone() {
            forms.drafts = draft(OrderKind::PublicStatement, &v).into_iter().collect();
            let rival = v
                .actors
                .iter()
                .find(|a| a.is_state && a.id != v.actor && !a.partner)
                .map(|a| a.id.clone());
            for o in &mut forms.drafts {
                if let Order::PublicStatement {
                    stance, via, about, ..
                } = o
                {
                    *stance = Stance::Demand;
                    *via = Via::Post;
                    *about = rival.clone();
                }
            }
        }
    }),
    Step::Shot("07e-orders-statement"),
    // Posted at once: it is in the feed, answered, while the negotiation goes on.
    Step::Do(|session, forms, _| {
        if !forms.drafts.is_empty() {
            let statement = forms.drafts.remove(0);
            session.act(SeatAct::PostNow { statement });
        }
        forms.tab = Tab::News;
        forms.news_part = crate::client::screens::tabs::NewsPart::Feed;
    }),
    Step::Until(|s| {
        s.view.as_ref().is_some_and(|v| {
            v.feed
                .iter()
                .any(|p| p.by.as_deref() == Some(&v.actor) && !p.wire)
        })
    }),
    Step::Shot("07h-feed-post-now"),
    Step::Tab(Tab::Channels),
    Step::Say("Tallinn asks CERT-EE for help (ENISA) by 18:00"),
    Step::Shot("07b-channels"),
    Step::Go(Screen::Control),
    Step::Do(|session, forms, _| {
        forms.control_tab = 0;
        forms.tab = Tab::Evidence;
        let other = session
            .seats
            .iter()
            .find(|s| Some(&s.seat) != session.seat.as_ref())
            .map(|s| s.seat.clone());
        if let Some(seat) = other {
            session.control(ControlAction::ViewSeat { seat });
        }
    }),
    // The seat's evidence beside the engine's assessment, from the live report.
    Step::Do(|session, _, _| session.request_debrief()),
    Step::Until(|s| s.watched.is_some() && s.debrief.is_some()),
    Step::Shot("08-control-cell"),
    // To the orders phase, where the seat sends an attribution that claims more than its
    // evidence carries, read as a use of force, and a statement reading the incident as a
    // crime: the debrief judges both.
    Step::Do(|session, _, _| {
        session.debrief = None;
        session.game(ControlAct::Advance);
    }),
    Step::Until(|s| {
        s.view
            .as_ref()
            .is_some_and(|v| v.phase == crate::sim::clock::Phase::Orders)
    }),
    Step::Do(|session, forms, _| {
        let Some(v) = session.view.clone() else {
            return;
        };
        let mut orders = Vec::new();
        if let Some(Order::Attribute { incident, to, .. }) = draft(OrderKind::Attribute, &v) {
            let mut to = to;
            fit_accused(&v, &incident, Claim::Responsibility, &mut to);
            orders.push(Order::Attribute {
                incident: incident.clone(),
                to,
                claim: Claim::Responsibility,
                confidence: Confidence::High,
                public: true,
                joint: false,
                reading: Some(Reading::UseOfForce),
                release: false,
            });
            orders.push(Order::PublicStatement {
                stance: Stance::Concern,
                incident: Some(incident),
                about: None,
                reading: Some(Reading::Crime),
                via: Via::Post,
                language: None,
                topic: None,
            });
        }
        // Sent as a student sends them: what is drafted is what goes in.
        forms.drafts = orders.clone();
        session.act(SeatAct::Orders { orders });
    }),
    Step::Until(|s| s.view.as_ref().is_some_and(|v| !v.my_orders.is_empty())),
    // The orders resolve: the seat's evidence board shows its readings, checked, and its
    // attribution with what its own evidence supported.
    Step::Do(|session, _, _| session.game(ControlAct::Advance)),
    Step::Until(|s| {
        s.view
            .as_ref()
            .is_some_and(|v| !v.readings.is_empty() && !v.attributions.is_empty())
    }),
    Step::Go(Screen::Exercise),
    Step::Do(|_, forms, _| {
        forms.tab = Tab::Evidence;
        forms.scroll_to_judged = true;
    }),
    Step::Shot("05b-evidence-judged"),
    // The public sphere after the orders resolved: the feed with its post and the
    // audiences' answers, the wire, and the publics on the situation screen.
    Step::Do(|_, forms, _| {
        forms.tab = Tab::News;
        forms.news_part = crate::client::screens::tabs::NewsPart::Feed;
    }),
    Step::Shot("05c-feed"),
    Step::Do(|_, forms, _| forms.news_part = crate::client::screens::tabs::NewsPart::Wire),
    Step::Shot("05d-wire"),
    Step::Do(|_, forms, _| {
        forms.tab = Tab::Situation;
        forms.scroll_to_judged = true;
    }),
    Step::Shot("05e-publics"),
    Step::Go(Screen::Control),
    // A few phases pass (the computer players act), then the instructor ends it. Each
    // "next phase" is sent from the phase on screen (a second click on the same phase would
    // be refused as stale).
    Step::Do(|session, _, _| session.game(ControlAct::Advance)),
    Step::Until(|s| {
        s.view
            .as_ref()
            .is_some_and(|v| v.phase == crate::sim::clock::Phase::Briefing)
    }),
    Step::Do(|session, _, _| session.game(ControlAct::Advance)),
    Step::Until(|s| {
        s.view
            .as_ref()
            .is_some_and(|v| v.phase == crate::sim::clock::Phase::Negotiation)
    }),
    // Turn 2: a campaign of defacements runs against the seat. Its answers in the Orders
    // tab (debunking with the evidence, a platform asked to act on the inauthentic
    // accounts, the public warned ahead), then an online meeting convened with another seat.
    Step::Go(Screen::Exercise),
    Step::Do(|session, forms, _| {
        if let Some(v) = session.view.clone() {
            forms.drafts = [
                OrderKind::Debunk,
                OrderKind::AskPlatform,
                OrderKind::Prebunk,
            ]
            .into_iter()
            .filter_map(|k| draft(k, &v))
            .collect();
            forms.drafts_turn = v.turn;
        }
        forms.tab = Tab::Orders;
    }),
    Step::Shot("07f-orders-disinformation"),
    Step::Do(|session, forms, _| {
        // A partner, as a ministry would call one first.
        let partner = |actor: &str| {
            session
                .view
                .as_ref()
                .is_some_and(|v| v.actors.iter().any(|a| a.id == actor && a.partner))
        };
        let other = session
            .seats
            .iter()
            .filter(|s| Some(&s.seat) != session.seat.as_ref())
            .max_by_key(|s| partner(&s.actor))
            .map(|s| s.seat.clone());
        if let Some(seat) = other {
            forms.group = vec![seat.clone()];
            session.act(SeatAct::Convene {
                with: vec![seat],
                online: true,
                agenda: None,
            });
        }
        forms.tab = Tab::Channels;
    }),
    Step::Until(|s| s.view.as_ref().is_some_and(|v| !v.meetings.is_empty())),
    Step::Do(|session, forms, _| {
        if let Some(m) = session.view.as_ref().and_then(|v| v.meetings.first()) {
            forms.channel = m.channel.clone();
        }
    }),
    Step::Shot("07g-meeting-online"),
    Step::Go(Screen::Control),
    Step::Do(|session, _, _| session.game(ControlAct::End)),
    Step::Until(|s| s.ended() && s.debrief.is_some()),
    Step::Go(Screen::Debrief),
    Step::Shot("09-debrief"),
    // Each incident: the engine's assessment, then every claim and reading beside it.
    Step::Do(|_, forms, _| forms.report_to = Some(crate::report::Anchor::Incidents)),
    Step::Shot("09b-debrief-incidents"),
    // The public sphere: its key moments and each audience's course.
    Step::Do(|_, forms, _| forms.report_to = Some(crate::report::Anchor::Sphere)),
    Step::Shot("09d-debrief-public-sphere"),
    // The instructor shows the class the students' edition.
    Step::Do(|_, forms, _| forms.students_edition = true),
    Step::Shot("09c-debrief-students-edition"),
    Step::Exit,
];

/// Seconds a step may wait for the server before the tour fails.
const PATIENCE: f64 = 60.0;

// A Bevy system takes what it touches as parameters.
#[allow(clippy::too_many_arguments)]
fn drive(
    mut commands: Commands,
    mut tour: ResMut<Tour>,
    mut session: ResMut<Session>,
    mut forms: ResMut<Forms>,
    library: Res<Library>,
    lang: Res<Lang>,
    time: Res<Time<Real>>,
    mut next: ResMut<NextState<Screen>>,
    mut redraw: MessageWriter<RequestRedraw>,
    mut exit: MessageWriter<AppExit>,
) {
    redraw.write(RequestRedraw);
    tour.since += time.delta_secs_f64();
    if tour.wait > 0 {
        tour.wait -= 1;
        return;
    }
    if tour.since > PATIENCE {
        error!("screenshot tour: step {} waited {PATIENCE} s", tour.step);
        eprintln!(
            "screenshot tour failed at step {}: the server did not answer in time",
            tour.step
        );
        exit.write(AppExit::error());
        return;
    }
    let Some(step) = SCRIPT.get(tour.step) else {
        return;
    };
    let mut done = true;
    match step {
        Step::Go(screen) => {
            next.set(*screen);
            tour.wait = 6;
        }
        Step::Tab(tab) => {
            forms.tab = *tab;
            tour.wait = 6;
        }
        Step::Until(ready) => done = ready(&session),
        Step::Say(key) => {
            // In the first institution the seat sits in (the EU Council, NATO…).
            if let Some(v) = session.view.clone()
                && let Some(i) = v.institutions.iter().find(|i| i.members.contains(&v.actor))
            {
                forms.channel = i.id.clone();
                // Lines already written, one in each script, each in its own direction.
                for text in ["Shall we share what we know?", "نعم، لنتبادل ما نعرفه."]
                {
                    session.act(SeatAct::Say {
                        channel: Channel::Institution(i.id.clone()),
                        text: text.into(),
                    });
                }
            }
            forms.say = lang.t(key).to_string();
            forms.focus_say = true;
            tour.wait = 6;
        }
        Step::Do(act) => {
            act(&mut session, &mut forms, &library);
            tour.wait = 3;
        }
        Step::Shot(name) => {
            // The shot waits until the previous one is on disk.
            if tour.saved < tour.asked {
                done = false;
            } else {
                let path = tour.dir.join(format!("{name}.png"));
                let label = name.to_string();
                tour.asked += 1;
                commands
                    .spawn(Screenshot::primary_window())
                    .observe(save_to_disk(path))
                    .observe(
                        move |shot: On<ScreenshotCaptured>, mut tour: ResMut<Tour>| {
                            if is_blank(&shot.image) {
                                tour.blank.push(label.clone());
                            }
                            tour.saved += 1;
                        },
                    );
                tour.wait = 4;
            }
        }
        Step::Exit => {
            done = false;
            if tour.saved == tour.asked {
                if tour.blank.is_empty() {
                    println!(
                        "screenshot tour: {} screens saved in {}",
                        tour.saved,
                        tour.dir.display()
                    );
                    exit.write(AppExit::Success);
                } else {
                    eprintln!("screenshot tour: blank screens: {}", tour.blank.join(", "));
                    exit.write(AppExit::error());
                }
            }
        }
    }
    if done {
        tour.step += 1;
        tour.since = 0.0;
        tour.advances += 1;
    }
}

/// A screen is blank when nearly every pixel has the same colour (nothing was drawn).
pub fn is_blank(image: &Image) -> bool {
    let Some(data) = image.data.as_ref() else {
        return true;
    };
    let Some(first) = data.get(..4) else {
        return true;
    };
    let pixels = data.len() / 4;
    let same = data
        .chunks_exact(4)
        .filter(|p| p[..3] == first[..3])
        .count();
    same * 1000 >= pixels * 995
}

pub(super) fn install(app: &mut App, dir: PathBuf) {
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {e}", dir.display());
    }
    app.insert_resource(Tour {
        dir,
        step: 0,
        wait: 10,
        asked: 0,
        saved: 0,
        blank: Vec::new(),
        since: 0.0,
        advances: 0,
    })
    // The tour runs continuously (it cannot wait for input).
    .insert_resource(WinitSettings {
        focused_mode: UpdateMode::Continuous,
        unfocused_mode: UpdateMode::Continuous,
    })
    .add_systems(Update, drive);
}
