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

use std::borrow::Cow;

use der::asn1::{Any, ObjectIdentifier, OctetString, SetOfVec};
use der::{Encode, Tag};
use pkcs12::SafeBag;
use x509_cert::attr::{Attribute, Attributes};

use crate::cert::Certificate;
use crate::entry::Entry;
use crate::error::EncodeError;
use crate::format::options::Pkcs12Options;
use crate::kind::Format;
use crate::protect::Protection;
use crate::store::KeyStore;

use super::assemble::{self, Contents};
use super::dates::key_id_for;
use super::frame::{Node, key_failure, too_large};
use super::read::{
    CERT_BAG, FRIENDLY_NAME, KEY_BAG, LOCAL_KEY_ID, SECRET_BAG, SHROUDED_KEY_BAG,
    TRUSTED_KEY_USAGE, X509_CERT,
};

const ANY_EXTENDED_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.37.0");

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

/// A certBag SafeBag framed around the certificate's own bytes (no copy until the
/// container is written):
/// `SEQUENCE { certBag, [0] { SEQUENCE { x509Certificate, [0] OCTET STRING cert } }, attrs }`.
fn cert_bag<'s>(
    cert: &'s Certificate,
    name: &str,
    key_id: Option<&[u8]>,
    trusted: bool,
) -> Result<Node<'s>, EncodeError> {
    let value = Node::seq(vec![
        Node::encode(&X509_CERT)?,
        Node::explicit0(Node::octets(cert.as_der())),
    ]);
    Ok(Node::seq(vec![
        Node::encode(&CERT_BAG)?,
        Node::explicit0(value),
        Node::encode(&attributes(name, key_id, trusted)?)?,
    ]))
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

/// The bags of a store: key and secret bags for the plain container, certificate bags for
/// the (usually encrypted) one.
#[derive(Default)]
struct Bags<'s> {
    keys: Vec<SafeBag>,
    certs: Vec<CertItem<'s>>,
}

/// A certificate bag to write: framed only when its container is written, one at a time,
/// so that a store of many certificates holds no per-bag structures.
struct CertItem<'s> {
    cert: &'s Certificate,
    name: Cow<'s, str>,
    key_id: Option<Vec<u8>>,
    trusted: bool,
}

impl CertItem<'_> {
    fn frame(&self) -> Result<Node<'_>, EncodeError> {
        cert_bag(self.cert, &self.name, self.key_id.as_deref(), self.trusted)
    }
}

/// `SafeContents` of the certificate bags, sized in a first pass and written in a second.
struct CertContents<'a, 's>(&'a [CertItem<'s>]);

impl CertContents<'_, '_> {
    fn inner_len(&self) -> Result<usize, EncodeError> {
        self.0
            .iter()
            .try_fold(0usize, |n, item| Ok(n + item.frame()?.len()?))
    }
}

impl Contents for CertContents<'_, '_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn encoded_len(&self) -> Result<usize, EncodeError> {
        Node::seq(vec![Node::Gap(self.inner_len()?)]).len()
    }

    fn write_to(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        out.extend(Node::header(Tag::Sequence, self.inner_len()?)?);
        for item in self.0 {
            item.frame()?.write(out)?;
        }
        Ok(())
    }
}

impl<'s> Bags<'s> {
    fn add(&mut self, alias: &'s str, entry: &'s Entry) -> Result<(), EncodeError> {
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
                        CertItem {
                            cert,
                            name: Cow::Borrowed(alias),
                            key_id: Some(key_id.clone()),
                            trusted: false,
                        }
                    } else {
                        // Java names a CA certificate of a chain by its RFC 2253 subject.
                        let name = cert.subject().map(|n| n.to_rfc2253()).unwrap_or_default();
                        CertItem {
                            cert,
                            name: Cow::Owned(name),
                            key_id: None,
                            trusted: false,
                        }
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
            Entry::TrustedCert(t) => self.certs.push(CertItem {
                cert: t.certificate(),
                name: Cow::Borrowed(alias),
                key_id: None,
                trusted: true,
            }),
        }
        Ok(())
    }
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
    let keys = if bags.keys.is_empty() {
        None
    } else {
        Some(bags.keys.to_der().map_err(too_large)?)
    };
    let certs = CertContents(&bags.certs);
    let (staged, pending) = std::thread::scope(|scope| {
        let parallel = std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
        let mac = parallel.then(|| scope.spawn(derive_mac));
        let staged = assemble::auth_safe(keys.as_deref(), &certs, options, password);
        let pending = match mac.map(|t| t.join()) {
            Some(Ok(pending)) => pending,
            _ => derive_mac(),
        };
        (staged, pending)
    });
    let staged = staged?;
    let mac_der = match pending {
        Some(p) => p.finish(staged.auth_safe()).map_err(key_failure)?,
        None => Vec::new(),
    };
    assemble::finish(staged, &mac_der)
}
