//! keytool's semantics, for any program: its texts (`-list`, `-list -v`, `-rfc`,
//! `-printcert`, `-printcertreq`), Java's date and hex formats, the JDK algorithm policy and
//! its warnings, `-startdate` and `-ext` syntax, Java's alias orders, CA-reply installation,
//! `-importkeystore`'s password rules, and keytool's command line. The `keytool` example is a
//! shell around this module.
//!
//! ```
//! use javakeystore::keytool::{self, Detail, Style, Trust, Warnings};
//! use javakeystore::KeyStore;
//! # fn main() -> Result<(), javakeystore::Error> {
//! # let dir = env!("CARGO_MANIFEST_DIR");
//! let store = KeyStore::load(format!("{dir}/tests/data/corpus/generated/chain.jks"), "changeit")?;
//! let trust = Trust::with_cacerts(Some(&store), None);
//! let mut warnings = Warnings::default();
//! // `keytool -list -v -alias server`, with dates in UTC:
//! let text = keytool::list_text(&store, Some("server"), Detail::Verbose, &trust, &Style::utc(), &mut warnings)?;
//! assert!(text.starts_with("Alias name: server\nCreation date: "));
//! assert!(text.contains("Certificate chain length: 2\nCertificate[1]:\nOwner: "));
//! // The same block for one certificate, as `-printcert` shows it:
//! let cert = store.get("server").and_then(|e| e.certificate()).expect("a certificate");
//! let block = keytool::certificate_text(cert, &trust, &Style::utc());
//! assert!(block.contains("Signature algorithm name: SHA256withRSA\n"));
//! # Ok(()) }
//! ```

mod cli;
mod command;
mod ext_syntax;
mod gencrl;
mod genkey;
mod help;
mod home;
mod import;
mod import_store;
mod keyalg;
mod list;
mod order;
mod pkcs12_props;
mod policy;
mod print_cert;
mod print_crl;
mod print_ext;
mod print_object;
mod print_req;
mod prompt;
mod providers;
mod reply;
mod showinfo;
#[cfg(feature = "tls-fetch")]
mod sslserver;
mod startdate;
mod style;
mod text;
mod trust;
mod zone;

pub use crate::kind::Release;
pub use cli::{Options, Secret, parse_args, parse_args_in};
pub use command::Command;
pub use ext_syntax::{extension_oid, honored, parse_ext};
pub use gencrl::{crl_params, parse_revocation};
pub use genkey::{Generating, algorithm_exception, choose_signature, generating_text};
pub use help::{help_text, version_text};
pub use home::account_home;
pub use import::{TrustDecision, certificate_alias, trust_decision};
pub use import_store::{
    SourceKey, backup_path, check_key_password, destination_key_password, pkcs12_password_mismatch,
    source_key,
};
pub use keyalg::{KeyChoice, choose_key, failed_choice_warning};
pub use list::{Detail, NO_INTEGRITY_BANNER, NO_INTEGRITY_BANNER_SOURCE, list_text, provider};
pub use order::{enumeration_order, java_compare, list_order};
pub use pkcs12_props::{Pkcs12Properties, UnknownPkcs12Property, pkcs12_properties};
pub use policy::{
    Strength, key_description, key_strength, key_text, labelled, signature_display,
    signature_strength,
};
pub use print_cert::{NO_CERTIFICATE_FROM_SERVER, certificate_text, server_chain_text};
pub use print_crl::{crl_text, crl_verification};
pub use print_ext::{extensions_text, general_name};
pub use print_object::certificate_object_text;
pub use print_req::request_text;
pub use prompt::{
    DNAME_NO_FIELD, DNAME_QUESTIONS, dname_answer, dname_from_answers, dname_preamble,
};
pub use providers::{ProviderRefusal, check_providers};
pub use reply::{ReplyPlan, install_reply, order_reply, plan_reply};
pub use showinfo::{TLS_CIPHER_SUITES, TLS_PROTOCOLS, showinfo_text};
#[cfg(feature = "tls-fetch")]
pub use sslserver::fetch_options;
pub use startdate::start_date;
pub use style::Style;
pub use text::{colon_hex, grouped, hex_dump, java_date, medium_date, pem, pem_for};
pub use trust::{Trust, Warnings};
pub use zone::Zone;
