//! BER to DER, for the PKCS#12 files Bouncy Castle (and so any Java program storing PKCS#12
//! through the BC provider) writes: indefinite lengths (`30 80 … 00 00`) and OCTET STRINGs
//! cut into chunks (`24 80 04 … 04 … 00 00`).
//!
//! Only the encoding of one level is rewritten: the contents of a primitive OCTET STRING stay
//! as they are, because a PKCS#12 MAC covers the encoded AuthenticatedSafe inside one; the
//! reader normalizes each nested level when it gets to it. Constructed strings of other
//! types are joined the same way. A constructed context tag keeps its children (it may be an
//! EXPLICIT wrapper), each made definite.
//!
//! Hostile input: nesting deeper than [`MAX_BER_DEPTH`] is refused, an indefinite length
//! needs its end-of-contents before the input ends, and nothing is allocated beyond what the
//! input holds.

use std::borrow::Cow;

use crate::limits::MAX_BER_DEPTH;

/// Why BER could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BerError {
    /// The input ends inside a value (or an indefinite length has no end-of-contents).
    Truncated,
    /// A length form BER does not allow (over 4 length bytes, or `ff`).
    BadLength,
    /// A multi-byte tag, which no PKCS#12 structure uses.
    LongTag,
    /// Nesting deeper than [`MAX_BER_DEPTH`].
    TooDeep,
    /// A constructed string holds something other than pieces of the same string type.
    BadChunk,
}

impl BerError {
    /// What went wrong, for a decode error.
    pub(crate) fn reason(self) -> &'static str {
        match self {
            Self::Truncated => "truncated BER (a value or an indefinite length does not end)",
            Self::BadLength => "a BER length form that is not allowed",
            Self::LongTag => "a multi-byte BER tag",
            Self::TooDeep => "BER nested deeper than the limit",
            Self::BadChunk => "a constructed BER string holds something else",
        }
    }
}

/// The value at the start of `input` as (tag, contents as BER, rest), with `definite` false
/// for an indefinite length, whose contents end before its `00 00`.
struct Value<'a> {
    tag: u8,
    body: &'a [u8],
    definite: bool,
}

fn value(input: &[u8], depth: usize) -> Result<(Value<'_>, &[u8]), BerError> {
    let (&tag, rest) = input.split_first().ok_or(BerError::Truncated)?;
    if tag & 0x1f == 0x1f {
        return Err(BerError::LongTag);
    }
    let (&first, rest) = rest.split_first().ok_or(BerError::Truncated)?;
    if first == 0x80 {
        if tag & 0x20 == 0 {
            return Err(BerError::BadLength);
        }
        let len = indefinite_len(rest, depth)?;
        let (body, after) = rest.split_at(len);
        return Ok((
            Value {
                tag,
                body,
                definite: false,
            },
            &after[2..],
        ));
    }
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n > 4 || first == 0xff {
            return Err(BerError::BadLength);
        }
        let bytes = rest.get(..n).ok_or(BerError::Truncated)?;
        let len = bytes.iter().fold(0usize, |a, b| (a << 8) | usize::from(*b));
        (len, &rest[n..])
    };
    if len > rest.len() {
        return Err(BerError::Truncated);
    }
    let (body, after) = rest.split_at(len);
    Ok((
        Value {
            tag,
            body,
            definite: true,
        },
        after,
    ))
}

/// The length of an indefinite value's contents: its children up to the `00 00`.
fn indefinite_len(contents: &[u8], depth: usize) -> Result<usize, BerError> {
    if depth >= MAX_BER_DEPTH {
        return Err(BerError::TooDeep);
    }
    let mut rest = contents;
    loop {
        match rest {
            [0, 0, ..] => return Ok(contents.len() - rest.len()),
            [] | [_] => return Err(BerError::Truncated),
            _ => rest = value(rest, depth + 1)?.1,
        }
    }
}

/// True when `input` (one value and what follows) is already DER as far as this module
/// rewrites: definite lengths everywhere and no constructed universal strings.
fn needs_rewrite(mut input: &[u8], depth: usize) -> Result<bool, BerError> {
    if depth >= MAX_BER_DEPTH {
        return Err(BerError::TooDeep);
    }
    while !input.is_empty() {
        let (v, rest) = value(input, depth)?;
        let constructed = v.tag & 0x20 != 0;
        let string = is_string(v.tag & !0x20);
        if !v.definite || (constructed && string) || !minimal(input, v.body.len()) {
            return Ok(true);
        }
        if constructed && needs_rewrite(v.body, depth + 1)? {
            return Ok(true);
        }
        input = rest;
    }
    Ok(false)
}

/// True when the value at the start of `input` uses the shortest length form.
fn minimal(input: &[u8], len: usize) -> bool {
    let first = input.get(1).copied().unwrap_or(0);
    let used = if first < 0x80 {
        0
    } else {
        usize::from(first & 0x7f)
    };
    used == length_bytes(len)
}

fn length_bytes(len: usize) -> usize {
    if len < 0x80 {
        0
    } else {
        (usize::BITS - len.leading_zeros()).div_ceil(8) as usize
    }
}

