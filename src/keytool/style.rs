//! How keytool shows things: the time zone of its dates and the release whose texts it uses.

use crate::keytool::zone::Zone;
use crate::kind::Release;

/// The time zone keytool's dates are shown in and the keytool release whose texts and
/// defaults to follow.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Style {
    /// The zone of `Date.toString()` and `DateFormat.MEDIUM` texts.
    pub zone: Zone,
    /// keytool 17's texts (the default) or keytool 25's.
    pub release: Release,
}

impl Style {
    /// A style of `zone` and `release`.
    pub fn new(zone: Zone, release: Release) -> Self {
        Self { zone, release }
    }

    /// What keytool on this machine would use: the local zone, and the release that
    /// `JAVAKEYSTORE_KEYTOOL` names (keytool 17 unless it says `25`).
    pub fn local() -> Self {
        Self::new(Zone::local(), Release::from_env())
    }

    /// UTC with keytool 17's texts: stable output for tests and logs.
    pub fn utc() -> Self {
        Self::new(Zone::utc(), Release::Jdk17)
    }
}

impl Default for Style {
    fn default() -> Self {
        Self::utc()
    }
}
