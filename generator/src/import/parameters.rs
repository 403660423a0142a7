//! Path, query and header parameters: read from the tables that hold them, whatever the page
//! style, and split over the request lines of a page so every operation gets the path
//! parameters of its own path.

use openapiv3::{
    Header, Parameter, ParameterSchemaOrContent, ReferenceOr, SchemaKind, StringType, Type,
};

use crate::doc_model::{DocPage, DocTable, SourceLocation};
use crate::import::page_operation::{PageOperation, IAM_TOKEN_HEADER};
use crate::import::request_line::RequestLine;
use crate::import::row_schema::{
    build_parameter, non_empty, plain_schema, ParameterLocation, ParameterRow,
};
use crate::import::table_reader::TableReader;
use crate::naming::path_template_variables;

/// The parameters read from a page's tables, before they are given to its operations.
#[derive(Debug, Default)]
pub struct PageParameters {
    pub parameters: Vec<Parameter>,
    pub uses_iam_token: bool,
}

/// Where a table's rows go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableLocation {
    /// Every row is a parameter of this location.
    Fixed(ParameterLocation),
    /// A URI table: rows named in a request line's path are path parameters, the others query
    /// parameters.
    PathOrQuery,
}

impl PageParameters {
    /// Reads every row of a parameter table. Header rows for authentication become the security
    /// scheme and `Content-Type` the body's media type, not parameters.
    pub fn read_table<'pages>(
        &mut self,
        reader: &mut TableReader<'pages>,
        page: &'pages DocPage,
        table: &'pages DocTable,
        location: TableLocation,
        request_lines: &[RequestLine],
    ) {
        reader.mark_parameter_table(page, table);
        let type_optional = location != TableLocation::Fixed(ParameterLocation::Header)
            || table.column("Type").is_none();
        let Some(columns) = reader.parameter_columns(page, table, type_optional) else {
            return;
        };
        for row in &table.rows {
            // A row that only points at the page's table of query (or path, header) parameters
            // ("alarms | Array of objects | see Table 3", Table 3 being "Query parameter
            // description") is no parameter: that table's rows are.
            if let Some(target) = linked_parameter_table(reader, page, row) {
                let name = row
                    .cells
                    .first()
                    .map(crate::doc_model::DocCell::text)
                    .unwrap_or_default();
                reader.report_row(
                    page,
                    table,
                    row,
                    &name,
                    format!(
                        "the row points at the page's table {:?}, whose rows are the parameters: it is no parameter itself",
                        target.display_name()
                    ),
                );
                continue;
            }
            let Some(parameter_row) = reader.read_parameter_row(page, table, row, &columns) else {
                continue;
            };
            let parameter_location = match location {
                TableLocation::Fixed(fixed) => fixed,
                TableLocation::PathOrQuery => {
                    let in_a_path = request_lines.iter().any(|line| {
                        path_template_variables(&line.path).contains(&parameter_row.name.as_str())
                    });
                    if in_a_path {
                        ParameterLocation::Path
                    } else {
                        ParameterLocation::Query
                    }
                }
            };
            if parameter_location == ParameterLocation::Header {
                if parameter_row.name.eq_ignore_ascii_case(IAM_TOKEN_HEADER) {
                    self.uses_iam_token = true;
                    continue;
                }
                // OpenAPI ignores a Content-Type header parameter: the request body's media
                // type says it.
                if parameter_row.name.eq_ignore_ascii_case("Content-Type") {
                    continue;
                }
            }
            let name = parameter_row.name.clone();
            // Path, query and header values are text: a row typed as an object there (an ID
            // typed "Object", a map of tags) is sent as text, and its schema says so.
            let mut parameter_row = parameter_row;
            if !is_scalar_or_scalar_array(&parameter_row.schema) {
                reader.note(
                    SourceLocation::row(&page.file_name, table, row, &name),
                    format!(
                        "a {} parameter the page types as an object: a parameter's value is text on the wire, so it is read as a string",
                        match parameter_location {
                            ParameterLocation::Path => "path",
                            ParameterLocation::Query => "query",
                            ParameterLocation::Header => "header",
                        }
                    ),
                );
                parameter_row.schema = ReferenceOr::Item(plain_schema(SchemaKind::Type(
                    Type::String(StringType::default()),
                )));
            }
            let parameter = build_parameter(parameter_location, parameter_row);
            let duplicate = self.parameters.iter().find(|existing| {
                existing.parameter_data_ref().name == name
                    && std::mem::discriminant(*existing) == std::mem::discriminant(&parameter)
            });
            if let Some(existing) = duplicate {
                let location = SourceLocation::row(&page.file_name, table, row, &name);
                // The same parameter in two tables (the URI table and a request table) with
                // the same type is one parameter; with another type the page contradicts
                // itself.
                let same_type = existing.parameter_data_ref().format
                    == parameter.parameter_data_ref().format
                    || without_description(existing) == without_description(&parameter);
                if same_type {
                    reader.note(
                        location,
                        "parameter is documented twice on this page with the same type: the first row is kept",
                    );
                } else {
                    reader.error(
                        location,
                        "parameter is documented twice on this page, with different types",
                    );
                }
                continue;
            }
            self.parameters.push(parameter);
        }
    }
}

