//! `threshold serve`: the hub behind renet2's netcode, with SQLite underneath. One address
//! serves UDP (desktop clients) and, on the same TCP port, WebSocket (browsers) and the web
//! client's files over HTTP; in-memory sockets serve local games and tests inside one process.
//! Each client message is one reliable-ordered renet message holding JSON.
//!
//! Every loop turn handles what arrived, writes all accepted changes in one SQLite
//! transaction, and only then sends the replies: nothing is acknowledged before it is stored
//! (in SQLite's log, or on the disk with `--sync full`: see `store::Durability`).

use std::collections::HashMap;
use std::net::{SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

use renet2::{ClientId, DefaultChannel, RenetServer, ServerEvent};
use renet2_netcode::{
    BoxedSocket, MemorySocketClient, NativeSocket, NetcodeServerTransport, ServerAuthentication,
    ServerSetupConfig, in_memory_server_addr, new_memory_sockets,
};

use super::door_socket::door_socket;
use super::hub::Hub;
pub use super::netcode::{NETCODE_PROTOCOL_ID, UDP_SOCKET, WEBSOCKET_SOCKET, connection_config};
use super::protocol::{
    ClientMessage, Refusal, Request, ServerMessage, ViewPatcher, decode_client, encode_reply,
};
use crate::store::Store;

/// Clients the UDP netcode server accepts (netcode's own limit).
pub const MAX_CLIENTS: usize = 1024;
/// WebSocket netcode servers behind the door: browsers are spread over them. netcode finds
/// a client's slot by a linear search on every packet and every turn, so many small shards
/// cost less than a few large ones. 16 × 256: 4,096 browsers, a load of 200 exercises of
/// six seats with delegations of three (3,600) and room to spare. Measured (2026-12-04,
/// 200 × 6): 8 × 512 doubled p50 and gave a p99 of 371 ms where 16 × 256 gave 74 ms; with
/// three people a seat, 32 × 128 was no better than 16 × 256.
pub const WEBSOCKET_SHARDS: usize = 16;
/// Browsers one WebSocket shard accepts: one address takes `WEBSOCKET_SHARDS` times this.
pub const WEBSOCKET_SHARD_CLIENTS: usize = 256;
/// The server loop's period: each turn handles everything that arrived since the last one,
/// so a message waits half of it on average before it is handled. A turn with nothing to
/// do costs about 0.15 ms for 1,200 connections (renet's and netcode's timers), so 5 ms
/// costs little; going from 10 to 5 ms took the median acknowledgement under
/// `threshold loadtest` (200 × 6) from about 11 to 7 ms.
pub const TICK: Duration = Duration::from_millis(5);
/// How often deadlines are checked.
pub const DEADLINE_SWEEP_MS: u64 = 100;
/// Messages one connection may send per second before it is slowed down (the default).
pub const MESSAGES_PER_SECOND: u32 = 200;
/// How often ended exercises past their retention are looked for.
const PURGE_EVERY_MS: u64 = 3600 * 1000;
/// How often idle exercises are looked for, to leave memory (`Policy::unload_idle_ms`).
const UNLOAD_EVERY_MS: u64 = 10 * 1000;

/// What a server listens on and where it keeps its exercises.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// UDP, and WebSocket + HTTP on the same TCP port. `None`: in-memory sockets only.
    pub addr: Option<SocketAddr>,
    /// Where SQLite keeps the exercises; `None` keeps them in memory (local games, tests).
    pub data_dir: Option<PathBuf>,
    /// How far a command goes before it is acknowledged (with a data dir).
    pub sync: crate::store::Durability,
    /// The built web client the HTTP side serves (`web/dist`).
    pub web_root: Option<PathBuf>,
    /// In-memory client sockets to create (for clients inside this process).
    pub memory_clients: u16,
    /// Who may create exercises (open, or signed-in instructors) and the hub's limits.
    pub policy: super::hub::Policy,
    /// Messages one connection may send per second before it is slowed down.
    pub messages_per_second: u32,
    /// Ended exercises, with their participants' names, are deleted this many days after
    /// they ended (none: kept until deleted).
    pub retain_days: Option<u32>,
    /// A certificate chain and its key (PEM files): HTTPS and secure WebSockets.
    pub tls: Option<(PathBuf, PathBuf)>,
    /// Open TCP connections one address may hold (0: no limit).
    pub max_connections_per_address: usize,
    /// Behind a reverse proxy: client addresses come from `X-Forwarded-For`.
    pub behind_proxy: bool,
    /// The folder of scenarios instructors create exercises from (none: the shipped ones).
    pub scenarios: Option<PathBuf>,
}

