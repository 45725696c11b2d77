//! `pixelpipe serve`: the builder page (see `src/serve/mod.rs`).

use super::warn;
use pixelpipe::config::Config;
use pixelpipe::serve::{self, Sessions};
use pixelpipe::{io, Result};
use std::net::IpAddr;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on. Anything but loopback lets other machines reach the page (each
    /// still needs the token).
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    #[arg(long, default_value_t = 8501)]
    port: u16,
    /// Open the page in the default browser.
    #[arg(long)]
    open: bool,
    /// Largest image upload, like 64MB.
    #[arg(long, value_name = "SIZE", default_value = "256MB", value_parser = pixelpipe::config::parse_bytes)]
    max_upload: u64,
    /// An image to open at start: the only file the server reads (uploads come from the page).
    image: Option<PathBuf>,
}

pub fn command(config: &Config, args: ServeArgs) -> Result<()> {
    if !args.host.is_loopback() {
        warn(&format!(
            "warning: listening on {}: other machines can reach the page (they still need its token)",
            args.host
        ));
    }
    let sessions = Sessions::for_config(config);
    if let Some(path) = &args.image {
        sessions.set_initial(&path.display().to_string(), &io::read_image_file(path, sessions.limits())?)?;
    }
    let max_upload = usize::try_from(args.max_upload).unwrap_or(usize::MAX);
    let options = serve::Options { host: args.host, port: args.port, max_upload, token: serve::new_token() };
    serve::serve(sessions, &options, |url| {
        outln!("pixelpipe builder: {url}");
        outln!("(the address carries this session's token; Ctrl-C stops the server)");
        if args.open {
            if let Err(e) = open::that_detached(url) {
                warn(&format!("warning: cannot open a browser: {e}"));
            }
        }
    })
}
