//! Reading conditions and effects straight into the domain types, for the document's
//! `deserialize_with`.
//!
//! The domain's `Value` and `Operand` are untagged enums: serde buffers each value and
//! tries the variants one by one, building an error for every miss. In a large file
//! that is half the parsing time, so the importer reads them with one visitor each.
//! The JSON is the same either way (`true`, `3`, `2.5`, `"text"`, or a list of those).

use crate::domain::{Condition, Effect, Op, Operand, Value};
use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

pub(crate) fn conditions<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Condition>, D::Error> {
    let list = Vec::<ConditionDe>::deserialize(d)?;
    Ok(list.into_iter().map(|c| Condition { key: c.key, op: c.op, value: c.value.0 }).collect())
}

pub(crate) fn effects<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Effect>, D::Error> {
    let list = Vec::<EffectDe>::deserialize(d)?;
    Ok(list.into_iter().map(|e| Effect { key: e.key, value: e.value.0 }).collect())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConditionDe {
    key: String,
    op: Op,
    value: OperandDe,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EffectDe {
    key: String,
    value: ValueDe,
}

struct ValueDe(Value);
struct OperandDe(Operand);

const A_VALUE: &str = "true, false, a number or a text";

/// The scalar half of both visitors.
fn from_u64(v: u64) -> Value {
    // As the untagged enum reads it: an integer when it fits in i64, else a number.
    i64::try_from(v).map(Value::Int).unwrap_or(Value::Number(v as f64))
}

impl<'de> Deserialize<'de> for ValueDe {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ValueDe;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(A_VALUE)
            }
            fn visit_bool<E>(self, v: bool) -> Result<ValueDe, E> {
                Ok(ValueDe(Value::Bool(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<ValueDe, E> {
                Ok(ValueDe(Value::Int(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<ValueDe, E> {
                Ok(ValueDe(from_u64(v)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<ValueDe, E> {
                Ok(ValueDe(Value::Number(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<ValueDe, E> {
                Ok(ValueDe(Value::Text(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<ValueDe, E> {
                Ok(ValueDe(Value::Text(v)))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for OperandDe {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OperandDe;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{A_VALUE}, or a list of those")
            }
            fn visit_bool<E>(self, v: bool) -> Result<OperandDe, E> {
                Ok(OperandDe(Operand::One(Value::Bool(v))))
            }
            fn visit_i64<E>(self, v: i64) -> Result<OperandDe, E> {
                Ok(OperandDe(Operand::One(Value::Int(v))))
            }
            fn visit_u64<E>(self, v: u64) -> Result<OperandDe, E> {
                Ok(OperandDe(Operand::One(from_u64(v))))
            }
            fn visit_f64<E>(self, v: f64) -> Result<OperandDe, E> {
                Ok(OperandDe(Operand::One(Value::Number(v))))
            }
            fn visit_str<E>(self, v: &str) -> Result<OperandDe, E> {
                Ok(OperandDe(Operand::One(Value::Text(v.to_owned()))))
            }
            fn visit_string<E>(self, v: String) -> Result<OperandDe, E> {
                Ok(OperandDe(Operand::One(Value::Text(v))))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OperandDe, A::Error> {
                let mut values = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(ValueDe(v)) = seq.next_element()? {
                    values.push(v);
                }
                Ok(OperandDe(Operand::List(values)))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever the domain's own (untagged) deserialisation reads, these read the same.
    #[test]
    fn read_what_the_domain_reads() {
        for json in [
            r#"[{"key":"a","op":"eq","value":true}]"#,
            r#"[{"key":"a","op":"ge","value":-3},{"key":"b","op":"lt","value":2.5}]"#,
            r#"[{"key":"a","op":"in","value":["x",1,1.0,false]}]"#,
            r#"[{"key":"a","op":"ne","value":18446744073709551615}]"#,
            r#"[{"key":"a","op":"eq","value":"with \"escapes\""}]"#,
            r#"[{"key":"a","op":"not_in","value":[]}]"#,
        ] {
            let ours = conditions(&mut serde_json::Deserializer::from_str(json)).unwrap();
            let domain: Vec<Condition> = serde_json::from_str(json).unwrap();
            assert_eq!(ours, domain, "{json}");
        }
        let json = r#"[{"key":"a","value":7},{"key":"b","value":"t"}]"#;
        let ours = effects(&mut serde_json::Deserializer::from_str(json)).unwrap();
        assert_eq!(ours, serde_json::from_str::<Vec<Effect>>(json).unwrap());
    }

    #[test]
    fn say_what_a_value_is() {
        let err = |json: &str| conditions(&mut serde_json::Deserializer::from_str(json)).unwrap_err().to_string();
        assert!(err(r#"[{"key":"a","op":"eq","value":{"x":1}}]"#).contains("expected true, false, a number or a text, or a list"));
        assert!(err(r#"[{"key":"a","op":"in","value":[[1]]}]"#).contains("expected true, false, a number or a text"));
        assert!(err(r#"[{"key":"a","op":"eq","value":1,"x":2}]"#).contains("unknown field `x`"));
    }
}
