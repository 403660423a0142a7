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

/// `x-combined-source-pages` (operation): other pages that document another variant of the
/// same operation, combined into it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CombinedSourcePages(pub Vec<String>);

impl Extension for CombinedSourcePages {
    const NAME: &'static str = "x-combined-source-pages";
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
