//! The scenario as the simulation uses it: every id resolved to a small index once, at start.

use std::collections::HashMap;
use std::sync::Arc;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::scenario::{ActorKind, Control, OrderKind, Scenario};

/// An actor (state, proxy or criminal group), by its index in the scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ActorId(pub u8);

/// A set of actors (scenarios have at most 64).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ActorSet(pub u64);

impl ActorSet {
    pub fn one(a: ActorId) -> Self {
        Self(1u64 << a.0)
    }
    pub fn with(mut self, a: ActorId) -> Self {
        self.insert(a);
        self
    }
    pub fn insert(&mut self, a: ActorId) {
        self.0 |= 1u64 << a.0;
    }
    pub fn contains(self, a: ActorId) -> bool {
        self.0 & (1u64 << a.0) != 0
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn iter(self) -> impl Iterator<Item = ActorId> {
        (0..64u8)
            .filter(move |i| self.0 & (1u64 << i) != 0)
            .map(ActorId)
    }
}

/// The scenario and its id lookups, shared by every system (cheap to clone).
#[derive(Resource, Clone)]
pub struct Catalog(Arc<CatalogData>);

impl std::ops::Deref for Catalog {
    type Target = CatalogData;
    fn deref(&self) -> &CatalogData {
        &self.0
    }
}

pub struct CatalogData {
    pub scenario: Arc<Scenario>,
    actors: HashMap<String, ActorId>,
    seats: HashMap<String, usize>,
    institutions: HashMap<String, usize>,
    entities: HashMap<String, usize>,
    injects: HashMap<String, usize>,
    /// Cost (capital, capacity) of each order for each actor; `None` when unavailable.
    costs: Vec<[Option<(i32, i32)>; OrderKind::ALL.len()]>,
    /// The publics of the public sphere (the scenario's, or the defaults).
    pub audiences: Vec<super::sphere::AudienceInfo>,
}

impl Catalog {
    pub fn new(scenario: Arc<Scenario>) -> Self {
        let index = |ids: Vec<&String>| {
            ids.into_iter()
                .enumerate()
                .map(|(i, s)| (s.clone(), i))
                .collect()
        };
        let actors: HashMap<String, ActorId> = scenario
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), ActorId(i as u8)))
            .collect();
        let mut costs = Vec::with_capacity(scenario.actors.len());
        for actor in &scenario.actors {
            let mut row = [None; OrderKind::ALL.len()];
            for (k, kind) in OrderKind::ALL.iter().enumerate() {
                row[k] = if scenario.orders.is_empty() {
                    Some(kind.standard_cost())
                } else {
                    let named = scenario
                        .orders
                        .iter()
                        .find(|o| o.order == *kind && o.actors.contains(&actor.id));
                    let general = scenario
                        .orders
                        .iter()
                        .find(|o| o.order == *kind && o.actors.is_empty());
                    named.or(general).map(|o| (o.capital, o.capacity))
                };
            }
            costs.push(row);
        }
        let audiences = super::sphere::audiences(&scenario, |id| actors.get(id).copied());
        Self(Arc::new(CatalogData {
            audiences,
            actors,
            seats: index(scenario.seats.iter().map(|s| &s.id).collect()),
            institutions: index(scenario.institutions.iter().map(|s| &s.id).collect()),
            entities: index(scenario.entities.iter().map(|s| &s.id).collect()),
            injects: index(scenario.injects.iter().map(|s| &s.id).collect()),
            costs,
            scenario,
        }))
    }
}

