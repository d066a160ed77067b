//! Commands that change entries without new key material: `-delete`, `-changealias`,
//! `-storepasswd`.

use javakeystore::Timestamp;
use javakeystore::keytool::Options as Opts;

use crate::fail::Fail;
use crate::session::Session;
use crate::term;

/// keytool's `getAlias`: `Enter alias name:  ` or `Enter <what> alias name:  `.
fn ask_alias(what: Option<&str>) -> String {
    let prompt = match what {
        Some(w) => format!("Enter {w} alias name:  "),
        None => "Enter alias name:  ".to_owned(),
    };
    term::ask(&prompt).unwrap_or_default()
}

pub fn delete(o: &Opts, s: &mut Session) -> Result<(), Fail> {
    let alias = match &o.alias {
        Some(a) => a.clone(),
        None => ask_alias(None),
    };
    if alias.is_empty() {
        return Err(Fail::plain("Must specify alias"));
    }
    s.store_mut()
        .remove(&alias)
        .map_err(|_| Fail::plain(format!("Alias <{alias}> does not exist")))?;
    s.modified = true;
    Ok(())
}

pub fn changealias(o: &Opts, s: &mut Session) -> Result<(), Fail> {
    let dest = match &o.dest {
        Some(d) => d.clone(),
        None => ask_alias(Some("destination")),
    };
    if dest.is_empty() {
        return Err(Fail::plain("Must specify destination alias"));
    }
    let alias = o.alias.as_deref().unwrap_or("mykey");
    if s.store().contains_alias(&dest) {
        return Err(Fail::plain(format!(
            "Destination alias <{dest}> already exists"
        )));
    }
    if !s.store().contains_alias(alias) {
        return Err(Fail::plain(format!("Alias <{alias}> does not exist")));
    }
    // keytool re-creates the entry, so its date becomes now; the key itself needs no
    // decryption to move, so no key password is asked.
    s.store_mut()
        .rename(alias, &dest)
        .map_err(|e| Fail::plain(e.to_string()))?;
    if let Some(entry) = s.store_mut().get_mut(&dest) {
        *entry = entry.clone().with_created(Timestamp::now());
    }
    s.modified = true;
    Ok(())
}

pub fn storepasswd(o: &Opts, s: &mut Session) -> Result<(), Fail> {
    let new = match &o.newpass {
        Some(p) => p.clone(),
        None => term::new_password(
            "keystore password",
            s.storepass.as_deref().map(String::as_str),
        )?,
    };
    // PKCS#12 keys share the store password, so they follow it.
    if s.format() == javakeystore::Format::Pkcs12
        && let Some(old) = s.storepass.clone()
    {
        let format = s.format();
        s.store_mut()
            .reprotect_keys(&old, &new)
            .map_err(|e| Fail::from_error(&e, Some(format)))?;
    }
    s.new_storepass = Some(new);
    s.modified = true;
    Ok(())
}
