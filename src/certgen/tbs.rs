//! Encoding and signing a certificate.

use std::time::{Duration, SystemTime};

use der::asn1::{AnyRef, BitString, UintRef};
use der::{Decode, Encode, Sequence};
use x509_cert::ext::Extension as X509Extension;
use x509_cert::name::Name;
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::time::{Time, Validity};

use crate::cert::Certificate;
use crate::certgen::params::CertificateParams;
use crate::error::CertError;
use crate::extension::{Extension, ordered};
use crate::key::PrivateKey;
use crate::name::DistinguishedName;
use crate::sign::SignatureAlgorithm;

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
    extensions: Vec<X509Extension>,
}

#[derive(Sequence)]
struct Signed<'a> {
    body: AnyRef<'a>,
    algorithm: AlgorithmIdentifierOwned,
    signature: BitString,
}

fn malformed(what: &'static str) -> impl Fn(der::Error) -> CertError {
    move |_| CertError::Unencodable { what }
}

/// `body ‖ algorithm ‖ signature` as a signed structure (certificate, request, CRL).
pub(crate) fn signed(
    body_der: &[u8],
    algorithm: SignatureAlgorithm,
    signature: &[u8],
) -> Result<Vec<u8>, CertError> {
    Signed {
        body: AnyRef::from_der(body_der).map_err(malformed("the signed body"))?,
        algorithm: algorithm.identifier(),
        signature: BitString::from_bytes(signature).map_err(malformed("the signature"))?,
    }
    .to_der()
    .map_err(malformed("the signed structure"))
}

/// The extensions as Java encodes them: ordered by OID, later ones for an OID winning.
pub(crate) fn encode_extensions(exts: &[Extension]) -> Result<Vec<X509Extension>, CertError> {
    ordered(exts)
        .into_iter()
        .map(|e| e.to_x509().map_err(CertError::Extension))
        .collect()
}

/// SHA-1 of a public key's BIT STRING contents: RFC 5280's key identifier (method 1), which
/// is what Java computes.
pub(crate) fn key_identifier(subject_public_key: &[u8]) -> Vec<u8> {
    use sha1::{Digest, Sha1};
    Sha1::digest(subject_public_key).to_vec()
}

pub(crate) fn parse_spki(der: &[u8]) -> Result<SubjectPublicKeyInfoOwned, CertError> {
    SubjectPublicKeyInfoOwned::from_der(der).map_err(|e| CertError::der("public key", &e))
}

pub(crate) fn time(t: SystemTime) -> Result<Time, CertError> {
    // Certificates carry whole seconds.
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_err(|_| CertError::Unencodable {
            what: "a validity before 1970",
        })?
        .as_secs();
    let dt = der::DateTime::from_unix_duration(Duration::from_secs(secs))
        .map_err(malformed("a validity after 9999"))?;
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

impl CertificateParams {
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
        let own = parse_spki(subject_public_key)?;
        let issuer_spki = issuer.parsed()?.tbs_certificate().subject_public_key_info();
        let akid = if own.subject_public_key == issuer_spki.subject_public_key {
            None // keytool adds no AKID when a certificate issues itself
        } else {
            Some(
                issuer
                    .subject_key_id()
                    .unwrap_or_else(|| key_identifier(issuer_spki.subject_public_key.raw_bytes())),
            )
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
        let spki = parse_spki(spki_der)?;
        let mut exts = vec![Extension::SubjectKeyIdentifier {
            critical: false,
            key_id: key_identifier(spki.subject_public_key.raw_bytes()),
        }];
        exts.extend(akid.map(|id| Extension::AuthorityKeyIdentifier {
            critical: false,
            key_id: Some(id),
            issuer: None,
            serial: None,
        }));
        exts.extend(self.requested_extensions());
        let serial = positive_integer(&self.serial_number.clone().unwrap_or_else(random_serial));
        let not_after = self
            .not_before
            .checked_add(Duration::from_secs(u64::from(self.validity_days) * 86_400))
            .ok_or(CertError::Unencodable {
                what: "a validity that ends after 9999",
            })?;
        let tbs = Tbs {
            version: 2,
            serial_number: UintRef::new(&serial).map_err(malformed("the serial number"))?,
            signature: algorithm.identifier(),
            issuer: issuer.as_name().clone(),
            validity: Validity::new(time(self.not_before)?, time(not_after)?),
            subject: self.subject.as_name().clone(),
            subject_public_key_info: spki,
            extensions: encode_extensions(&exts)?,
        };
        let tbs_der = tbs.to_der().map_err(malformed("the certificate"))?;
        let signature = key.sign(algorithm, &tbs_der)?;
        Certificate::from_der(signed(&tbs_der, algorithm, &signature)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keytool::parse_ext;

    fn ext(s: &str) -> Extension {
        parse_ext(s).expect("parses").expect("an extension")
    }

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
            params.extensions.push(ext(e));
        }
        let cert = params.self_signed(&key).unwrap();
        assert!(cert.is_self_signed());
        let info = cert.inspect().unwrap();
        assert_eq!(
            info.subject.to_string(),
            "CN=cvp1.example.com, OU=CC, O=Example, C=US"
        );
        let oids: Vec<String> = info
            .extensions
            .iter()
            .map(|e| e.oid().to_string())
            .collect();
        assert_eq!(oids, ["2.5.29.14", "2.5.29.15", "2.5.29.17", "2.5.29.37"]);
        let days = (info.not_after.unix_millis() - info.not_before.unix_millis()) / 86_400_000;
        assert_eq!(days, 1095);
        let serial = info.serial.as_bytes();
        assert!(serial.len() <= 9 && serial[0] & 0x80 == 0);
    }

    #[test]
    fn issued_certificates_chain_to_their_issuer() {
        let ca_key = PrivateKey::generate_rsa(2048).unwrap();
        let ca = CertificateParams::new("CN=Test CA".parse().unwrap())
            .extension(ext("bc:c"))
            .self_signed(&ca_key)
            .unwrap();
        let leaf_key = PrivateKey::generate_rsa(2048).unwrap();
        let leaf = CertificateParams::new("CN=leaf".parse().unwrap())
            .signed_by(&leaf_key.public_key_der().unwrap(), &ca, &ca_key)
            .unwrap();
        assert!(leaf.is_signed_by(&ca) && !leaf.is_self_signed());
        assert_eq!(crate::build_chain(&leaf, &[&ca]).map(|c| c.len()), Some(2));
        let oids: Vec<String> = leaf
            .extensions()
            .unwrap()
            .iter()
            .map(|e| e.oid().to_string())
            .collect();
        assert_eq!(oids, ["2.5.29.14", "2.5.29.35"]);
        let csr = CertificateParams::new("CN=leaf".parse().unwrap())
            .request(&leaf_key)
            .unwrap();
        assert_eq!(csr.subject().to_string(), "CN=leaf");
    }

    #[test]
    fn typed_fields_become_extensions_and_explicit_ones_win() {
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let mut params = CertificateParams::new("CN=x".parse().unwrap());
        params.key_usage = Some(crate::extension::KeyUsage::DIGITAL_SIGNATURE);
        params.extensions.push(ext("ku:c=keyCertSign"));
        let exts = params.self_signed(&key).unwrap().extensions().unwrap();
        let ku: Vec<&Extension> = exts
            .iter()
            .filter(|e| matches!(e, Extension::KeyUsage { .. }))
            .collect();
        assert_eq!(ku.len(), 1);
        assert!(
            ku[0].is_critical(),
            "the explicit extension replaces the typed field's"
        );
    }
}
