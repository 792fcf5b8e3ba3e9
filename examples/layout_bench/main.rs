//! Benchmark driver for the layout module, used by `bench/layout_vs_dot.sh`.
//!
//! ```text
//! layout_bench gen <deep|wide> <nodes> <seed> <out-prefix>   writes <prefix>.json and .dot
//! layout_bench run <graph.json> <repeats> [<layout-out.json>] times `layered`
//! layout_bench phases <graph.json> <repeats>                 where `layered_json`'s time goes
//! layout_bench stable <graph.json> <seed>                     nodes moved by a one-node edit
//! layout_bench tree <nodes> <seed> <repeats>                  times `tidy_tree`
//! ```
//! Every command prints one JSON object on stdout.

mod dag_gen;

use std::time::{Duration, Instant};

use mabos_planner::layout::{
    layered, layered_stable, layered_with_progress, moved_nodes, tidy_tree, Layout, LayoutError,
    LayoutInput, LayoutOptions, LayoutPhase,
};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["gen", shape, n, seed, prefix] => generate(shape, n, seed, prefix),
        ["run", path, repeats] => run(path, repeats, None),
        ["run", path, repeats, out] => run(path, repeats, Some(out)),
        ["phases", path, repeats] => phases(path, repeats),
        ["stable", path, seed] => stable(path, seed),
        ["tree", n, seed, repeats] => tree(n, seed, repeats),
        _ => Err("usage: layout_bench gen|run|stable|tree ... (see the source)".to_owned()),
    };
    match result {
        Ok(line) => println!("{line}"),
        Err(message) => {
            eprintln!("layout_bench: {message}");
            std::process::exit(2);
        }
    }
}

fn number<T: std::str::FromStr>(text: &str) -> Result<T, String> {
    text.parse().map_err(|_| format!("not a number: {text}"))
}

fn read(path: &str) -> Result<LayoutInput, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))
}

fn failed(e: LayoutError) -> String {
    e.to_string()
}

fn generate(shape: &str, n: &str, seed: &str, prefix: &str) -> Result<String, String> {
    let shape = dag_gen::Shape::parse(shape).ok_or(format!("unknown shape {shape}"))?;
    let input = dag_gen::dag(shape, number(n)?, number(seed)?);
    let json = serde_json::to_string(&input).map_err(|e| e.to_string())?;
    std::fs::write(format!("{prefix}.json"), json).map_err(|e| e.to_string())?;
    std::fs::write(format!("{prefix}.dot"), dag_gen::to_dot(&input)).map_err(|e| e.to_string())?;
    Ok(format!(
        r#"{{"nodes":{},"edges":{}}}"#,
        input.nodes.len(),
        input.edges.len()
    ))
}

/// CPU time of this thread so far, where Linux tells it (in nanoseconds, unlike the
/// 10 ms ticks of `/proc/self/stat`). CPU time does not grow while other processes
/// hold the cores, so it is the fairer measure on a shared machine.
fn thread_cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// Median and best of several runs.
struct Timing {
    wall_median: Duration,
    wall_best: Duration,
    cpu_median: Option<Duration>,
}

