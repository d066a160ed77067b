//! `-printcert`: every certificate of a file (DER, PEM, PKCS#7) or of stdin.

use javakeystore::error::CertError;
use javakeystore::keytool::{self, Options, Trust, Warnings};
use javakeystore::parse_certificates;

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

pub fn run(o: &Options, w: &mut Warnings) -> Result<(), Fail> {
    let input = read_input(o.file.as_deref())?;
    let certs = parse_certificates(&input).map_err(|e| match e {
        CertError::Empty => Fail::plain("Empty input"),
        _ => Fail::Exception {
            text: "java.lang.Exception: Failed to parse input".into(),
            detail: Some(e.to_string()),
        },
    })?;
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
