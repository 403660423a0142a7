//! The doc-exports generated format: a "Status Codes" table, "Request Parameters" and
//! "Response Parameters" sections whose tables say in their caption what they hold, a
//! "Status code: N" line before each response table and each example response.

use std::collections::BTreeMap;

use crate::doc_model::{DocBlock, DocPage, DocTable, SourceLocation};
use crate::import::examples::{
    example_summary, is_request_to_another_path, json_body, request_blocks_of_mixed_section,
    shows_no_body, starts_with_http_method,
};
use crate::import::page_operation::{
    PageExample, PageImport, PageOperation, PageRequestBody, PageResponse, JSON_MEDIA_TYPE,
    MULTIPART_MEDIA_TYPE,
};
use crate::import::parameters::{
    operations_for_request_lines, read_response_headers, PageParameters, TableLocation,
};
use crate::import::request_line::RequestLine;
use crate::import::row_schema::ParameterLocation;
use crate::import::sections::{
    operation_description, section_role, section_tables, sections_with_role, table_role,
    CaptionRole, SectionRole,
};
use crate::import::statuses::{is_status_code_table, read_status_table, status_code_marker};
use crate::import::styles::OperationPage;
use crate::import::table_reader::TableReader;
use crate::import::type_words::is_schema_name;
use crate::import::ImportError;
use crate::naming::status_name;

/// Whether a page is in the generated format: a status code table in its "Status Codes"
/// section and a "Request Parameters" or "Response Parameters" section.
pub fn is_generated_format(page: &DocPage) -> bool {
    let has_status_table = page
        .sections
        .iter()
        .filter(|section| section.title.trim().eq_ignore_ascii_case("Status Codes"))
        .flat_map(section_tables)
        .any(is_status_code_table);
    let has_parameter_sections = page.section("Request Parameters").is_some()
        || page.section("Response Parameters").is_some();
    has_status_table && has_parameter_sections
}

