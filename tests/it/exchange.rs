//! The `exchange` example on a deployment laid out as folders (CVP `.keystore`s in JCEKS
//! with their `security.properties`, ADS JRE `cacerts`) and TLS endpoints on loopback
//! (`openssl s_server`): plan writes nothing, apply does the matrix once (keytool 17 lists
//! the result), a second apply writes nothing, verify agrees; failures skip one server;
//! bad inventories touch nothing; `--regenerate`; 20 servers within the time target.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::cli::text;
use crate::common::{Keytool, corpus};
use crate::interop::scratch;

const CVP_PASS: &str = "cvp-store-pw";

pub fn exchange_binary() -> PathBuf {
    let keytool = crate::cli::example();
    keytool.with_file_name(if cfg!(windows) {
        "exchange.exe"
    } else {
        "exchange"
    })
}

fn exchange(dir: &Path, args: &[&str]) -> Output {
    Command::new(exchange_binary())
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run the exchange example")
}

pub struct Servers(Vec<Child>);

impl Drop for Servers {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port()
}

/// A self-signed RSA 2048 certificate for `cn` with both EKUs, and an s_server sending it.
fn endpoint(dir: &Path, cn: &str, servers: &mut Servers) -> u16 {
    let name = cn.replace('.', "_");
    crate::common::openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            &format!("{name}.key"),
            "-out",
            &format!("{name}.pem"),
            "-days",
            "365",
            "-subj",
            &format!("/CN={cn}"),
            "-addext",
            &format!("subjectAltName=DNS:{cn}"),
            "-addext",
            "extendedKeyUsage=serverAuth,clientAuth",
        ],
    );
    serve(dir, &name, servers)
}

/// An `openssl s_server` on loopback sending `<name>.pem` (key `<name>.key`).
pub fn serve(dir: &Path, name: &str, servers: &mut Servers) -> u16 {
    let port = free_port();
    let child = Command::new("openssl")
        .args([
            "s_server",
            "-quiet",
            "-www",
            "-key",
            &format!("{name}.key"),
            "-cert",
            &format!("{name}.pem"),
        ])
        .args(["-accept", &format!("127.0.0.1:{port}")])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("openssl s_server");
    servers.0.push(child);
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "s_server did not start");
        std::thread::sleep(Duration::from_millis(30));
    }
    port
}

/// A CVP server's folder: a JCEKS `.keystore` with the three key entries (`wsm_cn` as the
/// wsm_certificate's CN) and the `security.properties` holding its password.
fn cvp_folder(root: &Path, fqdn: &str, wsm_cn: &str) {
    let sec = root.join("Cisco/CVP/conf/security");
    std::fs::create_dir_all(&sec).expect("mkdir");
    std::fs::write(
        root.join("Cisco/CVP/conf/security.properties"),
        format!("# CVP\nSecurity.keystorePW = {CVP_PASS}\n"),
    )
    .expect("props");
    for (alias, cn) in [
        ("wsm_certificate", wsm_cn),
        ("vxml_certificate", fqdn),
        ("callserver_certificate", fqdn),
    ] {
        crate::cli::ours(
            &sec,
            &[
                "-genkeypair",
                "-storetype",
                "JCEKS",
                "-keystore",
                ".keystore",
                "-storepass",
                CVP_PASS,
                "-keypass",
                CVP_PASS,
                "-alias",
                alias,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "1095",
                "-dname",
                &format!("CN={cn}, OU=CC, O=Example"),
                "-ext",
                "EKU=serverAuth,clientAuth",
            ],
            b"",
        );
    }
}

fn ads_folder(root: &Path) -> PathBuf {
    let sec = root.join("Program Files (x86)/Java/jre1.8.0_221/lib/security");
    std::fs::create_dir_all(&sec).expect("mkdir");
    std::fs::copy(corpus("generated/cacerts-debian.jks"), sec.join("cacerts")).expect("cacerts");
    sec.join("cacerts")
}

