#![no_main]
//! The keytool example's argument parser, compiled from its own source: NUL-separated
//! arguments, parsed as keytool would; it must answer every one with options or an error.
#[allow(dead_code, unreachable_pub)]
#[path = "../../examples/keytool/cli.rs"]
mod cli;
#[allow(dead_code, unreachable_pub)]
#[path = "../../examples/keytool/fail.rs"]
mod fail;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let args: Vec<String> = data
        .split(|&b| b == 0)
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect();
    let _ = cli::parse(&args);
});
