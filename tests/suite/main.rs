//! Threshold's integration tests: one crate, so the library and its dependencies are linked
//! once. Each module is one part of the house; `common` holds what they share.

mod common;
/// The load generator's networked seat clients (examples/loadtest), shared, not copied.
#[path = "../../examples/loadtest/fleet.rs"]
mod fleet;

mod academy;
mod casebook;
mod cli;
#[cfg(feature = "client")]
mod host_and_join;
mod hub;
mod meetings;
mod network;
mod properties;
mod real_cases;
mod scenarios;
mod sphere;
mod store;
mod transports;
mod world_reuse;