/// TCP connections one address may hold by default: a class behind one campus NAT shares
/// an address (a browser holds one WebSocket and a few page loads).
pub const CONNECTIONS_PER_ADDRESS: usize = 256;

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            addr: None,
            data_dir: None,
            sync: Default::default(),
            web_root: None,
            memory_clients: 0,
            policy: Default::default(),
            messages_per_second: MESSAGES_PER_SECOND,
            retain_days: None,
            tls: None,
            max_connections_per_address: CONNECTIONS_PER_ADDRESS,
            behind_proxy: false,
            scenarios: None,
        }
    }
}

/// An in-memory client socket of a server in this process, ready to connect.
#[derive(Debug, Clone)]
pub struct MemoryEndpoint {
    pub socket: MemorySocketClient,
    pub socket_id: usize,
}

/// One netcode server with its sockets (UDP, one WebSocket shard, or memory).
struct Shard {
    server: RenetServer,
    transport: NetcodeServerTransport,
    /// The netcode socket id its clients use.
    socket_id: usize,
}

/// A connection: its shard and its netcode client id.
type Link = (usize, ClientId);

pub struct Server {
    hub: Hub,
    shards: Vec<Shard>,
    /// Which connection last spoke for each seat token (views go there).
    tokens: HashMap<String, Link>,
    /// Messages per connection in the current second.
    budget: HashMap<Link, u32>,
    /// What each token's connection already holds of its view.
    patcher: ViewPatcher,
    /// Tokens whose views changed and have not been sent yet, oldest first.
    dirty: Backlog,
    /// Tokens that spoke in this loop turn (their views go out before their replies).
    spoke: Vec<String>,
    second: u64,
    swept_ms: u64,
    purged_ms: u64,
    unloaded_ms: u64,
    messages_per_second: u32,
    retain_days: Option<u32>,
    last: Instant,
    addr: Option<SocketAddr>,
    batch: bool,
    /// Where each WebSocket connection came from.
    peers: super::door_socket::Peers,
    /// `THRESHOLD_SLOW_TURNS=1`: loop turns over 20 ms are described on standard error,
    /// and every ten seconds how long turns took.
    slow_log: bool,
    turns: TurnTimes,
    // Kept alive for the WebSocket server and the HTTP door.
    _runtime: Option<tokio::runtime::Runtime>,
}

/// A seed for join codes, keys, tokens and sessions: the system's random source (the clock
/// and process only if that fails).
fn entropy() -> u64 {
    let mut seed = [0u8; 8];
    if getrandom_04::fill(&mut seed).is_ok() {
        return u64::from_le_bytes(seed);
    }
    let t = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    crate::sim::journal::fnv1a(
        format!(
            "{}-{}-{:?}",
            t.as_nanos(),
            std::process::id(),
            std::thread::current().id()
        )
        .as_bytes(),
    )
}

