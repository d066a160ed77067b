//! Writing a Java serialization stream as `ObjectOutputStream` does.

use crate::wire::datastream::Writer;
use crate::wire::serial::{
    BASE_HANDLE, MAGIC, SC_SERIALIZABLE, TC_ARRAY, TC_CLASSDESC, TC_ENDBLOCKDATA, TC_NULL,
    TC_OBJECT, TC_REFERENCE, TC_STRING, primitive_width,
};

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
    pub(crate) w: Writer,
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
        // Class descriptors are this crate's own constants, with a handful of fields.
        self.w
            .u16(u16::try_from(spec.fields.len()).unwrap_or(u16::MAX));
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
        // A key's bytes: a few dozen; the array length is a Java int.
        self.w.u32(u32::try_from(bytes.len()).unwrap_or(u32::MAX));
        self.w.bytes(bytes);
    }

    /// Writes an enum constant of class `spec` (whose superclass is `java.lang.Enum`).
    #[cfg(test)]
    pub(crate) fn enum_constant(&mut self, spec: &ClassSpec<'_>, constant: &str) {
        self.w.u8(crate::wire::serial::TC_ENUM);
        self.class_desc(spec);
        self.assign();
        self.string(constant);
    }
}
