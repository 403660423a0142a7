//! Status codes as the pages write them: status tables ("Status Code | Description",
//! "Returned Value | Description"), status cells ("200", "400 Bad Request", "404/500"), status
//! lists ("Normal: 200", "Abnormal: 400"), and "Status code: 200" markers before response
//! tables and examples.

use crate::doc_model::{DocCell, DocTable};

/// The headers of a status table's code column.
const STATUS_COLUMNS: [&str; 10] = [
    "Status Code",
    "Normal Response Code",
    "Successful Response",
    "Error Response",
    "Status Codes",
    "Status code",
    "Returned Value",
    "Returned Values",
    "Return Value",
    "HTTP Status Code",
];

/// The column of a status table that holds the code.
pub fn status_column(table: &DocTable) -> Option<usize> {
    STATUS_COLUMNS.iter().find_map(|name| table.column(name))
}

/// A status table: a code column and a "Description" column, and no "Error Code" column (which
/// makes it an error code table).
pub fn is_status_code_table(table: &DocTable) -> bool {
    status_column(table).is_some()
        && table.column("Description").is_some()
        && table.column("Error Code").is_none()
        && table.column("Error Codes").is_none()
}

/// One row of a status table, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRow {
    pub row_number: usize,
    pub status_codes: Vec<u16>,
    pub description: String,
}

/// The rows of a status table, or the first problem of each row that cannot be read, as
/// `(row number, cell text, message)`.
pub fn read_status_table(table: &DocTable) -> (Vec<StatusRow>, Vec<(usize, String, String)>) {
    let Some(code_column) = status_column(table) else {
        return (Vec::new(), Vec::new());
    };
    let description_column = table.column("Description");
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for row in &table.rows {
        let code_text = row
            .cells
            .get(code_column)
            .map(DocCell::text)
            .unwrap_or_default();
        let mut description = description_column
            .and_then(|column| row.cells.get(column))
            .map(DocCell::text)
            .unwrap_or_default();
        // "Status Code | Status | Description": the status name belongs to the description.
        if let Some(status_name) = table
            .column("Status")
            .and_then(|column| row.cells.get(column))
            .map(DocCell::text)
            .filter(|name| !name.is_empty())
        {
            description = if description.is_empty() {
                status_name
            } else {
                format!("{status_name}: {description}")
            };
        }
        match parse_status_cell(&code_text) {
            Ok(status_codes) if !status_codes.is_empty() => rows.push(StatusRow {
                row_number: row.row_number,
                status_codes,
                description,
            }),
            Ok(_) => problems.push((
                row.row_number,
                code_text,
                "status code cell is empty".to_owned(),
            )),
            Err(message) => problems.push((row.row_number, code_text, message)),
        }
    }
    (rows, problems)
}

/// The `responses` key of a status table's "default" row: every other status, OpenAPI's
/// `default` response. No HTTP status is 0.
pub const DEFAULT_RESPONSE: u16 = 0;

/// The status codes of one cell: `200`, `400 Bad Request`, `404/500`, `200 or 204`, `201,
/// 202`. An empty cell has none; anything else that is not a code is an error.
pub fn parse_status_cell(text: &str) -> Result<Vec<u16>, String> {
    let text = text.trim();
    // "default": every status the table does not list, OpenAPI's `default` response.
    if text.eq_ignore_ascii_case("default") {
        return Ok(vec![DEFAULT_RESPONSE]);
    }
    let mut codes = Vec::new();
    let mut reason_words = 0;
    for word in text.split(|character: char| {
        character.is_whitespace() || matches!(character, '/' | ',' | ';' | '|' | '、')
    }) {
        let word = word.trim_matches(|character: char| matches!(character, '(' | ')' | '.' | ':'));
        if word.is_empty() || word.eq_ignore_ascii_case("or") || word.eq_ignore_ascii_case("and") {
            continue;
        }
        if word.chars().all(|character| character.is_ascii_digit()) {
            match word.parse::<u16>() {
                Ok(code) if (100..600).contains(&code) => {
                    if !codes.contains(&code) {
                        codes.push(code);
                    }
                    continue;
                }
                _ => return Err(format!("{text:?} is not an HTTP status code")),
            }
        }
        // The reason phrase after a code ("Bad Request", "Multiple Choices").
        if !codes.is_empty()
            && word
                .chars()
                .all(|character| character.is_alphabetic() || character == '-')
        {
            reason_words += 1;
            continue;
        }
        return Err(format!("{text:?} is not an HTTP status code"));
    }
    let _ = reason_words;
    Ok(codes)
}

