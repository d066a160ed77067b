//! New certificates and certificate requests, in the shape keytool gives them.
//!
//! ```text
//! Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature BIT STRING }
//! TBSCertificate ::= SEQUENCE { [0] version v3, serialNumber (64 random bits), signature,
//!     issuer, validity (UTCTime before 2050), subject, subjectPublicKeyInfo, [3] extensions }
//! extensions: SubjectKeyIdentifier always, then the requested ones, ordered by OID string
//! CertificationRequest ::= SEQUENCE { info { version 0, subject, spki,
//!     [0] { extensionRequest { extensions } } }, signatureAlgorithm, signature }
//! ```

use std::time::{Duration, SystemTime};

use der::asn1::{AnyRef, BitString, SetOfVec, UintRef};
use der::{Decode, Encode, Sequence};
use x509_cert::attr::Attribute;
use x509_cert::ext::Extension;
use x509_cert::name::Name;
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::time::{Time, Validity};

use crate::cert::Certificate;
use crate::dname::DistinguishedName;
use crate::error::{CertError, KeyError};
use crate::extension::{self, CertExtension};
use crate::key::PrivateKey;
use crate::sign::SignatureAlgorithm;

/// What a new certificate should say. A plain struct with keytool's defaults.
#[derive(Debug, Clone)]
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
    /// Extensions besides the SubjectKeyIdentifier that is always added.
    pub extensions: Vec<CertExtension>,
}

impl CertificateParams {
    /// Parameters for `subject` with keytool's defaults: from now, 90 days, random serial.
    pub fn new(subject: DistinguishedName) -> Self {
        Self {
            subject,
            not_before: SystemTime::now(),
            validity_days: 90,
            serial_number: None,
            signature_algorithm: None,
            extensions: Vec::new(),
        }
    }

    /// Sets the validity in days.
    pub fn validity_days(mut self, days: u32) -> Self {
        self.validity_days = days;
        self
    }

    /// Adds an extension.
    pub fn extension(mut self, ext: CertExtension) -> Self {
        self.extensions.push(ext);
        self
    }

    /// A self-signed certificate for `key`.
    pub fn self_signed(&self, key: &PrivateKey) -> Result<Certificate, CertError> {
        let spki = key.public_key_der()?;
        self.build(&spki, &self.subject, None, key)
    }

    /// A certificate for `subject_public_key` (DER `SubjectPublicKeyInfo`) issued by
    /// `issuer` with `issuer_key`; it carries the issuer's key identifier as its
    /// AuthorityKeyIdentifier, as keytool's `-gencert` does.
    pub fn signed_by(
        &self,
        subject_public_key: &[u8],
        issuer: &Certificate,
        issuer_key: &PrivateKey,
    ) -> Result<Certificate, CertError> {
        let issuer_name = issuer.subject()?;
        let akid = if key_bits(subject_public_key)? == issuer_key_bits(issuer)? {
            None // keytool adds no AKID when a certificate issues itself
        } else {
            Some(subject_key_id(issuer)?)
        };
        self.build(subject_public_key, &issuer_name, akid, issuer_key)
    }

    fn build(
        &self,
        spki_der: &[u8],
        issuer: &DistinguishedName,
        akid: Option<Vec<u8>>,
        key: &PrivateKey,
    ) -> Result<Certificate, CertError> {
        let algorithm = match self.signature_algorithm {
            Some(a) => a,
            None => SignatureAlgorithm::default_for(key)?,
        };
        let spki = SubjectPublicKeyInfoOwned::from_der(spki_der).map_err(malformed)?;
        let mut exts = vec![CertExtension::SubjectKeyId(extension::key_identifier(
            spki.subject_public_key.raw_bytes(),
        ))];
        exts.extend(akid.map(CertExtension::AuthorityKeyId));
        exts.extend(self.extensions.iter().cloned());
        let extensions = encode_extensions(&exts)?;
        let serial = match &self.serial_number {
            Some(s) => s.clone(),
            None => random_serial(),
        };
        let serial = positive_integer(&serial);
        let not_after = self
            .not_before
            .checked_add(Duration::from_secs(u64::from(self.validity_days) * 86_400))
            .ok_or_else(|| malformed("validity ends too far in the future"))?;
        let tbs = Tbs {
            version: 2,
            serial_number: UintRef::new(&serial).map_err(malformed)?,
            signature: algorithm.identifier(),
            issuer: issuer.as_name().clone(),
            validity: Validity::new(time(self.not_before)?, time(not_after)?),
            subject: self.subject.as_name().clone(),
            subject_public_key_info: spki,
            extensions,
        };
        let tbs_der = tbs.to_der().map_err(malformed)?;
        let signature = key.sign(algorithm, &tbs_der)?;
        Certificate::from_der(signed(&tbs_der, algorithm, &signature)?)
    }

