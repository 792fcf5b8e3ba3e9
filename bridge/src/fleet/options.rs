//! The fleet's options as its command line spells them: a delay range in milliseconds
//! (`MIN..MAX`) and a failure rate (0 to 1).

use super::rng::Rng;
use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// How long an agent waits before it starts a task, and again before it finishes it:
/// between `min` and `max` milliseconds, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Delay {
    /// Shortest wait, in milliseconds.
    pub min: u64,
    /// Longest wait, in milliseconds.
    pub max: u64,
}

impl Delay {
    /// Longest wait allowed: a minute.
    pub const LIMIT: u64 = 60_000;

    /// One wait, drawn from `rng`.
    pub fn pick(&self, rng: &mut Rng) -> Duration {
        Duration::from_millis(rng.between(self.min, self.max))
    }
}

impl Default for Delay {
    fn default() -> Delay {
        Delay { min: 500, max: 2000 }
    }
}

impl fmt::Display for Delay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.min, self.max)
    }
}

impl FromStr for Delay {
    type Err = String;

    /// `MIN..MAX` or one number `N` (always `N`), in milliseconds.
    fn from_str(text: &str) -> Result<Delay, String> {
        let number = |part: &str| part.trim().parse::<u64>().map_err(|_| format!("{part:?} is not a whole number of milliseconds"));
        let (min, max) = match text.split_once("..") {
            Some((min, max)) => (number(min)?, number(max)?),
            None => {
                let n = number(text)?;
                (n, n)
            }
        };
        if min > max {
            return Err(format!("the shortest wait ({min} ms) is longer than the longest ({max} ms)"));
        }
        if max > Delay::LIMIT {
            return Err(format!("at most {} ms", Delay::LIMIT));
        }
        Ok(Delay { min, max })
    }
}

/// A failure rate: a number from 0 (never) to 1 (always).
pub fn fail_rate(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(rate) if (0.0..=1.0).contains(&rate) => Ok(rate),
        _ => Err(format!("{text:?} is not a number from 0 to 1")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_and_rates_read_as_written() {
        assert_eq!("500..2000".parse(), Ok(Delay { min: 500, max: 2000 }));
        assert_eq!(" 5 .. 5 ".parse(), Ok(Delay { min: 5, max: 5 }));
        assert_eq!("0".parse(), Ok(Delay { min: 0, max: 0 }));
        for bad in ["", "2000..500", "a..b", "-1..3", "1..", "1..2..3", "0..60001"] {
            assert!(bad.parse::<Delay>().is_err(), "{bad:?}");
        }
        assert_eq!(Delay::default().to_string(), "500..2000");
        assert_eq!(fail_rate("0.1"), Ok(0.1));
        assert_eq!(fail_rate("1"), Ok(1.0));
        for bad in ["-0.1", "1.5", "NaN", "x", "inf"] {
            assert!(fail_rate(bad).is_err(), "{bad:?}");
        }
    }
}
