//! Harness bodies shared by the cargo-fuzz targets (`fuzz/`) and the stable test that
//! replays their corpora (`tests/it/fuzz_replay.rs`). Not part of the API.
//!
//! Each function takes arbitrary bytes and panics only when a property is broken: a parse
//! that succeeds must survive write → parse unchanged.

use std::str::FromStr;

use bytes::Bytes;
use der::{Decode, Tagged};

use crate::cert::Certificate;
use crate::csr::CertificateRequest;
use crate::entry::Entry;
use crate::format::{Pkcs12Options, WriteOptions};
use crate::kind::Format;
use crate::name::DistinguishedName;
use crate::protect::sealed::SealedKey;
use crate::store::KeyStore;
use crate::wire::serial::Stream;

const PASSWORD: &str = "fuzz-password";

/// Any store bytes: detection, parsing with and without a password, and for what parses,
/// a write → parse → write round trip that must be stable.
pub fn store(data: &[u8]) {
    // A small key-derivation budget: real counts would make most runs a few milliseconds.
    let _ = KeyStore::decode_with_budget(&Bytes::copy_from_slice(data), Some("changeit"), 4096);
    let Ok((store, stored)) = KeyStore::decode(data, None) else {
        return;
    };
    let pkcs12 = store.format() == Format::Pkcs12;
    let options = cheap(stored.pkcs12.unwrap_or_default());
    let Ok(written) = store.encode(PASSWORD, &options) else {
        return;
    };
    let again = KeyStore::from_bytes(&written, PASSWORD).expect("a store we wrote must read back");
    same_entries(&store, &again);
    let rewritten = again.encode(PASSWORD, &options).expect("rewrite");
    if pkcs12 {
        // Fresh salts make every PKCS#12 write different: compare what it holds.
        same_entries(
            &again,
            &KeyStore::from_bytes(&rewritten, PASSWORD).expect("reread"),
        );
    } else {
        assert_eq!(rewritten, written, "second write differs");
    }
    // Opening keys must fail cleanly; only cheap protections are tried (JCEKS costs 400,000
    // MD5 rounds per key by design).
    for (_, e) in store.entries() {
        if let Entry::PrivateKey(k) = e
            && k.protected_key().protection() == crate::Protection::JksKeyProtector
        {
            let _ = k.open(PASSWORD);
        }
    }
}

fn same_entries(a: &KeyStore, b: &KeyStore) {
    assert_eq!(a.len(), b.len(), "entry count changed");
    for ((a1, e1), (a2, e2)) in a.entries().zip(b.entries()) {
        if a.format() == Format::Pkcs12 {
            assert_eq!(a1, a2, "alias changed");
        } else {
            assert_eq!(crate::store::fold(a1), a2, "alias changed");
        }
        assert_eq!(e1.kind(), e2.kind());
        // Java dates PKCS#12 trusted certificates when it loads them.
        if !(a.format() == Format::Pkcs12 && e1.kind() == crate::EntryKind::TrustedCert) {
            assert_eq!(e1.created(), e2.created());
        }
        if a.format() == Format::Pkcs12 {
            // Java rebuilds PKCS#12 chains on load, from every certificate in the file.
            assert_eq!(e1.chain().first(), e2.chain().first());
        } else {
            assert_eq!(e1.chain(), e2.chain());
        }
        match (e1, e2) {
            (Entry::PrivateKey(k1), Entry::PrivateKey(k2)) => {
                assert_eq!(k1.protected_key(), k2.protected_key());
            }
            (Entry::SecretKey(k1), Entry::SecretKey(k2)) => {
                assert_eq!(k1.protected_key(), k2.protected_key());
            }
            _ => {}
        }
    }
}

/// A JCEKS secret-key entry: the Java serialization grammar, then the sealed-object layer,
/// and opening it when the iteration count is small.
pub fn sealed_object(data: &[u8]) {
    if let Ok((stream, used)) = Stream::parse(data) {
        assert!(used <= data.len());
        let _ = stream.class_name(stream.root);
    }
    if let Ok((sealed, used)) = SealedKey::parse(data) {
        assert_eq!(sealed.as_bytes(), &data[..used]);
        if sealed.iterations().is_some_and(|n| n <= 64) {
            let _ = sealed.open(PASSWORD);
        }
    }
}

