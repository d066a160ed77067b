//! Commands that make or re-protect keys: `-genkeypair`, `-genseckey`, `-importpass`,
//! `-keypasswd`, and the key-password rules they share.

use std::time::SystemTime;

use javakeystore::error::KeyError;
use javakeystore::extension::Extension;
use javakeystore::keytool::{self, Options, Release, Secret, Trust, Warnings, Zone};
use javakeystore::{
    Certificate, CertificateParams, DistinguishedName, Entry, Format, PrivateKey, PrivateKeyEntry,
    ProtectedKey, ProtectedSecretKey, Protection, SecretKey, SecretKeyEntry, SignatureAlgorithm,
    Timestamp,
};

use crate::fail::{Fail, key_text};
use crate::session::Session;
use crate::term;

/// keytool's `promptForKeyPass`: PKCS#12 always uses the store password; JKS and JCEKS ask,
/// RETURN meaning the store password, three tries.
pub fn new_key_password(o: &Options, s: &Session, alias: &str) -> Result<Secret, Fail> {
    let store_pass = s.storepass.clone();
    // For PKCS#12, the session has already replaced any -keypass by the store password.
    if s.format() == Format::Pkcs12 {
        return store_pass.ok_or_else(|| Fail::plain("a keystore password is needed"));
    }
    if let Some(k) = &o.keypass {
        return Ok(k.clone());
    }
    let store_pass = store_pass.ok_or_else(|| Fail::plain("a keystore password is needed"))?;
    ask_key_password(
        alias,
        "\t(RETURN if same as keystore password):  ",
        store_pass,
        "Too many failures - key not added to keystore",
    )
}

/// keytool's key password prompt: `hint` under the question, RETURN meaning `fallback`, at
/// least six characters typed twice, three tries.
pub fn ask_key_password(
    alias: &str,
    hint: &str,
    fallback: Secret,
    failure: &str,
) -> Result<Secret, Fail> {
    for _ in 0..3 {
        term::say(&format!("Enter key password for <{alias}>\n{hint}"));
        match term::password("") {
            None => return Ok(fallback),
            Some(p) if p.chars().count() >= 6 => {
                if term::password("Re-enter new password: ").as_deref() == Some(&*p) {
                    return Ok(p);
                }
                eprintln!("They don't match. Try again");
            }
            Some(_) => eprintln!("Key password is too short - must be at least 6 characters"),
        }
    }
    Err(Fail::plain(failure))
}

/// keytool's `recoverKey`: `-keypass` (and nothing else if given), else the store password,
/// else `Enter key password for <alias>` (an empty answer asks again, three times).
fn recover<T>(
    keypass: Option<&Secret>,
    s: &Session,
    alias: &str,
    protection: Option<Protection>,
    open: impl Fn(&str) -> Result<T, KeyError>,
) -> Result<(T, Secret), Fail> {
    let fail = |e: KeyError| Fail::exception(key_text(&e, protection));
    if let Some(k) = keypass {
        return open(k).map(|v| (v, k.clone())).map_err(fail);
    }
    if let Some(sp) = &s.storepass
        && let Ok(v) = open(sp)
    {
        return Ok((v, sp.clone()));
    }
    for _ in 0..3 {
        if let Some(p) = term::password(&format!("Enter key password for <{alias}>")) {
            return open(&p).map(|v| (v, p)).map_err(fail);
        }
    }
    Err(Fail::plain("Too many failures - try later"))
}

/// Opens a private key entry that has a certificate chain, with `-keypass` or the store
/// password; returns the key, the password that opened it and the entry.
pub fn open_private(
    o: &Options,
    s: &Session,
    alias: &str,
) -> Result<(PrivateKey, Secret, PrivateKeyEntry), Fail> {
    open_private_with(o.keypass.as_ref(), s, alias)
}

