//! The load test: a real server process, N exercises, M networked seat clients each over
//! loopback WebSocket (or UDP), played to the end. Prints the server's CPU time, its memory
//! per exercise, and the latency from sending a command to receiving its acknowledgement.
//!
//! ```sh
//! cargo build --release && cargo run --release --example loadtest -- --exercises 200 --seats 6
//! ```

mod fleet;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use clap::Parser;
use fleet::{Fleet, SeatClient};
use threshold::net::client::{Connection, Endpoint};
use threshold::net::link::Event;
use threshold::net::protocol::{ClientMessage, ControlAction, ServerMessage};

/// Exercises the load test asks for before the first is created.
const CREATIONS_IN_FLIGHT: usize = 8;

/// The load test's plan, from the command line.
#[derive(Parser)]
#[command(
    name = "loadtest",
    about = "Threshold's server under a load of whole classes"
)]
struct Args {
    #[arg(long, default_value_t = 200)]
    exercises: usize,
    #[arg(long, default_value_t = 6)]
    seats: usize,
    #[arg(long, default_value = "scenarios/estonia_2007.ron")]
    scenario: PathBuf,
    /// Transport of the seat clients: ws, wss (the server holds a certificate this run
    /// makes; every client speaks TLS) or udp.
    #[arg(long, default_value = "ws", value_parser = ["ws", "wss", "udp"])]
    transport: String,
    /// Mean milliseconds a client thinks before its moves in each phase (0: at once,
    /// which measures throughput rather than a class).
    #[arg(long, default_value_t = 2000)]
    think_ms: u64,
    /// The server's `--sync`.
    #[arg(long, value_enum, default_value = "normal")]
    sync: threshold::store::Durability,
    /// People in each seat's delegation: the first plays the seat, the others follow its
    /// view and write to the delegation's channel (3: a class's team of three).
    #[arg(long, default_value_t = 1)]
    members: u32,
    /// The `threshold` binary to run as the server (default: the one built beside this
    /// example, `target/<profile>/threshold`).
    #[arg(long)]
    server: Option<PathBuf>,
}

fn main() -> anyhow::Result<()> {
    let a = Args::parse();
    let server_binary = match a.server {
        Some(p) => p,
        None => {
            let exe = std::env::current_exe()?;
            let profile = exe
                .parent()
                .and_then(|examples| examples.parent())
                .ok_or_else(|| anyhow::anyhow!("cannot tell where the example runs from"))?;
            profile.join("threshold")
        }
    };
    anyhow::ensure!(
        server_binary.exists(),
        "no server binary at {} (build it first: cargo build --release, or give --server)",
        server_binary.display()
    );
    let report = run(&Plan {
        exercises: a.exercises,
        seats: a.seats,
        scenario: a.scenario,
        websocket: a.transport != "udp",
        tls: a.transport == "wss",
        server_binary,
        think: Duration::from_millis(a.think_ms),
        sync: a.sync,
        members: a.members.max(1),
    })?;
    print!("{report}");
    Ok(())
}

/// What one load test runs.
pub struct Plan {
    pub exercises: usize,
    pub seats: usize,
    pub scenario: PathBuf,
    pub websocket: bool,
    /// The server serves HTTPS and secure WebSockets only, with a certificate made for the
    /// run; the clients trust it (`THRESHOLD_CA_FILE`).
    pub tls: bool,
    pub server_binary: PathBuf,
    /// Mean time a client takes before its moves in each phase.
    pub think: Duration,
    /// The server's `--sync`.
    pub sync: threshold::store::Durability,
    /// People per seat.
    pub members: u32,
}

struct ServerProcess {
    child: Child,
    dir: PathBuf,
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// CPU seconds (user + system) and resident memory (bytes) of a process, from /proc.
fn usage(pid: u32) -> (f64, u64) {
    let ticks = 100.0; // USER_HZ on Linux
    let cpu = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            let rest = s.rsplit_once(')')?.1.split_whitespace().collect::<Vec<_>>();
            let u: f64 = rest.get(11)?.parse().ok()?;
            let k: f64 = rest.get(12)?.parse().ok()?;
            Some((u + k) / ticks)
        })
        .unwrap_or(0.0);
    let rss = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        })
        .unwrap_or(0)
        * 1024;
    (cpu, rss)
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

