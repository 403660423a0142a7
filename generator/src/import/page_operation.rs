//! What every page-style recogniser yields: the operations one page documents, with the schemas
//! of its tables and the notes the summary reports, before anything is named globally.
//!
//! Schemas refer to other tables through page-local references (`local:<file>#<table>`), which
//! `components` rewrites once every page is read.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{Header, Parameter, ParameterSchemaOrContent, ReferenceOr, Schema};

use crate::doc_model::SourceLocation;
use crate::openapi_refs::for_each_schema_reference_mut;

/// The prefix of page-local schema references, rewritten to `#/components/schemas/…` later.
pub const LOCAL_REFERENCE_PREFIX: &str = "local:";

/// The media type of JSON bodies.
pub const JSON_MEDIA_TYPE: &str = "application/json";

/// The media type of a form's fields and files.
pub const MULTIPART_MEDIA_TYPE: &str = "multipart/form-data";

/// Header names that carry authentication: handled by the client runtime and documented as a
/// security scheme, not as a parameter of each call.
pub const IAM_TOKEN_HEADER: &str = "X-Auth-Token";

/// Everything one page contributes: its operations (one per request line of its URI section)
/// and the schemas of the tables they use.
#[derive(Debug, Clone, PartialEq)]
pub struct PageImport {
    pub file_name: String,
    pub operations: Vec<PageOperation>,
    /// The schemas of the page's body and object tables (and of tables of other pages its rows
    /// refer to), in reading order.
    pub schemas: Vec<LocalSchema>,
    /// What the summary says about the page beyond its operations: examples left out, statuses
    /// assumed.
    pub notes: Vec<ImportNote>,
    /// The page's tables, rows and code blocks taken into the spec and reported.
    pub conservation: crate::import::ledger::ConservationCounts,
}

/// An operation read from one page.
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
    /// The title of the section the page belongs to, from its "Parent topic" link.
    pub parent_topic: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PageRequestBody {
    /// `application/json`, or `multipart/form-data` for a form's fields ("FormData
    /// parameters").
    pub media_type: String,
    /// The body table's schema; `None` where the page shows the body only by example (its
    /// schema is then inferred from the examples).
    pub schema_key: Option<String>,
    pub required: bool,
    pub examples: Vec<PageExample>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PageResponse {
    pub description: String,
    /// The body table's schema; `None` for no body, or for a body the page shows only by
    /// example (then `examples` is not empty and the schema is inferred from them).
    pub body_schema_key: Option<String>,
    pub headers: Vec<(String, Header)>,
    pub examples: Vec<PageExample>,
}

impl PageResponse {
    /// A response known only by its status and description.
    pub fn described(description: String) -> PageResponse {
        PageResponse {
            description,
            body_schema_key: None,
            headers: Vec::new(),
            examples: Vec::new(),
        }
    }
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
    /// The operation whose name prefixes the schema's name when another table of the same
    /// name has another shape.
    pub operation_id: String,
    pub schema: Schema,
    pub location: SourceLocation,
}

/// Something the import decided or left out on a page, for the summary: never an error, but
/// never silent either.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ImportNote {
    pub location: SourceLocation,
    pub message: String,
}

impl PageImport {
    /// A response to HEAD has no body (RFC 9110, 9.3.2): where a page documents one for a HEAD
    /// operation (the old OpenStack APIs return metadata in headers and tabulate it), the body
    /// is left out with a note, and so are the schemas only that body referred to.
    pub fn without_head_response_bodies(mut self) -> PageImport {
        let has_head_body = self.operations.iter().any(|operation| {
            operation.method.eq_ignore_ascii_case("HEAD")
                && operation
                    .responses
                    .values()
                    .any(|response| response.body_schema_key.is_some())
        });
        if !has_head_body {
            return self;
        }
        let reachable_before = self.reachable_schema_keys();
        for operation in &mut self.operations {
            if !operation.method.eq_ignore_ascii_case("HEAD") {
                continue;
            }
            for (status, response) in &mut operation.responses {
                if response.body_schema_key.take().is_some() {
                    response.examples.clear();
                    self.notes.push(ImportNote {
                        location: SourceLocation::page(&self.file_name),
                        message: format!(
                            "HEAD {}: the response body of status {status} is left out, as a response to HEAD has none (the table describes what the response's headers carry)",
                            operation.path
                        ),
                    });
                }
            }
        }
        let reachable_after = self.reachable_schema_keys();
        self.schemas.retain(|schema| {
            !reachable_before.contains(&schema.key) || reachable_after.contains(&schema.key)
        });
        self
    }

