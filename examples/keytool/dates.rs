//! keytool's `-startdate`: `([+-]nnn[ymdHMS])+` relative to now, or `yyyy/mm/dd`,
//! `HH:MM:SS`, `yyyy/mm/dd HH:MM:SS` in the local time zone (a missing part keeps now's).

use std::time::SystemTime;

use jiff::{Span, Zoned, civil};

use crate::fail::Fail;

fn illegal() -> Fail {
    Fail::exception("java.io.IOException: Illegal startdate value")
}

/// The start of validity for `-startdate` (`None`: now).
pub fn start(spec: Option<&str>) -> Result<SystemTime, Fail> {
    let now = Zoned::new(jiff::Timestamp::now(), crate::show::local_zone());
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

fn relative(now: &Zoned, s: &str) -> Result<Zoned, Fail> {
    let mut t = now.clone();
    let mut rest = s;
    while !rest.is_empty() {
        let sign: i64 = match rest.as_bytes()[0] {
            b'+' => 1,
            b'-' => -1,
            _ => return Err(illegal()),
        };
        let digits = rest[1..].bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || rest.len() < 2 + digits {
            return Err(illegal());
        }
        let n: i64 = rest[1..1 + digits].parse().map_err(|_| illegal())?;
        let v = sign * n;
        let span = match rest.as_bytes()[1 + digits] {
            b'y' => Span::new().try_years(v),
            b'm' => Span::new().try_months(v),
            b'd' => Span::new().try_days(v),
            b'H' => Span::new().try_hours(v),
            b'M' => Span::new().try_minutes(v),
            b'S' => Span::new().try_seconds(v),
            _ => return Err(illegal()),
        }
        .map_err(|_| illegal())?;
        t = t.checked_add(span).map_err(|_| illegal())?;
        rest = &rest[2 + digits..];
    }
    Ok(t)
}

fn absolute(now: &Zoned, s: &str) -> Result<Zoned, Fail> {
    let (date, time) = match s.len() {
        19 if s.as_bytes()[10] == b' ' => (Some(&s[..10]), Some(&s[11..])),
        10 => (Some(s), None),
        8 => (None, Some(s)),
        _ => return Err(illegal()),
    };
    let num = |t: &str| -> Result<i64, Fail> {
        if t.bytes().all(|b| b.is_ascii_digit()) {
            t.parse().map_err(|_| illegal())
        } else {
            Err(illegal())
        }
    };
    let mut dt = now.datetime();
    if let Some(d) = date {
        let b = d.as_bytes();
        if b[4] != b'/' || b[7] != b'/' {
            return Err(illegal());
        }
        let (y, m, day) = (num(&d[..4])?, num(&d[5..7])?, num(&d[8..10])?);
        // Java's lenient calendar rolls over (month 13 is next January); jiff is strict, so
        // such dates are refused rather than guessed.
        let date = civil::Date::new(y as i16, m as i8, day as i8).map_err(|_| illegal())?;
        dt = date.to_datetime(dt.time());
    }
    if let Some(t) = time {
        let b = t.as_bytes();
        if b[2] != b':' || b[5] != b':' {
            return Err(illegal());
        }
        let (h, mi, se) = (num(&t[..2])?, num(&t[3..5])?, num(&t[6..8])?);
        let time = civil::Time::new(h as i8, mi as i8, se as i8, 0).map_err(|_| illegal())?;
        dt = dt.date().to_datetime(time);
    }
    dt.to_zoned(now.time_zone().clone()).map_err(|_| illegal())
}
