//! The server and the computer players that join it: `serve` and `bot`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use threshold::net::hub::Policy;

#[derive(clap::Args)]
pub struct ServeArgs {
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub addr: std::net::SocketAddr,
    #[arg(long, default_value = "threshold-data")]
    pub data_dir: PathBuf,
    /// The built web client to serve over HTTP (`web/build.sh` makes it).
    #[arg(long, default_value = "web/dist")]
    pub web_root: PathBuf,
    /// normal: a command is in SQLite's log, safe from a killed server, before it is
    /// acknowledged; full: on the disk, safe from a power cut too (slower under load).
    #[arg(long, value_enum, default_value = "normal")]
    pub sync: threshold::store::Durability,
    /// Anyone who reaches the server may create exercises, without signing in (a class on
    /// a local network). Without it only instructors (`threshold instructor add`) may.
    #[arg(long)]
    pub open: bool,
    /// Exercises the server holds, all instructors together.
    #[arg(long, default_value_t = Policy::default().max_exercises)]
    pub max_exercises: usize,
    /// Exercises one instructor may hold.
    #[arg(long, default_value_t = Policy::default().max_per_instructor)]
    pub max_exercises_per_instructor: usize,
    /// People who may join one exercise.
    #[arg(long, default_value_t = Policy::default().max_participants)]
    pub max_participants: usize,
    /// The largest scenario file an instructor may upload, in KB.
    #[arg(long, default_value_t = Policy::default().max_scenario_bytes / 1024)]
    pub max_upload_kb: usize,
    /// Scenario files one instructor may upload in an hour (each is checked on the server).
    #[arg(long, default_value_t = Policy::default().max_uploads_per_hour)]
    pub max_uploads_per_hour: usize,
    /// Minutes after which an exercise that is not running (not started, paused or ended),
    /// with nobody connected, leaves memory; it comes back from the disk when someone joins
    /// or opens it.
    #[arg(long, value_name = "MINUTES", default_value_t = Policy::default().unload_idle_ms / 60_000)]
    pub unload_idle_minutes: u64,
    /// Messages one connection may send per second before it is slowed down.
    #[arg(long, default_value_t = threshold::net::server::MESSAGES_PER_SECOND)]
    pub max_messages_per_second: u32,
    /// Delete ended exercises, with their participants' names and journals, this many days
    /// after they ended (checked hourly). Without it they are kept until deleted.
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..))]
    pub retain_days: Option<u32>,
    /// The server's certificate chain (PEM): with --tls-key, the TCP port speaks HTTPS and
    /// secure WebSockets only (plain HTTP is redirected).
    #[arg(long, value_name = "CERT.pem", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The certificate's private key (PEM).
    #[arg(long, value_name = "KEY.pem", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// TCP connections one address may hold at once (0: no limit). A class behind one
    /// campus NAT shares an address.
    #[arg(long, default_value_t = threshold::net::server::CONNECTIONS_PER_ADDRESS)]
    pub max_connections_per_address: usize,
    /// The server sits behind a reverse proxy on this machine: a client's address is the
    /// last entry of the proxy's X-Forwarded-For header.
    #[arg(long)]
    pub behind_proxy: bool,
    /// The folder of scenarios (`.ron`) instructors create exercises from in the browser;
    /// without it, the scenarios that ship with Threshold.
    #[arg(long, value_name = "DIR")]
    pub scenarios: Option<PathBuf>,
}

pub fn serve(args: ServeArgs) -> Result<ExitCode> {
    let ServeArgs {
        addr,
        data_dir,
        web_root,
        sync,
        open,
        max_exercises,
        max_exercises_per_instructor,
        max_participants,
        max_upload_kb,
        max_uploads_per_hour,
        unload_idle_minutes,
        max_messages_per_second,
        retain_days,
        tls_cert,
        tls_key,
        max_connections_per_address,
        behind_proxy,
        scenarios,
    } = args;
    let stop = std::sync::atomic::AtomicBool::new(false);
    let config = threshold::net::server::ServerConfig {
        addr: Some(addr),
        data_dir: Some(data_dir),
        sync,
        web_root: Some(web_root),
        memory_clients: 0,
        policy: Policy {
            open,
            max_exercises,
            max_per_instructor: max_exercises_per_instructor,
            max_participants,
            max_scenario_bytes: max_upload_kb.saturating_mul(1024),
            max_uploads_per_hour,
            unload_idle_ms: unload_idle_minutes.saturating_mul(60_000),
        },
        messages_per_second: max_messages_per_second,
        retain_days,
        tls: tls_cert.zip(tls_key),
        max_connections_per_address,
        behind_proxy,
        scenarios,
    };
    threshold::net::server::serve(config, &stop)?;
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct BotArgs {
    #[arg(long)]
    pub server: threshold::net::client::Endpoint,
    #[arg(long)]
    pub code: String,
    /// The seat to play.
    #[arg(long, conflicts_with = "all_seats")]
    pub seat: Option<String>,
    /// Play every playable seat.
    #[arg(long)]
    pub all_seats: bool,
}

pub fn bot(args: BotArgs) -> Result<ExitCode> {
    let BotArgs {
        server,
        code,
        seat,
        all_seats,
    } = args;
    if seat.is_none() && !all_seats {
        bail!("give --seat SEAT or --all-seats");
    }
    threshold::net::remote_bot::run(&server, &code, seat.as_deref())?;
    Ok(ExitCode::SUCCESS)
}