pub fn open_private_with(
    keypass: Option<&Secret>,
    s: &Session,
    alias: &str,
) -> Result<(PrivateKey, Secret, PrivateKeyEntry), Fail> {
    let entry = match s.store().get(alias) {
        None => return Err(Fail::plain(format!("Alias <{alias}> does not exist"))),
        Some(Entry::PrivateKey(k)) if !k.chain().is_empty() => k.clone(),
        Some(_) => return Err(Fail::plain(format!("Alias <{alias}> has no key"))),
    };
    let protection = Some(entry.protected_key().protection());
    let (key, used) = recover(keypass, s, alias, protection, |p| entry.open(p))?;
    Ok((key, used, entry))
}

/// keytool's six questions, asked until the answer to "Is … correct?" is yes.
fn prompt_dname(release: Release) -> Result<DistinguishedName, Fail> {
    let mut answers: [String; 6] = std::array::from_fn(|_| "Unknown".to_owned());
    for _ in 0..=20 {
        if let Some(preamble) = keytool::dname_preamble(release) {
            eprintln!("{preamble}");
        }
        for (q, a) in keytool::DNAME_QUESTIONS.iter().zip(answers.iter_mut()) {
            eprintln!("{q}");
            let line = term::ask(&format!("  [{a}]:  ")).unwrap_or_default();
            *a = keytool::dname_answer(&line, a, release);
        }
        let Some(dn) = keytool::dname_from_answers(&answers) else {
            eprintln!("{}", keytool::DNAME_NO_FIELD);
            continue;
        };
        eprintln!("Is {dn} correct?");
        let reply = term::ask("  [no]:  ").unwrap_or_default().to_lowercase();
        if reply == "yes" || reply == "y" {
            eprintln!();
            return Ok(dn);
        }
    }
    Err(Fail::exception(
        "java.lang.RuntimeException: Too many retries, program terminated",
    ))
}

pub fn parse_dname(d: &str) -> Result<DistinguishedName, Fail> {
    d.parse()
        .map_err(|e: javakeystore::error::DnError| Fail::of(e, None))
}

/// Extensions from `-ext` (without `honored=`).
pub fn extensions(o: &Options) -> Result<Vec<Extension>, Fail> {
    let mut out = Vec::new();
    for e in &o.ext {
        if let Some(ext) = keytool::parse_ext(e).map_err(|x| Fail::plain(x.to_string()))? {
            out.push(ext);
        }
    }
    Ok(out)
}

/// The signature algorithm: `-sigalg` or the release's default for the signing key.
pub fn sigalg(o: &Options, key: &PrivateKey) -> Result<SignatureAlgorithm, Fail> {
    keytool::choose_signature(o.sigalg.as_deref(), key, o.release)
        .map_err(|e| Fail::exception(keytool::algorithm_exception(&e, o.release)))
}

/// `-startdate` in the local zone, as a certificate's start of validity.
pub fn start(o: &Options) -> Result<SystemTime, Fail> {
    keytool::start_date(o.startdate.as_deref(), SystemTime::now(), &Zone::local())
        .map_err(|e| Fail::of(e, None))
}

/// What `-genkeypair` signs with: its own new key, or `-signer`'s key and chain.
struct Signer {
    alias: String,
    key: PrivateKey,
    chain: Vec<Certificate>,
}

fn signer(o: &Options, s: &Session) -> Result<Option<Signer>, Fail> {
    let Some(a) = &o.signer else {
        return Ok(None);
    };
    let (key, _, entry) = open_private_with(o.signerkeypass.as_ref(), s, a)?;
    Ok(Some(Signer {
        alias: a.clone(),
        key,
        chain: entry.chain().to_vec(),
    }))
}

