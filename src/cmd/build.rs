//! `onderdak build`: content → the output folder, replaced only when the build succeeds.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Format;

/// The arguments of `build`.
#[derive(clap::Args)]
pub struct Args {
    /// The site folder (holds content/ and optionally templates/).
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// The output folder; replaced only when the build succeeds.
    #[arg(long, default_value = "public")]
    pub out: PathBuf,
    /// Use this base URL instead of the one in site.yaml.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Also write .gz and .br files beside pages and assets, for servers that send
    /// precompressed files (nginx gzip_static/brotli_static; see deploy/).
    #[arg(long)]
    pub precompress: bool,
    /// Replace the output folder even if it holds files onderdak did not write.
    #[arg(long)]
    pub force: bool,
    /// A build for the public site: a placeholder `base_url` is an error, not a warning.
    #[arg(long)]
    pub production: bool,
    /// Make every file again, also those made from the same content as in the last
    /// build (which are otherwise kept as they are).
    #[arg(long)]
    pub full: bool,
    /// Show every warning with its place, not one line per kind.
    #[arg(long)]
    pub verbose: bool,
    /// How to write the problems: text on stderr, or JSON on stdout (as `check`).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(args: Args) -> ExitCode {
    let Args {
        site,
        out,
        base_url,
        precompress,
        force,
        production,
        full,
        verbose,
        format,
    } = args;
    let opts = onderdak::BuildOptions {
        site_dir: site.clone(),
        out_dir: out.clone(),
        base_url,
        precompress,
        force,
        production,
        full,
    };
    let show = |d: &onderdak::diagnostics::Diagnostics| match format {
        Format::Text => eprintln!(
            "{}",
            onderdak::diagnostics::display::text(d, &site, verbose)
        ),
        Format::Json => println!("{}", onderdak::diagnostics::display::json(d)),
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
            let summary = match onderdak::diagnostics::i18n::lang() {
                onderdak::diagnostics::i18n::Lang::Nl => format!(
                    "{} pagina's gebouwd ({} bestanden{packed}) in {} talen naar {} in {:.2} s ({} waarschuwingen)\n{} geschreven, {} behouden, {} verwijderd; {} opnieuw gemaakt, {} ongewijzigd overgenomen",
                    report.pages, report.files, report.languages, out.display(),
                    report.elapsed.as_secs_f64(), report.warnings.warnings().count(),
                    w.written, w.kept, w.removed, report.files - report.reused, report.reused
                ),
                onderdak::diagnostics::i18n::Lang::En => format!(
                    "built {} pages ({} files{packed}) in {} languages into {} in {:.2} s ({} warnings)\n{} written, {} kept, {} removed; {} made, {} reused unchanged",
                    report.pages, report.files, report.languages, out.display(),
                    report.elapsed.as_secs_f64(), report.warnings.warnings().count(),
                    w.written, w.kept, w.removed, report.files - report.reused, report.reused
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
                onderdak::diagnostics::i18n::pick(
                    "bouwen mislukt; {out} is niet veranderd",
                    "build failed; {out} is unchanged"
                )
                .replace("{out}", &out.display().to_string())
            );
            ExitCode::FAILURE
        }
    }
}
