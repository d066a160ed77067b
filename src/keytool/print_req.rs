//! `-printcertreq`: a PKCS#10 request as keytool shows it.

use std::fmt::Write as _;

use crate::csr::CertificateRequest;
use crate::keytool::policy;
use crate::keytool::print_ext::extensions_text;
use crate::keytool::style::Style;

/// The text keytool prints for a certificate request.
pub fn request_text(req: &CertificateRequest, style: &Style) -> String {
    let info = req.inspect();
    let sig = &policy::signature_display(&info.signature_algorithm_name, style.release);
    let mut text = format!(
        "PKCS #10 Certificate Request (Version 1.0)\nSubject: {}\nFormat: X.509\nPublic Key: {}\nSignature algorithm: {}\n",
        info.subject,
        policy::key_text(&info.public_key, style.release),
        policy::labelled(sig, policy::signature_strength(sig, false)),
    );
    text.push_str(&extensions_text(
        "Extension Request:",
        &info.extensions,
        style,
    ));
    for attr in &info.attributes {
        let values: Vec<String> = attr.values.iter().map(|d| format!("{d:02X?}")).collect();
        let _ = writeln!(text, "Attribute: {}\n{}", attr.oid, values.join(", "));
    }
    text
}
