//! The intermediate form between OpenAPI and tokens: a type registry and a list of operations,
//! with every name, Rust type and status variant decided, so emitters only print.

use std::collections::BTreeMap;

use openapiv3::{
    AdditionalProperties, OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, Schema,
    SchemaKind, StatusCode, Type, VariantOrUnknownOrEmpty,
};

use crate::naming::{pascal_case, snake_case, status_name};

/// A problem that stops generation, with the JSON pointer of where it is in the spec.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{pointer}: {message}")]
pub struct GenerateError {
    pub pointer: String,
    pub message: String,
}

/// Everything the emitters need for one service module.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceModule {
    pub title: String,
    pub server_url_template: String,
    /// Named types in name order.
    pub types: BTreeMap<String, TypeDefinition>,
    /// Operations in path, then method order (the spec's order).
    pub operations: Vec<OperationDefinition>,
    /// The documented error codes (`x-error-codes`), in the docs' order.
    pub error_codes: Vec<ErrorCodeDefinition>,
}

/// One documented error code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorCodeDefinition {
    pub status_code: u16,
    pub error_code: String,
    pub message: Option<String>,
    pub description: Option<String>,
    pub solution: Option<String>,
    pub other: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeDefinition {
    pub name: String,
    pub description: Option<String>,
    pub fields: Vec<FieldDefinition>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldDefinition {
    /// The name on the wire.
    pub json_name: String,
    /// The Rust field name (snake case, keyword-safe, unique in its struct).
    pub rust_name: String,
    pub rust_type: RustType,
    /// `Option<T>` when the field may be absent or null.
    pub optional: bool,
    /// Description plus the constraints, as doc comment lines.
    pub documentation: Vec<String>,
    /// The field holds a secret (`format: password`): redacted in `Debug` output.
    pub is_secret: bool,
}

/// A Rust type, as the emitters print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    String,
    I32,
    I64,
    F32,
    F64,
    Bool,
    /// Any JSON value: untyped in the spec.
    JsonValue,
    /// A free-form JSON object.
    JsonObject,
    Vec(Box<RustType>),
    /// A map from string keys.
    Map(Box<RustType>),
    Named(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct OperationDefinition {
    pub operation_id: String,
    /// `delete_background_task`.
    pub method_name: String,
    /// `DeleteBackgroundTaskRequest`.
    pub request_type_name: String,
    /// `DeleteBackgroundTaskResponse`.
    pub response_type_name: String,
    /// Upper-case HTTP method.
    pub http_method: String,
    pub path_template: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub deprecated: bool,
    pub source_page: Option<String>,
    /// Parameters the caller passes (path parameters filled by the client, such as
    /// `project_id`, are not here).
    pub parameters: Vec<ParameterDefinition>,
    pub body: Option<BodyDefinition>,
    pub responses: Vec<ResponseVariant>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterPlace {
    Path,
    Query,
    Header,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParameterDefinition {
    pub wire_name: String,
    pub rust_name: String,
    pub place: ParameterPlace,
    pub rust_type: RustType,
    pub optional: bool,
    pub documentation: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BodyDefinition {
    pub rust_type: RustType,
    pub optional: bool,
    pub examples: Vec<ExampleDefinition>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResponseVariant {
    pub status_code: u16,
    /// `Ok`, `NoContent`, `BadRequest`, …
    pub variant_name: String,
    pub description: String,
    pub body: Option<RustType>,
    pub examples: Vec<ExampleDefinition>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExampleDefinition {
    pub name: String,
    pub value: serde_json::Value,
}

/// Path parameters the client fills from its own configuration.
pub const CLIENT_PATH_PARAMETERS: [&str; 1] = ["project_id"];

/// Builds the intermediate form. Every problem is collected; none is skipped silently.
pub fn build_service_module(document: &OpenAPI) -> Result<ServiceModule, Vec<GenerateError>> {
    let mut builder = Builder {
        types: BTreeMap::new(),
        errors: Vec::new(),
    };
    if let Some(components) = &document.components {
        for (name, schema) in &components.schemas {
            let pointer = format!("#/components/schemas/{name}");
            match schema {
                ReferenceOr::Item(schema) => builder.named_type(name, schema, &pointer),
                ReferenceOr::Reference { .. } => {
                    builder.error(&pointer, "a component that is only a reference")
                }
            }
        }
    }
    let mut operations = Vec::new();
    for (path, item) in &document.paths.paths {
        let ReferenceOr::Item(item) = item else {
            builder.error(
                &format!("#/paths/{path}"),
                "path item references are not supported",
            );
            continue;
        };
        for (method, operation) in item.iter() {
            let pointer = format!("#/paths/{}/{method}", path.replace('/', "~1"));
            if let Some(operation) = builder.operation(path, method, operation, &pointer) {
                operations.push(operation);
            }
        }
    }
    let error_codes = builder.error_codes(document);
    if builder.errors.is_empty() {
        Ok(ServiceModule {
            error_codes,
            title: document.info.title.clone(),
            server_url_template: document
                .servers
                .first()
                .map(|server| server.url.clone())
                .unwrap_or_default(),
            types: builder.types,
            operations,
        })
    } else {
        Err(builder.errors)
    }
}

struct Builder {
    types: BTreeMap<String, TypeDefinition>,
    errors: Vec<GenerateError>,
}

impl Builder {
    /// Reads `x-error-codes`: entries with `status_code` and `error_code`, the docs' other
    /// columns by name (`error_message`/`message`, `description`/`possible_cause`,
    /// `solution`/`measure`), anything else kept as is.
    fn error_codes(&mut self, document: &OpenAPI) -> Vec<ErrorCodeDefinition> {
        let Some(entries) = document.extensions.get("x-error-codes") else {
            return Vec::new();
        };
        let Some(entries) = entries.as_array() else {
            self.error("#/x-error-codes", "not an array");
            return Vec::new();
        };
        let mut definitions = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let pointer = format!("#/x-error-codes/{index}");
            let Some(object) = entry.as_object() else {
                self.error(&pointer, "not an object");
                continue;
            };
            let status_code = object
                .get("status_code")
                .and_then(serde_json::Value::as_u64)
                .and_then(|code| u16::try_from(code).ok());
            let error_code = object.get("error_code").and_then(serde_json::Value::as_str);
            let (Some(status_code), Some(error_code)) = (status_code, error_code) else {
                self.error(
                    &pointer,
                    "needs a numeric status_code and a string error_code",
                );
                continue;
            };
            let text = |keys: &[&str]| {
                keys.iter()
                    .find_map(|key| object.get(*key).and_then(serde_json::Value::as_str))
                    .map(str::to_owned)
            };
            let named = [
                "status_code",
                "error_code",
                "error_message",
                "message",
                "description",
                "possible_cause",
                "solution",
                "measure",
                "handling_measure",
            ];
            let other = object
                .iter()
                .filter(|(key, _)| !named.contains(&key.as_str()))
                .map(|(key, value)| {
                    (
                        key.clone(),
                        value
                            .as_str()
                            .map(str::to_owned)
                            .unwrap_or_else(|| value.to_string()),
                    )
                })
                .collect();
            definitions.push(ErrorCodeDefinition {
                status_code,
                error_code: error_code.to_owned(),
                message: text(&["error_message", "message"]),
                description: text(&["description", "possible_cause"]),
                solution: text(&["solution", "measure", "handling_measure"]),
                other,
            });
        }
        definitions
    }

    fn error(&mut self, pointer: &str, message: impl Into<String>) {
        self.errors.push(GenerateError {
            pointer: pointer.to_owned(),
            message: message.into(),
        });
    }

    fn named_type(&mut self, name: &str, schema: &Schema, pointer: &str) {
        let rust_name = pascal_case_type_name(name);
        if !is_rust_identifier(&rust_name) {
            self.error(
                pointer,
                format!("the name {name:?} makes no Rust type name ({rust_name:?})"),
            );
            return;
        }
        let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
            self.error(
                pointer,
                "only object schemas can be components in this generator",
            );
            return;
        };
        let mut fields: Vec<FieldDefinition> = Vec::new();
        for (json_name, property) in &object.properties {
            let property_pointer = format!("{pointer}/properties/{json_name}");
            let property = unbox(property);
            let rust_type = self.rust_type(
                &property,
                &format!("{rust_name}{}", pascal_case(json_name)),
                &property_pointer,
            );
            let mut rust_name_candidate = field_name(json_name);
            while fields
                .iter()
                .any(|field| field.rust_name == rust_name_candidate)
            {
                rust_name_candidate.push('_');
            }
            let nullable = schema_of(&property).is_some_and(|schema| schema.schema_data.nullable);
            let is_secret = schema_of(&property).is_some_and(|schema| {
                matches!(&schema.schema_kind, SchemaKind::Type(Type::String(string))
                    if string.format == VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Password))
            });
            fields.push(FieldDefinition {
                is_secret,
                json_name: json_name.clone(),
                rust_name: rust_name_candidate,
                rust_type,
                optional: !object.required.contains(json_name) || nullable,
                documentation: documentation_lines(&property),
            });
        }
        self.types.insert(
            rust_name.clone(),
            TypeDefinition {
                name: rust_name,
                description: schema.schema_data.description.clone(),
                fields,
            },
        );
    }

    /// The Rust type of a schema. Inline objects with properties become named types called
    /// after where they occur.
    fn rust_type(
        &mut self,
        schema: &ReferenceOr<Schema>,
        inline_name: &str,
        pointer: &str,
    ) -> RustType {
        let schema = match schema {
            ReferenceOr::Reference { reference } => {
                return match reference.strip_prefix("#/components/schemas/") {
                    Some(name) if is_rust_identifier(&pascal_case_type_name(name)) => {
                        RustType::Named(pascal_case_type_name(name))
                    }
                    _ => {
                        self.error(pointer, format!("unsupported reference {reference}"));
                        RustType::JsonValue
                    }
                };
            }
            ReferenceOr::Item(schema) => schema,
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(_)) => RustType::String,
            SchemaKind::Type(Type::Boolean(_)) => RustType::Bool,
            SchemaKind::Type(Type::Integer(integer)) => match &integer.format {
                VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => RustType::I32,
                _ => RustType::I64,
            },
            SchemaKind::Type(Type::Number(number)) => match &number.format {
                VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Float) => RustType::F32,
                _ => RustType::F64,
            },
            SchemaKind::Type(Type::Array(array)) => match &array.items {
                Some(items) => RustType::Vec(Box::new(self.rust_type(
                    &unbox(items),
                    &format!("{inline_name}Item"),
                    &format!("{pointer}/items"),
                ))),
                None => RustType::Vec(Box::new(RustType::JsonValue)),
            },
            SchemaKind::Type(Type::Object(object)) => {
                if !object.properties.is_empty() {
                    let name = pascal_case_type_name(inline_name);
                    if !self.types.contains_key(&name) {
                        self.named_type(&name, schema, pointer);
                    }
                    return RustType::Named(name);
                }
                match &object.additional_properties {
                    Some(AdditionalProperties::Schema(value)) => {
                        RustType::Map(Box::new(self.rust_type(
                            value,
                            &format!("{inline_name}Value"),
                            &format!("{pointer}/additionalProperties"),
                        )))
                    }
                    _ => RustType::JsonObject,
                }
            }
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                self.rust_type(&all_of[0], inline_name, &format!("{pointer}/allOf/0"))
            }
            // `type: object` beside a single `allOf` reference: a nullable reference.
            SchemaKind::Any(any) if any.all_of.len() == 1 && any.properties.is_empty() => {
                self.rust_type(&any.all_of[0], inline_name, &format!("{pointer}/allOf/0"))
            }
            SchemaKind::Any(_) => RustType::JsonValue,
            // The lossless fallback for what the importer never produces: any JSON value.
            _ => RustType::JsonValue,
        }
    }

    fn operation(
        &mut self,
        path: &str,
        method: &str,
        operation: &openapiv3::Operation,
        pointer: &str,
    ) -> Option<OperationDefinition> {
        let Some(operation_id) = operation.operation_id.clone() else {
            self.error(pointer, "operation without operationId");
            return None;
        };
        let type_prefix = pascal_case_type_name(&operation_id);
        let method_name = snake_case(&operation_id);
        if !is_rust_identifier(&method_name) || !is_rust_identifier(&type_prefix) {
            self.error(
                pointer,
                format!(
                    "operationId {operation_id:?} makes no Rust method and type names ({method_name:?}, {type_prefix:?})"
                ),
            );
            return None;
        }
        let mut parameters = Vec::new();
        for (index, parameter) in operation.parameters.iter().enumerate() {
            let parameter_pointer = format!("{pointer}/parameters/{index}");
            let parameter = match parameter {
                ReferenceOr::Item(parameter) => parameter,
                ReferenceOr::Reference { .. } => {
                    self.error(&parameter_pointer, "parameter references are not supported");
                    continue;
                }
            };
            let (place, data) = match parameter {
                Parameter::Path { parameter_data, .. } => (ParameterPlace::Path, parameter_data),
                Parameter::Query { parameter_data, .. } => (ParameterPlace::Query, parameter_data),
                Parameter::Header { parameter_data, .. } => {
                    (ParameterPlace::Header, parameter_data)
                }
                Parameter::Cookie { .. } => {
                    self.error(&parameter_pointer, "cookie parameters are not supported");
                    continue;
                }
            };
            if place == ParameterPlace::Path && CLIENT_PATH_PARAMETERS.contains(&data.name.as_str())
            {
                continue;
            }
            let ParameterSchemaOrContent::Schema(schema) = &data.format else {
                self.error(
                    &parameter_pointer,
                    "parameters with content are not supported",
                );
                continue;
            };
            let rust_type = self.rust_type(
                schema,
                &format!("{type_prefix}{}", pascal_case(&data.name)),
                &parameter_pointer,
            );
            let is_scalar = |rust_type: &RustType| {
                matches!(
                    rust_type,
                    RustType::String
                        | RustType::I32
                        | RustType::I64
                        | RustType::F32
                        | RustType::F64
                        | RustType::Bool
                )
            };
            let supported = match &rust_type {
                RustType::Vec(element) => place == ParameterPlace::Query && is_scalar(element),
                other => is_scalar(other),
            };
            if !supported {
                self.error(
                    &parameter_pointer,
                    format!(
                        "parameter {:?} has a type that cannot be sent in the {place:?}",
                        data.name
                    ),
                );
                continue;
            }
            let mut documentation: Vec<String> = data
                .description
                .iter()
                .flat_map(|text| text.lines().map(str::to_owned))
                .collect();
            if let ReferenceOr::Item(schema) = schema {
                documentation.extend(constraint_lines(schema));
            }
            parameters.push(ParameterDefinition {
                wire_name: data.name.clone(),
                rust_name: field_name(&data.name),
                place,
                rust_type,
                optional: !data.required,
                documentation,
            });
        }
        let body = match &operation.request_body {
            None => None,
            Some(ReferenceOr::Reference { .. }) => {
                self.error(
                    &format!("{pointer}/requestBody"),
                    "request body references are not supported",
                );
                None
            }
            Some(ReferenceOr::Item(body)) => match body.content.get("application/json") {
                Some(media) => {
                    let rust_type = match &media.schema {
                        Some(schema) => self.rust_type(
                            schema,
                            &format!("{type_prefix}RequestBody"),
                            &format!("{pointer}/requestBody"),
                        ),
                        None => RustType::JsonValue,
                    };
                    Some(BodyDefinition {
                        rust_type,
                        optional: !body.required,
                        examples: examples_of(media),
                    })
                }
                None => {
                    self.error(
                        &format!("{pointer}/requestBody"),
                        "only application/json request bodies are supported",
                    );
                    None
                }
            },
        };
        let mut responses = Vec::new();
        for (status, response) in &operation.responses.responses {
            let response_pointer = format!("{pointer}/responses/{status}");
            let StatusCode::Code(status_code) = status else {
                self.error(&response_pointer, "status code ranges are not supported");
                continue;
            };
            let ReferenceOr::Item(response) = response else {
                self.error(&response_pointer, "response references are not supported");
                continue;
            };
            let (body, examples) = match response.content.get("application/json") {
                Some(media) => (
                    Some(match &media.schema {
                        Some(schema) => self.rust_type(
                            schema,
                            &format!("{type_prefix}{}Body", status_name(*status_code)),
                            &response_pointer,
                        ),
                        None => RustType::JsonValue,
                    }),
                    examples_of(media),
                ),
                None if response.content.is_empty() => (None, Vec::new()),
                None => {
                    self.error(
                        &response_pointer,
                        "only application/json responses are supported",
                    );
                    (None, Vec::new())
                }
            };
            responses.push(ResponseVariant {
                status_code: *status_code,
                variant_name: status_name(*status_code),
                description: response.description.clone(),
                body,
                examples,
            });
        }
        Some(OperationDefinition {
            method_name,
            request_type_name: format!("{type_prefix}Request"),
            response_type_name: format!("{type_prefix}Response"),
            operation_id,
            http_method: method.to_ascii_uppercase(),
            path_template: path.to_owned(),
            summary: operation.summary.clone(),
            description: operation.description.clone(),
            tags: operation.tags.clone(),
            deprecated: operation.deprecated,
            source_page: operation
                .extensions
                .get("x-source-page")
                .and_then(|value| value.as_str())
                .map(str::to_owned),
            parameters,
            body,
            responses,
        })
    }
}

fn examples_of(media: &openapiv3::MediaType) -> Vec<ExampleDefinition> {
    let mut examples: Vec<ExampleDefinition> = media
        .examples
        .iter()
        .filter_map(|(name, example)| match example {
            ReferenceOr::Item(example) => example.value.clone().map(|value| ExampleDefinition {
                name: name.clone(),
                value,
            }),
            ReferenceOr::Reference { .. } => None,
        })
        .collect();
    if let Some(value) = &media.example {
        examples.push(ExampleDefinition {
            name: "example".to_owned(),
            value: value.clone(),
        });
    }
    examples
}

fn unbox(schema: &ReferenceOr<Box<Schema>>) -> ReferenceOr<Schema> {
    match schema {
        ReferenceOr::Item(schema) => ReferenceOr::Item((**schema).clone()),
        ReferenceOr::Reference { reference } => ReferenceOr::Reference {
            reference: reference.clone(),
        },
    }
}

fn schema_of(schema: &ReferenceOr<Schema>) -> Option<&Schema> {
    match schema {
        ReferenceOr::Item(schema) => Some(schema),
        ReferenceOr::Reference { .. } => None,
    }
}

/// Doc comment lines for a property: its description, then what the constraints say.
fn documentation_lines(schema: &ReferenceOr<Schema>) -> Vec<String> {
    let Some(schema) = schema_of(schema) else {
        return Vec::new();
    };
    let mut lines: Vec<String> = schema
        .schema_data
        .description
        .iter()
        .flat_map(|text| text.lines().map(str::to_owned))
        .collect();
    lines.extend(constraint_lines(schema));
    lines
}

fn constraint_lines(schema: &Schema) -> Vec<String> {
    let mut lines = Vec::new();
    let mut push = |line: String| {
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(line);
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => {
            if let Some(minimum) = string.min_length {
                push(format!("Minimum length: {minimum}"));
            }
            if let Some(maximum) = string.max_length {
                push(format!("Maximum length: {maximum}"));
            }
            if !string.enumeration.is_empty() {
                let values: Vec<String> = string
                    .enumeration
                    .iter()
                    .flatten()
                    .map(|value| format!("`{value}`"))
                    .collect();
                push(format!("Allowed values: {}", values.join(", ")));
            }
        }
        SchemaKind::Type(Type::Integer(integer)) => {
            if let Some(minimum) = integer.minimum {
                push(format!("Minimum: {minimum}"));
            }
            if let Some(maximum) = integer.maximum {
                push(format!("Maximum: {maximum}"));
            }
            if !integer.enumeration.is_empty() {
                let values: Vec<String> = integer
                    .enumeration
                    .iter()
                    .flatten()
                    .map(|value| format!("`{value}`"))
                    .collect();
                push(format!("Allowed values: {}", values.join(", ")));
            }
        }
        SchemaKind::Type(Type::Number(number)) => {
            if let Some(minimum) = number.minimum {
                push(format!("Minimum: {minimum}"));
            }
            if let Some(maximum) = number.maximum {
                push(format!("Maximum: {maximum}"));
            }
        }
        SchemaKind::Type(Type::Array(array)) => {
            if let Some(minimum) = array.min_items {
                push(format!("Minimum items: {minimum}"));
            }
            if let Some(maximum) = array.max_items {
                push(format!("Maximum items: {maximum}"));
            }
        }
        _ => {}
    }
    if let Some(default) = &schema.schema_data.default {
        push(format!("Default: `{default}`"));
    }
    if schema.schema_data.nullable {
        push("May be `null`.".to_owned());
    }
    lines
}

/// A type name as Rust wants it: schema names are kept when already PascalCase
/// (`LoadBalancer`), others are converted.
pub fn pascal_case_type_name(name: &str) -> String {
    let looks_pascal = name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric());
    if looks_pascal {
        name.to_owned()
    } else {
        pascal_case(name)
    }
}

/// Whether a name made from the spec is a Rust identifier: not empty, not starting with a digit,
/// not a keyword. `format_ident!` panics on the first two (found by the `spec_generate` fuzz
/// target with operationId `2elete_l7_policy`), and a keyword does not parse as a name.
fn is_rust_identifier(name: &str) -> bool {
    syn::parse_str::<syn::Ident>(name).is_ok()
}

/// A field or parameter name as a Rust identifier: snake case, never a keyword.
pub fn field_name(wire_name: &str) -> String {
    let mut name = snake_case(wire_name);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("field_{name}");
    }
    if syn::parse_str::<syn::Ident>(&name).is_err() {
        name.push('_');
    }
    name
}
