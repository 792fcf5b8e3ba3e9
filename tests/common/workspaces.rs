//! The small workspaces the integration tests run on, each built through the public API
//! with the builders and described where it is built. A test file names the one it needs
//! (`workspaces::kitchen()`); none builds its own.

use super::builders::*;
use super::orphans;
use mabos_planner::htn::{MethodFields, Subtask};
use mabos_planner::*;

/// An in-memory store holding [`super::seeded`]'s small workspace of every kind of entity.
pub fn seeded() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    super::seeded(&mut store, |_| {});
    store
}

/// The assignment round worked out by hand in `tests/assignment.rs`. Plan P-1 (goal
/// G-1) has one step `S-<action>` per action:
///
/// ```text
/// action PAY (payments 3)   COPY (copy 1)   RARE (legal 2)   BOTH (payments 1, copy 4)
/// agent  AG-ANN   250 xp, 10 h (payments 4, copy 2)
///        AG-BOB     0 xp,  8 h (copy 5)
///        AG-CAT  3000 xp, 40 h (payments 5, legal 2), inactive
///        AG-DAN  1200 xp,  4 h (payments 3), holds T-HELD (p5, 3 h)
/// task   T-PAY   p8  2 h, due 2027-03-01 12:00, step PAY
///        T-COPY  p5  4 h, step COPY            T-ANY  p3  1 h
///        T-LOW   p1  1 h                       T-LEGAL p9 1 h, step RARE
///        T-BIG   p9 20 h                       T-BOTH  p9 1 h, step BOTH
///        T-BLOCK p9  1 h, blocked              T-DONE  p9 1 h, done
/// ```
pub fn assignment_round() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    goal("G-1").titled("Run the shop").create(&mut s);
    plan("P-1", "G-1").titled("Weekly work").create(&mut s);
    let actions: [(&str, &[(&str, u8)]); 4] =
        [("PAY", &[("payments", 3)]), ("COPY", &[("copy", 1)]), ("RARE", &[("legal", 2)]), ("BOTH", &[("payments", 1), ("copy", 4)])];
    for (key, requires) in actions {
        action(key).cost(0.0).requires(requires).create(&mut s);
        s.add_step("P-1", Some(&format!("S-{key}")), key, "").unwrap();
    }
    agent("AG-ANN").experience(250).capacity(10.0).capabilities(&[("payments", 4), ("copy", 2)]).create(&mut s);
    agent("AG-BOB").experience(0).capacity(8.0).capabilities(&[("copy", 5)]).create(&mut s);
    agent("AG-CAT").experience(3000).capacity(40.0).active(false).capabilities(&[("payments", 5), ("legal", 2)]).create(&mut s);
    agent("AG-DAN").experience(1200).capacity(4.0).capabilities(&[("payments", 3)]).create(&mut s);
    task("T-HELD").priority(5).effort(3.0).create(&mut s);
    s.assign_task("T-HELD", Some("AG-DAN")).unwrap();
    task("T-PAY").priority(8).effort(2.0).deadline("2027-03-01T12:00:00Z").step("P-1", "S-PAY").create(&mut s);
    task("T-COPY").priority(5).effort(4.0).step("P-1", "S-COPY").create(&mut s);
    task("T-ANY").priority(3).effort(1.0).create(&mut s);
    task("T-LOW").priority(1).effort(1.0).create(&mut s);
    task("T-LEGAL").priority(9).effort(1.0).step("P-1", "S-RARE").create(&mut s);
    task("T-BIG").priority(9).effort(20.0).create(&mut s);
    task("T-BOTH").priority(9).effort(1.0).step("P-1", "S-BOTH").create(&mut s);
    task("T-BLOCK").priority(9).effort(1.0).create(&mut s);
    s.set_task_status("T-BLOCK", TaskStatus::Blocked).unwrap();
    task("T-DONE").priority(9).effort(1.0).create(&mut s);
    s.set_task_status("T-DONE", TaskStatus::Done).unwrap();
    s
}