/// Reads an operation page of the generated format. Returns every problem found, not just the
/// first.
pub fn read_generated_page(
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
    read_parameters(&mut reader, operation_page, &mut template);
    read_request_body(
        &mut reader,
        page,
        operation_page.request_lines,
        &mut template,
    );
    read_responses(&mut reader, page, &mut template);
    read_examples(
        &mut reader,
        page,
        operation_page.request_lines,
        &mut template,
    );
    let operations = operations_for_request_lines(
        &mut reader,
        &template,
        operation_page.request_lines,
        operation_page.operation_ids,
        "path parameters table",
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

/// Path, query and header parameter tables anywhere on the page, by caption; the other
/// parameter tables of the URI section by whether the path names their rows.
fn read_parameters<'pages>(
    reader: &mut TableReader<'pages>,
    operation_page: OperationPage<'pages>,
    operation: &mut PageOperation,
) {
    let page = operation_page.page;
    let mut parameters = PageParameters::default();
    for section in &page.sections {
        let in_uri_section = section_role(&section.title) == SectionRole::Uri;
        for table in section_tables(section) {
            let location = match table_role(page, table) {
                CaptionRole::PathParameters => TableLocation::Fixed(ParameterLocation::Path),
                CaptionRole::QueryParameters => TableLocation::Fixed(ParameterLocation::Query),
                CaptionRole::HeaderParameters => TableLocation::Fixed(ParameterLocation::Header),
                CaptionRole::Unspecified
                    if in_uri_section && TableReader::is_parameter_table(table) =>
                {
                    TableLocation::PathOrQuery
                }
                _ => continue,
            };
            parameters.read_table(reader, page, table, location, operation_page.request_lines);
        }
    }
    operation.parameters = parameters.parameters;
    operation.uses_iam_token = parameters.uses_iam_token;
}

fn read_request_body<'pages>(
    reader: &mut TableReader<'pages>,
    page: &'pages DocPage,
    request_lines: &[RequestLine],
    operation: &mut PageOperation,
) {
    // A form's fields ("FormData parameters") are the body when the page has no JSON body
    // table: a `multipart/form-data` request.
    let body_tables_of = |role: CaptionRole| -> Vec<&'pages DocTable> {
        page.tables()
            .filter(|(_, table)| table_role(page, table) == role)
            .map(|(_, table)| table)
            .collect()
    };
    let mut body_tables = body_tables_of(CaptionRole::RequestBody);
    let mut media_type = JSON_MEDIA_TYPE;
    if body_tables.is_empty() {
        body_tables = body_tables_of(CaptionRole::FormData);
        media_type = MULTIPART_MEDIA_TYPE;
    }
    if body_tables.is_empty() {
        // A page whose body table's caption says nothing of its role ("Parameter
        // descriptions"): the first parameter table of the Request section that holds no
        // parameters of another place, when the method takes a body.
        body_tables = sections_with_role(page, SectionRole::Request)
            .flat_map(section_tables)
            .filter(|table| {
                TableReader::is_parameter_table(table)
                    && !is_status_code_table(table)
                    && table_role(page, table) == CaptionRole::Unspecified
            })
            .take(1)
            .collect();
        media_type = JSON_MEDIA_TYPE;
        let takes_body = request_lines
            .iter()
            .all(|line| matches!(line.method.as_str(), "post" | "put" | "patch"));
        if !takes_body {
            body_tables.clear();
        }
    }
    let Some(table) = body_tables.first() else {
        return;
    };
    let name = anchor_schema_name(table, "__request_")
        .unwrap_or_else(|| format!("{}RequestBody", reader.operation_id));
    let Some((schema_key, required)) = reader.read_object_table(page, table, &name) else {
        return;
    };
    operation.request_body = Some(PageRequestBody {
        media_type: media_type.to_owned(),
        schema_key: Some(schema_key),
        required,
        examples: Vec::new(),
    });
    // Another table captioned for the request body ("hosts request parameters") is one of its
    // nested tables when a row of the body refers to it; otherwise a second body.
    for other in &body_tables[1..] {
        if !reader.has_read_table(other) {
            reader.error(
                SourceLocation::table(&page.file_name, other),
                "a second request body table: only one request body is possible",
            );
        }
    }
}

