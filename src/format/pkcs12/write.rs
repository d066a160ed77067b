//! Writing PKCS#12 in Java's layout.
//!
//! ```text
//! AuthenticatedSafe:
//!   [A] data: key bags (friendlyName, localKeyId "Time <ms>") and secret bags     if any keys
//!   [B] encryptedData (or data when password-less): per key, its chain            if any certs
//!       (leaf: friendlyName + localKeyId, CA: friendlyName = RFC 2253 subject), per trusted
//!       entry, its certificate (friendlyName + trustedKeyUsage {anyExtendedKeyUsage})
//! MacData: HMAC over the AuthenticatedSafe DER                                    unless none
//! ```
//!
//! Keys are written as they are held (already encrypted), so a saved key keeps its bytes.

use der::asn1::{Any, ObjectIdentifier, OctetString, SetOfVec};
use der::{Encode, Tag};
use pkcs12::cms::content_info::{CmsVersion, ContentInfo};
use pkcs12::cms::encrypted_data::EncryptedData;
use pkcs12::cms::enveloped_data::EncryptedContentInfo;
use pkcs12::pfx::Version;
use pkcs12::{CertBag, SafeBag};
use x509_cert::attr::{Attribute, Attributes};

use crate::cert::Certificate;
use crate::entry::Entry;
use crate::error::{EncodeError, KeyError};
use crate::format::options::{CertProtection, Pkcs12Options};
use crate::kind::Format;
use crate::protect::Protection;
use crate::protect::pkcs12pbe::{self, LegacyCipher};
use crate::store::KeyStore;

use super::dates::key_id_for;
use super::read::{
    CERT_BAG, DATA, ENCRYPTED_DATA, FRIENDLY_NAME, KEY_BAG, LOCAL_KEY_ID, SECRET_BAG,
    SHROUDED_KEY_BAG, TRUSTED_KEY_USAGE, X509_CERT,
};

const ANY_EXTENDED_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.37.0");

fn too_large(_: der::Error) -> EncodeError {
    EncodeError::TooLarge {
        what: "a PKCS#12 structure",
        len: u64::from(u32::MAX),
    }
}

fn key_failure(e: KeyError) -> EncodeError {
    EncodeError::Protection(e)
}

/// A BMPString written as Java writes one: raw UTF-16 code units, so characters outside the
/// BMP become surrogate pairs (which `der`'s strict `BmpString` refuses).
fn bmp_string(text: &str) -> Result<Any, EncodeError> {
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    Any::new(Tag::BmpString, bytes).map_err(too_large)
}

fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute, EncodeError> {
    Ok(Attribute {
        oid,
        values: SetOfVec::try_from(vec![value]).map_err(too_large)?,
    })
}

fn attributes(name: &str, key_id: Option<&[u8]>, trusted: bool) -> Result<Attributes, EncodeError> {
    let mut attrs = vec![attribute(FRIENDLY_NAME, bmp_string(name)?)?];
    if let Some(id) = key_id {
        let id = OctetString::new(id).map_err(too_large)?;
        attrs.push(attribute(
            LOCAL_KEY_ID,
            Any::encode_from(&id).map_err(too_large)?,
        )?);
    }
    if trusted {
        let usage = Any::encode_from(&ANY_EXTENDED_KEY_USAGE).map_err(too_large)?;
        attrs.push(attribute(TRUSTED_KEY_USAGE, usage)?);
    }
    SetOfVec::try_from(attrs).map_err(too_large)
}

fn cert_bag(
    cert: &Certificate,
    name: &str,
    key_id: Option<&[u8]>,
    trusted: bool,
) -> Result<SafeBag, EncodeError> {
    let bag = CertBag {
        cert_id: X509_CERT,
        cert_value: OctetString::new(cert.as_der()).map_err(too_large)?,
    };
    Ok(SafeBag {
        bag_id: CERT_BAG,
        bag_value: bag.to_der().map_err(too_large)?,
        bag_attributes: Some(attributes(name, key_id, trusted)?),
    })
}

/// Java's secretBag: the pkcs8ShroudedKeyBag OID reused as the secret type, around the
/// key's `EncryptedPrivateKeyInfo`.
#[derive(der::Sequence)]
struct SecretBagValue<'a> {
    secret_type: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    value: &'a der::asn1::OctetStringRef,
}

fn secret_bag_value(epki: &[u8]) -> Result<Vec<u8>, EncodeError> {
    SecretBagValue {
        secret_type: SHROUDED_KEY_BAG,
        value: der::asn1::OctetStringRef::new(epki).map_err(too_large)?,
    }
    .to_der()
    .map_err(too_large)
}

/// A `data` ContentInfo around DER bytes.
fn data(der: Vec<u8>) -> Result<ContentInfo, EncodeError> {
    let octets = OctetString::new(der).map_err(too_large)?;
    Ok(ContentInfo {
        content_type: DATA,
        content: Any::encode_from(&octets).map_err(too_large)?,
    })
}

