//! The time zone keytool's dates are shown in, chosen by the caller.

use jiff::tz::TimeZone;

/// A time zone for Java's date texts (`Date.toString()`, `DateFormat.MEDIUM`).
///
/// keytool shows dates in the JVM's default zone; [`Zone::local`] finds the same one the way
/// Java does (`TZ`, then `/etc/localtime`, then the system's setting on Windows). Tests and
/// services that want stable text pass [`Zone::utc`] or a named zone.
#[derive(Debug, Clone)]
pub struct Zone(TimeZone);

impl Zone {
    /// Coordinated Universal Time.
    pub fn utc() -> Self {
        Self(TimeZone::UTC)
    }

    /// The local zone: `TZ` (a zone name, a file, or a POSIX rule), then `/etc/localtime`;
    /// elsewhere, and when those fail, the system's own setting (the registry on Windows).
    ///
    /// Read directly rather than through jiff's system lookup, which lists the whole zoneinfo
    /// database on first use (about 5 ms, most of a `-list`) where one zone is needed.
    pub fn local() -> Self {
        Self(read_local().unwrap_or_else(TimeZone::system))
    }

    /// A zone of the IANA database by name (`Europe/Berlin`, `Asia/Tokyo`).
    pub fn named(name: &str) -> Option<Self> {
        TimeZone::get(name).ok().map(Self)
    }

    /// A zone from a POSIX `TZ` rule (`JST-9`, `CET-1CEST,M3.5.0,M10.5.0/3`).
    pub fn posix(rule: &str) -> Option<Self> {
        TimeZone::posix(rule).ok().map(Self)
    }

    /// A zone from the bytes of a TZif file (`/usr/share/zoneinfo/...`).
    pub fn from_tzif(name: &str, bytes: &[u8]) -> Option<Self> {
        TimeZone::tzif(name, bytes).ok().map(Self)
    }

    pub(crate) fn inner(&self) -> &TimeZone {
        &self.0
    }
}

fn read_local() -> Option<TimeZone> {
    let tzif = |path: &std::path::Path| {
        let bytes = std::fs::read(path).ok()?;
        TimeZone::tzif("Local", &bytes).ok()
    };
    match std::env::var("TZ") {
        Ok(tz) if !tz.is_empty() => {
            let name = tz.strip_prefix(':').unwrap_or(&tz);
            let path = std::path::Path::new(name);
            if path.is_absolute() {
                return tzif(path);
            }
            let dir = std::env::var_os("TZDIR").unwrap_or_else(|| "/usr/share/zoneinfo".into());
            let dir = std::path::Path::new(&dir);
            // A zone name must stay inside the database; anything else may be a POSIX rule.
            if !name.contains("..")
                && let Some(zone) = tzif(&dir.join(name))
            {
                return Some(zone);
            }
            TimeZone::posix(name).ok()
        }
        _ if cfg!(unix) => tzif(std::path::Path::new("/etc/localtime")),
        _ => None,
    }
}
