//! The plan's step graph as inline SVG, placed by the layered layout the app uses: one
//! box per step (key and action), every precedence edge along its route with an
//! arrowhead, the critical steps and edges in the accent colour.

use super::text::{label, px, text};
use crate::layout::{layered, EdgeSpec, LayoutInput, LayoutOptions, NodeBox};
use crate::Result;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// A step's box, in SVG units.
const NODE_W: f64 = 220.0;
const NODE_H: f64 = 46.0;
const MARGIN: f64 = 16.0;
/// The longest label in a box, in characters.
const LABEL_CHARS: usize = 30;

/// One step as the graph draws it.
pub(super) struct GraphStep<'a> {
    pub key: &'a str,
    /// The action's key and name.
    pub action: &'a str,
    pub critical: bool,
}

/// One precedence edge as the graph draws it.
pub(super) struct GraphEdge<'a> {
    pub before: &'a str,
    pub after: &'a str,
    pub critical: bool,
}

/// The `<svg>` element of the graph of `steps` joined by `edges` (a DAG).
pub(super) fn graph_svg(steps: &[GraphStep], edges: &[GraphEdge]) -> Result<String> {
    let input = LayoutInput {
        nodes: steps.iter().map(|s| NodeBox { id: s.key.to_owned(), width: NODE_W, height: NODE_H }).collect(),
        edges: edges.iter().map(|e| EdgeSpec { source: e.before.to_owned(), target: e.after.to_owned() }).collect(),
    };
    let layout = layered(&input, &LayoutOptions::default())?;

    // The drawing's extent: every box and every bend, shifted to start at the margin.
    let (mut x0, mut y0, mut x1, mut y1) = (0.0_f64, 0.0_f64, 0.0_f64, 0.0_f64);
    let mut first = true;
    let mut grow = |x: f64, y: f64, w: f64, h: f64| {
        if first {
            (x0, y0, x1, y1) = (x - w, y - h, x + w, y + h);
            first = false;
        } else {
            (x0, y0, x1, y1) = (x0.min(x - w), y0.min(y - h), x1.max(x + w), y1.max(y + h));
        }
    };
    for n in &layout.nodes {
        grow(n.x, n.y, NODE_W / 2.0, NODE_H / 2.0);
    }
    for p in layout.edges.iter().flat_map(|e| &e.points) {
        grow(p[0], p[1], 0.0, 0.0);
    }
    let (dx, dy) = (MARGIN - x0, MARGIN - y0);
    let (width, height) = (x1 - x0 + 2.0 * MARGIN, y1 - y0 + 2.0 * MARGIN);

    let critical_edges: HashSet<(&str, &str)> = edges.iter().filter(|e| e.critical).map(|e| (e.before, e.after)).collect();
    let by_key: HashMap<&str, &GraphStep> = steps.iter().map(|s| (s.key, s)).collect();

    let mut svg = String::with_capacity(400 + 300 * steps.len() + 200 * edges.len());
    let _ = write!(
        svg,
        r#"<svg class="plan-graph" role="img" aria-label="Plan graph" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#,
        w = px(width),
        h = px(height)
    );
    svg.push_str(concat!(
        r#"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path class="arrow" d="M0,0 L10,5 L0,10 z"/></marker>"#,
        r#"<marker id="arrow-critical" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path class="arrow critical" d="M0,0 L10,5 L0,10 z"/></marker></defs>"#
    ));
    for e in &layout.edges {
        let critical = critical_edges.contains(&(e.source.as_str(), e.target.as_str()));
        let d: Vec<String> = e
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{}{},{}", if i == 0 { 'M' } else { 'L' }, px(p[0] + dx), px(p[1] + dy)))
            .collect();
        let _ = write!(
            svg,
            r#"<path class="edge{c}" data-before="{b}" data-after="{a}" d="{d}" marker-end="url(#arrow{m})"/>"#,
            c = if critical { " critical" } else { "" },
            b = text(&e.source),
            a = text(&e.target),
            d = d.join(" "),
            m = if critical { "-critical" } else { "" }
        );
    }
    for n in &layout.nodes {
        let Some(step) = by_key.get(n.id.as_str()) else { continue };
        let (x, y) = (n.x + dx - NODE_W / 2.0, n.y + dy - NODE_H / 2.0);
        let _ = write!(
            svg,
            concat!(
                r#"<g class="node{c}" data-step="{k}"><title>{k}: {t}</title>"#,
                r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6"/>"#,
                r#"<text x="{tx}" y="{ty1}" font-weight="600">{kl}</text><text class="sub" x="{tx}" y="{ty2}">{al}</text></g>"#
            ),
            c = if step.critical { " critical" } else { "" },
            k = text(step.key),
            t = text(step.action),
            x = px(x),
            y = px(y),
            w = px(NODE_W),
            h = px(NODE_H),
            tx = px(x + 10.0),
            ty1 = px(y + 19.0),
            ty2 = px(y + 36.0),
            kl = label(step.key, LABEL_CHARS),
            al = label(step.action, LABEL_CHARS + 2),
        );
    }
    svg.push_str("</svg>");
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(key: &'static str, critical: bool) -> GraphStep<'static> {
        GraphStep { key, action: "A-1 Do", critical }
    }

    #[test]
    fn one_box_per_step_and_one_arrow_per_edge_critical_ones_marked() {
        let steps = [step("S1", true), step("S2", false), step("S3", true)];
        let edges = [
            GraphEdge { before: "S1", after: "S2", critical: false },
            GraphEdge { before: "S1", after: "S3", critical: true },
        ];
        let svg = graph_svg(&steps, &edges).unwrap();
        assert_eq!(svg.matches("<g class=\"node").count(), 3);
        assert_eq!(svg.matches("<g class=\"node critical\"").count(), 2);
        assert_eq!(svg.matches("<path class=\"edge").count(), 2);
        assert_eq!(svg.matches("<path class=\"edge critical\" data-before=\"S1\" data-after=\"S3\"").count(), 1);
        assert_eq!(svg.matches("marker-end=\"url(#arrow-critical)\"").count(), 1);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }

    #[test]
    fn the_drawing_holds_every_box() {
        let steps = [step("S1", true), step("S2", true)];
        let edges = [GraphEdge { before: "S1", after: "S2", critical: true }];
        let svg = graph_svg(&steps, &edges).unwrap();
        let attr = |name: &str, from: &str| -> f64 {
            let at = from.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            from[at..].split('"').next().unwrap().parse().unwrap()
        };
        let (w, h) = (attr("width", &svg), attr("height", &svg));
        for g in svg.split("<rect").skip(1) {
            assert!(attr("x", g) >= 0.0 && attr("x", g) + NODE_W <= w, "{g}");
            assert!(attr("y", g) >= 0.0 && attr("y", g) + NODE_H <= h, "{g}");
        }
        // Two layers: the second box is below the first.
        let ys: Vec<f64> = svg.split("<rect").skip(1).map(|g| attr("y", g)).collect();
        assert!(ys[1] > ys[0] + NODE_H);
    }

    #[test]
    fn labels_are_escaped() {
        let steps = [GraphStep { key: "S1", action: "<b>\"x\" & y</b>", critical: false }];
        let svg = graph_svg(&steps, &[]).unwrap();
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;"));
    }
}
