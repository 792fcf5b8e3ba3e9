//! The demo workspace: an online retailer run by software agents. Realistic enough to
//! try every view: four goal trees with dependencies and contributions, 30 actions,
//! 11 agents, six plans with steps and edges, tasks in every state, and HTN methods
//! under which G-SHOP decomposes into a plan.

use crate::domain::*;
use crate::htn::{MethodFields, Subtask};
use crate::{Result, Store};

fn is(key: &str) -> Condition {
    Condition::new(key, Op::Eq, Value::Bool(true))
}

fn set(key: &str) -> Effect {
    Effect::new(key, Value::Bool(true))
}

struct GoalSpec {
    key: &'static str,
    parent: Option<&'static str>,
    title: &'static str,
    priority: u8,
    kind: GoalKind,
    mode: GoalMode,
    refinement: Refinement,
    post: &'static [&'static str],
}

const fn goal(key: &'static str, parent: Option<&'static str>, title: &'static str, priority: u8) -> GoalSpec {
    GoalSpec { key, parent, title, priority, kind: GoalKind::Hard, mode: GoalMode::Achieve, refinement: Refinement::And, post: &[] }
}

const GOALS: &[GoalSpec] = &[
    GoalSpec { post: &["revenue.target_met"], ..goal("G-REV", None, "Grow quarterly revenue by 15%", 9) },
    GoalSpec { post: &["store.live"], ..goal("G-SHOP", Some("G-REV"), "Launch the online store", 9) },
    GoalSpec { post: &["catalog.published"], ..goal("G-CATALOG", Some("G-SHOP"), "Publish the product catalogue", 7) },
    GoalSpec { post: &["payments.live"], ..goal("G-PAY", Some("G-SHOP"), "Take card and wallet payments", 8) },
    GoalSpec { post: &["site.deployed"], ..goal("G-SITE", Some("G-SHOP"), "Deploy the storefront", 8) },
    GoalSpec { post: &["campaign.sent"], ..goal("G-MKT", Some("G-REV"), "Run the spring campaign", 6) },
    GoalSpec { post: &["prices.updated"], ..goal("G-PRICE", Some("G-REV"), "Optimise pricing", 5) },
    GoalSpec { mode: GoalMode::Maintain, post: &["orders.on_time"], ..goal("G-OPS", None, "Fulfil orders within 48 hours", 8) },
    GoalSpec { mode: GoalMode::Maintain, post: &["stock.healthy"], ..goal("G-INV", Some("G-OPS"), "Keep stock above reorder points", 7) },
    GoalSpec { post: &["shipping.same_day"], ..goal("G-SHIP", Some("G-OPS"), "Ship paid orders the same day", 6) },
    GoalSpec { post: &["delivery.express"], ..goal("G-EXPRESS", Some("G-OPS"), "Offer next-day express delivery", 6) },
    GoalSpec { kind: GoalKind::Soft, refinement: Refinement::Or, ..goal("G-CX", None, "Delight customers", 6) },
    GoalSpec { kind: GoalKind::Soft, post: &["support.fast"], ..goal("G-SUPPORT", Some("G-CX"), "Answer tickets within 4 hours", 6) },
    GoalSpec { kind: GoalKind::Soft, post: &["faq.published"], ..goal("G-SELF", Some("G-CX"), "Let customers help themselves", 4) },
    GoalSpec { mode: GoalMode::Avoid, ..goal("G-COMP", None, "Avoid compliance breaches", 10) },
    GoalSpec { post: &["pci.certified"], ..goal("G-PCI", Some("G-COMP"), "Pass the PCI DSS assessment", 9) },
    GoalSpec { post: &["gdpr.reviewed"], ..goal("G-GDPR", Some("G-COMP"), "Complete the GDPR review", 8) },
];

/// (goal, depends on)
const GOAL_DEPENDENCIES: &[(&str, &str)] =
    &[("G-MKT", "G-SHOP"), ("G-PAY", "G-PCI"), ("G-SHIP", "G-INV"), ("G-PRICE", "G-CATALOG"), ("G-SITE", "G-GDPR")];

