//! The spec extensions the importer writes and the generator and spec review read, each defined
//! once: its key and the serde type of its value. Both sides go through [`Extension::read`] and
//! [`Extension::write`], so they cannot disagree on a key or a shape.

use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The extensions of an OpenAPI object, as openapiv3 keeps them.
pub type Extensions = IndexMap<String, serde_json::Value>;

/// A spec extension: its key and the type of its value.
pub trait Extension: Serialize + DeserializeOwned {
    /// The key, `x-…`.
    const NAME: &'static str;

    /// The extension among `extensions`: `None` when absent, an error saying what does not fit
    /// when its value does not have this type.
    fn read(extensions: &Extensions) -> Option<Result<Self, serde_json::Error>> {
        extensions.get(Self::NAME).map(Self::deserialize)
    }

    /// Writes the extension into `extensions`, replacing one of the same key.
    fn write(&self, extensions: &mut Extensions) {
        // These types are strings, integers, sequences and maps with string keys, which
        // always serialize to JSON.
        let value = serde_json::to_value(self).expect("an extension serializes to JSON");
        extensions.insert(Self::NAME.to_owned(), value);
    }
}

/// `x-source-page` (operation): the page of `spec/sources/<service>/` the operation was imported
/// from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SourcePage(pub String);

impl Extension for SourcePage {
    const NAME: &'static str = "x-source-page";
}

impl SourcePage {
    /// The page of an operation's extensions, when it names one as a string.
    pub fn of(extensions: &Extensions) -> Option<String> {
        Self::read(extensions)
            .and_then(Result::ok)
            .map(|SourcePage(page)| page)
    }
}

/// `x-duplicate-source-pages` (operation): other pages that document the same operation
/// identically, merged into it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DuplicateSourcePages(pub Vec<String>);

impl Extension for DuplicateSourcePages {
    const NAME: &'static str = "x-duplicate-source-pages";
}

/// `x-operation-variants` (operation): the operations documented on pages of their own that
/// share this operation's method and path (an OpenStack `…/action` request documented once per
/// action, a public and a private zone), each told apart by what its request sends.
///
/// OpenAPI 3.0 allows one operation per method and path, so the operation that carries this
/// extension is their combination (parameters of either, bodies and responses as `anyOf`), valid
/// for tools that ignore the extension. The generator makes each variant an operation of its
/// own instead (method, request type, response enum), and the combination none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OperationVariants(pub Vec<OperationVariant>);

impl Extension for OperationVariants {
    const NAME: &'static str = "x-operation-variants";
}

/// One variant: how its request is told apart, and the operation its page documents (its own
/// `operationId`, `x-source-page`, parameters, request body and responses).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct OperationVariant {
    pub told_apart_by: VariantDiscriminator,
    pub operation: openapiv3::Operation,
}

/// What a variant's request sends that the other variants' do not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "in", rename_all = "kebab-case", deny_unknown_fields)]
pub enum VariantDiscriminator {
    /// A member of the JSON body: only this variant's body has it (an action key such as
    /// `reboot` or `os-start`), or, with `value`, this variant sends that value in it
    /// (`"action": "create"`). A member inside another is named by its path joined with `.`
    /// (`resize.flavorRef` beside another variant's `resize.volume`).
    Body {
        property: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value: Option<serde_json::Value>,
    },
    /// A query parameter only this variant has, or, with `value`, that it sends with that value.
    Query {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value: Option<serde_json::Value>,
    },
    /// A header only this variant has, or, with `value`, that it sends with that value.
    Header {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value: Option<serde_json::Value>,
    },
    /// Nothing the pages record: the variants send the same request as far as their tables and
    /// examples go (a difference told only in prose, or none), and differ in what their pages
    /// document of the answer.
    NotRecorded,
}

impl VariantDiscriminator {
    /// What the variant sends, as a sentence's object: "the `reboot` member of its body",
    /// `` `"action": "create"` in its body ``, "the query parameter `type=private`".
    pub fn describe(&self) -> String {
        let value_text = |value: &serde_json::Value| value.to_string();
        match self {
            VariantDiscriminator::Body {
                property,
                value: None,
            } => format!("the `{property}` member of its body"),
            VariantDiscriminator::Body {
                property,
                value: Some(value),
            } => format!(
                "`{}: {}` in its body",
                serde_json::Value::String(property.clone()),
                value_text(value)
            ),
            VariantDiscriminator::Query { name, value: None } => {
                format!("the query parameter `{name}`")
            }
            VariantDiscriminator::Query {
                name,
                value: Some(value),
            } => format!("the query parameter `{name}={}`", plain_text(value)),
            VariantDiscriminator::Header { name, value: None } => format!("the header `{name}`"),
            VariantDiscriminator::Header {
                name,
                value: Some(value),
            } => format!("the header `{name}: {}`", plain_text(value)),
            VariantDiscriminator::NotRecorded => {
                "nothing its page records apart from the others".to_owned()
            }
        }
    }
}

/// A parameter value as it goes into a query or header: a string without quotes.
fn plain_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// `x-pagination` (operation): how a list operation's pages are walked, in the words of its
/// own parameters and 200 body (query parameter names, dotted field paths of the body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "style", rename_all = "lowercase", deny_unknown_fields)]
pub enum Pagination {
    /// The next page is asked for with the marker the previous page ends with.
    Marker {
        /// The query parameter that takes the marker.
        marker: String,
        /// The query parameter of the page size.
        limit: String,
        /// The body field of the next page's marker.
        next_marker: String,
        /// The body field of the page's items.
        items: String,
    },
    /// The next page is asked for by the number of items already read.
    Offset {
        /// The query parameter that takes the offset.
        offset: String,
        /// The query parameter of the page size.
        limit: String,
        /// The body field of the total count of items.
        total: String,
        /// The body field of the page's items.
        items: String,
    },
}

