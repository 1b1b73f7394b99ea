//! The exercise host, apart from any transport: many exercises at once, join codes, seats,
//! the control cell, and the checks that keep a client to what its seat may do. A transport
//! (renet2 UDP, WebSocket or memory) decodes bytes into `ClientMessage`s, passes them here
//! with the sender's address, and sends back what `handle` returns.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::protocol::*;
use crate::bots::Bot;
use crate::conductor::{Conductor, DraftError};
use crate::i18n::{Arg, Phrase};
use crate::say;
use crate::scenario;
use crate::sim::exercise::{Changed, Command, Exercise, MAX_ORDERS, Moment};
use crate::sim::orders::Order;
use crate::sim::view::{SeatView, view};
#[cfg(not(target_arch = "wasm32"))]
use crate::store::{ExerciseRecord, ParticipantRecord, Store, StoreError};
/// The browser build has no store, so storing never fails there.
#[cfg(target_arch = "wasm32")]
type StoreError = std::convert::Infallible;

/// Join codes use only characters that cannot be misread (no 0/O, 1/I/L).
pub const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const CODE_LENGTH: usize = 6;
/// Participants' tokens and instructors' sessions.
const TOKEN_ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
/// Wrong join codes or passwords an address may send before it is slowed down.
pub const FREE_FAILURES: u32 = 5;
/// How long an instructor's sign-in lasts.
pub const SESSION_MS: u64 = 12 * 3600 * 1000;
/// Sign-ins kept at once (expired ones are dropped first, then the oldest).
const MAX_SESSIONS: usize = 10_000;
/// Password checks the server makes in one second, all addresses together.
const HASHES_PER_SECOND: u32 = 8;
/// Addresses whose wrong codes are remembered at once (beyond it, only those still slowed).
const MAX_THROTTLES: usize = 100_000;

/// Who may create exercises, and the limits that hold whatever clients send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Anyone who reaches the server may create exercises (a class on a local network, a
    /// local game). Otherwise only a signed-in instructor may.
    pub open: bool,
    /// Exercises on the server, all instructors together.
    pub max_exercises: usize,
    /// Exercises one instructor may have on the server.
    pub max_per_instructor: usize,
    /// People who may join one exercise.
    pub max_participants: usize,
    /// The largest scenario file a client may send, in bytes.
    pub max_scenario_bytes: usize,
    /// An exercise that is not running (ended, paused or not started), with nobody
    /// connected, leaves memory after this long untouched; it comes back from the store when
    /// someone joins it, reads it or acts in it (a hub without a store keeps everything).
    pub unload_idle_ms: u64,
    /// Scenario files one instructor may send to be checked in an hour, whether or not they
    /// load (an open server, for a class on a local network, leaves uploads to the limit of
    /// messages per second).
    pub max_uploads_per_hour: usize,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            open: true,
            max_exercises: 2000,
            max_per_instructor: 50,
            max_participants: 100,
            max_scenario_bytes: 512 * 1024,
            unload_idle_ms: 10 * 60 * 1000,
            max_uploads_per_hour: 100,
        }
    }
}

struct Session {
    name: String,
    expires_ms: u64,
}

/// What the hub answers: a reply to the sender, and fresh views for seats whose view changed.
#[derive(Debug)]
pub struct Outbox {
    pub reply: ServerMessage,
    /// (token, view) for every participant who should see a new view (`handle` fills it).
    pub views: Vec<(String, Box<SeatView>)>,
    /// Tokens whose view changed (`handle_lazy` leaves the views to `render`).
    pub refresh: Vec<String>,
}

impl Outbox {
    fn reply(reply: ServerMessage) -> Self {
        Self {
            reply,
            views: Vec::new(),
            refresh: Vec::new(),
        }
    }
    /// A refusal: its reason as a phrase (each client renders it in its language) and, for
    /// the command line and logs, in English.
    fn refuse(refusal: Refusal, reason: Phrase) -> Self {
        Self::refuse_as(refusal, reason.en(), reason)
    }
    /// A refusal whose English message is a detail in itself (a scenario's or the store's
    /// own error text) rather than the reason's English.
    fn refuse_as(refusal: Refusal, message: String, reason: Phrase) -> Self {
        Self::reply(ServerMessage::Refused {
            refusal,
            message,
            reason,
        })
    }
}

struct Participant {
    name: String,
    token: String,
    seat: Option<String>,
    /// When the server last heard from them (server milliseconds; 0: not since it started).
    seen_ms: u64,
    /// Whether their connection is open (the server says).
    connected: bool,
    /// The moment of the phase in which they last acted (drafts, acts).
    acted: Option<Moment>,
}

/// One hosted exercise.
pub struct Hosted {
    pub code: String,
    key: String,
    /// Who created it (none on an open server).
    pub instructor: Option<String>,
    /// Milliseconds since the Unix epoch (0 for exercises stored before this was kept).
    pub created_ms: u64,
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    seed: u64,
    /// How many journal commands are in the store.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    stored: usize,
    pub scenario_file: String,
    pub scenario_source: String,
    pub exercise: Exercise,
    participants: Vec<Participant>,
    /// When phases end, pause, computer seats: the game's flow in time.
    pub conductor: Conductor,
    /// When a message last reached it (server milliseconds): idle ones are unloaded.
    touched_ms: u64,
    /// The instructors' report's replay of the journal, for the journal's length it was
    /// made at: the control cell asks for the report every few seconds while it shows it.
    replayed: Option<(usize, std::sync::Arc<crate::report::Replayed>)>,
}

/// What the hub keeps of every exercise, loaded or not.
struct Listed {
    instructor: Option<String>,
    /// "My exercises"' line as of when it was last loaded or unloaded (a loaded exercise
    /// gives its own, current one).
    summary: ExerciseSummary,
}

impl Hosted {
    /// The view of `seat` its members share: the rules' view, the seat's drafts with their
    /// authors and log, the computer players, its delegation and the roles (no member is
    /// marked as the reader yet: `Hub::render` does that for each).
    fn seat_view(&self, seat: &str) -> Option<SeatView> {
        let mut v = view(&self.exercise, seat)?;
        v.computers = self.computer_actors();
        v.drafts = self.conductor.drafts(seat).to_vec();
        v.draft_authors = self.conductor.draft_authors(seat).to_vec();
        v.draft_log = self.conductor.draft_log(seat).to_vec();
        v.drafts_go_in = self.conductor.at_deadline == AtDeadline::Send;
        let roles = &self
            .exercise
            .scenario()
            .seats
            .iter()
            .find(|s| s.id == seat)?
            .roles;
        v.members = self
            .members(seat)
            .map(|p| crate::sim::view::Member {
                name: p.name.clone(),
                connected: p.connected,
                me: false,
                role: self.role_of(seat, &p.name).map(|r| r.id.clone()),
            })
            .collect();
        v.roles = roles
            .iter()
            .map(|r| crate::sim::view::RoleName {
                id: r.id.clone(),
                name: r.name.clone(),
            })
            .collect();
        Some(v)
    }

    /// The role `name` plays in `seat`'s delegation, if any.
    fn role_of(&self, seat: &str, name: &str) -> Option<&crate::scenario::RoleDef> {
        let id = self.conductor.roles.get(name)?;
        self.exercise
            .scenario()
            .seats
            .iter()
            .find(|s| s.id == seat)?
            .roles
            .iter()
            .find(|r| &r.id == id)
    }

    /// The instructors' edition of the report as it stands: the journal's replay is made
    /// again only when the journal has grown.
    pub fn report(&mut self) -> crate::report::Debrief {
        let len = self.exercise.journal().len();
        let replayed = match &self.replayed {
            Some((at, r)) if *at == len => r.clone(),
            _ => {
                let r = std::sync::Arc::new(crate::report::replay(&self.exercise));
                self.replayed = Some((len, r.clone()));
                r
            }
        };
        let o = &self.conductor.observers;
        crate::report::Debrief::for_instructors(&self.exercise, &replayed, &o.notes, o.plan.clone())
    }

