//! Ansible (`ansible` from PyPI, which `.ci/run` installs) driving keytool through
//! `community.general.java_cert` and `java_keystore`: `examples/ansible/keytool-modules.yml`
//! run on localhost once with keytool 17 and once with this keytool gives the same
//! changed/failed for every task and stores with the same entries; and
//! `examples/ansible/exchange.yml` runs the exchange, changed once, then not.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::cli::{example, text};
use crate::common::{Keytool, openssl};
use crate::interop::{SP, scratch};

fn playbook(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/ansible")
        .join(name)
}

/// The Python that has Ansible, for its modules too (discovery can pick another one).
fn python() -> String {
    let out = Command::new("python3")
        .args(["-c", "import sys; print(sys.executable)"])
        .output()
        .expect("python3");
    text(&out.stdout).trim().to_owned()
}

fn ansible(dir: &Path, path_first: Option<&Path>, args: &[&str]) -> Output {
    let mut path = std::env::var_os("PATH").unwrap_or_default();
    if let Some(first) = path_first {
        let mut parts = vec![first.to_path_buf()];
        parts.extend(std::env::split_paths(&path));
        path = std::env::join_paths(parts).expect("PATH");
    }
    Command::new("ansible-playbook")
        .args(["-i", "localhost,", "-c", "local"])
        .args(args)
        .current_dir(dir)
        .env("PATH", path)
        .env("ANSIBLE_NOCOLOR", "1")
        .env("ANSIBLE_LOCALHOST_WARNING", "False")
        .env("ANSIBLE_PYTHON_INTERPRETER", python())
        .env("ANSIBLE_LOCAL_TEMP", dir.join(".ansible-tmp"))
        .output()
        .expect("ansible-playbook (pip install ansible; .ci/run does)")
}

/// Entries of a store as keytool 17 lists them: `alias, type, fingerprint` lines, sorted.
fn entries(kt: &Keytool, dir: &Path, store: &str) -> Vec<String> {
    let listing = kt.ok(dir, &["-list", "-keystore", store, "-storepass", SP]);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in listing.lines() {
        if let Some(fp) = line.strip_prefix("Certificate fingerprint (SHA-256): ") {
            lines.push(format!("{current} {fp}"));
        } else if line.contains(", ") && (line.contains("Entry,") || line.ends_with("Entry, ")) {
            let mut parts = line.split(", ");
            let alias = parts.next().unwrap_or_default();
            let kind = line
                .rsplit(", ")
                .find(|p| p.ends_with("Entry"))
                .unwrap_or_default();
            current = format!("{alias} {kind}");
        }
    }
    lines.sort();
    lines
}

