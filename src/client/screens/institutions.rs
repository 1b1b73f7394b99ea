//! Institutions: members, the decision rule spelled out, open proposals and the votes that
//! are public, voting (a vote is an order) and tabling a proposal.

use bevy_egui::egui;

use super::Forms;
use crate::client::session::Session;
use crate::client::view_model::{actor_name, rule_spelled_out};
use crate::client::{Lang, theme};
use crate::net::protocol::SeatAct;
use crate::scenario::Power;
use crate::sim::institutions::ProposalStatus;
use crate::sim::orders::{Ballot, Order, Proposal};
use crate::sim::view::SeatView;

fn power_key(p: Power) -> &'static str {
    match p {
        Power::Listing => "power.listing",
        Power::AttributionStatement => "power.attribution",
        Power::Statement => "power.statement",
        Power::Consultation => "power.consultation",
        Power::CollectiveDefence => "power.defence",
        Power::Resolution => "power.resolution",
    }
}

fn ballot_key(b: Ballot) -> &'static str {
    match b {
        Ballot::Yes => "yes",
        Ballot::No => "no",
        Ballot::Abstain => "abstain",
    }
}

/// A proposal of the institution's power `p` about `incident`, naming `accused` (an actor,
/// or nobody) or listing `listed` (persons and entities).
fn proposal_of(p: Power, incident: String, accused: &str, listed: &[String]) -> Proposal {
    match p {
        Power::Listing => Proposal::Listing {
            incident,
            targets: listed.to_vec(),
        },
        Power::AttributionStatement => Proposal::AttributionStatement {
            incident,
            accused: accused.to_string(),
            claim: crate::scenario::Claim::Responsibility,
            confidence: crate::scenario::Confidence::Moderate,
        },
        Power::Statement => Proposal::Condemnation { incident },
        Power::Consultation => Proposal::Consultation {
            incident,
            reading: None,
        },
        Power::CollectiveDefence => Proposal::CollectiveDefence {
            incident,
            cumulative: false,
        },
        Power::Resolution => Proposal::Resolution {
            incident,
            accused: Some(accused.to_string()).filter(|t| !t.is_empty()),
            reading: None,
        },
    }
}

pub fn institutions(
    ui: &mut egui::Ui,
    l: Lang,
    v: &SeatView,
    forms: &mut Forms,
    session: &mut Session,
    can_act: bool,
) {
    let code = l.code();
    egui::ScrollArea::vertical().id_salt("institutions").show(ui, |ui| {
        theme::column(ui, l, |ui| {
            theme::heading(ui, l, l.t("Institutions"));
            for inst in &v.institutions {
                let member = inst.members.contains(&v.actor);
                theme::card(ui, |ui| {
                    theme::column(ui, l, |ui| {
                        let badge = if member { l.t("member") } else { l.t("not a member") };
                        theme::strong(ui, l, &format!("{} · {badge}", inst.name.get(code)), theme::ACCENT);
                        let members: Vec<&str> = inst.members.iter().map(|m| actor_name(v, m, code)).collect();
                        theme::small(ui, l, &format!("{}: {}", l.t("Members"), members.join(l.comma())));
                        let powers: Vec<&str> = inst.powers.iter().map(|p| l.t(power_key(*p))).collect();
                        theme::small(ui, l, &format!("{}: {}", l.t("Can decide"), powers.join(l.comma())));
                        theme::paragraph_in(ui, l, &format!("{}: {}", l.t("Decision rule"), l.say(&rule_spelled_out(&inst.rule, inst))), egui::TextStyle::Small, theme::INK);
                        if let Some(rule) = &inst.implementing_rule {
                            theme::paragraph_in(ui, l, &format!("{}: {}", l.t("Then the implementing act"), l.say(&rule_spelled_out(rule, inst))), egui::TextStyle::Small, theme::MUTED);
                        }
                        let votes = if inst.votes_public { l.t("Votes are public.") } else { l.t("Votes are secret: only the result is published.") };
                        theme::small(ui, l, votes);
                        for p in v.proposals.iter().filter(|p| p.institution == inst.id) {
                            ui.separator();
                            let status = match p.status {
                                ProposalStatus::Open => l.t("open"),
                                ProposalStatus::Passed => l.t("adopted"),
                                ProposalStatus::Failed => l.t("not adopted"),
                            };
                            theme::strong(ui, l, &format!("#{} · {} · {} {} · {status}", p.id, l.say(&p.proposal.describe()), l.t("tabled by"), actor_name(v, &p.by, code)), theme::INK);
                            if !p.reason.is_empty() {
                                theme::paragraph_in(ui, l, &l.say(&p.reason), egui::TextStyle::Small, theme::MUTED);
                            }
                            if !p.ballots.is_empty() {
                                let ballots: Vec<String> = p.ballots.iter().map(|(who, b)| format!("{}: {}", actor_name(v, who, code), l.t(ballot_key(*b)))).collect();
                                theme::small(ui, l, &ballots.join(" · "));
                            }
                            if can_act && p.member && p.status == ProposalStatus::Open {
                                theme::row(ui, l, |ui| {
                                    theme::small(ui, l, l.t("Vote (an order):"));
                                    for b in [Ballot::Yes, Ballot::No, Ballot::Abstain] {
                                        if theme::button(ui, l, l.t(ballot_key(b))).clicked() {
                                            forms.drafts.retain(|o| !matches!(o, Order::Vote { proposal, .. } if *proposal == p.id));
                                            forms.drafts.push(Order::Vote { proposal: p.id, ballot: b });
                                            session.notify(l.t("The vote is in your orders: send them before the deadline."), false);
                                        }
                                    }
                                });
                            }
                        }
                        if can_act && member && !v.incidents.is_empty() {
                            ui.separator();
                            table_form(ui, l, v, inst, forms, session);
                        }
                    });
                });
                ui.add_space(6.0);
            }
        });
    });
}