pub fn genkeypair(o: &Options, s: &mut Session, w: &mut Warnings) -> Result<(), Fail> {
    let keyalg = o
        .keyalg
        .clone()
        .ok_or_else(|| Fail::plain("The -keyalg option must be specified."))?;
    let refused = |e| Fail::exception(keytool::algorithm_exception(&e, o.release));
    let alias = o.alias.clone().unwrap_or_else(|| "mykey".into());
    if s.store().contains_alias(&alias) {
        return Err(Fail::plain(format!(
            "Key pair not generated, alias <{alias}> already exists"
        )));
    }
    let choice = keytool::choose_key(&keyalg, o.keysize, o.groupname.as_deref(), o.release)
        .map_err(|e| {
            if let Some(warning) = keytool::failed_choice_warning(&e, o.release) {
                w.push(warning);
            }
            refused(e)
        })?;
    let signer = signer(o, s)?;
    let dname = match &o.dname {
        Some(d) => parse_dname(d)?,
        None => {
            term::warn(w, o.nowarn, true);
            prompt_dname(o.release)?
        }
    };
    let key = PrivateKey::generate(choice.spec)
        .map_err(|e| Fail::exception(format!("java.security.InvalidParameterException: {e}")))?;
    let signing_key = signer.as_ref().map_or(&key, |s| &s.key);
    let (params, alg) = key_params(o, signing_key, dname.clone())?;
    let chain = certify(&params, &key, signer.as_ref())?;
    let validity = o.validity.unwrap_or(90);
    let issuer = signer.as_ref().map(|s| s.alias.as_str());
    let generating = keytool::Generating::new(&choice, alg, validity, &dname, issuer);
    eprintln!("{}", keytool::generating_text(&generating, o.release));
    let keypass = new_key_password(o, s, &alias)?;
    let entry = PrivateKeyEntry::seal(&key, chain.clone(), &keypass, s.key_protection())
        .map_err(|e| Fail::from_error(&e, Some(s.format())))?;
    s.store_mut()
        .insert(&alias, entry.into())
        .map_err(|e| Fail::plain(e.to_string()))?;
    s.modified = true;
    if let Some(warning) = choice.warning {
        w.push(warning);
    }
    w.check(
        &Trust::new(None),
        "The generated certificate",
        &chain[0],
        None,
    );
    Ok(())
}

/// The certificate parameters `-genkeypair` takes from the command line; `key` signs.
fn key_params(
    o: &Options,
    key: &PrivateKey,
    dname: DistinguishedName,
) -> Result<(CertificateParams, SignatureAlgorithm), Fail> {
    let alg = sigalg(o, key)?;
    let validity = o.validity.unwrap_or(90);
    let mut params = CertificateParams::new(dname);
    params.not_before = start(o)?;
    params.validity_days =
        u32::try_from(validity).map_err(|_| Fail::plain("Validity must be greater than zero"))?;
    params.signature_algorithm = Some(alg);
    params.extensions = extensions(o)?;
    Ok((params, alg))
}

/// The new key's chain: self-signed, or issued by the signer followed by its chain.
fn certify(
    params: &CertificateParams,
    key: &PrivateKey,
    signer: Option<&Signer>,
) -> Result<Vec<Certificate>, Fail> {
    let failed = |e: javakeystore::error::CertError| Fail::plain(e.to_string());
    let Some(signer) = signer else {
        return Ok(vec![params.self_signed(key).map_err(failed)?]);
    };
    let spki = key
        .public_key_der()
        .map_err(|e| Fail::plain(e.to_string()))?;
    let cert = params
        .signed_by(&spki, &signer.chain[0], &signer.key)
        .map_err(failed)?;
    let mut chain = vec![cert];
    chain.extend(signer.chain.iter().cloned());
    Ok(chain)
}

pub fn genseckey(o: &Options, s: &mut Session, password_import: bool) -> Result<(), Fail> {
    let alias = o.alias.clone().unwrap_or_else(|| "mykey".into());
    if s.store().contains_alias(&alias) {
        return Err(Fail::plain(format!(
            "Secret Key not generated, alias <{alias}> already exists"
        )));
    }
    let key = if password_import {
        let stored = read_credential()?;
        if o.verbose {
            eprintln!("Generated PBE secret key");
        }
        let alg = o.keyalg.clone().filter(|a| !a.eq_ignore_ascii_case("PBE"));
        SecretKey::new(
            alg.unwrap_or_else(|| "PBEWithMD5AndDES".into()),
            stored.as_bytes(),
        )
    } else {
        generate_secret(o)?
    };
    let keypass = new_key_password(o, s, &alias)?;
    if s.format() == Format::Jks {
        return Err(Fail::exception(
            "java.security.KeyStoreException: Cannot store non-PrivateKeys",
        ));
    }
    let sealed = ProtectedSecretKey::seal_with(&key, &keypass, s.key_protection())
        .map_err(|e| Fail::exception(key_text(&e, None)))?;
    s.store_mut()
        .insert(&alias, SecretKeyEntry::new(sealed, Timestamp::now()).into())
        .map_err(|e| Fail::plain(e.to_string()))?;
    s.modified = true;
    Ok(())
}

