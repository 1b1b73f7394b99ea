//! A WebSocket client socket for renet2's netcode on native targets (the browser uses
//! renet2's own `WebSocketClient`). It speaks the same wire format as the browser: the
//! first netcode packet (the connection request) travels in the URL's `creq` query, and
//! every later packet is one binary WebSocket message. Used by `threshold bot --server
//! ws://…` (or `wss://…`, over TLS), the load test and the tests over loopback WebSocket.

use std::io::ErrorKind;
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;

use renet2_netcode::{ClientSocket, NetcodeTransportError};
use tungstenite::{Message, WebSocket};

/// The query key renet2's WebSocket server reads the connection request from.
const CONNECT_REQUEST_KEY: &str = "creq";
/// netcode's packet type for a connection request (the low bits of the first byte).
const CONNECTION_REQUEST: u8 = 0;

/// TCP, or TLS over it (`wss://`).
enum Stream {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ClientConnection, TcpStream>>),
}

impl Stream {
    fn tcp(&self) -> &TcpStream {
        match self {
            Stream::Plain(s) => s,
            Stream::Tls(s) => &s.sock,
        }
    }
}

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stream::Plain(s) => write!(f, "Plain({s:?})"),
            Stream::Tls(s) => write!(f, "Tls({:?})", s.sock),
        }
    }
}

impl std::io::Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
        }
    }
}

impl std::io::Write for Stream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
        }
    }
}

#[derive(Debug)]
pub struct WebSocketClientSocket {
    server: SocketAddr,
    path: String,
    /// The server's name for TLS (`wss://`); none for plain `ws://`.
    tls: Option<String>,
    socket: Option<WebSocket<Stream>>,
    closed: bool,
    /// The TCP socket's descriptor once open (-1 before), for waiting on many at once.
    fd: Arc<AtomicI32>,
}

impl WebSocketClientSocket {
    /// A socket that will connect to `ws://server{path}` when netcode sends its connection
    /// request.
    pub fn new(server: SocketAddr, path: &str) -> Self {
        Self::with_tls(server, None, path)
    }

    /// The same over TLS to the server called `host` (`wss://host:port{path}`) when `tls`
    /// names it.
    pub fn with_tls(server: SocketAddr, tls: Option<String>, path: &str) -> Self {
        Self {
            server,
            tls,
            path: if path.starts_with('/') {
                path.to_string()
            } else {
                format!("/{path}")
            },
            socket: None,
            closed: false,
            fd: Arc::new(AtomicI32::new(-1)),
        }
    }

    /// Where the socket's descriptor will be once it is open (-1 until then).
    pub fn descriptor(&self) -> Arc<AtomicI32> {
        self.fd.clone()
    }

    fn open(&mut self, request: &[u8]) -> std::io::Result<()> {
        let url = match &self.tls {
            Some(host) => format!(
                "wss://{host}:{}{}?{CONNECT_REQUEST_KEY}={}",
                self.server.port(),
                self.path,
                urlencode(request)
            ),
            None => format!(
                "ws://{}{}?{CONNECT_REQUEST_KEY}={}",
                self.server,
                self.path,
                urlencode(request)
            ),
        };
        let tcp = TcpStream::connect_timeout(&self.server, Duration::from_secs(5))?;
        tcp.set_nodelay(true)?;
        tcp.set_read_timeout(Some(Duration::from_secs(5)))?;
        let stream = match &self.tls {
            Some(host) => {
                let name = rustls::pki_types::ServerName::try_from(host.clone())
                    .map_err(|e| std::io::Error::new(ErrorKind::InvalidInput, e.to_string()))?;
                let tls = rustls::ClientConnection::new(super::tokens::client_tls()?, name)
                    .map_err(|e| std::io::Error::other(e.to_string()))?;
                Stream::Tls(Box::new(rustls::StreamOwned::new(tls, tcp)))
            }
            None => Stream::Plain(tcp),
        };
        // A small read buffer: tungstenite zeroes all of it on every read, and a netcode
        // packet is small.
        let config = tungstenite::protocol::WebSocketConfig::default().read_buffer_size(2 * 1024);
        let (socket, _) =
            tungstenite::client::client_with_config(url.as_str(), stream, Some(config))
                .map_err(|e| std::io::Error::new(ErrorKind::ConnectionRefused, e.to_string()))?;
        socket.get_ref().tcp().set_nonblocking(true)?;
        #[cfg(unix)]
        self.fd.store(
            std::os::fd::AsRawFd::as_raw_fd(socket.get_ref().tcp()),
            Ordering::Relaxed,
        );
        self.socket = Some(socket);
        Ok(())
    }
}

