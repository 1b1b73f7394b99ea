//! The client's link to an exercise server: the one place that sends protocol messages and
//! files the answers (views, status, channels, the report) for the screens to draw.
//!
//! A local game (Quick exercise, Host) runs the real server in this process on a thread of
//! its own and talks to it over renet2's in-memory transport; Join talks to a remote server
//! over UDP or WebSocket. The screens never see the difference.

use std::sync::Mutex;

use bevy::prelude::*;
use bevy::window::RequestRedraw;

use crate::i18n::{Arg, Lang, Phrase};
use crate::net::link::{Event, Link};
use crate::net::protocol::{
    ClientMessage, ControlAct, ControlAction, ExerciseStatus, ExerciseSummary, LibraryEntry,
    Moment, SeatAct, SeatInfo, ServerMessage,
};
use crate::report::Debrief;
use crate::scenario::Scenario;
use crate::sim::view::{MessageLine, SeatView};

/// Something that carries the protocol's bytes to a server and back (the session's `Link`
/// speaks the protocol).
pub trait Wire: Send {
    fn send(&mut self, bytes: Vec<u8>);
    /// Everything that has arrived; `Err` with why when the connection is lost.
    fn receive(&mut self) -> Result<Vec<Vec<u8>>, Phrase>;
    fn is_connected(&self) -> bool;
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::Wire;
    use crate::i18n::{Arg, Phrase};
    use crate::net::client::{ClientError, Pipe};

    /// Why a connection failed, in words each language renders (the OS's or library's own
    /// details stay as they came).
    pub(super) fn why(e: &ClientError) -> Phrase {
        match e {
            ClientError::Unreachable(at) => {
                crate::say!("cannot reach the server at {0}", Arg::id(at.clone()))
            }
            ClientError::Timeout => crate::say!("the server did not answer in time"),
            ClientError::Disconnected(_) => crate::say!("the connection to the server was lost"),
            ClientError::Io(e) => crate::say!("network: {0}", Arg::id(e.clone())),
            ClientError::Refused(m) => crate::say!("the server refused: {0}", Arg::id(m.clone())),
        }
    }

    impl Wire for Pipe {
        fn send(&mut self, bytes: Vec<u8>) {
            Pipe::send(self, bytes);
        }
        fn receive(&mut self) -> Result<Vec<Vec<u8>>, Phrase> {
            self.pump().map_err(|e| why(&e))?;
            Ok(std::iter::from_fn(|| self.take()).collect())
        }
        fn is_connected(&self) -> bool {
            Pipe::is_connected(self)
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod web {
    use super::Wire;
    use crate::i18n::{Arg, Phrase};
    use crate::net::browser::BrowserConnection;
    use crate::net::hub::Hub;
    use crate::net::protocol::{ViewPatcher, decode_client, encode_reply};

    impl Wire for BrowserConnection {
        fn send(&mut self, bytes: Vec<u8>) {
            BrowserConnection::send(self, bytes);
        }
        fn receive(&mut self) -> Result<Vec<Vec<u8>>, Phrase> {
            BrowserConnection::receive(self)
        }
        fn is_connected(&self) -> bool {
            BrowserConnection::is_connected(self)
        }
    }

    /// An exercise host inside the page, for local games in the browser: the hub a server
    /// runs, without sockets or storage, speaking the same bytes.
    pub struct PageHost {
        hub: Hub,
        patcher: ViewPatcher,
        started: f64,
        out: Vec<Vec<u8>>,
    }

    // SAFETY: the hub's worlds are not `Send`, but a page built for wasm32-unknown-unknown
    // (no atomics) has exactly one thread: nothing can move it to another.
    unsafe impl Send for PageHost {}

    impl PageHost {
        pub fn new() -> Self {
            Self {
                hub: Hub::new(js_sys::Date::now() as u64),
                patcher: ViewPatcher::default(),
                started: js_sys::Date::now(),
                out: Vec::new(),
            }
        }
        fn now_ms(&self) -> u64 {
            (js_sys::Date::now() - self.started).max(0.0) as u64
        }
        fn push(&mut self, views: Vec<(String, Box<crate::sim::view::SeatView>)>) {
            for (token, view) in views {
                if let Some(bytes) = self.patcher.patch(&token, view) {
                    self.out.push(bytes);
                }
            }
        }
    }

    impl Wire for PageHost {
        fn send(&mut self, bytes: Vec<u8>) {
            let now = self.now_ms();
            // The page's own client: its requests are always readable.
            let Ok(request) = decode_client(&bytes) else {
                return;
            };
            let out = self.hub.handle("page", now, request.message);
            // Views first, then the reply, as a server sends them.
            self.push(out.views);
            self.out.push(encode_reply(request.id, out.reply));
        }
        fn receive(&mut self) -> Result<Vec<Vec<u8>>, Phrase> {
            let now = self.now_ms();
            let views = self
                .hub
                .tick(now)
                .map_err(|e| crate::say!("{0}", Arg::id(e.to_string())))?;
            self.push(views);
            Ok(std::mem::take(&mut self.out))
        }
        fn is_connected(&self) -> bool {
            true
        }
    }
}

/// What the user set out to do; each reply moves it one step on.
#[derive(Clone, Debug, PartialEq)]
pub enum Goal {
    /// Create an exercise, join it, take `seat` (if any), and (quick games) start it.
    Create { seat: Option<String>, start: bool },
    /// Join an existing exercise with its code.
    Join,
}

/// An instructor's desk on a server (signed in): who, the sign-in, and what the server lists.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Desk {
    /// The server as the instructor typed it (or the page's own).
    pub address: String,
    pub name: String,
    /// Empty until the server signs the instructor in.
    pub session: String,
    pub mine: Vec<ExerciseSummary>,
    pub library: Vec<LibraryEntry>,
    /// What was wrong with the last scenario uploaded (nothing was created).
    pub problems: Vec<crate::scenario::Diagnostic>,
}

impl Desk {
    pub fn signed_in(&self) -> bool {
        !self.session.is_empty()
    }
}

/// Where the connection stands.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum LinkState {
    #[default]
    Offline,
    Connecting,
    Ready,
    /// Why, rendered in the language of the moment it is drawn.
    Lost(Phrase),
}

/// A notice for the user (refusals, lost links, saved files).
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The text as it came (a refusal's English).
    pub text: String,
    /// A refusal's reason, rendered in the language of the moment it is drawn (empty for
    /// notices that are text only).
    pub reason: Phrase,
    pub error: bool,
    pub at: f64,
}

impl Notice {
    /// What the notice says in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        if self.reason.is_empty() {
            self.text.clone()
        } else {
            lang.say(&self.reason)
        }
    }
}

