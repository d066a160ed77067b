//! Crash, fault and race safety of the keytool example's writes: a SIGKILL at any moment
//! leaves the old store or the new one, a full disk or a read-only folder leaves the file
//! byte-identical with a clear error, and eight concurrent writers all keep their entry.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use javakeystore::{CertificateParams, DistinguishedName, KeyStore, PrivateKey};

use crate::cli::{example, text};
use crate::common::{XorShift, corpus};
use crate::interop::scratch;

const PW: &str = "changeit";

/// `n` distinct self-signed certificates (DER files `c<i>.der` in `dir`), one key for all.
fn certificates(dir: &Path, n: usize) -> Vec<PathBuf> {
    let key = PrivateKey::generate_rsa(2048).expect("key");
    (0..n)
        .map(|i| {
            let dn: DistinguishedName = format!("CN=writer{i}.example.com, O=Safety")
                .parse()
                .expect("dn");
            let cert = CertificateParams::new(dn)
                .validity_days(30)
                .self_signed(&key)
                .expect("cert");
            let path = dir.join(format!("c{i}.der"));
            std::fs::write(&path, cert.as_der()).expect("write cert");
            path
        })
        .collect()
}

/// `-importcert` of `cert` as trusted entry `alias` into `store`, without questions.
fn import_args<'a>(store: &'a str, alias: &'a str, cert: &'a str) -> [&'a str; 10] {
    [
        "-importcert",
        "-noprompt",
        "-keystore",
        store,
        "-storepass",
        PW,
        "-alias",
        alias,
        "-file",
        cert,
    ]
}

