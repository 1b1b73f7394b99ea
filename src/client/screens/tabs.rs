//! The read-only parts of the exercise screen: the situation (map, briefing, objectives),
//! the evidence board, the norms codex with the seat's ledger, and the news.

use bevy_egui::egui;

use crate::client::view_model::{actor_name, evidence_board, ledger_summary};
use crate::client::{Lang, map, theme};

use crate::report::Debrief;
use crate::scenario::{Confidence, Scenario};
use crate::sim::norms::{Norm, ReadingCheck};
use crate::sim::record::Verdict;
use crate::sim::view::ObjectiveStatus;
use crate::sim::view::{AttributionCard, IncidentCard, SeatView};

/// The situation; returns the role the reader chose in its delegation, if they chose one
/// (`own`: the reader holds the seat, so the choice is theirs). `to_publics`: scroll to the
/// publics on this frame (the screenshot tour).
pub fn situation(
    ui: &mut egui::Ui,
    l: Lang,
    v: &SeatView,
    scenario: Option<&Scenario>,
    own: bool,
    to_publics: &mut bool,
) -> Option<Option<String>> {
    let mut chose = None;
    let code = l.code();
    let height = (ui.available_height() * 0.58).max(220.0);
    map::world(ui, l, v, height);
    egui::ScrollArea::vertical()
        .id_salt("situation")
        .show(ui, |ui| {
            theme::column(ui, l, |ui| {
                if let Some(sc) = scenario {
                    theme::small(
                        ui,
                        l,
                        &format!(
                            "{} · {}",
                            sc.period.get(code),
                            sc.span(v.turn).0.get(code)
                        ),
                    );
                }
                theme::strong(ui, l, l.t("Objectives"), theme::ACCENT);
                for o in &v.objectives {
                    let (mark, color, status) = match o.status {
                        ObjectiveStatus::Met(turn) => (
                            "✔",
                            theme::GOOD,
                            l.f("met in turn {0}", &[&turn.to_string()]),
                        ),
                        ObjectiveStatus::Open => ("○", theme::INK, l.t("not met yet").to_string()),
                        ObjectiveStatus::OnTrack => (
                            "○",
                            theme::GOOD,
                            l.t("on track: it would be met if the exercise ended now; it is judged at the end")
                                .to_string(),
                        ),
                        ObjectiveStatus::AtRisk => (
                            "⚠",
                            theme::WARN,
                            l.t("at risk: it would not be met if the exercise ended now; it is judged at the end")
                                .to_string(),
                        ),
                        ObjectiveStatus::Missed => ("✖", theme::BAD, l.t("missed").to_string()),
                    };
                    theme::strong(ui, l, &format!("{mark} {}", o.text.get(code)), color);
                    let shared = match (&o.met_by, o.shared) {
                        (Some(by), _) => format!(" · {}", l.f("met by {0}", &[&l.say(by)])),
                        (None, true) => format!(" · {}", l.t("others' acts count toward it too")),
                        (None, false) => String::new(),
                    };
                    theme::small(ui, l, &format!("{status}{shared}"));
                }
                ui.add_space(6.0);
                let r = publics(ui, l, v);
                if std::mem::take(to_publics) && let Some(r) = r {
                    r.scroll_to_me(Some(egui::Align::TOP));
                }
                chose = delegation(ui, l, v, own);
                theme::row(ui, l, |ui| {
                    theme::strong(ui, l, l.t("Briefing"), theme::ACCENT);
                    let full = theme::button(ui, l, l.t("Read full-size"));
                    crate::client::probe::mark("briefing-full", &full);
                    if full.clicked() {
                        ui.ctx().data_mut(|d| d.insert_temp(briefing_id(), true));
                    }
                });
                theme::paragraph(ui, l, v.briefing.get(code));
            });
        });
    briefing_full_size(ui.ctx(), l, v);
    chose
}