impl Extension for Pagination {
    const NAME: &'static str = "x-pagination";
}

impl Pagination {
    /// The query parameter of the page size.
    pub fn limit(&self) -> &str {
        match self {
            Pagination::Marker { limit, .. } | Pagination::Offset { limit, .. } => limit,
        }
    }

    /// The body field of the page's items.
    pub fn items(&self) -> &str {
        match self {
            Pagination::Marker { items, .. } | Pagination::Offset { items, .. } => items,
        }
    }
}

/// `x-error-codes` (document): the service's error code appendix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ErrorCodes(pub Vec<ErrorCodeEntry>);

impl Extension for ErrorCodes {
    const NAME: &'static str = "x-error-codes";
}

/// One row of an error code appendix: the code, its status when the appendix gives one, and the
/// appendix's other columns under their names in snake case (`error_message`, `description`,
/// `solution`, …), as the docs name them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorCodeEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u16>,
    pub error_code: String,
    #[serde(flatten)]
    pub columns: IndexMap<String, serde_json::Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_writes_its_style_first_and_reads_back() {
        let pagination = Pagination::Offset {
            offset: "offset".to_owned(),
            limit: "limit".to_owned(),
            total: "instance_num".to_owned(),
            items: "instances".to_owned(),
        };
        let mut extensions = Extensions::new();
        pagination.write(&mut extensions);
        assert_eq!(
            serde_json::to_string(&extensions[Pagination::NAME]).expect("JSON"),
            r#"{"style":"offset","offset":"offset","limit":"limit","total":"instance_num","items":"instances"}"#
        );
        let read = Pagination::read(&extensions)
            .expect("present")
            .expect("valid");
        assert_eq!(read, pagination);
    }

    #[test]
    fn a_setting_of_the_other_style_is_an_error_naming_it() {
        let mut extensions = Extensions::new();
        extensions.insert(
            Pagination::NAME.to_owned(),
            serde_json::json!({"style": "marker", "marker": "marker", "limit": "limit", "next_marker": "next", "items": "items", "total": "count"}),
        );
        let error = Pagination::read(&extensions)
            .expect("present")
            .expect_err("total is no marker setting");
        assert!(
            error.to_string().contains("unknown field `total`"),
            "{error}"
        );
    }

    #[test]
    fn operation_variants_write_how_each_is_told_apart_beside_its_operation() {
        let variants = OperationVariants(vec![
            OperationVariant {
                told_apart_by: VariantDiscriminator::Body {
                    property: "reboot".to_owned(),
                    value: None,
                },
                operation: serde_json::from_value(serde_json::json!({
                    "operationId": "RestartEcs", "responses": {}
                }))
                .expect("an operation"),
            },
            OperationVariant {
                told_apart_by: VariantDiscriminator::NotRecorded,
                operation: openapiv3::Operation::default(),
            },
        ]);
        let mut extensions = Extensions::new();
        variants.write(&mut extensions);
        assert_eq!(
            serde_json::to_string(&extensions[OperationVariants::NAME]).expect("JSON"),
            r#"[{"told-apart-by":{"in":"body","property":"reboot"},"operation":{"operationId":"RestartEcs","responses":{}}},{"told-apart-by":{"in":"not-recorded"},"operation":{"responses":{}}}]"#
        );
        let read = OperationVariants::read(&extensions)
            .expect("present")
            .expect("valid");
        assert_eq!(read, variants);
        assert_eq!(
            read.0[0].told_apart_by.describe(),
            "the `reboot` member of its body"
        );
        assert_eq!(
            VariantDiscriminator::Body {
                property: "action".to_owned(),
                value: Some(serde_json::json!("create"))
            }
            .describe(),
            r#"`"action": "create"` in its body"#
        );
        assert_eq!(
            VariantDiscriminator::Query {
                name: "type".to_owned(),
                value: Some(serde_json::json!("private"))
            }
            .describe(),
            "the query parameter `type=private`"
        );
        // A discriminator of another place is an error naming it, not a silent default.
        let mut unknown = Extensions::new();
        unknown.insert(
            OperationVariants::NAME.to_owned(),
            serde_json::json!([{"told-apart-by": {"in": "cookie", "name": "x"}, "operation": {"responses": {}}}]),
        );
        let error = OperationVariants::read(&unknown)
            .expect("present")
            .expect_err("cookie is no place");
        assert!(
            error.to_string().contains("unknown variant `cookie`"),
            "{error}"
        );
    }

    #[test]
    fn error_code_entries_keep_the_appendix_columns_in_order() {
        let text = r#"[{"status_code": 400, "error_code": "DCS.4001", "error_message": "No such instance.", "solution": "Check the ID."}, {"error_code": "DCS.5000"}]"#;
        let mut extensions = Extensions::new();
        extensions.insert(
            ErrorCodes::NAME.to_owned(),
            serde_json::from_str(text).expect("JSON"),
        );
        let ErrorCodes(entries) = ErrorCodes::read(&extensions)
            .expect("present")
            .expect("valid");
        assert_eq!(entries[0].status_code, Some(400));
        assert_eq!(
            entries[0].columns.keys().collect::<Vec<_>>(),
            ["error_message", "solution"]
        );
        assert_eq!(entries[1].status_code, None);
        let mut written = Extensions::new();
        ErrorCodes(entries).write(&mut written);
        assert_eq!(
            serde_json::to_string(&written[ErrorCodes::NAME]).expect("JSON"),
            r#"[{"status_code":400,"error_code":"DCS.4001","error_message":"No such instance.","solution":"Check the ID."},{"error_code":"DCS.5000"}]"#
        );
    }
}