    /// A PKCS#10 request for `key`, with the SubjectKeyIdentifier and the extensions, as
    /// keytool's `-certreq` writes it.
    pub fn request(&self, key: &PrivateKey) -> Result<Vec<u8>, CertError> {
        let algorithm = match self.signature_algorithm {
            Some(a) => a,
            None => SignatureAlgorithm::default_for(key)?,
        };
        let spki =
            SubjectPublicKeyInfoOwned::from_der(&key.public_key_der()?).map_err(malformed)?;
        let mut exts = vec![CertExtension::SubjectKeyId(extension::key_identifier(
            spki.subject_public_key.raw_bytes(),
        ))];
        exts.extend(self.extensions.iter().cloned());
        let list: Vec<Extension> = encode_extensions(&exts)?;
        let value = der::Any::encode_from(&list).map_err(malformed)?;
        let mut values = SetOfVec::new();
        values.insert(value).map_err(malformed)?;
        let mut attributes = SetOfVec::new();
        attributes
            .insert(Attribute {
                oid: der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.14"),
                values,
            })
            .map_err(malformed)?;
        let info = x509_cert::request::CertReqInfo {
            version: x509_cert::request::Version::V1,
            subject: self.subject.as_name().clone(),
            public_key: spki,
            attributes,
        };
        let info_der = info.to_der().map_err(malformed)?;
        let signature = key.sign(algorithm, &info_der)?;
        signed(&info_der, algorithm, &signature)
    }
}

#[derive(Sequence)]
struct Tbs<'a> {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    version: u8,
    serial_number: UintRef<'a>,
    signature: AlgorithmIdentifierOwned,
    issuer: Name,
    validity: Validity,
    subject: Name,
    subject_public_key_info: SubjectPublicKeyInfoOwned,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT")]
    extensions: Vec<Extension>,
}

#[derive(Sequence)]
struct Signed<'a> {
    body: AnyRef<'a>,
    algorithm: AlgorithmIdentifierOwned,
    signature: BitString,
}

fn signed(
    body_der: &[u8],
    algorithm: SignatureAlgorithm,
    signature: &[u8],
) -> Result<Vec<u8>, CertError> {
    Signed {
        body: AnyRef::from_der(body_der).map_err(malformed)?,
        algorithm: algorithm.identifier(),
        signature: BitString::from_bytes(signature).map_err(malformed)?,
    }
    .to_der()
    .map_err(malformed)
}

fn encode_extensions(exts: &[CertExtension]) -> Result<Vec<Extension>, CertError> {
    extension::ordered(exts)
        .into_iter()
        .map(|e| e.to_x509().map_err(|x| malformed(x.0)))
        .collect()
}

fn malformed(e: impl std::fmt::Display) -> CertError {
    CertError::Malformed {
        reason: e.to_string(),
    }
}

fn time(t: SystemTime) -> Result<Time, CertError> {
    // Certificates carry whole seconds.
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_err(malformed)?
        .as_secs();
    let dt = der::DateTime::from_unix_duration(Duration::from_secs(secs)).map_err(malformed)?;
    Ok(Time::from(dt))
}

/// keytool's `CertificateSerialNumber.newRandom64bit`: 64 random bits, positive, not zero.
fn random_serial() -> Vec<u8> {
    loop {
        let mut b = [0u8; 8];
        rand::fill(&mut b);
        if b != [0; 8] {
            return b.to_vec();
        }
    }
}

