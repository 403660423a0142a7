//! One operation page in the older hand-written format (the DCS v1 APIs, the API version
//! pages) → the same [`PageOperation`] that `operation` reads from the generated format, so
//! component naming, overrides, the spec and the generator are shared.
//!
//! The format, as the pages write it:
//! - "URI": a `METHOD /path?a={a}&b={b}` line, then one parameter table (columns Parameter |
//!   Type | Mandatory | Description) mixing the path parameters and the query parameters.
//! - "Request": a `**Request parameters**` paragraph, then "None" or the body table and its
//!   nested tables, then example code blocks (the first is usually the request line).
//! - "Response": a `**Response parameters**` paragraph (or a table captioned so), the body
//!   table and its nested tables, optionally "Status code: N" paragraphs with error body tables,
//!   then example code blocks; the API version pages put their example in a "Sample" section.
//! - "Status Code": a table of the successful status codes (the others are described in an
//!   appendix page, which is not an operation page).
//!
//! Nested tables are typed as a bare "Object" or "Array" and named in the description ("see
//! Table 4", a link to the table's label) or only by a caption repeating the row name
//! ("results parameter description"); `table_for_untyped_row` finds them.

use std::collections::BTreeMap;

use crate::doc_model::{DocBlock, DocPage, DocRow, DocSection, DocTable, SourceLocation};
use crate::import::operation::{
    build_parameter, is_status_code_table, request_line_with_query, section_tables,
    starts_with_http_method, status_code_marker, NestedTables, OperationReader, PageExample,
    PageOperation, PageRequestBody, PageResponse, ParameterLocation,
};
use crate::import::type_words::is_schema_name;
use crate::import::ImportError;
use crate::naming::{pascal_case, path_template_variables, status_name};

/// The sections whose code blocks are response examples: the "Response" section, and the
/// "Sample" section the API version pages put after it.
const RESPONSE_EXAMPLE_SECTIONS: [&str; 2] = ["Response", "Sample"];

/// Paragraphs that only label what follows ("Example request", "Request URL:"): they say
/// nothing about one example, so they are no example summary.
const GENERIC_EXAMPLE_LABELS: [&str; 9] = [
    "example",
    "examples",
    "example request",
    "example response",
    "request example",
    "response example",
    "request url",
    "sample",
    "none",
];

/// Reads an operation page in the older hand-written format. `deprecated` pages (outdated API
/// versions) get the API version of their path in their operation id, so they never collide
/// with the current version's operations. Returns every problem found, not just the first.
pub fn import_legacy_operation_page(
    page: &DocPage,
    deprecated: bool,
) -> Result<PageOperation, Vec<ImportError>> {
    let request_line = page.section("URI").and_then(request_line_with_query);
    let operation_id = legacy_operation_id(
        &page.title,
        deprecated,
        request_line.as_ref().map(|request| request.path.as_str()),
    );
    let mut reader = OperationReader::new(
        page,
        NestedTables::ByLinkOrCaption {
            schema_name_prefix: operation_id.clone().unwrap_or_default(),
        },
    );
    let operation_id = match operation_id {
        Ok(operation_id) => operation_id,
        Err(message) => {
            reader.error(reader.page_location(), message);
            String::new()
        }
    };
    let Some(request_line) = request_line else {
        reader.error(
            reader.page_location(),
            "URI section has no \"METHOD /path\" line",
        );
        return reader.finish(empty_operation(page, operation_id));
    };
    let mut operation = PageOperation {
        method: request_line.method.clone(),
        path: request_line.path.clone(),
        description: reader.operation_description(),
        ..empty_operation(page, operation_id)
    };
    let query_names = query_template_names(request_line.query.as_deref());
    read_uri_parameters(&mut reader, &mut operation, &query_names);
    let status_order = read_statuses(&mut reader, &mut operation);
    read_request(&mut reader, &mut operation);
    read_response(&mut reader, &mut operation, &status_order);
    check_every_parameter_table_is_read(&mut reader);
    reader.check_path_parameters(&operation, "URI parameter table");
    reader.finish(operation)
}

