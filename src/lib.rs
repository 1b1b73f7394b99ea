//! Threshold: a multiplayer cyber-diplomacy crisis simulation on Bevy's ECS.
//!
//! - [`scenario`]: the RON scenario format, its loader and validator.
//! - [`sim`]: the rules, as a deterministic headless ECS simulation.
//! - [`bots`]: computer players for any seat.
//! - [`play`]: headless play, replay and scenario balance.
//! - [`conductor`]: the game's flow in time (deadlines, pause, ready, computer seats), for
//!   every host.
//! - [`observation`]: observers and evaluators, and what they write.
//! - [`report`]: the after-action report.
//! - [`i18n`]: the one translation table (English and Arabic) and the engine's phrases.
//! - [`net`]: the protocol and the host of networked exercises.
//! - `client`: the desktop and browser interface (bevy_egui), behind the `client` feature.

pub mod bots;
#[cfg(feature = "client")]
pub mod client;
pub mod conductor;
pub mod i18n;
pub mod net;
pub mod observation;
pub mod play;
pub mod report;
pub mod scenario;
pub mod sim;
#[cfg(not(target_arch = "wasm32"))]
pub mod store;