    /// Whether it may leave memory: not running, nobody connected, untouched for `idle_ms`.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    fn idle(&self, now_ms: u64, idle_ms: u64) -> bool {
        let running = self.conductor.started && !self.conductor.paused && !self.exercise.ended();
        !running
            && !self.participants.iter().any(|p| p.connected)
            && now_ms.saturating_sub(self.touched_ms) >= idle_ms
    }

    /// Whether a human may take this seat.
    fn playable(&self, seat: &str) -> bool {
        self.exercise
            .scenario()
            .seats
            .iter()
            .any(|s| s.id == seat && s.playable)
    }

    /// The people who hold `seat` together (its delegation), in the order they joined.
    fn members<'a>(&'a self, seat: &'a str) -> impl Iterator<Item = &'a Participant> + 'a {
        self.participants
            .iter()
            .filter(move |p| p.seat.as_deref() == Some(seat))
    }

    /// The control cell seats `name` at `seat` (from the lobby or from another seat, at any
    /// time). A full seat takes nobody more, except a seat for one, whose holder goes back
    /// to the lobby.
    fn assign(&mut self, name: &str, seat: &str) -> Result<(), (Refusal, Phrase)> {
        if !self.playable(seat) {
            return Err((
                Refusal::Seat,
                say!("\"{0}\" is not a playable seat", Arg::id(seat)),
            ));
        }
        let Some(i) = self.participants.iter().position(|p| p.name == name) else {
            return Err((
                Refusal::Seat,
                say!("nobody called \"{0}\" has joined", Arg::id(name)),
            ));
        };
        if self.participants[i].seat.as_deref() == Some(seat) {
            return Ok(());
        }
        let room = self.conductor.delegation(&self.exercise, seat);
        if self.members(seat).count() as u32 >= room {
            if room > 1 {
                return Err((
                    Refusal::Seat,
                    say!(
                        "\"{0}\" is full: its delegation has {1} people",
                        Arg::id(seat),
                        room
                    ),
                ));
            }
            self.empty(seat);
        }
        self.seat(i, Some(seat.to_string()));
        Ok(())
    }

    /// Seats participant `i` at `seat` (none: the lobby). A role was the old seat's: it goes.
    fn seat(&mut self, i: usize, seat: Option<String>) {
        let p = &mut self.participants[i];
        if p.seat != seat {
            self.conductor.roles.remove(&p.name);
            p.seat = seat;
        }
    }

    /// Sends everyone holding `seat` back to the lobby.
    fn empty(&mut self, seat: &str) {
        for i in 0..self.participants.len() {
            if self.participants[i].seat.as_deref() == Some(seat) {
                self.seat(i, None);
            }
        }
    }

    /// Gives `name` one of their seat's roles, or none; returns the tokens of the seat's
    /// delegation, whose views show it.
    fn set_role(
        &mut self,
        name: &str,
        role: Option<String>,
    ) -> Result<Vec<String>, (Refusal, Phrase)> {
        let Some(p) = self.participants.iter().find(|p| p.name == name) else {
            return Err((
                Refusal::Seat,
                say!("nobody called \"{0}\" has joined", Arg::id(name)),
            ));
        };
        let Some(seat) = p.seat.clone() else {
            return Err((Refusal::Seat, say!("take a seat first")));
        };
        match role {
            Some(role) => {
                let known = self
                    .exercise
                    .scenario()
                    .seats
                    .iter()
                    .any(|s| s.id == seat && s.roles.iter().any(|r| r.id == role));
                if !known {
                    return Err((
                        Refusal::Seat,
                        say!("this seat has no role \"{0}\"", Arg::id(&role)),
                    ));
                }
                self.conductor.roles.insert(name.to_string(), role);
            }
            None => {
                self.conductor.roles.remove(name);
            }
        }
        Ok(self.members(&seat).map(|p| p.token.clone()).collect())
    }

    /// Every token of the exercise: its participants' and its observers'.
    fn tokens(&self) -> impl Iterator<Item = &String> {
        self.participants
            .iter()
            .map(|p| &p.token)
            .chain(self.conductor.observers.people.iter().map(|(_, t)| t))
    }

    /// The refusal for a name someone in the exercise, participant or observer, already goes
    /// by (names are how the control cell tells people apart: one per person, whatever the
    /// case; someone coming back has their rejoin link, not a second entry).
    fn name_clash(&self, name: &str) -> Option<Outbox> {
        let lower = name.to_lowercase();
        self.participants
            .iter()
            .map(|p| &p.name)
            .chain(self.conductor.observers.people.iter().map(|(n, _)| n))
            .any(|n| n.to_lowercase() == lower)
            .then(|| {
                Outbox::refuse(
                    Refusal::Name,
                    say!(
                        "someone called \"{0}\" is already in this exercise: pick another name, or come back through your own rejoin link",
                        Arg::id(name)
                    ),
                )
            })
    }

    /// Whether `token` is one of the exercise's observers'.
    fn observer(&self, token: &str) -> Option<String> {
        self.conductor.observers.name_of(token).map(str::to_string)
    }

    /// Whether anyone holds `seat` (otherwise its computer player plays it).
    fn held(&self, seat: &str) -> bool {
        self.members(seat).next().is_some()
    }

    /// The welcome of a participant who joined or came back: the token, the seats, and
    /// what the exercise is about.
    fn joined(&self, token: String) -> ServerMessage {
        let sc = self.exercise.scenario();
        ServerMessage::Joined {
            token,
            seats: self.seats(),
            title: sc.title.clone(),
            summary: sc.summary.clone(),
        }
    }

    /// The welcome of an observer who joined or came back.
    fn observing(&self, token: &str) -> ServerMessage {
        use crate::observation::Tie;
        let sc = self.exercise.scenario();
        let mut ties: Vec<(Tie, crate::scenario::Text)> = sc
            .learning_objectives
            .iter()
            .map(|o| (Tie::LearningObjective(o.id.clone()), o.text.clone()))
            .collect();
        for s in &sc.seats {
            ties.extend(s.objectives.iter().map(|o| {
                let tie = Tie::Objective {
                    seat: s.id.clone(),
                    id: o.id.clone(),
                };
                (tie, o.text.clone())
            }));
        }
        // Only the injects that have fired: the others are the control cell's to come.
        let fired = self.exercise.fired_injects();
        ties.extend(
            sc.injects
                .iter()
                .filter(|i| fired.contains(&i.id))
                .map(|i| (Tie::Inject(i.id.clone()), i.title.clone())),
        );
        ServerMessage::Observing {
            token: token.to_string(),
            name: self.observer(token).unwrap_or_default(),
            seats: self.seats(),
            title: sc.title.clone(),
            read_channels: self.conductor.observers.read_channels,
            ties,
        }
    }

    fn seats(&self) -> Vec<SeatInfo> {
        let sc = self.exercise.scenario();
        sc.seats
            .iter()
            .map(|s| {
                let members = self.members(&s.id).map(|p| p.name.clone()).collect();
                let delegation = self.conductor.delegation(&self.exercise, &s.id);
                SeatInfo::of(sc, s, members, delegation)
            })
            .collect()
    }

    /// The line "My exercises" shows for it.
    pub fn summary(&self) -> ExerciseSummary {
        let sc = self.exercise.scenario();
        let clock = self.exercise.clock();
        ExerciseSummary {
            code: self.code.clone(),
            instructor_key: self.key.clone(),
            scenario_file: self.scenario_file.clone(),
            title: sc.title.clone(),
            created_ms: self.created_ms,
            seats_held: sc.seats.iter().filter(|s| self.held(&s.id)).count() as u32,
            seats_playable: sc.seats.iter().filter(|s| s.playable).count() as u32,
            turn: clock.turn,
            phase: clock.phase.name().to_string(),
            started: self.conductor.started,
            ended: self.exercise.ended(),
        }
    }

    pub fn status(&self, now_ms: u64) -> ExerciseStatus {
        let clock = self.exercise.clock();
        ExerciseStatus {
            code: self.code.clone(),
            scenario: self.exercise.scenario().id.clone(),
            turn: clock.turn,
            phase: clock.phase.name().to_string(),
            at: self.exercise.moment(),
            started: self.conductor.started,
            paused: self.conductor.paused,
            ended: self.exercise.ended(),
            seconds_left: self.conductor.seconds_left(&self.exercise, now_ms),
            at_deadline: self.conductor.at_deadline,
            delegation: self.conductor.delegation,
            assigned_only: self.conductor.assigned_only,
            observers_read_channels: self.conductor.observers.read_channels,
            // The hash covers the hidden truth, so anyone with the code sees it only once
            // the exercise has ended and everything is revealed.
            state_hash: if self.exercise.ended() {
                self.exercise.state_hash()
            } else {
                String::new()
            },
            seats: self.seats(),
        }
    }

    /// The tokens of the participants whose seats a command changed (as the rules say).
    fn tokens_of(&self, changed: &Changed) -> Vec<String> {
        match changed {
            Changed::Everyone => self.seated_tokens(),
            Changed::Seats(seats) => self
                .participants
                .iter()
                .filter(|p| p.seat.as_ref().is_some_and(|s| seats.contains(s)))
                .map(|p| p.token.clone())
                .collect(),
        }
    }

    /// The class at a glance, for the control cell: every seat, and every person.
    pub fn dashboard(&self, now_ms: u64) -> ClassDashboard {
        let now = self.exercise.moment();
        // Doing nothing is a mark only while the exercise runs.
        let running = self.conductor.started && !self.conductor.paused && !self.exercise.ended();
        let view = |seat: &str| view(&self.exercise, seat);
        let idle = |p: &Participant| {
            running
                && p.acted != Some(now)
                && p.seat
                    .as_ref()
                    .is_some_and(|s| !self.exercise.all_ready(std::slice::from_ref(s)))
        };
        let seats = self
            .exercise
            .scenario()
            .seats
            .iter()
            .filter(|s| s.playable)
            .map(|s| {
                let v = view(&s.id);
                let members: Vec<&Participant> = self.members(&s.id).collect();
                let ready = self.exercise.all_ready(std::slice::from_ref(&s.id));
                SeatActivity {
                    seat: s.id.clone(),
                    members: members.iter().map(|p| p.name.clone()).collect(),
                    delegation: self.conductor.delegation(&self.exercise, &s.id),
                    ready,
                    ready_by: v.as_ref().and_then(|v| v.ready_by.clone()),
                    drafted: self.conductor.drafts(&s.id).len() as u32,
                    sent: self
                        .exercise
                        .sent_orders(&s.id)
                        .map_or(0, |o| o.len() as u32),
                    sent_by: v.as_ref().and_then(|v| v.sent_by.clone()),
                    messages: self.exercise.messages_this_turn(&s.id),
                    idle: !members.is_empty() && members.iter().all(|p| idle(p)),
                }
            })
            .collect();
        let people = self
            .participants
            .iter()
            .map(|p| PersonActivity {
                name: p.name.clone(),
                seat: p.seat.clone(),
                connected: p.connected,
                seen_secs_ago: (p.seen_ms > 0).then(|| now_ms.saturating_sub(p.seen_ms) / 1000),
                idle: idle(p),
            })
            .collect();
        let observers = self
            .conductor
            .observers
            .people
            .iter()
            .map(|(name, _)| name.clone())
            .collect();
        ClassDashboard {
            seats,
            people,
            observers,
        }
    }

    /// Every participant holding a seat.
    fn seated_tokens(&self) -> Vec<String> {
        self.participants
            .iter()
            .filter(|p| p.seat.is_some())
            .map(|p| p.token.clone())
            .collect()
    }

    /// The computer players of every seat no human holds.
    fn bots(&self) -> Vec<Bot> {
        self.exercise
            .scenario()
            .seats
            .iter()
            .filter(|s| !self.held(&s.id))
            .filter_map(|s| Bot::new(&self.exercise, &s.id))
            .collect()
    }

    /// The actors of the seats no human holds: computer players play them.
    fn computer_actors(&self) -> Vec<String> {
        self.exercise
            .scenario()
            .seats
            .iter()
            .filter(|s| !self.held(&s.id))
            .map(|s| s.actor.clone())
            .collect()
    }

    /// The seats humans hold.
    fn human_seats(&self) -> Vec<String> {
        self.exercise
            .scenario()
            .seats
            .iter()
            .filter(|s| self.held(&s.id))
            .map(|s| s.id.clone())
            .collect()
    }

    /// Ends the phase if its deadline has passed; returns whether anything moved.
    fn tick(&mut self, now_ms: u64) -> bool {
        // The computer players are made only when a phase ends.
        if !self.conductor.due(&self.exercise, now_ms) {
            return false;
        }
        let bots = self.bots();
        self.conductor.tick(&mut self.exercise, &bots, now_ms)
    }

    /// Seats held by humans that are not yet ready in this phase.
    pub fn waiting_for(&self) -> Vec<String> {
        self.human_seats()
            .into_iter()
            .filter(|s| !self.exercise.all_ready(std::slice::from_ref(s)))
            .collect()
    }
}

