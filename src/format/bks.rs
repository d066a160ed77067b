//! Reading Bouncy Castle's BKS (versions 1 and 2) and UBER stores (`BcKeyStoreSpi`), to
//! convert them: Android apps and older Java middleware keep keys in them.
//!
//! ```text
//! BKS:  u32 version (1|2), u32 salt length, salt, u32 iterations, entries,
//!       HMAC-SHA1(entries) keyed by the PKCS#12 KDF (id 3) over the store password
//!       (version 1's key is 2 bytes long, a BC bug kept for compatibility)
//! UBER: u32 version (1), u32 salt length, salt, u32 iterations,
//!       PBEWithSHAAndTwofish-CBC(entries ‖ SHA-1(entries)) under the store password
//! entry: u8 type (0 end, 1 certificate, 2 key, 3 stored value, 4 sealed key), UTF alias,
//!        i64 date, u32 chain length, chain (UTF type, u32 length, DER), then by type:
//!        certificate: UTF type, u32 length, DER; key: BC's key encoding (protect::bks);
//!        stored value and sealed key: u32 length, bytes
//! ```
//! Certificates become trusted-certificate entries; sealed private keys stay sealed until
//! opened with their entry password; plain private keys need no password; secret keys are
//! opened with the store password and held PBES2-sealed under it. What has no keytool
//! equivalent (stored values, public keys, secrets under another password) is reported in
//! [`Stored::skipped`](crate::format::Stored) — BKS and UBER are never written back.

use cbc::cipher::{BlockModeDecrypt, KeyIvInit, block_padding::Pkcs7};
use hmac::{Hmac, KeyInit, Mac};
use pkcs12::kdf::{Pkcs12KeyType, derive_key};
use sha1::{Digest, Sha1};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::cert::Certificate;
use crate::entry::{PrivateKeyEntry, SecretKeyEntry, TrustedCertEntry};
use crate::error::{DecodeError, Error};
use crate::format::options::{Integrity, Skipped, Stored};
use crate::key::SecretKey;
use crate::kind::Format;
use crate::limits::{MAX_CERT_LEN, MAX_CHAIN_LENGTH, MAX_ENTRIES, MAX_ITERATIONS, MAX_KEY_LEN};
use crate::protect::bks::{decode_key, password_bytes, unseal};
use crate::protect::{ProtectedKey, ProtectedSecretKey};
use crate::store::KeyStore;
use crate::timestamp::Timestamp;
use crate::wire::datastream::Reader;

struct Header<'a> {
    version: u32,
    salt: &'a [u8],
    iterations: u32,
    body: &'a [u8],
}

fn header(bytes: &[u8]) -> Result<Header<'_>, DecodeError> {
    let mut r = Reader::new(bytes);
    let version = r.u32()?;
    let salt = r.bytes32("BKS salt", 1024)?;
    let at = r.offset();
    let iterations = r.u32()?;
    if iterations == 0 || u64::from(iterations) > MAX_ITERATIONS {
        return Err(DecodeError::LimitExceeded {
            offset: at as u64,
            what: "BKS iteration count",
            value: u64::from(iterations),
            limit: MAX_ITERATIONS,
        });
    }
    Ok(Header {
        version,
        salt,
        iterations,
        body: r.rest(),
    })
}

/// Reads a BKS or UBER store (the format detection cannot tell a version-1 BKS from UBER:
/// a BKS whose entries do not parse is read as UBER).
pub(crate) fn decode(bytes: &[u8], password: Option<&str>) -> Result<(KeyStore, Stored), Error> {
    let h = header(bytes)?;
    match (h.version, bks(&h, password)) {
        (2, result) | (1, result @ Ok(_)) => result,
        (1, Err(_)) => uber(&h, password),
        (v, _) => Err(DecodeError::UnsupportedVersion {
            format: Format::Bks,
            version: v,
        }
        .into()),
    }
}

