//! `-printcrl` and `-gencrl`.

use std::time::SystemTime;

use javakeystore::crl::parse_crls;
use javakeystore::error::CrlError;
use javakeystore::keytool::{self, Options, Warnings, Zone};
use javakeystore::{Error, Format};

use crate::fail::Fail;
use crate::keys;
use crate::printcert::read_input;
use crate::session::{self, Session};
use crate::term;
use crate::trusted::cacerts;

/// keytool's exception for a CRL it cannot read.
fn crl_exception(e: &CrlError) -> Fail {
    let text = match e {
        CrlError::NoData => "java.security.cert.CRLException: No CRL data found".to_owned(),
        CrlError::Base64 { character } => format!(
            "java.security.cert.CRLException: java.lang.IllegalArgumentException: Illegal base64 character {:x}",
            u32::from(*character)
        ),
        CrlError::Malformed { reason } => format!("java.security.cert.CRLException: {reason}"),
        CrlError::Truncated => "java.security.cert.CRLException: Incomplete BER/DER data".into(),
        CrlError::UnencodableReason(_) => "java.security.cert.CRLException: Encoding error: java.io.IOException: No value to encode for the extension!".into(),
        other => format!("java.security.cert.CRLException: {other}"),
    };
    Fail::Exception {
        text,
        detail: Some(e.to_string()),
    }
}

pub fn printcrl(o: &Options, w: &mut Warnings) -> Result<(), Fail> {
    let input = read_input(o.file.as_deref())?;
    let crls = parse_crls(&input).map_err(|e| crl_exception(&e))?;
    // Only a -keystore named on the command line is searched, without asking a password.
    let store = match &o.keystore {
        Some(name) => Some(quiet_open(o, name)?),
        None => None,
    };
    let ca = cacerts(o);
    let style = o.style();
    for crl in &crls {
        let mut text = keytool::crl_text(crl, &style);
        text.push_str(&keytool::crl_verification(
            crl,
            store.as_ref().map(Session::store),
            ca.as_ref(),
            w,
        ));
        term::out(&text);
    }
    if let Some(warning) = store.as_ref().and_then(Session::format_warning) {
        w.push(warning);
    }
    Ok(())
}

/// The `-keystore` of `-printcrl`: opened with `-storepass` if given, else without (so a
/// PKCS#12 store shows only its unencrypted certificates, as keytool reads it).
fn quiet_open(o: &Options, name: &str) -> Result<Session, Fail> {
    let peeked = session::peek(name, false)?;
    if !peeked.exists() {
        return Err(Fail::plain(format!("Keystore file does not exist: {name}")));
    }
    let format = peeked.format().ok().flatten();
    let file = peeked
        .open(o.storepass.as_deref().map(String::as_str))
        .map_err(|e| Fail::from_error(&e, format))?;
    Ok(Session::from_file(
        name.to_owned(),
        file,
        o.storepass.clone(),
    ))
}

pub fn gencrl(o: &Options, s: &Session, w: &mut Warnings) -> Result<(), Fail> {
    let alias = o.alias.clone().unwrap_or_else(|| "mykey".into());
    let (key, _, entry) = keys::open_private(o, s, &alias)?;
    let algorithm = keys::sigalg(o, &key)?;
    let start = keytool::start_date(o.startdate.as_deref(), SystemTime::now(), &Zone::local())
        .map_err(|e| Fail::of(e, None))?;
    let days = u32::try_from(o.validity.unwrap_or(90))
        .map_err(|_| Fail::plain("Validity must be greater than zero"))?;
    let params = keytool::crl_params(&o.ids, start, days, &Zone::local()).map_err(|e| match e {
        Error::Crl(CrlError::BadRevocation { input, .. }) => Fail::exception(format!(
            "java.lang.NumberFormatException: For input string: \"{input}\""
        )),
        other => Fail::from_error(&other, Some(Format::Pkcs12)),
    })?;
    let issuer = &entry.chain()[0];
    let crl = params
        .sign(issuer, &key, algorithm)
        .map_err(|e| crl_exception(&e))?;
    let bytes = if o.rfc {
        keytool::pem_for("X509 CRL", crl.as_der(), o.release).into_bytes()
    } else {
        crl.as_der().to_vec()
    };
    term::write_output(o.file.as_deref(), &bytes)?;
    let name = crl.signature_algorithm_name();
    let strength = keytool::signature_strength(&name, false);
    w.weak_signature("The generated CRL", &name, strength);
    if let Ok(k) = issuer.public_key() {
        let text = keytool::key_description(&k, o.release);
        w.weak_key("The generated CRL", &text, keytool::key_strength(&k));
    }
    Ok(())
}
