//! Benchmark: the time from saving a service file to its pages being rebuilt, as `serve`
//! does it, without the server (see benches/README.md). Not part of the shipped binary.
//!
//!     cargo run --release --example bench_edit -- --site DIR --file SERVICE.md --rounds 15

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
struct Args {
    #[arg(long, default_value = ".")]
    site: PathBuf,
    /// The service file, relative to the site folder.
    #[arg(long)]
    file: PathBuf,
    #[arg(long, default_value_t = 7)]
    rounds: usize,
}

fn main() -> ExitCode {
    let a = Args::parse();
    match onderdak::serve::bench_edit(&a.site, &a.file, a.rounds) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
