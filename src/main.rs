//! The `wenshu-lint` binary: a thin clap front end over the library (see `cli`).
#![forbid(unsafe_code)]

mod cli;

fn main() -> std::process::ExitCode {
    // Panic payloads may quote document text: never print them (READ011 reports the file).
    wenshu_lint::batch::install_quiet_panic_hook();
    cli::run()
}
