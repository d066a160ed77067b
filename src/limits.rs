//! Resource limits applied while reading untrusted keystores.
//!
//! Every length and count read from a file is first checked against the bytes that remain, so
//! no allocation is ever sized by an unchecked field. The caps below come on top of that and
//! bound the work a hostile file can cause. They are far above anything keytool produces: the
//! largest public trust stores hold a few hundred certificates.

/// Most entries accepted in one keystore.
pub const MAX_ENTRIES: u64 = 100_000;

/// Most certificates accepted in one private key's chain.
pub const MAX_CHAIN_LENGTH: u64 = 100;

/// Largest certificate accepted, in bytes.
pub const MAX_CERT_LEN: u64 = 1 << 20;

/// Largest protected private key accepted, in bytes (an RSA-16384 PKCS#8 key is about 9 KiB).
pub const MAX_KEY_LEN: u64 = 1 << 20;

/// Largest PBE or PBKDF2 iteration count accepted; Java refuses anything larger as well.
pub const MAX_ITERATIONS: u64 = 5_000_000;

/// Deepest nesting of objects accepted in a Java serialization stream (JCEKS secret keys are 3
/// levels deep).
pub const MAX_SERIAL_DEPTH: usize = 16;

/// Most objects (handles) accepted in one Java serialization stream (a JCEKS secret key has
/// about a dozen).
pub const MAX_SERIAL_HANDLES: usize = 256;

/// Most key-derivation iterations one PKCS#12 load may run in total (MAC plus encrypted
/// containers), about half a second of work. Java's own files need 20,000 (150,000 for the
/// Java 8 form) and OpenSSL's 4,096; the cap keeps a hostile file from running for seconds.
/// (Opening one key may take up to [`MAX_ITERATIONS`], as in Java: that is asked for.)
pub const MAX_LOAD_ITERATIONS: u64 = 2_000_000;

/// How deep BER values may nest in a PKCS#12 file (PKCS#12 needs about ten levels).
pub const MAX_BER_DEPTH: usize = 48;
