//! One operation page of the doc model → one operation with page-local schemas.
//!
//! Object tables are read into schemas here, but named globally later (see `components`):
//! a schema refers to another table on its page through a page-local reference
//! (`local:<file>#<table>`), which `components` rewrites once every page is read.

use std::collections::BTreeMap;

use openapiv3::{
    AdditionalProperties, ArrayType, BooleanType, Header, IntegerFormat, IntegerType, NumberFormat,
    NumberType, ObjectType, Parameter, ParameterData, ParameterSchemaOrContent, PathStyle,
    QueryStyle, ReferenceOr, Schema, SchemaData, SchemaKind, StringType, Type,
    VariantOrUnknownOrEmpty,
};

use crate::doc_model::{DocBlock, DocCell, DocPage, DocRow, DocSection, DocTable, SourceLocation};
use crate::import::constraints::{read_description, DescriptionConstraints};
use crate::import::legacy_operation;
use crate::import::type_words::{is_schema_name, parse_type_word, TypeWord};
use crate::import::ImportError;
use crate::naming::{path_template_variables, status_name};

/// The prefix of page-local schema references, rewritten to `#/components/schemas/…` later.
pub const LOCAL_REFERENCE_PREFIX: &str = "local:";

/// The HTTP methods an operation page can declare in its URI section.
const HTTP_METHODS: [&str; 7] = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

/// Header names that carry authentication: handled by the client runtime and documented as a
/// security scheme, not as a parameter of each call.
pub const IAM_TOKEN_HEADER: &str = "X-Auth-Token";

/// What kind of page this is: an operation page in the generated doc-exports format, one in
/// the older hand-written format, or not an operation page (skipped with a reason).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Operation,
    /// An operation page in the older hand-written format (sections "URI", "Request",
    /// "Response", "Status Code"; read by `legacy_operation`). Whether a service imports such
    /// pages is declared per service (`legacy_pages` in `spec/services.toml`); where it does
    /// not, the page is skipped with `skip_reason`, the reason it always had.
    LegacyOperation {
        skip_reason: String,
    },
    Skipped {
        reason: String,
    },
}

/// Decides whether a page documents one operation, and in which format.
///
/// Pages without a URI section are guides, indexes or appendix pages. Pages with a URI section
/// but without a "Status Codes" table or without the "Request Parameters"/"Response
/// Parameters" sections are the older hand-written format, whose tables have a different
/// shape: they are legacy operation pages when they list their statuses (a "Status Code(s)"
/// section or a status code table), and skipped otherwise.
pub fn classify_page(page: &DocPage) -> PageKind {
    let Some(uri_section) = page.section("URI") else {
        return PageKind::Skipped {
            reason: "no URI section: not an operation page".to_owned(),
        };
    };
    if request_line(uri_section).is_none() {
        return PageKind::Skipped {
            reason: "URI section has no \"METHOD /path\" line: not an operation page".to_owned(),
        };
    }
    let has_status_table = page
        .section("Status Codes")
        .is_some_and(|section| section_tables(section).any(is_status_code_table));
    // The generated format names its sections "Request Parameters" and "Response
    // Parameters"; the hand-written pages say "Request" and "Response" and shape their tables
    // differently.
    let has_parameter_sections = page.section("Request Parameters").is_some()
        || page.section("Response Parameters").is_some();
    let skip_reason = if !has_status_table {
        "no \"Status Codes\" table: older hand-written page format, not imported"
    } else if !has_parameter_sections {
        "no \"Request Parameters\"/\"Response Parameters\" sections: older hand-written page format, not imported"
    } else {
        return PageKind::Operation;
    };
    let lists_statuses = page.section("Status Code").is_some()
        || page.section("Status Codes").is_some()
        || page.tables().any(|(_, table)| is_status_code_table(table));
    if lists_statuses {
        PageKind::LegacyOperation {
            skip_reason: skip_reason.to_owned(),
        }
    } else {
        PageKind::Skipped {
            reason: skip_reason.to_owned(),
        }
    }
}

/// An operation read from one page, with the schemas of its tables.
#[derive(Debug, Clone, PartialEq)]
pub struct PageOperation {
    pub file_name: String,
    pub operation_id: String,
    /// Lower-case HTTP method.
    pub method: String,
    pub path: String,
    pub summary: String,
    pub description: Option<String>,
    pub parameters: Vec<Parameter>,
    pub uses_iam_token: bool,
    pub request_body: Option<PageRequestBody>,
    pub responses: BTreeMap<u16, PageResponse>,
    /// The schemas of the page's body and object tables, in page order.
    pub schemas: Vec<LocalSchema>,
    /// The title of the section the page belongs to, from its "Parent topic" link.
    pub parent_topic: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PageRequestBody {
    pub schema_key: String,
    pub required: bool,
    pub examples: Vec<PageExample>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PageResponse {
    pub description: String,
    pub body_schema_key: Option<String>,
    pub headers: Vec<(String, Header)>,
    pub examples: Vec<PageExample>,
}

/// A JSON example body and the sentence the page puts before it.
#[derive(Debug, Clone, PartialEq)]
pub struct PageExample {
    pub summary: Option<String>,
    pub value: serde_json::Value,
}

/// A schema read from one table, before global naming.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalSchema {
    /// `<file>#<table>`, unique across all pages.
    pub key: String,
    /// The name the docs give it (caption, anchor) or one derived from the operation.
    pub name: String,
    pub schema: Schema,
    pub location: SourceLocation,
}

/// Object tables whose rows hold object tables, and so on, deeper than this are an error: the
/// docs nest a few levels, and each level is a recursion here (a page chaining thousands of
/// object tables overflowed the stack; found by a fuzz regression test).
const MAXIMUM_OBJECT_NESTING: usize = 32;

/// Reads an operation page. Returns every problem found, not just the first.
pub fn import_operation_page(page: &DocPage) -> Result<PageOperation, Vec<ImportError>> {
    let mut reader = OperationReader::new(page, NestedTables::ByTypeWord);
    let operation = reader.read();
    reader.finish(operation)
}

/// Reads the tables, statuses and examples of one page into schemas and collects every
/// problem. The generated format is read by `read`; `legacy_operation` reads the older
/// hand-written format with the same table, row, schema and example helpers.
#[derive(Debug)]
pub(crate) struct OperationReader<'page> {
    pub(crate) page: &'page DocPage,
    errors: Vec<ImportError>,
    schemas: Vec<LocalSchema>,
    schema_keys_in_progress: Vec<String>,
    nested_tables: NestedTables,
}

