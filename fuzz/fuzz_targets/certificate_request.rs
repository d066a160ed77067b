#![no_main]
//! See `javakeystore::fuzzing::certificate_request`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| javakeystore::fuzzing::certificate_request(data));
