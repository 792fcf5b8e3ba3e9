//! Timestamps: RFC 3339 UTC text, to the millisecond, as stored and exported.
//!
//! Always the same width (`2026-11-24T20:13:38.120Z`, never `…38.12Z`), so that the
//! text sorts in time order and a value round-trips through files unchanged.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::OffsetDateTime;

/// The current time as RFC 3339 UTC text, e.g. `2026-11-24T20:13:38.123Z`.
pub fn now_rfc3339() -> String {
    format_rfc3339(OffsetDateTime::now_utc())
}

pub fn format_rfc3339(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    let format = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    t.format(&format).unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::normalize_rfc3339;

    #[test]
    fn normalised_text_has_one_width_and_sorts_in_time_order() {
        let check = |input: &str, expected: Option<&str>| assert_eq!(normalize_rfc3339(input).as_deref(), expected, "{input}");
        check("2027-03-31T17:00:00Z", Some("2027-03-31T17:00:00.000Z"));
        check("2027-03-31T17:00:00.5Z", Some("2027-03-31T17:00:00.500Z"));
        check("2027-03-31T19:00:00.123456+02:00", Some("2027-03-31T17:00:00.123Z"));
        check("9999-12-31T23:00:00-02:00", None);
        check("31/03/2027", None);
        let a = normalize_rfc3339("2027-01-01T00:00:00Z").unwrap();
        let b = normalize_rfc3339("2027-01-01T00:00:00.5Z").unwrap();
        assert!(a < b);
    }
}