/// Goals, plans and tasks linked every way a deletion has to follow:
///
/// ```text
/// G-ROOT ─┬─ G-A ─┬─ G-A1 (metric; plan P-A1)      G-OTHER    G-SOFT (soft)
///         │ (P-A) └─ G-A2 (soft)
///         └─ G-B (plan P-B)
/// ```
/// Dependencies G-B → G-A1, G-A2 → G-A1, G-OTHER → G-B; contributions G-SOFT + G-A,
/// G-A2 - G-OTHER. Plans P-A (S1 → S2), P-A1 and P-B (S1 each), every step doing A-1
/// (web 2). Tasks: T-GOAL (goal G-A2), T-STEP (step P-A/S1, goal G-OTHER), T-B (step
/// P-B/S1, goal G-B), T-FREE; AG-1 (web 3) holds T-STEP and T-FREE, and T-STEP depends
/// on T-FREE. No row points at nothing.
pub fn linked_goals() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    goal("G-ROOT").titled("root").create(&mut s);
    goal("G-A").titled("a").under("G-ROOT").create(&mut s);
    goal("G-A1").titled("a1").under("G-A").metric("m", 1.0, 0.0, "").create(&mut s);
    goal("G-A2").titled("a2").under("G-A").soft().create(&mut s);
    goal("G-B").titled("b").under("G-ROOT").create(&mut s);
    goal("G-OTHER").titled("other").create(&mut s);
    goal("G-SOFT").titled("soft").soft().create(&mut s);
    s.add_goal_dependency("G-B", "G-A1").unwrap();
    s.add_goal_dependency("G-A2", "G-A1").unwrap();
    s.add_goal_dependency("G-OTHER", "G-B").unwrap();
    s.set_goal_contribution("G-SOFT", "G-A", Some(ContributionKind::Helps)).unwrap();
    s.set_goal_contribution("G-A2", "G-OTHER", Some(ContributionKind::Hurts)).unwrap();
    action("A-1").named("Work").cost(10.0).requires(&[("web", 2)]).create(&mut s);
    plan("P-A", "G-A").auto_step("A-1").auto_step("A-1").create(&mut s);
    plan("P-A1", "G-A1").auto_step("A-1").create(&mut s);
    plan("P-B", "G-B").auto_step("A-1").create(&mut s);
    s.add_edge("P-A", "S1", "S2").unwrap();
    task("T-GOAL").titled("goal").effort(2.0).goal("G-A2").create(&mut s);
    task("T-STEP").titled("step").effort(2.0).goal("G-OTHER").step("P-A", "S1").create(&mut s);
    task("T-B").titled("b").effort(2.0).goal("G-B").step("P-B", "S1").create(&mut s);
    task("T-FREE").titled("free").effort(2.0).create(&mut s);
    agent("AG-1").named("Bot").capabilities(&[("web", 3)]).create(&mut s);
    s.assign_task("T-STEP", Some("AG-1")).unwrap();
    s.assign_task("T-FREE", Some("AG-1")).unwrap();
    s.add_task_dependency("T-STEP", "T-FREE").unwrap();
    assert_eq!(orphans(&s), Vec::<String>::new());
    s
}

