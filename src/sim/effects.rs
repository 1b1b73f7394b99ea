//! Effects: the one way injects and incidents change the world.

use bevy::prelude::*;

use super::actors::{ActorIndex, ActorVars, Relations};
use super::catalog::Catalog;
use super::incidents::{
    Incident, IncidentIndex, IncidentStatus, KnownBy, cushioned, harm_var, start_incident,
};
use crate::scenario::{Effect, Var};

/// Applies one effect. Harm to infrastructure and economy is cushioned by the actor's
/// cyber resilience.
pub fn apply_effect(world: &mut World, effect: &Effect) {
    let catalog = world.resource::<Catalog>().clone();
    match effect {
        Effect::StartIncident(key) => {
            if let Some(e) = world.resource::<IncidentIndex>().get(key) {
                start_incident(world, e);
            }
        }
        Effect::EndIncident(key) => {
            if let Some(e) = world.resource::<IncidentIndex>().get(key)
                && let Some(mut inc) = world.get_mut::<Incident>(e)
                && inc.status == IncidentStatus::Active
            {
                inc.status = IncidentStatus::Over;
            }
        }
        Effect::RevealEvidence { evidence, to } => {
            if let Some(e) = world.resource::<IncidentIndex>().evidence(evidence) {
                let ids: Vec<_> = to.iter().filter_map(|a| catalog.actor(a)).collect();
                let seq = world
                    .get::<super::incidents::Evidence>(e)
                    .map(|ev| ev.incident);
                if let Some(mut known) = world.get_mut::<KnownBy>(e) {
                    for a in &ids {
                        known.0.insert(*a);
                    }
                }
                // Evidence about an incident tells its holders the incident happened.
                if let Some(inc_entity) =
                    seq.and_then(|s| world.resource::<IncidentIndex>().by_seq(s))
                    && let Some(mut inc) = world.get_mut::<Incident>(inc_entity)
                {
                    for a in ids {
                        inc.seen_by.insert(a);
                    }
                }
            }
        }
        Effect::Var { actor, var, delta } => {
            let Some(a) = catalog.actor(actor) else {
                return;
            };
            let Some(entity) = world.resource::<ActorIndex>().0.get(a.0 as usize).copied() else {
                return;
            };
            if let Some(mut v) = world.get_mut::<ActorVars>(entity) {
                let d = if harm_var(*var) {
                    cushioned(*delta, v.0.get(Var::CyberResilience))
                } else {
                    *delta
                };
                v.0.add(*var, d);
            }
        }
        Effect::Trust { a, b, delta } => {
            if let (Some(a), Some(b)) = (catalog.actor(a), catalog.actor(b)) {
                world.resource_mut::<Relations>().add_trust(a, b, *delta);
            }
        }
        Effect::Tension { a, b, delta } => {
            if let (Some(a), Some(b)) = (catalog.actor(a), catalog.actor(b)) {
                world.resource_mut::<Relations>().add_tension(a, b, *delta);
            }
        }
    }
}
