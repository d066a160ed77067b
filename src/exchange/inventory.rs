//! The inventory: the servers of a deployment, each with its role, where its disk is seen
//! from here, and what overrides the role's defaults. Validated whole before anything runs.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::error::InventoryError;
use crate::fetch::parse_server;
use crate::kind::Format;

/// What a server is in the deployment; its role gives its stores, what it publishes and
/// what it must trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Role {
    /// An ADS/AW server: trusts in the JRE's `cacerts`, publishes its IIS certificate.
    Ads,
    /// A CVP Call/VXML server: a JCEKS `.keystore` with its own key entries.
    Cvp,
    /// A CVP Reporting server.
    CvpReporting,
    /// A Rogger: IIS and Diagnostic Framework certificates over TLS.
    Rogger,
    /// A Peripheral Gateway: as a Rogger.
    Pg,
    /// A VOS appliance (CUCM, Finesse, CUIC, Live Data, IdS, Cloud Connect): tomcat over TLS.
    Vos,
    /// Virtualized Voice Browser: a VOS appliance that needs the CVP certificates uploaded.
    Vvb,
}

impl Role {
    /// The inventory's names.
    pub const NAMES: [(&'static str, Role); 7] = [
        ("ads", Role::Ads),
        ("cvp", Role::Cvp),
        ("cvp-reporting", Role::CvpReporting),
        ("rogger", Role::Rogger),
        ("pg", Role::Pg),
        ("vos", Role::Vos),
        ("vvb", Role::Vvb),
    ];

    /// The role's name in the inventory.
    pub fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, r)| *r == self)
            .map_or("?", |(n, _)| n)
    }

    /// True for CVP servers (Call/VXML and Reporting).
    pub fn is_cvp(self) -> bool {
        matches!(self, Role::Cvp | Role::CvpReporting)
    }
}

/// A TLS service a server publishes its certificate on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum EndpointKind {
    /// IIS (443).
    Iis,
    /// Diagnostic Framework Portico (7890).
    Dfp,
    /// A VOS node's tomcat (8443).
    Tomcat,
}

impl EndpointKind {
    /// The inventory's names and the default ports.
    pub const ALL: [(&'static str, EndpointKind, u16); 3] = [
        ("iis", EndpointKind::Iis, 443),
        ("dfp", EndpointKind::Dfp, 7890),
        ("tomcat", EndpointKind::Tomcat, 8443),
    ];

    /// The name in the inventory (`iis`, `dfp`, `tomcat`).
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, k, _)| *k == self)
            .map_or("?", |(n, _, _)| n)
    }

    /// The port the service listens on by default.
    pub fn default_port(self) -> u16 {
        Self::ALL
            .iter()
            .find(|(_, k, _)| *k == self)
            .map_or(443, |(_, _, p)| *p)
    }
}

/// Where a store's password comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PasswordSource {
    /// Written in the inventory.
    Literal(String),
    /// An environment variable of this process.
    Env(String),
    /// The first line of a file (relative to the inventory's folder).
    File(PathBuf),
    /// A key of a Java properties file on the server (relative to its root), as CVP keeps
    /// `Security.keystorePW` in `security.properties`.
    Properties {
        /// The properties file.
        file: PathBuf,
        /// The key.
        key: String,
    },
}

/// One `[[server]]` as the inventory file gives it, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServerSpec {
    /// `fqdn`.
    pub fqdn: Option<String>,
    /// `role`.
    pub role: Option<String>,
    /// `root`.
    pub root: Option<String>,
    /// `keystore` (relative to root).
    pub keystore: Option<String>,
    /// `storetype`.
    pub storetype: Option<String>,
    /// `storepass`: literal, `{ env }`, `{ file }` or `{ properties, key }` (paths as written).
    pub storepass: Option<PasswordSpec>,
    /// `endpoints` by kind name, `host:port`.
    pub endpoints: Vec<(String, String)>,
    /// `connect`: the address to dial instead of the FQDN.
    pub connect: Option<String>,
}

/// `storepass` as written.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PasswordSpec {
    /// `storepass = "literal"`.
    Literal(String),
    /// `{ env = "VAR" }`.
    Env(String),
    /// `{ file = "p.txt" }`.
    File(String),
    /// `{ properties = '...', key = "..." }`.
    Properties {
        /// The properties file, relative to the server's root.
        file: String,
        /// The key.
        key: String,
    },
}