impl Server {
    /// Binds the sockets and restores every stored exercise. Returns the in-memory client
    /// endpoints asked for.
    pub fn start(config: ServerConfig) -> anyhow::Result<(Self, Vec<MemoryEndpoint>)> {
        let (mut hub, batch) = match &config.data_dir {
            Some(dir) => (
                Hub::with_store(entropy(), Store::open_with(dir, config.sync)?)?,
                true,
            ),
            None => (Hub::new(entropy()), false),
        };
        hub.set_policy(config.policy.clone());
        if config.data_dir.is_some() {
            log(&format!(
                "threshold: {} exercises stored, {} running in memory",
                hub.exercise_count(),
                hub.loaded_count()
            ));
            if !config.policy.open && !hub.has_instructors() {
                log(&format!(
                    "threshold: no instructor can sign in to this server yet: add one with `threshold instructor add NAME --data-dir {}` (or serve a local class with --open)",
                    config
                        .data_dir
                        .as_deref()
                        .unwrap_or(Path::new("."))
                        .display()
                ));
            }
        }
        let library: Vec<(String, String)> = match &config.scenarios {
            Some(dir) => {
                let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
                    .map_err(|e| {
                        anyhow::anyhow!("cannot read the scenarios folder {}: {e}", dir.display())
                    })?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                    .collect();
                files.sort();
                files
                    .into_iter()
                    .filter_map(|p| {
                        let name = p.file_name()?.to_string_lossy().into_owned();
                        match std::fs::read_to_string(&p) {
                            Ok(source) => Some((name, source)),
                            Err(e) => {
                                log(&format!("library: {} left out: {e}", p.display()));
                                None
                            }
                        }
                    })
                    .collect()
            }
            None => crate::scenario::SHIPPED
                .iter()
                .map(|(file, source)| {
                    (
                        format!("{}.ron", crate::scenario::shipped_name(file)),
                        source.to_string(),
                    )
                })
                .collect(),
        };
        hub.set_library(library);
        // An academy's own folder is checked at the start, so its staff see what is wrong.
        if config.scenarios.is_some() {
            for broken in hub.check_library() {
                log(&format!(
                    "library: a scenario does not load, left out:\n{broken}"
                ));
            }
        }
        let mut seed = [0u8; 32];
        if getrandom_04::fill(&mut seed).is_ok() {
            hub.reseed(seed);
        }
        let now_d = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default();
        let shard = |socket_id: usize,
                     socket: BoxedSocket,
                     public: SocketAddr,
                     max_clients,
                     secure: Option<[u8; 32]>| {
            // Each shard is a netcode server of its own; its socket sits at `socket_id` so
            // that clients name it the same way whichever shard they reach.
            let mut sockets = Vec::new();
            let mut addresses = Vec::new();
            for _ in 0..socket_id {
                sockets.push(BoxedSocket::new(Unused));
                addresses.push(vec![SocketAddr::from(([0, 0, 0, 0], 0))]);
            }
            sockets.push(socket);
            addresses.push(vec![public]);
            let setup = ServerSetupConfig {
                current_time: now_d,
                max_clients,
                protocol_id: NETCODE_PROTOCOL_ID,
                socket_addresses: addresses,
                authentication: match secure {
                    Some(private_key) => ServerAuthentication::Secure { private_key },
                    None => ServerAuthentication::Unsecure,
                },
            };
            Ok::<_, std::io::Error>(Shard {
                server: RenetServer::new(connection_config()),
                transport: NetcodeServerTransport::new_with_sockets(setup, sockets)?,
                socket_id,
            })
        };
        let mut shards = Vec::new();
        let mut runtime = None;
        let peers = super::door_socket::Peers::default();
        let mut addr = None;
        if let Some(wanted) = config.addr {
            let udp = UdpSocket::bind(wanted)?;
            let local = udp.local_addr()?;
            addr = Some(local);
            // UDP takes only clients with a token the door signed (net/tokens.rs).
            let issuer = super::tokens::TokenIssuer::new(local);
            shards.push(shard(
                UDP_SOCKET,
                BoxedSocket::new(NativeSocket::new(udp)?),
                local,
                MAX_CLIENTS,
                Some(issuer.key()),
            )?);
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .thread_name("threshold-io")
                .enable_all()
                .build()?;
            // Browsers connect to the public door, so that is the address netcode checks.
            let ids = Arc::new(std::sync::atomic::AtomicU64::new(0));
            let tls = match &config.tls {
                Some((cert, key)) => Some(super::front::tls_acceptor(cert, key)?),
                None => None,
            };
            let mut doors = Vec::new();
            for _ in 0..WEBSOCKET_SHARDS {
                let (socket, door) = door_socket(
                    local,
                    WEBSOCKET_SHARD_CLIENTS * 5 / 4,
                    ids.clone(),
                    peers.clone(),
                    tls.is_some(),
                );
                doors.push(door);
                // Browsers make their own tokens (renet2's browser client has no other way);
                // over TLS, TLS keeps their traffic private.
                shards.push(shard(
                    WEBSOCKET_SOCKET,
                    BoxedSocket::new(socket),
                    local,
                    WEBSOCKET_SHARD_CLIENTS,
                    None,
                )?);
            }
            let listener = rt.block_on(tokio::net::TcpListener::bind(local))?;
            rt.spawn(super::front::run(
                listener,
                super::front::Door {
                    shards: doors,
                    web_root: config.web_root.clone(),
                    tls,
                    max_per_address: config.max_connections_per_address,
                    behind_proxy: config.behind_proxy,
                    tokens: issuer,
                },
            ));
            runtime = Some(rt);
        }
        let mut memory = Vec::new();
        if config.memory_clients > 0 {
            let ids: Vec<u16> = (1..=config.memory_clients).collect();
            let (server_socket, clients) = new_memory_sockets(ids, true, true);
            let socket_id = 0;
            shards.push(shard(
                socket_id,
                BoxedSocket::new(server_socket),
                in_memory_server_addr(),
                MAX_CLIENTS,
                None,
            )?);
            memory = clients
                .into_iter()
                .map(|socket| MemoryEndpoint { socket, socket_id })
                .collect();
        }
        anyhow::ensure!(
            !shards.is_empty(),
            "a server needs an address or in-memory clients"
        );
        let now = Instant::now();
        Ok((
            Self {
                hub,
                shards,
                tokens: HashMap::new(),
                patcher: ViewPatcher::default(),
                budget: HashMap::new(),
                dirty: Backlog::default(),
                spoke: Vec::new(),
                second: 0,
                swept_ms: 0,
                purged_ms: 0,
                unloaded_ms: 0,
                messages_per_second: config.messages_per_second,
                retain_days: config.retain_days,
                last: now,
                addr,
                batch,
                peers,
                slow_log: std::env::var_os("THRESHOLD_SLOW_TURNS").is_some(),
                turns: TurnTimes::default(),
                _runtime: runtime,
            },
            memory,
        ))
    }

