//! The server side of netcode over WebSocket, fed by the HTTP door (net/front.rs): the door
//! accepts the TCP connection, answers the WebSocket upgrade itself and hands the stream to
//! one task here, which carries netcode packets both ways as binary WebSocket messages.
//! The server loop sees a `DoorSocket`, one renet2 `ServerSocket` per netcode shard.
//!
//! The wire is renet2's WebSocket convention (its browser client speaks it): the connection
//! request travels in the upgrade URL's `creq` query, every later packet is one binary
//! message. Compared with renet2's own WebSocket server this skips a second loopback hop
//! (that server listens on a port of its own), reads with a small buffer (tungstenite zeroes
//! its whole read buffer on every read), batches writes, never drops a packet of a live
//! connection (over a reliable socket renet does not resend one), and hands over everything
//! that arrived through one queue instead of polling every connection on every turn.

use std::collections::HashMap;
use std::io::ErrorKind;
use std::net::{IpAddr, Ipv6Addr, SocketAddr, SocketAddrV6};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use renet2_netcode::{NetcodeTransportError, ServerSocket};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::mpsc as tokio_mpsc;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};

/// The query key of the connection request in the upgrade URL (renet2's convention).
const CONNECT_REQUEST_KEY: &str = "creq";
/// A connection that sends nothing for this long is closed (netcode clients send
/// keep-alives several times a second).
const SILENCE: Duration = Duration::from_secs(10);
/// Bytes waiting to be written to one connection before it is given up as not reading.
const MAX_QUEUED: usize = 16 * 1024 * 1024;
/// The largest message a client may send (netcode packets are far smaller).
const MAX_MESSAGE: usize = 64 * 1024;

/// What the connection tasks tell their shard's socket.
enum Incoming {
    /// A new connection, its connection request and where its packets go.
    Open {
        request: Vec<u8>,
        out: tokio_mpsc::UnboundedSender<Vec<u8>>,
        queued: Arc<AtomicUsize>,
    },
    Packet(Vec<u8>),
    Closed,
}

/// The address each WebSocket connection came from, by its netcode address (the server
/// slows wrong codes and passwords per address, not per connection).
#[derive(Clone, Default, Debug)]
pub struct Peers(Arc<Mutex<HashMap<u64, IpAddr>>>);

impl Peers {
    /// Where the connection netcode knows as `addr` came from.
    pub fn of(&self, addr: SocketAddr) -> Option<IpAddr> {
        let id = id_of(addr)?;
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
            .copied()
    }

    fn set(&self, id: u64, ip: Option<IpAddr>) {
        let mut m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match ip {
            Some(ip) => m.insert(id, ip),
            None => m.remove(&id),
        };
    }
}

/// Where the door sends the connections of one shard.
#[derive(Clone)]
pub struct DoorShard {
    incoming: tokio_mpsc::UnboundedSender<(u64, Incoming)>,
    next: Arc<AtomicU64>,
    peers: Peers,
    open: Arc<AtomicUsize>,
    max: usize,
}

/// The connection request of an upgrade request's path (`/anything?creq=…`), decoded.
pub fn connection_request(path: &str) -> Option<Vec<u8>> {
    let query = path.split_once('?')?.1;
    let encoded = query
        .split('&')
        .find_map(|kv| kv.strip_prefix(CONNECT_REQUEST_KEY)?.strip_prefix('='))?;
    percent_decode(encoded)
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    Some(out)
}

fn addr_of(id: u64) -> SocketAddr {
    SocketAddr::V6(SocketAddrV6::new(Ipv6Addr::from(id as u128), 0, 0, 0))
}

fn id_of(addr: SocketAddr) -> Option<u64> {
    match addr {
        SocketAddr::V6(a) => u64::try_from(u128::from(*a.ip())).ok(),
        SocketAddr::V4(_) => None,
    }
}

impl DoorShard {
    /// Whether this shard takes no more connections.
    pub fn full(&self) -> bool {
        self.open.load(Ordering::Relaxed) >= self.max
    }

