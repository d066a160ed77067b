//! The field procedures' certificate exchange as one run: an inventory of servers and roles,
//! a plan of what goes where, an idempotent `apply` and a `verify` (the `exchange` example
//! is its command line).
//!
//! ```no_run
//! # fn main() -> Result<(), javakeystore::Error> {
//! use javakeystore::exchange::{self, Defaults, Inventory, ServerSpec};
//! let mut cvp = ServerSpec::default();
//! cvp.fqdn = Some("cvp1.example.com".into());
//! cvp.role = Some("cvp".into());
//! cvp.root = Some(r"\\cvp1\c$".into());
//! let inv = Inventory::new(&[cvp], Defaults::default(), std::path::Path::new("."))?;
//! let report = exchange::apply(&inv, &exchange::ApplyOptions::new("exchange-out"));
//! print!("{}", exchange::apply_text(&report));
//! # Ok(()) }
//! ```

mod apply;
mod inventory;
mod matrix;
mod plan;
mod report;

pub use apply::{ApplyOptions, ApplyReport, apply, missing};
pub use inventory::{
    Defaults, EndpointKind, Inventory, PasswordSource, PasswordSpec, Role, Server, ServerSpec,
    relative_path,
};
pub use matrix::{Published, Requirement, TargetKind, requirements, store_path, target_kind};
pub use plan::{Action, Plan, PlanFinding, PlanRow, Problem, plan};
pub use report::{apply_text, plan_json, plan_text};
