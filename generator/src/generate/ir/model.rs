//! The intermediate form's data: the service module with its named types and operations, each
//! with every Rust name and type decided, and the problems found on the way. Everything after
//! `ir` reads these types (the emitters, example tests, contract driver, spec review); only
//! `ir` writes them.

use std::collections::BTreeMap;

use crate::extensions::VariantDiscriminator;
use crate::generate::pagination::PaginationDefinition;

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

/// Everything the emitters need for one service module.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceModule {
    pub title: String,
    /// The first server's URL as written (`https://dcs.{region}.otc.t-systems.com`).
    pub server_url_template: String,
    /// The first server's URL with every variable at its default.
    pub default_server_url: Option<String>,
    /// The values the servers' `region` variables list (their `enum`s), in the spec's order:
    /// the regions the service is documented for.
    pub regions: Vec<String>,
    /// The service's base URL in each of [`Self::regions`] (`ir/servers.rs`).
    pub region_endpoints: Vec<(String, String)>,
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
    /// The schema's description alone (`documentation` adds the constraints' lines).
    pub description: Option<String>,
    /// What the schema allows beside its type, for the command line's help and checks.
    pub constraints: ValueConstraints,
}

/// What a property's or parameter's schema allows beside its Rust type: bounds, lengths, item
/// counts, allowed values, default, nullable. The emitters print these as doc lines; the
/// command line's tables carry them for its help and input checks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ValueConstraints {
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    /// The `enum` values, `null` left out.
    pub allowed_values: Vec<serde_json::Value>,
    pub default: Option<serde_json::Value>,
    pub nullable: bool,
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
    /// For one of several operations documented on pages of their own for the same method and
    /// path (`x-operation-variants`): how its request is told apart from the others'.
    pub variant: Option<VariantDefinition>,
}

/// What makes an operation one variant of several that share its method and path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantDefinition {
    /// The operationId of the operation the spec combines the variants in.
    pub combined_operation_id: String,
    /// Its place among the variants (`x-operation-variants`), from 0.
    pub index: usize,
    /// How many variants share the method and path, this one included.
    pub variant_count: usize,
    /// What this variant's request sends that the others' do not.
    pub told_apart_by: VariantDiscriminator,
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

impl ParameterPlace {
    /// The place as the spec's `in` names it: `path`, `query`, `header`, `cookie`.
    pub fn spec_name(self) -> &'static str {
        match self {
            ParameterPlace::Path => "path",
            ParameterPlace::Query => "query",
            ParameterPlace::Header => "header",
            ParameterPlace::Cookie => "cookie",
        }
    }
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
    /// The parameter's description alone (`documentation` adds the constraints' lines).
    pub description: Option<String>,
    /// What the parameter's schema allows beside its type.
    pub constraints: ValueConstraints,
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

impl ResponseStatus {
    /// The status as the spec's `responses` key names it: `200`, `4XX`, `default`.
    pub fn spec_key(self) -> String {
        match self {
            ResponseStatus::Code(code) => code.to_string(),
            ResponseStatus::Range(first_digit) => format!("{first_digit}XX"),
            ResponseStatus::Default => "default".to_owned(),
        }
    }
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
