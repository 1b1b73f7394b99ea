//! Orders: choose from the orders the seat has, fill them in, see what they cost and which
//! norms and law each may touch before sending them.

use bevy_egui::egui;

use super::Forms;
use crate::client::session::Session;
use crate::client::view_model::{
    actor_name, answers_a_wrongful_act, best_claim, claim_targets, cost_of, draft, fit_accused,
    support, unavailable_key,
};
use crate::client::{Lang, probe, theme};

use crate::net::protocol::SeatAct;
use crate::scenario::{Claim, Confidence, OrderKind, Reading};
use crate::sim::attribution::verdict_13b;
use crate::sim::clock::Phase;
use crate::sim::institutions::ProposalStatus;
use crate::sim::norms::N13B;
use crate::sim::orders::{
    Ballot, Cbm, CounterKind, CovertKind, MissionMeasure, Order, PlatformAsk, Stance, Via,
};
use crate::sim::record::Verdict;
use crate::sim::stakes::{Entry, at_stake};
use crate::sim::view::SeatView;

/// Pickers for the fields orders share.
struct Fields<'a> {
    v: &'a SeatView,
    l: Lang,
    id: usize,
}

/// Width of a field that names an incident or an actor.
const NAME_W: f32 = 230.0;
/// Width of a field that states a claim or a reading.
const LONG_W: f32 = 300.0;
/// Width of a short choice (a confidence, a stance).
const SHORT_W: f32 = 130.0;
/// What a choice's box takes beside its text (padding, the arrow).
const BOX: f32 = 32.0;

