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
    /// What the page says of its successful statuses: which methods (and which APIs) answer
    /// with each ("Specifies the normal response code for the POST operation of the OpenStack
    /// Neutron API").
    pub conventions: Vec<StatusConvention>,
}

/// A successful status and the requests the general page says it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusConvention {
    pub status: u16,
    /// Lower-case methods the description names (`post`, `get`, …).
    pub methods: Vec<String>,
    /// The words that narrow it to some APIs ("of the OpenStack Neutron API" → `openstack`,
    /// `neutron`), lower case; empty when it holds for every API of the service.
    pub qualifier: Vec<String>,
}

impl StatusConvention {
    /// Reads a successful status's description: the methods it names as words, and what
    /// follows "of the … API" or "of API …".
    fn read(status: u16, description: &str) -> Option<StatusConvention> {
        let words: Vec<String> = description
            .split(|character: char| !character.is_ascii_alphanumeric() && character != '-')
            .filter(|word| !word.is_empty())
            .map(str::to_owned)
            .collect();
        let methods: Vec<String> = words
            .iter()
            .filter(|word| {
                ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD"].contains(&word.as_str())
            })
            .map(|word| word.to_ascii_lowercase())
            .collect();
        let lower = description.to_ascii_lowercase();
        // A convention says what answers a request ("the normal response code for the POST
        // operation", "Normal response to GET and PUT requests"); a generic list of HTTP
        // statuses that mentions a method in passing ("processed certain GET requests") does
        // not.
        let states_convention = lower.contains("normal") || lower.contains("response code for");
        if methods.is_empty() || !states_convention {
            return None;
        }
        let qualifier = lower
            .split_once(" of the ")
            .or_else(|| lower.split_once(" of "))
            .map(|(_, rest)| {
                rest.split(|character: char| !character.is_ascii_alphanumeric())
                    .filter(|word| {
                        !word.is_empty()
                            && ![
                                "api",
                                "apis",
                                "operation",
                                "operations",
                                "request",
                                "requests",
                                "the",
                            ]
                            .contains(word)
                    })
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        Some(StatusConvention {
            status,
            methods,
            qualifier,
        })
    }
}

impl StatusCodePage {
    /// The statuses that answer a failed request: 3xx, 4xx and 5xx.
    pub fn error_statuses(&self) -> impl Iterator<Item = (u16, &str)> {
        self.statuses
            .iter()
            .filter(|(status, _)| **status >= 300)
            .map(|(status, description)| (*status, description.as_str()))
    }

    /// The successful statuses the page lists.
    pub fn success_statuses(&self) -> Vec<u16> {
        self.statuses
            .keys()
            .copied()
            .filter(|status| (200..300).contains(status))
            .collect()
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
                if (200..300).contains(&status) {
                    status_page
                        .conventions
                        .extend(StatusConvention::read(status, &row.description));
                }
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
