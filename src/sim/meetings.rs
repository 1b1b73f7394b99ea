//! Meetings and summits a seat convenes with chosen states. Online, a meeting is cheap and
//! opens at once, within the turn; in person, it costs more and meets the next turn. Its
//! channel carries the talk, open to its members while it sits. What it adds at the
//! resolution of the turn it sits: in person, the corridor talks an online call lacks (trust
//! between every pair of members), and the trust that evidence shared and attributions made
//! jointly among its members earn, less online, where sensitive matters are not discussed
//! as freely.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::actors::Actors;
use super::catalog::{ActorId, ActorSet, Catalog};
use super::channels::{Channels, Message};
use super::clock::Clock;
use super::incidents::{Evidence, IncidentIndex};
use super::orders::Order;
use super::record::{Decisions, Resolved};
use super::{Resolve, ResolveStep};
use crate::i18n::{Arg, Phrase};
use crate::say;

/// What convening costs in diplomatic capital, paid when it is convened.
pub const ONLINE_COST: i32 = 1;
pub const IN_PERSON_COST: i32 = 4;
/// Meetings one seat may convene in a turn.
pub const MAX_A_TURN: usize = 3;
/// States one meeting may bring together besides its host.
pub const MAX_INVITED: usize = 8;

/// Trust between every pair of an in-person summit's members (its corridor talks), and
/// the tension it eases.
pub const CORRIDOR_TRUST: i32 = 2;
/// Trust a piece of evidence shared between two members earns, on top of sharing's own:
/// online, in person, and in person for an item from a sensitive source shared in full.
pub const SHARED_ONLINE: i32 = 1;
pub const SHARED_IN_PERSON: i32 = 3;
pub const SENSITIVE_IN_PERSON: i32 = 2;
/// Trust between members that attribute the same incident jointly: online, in person.
pub const JOINT_ONLINE: i32 = 1;
pub const JOINT_IN_PERSON: i32 = 3;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Meeting {
    pub id: u32,
    pub host: ActorId,
    /// The host and the states it invited.
    pub members: ActorSet,
    pub online: bool,
    pub convened: u32,
    /// The turn it sits (online: the turn it was convened; in person: the next).
    pub sits: u32,
    /// The incident it is convened on, if any.
    pub agenda: Option<String>,
}

impl Meeting {
    /// The name of its channel.
    pub fn channel(&self) -> String {
        format!("meeting-{}", self.id)
    }
}

#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Meetings(pub Vec<Meeting>);

impl Meetings {
    /// Who reads a message to meeting `id` from `from` at `turn`, or why it cannot be sent.
    pub fn audience(
        &self,
        from: ActorId,
        id: u32,
        turn: u32,
    ) -> Result<(ActorSet, String), Phrase> {
        let m = self
            .0
            .get(id as usize)
            .ok_or_else(|| say!("no meeting {0}", id))?;
        if !m.members.contains(from) {
            return Err(say!("you are not a member of that meeting"));
        }
        if m.sits != turn {
            return Err(if turn < m.sits {
                say!("the summit meets in turn {0}", m.sits)
            } else {
                say!("the meeting is over")
            });
        }
        Ok((m.members, m.channel()))
    }
}

/// How a meeting is announced in its channel when it is convened.
pub fn announcement(catalog: &Catalog, m: &Meeting, agenda: Option<Arg>) -> Phrase {
    let others = Arg::list(
        m.members
            .iter()
            .filter(|a| *a != m.host)
            .map(|a| catalog.named(a))
            .collect::<Vec<_>>(),
    );
    let on = agenda.map(|a| say!(" on {0}", a)).unwrap_or_default();
    if m.online {
        say!(
            "{0} convenes an online meeting with {1}{2}: it sits now, in this turn. No side meetings online, and sensitive matters gain less trust than face to face.",
            catalog.named(m.host),
            others,
            on
        )
    } else {
        say!(
            "{0} convenes a summit in person with {1}{2}: it meets in turn {3}, with talks in the corridors, where sensitive matters gain the most trust.",
            catalog.named(m.host),
            others,
            on,
            m.sits
        )
    }
}

