//! A bounded reader and a small writer for Java Object Serialization streams.
//!
//! JCEKS stores each secret key as a complete serialization stream with no length prefix, so
//! the only way to find where an entry ends is to parse the grammar:
//!
//! ```text
//! stream    AC ED 00 05 content
//! content   TC_OBJECT(73) classDesc [handle] classdata...      TC_STRING(74) u16+mutf8 [handle]
//!           TC_ARRAY(75) classDesc [handle] i32 n, n values    TC_ENUM(7E) classDesc [handle] string
//!           TC_REFERENCE(71) u32 handle      TC_NULL(70)       TC_LONGSTRING(7C) u64+mutf8 [handle]
//! classDesc TC_CLASSDESC(72) utf name, i64 suid [handle] u8 flags, u16 n fields,
//!           annotations... TC_ENDBLOCKDATA(78), superclass classDesc   |  TC_NULL  |  TC_REFERENCE
//! field     primitive: type(B C D F I J S Z) utf name;  object: type([ L) utf name, string class
//! ```
//!
//! Handles are numbered from `0x7E0000` in the order objects appear. The reader builds a flat
//! arena of objects indexed by handle, refuses proxies, externalizable data and exceptions
//! (none occur in keystores), and bounds depth, handle count and every length.

use crate::error::DecodeError;
use crate::format::datastream::{Reader, Writer, decode_modified_utf8};
use crate::limits::{MAX_SERIAL_DEPTH, MAX_SERIAL_HANDLES};

const MAGIC: [u8; 4] = [0xAC, 0xED, 0x00, 0x05];
const TC_NULL: u8 = 0x70;
const TC_REFERENCE: u8 = 0x71;
const TC_CLASSDESC: u8 = 0x72;
const TC_OBJECT: u8 = 0x73;
const TC_STRING: u8 = 0x74;
const TC_ARRAY: u8 = 0x75;
const TC_BLOCKDATA: u8 = 0x77;
const TC_ENDBLOCKDATA: u8 = 0x78;
const TC_BLOCKDATALONG: u8 = 0x7A;
const TC_LONGSTRING: u8 = 0x7C;
const TC_ENUM: u8 = 0x7E;
const BASE_HANDLE: u32 = 0x7E_0000;

/// `SC_SERIALIZABLE`: the class uses default serialization.
pub(crate) const SC_SERIALIZABLE: u8 = 0x02;
/// `SC_SERIALIZABLE | SC_ENUM`.
#[cfg(test)]
pub(crate) const SC_ENUM: u8 = 0x12;
const SC_WRITE_METHOD: u8 = 0x01;
const SC_EXTERNALIZABLE: u8 = 0x04;
const SC_BLOCK_DATA: u8 = 0x08;

/// A value in a field or array: either inline (null, a primitive) or an object by handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Value {
    Null,
    Primitive,
    Object(usize),
}

/// One field of a class descriptor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldDesc {
    pub(crate) type_code: u8,
    pub(crate) name: String,
}

/// A class descriptor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ClassDesc {
    pub(crate) name: String,
    pub(crate) flags: u8,
    pub(crate) fields: Vec<FieldDesc>,
    pub(crate) superclass: Option<usize>,
}

/// An object in the handle arena.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Obj {
    Class(ClassDesc),
    String(String),
    /// A primitive array; `bytes` is set for `byte[]`, as a range of the input.
    Array {
        class: Option<usize>,
        bytes: Option<std::ops::Range<usize>>,
    },
    /// An ordinary object: its class and field values, superclass fields first.
    Instance {
        class: Option<usize>,
        fields: Vec<(String, Value)>,
    },
    Enum {
        class: Option<usize>,
        constant: String,
    },
    /// Placeholder while an object is still being read (a reference to it is a cycle).
    Pending,
}

/// A parsed stream: the arena and the root value.
#[derive(Debug)]
pub(crate) struct Stream {
    pub(crate) objects: Vec<Obj>,
    pub(crate) root: Value,
}

impl Stream {
    /// Parses one stream from the start of `buf` and returns it with the bytes it used.
    pub(crate) fn parse(buf: &[u8]) -> Result<(Stream, usize), DecodeError> {
        let mut p = Parser {
            r: Reader::new(buf),
            objects: Vec::new(),
            depth: 0,
        };
        let at = p.r.offset();
        if p.r.take(4)? != MAGIC {
            return Err(p
                .r
                .invalid(at, "serialized object", "missing stream header AC ED 00 05"));
        }
        let root = p.content()?;
        let used = p.r.offset();
        Ok((
            Stream {
                objects: p.objects,
                root,
            },
            used,
        ))
    }

