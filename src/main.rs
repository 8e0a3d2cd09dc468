use clap::Parser;

// SQLite, the JSON parser and the classifier allocate small blocks from
// several threads at once; mimalloc serves them without the system
// allocator's lock contention.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    ackbox::commands::main_with(ackbox::cli::Cli::parse())
}
