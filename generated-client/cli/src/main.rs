//! `otc`: the binary. Reads the arguments, runs the command, and exits with its status; a
//! closed stdout (`otc … | head`) ends it quietly with the command's own status.

fn main() -> std::process::ExitCode {
    // A shell's completion script runs `OTC_COMPLETE=<shell> otc -- <words>`: answered here,
    // before anything else.
    otc_cli::completion::complete_from_environment();
    // A panic's message may hold any value the code had at hand, a secret among them: only
    // where it happened is told.
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|location| format!(" at {}:{}", location.file(), location.line()))
            .unwrap_or_default();
        eprintln!("otc: internal error{location} (a bug of otc; its message is not shown, as it may hold a secret)");
    }));
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let mut terminal = otc_cli::Terminal::standard();
    let status = otc_cli::run(&arguments, &mut terminal);
    std::process::ExitCode::from(status.code())
}
