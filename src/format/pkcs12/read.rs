//! The PKCS#12 structures, walked with `der`'s borrowed types: nothing is copied, so a
//! certificate in an unencrypted container stays a slice of the file.
//!
//! ```text
//! PFX          ::= SEQUENCE { INTEGER 3, ContentInfo(data → AuthenticatedSafe), MacData OPTIONAL }
//! AuthenticatedSafe ::= SEQUENCE OF ContentInfo   -- data or encryptedData, each a SafeContents
//! SafeContents ::= SEQUENCE OF SafeBag
//! SafeBag      ::= SEQUENCE { OID, [0] EXPLICIT value, SET OF Attribute OPTIONAL }
//! ```
//!
//! Attribute sets are walked one by one instead of being decoded as DER `SET OF`, because Java
//! does not sort them and a strict DER reader would refuse its files.

use der::asn1::{AnyRef, ObjectIdentifier};
use der::{Decode, Reader, SliceReader, Tag, TagNumber, Tagged};

use crate::error::DecodeError;
use crate::limits::MAX_ENTRIES;

pub(super) const DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
pub(super) const ENCRYPTED_DATA: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.6");
pub(super) const KEY_BAG: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.1");
pub(super) const SHROUDED_KEY_BAG: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.2");
pub(super) const CERT_BAG: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.3");
pub(super) const SECRET_BAG: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.5");
pub(super) const X509_CERT: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.22.1");
pub(super) const FRIENDLY_NAME: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.20");
pub(super) const LOCAL_KEY_ID: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.21");
pub(super) const TRUSTED_KEY_USAGE: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("2.16.840.1.113894.746875.1.1");

/// Positions for error messages: offsets into the file when a part lies in it.
#[derive(Clone, Copy)]
pub(super) struct Origin<'f> {
    file: &'f [u8],
}

impl<'f> Origin<'f> {
    pub(super) fn new(file: &'f [u8]) -> Self {
        Self { file }
    }

    /// Where `part` starts in the file; 0 for decrypted data, which is not in it.
    pub(super) fn at(self, part: &[u8]) -> u64 {
        let start = self.file.as_ptr() as usize;
        let p = part.as_ptr() as usize;
        if p >= start && p <= start + self.file.len() {
            u64::try_from(p - start).unwrap_or(u64::MAX)
        } else {
            0
        }
    }

    pub(super) fn invalid(
        self,
        part: &[u8],
        what: &'static str,
        reason: &'static str,
    ) -> DecodeError {
        DecodeError::Invalid {
            offset: self.at(part),
            what,
            reason,
        }
    }
}

/// The top of a PFX.
pub(super) struct Pfx<'a> {
    /// The DER `AuthenticatedSafe`, which the MAC covers.
    pub auth_safe: &'a [u8],
    /// The DER `MacData`, if any.
    pub mac: Option<&'a [u8]>,
}

/// One `ContentInfo` of the `AuthenticatedSafe`.
pub(super) enum Content<'a> {
    /// A plain `SafeContents`.
    Data(&'a [u8]),
    /// A password-encrypted `SafeContents`.
    Encrypted {
        algorithm: ObjectIdentifier,
        params: Option<&'a [u8]>,
        /// Borrowed from the file, or joined from a BER constructed string.
        ciphertext: std::borrow::Cow<'a, [u8]>,
    },
}

/// What a bag holds.
pub(super) enum BagValue<'a> {
    /// A DER `EncryptedPrivateKeyInfo` (pkcs8ShroudedKeyBag).
    ShroudedKey(&'a [u8]),
    /// A DER `PrivateKeyInfo` in the clear (keyBag), which Java skips.
    PlainKey(&'a [u8]),
    /// A DER X.509 certificate.
    Cert(&'a [u8]),
    /// A DER `EncryptedPrivateKeyInfo` holding a secret key (Java's secretBag).
    Secret(&'a [u8]),
    /// A bag this crate does not model (CRL bag, nested SafeContents, ...), by type.
    Other(ObjectIdentifier),
}

/// One `SafeBag` with the attributes Java reads.
pub(super) struct Bag<'a> {
    pub value: BagValue<'a>,
    pub friendly_name: Option<String>,
    pub local_key_id: Option<&'a [u8]>,
    /// True when the bag carries Java's trustedKeyUsage attribute (any value).
    pub trusted: bool,
}

fn any<'a>(r: &mut SliceReader<'a>) -> der::Result<AnyRef<'a>> {
    r.decode()
}

fn reader<'a>(value: AnyRef<'a>, tag: Tag) -> der::Result<SliceReader<'a>> {
    value.tag().assert_eq(tag)?;
    SliceReader::new(value.value())
}

fn is_explicit0(value: AnyRef<'_>) -> bool {
    let tag = value.tag();
    tag.is_context_specific() && tag.is_constructed() && tag.number() == TagNumber(0)
}

