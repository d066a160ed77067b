#![no_main]
//! See `javakeystore::fuzzing::dname`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| javakeystore::fuzzing::dname(data));