const CONTRIBUTIONS: &[(&str, &str, ContributionKind)] = &[
    ("G-CX", "G-REV", ContributionKind::Helps),
    ("G-SUPPORT", "G-OPS", ContributionKind::Helps),
    ("G-SELF", "G-SUPPORT", ContributionKind::Makes),
    ("G-CX", "G-PRICE", ContributionKind::Hurts),
];

struct ActionSpec {
    key: &'static str,
    name: &'static str,
    cost: f64,
    hours: f64,
    requires: &'static [(&'static str, u8)],
    pre: &'static [&'static str],
    post: &'static [&'static str],
    /// Facts set to a number, after the `post` flags.
    sets: &'static [(&'static str, i64)],
}

const fn action(key: &'static str, name: &'static str, cost: f64, hours: f64) -> ActionSpec {
    ActionSpec { key, name, cost, hours, requires: &[], pre: &[], post: &[], sets: &[] }
}

const ACTIONS: &[ActionSpec] = &[
    ActionSpec { requires: &[("design", 4)], post: &["design.ready"], ..action("A-DESIGN-UI", "Design the storefront UI", 2400.0, 24.0) },
    ActionSpec { requires: &[("copywriting", 3)], post: &["copy.ready"], ..action("A-WRITE-COPY", "Write product copy", 900.0, 12.0) },
    ActionSpec { requires: &[("design", 3)], post: &["images.ready"], ..action("A-PHOTO", "Produce product imagery", 1500.0, 16.0) },
    ActionSpec { requires: &[("web-dev", 4)], pre: &["design.ready"], post: &["site.built"], ..action("A-BUILD-SITE", "Build the storefront", 6000.0, 60.0) },
    ActionSpec { requires: &[("web-dev", 2)], pre: &["site.built", "copy.ready", "images.ready"], post: &["catalog.published"], ..action("A-LOAD-CATALOG", "Load the catalogue", 700.0, 8.0) },
    ActionSpec { requires: &[("payments", 4), ("web-dev", 3)], pre: &["site.built", "pci.certified"], post: &["payments.live"], ..action("A-SETUP-PAY", "Integrate the payment gateway", 3200.0, 30.0) },
    ActionSpec { requires: &[("web-dev", 3)], pre: &["catalog.published", "payments.live"], post: &["qa.passed"], ..action("A-QA", "Run end-to-end QA", 1200.0, 14.0) },
    ActionSpec { requires: &[("devops", 3)], pre: &["qa.passed"], post: &["site.deployed", "store.live"], ..action("A-DEPLOY", "Deploy to production", 400.0, 4.0) },
    ActionSpec { requires: &[("devops", 2)], pre: &["site.deployed"], post: &["monitoring.on"], ..action("A-MONITOR", "Set up monitoring and alerts", 500.0, 6.0) },
    ActionSpec { requires: &[("compliance", 4)], post: &["pci.certified"], ..action("A-PCI-SCAN", "Run the PCI DSS assessment", 2500.0, 20.0) },
    ActionSpec { requires: &[("compliance", 3)], post: &["gdpr.reviewed"], ..action("A-GDPR-REVIEW", "Review data processing for GDPR", 1800.0, 16.0) },
    ActionSpec { requires: &[("data-analysis", 3)], post: &["segments.ready"], ..action("A-SEGMENT", "Segment customers", 800.0, 10.0) },
    ActionSpec { requires: &[("copywriting", 3)], pre: &["segments.ready", "store.live"], post: &["campaign.sent"], ..action("A-EMAIL", "Send the email campaign", 600.0, 6.0) },
    ActionSpec { requires: &[("marketing", 3)], pre: &["segments.ready", "store.live"], post: &["ads.running"], ..action("A-ADS", "Launch paid ads", 5000.0, 8.0) },
    ActionSpec { requires: &[("data-analysis", 4), ("ml", 3)], post: &["elasticity.known"], ..action("A-PRICE-MODEL", "Fit a price elasticity model", 2000.0, 20.0) },
    ActionSpec { requires: &[("data-analysis", 2)], pre: &["elasticity.known", "catalog.published"], post: &["prices.updated"], ..action("A-PRICE-UPDATE", "Update catalogue prices", 300.0, 3.0) },
    ActionSpec { requires: &[("data-analysis", 3)], post: &["demand.forecast"], ..action("A-FORECAST", "Forecast demand", 700.0, 8.0) },
    ActionSpec { requires: &[("negotiation", 3)], pre: &["demand.forecast"], post: &["terms.agreed"], ..action("A-NEGOTIATE", "Negotiate supplier terms", 1000.0, 10.0) },
    ActionSpec { requires: &[("procurement", 3)], pre: &["terms.agreed"], post: &["stock.healthy"], sets: &[("stock.days_of_cover", 28)], ..action("A-REORDER", "Place purchase orders", 200.0, 2.0) },
    ActionSpec { requires: &[("logistics", 2)], post: &["orders.packed"], ..action("A-PICK-PACK", "Pick and pack orders", 150.0, 4.0) },
    ActionSpec { requires: &[("logistics", 3)], pre: &["orders.packed"], post: &["shipping.same_day", "orders.on_time"], ..action("A-SHIP", "Book same-day couriers", 250.0, 2.0) },
    ActionSpec { requires: &[("customer-support", 3)], post: &["support.fast"], ..action("A-TRIAGE", "Triage the support queue", 300.0, 6.0) },
    ActionSpec { requires: &[("copywriting", 2), ("customer-support", 2)], post: &["faq.published"], ..action("A-FAQ", "Write the help-centre FAQ", 600.0, 8.0) },
    ActionSpec { requires: &[("customer-support", 2)], pre: &["store.live"], post: &["nps.measured"], ..action("A-SURVEY", "Run an NPS survey", 200.0, 3.0) },
    // Express delivery (goal G-EXPRESS): one expensive step does it all, five cheaper ones
    // do it for less. Synthesis finds the cheap plan with A*; greedy takes the 3PL.
    ActionSpec { requires: &[("logistics", 3)], pre: &["warehouse.open"], post: &["delivery.express"], sets: &[("delivery.sla_hours", 24)], ..action("A-EXPRESS-3PL", "Outsource express delivery to a 3PL", 9000.0, 6.0) },
    ActionSpec { requires: &[("logistics", 2)], pre: &["warehouse.open"], post: &["zones.mapped"], ..action("A-COURIER-ZONES", "Map courier delivery zones", 400.0, 4.0) },
    ActionSpec { requires: &[("negotiation", 3)], pre: &["zones.mapped"], post: &["courier.contracted"], ..action("A-COURIER-RATES", "Negotiate express courier rates", 1200.0, 8.0) },
    ActionSpec { requires: &[("web-dev", 2)], post: &["tracking.live"], ..action("A-TRACKING", "Build the parcel tracking page", 600.0, 8.0) },
    ActionSpec { requires: &[("web-dev", 3)], pre: &["courier.contracted", "tracking.live"], post: &["delivery.express"], sets: &[("delivery.sla_hours", 36)], ..action("A-COURIER-API", "Integrate the courier booking API", 1500.0, 12.0) },
    ActionSpec { requires: &[("logistics", 3)], pre: &["zones.mapped"], sets: &[("delivery.sla_hours", 20)], ..action("A-LATE-CUTOFF", "Move the picking cut-off to 14:00", 300.0, 2.0) },
];

