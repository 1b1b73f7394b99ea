//! The one protocol between clients and the exercise server: serde types, versioned, with a
//! decoder that refuses anything malformed or oversized instead of failing.

use serde::{Deserialize, Serialize};

use crate::scenario::{Audience, Text};
use crate::sim::channels::Channel;
use crate::sim::orders::{Order, Proposal};
use crate::sim::view::{MessageLine, SeatView};

/// Bumped on every incompatible change; a client of another version is refused.
pub const PROTOCOL_VERSION: u32 = 4;

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
    /// A seat's whole view (the control cell's `ViewSeat`, and the hub inside a client).
    View(Box<SeatView>),
    /// What changed in a seat's view since the last patch for that seat on this connection:
    /// its top-level fields, whole (the first patch has them all). Clients turn patches
    /// back into views (`ViewAssembler`), so the rest of a client sees only `View`.
    ViewPatch {
        seat: String,
        fields: serde_json::Map<String, serde_json::Value>,
    },
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
    frame(encode(message))
}

/// A server message's JSON as it goes on the wire (compressed when large).
fn frame(json: Vec<u8>) -> Vec<u8> {
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

/// The server's memory of the views it sent each seat token over its connection: a hash of
/// each top-level field, so that the next view goes out as a patch of what changed (most
/// commands change one or two of a seat's thirty fields, and many change nothing for most
/// seats of the exercise).
#[derive(Default)]
pub struct ViewPatcher {
    /// Per token: the seat its views were of, and a hash of each field sent.
    sent: std::collections::HashMap<String, (String, std::collections::HashMap<String, u64>)>,
}

impl ViewPatcher {
    /// The patch that brings `token`'s connection to `view`, on the wire (as
    /// `encode_server` would write a `ServerMessage::ViewPatch`), or `None` if nothing changed.
    pub fn patch(&mut self, token: &str, view: &SeatView) -> Option<Vec<u8>> {
        // The view is written once; its fields are cut from that text, hashed, and the
        // changed ones copied into the patch as they are.
        let json = serde_json::to_vec(view).ok()?;
        let (seat, sent) = self.sent.entry(token.to_string()).or_default();
        if *seat != view.seat {
            // Another seat (or the first view): the client has nothing to patch.
            *seat = view.seat.clone();
            sent.clear();
        }
        let mut out = Vec::with_capacity(256);
        out.extend_from_slice(br#"{"ViewPatch":{"seat":"#);
        serde_json::to_writer(&mut out, &view.seat).ok()?;
        out.extend_from_slice(br#","fields":{"#);
        let mut changed = 0;
        for (key, value) in top_level_fields(&json) {
            let hash = quick_hash(value);
            let name = String::from_utf8_lossy(key);
            if sent.get(name.as_ref()) != Some(&hash) {
                sent.insert(name.into_owned(), hash);
                if changed > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(key);
                out.push(b':');
                out.extend_from_slice(value);
                changed += 1;
            }
        }
        out.extend_from_slice(b"}}}");
        (changed > 0).then(|| frame(out))
    }

    /// The token's connection changed or ended, or its client asked for its view again
    /// (`Resume`): its next view goes out whole.
    pub fn forget(&mut self, token: &str) {
        self.sent.remove(token);
    }
}

/// The members of a JSON object as serde_json writes it (compact): each key with its quotes
/// and its value's text. Stops at anything unexpected.
fn top_level_fields(json: &[u8]) -> Vec<(&[u8], &[u8])> {
    let mut out = Vec::new();
    if json.first() != Some(&b'{') {
        return out;
    }
    let mut i = 1;
    // The end of the string that starts at `at` (just past its closing quote).
    let string_end = |mut at: usize| {
        at += 1;
        while at < json.len() {
            match json[at] {
                b'\\' => at += 2,
                b'"' => return Some(at + 1),
                _ => at += 1,
            }
        }
        None
    };
    while i < json.len() && json[i] == b'"' {
        let Some(key_end) = string_end(i) else { break };
        if json.get(key_end) != Some(&b':') {
            break;
        }
        let start = key_end + 1;
        let mut at = start;
        let mut depth = 0usize;
        while at < json.len() {
            match json[at] {
                b'"' => match string_end(at) {
                    Some(e) => at = e,
                    None => return out,
                },
                b'{' | b'[' => {
                    depth += 1;
                    at += 1;
                }
                b'}' | b']' if depth > 0 => {
                    depth -= 1;
                    at += 1;
                }
                b',' | b'}' if depth == 0 => break,
                _ => at += 1,
            }
        }
        out.push((&json[i..key_end], &json[start..at]));
        i = at + 1;
    }
    out
}

/// A fast 64-bit hash of a field's text (eight bytes a step), with its length.
fn quick_hash(bytes: &[u8]) -> u64 {
    let mut h = (bytes.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(5) ^ b as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    h ^ (h >> 29)
}

/// A client's side of `ViewPatcher`: the last view of each seat as JSON, patched and read
/// back into a `SeatView`.
#[derive(Default)]
pub struct ViewAssembler {
    views: std::collections::HashMap<String, serde_json::Value>,
}

impl ViewAssembler {
    /// Decodes a server message, turning a patch into the whole view it makes.
    pub fn decode(&mut self, bytes: &[u8]) -> Result<ServerMessage, DecodeError> {
        match decode_server(bytes)? {
            ServerMessage::ViewPatch { seat, fields } => {
                let view = self
                    .views
                    .entry(seat)
                    .or_insert_with(|| serde_json::Value::Object(Default::default()));
                if let serde_json::Value::Object(map) = view {
                    map.extend(fields);
                }
                SeatView::deserialize(&*view)
                    .map(|v| ServerMessage::View(Box::new(v)))
                    .map_err(|e| DecodeError::Malformed(format!("a view patch: {e}")))
            }
            other => Ok(other),
        }
    }
}

#[cfg(test)]
mod view_patch_tests {
    use super::*;

    #[test]
    fn top_level_fields_are_cut_where_serde_json_puts_them() {
        let json = br#"{"a":"x\"},{","b":{"c":[1,{"d":"]"}]},"e":null,"f":[]}"#;
        let fields: Vec<(String, String)> = top_level_fields(json)
            .into_iter()
            .map(|(k, v)| {
                (
                    String::from_utf8(k.to_vec()).unwrap(),
                    String::from_utf8(v.to_vec()).unwrap(),
                )
            })
            .collect();
        assert_eq!(
            fields,
            vec![
                (r#""a""#.into(), r#""x\"},{""#.into()),
                (r#""b""#.into(), r#"{"c":[1,{"d":"]"}]}"#.into()),
                (r#""e""#.into(), "null".into()),
                (r#""f""#.into(), "[]".into()),
            ]
        );
        assert!(top_level_fields(b"[1]").is_empty());
        assert_ne!(quick_hash(b"abcdefgh1"), quick_hash(b"abcdefgh2"));
        assert_ne!(quick_hash(b""), quick_hash(b"\0"));
    }
}
