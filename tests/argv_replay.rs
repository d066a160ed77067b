//! Replays the `argv` fuzz corpus through the keytool example's argument parser, compiled
//! here from its own source as the fuzz target compiles it.

#[allow(dead_code, unreachable_pub, missing_docs)]
#[path = "../examples/keytool/cli.rs"]
mod cli;
#[allow(dead_code, unreachable_pub, missing_docs)]
#[path = "../examples/keytool/fail.rs"]
mod fail;

#[test]
fn argv_corpus() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/argv");
    let mut n = 0;
    for f in std::fs::read_dir(&dir).expect("fuzz/corpus/argv").flatten() {
        let data = std::fs::read(f.path()).expect("read");
        let args: Vec<String> = data
            .split(|&b| b == 0)
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        let _ = cli::parse(&args);
        n += 1;
    }
    assert!(n >= 20, "only {n} argv inputs");
}

#[test]
fn password_files_are_read_one_bounded_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("pw");
    let mut long = "x".repeat(100_000);
    long.push('\n');
    std::fs::write(&file, long).expect("write");
    let args: Vec<String> = ["-list", "-storepass:file", file.to_str().expect("utf-8")]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let o = cli::parse(&args).unwrap_or_else(|_| panic!("parse"));
    assert_eq!(o.storepass.expect("password").len(), 64 * 1024);
}
