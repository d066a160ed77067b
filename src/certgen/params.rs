//! What a new certificate should say.

use std::time::SystemTime;

use crate::cert::Certificate;
use crate::error::CertError;
use crate::extension::{Extension, GeneralName, KeyUsage};
use crate::name::DistinguishedName;
use crate::oid::Oid;
use crate::sign::SignatureAlgorithm;

/// What a new certificate (or request) should say, with keytool's defaults.
///
/// ```
/// use javakeystore::{CertificateParams, PrivateKey};
/// use javakeystore::extension::{GeneralName, KeyUsage};
/// # fn main() -> Result<(), javakeystore::Error> {
/// let key = PrivateKey::generate_rsa(2048)?;
/// let mut params = CertificateParams::new("CN=cvp1.example.com, O=Example".parse()?);
/// params.validity_days = 730;
/// params.subject_alt_names = vec![GeneralName::Dns("cvp1.example.com".into())];
/// params.key_usage = Some(KeyUsage::DIGITAL_SIGNATURE | KeyUsage::KEY_ENCIPHERMENT);
/// params.extended_key_usage = vec![javakeystore::Oid::SERVER_AUTH, javakeystore::Oid::CLIENT_AUTH];
/// let cert = params.self_signed(&key)?;
/// assert_eq!(cert.inspect()?.subject_alt_names().len(), 1);
/// let csr = params.request(&key)?;
/// assert_eq!(csr.subject().to_string(), "CN=cvp1.example.com, O=Example");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CertificateParams {
    /// The subject (and, when self-signed, issuer) name.
    pub subject: DistinguishedName,
    /// Start of validity (keytool: now, or `-startdate`).
    pub not_before: SystemTime,
    /// Validity in days (keytool's `-validity`, default 90).
    pub validity_days: u32,
    /// The serial number's big-endian magnitude; `None` draws 64 random bits as keytool does.
    pub serial_number: Option<Vec<u8>>,
    /// The signature algorithm; `None` takes keytool's default for the key.
    pub signature_algorithm: Option<SignatureAlgorithm>,
    /// Subject alternative names (a non-critical extension when not empty).
    pub subject_alt_names: Vec<GeneralName>,
    /// Key usages (a non-critical extension, as keytool writes `-ext ku=` without `:c`).
    pub key_usage: Option<KeyUsage>,
    /// Extended key usages (a non-critical extension when not empty).
    pub extended_key_usage: Vec<Oid>,
    /// Any other extensions, besides the SubjectKeyIdentifier that is always added. An
    /// extension here replaces a typed field's extension of the same OID.
    pub extensions: Vec<Extension>,
}

impl Default for CertificateParams {
    fn default() -> Self {
        Self::new(DistinguishedName::from_components("", "", "", "", "", ""))
    }
}

impl CertificateParams {
    /// Parameters that issue `cert` again as keytool's `-selfcert` does: its subject and
    /// all its extensions (the SubjectKeyIdentifier is computed again from the signing key),
    /// from now for 90 days, with a new random serial. Change any field before signing.
    ///
    /// ```
    /// use javakeystore::{CertificateParams, PrivateKey};
    /// # fn main() -> Result<(), javakeystore::Error> {
    /// let key = PrivateKey::generate_rsa(2048)?;
    /// let old = CertificateParams::new("CN=old".parse()?).self_signed(&key)?;
    /// let mut params = CertificateParams::renewing(&old)?;
    /// params.validity_days = 825;
    /// let renewed = params.self_signed(&key)?;
    /// assert_eq!(renewed.subject()?.to_string(), "CN=old");
    /// assert_ne!(renewed.inspect()?.serial, old.inspect()?.serial);
    /// # Ok(()) }
    /// ```
    pub fn renewing(cert: &Certificate) -> Result<Self, CertError> {
        let info = cert.inspect()?;
        let mut params = Self::new(info.subject);
        params.extensions = info
            .extensions
            .into_iter()
            .filter(|e| !matches!(e, Extension::SubjectKeyIdentifier { .. }))
            .collect();
        Ok(params)
    }

    /// Parameters for `subject` with keytool's defaults: from now, 90 days, random serial.
    pub fn new(subject: DistinguishedName) -> Self {
        Self {
            subject,
            not_before: SystemTime::now(),
            validity_days: 90,
            serial_number: None,
            signature_algorithm: None,
            subject_alt_names: Vec::new(),
            key_usage: None,
            extended_key_usage: Vec::new(),
            extensions: Vec::new(),
        }
    }

    /// Sets the validity in days.
    pub fn validity_days(mut self, days: u32) -> Self {
        self.validity_days = days;
        self
    }

    /// Adds an extension.
    pub fn extension(mut self, ext: Extension) -> Self {
        self.extensions.push(ext);
        self
    }

    /// Every requested extension: the typed fields first, then `extensions` (which win).
    pub(crate) fn requested_extensions(&self) -> Vec<Extension> {
        let mut out = Vec::new();
        if !self.subject_alt_names.is_empty() {
            out.push(Extension::SubjectAltName {
                critical: false,
                names: self.subject_alt_names.clone(),
            });
        }
        if let Some(usage) = self.key_usage {
            out.push(Extension::KeyUsage {
                critical: false,
                usage,
            });
        }
        if !self.extended_key_usage.is_empty() {
            out.push(Extension::ExtendedKeyUsage {
                critical: false,
                purposes: self.extended_key_usage.clone(),
            });
        }
        out.extend(self.extensions.iter().cloned());
        out
    }
}
