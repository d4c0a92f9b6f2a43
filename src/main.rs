//! The command line. It only parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

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
    /// Language of onderdak's messages: nl or en (default: from LC_ALL, LC_MESSAGES or
    /// LANG; Dutch unless that names English).
    #[arg(long, global = true, value_parser = ["nl", "en"])]
    lang: Option<String>,
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
        /// Also write .gz and .br files beside pages and assets, for servers that send
        /// precompressed files (nginx gzip_static/brotli_static; see deploy/).
        #[arg(long)]
        precompress: bool,
        /// Replace the output folder even if it holds files onderdak did not write.
        #[arg(long)]
        force: bool,
        /// A build for the public site: a placeholder `base_url` is an error, not a warning.
        #[arg(long)]
        production: bool,
        /// Show every warning with its place, not one line per kind.
        #[arg(long)]
        verbose: bool,
        /// How to write the problems: text on stderr, or JSON on stdout (as `check`).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
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
    /// Benchmark: time from saving a service file to its pages being rebuilt in serve.
    #[command(hide = true)]
    BenchEdit {
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// The service file, relative to the site folder.
        #[arg(long)]
        file: PathBuf,
        #[arg(long, default_value_t = 7)]
        rounds: usize,
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
        what: New,
    },
    /// Translations: mark what they translate, export and import PO files.
    Translations {
        #[command(subcommand)]
        what: Translations,
    },
    /// Check the content and report every problem with file, line and a hint.
    Check {
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Print a table of translation coverage per language.
        #[arg(long)]
        translations: bool,
        /// List the external links of each content file (nothing is fetched).
        #[arg(long)]
        links: bool,
        /// Show every warning with its place, not one line per kind.
        #[arg(long)]
        verbose: bool,
    },
}

#[derive(Subcommand)]
enum New {
    /// A municipality in an existing region.
    Municipality {
        name: String,
        #[arg(long)]
        region: String,
        /// The municipality's general phone number, as its own website gives it (readers
        /// must always be able to reach the municipality).
        #[arg(long)]
        phone: String,
        #[arg(long, default_value = ".")]
        site: PathBuf,
    },
    /// A service of an existing municipality.
    Service {
        name: String,
        #[arg(long)]
        municipality: String,
        #[arg(long, default_value = ".")]
        site: PathBuf,
    },
}