/// The single value inside an `[0] EXPLICIT` wrapper.
fn explicit0(value: AnyRef<'_>) -> der::Result<AnyRef<'_>> {
    if !is_explicit0(value) {
        return Err(der::ErrorKind::TagUnexpected {
            expected: None,
            actual: value.tag(),
        }
        .into());
    }
    AnyRef::from_der(value.value())
}

/// A primitive OCTET STRING's contents. (Constructed BER strings are not DER and not read.)
fn octets(value: AnyRef<'_>) -> der::Result<&[u8]> {
    value.tag().assert_eq(Tag::OctetString)?;
    Ok(value.value())
}

/// Reads the PFX; bytes after it are ignored, as Java does.
pub(super) fn pfx<'a>(bytes: &'a [u8], origin: Origin<'_>) -> Result<Pfx<'a>, DecodeError> {
    let bad = |reason| origin.invalid(bytes, "PKCS#12 PFX", reason);
    let mut top = SliceReader::new(bytes).map_err(|_| bad("too large"))?;
    let outer = any(&mut top).map_err(|_| bad("not a DER SEQUENCE"))?;
    let mut r = reader(outer, Tag::Sequence).map_err(|_| bad("not a DER SEQUENCE"))?;
    let version: u32 = r.decode().map_err(|_| bad("unreadable version"))?;
    if version != 3 {
        return Err(DecodeError::UnsupportedVersion {
            format: crate::kind::Format::Pkcs12,
            version,
        });
    }
    let auth = any(&mut r).map_err(|_| bad("unreadable authSafe"))?;
    let (oid, content) = content_info(auth).map_err(|_| bad("unreadable authSafe"))?;
    if oid != DATA {
        return Err(bad(
            "public-key protected (signed) PKCS#12 is not supported; only password integrity is",
        ));
    }
    let auth_safe = content
        .and_then(|c| octets(c).ok())
        .ok_or_else(|| bad("the authSafe is not a DER OCTET STRING"))?;
    let mac = if r.is_finished() {
        None
    } else {
        Some(r.tlv_bytes().map_err(|_| bad("unreadable MacData"))?)
    };
    Ok(Pfx { auth_safe, mac })
}

/// `ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY OPTIONAL }`.
fn content_info(value: AnyRef<'_>) -> der::Result<(ObjectIdentifier, Option<AnyRef<'_>>)> {
    let mut r = reader(value, Tag::Sequence)?;
    let oid: ObjectIdentifier = r.decode()?;
    let content = if r.is_finished() {
        None
    } else {
        Some(explicit0(any(&mut r)?)?)
    };
    Ok((oid, content))
}

/// The `ContentInfo`s of an `AuthenticatedSafe`.
pub(super) fn contents<'a>(
    auth_safe: &'a [u8],
    origin: Origin<'_>,
) -> Result<Vec<Content<'a>>, DecodeError> {
    let bad = |part, reason| origin.invalid(part, "PKCS#12 AuthenticatedSafe", reason);
    let seq = AnyRef::from_der(auth_safe).map_err(|_| bad(auth_safe, "not a DER SEQUENCE"))?;
    let mut r = reader(seq, Tag::Sequence).map_err(|_| bad(auth_safe, "not a DER SEQUENCE"))?;
    let mut out = Vec::new();
    while !r.is_finished() {
        let item = any(&mut r).map_err(|_| bad(auth_safe, "unreadable ContentInfo"))?;
        let part = item.value();
        let (oid, content) = content_info(item).map_err(|_| bad(part, "unreadable ContentInfo"))?;
        let content = content.ok_or_else(|| bad(part, "a ContentInfo has no content"))?;
        out.push(match oid {
            DATA => Content::Data(
                octets(content).map_err(|_| bad(part, "data is not an OCTET STRING"))?,
            ),
            ENCRYPTED_DATA => {
                encrypted(content).map_err(|_| bad(part, "unreadable encryptedData"))?
            }
            _ => {
                return Err(bad(
                    part,
                    "public-key protected PKCS#12 content is not supported",
                ));
            }
        });
    }
    Ok(out)
}

