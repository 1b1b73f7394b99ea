//! The server's TCP door, on the same address as its UDP socket: a WebSocket upgrade is
//! answered here and the connection handed to a netcode shard (net/door_socket.rs), and any
//! other request is answered as plain HTTP from the web client's folder (the page, the JS
//! glue and the wasm). `web/build.sh` writes a brotli (`.br`) and a gzip (`.gz`) copy of
//! each file, sent to browsers that accept them (brotli first), and puts a content hash in
//! the names of the glue and the module: those are cached for a year, so a returning
//! student downloads only the page, which is revalidated by its ETag (a 304 when unchanged).
//!
//! With a certificate (`serve --tls-cert/--tls-key`) every connection is TLS (rustls):
//! HTTPS and secure WebSockets on the same port; a plain HTTP request there is redirected to
//! HTTPS and a plain WebSocket upgrade refused.

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;

use super::door_socket::{DoorShard, connection_request};

/// What the door needs besides its listener: the netcode shards, the web client's folder,
/// TLS, and the limits per address.
#[derive(Clone)]
pub struct Door {
    pub shards: Vec<DoorShard>,
    pub web_root: Option<PathBuf>,
    pub tls: Option<TlsAcceptor>,
    /// Open connections one address may hold at once (0: no limit).
    pub max_per_address: usize,
    /// Take the client's address from the last `X-Forwarded-For` entry (behind a reverse
    /// proxy, every connection comes from the proxy).
    pub behind_proxy: bool,
    /// Signs desktop clients' connect tokens for the UDP socket (`GET /netcode-token`).
    pub tokens: super::tokens::TokenIssuer,
}

/// Open connections per address; a `Held` gives its place back when dropped.
#[derive(Clone, Default)]
struct Counts(Arc<Mutex<HashMap<IpAddr, usize>>>);

struct Held(Counts, IpAddr);

impl Counts {
    fn take(&self, ip: IpAddr, max: usize) -> Option<Held> {
        let mut m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let n = m.entry(ip).or_default();
        if max > 0 && *n >= max {
            return None;
        }
        *n += 1;
        Some(Held(self.clone(), ip))
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let mut m = self.0.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = m.get_mut(&self.1) {
            *n -= 1;
            if *n == 0 {
                m.remove(&self.1);
            }
        }
    }
}

/// A certificate chain and its private key, from PEM files, as a TLS acceptor.
pub fn tls_acceptor(cert: &Path, key: &Path) -> anyhow::Result<TlsAcceptor> {
    use anyhow::Context;
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let certs = CertificateDer::pem_file_iter(cert)
        .and_then(|i| i.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("cannot read the certificate {}", cert.display()))?;
    anyhow::ensure!(
        !certs.is_empty(),
        "{} holds no certificate (PEM, -----BEGIN CERTIFICATE-----)",
        cert.display()
    );
    let key = PrivateKeyDer::from_pem_file(key)
        .with_context(|| format!("cannot read the private key {}", key.display()))?;
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()?
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .context("the certificate and the key do not make a TLS identity")?;
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// The largest request head the door reads.
const MAX_HEAD: usize = 16 * 1024;
/// How long a client may take to send its request head.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// Accepts connections on `listener` until the runtime stops.
/// Upgrades go to the netcode shards in turn.
pub async fn run(listener: TcpListener, door: Door) {
    let door = Arc::new(door);
    let next = Arc::new(AtomicUsize::new(0));
    let counts = Counts::default();
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(x) => x,
            // Out of descriptors and the like: wait a moment instead of spinning.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        // Behind a proxy the address that counts is in the request head (see `serve`).
        let held = if door.behind_proxy {
            None
        } else {
            match counts.take(peer.ip(), door.max_per_address) {
                Some(h) => Some(h),
                None => continue,
            }
        };
        let door = door.clone();
        let next = next.clone();
        let counts = counts.clone();
        tokio::spawn(async move {
            let _ = stream.set_nodelay(true);
            let conn = Conn {
                door: &door,
                next: &next,
                counts: &counts,
                peer: peer.ip(),
                local: stream.local_addr().ok(),
                _held: held,
            };
            let _ = conn.accept(stream).await;
        });
    }
}

