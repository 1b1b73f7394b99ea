//! Threshold: a multiplayer cyber-diplomacy crisis simulation on Bevy's ECS.
//!
//! - [`scenario`]: the RON scenario format, its loader and validator.
//! - [`sim`]: the rules, as a deterministic headless ECS simulation.
//! - [`bots`]: computer players for any seat.
//! - [`play`]: headless play, replay and scenario balance.
//! - [`report`]: the after-action report.

pub mod bots;
pub mod play;
pub mod report;
pub mod scenario;
pub mod sim;
