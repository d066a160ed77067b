//! Distinguished names, displayed the way Java (`X500Principal.toString()`) and keytool show
//! them: most specific RDN first, `, ` between RDNs, ` + ` inside a multi-valued RDN, keyword
//! names (CN, OU, O, L, ST, C, …, else `OID.n.n.n`), values quoted when they hold special
//! characters; and parsed from keytool's `-dname` syntax.

mod display;
mod dn;
pub(crate) mod keyword;
mod parse;
pub(crate) mod value;

pub use dn::{DistinguishedName, NameAttribute};
