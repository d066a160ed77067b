//! RFC 9579 PBMAC1: the RFC's vector A.1 (password `1234`) is read; its MAC rebuilt with a
//! wrong iteration count (A.4), a wrong salt (A.5) or no key length (A.6) is refused; what
//! this crate writes with PBMAC1 is checked by Python's hashlib PBKDF2 and HMAC and kept on
//! re-save; and a PBMAC1 bundle converts to a store keytool 17 reads.

use std::process::Command;

use javakeystore::format::{MacAlgorithm, Pkcs12Options, WriteOptions};
use javakeystore::{Entry, Error, KeyStore, KeyStoreFile};

use crate::cli::{ours, text};
use crate::common::{Keytool, data, tlv};
use crate::interop::scratch;

fn a1() -> Vec<u8> {
    std::fs::read(data("corpus/rfc9579/a1.p12")).expect("A.1")
}

/// Splits a DER TLV at the start of `bytes` into (its whole encoding, the rest).
fn split(bytes: &[u8]) -> (&[u8], &[u8]) {
    let (len, header) = match bytes[1] {
        n if n < 0x80 => (n as usize, 2),
        0x81 => (bytes[2] as usize, 3),
        0x82 => (((bytes[2] as usize) << 8) | bytes[3] as usize, 4),
        _ => panic!("length form"),
    };
    bytes.split_at(header + len)
}

/// A.1 with its MacData rebuilt from parts: the same digest, the given PBKDF2 salt,
/// iteration count and (optional) key length.
fn a1_with(salt: &[u8], iterations: u16, key_length: Option<u8>) -> Vec<u8> {
    let file = a1();
    let (pfx, _) = split(&file);
    let body = &pfx[4..]; // 30 82 xx xx
    let (version, rest) = split(body);
    let (auth_safe, mac) = split(rest);
    // The HMAC value A.1 carries (the DigestInfo's OCTET STRING, 32 bytes).
    let digest = &mac[mac.len() - 13 - 32..mac.len() - 13];
    let oid = |dotted: &[u8]| tlv(0x06, dotted);
    let hmac_sha256 = [
        oid(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x09]),
        vec![5, 0],
    ]
    .concat();
    let mut params = tlv(0x04, salt);
    params.extend(tlv(0x02, &iterations.to_be_bytes()));
    if let Some(k) = key_length {
        params.extend(tlv(0x02, &[k]));
    }
    params.extend(tlv(0x30, &hmac_sha256));
    let pbkdf2 = tlv(
        0x30,
        &[
            oid(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c]),
            tlv(0x30, &params),
        ]
        .concat(),
    );
    let pbmac1 = tlv(
        0x30,
        &[
            oid(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0e]),
            tlv(0x30, &[pbkdf2, tlv(0x30, &hmac_sha256)].concat()),
        ]
        .concat(),
    );
    let digest_info = tlv(0x30, &[pbmac1, tlv(0x04, digest)].concat());
    let mac_data = tlv(
        0x30,
        &[digest_info, tlv(0x04, b"NOT USED"), tlv(0x02, &[1])].concat(),
    );
    tlv(0x30, &[version, auth_safe, &mac_data].concat())
}

const A1_SALT: [u8; 8] = [0x6f, 0x47, 0x3c, 0x38, 0xb0, 0x2e, 0x31, 0x73];

#[test]
fn the_rfc_vectors_load_or_are_refused_as_the_rfc_says() {
    let (store, stored) = KeyStore::decode(a1(), Some("1234")).expect("A.1 loads");
    assert_eq!(
        stored.pkcs12.map(|p| p.mac),
        Some(MacAlgorithm::Pbmac1Sha256)
    );
    let (alias, entry) = store.entries().next().expect("one entry");
    let Entry::PrivateKey(k) = entry else {
        panic!("{alias}: a key entry")
    };
    let key = k.open("1234").expect("the key decrypts");
    assert!(key.matches_certificate(&k.chain()[0]).expect("comparable"));
    assert!(matches!(
        KeyStore::decode(a1(), Some("12345")),
        Err(Error::WrongStorePassword)
    ));
    // The rebuilt A.1 is byte for byte the vector, so the variants differ only where meant.
    assert_eq!(a1_with(&A1_SALT, 2048, Some(32)), a1());
    let mut salt = A1_SALT;
    salt[0] ^= 1;
    for (name, bytes) in [
        ("A.4 (iterations)", a1_with(&A1_SALT, 2049, Some(32))),
        ("A.5 (salt)", a1_with(&salt, 2048, Some(32))),
    ] {
        let result = KeyStore::decode(bytes, Some("1234"));
        // The containers decrypt (the password is right): the failed MAC is an integrity error.
        assert!(
            matches!(result, Err(Error::Integrity)),
            "{name}: {result:?}"
        );
    }
    let a6 = KeyStore::decode(a1_with(&A1_SALT, 2048, None), Some("1234"));
    let message = a6.expect_err("A.6 is refused").to_string();
    assert!(message.contains("key length"), "A.6: {message}");
}

