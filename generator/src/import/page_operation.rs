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