    /// The address it listens on (UDP, and TCP for WebSocket and HTTP).
    pub fn addr(&self) -> Option<SocketAddr> {
        self.addr
    }

    pub fn hub(&self) -> &Hub {
        &self.hub
    }

    /// One turn of the loop: receive, handle, store, then reply. Returns how many messages
    /// it handled. A storage failure is returned before anything is acknowledged.
    pub fn step(&mut self) -> anyhow::Result<usize> {
        let now = Instant::now();
        let dt = now - self.last;
        self.last = now;
        for (i, shard) in self.shards.iter_mut().enumerate() {
            shard.server.update(dt);
            if let Err(e) = shard.transport.update(dt, &mut shard.server) {
                log(&format!("transport: {e:?}"));
            }
            while let Some(event) = shard.server.get_event() {
                if let ServerEvent::ClientDisconnected { client_id, .. } = event {
                    let patcher = &mut self.patcher;
                    let hub = &mut self.hub;
                    let now_ms = epoch_ms() as u64;
                    self.tokens.retain(|token, c| {
                        let gone = *c == (i, client_id);
                        if gone {
                            patcher.forget(token);
                            hub.set_connected(token, false, now_ms);
                        }
                        !gone
                    });
                    self.budget.remove(&(i, client_id));
                }
            }
        }
        let t_received = now.elapsed();
        // The wall clock: stored deadlines (the conductor's) keep their meaning across a restart.
        let now_ms = epoch_ms() as u64;
        if now_ms / 1000 != self.second {
            self.second = now_ms / 1000;
            self.budget.clear();
        }
        if self.batch {
            self.hub.begin_batch()?;
        }
        let mut handled = 0;
        let mut replies = Vec::new();
        for i in 0..self.shards.len() {
            for client in self.shards[i].server.clients_id() {
                while let Some(bytes) = self.shards[i]
                    .server
                    .receive_message(client, DefaultChannel::ReliableOrdered)
                {
                    handled += 1;
                    let used = self.budget.entry((i, client)).or_default();
                    *used += 1;
                    let limit = self.messages_per_second;
                    let reply = if *used > limit {
                        let re = decode_client(&bytes).map(|r| r.id).unwrap_or(0);
                        let refused = ServerMessage::Refused {
                            refusal: Refusal::SlowDown,
                            message: format!("more than {limit} messages a second: slow down"),
                            reason: crate::say!(
                                "more than {0} messages a second: slow down",
                                limit
                            ),
                        };
                        (re, refused)
                    } else {
                        self.handle((i, client), &bytes, now_ms)
                    };
                    replies.push(((i, client), reply));
                }
            }
        }
        if let Some(days) = self.retain_days
            && now_ms >= self.purged_ms + PURGE_EVERY_MS
        {
            self.purged_ms = now_ms;
            let cutoff = now_ms.saturating_sub(u64::from(days) * 86_400_000);
            match self.hub.purge_ended_before(cutoff) {
                Ok(codes) if !codes.is_empty() => log(&format!(
                    "deleted {} exercises that ended more than {days} days ago: {}",
                    codes.len(),
                    codes.join(" ")
                )),
                Ok(_) => {}
                Err(e) => log(&e.to_string()),
            }
        }
        if now_ms >= self.unloaded_ms + UNLOAD_EVERY_MS {
            self.unloaded_ms = now_ms;
            self.hub.unload_idle(now_ms);
        }
        if now_ms >= self.swept_ms + DEADLINE_SWEEP_MS {
            self.swept_ms = now_ms;
            match self.hub.tick_lazy(now_ms) {
                Ok(tokens) => tokens.into_iter().for_each(|t| self.dirty.add(t)),
                Err(e) => log(&e.to_string()),
            }
        }
        // The views of the clients that spoke go first, each rendered once for this turn,
        // then the replies: a client that gets its acknowledgement already holds the view it
        // produced.
        let t_handled = now.elapsed();
        let spoke: Vec<String> = std::mem::take(&mut self.spoke)
            .into_iter()
            .filter(|t| self.dirty.take(t))
            .collect();
        let views = self.hub.render(spoke);
        let mut rendered = views.len();
        let t_rendered = now.elapsed();
        self.push_views(views);
        let t_pushed = now.elapsed();
        for ((shard, client), (re, reply)) in replies {
            self.shards[shard].server.send_message(
                client,
                DefaultChannel::ReliableOrdered,
                encode_reply(re, reply),
            );
        }
        if self.batch {
            // Replies leave only after this commit: nothing is acknowledged unstored.
            self.hub.commit_batch()?;
        }
        let t_committed = now.elapsed();
        // The other changed views (a phase change redraws every seat of its exercise) go
        // out oldest first while this turn has time, and at least a few each turn: a burst of
        // them is spread over the next turns instead of holding up everyone's replies. Each
        // is rendered when it goes, so it is never stale.
        let mut later = 0;
        while (later < MIN_VIEWS_PER_TURN || now.elapsed() < VIEW_TIME_PER_TURN)
            && let Some(token) = self.dirty.pop()
        {
            let views = self.hub.render([token]);
            later += views.len();
            self.push_views(views);
        }
        rendered += later;
        let t_later = now.elapsed() - t_committed;
        let t_sending = now.elapsed();
        for shard in &mut self.shards {
            shard.transport.send_packets(&mut shard.server);
        }
        if self.slow_log {
            self.turns.add([
                now.elapsed(),
                t_received,
                t_handled - t_received,
                t_rendered - t_handled,
                t_pushed - t_rendered,
                t_committed - t_pushed,
                t_later,
                now.elapsed() - t_sending,
            ]);
            if self.turns.since.elapsed() >= Duration::from_secs(10) {
                log(&self.turns.summary());
                self.turns = TurnTimes::default();
            }
        }
        if self.slow_log && now.elapsed() > Duration::from_millis(20) {
            log(&format!(
                "{} slow turn {:?}: {handled} messages, {rendered} views ({later} later, {} waiting); received {:?}, handled {:?}, rendered {:?}, pushed {:?}, committed {:?}, later views {:?}, sent {:?}",
                epoch_ms(),
                now.elapsed(),
                self.dirty.len(),
                t_received,
                t_handled - t_received,
                t_rendered - t_handled,
                t_pushed - t_rendered,
                t_committed - t_pushed,
                t_later,
                now.elapsed() - t_sending
            ));
        }
        Ok(handled)
    }

