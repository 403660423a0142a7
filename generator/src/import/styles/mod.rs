//! The page-style recognisers: each reads the doc model of one style of page and yields the
//! same `PageImport`, so naming, overrides, the spec and the generator never see the style.
//!
//! - `generated`: the doc-exports generated format ("Request Parameters", "Response
//!   Parameters", a "Status Codes" table, "Status code: N" before each response table).
//! - `hand_written`: the older hand-written formats and their variants ("Request",
//!   "Response", statuses in a table, a list, a "Normal response" line or only a reference to
//!   the service's general status code page).
//! - `status_code_page`: the general status code pages the older format refers to.

pub mod generated;
pub mod hand_written;
pub mod status_code_page;

use crate::doc_model::DocPage;
use crate::import::page_index::PageIndex;
use crate::import::request_line::RequestLine;
use crate::import::styles::status_code_page::StatusCodePages;

/// An operation page and what the recognisers need besides it.
#[derive(Debug, Clone, Copy)]
pub struct OperationPage<'pages> {
    pub page: &'pages DocPage,
    pub index: &'pages PageIndex<'pages>,
    /// The request lines of its URI section, one operation each.
    pub request_lines: &'pages [RequestLine],
    /// The operation id of each request line.
    pub operation_ids: &'pages [String],
    /// The folder's general status code pages.
    pub status_code_pages: &'pages StatusCodePages,
}

impl OperationPage<'_> {
    /// The id that names the page's unnamed schemas: its first operation's.
    pub fn first_operation_id(&self) -> &str {
        self.operation_ids
            .first()
            .map(String::as_str)
            .unwrap_or_default()
    }
}