/// Everything the client knows about its exercise. Only what the server sent: the client
/// never computes the state itself.
#[derive(Resource, Default)]
pub struct Session {
    wire: Option<Mutex<Box<dyn Wire>>>,
    /// The server thread of a local game or a hosted class (dropping it stops the server).
    #[cfg(not(target_arch = "wasm32"))]
    server: Option<crate::net::server::ServerHandle>,
    pub link: LinkState,
    /// The protocol: requests in flight by id, views from patches.
    proto: Link,
    goal: Option<Goal>,
    /// The address classmates use (hosted classes).
    pub host_address: Option<String>,
    pub scenario: Option<std::sync::Arc<Scenario>>,
    pub scenario_source: Option<(String, String)>,
    /// The exercise's title and summary as the server gave them on joining.
    pub about: Option<(crate::scenario::Text, crate::scenario::Text)>,
    pub name: String,
    pub code: Option<String>,
    pub instructor_key: Option<String>,
    pub token: Option<String>,
    pub seat: Option<String>,
    pub seats: Vec<SeatInfo>,
    pub view: Option<std::sync::Arc<SeatView>>,
    /// Bumped on every new view (screens cache what they derive from it).
    pub view_serial: u64,
    pub status: Option<ExerciseStatus>,
    /// When the status arrived (seconds on the client clock), for the countdown.
    pub status_at: f64,
    /// Control cell: the seat whose view it is looking at, and that view.
    pub watching: Option<String>,
    pub watched: Option<std::sync::Arc<SeatView>>,
    pub channels: Vec<(MessageLine, Vec<String>)>,
    pub debrief: Option<Box<Debrief>>,
    pub notices: Vec<Notice>,
    /// Posts sent at once that the server refused: the Orders tab puts them back among the
    /// drafts, so nothing written is lost.
    pub unposted: Vec<crate::sim::orders::Order>,
    /// The server turned the join away (a name already taken, a wrong code): the screens go
    /// back to Join.
    pub turned_away: bool,
    /// Seconds (client clock) of the last status request.
    polled_at: f64,
    now: f64,
    /// An instructor signed in to a server (it stays when the instructor leaves an exercise).
    pub desk: Option<Desk>,
    /// The control cell's class dashboard as last received, and when it was asked for.
    pub dashboard: crate::net::protocol::ClassDashboard,
    /// The scenario's injects that have fired, as the control cell last heard.
    pub fired_injects: Vec<String>,
    /// This page is an observer's or evaluator's: it watches and writes observations.
    pub observer: bool,
    /// What the observers may do and tie their observations to (the server says).
    pub observer_channels: bool,
    pub ties: Vec<(crate::observation::Tie, crate::scenario::Text)>,
    /// The observations this page has sent (an observer's own, this visit).
    pub noted: Vec<crate::observation::Draft>,
    /// The control cell's: the observers' code, and every observation so far.
    pub observer_code: Option<String>,
    pub observations: Vec<crate::observation::Observation>,
    /// The actions the fired injects are meant to draw, and how each stands.
    pub expectations: Vec<crate::sim::injects::ExpectationLine>,
    dashboard_at: f64,
    /// The control cell shows the class dashboard: keep it fresh.
    pub watch_class: bool,
    /// The journal the control cell asked for, once it arrives (the screen saves it).
    pub journal: Option<String>,
}

impl Session {
    /// Whether a connection is open (or opening).
    pub fn connected(&self) -> bool {
        self.wire.is_some()
    }

    pub fn is_instructor(&self) -> bool {
        self.instructor_key.is_some()
    }

    /// Whether this client runs the exercise's server itself (a quick exercise, a class
    /// hosted from this computer): leaving stops it for everyone.
    pub fn hosts_locally(&self) -> bool {
        #[cfg(not(target_arch = "wasm32"))]
        return self.server.is_some();
        #[cfg(target_arch = "wasm32")]
        false
    }

    /// Whether an answer the user is waiting for is due. The once-a-second status poll is
    /// not, once the exercise runs: its answer is picked up at the next wake-up, without
    /// drawing frames meanwhile. In the lobby it is (and so is the first view after the
    /// start), so the exercise opens the moment it starts rather than a second or two later.
    pub fn waiting(&self) -> bool {
        let in_lobby = self.code.is_some() && !self.started();
        let first_view = self.link == LinkState::Ready
            && self.started()
            && self.seat.is_some()
            && self.view.is_none();
        self.link == LinkState::Connecting
            || first_view
            || self
                .proto
                .awaits(|m| !matches!(m, ClientMessage::Status { .. }) || in_lobby)
    }

    pub fn ended(&self) -> bool {
        self.status.as_ref().is_some_and(|s| s.ended)
    }

    pub fn started(&self) -> bool {
        self.status.as_ref().is_some_and(|s| s.started)
    }