    pub(crate) fn get(&self, v: Value) -> Option<&Obj> {
        match v {
            Value::Object(i) => self.objects.get(i),
            _ => None,
        }
    }

    /// The class name of an instance, array or enum, following its descriptor.
    pub(crate) fn class_name(&self, v: Value) -> Option<&str> {
        let class = match self.get(v)? {
            Obj::Instance { class, .. } | Obj::Array { class, .. } | Obj::Enum { class, .. } => {
                (*class)?
            }
            _ => return None,
        };
        match self.objects.get(class)? {
            Obj::Class(c) => Some(&c.name),
            _ => None,
        }
    }

    /// A named field of an instance.
    pub(crate) fn field(&self, v: Value, name: &str) -> Option<Value> {
        match self.get(v)? {
            Obj::Instance { fields, .. } => fields.iter().find(|(n, _)| n == name).map(|f| f.1),
            _ => None,
        }
    }

    pub(crate) fn string(&self, v: Value) -> Option<&str> {
        match self.get(v)? {
            Obj::String(s) => Some(s),
            _ => None,
        }
    }

    /// The range of input bytes holding a `byte[]` value.
    pub(crate) fn byte_array(&self, v: Value) -> Option<std::ops::Range<usize>> {
        match self.get(v)? {
            Obj::Array { bytes, .. } => bytes.clone(),
            _ => None,
        }
    }

    pub(crate) fn enum_constant(&self, v: Value) -> Option<&str> {
        match self.get(v)? {
            Obj::Enum { constant, .. } => Some(constant),
            _ => None,
        }
    }
}

struct Parser<'a> {
    r: Reader<'a>,
    objects: Vec<Obj>,
    depth: usize,
}