struct Throttle {
    failures: u32,
    blocked_until_ms: u64,
}

/// Hosts every exercise of one server.
pub struct Hub {
    /// Every exercise, loaded or not.
    catalogue: BTreeMap<String, Listed>,
    /// The exercises in memory.
    exercises: BTreeMap<String, Hosted>,
    /// The participants' tokens of the exercises in memory (the store knows the others).
    tokens: HashMap<String, String>,
    rng: ChaCha8Rng,
    throttles: HashMap<String, Throttle>,
    /// The second of the last sign-in and how many passwords were checked in it.
    hashed: (u64, u32),
    /// When each instructor sent scenario files, this past hour.
    uploads: HashMap<String, std::collections::VecDeque<u64>>,
    policy: Policy,
    sessions: HashMap<String, Session>,
    /// The scenarios instructors create exercises from: (file name, source).
    library: Vec<(String, Arc<str>)>,
    /// What the library lists, made when first asked (those that load).
    listed: Option<Vec<LibraryEntry>>,
    #[cfg(not(target_arch = "wasm32"))]
    store: Option<Store>,
}

/// Why stored exercises could not be brought back.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("exercise {code}: {reason}")]
    Exercise { code: String, reason: String },
}

impl Hub {
    /// Sets who may create exercises and the limits (an open hub without limits to speak of
    /// until then: `Policy::default()`).
    pub fn set_policy(&mut self, policy: Policy) {
        self.policy = policy;
    }

    /// The scenarios the library offers: (file name, source).
    pub fn set_library(&mut self, scenarios: impl IntoIterator<Item = (String, String)>) {
        self.library = scenarios
            .into_iter()
            .map(|(file, source)| (file, source.into()))
            .collect();
        self.listed = None;
    }

    /// What the library lists: every scenario that loads (checked once, when first asked).
    /// Returns the problems of those that do not.
    pub fn check_library(&mut self) -> Vec<scenario::ScenarioErrors> {
        let mut broken = Vec::new();
        let mut listed = Vec::new();
        for (file, source) in &self.library {
            match scenario::parse(source, file) {
                Ok(sc) => listed.push(LibraryEntry {
                    file: file.clone(),
                    title: sc.title.clone(),
                    summary: sc.summary.clone(),
                    playable_seats: sc.seats.iter().filter(|s| s.playable).count() as u32,
                }),
                Err(e) => broken.push(e),
            }
        }
        self.listed = Some(listed);
        broken
    }

    /// Draws join codes, keys, tokens and sessions from a 256-bit seed from here on (a
    /// server's, from the system's random source).
    pub fn reseed(&mut self, seed: [u8; 32]) {
        self.rng = ChaCha8Rng::from_seed(seed);
    }

    /// `seed` feeds join codes, keys and tokens (use real entropy in a server).
    pub fn new(seed: u64) -> Self {
        Self {
            catalogue: BTreeMap::new(),
            exercises: BTreeMap::new(),
            tokens: HashMap::new(),
            rng: ChaCha8Rng::seed_from_u64(seed),
            throttles: HashMap::new(),
            uploads: HashMap::new(),
            hashed: (0, 0),
            policy: Policy::default(),
            sessions: HashMap::new(),
            library: Vec::new(),
            listed: None,
            #[cfg(not(target_arch = "wasm32"))]
            store: None,
        }
    }

