//! The plan's timeline as an inline SVG Gantt chart: per step a bar at its earliest
//! start with its slack after it (critical bars in the accent colour), and once the plan
//! runs, below it what its task actually did and where the rest is expected to run; a
//! "now" line, and the deadline when it falls near the plan.

use super::text::{hours, label, px, text};
use crate::schedule::PlanTimeline;
use std::fmt::Write;

const LABEL_W: f64 = 96.0;
const CHART_W: f64 = 760.0;
const AXIS_H: f64 = 24.0;
const ROW_H: f64 = 28.0;
/// The narrowest bar drawn, so that a zero-length step still shows.
const MIN_BAR: f64 = 2.0;
/// A deadline further out than this many times the plan's span is named, not drawn.
const DEADLINE_REACH: f64 = 3.0;

/// The `<svg>` element of `timeline`'s chart, its first `rows` steps.
pub(super) fn gantt_svg(timeline: &PlanTimeline, rows: usize) -> String {
    let steps = &timeline.steps[..rows.min(timeline.steps.len())];
    let plan_span = steps
        .iter()
        .map(|s| (s.earliest_finish + s.slack).max(s.projected_finish))
        .fold(timeline.duration_hours.max(timeline.now), f64::max);
    let deadline = timeline.deadline.filter(|d| *d >= 0.0 && *d <= plan_span.max(1.0) * DEADLINE_REACH);
    let span = deadline.map_or(plan_span, |d| plan_span.max(d));
    let span = if span > 0.0 { span } else { 1.0 };
    let scale = CHART_W / span;
    let x = |h: f64| LABEL_W + h.max(0.0) * scale;
    let height = AXIS_H + ROW_H * steps.len() as f64 + 8.0;
    let width = LABEL_W + CHART_W + 40.0;

    let mut svg = String::with_capacity(600 + 700 * steps.len());
    let _ = write!(
        svg,
        r#"<svg class="gantt" role="img" aria-label="Timeline" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#,
        w = px(width),
        h = px(height)
    );
    let step = tick_step(span);
    let mut t = 0.0;
    while t <= span + 1e-9 {
        let _ = write!(
            svg,
            r#"<line class="grid" x1="{x}" y1="{y0}" x2="{x}" y2="{y1}"/><text x="{x}" y="14" text-anchor="middle">{t} h</text>"#,
            x = px(x(t)),
            y0 = px(AXIS_H - 4.0),
            y1 = px(height - 4.0),
            t = px(t)
        );
        t += step;
    }
    for (i, s) in steps.iter().enumerate() {
        let top = AXIS_H + ROW_H * i as f64;
        let critical = if s.critical { " critical" } else { "" };
        let _ = write!(
            svg,
            r#"<g class="row{critical}" data-step="{k}"><title>{k} ({a}): planned {es} to {ef}, slack {sl}</title><text x="4" y="{ty}">{kl}</text>"#,
            k = text(&s.step),
            a = text(&s.action),
            es = hours(s.earliest_start),
            ef = hours(s.earliest_finish),
            sl = hours(s.slack),
            ty = px(top + 14.0),
            kl = label(&s.step, 12),
        );
        let _ = write!(
            svg,
            r#"<rect class="bar{critical}" x="{x}" y="{y}" width="{w}" height="12" rx="2"/>"#,
            x = px(x(s.earliest_start)),
            y = px(top + 4.0),
            w = px((s.duration * scale).max(MIN_BAR))
        );
        if s.slack > 0.0 {
            let _ = write!(
                svg,
                r#"<rect class="slack" x="{x}" y="{y}" width="{w}" height="12"/>"#,
                x = px(x(s.earliest_finish)),
                y = px(top + 4.0),
                w = px(s.slack * scale)
            );
        }
        if timeline.started {
            if let Some(start) = s.actual_start {
                let end = s.actual_finish.unwrap_or(timeline.now).max(start);
                let _ = write!(
                    svg,
                    r#"<rect class="actual" x="{x}" y="{y}" width="{w}" height="6"/>"#,
                    x = px(x(start)),
                    y = px(top + 19.0),
                    w = px(((end - start) * scale).max(MIN_BAR))
                );
            }
            if s.actual_finish.is_none() {
                let from = s.actual_start.map_or(s.projected_start, |_| timeline.now.max(s.projected_start));
                let _ = write!(
                    svg,
                    r#"<rect class="projected" x="{x}" y="{y}" width="{w}" height="6"/>"#,
                    x = px(x(from)),
                    y = px(top + 19.0),
                    w = px(((s.projected_finish - from) * scale).max(MIN_BAR))
                );
            }
        }
        svg.push_str("</g>");
    }
    if let Some(d) = deadline {
        let _ = write!(
            svg,
            r#"<line class="deadline" x1="{x}" y1="{y0}" x2="{x}" y2="{y1}"/><text class="deadline-label" x="{tx}" y="{ty}">deadline</text>"#,
            x = px(x(d)),
            y0 = px(AXIS_H - 4.0),
            y1 = px(height - 4.0),
            tx = px(x(d) + 4.0),
            ty = px(height - 6.0)
        );
    }
    let _ = write!(
        svg,
        r#"<line class="now" x1="{x}" y1="{y0}" x2="{x}" y2="{y1}"/><text class="now-label" x="{tx}" y="{ty}">now</text></svg>"#,
        x = px(x(timeline.now)),
        y0 = px(AXIS_H - 4.0),
        y1 = px(height - 4.0),
        tx = px(x(timeline.now) + 4.0),
        ty = px(AXIS_H + 8.0)
    );
    svg
}

