//! `onderdak cms`: the editor's configuration and admin folder, for a site edited through a
//! git host (locally, `onderdak serve` answers /admin/ itself).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use onderdak::cms::{Backend, GIT_HOSTS};

#[derive(Subcommand)]
pub enum CmsCommand {
    /// Print (or write) the Decap CMS config.yml made from the content model.
    Config {
        #[arg(long, default_value = ".")]
        site: PathBuf,
        #[command(flatten)]
        git: GitArgs,
        /// Write it here instead of printing it.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write an admin folder (page, config, Decap's bundle) to host for a git backend.
    Admin {
        #[arg(long, default_value = ".")]
        site: PathBuf,
        #[command(flatten)]
        git: GitArgs,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(clap::Args)]
pub struct GitArgs {
    /// github, gitlab or gitea; without it, the local backend (decap-server).
    #[arg(long)]
    backend: Option<String>,
    /// owner/name of the repository on the git host.
    #[arg(long)]
    repo: Option<String>,
    #[arg(long, default_value = "main")]
    branch: String,
    /// The API root of a self-hosted GitLab or Gitea, e.g. https://git.example.nl/api/v1.
    #[arg(long)]
    api_root: Option<String>,
}

impl GitArgs {
    fn backend(&self) -> Result<Backend, String> {
        let Some(host) = &self.backend else {
            return Ok(Backend::Local {
                port: onderdak::cms::local_port(),
            });
        };
        if !GIT_HOSTS.contains(&host.as_str()) {
            return Err(format!(
                "unknown backend `{host}`; use one of {}",
                GIT_HOSTS.join(", ")
            ));
        }
        let repo = self
            .repo
            .clone()
            .ok_or("--repo owner/name is needed with --backend")?;
        Ok(Backend::Git {
            host: host.clone(),
            repo,
            branch: self.branch.clone(),
            api_root: self.api_root.clone(),
        })
    }
}

pub fn run(cmd: CmsCommand) -> ExitCode {
    let result = match cmd {
        CmsCommand::Config { site, git, out } => git.backend().and_then(|b| {
            onderdak::cms::write_config(&site, &b, out.as_deref()).map_err(|e| e.to_string())
        }),
        CmsCommand::Admin { site, git, out } => git.backend().and_then(|b| {
            onderdak::cms::write_admin(&site, &b, &out)
                .map(|n| println!("wrote {n} files into {}", out.display()))
                .map_err(|e| e.to_string())
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => super::failed(e),
    }
}
