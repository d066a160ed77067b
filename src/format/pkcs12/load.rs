//! Reading a PKCS#12 file as Java's `engineLoad` does: MAC check, decryption of the
//! encrypted containers, then bags turned into entries (`link`).

use bytes::Bytes;

use std::borrow::Cow;

use crate::cert::Certificate;
use crate::error::{DecodeError, Error, KeyError};
use crate::format::options::{
    CertProtection, Integrity, MacAlgorithm, Pkcs12Options, Skipped, Stored,
};
use crate::kind::Format;
use crate::protect::pfxmac::MacData;
use crate::protect::pkcs12pbe;
use crate::protect::{ProtectedKey, ProtectedSecretKey, Protection};
use crate::store::KeyStore;
use crate::wire::ber::{self, BerError};

use super::link;
use super::read::{self, BagValue, Content, Origin};

/// True when `bytes` are a password-less PKCS#12 (no MAC and no encrypted container), which
/// keytool opens without asking for a password.
pub fn is_passwordless(bytes: &[u8]) -> bool {
    let Ok(bytes) = ber::to_der(bytes) else {
        return false;
    };
    let origin = Origin::new(&bytes);
    let Ok(pfx) = read::pfx(&bytes, origin) else {
        return false;
    };
    let Ok(auth_safe) = ber::to_der(pfx.auth_safe) else {
        return false;
    };
    pfx.mac.is_none()
        && read::contents(&auth_safe, origin)
            .is_ok_and(|c| c.iter().all(|c| matches!(c, Content::Data(_))))
}

/// A slice of `owner` as a shared handle, without copying.
fn shared(owner: &Bytes, part: &[u8]) -> Option<Bytes> {
    let start = (part.as_ptr() as usize).checked_sub(owner.as_ptr() as usize)?;
    (start + part.len() <= owner.len()).then(|| owner.slice(start..start + part.len()))
}

fn not_a_cert(origin: Origin<'_>, der: &[u8]) -> DecodeError {
    origin.invalid(der, "PKCS#12 certificate", "not a DER certificate")
}

/// Reads a PKCS#12 store. Without a password, encrypted containers are skipped (Java does
/// the same) and reported in [`Stored::skipped`], so that the store is not saved without them.
///
/// `budget` caps the key-derivation iterations the load may run
/// ([`MAX_LOAD_ITERATIONS`](crate::limits::MAX_LOAD_ITERATIONS) normally).
pub(crate) fn decode(
    bytes: &Bytes,
    password: Option<&str>,
    budget: u64,
) -> Result<(KeyStore, Stored), Error> {
    // Bouncy Castle writes BER; each level is made DER as it is read (see wire::ber).
    let owned;
    let bytes = match ber::to_der(bytes).map_err(|e| ber_failure(bytes, e))? {
        Cow::Borrowed(_) => bytes,
        Cow::Owned(der) => {
            owned = Bytes::from(der);
            &owned
        }
    };
    let origin = Origin::new(bytes);
    let pfx = read::pfx(bytes, origin)?;
    let auth_safe = ber::to_der(pfx.auth_safe).map_err(|e| ber_failure(pfx.auth_safe, e))?;
    let contents = read::contents(&auth_safe, origin)?;
    let mac = pfx.mac.map(MacData::from_der).transpose()?;
    let options = detect_options(&contents, mac.as_ref())?;
    let integrity = match (password, &mac) {
        (_, None) => Integrity::NotProtected,
        (Some(_), Some(_)) => Integrity::Verified,
        (None, Some(_)) => Integrity::Unverified,
    };
    let mut stored = Stored::new(Format::Pkcs12, integrity);
    stored.pkcs12 = Some(options);
    let store = if let Some(password) = password {
        check_budget(&contents, mac.as_ref(), origin, pfx.auth_safe, budget)?;
        let (store, skipped, unseen) = verify_and_load(
            bytes,
            origin,
            pfx.auth_safe,
            &contents,
            mac.as_ref(),
            password,
        )?;
        stored.skipped = skipped;
        stored.unseen_certificates = unseen;
        store
    } else {
        let mut loader = link::Loader::new();
        for c in &contents {
            match c {
                Content::Data(sc) => {
                    load_bags(&mut loader, bytes, sc, origin, &mut stored.skipped)?
                }
                Content::Encrypted { ciphertext, .. } => {
                    stored.skipped.push(Skipped::EncryptedContainer {
                        offset: origin.at(ciphertext.as_ref()),
                    });
                }
            }
        }
        let (store, unseen) = loader.finish();
        stored.unseen_certificates = unseen;
        store
    };
    Ok((store, stored))
}