/// How states stand with each public (0 to 100) and how that moved in the last turn: the
/// seat's own state first, then the public's home state and the states that moved.
fn publics(ui: &mut egui::Ui, l: Lang, v: &SeatView) -> Option<egui::Response> {
    if v.audiences.is_empty() {
        return None;
    }
    let code = l.code();
    let heading = theme::strong(ui, l, l.t("Publics"), theme::ACCENT);
    theme::small(
        ui,
        l,
        l.t("How states stand with each public (0 to 100), and the change in the last turn"),
    );
    for a in &v.audiences {
        let mut shown: Vec<&crate::sim::view::StandingLine> = Vec::new();
        let wanted = |s: &crate::sim::view::StandingLine| {
            s.actor == v.actor || a.home.as_deref() == Some(s.actor.as_str()) || s.change != 0
        };
        shown.extend(a.standing.iter().filter(|s| s.actor == v.actor));
        shown.extend(
            a.standing
                .iter()
                .filter(|s| s.actor != v.actor && wanted(s))
                .take(4),
        );
        let parts: Vec<String> = shown
            .iter()
            .map(|s| {
                format!(
                    "{} {} {}",
                    actor_name(v, &s.actor, code),
                    s.now,
                    change(s.change)
                )
            })
            .collect();
        let name = if a.home.as_deref() == Some(v.actor.as_str()) {
            l.f("{0} (support at home)", &[a.name.get(code)])
        } else {
            a.name.get(code).to_string()
        };
        theme::label(ui, l, &format!("{name}: {}", parts.join(" · ")));
    }
    ui.add_space(6.0);
    Some(heading)
}

/// The seat's delegation: who is in it and in which role, the reader's choice of role, and
/// the note only a role's holder reads (a legal adviser's memo, a CERT's technical annex).
fn delegation(ui: &mut egui::Ui, l: Lang, v: &SeatView, own: bool) -> Option<Option<String>> {
    let mut out = None;
    let code = l.code();
    let role_name = |id: &str| {
        v.roles
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.name.get(code).to_string())
    };
    if v.members.len() > 1 {
        let names: Vec<String> = v
            .members
            .iter()
            .map(|m| match m.role.as_deref().and_then(role_name) {
                Some(role) => l.f("{0} ({1})", &[&m.name, &role]),
                None => m.name.clone(),
            })
            .collect();
        theme::strong(ui, l, l.t("Your delegation"), theme::ACCENT);
        theme::label(ui, l, &l.list(&names));
    }
    if v.roles.is_empty() || !own {
        return None;
    }
    theme::row(ui, l, |ui| {
        theme::small(ui, l, l.t("Your role"));
        let mine = v.my_role.as_ref().map(|r| r.id.clone());
        let shown = mine
            .as_deref()
            .and_then(role_name)
            .unwrap_or_else(|| l.t("none").to_string());
        let font = egui::TextStyle::Body.resolve(ui.style());
        let mut chosen = mine.clone();
        egui::ComboBox::from_id_salt("my-role")
            .selected_text(theme::line(l, &shown, font.clone(), theme::INK))
            .show_ui(ui, |ui| {
                for r in &v.roles {
                    ui.selectable_value(
                        &mut chosen,
                        Some(r.id.clone()),
                        theme::line(l, r.name.get(code), font.clone(), theme::INK),
                    );
                }
                ui.selectable_value(
                    &mut chosen,
                    None,
                    theme::line(l, l.t("none"), font.clone(), theme::INK),
                );
            });
        if chosen != mine {
            out = Some(chosen);
        }
    });
    if let Some(r) = &v.my_role {
        theme::card(ui, |ui| {
            theme::column(ui, l, |ui| {
                theme::strong(ui, l, r.name.get(code), theme::ACCENT);
                theme::paragraph(ui, l, r.note.get(code));
            });
        });
    }
    ui.add_space(6.0);
    out
}

fn briefing_id() -> egui::Id {
    egui::Id::new("briefing-full-size")
}

