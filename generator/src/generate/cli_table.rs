//! The intermediate form → the command table of `otc` for one service
//! (`generated-client/cli/tables/<module>.jsonl`), and the command line's list of services
//! (`generated-client/cli/src/services.rs`).
//!
//! The table is data, not code: one JSON line for the index, one per operation, one per named
//! type, in the types of `otc_cli_table` that the command line reads back. Every command, flag
//! segment and parameter flag is decided here by the shared naming rules
//! (`otc_cli_table::names`), so a spec that cannot be mapped onto commands (two operations with
//! one command, a cookie parameter, a multipart body) fails generation with the JSON pointer of
//! the operation instead of losing a command.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use openapiv3::OpenAPI;
use otc_cli_table as table;
use quote::quote;

use crate::extensions::{Extension, Pagination};
use crate::generate::format::format_file;
use crate::generate::ir::{
    BodyDecoding, BodyEncoding, FieldDefinition, GenerateError, MultipartKind, OperationDefinition,
    ParameterDefinition, ParameterPlace, ResponseVariant, RustType, ServiceModule, TypeDefinition,
    TypeKind, ValueConstraints,
};
use crate::generate::module_lists::ClientService;
use crate::generate::GENERATED_HEADER;
use crate::naming::path_template_variables;
use crate::openapi_refs::escape_pointer;

/// The folder of the tables, under `generated-client/cli/`.
pub const CLI_TABLES_DIRECTORY: &str = "tables";

/// The table of one service: its text, one JSON document per line.
///
/// ```text
/// {"format_version":1,"service_id":"vpc","title":"Virtual Private Cloud",…,"operations":[{"command":"list-vpcs","method":"GET",…}],"type_names":["CreateVpcRequestBody",…]}
/// {"command":"list-vpcs","operation_id":"ListVpcs","method":"GET","path":"/v1/{project_id}/vpcs",…}
/// {"name":"CreateVpcRequestBody","kind":{"struct":{"fields":[{"name":"vpc","flag":"vpc","shape":{"type":1},"required":true}]}}}
/// ```
pub fn service_table(
    module: &ServiceModule,
    document: &OpenAPI,
    service_id: &str,
) -> Result<String, Vec<GenerateError>> {
    let type_indexes: HashMap<&str, u32> = module
        .types
        .keys()
        .enumerate()
        .map(|(index, name)| (name.as_str(), index as u32))
        .collect();
    let shapes = ShapeMapper {
        type_indexes: &type_indexes,
    };
    let mut errors = Vec::new();
    let mut commands: BTreeMap<String, String> = BTreeMap::new();
    let mut operations = Vec::new();
    for operation in &module.operations {
        let pointer = format!(
            "#/paths/{}/{}",
            escape_pointer(&operation.path_template),
            operation.http_method.to_ascii_lowercase()
        );
        match operation_entry(operation, document, &shapes, &pointer) {
            Ok(entry) => {
                if let Some(first) = commands.insert(entry.command.to_string(), pointer.clone()) {
                    errors.push(GenerateError {
                        pointer: pointer.clone(),
                        message: format!(
                            "the command `{}` is also the command of {first}",
                            entry.command
                        ),
                    });
                }
                operations.push(entry);
            }
            Err(problems) => errors.extend(problems),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let index = table::ServiceIndex {
        format_version: table::TABLE_FORMAT_VERSION,
        service_id: Cow::Borrowed(service_id),
        title: Cow::Borrowed(&module.title),
        server_url_template: Cow::Borrowed(&module.server_url_template),
        operations: operations
            .iter()
            .map(|operation| table::OperationIndexEntry {
                command: operation.command.clone(),
                method: operation.method.clone(),
                path: operation.path.clone(),
                summary: operation.summary.clone(),
            })
            .collect(),
        type_names: module
            .types
            .keys()
            .map(|name| Cow::Borrowed(name.as_str()))
            .collect(),
    };
    let mut lines = vec![json_line(&index)];
    lines.extend(operations.iter().map(json_line));
    lines.extend(
        module
            .types
            .values()
            .map(|definition| json_line(&type_entry(definition, &shapes))),
    );
    let mut text = lines.join("\n");
    text.push('\n');
    Ok(text)
}

fn json_line<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("a table entry is plain data")
}

/// Rust types of the intermediate form → shapes of the table.
struct ShapeMapper<'a> {
    type_indexes: &'a HashMap<&'a str, u32>,
}