fn bks(h: &Header<'_>, password: Option<&str>) -> Result<(KeyStore, Stored), Error> {
    let mut r = Reader::new(h.body);
    let mut out = Entries::new(Format::Bks);
    entries(&mut r, password, &mut out)?;
    let covered = &h.body[..r.offset()];
    let mac = r.take(20)?;
    let integrity = match password {
        None => Integrity::Unverified,
        Some(p) => {
            let len = if h.version == 1 { 2 } else { 20 };
            let key = Zeroizing::new(derive_key::<Sha1>(
                &password_bytes(p),
                h.salt,
                Pkcs12KeyType::Mac,
                i32::try_from(h.iterations).unwrap_or(i32::MAX),
                len,
            ));
            let mut m =
                <Hmac<Sha1> as KeyInit>::new_from_slice(&key).map_err(|_| Error::Integrity)?;
            m.update(covered);
            if !bool::from(m.finalize().into_bytes().as_slice().ct_eq(mac)) {
                return Err(Error::WrongStorePassword);
            }
            Integrity::Verified
        }
    };
    Ok(out.finish(integrity))
}

fn uber(h: &Header<'_>, password: Option<&str>) -> Result<(KeyStore, Stored), Error> {
    let Some(p) = password else {
        return Err(DecodeError::Invalid {
            offset: 0,
            what: "UBER keystore",
            reason: "the whole store is encrypted: it is read with the store password only",
        }
        .into());
    };
    let pass = password_bytes(p);
    let derive = |id, len| {
        Zeroizing::new(derive_key::<Sha1>(
            &pass,
            h.salt,
            id,
            i32::try_from(h.iterations).unwrap_or(i32::MAX),
            len,
        ))
    };
    let (key, iv) = (
        derive(Pkcs12KeyType::EncryptionKey, 32),
        derive(Pkcs12KeyType::Iv, 16),
    );
    let cipher = cbc::Decryptor::<twofish::Twofish>::new_from_slices(&key, &iv)
        .map_err(|_| Error::WrongStorePassword)?;
    let plain = Zeroizing::new(
        cipher
            .decrypt_padded_vec::<Pkcs7>(h.body)
            .map_err(|_| Error::WrongStorePassword)?,
    );
    let (body, digest) = plain.split_at(
        plain
            .len()
            .checked_sub(20)
            .ok_or(Error::WrongStorePassword)?,
    );
    if !bool::from(Sha1::digest(body).as_slice().ct_eq(digest)) {
        return Err(Error::WrongStorePassword);
    }
    let mut r = Reader::new(body);
    let mut out = Entries::new(Format::Uber);
    entries(&mut r, Some(p), &mut out)?;
    Ok(out.finish(Integrity::Verified))
}

struct Entries {
    store: KeyStore,
    skipped: Vec<Skipped>,
    format: Format,
}

impl Entries {
    fn new(format: Format) -> Self {
        Self {
            store: KeyStore::new(format),
            skipped: Vec::new(),
            format,
        }
    }

    fn skip(&mut self, alias: &str, what: &'static str) {
        self.skipped.push(Skipped::Entry {
            alias: alias.to_owned(),
            what,
        });
    }

    fn finish(self, integrity: Integrity) -> (KeyStore, Stored) {
        let mut stored = Stored::new(self.format, integrity);
        stored.skipped = self.skipped;
        (self.store, stored)
    }
}

fn cert(r: &mut Reader<'_>) -> Result<Certificate, Error> {
    let _kind = r.utf("certificate type")?;
    let at = r.offset();
    let der = r.bytes32("certificate", MAX_CERT_LEN)?;
    Certificate::from_der(der.to_vec()).map_err(|_| {
        DecodeError::Invalid {
            offset: at as u64,
            what: "BKS certificate",
            reason: "not a DER certificate",
        }
        .into()
    })
}

