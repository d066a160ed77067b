//! The JSON of `-format json` (schema 1, documented in the README): stores and their
//! entries, certificates, requests and errors, as stable machine-readable objects.

use crate::cert::Certificate;
use crate::csr::CertificateRequest;
use crate::entry::Entry;
use crate::error::StoreError;
use crate::extension::{Extension, GeneralName};
use crate::fleet::json::Json;
use crate::format::{CertProtection, Integrity, MacAlgorithm, Stored};
use crate::inspect::PublicKeyInfo;
use crate::keytool::{colon_hex, general_name};
use crate::store::KeyStore;
use crate::timestamp::Timestamp;

/// The version of the JSON layout; a change that could break a reader raises it.
pub const SCHEMA: i64 = 1;

/// RFC 3339 in UTC (`2026-12-01T15:04:05Z`; milliseconds when there are any).
pub fn rfc3339(t: Timestamp) -> String {
    jiff::Timestamp::from_millisecond(t.unix_millis())
        .map_or_else(|_| t.unix_millis().to_string(), |j| j.to_string())
}

fn key_json(k: &PublicKeyInfo) -> Json {
    Json::object([
        ("algorithm", Json::str(&k.name)),
        (
            "size",
            k.bits.map_or(Json::Null, |b| Json::Int(i64::from(b))),
        ),
        ("curve", Json::opt_str(k.curve)),
    ])
}

/// Short names of the usual extended key usages; others by dotted OID.
fn eku_name(oid: &crate::oid::Oid) -> String {
    let name = match oid.to_string().as_str() {
        "1.3.6.1.5.5.7.3.1" => "serverAuth",
        "1.3.6.1.5.5.7.3.2" => "clientAuth",
        "1.3.6.1.5.5.7.3.3" => "codeSigning",
        "1.3.6.1.5.5.7.3.4" => "emailProtection",
        "1.3.6.1.5.5.7.3.8" => "timeStamping",
        "1.3.6.1.5.5.7.3.9" => "OCSPSigning",
        "2.5.29.37.0" => "anyExtendedKeyUsage",
        other => return other.to_owned(),
    };
    name.to_owned()
}

fn san_text(g: &GeneralName) -> String {
    match g {
        GeneralName::Dns(d) => format!("DNS:{d}"),
        GeneralName::Ip(ip) => format!("IP:{ip}"),
        GeneralName::Email(e) => format!("EMAIL:{e}"),
        GeneralName::Uri(u) => format!("URI:{u}"),
        other => general_name(other),
    }
}

/// One certificate: subject, issuer, serial, validity, fingerprints, key, signature
/// algorithm, SANs, EKU and basic constraints.
pub fn certificate_json(cert: &Certificate) -> Json {
    let Ok(info) = cert.inspect() else {
        return Json::object([
            ("sha256", Json::str(colon_hex(&cert.sha256_fingerprint()))),
            ("error", Json::str("the certificate cannot be parsed")),
        ]);
    };
    let sans = info
        .subject_alt_names()
        .iter()
        .map(|g| Json::str(san_text(g)))
        .collect();
    let eku = info.extended_key_usage().map_or(Json::Null, |p| {
        Json::Array(p.iter().map(|o| Json::str(eku_name(o))).collect())
    });
    let bc = info.extensions.iter().find_map(|e| match e {
        Extension::BasicConstraints { ca, path_len, .. } => Some(Json::object([
            ("ca", Json::Bool(ca.unwrap_or(false))),
            (
                "path_len",
                path_len.map_or(Json::Null, |n| Json::Int(i64::from(n))),
            ),
        ])),
        _ => None,
    });
    Json::object([
        ("subject", Json::str(info.subject.to_string())),
        ("issuer", Json::str(info.issuer.to_string())),
        ("serial", Json::str(info.serial.to_java_hex())),
        ("not_before", Json::str(rfc3339(info.not_before))),
        ("not_after", Json::str(rfc3339(info.not_after))),
        ("sha1", Json::str(colon_hex(&info.sha1))),
        ("sha256", Json::str(colon_hex(&info.sha256))),
        ("key", key_json(&info.public_key)),
        (
            "signature_algorithm",
            Json::str(&info.signature_algorithm_name),
        ),
        ("san", Json::Array(sans)),
        ("eku", eku),
        ("basic_constraints", bc.unwrap_or(Json::Null)),
    ])
}

fn entry_json(alias: &str, entry: &Entry) -> Json {
    let mut pairs = vec![
        ("alias".to_owned(), Json::str(alias)),
        ("type".to_owned(), Json::str(entry.kind().keytool_name())),
        ("created".to_owned(), Json::str(rfc3339(entry.created()))),
    ];
    match entry {
        Entry::SecretKey(s) => {
            let p = s.protected_key().protection();
            pairs.push(("protection".into(), Json::str(format!("{p:?}"))));
        }
        Entry::PrivateKey(k) => {
            let p = k.protected_key().protection();
            pairs.push(("protection".into(), Json::str(format!("{p:?}"))));
        }
        Entry::TrustedCert(_) => {}
    }
    let chain = entry.chain().iter().map(certificate_json).collect();
    pairs.push(("chain".into(), Json::Array(chain)));
    Json::Object(pairs)
}