impl ShapeMapper<'_> {
    fn shape(&self, rust_type: &RustType) -> table::Shape {
        match rust_type {
            RustType::String => table::Shape::String,
            RustType::I32 | RustType::I64 => table::Shape::Integer,
            RustType::F32 | RustType::F64 => table::Shape::Number,
            RustType::Bool => table::Shape::Boolean,
            RustType::JsonValue => table::Shape::Any,
            RustType::JsonObject => table::Shape::Object,
            RustType::Bytes => table::Shape::Bytes,
            RustType::Vec(element) => table::Shape::Array(Box::new(self.shape(element))),
            RustType::Map(value) => table::Shape::Map(Box::new(self.shape(value))),
            RustType::Boxed(inner) => self.shape(inner),
            // Every named type of the module is in the index; a name that is not would be a
            // bug of the intermediate form, which any JSON value then stands for.
            RustType::Named(name) => match self.type_indexes.get(name.as_str()) {
                Some(index) => table::Shape::Type(*index),
                None => table::Shape::Any,
            },
        }
    }
}

fn constraints(constraints: &ValueConstraints) -> table::Constraints {
    let count = |value: Option<usize>| value.map(|value| value as u64);
    table::Constraints {
        minimum: constraints.minimum,
        maximum: constraints.maximum,
        min_length: count(constraints.min_length),
        max_length: count(constraints.max_length),
        min_items: count(constraints.min_items),
        max_items: count(constraints.max_items),
        allowed_values: constraints.allowed_values.clone(),
        default: constraints.default.clone(),
        nullable: constraints.nullable,
    }
}

fn type_entry<'a>(
    definition: &'a TypeDefinition,
    shapes: &ShapeMapper<'_>,
) -> table::TypeEntry<'a> {
    let kind = match &definition.kind {
        TypeKind::Struct {
            fields,
            additional_properties,
        } => {
            let segments =
                table::field_flag_segments(fields.iter().map(|field| field.json_name.as_str()));
            table::TypeKind::Struct {
                fields: fields
                    .iter()
                    .zip(segments)
                    .map(|(field, segment)| field_entry(field, segment, shapes))
                    .collect(),
                additional: additional_properties
                    .as_ref()
                    .map(|additional| shapes.shape(&additional.value_type)),
            }
        }
        TypeKind::StringEnum { values } => table::TypeKind::Enum {
            values: values
                .iter()
                .map(|value| Cow::Borrowed(value.wire.as_str()))
                .collect(),
        },
        TypeKind::Union {
            variants,
            discriminator,
        } => table::TypeKind::Union {
            variants: variants
                .iter()
                .map(|variant| shapes.shape(&variant.rust_type))
                .collect(),
            discriminator: discriminator.as_deref().map(Cow::Borrowed),
        },
        TypeKind::Alias(rust_type) | TypeKind::Newtype(rust_type) => {
            table::TypeKind::Alias(shapes.shape(rust_type))
        }
    };
    table::TypeEntry {
        name: Cow::Borrowed(&definition.name),
        kind,
    }
}

fn field_entry<'a>(
    field: &'a FieldDefinition,
    segment: String,
    shapes: &ShapeMapper<'_>,
) -> table::Field<'a> {
    table::Field {
        name: Cow::Borrowed(&field.json_name),
        flag: Cow::Owned(segment),
        shape: shapes.shape(&field.rust_type),
        required: field.required,
        secret: field.is_secret,
        description: field.description.as_deref().map(Cow::Borrowed),
        constraints: constraints(&field.constraints),
    }
}

