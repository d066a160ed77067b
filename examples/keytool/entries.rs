//! Commands that make a new form of an existing key entry: `-selfcert` (a new self-signed
//! certificate for the key) and `-keyclone` (the entry under a second alias, optionally with
//! a new key password).

use javakeystore::keytool::{self, Options};
use javakeystore::{CertificateParams, Entry, Format, PrivateKeyEntry};

use crate::fail::Fail;
use crate::keys;
use crate::session::Session;

/// `-selfcert`: re-signs the entry's certificate with its own key, keeping the subject (or
/// taking `-dname`) and the extensions (plus any `-ext`), with a new serial and validity;
/// the chain becomes that one certificate.
pub fn selfcert(o: &Options, s: &mut Session) -> Result<(), Fail> {
    let alias = o.alias.clone().unwrap_or_else(|| "mykey".into());
    let (key, password, entry) = keys::open_private(o, s, &alias)?;
    let failed = |e: javakeystore::error::CertError| Fail::plain(e.to_string());
    let mut params = CertificateParams::renewing(&entry.chain()[0]).map_err(failed)?;
    if let Some(d) = &o.dname {
        params.subject = keys::parse_dname(d)?;
    }
    params.not_before = keys::start(o)?;
    params.validity_days = u32::try_from(o.validity.unwrap_or(90))
        .map_err(|_| Fail::plain("Validity must be greater than zero"))?;
    params.signature_algorithm = Some(keys::sigalg(o, &key)?);
    params.extensions.extend(keys::extensions(o)?);
    let cert = params.self_signed(&key).map_err(failed)?;
    // keytool stores the key again (a new date, and for JKS a new encryption).
    let sealed = PrivateKeyEntry::seal(&key, vec![cert.clone()], &password, s.key_protection())
        .map_err(|e| Fail::from_error(&e, Some(s.format())))?;
    s.store_mut()
        .insert(&alias, sealed.into())
        .map_err(|e| Fail::plain(e.to_string()))?;
    s.modified = true;
    if o.verbose {
        eprintln!("New certificate (self-signed):");
        eprint!("{}", keytool::certificate_object_text(&cert, &o.style()));
    }
    Ok(())
}

/// `-keyclone`: copies a private-key entry to `-destalias`; JKS and JCEKS ask for (or take
/// `-new` as) the copy's key password, PKCS#12 keeps the store password.
pub fn keyclone(o: &Options, s: &mut Session) -> Result<(), Fail> {
    let alias = o.alias.clone().unwrap_or_else(|| "mykey".into());
    let dest = o
        .dest
        .clone()
        .ok_or_else(|| Fail::plain("Must specify destination alias"))?;
    match s.store().get(&alias) {
        None => return Err(Fail::plain(format!("Alias <{alias}> does not exist"))),
        Some(Entry::PrivateKey(_)) => {}
        Some(_) => {
            return Err(Fail::plain(format!(
                "Alias <{alias}> references an entry type that is not a private key entry.  \
                 The -keyclone command only supports cloning of private key entries"
            )));
        }
    }
    if s.store().contains_alias(&dest) {
        return Err(Fail::plain(format!(
            "Destination alias <{dest}> already exists"
        )));
    }
    let (key, password, entry) = keys::open_private(o, s, &alias)?;
    let new = match (&o.newpass, s.format()) {
        (_, Format::Pkcs12) => password.clone(),
        (Some(n), _) => n.clone(),
        (None, _) => keys::ask_key_password(
            &dest,
            &format!("\t(RETURN if same as for <{alias}>)"),
            password.clone(),
            "Too many failures. Key entry not cloned",
        )?,
    };
    let copy = PrivateKeyEntry::seal(&key, entry.chain().to_vec(), &new, s.key_protection())
        .map_err(|e| Fail::from_error(&e, Some(s.format())))?;
    s.store_mut()
        .insert(&dest, copy.into())
        .map_err(|e| Fail::plain(e.to_string()))?;
    s.modified = true;
    Ok(())
}
