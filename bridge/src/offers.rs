//! Work offers: each task that is ready (todo, every dependency done) and assigned to an
//! agent is offered to that agent on `mabos.agents.<AGENT>.tasks`; an offer that no
//! longer stands (the task unassigned, reassigned, deleted, blocked, failed by someone
//! else, or waiting again) is withdrawn on the same subject. A task that moved on to in
//! progress or done needs no withdrawal: the agent took it. The offers in force are kept
//! in the database, so a restarted bridge neither repeats nor forgets one.

use crate::db::Db;
use crate::messages::{OfferedAction, OfferedTask, TaskRef, WithdrawalReason, WorkMessage};
use crate::subjects;
use anyhow::{Context, Result};
use async_nats::jetstream::Context as JetStream;
use mabos_planner::{Store, TaskReadiness, TaskStatus};
use std::collections::{BTreeMap, HashMap};

/// What to send to bring the agents' offers in line with the workspace.
#[derive(Debug, Default, PartialEq)]
pub struct Changes {
    /// (task, agent it was offered to, why), by task.
    pub withdrawals: Vec<(String, String, WithdrawalReason)>,
    /// (task, agent), by task.
    pub offers: Vec<(String, String)>,
    /// Offers that ended without a message (the agent took the task), by task.
    pub taken: Vec<String>,
}

/// Compares the offers in force with the tasks as they are now: `tasks` holds at least
/// every task to do that has an assignee and every task offered
/// ([`Store::work_readiness`]); an offered task missing from it was deleted.
pub fn changes(tasks: &[TaskReadiness], offered: &[(String, String)]) -> Changes {
    let by_key: HashMap<&str, &TaskReadiness> = tasks.iter().map(|t| (t.key.as_str(), t)).collect();
    let ready: BTreeMap<&str, &str> = tasks.iter().filter(|t| t.is_ready()).filter_map(|t| Some((t.key.as_str(), t.assignee.as_deref()?))).collect();
    let offered_to: HashMap<&str, &str> = offered.iter().map(|(t, a)| (t.as_str(), a.as_str())).collect();
    let mut changes = Changes::default();
    for (task, agent) in offered {
        if ready.get(task.as_str()) == Some(&agent.as_str()) {
            continue;
        }
        let reason = match by_key.get(task.as_str()) {
            None => Some(WithdrawalReason::Deleted),
            Some(t) => match (&t.assignee, t.status) {
                (None, _) => Some(WithdrawalReason::Unassigned),
                (Some(other), _) if other != agent => Some(WithdrawalReason::Reassigned),
                (_, TaskStatus::InProgress | TaskStatus::Done) => None,
                (_, TaskStatus::Blocked) => Some(WithdrawalReason::Blocked),
                (_, TaskStatus::Failed) => Some(WithdrawalReason::Failed),
                (_, TaskStatus::Todo) => Some(WithdrawalReason::Waiting),
            },
        };
        match reason {
            Some(reason) => changes.withdrawals.push((task.clone(), agent.clone(), reason)),
            None => changes.taken.push(task.clone()),
        }
    }
    for (task, agent) in ready {
        if offered_to.get(task) != Some(&agent) {
            changes.offers.push((task.to_owned(), agent.to_owned()));
        }
    }
    changes
}

/// Sends the withdrawals and offers the workspace calls for now, recording each in the
/// database once the stream acknowledged it. Returns how many messages were sent.
pub async fn sync(js: &JetStream, db: &Db) -> Result<usize> {
    let (tasks, offered) = db.call(|store| Ok((store.work_readiness()?, store.work_offers()?))).await??;
    let Changes { withdrawals, offers, taken } = changes(&tasks, &offered);
    let mut sent = 0;
    for task in taken {
        db.call(move |store| store.set_work_offer(&task, None)).await??;
    }
    for (task, agent, reason) in withdrawals {
        let message = WorkMessage::Withdrawal { agent: agent.clone(), task: TaskRef { key: task.clone() }, reason };
        publish(js, &agent, &message).await?;
        tracing::info!(%task, %agent, ?reason, "offer withdrawn");
        db.call(move |store| store.set_work_offer(&task, None)).await??;
        sent += 1;
    }
    for (task, agent) in offers {
        let key = task.clone();
        let offered = db.call(move |store| offered_task(store, &key)).await??;
        let message = WorkMessage::Offer { agent: agent.clone(), task: Box::new(offered) };
        publish(js, &agent, &message).await?;
        tracing::info!(%task, %agent, "work offered");
        db.call(move |store| store.set_work_offer(&task, Some(&agent))).await??;
        sent += 1;
    }
    Ok(sent)
}

