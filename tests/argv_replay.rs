//! Replays the `argv` fuzz corpus through keytool's argument parser (the library's
//! `keytool::parse_args`, which the example and the fuzz target use).

use javakeystore::keytool::parse_args;

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
        let _ = parse_args(&args);
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
    let o = parse_args(&args).unwrap_or_else(|_| panic!("parse"));
    assert_eq!(o.storepass.expect("password").len(), 64 * 1024);
}
