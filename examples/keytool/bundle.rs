//! `-importcert -bundle`: every certificate of a file, a folder or stdin, in one
//! read-modify-write (this keytool only). The library plans (`fleet::BundlePlan`); this asks
//! once, reports and applies.

use std::path::Path;

use javakeystore::Timestamp;
use javakeystore::fleet::{AliasTemplate, Bundle, BundleOutcome, BundlePlan, read_bundle};
use javakeystore::keytool::Options;

use crate::fail::Fail;
use crate::printcert::read_input;
use crate::session::Session;
use crate::term;

/// Reads the bundle of `-file` (a file or a folder), or stdin.
pub fn read(o: &Options) -> Result<Bundle, Fail> {
    if let Some(server) = o.sslserver.as_deref() {
        let mut bundle = Bundle::default();
        bundle.certificates = crate::printcert::server_chain(o, server)?;
        return Ok(bundle);
    }
    match o.file.as_deref() {
        Some(f) => read_bundle(Path::new(f)).map_err(|e| Fail::of(e, None)),
        None => {
            let bytes = read_input(None)?;
            Bundle::from_bytes(&bytes, Path::new("<stdin>")).map_err(|e| Fail::of(e, None))
        }
    }
}

pub fn importcert(o: &Options, s: &mut Session) -> Result<(), Fail> {
    let template = match o.alias.as_deref() {
        Some(t) => AliasTemplate::parse(t).map_err(|e| Fail::of(e, None))?,
        None => AliasTemplate::default(),
    };
    let bundle = read(o)?;
    if o.verbose {
        for skipped in &bundle.skipped {
            eprintln!("Skipped {}: no certificate", skipped.display());
        }
    }
    let plan = BundlePlan::new(s.store(), bundle.certificates, &template);
    if o.verbose {
        for item in &plan.items {
            eprintln!("{}", item_line(item));
        }
    }
    if plan.added() > 0 && !o.noprompt {
        let n = plan.added();
        if !o.verbose {
            for item in plan
                .items
                .iter()
                .filter(|i| i.outcome == BundleOutcome::Added)
            {
                eprintln!("{}", item_line(item));
            }
        }
        let question = format!("Trust these {n} certificates? [no]:  ");
        if !term::yes_no(&question)? {
            eprintln!("Certificates were not added to keystore");
            return Ok(());
        }
    }
    let added = plan
        .apply(s.store_mut(), Timestamp::now())
        .map_err(|e| Fail::plain(e.to_string()))?;
    s.modified = added > 0;
    eprintln!("{}", plan.summary());
    Ok(())
}

fn item_line(item: &javakeystore::fleet::BundleItem) -> String {
    let subject = item
        .certificate
        .subject()
        .map(|s| s.to_string())
        .unwrap_or_default();
    let sha: String = item
        .certificate
        .sha256_fingerprint()
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    match &item.outcome {
        BundleOutcome::AlreadyPresent { alias } => {
            format!("Already present as <{alias}>: {subject} (SHA-256 {sha})")
        }
        _ => format!("Adding <{}>: {subject} (SHA-256 {sha})", item.alias),
    }
}