/// `EncryptedData ::= SEQUENCE { version, EncryptedContentInfo { type, alg, [0] IMPLICIT data } }`.
fn encrypted(value: AnyRef<'_>) -> der::Result<Content<'_>> {
    let mut r = reader(value, Tag::Sequence)?;
    let _version: u8 = r.decode()?;
    let mut info = reader(any(&mut r)?, Tag::Sequence)?;
    let _content_type: ObjectIdentifier = info.decode()?;
    let mut alg = reader(any(&mut info)?, Tag::Sequence)?;
    let algorithm: ObjectIdentifier = alg.decode()?;
    let params = if alg.is_finished() {
        None
    } else {
        Some(alg.tlv_bytes()?)
    };
    let data = any(&mut info)?;
    let tag = data.tag();
    // Java also requires the (optional) encrypted content.
    if !(tag.is_context_specific() && tag.number() == TagNumber(0)) {
        return Err(der::ErrorKind::TagUnexpected {
            expected: None,
            actual: tag,
        }
        .into());
    }
    let ciphertext = if tag.is_constructed() {
        // BER (Bouncy Castle): the [0] IMPLICIT OCTET STRING cut into OCTET STRING pieces.
        let mut joined = Vec::new();
        let mut pieces = SliceReader::new(data.value())?;
        while !pieces.is_finished() {
            joined.extend_from_slice(octets(any(&mut pieces)?)?);
        }
        std::borrow::Cow::Owned(joined)
    } else {
        std::borrow::Cow::Borrowed(data.value())
    };
    Ok(Content::Encrypted {
        algorithm,
        params,
        ciphertext,
    })
}

/// The bags of a `SafeContents`.
pub(super) fn bags<'a>(
    safe_contents: &'a [u8],
    origin: Origin<'_>,
) -> Result<Vec<Bag<'a>>, DecodeError> {
    let bad = |part, reason| origin.invalid(part, "PKCS#12 SafeContents", reason);
    let seq =
        AnyRef::from_der(safe_contents).map_err(|_| bad(safe_contents, "not a DER SEQUENCE"))?;
    let mut r = reader(seq, Tag::Sequence).map_err(|_| bad(safe_contents, "not a DER SEQUENCE"))?;
    let mut out = Vec::new();
    while !r.is_finished() {
        let count = u64::try_from(out.len()).unwrap_or(u64::MAX);
        if count >= MAX_ENTRIES {
            return Err(DecodeError::LimitExceeded {
                offset: origin.at(safe_contents),
                what: "PKCS#12 bag count",
                value: count + 1,
                limit: MAX_ENTRIES,
            });
        }
        let item = any(&mut r).map_err(|_| bad(safe_contents, "unreadable SafeBag"))?;
        out.push(bag(item).map_err(|reason| bad(item.value(), reason))?);
    }
    Ok(out)
}

fn bag(value: AnyRef<'_>) -> Result<Bag<'_>, &'static str> {
    let mut r = reader(value, Tag::Sequence).map_err(|_| "a SafeBag is not a SEQUENCE")?;
    let id: ObjectIdentifier = r.decode().map_err(|_| "unreadable bag type")?;
    let wrapped = any(&mut r).map_err(|_| "unreadable bag value")?;
    if !is_explicit0(wrapped) {
        return Err("a bag value is not wrapped in [0]");
    }
    // `[0] EXPLICIT` holds exactly one TLV, so its contents are the inner value's DER.
    let inner_der = wrapped.value();
    let inner = AnyRef::from_der(inner_der).map_err(|_| "unreadable bag value")?;
    let value = match id {
        SHROUDED_KEY_BAG => BagValue::ShroudedKey(inner_der),
        KEY_BAG => BagValue::PlainKey(inner_der),
        CERT_BAG => typed_octets(inner, Some(X509_CERT)).map(BagValue::Cert)?,
        SECRET_BAG => typed_octets(inner, None).map(BagValue::Secret)?,
        other => BagValue::Other(other),
    };
    let mut bag = Bag {
        value,
        friendly_name: None,
        local_key_id: None,
        trusted: false,
    };
    if !r.is_finished() {
        let set = any(&mut r).map_err(|_| "unreadable bag attributes")?;
        attributes(set, &mut bag).map_err(|_| "unreadable bag attributes")?;
    }
    Ok(bag)
}

/// `SEQUENCE { OID, [0] EXPLICIT OCTET STRING }`: a certBag or Java's secretBag.
fn typed_octets(value: AnyRef<'_>, want: Option<ObjectIdentifier>) -> Result<&[u8], &'static str> {
    let mut r =
        reader(value, Tag::Sequence).map_err(|_| "a cert or secret bag is not a SEQUENCE")?;
    let id: ObjectIdentifier = r.decode().map_err(|_| "unreadable cert or secret type")?;
    if want.is_some_and(|w| w != id) {
        return Err("only X.509 certificates are supported in cert bags");
    }
    let inner = any(&mut r)
        .and_then(explicit0)
        .and_then(octets)
        .map_err(|_| "a cert or secret value is not an OCTET STRING in [0]")?;
    Ok(inner)
}

fn attributes<'a>(set: AnyRef<'a>, bag: &mut Bag<'a>) -> der::Result<()> {
    let mut r = reader(set, Tag::Set)?;
    while !r.is_finished() {
        let mut attr = reader(any(&mut r)?, Tag::Sequence)?;
        let oid: ObjectIdentifier = attr.decode()?;
        let mut values = reader(any(&mut attr)?, Tag::Set)?;
        if values.is_finished() {
            continue;
        }
        let first = any(&mut values)?;
        match oid {
            FRIENDLY_NAME => bag.friendly_name = Some(bmp_string(first)?),
            LOCAL_KEY_ID => bag.local_key_id = Some(octets(first)?),
            TRUSTED_KEY_USAGE => bag.trusted = true,
            _ => {}
        }
    }
    Ok(())
}

/// A BMPString as Java reads it: UTF-16 code units, so surrogate pairs give back non-BMP
/// characters (which strict BMPString decoders refuse).
fn bmp_string(value: AnyRef<'_>) -> der::Result<String> {
    value.tag().assert_eq(Tag::BmpString)?;
    let units: Vec<u16> = value
        .value()
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
        .collect();
    Ok(String::from_utf16_lossy(&units))
}