struct MethodSpec {
    key: &'static str,
    goal: &'static str,
    name: &'static str,
    priority: u8,
    ordered: bool,
    /// Facts that must be true.
    when: &'static [&'static str],
    /// `G-…` keys are sub-goals, the others actions.
    subtasks: &'static [&'static str],
}

const fn method(key: &'static str, goal: &'static str, name: &'static str, subtasks: &'static [&'static str]) -> MethodSpec {
    MethodSpec { key, goal, name, priority: 5, ordered: true, when: &[], subtasks }
}

/// From an empty world state G-SHOP decomposes into the ten actions of P-STORE: the
/// quick catalogue and wallet methods are skipped (their conditions fail), the others
/// apply.
const METHODS: &[MethodSpec] = &[
    method("M-SHOP", "G-SHOP", "Catalogue and payments, then go live", &["G-CATALOG", "G-PAY", "G-SITE"]),
    MethodSpec {
        priority: 7,
        when: &["site.built"],
        ..method("M-CATALOG-QUICK", "G-CATALOG", "Load onto the existing site", &["A-WRITE-COPY", "A-PHOTO", "A-LOAD-CATALOG"])
    },
    MethodSpec {
        ordered: false,
        ..method("M-CATALOG", "G-CATALOG", "Build the site and the content side by side", &["A-DESIGN-UI", "A-BUILD-SITE", "A-WRITE-COPY", "A-PHOTO", "A-LOAD-CATALOG"])
    },
    MethodSpec { priority: 7, when: &["payments.wallet_only"], ..method("M-PAY-WALLET", "G-PAY", "Wallets only", &["A-SETUP-PAY"]) },
    method("M-PAY", "G-PAY", "Certify, then integrate cards", &["G-PCI", "A-SETUP-PAY"]),
    method("M-PCI", "G-PCI", "Assess", &["A-PCI-SCAN"]),
    method("M-SITE", "G-SITE", "Test, deploy, watch", &["A-QA", "A-DEPLOY", "A-MONITOR"]),
];

/// (key, name, experience, capacity, active, capabilities with levels)
type AgentRow = (&'static str, &'static str, u32, f64, bool, &'static [(&'static str, u8)]);