    /// One request: the id its reply names, and the reply.
    fn handle(&mut self, link: Link, bytes: &[u8], now_ms: u64) -> (u32, ServerMessage) {
        let Request { id, message } = match decode_client(bytes) {
            Ok(r) => r,
            Err(e) => {
                let refused = ServerMessage::Refused {
                    refusal: Refusal::Malformed,
                    message: e.to_string(),
                    reason: crate::say!(
                        "the server could not read the message: {0}",
                        crate::i18n::Arg::id(e.to_string())
                    ),
                };
                return (0, refused);
            }
        };
        let shard = &self.shards[link.0];
        let address = shard
            .transport
            .client_addr(link.1)
            .map(|(_, a)| match shard.socket_id {
                UDP_SOCKET if link.0 == 0 && self.addr.is_some() => a.ip().to_string(),
                // A WebSocket client's address is the one its TCP connection came from.
                WEBSOCKET_SOCKET if self.addr.is_some() => match self.peers.of(a) {
                    Some(ip) => ip.to_string(),
                    None => format!("{}/{a}", link.0),
                },
                // Memory clients have no address of their own: one per connection.
                _ => format!("{}/{a}", link.0),
            })
            .unwrap_or_default();
        let speaker = token_of(&message).map(str::to_string);
        if let Some(token) = &speaker {
            self.speaks_for(token.clone(), link);
        }
        if let ClientMessage::Resume { token } = &message {
            self.patcher.forget(token);
        }
        let out = self.hub.handle_lazy(&address, now_ms, message);
        if let ServerMessage::Joined { token, .. } = &out.reply {
            self.speaks_for(token.clone(), link);
        }
        out.refresh.into_iter().for_each(|t| self.dirty.add(t));
        let joined = match &out.reply {
            ServerMessage::Joined { token, .. } => Some(token.clone()),
            _ => None,
        };
        if let Some(token) = speaker.or(joined) {
            self.spoke.push(token);
        }
        (id, out.reply)
    }

