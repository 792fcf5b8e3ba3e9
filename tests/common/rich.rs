//! A rich workspace, built through the public API: every field set to something other
//! than its default, conditions of every operator and value type, metrics,
//! contributions, dependencies (some reaching outside plan P-SHOP's part), every status.

use mabos_planner::*;

fn all_conditions() -> Vec<Condition> {
    vec![
        Condition::new("shop.live", Op::Eq, Value::Bool(true)),
        Condition::new("shop.region", Op::Ne, Value::Text("mars".into())),
        Condition::new("stock.level", Op::Lt, Value::Int(-3)),
        Condition::new("stock.ratio", Op::Le, Value::Number(0.25)),
        Condition::new("orders.count", Op::Gt, Value::Int(1_000_000_000_000)),
        Condition::new("orders.value", Op::Ge, Value::Number(3.0)),
        Condition::one_of("shop.tier", Op::In, vec![Value::Text("gold".into()), Value::Int(2), Value::Number(2.5), Value::Bool(false)]),
        Condition::one_of("shop.state", Op::NotIn, vec![Value::Text("closed".into())]),
    ]
}

fn all_effects() -> Vec<Effect> {
    vec![
        Effect::new("shop.live", Value::Bool(true)),
        Effect::new("stock.level", Value::Int(40)),
        Effect::new("stock.ratio", Value::Number(0.5)),
        Effect::new("shop.region", Value::Text("eu \"west\"".into())),
    ]
}

fn goal(title: &str, priority: u8, kind: GoalKind, mode: GoalMode, refinement: Refinement) -> GoalFields {
    GoalFields {
        title: title.into(),
        description: format!("Why: {title}."),
        priority,
        kind,
        mode,
        refinement,
        preconditions: vec![Condition::new("budget.approved", Op::Eq, Value::Bool(true))],
        postconditions: vec![Condition::new("done", Op::Ne, Value::Text("no".into()))],
        effects: vec![Effect::new("goal.touched", Value::Int(1))],
        metrics: vec![Metric { name: "progress".into(), target: 100.0, current: 12.5, unit: "%".into() }],
    }
}

fn action(name: &str, cost: f64, duration: f64, requires: &[(&str, u8)]) -> ActionFields {
    ActionFields {
        name: name.into(),
        description: format!("{name}, carefully."),
        cost,
        duration,
        requires: requires.iter().map(|(c, l)| CapabilityLevel::new(c, *l)).collect(),
        preconditions: all_conditions(),
        effects: all_effects(),
    }
}

fn agent(name: &str, capacity: f64, experience: u32, capabilities: &[(&str, u8)]) -> AgentFields {
    AgentFields {
        name: name.into(),
        experience,
        capacity,
        active: true,
        capabilities: capabilities.iter().map(|(c, l)| CapabilityLevel::new(c, *l)).collect(),
    }
}

fn task(title: &str, effort: f64, step: Option<(&str, &str)>, goal: Option<&str>) -> TaskFields {
    TaskFields {
        title: title.into(),
        description: format!("{title} (details)"),
        priority: 7,
        deadline: Some("2027-06-30T09:30:00+02:00".into()),
        effort,
        goal: goal.map(Into::into),
        step: step.map(|(plan, step)| StepRef { plan: plan.into(), step: step.into() }),
    }
}

fn walk_goal(s: &mut Store, key: &str, path: &[GoalStatus]) {
    for status in path {
        s.set_goal_status(key, *status).unwrap();
    }
}

