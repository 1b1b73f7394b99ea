//! The client's link to an exercise server: the one place that sends protocol messages and
//! files the answers (views, status, channels, the report) for the screens to draw.
//!
//! A local game (Quick exercise, Host) runs the real server in this process on a thread of
//! its own and talks to it over renet2's in-memory transport; Join talks to a remote server
//! over UDP or WebSocket. The screens never see the difference.

use std::collections::VecDeque;
use std::sync::Mutex;

use bevy::prelude::*;
use bevy::window::RequestRedraw;

use crate::i18n::{Arg, Lang, Phrase};
use crate::net::protocol::{
    ClientMessage, ControlAction, ExerciseStatus, PROTOCOL_VERSION, SeatAct, SeatInfo,
    ServerMessage,
};
use crate::report::Debrief;
use crate::scenario::Scenario;
use crate::sim::view::{MessageLine, SeatView};

/// Something that carries protocol messages to a server and back.
pub trait Wire: Send {
    fn send(&mut self, message: &ClientMessage);
    /// Everything that has arrived; `Err` with why when the link is lost.
    fn receive(&mut self) -> Result<Vec<ServerMessage>, Phrase>;
    fn is_connected(&self) -> bool;
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::Wire;
    use crate::i18n::{Arg, Phrase};
    use crate::net::client::{ClientError, Connection};
    use crate::net::protocol::{ClientMessage, ServerMessage};

    /// Why a link failed, in words each language renders (the OS's or library's own
    /// details stay as they came).
    pub(super) fn why(e: &ClientError) -> Phrase {
        match e {
            ClientError::Unreachable(at) => {
                crate::say!("cannot reach the server at {0}", Arg::id(at.clone()))
            }
            ClientError::Timeout => crate::say!("the server did not answer in time"),
            ClientError::Disconnected => crate::say!("the connection to the server was lost"),
            ClientError::Io(e) => crate::say!("network: {0}", Arg::id(e.clone())),
            ClientError::Refused(m) => crate::say!("the server refused: {0}", Arg::id(m.clone())),
        }
    }

