//! The only module that touches files: reading, locking, replacing a keystore atomically,
//! and opening one the one way every tool here does.

mod atomic;
mod document;
mod lock;

pub use atomic::{read_file, write_atomic};
pub use document::{KeyStoreFile, Peeked};
pub use lock::FileLock;
