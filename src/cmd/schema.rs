//! `onderdak schema`: JSON Schema files of the content files, for editor autocompletion.

use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(site: PathBuf, out: Option<PathBuf>) -> ExitCode {
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
