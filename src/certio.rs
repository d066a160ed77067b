//! Reading certificates from the files people exchange: DER, one or more PEM blocks (as
//! "Base-64 encoded X.509 (.CER)" exports are), and PKCS#7 (`.p7b`) chains, in DER or PEM.
//!
//! ```text
//! ContentInfo ::= SEQUENCE { contentType 1.2.840.113549.1.7.2, [0] EXPLICIT SignedData }
//! SignedData  ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo,
//!                            [0] IMPLICIT certificates OPTIONAL, [1] crls OPTIONAL, signerInfos }
//! ```
//! Certificates are kept byte for byte as the file has them.

use crate::cert::Certificate;
use crate::error::CertError;
use crate::wire::tlv;

/// DER of the OID 1.2.840.113549.1.7.2 (signedData).
const SIGNED_DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];

fn malformed(structure: &'static str) -> CertError {
    CertError::Malformed {
        structure,
        offset: None,
    }
}

/// Every certificate in `input`, in file order.
///
/// Accepts DER (a certificate, several concatenated, or PKCS#7) and text with PEM blocks
/// labelled `CERTIFICATE`, `X509 CERTIFICATE` or `PKCS7`; other PEM blocks (keys, requests)
/// are skipped. An input with no certificate gives [`CertError::Empty`].
pub fn parse_certificates(input: &[u8]) -> Result<Vec<Certificate>, CertError> {
    let trimmed = input.trim_ascii_start();
    let certs = if trimmed.first() == Some(&0x30) {
        from_der(trimmed)?
    } else {
        from_pem(trimmed)?
    };
    if certs.is_empty() {
        return Err(CertError::Empty);
    }
    Ok(certs)
}

fn from_der(mut der: &[u8]) -> Result<Vec<Certificate>, CertError> {
    let mut out = Vec::new();
    while !der.trim_ascii().is_empty() {
        let (t, rest) =
            tlv::read(der).ok_or_else(|| malformed("DER certificate (truncated or malformed)"))?;
        let first_child = tlv::read(t.value).map(|(c, _)| c);
        if first_child.is_some_and(|c| c.tag == 0x06) {
            out.extend(from_pkcs7(t)?);
        } else {
            out.push(Certificate::from_der_checked(t.raw.to_vec())?);
        }
        der = rest;
    }
    Ok(out)
}

fn from_pkcs7(content_info: tlv::Tlv<'_>) -> Result<Vec<Certificate>, CertError> {
    let parts = tlv::children(content_info.value).ok_or_else(|| malformed("PKCS#7"))?;
    match parts.as_slice() {
        [oid, explicit] if oid.tag == 0x06 && oid.value == SIGNED_DATA && explicit.tag == 0xA0 => {
            let (signed_data, _) =
                tlv::read(explicit.value).ok_or_else(|| malformed("PKCS#7 SignedData"))?;
            let fields =
                tlv::children(signed_data.value).ok_or_else(|| malformed("PKCS#7 SignedData"))?;
            let Some(certs) = fields.iter().find(|f| f.tag == 0xA0) else {
                return Ok(Vec::new());
            };
            let list =
                tlv::children(certs.value).ok_or_else(|| malformed("PKCS#7 certificate list"))?;
            list.iter()
                .filter(|c| c.tag == 0x30) // other CertificateChoices (attribute certificates) are skipped
                .map(|c| Certificate::from_der_checked(c.raw.to_vec()))
                .collect()
        }
        _ => Err(malformed("PKCS#7 (content is not signedData)")),
    }
}

/// The next PEM block of `text` from `from`: its span, armour to armour. Text around blocks
/// is skipped; a BEGIN without its END is broken armour.
fn next_block(text: &[u8], from: usize) -> Result<Option<(usize, usize)>, CertError> {
    let find = |needle: &[u8], at: usize| {
        text.get(at..)
            .and_then(|t| t.windows(needle.len()).position(|w| w == needle))
            .map(|i| i + at)
    };
    let Some(begin) = find(b"-----BEGIN ", from) else {
        return Ok(None);
    };
    let broken = CertError::Pem {
        reason: "a block's armour or base64 is broken",
    };
    let end = find(b"-----END ", begin).ok_or(broken.clone())?;
    let close = find(b"-----", end + 9).ok_or(broken)?;
    Ok(Some((begin, close + 5)))
}

/// PEM blocks one at a time, so that a bundle of thousands of certificates is never held
/// decoded twice.
fn from_pem(text: &[u8]) -> Result<Vec<Certificate>, CertError> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some((begin, end)) = next_block(text, at)? {
        at = end;
        // keytool 17's own `-rfc` output ends base64 lines with CRLF and armour lines with
        // LF; Java and OpenSSL read such mixtures, the PEM parser only uniform line ends.
        let block: Vec<u8> = text[begin..end]
            .iter()
            .copied()
            .filter(|b| *b != b'\r')
            .collect();
        let block = pem::parse(&block).map_err(|_| CertError::Pem {
            reason: "a block's armour or base64 is broken",
        })?;
        match block.tag() {
            "CERTIFICATE" | "X509 CERTIFICATE" => {
                out.push(Certificate::from_der_checked(block.into_contents())?)
            }
            "PKCS7" | "CERTIFICATE CHAIN" => out.extend(from_der(block.contents())?),
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_and_empty_inputs_are_errors() {
        assert_eq!(parse_certificates(b""), Err(CertError::Empty));
        assert_eq!(
            parse_certificates(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
            Err(CertError::Empty)
        );
        assert!(parse_certificates(&[0x30, 0x03, 1]).is_err());
        assert!(parse_certificates(b"hello").is_err());
    }

    #[test]
    fn mixed_line_ends_as_keytool_17_writes_them() {
        let der =
            include_bytes!("../tests/data/corpus/generated/rsa2048-selfsigned.cert.der").to_vec();
        let pem = crate::cert::Certificate::from_der(der.clone())
            .expect("cert")
            .to_pem();
        let mut lines = pem.lines();
        let head = lines.next().expect("armour");
        let mut mixed = format!("{head}\n");
        for l in lines {
            mixed.push_str(l);
            mixed.push_str(if l.starts_with("-----") { "\n" } else { "\r\n" });
        }
        let certs = parse_certificates(mixed.as_bytes()).expect("parse");
        assert_eq!(certs[0].as_der(), &der[..]);
    }
}