/// Universal string types BER may cut into pieces (OCTET STRING, BIT STRING and the text
/// strings).
fn is_string(tag: u8) -> bool {
    matches!(tag, 0x03 | 0x04 | 0x0c | 0x13 | 0x14 | 0x16 | 0x1a | 0x1e)
}

fn push_header(out: &mut Vec<u8>, tag: u8, len: usize) {
    out.push(tag);
    // The big-endian length without leading zero bytes.
    let bytes: Vec<u8> = len
        .to_be_bytes()
        .into_iter()
        .skip_while(|b| *b == 0)
        .collect();
    match u8::try_from(len) {
        Ok(short) if short < 0x80 => out.push(short),
        _ => {
            // At most size_of::<usize>() bytes, so the count fits.
            out.push(0x80 | u8::try_from(bytes.len()).unwrap_or(8));
            out.extend(bytes);
        }
    }
}

/// The contents of a constructed string: its pieces joined.
fn join(body: &[u8], tag: u8, depth: usize, out: &mut Vec<u8>) -> Result<(), BerError> {
    if depth >= MAX_BER_DEPTH {
        return Err(BerError::TooDeep);
    }
    let mut rest = body;
    while !rest.is_empty() {
        let (piece, after) = value(rest, depth)?;
        if piece.tag & !0x20 != tag {
            return Err(BerError::BadChunk);
        }
        if piece.tag & 0x20 != 0 {
            join(piece.body, tag, depth + 1, out)?;
        } else {
            out.extend_from_slice(piece.body);
        }
        rest = after;
    }
    Ok(())
}

fn rewrite(mut input: &[u8], depth: usize, out: &mut Vec<u8>) -> Result<(), BerError> {
    if depth >= MAX_BER_DEPTH {
        return Err(BerError::TooDeep);
    }
    while !input.is_empty() {
        let (v, rest) = value(input, depth)?;
        let constructed = v.tag & 0x20 != 0;
        let mut body = Vec::new();
        let tag = if constructed && is_string(v.tag & !0x20) {
            join(v.body, v.tag & !0x20, depth + 1, &mut body)?;
            v.tag & !0x20
        } else if constructed {
            rewrite(v.body, depth + 1, &mut body)?;
            v.tag
        } else {
            body.extend_from_slice(v.body);
            v.tag
        };
        push_header(out, tag, body.len());
        out.extend(body);
        input = rest;
    }
    Ok(())
}

/// `input` with its outer levels made DER (see the module notes); borrowed when it is DER
/// already, which is every file Java and OpenSSL write.
pub(crate) fn to_der(input: &[u8]) -> Result<Cow<'_, [u8]>, BerError> {
    // Only the first value counts; bytes after it are left alone, as the readers do.
    let (_, after) = value(input, 0)?;
    let first = &input[..input.len() - after.len()];
    if !needs_rewrite(first, 0)? {
        return Ok(Cow::Borrowed(input));
    }
    let mut out = Vec::with_capacity(first.len());
    rewrite(first, 0, &mut out)?;
    Ok(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indefinite_lengths_and_chunks_become_der() {
        // SEQUENCE (indefinite) { OCTET STRING in two chunks "ab" "c", INTEGER 5 }
        let ber = [
            0x30, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0, 0, 0x02, 0x01,
            0x05, 0, 0,
        ];
        let der = to_der(&ber).unwrap();
        assert_eq!(
            der.as_ref(),
            [0x30, 0x08, 0x04, 0x03, b'a', b'b', b'c', 0x02, 0x01, 0x05]
        );
        // DER stays borrowed.
        let again = to_der(&der).unwrap();
        assert!(matches!(again, Cow::Borrowed(_)));
        // A context tag keeps its child (an EXPLICIT wrapper).
        let wrapped = [0xa0, 0x80, 0x04, 0x01, b'x', 0, 0];
        assert_eq!(
            to_der(&wrapped).unwrap().as_ref(),
            [0xa0, 0x03, 0x04, 0x01, b'x']
        );
    }

    #[test]
    fn hostile_ber_is_refused() {
        assert_eq!(
            to_der(&[0x30, 0x80, 0x02, 0x01, 0x05]),
            Err(BerError::Truncated)
        );
        assert_eq!(to_der(&[0x30, 0x80]), Err(BerError::Truncated));
        assert_eq!(to_der(&[0x04, 0x80, 0, 0]), Err(BerError::BadLength));
        assert_eq!(
            to_der(&[0x30, 0x85, 1, 1, 1, 1, 1]),
            Err(BerError::BadLength)
        );
        assert_eq!(
            to_der(&[0x24, 0x80, 0x02, 0x01, 0x05, 0, 0]),
            Err(BerError::BadChunk)
        );
        let mut deep = Vec::new();
        for _ in 0..100 {
            deep.extend([0x30, 0x80]);
        }
        deep.extend(std::iter::repeat_n(0, 200));
        assert_eq!(to_der(&deep), Err(BerError::TooDeep));
        // A huge definite length on a short input is refused, not allocated.
        assert_eq!(
            to_der(&[0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x00]),
            Err(BerError::Truncated)
        );
    }
}
