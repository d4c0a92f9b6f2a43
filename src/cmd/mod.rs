//! One module per subcommand: its arguments and how it calls the library.

pub mod build;
pub mod check;
pub mod new;
pub mod schema;
pub mod serve;
pub mod translations;

/// Output format of `check`.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}