impl Parser<'_> {
    fn bad(&self, at: usize, reason: &'static str) -> DecodeError {
        self.r.invalid(at, "serialized object", reason)
    }

    fn new_handle(&mut self, obj: Obj) -> Result<usize, DecodeError> {
        if self.objects.len() >= MAX_SERIAL_HANDLES {
            return Err(DecodeError::LimitExceeded {
                offset: self.r.offset() as u64,
                what: "serialized object count",
                value: self.objects.len() as u64 + 1,
                limit: MAX_SERIAL_HANDLES as u64,
            });
        }
        self.objects.push(obj);
        Ok(self.objects.len() - 1)
    }

    fn reference(&mut self) -> Result<usize, DecodeError> {
        let at = self.r.offset();
        let handle = self.r.u32()?;
        let index = handle.wrapping_sub(BASE_HANDLE) as usize;
        match self.objects.get(index) {
            Some(Obj::Pending) => Err(self.bad(at, "reference to an unfinished object")),
            Some(_) => Ok(index),
            None => Err(self.bad(at, "reference to an unknown handle")),
        }
    }

    /// Reads one `content` item: an object, or block data (skipped, reported as `Primitive`).
    fn content(&mut self) -> Result<Value, DecodeError> {
        self.depth += 1;
        if self.depth > MAX_SERIAL_DEPTH {
            return Err(DecodeError::LimitExceeded {
                offset: self.r.offset() as u64,
                what: "serialized object nesting",
                value: self.depth as u64,
                limit: MAX_SERIAL_DEPTH as u64,
            });
        }
        let result = self.content_inner();
        self.depth -= 1;
        result
    }

    fn content_inner(&mut self) -> Result<Value, DecodeError> {
        let at = self.r.offset();
        match self.r.u8()? {
            TC_NULL => Ok(Value::Null),
            TC_REFERENCE => Ok(Value::Object(self.reference()?)),
            TC_STRING => self.string_body(false).map(Value::Object),
            TC_LONGSTRING => self.string_body(true).map(Value::Object),
            TC_CLASSDESC => self.class_desc_body().map(Value::Object),
            TC_OBJECT => self.instance().map(Value::Object),
            TC_ARRAY => self.array().map(Value::Object),
            TC_ENUM => self.enumeration().map(Value::Object),
            TC_BLOCKDATA => {
                let n = usize::from(self.r.u8()?);
                self.r.take(n).map(|_| Value::Primitive)
            }
            TC_BLOCKDATALONG => {
                let n = self.r.count("block data length", u64::from(u32::MAX), 1)?;
                self.r.take(n).map(|_| Value::Primitive)
            }
            _ => Err(self.bad(at, "unsupported type code")),
        }
    }

    fn string_body(&mut self, long: bool) -> Result<usize, DecodeError> {
        let at = self.r.offset();
        let len = if long {
            let n = self.r.i64()?;
            usize::try_from(n).map_err(|_| self.bad(at, "negative string length"))?
        } else {
            usize::from(self.r.u16()?)
        };
        let bytes = self.r.take(len)?;
        let s = decode_modified_utf8(bytes).ok_or_else(|| self.bad(at, "malformed string"))?;
        self.new_handle(Obj::String(s))
    }

    /// A string where the grammar requires one (field class names, enum constants).
    fn string_object(&mut self) -> Result<usize, DecodeError> {
        let at = self.r.offset();
        let v = self.content()?;
        match v {
            Value::Object(i) if matches!(self.objects[i], Obj::String(_)) => Ok(i),
            _ => Err(self.bad(at, "expected a string")),
        }
    }

    /// A class descriptor where the grammar requires one; `None` for TC_NULL.
    fn class_desc(&mut self) -> Result<Option<usize>, DecodeError> {
        let at = self.r.offset();
        match self.r.u8()? {
            TC_NULL => Ok(None),
            TC_CLASSDESC => self.class_desc_body().map(Some),
            TC_REFERENCE => {
                let i = self.reference()?;
                match self.objects[i] {
                    Obj::Class(_) => Ok(Some(i)),
                    _ => Err(self.bad(at, "reference is not a class descriptor")),
                }
            }
            _ => Err(self.bad(
                at,
                "expected a class descriptor (proxy classes are not supported)",
            )),
        }
    }

    fn class_desc_body(&mut self) -> Result<usize, DecodeError> {
        let name = self.r.utf("serialized class name")?;
        self.r.i64()?; // serialVersionUID: Java checks it against the local class; we need not.
        let handle = self.new_handle(Obj::Pending)?;
        let flags = self.r.u8()?;
        let count = usize::from(self.r.u16()?);
        let mut fields = Vec::with_capacity(count.min(self.r.remaining() / 3));
        for _ in 0..count {
            let at = self.r.offset();
            let type_code = self.r.u8()?;
            let name = self.r.utf("serialized field name")?;
            match type_code {
                b'B' | b'C' | b'D' | b'F' | b'I' | b'J' | b'S' | b'Z' => {}
                b'[' | b'L' => {
                    self.string_object()?;
                }
                _ => return Err(self.bad(at, "unknown field type code")),
            }
            fields.push(FieldDesc { type_code, name });
        }
        self.annotations()?;
        let superclass = self.class_desc()?;
        self.objects[handle] = Obj::Class(ClassDesc {
            name,
            flags,
            fields,
            superclass,
        });
        Ok(handle)
    }

    /// Skips `contents* TC_ENDBLOCKDATA` (class and object annotations).
    fn annotations(&mut self) -> Result<(), DecodeError> {
        loop {
            if self.r.rest().first() == Some(&TC_ENDBLOCKDATA) {
                self.r.u8()?;
                return Ok(());
            }
            self.content()?;
        }
    }

    /// The class hierarchy of `class`, topmost superclass first.
    fn hierarchy(&self, class: Option<usize>) -> Result<Vec<usize>, DecodeError> {
        let mut chain = Vec::new();
        let mut next = class;
        while let Some(i) = next {
            if chain.len() >= MAX_SERIAL_DEPTH || chain.contains(&i) {
                return Err(self.bad(self.r.offset(), "class hierarchy too deep or cyclic"));
            }
            chain.push(i);
            next = match &self.objects[i] {
                Obj::Class(c) => c.superclass,
                _ => None,
            };
        }
        chain.reverse();
        Ok(chain)
    }

    fn instance(&mut self) -> Result<usize, DecodeError> {
        let class = self.class_desc()?;
        let handle = self.new_handle(Obj::Pending)?;
        let mut values = Vec::new();
        for c in self.hierarchy(class)? {
            let Obj::Class(desc) = &self.objects[c] else {
                continue;
            };
            let (flags, fields) = (desc.flags, desc.fields.clone());
            if flags & SC_EXTERNALIZABLE != 0 {
                if flags & SC_BLOCK_DATA == 0 {
                    return Err(self.bad(self.r.offset(), "old-style externalizable data"));
                }
                self.annotations()?;
                continue;
            }
            for f in fields {
                let v = self.field_value(f.type_code)?;
                values.push((f.name, v));
            }
            if flags & SC_WRITE_METHOD != 0 {
                self.annotations()?;
            }
        }
        self.objects[handle] = Obj::Instance {
            class,
            fields: values,
        };
        Ok(handle)
    }

    fn field_value(&mut self, type_code: u8) -> Result<Value, DecodeError> {
        match primitive_width(type_code) {
            Some(n) => self.r.take(n).map(|_| Value::Primitive),
            None => self.content(),
        }
    }

    fn array(&mut self) -> Result<usize, DecodeError> {
        let at = self.r.offset();
        let class = self.class_desc()?;
        let element = match class.and_then(|i| match &self.objects[i] {
            Obj::Class(c) => c.name.as_bytes().get(1).copied(),
            _ => None,
        }) {
            Some(e) => e,
            None => return Err(self.bad(at, "array without an array class")),
        };
        let width = primitive_width(element).unwrap_or(1);
        let len = self
            .r
            .count("serialized array length", u64::from(i32::MAX as u32), width)?;
        let handle = self.new_handle(Obj::Pending)?;
        let bytes = if element == b'B' {
            let start = self.r.offset();
            self.r.take(len)?;
            Some(start..start + len)
        } else if primitive_width(element).is_some() {
            self.r.take(len * width)?;
            None
        } else {
            for _ in 0..len {
                self.content()?;
            }
            None
        };
        self.objects[handle] = Obj::Array { class, bytes };
        Ok(handle)
    }

    fn enumeration(&mut self) -> Result<usize, DecodeError> {
        let class = self.class_desc()?;
        let handle = self.new_handle(Obj::Pending)?;
        let name = self.string_object()?;
        let Obj::String(constant) = &self.objects[name] else {
            unreachable!("string_object returns strings only")
        };
        self.objects[handle] = Obj::Enum {
            class,
            constant: constant.clone(),
        };
        Ok(handle)
    }
}

