//! PKCS#12 as Java reads and writes it.
//!
//! Reading reproduces `PKCS12KeyStore.engineLoad`: aliases from friendlyName (or `"1"`,
//! `"2"`, … when missing), creation dates from a `localKeyId` of `Time <ms>`, trusted
//! certificates recognised by Java's trustedKeyUsage attribute, key chains rebuilt from every
//! certificate in the file, and without a password the encrypted containers are skipped.
//! Writing produces Java's layout: one `data` container of key and secret bags, then the
//! certificates, encrypted or (password-less form) not, then the MAC.
//!
//! The `p12-keystore` crate reads and writes PKCS#12 too, but it cannot write the
//! password-less form, drops trusted certificates that carry a `localKeyId`, loses non-BMP
//! aliases, decrypts every key on load and does not keep Java's dates; this module builds
//! Java's semantics from the same RustCrypto parts it uses (`der`, `pkcs12`, `cms`, `pkcs5`).

mod link;
mod read;
mod write;

use bytes::Bytes;
use der::Decode;
use der::asn1::ObjectIdentifier;
use pkcs12::MacData;

use crate::cert::Certificate;
use crate::entry::{Entry, PrivateKeyEntry, SecretKeyEntry, TrustedCertEntry};
use crate::error::{DecodeError, Error, KeyError};
use crate::format::Format;
use crate::protect::pkcs12pbe;
use crate::protect::{ProtectedKey, ProtectedSecretKey, Protection};
use crate::store::KeyStore;
use crate::timestamp::Timestamp;

use read::{BagValue, Content, Origin};

pub(super) use write::encode;

/// How a PKCS#12 store's certificates are protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CertProtection {
    /// PBES2: PBKDF2-HmacSHA256 and AES-256-CBC (Java 16+, OpenSSL 3).
    Pbes2Aes256,
    /// `pbeWithSHAAnd40BitRC2-CBC` (Java 8, OpenSSL 1.x).
    Rc2With40BitKey,
    /// `pbeWithSHAAnd3-KeyTripleDES-CBC`.
    TripleDes,
    /// Not encrypted: the password-less form of Java 18+ `cacerts`.
    None,
}

/// The integrity MAC of a PKCS#12 store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MacAlgorithm {
    /// HMAC-SHA1 (Java 8, OpenSSL 1.x).
    HmacSha1,
    /// HMAC-SHA256 (Java 16+, OpenSSL 3).
    HmacSha256,
    /// HMAC-SHA384.
    HmacSha384,
    /// HMAC-SHA512.
    HmacSha512,
    /// No MAC: the password-less form.
    None,
}

impl MacAlgorithm {
    fn digest_oid(self) -> Option<&'static str> {
        Some(match self {
            Self::HmacSha1 => "1.3.14.3.2.26",
            Self::HmacSha256 => "2.16.840.1.101.3.4.2.1",
            Self::HmacSha384 => "2.16.840.1.101.3.4.2.2",
            Self::HmacSha512 => "2.16.840.1.101.3.4.2.3",
            Self::None => return None,
        })
    }

    fn from_digest_oid(oid: &ObjectIdentifier) -> Self {
        match oid.to_string().as_str() {
            "1.3.14.3.2.26" => Self::HmacSha1,
            "2.16.840.1.101.3.4.2.2" => Self::HmacSha384,
            "2.16.840.1.101.3.4.2.3" => Self::HmacSha512,
            _ => Self::HmacSha256,
        }
    }
}

/// How a PKCS#12 store is written: its certificate protection, MAC and the protection of
/// keys added to it.
///
/// A loaded store keeps the form it was read in, as Java does: a password-less `cacerts`
/// stays password-less, a Java 8 store keeps its algorithms. New stores use
/// [`Pkcs12Options::modern`]; set another with [`KeyStore::set_pkcs12_options`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Pkcs12Options {
    /// How the certificates are protected.
    pub cert_protection: CertProtection,
    /// PBE iterations for the certificates.
    pub cert_iterations: u32,
    /// The integrity MAC.
    pub mac: MacAlgorithm,
    /// PKCS#12 KDF iterations for the MAC key.
    pub mac_iterations: u32,
    /// How keys and secret keys added to the store are protected
    /// ([`Protection::Pbes2`] or [`Protection::Pkcs12Pbe`]).
    pub key_protection: Protection,
}

