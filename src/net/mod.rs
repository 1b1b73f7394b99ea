//! Networked exercises: the protocol and the host of many exercises, and the transports
//! on top (renet2 netcode over UDP, WebSocket and memory), with storage underneath.

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(not(target_arch = "wasm32"))]
pub mod client;
#[cfg(not(target_arch = "wasm32"))]
pub mod door_socket;
#[cfg(not(target_arch = "wasm32"))]
pub mod front;
pub mod hub;
pub mod link;
pub mod netcode;
pub mod protocol;
#[cfg(not(target_arch = "wasm32"))]
pub mod remote_bot;
#[cfg(not(target_arch = "wasm32"))]
pub mod server;
#[cfg(not(target_arch = "wasm32"))]
pub mod tokens;
#[cfg(not(target_arch = "wasm32"))]
pub mod websocket;
