#![no_main]
//! See `javakeystore::fuzzing::crl`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| javakeystore::fuzzing::crl(data));