/// One operation's line; every reason it cannot be a command, with its pointer.
fn operation_entry<'a>(
    operation: &'a OperationDefinition,
    document: &'a OpenAPI,
    shapes: &ShapeMapper<'_>,
    pointer: &str,
) -> Result<table::Operation<'a>, Vec<GenerateError>> {
    let mut problems = Vec::new();
    let mut problem = |message: String| {
        problems.push(GenerateError {
            pointer: pointer.to_owned(),
            message,
        })
    };
    let command = table::command_name(&operation.method_name);
    if !table::is_plain_flag_segment(&command)
        || table::BUILT_IN_COMMANDS.contains(&command.as_str())
    {
        problem(format!(
            "the method name `{}` makes no command (`{command}`)",
            operation.method_name
        ));
    }
    // Path parameters in the order of the path, then query and header parameters in the
    // spec's order.
    let path_order = path_template_variables(&operation.path_template);
    let mut path_parameters: Vec<&ParameterDefinition> = operation
        .parameters
        .iter()
        .filter(|parameter| parameter.place == ParameterPlace::Path)
        .collect();
    path_parameters.sort_by_key(|parameter| {
        path_order
            .iter()
            .position(|variable| *variable == parameter.wire_name)
            .unwrap_or(usize::MAX)
    });
    let mut flag_parameters: Vec<(&ParameterDefinition, table::ParameterPlace)> = Vec::new();
    for parameter in &operation.parameters {
        match parameter.place {
            ParameterPlace::Path => {}
            ParameterPlace::Query => {
                flag_parameters.push((parameter, table::ParameterPlace::Query))
            }
            ParameterPlace::Header => {
                flag_parameters.push((parameter, table::ParameterPlace::Header))
            }
            ParameterPlace::Cookie => problem(format!(
                "the cookie parameter `{}` has no flag: the command line sends no cookies",
                parameter.wire_name
            )),
        }
    }
    let flags = table::parameter_flags(
        flag_parameters
            .iter()
            .map(|(parameter, place)| (parameter.wire_name.as_str(), place.name())),
    );
    let path_placeholders = table::field_flag_segments(
        path_parameters
            .iter()
            .map(|parameter| parameter.wire_name.as_str()),
    );
    let mut parameters: Vec<table::Parameter<'a>> = path_parameters
        .iter()
        .zip(path_placeholders)
        .map(|(parameter, placeholder)| {
            parameter_entry(parameter, placeholder, table::ParameterPlace::Path, shapes)
        })
        .collect();
    parameters.extend(
        flag_parameters
            .iter()
            .zip(flags)
            .map(|((parameter, place), flag)| parameter_entry(parameter, flag, *place, shapes)),
    );
    let body = match &operation.body {
        None => None,
        Some(body) => {
            let mut parts = Vec::new();
            let encoding = match &body.encoding {
                BodyEncoding::Json => Some(table::BodyEncoding::Json),
                BodyEncoding::Form => Some(table::BodyEncoding::Form),
                BodyEncoding::Text => Some(table::BodyEncoding::Text),
                BodyEncoding::Binary => Some(table::BodyEncoding::Binary),
                BodyEncoding::Multipart(fields) => {
                    parts = fields
                        .iter()
                        .map(|field| table::MultipartPart {
                            name: Cow::Borrowed(&field.wire_name),
                            kind: match field.kind {
                                MultipartKind::Text => table::MultipartPartKind::Text,
                                MultipartKind::Bytes => table::MultipartPartKind::Bytes,
                                MultipartKind::Json => table::MultipartPartKind::Json,
                            },
                            repeated: field.repeated,
                        })
                        .collect();
                    Some(table::BodyEncoding::Multipart)
                }
            };
            encoding.map(|encoding| table::RequestBody {
                parts,
                content_type: Cow::Borrowed(&body.content_type),
                encoding,
                required: !body.optional,
                shape: shapes.shape(&body.rust_type),
                examples: body
                    .examples
                    .iter()
                    .map(|example| example.value.clone())
                    .collect(),
            })
        }
    };
    let pagination = match &operation.pagination {
        None => None,
        Some(_) => match pagination_extension(operation, document) {
            Some(pagination) => Some(pagination),
            None => {
                problem("the operation pages, but its x-pagination cannot be read".to_owned());
                None
            }
        },
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(table::Operation {
        command: Cow::Owned(command),
        operation_id: Cow::Borrowed(&operation.operation_id),
        method: Cow::Borrowed(&operation.http_method),
        path: Cow::Borrowed(&operation.path_template),
        summary: operation.summary.as_deref().map(Cow::Borrowed),
        description: operation.description.as_deref().map(Cow::Borrowed),
        source_page: operation.source_page.as_deref().map(Cow::Borrowed),
        deprecated: operation.deprecated,
        parameters,
        body,
        pagination,
        responses: operation
            .responses
            .iter()
            .map(|response| response_entry(response, shapes))
            .collect(),
    })
}

