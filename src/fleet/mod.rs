//! What fleets script and keytool lacks: certificate bundles imported in one call with alias
//! templates, idempotent edits, machine-readable listings and hygiene checks.

mod bundle;
mod check;
mod describe;
mod ensure;
mod finding;
mod json;
mod pem_key;
mod report;
mod scan;
mod template;

pub use bundle::{Bundle, BundleItem, BundleOutcome, BundlePlan, read_bundle};
pub use check::{check_certificates, check_store};
pub use describe::{
    SCHEMA, certificate_json, certificates_json, error_json, error_kind, request_json, rfc3339,
    store_json,
};
pub use ensure::{KeyRequirement, TrustedState, key_mismatch, same_entry, trusted_state};
pub use finding::{CertRecord, CheckPolicy, Finding, FindingCode, Severity};
pub use json::Json;
pub use pem_key::{PemIdentity, private_key_pem, read_pem_identity};
pub use report::{
    check_json, check_nagios, check_prometheus, check_status, check_text, nagios_exit_code,
};
pub use scan::{CheckedFile, check_file, check_files, find_files};
pub use template::AliasTemplate;
