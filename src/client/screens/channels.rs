//! Channels: private and group conversations between seats, and the channels of the
//! institutions the seat belongs to (the scenario's, such as the EU Council's).

use bevy_egui::egui;

use super::Forms;
use crate::client::session::Session;
use crate::client::text_field::{Field, text_field};
use crate::client::view_model::actor_name;
use crate::client::{Lang, probe, theme};
use crate::net::protocol::SeatAct;
use crate::sim::channels::{Ask, Channel, DELEGATION};
use crate::sim::institutions::ProposalStatus;
use crate::sim::orders::{Ballot, Order};
use crate::sim::view::{AskLine, SeatView};

/// The channel a seat group forms (the engine names it by its sorted actor ids).
fn group_name(v: &SeatView, session: &Session, seats: &[String]) -> String {
    let mut names = vec![v.actor.clone()];
    for s in seats {
        if let Some(info) = session.seats.iter().find(|i| &i.seat == s)
            && !names.contains(&info.actor)
        {
            names.push(info.actor.clone());
        }
    }
    names.sort();
    names.join(", ")
}

pub fn channels(
    ui: &mut egui::Ui,
    l: Lang,
    v: &SeatView,
    forms: &mut Forms,
    session: &mut Session,
) {
    let code = l.code();
    let mine: Vec<&crate::scenario::InstitutionDef> = v
        .institutions
        .iter()
        .filter(|i| i.members.contains(&v.actor))
        .collect();
    // A delegation of several people has its own channel, first.
    let delegation = v.members.len() > 1 || v.messages.iter().any(|m| m.channel == DELEGATION);
    let mut known: Vec<String> = delegation
        .then(|| DELEGATION.to_string())
        .into_iter()
        .collect();
    known.extend(mine.iter().map(|i| i.id.clone()));
    known.extend(v.meetings.iter().map(|m| m.channel.clone()));
    for m in &v.messages {
        if !known.contains(&m.channel) {
            known.push(m.channel.clone());
        }
    }
    let side = if l.rtl() {
        egui::Panel::right("channel-list")
    } else {
        egui::Panel::left("channel-list")
    };
    side.resizable(false).exact_size(250.0).show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("channels")
            .show(ui, |ui| {
                theme::column(ui, l, |ui| {
                    theme::strong(ui, l, l.t("Channels"), theme::ACCENT);
                    for name in &known {
                        let unread = v.messages.iter().filter(|m| &m.channel == name).count();
                        let meeting = v.meetings.iter().find(|m| &m.channel == name);
                        let title = match mine.iter().find(|i| &i.id == name) {
                            _ if name == DELEGATION => l.t("Our delegation").to_string(),
                            _ if meeting.is_some() => meeting
                                .map(|m| l.say(&meeting_title(v, m, code)))
                                .unwrap_or_default(),
                            Some(i) => i.name.get(code).to_string(),
                            None => name
                                .split(", ")
                                .filter(|a| *a != v.actor)
                                .map(|a| actor_name(v, a, code).to_string())
                                .collect::<Vec<_>>()
                                .join(l.comma()),
                        };
                        let tab = theme::tab(
                            ui,
                            l,
                            forms.channel == *name,
                            &format!("{title} ({unread})"),
                        );
                        probe::mark(format!("channel-{name}"), &tab);
                        if tab.clicked() {
                            forms.channel = name.clone();
                            forms.group = session
                                .seats
                                .iter()
                                .filter(|s| {
                                    name.split(", ").any(|a| a == s.actor) && s.actor != v.actor
                                })
                                .map(|s| s.seat.clone())
                                .collect();
                        }
                    }
                    ui.separator();
                    theme::strong(ui, l, l.t("New conversation with"), theme::ACCENT);
                    let seats = session.seats.clone();
                    for s in seats.iter().filter(|s| s.actor != v.actor) {
                        let mut on = forms.group.contains(&s.seat);
                        let mut label = actor_name(v, &s.actor, code).to_string();
                        if v.computers.contains(&s.actor) {
                            label = format!("{label} · {}", l.t("computer player"));
                        }
                        let tick = ui.checkbox(
                            &mut on,
                            theme::line(
                                l,
                                &label,
                                egui::TextStyle::Body.resolve(ui.style()),
                                theme::INK,
                            ),
                        );
                        probe::mark(format!("with-{}", s.seat), &tick);
                        if tick.changed() {
                            if on {
                                forms.group.push(s.seat.clone());
                            } else {
                                forms.group.retain(|x| x != &s.seat);
                            }
                            forms.channel = group_name(v, session, &forms.group);
                        }
                    }
                    convene_row(ui, l, forms, session);
                });
            });
    });
    egui::CentralPanel::default().show(ui, |ui| {
        if forms.channel.is_empty() {
            theme::label(ui, l, l.t("Choose a channel, or people to write to."));
            return;
        }
        let meeting = v.meetings.iter().find(|m| m.channel == forms.channel);
        if let Some(m) = meeting {
            theme::strong(ui, l, &l.say(&meeting_title(v, m, code)), theme::ACCENT);
            let when = if m.sits == v.turn {
                crate::say!("It sits now, in this turn: write to its members here.")
            } else if m.sits > v.turn {
                crate::say!("It meets in turn {0}: its channel opens then.", m.sits)
            } else {
                crate::say!("It is over: its record stays here.")
            };
            theme::small(ui, l, &l.say(&when));
        }
        let institution = mine
            .iter()
            .find(|i| i.id == forms.channel)
            .map(|i| i.id.clone());
        egui::Panel::bottom("compose").show(ui, |ui| {
            theme::row(ui, l, |ui| {
                let send = theme::primary(ui, l, l.t("Send"));
                let width = ui.available_width();
                let edit = text_field(
                    ui,
                    l,
                    &mut forms.say,
                    Field {
                        width,
                        hint: Some(l.t("Write a message")),
                        rows: None,
                    },
                );
                probe::mark("say-send", &send);
                probe::mark("say-text", &edit);
                if std::mem::take(&mut forms.focus_say) {
                    edit.request_focus();
                }
                let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if (send.clicked() || enter) && !forms.say.trim().is_empty() {
                    let channel = match &institution {
                        _ if forms.channel == DELEGATION => Channel::Delegation,
                        _ if meeting.is_some() => {
                            Channel::Meeting(meeting.map(|m| m.id).unwrap_or_default())
                        }
                        Some(id) => Channel::Institution(id.clone()),
                        None => Channel::Seats(forms.group.clone()),
                    };
                    session.act(SeatAct::Say {
                        channel,
                        text: forms.say.trim().to_string(),
                    });
                    forms.say.clear();
                }
            });
            // In a conversation with one seat: ask it for a step, which it answers with a
            // click (a computer player at once, with its reason).
            if institution.is_none()
                && meeting.is_none()
                && forms.channel != DELEGATION
                && let [to] = forms.group.as_slice()
            {
                let to = to.clone();
                ask_row(ui, l, v, forms, session, &to);
            }
        });
        egui::ScrollArea::vertical()
            .id_salt("conversation")
            .stick_to_bottom(true)
            .show(ui, |ui| {
                theme::column(ui, l, |ui| {
                    let channel = forms.channel.clone();
                    for m in v.messages.iter().filter(|m| m.channel == channel) {
                        let mut who = actor_name(v, &m.from, code).to_string();
                        if v.computers.contains(&m.from) {
                            who = format!("{who} ({})", l.t("computer player"));
                        }
                        // Who in the delegation wrote it, when a person did.
                        if let Some(by) = &m.by {
                            who = format!("{who} · {by}");
                        }
                        let color = if m.from == v.actor {
                            theme::ACCENT
                        } else {
                            theme::INK
                        };
                        theme::strong(ui, l, &format!("{who} · {} {}", l.t("turn"), m.turn), color);
                        match &m.said {
                            Some(said) => {
                                theme::paragraph(ui, l, &l.say(said));
                            }
                            None => {
                                theme::written(ui, l, &m.text);
                            }
                        }
                        if let Some(a) = &m.ask {
                            answer_row(ui, l, v, forms, session, &m.from, a);
                        }
                    }
                });
            });
    });
}

