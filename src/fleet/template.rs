//! Alias templates for bundle imports: `{cn}`, `{fqdn}`, `{n}` and `{sha256}` in any text.

use crate::cert::Certificate;
use crate::error::BundleError;
use crate::extension::GeneralName;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    /// The subject CN, lower-cased, or the first DNS name when there is none.
    Cn,
    /// The 1-based position in the bundle.
    N,
    /// The first 16 hex digits of the SHA-256 fingerprint.
    Sha256,
}

/// An alias template: text with `{cn}` (the subject's CN, lower-cased, or the first DNS
/// subject alternative name without a CN), `{fqdn}` (the same), `{n}` (the certificate's
/// 1-based position in the bundle) and `{sha256}` (the first 16 hex digits of its SHA-256
/// fingerprint). `{{` and `}}` stand for braces.
///
/// ```
/// use javakeystore::fleet::AliasTemplate;
/// assert!(AliasTemplate::parse("ca-{n}-{cn}").is_ok());
/// assert!(AliasTemplate::parse("{subject}").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasTemplate {
    parts: Vec<Part>,
}

impl Default for AliasTemplate {
    /// `{cn}`.
    fn default() -> Self {
        AliasTemplate {
            parts: vec![Part::Cn],
        }
    }
}

impl AliasTemplate {
    /// Parses a template; an unknown placeholder, an unclosed brace or an empty template is
    /// [`BundleError::Template`].
    pub fn parse(template: &str) -> Result<Self, BundleError> {
        let bad = |problem: String| BundleError::Template {
            template: template.to_owned(),
            problem,
        };
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut rest = template;
        while let Some(c) = rest.chars().next() {
            if rest.starts_with("{{") || rest.starts_with("}}") {
                text.push(c);
                rest = &rest[2..];
                continue;
            }
            if c == '{' {
                let end = rest
                    .find('}')
                    .ok_or_else(|| bad("a '{' is never closed".into()))?;
                let part = match &rest[1..end] {
                    "cn" | "fqdn" => Part::Cn,
                    "n" => Part::N,
                    "sha256" => Part::Sha256,
                    other => return Err(bad(format!("unknown placeholder {{{other}}}"))),
                };
                if !text.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut text)));
                }
                parts.push(part);
                rest = &rest[end + 1..];
                continue;
            }
            text.push(c);
            rest = &rest[c.len_utf8()..];
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        if parts.is_empty() {
            return Err(bad("it is empty".into()));
        }
        Ok(AliasTemplate { parts })
    }

    /// The alias for `cert`, the `n`th (1-based) certificate of its bundle.
    pub fn render(&self, cert: &Certificate, n: usize) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Cn => out.push_str(&cn_or_dns(cert).unwrap_or_else(|| short_sha(cert))),
                Part::N => out.push_str(&n.to_string()),
                Part::Sha256 => out.push_str(&short_sha(cert)),
            }
        }
        out
    }
}

/// The subject CN, lower-cased, or else the first DNS subject alternative name.
fn cn_or_dns(cert: &Certificate) -> Option<String> {
    let cn = cert.subject().ok().and_then(|s| s.common_name());
    if let Some(cn) = cn.filter(|c| !c.trim().is_empty()) {
        return Some(cn.trim().to_lowercase());
    }
    let info = cert.inspect().ok()?;
    info.subject_alt_names().into_iter().find_map(|n| match n {
        GeneralName::Dns(d) => Some(d.to_lowercase()),
        _ => None,
    })
}

fn short_sha(cert: &Certificate) -> String {
    cert.sha256_fingerprint()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_parse_placeholders_and_braces() {
        let t = AliasTemplate::parse("{{x}}-{n}-{fqdn}").expect("parse");
        assert_eq!(t.parts[0], Part::Text("{x}-".into()));
        assert_eq!(t.parts[1], Part::N);
        assert_eq!(t.parts[3], Part::Cn);
        for bad in ["", "{cn", "{CN}", "{subject}"] {
            assert!(AliasTemplate::parse(bad).is_err(), "{bad}");
        }
    }
}