/// The deployment: 2 CVPs, `ads` ADSs, a Rogger, a PG, `vos` VOS nodes and a VVB; returns
/// the inventory path and the running endpoints.
pub fn deployment(dir: &Path, ads: usize, vos: usize) -> (PathBuf, Servers) {
    deployment_rooted(dir, ads, vos, false)
}

/// As [`deployment`]; with `absolute`, roots are absolute paths (an inventory that is
/// copied elsewhere, as the Ansible playbook does).
pub fn deployment_rooted(dir: &Path, ads: usize, vos: usize, absolute: bool) -> (PathBuf, Servers) {
    let mut servers = Servers(Vec::new());
    let mut toml =
        String::from("[defaults]\nou = \"CC\"\no = \"Example\"\nc = \"US\"\nvalidity = 730\n");
    let root = |name: &str| {
        if absolute {
            dir.join("servers").join(name).display().to_string()
        } else {
            format!("servers\\{name}")
        }
    };
    let mut add = |fqdn: &str, role: &str, extra: String| {
        toml.push_str(&format!("\n[[server]]\nfqdn = \"{fqdn}\"\nrole = \"{role}\"\nroot = '{}'\nconnect = \"127.0.0.1\"\n{extra}", root(fqdn.split('.').next().unwrap_or(fqdn))));
    };
    for (n, cn) in [(1, "cvp1.example.com"), (2, "cvp2")] {
        let fqdn = format!("cvp{n}.example.com");
        cvp_folder(&dir.join(format!("servers/cvp{n}")), &fqdn, cn);
        add(&fqdn, "cvp", String::new());
    }
    // One IIS certificate per ADS, all served from one port when there are many.
    let shared = endpoint(dir, "ads1.example.com", &mut servers);
    for n in 1..=ads {
        let fqdn = format!("ads{n}.example.com");
        ads_folder(&dir.join(format!("servers/ads{n}")));
        let port = if n <= 2 && n > 1 {
            endpoint(dir, &fqdn, &mut servers)
        } else {
            shared
        };
        add(
            &fqdn,
            "ads",
            format!("endpoints = {{ iis = \"{fqdn}:{port}\" }}\n"),
        );
    }
    for (fqdn, role) in [("rgr1.example.com", "rogger"), ("pg1.example.com", "pg")] {
        let iis = endpoint(dir, fqdn, &mut servers);
        let dfp = endpoint(dir, &format!("dfp.{fqdn}"), &mut servers);
        add(
            fqdn,
            role,
            format!("endpoints = {{ iis = \"{fqdn}:{iis}\", dfp = \"{fqdn}:{dfp}\" }}\n"),
        );
    }
    let tomcat = endpoint(dir, "fin1.example.com", &mut servers);
    for n in 1..=vos {
        let fqdn = format!("fin{n}.example.com");
        add(
            &fqdn,
            "vos",
            format!("endpoints = {{ tomcat = \"{fqdn}:{tomcat}\" }}\n"),
        );
    }
    let vvb = endpoint(dir, "vvb1.example.com", &mut servers);
    add(
        "vvb1.example.com",
        "vvb",
        format!("endpoints = {{ tomcat = \"vvb1.example.com:{vvb}\" }}\n"),
    );
    let path = dir.join("inventory.toml");
    std::fs::write(&path, toml).expect("inventory");
    (path, servers)
}

/// Bytes and modification time of every file under `dir`.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if !p.to_string_lossy().ends_with(".lock") {
                let m = std::fs::metadata(&p)
                    .expect("meta")
                    .modified()
                    .expect("mtime");
                out.push((p.clone(), std::fs::read(&p).expect("read"), m));
            }
        }
    }
    out.sort();
    out
}

fn ok(out: &Output) -> String {
    let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{said}");
    said
}

