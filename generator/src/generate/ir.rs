//! The intermediate form between OpenAPI and tokens: a type registry and a list of operations,
//! with every name, Rust type and status variant decided, so emitters only print.
//!
//! Any OpenAPI 3.0 document goes in. What the generator does not support becomes a
//! [`CompletenessItem`] (JSON pointer, reason, the lossless type used instead); in strict mode
//! (`otc-client`, whose specs we import ourselves) the same items are errors.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use openapiv3::{
    AdditionalProperties, Components, OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr,
    RequestBody, Response, Schema, SchemaKind, StatusCode, Type, VariantOrUnknownOrEmpty,
};

use crate::extensions::{ErrorCodes, Extension, Pagination, SourcePage};
use crate::generate::pagination::{pagination_definition, PaginationDefinition};
use crate::naming::{pascal_case, path_template_variables, snake_case, status_name};
use crate::openapi_refs::{
    escape_pointer, follow_reference, follow_references, unescape_pointer, ReferenceFailure,
};

/// A problem that stops generation, with the JSON pointer of where it is in the spec.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{pointer}: {message}")]
pub struct GenerateError {
    pub pointer: String,
    pub message: String,
}

/// Something in the spec the generator does not support, and what it generated instead.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CompletenessItem {
    /// Where it is (`#/paths/~1pets/get/parameters/0`).
    pub pointer: String,
    /// What is not supported.
    pub reason: String,
    /// The lossless type or behaviour used instead.
    pub fallback: String,
}

/// Which runtime API the generated code calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuntimeApi {
    /// `otc-client`'s own runtime: `Client::new(&Config)` with a service id and endpoint
    /// template, JSON bodies as bytes.
    OtcClient,
    /// `client_runtime` (or a runtime with its API): `Client::new(base_url)`, bodies as
    /// `Body` with their content type.
    Generic,
}

/// How the generated code fits the crate it lands in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateSettings {
    /// The path of the runtime module (`crate::runtime`, `::client_runtime`).
    pub runtime_path: String,
    pub runtime_api: RuntimeApi,
    /// Path parameters the client fills from its own configuration (`project_id` in OTC):
    /// not fields of the request structs.
    pub client_path_parameters: Vec<String>,
    /// Unsupported constructs are errors instead of completeness report items with a
    /// fallback: the importer never produces them, so one appearing is a bug to fix.
    pub strict: bool,
    /// The note of `#[deprecated]` on deprecated operations.
    pub deprecation_note: String,
    /// Write `Option`, `String`, `Vec` and `Box` unqualified (no generated type takes those
    /// names): a third fewer tokens to format on a huge spec. `otc-client` keeps its fully
    /// qualified paths.
    pub prelude_names: bool,
}

impl GenerateSettings {
    /// `otc-client`: its own runtime, `project_id` from the config, strict.
    pub fn otc_client() -> GenerateSettings {
        GenerateSettings {
            runtime_path: "crate::runtime".to_owned(),
            runtime_api: RuntimeApi::OtcClient,
            client_path_parameters: vec!["project_id".to_owned()],
            strict: true,
            deprecation_note: "outdated API: the API reference recommends a newer version"
                .to_owned(),
            prelude_names: false,
        }
    }

    /// A standalone crate on `client_runtime`, from any spec.
    pub fn standalone() -> GenerateSettings {
        GenerateSettings {
            runtime_path: "::client_runtime".to_owned(),
            runtime_api: RuntimeApi::Generic,
            client_path_parameters: Vec::new(),
            strict: false,
            deprecation_note: "deprecated in the API description".to_owned(),
            prelude_names: true,
        }
    }
}

/// Everything the emitters need for one service module.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceModule {
    pub title: String,
    /// The first server's URL as written (`https://dcs.{region}.otc.t-systems.com`).
    pub server_url_template: String,
    /// The first server's URL with every variable at its default.
    pub default_server_url: Option<String>,
    /// Named types in name order.
    pub types: BTreeMap<String, TypeDefinition>,
    /// Operations in path, then method order (the spec's order).
    pub operations: Vec<OperationDefinition>,
    /// The documented error codes (`x-error-codes`), in the docs' order.
    pub error_codes: Vec<ErrorCodeDefinition>,
    /// What the generator does not support, sorted by pointer.
    pub report: Vec<CompletenessItem>,
}

/// One documented error code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorCodeDefinition {
    /// `None` where the docs' error code table gives no status for the code.
    pub status_code: Option<u16>,
    pub error_code: String,
    /// The name of the code's constant in `error_codes` (`DCS_4001`); another code that would
    /// have the same name gets a numbered one, and the collision is reported.
    pub constant_name: String,
    /// The first entry of this code (a code listed for several statuses has one constant).
    pub first_of_its_code: bool,
    pub message: Option<String>,
    pub description: Option<String>,
    pub solution: Option<String>,
    pub other: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeDefinition {
    pub name: String,
    pub description: Option<String>,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object: a struct, with the members no property names in a flattened map when
    /// `additionalProperties` allows them.
    Struct {
        fields: Vec<FieldDefinition>,
        additional_properties: Option<AdditionalPropertiesField>,
    },
    /// A string enum; unknown values decode into `Unknown(String)`.
    StringEnum { values: Vec<EnumValue> },
    /// `oneOf`/`anyOf`: an enum with one variant per alternative.
    Union {
        variants: Vec<UnionVariant>,
        /// Dispatches on this property's value when every variant has a tag; tried in order
        /// (untagged) otherwise.
        discriminator: Option<String>,
    },
    /// Another name for a type (`pub type Tags = Vec<Tag>;`).
    Alias(RustType),
    /// A transparent newtype, for aliases that refer to themselves (`type Tree = Vec<Tree>` is
    /// not Rust).
    Newtype(RustType),
}

