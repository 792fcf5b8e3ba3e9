//! The execution subcommands as a script would use them: start-plan, task-done,
//! task-fail, repair, monitor and world, on the demo workspace.


mod common;
use common::cli::Cli;

#[test]
fn run_a_plan_from_the_command_line() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    // P-FULFIL: pick and pack (4 h) → ship (2 h), for goal G-SHIP.
    let started = cli.ok(&["start-plan", "P-FULFIL"]);
    assert_eq!(started, "started P-FULFIL: goal G-SHIP is in_progress\ntasks: T-11, T-12\nready: T-11\n");
    assert!(cli.fails(&["start-plan", "P-FULFIL"]).contains("plan P-FULFIL cannot go from active to active"));
    assert!(cli.fails(&["task-done", "T-12"]).contains("task T-12 waits on T-11, which is not done"));

    assert_eq!(cli.ok(&["task-done", "T-11"]), "T-11 done\nfact orders.packed = true\nnow ready: T-12\n");
    // The demo's two done tasks recorded their effects when the demo was built.
    assert_eq!(cli.ok(&["world"]), "copy.ready = true\ndesign.ready = true\norders.packed = true\n");

    let monitor: serde_json::Value = serde_json::from_str(&cli.ok(&["monitor", "--json", "--now", "2026-01-01T00:00:00Z"])).unwrap();
    let fulfil = monitor["active_plans"].as_array().unwrap().iter().find(|p| p["plan"] == "P-FULFIL").unwrap();
    assert_eq!((fulfil["done_effort"].as_f64(), fulfil["total_effort"].as_f64()), (Some(4.0), Some(6.0)));
    assert!(monitor["ready"].as_array().unwrap().iter().any(|t| t["key"] == "T-12"));
    let text = cli.ok(&["monitor", "--now", "2026-01-01T00:00:00Z"]);
    assert!(text.contains("  P-FULFIL for G-SHIP: 67% (1/2 tasks, 4 of 6 h)\n"), "{text}");
    assert!(text.contains("  T-9 Deploy to production [p9, 4 h]: waits on T-8\n"), "{text}");

    assert_eq!(
        cli.ok(&["task-done", "T-12"]),
        "T-12 done\nfact shipping.same_day = true\nfact orders.on_time = true\nplan P-FULFIL completed; goal G-SHIP achieved (was in_progress)\n"
    );
    assert!(cli.ok(&["goals"]).contains("G-SHIP Ship paid orders the same day [achieved"));
}

#[test]
fn fail_and_repair_from_the_command_line() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    cli.ok(&["start-plan", "P-FULFIL"]);
    assert!(cli.fails(&["repair", "T-11"]).contains("task T-11: status is todo: only a failed task can be repaired"));
    let failed = cli.ok(&["task-fail", "T-11"]);
    assert_eq!(
        failed,
        "T-11 failed\nrepair of T-11 (step P-FULFIL/S1, action A-PICK-PACK):\n  no other action produces its effects with its preconditions holding\n"
    );
    assert_eq!(cli.ok(&["repair", "T-11"]), failed.trim_start_matches("T-11 failed\n"));
    let refused = cli.fails(&["repair", "T-11", "--apply"]);
    assert!(refused.contains("task T-11 cannot be repaired: no other action in the library produces the effects of A-PICK-PACK"), "{refused}");
    let refused = cli.fails(&["repair", "T-11", "--apply", "--action", "A-SHIP"]);
    assert!(refused.contains("A-SHIP does not produce orders.packed = true"), "{refused}");
    // A task not made from a plan step fails without repair options.
    assert_eq!(cli.ok(&["task-fail", "T-20"]), "T-20 failed\nno repair: task T-20: step is not set: only a task made from a plan step can be repaired\n");
}

#[test]
fn world_facts_from_the_command_line() {
    let cli = Cli::new();
    assert_eq!(cli.ok(&["world", "set", "stock.days", "21"]), "stock.days = 21\n");
    assert_eq!(cli.ok(&["world", "set", "stock.days", "2.5"]), "stock.days = 2.5 (was 21)\n");
    assert_eq!(cli.ok(&["world", "set", "region", "eu"]), "region = \"eu\"\n");
    assert_eq!(cli.ok(&["world", "set", "live", "true"]), "live = true\n");
    assert_eq!(cli.ok(&["world"]), "live = true\nregion = \"eu\"\nstock.days = 2.5\n");
    assert_eq!(cli.ok(&["world", "unset", "live"]), "live unset (was true)\n");
    assert!(cli.fails(&["world", "unset", "live"]).contains("no fact has the key \"live\""));
    assert!(cli.fails(&["world", "set", "a b", "1"]).contains("fact a b: key must not contain white space"));
    assert!(cli.fails(&["world", "set", "x", "[1]"]).contains("a fact's value is true, false, a number or a text"));
    cli.ok(&["undo"]);
    assert_eq!(cli.ok(&["world"]), "live = true\nregion = \"eu\"\nstock.days = 2.5\n");
}
