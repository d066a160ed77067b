//! What the keytool example does, done through the library alone: issuing certificates
//! (`-gencert`), installing CA replies, key passwords and secret keys. Small named cases; the
//! CLI tests compare the same operations with the real keytool byte for byte.

use javakeystore::error::{KeyError, ReplyError};
use javakeystore::extension::{Extension, GeneralName, KeyUsage};
use javakeystore::keytool::{self, ReplyPlan};
use javakeystore::{
    Certificate, CertificateParams, Entry, Format, KeyStore, Oid, PrivateKey, PrivateKeyEntry,
    Protection, SecretKey, SecretKeyEntry, Timestamp, TrustedCertEntry,
};

const PW: &str = "changeit";

/// A CA: its key and self-signed certificate with BasicConstraints CA.
fn ca(name: &str) -> (PrivateKey, Certificate) {
    let key = PrivateKey::generate_rsa(2048).expect("keygen");
    let cert = CertificateParams::new(name.parse().expect("dn"))
        .extension(Extension::BasicConstraints {
            critical: true,
            ca: Some(true),
            path_len: None,
        })
        .self_signed(&key)
        .expect("ca");
    (key, cert)
}

/// A store with a self-signed key entry `server`.
fn server_store(format: Format) -> (KeyStore, PrivateKey) {
    let key = PrivateKey::generate_rsa(2048).expect("keygen");
    let cert = CertificateParams::new("CN=server.example.com".parse().expect("dn"))
        .self_signed(&key)
        .expect("cert");
    let protection = javakeystore::format::WriteOptions::default().key_protection(format);
    let entry = PrivateKeyEntry::seal(&key, vec![cert], PW, protection).expect("seal");
    let mut store = KeyStore::new(format);
    store.insert("server", entry.into()).expect("insert");
    (store, key)
}

#[test]
fn gencert_issues_from_a_request_with_honored_extensions() {
    let (ca_key, ca_cert) = ca("CN=Issuing CA, O=Example");
    let leaf_key = PrivateKey::generate_rsa(2048).expect("keygen");
    let mut ask = CertificateParams::new("CN=leaf.example.com".parse().expect("dn"));
    ask.subject_alt_names = vec![GeneralName::Dns("leaf.example.com".into())];
    ask.key_usage = Some(KeyUsage::DIGITAL_SIGNATURE);
    let req = ask.request(&leaf_key).expect("request");
    assert_eq!(req.verify(), javakeystore::Verification::Valid);
    // `-gencert -ext honored=all,-ku -ext eku=serverAuth`
    let mut params = CertificateParams::new(req.subject());
    params.extensions =
        keytool::honored(&["honored=all,-ku".into()], &req.extensions()).expect("honored");
    params.extensions.push(
        keytool::parse_ext("eku=serverAuth")
            .expect("eku")
            .expect("an extension"),
    );
    let spki = req.public_key_der().expect("spki");
    let cert = params.signed_by(&spki, &ca_cert, &ca_key).expect("issue");
    assert!(cert.is_signed_by(&ca_cert) && !cert.is_self_signed());
    let info = cert.inspect().expect("inspect");
    assert_eq!(info.issuer, ca_cert.subject().expect("subject"));
    assert_eq!(info.subject_alt_names(), ask.subject_alt_names);
    assert_eq!(info.extended_key_usage(), Some(&[Oid::SERVER_AUTH][..]));
    assert!(
        !info
            .extensions
            .iter()
            .any(|e| matches!(e, Extension::KeyUsage { .. }))
    );
    assert_eq!(cert.authority_key_id(), ca_cert.subject_key_id());
}

#[test]
fn a_one_certificate_reply_installs_with_the_chain_from_the_store() {
    let (mut store, key) = server_store(Format::Pkcs12);
    let (ca_key, ca_cert) = ca("CN=Root CA");
    store
        .insert(
            "root",
            TrustedCertEntry::new(ca_cert.clone(), Timestamp::now()).into(),
        )
        .expect("insert");
    let own = store
        .get("server")
        .and_then(Entry::certificate)
        .expect("cert")
        .clone();
    let spki = own.public_key_info_der().expect("spki");
    let signed = CertificateParams::new("CN=server.example.com".parse().expect("dn"))
        .signed_by(spki, &ca_cert, &ca_key)
        .expect("issue");
    let plan = keytool::plan_reply(&store, "server", std::slice::from_ref(&signed), None, false)
        .expect("plan");
    let ReplyPlan::Ready(chain) = plan else {
        panic!("a chain to a trusted root needs no question")
    };
    assert_eq!(chain, vec![signed.clone(), ca_cert]);
    keytool::install_reply(&mut store, "server", chain).expect("install");
    let Some(Entry::PrivateKey(k)) = store.get("server") else {
        panic!("server")
    };
    assert_eq!(k.chain()[0], signed);
    assert_eq!(k.open(PW).expect("the key is kept"), key);
}

