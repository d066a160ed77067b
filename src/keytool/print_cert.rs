//! keytool's `printX509Cert`: the block `-list -v`, `-printcert` and the trust prompts show
//! for one certificate.

use crate::cert::Certificate;
use crate::keytool::policy;
use crate::keytool::print_ext::extensions_text;
use crate::keytool::style::Style;
use crate::keytool::text::{colon_hex, java_date};
use crate::keytool::trust::Trust;

/// The block keytool prints for one certificate: owner, issuer, serial, validity,
/// fingerprints, algorithms (with the policy's weak/disabled labels), version, extensions.
pub fn certificate_text(cert: &Certificate, trust: &Trust<'_>, style: &Style) -> String {
    let Ok(info) = cert.inspect() else {
        return "Certificate could not be parsed\n".into();
    };
    let zone = &style.zone;
    let shown = policy::signature_display(&info.signature_algorithm_name, style.release);
    let sig_name = match trust.signature(cert, Some(cert)) {
        Some((_, s)) => policy::labelled(&shown, s),
        None => shown,
    };
    let mut out = format!(
        "Owner: {}\nIssuer: {}\nSerial number: {}\nValid from: {} until: {}\n\
         Certificate fingerprints:\n\t SHA1: {}\n\t SHA256: {}\n\
         Signature algorithm name: {sig_name}\nSubject Public Key Algorithm: {}\nVersion: {}\n",
        info.subject,
        info.issuer,
        info.serial.to_java_hex(),
        java_date(info.not_before, zone),
        java_date(info.not_after, zone),
        colon_hex(&info.sha1),
        colon_hex(&info.sha256),
        policy::key_text(&info.public_key, style.release),
        info.version,
    );
    out.push_str(&extensions_text("Extensions: ", &info.extensions, style));
    out
}

/// keytool's `-printcert -sslserver` text: `Certificate #0`, a rule and the certificate's
/// block for each, or with `rfc` the PEM of each.
pub fn server_chain_text(
    chain: &[Certificate],
    rfc: bool,
    trust: &Trust<'_>,
    style: &Style,
) -> String {
    let mut out = String::new();
    for (i, cert) in chain.iter().enumerate() {
        if rfc {
            out.push_str(&crate::keytool::text::pem_for(
                "CERTIFICATE",
                cert.as_der(),
                style.release,
            ));
        } else {
            out.push_str(&format!(
                "Certificate #{i}\n====================================\n"
            ));
            out.push_str(&certificate_text(cert, trust, style));
            out.push('\n');
        }
    }
    out
}

/// keytool's error when no chain came back, whatever the cause (shown under `-v`).
pub const NO_CERTIFICATE_FROM_SERVER: &str =
    "java.lang.Exception: No certificate from the SSL server";