#[test]
fn exchange_plans_applies_once_and_verifies() {
    let kt = Keytool::jdk17();
    let dir = scratch("exchange-run");
    let (_, _servers) = deployment(&dir, 2, 1);
    let before = snapshot(&dir.join("servers"));
    let plan = exchange(&dir, &["plan", "inventory.toml", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&plan.stdout).expect("plan json");
    assert!(plan.status.success(), "{}", text(&plan.stderr));
    let rows = json["rows"].as_array().expect("rows");
    // Per ADS: 2 CVP + Rogger IIS/DFP + PG IIS/DFP + VOS + VVB; per CVP: 2 ADS; VVB: 2×2.
    assert_eq!(rows.len(), 2 * 8 + 2 * 2 + 4, "{json}");
    assert!(rows.iter().all(|r| r["action"] == "add"), "{json}");
    let findings = json["findings"].as_array().expect("findings");
    assert!(
        findings
            .iter()
            .any(|f| f["server"] == "cvp2.example.com" && f["code"] == "server_cn_not_fqdn"),
        "{json}"
    );
    assert_eq!(
        snapshot(&dir.join("servers")),
        before,
        "plan wrote something"
    );
    // keytool's single-dash spelling gives the same plan.
    let dashed = exchange(&dir, &["plan", "inventory.toml", "-format", "json"]);
    let again: serde_json::Value = serde_json::from_slice(&dashed.stdout).expect("plan json");
    assert_eq!(again["rows"].as_array().map(Vec::len), Some(rows.len()));

    let said = ok(&exchange(&dir, &["apply", "inventory.toml"]));
    assert!(said.contains("restart:\n"), "{said}");
    assert!(
        said.contains("ads1.example.com: restart Apache Tomcat"),
        "{said}"
    );
    assert!(
        said.contains("cvp1.example.com: restart the Cisco CVP Call Server"),
        "{said}"
    );
    assert!(
        said.contains("vvb1.example.com: upload the files in"),
        "{said}"
    );
    let cacerts = "servers/ads2/Program Files (x86)/Java/jre1.8.0_221/lib/security/cacerts";
    let listing = kt.ok(
        &dir,
        &["-list", "-keystore", cacerts, "-storepass", "changeit"],
    );
    for alias in [
        "cvp1.example.com",
        "cvp2.example.com",
        "rgr1.example.com_iis",
        "rgr1.example.com_dfp",
        "pg1.example.com_iis",
        "fin1.example.com",
        "vvb1.example.com",
    ] {
        assert!(
            listing.contains(&format!("{alias}, ")),
            "{alias} in {listing}"
        );
    }
    assert!(
        listing.contains("Your keystore contains 152 entries"),
        "{listing}"
    );
    let keystore = dir.join("servers/cvp1/Cisco/CVP/conf/security/.keystore");
    assert_eq!(
        &std::fs::read(&keystore).expect("read")[..4],
        &[0xCE, 0xCE, 0xCE, 0xCE],
        "still JCEKS"
    );
    let cvp = kt.ok(
        &dir,
        &[
            "-list",
            "-storetype",
            "JCEKS",
            "-keystore",
            &keystore.to_string_lossy(),
            "-storepass",
            CVP_PASS,
        ],
    );
    assert!(
        cvp.contains("ads1.example.com, ") && cvp.contains("ads2.example.com, "),
        "{cvp}"
    );
    assert_eq!(cvp.matches("PrivateKeyEntry").count(), 3, "{cvp}");
    let backups: Vec<_> = std::fs::read_dir(keystore.parent().expect("dir"))
        .expect("ls")
        .flatten()
        .filter(|e| {
            e.file_name().to_string_lossy().starts_with(".keystore.")
                && e.file_name().to_string_lossy().ends_with(".bak")
        })
        .collect();
    assert_eq!(backups.len(), 1, "one timestamped backup");
    let uploads = dir.join("exchange-out/vvb1.example.com/tomcat-trust");
    let mut files: Vec<String> = std::fs::read_dir(&uploads)
        .expect("uploads")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "cvp1.example.com_callserver_certificate.pem",
            "cvp1.example.com_vxml_certificate.pem",
            "cvp2.example.com_callserver_certificate.pem",
            "cvp2.example.com_vxml_certificate.pem"
        ]
    );

    // Again: nothing written, nothing to restart.
    let after = snapshot(&dir);
    let again = ok(&exchange(&dir, &["apply", "inventory.toml"]));
    assert!(
        again.contains("nothing to change") && !again.contains("restart:"),
        "{again}"
    );
    assert_eq!(snapshot(&dir), after, "a second apply wrote something");
    let verified = ok(&exchange(&dir, &["verify", "inventory.toml"]));
    assert!(
        verified.contains("every trust in place (24 certificates)"),
        "{verified}"
    );

    kt.ok(
        &dir,
        &[
            "-delete",
            "-keystore",
            cacerts,
            "-storepass",
            "changeit",
            "-alias",
            "pg1.example.com_dfp",
        ],
    );
    let missing = exchange(&dir, &["verify", "inventory.toml"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        text(&missing.stdout).contains("missing ads2.example.com <pg1.example.com_DFP>"),
        "{}",
        text(&missing.stdout)
    );
}

