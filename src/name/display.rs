//! Showing names as Java does: `X500Principal.toString()` (keytool's text) and
//! `getName()` (RFC 2253).

use std::fmt;

use der::Encode;
use x509_cert::attr::AttributeTypeAndValue;

use crate::name::dn::DistinguishedName;
use crate::name::keyword::{keyword, rfc2253_keyword};
use crate::name::value::{printable, value_string};

/// Java's `AVA.toKeywordValueString`: quote when the value holds special characters, leading
/// or trailing white space, or runs of white space; escape `"` and `\`.
pub(crate) fn write_value(out: &mut String, value: &str) {
    const ESCAPEES: &str = ",+=\n<>#;\\\"";
    let chars: Vec<char> = value.chars().collect();
    let already_quoted = chars.len() > 1 && chars[0] == '"' && chars[chars.len() - 1] == '"';
    let mut quote = false;
    let mut previous_white = false;
    let mut body = String::with_capacity(value.len());
    for (i, &c) in chars.iter().enumerate() {
        if already_quoted && (i == 0 || i == chars.len() - 1) {
            body.push(c);
            continue;
        }
        if printable(c) || ESCAPEES.contains(c) {
            if !quote && ((i == 0 && (c == ' ' || c == '\n')) || ESCAPEES.contains(c)) {
                quote = true;
            }
            if c == ' ' || c == '\n' {
                if !quote && previous_white {
                    quote = true;
                }
                previous_white = true;
            } else {
                if c == '"' || c == '\\' {
                    body.push('\\');
                }
                previous_white = false;
            }
        } else {
            previous_white = false;
        }
        body.push(c);
    }
    if body.ends_with([' ', '\n']) {
        quote = true;
    }
    if quote && !already_quoted {
        out.push('"');
        out.push_str(&body);
        out.push('"');
    } else {
        out.push_str(&body);
    }
}

fn write_ava(out: &mut String, ava: &AttributeTypeAndValue) {
    match keyword(&ava.oid) {
        Some(k) => out.push_str(k),
        None => {
            out.push_str("OID.");
            out.push_str(&ava.oid.to_string());
        }
    }
    out.push('=');
    match value_string(der::Tagged::tag(&ava.value), ava.value.value()) {
        Some(s) => write_value(out, &s),
        None => {
            out.push('#');
            for b in ava.value.to_der().unwrap_or_default() {
                out.push_str(&format!("{b:02x}"));
            }
        }
    }
}

impl fmt::Display for DistinguishedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        let rdns: Vec<_> = self.as_name().iter_rdn().collect();
        for (i, rdn) in rdns.iter().rev().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            for (j, ava) in rdn.iter().enumerate() {
                if j > 0 {
                    out.push_str(" + ");
                }
                write_ava(&mut out, ava);
            }
        }
        f.write_str(&out)
    }
}

impl DistinguishedName {
    /// The RFC 2253 form Java's `X500Principal.getName()` gives (`CN=a,O=b`): what Java
    /// writes as the friendlyName of CA certificates in PKCS#12 chains.
    pub fn to_rfc2253(&self) -> String {
        let mut out = String::new();
        let rdns: Vec<_> = self.as_name().iter_rdn().collect();
        for (i, rdn) in rdns.iter().rev().enumerate() {
            if i > 0 {
                out.push(',');
            }
            for (j, ava) in rdn.iter().enumerate() {
                if j > 0 {
                    out.push('+');
                }
                let value = value_string(der::Tagged::tag(&ava.value), ava.value.value());
                match (rfc2253_keyword(&ava.oid), value) {
                    (Some(k), Some(v)) => {
                        out.push_str(k);
                        out.push('=');
                        escape_rfc2253(&mut out, &v);
                    }
                    (k, _) => {
                        out.push_str(&k.map_or_else(|| ava.oid.to_string(), str::to_owned));
                        out.push_str("=#");
                        for b in ava.value.to_der().unwrap_or_default() {
                            out.push_str(&format!("{b:02x}"));
                        }
                    }
                }
            }
        }
        out
    }
}

fn escape_rfc2253(out: &mut String, value: &str) {
    let last = value.chars().count().saturating_sub(1);
    for (i, c) in value.chars().enumerate() {
        let special = ",+\"<>;\\".contains(c)
            || (i == 0 && (c == '#' || c == ' '))
            || (i == last && c == ' ');
        if special {
            out.push('\\');
        }
        out.push(c);
    }
}
