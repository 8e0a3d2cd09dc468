use clap::Parser;

fn main() -> std::process::ExitCode {
    ackbox::commands::main_with(ackbox::cli::Cli::parse())
}