/// `Status code: 200`, `Status code 200`, `Status Code: 200 OK` → 200.
pub fn status_code_marker(text: &str) -> Option<u16> {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("status code")
        .or_else(|| lower.strip_prefix("status codes"))?;
    let rest = rest.trim_start_matches(['s', ':', ' ']).trim();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = &rest[digits.len()..];
    if !after.is_empty() && !after.starts_with([' ', ',', '.', ':']) {
        return None;
    }
    digits.parse().ok().filter(|code| (100..600).contains(code))
}

/// A line of a status list: `Normal: 200`, `Normal response: 200 OK`, `Abnormal: 400, 404`,
/// `Success: 204`, `200: The request succeeded`, `200`. Returns whether the line names
/// successful statuses (`Some(true)`), failed ones (`Some(false)`) or does not say (`None`),
/// and the codes.
pub fn status_list_line(text: &str) -> Option<(Option<bool>, Vec<u16>)> {
    let text = text.trim().trim_end_matches('.');
    if let Some((label, value)) = text.split_once(':') {
        let label = label.trim().to_ascii_lowercase();
        let kind = if [
            "normal",
            "normal response",
            "success",
            "successful",
            "normal status code",
        ]
        .contains(&label.as_str())
        {
            Some(true)
        } else if [
            "abnormal",
            "abnormal response",
            "failure",
            "failed",
            "error",
            "abnormal status code",
        ]
        .contains(&label.as_str())
        {
            Some(false)
        } else {
            None
        };
        if kind.is_some() {
            return parse_status_cell(value)
                .ok()
                .filter(|codes| !codes.is_empty())
                .map(|codes| (kind, codes));
        }
        // `200: The request succeeded.`
        return parse_status_cell(label.as_str())
            .ok()
            .filter(|codes| codes.len() == 1)
            .map(|codes| (None, codes));
    }
    parse_status_cell(text)
        .ok()
        .filter(|codes| !codes.is_empty())
        .map(|codes| (None, codes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_cells() {
        assert_eq!(parse_status_cell("200"), Ok(vec![200]));
        assert_eq!(parse_status_cell("400 Bad Request"), Ok(vec![400]));
        assert_eq!(parse_status_cell("404/500"), Ok(vec![404, 500]));
        assert_eq!(parse_status_cell("200 or 204"), Ok(vec![200, 204]));
        assert_eq!(parse_status_cell(""), Ok(vec![]));
        assert!(parse_status_cell("OK").is_err());
        assert!(parse_status_cell("2000").is_err());
        assert!(parse_status_cell("Bad Request 400").is_err());
    }

    #[test]
    fn markers_and_list_lines() {
        assert_eq!(status_code_marker("Status code: 200"), Some(200));
        assert_eq!(status_code_marker("Status code 202"), Some(202));
        assert_eq!(status_code_marker("Status codes: 200"), Some(200));
        assert_eq!(status_code_marker("Status code descriptions"), None);
        assert_eq!(
            status_list_line("Normal: 200"),
            Some((Some(true), vec![200]))
        );
        assert_eq!(
            status_list_line("Abnormal: 400, 404"),
            Some((Some(false), vec![400, 404]))
        );
        assert_eq!(status_list_line("204"), Some((None, vec![204])));
        assert_eq!(status_list_line("Normal"), None);
        assert_eq!(status_list_line("See Error Codes."), None);
    }
}
