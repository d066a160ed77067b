//! `-gencrl`: the revocations `-id` names and the CRL's dates.
//!
//! keytool takes `-id serial` or `-id serial:reason` (a decimal serial, an integer reason
//! code), revoked at the CRL's `-startdate`. This crate also takes a reason by name
//! (`keyCompromise`) and a third part, the revocation date in `-startdate` syntax
//! (`1234:1:-30d`), which keytool refuses.

use std::time::{Duration, SystemTime};

use crate::crl::{CrlParams, Revocation, RevocationReason};
use crate::error::{CrlError, Error};
use crate::inspect::SerialNumber;
use crate::keytool::startdate::start_date;
use crate::keytool::zone::Zone;

fn bad(input: &str, reason: &'static str) -> CrlError {
    CrlError::BadRevocation {
        input: input.to_owned(),
        reason,
    }
}

/// One `-id` value, revoked at `date` unless it names its own.
pub fn parse_revocation(id: &str, date: SystemTime, zone: &Zone) -> Result<Revocation, Error> {
    let mut parts = id.splitn(3, ':');
    let serial_text = parts.next().unwrap_or_default();
    let serial = SerialNumber::from_decimal(serial_text)
        .ok_or_else(|| bad(serial_text, "the serial number is not a decimal number"))?;
    let reason = match parts.next() {
        None => None,
        Some(r) => Some(match r.parse::<i32>() {
            Ok(code) => i64::from(code),
            Err(_) => RevocationReason::from_name(r)
                .ok_or_else(|| bad(r, "the reason is neither a number nor a reason name"))?
                .code(),
        }),
    };
    let date = match parts.next() {
        None => date,
        Some(d) => start_date(Some(d), SystemTime::now(), zone)?,
    };
    Ok(Revocation::new(serial, date, reason))
}

/// The CRL `-gencrl` makes: issued at `start`, next due `validity_days` later, revoking
/// each `-id`.
pub fn crl_params(
    ids: &[String],
    start: SystemTime,
    validity_days: u32,
    zone: &Zone,
) -> Result<CrlParams, Error> {
    let next = start + Duration::from_secs(u64::from(validity_days) * 86_400);
    let mut params = CrlParams::new(start, Some(next));
    for id in ids {
        params.revoked.push(parse_revocation(id, start, zone)?);
    }
    Ok(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_keytool_and_extend_it() {
        let zone = Zone::utc();
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        let r = parse_revocation("1234", at, &zone).unwrap();
        assert_eq!(
            (r.serial.as_bytes(), r.reason, r.date),
            (&[0x04, 0xD2][..], None, at)
        );
        let r = parse_revocation("-5:6", at, &zone).unwrap();
        assert_eq!((r.serial.as_bytes(), r.reason), (&[0xFB][..], Some(6)));
        let r = parse_revocation("7:keyCompromise:2001/09/09 01:46:40", at, &zone).unwrap();
        assert_eq!((r.reason, r.date), (Some(1), at));
        assert!(parse_revocation("0x10", at, &zone).is_err());
        assert!(parse_revocation("5:often", at, &zone).is_err());
        assert!(parse_revocation("5:1:tomorrow", at, &zone).is_err());
        let p = crl_params(&["1".into(), "2:1".into()], at, 7, &zone).unwrap();
        assert_eq!(p.next_update, Some(at + Duration::from_secs(7 * 86_400)));
        assert_eq!(p.revoked.len(), 2);
    }
}