impl Fields<'_> {
    /// A field: its name over its box, `width` wide. Of a known size, it moves down whole
    /// when the row is full (a combo box beside its label would run past the card), and a
    /// long choice is cut short in the box (whole in the list).
    fn field(
        &self,
        ui: &mut egui::Ui,
        what: &'static str,
        width: f32,
        add: impl FnOnce(&mut egui::Ui),
    ) {
        self.block(ui, self.l.t(what), width, add);
    }
    fn block(&self, ui: &mut egui::Ui, name: &str, width: f32, add: impl FnOnce(&mut egui::Ui)) {
        let l = self.l;
        let align = if l.rtl() {
            egui::Align::Max
        } else {
            egui::Align::Min
        };
        ui.allocate_ui_with_layout(
            egui::vec2(width, 0.0),
            egui::Layout::top_down(align),
            |ui| {
                ui.set_width(width);
                theme::small(ui, l, name);
                add(ui);
            },
        );
    }
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
        let l = self.l;
        let font = egui::TextStyle::Body.resolve(ui.style());
        self.field(ui, what, NAME_W, |ui| {
            let shown = theme::line_within(ui, l, &shown, font.clone(), theme::INK, NAME_W - BOX);
            egui::ComboBox::from_id_salt((what, self.id))
                .selected_text(shown)
                .width(NAME_W)
                .show_ui(ui, |ui| {
                    for (id, name) in options {
                        ui.selectable_value(
                            value,
                            id.clone(),
                            theme::line(l, name, font.clone(), theme::INK),
                        );
                    }
                });
        });
    }
    fn incidents(&self) -> Vec<(String, String)> {
        self.v
            .incidents
            .iter()
            .map(|i| (i.id.clone(), self.l.say(&i.name)))
            .collect()
    }
    /// The other states.
    fn states(&self) -> Vec<(String, String)> {
        self.v
            .actors
            .iter()
            .filter(|a| a.id != self.v.actor && a.is_state)
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
    /// A campaign or a leak that everyone can see spreading (what a debunk or a platform
    /// answers).
    fn campaign(&self, ui: &mut egui::Ui, value: &mut String) {
        let options: Vec<_> = self
            .v
            .incidents
            .iter()
            .filter(|i| i.kind.spreads() && i.active && i.public && i.discovered)
            .map(|i| (i.id.clone(), self.l.say(&i.name)))
            .collect();
        self.pick(ui, "incident", value, &options);
    }
    /// One of the scenario's public topics, or none.
    fn topic(&self, ui: &mut egui::Ui, value: &mut Option<String>) {
        if self.v.topics.is_empty() {
            return;
        }
        let mut options = vec![(String::new(), self.l.t("none").to_string())];
        options.extend(
            self.v
                .topics
                .iter()
                .map(|t| (t.id.clone(), t.name.get(self.l.code()).to_string())),
        );
        let mut s = value.clone().unwrap_or_default();
        self.pick(ui, "topic", &mut s, &options);
        *value = Some(s).filter(|s| !s.is_empty());
    }
    fn maybe_incident(&self, ui: &mut egui::Ui, value: &mut Option<String>) {
        let mut options = vec![(String::new(), self.l.t("none").to_string())];
        options.extend(self.incidents());
        let mut s = value.clone().unwrap_or_default();
        self.pick(ui, "incident", &mut s, &options);
        *value = Some(s).filter(|s| !s.is_empty());
    }
    fn state(&self, ui: &mut egui::Ui, what: &'static str, value: &mut String) {
        self.pick(ui, what, value, &self.states());
    }
    fn maybe_state(&self, ui: &mut egui::Ui, what: &'static str, value: &mut Option<String>) {
        let mut options = vec![(String::new(), self.l.t("none").to_string())];
        options.extend(self.states());
        let mut s = value.clone().unwrap_or_default();
        self.pick(ui, what, &mut s, &options);
        *value = Some(s).filter(|s| !s.is_empty());
    }
    fn choice<T: PartialEq + Copy + std::fmt::Debug>(
        &self,
        ui: &mut egui::Ui,
        what: &'static str,
        value: &mut T,
        options: &[(T, &'static str)],
    ) {
        self.choice_in(ui, what, value, options, SHORT_W);
    }
    /// A choice whose box is `width` wide (marked for the browser tests: the box as
    /// `choice-{draft}-{what}`, each option as `choice-{draft}-{what}-{option:?}`).
    fn choice_in<T: PartialEq + Copy + std::fmt::Debug>(
        &self,
        ui: &mut egui::Ui,
        what: &'static str,
        value: &mut T,
        options: &[(T, &'static str)],
        width: f32,
    ) {
        let shown = options
            .iter()
            .find(|(o, _)| o == value)
            .map(|(_, k)| self.l.t(k))
            .unwrap_or("");
        let (l, font) = (self.l, egui::TextStyle::Body.resolve(ui.style()));
        self.field(ui, what, width, |ui| {
            let shown = theme::line_within(ui, l, shown, font.clone(), theme::INK, width - BOX);
            let id = self.id;
            let combo = egui::ComboBox::from_id_salt((what, id, "choice"))
                .selected_text(shown)
                .width(width)
                .show_ui(ui, |ui| {
                    for (o, k) in options {
                        let item = ui.selectable_value(
                            value,
                            *o,
                            theme::line(l, l.t(k), font.clone(), theme::INK),
                        );
                        probe::mark(format!("choice-{id}-{what}-{o:?}"), &item);
                    }
                });
            probe::mark(format!("choice-{id}-{what}"), &combo.response);
        });
    }
    /// The seat's legal reading of the incident, or none; each reading shows its glossary
    /// entry on hover.
    fn reading(&self, ui: &mut egui::Ui, value: &mut Option<Reading>, optional: bool) {
        let l = self.l;
        let font = egui::TextStyle::Body.resolve(ui.style());
        let shown = value.map_or(l.t("no reading"), |r| l.t(r.term()));
        self.field(ui, "legal reading", LONG_W, |ui| {
            let shown = theme::line_within(ui, l, shown, font.clone(), theme::INK, LONG_W - BOX);
            egui::ComboBox::from_id_salt(("legal reading", self.id, "choice"))
                .selected_text(shown)
                .width(LONG_W)
                .show_ui(ui, |ui| {
                    if optional {
                        ui.selectable_value(
                            value,
                            None,
                            theme::line(l, l.t("no reading"), font.clone(), theme::INK),
                        );
                    }
                    for r in Reading::ALL {
                        let item = ui.selectable_value(
                            value,
                            Some(r),
                            theme::line(l, l.t(r.term()), font.clone(), theme::INK),
                        );
                        if let Some(e) = crate::client::glossary::of_reading(r) {
                            crate::client::glossary::hover(item, l, &e.id);
                        }
                    }
                });
        });
    }
    /// A tick box, level with the boxes of the fields beside it (under an empty name).
    fn flag(&self, ui: &mut egui::Ui, what: &'static str, value: &mut bool) {
        let text = theme::line(
            self.l,
            self.l.t(what),
            egui::TextStyle::Body.resolve(ui.style()),
            theme::INK,
        );
        let s = ui.spacing();
        let width = ui.fonts_mut(|f| f.layout_job(text.clone()).size().x)
            + s.icon_width
            + s.icon_spacing
            + s.item_spacing.x;
        self.block(ui, "", width, |ui| {
            ui.checkbox(value, text);
        });
    }
}

/// The fields of one order, editable.
fn edit(ui: &mut egui::Ui, f: &Fields, order: &mut Order) {
    // Top-aligned: each field is its name over its box.
    let layout = if f.l.rtl() {
        egui::Layout::right_to_left(egui::Align::Min)
    } else {
        egui::Layout::left_to_right(egui::Align::Min)
    }
    .with_main_wrap(true);
    let size = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(size, layout, |ui| match order {
        Order::Investigate { incident } | Order::Deny { incident } => f.incident(ui, incident),
        Order::ShareEvidence {
            evidence,
            with,
            sanitised,
        } => {
            let options: Vec<(String, String)> =
                f.v.evidence
                    .iter()
                    .map(|e| {
                        // Whom it implicates first: a long text is cut at its end.
                        let to = actor_name(f.v, &e.points_to, f.l.code());
                        (e.id.clone(), format!("{to}: {}", f.l.say(&e.text)))
                    })
                    .collect();
            f.pick(ui, "evidence", evidence, &options);
            f.state(ui, "with", with);
            f.flag(ui, "sanitised copy", sanitised);
            if let Some(risk) = f
                .v
                .evidence
                .iter()
                .find(|e| &e.id == evidence)
                .and_then(|e| e.sensitive)
            {
                theme::paragraph_in(
                    ui,
                    f.l,
                    &f.l.f(
                        "From a sensitive source: sharing it in full risks burning the source ({0}% chance), losing what it has not yet yielded. A sanitised copy protects it but is one step less reliable.",
                        &[&risk.to_string()],
                    ),
                    egui::TextStyle::Small,
                    theme::WARN,
                );
            }
        }
        Order::RequestAssistance { from, incident }
        | Order::RequestLegalAssistance { from, incident }
        | Order::Preserve { from, incident } => {
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
        Order::Demarche {
            to,
            incident,
            notice,
        } => {
            f.state(ui, "to", to);
            f.maybe_incident(ui, incident);
            f.flag(
                ui,
                "notice of countermeasures and offer to negotiate",
                notice,
            );
        }
        Order::SummonAmbassador { of, incident } => {
            f.state(ui, "ambassador of", of);
            f.maybe_incident(ui, incident);
        }
        Order::PublicStatement {
            stance,
            incident,
            about,
            reading,
            via,
            language,
            topic,
        } => {
            let stances = Stance::ALL.map(|s| (s, s.term()));
            f.choice_in(ui, "stance", stance, &stances, LONG_W);
            let channels = Via::ALL.map(|v| (v, v.term()));
            f.choice_in(ui, "channel", via, &channels, LONG_W);
            ui.end_row();
            // The languages the exercise's audiences read: a statement in one of them
            // speaks to that public directly.
            let mut langs = vec![(String::new(), f.l.t("our own language").to_string())];
            for a in &f.v.audiences {
                for code in &a.languages {
                    if !langs.iter().any(|(c, _)| c == code) {
                        let name = crate::sim::sphere::language(code);
                        langs.push((code.clone(), f.l.say(&crate::say!("{0}", name))));
                    }
                }
            }
            if langs.len() > 1 {
                let mut s = language.clone().unwrap_or_default();
                f.pick(ui, "language", &mut s, &langs);
                *language = Some(s).filter(|s| !s.is_empty());
            }
            f.topic(ui, topic);
            ui.end_row();
            f.maybe_incident(ui, incident);
            let mut options = vec![(String::new(), f.l.t("none").to_string())];
            options.extend(f.states());
            let mut s = about.clone().unwrap_or_default();
            f.pick(ui, "about", &mut s, &options);
            *about = Some(s).filter(|s| !s.is_empty());
            // A reading is of an incident: none without one.
            if incident.is_some() {
                ui.end_row();
                f.reading(ui, reading, true);
            } else {
                *reading = None;
            }
        }
        Order::Attribute {
            incident,
            to,
            claim,
            confidence,
            public,
            joint,
            reading,
            release,
        } => {
            f.incident(ui, incident);
            f.choice_in(ui, "claim", claim, &CLAIMS, LONG_W);
            // Rows of their own: a combo box does not move down whole when a row is full.
            ui.end_row();
            // The accused fits the claim: a state, or a group for the operational claim.
            fit_accused(f.v, incident, *claim, to);
            let options: Vec<(String, String)> = claim_targets(f.v, *claim)
                .into_iter()
                .map(|a| (a.id.clone(), actor_name(f.v, &a.id, f.l.code()).to_string()))
                .collect();
            let who = if claim.names_a_state() {
                "state"
            } else {
                "group"
            };
            f.pick(ui, who, to, &options);
            f.choice(
                ui,
                "confidence",
                confidence,
                &[
                    (Confidence::Low, Confidence::Low.term()),
                    (Confidence::Moderate, Confidence::Moderate.term()),
                    (Confidence::High, Confidence::High.term()),
                ],
            );
            f.flag(ui, "public", public);
            f.flag(ui, "joint", joint);
            if *public {
                f.flag(ui, "release the evidence", release);
            } else {
                *release = false;
            }
            ui.end_row();
            f.reading(ui, reading, true);
        }
        Order::ExpelDiplomats { of, count } => {
            f.state(ui, "of", of);
            f.field(ui, "how many", 80.0, |ui| {
                ui.add(egui::DragValue::new(count).range(1..=20));
            });
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
        Order::Align { proposal } => {
            // The declarations this seat may align itself with: adopted by an institution it
            // is not a member of.
            let options: Vec<(u32, String)> =
                f.v.proposals
                    .iter()
                    .filter(|p| f.v.may_align(p))
                    .map(|p| (p.id, f.l.say(&p.what)))
                    .collect();
            let mut chosen = proposal.to_string();
            let named: Vec<(String, String)> = options
                .iter()
                .map(|(id, what)| (id.to_string(), what.clone()))
                .collect();
            f.pick(ui, "declaration", &mut chosen, &named);
            if let Ok(id) = chosen.parse() {
                *proposal = id;
            }
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
            // A state, a group, or a listed person or entity.
            let mut options: Vec<(String, String)> =
                f.v.actors
                    .iter()
                    .filter(|a| a.id != f.v.actor)
                    .map(|a| (a.id.clone(), actor_name(f.v, &a.id, f.l.code()).to_string()))
                    .collect();
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
            reading,
            kind,
            urgent,
        } => {
            f.state(ui, "against", against);
            f.incident(ui, incident);
            ui.end_row();
            let kinds = CounterKind::ALL.map(|k| (k, k.term()));
            f.choice_in(ui, "kind", kind, &kinds, NAME_W);
            f.flag(ui, "urgent", urgent);
            ui.end_row();
            f.field(ui, "intensity", 170.0, |ui| {
                ui.add(egui::Slider::new(intensity, 1..=5));
            });
            f.flag(ui, "reversible", reversible);
            ui.end_row();
            // A countermeasure needs the seat's reading: it answers a wrongful act.
            f.reading(ui, reading, false);
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
                    (CovertKind::Espionage, "espionage"),
                    (CovertKind::Disruption, "disruption"),
                    (CovertKind::Destructive, "destructive"),
                ],
            );
            f.flag(
                ui,
                "against critical infrastructure",
                against_infrastructure,
            );
        }
        Order::SecureMissions { measure } => {
            let measures = MissionMeasure::ALL.map(|m| (m, m.term()));
            f.choice_in(ui, "measure", measure, &measures, LONG_W);
        }
        Order::Harden => {
            theme::small(ui, f.l, f.l.t("Raises your cyber resilience."));
        }
        Order::Reparation { to, incident } => {
            f.state(ui, "to", to);
            f.incident(ui, incident);
        }
        Order::Restrict { incident, shutdown } => {
            f.incident(ui, incident);
            f.flag(ui, "internet shutdown", shutdown);
        }
        Order::Debunk { incident, release } => {
            f.campaign(ui, incident);
            f.flag(ui, "releasing the evidence it holds", release);
        }
        Order::AskPlatform { incident, act_on } => {
            f.campaign(ui, incident);
            let asks = PlatformAsk::ALL.map(|a| (a, a.term()));
            f.choice_in(ui, "act on", act_on, &asks, LONG_W);
        }
        Order::Prebunk { topic } => f.topic(ui, topic),
        Order::CapacityBuilding { to } => f.state(ui, "to", to),
        Order::SeverRelations {
            with,
            protecting_power,
        } => {
            f.state(ui, "with", with);
            f.maybe_state(ui, "protecting power", protecting_power);
        }
        Order::RestoreRelations { with } => f.state(ui, "with", with),
        Order::SelfDefence {
            against,
            incident,
            on_behalf_of,
            intensity,
            reading,
        } => {
            f.state(ui, "against", against);
            f.incident(ui, incident);
            ui.end_row();
            f.maybe_state(ui, "on behalf of (collective)", on_behalf_of);
            f.field(ui, "intensity", 170.0, |ui| {
                ui.add(egui::Slider::new(intensity, 1..=5));
            });
            ui.end_row();
            // Self-defence answers an armed attack: the seat states its reading.
            f.reading(ui, reading, false);
        }
        Order::ReportVulnerability { incident, to } => {
            f.incident(ui, incident);
            f.state(ui, "to", to);
        }
        Order::Indict { incident, persons } => {
            f.incident(ui, incident);
            // The persons and entities the seat's evidence ties to this incident.
            let code = f.l.code();
            let known: Vec<_> =
                f.v.entities
                    .iter()
                    .filter(|e| e.incidents.contains(incident))
                    .collect();
            persons.retain(|p| known.iter().any(|e| &e.id == p));
            f.field(ui, "persons", NAME_W, |ui| {
                if known.is_empty() {
                    theme::small(
                        ui,
                        f.l,
                        f.l.t("Your evidence ties no person to this incident yet."),
                    );
                }
                for e in known {
                    let mut on = persons.contains(&e.id);
                    if ui.checkbox(&mut on, e.name.get(code)).changed() {
                        if on {
                            persons.push(e.id.clone());
                        } else {
                            persons.retain(|p| p != &e.id);
                        }
                    }
                }
            });
        }
        Order::ConfidenceBuilding { with, measure } => {
            f.state(ui, "with", with);
            f.choice(
                ui,
                "measure",
                measure,
                &[
                    (Cbm::Hotline, "hotline"),
                    (Cbm::PointsOfContact, "points of contact"),
                    (Cbm::Consultations, "consultations"),
                ],
            );
        }
    });
}

/// The claims, worded as claims, for the claim selector.
const CLAIMS: [(Claim, &str); 4] = Claim::ASKED;

/// What the seat should know before sending, under an order's fields: for an attribution,
/// what its own evidence supports for the claim as drafted and the 13b mark that follows;
/// for a reading, how it is judged; for a countermeasure, the reading it needs.
fn notes(ui: &mut egui::Ui, f: &Fields, order: &Order) {
    let (l, v) = (f.l, f.v);
    let code = l.code();
    match order {
        Order::Attribute {
            incident,
            to,
            claim,
            confidence,
            reading,
            ..
        } => {
            let held = support(v, incident, *claim, to);
            let verdict = verdict_13b(held, *confidence);
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
                    "Your evidence supports: {0} ({1} {2} if sent)",
                    &[supported, N13B.id_in(l), l.t(verdict.term())],
                ),
                egui::TextStyle::Body,
                color,
            );
            if verdict != Verdict::Upheld
                && let Some(best) = best_claim(v, incident)
            {
                theme::paragraph_in(
                    ui,
                    l,
                    &l.f(
                        "Your evidence best supports: {0}, against {1}, {2} confidence",
                        &[
                            l.t(best.claim.term()),
                            actor_name(v, &best.against, code),
                            l.t(best.confidence.term()),
                        ],
                    ),
                    egui::TextStyle::Small,
                    theme::MUTED,
                );
            }
            if *claim == Claim::DueDiligence {
                theme::paragraph_in(
                    ui,
                    l,
                    l.t("“Knowingly”: until you have put this state on notice about the incident in an earlier turn (a démarche, or a request for assistance or legal assistance), your evidence supports this claim at low confidence at most."),
                    egui::TextStyle::Small,
                    theme::MUTED,
                );
            }
            if reading.is_some() {
                theme::paragraph_in(
                    ui,
                    l,
                    l.t("Your reading is recorded and checked, as 13b checks an attribution, against the facts you see and what your evidence supports; the debrief sets it beside the engine's assessment."),
                    egui::TextStyle::Small,
                    theme::MUTED,
                );
            }
        }
        Order::PublicStatement {
            reading: Some(_), ..
        } => {
            theme::paragraph_in(
                ui,
                l,
                l.t("Your reading is recorded and checked, as 13b checks an attribution, against the facts you see and what your evidence supports; the debrief sets it beside the engine's assessment."),
                egui::TextStyle::Small,
                theme::MUTED,
            );
        }
        Order::Countermeasure {
            incident, reading, ..
        } => {
            theme::paragraph_in(
                ui,
                l,
                l.t("A countermeasure answers another state's internationally wrongful act (ILC Art. 49): read the incident as one, or as more. It also needs a prior call to comply (Art. 52), proportion to the injury (Art. 51) and reversibility (Art. 49(3))."),
                egui::TextStyle::Small,
                theme::MUTED,
            );
            if !answers_a_wrongful_act(*reading) {
                theme::paragraph_in(
                    ui,
                    l,
                    l.t("Not lawful as drafted: your reading is not another state's internationally wrongful act (Art. 49)."),
                    egui::TextStyle::Body,
                    theme::BAD,
                );
            }
            if let Some(i) = v.incidents.iter().find(|i| &i.id == incident)
                && i.target != v.actor
            {
                theme::paragraph_in(
                    ui,
                    l,
                    &l.f(
                        "Only the injured state may take countermeasures (Art. 49): this incident struck {0}.",
                        &[actor_name(v, &i.target, code)],
                    ),
                    egui::TextStyle::Body,
                    theme::WARN,
                );
            }
        }
        Order::ConfidenceBuilding { with, measure } => {
            let who = actor_name(v, with, code);
            let theirs = v.offers.iter().any(|o| {
                &o.from == with
                    && o.to == v.actor
                    && o.what == crate::sim::diplomacy::Agreement::Measure(*measure)
            });
            let (text, colour) = if theirs {
                (
                    l.f(
                        "Agrees {0}'s offer of this measure: it is agreed when orders resolve.",
                        &[who],
                    ),
                    theme::GOOD,
                )
            } else {
                (
                    l.f("An offer: the measure is agreed only when {0} orders the same measure with you, this turn or later.", &[who]),
                    theme::MUTED,
                )
            };
            theme::paragraph_in(ui, l, &text, egui::TextStyle::Small, colour);
        }
        _ => {}
    }
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
                format!("{} {} ({})", l.t("norm"), n.id_in(l), l.t(verdict.term()))
            }
            (None, Some(law)) => l.t(law.cite()).to_string(),
            (None, None) => continue,
        };
        let whose = match s.entry {
            Entry::Record => "",
            Entry::Debrief => l.t(" · revealed at the debrief"),
            Entry::Incident | Entry::Host => l.t(" · through the incident it causes"),
            Entry::Addressee => l.t(" · in the other state's ledger"),
            Entry::Ledger => l.t(" · in its own ledger"),
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

/// A cost as "capital / capacity" in the reading direction, so the numbers stand under the
/// words of the header that names them ("cost: capital / capacity").
fn cost_pair(l: Lang, capital: i32, capacity: i32) -> String {
    if l.rtl() {
        format!("{capacity} / {capital}")
    } else {
        format!("{capital} / {capacity}")
    }
}

/// Keeps the page's drafts and the server's in step, each frame. The server keeps a seat's
/// drafts (a reload or another device finds them; a delegation's members share them).
/// `drafts_kept` is the server's copy the page's drafts start from. When the server's copy
/// changes (another member, another device, the turn moved on), the page's own changes not
/// yet sent are applied to it; the page sends its changes at most twice a second, with the
/// copy they start from, and the server applies them to the seat's drafts as they are then.
/// Nobody's change is lost when two members draft at once.
pub fn sync_drafts(v: &SeatView, forms: &mut Forms, session: &mut Session, now: f64) {
    if forms.drafts_turn != v.turn {
        forms.drafts_turn = v.turn;
        forms.drafts = v.drafts.clone();
        forms.drafts_kept = v.drafts.clone();
        forms.drafts_seen = v.drafts.clone();
        return;
    }
    if v.drafts != forms.drafts_seen {
        forms.drafts_seen = v.drafts.clone();
        let mut merged = v.drafts.clone();
        crate::conductor::rebase(&mut merged, &forms.drafts_kept, &forms.drafts, |o| o, |o| o);
        forms.drafts = merged;
        forms.drafts_kept = v.drafts.clone();
    }
    if forms.drafts != forms.drafts_kept
        && now - forms.drafts_kept_at >= 0.5
        && matches!(v.phase, Phase::Negotiation | Phase::Orders)
    {
        session.keep_drafts(forms.drafts_kept.clone(), forms.drafts.clone());
        forms.drafts_kept = forms.drafts.clone();
        forms.drafts_kept_at = now;
    }
}

pub fn orders(ui: &mut egui::Ui, l: Lang, v: &SeatView, forms: &mut Forms, session: &mut Session) {
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
                            let name = theme::label(ui, l, l.t((*kind).term()))
                                .interact(egui::Sense::click());
                            if let Some(e) = crate::client::glossary::of_order(*kind) {
                                crate::client::glossary::explain(
                                    name,
                                    l,
                                    &e.id,
                                    &mut forms.glossary_open,
                                );
                            }
                            theme::small(ui, l, &cost_pair(l, *capital, *capacity));
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
                    if v.phase == Phase::Negotiation {
                        // Proposals drafted by the delegation are tabled one by one (the
                        // rules take them as tabling, not as orders) and leave the drafts.
                        for o in std::mem::take(&mut forms.drafts) {
                            if let Order::TableProposal {
                                institution,
                                proposal,
                            } = o
                            {
                                session.act(SeatAct::Table {
                                    institution,
                                    proposal,
                                });
                            }
                        }
                    } else {
                        session.act(SeatAct::Orders {
                            orders: forms.drafts.clone(),
                        });
                    }
                }
                if !open {
                    theme::small(
                        ui,
                        l,
                        l.t("Orders are given in the orders phase; proposals are tabled during negotiation."),
                    );
                }
                theme::small(
                    ui,
                    l,
                    if v.drafts_go_in {
                        l.t("Your drafts are kept for your seat. At the deadline, drafts you have not sent go in as your orders (your instructor's choice).")
                    } else {
                        l.t("Your drafts are kept for your seat. At the deadline, drafts you have not sent are dropped: only what you send counts (your instructor's choice).")
                    },
                );
            });
        });
        egui::ScrollArea::vertical()
            .id_salt("drafts")
            .show(ui, |ui| {
                theme::column(ui, l, |ui| {
                    theme::heading(ui, l, l.t("Your orders this turn"));
                    // A proposal open in a body this seat belongs to, with no vote from it sent
                    // or drafted: under unanimity it fails without one.
                    let voted = |id: u32| {
                        forms
                            .drafts
                            .iter()
                            .chain(&v.my_orders)
                            .any(|o| matches!(o, Order::Vote { proposal, .. } if *proposal == id))
                            || v.proposals.iter().any(|p| {
                                p.id == id && p.ballots.iter().any(|(a, _)| *a == v.actor)
                            })
                    };
                    let waiting = v
                        .proposals
                        .iter()
                        .filter(|p| {
                            p.member && p.status == ProposalStatus::Open && !voted(p.id)
                        })
                        .count();
                    if waiting > 0 && v.phase == Phase::Orders {
                        theme::paragraph_in(
                            ui,
                            l,
                            &l.f(
                                "{0} open proposals await your vote (add a vote order). A body deciding by unanimity adopts nothing without every member's vote: silence is not abstention.",
                                &[&waiting.to_string()],
                            ),
                            egui::TextStyle::Body,
                            theme::WARN,
                        );
                    }
                    if forms.drafts.is_empty() {
                        theme::small(
                            ui,
                            l,
                            l.t("Add orders from the list; change them until the deadline."),
                        );
                    }
                    let delegation = v.members.len() > 1;
                    if delegation {
                        delegation_notes(ui, l, v);
                    }
                    // A post the server refused to send at once is a draft again.
                    forms.drafts.append(&mut session.unposted);
                    let authors = authors(v, &forms.drafts);
                    let mut remove = None;
                    let mut post_now = None;
                    let live = matches!(
                        v.phase,
                        Phase::Briefing | Phase::Negotiation | Phase::Orders
                    );
                    for (i, order) in forms.drafts.iter_mut().enumerate() {
                        let kind = order.kind();
                        let author = authors.get(i).cloned().flatten();
                        theme::card(ui, |ui| {
                            theme::column(ui, l, |ui| {
                                theme::row(ui, l, |ui| {
                                    theme::strong(ui, l, l.t(kind.term()), theme::ACCENT);
                                    if let Some((a, b)) = v.order_cost(order) {
                                        theme::small(ui, l, &cost_pair(l, a, b));
                                    }
                                    if theme::button(ui, l, l.t("Remove")).clicked() {
                                        remove = Some(i);
                                    }
                                    // A minister's post may go out at once, before the orders.
                                    if live
                                        && matches!(
                                            order,
                                            Order::PublicStatement {
                                                via: Via::Post,
                                                reading: None,
                                                ..
                                            }
                                        )
                                    {
                                        let now = theme::primary(ui, l, l.t("Post now"))
                                            .on_hover_text(l.t("It goes out at once: every feed has it now, and the publics answer it before anyone's orders. Paid now; no legal reading."));
                                        probe::mark(format!("post-now-{i}"), &now);
                                        if now.clicked() {
                                            post_now = Some(i);
                                        }
                                    }
                                    if delegation {
                                        let who = author.unwrap_or_else(|| l.t("you").to_string());
                                        theme::small(ui, l, &l.f("added by {0}", &[&who]));
                                    }
                                });
                                let fields = Fields { v, l, id: i };
                                edit(ui, &fields, order);
                                notes(ui, &fields, order);
                                stakes(ui, l, kind);
                            });
                        });
                    }
                    if let Some(i) = remove {
                        forms.drafts.remove(i);
                    } else if let Some(i) = post_now {
                        let statement = forms.drafts.remove(i);
                        session.act(SeatAct::PostNow { statement });
                    }
                    if !v.my_orders.is_empty() {
                        ui.add_space(8.0);
                        theme::strong(ui, l, l.t("Sent and accepted"), theme::GOOD);
                        if let Some(by) = v.sent_by.as_ref().filter(|_| delegation) {
                            theme::small(ui, l, &l.f("sent by {0}", &[by]));
                        }
                        for o in &v.my_orders {
                            theme::small(ui, l, &format!("✔ {}", l.say(&o.summary(v))));
                        }
                    }
                    history(ui, l, v);
                });
            });
    });
}