fn import_cmd(dir: &Path, alias: &str, cert: &Path) -> Command {
    let mut cmd = Command::new(example());
    cmd.args(import_args("ks.jks", alias, &cert.to_string_lossy()))
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

fn aliases(path: &Path) -> Vec<String> {
    let store = KeyStore::load(path, PW).expect("the store must stay readable");
    store.aliases().map(str::to_owned).collect()
}

/// A 150-certificate store, so that a write takes long enough for kills to land inside it.
fn big_store(dir: &Path) -> PathBuf {
    let path = dir.join("ks.jks");
    std::fs::copy(corpus("generated/cacerts-debian.jks"), &path).expect("copy cacerts");
    path
}

#[test]
fn concurrent_imports_keep_every_entry() {
    let dir = scratch("safety-concurrent");
    let certs = certificates(&dir, 8);
    let path = big_store(&dir);
    let before = aliases(&path).len();
    let children: Vec<_> = certs
        .iter()
        .enumerate()
        .map(|(i, c)| {
            import_cmd(&dir, &format!("writer{i}"), c)
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let after = aliases(&path);
    assert_eq!(after.len(), before + 8, "lost updates");
    for i in 0..8 {
        assert!(after.contains(&format!("writer{i}")), "writer{i} lost");
    }
}

#[test]
fn a_held_lock_gives_a_clear_error_after_the_timeout() {
    let dir = scratch("safety-locked");
    let certs = certificates(&dir, 1);
    let path = big_store(&dir);
    let original = std::fs::read(&path).expect("read");
    let lock = javakeystore::FileLock::acquire(&path, Duration::from_secs(1)).expect("lock");
    let start = Instant::now();
    let out = import_cmd(&dir, "late", &certs[0])
        .env("JAVAKEYSTORE_LOCK_TIMEOUT_MS", "300")
        .output()
        .expect("run");
    let waited = start.elapsed();
    drop(lock);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("locked by another process"), "{stdout}");
    assert!(waited >= Duration::from_millis(300), "{waited:?}");
    assert_eq!(std::fs::read(&path).expect("read"), original);
}

/// Kills the example at random moments of an import; after every kill the store holds the
/// old content or the new one, and the next import works.
#[test]
fn sigkill_at_any_moment_leaves_the_old_or_the_new_store() {
    let dir = scratch("safety-sigkill");
    let certs = certificates(&dir, 1);
    let path = big_store(&dir);
    // Undisturbed runs measure how long an import takes on this machine: the fastest of
    // three, as the first (cold caches) or one slowed by parallel tests would make most
    // kills land after the command finished.
    let mut span = u64::MAX;
    for probe in 0..3 {
        let start = Instant::now();
        let out = import_cmd(&dir, &format!("probe{probe}"), &certs[0])
            .output()
            .expect("run");
        assert!(out.status.success(), "{}", text(&out.stderr));
        span = span.min(start.elapsed().as_micros() as u64);
    }
    let mut expected = aliases(&path);
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let (mut killed, mut finished) = (0, 0);
    for round in 0..60 {
        let delay = Duration::from_micros(rng.next() % (span + span / 4 + 1));
        let alias = format!("round{round}");
        let mut child = import_cmd(&dir, &alias, &certs[0]).spawn().expect("spawn");
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().expect("wait");
        let now = aliases(&path);
        if now.len() == expected.len() + 1 {
            assert!(now.contains(&alias), "round {round}: unexpected new entry");
            expected = now;
        } else {
            assert_eq!(now, expected, "round {round}: neither old nor new");
        }
        if status.success() {
            finished += 1;
            // A probe slowed by parallel tests overstates the span: shrink it each time a
            // command outran its kill, so that the kills keep landing mid-command.
            span -= span / 8;
        } else {
            killed += 1;
        }
    }
    // The kills must really have landed mid-command for the test to mean anything.
    assert!(
        killed >= 20,
        "only {killed} kills landed ({finished} finished)"
    );
    let strays = temporaries(&dir);
    // The next save under the lock sweeps what killed writers left behind.
    let out = import_cmd(&dir, "after", &certs[0]).output().expect("run");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(temporaries(&dir), 0, "orphaned temporary files remain");
    println!("{killed} killed, {finished} finished, {strays} orphans swept");
}

fn temporaries(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count()
}

/// Runs the example through `sh` with a shell prelude (fault injection), returning its output.
#[cfg(unix)]
fn run_with_prelude(dir: &Path, prelude: &str, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("{prelude}; exec \"$0\" \"$@\""))
        .arg(example())
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run sh")
}

#[cfg(unix)]
#[test]
fn full_disk_leaves_the_store_byte_identical() {
    let dir = scratch("safety-full-disk");
    let certs = certificates(&dir, 1);
    let path = big_store(&dir);
    let original = std::fs::read(&path).expect("read");
    let cert = certs[0].to_string_lossy().into_owned();
    // A 1-block file size limit makes every write past it fail with EFBIG, as a full disk
    // makes it fail with ENOSPC; ignoring SIGXFSZ turns the signal into that error.
    let out = run_with_prelude(
        &dir,
        "trap '' XFSZ; ulimit -f 1",
        &import_args("ks.jks", "new", &cert),
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    println!("{stdout}");
    assert!(
        stdout.starts_with("keytool error: java.io.IOException"),
        "{stdout}"
    );
    assert_eq!(std::fs::read(&path).expect("read"), original);
    assert_eq!(
        temporaries(&dir),
        0,
        "the failed temporary file must be removed"
    );
}

#[cfg(unix)]
#[test]
fn read_only_folder_leaves_the_store_byte_identical() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("safety-read-only");
    let certs = certificates(&dir, 1);
    let ro = dir.join("ro");
    std::fs::create_dir(&ro).expect("mkdir");
    let path = big_store(&ro);
    let original = std::fs::read(&path).expect("read");
    for p in [&dir, &ro] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    // Root ignores permissions: run the example as `nobody` then (its binary and the scratch
    // folders are world-readable), or skip when that is impossible.
    let prelude = if std::fs::File::create(ro.join("probe")).is_ok() {
        let _ = std::fs::remove_file(ro.join("probe"));
        if Command::new("setpriv").arg("--help").output().is_err() {
            eprintln!("skipped: running as root without setpriv");
            return;
        }
        "exec setpriv --reuid 65534 --regid 65534 --clear-groups \"$0\" \"$@\"; :"
    } else {
        ":"
    };
    let cert = certs[0].to_string_lossy().into_owned();
    let store = path.to_string_lossy().into_owned();
    let out = run_with_prelude(&ro, prelude, &import_args(&store, "new", &cert));
    for p in [&dir, &ro] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    println!("{stdout}");
    assert!(stdout.contains("(Permission denied)"), "{stdout}");
    assert_eq!(std::fs::read(&path).expect("read"), original);
}
