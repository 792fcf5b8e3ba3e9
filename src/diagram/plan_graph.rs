//! A plan's graph: its steps, precedence edges (earlier step above), and totals.

use super::{lay_out, DiagramRequest};
use crate::layout::{EdgeSpec, Layout, LayoutProgress};
use crate::{Plan, PlanTotals, Result, Store};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PlanGraph {
    pub plan: Plan,
    pub totals: PlanTotals,
    pub layout: Layout,
}

pub fn plan_graph(store: &Store, key: &str, request: &DiagramRequest, progress: &mut dyn FnMut(LayoutProgress)) -> Result<PlanGraph> {
    let plan = store.plan(key)?;
    let totals = store.plan_totals(key)?;
    let edges = plan.edges.iter().map(|e| EdgeSpec { source: e.before.clone(), target: e.after.clone() }).collect();
    let layout = lay_out(plan.steps.iter().map(|s| s.key.clone()), edges, request, progress)?;
    Ok(PlanGraph { plan, totals, layout })
}