/// The operation id of a legacy page: its title in PascalCase ("Batch Deleting DCS Instances"
/// → `BatchDeletingDcsInstances`), because the anchors of these pages (`dcs-api-0312009`) are
/// no identifiers. A deprecated page's id ends with the API version of its path (`/v1.0/…` →
/// `BatchDeletingDcsInstancesV1`): the current version usually has an operation of the same
/// title.
pub fn legacy_operation_id(
    title: &str,
    deprecated: bool,
    path: Option<&str>,
) -> Result<String, String> {
    let mut operation_id = pascal_case(title);
    if !is_schema_name(&operation_id) {
        return Err(format!(
            "operation id {operation_id:?} (from the page title) is not an identifier"
        ));
    }
    if deprecated {
        let version = path.and_then(path_version).ok_or_else(|| {
            format!(
                "the page is deprecated, but its path {} starts with no API version (such as /v1.0/) to tell its operation id {operation_id} from the current version's",
                path.unwrap_or("(none)")
            )
        })?;
        operation_id.push_str(&version);
    }
    Ok(operation_id)
}

/// `/v1.0/{project_id}/instances` → `V1`.
fn path_version(path: &str) -> Option<String> {
    let segment = path.trim_start_matches('/').split('/').next()?;
    let number = segment.strip_prefix('v')?;
    let major = number.split('.').next()?;
    (!major.is_empty() && major.chars().all(|character| character.is_ascii_digit()))
        .then(|| format!("V{major}"))
}

/// The operation before its sections are read: what the page's title and file say.
fn empty_operation(page: &DocPage, operation_id: String) -> PageOperation {
    PageOperation {
        file_name: page.file_name.clone(),
        operation_id,
        method: "get".to_owned(),
        path: "/".to_owned(),
        summary: page.title.clone(),
        description: None,
        parameters: Vec::new(),
        uses_iam_token: false,
        request_body: None,
        responses: BTreeMap::new(),
        schemas: Vec::new(),
        parent_topic: page.parent_topic.as_ref().map(|link| link.text.clone()),
    }
}

/// The parameter names of a query template: `start={start}&tags={key}={value}` → `start`,
/// `tags`.
fn query_template_names(query: Option<&str>) -> Vec<String> {
    let Some(query) = query else {
        return Vec::new();
    };
    query
        .split('&')
        .filter_map(|pair| {
            let name = pair.split('=').next().unwrap_or(pair).trim();
            (!name.is_empty()).then(|| name.to_owned())
        })
        .collect()
}

/// The URI table's rows: a path parameter for each `{name}` of the path, a query parameter
/// for every other row. A query parameter of the URI line without a row is an error (its type
/// is unknown), as is a path parameter without one (`check_path_parameters`).
fn read_uri_parameters(
    reader: &mut OperationReader<'_>,
    operation: &mut PageOperation,
    query_names: &[String],
) {
    let page = reader.page;
    let path_names = path_template_variables(&operation.path);
    let mut documented: Vec<String> = Vec::new();
    if let Some(uri_section) = page.section("URI") {
        let mut tables = section_tables(uri_section);
        if let Some(table) = tables.next() {
            if let Some(columns) = reader.parameter_columns(table) {
                for row in &table.rows {
                    let Some(parameter_row) = reader.read_parameter_row(table, row, &columns)
                    else {
                        continue;
                    };
                    if documented.contains(&parameter_row.name) {
                        reader.error(
                            SourceLocation::row(&page.file_name, table, row, &parameter_row.name),
                            "parameter is listed twice in this table",
                        );
                        continue;
                    }
                    documented.push(parameter_row.name.clone());
                    let location = if path_names.contains(&parameter_row.name.as_str()) {
                        ParameterLocation::Path
                    } else {
                        ParameterLocation::Query
                    };
                    operation
                        .parameters
                        .push(build_parameter(location, parameter_row));
                }
            }
        }
        for extra in tables {
            reader.error(
                SourceLocation::table(&page.file_name, extra),
                "a second table in the URI section: the path and query parameters are in one table",
            );
        }
    }
    for name in query_names {
        if !documented.contains(name) {
            reader.error(
                reader.page_location(),
                format!(
                    "query parameter {name:?} of the URI line has no row in the URI parameter table"
                ),
            );
        }
    }
}