#[test]
fn exchange_failures_skip_one_server_and_regenerate_fixes_cns() {
    let dir = scratch("exchange-failures");
    let (_, mut servers) = deployment(&dir, 2, 1);
    // The VOS node's endpoint goes away; cvp1's properties lose the password key.
    let fin = servers.0.len() - 2;
    let _ = servers.0[fin].kill();
    let _ = servers.0[fin].wait();
    std::fs::write(
        dir.join("servers/cvp1/Cisco/CVP/conf/security.properties"),
        "# emptied\n",
    )
    .expect("write");
    // ads2's trust store is cut off.
    let ads2 = dir.join("servers/ads2/Program Files (x86)/Java/jre1.8.0_221/lib/security/cacerts");
    let bytes = std::fs::read(&ads2).expect("read");
    std::fs::write(&ads2, &bytes[..bytes.len() / 3]).expect("write");
    let out = exchange(&dir, &["apply", "inventory.toml", "--regenerate"]);
    let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("problem fin1.example.com: tomcat (fin1.example.com:"),
        "{said}"
    );
    assert!(
        said.contains("problem cvp1.example.com: ") && said.contains("has no Security.keystorePW"),
        "{said}"
    );
    assert!(
        said.contains("regenerated cvp2.example.com: wsm_certificate"),
        "{said}"
    );
    assert!(
        said.contains("problem ads2.example.com: ") && said.contains("truncated"),
        "{said}"
    );
    let left = std::fs::read(&ads2).expect("read");
    assert_eq!(
        left.len(),
        bytes.len() / 3,
        "a damaged store is left as it is"
    );
    assert!(!said.contains("panicked"));
    // The rest was done: cvp2's new certificate (CN = FQDN) is in every ADS.
    let kt = Keytool::jdk17();
    let listing = kt.ok(
        &dir,
        &[
            "-list",
            "-v",
            "-alias",
            "cvp2.example.com",
            "-keystore",
            "servers/ads1/Program Files (x86)/Java/jre1.8.0_221/lib/security/cacerts",
            "-storepass",
            "changeit",
        ],
    );
    assert!(
        listing.contains("Owner: CN=cvp2.example.com, OU=CC, O=Example, C=US"),
        "{listing}"
    );
    assert!(
        listing.contains("Signature algorithm name: SHA256withRSA")
            && listing.contains("2048-bit RSA key"),
        "{listing}"
    );
}

/// An inventory `storetype` that contradicts the file is that server's problem: the store is
/// neither converted nor written.
#[test]
fn a_store_of_another_type_than_the_inventory_says_is_left_alone() {
    let dir = scratch("exchange-storetype");
    cvp_folder(
        &dir.join("servers/cvp1"),
        "cvp1.example.com",
        "cvp1.example.com",
    );
    let cacerts = ads_folder(&dir.join("servers/ads1"));
    let before = std::fs::read(&cacerts).expect("read");
    std::fs::write(
        dir.join("inventory.toml"),
        "[[server]]\nfqdn = \"cvp1.example.com\"\nrole = \"cvp\"\nroot = 'servers/cvp1'\n\n\
         [[server]]\nfqdn = \"ads1.example.com\"\nrole = \"ads\"\nroot = 'servers\\ads1'\n\
         storetype = \"PKCS12\"\nconnect = \"127.0.0.1\"\nendpoints = { iis = \"ads1.example.com:1\" }\n",
    )
    .expect("inventory");
    let out = exchange(&dir, &["apply", "inventory.toml"]);
    let said = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("is a JKS store, not PKCS12 as the inventory says"),
        "{said}"
    );
    assert_eq!(std::fs::read(&cacerts).expect("read"), before);
}

