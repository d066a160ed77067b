//! Java `DataInputStream` / `DataOutputStream` encodings, as JKS and JCEKS use them.
//!
//! ```text
//! writeInt   4 bytes big-endian        writeLong  8 bytes big-endian
//! writeUTF   u16 length N, then N bytes of *modified* UTF-8:
//!            U+0000 is C0 80, characters outside the BMP are two 3-byte surrogates
//! ```
//!
//! The reader tracks its offset so that every error names the byte where it happened, and it
//! never allocates more than the bytes that are really there.

use crate::error::{DecodeError, EncodeError};
use crate::wire::mutf8::{decode_modified_utf8, encode_modified_utf8};

/// A cursor over a byte slice that reads Java data-stream fields.
#[derive(Debug, Clone)]
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Self { buf, pos: 0 }
    }

    /// The number of bytes consumed so far.
    pub(crate) fn offset(&self) -> usize {
        self.pos
    }

    pub(crate) fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// Everything not yet consumed.
    pub(crate) fn rest(&self) -> &'a [u8] {
        &self.buf[self.pos..]
    }

    pub(crate) fn truncated(&self, needed: usize) -> DecodeError {
        DecodeError::Truncated {
            offset: self.pos as u64,
            needed: (needed - self.remaining()) as u64,
        }
    }

    pub(crate) fn invalid(
        &self,
        at: usize,
        what: &'static str,
        reason: &'static str,
    ) -> DecodeError {
        DecodeError::Invalid {
            offset: at as u64,
            what,
            reason,
        }
    }

    /// Takes the next `n` bytes without copying them.
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        if n > self.remaining() {
            return Err(self.truncated(n));
        }
        let out = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(out)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    pub(crate) fn u8(&mut self) -> Result<u8, DecodeError> {
        Ok(self.array::<1>()?[0])
    }

    pub(crate) fn u16(&mut self) -> Result<u16, DecodeError> {
        Ok(u16::from_be_bytes(self.array()?))
    }

    pub(crate) fn u32(&mut self) -> Result<u32, DecodeError> {
        Ok(u32::from_be_bytes(self.array()?))
    }

    pub(crate) fn i64(&mut self) -> Result<i64, DecodeError> {
        Ok(i64::from_be_bytes(self.array()?))
    }

    /// Reads a length field and checks it against a cap and against the bytes that remain,
    /// given that every counted item takes at least `min_item` bytes.
    pub(crate) fn count(
        &mut self,
        what: &'static str,
        limit: u64,
        min_item: usize,
    ) -> Result<usize, DecodeError> {
        let at = self.pos;
        let value = u64::from(self.u32()?);
        if value > limit {
            return Err(DecodeError::LimitExceeded {
                offset: at as u64,
                what,
                value,
                limit,
            });
        }
        let needed = value.saturating_mul(min_item as u64);
        if needed > self.remaining() as u64 {
            return Err(DecodeError::Truncated {
                offset: self.pos as u64,
                needed: needed - self.remaining() as u64,
            });
        }
        // At most `remaining()`, which is a usize: the conversion cannot fail.
        usize::try_from(value).map_err(|_| self.truncated(usize::MAX))
    }

    /// Reads a `u32`-length-prefixed byte string, capped at `limit` bytes.
    pub(crate) fn bytes32(
        &mut self,
        what: &'static str,
        limit: u64,
    ) -> Result<&'a [u8], DecodeError> {
        let len = self.count(what, limit, 1)?;
        self.take(len)
    }

    /// Reads a `writeUTF` string.
    pub(crate) fn utf(&mut self, what: &'static str) -> Result<String, DecodeError> {
        let len = usize::from(self.u16()?);
        let at = self.pos;
        let bytes = self.take(len)?;
        decode_modified_utf8(bytes)
            .ok_or_else(|| self.invalid(at, what, "not valid modified UTF-8"))
    }

    /// Reads a `writeUTF` string, appending it to `out`.
    pub(crate) fn utf_into(
        &mut self,
        what: &'static str,
        out: &mut String,
    ) -> Result<(), DecodeError> {
        let len = usize::from(self.u16()?);
        let at = self.pos;
        let bytes = self.take(len)?;
        // Nearly every alias is plain ASCII: no decoding, no allocation. (No early exit, so
        // the check runs on whole vectors of bytes.)
        if bytes
            .iter()
            .fold(true, |all, &b| all & (b.wrapping_sub(1) < 0x7F))
            && let Ok(text) = std::str::from_utf8(bytes)
        {
            out.push_str(text);
            return Ok(());
        }
        let text = decode_modified_utf8(bytes)
            .ok_or_else(|| self.invalid(at, what, "not valid modified UTF-8"))?;
        out.push_str(&text);
        Ok(())
    }
}