/// The briefing over the whole window, in large type, until closed.
fn briefing_full_size(ctx: &egui::Context, l: Lang, v: &SeatView) {
    if !ctx.data(|d| d.get_temp::<bool>(briefing_id()).unwrap_or(false)) {
        return;
    }
    let size = ctx.content_rect().size() * egui::vec2(0.86, 0.86);
    let modal = egui::Modal::new(egui::Id::new("briefing-modal")).show(ctx, |ui| {
        ui.set_width(size.x);
        theme::column(ui, l, |ui| {
            theme::row(ui, l, |ui| {
                theme::heading(ui, l, l.t("Briefing"));
                if theme::button(ui, l, l.t("Close")).clicked() {
                    ui.ctx().data_mut(|d| d.insert_temp(briefing_id(), false));
                }
            });
            egui::ScrollArea::vertical()
                .id_salt("briefing-full")
                .max_height(size.y - 60.0)
                .show(ui, |ui| {
                    theme::column(ui, l, |ui| {
                        theme::paragraph_in(
                            ui,
                            l,
                            v.briefing.get(l.code()),
                            egui::TextStyle::Heading,
                            theme::INK,
                        );
                    });
                });
        });
    });
    if modal.should_close() {
        ctx.data_mut(|d| d.insert_temp(briefing_id(), false));
    }
}

/// An incident's observable facts, one clause each: what any seat that knows of it sees.
/// Never its legal level: what it is in law is the seat's own reading.
fn facts(l: Lang, i: &IncidentCard) -> Vec<String> {
    let mut out = vec![l.f(
        "{0} · severity {1} of 5",
        &[l.t(i.kind.term()), &i.severity.to_string()],
    )];
    out.push(l.f("deaths: {0}", &[&i.deaths.to_string()]));
    out.push(
        l.t(if i.physical_damage {
            "lasting physical damage"
        } else {
            "no lasting physical damage"
        })
        .to_string(),
    );
    out.push(
        l.t(if i.data_destroyed {
            "data destroyed"
        } else {
            "no data destroyed"
        })
        .to_string(),
    );
    if i.cert {
        out.push(l.t("its emergency response team was hit").to_string());
    }
    out.push(if i.outage > 0 {
        l.f(
            "outage: −{0} infrastructure health a turn",
            &[&i.outage.to_string()],
        )
    } else {
        l.t("no outage").to_string()
    });
    out.push(if i.economic_loss > 0 {
        l.f(
            "economic loss: −{0} economy a turn",
            &[&i.economic_loss.to_string()],
        )
    } else {
        l.t("no economic loss").to_string()
    });
    if let Some(when) = &i.began {
        out.push(l.f("began before the exercise: {0}", &[&l.say(when)]));
    }
    out.push(match i.started {
        Some(t) => l.f(
            "turns it lasts: {0} (from turn {1})",
            &[&i.duration.to_string(), &t.to_string()],
        ),
        None => l.f("turns it lasts: {0}", &[&i.duration.to_string()]),
    });
    out.push(
        l.t(if i.active { "still going on" } else { "over" })
            .to_string(),
    );
    out
}

pub fn confidence_color(c: Option<Confidence>) -> egui::Color32 {
    match c {
        Some(Confidence::High) => theme::GOOD,
        Some(Confidence::Moderate) => theme::ACCENT,
        Some(Confidence::Low) => theme::WARN,
        None => theme::BAD,
    }
}

pub fn check_color(c: ReadingCheck) -> egui::Color32 {
    match c {
        ReadingCheck::Supported => theme::GOOD,
        ReadingCheck::Understates => theme::WARN,
        ReadingCheck::Overreaches => theme::BAD,
    }
}