/// `[defaults]`: the distinguished-name fields and validity `--regenerate` gives new
/// certificates (CN is always the server's FQDN).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Defaults {
    /// OU.
    pub ou: Option<String>,
    /// O.
    pub o: Option<String>,
    /// L.
    pub l: Option<String>,
    /// ST.
    pub st: Option<String>,
    /// C.
    pub c: Option<String>,
    /// Validity in days (default 1095, as the procedures' command lines use).
    pub validity: Option<u32>,
}

/// A validated server.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Server {
    /// Its fully qualified name (lower-cased).
    pub fqdn: String,
    /// Its role.
    pub role: Role,
    /// Where its disk is seen from here.
    pub root: PathBuf,
    /// Its Java store, relative to `root`, when one is configured (`None`: the role's).
    pub keystore: Option<PathBuf>,
    /// Its store type when configured.
    pub storetype: Option<Format>,
    /// Its store password when configured.
    pub storepass: Option<PasswordSource>,
    /// Its TLS endpoints that differ from `fqdn:default-port`.
    pub endpoints: BTreeMap<EndpointKind, (String, u16)>,
    /// The address to dial instead of the endpoint's host.
    pub connect: Option<String>,
}

impl Server {
    /// The `host:port` of one of its TLS services.
    pub fn endpoint(&self, kind: EndpointKind) -> String {
        match self.endpoints.get(&kind) {
            Some((h, p)) => format!("{h}:{p}"),
            None => format!("{}:{}", self.fqdn, kind.default_port()),
        }
    }
}

/// A validated inventory.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Inventory {
    /// The servers, in file order.
    pub servers: Vec<Server>,
    /// `[defaults]`.
    pub defaults: Defaults,
    /// The inventory file's folder, against which relative roots and files resolve.
    pub base: PathBuf,
}

/// A path written with either separator, as components (an inventory written on Windows
/// works over copied folders on Linux). `..` is refused: nothing may leave the root.
pub fn relative_path(text: &str) -> Result<PathBuf, String> {
    let mut out = PathBuf::new();
    for part in text
        .split(['\\', '/'])
        .filter(|p| !p.is_empty() && *p != ".")
    {
        if part == ".." {
            return Err(format!("{text:?} leaves the server's root (`..`)"));
        }
        if part.contains(':') {
            return Err(format!("{text:?} must be relative to the server's root"));
        }
        out.push(part);
    }
    Ok(out)
}

/// A root as written: a UNC share or absolute path as it is, else relative to `base`.
fn root_path(text: &str, base: &Path) -> PathBuf {
    let unc = text.starts_with("\\\\") || text.starts_with("//");
    let drive = text.as_bytes().get(1) == Some(&b':');
    if unc || drive || Path::new(text).is_absolute() {
        if cfg!(windows) || !(unc || drive) {
            return PathBuf::from(text);
        }
        // A Windows path on another system: kept, it will simply not be found.
        return PathBuf::from(text.replace('\\', "/"));
    }
    // A root may sit beside the inventory (`..\\copies\\cvp1`): only the paths inside a
    // root are kept from leaving it.
    let mut p = base.to_path_buf();
    for part in text
        .split(['\\', '/'])
        .filter(|p| !p.is_empty() && *p != ".")
    {
        p.push(part);
    }
    p
}

fn invalid(server: &str, field: &str, problem: impl Into<String>) -> InventoryError {
    InventoryError::Invalid {
        server: server.to_owned(),
        field: field.to_owned(),
        problem: problem.into(),
    }
}

impl Inventory {
    /// Validates `specs` (in file order) against the rules: known roles, the required
    /// fields, unique FQDNs, paths that stay under their root, endpoints that parse. The
    /// first problem found is returned, naming the server and the field.
    pub fn new(
        specs: &[ServerSpec],
        defaults: Defaults,
        base: &Path,
    ) -> Result<Inventory, InventoryError> {
        let mut seen = HashSet::new();
        let mut servers = Vec::with_capacity(specs.len());
        for (i, spec) in specs.iter().enumerate() {
            let server = validate(spec, i, base)?;
            if !seen.insert(server.fqdn.clone()) {
                return Err(invalid(
                    &server.fqdn,
                    "fqdn",
                    "appears twice in the inventory",
                ));
            }
            servers.push(server);
        }
        if servers.is_empty() {
            return Err(InventoryError::Syntax {
                message: "no [[server]] entries".to_owned(),
            });
        }
        Ok(Inventory {
            servers,
            defaults,
            base: base.to_path_buf(),
        })
    }
}

