//! What a signature algorithm signs with and hashes with.

/// The kind of key an algorithm signs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Family {
    Rsa,
    RsaPss,
    Ecdsa,
    Dsa,
    Ed25519,
    Ed448,
    MlDsa44,
    MlDsa65,
    MlDsa87,
}

/// The digest a signature is computed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Hash {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Sha512_224,
    Sha512_256,
    Sha3_224,
    Sha3_256,
    Sha3_384,
    Sha3_512,
    /// The algorithm hashes internally (EdDSA, ML-DSA).
    Internal,
}
