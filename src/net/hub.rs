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
use crate::i18n::{Arg, Phrase};
use crate::say;
use crate::scenario;
use crate::sim::clock::Phase;
use crate::sim::exercise::{Command, Exercise};
use crate::sim::view::{SeatView, view};
#[cfg(not(target_arch = "wasm32"))]
use crate::store::{ExerciseRecord, ParticipantRecord, Store, StoreError};
/// The browser build has no store, so storing never fails there.
#[cfg(target_arch = "wasm32")]
type StoreError = std::convert::Infallible;

/// Join codes use only characters that cannot be misread (no 0/O, 1/I/L).
pub const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const CODE_LENGTH: usize = 6;
/// Wrong join codes an address may send before it is slowed down.
pub const FREE_FAILURES: u32 = 5;

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
}

/// One hosted exercise.
pub struct Hosted {
    pub code: String,
    key: String,
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    seed: u64,
    /// How many journal commands are in the store.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    stored: usize,
    pub scenario_file: String,
    pub scenario_source: String,
    pub exercise: Exercise,
    participants: Vec<Participant>,
    pub started: bool,
    pub paused: bool,
    /// When the current phase ends by itself, and which (turn, phase) that deadline is for.
    deadline_ms: Option<u64>,
    deadline_for: Option<(u32, Phase)>,
    /// Time left in the phase when the exercise was paused.
    paused_left_ms: Option<u64>,
}

/// How long the phases without a scenario deadline last in a networked exercise.
pub const BRIEFING_MS: u64 = 60_000;
pub const PRESS_MS: u64 = 30_000;

impl Hosted {
    /// Whether a human may take this seat.
    fn playable(&self, seat: &str) -> bool {
        self.exercise
            .scenario()
            .seats
            .iter()
            .any(|s| s.id == seat && s.playable)
    }

    fn phase_length_ms(&self, phase: Phase) -> Option<u64> {
        let d = &self.exercise.scenario().deadlines;
        match phase {
            Phase::Briefing => Some(BRIEFING_MS),
            Phase::Negotiation => Some(d.negotiation_secs as u64 * 1000),
            Phase::Orders => Some(d.orders_secs as u64 * 1000),
            Phase::Resolution => Some(0),
            Phase::Press => Some(PRESS_MS),
            Phase::Ended => None,
        }
    }

    /// A new phase gets its deadline; the same phase keeps the one it has.
    fn refresh_deadline(&mut self, now_ms: u64) {
        let clock = self.exercise.clock();
        let current = (clock.turn, clock.phase);
        if self.deadline_for != Some(current) {
            self.deadline_for = Some(current);
            self.deadline_ms = self.phase_length_ms(current.1).map(|l| now_ms + l);
        }
    }

    /// Moves every phase whose deadline has passed; returns whether anything moved.
    fn run_deadlines(&mut self, now_ms: u64) -> bool {
        let mut moved = false;
        // Bounded: at most one full turn per tick.
        for _ in 0..6 {
            if !self.started || self.paused || self.exercise.ended() {
                break;
            }
            self.refresh_deadline(now_ms);
            match self.deadline_ms {
                Some(d) if now_ms >= d => {
                    self.advance();
                    moved = true;
                }
                _ => break,
            }
        }
        moved
    }

    fn holder(&self, seat: &str) -> Option<&Participant> {
        self.participants
            .iter()
            .find(|p| p.seat.as_deref() == Some(seat))
    }

    fn seats(&self) -> Vec<SeatInfo> {
        let sc = self.exercise.scenario();
        sc.seats
            .iter()
            .map(|s| SeatInfo::of(sc, s, self.holder(&s.id).map(|p| p.name.clone())))
            .collect()
    }