#[test]
fn java_cert_and_java_keystore_behave_with_this_keytool_as_with_keytool_17() {
    let kt = Keytool::jdk17();
    let shared = scratch("ansible-shared");
    for (name, cn) in [
        ("a", "a.example.com"),
        ("b", "b.example.com"),
        ("tls", "tls.example.com"),
        ("cert", "server.example.com"),
    ] {
        let key = if name == "cert" {
            "key.pem".to_owned()
        } else {
            format!("{name}.key")
        };
        openssl(
            &shared,
            &[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                &key,
                "-out",
                &format!("{name}.pem"),
                "-days",
                "30",
                "-subj",
                &format!("/CN={cn}"),
            ],
        );
    }
    let (port, _tls) = crate::exchange::tls_endpoint(&shared, "tls");
    let bin = shared.join("bin");
    std::fs::create_dir_all(&bin).expect("bin");
    let ours_link = bin.join("keytool");
    #[cfg(unix)]
    std::os::unix::fs::symlink(example(), &ours_link).expect("link");
    let mut results = Vec::new();
    for (run, keytool, path_first) in [
        ("keytool17", kt.path.clone(), None),
        ("ours", ours_link.clone(), Some(bin.as_path())),
    ] {
        let work = scratch(&format!("ansible-{run}"));
        for f in ["a.pem", "b.pem", "cert.pem", "key.pem"] {
            std::fs::copy(shared.join(f), work.join(f)).expect("copy");
        }
        let out = ansible(
            &work,
            path_first,
            &[
                playbook("keytool-modules.yml").to_str().expect("path"),
                "-e",
                &format!("work={}", work.display()),
                "-e",
                &format!("keytool={}", keytool.display()),
                "-e",
                &format!("tls_port={port}"),
            ],
        );
        assert!(
            out.status.success(),
            "{run}: {}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(work.join("results.json")).expect("results"))
                .expect("json");
        let stores: Vec<Vec<String>> = [
            "trust.jks",
            "trust.p12",
            "trust.jceks",
            "server.p12",
            "server.jks",
        ]
        .iter()
        .map(|s| entries(&kt, &work, s))
        .collect();
        results.push((run, json, stores));
    }
    let (_, theirs, their_stores) = &results[0];
    let (_, mine, my_stores) = &results[1];
    let tasks = theirs.as_object().expect("tasks");
    for (task, want) in tasks {
        let got = &mine[task];
        assert_eq!(
            (&got["changed"], &got["failed"]),
            (&want["changed"], &want["failed"]),
            "{task}: keytool 17 {want}, ours {got}"
        );
    }
    // What keytool 17 itself gives, so that the comparison means something.
    let flags = |t: &str| {
        (
            theirs[t]["changed"].as_bool(),
            theirs[t]["failed"].as_bool(),
        )
    };
    for (task, changed) in [
        ("jks", true),
        ("jks_again", false),
        ("p12", true),
        ("p12_again", false),
        ("jceks", true),
        ("jceks_again", false),
        ("replace", true),
        ("remove", true),
        ("remove_again", false),
        ("url", true),
        ("url_again", false),
        ("keystore", true),
        ("keystore_again", false),
        ("keystore_jks", true),
    ] {
        assert_eq!(
            flags(task),
            (Some(changed), Some(false)),
            "keytool 17 {task}: {}",
            theirs[task]
        );
    }
    assert_eq!(flags("wrong").1, Some(true));
    assert!(
        mine["wrong"]["msg"]
            .as_str()
            .unwrap_or_default()
            .contains("password was incorrect")
            || mine["wrong"].to_string().contains("password"),
        "{}",
        mine["wrong"]
    );
    assert_eq!(my_stores, their_stores);
    assert!(
        my_stores[1]
            .iter()
            .any(|l| l.starts_with("web trustedCertEntry")),
        "{:?}",
        my_stores[1]
    );
    assert!(
        my_stores[3]
            .iter()
            .any(|l| l.starts_with("server PrivateKeyEntry")),
        "{:?}",
        my_stores[3]
    );
}

/// The fleet playbook on localhost: the first run changes the stores, the second does not.
#[test]
fn the_exchange_playbook_runs_on_localhost_and_is_idempotent() {
    let dir = scratch("ansible-exchange");
    let (inventory, _servers) = crate::exchange::deployment_rooted(&dir, 2, 1, true);
    let src = crate::exchange::exchange_binary();
    let args = |workdir: &Path| {
        vec![
            playbook("exchange.yml").display().to_string(),
            "-e".into(),
            "exchange_targets=localhost".into(),
            "-e".into(),
            "exchange_os=linux".into(),
            "-e".into(),
            format!("exchange_src={}", src.parent().expect("dir").display()),
            "-e".into(),
            format!("exchange_inventory={}", inventory.display()),
            "-e".into(),
            format!("exchange_workdir={}", workdir.display()),
        ]
    };
    let workdir = dir.join("installed");
    let a = args(&workdir);
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let first = ansible(&dir, None, &a);
    let said = text(&first.stdout);
    assert!(first.status.success(), "{said}{}", text(&first.stderr));
    assert!(
        said.contains("changed: [localhost]") && said.contains("TASK [Linux - apply the exchange]"),
        "{said}"
    );
    let again = ansible(&dir, None, &a);
    let said = text(&again.stdout);
    assert!(again.status.success(), "{said}");
    let recap = said
        .lines()
        .find(|l| l.starts_with("localhost"))
        .unwrap_or_default();
    assert!(
        recap.contains("changed=0") && recap.contains("failed=0"),
        "{said}"
    );
}