fn read_responses<'pages>(
    reader: &mut TableReader<'pages>,
    page: &'pages DocPage,
    operation: &mut PageOperation,
) {
    let location = reader.page_location();
    // The status table decides which responses exist and describes them.
    // Every status table of the section: some pages list the normal and the abnormal statuses
    // in a table each.
    let status_tables: Vec<&DocTable> = page
        .sections
        .iter()
        .filter(|section| section.title.trim().eq_ignore_ascii_case("Status Codes"))
        .flat_map(section_tables)
        .filter(|table| is_status_code_table(table))
        .collect();
    if status_tables.is_empty() {
        reader.error(location, "no \"Status Codes\" table");
        return;
    }
    for status_table in status_tables {
        reader.take_table(page, status_table);
        let (rows, problems) = read_status_table(status_table);
        for (row_number, text, message) in problems {
            reader.error(
                SourceLocation {
                    row_number: Some(row_number),
                    parameter: (!text.is_empty()).then_some(text),
                    ..SourceLocation::table(&page.file_name, status_table)
                },
                message,
            );
        }
        for row in rows {
            for status_code in row.status_codes {
                if operation.responses.contains_key(&status_code) {
                    reader.error(
                        location.clone(),
                        format!(
                            "status code {status_code} is listed twice in the \"Status Codes\" tables"
                        ),
                    );
                    continue;
                }
                operation.responses.insert(
                    status_code,
                    PageResponse::described(row.description.clone()),
                );
            }
        }
    }
    let mut first_success_with_body = true;
    for section in sections_with_role(page, SectionRole::Response) {
        let mut current_status = None;
        for block in &section.blocks {
            let table = match block {
                DocBlock::Paragraph(line) => {
                    if let Some(status_code) = status_code_marker(&line.text) {
                        current_status = Some(status_code);
                    }
                    continue;
                }
                DocBlock::Table(table) => table,
                DocBlock::Preformatted(_) => continue,
            };
            let role = table_role(page, table);
            if !matches!(
                role,
                CaptionRole::ResponseBody | CaptionRole::ResponseHeaders
            ) {
                continue;
            }
            let table_location = SourceLocation::table(&page.file_name, table);
            // A table before any "Status code: N" line is the success body: that of the first
            // listed 2xx other than 204 (which has none).
            // A page whose only successful status is a 3xx (Keystone's version list answers
            // 300 Multiple Choices, "The request is successful") describes that one's body.
            let Some(status_code) = current_status.or_else(|| {
                let statuses = || operation.responses.keys().copied();
                statuses()
                    .find(|status| (200..300).contains(status) && *status != 204)
                    .or_else(|| {
                        let has_2xx = statuses().any(|status| (200..300).contains(&status));
                        statuses()
                            .find(|status| (300..400).contains(status))
                            .filter(|_| !has_2xx)
                    })
            }) else {
                reader.error(
                    table_location,
                    "response table without a preceding \"Status code: N\" line, and no 2xx status other than 204 (nor a 3xx alone) is listed",
                );
                continue;
            };
            if !operation.responses.contains_key(&status_code) {
                reader.error(table_location, format!("status code {status_code} has a response table but is not listed in the \"Status Codes\" table"));
                continue;
            }
            if role == CaptionRole::ResponseHeaders {
                let headers = read_response_headers(reader, page, table);
                if let Some(response) = operation.responses.get_mut(&status_code) {
                    response.headers.extend(headers);
                }
                continue;
            }
            let is_success = (200..400).contains(&status_code);
            let fallback_name = if !is_success {
                "ErrorResponse".to_owned()
            } else if first_success_with_body {
                format!("{}ResponseBody", reader.operation_id)
            } else {
                format!(
                    "{}{}ResponseBody",
                    reader.operation_id,
                    status_name(status_code)
                )
            };
            let name = anchor_schema_name(table, "__response_").unwrap_or(fallback_name);
            let Some((schema_key, _)) = reader.read_object_table(page, table, &name) else {
                continue;
            };
            if is_success {
                first_success_with_body = false;
            }
            if let Some(response) = operation.responses.get_mut(&status_code) {
                if response.body_schema_key.is_some() {
                    reader.error(
                        SourceLocation::table(&page.file_name, table),
                        format!("a second response body table for status code {status_code}"),
                    );
                }
                response.body_schema_key = Some(schema_key);
            }
        }
    }
}

