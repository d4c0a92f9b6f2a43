//! `onderdak check`: every problem with file, line and a hint, and the reports on request.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Format;

/// The arguments of `check`.
#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Print a table of translation coverage per language.
    #[arg(long)]
    pub translations: bool,
    /// List the external links of each content file (nothing is fetched).
    #[arg(long)]
    pub links: bool,
}

pub fn run(args: Args) -> ExitCode {
    let Args {
        site,
        format,
        translations,
        links,
    } = args;
    let (checked, diags) = onderdak::check_site(&site);
    if links {
        if let Some(s) = &checked {
            let all = onderdak::report::external_links(s);
            match format {
                Format::Json => {
                    println!("{}", serde_json::to_string_pretty(&all).unwrap_or_default())
                }
                Format::Text => {
                    for (file, urls) in &all {
                        println!("{}", file.display());
                        for u in urls {
                            println!("  {u}");
                        }
                    }
                    println!(
                        "{} external links in {} files (not fetched)",
                        all.values().map(Vec::len).sum::<usize>(),
                        all.len()
                    );
                }
            }
        }
    }
    if translations {
        if let Some(s) = &checked {
            let rows = onderdak::report::coverage(s, &s.interface_keys);
            match format {
                Format::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&rows).unwrap_or_default()
                ),
                Format::Text => print_coverage(&rows),
            }
        }
    }
    match format {
        Format::Text => {
            for d in &diags.0 {
                eprintln!("{d}");
            }
            eprintln!(
                "{} error(s), {} warning(s)",
                diags.errors().count(),
                diags.warnings().count()
            );
        }
        Format::Json if !translations && !links => {
            println!(
                "{}",
                serde_json::to_string_pretty(&diags.0).unwrap_or_else(|_| "[]".into())
            );
        }
        Format::Json => {}
    }
    if diags.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The coverage table: per language, what is translated, missing (shown in a fallback
/// language), out of date and not yet reviewed.
fn print_coverage(rows: &[onderdak::report::Coverage]) {
    println!(
        "{:<5} {:>37}   {:>37}   {:>10}",
        "", "files (services, pages, summaries)", "question flow", "interface"
    );
    println!(
        "{:<5} {:>5} {:>10} {:>7} {:>8} {:>10}   {:>5} {:>10} {:>7} {:>8} {:>10}   {:>10}",
        "lang",
        "total",
        "translated",
        "missing",
        "outdated",
        "unreviewed",
        "total",
        "translated",
        "missing",
        "outdated",
        "unreviewed",
        "keys"
    );
    for r in rows {
        let (f, q) = (r.files, r.flow);
        println!(
            "{:<5} {:>5} {:>10} {:>7} {:>8} {:>10}   {:>5} {:>10} {:>7} {:>8} {:>10}   {:>10}",
            r.language,
            f.total,
            f.translated,
            f.missing,
            f.outdated,
            f.unreviewed,
            q.total,
            q.translated,
            q.missing,
            q.outdated,
            q.unreviewed,
            format!("{} of {}", r.interface.1, r.interface.0),
        );
    }
}
