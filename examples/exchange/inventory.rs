//! The inventory file: TOML with `[[server]]` tables and an optional `[defaults]`, turned
//! into the library's `ServerSpec`s; unknown keys are refused (a typo must not silently
//! fall back to a role default).

use std::path::Path;

use javakeystore::Error;
use javakeystore::error::InventoryError;
use javakeystore::exchange::{Defaults, Inventory, PasswordSpec, ServerSpec};
use toml::{Table, Value};

fn syntax(message: impl Into<String>) -> Error {
    InventoryError::Syntax {
        message: message.into(),
    }
    .into()
}

fn invalid(server: &str, field: &str, problem: &str) -> Error {
    InventoryError::Invalid {
        server: server.to_owned(),
        field: field.to_owned(),
        problem: problem.to_owned(),
    }
    .into()
}

fn text(v: &Value, server: &str, field: &str) -> Result<String, Error> {
    v.as_str()
        .map(str::to_owned)
        .ok_or_else(|| invalid(server, field, "must be a string"))
}

fn password(v: &Value, server: &str) -> Result<PasswordSpec, Error> {
    if let Some(s) = v.as_str() {
        return Ok(PasswordSpec::Literal(s.to_owned()));
    }
    let t = v
        .as_table()
        .ok_or_else(|| invalid(server, "storepass", "a string or a table"))?;
    let get = |k: &str| t.get(k).and_then(Value::as_str).map(str::to_owned);
    match (get("env"), get("file"), get("properties"), get("key")) {
        (Some(e), None, None, None) => Ok(PasswordSpec::Env(e)),
        (None, Some(f), None, None) => Ok(PasswordSpec::File(f)),
        (None, None, Some(file), Some(key)) => Ok(PasswordSpec::Properties { file, key }),
        _ => Err(invalid(
            server,
            "storepass",
            "use { env = \"VAR\" }, { file = \"p.txt\" } or { properties = '...', key = \"...\" }",
        )),
    }
}

fn server(t: &Table, i: usize) -> Result<ServerSpec, Error> {
    let name = t
        .get("fqdn")
        .and_then(Value::as_str)
        .map_or_else(|| format!("#{}", i + 1), str::to_owned);
    let mut spec = ServerSpec::default();
    for (k, v) in t {
        match k.as_str() {
            "fqdn" => spec.fqdn = Some(text(v, &name, k)?),
            "role" => spec.role = Some(text(v, &name, k)?),
            "root" => spec.root = Some(text(v, &name, k)?),
            "keystore" => spec.keystore = Some(text(v, &name, k)?),
            "storetype" => spec.storetype = Some(text(v, &name, k)?),
            "connect" => spec.connect = Some(text(v, &name, k)?),
            "storepass" => spec.storepass = Some(password(v, &name)?),
            "endpoints" => {
                let e = v
                    .as_table()
                    .ok_or_else(|| invalid(&name, k, "a table of kind = \"host:port\""))?;
                for (kind, addr) in e {
                    let field = format!("endpoints.{kind}");
                    spec.endpoints
                        .push((kind.clone(), text(addr, &name, &field)?));
                }
            }
            other => return Err(invalid(&name, other, "unknown field")),
        }
    }
    Ok(spec)
}

fn defaults(t: &Table) -> Result<Defaults, Error> {
    let mut d = Defaults::default();
    for (k, v) in t {
        let s = || text(v, "[defaults]", k);
        match k.as_str() {
            "ou" => d.ou = Some(s()?),
            "o" => d.o = Some(s()?),
            "l" => d.l = Some(s()?),
            "st" => d.st = Some(s()?),
            "c" => d.c = Some(s()?),
            "validity" => {
                let days = v
                    .as_integer()
                    .and_then(|n| u32::try_from(n).ok())
                    .filter(|n| *n > 0);
                d.validity =
                    Some(days.ok_or_else(|| invalid("[defaults]", k, "a number of days"))?);
            }
            other => return Err(invalid("[defaults]", other, "unknown field")),
        }
    }
    Ok(d)
}

/// Reads and validates the inventory at `path`.
pub fn load(path: &Path) -> Result<Inventory, Error> {
    let raw = javakeystore::read_file(path)?;
    let text =
        String::from_utf8(raw).map_err(|_| syntax(format!("{} is not UTF-8", path.display())))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let doc: Table = text
        .parse()
        .map_err(|e: toml::de::Error| syntax(format!("{}: {e}", path.display())))?;
    let mut specs = Vec::new();
    let mut d = Defaults::default();
    for (k, v) in &doc {
        match (k.as_str(), v) {
            ("server", Value::Array(list)) => {
                for (i, s) in list.iter().enumerate() {
                    let t = s
                        .as_table()
                        .ok_or_else(|| syntax("server must be [[server]] tables"))?;
                    specs.push(server(t, i)?);
                }
            }
            ("defaults", Value::Table(t)) => d = defaults(t)?,
            (other, _) => {
                return Err(syntax(format!(
                    "unknown top-level key {other:?}; use [[server]] and [defaults]"
                )));
            }
        }
    }
    let base = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok(Inventory::new(&specs, d, base)?)
}