impl Pkcs12Options {
    /// Java 16+ defaults: PBES2 AES-256 with 10,000 PBKDF2-HmacSHA256 iterations for keys and
    /// certificates, HMAC-SHA256 MAC with 10,000 iterations.
    pub const fn modern() -> Self {
        Self {
            cert_protection: CertProtection::Pbes2Aes256,
            cert_iterations: pkcs12pbe::DEFAULT_ITERATIONS,
            mac: MacAlgorithm::HmacSha256,
            mac_iterations: pkcs12pbe::DEFAULT_ITERATIONS,
            key_protection: Protection::Pbes2,
        }
    }

    /// Java 8 (and `-J-Dkeystore.pkcs12.legacy`): 3DES keys, RC2-40 certificates, both with
    /// 50,000 iterations, HMAC-SHA1 MAC with 100,000. Readable by every Java version.
    pub const fn legacy() -> Self {
        Self {
            cert_protection: CertProtection::Rc2With40BitKey,
            cert_iterations: pkcs12pbe::LEGACY_ITERATIONS,
            mac: MacAlgorithm::HmacSha1,
            mac_iterations: pkcs12pbe::LEGACY_MAC_ITERATIONS,
            key_protection: Protection::Pkcs12Pbe,
        }
    }

    /// The password-less form of Java 18+ `cacerts`: certificates unencrypted, no MAC
    /// (keys, if any, are still encrypted with PBES2).
    pub const fn passwordless() -> Self {
        Self {
            cert_protection: CertProtection::None,
            mac: MacAlgorithm::None,
            ..Self::modern()
        }
    }

    /// True when neither certificates nor integrity need a password.
    pub fn is_passwordless(&self) -> bool {
        self.cert_protection == CertProtection::None && self.mac == MacAlgorithm::None
    }
}

impl Default for Pkcs12Options {
    fn default() -> Self {
        Self::modern()
    }
}

