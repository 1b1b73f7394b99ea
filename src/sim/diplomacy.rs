//! Diplomatic acts: demarches, summons, public statements, expulsions and confidence building.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::actors::Actors;
use super::catalog::{ActorId, ActorSet};
use super::incidents::{Incident, IncidentIndex};
use super::norms::N13A;
use super::orders::{Accepted, Order, Stance};
use super::record::{Recorder, Resolution, Verdict, Visibility};
use super::{Resolve, ResolveStep};
use crate::i18n::{Arg, Phrase};
use crate::say;
use crate::scenario::Var;

/// Calls to comply (demarches, summons, condemnations naming a state), by turn and the
/// incident they concern, if any: a lawful countermeasure must follow one (ILC Art. 52), and
/// one about an incident puts the state on notice of it (norm 13c, "knowingly").
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct CallsToComply(pub Vec<(ActorId, ActorId, u32, Option<String>)>);

impl CallsToComply {
    /// Has `from` called on `to` to comply before this turn?
    pub fn before(&self, from: ActorId, to: ActorId, turn: u32) -> bool {
        self.0
            .iter()
            .any(|(f, t, when, _)| *f == from && *t == to && *when < turn)
    }
    /// Has `from` raised this incident with `to` before this turn?
    pub fn notice(&self, from: ActorId, to: ActorId, incident: &str, turn: u32) -> bool {
        self.0.iter().any(|(f, t, when, i)| {
            *f == from && *t == to && *when < turn && i.as_deref() == Some(incident)
        })
    }
}

pub(crate) fn diplomacy(
    accepted: Res<Accepted>,
    mut actors: Actors,
    mut rec: Recorder,
    mut calls: ResMut<CallsToComply>,
    index: Res<IncidentIndex>,
    incidents: Query<&Incident>,
) {
    let catalog = actors.catalog.clone();
    let incident_name = |i: &str| {
        index
            .get(i)
            .and_then(|e| incidents.get(e).ok())
            .map(super::names::incident)
            .unwrap_or_else(|| Arg::id(i))
    };
    let over = |incident: Option<&str>| match incident {
        Some(i) => say!(" over {0}", incident_name(i)),
        None => Phrase::default(),
    };
    let turn = rec.turn();
    for (actor, order) in &accepted.0 {
        let actor = *actor;
        let name = catalog.named(actor);
        let other = |id: &str| catalog.actor(id).filter(|o| *o != actor);
        match order {
            Order::Demarche { to, incident } => {
                let Some(to) = other(to) else { continue };
                actors.relations.add_tension(actor, to, 2);
                calls.0.push((actor, to, turn, incident.clone()));
                let about = over(incident.as_deref());
                let r = Resolution::done(say!("private protest delivered{0}; counts as a call to comply", about.clone()), Visibility::Actors(ActorSet::one(actor).with(to)))
                    .law("Vienna Convention Art. 3 (functions of a mission: represent, protect, negotiate)");
                rec.order(
                    actor,
                    order,
                    r,
                    say!(
                        "{0} delivers a private demarche to {1}{2}",
                        name,
                        catalog.named(to),
                        about
                    ),
                );
            }
            Order::SummonAmbassador { of, incident } => {
                let Some(of) = other(of) else { continue };
                actors.relations.add_tension(actor, of, 4);
                actors.add(actor, Var::DomesticPressure, -2);
                calls.0.push((actor, of, turn, incident.clone()));
                let about = over(incident.as_deref());
                let r = Resolution::done(
                    say!(
                        "ambassador summoned{0}; counts as a call to comply",
                        about.clone()
                    ),
                    Visibility::Public,
                );
                rec.order(
                    actor,
                    order,
                    r,
                    say!(
                        "{0} summons the ambassador of {1}{2}",
                        name,
                        catalog.named(of),
                        about
                    ),
                );
            }
            Order::PublicStatement {
                stance,
                incident,
                about,
                ..
            } => {
                let about = about.as_deref().and_then(other);
                let on = match incident.as_deref() {
                    Some(i) => say!(" on {0}", incident_name(i)),
                    None => Phrase::default(),
                };
                let kind = Arg::term((*stance).term());
                let mut r = Resolution::done(
                    say!("public statement ({0}){1}", kind.clone(), on.clone()),
                    Visibility::Public,
                );
                match (stance, about) {
                    (Stance::Calm, a) => {
                        if let Some(a) = a {
                            actors.relations.add_tension(actor, a, -4);
                        }
                        r = r.norm(
                            N13A,
                            Verdict::Upheld,
                            say!("calls for restraint and de-escalation"),
                        );
                    }
                    (Stance::Concern, _) => {
                        actors.add(actor, Var::DomesticPressure, -2);
                    }
                    (Stance::Condemn, Some(a)) => {
                        actors.relations.add_tension(actor, a, 5);
                        actors.add(actor, Var::DomesticPressure, -4);
                        calls.0.push((actor, a, turn, incident.clone()));
                    }
                    (Stance::Condemn, None) => {
                        actors.add(actor, Var::DomesticPressure, -3);
                    }
                    (Stance::Solidarity, Some(a)) => {
                        actors.relations.add_trust(actor, a, 4);
                        r = r.norm(
                            N13A,
                            Verdict::Upheld,
                            say!("stands with a state under attack"),
                        );
                    }
                    (Stance::Solidarity, None) => {}
                }
                let story = match about {
                    Some(a) => say!(
                        "{0} issues a public statement: {1} ({2}){3}",
                        name,
                        kind,
                        catalog.named(a),
                        on
                    ),
                    None => say!("{0} issues a public statement: {1}{2}", name, kind, on),
                };
                rec.order(actor, order, r, story);
            }
            Order::ExpelDiplomats { of, count } => {
                let Some(of) = other(of) else { continue };
                let count = (*count).clamp(1, 50);
                actors
                    .relations
                    .add_tension(actor, of, 6 + count.min(20) as i32 / 2);
                actors.relations.add_trust(actor, of, -5);
                actors.add(actor, Var::DomesticPressure, -4);
                let r = Resolution::done(say!("{0} diplomats declared persona non grata: retorsion, unfriendly but lawful", count), Visibility::Public)
                    .law("Vienna Convention Art. 9 (persona non grata)");
                rec.order(
                    actor,
                    order,
                    r,
                    say!(
                        "{0} expels {1} diplomats of {2}",
                        name,
                        count,
                        catalog.named(of)
                    ),
                );
            }
            Order::ConfidenceBuilding { with, measure } => {
                let Some(with) = other(with) else { continue };
                actors.relations.add_trust(actor, with, 6);
                actors.relations.add_tension(actor, with, -6);
                let mut r = Resolution::done(
                    say!("{0} agreed", Arg::term((*measure).term())),
                    Visibility::Actors(ActorSet::one(actor).with(with)),
                )
                .norm(
                    N13A,
                    Verdict::Upheld,
                    say!("builds confidence to prevent misperception and escalation"),
                );
                // Points of contact and consultations are measures of Decision 1106 (2013);
                // Decision 1202 (2016) adds protected communication channels, such as a hotline.
                r = r.law("OSCE cyber confidence-building measures (PC decisions 1106 of 2013 and 1202 of 2016)");
                rec.order(
                    actor,
                    order,
                    r,
                    say!(
                        "{0} and {1} agree a confidence-building measure: {2}",
                        name,
                        catalog.named(with),
                        Arg::term((*measure).term())
                    ),
                );
            }
            _ => {}
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    super::state::<CallsToComply>(app);
    app.add_systems(Resolve, diplomacy.in_set(ResolveStep::Diplomacy));
}
