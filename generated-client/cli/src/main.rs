//! `otc`: the binary. Reads the arguments, runs the command, and exits with its status; a
//! closed stdout (`otc … | head`) ends it quietly with the command's own status.

fn main() -> std::process::ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let mut terminal = otc_cli::Terminal::standard();
    let status = otc_cli::run(&arguments, &mut terminal);
    std::process::ExitCode::from(status.code())
}
