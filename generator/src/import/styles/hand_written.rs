//! The older hand-written formats and their variants → the same `PageImport` the generated
//! format gives.
//!
//! What the pages of these formats write, and where:
//! - "URI": the request line(s), then parameter tables (captioned "Parameter description",
//!   "URI parameters", "Path parameters", "Query parameters", or not at all; with or without a
//!   "Type" column) mixing path and query parameters.
//! - "Request" ("Request Message", "Requests"): header tables, then the body table and its
//!   nested tables, then example code blocks (the first is often the request line).
//! - "Response" ("Normal Response", "Response Message"): the body table and its nested tables,
//!   "Status code: N" lines before error body tables, examples ("Or" before an error example).
//! - Statuses: a "Status Code(s)" table, a list ("Normal: 200", "Abnormal: 400"), only a
//!   reference to the service's general status code page ("Returned Values"), or nothing; the
//!   success status then comes from a "Status code: N" line, else from the method, which is
//!   noted.
//!
//! Nested tables are typed as a bare "Object" or "Array" (or "X object") and named in the
//! description ("see Table 4", a link), by a caption repeating the row name ("servers field
//! description") or by the paragraph before an uncaptioned table ("Parameters in the links
//! field"); the table reader finds them.

use std::collections::BTreeMap;

use crate::doc_model::{DocBlock, DocPage, DocSection, DocTable, SourceLocation};
use crate::import::examples::{
    commented_parts, example_summary, has_json_line, is_request_to_another_path, json_body,
    shows_no_body, starts_with_http_method,
};
use crate::import::page_index::LinkTarget;
use crate::import::page_operation::{
    PageExample, PageImport, PageOperation, PageRequestBody, PageResponse, JSON_MEDIA_TYPE,
};
use crate::import::parameters::{
    operations_for_request_lines, read_response_headers, string_parameter, PageParameters,
    TableLocation,
};
use crate::import::request_line::RequestLine;
use crate::import::row_schema::ParameterLocation;
use crate::import::sections::{
    operation_description, section_role, section_tables, table_role, CaptionRole, SectionRole,
};
use crate::import::statuses::{
    is_status_code_table, read_status_table, status_code_marker, status_list_line,
};
use crate::import::styles::status_code_page::StatusCodePage;
use crate::import::styles::OperationPage;
use crate::import::success_status::{is_success, success_evidence, SuccessEvidence, SUCCESS_RANGE};
use crate::import::table_reader::TableReader;
use crate::import::ImportError;
use crate::naming::status_name;

/// Reads an operation page in an older hand-written format. Returns every problem found, not
/// just the first.
pub fn read_hand_written_page(
    operation_page: OperationPage<'_>,
) -> Result<PageImport, Vec<ImportError>> {
    let page = operation_page.page;
    let mut reader = TableReader::new(
        page,
        operation_page.index,
        operation_page.first_operation_id(),
    );
    let mut template = PageOperation {
        file_name: page.file_name.clone(),
        operation_id: String::new(),
        method: String::new(),
        path: String::new(),
        summary: page.title.clone(),
        description: operation_description(page),
        parameters: Vec::new(),
        uses_iam_token: false,
        request_body: None,
        responses: BTreeMap::new(),
        parent_topic: page.parent_topic.as_ref().map(|link| link.text.clone()),
    };
    let mut parameters = PageParameters::default();
    let body_tables_in_uri = read_uri_parameters(&mut reader, operation_page, &mut parameters);
    read_request(
        &mut reader,
        operation_page,
        &body_tables_in_uri,
        &mut parameters,
        &mut template,
    );
    template.parameters = parameters.parameters;
    template.uses_iam_token = parameters.uses_iam_token;
    check_query_template(&mut reader, operation_page, &mut template);
    let statuses = read_statuses(&mut reader, operation_page);
    read_responses(&mut reader, operation_page, &statuses, &mut template);
    read_examples(
        &mut reader,
        page,
        operation_page.request_lines,
        &mut template,
    );
    check_every_parameter_table_is_read(&mut reader, page);
    let operations = operations_for_request_lines(
        &mut reader,
        &template,
        operation_page.request_lines,
        operation_page.operation_ids,
        "URI parameter table",
    );
    super::check_page_conservation(&mut reader, page);
    let (schemas, notes, conservation) = reader.finish()?;
    Ok(PageImport {
        file_name: page.file_name.clone(),
        operations,
        schemas,
        notes,
        conservation,
    })
}

/// The sections of a role, in page order.
fn sections<'page>(page: &'page DocPage, roles: &[SectionRole]) -> Vec<&'page DocSection> {
    page.sections
        .iter()
        .filter(|section| roles.contains(&section_role(&section.title)))
        .collect()
}

/// The parameter tables of the URI section: by caption, else rows named in the path are path
/// parameters and the others query parameters.
fn read_uri_parameters<'pages>(
    reader: &mut TableReader<'pages>,
    operation_page: OperationPage<'pages>,
    parameters: &mut PageParameters,
) -> Vec<&'pages DocTable> {
    let page = operation_page.page;
    let mut body_tables = Vec::new();
    for section in sections(page, &[SectionRole::Uri]) {
        for table in section_tables(section) {
            if !TableReader::is_parameter_table(table) {
                continue;
            }
            let location = match table_role(page, table) {
                CaptionRole::QueryParameters => TableLocation::Fixed(ParameterLocation::Query),
                CaptionRole::HeaderParameters => TableLocation::Fixed(ParameterLocation::Header),
                _ if is_body_table_in_uri_section(operation_page, table) => {
                    body_tables.push(table);
                    continue;
                }
                _ => TableLocation::PathOrQuery,
            };
            parameters.read_table(reader, page, table, location, operation_page.request_lines);
        }
    }
    body_tables
}

