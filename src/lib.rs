//! Threshold: a multiplayer cyber-diplomacy crisis simulation on Bevy's ECS.
//!
//! - [`scenario`]: the RON scenario format, its loader and validator.
//! - [`sim`]: the rules, as a deterministic headless ECS simulation.
//! - [`bots`]: computer players for any seat.
//! - [`play`]: headless play, replay and scenario balance.
//! - [`report`]: the after-action report.
//! - [`net`]: the protocol and the host of networked exercises.

pub mod bots;
pub mod net;
pub mod play;
pub mod report;
pub mod scenario;
pub mod sim;
pub mod store;
