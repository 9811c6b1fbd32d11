//! The `kehoach` command: parses arguments, runs the command from the library, sets the exit status.

fn main() -> std::process::ExitCode {
    kehoach::cli::main()
}
