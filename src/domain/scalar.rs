//! Ranges shared by several entities, and the checks that enforce them.

/// Priorities run from 1 (lowest) to 10 (highest); new entities get 5.
pub const PRIORITY_MIN: u8 = 1;
pub const PRIORITY_MAX: u8 = 10;
pub const PRIORITY_DEFAULT: u8 = 5;

/// Capability levels run from 1 (novice) to 5 (expert).
pub const LEVEL_MIN: u8 = 1;
pub const LEVEL_MAX: u8 = 5;

pub fn check_priority(value: u8) -> Result<(), String> {
    if (PRIORITY_MIN..=PRIORITY_MAX).contains(&value) {
        Ok(())
    } else {
        Err(format!("must be between {PRIORITY_MIN} and {PRIORITY_MAX}, not {value}"))
    }
}

pub fn check_level(value: u8) -> Result<(), String> {
    if (LEVEL_MIN..=LEVEL_MAX).contains(&value) {
        Ok(())
    } else {
        Err(format!("must be between {LEVEL_MIN} and {LEVEL_MAX}, not {value}"))
    }
}

/// Costs, durations, efforts, capacities and budgets: finite and not negative.
pub fn check_non_negative(value: f64) -> Result<(), String> {
    if !value.is_finite() {
        Err("must be a finite number".into())
    } else if value < 0.0 {
        Err(format!("must not be negative, not {value}"))
    } else {
        Ok(())
    }
}

/// Titles and names: something other than white space, on one line, with no control
/// character. The schema's `CHECK (length(trim(title)) > 0)` reads a text only up to its
/// first U+0000, so a control character is refused here, with the field named, before
/// SQLite would refuse it with a bare constraint error.
pub fn check_not_blank(value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        Err("must not be empty".into())
    } else if let Some(c) = value.chars().find(|c| c.is_control()) {
        Err(format!("must not contain the control character {c:?}"))
    } else {
        Ok(())
    }
}

/// A capability name: not blank, at most 64 characters, no surrounding white space.
pub fn check_capability_name(value: &str) -> Result<(), String> {
    check_not_blank(value)?;
    if value.trim() != value {
        return Err("must not start or end with white space".into());
    }
    if value.chars().count() > 64 {
        return Err("must be at most 64 characters".into());
    }
    Ok(())
}