/// Hours between grid lines: a round step giving at most 12 of them.
fn tick_step(span: f64) -> f64 {
    let mut step = 0.25;
    for candidate in [0.25, 0.5, 1.0, 2.0, 4.0, 6.0, 12.0, 24.0, 48.0, 168.0, 336.0, 720.0] {
        step = candidate;
        if span / candidate <= 12.0 {
            return step;
        }
    }
    while span / step > 12.0 {
        step *= 2.0;
    }
    step
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::StepBar;
    use crate::TaskStatus;

    fn bar(step: &str, es: f64, d: f64, slack: f64) -> StepBar {
        StepBar {
            step: step.into(),
            action: "A-1".into(),
            duration: d,
            earliest_start: es,
            earliest_finish: es + d,
            slack,
            critical: slack == 0.0,
            task: None,
            status: None,
            actual_start: None,
            actual_finish: None,
            projected_start: es,
            projected_finish: es + d,
        }
    }

    fn timeline(steps: Vec<StepBar>, started: bool, now: f64, deadline: Option<f64>) -> PlanTimeline {
        PlanTimeline {
            plan: "P-1".into(),
            origin: "2026-01-01T00:00:00.000Z".into(),
            started,
            now,
            duration_hours: 4.0,
            projected_finish: 4.0,
            deadline,
            steps,
            edges: Vec::new(),
        }
    }

    /// Coordinates are written to one decimal.
    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() <= 0.05
    }

    fn attr(element: &str, name: &str) -> f64 {
        let at = element.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        element[at..].split('"').next().unwrap().parse().unwrap()
    }

    #[test]
    fn bars_start_at_the_earliest_start_with_their_slack_after_them() {
        let svg = gantt_svg(&timeline(vec![bar("S1", 0.0, 2.0, 0.0), bar("S2", 0.0, 1.0, 3.0), bar("S3", 2.0, 2.0, 0.0)], false, 0.0, None), 100);
        assert_eq!(svg.matches("<rect class=\"bar").count(), 3);
        assert_eq!(svg.matches("<rect class=\"bar critical\"").count(), 2);
        let bars: Vec<&str> = svg.split("<rect class=\"bar").skip(1).collect();
        let scale = CHART_W / 4.0;
        assert!(near(attr(bars[2], "x"), LABEL_W + 2.0 * scale));
        assert_eq!(attr(bars[0], "width"), 2.0 * scale);
        // Only S2 has slack: 3 hours, from its finish.
        let slack: Vec<&str> = svg.split("<rect class=\"slack\"").skip(1).collect();
        assert_eq!(slack.len(), 1);
        assert_eq!(attr(slack[0], "x"), LABEL_W + scale);
        assert_eq!(attr(slack[0], "width"), 3.0 * scale);
        // Not started: no actual or projected bars, and the "now" line at hour 0.
        assert!(!svg.contains("class=\"actual\"") && !svg.contains("class=\"projected\""));
        assert_eq!(attr(svg.split("<line class=\"now\"").nth(1).unwrap(), "x1"), LABEL_W);
    }

    #[test]
    fn a_running_plan_shows_what_happened_and_what_is_expected() {
        let mut done = bar("S1", 0.0, 2.0, 0.0);
        (done.status, done.actual_start, done.actual_finish) = (Some(TaskStatus::Done), Some(0.0), Some(3.0));
        (done.projected_start, done.projected_finish) = (0.0, 3.0);
        let mut running = bar("S2", 2.0, 2.0, 0.0);
        (running.status, running.actual_start) = (Some(TaskStatus::InProgress), Some(3.0));
        (running.projected_start, running.projected_finish) = (3.0, 5.0);
        let svg = gantt_svg(&timeline(vec![done, running], true, 4.0, Some(6.0)), 100);
        assert_eq!(svg.matches("<rect class=\"actual\"").count(), 2);
        // The done step has nothing left to project; the running one, from now to its finish.
        let projected: Vec<&str> = svg.split("<rect class=\"projected\"").skip(1).collect();
        assert_eq!(projected.len(), 1);
        let scale = CHART_W / 6.0;
        assert!(near(attr(projected[0], "x"), LABEL_W + 4.0 * scale));
        assert!(near(attr(svg.split("<line class=\"now\"").nth(1).unwrap(), "x1"), LABEL_W + 4.0 * scale));
        assert!(near(attr(svg.split("<line class=\"deadline\"").nth(1).unwrap(), "x1"), LABEL_W + 6.0 * scale));
    }

    #[test]
    fn a_far_deadline_does_not_squash_the_chart_and_rows_are_bounded() {
        let steps = (0..10).map(|i| bar(&format!("S{i}"), 0.0, 4.0, 0.0)).collect();
        let svg = gantt_svg(&timeline(steps, false, 0.0, Some(10_000.0)), 3);
        assert!(!svg.contains("class=\"deadline\""));
        assert_eq!(svg.matches("<g class=\"row").count(), 3);
        assert!(svg.matches("<line class=\"grid\"").count() <= 13);
    }

    #[test]
    fn grid_steps_are_round() {
        assert_eq!(tick_step(3.0), 0.25);
        assert_eq!(tick_step(10.0), 1.0);
        assert_eq!(tick_step(100.0), 12.0);
        assert!(100_000.0 / tick_step(100_000.0) <= 12.0);
    }
}
