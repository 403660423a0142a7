//! What the tests of `otc` share: running a command line in process and capturing stdout,
//! stderr and the exit status.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use otc_cli::failure::ExitStatus;
use otc_cli::Terminal;

/// A writer whose bytes the test reads afterwards.
#[derive(Clone, Default)]
pub struct Captured(Rc<RefCell<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.borrow()).into_owned()
    }
}

/// What a command did.
#[derive(Debug)]
pub struct Outcome {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `arguments` (after the program name) in process.
pub fn run(arguments: &[String]) -> Outcome {
    let stdout = Captured::default();
    let stderr = Captured::default();
    let mut terminal = Terminal::new(Box::new(stdout.clone()), Box::new(stderr.clone()));
    let status = otc_cli::run(arguments, &mut terminal);
    drop(terminal);
    Outcome {
        status,
        stdout: stdout.text(),
        stderr: stderr.text(),
    }
}

/// The workspace root (the CLI crate is `generated-client/cli`).
#[allow(dead_code)]
pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root")
}