/// A growing buffer that writes Java data-stream fields.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    pub(crate) buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn with_capacity(n: usize) -> Self {
        Self {
            buf: Vec::with_capacity(n),
        }
    }

    pub(crate) fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }

    pub(crate) fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_be_bytes());
    }

    pub(crate) fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_be_bytes());
    }

    pub(crate) fn i64(&mut self, v: i64) {
        self.buf.extend_from_slice(&v.to_be_bytes());
    }

    pub(crate) fn bytes(&mut self, v: &[u8]) {
        self.buf.extend_from_slice(v);
    }

    /// Writes a `u32` length, then the bytes.
    pub(crate) fn bytes32(&mut self, v: &[u8]) -> Result<(), EncodeError> {
        let len = u32::try_from(v.len()).map_err(|_| EncodeError::TooLarge {
            what: "an item",
            len: u64::try_from(v.len()).unwrap_or(u64::MAX),
        })?;
        self.u32(len);
        self.bytes(v);
        Ok(())
    }

    /// Writes a `writeUTF` string; `None` if its encoding exceeds 65,535 bytes.
    pub(crate) fn utf(&mut self, s: &str) -> Option<()> {
        let start = self.buf.len();
        self.buf.extend_from_slice(&[0, 0]);
        encode_modified_utf8(s, &mut self.buf);
        let Ok(len) = u16::try_from(self.buf.len() - start - 2) else {
            self.buf.truncate(start);
            return None;
        };
        self.buf[start..start + 2].copy_from_slice(&len.to_be_bytes());
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(s: &str) -> Vec<u8> {
        let mut out = Vec::new();
        encode_modified_utf8(s, &mut out);
        assert_eq!(decode_modified_utf8(&out).as_deref(), Some(s));
        out
    }

    #[test]
    fn nul_takes_two_bytes() {
        assert_eq!(round_trip("a\0b"), [0x61, 0xC0, 0x80, 0x62]);
    }

    #[test]
    fn supplementary_characters_are_surrogate_pairs() {
        assert_eq!(round_trip("😀"), [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]);
    }

    #[test]
    fn bmp_text_matches_utf8() {
        let s = "ключ-日本-é";
        assert_eq!(round_trip(s), s.as_bytes());
    }

    #[test]
    fn malformed_input_is_refused() {
        assert_eq!(decode_modified_utf8(&[0x00]), None); // raw NUL is not modified UTF-8
        assert_eq!(decode_modified_utf8(&[0xC3]), None); // cut short
        assert_eq!(decode_modified_utf8(&[0xF0, 0x9F, 0x98, 0x80]), None); // 4-byte form
        assert_eq!(decode_modified_utf8(&[0xED, 0xA0, 0xBD]), None); // lone surrogate
    }

    #[test]
    fn reader_reports_truncation_offset() {
        let mut r = Reader::new(&[0, 0, 0, 9, 1, 2]);
        let err = r.bytes32("certificate", 100).unwrap_err();
        assert_eq!(
            err,
            DecodeError::Truncated {
                offset: 4,
                needed: 7
            }
        );
    }

    #[test]
    fn overlong_utf_is_refused_by_writer() {
        let mut w = Writer::default();
        assert!(w.utf(&"x".repeat(65_536)).is_none());
        assert!(w.buf.is_empty());
        assert!(w.utf(&"x".repeat(65_535)).is_some());
    }
}