pub fn run(plan: &Plan) -> anyhow::Result<String> {
    let source = std::fs::read_to_string(&plan.scenario)?;
    let scenario = threshold::scenario::parse(&source, &plan.scenario.display().to_string())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let seats: Vec<String> = scenario
        .seats
        .iter()
        .filter(|s| s.playable)
        .map(|s| s.id.clone())
        .take(plan.seats)
        .collect();
    anyhow::ensure!(
        seats.len() == plan.seats,
        "{} has {} playable seats, not {}",
        plan.scenario.display(),
        seats.len(),
        plan.seats
    );

    // A real server process on a free loopback port, its data in a fresh directory.
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let addr = format!("127.0.0.1:{port}");
    let dir = std::env::temp_dir().join(format!("threshold-loadtest-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut tls_args = Vec::new();
    if plan.tls {
        let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()])?;
        let certs =
            std::env::temp_dir().join(format!("threshold-loadtest-tls-{}", std::process::id()));
        std::fs::create_dir_all(&certs)?;
        let (cert, key) = (certs.join("cert.pem"), certs.join("key.pem"));
        std::fs::write(&cert, made.cert.pem())?;
        std::fs::write(&key, made.signing_key.serialize_pem())?;
        // SAFETY: set before any thread of this process starts; the clients read it.
        unsafe { std::env::set_var("THRESHOLD_CA_FILE", &cert) };
        tls_args = vec![
            "--tls-cert".into(),
            cert.into_os_string(),
            "--tls-key".into(),
            key.into_os_string(),
        ];
    }
    // A class on one machine: anyone who reaches it may create exercises, and every client
    // comes from the one address (past the default limit of connections per address).
    let mut child = Process::new(&plan.server_binary)
        .args(["serve", "--open", "--max-connections-per-address", "0"])
        .args(["--addr", &addr, "--data-dir"])
        .arg(&dir)
        .args(&tls_args)
        .args([
            "--sync",
            match plan.sync {
                threshold::store::Durability::Normal => "normal",
                threshold::store::Durability::Full => "full",
            },
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()?;
    let mut out = BufReader::new(child.stdout.take().expect("piped"));
    let mut line = String::new();
    out.read_line(&mut line)?;
    anyhow::ensure!(line.starts_with("listening on"), "server said: {line}");
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    let server = ServerProcess { child, dir };
    let pid = server.child.id();
    std::thread::sleep(Duration::from_millis(200));
    let (_, rss_idle) = usage(pid);

    let endpoint: Endpoint = match (plan.websocket, plan.tls) {
        (true, true) => format!("wss://{addr}").parse(),
        (true, false) => format!("ws://{addr}").parse(),
        (false, _) => addr.parse(),
    }?;
    let control_endpoint: Endpoint = if plan.tls {
        format!("https://{addr}").parse()?
    } else {
        addr.parse()?
    };
    let mut control = Connection::connect(&control_endpoint, Duration::from_secs(10))?;
    // Several creations in flight at once: each waits for its scenario to travel, one at a
    // time a few hundred exercises take a minute.
    let mut exercises = Vec::new();
    let mut asked = 0;
    let creating = Instant::now();
    while exercises.len() < plan.exercises {
        while asked < plan.exercises && asked - exercises.len() < CREATIONS_IN_FLIGHT {
            control.send(&ClientMessage::CreateExercise {
                scenario_file: plan.scenario.display().to_string(),
                scenario_source: source.clone(),
                seed: Some(asked as u64 + 1),
                session: None,
            });
            asked += 1;
        }
        for event in control.receive()? {
            let Event::Reply { reply, .. } = event else {
                continue;
            };
            match reply {
                ServerMessage::Created {
                    code,
                    instructor_key,
                } => exercises.push((code, instructor_key)),
                other => anyhow::bail!("cannot create an exercise: {other:?}"),
            }
        }
        anyhow::ensure!(
            creating.elapsed() < Duration::from_secs(30 + plan.exercises as u64),
            "the server did not create the exercises"
        );
        std::thread::sleep(Duration::from_millis(1));
    }

    // Delegations: the control cell lets each seat take `members` people.
    if plan.members > 1 {
        for (code, key) in &exercises {
            let reply = control.request(
                ClientMessage::Control {
                    code: code.clone(),
                    key: key.clone(),
                    action: ControlAction::Delegations {
                        size: Some(plan.members),
                    },
                },
                Duration::from_secs(30),
            )?;
            anyhow::ensure!(
                reply == ServerMessage::Ack,
                "delegations refused: {reply:?}"
            );
        }
    }
    let mut clients = Vec::new();
    for (code, _) in &exercises {
        for seat in &seats {
            for member in 0..plan.members {
                let others = seats.iter().filter(|s| *s != seat).cloned().collect();
                clients.push(
                    SeatClient::new(&endpoint, code, seat, others, false)?
                        .thinking(plan.think)
                        .member(member),
                );
            }
        }
    }
    let mut fleet = Fleet::new(clients);
    let setup = Instant::now();
    while !fleet.clients.iter().all(|c| c.seated()) {
        anyhow::ensure!(
            setup.elapsed() < Duration::from_secs(60 + plan.exercises as u64),
            "clients could not take their seats"
        );
        fleet.step();
        control.pump()?;
    }
    if let Some(c) = fleet.clients.iter().find(|c| c.error.is_some()) {
        anyhow::bail!(
            "client {} {}: {}",
            c.code,
            c.seat,
            c.error.clone().unwrap_or_default()
        );
    }
    let connect_s = setup.elapsed().as_secs_f64();
    let (cpu_before, _) = usage(pid);
    let started = Instant::now();
    // A few starts in flight at a time, as for the creations, and the fleet keeps moving
    // meanwhile: waiting for each start with the fleet still (two seconds for 200 exercises)
    // held back every student's moves, then let them all go in the same millisecond.
    let mut asked = 0;
    let mut acked = 0;
    while acked < exercises.len() {
        while asked < exercises.len() && asked - acked < CREATIONS_IN_FLIGHT {
            let (code, key) = &exercises[asked];
            control.send(&ClientMessage::Control {
                code: code.clone(),
                key: key.clone(),
                action: ControlAction::Start,
            });
            asked += 1;
        }
        control.flush()?;
        for event in control.receive()? {
            let Event::Reply { reply, .. } = event else {
                continue;
            };
            match reply {
                ServerMessage::Ack => acked += 1,
                other => anyhow::bail!("cannot start an exercise: {other:?}"),
            }
        }
        anyhow::ensure!(
            started.elapsed() < Duration::from_secs(30 + plan.exercises as u64),
            "the server did not start the exercises"
        );
        fleet.step();
    }
    let mut rss_peak = 0;
    let mut last_sample = Instant::now();
    let deadline = Duration::from_secs(1800);
    while !fleet.clients.iter().all(|c| c.done()) {
        anyhow::ensure!(started.elapsed() < deadline, "the exercises did not end");
        fleet.step();
        // Keep the control connection alive (it would time out unattended).
        control.pump()?;
        if last_sample.elapsed() > Duration::from_millis(250) {
            rss_peak = rss_peak.max(usage(pid).1);
            last_sample = Instant::now();
        }
    }
    if let Some(c) = fleet.clients.iter().find(|c| c.error.is_some()) {
        anyhow::bail!(
            "client {} {}: {}",
            c.code,
            c.seat,
            c.error.clone().unwrap_or_default()
        );
    }
    let play_s = started.elapsed().as_secs_f64();
    let (cpu_after, rss_end) = usage(pid);
    rss_peak = rss_peak.max(rss_end);
    let mut ended = 0;
    for (code, _) in &exercises {
        if let ServerMessage::Status(s) = control.request(
            ClientMessage::Status { code: code.clone() },
            Duration::from_secs(30),
        )? && s.ended
        {
            ended += 1;
        }
    }
    drop(server);

    let mut lat = fleet.latencies.play.clone();
    lat.sort_unstable();
    let mut generator = fleet.latencies.generator.clone();
    generator.sort_unstable();
    let mut setup_lat = fleet.latencies.setup.clone();
    setup_lat.sort_unstable();
    let refusals: usize = fleet.clients.iter().map(|c| c.refusals).sum();
    let per_exercise = rss_peak.saturating_sub(rss_idle) as f64 / plan.exercises as f64;
    Ok(format!(
        "exercises: {}\nseats-per-exercise: {}\nmembers-per-seat: {}\nclients: {}\ntransport: {}\nthink-ms: {}\nended: {ended}\nconnect-and-seat-s: {connect_s:.1}\nplay-s: {play_s:.1}\ncommands: {}\nrefused: {refusals}\nserver-cpu-s: {:.1}\nserver-cpu-percent: {:.0}\nserver-rss-idle-mb: {:.1}\nserver-rss-peak-mb: {:.1}\nmemory-per-exercise-kb: {:.0}\np50-ms: {:.2}\np99-ms: {:.2}\nmax-ms: {:.2}\ngenerator-wait-p50-ms: {:.2}\ngenerator-wait-p99-ms: {:.2}\nsetup-p50-ms: {:.2}\nsetup-p99-ms: {:.2}\n",
        plan.exercises,
        plan.seats,
        plan.members,
        fleet.clients.len(),
        match (plan.websocket, plan.tls) {
            (true, true) => "secure websocket",
            (true, false) => "websocket",
            (false, true) => "udp (secure tokens over https)",
            (false, false) => "udp",
        },
        plan.think.as_millis(),
        lat.len(),
        cpu_after - cpu_before,
        100.0 * (cpu_after - cpu_before) / play_s.max(1e-9),
        rss_idle as f64 / 1e6,
        rss_peak as f64 / 1e6,
        per_exercise / 1024.0,
        percentile(&lat, 0.50),
        percentile(&lat, 0.99),
        percentile(&lat, 1.0),
        percentile(&generator, 0.50),
        percentile(&generator, 0.99),
        percentile(&setup_lat, 0.50),
        percentile(&setup_lat, 0.99),
    ))
}