/// PKCS#12 beyond the structure: with the fuzzers' own password (the seeds use it, with one
/// iteration, so mutations reach the decrypted bags), then every key that opens cheaply.
pub fn pkcs12(data: &[u8]) {
    let Ok((store, stored)) =
        KeyStore::decode_with_budget(&Bytes::copy_from_slice(data), Some(PASSWORD), 4096)
    else {
        return self::store(data);
    };
    let _ = crate::format::is_passwordless(data);
    for (_, e) in store.entries() {
        match e {
            Entry::PrivateKey(k)
                if k.protected_key().protection() == crate::Protection::JksKeyProtector =>
            {
                let _ = k.open(PASSWORD);
            }
            _ => {}
        }
    }
    store_round_trip(&store, cheap(stored.pkcs12.unwrap_or_default()));
}

/// One-iteration PKCS#12 writes: real counts would make every run a key derivation of
/// milliseconds. (No effect on JKS and JCEKS.)
fn cheap(mut form: Pkcs12Options) -> WriteOptions {
    form.cert_iterations = 1;
    form.mac_iterations = 1;
    WriteOptions::pkcs12(form)
}

fn store_round_trip(store: &KeyStore, options: WriteOptions) {
    let Ok(written) = store.encode(PASSWORD, &options) else {
        return;
    };
    let again = KeyStore::from_bytes(&written, PASSWORD).expect("a store we wrote must read back");
    same_entries(store, &again);
}

/// Certificate input as `-importcert` and `-printcert` take it: DER, PEM (one or many) or
/// PKCS#7. Every certificate found must re-parse from its own bytes, and showing its names
/// must not fail.
pub fn certificates(data: &[u8]) {
    let Ok(certs) = crate::certio::parse_certificates(data) else {
        return;
    };
    for c in certs {
        let again =
            Certificate::from_der(c.as_der().to_vec()).expect("a parsed certificate re-parses");
        assert_eq!(again, c);
        if let (Ok(s), Ok(i)) = (c.subject(), c.issuer()) {
            let _ = (s.to_string(), i.to_rfc2253());
        }
        let _ = c.is_self_signed();
    }
}

/// A PKCS#10 request, DER or PEM: what parses re-parses from its bytes, and its signature
/// check and extensions never panic.
pub fn certificate_request(data: &[u8]) {
    let Ok(req) = CertificateRequest::from_pem_or_der(data) else {
        return;
    };
    let again = CertificateRequest::from_der(req.as_der()).expect("a parsed request re-parses");
    assert_eq!(again.as_der(), req.as_der());
    let _ = (req.verify(), req.extensions(), req.subject().to_string());
}

/// keytool's `-dname` syntax: a name that parses prints as text that parses back to the same
/// name.
pub fn dname(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(name) = DistinguishedName::from_str(text) else {
        return;
    };
    let der = name.to_der();
    let decoded = DistinguishedName::from_der(&der).expect("our DER decodes");
    assert_eq!(decoded, name);
    // What is shown must parse back to a name shown the same way. (The DER may differ in
    // string type only: a `\XX` escape forces UTF8String, as in Java.)
    let shown = name.to_string();
    let reparsed = DistinguishedName::from_str(&shown)
        .unwrap_or_else(|e| panic!("{shown:?} (shown from {text:?}) does not parse: {e}"));
    if lossy_in_java(&name) {
        // Java shows a value with leading or trailing spaces quoted and trims quoted values
        // when parsing, and shows a value wrapped in quotes as it is, which then parses as
        // a quoted string: those round trips lose characters in keytool too. Each one peels
        // off a layer of quotes or spaces, so they settle within as many rounds as the text
        // has characters.
        let mut current = reparsed.to_string();
        for round in 0.. {
            let next = DistinguishedName::from_str(&current)
                .expect("shown form parses")
                .to_string();
            if next == current {
                break;
            }
            assert!(
                round <= text.len(),
                "{text:?} does not settle: {current:?} -> {next:?}"
            );
            current = next;
        }
    } else {
        assert_eq!(reparsed.to_string(), shown, "{text:?}");
    }
}

