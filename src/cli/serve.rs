//! The server and the computer players that join it: `serve` and `bot`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

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
}

pub fn serve(args: ServeArgs) -> Result<ExitCode> {
    let ServeArgs {
        addr,
        data_dir,
        web_root,
        sync,
    } = args;
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
