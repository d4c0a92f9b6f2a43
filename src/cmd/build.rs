//! `onderdak build`: content → the output folder, replaced only when the build succeeds.

use std::path::PathBuf;
use std::process::ExitCode;

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
}

pub fn run(args: Args) -> ExitCode {
    let Args {
        site,
        out,
        base_url,
        precompress,
        force,
    } = args;
    let opts = onderdak::BuildOptions {
        site_dir: site,
        out_dir: out.clone(),
        base_url,
        precompress,
        force,
    };
    match onderdak::build(&opts) {
        Ok(report) => {
            for w in report.warnings.warnings() {
                eprintln!("{w}");
            }
            let packed = if report.precompressed > 0 {
                format!(", {} precompressed", report.precompressed)
            } else {
                String::new()
            };
            println!(
                "built {} pages ({} files{packed}) in {} languages into {} in {:.2} s ({} warnings)",
                report.pages,
                report.files,
                report.languages,
                out.display(),
                report.elapsed.as_secs_f64(),
                report.warnings.warnings().count()
            );
            let w = report.written;
            println!(
                "{} written, {} kept, {} removed",
                w.written, w.kept, w.removed
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
