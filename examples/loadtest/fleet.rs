//! A `Fleet` of networked seat clients: one thread drives every connection without blocking,
//! each seat client a small state machine (connect, hello, join, claim, then act on every
//! new view like a human would: its orders, a message, ready). The load generator
//! (`examples/loadtest`) plays exercises with it; the integration tests use the same fleet
//! to check what clients receive. It is not part of the library: it lives with its two
//! users, and each uses a different part of it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::time::{Duration, Instant};

use threshold::net::client::{Connection, Endpoint};
use threshold::net::link::Event;
use threshold::net::protocol::{ClientMessage, Moment, Refusal, SeatAct, ServerMessage};
use threshold::net::server::epoch_ms;
use threshold::sim::channels::Channel;
use threshold::sim::clock::Phase;
use threshold::sim::journal::fnv1a;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Connecting,
    Hello,
    Joining,
    Claiming,
    Playing,
    Done,
}

/// How often a client with nothing to read is stepped anyway (renet's and netcode's timers).
const KEEP_ALIVE: Duration = Duration::from_millis(250);

/// How often the fleet looks over every client, not only those with packets.
const SCAN: Duration = Duration::from_millis(5);

/// `THRESHOLD_TRACE`: print every message each client receives.
static TRACE: std::sync::LazyLock<bool> =
    std::sync::LazyLock::new(|| std::env::var_os("THRESHOLD_TRACE").is_some());
/// `THRESHOLD_SLOW_TURNS`: print every pass of the load generator over 20 ms.
static SLOW_PASSES: std::sync::LazyLock<bool> =
    std::sync::LazyLock::new(|| std::env::var_os("THRESHOLD_SLOW_TURNS").is_some());

/// Waits for packets on many sockets at once. On Linux an epoll set that follows each
/// client's socket: a pass costs the kernel only the sockets that have something to read
/// (`poll` over a thousand idle sockets, every millisecond, cost the load generator much of
/// the core the server needs). Elsewhere every socket counts as readable after a short sleep.
struct Waiter {
    #[cfg(target_os = "linux")]
    epoll: i32,
    /// The descriptor registered for each client.
    registered: Vec<Option<i32>>,
    /// Where `epoll_wait` reports, kept between passes.
    #[cfg(target_os = "linux")]
    events: Vec<libc::epoll_event>,
}

#[cfg(target_os = "linux")]
impl Waiter {
    fn new() -> Self {
        // SAFETY: plain system call; a failure (-1) is handled where the set is used.
        let epoll = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
        Self {
            epoll,
            registered: Vec::new(),
            events: Vec::new(),
        }
    }

    /// Brings the set up to date with each client's descriptor (`wanted[i]`).
    fn follow(&mut self, wanted: &[Option<i32>]) {
        if self.epoll < 0 {
            // No set: `wait` reports every client with a socket.
            self.registered = wanted.to_vec();
            return;
        }
        self.registered.resize(wanted.len(), None);
        let ctl = |op, fd: i32, client: usize| {
            let mut event = libc::epoll_event {
                events: libc::EPOLLIN as u32,
                u64: client as u64,
            };
            // SAFETY: `event` is a live epoll_event; the set and the descriptor are ours.
            unsafe { libc::epoll_ctl(self.epoll, op, fd, &mut event) }
        };
        // Removals first: a descriptor number closed by one client may be reused by another.
        for (i, want) in wanted.iter().enumerate() {
            if let Some(old) = self.registered[i]
                && *want != Some(old)
            {
                ctl(libc::EPOLL_CTL_DEL, old, i);
                self.registered[i] = None;
            }
        }
        for (i, want) in wanted.iter().enumerate() {
            if let Some(fd) = *want
                && self.registered[i].is_none()
            {
                if ctl(libc::EPOLL_CTL_ADD, fd, i) != 0 {
                    ctl(libc::EPOLL_CTL_MOD, fd, i);
                }
                self.registered[i] = Some(fd);
            }
        }
    }

