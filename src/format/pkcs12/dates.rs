//! Entry dates as Java keeps them in PKCS#12: in the `localKeyId`, as `Time <milliseconds>`.

use crate::timestamp::Timestamp;

/// The creation date a `localKeyId` of Java's form carries.
pub(super) fn date_from_key_id(key_id: &[u8]) -> Option<Timestamp> {
    let text = std::str::from_utf8(key_id).ok()?;
    let millis: i64 = text.strip_prefix("Time ")?.parse().ok()?;
    Some(Timestamp::from_unix_millis(millis))
}

/// The `localKeyId` Java writes for an entry: its creation date as text.
pub(super) fn key_id_for(created: Timestamp) -> Vec<u8> {
    format!("Time {}", created.unix_millis()).into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ids_carry_dates() {
        let t = Timestamp::from_unix_millis(1_700_000_000_123);
        assert_eq!(date_from_key_id(&key_id_for(t)), Some(t));
        assert_eq!(date_from_key_id(b"01"), None);
        assert_eq!(date_from_key_id(&[0xFF, 0xFE]), None);
    }
}