/// The status table (in the "Status Code(s)" section, or else anywhere on the page) becomes
/// the responses, described by the table. Returns the status codes in table order.
fn read_statuses(reader: &mut OperationReader<'_>, operation: &mut PageOperation) -> Vec<u16> {
    let page = reader.page;
    let in_status_section = ["Status Code", "Status Codes"]
        .iter()
        .filter_map(|title| page.section(title))
        .flat_map(section_tables)
        .find(|table| is_status_code_table(table));
    let status_table = in_status_section.or_else(|| {
        page.tables()
            .map(|(_, table)| table)
            .find(|table| is_status_code_table(table))
    });
    let Some(status_table) = status_table else {
        reader.error(
            reader.page_location(),
            "no status code table (\"Status Code\" and \"Description\" columns)",
        );
        return Vec::new();
    };
    let mut status_order = Vec::new();
    for (status_code, description) in reader.read_status_table(status_table) {
        if operation.responses.contains_key(&status_code) {
            reader.error(
                SourceLocation::table(&page.file_name, status_table),
                format!("status code {status_code} is listed twice"),
            );
            continue;
        }
        status_order.push(status_code);
        operation.responses.insert(
            status_code,
            PageResponse {
                description,
                body_schema_key: None,
                headers: Vec::new(),
                examples: Vec::new(),
            },
        );
    }
    status_order
}

/// The status a documented success body belongs to.
///
/// The status tables of these pages list only successful codes, and the Response section
/// documents one success body without saying for which of them. 204 (No Content) never has
/// one: batch deletion lists 200 (the results, when `allFailure` is true) and 204 (failed
/// instances cleared, nothing returned). So the body belongs to the first 2xx status of the
/// table other than 204; a table without such a status has no status for a body.
fn success_body_status(status_order: &[u16]) -> Option<u16> {
    status_order
        .iter()
        .copied()
        .find(|status| (200..300).contains(status) && *status != 204)
}

/// The Request section: its first table is the request body (with its nested tables); its
/// JSON code blocks are the request examples.
fn read_request(reader: &mut OperationReader<'_>, operation: &mut PageOperation) {
    let page = reader.page;
    let Some(section) = page.section("Request") else {
        return;
    };
    if let Some(table) = section_tables(section).next() {
        let name = format!("{}RequestBody", operation.operation_id);
        if let Some((schema_key, required)) = reader.read_object_table(table, &name) {
            operation.request_body = Some(PageRequestBody {
                schema_key,
                required,
                examples: Vec::new(),
            });
        }
    }
    for (location, example) in section_examples(reader, section) {
        match &mut operation.request_body {
            Some(body) => body.examples.push(example),
            None => reader.error(
                location,
                "an example request has a JSON body but the Request section documents no request body table",
            ),
        }
    }
}

/// The Response section: the first table is the success body, the first table after a
/// "Status code: N" paragraph is the body of N; the other tables are nested tables of these.
/// The JSON code blocks of the Response and Sample sections are examples of the success body.
fn read_response(
    reader: &mut OperationReader<'_>,
    operation: &mut PageOperation,
    status_order: &[u16],
) {
    let page = reader.page;
    let success_status = success_body_status(status_order);
    if let Some(section) = page.section("Response") {
        // `None` stands for the success body, `Some(N)` for the body after "Status code: N".
        let mut current_status: Option<u16> = None;
        let mut bodies_read: Vec<Option<u16>> = Vec::new();
        for block in &section.blocks {
            match block {
                DocBlock::Paragraph(line) => {
                    if let Some(status_code) = status_code_marker(&line.text) {
                        current_status = Some(status_code);
                    }
                }
                DocBlock::Table(table) => {
                    if bodies_read.contains(&current_status) {
                        continue;
                    }
                    bodies_read.push(current_status);
                    read_response_body(reader, operation, table, current_status, success_status);
                }
                DocBlock::Preformatted(_) => {}
            }
        }
    }
    for title in RESPONSE_EXAMPLE_SECTIONS {
        let Some(section) = page.section(title) else {
            continue;
        };
        for (location, example) in section_examples(reader, section) {
            let response = success_status.and_then(|status| {
                operation
                    .responses
                    .get_mut(&status)
                    .filter(|response| response.body_schema_key.is_some())
            });
            match response {
                Some(response) => response.examples.push(example),
                None => reader.error(
                    location,
                    "an example response has a JSON body but the page documents no success response body table",
                ),
            }
        }
    }
}