#[test]
fn pbmac1_is_written_kept_and_checked_by_python() {
    let dir = scratch("pbmac1");
    let (store, _) = KeyStore::decode(a1(), Some("1234")).expect("A.1");
    let bytes = store
        .encode("changeit", &WriteOptions::pkcs12(Pkcs12Options::pbmac1()))
        .expect("PBMAC1 store");
    let path = dir.join("ours.p12");
    std::fs::write(&path, &bytes).expect("write");
    let (_, stored) = KeyStore::decode(bytes.clone(), Some("changeit")).expect("read back");
    assert_eq!(
        stored.pkcs12.map(|p| p.mac),
        Some(MacAlgorithm::Pbmac1Sha256)
    );
    // Python's own PBKDF2 and HMAC (hashlib, an implementation independent of this crate's)
    // check the PBMAC1, and cryptography decrypts the key and certificate.
    let script = r#"
import sys, hashlib, hmac
def tlv(b, i=0):
    n = b[i + 1]; h = 2
    if n & 0x80:
        k = n & 0x7f; n = int.from_bytes(b[i + 2:i + 2 + k], 'big'); h = 2 + k
    return b[i + h:i + h + n], i + h + n
def items(b):
    i, out = 0, []
    while i < len(b):
        start = i
        v, i = tlv(b, i)
        out.append((b[start], v))
    return out
data = open(sys.argv[1], 'rb').read()
pfx = items(tlv(data)[0])
content = items(items(pfx[1][1])[1][1])[0][1]   # ContentInfo -> [0] -> OCTET STRING
mac = items(pfx[2][1])
digest_info = items(mac[0][1])
alg = items(digest_info[0][1])
assert alg[0][1] == bytes.fromhex('2a864886f70d01050e'), 'not PBMAC1'
kdf = items(items(items(alg[1][1])[0][1])[1][1])
salt, iterations, key_length = kdf[0][1], int.from_bytes(kdf[1][1], 'big'), int.from_bytes(kdf[2][1], 'big')
key = hashlib.pbkdf2_hmac('sha256', b'changeit', salt, iterations, key_length)
assert hmac.new(key, content, hashlib.sha256).digest() == digest_info[1][1], 'MAC mismatch'
print('MAC OK', iterations, key_length)
"#;
    let out = Command::new("python3")
        .args(["-W", "ignore", "-c", script])
        .arg(&path)
        .output()
        .expect("python3");
    assert!(out.status.success(), "python: {}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("MAC OK 10000 32"),
        "{}",
        text(&out.stdout)
    );
    // An edit keeps the PBMAC1, as JDK 26 does.
    let mut file = KeyStoreFile::open_for_update(&path, Some("changeit")).expect("open");
    let cert = file
        .store()
        .entries()
        .next()
        .and_then(|(_, e)| e.certificate().cloned())
        .expect("cert");
    let trusted = javakeystore::TrustedCertEntry::new(cert, javakeystore::Timestamp::now());
    file.store_mut()
        .insert("extra", trusted.into())
        .expect("insert");
    file.save("changeit").expect("save");
    let (_, stored) =
        KeyStore::decode(std::fs::read(&path).expect("read"), Some("changeit")).expect("re-read");
    assert_eq!(
        stored.pkcs12.map(|p| p.mac),
        Some(MacAlgorithm::Pbmac1Sha256)
    );
}

#[test]
fn a_pbmac1_bundle_converts_to_a_store_keytool_17_reads() {
    let dir = scratch("pbmac1-convert");
    std::fs::write(dir.join("vault.p12"), a1()).expect("copy");
    let out = ours(
        &dir,
        &[
            "-importkeystore",
            "-srckeystore",
            "vault.p12",
            "-srcstorepass",
            "1234",
            "-destkeystore",
            "java17.p12",
            "-deststorepass",
            "changeit",
        ],
        b"",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listing = Keytool::jdk17().ok(
        &dir,
        &[
            "-list",
            "-v",
            "-keystore",
            "java17.p12",
            "-storepass",
            "changeit",
        ],
    );
    assert!(listing.contains("Entry type: PrivateKeyEntry"), "{listing}");
    assert!(
        listing.contains("Owner: CN=tt, OU=rr, O=ee, L=ww, ST=qq, C=XX"),
        "{listing}"
    );
}