    /// Carries one upgraded connection (TCP, or TLS over it) from `peer` until either side
    /// ends it. `leftover` holds bytes the client sent after its request head.
    pub async fn carry<S>(self, stream: S, request: Vec<u8>, leftover: Vec<u8>, peer: IpAddr)
    where
        S: AsyncRead + AsyncWrite + Unpin + Send,
    {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.peers.set(id, Some(peer));
        let (out, mut outgoing) = tokio_mpsc::unbounded_channel::<Vec<u8>>();
        let queued = Arc::new(AtomicUsize::new(0));
        if self
            .incoming
            .send((
                id,
                Incoming::Open {
                    request,
                    out,
                    queued: queued.clone(),
                },
            ))
            .is_err()
        {
            return;
        }
        self.open.fetch_add(1, Ordering::Relaxed);
        let config = WebSocketConfig::default()
            .read_buffer_size(8 * 1024)
            .max_message_size(Some(MAX_MESSAGE))
            .max_frame_size(Some(MAX_MESSAGE));
        let mut ws =
            WebSocketStream::from_partially_read(stream, leftover, Role::Server, Some(config))
                .await;
        let silence = tokio::time::sleep(SILENCE);
        tokio::pin!(silence);
        loop {
            tokio::select! {
                sent = outgoing.recv() => {
                    let Some(packet) = sent else { break };
                    // Everything already queued goes out in one write.
                    let mut bytes = packet.len();
                    let mut ok = ws.feed(Message::binary(packet)).await.is_ok();
                    while ok && let Ok(packet) = outgoing.try_recv() {
                        bytes += packet.len();
                        ok = ws.feed(Message::binary(packet)).await.is_ok();
                    }
                    queued.fetch_sub(bytes, Ordering::Relaxed);
                    if !ok || ws.flush().await.is_err() {
                        break;
                    }
                }
                heard = ws.next() => match heard {
                    Some(Ok(Message::Binary(packet))) => {
                        silence.as_mut().reset(tokio::time::Instant::now() + SILENCE);
                        if self.incoming.send((id, Incoming::Packet(packet.to_vec()))).is_err() {
                            break;
                        }
                    }
                    // Pings are answered by tungstenite; text is not ours.
                    Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Text(_) | Message::Frame(_))) => {}
                    Some(Ok(Message::Close(_)) | Err(_)) | None => break,
                },
                _ = &mut silence => break,
            }
        }
        let _ = ws.close(None).await;
        self.peers.set(id, None);
        self.open.fetch_sub(1, Ordering::Relaxed);
        let _ = self.incoming.send((id, Incoming::Closed));
    }
}

struct Link {
    out: tokio_mpsc::UnboundedSender<Vec<u8>>,
    queued: Arc<AtomicUsize>,
}

/// One netcode shard's view of the WebSocket connections the door gave it.
pub struct DoorSocket {
    incoming: tokio_mpsc::UnboundedReceiver<(u64, Incoming)>,
    links: HashMap<u64, Link>,
    /// The address netcode checks connect tokens against (the door's).
    public: SocketAddr,
    /// The door speaks TLS: netcode leaves its packets to it.
    tls: bool,
    closed: bool,
}

impl std::fmt::Debug for DoorSocket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DoorSocket")
            .field("public", &self.public)
            .field("connections", &self.links.len())
            .finish()
    }
}

/// A socket for a netcode shard and the handle the door sends its connections through.
/// `ids` numbers connections; shards share it (and `peers`) so that no two connections
/// share an address. `tls`: the door encrypts every connection.
pub fn door_socket(
    public: SocketAddr,
    max: usize,
    ids: Arc<AtomicU64>,
    peers: Peers,
    tls: bool,
) -> (DoorSocket, DoorShard) {
    let (tx, rx) = tokio_mpsc::unbounded_channel();
    (
        DoorSocket {
            incoming: rx,
            links: HashMap::new(),
            public,
            tls,
            closed: false,
        },
        DoorShard {
            incoming: tx,
            next: ids,
            peers,
            open: Arc::new(AtomicUsize::new(0)),
            max,
        },
    )
}