/// "What your evidence supports": per claim and accused, the confidence, as rows of cells
/// in the reading direction.
fn supports(ui: &mut egui::Ui, l: Lang, v: &SeatView, i: &IncidentCard) {
    let code = l.code();
    theme::strong(ui, l, l.t("What your evidence supports"), theme::ACCENT);
    if i.claims.is_empty() {
        theme::small(ui, l, l.t("Your evidence supports no claim yet."));
    } else {
        let width = ui.available_width().min(980.0);
        let conf_w = 110.0;
        let who_w = (width * 0.25).max(150.0);
        let claim_w = (width - conf_w - who_w - 2.0 * 8.0).max(200.0);
        let header = |ui: &mut egui::Ui| {
            theme::row(ui, l, |ui| {
                theme::cell(ui, l, claim_w, |ui| {
                    theme::small(ui, l, l.t("claim"));
                });
                theme::cell(ui, l, who_w, |ui| {
                    theme::small(ui, l, l.t("against"));
                });
                theme::cell(ui, l, conf_w, |ui| {
                    let head = theme::small(ui, l, l.t("confidence"));
                    crate::client::glossary::hover(head, l, "confidence_level");
                });
            });
        };
        header(ui);
        for (n, c) in i.claims.iter().enumerate() {
            let fill = if n % 2 == 0 {
                theme::PANEL.gamma_multiply(0.6)
            } else {
                egui::Color32::TRANSPARENT
            };
            egui::Frame::new().fill(fill).show(ui, |ui| {
                ui.set_width(width);
                theme::row(ui, l, |ui| {
                    theme::cell(ui, l, claim_w, |ui| {
                        theme::paragraph_in(
                            ui,
                            l,
                            l.t(c.claim.term()),
                            egui::TextStyle::Body,
                            theme::INK,
                        );
                    });
                    theme::cell(ui, l, who_w, |ui| {
                        theme::label(ui, l, actor_name(v, &c.against, code));
                    });
                    theme::cell(ui, l, conf_w, |ui| {
                        theme::strong(
                            ui,
                            l,
                            l.t(c.confidence.term()),
                            confidence_color(Some(c.confidence)),
                        );
                    });
                });
            });
        }
    }
    theme::paragraph_in(
        ui,
        l,
        l.t("Addresses and servers in a state's networks prove only that infrastructure there was used; evidence against a group operating from a state supports due diligence (13c), not the state's responsibility, which needs evidence against the state itself (ILC Arts. 4 and 8). Due diligence stays at low confidence until you have put that state on notice of this incident."),
        egui::TextStyle::Small,
        theme::MUTED,
    );
}