/// Plans ready to run, under goals refined both ways:
///
/// ```text
/// ROOT (and) ─┬─ G-SHOP: plan P-SHOP, build → test → launch, build → docs
///             └─ G-MKT (or) ─┬─ G-ADS: plan P-ADS, one 8 h step
///                            └─ G-SEO: plan P-SEO, two 3 h steps
/// ```
/// G-SHOP and P-SHOP need `shop.live`, which A-LAUNCH sets; A-TEST needs `shop.built`,
/// which A-BUILD sets (with `stock` 5). Every plan has priority 7 and deadline
/// 2027-01-01; step `Sn` has the note "note for Sn".
pub fn shop_and_marketing() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    goal("ROOT").create(&mut s);
    goal("G-SHOP").under("ROOT").post([is("shop.live")]).create(&mut s);
    goal("G-MKT").under("ROOT").refinement(Refinement::Or).create(&mut s);
    goal("G-ADS").under("G-MKT").create(&mut s);
    goal("G-SEO").under("G-MKT").create(&mut s);
    action("A-BUILD").cost(500.0).hours(10.0).effect("shop.built", true).effect("stock", 5).create(&mut s);
    action("A-TEST").cost(100.0).hours(4.0).pre([is("shop.built")]).effect("shop.tested", true).create(&mut s);
    action("A-LAUNCH").cost(50.0).hours(2.0).effect("shop.live", true).create(&mut s);
    action("A-DOCS").cost(20.0).hours(4.0).create(&mut s);
    action("A-ADS").cost(10.0).hours(8.0).create(&mut s);
    action("A-SEO").cost(10.0).hours(3.0).create(&mut s);
    let weekly = |key: &str, goal: &str| plan(key, goal).priority(7).deadline("2027-01-01T00:00:00Z");
    weekly("P-SHOP", "G-SHOP")
        .post([is("shop.live")])
        .step("S1", "A-BUILD")
        .note("note for S1")
        .step("S2", "A-TEST")
        .note("note for S2")
        .step("S3", "A-LAUNCH")
        .note("note for S3")
        .step("S4", "A-DOCS")
        .note("note for S4")
        .edge("S1", "S2")
        .edge("S2", "S3")
        .edge("S1", "S4")
        .create(&mut s);
    weekly("P-ADS", "G-ADS").step("S1", "A-ADS").note("note for S1").create(&mut s);
    weekly("P-SEO", "G-SEO").step("S1", "A-SEO").note("note for S1").step("S2", "A-SEO").note("note for S2").edge("S1", "S2").create(&mut s);
    s
}

/// Methods for a launch:
///
/// ```text
/// G-LAUNCH ─┬─ G-BUILD        G-ELSE
///           └─ G-SELL
/// ```
/// Methods: M-LAUNCH (G-LAUNCH: goal G-BUILD, goal G-SELL), M-BUILD-FAST (G-BUILD, p8,
/// when rush: A-HACK), M-BUILD (G-BUILD: A-DESIGN, A-CODE), M-SELL (G-SELL, unordered:
/// A-ADS, A-MAIL). Actions cost 10 and set one fact each: A-HACK and A-CODE (after
/// `designed`) `built`, A-DESIGN `designed`, A-ADS and A-MAIL (after `built`) `ads`, `mail`.
pub fn launch_methods() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    goal("G-LAUNCH").titled("Launch").create(&mut s);
    goal("G-BUILD").titled("Build").under("G-LAUNCH").create(&mut s);
    goal("G-SELL").titled("Sell").under("G-LAUNCH").create(&mut s);
    goal("G-ELSE").titled("Something else").create(&mut s);
    action("A-HACK").cost(10.0).effect("built", true).create(&mut s);
    action("A-DESIGN").cost(10.0).effect("designed", true).create(&mut s);
    action("A-CODE").cost(10.0).pre([is("designed")]).effect("built", true).create(&mut s);
    action("A-ADS").cost(10.0).pre([is("built")]).effect("ads", true).create(&mut s);
    action("A-MAIL").cost(10.0).pre([is("built")]).effect("mail", true).create(&mut s);
    s.create_method(Some("M-LAUNCH"), "G-LAUNCH", &MethodFields::named("Build, then sell", vec![Subtask::goal("G-BUILD"), Subtask::goal("G-SELL")])).unwrap();
    let fast = MethodFields { priority: 8, conditions: vec![is("rush")], ..MethodFields::named("Hack it", vec![Subtask::action("A-HACK")]) };
    s.create_method(Some("M-BUILD-FAST"), "G-BUILD", &fast).unwrap();
    s.create_method(Some("M-BUILD"), "G-BUILD", &MethodFields::named("Design, then code", vec![Subtask::action("A-DESIGN"), Subtask::action("A-CODE")])).unwrap();
    let sell = MethodFields { ordered: false, ..MethodFields::named("Ads and mail", vec![Subtask::action("A-ADS"), Subtask::action("A-MAIL")]) };
    s.create_method(Some("M-SELL"), "G-SELL", &sell).unwrap();
    s
}

