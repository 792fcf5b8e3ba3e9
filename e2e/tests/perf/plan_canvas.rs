//! The plan canvas with big plans: a 1,000-step plan from the request to its first
//! frame, and the frame rate while a 5,000-step plan is panned. Measurements, not
//! tests: bench/app.sh runs them on a release build.

use super::harness::{big_plan_workspace, plan_graph_timing, App};
use super::{median, quantile};
use serde_json::Value;

/// Launches of the 1,000-step plan (`PLAN_LAUNCHES` in the environment overrides it).
const LAUNCHES: usize = 3;
const PAN_SECONDS: f64 = 5.0;

#[tokio::test]
#[ignore = "a measurement, not a test: bench/app.sh runs it on a release build"]
async fn big_plan_first_frame() {
    let seed = big_plan_workspace(1000);
    let (mut layout, mut render, mut shown) = (Vec::new(), Vec::new(), Vec::new());
    let mut by_phase: Vec<Vec<f64>> = vec![Vec::new(); PHASES.len()];
    let launches = std::env::var("PLAN_LAUNCHES").ok().and_then(|n| n.parse().ok()).unwrap_or(LAUNCHES);
    for _ in 0..launches {
        let app = App::start_seeded("perf-big-plan", &seed).await;
        settle_after_start(&app).await;
        app.click("[data-testid=nav-plans]").await;
        let [l, r, s] = plan_graph_timing(&app).await;
        let drawn = app.count("[data-testid=step-node]").await;
        let edges = app.count("[data-testid=plan-graph] .react-flow__edge").await;
        let view = app.client.execute("return document.querySelector('[data-testid=plan-graph] .react-flow__viewport').style.transform;", vec![]).await.unwrap();
        let split = phases(&app).await;
        println!("1,000-step plan: request to first frame {s:.0} ms (layout in Rust + IPC {l:.0} ms, render {r:.0} ms), {drawn} cards and {edges} edges drawn, viewport {view}");
        println!("  render by phase: {}", PHASES.iter().zip(&split).map(|(p, ms)| format!("{p} {ms:.0} ms")).collect::<Vec<_>>().join(", "));
        for (all, ms) in by_phase.iter_mut().zip(split) {
            all.push(ms);
        }
        layout.push(l);
        render.push(r);
        shown.push(s);
        app.stop().await;
    }
    println!(
        "1,000-step plan, median of {launches} launches: request to first frame {:.0} ms (layout in Rust + IPC {:.0} ms, render {:.0} ms)",
        median(&mut shown),
        median(&mut layout),
        median(&mut render)
    );
    println!(
        "  render by phase, medians: {}",
        PHASES.iter().zip(&mut by_phase).map(|(p, all)| format!("{p} {:.0} ms", median(all))).collect::<Vec<_>>().join(", ")
    );
}

/// Waits until the app has drawn its first view (the goal tree's rows, a start-up mark)
/// and a second more, so that the plan's first frame is measured on a window done
/// starting: right after launch, WebKit's first frames come late whatever the page draws
/// (the start-up figures are measured on their own, in main.rs).
async fn settle_after_start(app: &App) {
    for _ in 0..200 {
        let drawn = app.client.execute("return performance.getEntriesByName('goal-tree-rows').length > 0;", vec![]).await.unwrap();
        if drawn == Value::Bool(true) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
}

/// The render's phases the canvas measures (PlanCanvas.tsx): node and edge arrays built
/// from the answer, React's commit of the canvas, xyflow's nodes ready, first frame painted.
const PHASES: [&str; 4] = ["build", "commit", "xyflow", "paint"];

/// The phases' durations of the first drawing, in ms (NaN for one not measured).
async fn phases(app: &App) -> Vec<f64> {
    let names: Vec<Value> = PHASES.iter().map(|p| Value::from(format!("plan-graph:{p}"))).collect();
    let v = app
        .client
        .execute("return arguments[0].map((n) => performance.getEntriesByName(n)[0]?.duration ?? null);", vec![Value::from(names)])
        .await
        .unwrap();
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap_or(f64::NAN)).collect()
}

