#![no_main]
//! See `javakeystore::fuzzing::bundle`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| javakeystore::fuzzing::bundle(data));