    /// The keys of the schemas the operations' bodies and parameters name, directly or through
    /// other schemas (page-local references, `local:<key>`).
    fn reachable_schema_keys(&self) -> BTreeSet<String> {
        let mut pending: Vec<String> = Vec::new();
        for operation in &self.operations {
            pending.extend(
                operation
                    .request_body
                    .iter()
                    .filter_map(|body| body.schema_key.clone()),
            );
            pending.extend(
                operation
                    .responses
                    .values()
                    .filter_map(|response| response.body_schema_key.clone()),
            );
            for parameter in &operation.parameters {
                match &parameter.parameter_data_ref().format {
                    ParameterSchemaOrContent::Schema(ReferenceOr::Reference { reference }) => {
                        pending.extend(local_key(reference));
                    }
                    ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) => {
                        pending.extend(local_references(schema));
                    }
                    ParameterSchemaOrContent::Content(_) => {}
                }
            }
        }
        let mut reachable = BTreeSet::new();
        while let Some(key) = pending.pop() {
            if !reachable.insert(key.clone()) {
                continue;
            }
            if let Some(local) = self.schemas.iter().find(|schema| schema.key == key) {
                pending.extend(local_references(&local.schema));
            }
        }
        reachable
    }
}

/// The keys of the page-local schemas `schema` refers to, at any depth.
fn local_references(schema: &Schema) -> Vec<String> {
    let mut keys = Vec::new();
    // The walker visits references to rewrite them; this reads them from a copy.
    let mut schema = schema.clone();
    for_each_schema_reference_mut(&mut schema, &mut |reference| {
        keys.extend(local_key(reference));
    });
    keys
}

/// The key of a page-local reference (`local:<key>`).
fn local_key(reference: &str) -> Option<String> {
    reference
        .strip_prefix(LOCAL_REFERENCE_PREFIX)
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use openapiv3::{ObjectType, SchemaData, SchemaKind, Type};

    use super::*;

    /// An object schema whose one property refers to `reference` (a page-local key), if any.
    fn local_schema(key: &str, reference: Option<&str>) -> LocalSchema {
        let mut object = ObjectType::default();
        if let Some(reference) = reference {
            object.properties.insert(
                "nested".to_owned(),
                ReferenceOr::Reference {
                    reference: format!("{LOCAL_REFERENCE_PREFIX}{reference}"),
                },
            );
        }
        LocalSchema {
            key: key.to_owned(),
            name: key.to_owned(),
            operation_id: "Op".to_owned(),
            schema: Schema {
                schema_data: SchemaData::default(),
                schema_kind: SchemaKind::Type(Type::Object(object)),
            },
            location: SourceLocation::page("page.rst"),
        }
    }

    fn operation(method: &str, body_schema_key: &str) -> PageOperation {
        let mut response = PageResponse::described("OK".to_owned());
        response.body_schema_key = Some(body_schema_key.to_owned());
        PageOperation {
            file_name: "page.rst".to_owned(),
            operation_id: format!("{method}Thing"),
            method: method.to_owned(),
            path: "/v1/things/{id}".to_owned(),
            summary: "Thing".to_owned(),
            description: None,
            parameters: Vec::new(),
            uses_iam_token: false,
            request_body: None,
            responses: BTreeMap::from([(200, response)]),
            parent_topic: None,
        }
    }

    #[test]
    fn a_head_response_loses_its_body_and_the_schemas_only_it_used() {
        let page = PageImport {
            file_name: "page.rst".to_owned(),
            operations: vec![
                operation("head", "page.rst#meta"),
                operation("get", "page.rst#thing"),
            ],
            schemas: vec![
                local_schema("page.rst#meta", Some("page.rst#meta_detail")),
                local_schema("page.rst#meta_detail", None),
                local_schema("page.rst#thing", Some("page.rst#shared")),
                local_schema("page.rst#shared", None),
                // No operation used it before either: it stays, as it would have.
                local_schema("page.rst#unused", None),
            ],
            notes: Vec::new(),
            conservation: Default::default(),
        }
        .without_head_response_bodies();
        assert_eq!(page.operations[0].responses[&200].body_schema_key, None);
        assert_eq!(
            page.operations[1].responses[&200]
                .body_schema_key
                .as_deref(),
            Some("page.rst#thing")
        );
        let keys: Vec<&str> = page
            .schemas
            .iter()
            .map(|schema| schema.key.as_str())
            .collect();
        assert_eq!(
            keys,
            ["page.rst#thing", "page.rst#shared", "page.rst#unused"]
        );
        assert_eq!(page.notes.len(), 1);
        assert!(
            page.notes[0]
                .message
                .starts_with("HEAD /v1/things/{id}: the response body of status 200 is left out"),
            "{:?}",
            page.notes
        );
    }
}
