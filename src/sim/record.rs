//! What happened and why: the chronicle (story and news), each order's resolution with its
//! reason, and the per-actor norm ledger.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::catalog::{ActorId, ActorSet};
use super::clock::Clock;
use super::law::{Law, Unmet};
use super::norms::Norm;
use super::orders::Order;
use super::stakes::{Entry, STAKES, Stake};
use crate::i18n::Phrase;
use crate::scenario::OrderKind;

/// Who may see a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Visibility {
    Public,
    Actors(ActorSet),
    /// The control cell and the after-action report only (hidden truths).
    Control,
}

impl Visibility {
    pub fn shows(self, a: ActorId) -> bool {
        match self {
            Visibility::Public => true,
            Visibility::Actors(set) => set.contains(a),
            Visibility::Control => false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventKind {
    Inject,
    Incident,
    Evidence,
    Order,
    Decision,
    Ladder,
    Ending,
}

/// One line of the story.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Event {
    pub turn: u32,
    pub kind: EventKind,
    pub actor: Option<ActorId>,
    pub visibility: Visibility,
    pub text: Phrase,
    /// The order resolution this line tells of, if any (index into `Decisions`).
    #[serde(default)]
    pub decision: Option<usize>,
}

#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Chronicle(pub Vec<Event>);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Verdict {
    Upheld,
    Strained,
    Breached,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Upheld => "upheld",
            Verdict::Strained => "strained",
            Verdict::Breached => "breached",
        }
    }
}

/// A norm an act touched, how, and why.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NormMark {
    pub norm: Norm,
    pub verdict: Verdict,
    pub reason: Phrase,
    /// The row of the stakes table (`stakes::STAKES`) the rule that wrote it is.
    pub row: u16,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Resolved {
    /// Carried out as ordered.
    Done,
    /// Carried out, but without the hoped-for result (an investigation that found nothing).
    NoEffect,
    /// Not carried out (a precondition failed, or the budget ran out).
    Refused,
}

/// How one order resolved.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Decision {
    pub turn: u32,
    pub actor: ActorId,
    pub order: Order,
    pub resolved: Resolved,
    pub reason: Phrase,
    pub norms: Vec<NormMark>,
    /// Law the act invoked or engaged, rendered to its citation at the edge.
    pub law: Vec<Law>,
    /// The conditions of that law the act did not meet.
    #[serde(default)]
    pub unmet: Vec<Unmet>,
    pub visibility: Visibility,
}

#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Decisions(pub Vec<Decision>);

/// Where a ledger entry came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LedgerSource {
    /// The decision at this index in `Decisions`.
    Order(usize),
    /// An incident this actor is answerable for (hidden until the debrief).
    Incident(u16),
    /// Something the actor failed to do (an unanswered request).
    Omission,
    /// An institution's statement (the proposal's id) the actor voted for.
    Statement(u32),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LedgerEntry {
    pub turn: u32,
    pub actor: ActorId,
    pub mark: NormMark,
    pub source: LedgerSource,
    pub visibility: Visibility,
}

/// Every norm each actor upheld, strained or breached, with the reason.
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct NormLedger(pub Vec<LedgerEntry>);

impl NormLedger {
    /// Does the ledger record this norm upheld (or strained or breached) for the actor?
    /// Marks hidden from every seat (`Visibility::Control`: they follow from the hidden
    /// truth) do not count, so no condition a seat can see depends on them.
    pub fn has(&self, actor: ActorId, norm: Norm, upheld: bool) -> bool {
        self.0.iter().any(|e| {
            e.actor == actor
                && e.visibility != Visibility::Control
                && e.mark.norm == norm
                && ((e.mark.verdict == Verdict::Upheld) == upheld)
        })
    }
}

/// Writes decisions, ledger entries and story lines together, so they never disagree.
#[derive(SystemParam)]
pub struct Recorder<'w> {
    pub clock: Res<'w, Clock>,
    pub(crate) decisions: ResMut<'w, Decisions>,
    pub(crate) ledger: ResMut<'w, NormLedger>,
    pub(crate) chronicle: ResMut<'w, Chronicle>,
}

/// What a resolved order produced, before it is recorded.
pub struct Resolution {
    pub resolved: Resolved,
    pub reason: Phrase,
    pub norms: Vec<NormMark>,
    pub law: Vec<Law>,
    pub unmet: Vec<Unmet>,
    pub visibility: Visibility,
    /// The rows of the stakes table its marks and law came from.
    rows: Vec<Stake>,
}