fn entries(r: &mut Reader<'_>, password: Option<&str>, out: &mut Entries) -> Result<(), Error> {
    for _ in 0..=MAX_ENTRIES {
        let kind = r.u8()?;
        if kind == 0 {
            return Ok(());
        }
        let alias = r.utf("alias")?;
        let created = Timestamp::from_unix_millis(r.i64()?);
        let n = r.count("BKS chain length", MAX_CHAIN_LENGTH, 6)?;
        let chain = (0..n).map(|_| cert(r)).collect::<Result<Vec<_>, _>>()?;
        match kind {
            1 => {
                let c = cert(r)?;
                out.store
                    .insert(&alias, TrustedCertEntry::new(c, created).into())?;
            }
            2 => {
                let at = r.offset();
                let key = decode_key(r.rest()).map_err(|_| DecodeError::Invalid {
                    offset: at as u64,
                    what: "BKS key",
                    reason: "not a Bouncy Castle encoded key",
                })?;
                // kind, two UTF strings and a length-prefixed value.
                let used = 1 + 2 + key.format.len() + 2 + key.algorithm.len() + 4 + key.data.len();
                r.take(used)?;
                plain_key(out, &alias, created, chain, key, password)?;
            }
            3 => {
                r.bytes32("BKS stored value", MAX_KEY_LEN)?;
                out.skip(&alias, "stored value (no keytool equivalent)");
            }
            4 => {
                let sealed = r.bytes32("BKS sealed key", MAX_KEY_LEN)?;
                sealed_key(out, &alias, created, chain, sealed, password)?;
            }
            _ => {
                return Err(DecodeError::Invalid {
                    offset: r.offset() as u64,
                    what: "BKS entry",
                    reason: "unknown entry type",
                }
                .into());
            }
        }
    }
    Err(DecodeError::LimitExceeded {
        offset: r.offset() as u64,
        what: "BKS entry count",
        value: MAX_ENTRIES + 1,
        limit: MAX_ENTRIES,
    }
    .into())
}

fn plain_key(
    out: &mut Entries,
    alias: &str,
    created: Timestamp,
    chain: Vec<Certificate>,
    key: crate::protect::bks::BcKey,
    password: Option<&str>,
) -> Result<(), Error> {
    match key.kind {
        0 if !chain.is_empty() => {
            let protected = ProtectedKey::unencrypted(&key.data)?;
            out.store.insert(
                alias,
                PrivateKeyEntry::new(protected, chain, created)?.into(),
            )?;
        }
        2 => secret(out, alias, created, &key.algorithm, &key.data, password)?,
        _ => out.skip(alias, "public key or private key without certificate"),
    }
    Ok(())
}

fn sealed_key(
    out: &mut Entries,
    alias: &str,
    created: Timestamp,
    chain: Vec<Certificate>,
    sealed: &[u8],
    password: Option<&str>,
) -> Result<(), Error> {
    if !chain.is_empty() {
        // A private key: opened later with its own password (-srckeypass).
        let protected = ProtectedKey::bks_sealed(sealed);
        out.store.insert(
            alias,
            PrivateKeyEntry::new(protected, chain, created)?.into(),
        )?;
        return Ok(());
    }
    match password.map(|p| (p, unseal(sealed, p))) {
        Some((p, Ok(key))) if key.kind == 2 => {
            secret(out, alias, created, &key.algorithm, &key.data, Some(p))
        }
        _ => {
            out.skip(alias, "sealed key that the store password does not open");
            Ok(())
        }
    }
}

/// A secret key, held PBES2-sealed under the store password (the converters reseal it).
fn secret(
    out: &mut Entries,
    alias: &str,
    created: Timestamp,
    algorithm: &str,
    bytes: &[u8],
    password: Option<&str>,
) -> Result<(), Error> {
    let Some(p) = password else {
        out.skip(alias, "secret key (read without the store password)");
        return Ok(());
    };
    let key = SecretKey::new(algorithm, bytes.to_vec());
    // PBES2 (10,000 rounds) rather than JCEKS's 400,000 MD5 rounds: a conversion reseals it anyway.
    let sealed = ProtectedSecretKey::seal_with(&key, p, crate::protect::Protection::Pbes2)?;
    out.store
        .insert(alias, SecretKeyEntry::new(sealed, created).into())?;
    Ok(())
}