/// How the rows of a page's tables refer to nested object tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NestedTables {
    /// The generated format names every nested object in the type cell ("X object", "Array of
    /// X objects"), linked to its table.
    ByTypeWord,
    /// The older hand-written format types nested objects as a bare "Object" or "Array" and
    /// points to the table from the description ("see Table 4", a link to the table's anchor)
    /// or only by a caption naming the row ("results parameter description"); see
    /// `legacy_operation::table_for_untyped_row`. Such tables are named
    /// `<schema_name_prefix><Row>` unless their caption is an object name. "X object" type
    /// words are read as in the generated format.
    ByLinkOrCaption { schema_name_prefix: String },
}

/// The columns of a parameter table, found by header name so column order does not matter.
#[derive(Debug)]
pub(crate) struct ParameterColumns {
    name: usize,
    mandatory: Option<usize>,
    type_word: usize,
    description: Option<usize>,
}

/// One row of a parameter or object table, read.
#[derive(Debug)]
pub(crate) struct ParameterRow {
    pub(crate) name: String,
    required: bool,
    schema: ReferenceOr<Schema>,
    description: String,
}

impl<'page> OperationReader<'page> {
    pub(crate) fn new(page: &'page DocPage, nested_tables: NestedTables) -> OperationReader<'page> {
        OperationReader {
            page,
            errors: Vec::new(),
            schemas: Vec::new(),
            schema_keys_in_progress: Vec::new(),
            nested_tables,
        }
    }

    /// Hands the schemas read to the operation, or every problem found on the page.
    pub(crate) fn finish(
        mut self,
        mut operation: PageOperation,
    ) -> Result<PageOperation, Vec<ImportError>> {
        operation.schemas = std::mem::take(&mut self.schemas);
        if self.errors.is_empty() {
            Ok(operation)
        } else {
            Err(self.errors)
        }
    }

    pub(crate) fn error(&mut self, location: SourceLocation, message: impl Into<String>) {
        self.errors.push(ImportError {
            location,
            message: message.into(),
        });
    }

    pub(crate) fn page_location(&self) -> SourceLocation {
        SourceLocation::page(&self.page.file_name)
    }

    /// Whether a table has been read into a schema of this page (as a body or nested table).
    pub(crate) fn has_read_table(&self, table: &DocTable) -> bool {
        let key = self.table_key(table);
        self.schemas.iter().any(|schema| schema.key == key)
    }

    fn read(&mut self) -> PageOperation {
        let page = self.page;
        let operation_id = page.anchor.clone().unwrap_or_else(|| {
            page.file_name
                .rsplit('/')
                .next()
                .unwrap_or(&page.file_name)
                .trim_end_matches(".html")
                .trim_end_matches(".rst")
                .to_owned()
        });
        if !is_schema_name(&operation_id) {
            self.error(
                self.page_location(),
                format!(
                    "operation id {operation_id:?} (from the page anchor) is not an identifier"
                ),
            );
        }
        let (method, path) = match page.section("URI").and_then(request_line) {
            Some(request) => request,
            None => {
                self.error(
                    self.page_location(),
                    "URI section has no \"METHOD /path\" line",
                );
                (String::from("get"), String::from("/"))
            }
        };
        let mut operation = PageOperation {
            file_name: page.file_name.clone(),
            operation_id: operation_id.clone(),
            method,
            path,
            summary: page.title.clone(),
            description: self.operation_description(),
            parameters: Vec::new(),
            uses_iam_token: false,
            request_body: None,
            responses: BTreeMap::new(),
            schemas: Vec::new(),
            parent_topic: page.parent_topic.as_ref().map(|link| link.text.clone()),
        };
        self.read_parameters(&mut operation);
        self.read_request_body(&mut operation);
        self.read_responses(&mut operation);
        self.read_examples(&mut operation);
        self.check_path_parameters(&operation, "path parameters table");
        operation
    }

    /// The "Function" section, followed by the "Constraints" section when there is one.
    pub(crate) fn operation_description(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(function) = self.page.section("Function") {
            parts.extend(section_paragraphs(function));
        }
        if let Some(constraints) = self.page.section("Constraints") {
            let paragraphs = section_paragraphs(constraints);
            if !paragraphs.is_empty() {
                parts.push("Constraints:".to_owned());
                parts.extend(paragraphs);
            }
        }
        (!parts.is_empty()).then(|| parts.join("\n\n"))
    }

    fn read_parameters(&mut self, operation: &mut PageOperation) {
        let page = self.page;
        for (_, table) in page.tables() {
            let location_kind = match caption_kind(table) {
                Some(CaptionKind::PathParameters) => ParameterLocation::Path,
                Some(CaptionKind::QueryParameters) => ParameterLocation::Query,
                Some(CaptionKind::HeaderParameters) => ParameterLocation::Header,
                _ => continue,
            };
            let Some(columns) = self.parameter_columns(table) else {
                continue;
            };
            for row in &table.rows {
                let Some(parameter_row) = self.read_parameter_row(table, row, &columns) else {
                    continue;
                };
                if location_kind == ParameterLocation::Header {
                    if parameter_row.name.eq_ignore_ascii_case(IAM_TOKEN_HEADER) {
                        operation.uses_iam_token = true;
                        continue;
                    }
                    // OpenAPI ignores a Content-Type header parameter: the request body's media
                    // type says it.
                    if parameter_row.name.eq_ignore_ascii_case("Content-Type") {
                        continue;
                    }
                }
                operation
                    .parameters
                    .push(build_parameter(location_kind, parameter_row));
            }
        }
    }

    /// Every `{name}` of the path has a path parameter and every path parameter is in the
    /// path; `parameter_table` names where the page documents them, for the message.
    pub(crate) fn check_path_parameters(
        &mut self,
        operation: &PageOperation,
        parameter_table: &str,
    ) {
        let documented: Vec<&str> = operation
            .parameters
            .iter()
            .filter_map(|parameter| match parameter {
                Parameter::Path { parameter_data, .. } => Some(parameter_data.name.as_str()),
                _ => None,
            })
            .collect();
        let in_path = path_template_variables(&operation.path);
        for name in &in_path {
            if !documented.contains(name) {
                self.error(
                    self.page_location(),
                    format!(
                        "path parameter {{{name}}} of {} has no row in the {parameter_table}",
                        operation.path
                    ),
                );
            }
        }
        for name in &documented {
            if !in_path.contains(name) {
                self.error(
                    self.page_location(),
                    format!(
                        "path parameter {name:?} is documented but not in the path {}",
                        operation.path
                    ),
                );
            }
        }
    }

    fn read_request_body(&mut self, operation: &mut PageOperation) {
        let page = self.page;
        let body_tables: Vec<&DocTable> = page
            .tables()
            .filter(|(_, table)| caption_kind(table) == Some(CaptionKind::RequestBody))
            .map(|(_, table)| table)
            .collect();
        if body_tables.len() > 1 {
            self.error(
                SourceLocation::table(&page.file_name, body_tables[1]),
                "a second request body table: only one request body is possible",
            );
        }
        let Some(table) = body_tables.first() else {
            return;
        };
        let name = anchor_schema_name(table, "__request_")
            .unwrap_or_else(|| format!("{}RequestBody", operation.operation_id));
        let Some((schema_key, required)) = self.read_object_table(table, &name) else {
            return;
        };
        operation.request_body = Some(PageRequestBody {
            schema_key,
            required,
            examples: Vec::new(),
        });
    }

    fn read_responses(&mut self, operation: &mut PageOperation) {
        let page = self.page;
        let location = self.page_location();
        // The status table decides which responses exist and describes them.
        let status_rows: Vec<(u16, String)> = match page
            .section("Status Codes")
            .and_then(|section| section_tables(section).find(|table| is_status_code_table(table)))
        {
            Some(table) => self.read_status_table(table),
            None => {
                self.error(location.clone(), "no \"Status Codes\" table");
                Vec::new()
            }
        };
        for (status_code, description) in status_rows {
            if operation.responses.contains_key(&status_code) {
                self.error(
                    location.clone(),
                    format!(
                        "status code {status_code} is listed twice in the \"Status Codes\" table"
                    ),
                );
                continue;
            }
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
        let Some(section) = page.section("Response Parameters") else {
            return;
        };
        let mut current_status = None;
        let mut first_success_with_body = true;
        for block in &section.blocks {
            match block {
                DocBlock::Paragraph(line) => {
                    if let Some(status_code) = status_code_marker(&line.text) {
                        current_status = Some(status_code);
                    }
                }
                DocBlock::Table(table) => {
                    let kind = caption_kind(table);
                    if !matches!(
                        kind,
                        Some(CaptionKind::ResponseBody | CaptionKind::ResponseHeaders)
                    ) {
                        continue;
                    }
                    let table_location = SourceLocation::table(&page.file_name, table);
                    let Some(status_code) = current_status else {
                        self.error(
                            table_location,
                            "response table without a preceding \"Status code: N\" line",
                        );
                        continue;
                    };
                    if !operation.responses.contains_key(&status_code) {
                        self.error(table_location, format!("status code {status_code} has a response table but is not listed in the \"Status Codes\" table"));
                        continue;
                    }
                    if kind == Some(CaptionKind::ResponseHeaders) {
                        let headers = self.read_response_headers(table);
                        if let Some(response) = operation.responses.get_mut(&status_code) {
                            response.headers.extend(headers);
                        }
                        continue;
                    }
                    let is_success = (200..300).contains(&status_code);
                    let fallback_name = if !is_success {
                        "ErrorResponse".to_owned()
                    } else if first_success_with_body {
                        format!("{}ResponseBody", operation.operation_id)
                    } else {
                        format!(
                            "{}{}ResponseBody",
                            operation.operation_id,
                            status_name(status_code)
                        )
                    };
                    let name = anchor_schema_name(table, "__response_").unwrap_or(fallback_name);
                    let Some((schema_key, _)) = self.read_object_table(table, &name) else {
                        continue;
                    };
                    if is_success {
                        first_success_with_body = false;
                    }
                    if let Some(response) = operation.responses.get_mut(&status_code) {
                        if response.body_schema_key.is_some() {
                            self.error(
                                SourceLocation::table(&page.file_name, table),
                                format!(
                                    "a second response body table for status code {status_code}"
                                ),
                            );
                        }
                        response.body_schema_key = Some(schema_key);
                    }
                }
                DocBlock::Preformatted(_) => {}
            }
        }
    }

    pub(crate) fn read_status_table(&mut self, table: &DocTable) -> Vec<(u16, String)> {
        let (Some(code_column), Some(description_column)) =
            (table.column("Status Code"), table.column("Description"))
        else {
            self.error(
                SourceLocation::table(&self.page.file_name, table),
                "status code table needs \"Status Code\" and \"Description\" columns",
            );
            return Vec::new();
        };
        let mut statuses = Vec::new();
        for row in &table.rows {
            let code_text = row
                .cells
                .get(code_column)
                .map(DocCell::text)
                .unwrap_or_default();
            let description = row
                .cells
                .get(description_column)
                .map(DocCell::text)
                .unwrap_or_default();
            match code_text.parse::<u16>() {
                Ok(code) if (100..600).contains(&code) => statuses.push((code, description)),
                _ => self.error(
                    SourceLocation::row(&self.page.file_name, table, row, &code_text),
                    format!("{code_text:?} is not an HTTP status code"),
                ),
            }
        }
        statuses
    }

    fn read_response_headers(&mut self, table: &DocTable) -> Vec<(String, Header)> {
        let Some(columns) = self.parameter_columns(table) else {
            return Vec::new();
        };
        let mut headers = Vec::new();
        for row in &table.rows {
            if let Some(parameter_row) = self.read_parameter_row(table, row, &columns) {
                let description = non_empty(parameter_row.description);
                headers.push((
                    parameter_row.name,
                    Header {
                        description,
                        style: openapiv3::HeaderStyle::Simple,
                        required: parameter_row.required,
                        deprecated: None,
                        format: ParameterSchemaOrContent::Schema(parameter_row.schema),
                        example: None,
                        examples: Default::default(),
                        extensions: Default::default(),
                    },
                ));
            }
        }
        headers
    }

    /// Attaches the JSON bodies of "Example Requests" and "Example Responses" to the request
    /// body and to the response of their status code.
    fn read_examples(&mut self, operation: &mut PageOperation) {
        let page = self.page;
        if let Some(section) = page.section("Example Requests") {
            let mut summary: Option<String> = None;
            for block in &section.blocks {
                match block {
                    DocBlock::Paragraph(line) => summary = Some(line.text.clone()),
                    DocBlock::Preformatted(text) => {
                        let location = SourceLocation {
                            table: Some("Example Requests".to_owned()),
                            ..self.page_location()
                        };
                        let Some(value) = self.example_json_body(text, location.clone()) else {
                            continue;
                        };
                        match &mut operation.request_body {
                            Some(body) => body.examples.push(PageExample { summary: summary.take(), value }),
                            None => self.error(location, "an example request has a JSON body but the page documents no request body table"),
                        }
                    }
                    DocBlock::Table(_) => {}
                }
            }
        }
        if let Some(section) = page.section("Example Responses") {
            let mut current_status = None;
            let mut summary: Option<String> = None;
            for block in &section.blocks {
                match block {
                    DocBlock::Paragraph(line) => match status_code_marker(&line.text) {
                        Some(status_code) => {
                            current_status = Some(status_code);
                            summary = None;
                        }
                        None => summary = Some(line.text.clone()),
                    },
                    DocBlock::Preformatted(text) => {
                        let location = SourceLocation {
                            table: Some(match current_status {
                                Some(status_code) => {
                                    format!("Example Responses, status code {status_code}")
                                }
                                None => "Example Responses".to_owned(),
                            }),
                            ..self.page_location()
                        };
                        let Some(value) = self.example_json_body(text, location.clone()) else {
                            continue;
                        };
                        let Some(status_code) = current_status else {
                            self.error(
                                location,
                                "an example response without a preceding \"Status code: N\" line",
                            );
                            continue;
                        };
                        match operation.responses.get_mut(&status_code) {
                            Some(response) if response.body_schema_key.is_some() => {
                                response.examples.push(PageExample { summary: summary.take(), value });
                            }
                            Some(_) => self.error(location, format!("an example body for status code {status_code}, which has no response body table")),
                            None => self.error(location, format!("an example for status code {status_code}, which is not in the \"Status Codes\" table")),
                        }
                    }
                    DocBlock::Table(_) => {}
                }
            }
        }
    }

    /// The JSON body of an example block: everything from the first line that opens a JSON
    /// object or array. A block without one (a bare request line) has no body.
    pub(crate) fn example_json_body(
        &mut self,
        text: &str,
        location: SourceLocation,
    ) -> Option<serde_json::Value> {
        let mut offset = 0;
        let mut body_start = None;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if trimmed.starts_with('{') || trimmed.starts_with('[') {
                body_start = Some(offset);
                break;
            }
            offset += line.len();
        }
        let body = text[body_start?..].trim();
        match serde_json::from_str(body) {
            Ok(value) => Some(value),
            Err(error) => {
                self.error(location, format!("example body is not valid JSON: {error}"));
                None
            }
        }
    }

    pub(crate) fn parameter_columns(&mut self, table: &DocTable) -> Option<ParameterColumns> {
        let name = table
            .column("Parameter")
            .or_else(|| table.column("Name"))
            .or_else(|| table.column("Field"));
        let type_word = table.column("Type");
        let mandatory = table
            .column("Mandatory")
            .or_else(|| table.column("Required"));
        let description = table.column("Description");
        match (name, type_word) {
            (Some(name), Some(type_word)) => Some(ParameterColumns {
                name,
                mandatory,
                type_word,
                description,
            }),
            _ => {
                self.error(
                    SourceLocation::table(&self.page.file_name, table),
                    format!(
                        "expected \"Parameter\" and \"Type\" columns, found {:?}",
                        table.header
                    ),
                );
                None
            }
        }
    }

    pub(crate) fn read_parameter_row(
        &mut self,
        table: &DocTable,
        row: &DocRow,
        columns: &ParameterColumns,
    ) -> Option<ParameterRow> {
        let file_name = &self.page.file_name;
        let name = row
            .cells
            .get(columns.name)
            .map(DocCell::text)
            .unwrap_or_default();
        let location = SourceLocation::row(file_name, table, row, &name);
        if row.cells.len() != table.header.len() {
            self.error(
                location,
                format!(
                    "row has {} cells, the header has {}",
                    row.cells.len(),
                    table.header.len()
                ),
            );
            return None;
        }
        if name.is_empty() || name.contains(char::is_whitespace) {
            self.error(location, format!("{name:?} is not a parameter name"));
            return None;
        }
        let required = match columns.mandatory {
            None => false,
            Some(column) => {
                let text = row.cells[column].text();
                match text.to_ascii_lowercase().as_str() {
                    "yes" | "true" | "mandatory" | "required" => true,
                    "no" | "false" | "optional" => false,
                    _ => {
                        self.error(
                            location,
                            format!("mandatory column says {text:?}, expected \"Yes\" or \"No\""),
                        );
                        return None;
                    }
                }
            }
        };
        let type_cell = &row.cells[columns.type_word];
        let type_text = type_cell.text();
        let Some(type_word) = parse_type_word(&type_text) else {
            self.error(location, format!("unknown type {type_text:?}"));
            return None;
        };
        let constraints = match columns.description {
            Some(column) => read_description(&row.cells[column].lines),
            None => DescriptionConstraints::default(),
        };
        let mut schema = match &self.nested_tables {
            NestedTables::ByLinkOrCaption { schema_name_prefix }
                if is_untyped_container(&type_word)
                    || (object_name(&type_word).is_some() && type_cell.links.is_empty()) =>
            {
                let schema_name_prefix = schema_name_prefix.clone();
                self.untyped_container_schema(
                    &type_word,
                    UntypedRow {
                        table,
                        row,
                        name: &name,
                        type_cell,
                        description_column: columns.description,
                        schema_name_prefix: &schema_name_prefix,
                    },
                    &location,
                )?
            }
            _ => self.schema_for_type_word(&type_word, type_cell, &location)?,
        };
        let description = constraints.description.clone();
        if let Err(message) = apply_constraints(&mut schema, &constraints) {
            self.error(location, message);
            return None;
        }
        mark_secret(&name, &mut schema);
        Some(ParameterRow {
            name,
            required,
            schema,
            description,
        })
    }

    /// The schema a type word means; object names are resolved to the page's tables.
    fn schema_for_type_word(
        &mut self,
        type_word: &TypeWord,
        type_cell: &DocCell,
        location: &SourceLocation,
    ) -> Option<ReferenceOr<Schema>> {
        let schema_kind = match type_word {
            TypeWord::String => SchemaKind::Type(Type::String(StringType::default())),
            TypeWord::Integer => SchemaKind::Type(Type::Integer(IntegerType {
                format: VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32),
                ..IntegerType::default()
            })),
            TypeWord::Long => SchemaKind::Type(Type::Integer(IntegerType {
                format: VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64),
                ..IntegerType::default()
            })),
            TypeWord::Float => SchemaKind::Type(Type::Number(NumberType {
                format: VariantOrUnknownOrEmpty::Item(NumberFormat::Float),
                ..NumberType::default()
            })),
            TypeWord::Double => SchemaKind::Type(Type::Number(NumberType {
                format: VariantOrUnknownOrEmpty::Item(NumberFormat::Double),
                ..NumberType::default()
            })),
            TypeWord::Number => SchemaKind::Type(Type::Number(NumberType::default())),
            TypeWord::Boolean => SchemaKind::Type(Type::Boolean(BooleanType::default())),
            TypeWord::AnyObject => SchemaKind::Type(Type::Object(ObjectType {
                additional_properties: Some(AdditionalProperties::Any(true)),
                ..ObjectType::default()
            })),
            TypeWord::AnyValue => SchemaKind::Any(Default::default()),
            TypeWord::Map(value) => {
                let value_schema = self.schema_for_type_word(value, type_cell, location)?;
                SchemaKind::Type(Type::Object(ObjectType {
                    additional_properties: Some(AdditionalProperties::Schema(Box::new(
                        value_schema,
                    ))),
                    ..ObjectType::default()
                }))
            }
            TypeWord::Array(element) => {
                let items = self.schema_for_type_word(element, type_cell, location)?;
                SchemaKind::Type(Type::Array(ArrayType {
                    items: Some(box_schema(items)),
                    min_items: None,
                    max_items: None,
                    unique_items: false,
                }))
            }
            TypeWord::Object(name) => {
                if self.schema_keys_in_progress.len() >= MAXIMUM_OBJECT_NESTING {
                    self.error(
                        location.clone(),
                        format!(
                            "type {name:?} nests objects more than {MAXIMUM_OBJECT_NESTING} deep"
                        ),
                    );
                    return None;
                }
                let target = self.find_object_table(name, type_cell, location)?;
                let (key, _) = self.read_object_table(target, name)?;
                return Some(ReferenceOr::Reference {
                    reference: format!("{LOCAL_REFERENCE_PREFIX}{key}"),
                });
            }
        };
        Some(ReferenceOr::Item(Schema {
            schema_data: SchemaData::default(),
            schema_kind,
        }))
    }

    /// The schema of a bare "Object" / "Array" / "Array of objects" row of the older
    /// hand-written format, or of an "X object" row whose type cell has no link: a reference to
    /// the nested table the row points to (an array of references for arrays). Without one, a
    /// free-form object, or an array of any value (of strings when the description says "array
    /// of strings"); an "X object" row then needs a table captioned X, as in the generated
    /// format.
    fn untyped_container_schema(
        &mut self,
        type_word: &TypeWord,
        untyped_row: UntypedRow<'_>,
        location: &SourceLocation,
    ) -> Option<ReferenceOr<Schema>> {
        let page = self.page;
        match legacy_operation::table_for_untyped_row(
            page,
            untyped_row.table,
            untyped_row.row,
            untyped_row.name,
        ) {
            Err(message) => {
                self.error(location.clone(), message);
                None
            }
            Ok(Some(target)) => {
                let schema_name = match object_name(type_word) {
                    Some(name) => name.to_owned(),
                    None => legacy_operation::nested_schema_name(
                        target,
                        untyped_row.schema_name_prefix,
                        untyped_row.name,
                    ),
                };
                let (key, _) = self.read_object_table(target, &schema_name)?;
                let reference = ReferenceOr::Reference {
                    reference: format!("{LOCAL_REFERENCE_PREFIX}{key}"),
                };
                Some(match type_word {
                    TypeWord::Array(_) => ReferenceOr::Item(array_schema(reference)),
                    _ => reference,
                })
            }
            Ok(None) => {
                let says_strings = untyped_row
                    .description_column
                    .and_then(|column| untyped_row.row.cells.get(column))
                    .is_some_and(|cell| {
                        let text = cell.text().to_ascii_lowercase();
                        text.contains("array of strings") || text.contains("list of strings")
                    });
                let type_word = match type_word {
                    TypeWord::Array(element) if **element == TypeWord::AnyValue && says_strings => {
                        TypeWord::Array(Box::new(TypeWord::String))
                    }
                    other => other.clone(),
                };
                self.schema_for_type_word(&type_word, untyped_row.type_cell, location)
            }
        }
    }

    /// The table an "X object" cell means: the one its link points to, or else the one
    /// captioned X.
    fn find_object_table(
        &mut self,
        name: &str,
        type_cell: &DocCell,
        location: &SourceLocation,
    ) -> Option<&'page DocTable> {
        let page = self.page;
        let linked_anchor = type_cell
            .links
            .iter()
            .find_map(|link| link.target.strip_prefix('#'));
        if let Some(anchor) = linked_anchor {
            if let Some((_, table)) = page
                .tables()
                .find(|(_, table)| table.anchor.as_deref() == Some(anchor))
            {
                return Some(table);
            }
            self.error(
                location.clone(),
                format!("type {name:?} links to #{anchor}, which is no table on this page"),
            );
            return None;
        }
        let by_caption: Vec<&DocTable> = page
            .tables()
            .map(|(_, table)| table)
            .filter(|table| table.caption.as_deref() == Some(name))
            .collect();
        match by_caption.as_slice() {
            [table] => Some(table),
            [] => {
                self.error(location.clone(), format!("type {name:?} names an object, but no table on this page is captioned {name:?}"));
                None
            }
            _ => {
                self.error(
                    location.clone(),
                    format!(
                        "type {name:?} has no link and {} tables are captioned {name:?}",
                        by_caption.len()
                    ),
                );
                None
            }
        }
    }

    /// The page-local key of a table's schema: `<file>#<anchor>`. Tables without an anchor
    /// (most body tables of the RST pages) are told apart by their position on the page,
    /// since several share one caption.
    fn table_key(&self, table: &DocTable) -> String {
        let table_key = match &table.anchor {
            Some(anchor) => anchor.clone(),
            None => {
                let position = self
                    .page
                    .tables()
                    .position(|(_, candidate)| std::ptr::eq(candidate, table))
                    .unwrap_or(usize::MAX);
                format!("table{}:{}", position + 1, table.display_name())
            }
        };
        format!("{}#{table_key}", self.page.file_name)
    }

    /// Reads an object (or body) table into a page-local schema, once per table. Returns the
    /// schema key and whether any row is mandatory.
    pub(crate) fn read_object_table(
        &mut self,
        table: &DocTable,
        name: &str,
    ) -> Option<(String, bool)> {
        let file_name = self.page.file_name.clone();
        let key = self.table_key(table);
        if let Some(existing) = self.schemas.iter().find(|schema| schema.key == key) {
            let required = matches!(&existing.schema.schema_kind, SchemaKind::Type(Type::Object(object)) if !object.required.is_empty());
            return Some((key, required));
        }
        if self.schema_keys_in_progress.contains(&key) {
            // A table that (indirectly) contains itself: the reference is enough.
            return Some((key, false));
        }
        self.schema_keys_in_progress.push(key.clone());
        let columns = self.parameter_columns(table);
        let mut object = ObjectType::default();
        if let Some(columns) = columns {
            for row in &table.rows {
                let Some(parameter_row) = self.read_parameter_row(table, row, &columns) else {
                    continue;
                };
                if object.properties.contains_key(&parameter_row.name) {
                    self.error(
                        SourceLocation::row(&file_name, table, row, &parameter_row.name),
                        "parameter is listed twice in this table",
                    );
                    continue;
                }
                if parameter_row.required {
                    object.required.push(parameter_row.name.clone());
                }
                let property = with_description(parameter_row.schema, parameter_row.description);
                object
                    .properties
                    .insert(parameter_row.name, box_schema(property));
            }
        }
        self.schema_keys_in_progress
            .retain(|in_progress| in_progress != &key);
        let required = !object.required.is_empty();
        self.schemas.push(LocalSchema {
            key: key.clone(),
            name: name.to_owned(),
            schema: Schema {
                schema_data: SchemaData::default(),
                schema_kind: SchemaKind::Type(Type::Object(object)),
            },
            location: SourceLocation::table(&file_name, table),
        });
        Some((key, required))
    }
}