fn parameter_entry<'a>(
    parameter: &'a ParameterDefinition,
    flag: String,
    place: table::ParameterPlace,
    shapes: &ShapeMapper<'_>,
) -> table::Parameter<'a> {
    table::Parameter {
        name: Cow::Borrowed(&parameter.wire_name),
        flag: Cow::Owned(flag),
        place,
        shape: shapes.shape(&parameter.rust_type),
        required: !parameter.optional,
        comma_separated: parameter.comma_separated,
        description: parameter.description.as_deref().map(Cow::Borrowed),
        constraints: constraints(&parameter.constraints),
    }
}

fn response_entry<'a>(
    response: &'a ResponseVariant,
    shapes: &ShapeMapper<'_>,
) -> table::Response<'a> {
    table::Response {
        status: Cow::Owned(response.status.spec_key()),
        shape: match &response.body {
            Some((rust_type, BodyDecoding::Json)) => Some(shapes.shape(rust_type)),
            _ => None,
        },
    }
}

/// The operation's `x-pagination`, read with the extension's own type: the wire names of the
/// marker, offset and limit parameters and the response paths (the intermediate form keeps
/// the Rust side of them).
fn pagination_extension<'a>(
    operation: &OperationDefinition,
    document: &'a OpenAPI,
) -> Option<table::Pagination<'a>> {
    let item = document
        .paths
        .paths
        .get(&operation.path_template)?
        .as_item()?;
    let (_, spec_operation) = item
        .iter()
        .find(|(method, _)| method.eq_ignore_ascii_case(&operation.http_method))?;
    let pagination = Pagination::read(&spec_operation.extensions)?.ok()?;
    Some(match pagination {
        Pagination::Marker {
            marker,
            limit,
            next_marker,
            items,
        } => table::Pagination::Marker {
            marker: Cow::Owned(marker),
            limit: Cow::Owned(limit),
            next_marker: Cow::Owned(next_marker),
            items: Cow::Owned(items),
        },
        Pagination::Offset {
            offset,
            limit,
            total,
            items,
        } => table::Pagination::Offset {
            offset: Cow::Owned(offset),
            limit: Cow::Owned(limit),
            total: Cow::Owned(total),
            items: Cow::Owned(items),
        },
    })
}

