mod cli;

/// Counts heap bytes for `--profile` and `pixelpipe profile` (see `src/profile/alloc.rs`).
#[global_allocator]
static ALLOCATOR: pixelpipe::profile::alloc::Counting = pixelpipe::profile::alloc::Counting;

fn main() {
    std::process::exit(cli::main());
}
