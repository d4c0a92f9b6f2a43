//! The command line: the clap types and the dispatch; each subcommand is in `cmd/`.

mod cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// A build allocates and frees millions of short strings and template values on every
/// core; mimalloc's per-thread free lists spend less time there and return fewer pages to
/// the kernel than glibc's malloc (see benches/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "onderdak",
    version,
    about = "Builds an accessible, multilingual 'where can I get help with housing' site"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from content/ into the output folder.
    Build(cmd::build::Args),
    /// Build into memory, serve on localhost, rebuild on change and reload open pages.
    Serve {
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        #[arg(long, default_value_t = 1111)]
        port: u16,
    },
    /// Write JSON Schema files of the content files, for editor autocompletion.
    Schema {
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Where to write them (default: <site>/schemas).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Create a new municipality or service from a commented template.
    New {
        #[command(subcommand)]
        what: cmd::new::New,
    },
    /// Translations: mark what they translate, export and import PO files.
    Translations {
        #[command(subcommand)]
        what: cmd::translations::Translations,
    },
    /// Check the content and report every problem with file, line and a hint.
    Check(cmd::check::Args),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => cmd::build::run(args),
        Command::Serve { site, bind, port } => cmd::serve::run(site, bind, port),
        Command::Schema { site, out } => cmd::schema::run(site, out),
        Command::New { what } => cmd::new::run(what),
        Command::Translations { what } => cmd::translations::run(what),
        Command::Check(args) => cmd::check::run(args),
    }
}
