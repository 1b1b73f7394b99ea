//! The one protocol between clients and the exercise server: serde types, versioned, with a
//! decoder that refuses anything malformed or oversized instead of failing.

use serde::{Deserialize, Serialize};

pub use crate::conductor::AtDeadline;
pub use crate::sim::exercise::{ControlAct, Moment, SeatAct};
use crate::sim::orders::Order;
use crate::sim::view::{MessageLine, SeatView};

/// Bumped on every incompatible change; a client of another version is refused.
/// 7: requests carry ids and replies name them; acts are the simulation's own, with the
/// moment they were drafted at. 9: a seat's drafts are kept by the server. 11: instructors
/// sign in; creating an exercise names the session; servers set limits. 12: delegations
/// (several people per seat), the class dashboard lists people.
pub const PROTOCOL_VERSION: u32 = 15;

/// Largest message a client may send (a scenario upload is the largest legitimate one).
pub const MAX_CLIENT_MESSAGE: usize = 4 * 1024 * 1024 + 4096;

/// What a client sends on the wire: a message and the id its reply will name. Ids are the
/// client's own (from 1, counting up); 0 names a reply to bytes the server could not read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub id: u32,
    pub message: ClientMessage,
}

/// What the server sends on the wire: the reply to one request, or a seat's view it pushes
/// because the view changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ServerFrame {
    Reply {
        re: u32,
        message: ServerMessage,
    },
    /// What changed in a seat's view since the last patch for that seat on this connection:
    /// its top-level fields, whole (the first patch has them all), or for a list that only
    /// grew, its new items under the list's name with a `+`. Clients turn patches back into
    /// views (`ViewAssembler`), so the rest of a client sees only `View`.
    ViewPatch {
        seat: String,
        fields: serde_json::Map<String, serde_json::Value>,
    },
    /// A seat's whole view, as a client sees it once a patch is applied. Shared: the
    /// assembler keeps the view it hands out, and patches it in place unless the client
    /// still holds that copy.
    View(std::sync::Arc<SeatView>),
}

/// What a client asks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ClientMessage {
    /// First message on every connection.
    Hello { version: u32 },
    /// An instructor signs in (a server with accounts creates exercises only for them).
    SignIn { name: String, password: String },
    /// The exercises the signed-in instructor created, newest first.
    MyExercises { session: String },
    /// The scenarios the server offers (its `--scenarios` folder, or the shipped ones).
    Library { session: Option<String> },
    /// Host a new exercise from a scenario of the server's library (its file name).
    CreateFromLibrary {
        file: String,
        seed: Option<u64>,
        session: Option<String>,
    },
    /// Host a new exercise from scenario text (RON). `session` is an instructor's sign-in
    /// (none on an open server).
    CreateExercise {
        scenario_file: String,
        scenario_source: String,
        seed: Option<u64>,
        #[serde(default)]
        session: Option<String>,
    },
    /// Join an exercise with its join code and a display name.
    Join { code: String, name: String },
    /// Come back after a disconnection with the token `Joined` gave.
    Resume { token: String },
    /// Take a seat (one with room in its delegation).
    ClaimSeat { token: String, seat: String },
    /// Take one of the seat's roles in its delegation (none: no role).
    ChooseRole { token: String, role: Option<String> },
    /// The seat's orders in preparation as this member's page has them (`orders`), and the
    /// server's copy the page started from (`base`): the server applies what the member
    /// added and removed to the seat's drafts as they are now, so members of a delegation
    /// drafting at once lose nothing. The server keeps them for the seat (a reload or
    /// another device finds them) and at the end of the orders phase sends or drops them
    /// as the instructor chose.
    Drafts {
        token: String,
        base: Vec<Order>,
        orders: Vec<Order>,
    },
    /// Join as an observer or evaluator, with the observers' code the control cell gives
    /// out (the join code and four more characters).
    Observe { code: String, name: String },
    /// An observer asks for a seat's view, exactly as the seat sees it.
    Watch { token: String, seat: String },
    /// An observer asks for every channel's messages (if the control cell opened them).
    WatchChannels { token: String },
    /// An observer writes an observation.
    Note {
        token: String,
        note: crate::observation::Draft,
    },
    /// A seat's act (the simulation's own), drafted on the view of the moment `at`: a move
    /// drafted before the phase changed is refused as stale (talk never is).
    Act {
        token: String,
        act: SeatAct,
        at: Moment,
    },
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