    /// A hub that stores every change in `store` before acknowledging it. It starts with the
    /// running exercises in memory, replayed to where they stood; the others come back from
    /// the store when someone joins, reads or acts in them (`load`).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn with_store(seed: u64, store: Store) -> Result<Self, RestoreError> {
        let mut hub = Self::new(seed);
        let catalogue = store.catalogue()?;
        hub.store = Some(store);
        for c in catalogue {
            let load = c.running || c.summary.is_none();
            if let Some(summary) = c.summary {
                hub.catalogue.insert(
                    c.code.clone(),
                    Listed {
                        instructor: c.instructor,
                        summary,
                    },
                );
            }
            // Running exercises have deadlines to keep; rows from before summaries were
            // kept are replayed once to make theirs.
            if load {
                hub.load(&c.code, 0)?;
            }
        }
        Ok(hub)
    }

    /// Brings a stored exercise into memory (nothing if it is there already); whether there
    /// is one with this code.
    #[cfg(not(target_arch = "wasm32"))]
    fn load(&mut self, code: &str, now_ms: u64) -> Result<bool, RestoreError> {
        if let Some(h) = self.exercises.get_mut(code) {
            h.touched_ms = now_ms;
            return Ok(true);
        }
        let Some(stored) = self
            .store
            .as_mut()
            .map(|s| s.load(code))
            .transpose()?
            .flatten()
        else {
            return Ok(false);
        };
        let e = stored.exercise;
        let fail = |reason: String| RestoreError::Exercise {
            code: e.code.clone(),
            reason,
        };
        let sc = scenario::parse(&e.scenario_source, &e.scenario_file)
            .map_err(|x| fail(x.to_string()))?;
        let mut exercise = Exercise::new(Arc::new(sc), e.seed);
        for (i, c) in stored.commands.iter().enumerate() {
            exercise
                .apply(c.clone())
                .map_err(|r| fail(format!("stored command {i} refused on replay: {r}")))?;
        }
        for p in &stored.participants {
            self.tokens.insert(p.token.clone(), e.code.clone());
        }
        for (_, token) in &e.conductor.observers.people {
            self.tokens.insert(token.clone(), e.code.clone());
        }
        let participants = stored
            .participants
            .into_iter()
            .map(|p| Participant {
                name: p.name,
                token: p.token,
                seat: p.seat,
                seen_ms: 0,
                connected: false,
                acted: None,
            })
            .collect();
        let hosted = Hosted {
            code: e.code.clone(),
            key: e.key,
            instructor: e.instructor,
            created_ms: e.created_ms,
            seed: e.seed,
            stored: stored.commands.len(),
            scenario_file: e.scenario_file,
            scenario_source: e.scenario_source,
            exercise,
            participants,
            conductor: e.conductor,
            touched_ms: now_ms,
            replayed: None,
        };
        self.catalogue.insert(
            e.code.clone(),
            Listed {
                instructor: hosted.instructor.clone(),
                summary: hosted.summary(),
            },
        );
        self.exercises.insert(e.code, hosted);
        Ok(true)
    }

    /// Without a store every exercise is in memory.
    #[cfg(target_arch = "wasm32")]
    fn load(&mut self, code: &str, now_ms: u64) -> Result<bool, StoreError> {
        Ok(self
            .exercises
            .get_mut(code)
            .map(|h| h.touched_ms = now_ms)
            .is_some())
    }

    /// The exercise a participant's token belongs to, in memory or in the store.
    fn code_of(&self, token: &str) -> Result<Option<String>, StoreError> {
        if let Some(code) = self.tokens.get(token) {
            return Ok(Some(code.clone()));
        }
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(store) = &self.store
            && token.len() <= 64
            && let Some(code) = store.code_of_token(token)?
        {
            return Ok(Some(code));
        }
        // An observer's token starts with its exercise's code.
        Ok(token
            .get(..CODE_LENGTH)
            .filter(|c| self.catalogue.contains_key(*c))
            .map(str::to_string))
    }

    /// Unloads the exercises that have been idle for the policy's time (see
    /// `Policy::unload_idle_ms`); returns their codes. A hub without a store keeps them all.
    pub fn unload_idle(&mut self, now_ms: u64) -> Vec<String> {
        #[cfg(not(target_arch = "wasm32"))]
        if self.store.is_some() {
            let idle_ms = self.policy.unload_idle_ms;
            let idle: Vec<String> = self
                .exercises
                .values()
                .filter(|h| h.idle(now_ms, idle_ms) && h.stored == h.exercise.journal().len())
                .map(|h| h.code.clone())
                .collect();
            for code in &idle {
                if let Some(h) = self.exercises.remove(code) {
                    for t in h.tokens() {
                        self.tokens.remove(t);
                    }
                    self.catalogue.insert(
                        code.clone(),
                        Listed {
                            instructor: h.instructor.clone(),
                            summary: h.summary(),
                        },
                    );
                }
            }
            return idle;
        }
        let _ = now_ms;
        Vec::new()
    }

    /// Whether any instructor can sign in (a hub without a store has none; a store that
    /// cannot say is taken to have some: this only decides a warning).
    pub fn has_instructors(&self) -> bool {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(store) = &self.store {
            return store.instructors().map_or(true, |v| !v.is_empty());
        }
        false
    }

    /// How many exercises are in memory (`exercise_count` counts them all).
    pub fn loaded_count(&self) -> usize {
        self.exercises.len()
    }

    /// Starts a group commit: changes from now on are written in one transaction that
    /// `commit_batch` ends. The caller must not send acknowledgements before that.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn begin_batch(&mut self) -> Result<(), StoreError> {
        match self.store.as_mut() {
            Some(s) => s.begin_batch(),
            None => Ok(()),
        }
    }

    /// Ends a group commit: every change since `begin_batch` is on disk.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn commit_batch(&mut self) -> Result<(), StoreError> {
        match self.store.as_mut() {
            Some(s) => s.commit_batch(),
            None => Ok(()),
        }
    }

    /// Writes an exercise's new commands and its seats to the store.
    #[cfg(not(target_arch = "wasm32"))]
    fn persist(&mut self, code: &str) -> Result<(), StoreError> {
        let (Some(store), Some(h)) = (self.store.as_mut(), self.exercises.get_mut(code)) else {
            return Ok(());
        };
        let record = ExerciseRecord {
            code: h.code.clone(),
            key: h.key.clone(),
            scenario_file: h.scenario_file.clone(),
            scenario_source: h.scenario_source.clone(),
            seed: h.seed,
            conductor: h.conductor.clone(),
            instructor: h.instructor.clone(),
            created_ms: h.created_ms,
            ended: h.exercise.ended(),
            summary: Some(h.summary()),
        };
        let participants: Vec<ParticipantRecord> = h
            .participants
            .iter()
            .map(|p| ParticipantRecord {
                token: p.token.clone(),
                name: p.name.clone(),
                seat: p.seat.clone(),
            })
            .collect();
        let journal = h.exercise.journal();
        store.save(
            &record,
            &participants,
            h.stored,
            &journal[h.stored.min(journal.len())..],
        )?;
        h.stored = journal.len();
        Ok(())
    }

    /// No store in the browser: exercises live in memory only.
    #[cfg(target_arch = "wasm32")]
    fn persist(&mut self, _code: &str) -> Result<(), StoreError> {
        Ok(())
    }

    /// Deletes an exercise from memory and from the store: its participants' names, tokens
    /// and journal go with it. Returns whether there was one.
    pub fn delete(&mut self, code: &str) -> Result<bool, StoreError> {
        self.catalogue.remove(code);
        let held = self.exercises.remove(code);
        if let Some(h) = &held {
            for t in h.tokens() {
                self.tokens.remove(t);
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(store) = self.store.as_mut() {
            return Ok(store.delete_exercise(code)? || held.is_some());
        }
        Ok(held.is_some())
    }

    /// Deletes every exercise that ended before `cutoff_ms` (milliseconds since the Unix
    /// epoch, by the store's clock), with its participants; returns their codes.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn purge_ended_before(&mut self, cutoff_ms: u64) -> Result<Vec<String>, StoreError> {
        let codes = match &self.store {
            Some(store) => store.ended_before(cutoff_ms)?,
            None => return Ok(Vec::new()),
        };
        for code in &codes {
            self.delete(code)?;
        }
        Ok(codes)
    }

    /// Whether the connection of the participant with `token` is open (the server says, as
    /// connections come and go), for the class dashboard.
    pub fn set_connected(&mut self, token: &str, connected: bool, now_ms: u64) {
        if let Some((hosted, i)) = self.participant(token) {
            let p = &mut hosted.participants[i];
            p.connected = connected;
            p.seen_ms = now_ms;
        }
    }

    /// An exercise in memory.
    pub fn exercise(&self, code: &str) -> Option<&Hosted> {
        self.exercises.get(code)
    }

    /// How many exercises the hub holds, in memory or in its store.
    pub fn exercise_count(&self) -> usize {
        self.catalogue.len()
    }

    fn random(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len)
            .map(|_| alphabet[self.rng.random_range(0..alphabet.len())] as char)
            .collect()
    }

    /// Ends every phase whose deadline has passed (computer players act for empty seats);
    /// returns fresh views for the seats of exercises that moved. Call it a few times a second.
    pub fn tick(&mut self, now_ms: u64) -> Result<Vec<(String, Box<SeatView>)>, StoreError> {
        let tokens = self.tick_lazy(now_ms)?;
        Ok(self.render(tokens))
    }

    /// `tick`, returning the tokens whose views changed instead of the views.
    pub fn tick_lazy(&mut self, now_ms: u64) -> Result<Vec<String>, StoreError> {
        let mut tokens = Vec::new();
        let mut moved = Vec::new();
        for (code, h) in self.exercises.iter_mut() {
            if h.tick(now_ms) {
                tokens.extend(h.seated_tokens());
                moved.push(code.clone());
            }
        }
        for code in moved {
            self.persist(&code)?;
        }
        Ok(tokens)
    }

    /// The current view of each token's seat (tokens without a seat are skipped). A seat's
    /// view is made once however many of its delegation's members are told; each member's
    /// copy then says which member it is and that member's role.
    pub fn render(&self, tokens: impl IntoIterator<Item = String>) -> Vec<(String, Box<SeatView>)> {
        let mut made: HashMap<(&str, &str), Option<SeatView>> = HashMap::new();
        tokens
            .into_iter()
            .filter_map(|t| {
                let code = self.tokens.get(&t)?;
                let h = self.exercises.get(code)?;
                let me = h.participants.iter().find(|p| p.token == t)?;
                let seat = me.seat.as_deref()?;
                let mut v = made
                    .entry((code.as_str(), seat))
                    .or_insert_with(|| h.seat_view(seat))
                    .clone()?;
                for m in &mut v.members {
                    // Display names are unique in an exercise.
                    m.me = m.name == me.name;
                }
                v.my_role = h.role_of(seat, &me.name).cloned();
                Some((t, Box::new(v)))
            })
            .collect()
    }

    /// Handles one message from the client at `address`, at `now_ms` (server time). Any
    /// change is stored before the reply is returned, so nothing acknowledged is lost.
    pub fn handle(&mut self, address: &str, now_ms: u64, message: ClientMessage) -> Outbox {
        let mut out = self.handle_lazy(address, now_ms, message);
        out.views = self.render(std::mem::take(&mut out.refresh));
        out
    }

    /// `handle`, leaving the views to `render`: a server renders each changed view once per
    /// loop turn, however many messages touched it.
    pub fn handle_lazy(&mut self, address: &str, now_ms: u64, message: ClientMessage) -> Outbox {
        // The exercise the message is about; one not in memory comes back from the store first.
        let code = match &message {
            ClientMessage::Join { code, .. }
            | ClientMessage::Control { code, .. }
            | ClientMessage::Status { code }
            | ClientMessage::Debrief { code } => Ok(Some(normalise(code))),
            // The observers' code is the join code and a key.
            ClientMessage::Observe { code, .. } => {
                Ok(Some(normalise(code).chars().take(CODE_LENGTH).collect()))
            }
            ClientMessage::Resume { token }
            | ClientMessage::ClaimSeat { token, .. }
            | ClientMessage::ChooseRole { token, .. }
            | ClientMessage::Act { token, .. }
            | ClientMessage::Drafts { token, .. }
            | ClientMessage::Watch { token, .. }
            | ClientMessage::WatchChannels { token }
            | ClientMessage::Note { token, .. } => self.code_of(token),
            _ => Ok(None),
        };
        let code = match code {
            Ok(Some(code)) => self
                .load(&code, now_ms)
                .map(|_| Some(code))
                .map_err(|e| e.to_string()),
            Ok(None) => Ok(None),
            Err(e) => Err(e.to_string()),
        };
        let code = match code {
            Ok(code) => code,
            Err(e) => {
                let reason = say!("the server could not read the exercise: {0}", Arg::id(&e));
                return Outbox::refuse_as(Refusal::Storage, e, reason);
            }
        };
        // What may change it, to be stored (reads and a participant's return change nothing).
        let touched = match &message {
            ClientMessage::Status { .. }
            | ClientMessage::Debrief { .. }
            | ClientMessage::Resume { .. }
            | ClientMessage::Watch { .. }
            | ClientMessage::WatchChannels { .. } => None,
            _ => code,
        };
        // The class dashboard: when each participant was last heard from, and in which
        // phase they last acted.
        let speaker = match &message {
            ClientMessage::Resume { token }
            | ClientMessage::ClaimSeat { token, .. }
            | ClientMessage::ChooseRole { token, .. }
            | ClientMessage::Act { token, .. }
            | ClientMessage::Drafts { token, .. } => Some(token.clone()),
            _ => None,
        };
        let acting = matches!(
            message,
            ClientMessage::Act { .. } | ClientMessage::Drafts { .. }
        );
        let before = speaker
            .as_ref()
            .and_then(|t| self.participant(t))
            .map(|(h, _)| h.exercise.moment());
        let out = self.dispatch(address, now_ms, message);
        if let Some(token) = &speaker
            && let Some((hosted, i)) = self.participant(token)
        {
            let p = &mut hosted.participants[i];
            p.seen_ms = now_ms;
            if acting && matches!(out.reply, ServerMessage::Ack) {
                p.acted = before;
            }
        }
        let touched = match &out.reply {
            ServerMessage::Created { code, .. } => Some(code.clone()),
            ServerMessage::Refused { .. } => None,
            _ => touched,
        };
        if let Some(code) = touched
            && let Err(e) = self.persist(&code)
        {
            let e = e.to_string();
            let reason = say!("the server could not store the change: {0}", Arg::id(&e));
            return Outbox::refuse_as(Refusal::Storage, e, reason);
        }
        out
    }

    fn dispatch(&mut self, address: &str, now_ms: u64, message: ClientMessage) -> Outbox {
        match message {
            ClientMessage::Hello { version } if version == PROTOCOL_VERSION => {
                Outbox::reply(ServerMessage::Welcome { version })
            }
            ClientMessage::Hello { version } => Outbox::refuse(
                Refusal::Version,
                say!(
                    "this server speaks protocol version {0}, the client {1}: update the client",
                    PROTOCOL_VERSION,
                    version
                ),
            ),
            ClientMessage::SignIn { name, password } => {
                self.sign_in(address, now_ms, &name, &password)
            }
            ClientMessage::MyExercises { session } => match self.signed_in(&session, now_ms) {
                Some(name) => {
                    let mut mine: Vec<ExerciseSummary> = self
                        .catalogue
                        .iter()
                        .filter(|(_, l)| l.instructor.as_deref() == Some(name.as_str()))
                        .map(|(code, l)| match self.exercises.get(code) {
                            Some(h) => h.summary(),
                            None => l.summary.clone(),
                        })
                        .collect();
                    mine.sort_by(|a, b| b.created_ms.cmp(&a.created_ms).then(a.code.cmp(&b.code)));
                    Outbox::reply(ServerMessage::Exercises(mine))
                }
                None => Outbox::refuse(
                    Refusal::Unauthorised,
                    say!("sign in again: the session has ended"),
                ),
            },
            ClientMessage::CreateExercise {
                scenario_file,
                scenario_source,
                seed,
                session,
            } => self.create(now_ms, scenario_file, scenario_source, seed, session, true),
            ClientMessage::Library { session } => {
                let allowed = self.policy.open
                    || session.is_some_and(|s| self.signed_in(&s, now_ms).is_some());
                if allowed {
                    if self.listed.is_none() {
                        self.check_library();
                    }
                    Outbox::reply(ServerMessage::Library(
                        self.listed.clone().unwrap_or_default(),
                    ))
                } else {
                    Outbox::refuse(
                        Refusal::Unauthorised,
                        say!("only a signed-in instructor may create an exercise on this server"),
                    )
                }
            }
            ClientMessage::CreateFromLibrary {
                file,
                seed,
                session,
            } => match self.library.iter().find(|(f, _)| *f == file) {
                Some((_, source)) => {
                    let source = source.to_string();
                    self.create(now_ms, file, source, seed, session, false)
                }
                None => Outbox::refuse(
                    Refusal::Scenario,
                    say!(
                        "the server's library has no scenario \"{0}\"",
                        Arg::id(&file)
                    ),
                ),
            },
            ClientMessage::Join { code, name } => self.join(address, now_ms, &code, name),
            ClientMessage::Observe { code, name } => self.observe(address, now_ms, &code, name),
            ClientMessage::Watch { token, seat } => match self.watching(&token) {
                Some(hosted) => match view(&hosted.exercise, &seat) {
                    Some(v) => Outbox::reply(ServerMessage::View(Box::new(v))),
                    None => Outbox::refuse(
                        Refusal::Seat,
                        crate::sim::Refusal::UnknownSeat(seat).phrase(),
                    ),
                },
                None => Outbox::refuse(Refusal::Unauthorised, say!("unknown token")),
            },
            ClientMessage::WatchChannels { token } => match self.watching(&token) {
                Some(hosted) if hosted.conductor.observers.read_channels => Outbox::reply(
                    ServerMessage::Messages(crate::sim::view::every_message(&hosted.exercise)),
                ),
                Some(_) => Outbox::refuse(
                    Refusal::Unauthorised,
                    say!("the control cell has not opened the channels to observers"),
                ),
                None => Outbox::refuse(Refusal::Unauthorised, say!("unknown token")),
            },
            ClientMessage::Note { token, note } => self.note(now_ms, &token, note),
            // An observer watches and writes observations: nothing else.
            ClientMessage::ClaimSeat { token, .. }
            | ClientMessage::ChooseRole { token, .. }
            | ClientMessage::Act { token, .. }
            | ClientMessage::Drafts { token, .. }
                if self.is_observer(&token) =>
            {
                Outbox::refuse(
                    Refusal::Unauthorised,
                    say!("observers watch and write observations: they cannot act in the exercise"),
                )
            }
            ClientMessage::Resume { token } if self.is_observer(&token) => {
                match self.watching(&token) {
                    Some(hosted) => Outbox::reply(hosted.observing(&token)),
                    None => Outbox::refuse(Refusal::Unauthorised, say!("unknown token")),
                }
            }
            ClientMessage::Resume { token } => self.resume(&token),
            ClientMessage::ClaimSeat { token, seat } => self.claim(&token, &seat),
            ClientMessage::ChooseRole { token, role } => match self.participant(&token) {
                Some((hosted, i)) => {
                    let name = hosted.participants[i].name.clone();
                    match hosted.set_role(&name, role) {
                        Ok(refresh) => Outbox {
                            reply: ServerMessage::Ack,
                            views: Vec::new(),
                            refresh,
                        },
                        Err((refusal, reason)) => Outbox::refuse(refusal, reason),
                    }
                }
                None => Outbox::refuse(Refusal::Unauthorised, say!("unknown token")),
            },
            ClientMessage::Drafts {
                token,
                base,
                orders,
            } => self.drafts(&token, &base, orders),
            ClientMessage::Act { token, act, at } => self.act(&token, act, at),
            ClientMessage::Control { code, key, action } => {
                self.control(now_ms, &code, &key, action)
            }
            ClientMessage::Status { code } => match self.exercises.get(&normalise(&code)) {
                Some(h) => Outbox::reply(ServerMessage::Status(h.status(now_ms))),
                None => Outbox::refuse(Refusal::Unauthorised, say!("no exercise has this code")),
            },
            ClientMessage::Debrief { code } => match self.exercises.get(&normalise(&code)) {
                Some(h) if h.exercise.ended() => Outbox::reply(ServerMessage::Debrief(Box::new(
                    crate::report::Debrief::of(&h.exercise),
                ))),
                Some(_) => Outbox::refuse(
                    Refusal::NotRunning,
                    say!("the after-action report opens when the exercise ends"),
                ),
                None => Outbox::refuse(Refusal::Unauthorised, say!("no exercise has this code")),
            },
        }
    }

    /// The instructor a session belongs to, if it has not expired.
    fn signed_in(&mut self, session: &str, now_ms: u64) -> Option<String> {
        match self.sessions.get(session) {
            Some(s) if now_ms < s.expires_ms => Some(s.name.clone()),
            Some(_) => {
                self.sessions.remove(session);
                None
            }
            None => None,
        }
    }

    /// Whether `address` must wait before trying another code or password.
    fn slowed(&self, address: &str, now_ms: u64) -> Option<Outbox> {
        let t = self.throttles.get(address)?;
        (now_ms < t.blocked_until_ms).then(|| {
            Outbox::refuse(
                Refusal::SlowDown,
                say!(
                    "too many wrong codes: try again in {0} s",
                    (t.blocked_until_ms - now_ms).div_ceil(1000)
                ),
            )
        })
    }

    /// Counts a wrong code or password from `address`: after `FREE_FAILURES`, each further
    /// one makes it wait one second, doubling, up to ten minutes.
    fn failed(&mut self, address: &str, now_ms: u64) {
        if self.throttles.len() >= MAX_THROTTLES {
            self.throttles.retain(|_, t| now_ms < t.blocked_until_ms);
        }
        let t = self
            .throttles
            .entry(address.to_string())
            .or_insert(Throttle {
                failures: 0,
                blocked_until_ms: 0,
            });
        t.failures += 1;
        if t.failures > FREE_FAILURES {
            let wait = 1000u64 << (t.failures - FREE_FAILURES - 1).min(10);
            t.blocked_until_ms = now_ms + wait.min(600_000);
        }
    }

    fn sign_in(&mut self, address: &str, now_ms: u64, name: &str, password: &str) -> Outbox {
        if let Some(out) = self.slowed(address, now_ms) {
            return out;
        }
        // Each check costs a password hash (tens of milliseconds on the server's loop): many
        // addresses at once must not stall every class on the server.
        let second = now_ms / 1000;
        if self.hashed.0 != second {
            self.hashed = (second, 0);
        }
        if self.hashed.1 >= HASHES_PER_SECOND {
            return Outbox::refuse(
                Refusal::SlowDown,
                say!("the server is busy signing others in: try again in a moment"),
            );
        }
        self.hashed.1 += 1;
        #[cfg(not(target_arch = "wasm32"))]
        let checked = match &self.store {
            Some(store) if name.len() <= 64 && password.len() <= 256 => {
                store.check_instructor(name, password)
            }
            _ => Ok(false),
        };
        #[cfg(target_arch = "wasm32")]
        let checked: Result<bool, StoreError> = {
            let _ = (name, password);
            Ok(false)
        };
        match checked {
            Err(e) => {
                let e = e.to_string();
                let reason = say!("the server could not read its accounts: {0}", Arg::id(&e));
                Outbox::refuse_as(Refusal::Storage, e, reason)
            }
            Ok(false) => {
                self.failed(address, now_ms);
                Outbox::refuse(
                    Refusal::Unauthorised,
                    say!("wrong instructor name or password"),
                )
            }
            Ok(true) => {
                self.throttles.remove(address);
                if self.sessions.len() >= MAX_SESSIONS {
                    self.sessions.retain(|_, s| now_ms < s.expires_ms);
                }
                if self.sessions.len() >= MAX_SESSIONS
                    && let Some(oldest) = self
                        .sessions
                        .iter()
                        .min_by_key(|(_, s)| s.expires_ms)
                        .map(|(k, _)| k.clone())
                {
                    self.sessions.remove(&oldest);
                }
                let session = self.random(TOKEN_ALPHABET, 32);
                self.sessions.insert(
                    session.clone(),
                    Session {
                        name: name.to_string(),
                        expires_ms: now_ms + SESSION_MS,
                    },
                );
                Outbox::reply(ServerMessage::SignedIn {
                    session,
                    name: name.to_string(),
                })
            }
        }
    }

    /// Counts a scenario file sent by `who` at `now_ms`; false if it is past the hour's limit.
    fn count_upload(&mut self, who: String, now_ms: u64) -> bool {
        const HOUR_MS: u64 = 3600 * 1000;
        if self.uploads.len() >= MAX_THROTTLES {
            self.uploads
                .retain(|_, t| t.back().is_some_and(|last| now_ms < last + HOUR_MS));
        }
        let times = self.uploads.entry(who).or_default();
        while times.front().is_some_and(|t| now_ms >= t + HOUR_MS) {
            times.pop_front();
        }
        if times.len() >= self.policy.max_uploads_per_hour {
            return false;
        }
        times.push_back(now_ms);
        true
    }

    fn create(
        &mut self,
        now_ms: u64,
        file: String,
        source: String,
        seed: Option<u64>,
        session: Option<String>,
        // The file came from the client (not the server's library).
        uploaded: bool,
    ) -> Outbox {
        let instructor = match session.as_deref().and_then(|s| self.signed_in(s, now_ms)) {
            Some(name) => Some(name),
            None if self.policy.open => None,
            None => {
                return Outbox::refuse(
                    Refusal::Unauthorised,
                    if session.is_some() {
                        say!("sign in again: the session has ended")
                    } else {
                        say!("only a signed-in instructor may create an exercise on this server")
                    },
                );
            }
        };
        let limit = |what: Phrase| Outbox::refuse(Refusal::Limit, what);
        if self.catalogue.len() >= self.policy.max_exercises {
            return limit(say!(
                "this server holds its limit of {0} exercises: delete ended ones first",
                self.policy.max_exercises
            ));
        }
        if let Some(name) = &instructor {
            let mine = self
                .catalogue
                .values()
                .filter(|l| l.instructor.as_ref() == Some(name))
                .count();
            if mine >= self.policy.max_per_instructor {
                return limit(say!(
                    "you have {0} exercises on this server, its limit per instructor: delete ended ones first",
                    self.policy.max_per_instructor
                ));
            }
        }
        if source.len() > self.policy.max_scenario_bytes {
            return limit(say!(
                "the scenario is {0} KB, more than the {1} KB this server takes",
                source.len().div_ceil(1024),
                self.policy.max_scenario_bytes / 1024
            ));
        }
        if uploaded
            && let Some(name) = &instructor
            && !self.count_upload(name.clone(), now_ms)
        {
            return limit(say!(
                "you have sent {0} scenario files this past hour, this server's limit: try again later",
                self.policy.max_uploads_per_hour
            ));
        }
        let file: String = file.chars().filter(|c| !c.is_control()).take(200).collect();
        let sc = match scenario::parse(&source, &file) {
            Ok(sc) => Arc::new(sc),
            Err(e) => return Outbox::reply(ServerMessage::ScenarioProblems(e.0)),
        };
        let seed = seed.unwrap_or_else(|| self.rng.random());
        let code = loop {
            let c = self.random(CODE_ALPHABET, CODE_LENGTH);
            if !self.catalogue.contains_key(&c) {
                break c;
            }
        };
        let key = self.random(b"0123456789abcdef", 24);
        let hosted = Hosted {
            code: code.clone(),
            key: key.clone(),
            instructor,
            created_ms: now_ms,
            seed,
            stored: 0,
            scenario_file: file,
            scenario_source: source,
            exercise: Exercise::new(sc, seed),
            participants: Vec::new(),
            conductor: Conductor::default(),
            touched_ms: now_ms,
            replayed: None,
        };
        self.catalogue.insert(
            code.clone(),
            Listed {
                instructor: hosted.instructor.clone(),
                summary: hosted.summary(),
            },
        );
        self.exercises.insert(code.clone(), hosted);
        Outbox::reply(ServerMessage::Created {
            code,
            instructor_key: key,
        })
    }

    fn join(&mut self, address: &str, now_ms: u64, code: &str, name: String) -> Outbox {
        if let Some(out) = self.slowed(address, now_ms) {
            return out;
        }
        let code = normalise(code);
        if !self.exercises.contains_key(&code) {
            self.failed(address, now_ms);
            return Outbox::refuse(Refusal::Unauthorised, say!("no exercise has this code"));
        }
        self.throttles.remove(address);
        let Some(name) = display_name(&name) else {
            return Outbox::refuse(Refusal::Malformed, say!("a display name is needed"));
        };
        let token = self.random(TOKEN_ALPHABET, 32);
        let max = self.policy.max_participants;
        let Some(hosted) = self.exercises.get_mut(&code) else {
            return Outbox::refuse(Refusal::Unauthorised, say!("no exercise has this code"));
        };
        if hosted.participants.len() >= max {
            return Outbox::refuse(
                Refusal::Limit,
                say!(
                    "this exercise is full: {0} people have joined it, the server's limit",
                    max
                ),
            );
        }
        // Names are how the control cell tells people apart: one per person. Someone
        // coming back has their rejoin link (the token), not a second entry.
        if let Some(out) = hosted.name_clash(&name) {
            return out;
        }
        hosted.participants.push(Participant {
            name,
            token: token.clone(),
            seat: None,
            seen_ms: now_ms,
            connected: true,
            acted: None,
        });
        self.tokens.insert(token.clone(), code);
        Outbox::reply(hosted.joined(token))
    }

    /// Whether `token` is an observer's (of an exercise in memory).
    fn is_observer(&self, token: &str) -> bool {
        self.tokens
            .get(token)
            .and_then(|code| self.exercises.get(code))
            .is_some_and(|h| h.observer(token).is_some())
    }

    /// The exercise an observer watches.
    fn watching(&self, token: &str) -> Option<&Hosted> {
        self.tokens
            .get(token)
            .and_then(|code| self.exercises.get(code))
            .filter(|h| h.observer(token).is_some())
    }

    /// An observer or evaluator joins with the observers' code: the join code and the key
    /// the control cell made. Wrong codes count towards the address's slowing down, as
    /// wrong join codes do.
    fn observe(&mut self, address: &str, now_ms: u64, code: &str, name: String) -> Outbox {
        if let Some(out) = self.slowed(address, now_ms) {
            return out;
        }
        let full = normalise(code);
        let (code, key) = full.split_at(full.len().min(CODE_LENGTH));
        let known = self
            .exercises
            .get(code)
            .and_then(|h| h.conductor.observers.key.as_deref())
            .is_some_and(|k| k == key);
        if !known {
            self.failed(address, now_ms);
            return Outbox::refuse(
                Refusal::Unauthorised,
                say!("no exercise has this observers' code"),
            );
        }
        self.throttles.remove(address);
        let Some(name) = display_name(&name) else {
            return Outbox::refuse(Refusal::Malformed, say!("a display name is needed"));
        };
        // An observer's token starts with the exercise's code, so a server that has not
        // loaded the exercise since it restarted still finds it (participants' tokens are
        // found in the store).
        let token = format!("{code}{}", self.random(TOKEN_ALPHABET, 32));
        let Some(hosted) = self.exercises.get_mut(code) else {
            return Outbox::refuse(Refusal::Unauthorised, say!("no exercise has this code"));
        };
        let observers = &hosted.conductor.observers;
        if observers.people.len() >= crate::observation::MAX_OBSERVERS {
            return Outbox::refuse(
                Refusal::Limit,
                say!(
                    "this exercise has its {0} observers already",
                    crate::observation::MAX_OBSERVERS
                ),
            );
        }
        if let Some(out) = hosted.name_clash(&name) {
            return out;
        }
        hosted
            .conductor
            .observers
            .people
            .push((name, token.clone()));
        self.tokens.insert(token.clone(), code.to_string());
        let hosted = &self.exercises[code];
        Outbox::reply(hosted.observing(&token))
    }

    /// Keeps an observer's observation, stamped with the moment and the server's clock.
    fn note(&mut self, now_ms: u64, token: &str, note: crate::observation::Draft) -> Outbox {
        use crate::observation::{MAX_OBSERVATIONS, MAX_TEXT, Observation, Tie};
        let Some(hosted) = self
            .tokens
            .get(token)
            .cloned()
            .and_then(|code| self.exercises.get_mut(&code))
        else {
            return Outbox::refuse(Refusal::Unauthorised, say!("unknown token"));
        };
        let Some(by) = hosted.observer(token) else {
            return Outbox::refuse(
                Refusal::Unauthorised,
                say!("only observers and evaluators write observations"),
            );
        };
        let sc = hosted.exercise.scenario();
        let text = note.text.trim().to_string();
        let bad = |reason: Phrase| Outbox::refuse(Refusal::Malformed, reason);
        if text.is_empty() {
            return bad(say!("an empty observation"));
        }
        if text.len() > MAX_TEXT {
            return bad(say!("an observation longer than {0} bytes", MAX_TEXT));
        }
        if let Some(seat) = &note.about
            && !sc.seats.iter().any(|s| &s.id == seat)
        {
            return bad(crate::sim::Refusal::UnknownSeat(seat.clone()).phrase());
        }
        let tied = match &note.tie {
            Tie::Nothing => true,
            Tie::LearningObjective(id) => sc.learning_objectives.iter().any(|l| &l.id == id),
            Tie::Objective { seat, id } => sc
                .seats
                .iter()
                .any(|s| &s.id == seat && s.objectives.iter().any(|o| &o.id == id)),
            Tie::Inject(id) => sc.injects.iter().any(|i| &i.id == id),
        };
        if !tied {
            return bad(say!("the observation is tied to nothing this scenario has"));
        }
        if hosted.conductor.observers.notes.len() >= MAX_OBSERVATIONS {
            return Outbox::refuse(
                Refusal::Limit,
                say!("this exercise holds its {0} observations", MAX_OBSERVATIONS),
            );
        }
        let clock = hosted.exercise.clock();
        let observation = Observation {
            by,
            turn: clock.turn,
            phase: clock.phase,
            at_ms: now_ms,
            draft: crate::observation::Draft { text, ..note },
        };
        hosted.conductor.observers.notes.push(observation);
        Outbox::reply(ServerMessage::Ack)
    }

    fn participant(&mut self, token: &str) -> Option<(&mut Hosted, usize)> {
        let code = self.tokens.get(token)?;
        let hosted = self.exercises.get_mut(code)?;
        let i = hosted.participants.iter().position(|p| p.token == token)?;
        Some((hosted, i))
    }

    fn resume(&mut self, token: &str) -> Outbox {
        let Some((hosted, i)) = self.participant(token) else {
            return Outbox::refuse(Refusal::Unauthorised, say!("unknown token"));
        };
        let mut out = Outbox::reply(hosted.joined(token.to_string()));
        if hosted.participants[i].seat.is_some() {
            out.refresh.push(token.to_string());
        }
        out
    }

    fn claim(&mut self, token: &str, seat: &str) -> Outbox {
        let Some((hosted, i)) = self.participant(token) else {
            return Outbox::refuse(Refusal::Unauthorised, say!("unknown token"));
        };
        if !hosted.playable(seat) {
            return Outbox::refuse(
                Refusal::Seat,
                say!("\"{0}\" is not a playable seat", Arg::id(seat)),
            );
        }
        if hosted.conductor.assigned_only && hosted.participants[i].seat.as_deref() != Some(seat) {
            return Outbox::refuse(
                Refusal::Seat,
                say!("the control cell assigns the seats in this exercise: wait for yours"),
            );
        }
        let room = hosted.conductor.delegation(&hosted.exercise, seat);
        let others = hosted.members(seat).filter(|p| p.token != token).count() as u32;
        if others >= room {
            return Outbox::refuse(
                Refusal::Seat,
                if room == 1 {
                    say!("\"{0}\" is taken", Arg::id(seat))
                } else {
                    say!(
                        "\"{0}\" is full: its delegation has {1} people",
                        Arg::id(seat),
                        room
                    )
                },
            );
        }
        // A seat may be changed in the lobby; once the exercise runs, its moves are the
        // seat's, and a change of player is the control cell's to make.
        let moving = hosted.participants[i]
            .seat
            .as_deref()
            .is_some_and(|s| s != seat);
        if moving && hosted.conductor.started {
            return Outbox::refuse(
                Refusal::Seat,
                say!("seats change only in the lobby, before the start: ask the control cell"),
            );
        }
        hosted.seat(i, Some(seat.to_string()));
        // The delegation sees who joined it.
        let mut out = Outbox::reply(ServerMessage::Ack);
        out.refresh = hosted.members(seat).map(|p| p.token.clone()).collect();
        out
    }

    /// Keeps a member's change to the seat's drafts; every member's page gets the drafts at
    /// once, with who added each (the sender's too: others may have changed them meanwhile).
    fn drafts(&mut self, token: &str, base: &[Order], orders: Vec<Order>) -> Outbox {
        let Some((hosted, i)) = self.participant(token) else {
            return Outbox::refuse(Refusal::Unauthorised, say!("unknown token"));
        };
        let Some(seat) = hosted.participants[i].seat.clone() else {
            return Outbox::refuse(Refusal::Seat, say!("take a seat first"));
        };
        let by = hosted.participants[i].name.clone();
        if let Err(e) = hosted
            .conductor
            .keep_drafts(&hosted.exercise, &seat, base, orders, &by)
        {
            return Outbox::refuse(
                Refusal::Rules,
                match e {
                    DraftError::TooMany => say!("at most {0} orders per turn", MAX_ORDERS),
                    DraftError::Phase => {
                        say!("orders are drafted in the negotiation and orders phases")
                    }
                },
            );
        }
        let mut out = Outbox::reply(ServerMessage::Ack);
        out.refresh = hosted.members(&seat).map(|p| p.token.clone()).collect();
        out
    }

    fn act(&mut self, token: &str, act: SeatAct, at: Moment) -> Outbox {
        let Some((hosted, i)) = self.participant(token) else {
            return Outbox::refuse(Refusal::Unauthorised, say!("unknown token"));
        };
        let Some(seat) = hosted.participants[i].seat.clone() else {
            return Outbox::refuse(Refusal::Seat, say!("take a seat first"));
        };
        // Talking never waits; moves wait for the start and stop while paused.
        let talk = matches!(
            act,
            SeatAct::Say { .. } | SeatAct::Ask { .. } | SeatAct::Answer { .. }
        );
        if !talk && (!hosted.conductor.started || hosted.conductor.paused) {
            return Outbox::refuse(
                Refusal::NotRunning,
                if hosted.conductor.paused {
                    say!("the exercise is paused")
                } else {
                    say!("the exercise has not started")
                },
            );
        }
        let ready = matches!(act, SeatAct::Ready);
        // The computer players a seat writes to in a conversation of seats, or in a meeting
        // of which they are members (then they answer in the meeting).
        let (written_to, meeting): (Vec<String>, Option<u32>) = match &act {
            SeatAct::Say {
                channel: crate::sim::channels::Channel::Seats(seats),
                ..
            } => (
                seats
                    .iter()
                    .filter(|s| **s != seat && !hosted.held(s))
                    .cloned()
                    .collect(),
                None,
            ),
            SeatAct::Say {
                channel: crate::sim::channels::Channel::Meeting(id),
                ..
            } => {
                let world = hosted.exercise.world();
                let c = world.resource::<crate::sim::catalog::Catalog>();
                let members = world
                    .resource::<crate::sim::meetings::Meetings>()
                    .0
                    .get(*id as usize)
                    .map(|m| m.members)
                    .unwrap_or_default();
                let seats = c
                    .seats_in(members)
                    .into_iter()
                    .filter(|s| *s != seat && !hosted.held(s))
                    .collect();
                (seats, Some(*id))
            }
            _ => (Vec::new(), None),
        };
        let asked_bot = match &act {
            SeatAct::Ask { to, .. } if *to != seat && !hosted.held(to) => Some(to.clone()),
            _ => None,
        };
        // The seat is always the token's own: a client cannot act for another seat. Who in
        // the delegation acted is recorded with the act.
        let by = hosted.participants[i].name.clone();
        let changed = match hosted
            .exercise
            .apply_at(Command::by(seat.clone(), by, act), at)
        {
            Ok(changed) => changed,
            Err(e) => return Outbox::refuse(Refusal::Rules, e.phrase()),
        };
        // A computer player written to answers with its position (once a turn each).
        for bot in written_to {
            let _ = hosted.exercise.apply(Command::seat(
                bot,
                SeatAct::Acknowledge {
                    to: seat.clone(),
                    meeting,
                },
            ));
        }
        // A computer player asked for a step answers at once, yes or no, with its reason.
        if let Some(bot) = asked_bot {
            let message = hosted
                .exercise
                .world()
                .resource::<crate::sim::channels::Channels>()
                .0
                .len()
                .saturating_sub(1) as u32;
            if let Some(answer) =
                Bot::new(&hosted.exercise, &bot).and_then(|b| b.answer(&hosted.exercise, message))
            {
                let _ = hosted.exercise.apply(Command::seat(bot, answer));
            }
        }
        // A phase ends early when every human seat is ready.
        let changed = if ready && Conductor::all_ready(&hosted.exercise, &hosted.human_seats()) {
            let bots = hosted.bots();
            hosted.conductor.end_phase(&mut hosted.exercise, &bots);
            Changed::Everyone
        } else {
            changed
        };
        let mut out = Outbox::reply(ServerMessage::Ack);
        out.refresh = hosted.tokens_of(&changed);
        out
    }

    fn control(&mut self, now_ms: u64, code: &str, key: &str, action: ControlAction) -> Outbox {
        let code = normalise(code);
        let Some(hosted) = self.exercises.get_mut(&code) else {
            return Outbox::refuse(Refusal::Unauthorised, say!("no exercise has this code"));
        };
        if hosted.key != key {
            return Outbox::refuse(
                Refusal::Unauthorised,
                say!("only the control cell may do this"),
            );
        }
        // The observers' code: the join code and a key, made when first asked for.
        if action == ControlAction::ObserverCode {
            let key = match hosted.conductor.observers.key.clone() {
                Some(key) => key,
                None => {
                    let key = self.random(CODE_ALPHABET, crate::observation::KEY_LENGTH);
                    if let Some(h) = self.exercises.get_mut(&code) {
                        h.conductor.observers.key = Some(key.clone());
                    }
                    key
                }
            };
            return Outbox::reply(ServerMessage::ObserverCode(format!("{code}{key}")));
        }
        if action == ControlAction::Delete {
            return match self.delete(&code) {
                Ok(_) => Outbox::reply(ServerMessage::Ack),
                Err(e) => {
                    let e = e.to_string();
                    let reason = say!("the server could not store the change: {0}", Arg::id(&e));
                    Outbox::refuse_as(Refusal::Storage, e, reason)
                }
            };
        }
        let reseated = matches!(
            action,
            ControlAction::AssignSeat { .. }
                | ControlAction::Unseat { .. }
                | ControlAction::ToComputer { .. }
        );
        let result: Result<(), (Refusal, Phrase)> = match action {
            ControlAction::AssignSeat { name, seat } => hosted.assign(&name, &seat),
            ControlAction::AssignRole { name, role } => hosted.set_role(&name, role).map(|_| ()),
            ControlAction::Unseat { name } => {
                match hosted.participants.iter().position(|p| p.name == name) {
                    Some(i) => {
                        hosted.seat(i, None);
                        Ok(())
                    }
                    None => Err((
                        Refusal::Seat,
                        say!("nobody called \"{0}\" has joined", Arg::id(&name)),
                    )),
                }
            }
            ControlAction::ToComputer { seat } => {
                if hosted.playable(&seat) {
                    hosted.empty(&seat);
                    Ok(())
                } else {
                    Err((
                        Refusal::Seat,
                        say!("\"{0}\" is not a playable seat", Arg::id(&seat)),
                    ))
                }
            }
            ControlAction::Delegations { size } => match size {
                Some(n) if !(1..=crate::conductor::MAX_DELEGATION).contains(&n) => Err((
                    Refusal::Limit,
                    say!(
                        "a delegation of {0}: expected 1 to {1} people per seat",
                        n,
                        crate::conductor::MAX_DELEGATION
                    ),
                )),
                _ => {
                    hosted.conductor.delegation = size;
                    Ok(())
                }
            },
            ControlAction::AssignedOnly(only) => {
                hosted.conductor.assigned_only = only;
                Ok(())
            }
            ControlAction::Start => {
                hosted.conductor.start(&hosted.exercise, now_ms);
                Ok(())
            }
            ControlAction::Pause => {
                hosted.conductor.pause(now_ms);
                Ok(())
            }
            ControlAction::Resume => {
                hosted.conductor.resume(now_ms);
                Ok(())
            }
            ControlAction::AtDeadline(choice) => {
                hosted.conductor.at_deadline = choice;
                Ok(())
            }
            ControlAction::AdjustDeadline { seconds } => hosted
                .conductor
                .adjust(&hosted.exercise, now_ms, seconds)
                .map_err(|_| (Refusal::NotRunning, say!("this phase has no deadline"))),
            ControlAction::ReadChannels => {
                let all = crate::sim::view::every_message(&hosted.exercise);
                return Outbox::reply(ServerMessage::Messages(all));
            }
            ControlAction::Game { act, at } => {
                let command = Command::Control(act);
                match hosted.exercise.stale(&command, at) {
                    Some(stale) => Err((Refusal::Rules, stale.phrase())),
                    // Moving on lets the computer players act first, as a deadline does.
                    None if command == Command::ADVANCE => {
                        let bots = hosted.bots();
                        hosted.conductor.end_phase(&mut hosted.exercise, &bots);
                        Ok(())
                    }
                    None => hosted
                        .exercise
                        .apply(command)
                        .map(|_| ())
                        .map_err(|e| (Refusal::Rules, e.phrase())),
                }
            }
            ControlAction::ViewSeat { seat } => {
                return match view(&hosted.exercise, &seat) {
                    Some(v) => Outbox::reply(ServerMessage::View(Box::new(v))),
                    None => Outbox::refuse(
                        Refusal::Seat,
                        crate::sim::Refusal::UnknownSeat(seat).phrase(),
                    ),
                };
            }
            ControlAction::Debrief => {
                return Outbox::reply(ServerMessage::Debrief(Box::new(hosted.report())));
            }
            ControlAction::SavePlan { rows } => match crate::observation::checked_plan(rows) {
                Ok(rows) => {
                    hosted.conductor.observers.plan = Some(rows);
                    // The report with the plan as saved: the debrief shows it at once.
                    return Outbox::reply(ServerMessage::Debrief(Box::new(hosted.report())));
                }
                Err(why) => Err((Refusal::Limit, why)),
            },
            ControlAction::Delete => unreachable!("handled above"),
            ControlAction::Dashboard => {
                return Outbox::reply(ServerMessage::Dashboard(hosted.dashboard(now_ms)));
            }
            ControlAction::Journal => {
                let journal = crate::sim::journal::Journal {
                    format: crate::sim::journal::JOURNAL_FORMAT,
                    scenario_file: hosted.scenario_file.clone(),
                    scenario_source: hosted.scenario_source.clone(),
                    seed: hosted.seed,
                    commands: hosted.exercise.journal().to_vec(),
                };
                return Outbox::reply(ServerMessage::Journal(journal.to_jsonl()));
            }
            ControlAction::FiredInjects => {
                return Outbox::reply(ServerMessage::FiredInjects(hosted.exercise.fired_injects()));
            }
            ControlAction::Expectations => {
                return Outbox::reply(ServerMessage::Expectations(hosted.exercise.expectations()));
            }
            ControlAction::ObserverCode => unreachable!("handled above"),
            ControlAction::Observations => {
                return Outbox::reply(ServerMessage::Observations(
                    hosted.conductor.observers.notes.clone(),
                ));
            }
            ControlAction::ObserversReadChannels(open) => {
                hosted.conductor.observers.read_channels = open;
                Ok(())
            }
            ControlAction::Scenario => {
                return Outbox::reply(ServerMessage::ScenarioText {
                    file: hosted.scenario_file.clone(),
                    source: hosted.scenario_source.clone(),
                });
            }
        };
        match result {
            Ok(()) => {
                // A seat handed to the computer (or a person sent to the lobby) may leave
                // every remaining human seat ready: the phase then ends, as it would have.
                let humans = hosted.human_seats();
                if reseated
                    && hosted.conductor.started
                    && !hosted.conductor.paused
                    && Conductor::all_ready(&hosted.exercise, &humans)
                {
                    let bots = hosted.bots();
                    hosted.conductor.end_phase(&mut hosted.exercise, &bots);
                }
                Outbox {
                    reply: ServerMessage::Ack,
                    views: Vec::new(),
                    refresh: hosted.seated_tokens(),
                }
            }
            Err((refusal, message)) => Outbox::refuse(refusal, message),
        }
    }
}

/// A display name as typed, trimmed, without control characters, 40 characters at most
/// (none: nothing is left).
fn display_name(name: &str) -> Option<String> {
    let name: String = name
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(40)
        .collect();
    (!name.is_empty()).then_some(name)
}

/// Join codes are read aloud and typed by hand: ignore case, spaces and dashes.
pub fn normalise(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .take(16)
        .collect()
}