/// A launch (goal G-L, which needs `site.live`; plan P-L, budget 2,000, deadline
/// 2027-01-01 23:00, constraint `site.down != true`): design (S1) then, in parallel,
/// enable maintenance mode (S2) and a smoke test that turns it off again (S3), then go
/// live (S4), which needs maintenance off.
pub fn launch_diamond() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    goal("G-L").titled("Launch").post([is("site.live")]).create(&mut s);
    action("A-DESIGN").cost(1000.0).hours(8.0).effect("design.ready", true).create(&mut s);
    action("A-MAINT-ON").cost(50.0).hours(1.0).pre([is("design.ready")]).effect("maintenance", true).create(&mut s);
    action("A-SMOKE").cost(200.0).hours(3.0).pre([is("design.ready")]).effect("maintenance", false).create(&mut s);
    action("A-LIVE").cost(100.0).hours(2.0).pre([eq("maintenance", false)]).effect("site.live", true).create(&mut s);
    plan("P-L", "G-L")
        .titled("Launch")
        .budget(2000.0)
        .deadline("2027-01-01T23:00:00Z")
        .constraints([Condition::new("site.down", Op::Ne, Value::Bool(true))])
        .step("S1", "A-DESIGN")
        .step("S2", "A-MAINT-ON")
        .step("S3", "A-SMOKE")
        .step("S4", "A-LIVE")
        .edge("S1", "S2")
        .edge("S1", "S3")
        .edge("S2", "S4")
        .edge("S3", "S4")
        .create(&mut s);
    s
}

/// Five goals, each titled with its key, created in the order of their numbers:
///
/// ```text
/// G-1 ─┬─ G-2 ─── G-4
///      └─ G-3
/// G-5
/// ```
pub fn goal_tree() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    goal("G-1").create(&mut s);
    goal("G-2").under("G-1").create(&mut s);
    goal("G-3").under("G-1").create(&mut s);
    goal("G-4").under("G-2").create(&mut s);
    goal("G-5").create(&mut s);
    s
}

/// [`goal_tree`] with tasks of two plans and three agents, in every status:
///
/// ```text
/// P-1 (G-1) and P-2 (G-2): one step S1 each, doing A-1. Agents AG-1, AG-2, AG-3 (idle), 20 h each.
/// task  priority  effort  goal  plan  assignee  status
/// T-1   5          1      G-1   P-1   AG-1      todo
/// T-2   8          2      G-1   P-1   AG-1      in progress
/// T-3   5          4      G-2   P-2   AG-1      blocked
/// T-4   2          8      G-2         AG-1      done
/// T-5   5         16            P-2   AG-2      failed
/// T-6   9          0.5                AG-2      todo
/// T-7   5         32      G-1                   todo
/// ```
pub fn task_board() -> Store {
    let mut s = goal_tree();
    action("A-1").named("a").create(&mut s);
    plan("P-1", "G-1").titled("one").auto_step("A-1").create(&mut s);
    plan("P-2", "G-2").titled("two").auto_step("A-1").create(&mut s);
    agent("AG-1").named("one").capacity(20.0).create(&mut s);
    agent("AG-2").named("two").capacity(20.0).create(&mut s);
    agent("AG-3").named("idle").capacity(20.0).create(&mut s);
    type Row<'a> = (&'a str, u8, f64, Option<&'a str>, Option<&'a str>, Option<&'a str>, TaskStatus);
    let tasks: [Row; 7] = [
        ("T-1", 5, 1.0, Some("G-1"), Some("P-1"), Some("AG-1"), TaskStatus::Todo),
        ("T-2", 8, 2.0, Some("G-1"), Some("P-1"), Some("AG-1"), TaskStatus::InProgress),
        ("T-3", 5, 4.0, Some("G-2"), Some("P-2"), Some("AG-1"), TaskStatus::Blocked),
        ("T-4", 2, 8.0, Some("G-2"), None, Some("AG-1"), TaskStatus::Done),
        ("T-5", 5, 16.0, None, Some("P-2"), Some("AG-2"), TaskStatus::Failed),
        ("T-6", 9, 0.5, None, None, Some("AG-2"), TaskStatus::Todo),
        ("T-7", 5, 32.0, Some("G-1"), None, None, TaskStatus::Todo),
    ];
    for (key, priority, effort, goal, plan, assignee, status) in tasks {
        let mut t = task(key).priority(priority).effort(effort).goal(goal);
        if let Some(plan) = plan {
            t = t.step(plan, "S1");
        }
        t.create(&mut s);
        s.assign_task(key, assignee).unwrap();
        // Done and failed are reached through in progress, as the life cycle requires.
        match status {
            TaskStatus::Todo => {}
            TaskStatus::Done | TaskStatus::Failed => {
                s.set_task_status(key, TaskStatus::InProgress).unwrap();
                s.set_task_status(key, status).unwrap();
            }
            _ => {
                s.set_task_status(key, status).unwrap();
            }
        }
    }
    s
}