fn validate(spec: &ServerSpec, i: usize, base: &Path) -> Result<Server, InventoryError> {
    let position = format!("#{}", i + 1);
    let fqdn = spec
        .fqdn
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .ok_or_else(|| invalid(&position, "fqdn", "missing; give the server's name"))?
        .to_lowercase();
    let name = fqdn.as_str();
    if !fqdn.contains('.') || fqdn.contains(['/', '\\', ' ', ':']) {
        return Err(invalid(name, "fqdn", "not a fully qualified domain name"));
    }
    let role = role(spec, name)?;
    let root = spec
        .root
        .as_deref()
        .filter(|r| !r.trim().is_empty())
        .ok_or_else(|| invalid(name, "root", "missing; give a share, a folder, or \".\""))?;
    let keystore = spec
        .keystore
        .as_deref()
        .map(relative_path)
        .transpose()
        .map_err(|p| invalid(name, "keystore", p))?;
    let storetype = spec
        .storetype
        .as_deref()
        .map(|t| {
            t.parse::<Format>()
                .map_err(|e| invalid(name, "storetype", e.to_string()))
        })
        .transpose()?;
    let storepass = spec
        .storepass
        .as_ref()
        .map(|p| password(p, base).map_err(|e| invalid(name, "storepass", e)))
        .transpose()?;
    Ok(Server {
        endpoints: endpoints(spec, name)?,
        connect: spec.connect.clone(),
        root: root_path(root, base),
        fqdn,
        role,
        keystore,
        storetype,
        storepass,
    })
}

fn role(spec: &ServerSpec, name: &str) -> Result<Role, InventoryError> {
    let text = spec
        .role
        .as_deref()
        .ok_or_else(|| invalid(name, "role", "missing"))?;
    Role::NAMES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(text))
        .map(|(_, r)| *r)
        .ok_or_else(|| {
            let known: Vec<&str> = Role::NAMES.iter().map(|(n, _)| *n).collect();
            let problem = format!("unknown role {text:?}; use one of {}", known.join(", "));
            invalid(name, "role", problem)
        })
}

fn password(spec: &PasswordSpec, base: &Path) -> Result<PasswordSource, String> {
    Ok(match spec {
        PasswordSpec::Literal(p) => PasswordSource::Literal(p.clone()),
        PasswordSpec::Env(v) if v.is_empty() => return Err("env needs a variable name".into()),
        PasswordSpec::Env(v) => PasswordSource::Env(v.clone()),
        PasswordSpec::File(f) => PasswordSource::File(root_path(f, base)),
        PasswordSpec::Properties { file, key } => PasswordSource::Properties {
            file: relative_path(file)?,
            key: key.clone(),
        },
    })
}

fn endpoints(
    spec: &ServerSpec,
    name: &str,
) -> Result<BTreeMap<EndpointKind, (String, u16)>, InventoryError> {
    let mut out = BTreeMap::new();
    for (kind, value) in &spec.endpoints {
        let field = format!("endpoints.{kind}");
        let k = EndpointKind::ALL
            .iter()
            .find(|(n, _, _)| n == kind)
            .map(|(_, k, _)| *k)
            .ok_or_else(|| invalid(name, &field, "unknown kind; use iis, dfp or tomcat"))?;
        let (host, port) =
            parse_server(value).map_err(|e| invalid(name, &field, format!("{value:?}: {e}")))?;
        out.insert(k, (host, port));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(root: &str, keystore: Option<&str>) -> ServerSpec {
        ServerSpec {
            fqdn: Some("cvp1.example.com".into()),
            role: Some("cvp".into()),
            root: Some(root.into()),
            keystore: keystore.map(Into::into),
            ..ServerSpec::default()
        }
    }

    #[test]
    fn roots_may_sit_beside_the_inventory_but_paths_stay_inside_them() {
        let base = Path::new("inv");
        let inv = Inventory::new(
            &[spec(r"..\copies/cvp1", Some(r"conf\.keystore"))],
            Defaults::default(),
            base,
        )
        .expect("valid");
        let want: PathBuf = ["inv", "..", "copies", "cvp1"].iter().collect();
        assert_eq!(inv.servers[0].root, want);
        assert_eq!(
            inv.servers[0].keystore,
            Some(["conf", ".keystore"].iter().collect())
        );
        let err =
            Inventory::new(&[spec(".", Some(r"..\x"))], Defaults::default(), base).unwrap_err();
        assert!(
            err.to_string()
                .contains("server cvp1.example.com: keystore: "),
            "{err}"
        );
    }
}
