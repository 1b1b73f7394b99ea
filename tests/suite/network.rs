//! The real binary over loopback UDP: a server, an exercise, bots on every seat; the server
//! is killed (SIGKILL) at turn 2 and restarted on the same data dir; the bots reconnect by
//! themselves, the exercise finishes, and its final hash equals a headless replay of its
//! journal. A second test plays an exercise to its end over loopback WebSocket.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::net::UdpSocket;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_threshold");

fn free_addr() -> String {
    let s = UdpSocket::bind("127.0.0.1:0").expect("a free port");
    s.local_addr().expect("addr").to_string()
}

fn serve(addr: &str, dir: &std::path::Path) -> Child {
    serve_with(addr, dir, &["--open"])
}

fn serve_with(addr: &str, dir: &std::path::Path, extra: &[&str]) -> Child {
    let mut child = Command::new(BIN)
        .args(["serve", "--addr", addr, "--data-dir"])
        .arg(dir)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts");
    let out = child.stdout.take().expect("stdout");
    let mut reader = BufReader::new(out);
    let mut line = String::new();
    reader.read_line(&mut line).expect("a first line");
    assert!(line.starts_with("listening on"), "{line}");
    // Keep reading whatever else it prints.
    std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
    child
}

fn run(args: &[&str]) -> String {
    run_with(args, &[])
}

/// `threshold ARGS` with environment variables set; its output, which must say success.
fn run_with(args: &[&str], env: &[(&str, &OsStr)]) -> String {
    let out = Command::new(BIN)
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn field(text: &str, name: &str) -> String {
    crate::common::field(text, name).unwrap_or_default()
}

#[test]
fn bots_play_through_a_kill_9_and_the_result_matches_a_replay() {
    through_a_kill_9("net", false);
}

/// The same on an academy's server: instructors sign in, the server holds a certificate, the
/// command line and the bots connect over UDP with connect tokens fetched over HTTPS. After
/// the kill the instructor signs in again and finds the exercise in "My exercises".
#[test]
fn bots_play_through_a_kill_9_on_a_server_with_accounts_and_tls() {
    through_a_kill_9("net-tls", true);
}

fn through_a_kill_9(name: &str, academy: bool) {
    let dir = std::env::temp_dir().join(format!("threshold-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let addr = free_addr();
    let data = dir.join("data");
    let (cert, key) = crate::common::certificate(&dir.join("tls"));
    let password = dir.join("password");
    let serve_args: Vec<&str> = if academy {
        let added = run(&[
            "instructor",
            "add",
            "teacher",
            "--data-dir",
            data.to_str().expect("utf-8 path"),
        ]);
        let p = field(&added, "password");
        std::fs::write(&password, &p).expect("written");
        vec![
            "--tls-cert",
            cert.to_str().expect("utf-8 path"),
            "--tls-key",
            key.to_str().expect("utf-8 path"),
        ]
    } else {
        vec!["--open"]
    };
    let server_at = if academy {
        format!("https://{addr}")
    } else {
        addr.clone()
    };
    let env: Vec<(&str, &OsStr)> = if academy {
        vec![("THRESHOLD_CA_FILE", cert.as_os_str())]
    } else {
        Vec::new()
    };
    let threshold = |args: &[&str]| run_with(args, &env);
    let mut server = serve_with(&addr, &data, &serve_args);
    let mut create = vec![
        "exercise",
        "create",
        "scenarios/estonia_2007.ron",
        "--server",
        &server_at,
        "--seed",
        "11",
        "--start",
    ];
    let pass = std::fs::read_to_string(&password).unwrap_or_default();
    let with_password = [&env[..], &[("THRESHOLD_PASSWORD", OsStr::new(&pass))]].concat();
    if academy {
        create.extend(["--instructor", "teacher"]);
    }
    let created = run_with(&create, &with_password);
    let code = field(&created, "join code");
    assert_eq!(code.len(), 6);
    assert!(!field(&created, "instructor key").is_empty());
    let mut bots = Command::new(BIN)
        .args([
            "bot",
            "--server",
            &server_at,
            "--code",
            &code,
            "--all-seats",
        ])
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bots start");

    // Kill the server (SIGKILL) once the exercise reaches turn 2.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let status = threshold(&["exercise", "status", &code, "--server", &server_at]);
        if field(&status, "turn").parse::<u32>().unwrap_or(0) >= 2 {
            break;
        }
        assert!(Instant::now() < deadline, "never reached turn 2");
        std::thread::sleep(Duration::from_millis(50));
    }
    server.kill().expect("kill -9");
    server.wait().expect("reaped");
    std::thread::sleep(Duration::from_millis(500));
    let mut server = serve_with(&addr, &data, &serve_args);

    // The bots reconnect by themselves and finish.
    let deadline = Instant::now() + Duration::from_secs(180);
    let exit = loop {
        if let Some(status) = bots.try_wait().expect("bots") {
            break status;
        }
        assert!(Instant::now() < deadline, "bots did not finish");
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut err = String::new();
    if let Some(mut e) = bots.stderr.take() {
        use std::io::Read;
        let _ = e.read_to_string(&mut err);
    }
    assert!(exit.success(), "bots failed: {err}");
    let status = threshold(&["exercise", "status", &code, "--server", &server_at]);
    assert_eq!(field(&status, "ended"), "yes");
    let hash = field(&status, "state-hash");
    if academy {
        // Sign-ins do not outlive the server; the account and the exercise do.
        let listed = run_with(
            &[
                "exercise",
                "list",
                "--server",
                &server_at,
                "--instructor",
                "teacher",
            ],
            &with_password,
        );
        assert!(
            listed
                .lines()
                .any(|l| l.starts_with(&code) && l.contains("ended")),
            "{listed}"
        );
    }
    server.kill().expect("stop");
    let _ = server.wait();

    let journal = dir.join("journal.jsonl");
    run(&[
        "exercise",
        "journal",
        &code,
        "--data-dir",
        data.to_str().expect("utf-8 path"),
        "--out",
        journal.to_str().expect("utf-8 path"),
    ]);
    let replay = run(&["replay", journal.to_str().expect("utf-8 path")]);
    assert_eq!(
        replay.lines().last(),
        Some(format!("state-hash: {hash}").as_str())
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The same binary over loopback WebSocket: bots on every seat of a NATO exercise play it to
/// its end through the HTTP door, and the status read over WebSocket says so.
#[test]
fn bots_play_an_exercise_to_its_end_over_websocket() {
    let dir = std::env::temp_dir().join(format!("threshold-ws-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let addr = free_addr();
    let ws = format!("ws://{addr}");
    let mut server = serve(&addr, &dir);
    let created = run(&[
        "exercise",
        "create",
        "scenarios/nato_article5.ron",
        "--server",
        &ws,
        "--seed",
        "3",
        "--start",
    ]);
    let code = field(&created, "join code");
    let out = Command::new(BIN)
        .args(["bot", "--server", &ws, "--code", &code, "--all-seats"])
        .output()
        .expect("bots run");
    assert!(
        out.status.success(),
        "bots failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let status = run(&["exercise", "status", &code, "--server", &ws]);
    assert_eq!(field(&status, "ended"), "yes");
    assert_eq!(field(&status, "state-hash").len(), 16);
    server.kill().expect("stop");
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&dir);
}
