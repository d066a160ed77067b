//! Private keys in PEM, as Let's Encrypt, cert-manager and Vault hand them out, in and out
//! of stores: a key (PKCS#8 plain or encrypted, PKCS#1 RSA, SEC1 EC) with its chain from one
//! file, in any order (`cat key.pem fullchain.pem`); and a key entry's key as PKCS#8 PEM,
//! PBES2/AES-256 encrypted under a password.
//!
//! PKCS#1 and SEC1 keys become PKCS#8 by wrapping them, as RFC 5208 and RFC 5915 define:
//! ```text
//! PrivateKeyInfo ::= SEQUENCE { version INTEGER (0), AlgorithmIdentifier, OCTET STRING key }
//! ECPrivateKey   ::= SEQUENCE { version 1, privateKey OCTET STRING,
//!                               [0] parameters (the curve OID), [1] publicKey OPTIONAL }
//! ```

use zeroize::Zeroizing;

use crate::cert::Certificate;
use crate::error::{Error, PemKeyError};
use crate::key::PrivateKey;
use crate::protect::{ProtectedKey, Protection};
use crate::wire::tlv;

/// DER of rsaEncryption (1.2.840.113549.1.1.1) with its NULL parameters.
const RSA_ALGORITHM: &[u8] = &[
    0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00,
];
/// DER of id-ecPublicKey (1.2.840.10045.2.1).
const EC_PUBLIC_KEY: &[u8] = &[0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01];

/// A private key and its certificate chain, leaf first.
#[derive(Debug)]
#[non_exhaustive]
pub struct PemIdentity {
    /// The key.
    pub key: PrivateKey,
    /// The certificate holding the key first, then its issuers as far as the file has them.
    pub chain: Vec<Certificate>,
}

/// PEM blocks whose contents are wiped when dropped (`pem::Pem` does not wipe its own).
struct Blocks(Vec<pem::Pem>);

impl Drop for Blocks {
    fn drop(&mut self) {
        for block in self.0.drain(..) {
            drop(Zeroizing::new(block.into_contents()));
        }
    }
}

/// DER TLV with a definite length.
fn der(tag: u8, body: &[u8]) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(body.len() + 6));
    out.push(tag);
    let len = body.len();
    if len < 0x80 {
        out.push(len.to_le_bytes()[0]);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | u8::try_from(bytes.len() - skip).unwrap_or(8));
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(body);
    out
}

fn pkcs8(algorithm: &[u8], key: &[u8]) -> Zeroizing<Vec<u8>> {
    let mut body = Zeroizing::new(vec![0x02, 0x01, 0x00]);
    body.extend_from_slice(algorithm);
    body.extend_from_slice(&der(0x04, key));
    der(0x30, &body)
}

/// The curve OID of a SEC1 key, from its `[0]` parameters.
fn sec1_curve(sec1: &[u8]) -> Option<Vec<u8>> {
    let (outer, _) = tlv::read(sec1)?;
    let children = tlv::children(outer.value)?;
    let params = children.iter().find(|c| c.tag == 0xA0)?;
    let (oid, _) = tlv::read(params.value)?;
    (oid.tag == 0x06).then(|| der(0x06, oid.value).to_vec())
}

fn key_from_block(block: &pem::Pem, password: Option<&str>) -> Result<PrivateKey, Error> {
    let contents = Zeroizing::new(block.contents().to_vec());
    let encrypted = block
        .headers()
        .get("Proc-Type")
        .is_some_and(|v| v.contains("ENCRYPTED"));
    if encrypted {
        return Err(PemKeyError::TraditionalEncryption.into());
    }
    let pkcs8_der = match block.tag() {
        "PRIVATE KEY" => contents,
        "RSA PRIVATE KEY" => pkcs8(RSA_ALGORITHM, &contents),
        "EC PRIVATE KEY" => {
            let curve = sec1_curve(&contents).ok_or(PemKeyError::NoCurve)?;
            let mut algorithm = EC_PUBLIC_KEY.to_vec();
            algorithm.extend_from_slice(&curve);
            pkcs8(&der(0x30, &algorithm), &contents)
        }
        _ => {
            let password = password.ok_or(PemKeyError::PasswordNeeded)?;
            let sealed = ProtectedKey::from_der(contents.to_vec())?;
            return Ok(sealed.open(password)?);
        }
    };
    Ok(PrivateKey::from_pkcs8_der(pkcs8_der.to_vec())?)
}

