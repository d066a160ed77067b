//! DER framing around large parts already encoded (certificates, ciphertext, the
//! AuthenticatedSafe): a tree of headers over borrowed bytes, written once into a buffer of
//! the exact size, so that a big store is not copied once per nesting level.

use der::{Encode, Header, Length, Tag, TagNumber};

use crate::error::{EncodeError, KeyError};

/// Any DER encoding failure of a PKCS#12 structure: only a part too large for a DER
/// length gets here.
pub(super) fn too_large(_: der::Error) -> EncodeError {
    EncodeError::TooLarge {
        what: "a PKCS#12 structure",
        len: u64::from(u32::MAX),
    }
}

/// A protection (PBE, MAC) failure while writing.
pub(super) fn key_failure(e: KeyError) -> EncodeError {
    EncodeError::Protection(e)
}

/// A DER value: bytes as they are, or a tag around its children.
pub(super) enum Node<'a> {
    /// Encoded bytes, borrowed.
    Raw(&'a [u8]),
    /// Encoded bytes, owned (small parts: OIDs, attributes).
    Owned(Vec<u8>),
    /// A TLV whose value is its children, in order.
    Tlv(Tag, Vec<Node<'a>>),
    /// Room for bytes written later: counted in the lengths, not written. Only the last
    /// nodes in writing order may be gaps (the headers before them are what is written).
    Gap(usize),
}

impl<'a> Node<'a> {
    /// `SEQUENCE { children }`.
    pub(super) fn seq(children: Vec<Node<'a>>) -> Self {
        Node::Tlv(Tag::Sequence, children)
    }

    /// `[0] EXPLICIT child`.
    pub(super) fn explicit0(child: Node<'a>) -> Self {
        Node::Tlv(context(0, true), vec![child])
    }

    /// `OCTET STRING` around `bytes`.
    pub(super) fn octets(bytes: &'a [u8]) -> Self {
        Node::Tlv(Tag::OctetString, vec![Node::Raw(bytes)])
    }

    /// Any encodable value, encoded now (for the small parts).
    pub(super) fn encode(value: &impl Encode) -> Result<Self, EncodeError> {
        value.to_der().map(Node::Owned).map_err(too_large)
    }

    pub(super) fn header(tag: Tag, len: usize) -> Result<Vec<u8>, EncodeError> {
        let length = Length::try_from(len).map_err(too_large)?;
        Header::new(tag, length).to_der().map_err(too_large)
    }

    /// The encoded length.
    pub(super) fn len(&self) -> Result<usize, EncodeError> {
        match self {
            Node::Raw(b) => Ok(b.len()),
            Node::Owned(b) => Ok(b.len()),
            Node::Gap(n) => Ok(*n),
            Node::Tlv(tag, children) => {
                let inner = children
                    .iter()
                    .try_fold(0usize, |n, c| Ok::<_, EncodeError>(n + c.len()?))?;
                Ok(Self::header(*tag, inner)?.len() + inner)
            }
        }
    }

    pub(super) fn write(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        match self {
            Node::Raw(b) => out.extend_from_slice(b),
            Node::Owned(b) => out.extend_from_slice(b),
            Node::Gap(_) => {}
            Node::Tlv(tag, children) => {
                let inner = children
                    .iter()
                    .try_fold(0usize, |n, c| Ok::<_, EncodeError>(n + c.len()?))?;
                out.extend(Self::header(*tag, inner)?);
                for c in children {
                    c.write(out)?;
                }
            }
        }
        Ok(())
    }

    /// The bytes `write` writes: the length without the gaps.
    fn written_len(&self) -> Result<usize, EncodeError> {
        match self {
            Node::Gap(_) => Ok(0),
            Node::Tlv(tag, children) => {
                let inner = children
                    .iter()
                    .try_fold(0usize, |n, c| Ok::<_, EncodeError>(n + c.len()?))?;
                let written = children
                    .iter()
                    .try_fold(0usize, |n, c| Ok::<_, EncodeError>(n + c.written_len()?))?;
                Ok(Self::header(*tag, inner)?.len() + written)
            }
            other => other.len(),
        }
    }

    /// The DER (for a tree with gaps, the headers before them), in a buffer allocated once.
    pub(super) fn to_vec(&self) -> Result<Vec<u8>, EncodeError> {
        let mut out = Vec::with_capacity(self.written_len()?);
        self.write(&mut out)?;
        Ok(out)
    }
}

/// A context-specific tag `[n]`.
pub(super) fn context(n: u8, constructed: bool) -> Tag {
    Tag::ContextSpecific {
        constructed,
        number: TagNumber(u32::from(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::asn1::OctetString;

    #[test]
    fn frames_encode_as_der_does() {
        let big = vec![7u8; 70_000];
        let ours = Node::seq(vec![
            Node::octets(&big),
            Node::explicit0(Node::Raw(&[5, 0])),
        ])
        .to_vec()
        .expect("frame");
        let mut body = OctetString::new(big.clone())
            .expect("octets")
            .to_der()
            .expect("der");
        body.extend([0xA0, 0x02, 0x05, 0x00]);
        let mut want = Node::header(Tag::Sequence, body.len()).expect("header");
        want.extend(body);
        assert_eq!(ours, want);
        assert_eq!(&ours[..4], &[0x30, 0x83, 0x01, 0x11]);
    }
}
