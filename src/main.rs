//! The command line. It only parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(name = "onderdak", version, about = "Builds an accessible, multilingual 'where can I get help with housing' site")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from content/ into the output folder.
    Build {
        /// The site folder (holds content/ and optionally templates/).
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// The output folder; replaced only when the build succeeds.
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Use this base URL instead of the one in site.yaml.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Check the content and report every problem with file, line and a hint.
    Check {
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { site, out, base_url } => {
            let opts = onderdak::BuildOptions { site_dir: site, out_dir: out.clone(), base_url };
            match onderdak::build(&opts) {
                Ok(report) => {
                    for w in report.warnings.warnings() {
                        eprintln!("{w}");
                    }
                    println!(
                        "built {} pages ({} files) in {} languages into {} in {:.2} s ({} warnings)",
                        report.pages,
                        report.files,
                        report.languages,
                        out.display(),
                        report.elapsed.as_secs_f64(),
                        report.warnings.warnings().count()
                    );
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    for d in &diags.0 {
                        eprintln!("{d}");
                    }
                    eprintln!(
                        "build failed: {} error(s), {} warning(s); {} is unchanged",
                        diags.errors().count(),
                        diags.warnings().count(),
                        out.display()
                    );
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check { site, format } => {
            let (_, diags) = onderdak::check_site(&site);
            match format {
                Format::Text => {
                    for d in &diags.0 {
                        eprintln!("{d}");
                    }
                    eprintln!("{} error(s), {} warning(s)", diags.errors().count(), diags.warnings().count());
                }
                Format::Json => {
                    println!("{}", serde_json::to_string_pretty(&diags.0).unwrap_or_else(|_| "[]".into()));
                }
            }
            if diags.has_errors() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}
