//! The `threshold` command: headless play, replay, scenario checking and balance.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use threshold::play::{BotSeats, balance, balance_report, play, story};
use threshold::report;
use threshold::scenario;
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
    /// The folder of scenarios the client's library lists.
    #[arg(long, default_value = "scenarios")]
    scenarios: PathBuf,
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
    },
    /// Rebuild an exercise from its journal and print its story and state hash.
    Replay {
        journal: PathBuf,
        #[arg(long)]
        report: Option<PathBuf>,
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
    /// The control cell: start, pause, resume, advance or end.
    Control {
        code: String,
        #[arg(long)]
        server: threshold::net::client::Endpoint,
        #[arg(long)]
        key: String,
        #[arg(value_parser = ["start", "pause", "resume", "advance", "end"])]
        action: String,
    },
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

fn main() -> ExitCode {
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

fn write_report(ex: &threshold::sim::Exercise, path: &Path) -> Result<()> {
    let debrief = report::Debrief::of(ex);
    let text = match path.extension().and_then(|e| e.to_str()) {
        Some("html") | Some("htm") => report::html(&debrief),
        Some("md") => report::markdown(&debrief),
        _ => bail!("report must end in .md or .html: {}", path.display()),
    };
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

const NET_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

fn control_action(name: &str) -> threshold::net::protocol::ControlAction {
    use threshold::net::protocol::ControlAction as C;
    match name {
        "start" => C::Start,
        "pause" => C::Pause,
        "resume" => C::Resume,
        "advance" => C::Advance,
        _ => C::End,
    }
}

fn expect_ack(reply: threshold::net::protocol::ServerMessage) -> Result<()> {
    match reply {
        threshold::net::protocol::ServerMessage::Refused { message, .. } => {
            bail!("refused: {message}")
        }
        _ => Ok(()),
    }
}

#[cfg(feature = "client")]
fn window(cli: &Cli) -> Result<ExitCode> {
    use threshold::client::{Lang, Options, run};
    let options = Options {
        lang: cli
            .lang
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or_default(),
        screenshot_tour: cli.screenshot_tour.clone(),
        scenarios: cli.scenarios.clone(),
        code: None,
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
        } => {
            let stop = std::sync::atomic::AtomicBool::new(false);
            let config = threshold::net::server::ServerConfig {
                addr: Some(addr),
                data_dir: Some(data_dir),
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
        } => {
            let report = threshold::net::loadtest::run(&threshold::net::loadtest::Plan {
                exercises,
                seats,
                scenario,
                websocket: transport != "udp",
                server_binary: std::env::current_exe()?,
                think: std::time::Duration::from_millis(think_ms),
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
                        action: control_action("start"),
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
                        s.state_hash
                    ));
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
            let mut c = Connection::connect(&server, NET_TIMEOUT)?;
            expect_ack(c.request(
                ClientMessage::Control {
                    code,
                    key,
                    action: control_action(&action),
                },
                NET_TIMEOUT,
            )?)?;
            Ok(ExitCode::SUCCESS)
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
        } => {
            let (sc, source) = load(&scenario)?;
            let ex = play(sc, seed, &BotSeats::parse(&bots));
            if let Some(path) = journal {
                let j = Journal::of(&ex, &scenario.display().to_string(), &source);
                std::fs::write(&path, j.to_jsonl())
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            if let Some(path) = report {
                write_report(&ex, &path)?;
            }
            emit(&story(&ex));
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Replay { journal, report } => {
            let text = std::fs::read_to_string(&journal)
                .with_context(|| format!("cannot read {}", journal.display()))?;
            let ex = Journal::from_jsonl(&text)?.replay()?;
            if let Some(path) = report {
                write_report(&ex, &path)?;
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