fn ber_failure(part: &[u8], e: BerError) -> DecodeError {
    match e {
        // A cut-off file, as Java's EOFException reports it for PKCS#12 too.
        BerError::Truncated => DecodeError::Truncated {
            offset: u64::try_from(part.len()).unwrap_or(u64::MAX),
            needed: 1,
        },
        _ => Origin::new(part).invalid(part, "PKCS#12 (BER)", e.reason()),
    }
}

/// Refuses files whose key derivations alone would take seconds.
fn check_budget(
    contents: &[Content<'_>],
    mac: Option<&MacData>,
    origin: Origin<'_>,
    at: &[u8],
    budget: u64,
) -> Result<(), Error> {
    let mut total: u64 = mac.map_or(0, |m| u64::from(m.iterations()));
    for c in contents {
        if let Content::Encrypted {
            algorithm, params, ..
        } = c
        {
            total = total.saturating_add(u64::from(pkcs12pbe::iterations(algorithm, *params)?));
        }
    }
    if total > budget {
        return Err(DecodeError::LimitExceeded {
            offset: origin.at(at),
            what: "PKCS#12 key-derivation iterations",
            value: total,
            limit: budget,
        }
        .into());
    }
    Ok(())
}

/// Loads with a password. When there are containers to decrypt and a MAC to check, the MAC
/// runs on a second thread: both are key derivations of similar cost.
fn verify_and_load(
    bytes: &Bytes,
    origin: Origin<'_>,
    auth_safe: &[u8],
    contents: &[Content<'_>],
    mac: Option<&MacData>,
    password: &str,
) -> Result<(KeyStore, Vec<Skipped>, usize), Error> {
    let check_mac = || mac.map(|m| m.verify(password, auth_safe));
    let encrypted = contents
        .iter()
        .any(|c| matches!(c, Content::Encrypted { .. }));
    let (mac_ok, loaded) = if encrypted && mac.is_some() {
        std::thread::scope(|s| {
            let worker = s.spawn(check_mac);
            let loaded = load_all(bytes, origin, contents, password);
            let failed = Some(Err(KeyError::Malformed {
                reason: "MAC check failed",
            }));
            (worker.join().unwrap_or(failed), loaded)
        })
    } else {
        (check_mac(), load_all(bytes, origin, contents, password))
    };
    let store = loaded?;
    match mac_ok.transpose()? {
        Some(false) => Err(Error::Integrity),
        _ => Ok(store),
    }
}

fn load_all(
    bytes: &Bytes,
    origin: Origin<'_>,
    contents: &[Content<'_>],
    password: &str,
) -> Result<(KeyStore, Vec<Skipped>, usize), Error> {
    let mut loader = link::Loader::new();
    let mut skipped = Vec::new();
    for c in contents {
        match c {
            Content::Data(sc) => load_bags(&mut loader, bytes, sc, origin, &mut skipped)?,
            Content::Encrypted {
                algorithm,
                params,
                ciphertext,
            } => {
                let plain =
                    match pkcs12pbe::decrypt(algorithm, *params, ciphertext.as_ref(), password) {
                        Ok(p) => Bytes::from(p.to_vec()),
                        Err(KeyError::WrongPassword) => return Err(Error::WrongStorePassword),
                        Err(e) => return Err(e.into()),
                    };
                // Java reports anything wrong inside a decrypted container (garbage from a
                // wrong password whose padding happened to check) as a wrong password.
                load_bags(
                    &mut loader,
                    &plain,
                    &plain,
                    Origin::new(&plain),
                    &mut skipped,
                )
                .map_err(|e| match e {
                    Error::Decode(_) => Error::WrongStorePassword,
                    other => other,
                })?;
            }
        }
    }
    let (store, unseen) = loader.finish();
    Ok((store, skipped, unseen))
}

fn load_bags(
    loader: &mut link::Loader,
    owner: &Bytes,
    safe_contents: &[u8],
    origin: Origin<'_>,
    skipped: &mut Vec<Skipped>,
) -> Result<(), Error> {
    let normalized = ber::to_der(safe_contents).map_err(|e| ber_failure(safe_contents, e))?;
    let safe_contents = normalized.as_ref();
    for (index, bag) in read::bags(safe_contents, origin)?.into_iter().enumerate() {
        let item = match bag.value {
            BagValue::ShroudedKey(der) => {
                let bytes = shared(owner, der).unwrap_or_else(|| Bytes::copy_from_slice(der));
                let key = ProtectedKey::from_der(bytes).map_err(|_| {
                    origin.invalid(der, "PKCS#12 key bag", "not an EncryptedPrivateKeyInfo")
                })?;
                link::Item::Key(key)
            }
            BagValue::Secret(der) => {
                let bytes = shared(owner, der).unwrap_or_else(|| Bytes::copy_from_slice(der));
                let key = ProtectedSecretKey::from_pkcs12_der(bytes).map_err(|_| {
                    origin.invalid(der, "PKCS#12 secret bag", "not an EncryptedPrivateKeyInfo")
                })?;
                link::Item::Secret(key)
            }
            BagValue::Cert(der) => {
                // Shared with the file when it is DER, copied out of a rewritten BER level.
                let shared = shared(owner, der).unwrap_or_else(|| Bytes::copy_from_slice(der));
                link::Item::Cert(
                    Certificate::from_der_lazy(shared).map_err(|_| not_a_cert(origin, der))?,
                )
            }
            BagValue::PlainKey(der) => link::Item::Key(
                ProtectedKey::unencrypted(der)
                    .map_err(|_| origin.invalid(der, "PKCS#12 key bag", "not a PrivateKeyInfo"))?,
            ),
            BagValue::Other(oid) => {
                skipped.push(Skipped::Bag {
                    bag_type: oid.to_string(),
                });
                continue;
            }
        };
        loader.add(
            item,
            bag.friendly_name,
            bag.local_key_id,
            bag.trusted,
            index,
        );
    }
    Ok(())
}

/// True when a plain container holds certificate bags.
fn plain_certificates(contents: &[Content<'_>]) -> bool {
    contents.iter().any(|c| match c {
        Content::Data(sc) => read::bags(sc, Origin::new(sc))
            .is_ok_and(|bags| bags.iter().any(|b| matches!(b.value, BagValue::Cert(_)))),
        Content::Encrypted { .. } => false,
    })
}

/// The form a loaded file has, so that saving keeps it.
fn detect_options(contents: &[Content<'_>], mac: Option<&MacData>) -> Result<Pkcs12Options, Error> {
    let mut options = Pkcs12Options::modern();
    let encrypted = contents.iter().find_map(|c| match c {
        Content::Encrypted {
            algorithm, params, ..
        } => Some((algorithm, *params)),
        Content::Data(_) => None,
    });
    match encrypted {
        Some((algorithm, params)) => {
            options.cert_protection = match algorithm.to_string().as_str() {
                "1.2.840.113549.1.12.1.6" => CertProtection::Rc2With40BitKey,
                "1.2.840.113549.1.12.1.3" => CertProtection::TripleDes,
                _ => CertProtection::Pbes2Aes256,
            };
            options.cert_iterations = pkcs12pbe::iterations(algorithm, params)?;
        }
        // No encrypted container: certificates were written in the clear on purpose only
        // when there are some (or nothing is protected); a store of keys alone keeps the
        // default, so that certificates added later are encrypted as Java would.
        None if mac.is_none() || plain_certificates(contents) => {
            options.cert_protection = CertProtection::None;
        }
        None => {}
    }
    match mac {
        Some(m) => {
            options.mac = MacAlgorithm::of(&m.scheme);
            options.mac_iterations = m.iterations();
        }
        None => options.mac = MacAlgorithm::None,
    }
    if options.cert_protection != CertProtection::Pbes2Aes256
        && options.cert_protection != CertProtection::None
    {
        options.key_protection = Protection::Pkcs12Pbe;
    }
    Ok(options)
}
