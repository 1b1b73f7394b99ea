//! Threshold's integration tests: one crate, so the library and its dependencies are linked
//! once. Each module is one part of the house; `common` holds what they share.

mod common;

mod casebook;
mod cli;
#[cfg(feature = "client")]
mod host_and_join;
mod hub;
mod network;
mod properties;
mod scenarios;
mod store;
mod transports;
mod world_reuse;
