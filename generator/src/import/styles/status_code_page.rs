//! The general status code pages ("Returned Values for General Requests", "Status Codes" in
//! the appendix): pages without a URI section whose tables list status codes. Operation pages
//! of the older format refer to them instead of listing their own error statuses.

use std::collections::BTreeMap;

use crate::doc_model::{DocPage, SourceLocation};
use crate::import::page_operation::ImportNote;
use crate::import::request_line::uri_section;
use crate::import::statuses::{is_status_code_table, read_status_table};

/// The statuses of one general status code page: `(status, description)` in code order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StatusCodePage {
    pub statuses: BTreeMap<u16, String>,
}

impl StatusCodePage {
    /// The statuses that answer a failed request: 3xx, 4xx and 5xx.
    pub fn error_statuses(&self) -> impl Iterator<Item = (u16, &str)> {
        self.statuses
            .iter()
            .filter(|(status, _)| **status >= 300)
            .map(|(status, description)| (*status, description.as_str()))
    }

    /// The description of a status on this page.
    pub fn description(&self, status: u16) -> Option<&str> {
        self.statuses.get(&status).map(String::as_str)
    }
}

/// The general status code pages of a folder, by file name.
#[derive(Debug, Clone, Default)]
pub struct StatusCodePages {
    pub pages: BTreeMap<String, StatusCodePage>,
}

/// Whether a page is a general status code page: no URI section, and at least one status code
/// table.
pub fn is_status_code_page(page: &DocPage) -> bool {
    uri_section(page).is_none() && page.tables().any(|(_, table)| is_status_code_table(table))
}

/// Reads a general status code page: every row of its status tables. A row whose code cannot be
/// read is noted and left out (these pages are shared background, not one operation's
/// contract); the statuses read are what operations referring to the page get.
pub fn read_status_code_page(page: &DocPage) -> (StatusCodePage, Vec<ImportNote>) {
    let mut status_page = StatusCodePage::default();
    let mut notes = Vec::new();
    for (_, table) in page.tables() {
        if !is_status_code_table(table) {
            continue;
        }
        let (rows, problems) = read_status_table(table);
        for row in rows {
            for status in row.status_codes {
                status_page
                    .statuses
                    .entry(status)
                    .or_insert_with(|| row.description.clone());
            }
        }
        for (row_number, text, message) in problems {
            notes.push(ImportNote {
                location: SourceLocation {
                    row_number: Some(row_number),
                    parameter: (!text.is_empty()).then_some(text),
                    ..SourceLocation::table(&page.file_name, table)
                },
                message: format!("row left out of the general status codes: {message}"),
            });
        }
    }
    (status_page, notes)
}
