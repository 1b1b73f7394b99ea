//! `threshold serve`: the hub behind renet2's netcode over UDP, with SQLite underneath.
//! Each client message is one reliable-ordered renet message holding JSON.

use std::collections::HashMap;
use std::net::{SocketAddr, UdpSocket};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

use renet2::{ClientId, ConnectionConfig, DefaultChannel, RenetServer, ServerEvent};
use renet2_netcode::{
    NativeSocket, NetcodeServerTransport, ServerAuthentication, ServerSetupConfig,
};

use super::hub::Hub;
use super::protocol::{
    ClientMessage, PROTOCOL_VERSION, Refusal, ServerMessage, decode_client, encode,
};
use crate::store::Store;

/// Netcode's protocol id: clients of another protocol version cannot even connect.
pub const NETCODE_PROTOCOL_ID: u64 = 0x7468_7265_7368_0000 + PROTOCOL_VERSION as u64;
/// Clients one server accepts at once.
pub const MAX_CLIENTS: usize = 1024;
/// How often the server loop runs.
pub const TICK: Duration = Duration::from_millis(10);

fn entropy() -> u64 {
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

/// Runs the server until `stop` is set. Prints `listening on ADDR` once ready.
pub fn serve(addr: SocketAddr, data_dir: &Path, stop: &AtomicBool) -> anyhow::Result<()> {
    let store = Store::open(data_dir)?;
    let mut hub = Hub::with_store(entropy(), store)?;
    let socket = UdpSocket::bind(addr)?;
    let local = socket.local_addr()?;
    let started = Instant::now();
    let mut server = RenetServer::new(ConnectionConfig::test());
    let config = ServerSetupConfig {
        current_time: SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default(),
        max_clients: MAX_CLIENTS,
        protocol_id: NETCODE_PROTOCOL_ID,
        socket_addresses: vec![vec![local]],
        authentication: ServerAuthentication::Unsecure,
    };
    let mut transport = NetcodeServerTransport::new(config, NativeSocket::new(socket)?)?;
    {
        // A closed standard output (a supervisor that stopped reading) must not stop the server.
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(
            out,
            "listening on {local} (data dir: {})",
            data_dir.display()
        );
        let _ = out.flush();
    }
    let mut tokens: HashMap<String, ClientId> = HashMap::new();
    let mut last = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        let now = Instant::now();
        let dt = now - last;
        last = now;
        server.update(dt);
        if let Err(e) = transport.update(dt, &mut server) {
            log(&format!("transport: {e:?}"));
        }
        while let Some(event) = server.get_event() {
            if let ServerEvent::ClientDisconnected { client_id, .. } = event {
                tokens.retain(|_, c| *c != client_id);
            }
        }
        let now_ms = started.elapsed().as_millis() as u64;
        for client in server.clients_id() {
            while let Some(bytes) = server.receive_message(client, DefaultChannel::ReliableOrdered)
            {
                let address = transport
                    .client_addr(client)
                    .map(|(_, a)| a.ip().to_string())
                    .unwrap_or_default();
                let reply = match decode_client(&bytes) {
                    Ok(message) => {
                        // Views go to whichever connection last spoke for a token.
                        if let Some(token) = token_of(&message) {
                            tokens.insert(token.to_string(), client);
                        }
                        let out = hub.handle(&address, now_ms, message);
                        if let ServerMessage::Joined { token, .. } = &out.reply {
                            tokens.insert(token.clone(), client);
                        }
                        for (token, view) in out.views {
                            if let Some(c) = tokens.get(&token) {
                                server.send_message(
                                    *c,
                                    DefaultChannel::ReliableOrdered,
                                    encode(&ServerMessage::View(view)),
                                );
                            }
                        }
                        out.reply
                    }
                    Err(e) => ServerMessage::Refused {
                        refusal: Refusal::Malformed,
                        message: e.to_string(),
                    },
                };
                server.send_message(client, DefaultChannel::ReliableOrdered, encode(&reply));
            }
        }
        match hub.tick(now_ms) {
            Ok(views) => {
                for (token, view) in views {
                    if let Some(c) = tokens.get(&token) {
                        server.send_message(
                            *c,
                            DefaultChannel::ReliableOrdered,
                            encode(&ServerMessage::View(view)),
                        );
                    }
                }
            }
            Err(e) => log(&e.to_string()),
        }
        transport.send_packets(&mut server);
        std::thread::sleep(TICK);
    }
    transport.disconnect_all(&mut server);
    Ok(())
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
