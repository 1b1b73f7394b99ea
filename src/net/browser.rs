//! The browser's connection to a Threshold server: renet2 netcode over the page's own
//! WebSocket (renet2's `WebSocketClient`), to the server that served the page.
//!
//! Nothing here blocks: the client's frame loop calls `receive`, which moves packets both
//! ways and returns what has arrived.

use std::net::SocketAddr;

use bevy::platform::time::Instant;
use renet2::{DefaultChannel, RenetClient};
use renet2_netcode::{
    ClientAuthentication, NetcodeClientTransport, WebSocketClient, WebSocketClientConfig,
};

use super::netcode::{NETCODE_PROTOCOL_ID, NotAnAddress, WEBSOCKET_SOCKET, connection_config};
use crate::i18n::{Arg, Phrase};

/// renet2 over the page's WebSocket: it moves bytes (the client's `Link` speaks the protocol).
pub struct BrowserConnection {
    client: RenetClient,
    transport: NetcodeClientTransport,
    last: Instant,
}

/// `ws://HOST:PORT/` from what the user typed: `HOST:PORT`, `http://HOST:PORT/…` or
/// `ws://HOST:PORT`; `wss://HOST:PORT/` for `wss://…` and `https://…` (a server with TLS).
pub fn websocket_url(address: &str) -> Result<url::Url, NotAnAddress> {
    let a = address.trim().trim_end_matches('/');
    let (scheme, rest) = match ["wss://", "https://", "ws://", "http://"]
        .iter()
        .find_map(|p| a.strip_prefix(p).map(|r| (*p, r)))
    {
        Some((p, r)) if p.starts_with("wss") || p.starts_with("https") => ("wss", r),
        Some((_, r)) => ("ws", r),
        None => ("ws", a),
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let fail = |detail: String| NotAnAddress {
        address: address.to_string(),
        detail,
    };
    if host.is_empty() {
        return Err(fail("no host".into()));
    }
    url::Url::parse(&format!("{scheme}://{host}/")).map_err(|e| fail(e.to_string()))
}

impl BrowserConnection {
    /// Starts connecting to `ws://HOST:PORT/` (or `wss://`); `receive` until `is_connected`.
    pub fn open(address: &str) -> Result<Self, Phrase> {
        let server_url = websocket_url(address).map_err(|e| e.phrase())?;
        let now = std::time::Duration::from_millis(js_sys::Date::now() as u64);
        // renet2's socket only sends to the address it reads from the URL (0.0.0.0:0 for a
        // host name); unsecure netcode does not check it against the server's own.
        let config = WebSocketClientConfig { server_url };
        let server_addr = config
            .server_address()
            .unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)));
        let client_id = crate::sim::journal::fnv1a(
            format!("{}-{}", js_sys::Date::now(), js_sys::Math::random()).as_bytes(),
        );
        let auth = ClientAuthentication::Unsecure {
            protocol_id: NETCODE_PROTOCOL_ID,
            client_id,
            socket_id: WEBSOCKET_SOCKET as u8,
            server_addr,
            user_data: None,
        };
        let network = |e: String| crate::say!("network: {0}", Arg::id(e));
        let socket = WebSocketClient::new(config).map_err(|e| network(e.to_string()))?;
        let transport = NetcodeClientTransport::new(now, auth, socket)
            .map_err(|e| network(format!("{e:?}")))?;
        Ok(Self {
            client: RenetClient::new(connection_config(), transport.is_reliable()),
            transport,
            last: Instant::now(),
        })
    }

    pub fn is_connected(&self) -> bool {
        self.client.is_connected()
    }

    pub fn send(&mut self, bytes: Vec<u8>) {
        self.client
            .send_message(DefaultChannel::ReliableOrdered, bytes);
    }

    /// Moves packets both ways and returns every frame that has arrived; `Err` with why
    /// (a library's own details stay as they came) when the link is lost.
    pub fn receive(&mut self) -> Result<Vec<Vec<u8>>, Phrase> {
        let network = |e: String| crate::say!("network: {0}", Arg::id(e));
        let now = Instant::now();
        let dt = now - self.last;
        self.last = now;
        self.client.update(dt);
        self.transport
            .update(dt, &mut self.client)
            .map_err(|e| network(format!("{e:?}")))?;
        if self.transport.is_disconnected() {
            return Err(crate::say!("the connection to the server was lost"));
        }
        self.transport
            .send_packets(&mut self.client)
            .map_err(|e| network(format!("{e:?}")))?;
        let mut out = Vec::new();
        while let Some(bytes) = self.client.receive_message(DefaultChannel::ReliableOrdered) {
            out.push(bytes.to_vec());
        }
        Ok(out)
    }
}