/// Who added each of the page's drafts: the author the server names for an equal draft (each
/// matched once), none for one the page added and has not sent yet (the reader's own).
fn authors(v: &SeatView, drafts: &[Order]) -> Vec<Option<String>> {
    let mut kept: Vec<(&Order, &String)> = v.drafts.iter().zip(&v.draft_authors).collect();
    drafts
        .iter()
        .map(|o| {
            let i = kept.iter().position(|(x, _)| *x == o)?;
            Some(kept.remove(i).1.clone())
        })
        .collect()
}

/// A delegation's members and their latest changes to the seat's drafts, newest first.
fn delegation_notes(ui: &mut egui::Ui, l: Lang, v: &SeatView) {
    let names: Vec<String> = v
        .members
        .iter()
        .map(|m| {
            let mut name = m.name.clone();
            if m.me {
                name = l.f("{0} (you)", &[&name]);
            } else if !m.connected {
                name = l.f("{0} (not connected)", &[&name]);
            }
            name
        })
        .collect();
    theme::small(ui, l, &l.f("Your delegation: {0}", &[&l.list(&names)]));
    for note in v.draft_log.iter().rev().take(4) {
        for o in &note.added {
            theme::small(
                ui,
                l,
                &l.f("{0} added: {1}", &[&note.by, &l.say(&o.summary(v))]),
            );
        }
        for o in &note.removed {
            theme::small(
                ui,
                l,
                &l.f("{0} removed: {1}", &[&note.by, &l.say(&o.summary(v))]),
            );
        }
    }
}