/// What the control cell may do: act on the game (the simulation's `ControlAct`, journaled),
/// or what the host alone handles (seats, the clock, reading).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ControlAction {
    /// An act on the game, drafted at the moment `at` (moving to the next phase from a
    /// screen that is behind is refused as stale).
    Game {
        act: ControlAct,
        at: Moment,
    },
    /// Seats a person who joined, or moves them from their seat to this one, at any time:
    /// the drafts and messages stay with the seats. A full seat takes nobody more, except a
    /// seat for one person, whose holder goes back to the lobby.
    AssignSeat {
        name: String,
        seat: String,
    },
    /// Gives a person one of their seat's roles (none: no role).
    AssignRole {
        name: String,
        role: Option<String>,
    },
    /// Sends a person back to the lobby, seatless (a computer player takes over a seat
    /// nobody holds any more).
    Unseat {
        name: String,
    },
    /// Hands a seat to its computer player: everyone holding it goes back to the lobby.
    ToComputer {
        seat: String,
    },
    /// How many people may hold one seat together in this exercise (none: as the scenario
    /// says for each seat).
    Delegations {
        size: Option<u32>,
    },
    /// Whether only the control cell seats people (students do not choose in the lobby).
    AssignedOnly(bool),
    Start,
    Pause,
    Resume,
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
    /// Whether drafts a seat did not send go in when the orders phase ends.
    AtDeadline(AtDeadline),
    /// The after-action report as it stands (it builds up live during the exercise).
    Debrief,
    /// Deletes the exercise, its participants' names and its journal, for good.
    Delete,
    /// The class at a glance: every seat's people and what they have done this phase.
    Dashboard,
    /// The exercise's scenario file (a control cell on another computer needs its injects).
    Scenario,
    /// The exercise's journal as JSON Lines (what `threshold replay` reads).
    Journal,
    /// The scenario's injects that have fired (the control cell marks them sent).
    FiredInjects,
    /// The player actions the fired injects are meant to draw, met, open or missed.
    Expectations,
    /// The observers' code (made when first asked for).
    ObserverCode,
    /// Whether observers may read every channel.
    ObserversReadChannels(bool),
    /// Every observation written so far.
    Observations,
    /// Save the improvement plan as the instructor edited it (answered with the report).
    SavePlan {
        rows: Vec<crate::observation::PlanRow>,
    },
}

/// What the server answers to a request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ServerMessage {
    Welcome {
        version: u32,
    },
    Created {
        code: String,
        instructor_key: String,
    },
    /// A signed-in instructor's session: it goes with `CreateExercise` and `MyExercises`.
    SignedIn {
        session: String,
        name: String,
    },
    /// The signed-in instructor's exercises, newest first.
    Exercises(Vec<ExerciseSummary>),
    /// The server's scenario library.
    Library(Vec<LibraryEntry>),
    /// The control cell's class dashboard.
    Dashboard(ClassDashboard),
    /// The exercise's scenario file, for its control cell.
    ScenarioText {
        file: String,
        source: String,
    },
    /// The exercise's journal as JSON Lines, for its control cell to download.
    Journal(String),
    /// The ids of the scenario's injects that have fired, for the control cell.
    FiredInjects(Vec<String>),
    Expectations(Vec<crate::sim::injects::ExpectationLine>),
    /// The code observers and evaluators join with.
    ObserverCode(String),
    Observations(Vec<crate::observation::Observation>),
    /// Welcome to an observer: their token, the seats, what the exercise is about, and
    /// whether they may read the channels.
    Observing {
        token: String,
        name: String,
        seats: Vec<SeatInfo>,
        title: crate::scenario::Text,
        read_channels: bool,
        /// What an observation may be tied to, each with its words: the learning
        /// objectives, every seat's objectives and the injects that have fired.
        ties: Vec<(crate::observation::Tie, crate::scenario::Text)>,
    },
    /// The scenario sent to create an exercise does not load: every problem, where it is
    /// (`line:column`), its message a phrase each client renders in its language. Nothing
    /// was created.
    ScenarioProblems(Vec<crate::scenario::Diagnostic>),
    Joined {
        token: String,
        seats: Vec<SeatInfo>,
        /// The scenario's title and summary, for the lobby (students have no scenario file).
        #[serde(default)]
        title: crate::scenario::Text,
        #[serde(default)]
        summary: crate::scenario::Text,
    },
    /// The command was stored and applied.
    Ack,
    /// A seat's whole view (the control cell's `ViewSeat`).
    View(Box<SeatView>),
    Status(ExerciseStatus),
    /// Every channel's messages (control cell only), with who could read each.
    Messages(Vec<(MessageLine, Vec<String>)>),
    /// The after-action report (the whole truth, hidden authors included).
    Debrief(Box<crate::report::Debrief>),
    Refused {
        refusal: Refusal,
        /// The reason in English (the command line, logs).
        message: String,
        /// The reason as a phrase, for each client to render in its own language (empty
        /// from a server before protocol 6, whose version refusal a client still reads).
        #[serde(default)]
        reason: crate::i18n::Phrase,
    },
}

