//! Injects: scheduled and triggered events from the scenario, and those the control cell sends.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::catalog::{ActorSet, Catalog};
use super::effects::apply_effect;
use super::facts::Facts;
use super::record::{EventKind, Visibility, tell};
use super::{Briefing, BriefingStep};
use crate::scenario::{Audience, Effect, Text, Trigger};

/// Indices of the scenario injects that have fired.
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FiredInjects(pub Vec<usize>);

/// Injects due at this briefing, chosen before any of them is applied.
#[derive(Resource, Clone, Debug, Default)]
pub struct InjectsDue(pub Vec<usize>);

pub fn select_injects(facts: Facts, mut due: ResMut<InjectsDue>) {
    let turn = facts.clock.turn;
    for (i, inj) in facts.catalog.scenario.injects.iter().enumerate() {
        if facts.holds(&crate::scenario::Condition::InjectFired(inj.id.clone())) {
            continue;
        }
        let now = match &inj.trigger {
            Trigger::At(t) => *t == turn,
            Trigger::When(c) => facts.holds(c),
        };
        if now {
            due.0.push(i);
        }
    }
}

pub fn fire_due_injects(world: &mut World) {
    let due = std::mem::take(&mut world.resource_mut::<InjectsDue>().0);
    for i in due {
        fire_inject(world, i);
    }
}

/// Fires a scenario inject now (at a briefing, or when the control cell sends it).
pub fn fire_inject(world: &mut World, index: usize) {
    let catalog = world.resource::<Catalog>().clone();
    let Some(inj) = catalog.scenario.injects.get(index) else {
        return;
    };
    if world.resource::<FiredInjects>().0.contains(&index) {
        return;
    }
    world.resource_mut::<FiredInjects>().0.push(index);
    let visibility = match &inj.audience {
        Audience::All => Visibility::Public,
        Audience::Actors(list) => Visibility::Actors(
            list.iter()
                .filter_map(|a| catalog.actor(a))
                .fold(ActorSet::default(), |s, a| s.with(a)),
        ),
    };
    announce(world, &inj.title, &inj.body, visibility);
    for effect in &inj.effects {
        apply_effect(world, effect);
    }
}

/// Fires an inject the control cell wrote during the exercise.
pub fn fire_custom_inject(
    world: &mut World,
    title: &Text,
    body: &Text,
    visibility: Visibility,
    effects: &[Effect],
) {
    announce(world, title, body, visibility);
    for effect in effects {
        apply_effect(world, effect);
    }
}

fn announce(world: &mut World, title: &Text, body: &Text, visibility: Visibility) {
    tell(
        world,
        EventKind::Inject,
        visibility,
        format!("{}: {}", title.en, body.en),
    );
}

pub(super) fn plugin(app: &mut App) {
    super::state::<FiredInjects>(app);
    super::state::<InjectsDue>(app);
    app.add_systems(
        Briefing,
        (select_injects, fire_due_injects)
            .chain()
            .in_set(BriefingStep::Injects),
    );
}
