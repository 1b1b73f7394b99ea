//! The scenario format (RON): schema, the one loader, and validation.

mod load;
pub mod schema;
pub mod validate;

pub use load::{
    Diagnostic, MAX_NESTING, MAX_SCENARIO_BYTES, ScenarioErrors, line_col, load_file, parse,
};
pub use schema::*;
pub use validate::power_for;
