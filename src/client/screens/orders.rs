//! Orders: choose from the orders the seat has, fill them in, see what they cost and which
//! norms and law each may touch before sending them.

use bevy_egui::egui;

use super::Forms;
use crate::client::session::Session;
use crate::client::view_model::{actor_name, cost_of, draft, unavailable_key};
use crate::client::{Lang, probe, theme};
use crate::i18n::{confidence_key, order_key, verdict_key};
use crate::net::protocol::SeatAct;
use crate::scenario::{Confidence, OrderKind};
use crate::sim::clock::Phase;
use crate::sim::orders::{Ballot, Cbm, CovertKind, Order, Stance};
use crate::sim::stakes::{Entry, at_stake};
use crate::sim::view::SeatView;

/// Pickers for the fields orders share.
struct Fields<'a> {
    v: &'a SeatView,
    l: Lang,
    id: usize,
}

impl Fields<'_> {
    fn pick(
        &self,
        ui: &mut egui::Ui,
        what: &'static str,
        value: &mut String,
        options: &[(String, String)],
    ) {
        let shown = options
            .iter()
            .find(|(id, _)| id == value)
            .map(|(_, n)| n.clone())
            .unwrap_or(value.clone());
        theme::small(ui, self.l, self.l.t(what));
        let l = self.l;
        let font = egui::TextStyle::Body.resolve(ui.style());
        egui::ComboBox::from_id_salt((what, self.id))
            .selected_text(theme::line(l, &shown, font.clone(), theme::INK))
            .width(220.0)
            .truncate()
            .show_ui(ui, |ui| {
                for (id, name) in options {
                    ui.selectable_value(
                        value,
                        id.clone(),
                        theme::line(l, name, font.clone(), theme::INK),
                    );
                }
            });
    }
    fn incidents(&self) -> Vec<(String, String)> {
        self.v
            .incidents
            .iter()
            .map(|i| (i.id.clone(), i.name.get(self.l.code()).to_string()))
            .collect()
    }
    fn actors(&self, states_only: bool) -> Vec<(String, String)> {
        self.v
            .actors
            .iter()
            .filter(|a| a.id != self.v.actor && (a.is_state || !states_only))
            .map(|a| {
                (
                    a.id.clone(),
                    actor_name(self.v, &a.id, self.l.code()).to_string(),
                )
            })
            .collect()
    }
    fn incident(&self, ui: &mut egui::Ui, value: &mut String) {
        self.pick(ui, "incident", value, &self.incidents());
    }
    fn maybe_incident(&self, ui: &mut egui::Ui, value: &mut Option<String>) {
        let mut options = vec![(String::new(), self.l.t("none").to_string())];
        options.extend(self.incidents());
        let mut s = value.clone().unwrap_or_default();
        self.pick(ui, "incident", &mut s, &options);
        *value = Some(s).filter(|s| !s.is_empty());
    }
    fn state(&self, ui: &mut egui::Ui, what: &'static str, value: &mut String) {
        self.pick(ui, what, value, &self.actors(true));
    }
    fn actor(&self, ui: &mut egui::Ui, what: &'static str, value: &mut String) {
        self.pick(ui, what, value, &self.actors(false));
    }
    fn choice<T: PartialEq + Copy>(
        &self,
        ui: &mut egui::Ui,
        what: &'static str,
        value: &mut T,
        options: &[(T, &'static str)],
    ) {
        theme::small(ui, self.l, self.l.t(what));
        let shown = options
            .iter()
            .find(|(o, _)| o == value)
            .map(|(_, k)| self.l.t(k))
            .unwrap_or("");
        let (l, font) = (self.l, egui::TextStyle::Body.resolve(ui.style()));
        egui::ComboBox::from_id_salt((what, self.id, "choice"))
            .selected_text(theme::line(l, shown, font.clone(), theme::INK))
            .show_ui(ui, |ui| {
                for (o, k) in options {
                    ui.selectable_value(
                        value,
                        *o,
                        theme::line(l, l.t(k), font.clone(), theme::INK),
                    );
                }
            });
    }
    fn flag(&self, ui: &mut egui::Ui, what: &'static str, value: &mut bool) {
        ui.checkbox(
            value,
            theme::line(
                self.l,
                self.l.t(what),
                egui::TextStyle::Body.resolve(ui.style()),
                theme::INK,
            ),
        );
    }
}

/// The fields of one order, editable.
fn edit(ui: &mut egui::Ui, f: &Fields, order: &mut Order) {
    theme::row_wrapped(ui, f.l, |ui| match order {
        Order::Investigate { incident } | Order::Deny { incident } => f.incident(ui, incident),
        Order::ShareEvidence { evidence, with } => {
            let options: Vec<(String, String)> =
                f.v.evidence
                    .iter()
                    .map(|e| {
                        let to = actor_name(f.v, &e.points_to, f.l.code());
                        (e.id.clone(), format!("{} → {to}", e.id))
                    })
                    .collect();
            f.pick(ui, "evidence", evidence, &options);
            f.state(ui, "with", with);
        }
        Order::RequestAssistance { from, incident }
        | Order::RequestLegalAssistance { from, incident } => {
            f.state(ui, "from", from);
            f.incident(ui, incident);
        }
        Order::ProvideAssistance { to, incident } => {
            f.state(ui, "to", to);
            f.incident(ui, incident);
        }
        Order::AnswerLegalAssistance {
            to,
            incident,
            grant,
        } => {
            f.state(ui, "to", to);
            f.incident(ui, incident);
            f.flag(ui, "grant", grant);
        }
        Order::Demarche { to, incident } => {
            f.state(ui, "to", to);
            f.maybe_incident(ui, incident);
        }
        Order::SummonAmbassador { of, incident } => {
            f.state(ui, "ambassador of", of);
            f.maybe_incident(ui, incident);
        }
        Order::PublicStatement {
            stance,
            incident,
            about,
            ..
        } => {
            f.choice(
                ui,
                "stance",
                stance,
                &[
                    (Stance::Calm, "stance.calm"),
                    (Stance::Concern, "stance.concern"),
                    (Stance::Condemn, "stance.condemn"),
                    (Stance::Solidarity, "stance.solidarity"),
                ],
            );
            f.maybe_incident(ui, incident);
            let mut options = vec![(String::new(), f.l.t("none").to_string())];
            options.extend(f.actors(true));
            let mut s = about.clone().unwrap_or_default();
            f.pick(ui, "about", &mut s, &options);
            *about = Some(s).filter(|s| !s.is_empty());
        }
        Order::Attribute {
            incident,
            to,
            confidence,
            public,
            joint,
            ..
        } => {
            f.incident(ui, incident);
            f.actor(ui, "to", to);
            f.choice(
                ui,
                "confidence",
                confidence,
                &[
                    (Confidence::Low, confidence_key(Confidence::Low)),
                    (Confidence::Moderate, confidence_key(Confidence::Moderate)),
                    (Confidence::High, confidence_key(Confidence::High)),
                ],
            );
            f.flag(ui, "public", public);
            f.flag(ui, "joint", joint);
        }
        Order::ExpelDiplomats { of, count } => {
            f.state(ui, "of", of);
            theme::small(ui, f.l, f.l.t("how many"));
            ui.add(egui::DragValue::new(count).range(1..=20));
        }
        Order::TableProposal { institution, .. } => {
            let options: Vec<(String, String)> =
                f.v.institutions
                    .iter()
                    .filter(|i| i.members.contains(&f.v.actor))
                    .map(|i| (i.id.clone(), i.name.get(f.l.code()).to_string()))
                    .collect();
            f.pick(ui, "institution", institution, &options);
            theme::small(ui, f.l, f.l.t("(other proposals: the Institutions tab)"));
        }
        Order::Vote { proposal, ballot } => {
            theme::small(ui, f.l, &format!("#{proposal}"));
            f.choice(
                ui,
                "ballot",
                ballot,
                &[
                    (Ballot::Yes, "yes"),
                    (Ballot::No, "no"),
                    (Ballot::Abstain, "abstain"),
                ],
            );
        }
        Order::Sanctions { target } => {
            let mut options = f.actors(true);
            options.extend(
                f.v.entities
                    .iter()
                    .map(|e| (e.id.clone(), e.name.get(f.l.code()).to_string())),
            );
            f.pick(ui, "target", target, &options);
        }
        Order::Countermeasure {
            against,
            incident,
            intensity,
            reversible,
            ..
        } => {
            f.state(ui, "against", against);
            f.incident(ui, incident);
            theme::small(ui, f.l, f.l.t("intensity"));
            ui.add(egui::Slider::new(intensity, 1..=5));
            f.flag(ui, "reversible", reversible);
        }
        Order::CovertOperation {
            target,
            kind,
            against_infrastructure,
        } => {
            f.state(ui, "target", target);
            f.choice(
                ui,
                "kind",
                kind,
                &[
                    (CovertKind::Espionage, "covert.espionage"),
                    (CovertKind::Disruption, "covert.disruption"),
                    (CovertKind::Destructive, "covert.destructive"),
                ],
            );
            f.flag(
                ui,
                "against critical infrastructure",
                against_infrastructure,
            );
        }
        Order::Harden => {
            theme::small(ui, f.l, f.l.t("order.harden.help"));
        }
        Order::CapacityBuilding { to } => f.state(ui, "to", to),
        Order::ConfidenceBuilding { with, measure } => {
            f.state(ui, "with", with);
            f.choice(
                ui,
                "measure",
                measure,
                &[
                    (Cbm::Hotline, "cbm.hotline"),
                    (Cbm::PointsOfContact, "cbm.contacts"),
                    (Cbm::Consultations, "cbm.consultations"),
                ],
            );
        }
    });
}

/// What an order of this kind may touch, as the engine records it.
fn stakes(ui: &mut egui::Ui, l: Lang, kind: OrderKind) {
    let list = at_stake(kind);
    if list.is_empty() {
        theme::small(ui, l, l.t("No norm or law is recorded for this order."));
    }
    for s in list {
        let what = match (s.norm, s.law) {
            (Some((n, verdict)), _) => {
                format!(
                    "{} {} ({})",
                    l.t("norm"),
                    l.norm_id(n),
                    l.t(verdict_key(verdict))
                )
            }
            (None, Some(law)) => l.t(law).to_string(),
            (None, None) => continue,
        };
        let whose = match s.entry {
            Entry::Record => "",
            Entry::Debrief => l.t(" · revealed at the debrief"),
            Entry::Incident => l.t(" · through the incident it causes"),
            Entry::Addressee => l.t(" · in the other state's ledger"),
            Entry::Ledger => l.t(" · in its own ledger, once adopted"),
        };
        theme::paragraph_in(
            ui,
            l,
            &format!("• {what}: {}{whose}", l.t(s.when)),
            egui::TextStyle::Small,
            theme::MUTED,
        );
    }
}

pub fn orders(ui: &mut egui::Ui, l: Lang, v: &SeatView, forms: &mut Forms, session: &mut Session) {
    if forms.drafts_turn != v.turn {
        forms.drafts.clear();
        forms.drafts_turn = v.turn;
    }
    let side = if l.rtl() {
        egui::Panel::right("order-menu")
    } else {
        egui::Panel::left("order-menu")
    };
    // Wide enough for the longest order's name and its cost in either language.
    side.resizable(false).exact_size(315.0).show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("order-kinds")
            .show(ui, |ui| {
                theme::column(ui, l, |ui| {
                    theme::strong(ui, l, l.t("Orders you can give"), theme::ACCENT);
                    theme::small(ui, l, l.t("cost: capital / capacity"));
                    for (kind, capital, capacity) in &v.available {
                        let possible = draft(*kind, v);
                        theme::row(ui, l, |ui| {
                            let add = ui
                                .add_enabled(possible.is_some(), egui::Button::new("+"))
                                .on_disabled_hover_ui(|ui| {
                                    theme::label(ui, l, l.t(unavailable_key(*kind, v)));
                                });
                            if possible.is_some() {
                                probe::mark(format!("order-{kind:?}"), &add);
                            }
                            theme::label(ui, l, l.t(order_key(*kind)));
                            theme::small(ui, l, &format!("{capital} / {capacity}"));
                            if add.clicked()
                                && let Some(o) = possible
                            {
                                forms.drafts.push(o);
                            }
                        });
                    }
                });
            });
    });
    egui::CentralPanel::default().show(ui, |ui| {
        let (capital, capacity, affordable) = cost_of(v, &forms.drafts);
        egui::Panel::bottom("order-send").show(ui, |ui| {
            theme::row_wrapped(ui, l, |ui| {
                let color = if affordable { theme::INK } else { theme::BAD };
                theme::strong(
                    ui,
                    l,
                    &l.f(
                        "total: capital {0} of {1}, capacity {2} of {3}",
                        &[
                            &capital.to_string(),
                            &v.me.diplomatic_capital.to_string(),
                            &capacity.to_string(),
                            &v.me.technical_capacity.to_string(),
                        ],
                    ),
                    color,
                );
                // The rules take orders in the orders phase; in negotiation only proposals.
                let open = v.phase == Phase::Orders
                    || (v.phase == Phase::Negotiation
                        && !forms.drafts.is_empty()
                        && forms
                            .drafts
                            .iter()
                            .all(|o| o.kind() == OrderKind::TableProposal));
                let send = ui.add_enabled(
                    open && affordable,
                    egui::Button::new(theme::line(
                        l,
                        l.t("Send orders"),
                        egui::TextStyle::Button.resolve(ui.style()),
                        egui::Color32::WHITE,
                    ))
                    .fill(theme::ACCENT.gamma_multiply(0.8)),
                );
                probe::mark("orders-send", &send);
                if send.clicked() {
                    session.act(SeatAct::Orders {
                        orders: forms.drafts.clone(),
                    });
                }
                if !open {
                    theme::small(
                        ui,
                        l,
                        l.t("Orders are given in the orders phase; proposals are tabled during negotiation."),
                    );
                }
            });
        });
        egui::ScrollArea::vertical()
            .id_salt("drafts")
            .show(ui, |ui| {
                theme::column(ui, l, |ui| {
                    theme::heading(ui, l, l.t("Your orders this turn"));
                    if forms.drafts.is_empty() {
                        theme::small(
                            ui,
                            l,
                            l.t("Add orders from the list; change them until the deadline."),
                        );
                    }
                    let mut remove = None;
                    for (i, order) in forms.drafts.iter_mut().enumerate() {
                        let kind = order.kind();
                        theme::card(ui, |ui| {
                            theme::column(ui, l, |ui| {
                                theme::row(ui, l, |ui| {
                                    theme::strong(ui, l, l.t(order_key(kind)), theme::ACCENT);
                                    if let Some((_, a, b)) =
                                        v.available.iter().find(|(k, _, _)| *k == kind)
                                    {
                                        theme::small(ui, l, &format!("{a} / {b}"));
                                    }
                                    if theme::button(ui, l, l.t("Remove")).clicked() {
                                        remove = Some(i);
                                    }
                                });
                                edit(ui, &Fields { v, l, id: i }, order);
                                stakes(ui, l, kind);
                            });
                        });
                    }
                    if let Some(i) = remove {
                        forms.drafts.remove(i);
                    }
                    if !v.my_orders.is_empty() {
                        ui.add_space(8.0);
                        theme::strong(ui, l, l.t("Sent and accepted"), theme::GOOD);
                        for o in &v.my_orders {
                            theme::small(ui, l, &format!("✔ {}", l.t(order_key(o.kind()))));
                        }
                    }
                });
            });
    });
}