/// A table of the URI section that holds no path parameter and types a row as an object, on a
/// page whose method takes a body: the request body, written under the URI (a query parameter
/// cannot be an object).
fn is_body_table_in_uri_section(operation_page: OperationPage<'_>, table: &DocTable) -> bool {
    let takes_body = operation_page
        .request_lines
        .iter()
        .all(|line| matches!(line.method.as_str(), "post" | "put" | "patch"));
    let (Some(name_column), Some(type_column)) = (
        ["Parameter", "Name"]
            .iter()
            .find_map(|name| table.column(name)),
        table.column("Type"),
    ) else {
        return false;
    };
    let path_names: Vec<&str> = operation_page
        .request_lines
        .iter()
        .flat_map(|line| crate::naming::path_template_variables(&line.path))
        .collect();
    let has_path_parameter = table.rows.iter().any(|row| {
        row.cells
            .get(name_column)
            .is_some_and(|cell| path_names.contains(&cell.text().as_str()))
    });
    let has_object_row = table.rows.iter().any(|row| {
        row.cells.get(type_column).is_some_and(|cell| {
            use crate::import::type_words::{parse_type_word, TypeWord};
            match parse_type_word(&cell.text()) {
                Some(TypeWord::AnyObject | TypeWord::Object(_) | TypeWord::Map(_)) => true,
                Some(TypeWord::Array(element)) => {
                    matches!(*element, TypeWord::AnyObject | TypeWord::Object(_))
                }
                _ => false,
            }
        })
    });
    takes_body && !has_path_parameter && has_object_row
}

/// A query parameter of the URI line (`?start={start}&limit={limit}`) without a row is a string
/// parameter without description, noted.
fn check_query_template(
    reader: &mut TableReader<'_>,
    operation_page: OperationPage<'_>,
    operation: &mut PageOperation,
) {
    let documented: Vec<&str> = operation
        .parameters
        .iter()
        .map(|parameter| parameter.parameter_data_ref().name.as_str())
        .collect();
    let mut undocumented: Vec<String> = Vec::new();
    for request_line in operation_page.request_lines {
        for name in query_template_names(request_line.query.as_deref()) {
            if !documented.contains(&name.as_str()) && !undocumented.contains(&name) {
                // A query value is a string on the wire: the parameter is one, without
                // description, and the summary says so.
                reader.note(
                    reader.page_location(),
                    format!(
                        "query parameter {name:?} of the URI line has no row in a parameter table: imported as a string without description"
                    ),
                );
                undocumented.push(name);
            }
        }
    }
    operation.parameters.extend(
        undocumented
            .iter()
            .map(|name| string_parameter(name, ParameterLocation::Query)),
    );
}

/// The parameter names of a query template: `start={start}&tags={key}={value}` → `start`,
/// `tags`; a template without `=` (`{?marker,limit}`) names none.
fn query_template_names(query: Option<&str>) -> Vec<String> {
    let Some(query) = query else {
        return Vec::new();
    };
    query
        .split('&')
        .filter(|pair| pair.contains('='))
        .filter_map(|pair| {
            let name = pair.split('=').next().unwrap_or(pair).trim();
            let is_name = !name.is_empty()
                && name.chars().all(|character| {
                    character.is_ascii_alphanumeric() || "_-.[]".contains(character)
                });
            is_name.then(|| name.to_owned())
        })
        .collect()
}

/// The Request sections: header and query tables by caption; the first other parameter table
/// is the body, the rest are its nested tables.
fn read_request<'pages>(
    reader: &mut TableReader<'pages>,
    operation_page: OperationPage<'pages>,
    body_tables_in_uri: &[&'pages DocTable],
    parameters: &mut PageParameters,
    operation: &mut PageOperation,
) {
    let page = operation_page.page;
    let mut body_table: Option<&'pages DocTable> = body_tables_in_uri.first().copied();
    let mut other_body_tables: Vec<&'pages DocTable> =
        body_tables_in_uri.iter().skip(1).copied().collect();
    for section in sections(page, &[SectionRole::Request]) {
        for table in section_tables(section) {
            if !TableReader::is_parameter_table(table) {
                continue;
            }
            match table_role(page, table) {
                CaptionRole::HeaderParameters => parameters.read_table(
                    reader,
                    page,
                    table,
                    TableLocation::Fixed(ParameterLocation::Header),
                    operation_page.request_lines,
                ),
                CaptionRole::QueryParameters => parameters.read_table(
                    reader,
                    page,
                    table,
                    TableLocation::Fixed(ParameterLocation::Query),
                    operation_page.request_lines,
                ),
                CaptionRole::PathParameters => parameters.read_table(
                    reader,
                    page,
                    table,
                    TableLocation::Fixed(ParameterLocation::Path),
                    operation_page.request_lines,
                ),
                // A GET (or HEAD) has no body: its request table holds query parameters, as
                // does a table whose every row the URI line's query names.
                _ if reads_query(operation_page, table) => parameters.read_table(
                    reader,
                    page,
                    table,
                    TableLocation::Fixed(ParameterLocation::Query),
                    operation_page.request_lines,
                ),
                _ if body_table.is_none() => body_table = Some(table),
                _ => other_body_tables.push(table),
            }
        }
    }
    if let Some(table) = body_table {
        let name = format!("{}RequestBody", reader.operation_id);
        if let Some((schema_key, required)) = reader.read_object_table(page, table, &name) {
            // A later table no row refers to that shares most of its fields with the body is
            // another form of the body ("Parameters in the request body when a CBR backup is
            // used"): the body is one of them.
            let alternatives: Vec<&DocTable> = other_body_tables
                .iter()
                .copied()
                .filter(|other| !reader.has_read_table(other) && shares_most_fields(table, other))
                .collect();
            let mut keys = vec![schema_key.clone()];
            for (position, alternative) in alternatives.iter().enumerate() {
                let alternative_name = format!("{name}Alternative{}", position + 2);
                if let Some((key, _)) =
                    reader.read_object_table(page, alternative, &alternative_name)
                {
                    keys.push(key);
                }
            }
            let schema_key = if keys.len() > 1 {
                reader.note(
                    reader.page_location(),
                    format!("the Request section documents {} forms of the body: the body is one of them", keys.len()),
                );
                reader.one_of_schema(page, &format!("{name}OneOf"), &keys)
            } else {
                schema_key
            };
            operation.request_body = Some(PageRequestBody {
                media_type: JSON_MEDIA_TYPE.to_owned(),
                schema_key: Some(schema_key),
                required,
                examples: Vec::new(),
            });
        }
    }
}

