//! `tsumiki`: thin glue between the command line and the library crates.
//!
//! Exit codes are part of the interface: 0 valid / done, 1 invalid credential,
//! 2 usage or input error (clap also exits 2 on bad arguments).

mod cli;
mod commands;
mod error;
mod input;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};

/// Signing and verifying allocate many small strings (RDF terms, JSON values); mimalloc
/// measured faster than the system allocator for that pattern (see ARCHITECTURE.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Keys(args) => commands::keys::run(args),
        Command::Issue(args) => commands::issue::run(args),
        Command::Verify(args) => commands::verify::run(args),
        Command::Bake(args) => commands::bake::run_bake(args),
        Command::Unbake(args) => commands::bake::run_unbake(args),
        Command::Canon(args) => commands::canon::run(args),
        Command::Bench(args) => commands::bench::run(args),
        Command::BenchHttp(args) => commands::bench_http::run(args),
        Command::Serve(args) => commands::serve::run(args),
        Command::Import(args) => commands::import::run(args),
        Command::Impact(command) => commands::impact::run(command),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            err.print();
            err.exit_code()
        }
    }
}