async fn publish(js: &JetStream, agent: &str, message: &WorkMessage) -> Result<()> {
    let subject = subjects::tasks(agent);
    let ack = js.publish(subject.clone(), serde_json::to_vec(message)?.into()).await.with_context(|| format!("publishing to {subject}"))?;
    ack.await.with_context(|| format!("waiting for the acknowledgement on {subject}"))?;
    Ok(())
}

/// Everything an agent needs to act on `task`.
fn offered_task(store: &Store, task: &str) -> mabos_planner::Result<OfferedTask> {
    let task = store.task(task)?;
    let action = match &task.fields.step {
        Some(step) => {
            let plan = store.plan(&step.plan)?;
            match plan.steps.iter().find(|s| s.key == step.step) {
                Some(s) => {
                    let action = store.action(&s.action)?;
                    let f = action.fields;
                    Some(OfferedAction {
                        key: action.key,
                        name: f.name,
                        description: f.description,
                        preconditions: f.preconditions,
                        effects: f.effects,
                        duration: f.duration,
                        cost: f.cost,
                    })
                }
                None => None,
            }
        }
        None => None,
    };
    let (plan, step) = task.fields.step.clone().map_or((None, None), |s| (Some(s.plan), Some(s.step)));
    Ok(OfferedTask {
        key: task.key,
        title: task.fields.title,
        description: task.fields.description,
        priority: task.fields.priority,
        effort: task.fields.effort,
        deadline: task.fields.deadline,
        goal: task.fields.goal,
        plan,
        step,
        action,
        requires: task.requires,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use WithdrawalReason as W;

    /// A task: key, status, assignee, whether it waits on a dependency not done.
    fn task(key: &str, status: TaskStatus, assignee: Option<&str>, waiting: bool) -> TaskReadiness {
        TaskReadiness { key: key.into(), status, assignee: assignee.map(str::to_owned), waiting }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    fn check(tasks: &[TaskReadiness], offered: &[(&str, &str)], withdrawals: &[(&str, &str, WithdrawalReason)], offers: &[(&str, &str)], taken: &[&str]) {
        let got = changes(tasks, &pairs(offered));
        let expected = Changes {
            withdrawals: withdrawals.iter().map(|(t, a, r)| (t.to_string(), a.to_string(), *r)).collect(),
            offers: pairs(offers),
            taken: taken.iter().map(|t| t.to_string()).collect(),
        };
        assert_eq!(got, expected);
    }

    #[test]
    fn offers_follow_readiness_and_assignment() {
        use TaskStatus::*;
        // Ready and assigned: offered once.
        check(&[task("T-1", Todo, Some("AG-1"), false)], &[], &[], &[("T-1", "AG-1")], &[]);
        check(&[task("T-1", Todo, Some("AG-1"), false)], &[("T-1", "AG-1")], &[], &[], &[]);
        // Waiting on an unfinished task, or unassigned: not offered.
        check(&[task("T-1", Todo, Some("AG-1"), true), task("T-2", Todo, None, false)], &[], &[], &[], &[]);
        check(&[task("T-0", Done, Some("AG-1"), false), task("T-1", Todo, Some("AG-1"), false)], &[], &[], &[("T-1", "AG-1")], &[]);
        // Offers that no longer stand.
        check(&[task("T-1", Todo, None, false)], &[("T-1", "AG-1")], &[("T-1", "AG-1", W::Unassigned)], &[], &[]);
        check(&[task("T-1", Todo, Some("AG-2"), false)], &[("T-1", "AG-1")], &[("T-1", "AG-1", W::Reassigned)], &[("T-1", "AG-2")], &[]);
        check(&[], &[("T-1", "AG-1")], &[("T-1", "AG-1", W::Deleted)], &[], &[]);
        check(&[task("T-1", Blocked, Some("AG-1"), false)], &[("T-1", "AG-1")], &[("T-1", "AG-1", W::Blocked)], &[], &[]);
        check(&[task("T-1", Failed, Some("AG-1"), false)], &[("T-1", "AG-1")], &[("T-1", "AG-1", W::Failed)], &[], &[]);
        check(&[task("T-1", Todo, Some("AG-1"), true)], &[("T-1", "AG-1")], &[("T-1", "AG-1", W::Waiting)], &[], &[]);
        // Taken by its agent: no message.
        check(&[task("T-1", InProgress, Some("AG-1"), false)], &[("T-1", "AG-1")], &[], &[], &["T-1"]);
        check(&[task("T-1", Done, Some("AG-1"), false)], &[("T-1", "AG-1")], &[], &[], &["T-1"]);
    }
}
