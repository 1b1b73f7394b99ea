//! Legal readings: what each seat says an incident is in law (a crime, a wrongful act, a use
//! of force, an armed attack…), when one of its acts states it. Each reading is checked
//! against what that seat could know (the incident's observable facts and its own evidence),
//! as norm 13b checks an attribution; the debrief sets it beside the engine's assessment.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::attribution::Knowledges;
use super::catalog::ActorId;
use super::clock::Clock;
use super::incidents::{Incident, IncidentIndex};
use super::institutions::{ProposalIndex, Tabled};
use super::norms::{ReadingCheck, check_reading, reading_reason};
use super::orders::{Accepted, Order, Proposal};
use super::{Resolve, ResolveStep};
use crate::i18n::Phrase;
use crate::scenario::{OrderKind, ProposalKind, Reading};

/// One reading, as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReadingEntry {
    pub turn: u32,
    pub actor: ActorId,
    pub incident: u16,
    pub reading: Reading,
    /// The act that stated it (a proposal's kind when tabled in an institution).
    pub act: OrderKind,
    pub proposal: Option<ProposalKind>,
    /// Whether everyone heard the reading (a public act) or only the parties.
    pub public: bool,
    /// Checked against what the seat knew when the act resolved; shown to that seat only.
    pub check: ReadingCheck,
    /// The highest reading the seat's knowledge supported then.
    pub most: Reading,
    pub reason: Phrase,
}

/// Every reading in the order made.
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Readings(pub Vec<ReadingEntry>);

/// The reading an order states, with whether the order is public.
fn of_order(o: &Order) -> Option<(&str, Reading, bool)> {
    match o {
        Order::Attribute {
            incident,
            reading: Some(r),
            public,
            ..
        } => Some((incident, *r, *public)),
        Order::PublicStatement {
            incident: Some(incident),
            reading: Some(r),
            ..
        } => Some((incident, *r, true)),
        Order::Countermeasure {
            incident,
            reading: Some(r),
            ..
        } => Some((incident, *r, false)),
        _ => None,
    }
}

/// The reading a proposal states (Art. 5 states an armed attack, alone or cumulative).
pub fn of_proposal(p: &Proposal) -> Option<Reading> {
    match p {
        Proposal::Consultation { reading, .. } | Proposal::Resolution { reading, .. } => *reading,
        Proposal::CollectiveDefence {
            cumulative: false, ..
        } => Some(Reading::ArmedAttack),
        Proposal::CollectiveDefence {
            cumulative: true, ..
        } => Some(Reading::CumulativeArmedAttack),
        _ => None,
    }
}

/// Resolution: records the readings stated by this turn's orders and proposals.
pub fn record_readings(
    accepted: Res<Accepted>,
    clock: Res<Clock>,
    knowledge: Res<Knowledges>,
    index: Res<IncidentIndex>,
    incidents: Query<&Incident>,
    proposals: Res<ProposalIndex>,
    tabled: Query<&Tabled>,
    mut readings: ResMut<Readings>,
) {
    let turn = clock.turn;
    let mut stated: Vec<(
        ActorId,
        &str,
        Reading,
        OrderKind,
        Option<ProposalKind>,
        bool,
    )> = Vec::new();
    for (actor, o) in &accepted.0 {
        if let Some((incident, r, public)) = of_order(o) {
            stated.push((*actor, incident, r, o.kind(), None, public));
        }
    }
    for t in proposals.0.iter().filter_map(|e| tabled.get(*e).ok()) {
        if t.turn == turn
            && let Some(r) = of_proposal(&t.proposal)
        {
            stated.push((
                t.by,
                t.proposal.incident(),
                r,
                OrderKind::TableProposal,
                Some(t.proposal.kind()),
                true,
            ));
        }
    }
    for (actor, incident, reading, act, proposal, public) in stated {
        let Some(inc) = index.get(incident).and_then(|e| incidents.get(e).ok()) else {
            continue;
        };
        let Some(supportable) = knowledge.of(actor).and_then(|k| k.supportable(inc.seq)) else {
            continue;
        };
        let check = check_reading(reading, supportable.0);
        let most = supportable.0;
        readings.0.push(ReadingEntry {
            turn,
            actor,
            incident: inc.seq,
            reading,
            act,
            proposal,
            public,
            check,
            most,
            reason: reading_reason(reading, check, supportable),
        });
    }
}

pub(super) fn plugin(app: &mut App) {
    super::state::<Readings>(app);
    app.add_systems(
        Resolve,
        record_readings
            .after(super::measures::countermeasures)
            .in_set(ResolveStep::Measures),
    );
}
