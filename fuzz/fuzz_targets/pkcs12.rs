#![no_main]
//! See `javakeystore::fuzzing::pkcs12`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| javakeystore::fuzzing::pkcs12(data));
