//! The `threshold` command line (native): the window without a command, and headless play,
//! replay, scenario checking and balance, the server, bots and the load test.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use threshold::i18n::Lang;
use threshold::play::{BotSeats, balance, balance_report, play, play_to, story};
use threshold::report;
use threshold::scenario;
use threshold::sim::clock::Phase;
use threshold::sim::journal::Journal;

#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "threshold",
    version,
    about = "Threshold: a cyber-diplomacy crisis simulation"
)]
struct Cli {
    /// Without a command, Threshold opens its window (the desktop client).
    #[command(subcommand)]
    command: Option<Cmd>,
    /// The client's language: en or ar.
    #[arg(long, value_parser = ["en", "ar"])]
    lang: Option<String>,
    /// Play a scripted local exercise, save a PNG of each screen into DIR, and exit.
    #[arg(long, value_name = "DIR")]
    screenshot_tour: Option<PathBuf>,
    /// The window's size in logical pixels, WIDTHxHEIGHT (default 1440x900; the tour 1280x720).
    #[arg(long, value_name = "WIDTHxHEIGHT", value_parser = window_size)]
    window: Option<(u32, u32)>,
    /// The folder of scenarios the client's library lists.
    #[arg(long, default_value = "scenarios")]
    scenarios: PathBuf,
}

/// `1920x1080` → (1920, 1080).
fn window_size(s: &str) -> std::result::Result<(u32, u32), String> {
    let bad = || format!("`{s}` is not WIDTHxHEIGHT (for example 1920x1080)");
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(bad)?;
    let w: u32 = w.trim().parse().map_err(|_| bad())?;
    let h: u32 = h.trim().parse().map_err(|_| bad())?;
    if !(320..=8192).contains(&w) || !(240..=8192).contains(&h) {
        return Err(format!("`{s}`: a window from 320x240 to 8192x8192"));
    }
    Ok((w, h))
}

#[derive(Subcommand)]
enum Cmd {
    /// Play a whole exercise headless and print its story; the last line is the state hash.
    Play {
        scenario: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Seats played by computer players: `all`, or a comma-separated list of seat ids
        /// (the other seats stay passive).
        #[arg(long, default_value = "all")]
        bots: String,
        /// Write the journal (JSON Lines) here.
        #[arg(long)]
        journal: Option<PathBuf>,
        /// Write the after-action report here (`.md` for Markdown, `.html` for a web page).
        #[arg(long)]
        report: Option<PathBuf>,
        /// The report's language: `en` or `ar`.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        report_lang: Lang,
    },
    /// Print, as JSON, exactly what one seat sees: computer players play every seat up to
    /// the start of the given turn and phase (before anyone acts in it).
    View {
        scenario: PathBuf,
        /// The seat whose view to print (its id in the scenario).
        #[arg(long)]
        seat: String,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The turn, from 1 to the scenario's last.
        #[arg(long, default_value_t = 1)]
        turn: u32,
        /// The phase of that turn, at its start.
        #[arg(long, value_enum, default_value = "negotiation")]
        phase: ViewPhase,
    },
    /// Rebuild an exercise from its journal and print its story and state hash.
    Replay {
        journal: PathBuf,
        #[arg(long)]
        report: Option<PathBuf>,
        /// The report's language: `en` or `ar`.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        report_lang: Lang,
    },
    /// Check and test scenarios.
    Scenario {
        #[command(subcommand)]
        command: ScenarioCmd,
    },
    /// Host exercises for a class: UDP for desktop clients and, on the same port over TCP,
    /// WebSocket and the web client for browsers. Data in SQLite under the data dir.
    Serve {
        #[arg(long, default_value = "127.0.0.1:7878")]
        addr: std::net::SocketAddr,
        #[arg(long, default_value = "threshold-data")]
        data_dir: PathBuf,
        /// The built web client to serve over HTTP (`web/build.sh` makes it).
        #[arg(long, default_value = "web/dist")]
        web_root: PathBuf,
        /// normal: a command is in SQLite's log, safe from a killed server, before it is
        /// acknowledged; full: on the disk, safe from a power cut too (slower under load).
        #[arg(long, value_enum, default_value = "normal")]
        sync: threshold::store::Durability,
    },
    /// Start a real server, play N exercises with M bot clients each over loopback
    /// WebSocket, and print server CPU, memory per exercise and acknowledgement latency.
    Loadtest {
        #[arg(long, default_value_t = 200)]
        exercises: usize,
        #[arg(long, default_value_t = 6)]
        seats: usize,
        #[arg(long, default_value = "scenarios/estonia_2007.ron")]
        scenario: PathBuf,
        /// Transport of the bot clients: ws or udp.
        #[arg(long, default_value = "ws")]
        transport: String,
        /// Mean milliseconds a client thinks before its moves in each phase (0: at once,
        /// which measures throughput rather than a class).
        #[arg(long, default_value_t = 2000)]
        think_ms: u64,
        /// The server's `--sync`.
        #[arg(long, value_enum, default_value = "normal")]
        sync: threshold::store::Durability,
    },
    /// Create and run exercises on a server.
    Exercise {
        #[command(subcommand)]
        command: ExerciseCmd,
    },
    /// Play seats of an exercise over the network until it ends (reconnects by itself).
    Bot {
        #[arg(long)]
        server: threshold::net::client::Endpoint,
        #[arg(long)]
        code: String,
        /// The seat to play.
        #[arg(long, conflicts_with = "all_seats")]
        seat: Option<String>,
        /// Play every playable seat.
        #[arg(long)]
        all_seats: bool,
    },
}

