//! Java's `X509CertImpl.toString()`: the block `keytool -selfcert -v` prints for the new
//! certificate. It is not the `-list -v` layout: the key is shown as Java's key objects show
//! themselves (an RSA modulus in decimal, an EC point's coordinates, raw key bits), and the
//! extensions are numbered in OID order.

use std::fmt::Write as _;

use der::asn1::{ObjectIdentifier, UintRef};
use der::{Decode, Encode};
use x509_cert::spki::SubjectPublicKeyInfoOwned;

use crate::cert::Certificate;
use crate::extension::Extension;
use crate::inspect::{CertificateInfo, DssParms, PublicKeyInfo, RsaPublicKey, curves};
use crate::keytool::policy;
use crate::keytool::print_ext::{known_text, unknown_text};
use crate::keytool::style::Style;
use crate::keytool::text::{debug_hex, decimal, hex_dump, java_date, pss_parameters};
use crate::sign::SignatureAlgorithm;

/// The certificate as Java's `X509CertImpl.toString()` renders it, followed by the new line
/// keytool prints after it.
pub fn certificate_object_text(cert: &Certificate, style: &Style) -> String {
    let (Ok(info), Ok(parsed)) = (cert.inspect(), cert.parsed()) else {
        return "Certificate could not be parsed\n".into();
    };
    let algorithm = algorithm_text(cert, &info, style);
    let mut s = format!(
        "[\n[\n  Version: V{}\n  Subject: {}\n  Signature Algorithm: {algorithm}, OID = {}\n\n  \
         Key:  {}\n  Validity: [From: {},\n               To: {}]\n  Issuer: {}\n  \
         SerialNumber: {}\n",
        info.version,
        info.subject,
        info.signature_algorithm,
        key_text(&info.public_key),
        java_date(info.not_before, &style.zone),
        java_date(info.not_after, &style.zone),
        info.issuer,
        serial_text(info.serial.as_bytes()),
    );
    if !info.extensions.is_empty() {
        let _ = write!(s, "\nCertificate Extensions: {}", info.extensions.len());
        for (i, text) in extension_texts(&info.extensions, style).iter().enumerate() {
            let _ = write!(s, "\n[{}]: {text}", i + 1);
        }
    }
    let signature = parsed.signature().raw_bytes();
    let _ = write!(
        s,
        "\n]\n  Algorithm: [{algorithm}]\n  Signature:\n{}\n]\n",
        hex_dump(signature)
    );
    s
}

/// `AlgorithmId.toString()`: the name, and RSASSA-PSS parameters after a comma.
fn algorithm_text(cert: &Certificate, info: &CertificateInfo, style: &Style) -> String {
    let name = policy::signature_display(&info.signature_algorithm_name, style.release);
    let known = cert.parsed().ok().and_then(|p| {
        let id = p.signature_algorithm();
        let params = id.parameters.as_ref().and_then(|p| p.to_der().ok());
        SignatureAlgorithm::from_identifier(&id.oid, params.as_deref())
    });
    match known.and_then(pss_parameters) {
        Some(params) => format!("{name}, {params}"),
        None => name,
    }
}

/// `Debug.toString(BigInteger)`: the two's-complement bytes, lower-case, colon-separated.
fn serial_text(bytes: &[u8]) -> String {
    let pairs: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
    pairs.join(":")
}

/// The extensions in Java's order for a certificate it made (by OID text), each as
/// `ExtensionType.toString()`.
fn extension_texts(exts: &[Extension], style: &Style) -> Vec<String> {
    let mut items: Vec<(String, String)> = exts
        .iter()
        .map(|e| {
            let header = format!("ObjectId: {} Criticality={}\n", e.oid(), e.is_critical());
            let text = match known_text(e, &style.zone) {
                Some((_, body)) => format!("{header}{body}"),
                None => unknown_text(e),
            };
            (e.oid().to_string(), text)
        })
        .collect();
    items.sort_by(|a, b| a.0.cmp(&b.0));
    items.into_iter().map(|(_, t)| t).collect()
}

/// The public key as its Java class's `toString()` shows it.
fn key_text(key: &PublicKeyInfo) -> String {
    let Ok(spki) = SubjectPublicKeyInfoOwned::from_der(key.der()) else {
        return key.name.clone();
    };
    let bits = spki.subject_public_key.raw_bytes();
    let params = spki.algorithm.parameters.as_ref();
    match key.name.as_str() {
        name @ ("RSA" | "RSASSA-PSS") => {
            let Ok(rsa) = RsaPublicKey::from_der(bits) else {
                return unparsed(&key.name, bits);
            };
            let shown = params
                .and_then(|p| p.to_der().ok())
                .and_then(|p| SignatureAlgorithm::from_identifier(&spki.algorithm.oid, Some(&p)))
                .and_then(pss_parameters)
                .unwrap_or_else(|| "null".into());
            format!(
                "Sun {name} public key, {} bits\n  params: {shown}\n  modulus: {}\n  public exponent: {}",
                key.bits.unwrap_or_default(),
                decimal(rsa.modulus.as_bytes()),
                decimal(rsa.exponent.as_bytes()),
            )
        }
        "EC" => ec_text(key, params.and_then(|p| p.decode_as().ok()), bits),
        "DSA" => {
            let Some(p) = params.and_then(|p| p.decode_as::<DssParms<'_>>().ok()) else {
                return "Sun DSA Public Key\n    Parameters: null\n".to_owned();
            };
            let y = UintRef::from_der(bits).map(|y| positive_hex(y.as_bytes()));
            format!(
                "Sun DSA Public Key\n    Parameters:DSA, \n\tp: {}\n\tq: {}\n\tg: {}\n\n  y:\n{}\n",
                positive_hex(p.p.as_bytes()),
                positive_hex(p.q.as_bytes()),
                positive_hex(p.g.as_bytes()),
                y.unwrap_or_default(),
            )
        }
        name if name.starts_with("ML-") => format!("{name} public key"),
        name => unparsed(name, bits),
    }
}

/// `Debug.toHexString` of an unsigned magnitude (which `debug_hex` reads as two's complement).
fn positive_hex(magnitude: &[u8]) -> String {
    let mut bytes = vec![0];
    bytes.extend_from_slice(magnitude);
    debug_hex(&bytes)
}

/// `X509Key.toString()`, what Java shows for keys without a class of their own (EdDSA, XDH).
fn unparsed(name: &str, bits: &[u8]) -> String {
    format!(
        "algorithm = {name}, unparsed keybits = \n{}",
        hex_dump(bits)
    )
}

fn ec_text(key: &PublicKeyInfo, curve: Option<ObjectIdentifier>, point: &[u8]) -> String {
    let named = curve.and_then(|oid| curves::by_oid(&oid.to_string()));
    let (Some(named), Some((x, y))) = (named, coordinates(point)) else {
        return unparsed(&key.name, point);
    };
    format!(
        "Sun EC public key, {} bits\n  public x coord: {}\n  public y coord: {}\n  parameters: {} ({})",
        named.bits,
        decimal(x),
        decimal(y),
        named.described(),
        named.oid
    )
}

/// The affine coordinates of an uncompressed point (Java writes no other form).
fn coordinates(point: &[u8]) -> Option<(&[u8], &[u8])> {
    let (&0x04, xy) = point.split_first()? else {
        return None;
    };
    (xy.len() % 2 == 0 && !xy.is_empty()).then(|| xy.split_at(xy.len() / 2))
}
