//! Networked exercises: the protocol and the host of many exercises. Transports (renet2 UDP,
//! WebSocket, memory) and storage come on top of these.

#[cfg(not(target_arch = "wasm32"))]
pub mod client;
pub mod hub;
pub mod protocol;
#[cfg(not(target_arch = "wasm32"))]
pub mod remote_bot;
#[cfg(not(target_arch = "wasm32"))]
pub mod server;
