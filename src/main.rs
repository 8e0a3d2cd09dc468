fn main() -> std::process::ExitCode {
    let cli = ackbox::cli::Cli::parse_args();
    if let Err(e) = cli.check() {
        e.exit();
    }
    ackbox::commands::main_with(cli)
}
