//! Hours on a timeline: timestamps read as RFC 3339 and turned into hours from an origin,
//! and the order in which tasks are taken up.

use std::cmp::Ordering;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Reads an RFC 3339 timestamp; `None` when it is absent or malformed.
pub(crate) fn parse(text: Option<&str>) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text?, &Rfc3339).ok()
}

/// `t` cut to whole milliseconds, so that an origin written as RFC 3339 text (which keeps
/// milliseconds) is exactly the origin the hours were counted from.
pub(crate) fn to_millis(t: OffsetDateTime) -> OffsetDateTime {
    let nanos = t.nanosecond();
    t.replace_nanosecond(nanos - nanos % 1_000_000).unwrap_or(t)
}

/// Hours from `origin` to `t` (negative before it).
pub(crate) fn hours(origin: OffsetDateTime, t: OffsetDateTime) -> f64 {
    (t - origin).as_seconds_f64() / 3600.0
}

/// A duration or effort in hours as the schedule uses it: finite and at least 0 (the
/// store guarantees this; data written behind its back counts as no time).
pub(crate) fn span(h: f64) -> f64 {
    if h.is_finite() && h > 0.0 {
        h
    } else {
        0.0
    }
}

/// Keys in natural order: `T-9` before `T-10`. Digit runs compare by value, the rest by
/// text; equal keys compare equal.
pub(crate) fn key_order(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let (da, ra) = digits(a);
                let (db, rb) = digits(b);
                let (ta, tb) = (trim_zeros(da), trim_zeros(db));
                let by_value = ta.len().cmp(&tb.len()).then_with(|| ta.cmp(tb)).then_with(|| da.len().cmp(&db.len()));
                if by_value != Ordering::Equal {
                    return by_value;
                }
                (a, b) = (ra, rb);
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                (a, b) = (&a[1..], &b[1..]);
            }
        }
    }
}

fn digits(s: &[u8]) -> (&[u8], &[u8]) {
    let n = s.iter().take_while(|c| c.is_ascii_digit()).count();
    s.split_at(n)
}

fn trim_zeros(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|&&c| c == b'0').count();
    &s[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_key_order() {
        let mut keys = vec!["T-10", "T-9", "T-1", "AG-2", "T-09", "T-1a", "T-", "T-100"];
        keys.sort_by(|a, b| key_order(a, b));
        assert_eq!(keys, ["AG-2", "T-", "T-1", "T-1a", "T-9", "T-09", "T-10", "T-100"]);
    }

    #[test]
    fn hours_between_timestamps() {
        let t = |s: &str| parse(Some(s)).unwrap();
        assert_eq!(hours(t("2027-01-01T00:00:00Z"), t("2027-01-01T01:30:00Z")), 1.5);
        assert_eq!(hours(t("2027-01-01T02:00:00+02:00"), t("2027-01-01T00:00:00Z")), 0.0);
        assert_eq!(parse(Some("yesterday")), None);
        assert_eq!((span(-1.0), span(f64::NAN), span(2.5)), (0.0, 0.0, 2.5));
    }
}