    /// Waits up to `timeout_ms` for a followed socket to be readable; adds the clients with
    /// packets to `ready`.
    fn wait(&mut self, timeout_ms: i32, ready: &mut Vec<usize>) {
        if self.epoll < 0 {
            std::thread::sleep(Duration::from_millis(timeout_ms as u64));
            ready.extend((0..self.registered.len()).filter(|&i| self.registered[i].is_some()));
            return;
        }
        // One slot per client: each ready socket is reported once (the set is
        // level-triggered, so asking again at once would report the same sockets again).
        self.events.resize(
            self.registered.len().max(1),
            libc::epoll_event { events: 0, u64: 0 },
        );
        // SAFETY: `events` is a live buffer of `events.len()` epoll_events.
        let n = unsafe {
            libc::epoll_wait(
                self.epoll,
                self.events.as_mut_ptr(),
                self.events.len() as i32,
                timeout_ms,
            )
        };
        ready.extend(
            self.events[..n.max(0) as usize]
                .iter()
                .map(|e| e.u64 as usize)
                .filter(|&i| i < self.registered.len()),
        );
    }
}

#[cfg(target_os = "linux")]
impl Drop for Waiter {
    fn drop(&mut self) {
        if self.epoll >= 0 {
            // SAFETY: the set is ours and closed once.
            unsafe { libc::close(self.epoll) };
        }
    }
}

#[cfg(not(target_os = "linux"))]
impl Waiter {
    fn new() -> Self {
        Self {
            registered: Vec::new(),
        }
    }

    fn follow(&mut self, wanted: &[Option<i32>]) {
        self.registered = wanted.to_vec();
    }

    fn wait(&mut self, timeout_ms: i32, ready: &mut Vec<usize>) {
        std::thread::sleep(Duration::from_millis(timeout_ms as u64));
        ready.extend((0..self.registered.len()).filter(|&i| self.registered[i].is_some()));
    }
}

/// One seat played over the network.
pub struct SeatClient {
    pub code: String,
    pub seat: String,
    /// Other seats of the exercise (for messages).
    pub others: Vec<String>,
    conn: Connection,
    stage: Stage,
    token: String,
    /// When each request in flight was sent (replies come back in order).
    /// When each request in flight was sent, by id.
    in_flight: HashMap<u32, Instant>,
    /// Messages queued since the last flush.
    unsent: bool,
    /// The moves last sent (sent again if the exercise had not started).
    last_acts: Vec<SeatAct>,
    /// When it was last stepped.
    stepped: Instant,
    /// When it last took packets off its socket.
    arrived: Instant,
    /// When the pass that read them began (the load generator's own delay is between).
    woken: Instant,
    /// The view received while claiming the seat (acted on once the seat is held).
    last_view: Option<std::sync::Arc<threshold::sim::view::SeatView>>,
    acted: Option<(u32, Phase)>,
    /// The moment of the view its moves were drafted on.
    at: Moment,
    /// Moves decided on, and when to send them (a person reads before acting).
    pending: Option<(Instant, Vec<SeatAct>)>,
    /// Mean time between a new phase and this client's moves.
    think: Duration,
    /// Every message received, if recording.
    pub received: Vec<ServerMessage>,
    record: bool,
    pub refusals: usize,
    pub error: Option<String>,
    /// Its place in the seat's delegation: the first member plays the seat, the others
    /// follow it and write once a negotiation to the delegation's own channel.
    pub member: u32,
}

impl SeatClient {
    pub fn new(
        endpoint: &Endpoint,
        code: &str,
        seat: &str,
        others: Vec<String>,
        record: bool,
    ) -> anyhow::Result<Self> {
        Ok(Self {
            code: code.to_string(),
            seat: seat.to_string(),
            others,
            conn: Connection::open(endpoint)?,
            stage: Stage::Connecting,
            token: String::new(),
            in_flight: HashMap::new(),
            unsent: false,
            last_acts: Vec::new(),
            stepped: Instant::now(),
            arrived: Instant::now(),
            woken: Instant::now(),
            last_view: None,
            acted: None,
            at: Moment {
                turn: 0,
                phase: Phase::Briefing,
            },
            pending: None,
            think: Duration::ZERO,
            received: Vec::new(),
            record,
            refusals: 0,
            error: None,
            member: 0,
        })
    }

