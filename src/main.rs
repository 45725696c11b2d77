fn main() {
    std::process::exit(pixelpipe::cli::main());
}
