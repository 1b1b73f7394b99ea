//! Channels: private and group messages between seats, and the channels of institutions
//! (members only). Messages are journaled like every command; a seat sees only the
//! channels it belongs to; the control cell reads all.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::catalog::{ActorId, ActorSet, Catalog};
use crate::i18n::{Arg, Phrase};
use crate::say;

/// Where a message goes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    /// These seats and the sender (one seat: a private channel; several: a group).
    Seats(Vec<String>),
    /// Every member of an institution (the sender must be one).
    Institution(String),
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
) -> Result<(ActorSet, String), Phrase> {
    match channel {
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