fn protection_json(stored: &Stored) -> Json {
    let integrity = match stored.integrity {
        Integrity::Verified => "verified",
        Integrity::Unverified => "unverified",
        Integrity::NotProtected => "none",
    };
    let mut pairs = vec![("integrity".to_owned(), Json::str(integrity))];
    if let Some(p) = &stored.pkcs12 {
        let mac = match p.mac {
            MacAlgorithm::HmacSha1 => "HmacSHA1",
            MacAlgorithm::HmacSha256 => "HmacSHA256",
            MacAlgorithm::HmacSha384 => "HmacSHA384",
            MacAlgorithm::HmacSha512 => "HmacSHA512",
            MacAlgorithm::Pbmac1Sha256 => "PBMAC1-SHA256",
            MacAlgorithm::Pbmac1Sha384 => "PBMAC1-SHA384",
            MacAlgorithm::Pbmac1Sha512 => "PBMAC1-SHA512",
            _ => "none",
        };
        let certs = match p.cert_protection {
            CertProtection::Pbes2Aes256 => "PBES2-AES256",
            CertProtection::Rc2With40BitKey => "RC2-40",
            CertProtection::TripleDes => "3DES",
            _ => "none",
        };
        pairs.push(("mac".into(), Json::str(mac)));
        pairs.push((
            "mac_iterations".into(),
            Json::Int(i64::from(p.mac_iterations)),
        ));
        pairs.push(("certificates".into(), Json::str(certs)));
    }
    Json::Object(pairs)
}

/// `-list -format json`: the store's type, protection and entries (one alias, or all in
/// `order`).
pub fn store_json(
    store: &KeyStore,
    stored: Option<&Stored>,
    alias: Option<&str>,
    order: &[String],
) -> Result<Json, StoreError> {
    let entries = match alias {
        Some(a) => vec![entry_json(a, store.entry(a)?)],
        None => order
            .iter()
            .filter_map(|a| store.get(a).map(|e| entry_json(a, e)))
            .collect(),
    };
    Ok(Json::object([
        ("schema", Json::Int(SCHEMA)),
        ("store_type", Json::str(store.format().to_string())),
        ("protection", stored.map_or(Json::Null, protection_json)),
        ("entries", Json::Array(entries)),
    ]))
}

/// `-printcert -format json`: every certificate of the input.
pub fn certificates_json(certs: &[Certificate]) -> Json {
    Json::object([
        ("schema", Json::Int(SCHEMA)),
        (
            "certificates",
            Json::Array(certs.iter().map(certificate_json).collect()),
        ),
    ])
}

/// `-printcertreq -format json`: the requested subject, key, signature and extensions.
pub fn request_json(req: &CertificateRequest) -> Json {
    let info = req.inspect();
    let sans = info.extensions.iter().find_map(|e| match e {
        Extension::SubjectAltName { names, .. } => {
            Some(names.iter().map(|g| Json::str(san_text(g))).collect())
        }
        _ => None,
    });
    Json::object([
        ("schema", Json::Int(SCHEMA)),
        ("subject", Json::str(info.subject.to_string())),
        ("key", key_json(&info.public_key)),
        (
            "signature_algorithm",
            Json::str(&info.signature_algorithm_name),
        ),
        ("san", Json::Array(sans.unwrap_or_default())),
    ])
}

/// An error as `-format json` prints it on stderr: a stable `kind` and the message.
pub fn error_json(kind: &str, message: &str) -> Json {
    Json::object([
        ("schema", Json::Int(SCHEMA)),
        (
            "error",
            Json::object([("kind", Json::str(kind)), ("message", Json::str(message))]),
        ),
    ])
}

/// The stable kind of a keytool error text (the README lists them): `usage`,
/// `store_not_found`, `wrong_password`, `damaged_store`, `alias_not_found`, `alias_exists`,
/// `file_not_found`, `tls`, `bundle`, `locked`, or `error`.
pub fn error_kind(text: &str) -> &'static str {
    const KINDS: &[(&str, &str)] = &[
        ("password was incorrect", "wrong_password"),
        ("Integrity check failed", "wrong_password"),
        ("tampered with", "wrong_password"),
        ("Keystore file does not exist", "store_not_found"),
        ("No certificate from the SSL server", "tls"),
        ("is locked by another process", "locked"),
        ("no certificate found", "bundle"),
        ("alias template", "bundle"),
        ("already exists", "alias_exists"),
        ("does not exist", "alias_not_found"),
        ("FileNotFoundException", "file_not_found"),
        ("EOFException", "damaged_store"),
        ("Invalid keystore format", "damaged_store"),
        ("Unrecognized keystore format", "damaged_store"),
    ];
    KINDS
        .iter()
        .find(|(needle, _)| text.contains(needle))
        .map_or("error", |(_, kind)| kind)
}
