//! Diplomatic acts: demarches, summons, public statements, expulsions and confidence-building
//! measures agreed by both parties.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::actors::Actors;
use super::catalog::{ActorId, ActorSet};
use super::incidents::{Incident, IncidentIndex};
use super::law::Unmet;
use super::orders::{Accepted, Cbm, Order, Stance, Via};
use super::record::{LedgerSource, Recorder, Resolution, Visibility};
use super::stakes::{
    CBM_13A, CBM_13A_OFFERED, CBM_OSCE, DEMARCHE_VIENNA_3, EXPEL_RETORSION, EXPEL_VIENNA_9,
    REPARATION_ILC, RESTORE_VIENNA_2, SEVER_PROTECTING_POWER, SEVER_RETORSION, SEVER_VIENNA_45,
    STATEMENT_13A,
};
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

/// Notices of a decision to take countermeasures, with an offer to negotiate (ILC Art.
/// 52(1)(b)), by turn: (from, to, turn).
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Notices(pub Vec<(ActorId, ActorId, u32)>);

impl Notices {
    /// Has `from` notified `to` before this turn?
    pub fn before(&self, from: ActorId, to: ActorId, turn: u32) -> bool {
        self.0
            .iter()
            .any(|(f, t, when)| *f == from && *t == to && *when < turn)
    }
}

/// Acknowledgments of responsibility with an offer of reparation (ILC Arts. 30–31, 34–37):
/// (from, to, incident, turn).
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Reparations(pub Vec<(ActorId, ActorId, String, u32)>);

