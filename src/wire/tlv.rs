//! Splitting DER into tag-length-value pieces without decoding them, so that signed bytes
//! and stored certificates are kept exactly as they came.

/// One DER element: its tag byte, contents, and the whole encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tlv<'a> {
    pub(crate) tag: u8,
    pub(crate) value: &'a [u8],
    pub(crate) raw: &'a [u8],
}

/// The header length and declared value length of the element at the start of `input`.
fn header(input: &[u8]) -> Option<(usize, usize)> {
    let tag = *input.first()?;
    if tag & 0x1F == 0x1F {
        return None; // multi-byte tags never occur in the structures read here
    }
    let first = *input.get(1)?;
    let (header, len) = if first < 0x80 {
        (2, usize::from(first))
    } else {
        let n = usize::from(first & 0x7F);
        if n == 0 || n > 4 {
            return None;
        }
        let len = input
            .get(2..2 + n)?
            .iter()
            .fold(0usize, |a, &b| (a << 8) | usize::from(b));
        (2 + n, len)
    };
    Some((header, len))
}

/// True when `input` ends before the element it starts with does (its header is cut, or it
/// declares more bytes than there are).
pub(crate) fn is_truncated(input: &[u8]) -> bool {
    match header(input) {
        Some((h, len)) => h.checked_add(len).is_none_or(|end| end > input.len()),
        // A header cut short: one byte, or a long form missing its length bytes.
        None => input.len() < 2 || input.get(1).is_some_and(|b| b & 0x80 != 0),
    }
}

/// Reads the element at the start of `input` (definite lengths only, as DER requires);
/// returns it and what follows.
pub(crate) fn read(input: &[u8]) -> Option<(Tlv<'_>, &[u8])> {
    let tag = *input.first()?;
    let (header, len) = header(input)?;
    let end = header.checked_add(len)?;
    let raw = input.get(..end)?;
    Some((
        Tlv {
            tag,
            value: &raw[header..],
            raw,
        },
        &input[end..],
    ))
}

/// The elements inside a constructed value, or `None` if any is malformed.
pub(crate) fn children(mut value: &[u8]) -> Option<Vec<Tlv<'_>>> {
    let mut out = Vec::new();
    while !value.is_empty() {
        let (t, rest) = read(value)?;
        out.push(t);
        value = rest;
    }
    Some(out)
}

/// True when `der` is exactly one element with the given tag.
pub(crate) fn is_single(der: &[u8], tag: u8) -> bool {
    matches!(read(der), Some((t, rest)) if t.tag == tag && rest.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_short_and_long_forms() {
        let (t, rest) = read(&[0x30, 0x02, 1, 2, 9]).unwrap();
        assert_eq!((t.tag, t.value, rest), (0x30, &[1u8, 2][..], &[9u8][..]));
        let mut long = vec![0x04, 0x81, 0x80];
        long.extend([7; 128]);
        assert_eq!(read(&long).unwrap().0.value.len(), 128);
        assert!(read(&[0x30, 0x80, 0, 0]).is_none()); // indefinite
        assert!(read(&[0x30, 0x05, 1]).is_none()); // short
        assert!(is_single(&[0x30, 0x00], 0x30));
        assert!(!is_single(&[0x30, 0x00, 0x00], 0x30));
        assert_eq!(children(&[0x02, 0x01, 5, 0x05, 0x00]).unwrap().len(), 2);
    }
}