fn primitive_width(type_code: u8) -> Option<usize> {
    match type_code {
        b'B' | b'Z' => Some(1),
        b'C' | b'S' => Some(2),
        b'I' | b'F' => Some(4),
        b'J' | b'D' => Some(8),
        _ => None,
    }
}

/// A class to write: name, serialVersionUID, flags, fields `(type code, name, class name)`
/// (class name empty for primitives), and superclass.
pub(crate) struct ClassSpec<'a> {
    pub(crate) name: &'a str,
    pub(crate) suid: i64,
    pub(crate) flags: u8,
    pub(crate) fields: &'a [(u8, &'a str, &'a str)],
    pub(crate) superclass: Option<&'a ClassSpec<'a>>,
}

/// Writes a serialization stream the way `ObjectOutputStream` does: each class descriptor and
/// each field type string once, later occurrences as back-references.
pub(crate) struct SerialWriter {
    w: Writer,
    next_handle: u32,
    classes: Vec<(String, u32)>,
    type_strings: Vec<(String, u32)>,
}

impl SerialWriter {
    pub(crate) fn new() -> Self {
        let mut w = Writer::with_capacity(512);
        w.bytes(&MAGIC);
        Self {
            w,
            next_handle: BASE_HANDLE,
            classes: Vec::new(),
            type_strings: Vec::new(),
        }
    }

    pub(crate) fn finish(self) -> Vec<u8> {
        self.w.buf
    }

    fn assign(&mut self) -> u32 {
        let h = self.next_handle;
        self.next_handle += 1;
        h
    }

    fn utf(&mut self, s: &str) {
        // Class, field and algorithm names in keystores are short ASCII; never over 64 KiB.
        let written = self.w.utf(s);
        debug_assert!(written.is_some());
    }

    pub(crate) fn class_desc(&mut self, spec: &ClassSpec<'_>) {
        if let Some(&(_, h)) = self.classes.iter().find(|(n, _)| n == spec.name) {
            self.w.u8(TC_REFERENCE);
            self.w.u32(h);
            return;
        }
        self.w.u8(TC_CLASSDESC);
        self.utf(spec.name);
        self.w.i64(spec.suid);
        let handle = self.assign();
        self.classes.push((spec.name.to_owned(), handle));
        self.w.u8(spec.flags);
        self.w.u16(spec.fields.len() as u16);
        for &(code, name, class) in spec.fields {
            self.w.u8(code);
            self.utf(name);
            if primitive_width(code).is_none() {
                self.type_string(class);
            }
        }
        self.w.u8(TC_ENDBLOCKDATA);
        match spec.superclass {
            Some(s) => self.class_desc(s),
            None => self.w.u8(TC_NULL),
        }
    }

    fn type_string(&mut self, s: &str) {
        if let Some(&(_, h)) = self.type_strings.iter().find(|(n, _)| n == s) {
            self.w.u8(TC_REFERENCE);
            self.w.u32(h);
            return;
        }
        self.w.u8(TC_STRING);
        let h = self.assign();
        self.type_strings.push((s.to_owned(), h));
        self.utf(s);
    }