/// One accepted connection.
struct Conn<'a> {
    door: &'a Door,
    next: &'a AtomicUsize,
    counts: &'a Counts,
    peer: IpAddr,
    /// The address the client reached (its UDP goes to the same one).
    local: Option<std::net::SocketAddr>,
    _held: Option<Held>,
}

impl Conn<'_> {
    async fn accept(self, stream: TcpStream) -> std::io::Result<()> {
        let Some(tls) = self.door.tls.clone() else {
            return self.serve(stream).await;
        };
        // A TLS client speaks first with a handshake record (0x16); anything else is plain
        // HTTP sent to the HTTPS port.
        let mut first = [0u8; 1];
        let n = tokio::time::timeout(HEAD_TIMEOUT, stream.peek(&mut first))
            .await
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::TimedOut))??;
        if n == 1 && first[0] != 0x16 {
            return self.redirect(stream).await;
        }
        let stream = tokio::time::timeout(HEAD_TIMEOUT, tls.accept(stream))
            .await
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::TimedOut))??;
        self.serve(stream).await
    }

    /// Plain HTTP on the HTTPS port: the same address over HTTPS.
    async fn redirect(self, mut stream: TcpStream) -> std::io::Result<()> {
        let Some((request, _)) = read_head(&mut stream).await? else {
            return Ok(());
        };
        match request.header("host") {
            Some(host) if request.header("upgrade").is_none() => {
                let location = format!("https://{host}{}", request.path);
                let head = format!(
                    "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
                stream.write_all(head.as_bytes()).await?;
                stream.shutdown().await
            }
            _ => {
                respond(
                    &mut stream,
                    400,
                    "text/plain",
                    b"this server speaks only TLS: use https:// and wss://",
                )
                .await
            }
        }
    }

    async fn serve<S>(self, mut stream: S) -> std::io::Result<()>
    where
        S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let Some((request, leftover)) = read_head(&mut stream).await? else {
            return Ok(());
        };
        // Behind a proxy: the client's address as the proxy reports it, counted here.
        let (peer, _held) = if self.door.behind_proxy {
            let ip = request
                .header("x-forwarded-for")
                .and_then(|v| v.rsplit(',').next())
                .and_then(|v| v.trim().parse::<IpAddr>().ok())
                .unwrap_or(self.peer);
            match self.counts.take(ip, self.door.max_per_address) {
                Some(h) => (ip, Some(h)),
                None => {
                    return respond(
                        &mut stream,
                        429,
                        "text/plain",
                        b"too many connections from this address",
                    )
                    .await;
                }
            }
        } else {
            (self.peer, None)
        };
        if request.path.split('?').next() == Some(super::tokens::TOKEN_PATH) {
            return match self.local.and_then(|l| self.door.tokens.issue(l)) {
                Some(token) => respond(&mut stream, 200, "application/octet-stream", &token).await,
                None => respond(&mut stream, 503, "text/plain", b"no token").await,
            };
        }
        serve(stream, request, leftover, self.door, self.next, peer).await
    }
}

/// Reads a request head; `None` if the client closed first. Also returns the bytes after it.
async fn read_head<S: AsyncRead + AsyncWrite + Unpin>(
    stream: &mut S,
) -> std::io::Result<Option<(Request, Vec<u8>)>> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 2048];
    let end = loop {
        let n = tokio::time::timeout(HEAD_TIMEOUT, stream.read(&mut buf))
            .await
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::TimedOut))??;
        if n == 0 {
            return Ok(None);
        }
        head.extend_from_slice(&buf[..n]);
        if let Some(i) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        if head.len() > MAX_HEAD {
            respond(stream, 431, "text/plain", b"request head too large").await?;
            return Ok(None);
        }
    };
    let text = String::from_utf8_lossy(&head[..end]).into_owned();
    Ok(Some((Request::parse(&text), head[end..].to_vec())))
}