#[test]
fn replies_that_cannot_install_get_keytools_errors() {
    let (store, _) = server_store(Format::Jks);
    let (ca_key, ca_cert) = ca("CN=Root CA");
    let own = store
        .get("server")
        .and_then(Entry::certificate)
        .expect("cert")
        .clone();
    let plan = |reply: &[Certificate]| keytool::plan_reply(&store, "server", reply, None, false);
    assert_eq!(plan(&[]), Err(ReplyError::NoCertificates));
    assert_eq!(plan(std::slice::from_ref(&own)), Err(ReplyError::Identical));
    assert_eq!(
        plan(std::slice::from_ref(&ca_cert)),
        Err(ReplyError::KeyMismatch)
    );
    let spki = own.public_key_info_der().expect("spki");
    let signed = CertificateParams::new("CN=server.example.com".parse().expect("dn"))
        .signed_by(spki, &ca_cert, &ca_key)
        .expect("issue");
    // The root is not in the store: no chain for a single certificate...
    assert_eq!(
        plan(std::slice::from_ref(&signed)),
        Err(ReplyError::NoChain)
    );
    // ... while a two-certificate reply is shown and asked about.
    let ReplyPlan::Untrusted { chain, top } =
        plan(&[ca_cert.clone(), signed.clone()]).expect("plan")
    else {
        panic!("an untrusted root must be asked about")
    };
    assert_eq!((chain.len(), top), (2, ca_cert.clone()));
    let (_, other_ca) = ca("CN=Other CA");
    assert_eq!(plan(&[signed, other_ca]), Err(ReplyError::IncompleteChain));
    assert_eq!(
        keytool::plan_reply(&store, "nope", &[own], None, false),
        Err(ReplyError::NotAKeyEntry {
            alias: "nope".into()
        })
    );
}

#[test]
fn key_passwords_protect_each_format_and_are_told_apart() {
    let key = PrivateKey::generate_rsa(2048).expect("keygen");
    let cert = CertificateParams::new("CN=k".parse().expect("dn"))
        .self_signed(&key)
        .expect("cert");
    for protection in [
        Protection::JksKeyProtector,
        Protection::PbeWithMd5AndTripleDes,
        Protection::Pbes2,
        Protection::Pkcs12Pbe,
    ] {
        let entry =
            PrivateKeyEntry::seal(&key, vec![cert.clone()], "keypass1", protection).expect("seal");
        assert_eq!(entry.open("keypass1").expect("open"), key, "{protection:?}");
        assert_eq!(
            entry.open("wrong"),
            Err(KeyError::WrongPassword),
            "{protection:?}"
        );
        // `-keypasswd`: the same key under a new password, the old one no longer opens it.
        let again = Entry::from(entry)
            .reprotect(protection, "keypass1", "keypass2")
            .expect("reprotect");
        let Entry::PrivateKey(again) = again else {
            panic!("a key entry")
        };
        assert_eq!(again.open("keypass2").expect("new password"), key);
        assert!(again.open("keypass1").is_err());
    }
    // JCEKS refuses what Java 8 to 21 could not open.
    assert_eq!(
        PrivateKeyEntry::seal(
            &key,
            vec![cert],
            "pässwörd",
            Protection::PbeWithMd5AndTripleDes
        )
        .err()
        .map(|e| e.to_string()),
        Some(KeyError::PasswordNotAscii.to_string())
    );
}

#[test]
fn secret_keys_round_trip_through_jceks_and_pkcs12() {
    for (alg, bits) in [
        ("AES", Some(256)),
        ("DESede", None),
        ("HmacSHA256", Some(256)),
    ] {
        let key = SecretKey::generate(alg, bits).expect("generate");
        for format in [Format::Jceks, Format::Pkcs12] {
            let protection = javakeystore::format::WriteOptions::default().key_protection(format);
            let sealed =
                javakeystore::ProtectedSecretKey::seal_with(&key, PW, protection).expect("seal");
            let mut store = KeyStore::new(format);
            store
                .insert("k", SecretKeyEntry::new(sealed, Timestamp::now()).into())
                .expect("insert");
            let back = KeyStore::from_bytes(&store.to_bytes(PW).expect("write"), PW).expect("read");
            let Some(Entry::SecretKey(s)) = back.get("k") else {
                panic!("{alg} in {format}")
            };
            assert_eq!(s.open(PW).expect("open"), key, "{alg} in {format}");
            assert!(s.open("wrong-password").is_err(), "{alg} in {format}");
        }
    }
    let mut jks = KeyStore::new(Format::Jks);
    let aes = SecretKey::generate("AES", Some(128)).expect("aes");
    let entry = SecretKeyEntry::seal(&aes, PW).expect("seal");
    assert!(
        jks.insert("k", entry.into()).is_err(),
        "JKS holds no secret keys"
    );
    assert!(matches!(
        SecretKey::generate("AES", Some(100)),
        Err(KeyError::KeySize { .. })
    ));
}