    /// Starts an ordinary object of class `spec`; its field values follow.
    pub(crate) fn object(&mut self, spec: &ClassSpec<'_>) {
        self.w.u8(TC_OBJECT);
        self.class_desc(spec);
        self.assign();
    }

    /// Writes a new (never shared) string object.
    pub(crate) fn string(&mut self, s: &str) {
        self.w.u8(TC_STRING);
        self.assign();
        self.utf(s);
    }

    pub(crate) fn byte_array(&mut self, bytes: &[u8]) {
        const BYTE_ARRAY: ClassSpec<'static> = ClassSpec {
            name: "[B",
            suid: -5_984_413_125_824_719_648,
            flags: SC_SERIALIZABLE,
            fields: &[],
            superclass: None,
        };
        self.w.u8(TC_ARRAY);
        self.class_desc(&BYTE_ARRAY);
        self.assign();
        self.w.u32(bytes.len() as u32);
        self.w.bytes(bytes);
    }

    /// Writes an enum constant of class `spec` (whose superclass is `java.lang.Enum`).
    #[cfg(test)]
    pub(crate) fn enum_constant(&mut self, spec: &ClassSpec<'_>, constant: &str) {
        self.w.u8(TC_ENUM);
        self.class_desc(spec);
        self.assign();
        self.string(constant);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POINT: ClassSpec<'static> = ClassSpec {
        name: "Point",
        suid: 1,
        flags: SC_SERIALIZABLE,
        fields: &[
            (b'I', "x", ""),
            (b'[', "data", "[B"),
            (b'L', "label", "Ljava/lang/String;"),
        ],
        superclass: None,
    };

    #[test]
    fn writer_output_parses_back() {
        let mut w = SerialWriter::new();
        w.object(&POINT);
        w.w.u32(7);
        w.byte_array(b"abc");
        w.string("hello");
        let mut bytes = w.finish();
        bytes.extend_from_slice(b"trailing");
        let (s, used) = Stream::parse(&bytes).unwrap();
        assert_eq!(used, bytes.len() - 8);
        assert_eq!(s.class_name(s.root), Some("Point"));
        let data = s.byte_array(s.field(s.root, "data").unwrap()).unwrap();
        assert_eq!(&bytes[data], b"abc");
        assert_eq!(s.string(s.field(s.root, "label").unwrap()), Some("hello"));
    }

    #[test]
    fn every_truncation_is_an_error() {
        let mut w = SerialWriter::new();
        w.object(&POINT);
        w.w.u32(7);
        w.byte_array(b"abc");
        w.string("hello");
        let bytes = w.finish();
        for n in 0..bytes.len() {
            assert!(Stream::parse(&bytes[..n]).is_err(), "prefix {n} parsed");
        }
    }

    #[test]
    fn self_reference_and_deep_nesting_are_refused() {
        // TC_OBJECT TC_REFERENCE to itself (handle 0 is still being read).
        let cyclic = [0xAC, 0xED, 0, 5, TC_OBJECT, TC_REFERENCE, 0x00, 0x7E, 0, 0];
        assert!(Stream::parse(&cyclic).is_err());
        // An array of arrays of arrays ... deeper than the limit.
        let mut deep = MAGIC.to_vec();
        for _ in 0..=MAX_SERIAL_DEPTH {
            deep.extend_from_slice(&[TC_ARRAY, TC_CLASSDESC, 0, 3, b'[', b'[', b'B']);
            deep.extend_from_slice(&[0; 8]);
            deep.extend_from_slice(&[SC_SERIALIZABLE, 0, 0, TC_ENDBLOCKDATA, TC_NULL, 0, 0, 0, 1]);
        }
        let err = Stream::parse(&deep).unwrap_err();
        assert!(matches!(err, DecodeError::LimitExceeded { .. }), "{err:?}");
    }

    #[test]
    fn huge_array_length_is_refused_before_allocation() {
        let mut b = MAGIC.to_vec();
        b.extend_from_slice(&[TC_ARRAY, TC_CLASSDESC, 0, 2, b'[', b'B']);
        b.extend_from_slice(&[0; 8]);
        b.extend_from_slice(&[SC_SERIALIZABLE, 0, 0, TC_ENDBLOCKDATA, TC_NULL]);
        b.extend_from_slice(&0x7FFF_FFFFu32.to_be_bytes());
        assert!(matches!(
            Stream::parse(&b),
            Err(DecodeError::Truncated { .. })
        ));
    }
}