const AGENTS: &[AgentRow] = &[
    ("AG-1", "Atlas — web engineering", 340, 80.0, true, &[("web-dev", 5), ("devops", 4), ("design", 2)]),
    ("AG-2", "Beacon — payments", 210, 60.0, true, &[("payments", 5), ("web-dev", 3), ("compliance", 3)]),
    ("AG-3", "Quill — content", 150, 40.0, true, &[("copywriting", 5), ("design", 3), ("marketing", 2)]),
    ("AG-4", "Sage — analytics", 280, 40.0, true, &[("data-analysis", 5), ("ml", 4)]),
    ("AG-5", "Cargo — logistics", 190, 60.0, true, &[("logistics", 5), ("procurement", 3)]),
    ("AG-6", "Haven — customer support", 120, 40.0, true, &[("customer-support", 5), ("copywriting", 2)]),
    ("AG-7", "Warden — compliance", 260, 30.0, true, &[("compliance", 5), ("devops", 2)]),
    ("AG-8", "Broker — procurement", 170, 30.0, true, &[("procurement", 5), ("negotiation", 4)]),
    ("AG-9", "Pixel — design", 90, 40.0, true, &[("design", 5), ("copywriting", 2)]),
    ("AG-10", "Echo — marketing", 60, 30.0, true, &[("marketing", 4), ("copywriting", 3), ("data-analysis", 3)]),
    ("AG-11", "Relay — night shift (paused)", 30, 20.0, false, &[("logistics", 3), ("customer-support", 3)]),
];

struct PlanSpec {
    key: &'static str,
    goal: &'static str,
    title: &'static str,
    priority: u8,
    /// Facts the plan takes as given (what the goals it depends on deliver).
    pre: &'static [&'static str],
    budget: Option<f64>,
    deadline: Option<&'static str>,
    steps: &'static [&'static str],
    /// (before, after) as 1-based step numbers.
    edges: &'static [(usize, usize)],
}