/// Text to search:
///
/// ```text
/// goal   G-SHOP  "Launch the shop"       "Everything a shopper sees, live by spring."
/// goal   G-2     "Workshop for staff"    ""   (under G-SHOP)
/// goal   G-3     "Grow revenue"          "Sell more in the shop and at fairs."
/// action SHOP    "Build site"            "Pages, cart and payments."
/// action A-2     "Shopfront photos"      ""
/// agent  AG-1    "Web bot"               (web 4, payments 2)
/// agent  AG-2    "Ürsula Shopkeeper"     (none)
/// task   T-1     "Write shop copy"       ""
/// ```
pub fn searchable() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    goal("G-SHOP").titled("Launch the shop").described("Everything a shopper sees, live by spring.").create(&mut s);
    goal("G-2").titled("Workshop for staff").under("G-SHOP").create(&mut s);
    goal("G-3").titled("Grow revenue").described("Sell more in the shop and at fairs.").create(&mut s);
    action("SHOP").named("Build site").cost(500.0).hours(16.0).described("Pages, cart and payments.").create(&mut s);
    action("A-2").named("Shopfront photos").cost(50.0).hours(2.0).create(&mut s);
    agent("AG-1").named("Web bot").capacity(40.0).capabilities(&[("web", 4), ("payments", 2)]).create(&mut s);
    agent("AG-2").named("Ürsula Shopkeeper").capacity(10.0).create(&mut s);
    task("T-1").titled("Write shop copy").effort(2.0).create(&mut s);
    s
}

/// A kitchen: the cheapest way to dinner is to cook (2 + 3 + 4), not to hire a caterer
/// (12), and only the chef can cook.
///
/// ```text
/// goal   G-DINNER  pre: kitchen.open, guests >= 2   post: dinner.served, table.set
/// action cater      12  (catering 1)  kitchen.open → dinner.served
///        shop        2                kitchen.open → groceries
///        chop        3  (cooking 2)   groceries    → chopped
///        set-table   1                             → table.set
///        cook        4  (cooking 4)   chopped      → dinner.served
/// agent  AG-CHEF (cooking 4); AG-CATER (catering 5), inactive
/// ```
pub fn kitchen() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    action("cater").cost(12.0).requires(&[("catering", 1)]).pre([is("kitchen.open")]).effect("dinner.served", true).create(&mut s);
    action("shop").cost(2.0).pre([is("kitchen.open")]).effect("groceries", true).create(&mut s);
    action("chop").cost(3.0).requires(&[("cooking", 2)]).pre([is("groceries")]).effect("chopped", true).create(&mut s);
    action("set-table").cost(1.0).effect("table.set", true).create(&mut s);
    action("cook").cost(4.0).requires(&[("cooking", 4)]).pre([is("chopped")]).effect("dinner.served", true).create(&mut s);
    agent("AG-CHEF").named("Chef").capabilities(&[("cooking", 4)]).create(&mut s);
    agent("AG-CATER").named("Caterer").capabilities(&[("catering", 5)]).active(false).create(&mut s);
    goal("G-DINNER")
        .titled("Serve dinner")
        .pre([is("kitchen.open"), Condition::new("guests", Op::Ge, Value::Int(2))])
        .post([is("dinner.served"), is("table.set")])
        .create(&mut s);
    s
}
