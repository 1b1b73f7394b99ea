//! The `threshold` command line (native): the window without a command, and headless play,
//! replay, scenario checking and balance, the server, bots and the load test.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

mod admin;
mod exercise;
mod play;
mod scenarios;
mod serve;

use threshold::i18n::Lang;

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
    Play(play::PlayArgs),
    /// Print, as JSON, exactly what one seat sees: computer players play every seat up to
    /// the start of the given turn and phase (before anyone acts in it).
    View(play::ViewArgs),
    /// Rebuild an exercise from its journal and print its story and state hash.
    Replay(play::ReplayArgs),
    /// Check and test scenarios.
    Scenario {
        #[command(subcommand)]
        command: scenarios::ScenarioCmd,
    },
    /// Host exercises for a class: UDP for desktop clients and, on the same port over TCP,
    /// WebSocket and the web client for browsers. Data in SQLite under the data dir.
    Serve(serve::ServeArgs),
    /// Create and run exercises on a server.
    Exercise {
        #[command(subcommand)]
        command: exercise::ExerciseCmd,
    },
    /// Play seats of an exercise over the network until it ends (reconnects by itself).
    Bot(serve::BotArgs),
    /// Instructor accounts of a server (on its machine, with its data dir).
    Instructor {
        #[command(subcommand)]
        command: admin::InstructorCmd,
    },
    /// Copy a server's data (exercises, journals, participants, instructors) into one file,
    /// safely while it serves (SQLite's online backup).
    Backup(admin::BackupArgs),
    /// Put a backup back into a data dir (stop its server first).
    Restore(admin::RestoreArgs),
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

fn parse_lang(s: &str) -> std::result::Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language \"{s}\": en or ar"))
}

const NET_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

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
        rejoin: None,
    };
    Ok(match run(options) {
        bevy::app::AppExit::Success => ExitCode::SUCCESS,
        bevy::app::AppExit::Error(_) => ExitCode::FAILURE,
    })
}

#[cfg(not(feature = "client"))]
fn window(_cli: &Cli) -> Result<ExitCode> {
    anyhow::bail!(
        "this build has no window (built without the `client` feature); see `threshold --help`"
    )
}

fn run(cli: Cli) -> Result<ExitCode> {
    let Some(command) = cli.command else {
        return window(&cli);
    };
    match command {
        Cmd::Play(args) => play::play(args),
        Cmd::View(args) => play::view(args),
        Cmd::Replay(args) => play::replay(args),
        Cmd::Scenario { command } => scenarios::run(command),
        Cmd::Serve(args) => serve::serve(args),
        Cmd::Exercise { command } => exercise::run(command),
        Cmd::Bot(args) => serve::bot(args),
        Cmd::Instructor { command } => admin::instructor(command),
        Cmd::Backup(args) => admin::backup(args),
        Cmd::Restore(args) => admin::restore(args),
    }
}
