//! Legal readings: what each seat says an incident is in law (a crime, a wrongful act, a use
//! of force, an armed attack…), when one of its acts states it. Each reading is checked
//! against what that seat could know (the incident's observable facts and its own evidence),
//! as norm 13b checks an attribution; the debrief sets it beside the engine's assessment.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::attribution::Knowledges;
use super::catalog::{ActorId, ActorSet, Catalog};
use super::clock::Clock;
use super::incidents::{Incident, IncidentIndex};
use super::institutions::{ProposalIndex, Tabled};
use super::norms::{ReadingCheck, check_reading, reading_reason};
use super::orders::{Accepted, Order, Proposal};
use super::record::Visibility;
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
    /// Who heard the reading: everyone for a public act, else the parties to it.
    pub heard_by: Visibility,
    /// Checked against what the seat knew when the act resolved; shown to that seat only.
    pub check: ReadingCheck,
    /// The highest reading the seat's knowledge supported then.
    pub most: Reading,
    pub reason: Phrase,
}

/// Every reading in the order made.
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Readings(pub Vec<ReadingEntry>);

/// The reading an order states, with whether the order is public and whom it is aimed at.
fn of_order(o: &Order) -> Option<(&str, Reading, bool, Option<&str>)> {
    match o {
        Order::Attribute {
            incident,
            to,
            reading: Some(r),
            public,
            ..
        } => Some((incident, *r, *public, Some(to))),
        Order::PublicStatement {
            incident: Some(incident),
            reading: Some(r),
            ..
        } => Some((incident, *r, true, None)),
        Order::Countermeasure {
            incident,
            against,
            reading: Some(r),
            ..
        } => Some((incident, *r, false, Some(against))),
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

/// A reading as stated: by whom, on which incident, by which act, and whether in public.
struct Stated<'a> {
    actor: ActorId,
    incident: &'a str,
    reading: Reading,
    act: OrderKind,
    proposal: Option<ProposalKind>,
    heard_by: Visibility,
}

/// Resolution: records the readings stated by this turn's orders and proposals.
#[allow(clippy::too_many_arguments)]
pub(crate) fn record_readings(
    accepted: Res<Accepted>,
    clock: Res<Clock>,
    catalog: Res<Catalog>,
    knowledge: Res<Knowledges>,
    index: Res<IncidentIndex>,
    incidents: Query<&Incident>,
    proposals: Res<ProposalIndex>,
    tabled: Query<&Tabled>,
    mut readings: ResMut<Readings>,
) {
    let turn = clock.turn;
    let mut stated: Vec<Stated> = Vec::new();
    for (actor, o) in &accepted.0 {
        if let Some((incident, reading, public, aimed)) = of_order(o) {
            let mut parties = ActorSet::one(*actor);
            if let Some(a) = aimed.and_then(|a| catalog.actor(a)) {
                parties.insert(a);
            }
            stated.push(Stated {
                actor: *actor,
                incident,
                reading,
                act: o.kind(),
                proposal: None,
                heard_by: if public {
                    Visibility::Public
                } else {
                    Visibility::Actors(parties)
                },
            });
        }
    }
    for t in proposals.0.iter().filter_map(|e| tabled.get(*e).ok()) {
        if t.turn == turn
            && let Some(r) = of_proposal(&t.proposal)
        {
            stated.push(Stated {
                actor: t.by,
                incident: t.proposal.incident(),
                reading: r,
                act: OrderKind::TableProposal,
                proposal: Some(t.proposal.kind()),
                heard_by: Visibility::Public,
            });
        }
    }
    for Stated {
        actor,
        incident,
        reading,
        act,
        proposal,
        heard_by,
    } in stated
    {
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
            heard_by,
            check,
            most,
            reason: reading_reason(check, supportable),
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
