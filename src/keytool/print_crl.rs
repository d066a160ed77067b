//! `-printcrl`: a CRL as keytool prints it (`X509CRLImpl.toString` with the algorithm's
//! policy label), and which keystore entry verifies it.

use std::fmt::Write as _;

use crate::crl::{Crl, RevocationReason, RevokedCertificate};
use crate::extension::Extension;
use crate::keytool::order::enumeration_order;
use crate::keytool::policy::{self, labelled};
use crate::keytool::print_ext::{known_text, unknown_text};
use crate::keytool::style::Style;
use crate::keytool::text::{debug_hex, hex_dump, java_date, pss_parameters};
use crate::keytool::trust::Warnings;
use crate::store::KeyStore;

/// The CRL as `keytool -printcrl` prints it (without the verification lines that follow,
/// see [`crl_verification`]).
pub fn crl_text(crl: &Crl, style: &Style) -> String {
    let zone = &style.zone;
    let name = crl.signature_algorithm_name();
    let mut shown = labelled(&name, policy::signature_strength(&name, false));
    if let Some(params) = crl.signature_algorithm_known().and_then(pss_parameters) {
        shown = format!("{shown}, {params}");
    }
    let mut s = format!("X.509 CRL v{}\n", crl.version());
    let _ = writeln!(
        s,
        "Signature Algorithm: {shown}, OID={}",
        crl.signature_algorithm()
    );
    let _ = writeln!(s, "Issuer: {}", crl.issuer());
    let _ = writeln!(s, "\nThis Update: {}", java_date(crl.this_update(), zone));
    if let Some(next) = crl.next_update() {
        let _ = writeln!(s, "Next Update: {}", java_date(next, zone));
    }
    if crl.revoked().is_empty() {
        s.push_str("\nNO certificates have been revoked\n");
    } else {
        let _ = write!(s, "\nRevoked Certificates: {}", crl.revoked().len());
        for (i, entry) in crl.revoked().iter().enumerate() {
            let _ = write!(s, "\n[{}] {}", i + 1, entry_text(entry, style));
        }
    }
    if !crl.extensions().is_empty() {
        let _ = write!(s, "\nCRL Extensions: {}", crl.extensions().len());
        for (i, text) in sorted(crl.extensions(), style).iter().enumerate() {
            let _ = write!(s, "\n[{}]: {text}", i + 1);
        }
    }
    let _ = write!(s, "\nSignature:\n{}\n", hex_dump(crl.signature()));
    s.push('\n');
    s
}

fn entry_text(entry: &RevokedCertificate, style: &Style) -> String {
    let serial: Vec<String> = entry
        .serial
        .as_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut s = format!(
        "SerialNumber: {}  On: {}",
        serial.join(":"),
        java_date(entry.revoked, &style.zone)
    );
    if !entry.extensions.is_empty() {
        let _ = write!(s, "\n    CRL Entry Extensions: {}", entry.extensions.len());
        for (i, text) in sorted(&entry.extensions, style).iter().enumerate() {
            let _ = write!(s, "\n    [{}]: {text}", i + 1);
        }
    }
    s.push('\n');
    s
}

/// The extensions' texts in Java's map order: known ones by name, others by OID.
fn sorted(exts: &[Extension], style: &Style) -> Vec<String> {
    let mut items: Vec<(String, String)> = exts.iter().map(|e| extension_text(e, style)).collect();
    items.sort_by(|a, b| a.0.cmp(&b.0));
    items.into_iter().map(|(_, text)| text).collect()
}

/// `(Java's map key, text)` of a CRL or CRL entry extension.
fn extension_text(e: &Extension, style: &Style) -> (String, String) {
    let header = format!("ObjectId: {} Criticality={}\n", e.oid(), e.is_critical());
    let value = e.value_der().unwrap_or_default();
    let oid = e.oid().to_string();
    let number = |label: &str| {
        integer_content(&value).map(|n| format!("{header}{label}: {}\n", debug_hex(n)))
    };
    let crl_specific = match oid.as_str() {
        "2.5.29.21" => reason_code(&value).map(|code| {
            let name = RevocationReason::from_code(code).java_name();
            ("ReasonCode", format!("{header}    Reason Code: {name}"))
        }),
        "2.5.29.20" => number("CRL Number").map(|t| ("CRLNumber", t)),
        "2.5.29.27" => number("Base CRL Number").map(|t| ("DeltaCRLIndicator", t)),
        _ => None,
    };
    if let Some((key, text)) = crl_specific {
        return (key.to_owned(), text);
    }
    if let Some((key, text)) = known_text(e, &style.zone) {
        return (key.to_owned(), format!("{header}{text}"));
    }
    let text = unknown_text(e);
    (oid, text)
}

fn reason_code(value: &[u8]) -> Option<i64> {
    match value {
        [0x0A, 1, b] => Some(i64::from(i8::from_be_bytes([*b]))),
        [0x0A, n, rest @ ..] if usize::from(*n) == rest.len() && rest.len() <= 8 => {
            let init: i64 = if rest[0] & 0x80 != 0 { -1 } else { 0 };
            Some(rest.iter().fold(init, |a, b| (a << 8) | i64::from(*b)))
        }
        _ => None,
    }
}

fn integer_content(value: &[u8]) -> Option<&[u8]> {
    let (&tag, rest) = value.split_first()?;
    let (&len, content) = rest.split_first()?;
    (tag == 0x02 && usize::from(len) == content.len() && len < 0x80).then_some(content)
}

/// keytool's lines after a printed CRL: which entry's key verifies it (`cacerts` first when
/// `-trustcacerts` gives it, then the keystore), or the warning that none does; and the
/// policy warnings about the CRL's algorithm and the verifying key.
pub fn crl_verification(
    crl: &Crl,
    store: Option<&KeyStore>,
    cacerts: Option<&KeyStore>,
    warnings: &mut Warnings,
) -> String {
    let found = [(cacerts, "cacerts"), (store, "keystore")]
        .into_iter()
        .find_map(|(ks, label)| verifier(crl, ks?).map(|(alias, key)| (alias, key, label)));
    let name = crl.signature_algorithm_name();
    warnings.weak_signature("The CRL", &name, policy::signature_strength(&name, false));
    match found {
        Some((alias, key, label)) => {
            let text = policy::key_text(&key, warnings.release());
            warnings.weak_key(
                "The CRL",
                &policy::key_description(&key, warnings.release()),
                policy::key_strength(&key),
            );
            format!("Verified by {alias} in {label} with a {text}\n")
        }
        None => {
            let hint = if cacerts.is_some() {
                "WARNING: not verified. Make sure -keystore is correct."
            } else {
                "WARNING: not verified. Make sure -keystore is correct or specify -trustcacerts."
            };
            let stars = "*******************************************";
            format!("{stars}\n{hint}\n{stars}\n\n\n")
        }
    }
}

/// keytool's `verifyCRL`: the first alias, in keytool's order, whose certificate's subject
/// issued the CRL and whose key verifies it.
fn verifier(crl: &Crl, store: &KeyStore) -> Option<(String, crate::inspect::PublicKeyInfo)> {
    enumeration_order(store).into_iter().find_map(|alias| {
        let cert = store.get(&alias)?.certificate()?;
        if !crl.is_signed_by(cert) {
            return None;
        }
        Some((alias, cert.public_key().ok()?))
    })
}