/// A meeting's name in the channel list: online or in person, its turn, its other members.
fn meeting_title(
    v: &SeatView,
    m: &crate::sim::view::MeetingCard,
    code: &str,
) -> crate::i18n::Phrase {
    let others = m
        .members
        .iter()
        .filter(|a| **a != v.actor)
        .map(|a| crate::i18n::Arg::Name(crate::scenario::Text::new(actor_name(v, a, code))))
        .collect::<Vec<_>>();
    if m.online {
        crate::say!(
            "Online meeting, turn {0}: {1}",
            m.sits,
            crate::i18n::Arg::list(others)
        )
    } else {
        crate::say!(
            "Summit in person, turn {0}: {1}",
            m.sits,
            crate::i18n::Arg::list(others)
        )
    }
}

/// Convening the people ticked above: online now, or in person next turn, with the cost.
fn convene_row(ui: &mut egui::Ui, l: Lang, forms: &mut Forms, session: &mut Session) {
    use crate::sim::meetings::{IN_PERSON_COST, ONLINE_COST};
    ui.separator();
    theme::strong(ui, l, l.t("Convene them"), theme::ACCENT);
    if forms.group.is_empty() {
        theme::small(ui, l, l.t("Tick the states to invite above."));
        return;
    }
    let online =
        theme::button(
            ui,
            l,
            &l.say(&crate::say!("Meet online now · {0} capital", ONLINE_COST)),
        )
        .on_hover_text(l.t(
            "Opens at once, in this turn; no side meetings, and sensitive matters gain less trust.",
        ));
    probe::mark("convene-online", &online);
    let summit = theme::button(
        ui,
        l,
        &l.say(&crate::say!(
            "Summit in person · {0} capital",
            IN_PERSON_COST
        )),
    )
    .on_hover_text(l.t(
        "Meets next turn; corridor talks, and evidence shared or attributions made together gain the most trust.",
    ));
    probe::mark("convene-summit", &summit);
    for (clicked, is_online) in [(online.clicked(), true), (summit.clicked(), false)] {
        if clicked {
            session.act(SeatAct::Convene {
                with: forms.group.clone(),
                online: is_online,
                agenda: None,
            });
        }
    }
}

