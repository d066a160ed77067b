//! JKS and JCEKS, which share one layout (JCEKS adds secret keys).
//!
//! ```text
//! magic u32 (FEEDFEED | CECECECE) · version u32 (1|2) · count u32 · entries · SHA-1 (20)
//! entry 1 (private key):  tag · UTF alias · i64 date · u32+EncryptedPrivateKeyInfo ·
//!                         u32 chain length · per cert [v2: UTF "X.509"] u32+DER
//! entry 2 (trusted cert): tag · UTF alias · i64 date · [v2: UTF "X.509"] u32+DER
//! entry 3 (secret key):   tag · UTF alias · i64 date · Java serialization stream (no length)
//! SHA-1 = SHA1(UTF-16BE(password) ‖ "Mighty Aphrodite" ‖ every byte before it)
//! ```

use bytes::Bytes;
use sha1::{Digest, Sha1};
use subtle::ConstantTimeEq;

use crate::cert::Certificate;
use crate::entry::{Entry, PrivateKeyEntry, SecretKeyEntry, TrustedCertEntry};
use crate::error::{DecodeError, EncodeError, Error};
use crate::format::options::{Integrity, Stored};
use crate::kind::Format;
use crate::limits::{MAX_CERT_LEN, MAX_CHAIN_LENGTH, MAX_ENTRIES, MAX_KEY_LEN};
use crate::password;
use crate::protect::sealed::SealedKey;
use crate::protect::{ProtectedKey, ProtectedSecretKey, Protection};
use crate::store::{KeyStore, fold};
use crate::timestamp::Timestamp;
use crate::wire::datastream::{Reader, Writer};

const WHITENER: &[u8] = b"Mighty Aphrodite";
const DIGEST_LEN: usize = 20;
const TAG_PRIVATE_KEY: u32 = 1;
const TAG_TRUSTED_CERT: u32 = 2;
const TAG_SECRET_KEY: u32 = 3;
const CERT_TYPE: &str = "X.509";
/// tag + alias length + date: the least an entry can take.
const MIN_ENTRY_LEN: usize = 14;

fn integrity_digest(password: &str, body: &[u8]) -> [u8; DIGEST_LEN] {
    Sha1::new()
        .chain_update(password::utf16be(password))
        .chain_update(WHITENER)
        .chain_update(body)
        .finalize()
        .into()
}

/// Reads a JKS or JCEKS store; with a password, also checks the integrity digest.
///
/// Certificates are slices of `bytes`, not copies. (Hashing on a second thread while parsing
/// was measured slower here: the thread costs more than the parse it would hide.)
pub(super) fn decode(
    bytes: &Bytes,
    format: Format,
    password: Option<&str>,
) -> Result<(KeyStore, Stored), Error> {
    let (store, body_len) = parse(bytes, format)?;
    let Some(password) = password else {
        return Ok((store, Stored::new(format, Integrity::Unverified)));
    };
    let stored =
        bytes
            .get(body_len..body_len + DIGEST_LEN)
            .ok_or_else(|| DecodeError::Truncated {
                offset: offset(body_len),
                needed: offset((body_len + DIGEST_LEN).saturating_sub(bytes.len())),
            })?;
    if !bool::from(integrity_digest(password, &bytes[..body_len]).ct_eq(stored)) {
        return Err(Error::Integrity);
    }
    Ok((store, Stored::new(format, Integrity::Verified)))
}

/// Parses the entries; returns the store and where the integrity digest starts.
fn parse(bytes: &Bytes, format: Format) -> Result<(KeyStore, usize), Error> {
    let mut r = Reader::new(bytes);
    r.take(4)?; // magic, already matched by detection
    let version = r.u32()?;
    if version != 1 && version != 2 {
        return Err(DecodeError::UnsupportedVersion { format, version }.into());
    }
    let count = r.count("entry count", MAX_ENTRIES, MIN_ENTRY_LEN)?;
    let mut store = KeyStore::with_capacity(format, count);
    for _ in 0..count {
        let at = r.offset();
        let tag = r.u32()?;
        let alias = store.write_alias_with(|out| r.utf_into("alias", out))?;
        let entry = read_entry(&mut r, bytes, format, version, tag, at)?;
        store.push_loaded(alias, entry);
    }
    store.finish_load();
    Ok((store, r.offset()))
}

/// Reads an entry after its tag (at `at`) and alias.
fn read_entry(
    r: &mut Reader<'_>,
    buf: &Bytes,
    format: Format,
    version: u32,
    tag: u32,
    at: usize,
) -> Result<Entry, DecodeError> {
    let created = Timestamp::from_unix_millis(r.i64()?);
    let entry = match tag {
        TAG_PRIVATE_KEY => {
            let key_at = r.offset();
            let der = r.bytes32("protected key length", MAX_KEY_LEN)?;
            let key = ProtectedKey::from_der(buf.slice_ref(der)).map_err(|_| {
                r.invalid(
                    key_at,
                    "protected private key",
                    "not a DER EncryptedPrivateKeyInfo",
                )
            })?;
            let min_cert = if version == 1 { 4 } else { 6 };
            let n = r.count("certificate chain length", MAX_CHAIN_LENGTH, min_cert)?;
            let mut chain = Vec::with_capacity(n);
            for _ in 0..n {
                chain.push(read_cert(r, buf, version)?);
            }
            PrivateKeyEntry::from_parts(key, chain, created).into()
        }
        TAG_TRUSTED_CERT => TrustedCertEntry::new(read_cert(r, buf, version)?, created).into(),
        TAG_SECRET_KEY if format == Format::Jceks => {
            let start = r.offset();
            let (sealed, used) =
                SealedKey::parse(r.rest()).map_err(|e| e.shifted(offset(start)))?;
            r.take(used)?;
            SecretKeyEntry::new(ProtectedSecretKey::from_sealed(sealed), created).into()
        }
        _ => {
            return Err(DecodeError::UnknownEntryTag {
                offset: offset(at),
                tag,
            });
        }
    };
    Ok(entry)
}

