//! How the exercise stands and ends: the escalation history, objectives, learning
//! objectives and the ending.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::actors::Relations;
use super::catalog::{ActorId, Catalog};
use super::clock::Clock;
use super::facts::Facts;
use super::incidents::{Incident, IncidentIndex, IncidentStatus};
use super::record::{Chronicle, Event, EventKind, Visibility};
use super::{Resolve, ResolveStep};

/// Tension, trust and escalation after each resolution (turn 0: the start).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TurnSample {
    pub turn: u32,
    /// Mean tension between states, 0..=100.
    pub mean_tension: i32,
    pub mean_trust: i32,
    /// Highest rung any started incident has reached (0 below the threshold .. 3 armed attack).
    pub escalation: i32,
    /// Tension of every pair of states, in pair order.
    pub tensions: Vec<(ActorId, ActorId, i32)>,
}

#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct History(pub Vec<TurnSample>);

/// Objectives and learning objectives as they stand now, and the ending once reached.
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Outcome {
    /// Met or not, per seat, per objective (scenario order).
    pub objectives: Vec<Vec<bool>>,
    /// The turn each objective first held (per seat, per objective), met for good or not.
    pub first_met: Vec<Vec<Option<u32>>>,
    /// Whether each objective would hold if the exercise ended now (per seat).
    pub on_track: Vec<Vec<bool>>,
    /// Whose public act met each objective, when it first held (per seat).
    pub met_by: Vec<Vec<Option<crate::i18n::Phrase>>>,
    pub learning: Vec<bool>,
    pub ending: Option<usize>,
    pub ended_early: bool,
}

pub fn sample(world: &World) -> TurnSample {
    let catalog = world.resource::<Catalog>();
    let rel = world.resource::<Relations>();
    let states: Vec<ActorId> = catalog
        .actor_ids()
        .filter(|a| catalog.is_state(*a))
        .collect();
    let mut tensions = Vec::new();
    let (mut t_sum, mut tr_sum) = (0, 0);
    for (i, a) in states.iter().enumerate() {
        for b in &states[i + 1..] {
            tensions.push((*a, *b, rel.tension(*a, *b)));
            t_sum += rel.tension(*a, *b);
            tr_sum += rel.trust(*a, *b);
        }
    }
    let pairs = tensions.len().max(1) as i32;
    let index = world.resource::<IncidentIndex>();
    let escalation = index
        .incident_order
        .iter()
        .filter_map(|e| world.get::<Incident>(*e))
        .filter(|i| i.status != IncidentStatus::Pending)
        .map(|i| i.level.rank())
        .max()
        .unwrap_or(0);
    TurnSample {
        turn: world.resource::<Clock>().turn,
        mean_tension: t_sum / pairs,
        mean_trust: tr_sum / pairs,
        escalation,
        tensions,
    }
}

pub fn record_sample(world: &mut World) {
    let s = sample(world);
    let mut h = world.resource_mut::<History>();
    h.0.retain(|x| x.turn != s.turn);
    h.0.push(s);
}

/// After each resolution: objectives are re-evaluated; an early ending, or any ending after
/// the last turn, closes the exercise.
pub(crate) fn evaluate_outcome(
    facts: Facts,
    mut outcome: ResMut<Outcome>,
    mut chronicle: ResMut<Chronicle>,
) {
    let sc = &facts.catalog.scenario;
    let turn = facts.clock.turn;
    outcome.objectives = sc
        .seats
        .iter()
        .map(|s| {
            s.objectives
                .iter()
                .map(|o| facts.holds(&o.condition))
                .collect()
        })
        .collect();
    let first_met: Vec<Vec<Option<u32>>> = outcome
        .objectives
        .iter()
        .enumerate()
        .map(|(s, met)| {
            met.iter()
                .enumerate()
                .map(|(o, m)| {
                    let before = outcome.first_met.get(s).and_then(|v| v.get(o)).copied();
                    before.flatten().or(m.then_some(turn))
                })
                .collect()
        })
        .collect();
    let met_by: Vec<Vec<Option<crate::i18n::Phrase>>> = sc
        .seats
        .iter()
        .enumerate()
        .map(|(s, seat)| {
            seat.objectives
                .iter()
                .enumerate()
                .map(|(o, obj)| {
                    let before = outcome
                        .met_by
                        .get(s)
                        .and_then(|v| v.get(o))
                        .cloned()
                        .flatten();
                    let new = first_met[s][o] == Some(turn)
                        && outcome
                            .first_met
                            .get(s)
                            .and_then(|v| v.get(o))
                            .copied()
                            .flatten()
                            .is_none();
                    before.or_else(|| new.then(|| facts.met_by(&obj.condition)).flatten())
                })
                .collect()
        })
        .collect();
    outcome.met_by = met_by;
    outcome.first_met = first_met;
    outcome.on_track = sc
        .seats
        .iter()
        .map(|s| {
            s.objectives
                .iter()
                .map(|o| facts.holds_at_end(&o.condition))
                .collect()
        })
        .collect();
    outcome.learning = sc
        .learning_objectives
        .iter()
        .map(|l| facts.holds(&l.condition))
        .collect();
    if outcome.ending.is_some() {
        return;
    }
    let last = facts.clock.turn >= facts.clock.turns;
    let chosen = sc
        .endings
        .iter()
        .position(|e| e.early && facts.holds(&e.condition))
        .map(|i| (i, !last))
        .or_else(|| {
            if last {
                sc.endings
                    .iter()
                    .position(|e| facts.holds(&e.condition))
                    .map(|i| (i, false))
            } else {
                None
            }
        });
    if let Some((i, early)) = chosen {
        outcome.ending = Some(i);
        outcome.ended_early = early;
        let e = &sc.endings[i];
        chronicle.0.push(Event {
            turn: facts.clock.turn,
            kind: EventKind::Ending,
            actor: None,
            visibility: Visibility::Public,
            text: crate::say!("Ending: {0}: {1}", &e.title, &e.text),
            decision: None,
        });
    } else if last {
        outcome.ending = None;
    }
}

pub(super) fn plugin(app: &mut App) {
    super::state::<History>(app);
    super::state::<Outcome>(app);
    app.add_systems(
        Resolve,
        (evaluate_outcome, record_sample)
            .chain()
            .in_set(ResolveStep::Outcome),
    );
}