fn encrypted(
    safe_contents: &Vec<SafeBag>,
    protection: CertProtection,
    iterations: u32,
    password: &str,
) -> Result<ContentInfo, EncodeError> {
    let plain = safe_contents.to_der().map_err(too_large)?;
    let (alg, ciphertext) = match protection {
        CertProtection::Rc2With40BitKey => {
            pkcs12pbe::encrypt_legacy(LegacyCipher::Rc2With40BitKey, &plain, password, iterations)
        }
        CertProtection::TripleDes => {
            pkcs12pbe::encrypt_legacy(LegacyCipher::TripleDes, &plain, password, iterations)
        }
        _ => pkcs12pbe::encrypt_pbes2(&plain, password, iterations),
    }
    .map_err(key_failure)?;
    let content = EncryptedData {
        version: CmsVersion::V0,
        enc_content_info: EncryptedContentInfo {
            content_type: DATA,
            content_enc_alg: alg,
            encrypted_content: Some(OctetString::new(ciphertext).map_err(too_large)?),
        },
        unprotected_attrs: None,
    };
    Ok(ContentInfo {
        content_type: ENCRYPTED_DATA,
        content: Any::encode_from(&content).map_err(too_large)?,
    })
}

/// The bags of a store: key and secret bags for the plain container, certificate bags for
/// the (usually encrypted) one.
#[derive(Default)]
struct Bags {
    keys: Vec<SafeBag>,
    certs: Vec<SafeBag>,
}

impl Bags {
    fn add(&mut self, alias: &str, entry: &Entry) -> Result<(), EncodeError> {
        let incompatible = || EncodeError::IncompatibleProtection {
            alias: alias.to_owned(),
            format: Format::Pkcs12,
        };
        let key_id = key_id_for(entry.created());
        match entry {
            Entry::PrivateKey(k) => {
                let protection = k.protected_key().protection();
                if !protection.is_pkcs12() && protection != Protection::Unencrypted {
                    return Err(incompatible());
                }
                self.keys.push(SafeBag {
                    // A key read from a plain keyBag goes back as one.
                    bag_id: if protection == Protection::Unencrypted {
                        KEY_BAG
                    } else {
                        SHROUDED_KEY_BAG
                    },
                    bag_value: k.protected_key().as_der().to_vec(),
                    bag_attributes: Some(attributes(alias, Some(&key_id), false)?),
                });
                for (i, cert) in k.chain().iter().enumerate() {
                    self.certs.push(if i == 0 {
                        cert_bag(cert, alias, Some(&key_id), false)?
                    } else {
                        // Java names a CA certificate of a chain by its RFC 2253 subject.
                        let name = cert.subject().map(|n| n.to_rfc2253()).unwrap_or_default();
                        cert_bag(cert, &name, None, false)?
                    });
                }
            }
            Entry::SecretKey(s) => {
                let epki = s.protected_key().pkcs12_der().ok_or_else(incompatible)?;
                self.keys.push(SafeBag {
                    bag_id: SECRET_BAG,
                    bag_value: secret_bag_value(epki)?,
                    bag_attributes: Some(attributes(alias, Some(&key_id), false)?),
                });
            }
            Entry::TrustedCert(t) => {
                self.certs
                    .push(cert_bag(t.certificate(), alias, None, true)?);
            }
        }
        Ok(())
    }
}

/// The key and certificate safes, the certificates encrypted as `options` asks.
fn safes(
    bags: &Bags,
    options: &Pkcs12Options,
    password: &str,
) -> Result<Vec<ContentInfo>, EncodeError> {
    let mut safes = Vec::with_capacity(2);
    if !bags.keys.is_empty() {
        safes.push(data(bags.keys.to_der().map_err(too_large)?)?);
    }
    if !bags.certs.is_empty() {
        safes.push(match options.cert_protection {
            CertProtection::None => data(bags.certs.to_der().map_err(too_large)?)?,
            p => encrypted(&bags.certs, p, options.cert_iterations, password)?,
        });
    }
    Ok(safes)
}

/// Writes `store` as PKCS#12 in the form `options` gives.
pub(crate) fn encode(
    store: &KeyStore,
    password: &str,
    options: &Pkcs12Options,
) -> Result<Vec<u8>, EncodeError> {
    let mut bags = Bags::default();
    for (alias, entry) in store.entries() {
        bags.add(alias, entry)?;
    }
    // The MAC key and the certificate container's key are independent derivations of the
    // password: on two cores they run side by side.
    let derive_mac = || options.mac.prepare(password, options.mac_iterations);
    let (safes, pending) = std::thread::scope(|scope| {
        let parallel = std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
        let mac = parallel.then(|| scope.spawn(derive_mac));
        let safes = safes(&bags, options, password);
        let pending = match mac.map(|t| t.join()) {
            Some(Ok(pending)) => pending,
            _ => derive_mac(),
        };
        (safes, pending)
    });
    let auth_safe_der = safes?.to_der().map_err(too_large)?;
    let mac_der = match pending {
        Some(p) => p.finish(&auth_safe_der).map_err(key_failure)?,
        None => Vec::new(),
    };
    // PFX ::= SEQUENCE { version 3, authSafe ContentInfo, macData MacData OPTIONAL }; the
    // MacData comes already encoded (RFC 7292 or RFC 9579 form).
    let mut body = Version::V3.to_der().map_err(too_large)?;
    body.extend(data(auth_safe_der)?.to_der().map_err(too_large)?);
    body.extend(mac_der);
    let length = der::Length::try_from(body.len()).map_err(too_large)?;
    let mut out = der::Header::new(Tag::Sequence, length)
        .to_der()
        .map_err(too_large)?;
    out.extend(body);
    Ok(out)
}
