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
pub mod measures;
pub mod norms;
pub mod orders;
pub mod outcome;
pub mod press;
pub mod readings;
pub mod record;
pub mod stakes;
pub mod story;
mod terms;
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

/// Registers a piece of exercise state: created with the app, emptied by `Reset`.
pub fn state<R: Resource + Default>(app: &mut App) {
    app.init_resource::<R>();
    app.add_systems(Reset, |world: &mut World| {
        world.insert_resource(R::default())
    });
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
    Outcome,
}

/// The exercise's seeded random source; the only randomness the rules use.
#[derive(Resource, Clone)]
pub struct SimRng(pub ChaCha8Rng);

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
            ResolveStep::Outcome,
        )
            .chain(),
    );
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