const KEY_TAGS: [&str; 4] = [
    "PRIVATE KEY",
    "ENCRYPTED PRIVATE KEY",
    "RSA PRIVATE KEY",
    "EC PRIVATE KEY",
];

/// Reads a private key and its chain from PEM text: the key decrypted with `password` when
/// it is encrypted, the certificate holding it first, then its issuers in order (others in
/// the file are left out). Blocks of other kinds (parameters, requests) are skipped.
pub fn read_pem_identity(text: &[u8], password: Option<&str>) -> Result<PemIdentity, Error> {
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
    let clean: Zeroizing<Vec<u8>> =
        Zeroizing::new(text.iter().copied().filter(|b| *b != b'\r').collect());
    let blocks = Blocks(
        pem::parse_many(clean.as_slice()).map_err(|e| PemKeyError::NotPem {
            reason: e.to_string(),
        })?,
    );
    let keys: Vec<&pem::Pem> = blocks
        .0
        .iter()
        .filter(|b| KEY_TAGS.contains(&b.tag()))
        .collect();
    let key = match keys.as_slice() {
        [] => return Err(PemKeyError::NoKey.into()),
        [one] => key_from_block(one, password)?,
        more => return Err(PemKeyError::SeveralKeys { count: more.len() }.into()),
    };
    let certs: Vec<Certificate> = blocks
        .0
        .iter()
        .filter(|b| {
            matches!(
                b.tag(),
                "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE"
            )
        })
        .map(|b| Certificate::from_der(b.contents().to_vec()))
        .collect::<Result<_, _>>()?;
    if certs.is_empty() {
        return Err(PemKeyError::NoCertificate.into());
    }
    let leaf = certs
        .iter()
        .position(|c| key.matches_certificate(c).unwrap_or(false))
        .ok_or(PemKeyError::NoMatchingCertificate)?;
    Ok(PemIdentity {
        chain: order_chain(certs, leaf),
        key,
    })
}

/// The leaf, then each certificate's issuer found by name among the rest.
fn order_chain(mut pool: Vec<Certificate>, leaf: usize) -> Vec<Certificate> {
    let mut chain = vec![pool.swap_remove(leaf)];
    while let Some(top) = chain.last() {
        let (Ok(issuer), Ok(subject)) = (top.issuer(), top.subject()) else {
            break;
        };
        if issuer == subject {
            break;
        }
        let next = pool.iter().position(|c| {
            c.subject()
                .is_ok_and(|s| s.canonical() == issuer.canonical())
        });
        match next {
            Some(i) => chain.push(pool.swap_remove(i)),
            None => break,
        }
    }
    chain
}

/// The key as PKCS#8 PEM: `ENCRYPTED PRIVATE KEY` (PBES2, AES-256-CBC, PBKDF2-HmacSHA256
/// with 10,000 iterations, as Java and OpenSSL 3 write it) under `password`, or a plain
/// `PRIVATE KEY` without one.
pub fn private_key_pem(
    key: &PrivateKey,
    password: Option<&str>,
) -> Result<Zeroizing<String>, Error> {
    let config = pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF);
    let block = match password {
        Some(p) => {
            let sealed = ProtectedKey::seal(key, p, Protection::Pbes2)?;
            pem::Pem::new("ENCRYPTED PRIVATE KEY", sealed.as_der().to_vec())
        }
        None => pem::Pem::new("PRIVATE KEY", key.pkcs8_der().to_vec()),
    };
    let text = Zeroizing::new(pem::encode_config(&block, config));
    drop(Blocks(vec![block]));
    Ok(text)
}
