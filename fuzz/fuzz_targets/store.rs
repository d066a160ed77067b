#![no_main]
//! Any keystore bytes, with and without a password; what parses must round-trip.
libfuzzer_sys::fuzz_target!(|data: &[u8]| javakeystore::fuzzing::store(data));