#[test]
fn bad_inventories_are_refused_before_anything_is_touched() {
    let dir = scratch("exchange-bad");
    ads_folder(&dir.join("servers/ads1"));
    let before = snapshot(&dir.join("servers"));
    let good = "[[server]]\nfqdn = \"ads1.example.com\"\nrole = \"ads\"\nroot = 'servers\\ads1'\n";
    for (extra, expect) in [
        (
            "[[server]]\nfqdn = \"x.example.com\"\nrole = \"webserver\"\nroot = \".\"\n",
            "server x.example.com: role: unknown role \"webserver\"",
        ),
        (
            "[[server]]\nfqdn = \"x.example.com\"\nrole = \"vos\"\n",
            "server x.example.com: root: missing",
        ),
        (
            "[[server]]\nrole = \"vos\"\nroot = \".\"\n",
            "server #2: fqdn: missing",
        ),
        (
            "[[server]]\nfqdn = \"ADS1.example.com\"\nrole = \"ads\"\nroot = \".\"\n",
            "server ads1.example.com: fqdn: appears twice",
        ),
        (
            "[[server]]\nfqdn = \"x.example.com\"\nrole = \"cvp\"\nroot = \".\"\nkeystore = '..\\..\\etc\\passwd'\n",
            "server x.example.com: keystore: \"..\\\\..\\\\etc\\\\passwd\" leaves the server's root",
        ),
        (
            "[[server]]\nfqdn = \"x.example.com\"\nrole = \"vos\"\nroot = \".\"\nendpoints = { tomcat = \"x.example.com:99999\" }\n",
            "server x.example.com: endpoints.tomcat",
        ),
        (
            "[[server]]\nfqdn = \"x.example.com\"\nrole = \"vos\"\nroot = \".\"\nstorpass = \"typo\"\n",
            "server x.example.com: storpass: unknown field",
        ),
        ("[[server]\nfqdn = 1\n", "inventory: "),
    ] {
        std::fs::write(dir.join("bad.toml"), format!("{good}{extra}")).expect("write");
        let out = exchange(&dir, &["apply", "bad.toml"]);
        assert_eq!(out.status.code(), Some(2), "{extra}");
        assert!(
            text(&out.stderr).contains(expect),
            "{extra}: {}",
            text(&out.stderr)
        );
        assert_eq!(snapshot(&dir.join("servers")), before, "{extra}");
    }
}

/// 20 servers, stores on local disk, endpoints on loopback: plan and apply within 2 s
/// (release build; a debug build gets more room).
#[test]
fn exchange_of_twenty_servers_is_fast() {
    let dir = scratch("exchange-speed");
    let (_, _servers) = deployment(&dir, 11, 4);
    let started = Instant::now();
    ok(&exchange(&dir, &["plan", "inventory.toml"]));
    ok(&exchange(&dir, &["apply", "inventory.toml"]));
    let took = started.elapsed();
    eprintln!("exchange plan + apply, 20 servers: {took:?}");
    let limit = if cfg!(debug_assertions) { 20.0 } else { 2.0 };
    assert!(took.as_secs_f64() < limit, "{took:?}");
}

/// A TLS endpoint for a test elsewhere: `<name>.pem` served on loopback until the guard
/// is dropped.
pub fn tls_endpoint(dir: &Path, name: &str) -> (u16, Servers) {
    let mut servers = Servers(Vec::new());
    let port = serve(dir, name, &mut servers);
    (port, servers)
}
