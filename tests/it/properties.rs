//! `-J-Dkeystore.pkcs12.*` as keytool 17 applies them: the forms of new stores (password-less
//! trust store, Java 8 legacy, iteration counts), key protection for keys added to a loaded
//! store whose own algorithms stay; the same files' structure (by `openssl pkcs12 -info`) as
//! keytool's, and every other `-J` option accepted.

use std::path::Path;

use crate::cli::{ours, same, text, twin_dirs};
use crate::common::{Keytool, data, openssl};

/// The algorithms and counts of a PKCS#12 file, as `openssl pkcs12 -info` names them.
fn form(dir: &Path, file: &str, pass: &str) -> Vec<String> {
    let out = openssl(
        dir,
        &[
            "pkcs12",
            "-in",
            file,
            "-info",
            "-noout",
            "-legacy",
            "-passin",
            &format!("pass:{pass}"),
        ],
    );
    out.lines()
        .filter(|l| {
            l.starts_with("MAC")
                || l.contains("Keybag")
                || l.starts_with("PKCS7")
                || l.contains("Warning: MAC is absent")
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn pkcs12_properties_shape_stores_as_keytool_17_does() {
    let ca = data("corpus/generated/chain-ca.cert.pem");
    let (kd, rd) = twin_dirs("pkcs12-properties", &[("ca.pem", ca.as_path())]);
    let runs: [(&str, &[&str]); 4] = [
        (
            "open.p12",
            &[
                "-importcert",
                "-noprompt",
                "-alias",
                "ca",
                "-file",
                "ca.pem",
                "-J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE",
                "-J-Dkeystore.pkcs12.macAlgorithm=NONE",
            ],
        ),
        (
            "legacy.p12",
            &[
                "-genkeypair",
                "-alias",
                "k",
                "-keyalg",
                "EC",
                "-dname",
                "CN=legacy",
                "-J-Dkeystore.pkcs12.legacy",
            ],
        ),
        (
            "counts.p12",
            &[
                "-importcert",
                "-noprompt",
                "-alias",
                "ca",
                "-file",
                "ca.pem",
                "-J-Dkeystore.pkcs12.macIterationCount=2000",
                "-J-Dkeystore.pkcs12.certPbeIterationCount=3000",
                "-J-Xmx64m",
                "-J-Duser.language=en",
            ],
        ),
        (
            "legacy.p12",
            &[
                "-genkeypair",
                "-alias",
                "k2",
                "-keyalg",
                "EC",
                "-dname",
                "CN=modern key",
                "-J-Dkeystore.pkcs12.keyProtectionAlgorithm=PBEWithHmacSHA256AndAES_256",
                "-J-Dkeystore.pkcs12.macAlgorithm=HmacPBESHA256",
            ],
        ),
    ];
    for (file, args) in runs {
        let mut all = args.to_vec();
        all.extend(["-keystore", file, "-storepass", "changeit"]);
        same(&kd, &rd, &all, b"");
        assert_eq!(
            form(&rd, file, "changeit"),
            form(&kd, file, "changeit"),
            "{file} after {args:?}"
        );
    }
    // The password-less store opens without a password in keytool.
    let list = Keytool::jdk17().ok(&rd, &["-list", "-keystore", "open.p12"]);
    assert!(list.contains("Your keystore contains 1 entry"), "{list}");
    // An unknown value matters only when a store is written (keytool 17 itself fails then,
    // with a StringIndexOutOfBoundsException).
    let bad = "-J-Dkeystore.pkcs12.macAlgorithm=Foo";
    same(
        &kd,
        &rd,
        &[
            "-list",
            "-keystore",
            "open.p12",
            "-storepass",
            "changeit",
            bad,
        ],
        b"",
    );
    let args = [
        "-importcert",
        "-noprompt",
        "-alias",
        "again",
        "-file",
        "ca.pem",
    ];
    let mut args = args.to_vec();
    args.extend(["-keystore", "new.p12", "-storepass", "changeit", bad]);
    let out = ours(&rd, &args, b"");
    let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("Foo is not a supported keystore.pkcs12.macAlgorithm"),
        "{said}"
    );
}
