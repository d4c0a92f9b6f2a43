//! The integration tests, one binary: compiled and linked once (each test file used to be
//! its own 100 MB binary), run in parallel by the test harness. `cargo test --release`
//! runs them with the unit tests; `cargo test --release --test it <module>::` runs one file.
//!
//! Long property-test runs: `PROPTEST_CASES=2000 cargo test --release --test it`.

mod common;

mod bad_input;
mod build;
mod default_site;
mod errors;
mod flow_places;
mod fuzz;
mod hostile_text;
mod hsds;
mod rebuild;
mod scaffold;
mod serve;
mod translations;
mod trust;
