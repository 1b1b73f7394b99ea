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

use super::link::{Event, Link};
use super::netcode::NotAnAddress;
use super::protocol::{ClientMessage, ServerMessage};
use super::server::{MemoryEndpoint, NETCODE_PROTOCOL_ID, WEBSOCKET_SOCKET, connection_config};
use super::websocket::WebSocketClientSocket;
use crate::sim::view::SeatView;

/// Where a server is and how to reach it.
#[derive(Debug, Clone)]
pub enum Endpoint {
    /// `HOST:PORT` or `udp://HOST:PORT`: netcode over UDP (the desktop client), with a
    /// connect token from the server's door over plain HTTP.
    Udp(SocketAddr),
    /// `https://HOST:PORT`: netcode over UDP with a connect token fetched over HTTPS from a
    /// server with a certificate for HOST.
    SecureUdp { addr: SocketAddr, host: String },
    /// `ws://HOST:PORT`: netcode over WebSocket (the browser's way, here natively).
    WebSocket(SocketAddr),
    /// `wss://HOST:PORT`: the same over TLS.
    SecureWebSocket { addr: SocketAddr, host: String },
    /// A server in this process.
    Memory(MemoryEndpoint),
}

impl FromStr for Endpoint {
    type Err = NotAnAddress;
    fn from_str(s: &str) -> Result<Self, NotAnAddress> {
        let (scheme, rest) = ["wss://", "https://", "ws://", "udp://"]
            .iter()
            .find_map(|p| s.strip_prefix(p).map(|r| (*p, r)))
            .unwrap_or(("", s));
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
        // The name the certificate must carry: the host as typed, without its port.
        let name = || match host.rsplit_once(':') {
            Some((h, _)) => h.trim_start_matches('[').trim_end_matches(']').to_string(),
            None => host.to_string(),
        };
        Ok(match scheme {
            "wss://" => Endpoint::SecureWebSocket { addr, host: name() },
            "https://" => Endpoint::SecureUdp { addr, host: name() },
            "ws://" => Endpoint::WebSocket(addr),
            _ => Endpoint::Udp(addr),
        })
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Endpoint::Udp(a) => write!(f, "{a}"),
            Endpoint::SecureUdp { addr, host } => write!(f, "https://{host}:{}", addr.port()),
            Endpoint::WebSocket(a) => write!(f, "ws://{a}"),
            Endpoint::SecureWebSocket { addr, host } => {
                write!(f, "wss://{host}:{}", addr.port())
            }
            Endpoint::Memory(m) => write!(f, "memory #{}", m.socket.id()),
        }
    }
}

/// How long the desktop client waits for the door's connect token.
const TOKEN_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("cannot reach the server at {0}")]
    Unreachable(String),
    #[error("the server did not answer in time")]
    Timeout,
    /// With netcode's reason, for the logs and the command line.
    #[error("the connection to the server was lost ({0})")]
    Disconnected(String),
    #[error("network: {0}")]
    Io(String),
    #[error("the server refused: {0}")]
    Refused(String),
}

static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// renet2 netcode over UDP, WebSocket or memory: it moves bytes and knows nothing of the
/// protocol (the desktop client puts its own `Link` on it; `Connection` puts one for
/// programs that wait for each reply).
pub struct Pipe {
    client: RenetClient,
    transport: NetcodeClientTransport,
    last: Instant,
    /// The socket's descriptor, where there is one (-1 until a WebSocket opens).
    fd: Arc<AtomicI32>,
}

/// A `Link` over a `Pipe`, for programs that send a request and wait for its reply (the
/// command line, the networked computer players, tests).
pub struct Connection {
    pipe: Pipe,
    link: Link,
    /// Views received while waiting for replies.
    pub views: VecDeque<std::sync::Arc<SeatView>>,
    /// Replies to requests sent without waiting, received while waiting for another.
    pub replies: VecDeque<(ClientMessage, ServerMessage)>,
}

impl Drop for Pipe {
    /// Says goodbye, so the server frees the connection at once instead of waiting for its
    /// timeout (a command-line program's connection ends with the program).
    fn drop(&mut self) {
        self.transport.disconnect();
    }
}

impl Connection {
    /// Connects and says hello; fails if the server speaks another protocol version.
    pub fn connect(server: &Endpoint, timeout: Duration) -> Result<Self, ClientError> {
        let mut c = Self::open(server)?;
        let start = Instant::now();
        while !c.pipe.is_connected() {
            c.pump()?;
            if start.elapsed() > timeout {
                return Err(ClientError::Unreachable(server.to_string()));
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        // The link's first request is its hello.
        match c.wait_for(1, timeout)? {
            ServerMessage::Welcome { .. } => Ok(c),
            ServerMessage::Refused { message, .. } => Err(ClientError::Refused(message)),
            other => Err(ClientError::Refused(format!("unexpected answer {other:?}"))),
        }
    }

    /// Starts connecting without waiting: `pump` until `is_connected`; the link's `Hello`
    /// goes first.
    pub fn open(server: &Endpoint) -> Result<Self, ClientError> {
        Ok(Self {
            pipe: Pipe::open(server)?,
            link: Link::new(),
            views: VecDeque::new(),
            replies: VecDeque::new(),
        })
    }

    /// The descriptor to wait on for this connection's packets.
    pub fn descriptor(&self) -> Option<i32> {
        self.pipe.descriptor()
    }

    pub fn is_connected(&self) -> bool {
        self.pipe.is_connected()
    }

    /// The seat token the server gave this connection, once joined.
    pub fn token(&self) -> Option<&str> {
        self.link.token()
    }
}

impl Pipe {
    /// Starts connecting without waiting: `pump` until `is_connected`.
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
            Endpoint::Udp(addr) | Endpoint::SecureUdp { addr, .. } => {
                // The server signs a token for this connection; UDP takes no other.
                let host = match server {
                    Endpoint::SecureUdp { host, .. } => Some(host.as_str()),
                    _ => None,
                };
                let connect_token = super::tokens::fetch(*addr, host, TOKEN_TIMEOUT)
                    .map_err(|e| ClientError::Unreachable(format!("{server}: {e}")))?;
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
                    ClientAuthentication::Secure { connect_token },
                    NativeSocket::new(socket).map_err(|e| ClientError::Io(format!("{e:?}")))?,
                )
                .map_err(fail)?
            }
            Endpoint::WebSocket(addr) | Endpoint::SecureWebSocket { addr, .. } => {
                let tls = match server {
                    Endpoint::SecureWebSocket { host, .. } => Some(host.clone()),
                    _ => None,
                };
                let socket = WebSocketClientSocket::with_tls(*addr, tls, "/");
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
            fd,
        }
    }