/// The phases `view` stops at (resolution happens as the orders phase ends).
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum ViewPhase {
    Briefing,
    Negotiation,
    Orders,
    Press,
}

impl From<ViewPhase> for Phase {
    fn from(p: ViewPhase) -> Self {
        match p {
            ViewPhase::Briefing => Phase::Briefing,
            ViewPhase::Negotiation => Phase::Negotiation,
            ViewPhase::Orders => Phase::Orders,
            ViewPhase::Press => Phase::Press,
        }
    }
}

#[derive(Subcommand)]
enum ExerciseCmd {
    /// Create an exercise: prints `join code: CODE` and `instructor key: KEY`.
    Create {
        scenario: PathBuf,
        #[arg(long)]
        server: threshold::net::client::Endpoint,
        #[arg(long)]
        seed: Option<u64>,
        /// Start it at once.
        #[arg(long)]
        start: bool,
    },
    /// Print turn, phase, whether it ended, and the state hash.
    Status {
        code: String,
        #[arg(long)]
        server: threshold::net::client::Endpoint,
    },
    /// Write an exercise's journal from a server's data dir (for `threshold replay`).
    Journal {
        code: String,
        #[arg(long, default_value = "threshold-data")]
        data_dir: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// The control cell (needs the instructor key): run the clock, seat students, move
    /// deadlines, send injects and read every channel.
    Control {
        code: String,
        /// The server (required; before or after the action).
        #[arg(long, global = true)]
        server: Option<threshold::net::client::Endpoint>,
        /// The instructor key `exercise create` printed (required; before or after the action).
        #[arg(long, global = true)]
        key: Option<String>,
        #[command(subcommand)]
        action: ControlCmd,
    },
}

/// What the control cell does; a refusal is printed with the server's reason and fails.
#[derive(Subcommand)]
enum ControlCmd {
    /// Start the exercise (the briefing's clock starts).
    Start,
    /// Stop the exercise and its clock.
    Pause,
    /// Go on after a pause, with the time that was left.
    Resume,
    /// End the current phase now (the computer acts for seats nobody holds).
    Advance,
    /// End the exercise now.
    End,
    /// Give a seat to a student who joined under this display name (whoever held the seat
    /// loses it).
    Assign {
        /// The student's display name, as they typed it when joining.
        #[arg(long)]
        name: String,
        /// The seat's id (`exercise status` lists them).
        #[arg(long)]
        seat: String,
    },
    /// Lengthen (+N) or shorten (-N) the current phase's deadline: seconds, or minutes with
    /// an `m` (+90, -30, +5m). Prints the seconds left.
    Deadline {
        #[arg(allow_hyphen_values = true, value_parser = parse_shift)]
        seconds: i64,
    },
    /// Send one of the scenario's injects now (its id, e.g. inj_embassy_siege).
    Inject { id: String },
    /// Write an inject of your own and send it now.
    WriteInject {
        /// The headline, in English.
        #[arg(long)]
        title: String,
        /// The text, in English.
        #[arg(long)]
        body: String,
        /// The title in Arabic (readers in Arabic see the English one without it).
        #[arg(long)]
        title_ar: Option<String>,
        /// The body in Arabic.
        #[arg(long)]
        body_ar: Option<String>,
        /// Actors who receive it (ids, comma-separated or repeated); everyone without it.
        #[arg(
            long,
            visible_alias = "to",
            value_name = "ACTOR",
            value_delimiter = ','
        )]
        audience: Vec<String>,
    },
    /// Print every message of every channel: turn, channel, sender and readers, then the text.
    Channels,
}