fn read_cert(r: &mut Reader<'_>, buf: &Bytes, version: u32) -> Result<Certificate, DecodeError> {
    // "X.509" as Java writes it (u16 length, then the bytes): matched without decoding, as
    // a trust store has one per certificate.
    const CERT_TYPE_UTF: &[u8] = b"\x00\x05X.509";
    if version == 2 && r.rest().starts_with(CERT_TYPE_UTF) {
        r.take(CERT_TYPE_UTF.len())?;
    } else if version == 2 {
        let at = r.offset();
        if r.utf("certificate type")? != CERT_TYPE {
            return Err(r.invalid(
                at,
                "certificate type",
                "only X.509 certificates are supported",
            ));
        }
    }
    let at = r.offset();
    let der = r.bytes32("certificate length", MAX_CERT_LEN)?;
    Certificate::from_der_lazy(buf.slice_ref(der))
        .map_err(|_| r.invalid(at, "certificate", "not a DER certificate"))
}

/// Writes a JKS or JCEKS store (always version 2, as Java does).
pub(super) fn encode(
    store: &KeyStore,
    format: Format,
    password: &str,
) -> Result<Vec<u8>, EncodeError> {
    let capacity = 32
        + store
            .entries()
            .map(|(a, e)| a.len() + entry_len(e))
            .sum::<usize>();
    let mut w = Writer::with_capacity(capacity);
    w.bytes(&format.magic().unwrap_or(crate::kind::JKS_MAGIC));
    w.u32(2);
    w.u32(count("entry count", store.len())?);
    for (alias, entry) in store.entries() {
        write_entry(&mut w, format, alias, entry)?;
    }
    let digest = integrity_digest(password, &w.buf);
    w.bytes(&digest);
    Ok(w.buf)
}

fn entry_len(e: &Entry) -> usize {
    let certs: usize = e.chain().iter().map(|c| c.as_der().len() + 11).sum();
    let key = match e {
        Entry::PrivateKey(k) => k.protected_key().as_der().len() + 8,
        Entry::SecretKey(s) => s.protected_key().sealed().map_or(0, |s| s.as_bytes().len()),
        Entry::TrustedCert(_) => 0,
    };
    20 + certs + key
}

fn write_entry(
    w: &mut Writer,
    format: Format,
    alias: &str,
    entry: &Entry,
) -> Result<(), EncodeError> {
    let tag = match entry {
        Entry::PrivateKey(_) => TAG_PRIVATE_KEY,
        Entry::TrustedCert(_) => TAG_TRUSTED_CERT,
        Entry::SecretKey(_) => TAG_SECRET_KEY,
    };
    w.u32(tag);
    // Java finds entries only by their lower-cased alias, so never write another form.
    w.utf(&fold(alias))
        .ok_or_else(|| EncodeError::AliasTooLong {
            alias: alias.chars().take(64).collect(),
        })?;
    w.i64(entry.created().unix_millis());
    match entry {
        Entry::PrivateKey(k) => {
            let usable = match k.protected_key().protection() {
                Protection::JksKeyProtector => true,
                Protection::PbeWithMd5AndTripleDes => format == Format::Jceks,
                _ => false,
            };
            if !usable {
                return Err(EncodeError::IncompatibleProtection {
                    alias: alias.to_owned(),
                    format,
                });
            }
            w.bytes32(k.protected_key().as_der())?;
            w.u32(count("certificate chain length", k.chain().len())?);
            for cert in k.chain() {
                write_cert(w, cert)?;
            }
        }
        Entry::TrustedCert(t) => write_cert(w, t.certificate())?,
        Entry::SecretKey(s) => {
            if format != Format::Jceks {
                return Err(EncodeError::SecretKeyNotSupported {
                    alias: alias.to_owned(),
                    format,
                });
            }
            let sealed =
                s.protected_key()
                    .sealed()
                    .ok_or_else(|| EncodeError::IncompatibleProtection {
                        alias: alias.to_owned(),
                        format,
                    })?;
            w.bytes(sealed.as_bytes());
        }
    }
    Ok(())
}

/// A byte position as the `u64` errors carry.
fn offset(at: usize) -> u64 {
    u64::try_from(at).unwrap_or(u64::MAX)
}

/// A count as the format's `u32` field.
fn count(what: &'static str, n: usize) -> Result<u32, EncodeError> {
    u32::try_from(n).map_err(|_| EncodeError::TooLarge {
        what,
        len: offset(n),
    })
}

fn write_cert(w: &mut Writer, cert: &Certificate) -> Result<(), EncodeError> {
    w.utf(CERT_TYPE).expect("a short constant always fits");
    w.bytes32(cert.as_der())
}