#[derive(Subcommand)]
enum Translations {
    /// Record in each translation what it translates (run it after checking a translation
    /// against its original); `check` then warns when the original changes.
    Mark {
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Only translations into these languages (default: all).
        #[arg(long)]
        lang: Vec<String>,
        /// Only these translation files (default: all).
        files: Vec<PathBuf>,
    },
    /// Write the texts of one language that are missing or out of date as a gettext PO file.
    Export {
        #[arg(long, default_value = ".")]
        site: PathBuf,
        #[arg(long)]
        lang: String,
        /// Where to write it (default: translations/<lang>.po in the site folder).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Every text, also those already translated.
        #[arg(long)]
        all: bool,
    },
    /// Write the translation files of a translated PO file, marked with what they translate.
    Import {
        #[arg(long, default_value = ".")]
        site: PathBuf,
        po: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(l) = cli.lang.as_deref().and_then(onderdak::i18n::Lang::parse) {
        onderdak::i18n::set(l);
    }
    match cli.command {
        Command::Build {
            site,
            out,
            base_url,
            precompress,
            force,
            production,
            verbose,
            format,
        } => {
            let show = |d: &onderdak::diagnostics::Diagnostics| match format {
                Format::Text => eprintln!("{}", onderdak::report::text(d, &site, verbose)),
                Format::Json => println!("{}", onderdak::report::json(d)),
            };
            let opts = onderdak::BuildOptions {
                site_dir: site.clone(),
                out_dir: out.clone(),
                base_url,
                precompress,
                force,
                production,
            };
            match onderdak::build(&opts) {
                Ok(report) => {
                    if !report.warnings.is_empty() || matches!(format, Format::Json) {
                        show(&report.warnings);
                    }
                    let packed = if report.precompressed > 0 {
                        format!(", {} precompressed", report.precompressed)
                    } else {
                        String::new()
                    };
                    let w = report.written;
                    let summary = match onderdak::i18n::lang() {
                        onderdak::i18n::Lang::Nl => format!(
                            "{} pagina's gebouwd ({} bestanden{packed}) in {} talen naar {} in {:.2} s ({} waarschuwingen)\n{} geschreven, {} behouden, {} verwijderd",
                            report.pages, report.files, report.languages, out.display(),
                            report.elapsed.as_secs_f64(), report.warnings.warnings().count(),
                            w.written, w.kept, w.removed
                        ),
                        onderdak::i18n::Lang::En => format!(
                            "built {} pages ({} files{packed}) in {} languages into {} in {:.2} s ({} warnings)\n{} written, {} kept, {} removed",
                            report.pages, report.files, report.languages, out.display(),
                            report.elapsed.as_secs_f64(), report.warnings.warnings().count(),
                            w.written, w.kept, w.removed
                        ),
                    };
                    // With `--format json` stdout holds only the JSON.
                    match format {
                        Format::Text => println!("{summary}"),
                        Format::Json => eprintln!("{summary}"),
                    }
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    show(&diags);
                    eprintln!(
                        "{}",
                        onderdak::i18n::pick(
                            "bouwen mislukt; {out} is niet veranderd",
                            "build failed; {out} is unchanged"
                        )
                        .replace("{out}", &out.display().to_string())
                    );
                    ExitCode::FAILURE
                }
            }
        }
        Command::Schema { site, out } => {
            let dir = out.unwrap_or_else(|| site.join("schemas"));
            match onderdak::scaffold::write_schemas(&dir) {
                Ok(files) => {
                    for f in &files {
                        println!("wrote {}", f.display());
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: cannot write schemas into {}: {e}", dir.display());
                    ExitCode::FAILURE
                }
            }
        }
        Command::New { what } => {
            let result = match what {
                New::Municipality {
                    name,
                    region,
                    phone,
                    site,
                } => onderdak::scaffold::new_municipality(&site, &name, &region, &phone),
                New::Service {
                    name,
                    municipality,
                    site,
                } => onderdak::scaffold::new_service(&site, &name, &municipality).map(|p| vec![p]),
            };
            match result {
                Ok(files) => {
                    for f in files {
                        println!("wrote {}", f.display());
                    }
                    println!(
                        "next: fill in the facts you have a source for, then run `onderdak check`"
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Translations { what } => translations(what),
        Command::BenchEdit { site, file, rounds } => {
            match onderdak::serve::bench_edit(&site, &file, rounds) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve { site, bind, port } => {
            match onderdak::serve::serve(&onderdak::serve::ServeOptions {
                site_dir: site,
                bind,
                port,
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: cannot serve: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check {
            site,
            format,
            translations,
            links,
            verbose,
        } => {
            let (checked, diags) = onderdak::check_site(&site);
            if links {
                if let Some(s) = &checked {
                    let all = onderdak::check::external_links(s);
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
                    let rows = onderdak::check::coverage(s, &s.interface_keys);
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
                    eprintln!("{}", onderdak::report::text(&diags, &site, verbose));
                }
                Format::Json if !translations && !links => {
                    println!("{}", onderdak::report::json(&diags));
                }
                Format::Json => {}
            }
            if diags.has_errors() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}

/// `onderdak translations …`: needs a site that passes `check`.
fn translations(what: Translations) -> ExitCode {
    let site_dir = match &what {
        Translations::Mark { site, .. }
        | Translations::Export { site, .. }
        | Translations::Import { site, .. } => site.clone(),
    };
    let (checked, diags) = onderdak::check_site(&site_dir);
    let Some(site) = checked else {
        for d in diags.errors() {
            eprintln!("{}", onderdak::report::render(d, &site_dir));
        }
        eprintln!(
            "{}",
            onderdak::i18n::pick(
                "los eerst deze fouten op (`onderdak check` toont ze)",
                "fix these errors first (`onderdak check` shows them)"
            )
        );
        return ExitCode::FAILURE;
    };
    let result = match what {
        Translations::Mark { lang, files, .. } => {
            onderdak::translate::mark(&site_dir, &site, &lang, &files).map(|r| {
                for f in &r.changed {
                    println!("marked {}", f.display());
                }
                println!(
                    "{} marked, {} already up to date",
                    r.changed.len(),
                    r.unchanged
                );
            })
        }
        Translations::Export { lang, out, all, .. } => {
            let out =
                out.unwrap_or_else(|| site_dir.join("translations").join(format!("{lang}.po")));
            onderdak::translate::export(&site, &lang, all, &out).map(|r| {
                println!(
                    "wrote {} ({} texts of {} files and flow steps)",
                    out.display(),
                    r.messages,
                    r.files
                );
            })
        }
        Translations::Import { po, .. } => {
            onderdak::translate::import(&site_dir, &site, &po).map(|r| {
                for f in &r.written {
                    println!("wrote {}", f.display());
                }
                for (f, why) in &r.skipped {
                    println!("skipped {}: {why}", f.display());
                }
                println!(
                    "{} written, {} skipped; next: `onderdak check`",
                    r.written.len(),
                    r.skipped.len()
                );
            })
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The coverage table: per language, what is translated, missing (shown in a fallback
/// language), out of date and not yet reviewed.
fn print_coverage(rows: &[onderdak::check::Coverage]) {
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