/// The largest deadline shift the command line sends (pause the exercise for longer breaks).
const MAX_SHIFT_SECS: i64 = 24 * 60 * 60;

/// `+90`, `-30`, `45`, `+5m`: a deadline shift in seconds, at most a day either way.
fn parse_shift(text: &str) -> Result<i64, String> {
    let bad = || format!("`{text}` is not a shift: give +N or -N seconds, or minutes as +Nm");
    let (number, unit) = match text.strip_suffix(['m', 'M']) {
        Some(n) => (n, 60),
        None => (text.strip_suffix(['s', 'S']).unwrap_or(text), 1),
    };
    let n: i64 = number.parse().map_err(|_| bad())?;
    match n.checked_mul(unit) {
        Some(s) if s.abs() <= MAX_SHIFT_SECS => Ok(s),
        _ => Err(format!(
            "`{text}` is more than a day ({MAX_SHIFT_SECS} s): pause the exercise instead"
        )),
    }
}

#[derive(Subcommand)]
enum ScenarioCmd {
    /// Validate scenario files: prints FILE:LINE:COLUMN: message for each problem.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Play many seeded bot games and report endings, objectives and unused content.
    Balance {
        scenario: PathBuf,
        #[arg(long, default_value_t = 1000)]
        runs: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Writes to standard output; a reader that went away (`| head`) ends the program quietly.
fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write the output: {e}");
        std::process::exit(1);
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

fn load(path: &Path) -> Result<(Arc<scenario::Scenario>, String)> {
    let source =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    match scenario::parse(&source, &path.display().to_string()) {
        Ok(sc) => Ok((Arc::new(sc), source)),
        Err(e) => bail!("{} does not load:\n{e}", path.display()),
    }
}

fn parse_lang(s: &str) -> std::result::Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language \"{s}\": en or ar"))
}

fn write_report(ex: &threshold::sim::Exercise, path: &Path, lang: Lang) -> Result<()> {
    let debrief = report::Debrief::of(ex);
    let text = match path.extension().and_then(|e| e.to_str()) {
        Some("html") | Some("htm") => report::html(&debrief, lang),
        Some("md") => report::markdown(&debrief, lang),
        _ => bail!("report must end in .md or .html: {}", path.display()),
    };
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

const NET_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// A refusal as the user reads it: the kind, then the server's own reason.
fn refused(refusal: threshold::net::protocol::Refusal, message: &str) -> anyhow::Error {
    use threshold::net::protocol::Refusal as R;
    let kind = match refusal {
        R::Version => "other protocol version",
        R::Malformed => "malformed",
        R::Unauthorised => "unauthorised",
        R::SlowDown => "slow down",
        R::Seat => "seat",
        R::Rules => "rules",
        R::NotRunning => "not running",
        R::Scenario => "scenario",
        R::Storage => "storage",
    };
    anyhow::anyhow!("the server refused ({kind}): {message}")
}

/// Ok on `Ack`; the server's reason on a refusal; an error on anything else.
fn expect_ack(reply: threshold::net::protocol::ServerMessage) -> Result<()> {
    use threshold::net::protocol::ServerMessage as S;
    match reply {
        S::Ack => Ok(()),
        S::Refused {
            refusal, message, ..
        } => Err(refused(refusal, &message)),
        other => bail!("unexpected answer from the server: {}", answer_name(&other)),
    }
}

fn answer_name(m: &threshold::net::protocol::ServerMessage) -> &'static str {
    use threshold::net::protocol::ServerMessage as S;
    match m {
        S::Welcome { .. } => "Welcome",
        S::Created { .. } => "Created",
        S::Joined { .. } => "Joined",
        S::Ack => "Ack",
        S::View(_) => "View",
        S::Status(_) => "Status",
        S::Messages(_) => "Messages",
        S::Debrief(_) => "Debrief",
        S::Refused { .. } => "Refused",
    }
}