impl Resolution {
    pub fn done(reason: Phrase, visibility: Visibility) -> Self {
        Self {
            resolved: Resolved::Done,
            reason,
            norms: Vec::new(),
            law: Vec::new(),
            unmet: Vec::new(),
            visibility,
            rows: Vec::new(),
        }
    }
    /// Not carried out, for a typed reason.
    pub fn refused(why: Unmet, visibility: Visibility) -> Self {
        Self {
            resolved: Resolved::Refused,
            reason: why.phrase(),
            norms: Vec::new(),
            law: Vec::new(),
            unmet: vec![why],
            visibility,
            rows: Vec::new(),
        }
    }
    /// Carried out without the hoped-for result, for a typed reason.
    pub fn no_effect(why: Unmet, visibility: Visibility) -> Self {
        Self {
            resolved: Resolved::NoEffect,
            reason: why.phrase(),
            norms: Vec::new(),
            law: Vec::new(),
            unmet: vec![why],
            visibility,
            rows: Vec::new(),
        }
    }
    /// Records the norm of a row of the stakes table, with this act's reason.
    pub fn norm(mut self, row: Stake, reason: Phrase) -> Self {
        self.norms.push(row.mark(reason));
        self.rows.push(row);
        self
    }
    /// Records the conditions of the law the act did not meet.
    pub fn unmet(mut self, unmet: Vec<Unmet>) -> Self {
        self.unmet = unmet;
        self
    }
    /// Records the law of a row of the stakes table.
    pub fn law(mut self, row: Stake) -> Self {
        self.law.push(row.law.expect("a row of law"));
        self.rows.push(row);
        self
    }
}

/// A row written for an order of another kind, or missing from the table, is a bug in the
/// resolution: the Orders screen would not have shown it.
fn check_row(row: &Stake, kind: Option<OrderKind>) {
    debug_assert!(
        STAKES.contains(row),
        "a row missing from the stakes table: {row:?}"
    );
    debug_assert!(
        row.kind == kind,
        "a row of {:?} written for {kind:?}: {row:?}",
        row.kind
    );
}

impl Recorder<'_> {
    pub fn turn(&self) -> u32 {
        self.clock.turn
    }

    /// Records how an order resolved, its norm marks in the ledger, and a story line.
    pub fn order(&mut self, actor: ActorId, order: &Order, r: Resolution, story: Phrase) {
        let turn = self.clock.turn;
        let index = self.decisions.0.len();
        for row in &r.rows {
            check_row(row, Some(order.kind()));
        }
        for mark in &r.norms {
            self.ledger.0.push(LedgerEntry {
                turn,
                actor,
                mark: mark.clone(),
                source: LedgerSource::Order(index),
                visibility: r.visibility,
            });
        }
        self.chronicle.0.push(Event {
            turn,
            kind: EventKind::Order,
            actor: Some(actor),
            visibility: r.visibility,
            text: story,
            decision: Some(index),
        });
        self.decisions.0.push(Decision {
            turn,
            actor,
            order: order.clone(),
            resolved: r.resolved,
            reason: r.reason,
            norms: r.norms,
            law: r.law,
            unmet: r.unmet,
            visibility: r.visibility,
        });
    }

    /// Writes a row's norm in an actor's ledger, outside an order's own record (a request
    /// left unanswered, a vote once the statement is adopted, a hidden mark).
    pub fn mark(
        &mut self,
        actor: ActorId,
        row: Stake,
        reason: Phrase,
        source: LedgerSource,
        visibility: Visibility,
    ) {
        check_row(&row, row.kind);
        debug_assert!(row.entry != Entry::Record, "{row:?} belongs on a record");
        let turn = self.clock.turn;
        self.ledger.0.push(LedgerEntry {
            turn,
            actor,
            mark: row.mark(reason),
            source,
            visibility,
        });
    }

    pub fn event(
        &mut self,
        kind: EventKind,
        actor: Option<ActorId>,
        visibility: Visibility,
        text: Phrase,
    ) {
        let turn = self.clock.turn;
        self.chronicle.0.push(Event {
            turn,
            kind,
            actor,
            visibility,
            text,
            decision: None,
        });
    }
}

/// Adds a story line from code that holds the whole world (briefings, injects, the control cell).
pub fn tell(world: &mut World, kind: EventKind, visibility: Visibility, text: Phrase) {
    let turn = world.resource::<Clock>().turn;
    world.resource_mut::<Chronicle>().0.push(Event {
        turn,
        kind,
        actor: None,
        visibility,
        text,
        decision: None,
    });
}

pub(super) fn plugin(app: &mut App) {
    super::state::<Chronicle>(app);
    super::state::<Decisions>(app);
    super::state::<NormLedger>(app);
}
