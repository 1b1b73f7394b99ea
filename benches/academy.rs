//! Benchmark, not a test: how long a semester's server takes to start, and the memory it
//! holds. A store of 2,000 exercises of the Estonia scenario (200 started and running, the
//! other 1,800 not running, each with three students who joined) is written once into the
//! system's temporary directory; the resident memory of a hub started from it is measured, then
//! with every exercise brought into memory (what a server that kept everything would hold),
//! then three starts are timed.
//!
//! `cargo bench --bench academy`. The store is about 280 MB (each exercise keeps its
//! scenario's text).

use std::path::PathBuf;
use std::time::Instant;

use threshold::net::hub::Hub;
use threshold::net::protocol::{ClientMessage, ControlAction, ServerMessage};
use threshold::store::Store;

const STORED: usize = 2000;
const RUNNING: usize = 200;
const ADDR: &str = "10.0.0.1";

/// Resident memory of this process, in MiB (Linux).
fn resident_mib() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / (1024.0 * 1024.0)
}

/// Writes the store unless a complete one is there; the codes of its exercises.
fn store(dir: &PathBuf) -> Vec<String> {
    if let Ok(s) = Store::open(dir)
        && s.exercise_count().unwrap_or(0) as usize == STORED
    {
        return s.catalogue().unwrap().into_iter().map(|c| c.code).collect();
    }
    let _ = std::fs::remove_dir_all(dir);
    let source = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios/estonia_2007.ron"),
    )
    .expect("the Estonia scenario");
    let made = Instant::now();
    let mut hub = Hub::with_store(1, Store::open(dir).expect("store")).expect("hub");
    let mut codes = Vec::new();
    hub.begin_batch().unwrap();
    for i in 0..STORED {
        let create = ClientMessage::CreateExercise {
            scenario_file: "estonia_2007.ron".into(),
            scenario_source: source.clone(),
            seed: Some(i as u64),
            session: None,
        };
        let ServerMessage::Created {
            code,
            instructor_key,
        } = hub.handle(ADDR, 0, create).reply
        else {
            panic!("created");
        };
        for name in ["Amal", "Bilal", "Chiara"] {
            let join = ClientMessage::Join {
                code: code.clone(),
                name: name.into(),
            };
            hub.handle(ADDR, 0, join);
        }
        if i < RUNNING {
            let start = ClientMessage::Control {
                code: code.clone(),
                key: instructor_key,
                action: ControlAction::Start,
            };
            hub.handle(ADDR, 0, start);
        }
        codes.push(code);
        if i % 100 == 99 {
            hub.commit_batch().unwrap();
            hub.begin_batch().unwrap();
        }
    }
    hub.commit_batch().unwrap();
    println!(
        "wrote {STORED} exercises in {:.1} s",
        made.elapsed().as_secs_f64()
    );
    codes
}

fn main() {
    let dir = std::env::temp_dir().join("threshold-bench-academy-store");
    let codes = store(&dir);
    let size = std::fs::metadata(dir.join("threshold.db"))
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "store: {STORED} exercises, {RUNNING} running, {:.0} MB",
        size as f64 / 1e6
    );
    // Memory first, in a process that has held no hub yet (a later start reuses the memory
    // an earlier one freed).
    let before = resident_mib();
    let mut hub = Hub::with_store(0, Store::open(&dir).expect("store")).expect("starts");
    let after = resident_mib();
    println!(
        "memory: {} of {} exercises in memory, +{:.0} MiB resident",
        hub.loaded_count(),
        hub.exercise_count(),
        after - before
    );
    let all = Instant::now();
    for code in &codes {
        hub.handle(ADDR, 0, ClientMessage::Status { code: code.clone() });
    }
    println!(
        "every exercise brought into memory (as a server that kept them all would hold): {:.2} s, +{:.0} MiB resident more",
        all.elapsed().as_secs_f64(),
        resident_mib() - after
    );
    drop(hub);
    for run in 1..=3 {
        let started = Instant::now();
        let hub = Hub::with_store(run, Store::open(&dir).expect("store")).expect("starts");
        println!(
            "start {run}: {:.2} s, {} of {} exercises in memory",
            started.elapsed().as_secs_f64(),
            hub.loaded_count(),
            hub.exercise_count(),
        );
    }
}
