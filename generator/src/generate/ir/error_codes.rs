//! `x-error-codes` → the documented error codes, each with the name of its constant in the
//! generated `error_codes` module (a name two codes would share is numbered and reported).

use openapiv3::OpenAPI;

use super::builder::Builder;
use super::model::ErrorCodeDefinition;
use super::names::error_code_constant_name;
use crate::extensions::{ErrorCodes, Extension};

impl<'a> Builder<'a> {
    /// Reads `x-error-codes`: entries with `error_code` and, when the appendix gives one, a
    /// `status_code`; the docs' other columns by name (`error_message`/`message`,
    /// `description`/`possible_cause`, `solution`/`measure`), anything else kept as is.
    pub(super) fn error_codes(&mut self, document: &OpenAPI) -> Vec<ErrorCodeDefinition> {
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
}

#[cfg(test)]
mod tests {
    use openapiv3::Components;

    use super::*;
    use crate::generate::ir::model::{CompletenessItem, GenerateError};
    use crate::generate::ir::settings::GenerateSettings;

    /// (code, constant name, first of its code, message, description, solution)
    type CodeSummary<'a> = (
        &'a str,
        &'a str,
        bool,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
    );

    fn document(error_codes: serde_json::Value) -> OpenAPI {
        serde_json::from_value(serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "Error codes", "version": "1"},
            "paths": {},
            "x-error-codes": error_codes,
        }))
        .expect("a document")
    }

    #[test]
    fn a_code_gets_one_constant_and_a_name_two_codes_share_is_numbered() {
        let components = Components::default();
        let settings = GenerateSettings::standalone();
        let mut builder = Builder::new(&components, &settings);
        let definitions = builder.error_codes(&document(serde_json::json!([
            {"status_code": 400, "error_code": "APP.0001", "error_message": "Bad name.", "handling_measure": "Rename."},
            {"status_code": 404, "error_code": "APP.0001", "message": "Not found."},
            {"error_code": "APP_0001", "possible_cause": "A clash.", "note": 7},
        ])));
        let summary: Vec<CodeSummary> = definitions
            .iter()
            .map(|definition| {
                (
                    definition.error_code.as_str(),
                    definition.constant_name.as_str(),
                    definition.first_of_its_code,
                    definition.message.as_deref(),
                    definition.description.as_deref(),
                    definition.solution.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "APP.0001",
                    "APP_0001",
                    true,
                    Some("Bad name."),
                    None,
                    Some("Rename.")
                ),
                (
                    "APP.0001",
                    "APP_0001",
                    false,
                    Some("Not found."),
                    None,
                    None
                ),
                ("APP_0001", "APP_0001_2", true, None, Some("A clash."), None),
            ]
        );
        assert_eq!(definitions[2].other, [("note".to_owned(), "7".to_owned())]);
        assert_eq!(definitions[2].status_code, None);
        assert_eq!(
            builder.report,
            [CompletenessItem {
                pointer: "#/x-error-codes/2/error_code".to_owned(),
                reason: "error code \"APP_0001\" with the constant name APP_0001 of another code"
                    .to_owned(),
                fallback: "the constant APP_0001_2".to_owned(),
            }]
        );
    }

    #[test]
    fn an_extension_that_does_not_fit_its_type_is_an_error() {
        let components = Components::default();
        let settings = GenerateSettings::standalone();
        let mut builder = Builder::new(&components, &settings);
        let definitions = builder.error_codes(&document(serde_json::json!({"APP.0001": 400})));
        assert!(definitions.is_empty());
        assert_eq!(builder.errors.len(), 1);
        let GenerateError { pointer, message } = &builder.errors[0];
        assert_eq!(pointer, "#/x-error-codes");
        assert!(message.starts_with("does not fit its type: "), "{message}");
    }
}
