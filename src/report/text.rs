//! Text as the page prints it: escaped for HTML (content and attribute values alike),
//! cut to a bounded length, and numbers in a fixed format.

use super::MAX_TEXT_CHARS;

/// `raw` cut to [`MAX_TEXT_CHARS`] characters and escaped: safe between tags and inside
/// a double- or single-quoted attribute.
pub(super) fn text(raw: &str) -> String {
    let cut: String = if raw.chars().count() > MAX_TEXT_CHARS {
        raw.chars().take(MAX_TEXT_CHARS - 1).chain(std::iter::once('…')).collect()
    } else {
        raw.to_owned()
    };
    escape(&cut)
}

/// `raw` cut to `max` characters (with an ellipsis), then escaped: for labels in a drawing.
pub(super) fn label(raw: &str, max: usize) -> String {
    if raw.chars().count() > max {
        escape(&raw.chars().take(max.saturating_sub(1)).chain(std::iter::once('…')).collect::<String>())
    } else {
        escape(raw)
    }
}

/// Hours with one decimal (`2.5 h`).
pub(super) fn hours(h: f64) -> String {
    format!("{h:.1} h")
}

/// A cost with two decimals.
pub(super) fn money(x: f64) -> String {
    format!("{x:.2}")
}

/// A coordinate in a drawing, to one decimal.
pub(super) fn px(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

fn escape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newline are not valid in HTML text.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_come_out_as_text() {
        assert_eq!(text("<script>alert(\"x\")</script> & 'y'"), "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
        assert_eq!(text("a\u{0}b"), "a\u{FFFD}b");
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        let long = "é".repeat(MAX_TEXT_CHARS * 10);
        let shown = text(&long);
        assert_eq!(shown.chars().count(), MAX_TEXT_CHARS);
        assert!(shown.ends_with('…'));
        assert_eq!(label("abcdef", 4), "abc…");
        assert_eq!(label("a&b", 4), "a&amp;b");
    }

    #[test]
    fn coordinates_are_short() {
        assert_eq!(px(12.0), "12");
        assert_eq!(px(12.345), "12.3");
        assert_eq!(hours(2.25), "2.2 h");
        assert_eq!(money(3.0), "3.00");
    }
}
