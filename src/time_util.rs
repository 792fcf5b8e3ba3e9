//! Timestamps: RFC 3339 UTC text, to the millisecond, as stored and exported.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The current time as RFC 3339 UTC text, e.g. `2026-11-24T20:13:38.123Z`.
pub fn now_rfc3339() -> String {
    format_rfc3339(OffsetDateTime::now_utc())
}

pub fn format_rfc3339(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    // Truncate to milliseconds so that text round-trips through the database unchanged.
    let t = t.replace_nanosecond(t.millisecond() as u32 * 1_000_000).unwrap_or(t);
    t.format(&Rfc3339).unwrap_or_default()
}

/// Parses and normalises an RFC 3339 timestamp to UTC text; `None` when malformed, or
/// when its UTC time falls outside the years 0000–9999 that RFC 3339 can write.
pub fn normalize_rfc3339(text: &str) -> Option<String> {
    let t = OffsetDateTime::parse(text, &Rfc3339).ok()?.checked_to_offset(time::UtcOffset::UTC)?;
    (0..=9999).contains(&t.year()).then(|| format_rfc3339(t))
}

/// Seconds since the Unix epoch as RFC 3339 UTC text.
pub fn from_unix_seconds(secs: i64) -> Option<String> {
    OffsetDateTime::from_unix_timestamp(secs).ok().map(format_rfc3339)
}