    /// Seconds left in the phase now, counting down between status updates.
    pub fn seconds_left(&self) -> Option<u64> {
        let s = self.status.as_ref()?;
        let left = s.seconds_left? as f64 - (self.now - self.status_at);
        Some(left.max(0.0).ceil() as u64)
    }

    pub fn notify(&mut self, text: impl Into<String>, error: bool) {
        self.notify_reason(text.into(), Phrase::default(), error);
    }

    /// A failure: a lead from the translation table ("Could not join") and why (a phrase, or
    /// `Arg::id` for an OS's or library's own words), both rendered when the notice is
    /// drawn.
    pub fn fail(&mut self, lead: &'static str, why: impl Into<Arg>) {
        let notice = crate::say!("{0}: {1}", Arg::term(lead), why);
        self.notify_reason(notice.en(), notice, true);
    }

    /// A notice with its reason as a phrase (a refusal), so it follows the language switch.
    fn notify_reason(&mut self, text: String, reason: Phrase, error: bool) {
        self.notices.push(Notice {
            text,
            reason,
            error,
            at: self.now,
        });
        if self.notices.len() > 6 {
            self.notices.remove(0);
        }
    }

    /// Forgets the exercise and closes the link (and stops a local server).
    pub fn leave(&mut self) {
        let name = std::mem::take(&mut self.name);
        let desk = self.desk.take();
        *self = Session {
            name,
            desk,
            ..Session::default()
        };
    }

    /// Connects to `address` and signs in as the instructor `name`; the desk fills in as
    /// the server answers (My exercises, the library).
    pub fn sign_in(&mut self, address: &str, name: &str, password: &str) -> Result<(), Phrase> {
        self.desk = None;
        self.connect(address)?;
        self.desk = Some(Desk {
            address: address.trim().to_string(),
            name: name.trim().to_string(),
            ..Desk::default()
        });
        self.proto.send(ClientMessage::SignIn {
            name: name.trim().to_string(),
            password: password.to_string(),
        });
        Ok(())
    }

    pub fn sign_out(&mut self) {
        self.desk = None;
        self.leave();
    }

    /// Asks again for My exercises and the library (reconnecting if the link is gone).
    pub fn refresh_desk(&mut self) {
        let Some(desk) = self.desk.clone().filter(Desk::signed_in) else {
            return;
        };
        if !self.connected() {
            let _ = self.connect(&desk.address);
        }
        self.proto.send(ClientMessage::MyExercises {
            session: desk.session.clone(),
        });
        self.proto.send(ClientMessage::Library {
            session: Some(desk.session),
        });
    }

    /// Creates an exercise from the server's library, or (`source`) from a file the
    /// instructor uploads; the instructor then holds its control cell.
    pub fn create_on_server(&mut self, file: String, source: Option<String>) {
        let Some(desk) = self.desk.as_mut().filter(|d| d.signed_in()) else {
            return;
        };
        desk.problems.clear();
        let session = Some(desk.session.clone());
        self.name = desk.name.clone();
        self.goal = Some(Goal::Create {
            seat: None,
            start: false,
        });
        self.proto.send(match source {
            Some(scenario_source) => ClientMessage::CreateExercise {
                scenario_file: file,
                scenario_source,
                seed: None,
                session,
            },
            None => ClientMessage::CreateFromLibrary {
                file,
                seed: None,
                session,
            },
        });
    }

    /// Opens one of the instructor's exercises as its control cell.
    pub fn open_exercise(&mut self, summary: &ExerciseSummary) {
        self.code = Some(summary.code.clone());
        self.instructor_key = Some(summary.instructor_key.clone());
        self.about = Some((summary.title.clone(), crate::scenario::Text::default()));
        self.polled_at = f64::MIN;
        self.control(ControlAction::Scenario);
    }

    /// The link students open to join: the server's page with the code.
    pub fn join_link(&self) -> Option<String> {
        let code = self.code.as_deref()?;
        let address = match &self.desk {
            Some(d) => d.address.clone(),
            None => self.host_address.clone()?,
        };
        let a = address.trim().trim_end_matches('/');
        let (secure, rest) = match ["https://", "wss://", "http://", "ws://", "udp://"]
            .iter()
            .find_map(|p| a.strip_prefix(p).map(|r| (*p, r)))
        {
            Some((p, r)) => (p == "https://" || p == "wss://", r),
            None => (false, a),
        };
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        Some(format!(
            "{}://{host}/?code={code}",
            if secure { "https" } else { "http" }
        ))
    }

