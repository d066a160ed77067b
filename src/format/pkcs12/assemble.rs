//! The PFX around the bags, assembled so that a large store exists at most about twice in
//! memory: the certificate safe is written, then encrypted where it lies (PBES2), inside
//! one buffer that already has room for the headers around it and the MAC after it.
//!
//! ```text
//! PFX ::= SEQUENCE { version 3, ContentInfo { data, [0] OCTET STRING AuthenticatedSafe },
//!                    MacData }
//! AuthenticatedSafe ::= SEQUENCE { ContentInfo { data, keys }?,
//!     ContentInfo { encryptedData, [0] EncryptedData { version 0, EncryptedContentInfo {
//!         data, algorithm, [0] IMPLICIT ciphertext } } }? }
//! ```

use der::{Encode, Tag};
use pkcs12::cms::content_info::CmsVersion;
use pkcs12::pfx::Version;

use super::frame::{Node, context, key_failure, too_large};
use super::read::{DATA, ENCRYPTED_DATA};
use crate::error::EncodeError;
use crate::format::options::{CertProtection, Pkcs12Options};
use crate::protect::pkcs12pbe::{self, LegacyCipher, Pbes2Sealer};

/// Bytes before the AuthenticatedSafe kept free for the PFX headers (at most 34 are needed).
const PFX_ROOM: usize = 40;
/// Bytes after it kept free for the MacData (HMAC or PBMAC1).
const MAC_ROOM: usize = 192;

/// Contents written straight into the output: the certificate bags.
pub(super) trait Contents {
    /// True when there is nothing to write.
    fn is_empty(&self) -> bool;
    /// The DER length.
    fn encoded_len(&self) -> Result<usize, EncodeError>;
    /// Appends the DER.
    fn write_to(&self, out: &mut Vec<u8>) -> Result<(), EncodeError>;
}

/// The AuthenticatedSafe in `buf[start..]`, with room before and after it.
pub(super) struct Staged {
    buf: Vec<u8>,
    start: usize,
}

impl Staged {
    /// The AuthenticatedSafe's DER (what the MAC covers).
    pub(super) fn auth_safe(&self) -> &[u8] {
        &self.buf[self.start..]
    }
}

/// `ContentInfo { data, [0] OCTET STRING der }`.
fn data(der: &[u8]) -> Result<Node<'_>, EncodeError> {
    Ok(Node::seq(vec![
        Node::encode(&DATA)?,
        Node::explicit0(Node::octets(der)),
    ]))
}

/// `ContentInfo { encryptedData, ... [0] IMPLICIT ciphertext }`, the ciphertext as `sealed`.
fn encrypted(alg: Vec<u8>, sealed: Node<'_>) -> Result<Node<'_>, EncodeError> {
    let content = Node::seq(vec![
        Node::encode(&DATA)?,
        Node::Owned(alg),
        Node::Tlv(context(0, false), vec![sealed]),
    ]);
    let encrypted_data = Node::seq(vec![Node::encode(&CmsVersion::V0)?, content]);
    Ok(Node::seq(vec![
        Node::encode(&ENCRYPTED_DATA)?,
        Node::explicit0(encrypted_data),
    ]))
}

/// The AuthenticatedSafe: the key safe, then the certificate safe protected as `options`
/// asks.
pub(super) fn auth_safe(
    keys: Option<&[u8]>,
    certs: &dyn Contents,
    options: &Pkcs12Options,
    password: &str,
) -> Result<Staged, EncodeError> {
    let mut safes = Vec::with_capacity(2);
    if let Some(k) = keys {
        safes.push(data(k)?);
    }
    if certs.is_empty() {
        let buf = Node::seq(safes).to_vec()?;
        return Ok(Staged { buf, start: 0 });
    }
    if options.cert_protection == CertProtection::Pbes2Aes256 {
        return sealed_in_place(safes, certs, options.cert_iterations, password);
    }
    let mut plain = Vec::with_capacity(certs.encoded_len()?);
    certs.write_to(&mut plain)?;
    let cipher = match options.cert_protection {
        CertProtection::None => None,
        CertProtection::Rc2With40BitKey => Some(LegacyCipher::Rc2With40BitKey),
        _ => Some(LegacyCipher::TripleDes),
    };
    let buf = match cipher {
        None => {
            safes.push(data(&plain)?);
            Node::seq(safes).to_vec()?
        }
        Some(c) => {
            let (alg, ciphertext) =
                pkcs12pbe::encrypt_legacy(c, &plain, password, options.cert_iterations)
                    .map_err(key_failure)?;
            drop(plain);
            let alg = alg.to_der().map_err(too_large)?;
            safes.push(encrypted(alg, Node::Raw(&ciphertext))?);
            Node::seq(safes).to_vec()?
        }
    };
    Ok(Staged { buf, start: 0 })
}

/// The PBES2 path: headers, then the certificate bags, then encryption in place.
fn sealed_in_place(
    mut safes: Vec<Node<'_>>,
    certs: &dyn Contents,
    iterations: u32,
    password: &str,
) -> Result<Staged, EncodeError> {
    let sealer = Pbes2Sealer::new(iterations).map_err(key_failure)?;
    let alg = sealer.algorithm().to_der().map_err(too_large)?;
    let plain_len = certs.encoded_len()?;
    let sealed_len = Pbes2Sealer::sealed_len(plain_len);
    safes.push(encrypted(alg, Node::Gap(sealed_len))?);
    let frame = Node::seq(safes);
    let total = frame.len()?;
    let mut buf = Vec::with_capacity(PFX_ROOM + total + MAC_ROOM);
    buf.resize(PFX_ROOM, 0);
    // Everything up to the ciphertext (the gap is last in writing order).
    frame.write(&mut buf)?;
    let at = buf.len();
    certs.write_to(&mut buf)?;
    if buf.len() != at + plain_len {
        return Err(too_large(der::Error::from(der::ErrorKind::Length {
            tag: Tag::Sequence,
        })));
    }
    buf.resize(at + sealed_len, 0);
    sealer
        .seal_in_place(password, &mut buf[at..], plain_len)
        .map_err(key_failure)?;
    Ok(Staged {
        buf,
        start: PFX_ROOM,
    })
}

/// The PFX: the headers written into the room before the AuthenticatedSafe, the MacData
/// appended, the unused room dropped (a move, not a copy into a new buffer).
pub(super) fn finish(staged: Staged, mac_der: &[u8]) -> Result<Vec<u8>, EncodeError> {
    let Staged { mut buf, start } = staged;
    let safe_len = buf.len() - start;
    let head = Node::seq(vec![
        Node::encode(&Version::V3)?,
        Node::seq(vec![
            Node::encode(&DATA)?,
            Node::explicit0(Node::Tlv(Tag::OctetString, vec![Node::Gap(safe_len)])),
        ]),
        Node::Gap(mac_der.len()),
    ])
    .to_vec()?;
    if head.len() <= start {
        let at = start - head.len();
        buf[at..start].copy_from_slice(&head);
        buf.extend_from_slice(mac_der);
        buf.drain(..at);
        return Ok(buf);
    }
    let mut out = Vec::with_capacity(head.len() + safe_len + mac_der.len());
    out.extend(head);
    out.extend_from_slice(&buf[start..]);
    out.extend_from_slice(mac_der);
    Ok(out)
}
