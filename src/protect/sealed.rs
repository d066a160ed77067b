//! JCEKS secret keys: a serialized `com.sun.crypto.provider.SealedObjectForKeyProtector`.
//!
//! ```text
//! SealedObjectForKeyProtector (no fields) extends javax.crypto.SealedObject {
//!     byte[] encodedParams      DER PBEParameter (salt, iterations)
//!     byte[] encryptedContent   PBEWithMD5AndTripleDES( inner serialization stream )
//!     String paramsAlg          "PBEWithMD5AndTripleDES"
//!     String sealAlg            "PBEWithMD5AndTripleDES" }
//! inner stream: javax.crypto.spec.SecretKeySpec { String algorithm; byte[] key }
//!           or  java.security.KeyRep { algorithm, byte[] encoded, "RAW", KeyRep$Type.SECRET }
//! ```
//!
//! Java refuses a whole store whose outer class is anything else ("Invalid secret key format"),
//! so the reader does too. The writer emits the exact class descriptors, serialVersionUIDs and
//! handle numbering of `ObjectOutputStream`, with a `SecretKeySpec` inside.

use std::ops::Range;

use crate::error::{DecodeError, KeyError};
use crate::key::SecretKey;
use crate::password;
use crate::protect::pbe;
use crate::wire::serial::{SC_SERIALIZABLE, Stream, Value};
use crate::wire::serial_write::{ClassSpec, SerialWriter};

const OUTER_CLASS: &str = "com.sun.crypto.provider.SealedObjectForKeyProtector";
const SEALED_OBJECT: &str = "javax.crypto.SealedObject";
const SECRET_KEY_SPEC: &str = "javax.crypto.spec.SecretKeySpec";
const KEY_REP: &str = "java.security.KeyRep";

const SEALED_OBJECT_SPEC: ClassSpec<'static> = ClassSpec {
    name: SEALED_OBJECT,
    suid: 4_482_838_265_551_344_752,
    flags: SC_SERIALIZABLE,
    fields: &[
        (b'[', "encodedParams", "[B"),
        (b'[', "encryptedContent", "[B"),
        (b'L', "paramsAlg", "Ljava/lang/String;"),
        (b'L', "sealAlg", "Ljava/lang/String;"),
    ],
    superclass: None,
};

const OUTER_SPEC: ClassSpec<'static> = ClassSpec {
    name: OUTER_CLASS,
    suid: -3_650_226_485_480_866_989,
    flags: SC_SERIALIZABLE,
    fields: &[],
    superclass: Some(&SEALED_OBJECT_SPEC),
};

const SECRET_KEY_SPEC_SPEC: ClassSpec<'static> = ClassSpec {
    name: SECRET_KEY_SPEC,
    suid: 6_577_238_317_307_289_933,
    flags: SC_SERIALIZABLE,
    fields: &[
        (b'L', "algorithm", "Ljava/lang/String;"),
        (b'[', "key", "[B"),
    ],
    superclass: None,
};

/// A sealed secret key: the exact stream bytes, plus where its parts are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SealedKey {
    stream: Vec<u8>,
    params: Range<usize>,
    ciphertext: Range<usize>,
    params_alg: String,
}

fn not_sealed(offset: usize, reason: &'static str) -> DecodeError {
    DecodeError::Invalid {
        offset: offset as u64,
        what: "secret key entry",
        reason,
    }
}

impl SealedKey {
    /// Parses a stream at the start of `buf`; returns the key and the bytes it used.
    ///
    /// Offsets in errors are relative to `buf`.
    pub(crate) fn parse(buf: &[u8]) -> Result<(Self, usize), DecodeError> {
        let (s, used) = Stream::parse(buf)?;
        if s.class_name(s.root) != Some(OUTER_CLASS) {
            return Err(not_sealed(
                0,
                "not a Java SealedObjectForKeyProtector (Invalid secret key format)",
            ));
        }
        let bytes = |name| s.field(s.root, name).and_then(|v| s.byte_array(v));
        let string = |name| s.field(s.root, name).and_then(|v| s.string(v));
        let (Some(params), Some(ciphertext), Some(params_alg)) = (
            bytes("encodedParams"),
            bytes("encryptedContent"),
            string("paramsAlg"),
        ) else {
            return Err(not_sealed(
                0,
                "sealed object without parameters or content (Invalid secret key format)",
            ));
        };
        let key = SealedKey {
            stream: buf[..used].to_vec(),
            params,
            ciphertext,
            params_alg: params_alg.to_owned(),
        };
        Ok((key, used))
    }

    /// The PBE iteration count, if the parameters are readable.
    pub(crate) fn iterations(&self) -> Option<u32> {
        pbe::Params::from_der(&self.stream[self.params.clone()])
            .ok()
            .map(|p| p.iterations)
    }

