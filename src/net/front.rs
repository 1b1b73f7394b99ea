//! The server's TCP door, on the same address as its UDP socket: a WebSocket upgrade is
//! answered here and the connection handed to a netcode shard (net/door_socket.rs), and any
//! other request is answered as plain HTTP from the web client's folder (the page, the JS
//! glue and the wasm, precompressed `.gz` files served when the browser accepts gzip).

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;

use super::door_socket::{DoorShard, connection_request};

/// The largest request head the door reads.
const MAX_HEAD: usize = 16 * 1024;
/// How long a client may take to send its request head.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// Accepts connections on `listener` until the runtime stops.
/// Upgrades go to the netcode shards in turn.
pub async fn run(listener: TcpListener, shards: Vec<DoorShard>, web_root: Option<PathBuf>) {
    let web_root = Arc::new(web_root);
    let shards = Arc::new(shards);
    let next = Arc::new(AtomicUsize::new(0));
    while let Ok((stream, _)) = listener.accept().await {
        let web_root = web_root.clone();
        let shards = shards.clone();
        let next = next.clone();
        tokio::spawn(async move {
            let _ = stream.set_nodelay(true);
            let _ = serve(stream, &shards, &next, web_root.as_deref()).await;
        });
    }
}

/// The next shard with room, in turn.
fn pick(shards: &[DoorShard], next: &AtomicUsize) -> Option<DoorShard> {
    (0..shards.len())
        .map(|_| &shards[next.fetch_add(1, Ordering::Relaxed) % shards.len()])
        .find(|s| !s.full())
        .cloned()
}

async fn serve(
    mut stream: TcpStream,
    shards: &[DoorShard],
    next: &AtomicUsize,
    web_root: Option<&Path>,
) -> std::io::Result<()> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 2048];
    let end = loop {
        let n = tokio::time::timeout(HEAD_TIMEOUT, stream.read(&mut buf))
            .await
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::TimedOut))??;
        if n == 0 {
            return Ok(());
        }
        head.extend_from_slice(&buf[..n]);
        if let Some(i) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        if head.len() > MAX_HEAD {
            return respond(
                &mut stream,
                431,
                "text/plain",
                None,
                b"request head too large",
            )
            .await;
        }
    };
    let text = String::from_utf8_lossy(&head[..end]).into_owned();
    let request = Request::parse(&text);
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
                None,
                b"a WebSocket upgrade needs Sec-WebSocket-Key and a connection request (creq)",
            )
            .await;
        };
        let Some(shard) = pick(shards, next) else {
            return respond(&mut stream, 503, "text/plain", None, b"server full").await;
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
        shard.carry(stream, creq, head[end..].to_vec()).await;
        return Ok(());
    }
    if request.method != "GET" && request.method != "HEAD" {
        return respond(&mut stream, 405, "text/plain", None, b"only GET").await;
    }
    let gzip = request
        .header("accept-encoding")
        .is_some_and(|v| v.contains("gzip"));
    match web_root.and_then(|root| find(root, &request.path, gzip)) {
        Some((file, encoding)) => {
            let body = tokio::fs::read(&file).await?;
            let body = if request.method == "HEAD" {
                Vec::new()
            } else {
                body
            };
            respond(
                &mut stream,
                200,
                content_type(&request.path),
                encoding,
                &body,
            )
            .await
        }
        None if request.path == "/" || request.path.starts_with("/?") => {
            respond(
                &mut stream,
                200,
                "text/html; charset=utf-8",
                None,
                NOT_BUILT.as_bytes(),
            )
            .await
        }
        None => respond(&mut stream, 404, "text/plain", None, b"not found").await,
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

/// The file for a request path inside `root` (never outside it), preferring a `.gz` copy.
fn find(root: &Path, path: &str, gzip: bool) -> Option<(PathBuf, Option<&'static str>)> {
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
    if gzip {
        let mut gz = file.clone().into_os_string();
        gz.push(".gz");
        let gz = PathBuf::from(gz);
        if gz.is_file() {
            return Some((gz, Some("gzip")));
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

async fn respond(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    encoding: Option<&str>,
    body: &[u8],
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        503 => "Service Unavailable",
        _ => "Request Header Fields Too Large",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(e) = encoding {
        head.push_str(&format!(
            "Content-Encoding: {e}\r\nVary: Accept-Encoding\r\n"
        ));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body).await?;
    stream.shutdown().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_web_root() {
        let root = std::env::temp_dir();
        assert!(find(&root, "/../etc/passwd", false).is_none());
        assert!(find(&root, "/a/../../b", false).is_none());
        assert_eq!(content_type("/threshold_bg.wasm"), "application/wasm");
        assert_eq!(content_type("/?code=ABC"), "text/html; charset=utf-8");
    }

    #[test]
    fn request_heads_are_read_loosely() {
        let r = Request::parse("GET /x?code=K HTTP/1.1\r\nUpgrade: WebSocket\r\nHost: h\r\n\r\n");
        assert_eq!(r.method, "GET");
        assert_eq!(r.path, "/x?code=K");
        assert_eq!(r.header("upgrade"), Some("WebSocket"));
    }
}
