//! The JSON columns of the goals (preconditions, postconditions, effects), serialised
//! ahead of the write, all into one buffer.
//!
//! For a large file this runs on a second thread while the document is validated, so
//! that the write itself only binds text; the columns are the same text `db::rows::to_json`
//! makes.

use super::v1::GoalDoc;
use serde::Serialize;

/// From this many goals on, the columns are serialised on a thread of their own.
const PARALLEL_FROM: usize = 4096;

pub(crate) struct GoalColumns {
    text: String,
    /// Per goal: where its three columns end in `text`.
    ends: Vec<[usize; 3]>,
}

impl GoalColumns {
    pub fn of(goals: &[GoalDoc]) -> GoalColumns {
        let mut buf = Vec::with_capacity(goals.len() * 160);
        let mut ends = Vec::with_capacity(goals.len());
        for g in goals {
            ends.push([
                append(&mut buf, &g.preconditions),
                append(&mut buf, &g.postconditions),
                append(&mut buf, &g.effects),
            ]);
        }
        let text = String::from_utf8(buf).expect("serde_json writes UTF-8");
        GoalColumns { text, ends }
    }

    /// The columns of goal `i`: preconditions, postconditions, effects.
    pub fn get(&self, i: usize) -> [&str; 3] {
        let start = if i == 0 { 0 } else { self.ends[i - 1][2] };
        let [a, b, c] = self.ends[i];
        [&self.text[start..a], &self.text[a..b], &self.text[b..c]]
    }
}

fn append<T: Serialize>(buf: &mut Vec<u8>, value: &T) -> usize {
    serde_json::to_writer(&mut *buf, value).expect("domain values always serialise");
    buf.len()
}

/// Runs `work` while the columns are made: side by side when the file is large.
pub(crate) fn alongside<T: Send>(goals: &[GoalDoc], work: impl FnOnce() -> T + Send) -> (T, GoalColumns) {
    if goals.len() < PARALLEL_FROM {
        return (work(), GoalColumns::of(goals));
    }
    std::thread::scope(|s| {
        let columns = s.spawn(|| GoalColumns::of(goals));
        let out = work();
        let columns = columns.join().unwrap_or_else(|_| GoalColumns::of(goals));
        (out, columns)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Condition, Effect, Op, Value};

    #[test]
    fn columns_are_what_the_store_writes() {
        let mut goal: GoalDoc = serde_json::from_str(
            r#"{"key":"G-1","title":"t","status":"pending","priority":5,"kind":"hard","mode":"achieve","refinement":"and"}"#,
        )
        .unwrap();
        let goals = vec![goal.clone(), {
            goal.preconditions.push(Condition::new("a", Op::Ge, Value::Number(2.0)));
            goal.effects.push(Effect::new("é", Value::Text("\"x\"".into())));
            goal
        }];
        let columns = GoalColumns::of(&goals);
        for (i, g) in goals.iter().enumerate() {
            use crate::db::rows::to_json;
            let expected = [to_json(&g.preconditions), to_json(&g.postconditions), to_json(&g.effects)];
            assert_eq!(columns.get(i), expected.each_ref().map(String::as_str));
        }
    }
}
