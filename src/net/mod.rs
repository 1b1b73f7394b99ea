//! Networked exercises: the protocol and the host of many exercises. Transports (renet2 UDP,
//! WebSocket, memory) and storage come on top of these.

pub mod hub;
pub mod protocol;