const PLANS: &[PlanSpec] = &[
    PlanSpec {
        key: "P-STORE",
        goal: "G-SHOP",
        title: "Store launch",
        priority: 9,
        pre: &[],
        budget: Some(25_000.0),
        deadline: Some("2027-03-31T17:00:00Z"),
        steps: &["A-DESIGN-UI", "A-WRITE-COPY", "A-PHOTO", "A-BUILD-SITE", "A-LOAD-CATALOG", "A-PCI-SCAN", "A-SETUP-PAY", "A-QA", "A-DEPLOY", "A-MONITOR"],
        edges: &[(1, 4), (2, 5), (3, 5), (4, 5), (4, 7), (6, 7), (5, 8), (7, 8), (8, 9), (9, 10)],
    },
    PlanSpec {
        key: "P-CAMPAIGN",
        goal: "G-MKT",
        title: "Spring campaign",
        priority: 6,
        pre: &["store.live"],
        budget: Some(8_000.0),
        deadline: Some("2027-04-30T17:00:00Z"),
        steps: &["A-SEGMENT", "A-WRITE-COPY", "A-EMAIL", "A-ADS", "A-SURVEY"],
        edges: &[(1, 3), (2, 3), (1, 4), (3, 5), (4, 5)],
    },
    PlanSpec {
        key: "P-RESTOCK",
        goal: "G-INV",
        title: "Quarterly restock",
        priority: 7,
        pre: &[],
        budget: Some(2_500.0),
        deadline: None,
        steps: &["A-FORECAST", "A-NEGOTIATE", "A-REORDER"],
        edges: &[(1, 2), (2, 3)],
    },
    PlanSpec {
        key: "P-PRICING",
        goal: "G-PRICE",
        title: "Elasticity-based pricing",
        priority: 5,
        pre: &["catalog.published"],
        budget: Some(2_000.0),
        deadline: None,
        steps: &["A-PRICE-MODEL", "A-PRICE-UPDATE"],
        edges: &[(1, 2)],
    },
    PlanSpec {
        key: "P-FULFIL",
        goal: "G-SHIP",
        title: "Same-day dispatch",
        priority: 6,
        pre: &[],
        budget: None,
        deadline: None,
        steps: &["A-PICK-PACK", "A-SHIP"],
        edges: &[(1, 2)],
    },
    PlanSpec {
        key: "P-SUPPORT",
        goal: "G-SUPPORT",
        title: "Support playbook",
        priority: 6,
        pre: &[],
        budget: Some(1_500.0),
        deadline: None,
        steps: &["A-TRIAGE", "A-FAQ"],
        edges: &[],
    },
];

/// Tasks made from P-STORE's steps: (step number, assignee, status).
const STORE_TASKS: &[(usize, Option<&str>, TaskStatus)] = &[
    (1, Some("AG-9"), TaskStatus::Done),
    (2, Some("AG-3"), TaskStatus::Done),
    (3, Some("AG-9"), TaskStatus::InProgress),
    (4, Some("AG-1"), TaskStatus::InProgress),
    (5, None, TaskStatus::Todo),
    (6, Some("AG-7"), TaskStatus::Blocked),
    (7, Some("AG-2"), TaskStatus::Todo),
    (8, None, TaskStatus::Todo),
    (9, None, TaskStatus::Todo),
    (10, None, TaskStatus::Todo),
];