/// The seat's orders of earlier turns, newest first, each with what came of it.
fn history(ui: &mut egui::Ui, l: Lang, v: &SeatView) {
    let mine: Vec<_> = v
        .results
        .iter()
        .filter(|r| r.actor == v.actor && r.turn < v.turn)
        .collect();
    if mine.is_empty() {
        return;
    }
    ui.add_space(12.0);
    theme::heading(ui, l, l.t("Your orders in earlier turns"));
    for r in mine.iter().rev() {
        let color = match r.resolved {
            crate::sim::record::Resolved::Done => theme::GOOD,
            _ => theme::WARN,
        };
        theme::strong(
            ui,
            l,
            &format!(
                "{} {} · {} · {}",
                l.t("turn"),
                r.turn,
                l.say(&r.summary),
                l.t(r.resolved.term())
            ),
            color,
        );
        theme::paragraph_in(
            ui,
            l,
            &l.say(&r.reason),
            egui::TextStyle::Small,
            theme::MUTED,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::exercise::Command;

    fn orders_phase_view() -> SeatView {
        let (file, source) = crate::client::library::BUILT_IN[0];
        let sc = crate::scenario::parse(source, file).unwrap();
        let mut ex = crate::sim::exercise::Exercise::new(std::sync::Arc::new(sc), 3);
        ex.apply(Command::ADVANCE).unwrap();
        ex.apply(Command::ADVANCE).unwrap();
        crate::sim::view::view(&ex, "tallinn").unwrap()
    }

    /// An edit is never undone by a view that has not caught up with it; a change made on
    /// another device or by another member arrives, and an edit not sent yet is applied on
    /// top of it; a reloaded page finds the server's drafts.
    #[test]
    fn drafts_follow_the_server_without_losing_an_edit() {
        let mut v = orders_phase_view();
        let mut session = Session::default();
        let mut forms = Forms::new(&crate::client::Options::default());
        sync_drafts(&v, &mut forms, &mut session, 0.0);
        assert!(forms.drafts.is_empty());
        forms.drafts.push(Order::Harden);
        sync_drafts(&v, &mut forms, &mut session, 1.0);
        assert_eq!(forms.drafts_kept, vec![Order::Harden], "sent");
        for t in 2..5 {
            sync_drafts(&v, &mut forms, &mut session, t as f64);
            assert_eq!(
                forms.drafts,
                vec![Order::Harden],
                "a stale view undid the edit"
            );
        }
        // Another device of the seat adds an order: it arrives.
        let other = vec![
            Order::Harden,
            Order::Investigate {
                incident: "x".into(),
            },
        ];
        v.drafts = other.clone();
        sync_drafts(&v, &mut forms, &mut session, 6.0);
        assert_eq!(forms.drafts, other);
        // An edit not sent yet survives a change another member made meanwhile: both stay,
        // and the page then sends its change on the server's new copy.
        let inv = |i: &str| Order::Investigate { incident: i.into() };
        forms.drafts.push(inv("z"));
        v.drafts = vec![Order::Harden, inv("x"), inv("w")];
        sync_drafts(&v, &mut forms, &mut session, 6.1);
        assert_eq!(
            forms.drafts,
            vec![Order::Harden, inv("x"), inv("w"), inv("z")]
        );
        assert_eq!(forms.drafts_kept, forms.drafts, "sent on the new copy");
        // A removal here and an addition there: the removal applies to the new copy.
        forms.drafts.retain(|o| *o != inv("x"));
        v.drafts = vec![Order::Harden, inv("x"), inv("w"), inv("z"), inv("q")];
        sync_drafts(&v, &mut forms, &mut session, 7.2);
        assert_eq!(
            forms.drafts,
            vec![Order::Harden, inv("w"), inv("z"), inv("q")]
        );
        // A reloaded page starts from the server's copy.
        let mut fresh = Forms::new(&crate::client::Options::default());
        sync_drafts(&v, &mut fresh, &mut session, 0.0);
        assert_eq!(fresh.drafts, v.drafts);
    }
}
