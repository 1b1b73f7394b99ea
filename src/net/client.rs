//! A connection to a Threshold server over renet2 netcode: UDP, WebSocket or in-memory
//! sockets. Send a message and wait for its reply (seat views that arrive meanwhile are kept
//! for the caller), or send and receive without waiting.

use std::collections::VecDeque;
use std::fmt;
use std::net::{SocketAddr, ToSocketAddrs, UdpSocket};
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::{Duration, Instant, SystemTime};

use renet2::{DefaultChannel, RenetClient};
use renet2_netcode::{
    ClientAuthentication, NativeSocket, NetcodeClientTransport, in_memory_server_addr,
};

use super::netcode::NotAnAddress;
use super::protocol::{ClientMessage, PROTOCOL_VERSION, ServerMessage, ViewAssembler, encode};
use super::server::{
    MemoryEndpoint, NETCODE_PROTOCOL_ID, UDP_SOCKET, WEBSOCKET_SOCKET, connection_config,
};
use super::websocket::WebSocketClientSocket;
use crate::sim::view::SeatView;

/// Where a server is and how to reach it.
#[derive(Debug, Clone)]
pub enum Endpoint {
    /// `HOST:PORT` or `udp://HOST:PORT`: netcode over UDP (the desktop client).
    Udp(SocketAddr),
    /// `ws://HOST:PORT`: netcode over WebSocket (the browser's way, here natively).
    WebSocket(SocketAddr),
    /// A server in this process.
    Memory(MemoryEndpoint),
}

impl FromStr for Endpoint {
    type Err = NotAnAddress;
    fn from_str(s: &str) -> Result<Self, NotAnAddress> {
        let (ws, rest) = if let Some(r) = s.strip_prefix("ws://") {
            (true, r)
        } else if let Some(r) = s.strip_prefix("udp://") {
            (false, r)
        } else {
            (false, s)
        };
        let host = rest.trim_end_matches('/');
        let fail = |detail: String| NotAnAddress {
            address: s.to_string(),
            detail,
        };
        let addr = host
            .to_socket_addrs()
            .map_err(|e| fail(e.to_string()))?
            .next()
            .ok_or_else(|| fail("it names no address".into()))?;
        Ok(if ws {
            Endpoint::WebSocket(addr)
        } else {
            Endpoint::Udp(addr)
        })
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Endpoint::Udp(a) => write!(f, "{a}"),
            Endpoint::WebSocket(a) => write!(f, "ws://{a}"),
            Endpoint::Memory(m) => write!(f, "memory #{}", m.socket.id()),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("cannot reach the server at {0}")]
    Unreachable(String),
    #[error("the server did not answer in time")]
    Timeout,
    #[error("the connection to the server was lost")]
    Disconnected,
    #[error("network: {0}")]
    Io(String),
    #[error("the server refused: {0}")]
    Refused(String),
}

static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

pub struct Connection {
    client: RenetClient,
    transport: NetcodeClientTransport,
    last: Instant,
    /// Views received while waiting for replies.
    pub views: VecDeque<std::sync::Arc<SeatView>>,
    assembler: ViewAssembler,
    /// The socket's descriptor, where there is one (-1 until a WebSocket opens).
    fd: Arc<AtomicI32>,
}

