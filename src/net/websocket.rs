//! A WebSocket client socket for renet2's netcode on native targets (the browser uses
//! renet2's own `WebSocketClient`). It speaks the same wire format as the browser: the
//! first netcode packet (the connection request) travels in the URL's `creq` query, and
//! every later packet is one binary WebSocket message. Used by `threshold bot --server
//! ws://…`, the load test and the tests over loopback WebSocket.

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

#[derive(Debug)]
pub struct WebSocketClientSocket {
    server: SocketAddr,
    path: String,
    socket: Option<WebSocket<TcpStream>>,
    closed: bool,
    /// The TCP socket's descriptor once open (-1 before), for waiting on many at once.
    fd: Arc<AtomicI32>,
}

impl WebSocketClientSocket {
    /// A socket that will connect to `ws://server{path}` when netcode sends its connection
    /// request.
    pub fn new(server: SocketAddr, path: &str) -> Self {
        Self {
            server,
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
        let url = format!(
            "ws://{}{}?{CONNECT_REQUEST_KEY}={}",
            self.server,
            self.path,
            urlencode(request)
        );
        let stream = TcpStream::connect_timeout(&self.server, Duration::from_secs(5))?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(5)))?;
        // A small read buffer: tungstenite zeroes all of it on every read, and a netcode
        // packet is small.
        let config = tungstenite::protocol::WebSocketConfig::default().read_buffer_size(2 * 1024);
        let (socket, _) =
            tungstenite::client::client_with_config(url.as_str(), stream, Some(config))
                .map_err(|e| std::io::Error::new(ErrorKind::ConnectionRefused, e.to_string()))?;
        socket.get_ref().set_nonblocking(true)?;
        #[cfg(unix)]
        self.fd.store(
            std::os::fd::AsRawFd::as_raw_fd(socket.get_ref()),
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
        // No TLS here: netcode encrypts the packets itself, as it does over UDP.
        false
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