impl CatalogData {
    pub fn actor(&self, id: &str) -> Option<ActorId> {
        self.actors.get(id).copied()
    }
    pub fn actor_count(&self) -> usize {
        self.scenario.actors.len()
    }
    pub fn actor_ids(&self) -> impl Iterator<Item = ActorId> + '_ {
        (0..self.scenario.actors.len()).map(|i| ActorId(i as u8))
    }
    pub fn actor_key(&self, a: ActorId) -> &str {
        &self.scenario.actors[a.0 as usize].id
    }
    pub fn actor_name(&self, a: ActorId) -> &str {
        &self.scenario.actors[a.0 as usize].name.en
    }
    /// An actor's name in both languages, for a phrase.
    pub fn named(&self, a: ActorId) -> crate::i18n::Arg {
        crate::i18n::Arg::Name(self.scenario.actors[a.0 as usize].name.clone())
    }
    pub fn is_state(&self, a: ActorId) -> bool {
        self.scenario.actors[a.0 as usize].kind == ActorKind::State
    }
    /// The state answerable for an actor's conduct: itself if a state, its sponsor if a
    /// group it directs (ILC Art. 8); `None` for criminals, harboured groups, personas and
    /// companies.
    pub fn responsible_state(&self, a: ActorId) -> Option<ActorId> {
        let def = &self.scenario.actors[a.0 as usize];
        match def.kind {
            ActorKind::State => Some(a),
            ActorKind::Proxy | ActorKind::CriminalGroup if def.control == Control::Directed => {
                def.sponsor.as_deref().and_then(|s| self.actor(s))
            }
            _ => None,
        }
    }
    /// The state from whose territory a non-state actor works (its sponsor; a company's
    /// state of establishment), or the state itself. A persona has no territory: `None`.
    pub fn host_state(&self, a: ActorId) -> Option<ActorId> {
        let def = &self.scenario.actors[a.0 as usize];
        match def.kind {
            ActorKind::State => Some(a),
            ActorKind::Persona => None,
            _ => def.sponsor.as_deref().and_then(|s| self.actor(s)),
        }
    }
    /// The actor a persona claims operations for (its sponsor), if `a` is a persona.
    pub fn fronts_for(&self, a: ActorId) -> Option<ActorId> {
        let def = &self.scenario.actors[a.0 as usize];
        (def.kind == ActorKind::Persona)
            .then(|| def.sponsor.as_deref().and_then(|s| self.actor(s)))
            .flatten()
    }
    pub fn seat(&self, id: &str) -> Option<usize> {
        self.seats.get(id).copied()
    }
    pub fn seat_actor(&self, seat: usize) -> ActorId {
        self.actor(&self.scenario.seats[seat].actor)
            .unwrap_or(ActorId(0))
    }
    /// The ids of the seats whose actors are in `set`, in the scenario's order.
    pub fn seats_in(&self, set: ActorSet) -> Vec<String> {
        self.scenario
            .seats
            .iter()
            .filter(|s| {
                self.seat(&s.id)
                    .is_some_and(|i| set.contains(self.seat_actor(i)))
            })
            .map(|s| s.id.clone())
            .collect()
    }
    pub fn seat_of_actor(&self, a: ActorId) -> Option<usize> {
        let key = self.actor_key(a);
        self.scenario.seats.iter().position(|s| s.actor == key)
    }
    pub fn institution(&self, id: &str) -> Option<usize> {
        self.institutions.get(id).copied()
    }
    pub fn entity(&self, id: &str) -> Option<usize> {
        self.entities.get(id).copied()
    }
    pub fn inject(&self, id: &str) -> Option<usize> {
        self.injects.get(id).copied()
    }
    pub fn cost(&self, a: ActorId, kind: OrderKind) -> Option<(i32, i32)> {
        let k = OrderKind::ALL.iter().position(|o| *o == kind)?;
        self.costs.get(a.0 as usize)?[k]
    }
    /// What this order costs the actor (a statement's channel changes its cost); `None`
    /// when the order is not available to it.
    pub fn order_cost(&self, a: ActorId, order: &super::orders::Order) -> Option<(i32, i32)> {
        Some(order.priced(self.cost(a, order.kind())?))
    }
    pub fn is_member(&self, institution: usize, a: ActorId) -> bool {
        self.scenario.institutions[institution]
            .members
            .iter()
            .any(|m| m == self.actor_key(a))
    }
    /// Does a trade treaty bind the two states (`relations[].trade_treaty`)?
    pub fn trade_treaty(&self, a: ActorId, b: ActorId) -> bool {
        let (a, b) = (self.actor_key(a), self.actor_key(b));
        self.scenario
            .relations
            .iter()
            .any(|r| r.trade_treaty && ((r.a == a && r.b == b) || (r.a == b && r.b == a)))
    }
    /// The institution that holds this member's trade policy, if any.
    pub fn trade_competence(&self, a: ActorId) -> Option<usize> {
        (0..self.scenario.institutions.len())
            .find(|i| self.scenario.institutions[*i].trade_competence && self.is_member(*i, a))
    }
    /// Do two actors sit together in an institution (allies, partners)?
    pub fn share_institution(&self, a: ActorId, b: ActorId) -> bool {
        (0..self.scenario.institutions.len()).any(|i| self.is_member(i, a) && self.is_member(i, b))
    }
}
