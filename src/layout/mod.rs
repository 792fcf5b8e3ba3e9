//! Graph layout: layered (Sugiyama) layouts for DAGs and a tidy tree layout, on petgraph.