impl Reparations {
    /// Has `from` offered `to` reparation for this incident before this turn?
    pub fn before(&self, from: ActorId, to: ActorId, incident: &str, turn: u32) -> bool {
        self.0
            .iter()
            .any(|(f, t, i, when)| *f == from && *t == to && i == incident && *when < turn)
    }
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn diplomacy(
    accepted: Res<Accepted>,
    mut actors: Actors,
    mut rec: Recorder,
    mut calls: ResMut<CallsToComply>,
    index: Res<IncidentIndex>,
    incidents: Query<&Incident>,
    mut offers: ResMut<Offers>,
    mut severed: ResMut<Severed>,
    mut notices: ResMut<Notices>,
    mut reparations: ResMut<Reparations>,
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
            Order::Demarche {
                to,
                incident,
                notice,
            } => {
                let Some(to) = other(to) else { continue };
                actors.relations.add_tension(actor, to, 2);
                calls.0.push((actor, to, turn, incident.clone()));
                if *notice {
                    notices.0.push((actor, to, turn));
                }
                let about = over(incident.as_deref());
                // Without relations a protest goes through the protecting power (Art. 45(c)).
                let through = match severed.between(actor, to).and_then(|b| b.protecting(actor)) {
                    Some(p) => say!(" through {0}, its protecting power", catalog.named(p)),
                    None => Phrase::default(),
                };
                let r = Resolution::done(
                    if *notice {
                        say!(
                            "private protest delivered{0}{1}; counts as a call to comply, and notifies a decision to take countermeasures with an offer to negotiate",
                            through,
                            about.clone()
                        )
                    } else {
                        say!(
                            "private protest delivered{0}{1}; counts as a call to comply",
                            through,
                            about.clone()
                        )
                    },
                    Visibility::Actors(ActorSet::one(actor).with(to)),
                )
                .law(DEMARCHE_VIENNA_3);
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
            Order::Reparation { to, incident } => {
                let Some(to) = other(to) else { continue };
                reparations.0.push((actor, to, incident.clone(), turn));
                actors.relations.add_tension(actor, to, -6);
                actors.relations.add_trust(actor, to, 6);
                actors.add(actor, Var::Reputation, -3);
                let r = Resolution::done(
                    say!(
                        "responsibility acknowledged and reparation offered: once the act has ceased, {0} may take no countermeasure over it (ILC Art. 53)",
                        catalog.named(to)
                    ),
                    Visibility::Public,
                )
                .law(REPARATION_ILC);
                rec.order(
                    actor,
                    order,
                    r,
                    say!(
                        "{0} acknowledges responsibility for {1} and offers {2} reparation",
                        name,
                        incident_name(incident),
                        catalog.named(to)
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
                via,
                ..
            } => {
                let about = about.as_deref().and_then(other);
                let on = match incident.as_deref() {
                    Some(i) => say!(" on {0}", incident_name(i)),
                    None => Phrase::default(),
                };
                let kind = Arg::term((*stance).term());
                let mut r = Resolution::done(
                    say!(
                        "public statement ({0}), through {1}{2}",
                        kind.clone(),
                        Arg::term(via.term()),
                        on.clone()
                    ),
                    Visibility::Public,
                );
                // A post is the easiest to escalate over: the state it names takes it half
                // as hard again, and its public presses it to answer.
                let heat = |x: i32| if *via == Via::Post { x * 3 / 2 } else { x };
                if let Some(a) = about
                    && stance.force() > 0
                {
                    actors.add(a, Var::DomesticPressure, heat(stance.force()));
                }
                match (stance, about) {
                    (Stance::Calm, a) => {
                        if let Some(a) = a {
                            actors.relations.add_tension(actor, a, -4);
                        }
                        r = r.norm(STATEMENT_13A, say!("calls for restraint and de-escalation"));
                    }
                    (Stance::Concern, _) => {
                        actors.add(actor, Var::DomesticPressure, -2);
                    }
                    (Stance::Condemn, Some(a)) => {
                        actors.relations.add_tension(actor, a, heat(5));
                        actors.add(actor, Var::DomesticPressure, -4);
                        calls.0.push((actor, a, turn, incident.clone()));
                    }
                    (Stance::Demand, Some(a)) => {
                        actors.relations.add_tension(actor, a, heat(8));
                        actors.relations.add_trust(actor, a, -heat(2));
                        actors.add(actor, Var::DomesticPressure, -4);
                        calls.0.push((actor, a, turn, incident.clone()));
                    }
                    (Stance::Demand, None) => {
                        actors.add(actor, Var::DomesticPressure, -3);
                    }
                    (Stance::Condemn, None) => {
                        actors.add(actor, Var::DomesticPressure, -3);
                    }
                    (Stance::Solidarity, Some(a)) => {
                        actors.relations.add_trust(actor, a, 4);
                        r = r.norm(STATEMENT_13A, say!("stands with a state under attack"));
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
                    .law(EXPEL_VIENNA_9).law(EXPEL_RETORSION);
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
            Order::SeverRelations {
                with,
                protecting_power,
            } => {
                let Some(with) = other(with) else { continue };
                let power = protecting_power
                    .as_deref()
                    .and_then(|p| catalog.actor(p))
                    .filter(|p| *p != actor && *p != with);
                severed.0.push(Break {
                    by: actor,
                    with,
                    turn,
                    protecting_power: power,
                });
                actors.relations.add_tension(actor, with, 12);
                actors.relations.add_trust(actor, with, -10);
                actors.add(actor, Var::DomesticPressure, -5);
                let mut r = Resolution::done(
                    match power {
                        Some(p) => say!(
                            "diplomatic relations severed: both missions close; {0} protects its interests as protecting power; lawful, an unfriendly act",
                            catalog.named(p)
                        ),
                        None => say!(
                            "diplomatic relations severed: both missions close; lawful, an unfriendly act"
                        ),
                    },
                    Visibility::Public,
                )
                .law(SEVER_VIENNA_45)
                .law(SEVER_RETORSION);
                if power.is_some() {
                    r = r.law(SEVER_PROTECTING_POWER);
                }
                rec.order(
                    actor,
                    order,
                    r,
                    say!(
                        "{0} severs diplomatic relations with {1}",
                        name,
                        catalog.named(with)
                    ),
                );
            }
            _ => {}
        }
    }
    agree(&accepted, &mut actors, &mut rec, &mut offers, &mut severed);
}

/// A break in diplomatic relations: who severed them, when, and who protects its interests.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Break {
    pub by: ActorId,
    pub with: ActorId,
    pub turn: u32,
    pub protecting_power: Option<ActorId>,
}

impl Break {
    /// The protecting power of `state`'s interests, if it is the state that named one.
    pub fn protecting(&self, state: ActorId) -> Option<ActorId> {
        (self.by == state)
            .then_some(self.protecting_power)
            .flatten()
    }
}

/// Diplomatic relations now severed (public).
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Severed(pub Vec<Break>);

impl Break {
    fn joins(&self, a: ActorId, b: ActorId) -> bool {
        (self.by == a && self.with == b) || (self.by == b && self.with == a)
    }
}

impl Severed {
    pub fn between(&self, a: ActorId, b: ActorId) -> Option<&Break> {
        self.0.iter().find(|x| x.joins(a, b))
    }
    /// Relations between the two are restored.
    fn end(&mut self, a: ActorId, b: ActorId) {
        self.0.retain(|x| !x.joins(a, b));
    }
}

/// What two states agree by mutual consent: an order for it is an offer until the other
/// state orders the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Agreement {
    /// A confidence-building measure.
    Measure(Cbm),
    /// Restoring diplomatic relations (Vienna Convention Art. 2).
    Relations,
}

/// Offers not yet agreed: (from, to, what, turn).
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Offers(pub Vec<(ActorId, ActorId, Agreement, u32)>);

/// What two states agree by mutual consent (a confidence-building measure; restored
/// relations): an order for it is an offer, agreed when the other state orders the same with
/// it, in the same turn or a later one. Until then the order is an offer the other sees.
fn agree(
    accepted: &Accepted,
    actors: &mut Actors,
    rec: &mut Recorder,
    offers: &mut Offers,
    severed: &mut Severed,
) {
    let catalog = actors.catalog.clone();
    let turn = rec.turn();
    let orders: Vec<(ActorId, &Order, ActorId, Agreement)> = accepted
        .0
        .iter()
        .filter_map(|(a, o)| {
            let (with, what) = match o {
                Order::ConfidenceBuilding { with, measure } => (with, Agreement::Measure(*measure)),
                Order::RestoreRelations { with } => (with, Agreement::Relations),
                _ => return None,
            };
            catalog
                .actor(with)
                .filter(|w| w != a)
                .map(|w| (*a, o, w, what))
        })
        .collect();
    let offered = |offers: &Offers, from: ActorId, to: ActorId, what: Agreement| {
        offers
            .0
            .iter()
            .position(|(f, t, w, _)| *f == from && *t == to && *w == what)
    };
    for (a, _, b, what) in &orders {
        if offered(offers, *a, *b, *what).is_none() {
            offers.0.push((*a, *b, *what, turn));
        }
    }
    let mut agreed = Vec::new();
    for (a, order, b, what) in orders {
        let parties = Visibility::Actors(ActorSet::one(a).with(b));
        let shown = match what {
            Agreement::Measure(_) => parties,
            Agreement::Relations => Visibility::Public,
        };
        let named = match what {
            Agreement::Measure(m) => Arg::term(m.term()),
            Agreement::Relations => Arg::term("restored diplomatic relations"),
        };
        let Some(theirs) = offered(offers, b, a, what) else {
            // The offer waits for consent; the reason names what and to whom.
            let mut r = Resolution::no_effect(Unmet::AwaitsConsent, shown);
            r.reason = say!(
                "{0} offered to {1}: agreed when {1} agrees the same",
                named.clone(),
                catalog.named(b)
            );
            rec.order(
                a,
                order,
                r,
                say!(
                    "{0} offers {1}: {2}",
                    catalog.named(a),
                    catalog.named(b),
                    named
                ),
            );
            continue;
        };
        let earlier = offers.0[theirs].3 < turn;
        let key = (a.min(b), a.max(b), what);
        let first = !agreed.contains(&key);
        if first {
            agreed.push(key);
        }
        match what {
            Agreement::Measure(_) => {
                if first {
                    actors.relations.add_trust(a, b, 6);
                    actors.relations.add_tension(a, b, -6);
                }
                let why = say!("builds confidence to prevent misperception and escalation");
                // Points of contact and consultations are measures of Decision 1106 (2013);
                // Decision 1202 (2016) adds protected communication channels, such as a hotline.
                let r = Resolution::done(say!("{0} agreed", named.clone()), parties)
                    .norm(CBM_13A, why.clone())
                    .law(CBM_OSCE);
                rec.order(
                    a,
                    order,
                    r,
                    say!(
                        "{0} and {1} agree a confidence-building measure: {2}",
                        catalog.named(a),
                        catalog.named(b),
                        named
                    ),
                );
                // The state that offered in an earlier turn upholds 13a too, once agreed.
                if earlier {
                    rec.mark(b, CBM_13A_OFFERED, why, LedgerSource::Omission, parties);
                }
            }
            Agreement::Relations => {
                if first {
                    severed.end(a, b);
                    actors.relations.add_tension(a, b, -8);
                    actors.relations.add_trust(a, b, 4);
                }
                let r = Resolution::done(
                    say!("diplomatic relations restored by mutual consent; missions may reopen"),
                    Visibility::Public,
                )
                .law(RESTORE_VIENNA_2);
                rec.order(
                    a,
                    order,
                    r,
                    say!(
                        "{0} and {1} restore diplomatic relations",
                        catalog.named(a),
                        catalog.named(b)
                    ),
                );
            }
        }
    }
    offers
        .0
        .retain(|(f, t, w, _)| !agreed.contains(&((*f).min(*t), (*f).max(*t), *w)));
}

pub(super) fn plugin(app: &mut App) {
    super::state::<CallsToComply>(app);
    super::state::<Offers>(app);
    super::state::<Severed>(app);
    super::state::<Notices>(app);
    super::state::<Reparations>(app);
    app.add_systems(Resolve, diplomacy.in_set(ResolveStep::Diplomacy));
}
