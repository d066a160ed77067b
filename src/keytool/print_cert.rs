//! keytool's `printX509Cert`: the block `-list -v`, `-printcert` and the trust prompts show
//! for one certificate.

use crate::cert::Certificate;
use crate::keytool::policy;
use crate::keytool::print_ext::extensions_text;
use crate::keytool::text::{colon_hex, java_date};
use crate::keytool::trust::Trust;
use crate::keytool::zone::Zone;

/// The block keytool prints for one certificate: owner, issuer, serial, validity,
/// fingerprints, algorithms (with the policy's weak/disabled labels), version, extensions.
pub fn certificate_text(cert: &Certificate, trust: &Trust<'_>, zone: &Zone) -> String {
    let Ok(info) = cert.inspect() else {
        return "Certificate could not be parsed\n".into();
    };
    let sig_name = match trust.signature(cert, Some(cert)) {
        Some((name, s)) => policy::labelled(&name, s),
        None => info.signature_algorithm_name.clone(),
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
        policy::key_text(&info.public_key),
        info.version,
    );
    out.push_str(&extensions_text("Extensions: ", &info.extensions, zone));
    out
}