/// Someone else's text, safe to print: control characters (terminal escapes) other than
/// line breaks and tabs become U+FFFD.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// Every channel's messages, oldest first: a heading line per message, then its text
/// indented.
fn channels_text(messages: &[(threshold::sim::view::MessageLine, Vec<String>)]) -> String {
    use std::fmt::Write;
    if messages.is_empty() {
        return "no messages yet\n".into();
    }
    let mut out = String::new();
    for (m, readers) in messages {
        let _ = writeln!(
            out,
            "turn {} | channel: {} | from: {} | readers: {}",
            m.turn,
            printable(&m.channel),
            printable(&m.from),
            printable(&readers.join(", "))
        );
        for line in printable(&m.text).lines() {
            let _ = writeln!(out, "    {line}");
        }
    }
    let _ = writeln!(
        out,
        "{} message{}",
        messages.len(),
        if messages.len() == 1 { "" } else { "s" }
    );
    out
}

/// One `seat:` line per seat of `exercise status`: who holds it.
fn seat_line(s: &threshold::net::protocol::SeatInfo) -> String {
    let holder = match (&s.taken_by, s.playable) {
        (Some(name), _) => printable(name),
        (None, true) => "free (the computer plays it)".into(),
        (None, false) => "computer only".into(),
    };
    format!("seat: {} ({}): {holder}\n", s.seat, s.actor)
}

/// Exits as clap does when `exercise control` lacks a required argument.
fn missing_control_arg(arg: &str) -> ! {
    use clap::CommandFactory;
    let mut cli = Cli::command();
    cli.build();
    let mut control = cli
        .find_subcommand_mut("exercise")
        .and_then(|e| e.find_subcommand_mut("control"))
        .cloned()
        .unwrap_or_default();
    control
        .error(
            clap::error::ErrorKind::MissingRequiredArgument,
            format!("the argument '{arg}' is required"),
        )
        .exit()
}

