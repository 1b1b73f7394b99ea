//! Institutions: members, the decision rule spelled out, open proposals and the votes that
//! are public, voting (a vote is an order) and tabling a proposal.

use bevy_egui::egui;

use super::Forms;
use crate::client::session::Session;
use crate::client::view_model::{
    actor_name, claim_targets, fit_accused, rule_spelled_out, support,
};
use crate::client::{Lang, theme};

use crate::net::protocol::SeatAct;
use crate::scenario::{Claim, Confidence, Power, Reading};
use crate::sim::attribution::verdict_vote;
use crate::sim::institutions::ProposalStatus;
use crate::sim::norms::N13B;
use crate::sim::orders::{Ballot, Order, Proposal};
use crate::sim::record::Verdict;
use crate::sim::view::SeatView;

fn power_key(p: Power) -> &'static str {
    match p {
        Power::Listing => "listing under sanctions",
        Power::AttributionStatement => "joint attribution",
        Power::Statement => "statements naming no one (condemnation, solidarity)",
        Power::Consultation => "consultations (Art. 4)",
        Power::CollectiveDefence => "collective defence (Art. 5)",
        Power::Resolution => "resolutions",
        Power::Agenda => "the agenda (a procedural vote)",
    }
}

/// The proposal the tabling form describes, for the institution's power `p` about
/// `incident`.
fn proposal_of(p: Power, incident: String, forms: &Forms) -> Proposal {
    match p {
        Power::Listing => Proposal::Listing {
            incident,
            targets: forms.table_listed.clone(),
        },
        Power::AttributionStatement => Proposal::AttributionStatement {
            incident,
            accused: forms.table_target.clone(),
            claim: forms.table_claim,
            confidence: forms.table_confidence,
        },
        Power::Statement if forms.table_solidarity => Proposal::Solidarity { incident },
        Power::Statement => Proposal::Condemnation { incident },
        Power::Consultation => Proposal::Consultation {
            incident,
            reading: forms.table_reading,
        },
        Power::CollectiveDefence => Proposal::CollectiveDefence {
            incident,
            cumulative: forms.table_cumulative,
        },
        Power::Resolution => Proposal::Resolution {
            incident,
            accused: Some(forms.table_target.clone()).filter(|t| !t.is_empty()),
            reading: forms.table_reading,
            measures: forms.table_measures,
        },
        Power::Agenda => Proposal::Agenda { incident },
    }
}

/// The width of a box that states a claim or a reading, and of the text in it.
const BOX_W: f32 = 300.0;
const BOX_TEXT: f32 = BOX_W - 32.0;

/// The claims, worded as claims.
const CLAIMS: [(Claim, &str); 4] = Claim::ASKED;

