//! Any message that decodes is handled by the hub without panicking, whatever its contents.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use threshold::net::hub::Hub;
use threshold::net::protocol::{ClientMessage, decode_client};

fn source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/estonia_2007.ron")).unwrap_or_default())
}

fuzz_target!(|data: &[u8]| {
    let mut hub = Hub::new(1);
    let created = hub.handle("fuzz", 0, ClientMessage::CreateExercise { scenario_file: "e.ron".into(), scenario_source: source().to_string(), seed: Some(1) });
    let _ = created;
    // Several messages separated by newlines.
    for (i, chunk) in data.split(|b| *b == b'\n').enumerate() {
        if let Ok(request) = decode_client(chunk) {
            let _ = hub.handle("fuzz", i as u64 * 1000, request.message);
            let _ = hub.tick(i as u64 * 1000);
        }
    }
});
