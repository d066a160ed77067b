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

// The constants and the object model are shared by the reader and the writer.

pub(crate) const MAGIC: [u8; 4] = [0xAC, 0xED, 0x00, 0x05];
pub(crate) const TC_NULL: u8 = 0x70;
pub(crate) const TC_REFERENCE: u8 = 0x71;
pub(crate) const TC_CLASSDESC: u8 = 0x72;
pub(crate) const TC_OBJECT: u8 = 0x73;
pub(crate) const TC_STRING: u8 = 0x74;
pub(crate) const TC_ARRAY: u8 = 0x75;
pub(crate) const TC_BLOCKDATA: u8 = 0x77;
pub(crate) const TC_ENDBLOCKDATA: u8 = 0x78;
pub(crate) const TC_BLOCKDATALONG: u8 = 0x7A;
pub(crate) const TC_LONGSTRING: u8 = 0x7C;
pub(crate) const TC_ENUM: u8 = 0x7E;
pub(crate) const BASE_HANDLE: u32 = 0x7E_0000;

/// `SC_SERIALIZABLE`: the class uses default serialization.
pub(crate) const SC_SERIALIZABLE: u8 = 0x02;
/// `SC_SERIALIZABLE | SC_ENUM`.
#[cfg(test)]
pub(crate) const SC_ENUM: u8 = 0x12;
pub(crate) const SC_WRITE_METHOD: u8 = 0x01;
pub(crate) const SC_EXTERNALIZABLE: u8 = 0x04;
pub(crate) const SC_BLOCK_DATA: u8 = 0x08;

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

pub(crate) fn primitive_width(type_code: u8) -> Option<usize> {
    match type_code {
        b'B' | b'Z' => Some(1),
        b'C' | b'S' => Some(2),
        b'I' | b'F' => Some(4),
        b'J' | b'D' => Some(8),
        _ => None,
    }
}
