//! Project automation: `cargo xtask codegen [--check]` and `cargo xtask import <DIR> --out <FILE>`.
//!
//! The engine lives in the generator crate; this binary parses arguments, reads and writes
//! files, and reports.

#![forbid(unsafe_code)]

mod codegen;
mod files;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage:
  cargo xtask codegen [--check]          import every service and regenerate the client
  cargo xtask import <DIR> --out <FILE>  import a folder of doc-exports pages into one spec";

fn run(arguments: Vec<String>) -> anyhow::Result<()> {
    let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
    match arguments.as_slice() {
        ["codegen"] => codegen::generate(files::Mode::Write),
        ["codegen", "--check"] => codegen::generate(files::Mode::Check),
        ["import", folder, "--out", output] | ["import", "--out", output, folder] => {
            codegen::import_folder(&PathBuf::from(folder), &PathBuf::from(output))
        }
        _ => anyhow::bail!("unknown arguments {arguments:?}\n{USAGE}"),
    }
}
