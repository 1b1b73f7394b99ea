//! Attribution (low / moderate / high confidence, private or public, alone or joint) and denial.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::actors::Actors;
use super::catalog::{ActorId, ActorSet};
use super::incidents::{Authorship, Evidence, Incident, IncidentIndex, KnownBy, support};
use super::norms::{N13B, N13C};
use super::orders::{Accepted, Order};
use super::record::{LedgerSource, NormMark, Recorder, Resolution, Verdict, Visibility};
use super::{Resolve, ResolveStep};
use crate::i18n::{Arg, Phrase, confidence_key};
use crate::say;
use crate::scenario::{Confidence, OrderKind, Var};

/// An attribution made by one or several actors (several: a joint attribution).
#[derive(Component, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Attribution {
    pub incident: u16,
    /// Who made this attribution, at this confidence.
    pub made_by: ActorId,
    /// Everyone who made it together (the maker alone unless joint).
    pub by: Vec<ActorId>,
    pub to: ActorId,
    pub confidence: Confidence,
    pub public: bool,
    pub turn: u32,
    /// Set when an institution's statement made it.
    pub institution: Option<usize>,
}

impl Attribution {
    /// Who may know of it: everyone if public, else the attributors and the accused.
    pub fn visible_to(&self, a: ActorId) -> bool {
        self.public || self.to == a || self.by.contains(&a)
    }
}

/// Attribution entities in the order made.
#[derive(Resource, Clone, Debug, Default)]
pub struct AttributionIndex(pub Vec<Entity>);

#[allow(clippy::too_many_arguments)]
/// Resolution: attributions are weighed against the evidence each attributor holds (13b);
/// public ones with `joint` on the same incident and accused are made together.
pub fn attribute(
    accepted: Res<Accepted>,
    mut actors: Actors,
    mut rec: Recorder,
    index: Res<IncidentIndex>,
    incidents: Query<(&Incident, &Authorship)>,
    evidence: Query<(&Evidence, &KnownBy)>,
    mut attributions: ResMut<AttributionIndex>,
    mut commands: Commands,
) {
    let catalog = actors.catalog.clone();
    let orders = accepted.of(OrderKind::Attribute);
    // Partners in each joint public attribution: same incident, same accused.
    let partners = |incident: &str, to: &str| -> Vec<ActorId> {
        orders
            .iter()
            .filter(|(_, o)| matches!(o, Order::Attribute { incident: i, to: t, public: true, joint: true, .. } if i == incident && t == to))
            .map(|(a, _)| *a)
            .collect()
    };
    for (actor, order) in &orders {
        let Order::Attribute {
            incident,
            to,
            confidence,
            public,
            joint,
        } = order
        else {
            continue;
        };
        let (actor, name) = (*actor, catalog.named(*actor));
        let (Some(accused), Some(e)) = (catalog.actor(to), index.get(incident)) else {
            continue;
        };
        let Ok((inc, auth)) = incidents.get(e) else {
            continue;
        };
        if !inc.seen_by.contains(actor) {
            rec.order(
                actor,
                order,
                Resolution::refused(
                    say!("the incident is not known to this actor"),
                    Visibility::Actors(ActorSet::one(actor)),
                ),
                say!("{0} cannot attribute an incident it does not know of", name),
            );
            continue;
        }
        let held: Vec<(&Evidence, bool)> = index
            .evidence_order
            .iter()
            .filter_map(|x| evidence.get(*x).ok())
            .filter(|(ev, _)| ev.incident == inc.seq)
            .map(|(ev, k)| (ev, k.0.contains(actor)))
            .collect();
        let backing = support(&catalog, &held, accused);
        let correct =
            auth.author == accused || catalog.responsible_state(auth.author) == Some(accused);
        let group = if *public && *joint {
            partners(incident, to)
        } else {
            vec![actor]
        };
        let together = group.len() > 1;
        let mut parties = ActorSet::one(accused);
        for a in &group {
            parties.insert(*a);
        }
        let vis = if *public {
            Visibility::Public
        } else {
            Visibility::Actors(parties)
        };
        let (verdict, why) = match backing {
            None => (
                Verdict::Breached,
                say!(
                    "attributes to {0} without holding any evidence that points there",
                    catalog.named(accused)
                ),
            ),
            Some(s) if s < *confidence => (
                Verdict::Strained,
                say!(
                    "claims {0} confidence where its evidence supports only {1}",
                    Arg::term(confidence_key(*confidence)),
                    Arg::term(confidence_key(s))
                ),
            ),
            Some(s) => (
                Verdict::Upheld,
                say!(
                    "the attribution rests on evidence it holds (supports {0} confidence)",
                    Arg::term(confidence_key(s))
                ),
            ),
        };
        let mut r = Resolution::done(Phrase::default(), vis).norm(N13B, verdict, why);
        let company = if together {
            let others = group
                .iter()
                .filter(|a| **a != actor)
                .map(|a| catalog.named(*a));
            say!("jointly with {0}", Arg::list(others))
        } else if *public {
            say!("alone: no partner joined")
        } else {
            say!("privately, through diplomatic channels")
        };
        if *public {
            actors
                .relations
                .add_tension(actor, accused, if together { 8 } else { 12 });
            if inc.target == actor {
                actors.add(actor, Var::DomesticPressure, -8);
            }
            if correct {
                actors.add(accused, Var::Reputation, -(3 + 2 * *confidence as i32));
            } else {
                // Wrong public attributions are contested by other states' analysts.
                actors.add(actor, Var::Reputation, -8);
                actors.relations.add_tension(actor, accused, 8);
            }
        } else {
            actors.relations.add_tension(actor, accused, 4);
            actors.relations.add_trust(actor, accused, -3);
        }
        let level = Arg::term(confidence_key(*confidence));
        r.reason = if *public {
            say!(
                "{0} confidence, public, {1}",
                level.clone(),
                company.clone()
            )
        } else {
            say!(
                "{0} confidence, private, {1}",
                level.clone(),
                company.clone()
            )
        };
        rec.order(
            actor,
            order,
            r,
            say!(
                "{0} attributes {1} to {2} ({3} confidence, {4})",
                name,
                &inc.name,
                catalog.named(accused),
                level,
                company
            ),
        );
        if !correct {
            rec.mark(
                actor,
                NormMark {
                    norm: N13B,
                    verdict: Verdict::Strained,
                    reason: say!(
                        "named {0}, who did not carry out {1}",
                        catalog.named(accused),
                        Arg::id(&inc.key)
                    ),
                },
                LedgerSource::Omission,
                Visibility::Control,
            );
        }
        let e = commands
            .spawn(Attribution {
                incident: inc.seq,
                made_by: actor,
                by: group,
                to: accused,
                confidence: *confidence,
                public: *public,
                turn: rec.turn(),
                institution: None,
            })
            .id();
        attributions.0.push(e);
    }
}

