//! Shared helpers: fixture paths, hex, a seeded generator, and running the real keytool.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use javakeystore::{Entry, KeyStore};
use sha2::{Digest, Sha256};

pub fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

pub fn corpus(rel: &str) -> PathBuf {
    data(&format!("corpus/{rel}"))
}

pub fn read(rel: &str) -> Vec<u8> {
    std::fs::read(corpus(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex_upper(&Sha256::digest(bytes))
}

/// A real keytool binary.
#[derive(Debug, Clone)]
pub struct Keytool {
    pub path: PathBuf,
    pub version: u32,
}

impl Keytool {
    /// JDK 17's keytool; the tests need it, so its absence is a failure, not a skip.
    pub fn jdk17() -> Keytool {
        let path = std::env::var_os("KEYTOOL")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("/usr/bin/keytool"));
        assert!(
            path.exists(),
            "keytool not found at {} (install openjdk-17-jdk-headless or set KEYTOOL)",
            path.display()
        );
        Keytool { path, version: 17 }
    }

    /// JDK 25's keytool, where installed.
    pub fn jdk25() -> Option<Keytool> {
        let path = std::env::var_os("KEYTOOL25")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("/usr/lib/jvm/temurin-25-jdk-amd64/bin/keytool"));
        path.exists().then_some(Keytool { path, version: 25 })
    }

    /// Every keytool available: 17 always, 25 where present.
    pub fn all() -> Vec<Keytool> {
        let mut v = vec![Self::jdk17()];
        v.extend(Self::jdk25());
        v
    }

    /// Runs keytool in a stable locale and time zone.
    pub fn run(&self, dir: &Path, args: &[&str]) -> Output {
        self.run_stdin(dir, args, b"")
    }

    pub fn run_stdin(&self, dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
        use std::io::Write;
        use std::process::Stdio;
        let mut child = Command::new(&self.path)
            .args(["-J-Duser.language=en", "-J-Duser.country=US"])
            .args(args)
            .current_dir(dir)
            .env("TZ", "UTC")
            .env("LC_ALL", "C.UTF-8")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn keytool");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin)
            .expect("write stdin");
        child.wait_with_output().expect("keytool output")
    }

    /// Runs keytool and fails the test, with its output, unless it exits 0.
    pub fn ok(&self, dir: &Path, args: &[&str]) -> String {
        let out = self.run(dir, args);
        assert!(
            out.status.success(),
            "keytool {} {:?} failed:\n{}{}",
            self.version,
            args,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// Runs openssl in `dir`; returns stdout and stderr together, failing the test unless it
/// exits 0.
pub fn openssl(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run openssl");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "openssl {args:?}:\n{all}");
    all
}

/// A `java` next to the given keytool, to run the small JCA helper in `tests/java`.
pub fn java_for(kt: &Keytool) -> PathBuf {
    kt.path.with_file_name("java")
}

/// Loads a store with the real JCA and prints every entry (see tests/java/Dump.java), sorted:
/// `alias key created sha256(pkcs8) sha256(cert)...`, `alias secret created alg:hex`,
/// `alias trusted created sha256(cert)`.
pub fn jca_dump(
    kt: &Keytool,
    store: &Path,
    storetype: &str,
    storepass: &str,
    keypasses: &[(&str, &str)],
) -> Vec<String> {
    let helper = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/java/Dump.java");
    let out = Command::new(java_for(kt))
        .arg(helper)
        .args([
            store.to_str().expect("utf-8 path"),
            storetype,
            storepass,
            storepass,
        ])
        .args(keypasses.iter().map(|(a, p)| format!("{a}={p}")))
        .env("TZ", "UTC")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("run java");
    assert!(
        out.status.success(),
        "Dump.java on {} (JDK {}) failed:\n{}{}",
        store.display(),
        kt.version,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let pkcs12 = storetype.eq_ignore_ascii_case("PKCS12");
    let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            if pkcs12 {
                undated_trust(l)
            } else {
                l.to_owned()
            }
        })
        .collect();
    lines.sort();
    lines
}

/// PKCS#12 trusted certificates are dated when loaded, so two loads never agree: the dumps
/// of such stores leave that date out.
fn undated_trust(line: &str) -> String {
    let mut parts = line.rsplitn(3, ' ');
    let (sha, _created, head) = (parts.next(), parts.next(), parts.next());
    match (head, sha) {
        (Some(head), Some(sha)) if head.ends_with(" trusted") => format!("{head} loadtime {sha}"),
        _ => line.to_owned(),
    }
}

/// The same listing as [`jca_dump`], made by this crate.
pub fn our_dump(store: &KeyStore, storepass: &str, keypasses: &[(&str, &str)]) -> Vec<String> {
    let pass = |alias: &str| {
        keypasses
            .iter()
            .find(|(a, _)| a.eq_ignore_ascii_case(alias))
            .map_or(storepass, |(_, p)| *p)
    };
    let pkcs12 = store.format() == javakeystore::Format::Pkcs12;
    let mut lines: Vec<String> = store
        .entries()
        .map(|(alias, entry)| {
            let created = entry.created().unix_millis();
            // Java's PKCS#12 lists lower-cased aliases.
            let shown = if pkcs12 {
                alias.to_lowercase()
            } else {
                alias.to_owned()
            };
            let alias = shown.as_str();
            match entry {
                Entry::PrivateKey(k) => {
                    let key = k
                        .open(pass(alias))
                        .unwrap_or_else(|e| panic!("{alias}: {e}"));
                    let chain: Vec<String> =
                        k.chain().iter().map(|c| sha256_hex(c.as_der())).collect();
                    format!(
                        "{alias} key {created} {} {}",
                        sha256_hex(key.pkcs8_der()),
                        chain.join(" ")
                    )
                }
                Entry::SecretKey(s) => {
                    let key = s
                        .open(pass(alias))
                        .unwrap_or_else(|e| panic!("{alias}: {e}"));
                    format!(
                        "{alias} secret {created} {}:{}",
                        key.algorithm(),
                        hex_upper(key.as_bytes())
                    )
                }
                Entry::TrustedCert(t) if pkcs12 => {
                    format!(
                        "{alias} trusted loadtime {}",
                        sha256_hex(t.certificate().as_der())
                    )
                }
                Entry::TrustedCert(t) => {
                    format!(
                        "{alias} trusted {created} {}",
                        sha256_hex(t.certificate().as_der())
                    )
                }
                _ => unreachable!("no other entry kinds yet"),
            }
        })
        .collect();
    lines.sort();
    lines
}

/// A small deterministic generator (xorshift64), so that randomised tests reproduce.
pub struct XorShift(pub u64);

impl XorShift {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A value in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A DER TLV (short or long length form), for building hostile or hand-made inputs.
pub fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = body.len();
    if n < 0x80 {
        out.push(n as u8);
    } else if n < 0x100 {
        out.extend([0x81, n as u8]);
    } else {
        out.extend([0x82, (n >> 8) as u8, n as u8]);
    }
    out.extend_from_slice(body);
    out
}