/// The evidence board. `engine` (the control cell's live report) adds under each incident
/// the engine's own assessment, which no seat sees; `to_readings` scrolls once to the
/// first readings (the screenshot tour).
pub fn evidence(
    ui: &mut egui::Ui,
    l: Lang,
    v: &SeatView,
    engine: Option<&Debrief>,
    to_readings: &mut bool,
) {
    let code = l.code();
    egui::ScrollArea::vertical()
        .id_salt("evidence")
        .show(ui, |ui| {
            theme::column(ui, l, |ui| {
                theme::heading(ui, l, l.t("Incidents and evidence"));
                theme::small(ui, l, l.t("What your seat knows: evidence you gathered or were given, how reliable it is and whom it points to, and who has attributed what."));
                for b in evidence_board(v) {
                    let i = b.incident;
                    theme::card(ui, |ui| {
                        theme::column(ui, l, |ui| {
                            theme::strong(
                                ui,
                                l,
                                &format!(
                                    "{} · {}",
                                    l.say(&i.name),
                                    actor_name(v, &i.target, code),
                                ),
                                theme::INK,
                            );
                            let color = if i.active { theme::WARN } else { theme::MUTED };
                            let line = ui
                                .scope(|ui| {
                                    theme::paragraph_in(
                                        ui,
                                        l,
                                        &facts(l, i).join(" · "),
                                        egui::TextStyle::Small,
                                        color,
                                    )
                                })
                                .response;
                            crate::client::glossary::hover(line, l, "severity");
                            theme::paragraph(ui, l, &l.say(&i.description));
                            if let Some(by) = &i.claimed_by {
                                let claim = theme::strong(
                                    ui,
                                    l,
                                    &l.f(
                                        "Claimed by {0}: a claim, not proof of who is behind it",
                                        &[actor_name(v, by, code)],
                                    ),
                                    theme::INK,
                                );
                                crate::client::glossary::hover(claim, l, "persona");
                            }
                            if let Some(d) = engine {
                                assessment(ui, l, d, i);
                            }
                            if let Some(author) = &i.author {
                                theme::strong(
                                    ui,
                                    l,
                                    &format!(
                                        "{}: {}",
                                        l.t("Known author"),
                                        actor_name(v, author, code)
                                    ),
                                    theme::WARN,
                                );
                            }
                            if b.evidence.is_empty() {
                                theme::small(ui, l, l.t("No evidence yet: investigate."));
                            }
                            for e in &b.evidence {
                                theme::row_wrapped(ui, l, |ui| {
                                    theme::strong(
                                        ui,
                                        l,
                                        &format!(
                                            "{}: {}",
                                            l.t("points to"),
                                            actor_name(v, &e.points_to, code)
                                        ),
                                        theme::ACCENT,
                                    );
                                    theme::small(
                                        ui,
                                        l,
                                        &format!(
                                            "{}: {}",
                                            l.t("reliability"),
                                            l.t(e.reliability.term())
                                        ),
                                    );
                                    let layer = theme::small(ui, l, l.t(e.layer.term()));
                                    crate::client::glossary::hover(
                                        layer,
                                        l,
                                        &format!("{:?}_layer", e.layer).to_lowercase(),
                                    );
                                });
                                theme::paragraph_in(
                                    ui,
                                    l,
                                    &l.say(&e.text),
                                    egui::TextStyle::Body,
                                    theme::INK,
                                );
                            }
                            ui.add_space(4.0);
                            supports(ui, l, v, i);
                            if !b.readings.is_empty() {
                                ui.add_space(4.0);
                                let heading =
                                    theme::strong(ui, l, l.t("Legal readings"), theme::ACCENT);
                                if std::mem::take(to_readings) {
                                    heading.scroll_to_me_animation(
                                        Some(egui::Align::Center),
                                        egui::style::ScrollAnimation::none(),
                                    );
                                }
                            }
                            for r in &b.readings {
                                let reading = l.t(r.reading.term());
                                if r.actor == v.actor {
                                    let how = if r.public {
                                        l.t("publicly")
                                    } else {
                                        l.t("privately")
                                    };
                                    let (text, color) = match r.check {
                                        Some(c) => (
                                            l.f(
                                                "turn {0}: your reading, {1}: {2} — {3}",
                                                &[&r.turn.to_string(), how, reading, l.t(c.term())],
                                            ),
                                            check_color(c),
                                        ),
                                        None => (
                                            l.f(
                                                "turn {0}: your reading, {1}: {2}",
                                                &[&r.turn.to_string(), how, reading],
                                            ),
                                            theme::INK,
                                        ),
                                    };
                                    theme::paragraph_in(ui, l, &text, egui::TextStyle::Body, color);
                                    if !r.reason.is_empty() {
                                        theme::paragraph_in(
                                            ui,
                                            l,
                                            &l.say(&r.reason),
                                            egui::TextStyle::Small,
                                            theme::MUTED,
                                        );
                                    }
                                } else {
                                    theme::paragraph_in(
                                        ui,
                                        l,
                                        &l.f(
                                            "turn {0}: {1} publicly reads it as {2}",
                                            &[
                                                &r.turn.to_string(),
                                                actor_name(v, &r.actor, code),
                                                reading,
                                            ],
                                        ),
                                        egui::TextStyle::Small,
                                        theme::INK,
                                    );
                                }
                            }
                            if !b.attributions.is_empty() {
                                ui.add_space(4.0);
                                theme::strong(ui, l, l.t("Attributions"), theme::ACCENT);
                            }
                            for a in &b.attributions {
                                attribution_line(ui, l, v, a);
                            }
                            for d in &i.denied_by {
                                theme::small(
                                    ui,
                                    l,
                                    &format!("{} {}", actor_name(v, d, code), l.t("denies it")),
                                );
                            }
                        });
                    });
                    ui.add_space(6.0);
                }
            });
        });
}

/// For the control cell: the engine's assessment of an incident, with the hidden author.
fn assessment(ui: &mut egui::Ui, l: Lang, d: &Debrief, i: &IncidentCard) {
    let code = l.code();
    let Some(r) = d.incidents.iter().find(|r| r.name == i.name) else {
        return;
    };
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, theme::WARN))
        .corner_radius(4.0)
        .inner_margin(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            theme::column(ui, l, |ui| {
                theme::paragraph_in(
                    ui,
                    l,
                    &l.f(
                        "Control cell only: the engine's assessment, {0}; author {1}",
                        &[l.t(r.level.term()), r.author.get(code)],
                    ),
                    egui::TextStyle::Body,
                    theme::WARN,
                );
                theme::paragraph_in(
                    ui,
                    l,
                    &l.say(&r.reason),
                    egui::TextStyle::Small,
                    theme::MUTED,
                );
            });
        });
}

