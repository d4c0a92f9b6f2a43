//! `onderdak translations mark|export|import`: keeps translations in step with the Dutch
//! and moves texts to and from translation tools as gettext PO files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

#[derive(Subcommand)]
pub enum Translations {
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

/// `onderdak translations …`: needs a site that passes `check`.
pub fn run(what: Translations) -> ExitCode {
    let site_dir = match &what {
        Translations::Mark { site, .. }
        | Translations::Export { site, .. }
        | Translations::Import { site, .. } => site.clone(),
    };
    let (checked, diags) = onderdak::check_site(&site_dir);
    let Some(site) = checked else {
        for d in diags.errors() {
            eprintln!("{}", onderdak::diagnostics::display::render(d, &site_dir));
        }
        eprintln!(
            "{}",
            onderdak::diagnostics::i18n::pick(
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
        Err(e) => super::failed(e),
    }
}