/// True when `bytes` are a password-less PKCS#12 (no MAC and no encrypted container), which
/// keytool opens without asking for a password.
pub fn is_passwordless(bytes: &[u8]) -> bool {
    let origin = Origin::new(bytes);
    let Ok(pfx) = read::pfx(bytes, origin) else {
        return false;
    };
    pfx.mac.is_none()
        && read::contents(pfx.auth_safe, origin)
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
/// the same) and the store is marked incomplete so that it cannot be saved.
///
/// `budget` caps the key-derivation iterations the load may run
/// ([`MAX_LOAD_ITERATIONS`](crate::limits::MAX_LOAD_ITERATIONS) normally).
pub(super) fn decode(
    bytes: &Bytes,
    password: Option<&str>,
    budget: u64,
) -> Result<KeyStore, Error> {
    let origin = Origin::new(bytes);
    let pfx = read::pfx(bytes, origin)?;
    let contents = read::contents(pfx.auth_safe, origin)?;
    let mac =
        pfx.mac.map(MacData::from_der).transpose().map_err(|_| {
            origin.invalid(pfx.mac.unwrap_or(bytes), "PKCS#12 MacData", "unreadable")
        })?;
    let options = detect_options(&contents, mac.as_ref())?;
    if let Some(password) = password {
        check_budget(&contents, mac.as_ref(), origin, pfx.auth_safe, budget)?;
        verify_and_load(
            bytes,
            origin,
            pfx.auth_safe,
            &contents,
            mac.as_ref(),
            password,
            options,
        )
    } else {
        let mut loader = link::Loader::new(options);
        for c in &contents {
            match c {
                Content::Data(sc) => load_bags(&mut loader, bytes, sc, origin)?,
                Content::Encrypted { .. } => loader.incomplete = true,
            }
        }
        Ok(loader.finish())
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
    let mut total: u64 = mac.map_or(0, |m| u64::try_from(m.iterations).unwrap_or(u64::MAX));
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
    options: Pkcs12Options,
) -> Result<KeyStore, Error> {
    let check_mac = || mac.map(|m| pkcs12pbe::verify_mac(m, password, auth_safe));
    let encrypted = contents
        .iter()
        .any(|c| matches!(c, Content::Encrypted { .. }));
    let (mac_ok, loaded) = if encrypted && mac.is_some() {
        std::thread::scope(|s| {
            let worker = s.spawn(check_mac);
            let loaded = load_all(bytes, origin, contents, password, options);
            let failed = Some(Err(KeyError::Malformed {
                reason: "MAC check failed",
            }));
            (worker.join().unwrap_or(failed), loaded)
        })
    } else {
        (
            check_mac(),
            load_all(bytes, origin, contents, password, options),
        )
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
    options: Pkcs12Options,
) -> Result<KeyStore, Error> {
    let mut loader = link::Loader::new(options);
    for c in contents {
        match c {
            Content::Data(sc) => load_bags(&mut loader, bytes, sc, origin)?,
            Content::Encrypted {
                algorithm,
                params,
                ciphertext,
            } => {
                let plain = match pkcs12pbe::decrypt(algorithm, *params, ciphertext, password) {
                    Ok(p) => Bytes::from(p.to_vec()),
                    Err(KeyError::WrongPassword) => return Err(Error::WrongStorePassword),
                    Err(e) => return Err(e.into()),
                };
                // Java reports anything wrong inside a decrypted container (garbage from a
                // wrong password whose padding happened to check) as a wrong password.
                load_bags(&mut loader, &plain, &plain, Origin::new(&plain)).map_err(
                    |e| match e {
                        Error::Decode(_) => Error::WrongStorePassword,
                        other => other,
                    },
                )?;
            }
        }
    }
    Ok(loader.finish())
}

fn load_bags(
    loader: &mut link::Loader,
    owner: &Bytes,
    safe_contents: &[u8],
    origin: Origin<'_>,
) -> Result<(), Error> {
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
                let shared = shared(owner, der).ok_or_else(|| not_a_cert(origin, der))?;
                link::Item::Cert(
                    Certificate::from_der_lazy(shared).map_err(|_| not_a_cert(origin, der))?,
                )
            }
            BagValue::Ignored => continue,
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
        None => options.cert_protection = CertProtection::None,
    }
    match mac {
        Some(m) => {
            options.mac = MacAlgorithm::from_digest_oid(&m.mac.algorithm.oid);
            options.mac_iterations = u32::try_from(m.iterations).unwrap_or(1).max(1);
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

/// The entry kinds a loaded file can hold, with their dates, before chains are linked.
pub(super) fn date_from_key_id(key_id: &[u8]) -> Option<Timestamp> {
    let text = std::str::from_utf8(key_id).ok()?;
    let millis: i64 = text.strip_prefix("Time ")?.parse().ok()?;
    Some(Timestamp::from_unix_millis(millis))
}

/// The `localKeyId` Java writes for an entry: its creation date as text.
pub(super) fn key_id_for(created: Timestamp) -> Vec<u8> {
    format!("Time {}", created.unix_millis()).into_bytes()
}

impl KeyStore {
    /// The PKCS#12 form the store is written in (see [`Pkcs12Options`]).
    pub fn pkcs12_options(&self) -> &Pkcs12Options {
        &self.pkcs12
    }

    /// Chooses the PKCS#12 form to write, for example [`Pkcs12Options::passwordless`] for a
    /// `cacerts`-style trust store or [`Pkcs12Options::legacy`] for Java 8.
    pub fn set_pkcs12_options(&mut self, options: Pkcs12Options) {
        self.pkcs12 = options;
    }

    /// The protection this store gives keys added to it: the JKS key protector, JCEKS's
    /// `PBEWithMD5AndTripleDES`, or the PKCS#12 options' key protection.
    pub fn key_protection(&self) -> Protection {
        match self.format() {
            Format::Jks => Protection::JksKeyProtector,
            Format::Jceks => Protection::PbeWithMd5AndTripleDes,
            Format::Pkcs12 => self.pkcs12.key_protection,
        }
    }
}

// Keep the constructors in one place for the entry kinds the loader makes.
fn trusted(cert: Certificate, now: Timestamp) -> Entry {
    TrustedCertEntry::new(cert, now).into()
}

fn secret(key: ProtectedSecretKey, created: Timestamp) -> Entry {
    SecretKeyEntry::new(key, created).into()
}

fn private(key: ProtectedKey, chain: Vec<Certificate>, created: Timestamp) -> Entry {
    PrivateKeyEntry::from_parts(key, chain, created).into()
}