    /// Queues bytes on the reliable channel (sent on the next pump or flush).
    pub fn send(&mut self, bytes: Vec<u8>) {
        self.client
            .send_message(DefaultChannel::ReliableOrdered, bytes);
    }

    /// Sends what is queued now rather than on the next pump.
    pub fn flush(&mut self) -> Result<(), ClientError> {
        self.transport
            .send_packets(&mut self.client)
            .map_err(|e| ClientError::Io(format!("{e:?}")))
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
            let reason = self.transport.disconnect_reason();
            return Err(ClientError::Disconnected(
                reason.map_or_else(|| "closed".into(), |r| r.to_string()),
            ));
        }
        self.flush()
    }

    /// The next message that has arrived by the last pump.
    pub fn take(&mut self) -> Option<Vec<u8>> {
        self.client
            .receive_message(DefaultChannel::ReliableOrdered)
            .map(|b| b.to_vec())
    }

    /// The descriptor to wait on for this connection's packets (UDP, or a WebSocket once
    /// open; `None` in memory or before).
    pub fn descriptor(&self) -> Option<i32> {
        Some(self.fd.load(Ordering::Relaxed)).filter(|fd| *fd >= 0)
    }

    pub fn is_connected(&self) -> bool {
        self.client.is_connected()
    }
}

impl Connection {
    /// Sends without waiting for the reply; returns the id the reply will name.
    pub fn send(&mut self, message: &ClientMessage) -> u32 {
        let id = self.link.send(message.clone());
        self.queue();
        id
    }

    /// Hands the link's requests to the pipe once the connection is up (until then the
    /// link holds them); they go out on the next pump or flush.
    fn queue(&mut self) {
        if !self.pipe.is_connected() {
            return;
        }
        for bytes in self.link.outgoing() {
            self.pipe.send(bytes);
        }
    }

    /// Sends what is queued now rather than on the next pump.
    pub fn flush(&mut self) -> Result<(), ClientError> {
        self.queue();
        self.pipe.flush()
    }

    /// Every event that has arrived (replies and views alike), after a pump.
    pub fn receive(&mut self) -> Result<Vec<Event>, ClientError> {
        self.pump()?;
        self.drain()
    }

    /// Every event that has arrived by the last pump.
    pub fn drain(&mut self) -> Result<Vec<Event>, ClientError> {
        let mut out = Vec::new();
        while let Some(bytes) = self.pipe.take() {
            out.push(
                self.link
                    .receive(&bytes)
                    .map_err(|e| ClientError::Io(e.to_string()))?,
            );
        }
        Ok(out)
    }

    /// Moves packets both ways.
    pub fn pump(&mut self) -> Result<(), ClientError> {
        self.pipe.pump()?;
        self.queue();
        self.pipe.flush()
    }

    /// Sends a message and waits for its reply (views and other replies that arrive
    /// meanwhile are kept in `views` and `replies`).
    pub fn request(
        &mut self,
        message: ClientMessage,
        timeout: Duration,
    ) -> Result<ServerMessage, ClientError> {
        let id = self.send(&message);
        self.wait_for(id, timeout)
    }

    /// Waits for the reply to request `id`.
    fn wait_for(&mut self, id: u32, timeout: Duration) -> Result<ServerMessage, ClientError> {
        let start = Instant::now();
        loop {
            self.pump()?;
            while let Some(bytes) = self.pipe.take() {
                match self.link.receive(&bytes) {
                    Ok(Event::View(v)) => self.views.push_back(v),
                    Ok(Event::Reply { id: re, reply, .. }) if re == id => return Ok(reply),
                    Ok(Event::Reply { request, reply, .. }) => {
                        self.replies.push_back((request, reply))
                    }
                    Ok(Event::Stray(ServerMessage::Refused { message, .. })) => {
                        return Err(ClientError::Refused(message));
                    }
                    Ok(Event::Stray(_)) => {}
                    Err(e) => return Err(ClientError::Io(e.to_string())),
                }
            }
            if start.elapsed() > timeout {
                return Err(ClientError::Timeout);
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Waits up to `wait` for views pushed by the server (other replies are kept).
    pub fn poll(&mut self, wait: Duration) -> Result<(), ClientError> {
        let start = Instant::now();
        while start.elapsed() < wait {
            for event in self.receive()? {
                match event {
                    Event::View(v) => self.views.push_back(v),
                    Event::Reply { request, reply, .. } => self.replies.push_back((request, reply)),
                    Event::Stray(_) => {}
                }
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        Ok(())
    }
}
