//! Key generation, self-signed certificates and requests.
//!
//! `cargo bench --bench certs`. RSA key generation time varies widely from one key to the
//! next (prime search), so its sample is larger and its median is what to quote.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use javakeystore::extension::GeneralName;
use javakeystore::{CertificateParams, Oid, PrivateKey};

fn params() -> CertificateParams {
    let mut p = CertificateParams::new(
        "CN=cvp1.example.com, OU=CC, O=Example, L=Tokyo, ST=Tokyo, C=JP"
            .parse()
            .expect("dn"),
    )
    .validity_days(1095);
    p.subject_alt_names = vec![GeneralName::Dns("cvp1.example.com".into())];
    p.extended_key_usage = vec![Oid::SERVER_AUTH, Oid::CLIENT_AUTH];
    p
}

fn keys_and_certs(c: &mut Criterion) {
    let mut g = c.benchmark_group("rsa-2048");
    g.sample_size(60).measurement_time(Duration::from_secs(20));
    g.bench_function("keygen", |b| {
        b.iter(|| PrivateKey::generate_rsa(black_box(2048)).expect("keygen"))
    });
    g.finish();

    let key = PrivateKey::generate_rsa(2048).expect("keygen");
    let p = params();
    let mut g = c.benchmark_group("with-fixed-key");
    g.bench_function("self-signed-certificate", |b| {
        b.iter(|| p.self_signed(black_box(&key)).expect("cert"))
    });
    g.bench_function("certificate-request", |b| {
        b.iter(|| p.request(black_box(&key)).expect("csr"))
    });
    g.finish();
}

criterion_group!(benches, keys_and_certs);
criterion_main!(benches);