/// What the seat's own evidence supports for an attribution statement, and the 13b mark a
/// vote for it would bring once adopted (a member with no evidence strains 13b).
fn support_line(
    ui: &mut egui::Ui,
    l: Lang,
    v: &SeatView,
    incident: &str,
    claim: Claim,
    accused: &str,
    confidence: Confidence,
) {
    let held = support(v, incident, claim, accused);
    let verdict = verdict_vote(held, confidence);
    let supported = match held {
        Some(c) => l.t(c.term()),
        None => l.t("nothing"),
    };
    let color = match verdict {
        Verdict::Upheld => theme::GOOD,
        Verdict::Strained => theme::WARN,
        Verdict::Breached => theme::BAD,
    };
    theme::paragraph_in(
        ui,
        l,
        &l.f(
            "Your evidence supports: {0} ({1} {2} if you vote for it and it is adopted)",
            &[supported, N13B.id_in(l), l.t(verdict.term())],
        ),
        egui::TextStyle::Small,
        color,
    );
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
                        if !inst.silence.is_empty() {
                            let kinds: Vec<&str> = inst.silence.iter().map(|k| l.t(k.term())).collect();
                            theme::paragraph_in(ui, l, &l.f("By silence procedure: {0} passes unless a member breaks silence by voting against it.", &[&kinds.join(l.comma())]), egui::TextStyle::Small, theme::INK);
                        }
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
                            theme::strong(ui, l, &format!("{} · {} {} · {status}", l.say(&p.what), l.t("tabled by"), actor_name(v, &p.by, code)), theme::INK);
                            if !p.reason.is_empty() {
                                theme::paragraph_in(ui, l, &l.say(&p.reason), egui::TextStyle::Small, theme::MUTED);
                            }
                            if !p.ballots.is_empty() {
                                let ballots: Vec<String> = p.ballots.iter().map(|(who, b)| format!("{}: {}", actor_name(v, who, code), l.t((*b).term()))).collect();
                                theme::small(ui, l, &ballots.join(" · "));
                            }
                            if !p.aligned.is_empty() {
                                let names: Vec<&str> = p.aligned.iter().map(|a| actor_name(v, a, code)).collect();
                                theme::small(ui, l, &l.f("Aligned with it from outside: {0}", &[&names.join(l.comma())]));
                            }
                            if can_act && v.may_align(p) {
                                let drafted = forms.drafts.iter().any(|o| matches!(o, Order::Align { proposal } if *proposal == p.id));
                                if drafted {
                                    theme::small(ui, l, l.t("Your alignment is in your drafts: send your orders before the deadline."));
                                } else if theme::button(ui, l, l.t("Align with this declaration (an order)")).clicked() {
                                    forms.drafts.push(Order::Align { proposal: p.id });
                                    session.notify(l.t("The alignment is in your orders: send them before the deadline."), false);
                                }
                            }
                            if let Proposal::AttributionStatement { incident, accused, claim, confidence } = &p.proposal
                                && p.member
                                && p.status == ProposalStatus::Open
                            {
                                support_line(ui, l, v, incident, *claim, accused, *confidence);
                            }
                            if !inst.votes_public && p.status != ProposalStatus::Open {
                                theme::small(ui, l, l.t("Published: how many voted yes, no and abstained. Not published: who voted how."));
                            }
                            // What is left for this seat to do on it.
                            let mine = p.ballots.iter().find(|(who, _)| *who == v.actor).map(|(_, b)| *b);
                            let drafted = forms.drafts.iter().find_map(|o| match o {
                                Order::Vote { proposal, ballot } if *proposal == p.id => Some(*ballot),
                                _ => None,
                            });
                            let convened = matches!(p.proposal, Proposal::Consultation { .. });
                            if convened && p.status == ProposalStatus::Open {
                                theme::small(ui, l, l.t("Art. 4: the request convenes the consultations at this turn's resolution; no vote is needed and none blocks them."));
                            } else if p.member && p.status == ProposalStatus::Open {
                                let left = match (mine, drafted) {
                                    (Some(b), _) if p.by == v.actor => l.f("Your vote: {0} (you tabled it). Nothing more is needed from you: the votes are counted at this turn's resolution.", &[l.t(b.term())]),
                                    (Some(b), _) => l.f("Your vote: {0}. Nothing more is needed from you: the votes are counted at this turn's resolution.", &[l.t(b.term())]),
                                    (None, Some(b)) => l.f("Your vote {0} is in your drafts: send your orders before the deadline.", &[l.t(b.term())]),
                                    (None, None) => l.t("Your vote is needed: choose below; it goes in with your orders.").to_string(),
                                };
                                theme::paragraph_in(ui, l, &left, egui::TextStyle::Small, if mine.is_some() { theme::GOOD } else { theme::WARN });
                            }
                            if can_act && p.member && p.status == ProposalStatus::Open && mine.is_none() && !convened {
                                theme::row(ui, l, |ui| {
                                    theme::small(ui, l, l.t("Vote (an order):"));
                                    for b in [Ballot::Yes, Ballot::No, Ballot::Abstain] {
                                        if theme::button(ui, l, l.t(b.term())).clicked() {
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
    let incident_id = incident.map(|i| i.id.clone()).unwrap_or_default();
    // An attribution statement names an actor its claim fits (once the seat has chosen).
    if power == Power::AttributionStatement && !forms.table_target.is_empty() {
        fit_accused(v, &incident_id, forms.table_claim, &mut forms.table_target);
    }
    let font = egui::TextStyle::Body.resolve(ui.style());
    let text = |s: &str| theme::line(l, s, font.clone(), theme::INK);
    theme::row_wrapped(ui, l, |ui| {
        theme::small(ui, l, l.t("Table a proposal:"));
        egui::ComboBox::from_id_salt(("power", salt))
            .selected_text(text(l.t(power_key(power))))
            .show_ui(ui, |ui| {
                for (i, p) in inst.powers.iter().enumerate() {
                    ui.selectable_value(&mut forms.table_kind, i, text(l.t(power_key(*p))));
                }
            });
        egui::ComboBox::from_id_salt(("incident", salt))
            .selected_text(text(&incident.map(|i| l.say(&i.name)).unwrap_or_default()))
            .show_ui(ui, |ui| {
                for i in &v.incidents {
                    ui.selectable_value(
                        &mut forms.table_incident,
                        i.id.clone(),
                        text(&l.say(&i.name)),
                    );
                }
            });
    });
    // The fields of the chosen kind, on a row of their own.
    theme::row_wrapped(ui, l, |ui| {
        match power {
            Power::Statement => {
                egui::ComboBox::from_id_salt(("statement", salt))
                    .selected_text(theme::line_within(
                        ui,
                        l,
                        l.t(if forms.table_solidarity {
                            "declaration of solidarity"
                        } else {
                            "statement condemning the incident (naming no one)"
                        }),
                        font.clone(),
                        theme::INK,
                        BOX_TEXT,
                    ))
                    .width(BOX_W)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(
                            &mut forms.table_solidarity,
                            false,
                            text(l.t("statement condemning the incident (naming no one)")),
                        );
                        ui.selectable_value(
                            &mut forms.table_solidarity,
                            true,
                            text(l.t("declaration of solidarity")),
                        );
                    });
            }
            Power::AttributionStatement => {
                theme::small(ui, l, l.t("claim"));
                let shown = CLAIMS
                    .iter()
                    .find(|(c, _)| *c == forms.table_claim)
                    .map(|(_, k)| l.t(k))
                    .unwrap_or("");
                egui::ComboBox::from_id_salt(("claim", salt))
                    .selected_text(theme::line_within(
                        ui,
                        l,
                        shown,
                        font.clone(),
                        theme::INK,
                        BOX_TEXT,
                    ))
                    .width(BOX_W)
                    .show_ui(ui, |ui| {
                        for (c, k) in CLAIMS {
                            ui.selectable_value(&mut forms.table_claim, c, text(l.t(k)));
                        }
                    });
                // Whom it names: an actor the claim fits, nobody until the seat chooses.
                theme::small(ui, l, l.t("naming"));
                let shown = if forms.table_target.is_empty() {
                    l.t("choose…").to_string()
                } else {
                    actor_name(v, &forms.table_target, code).to_string()
                };
                egui::ComboBox::from_id_salt(("accused", salt))
                    .selected_text(text(&shown))
                    .show_ui(ui, |ui| {
                        for a in claim_targets(v, forms.table_claim) {
                            ui.selectable_value(
                                &mut forms.table_target,
                                a.id.clone(),
                                text(a.name.get(code)),
                            );
                        }
                    });
                theme::small(ui, l, l.t("confidence"));
                egui::ComboBox::from_id_salt(("confidence", salt))
                    .selected_text(text(l.t(forms.table_confidence.term())))
                    .show_ui(ui, |ui| {
                        for c in [Confidence::Low, Confidence::Moderate, Confidence::High] {
                            ui.selectable_value(
                                &mut forms.table_confidence,
                                c,
                                text(l.t(c.term())),
                            );
                        }
                    });
            }
            Power::Resolution => {
                // Whom it names: one actor or nobody.
                theme::small(ui, l, l.t("naming"));
                let shown = if forms.table_target.is_empty() {
                    l.t("nobody").to_string()
                } else {
                    actor_name(v, &forms.table_target, code).to_string()
                };
                egui::ComboBox::from_id_salt(("accused", salt))
                    .selected_text(text(&shown))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(
                            &mut forms.table_target,
                            String::new(),
                            text(l.t("nobody")),
                        );
                        for a in v.actors.iter().filter(|a| a.id != v.actor) {
                            ui.selectable_value(
                                &mut forms.table_target,
                                a.id.clone(),
                                text(a.name.get(code)),
                            );
                        }
                    });
                ui.checkbox(
                    &mut forms.table_measures,
                    text(l.t("measures under Chapter VII")),
                );
            }
            Power::CollectiveDefence => {
                ui.checkbox(
                    &mut forms.table_cumulative,
                    text(l.t("taken cumulatively (Brussels 2021, para. 32)")),
                );
            }
            Power::Listing | Power::Consultation | Power::Agenda => {}
        }
        if matches!(power, Power::Consultation | Power::Resolution) {
            theme::small(ui, l, l.t("legal reading"));
            let shown = match forms.table_reading {
                Some(r) => l.t(r.term()),
                None => l.t("no reading"),
            };
            egui::ComboBox::from_id_salt(("reading", salt))
                .selected_text(theme::line_within(
                    ui,
                    l,
                    shown,
                    font.clone(),
                    theme::INK,
                    BOX_TEXT,
                ))
                .width(BOX_W)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut forms.table_reading, None, text(l.t("no reading")));
                    for r in Reading::ALL {
                        ui.selectable_value(&mut forms.table_reading, Some(r), text(l.t(r.term())));
                    }
                });
        }
    });
    theme::row_wrapped(ui, l, |ui| {
        // Proposals are tabled during negotiation (the rules refuse them in any other phase).
        let negotiating = v.phase == crate::sim::clock::Phase::Negotiation;
        let ready = negotiating
            && match power {
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
                proposal: proposal_of(power, i.id.clone(), forms),
            });
        }
        // A delegation prepares proposals together: one member drafts it, any member tables
        // it from the Orders tab (the drafts are the seat's, shared live, with who added what).
        if v.members.len() > 1 {
            let share = ui
                .add_enabled_ui(ready, |ui| {
                    theme::button(ui, l, l.t("Add to the delegation's drafts"))
                })
                .inner;
            crate::client::probe::mark("table-draft", &share);
            if share.clicked()
                && let Some(i) = incident
            {
                forms.drafts.push(Order::TableProposal {
                    institution: inst.id.clone(),
                    proposal: proposal_of(power, i.id.clone(), forms),
                });
                session.notify(
                    l.t("Added to the delegation's drafts: any member tables it from the Orders tab.")
                        .to_string(),
                    false,
                );
            }
        }
        if !negotiating {
            theme::small(ui, l, l.t("Proposals are tabled during negotiation."));
        }
        // What tabling costs, before it is chosen; the tabler's yes goes in at once.
        if let Some((_, capital, capacity)) = v
            .available
            .iter()
            .find(|(k, _, _)| *k == crate::scenario::OrderKind::TableProposal)
        {
            theme::small(
                ui,
                l,
                &l.f(
                    "costs {0} capital and {1} capacity now; your yes vote is cast when you table it",
                    &[&capital.to_string(), &capacity.to_string()],
                ),
            );
        }
    });
    match power {
        Power::AttributionStatement => {
            if !forms.table_target.is_empty() {
                support_line(
                    ui,
                    l,
                    v,
                    &incident_id,
                    forms.table_claim,
                    &forms.table_target,
                    forms.table_confidence,
                );
            }
            theme::paragraph_in(
                ui,
                l,
                l.t("Each member voting for it is judged on its own evidence (13b): a member whose evidence does not carry the claim at this confidence strains 13b."),
                egui::TextStyle::Small,
                theme::MUTED,
            );
        }
        Power::Statement => {
            theme::paragraph_in(
                ui,
                l,
                l.t("Condemns the incident or stands with its victim without naming anyone (as the Council of the EU did over WannaCry and NotPetya on 16 April 2018)."),
                egui::TextStyle::Small,
                theme::MUTED,
            );
        }
        Power::Resolution => {
            theme::paragraph_in(
                ui,
                l,
                if forms.table_measures {
                    l.t("Chapter VII: the Council decides measures; every member votes and a permanent member's vote against is a veto (Art. 27(3)).")
                } else {
                    l.t("Chapter VI: the Council recommends how to settle the dispute; the parties to it (the victim and any state named) abstain (Art. 27(3)).")
                },
                egui::TextStyle::Small,
                theme::MUTED,
            );
        }
        Power::CollectiveDefence if forms.table_cumulative => {
            theme::paragraph_in(
                ui,
                l,
                l.t("The Council would read this incident with the activity before it as one armed attack (NATO Brussels Summit 2021, para. 32): a contested reading, recorded as yours and checked against what you know."),
                egui::TextStyle::Small,
                theme::MUTED,
            );
        }
        _ => {}
    }
    // Whom a listing would sanction: the persons and entities the seat knows of, those the
    // evidence links to the incident first.
    if power == Power::Listing {
        let incident = incident_id.as_str();
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