/// Attaches the JSON bodies of "Example Requests" and "Example Responses" to the request body
/// and to the response of their status code. An example that cannot be attached (not JSON, no
/// body documented for it) is noted and left out: the tables are the contract, the examples
/// only illustrate it.
fn read_examples(
    reader: &mut TableReader<'_>,
    page: &DocPage,
    request_lines: &[RequestLine],
    operation: &mut PageOperation,
) {
    // Pages that write their examples inside the parameter sections ("Example request" as a
    // list item of "Request Parameters") show them there.
    let request_sections = page.sections.iter().filter(|section| {
        matches!(
            section_role(&section.title),
            SectionRole::ExampleRequest | SectionRole::Request | SectionRole::Examples
        )
    });
    for section in request_sections {
        let mut summary: Option<String> = None;
        // A section of both kinds ("Example") gives each block to one of the two loops.
        let is_mixed = section_role(&section.title) == SectionRole::Examples;
        let request_blocks = request_blocks_of_mixed_section(section);
        for (block_index, block) in section.blocks.iter().enumerate() {
            if is_mixed
                && matches!(block, DocBlock::Preformatted(_))
                && !request_blocks[block_index]
            {
                continue;
            }
            match block {
                DocBlock::Paragraph(line) => summary = example_summary(&line.text),
                DocBlock::Preformatted(text) => {
                    let location = SourceLocation {
                        table: Some(section.title.clone()),
                        ..reader.page_location()
                    };
                    if is_request_to_another_path(text, request_lines) {
                        reader.report_code_block(page, block, location, "example left out: it shows a request to another path (a step of a longer example)");
                        continue;
                    }
                    let value = match json_body(text) {
                        None if shows_no_body(text) => {
                            reader.take_code_block(page, block);
                            continue;
                        }
                        None => {
                            reader.report_code_block(
                                page,
                                block,
                                location,
                                format!(
                                    "code block left out: neither a request line nor a JSON body: {:?}",
                                    text.trim().chars().take(60).collect::<String>()
                                ),
                            );
                            continue;
                        }
                        Some(Ok(value)) => value,
                        Some(Err(message)) => {
                            reader.report_code_block(
                                page,
                                block,
                                location,
                                format!("example left out: not JSON: {message}"),
                            );
                            continue;
                        }
                    };
                    match &mut operation.request_body {
                        Some(body) => {
                            reader.take_code_block(page, block);
                            body.examples.push(PageExample {
                                summary: summary.take(),
                                value,
                            })
                        }
                        None => {
                            // The page shows a body but has no table for it: the body is the
                            // example's, its schema inferred from it.
                            reader.take_code_block(page, block);
                            reader.note(
                                location,
                                "the page documents no request body table but its example sends a JSON body: the body's schema is inferred from the example",
                            );
                            operation.request_body = Some(PageRequestBody {
                                media_type: JSON_MEDIA_TYPE.to_owned(),
                                schema_key: None,
                                required: true,
                                examples: vec![PageExample {
                                    summary: summary.take(),
                                    value,
                                }],
                            });
                        }
                    }
                }
                DocBlock::Table(_) => {}
            }
        }
    }
    let response_sections = page.sections.iter().filter(|section| {
        matches!(
            section_role(&section.title),
            SectionRole::ExampleResponse | SectionRole::Response | SectionRole::Examples
        )
    });
    // An example before any "Status code: N" line of a parameter section shows the success
    // response: the first listed 2xx with a body.
    let success_with_body = operation
        .responses
        .iter()
        .find(|(status, response)| {
            (200..400).contains(*status) && response.body_schema_key.is_some()
        })
        .map(|(status, _)| *status);
    for section in response_sections {
        let is_parameter_section = matches!(
            section_role(&section.title),
            SectionRole::Response | SectionRole::Examples
        );
        let is_mixed = section_role(&section.title) == SectionRole::Examples;
        let request_blocks = request_blocks_of_mixed_section(section);
        let mut current_status = None;
        let mut summary: Option<String> = None;
        for (block_index, block) in section.blocks.iter().enumerate() {
            if is_mixed && matches!(block, DocBlock::Preformatted(_)) && request_blocks[block_index]
            {
                continue;
            }
            match block {
                DocBlock::Paragraph(line) => match status_code_marker(&line.text) {
                    Some(status_code) => {
                        current_status = Some(status_code);
                        summary = None;
                    }
                    None => summary = example_summary(&line.text),
                },
                DocBlock::Preformatted(text) => {
                    let location = SourceLocation {
                        table: Some(match current_status {
                            Some(status_code) => {
                                format!("{}, status code {status_code}", section.title)
                            }
                            None => section.title.clone(),
                        }),
                        ..reader.page_location()
                    };
                    let value = match json_body(text) {
                        None if shows_no_body(text) => {
                            reader.take_code_block(page, block);
                            continue;
                        }
                        None => {
                            reader.report_code_block(
                                page,
                                block,
                                location,
                                format!(
                                    "code block left out: neither a request line nor a JSON body: {:?}",
                                    text.trim().chars().take(60).collect::<String>()
                                ),
                            );
                            continue;
                        }
                        Some(Ok(value)) => value,
                        Some(Err(message)) => {
                            reader.report_code_block(
                                page,
                                block,
                                location,
                                format!("example left out: not JSON: {message}"),
                            );
                            continue;
                        }
                    };
                    // A block that starts with a request line shows a request, even where the
                    // page files it under the responses.
                    if starts_with_http_method(text) {
                        if is_request_to_another_path(text, request_lines) {
                            reader.report_code_block(page, block, location, "example left out: it shows a request to another path (a step of a longer example)");
                        } else if let Some(body) = &mut operation.request_body {
                            reader.take_code_block(page, block);
                            reader.note(
                                location,
                                "a request example filed under the responses: it is an example of the request body",
                            );
                            body.examples.push(PageExample {
                                summary: summary.take(),
                                value,
                            });
                        } else {
                            reader.report_code_block(page, block, location, "example left out: a request example filed under the responses, and the page documents no request body");
                        }
                        continue;
                    }
                    let status_code = current_status.or(if is_parameter_section {
                        success_with_body
                    } else {
                        None
                    });
                    // An example without a "Status code: N" line on a page that lists one
                    // successful status shows that one.
                    let only_success = {
                        let successes: Vec<u16> = operation
                            .responses
                            .keys()
                            .copied()
                            .filter(|status| (200..300).contains(status))
                            .collect();
                        match successes.as_slice() {
                            [only] => Some(*only),
                            _ => None,
                        }
                    };
                    // The one successful status is no guess for an example whose heading
                    // says the request failed ("Example response (request failed)").
                    let failed_heading = summary.as_deref().is_some_and(heading_says_failed);
                    if status_code.is_none() && failed_heading {
                        reader.report_code_block(
                            page,
                            block,
                            location,
                            "example left out: its heading says the request failed, and no \"Status code: N\" line says with which status",
                        );
                        continue;
                    }
                    let Some(status_code) = status_code.or(only_success) else {
                        reader.report_code_block(
                            page,
                            block,
                            location,
                            "example left out: no \"Status code: N\" line says which response it shows, and the page lists several successful statuses",
                        );
                        continue;
                    };
                    match operation.responses.get_mut(&status_code) {
                        Some(response) if response.body_schema_key.is_some() => {
                            reader.take_code_block(page, block);
                            response.examples.push(PageExample {
                                summary: summary.take(),
                                value,
                            });
                        }
                        // HTTP gives these statuses no body: an example there is some other
                        // response's.
                        Some(_) if matches!(status_code, 204 | 205 | 304) => {
                            reader.report_code_block(
                                page,
                                block,
                                location,
                                format!("example left out: status code {status_code} carries no body in HTTP"),
                            );
                        }
                        Some(response) => {
                            // A status without a body table whose example shows a body: the
                            // body is the example's, its schema inferred from it.
                            reader.take_code_block(page, block);
                            if response.examples.is_empty() {
                                reader.note(
                                    location,
                                    format!("status code {status_code} has no body table but its example shows a JSON body: the body's schema is inferred from the example"),
                                );
                            }
                            response.examples.push(PageExample {
                                summary: summary.take(),
                                value,
                            });
                        }
                        None => reader.report_code_block(
                            page,
                            block,
                            location,
                            format!("example left out: status code {status_code} is not in the \"Status Codes\" table"),
                        ),
                    }
                }
                DocBlock::Table(_) => {}
            }
        }
    }
}

