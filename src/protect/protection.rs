//! The algorithms that protect stored keys.

use der::asn1::ObjectIdentifier;

use crate::protect::pbe;
use crate::protect::pkcs12pbe;

/// The JDK KeyProtector used by JKS.
pub(crate) const JKS_OID: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.4.1.42.2.17.1.1");

/// How a stored key is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Protection {
    /// The JKS key protector: a SHA-1 keystream keyed by the UTF-16 password.
    JksKeyProtector,
    /// JCEKS's `PBEWithMD5AndTripleDES`.
    PbeWithMd5AndTripleDes,
    /// PKCS#12 as Java 16+ and OpenSSL 3 write it: PBES2 (PBKDF2-HmacSHA256, AES-256-CBC,
    /// 10,000 iterations when this crate seals).
    Pbes2,
    /// PKCS#12 PBE v1 as Java 8 writes it (`pbeWithSHAAnd3-KeyTripleDES-CBC`, 50,000
    /// iterations when this crate seals; RC2 and two-key 3DES variants are read too).
    Pkcs12Pbe,
    /// No encryption: a PKCS#12 plain `keyBag` (`openssl pkcs12 -keypbe NONE`, Python
    /// `cryptography`'s `NoEncryption()`). Such a key opens with any password and is written
    /// back as it was read; Java skips these bags.
    Unencrypted,
    /// A Bouncy Castle BKS sealed key (PBEWithSHAAnd3-KeyTripleDES-CBC over BC's own key
    /// encoding), opened with its entry password; read only, resealed when converted.
    BksSealed,
    /// An algorithm this crate cannot open; the key is kept as it is.
    Unsupported,
}

impl Protection {
    /// True for the algorithms PKCS#12 stores use.
    pub fn is_pkcs12(self) -> bool {
        matches!(self, Self::Pbes2 | Self::Pkcs12Pbe)
    }

    pub(crate) fn of(oid: &ObjectIdentifier) -> Self {
        match *oid {
            JKS_OID => Self::JksKeyProtector,
            pbe::OID => Self::PbeWithMd5AndTripleDes,
            ref o if pkcs12pbe::is_legacy(o) => Self::Pkcs12Pbe,
            ref o if pkcs12pbe::is_supported(o) => Self::Pbes2,
            _ => Self::Unsupported,
        }
    }
}