/// True when some attribute value begins or ends with what Java's `String.trim` strips, or
/// is wrapped in double quotes.
fn lossy_in_java(name: &DistinguishedName) -> bool {
    name.as_name().iter_rdn().any(|rdn| {
        rdn.iter().any(|ava| {
            crate::name::value::value_string(ava.value.tag(), ava.value.value()).is_some_and(|v| {
                crate::name::value::java_trim(&v).len() != v.len()
                    || (v.len() > 1 && v.starts_with('"') && v.ends_with('"'))
            })
        })
    })
}

/// CRL input as `-printcrl` takes it: DER (one, several, PKCS#7) or PEM. Every CRL found
/// re-parses from its own bytes, and keytool's rendering of it never panics.
pub fn crl(data: &[u8]) {
    let Ok(crls) = crate::crl::parse_crls(data) else {
        return;
    };
    let style = crate::keytool::Style::utc();
    for c in crls {
        let again = crate::crl::Crl::from_der(c.as_der().to_vec()).expect("a parsed CRL re-parses");
        assert_eq!(again, c);
        let _ = crate::keytool::crl_text(&c, &style);
        let _ = (c.number(), c.delta_base());
        for r in c.revoked() {
            let _ = r.reason_code();
        }
    }
}

/// A PKCS#8 private key of any type: what parses gives its size, its public key and (for
/// keys that sign) a signature that verifies, without panicking.
pub fn private_key(data: &[u8]) {
    let Ok(key) = crate::key::PrivateKey::from_pkcs8_der(data.to_vec()) else {
        return;
    };
    let _ = key.bits();
    let Ok(spki) = key.public_key_der() else {
        return;
    };
    let Ok(alg) = crate::sign::SignatureAlgorithm::default_for(&key) else {
        return;
    };
    let Ok(signature) = key.sign(alg, b"fuzz") else {
        return;
    };
    let spki = x509_cert::spki::SubjectPublicKeyInfoOwned::from_der(&spki)
        .expect("our public key encodes as SPKI");
    let outcome = crate::verify::verify(&spki, &alg.identifier(), b"fuzz", &signature);
    assert_eq!(outcome, crate::verify::Verification::Valid, "{alg}");
}

/// `-importcert -bundle`: the first byte gives the length of an alias template, the rest is
/// the bundle. What reads is planned into a store that already holds the first certificate:
/// every certificate is added or reported present, the aliases given are distinct and free,
/// and applying the plan adds exactly what it said.
pub fn bundle(data: &[u8]) {
    use crate::fleet::{AliasTemplate, Bundle, BundlePlan};
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let (template, bytes) = rest.split_at(usize::from(n).min(rest.len()));
    let template = AliasTemplate::parse(&String::from_utf8_lossy(template))
        .or_else(|_| AliasTemplate::parse("{cn}"))
        .expect("the default template parses");
    let Ok(bundle) = Bundle::from_bytes(bytes, std::path::Path::new("fuzz.pem")) else {
        return;
    };
    let mut store = KeyStore::new(Format::Pkcs12);
    if let Some(first) = bundle.certificates.first() {
        let entry = crate::entry::TrustedCertEntry::new(first.clone(), crate::Timestamp::now());
        store
            .insert("present", entry.into())
            .expect("an empty store takes an entry");
    }
    let before = store.len();
    let plan = BundlePlan::new(&store, bundle.certificates.clone(), &template);
    assert_eq!(plan.added() + plan.present(), bundle.certificates.len());
    let added = plan
        .apply(&mut store, crate::Timestamp::now())
        .expect("a plan applies to the store it was made for");
    assert_eq!(added, plan.added());
    assert_eq!(store.len(), before + added);
}