impl SeatInfo {
    /// A scenario's seat as the server lists it: held by `members`, `delegation` at most.
    pub fn of(
        sc: &crate::scenario::Scenario,
        seat: &crate::scenario::SeatDef,
        members: Vec<String>,
        delegation: u32,
    ) -> Self {
        SeatInfo {
            seat: seat.id.clone(),
            actor: seat.actor.clone(),
            role: seat.role.en.clone(),
            playable: seat.playable,
            members,
            delegation,
            actor_name: sc
                .actors
                .iter()
                .find(|a| a.id == seat.actor)
                .map(|a| a.name.clone())
                .unwrap_or_default(),
            role_text: seat.role.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatInfo {
    pub seat: String,
    pub actor: String,
    /// The role in English (what the command line prints).
    pub role: String,
    pub playable: bool,
    /// Display names of the people who hold it, in the order they took it (none: the
    /// computer player plays it).
    #[serde(default)]
    pub members: Vec<String>,
    /// How many people may hold it together.
    #[serde(default = "one")]
    pub delegation: u32,
    /// The actor's name and the role in every language, for a client that does not hold
    /// the scenario (a student who joined). Empty from a server before these fields.
    #[serde(default)]
    pub actor_name: crate::scenario::Text,
    #[serde(default)]
    pub role_text: crate::scenario::Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseStatus {
    pub code: String,
    pub scenario: String,
    pub turn: u32,
    pub phase: String,
    /// The same moment, as the control cell's acts name it when they are drafted on this
    /// status.
    pub at: Moment,
    pub started: bool,
    pub paused: bool,
    pub ended: bool,
    /// Seconds until the current phase ends by itself (none while paused or not started).
    pub seconds_left: Option<u64>,
    /// What the end of the orders phase does with drafts not sent.
    #[serde(default)]
    pub at_deadline: AtDeadline,
    /// How many people may hold one seat, if the control cell set it for the exercise
    /// (otherwise each seat's `delegation` says), and whether only the control cell seats
    /// people.
    #[serde(default)]
    pub delegation: Option<u32>,
    #[serde(default)]
    pub assigned_only: bool,
    /// Whether observers may read every channel.
    #[serde(default)]
    pub observers_read_channels: bool,
    /// The state hash once the exercise has ended (empty before: it covers hidden truth).
    pub state_hash: String,
    /// The seats and who holds them (the lobby shows it).
    pub seats: Vec<SeatInfo>,
}

fn one() -> u32 {
    1
}

/// The class at a glance: every seat and every person who joined.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassDashboard {
    pub seats: Vec<SeatActivity>,
    /// Everyone who joined, in the order they joined (seated or in the lobby).
    pub people: Vec<PersonActivity>,
    /// The observers and evaluators who joined with the observers' code.
    #[serde(default)]
    pub observers: Vec<String>,
}

/// One person in the class dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonActivity {
    pub name: String,
    /// Their seat (none: in the lobby).
    pub seat: Option<String>,
    /// Whether their connection is open now.
    pub connected: bool,
    /// Seconds since the server last heard from them (none: never, since it started).
    pub seen_secs_ago: Option<u64>,
    /// Seated, and has done nothing in this phase while the exercise runs.
    pub idle: bool,
}

/// One seat in the class dashboard: who holds it and what they have done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatActivity {
    pub seat: String,
    /// The people who hold it (none: the computer plays it).
    pub members: Vec<String>,
    /// How many people may hold it together.
    pub delegation: u32,
    /// Ready for the end of this phase, and who in the delegation said so.
    pub ready: bool,
    pub ready_by: Option<String>,
    /// Orders in the seat's drafts.
    pub drafted: u32,
    /// Orders sent this turn, and who in the delegation sent them.
    pub sent: u32,
    pub sent_by: Option<String>,
    /// Messages the seat wrote this turn.
    pub messages: u32,
    /// A held seat none of whose members has done anything in this phase (no draft,
    /// order, message or ready).
    pub idle: bool,
}

/// A scenario of the server's library.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryEntry {
    /// What `CreateFromLibrary` names.
    pub file: String,
    pub title: crate::scenario::Text,
    pub summary: crate::scenario::Text,
    pub playable_seats: u32,
}