fn read_response_body(
    reader: &mut OperationReader<'_>,
    operation: &mut PageOperation,
    table: &DocTable,
    marked_status: Option<u16>,
    success_status: Option<u16>,
) {
    let page = reader.page;
    let location = SourceLocation::table(&page.file_name, table);
    let (status_code, name) = match marked_status {
        Some(status_code) if (200..300).contains(&status_code) => (
            status_code,
            format!(
                "{}{}ResponseBody",
                operation.operation_id,
                status_name(status_code)
            ),
        ),
        Some(status_code) => (status_code, "ErrorResponse".to_owned()),
        None => match success_status {
            Some(status_code) => (
                status_code,
                format!("{}ResponseBody", operation.operation_id),
            ),
            None => {
                reader.error(
                    location,
                    "a response body table, but the status code table lists no 2xx status other than 204 for it",
                );
                // Its rows are still read, so their problems are reported too.
                let name = format!("{}ResponseBody", operation.operation_id);
                let _ = reader.read_object_table(table, &name);
                return;
            }
        },
    };
    if !operation.responses.contains_key(&status_code) {
        reader.error(
            location,
            format!(
                "status code {status_code} has a response table but is not listed in the status code table"
            ),
        );
        return;
    }
    let Some((schema_key, _)) = reader.read_object_table(table, &name) else {
        return;
    };
    if let Some(response) = operation.responses.get_mut(&status_code) {
        response.body_schema_key = Some(schema_key);
    }
}

/// The JSON examples of a section's code blocks, with where each was found. A block may hold
/// several bodies, each after a `//` comment line that becomes its summary; otherwise the
/// paragraph right before the block is the summary, unless it is a generic label. Blocks
/// without JSON must be request lines (`GET https://…`) or "None"; anything else is an error,
/// so no example is dropped unnoticed.
fn section_examples(
    reader: &mut OperationReader<'_>,
    section: &DocSection,
) -> Vec<(SourceLocation, PageExample)> {
    let mut examples = Vec::new();
    let mut summary: Option<String> = None;
    let mut block_number = 0;
    for block in &section.blocks {
        let text = match block {
            DocBlock::Paragraph(line) => {
                summary = example_summary(&line.text);
                continue;
            }
            DocBlock::Table(_) => {
                summary = None;
                continue;
            }
            DocBlock::Preformatted(text) => text,
        };
        block_number += 1;
        let location = SourceLocation {
            table: Some(format!(
                "{} section, code block {block_number}",
                section.title
            )),
            ..reader.page_location()
        };
        let block_summary = summary.take();
        let parts = commented_parts(text);
        let several = parts.len() > 1;
        for (comment, part) in parts {
            if !has_json_line(part) {
                let trimmed = part.trim();
                if starts_with_http_method(trimmed) || trimmed.eq_ignore_ascii_case("none") {
                    continue;
                }
                reader.error(
                    location.clone(),
                    format!(
                        "code block is neither a request line nor a JSON body: {:?}",
                        trimmed.chars().take(60).collect::<String>()
                    ),
                );
                continue;
            }
            let Some(value) = reader.example_json_body(part, location.clone()) else {
                continue;
            };
            let summary = match comment {
                Some(comment) => Some(comment),
                None if several => None,
                None => block_summary.clone(),
            };
            examples.push((location.clone(), PageExample { summary, value }));
        }
    }
    examples
}

/// The summary a paragraph gives the example after it, unless it only labels it.
fn example_summary(text: &str) -> Option<String> {
    let text = text.trim();
    let label = text.trim_end_matches(':').trim().to_ascii_lowercase();
    (!text.is_empty() && !GENERIC_EXAMPLE_LABELS.contains(&label.as_str())).then(|| text.to_owned())
}

/// A code block split at its `//` comment lines: `(comment, text after it)`, the text before
/// the first comment with no comment. Blank parts are left out.
fn commented_parts(text: &str) -> Vec<(Option<String>, &str)> {
    let mut parts = Vec::new();
    let mut comment: Option<String> = None;
    let mut part_start = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(next_comment) = line.trim_start().strip_prefix("//") {
            let part = &text[part_start..offset];
            if !part.trim().is_empty() {
                parts.push((comment.take(), part));
            }
            comment = Some(next_comment.trim().to_owned()).filter(|comment| !comment.is_empty());
            part_start = offset + line.len();
        }
        offset += line.len();
    }
    let part = &text[part_start..];
    if !part.trim().is_empty() {
        parts.push((comment, part));
    }
    parts
}

/// Whether a text has a line opening a JSON object or array.
fn has_json_line(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start();
        line.starts_with('{') || line.starts_with('[')
    })
}