/// Resolution: public denials. A denial by whoever is answerable strains 13c in the hidden ledger.
pub fn deny(
    accepted: Res<Accepted>,
    mut actors: Actors,
    mut rec: Recorder,
    index: Res<IncidentIndex>,
    mut incidents: Query<(&mut Incident, &Authorship)>,
) {
    let catalog = actors.catalog.clone();
    for (actor, order) in accepted.of(OrderKind::Deny) {
        let Order::Deny { incident } = &order else {
            continue;
        };
        let Some(Ok((mut inc, auth))) = index.get(incident).map(|e| incidents.get_mut(e)) else {
            continue;
        };
        if !inc.seen_by.contains(actor) {
            rec.order(
                actor,
                &order,
                Resolution::refused(
                    say!("the incident is not known to this actor"),
                    Visibility::Actors(ActorSet::one(actor)),
                ),
                say!(
                    "{0} cannot deny an incident it does not know of",
                    catalog.named(actor)
                ),
            );
            continue;
        }
        inc.denied_by.insert(actor);
        actors.add(actor, Var::DomesticPressure, -3);
        rec.order(
            actor,
            &order,
            Resolution::done(say!("denied any involvement"), Visibility::Public),
            say!(
                "{0} denies any involvement in {1}",
                catalog.named(actor),
                &inc.name
            ),
        );
        let answerable = catalog.host_state(auth.author) == Some(actor) || auth.author == actor;
        if answerable {
            rec.mark(
                actor,
                NormMark {
                    norm: N13C,
                    verdict: Verdict::Strained,
                    reason: say!(
                        "denied {0} although the activity came from its side",
                        Arg::id(&inc.key)
                    ),
                },
                LedgerSource::Omission,
                Visibility::Control,
            );
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    super::state::<AttributionIndex>(app);
    app.add_systems(
        Resolve,
        (attribute, deny).chain().in_set(ResolveStep::Attribution),
    );
}