    /// A member of the seat's delegation after the first (who plays it).
    pub fn member(mut self, member: u32) -> Self {
        self.member = member;
        self
    }

    /// Waits about `think` (between half and one and a half times) before each phase's moves.
    pub fn thinking(mut self, think: Duration) -> Self {
        self.think = think;
        self
    }

    pub fn done(&self) -> bool {
        self.stage == Stage::Done
    }

    /// The socket to wait on, once connected and until done.
    fn descriptor(&self) -> Option<i32> {
        match self.stage {
            Stage::Connecting | Stage::Done => None,
            _ => self.conn.descriptor(),
        }
    }

    /// Whether to step without packets to read: connecting, moves due, a keep-alive due, or
    /// nothing to wait on.
    fn due(&self, now: Instant) -> bool {
        self.stage != Stage::Done
            && (self.descriptor().is_none()
                || self.pending.as_ref().is_some_and(|(at, _)| *at <= now)
                || now.duration_since(self.stepped) >= KEEP_ALIVE)
    }

    /// Whether it holds its seat (or has finished).
    pub fn seated(&self) -> bool {
        matches!(self.stage, Stage::Playing | Stage::Done)
    }

    fn send(&mut self, m: ClientMessage) {
        let id = self.conn.send(&m);
        self.in_flight.insert(id, Instant::now());
        self.unsent = true;
    }

    /// Takes what arrived off the socket (the time it did is when its replies count as
    /// received: a real client reads its socket at once, while this one thread still has
    /// others to serve before it decodes them).
    fn read(&mut self) {
        if matches!(self.stage, Stage::Connecting | Stage::Done) {
            return;
        }
        if let Err(e) = self.conn.pump() {
            self.fail(e.to_string());
        }
        self.arrived = Instant::now();
    }

    /// Moves this client on after `read`; latencies of replies received go to `latencies`.
    fn step(&mut self, latencies: &mut Latencies) {
        if self.stage == Stage::Done {
            return;
        }
        self.stepped = Instant::now();
        if self.stage == Stage::Connecting {
            if let Err(e) = self.conn.pump() {
                self.fail(e.to_string());
                return;
            }
            if self.conn.is_connected() {
                // The link's first request is its hello.
                self.stage = Stage::Hello;
                self.in_flight.insert(1, Instant::now());
                if let Err(e) = self.conn.flush() {
                    self.fail(e.to_string());
                }
            }
            return;
        }
        let messages = match self.conn.drain() {
            Ok(m) => m,
            Err(e) => {
                self.fail(e.to_string());
                return;
            }
        };
        if let Some((at, _)) = &self.pending
            && *at <= Instant::now()
            && let Some((_, acts)) = self.pending.take()
        {
            self.last_acts = acts.clone();
            for act in acts {
                self.send(ClientMessage::Act {
                    token: self.token.clone(),
                    act,
                    at: self.at,
                });
            }
        }
        for event in messages {
            let (id, m) = match event {
                Event::Reply { id, reply, .. } => (Some(id), reply),
                Event::View(v) => (None, ServerMessage::View(Box::new((*v).clone()))),
                Event::Stray(reply) => (None, reply),
            };
            if *TRACE {
                let kind = match &m {
                    ServerMessage::View(v) => format!(
                        "view turn {} {:?} ready {} {} bytes",
                        v.turn,
                        v.phase,
                        v.ready,
                        serde_json::to_vec(v).map(|b| b.len()).unwrap_or(0)
                    ),
                    other => format!("{other:?}").chars().take(60).collect(),
                };
                eprintln!("{} {} {:?} <- {kind}", self.code, self.seat, self.stage);
            }
            if let Some(sent) = id.and_then(|id| self.in_flight.remove(&id)) {
                let took = self.arrived.saturating_duration_since(sent).as_micros() as u64;
                if self.stage == Stage::Playing {
                    if took > 50_000 && *SLOW_PASSES {
                        eprintln!(
                            "{} slow reply {} ms {} {}",
                            epoch_ms(),
                            took / 1000,
                            self.code,
                            self.seat
                        );
                    }
                    latencies.play.push(took);
                    latencies.generator.push(
                        self.arrived
                            .saturating_duration_since(self.woken.max(sent))
                            .as_micros() as u64,
                    );
                } else {
                    latencies.setup.push(took);
                }
            }
            self.on(&m);
            if self.record {
                self.received.push(m);
            }
        }
        // What this step queued leaves now, not on the next pass over the fleet.
        if std::mem::take(&mut self.unsent)
            && let Err(e) = self.conn.flush()
        {
            self.fail(e.to_string());
        }
    }

