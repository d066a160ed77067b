//! Java security providers on keytool's command line (`-providername`, `-addprovider`,
//! `-providerclass`, `-providerpath`). This crate has its own algorithms and cannot load Java
//! classes, so the JDK's built-in providers are accepted (they change nothing here) and any
//! other is refused with keytool's own message for a provider it cannot find.

use crate::keytool::cli::Options;

/// The providers a JDK 17/25 installation registers, by name.
const JDK_PROVIDERS: &[&str] = &[
    "SUN",
    "SunRsaSign",
    "SunEC",
    "SunJSSE",
    "SunJCE",
    "SunJGSS",
    "SunSASL",
    "XMLDSig",
    "SunPCSC",
    "JdkLDAP",
    "JdkSASL",
    "SunPKCS11",
    "SunMSCAPI",
];

/// The JDK's provider classes, for `-providerclass`.
const JDK_PROVIDER_CLASSES: &[&str] = &[
    "sun.security.provider.Sun",
    "sun.security.rsa.SunRsaSign",
    "sun.security.ec.SunEC",
    "sun.security.ssl.SunJSSE",
    "com.sun.crypto.provider.SunJCE",
    "sun.security.jgss.SunProvider",
    "com.sun.security.sasl.Provider",
    "org.jcp.xml.dsig.internal.dom.XMLDSigRI",
    "sun.security.smartcardio.SunPCSC",
    "sun.security.provider.certpath.ldap.JdkLDAP",
    "com.sun.security.sasl.gsskerb.JdkSASL",
    "sun.security.pkcs11.SunPKCS11",
    "sun.security.mscapi.SunMSCAPI",
];

/// A provider keytool would fail to find.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProviderRefusal {
    /// `-addprovider NAME` of a provider that is not built in: keytool's
    /// `Provider named "NAME" not found`.
    Named(String),
    /// `-providerclass CLASS` (with or without `-providerpath`) of a class that is not the
    /// JDK's: keytool's `Provider "CLASS" not found`.
    Class(String),
    /// `-providername NAME` of no registered provider: Java's `NoSuchProviderException`.
    Unregistered(String),
}

impl ProviderRefusal {
    /// keytool's message (after `keytool error: `): the exception class and its text.
    pub fn keytool_text(&self) -> String {
        match self {
            Self::Named(n) => format!("java.lang.Exception: Provider named \"{n}\" not found"),
            Self::Class(c) => format!("java.lang.Exception: Provider \"{c}\" not found"),
            Self::Unregistered(n) => {
                format!("java.security.NoSuchProviderException: no such provider: {n}")
            }
        }
    }
}

/// Checks the provider options as keytool does before it runs a command: every
/// `-addprovider` and `-providerclass` first, then `-providername` (and its `-src`/`-dest`
/// forms).
pub fn check_providers(o: &Options) -> Result<(), ProviderRefusal> {
    if let Some(n) = o
        .add_providers
        .iter()
        .find(|n| !JDK_PROVIDERS.contains(&n.as_str()))
    {
        return Err(ProviderRefusal::Named(n.clone()));
    }
    if let Some(c) = o
        .provider_classes
        .iter()
        .find(|c| !JDK_PROVIDER_CLASSES.contains(&c.as_str()))
    {
        return Err(ProviderRefusal::Class(c.clone()));
    }
    match o
        .provider_names
        .iter()
        .find(|n| !JDK_PROVIDERS.contains(&n.as_str()))
    {
        Some(n) => Err(ProviderRefusal::Unregistered(n.clone())),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keytool::parse_args;

    fn check(args: &[&str]) -> Result<(), ProviderRefusal> {
        let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        check_providers(&parse_args(&args).expect("parses"))
    }

    #[test]
    fn only_the_jdk_providers_are_found() {
        assert_eq!(check(&["-list", "-addprovider", "SunPKCS11"]), Ok(()));
        assert_eq!(check(&["-list", "-providername", "SunJCE"]), Ok(()));
        assert_eq!(
            check(&["-list", "-addprovider", "BC"]),
            Err(ProviderRefusal::Named("BC".into()))
        );
        let bc = "org.bouncycastle.jce.provider.BouncyCastleProvider";
        let refused = check(&["-list", "-providerpath", "bc.jar", "-providerclass", bc]);
        assert_eq!(
            refused.map_err(|r| r.keytool_text()),
            Err(format!("java.lang.Exception: Provider \"{bc}\" not found"))
        );
        assert_eq!(
            check(&["-list", "-providername", "Nope"]).map_err(|r| r.keytool_text()),
            Err("java.security.NoSuchProviderException: no such provider: Nope".into())
        );
    }
}