/// What a seat may ask another: to vote for an open proposal, or, on an incident it knows,
/// to share evidence, to give assistance or to attribute it as the seat did.
fn asks(v: &SeatView) -> Vec<Ask> {
    let mut out: Vec<Ask> = v
        .proposals
        .iter()
        .filter(|p| p.status == ProposalStatus::Open)
        .map(|p| Ask::SupportProposal { proposal: p.id })
        .collect();
    for i in &v.incidents {
        out.push(Ask::ShareEvidence {
            incident: i.id.clone(),
        });
        out.push(Ask::ProvideAssistance {
            incident: i.id.clone(),
        });
        if v.attributions
            .iter()
            .any(|a| a.incident == i.id && a.made_by == v.actor)
        {
            out.push(Ask::JoinAttribution {
                incident: i.id.clone(),
            });
        }
    }
    out
}

fn ask_row(
    ui: &mut egui::Ui,
    l: Lang,
    v: &SeatView,
    forms: &mut Forms,
    session: &mut Session,
    to: &str,
) {
    let options = asks(v);
    if options.is_empty() {
        return;
    }
    let pick = forms.ask_choice.min(options.len() - 1);
    let font = egui::TextStyle::Body.resolve(ui.style());
    theme::row(ui, l, |ui| {
        theme::small(ui, l, l.t("Ask them"));
        let width = (ui.available_width() - 120.0).max(200.0);
        let shown = theme::line_within(
            ui,
            l,
            &l.say(&options[pick].describe(v)),
            font.clone(),
            theme::INK,
            width - 30.0,
        );
        egui::ComboBox::from_id_salt("ask-kind")
            .selected_text(shown)
            .width(width)
            .show_ui(ui, |ui| {
                for (i, a) in options.iter().enumerate() {
                    ui.selectable_value(
                        &mut forms.ask_choice,
                        i,
                        theme::line(l, &l.say(&a.describe(v)), font.clone(), theme::INK),
                    );
                }
            });
        let go = theme::button(ui, l, l.t("Ask"));
        probe::mark("ask-send", &go);
        if go.clicked() {
            session.act(SeatAct::Ask {
                to: to.to_string(),
                ask: options[pick].clone(),
            });
        }
    });
}