#[tokio::test]
#[ignore = "a measurement, not a test: bench/app.sh runs it on a release build"]
async fn big_plan_pan_frame_rate() {
    let app = App::start_seeded("perf-pan", &big_plan_workspace(5000)).await;
    settle_after_start(&app).await;
    app.click("[data-testid=nav-plans]").await;
    let [_, _, shown] = plan_graph_timing(&app).await;
    println!("5,000-step plan: request to first frame {shown:.0} ms");
    // What this webview manages with nothing to draw: the ceiling for the figures below.
    let idle = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; let n = 0; const start = performance.now();
             const frame = (t) => { n += 1; if (t - start > 2000) done(n / ((t - start) / 1000)); else requestAnimationFrame(frame); };
             requestAnimationFrame(frame);",
            vec![],
        )
        .await
        .unwrap();
    println!("idle page: {:.1} frames a second", idle.as_f64().unwrap_or_default());
    // Zoomed out as far as it goes (Fit view: a plan this big opens on its first steps);
    // then zoomed in on one step (find-and-zoom), where whole cards are drawn.
    app.click("[data-testid=plan-graph] .react-flow__controls-fitview").await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    pan(&app, "zoomed out (Fit view)").await;
    app.fill("[data-testid=find-step]", "S2500").await;
    app.client.execute("document.querySelector('[data-testid=find-step]').form.requestSubmit();", vec![]).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    pan(&app, "zoomed in on a step").await;
    app.stop().await;
}

/// Drags the canvas to and fro for PAN_SECONDS, one mouse move per animation frame (as
/// a hand on a 60 Hz mouse would), and prints the frame rate seen by
/// requestAnimationFrame: median and 5th percentile of 1000 / frame interval.
async fn pan(app: &App, label: &str) {
    let result = app
        .client
        .execute_async(
            "const [seconds, done] = [arguments[0], arguments[arguments.length - 1]];
             const pane = document.querySelector('[data-testid=plan-graph] .react-flow__pane');
             const viewport = document.querySelector('[data-testid=plan-graph] .react-flow__viewport');
             const box = pane.getBoundingClientRect();
             let x = box.left + box.width / 2, y = box.top + box.height / 2, dx = 8, run = 0;
             const at = (type) => new MouseEvent(type, { bubbles: true, cancelable: true, view: window, clientX: x, clientY: y, button: 0, buttons: 1 });
             pane.dispatchEvent(at('mousedown'));
             const times = [], work = [];
             let moved = 0, last = viewport.style.transform;
             const start = performance.now();
             const frame = (t) => {
               times.push(t);
               if (viewport.style.transform !== last) { moved += 1; last = viewport.style.transform; }
               if (t - start > seconds * 1000) {
                 window.dispatchEvent(at('mouseup'));
                 done({ times, work, moved, zoom: viewport.style.transform, cards: document.querySelectorAll('[data-testid=step-node]').length });
                 return;
               }
               x += dx; run += Math.abs(dx);
               if (run >= 400) { run = 0; dx = -dx; }
               // The page's own work for this move: the pan handler, then React's render,
               // which runs in a microtask queued before this one.
               const t0 = performance.now();
               window.dispatchEvent(at('mousemove'));
               queueMicrotask(() => work.push(performance.now() - t0));
               requestAnimationFrame(frame);
             };
             requestAnimationFrame(frame);",
            vec![Value::from(PAN_SECONDS)],
        )
        .await
        .expect("the pan runs in the page");
    let times: Vec<f64> = result["times"].as_array().unwrap().iter().filter_map(Value::as_f64).collect();
    let mut fps: Vec<f64> = times.windows(2).map(|w| 1000.0 / (w[1] - w[0]).max(0.001)).collect();
    fps.sort_by(f64::total_cmp);
    let p5 = quantile(&fps, 0.05);
    let mid = median(&mut fps);
    let mut work: Vec<f64> = result["work"].as_array().unwrap().iter().filter_map(Value::as_f64).collect();
    work.sort_by(f64::total_cmp);
    let work_p95 = quantile(&work, 0.95);
    let work_mid = median(&mut work);
    let mean = (times.len() - 1) as f64 / ((times[times.len() - 1] - times[0]) / 1000.0);
    println!(
        "5,000-step plan, pan {label}: {} frames in {PAN_SECONDS} s ({mean:.1} fps on average), fps median {mid:.1}, 5th percentile {p5:.1}; the page's work per move {work_mid:.1} ms median, {work_p95:.1} ms 95th percentile; viewport moved on {} frames; {} cards in the page; {}",
        times.len(),
        result["moved"],
        result["cards"],
        result["zoom"].as_str().unwrap_or_default()
    );
}