    /// The serialized stream, exactly as stored.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.stream
    }

    /// Seals `key` under `password` (printable ASCII only, for every JDK to open it).
    pub(crate) fn seal(key: &SecretKey, password: &str) -> Result<Self, KeyError> {
        let pw = password::pbe_for_sealing(password)?;
        let mut inner = SerialWriter::new();
        inner.object(&SECRET_KEY_SPEC_SPEC);
        inner.string(key.algorithm());
        inner.byte_array(key.as_bytes());
        let inner = zeroize::Zeroizing::new(inner.finish());

        let params = pbe::Params::random();
        let ciphertext = params.encrypt(&pw, &inner);
        let mut outer = SerialWriter::new();
        outer.object(&OUTER_SPEC);
        outer.byte_array(&params.to_der());
        outer.byte_array(&ciphertext);
        outer.string(pbe::NAME);
        outer.string(pbe::NAME);
        let stream = outer.finish();
        let (sealed, used) = Self::parse(&stream).map_err(|_| KeyError::Malformed {
            reason: "internal error: the sealed object did not parse back",
        })?;
        debug_assert_eq!(used, stream.len());
        Ok(sealed)
    }

    /// Decrypts the key.
    pub(crate) fn open(&self, password: &str) -> Result<SecretKey, KeyError> {
        if self.params_alg != pbe::NAME {
            return Err(KeyError::UnsupportedProtection {
                algorithm: self.params_alg.clone(),
            });
        }
        let params = pbe::Params::from_der(&self.stream[self.params.clone()])?;
        let plain = params.decrypt(
            &password::pbe_for_opening(password),
            &self.stream[self.ciphertext.clone()],
        )?;
        let Ok((inner, _)) = Stream::parse(&plain) else {
            // Good padding but no serialization stream: a wrong password, 1 time in 256.
            return Err(KeyError::WrongPassword);
        };
        secret_from_stream(&inner, &plain)
    }
}

/// Reads the key out of the decrypted stream, accepting what Java's `jceks.key.serialFilter`
/// accepts: a `SecretKeySpec`, or a `KeyRep` of type SECRET in RAW format.
fn secret_from_stream(s: &Stream, plain: &[u8]) -> Result<SecretKey, KeyError> {
    let string = |v: Option<Value>| v.and_then(|v| s.string(v));
    let bytes = |v: Option<Value>| v.and_then(|v| s.byte_array(v)).map(|r| &plain[r]);
    let root = s.root;
    let (algorithm, key) = match s.class_name(root) {
        Some(SECRET_KEY_SPEC) => (
            string(s.field(root, "algorithm")),
            bytes(s.field(root, "key")),
        ),
        Some(KEY_REP) => {
            let kind = s.field(root, "type").and_then(|v| s.enum_constant(v));
            let format = string(s.field(root, "format"));
            if kind != Some("SECRET") || format != Some("RAW") {
                return Err(KeyError::Malformed {
                    reason: "the sealed KeyRep is not a RAW secret key",
                });
            }
            (
                string(s.field(root, "algorithm")),
                bytes(s.field(root, "encoded")),
            )
        }
        _ => {
            return Err(KeyError::Malformed {
                reason: "the sealed object holds neither a SecretKeySpec nor a KeyRep",
            });
        }
    };
    match (algorithm, key) {
        (Some(a), Some(k)) => Ok(SecretKey::new(a, k)),
        _ => Err(KeyError::Malformed {
            reason: "the sealed secret key has no algorithm or no key bytes",
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_layout_matches_java() {
        let key = SecretKey::new("AES", [0x11; 16]);
        let sealed = SealedKey::seal(&key, "changeit").unwrap();
        let b = sealed.as_bytes();
        // Class descriptor, suid, superclass and the first field as keytool writes them.
        assert_eq!(&b[..7], [0xAC, 0xED, 0x00, 0x05, 0x73, 0x72, 0x00]);
        assert_eq!(&b[7..8], [0x33]);
        assert_eq!(&b[8..8 + 0x33], OUTER_CLASS.as_bytes());
        let tail = &b[8 + 0x33..];
        assert_eq!(&tail[..8], (-3_650_226_485_480_866_989i64).to_be_bytes());
        // The inner SecretKeySpec stream is 141 bytes for AES-128, padded to 144.
        assert_eq!(sealed.ciphertext.len(), 144);
        // sealAlg is a separate string, not a back-reference.
        let name = pbe::NAME.as_bytes();
        assert_eq!(b.windows(name.len()).filter(|w| *w == name).count(), 2);
        assert_eq!(sealed.open("changeit").unwrap(), key);
        assert!(sealed.open("changeiT").is_err());
    }

    #[test]
    fn keyrep_inner_form_opens() {
        let type_spec = ClassSpec {
            name: "java.security.KeyRep$Type",
            suid: 0,
            flags: crate::wire::serial::SC_ENUM,
            fields: &[],
            superclass: Some(&ClassSpec {
                name: "java.lang.Enum",
                suid: 0,
                flags: crate::wire::serial::SC_ENUM,
                fields: &[],
                superclass: None,
            }),
        };
        let keyrep = ClassSpec {
            name: KEY_REP,
            suid: -4_757_683_898_830_641_853,
            flags: SC_SERIALIZABLE,
            fields: &[
                (b'L', "algorithm", "Ljava/lang/String;"),
                (b'[', "encoded", "[B"),
                (b'L', "format", "Ljava/lang/String;"),
                (b'L', "type", "Ljava/security/KeyRep$Type;"),
            ],
            superclass: None,
        };
        let mut w = SerialWriter::new();
        w.object(&keyrep);
        w.string("DESede");
        w.byte_array(&[0x42; 24]);
        w.string("RAW");
        w.enum_constant(&type_spec, "SECRET");
        let plain = w.finish();
        let (s, _) = Stream::parse(&plain).unwrap();
        let key = secret_from_stream(&s, &plain).unwrap();
        assert_eq!(key, SecretKey::new("DESede", [0x42; 24]));
    }

    #[test]
    fn non_ascii_password_is_refused_for_sealing() {
        let key = SecretKey::new("AES", [0; 16]);
        assert_eq!(
            SealedKey::seal(&key, "pässwort").unwrap_err(),
            KeyError::PasswordNotAscii
        );
    }
}
