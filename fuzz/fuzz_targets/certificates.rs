#![no_main]
//! See `javakeystore::fuzzing::certificates`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| javakeystore::fuzzing::certificates(data));
