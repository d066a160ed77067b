//! Keystores as `rustls` wants them (feature `rustls`): a private-key entry as a certificate
//! chain and a key, a trust store as trust anchors.
//!
//! ```no_run
//! # fn main() -> Result<(), javakeystore::Error> {
//! use javakeystore::KeyStore;
//! // Tomcat's `keystoreFile`/`keystorePass`/`keyAlias`, as a Rust server would read them.
//! let store = KeyStore::load("conf/.keystore", "changeit")?;
//! let (chain, key) = store.rustls_identity(Some("tomcat"), "changeit")?;
//! // rustls::ServerConfig::builder().with_no_client_auth().with_single_cert(chain, key)
//! let anchors = KeyStore::load("/etc/ssl/certs/java/cacerts", "changeit")?.rustls_trust_anchors();
//! // rustls::RootCertStore { roots: anchors }
//! # let _ = (chain, key, anchors);
//! # Ok(()) }
//! ```

use der::{Decode, Encode};
use rustls_pki_types::{CertificateDer, Der, PrivateKeyDer, PrivatePkcs8KeyDer, TrustAnchor};

use crate::entry::{Entry, PrivateKeyEntry};
use crate::error::{Error, KeyError, StoreError};
use crate::store::KeyStore;

/// A certificate chain and its private key, as `rustls` takes them.
pub type Identity = (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>);

impl PrivateKeyEntry {
    /// The chain (end entity first) and the decrypted PKCS#8 key.
    pub fn to_rustls(&self, password: &str) -> Result<Identity, KeyError> {
        let key = self.open(password)?;
        let chain = self
            .chain()
            .iter()
            .map(|c| CertificateDer::from(c.as_der().to_vec()))
            .collect();
        let key = PrivatePkcs8KeyDer::from(key.pkcs8_with_public_key()?.to_vec());
        Ok((chain, PrivateKeyDer::Pkcs8(key)))
    }
}

impl KeyStore {
    /// The identity of the private-key entry `alias`, or of the first one when `alias` is
    /// `None` (what Tomcat does without `keyAlias`).
    pub fn rustls_identity(&self, alias: Option<&str>, password: &str) -> Result<Identity, Error> {
        let found = match alias {
            Some(a) => self.entry(a)?,
            None => self
                .entries()
                .map(|(_, e)| e)
                .find(|e| matches!(e, Entry::PrivateKey(_)))
                .ok_or_else(|| StoreError::AliasNotFound {
                    alias: "(any private key entry)".into(),
                })?,
        };
        match found {
            Entry::PrivateKey(k) => Ok(k.to_rustls(password)?),
            other => Err(StoreError::WrongEntryKind {
                alias: alias.unwrap_or_default().to_owned(),
                expected: "PrivateKeyEntry",
                found: other.kind().keytool_name(),
            }
            .into()),
        }
    }

    /// The trusted certificates, DER-encoded.
    pub fn rustls_trusted_certificates(&self) -> Vec<CertificateDer<'static>> {
        self.entries()
            .filter_map(|(_, e)| match e {
                Entry::TrustedCert(t) => {
                    Some(CertificateDer::from(t.certificate().as_der().to_vec()))
                }
                _ => None,
            })
            .collect()
    }

    /// The trusted certificates as trust anchors (subject, key and name constraints, as
    /// webpki extracts them). Certificates that do not parse are left out.
    pub fn rustls_trust_anchors(&self) -> Vec<TrustAnchor<'static>> {
        self.entries()
            .filter_map(|(_, e)| match e {
                Entry::TrustedCert(t) => anchor(t.certificate()),
                _ => None,
            })
            .collect()
    }
}

/// The contents (without tag and length) of a DER value.
fn contents(der: &[u8]) -> Option<Vec<u8>> {
    der::asn1::AnyRef::from_der(der)
        .ok()
        .map(|a| a.value().to_vec())
}

fn anchor(cert: &crate::cert::Certificate) -> Option<TrustAnchor<'static>> {
    let tbs = cert.parsed().ok()?.tbs_certificate();
    let subject = contents(&tbs.subject().to_der().ok()?)?;
    let spki = contents(&tbs.subject_public_key_info().to_der().ok()?)?;
    let name_constraints = tbs
        .extensions()
        .into_iter()
        .flatten()
        .find(|e| e.extn_id.to_string() == "2.5.29.30")
        .and_then(|e| contents(e.extn_value.as_bytes()));
    Some(TrustAnchor {
        subject: Der::from(subject),
        subject_public_key_info: Der::from(spki),
        name_constraints: name_constraints.map(Der::from),
    })
}
