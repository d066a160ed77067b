//! `-exportcert` (`-export`): the entry's certificate as DER or, with `-rfc`, PEM.

use std::io::Write;

use crate::cli::Opts;
use crate::fail::Fail;
use crate::list::no_integrity_banner;
use crate::session::Session;
use crate::show::pem;
use crate::x509::{Trust, Warnings};

pub fn run(o: &Opts, s: &Session, w: &mut Warnings) -> Result<(), Fail> {
    if s.unverified() {
        no_integrity_banner();
    }
    let alias = o.alias.as_deref().unwrap_or("mykey");
    let entry = s
        .store
        .get(alias)
        .ok_or_else(|| Fail::plain(format!("Alias <{alias}> does not exist")))?;
    let cert = entry
        .certificate()
        .ok_or_else(|| Fail::plain(format!("Alias <{alias}> has no certificate")))?;
    let bytes = if o.rfc {
        pem("CERTIFICATE", cert.as_der()).into_bytes()
    } else {
        cert.as_der().to_vec()
    };
    match &o.file {
        // keytool opens (and empties) the file before it knows the alias exists; writing
        // only once everything is known leaves an existing file alone on error.
        Some(f) => {
            std::fs::write(f, &bytes).map_err(|e| {
                Fail::exception(format!("java.io.FileNotFoundException: {f} ({e})"))
            })?;
            eprintln!("Certificate stored in file <{f}>");
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)
                .and_then(|()| out.flush())
                .map_err(|e| Fail::exception(format!("java.io.IOException: {e}")))?;
        }
    }
    let trust = Trust::new(Some(&s.store));
    w.check(&trust, "The certificate", cert, Some(cert));
    Ok(())
}