/// The control cell: sends one action, prints what came of it, fails on a refusal.
fn control(
    code: String,
    server: &threshold::net::client::Endpoint,
    key: String,
    action: ControlCmd,
) -> Result<ExitCode> {
    use threshold::net::client::Connection;
    use threshold::net::protocol::{
        ClientMessage, ControlAct as G, ControlAction as C, ServerMessage,
    };
    use threshold::scenario::{Audience, Text};
    // An act on the game, drafted at a moment the CLI fills in from the status just before.
    let game = |act: G| C::Game {
        act,
        at: threshold::sim::Moment {
            turn: 0,
            phase: threshold::sim::clock::Phase::Briefing,
        },
    };
    let (mut message, done) = match action {
        ControlCmd::Start => (C::Start, "started".to_string()),
        ControlCmd::Pause => (C::Pause, "paused".into()),
        ControlCmd::Resume => (C::Resume, "resumed".into()),
        ControlCmd::Advance => (game(G::Advance), "advanced to the next phase".into()),
        ControlCmd::End => (game(G::End), "ended".into()),
        ControlCmd::Assign { name, seat } => {
            let name = name.trim().to_string();
            let done = format!("seat {seat}: {name}");
            (C::AssignSeat { name, seat }, done)
        }
        ControlCmd::Deadline { seconds } => (
            C::AdjustDeadline { seconds },
            format!("deadline moved by {seconds:+} s"),
        ),
        ControlCmd::Inject { id } => {
            let done = format!("inject {id} sent");
            (game(G::Inject { inject: id }), done)
        }
        ControlCmd::WriteInject {
            title,
            body,
            title_ar,
            body_ar,
            audience,
        } => {
            if title.trim().is_empty() || body.trim().is_empty() {
                bail!("an inject needs a --title and a --body that are not empty");
            }
            let done = if audience.is_empty() {
                "inject sent to everyone".to_string()
            } else {
                format!("inject sent to {}", audience.join(", "))
            };
            let audience = if audience.is_empty() {
                Audience::All
            } else {
                Audience::Actors(audience)
            };
            (
                game(G::WriteInject {
                    title: Text {
                        en: title,
                        ar: title_ar.unwrap_or_default(),
                    },
                    body: Text {
                        en: body,
                        ar: body_ar.unwrap_or_default(),
                    },
                    audience,
                }),
                done,
            )
        }
        ControlCmd::Channels => (C::ReadChannels, String::new()),
    };
    let reading = matches!(message, C::ReadChannels);
    // After a change to the clock, say where the exercise stands.
    let clock = matches!(
        message,
        C::Start
            | C::Pause
            | C::Resume
            | C::AdjustDeadline { .. }
            | C::Game {
                act: G::Advance | G::End,
                ..
            }
    );
    let mut c = Connection::connect(server, NET_TIMEOUT)?;
    if let C::Game { at, .. } = &mut message {
        // The command line acts on the exercise as it stands now.
        *at = match c.request(ClientMessage::Status { code: code.clone() }, NET_TIMEOUT)? {
            ServerMessage::Status(s) => s.at,
            other => {
                expect_ack(other)?;
                bail!("the server answered without the status")
            }
        };
    }
    let reply = c.request(
        ClientMessage::Control {
            code: code.clone(),
            key,
            action: message,
        },
        NET_TIMEOUT,
    )?;
    if reading {
        return match reply {
            ServerMessage::Messages(all) => {
                emit(&channels_text(&all));
                Ok(ExitCode::SUCCESS)
            }
            other => {
                expect_ack(other)?;
                bail!("the server answered without the messages")
            }
        };
    }
    expect_ack(reply)?;
    emit(&format!("{done}\n"));
    if clock {
        let s = match c.request(ClientMessage::Status { code }, NET_TIMEOUT)? {
            ServerMessage::Status(s) => s,
            other => {
                expect_ack(other)?;
                bail!("the server answered without the status")
            }
        };
        let left = match s.seconds_left {
            Some(left) => left.to_string(),
            None if s.ended => "- (ended)".into(),
            None if s.paused => "- (paused)".into(),
            None if !s.started => "- (not started)".into(),
            None => "-".into(),
        };
        emit(&format!(
            "turn: {}\nphase: {}\nseconds-left: {left}\n",
            s.turn, s.phase
        ));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "client")]
fn window(cli: &Cli) -> Result<ExitCode> {
    use threshold::client::{Lang, Options, run};
    // Without a display winit cannot open a window (it would panic deep inside): say so and
    // point to what runs headless.
    #[cfg(all(unix, not(target_os = "macos")))]
    if ["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"]
        .iter()
        .all(|v| std::env::var_os(v).is_none_or(|x| x.is_empty()))
    {
        eprintln!(
            "threshold: no display here (DISPLAY and WAYLAND_DISPLAY are not set), so no window; headless, `threshold play SCENARIO` plays an exercise and `threshold serve` serves a class (`threshold --help` lists the rest)"
        );
        return Ok(ExitCode::from(2));
    }
    let options = Options {
        lang: cli
            .lang
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or_default(),
        screenshot_tour: cli.screenshot_tour.clone(),
        window: cli.window,
        scenarios: cli.scenarios.clone(),
        code: None,
        join_address: None,
        name: None,
    };
    Ok(match run(options) {
        bevy::app::AppExit::Success => ExitCode::SUCCESS,
        bevy::app::AppExit::Error(_) => ExitCode::FAILURE,
    })
}

