//! Plaintext keys: private keys (PKCS#8) and secret keys (raw bytes plus a Java algorithm
//! name). Both zeroize their bytes when dropped, and neither prints key material in `Debug`.

mod private;
mod secret;

pub use private::{KeyAlgorithm, PrivateKey};
pub use secret::SecretKey;