/// Resolution: the meetings sitting this turn add what they add, and say so in their channel.
pub(crate) fn hold_meetings(
    clock: Res<Clock>,
    meetings: Res<Meetings>,
    decisions: Res<Decisions>,
    index: Res<IncidentIndex>,
    evidence: Query<&Evidence>,
    mut actors: Actors,
    mut channels: ResMut<Channels>,
) {
    let turn = clock.turn;
    let catalog = actors.catalog.clone();
    let done: Vec<_> = decisions
        .0
        .iter()
        .filter(|d| d.turn == turn && d.resolved == Resolved::Done)
        .collect();
    for m in meetings.0.iter().filter(|m| m.sits == turn) {
        let members: Vec<ActorId> = m.members.iter().collect();
        let mut said = Vec::new();
        if !m.online {
            for (i, a) in members.iter().enumerate() {
                for b in &members[i + 1..] {
                    actors.relations.add_trust(*a, *b, CORRIDOR_TRUST);
                    actors.relations.add_tension(*a, *b, -CORRIDOR_TRUST);
                }
            }
            said.push(say!(
                "talks in the corridors: trust between every two members +{0}, tension −{0}",
                CORRIDOR_TRUST
            ));
        }
        // Evidence shared between two members.
        for d in &done {
            let Order::ShareEvidence {
                evidence: key,
                with,
                sanitised,
            } = &d.order
            else {
                continue;
            };
            let Some(to) = catalog.actor(with) else {
                continue;
            };
            if !m.members.contains(d.actor) || !m.members.contains(to) {
                continue;
            }
            let sensitive = !sanitised
                && index
                    .evidence(key)
                    .and_then(|e| evidence.get(e).ok())
                    .is_some_and(|e| e.sensitive.is_some());
            let gain = match (m.online, sensitive) {
                (true, _) => SHARED_ONLINE,
                (false, false) => SHARED_IN_PERSON,
                (false, true) => SHARED_IN_PERSON + SENSITIVE_IN_PERSON,
            };
            actors.relations.add_trust(d.actor, to, gain);
            said.push(say!(
                "{0} shared evidence with {1} at the meeting: trust +{2}",
                catalog.named(d.actor),
                catalog.named(to),
                gain
            ));
        }
        // Attributions made jointly by two or more members, on the same incident and state.
        let joint: Vec<(ActorId, &str, &str)> = done
            .iter()
            .filter(|d| m.members.contains(d.actor))
            .filter_map(|d| match &d.order {
                Order::Attribute {
                    incident,
                    to,
                    joint: true,
                    public: true,
                    ..
                } => Some((d.actor, incident.as_str(), to.as_str())),
                _ => None,
            })
            .collect();
        let gain = if m.online {
            JOINT_ONLINE
        } else {
            JOINT_IN_PERSON
        };
        let mut seen: Vec<(&str, &str)> = Vec::new();
        for (_, incident, to) in &joint {
            if seen.contains(&(*incident, *to)) {
                continue;
            }
            seen.push((incident, to));
            let together: Vec<ActorId> = joint
                .iter()
                .filter(|(_, i, t)| i == incident && t == to)
                .map(|(a, _, _)| *a)
                .collect();
            if together.len() < 2 {
                continue;
            }
            for (i, a) in together.iter().enumerate() {
                for b in &together[i + 1..] {
                    actors.relations.add_trust(*a, *b, gain);
                }
            }
            said.push(say!(
                "{0} attributed it together at the meeting: trust between them +{1}",
                Arg::list(
                    together
                        .iter()
                        .map(|a| catalog.named(*a))
                        .collect::<Vec<_>>()
                ),
                gain
            ));
        }
        if said.is_empty() {
            said.push(say!("nothing shared or decided together at it added trust"));
        }
        channels.0.push(Message {
            turn,
            from: m.host,
            audience: m.members,
            channel: m.channel(),
            text: String::new(),
            said: Some(say!(
                "{0} ends. {1}",
                if m.online {
                    say!("The online meeting")
                } else {
                    say!("The summit")
                },
                Arg::list(said)
            )),
            ask: None,
            by: None,
        });
    }
}

pub(super) fn plugin(app: &mut App) {
    super::state::<Meetings>(app);
    app.add_systems(Resolve, hold_meetings.in_set(ResolveStep::Defence));
}