/// `generated-client/cli/src/services.rs`: every service's id, title and table, in the
/// catalog's order. The tables are embedded as text and decoded only for the service a
/// command names.
///
/// ```text
/// pub static SERVICES: &[ServiceTable] = &[
///     ServiceTable { id: "vpc", title: "Virtual Private Cloud", text: include_str!("../tables/vpc.jsonl") },
/// ];
/// ```
pub fn cli_services_list(services: &[ClientService<'_>]) -> Result<String, Vec<GenerateError>> {
    let mut problems = Vec::new();
    for service in services {
        if table::BUILT_IN_COMMANDS.contains(&service.id)
            || !table::is_plain_flag_segment(service.id)
        {
            problems.push(GenerateError {
                pointer: format!("spec/services.toml: {}", service.id),
                message: "the service id makes no command of its own".to_owned(),
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let entries = services.iter().map(|service| {
        let id = service.id;
        let title = service.title.replace('\n', " ");
        let path = format!("../{CLI_TABLES_DIRECTORY}/{}.jsonl", service.module);
        quote! {
            ServiceTable { id: #id, title: #title, text: include_str!(#path) }
        }
    });
    let tokens = quote! {
        use crate::table::ServiceTable;

        /// Every service of the command line, in the catalog's order.
        pub static SERVICES: &[ServiceTable] = &[#(#entries),*];
    };
    format_file(
        GENERATED_HEADER,
        tokens,
        &["//! The services of `otc` and their command tables (`tables/<service>.jsonl`)."],
    )
    .map_err(|error| vec![error])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::ir::build_service_module;

    fn table_lines(document: serde_json::Value) -> Vec<serde_json::Value> {
        let document: OpenAPI = serde_json::from_value(document).expect("a document");
        let module = build_service_module(&document, "pets").expect("a module");
        service_table(&module, &document, "pets")
            .expect("a table")
            .lines()
            .map(|line| serde_json::from_str(line).expect("a JSON line"))
            .collect()
    }

    fn pets_document() -> serde_json::Value {
        serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "Pets", "version": "1"},
            "servers": [{"url": "https://pets.{region}.example.com", "variables": {"region": {"default": "eu-de"}}}],
            "paths": {
                "/v1/{project_id}/pets/{pet_id}/toys/{toy_id}": {"put": {
                    "operationId": "UpdateToy",
                    "summary": "Update a toy",
                    "parameters": [
                        {"in": "path", "name": "project_id", "required": true, "schema": {"type": "string"}},
                        {"in": "path", "name": "toy_id", "required": true, "schema": {"type": "string"}},
                        {"in": "path", "name": "pet_id", "required": true, "schema": {"type": "string"}},
                        {"in": "query", "name": "output", "schema": {"type": "string", "enum": ["full", "short"]}},
                        {"in": "header", "name": "X-Language", "schema": {"type": "string"}},
                    ],
                    "requestBody": {"required": true, "content": {"application/json": {
                        "schema": {"type": "object", "required": ["toy"], "properties": {
                            "toy": {"type": "object", "properties": {
                                "name": {"type": "string", "maxLength": 64},
                                "toy.colour": {"type": "string"},
                                "secret": {"type": "string", "format": "password"},
                            }},
                        }},
                        "example": {"toy": {"name": "ball"}},
                    }}},
                    "responses": {"204": {"description": "Updated."}},
                }},
            },
        })
    }

    #[test]
    fn the_table_has_the_index_then_operations_then_types() {
        let lines = table_lines(pets_document());
        let index = &lines[0];
        assert_eq!(index["service_id"], "pets");
        assert_eq!(index["operations"][0]["command"], "update-toy");
        // The body, the toy and the inline enum of `output`.
        assert_eq!(index["type_names"].as_array().map(Vec::len), Some(3));
        let operation = &lines[1];
        // Path parameters in path order, `project_id` filled by the client; a query parameter
        // named like a global flag goes through its place.
        let flags: Vec<(&str, &str)> = operation["parameters"]
            .as_array()
            .expect("parameters")
            .iter()
            .map(|parameter| {
                (
                    parameter["place"].as_str().expect("a place"),
                    parameter["flag"].as_str().expect("a flag"),
                )
            })
            .collect();
        assert_eq!(
            flags,
            [
                ("path", "pet-id"),
                ("path", "toy-id"),
                ("query", "query.output"),
                ("header", "x-language")
            ]
        );
        assert_eq!(
            operation["parameters"][2]["constraints"]["allowed_values"],
            serde_json::json!(["full", "short"])
        );
        assert_eq!(operation["body"]["examples"][0]["toy"]["name"], "ball");
        let toy_fields = lines[2..]
            .iter()
            .find_map(|entry| {
                let fields = entry["kind"]["struct"]["fields"].as_array()?;
                fields
                    .iter()
                    .any(|field| field["name"] == "toy.colour")
                    .then_some(fields.clone())
            })
            .expect("the toy's type");
        let segments: Vec<&str> = toy_fields
            .iter()
            .map(|field| field["flag"].as_str().expect("a flag"))
            .collect();
        assert_eq!(segments, ["name", "toy-colour", "secret"]);
        assert_eq!(toy_fields[2]["secret"], true);
        assert_eq!(toy_fields[0]["constraints"]["max_length"], 64);
    }

    #[test]
    fn operations_that_make_no_command_fail_with_their_location() {
        let mut document = pets_document();
        document["paths"]["/v1/{project_id}/pets/{pet_id}/toys/{toy_id}"]["put"]["parameters"]
            .as_array_mut()
            .expect("parameters")
            .push(serde_json::json!({"in": "cookie", "name": "session", "schema": {"type": "string"}}));
        let document: OpenAPI = serde_json::from_value(document).expect("a document");
        let module = build_service_module(&document, "pets").expect("a module");
        let errors = service_table(&module, &document, "pets").expect_err("a cookie");
        assert_eq!(
            errors,
            [GenerateError {
                pointer: "#/paths/~1v1~1{project_id}~1pets~1{pet_id}~1toys~1{toy_id}/put"
                    .to_owned(),
                message:
                    "the cookie parameter `session` has no flag: the command line sends no cookies"
                        .to_owned(),
            }]
        );
    }
}
