//! What fleets script and keytool lacks: certificate bundles imported in one call with alias
//! templates, idempotent edits, machine-readable listings and hygiene checks.

mod bundle;
mod ensure;
mod template;

pub use bundle::{Bundle, BundleItem, BundleOutcome, BundlePlan, read_bundle};
pub use ensure::{KeyRequirement, TrustedState, key_mismatch, same_entry, trusted_state};
pub use template::AliasTemplate;