    pub fn status(&self, now_ms: u64) -> ExerciseStatus {
        let clock = self.exercise.clock();
        let running = self.started && !self.paused && !self.exercise.ended();
        ExerciseStatus {
            code: self.code.clone(),
            scenario: self.exercise.scenario().id.clone(),
            turn: clock.turn,
            phase: clock.phase.name().to_string(),
            started: self.started,
            paused: self.paused,
            ended: self.exercise.ended(),
            seconds_left: self
                .deadline_ms
                .filter(|_| running)
                .map(|d| d.saturating_sub(now_ms).div_ceil(1000)),
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

    /// Every participant holding a seat.
    fn seated_tokens(&self) -> Vec<String> {
        self.participants
            .iter()
            .filter(|p| p.seat.is_some())
            .map(|p| p.token.clone())
            .collect()
    }

    /// Computer players act for every seat no human holds, then the phase moves on (a
    /// resolution goes straight on to the press).
    fn advance(&mut self) {
        let bots: Vec<Bot> = self
            .exercise
            .scenario()
            .seats
            .iter()
            .filter(|s| self.holder(&s.id).is_none())
            .filter_map(|s| Bot::new(&self.exercise, &s.id))
            .collect();
        crate::play::step_bots(&mut self.exercise, &bots);
        let _ = self.exercise.apply(Command::Advance);
        if self.exercise.clock().phase == Phase::Resolution {
            let _ = self.exercise.apply(Command::Advance);
        }
    }

    /// Seats held by humans that are not yet ready in this phase.
    pub fn waiting_for(&self) -> Vec<String> {
        let held: Vec<String> = self
            .participants
            .iter()
            .filter_map(|p| p.seat.clone())
            .collect();
        held.into_iter()
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
    exercises: BTreeMap<String, Hosted>,
    tokens: HashMap<String, String>,
    rng: ChaCha8Rng,
    throttles: HashMap<String, Throttle>,
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
    /// `seed` feeds join codes, keys and tokens (use real entropy in a server).
    pub fn new(seed: u64) -> Self {
        Self {
            exercises: BTreeMap::new(),
            tokens: HashMap::new(),
            rng: ChaCha8Rng::seed_from_u64(seed),
            throttles: HashMap::new(),
            #[cfg(not(target_arch = "wasm32"))]
            store: None,
        }
    }

    /// A hub that stores every change in `store` before acknowledging it, and starts with
    /// every exercise the store holds, replayed to where it stood.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn with_store(seed: u64, store: Store) -> Result<Self, RestoreError> {
        let mut hub = Self::new(seed);
        for stored in store.load_all()? {
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
                hub.tokens.insert(p.token.clone(), e.code.clone());
            }
            let participants = stored
                .participants
                .into_iter()
                .map(|p| Participant {
                    name: p.name,
                    token: p.token,
                    seat: p.seat,
                })
                .collect();
            let hosted = Hosted {
                code: e.code.clone(),
                key: e.key,
                seed: e.seed,
                stored: stored.commands.len(),
                scenario_file: e.scenario_file,
                scenario_source: e.scenario_source,
                exercise,
                participants,
                deadline_ms: None,
                deadline_for: None,
                paused_left_ms: None,
                started: e.started,
                paused: e.paused,
            };
            hub.exercises.insert(e.code, hosted);
        }
        hub.store = Some(store);
        Ok(hub)
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
            started: h.started,
            paused: h.paused,
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

    pub fn exercise(&self, code: &str) -> Option<&Hosted> {
        self.exercises.get(code)
    }

    pub fn exercise_count(&self) -> usize {
        self.exercises.len()
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
            if h.run_deadlines(now_ms) {
                tokens.extend(h.seated_tokens());
                moved.push(code.clone());
            }
        }
        for code in moved {
            self.persist(&code)?;
        }
        Ok(tokens)
    }

    /// The current view of each token's seat (tokens without a seat are skipped).
    pub fn render(&self, tokens: impl IntoIterator<Item = String>) -> Vec<(String, Box<SeatView>)> {
        tokens
            .into_iter()
            .filter_map(|t| {
                let code = self.tokens.get(&t)?;
                let h = self.exercises.get(code)?;
                let seat = h
                    .participants
                    .iter()
                    .find(|p| p.token == t)?
                    .seat
                    .as_deref()?;
                let v = view(&h.exercise, seat)?;
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
        let touched = match &message {
            ClientMessage::Join { code, .. } | ClientMessage::Control { code, .. } => {
                Some(normalise(code))
            }
            ClientMessage::ClaimSeat { token, .. } | ClientMessage::Act { token, .. } => {
                self.tokens.get(token).cloned()
            }
            _ => None,
        };
        let out = self.dispatch(address, now_ms, message);
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
            ClientMessage::CreateExercise {
                scenario_file,
                scenario_source,
                seed,
            } => self.create(scenario_file, scenario_source, seed),
            ClientMessage::Join { code, name } => self.join(address, now_ms, &code, name),
            ClientMessage::Resume { token } => self.resume(&token),
            ClientMessage::ClaimSeat { token, seat } => self.claim(&token, &seat),
            ClientMessage::Act { token, act } => self.act(&token, act),
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

    fn create(&mut self, file: String, source: String, seed: Option<u64>) -> Outbox {
        let sc = match scenario::parse(&source, &file) {
            Ok(sc) => Arc::new(sc),
            Err(e) => {
                let e = e.to_string();
                let reason = say!("the scenario does not load: {0}", Arg::id(&e));
                return Outbox::refuse_as(Refusal::Scenario, e, reason);
            }
        };
        let seed = seed.unwrap_or_else(|| self.rng.random());
        let code = loop {
            let c = self.random(CODE_ALPHABET, CODE_LENGTH);
            if !self.exercises.contains_key(&c) {
                break c;
            }
        };
        let key = self.random(b"0123456789abcdef", 24);
        let hosted = Hosted {
            code: code.clone(),
            key: key.clone(),
            seed,
            stored: 0,
            scenario_file: file,
            scenario_source: source,
            exercise: Exercise::new(sc, seed),
            participants: Vec::new(),
            deadline_ms: None,
            deadline_for: None,
            paused_left_ms: None,
            started: false,
            paused: false,
        };
        self.exercises.insert(code.clone(), hosted);
        Outbox::reply(ServerMessage::Created {
            code,
            instructor_key: key,
        })
    }

    fn join(&mut self, address: &str, now_ms: u64, code: &str, name: String) -> Outbox {
        if let Some(t) = self.throttles.get(address)
            && now_ms < t.blocked_until_ms
        {
            return Outbox::refuse(
                Refusal::SlowDown,
                say!(
                    "too many wrong codes: try again in {0} s",
                    (t.blocked_until_ms - now_ms).div_ceil(1000)
                ),
            );
        }
        let code = normalise(code);
        if !self.exercises.contains_key(&code) {
            let t = self
                .throttles
                .entry(address.to_string())
                .or_insert(Throttle {
                    failures: 0,
                    blocked_until_ms: 0,
                });
            t.failures += 1;
            if t.failures > FREE_FAILURES {
                // One second, doubling with each further failure, up to ten minutes.
                let wait = 1000u64 << (t.failures - FREE_FAILURES - 1).min(10);
                t.blocked_until_ms = now_ms + wait.min(600_000);
            }
            return Outbox::refuse(Refusal::Unauthorised, say!("no exercise has this code"));
        }
        self.throttles.remove(address);
        let name: String = name
            .trim()
            .chars()
            .filter(|c| !c.is_control())
            .take(40)
            .collect();
        if name.is_empty() {
            return Outbox::refuse(Refusal::Malformed, say!("a display name is needed"));
        }
        let token = self.random(b"abcdefghijkmnpqrstuvwxyz23456789", 32);
        let Some(hosted) = self.exercises.get_mut(&code) else {
            return Outbox::refuse(Refusal::Unauthorised, say!("no exercise has this code"));
        };
        hosted.participants.push(Participant {
            name,
            token: token.clone(),
            seat: None,
        });
        self.tokens.insert(token.clone(), code);
        let seats = hosted.seats();
        Outbox::reply(ServerMessage::Joined { token, seats })
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
        let seats = hosted.seats();
        let mut out = Outbox::reply(ServerMessage::Joined {
            token: token.to_string(),
            seats,
        });
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
        if hosted.holder(seat).is_some_and(|p| p.token != token) {
            return Outbox::refuse(Refusal::Seat, say!("\"{0}\" is taken", Arg::id(seat)));
        }
        hosted.participants[i].seat = Some(seat.to_string());
        let mut out = Outbox::reply(ServerMessage::Ack);
        out.refresh.push(token.to_string());
        out
    }

    fn act(&mut self, token: &str, act: SeatAct) -> Outbox {
        let Some((hosted, i)) = self.participant(token) else {
            return Outbox::refuse(Refusal::Unauthorised, say!("unknown token"));
        };
        let Some(seat) = hosted.participants[i].seat.clone() else {
            return Outbox::refuse(Refusal::Seat, say!("take a seat first"));
        };
        // Talking never waits; moves wait for the start and stop while paused.
        let talk = matches!(act, SeatAct::Say { .. });
        if !talk && (!hosted.started || hosted.paused) {
            return Outbox::refuse(
                Refusal::NotRunning,
                if hosted.paused {
                    say!("the exercise is paused")
                } else {
                    say!("the exercise has not started")
                },
            );
        }
        // The seat is always the token's own: a client cannot act for another seat.
        let command = match act {
            SeatAct::Table {
                institution,
                proposal,
            } => Command::Table {
                seat: seat.clone(),
                institution,
                proposal,
            },
            SeatAct::Orders { orders } => Command::Orders {
                seat: seat.clone(),
                orders,
            },
            SeatAct::Ready => Command::Ready { seat: seat.clone() },
            SeatAct::Say { channel, text } => Command::Say {
                seat: seat.clone(),
                channel,
                text,
            },
        };
        // A message changes the views of its readers only; a tabled proposal everyone's.
        let readers = match &command {
            Command::Say { channel, .. } => {
                let c = hosted.exercise.catalog();
                c.seat(&seat)
                    .map(|s| c.seat_actor(s))
                    .and_then(|me| crate::sim::channels::audience(c, me, channel).ok())
                    .map(|(set, _)| set)
            }
            _ => None,
        };
        let changes_others = matches!(command, Command::Table { .. });
        let ready = matches!(command, Command::Ready { .. });
        if let Err(e) = hosted.exercise.apply(command) {
            return Outbox::refuse(Refusal::Rules, e.phrase());
        }
        // A phase ends early when every human seat is ready.
        let mut advanced = false;
        if ready
            && hosted.waiting_for().is_empty()
            && !matches!(hosted.exercise.clock().phase, Phase::Ended)
        {
            hosted.advance();
            advanced = true;
        }
        let mut out = Outbox::reply(ServerMessage::Ack);
        out.refresh = if advanced || changes_others {
            hosted.seated_tokens()
        } else if let Some(readers) = readers {
            let c = hosted.exercise.catalog();
            hosted
                .participants
                .iter()
                .filter(|p| {
                    p.seat
                        .as_deref()
                        .and_then(|s| c.seat(s))
                        .is_some_and(|s| readers.contains(c.seat_actor(s)))
                })
                .map(|p| p.token.clone())
                .collect()
        } else {
            vec![token.to_string()]
        };
        out
    }

    fn control(&mut self, now_ms: u64, code: &str, key: &str, action: ControlAction) -> Outbox {
        let Some(hosted) = self.exercises.get_mut(&normalise(code)) else {
            return Outbox::refuse(Refusal::Unauthorised, say!("no exercise has this code"));
        };
        if hosted.key != key {
            return Outbox::refuse(
                Refusal::Unauthorised,
                say!("only the control cell may do this"),
            );
        }
        let result: Result<(), (Refusal, Phrase)> = match action {
            ControlAction::AssignSeat { name, seat } => {
                let playable = hosted.playable(&seat);
                match hosted.participants.iter().position(|p| p.name == name) {
                    _ if !playable => Err((
                        Refusal::Seat,
                        say!("\"{0}\" is not a playable seat", Arg::id(&seat)),
                    )),
                    None => Err((
                        Refusal::Seat,
                        say!("nobody called \"{0}\" has joined", Arg::id(&name)),
                    )),
                    Some(i) => {
                        for p in hosted.participants.iter_mut() {
                            if p.seat.as_deref() == Some(seat.as_str()) {
                                p.seat = None;
                            }
                        }
                        hosted.participants[i].seat = Some(seat);
                        Ok(())
                    }
                }
            }
            ControlAction::Start => {
                hosted.started = true;
                hosted.refresh_deadline(now_ms);
                Ok(())
            }
            ControlAction::Pause => {
                if !hosted.paused {
                    hosted.paused = true;
                    hosted.paused_left_ms = hosted.deadline_ms.map(|d| d.saturating_sub(now_ms));
                }
                Ok(())
            }
            ControlAction::Resume => {
                if hosted.paused {
                    hosted.paused = false;
                    // The clock stood still while paused.
                    if let Some(left) = hosted.paused_left_ms.take() {
                        hosted.deadline_ms = Some(now_ms + left);
                    }
                }
                Ok(())
            }
            ControlAction::AdjustDeadline { seconds } => {
                hosted.refresh_deadline(now_ms);
                match hosted.deadline_ms {
                    Some(d) => {
                        let moved = if seconds >= 0 {
                            d.saturating_add((seconds as u64).saturating_mul(1000))
                        } else {
                            d.saturating_sub(seconds.unsigned_abs().saturating_mul(1000))
                                .max(now_ms)
                        };
                        hosted.deadline_ms = Some(moved);
                        if let Some(left) = hosted.paused_left_ms.as_mut() {
                            *left = moved.saturating_sub(now_ms);
                        }
                        Ok(())
                    }
                    None => Err((Refusal::NotRunning, say!("this phase has no deadline"))),
                }
            }
            ControlAction::ReadChannels => {
                let catalog = hosted.exercise.catalog();
                let all = hosted
                    .exercise
                    .world()
                    .resource::<crate::sim::channels::Channels>()
                    .0
                    .iter()
                    .map(|m| {
                        let line = crate::sim::view::MessageLine {
                            turn: m.turn,
                            from: catalog.actor_key(m.from).to_string(),
                            channel: m.channel.clone(),
                            text: m.text.clone(),
                        };
                        let readers = m
                            .audience
                            .iter()
                            .map(|a| catalog.actor_key(a).to_string())
                            .collect();
                        (line, readers)
                    })
                    .collect();
                return Outbox::reply(ServerMessage::Messages(all));
            }
            ControlAction::Advance => {
                hosted.advance();
                Ok(())
            }
            ControlAction::SendInject { inject } => hosted
                .exercise
                .apply(Command::Inject { inject })
                .map_err(|e| (Refusal::Rules, e.phrase())),
            ControlAction::WriteInject {
                title,
                body,
                audience,
            } => hosted
                .exercise
                .apply(Command::CustomInject {
                    title,
                    body,
                    audience,
                })
                .map_err(|e| (Refusal::Rules, e.phrase())),
            ControlAction::ViewSeat { seat } => {
                return match view(&hosted.exercise, &seat) {
                    Some(v) => Outbox::reply(ServerMessage::View(std::sync::Arc::new(v))),
                    None => Outbox::refuse(
                        Refusal::Seat,
                        crate::sim::Refusal::UnknownSeat(seat).phrase(),
                    ),
                };
            }
            ControlAction::Debrief => {
                return Outbox::reply(ServerMessage::Debrief(Box::new(
                    crate::report::Debrief::of(&hosted.exercise),
                )));
            }
            ControlAction::End => hosted
                .exercise
                .apply(Command::End)
                .map_err(|e| (Refusal::Rules, e.phrase())),
        };
        match result {
            Ok(()) => Outbox {
                reply: ServerMessage::Ack,
                views: Vec::new(),
                refresh: hosted.seated_tokens(),
            },
            Err((refusal, message)) => Outbox::refuse(refusal, message),
        }
    }
}

/// Join codes are read aloud and typed by hand: ignore case, spaces and dashes.
pub fn normalise(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .take(16)
        .collect()
}
