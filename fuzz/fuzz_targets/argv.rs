#![no_main]
//! keytool's argument parser (the library's `keytool::parse_args`): NUL-separated arguments,
//! parsed as keytool would; it must answer every one with options or an error.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let args: Vec<String> = data
        .split(|&b| b == 0)
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect();
    let _ = javakeystore::keytool::parse_args(&args);
});
