//! The scenario format (RON): schema, the one loader, and validation.

mod load;
pub mod schema;
pub mod validate;

pub use load::{line_col, load_file, parse, Diagnostic, ScenarioErrors, MAX_NESTING, MAX_SCENARIO_BYTES};
pub use schema::*;
pub use validate::power_for;
