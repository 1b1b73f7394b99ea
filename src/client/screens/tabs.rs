//! The read-only parts of the exercise screen: the situation (map, briefing, objectives),
//! the evidence board, the norms codex with the seat's ledger, and the news.

use bevy_egui::egui;

use crate::client::view_model::{actor_name, evidence_board, ledger_summary};
use crate::client::{Lang, map, theme};
use crate::i18n::{confidence_key, layer_key, reliability_key, resolved_key, verdict_key};
use crate::scenario::Scenario;
use crate::sim::norms::Norm;
use crate::sim::record::Verdict;
use crate::sim::view::SeatView;

pub fn situation(ui: &mut egui::Ui, l: Lang, v: &SeatView, scenario: Option<&Scenario>) {
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
                        &format!("{} · {}", sc.period.get(code), sc.turn_span.get(code)),
                    );
                }
                theme::strong(ui, l, l.t("Objectives"), theme::ACCENT);
                for (text, met) in &v.objectives {
                    let mark = if *met { "✔" } else { "○" };
                    let color = if *met { theme::GOOD } else { theme::INK };
                    theme::strong(ui, l, &format!("{mark} {}", text.get(code)), color);
                }
                ui.add_space(6.0);
                theme::strong(ui, l, l.t("Briefing"), theme::ACCENT);
                theme::paragraph(ui, l, v.briefing.get(code));
            });
        });
}

pub fn evidence(ui: &mut egui::Ui, l: Lang, v: &SeatView) {
    let code = l.code();
    egui::ScrollArea::vertical()
        .id_salt("evidence")
        .show(ui, |ui| {
            theme::column(ui, l, |ui| {
                theme::heading(ui, l, l.t("Incidents and evidence"));
                theme::small(ui, l, l.t("evidence.help"));
                for b in evidence_board(v) {
                    let i = b.incident;
                    theme::card(ui, |ui| {
                        theme::column(ui, l, |ui| {
                            let state = if i.active { l.t("active") } else { l.t("over") };
                            theme::strong(
                                ui,
                                l,
                                &format!(
                                    "{} · {} · {}",
                                    i.name.get(code),
                                    actor_name(v, &i.target, code),
                                    state
                                ),
                                theme::INK,
                            );
                            theme::small(ui, l, &format!("{}: {}", l.t("Severity"), i.severity));
                            theme::paragraph(ui, l, i.description.get(code));
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
                                            "{} → {}",
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
                                            l.t(reliability_key(e.reliability))
                                        ),
                                    );
                                    theme::small(ui, l, l.t(layer_key(e.layer)));
                                });
                                theme::paragraph_in(
                                    ui,
                                    l,
                                    e.text.get(code),
                                    egui::TextStyle::Body,
                                    theme::INK,
                                );
                            }
                            for a in &b.attributions {
                                let public = if a.public {
                                    l.t("publicly")
                                } else {
                                    l.t("privately")
                                };
                                theme::small(
                                    ui,
                                    l,
                                    &format!(
                                        "{} {} {} {} ({} {}, {} {})",
                                        l.t("turn"),
                                        a.turn,
                                        actor_name(v, &a.made_by, code),
                                        public,
                                        l.t("attributed to"),
                                        actor_name(v, &a.to, code),
                                        l.t("confidence"),
                                        l.t(confidence_key(a.confidence))
                                    ),
                                );
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

pub fn codex(ui: &mut egui::Ui, l: Lang, v: &SeatView) {
    let summary = ledger_summary(v);
    egui::ScrollArea::vertical()
        .id_salt("codex")
        .show(ui, |ui| {
            theme::column(ui, l, |ui| {
                theme::heading(ui, l, l.t("The eleven norms (A/70/174, para. 13)"));
                theme::small(ui, l, l.t("codex.help"));
                for norm in Norm::all() {
                    theme::card(ui, |ui| {
                        theme::column(ui, l, |ui| {
                            theme::strong(
                                ui,
                                l,
                                &format!("{} · {}", l.norm_id(norm), l.norm_short(norm)),
                                theme::ACCENT,
                            );
                            theme::paragraph_in(
                                ui,
                                l,
                                l.norm_text(norm),
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
                                        l.t(verdict_key(line.verdict)),
                                        l.say(&line.reason)
                                    ),
                                    egui::TextStyle::Small,
                                    color,
                                );
                            }
                        });
                    });
                }
            });
        });
}

pub fn news(ui: &mut egui::Ui, l: Lang, v: &SeatView) {
    let code = l.code();
    egui::ScrollArea::vertical().id_salt("news").show(ui, |ui| {
        theme::column(ui, l, |ui| {
            theme::heading(ui, l, l.t("News"));
            for n in v.news.iter().rev() {
                theme::row(ui, l, |ui| {
                    theme::small(ui, l, &format!("{} {}", l.t("turn"), n.turn));
                });
                theme::paragraph(ui, l, &l.say(&n.text));
                ui.separator();
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
                            l.say(&r.order.summary()),
                            l.t(resolved_key(r.resolved))
                        ),
                    );
                    theme::paragraph(ui, l, &l.say(&r.reason));
                }
            }
        });
    });
}
