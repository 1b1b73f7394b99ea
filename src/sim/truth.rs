//! What the control cell may know: the whole exercise, hidden truth included, read-only.
//! No seat is ever sent it (seats read [`super::view`]). The world and its resources stay
//! inside the crate; the debrief, the command line and the tests read the simulation's
//! records through this.

use bevy::prelude::*;

use super::actors::{ActorIndex, ActorVars, Relations};
use super::assistance::Assisted;
use super::attribution::{Attribution, AttributionIndex};
use super::catalog::{ActorId, ActorSet};
use super::exercise::Exercise;
use super::incidents::{Authorship, Evidence, Incident, IncidentIndex, KnownBy};
use super::institutions::Listings;
use super::norms::Norm;
use super::readings::{ReadingEntry, Readings};
use super::record::{Chronicle, Decision, Decisions, Event, LedgerEntry, NormLedger};
use crate::scenario::Vars;

/// The exercise as the control cell knows it.
#[derive(Clone, Copy)]
pub struct Truth<'a> {
    world: &'a World,
}

/// An incident with its hidden author.
#[derive(Clone, Copy, Debug)]
pub struct IncidentTruth<'a> {
    pub incident: &'a Incident,
    pub author: ActorId,
}

/// An evidence item with who holds it.
#[derive(Clone, Copy, Debug)]
pub struct EvidenceTruth<'a> {
    pub evidence: &'a Evidence,
    pub known_by: ActorSet,
}

impl Exercise {
    /// The whole exercise, for the control cell, the debrief and the tests.
    pub fn truth(&self) -> Truth<'_> {
        Truth {
            world: self.world(),
        }
    }
}

impl<'a> Truth<'a> {
    /// Every order's resolution, in order.
    pub fn decisions(self) -> &'a [Decision] {
        &self.world.resource::<Decisions>().0
    }

    /// Every norm mark, hidden ones included.
    pub fn ledger(self) -> &'a [LedgerEntry] {
        &self.world.resource::<NormLedger>().0
    }

    /// Whether the ledger records this norm upheld (or strained or breached) for the actor,
    /// as conditions read it (hidden marks do not count).
    pub fn ledger_has(self, actor: ActorId, norm: Norm, upheld: bool) -> bool {
        self.world.resource::<NormLedger>().has(actor, norm, upheld)
    }

    /// Every attribution, in the order made.
    pub fn attributions(self) -> Vec<&'a Attribution> {
        let order = &self.world.resource::<AttributionIndex>().0;
        super::listed::<Attribution>(self.world, order)
    }

    /// Every incident with its author, in the order they arose (pending ones included).
    pub fn incidents(self) -> Vec<IncidentTruth<'a>> {
        let w = self.world;
        w.resource::<IncidentIndex>()
            .incident_order
            .iter()
            .filter_map(|e| {
                Some(IncidentTruth {
                    incident: w.get::<Incident>(*e)?,
                    author: w.get::<Authorship>(*e)?.author,
                })
            })
            .collect()
    }

    /// One incident by its id.
    pub fn incident(self, key: &str) -> Option<IncidentTruth<'a>> {
        let w = self.world;
        let e = w.resource::<IncidentIndex>().get(key)?;
        Some(IncidentTruth {
            incident: w.get::<Incident>(e)?,
            author: w.get::<Authorship>(e)?.author,
        })
    }

    /// Every evidence item with who holds it, in the order made.
    pub fn evidence(self) -> Vec<EvidenceTruth<'a>> {
        let w = self.world;
        w.resource::<IncidentIndex>()
            .evidence_order
            .iter()
            .filter_map(|e| {
                Some(EvidenceTruth {
                    evidence: w.get::<Evidence>(*e)?,
                    known_by: w.get::<KnownBy>(*e)?.0,
                })
            })
            .collect()
    }

    /// One evidence item by its id.
    pub fn evidence_item(self, key: &str) -> Option<EvidenceTruth<'a>> {
        let w = self.world;
        let e = w.resource::<IncidentIndex>().evidence(key)?;
        Some(EvidenceTruth {
            evidence: w.get::<Evidence>(e)?,
            known_by: w.get::<KnownBy>(e)?.0,
        })
    }

    /// Persons and entities listed, by institutions and nationally.
    pub fn listings(self) -> &'a Listings {
        self.world.resource::<Listings>()
    }

    /// The actors that have received technical assistance.
    pub fn assisted(self) -> ActorSet {
        self.world.resource::<Assisted>().0
    }

    /// Every line of news, every audience's.
    pub fn news(self) -> &'a [Event] {
        &self.world.resource::<Chronicle>().0
    }

    /// Every legal reading stated, in order.
    pub fn readings(self) -> &'a [ReadingEntry] {
        &self.world.resource::<Readings>().0
    }

    /// Each actor's variables, by actor.
    pub fn vars(self) -> Vec<Vars> {
        let order = &self.world.resource::<ActorIndex>().0;
        super::listed::<ActorVars>(self.world, order)
            .into_iter()
            .map(|v| v.0)
            .collect()
    }

    /// Escalation, mean tension and mean trust, turn by turn.
    pub fn history(self) -> &'a [super::outcome::TurnSample] {
        &self.world.resource::<super::outcome::History>().0
    }

    /// Trust and tension between every pair of actors.
    pub fn relations(self) -> &'a Relations {
        self.world.resource::<Relations>()
    }
}
