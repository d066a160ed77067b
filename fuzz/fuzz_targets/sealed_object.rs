#![no_main]
//! The Java serialization stream of a JCEKS secret key, and the sealed object inside it.
libfuzzer_sys::fuzz_target!(|data: &[u8]| javakeystore::fuzzing::sealed_object(data));
