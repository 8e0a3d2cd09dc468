fn main() -> std::process::ExitCode {
    let cli = ackbox::cli::Cli::parse_args();
    if let Err(e) = cli.check() {
        ackbox::cli::exit(e);
    }
    ackbox::commands::main_with(cli)
}