/// A bare "Object" / "Array" row of the older hand-written format, whose nested table (if
/// any) is found from the row rather than from its type word.
#[derive(Debug, Clone, Copy)]
struct UntypedRow<'row> {
    table: &'row DocTable,
    row: &'row DocRow,
    name: &'row str,
    type_cell: &'row DocCell,
    description_column: Option<usize>,
    schema_name_prefix: &'row str,
}

/// "Object", "Array", "Array of objects": a container that names no element type.
fn is_untyped_container(type_word: &TypeWord) -> bool {
    match type_word {
        TypeWord::AnyObject => true,
        TypeWord::Array(element) => matches!(**element, TypeWord::AnyValue | TypeWord::AnyObject),
        _ => false,
    }
}

/// The object an "X object" / "Array of X objects" type word names.
fn object_name(type_word: &TypeWord) -> Option<&str> {
    match type_word {
        TypeWord::Object(name) => Some(name),
        TypeWord::Array(element) => match &**element {
            TypeWord::Object(name) => Some(name),
            _ => None,
        },
        _ => None,
    }
}

/// An array schema of the given items.
fn array_schema(items: ReferenceOr<Schema>) -> Schema {
    Schema {
        schema_data: SchemaData::default(),
        schema_kind: SchemaKind::Type(Type::Array(ArrayType {
            items: Some(box_schema(items)),
            min_items: None,
            max_items: None,
            unique_items: false,
        })),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParameterLocation {
    Path,
    Query,
    Header,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaptionKind {
    PathParameters,
    QueryParameters,
    HeaderParameters,
    RequestBody,
    ResponseBody,
    ResponseHeaders,
}

fn caption_kind(table: &DocTable) -> Option<CaptionKind> {
    let caption = table.caption.as_deref()?.trim().to_ascii_lowercase();
    Some(match caption.as_str() {
        "path parameters" => CaptionKind::PathParameters,
        "query parameters" => CaptionKind::QueryParameters,
        "request header parameters" | "header parameters" => CaptionKind::HeaderParameters,
        "request body parameters" => CaptionKind::RequestBody,
        "response body parameters" => CaptionKind::ResponseBody,
        "response header parameters" => CaptionKind::ResponseHeaders,
        _ => return None,
    })
}

pub(crate) fn is_status_code_table(table: &DocTable) -> bool {
    table.column("Status Code").is_some() && table.column("Description").is_some()
}

pub(crate) fn section_tables(section: &DocSection) -> impl Iterator<Item = &DocTable> {
    section.blocks.iter().filter_map(|block| match block {
        DocBlock::Table(table) => Some(table),
        _ => None,
    })
}

fn section_paragraphs(section: &DocSection) -> Vec<String> {
    section
        .blocks
        .iter()
        .filter_map(|block| match block {
            DocBlock::Paragraph(line) if line.is_list_item => Some(format!("- {}", line.text)),
            DocBlock::Paragraph(line) => Some(line.text.clone()),
            DocBlock::Preformatted(text) => Some(format!("```\n{}\n```", text.trim_end())),
            DocBlock::Table(_) => None,
        })
        .collect()
}

/// The `METHOD /path` line of a URI section, as (lower-case method, path without query).
fn request_line(section: &DocSection) -> Option<(String, String)> {
    request_line_with_query(section).map(|request| (request.method, request.path))
}

/// A `METHOD /path?query` line of a URI section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RequestLine {
    /// Lower-case HTTP method.
    pub(crate) method: String,
    /// The path without the query.
    pub(crate) path: String,
    /// The query template after `?` (`start={start}&limit={limit}`), when the line has one.
    pub(crate) query: Option<String>,
}

/// The first `METHOD /path` line of a URI section, with its query template.
pub(crate) fn request_line_with_query(section: &DocSection) -> Option<RequestLine> {
    section.blocks.iter().find_map(|block| {
        let text = match block {
            DocBlock::Paragraph(line) => line.text.as_str(),
            DocBlock::Preformatted(text) => text.trim(),
            DocBlock::Table(_) => return None,
        };
        let (method, path) = text.trim().split_once(' ')?;
        let path = path.trim();
        if !HTTP_METHODS.contains(&method) || !path.starts_with('/') || path.contains(' ') {
            return None;
        }
        let (path, query) = match path.split_once('?') {
            Some((path, query)) => (path, Some(query.to_owned())),
            None => (path, None),
        };
        Some(RequestLine {
            method: method.to_ascii_lowercase(),
            path: path.to_owned(),
            query,
        })
    })
}

/// Whether a text starts with an HTTP method and a space, as the request lines of example
/// blocks do (`GET https://{endpoint}/v1.0/…`).
pub(crate) fn starts_with_http_method(text: &str) -> bool {
    text.trim_start()
        .split_once(' ')
        .is_some_and(|(method, _)| HTTP_METHODS.contains(&method))
}

/// `Status code: 200` → 200.
pub(crate) fn status_code_marker(text: &str) -> Option<u16> {
    let rest = text.trim().strip_prefix("Status code:")?;
    rest.trim().parse().ok()
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

pub(crate) fn build_parameter(location: ParameterLocation, row: ParameterRow) -> Parameter {
    let is_array = matches!(
        &row.schema,
        ReferenceOr::Item(Schema {
            schema_kind: SchemaKind::Type(Type::Array(_)),
            ..
        })
    );
    let mut schema = row.schema;
    // A bare "Array" query parameter repeats its key with string values (`?id=a&id=b`).
    if let ReferenceOr::Item(Schema {
        schema_kind: SchemaKind::Type(Type::Array(array)),
        ..
    }) = &mut schema
    {
        if let Some(ReferenceOr::Item(items)) = &mut array.items {
            if matches!(items.schema_kind, SchemaKind::Any(_)) {
                items.schema_kind = SchemaKind::Type(Type::String(StringType::default()));
            }
        }
    }
    let parameter_data = ParameterData {
        name: row.name,
        description: non_empty(row.description),
        required: row.required || location == ParameterLocation::Path,
        deprecated: None,
        format: ParameterSchemaOrContent::Schema(schema),
        example: None,
        examples: Default::default(),
        explode: (location == ParameterLocation::Query && is_array).then_some(true),
        extensions: Default::default(),
    };
    match location {
        ParameterLocation::Path => Parameter::Path {
            parameter_data,
            style: PathStyle::Simple,
        },
        ParameterLocation::Query => Parameter::Query {
            parameter_data,
            allow_reserved: false,
            style: QueryStyle::Form,
            allow_empty_value: None,
        },
        ParameterLocation::Header => Parameter::Header {
            parameter_data,
            style: openapiv3::HeaderStyle::Simple,
        },
    }
}

fn non_empty(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

pub fn box_schema(schema: ReferenceOr<Schema>) -> ReferenceOr<Box<Schema>> {
    match schema {
        ReferenceOr::Item(schema) => ReferenceOr::Item(Box::new(schema)),
        ReferenceOr::Reference { reference } => ReferenceOr::Reference { reference },
    }
}

/// Puts a description on a property schema. A `$ref` cannot carry siblings in OpenAPI 3.0, so
/// a described reference is wrapped in a single-element `allOf`.
pub(crate) fn with_description(
    schema: ReferenceOr<Schema>,
    description: String,
) -> ReferenceOr<Schema> {
    let Some(description) = non_empty(description) else {
        return schema;
    };
    match schema {
        ReferenceOr::Item(mut schema) => {
            schema.schema_data.description = Some(description);
            ReferenceOr::Item(schema)
        }
        reference @ ReferenceOr::Reference { .. } => ReferenceOr::Item(Schema {
            schema_data: SchemaData {
                description: Some(description),
                ..SchemaData::default()
            },
            schema_kind: SchemaKind::AllOf {
                all_of: vec![reference],
            },
        }),
    }
}

/// Applies the constraint lines of a description to the schema of its row.
pub(crate) fn apply_constraints(
    schema: &mut ReferenceOr<Schema>,
    constraints: &DescriptionConstraints,
) -> Result<(), String> {
    let has_constraints = constraints.minimum.is_some()
        || constraints.maximum.is_some()
        || constraints.default.is_some()
        || !constraints.enum_values.is_empty();
    if let ReferenceOr::Reference { reference } = schema {
        if !has_constraints && !constraints.nullable {
            return Ok(());
        }
        let reference = ReferenceOr::Reference {
            reference: reference.clone(),
        };
        *schema = ReferenceOr::Item(Schema {
            schema_data: SchemaData::default(),
            schema_kind: SchemaKind::AllOf {
                all_of: vec![reference],
            },
        });
    }
    let ReferenceOr::Item(schema) = schema else {
        return Ok(());
    };
    schema.schema_data.nullable = constraints.nullable;
    // OpenAPI 3.0.3 only honours `nullable` next to `type`: a nullable reference to an object
    // table says `type: object` beside its `allOf`.
    if constraints.nullable {
        if let SchemaKind::AllOf { all_of } = &schema.schema_kind {
            schema.schema_kind = SchemaKind::Any(openapiv3::AnySchema {
                typ: Some("object".to_owned()),
                all_of: all_of.clone(),
                ..openapiv3::AnySchema::default()
            });
        }
    }
    let default = constraints.default.as_deref();
    match &mut schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => {
            string.min_length = parse_limit(constraints.minimum.as_deref(), "Minimum")?;
            string.max_length = parse_limit(constraints.maximum.as_deref(), "Maximum")?;
            string.enumeration = constraints.enum_values.iter().cloned().map(Some).collect();
            schema.schema_data.default =
                default.map(|value| serde_json::Value::String(value.to_owned()));
        }
        SchemaKind::Type(Type::Integer(integer)) => {
            integer.minimum = parse_integer(constraints.minimum.as_deref(), "Minimum")?;
            integer.maximum = parse_integer(constraints.maximum.as_deref(), "Maximum")?;
            integer.enumeration = constraints
                .enum_values
                .iter()
                .map(|value| parse_integer(Some(value), "enumeration value"))
                .collect::<Result<_, _>>()?;
            schema.schema_data.default =
                parse_integer(default, "Default")?.map(serde_json::Value::from);
        }
        SchemaKind::Type(Type::Number(number)) => {
            number.minimum = parse_number(constraints.minimum.as_deref(), "Minimum")?;
            number.maximum = parse_number(constraints.maximum.as_deref(), "Maximum")?;
            number.enumeration = constraints
                .enum_values
                .iter()
                .map(|value| parse_number(Some(value), "enumeration value"))
                .collect::<Result<_, _>>()?;
            schema.schema_data.default =
                parse_number(default, "Default")?.map(serde_json::Value::from);
        }
        SchemaKind::Type(Type::Boolean(_)) => {
            if constraints.minimum.is_some() || constraints.maximum.is_some() {
                return Err("Minimum/Maximum on a Boolean".to_owned());
            }
            let known_values = constraints
                .enum_values
                .iter()
                .all(|value| value == "true" || value == "false");
            if !known_values {
                return Err(format!(
                    "enumeration values {:?} on a Boolean",
                    constraints.enum_values
                ));
            }
            schema.schema_data.default = match default {
                None => None,
                Some("true") => Some(serde_json::Value::Bool(true)),
                Some("false") => Some(serde_json::Value::Bool(false)),
                Some(other) => return Err(format!("Default {other:?} is not a Boolean")),
            };
        }
        SchemaKind::Type(Type::Array(array)) => {
            array.min_items = parse_limit(constraints.minimum.as_deref(), "Minimum")?;
            array.max_items = parse_limit(constraints.maximum.as_deref(), "Maximum")?;
            if !constraints.enum_values.is_empty() {
                match &mut array.items {
                    Some(ReferenceOr::Item(items)) => match &mut items.schema_kind {
                        SchemaKind::Type(Type::String(string)) => {
                            string.enumeration =
                                constraints.enum_values.iter().cloned().map(Some).collect();
                        }
                        _ => {
                            return Err(
                                "enumeration values on an array whose elements are not strings"
                                    .to_owned(),
                            )
                        }
                    },
                    _ => return Err("enumeration values on an array of objects".to_owned()),
                }
            }
            if let Some(default) = default {
                let value: serde_json::Value = serde_json::from_str(default)
                    .map_err(|_| format!("Default {default:?} is not a JSON array"))?;
                schema.schema_data.default = Some(value);
            }
        }
        _ => {
            if has_constraints {
                return Err("Minimum/Maximum/Default/enumeration values on an object".to_owned());
            }
        }
    }
    Ok(())
}

fn parse_limit(text: Option<&str>, label: &str) -> Result<Option<usize>, String> {
    text.map(|text| {
        text.parse::<usize>()
            .map_err(|_| format!("{label} {text:?} is not a length"))
    })
    .transpose()
}

fn parse_integer(text: Option<&str>, label: &str) -> Result<Option<i64>, String> {
    text.map(|text| {
        text.parse::<i64>()
            .map_err(|_| format!("{label} {text:?} is not an integer"))
    })
    .transpose()
}

fn parse_number(text: Option<&str>, label: &str) -> Result<Option<f64>, String> {
    text.map(|text| {
        text.parse::<f64>()
            .map_err(|_| format!("{label} {text:?} is not a number"))
    })
    .transpose()
}

/// Field names that hold secrets. Such string fields get `format: password`, which the
/// generated client redacts in `Debug` output; the overrides file corrects a wrong guess.
const SECRET_FIELD_NAMES: [&str; 5] = ["password", "passwd", "private_key", "secret", "secret_key"];

fn mark_secret(name: &str, schema: &mut ReferenceOr<Schema>) {
    let lower = name.to_ascii_lowercase();
    let is_secret = SECRET_FIELD_NAMES
        .iter()
        .any(|secret| lower == *secret || lower.ends_with(&format!("_{secret}")));
    if !is_secret {
        return;
    }
    if let ReferenceOr::Item(Schema {
        schema_kind: SchemaKind::Type(Type::String(string)),
        ..
    }) = schema
    {
        string.format = VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Password);
    }
}
