//! Why a command failed, and the exit code that says so. The codes are documented (README,
//! `otc --help`) and distinct, so scripts can tell a typo from an expired token from a missing
//! resource from an outage.

use std::fmt;

/// The exit codes of `otc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// The command did what it was asked.
    Success = 0,
    /// Anything else: a response that could not be read, a file that could not be written, a
    /// list whose pages could not be walked.
    Failure = 1,
    /// The command line is wrong: an unknown command or flag, a value that does not fit the
    /// spec (before anything was sent).
    Usage = 2,
    /// The configuration or authentication is wrong: no credentials, an unreadable
    /// `clouds.yaml`, IAM refused the password.
    Configuration = 3,
    /// The service answered with a 4xx status.
    ClientError = 4,
    /// The service answered with a 5xx status.
    ServerError = 5,
    /// The service could not be reached, or did not answer in time.
    Network = 6,
    /// `--wait-for`'s condition did not hold before `--wait-timeout`.
    WaitTimeout = 7,
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The code and meaning of every status, for `otc --help` and the README.
    pub const DOCUMENTED: [(ExitStatus, &'static str); 8] = [
        (ExitStatus::Success, "success"),
        (
            ExitStatus::Failure,
            "other failure (unreadable response, pages that cannot be walked, I/O)",
        ),
        (
            ExitStatus::Usage,
            "usage: unknown command or flag, input that does not fit the spec",
        ),
        (ExitStatus::Configuration, "configuration or authentication"),
        (ExitStatus::ClientError, "the service answered 4xx"),
        (ExitStatus::ServerError, "the service answered 5xx"),
        (ExitStatus::Network, "network: no connection, or a timeout"),
        (
            ExitStatus::WaitTimeout,
            "--wait-for did not hold before --wait-timeout",
        ),
    ];
}

/// A failed command: what to tell on stderr and the exit code.
#[derive(Debug)]
pub struct CliError {
    pub status: ExitStatus,
    pub message: String,
}

impl CliError {
    pub fn new(status: ExitStatus, message: impl Into<String>) -> CliError {
        CliError {
            status,
            message: message.into(),
        }
    }

    pub fn usage(message: impl Into<String>) -> CliError {
        CliError::new(ExitStatus::Usage, message)
    }

    pub fn failure(message: impl Into<String>) -> CliError {
        CliError::new(ExitStatus::Failure, message)
    }

    /// The status a runtime error stands for.
    pub fn from_runtime(error: &otc_client_runtime::Error) -> CliError {
        use otc_client_runtime::Error;
        let status = match error {
            Error::Configuration(_) | Error::Authentication { .. } | Error::Signing(_) => {
                ExitStatus::Configuration
            }
            Error::Transport(_) => ExitStatus::Network,
            Error::InvalidRequest(_) => ExitStatus::Usage,
            Error::UnexpectedStatus { response, .. } => status_of(response.status),
            _ => ExitStatus::Failure,
        };
        CliError::new(status, error.to_string())
    }
}

/// The exit status of an HTTP status.
pub fn status_of(http_status: u16) -> ExitStatus {
    match http_status {
        400..=499 => ExitStatus::ClientError,
        500..=599 => ExitStatus::ServerError,
        _ => ExitStatus::Success,
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.message)
    }
}

impl From<crate::table::BrokenTable> for CliError {
    fn from(error: crate::table::BrokenTable) -> CliError {
        CliError::failure(error.to_string())
    }
}
