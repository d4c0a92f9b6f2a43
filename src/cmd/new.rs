//! `onderdak new municipality|service`: commented files that pass `check` as they are.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

#[derive(Subcommand)]
pub enum New {
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

pub fn run(what: New) -> ExitCode {
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
            println!("next: fill in the facts you have a source for, then run `onderdak check`");
            ExitCode::SUCCESS
        }
        Err(e) => super::failed(e),
    }
}