    impl Wire for Connection {
        fn send(&mut self, message: &ClientMessage) {
            Connection::send(self, message);
        }
        fn receive(&mut self) -> Result<Vec<ServerMessage>, Phrase> {
            Connection::receive(self).map_err(|e| why(&e))
        }
        fn is_connected(&self) -> bool {
            Connection::is_connected(self)
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod web {
    use super::Wire;
    use crate::i18n::{Arg, Phrase};
    use crate::net::browser::BrowserConnection;
    use crate::net::hub::Hub;
    use crate::net::protocol::{ClientMessage, ServerMessage};

    impl Wire for BrowserConnection {
        fn send(&mut self, message: &ClientMessage) {
            BrowserConnection::send(self, message);
        }
        fn receive(&mut self) -> Result<Vec<ServerMessage>, Phrase> {
            BrowserConnection::receive(self)
        }
        fn is_connected(&self) -> bool {
            BrowserConnection::is_connected(self)
        }
    }

    /// An exercise host inside the page, for local games in the browser: the hub a server
    /// runs, without sockets or storage.
    pub struct PageHost {
        hub: Hub,
        started: f64,
        out: Vec<ServerMessage>,
    }

    // SAFETY: the hub's worlds are not `Send`, but a page built for wasm32-unknown-unknown
    // (no atomics) has exactly one thread: nothing can move it to another.
    unsafe impl Send for PageHost {}

    impl PageHost {
        pub fn new() -> Self {
            Self {
                hub: Hub::new(js_sys::Date::now() as u64),
                started: js_sys::Date::now(),
                out: Vec::new(),
            }
        }
        fn now_ms(&self) -> u64 {
            (js_sys::Date::now() - self.started).max(0.0) as u64
        }
    }

    impl Wire for PageHost {
        fn send(&mut self, message: &ClientMessage) {
            let now = self.now_ms();
            let out = self.hub.handle("page", now, message.clone());
            // Views first, then the reply, as a server sends them.
            self.out.extend(
                out.views
                    .into_iter()
                    .map(|(_, v)| ServerMessage::View(v.into())),
            );
            self.out.push(out.reply);
        }
        fn receive(&mut self) -> Result<Vec<ServerMessage>, Phrase> {
            let now = self.now_ms();
            let views = self
                .hub
                .tick(now)
                .map_err(|e| crate::say!("{0}", Arg::id(e.to_string())))?;
            self.out.extend(
                views
                    .into_iter()
                    .map(|(_, v)| ServerMessage::View(v.into())),
            );
            Ok(std::mem::take(&mut self.out))
        }
        fn is_connected(&self) -> bool {
            true
        }
    }
}

/// What a request waits for; replies come back in the order requests were sent.
#[derive(Clone, Debug, PartialEq)]
pub enum Expect {
    Welcome,
    Created,
    Joined,
    Claimed(String),
    Control(ControlKind),
    Status,
    Debrief,
    Act(ActKind),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ControlKind {
    Assign,
    Start,
    Pause,
    Resume,
    Advance,
    Inject,
    Deadline,
    ViewSeat,
    Channels,
    Debrief,
    End,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActKind {
    Orders,
    Table,
    Ready,
    Say,
}

/// What the user set out to do; each reply moves it one step on.
#[derive(Clone, Debug, PartialEq)]
pub enum Goal {
    /// Create an exercise, join it, take `seat` (if any), and (quick games) start it.
    Create { seat: Option<String>, start: bool },
    /// Join an existing exercise with its code.
    Join,
}

/// Where the connection stands.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Link {
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
    pub link: Link,
    goal: Option<Goal>,
    expect: VecDeque<Expect>,
    /// Messages waiting for the connection to be ready.
    queued: Vec<(ClientMessage, Expect)>,
    /// The address classmates use (hosted classes).
    pub host_address: Option<String>,
    pub scenario: Option<std::sync::Arc<Scenario>>,
    pub scenario_source: Option<(String, String)>,
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
    /// Seconds (client clock) of the last status request.
    polled_at: f64,
    now: f64,
}

impl Session {
    pub fn is_instructor(&self) -> bool {
        self.instructor_key.is_some()
    }

    /// Whether an answer the user is waiting for is due. The once-a-second status poll is
    /// not, once the exercise runs: its answer is picked up at the next wake-up, without
    /// drawing frames meanwhile. In the lobby it is (and so is the first view after the
    /// start), so the exercise opens the moment it starts rather than a second or two later.
    pub fn waiting(&self) -> bool {
        let in_lobby = self.code.is_some() && !self.started();
        let first_view = self.link == Link::Ready
            && self.started()
            && self.seat.is_some()
            && self.view.is_none();
        self.link == Link::Connecting
            || first_view
            || self.expect.iter().any(|e| *e != Expect::Status || in_lobby)
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
        *self = Session {
            name,
            ..Session::default()
        };
    }

    /// Starts a local server in this process (Quick exercise and Host). `address` makes it
    /// reachable by classmates; `None` keeps it private to this process.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn start_local(&mut self, address: Option<std::net::SocketAddr>) -> Result<(), Phrase> {
        use crate::net::client::{Connection, Endpoint};
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
        let connection =
            Connection::open(&Endpoint::Memory(endpoint)).map_err(|e| native::why(&e))?;
        self.host_address = bound.map(|a| a.to_string());
        self.server = Some(handle);
        self.attach(Box::new(connection));
        Ok(())
    }

    /// Connects to a server elsewhere (`HOST:PORT` for UDP, `ws://HOST:PORT`).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn connect(&mut self, address: &str) -> Result<(), Phrase> {
        use crate::net::client::{Connection, Endpoint};
        let endpoint = address.trim().parse::<Endpoint>().map_err(|e| e.phrase())?;
        let connection = Connection::open(&endpoint).map_err(|e| native::why(&e))?;
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

    /// Uses an already open link (tests use an in-memory one).
    pub fn attach(&mut self, wire: Box<dyn Wire>) {
        self.wire = Some(Mutex::new(wire));
        self.link = Link::Connecting;
        self.expect.clear();
        self.queued.clear();
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
        self.request(
            ClientMessage::CreateExercise {
                scenario_file: file,
                scenario_source: source,
                seed: None,
            },
            Expect::Created,
        );
    }

    /// Joins an exercise by its code.
    pub fn join(&mut self, code: &str) {
        self.goal = Some(Goal::Join);
        self.code = Some(code.trim().to_string());
        self.request(
            ClientMessage::Join {
                code: code.to_string(),
                name: self.name.clone(),
            },
            Expect::Joined,
        );
    }

    pub fn claim(&mut self, seat: &str) {
        if let Some(token) = self.token.clone() {
            self.request(
                ClientMessage::ClaimSeat {
                    token,
                    seat: seat.to_string(),
                },
                Expect::Claimed(seat.to_string()),
            );
        }
    }

    pub fn act(&mut self, act: SeatAct) {
        let kind = match &act {
            SeatAct::Orders { .. } => ActKind::Orders,
            SeatAct::Table { .. } => ActKind::Table,
            SeatAct::Ready => ActKind::Ready,
            SeatAct::Say { .. } => ActKind::Say,
        };
        if let Some(token) = self.token.clone() {
            self.request(ClientMessage::Act { token, act }, Expect::Act(kind));
        }
    }

    /// A control-cell action (only with the instructor key).
    pub fn control(&mut self, action: ControlAction) {
        let (Some(code), Some(key)) = (self.code.clone(), self.instructor_key.clone()) else {
            return;
        };
        let kind = match &action {
            ControlAction::AssignSeat { .. } => ControlKind::Assign,
            ControlAction::Start => ControlKind::Start,
            ControlAction::Pause => ControlKind::Pause,
            ControlAction::Resume => ControlKind::Resume,
            ControlAction::Advance => ControlKind::Advance,
            ControlAction::SendInject { .. } | ControlAction::WriteInject { .. } => {
                ControlKind::Inject
            }
            ControlAction::ViewSeat { seat } => {
                self.watching = Some(seat.clone());
                ControlKind::ViewSeat
            }
            ControlAction::ReadChannels => ControlKind::Channels,
            ControlAction::AdjustDeadline { .. } => ControlKind::Deadline,
            ControlAction::Debrief => ControlKind::Debrief,
            ControlAction::End => ControlKind::End,
        };
        self.request(
            ClientMessage::Control { code, key, action },
            Expect::Control(kind),
        );
    }

    /// Asks for the after-action report (the control cell at any time, others at the end).
    pub fn request_debrief(&mut self) {
        if self.is_instructor() {
            self.control(ControlAction::Debrief);
        } else if let Some(code) = self.code.clone() {
            self.request(ClientMessage::Debrief { code }, Expect::Debrief);
        }
    }

    fn request(&mut self, message: ClientMessage, expect: Expect) {
        if self.link == Link::Ready {
            self.send(message, expect);
        } else {
            self.queued.push((message, expect));
        }
    }

    fn send(&mut self, message: ClientMessage, expect: Expect) {
        if let Some(wire) = &self.wire {
            if let Ok(mut w) = wire.lock() {
                w.send(&message);
            }
            self.expect.push_back(expect);
        }
    }

    /// Moves the link on: connects, says hello, sends what waited, files every answer.
    /// Returns whether anything arrived (the screen then redraws).
    pub fn pump(&mut self, now: f64) -> bool {
        self.now = now;
        let Some(wire) = &self.wire else {
            return false;
        };
        let received = match wire.lock() {
            Ok(mut w) => {
                let connected = w.is_connected();
                w.receive().map(|m| (connected, m))
            }
            Err(_) => Err(crate::say!("the link is broken")),
        };
        let (connected, messages) = match received {
            Ok(r) => r,
            Err(why) => {
                self.wire = None;
                self.fail("connection lost", why.clone());
                self.link = Link::Lost(why);
                return true;
            }
        };
        let mut changed = false;
        if self.link == Link::Connecting && connected {
            self.link = Link::Ready;
            self.send(
                ClientMessage::Hello {
                    version: PROTOCOL_VERSION,
                },
                Expect::Welcome,
            );
            for (m, e) in std::mem::take(&mut self.queued) {
                self.send(m, e);
            }
            changed = true;
        }
        for message in messages {
            changed |= self.file(message);
        }
        // Status once a second while in an exercise: the deadline and the lobby's seats.
        if self.link == Link::Ready
            && let Some(code) = self.code.clone()
            && now - self.polled_at >= 1.0
            && !self.expect.contains(&Expect::Status)
        {
            self.polled_at = now;
            self.send(ClientMessage::Status { code }, Expect::Status);
        }
        changed
    }

    /// Files one server message where the screens find it, and takes the goal a step on.
    /// Returns whether anything on screen changes (a status poll that only counts the
    /// deadline down does not: the countdown runs on the client's clock).
    pub fn file(&mut self, message: ServerMessage) -> bool {
        if let ServerMessage::View(view) = message {
            // Views of the own seat are pushed (and the view of a seat being claimed comes
            // before the claim's Ack; a turn's views go out before its replies). Any other
            // view answers the control cell's ViewSeat: that request is taken off the queue
            // wherever it waits, so one view filed otherwise cannot leave it stuck there and
            // every later answer filed against the wrong request.
            let mine = self.seat.as_deref() == Some(view.seat.as_str())
                || self.expect.contains(&Expect::Claimed(view.seat.clone()));
            let watched = self.watching.as_deref() == Some(view.seat.as_str());
            if (watched || !mine)
                && let Some(at) = self
                    .expect
                    .iter()
                    .position(|e| *e == Expect::Control(ControlKind::ViewSeat))
            {
                self.expect.remove(at);
            }
            if watched {
                self.watched = Some(view.clone());
            }
            if mine {
                self.view = Some(view);
                self.view_serial += 1;
            }
            return true;
        }
        let expected = self.expect.pop_front();
        match message {
            // Connections turn patches into views before they get here.
            ServerMessage::View(_) | ServerMessage::ViewPatch { .. } => {}
            ServerMessage::Welcome { .. } => {}
            ServerMessage::Created {
                code,
                instructor_key,
            } => {
                self.code = Some(code.clone());
                self.instructor_key = Some(instructor_key);
                self.request(
                    ClientMessage::Join {
                        code,
                        name: self.name.clone(),
                    },
                    Expect::Joined,
                );
            }
            ServerMessage::Joined { token, seats } => {
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
            ServerMessage::Ack => match expected {
                Some(Expect::Claimed(seat)) => {
                    self.seat = Some(seat);
                }
                Some(Expect::Control(ControlKind::End)) => self.request_debrief(),
                // Ask at once whether it has started, rather than at the next poll.
                Some(Expect::Control(ControlKind::Start)) => self.polled_at = f64::MIN,
                _ => {}
            },
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
                if expected == Some(Expect::Welcome) {
                    // A server before protocol 6 sends no phrase: its English message.
                    self.link = Link::Lost(if reason.is_empty() {
                        crate::say!("{0}", Arg::id(message.clone()))
                    } else {
                        reason.clone()
                    });
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

#[cfg(test)]
mod tests {
    use super::*;

    fn a_view() -> (String, Box<SeatView>) {
        let (seat, v) = crate::sim::view::sample_view();
        (seat, Box::new(v))
    }

    /// A refusal is kept as its phrase, so the notice speaks the language chosen when it is
    /// drawn, and follows a switch; a plain notice stays as written.
    #[test]
    fn a_refusal_notice_speaks_the_language_it_is_drawn_in() {
        let mut s = Session::default();
        let reason = crate::say!("the exercise has not started");
        s.file(ServerMessage::Refused {
            refusal: crate::net::protocol::Refusal::NotRunning,
            message: reason.en(),
            reason,
        });
        let n = s.notices.last().expect("a notice");
        assert!(n.error);
        assert_eq!(n.text, "the exercise has not started");
        assert_eq!(n.say(Lang::Ar), "لم يبدأ التمرين بعد");
        assert_eq!(n.say(Lang::En), "the exercise has not started");

        // A server before protocol 6 sends no phrase: its English message is shown.
        s.file(ServerMessage::Refused {
            refusal: crate::net::protocol::Refusal::Version,
            message: "update the client".into(),
            reason: Phrase::default(),
        });
        let n = s.notices.last().expect("a notice");
        assert_eq!(n.say(Lang::Ar), "update the client");
        s.notify("saved", false);
        assert_eq!(
            s.notices.last().map(|n| n.say(Lang::Ar)).as_deref(),
            Some("saved")
        );
    }

    /// A lost link says why in the language it is drawn in: the notice (with its
    /// translated lead) and the link's state; a version refusal from a server too old to
    /// send a phrase keeps its English message.
    #[test]
    fn a_lost_link_speaks_the_language_it_is_drawn_in() {
        struct Broken;
        impl Wire for Broken {
            fn send(&mut self, _: &ClientMessage) {}
            fn receive(&mut self) -> Result<Vec<ServerMessage>, Phrase> {
                Err(crate::say!("the connection to the server was lost"))
            }
            fn is_connected(&self) -> bool {
                false
            }
        }
        let mut s = Session::default();
        s.attach(Box::new(Broken));
        assert!(s.pump(1.0));
        let Link::Lost(why) = &s.link else {
            panic!("the link is not lost: {:?}", s.link);
        };
        assert_eq!(Lang::Ar.say(why), "انقطع الاتصال بالخادم");
        let n = s.notices.last().expect("a notice");
        assert!(n.error);
        assert_eq!(
            n.text,
            "connection lost: the connection to the server was lost"
        );
        assert_eq!(n.say(Lang::Ar), "انقطع الاتصال: انقطع الاتصال بالخادم");

        let mut s = Session::default();
        s.expect.push_back(Expect::Welcome);
        s.file(ServerMessage::Refused {
            refusal: crate::net::protocol::Refusal::Version,
            message: "update the client".into(),
            reason: Phrase::default(),
        });
        let Link::Lost(why) = &s.link else {
            panic!("the link is not lost: {:?}", s.link);
        };
        assert_eq!(Lang::Ar.say(why), "update the client");
    }

    /// The server answers a turn's requests after that turn's views: a claim sent just after
    /// a status poll gets its view before the poll's answer. The view must be kept (the
    /// server will not send it again while nothing changes) and the seat taken at the Ack.
    #[test]
    fn a_claimed_seats_view_is_kept_when_it_overtakes_an_earlier_answer() {
        let (seat, v) = a_view();
        let mut s = Session {
            token: Some("t".into()),
            ..Session::default()
        };
        s.expect.push_back(Expect::Status);
        s.claim(&seat);
        assert_eq!(
            s.queued.len(),
            1,
            "the claim waits for the link (no wire in this test)"
        );
        let (m, e) = s.queued.pop().unwrap();
        assert!(matches!(m, ClientMessage::ClaimSeat { .. }));
        s.expect.push_back(e);

        assert!(s.file(ServerMessage::View(v.into())));
        assert_eq!(s.view.as_ref().map(|v| v.seat.clone()), Some(seat.clone()));
        s.file(ServerMessage::Status(ExerciseStatus {
            code: "ABC".into(),
            scenario: "x".into(),
            turn: 0,
            phase: "lobby".into(),
            started: false,
            paused: false,
            ended: false,
            seconds_left: None,
            state_hash: String::new(),
            seats: Vec::new(),
        }));
        assert_eq!(s.seat, None, "the seat is taken at its Ack, not before");
        s.file(ServerMessage::Ack);
        assert_eq!(s.seat, Some(seat));
        assert!(s.expect.is_empty());
    }

    /// The control cell asks to watch a seat while an earlier request is still unanswered,
    /// and the seat's view overtakes that answer (a turn's views go before its replies). The
    /// view is shown and the ViewSeat request leaves the queue, so the earlier request still
    /// gets its own answer and nothing after it is filed against the wrong request.
    #[test]
    fn a_watched_seats_view_answers_view_seat_behind_an_earlier_request() {
        let (seat, v) = a_view();
        let mut s = Session {
            code: Some("ABC".into()),
            instructor_key: Some("key".into()),
            ..Session::default()
        };
        s.expect.push_back(Expect::Status);
        s.control(ControlAction::ViewSeat { seat: seat.clone() });
        let (_, e) = s.queued.pop().expect("the request waits for the link");
        s.expect.push_back(e);
        assert_eq!(s.expect.len(), 2);

        assert!(s.file(ServerMessage::View(v.into())));
        assert_eq!(
            s.watched.as_ref().map(|v| v.seat.clone()),
            Some(seat.clone())
        );
        assert!(s.view.is_none(), "a watched seat is not the own seat");
        assert_eq!(
            s.expect.iter().collect::<Vec<_>>(),
            vec![&Expect::Status],
            "only the status poll still waits"
        );
    }

    /// A view of a seat nobody here holds or claims is not taken for the own one.
    #[test]
    fn a_view_of_another_seat_is_ignored() {
        let (_, v) = a_view();
        let mut s = Session {
            seat: Some("someone-else".into()),
            ..Session::default()
        };
        s.expect.push_back(Expect::Status);
        s.file(ServerMessage::View(v.into()));
        assert!(s.view.is_none());
        assert_eq!(s.expect.len(), 1, "a pushed view answers no request");
    }
}
