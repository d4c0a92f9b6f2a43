//! One module per subcommand: its arguments and how it calls the library.

pub mod build;
pub mod check;
pub mod cms;
pub mod new;
pub mod schema;
pub mod serve;
pub mod translations;

/// A command's own error, after the word for it in the editor's language; exit code 1.
pub fn failed(e: impl std::fmt::Display) -> std::process::ExitCode {
    eprintln!(
        "{}: {e}",
        onderdak::diagnostics::i18n::pick("fout", "error")
    );
    std::process::ExitCode::FAILURE
}

/// Output format of `check`.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}