/// The next shard with room, in turn.
fn pick(shards: &[DoorShard], next: &AtomicUsize) -> Option<DoorShard> {
    (0..shards.len())
        .map(|_| &shards[next.fetch_add(1, Ordering::Relaxed) % shards.len()])
        .find(|s| !s.full())
        .cloned()
}

async fn serve<S>(
    mut stream: S,
    request: Request,
    leftover: Vec<u8>,
    door: &Door,
    next: &AtomicUsize,
    peer: IpAddr,
) -> std::io::Result<()>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let shards = &door.shards;
    let web_root = door.web_root.as_deref();
    if request
        .header("upgrade")
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
    {
        // Answer the upgrade here and hand the stream to a netcode shard.
        let (Some(key), Some(creq)) = (
            request.header("sec-websocket-key"),
            connection_request(&request.path),
        ) else {
            return respond(
                &mut stream,
                400,
                "text/plain",
                b"a WebSocket upgrade needs Sec-WebSocket-Key and a connection request (creq)",
            )
            .await;
        };
        let Some(shard) = pick(shards, next) else {
            return respond(&mut stream, 503, "text/plain", b"server full").await;
        };
        let accept = derive_accept_key(key.as_bytes());
        stream
            .write_all(
                format!(
                    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
                )
                .as_bytes(),
            )
            .await?;
        stream.flush().await?;
        shard.carry(stream, creq, leftover, peer).await;
        return Ok(());
    }
    if request.method != "GET" && request.method != "HEAD" {
        return respond(&mut stream, 405, "text/plain", b"only GET").await;
    }
    let accepted = Accepted::parse(request.header("accept-encoding"));
    match web_root.and_then(|root| find(root, &request.path, accepted)) {
        Some((file, encoding)) => {
            let body = tokio::fs::read(&file).await?;
            let path = request.path.split(['?', '#']).next().unwrap_or("/");
            let validator = Validator::of(path, &body);
            let mut head = format!("Vary: Accept-Encoding\r\n{}", validator.headers());
            if let Some(e) = encoding {
                head.push_str(&format!("Content-Encoding: {e}\r\n"));
            }
            let status = if validator.matches(request.header("if-none-match")) {
                304
            } else {
                200
            };
            let send_body = status == 200 && request.method != "HEAD";
            respond_with(
                &mut stream,
                status,
                content_type(&request.path),
                &head,
                &body,
                send_body,
            )
            .await
        }
        None if request.path == "/" || request.path.starts_with("/?") => {
            respond(
                &mut stream,
                200,
                "text/html; charset=utf-8",
                NOT_BUILT.as_bytes(),
            )
            .await
        }
        None => respond(&mut stream, 404, "text/plain", b"not found").await,
    }
}

const NOT_BUILT: &str = "<!doctype html><meta charset=utf-8><title>Threshold</title>\
<h1>Threshold</h1><p>This server runs, but its web client is not built. On the server, run \
<code>web/build.sh</code> and restart <code>threshold serve</code>; or join from the desktop \
client.</p>";

struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
}