/// A request in the conversation: its answer, or for the seat asked, the buttons to give
/// one. Accepting puts the matching order in the seat's drafts.
fn answer_row(
    ui: &mut egui::Ui,
    l: Lang,
    v: &SeatView,
    forms: &mut Forms,
    session: &mut Session,
    from: &str,
    a: &AskLine,
) {
    match a.answer {
        Some(yes) => {
            theme::small(ui, l, l.t(if yes { "accepted" } else { "declined" }));
        }
        None if a.to == v.actor => {
            theme::row(ui, l, |ui| {
                let yes = theme::primary(ui, l, l.t("Accept"));
                probe::mark(format!("ask-accept-{}", a.message), &yes);
                let no = theme::button(ui, l, l.t("Decline"));
                if yes.clicked() {
                    session.act(SeatAct::Answer {
                        message: a.message,
                        accept: true,
                        because: None,
                    });
                    let drafted = orders_for(v, from, &a.ask);
                    if !drafted.is_empty() {
                        for o in drafted {
                            forms.drafts.retain(|d| {
                                !matches!((d, &o), (Order::Vote { proposal: x, .. }, Order::Vote { proposal: y, .. }) if x == y)
                            });
                            forms.drafts.push(o);
                        }
                        session.notify(
                            l.t("Accepted: the matching order is in your drafts; send it before the deadline."),
                            false,
                        );
                    }
                }
                if no.clicked() {
                    session.act(SeatAct::Answer {
                        message: a.message,
                        accept: false,
                        because: None,
                    });
                }
            });
        }
        None => {
            theme::small(ui, l, l.t("waiting for an answer"));
        }
    }
}

/// The orders that keep a promise made in a channel.
fn orders_for(v: &SeatView, from: &str, ask: &Ask) -> Vec<Order> {
    match ask {
        Ask::SupportProposal { proposal } => vec![Order::Vote {
            proposal: *proposal,
            ballot: Ballot::Yes,
        }],
        Ask::ShareEvidence { incident } => v
            .evidence
            .iter()
            .filter(|e| &e.incident == incident)
            .map(|e| Order::ShareEvidence {
                evidence: e.id.clone(),
                with: from.to_string(),
                sanitised: e.sensitive.is_some(),
            })
            .collect(),
        Ask::ProvideAssistance { incident } => vec![Order::ProvideAssistance {
            to: from.to_string(),
            incident: incident.clone(),
        }],
        Ask::JoinAttribution { incident } => v
            .attributions
            .iter()
            .filter(|x| &x.incident == incident && x.made_by == from)
            .take(1)
            .map(|x| Order::Attribute {
                incident: incident.clone(),
                to: x.to.clone(),
                claim: x.claim,
                confidence: x.confidence,
                public: true,
                joint: false,
                reading: None,
                release: false,
            })
            .collect(),
    }
}