fn generate_secret(o: &Options) -> Result<SecretKey, Fail> {
    let alg = o
        .keyalg
        .clone()
        .ok_or_else(|| Fail::plain("The -keyalg option must be specified."))?;
    let bits = o.keysize.map(|b| b as usize);
    let des = alg.eq_ignore_ascii_case("DES") || alg.eq_ignore_ascii_case("DESede");
    if bits.is_none() && !des {
        return Err(Fail::plain(
            "Please provide -keysize for secret key generation",
        ));
    }
    let key = SecretKey::generate(&alg, bits).map_err(|e| match e {
        KeyError::KeySize { .. } => Fail::exception(key_text(&e, None)),
        _ => Fail::exception(format!("java.security.NoSuchAlgorithmException: {e}")),
    })?;
    let shown = bits.unwrap_or(if alg.eq_ignore_ascii_case("DES") {
        56
    } else {
        168
    });
    eprintln!(
        "Generated {}-bit {} secret key",
        keytool::grouped(shown as u64),
        key.algorithm()
    );
    Ok(key)
}

/// `-importpass`: one line from stdin when it is not a terminal, else asked twice.
fn read_credential() -> Result<Secret, Fail> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return Ok(term::read_line()
            .map(zeroize::Zeroizing::new)
            .unwrap_or_default());
    }
    for _ in 0..3 {
        let p = term::password("Enter the password to be stored:  ").unwrap_or_default();
        let again = term::password("Re-enter password: ").unwrap_or_default();
        if p == again {
            return Ok(p);
        }
        eprintln!("They don't match. Try again");
    }
    Err(Fail::plain("Too many failures - key not added to keystore"))
}

pub fn keypasswd(o: &Options, s: &mut Session) -> Result<(), Fail> {
    if s.format() == Format::Pkcs12 {
        return Err(Fail::exception(
            "java.lang.UnsupportedOperationException: -keypasswd commands not supported if -storetype is PKCS12",
        ));
    }
    let alias = o.alias.clone().unwrap_or_else(|| "mykey".into());
    let new_entry: Entry = match s.store().get(&alias) {
        Some(Entry::SecretKey(sk)) => {
            let protection = Some(Protection::PbeWithMd5AndTripleDes);
            let (key, old) = recover(o.keypass.as_ref(), s, &alias, protection, |p| sk.open(p))?;
            let new = new_pass(o, &alias, &old)?;
            let sealed = ProtectedSecretKey::seal(&key, &new)
                .map_err(|e| Fail::exception(key_text(&e, None)))?;
            SecretKeyEntry::new(sealed, Timestamp::now()).into()
        }
        _ => {
            let (key, old, entry) = open_private(o, s, &alias)?;
            let new = new_pass(o, &alias, &old)?;
            let protected = ProtectedKey::seal(&key, &new, s.key_protection())
                .map_err(|e| Fail::exception(key_text(&e, None)))?;
            PrivateKeyEntry::new(protected, entry.chain().to_vec(), Timestamp::now())
                .map_err(|e| Fail::plain(e.to_string()))?
                .into()
        }
    };
    s.store_mut()
        .insert(&alias, new_entry)
        .map_err(|e| Fail::plain(e.to_string()))?;
    s.modified = true;
    Ok(())
}

fn new_pass(o: &Options, alias: &str, old: &str) -> Result<Secret, Fail> {
    match &o.newpass {
        Some(n) => Ok(n.clone()),
        None => term::new_password(&format!("key password for <{alias}>"), Some(old)),
    }
}
