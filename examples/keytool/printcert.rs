//! `-printcert`: every certificate of a file (DER, PEM, PKCS#7) or of stdin.

use javakeystore::error::CertError;
use javakeystore::keytool::{self, Options, Trust, Warnings};
use javakeystore::{Certificate, parse_certificates};

use crate::fail::Fail;
use crate::term;

/// Reads `-file`, or stdin.
pub fn read_input(file: Option<&str>) -> Result<Vec<u8>, Fail> {
    match file {
        Some(f) => std::fs::read(f).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Fail::exception(format!(
                "java.io.FileNotFoundException: {f} (No such file or directory)"
            )),
            _ => Fail::exception(format!("java.io.FileNotFoundException: {f} ({e})")),
        }),
        None => {
            // Read once: `-ensure` looks at the input before the command reads it.
            static STDIN: std::sync::OnceLock<Result<Vec<u8>, String>> = std::sync::OnceLock::new();
            STDIN
                .get_or_init(|| {
                    let mut v = Vec::new();
                    std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut v)
                        .map(|_| v)
                        .map_err(|e| format!("java.io.IOException: {e}"))
                })
                .clone()
                .map_err(Fail::exception)
        }
    }
}

/// The chain `-sslserver` names, fetched once per run (keytool's error, the cause under `-v`).
pub fn server_chain(o: &Options, server: &str) -> Result<Vec<Certificate>, Fail> {
    static CHAIN: std::sync::OnceLock<Result<Vec<Certificate>, String>> =
        std::sync::OnceLock::new();
    #[cfg(feature = "tls-fetch")]
    let fetched = || {
        javakeystore::fetch_chain(server, &keytool::fetch_options(o, server))
            .map_err(|e| e.to_string())
    };
    #[cfg(not(feature = "tls-fetch"))]
    let fetched = || -> Result<Vec<Certificate>, String> {
        let _ = (o, server);
        Err("this keytool was built without the tls-fetch feature".into())
    };
    CHAIN
        .get_or_init(fetched)
        .clone()
        .map_err(|cause| Fail::Exception {
            text: keytool::NO_CERTIFICATE_FROM_SERVER.into(),
            detail: Some(cause),
        })
}

/// The certificates of `-sslserver`, or of `-file` (or stdin).
pub fn input_certificates(o: &Options) -> Result<Vec<Certificate>, Fail> {
    match o.sslserver.as_deref() {
        Some(server) => server_chain(o, server),
        None => parse_certificates(&read_input(o.file.as_deref())?).map_err(|e| match e {
            CertError::Empty => Fail::plain("Empty input"),
            _ => Fail::Exception {
                text: "java.lang.Exception: Failed to parse input".into(),
                detail: Some(e.to_string()),
            },
        }),
    }
}

pub fn run(o: &Options, w: &mut Warnings) -> Result<(), Fail> {
    let certs = input_certificates(o)?;
    if o.sslserver.is_some() {
        print_chain(o, w, &certs);
        return Ok(());
    }
    if crate::json_output(o) {
        let json = javakeystore::fleet::certificates_json(&certs).to_text();
        term::out(&format!("{json}\n"));
        return Ok(());
    }
    let trust = Trust::new(None);
    let style = o.style();
    let mut out = String::new();
    for (i, cert) in certs.iter().enumerate() {
        if certs.len() > 1 {
            out.push_str(&format!("Certificate[{}]:\n", i + 1));
        }
        if o.rfc {
            out.push_str(&keytool::pem_for("CERTIFICATE", cert.as_der(), o.release));
        } else {
            out.push_str(&keytool::certificate_text(cert, &trust, &style));
        }
        if i + 1 < certs.len() {
            out.push('\n');
        }
        let label = if certs.len() == 1 {
            "The certificate".to_owned()
        } else {
            format!("The certificate #{} of {}", i + 1, certs.len())
        };
        w.check(&trust, &label, cert, certs.last());
    }
    term::out(&out);
    Ok(())
}

/// keytool's `-printcert -sslserver` text and the warnings about each certificate.
fn print_chain(o: &Options, w: &mut Warnings, chain: &[Certificate]) {
    if crate::json_output(o) {
        let json = javakeystore::fleet::certificates_json(chain).to_text();
        term::out(&format!("{json}\n"));
        return;
    }
    let trust = Trust::new(None);
    term::out(&keytool::server_chain_text(
        chain,
        o.rfc,
        &trust,
        &o.style(),
    ));
    for (i, cert) in chain.iter().enumerate() {
        let label = if chain.len() == 1 {
            "The certificate".to_owned()
        } else {
            format!("The certificate #{} of {}", i + 1, chain.len())
        };
        w.check(&trust, &label, cert, chain.last());
    }
}
