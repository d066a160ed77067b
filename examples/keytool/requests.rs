//! `-certreq`, `-gencert` and `-printcertreq`.

use std::io::Write;

use der::Encode;
use javakeystore::{
    CertificateParams, CertificateRequest, DistinguishedName, Verification, keytool_ext,
};

use crate::cli::Opts;
use crate::fail::Fail;
use crate::import::read_input;
use crate::keys::{self, open_private};
use crate::session::Session;
use crate::show::pem;
use crate::x509::{Trust, Warnings};
use crate::{algs, dates, ext};

fn write_out(path: Option<&str>, bytes: &[u8]) -> Result<(), Fail> {
    match path {
        Some(f) => std::fs::write(f, bytes)
            .map_err(|e| Fail::exception(format!("java.io.FileNotFoundException: {f} ({e})"))),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)
                .and_then(|()| out.flush())
                .map_err(|e| Fail::exception(format!("java.io.IOException: {e}")))
        }
    }
}

fn parse_dname(d: &str) -> Result<DistinguishedName, Fail> {
    d.parse().map_err(|e: javakeystore::DnParseError| {
        Fail::exception(format!("java.io.IOException: {e}"))
    })
}

pub fn certreq(o: &Opts, s: &Session) -> Result<(), Fail> {
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
    let der = params
        .request(&key)
        .map_err(|e| Fail::plain(e.to_string()))?;
    write_out(
        o.file.as_deref(),
        pem("NEW CERTIFICATE REQUEST", &der).as_bytes(),
    )?;
    if o.verbose
        && let Some(f) = &o.file
    {
        eprintln!("Certification request stored in file <{f}>");
        eprintln!("Submit this to your CA");
    }
    Ok(())
}

pub fn gencert(o: &Opts, s: &Session, w: &mut Warnings) -> Result<(), Fail> {
    let alias = o.alias.clone().unwrap_or_else(|| "mykey".into());
    if !s.store.contains_alias(&alias) {
        return Err(Fail::plain(format!("Alias <{alias}> does not exist")));
    }
    let (key, _, entry) = open_private(o, s, &alias)?;
    let input = read_input(o.infile.as_deref())?;
    let req = CertificateRequest::from_pem_or_der(&input)
        .map_err(|e| Fail::exception(format!("java.io.IOException: {e}")))?;
    if req.verify() == Verification::Invalid {
        return Err(Fail::exception(
            "java.security.SignatureException: Invalid PKCS #10 signature",
        ));
    }
    let subject = match &o.dname {
        Some(d) => parse_dname(d)?,
        None => req.subject(),
    };
    let mut params = CertificateParams::new(subject);
    params.not_before = dates::start(o.startdate.as_deref())?;
    params.validity_days = u32::try_from(o.validity.unwrap_or(90))
        .map_err(|_| Fail::plain("Validity must be greater than zero"))?;
    params.signature_algorithm = Some(keys::sigalg(o, &key)?);
    params.extensions =
        keytool_ext::honored(&o.ext, &req.extensions()).map_err(|e| Fail::plain(e.0))?;
    params.extensions.extend(keys::extensions(o)?);
    let issuer = &entry.chain()[0];
    let spki = req
        .public_key_der()
        .map_err(|e| Fail::plain(e.to_string()))?;
    let cert = params
        .signed_by(&spki, issuer, &key)
        .map_err(|e| Fail::plain(e.to_string()))?;
    let mut out = Vec::new();
    // keytool appends the signer's chain, minus self-signed certificates.
    for c in std::iter::once(&cert).chain(entry.chain().iter().filter(|c| !c.is_self_signed())) {
        if o.rfc {
            out.extend_from_slice(pem("CERTIFICATE", c.as_der()).as_bytes());
        } else {
            out.extend_from_slice(c.as_der());
        }
    }
    write_out(o.outfile.as_deref(), &out)?;
    let trust = Trust::new(Some(&s.store));
    w.check(&trust, "The generated certificate", &cert, Some(&cert));
    Ok(())
}

pub fn printcertreq(o: &Opts) -> Result<(), Fail> {
    let input = read_input(o.file.as_deref())?;
    let req = CertificateRequest::from_pem_or_der(&input)
        .map_err(|e| Fail::exception(format!("java.io.IOException: {e}")))?;
    if req.verify() == Verification::Invalid {
        return Err(Fail::exception(
            "java.security.SignatureException: Invalid PKCS #10 signature",
        ));
    }
    let p = req.parsed();
    let key = algs::key_info(&p.info.public_key);
    let sig = algs::signature_name(&p.algorithm.oid);
    let mut text = format!(
        "PKCS #10 Certificate Request (Version 1.0)\nSubject: {}\nFormat: X.509\nPublic Key: {}\nSignature algorithm: {}\n",
        req.subject(),
        algs::key_text(&key),
        algs::labelled(&sig, algs::signature_strength(&sig, false)),
    );
    let exts = req.extensions();
    if !exts.is_empty() {
        text.push_str(&ext::render("Extension Request:", &exts));
    }
    for attr in p
        .info
        .attributes
        .iter()
        .filter(|a| a.oid.to_string() != "1.2.840.113549.1.9.14")
    {
        let values: Vec<String> = attr
            .values
            .iter()
            .map(|v| v.to_der().map(|d| format!("{d:02X?}")).unwrap_or_default())
            .collect();
        text.push_str(&format!("Attribute: {}\n{}\n", attr.oid, values.join(", ")));
    }
    crate::show::out(&text);
    Ok(())
}
