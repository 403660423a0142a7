//! The data of a command table: a service's index, its operations with their parameters, body,
//! pagination and responses, and the named types their shapes refer to. Strings borrow from the
//! table's text where they can (`Cow`), so reading a line copies little.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// The version of the table format; the command line refuses a table of another version.
pub const TABLE_FORMAT_VERSION: u32 = 1;

/// The first line of a service's table: what `otc <service> --help` shows, and where the other
/// lines are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceIndex<'a> {
    pub format_version: u32,
    /// The service id (`vpc`): the command and the runtime's endpoint key.
    #[serde(borrow)]
    pub service_id: Cow<'a, str>,
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    /// The spec's first server URL (`https://vpc.{region}.otc.t-systems.com`), the endpoint
    /// template the runtime fills when the configuration does not override it.
    #[serde(borrow)]
    pub server_url_template: Cow<'a, str>,
    /// One entry per operation, in the order of the operation lines.
    #[serde(borrow)]
    pub operations: Vec<OperationIndexEntry<'a>>,
    /// The named types, in the order of the type lines (a [`Shape::Type`] is an index here).
    #[serde(borrow)]
    pub type_names: Vec<Cow<'a, str>>,
}

/// What the service's help lists about an operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperationIndexEntry<'a> {
    /// The command (`list-vpcs`).
    #[serde(borrow)]
    pub command: Cow<'a, str>,
    #[serde(borrow)]
    pub method: Cow<'a, str>,
    #[serde(borrow)]
    pub path: Cow<'a, str>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Cow<'a, str>>,
}

/// One operation: a command.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Operation<'a> {
    /// The command (`list-vpcs`): the intermediate form's method name in kebab case.
    #[serde(borrow)]
    pub command: Cow<'a, str>,
    /// The spec's operationId (or `METHOD /path`).
    #[serde(borrow)]
    pub operation_id: Cow<'a, str>,
    /// Upper-case HTTP method.
    #[serde(borrow)]
    pub method: Cow<'a, str>,
    #[serde(borrow)]
    pub path: Cow<'a, str>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Cow<'a, str>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Cow<'a, str>>,
    /// The API reference page the operation was imported from (`x-source-page`).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub source_page: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// Path parameters in path order (the positional arguments), then query and header
    /// parameters (flags). Path parameters the client fills (`project_id`) are not here.
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub body: Option<RequestBody<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<Response<'a>>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParameterPlace {
    Path,
    Query,
    Header,
}

impl ParameterPlace {
    /// The place as help and errors name it.
    pub fn name(self) -> &'static str {
        match self {
            ParameterPlace::Path => "path",
            ParameterPlace::Query => "query",
            ParameterPlace::Header => "header",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parameter<'a> {
    /// The name on the wire.
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    /// The flag without its dashes (`limit`, `x-language`, `query.output`); the placeholder a
    /// path parameter's positional argument is shown as (`vpc-id`).
    #[serde(borrow)]
    pub flag: Cow<'a, str>,
    pub place: ParameterPlace,
    pub shape: Shape,
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// An array sent as one comma-separated value rather than once per element.
    #[serde(default, skip_serializing_if = "is_false")]
    pub comma_separated: bool,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
}

/// How a request body goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyEncoding {
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// Sent as the text given.
    Text,
    /// Sent as the bytes given (`--body @file`).
    Binary,
    /// `multipart/form-data`: the body's members as parts ([`RequestBody::parts`]).
    Multipart,
}

/// One part of a `multipart/form-data` body: a member of the body object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MultipartPart<'a> {
    /// The member's (and the part's) name on the wire.
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    pub kind: MultipartPartKind,
    /// An array: one part per element.
    #[serde(default, skip_serializing_if = "is_false")]
    pub repeated: bool,
}

/// What a multipart part holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MultipartPartKind {
    /// The value as text (a string as it is, anything else as JSON).
    Text,
    /// A file: the bytes of `@path`, or the string's own bytes.
    Bytes,
    /// The value as JSON (`application/json`).
    Json,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestBody<'a> {
    #[serde(borrow)]
    pub content_type: Cow<'a, str>,
    pub encoding: BodyEncoding,
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    pub shape: Shape,
    /// The page's request examples, in the spec's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<serde_json::Value>,
    /// The parts of a [`BodyEncoding::Multipart`] body, in the spec's order.
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<MultipartPart<'a>>,
}

/// How the pages of a list are walked (`x-pagination`), with the names on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "style", rename_all = "lowercase")]
pub enum Pagination<'a> {
    Marker {
        /// The query parameter that takes the marker.
        #[serde(borrow)]
        marker: Cow<'a, str>,
        /// The query parameter of the page size.
        #[serde(borrow)]
        limit: Cow<'a, str>,
        /// The dotted path of the next page's marker in the 200 body.
        #[serde(borrow)]
        next_marker: Cow<'a, str>,
        /// The dotted path of the page's items in the 200 body.
        #[serde(borrow)]
        items: Cow<'a, str>,
    },
    Offset {
        #[serde(borrow)]
        offset: Cow<'a, str>,
        #[serde(borrow)]
        limit: Cow<'a, str>,
        /// The dotted path of the total count of items in the 200 body.
        #[serde(borrow)]
        total: Cow<'a, str>,
        #[serde(borrow)]
        items: Cow<'a, str>,
    },
}