/// The table of path, query or header parameters (by its caption) that a cell of the row links
/// to, on the row's page.
fn linked_parameter_table<'pages>(
    reader: &TableReader<'pages>,
    page: &'pages DocPage,
    row: &crate::doc_model::DocRow,
) -> Option<&'pages DocTable> {
    use crate::import::page_index::LinkTarget;
    use crate::import::sections::{caption_role, CaptionRole};
    row.cells
        .iter()
        .flat_map(crate::doc_model::DocCell::links)
        .find_map(|link| match reader.index.resolve(page, link)? {
            LinkTarget::Table(target_page, target)
                if std::ptr::eq(target_page, page)
                    && matches!(
                        caption_role(target),
                        CaptionRole::QueryParameters
                            | CaptionRole::PathParameters
                            | CaptionRole::HeaderParameters
                    ) =>
            {
                Some(target)
            }
            _ => None,
        })
}

/// Whether a parameter schema is a scalar, any value, or an array of those (no object, no
/// reference to an object table).
fn is_scalar_or_scalar_array(schema: &ReferenceOr<openapiv3::Schema>) -> bool {
    let ReferenceOr::Item(schema) = schema else {
        return false;
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(_)) => false,
        SchemaKind::Type(Type::Array(array)) => match &array.items {
            Some(ReferenceOr::Item(items)) => !matches!(
                items.schema_kind,
                SchemaKind::Type(Type::Object(_)) | SchemaKind::Type(Type::Array(_))
            ),
            Some(ReferenceOr::Reference { .. }) => false,
            None => true,
        },
        SchemaKind::Type(_) | SchemaKind::Any(_) => true,
        _ => false,
    }
}

/// A parameter's schema without its description and requiredness, for comparing two rows.
fn without_description(parameter: &Parameter) -> Option<openapiv3::Schema> {
    match &parameter.parameter_data_ref().format {
        ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) => {
            let mut schema = schema.clone();
            schema.schema_data.description = None;
            Some(schema)
        }
        _ => None,
    }
}

/// A string parameter the page names (in the path or the URI line's query) without a row.
pub fn string_parameter(name: &str, location: ParameterLocation) -> Parameter {
    build_parameter(
        location,
        ParameterRow {
            name: name.to_owned(),
            required: location == ParameterLocation::Path,
            schema: ReferenceOr::Item(plain_schema(SchemaKind::Type(Type::String(
                StringType::default(),
            )))),
            description: String::new(),
            vague_shape: false,
        },
    )
}

/// One operation per request line of the page, each with the path parameters of its own path
/// and every other parameter, body and response of the page. Every `{name}` of a path needs a
/// path parameter row, and every path parameter row a path that has it.
pub fn operations_for_request_lines(
    reader: &mut TableReader<'_>,
    template: &PageOperation,
    request_lines: &[RequestLine],
    operation_ids: &[String],
    parameter_table: &str,
) -> Vec<PageOperation> {
    let documented: Vec<&str> = template
        .parameters
        .iter()
        .filter_map(|parameter| match parameter {
            Parameter::Path { parameter_data, .. } => Some(parameter_data.name.as_str()),
            _ => None,
        })
        .collect();
    for name in &documented {
        let in_some_path = request_lines
            .iter()
            .any(|line| path_template_variables(&line.path).contains(name));
        if !in_some_path {
            let paths: Vec<&str> = request_lines
                .iter()
                .map(|line| line.path.as_str())
                .collect();
            reader.error(
                reader.page_location(),
                format!(
                    "path parameter {name:?} is documented but not in the path {}",
                    paths.join(" or ")
                ),
            );
        }
    }
    let mut operations = Vec::new();
    for (request_line, operation_id) in request_lines.iter().zip(operation_ids) {
        let in_path = path_template_variables(&request_line.path);
        // `/v2/{project_id}/os-quota-sets/{project_id}`: one name for two path segments, which
        // then both take its one value (the only reading the page allows), noted.
        let mut seen: Vec<&str> = Vec::new();
        for name in &in_path {
            if seen.contains(name) {
                reader.note(
                    reader.page_location(),
                    format!(
                        "the path {} names {{{name}}} twice: both segments take its one value",
                        request_line.path
                    ),
                );
            }
            seen.push(name);
        }
        let mut undocumented = Vec::new();
        for name in &in_path {
            if !documented.contains(name) {
                // The path names the parameter, but no table row describes it: a path segment
                // is a string, so it is one, without description, and the summary says so.
                reader.note(
                    reader.page_location(),
                    format!(
                        "path parameter {{{name}}} of {} has no row in the {parameter_table}: imported as a string without description",
                        request_line.path
                    ),
                );
                undocumented.push(string_parameter(name, ParameterLocation::Path));
            }
        }
        let mut operation = template.clone();
        operation.operation_id = operation_id.clone();
        operation.method = request_line.method.clone();
        operation.path = request_line.path.clone();
        operation.parameters.retain(|parameter| match parameter {
            Parameter::Path { parameter_data, .. } => {
                in_path.contains(&parameter_data.name.as_str())
            }
            _ => true,
        });
        operation.parameters.extend(undocumented);
        operations.push(operation);
    }
    operations
}

/// The rows of a response header table.
pub fn read_response_headers<'pages>(
    reader: &mut TableReader<'pages>,
    page: &'pages DocPage,
    table: &'pages DocTable,
) -> Vec<(String, Header)> {
    reader.mark_parameter_table(page, table);
    let Some(columns) = reader.parameter_columns(page, table, true) else {
        return Vec::new();
    };
    let mut headers = Vec::new();
    for row in &table.rows {
        if let Some(parameter_row) = reader.read_parameter_row(page, table, row, &columns) {
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