/// One attribution: who made it, how, against whom, its claim and confidence, and, where
/// the seat is a party, what its own evidence supported.
fn attribution_line(ui: &mut egui::Ui, l: Lang, v: &SeatView, a: &AttributionCard) {
    let code = l.code();
    let how = if a.public {
        l.t("publicly")
    } else {
        l.t("privately")
    };
    let makers: Vec<&str> = if a.by.is_empty() {
        vec![actor_name(v, &a.made_by, code)]
    } else {
        a.by.iter().map(|x| actor_name(v, x, code)).collect()
    };
    theme::paragraph_in(
        ui,
        l,
        &l.f(
            "turn {0}: {1} attributed it {2} to {3} — {4}, {5} confidence",
            &[
                &a.turn.to_string(),
                &makers.join(l.comma()),
                how,
                actor_name(v, &a.to, code),
                l.t(a.claim.term()),
                l.t(a.confidence.term()),
            ],
        ),
        egui::TextStyle::Small,
        theme::INK,
    );
    let party = a.made_by == v.actor || a.by.contains(&v.actor);
    if party {
        let supported = match a.my_support {
            Some(c) => l.t(c.term()),
            None => l.t("nothing"),
        };
        let color = match a.my_support {
            Some(c) if c >= a.confidence => theme::GOOD,
            Some(_) => theme::WARN,
            None => theme::BAD,
        };
        theme::paragraph_in(
            ui,
            l,
            &l.f("your own evidence supported: {0}", &[supported]),
            egui::TextStyle::Small,
            color,
        );
    }
}

pub fn codex(ui: &mut egui::Ui, l: Lang, v: &SeatView, open: &mut Option<String>) {
    let summary = ledger_summary(v);
    egui::ScrollArea::vertical()
        .id_salt("codex")
        .show(ui, |ui| {
            theme::column(ui, l, |ui| {
                theme::heading(ui, l, l.t("The eleven norms (A/70/174, para. 13)"));
                theme::small(ui, l, l.t("The voluntary, non-binding norms of responsible state behaviour (UN GGE report A/70/174, welcomed by the General Assembly in resolution 70/237). Your ledger shows how your orders upheld, strained or breached each."));
                for norm in Norm::all() {
                    theme::card(ui, |ui| {
                        theme::column(ui, l, |ui| {
                            theme::strong(
                                ui,
                                l,
                                &format!("{} · {}", norm.id_in(l), norm.short_in(l)),
                                theme::ACCENT,
                            );
                            theme::paragraph_in(
                                ui,
                                l,
                                norm.text_in(l),
                                egui::TextStyle::Body,
                                theme::INK,
                            );
                            if let Some((_, up, strained, breached)) =
                                summary.iter().find(|s| s.0 == norm.id())
                            {
                                theme::small(
                                    ui,
                                    l,
                                    &l.f(
                                        "your ledger: upheld {0}, strained {1}, breached {2}",
                                        &[
                                            &up.to_string(),
                                            &strained.to_string(),
                                            &breached.to_string(),
                                        ],
                                    ),
                                );
                            }
                            for line in v.ledger.iter().filter(|x| x.norm == norm.id()) {
                                let color = match line.verdict {
                                    Verdict::Upheld => theme::GOOD,
                                    Verdict::Strained => theme::WARN,
                                    Verdict::Breached => theme::BAD,
                                };
                                theme::paragraph_in(
                                    ui,
                                    l,
                                    &format!(
                                        "{} {} · {}: {}",
                                        l.t("turn"),
                                        line.turn,
                                        l.t(line.verdict.term()),
                                        l.say(&line.reason)
                                    ),
                                    egui::TextStyle::Small,
                                    color,
                                );
                            }
                        });
                    });
                }
                glossary(ui, l, open);
            });
        });
}