/// One of an instructor's exercises, as "My exercises" lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseSummary {
    pub code: String,
    /// The control cell's key (only its instructor is sent it).
    pub instructor_key: String,
    pub scenario_file: String,
    pub title: crate::scenario::Text,
    /// Milliseconds since the Unix epoch.
    pub created_ms: u64,
    pub seats_held: u32,
    pub seats_playable: u32,
    pub turn: u32,
    pub phase: String,
    pub started: bool,
    pub ended: bool,
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
    /// Someone in the exercise already goes by this display name.
    Name,
    /// The rules refuse it now (wrong phase, budget, unknown ids...).
    Rules,
    /// The exercise is paused or has not started.
    NotRunning,
    /// The scenario does not load.
    Scenario,
    /// The server could not store the change, so it did not acknowledge it.
    Storage,
    /// One of the server's limits (exercises, participants, upload size): the reason says which.
    Limit,
}

/// Why bytes could not be read as a client message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("message of {0} bytes is larger than the {MAX_CLIENT_MESSAGE} allowed")]
    TooLarge(usize),
    #[error("not a Threshold message: {0}")]
    Malformed(String),
}

/// Reads a client's request; never panics, whatever the bytes.
pub fn decode_client(bytes: &[u8]) -> Result<Request, DecodeError> {
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

/// A server frame on the wire: JSON, compressed when large (a zero byte, the expanded
/// length as four little-endian bytes, then an LZ4 block).
pub fn encode_server(message: &ServerFrame) -> Vec<u8> {
    frame(encode(message))
}

/// The reply to request `re`, on the wire.
pub fn encode_reply(re: u32, message: ServerMessage) -> Vec<u8> {
    encode_server(&ServerFrame::Reply { re, message })
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

/// Reads a server frame (clients and tests).
pub fn decode_server(bytes: &[u8]) -> Result<ServerFrame, DecodeError> {
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

/// The server's memory of the views it sent each seat token over its connection, so that
/// the next view goes out as a patch of the top-level fields that changed (most commands
/// change one or two of a seat's fields, and many change nothing for most seats of the
/// exercise). Fields are compared as values and only the changed ones are written: the
/// briefing, doctrine and institutions, the largest parts of a view, never change.
#[derive(Default)]
pub struct ViewPatcher {
    /// Per token: the last view its connection holds.
    sent: std::collections::HashMap<String, Box<SeatView>>,
}

impl ViewPatcher {
    /// The patch that brings `token`'s connection to `view`, on the wire (as
    /// `encode_server` would write a `ServerFrame::ViewPatch`), or `None` if nothing changed.
    pub fn patch(&mut self, token: &str, view: Box<SeatView>) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(256);
        out.extend_from_slice(br#"{"ViewPatch":{"seat":"#);
        serde_json::to_writer(&mut out, &view.seat).ok()?;
        out.extend_from_slice(br#","fields":"#);
        match self.sent.get(token) {
            // The same seat as before: what changed.
            Some(old) if old.seat == view.seat => {
                out.push(b'{');
                if write_changed(old, &view, &mut out).ok()? == 0 {
                    return None;
                }
                out.push(b'}');
            }
            // Another seat (or the first view): the client has nothing to patch.
            _ => serde_json::to_writer(&mut out, &view).ok()?,
        }
        out.extend_from_slice(b"}}");
        self.sent.insert(token.to_string(), view);
        Some(frame(out))
    }

    /// The token's connection changed or ended, or its client asked for its view again
    /// (`Resume`): its next view goes out whole.
    pub fn forget(&mut self, token: &str) {
        self.sent.remove(token);
    }
}

/// Starts the next member of a patch's fields.
fn field_key(out: &mut Vec<u8>, written: &mut usize, name: &str) {
    if *written > 0 {
        out.push(b',');
    }
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\":");
    *written += 1;
}

/// Adds a patch's new items to a list.
fn append<T: serde::de::DeserializeOwned>(
    list: &mut Vec<T>,
    items: serde_json::Value,
) -> serde_json::Result<()> {
    let more: Vec<T> = serde_json::from_value(items)?;
    list.extend(more);
    Ok(())
}

/// Defines what patches are made of, from `SeatView`'s fields: values are sent whole when
/// they change; a list that only grew (news, messages, results, the ledger...) is sent as its
/// new items under its name with a `+` (`"news+":[...]`).
macro_rules! view_fields {
    (values: [$($field:ident),* $(,)?], lists: [$($list:ident),* $(,)?] $(,)?) => {
        /// Writes each field of `new` that differs from `old` as `"name":value` (or
        /// `"name+":[new items]`), comma separated; returns how many.
        fn write_changed(old: &SeatView, new: &SeatView, out: &mut Vec<u8>) -> serde_json::Result<usize> {
            // Names every field: a field added to `SeatView` but not listed does not compile.
            let SeatView { $($field: _,)* $($list: _,)* } = new;
            let mut n = 0;
            $(
                if old.$field != new.$field {
                    field_key(out, &mut n, stringify!($field));
                    serde_json::to_writer(&mut *out, &new.$field)?;
                }
            )*
            $(
                let kept = old.$list.len();
                if new.$list.len() >= kept && new.$list[..kept] == old.$list[..] {
                    if new.$list.len() > kept {
                        field_key(out, &mut n, concat!(stringify!($list), "+"));
                        serde_json::to_writer(&mut *out, &new.$list[kept..])?;
                    }
                } else {
                    field_key(out, &mut n, stringify!($list));
                    serde_json::to_writer(&mut *out, &new.$list)?;
                }
            )*
            Ok(n)
        }

        /// Sets the field `name` of `view` from its JSON (or adds to it, for `name+`).
        fn set_field(view: &mut SeatView, name: &str, value: serde_json::Value) -> Result<(), String> {
            let bad = |e: serde_json::Error| format!("{name}: {e}");
            match name {
                $(stringify!($field) => view.$field = serde_json::from_value(value).map_err(bad)?,)*
                $(
                    stringify!($list) => view.$list = serde_json::from_value(value).map_err(bad)?,
                    concat!(stringify!($list), "+") => {
                        append(&mut view.$list, value).map_err(bad)?
                    }
                )*
                _ => return Err(format!("no view field is called \"{name}\"")),
            }
            Ok(())
        }
    };
}

view_fields!(
    values: [seat, actor, role, briefing, turn, turns, phase, me, ready, ready_by, sent_by, my_role, doctrine, drafts_go_in],
    lists: [
        actors,
        relations,
        incidents,
        evidence,
        attributions,
        readings,
        proposals,
        requests,
        offers,
        listed,
        entities,
        ledger,
        news,
        messages,
        meetings,
        results,
        my_orders,
        drafts,
        draft_authors,
        draft_log,
        members,
        roles,
        computers,
        available,
        objectives,
        institutions,
        topics,
        feed,
        audiences,
        trending,
    ],
);

/// A client's side of `ViewPatcher`: the last view of each seat, with each patch's fields
/// set on it.
#[derive(Default)]
pub struct ViewAssembler {
    views: std::collections::HashMap<String, std::sync::Arc<SeatView>>,
}

impl ViewAssembler {
    /// Decodes a server frame, turning a patch into the whole view it makes.
    pub fn decode(&mut self, bytes: &[u8]) -> Result<ServerFrame, DecodeError> {
        match decode_server(bytes)? {
            ServerFrame::ViewPatch { seat, fields } => {
                let malformed = |e: String| DecodeError::Malformed(format!("a view patch: {e}"));
                let view = match self.views.entry(seat) {
                    std::collections::hash_map::Entry::Occupied(mut held) => {
                        // Copied only if the client still holds the view last handed out.
                        let view = std::sync::Arc::make_mut(held.get_mut());
                        for (name, value) in fields {
                            if let Err(e) = set_field(view, &name, value) {
                                // Half patched is wrong: forget it rather than show it.
                                held.remove();
                                return Err(malformed(e));
                            }
                        }
                        held.into_mut()
                    }
                    // The first view of a seat comes whole.
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert(std::sync::Arc::new(
                            serde_json::from_value(serde_json::Value::Object(fields))
                                .map_err(|e| malformed(e.to_string()))?,
                        ))
                    }
                };
                Ok(ServerFrame::View(view.clone()))
            }
            other => Ok(other),
        }
    }
}

#[cfg(test)]
mod view_patch_tests {
    use super::*;

    fn a_view() -> SeatView {
        crate::sim::view::sample_view().1
    }

    fn fields(bytes: &[u8]) -> Vec<String> {
        match decode_server(bytes).unwrap() {
            ServerFrame::ViewPatch { fields, .. } => fields.keys().cloned().collect(),
            other => panic!("not a patch: {other:?}"),
        }
    }

    /// A first view goes whole; then only the fields that changed, and nothing if none did;
    /// the client's assembler turns each back into the view the server had.
    #[test]
    fn a_patch_carries_the_changed_fields_and_rebuilds_the_view() {
        let mut patcher = ViewPatcher::default();
        let mut assembler = ViewAssembler::default();
        let first = a_view();
        let whole = patcher.patch("t", Box::new(first.clone())).unwrap();
        assert_eq!(
            fields(&whole).len(),
            serde_json::to_value(&first)
                .unwrap()
                .as_object()
                .unwrap()
                .len()
        );
        assert_eq!(
            assembler.decode(&whole).unwrap(),
            ServerFrame::View(std::sync::Arc::new(first.clone()))
        );
        assert!(patcher.patch("t", Box::new(first.clone())).is_none());

        let mut second = first.clone();
        second.ready = !first.ready;
        second.turn += 1;
        let patch = patcher.patch("t", Box::new(second.clone())).unwrap();
        assert_eq!(
            fields(&patch),
            vec!["ready".to_string(), "turn".to_string()]
        );
        assert_eq!(
            assembler.decode(&patch).unwrap(),
            ServerFrame::View(std::sync::Arc::new(second.clone()))
        );

        // Forgotten (a new connection): whole again.
        patcher.forget("t");
        let again = patcher.patch("t", Box::new(second.clone())).unwrap();
        assert_eq!(fields(&again).len(), fields(&whole).len());
    }

    /// A list that only grew goes as its new items; a list that changed otherwise goes
    /// whole. Either way the client ends with the server's view.
    #[test]
    fn a_grown_list_sends_only_its_new_items() {
        let mut patcher = ViewPatcher::default();
        let mut assembler = ViewAssembler::default();
        let first = a_view();
        assembler
            .decode(&patcher.patch("t", Box::new(first.clone())).unwrap())
            .unwrap();
        let line = |text: &str| crate::sim::view::NewsLine {
            turn: 9,
            text: crate::i18n::Phrase {
                key: text.to_string().into(),
                args: Vec::new(),
            },
        };
        let mut grown = first.clone();
        grown.news.push(line("one more"));
        grown.news.push(line("and another"));
        let patch = patcher.patch("t", Box::new(grown.clone())).unwrap();
        assert_eq!(fields(&patch), vec!["news+".to_string()]);
        match decode_server(&patch).unwrap() {
            ServerFrame::ViewPatch { fields, .. } => {
                assert_eq!(fields["news+"].as_array().map(|a| a.len()), Some(2))
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            assembler.decode(&patch).unwrap(),
            ServerFrame::View(std::sync::Arc::new(grown.clone()))
        );

        let mut rewritten = grown.clone();
        rewritten.news.remove(0);
        let patch = patcher.patch("t", Box::new(rewritten.clone())).unwrap();
        assert_eq!(fields(&patch), vec!["news".to_string()]);
        assert_eq!(
            assembler.decode(&patch).unwrap(),
            ServerFrame::View(std::sync::Arc::new(rewritten))
        );
    }

    /// A patch naming a field a view does not have, or a first patch that is not whole, is
    /// refused as malformed, not guessed at.
    #[test]
    fn a_patch_the_client_cannot_apply_is_malformed() {
        let mut assembler = ViewAssembler::default();
        let partial = br#"{"ViewPatch":{"seat":"x","fields":{"turn":3}}}"#;
        assert!(matches!(
            assembler.decode(partial),
            Err(DecodeError::Malformed(_))
        ));
        let mut patcher = ViewPatcher::default();
        let view = a_view();
        let seat = view.seat.clone();
        assembler
            .decode(&patcher.patch("t", Box::new(view)).unwrap())
            .unwrap();
        let unknown = format!(r#"{{"ViewPatch":{{"seat":"{seat}","fields":{{"mood":1}}}}}}"#);
        assert!(matches!(
            assembler.decode(unknown.as_bytes()),
            Err(DecodeError::Malformed(_))
        ));
    }
}
