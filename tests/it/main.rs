#![allow(unreachable_pub, missing_docs)]
// Test fixtures build hostile inputs and measure times: truncating casts are meant there.
#![allow(clippy::cast_possible_truncation)]

//! Integration tests, in one binary to keep link time down on small machines.
//!
//! Tests that run the real keytool need JDK 17 (`/usr/bin/keytool`, or `$KEYTOOL`); JDK 25
//! (`/usr/lib/jvm/temurin-25-jdk-amd64/bin/keytool`, or `$KEYTOOL25`) is used where present.

mod ansible;
mod ansible_fixes;
mod bags;
mod ber;
mod bks;
mod certs;
mod check;
mod cli;
mod cli_pkcs12;
mod common;
mod corpus;
mod crl;
mod damaged;
mod entries;
mod exchange;
mod fleet;
mod fuzz_replay;
mod interop;
mod json;
mod keytypes;
mod library;
mod pbmac1;
mod pemkeys;
mod pkcs12;
mod producers;
mod properties;
mod readers;
mod roundtrip;
mod safety;
mod secrets;
mod sslserver;
mod sweep;
#[cfg(feature = "tls-server-example")]
mod tls;