#[cfg(not(feature = "client"))]
fn window(_cli: &Cli) -> Result<ExitCode> {
    bail!("this build has no window (built without the `client` feature); see `threshold --help`")
}

fn run(cli: Cli) -> Result<ExitCode> {
    use threshold::net::client::Connection;
    use threshold::net::protocol::{ClientMessage, ServerMessage};
    let Some(command) = cli.command else {
        return window(&cli);
    };
    match command {
        Cmd::Serve {
            addr,
            data_dir,
            web_root,
            sync,
        } => {
            let stop = std::sync::atomic::AtomicBool::new(false);
            let config = threshold::net::server::ServerConfig {
                addr: Some(addr),
                data_dir: Some(data_dir),
                sync,
                web_root: Some(web_root),
                memory_clients: 0,
            };
            threshold::net::server::serve(config, &stop)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Loadtest {
            exercises,
            seats,
            scenario,
            transport,
            think_ms,
            sync,
        } => {
            let report = threshold::net::loadtest::run(&threshold::net::loadtest::Plan {
                exercises,
                seats,
                scenario,
                websocket: transport != "udp",
                server_binary: std::env::current_exe()?,
                think: std::time::Duration::from_millis(think_ms),
                sync,
            })?;
            emit(&report);
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Exercise {
            command:
                ExerciseCmd::Create {
                    scenario,
                    server,
                    seed,
                    start,
                },
        } => {
            let source = std::fs::read_to_string(&scenario)
                .with_context(|| format!("cannot read {}", scenario.display()))?;
            let mut c = Connection::connect(&server, NET_TIMEOUT)?;
            let reply = c.request(
                ClientMessage::CreateExercise {
                    scenario_file: scenario.display().to_string(),
                    scenario_source: source,
                    seed,
                },
                NET_TIMEOUT,
            )?;
            let ServerMessage::Created {
                code,
                instructor_key,
            } = reply
            else {
                expect_ack(reply)?;
                bail!("the server did not create the exercise");
            };
            if start {
                expect_ack(c.request(
                    ClientMessage::Control {
                        code: code.clone(),
                        key: instructor_key.clone(),
                        action: threshold::net::protocol::ControlAction::Start,
                    },
                    NET_TIMEOUT,
                )?)?;
            }
            emit(&format!(
                "join code: {code}\ninstructor key: {instructor_key}\n"
            ));
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Exercise {
            command: ExerciseCmd::Status { code, server },
        } => {
            let mut c = Connection::connect(&server, NET_TIMEOUT)?;
            match c.request(ClientMessage::Status { code }, NET_TIMEOUT)? {
                ServerMessage::Status(s) => {
                    emit(&format!(
                        "scenario: {}\nturn: {}\nphase: {}\nstarted: {}\npaused: {}\nended: {}\nseconds-left: {}\nstate-hash: {}\n",
                        s.scenario,
                        s.turn,
                        s.phase,
                        yes_no(s.started),
                        yes_no(s.paused),
                        yes_no(s.ended),
                        s.seconds_left
                            .map(|x| x.to_string())
                            .unwrap_or_else(|| "-".into()),
                        if s.state_hash.is_empty() {
                            "- (shown when the exercise ends)"
                        } else {
                            &s.state_hash
                        }
                    ));
                    emit(&s.seats.iter().map(seat_line).collect::<String>());
                    Ok(ExitCode::SUCCESS)
                }
                other => {
                    expect_ack(other)?;
                    bail!("unexpected answer")
                }
            }
        }
        Cmd::Exercise {
            command:
                ExerciseCmd::Journal {
                    code,
                    data_dir,
                    out,
                },
        } => {
            let store = threshold::store::Store::open(&data_dir)?;
            let code = threshold::net::hub::normalise(&code);
            let Some(stored) = store
                .load_all()?
                .into_iter()
                .find(|s| s.exercise.code == code)
            else {
                bail!("no exercise {code} in {}", data_dir.display());
            };
            let journal = Journal {
                format: threshold::sim::journal::JOURNAL_FORMAT,
                scenario_file: stored.exercise.scenario_file,
                scenario_source: stored.exercise.scenario_source,
                seed: stored.exercise.seed,
                commands: stored.commands,
            };
            std::fs::write(&out, journal.to_jsonl())
                .with_context(|| format!("cannot write {}", out.display()))?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Exercise {
            command:
                ExerciseCmd::Control {
                    code,
                    server,
                    key,
                    action,
                },
        } => {
            // Global, so that they may follow the action as before; clap cannot require
            // global arguments, so they are checked here.
            let (Some(server), Some(key)) = (server.as_ref(), key) else {
                let missing = if server.is_none() {
                    "--server"
                } else {
                    "--key"
                };
                missing_control_arg(missing)
            };
            control(code, server, key, action)
        }
        Cmd::Bot {
            server,
            code,
            seat,
            all_seats,
        } => {
            if seat.is_none() && !all_seats {
                bail!("give --seat SEAT or --all-seats");
            }
            threshold::net::remote_bot::run(&server, &code, seat.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Play {
            scenario,
            seed,
            bots,
            journal,
            report,
            report_lang,
        } => {
            let (sc, source) = load(&scenario)?;
            let ex = play(sc, seed, &BotSeats::parse(&bots));
            if let Some(path) = journal {
                let j = Journal::of(&ex, &scenario.display().to_string(), &source);
                std::fs::write(&path, j.to_jsonl())
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            if let Some(path) = report {
                write_report(&ex, &path, report_lang)?;
            }
            emit(&story(&ex));
            Ok(ExitCode::SUCCESS)
        }
        Cmd::View {
            scenario,
            seat,
            seed,
            turn,
            phase,
        } => {
            let (sc, _) = load(&scenario)?;
            if !sc.seats.iter().any(|s| s.id == seat) {
                let seats: Vec<&str> = sc.seats.iter().map(|s| s.id.as_str()).collect();
                bail!(
                    "{} has no seat \"{seat}\"; its seats are: {}",
                    scenario.display(),
                    seats.join(", ")
                );
            }
            let ex = play_to(sc, seed, turn, phase.into())?;
            let Some(view) = threshold::sim::view::view(&ex, &seat) else {
                bail!("seat \"{seat}\" has no view");
            };
            let json =
                serde_json::to_string_pretty(&view).context("cannot write the view as JSON")?;
            emit(&format!("{json}\n"));
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Replay {
            journal,
            report,
            report_lang,
        } => {
            let text = std::fs::read_to_string(&journal)
                .with_context(|| format!("cannot read {}", journal.display()))?;
            let ex = Journal::from_jsonl(&text)?.replay()?;
            if let Some(path) = report {
                write_report(&ex, &path, report_lang)?;
            }
            emit(&story(&ex));
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Scenario {
            command: ScenarioCmd::Check { files },
        } => {
            let mut failed = false;
            for f in &files {
                match scenario::load_file(f) {
                    Ok(sc) => emit(&format!(
                        "{}: ok ({} actors, {} seats, {} incidents, {} injects)\n",
                        f.display(),
                        sc.actors.len(),
                        sc.seats.len(),
                        sc.incidents.len(),
                        sc.injects.len()
                    )),
                    Err(errors) => {
                        failed = true;
                        for d in errors.0 {
                            emit(&format!("{d}\n"));
                        }
                    }
                }
            }
            Ok(if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Cmd::Scenario {
            command:
                ScenarioCmd::Balance {
                    scenario,
                    runs,
                    seed,
                },
        } => {
            let (sc, _) = load(&scenario)?;
            let bar = std::io::stderr().is_terminal().then(|| {
                let b = indicatif::ProgressBar::new(runs as u64);
                b.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{bar:40} {pos}/{len} games {per_sec} eta {eta}",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                b
            });
            let start = std::time::Instant::now();
            let games = balance(sc.clone(), runs, seed, &|n| {
                if let Some(b) = &bar {
                    b.set_position(n as u64);
                }
            });
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            emit(&balance_report(&sc, &games));
            emit(&format!(
                "\n{} games in {:.2} s\n",
                games.len(),
                start.elapsed().as_secs_f64()
            ));
            Ok(ExitCode::SUCCESS)
        }
    }
}
