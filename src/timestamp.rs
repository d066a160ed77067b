//! Entry creation dates, as Java stores them: milliseconds since 1970-01-01T00:00:00Z.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A point in time with millisecond precision, stored exactly as the keystore holds it.
///
/// JKS and JCEKS write `java.util.Date.getTime()`, a signed 64-bit count of milliseconds since
/// the Unix epoch; keeping that number (rather than a `SystemTime`) makes every value a file can
/// hold representable, so a load and save gives back the same bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    millis: i64,
}

impl Timestamp {
    /// A timestamp from milliseconds since the Unix epoch.
    pub const fn from_unix_millis(millis: i64) -> Self {
        Self { millis }
    }

    /// Milliseconds since the Unix epoch (negative before 1970).
    pub const fn unix_millis(self) -> i64 {
        self.millis
    }

    /// The current time, truncated to milliseconds.
    pub fn now() -> Self {
        Self::from_system_time(SystemTime::now())
    }

    /// Converts a `SystemTime`, saturating at the limits of `i64` milliseconds.
    pub fn from_system_time(t: SystemTime) -> Self {
        let millis = match t.duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
            Err(e) => {
                let before = e.duration();
                // Round towards minus infinity, as Java's Date does.
                let ms = before.as_millis() + u128::from(before.subsec_nanos() % 1_000_000 != 0);
                i64::try_from(ms).map_or(i64::MIN, |m| -m)
            }
        };
        Self { millis }
    }

    /// Converts to a `SystemTime`, or `None` if the platform cannot represent it.
    pub fn to_system_time(self) -> Option<SystemTime> {
        let magnitude = Duration::from_millis(self.millis.unsigned_abs());
        if self.millis >= 0 {
            UNIX_EPOCH.checked_add(magnitude)
        } else {
            UNIX_EPOCH.checked_sub(magnitude)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_time_round_trip() {
        for ms in [0, 1, 1_795_422_812_096, -1, -86_400_000] {
            let t = Timestamp::from_unix_millis(ms);
            let st = t.to_system_time().expect("representable");
            assert_eq!(Timestamp::from_system_time(st), t);
        }
    }

    #[test]
    fn sub_millisecond_before_epoch_rounds_down() {
        let st = UNIX_EPOCH - Duration::from_micros(1500);
        assert_eq!(Timestamp::from_system_time(st).unix_millis(), -2);
    }
}
