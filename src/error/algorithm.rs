//! Choosing a key or signature algorithm by name (keytool's `-keyalg`, `-keysize`,
//! `-groupname` and `-sigalg`).

/// Why a named key or signature algorithm, size or group cannot be used.
///
/// The messages say what is accepted; `keytool::algorithm_exception` gives keytool's own
/// exception text for each.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AlgorithmError {
    /// A key algorithm name that is not known (or not known to the chosen keytool release).
    #[error(
        "{name} keys cannot be generated: use RSA, RSASSA-PSS, EC, DSA, EdDSA, Ed25519, Ed448, \
         XDH, X25519, X448{}",
        if *newer { ", or (with keytool 25 behaviour) ML-DSA and ML-KEM" } else { ", ML-DSA or ML-KEM" }
    )]
    UnknownKeyAlgorithm {
        /// The name given.
        name: String,
        /// True when a newer keytool release knows it (ML-DSA and ML-KEM under keytool 17).
        newer: bool,
    },
    /// A signature algorithm name that is not known (or not to the chosen release).
    #[error("{name} is not a signature algorithm known here: use a name such as SHA256withRSA")]
    UnknownSignature {
        /// The name given.
        name: String,
    },
    /// A curve name that is not known at all.
    #[error("unknown curve name {name}: use secp256r1, secp384r1 or secp521r1")]
    UnknownCurve {
        /// The name given.
        name: String,
    },
    /// A known curve that keys cannot be made on.
    #[error("keys cannot be made on curve {name} ({oid}): use secp256r1, secp384r1 or secp521r1")]
    UnsupportedCurve {
        /// The curve's name with its aliases, as Java shows it (`secp192r1 [NIST P-192,...]`).
        name: String,
        /// The curve's OID.
        oid: String,
        /// True when the curve was chosen by `-keysize`, not by name.
        by_size: bool,
    },
    /// An EC key size that names no curve.
    #[error("no curve has a {bits}-bit field: use -groupname secp256r1, secp384r1 or secp521r1")]
    NoCurveOfSize {
        /// The size given.
        bits: u32,
    },
    /// A key size the algorithm does not have.
    #[error("{size} is not a key size for {algorithm}{}", allowed_sizes(algorithm))]
    KeySize {
        /// The key algorithm as named (`RSA`, `EdDSA`, `X25519`, `ML-DSA`...).
        algorithm: String,
        /// The size given.
        size: u32,
    },
    /// A key size Java makes but this crate does not (DSA below 1024 bits, disabled by Java's
    /// own policy).
    #[error("{size}-bit {algorithm} keys are not made here (Java disables them): use 2048")]
    SizeNotMade {
        /// The key algorithm.
        algorithm: String,
        /// The size given.
        size: u32,
    },
    /// A `-groupname` the algorithm does not have.
    #[error("{name} is not a group or parameter set of {algorithm}")]
    GroupName {
        /// The key algorithm as named.
        algorithm: String,
        /// The group given.
        name: String,
    },
    /// Both a size and a group were given.
    #[error("give either a key size or a group name (-keysize or -groupname), not both")]
    SizeAndGroup,
    /// A key that cannot sign, with no signer to certify it.
    #[error(
        "{algorithm} keys cannot sign their own certificate: name a signing key entry \
         (-signer) to issue it"
    )]
    CannotSign {
        /// The key's algorithm family (`XDH`, `ML-KEM`).
        algorithm: String,
    },
    /// A signature algorithm that cannot sign with the key.
    #[error("{signature} cannot sign with a {key} key: leave -sigalg out to use the key's default")]
    Mismatch {
        /// The signature algorithm's name.
        signature: String,
        /// The key's algorithm name (`EC`, `Ed25519`, `ML-DSA-44`...).
        key: String,
    },
}

fn allowed_sizes(algorithm: &str) -> &'static str {
    match algorithm.to_ascii_uppercase().as_str() {
        "RSA" | "RSASSA-PSS" | "PSS" => ": use 512 to 16384 bits (2048 or more)",
        "DSA" => ": use 1024, 2048 or 3072",
        "EDDSA" => ": use 255 (Ed25519) or 448 (Ed448)",
        "XDH" => ": use 255 (X25519) or 448 (X448)",
        a if a.starts_with("ML-") => ": it has none; choose the parameter set by name",
        _ => ": leave -keysize out",
    }
}
