//! Views derived from what the filter keeps, made in one place for the
//! panels that draw them: the map's layer (`map_layer.rs`), the timeline's
//! chart (`chart.rs`) and the statistics' summary (`summary.rs`). Each is
//! made from shared data only (the packed index, the points, the kept
//! list), so that from [`crate::background::ON_A_WORKER_FROM`] incidents a
//! panel's [`crate::background::Follower`] makes it on a worker while the
//! last one stays drawn.
//!
//! A filter change, start to end: a panel pushes `Command::SetFilter` →
//! the app hands it to the workspace (`workspace/filtering.rs`, on a
//! worker when large) → the workspace installs the new list and bumps its
//! generation → each panel's follower sees the new generation and makes
//! its view here.

pub mod chart;
pub mod map_layer;
pub mod summary;
