//! The trust matrix of the field procedures: which certificate of which server goes into
//! which store (or upload folder) under which alias, and each role's default store.
//!
//! | from | certificate | to | alias |
//! |---|---|---|---|
//! | CVP, CVP Reporting | `wsm_certificate` (own key entry) | every ADS `cacerts` | `{fqdn}` |
//! | ADS | IIS (TLS 443) | every CVP `.keystore` | `{fqdn}` |
//! | Rogger, PG | IIS (443), Diagnostic Framework (7890) | every ADS | `{fqdn}_IIS`, `{fqdn}_DFP` |
//! | VOS, VVB | tomcat (8443) | every ADS | `{fqdn}` |
//! | CVP | `vxml_certificate`, `callserver_certificate` | every VVB upload folder | file per certificate |

use std::path::{Path, PathBuf};

use super::inventory::{EndpointKind, Inventory, PasswordSource, Role, Server};

/// A certificate a server publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Published {
    /// The certificate of one of its own key entries (CVP stores).
    Own(&'static str),
    /// The leaf a TLS service sends.
    Tls(EndpointKind),
}

impl Published {
    /// How plans name it: `wsm_certificate`, `iis`, ...
    pub fn name(self) -> &'static str {
        match self {
            Published::Own(a) => a,
            Published::Tls(k) => k.name(),
        }
    }
}

/// One trust the matrix requires.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Requirement {
    /// The server that must trust (index into the inventory).
    pub target: usize,
    /// The server that publishes (index into the inventory).
    pub source: usize,
    /// What it publishes.
    pub what: Published,
    /// The alias in the target store, or the file name in its upload folder.
    pub alias: String,
}

/// What a server receives certificates into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TargetKind {
    /// A Java store on its disk.
    Store,
    /// PEM files in an upload folder (an appliance's web page takes them).
    Folder,
    /// Nothing in the matrix.
    None,
}

/// What `role` receives certificates into.
pub fn target_kind(role: Role) -> TargetKind {
    match role {
        Role::Ads | Role::Cvp | Role::CvpReporting => TargetKind::Store,
        Role::Vvb => TargetKind::Folder,
        _ => TargetKind::None,
    }
}

/// What a server of `role` publishes, with the alias a receiving store gives it.
fn publications(role: Role, fqdn: &str) -> Vec<(Published, String, Role)> {
    let to_ads = |what, alias: String| (what, alias, Role::Ads);
    match role {
        Role::Cvp | Role::CvpReporting => {
            let mut v = vec![to_ads(Published::Own("wsm_certificate"), fqdn.to_owned())];
            if role == Role::Cvp {
                for own in ["vxml_certificate", "callserver_certificate"] {
                    v.push((Published::Own(own), format!("{fqdn}_{own}.pem"), Role::Vvb));
                }
            }
            v
        }
        Role::Ads => vec![
            (
                Published::Tls(EndpointKind::Iis),
                fqdn.to_owned(),
                Role::Cvp,
            ),
            (
                Published::Tls(EndpointKind::Iis),
                fqdn.to_owned(),
                Role::CvpReporting,
            ),
        ],
        Role::Rogger | Role::Pg => vec![
            to_ads(Published::Tls(EndpointKind::Iis), format!("{fqdn}_IIS")),
            to_ads(Published::Tls(EndpointKind::Dfp), format!("{fqdn}_DFP")),
        ],
        Role::Vos | Role::Vvb => vec![to_ads(
            Published::Tls(EndpointKind::Tomcat),
            fqdn.to_owned(),
        )],
    }
}

/// Every trust the inventory's matrix requires, by target then source, in file order.
pub fn requirements(inv: &Inventory) -> Vec<Requirement> {
    let mut out = Vec::new();
    for (t, target) in inv.servers.iter().enumerate() {
        for (s, source) in inv.servers.iter().enumerate() {
            if s == t {
                continue;
            }
            for (what, alias, role) in publications(source.role, &source.fqdn) {
                if role == target.role {
                    out.push(Requirement {
                        target: t,
                        source: s,
                        what,
                        alias,
                    });
                }
            }
        }
    }
    out
}