#[derive(Debug, Clone, PartialEq)]
pub struct AdditionalPropertiesField {
    pub rust_name: String,
    pub value_type: RustType,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumValue {
    /// The value on the wire.
    pub wire: String,
    pub rust_name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub rust_name: String,
    pub rust_type: RustType,
    /// The discriminator values that select this variant.
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldDefinition {
    /// The name on the wire.
    pub json_name: String,
    /// The Rust field name (snake case, keyword-safe, unique in its struct).
    pub rust_name: String,
    pub rust_type: RustType,
    /// The schema lists the field as required: it must be sent (and is always received).
    pub required: bool,
    /// `Option<T>` when the field may be absent or null.
    pub optional: bool,
    /// Description plus the constraints, as doc comment lines.
    pub documentation: Vec<String>,
    /// The field holds a secret (`format: password`): redacted in `Debug` output.
    pub is_secret: bool,
}

/// A Rust type, as the emitters print it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RustType {
    String,
    I32,
    I64,
    F32,
    F64,
    Bool,
    /// Any JSON value: untyped in the spec, or the lossless fallback.
    JsonValue,
    /// A free-form JSON object.
    JsonObject,
    /// Bytes as received or sent (binary bodies and multipart files).
    Bytes,
    Vec(Box<RustType>),
    /// A map from string keys.
    Map(Box<RustType>),
    /// A type that contains itself: boxed so it has a size.
    Boxed(Box<RustType>),
    Named(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct OperationDefinition {
    /// The operationId, or `METHOD /path` for an operation without one.
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
    /// How the `…_stream` method walks the pages (`x-pagination`), in `otc-client` only.
    pub pagination: Option<PaginationDefinition>,
}

impl OperationDefinition {
    /// Whether the client method takes a request argument (a request struct exists): only when
    /// the caller has parameters or a body to pass.
    pub fn takes_request_argument(&self) -> bool {
        !self.parameters.is_empty() || self.body.is_some()
    }

    /// Whether a `default` response covers every status the others do not, so the response
    /// enum has no `Unexpected` variant (the emitter and the contract driver both ask).
    pub fn has_default_response(&self) -> bool {
        self.responses
            .iter()
            .any(|response| response.status == ResponseStatus::Default)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterPlace {
    Path,
    Query,
    Header,
    Cookie,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParameterDefinition {
    pub wire_name: String,
    pub rust_name: String,
    pub place: ParameterPlace,
    pub rust_type: RustType,
    pub optional: bool,
    /// An array sent as one comma-separated value (path and header parameters, `explode:
    /// false` query parameters) rather than once per element.
    pub comma_separated: bool,
    pub documentation: Vec<String>,
}

impl ParameterDefinition {
    /// Whether the request field is `Option<T>`: an optional parameter, except an array, which
    /// is `Vec<T>` either way (empty means not sent).
    pub fn is_rust_option(&self) -> bool {
        self.optional && !matches!(self.rust_type, RustType::Vec(_))
    }
}

/// How a request body goes on the wire.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyEncoding {
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`, one part per field of the body struct.
    Multipart(Vec<MultipartField>),
    Text,
    Binary,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MultipartField {
    pub wire_name: String,
    pub rust_name: String,
    pub kind: MultipartKind,
    pub optional: bool,
    /// An array: one part per element.
    pub repeated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MultipartKind {
    Text,
    Bytes,
    /// Anything else, as a JSON part.
    Json,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BodyDefinition {
    pub rust_type: RustType,
    pub optional: bool,
    /// The media type as the spec names it (`application/json`, `image/png`).
    pub content_type: String,
    pub encoding: BodyEncoding,
    pub examples: Vec<ExampleDefinition>,
}

/// Which statuses a response variant stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseStatus {
    Code(u16),
    /// `4XX`: the first digit.
    Range(u16),
    Default,
}

/// How a response body is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyDecoding {
    Json,
    Text,
    Bytes,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResponseVariant {
    pub status: ResponseStatus,
    /// `Ok`, `NoContent`, `BadRequest`, `ClientError`, `Default`, …
    pub variant_name: String,
    /// For an exact success status (2xx): the method that takes this variant's body out of the
    /// response (`into_ok`, `into_no_content`), with the response as the error otherwise.
    pub success_accessor_name: Option<String>,
    pub description: String,
    pub body: Option<(RustType, BodyDecoding)>,
    pub examples: Vec<ExampleDefinition>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExampleDefinition {
    pub name: String,
    pub value: serde_json::Value,
}

/// Builds the intermediate form with `otc-client`'s settings.
pub fn build_service_module(document: &OpenAPI) -> Result<ServiceModule, Vec<GenerateError>> {
    build_module(document, &GenerateSettings::otc_client())
}

/// Builds the intermediate form. Every problem is collected; none is skipped silently.
pub fn build_module(
    document: &OpenAPI,
    settings: &GenerateSettings,
) -> Result<ServiceModule, Vec<GenerateError>> {
    let empty_components = Components::default();
    let components = document.components.as_ref().unwrap_or(&empty_components);
    let mut builder = Builder {
        components,
        settings,
        types: BTreeMap::new(),
        taken_type_names: RESERVED_TYPE_NAMES
            .iter()
            .map(|name| (*name).to_owned())
            .collect(),
        component_type_names: HashMap::new(),
        inline_types: HashMap::new(),
        inline_shapes: HashMap::new(),
        binary_strings: false,
        errors: Vec::new(),
        report: Vec::new(),
    };
    // Every component gets its name before any type is built, so a reference never depends on
    // the order in which types are met.
    for name in components.schemas.keys() {
        let rust_name = builder.allocate_type_name(name);
        builder.component_type_names.insert(name.clone(), rust_name);
    }
    for (name, schema) in &components.schemas {
        let pointer = format!("#/components/schemas/{}", escape_pointer(name));
        let rust_name = builder.component_type_names[name].clone();
        let definition = match schema {
            ReferenceOr::Item(schema) => builder.type_definition(&rust_name, schema, &pointer),
            ReferenceOr::Reference { reference } => {
                let target = builder.reference_type(reference, &pointer);
                TypeDefinition {
                    name: rust_name.clone(),
                    description: None,
                    kind: TypeKind::Alias(target),
                }
            }
        };
        builder.types.insert(rust_name, definition);
    }
    let mut operations = Vec::new();
    let mut taken_operation_names: HashSet<String> =
        ["new", "from_service_client", "service_client"]
            .iter()
            .map(|name| (*name).to_owned())
            .collect();
    let mut taken_operation_types: HashSet<String> = HashSet::new();
    // `x-pagination` extensions, read once every type is built: (operation index, extension,
    // its pointer).
    let mut paginated: Vec<(usize, Result<Pagination, serde_json::Error>, String)> = Vec::new();
    for (path, item) in &document.paths.paths {
        let path_pointer = format!("#/paths/{}", escape_pointer(path));
        let item = match item {
            ReferenceOr::Item(item) => item,
            ReferenceOr::Reference { reference } => {
                builder.unsupported(
                    &path_pointer,
                    format!("path item reference {reference}"),
                    "the path's operations are not generated",
                );
                continue;
            }
        };
        for (method, operation) in item.iter() {
            let pointer = format!("{path_pointer}/{method}");
            let naming = OperationNaming::new(
                operation.operation_id.as_deref(),
                method,
                path,
                &mut taken_operation_names,
                &mut taken_operation_types,
            );
            if let Some(definition) =
                builder.operation(path, method, item, operation, &pointer, naming)
            {
                if let Some(extension) = Pagination::read(&operation.extensions) {
                    paginated.push((
                        operations.len(),
                        extension,
                        format!("{pointer}/{}", Pagination::NAME),
                    ));
                }
                operations.push(definition);
            }
        }
    }
    let error_codes = builder.error_codes(document);
    builder.box_recursive_types();
    for (index, extension, pointer) in paginated {
        if builder.settings.runtime_api != RuntimeApi::OtcClient {
            // The item streams are built on otc-client's runtime; a standalone crate keeps
            // the one-page method.
            builder.report.push(CompletenessItem {
                pointer,
                reason: "x-pagination (item streams across pages)".to_owned(),
                fallback: "the operation's method, which returns one page".to_owned(),
            });
            continue;
        }
        let extension = match extension {
            Ok(extension) => extension,
            Err(error) => {
                builder.errors.push(GenerateError {
                    pointer,
                    message: format!("{} does not fit its type: {error}", Pagination::NAME),
                });
                continue;
            }
        };
        let operation = &operations[index];
        let mut unique_method_name = |base: String| {
            let mut name = base;
            while !taken_operation_names.insert(name.clone()) {
                name.push('_');
            }
            name
        };
        let stream_method_name = unique_method_name(format!("{}_stream", operation.method_name));
        let send_method_name = unique_method_name(format!("send_{}", operation.method_name));
        match pagination_definition(
            &extension,
            &pointer,
            operation,
            &builder.types,
            stream_method_name,
            send_method_name,
        ) {
            Ok(definition) => operations[index].pagination = Some(definition),
            Err(errors) => builder.errors.extend(errors),
        }
    }
    if !builder.errors.is_empty() {
        return Err(builder.errors);
    }
    let mut report = builder.report;
    report.sort();
    report.dedup();
    let first_server = document.servers.first();
    Ok(ServiceModule {
        error_codes,
        title: document.info.title.clone(),
        server_url_template: first_server
            .map(|server| server.url.clone())
            .unwrap_or_default(),
        default_server_url: first_server.map(|server| {
            let mut url = server.url.clone();
            for (name, variable) in server.variables.iter().flatten() {
                url = url.replace(&format!("{{{name}}}"), &variable.default);
            }
            url
        }),
        types: builder.types,
        operations,
        report,
    })
}

/// Type names the generated code uses unqualified (serde's `skip_serializing_if =
/// "Option::is_none"`) or that cannot be type names.
const RESERVED_TYPE_NAMES: [&str; 6] = ["Option", "Result", "String", "Vec", "Box", "Self"];

/// The Rust names of one operation, unique across the module.
struct OperationNaming {
    operation_id: String,
    method_name: String,
    type_prefix: String,
}

impl OperationNaming {
    fn new(
        operation_id: Option<&str>,
        method: &str,
        path: &str,
        taken_method_names: &mut HashSet<String>,
        taken_type_prefixes: &mut HashSet<String>,
    ) -> OperationNaming {
        // Without an operationId the name comes from method and path, which are unique
        // together, so the name is stable as long as the operation exists.
        let (operation_id, base) = match operation_id {
            Some(operation_id) if !snake_case(operation_id).is_empty() => {
                (operation_id.to_owned(), operation_id.to_owned())
            }
            _ => (
                format!("{} {path}", method.to_ascii_uppercase()),
                format!("{method} {path}"),
            ),
        };
        let base_method = field_name(&base);
        let base_type = type_name(&base);
        let mut method_name = base_method.clone();
        let mut type_prefix = base_type.clone();
        let mut counter = 2;
        while taken_method_names.contains(&method_name)
            || taken_type_prefixes.contains(&type_prefix)
        {
            method_name = format!("{base_method}_{counter}");
            type_prefix = format!("{base_type}{counter}");
            counter += 1;
        }
        taken_method_names.insert(method_name.clone());
        taken_type_prefixes.insert(type_prefix.clone());
        OperationNaming {
            operation_id,
            method_name,
            type_prefix,
        }
    }
}

/// A schema or a reference to one, borrowed (the spec is never cloned).
#[derive(Clone, Copy)]
enum SchemaRef<'a> {
    Reference(&'a str),
    Item(&'a Schema),
}

impl<'a> SchemaRef<'a> {
    fn of(schema: &'a ReferenceOr<Schema>) -> SchemaRef<'a> {
        match schema {
            ReferenceOr::Item(schema) => SchemaRef::Item(schema),
            ReferenceOr::Reference { reference } => SchemaRef::Reference(reference),
        }
    }

    fn of_boxed(schema: &'a ReferenceOr<Box<Schema>>) -> SchemaRef<'a> {
        match schema {
            ReferenceOr::Item(schema) => SchemaRef::Item(schema),
            ReferenceOr::Reference { reference } => SchemaRef::Reference(reference),
        }
    }

    fn item(self) -> Option<&'a Schema> {
        match self {
            SchemaRef::Item(schema) => Some(schema),
            SchemaRef::Reference(_) => None,
        }
    }
}

/// An object's members, gathered from `properties` (and from every part of an `allOf`).
struct ObjectShape<'a> {
    /// (wire name, schema, pointer, owner type name for inline names)
    properties: Vec<(&'a str, SchemaRef<'a>, String, String)>,
    required: BTreeSet<&'a str>,
    additional: Option<(Option<SchemaRef<'a>>, String, String)>,
}

struct Builder<'a> {
    components: &'a Components,
    settings: &'a GenerateSettings,
    types: BTreeMap<String, TypeDefinition>,
    taken_type_names: HashSet<String>,
    /// Component schema key → Rust name.
    component_type_names: HashMap<String, String>,
    /// Inline schemas already given a type, by JSON pointer (a component parameter or
    /// response is met once per operation that refers to it).
    inline_types: HashMap<String, RustType>,
    /// Inline schemas already given a type, by their JSON text.
    inline_shapes: HashMap<String, RustType>,
    /// Inside a multipart body: `format: binary` strings are bytes, not text.
    binary_strings: bool,
    errors: Vec<GenerateError>,
    report: Vec<CompletenessItem>,
}

const MAX_REFERENCE_DEPTH: usize = 32;

/// What a schema is, for choosing its Rust type.
enum Shape<'a> {
    Scalar(RustType),
    StringEnum(Vec<String>),
    Array(Option<SchemaRef<'a>>),
    /// An object without properties: a map of `additionalProperties` (`None`: any value).
    Map(Option<SchemaRef<'a>>),
    /// An object with properties.
    Object,
    /// `allOf` parts, with sibling properties or not.
    AllOf(&'a [ReferenceOr<Schema>], bool),
    /// `oneOf` (false) or `anyOf` (true) alternatives.
    Union(&'a [ReferenceOr<Schema>], bool),
    Not,
    Any,
}

fn shape_of(schema: &Schema) -> Shape<'_> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => {
            let values: Vec<String> = string.enumeration.iter().flatten().cloned().collect();
            if values.is_empty() {
                Shape::Scalar(RustType::String)
            } else {
                Shape::StringEnum(values)
            }
        }
        SchemaKind::Type(Type::Boolean(_)) => Shape::Scalar(RustType::Bool),
        SchemaKind::Type(Type::Integer(integer)) => Shape::Scalar(match &integer.format {
            VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => RustType::I32,
            _ => RustType::I64,
        }),
        SchemaKind::Type(Type::Number(number)) => Shape::Scalar(match &number.format {
            VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Float) => RustType::F32,
            _ => RustType::F64,
        }),
        SchemaKind::Type(Type::Array(array)) => {
            Shape::Array(array.items.as_ref().map(SchemaRef::of_boxed))
        }
        SchemaKind::Type(Type::Object(object)) => {
            if object.properties.is_empty() {
                Shape::Map(additional_schema(&object.additional_properties))
            } else {
                Shape::Object
            }
        }
        SchemaKind::AllOf { all_of } => Shape::AllOf(all_of, false),
        SchemaKind::OneOf { one_of } => Shape::Union(one_of, false),
        SchemaKind::AnyOf { any_of } => Shape::Union(any_of, true),
        SchemaKind::Not { .. } => Shape::Not,
        SchemaKind::Any(any) => {
            if !any.all_of.is_empty() {
                Shape::AllOf(&any.all_of, !any.properties.is_empty())
            } else if !any.one_of.is_empty() {
                Shape::Union(&any.one_of, false)
            } else if !any.any_of.is_empty() {
                Shape::Union(&any.any_of, true)
            } else if !any.properties.is_empty() {
                Shape::Object
            } else if any.additional_properties.is_some() || any.typ.as_deref() == Some("object") {
                Shape::Map(additional_schema(&any.additional_properties))
            } else if any.not.is_some() {
                Shape::Not
            } else {
                match any.typ.as_deref() {
                    Some("string") => {
                        let values: Vec<String> = any
                            .enumeration
                            .iter()
                            .filter_map(|value| value.as_str().map(str::to_owned))
                            .collect();
                        if values.is_empty() {
                            Shape::Scalar(RustType::String)
                        } else {
                            Shape::StringEnum(values)
                        }
                    }
                    Some("integer") => Shape::Scalar(match any.format.as_deref() {
                        Some("int32") => RustType::I32,
                        _ => RustType::I64,
                    }),
                    Some("number") => Shape::Scalar(match any.format.as_deref() {
                        Some("float") => RustType::F32,
                        _ => RustType::F64,
                    }),
                    Some("boolean") => Shape::Scalar(RustType::Bool),
                    Some("array") => Shape::Array(any.items.as_ref().map(SchemaRef::of_boxed)),
                    _ => Shape::Any,
                }
            }
        }
    }
}

fn additional_schema(additional: &Option<AdditionalProperties>) -> Option<SchemaRef<'_>> {
    match additional {
        Some(AdditionalProperties::Schema(schema)) => Some(SchemaRef::of(schema)),
        _ => None,
    }
}

/// A schema that says nothing about the value (only a description, `nullable`, an example):
/// an `allOf` part that adds no members.
fn is_empty_schema(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Any(any) => {
            any.typ.is_none()
                && any.properties.is_empty()
                && any.additional_properties.is_none()
                && any.all_of.is_empty()
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.not.is_none()
                && any.items.is_none()
                && any.enumeration.is_empty()
        }
        _ => false,
    }
}

/// A string schema with `format: binary`.
fn is_binary_string(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => matches!(
            &string.format,
            VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary)
        ),
        SchemaKind::Any(any) => {
            any.typ.as_deref() == Some("string") && any.format.as_deref() == Some("binary")
        }
        _ => false,
    }
}

/// The kinds of media types, in the order a body's media type is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum MediaKind {
    Json,
    Form,
    Multipart,
    Text,
    Binary,
}

fn media_kind(media_type: &str) -> MediaKind {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") || essence == "text/json" {
        MediaKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        MediaKind::Form
    } else if essence == "multipart/form-data" {
        MediaKind::Multipart
    } else if essence.starts_with("text/") {
        MediaKind::Text
    } else {
        MediaKind::Binary
    }
}