/// Every term of the glossary; the one asked for (a term clicked elsewhere) is scrolled to
/// and marked.
fn glossary(ui: &mut egui::Ui, l: Lang, open: &mut Option<String>) {
    ui.add_space(10.0);
    theme::heading(ui, l, l.t("Glossary"));
    theme::small(
        ui,
        l,
        l.t("The terms of law, diplomacy and play this exercise uses. Hover over a number or a term elsewhere to see its entry; click it to come here."),
    );
    let asked = open.take();
    for e in crate::i18n::terms::glossary() {
        let here = asked.as_deref() == Some(e.id.as_str());
        let frame = egui::Frame::new()
            .fill(if here {
                theme::ACCENT.gamma_multiply(0.25)
            } else {
                theme::CARD
            })
            .corner_radius(6.0)
            .inner_margin(8.0);
        let r = frame.show(ui, |ui| {
            ui.set_width(ui.available_width());
            crate::client::glossary::show_entry(ui, l, e);
            let see: Vec<&str> = e
                .see
                .iter()
                .filter_map(|id| crate::i18n::terms::entry(id))
                .map(|x| l.t_any(&x.term))
                .collect();
            if !see.is_empty() {
                theme::small(
                    ui,
                    l,
                    &format!("{}: {}", l.t("See also"), see.join(l.comma())),
                );
            }
        });
        if here {
            r.response.scroll_to_me(Some(egui::Align::TOP));
        }
        ui.add_space(4.0);
    }
}

/// Which part of the news tab is open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NewsPart {
    #[default]
    Feed,
    Wire,
    Story,
}

impl NewsPart {
    #[cfg_attr(not(test), allow(dead_code))]
    pub const ALL: [NewsPart; 3] = [NewsPart::Feed, NewsPart::Wire, NewsPart::Story];
}

/// Thousands of people, as a reader counts them ("412k", "1.2M").
fn people(l: Lang, k: u32) -> String {
    if k >= 1000 {
        l.f("{0}M", &[&format!("{:.1}", k as f32 / 1000.0)])
    } else {
        l.f("{0}k", &[&k.to_string()])
    }
}

