//! keytool's `-startdate` syntax.

/// Why a `-startdate` value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// Not `([+-]nnn[ymdHMS])+`, `yyyy/mm/dd`, `HH:MM:SS` or `yyyy/mm/dd HH:MM:SS`, or a date
    /// outside the calendar. The message is keytool's.
    #[error("Illegal startdate value")]
    IllegalStartDate,
}
