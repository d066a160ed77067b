//! keytool's `-startdate`: `([+-]nnn[ymdHMS])+` relative to now, or `yyyy/mm/dd`,
//! `HH:MM:SS`, `yyyy/mm/dd HH:MM:SS` in the given time zone (a missing part keeps now's).

use std::time::SystemTime;

use jiff::{Span, Zoned, civil};

use crate::error::DateError;
use crate::keytool::zone::Zone;

const ILLEGAL: DateError = DateError::IllegalStartDate;

/// The start of validity `-startdate spec` gives at `now`, read in `zone`; `None` is now.
pub fn start_date(
    spec: Option<&str>,
    now: SystemTime,
    zone: &Zone,
) -> Result<SystemTime, DateError> {
    let ts = jiff::Timestamp::try_from(now).map_err(|_| ILLEGAL)?;
    let now = Zoned::new(ts, zone.inner().clone());
    let Some(s) = spec else {
        return Ok(SystemTime::from(now.timestamp()));
    };
    let zoned = if s.starts_with(['+', '-']) {
        relative(&now, s)?
    } else {
        absolute(&now, s)?
    };
    Ok(SystemTime::from(zoned.timestamp()))
}

fn relative(now: &Zoned, s: &str) -> Result<Zoned, DateError> {
    let mut t = now.clone();
    let mut rest = s;
    while !rest.is_empty() {
        let sign: i64 = match rest.as_bytes()[0] {
            b'+' => 1,
            b'-' => -1,
            _ => return Err(ILLEGAL),
        };
        let digits = rest[1..].bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || rest.len() < 2 + digits {
            return Err(ILLEGAL);
        }
        let n: i64 = rest[1..1 + digits].parse().map_err(|_| ILLEGAL)?;
        let v = sign * n;
        let span = match rest.as_bytes()[1 + digits] {
            b'y' => Span::new().try_years(v),
            b'm' => Span::new().try_months(v),
            b'd' => Span::new().try_days(v),
            b'H' => Span::new().try_hours(v),
            b'M' => Span::new().try_minutes(v),
            b'S' => Span::new().try_seconds(v),
            _ => return Err(ILLEGAL),
        }
        .map_err(|_| ILLEGAL)?;
        t = t.checked_add(span).map_err(|_| ILLEGAL)?;
        rest = &rest[2 + digits..];
    }
    Ok(t)
}

/// Digits only, as a number that fits the field.
fn num<T: TryFrom<i64>>(t: &str) -> Result<T, DateError> {
    if !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ILLEGAL);
    }
    let n: i64 = t.parse().map_err(|_| ILLEGAL)?;
    T::try_from(n).map_err(|_| ILLEGAL)
}

fn absolute(now: &Zoned, s: &str) -> Result<Zoned, DateError> {
    let (date, time) = match s.len() {
        19 if s.as_bytes()[10] == b' ' => (Some(&s[..10]), Some(&s[11..])),
        10 => (Some(s), None),
        8 => (None, Some(s)),
        _ => return Err(ILLEGAL),
    };
    let mut dt = now.datetime();
    if let Some(d) = date {
        let b = d.as_bytes();
        if b[4] != b'/' || b[7] != b'/' || !d.is_ascii() {
            return Err(ILLEGAL);
        }
        // Java's lenient calendar rolls over (month 13 is next January); jiff is strict, so
        // such dates are refused rather than guessed.
        let date = civil::Date::new(num(&d[..4])?, num(&d[5..7])?, num(&d[8..10])?)
            .map_err(|_| ILLEGAL)?;
        dt = date.to_datetime(dt.time());
    }
    if let Some(t) = time {
        let b = t.as_bytes();
        if b[2] != b':' || b[5] != b':' || !t.is_ascii() {
            return Err(ILLEGAL);
        }
        let time = civil::Time::new(num(&t[..2])?, num(&t[3..5])?, num(&t[6..8])?, 0)
            .map_err(|_| ILLEGAL)?;
        dt = dt.date().to_datetime(time);
    }
    dt.to_zoned(now.time_zone().clone()).map_err(|_| ILLEGAL)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn relative_and_absolute_dates() {
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000); // 2023-11-14 22:13:20 UTC
        let utc = Zone::utc();
        let at = |s: &str| {
            start_date(Some(s), now, &utc).map(|t| t.duration_since(UNIX_EPOCH).unwrap().as_secs())
        };
        assert_eq!(at("+1d"), Ok(1_700_086_400));
        assert_eq!(at("-1H+30M"), Ok(1_700_000_000 - 1800));
        assert_eq!(at("2024/01/02 03:04:05"), Ok(1_704_164_645));
        assert_eq!(at("12:00:00"), Ok(1_699_963_200));
        for bad in [
            "1d",
            "+d",
            "+1x",
            "2024-01-02",
            "2024/13/01",
            "25:00:00",
            "2024/01/0١",
        ] {
            assert_eq!(at(bad), Err(DateError::IllegalStartDate), "{bad}");
        }
        assert_eq!(start_date(None, now, &utc), Ok(now));
    }
}
