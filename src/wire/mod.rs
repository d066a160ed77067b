//! The bottom layer: byte readers and writers that know no keystore, only encodings.
//!
//! `tlv` splits DER without decoding it, `datastream` and `mutf8` are Java's
//! `DataInput`/`DataOutput`, and `serial*` is the Java Object Serialization grammar that
//! JCEKS secret keys are stored in.

pub(crate) mod ber;
pub(crate) mod datastream;
pub(crate) mod mutf8;
pub(crate) mod serial;
pub(crate) mod serial_read;
pub(crate) mod serial_write;
pub(crate) mod tlv;
