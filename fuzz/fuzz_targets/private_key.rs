#![no_main]
//! See `javakeystore::fuzzing::private_key`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| javakeystore::fuzzing::private_key(data));