/// Every parameter table (Parameter and Type columns) of the Request and Response sections
/// must have been read as a body or as a nested table: one that no row refers to would
/// otherwise be dropped without notice.
fn check_every_parameter_table_is_read(reader: &mut OperationReader<'_>) {
    let page = reader.page;
    for title in ["Request", "Response"] {
        let Some(section) = page.section(title) else {
            continue;
        };
        for table in section_tables(section) {
            let is_parameter_table = (table.column("Parameter").is_some()
                || table.column("Name").is_some())
                && table.column("Type").is_some();
            if is_parameter_table && !reader.has_read_table(table) {
                reader.error(
                    SourceLocation::table(&page.file_name, table),
                    "a parameter table no row refers to: neither a body table nor linked from (or captioned for) an Object or Array row",
                );
            }
        }
    }
}

/// The table a bare "Object" / "Array" row refers to: the first table of this page its cells
/// link to (`:ref:` to the table's label), or else the one table of the same section whose
/// caption names the row ("results parameter description"). `Ok(None)` when it refers to
/// none; links to other pages are not followed (the row stays free-form, its description
/// keeps the reference).
pub(crate) fn table_for_untyped_row<'page>(
    page: &'page DocPage,
    table: &DocTable,
    row: &DocRow,
    row_name: &str,
) -> Result<Option<&'page DocTable>, String> {
    let anchors: Vec<&str> = row
        .cells
        .iter()
        .flat_map(|cell| &cell.links)
        .filter_map(|link| link.target.strip_prefix('#'))
        .collect();
    if !anchors.is_empty() {
        let linked = anchors.iter().find_map(|anchor| {
            page.tables()
                .map(|(_, candidate)| candidate)
                .find(|candidate| candidate.anchor.as_deref() == Some(*anchor))
        });
        return match linked {
            Some(linked) => Ok(Some(linked)),
            None => Err(format!(
                "the row links to #{}, which is no table on this page",
                anchors.join(", #")
            )),
        };
    }
    let section = page
        .sections
        .iter()
        .find(|section| section_tables(section).any(|candidate| std::ptr::eq(candidate, table)));
    let Some(section) = section else {
        return Ok(None);
    };
    let captioned: Vec<&'page DocTable> = section_tables(section)
        .filter(|candidate| !std::ptr::eq(*candidate, table))
        .filter(|candidate| {
            candidate
                .caption
                .as_deref()
                .is_some_and(|caption| caption_names_row(caption, row_name))
        })
        .collect();
    match captioned.as_slice() {
        [] => Ok(None),
        [table] => Ok(Some(table)),
        several => Err(format!(
            "{} tables of the {} section are captioned for {row_name:?} and the row links to none of them",
            several.len(),
            section.title
        )),
    }
}

/// Whether a caption names a row: "results parameter description", "instances parameters",
/// "Parameter description of the available_zones array", "instance_backup_policy".
fn caption_names_row(caption: &str, row_name: &str) -> bool {
    let caption = caption.trim().to_ascii_lowercase();
    let row_name = row_name.to_ascii_lowercase();
    let mut subject = caption.as_str();
    for prefix in ["parameter description of ", "description of "] {
        if let Some(rest) = subject.strip_prefix(prefix) {
            subject = rest;
            break;
        }
    }
    subject = subject.strip_prefix("the ").unwrap_or(subject);
    for suffix in [
        " parameter description",
        " parameters description",
        " field description",
        " parameters",
        " parameter",
        " array",
        " object",
        " description",
    ] {
        if let Some(rest) = subject.strip_suffix(suffix) {
            subject = rest;
            break;
        }
    }
    subject.trim() == row_name
}

/// Captions that are a single generic word, never an object's name.
const GENERIC_CAPTIONS: [&str; 4] = ["Parameters", "Parameter", "Description", "Response"];

