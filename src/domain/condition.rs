//! Typed conditions and effects over a world state of key/value facts.
//!
//! A condition compares a fact with a value (`stock.level >= 10`); an effect sets a fact
//! (`order.shipped = true`). A fact that is absent from the state is unknown: every
//! comparison with it fails except `ne` and `not_in` (closed-world reading).

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

/// A fact's value. In JSON: `true`, `3`, `2.5` or `"text"`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(untagged)]
pub enum Value {
    Bool(bool),
    Int(i64),
    Number(f64),
    Text(String),
}

impl Value {
    fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// Equality across the two numeric kinds: `3` equals `3.0`.
    fn same_as(&self, other: &Value) -> bool {
        match (self.as_f64(), other.as_f64()) {
            (Some(a), Some(b)) => a == b,
            _ => self == other,
        }
    }

    /// Order between numbers, or between texts; `None` for anything else.
    fn compare(&self, other: &Value) -> Option<Ordering> {
        match (self, other) {
            (Value::Text(a), Value::Text(b)) => Some(a.cmp(b)),
            _ => self.as_f64()?.partial_cmp(&other.as_f64()?),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Number(n) => write!(f, "{n}"),
            Value::Text(t) => write!(f, "{t:?}"),
        }
    }
}

/// How a condition compares a fact with its operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
}

impl Op {
    pub const ALL: [Op; 8] = [Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge, Op::In, Op::NotIn];

    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "≠",
            Op::Lt => "<",
            Op::Le => "≤",
            Op::Gt => ">",
            Op::Ge => "≥",
            Op::In => "in",
            Op::NotIn => "not in",
        }
    }
}

/// The right-hand side of a condition: one value, or a list for `in` and `not_in`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(untagged)]
pub enum Operand {
    One(Value),
    List(Vec<Value>),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub key: String,
    pub op: Op,
    pub value: Operand,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Effect {
    pub key: String,
    pub value: Value,
}

/// What is known about the world: fact key → value, in key order.
pub type WorldState = BTreeMap<String, Value>;

impl Condition {
    pub fn new(key: &str, op: Op, value: Value) -> Condition {
        Condition { key: key.to_owned(), op, value: Operand::One(value) }
    }

    pub fn one_of(key: &str, op: Op, values: Vec<Value>) -> Condition {
        Condition { key: key.to_owned(), op, value: Operand::List(values) }
    }

    /// Why this condition is malformed, if it is.
    pub fn problem(&self) -> Option<String> {
        if let Err(e) = check_fact_key(&self.key) {
            return Some(format!("key {e}"));
        }
        match (self.op, &self.value) {
            (Op::In | Op::NotIn, Operand::List(values)) if values.is_empty() => {
                Some(format!("'{}' needs at least one value", self.op.symbol()))
            }
            (Op::In | Op::NotIn, Operand::List(values)) if values.iter().any(|v| matches!(v, Value::Number(n) if !n.is_finite())) => {
                Some("values must be finite numbers".into())
            }
            (Op::In | Op::NotIn, Operand::List(_)) => None,
            (Op::In | Op::NotIn, Operand::One(_)) => Some(format!("'{}' needs a list of values", self.op.symbol())),
            (_, Operand::List(_)) => Some(format!("'{}' needs a single value, not a list", self.op.symbol())),
            (Op::Lt | Op::Le | Op::Gt | Op::Ge, Operand::One(Value::Bool(_))) => {
                Some(format!("'{}' compares numbers or texts, not true/false", self.op.symbol()))
            }
            (_, Operand::One(Value::Number(n))) if !n.is_finite() => Some("value must be a finite number".into()),
            _ => None,
        }
    }

    /// Whether the condition holds in `state`.
    pub fn holds(&self, state: &WorldState) -> bool {
        self.holds_for(state.get(&self.key))
    }

    /// Whether the condition holds when its fact has the value `fact` (`None`: absent).
    pub fn holds_for(&self, fact: Option<&Value>) -> bool {
        match (&self.value, fact) {
            (Operand::One(v), Some(f)) => match self.op {
                Op::Eq => f.same_as(v),
                Op::Ne => !f.same_as(v),
                Op::Lt => f.compare(v) == Some(Ordering::Less),
                Op::Le => matches!(f.compare(v), Some(Ordering::Less | Ordering::Equal)),
                Op::Gt => f.compare(v) == Some(Ordering::Greater),
                Op::Ge => matches!(f.compare(v), Some(Ordering::Greater | Ordering::Equal)),
                Op::In | Op::NotIn => false,
            },
            (Operand::List(vs), Some(f)) => match self.op {
                Op::In => vs.iter().any(|v| f.same_as(v)),
                Op::NotIn => !vs.iter().any(|v| f.same_as(v)),
                _ => false,
            },
            (_, None) => matches!(self.op, Op::Ne | Op::NotIn),
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ", self.key, self.op.symbol())?;
        match &self.value {
            Operand::One(v) => write!(f, "{v}"),
            Operand::List(vs) => {
                let items: Vec<String> = vs.iter().map(Value::to_string).collect();
                write!(f, "[{}]", items.join(", "))
            }
        }
    }
}

impl Effect {
    pub fn new(key: &str, value: Value) -> Effect {
        Effect { key: key.to_owned(), value }
    }

