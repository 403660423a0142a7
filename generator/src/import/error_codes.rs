//! Error code pages ("Error Codes" appendix): their tables become data in the spec
//! (`x-error-codes`), so the generated client can tell a caller what an `error_code` means.

use indexmap::IndexMap;

use crate::doc_model::{DocCell, DocPage, DocTable, SourceLocation};
use crate::extensions::ErrorCodeEntry;
use crate::import::page_operation::ImportNote;
use crate::import::statuses::parse_status_cell;
use crate::import::ImportError;
use crate::naming::snake_case;

/// The tables of a page that list error codes: an "Error Code(s)" column beside a "Status
/// Code" column, or beside a message or description column where a page lists its own codes
/// without their statuses ("Error Code | Error Message"). Operation pages never have both a code
/// and a status column in a parameter table.
pub fn error_code_tables(page: &DocPage) -> Vec<&DocTable> {
    page.tables()
        .map(|(_, table)| table)
        .filter(|table| {
            code_column(table).is_some()
                && (table.column("Status Code").is_some()
                    || [
                        "Error Message",
                        "Message",
                        "Description",
                        "Error Description",
                    ]
                    .iter()
                    .any(|name| table.column(name).is_some()))
        })
        .collect()
}

fn code_column(table: &DocTable) -> Option<usize> {
    table
        .column("Error Code")
        .or_else(|| table.column("Error Codes"))
}

/// Reads every row of an error code table as a JSON object: `status_code` (a number),
/// `error_code`, and every other column under its snake_case header (`error_message`,
/// `description`, `solution`, `possible_cause`, …), so no column is lost.
pub fn read_error_code_table(
    file_name: &str,
    table: &DocTable,
    errors: &mut Vec<ImportError>,
    notes: &mut Vec<ImportNote>,
) -> Vec<ErrorCodeEntry> {
    let Some(code_column) = code_column(table) else {
        return Vec::new();
    };
    let status_column = table.column("Status Code");
    let mut entries = Vec::new();
    for row in &table.rows {
        let code = row
            .cells
            .get(code_column)
            .map(DocCell::text)
            .unwrap_or_default();
        let location = SourceLocation::row(file_name, table, row, &code);
        if row.cells.len() != table.header.len() {
            errors.push(ImportError {
                location,
                message: format!(
                    "row has {} cells, the header has {}",
                    row.cells.len(),
                    table.header.len()
                ),
            });
            continue;
        }
        let status_text = status_column
            .map(|column| row.cells[column].text())
            .unwrap_or_default();
        // "400 Bad Request", "404/500", or empty where the appendix gives no status: one
        // entry per status, none without.
        let status_codes = match parse_status_cell(&status_text) {
            Ok(status_codes) => status_codes,
            Err(message) => {
                errors.push(ImportError { location, message });
                continue;
            }
        };
        // A row of the appendix that gives a status but no error code says nothing a caller
        // can match a response against: noted, not imported.
        if code.is_empty() {
            notes.push(ImportNote {
                location,
                message: "error code row without a code: left out of x-error-codes".to_owned(),
            });
            continue;
        }
        let mut columns = IndexMap::new();
        for (column, header) in table.header.iter().enumerate() {
            if column == code_column || Some(column) == status_column {
                continue;
            }
            let text = row.cells[column].text();
            if !text.is_empty() {
                columns.insert(snake_case(header), serde_json::Value::String(text));
            }
        }
        let statuses: Vec<Option<u16>> = if status_codes.is_empty() {
            vec![None]
        } else {
            status_codes.into_iter().map(Some).collect()
        };
        for status_code in statuses {
            entries.push(ErrorCodeEntry {
                status_code,
                error_code: code.clone(),
                columns: columns.clone(),
            });
        }
    }
    entries
}