    /// Starts a local server in this process (Quick exercise and Host). `address` makes it
    /// reachable by classmates; `None` keeps it private to this process.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn start_local(&mut self, address: Option<std::net::SocketAddr>) -> Result<(), Phrase> {
        use crate::net::client::{Endpoint, Pipe};
        use crate::net::server::{Server, ServerConfig};
        self.leave();
        let (handle, bound, mut memory) = Server::spawn(ServerConfig {
            addr: address,
            web_root: Some("web/dist".into()),
            memory_clients: 1,
            ..ServerConfig::default()
        })
        .map_err(|e| crate::say!("{0}", Arg::id(e.to_string())))?;
        let endpoint = memory
            .pop()
            .ok_or_else(|| crate::say!("the local server made no in-memory socket"))?;
        let connection = Pipe::open(&Endpoint::Memory(endpoint)).map_err(|e| native::why(&e))?;
        self.host_address = bound.map(|a| a.to_string());
        self.server = Some(handle);
        self.attach(Box::new(connection));
        Ok(())
    }

    /// Connects to a server elsewhere (`HOST:PORT` for UDP, `ws://HOST:PORT`).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn connect(&mut self, address: &str) -> Result<(), Phrase> {
        use crate::net::client::{Endpoint, Pipe};
        let endpoint = address.trim().parse::<Endpoint>().map_err(|e| e.phrase())?;
        let connection = Pipe::open(&endpoint).map_err(|e| native::why(&e))?;
        let name = self.name.clone();
        self.leave();
        self.name = name;
        self.attach(Box::new(connection));
        Ok(())
    }

    /// Connects to the server that served the page (or another `HOST:PORT`) over WebSocket.
    #[cfg(target_arch = "wasm32")]
    pub fn connect(&mut self, address: &str) -> Result<(), Phrase> {
        let connection = crate::net::browser::BrowserConnection::open(address)?;
        let name = self.name.clone();
        self.leave();
        self.name = name;
        self.attach(Box::new(connection));
        Ok(())
    }

    /// In the browser a local game runs the exercise host itself in the page (no network,
    /// no store): the same rules, computer players and views as a server.
    #[cfg(target_arch = "wasm32")]
    pub fn start_local(&mut self, address: Option<std::net::SocketAddr>) -> Result<(), Phrase> {
        if address.is_some() {
            return Err(crate::say!(
                "hosting a class needs the desktop program or `threshold serve`"
            ));
        }
        self.leave();
        self.attach(Box::new(web::PageHost::new()));
        Ok(())
    }

    /// Uses an already open connection (tests use an in-memory one). Its first request is
    /// the link's hello.
    pub fn attach(&mut self, wire: Box<dyn Wire>) {
        self.wire = Some(Mutex::new(wire));
        self.link = LinkState::Connecting;
        self.proto = Link::new();
    }

    /// Creates an exercise from scenario text, joins it as `name`, takes `seat` if given,
    /// and starts it if `start` (a quick game).
    pub fn create(
        &mut self,
        scenario: std::sync::Arc<Scenario>,
        file: String,
        source: String,
        seat: Option<String>,
        start: bool,
    ) {
        self.scenario = Some(scenario);
        self.scenario_source = Some((file.clone(), source.clone()));
        self.goal = Some(Goal::Create { seat, start });
        self.proto.send(ClientMessage::CreateExercise {
            scenario_file: file,
            scenario_source: source,
            seed: None,
            session: None,
        });
    }

    /// Joins an exercise by its code, or comes back to one's place in it with a seat token
    /// (the page's rejoin link, or the token it kept for this code).
    pub fn join(&mut self, code: &str, rejoin: Option<String>) {
        self.goal = Some(Goal::Join);
        self.code = Some(code.trim().to_string());
        let message = match rejoin {
            Some(token) => ClientMessage::Resume { token },
            // The observers' code is longer than the join code.
            None if is_observer_code(code) => ClientMessage::Observe {
                code: code.to_string(),
                name: self.name.clone(),
            },
            None => ClientMessage::Join {
                code: code.to_string(),
                name: self.name.clone(),
            },
        };
        self.proto.send(message);
    }

    /// An observer asks for a seat's view.
    pub fn watch(&mut self, seat: &str) {
        self.watching = Some(seat.to_string());
        if let Some(token) = self.token.clone() {
            self.proto.send(ClientMessage::Watch {
                token,
                seat: seat.to_string(),
            });
        }
    }

    /// An observer's periodic asks: the watched seat's view, the channels if open, and what
    /// observations may be tied to (new injects fire).
    pub fn observe_refresh(&mut self) {
        let Some(token) = self.token.clone() else {
            return;
        };
        if let Some(seat) = self.watching.clone() {
            self.proto.send(ClientMessage::Watch {
                token: token.clone(),
                seat,
            });
        }
        if self.observer_channels {
            self.proto.send(ClientMessage::WatchChannels {
                token: token.clone(),
            });
        }
        self.proto.send(ClientMessage::Resume { token });
    }

    /// An observer writes an observation.
    pub fn write_observation(&mut self, note: crate::observation::Draft) {
        if let Some(token) = self.token.clone() {
            self.proto.send(ClientMessage::Note { token, note });
        }
    }

    /// The link that brings this participant back to their place from any browser.
    pub fn rejoin_link(&self) -> Option<String> {
        super::keep::rejoin_link(self.code.as_deref()?, self.token.as_deref()?)
    }

    pub fn claim(&mut self, seat: &str) {
        if let Some(token) = self.token.clone() {
            self.proto.send(ClientMessage::ClaimSeat {
                token,
                seat: seat.to_string(),
            });
        }
    }

    /// Where the exercise stood in what this client last saw: its own seat's view, or the
    /// status. Acts are drafted at it, and refused as stale if the exercise has moved on.
    pub fn moment(&self) -> Option<Moment> {
        match (&self.view, &self.status) {
            (Some(v), _) => Some(Moment {
                turn: v.turn,
                phase: v.phase,
            }),
            (None, Some(s)) => Some(s.at),
            (None, None) => None,
        }
    }

    /// The own seat's act, drafted on the view on screen.
    pub fn act(&mut self, act: SeatAct) {
        if let (Some(token), Some(at)) = (self.token.clone(), self.moment()) {
            self.proto.send(ClientMessage::Act { token, act, at });
        }
    }

    /// Takes one of the seat's roles in its delegation (none: no role).
    pub fn choose_role(&mut self, role: Option<String>) {
        if let Some(token) = self.token.clone() {
            self.proto.send(ClientMessage::ChooseRole { token, role });
        }
    }

    /// Gives the server this page's drafts to keep for the seat, with the server's copy
    /// they started from (`base`): the server applies this page's changes to the seat's
    /// drafts, so a reload or another device finds them and the delegation's other members
    /// lose nothing of theirs.
    pub fn keep_drafts(
        &mut self,
        base: Vec<crate::sim::orders::Order>,
        orders: Vec<crate::sim::orders::Order>,
    ) {
        if let Some(token) = self.token.clone() {
            self.proto.send(ClientMessage::Drafts {
                token,
                base,
                orders,
            });
        }
    }

    /// A control-cell act on the game, drafted at the moment on screen (the own seat's view
    /// where the control cell also plays, which arrives first; else the status).
    pub fn game(&mut self, act: ControlAct) {
        if let Some(at) = self.moment() {
            self.control(ControlAction::Game { act, at });
        }
    }

    /// A control-cell action (only with the instructor key).
    pub fn control(&mut self, action: ControlAction) {
        let (Some(code), Some(key)) = (self.code.clone(), self.instructor_key.clone()) else {
            return;
        };
        if let ControlAction::ViewSeat { seat } = &action {
            self.watching = Some(seat.clone());
        }
        self.proto
            .send(ClientMessage::Control { code, key, action });
    }

    /// Asks for the class dashboard every two seconds while the control cell shows it.
    pub fn poll_dashboard(&mut self) {
        if self.is_instructor()
            && self.now - self.dashboard_at >= 2.0
            && !self.proto.awaits(|m| {
                matches!(
                    m,
                    ClientMessage::Control {
                        action: ControlAction::Dashboard,
                        ..
                    }
                )
            })
        {
            self.dashboard_at = self.now;
            self.control(ControlAction::Dashboard);
        }
    }

    /// Asks for the after-action report (the control cell at any time, others at the end).
    pub fn request_debrief(&mut self) {
        if self.is_instructor() {
            self.control(ControlAction::Debrief);
        } else if let Some(code) = self.code.clone() {
            self.proto.send(ClientMessage::Debrief { code });
        }
    }

    /// Moves the connection on: sends what the link has queued once connected, and files
    /// every answer. Returns whether anything arrived (the screen then redraws).
    pub fn pump(&mut self, now: f64) -> bool {
        self.now = now;
        let Some(wire) = &self.wire else {
            return false;
        };
        let received = match wire.lock() {
            Ok(mut w) => {
                let connected = w.is_connected();
                if connected {
                    for bytes in self.proto.outgoing() {
                        w.send(bytes);
                    }
                }
                w.receive().map(|m| (connected, m))
            }
            Err(_) => Err(crate::say!("the link is broken")),
        };
        let (connected, frames) = match received {
            Ok(r) => r,
            Err(why) => {
                self.wire = None;
                self.fail("connection lost", why.clone());
                self.link = LinkState::Lost(why);
                return true;
            }
        };
        let mut changed = false;
        if self.link == LinkState::Connecting && connected {
            self.link = LinkState::Ready;
            changed = true;
        }
        for bytes in frames {
            changed |= match self.proto.receive(&bytes) {
                Ok(Event::Reply { request, reply, .. }) => self.file(request, reply),
                Ok(Event::View(view)) => self.file_view(view),
                Ok(Event::Stray(reply)) => self.file_stray(reply),
                Err(e) => {
                    self.fail("connection lost", Arg::id(e.to_string()));
                    true
                }
            };
        }
        // Status once a second while in an exercise: the deadline and the lobby's seats.
        if self.link == LinkState::Ready
            && let Some(code) = self.code.clone()
            && now - self.polled_at >= 1.0
            && !self
                .proto
                .awaits(|m| matches!(m, ClientMessage::Status { .. }))
        {
            self.polled_at = now;
            // An observer's code is the exercise's join code and a key: the status is the
            // exercise's.
            let code = if is_observer_code(&code) {
                crate::net::hub::normalise(&code)[..crate::net::hub::CODE_LENGTH].to_string()
            } else {
                code
            };
            self.proto.send(ClientMessage::Status { code });
        }
        if self.link == LinkState::Ready && self.watch_class {
            self.poll_dashboard();
        }
        changed
    }

    /// A view the server pushed: the own seat's (or that of the seat being claimed: its view
    /// comes before the claim's acknowledgement).
    /// A view the server pushed: always of this participant's own seat, whether it took
    /// the seat, came back to it or the control cell assigned it.
    fn file_view(&mut self, view: std::sync::Arc<SeatView>) -> bool {
        self.seat = Some(view.seat.clone());
        self.view = Some(view);
        self.view_serial += 1;
        true
    }

    /// A reply to no request in flight: only a refusal of something the server could not
    /// read says anything.
    fn file_stray(&mut self, reply: ServerMessage) -> bool {
        match reply {
            ServerMessage::Refused {
                message, reason, ..
            } => {
                self.notify_reason(message, reason, true);
                true
            }
            _ => false,
        }
    }

    /// Files the reply to `request` where the screens find it, and takes the goal a step
    /// on. Returns whether anything on screen changes (a status poll that only counts the
    /// deadline down does not: the countdown runs on the client's clock).
    pub fn file(&mut self, request: ClientMessage, reply: ServerMessage) -> bool {
        match reply {
            ServerMessage::Welcome { .. } => {}
            ServerMessage::SignedIn { session, name } => {
                if let Some(desk) = self.desk.as_mut() {
                    desk.session = session;
                    desk.name = name;
                }
                self.refresh_desk();
            }
            ServerMessage::Exercises(mine) => {
                if let Some(desk) = self.desk.as_mut() {
                    desk.mine = mine;
                }
            }
            ServerMessage::ScenarioText { file, source } => {
                // The control cell's scenario (injects, turns) when it did not create the
                // exercise from a file on this computer.
                match crate::scenario::parse(&source, &file) {
                    Ok(sc) => {
                        self.scenario = Some(std::sync::Arc::new(sc));
                        self.scenario_source = Some((file, source));
                    }
                    Err(e) => self.fail("Could not read the scenario", Arg::id(e.to_string())),
                }
            }
            ServerMessage::Journal(text) => self.journal = Some(text),
            ServerMessage::Observing {
                token,
                name,
                seats,
                title,
                read_channels,
                ties,
            } => {
                let same = self.observer
                    && self.seats == seats
                    && self.observer_channels == read_channels
                    && self.ties == ties;
                if let Some(code) = &self.code {
                    super::keep::remember(code, &token);
                }
                self.about = Some((title, crate::scenario::Text::default()));
                self.token = Some(token);
                self.name = name;
                self.observer = true;
                self.seats = seats;
                self.observer_channels = read_channels;
                self.ties = ties;
                if same {
                    return false;
                }
            }
            ServerMessage::ObserverCode(code) => self.observer_code = Some(code),
            ServerMessage::Observations(notes) => {
                if notes == self.observations {
                    return false;
                }
                self.observations = notes;
            }
            ServerMessage::Expectations(lines) => {
                if lines == self.expectations {
                    return false;
                }
                self.expectations = lines;
            }
            ServerMessage::FiredInjects(ids) => {
                if ids == self.fired_injects {
                    return false;
                }
                self.fired_injects = ids;
            }
            ServerMessage::Dashboard(rows) => {
                if rows == self.dashboard {
                    return false;
                }
                self.dashboard = rows;
            }
            ServerMessage::Library(entries) => {
                if let Some(desk) = self.desk.as_mut() {
                    desk.library = entries;
                }
            }
            ServerMessage::ScenarioProblems(problems) => {
                self.goal = None;
                self.notify_reason(
                    String::new(),
                    crate::say!("the scenario does not load: nothing was created"),
                    true,
                );
                if let Some(desk) = self.desk.as_mut() {
                    desk.problems = problems;
                }
            }
            ServerMessage::Created {
                code,
                instructor_key,
            } => {
                self.code = Some(code.clone());
                self.instructor_key = Some(instructor_key);
                // What went wrong before (an upload that did not load) is mended now.
                self.notices.retain(|n| !n.error);
                if let Some(desk) = self.desk.as_mut() {
                    desk.problems.clear();
                }
                // Created on a server from its library or an upload: the scenario comes
                // from there.
                if self.scenario.is_none() {
                    self.control(ControlAction::Scenario);
                }
                self.proto.send(ClientMessage::Join {
                    code,
                    name: self.name.clone(),
                });
            }
            ServerMessage::Joined {
                token,
                seats,
                title,
                summary,
            } => {
                self.about = Some((title, summary));
                if let Some(code) = &self.code {
                    super::keep::remember(code, &token);
                }
                self.token = Some(token);
                self.seats = seats;
                if let Some(Goal::Create {
                    seat: Some(seat), ..
                }) = self.goal.clone()
                {
                    self.claim(&seat);
                }
                if let Some(Goal::Create { start: true, .. }) = self.goal {
                    self.control(ControlAction::Start);
                }
            }
            ServerMessage::Ack => match request {
                ClientMessage::ClaimSeat { seat, .. } => self.seat = Some(seat),
                ClientMessage::Note { note, .. } => self.noted.push(note),
                // Sending says what went in and what it costs.
                ClientMessage::Act {
                    act: SeatAct::Orders { orders },
                    ..
                } => {
                    let (capital, capacity, _) = self
                        .view
                        .as_deref()
                        .map(|v| super::view_model::cost_of(v, &orders))
                        .unwrap_or((0, 0, true));
                    self.notify_reason(
                        String::new(),
                        crate::say!(
                            "{0} orders sent (capital {1}, capacity {2}): you may change them until the deadline",
                            orders.len(),
                            capital,
                            capacity
                        ),
                        false,
                    );
                }
                ClientMessage::Control { action, .. } => match action {
                    ControlAction::Game {
                        act: ControlAct::End,
                        ..
                    } => self.request_debrief(),
                    // Ask at once where the exercise stands now, rather than at the next
                    // poll: the next act is drafted on it.
                    _ => self.polled_at = f64::MIN,
                },
                _ => {}
            },
            // The control cell's look at a seat (the one it watches now).
            ServerMessage::View(view) => {
                if self.watching.as_deref() == Some(view.seat.as_str()) {
                    self.watched = Some(std::sync::Arc::new(*view));
                } else {
                    return false;
                }
            }
            ServerMessage::Status(status) => {
                let ended_now = status.ended && !self.ended();
                let same = self.status.as_ref().is_some_and(|old| {
                    let elapsed = (self.now - self.status_at).max(0.0);
                    let expected = old.seconds_left.map(|s| (s as f64 - elapsed).max(0.0));
                    let on_time = match (expected, status.seconds_left) {
                        (None, None) => true,
                        (Some(e), Some(s)) => (e - s as f64).abs() <= 1.5,
                        _ => false,
                    };
                    on_time
                        && ExerciseStatus {
                            seconds_left: status.seconds_left,
                            ..old.clone()
                        } == status
                });
                self.seats = status.seats.clone();
                self.status = Some(status);
                self.status_at = self.now;
                if ended_now {
                    self.request_debrief();
                }
                if same {
                    return false;
                }
            }
            ServerMessage::Messages(all) => self.channels = all,
            ServerMessage::Debrief(d) => self.debrief = Some(d),
            ServerMessage::Refused {
                message, reason, ..
            } => {
                if matches!(request, ClientMessage::Hello { .. }) {
                    // A server before protocol 6 sends no phrase: its English message.
                    self.link = LinkState::Lost(if reason.is_empty() {
                        crate::say!("{0}", Arg::id(message.clone()))
                    } else {
                        reason.clone()
                    });
                }
                match (&request, self.code.clone()) {
                    // The kept token or the link is no longer known (the exercise was
                    // deleted): forget it, and join afresh under one's name if there is one.
                    (ClientMessage::Resume { .. }, Some(code)) => {
                        super::keep::forget(&code);
                        if self.name.trim().is_empty() {
                            self.turned_away = true;
                        } else {
                            self.join(&code, None);
                        }
                        self.notify_reason(
                            String::new(),
                            crate::say!("this rejoin link no longer works: join with your name"),
                            true,
                        );
                        return true;
                    }
                    // A name already taken, a wrong code: back to the Join screen to mend it.
                    (ClientMessage::Join { .. }, _) if self.instructor_key.is_none() => {
                        self.turned_away = true;
                    }
                    (
                        ClientMessage::Act {
                            act: SeatAct::PostNow { statement },
                            ..
                        },
                        _,
                    ) => self.unposted.push(statement.clone()),
                    _ => {}
                }
                self.notify_reason(message, reason, true);
            }
        }
        true
    }
}

