//! PKCS#12 (RFC 7292) read and written with Java's semantics (formats.md §4).

mod assemble;
mod dates;
mod frame;
mod link;
mod load;
mod read;
mod write;

pub(super) use load::decode;
pub use load::is_passwordless;
pub(super) use write::encode;