/// Runs `f` `repeats` times; returns the last result and the timings.
fn timed<T>(repeats: usize, mut f: impl FnMut() -> T) -> (T, Timing) {
    let mut wall = Vec::with_capacity(repeats);
    let mut cpu = Vec::with_capacity(repeats);
    let mut last = None;
    for _ in 0..repeats.max(1) {
        let (start, start_cpu) = (Instant::now(), thread_cpu_time());
        last = Some(f());
        wall.push(start.elapsed());
        if let (Some(a), Some(b)) = (start_cpu, thread_cpu_time()) {
            cpu.push(b.saturating_sub(a));
        }
    }
    wall.sort();
    cpu.sort();
    let result = last.expect("at least one run");
    let timing = Timing {
        wall_median: wall[wall.len() / 2],
        wall_best: wall[0],
        cpu_median: (cpu.len() == wall.len()).then(|| cpu[cpu.len() / 2]),
    };
    (result, timing)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `"wall_ms":..,"best_ms":..,"cpu_ms":..` (cpu_ms is null where unknown).
fn timing_fields(t: &Timing) -> String {
    let cpu = t
        .cpu_median
        .map_or("null".to_owned(), |d| format!("{:.3}", ms(d)));
    format!(
        r#""wall_ms":{:.3},"best_ms":{:.3},"cpu_ms":{cpu}"#,
        ms(t.wall_median),
        ms(t.wall_best)
    )
}

fn run(path: &str, repeats: &str, out: Option<&str>) -> Result<String, String> {
    let input = read(path)?;
    let options = LayoutOptions::default();
    let (layout, timing) = timed(number(repeats)?, || layered(&input, &options));
    let layout = layout.map_err(failed)?;
    if let Some(out) = out {
        let json = serde_json::to_string(&layout).map_err(|e| e.to_string())?;
        std::fs::write(out, json).map_err(|e| e.to_string())?;
    }
    Ok(format!(
        r#"{{"nodes":{},"edges":{},{},"crossings":{}}}"#,
        input.nodes.len(),
        layout.edges.len(),
        timing_fields(&timing),
        layout.crossings
    ))
}

/// The steps of one `mabos-planner-cli layout` after start-up, timed apart (wall
/// clock, median of `repeats`): parsing the JSON, checking the graph and layering it,
/// ordering and x coordinates, routing and assembling the result, writing the JSON.
/// The layout's own phases are told apart by its progress reports.
fn phases(path: &str, repeats: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let options = LayoutOptions::default();
    let repeats: usize = number(repeats)?;
    let mut steps: [Vec<Duration>; 5] = Default::default();
    for _ in 0..repeats.max(1) {
        let start = Instant::now();
        let input: LayoutInput = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        let parsed = Instant::now();
        // The first report comes after layering, the routing one after the last
        // component is ordered and placed, and the final one when all is assembled.
        let (mut layered_at, mut ordered_at) = (None, None);
        let layout = layered_with_progress(&input, &options, None, &mut |p| match p.phase {
            LayoutPhase::Ordering if layered_at.is_none() => layered_at = Some(Instant::now()),
            LayoutPhase::Routing => ordered_at = Some(Instant::now()),
            _ => {}
        })
        .map_err(failed)?;
        let assembled = Instant::now();
        let json = serde_json::to_string(&layout).map_err(|e| e.to_string())?;
        let written = Instant::now();
        std::hint::black_box(json);
        let layered_at = layered_at.unwrap_or(parsed);
        let ordered_at = ordered_at.unwrap_or(layered_at);
        let bounds = [start, parsed, layered_at, ordered_at, assembled, written];
        for (step, pair) in steps.iter_mut().zip(bounds.windows(2)) {
            step.push(pair[1] - pair[0]);
        }
    }
    let names = [
        "parse",
        "check_and_layering",
        "ordering_and_x",
        "routing",
        "write",
    ];
    let fields: Vec<String> = names
        .iter()
        .zip(steps.iter_mut())
        .map(|(name, times)| {
            times.sort();
            format!(r#""{name}_ms":{:.3}"#, ms(times[times.len() / 2]))
        })
        .collect();
    Ok(format!("{{{}}}", fields.join(",")))
}

/// Lays out the graph, adds one node and edge, and counts the old nodes that moved in
/// a stable re-layout and in a fresh one.
fn stable(path: &str, seed: &str) -> Result<String, String> {
    let input = read(path)?;
    let options = LayoutOptions::default();
    let before = layered(&input, &options).map_err(failed)?;
    let edited = dag_gen::with_one_more(&input, number(seed)?);
    let (kept, timing) = timed(1, || layered_stable(&edited, &options, &before));
    let kept: Layout = kept.map_err(failed)?;
    let fresh = layered(&edited, &options).map_err(failed)?;
    let moved_kept = moved_nodes(&before, &kept, 0.5);
    let moved_fresh = moved_nodes(&before, &fresh, 0.5);
    Ok(format!(
        r#"{{"compared":{},"moved_stable":{},"moved_fresh":{},"crossings_before":{},"crossings_stable":{},"crossings_fresh":{},{}}}"#,
        moved_kept.compared,
        moved_kept.moved,
        moved_fresh.moved,
        before.crossings,
        kept.crossings,
        fresh.crossings,
        timing_fields(&timing)
    ))
}

fn tree(n: &str, seed: &str, repeats: &str) -> Result<String, String> {
    let options = LayoutOptions::default();
    let mut lines = Vec::new();
    for (name, input) in [
        ("random", dag_gen::tree(number(n)?, number(seed)?)),
        ("chain", dag_gen::chain(number(n)?)),
    ] {
        let (layout, timing) = timed(number(repeats)?, || tidy_tree(&input, &options));
        layout.map_err(failed)?;
        lines.push(format!(
            r#""{name}":{{"nodes":{},{}}}"#,
            input.nodes.len(),
            timing_fields(&timing)
        ));
    }
    Ok(format!("{{{}}}", lines.join(",")))
}
