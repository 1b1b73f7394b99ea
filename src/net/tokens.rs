//! netcode's secure connect tokens, as netcode is meant to be used: the server signs each
//! desktop client a token (its keys for the session, which UDP addresses it may reach, how
//! long it lasts) with a private key only the server holds, and hands it out over its TCP
//! door (`GET /netcode-token`, over HTTPS when the server has a certificate). The client then
//! connects over UDP with it; every packet is encrypted with the token's keys. A client
//! without a token the server signed cannot connect over UDP at all.
//!
//! Also the client side of TLS: the trust roots (Mozilla's, from `webpki-roots`, and an
//! academy's own authority from `THRESHOLD_CA_FILE`) and the fetch of a token.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use renet2_netcode::{ConnectToken, generate_random_bytes};

use super::netcode::{NETCODE_PROTOCOL_ID, UDP_SOCKET};

/// The path of the door that hands out tokens.
pub const TOKEN_PATH: &str = "/netcode-token";
/// How long a token may wait before it is used to connect.
const TOKEN_EXPIRY_S: u64 = 120;
/// A connection that hears nothing for this long is over. netcode's unsecure mode uses 5 s;
/// a server whose loop stalls under load (a busy disk on a shared machine) would drop every
/// client at 5 s (a CI run lost a command-line connection once, cause not seen), and a client that goes away says so (`Pipe`'s `Drop`), so a longer wait costs
/// nothing but a dead connection's slot for a few more seconds.
const TIMEOUT_S: i32 = 15;
/// The largest answer the client reads from the door (a token is about 1.1 KB).
const MAX_ANSWER: u64 = 16 * 1024;

/// Signs tokens for the server's UDP socket.
#[derive(Clone)]
pub struct TokenIssuer {
    key: [u8; 32],
    udp: SocketAddr,
}

impl std::fmt::Debug for TokenIssuer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenIssuer")
            .field("udp", &self.udp)
            .finish()
    }
}

impl TokenIssuer {
    /// An issuer with a fresh private key for the UDP socket at `udp`; the key goes to the
    /// UDP netcode server too (`key`).
    pub fn new(udp: SocketAddr) -> Self {
        Self {
            key: generate_random_bytes::<32>(),
            udp,
        }
    }

    pub fn key(&self) -> [u8; 32] {
        self.key
    }

    /// A token for a client that reached the TCP door at `reached`: it sends UDP to the
    /// same address and port, which the server knows as its own socket's address.
    pub fn issue(&self, reached: SocketAddr) -> Option<Vec<u8>> {
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .ok()?;
        let client_id = u64::from_le_bytes(generate_random_bytes::<8>());
        let mut addresses = vec![SocketAddr::new(reached.ip(), self.udp.port())];
        if self.udp != addresses[0] {
            addresses.push(self.udp);
        }
        let token = ConnectToken::generate(
            now,
            NETCODE_PROTOCOL_ID,
            TOKEN_EXPIRY_S,
            client_id,
            TIMEOUT_S,
            UDP_SOCKET as u8,
            addresses,
            None,
            &self.key,
        )
        .ok()?;
        let mut out = Vec::with_capacity(1200);
        token.write(&mut out).ok()?;
        Some(out)
    }
}

/// The TLS settings of a client: Mozilla's roots, and the PEM authority in
/// `THRESHOLD_CA_FILE` if set (an academy's own, or a test's).
pub fn client_tls() -> std::io::Result<Arc<rustls::ClientConfig>> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(file) = std::env::var_os("THRESHOLD_CA_FILE") {
        let bad = |e: String| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("THRESHOLD_CA_FILE {}: {e}", file.to_string_lossy()),
            )
        };
        for cert in CertificateDer::pem_file_iter(&file).map_err(|e| bad(e.to_string()))? {
            roots
                .add(cert.map_err(|e| bad(e.to_string()))?)
                .map_err(|e| bad(e.to_string()))?;
        }
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| std::io::Error::other(e.to_string()))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(Arc::new(config))
}