impl Pagination<'_> {
    /// The query parameter of the page size.
    pub fn limit(&self) -> &str {
        match self {
            Pagination::Marker { limit, .. } | Pagination::Offset { limit, .. } => limit,
        }
    }

    /// The dotted path of the page's items in the 200 body.
    pub fn items(&self) -> &str {
        match self {
            Pagination::Marker { items, .. } | Pagination::Offset { items, .. } => items,
        }
    }
}

/// A documented response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response<'a> {
    /// The spec's key: `200`, `4XX`, `default`.
    #[serde(borrow)]
    pub status: Cow<'a, str>,
    /// The documented JSON body, checked against what arrives (a difference is a warning).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<Shape>,
}

impl Response<'_> {
    /// Whether this response stands for `status` (an exact code, a `4XX` range or `default`).
    pub fn covers(&self, status: u16) -> bool {
        let key = self.status.as_ref();
        if key == status.to_string() {
            return true;
        }
        key.len() == 3 && key.ends_with("XX") && key.as_bytes()[0] == b'0' + (status / 100) as u8
    }
}

/// The shape of a value: what the command line parses a flag's value as, and checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    String,
    Integer,
    Number,
    Boolean,
    /// Any JSON value.
    Any,
    /// A free-form JSON object.
    Object,
    /// Bytes (a binary body).
    Bytes,
    Array(Box<Shape>),
    /// A map from string keys.
    Map(Box<Shape>),
    /// A named type: its index in [`ServiceIndex::type_names`].
    Type(u32),
}

/// What a value may be beside its shape: bounds, lengths, allowed values, default.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Constraints {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    /// The allowed values (`enum`), `null` left out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_values: Vec<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    /// `null` is allowed.
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        self == &Constraints::default()
    }
}

/// One line per named type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeEntry<'a> {
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    #[serde(borrow)]
    pub kind: TypeKind<'a>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeKind<'a> {
    /// An object with named fields, and maybe more members of one shape
    /// (`additionalProperties`).
    Struct {
        #[serde(borrow)]
        fields: Vec<Field<'a>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        additional: Option<Shape>,
    },
    /// A string with these values (unknown ones are allowed by `--no-validate` only).
    Enum {
        #[serde(borrow)]
        values: Vec<Cow<'a, str>>,
    },
    /// One of several shapes (`oneOf`/`anyOf`).
    Union {
        variants: Vec<Shape>,
        #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
        discriminator: Option<Cow<'a, str>>,
    },
    /// Another name for a shape.
    Alias(Shape),
}

/// A field of a struct.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field<'a> {
    /// The name on the wire.
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    /// The field's segment of a flag (`subnet-id` in `--server.nics.0.subnet-id`): unique
    /// among the struct's fields, never all digits, no dots ([`crate::field_flag_segments`]).
    #[serde(borrow)]
    pub flag: Cow<'a, str>,
    pub shape: Shape,
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// The value is a secret (`format: password`): dry runs and errors never show it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub secret: bool,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_reads_back_borrowing_its_text() {
        let field = Field {
            name: Cow::Borrowed("subnet_id"),
            flag: Cow::Borrowed("subnet-id"),
            shape: Shape::Array(Box::new(Shape::Type(3))),
            required: true,
            secret: false,
            description: Some(Cow::Borrowed("The \"subnet\".")),
            constraints: Constraints {
                max_items: Some(4),
                ..Constraints::default()
            },
        };
        let text = serde_json::to_string(&field).expect("JSON");
        assert_eq!(
            text,
            r#"{"name":"subnet_id","flag":"subnet-id","shape":{"array":{"type":3}},"required":true,"description":"The \"subnet\".","constraints":{"max_items":4}}"#
        );
        let read: Field<'_> = serde_json::from_str(&text).expect("a field");
        assert!(matches!(read.name, Cow::Borrowed(_)));
        // A string with an escape cannot borrow: it is the one copy.
        assert!(matches!(read.description, Some(Cow::Owned(_))));
        assert_eq!(read, field);
    }

    #[test]
    fn a_response_covers_its_code_or_its_range() {
        let response = |status: &'static str| Response {
            status: Cow::Borrowed(status),
            shape: None,
        };
        assert!(response("200").covers(200));
        assert!(!response("200").covers(201));
        assert!(response("4XX").covers(404));
        assert!(!response("4XX").covers(500));
        assert!(!response("default").covers(500));
    }
}
