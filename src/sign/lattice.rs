//! ML-DSA and ML-KEM keys in the forms JDK 25 writes (the expanded keys) and RFC 9881/9935
//! describe (seeds).

#[allow(
    deprecated,
    reason = "JDK 25 writes and reads ML-KEM keys in the expanded form"
)]
use ml_kem::{DecapsulationKey, ExpandedKeyEncoding};

use crate::error::KeyError;
use crate::sign::forms::{LatticeKey, lattice_key};

fn invalid(reason: &'static str) -> KeyError {
    KeyError::InvalidKey { reason }
}

/// Checks an expanded ML-DSA signing key before it is decoded: the `s1` and `s2`
/// coefficients are packed in `bitlen(2η)` bits and must be at most `2η`.
///
/// ```text
/// expanded = ρ (32) ‖ K (32) ‖ tr (64) ‖ s1 (l polynomials) ‖ s2 (k polynomials) ‖ t0 (k × 416)
/// ```
pub(crate) fn check_expanded_ml_dsa(bytes: &[u8]) -> Result<(), KeyError> {
    // (k, l, η) by the three sizes FIPS 204 defines.
    let (k, l, eta) = match bytes.len() {
        2560 => (4, 4, 2),
        4032 => (6, 5, 4),
        4896 => (8, 7, 2),
        _ => return Err(invalid("an expanded ML-DSA key of an unknown length")),
    };
    let bits = if eta == 2 { 3 } else { 4 };
    let poly = 256 * bits / 8;
    let s = &bytes[128..128 + (k + l) * poly];
    let max = 2 * eta;
    let mut acc: u32 = 0;
    let mut have = 0;
    for &b in s {
        acc |= u32::from(b) << have;
        have += 8;
        while have >= bits {
            if acc & ((1 << bits) - 1) > max {
                return Err(invalid(
                    "an expanded ML-DSA key with a coefficient out of range",
                ));
            }
            acc >>= bits;
            have -= bits;
        }
    }
    Ok(())
}

/// ML-KEM's key functions, one set per parameter set (the crate's parameter trait is
/// private, so they cannot be generic).
macro_rules! ml_kem_forms {
    ($from:ident, $expanded:ident, $params:ty) => {
        /// An ML-KEM decapsulation key from its seed, or from the expanded form (which the
        /// crate validates: the encapsulation key's hash must match).
        pub(crate) fn $from(der: &[u8]) -> Result<Box<DecapsulationKey<$params>>, KeyError> {
            let bad = || invalid("not a valid ML-KEM key");
            match lattice_key(der)? {
                LatticeKey::Seed(seed) | LatticeKey::Both(seed) => {
                    let seed = ml_kem::Seed::try_from(seed).map_err(|_| bad())?;
                    Ok(Box::new(DecapsulationKey::from_seed(seed)))
                }
                LatticeKey::Expanded(bytes) => {
                    let enc = ml_kem::array::Array::try_from(bytes).map_err(|_| bad())?;
                    #[allow(deprecated, reason = "JDK 25 writes ML-KEM keys expanded")]
                    let key =
                        <DecapsulationKey<$params> as ExpandedKeyEncoding>::from_expanded_bytes(
                            &enc,
                        )
                        .map_err(|_| bad())?;
                    Ok(Box::new(key))
                }
            }
        }

        /// The expanded form of an ML-KEM decapsulation key (what JDK 25 stores).
        #[allow(deprecated, reason = "JDK 25 reads ML-KEM keys in the expanded form")]
        pub(crate) fn $expanded(key: &DecapsulationKey<$params>) -> Vec<u8> {
            key.to_expanded_bytes().to_vec()
        }
    };
}

ml_kem_forms!(ml_kem_512_from, ml_kem_512_expanded, ml_kem::MlKem512);
ml_kem_forms!(ml_kem_768_from, ml_kem_768_expanded, ml_kem::MlKem768);
ml_kem_forms!(ml_kem_1024_from, ml_kem_1024_expanded, ml_kem::MlKem1024);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_coefficients_are_refused_before_decoding() {
        let seed = ml_dsa::Seed::default();
        let key = ml_dsa::ExpandedSigningKey::<ml_dsa::MlDsa65>::from_seed(&seed);
        #[allow(deprecated)]
        let mut bytes = key.to_expanded().to_vec();
        check_expanded_ml_dsa(&bytes).unwrap();
        // η = 4: four bits a coefficient, at most 8; 0xF in the first s1 nibble is 15.
        bytes[128] |= 0x0F;
        assert!(check_expanded_ml_dsa(&bytes).is_err());
        assert!(check_expanded_ml_dsa(&bytes[..100]).is_err());
    }
}