    pub fn problem(&self) -> Option<String> {
        if let Err(e) = check_fact_key(&self.key) {
            return Some(format!("key {e}"));
        }
        match &self.value {
            Value::Number(n) if !n.is_finite() => Some("value must be a finite number".into()),
            _ => None,
        }
    }
}

/// Applies effects in order: a later effect on the same key wins.
pub fn apply_effects(state: &mut WorldState, effects: &[Effect]) {
    for e in effects {
        state.insert(e.key.clone(), e.value.clone());
    }
}

/// A fact key: 1–128 characters with no white space and no control character (the
/// schema's `length(key)` stops at a U+0000, so such a key would break its CHECK).
pub fn check_fact_key(key: &str) -> Result<(), String> {
    if key.is_empty() {
        Err("must not be empty".into())
    } else if key.chars().count() > 128 {
        Err("must be at most 128 characters".into())
    } else if key.chars().any(char::is_whitespace) {
        Err("must not contain white space".into())
    } else if let Some(c) = key.chars().find(|c| c.is_control()) {
        Err(format!("must not contain the control character {c:?}"))
    } else {
        Ok(())
    }
}

/// The index and reason of the first malformed condition.
pub fn first_bad_condition(conditions: &[Condition]) -> Option<(usize, String)> {
    conditions.iter().enumerate().find_map(|(i, c)| c.problem().map(|p| (i, p)))
}

/// The index and reason of the first malformed effect.
pub fn first_bad_effect(effects: &[Effect]) -> Option<(usize, String)> {
    effects.iter().enumerate().find_map(|(i, e)| e.problem().map(|p| (i, p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> WorldState {
        [
            ("stock".to_owned(), Value::Int(12)),
            ("region".to_owned(), Value::Text("eu".into())),
            ("ready".to_owned(), Value::Bool(true)),
        ]
        .into()
    }

    fn check(json: &str, expected: bool) {
        let c: Condition = serde_json::from_str(json).unwrap();
        assert_eq!(c.problem(), None, "{json}");
        assert_eq!(c.holds(&state()), expected, "{json}");
    }

    #[test]
    fn comparisons() {
        check(r#"{"key":"stock","op":"ge","value":12}"#, true);
        check(r#"{"key":"stock","op":"gt","value":12.0}"#, false);
        check(r#"{"key":"stock","op":"eq","value":12.0}"#, true);
        check(r#"{"key":"stock","op":"lt","value":20}"#, true);
        check(r#"{"key":"region","op":"in","value":["us","eu"]}"#, true);
        check(r#"{"key":"region","op":"not_in","value":["eu"]}"#, false);
        check(r#"{"key":"ready","op":"eq","value":true}"#, true);
        check(r#"{"key":"ready","op":"ne","value":"true"}"#, true);
    }

    #[test]
    fn absent_facts_are_unknown() {
        check(r#"{"key":"missing","op":"eq","value":1}"#, false);
        check(r#"{"key":"missing","op":"ge","value":1}"#, false);
        check(r#"{"key":"missing","op":"ne","value":1}"#, true);
        check(r#"{"key":"missing","op":"not_in","value":[1]}"#, true);
    }

    #[test]
    fn malformed_conditions_say_why() {
        let problem = |json: &str| serde_json::from_str::<Condition>(json).unwrap().problem().unwrap();
        assert!(problem(r#"{"key":"x","op":"in","value":1}"#).contains("list"));
        assert!(problem(r#"{"key":"x","op":"in","value":[]}"#).contains("at least one"));
        assert!(problem(r#"{"key":"x","op":"eq","value":[1]}"#).contains("single value"));
        assert!(problem(r#"{"key":"x","op":"lt","value":false}"#).contains("numbers or texts"));
        assert!(problem(r#"{"key":"a b","op":"eq","value":1}"#).contains("white space"));
        assert!(serde_json::from_str::<Condition>(r#"{"key":"x","op":"like","value":1}"#).is_err());
    }

    #[test]
    fn effects_apply_in_order() {
        let mut s = WorldState::new();
        apply_effects(&mut s, &[Effect::new("a", Value::Int(1)), Effect::new("a", Value::Int(2))]);
        assert_eq!(s["a"], Value::Int(2));
    }

    #[test]
    fn numbers_round_trip_through_json() {
        for v in [Value::Int(3), Value::Number(3.0), Value::Number(0.5), Value::Text("3".into()), Value::Bool(false)] {
            let json = serde_json::to_string(&v).unwrap();
            assert_eq!(serde_json::from_str::<Value>(&json).unwrap(), v, "{json}");
        }
    }
}
