//! The documented error codes of a service (from its API reference's error code appendix), as
//! the generated `error_codes` modules list them.

/// One documented error code: the HTTP status it comes with, the `error_code` value the API
/// returns, and what the docs say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentedErrorCode {
    /// The HTTP status it comes with; `None` where the docs' table gives none.
    pub status_code: Option<u16>,
    pub error_code: &'static str,
    /// The error message the API returns with it.
    pub message: Option<&'static str>,
    /// What it means (or its possible cause).
    pub description: Option<&'static str>,
    /// What to do about it.
    pub solution: Option<&'static str>,
    /// Any other column of the docs' table, as (column, text).
    pub other: &'static [(&'static str, &'static str)],
}