/// The schema name of a nested table: its caption when that is an object name
/// ("StatusStatistic"), else the operation id and the row name in PascalCase (`results` →
/// `<OperationId>Results`), because captions such as "results parameter description" only
/// repeat the row name, which several operations share with different shapes.
pub(crate) fn nested_schema_name(table: &DocTable, operation_id: &str, row_name: &str) -> String {
    if let Some(caption) = table.caption.as_deref().map(str::trim) {
        let is_object_name = is_schema_name(caption)
            && caption.starts_with(|character: char| character.is_ascii_uppercase())
            && !GENERIC_CAPTIONS.contains(&caption);
        if is_object_name {
            return caption.to_owned();
        }
    }
    format!("{operation_id}{}", pascal_case(row_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_ids_come_from_titles_and_deprecated_ones_carry_the_version() {
        assert_eq!(
            legacy_operation_id("Batch Deleting DCS Instances", false, Some("/v1.0/x")),
            Ok("BatchDeletingDcsInstances".to_owned())
        );
        assert_eq!(
            legacy_operation_id(
                "Batch Deleting DCS Instances",
                true,
                Some("/v1.0/{project_id}/instances")
            ),
            Ok("BatchDeletingDcsInstancesV1".to_owned())
        );
        assert!(legacy_operation_id("Listing", true, Some("/{api_version}")).is_err());
        assert!(legacy_operation_id("2 Instances", false, None).is_err());
    }

    #[test]
    fn query_templates_name_their_parameters() {
        assert_eq!(
            query_template_names(Some("start={start}&limit={limit}&tags={key}={value}")),
            ["start", "limit", "tags"]
        );
        assert!(query_template_names(None).is_empty());
    }

    #[test]
    fn captions_name_rows() {
        assert!(caption_names_row(
            "results parameter description",
            "results"
        ));
        assert!(caption_names_row("instances parameters", "instances"));
        assert!(caption_names_row(
            "Parameter description of the available_zones array",
            "available_zones"
        ));
        assert!(caption_names_row(
            "instance_backup_policy",
            "instance_backup_policy"
        ));
        assert!(!caption_names_row("Parameter description", "results"));
        assert!(!caption_names_row("versions parameters", "version"));
    }

    #[test]
    fn comment_lines_split_a_block_into_examples() {
        let parts = commented_parts("//First.\n{\"a\": 1}\n//Second.\n{\"a\": 2}\n");
        assert_eq!(
            parts,
            [
                (Some("First.".to_owned()), "{\"a\": 1}\n"),
                (Some("Second.".to_owned()), "{\"a\": 2}\n")
            ]
        );
        assert_eq!(commented_parts("{}"), [(None, "{}")]);
    }

    /// The vendored pages of the older format, as (path relative to the DCS sources, text).
    fn vendored_legacy_pages() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/sources/dcs");
        let mut pending = vec![
            root.join("outdated_apis_v1"),
            root.join("api_version_query"),
        ];
        let mut pages = Vec::new();
        while let Some(directory) = pending.pop() {
            let entries = std::fs::read_dir(&directory)
                .unwrap_or_else(|error| panic!("{}: {error}", directory.display()));
            for entry in entries {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|extension| extension == "rst")
                    && path.file_name().is_some_and(|name| name != "index.rst")
                {
                    let relative_path = path
                        .strip_prefix(&root)
                        .expect("under the sources")
                        .to_string_lossy()
                        .replace('\\', "/");
                    let text = std::fs::read_to_string(&path).expect("readable page");
                    pages.push((relative_path, text));
                }
            }
        }
        pages.sort();
        pages
    }

    /// Reads a page (which must not panic) and checks that every error names the page's file.
    /// Returns whether the page imported.
    fn import_names_the_file(page: &DocPage) -> bool {
        match import_legacy_operation_page(page, true) {
            Ok(_) => true,
            Err(errors) => {
                assert!(
                    !errors.is_empty(),
                    "{}: failed without an error",
                    page.file_name
                );
                for error in &errors {
                    assert_eq!(error.location.file_name, page.file_name, "{error}");
                }
                false
            }
        }
    }

    fn table_at(
        page: &mut DocPage,
        section_index: usize,
        block_index: usize,
    ) -> Option<&mut DocTable> {
        match page
            .sections
            .get_mut(section_index)?
            .blocks
            .get_mut(block_index)
        {
            Some(DocBlock::Table(table)) => Some(table),
            _ => None,
        }
    }

    /// Damaged variants of a page in the doc model: cut off after every block, each section left
    /// out, each table with a cell missing from every row, without its header or without its
    /// caption and anchor, links gone, code blocks cut in half.
    fn doc_model_mutations(page: &DocPage) -> Vec<DocPage> {
        let mut mutations = Vec::new();
        // The page cut off after every block.
        for (section_index, section) in page.sections.iter().enumerate() {
            for block_count in 0..section.blocks.len() {
                let mut truncated = page.clone();
                truncated.sections.truncate(section_index + 1);
                truncated.sections[section_index]
                    .blocks
                    .truncate(block_count);
                mutations.push(truncated);
            }
        }
        for section_index in 0..page.sections.len() {
            let mut mutated = page.clone();
            mutated.sections.remove(section_index);
            mutations.push(mutated);
        }
        let table_positions: Vec<(usize, usize)> = page
            .sections
            .iter()
            .enumerate()
            .flat_map(|(section_index, section)| {
                section
                    .blocks
                    .iter()
                    .enumerate()
                    .filter(|(_, block)| matches!(block, DocBlock::Table(_)))
                    .map(move |(block_index, _)| (section_index, block_index))
            })
            .collect();
        for (section_index, block_index) in table_positions {
            let mut short_rows = page.clone();
            if let Some(table) = table_at(&mut short_rows, section_index, block_index) {
                for row in &mut table.rows {
                    row.cells.pop();
                }
            }
            mutations.push(short_rows);
            let mut no_header = page.clone();
            if let Some(table) = table_at(&mut no_header, section_index, block_index) {
                table.header.clear();
            }
            mutations.push(no_header);
            let mut no_caption_or_anchor = page.clone();
            if let Some(table) = table_at(&mut no_caption_or_anchor, section_index, block_index) {
                table.caption = None;
                table.anchor = None;
            }
            mutations.push(no_caption_or_anchor);
        }
        let mut without_links = page.clone();
        let mut cut_code_blocks = page.clone();
        for block in without_links
            .sections
            .iter_mut()
            .flat_map(|section| &mut section.blocks)
        {
            if let DocBlock::Table(table) = block {
                for cell in table.rows.iter_mut().flat_map(|row| &mut row.cells) {
                    cell.links.clear();
                }
            }
        }
        for block in cut_code_blocks
            .sections
            .iter_mut()
            .flat_map(|section| &mut section.blocks)
        {
            if let DocBlock::Preformatted(text) = block {
                let half = text.char_indices().nth(text.chars().count() / 2);
                text.truncate(half.map_or(0, |(index, _)| index));
            }
        }
        mutations.push(without_links);
        mutations.push(cut_code_blocks);
        mutations
    }

    /// No input makes the reader panic, and every problem names the page's file: the vendored
    /// pages cut off at many lines, with single lines left out, and damaged in the doc model.
    #[test]
    fn damaged_legacy_pages_never_panic_and_errors_name_the_file() {
        let pages = vendored_legacy_pages();
        assert_eq!(
            pages.len(),
            24,
            "the v1 pages and the two API version pages"
        );
        let mut failed_imports = 0;
        for (relative_path, text) in &pages {
            let page = crate::front_end::rst::parse_rst_page(relative_path, text)
                .unwrap_or_else(|error| panic!("{relative_path}: {error}"));
            assert!(
                matches!(
                    crate::import::operation::classify_page(&page),
                    crate::import::operation::PageKind::LegacyOperation { .. }
                ),
                "{relative_path} is a legacy operation page"
            );
            let lines: Vec<&str> = text.lines().collect();
            // The RST front end takes up to tens of milliseconds per long page in a debug build,
            // so the text is cut at about 15 places; the doc model mutations below cut the page
            // after every block.
            let stride = (lines.len() / 15).max(1);
            for line_count in (0..lines.len()).step_by(stride) {
                let variants = [
                    lines[..line_count].join("\n"),
                    [&lines[..line_count], &lines[line_count + 1..]]
                        .concat()
                        .join("\n"),
                ];
                for variant in variants {
                    // The RST front end reports what it cannot read; the reader gets the rest.
                    if let Ok(mutated) =
                        crate::front_end::rst::parse_rst_page(relative_path, &variant)
                    {
                        failed_imports += usize::from(!import_names_the_file(&mutated));
                    }
                }
            }
            for mutated in doc_model_mutations(&page) {
                failed_imports += usize::from(!import_names_the_file(&mutated));
            }
        }
        assert!(failed_imports > 0, "some damaged pages must fail to import");
    }

    #[test]
    fn generic_labels_are_no_summaries() {
        assert_eq!(example_summary("Example:"), None);
        assert_eq!(example_summary("Request URL:"), None);
        assert_eq!(
            example_summary("Example request with allFailure set to false:"),
            Some("Example request with allFailure set to false:".to_owned())
        );
    }
}