/// The media type a body is generated for: JSON first, then form, multipart, text, bytes.
fn choose_media_type(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
) -> Option<(&String, &openapiv3::MediaType, MediaKind)> {
    content
        .iter()
        .map(|(name, media)| (name, media, media_kind(name)))
        .min_by_key(|(_, _, kind)| *kind)
}

/// The constant name of an error code: `DCS.4001` → `DCS_4001`, a leading digit prefixed with
/// `CODE_`.
fn error_code_constant_name(error_code: &str) -> String {
    let mut name: String = error_code
        .chars()
        .map(|character| {
            if character.is_ascii_alphanumeric() {
                character.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if !name.starts_with(|character: char| character.is_ascii_alphabetic()) {
        name = format!("CODE_{name}");
    }
    name
}

impl<'a> Builder<'a> {
    /// Reads `x-error-codes`: entries with `error_code` and, when the appendix gives one, a
    /// `status_code`; the docs' other columns by name (`error_message`/`message`,
    /// `description`/`possible_cause`, `solution`/`measure`), anything else kept as is.
    fn error_codes(&mut self, document: &OpenAPI) -> Vec<ErrorCodeDefinition> {
        let pointer = format!("#/{}", ErrorCodes::NAME);
        let entries = match ErrorCodes::read(&document.extensions) {
            None => return Vec::new(),
            Some(Ok(ErrorCodes(entries))) => entries,
            Some(Err(error)) => {
                self.error(&pointer, format!("does not fit its type: {error}"));
                return Vec::new();
            }
        };
        const NAMED_COLUMNS: [&str; 7] = [
            "error_message",
            "message",
            "description",
            "possible_cause",
            "solution",
            "measure",
            "handling_measure",
        ];
        // Constant names by code, in the docs' order; a second code with the same name (`A.1`
        // and `A_1`) is numbered and reported, never dropped.
        let mut constant_names: Vec<(String, String)> = Vec::new();
        let mut definitions: Vec<ErrorCodeDefinition> = entries
            .into_iter()
            .map(|entry| {
                let text = |keys: &[&str]| {
                    keys.iter()
                        .find_map(|key| entry.columns.get(*key).and_then(serde_json::Value::as_str))
                        .map(str::to_owned)
                };
                let other = entry
                    .columns
                    .iter()
                    .filter(|(key, _)| !NAMED_COLUMNS.contains(&key.as_str()))
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
                ErrorCodeDefinition {
                    status_code: entry.status_code,
                    error_code: entry.error_code.clone(),
                    constant_name: String::new(),
                    first_of_its_code: false,
                    message: text(&["error_message", "message"]),
                    description: text(&["description", "possible_cause"]),
                    solution: text(&["solution", "measure", "handling_measure"]),
                    other,
                }
            })
            .collect();
        for (index, definition) in definitions.iter_mut().enumerate() {
            if let Some((_, name)) = constant_names
                .iter()
                .find(|(code, _)| *code == definition.error_code)
            {
                definition.constant_name = name.clone();
                continue;
            }
            let base = error_code_constant_name(&definition.error_code);
            let mut name = base.clone();
            let mut counter = 2;
            while constant_names.iter().any(|(_, taken)| *taken == name) {
                name = format!("{base}_{counter}");
                counter += 1;
            }
            if name != base {
                self.unsupported(
                    &format!("{pointer}/{index}/error_code"),
                    format!(
                        "error code {:?} with the constant name {base} of another code",
                        definition.error_code
                    ),
                    &format!("the constant {name}"),
                );
            }
            definition.constant_name = name.clone();
            definition.first_of_its_code = true;
            constant_names.push((definition.error_code.clone(), name));
        }
        definitions
    }

    fn error(&mut self, pointer: &str, message: impl Into<String>) {
        self.errors.push(GenerateError {
            pointer: pointer.to_owned(),
            message: message.into(),
        });
    }

    /// Something not supported: a report item with its fallback, or in strict mode an error.
    fn unsupported(&mut self, pointer: &str, reason: impl Into<String>, fallback: &str) {
        let reason = reason.into();
        if self.settings.strict {
            self.error(pointer, format!("{reason} is not supported"));
        } else {
            self.report.push(CompletenessItem {
                pointer: pointer.to_owned(),
                reason,
                fallback: fallback.to_owned(),
            });
        }
    }

    fn allocate_type_name(&mut self, hint: &str) -> String {
        let base = type_name(hint);
        let mut candidate = base.clone();
        let mut counter = 2;
        while self.taken_type_names.contains(&candidate) {
            candidate = format!("{base}{counter}");
            counter += 1;
        }
        self.taken_type_names.insert(candidate.clone());
        candidate
    }

    /// The type a `$ref` stands for: a component schema's type, or the lossless fallback.
    fn reference_type(&mut self, reference: &str, pointer: &str) -> RustType {
        let name = reference
            .strip_prefix("#/components/schemas/")
            .map(unescape_pointer);
        match name.and_then(|name| self.component_type_names.get(&name)) {
            Some(rust_name) => RustType::Named(rust_name.clone()),
            None => {
                self.unsupported(
                    pointer,
                    format!("reference {reference} (not a component schema of this document)"),
                    "serde_json::Value",
                );
                RustType::JsonValue
            }
        }
    }

    /// Follows references to the component schema they end at: the schema, its pointer and
    /// its Rust name.
    fn resolve_schema(&self, schema: SchemaRef<'a>) -> Option<(&'a Schema, String, String)> {
        let SchemaRef::Reference(reference) = schema else {
            return None;
        };
        let (schema, key) = follow_reference(reference, "#/components/schemas/", |name| {
            self.components.schemas.get_key_value(name)
        })
        .ok()?;
        Some((
            schema,
            format!("#/components/schemas/{}", escape_pointer(key)),
            self.component_type_names.get(key)?.clone(),
        ))
    }

    fn is_nullable(&self, schema: SchemaRef<'a>) -> bool {
        match schema {
            SchemaRef::Item(schema) => schema.schema_data.nullable,
            SchemaRef::Reference(_) => self
                .resolve_schema(schema)
                .is_some_and(|(schema, _, _)| schema.schema_data.nullable),
        }
    }

    /// The definition of a named type (a component, or an inline schema given a name).
    fn type_definition(
        &mut self,
        rust_name: &str,
        schema: &'a Schema,
        pointer: &str,
    ) -> TypeDefinition {
        let description = schema.schema_data.description.clone();
        let kind = match self.direct_type(schema, rust_name, pointer) {
            Some(rust_type) => TypeKind::Alias(rust_type),
            None => self.named_kind(rust_name, schema, pointer),
        };
        if schema.schema_data.discriminator.is_some() && !matches!(kind, TypeKind::Union { .. }) {
            self.unsupported(
                &format!("{pointer}/discriminator"),
                "a discriminator without oneOf/anyOf (polymorphism through allOf)",
                "the type decodes its own properties; a subtype's other members are not kept",
            );
        }
        TypeDefinition {
            name: rust_name.to_owned(),
            description,
            kind,
        }
    }

    /// The Rust type of a schema that needs no name of its own (scalars, arrays, maps, a
    /// single `allOf` part), or `None` when it needs a named type.
    fn direct_type(&mut self, schema: &'a Schema, hint: &str, pointer: &str) -> Option<RustType> {
        match shape_of(schema) {
            Shape::Scalar(RustType::String) if self.binary_strings && is_binary_string(schema) => {
                Some(RustType::Bytes)
            }
            Shape::Scalar(rust_type) => Some(rust_type),
            Shape::StringEnum(_) | Shape::Object => None,
            Shape::Array(items) => Some(RustType::Vec(Box::new(match items {
                Some(items) => {
                    self.rust_type(items, &format!("{hint}Item"), &format!("{pointer}/items"))
                }
                None => RustType::JsonValue,
            }))),
            Shape::Map(None) => Some(RustType::JsonObject),
            Shape::Map(Some(value)) => Some(RustType::Map(Box::new(self.rust_type(
                value,
                &format!("{hint}Value"),
                &format!("{pointer}/additionalProperties"),
            )))),
            Shape::AllOf(parts, has_properties) => {
                let meaningful: Vec<(usize, &'a ReferenceOr<Schema>)> = parts
                    .iter()
                    .enumerate()
                    .filter(|(_, part)| !matches!(part, ReferenceOr::Item(part) if is_empty_schema(part)))
                    .collect();
                if !has_properties && meaningful.len() == 1 {
                    let (index, part) = meaningful[0];
                    return Some(self.rust_type(
                        SchemaRef::of(part),
                        hint,
                        &format!("{pointer}/allOf/{index}"),
                    ));
                }
                let mut shape = ObjectShape {
                    properties: Vec::new(),
                    required: BTreeSet::new(),
                    additional: None,
                };
                if self.gather_object(schema, pointer, hint, &mut shape, 0) {
                    None
                } else {
                    self.unsupported(
                        pointer,
                        "allOf of parts that are not all objects",
                        "serde_json::Value",
                    );
                    Some(RustType::JsonValue)
                }
            }
            Shape::Union(parts, _) if parts.len() == 1 => {
                let key = if matches!(schema.schema_kind, SchemaKind::AnyOf { .. }) {
                    "anyOf"
                } else {
                    "oneOf"
                };
                Some(self.rust_type(
                    SchemaRef::of(&parts[0]),
                    hint,
                    &format!("{pointer}/{key}/0"),
                ))
            }
            Shape::Union(..) => None,
            Shape::Not => {
                self.unsupported(pointer, "a `not` schema", "serde_json::Value");
                Some(RustType::JsonValue)
            }
            Shape::Any => Some(RustType::JsonValue),
        }
    }

    /// The kind of a type that needs a name: struct, string enum or union.
    fn named_kind(&mut self, rust_name: &str, schema: &'a Schema, pointer: &str) -> TypeKind {
        match shape_of(schema) {
            Shape::StringEnum(values) => TypeKind::StringEnum {
                values: enum_values(&values),
            },
            Shape::Union(parts, any_of) => {
                self.union_kind(rust_name, schema, parts, any_of, pointer)
            }
            _ => {
                let mut shape = ObjectShape {
                    properties: Vec::new(),
                    required: BTreeSet::new(),
                    additional: None,
                };
                self.gather_object(schema, pointer, rust_name, &mut shape, 0);
                self.struct_kind(shape)
            }
        }
    }

    /// Gathers an object's members, following `allOf` parts and references; false when a part
    /// is not an object.
    fn gather_object(
        &self,
        schema: &'a Schema,
        pointer: &str,
        owner: &str,
        shape: &mut ObjectShape<'a>,
        depth: usize,
    ) -> bool {
        if depth > MAX_REFERENCE_DEPTH {
            return false;
        }
        let add_properties =
            |properties: &'a indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
             required: &'a [String],
             additional: &'a Option<AdditionalProperties>,
             shape: &mut ObjectShape<'a>| {
                for (name, property) in properties {
                    if shape
                        .properties
                        .iter()
                        .any(|(existing, ..)| *existing == name.as_str())
                    {
                        continue;
                    }
                    shape.properties.push((
                        name.as_str(),
                        SchemaRef::of_boxed(property),
                        format!("{pointer}/properties/{}", escape_pointer(name)),
                        owner.to_owned(),
                    ));
                }
                shape.required.extend(required.iter().map(String::as_str));
                match additional {
                    Some(AdditionalProperties::Any(true)) if shape.additional.is_none() => {
                        shape.additional = Some((
                            None,
                            format!("{pointer}/additionalProperties"),
                            owner.to_owned(),
                        ));
                    }
                    Some(AdditionalProperties::Schema(value)) if shape.additional.is_none() => {
                        shape.additional = Some((
                            Some(SchemaRef::of(value)),
                            format!("{pointer}/additionalProperties"),
                            owner.to_owned(),
                        ));
                    }
                    _ => {}
                }
            };
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                add_properties(
                    &object.properties,
                    &object.required,
                    &object.additional_properties,
                    shape,
                );
                true
            }
            SchemaKind::AllOf { all_of } => self.gather_parts(all_of, pointer, owner, shape, depth),
            SchemaKind::Any(any) => {
                if !any.one_of.is_empty()
                    || !any.any_of.is_empty()
                    || any.typ.as_deref().is_some_and(|typ| typ != "object")
                {
                    return false;
                }
                add_properties(
                    &any.properties,
                    &any.required,
                    &any.additional_properties,
                    shape,
                );
                self.gather_parts(&any.all_of, pointer, owner, shape, depth)
            }
            _ => false,
        }
    }

    fn gather_parts(
        &self,
        parts: &'a [ReferenceOr<Schema>],
        pointer: &str,
        owner: &str,
        shape: &mut ObjectShape<'a>,
        depth: usize,
    ) -> bool {
        for (index, part) in parts.iter().enumerate() {
            let merged = match part {
                ReferenceOr::Item(part) => {
                    is_empty_schema(part)
                        || self.gather_object(
                            part,
                            &format!("{pointer}/allOf/{index}"),
                            owner,
                            shape,
                            depth + 1,
                        )
                }
                ReferenceOr::Reference { .. } => match self.resolve_schema(SchemaRef::of(part)) {
                    Some((target, target_pointer, target_name)) => {
                        self.gather_object(target, &target_pointer, &target_name, shape, depth + 1)
                    }
                    None => false,
                },
            };
            if !merged {
                return false;
            }
        }
        true
    }

    fn struct_kind(&mut self, shape: ObjectShape<'a>) -> TypeKind {
        let mut fields: Vec<FieldDefinition> = Vec::new();
        for (json_name, property, pointer, owner) in shape.properties {
            let rust_type = self.rust_type(
                property,
                &format!("{owner}{}", pascal_case(json_name)),
                &pointer,
            );
            let mut rust_name = field_name(json_name);
            while fields.iter().any(|field| field.rust_name == rust_name) {
                rust_name.push('_');
            }
            let is_secret = property.item().is_some_and(|schema| {
                matches!(&schema.schema_kind, SchemaKind::Type(Type::String(string))
                    if string.format == VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Password))
            });
            fields.push(FieldDefinition {
                is_secret,
                json_name: json_name.to_owned(),
                rust_name,
                rust_type,
                required: shape.required.contains(json_name),
                optional: !shape.required.contains(json_name) || self.is_nullable(property),
                documentation: property.item().map(documentation_lines).unwrap_or_default(),
            });
        }
        let additional_properties = shape.additional.map(|(value, pointer, owner)| {
            let value_type = match value {
                Some(value) => self.rust_type(value, &format!("{owner}Value"), &pointer),
                None => RustType::JsonValue,
            };
            let mut rust_name = "additional_properties".to_owned();
            while fields.iter().any(|field| field.rust_name == rust_name) {
                rust_name.push('_');
            }
            AdditionalPropertiesField {
                rust_name,
                value_type,
            }
        });
        TypeKind::Struct {
            fields,
            additional_properties,
        }
    }

    fn union_kind(
        &mut self,
        rust_name: &str,
        schema: &'a Schema,
        parts: &'a [ReferenceOr<Schema>],
        any_of: bool,
        pointer: &str,
    ) -> TypeKind {
        let key = if any_of { "anyOf" } else { "oneOf" };
        let mut variants: Vec<UnionVariant> = Vec::new();
        let mut component_keys: Vec<Option<String>> = Vec::new();
        for (index, part) in parts.iter().enumerate() {
            let part_pointer = format!("{pointer}/{key}/{index}");
            let component_key = match part {
                ReferenceOr::Reference { reference } => reference
                    .strip_prefix("#/components/schemas/")
                    .map(unescape_pointer),
                ReferenceOr::Item(_) => None,
            };
            let rust_type = self.rust_type(
                SchemaRef::of(part),
                &format!("{rust_name}Variant{}", index + 1),
                &part_pointer,
            );
            // The same schema listed twice (one `$ref` twice, or two identical inline schemas)
            // is one alternative: two variants of one type could never both be told apart.
            if variants
                .iter()
                .any(|variant| variant.rust_type == rust_type)
            {
                self.unsupported(
                    &part_pointer,
                    "an alternative that repeats an earlier one",
                    "one variant for both",
                );
                continue;
            }
            let base = variant_name_of(&rust_type);
            let mut variant_name = base.clone();
            let mut counter = 2;
            while variant_name == "Unknown"
                || variants
                    .iter()
                    .any(|variant| variant.rust_name == variant_name)
            {
                variant_name = format!("{base}{counter}");
                counter += 1;
            }
            variants.push(UnionVariant {
                rust_name: variant_name,
                rust_type,
                tags: Vec::new(),
            });
            component_keys.push(component_key);
        }
        let Some(discriminator) = &schema.schema_data.discriminator else {
            return TypeKind::Union {
                variants: self.untagged_order(variants),
                discriminator: None,
            };
        };
        for (value, target) in &discriminator.mapping {
            let target = target
                .strip_prefix("#/components/schemas/")
                .map(unescape_pointer)
                .unwrap_or_else(|| target.clone());
            for (variant, key) in variants.iter_mut().zip(&component_keys) {
                if key.as_deref() == Some(target.as_str()) {
                    variant.tags.push(value.clone());
                }
            }
        }
        for (variant, key) in variants.iter_mut().zip(&component_keys) {
            if variant.tags.is_empty() {
                if let Some(key) = key {
                    variant.tags.push(key.clone());
                }
            }
        }
        if variants.iter().any(|variant| variant.tags.is_empty()) {
            self.unsupported(
                &format!("{pointer}/discriminator"),
                "a discriminator with inline alternatives (no schema name to match)",
                "the alternatives are tried in order (untagged)",
            );
            return TypeKind::Union {
                variants: self.untagged_order(variants),
                discriminator: None,
            };
        }
        TypeKind::Union {
            variants,
            discriminator: Some(discriminator.property_name.clone()),
        }
    }

    /// Untagged alternatives in the order serde should try them: by JSON kind, scalars and
    /// arrays before objects, because a derived struct also decodes from an array (its fields
    /// by position), and any value last. Within a kind, the spec's order.
    fn untagged_order(&self, mut variants: Vec<UnionVariant>) -> Vec<UnionVariant> {
        variants.sort_by_key(|variant| self.json_kind_rank(&variant.rust_type, 0));
        variants
    }

    fn json_kind_rank(&self, rust_type: &RustType, depth: usize) -> u8 {
        match rust_type {
            RustType::Bool => 0,
            RustType::I32 | RustType::I64 => 1,
            RustType::F32 | RustType::F64 => 2,
            RustType::String | RustType::Bytes => 3,
            RustType::Vec(_) => 4,
            RustType::Map(_) | RustType::JsonObject => 5,
            RustType::JsonValue => 6,
            RustType::Boxed(inner) => self.json_kind_rank(inner, depth),
            RustType::Named(name) if depth < MAX_REFERENCE_DEPTH => {
                match self.types.get(name).map(|definition| &definition.kind) {
                    Some(TypeKind::StringEnum { .. }) => 3,
                    Some(TypeKind::Alias(target)) | Some(TypeKind::Newtype(target)) => {
                        self.json_kind_rank(target, depth + 1)
                    }
                    _ => 5,
                }
            }
            RustType::Named(_) => 5,
        }
    }

    /// The Rust type of a schema. Inline schemas that need a name (objects, string enums,
    /// unions) become named types called after where they occur.
    fn rust_type(&mut self, schema: SchemaRef<'a>, hint: &str, pointer: &str) -> RustType {
        let schema = match schema {
            SchemaRef::Reference(reference) => return self.reference_type(reference, pointer),
            SchemaRef::Item(schema) => schema,
        };
        if let Some(known) = self.inline_types.get(pointer) {
            return known.clone();
        }
        let rust_type = match self.direct_type(schema, hint, pointer) {
            Some(rust_type) => rust_type,
            None => {
                // The same inline schema written out again elsewhere (huge specs repeat their
                // error bodies and enums hundreds of times) is the same type: one definition,
                // named after where it occurs first.
                let key = format!(
                    "{}{}",
                    self.binary_strings,
                    serde_json::to_string(schema).unwrap_or_else(|_| pointer.to_owned())
                );
                if let Some(known) = self.inline_shapes.get(&key) {
                    let known = known.clone();
                    self.inline_types.insert(pointer.to_owned(), known.clone());
                    return known;
                }
                let name = self.allocate_type_name(hint);
                self.inline_shapes
                    .insert(key, RustType::Named(name.clone()));
                // Registered before it is built, so a schema met again while building it
                // (through a component parameter) finds it.
                self.inline_types
                    .insert(pointer.to_owned(), RustType::Named(name.clone()));
                let definition = self.type_definition(&name, schema, pointer);
                self.types.insert(name.clone(), definition);
                RustType::Named(name)
            }
        };
        self.inline_types
            .insert(pointer.to_owned(), rust_type.clone());
        rust_type
    }

    /// Whether a type can be sent as one parameter value (it implements `Display`).
    fn is_parameter_scalar(&self, rust_type: &RustType, depth: usize) -> bool {
        match rust_type {
            RustType::String
            | RustType::I32
            | RustType::I64
            | RustType::F32
            | RustType::F64
            | RustType::Bool => true,
            RustType::Named(name) if depth < MAX_REFERENCE_DEPTH => {
                match self.types.get(name).map(|definition| &definition.kind) {
                    Some(TypeKind::StringEnum { .. }) => true,
                    Some(TypeKind::Alias(target)) => self.is_parameter_scalar(target, depth + 1),
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// Follows a parameter, request body or response reference to its component: the item,
    /// its pointer and its component name.
    fn resolve_component<T>(
        &mut self,
        item: &'a ReferenceOr<T>,
        pointer: &str,
        kind: &str,
        components: &'a indexmap::IndexMap<String, ReferenceOr<T>>,
    ) -> Option<(&'a T, String, Option<String>)> {
        let component_pointer =
            |key: &String| format!("#/components/{kind}/{}", escape_pointer(key));
        match follow_references(item, &format!("#/components/{kind}/"), |name| {
            components.get_key_value(name)
        }) {
            Ok((item, None)) => Some((item, pointer.to_owned(), None)),
            Ok((item, Some(key))) => Some((item, component_pointer(key), Some(key.clone()))),
            Err(ReferenceFailure::NotAComponent {
                reference,
                in_component,
            }) => {
                // Reported where the reference is written: the item, or the component that
                // holds it.
                let place = in_component.map_or_else(|| pointer.to_owned(), component_pointer);
                self.unsupported(
                    &place,
                    format!("reference {reference} (not a component of this document)"),
                    "left out",
                );
                None
            }
            Err(ReferenceFailure::Cycle) => {
                self.unsupported(pointer, "a reference cycle", "left out");
                None
            }
        }
    }

    fn operation(
        &mut self,
        path: &str,
        method: &str,
        item: &'a openapiv3::PathItem,
        operation: &'a openapiv3::Operation,
        pointer: &str,
        naming: OperationNaming,
    ) -> Option<OperationDefinition> {
        let type_prefix = naming.type_prefix.clone();
        let path_pointer = pointer
            .rsplit_once('/')
            .map(|(path, _)| path)
            .unwrap_or(pointer)
            .to_owned();
        // Path-level parameters first; an operation's parameter replaces the path-level one
        // with the same name and place.
        let mut resolved: Vec<(&'a Parameter, String, Option<String>)> = Vec::new();
        let listed = item
            .parameters
            .iter()
            .enumerate()
            .map(|(index, parameter)| (parameter, format!("{path_pointer}/parameters/{index}")))
            .chain(
                operation
                    .parameters
                    .iter()
                    .enumerate()
                    .map(|(index, parameter)| (parameter, format!("{pointer}/parameters/{index}"))),
            )
            .collect::<Vec<_>>();
        for (parameter, parameter_pointer) in listed {
            let Some((parameter, parameter_pointer, component)) = self.resolve_component(
                parameter,
                &parameter_pointer,
                "parameters",
                &self.components.parameters,
            ) else {
                continue;
            };
            let same = |existing: &&'a Parameter| {
                existing.parameter_data_ref().name == parameter.parameter_data_ref().name
                    && std::mem::discriminant(*existing) == std::mem::discriminant(parameter)
            };
            match resolved.iter().position(|(existing, ..)| same(existing)) {
                Some(position) => resolved[position] = (parameter, parameter_pointer, component),
                None => resolved.push((parameter, parameter_pointer, component)),
            }
        }
        let mut taken_field_names: HashSet<String> = ["body".to_owned()].into();
        let mut parameters = Vec::new();
        for (parameter, parameter_pointer, component) in resolved {
            if let Some(definition) = self.parameter(
                parameter,
                &parameter_pointer,
                component.as_deref(),
                &type_prefix,
                &mut taken_field_names,
            ) {
                parameters.push(definition);
            }
        }
        // A variable of the path template that no parameter declares (a mistake in the spec)
        // still needs a value, or every call would fail.
        for variable in path_template_variables(path).into_iter().map(str::to_owned) {
            let declared = parameters.iter().any(|parameter: &ParameterDefinition| {
                parameter.place == ParameterPlace::Path && parameter.wire_name == variable
            }) || self.settings.client_path_parameters.contains(&variable);
            if declared {
                continue;
            }
            self.unsupported(
                pointer,
                "a path template variable that no parameter declares",
                "a String field, sent as given",
            );
            let mut rust_name = field_name(&variable);
            while taken_field_names.contains(&rust_name) {
                rust_name.push('_');
            }
            taken_field_names.insert(rust_name.clone());
            parameters.push(ParameterDefinition {
                documentation: vec![
                    "Not declared in the API description; it fills the path template.".to_owned(),
                ],
                wire_name: variable,
                rust_name,
                place: ParameterPlace::Path,
                rust_type: RustType::String,
                optional: false,
                comma_separated: false,
            });
        }
        let body = match &operation.request_body {
            None => None,
            Some(body) => {
                let body_pointer = format!("{pointer}/requestBody");
                self.resolve_component(
                    body,
                    &body_pointer,
                    "requestBodies",
                    &self.components.request_bodies,
                )
                .and_then(|(body, body_pointer, component)| {
                    let hint = match &component {
                        Some(component) => format!("{}Body", type_name(component)),
                        None => format!("{type_prefix}RequestBody"),
                    };
                    self.request_body(body, &body_pointer, &hint)
                })
            }
        };
        let mut responses = Vec::new();
        let mut listed_responses: Vec<(ResponseStatus, &'a ReferenceOr<Response>, String)> =
            Vec::new();
        for (status, response) in &operation.responses.responses {
            let (status, key) = match status {
                StatusCode::Code(code) => (ResponseStatus::Code(*code), code.to_string()),
                StatusCode::Range(digit) => (ResponseStatus::Range(*digit), format!("{digit}XX")),
            };
            listed_responses.push((status, response, format!("{pointer}/responses/{key}")));
        }
        if let Some(default) = &operation.responses.default {
            listed_responses.push((
                ResponseStatus::Default,
                default,
                format!("{pointer}/responses/default"),
            ));
        }
        for (status, response, response_pointer) in listed_responses {
            let Some((response, response_pointer, component)) = self.resolve_component(
                response,
                &response_pointer,
                "responses",
                &self.components.responses,
            ) else {
                continue;
            };
            let variant_name = match status {
                ResponseStatus::Code(code) => status_name(code),
                ResponseStatus::Range(digit) => range_name(digit),
                ResponseStatus::Default => "Default".to_owned(),
            };
            let hint = match &component {
                Some(component) => format!("{}Body", type_name(component)),
                None => format!("{type_prefix}{variant_name}Body"),
            };
            let (body, examples) = self.response_body(response, &response_pointer, &hint);
            let success_accessor_name = match status {
                ResponseStatus::Code(200..=299) => {
                    Some(format!("into_{}", snake_case(&variant_name)))
                }
                _ => None,
            };
            responses.push(ResponseVariant {
                status,
                variant_name,
                success_accessor_name,
                description: response.description.clone(),
                body,
                examples,
            });
        }
        if !operation.callbacks.is_empty() {
            self.unsupported(
                &format!("{pointer}/callbacks"),
                "callbacks (requests the server sends)",
                "not generated: the client only sends requests",
            );
        }
        Some(OperationDefinition {
            method_name: naming.method_name,
            request_type_name: format!("{type_prefix}Request"),
            response_type_name: format!("{type_prefix}Response"),
            operation_id: naming.operation_id,
            http_method: method.to_ascii_uppercase(),
            path_template: path.to_owned(),
            summary: operation.summary.clone(),
            description: operation.description.clone(),
            tags: operation.tags.clone(),
            deprecated: operation.deprecated,
            source_page: SourcePage::of(&operation.extensions),
            parameters,
            body,
            responses,
            pagination: None,
        })
    }

    fn parameter(
        &mut self,
        parameter: &'a Parameter,
        pointer: &str,
        component: Option<&str>,
        type_prefix: &str,
        taken_field_names: &mut HashSet<String>,
    ) -> Option<ParameterDefinition> {
        let (place, data, style_supported, explode_default) = match parameter {
            Parameter::Path {
                parameter_data,
                style,
            } => (
                ParameterPlace::Path,
                parameter_data,
                matches!(style, openapiv3::PathStyle::Simple),
                false,
            ),
            Parameter::Query {
                parameter_data,
                style,
                ..
            } => (
                ParameterPlace::Query,
                parameter_data,
                matches!(style, openapiv3::QueryStyle::Form),
                true,
            ),
            Parameter::Header { parameter_data, .. } => {
                (ParameterPlace::Header, parameter_data, true, false)
            }
            Parameter::Cookie { parameter_data, .. } => {
                (ParameterPlace::Cookie, parameter_data, true, true)
            }
        };
        if place == ParameterPlace::Path
            && self.settings.client_path_parameters.contains(&data.name)
        {
            return None;
        }
        let hint = match component {
            Some(component) => type_name(component),
            None => format!("{type_prefix}{}", pascal_case(&data.name)),
        };
        let mut rust_type = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                self.rust_type(SchemaRef::of(schema), &hint, &format!("{pointer}/schema"))
            }
            ParameterSchemaOrContent::Content(_) => {
                self.unsupported(
                    &format!("{pointer}/content"),
                    "a parameter with content (a serialized value)",
                    "String, sent as given",
                );
                RustType::String
            }
        };
        let supported = match &rust_type {
            RustType::Vec(element) => {
                self.is_parameter_scalar(element, 0) && place != ParameterPlace::Cookie
            }
            other => self.is_parameter_scalar(other, 0),
        };
        if !supported || !style_supported {
            self.unsupported(
                pointer,
                format!(
                    "a {} parameter that is not a scalar or an array of scalars, or not in its default style",
                    place_name(place)
                ),
                "String, sent as given",
            );
            rust_type = RustType::String;
        }
        let mut documentation: Vec<String> = data
            .description
            .iter()
            .flat_map(|text| text.lines().map(str::to_owned))
            .collect();
        if let ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) = &data.format {
            documentation.extend(constraint_lines(schema));
        }
        let mut rust_name = field_name(&data.name);
        while taken_field_names.contains(&rust_name) {
            rust_name.push('_');
        }
        taken_field_names.insert(rust_name.clone());
        let explode = data.explode.unwrap_or(explode_default);
        Some(ParameterDefinition {
            comma_separated: matches!(rust_type, RustType::Vec(_)) && !explode,
            wire_name: data.name.clone(),
            rust_name,
            place,
            rust_type,
            optional: !data.required && place != ParameterPlace::Path,
            documentation,
        })
    }

    fn request_body(
        &mut self,
        body: &'a RequestBody,
        pointer: &str,
        hint: &str,
    ) -> Option<BodyDefinition> {
        let Some((content_type, media, kind)) = choose_media_type(&body.content) else {
            self.unsupported(pointer, "a request body without content", "no body is sent");
            return None;
        };
        let media_pointer = format!("{pointer}/content/{}", escape_pointer(content_type));
        let schema_pointer = format!("{media_pointer}/schema");
        if self.settings.runtime_api == RuntimeApi::OtcClient && kind != MediaKind::Json {
            self.error(
                pointer,
                "otc-client's runtime sends only application/json request bodies",
            );
            return None;
        }
        let schema_type = |builder: &mut Self| match &media.schema {
            Some(schema) => builder.rust_type(SchemaRef::of(schema), hint, &schema_pointer),
            None => RustType::JsonValue,
        };
        let (rust_type, encoding) = match kind {
            MediaKind::Json => (schema_type(self), BodyEncoding::Json),
            MediaKind::Form => {
                let rust_type = schema_type(self);
                if self.is_object_type(&rust_type) {
                    (rust_type, BodyEncoding::Form)
                } else {
                    self.unsupported(
                        &media_pointer,
                        "a form body that is not an object",
                        "bytes, sent as given",
                    );
                    (RustType::Bytes, BodyEncoding::Binary)
                }
            }
            MediaKind::Multipart => {
                self.binary_strings = true;
                let rust_type = schema_type(self);
                self.binary_strings = false;
                match self.multipart_fields(&rust_type) {
                    Some(fields) => (rust_type, BodyEncoding::Multipart(fields)),
                    None => {
                        self.unsupported(
                            &media_pointer,
                            "a multipart body that is not an object",
                            "bytes, sent as given",
                        );
                        (RustType::Bytes, BodyEncoding::Binary)
                    }
                }
            }
            MediaKind::Text => (RustType::String, BodyEncoding::Text),
            MediaKind::Binary => {
                self.report_structured_bytes(media, content_type, &media_pointer);
                (RustType::Bytes, BodyEncoding::Binary)
            }
        };
        Some(BodyDefinition {
            rust_type,
            optional: !body.required,
            content_type: content_type.clone(),
            encoding,
            examples: if kind == MediaKind::Json {
                examples_of(media)
            } else {
                Vec::new()
            },
        })
    }

    /// A media type the generator cannot decode (XML, …) with a structured schema: the bytes
    /// are kept, and the report says the schema was not used.
    fn report_structured_bytes(
        &mut self,
        media: &'a openapiv3::MediaType,
        content_type: &str,
        pointer: &str,
    ) {
        let structured = media.schema.as_ref().is_some_and(|schema| match schema {
            ReferenceOr::Item(schema) => !matches!(
                shape_of(schema),
                Shape::Scalar(RustType::String) | Shape::Any
            ),
            ReferenceOr::Reference { .. } => true,
        });
        if structured {
            self.unsupported(
                pointer,
                format!("a {content_type} body with a schema (only JSON, forms and multipart are typed)"),
                "bytes::Bytes, as sent or received",
            );
        }
    }

    fn response_body(
        &mut self,
        response: &'a Response,
        pointer: &str,
        hint: &str,
    ) -> (Option<(RustType, BodyDecoding)>, Vec<ExampleDefinition>) {
        let Some((content_type, media, kind)) = choose_media_type(&response.content) else {
            return (None, Vec::new());
        };
        let media_pointer = format!("{pointer}/content/{}", escape_pointer(content_type));
        if self.settings.runtime_api == RuntimeApi::OtcClient && kind != MediaKind::Json {
            self.error(
                pointer,
                "only application/json responses are supported in otc-client",
            );
            return (None, Vec::new());
        }
        match kind {
            MediaKind::Json => {
                let rust_type = match &media.schema {
                    Some(schema) => self.rust_type(
                        SchemaRef::of(schema),
                        hint,
                        &format!("{media_pointer}/schema"),
                    ),
                    None => RustType::JsonValue,
                };
                (Some((rust_type, BodyDecoding::Json)), examples_of(media))
            }
            MediaKind::Text => (Some((RustType::String, BodyDecoding::Text)), Vec::new()),
            _ => {
                self.report_structured_bytes(media, content_type, &media_pointer);
                (Some((RustType::Bytes, BodyDecoding::Bytes)), Vec::new())
            }
        }
    }

    /// The struct behind a type (through aliases), if it is one.
    fn struct_fields(&self, rust_type: &RustType) -> Option<&Vec<FieldDefinition>> {
        let mut current = rust_type;
        for _ in 0..MAX_REFERENCE_DEPTH {
            let RustType::Named(name) = current else {
                return None;
            };
            match &self.types.get(name)?.kind {
                TypeKind::Struct { fields, .. } => return Some(fields),
                TypeKind::Alias(target) => current = target,
                _ => return None,
            }
        }
        None
    }

    fn is_object_type(&self, rust_type: &RustType) -> bool {
        matches!(rust_type, RustType::Map(_) | RustType::JsonObject)
            || self.struct_fields(rust_type).is_some()
    }

    fn multipart_fields(&self, rust_type: &RustType) -> Option<Vec<MultipartField>> {
        let fields = self.struct_fields(rust_type)?;
        Some(
            fields
                .iter()
                .map(|field| {
                    let (element, repeated) = match &field.rust_type {
                        RustType::Vec(element) => (element.as_ref(), true),
                        other => (other, false),
                    };
                    let kind = match element {
                        RustType::Bytes => MultipartKind::Bytes,
                        scalar if self.is_parameter_scalar(scalar, 0) => MultipartKind::Text,
                        _ => MultipartKind::Json,
                    };
                    // An array of JSON values is one JSON part, not a part per element.
                    let repeated = repeated && kind != MultipartKind::Json;
                    MultipartField {
                        wire_name: field.json_name.clone(),
                        rust_name: field.rust_name.clone(),
                        kind,
                        optional: field.optional,
                        repeated,
                    }
                })
                .collect(),
        )
    }

    /// Types that contain themselves get a `Box` where the cycle would give them infinite
    /// size, and aliases that refer to themselves become newtypes.
    fn box_recursive_types(&mut self) {
        // Aliases in a cycle of aliases: `type Tree = Vec<Tree>` is not Rust.
        let alias_names: Vec<String> = self
            .types
            .values()
            .filter(|definition| matches!(definition.kind, TypeKind::Alias(_)))
            .map(|definition| definition.name.clone())
            .collect();
        let alias_graph: HashMap<String, Vec<String>> = alias_names
            .iter()
            .map(|name| {
                let mut targets = Vec::new();
                if let TypeKind::Alias(target) = &self.types[name].kind {
                    named_targets(target, false, &mut targets);
                }
                targets.retain(|target| alias_names.contains(target));
                (name.clone(), targets)
            })
            .collect();
        for component in strongly_connected_components(&alias_graph) {
            let cyclic = component.len() > 1 || alias_graph[&component[0]].contains(&component[0]);
            if cyclic {
                for name in component {
                    if let Some(definition) = self.types.get_mut(&name) {
                        if let TypeKind::Alias(target) = &definition.kind {
                            definition.kind = TypeKind::Newtype(target.clone());
                        }
                    }
                }
            }
        }
        // Direct containment (not through Vec or a map, which allocate): a cycle needs a Box.
        let graph: HashMap<String, Vec<String>> = self
            .types
            .iter()
            .map(|(name, definition)| {
                let mut targets = Vec::new();
                match &definition.kind {
                    TypeKind::Struct { fields, .. } => {
                        for field in fields {
                            named_targets(&field.rust_type, true, &mut targets);
                        }
                    }
                    TypeKind::Union { variants, .. } => {
                        for variant in variants {
                            named_targets(&variant.rust_type, true, &mut targets);
                        }
                    }
                    TypeKind::Alias(target) | TypeKind::Newtype(target) => {
                        named_targets(target, true, &mut targets)
                    }
                    TypeKind::StringEnum { .. } => {}
                }
                (name.clone(), targets)
            })
            .collect();
        let mut component_of: HashMap<String, usize> = HashMap::new();
        for (index, component) in strongly_connected_components(&graph)
            .into_iter()
            .enumerate()
        {
            for name in component {
                component_of.insert(name, index);
            }
        }
        let in_cycle_with = |owner: &str, rust_type: &RustType| {
            let mut targets = Vec::new();
            named_targets(rust_type, true, &mut targets);
            targets
                .iter()
                .any(|target| component_of.get(target) == component_of.get(owner))
        };
        let boxed = |rust_type: &RustType| RustType::Boxed(Box::new(rust_type.clone()));
        let names: Vec<String> = self.types.keys().cloned().collect();
        for name in names {
            let definition = self.types.get_mut(&name).expect("listed above");
            match &mut definition.kind {
                TypeKind::Struct { fields, .. } => {
                    for field in fields {
                        if in_cycle_with(&name, &field.rust_type) {
                            field.rust_type = boxed(&field.rust_type);
                        }
                    }
                }
                TypeKind::Union { variants, .. } => {
                    for variant in variants {
                        if in_cycle_with(&name, &variant.rust_type) {
                            variant.rust_type = boxed(&variant.rust_type);
                        }
                    }
                }
                TypeKind::Newtype(target) => {
                    if in_cycle_with(&name, target) {
                        *target = boxed(target);
                    }
                }
                TypeKind::Alias(_) | TypeKind::StringEnum { .. } => {}
            }
        }
    }
}

/// The named types a type mentions; with `direct_only`, only those it contains by value (not
/// through a `Vec`, a map or a `Box`).
fn named_targets(rust_type: &RustType, direct_only: bool, targets: &mut Vec<String>) {
    match rust_type {
        RustType::Named(name) => targets.push(name.clone()),
        RustType::Vec(inner) | RustType::Map(inner) | RustType::Boxed(inner) if !direct_only => {
            named_targets(inner, direct_only, targets);
        }
        _ => {}
    }
}

/// Tarjan's strongly connected components, iterative (huge specs have deep chains), in a
/// deterministic order.
fn strongly_connected_components(graph: &HashMap<String, Vec<String>>) -> Vec<Vec<String>> {
    let mut nodes: Vec<&String> = graph.keys().collect();
    nodes.sort();
    let mut index_of: HashMap<&str, usize> = HashMap::new();
    let mut low: HashMap<&str, usize> = HashMap::new();
    let mut on_stack: HashSet<&str> = HashSet::new();
    let mut stack: Vec<&str> = Vec::new();
    let mut components = Vec::new();
    let mut next_index = 0;
    let empty: Vec<String> = Vec::new();
    for start in nodes {
        if index_of.contains_key(start.as_str()) {
            continue;
        }
        // (node, next edge to visit)
        let mut work: Vec<(&str, usize)> = vec![(start.as_str(), 0)];
        while let Some((node, edge)) = work.pop() {
            if edge == 0 {
                index_of.insert(node, next_index);
                low.insert(node, next_index);
                next_index += 1;
                stack.push(node);
                on_stack.insert(node);
            }
            let edges = graph.get(node).unwrap_or(&empty);
            if let Some(target) = edges.get(edge) {
                work.push((node, edge + 1));
                let target = target.as_str();
                if !graph.contains_key(target) {
                    continue;
                }
                if !index_of.contains_key(target) {
                    work.push((target, 0));
                } else if on_stack.contains(target) {
                    let lowest = low[node].min(index_of[target]);
                    low.insert(node, lowest);
                }
                continue;
            }
            // All edges done: pass the low link up, and close a component at its root.
            if let Some(&(parent, _)) = work.last() {
                let lowest = low[parent].min(low[node]);
                low.insert(parent, lowest);
            }
            if low[node] == index_of[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack.remove(member);
                    component.push(member.to_owned());
                    if member == node {
                        break;
                    }
                }
                component.sort();
                components.push(component);
            }
        }
    }
    components
}

/// A variant name for an alternative of a union, after its type.
fn variant_name_of(rust_type: &RustType) -> String {
    match rust_type {
        RustType::Named(name) => name.clone(),
        RustType::String => "String".to_owned(),
        RustType::I32 | RustType::I64 => "Integer".to_owned(),
        RustType::F32 | RustType::F64 => "Number".to_owned(),
        RustType::Bool => "Boolean".to_owned(),
        RustType::Vec(_) => "Array".to_owned(),
        RustType::Map(_) | RustType::JsonObject => "Object".to_owned(),
        RustType::Bytes => "Bytes".to_owned(),
        RustType::Boxed(inner) => variant_name_of(inner),
        RustType::JsonValue => "Value".to_owned(),
    }
}

/// The variant names of a string enum's values: PascalCase, unique, never `Unknown` (the
/// variant for values the spec does not list).
fn enum_values(values: &[String]) -> Vec<EnumValue> {
    let mut result: Vec<EnumValue> = Vec::new();
    for value in values {
        if result.iter().any(|existing| existing.wire == *value) {
            continue;
        }
        let mut base = pascal_case(value);
        if base.is_empty() {
            base = "Empty".to_owned();
        }
        if base.starts_with(|character: char| character.is_ascii_digit()) {
            base = format!("V{base}");
        }
        if base == "Unknown" || base == "Self" {
            base.push_str("Value");
        }
        let mut rust_name = base.clone();
        let mut counter = 2;
        while result
            .iter()
            .any(|existing| existing.rust_name == rust_name)
        {
            rust_name = format!("{base}{counter}");
            counter += 1;
        }
        result.push(EnumValue {
            wire: value.clone(),
            rust_name,
        });
    }
    result
}

/// The variant name of a status range (`4XX` → `ClientError`).
fn range_name(first_digit: u16) -> String {
    match first_digit {
        1 => "Informational".to_owned(),
        2 => "Success".to_owned(),
        3 => "Redirection".to_owned(),
        4 => "ClientError".to_owned(),
        5 => "ServerError".to_owned(),
        other => format!("Status{other}xx"),
    }
}

fn place_name(place: ParameterPlace) -> &'static str {
    match place {
        ParameterPlace::Path => "path",
        ParameterPlace::Query => "query",
        ParameterPlace::Header => "header",
        ParameterPlace::Cookie => "cookie",
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

/// Doc comment lines for a property: its description, then what the constraints say.
fn documentation_lines(schema: &Schema) -> Vec<String> {
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

/// A type name from any text (a schema name, an inline hint, an operationId): PascalCase, a
/// valid identifier, never a keyword.
pub fn type_name(hint: &str) -> String {
    let mut name = pascal_case_type_name(hint);
    if name.is_empty() {
        name = "Type".to_owned();
    }
    if name.starts_with(|character: char| character.is_ascii_digit()) {
        name = format!("Type{name}");
    }
    if syn::parse_str::<syn::Ident>(&name).is_err() {
        name.push_str("Type");
    }
    name
}
