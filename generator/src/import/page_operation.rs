//! What every page-style recogniser yields: the operations one page documents, with the schemas
//! of its tables and the notes the summary reports, before anything is named globally.
//!
//! Schemas refer to other tables through page-local references (`local:<file>#<table>`), which
//! `components` rewrites once every page is read.

use std::collections::BTreeMap;

use openapiv3::{Header, Parameter, Schema};

use crate::doc_model::SourceLocation;

/// The prefix of page-local schema references, rewritten to `#/components/schemas/…` later.
pub const LOCAL_REFERENCE_PREFIX: &str = "local:";

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
        let reachable_before = self.reachable_schema_keys();
        let mut dropped_any = false;
        for operation in &mut self.operations {
            if !operation.method.eq_ignore_ascii_case("HEAD") {
                continue;
            }
            for (status, response) in &mut operation.responses {
                if response.body_schema_key.take().is_some() {
                    response.examples.clear();
                    dropped_any = true;
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
        if dropped_any {
            let reachable_after = self.reachable_schema_keys();
            self.schemas.retain(|schema| {
                !reachable_before.contains(&schema.key) || reachable_after.contains(&schema.key)
            });
        }
        self
    }

    /// The keys of the schemas the operations' bodies and parameters name, directly or through
    /// other schemas (which name each other as `local:<key>`).
    fn reachable_schema_keys(&self) -> std::collections::BTreeSet<String> {
        let reference = |key: &str| format!("\"{LOCAL_REFERENCE_PREFIX}{key}\"");
        let mut roots: Vec<String> = Vec::new();
        for operation in &self.operations {
            if let Some(body) = &operation.request_body {
                roots.push(reference(&body.schema_key));
            }
            for response in operation.responses.values() {
                if let Some(key) = &response.body_schema_key {
                    roots.push(reference(key));
                }
            }
            for parameter in &operation.parameters {
                roots.push(serde_json::to_string(parameter).unwrap_or_default());
            }
        }
        let texts: Vec<(String, String)> = self
            .schemas
            .iter()
            .map(|schema| {
                (
                    schema.key.clone(),
                    serde_json::to_string(&schema.schema).unwrap_or_default(),
                )
            })
            .collect();
        let mut reachable: std::collections::BTreeSet<String> = texts
            .iter()
            .filter(|(key, _)| roots.iter().any(|root| root.contains(&reference(key))))
            .map(|(key, _)| key.clone())
            .collect();
        loop {
            let added: Vec<String> = texts
                .iter()
                .filter(|(key, _)| !reachable.contains(key))
                .filter(|(key, _)| {
                    texts.iter().any(|(other, text)| {
                        reachable.contains(other) && text.contains(&reference(key))
                    })
                })
                .map(|(key, _)| key.clone())
                .collect();
            if added.is_empty() {
                return reachable;
            }
            reachable.extend(added);
        }
    }
}
