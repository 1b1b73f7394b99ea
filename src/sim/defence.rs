//! Protecting networks: hardening one's own (13g), building others' capacity (13a), and
//! reporting vulnerabilities with their remedies (13j).

use bevy::prelude::*;

use super::actors::Actors;
use super::catalog::ActorSet;
use super::orders::{Accepted, Order};
use super::record::{Recorder, Resolution, Visibility};
use super::stakes::{CAPACITY_13A, HARDEN_13G, REPORT_13J};
use super::{Resolve, ResolveStep};
use crate::say;
use crate::scenario::Var;

pub(crate) fn defence(accepted: Res<Accepted>, mut actors: Actors, mut rec: Recorder) {
    let catalog = actors.catalog.clone();
    for (actor, order) in &accepted.0 {
        let actor = *actor;
        let name = catalog.named(actor);
        match order {
            Order::Harden => {
                let gained = actors.add(actor, Var::CyberResilience, 6);
                actors.add(actor, Var::Infrastructure, 2);
                let r = Resolution::done(say!("cyber resilience +{0}: encryption, intrusion detection, multi-factor authentication, staff training", gained), Visibility::Actors(ActorSet::one(actor)))
                    .norm(HARDEN_13G, say!("protects its own critical infrastructure"));
                rec.order(actor, order, r, say!("{0} hardens its networks", name));
            }
            Order::ReportVulnerability { to, .. } => {
                let Some(to) = catalog.actor(to).filter(|t| *t != actor) else {
                    continue;
                };
                let gained = actors.add(to, Var::CyberResilience, 3);
                actors.relations.add_trust(actor, to, 3);
                let r = Resolution::done(
                    say!(
                        "{0} learns of the weakness and its remedies: cyber resilience +{1}",
                        catalog.named(to),
                        gained
                    ),
                    Visibility::Actors(ActorSet::one(actor).with(to)),
                )
                .norm(
                    REPORT_13J,
                    say!("reports a vulnerability and shares its remedies"),
                );
                rec.order(
                    actor,
                    order,
                    r,
                    say!(
                        "{0} reports a vulnerability to {1}",
                        name,
                        catalog.named(to)
                    ),
                );
            }
            Order::CapacityBuilding { to } => {
                let Some(to) = catalog.actor(to).filter(|t| *t != actor) else {
                    continue;
                };
                actors.add(to, Var::CyberResilience, 5);
                actors.add(to, Var::TechnicalCapacity, 5);
                actors.relations.add_trust(actor, to, 5);
                let r = Resolution::done(
                    say!(
                        "{0} gains resilience and technical capacity",
                        catalog.named(to)
                    ),
                    Visibility::Actors(ActorSet::one(actor).with(to)),
                )
                .norm(
                    CAPACITY_13A,
                    say!("builds a weaker partner's capacity, closing a weak link"),
                );
                rec.order(
                    actor,
                    order,
                    r,
                    say!(
                        "{0} funds capacity building in {1}",
                        name,
                        catalog.named(to)
                    ),
                );
            }
            _ => {}
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Resolve, defence.in_set(ResolveStep::Defence));
}
