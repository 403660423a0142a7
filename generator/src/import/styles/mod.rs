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

/// Helpers of the recognisers' tests: pages imported as a folder, as a service would be.
#[cfg(test)]
pub(crate) mod test_support {
    use crate::config::ServicesConfig;
    use crate::import::ImportOutcome;
    use crate::source_folder::{import_source_folder, SourceFile};

    /// Imports RST pages given as `(file name, text)`.
    pub fn import_rst(pages: &[(&str, &str)]) -> ImportOutcome {
        let service = ServicesConfig::from_toml(
            r#"
            [[service]]
            id = "test"
            title = "Test"
            version = "1"
            [service.server]
            url = "https://test.example.com"
            "#,
        )
        .expect("valid config")
        .service
        .remove(0);
        let files: Vec<SourceFile> = pages
            .iter()
            .map(|(name, text)| SourceFile::from_text(name, text))
            .collect();
        import_source_folder(&service, &files, "")
    }

    /// The one operation of an import, as JSON.
    pub fn only_operation(outcome: &ImportOutcome) -> serde_json::Value {
        let document = serde_json::to_value(&outcome.document).expect("json");
        let paths = document["paths"].as_object().expect("paths");
        assert_eq!(paths.len(), 1, "{}", outcome.summary);
        let item = paths.values().next().expect("a path").as_object().expect("an item");
        assert_eq!(item.len(), 1, "{}", outcome.summary);
        item.values().next().expect("an operation").clone()
    }

    /// Every problem of an import, as text.
    pub fn problems(outcome: &ImportOutcome) -> Vec<String> {
        outcome.all_errors().iter().map(ToString::to_string).collect()
    }
}