impl Connection {
    /// Connects and says hello; fails if the server speaks another protocol version.
    pub fn connect(server: &Endpoint, timeout: Duration) -> Result<Self, ClientError> {
        let mut c = Self::open(server)?;
        let start = Instant::now();
        while !c.client.is_connected() {
            c.pump()?;
            if start.elapsed() > timeout {
                return Err(ClientError::Unreachable(server.to_string()));
            }
            std::thread::sleep(Duration::from_millis(2));
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

    /// Starts connecting without waiting: `pump` until `is_connected`, then say `Hello`.
    pub fn open(server: &Endpoint) -> Result<Self, ClientError> {
        let io = |e: std::io::Error| ClientError::Io(e.to_string());
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default();
        let client_id = crate::sim::journal::fnv1a(
            format!(
                "{}-{}-{:?}-{}",
                now.as_nanos(),
                std::process::id(),
                std::thread::current().id(),
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            )
            .as_bytes(),
        );
        let auth = |socket_id: usize, server_addr: SocketAddr| ClientAuthentication::Unsecure {
            protocol_id: NETCODE_PROTOCOL_ID,
            client_id,
            socket_id: socket_id as u8,
            server_addr,
            user_data: None,
        };
        let fail = |e: renet2_netcode::NetcodeError| ClientError::Io(format!("{e:?}"));
        let fd = Arc::new(AtomicI32::new(-1));
        let transport = match server {
            Endpoint::Udp(addr) => {
                let socket = UdpSocket::bind(if addr.is_ipv4() {
                    "0.0.0.0:0"
                } else {
                    "[::]:0"
                })
                .map_err(io)?;
                #[cfg(unix)]
                fd.store(std::os::fd::AsRawFd::as_raw_fd(&socket), Ordering::Relaxed);
                NetcodeClientTransport::new(
                    now,
                    auth(UDP_SOCKET, *addr),
                    NativeSocket::new(socket).map_err(|e| ClientError::Io(format!("{e:?}")))?,
                )
                .map_err(fail)?
            }
            Endpoint::WebSocket(addr) => {
                let socket = WebSocketClientSocket::new(*addr, "/");
                let fd_ws = socket.descriptor();
                let t = NetcodeClientTransport::new(now, auth(WEBSOCKET_SOCKET, *addr), socket)
                    .map_err(fail)?;
                return Ok(Self::with(t, fd_ws));
            }
            Endpoint::Memory(m) => NetcodeClientTransport::new(
                now,
                auth(m.socket_id, in_memory_server_addr()),
                m.socket.clone(),
            )
            .map_err(fail)?,
        };
        Ok(Self::with(transport, fd))
    }

    fn with(transport: NetcodeClientTransport, fd: Arc<AtomicI32>) -> Self {
        Self {
            client: RenetClient::new(connection_config(), transport.is_reliable()),
            transport,
            last: Instant::now(),
            views: VecDeque::new(),
            assembler: ViewAssembler::default(),
            fd,
        }
    }

    /// The descriptor to wait on for this connection's packets (UDP, or a WebSocket once
    /// open; `None` in memory or before).
    pub fn descriptor(&self) -> Option<i32> {
        Some(self.fd.load(Ordering::Relaxed)).filter(|fd| *fd >= 0)
    }

    pub fn is_connected(&self) -> bool {
        self.client.is_connected()
    }

    /// Sends without waiting for the reply.
    pub fn send(&mut self, message: &ClientMessage) {
        self.client
            .send_message(DefaultChannel::ReliableOrdered, encode(message));
    }

    /// Sends what is queued now rather than on the next pump.
    pub fn flush(&mut self) -> Result<(), ClientError> {
        self.transport
            .send_packets(&mut self.client)
            .map_err(|e| ClientError::Io(format!("{e:?}")))
    }

    /// Every message that has arrived (replies and views alike), after a pump.
    pub fn receive(&mut self) -> Result<Vec<ServerMessage>, ClientError> {
        self.pump()?;
        self.drain()
    }

    /// Every message that has arrived by the last pump.
    pub fn drain(&mut self) -> Result<Vec<ServerMessage>, ClientError> {
        let mut out = Vec::new();
        while let Some(bytes) = self.client.receive_message(DefaultChannel::ReliableOrdered) {
            out.push(
                self.assembler
                    .decode(&bytes)
                    .map_err(|e| ClientError::Io(e.to_string()))?,
            );
        }
        Ok(out)
    }
    /// Moves packets both ways.
    pub fn pump(&mut self) -> Result<(), ClientError> {
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
                match self.assembler.decode(&bytes) {
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
                if let Ok(ServerMessage::View(v)) = self.assembler.decode(&bytes) {
                    self.views.push_back(v);
                }
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        Ok(())
    }
}