impl Request {
    fn parse(head: &str) -> Self {
        let mut lines = head.split("\r\n");
        let mut first = lines.next().unwrap_or_default().split(' ');
        let method = first.next().unwrap_or_default().to_string();
        let path = first.next().unwrap_or("/").to_string();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Self {
            method,
            path,
            headers,
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The compressed copies a request's `Accept-Encoding` lets the server send.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Accepted {
    brotli: bool,
    gzip: bool,
}

impl Accepted {
    /// Reads `Accept-Encoding` (RFC 9110 12.5.3): a coding is accepted unless its weight is
    /// zero; `*` accepts every coding not named.
    fn parse(header: Option<&str>) -> Self {
        let mut named = HashMap::new();
        for item in header.unwrap_or_default().split(',') {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            if coding.is_empty() {
                continue;
            }
            let weight = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .filter_map(|q| q.trim().parse::<f32>().ok())
                .next()
                .unwrap_or(1.0);
            named.insert(coding, weight > 0.0);
        }
        let any = named.get("*").copied().unwrap_or(false);
        let takes = |c: &str| named.get(c).copied().unwrap_or(any);
        Self {
            brotli: takes("br"),
            gzip: takes("gzip") || named.get("x-gzip").copied().unwrap_or(false),
        }
    }
}

/// The cache headers of a file: a name with a content hash in it never changes (cached for a
/// year); anything else is revalidated each time by a strong ETag of the bytes sent.
enum Validator {
    Immutable,
    ETag(String),
}

impl Validator {
    fn of(path: &str, body: &[u8]) -> Self {
        let name = path.rsplit('/').next().unwrap_or_default();
        if content_hashed(name) {
            return Self::Immutable;
        }
        let digest = ring::digest::digest(&ring::digest::SHA256, body);
        let hex: String = digest.as_ref()[..12]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Self::ETag(format!("\"{hex}\""))
    }

    fn headers(&self) -> String {
        match self {
            Self::Immutable => "Cache-Control: public, max-age=31536000, immutable\r\n".into(),
            Self::ETag(tag) => format!("Cache-Control: no-cache\r\nETag: {tag}\r\n"),
        }
    }

    /// Whether `If-None-Match` names this version (a 304 then).
    fn matches(&self, if_none_match: Option<&str>) -> bool {
        let (Self::ETag(tag), Some(header)) = (self, if_none_match) else {
            return false;
        };
        header
            .split(',')
            .map(str::trim)
            .any(|t| t == "*" || t == tag || t.strip_prefix("W/") == Some(tag.as_str()))
    }
}

/// Whether a file name carries a content hash as `web/build.sh` writes it: a `-` and 16
/// lowercase hex digits before the first `.` or `_` that follows (`threshold-0123456789abcdef.js`,
/// `threshold-0123456789abcdef_bg.wasm`).
fn content_hashed(name: &str) -> bool {
    name.split(['.', '_'])
        .next()
        .and_then(|stem| stem.rsplit_once('-'))
        .is_some_and(|(_, h)| {
            h.len() == 16
                && h.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
}

/// The file for a request path inside `root` (never outside it), preferring a brotli copy,
/// then a gzip one, as the request accepts them.
fn find(root: &Path, path: &str, accepted: Accepted) -> Option<(PathBuf, Option<&'static str>)> {
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let relative = if path == "/" {
        "index.html"
    } else {
        path.trim_start_matches('/')
    };
    let relative = Path::new(relative);
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let file = root.join(relative);
    let copies = [(accepted.brotli, "br", "br"), (accepted.gzip, "gz", "gzip")];
    for (wanted, suffix, coding) in copies {
        let mut copy = file.clone().into_os_string();
        copy.push(".");
        copy.push(suffix);
        let copy = PathBuf::from(copy);
        if wanted && copy.is_file() {
            return Some((copy, Some(coding)));
        }
    }
    file.is_file().then_some((file, None))
}

fn content_type(path: &str) -> &'static str {
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let ext = if path == "/" {
        "html"
    } else {
        path.rsplit('.').next().unwrap_or_default()
    };
    match ext {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "ron" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// A short answer that is never cached (errors, tokens, the not-built page).
async fn respond<S: AsyncWrite + Unpin>(
    stream: &mut S,
    status: u16,
    content_type: &str,
    body: &[u8],
) -> std::io::Result<()> {
    respond_with(
        stream,
        status,
        content_type,
        "Cache-Control: no-cache\r\n",
        body,
        true,
    )
    .await
}

/// An answer with the given extra header lines (each ending in CRLF). `Content-Length` is the
/// body's even when the body is not sent (HEAD); a 304 has none.
async fn respond_with<S: AsyncWrite + Unpin>(
    stream: &mut S,
    status: u16,
    content_type: &str,
    headers: &str,
    body: &[u8],
    send_body: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Request Header Fields Too Large",
    };
    // A 304 carries no Content-Length (RFC 9110 15.4.5: it would describe the 200's body,
    // which some clients then wait for).
    let length = if status == 304 {
        String::new()
    } else {
        format!("Content-Length: {}\r\n", body.len())
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n{length}{headers}Connection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await?;
    if send_body {
        stream.write_all(body).await?;
    }
    stream.shutdown().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_web_root() {
        let root = std::env::temp_dir();
        let all = Accepted {
            brotli: true,
            gzip: true,
        };
        assert!(find(&root, "/../etc/passwd", all).is_none());
        assert!(find(&root, "/a/../../b", all).is_none());
        assert_eq!(content_type("/threshold_bg.wasm"), "application/wasm");
        assert_eq!(content_type("/?code=ABC"), "text/html; charset=utf-8");
    }

    #[test]
    fn the_best_copy_the_browser_accepts_is_sent() {
        let parse = |h| Accepted::parse(Some(h));
        let both = Accepted {
            brotli: true,
            gzip: true,
        };
        assert_eq!(parse("gzip, deflate, br, zstd"), both);
        assert_eq!(
            parse("gzip;q=1.0, br;q=0"),
            Accepted {
                brotli: false,
                gzip: true
            }
        );
        assert_eq!(parse("*"), both);
        assert_eq!(
            parse("*, gzip;q=0"),
            Accepted {
                brotli: true,
                gzip: false
            }
        );
        assert_eq!(Accepted::parse(None), Accepted::default());
        assert_eq!(parse("identity"), Accepted::default());

        let root = std::env::temp_dir().join(format!("threshold-front-{}", std::process::id()));
        std::fs::create_dir_all(&root).unwrap();
        for name in ["m.wasm", "m.wasm.gz", "m.wasm.br", "p.js", "p.js.gz"] {
            std::fs::write(root.join(name), name).unwrap();
        }
        let sent = |path, accepted| {
            find(&root, path, accepted).map(|(f, e)| {
                let name = f.file_name().unwrap().to_string_lossy().into_owned();
                (name, e)
            })
        };
        let gzip = Accepted {
            brotli: false,
            gzip: true,
        };
        assert_eq!(
            sent("/m.wasm", both),
            Some(("m.wasm.br".into(), Some("br")))
        );
        assert_eq!(
            sent("/m.wasm", gzip),
            Some(("m.wasm.gz".into(), Some("gzip")))
        );
        assert_eq!(
            sent("/m.wasm", Accepted::default()),
            Some(("m.wasm".into(), None))
        );
        // No brotli copy: gzip, then the file itself.
        assert_eq!(sent("/p.js", both), Some(("p.js.gz".into(), Some("gzip"))));
        assert_eq!(sent("/absent.js", both), None);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn hashed_names_are_kept_and_the_page_is_revalidated() {
        assert!(content_hashed("threshold-0123456789abcdef.js"));
        assert!(content_hashed("threshold-0123456789abcdef_bg.wasm"));
        assert!(!content_hashed("threshold.js"));
        assert!(!content_hashed("index.html"));
        assert!(!content_hashed("threshold-0123456789ABCDEF.js"));
        assert!(!content_hashed("threshold-0123.js"));
        assert!(matches!(
            Validator::of("/threshold-0123456789abcdef_bg.wasm", b"x"),
            Validator::Immutable
        ));

        let page = Validator::of("/index.html", b"<!doctype html>");
        let Validator::ETag(tag) = &page else {
            panic!("the page has no ETag");
        };
        assert!(page.headers().contains("no-cache"));
        assert!(page.matches(Some(tag)));
        assert!(page.matches(Some(&format!("\"other\", {tag}"))));
        assert!(page.matches(Some(&format!("W/{tag}"))));
        assert!(page.matches(Some("*")));
        assert!(!page.matches(None));
        // Another version of the page: another tag, downloaded again.
        let Validator::ETag(other) = Validator::of("/", b"<!doctype html>!") else {
            panic!("the page has no ETag");
        };
        assert_ne!(&other, tag);
        assert!(!page.matches(Some(&other)));
    }

    #[test]
    fn request_heads_are_read_loosely() {
        let r = Request::parse("GET /x?code=K HTTP/1.1\r\nUpgrade: WebSocket\r\nHost: h\r\n\r\n");
        assert_eq!(r.method, "GET");
        assert_eq!(r.path, "/x?code=K");
        assert_eq!(r.header("upgrade"), Some("WebSocket"));
    }
}