fn table_form(
    ui: &mut egui::Ui,
    l: Lang,
    v: &SeatView,
    inst: &crate::scenario::InstitutionDef,
    forms: &mut Forms,
    session: &mut Session,
) {
    let code = l.code();
    let salt = &inst.id;
    let power = inst
        .powers
        .get(forms.table_kind)
        .or(inst.powers.first())
        .copied();
    let Some(power) = power else { return };
    let incident = v
        .incidents
        .iter()
        .find(|i| i.id == forms.table_incident)
        .or(v.incidents.first());
    theme::row_wrapped(ui, l, |ui| {
        theme::small(ui, l, l.t("Table a proposal:"));
        let font = egui::TextStyle::Body.resolve(ui.style());
        let text = |s: &str| theme::line(l, s, font.clone(), theme::INK);
        egui::ComboBox::from_id_salt(("power", salt))
            .selected_text(text(l.t(power_key(power))))
            .show_ui(ui, |ui| {
                for (i, p) in inst.powers.iter().enumerate() {
                    ui.selectable_value(&mut forms.table_kind, i, text(l.t(power_key(*p))));
                }
            });
        egui::ComboBox::from_id_salt(("incident", salt))
            .selected_text(text(incident.map(|i| i.name.get(code)).unwrap_or("")))
            .show_ui(ui, |ui| {
                for i in &v.incidents {
                    ui.selectable_value(
                        &mut forms.table_incident,
                        i.id.clone(),
                        text(i.name.get(code)),
                    );
                }
            });
        // Whom it names: one actor, nobody until the seat chooses (a resolution may name
        // nobody).
        if matches!(power, Power::AttributionStatement | Power::Resolution) {
            let nobody = power == Power::Resolution;
            theme::small(ui, l, l.t("naming"));
            let shown = if forms.table_target.is_empty() {
                l.t(if nobody { "nobody" } else { "choose…" }).to_string()
            } else {
                actor_name(v, &forms.table_target, code).to_string()
            };
            egui::ComboBox::from_id_salt(("accused", salt))
                .selected_text(text(&shown))
                .show_ui(ui, |ui| {
                    if nobody {
                        ui.selectable_value(
                            &mut forms.table_target,
                            String::new(),
                            text(l.t("nobody")),
                        );
                    }
                    for a in &v.actors {
                        ui.selectable_value(
                            &mut forms.table_target,
                            a.id.clone(),
                            text(a.name.get(code)),
                        );
                    }
                });
        }
        let ready = match power {
            Power::Listing => !forms.table_listed.is_empty(),
            Power::AttributionStatement => !forms.table_target.is_empty(),
            _ => true,
        };
        if ui
            .add_enabled_ui(ready, |ui| theme::button(ui, l, l.t("Table")))
            .inner
            .clicked()
            && let Some(i) = incident
        {
            session.act(SeatAct::Table {
                institution: inst.id.clone(),
                proposal: proposal_of(
                    power,
                    i.id.clone(),
                    &forms.table_target,
                    &forms.table_listed,
                ),
            });
        }
    });
    // Whom a listing would sanction: the persons and entities the seat knows of, those the
    // evidence links to the incident first.
    if power == Power::Listing {
        let incident = incident.map(|i| i.id.as_str()).unwrap_or_default();
        theme::small(ui, l, l.t("To list (persons and entities):"));
        if v.entities.is_empty() {
            theme::small(ui, l, l.t("No person or entity is known yet."));
        }
        let mut entities: Vec<_> = v.entities.iter().collect();
        let linked = |e: &crate::sim::view::EntityCard| e.incidents.iter().any(|i| i == incident);
        entities.sort_by_key(|e| !linked(e));
        theme::row_wrapped(ui, l, |ui| {
            for e in entities {
                let mut on = forms.table_listed.contains(&e.id);
                let name = if linked(e) {
                    format!("{} ({})", e.name.get(code), l.t("linked to this incident"))
                } else {
                    e.name.get(code).to_string()
                };
                let font = egui::TextStyle::Body.resolve(ui.style());
                if ui
                    .checkbox(&mut on, theme::line(l, &name, font, theme::INK))
                    .changed()
                {
                    forms.table_listed.retain(|x| x != &e.id);
                    if on {
                        forms.table_listed.push(e.id.clone());
                    }
                }
            }
        });
    }
}
