//! A connection to `threshold serve` over renet2 netcode (UDP): send a message, wait for its
//! reply; seat views that arrive meanwhile are kept for the caller.

use std::collections::VecDeque;
use std::net::{SocketAddr, UdpSocket};
use std::time::{Duration, Instant, SystemTime};

use renet2::{ConnectionConfig, DefaultChannel, RenetClient};
use renet2_netcode::{ClientAuthentication, NativeSocket, NetcodeClientTransport};

use super::protocol::{ClientMessage, PROTOCOL_VERSION, ServerMessage, decode_server, encode};
use super::server::NETCODE_PROTOCOL_ID;
use crate::sim::view::SeatView;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("cannot reach the server at {0}")]
    Unreachable(SocketAddr),
    #[error("the server did not answer in time")]
    Timeout,
    #[error("the connection to the server was lost")]
    Disconnected,
    #[error("network: {0}")]
    Io(String),
    #[error("the server refused: {0}")]
    Refused(String),
}

pub struct Connection {
    client: RenetClient,
    transport: NetcodeClientTransport,
    last: Instant,
    /// Views received while waiting for replies.
    pub views: VecDeque<Box<SeatView>>,
}

impl Connection {
    /// Connects and says hello; fails if the server speaks another protocol version.
    pub fn connect(server: SocketAddr, timeout: Duration) -> Result<Self, ClientError> {
        let io = |e: std::io::Error| ClientError::Io(e.to_string());
        let socket = UdpSocket::bind(if server.is_ipv4() {
            "0.0.0.0:0"
        } else {
            "[::]:0"
        })
        .map_err(io)?;
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default();
        let client_id = crate::sim::journal::fnv1a(
            format!(
                "{}-{}-{:?}",
                now.as_nanos(),
                std::process::id(),
                socket.local_addr().ok()
            )
            .as_bytes(),
        );
        let auth = ClientAuthentication::Unsecure {
            protocol_id: NETCODE_PROTOCOL_ID,
            client_id,
            socket_id: 0,
            server_addr: server,
            user_data: None,
        };
        let transport = NetcodeClientTransport::new(
            now,
            auth,
            NativeSocket::new(socket).map_err(|e| ClientError::Io(format!("{e:?}")))?,
        )
        .map_err(|e| ClientError::Io(format!("{e:?}")))?;
        let mut c = Self {
            client: RenetClient::new(ConnectionConfig::test(), false),
            transport,
            last: Instant::now(),
            views: VecDeque::new(),
        };
        let start = Instant::now();
        while !c.client.is_connected() {
            c.pump()?;
            if start.elapsed() > timeout {
                return Err(ClientError::Unreachable(server));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        match c.request(
            ClientMessage::Hello {
                version: PROTOCOL_VERSION,
            },
            timeout,
        )? {
            ServerMessage::Welcome { .. } => Ok(c),
            ServerMessage::Refused { message, .. } => Err(ClientError::Refused(message)),
            other => Err(ClientError::Refused(format!("unexpected answer {other:?}"))),
        }
    }

    fn pump(&mut self) -> Result<(), ClientError> {
        let now = Instant::now();
        let dt = now - self.last;
        self.last = now;
        self.client.update(dt);
        self.transport
            .update(dt, &mut self.client)
            .map_err(|e| ClientError::Io(format!("{e:?}")))?;
        if self.transport.is_disconnected() {
            return Err(ClientError::Disconnected);
        }
        self.transport
            .send_packets(&mut self.client)
            .map_err(|e| ClientError::Io(format!("{e:?}")))?;
        Ok(())
    }

    /// Sends a message and waits for its reply (views that arrive meanwhile are queued).
    pub fn request(
        &mut self,
        message: ClientMessage,
        timeout: Duration,
    ) -> Result<ServerMessage, ClientError> {
        self.client
            .send_message(DefaultChannel::ReliableOrdered, encode(&message));
        let start = Instant::now();
        loop {
            self.pump()?;
            while let Some(bytes) = self.client.receive_message(DefaultChannel::ReliableOrdered) {
                match decode_server(&bytes) {
                    Ok(ServerMessage::View(v)) => self.views.push_back(v),
                    Ok(reply) => return Ok(reply),
                    Err(e) => return Err(ClientError::Io(e.to_string())),
                }
            }
            if start.elapsed() > timeout {
                return Err(ClientError::Timeout);
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Waits up to `wait` for views pushed by the server.
    pub fn poll(&mut self, wait: Duration) -> Result<(), ClientError> {
        let start = Instant::now();
        while start.elapsed() < wait {
            self.pump()?;
            while let Some(bytes) = self.client.receive_message(DefaultChannel::ReliableOrdered) {
                if let Ok(ServerMessage::View(v)) = decode_server(&bytes) {
                    self.views.push_back(v);
                }
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        Ok(())
    }
}