/// Whether at least half of the smaller table's field names are fields of the other too.
fn shares_most_fields(first: &DocTable, second: &DocTable) -> bool {
    let names = |table: &DocTable| -> Vec<String> {
        let Some(column) = ["Parameter", "Name"]
            .iter()
            .find_map(|name| table.column(name))
        else {
            return Vec::new();
        };
        table
            .rows
            .iter()
            .filter_map(|row| row.cells.get(column).map(crate::doc_model::DocCell::text))
            .collect()
    };
    let (first_names, second_names) = (names(first), names(second));
    let smaller = first_names.len().min(second_names.len());
    let shared = second_names
        .iter()
        .filter(|name| first_names.contains(name))
        .count();
    smaller > 0 && shared * 2 >= smaller
}

/// Whether a request table of the page holds query parameters: every request line is a GET or
/// HEAD, or every row is named in a request line's query template.
fn reads_query(operation_page: OperationPage<'_>, table: &DocTable) -> bool {
    let bodiless = operation_page
        .request_lines
        .iter()
        .all(|line| line.method == "get" || line.method == "head");
    if bodiless {
        return true;
    }
    let query_names: Vec<String> = operation_page
        .request_lines
        .iter()
        .flat_map(|line| query_template_names(line.query.as_deref()))
        .collect();
    let Some(name_column) = ["Parameter", "Name"]
        .iter()
        .find_map(|name| table.column(name))
    else {
        return false;
    };
    !query_names.is_empty()
        && !table.rows.is_empty()
        && table.rows.iter().all(|row| {
            row.cells
                .get(name_column)
                .is_some_and(|cell| query_names.contains(&cell.text()))
        })
}

/// The statuses a page names: its status tables and status lists, and the general status code
/// page it refers to.
#[derive(Debug, Default)]
struct PageStatuses<'pages> {
    /// `(status, description)` the page lists itself, in page order.
    listed: Vec<(u16, String)>,
    /// Statuses of "Status code: N" lines before response tables and examples, in page order.
    marked: Vec<u16>,
    general_page: Option<&'pages StatusCodePage>,
}

