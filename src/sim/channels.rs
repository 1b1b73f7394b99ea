//! Channels: private and group messages between seats, and the channels of institutions
//! (members only). Messages are journaled like every command; a seat sees only the
//! channels it belongs to; the control cell reads all.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::catalog::{ActorId, ActorSet, Catalog};
use crate::i18n::{Arg, Phrase};
use crate::say;

/// The channel label of a delegation's own channel (no actor or institution has this id:
/// ids are lower-case).
pub const DELEGATION: &str = "Delegation";

/// Where a message goes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    /// These seats and the sender (one seat: a private channel; several: a group).
    Seats(Vec<String>),
    /// Every member of an institution (the sender must be one).
    Institution(String),
    /// The seat's own delegation: its members only (no other seat reads it).
    Delegation,
    /// A meeting or summit the seat is a member of, while it sits.
    Meeting(u32),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Message {
    pub turn: u32,
    pub from: ActorId,
    pub audience: ActorSet,
    /// A readable name for the channel ("estonia, finland" or an institution's id).
    pub channel: String,
    pub text: String,
    /// What the engine said for the sender, in every language (a computer player's answer);
    /// `text` is then empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said: Option<Phrase>,
    /// A request the sender made of one seat, and its answer once given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ask: Option<Asked>,
    /// The delegation member who wrote it (none: the seat as a whole, or its computer player).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// What one seat may ask another in a conversation, answered with a click (or by the
/// computer player that plays it).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Ask {
    /// Vote yes on a tabled proposal.
    SupportProposal { proposal: u32 },
    /// Share the evidence it holds on an incident.
    ShareEvidence { incident: String },
    /// Give technical assistance on an incident (norm 13h).
    ProvideAssistance { incident: String },
    /// Attribute the incident as the asker did.
    JoinAttribution { incident: String },
}

/// A request in a channel: whom it asks, and the answer (yes or no) once given.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Asked {
    pub ask: Ask,
    pub to: ActorId,
    pub answer: Option<bool>,
}

/// Why a seat answered as it did (a computer player says it; a person need not).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Because {
    /// Solidarity with partners and allies.
    Partners,
    /// The norms and the evidence call for it.
    Norms,
    /// It holds nothing on the incident.
    NoEvidence,
    /// It has not the means this turn.
    NoMeans,
    /// It attributes only on its own evidence.
    OwnEvidence,
    /// It is itself accused, or shields a friend.
    Accused,
    /// Caution: it is not persuaded.
    Caution,
}

impl Because {
    pub fn phrase(self) -> Phrase {
        match self {
            Because::Partners => say!("we stand with our partners on this"),
            Because::Norms => {
                say!("the evidence and the norms of responsible state behaviour call for it")
            }
            Because::NoEvidence => say!("we hold no evidence on this incident"),
            Because::NoMeans => say!("we do not have the means this turn"),
            Because::OwnEvidence => say!("we attribute only on our own evidence"),
            Because::Accused => say!("we cannot support a step aimed at us or at a close partner"),
            Because::Caution => say!("we are not persuaded that this is the right step now"),
        }
    }
}

impl Ask {
    /// What is asked, in words (things named as the asker sees them).
    pub fn describe(&self, names: &dyn super::names::Names) -> Phrase {
        use super::names::Named;
        match self {
            Ask::SupportProposal { proposal } => {
                say!("to vote for: {0}", names.call(Named::Proposal(*proposal)))
            }
            Ask::ShareEvidence { incident } => say!(
                "to share its evidence on {0}",
                names.call(Named::Incident(incident))
            ),
            Ask::ProvideAssistance { incident } => say!(
                "to give technical assistance on {0} (norm 13h)",
                names.call(Named::Incident(incident))
            ),
            Ask::JoinAttribution { incident } => say!(
                "to attribute {0} as the asker did",
                names.call(Named::Incident(incident))
            ),
        }
    }
}

/// What an actor answers when written to: that it has read the message, and its position
/// as its doctrine has it (the strongest of its leanings speaks).
pub fn position(catalog: &Catalog, actor: ActorId) -> Phrase {
    let d = &catalog.scenario.actors[actor.0 as usize].doctrine;
    let stance = if d.risk_appetite >= 60 && d.risk_appetite >= d.norm_respect {
        say!("we reject accusations made without proof and will defend our interests")
    } else if d.norm_respect >= 60 {
        say!(
            "we will act on the evidence and within the norms of responsible state behaviour, and we ask the same of others"
        )
    } else if d.alliance_loyalty >= 60 {
        say!("we stand with our partners and allies and will coordinate our response with them")
    } else {
        say!("we are studying the situation and call on everyone to show restraint")
    };
    say!(
        "{0} has read your message. Its position: {1}.",
        catalog.named(actor),
        stance
    )
}

#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Channels(pub Vec<Message>);

/// Longest message, in bytes.
pub const MAX_MESSAGE_LEN: usize = 2000;

/// Who a message to `channel` from `from` reaches, or why it cannot be sent.
pub fn audience(
    catalog: &Catalog,
    from: ActorId,
    channel: &Channel,
    meetings: &super::meetings::Meetings,
    turn: u32,
) -> Result<(ActorSet, String), Phrase> {
    match channel {
        Channel::Meeting(id) => meetings.audience(from, *id, turn),
        Channel::Seats(seats) => {
            if seats.is_empty() || seats.len() > 16 {
                return Err(say!("name one to sixteen seats"));
            }
            let mut set = ActorSet::one(from);
            let mut names = vec![catalog.actor_key(from).to_string()];
            for s in seats {
                let seat = catalog
                    .seat(s)
                    .ok_or_else(|| say!("unknown seat \"{0}\"", Arg::id(s)))?;
                let a = catalog.seat_actor(seat);
                if !set.contains(a) {
                    set.insert(a);
                    names.push(catalog.actor_key(a).to_string());
                }
            }
            names.sort();
            Ok((set, names.join(", ")))
        }
        Channel::Delegation => Ok((ActorSet::one(from), DELEGATION.to_string())),
        Channel::Institution(id) => {
            let inst = catalog
                .institution(id)
                .ok_or_else(|| say!("unknown institution \"{0}\"", Arg::id(id)))?;
            if !catalog.is_member(inst, from) {
                return Err(say!(
                    "{0} is not a member of {1}",
                    catalog.named(from),
                    &catalog.scenario.institutions[inst].name
                ));
            }
            let set = catalog
                .actor_ids()
                .filter(|a| catalog.is_member(inst, *a))
                .fold(ActorSet::default(), |s, a| s.with(a));
            Ok((set, id.clone()))
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    super::state::<Channels>(app);
}