    /// `link` now speaks for `token`: its views go there, whole again if the link is new.
    fn speaks_for(&mut self, token: String, link: Link) {
        if self.tokens.get(&token) != Some(&link) {
            self.patcher.forget(&token);
            self.hub.set_connected(&token, true, epoch_ms() as u64);
            self.tokens.insert(token, link);
        }
    }

    /// Sends each view as a patch of what its connection already holds (nothing if nothing
    /// changed).
    fn push_views(&mut self, views: Vec<(String, Box<crate::sim::view::SeatView>)>) {
        for (token, view) in views {
            if let Some((shard, c)) = self.tokens.get(&token)
                && let Some(patch) = self.patcher.patch(&token, view)
            {
                self.shards[*shard]
                    .server
                    .send_message(*c, DefaultChannel::ReliableOrdered, patch);
            }
        }
    }

    /// Runs until `stop` is set.
    pub fn run(mut self, stop: &AtomicBool) -> anyhow::Result<()> {
        while !stop.load(Ordering::Relaxed) {
            let turn = Instant::now();
            self.step()?;
            // A fixed pace: a busy server handles more per turn instead of spinning.
            if let Some(rest) = TICK.checked_sub(turn.elapsed()) {
                std::thread::sleep(rest);
            }
        }
        for shard in &mut self.shards {
            shard.transport.disconnect_all(&mut shard.server);
        }
        Ok(())
    }

    /// Starts a server on a thread of its own (a simulation world stays on the thread that
    /// made it), running until the handle is dropped.
    pub fn spawn(
        config: ServerConfig,
    ) -> anyhow::Result<(ServerHandle, Option<SocketAddr>, Vec<MemoryEndpoint>)> {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("threshold-server".into())
            .spawn(move || match Server::start(config) {
                Ok((server, memory)) => {
                    let _ = tx.send(Ok((server.addr(), memory)));
                    if let Err(e) = server.run(&flag) {
                        log(&format!("server stopped: {e}"));
                    }
                }
                Err(e) => {
                    let _ = tx.send(Err(e));
                }
            })?;
        let (addr, memory) = rx
            .recv()
            .map_err(|_| anyhow::anyhow!("the server thread ended at once"))??;
        Ok((
            ServerHandle {
                stop,
                thread: Some(thread),
            },
            addr,
            memory,
        ))
    }
}

/// A server running on its own thread; dropping it stops the server.
pub struct ServerHandle {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// `threshold serve`: runs until `stop` is set. Prints `listening on ADDR` once ready.
pub fn serve(config: ServerConfig, stop: &AtomicBool) -> anyhow::Result<()> {
    let data_dir = config.data_dir.clone();
    let tls = config.tls.is_some();
    let (server, _) = Server::start(config)?;
    {
        // A closed standard output (a supervisor that stopped reading) must not stop the server.
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let local = server.addr().map(|a| a.to_string()).unwrap_or_default();
        let doors = if tls {
            "UDP, and secure WebSocket + HTTPS on TCP"
        } else {
            "UDP, and WebSocket + HTTP on TCP"
        };
        let _ = writeln!(
            out,
            "listening on {local} ({doors}; data dir: {})",
            data_dir
                .as_deref()
                .map(|d| d.display().to_string())
                .unwrap_or_else(|| "none, in memory".into())
        );
        let _ = out.flush();
    }
    server.run(stop)
}

/// Milliseconds since 1970, to line up the server's and the load generator's logs.
pub fn epoch_ms() -> u128 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis()
}

