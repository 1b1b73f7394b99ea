//! Turns and phases. The exercise moves only by explicit steps, never by the clock on the wall.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::actors::Actors;
use crate::scenario::Var;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Phase {
    Briefing,
    Negotiation,
    Orders,
    Resolution,
    Press,
    Ended,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::Briefing => "briefing",
            Phase::Negotiation => "negotiation",
            Phase::Orders => "orders",
            Phase::Resolution => "resolution",
            Phase::Press => "press",
            Phase::Ended => "ended",
        }
    }
}

#[derive(Resource, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    pub turn: u32,
    pub turns: u32,
    pub phase: Phase,
}

/// Capital and capacity each state regains at every briefing, at the standard span.
pub const TURN_INCOME: i32 = 8;

/// Each briefing: states regain some diplomatic capital and technical capacity, scaled by
/// the span of time the turn stands for (the scenario's `spans`); capacity recovers half as
/// fast while infrastructure is badly hurt.
pub fn turn_income(mut actors: Actors, clock: Res<Clock>) {
    let (_, pct) = actors.catalog.scenario.span(clock.turn);
    let income = (TURN_INCOME * pct as i32 + 50) / 100;
    for a in actors.ids() {
        if !actors.catalog.is_state(a) {
            continue;
        }
        let infra = actors.vars(a).infrastructure;
        actors.add(a, Var::DiplomaticCapital, income);
        actors.add(
            a,
            Var::TechnicalCapacity,
            if infra < 40 { income / 2 } else { income },
        );
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        super::Briefing,
        turn_income.in_set(super::BriefingStep::Income),
    );
}
