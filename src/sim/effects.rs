//! Effects: the one way injects and incidents change the world.

use bevy::prelude::*;

use super::actors::{ActorIndex, ActorVars, Relations};
use super::catalog::Catalog;
use super::incidents::{
    Incident, IncidentIndex, IncidentStatus, KnownBy, cushioned, discover_incident, harm_var,
    start_incident,
};
use crate::scenario::{Effect, Var};

/// Gives an evidence item to these actors, who thereby learn of its incident; returns the
/// item's text.
fn reveal(
    world: &mut World,
    evidence: &str,
    to: &[super::catalog::ActorId],
) -> Option<crate::i18n::Phrase> {
    let e = world.resource::<IncidentIndex>().evidence(evidence)?;
    let (seq, text) = world
        .get::<super::incidents::Evidence>(e)
        .map(|ev| (ev.incident, ev.text.clone()))?;
    if let Some(mut known) = world.get_mut::<KnownBy>(e) {
        for a in to {
            known.0.insert(*a);
        }
    }
    // Evidence about an incident tells its holders the incident happened.
    if let Some(inc_entity) = world.resource::<IncidentIndex>().by_seq(seq)
        && let Some(mut inc) = world.get_mut::<Incident>(inc_entity)
    {
        for a in to {
            inc.seen_by.insert(*a);
        }
    }
    Some(text)
}

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
            let ids: Vec<_> = to.iter().filter_map(|a| catalog.actor(a)).collect();
            reveal(world, evidence, &ids);
        }
        Effect::DiscoverIncident(key) => {
            if let Some(e) = world.resource::<IncidentIndex>().get(key) {
                discover_incident(world, e);
            }
        }
        Effect::Publish { by, evidence } => {
            let everyone: Vec<_> = catalog.actor_ids().collect();
            let mut texts = Vec::new();
            for key in evidence {
                if let Some(text) = reveal(world, key, &everyone) {
                    texts.push(text);
                }
            }
            if let Some(by) = catalog.actor(by)
                && !texts.is_empty()
            {
                let text = crate::say!(
                    "{0} publishes a report: {1}",
                    catalog.named(by),
                    crate::i18n::Arg::list(texts.iter().map(crate::i18n::Arg::from))
                );
                super::record::tell(
                    world,
                    super::record::EventKind::Evidence,
                    super::record::Visibility::Public,
                    text,
                );
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
        Effect::Post(_) | Effect::Standing { .. } => super::sphere::apply(world, effect),
    }
}
