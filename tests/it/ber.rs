//! PKCS#12 in BER, as Bouncy Castle writes it (`tests/data/corpus/bouncycastle`): read as
//! keytool 17 reads it (same listings), converted and edited into DER that keytool reads,
//! and every truncation of it refused with a typed error.

use javakeystore::{Entry, KeyStore};

use crate::cli::{same, twin_dirs};
use crate::common::{Keytool, corpus};

#[test]
fn bouncy_castle_ber_stores_read_as_keytool_reads_them() {
    let files = [
        ("key.p12", corpus("bouncycastle/ber-key.p12")),
        ("trust.p12", corpus("bouncycastle/ber-trust.p12")),
    ];
    let refs: Vec<(&str, &std::path::Path)> =
        files.iter().map(|(n, p)| (*n, p.as_path())).collect();
    let (kd, rd) = twin_dirs("ber", &refs);
    for store in ["key.p12", "trust.p12"] {
        for extra in [&[][..], &["-v"][..], &["-rfc"][..]] {
            let mut args = vec!["-list", "-keystore", store, "-storepass", "changeit"];
            args.extend(extra);
            same(&kd, &rd, &args, b"");
        }
        same(
            &kd,
            &rd,
            &["-list", "-keystore", store, "-storepass", "wrongpass"],
            b"",
        );
    }
    let bytes = std::fs::read(corpus("bouncycastle/ber-key.p12")).expect("read");
    let store = KeyStore::from_bytes(&bytes, Some("changeit")).expect("BER loads");
    let Some(Entry::PrivateKey(k)) = store.get("mykey") else {
        panic!("the key entry")
    };
    let key = k.open("changeit").expect("the key decrypts");
    assert!(key.matches_certificate(&k.chain()[0]).expect("comparable"));
    // An edit writes DER that keytool reads, with the key.
    let args = [
        "-changealias",
        "-alias",
        "mykey",
        "-destalias",
        "renamed",
        "-keystore",
        "key.p12",
        "-storepass",
        "changeit",
    ];
    same(&kd, &rd, &args, b"");
    let list = Keytool::jdk17().ok(
        &rd,
        &[
            "-list",
            "-v",
            "-keystore",
            "key.p12",
            "-storepass",
            "changeit",
        ],
    );
    assert!(
        list.contains("Alias name: renamed") && list.contains("PrivateKeyEntry"),
        "{list}"
    );
    assert_ne!(
        std::fs::read(rd.join("key.p12")).expect("read")[1],
        0x80,
        "saved as DER"
    );
}

#[test]
fn every_truncation_of_a_ber_store_is_a_typed_error() {
    let bytes = std::fs::read(corpus("bouncycastle/ber-trust.p12")).expect("read");
    for cut in (0..bytes.len()).step_by(7) {
        // No panic, no hang: an error, or (for a cut in trailing bytes) the store.
        let _ = KeyStore::from_bytes(&bytes[..cut], Some("changeit"));
    }
    let mut flipped = bytes.clone();
    for i in (0..bytes.len()).step_by(13) {
        flipped[i] ^= 0x55;
        let _ = KeyStore::from_bytes(&flipped, Some("changeit"));
        flipped[i] ^= 0x55;
    }
    assert!(KeyStore::from_bytes(&bytes[..bytes.len() - 3], Some("changeit")).is_err());
}

#[test]
fn bcfks_is_named_and_other_der_is_not_called_bcfks() {
    let bcfks = std::fs::read(corpus("bouncycastle/trust.bcfks")).expect("read");
    let err = KeyStore::from_bytes(&bcfks, Some("changeit"))
        .expect_err("refused")
        .to_string();
    assert!(err.contains("BCFKS (Bouncy Castle FIPS)"), "{err}");
    let cert = std::fs::read(corpus("generated/rsa2048-selfsigned.cert.der")).expect("read");
    let err = KeyStore::from_bytes(&cert, Some("changeit"))
        .expect_err("refused")
        .to_string();
    assert!(
        !err.contains("BCFKS") && err.contains("certificate"),
        "{err}"
    );
}
