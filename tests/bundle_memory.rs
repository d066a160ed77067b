//! `-importcert -bundle`'s memory, measured: a bundle of thousands of certificates read,
//! planned and written as PKCS#12 and as JKS peaks below three times the bundle's size (the
//! fleet issue's target). A test binary of its own, with a tracking allocator (`cap`) whose
//! limit makes any allocation beyond the bound fail, which aborts this binary.

use cap::Cap;
use javakeystore::fleet::{AliasTemplate, BundlePlan, read_bundle};
use javakeystore::{
    CertificateParams, Curve, DistinguishedName, Format, KeySpec, KeyStore, PrivateKey, Timestamp,
};

#[global_allocator]
static ALLOCATOR: Cap<std::alloc::System> = Cap::new(std::alloc::System, usize::MAX);

#[test]
fn a_bundle_import_peaks_below_three_times_the_bundle() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bundle.pem");
    let key = PrivateKey::generate(KeySpec::Ec(Curve::P256)).expect("key");
    let mut pem = String::new();
    for i in 0..3000 {
        let name = DistinguishedName::from_components(
            &format!("host{i}.example.com"),
            "Fleet",
            "Bundle Test Org",
            "",
            "",
            "US",
        );
        let cert = CertificateParams::new(name)
            .self_signed(&key)
            .expect("cert");
        pem.push_str(&cert.to_pem());
        pem.push_str("text between certificates\r\n");
    }
    std::fs::write(&path, &pem).expect("write");
    let len = pem.len();
    drop(pem);
    for format in [Format::Pkcs12, Format::Jks] {
        let before = ALLOCATOR.allocated();
        ALLOCATOR.set_limit(before + 3 * len).expect("limit");
        let bundle = read_bundle(&path).expect("bundle");
        let mut store = KeyStore::new(format);
        let plan = BundlePlan::new(&store, bundle.certificates, &AliasTemplate::default());
        let added = plan.apply(&mut store, Timestamp::now()).expect("apply");
        drop(plan);
        let bytes = store.to_bytes("changeit").expect("encode");
        drop(store);
        ALLOCATOR.set_limit(usize::MAX).expect("limit");
        assert_eq!(added, 3000);
        let back = KeyStore::from_bytes(&bytes, "changeit").expect("reads back");
        assert_eq!(back.len(), 3000, "{format}");
    }
}
