//! What Ansible's `java_cert` and `java_keystore` modules ran into when they drove this
//! keytool instead of keytool 17 (issue: "a fleet engine"): a password written to stdin after
//! a quick exit, the store a delete of the last entry leaves, and cut-off stores reported
//! before the password prompt.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::cli::{example, ours, text};
use crate::common::{Keytool, openssl};
use crate::interop::{SP, scratch};

/// The modules start keytool, then write the password: our keytool must still be reading.
#[test]
fn a_password_written_after_a_quick_failure_does_not_break_the_pipe() {
    let dir = scratch("ansible-epipe");
    std::fs::write(dir.join("text.jks"), "not a keystore\n").expect("write");
    for args in [
        &["-list", "-keystore", "missing.jks"][..],
        &["-list", "-keystore", "text.jks"],
        &["-list", "-keystore", "missing.p12", "-storepass", SP],
    ] {
        let mut child = Command::new(example())
            .args(args)
            .current_dir(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        // Longer than a run takes, shorter than the bound the keytool waits for input.
        std::thread::sleep(Duration::from_millis(80));
        let mut stdin = child.stdin.take().expect("stdin");
        let written = stdin.write_all(b"changeit\n").and_then(|()| stdin.flush());
        drop(stdin);
        let out = child.wait_with_output().expect("wait");
        assert!(written.is_ok(), "{args:?}: {written:?}");
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: {}",
            text(&out.stdout)
        );
    }
}

/// A store cut off: keytool 17 reads it before it asks for a password and says
/// `java.io.EOFException`, for JKS and PKCS#12 alike; so does this keytool, word for word.
#[test]
fn cut_off_stores_fail_before_the_prompt_as_keytool_says() {
    let kt = Keytool::jdk17();
    let dir = scratch("ansible-eof");
    for (file, ty) in [("k.jks", "JKS"), ("k.p12", "PKCS12")] {
        kt.ok(
            &dir,
            &[
                "-genkeypair",
                "-keystore",
                file,
                "-storetype",
                ty,
                "-storepass",
                SP,
                "-keypass",
                SP,
                "-alias",
                "a",
                "-dname",
                "CN=a",
                "-keyalg",
                "RSA",
            ],
        );
        let bytes = std::fs::read(dir.join(file)).expect("read");
        let cut = format!("cut-{file}");
        std::fs::write(dir.join(&cut), &bytes[..bytes.len() / 2]).expect("write");
        for with_pass in [false, true] {
            let mut args = vec!["-list", "-keystore", cut.as_str()];
            if with_pass {
                args.extend(["-storepass", SP]);
            }
            let theirs = kt.run_stdin(&dir, &args, b"changeit\n");
            let mine = ours(&dir, &args, b"changeit\n");
            assert_eq!(text(&mine.stdout), text(&theirs.stdout), "{cut} {args:?}");
            assert_eq!(text(&mine.stdout), "keytool error: java.io.EOFException\n");
            assert!(
                !text(&mine.stderr).contains("Enter keystore password"),
                "{cut}"
            );
            assert_eq!(mine.status.code(), theirs.status.code());
        }
    }
}

/// After the last entry is deleted, the next import writes the certificates encrypted
/// (PBES2/AES-256) as keytool 17 does, so a wrong password still reads "keystore password
/// was incorrect" — the text `java_cert` matches.
#[test]
fn a_pkcs12_emptied_by_delete_keeps_its_certificates_encrypted() {
    let kt = Keytool::jdk17();
    let dir = scratch("ansible-emptied");
    kt.ok(
        &dir,
        &[
            "-genkeypair",
            "-keystore",
            "ca.p12",
            "-storepass",
            SP,
            "-alias",
            "ca",
            "-dname",
            "CN=ca",
            "-keyalg",
            "RSA",
        ],
    );
    kt.ok(
        &dir,
        &[
            "-exportcert",
            "-keystore",
            "ca.p12",
            "-storepass",
            SP,
            "-alias",
            "ca",
            "-file",
            "ca.der",
        ],
    );
    // Emptied by us and by keytool 17, refilled by us.
    for (n, deleter) in ["ours", "keytool"].into_iter().enumerate() {
        let store = format!("t{n}.p12");
        let import = [
            "-importcert",
            "-keystore",
            store.as_str(),
            "-storepass",
            SP,
            "-alias",
            "c",
            "-file",
            "ca.der",
            "-noprompt",
        ];
        let delete = [
            "-delete",
            "-keystore",
            store.as_str(),
            "-storepass",
            SP,
            "-alias",
            "c",
        ];
        assert!(ours(&dir, &import, b"").status.success());
        if deleter == "ours" {
            assert!(ours(&dir, &delete, b"").status.success());
        } else {
            kt.ok(&dir, &delete);
        }
        assert!(ours(&dir, &import, b"").status.success());
        let info = openssl(
            &dir,
            &[
                "pkcs12",
                "-in",
                &store,
                "-info",
                "-noout",
                "-passin",
                &format!("pass:{SP}"),
            ],
        );
        assert!(
            info.contains("PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC"),
            "{deleter}: {info}"
        );
        let wrong = [
            "-list",
            "-keystore",
            store.as_str(),
            "-storepass",
            "wrongpass",
        ];
        let (mine, theirs) = (ours(&dir, &wrong, b""), kt.run(&dir, &wrong));
        assert_eq!(text(&mine.stdout), text(&theirs.stdout), "{deleter}");
        assert!(text(&mine.stdout).contains("keystore password was incorrect"));
    }
}