/// Tasks of no plan: (title, effort, priority, deadline, assignee).
type LooseTask = (&'static str, f64, u8, Option<&'static str>, Option<&'static str>);

const LOOSE_TASKS: &[LooseTask] = &[
    ("Renew the shop domain", 1.0, 8, Some("2026-12-15T12:00:00Z"), None),
    ("Answer the backlog of 40 tickets", 10.0, 7, Some("2026-12-02T17:00:00Z"), Some("AG-6")),
    ("Audit supplier contracts", 6.0, 4, None, None),
    ("Prepare the board revenue report", 5.0, 6, Some("2026-12-20T09:00:00Z"), Some("AG-4")),
];

/// Builds the demo workspace in `store`, one gesture at a time.
pub fn build(store: &mut Store) -> Result<()> {
    for g in GOALS {
        let mut fields = GoalFields::titled(g.title);
        fields.priority = g.priority;
        fields.kind = g.kind;
        fields.mode = g.mode;
        fields.refinement = g.refinement;
        fields.postconditions = g.post.iter().map(|k| is(k)).collect();
        fields.description = format!("Demo goal: {}.", g.title.to_lowercase());
        if g.key == "G-REV" {
            fields.metrics.push(Metric { name: "revenue growth".into(), target: 15.0, current: 4.5, unit: "%".into() });
        }
        if g.key == "G-SUPPORT" {
            fields.metrics.push(Metric { name: "median first response".into(), target: 4.0, current: 6.5, unit: "h".into() });
        }
        if g.key == "G-EXPRESS" {
            fields.preconditions.push(is("warehouse.open"));
            fields.postconditions.push(Condition::new("delivery.sla_hours", Op::Le, Value::Int(24)));
        }
        if g.key == "G-INV" {
            fields.preconditions.push(Condition::new("warehouse.open", Op::Eq, Value::Bool(true)));
            fields.postconditions.push(Condition::new("stock.days_of_cover", Op::Ge, Value::Int(21)));
        }
        store.create_goal(Some(g.key), g.parent, &fields)?;
    }
    for (key, status) in [("G-REV", GoalStatus::Active), ("G-SHOP", GoalStatus::Active), ("G-OPS", GoalStatus::Active), ("G-COMP", GoalStatus::Active)] {
        store.set_goal_status(key, status)?;
    }
    store.set_goal_status("G-SHOP", GoalStatus::InProgress)?;
    for (goal, depends_on) in GOAL_DEPENDENCIES {
        store.add_goal_dependency(goal, depends_on)?;
    }
    for (from, to, kind) in CONTRIBUTIONS {
        store.set_goal_contribution(from, to, Some(*kind))?;
    }
    for a in ACTIONS {
        let mut fields = ActionFields::named(a.name, a.cost, a.hours);
        fields.requires = a.requires.iter().map(|(c, l)| CapabilityLevel::new(c, *l)).collect();
        fields.preconditions = a.pre.iter().map(|k| is(k)).collect();
        fields.effects = a.post.iter().map(|k| set(k)).collect();
        fields.effects.extend(a.sets.iter().map(|(k, v)| Effect::new(k, Value::Int(*v))));
        store.create_action(Some(a.key), &fields)?;
    }
    for m in METHODS {
        let subtasks = m.subtasks.iter().map(|k| if k.starts_with("G-") { Subtask::goal(k) } else { Subtask::action(k) }).collect();
        let fields = MethodFields { priority: m.priority, ordered: m.ordered, conditions: m.when.iter().map(|k| is(k)).collect(), ..MethodFields::named(m.name, subtasks) };
        store.create_method(Some(m.key), m.goal, &fields)?;
    }
    for (key, name, experience, capacity, active, caps) in AGENTS {
        let mut fields = AgentFields::named(name, *capacity);
        fields.experience = *experience;
        fields.active = *active;
        fields.capabilities = caps.iter().map(|(c, l)| CapabilityLevel::new(c, *l)).collect();
        store.create_agent(Some(key), &fields)?;
    }
    for p in PLANS {
        let mut fields = PlanFields::titled(p.title);
        fields.priority = p.priority;
        fields.budget = p.budget;
        fields.deadline = p.deadline.map(str::to_owned);
        fields.preconditions = p.pre.iter().map(|k| is(k)).collect();
        fields.postconditions = GOALS.iter().find(|g| g.key == p.goal).map(|g| g.post.iter().map(|k| is(k)).collect()).unwrap_or_default();
        store.create_plan(Some(p.key), p.goal, &fields)?;
        for action in p.steps {
            store.add_step(p.key, None, action, "")?;
        }
        for (before, after) in p.edges {
            store.add_edge(p.key, &format!("S{before}"), &format!("S{after}"))?;
        }
    }
    store.set_plan_status("P-STORE", PlanStatus::Active)?;
    let store_plan = &PLANS[0];
    for (i, (step, assignee, _)) in STORE_TASKS.iter().enumerate() {
        let action = ACTIONS.iter().find(|a| a.key == store_plan.steps[step - 1]).expect("demo steps name demo actions");
        let mut fields = TaskFields::titled(action.name, action.hours);
        fields.priority = store_plan.priority;
        fields.goal = Some(store_plan.goal.into());
        fields.step = Some(StepRef { plan: store_plan.key.into(), step: format!("S{step}") });
        let key = format!("T-{}", i + 1);
        store.create_task(Some(&key), &fields)?;
        if let Some(agent) = assignee {
            store.assign_task(&key, Some(agent))?;
        }
    }
    for (before, after) in store_plan.edges {
        store.add_task_dependency(&format!("T-{after}"), &format!("T-{before}"))?;
    }
    // Statuses last, in step order, so that every dependency is done before its dependant starts.
    for (i, (_, _, status)) in STORE_TASKS.iter().enumerate() {
        let key = format!("T-{}", i + 1);
        match status {
            TaskStatus::Todo => {}
            TaskStatus::Done => {
                store.set_task_status(&key, TaskStatus::InProgress)?;
                store.set_task_status(&key, TaskStatus::Done)?;
            }
            other => {
                store.set_task_status(&key, *other)?;
            }
        }
    }
    for (i, (title, effort, priority, deadline, assignee)) in LOOSE_TASKS.iter().enumerate() {
        let mut fields = TaskFields::titled(title, *effort);
        fields.priority = *priority;
        fields.deadline = deadline.map(str::to_owned);
        let key = format!("T-{}", 20 + i);
        store.create_task(Some(&key), &fields)?;
        if let Some(agent) = assignee {
            store.assign_task(&key, Some(agent))?;
        }
    }
    Ok(())
}

/// The demo workspace as an export document, ready for [`Store::import`] (one undoable step).
pub fn workspace_json() -> Result<String> {
    let mut scratch = Store::open_in_memory()?;
    build(&mut scratch)?;
    scratch.export_workspace()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_builds_and_is_as_rich_as_promised() {
        let mut store = crate::Store::open_in_memory().unwrap();
        super::build(&mut store).unwrap();
        assert!(store.actions().unwrap().len() >= 20);
        assert!(store.agents().unwrap().len() >= 8);
        assert!(store.goal_dependencies().unwrap().len() >= 3);
        let tasks = store.tasks(&Default::default()).unwrap();
        assert!(tasks.iter().any(|t| t.assignee.is_some()) && tasks.iter().any(|t| t.assignee.is_none()));
        assert!(store.plan("P-STORE").unwrap().edges.len() >= 8);
    }

    #[test]
    fn express_delivery_shows_a_star_beating_greedy() {
        use crate::synthesis::{SearchMode, SynthesisOptions};
        let mut store = crate::Store::open_in_memory().unwrap();
        super::build(&mut store).unwrap();
        let synth = |mode| {
            let options = SynthesisOptions { mode, agents_only: true, ..Default::default() };
            store.synthesize_plan("G-EXPRESS", &options).unwrap().plan().unwrap().clone()
        };
        // 400 + 1200 + 600 + 1500 + 300 against the 3PL's 9000.
        assert_eq!(synth(SearchMode::Optimal).cost, 4000.0);
        assert_eq!(synth(SearchMode::Greedy).cost, 9000.0);
    }

    #[test]
    fn every_demo_plan_validates_but_pricing_which_is_over_budget() {
        let mut store = crate::Store::open_in_memory().unwrap();
        super::build(&mut store).unwrap();
        let start = time::macros::datetime!(2027-01-04 09:00 UTC);
        for plan in super::PLANS {
            let report = store.validate_plan(plan.key, None, Some(start)).unwrap();
            if plan.key == "P-PRICING" {
                // 2,300 against a budget of 2,000: the demo's one realistic problem.
                let budget = report.budget.as_ref().unwrap();
                assert!(!report.valid && budget.over && budget.total_cost == 2300.0, "{report:#?}");
                assert!(report.broken_steps.is_empty() && report.unmet_postconditions.is_empty());
            } else {
                assert!(report.valid, "{report:#?}");
            }
        }
    }

    #[test]
    fn the_shop_decomposes_into_the_store_plans_actions() {
        let mut store = crate::Store::open_in_memory().unwrap();
        super::build(&mut store).unwrap();
        let d = store.decompose_goal("G-SHOP", &Default::default()).unwrap();
        let mut ours = d.actions.clone();
        let mut theirs: Vec<String> = store.plan("P-STORE").unwrap().steps.into_iter().map(|s| s.action).collect();
        ours.sort();
        theirs.sort();
        assert_eq!(ours, theirs);
        let skipped: Vec<&str> = d.tree.parts.iter().flat_map(|p| match p {
            crate::htn::Part::Goal { node } => node.skipped.iter().map(|s| s.method.as_str()).collect(),
            _ => vec![],
        }).collect();
        assert_eq!(skipped, ["M-CATALOG-QUICK", "M-PAY-WALLET"]);
    }
}
