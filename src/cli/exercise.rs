//! Networked exercises from the command line: `exercise create`, `status`, `journal` and
//! `control` (the control cell).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Subcommand;

use super::{NET_TIMEOUT, emit};
use threshold::net::client::Connection;
use threshold::net::protocol::{ClientMessage, ServerMessage};
use threshold::sim::journal::Journal;

#[derive(Subcommand)]
pub enum ExerciseCmd {
    /// Create an exercise: prints `join code: CODE` and `instructor key: KEY`.
    Create(CreateArgs),
    /// Print turn, phase, whether it ended, and the state hash.
    Status(StatusArgs),
    /// Write an exercise's journal from a server's data dir (for `threshold replay`).
    Journal(JournalArgs),
    /// The control cell (needs the instructor key): run the clock, seat students, move
    /// deadlines, send injects and read every channel.
    Control(ControlArgs),
    /// An instructor's exercises on a server ("My exercises"): code, instructor key,
    /// scenario, created, seats held, turn and phase, ended.
    List(ListArgs),
    /// Delete an exercise for good: its journal and its participants' names (needs the
    /// instructor key).
    Delete(DeleteArgs),
}

/// `exercise …`.
pub fn run(command: ExerciseCmd) -> Result<ExitCode> {
    match command {
        ExerciseCmd::Create(args) => create(args),
        ExerciseCmd::Status(args) => status(args),
        ExerciseCmd::Journal(args) => journal(args),
        ExerciseCmd::Control(args) => control_cmd(args),
        ExerciseCmd::List(args) => list(args),
        ExerciseCmd::Delete(args) => delete(args),
    }
}

/// An instructor's name and, from `THRESHOLD_PASSWORD` or asked at the terminal, password.
#[derive(clap::Args)]
pub struct SignInArgs {
    /// Sign in as this instructor (the password comes from THRESHOLD_PASSWORD, or is asked).
    #[arg(long)]
    pub instructor: Option<String>,
}

impl SignInArgs {
    /// Signs in on `c` if an instructor was named: the session, or the server's reason.
    fn session(&self, c: &mut Connection) -> Result<Option<String>> {
        let Some(name) = &self.instructor else {
            return Ok(None);
        };
        let password = match std::env::var("THRESHOLD_PASSWORD") {
            Ok(p) if !p.is_empty() => p,
            _ => rpassword::prompt_password(format!("password for {name}: "))
                .context("cannot read the password (set THRESHOLD_PASSWORD)")?,
        };
        match c.request(
            ClientMessage::SignIn {
                name: name.clone(),
                password,
            },
            NET_TIMEOUT,
        )? {
            ServerMessage::SignedIn { session, .. } => Ok(Some(session)),
            other => {
                expect_ack(other)?;
                bail!("the server did not sign you in")
            }
        }
    }
}

#[derive(clap::Args)]
pub struct ListArgs {
    #[arg(long)]
    pub server: threshold::net::client::Endpoint,
    #[command(flatten)]
    pub sign_in: SignInArgs,
}

pub fn list(args: ListArgs) -> Result<ExitCode> {
    let mut c = Connection::connect(&args.server, NET_TIMEOUT)?;
    let Some(session) = args.sign_in.session(&mut c)? else {
        bail!("give --instructor NAME: the list is an instructor's own");
    };
    match c.request(ClientMessage::MyExercises { session }, NET_TIMEOUT)? {
        ServerMessage::Exercises(list) => {
            if list.is_empty() {
                emit("no exercises yet (`threshold exercise create` makes one)\n");
            }
            for e in list {
                emit(&format!(
                    "{}\tkey {}\t{}\tcreated {}\tseats {}/{}\t{}\n",
                    e.code,
                    e.instructor_key,
                    printable(&e.title.en),
                    super::admin::date(e.created_ms),
                    e.seats_held,
                    e.seats_playable,
                    if e.ended {
                        "ended".to_string()
                    } else if e.started {
                        format!("turn {} {}", e.turn, e.phase)
                    } else {
                        "not started".to_string()
                    }
                ));
            }
            Ok(ExitCode::SUCCESS)
        }
        other => {
            expect_ack(other)?;
            bail!("unexpected answer")
        }
    }
}

#[derive(clap::Args)]
pub struct DeleteArgs {
    pub code: String,
    #[arg(long)]
    pub server: threshold::net::client::Endpoint,
    /// The instructor key `exercise create` printed.
    #[arg(long)]
    pub key: String,
}

