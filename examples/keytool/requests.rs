//! `-certreq`, `-gencert` and `-printcertreq`.

use javakeystore::keytool::{self, Options, Trust, Warnings};
use javakeystore::{CertificateParams, CertificateRequest, Verification};

use crate::fail::Fail;
use crate::keys::{self, open_private, parse_dname};
use crate::printcert::read_input;
use crate::session::Session;

pub fn certreq(o: &Options, s: &Session) -> Result<(), Fail> {
    let alias = o.alias.clone().unwrap_or_else(|| "mykey".into());
    let (key, _, entry) = open_private(o, s, &alias)?;
    let subject = match &o.dname {
        Some(d) => parse_dname(d)?,
        None => entry.chain()[0]
            .subject()
            .map_err(|e| Fail::plain(e.to_string()))?,
    };
    let mut params = CertificateParams::new(subject);
    params.signature_algorithm = Some(keys::sigalg(o, &key)?);
    params.extensions = keys::extensions(o)?;
    let req = params
        .request(&key)
        .map_err(|e| Fail::plain(e.to_string()))?;
    let text = keytool::pem_for("NEW CERTIFICATE REQUEST", req.as_der(), o.release);
    crate::term::write_output(o.file.as_deref(), text.as_bytes())?;
    if o.verbose
        && let Some(f) = &o.file
    {
        eprintln!("Certification request stored in file <{f}>");
        eprintln!("Submit this to your CA");
    }
    Ok(())
}

/// Reads `-infile` (or stdin) as a request whose signature verifies.
fn read_request(file: Option<&str>) -> Result<CertificateRequest, Fail> {
    let input = read_input(file)?;
    let req = CertificateRequest::from_pem_or_der(&input)
        .map_err(|e| Fail::exception(format!("java.io.IOException: {e}")))?;
    if req.verify() == Verification::Invalid {
        return Err(Fail::exception(
            "java.security.SignatureException: Invalid PKCS #10 signature",
        ));
    }
    Ok(req)
}

pub fn gencert(o: &Options, s: &Session, w: &mut Warnings) -> Result<(), Fail> {
    let alias = o.alias.clone().unwrap_or_else(|| "mykey".into());
    if !s.store().contains_alias(&alias) {
        return Err(Fail::plain(format!("Alias <{alias}> does not exist")));
    }
    let (key, _, entry) = open_private(o, s, &alias)?;
    let req = read_request(o.infile.as_deref())?;
    let subject = match &o.dname {
        Some(d) => parse_dname(d)?,
        None => req.subject(),
    };
    let mut params = CertificateParams::new(subject);
    params.not_before = keys::start(o)?;
    params.validity_days = u32::try_from(o.validity.unwrap_or(90))
        .map_err(|_| Fail::plain("Validity must be greater than zero"))?;
    params.signature_algorithm = Some(keys::sigalg(o, &key)?);
    params.extensions =
        keytool::honored(&o.ext, &req.extensions()).map_err(|e| Fail::plain(e.to_string()))?;
    params.extensions.extend(keys::extensions(o)?);
    let spki = req
        .public_key_der()
        .map_err(|e| Fail::plain(e.to_string()))?;
    let cert = params
        .signed_by(&spki, &entry.chain()[0], &key)
        .map_err(|e| Fail::plain(e.to_string()))?;
    let mut out = Vec::new();
    // keytool appends the signer's chain, minus self-signed certificates.
    for c in std::iter::once(&cert).chain(entry.chain().iter().filter(|c| !c.is_self_signed())) {
        if o.rfc {
            out.extend_from_slice(
                keytool::pem_for("CERTIFICATE", c.as_der(), o.release).as_bytes(),
            );
        } else {
            out.extend_from_slice(c.as_der());
        }
    }
    crate::term::write_output(o.outfile.as_deref(), &out)?;
    let trust = Trust::new(Some(s.store()));
    w.check(&trust, "The generated certificate", &cert, Some(&cert));
    Ok(())
}

pub fn printcertreq(o: &Options) -> Result<(), Fail> {
    let req = read_request(o.file.as_deref())?;
    if crate::json_output(o) {
        let json = javakeystore::fleet::request_json(&req).to_text();
        crate::term::out(&format!("{json}\n"));
        return Ok(());
    }
    crate::term::out(&keytool::request_text(&req, &o.style()));
    Ok(())
}