/// Whether an example's heading says it shows a failed request ("Example response (request
/// failed)", "Abnormal response", "Error response").
fn heading_says_failed(heading: &str) -> bool {
    let heading = heading.to_ascii_lowercase();
    ["fail", "abnormal", "error response", "exception"]
        .iter()
        .any(|word| heading.contains(word))
}

/// The schema name in a table anchor such as `DeleteBackgroundTask__response_ErrorResponse_1`:
/// `ErrorResponse` (the numeric suffix only tells repeated tables apart).
fn anchor_schema_name(table: &DocTable, marker: &str) -> Option<String> {
    let anchor = table.anchor.as_deref()?;
    let (_, name) = anchor.split_once(marker)?;
    let name = match name.rsplit_once('_') {
        Some((base, suffix))
            if !suffix.is_empty() && suffix.chars().all(|c| c.is_ascii_digit()) =>
        {
            base
        }
        _ => name,
    };
    (is_schema_name(name) && name.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
        .then(|| name.to_owned())
}

/// Excerpts of real pages of the generated format, each with a damaged variant.
#[cfg(test)]
mod page_tests {
    use crate::import::styles::test_support::{import_rst, only_operation, problems};

    /// GaussDB-style: an `https://{Endpoint}` request line, path parameters captioned "URI
    /// parameters", a query table, a response table before any "Status code" line and one
    /// after it.
    const PAGE: &str = r#":original_name: ListInstanceTags.html

.. _ListInstanceTags:

Querying Instance Tags
======================

Function
--------

This API is used to query the tags of an instance.

URI
---

GET https://{Endpoint}/v3/{project_id}/instances/{instance_id}/tags?limit={limit}

.. table:: **Table 1** URI parameters

   =========== ========= ====== ====================
   Parameter   Mandatory Type   Description
   =========== ========= ====== ====================
   project_id  Yes       String Project ID.
   instance_id Yes       String Instance ID.
   =========== ========= ====== ====================

.. table:: **Table 2** Query Parameters

   ========= ========= ======= ===========================
   Parameter Mandatory Type    Description
   ========= ========= ======= ===========================
   limit     No        Integer Number of records returned.
   ========= ========= ======= ===========================

Request Parameters
------------------

None

Response Parameters
-------------------

**Status code: 200**

.. table:: **Table 3** Response body parameters

   ========= ================= ===========
   Parameter Type              Description
   ========= ================= ===========
   tags      Array of strings  The tags.
   ========= ================= ===========

**Status code: 400**

.. table:: **Table 4** Response body parameters

   ========== ====== ===========
   Parameter  Type   Description
   ========== ====== ===========
   error_code String Error code.
   ========== ====== ===========

Example Responses
-----------------

**Status code: 200**

Success.

.. code-block::

   {
     "tags" : [ "a", "b" ]
   }

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         Success.
400         Client error.
=========== ===========
"#;

    #[test]
    fn an_endpoint_prefix_uri_parameters_and_status_markers() {
        let outcome = import_rst(&[("querying_instance_tags.rst", PAGE)]);
        assert!(outcome.is_complete(), "{:?}", problems(&outcome));
        let document = serde_json::to_value(&outcome.document).unwrap();
        assert!(document["paths"]["/v3/{project_id}/instances/{instance_id}/tags"].is_object());
        let operation = only_operation(&outcome);
        assert_eq!(operation["operationId"], "ListInstanceTags");
        let locations: Vec<(&str, &str)> = operation["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|parameter| {
                (
                    parameter["name"].as_str().unwrap(),
                    parameter["in"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            locations,
            [
                ("project_id", "path"),
                ("instance_id", "path"),
                ("limit", "query")
            ]
        );
        assert!(operation["responses"]["400"]["content"].is_object());
        let example =
            &operation["responses"]["200"]["content"]["application/json"]["examples"]["example_1"];
        assert_eq!(example["value"]["tags"][1], "b");
    }

    #[test]
    fn a_status_cell_that_is_no_status_fails_the_page() {
        let damaged = PAGE.replace("400         Client error.", "OK          Client error.");
        let outcome = import_rst(&[("querying_instance_tags.rst", &damaged)]);
        assert_eq!(
            problems(&outcome),
            [
                "querying_instance_tags.rst, table \"Response body parameters\": status code 400 has a response table but is not listed in the \"Status Codes\" table",
                "querying_instance_tags.rst, table \"untitled table (Status Code | Description)\", row 2 (OK): \"OK\" is not an HTTP status code",
            ]
        );
    }
}