pub fn delete(args: DeleteArgs) -> Result<ExitCode> {
    let mut c = Connection::connect(&args.server, NET_TIMEOUT)?;
    let code = threshold::net::hub::normalise(&args.code);
    expect_ack(c.request(
        ClientMessage::Control {
            code: code.clone(),
            key: args.key,
            action: threshold::net::protocol::ControlAction::Delete,
        },
        NET_TIMEOUT,
    )?)?;
    emit(&format!("deleted: {code}\n"));
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct CreateArgs {
    pub scenario: PathBuf,
    #[arg(long)]
    pub server: threshold::net::client::Endpoint,
    #[arg(long)]
    pub seed: Option<u64>,
    /// Start it at once.
    #[arg(long)]
    pub start: bool,
    #[command(flatten)]
    pub sign_in: SignInArgs,
}

pub fn create(args: CreateArgs) -> Result<ExitCode> {
    let CreateArgs {
        scenario,
        server,
        seed,
        start,
        sign_in,
    } = args;
    let source = std::fs::read_to_string(&scenario)
        .with_context(|| format!("cannot read {}", scenario.display()))?;
    let mut c = Connection::connect(&server, NET_TIMEOUT)?;
    let session = sign_in.session(&mut c)?;
    let reply = c.request(
        ClientMessage::CreateExercise {
            scenario_file: scenario.display().to_string(),
            scenario_source: source,
            seed,
            session,
        },
        NET_TIMEOUT,
    )?;
    if let ServerMessage::ScenarioProblems(problems) = &reply {
        let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        bail!(
            "the server refused (scenario): the scenario does not load:\n{}",
            lines.join("\n")
        );
    }
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

#[derive(clap::Args)]
pub struct StatusArgs {
    pub code: String,
    #[arg(long)]
    pub server: threshold::net::client::Endpoint,
}

pub fn status(args: StatusArgs) -> Result<ExitCode> {
    let StatusArgs { code, server } = args;
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

#[derive(clap::Args)]
pub struct JournalArgs {
    pub code: String,
    #[arg(long, default_value = "threshold-data")]
    pub data_dir: PathBuf,
    #[arg(long)]
    pub out: PathBuf,
}

pub fn journal(args: JournalArgs) -> Result<ExitCode> {
    let JournalArgs {
        code,
        data_dir,
        out,
    } = args;
    let mut store = threshold::store::Store::open(&data_dir)?;
    let code = threshold::net::hub::normalise(&code);
    let Some(stored) = store.load(&code)? else {
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

#[derive(clap::Args)]
pub struct ControlArgs {
    pub code: String,
    /// The server (required; before or after the action).
    #[arg(long, global = true)]
    pub server: Option<threshold::net::client::Endpoint>,
    /// The instructor key `exercise create` printed (required; before or after the action).
    #[arg(long, global = true)]
    pub key: Option<String>,
    #[command(subcommand)]
    pub action: ControlCmd,
}

pub fn control_cmd(args: ControlArgs) -> Result<ExitCode> {
    let ControlArgs {
        code,
        server,
        key,
        action,
    } = args;
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

/// What the control cell does; a refusal is printed with the server's reason and fails.
#[derive(Subcommand)]
pub enum ControlCmd {
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
    /// Seat a person who joined under this display name, from the lobby or another seat (a
    /// seat for one: whoever held it goes back to the lobby; a full delegation: refused).
    Assign {
        /// The student's display name, as they typed it when joining.
        #[arg(long)]
        name: String,
        /// The seat's id (`exercise status` lists them).
        #[arg(long)]
        seat: String,
    },
    /// Send a person back to the lobby, seatless.
    Unseat {
        /// The person's display name.
        #[arg(long)]
        name: String,
    },
    /// Hand a seat to its computer player: everyone holding it goes back to the lobby.
    Computer {
        /// The seat's id.
        #[arg(long)]
        seat: String,
    },
    /// How many people may hold one seat together in this exercise (1 to 10), or
    /// `scenario` for each seat's number in the scenario.
    Delegations { size: String },
    /// Whether only the control cell seats people (`on`) or students choose (`off`).
    AssignedOnly { choice: String },
    /// Lengthen (+N) or shorten (-N) the current phase's deadline: seconds, or minutes with
    /// an `m` (+90, -30, +5m). Prints the seconds left.
    Deadline {
        #[arg(allow_hyphen_values = true, value_parser = parse_shift)]
        seconds: i64,
    },
    /// What the end of the orders phase does with drafts a seat did not send: `send` them
    /// as its orders (the default) or `discard` them.
    Drafts {
        #[arg(value_parser = ["send", "discard"])]
        at_deadline: String,
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
    /// The class at a glance: one `seat:` line per seat with the people who hold it, ready
    /// (and by whom), orders drafted and sent (and by whom), messages this turn, and `idle`
    /// for a held seat none of whose members has done anything in this phase; then one
    /// `person:` line per person who joined: their seat (or the lobby), connected or not,
    /// seen how long ago, and `idle`.
    Dashboard,
    /// Print the code observers and evaluators join with (made when first asked for).
    ObserverCode,
    /// Whether observers may read every channel (`on`) or not (`off`).
    ObserversChannels { choice: String },
    /// Print every observation: turn, phase, author, kind, what it is about and tied to,
    /// then the text.
    Observations,
}

/// A refusal as the user reads it: the kind, then the server's own reason.
fn refused(refusal: threshold::net::protocol::Refusal, message: &str) -> anyhow::Error {
    use threshold::net::protocol::Refusal as R;
    let kind = match refusal {
        R::Version => "other protocol version",
        R::Malformed => "malformed",
        R::Unauthorised => "unauthorised",
        R::SlowDown => "slow down",
        R::Seat => "seat",
        R::Name => "name taken",
        R::Rules => "rules",
        R::NotRunning => "not running",
        R::Scenario => "scenario",
        R::Storage => "storage",
        R::Limit => "limit",
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
        S::SignedIn { .. } => "SignedIn",
        S::Exercises(_) => "Exercises",
        S::Library(_) => "Library",
        S::ScenarioProblems(_) => "ScenarioProblems",
        S::Dashboard(_) => "Dashboard",
        S::ScenarioText { .. } => "ScenarioText",
        S::Journal(_) => "Journal",
        S::FiredInjects(_) => "FiredInjects",
        S::Expectations(_) => "Expectations",
        S::ObserverCode(_) => "ObserverCode",
        S::Observations(_) => "Observations",
        S::Observing { .. } => "Observing",
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
        let text = m
            .said
            .as_ref()
            .map(|p| p.en())
            .unwrap_or_else(|| m.text.clone());
        for line in printable(&text).lines() {
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
    let names: Vec<String> = s.members.iter().map(|n| printable(n)).collect();
    let holder = match (names.is_empty(), s.playable) {
        (false, _) if s.delegation > 1 => {
            format!("{} ({} of {})", names.join(", "), names.len(), s.delegation)
        }
        (false, _) => names.join(", "),
        (true, true) if s.delegation > 1 => format!(
            "free (the computer plays it; a delegation of up to {})",
            s.delegation
        ),
        (true, true) => "free (the computer plays it)".into(),
        (true, false) => "computer only".into(),
    };
    format!("seat: {} ({}): {holder}\n", s.seat, s.actor)
}

/// Exits as clap does when `exercise control` lacks a required argument.
fn missing_control_arg(arg: &str) -> ! {
    use clap::CommandFactory;
    let mut cli = super::Cli::command();
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
        ControlCmd::Unseat { name } => {
            let name = name.trim().to_string();
            let done = format!("{name}: in the lobby");
            (C::Unseat { name }, done)
        }
        ControlCmd::Computer { seat } => {
            let done = format!("seat {seat}: the computer plays it");
            (C::ToComputer { seat }, done)
        }
        ControlCmd::Delegations { size } => {
            let size = match size.as_str() {
                "scenario" => None,
                n => Some(n.parse::<u32>().map_err(|_| {
                    anyhow::anyhow!("expected a number of people per seat or `scenario`, not {n:?}")
                })?),
            };
            let done = match size {
                Some(n) => format!("up to {n} people per seat"),
                None => "people per seat as the scenario says".into(),
            };
            (C::Delegations { size }, done)
        }
        ControlCmd::AssignedOnly { choice } => {
            let only = match choice.as_str() {
                "on" => true,
                "off" => false,
                other => bail!("expected `on` or `off`, not {other:?}"),
            };
            let done = if only {
                "only the control cell seats people"
            } else {
                "students choose their seats"
            };
            (C::AssignedOnly(only), done.into())
        }
        ControlCmd::Deadline { seconds } => (
            C::AdjustDeadline { seconds },
            format!("deadline moved by {seconds:+} s"),
        ),
        ControlCmd::Drafts { at_deadline } => {
            let choice =
                threshold::net::protocol::AtDeadline::parse(&at_deadline).unwrap_or_default();
            let done = match choice {
                threshold::net::protocol::AtDeadline::Send => {
                    "drafts not sent go in at the end of the orders phase"
                }
                threshold::net::protocol::AtDeadline::Discard => {
                    "drafts not sent are dropped at the end of the orders phase"
                }
            };
            (C::AtDeadline(choice), done.to_string())
        }
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
                    title: in_arabic_too(Text::new(title), title_ar),
                    body: in_arabic_too(Text::new(body), body_ar),
                    audience,
                }),
                done,
            )
        }
        ControlCmd::Channels => (C::ReadChannels, String::new()),
        ControlCmd::Dashboard => (C::Dashboard, String::new()),
        ControlCmd::ObserverCode => (C::ObserverCode, String::new()),
        ControlCmd::Observations => (C::Observations, String::new()),
        ControlCmd::ObserversChannels { choice } => {
            let open = match choice.as_str() {
                "on" => true,
                "off" => false,
                other => bail!("expected `on` or `off`, not {other:?}"),
            };
            let done = if open {
                "observers read every channel"
            } else {
                "observers read no channel"
            };
            (C::ObserversReadChannels(open), done.into())
        }
    };
    let reading = matches!(
        message,
        C::ReadChannels | C::Dashboard | C::ObserverCode | C::Observations
    );
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
            ServerMessage::ObserverCode(code) => {
                emit(&format!("observers' code: {code}\n"));
                Ok(ExitCode::SUCCESS)
            }
            ServerMessage::Observations(notes) => {
                for n in &notes {
                    let tie = match &n.draft.tie {
                        threshold::observation::Tie::Nothing => String::new(),
                        threshold::observation::Tie::LearningObjective(id) => {
                            format!(" | learning objective {id}")
                        }
                        threshold::observation::Tie::Objective { seat, id } => {
                            format!(" | objective {seat}/{id}")
                        }
                        threshold::observation::Tie::Inject(id) => format!(" | inject {id}"),
                    };
                    emit(&format!(
                        "observation: turn {} {} | {} | {} | {}{tie}\n{}\n",
                        n.turn,
                        n.phase.name(),
                        printable(&n.by),
                        n.draft.kind.term(),
                        n.draft.about.as_deref().unwrap_or("the whole exercise"),
                        printable(&n.draft.text)
                    ));
                }
                Ok(ExitCode::SUCCESS)
            }
            ServerMessage::Dashboard(board) => {
                for r in &board.seats {
                    let who = if r.members.is_empty() {
                        "computer player".to_string()
                    } else {
                        let names: Vec<String> = r.members.iter().map(|n| printable(n)).collect();
                        names.join(", ")
                    };
                    let by = |by: &Option<String>| {
                        by.as_ref()
                            .map(|n| format!(" by {}", printable(n)))
                            .unwrap_or_default()
                    };
                    emit(&format!(
                        "seat: {} | {who} | {} | drafted {} | sent {}{} | messages {}{}\n",
                        r.seat,
                        match (r.members.is_empty(), r.ready) {
                            (true, _) => "-".to_string(),
                            (false, true) => format!("ready{}", by(&r.ready_by)),
                            (false, false) => "not ready".to_string(),
                        },
                        r.drafted,
                        r.sent,
                        by(&r.sent_by),
                        r.messages,
                        if r.idle { " | idle" } else { "" }
                    ));
                }
                for o in &board.observers {
                    emit(&format!("observer: {}\n", printable(o)));
                }
                for p in &board.people {
                    emit(&format!(
                        "person: {} | {} | {} | seen {} ago{}\n",
                        printable(&p.name),
                        p.seat.as_deref().unwrap_or("lobby"),
                        if p.connected {
                            "connected"
                        } else {
                            "not connected"
                        },
                        p.seen_secs_ago
                            .map(|s| format!("{s} s"))
                            .unwrap_or_else(|| "-".into()),
                        if p.idle { " | idle" } else { "" }
                    ));
                }
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

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// The text with its Arabic, when the instructor gave one.
fn in_arabic_too(text: threshold::scenario::Text, ar: Option<String>) -> threshold::scenario::Text {
    match ar {
        Some(ar) if !ar.trim().is_empty() => text.with("ar", ar),
        _ => text,
    }
}