/// Pumps the link every frame and asks for another frame while answers are due, so a
/// click is answered at once while an idle client sleeps.
fn pump(
    mut session: ResMut<Session>,
    time: Res<Time<Real>>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let now = time.elapsed_secs_f64();
    let changed = session.bypass_change_detection().pump(now);
    if changed {
        session.set_changed();
    }
    if changed || session.waiting() {
        redraw.write(RequestRedraw);
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Session>().add_systems(PreUpdate, pump);
}

/// Whether a code typed to join is an observers' code (the join code and a key).
pub fn is_observer_code(code: &str) -> bool {
    crate::net::hub::normalise(code).len()
        == crate::net::hub::CODE_LENGTH + crate::observation::KEY_LENGTH
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::protocol::{Refusal, ServerFrame, decode_client, encode_reply, encode_server};

    /// A wire whose other end is the test: it keeps what the session sends and hands over
    /// what the test queues.
    #[derive(Clone, Default)]
    struct Loop {
        sent: std::sync::Arc<Mutex<Vec<(u32, ClientMessage)>>>,
        inbox: std::sync::Arc<Mutex<Vec<Vec<u8>>>>,
    }

    impl Wire for Loop {
        fn send(&mut self, bytes: Vec<u8>) {
            let r = decode_client(&bytes).expect("a request");
            self.sent.lock().unwrap().push((r.id, r.message));
        }
        fn receive(&mut self) -> Result<Vec<Vec<u8>>, Phrase> {
            Ok(std::mem::take(&mut *self.inbox.lock().unwrap()))
        }
        fn is_connected(&self) -> bool {
            true
        }
    }

    impl Loop {
        /// The id of the last request sent that matches.
        fn id_of(&self, wanted: impl Fn(&ClientMessage) -> bool) -> u32 {
            let sent = self.sent.lock().unwrap();
            sent.iter()
                .rev()
                .find(|(_, m)| wanted(m))
                .map(|(id, _)| *id)
                .expect("such a request was sent")
        }
        fn reply(&self, re: u32, message: ServerMessage) {
            self.inbox.lock().unwrap().push(encode_reply(re, message));
        }
        fn push_view(&self, view: SeatView) {
            self.inbox
                .lock()
                .unwrap()
                .push(encode_server(&ServerFrame::ViewPatch {
                    seat: view.seat.clone(),
                    fields: match serde_json::to_value(&view).unwrap() {
                        serde_json::Value::Object(m) => m,
                        _ => unreachable!(),
                    },
                }));
        }
    }

    /// A session whose hello the server has welcomed.
    fn connected() -> (Session, Loop) {
        let wire = Loop::default();
        let mut s = Session::default();
        s.attach(Box::new(wire.clone()));
        s.pump(0.0);
        let hello = wire.id_of(|m| matches!(m, ClientMessage::Hello { .. }));
        wire.reply(hello, ServerMessage::Welcome { version: 7 });
        s.pump(0.0);
        (s, wire)
    }

    fn status() -> ExerciseStatus {
        ExerciseStatus {
            code: "ABC".into(),
            scenario: "x".into(),
            turn: 1,
            phase: "briefing".into(),
            at: Moment {
                turn: 1,
                phase: crate::sim::clock::Phase::Briefing,
            },
            started: false,
            paused: false,
            delegation: None,
            assigned_only: false,
            observers_read_channels: false,
            ended: false,
            seconds_left: None,
            at_deadline: Default::default(),
            state_hash: String::new(),
            seats: Vec::new(),
        }
    }

    /// A refusal is kept as its phrase, so the notice speaks the language chosen when it is
    /// drawn, and follows a switch; a plain notice stays as written.
    #[test]
    fn a_refusal_notice_speaks_the_language_it_is_drawn_in() {
        let mut s = Session::default();
        let reason = crate::say!("the exercise has not started");
        let status = ClientMessage::Status { code: "A".into() };
        s.file(
            status.clone(),
            ServerMessage::Refused {
                refusal: Refusal::NotRunning,
                message: reason.en(),
                reason,
            },
        );
        let n = s.notices.last().expect("a notice");
        assert!(n.error);
        assert_eq!(n.text, "the exercise has not started");
        assert_eq!(n.say(Lang::AR), "لم يبدأ التمرين بعد");
        assert_eq!(n.say(Lang::EN), "the exercise has not started");

        // A server before protocol 6 sends no phrase: its English message is shown.
        s.file(
            status,
            ServerMessage::Refused {
                refusal: Refusal::Version,
                message: "update the client".into(),
                reason: Phrase::default(),
            },
        );
        let n = s.notices.last().expect("a notice");
        assert_eq!(n.say(Lang::AR), "update the client");
        s.notify("saved", false);
        assert_eq!(
            s.notices.last().map(|n| n.say(Lang::AR)).as_deref(),
            Some("saved")
        );
    }

    /// A lost connection says why in the language it is drawn in: the notice (with its
    /// translated lead) and the link's state; a refused hello loses the link too.
    #[test]
    fn a_lost_link_speaks_the_language_it_is_drawn_in() {
        struct Broken;
        impl Wire for Broken {
            fn send(&mut self, _: Vec<u8>) {}
            fn receive(&mut self) -> Result<Vec<Vec<u8>>, Phrase> {
                Err(crate::say!("the connection to the server was lost"))
            }
            fn is_connected(&self) -> bool {
                false
            }
        }
        let mut s = Session::default();
        s.attach(Box::new(Broken));
        assert!(s.pump(1.0));
        let LinkState::Lost(why) = &s.link else {
            panic!("the link is not lost: {:?}", s.link);
        };
        assert_eq!(Lang::AR.say(why), "انقطع الاتصال بالخادم");
        let n = s.notices.last().expect("a notice");
        assert!(n.error);
        assert_eq!(
            n.text,
            "connection lost: the connection to the server was lost"
        );
        assert_eq!(n.say(Lang::AR), "انقطع الاتصال: انقطع الاتصال بالخادم");

        let wire = Loop::default();
        let mut s = Session::default();
        s.attach(Box::new(wire.clone()));
        s.pump(0.0);
        let hello = wire.id_of(|m| matches!(m, ClientMessage::Hello { .. }));
        wire.reply(
            hello,
            ServerMessage::Refused {
                refusal: Refusal::Version,
                message: "update the client".into(),
                reason: Phrase::default(),
            },
        );
        s.pump(0.1);
        let LinkState::Lost(why) = &s.link else {
            panic!("the link is not lost: {:?}", s.link);
        };
        assert_eq!(Lang::AR.say(why), "update the client");
    }

    /// Replies are filed against the request they name: a claim's view and its
    /// acknowledgement overtake an earlier status poll's answer, and each still lands
    /// where it belongs (the seat taken at the acknowledgement, the status as status).
    #[test]
    fn a_claims_answers_overtaking_an_earlier_request_are_filed_by_id() {
        let (seat, v) = crate::sim::view::sample_view();
        let (mut s, wire) = connected();
        s.token = Some("t".into());
        s.code = Some("ABC".into());
        s.pump(2.0); // sends a status poll
        s.claim(&seat);
        s.pump(2.1);
        let poll = wire.id_of(|m| matches!(m, ClientMessage::Status { .. }));
        let claim = wire.id_of(|m| matches!(m, ClientMessage::ClaimSeat { .. }));
        assert!(poll < claim);

        wire.push_view(v);
        wire.reply(claim, ServerMessage::Ack);
        wire.reply(poll, ServerMessage::Status(status()));
        assert!(s.pump(2.2));
        assert_eq!(s.seat, Some(seat.clone()));
        assert_eq!(s.view.as_ref().map(|v| v.seat.clone()), Some(seat));
        assert_eq!(s.status.as_ref().map(|st| st.code.as_str()), Some("ABC"));
        assert!(!s.waiting(), "nothing is left in flight but answered");
    }

    /// An observer joined with the observers' code polls the exercise's status under the
    /// join code it begins with (under its own code the server knows no exercise).
    #[test]
    fn an_observer_polls_the_status_of_its_exercise() {
        let (mut s, wire) = connected();
        s.token = Some("ABCDEF-t".into());
        s.code = Some("abc-def 2345".into());
        s.pump(2.0);
        s.pump(2.1);
        // `id_of` fails the test unless such a request went out.
        wire.id_of(|m| matches!(m, ClientMessage::Status { code } if code == "ABCDEF"));
    }

    /// The control cell's look at a seat is the reply to its request, not the own seat; a
    /// view the server pushes is always the participant's own seat, so one the control cell
    /// assigned from the lobby is taken (and the screens move into the exercise).
    #[test]
    fn a_watched_seat_is_a_reply_and_a_pushed_view_is_the_own_seat() {
        let (seat, v) = crate::sim::view::sample_view();
        let (mut s, wire) = connected();
        s.code = Some("ABC".into());
        s.instructor_key = Some("key".into());
        s.control(ControlAction::ViewSeat { seat: seat.clone() });
        s.pump(0.5);
        let asked = wire.id_of(|m| {
            matches!(
                m,
                ClientMessage::Control {
                    action: ControlAction::ViewSeat { .. },
                    ..
                }
            )
        });
        wire.reply(asked, ServerMessage::View(Box::new(v.clone())));
        s.pump(0.6);
        assert_eq!(
            s.watched.as_ref().map(|w| w.seat.clone()),
            Some(seat.clone())
        );
        assert!(s.view.is_none(), "a watched seat is not the own seat");

        assert!(s.seat.is_none());
        wire.push_view(v);
        s.pump(0.7);
        assert_eq!(s.seat.as_deref(), Some(seat.as_str()));
        assert!(s.view.is_some());
    }

    /// An act goes out drafted at the moment of the view on screen.
    #[test]
    fn an_act_carries_the_moment_of_the_view_it_was_drafted_on() {
        let (_, v) = crate::sim::view::sample_view();
        let (mut s, wire) = connected();
        s.token = Some("t".into());
        let at = Moment {
            turn: v.turn,
            phase: v.phase,
        };
        s.view = Some(std::sync::Arc::new(v));
        s.act(SeatAct::Ready);
        s.pump(0.1);
        let sent = wire.sent.lock().unwrap().clone();
        assert!(sent.iter().any(
            |(_, m)| matches!(m, ClientMessage::Act { act: SeatAct::Ready, at: a, .. } if *a == at)
        ));
    }
}
