//! `onderdak serve`: builds into memory, serves on localhost, rebuilds on change.

use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(site: PathBuf, bind: String, port: u16) -> ExitCode {
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