/// A TCP connection to `addr`, inside TLS for `host` when `host` is given.
pub fn connect(
    addr: SocketAddr,
    host: Option<&str>,
    timeout: Duration,
) -> std::io::Result<Box<dyn ReadWrite>> {
    let tcp = TcpStream::connect_timeout(&addr, timeout)?;
    tcp.set_read_timeout(Some(timeout))?;
    tcp.set_write_timeout(Some(timeout))?;
    tcp.set_nodelay(true)?;
    let Some(host) = host else {
        return Ok(Box::new(tcp));
    };
    let name = rustls::pki_types::ServerName::try_from(host.to_string()).map_err(|e| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("{host}: {e}"))
    })?;
    let tls = rustls::ClientConnection::new(client_tls()?, name)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(Box::new(rustls::StreamOwned::new(tls, tcp)))
}

/// A byte stream both ways (TCP, or TLS over it).
pub trait ReadWrite: Read + Write + Send {}
impl<T: Read + Write + Send> ReadWrite for T {}

/// Asks the server's door for a connect token (over TLS for `host`, if given).
pub fn fetch(
    addr: SocketAddr,
    host: Option<&str>,
    timeout: Duration,
) -> std::io::Result<ConnectToken> {
    let mut stream = connect(addr, host, timeout)?;
    let authority = host
        .map(|h| format!("{h}:{}", addr.port()))
        .unwrap_or(addr.to_string());
    write!(
        stream,
        "GET {TOKEN_PATH} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n"
    )?;
    stream.flush()?;
    let mut answer = Vec::new();
    // A TLS peer that closes without close_notify after the whole answer is fine here: the
    // length is checked below.
    let _ = (&mut stream).take(MAX_ANSWER).read_to_end(&mut answer);
    let bad = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
    let end = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| bad("the server's door gave no answer: is it a Threshold server?"))?;
    let head = String::from_utf8_lossy(&answer[..end]);
    let status = head.split(' ').nth(1).unwrap_or_default();
    if status != "200" {
        let first = head.lines().next().unwrap_or_default().to_string();
        return Err(bad(&format!(
            "the server's door refused a connect token ({first})"
        )));
    }
    let mut token = ConnectToken::read(&mut &answer[end + 4..])
        .map_err(|e| bad(&format!("not a connect token: {e:?}")))?;
    reached_first(&mut token, addr.ip());
    Ok(token)
}

/// Puts the host this client reached first in the token's list of server addresses, at the
/// server's UDP port. The server lists the addresses it knows itself by, and on a machine
/// behind NAT (a cloud machine with a public address, a reverse proxy) those are private ones
/// a client outside cannot reach; the host the client just fetched the token from is the
/// server's all the same. The server checks only the list inside the token's encrypted part,
/// which this leaves as it is; the others stay after it, to try next.
fn reached_first(token: &mut ConnectToken, reached: std::net::IpAddr) {
    let Some(port) = token.server_addresses[0].map(|a| a.port()) else {
        return;
    };
    let mine = SocketAddr::new(reached, port);
    let others: Vec<SocketAddr> = token
        .server_addresses
        .iter()
        .flatten()
        .filter(|a| **a != mine)
        .copied()
        .collect();
    let mut list = [None; 32];
    for (slot, a) in list.iter_mut().zip(std::iter::once(mine).chain(others)) {
        *slot = Some(a);
    }
    token.server_addresses = list;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A server on a cloud machine knows itself by its private address; a client that
    /// reached it at its public address sends its UDP there first, and the server still
    /// takes the token (its own address is in the encrypted part).
    #[test]
    fn a_client_tries_the_host_it_reached_first() {
        let private: SocketAddr = "10.0.0.5:7878".parse().unwrap();
        let issuer = TokenIssuer::new(private);
        let bytes = issuer.issue(private).expect("a token");
        let mut token = ConnectToken::read(&mut bytes.as_slice()).unwrap();
        assert_eq!(token.server_addresses[0], Some(private));
        let public: std::net::IpAddr = "203.0.113.9".parse().unwrap();
        reached_first(&mut token, public);
        assert_eq!(
            token.server_addresses[..3],
            [Some(SocketAddr::new(public, 7878)), Some(private), None]
        );
        // Reached at the address it lists: nothing doubles.
        reached_first(&mut token, private.ip());
        let listed: Vec<_> = token.server_addresses.iter().flatten().collect();
        assert_eq!(listed, [&private, &SocketAddr::new(public, 7878)]);
    }
}
