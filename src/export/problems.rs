//! The problems of a file being checked, collected in file order so that a refusal
//! lists them all (up to [`MAX_IMPORT_PROBLEMS`]) instead of stopping at the first.

use crate::error::{ImportProblem, MAX_IMPORT_PROBLEMS};
use crate::{Error, Result};

#[derive(Default)]
pub(crate) struct Problems {
    list: Vec<ImportProblem>,
    truncated: bool,
}

impl Problems {
    pub(crate) fn push(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        if self.list.len() < MAX_IMPORT_PROBLEMS {
            self.list.push(ImportProblem { pointer: pointer.into(), message: message.into() });
        } else {
            self.truncated = true;
        }
    }

    /// Adds a refusal made by a check that stops at its first problem: an import error
    /// keeps its pointer, any other error applies to the whole file.
    pub(crate) fn add(&mut self, e: Error) {
        match e {
            Error::Import { pointer, message } => self.push(pointer, message),
            Error::ImportProblems { problems, truncated } => {
                for p in problems {
                    self.push(p.pointer, p.message);
                }
                self.truncated |= truncated;
            }
            other => self.push("", other.to_string()),
        }
    }

    /// Sorts the problems kept (stably) by `key`: those of a check that runs in stages
    /// can be listed in file order all the same.
    pub(crate) fn sort_by_key<K: Ord>(&mut self, key: impl FnMut(&ImportProblem) -> K) {
        self.list.sort_by_key(key);
    }

    /// Nothing found: `Ok`. One problem: [`Error::Import`]; more: [`Error::ImportProblems`].
    pub(crate) fn finish(mut self) -> Result<()> {
        match self.list.len() {
            0 => Ok(()),
            1 if !self.truncated => {
                let ImportProblem { pointer, message } = self.list.remove(0);
                Err(Error::Import { pointer, message })
            }
            _ => Err(Error::ImportProblems { problems: self.list, truncated: self.truncated }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_problem_is_an_import_error_and_more_are_listed_up_to_the_cap() {
        assert!(Problems::default().finish().is_ok());
        let mut one = Problems::default();
        one.push("/goals/0/title", "must not be blank");
        assert!(matches!(one.finish(), Err(Error::Import { pointer, .. }) if pointer == "/goals/0/title"));
        let mut many = Problems::default();
        for i in 0..MAX_IMPORT_PROBLEMS + 5 {
            many.push(format!("/goals/{i}/title"), "must not be blank");
        }
        match many.finish() {
            Err(e @ Error::ImportProblems { .. }) => {
                let (list, truncated) = e.import_problems().unwrap();
                assert_eq!((list.len(), truncated), (MAX_IMPORT_PROBLEMS, true));
                assert_eq!(list[7].pointer, "/goals/7/title");
                let text = e.to_string();
                assert_eq!(text.lines().count(), MAX_IMPORT_PROBLEMS + 2, "{text}");
                assert!(text.starts_with("the file has more than 100 problems:\n/goals/0/title: must not be blank"), "{text}");
            }
            other => panic!("{other:?}"),
        }
    }
}
