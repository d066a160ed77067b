//! The byte-facing methods of [`KeyStore`]: the one door between bytes and the model.

use bytes::Bytes;

use crate::error::{EncodeError, Error};
use crate::format::bks;
use crate::format::jks;
use crate::format::options::{Stored, WriteOptions};
use crate::format::pkcs12;
use crate::kind::Format;
use crate::limits::MAX_LOAD_ITERATIONS;
use crate::store::KeyStore;

impl KeyStore {
    /// Reads a keystore of any supported format.
    ///
    /// With a password, the integrity digest or MAC is verified (a wrong password gives
    /// [`Error::Integrity`] or [`Error::WrongStorePassword`]). Without one, JKS and JCEKS are
    /// read completely but not verified, as keytool does; a password-less PKCS#12 is read
    /// completely, another PKCS#12 without its encrypted parts. Damaged bytes give
    /// [`Error::Decode`]. Use [`KeyStore::decode`] to learn how the store was stored.
    pub fn from_bytes<'p>(
        bytes: &[u8],
        password: impl Into<Option<&'p str>>,
    ) -> Result<Self, Error> {
        Ok(Self::decode(bytes.to_vec(), password)?.0)
    }

    /// Reads a keystore (as [`KeyStore::from_bytes`]) and reports how it was stored: its
    /// format, how far it was verified, its PKCS#12 form and anything skipped. Taking the
    /// buffer lets certificates and keys point into it without a copy.
    pub fn decode<'p>(
        bytes: impl Into<Vec<u8>>,
        password: impl Into<Option<&'p str>>,
    ) -> Result<(Self, Stored), Error> {
        Self::decode_with_budget(
            &Bytes::from(bytes.into()),
            password.into(),
            MAX_LOAD_ITERATIONS,
        )
    }

    /// Like `decode`, with another cap on key-derivation work (the fuzzers use a small one).
    pub(crate) fn decode_with_budget(
        bytes: &Bytes,
        password: Option<&str>,
        budget: u64,
    ) -> Result<(Self, Stored), Error> {
        match Format::detect(bytes)? {
            f @ (Format::Jks | Format::Jceks) => jks::decode(bytes, f, password),
            Format::Pkcs12 => pkcs12::decode(bytes, password, budget),
            Format::Bks | Format::Uber => bks::decode(bytes, password),
        }
    }

    /// Writes the keystore in its [`format`](KeyStore::format) with the default options
    /// (for PKCS#12, Java 16+'s form), protected by `password`.
    ///
    /// Keys are written as they are held, so loading and saving with the same password gives
    /// back the same bytes (JKS and JCEKS).
    pub fn to_bytes(&self, password: &str) -> Result<Vec<u8>, EncodeError> {
        self.encode(password, &WriteOptions::default())
    }

    /// Writes the keystore with `options` (for example [`Stored::write_options`], to keep
    /// the form the store was read in).
    pub fn encode(&self, password: &str, options: &WriteOptions) -> Result<Vec<u8>, EncodeError> {
        match self.format() {
            f @ (Format::Jks | Format::Jceks) => jks::encode(self, f, password),
            Format::Pkcs12 => pkcs12::encode(self, password, &options.pkcs12),
            f @ (Format::Bks | Format::Uber) => Err(EncodeError::ReadOnlyFormat { format: f }),
        }
    }
}