/// The minimal unsigned big-endian form `UintRef` wants (it adds the sign byte itself).
fn positive_integer(magnitude: &[u8]) -> Vec<u8> {
    let skip = magnitude
        .iter()
        .take_while(|&&b| b == 0)
        .count()
        .min(magnitude.len().saturating_sub(1));
    magnitude[skip..].to_vec()
}

fn key_bits(spki_der: &[u8]) -> Result<Vec<u8>, CertError> {
    let spki = SubjectPublicKeyInfoOwned::from_der(spki_der).map_err(malformed)?;
    Ok(spki.subject_public_key.raw_bytes().to_vec())
}

fn issuer_key_bits(issuer: &Certificate) -> Result<Vec<u8>, CertError> {
    Ok(issuer
        .parsed()?
        .tbs_certificate()
        .subject_public_key_info()
        .subject_public_key
        .raw_bytes()
        .to_vec())
}

/// The issuer's SubjectKeyIdentifier, or one computed from its key (keytool does the same).
fn subject_key_id(issuer: &Certificate) -> Result<Vec<u8>, CertError> {
    let tbs = issuer.parsed()?.tbs_certificate();
    Ok(issuer.subject_key_id().unwrap_or_else(|| {
        extension::key_identifier(tbs.subject_public_key_info().subject_public_key.raw_bytes())
    }))
}

impl From<KeyError> for CertError {
    fn from(e: KeyError) -> Self {
        CertError::Key(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keytool_ext;

    #[test]
    fn self_signed_certificate_verifies_and_carries_the_extensions() {
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let mut params = CertificateParams::new(
            "CN=cvp1.example.com, OU=CC, O=Example, C=US"
                .parse()
                .unwrap(),
        )
        .validity_days(1095);
        for e in [
            "san=dns:cvp1.example.com,ip:10.0.0.1",
            "eku=serverAuth,clientAuth",
            "ku=digitalSignature,keyEncipherment",
        ] {
            params
                .extensions
                .push(keytool_ext::parse(e).unwrap().unwrap());
        }
        let cert = params.self_signed(&key).unwrap();
        assert!(cert.is_self_signed());
        assert_eq!(
            cert.subject().unwrap().to_string(),
            "CN=cvp1.example.com, OU=CC, O=Example, C=US"
        );
        let tbs = cert.parsed().unwrap().tbs_certificate();
        let oids: Vec<String> = tbs
            .extensions()
            .unwrap()
            .iter()
            .map(|e| e.extn_id.to_string())
            .collect();
        assert_eq!(oids, ["2.5.29.14", "2.5.29.15", "2.5.29.17", "2.5.29.37"]);
        let v = tbs.validity();
        let days =
            (v.not_after.to_unix_duration() - v.not_before.to_unix_duration()).as_secs() / 86_400;
        assert_eq!(days, 1095);
        let serial = tbs.serial_number().as_bytes();
        assert!(serial.len() <= 9 && serial[0] & 0x80 == 0);
    }

    #[test]
    fn issued_certificates_chain_to_their_issuer() {
        let ca_key = PrivateKey::generate_rsa(2048).unwrap();
        let ca = CertificateParams::new("CN=Test CA".parse().unwrap())
            .extension(keytool_ext::parse("bc:c").unwrap().unwrap())
            .self_signed(&ca_key)
            .unwrap();
        let leaf_key = PrivateKey::generate_rsa(2048).unwrap();
        let leaf = CertificateParams::new("CN=leaf".parse().unwrap())
            .signed_by(&leaf_key.public_key_der().unwrap(), &ca, &ca_key)
            .unwrap();
        assert!(leaf.is_signed_by(&ca) && !leaf.is_self_signed());
        assert_eq!(crate::build_chain(&leaf, &[&ca]).map(|c| c.len()), Some(2));
        let oids: Vec<String> = leaf
            .parsed()
            .unwrap()
            .tbs_certificate()
            .extensions()
            .unwrap()
            .iter()
            .map(|e| e.extn_id.to_string())
            .collect();
        assert_eq!(oids, ["2.5.29.14", "2.5.29.35"]);
        let csr = CertificateParams::new("CN=leaf".parse().unwrap())
            .request(&leaf_key)
            .unwrap();
        assert_eq!(csr[0], 0x30);
    }
}