/// Percent-encodes every byte that is not unreserved (RFC 3986).
fn urlencode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn aborted() -> std::io::Error {
    std::io::Error::from(ErrorKind::ConnectionAborted)
}

impl ClientSocket for WebSocketClientSocket {
    fn is_encrypted(&self) -> bool {
        // Over TLS netcode leaves encryption to it, as the browser's client does over wss://;
        // over plain WebSocket netcode encrypts the packets itself, as it does over UDP.
        self.tls.is_some()
    }

    fn is_reliable(&self) -> bool {
        true
    }

    fn addr(&self) -> std::io::Result<SocketAddr> {
        Err(std::io::Error::from(ErrorKind::AddrNotAvailable))
    }

    fn is_closed(&mut self) -> bool {
        self.closed
    }

    fn close(&mut self) {
        if let Some(s) = self.socket.as_mut() {
            let _ = s.close(None);
            let _ = s.flush();
        }
        self.closed = true;
    }

    fn preupdate(&mut self) {}

    fn try_recv(&mut self, buffer: &mut [u8]) -> std::io::Result<(usize, SocketAddr)> {
        if self.closed {
            return Err(aborted());
        }
        let Some(socket) = self.socket.as_mut() else {
            return Err(std::io::Error::from(ErrorKind::WouldBlock));
        };
        loop {
            match socket.read() {
                Ok(Message::Binary(packet)) => {
                    if packet.len() > buffer.len() {
                        return Err(std::io::Error::from(ErrorKind::InvalidData));
                    }
                    buffer[..packet.len()].copy_from_slice(&packet);
                    return Ok((packet.len(), self.server));
                }
                Ok(Message::Close(_)) => {
                    self.closed = true;
                    return Err(aborted());
                }
                // Pings are answered by tungstenite itself; text frames are not ours.
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e)) if e.kind() == ErrorKind::WouldBlock => {
                    return Err(e);
                }
                Err(_) => {
                    self.closed = true;
                    return Err(aborted());
                }
            }
        }
    }

    fn postupdate(&mut self) {
        if let Some(s) = self.socket.as_mut() {
            match s.flush() {
                Ok(()) => {}
                Err(tungstenite::Error::Io(e)) if e.kind() == ErrorKind::WouldBlock => {}
                Err(_) => self.closed = true,
            }
        }
    }

    fn send(&mut self, addr: SocketAddr, packet: &[u8]) -> Result<(), NetcodeTransportError> {
        if self.closed {
            return Err(aborted().into());
        }
        if addr != self.server {
            return Err(std::io::Error::from(ErrorKind::AddrNotAvailable).into());
        }
        if self.socket.is_none() {
            // Until the connection is open only the connection request matters: it opens it.
            if packet.first().map(|b| b & 0x0f) != Some(CONNECTION_REQUEST) {
                return Ok(());
            }
            if let Err(e) = self.open(packet) {
                self.closed = true;
                return Err(e.into());
            }
            return Ok(());
        }
        let socket = self.socket.as_mut().expect("opened above");
        let mut sent = socket.write(Message::binary(packet.to_vec()));
        if sent.is_ok() {
            sent = socket.flush();
        }
        match sent {
            Ok(()) => Ok(()),
            Err(tungstenite::Error::Io(e)) if e.kind() == ErrorKind::WouldBlock => Ok(()),
            Err(e) => {
                self.closed = true;
                Err(std::io::Error::new(ErrorKind::ConnectionAborted, e.to_string()).into())
            }
        }
    }
}
