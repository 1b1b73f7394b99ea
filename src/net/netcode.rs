//! What both ends of a renet2 netcode link must agree on: the protocol id, the socket ids
//! and renet's budget. Shared by the server, the native client and the browser client.

use renet2::ConnectionConfig;

use super::protocol::{MAX_CLIENT_MESSAGE, PROTOCOL_VERSION};

/// Netcode's protocol id: clients of another protocol version cannot even connect.
pub const NETCODE_PROTOCOL_ID: u64 = 0x7468_7265_7368_0000 + PROTOCOL_VERSION as u64;
/// The netcode socket ids of a server listening on an address.
pub const UDP_SOCKET: usize = 0;
pub const WEBSOCKET_SOCKET: usize = 1;

/// renet's settings on both ends. A seat's view can be larger than renet's default budget of
/// bytes per tick, and over WebSocket (where renet leaves reliability to the socket) a
/// message larger than the budget would never leave: the budget fits the largest message.
pub fn connection_config() -> ConnectionConfig {
    ConnectionConfig {
        // Large enough for any message (a scenario sent to create an exercise is the largest).
        available_bytes_per_tick: 2 * MAX_CLIENT_MESSAGE as u64,
        ..ConnectionConfig::test()
    }
}

/// What the user typed is not a server address; `detail` is the parser's or resolver's own
/// words.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "`{address}` is not a server address (HOST:PORT, ws://HOST:PORT, or https:// or wss:// for a server with TLS): {detail}"
)]
pub struct NotAnAddress {
    pub address: String,
    pub detail: String,
}

impl NotAnAddress {
    /// The same in words each language renders (the detail stays as it came).
    pub fn phrase(&self) -> crate::i18n::Phrase {
        crate::say!(
            "`{0}` is not a server address (HOST:PORT, ws://HOST:PORT, or https:// or wss:// for a server with TLS): {1}",
            crate::i18n::Arg::id(self.address.clone()),
            crate::i18n::Arg::id(self.detail.clone())
        )
    }
}
