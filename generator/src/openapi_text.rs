//! An OpenAPI document from its text (YAML, or JSON, which YAML reads too), for tools that read
//! specs written elsewhere (`cargo xtask spec-diff`, the generator fuzz target).

use openapiv3::OpenAPI;

/// Parses an OpenAPI document. A mapping with a duplicate key is an error naming the key and
/// its line.
///
/// The duplicate-key check is not just strictness: openapiv3 2.x panics ("somehow this parsed
/// successfully the second time") on a schema with a duplicate key, because its fallback
/// re-parses the schema from a JSON value, where the second entry silently replaces the first.
/// serde_yaml's own `Value` rejects duplicate keys, so reading the text into it first turns
/// that panic into an error (found by the `spec_generate` fuzz target).
pub fn parse_openapi_text(text: &str) -> Result<OpenAPI, serde_yaml::Error> {
    serde_yaml::from_str::<serde_yaml::Value>(text)?;
    serde_yaml::from_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duplicate_key_in_a_schema_is_an_error_not_a_panic() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: v}\npaths: {}\ncomponents:\n  schemas:\n    Thing:\n      description: first\n      description: second\n";
        let error = parse_openapi_text(text).expect_err("a duplicate key");
        assert!(
            error
                .to_string()
                .contains("duplicate entry with key \"description\""),
            "{error}"
        );
    }

    #[test]
    fn json_documents_read_too() {
        let document = parse_openapi_text(
            r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "v"}, "paths": {}}"#,
        )
        .expect("a JSON document");
        assert_eq!(document.info.title, "t");
    }
}
