//! Any bytes a client sends are decoded without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = threshold::net::protocol::decode_client(data);
});
