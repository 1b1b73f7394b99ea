//! Actors (states, proxies, criminal groups) as entities, and the trust and tension between them.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::catalog::{ActorId, Catalog};
use crate::scenario::{Var, Vars};

/// An actor entity (its `ActorId` is its place in `ActorIndex`).
#[derive(Component, Clone, Copy, Debug)]
pub(crate) struct Actor;

/// An actor's state variables (each 0..=100).
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct ActorVars(pub Vars);

/// Actor entities by `ActorId`.
#[derive(Resource, Clone, Default)]
pub(crate) struct ActorIndex(pub Vec<Entity>);

/// Trust and tension for every pair of actors (symmetric, 0..=100).
#[derive(Resource, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Relations {
    n: usize,
    trust: Vec<i32>,
    tension: Vec<i32>,
}

/// Starting trust and tension between actors the scenario does not pair.
pub const NEUTRAL_TRUST: i32 = 40;
pub const NEUTRAL_TENSION: i32 = 20;

impl Relations {
    pub fn new(n: usize) -> Self {
        Self {
            n,
            trust: vec![NEUTRAL_TRUST; n * n],
            tension: vec![NEUTRAL_TENSION; n * n],
        }
    }
    fn at(&self, a: ActorId, b: ActorId) -> usize {
        a.0 as usize * self.n + b.0 as usize
    }
    pub fn trust(&self, a: ActorId, b: ActorId) -> i32 {
        if a == b {
            100
        } else {
            self.trust[self.at(a, b)]
        }
    }
    pub fn tension(&self, a: ActorId, b: ActorId) -> i32 {
        if a == b {
            0
        } else {
            self.tension[self.at(a, b)]
        }
    }
    pub fn set(&mut self, a: ActorId, b: ActorId, trust: i32, tension: i32) {
        let (i, j) = (self.at(a, b), self.at(b, a));
        self.trust[i] = trust.clamp(0, 100);
        self.trust[j] = trust.clamp(0, 100);
        self.tension[i] = tension.clamp(0, 100);
        self.tension[j] = tension.clamp(0, 100);
    }
    pub fn add_trust(&mut self, a: ActorId, b: ActorId, delta: i32) {
        if a != b {
            let (t, x) = (self.trust(a, b).saturating_add(delta), self.tension(a, b));
            self.set(a, b, t, x);
        }
    }
    pub fn add_tension(&mut self, a: ActorId, b: ActorId, delta: i32) {
        if a != b {
            let (t, x) = (self.trust(a, b), self.tension(a, b).saturating_add(delta));
            self.set(a, b, t, x);
        }
    }
    pub fn len(&self) -> usize {
        self.n
    }
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }
}

/// Read and change actors' variables by id, always within range.
#[derive(SystemParam)]
pub struct Actors<'w, 's> {
    pub catalog: Res<'w, Catalog>,
    index: Res<'w, ActorIndex>,
    vars: Query<'w, 's, &'static mut ActorVars>,
    pub relations: ResMut<'w, Relations>,
}

impl Actors<'_, '_> {
    pub fn ids(&self) -> Vec<ActorId> {
        self.catalog.actor_ids().collect()
    }
    pub fn vars(&self, a: ActorId) -> Vars {
        self.index
            .0
            .get(a.0 as usize)
            .and_then(|e| self.vars.get(*e).ok())
            .map(|v| v.0)
            .unwrap_or_default()
    }
    /// Changes a variable; returns the change actually applied after clamping to 0..=100.
    pub fn add(&mut self, a: ActorId, var: Var, delta: i32) -> i32 {
        let Some(e) = self.index.0.get(a.0 as usize) else {
            return 0;
        };
        match self.vars.get_mut(*e) {
            Ok(mut v) => v.0.add(var, delta),
            Err(_) => 0,
        }
    }
    /// Pays an order's cost if the actor can afford it.
    pub fn pay(&mut self, a: ActorId, capital: i32, capacity: i32) -> bool {
        let v = self.vars(a);
        if v.diplomatic_capital < capital || v.technical_capacity < capacity {
            return false;
        }
        self.add(a, Var::DiplomaticCapital, -capital);
        self.add(a, Var::TechnicalCapacity, -capacity);
        true
    }
}

/// Spawns actor entities and sets the starting relations.
pub fn spawn_actors(world: &mut World) {
    let catalog = world.resource::<Catalog>().clone();
    let sc = &catalog.scenario;
    let index = sc
        .actors
        .iter()
        .map(|def| world.spawn((Actor, ActorVars(def.start))).id())
        .collect();
    let mut rel = Relations::new(sc.actors.len());
    for r in &sc.relations {
        if let (Some(a), Some(b)) = (catalog.actor(&r.a), catalog.actor(&r.b)) {
            rel.set(a, b, r.trust, r.tension);
        }
    }
    world.insert_resource(ActorIndex(index));
    world.insert_resource(rel);
}