    fn fail(&mut self, e: String) {
        self.error = Some(e);
        self.stage = Stage::Done;
    }

    fn on(&mut self, m: &ServerMessage) {
        match (self.stage, m) {
            (_, ServerMessage::Refused { message, .. }) if self.stage != Stage::Playing => {
                self.fail(format!("refused: {message}"));
            }
            (
                _,
                ServerMessage::Refused {
                    refusal: Refusal::NotRunning,
                    ..
                },
            ) if self.pending.is_none() => {
                // Seated before the instructor started: the same moves again shortly (the
                // start itself changes nothing in the seat's view).
                let acts = std::mem::take(&mut self.last_acts);
                self.pending = Some((Instant::now() + Duration::from_millis(200), acts));
            }
            (_, ServerMessage::Refused { .. }) => self.refusals += 1,
            (Stage::Hello, ServerMessage::Welcome { .. }) => {
                self.stage = Stage::Joining;
                let name = match self.member {
                    0 => format!("student {}", self.seat),
                    m => format!("student {} {m}", self.seat),
                };
                self.send(ClientMessage::Join {
                    code: self.code.clone(),
                    name,
                });
            }
            (Stage::Joining, ServerMessage::Joined { token, .. }) => {
                self.token = token.clone();
                self.stage = Stage::Claiming;
                self.send(ClientMessage::ClaimSeat {
                    token: self.token.clone(),
                    seat: self.seat.clone(),
                });
            }
            (Stage::Claiming, ServerMessage::Ack) => {
                self.stage = Stage::Playing;
                // The view that came with the seat may be the last until something changes.
                if let Some(v) = self.last_view.take() {
                    self.on_view(&v);
                }
            }
            (_, ServerMessage::View(v)) if self.stage == Stage::Claiming => {
                self.last_view = Some(std::sync::Arc::new((**v).clone()));
            }
            (_, ServerMessage::View(v)) if self.seated() => self.on_view(v),
            _ => {}
        }
    }

    fn on_view(&mut self, v: &threshold::sim::view::SeatView) {
        if v.phase == Phase::Ended {
            self.stage = Stage::Done;
            return;
        }
        let now = (v.turn, v.phase);
        if self.stage != Stage::Playing
            || self.acted == Some(now)
            || v.phase == Phase::Resolution
            || v.ready
        {
            return;
        }
        self.acted = Some(now);
        self.at = Moment {
            turn: v.turn,
            phase: v.phase,
        };
        if self.member > 0 {
            // A member who follows: a word to the delegation in each negotiation.
            if v.phase == Phase::Negotiation {
                let me = std::slice::from_ref(&self.seat);
                let say = SeatAct::Say {
                    text: secret_text(&self.code, &self.seat, me, v.turn),
                    channel: Channel::Delegation,
                };
                self.pending = Some((Instant::now() + self.think, vec![say]));
            }
            return;
        }
        let mut acts = threshold::net::remote_bot::moves(v, fnv1a(self.code.as_bytes()));
        if v.phase == Phase::Negotiation && !self.others.is_empty() {
            // A private word to one seat; its text names who may read it.
            let to = self.others[(v.turn as usize) % self.others.len()].clone();
            acts.push(SeatAct::Say {
                text: secret_text(&self.code, &self.seat, std::slice::from_ref(&to), v.turn),
                channel: Channel::Seats(vec![to]),
            });
        }
        acts.push(SeatAct::Ready);
        let spread = fnv1a(format!("{}{}{}{:?}", self.code, self.seat, v.turn, v.phase).as_bytes());
        let factor = 0.5 + (spread % 1000) as f64 / 1000.0;
        self.pending = Some((Instant::now() + self.think.mul_f64(factor), acts));
    }
}