/// Problems go to standard error; a closed one must not stop the server.
fn log(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn token_of(m: &ClientMessage) -> Option<&str> {
    match m {
        ClientMessage::Resume { token }
        | ClientMessage::ClaimSeat { token, .. }
        | ClientMessage::Act { token, .. } => Some(token),
        _ => None,
    }
}

/// How long the loop turns of the last few seconds took, for `THRESHOLD_SLOW_TURNS`.
struct TurnTimes {
    since: Instant,
    /// For each stage (see `STAGES`), each turn's time in microseconds.
    stages: [Vec<u64>; 8],
}

impl TurnTimes {
    const STAGES: [&str; 8] = [
        "whole",
        "received",
        "handled",
        "rendered",
        "pushed",
        "committed",
        "later",
        "sent",
    ];
}

impl Default for TurnTimes {
    fn default() -> Self {
        Self {
            since: Instant::now(),
            stages: Default::default(),
        }
    }
}

impl TurnTimes {
    fn add(&mut self, times: [Duration; 8]) {
        for (stage, t) in self.stages.iter_mut().zip(times) {
            stage.push(t.as_micros() as u64);
        }
    }

    /// `turns N: whole p50/p90/p99 …, received …` in milliseconds.
    fn summary(&mut self) -> String {
        let mut line = format!("turns {}:", self.stages[0].len());
        for (name, times) in Self::STAGES.iter().zip(&mut self.stages) {
            times.sort_unstable();
            let at = |q: f64| {
                let i = ((times.len() as f64 * q) as usize).min(times.len().saturating_sub(1));
                times.get(i).copied().unwrap_or(0) as f64 / 1000.0
            };
            line += &format!(" {name} {:.2}/{:.2}/{:.2}", at(0.5), at(0.9), at(0.99));
        }
        line + " ms (p50/p90/p99)"
    }
}

/// Views rendered after the replies in one loop turn: at least this many...
const MIN_VIEWS_PER_TURN: usize = 16;
/// ...and more while the turn is younger than this.
const VIEW_TIME_PER_TURN: Duration = Duration::from_millis(4);

/// Tokens whose views are due, each once, oldest first.
#[derive(Default)]
struct Backlog {
    queue: std::collections::VecDeque<String>,
    queued: std::collections::HashSet<String>,
}

impl Backlog {
    fn add(&mut self, token: String) {
        if self.queued.insert(token.clone()) {
            self.queue.push_back(token);
        }
    }

    /// Takes `token` out if it is due (its place in the queue is skipped later).
    fn take(&mut self, token: &str) -> bool {
        self.queued.remove(token)
    }

    fn pop(&mut self) -> Option<String> {
        while let Some(token) = self.queue.pop_front() {
            if self.queued.remove(&token) {
                return Some(token);
            }
        }
        None
    }

    fn len(&self) -> usize {
        self.queued.len()
    }
}

/// A socket that never carries anything: it holds a socket id that belongs to another shard.
#[derive(Debug)]
struct Unused;

impl renet2_netcode::ServerSocket for Unused {
    fn is_encrypted(&self) -> bool {
        false
    }
    fn is_reliable(&self) -> bool {
        false
    }
    fn addr(&self) -> std::io::Result<SocketAddr> {
        Ok(SocketAddr::from(([0, 0, 0, 0], 0)))
    }
    fn is_closed(&mut self) -> bool {
        false
    }
    fn close(&mut self) {}
    fn connection_denied(&mut self, _: SocketAddr) {}
    fn connection_accepted(&mut self, _: u64, _: SocketAddr) {}
    fn disconnect(&mut self, _: SocketAddr) {}
    fn preupdate(&mut self) {}
    fn try_recv(&mut self, _: &mut [u8]) -> std::io::Result<(usize, SocketAddr)> {
        Err(std::io::Error::from(std::io::ErrorKind::WouldBlock))
    }
    fn postupdate(&mut self) {}
    fn send(
        &mut self,
        _: SocketAddr,
        _: &[u8],
    ) -> Result<(), renet2_netcode::NetcodeTransportError> {
        Ok(())
    }
}
