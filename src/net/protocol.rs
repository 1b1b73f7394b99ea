//! The one protocol between clients and the exercise server: serde types, versioned, with a
//! decoder that refuses anything malformed or oversized instead of failing.

use serde::{Deserialize, Serialize};

use crate::scenario::{Audience, Text};
use crate::sim::channels::Channel;
use crate::sim::orders::{Order, Proposal};
use crate::sim::view::{MessageLine, SeatView};

/// Bumped on every incompatible change; a client of another version is refused.
pub const PROTOCOL_VERSION: u32 = 3;

/// Largest message a client may send (a scenario upload is the largest legitimate one).
pub const MAX_CLIENT_MESSAGE: usize = 4 * 1024 * 1024 + 4096;

/// What a client sends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ClientMessage {
    /// First message on every connection.
    Hello { version: u32 },
    /// Host a new exercise from scenario text (RON).
    CreateExercise {
        scenario_file: String,
        scenario_source: String,
        seed: Option<u64>,
    },
    /// Join an exercise with its join code and a display name.
    Join { code: String, name: String },
    /// Come back after a disconnection with the token `Joined` gave.
    Resume { token: String },
    /// Take a free seat.
    ClaimSeat { token: String, seat: String },
    /// A seat's move: table a proposal, submit orders, or say it is ready.
    Act { token: String, act: SeatAct },
    /// The control cell (instructor key required).
    Control {
        code: String,
        key: String,
        action: ControlAction,
    },
    /// Where an exercise stands (anyone with the code).
    Status { code: String },
    /// The after-action report, once the exercise has ended (anyone with the code; the
    /// control cell has it at any time through `ControlAction::Debrief`).
    Debrief { code: String },
}

/// What a seat may do; the seat is the one the token holds, never one named by the client.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SeatAct {
    Table {
        institution: String,
        proposal: Proposal,
    },
    Orders {
        orders: Vec<Order>,
    },
    Ready,
    /// Write to a private, group or institution channel.
    Say {
        channel: Channel,
        text: String,
    },
}

/// What the control cell may do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ControlAction {
    AssignSeat {
        name: String,
        seat: String,
    },
    Start,
    Pause,
    Resume,
    /// Move to the next phase now.
    Advance,
    SendInject {
        inject: String,
    },
    WriteInject {
        title: Text,
        body: Text,
        audience: Audience,
    },
    /// Any seat's view, exactly as that seat sees it.
    ViewSeat {
        seat: String,
    },
    /// Every message in every channel.
    ReadChannels,
    /// Lengthen (positive) or shorten (negative) the current phase's deadline.
    AdjustDeadline {
        seconds: i64,
    },
    End,
    /// The after-action report as it stands (it builds up live during the exercise).
    Debrief,
}

/// What the server sends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ServerMessage {
    Welcome {
        version: u32,
    },
    Created {
        code: String,
        instructor_key: String,
    },
    Joined {
        token: String,
        seats: Vec<SeatInfo>,
    },
    /// The command was stored and applied.
    Ack,
    /// The seat's view after a change.
    View(Box<SeatView>),
    Status(ExerciseStatus),
    /// Every channel's messages (control cell only), with who could read each.
    Messages(Vec<(MessageLine, Vec<String>)>),
    /// The after-action report (the whole truth, hidden authors included).
    Debrief(Box<crate::report::Debrief>),
    Refused {
        refusal: Refusal,
        message: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatInfo {
    pub seat: String,
    pub actor: String,
    pub role: String,
    pub playable: bool,
    /// Display name of whoever holds it.
    pub taken_by: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseStatus {
    pub code: String,
    pub scenario: String,
    pub turn: u32,
    pub phase: String,
    pub started: bool,
    pub paused: bool,
    pub ended: bool,
    /// Seconds until the current phase ends by itself (none while paused or not started).
    pub seconds_left: Option<u64>,
    pub state_hash: String,
    /// The seats and who holds them (the lobby shows it).
    pub seats: Vec<SeatInfo>,
}

/// Why a message was refused. A refused message changes nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Refusal {
    /// The client speaks another protocol version.
    Version,
    /// Not a message of this protocol, or too large.
    Malformed,
    /// Wrong join code, token or instructor key.
    Unauthorised,
    /// Too many wrong join codes from this address: wait and try again.
    SlowDown,
    /// The seat is taken, unknown or not playable.
    Seat,
    /// The rules refuse it now (wrong phase, budget, unknown ids...).
    Rules,
    /// The exercise is paused or has not started.
    NotRunning,
    /// The scenario does not load.
    Scenario,
    /// The server could not store the change, so it did not acknowledge it.
    Storage,
}

/// Why bytes could not be read as a client message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("message of {0} bytes is larger than the {MAX_CLIENT_MESSAGE} allowed")]
    TooLarge(usize),
    #[error("not a Threshold message: {0}")]
    Malformed(String),
}

/// Reads a client message; never panics, whatever the bytes.
pub fn decode_client(bytes: &[u8]) -> Result<ClientMessage, DecodeError> {
    if bytes.len() > MAX_CLIENT_MESSAGE {
        return Err(DecodeError::TooLarge(bytes.len()));
    }
    serde_json::from_slice(bytes).map_err(|e| DecodeError::Malformed(e.to_string()))
}

/// A client message on the wire: JSON.
pub fn encode<T: Serialize>(message: &T) -> Vec<u8> {
    serde_json::to_vec(message).unwrap_or_default()
}

/// Server messages larger than this are compressed with LZ4 (a seat's view is tens of
/// kilobytes of JSON that shrinks several times, at a small cost to the server).
const COMPRESS_FROM: usize = 1024;
/// Marks a compressed server message (JSON never starts with a zero byte).
const COMPRESSED: u8 = 0;
/// The most a compressed server message may expand to.
const MAX_EXPANDED: usize = 64 * 1024 * 1024;

/// A server message on the wire: JSON, compressed when large (a zero byte, the expanded
/// length as four little-endian bytes, then an LZ4 block).
pub fn encode_server(message: &ServerMessage) -> Vec<u8> {
    let json = encode(message);
    if json.len() < COMPRESS_FROM {
        return json;
    }
    let mut out = vec![COMPRESSED];
    out.extend(lz4_flex::block::compress_prepend_size(&json));
    out
}

/// Reads a server message (clients and tests).
pub fn decode_server(bytes: &[u8]) -> Result<ServerMessage, DecodeError> {
    let inflated;
    let json = match bytes.split_first() {
        Some((&COMPRESSED, rest)) => {
            let size = rest
                .get(..4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
                .ok_or_else(|| {
                    DecodeError::Malformed("a compressed message without its size".into())
                })?;
            if size > MAX_EXPANDED {
                return Err(DecodeError::TooLarge(size));
            }
            inflated = lz4_flex::block::decompress_size_prepended(rest)
                .map_err(|e| DecodeError::Malformed(format!("cannot decompress: {e}")))?;
            &inflated[..]
        }
        _ => bytes,
    };
    serde_json::from_slice(json).map_err(|e| DecodeError::Malformed(e.to_string()))
}