/// The text of a test message: exercise, sender, readers and turn, so a test can tell from
/// the text alone who may read it.
pub fn secret_text(code: &str, from: &str, to: &[String], turn: u32) -> String {
    format!("secret|{code}|{from}|{}|{turn}", to.join(","))
}

/// Acknowledgement latencies, µs: of the moves played, and of connecting and taking seats
/// (every client of the run does that in the same second).
#[derive(Default)]
pub struct Latencies {
    pub play: Vec<u64>,
    /// Of each played move's reply: from the start of the pass that read it to the read
    /// (time the load generator spent reading other clients first). A lower bound of how
    /// much of `play` is the generator's own delay rather than the server's: a reply that
    /// arrived during the pass before also waited for that pass to end.
    pub generator: Vec<u64>,
    pub setup: Vec<u64>,
}

/// Every seat client of a run, driven from one thread.
pub struct Fleet {
    pub clients: Vec<SeatClient>,
    pub latencies: Latencies,
    waiter: Waiter,
    /// When the whole fleet was last looked over.
    scanned: Option<Instant>,
}

impl Fleet {
    pub fn new(clients: Vec<SeatClient>) -> Self {
        Self {
            clients,
            latencies: Latencies::default(),
            waiter: Waiter::new(),
            scanned: None,
        }
    }

    /// One pass: waits up to a millisecond for packets on any connection, then steps the
    /// clients that have packets. Every few milliseconds it also looks over the whole fleet:
    /// sockets opened or closed, moves due, and clients not stepped for a while (renet's
    /// keep-alives). A pass over a thousand clients every millisecond cost the load
    /// generator much of the core the server needs.
    pub fn step(&mut self) {
        let mut chosen = Vec::new();
        let now = Instant::now();
        if self.scanned.is_none_or(|at| now.duration_since(at) >= SCAN) {
            self.scanned = Some(now);
            let wanted: Vec<Option<i32>> = self.clients.iter().map(|c| c.descriptor()).collect();
            self.waiter.follow(&wanted);
            chosen.extend((0..self.clients.len()).filter(|&i| self.clients[i].due(now)));
        }
        let mut ready = Vec::new();
        self.waiter
            .wait(if chosen.is_empty() { 1 } else { 0 }, &mut ready);
        let ready_count = ready.len();
        chosen.extend(ready);
        chosen.sort_unstable();
        chosen.dedup();
        // First every socket is read, then every client decodes and answers.
        let woken = Instant::now();
        for &i in &chosen {
            self.clients[i].woken = woken;
            self.clients[i].read();
        }
        let read = woken.elapsed();
        for &i in &chosen {
            self.clients[i].step(&mut self.latencies);
        }
        if now.elapsed() > Duration::from_millis(20) && *SLOW_PASSES {
            eprintln!(
                "{} slow pass {:?}: {} clients ({ready_count} ready), read {:?}",
                epoch_ms(),
                now.elapsed(),
                chosen.len(),
                read
            );
        }
    }

    /// Steps until `until` holds for every client, or `timeout` passes.
    pub fn run_until(
        &mut self,
        timeout: Duration,
        until: impl Fn(&SeatClient) -> bool,
    ) -> anyhow::Result<()> {
        let start = Instant::now();
        while !self.clients.iter().all(&until) {
            if start.elapsed() > timeout {
                let stuck: Vec<String> = self
                    .clients
                    .iter()
                    .filter(|c| !until(c))
                    .map(|c| {
                        format!(
                            "{} {} ({:?}, {} in flight)",
                            c.code,
                            c.seat,
                            c.stage,
                            c.in_flight.len()
                        )
                    })
                    .collect();
                anyhow::bail!(
                    "{} clients not there after {} s: {}",
                    stuck.len(),
                    timeout.as_secs(),
                    stuck.join("; ")
                );
            }
            self.step();
        }
        if let Some(c) = self.clients.iter().find(|c| c.error.is_some()) {
            anyhow::bail!(
                "client {} {}: {}",
                c.code,
                c.seat,
                c.error.clone().unwrap_or_default()
            );
        }
        Ok(())
    }
}