impl ServerSocket for DoorSocket {
    fn is_encrypted(&self) -> bool {
        // Over TLS netcode leaves encryption to it (as renet2's browser client does over
        // wss://); over plain WebSocket netcode encrypts its packets, as over UDP.
        self.tls
    }

    fn is_reliable(&self) -> bool {
        true
    }

    fn addr(&self) -> std::io::Result<SocketAddr> {
        Ok(self.public)
    }

    fn is_closed(&mut self) -> bool {
        self.closed
    }

    fn close(&mut self) {
        self.links.clear();
        self.closed = true;
    }

    fn connection_denied(&mut self, addr: SocketAddr) {
        self.disconnect(addr);
    }

    fn connection_accepted(&mut self, _: u64, _: SocketAddr) {}

    fn disconnect(&mut self, addr: SocketAddr) {
        // Dropping the sender ends the connection's task, which closes the WebSocket.
        if let Some(id) = id_of(addr) {
            self.links.remove(&id);
        }
    }

    fn preupdate(&mut self) {}

    fn try_recv(&mut self, buffer: &mut [u8]) -> std::io::Result<(usize, SocketAddr)> {
        loop {
            let (id, event) = match self.incoming.try_recv() {
                Ok(e) => e,
                Err(tokio_mpsc::error::TryRecvError::Empty) => {
                    return Err(std::io::Error::from(ErrorKind::WouldBlock));
                }
                Err(tokio_mpsc::error::TryRecvError::Disconnected) => {
                    self.closed = true;
                    return Err(std::io::Error::from(ErrorKind::ConnectionAborted));
                }
            };
            let packet = match event {
                Incoming::Open {
                    request,
                    out,
                    queued,
                } => {
                    self.links.insert(id, Link { out, queued });
                    request
                }
                Incoming::Packet(p) if self.links.contains_key(&id) => p,
                Incoming::Packet(_) => continue,
                Incoming::Closed => {
                    self.links.remove(&id);
                    continue;
                }
            };
            if packet.len() > buffer.len() {
                self.links.remove(&id);
                continue;
            }
            buffer[..packet.len()].copy_from_slice(&packet);
            return Ok((packet.len(), addr_of(id)));
        }
    }

    fn postupdate(&mut self) {}

    fn send(&mut self, addr: SocketAddr, packet: &[u8]) -> Result<(), NetcodeTransportError> {
        let aborted = || std::io::Error::from(ErrorKind::ConnectionAborted).into();
        let Some(id) = id_of(addr) else {
            return Err(aborted());
        };
        let Some(link) = self.links.get(&id) else {
            return Err(aborted());
        };
        // A client that stops reading is let go rather than buffered without end.
        if link.queued.fetch_add(packet.len(), Ordering::Relaxed) + packet.len() > MAX_QUEUED
            || link.out.send(packet.to_vec()).is_err()
        {
            self.links.remove(&id);
            return Err(aborted());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_requests_come_from_the_creq_query() {
        assert_eq!(
            connection_request("/?creq=a%00b%FF"),
            Some(vec![b'a', 0, b'b', 255])
        );
        assert_eq!(connection_request("/x?lang=ar&creq=%41"), Some(vec![b'A']));
        assert_eq!(connection_request("/?code=K"), None);
        assert_eq!(connection_request("/?creq=%4"), None);
        assert_eq!(connection_request("/"), None);
    }

    #[test]
    fn connection_ids_round_trip_through_addresses() {
        for id in [0, 1, 77, u64::MAX] {
            assert_eq!(id_of(addr_of(id)), Some(id));
        }
        assert_eq!(id_of("127.0.0.1:5".parse().unwrap()), None);
    }
}
