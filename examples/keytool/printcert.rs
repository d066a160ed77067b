//! `-printcert`: every certificate of a file (DER, PEM, PKCS#7) or of stdin.

use javakeystore::{CertError, parse_certificates};

use crate::cli::Opts;
use crate::fail::Fail;
use crate::import::read_input;
use crate::show::pem;
use crate::x509::{self, Trust, Warnings};

pub fn run(o: &Opts, w: &mut Warnings) -> Result<(), Fail> {
    let input = read_input(o.file.as_deref())?;
    let certs = parse_certificates(&input).map_err(|e| match e {
        CertError::Empty => Fail::plain("Empty input"),
        _ => Fail::Exception {
            text: "java.lang.Exception: Failed to parse input".into(),
            detail: Some(e.to_string()),
        },
    })?;
    let trust = Trust::new(None);
    let mut out = String::new();
    for (i, cert) in certs.iter().enumerate() {
        if certs.len() > 1 {
            out.push_str(&format!("Certificate[{}]:\n", i + 1));
        }
        if o.rfc {
            out.push_str(&pem("CERTIFICATE", cert.as_der()));
        } else {
            out.push_str(&x509::block(&trust, cert));
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
    crate::show::out(&out);
    Ok(())
}
