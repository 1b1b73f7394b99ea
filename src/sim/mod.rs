//! The rules: a headless, deterministic Bevy ECS simulation, one `World` per exercise,
//! moved through its phases by explicit steps. Nothing here knows about networks,
//! windows or files.

pub mod actors;
pub mod assistance;
pub mod attribution;
pub mod catalog;
pub mod channels;
pub mod clock;
pub mod defence;
pub mod diplomacy;
pub mod effects;
pub mod exercise;
pub mod facts;
pub mod incidents;
pub mod injects;
pub mod institutions;
pub mod journal;
pub mod law;
pub mod measures;
pub mod meetings;
pub mod names;
pub mod norms;
pub mod orders;
pub mod outcome;
pub mod press;
pub mod readings;
pub mod record;
pub mod sphere;
pub mod stakes;
pub mod story;
mod terms;
pub mod truth;
pub mod view;

use bevy::ecs::schedule::{ScheduleLabel, SystemSet};
use bevy::prelude::*;
use rand_chacha::ChaCha8Rng;

pub use exercise::{Changed, Command, ControlAct, Exercise, Moment, Refusal, SeatAct};

/// Runs when a turn's briefing begins.
#[derive(ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Briefing;

/// Runs when the orders phase closes: every order resolves at once.
#[derive(ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Resolve;

/// Runs when results are published.
#[derive(ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Press;

/// Returns every piece of exercise state to its default, so one world can host game after
/// game (balance runs) without rebuilding its schedules.
#[derive(ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Reset;

/// How one piece of the state writes itself into the state hash.
pub(crate) type HashPart = fn(&World, &mut Vec<u8>);

/// The pieces of the state, in the order they were registered: what the state hash covers
/// (`journal::state_hash`). Registering a piece once covers its reset, its hash and a
/// restart.
#[derive(Resource, Default)]
pub(crate) struct StateParts(pub(crate) Vec<HashPart>);

/// Registers a resource of the exercise's state: created with the app, emptied by `Reset`
/// (and so by `Exercise::restart`), covered by the state hash.
pub fn state<R: Resource + Default + serde::Serialize>(app: &mut App) {
    scratch::<R>(app);
    hashed(app, |w, out| write(out, &w.get_resource::<R>()));
}

/// Registers a resource worked out from the state (an index, a cache): created with the
/// app and emptied by `Reset`, but not hashed.
pub fn scratch<R: Resource + Default>(app: &mut App) {
    app.init_resource::<R>();
    app.add_systems(Reset, |world: &mut World| {
        world.insert_resource(R::default())
    });
}

/// Registers a kind of the exercise's entities (those carrying `C`): despawned by `Reset`
/// and hashed by `hash`, in the order the state keeps them.
pub fn entities<C: Component>(app: &mut App, hash: HashPart) {
    app.add_systems(Reset, |world: &mut World| {
        let doomed: Vec<Entity> = world
            .query_filtered::<Entity, With<C>>()
            .iter(world)
            .collect();
        for e in doomed {
            world.despawn(e);
        }
    });
    hashed(app, hash);
}

/// Adds a piece to the state hash (for what `Exercise::setup` inserts from the scenario and
/// seed, which no reset empties).
pub fn hashed(app: &mut App, part: HashPart) {
    app.world_mut()
        .get_resource_or_init::<StateParts>()
        .0
        .push(part);
}

/// Writes a value into the hash's bytes (JSON: stable field order, no floats' platform
/// differences in what the state holds).
pub(crate) fn write<T: serde::Serialize>(out: &mut Vec<u8>, value: &T) {
    let _ = serde_json::to_writer(&mut *out, value);
    out.push(b'\n');
}

/// The entities `order` lists that carry `T`, in that order (for hashing).
pub(crate) fn listed<'a, T: Component>(world: &'a World, order: &[Entity]) -> Vec<&'a T> {
    order.iter().filter_map(|e| world.get::<T>(*e)).collect()
}

/// The briefing, in order.
#[derive(SystemSet, Clone, Debug, PartialEq, Eq, Hash)]
pub enum BriefingStep {
    Income,
    Incidents,
    Injects,
}

/// The documented resolution order (docs/rules.md).
#[derive(SystemSet, Clone, Debug, PartialEq, Eq, Hash)]
pub enum ResolveStep {
    Pay,
    Votes,
    Evidence,
    Assistance,
    Diplomacy,
    Attribution,
    Measures,
    Defence,
    Public,
    Outcome,
}

/// The exercise's seeded random source; the only randomness the rules use.
#[derive(Resource, Clone)]
pub(crate) struct SimRng(pub ChaCha8Rng);

/// Adds every rules plugin. Schedules run single-threaded, so the order is fixed.
pub fn plugin(app: &mut App) {
    for label in [
        Briefing.intern(),
        Resolve.intern(),
        Press.intern(),
        Reset.intern(),
    ] {
        let mut schedule = Schedule::new(label);
        schedule.set_executor(bevy::ecs::schedule::SingleThreadedExecutor::new());
        app.add_schedule(schedule);
    }
    app.configure_sets(
        Briefing,
        (
            BriefingStep::Income,
            BriefingStep::Incidents,
            BriefingStep::Injects,
        )
            .chain(),
    );
    app.configure_sets(
        Resolve,
        (
            ResolveStep::Pay,
            ResolveStep::Votes,
            ResolveStep::Evidence,
            ResolveStep::Assistance,
            ResolveStep::Diplomacy,
            ResolveStep::Attribution,
            ResolveStep::Measures,
            ResolveStep::Defence,
            ResolveStep::Public,
            ResolveStep::Outcome,
        )
            .chain(),
    );
    // What `Exercise::setup` makes from the scenario and the seed, hashed first.
    hashed(app, |w, out| write(out, &w.get_resource::<clock::Clock>()));
    hashed(app, |w, out| {
        write(out, &w.get_resource::<SimRng>().map(|r| r.0.get_word_pos()))
    });
    entities::<actors::Actor>(app, |w, out| {
        let order = w
            .get_resource::<actors::ActorIndex>()
            .map(|i| i.0.as_slice());
        let vars: Vec<_> = listed::<actors::ActorVars>(w, order.unwrap_or_default())
            .into_iter()
            .map(|v| v.0)
            .collect();
        write(out, &vars)
    });
    hashed(app, |w, out| {
        write(out, &w.get_resource::<actors::Relations>())
    });
    app.add_plugins(sphere::plugin);
    app.add_plugins(meetings::plugin);
    app.add_plugins((
        record::plugin,
        channels::plugin,
        clock::plugin,
        orders::plugin,
        incidents::plugin,
        institutions::plugin,
        assistance::plugin,
        diplomacy::plugin,
        attribution::plugin,
        measures::plugin,
        readings::plugin,
        defence::plugin,
        injects::plugin,
        outcome::plugin,
        press::plugin,
    ));
}