/// A tag as it trends: '#' and the first words of the name (before a colon or a bracket),
/// run together with capitals, or joined by '_' in Arabic script as Arabic hashtags are.
fn hashtag(name: &str) -> String {
    let head = name.split([':', '(', '،', ',']).next().unwrap_or(name);
    let words: Vec<String> = head
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .take(3)
        .collect();
    if theme::has_rtl(head) {
        return format!("#{}", words.join("_"));
    }
    let capital = |w: &String| {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    format!("#{}", words.iter().map(capital).collect::<String>())
}

/// An audience's name, from the view.
fn audience_name<'a>(v: &'a SeatView, id: &'a str, code: &str) -> &'a str {
    v.audiences
        .iter()
        .find(|a| a.id == id)
        .map_or(id, |a| a.name.get(code))
}

/// A change in standing, signed ("+3", "−7"; nothing when it did not move).
fn change(d: i32) -> String {
    match d {
        d if d > 0 => format!("+{d}"),
        d if d < 0 => format!("−{}", -d),
        _ => String::new(),
    }
}

/// One post or article: who speaks and how, what it says, its tags, how far it reached,
/// and how each audience answered it.
fn post_card(ui: &mut egui::Ui, l: Lang, v: &SeatView, p: &crate::sim::view::PostCard) {
    let code = l.code();
    theme::card(ui, |ui| {
        let ours = p.by.as_deref() == Some(v.actor.as_str());
        theme::strong(
            ui,
            l,
            &l.say(&p.voice),
            if ours { theme::ACCENT } else { theme::INK },
        );
        let mut how = vec![l.f("turn {0}", &[&p.turn.to_string()])];
        if let Some(via) = p.via {
            how.push(l.t(via.term()).to_string());
        }
        if let Some(lang) = &p.language {
            let name = l.say(&crate::say!("{0}", crate::sim::sphere::language(lang)));
            how.push(l.f("in {0}", &[&name]));
        }
        how.push(l.f("{0} reached", &[&people(l, p.reach)]));
        theme::small(ui, l, &how.join(" · "));
        if p.inauthentic {
            theme::strong(
                ui,
                l,
                l.t("⚠ posted by accounts that hide who runs them"),
                theme::WARN,
            );
        }
        theme::paragraph(ui, l, &l.say(&p.text));
        if !p.tags.is_empty() {
            let tags: Vec<String> = p.tags.iter().map(|t| hashtag(&l.say(t))).collect();
            theme::small(ui, l, &tags.join(" "));
        }
        // Each audience's answer on one line: "Public in Saudi Arabia: Canada ▼7, Saudi
        // Arabia ▲3".
        let mut seen: Vec<&str> = Vec::new();
        for r in &p.reactions {
            if seen.contains(&r.audience.as_str()) {
                continue;
            }
            seen.push(&r.audience);
            let moved: Vec<String> = p
                .reactions
                .iter()
                .filter(|x| x.audience == r.audience)
                .map(|x| format!("{} {}", actor_name(v, &x.actor, code), change(x.delta)))
                .collect();
            theme::small(
                ui,
                l,
                &format!(
                    "{}: {}",
                    audience_name(v, &r.audience, code),
                    moved.join(l.comma())
                ),
            );
        }
    });
    ui.add_space(6.0);
}

/// The public sphere and the news: the social feed, the news wire (each with what trends),
/// or the story of the exercise with the results of orders.
pub fn news(ui: &mut egui::Ui, l: Lang, v: &SeatView, part: &mut NewsPart) {
    theme::row(ui, l, |ui| {
        for (p, key, mark) in [
            (NewsPart::Feed, "Feed", "news-feed"),
            (NewsPart::Wire, "Wire", "news-wire"),
            (NewsPart::Story, "Story and results", "news-story"),
        ] {
            let r = theme::tab(ui, l, *part == p, l.t(key));
            crate::client::probe::mark(mark, &r);
            if r.clicked() {
                *part = p;
            }
        }
    });
    if *part != NewsPart::Story {
        if !v.trending.is_empty() {
            let tags: Vec<String> = v
                .trending
                .iter()
                .map(|t| format!("{} ({})", hashtag(&l.say(&t.tag)), people(l, t.reach)))
                .collect();
            theme::small(ui, l, &format!("{}: {}", l.t("Trending"), tags.join(" · ")));
        }
        let wire = *part == NewsPart::Wire;
        egui::ScrollArea::vertical()
            .id_salt(("sphere", wire, v.turn))
            .show(ui, |ui| {
                theme::column(ui, l, |ui| {
                    let mut any = false;
                    for p in v.feed.iter().rev().filter(|p| p.wire == wire) {
                        post_card(ui, l, v, p);
                        any = true;
                    }
                    if !any {
                        theme::small(
                            ui,
                            l,
                            l.t(if wire {
                                "Nothing on the wire yet: public acts are reported as orders resolve."
                            } else {
                                "Nothing on the feed yet: posts appear as orders resolve."
                            }),
                        );
                    }
                });
            });
        return;
    }
    let code = l.code();
    egui::ScrollArea::vertical()
        .id_salt(("news", v.turn))
        .show(ui, |ui| {
            theme::column(ui, l, |ui| {
                theme::heading(ui, l, l.t("News"));
                let mut turn = None;
                for n in v.news.iter().rev() {
                    if turn != Some(n.turn) {
                        turn = Some(n.turn);
                        ui.add_space(6.0);
                        theme::strong(
                            ui,
                            l,
                            &l.f("turn {0}", &[&n.turn.to_string()]),
                            theme::ACCENT,
                        );
                        ui.separator();
                    }
                    theme::paragraph(ui, l, &l.say(&n.text));
                    ui.add_space(4.0);
                }
                if !v.results.is_empty() {
                    theme::heading(ui, l, l.t("Results of orders"));
                    for r in v.results.iter().rev() {
                        let who = actor_name(v, &r.actor, code);
                        theme::small(
                            ui,
                            l,
                            &format!(
                                "{} {} · {who} · {} · {}",
                                l.t("turn"),
                                r.turn,
                                l.say(&r.summary),
                                l.t(r.resolved.term())
                            ),
                        );
                        theme::paragraph(ui, l, &l.say(&r.reason));
                    }
                }
            });
        });
}

#[cfg(test)]
mod tests {
    use super::hashtag;

    #[test]
    fn a_tag_is_the_first_words_of_a_name_run_together() {
        assert_eq!(
            hashtag("First wave: DDoS and spam on government sites"),
            "#FirstWave"
        );
        assert_eq!(hashtag("Samar Badawi (detained)"), "#SamarBadawi");
        assert_eq!(hashtag("الموجة الأولى: هجمات"), "#الموجة_الأولى");
        assert_eq!(hashtag("FreeSamar"), "#FreeSamar");
    }
}
