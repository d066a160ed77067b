//! `-list` and `-exportcert` (`-export`): the library gives keytool's text, this prints it.

use javakeystore::fleet;
use javakeystore::keytool::{self, Detail, Options, Trust, Warnings};

use crate::fail::Fail;
use crate::session::Session;
use crate::term;

pub fn run(o: &Options, s: &Session, w: &mut Warnings) -> Result<(), Fail> {
    if crate::json_output(o) {
        let order: Vec<String> = keytool::list_order(s.store())
            .iter()
            .map(|(a, _)| a.to_string())
            .collect();
        let stored = Some(s.file.stored());
        let json =
            fleet::store_json(s.store(), stored, o.alias.as_deref(), &order).map_err(|_| {
                let alias = o.alias.as_deref().unwrap_or_default();
                Fail::plain(format!("Alias <{alias}> does not exist"))
            })?;
        term::out(&format!("{}\n", json.to_text()));
        return Ok(());
    }
    if s.unverified() {
        eprint!("{}", keytool::NO_INTEGRITY_BANNER);
    }
    let detail = match (o.verbose, o.rfc) {
        (true, _) => Detail::Verbose,
        (_, true) => Detail::Rfc,
        _ => Detail::Short,
    };
    let trust = Trust::new(Some(s.store()));
    let text = keytool::list_text(s.store(), o.alias.as_deref(), detail, &trust, &o.style(), w)
        // The only failure is an alias that is not there.
        .map_err(|_| {
            let alias = o.alias.as_deref().unwrap_or_default();
            Fail::plain(format!("Alias <{alias}> does not exist"))
        })?;
    term::out(&text);
    Ok(())
}

pub fn export(o: &Options, s: &Session, w: &mut Warnings) -> Result<(), Fail> {
    if s.unverified() {
        eprint!("{}", keytool::NO_INTEGRITY_BANNER);
    }
    let alias = o.alias.as_deref().unwrap_or("mykey");
    let entry = s
        .store()
        .get(alias)
        .ok_or_else(|| Fail::plain(format!("Alias <{alias}> does not exist")))?;
    let cert = entry
        .certificate()
        .ok_or_else(|| Fail::plain(format!("Alias <{alias}> has no certificate")))?;
    let bytes = if o.rfc {
        keytool::pem_for("CERTIFICATE", cert.as_der(), o.release).into_bytes()
    } else {
        cert.as_der().to_vec()
    };
    // keytool opens (and empties) the file before it knows the alias exists; writing
    // only once everything is known leaves an existing file alone on error.
    term::write_output(o.file.as_deref(), &bytes)?;
    if let Some(f) = &o.file {
        eprintln!("Certificate stored in file <{f}>");
    }
    let trust = Trust::new(Some(s.store()));
    w.check(&trust, "The certificate", cert, Some(cert));
    Ok(())
}
