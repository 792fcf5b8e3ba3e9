//! Vertical placement and edge routing.
//!
//! Layers are horizontal bands as tall as their tallest node, `layer_gap` apart; nodes
//! are centred in their band. An edge leaves its source's bottom side, drops to the
//! band's bottom, runs straight through each layer it passes at its dummy's x (a slot
//! reserved in that layer, so it never cuts a node), and enters its target's band top
//! before reaching the target's top side. Between two bands every edge is one straight
//! segment from band bottom to band top, so two edges cross in a gap exactly when their
//! order flips, which is what the ordering phase counts.

/// The vertical extent of each layer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bands {
    top: Vec<f64>,
    height: Vec<f64>,
}

impl Bands {
    /// `heights[l]` is the tallest node on layer `l`.
    pub fn new(heights: &[f64], layer_gap: f64) -> Bands {
        let mut top = Vec::with_capacity(heights.len());
        let mut y = 0.0;
        for &h in heights {
            top.push(y);
            y += h + layer_gap;
        }
        Bands {
            top,
            height: heights.to_vec(),
        }
    }

    pub fn centre(&self, layer: u32) -> f64 {
        self.top[layer as usize] + self.height[layer as usize] / 2.0
    }

    fn top(&self, layer: u32) -> f64 {
        self.top[layer as usize]
    }

    fn bottom(&self, layer: u32) -> f64 {
        self.top[layer as usize] + self.height[layer as usize]
    }
}

/// One vertex of an edge's chain: where it is and, for a real node, its height.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stop {
    pub x: f64,
    pub layer: u32,
    pub height: Option<f64>,
}

/// The polyline of an edge through its chain (source, dummies, target).
pub(crate) fn route(chain: &[Stop], bands: &Bands) -> Vec<[f64; 2]> {
    let mut points: Vec<[f64; 2]> = Vec::with_capacity(2 * chain.len());
    let mut push = |p: [f64; 2]| {
        if points.last() != Some(&p) {
            points.push(p);
        }
    };
    let last = chain.len() - 1;
    for (i, stop) in chain.iter().enumerate() {
        let centre = bands.centre(stop.layer);
        let half = stop.height.unwrap_or(0.0) / 2.0;
        if i != 0 {
            push([stop.x, bands.top(stop.layer)]);
            if i == last {
                push([stop.x, centre - half]);
            }
        }
        if i != last {
            if i == 0 {
                push([stop.x, centre + half]);
            }
            push([stop.x, bands.bottom(stop.layer)]);
        }
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(chain: &[(f64, u32, Option<f64>)], expected: &[[f64; 2]]) {
        // Layer 0 is 40 tall, layer 1 is 20 tall, layer 2 is 40 tall; gaps of 10.
        let bands = Bands::new(&[40.0, 20.0, 40.0], 10.0);
        let stops: Vec<Stop> = chain
            .iter()
            .map(|&(x, layer, height)| Stop { x, layer, height })
            .collect();
        assert_eq!(route(&stops, &bands), expected);
    }

    #[test]
    fn routes() {
        // Full-height nodes: bottom side straight to top side.
        check(
            &[(0.0, 0, Some(40.0)), (5.0, 1, Some(20.0))],
            &[[0.0, 40.0], [5.0, 50.0]],
        );
        // A short source drops to its band's bottom first.
        check(
            &[(0.0, 0, Some(20.0)), (5.0, 1, Some(20.0))],
            &[[0.0, 30.0], [0.0, 40.0], [5.0, 50.0]],
        );
        // A long edge passes layer 1 vertically at its dummy's x.
        check(
            &[(0.0, 0, Some(40.0)), (7.0, 1, None), (9.0, 2, Some(10.0))],
            &[
                [0.0, 40.0],
                [7.0, 50.0],
                [7.0, 70.0],
                [9.0, 80.0],
                [9.0, 95.0],
            ],
        );
    }
}