fn read_statuses<'pages>(
    reader: &mut TableReader<'pages>,
    operation_page: OperationPage<'pages>,
) -> PageStatuses<'pages> {
    let page = operation_page.page;
    let mut statuses = PageStatuses::default();
    let status_roles = [
        SectionRole::Statuses,
        SectionRole::Response,
        SectionRole::AbnormalResponse,
        SectionRole::ExampleResponse,
        SectionRole::ErrorCodes,
    ];
    for section in sections(page, &status_roles) {
        let role = section_role(&section.title);
        // After a "Normal" line the codes listed are successes, after "Abnormal" failures.
        for block in &section.blocks {
            match block {
                DocBlock::Table(table) if is_status_code_table(table) => {
                    reader.take_table(page, table);
                    let (rows, problems) = read_status_table(table);
                    for (row_number, text, message) in problems {
                        reader.error(
                            SourceLocation {
                                row_number: Some(row_number),
                                parameter: (!text.is_empty()).then_some(text),
                                ..SourceLocation::table(&page.file_name, table)
                            },
                            message,
                        );
                    }
                    for row in rows {
                        for status in row.status_codes {
                            push_status(&mut statuses.listed, status, &row.description);
                        }
                    }
                }
                DocBlock::Paragraph(line) => {
                    if let Some(status) = status_code_marker(&line.text) {
                        if !statuses.marked.contains(&status) {
                            statuses.marked.push(status);
                        }
                        continue;
                    }
                    for link in &line.links {
                        if let Some(LinkTarget::Page(target)) =
                            operation_page.index.resolve(page, link)
                        {
                            if let Some(general) = operation_page
                                .status_code_pages
                                .pages
                                .get(&target.file_name)
                            {
                                statuses.general_page.get_or_insert(general);
                            }
                        }
                    }
                    if role == SectionRole::Statuses {
                        if let Some((_, codes)) = status_list_line(&line.text) {
                            for status in codes {
                                push_status(&mut statuses.listed, status, "");
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    statuses
}

fn push_status(listed: &mut Vec<(u16, String)>, status: u16, description: &str) {
    match listed.iter_mut().find(|(existing, _)| *existing == status) {
        Some((_, existing_description)) => {
            if existing_description.is_empty() {
                *existing_description = description.to_owned();
            }
        }
        None => listed.push((status, description.to_owned())),
    }
}

/// The Response sections: the first body table (or the first parameter table of the page a
/// body-less section refers to) is the success body, the first table after a "Status code: N"
/// line the body of N; the other parameter tables are nested tables of these. The responses
/// are the listed statuses, the error statuses of the general status code page the page refers
/// to, and a success status: the first listed 2xx with a body (204 never has one), else the
/// first 2xx of a "Status code" line, else one the method suggests, which is noted.
fn read_responses<'pages>(
    reader: &mut TableReader<'pages>,
    operation_page: OperationPage<'pages>,
    statuses: &PageStatuses<'pages>,
    operation: &mut PageOperation,
) {
    let statuses_of_page = statuses;
    let page = operation_page.page;
    // `None` stands for the success body, `Some(N)` for the body after "Status code: N".
    let mut bodies: Vec<(BodyOf, &'pages DocPage, &'pages DocTable)> = Vec::new();
    let mut header_tables: Vec<&'pages DocTable> = Vec::new();
    // Bodies described on another page the Response section links to: under "Normal
    // response" the success body, under "Abnormal response" the failures' (RDS's "Abnormal
    // Request Results"); "None" under "Normal response" says there is no success body.
    let mut referenced_success: Option<(&'pages DocPage, &'pages DocTable)> = None;
    let mut referenced_failures: Option<(&'pages DocPage, &'pages DocTable)> = None;
    let mut success_says_none = false;
    let request_path = operation_page
        .request_lines
        .first()
        .map_or("", |line| line.path.as_str());
    for section in sections(page, &[SectionRole::Response]) {
        let mut current_body = BodyOf::Success;
        let mut has_table = false;
        for block in &section.blocks {
            match block {
                DocBlock::Paragraph(line) => {
                    if let Some(status) = status_code_marker(&line.text) {
                        current_body = BodyOf::Status(status);
                    } else if let Some(body) = body_label(&line.text) {
                        current_body = body;
                    } else if current_body == BodyOf::Success
                        && line
                            .text
                            .trim()
                            .trim_end_matches('.')
                            .eq_ignore_ascii_case("none")
                    {
                        success_says_none = true;
                    }
                    let referenced = match current_body {
                        BodyOf::Success => &mut referenced_success,
                        BodyOf::Failures => &mut referenced_failures,
                        BodyOf::Status(_) => continue,
                    };
                    if referenced.is_none() {
                        *referenced = line.links.iter().find_map(|link| {
                            match operation_page.index.resolve(page, link)? {
                                LinkTarget::Page(target)
                                    if !operation_page
                                        .status_code_pages
                                        .pages
                                        .contains_key(&target.file_name) =>
                                {
                                    parameter_table_for_path(target, request_path)
                                        .map(|table| (target, table))
                                }
                                LinkTarget::Table(target, table)
                                    if TableReader::is_parameter_table(table)
                                        && !std::ptr::eq(target, page) =>
                                {
                                    Some((target, table))
                                }
                                _ => None,
                            }
                        });
                    }
                }
                DocBlock::Table(table) => {
                    if !TableReader::is_parameter_table(table) || is_status_code_table(table) {
                        continue;
                    }
                    has_table = true;
                    if table_role(page, table) == CaptionRole::ResponseHeaders {
                        header_tables.push(table);
                        continue;
                    }
                    let body = table
                        .caption
                        .as_deref()
                        .and_then(body_label)
                        .unwrap_or(current_body);
                    if !bodies.iter().any(|(existing, _, _)| *existing == body) {
                        bodies.push((body, page, table));
                    }
                }
                DocBlock::Preformatted(_) => {}
            }
        }
        if has_table {
            referenced_success = None;
        }
    }
    if !success_says_none && !bodies.iter().any(|(body, _, _)| *body == BodyOf::Success) {
        if let Some((target_page, table)) = referenced_success {
            bodies.push((BodyOf::Success, target_page, table));
        }
    }
    if !bodies.iter().any(|(body, _, _)| *body == BodyOf::Failures) {
        if let Some((target_page, table)) = referenced_failures {
            bodies.push((BodyOf::Failures, target_page, table));
        }
    }
    let has_success_body = bodies.iter().any(|(body, _, _)| match body {
        BodyOf::Success => true,
        BodyOf::Status(status) => (200..300).contains(status),
        BodyOf::Failures => false,
    });
    let has_example_response = page.sections.iter().any(|section| {
        matches!(
            section_role(&section.title),
            SectionRole::ExampleResponse | SectionRole::Response
        ) && section
            .blocks
            .iter()
            .any(|block| matches!(block, DocBlock::Preformatted(text) if has_json_line(text)))
    });
    // The responses: every listed status, then the general page's error statuses.
    for (status, description) in &statuses.listed {
        let description = if description.is_empty() {
            statuses
                .general_page
                .and_then(|general| general.description(*status))
                .unwrap_or_default()
                .to_owned()
        } else {
            description.clone()
        };
        operation
            .responses
            .insert(*status, PageResponse::described(description));
    }
    let listed_success: Vec<u16> = statuses
        .listed
        .iter()
        .map(|(status, _)| *status)
        .filter(|status| (200..300).contains(status))
        .collect();
    let success_status = if let Some(status) = listed_success
        .iter()
        .copied()
        .find(|status| *status != 204 || !has_success_body)
    {
        Some(status)
    } else if !listed_success.is_empty() {
        // Only 204 is listed, yet a body is documented.
        None
    } else if let Some(status) = statuses
        .marked
        .iter()
        .copied()
        .find(|status| (200..300).contains(status))
    {
        Some(status)
    } else {
        // The page names no successful status: its examples, its prose and the service's
        // general status code page may; the method is the last resort.
        let general = statuses
            .general_page
            .or_else(|| {
                let mut with_successes = operation_page
                    .status_code_pages
                    .pages
                    .values()
                    .filter(|general| !general.success_statuses().is_empty());
                match (with_successes.next(), with_successes.next()) {
                    (Some(only), None) => Some(only),
                    _ => None,
                }
            })
            .and_then(|general| {
                operation_page
                    .status_code_pages
                    .pages
                    .iter()
                    .find(|(_, candidate)| std::ptr::eq(*candidate, general))
                    .map(|(file_name, general)| (file_name.as_str(), general))
            });
        let request_line = operation_page.request_lines.first();
        let evidence = success_evidence(
            page,
            request_line.map_or("get", |line| line.method.as_str()),
            request_line.map_or("", |line| line.path.as_str()),
            has_success_body || has_example_response,
            general,
        );
        match evidence {
            SuccessEvidence::Status { status, reason } => {
                reader.note(
                    reader.page_location(),
                    format!(
                        "success status {status}: {reason} (the page lists no successful status)"
                    ),
                );
                Some(status)
            }
            SuccessEvidence::Range { reason } => {
                reader.note(
                    reader.page_location(),
                    format!("success status 2XX (any successful status): {reason}"),
                );
                Some(SUCCESS_RANGE)
            }
            SuccessEvidence::Assumed { status } => {
                reader.note(
                    reader.page_location(),
                    format!(
                        "success status {status} assumed from the method (the page names no successful status, and no general status code page says which)"
                    ),
                );
                Some(status)
            }
        }
    };
    if let Some(status) = success_status {
        let description = statuses
            .general_page
            .and_then(|general| general.description(status))
            .unwrap_or(status_description(status))
            .to_owned();
        operation
            .responses
            .entry(status)
            .or_insert_with(|| PageResponse::described(description));
    }
    if let Some(general) = statuses.general_page {
        for (status, description) in general.error_statuses() {
            operation
                .responses
                .entry(status)
                .or_insert_with(|| PageResponse::described(description.to_owned()));
        }
    }
    for (body, body_page, table) in bodies {
        let (statuses, name) = match body {
            BodyOf::Status(status) if (200..300).contains(&status) => (
                vec![status],
                if Some(status) == success_status {
                    format!("{}ResponseBody", reader.operation_id)
                } else {
                    format!("{}{}ResponseBody", reader.operation_id, status_name(status))
                },
            ),
            BodyOf::Status(status) => (vec![status], "ErrorResponse".to_owned()),
            BodyOf::Failures => {
                let failed: Vec<u16> = operation
                    .responses
                    .keys()
                    .copied()
                    .filter(|status| *status >= 400)
                    .collect();
                if failed.is_empty() {
                    reader.error(
                        SourceLocation::table(&body_page.file_name, table),
                        "an abnormal response table, but the page names no failed status",
                    );
                    let _ = reader.read_object_table(body_page, table, "ErrorResponse");
                    continue;
                }
                (failed, "ErrorResponse".to_owned())
            }
            BodyOf::Success => match success_status {
                Some(status) => (vec![status], format!("{}ResponseBody", reader.operation_id)),
                // Only 204 (No Content) is listed for success, and it has no body: the body
                // table describes the failed responses, the only others the page lists.
                None if operation.responses.keys().any(|status| *status >= 400) => {
                    reader.note(
                        SourceLocation::table(&body_page.file_name, table),
                        "the page lists only 204 (No Content) for success: its response table is read as the body of the failed responses",
                    );
                    let failed: Vec<u16> = operation
                        .responses
                        .keys()
                        .copied()
                        .filter(|status| *status >= 400)
                        .collect();
                    (failed, "ErrorResponse".to_owned())
                }
                None => {
                    reader.error(
                        SourceLocation::table(&body_page.file_name, table),
                        "a response body table, but the page lists no 2xx status other than 204 for it",
                    );
                    let name = format!("{}ResponseBody", reader.operation_id);
                    let _ = reader.read_object_table(body_page, table, &name);
                    continue;
                }
            },
        };
        let Some((schema_key, _)) = reader.read_object_table(body_page, table, &name) else {
            continue;
        };
        for status in statuses {
            let description = statuses_description(statuses_of_page, status);
            let response = operation
                .responses
                .entry(status)
                .or_insert_with(|| PageResponse::described(description));
            // A status's own table ("Status code: 404") wins over the table of every failure.
            if body != BodyOf::Failures || response.body_schema_key.is_none() {
                response.body_schema_key = Some(schema_key.clone());
            }
        }
    }
    if !header_tables.is_empty() {
        let Some(status) = success_status else {
            return;
        };
        for table in header_tables {
            let headers = read_response_headers(reader, page, table);
            if let Some(response) = operation.responses.get_mut(&status) {
                response.headers.extend(headers);
            }
        }
    }
}

/// Which response a body table belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyOf {
    /// The success response (the first table of the Response section).
    Success,
    /// The table after "Status code: N".
    Status(u16),
    /// The table after "Abnormal response": the body of every failed status.
    Failures,
}

/// A paragraph or caption saying which response the tables after it describe: "Normal
/// response", "Abnormal response".
fn body_label(text: &str) -> Option<BodyOf> {
    let label = text
        .trim()
        .trim_end_matches([':', '.'])
        .trim()
        .to_ascii_lowercase();
    match label.as_str() {
        "normal response" | "normal responses" | "successful response" => Some(BodyOf::Success),
        "abnormal response"
        | "abnormal responses"
        | "error response"
        | "failure response"
        | "response (failure)"
        | "abnormal response parameters" => Some(BodyOf::Failures),
        _ => None,
    }
}

/// The description of a status: the general status code page's, else its reason phrase.
fn statuses_description(statuses: &PageStatuses<'_>, status: u16) -> String {
    statuses
        .general_page
        .and_then(|general| general.description(status))
        .unwrap_or(status_description(status))
        .to_owned()
}

/// A status's reason phrase, for a status the page names without describing it.
fn status_description(status: u16) -> &'static str {
    match status {
        SUCCESS_RANGE => "Any successful status (2xx).",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        _ => "",
    }
}

/// The parameter table of a shared page (a response page such as "Responses (Task)", RDS's
/// "Abnormal Request Results") that describes an operation of this path: the first one, or,
/// where the page's sections are versions of the API ("v3 APIs", "v1 APIs"), the first one of
/// the section of the path's version.
fn parameter_table_for_path<'page>(page: &'page DocPage, path: &str) -> Option<&'page DocTable> {
    let version = path
        .split('/')
        .find(|segment| {
            segment.len() >= 2
                && segment.starts_with('v')
                && segment[1..].starts_with(|character: char| character.is_ascii_digit())
        })
        .map(|segment| {
            segment
                .split('.')
                .next()
                .unwrap_or(segment)
                .to_ascii_lowercase()
        });
    if let Some(version) = version {
        let in_version_section = page
            .sections
            .iter()
            .filter(|section| {
                section
                    .title
                    .to_ascii_lowercase()
                    .split(|character: char| !character.is_ascii_alphanumeric())
                    .any(|word| word == version)
            })
            .flat_map(section_tables)
            .find(|table| TableReader::is_parameter_table(table) && !is_status_code_table(table));
        if in_version_section.is_some() {
            return in_version_section;
        }
    }
    first_parameter_table(page)
}

/// The first parameter table of a page (a shared response page such as "Responses (Task)").
fn first_parameter_table(page: &DocPage) -> Option<&DocTable> {
    page.tables()
        .map(|(_, table)| table)
        .find(|table| TableReader::is_parameter_table(table) && !is_status_code_table(table))
}

/// Example request bodies from the Request and example request sections; example response
/// bodies from the Response and example response sections, for the success response. Blocks
/// after an "Or" (the error example that usually follows) or a "Status code: N" line of a
/// failure are left out with a note, as are blocks that are not JSON.
fn read_examples(
    reader: &mut TableReader<'_>,
    page: &DocPage,
    request_lines: &[RequestLine],
    operation: &mut PageOperation,
) {
    let success_status = operation
        .responses
        .iter()
        .find(|(status, response)| is_success(**status) && response.body_schema_key.is_some())
        .map(|(status, _)| *status);
    for section in &page.sections {
        let role = section_role(&section.title);
        // A page that writes its request body under the URI (its table and example nested in
        // the URI section's list) shows the request example there too.
        let is_request = matches!(
            role,
            SectionRole::Request | SectionRole::ExampleRequest | SectionRole::Uri
        );
        let is_response = matches!(role, SectionRole::Response | SectionRole::ExampleResponse);
        let is_mixed = role == SectionRole::Examples;
        if !is_request && !is_response && !is_mixed {
            continue;
        }
        let mut summary: Option<String> = None;
        let mut showing_failure = false;
        let mut block_number = 0;
        for block in &section.blocks {
            let text = match block {
                DocBlock::Paragraph(line) => {
                    let lower = line.text.trim().to_ascii_lowercase();
                    if let Some(status) = status_code_marker(&line.text) {
                        showing_failure = !(200..300).contains(&status);
                    } else if lower == "or"
                        || lower.starts_with("abnormal")
                        || lower.starts_with("error response")
                        || lower.starts_with("example abnormal")
                        || lower.starts_with("failure response")
                    {
                        showing_failure = true;
                    } else if lower.starts_with("normal response")
                        || lower.starts_with("example normal")
                        || lower.starts_with("example response")
                        || lower.starts_with("response example")
                    {
                        showing_failure = false;
                    }
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
            if is_request_to_another_path(text, request_lines) {
                reader.report_code_block(
                    page,
                    block,
                    location.clone(),
                    "example left out: it shows a request to another path (a step of a longer example)",
                );
                continue;
            }
            let parts = commented_parts(text);
            let several = parts.len() > 1;
            // A block is taken when one of its parts is; each part left out is reported.
            let mut part_problems: Vec<String> = Vec::new();
            let mut taken_parts = 0;
            for (comment, part) in parts {
                // A block that starts with a request line shows a request, whatever section it
                // is in (an example request filed under the response).
                let is_request_example = is_request || starts_with_http_method(part);
                if !has_json_line(part) {
                    // A request line alone, or "None", shows no body; anything else (a form,
                    // XML, prose) is a body the spec cannot carry as a JSON example.
                    let trimmed = part.trim();
                    if shows_no_body(trimmed) {
                        taken_parts += 1;
                    } else {
                        part_problems.push(format!(
                            "code block left out: neither a request line nor a JSON body: {:?}",
                            trimmed.chars().take(60).collect::<String>()
                        ));
                    }
                    continue;
                }
                let value = match json_body(part) {
                    Some(Ok(value)) => value,
                    Some(Err(message)) => {
                        part_problems.push(format!("example left out: not JSON: {message}"));
                        continue;
                    }
                    None => continue,
                };
                let summary = match comment {
                    Some(comment) => Some(comment),
                    None if several => None,
                    None => block_summary.clone(),
                };
                let example = PageExample { summary, value };
                if is_request_example {
                    match &mut operation.request_body {
                        Some(body) => {
                            taken_parts += 1;
                            body.examples.push(example);
                        }
                        None => {
                            taken_parts += 1;
                            reader.note(
                                location.clone(),
                                "the page documents no request body table but its example sends a JSON body: the body's schema is inferred from the example",
                            );
                            operation.request_body = Some(PageRequestBody {
                                media_type: JSON_MEDIA_TYPE.to_owned(),
                                schema_key: None,
                                required: true,
                                examples: vec![example],
                            });
                        }
                    }
                    continue;
                }
                if showing_failure {
                    part_problems.push(
                        "example left out: it shows a failed request, and no status says which"
                            .to_owned(),
                    );
                    continue;
                }
                // Without a success body table, the example shows the body of the first
                // successful status, its schema inferred from it.
                let shown_status = success_status.or_else(|| {
                    operation
                        .responses
                        .keys()
                        .copied()
                        .find(|status| is_success(*status) && *status != 204)
                });
                match shown_status.and_then(|status| operation.responses.get_mut(&status)) {
                    Some(response) => {
                        taken_parts += 1;
                        if response.body_schema_key.is_none() && response.examples.is_empty() {
                            reader.note(
                                location.clone(),
                                "the page documents no success response body table but its example shows a JSON body: the body's schema is inferred from the example",
                            );
                        }
                        response.examples.push(example);
                    }
                    None => part_problems.push(
                        "example left out: the page lists no successful status (other than 204) to show it".to_owned(),
                    ),
                }
            }
            if taken_parts > 0 {
                reader.take_code_block(page, block);
            }
            for problem in part_problems {
                reader.report_code_block(page, block, location.clone(), problem);
            }
        }
    }
}

/// Every parameter table of the Request and Response sections must have been read as a body,
/// a parameter table or a nested table: one that no row refers to would otherwise be dropped
/// without notice. Checked only on a page without other problems.
fn check_every_parameter_table_is_read(reader: &mut TableReader<'_>, page: &DocPage) {
    // A row that could not be read leaves its nested table unread: that row's error says it.
    if reader.has_errors() {
        return;
    }
    for section in sections(page, &[SectionRole::Request, SectionRole::Response]) {
        for table in section_tables(section) {
            let is_parameter_table =
                TableReader::is_parameter_table(table) && !is_status_code_table(table);
            if !is_parameter_table || reader.has_read_table(table) {
                continue;
            }
            // A table a read row links to besides the one it is typed by ("Hive SQL: see Table
            // 15" beside "Node properties, see Table 14") documents that row further: its rows
            // say what the row's values may be, which a schema cannot hold.
            if let Some((row_name, type_text)) = scalar_row_named_by(reader, page, table) {
                // The caption names a row the page types as a scalar: the Type column is the
                // page's declaration, so the row keeps it and the table is reported.
                reader.report_table(
                    page,
                    table,
                    format!("the table is captioned for row {row_name:?}, which the page types as {type_text:?}: the row keeps that type and the table's rows are not in the spec"),
                );
                continue;
            }
            // Anything else is the conservation check's: a reading of what the table is for, or
            // an error naming it.
            if let Some(row_name) = linking_row(reader, page, table) {
                reader.report_table(
                    page,
                    table,
                    format!("the table is linked from row {row_name:?} as further documentation: its rows are not in the spec"),
                );
            }
        }
    }
}

/// A row of a read table of the page that the table's caption (or the paragraph before it)
/// names and whose Type cell is a scalar ("String", "Integer"): `(row name, type text)`.
fn scalar_row_named_by(
    reader: &TableReader<'_>,
    page: &DocPage,
    table: &DocTable,
) -> Option<(String, String)> {
    let label = table.caption.clone().or_else(|| {
        page.sections.iter().find_map(|section| {
            let position = section.blocks.iter().position(
                |block| matches!(block, DocBlock::Table(candidate) if std::ptr::eq(candidate, table)),
            )?;
            match section.blocks.get(position.checked_sub(1)?)? {
                DocBlock::Paragraph(line) => Some(line.text.clone()),
                _ => None,
            }
        })
    })?;
    for (_, candidate) in page.tables() {
        if std::ptr::eq(candidate, table) || !reader.has_read_table(candidate) {
            continue;
        }
        let (Some(name_column), Some(type_column)) = (
            ["Parameter", "Name"]
                .iter()
                .find_map(|name| candidate.column(name)),
            candidate.column("Type"),
        ) else {
            continue;
        };
        for row in &candidate.rows {
            let (Some(name), Some(type_cell)) =
                (row.cells.get(name_column), row.cells.get(type_column))
            else {
                continue;
            };
            let name = name.text();
            let type_text = type_cell.text();
            let is_scalar = crate::import::type_words::parse_type_word(&type_text)
                .is_some_and(|word| word.is_scalar());
            if is_scalar && crate::import::table_reader::caption_names_row(&label, &name) {
                return Some((name, type_text));
            }
        }
    }
    None
}

/// The name of a row of a table the reader has read that links to `table` beside the table it
/// is read from.
fn linking_row(reader: &TableReader<'_>, page: &DocPage, table: &DocTable) -> Option<String> {
    for (_, candidate) in page.tables() {
        if std::ptr::eq(candidate, table) || !reader.has_read_table(candidate) {
            continue;
        }
        for row in &candidate.rows {
            let linked_tables: Vec<&DocTable> = row
                .cells
                .iter()
                .flat_map(crate::doc_model::DocCell::links)
                .filter_map(|link| match reader.index.resolve(page, link) {
                    Some(LinkTarget::Table(_, target)) => Some(target),
                    _ => None,
                })
                .collect();
            // A row that links to several tables, one of which it is read from.
            let links_here = linked_tables
                .iter()
                .any(|target| std::ptr::eq(*target, table));
            let reads_another = linked_tables
                .iter()
                .any(|target| !std::ptr::eq(*target, table) && reader.has_read_table(target));
            // A row the page types as a scalar ("String: … for the values of each field, see
            // Table 12") is documented further by the table it links to.
            let is_scalar_row = crate::import::table_reader::TYPE_COLUMNS
                .iter()
                .find_map(|name| candidate.column(name))
                .and_then(|column| row.cells.get(column))
                .is_some_and(|cell| {
                    crate::import::type_words::parse_type_word(&cell.text())
                        .is_some_and(|word| word.is_scalar())
                });
            if links_here && (reads_another || is_scalar_row) {
                return row.cells.first().map(crate::doc_model::DocCell::text);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_templates_name_their_parameters() {
        assert_eq!(
            query_template_names(Some("start={start}&limit={limit}&tags={key}={value}")),
            ["start", "limit", "tags"]
        );
        assert!(query_template_names(Some("{?marker,limit}")).is_empty());
        assert!(query_template_names(None).is_empty());
    }
}

/// Excerpts of real pages of the older formats, each with a damaged variant.
#[cfg(test)]
mod page_tests {
    use crate::import::styles::test_support::{import_rst, only_operation, problems};

    /// RDS (Trove API v1.0): the two-line `PATH:`/`Method:` request line, a URI table without a
    /// Type column, no Request body, and statuses only by reference to the general page.
    const RDS_DELETE: &str = r#":original_name: en-us_topic_0056890052.html

.. _en-us_topic_0056890052:

Deleting a DB Instance
======================

Function
--------

This API is used to delete a DB instance.

URI
---

-  URI format

   PATH: /v1.0/{project_id}/instances/{instanceId}

   Method: DELETE

-  Parameter description

   .. table:: **Table 1** Parameter description

      ========== ========= ==================================================
      Name       Mandatory Description
      ========== ========= ==================================================
      project_id Yes       Specifies the project ID of a tenant in a region.
      instanceId Yes       Specifies the ID of the DB instance to be deleted.
      ========== ========= ==================================================

Request
-------

None

Normal Response
---------------

None

Abnormal Response
-----------------

For details, see :ref:`Abnormal Request Results <en-us_topic_0032488197>`.
"#;

    /// The general status code page RDS refers to (an excerpt).
    const RDS_STATUS_CODES: &str = r#":original_name: en-us_topic_0032488197.html

.. _en-us_topic_0032488197:

Abnormal Request Results
========================

=========== ===========================
Status Code Description
=========== ===========================
400         The request is not valid.
404         The resource was not found.
=========== ===========================
"#;

    #[test]
    fn the_two_line_request_line_and_the_general_status_page() {
        let outcome = import_rst(&[
            ("deleting_a_db_instance.rst", RDS_DELETE),
            ("abnormal_request_results.rst", RDS_STATUS_CODES),
        ]);
        assert!(outcome.is_complete(), "{:?}", problems(&outcome));
        let operation = only_operation(&outcome);
        assert_eq!(operation["operationId"], "DeleteDbInstance");
        let statuses: Vec<&String> = operation["responses"].as_object().unwrap().keys().collect();
        // 204 assumed from the method (noted), the failures from the general page.
        assert_eq!(statuses, ["204", "400", "404"]);
        assert!(outcome.summary.notes.iter().any(|note| note
            .message
            .contains("success status 204 assumed from the method")));
        let parameters: Vec<(&str, &str)> = operation["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|parameter| {
                (
                    parameter["in"].as_str().unwrap(),
                    parameter["schema"]["type"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(parameters, [("path", "string"), ("path", "string")]);
    }

    /// ECS: "Request" and "Response" tables, a nested table named by its caption ("servers
    /// field description") and linked from the row, "Returned Values" pointing to the
    /// general page.
    const ECS_DELETE: &str = r#":original_name: en-us_topic_0020212679.html

.. _en-us_topic_0020212679:

Deleting ECSs
=============

Function
--------

This API is used to delete ECSs based on a specified ECS ID list.

URI
---

POST /v1/{project_id}/cloudservers/delete

.. table:: **Table 1** Parameter description

   ========== ========= =========================
   Parameter  Mandatory Description
   ========== ========= =========================
   project_id Yes       Specifies the project ID.
   ========== ========= =========================

Request
-------

.. table:: **Table 2** Request parameters

   =============== ========= ================ ==========================================================
   Parameter       Mandatory Type             Description
   =============== ========= ================ ==========================================================
   servers         Yes       Array of objects Specifies the ECSs to be deleted. For details, see Table 3.
   delete_publicip No        Boolean          Specifies whether to delete the EIP bound to the ECS.
   =============== ========= ================ ==========================================================

.. table:: **Table 3** **servers** field description

   ========= ========= ====== =================================
   Parameter Mandatory Type   Description
   ========= ========= ====== =================================
   id        Yes       String Specifies the ID of the ECS.
   ========= ========= ====== =================================

Response
--------

.. table:: **Table 4** Response parameters

   ========= ====== =====================================
   Parameter Type   Description
   ========= ====== =====================================
   job_id    String Specifies the job ID returned.
   ========= ====== =====================================

Example Request
---------------

.. code-block:: text

   POST https://{endpoint}/v1/{project_id}/cloudservers/delete

   {
       "servers": [{"id": "616fb98f-46ca-475e-917e-2563e5a8cd19"}],
       "delete_publicip": false,
   }

Example Response
----------------

.. code-block::

   {
       "job_id": "ff80808288d415d80189901d8eb81cbb"
   }

Or

.. code-block::

   {
       "error": {"message": "request body is illegal.", "code": "Ecs.0005"}
   }

Returned Values
---------------

See :ref:`Returned Values for General Requests <en-us_topic_0022067716>`.
"#;

    const ECS_RETURNED_VALUES: &str = r#":original_name: en-us_topic_0022067716.html

.. _en-us_topic_0022067716:

Returned Values for General Requests
====================================

-  Normal

   ============== ==================
   Returned Value Description
   ============== ==================
   200            Request succeeded.
   ============== ==================

-  Abnormal

   =============== ==========================================
   Returned Value  Description
   =============== ==========================================
   400 Bad Request The server failed to process the request.
   =============== ==========================================
"#;

    #[test]
    fn request_and_response_tables_nested_by_caption_and_returned_values() {
        let outcome = import_rst(&[
            ("deleting_ecss.rst", ECS_DELETE),
            (
                "returned_values_for_general_requests.rst",
                ECS_RETURNED_VALUES,
            ),
        ]);
        assert!(outcome.is_complete(), "{:?}", problems(&outcome));
        let operation = only_operation(&outcome);
        let document = serde_json::to_value(&outcome.document).unwrap();
        let schemas = &document["components"]["schemas"];
        let body = &schemas["DeleteEcsInstancesRequestBody"];
        assert_eq!(body["required"], serde_json::json!(["servers"]));
        let servers = &body["properties"]["servers"];
        assert_eq!(servers["type"], "array");
        let item = servers["items"]["$ref"].as_str().unwrap();
        assert_eq!(item, "#/components/schemas/DeleteEcsInstancesServers");
        // The example with a trailing comma is read as JSON5; the error example after "Or"
        // is left out with a note.
        let example = &operation["requestBody"]["content"]["application/json"]["examples"]
            ["example_1"]["value"];
        assert_eq!(example["delete_publicip"], false);
        let statuses: Vec<&String> = operation["responses"].as_object().unwrap().keys().collect();
        assert_eq!(statuses, ["200", "400"]);
        assert!(outcome
            .summary
            .notes
            .iter()
            .any(|note| note.message.contains("shows a failed request")));
    }

    /// A damaged ECS page: a row of the nested table with an unknown type. The page fails with
    /// file, table and row named; the general page is still read.
    #[test]
    fn a_damaged_row_fails_the_page_and_names_file_table_and_row() {
        let damaged = ECS_DELETE.replace(
            "id        Yes       String Specifies the ID of the ECS.",
            "id        Yes       Str!ng Specifies the ID of the ECS.",
        );
        let outcome = import_rst(&[
            ("deleting_ecss.rst", &damaged),
            (
                "returned_values_for_general_requests.rst",
                ECS_RETURNED_VALUES,
            ),
        ]);
        assert_eq!(
            problems(&outcome),
            ["deleting_ecss.rst, table \"servers field description\", row 1 (id): unknown type \"Str!ng\""]
        );
        assert!(outcome.document.paths.paths.is_empty());
        assert_eq!(
            outcome.summary.status_code_pages,
            ["returned_values_for_general_requests.rst"]
        );
    }
}
