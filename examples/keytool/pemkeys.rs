//! PEM keys (this keytool only): `-importkeystore -srcstoretype PEM` reads a private key
//! and its chain from one PEM file as a one-entry source store; `-exportkey` writes a key
//! entry's key as PKCS#8 PEM, encrypted under `-destkeypass`.

use std::path::Path;

use javakeystore::error::PemKeyError;
use javakeystore::fleet::{self, AliasTemplate};
use javakeystore::keytool::{Options, Secret};
use javakeystore::{Error, Format, KeyStore, PrivateKeyEntry, ProtectedKey, Timestamp};

use crate::fail::Fail;
use crate::keys::open_private;
use crate::session::Session;
use crate::term;

/// True for `-srcstoretype PEM`.
pub fn is_pem_source(o: &Options) -> bool {
    o.srcstoretype
        .as_deref()
        .is_some_and(|t| t.eq_ignore_ascii_case("PEM"))
}

fn identity(bytes: &[u8], o: &Options) -> Result<fleet::PemIdentity, Fail> {
    let fail = |e: Error| match e {
        Error::Key(javakeystore::error::KeyError::WrongPassword) => {
            Fail::plain("the PEM key's password (-srcstorepass) is incorrect")
        }
        other => Fail::plain(other.to_string()),
    };
    let pass = o.srcstorepass.as_deref().map(String::as_str);
    match fleet::read_pem_identity(bytes, pass) {
        Err(Error::PemKey(PemKeyError::PasswordNeeded)) => {
            let asked = term::password("Enter source keystore password:  ");
            fleet::read_pem_identity(bytes, asked.as_deref().map(String::as_str)).map_err(fail)
        }
        other => other.map_err(fail),
    }
}

/// The PEM file as a store of one key entry, under `-destalias` (or `-srcalias`, else the
/// leaf's CN). The key is held unencrypted in memory and sealed for the destination under
/// `dest_pass` (or `-destkeypass`): the PEM password is a transport password.
pub fn load(o: &mut Options, name: &str, dest_pass: &str) -> Result<(KeyStore, Secret), Fail> {
    let bytes = javakeystore::read_file(Path::new(name)).map_err(|e| match e {
        Error::NotFound { .. } => Fail::exception(format!(
            "java.io.FileNotFoundException: {name} (No such file or directory)"
        )),
        other => Fail::from_error(&other, None),
    })?;
    let id = identity(&bytes, o)?;
    let alias = match o.dest.clone().or_else(|| o.alias.clone()) {
        Some(a) => a,
        None => AliasTemplate::parse("{cn}")
            .map_err(|e| Fail::plain(e.to_string()))?
            .render(&id.chain[0], 1),
    };
    let sealed =
        ProtectedKey::unencrypted(id.key.pkcs8_der()).map_err(|e| Fail::plain(e.to_string()))?;
    let entry = PrivateKeyEntry::new(sealed, id.chain, Timestamp::now())
        .map_err(|e| Fail::plain(e.to_string()))?;
    let mut store = KeyStore::new(Format::Pkcs12);
    store
        .insert(&alias, entry.into())
        .map_err(|e| Fail::plain(e.to_string()))?;
    o.alias = Some(alias);
    Ok((store, zeroize::Zeroizing::new(dest_pass.to_owned())))
}

/// `-exportkey -alias A [-file F] [-destkeypass P]`: the key as PKCS#8 PEM, PBES2/AES-256
/// under `P`, or unencrypted with a warning.
pub fn exportkey(o: &Options, s: &Session) -> Result<(), Fail> {
    let alias = o.alias.clone().unwrap_or_else(|| "mykey".into());
    let (key, _, _) = open_private(o, s, &alias)?;
    let pass = o.destkeypass.as_deref().map(String::as_str);
    let pem = fleet::private_key_pem(&key, pass).map_err(|e| Fail::plain(e.to_string()))?;
    if pass.is_none() {
        eprintln!(
            "Warning: the private key of <{alias}> is written unencrypted; keep the file \
             private, or give -destkeypass to encrypt it"
        );
    }
    term::write_output(o.file.as_deref(), pem.as_bytes())?;
    if let Some(f) = o.file.as_deref().filter(|_| o.verbose) {
        eprintln!("Private key of <{alias}> stored in file <{f}>");
    }
    Ok(())
}
