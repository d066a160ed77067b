//! Parsing a Java serialization stream (the grammar is in [`super::serial`]).

use crate::error::DecodeError;
use crate::limits::{MAX_SERIAL_DEPTH, MAX_SERIAL_HANDLES};
use crate::wire::datastream::Reader;
use crate::wire::mutf8::decode_modified_utf8;
use crate::wire::serial::*;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::serial_write::{ClassSpec, SerialWriter};

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
