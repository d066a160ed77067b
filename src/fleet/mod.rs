//! What fleets script and keytool lacks: certificate bundles imported in one call with alias
//! templates, idempotent edits, machine-readable listings and hygiene checks.

mod bundle;
mod describe;
mod ensure;
mod json;
mod template;

pub use bundle::{Bundle, BundleItem, BundleOutcome, BundlePlan, read_bundle};
pub use describe::{
    SCHEMA, certificate_json, certificates_json, error_json, error_kind, request_json, rfc3339,
    store_json,
};
pub use ensure::{KeyRequirement, TrustedState, key_mismatch, same_entry, trusted_state};
pub use json::Json;
pub use template::AliasTemplate;