/// The role's password source when the inventory gives none: `changeit` for an ADS JRE,
/// `Security.keystorePW` of `security.properties` for CVP.
pub(super) fn default_password(server: &Server) -> PasswordSource {
    server.storepass.clone().unwrap_or(match server.role {
        Role::Ads => PasswordSource::Literal("changeit".to_owned()),
        _ => PasswordSource::Properties {
            file: ["Cisco", "CVP", "conf", "security.properties"]
                .iter()
                .collect(),
            key: "Security.keystorePW".to_owned(),
        },
    })
}

/// The server's store as seen from here: the inventory's `keystore`, or the role's: CVP's
/// `Cisco\CVP\conf\security\.keystore`, an ADS's `cacerts` of the JRE found under
/// `Program Files (x86)\Java` (`jre1.8.0_221` first, else the newest `jre*`).
pub fn store_path(server: &Server) -> Result<PathBuf, String> {
    if let Some(k) = &server.keystore {
        return Ok(server.root.join(k));
    }
    match server.role {
        Role::Ads => find_jre_cacerts(&server.root),
        _ => Ok(server.root.join(
            ["Cisco", "CVP", "conf", "security", ".keystore"]
                .iter()
                .collect::<PathBuf>(),
        )),
    }
}

fn find_jre_cacerts(root: &Path) -> Result<PathBuf, String> {
    let cacerts = |jre: &Path| jre.join("lib").join("security").join("cacerts");
    for java in ["Program Files (x86)", "Program Files"].map(|p| root.join(p).join("Java")) {
        let preferred = cacerts(&java.join("jre1.8.0_221"));
        if preferred.is_file() {
            return Ok(preferred);
        }
        let mut jres: Vec<PathBuf> = std::fs::read_dir(&java)
            .map(|d| {
                d.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| {
                        p.file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with("jre"))
                    })
                    .filter(|p| cacerts(p).is_file())
                    .collect()
            })
            .unwrap_or_default();
        jres.sort();
        if let Some(newest) = jres.last() {
            return Ok(cacerts(newest));
        }
    }
    Err(format!(
        "no JRE cacerts under {} (Program Files (x86)\\Java\\jre*\\lib\\security); set keystore",
        root.display()
    ))
}

/// A Java properties value: `key=value`, `key: value` or `key value`, with `#`/`!`
/// comments, backslash escapes and continuation lines.
pub(super) fn property(text: &str, key: &str) -> Option<String> {
    let mut logical = String::new();
    for raw in text.lines() {
        let line = raw.trim_start();
        if logical.is_empty() && (line.starts_with('#') || line.starts_with('!')) {
            continue;
        }
        if let Some(cont) = line.strip_suffix('\\').filter(|l| !l.ends_with('\\')) {
            logical.push_str(cont);
            continue;
        }
        logical.push_str(line);
        if let Some(v) = property_line(&logical, key) {
            return Some(v);
        }
        logical.clear();
    }
    None
}

fn property_line(line: &str, key: &str) -> Option<String> {
    let mut name = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => name.push(chars.next()?),
            '=' | ':' => break,
            c if c.is_whitespace() => break,
            c => name.push(c),
        }
    }
    if name != key {
        return None;
    }
    let rest = chars.as_str().trim_start();
    let rest = rest.strip_prefix(['=', ':']).unwrap_or(rest).trim_start();
    Some(unescape(rest))
}

fn unescape(v: &str) -> String {
    let mut out = String::new();
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    out.push(ch);
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_properties_as_cvp_writes_them() {
        let text = "# CVP\nSecurity.keystorePW = s3cr\\u0065t\\:1\nother:x\ncont = a\\\n  b\n";
        assert_eq!(
            property(text, "Security.keystorePW").as_deref(),
            Some("s3cret:1")
        );
        assert_eq!(property(text, "other").as_deref(), Some("x"));
        assert_eq!(property(text, "cont").as_deref(), Some("ab"));
        assert_eq!(property(text, "missing"), None);
    }
}