pub fn rich(s: &mut Store) {
    use GoalKind::*;
    use GoalMode::*;
    use GoalStatus as G;
    use Refinement::*;

    s.create_capability("unused skill").unwrap();
    s.create_agent(Some("AG-WEB"), &agent("Web bot", 40.5, 120, &[("web", 4), ("db", 2)])).unwrap();
    s.create_agent(Some("AG-OPS"), &agent("Ops bot", 20.0, 3, &[("ops/deploy", 5)])).unwrap();
    s.create_agent(Some("AG-OLD"), &agent("Retired bot", 0.0, 999, &[("web", 1)])).unwrap();
    s.create_agent(Some("AG-IDLE"), &agent("Idle bot", 8.0, 0, &[])).unwrap();

    let mut root = goal("Grow revenue", 9, Hard, Achieve, And);
    root.metrics.push(Metric { name: "revenue".into(), target: 1e6, current: 2.5e4, unit: "EUR".into() });
    root.postconditions = all_conditions();
    s.create_goal(Some("G-ROOT"), None, &root).unwrap();
    let mut shop = goal("Launch shop", 8, Hard, Maintain, Or);
    shop.preconditions = all_conditions();
    shop.effects = all_effects();
    s.create_goal(Some("G-SHOP"), Some("G-ROOT"), &shop).unwrap();
    s.create_goal(Some("G-SHOP-UI"), Some("G-SHOP"), &goal("Shop front", 6, Hard, Achieve, And)).unwrap();
    s.create_goal(Some("G-SHOP-DB"), Some("G-SHOP"), &goal("Catalogue", 4, Hard, Query, Or)).unwrap();
    s.create_goal(Some("G-HAPPY"), Some("G-SHOP"), &goal("Happy customers", 3, Soft, Maintain, And)).unwrap();
    s.create_goal(Some("G-COST"), Some("G-ROOT"), &goal("No waste", 2, Soft, Avoid, Or)).unwrap();
    s.create_goal(Some("G-OLD"), None, &goal("Old brand", 1, Hard, Cease, And)).unwrap();

    walk_goal(s, "G-ROOT", &[G::Active, G::InProgress]);
    walk_goal(s, "G-SHOP", &[G::Active, G::InProgress, G::Failed, G::Active]);
    walk_goal(s, "G-SHOP-UI", &[G::Active, G::InProgress, G::Achieved]);
    walk_goal(s, "G-SHOP-DB", &[G::Active, G::Suspended]);
    walk_goal(s, "G-OLD", &[G::Abandoned]);
    s.add_goal_dependency("G-SHOP-UI", "G-SHOP-DB").unwrap();
    s.add_goal_dependency("G-HAPPY", "G-SHOP-UI").unwrap();
    // Both leave P-SHOP's part of the tree: left out of its export.
    s.add_goal_dependency("G-SHOP", "G-OLD").unwrap();
    s.add_goal_dependency("G-COST", "G-SHOP").unwrap();
    s.set_goal_contribution("G-HAPPY", "G-SHOP", Some(ContributionKind::Makes)).unwrap();
    s.set_goal_contribution("G-HAPPY", "G-SHOP-UI", Some(ContributionKind::Hurts)).unwrap();
    s.set_goal_contribution("G-HAPPY", "G-COST", Some(ContributionKind::Breaks)).unwrap();
    s.set_goal_contribution("G-COST", "G-SHOP", Some(ContributionKind::Helps)).unwrap();

    s.create_action(Some("A-BUILD"), &action("Build site", 500.25, 16.0, &[("web", 3), ("db", 1)])).unwrap();
    s.create_action(Some("A-TEST"), &action("Test site", 0.0, 4.5, &[])).unwrap();
    s.create_action(Some("A-SHIP"), &action("Deploy", 12.0, 0.5, &[("ops/deploy", 4)])).unwrap();
    s.create_action(Some("A-UNUSED"), &action("Never used", 1.0, 1.0, &[("unused skill", 1)])).unwrap();

    let plan = PlanFields {
        title: "Shop v1".into(),
        priority: 8,
        preconditions: all_conditions(),
        postconditions: vec![Condition::new("shop.live", Op::Eq, Value::Bool(true))],
        budget: Some(2500.75),
        deadline: Some("2027-03-01T12:00:00+02:00".into()),
        constraints: vec![Condition::new("spend", Op::Le, Value::Number(2500.75))],
    };
    s.create_plan(Some("P-SHOP"), "G-SHOP", &plan).unwrap();
    s.add_step("P-SHOP", None, "A-BUILD", "the whole site").unwrap();
    s.add_step("P-SHOP", None, "A-TEST", "smoke tests").unwrap();
    s.add_step("P-SHOP", None, "A-SHIP", "").unwrap();
    s.add_step("P-SHOP", Some("S10"), "A-TEST", "again").unwrap();
    s.add_edge("P-SHOP", "S1", "S2").unwrap();
    s.add_edge("P-SHOP", "S2", "S3").unwrap();
    s.add_edge("P-SHOP", "S1", "S10").unwrap();
    s.add_edge("P-SHOP", "S10", "S3").unwrap();
    s.set_plan_status("P-SHOP", PlanStatus::Active).unwrap();
    s.create_plan(Some("P-OLD"), "G-OLD", &PlanFields::titled("Wind down")).unwrap();
    s.add_step("P-OLD", None, "A-TEST", "").unwrap();
    s.set_plan_status("P-OLD", PlanStatus::Abandoned).unwrap();

    s.create_task(Some("T-1"), &task("Build the site", 16.5, Some(("P-SHOP", "S1")), Some("G-SHOP"))).unwrap();
    s.create_task(Some("T-2"), &task("Test the site", 4.0, Some(("P-SHOP", "S2")), Some("G-SHOP-UI"))).unwrap();
    s.create_task(Some("T-3"), &task("Ship it", 0.5, Some(("P-SHOP", "S3")), None)).unwrap();
    // Its goal is outside P-SHOP's part: left out of the plan export.
    s.create_task(Some("T-4"), &task("Test again", 2.0, Some(("P-SHOP", "S10")), Some("G-OLD"))).unwrap();
    s.create_task(Some("T-5"), &task("Write the announcement", 1.0, None, Some("G-ROOT"))).unwrap();
    s.create_task(Some("T-6"), &task("Old step", 1.0, Some(("P-OLD", "S1")), None)).unwrap();

    s.assign_task("T-1", Some("AG-WEB")).unwrap();
    s.set_task_status("T-1", TaskStatus::Done).unwrap();
    s.assign_task("T-2", Some("AG-WEB")).unwrap();
    s.add_task_dependency("T-2", "T-1").unwrap();
    s.set_task_status("T-2", TaskStatus::InProgress).unwrap();
    s.assign_task("T-3", Some("AG-OPS")).unwrap();
    s.add_task_dependency("T-3", "T-2").unwrap();
    // T-5 is outside P-SHOP: this link is left out of its export.
    s.add_task_dependency("T-3", "T-5").unwrap();
    s.set_task_status("T-3", TaskStatus::Blocked).unwrap();
    s.assign_task("T-4", Some("AG-OLD")).unwrap();
    s.set_task_status("T-4", TaskStatus::Failed).unwrap();
    let mut old = s.agent("AG-OLD").unwrap().fields;
    old.active = false;
    s.update_agent("AG-OLD", &old).unwrap();
    s.set_task_status("T-6", TaskStatus::InProgress).unwrap();
    s.set_task_status("T-6", TaskStatus::Todo).unwrap();
}
