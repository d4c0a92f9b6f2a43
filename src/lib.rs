//! onderdak: a static-site generator for a "where can I get help with housing" portal.
//!
//! One way through, one module per stage, data flowing one way (see ARCHITECTURE.md):
//!
//! | stage | module | reads → makes |
//! |---|---|---|
//! | load | [`load`] | `content/` → typed files with their positions ([`model::content`]) |
//! | check | [`check`] | loaded files → the validated [`model::Site`], or diagnostics |
//! | plan | [`plan`] | site → the list of pages, each with its URL ([`url`]) and what it shows |
//! | render | [`render`] | a planned page → HTML (views, markdown, templates) |
//! | data | [`data`] | site → search indexes, feeds, offline lists, HSDS, sitemaps |
//! | write | [`write`] | files → the output folder, atomically, writing only what changed |
//!
//! [`build`] drives the stages; [`serve`] runs them in memory and again on every edit.
//! Beside the pipeline: [`report`] (coverage and link reports), [`translate`] (PO export and
//! import), [`scaffold`] (`onderdak new`), [`diagnostics`] and [`yaml`].

// Diagnostics are large but rare; boxing them would only add noise on the error path.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod check;
pub mod data;
pub mod diagnostics;
pub mod load;
pub mod model;

pub mod plan;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod translate;
pub mod url;
pub mod write;
pub mod yaml;

pub use build::{build, check_site, check_site_on, trace, BuildOptions, BuildReport};
