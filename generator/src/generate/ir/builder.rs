//! The state the builders share while one spec becomes the intermediate form: the types built
//! so far, the names taken, the inline schemas already met, and every problem found. The
//! `impl Builder` blocks of the sibling modules (types, objects, unions, operations, bodies,
//! error codes) all work on it; here are only the state and what every one of them calls.

use std::collections::{BTreeMap, HashMap, HashSet};

use openapiv3::Components;

use super::model::{CompletenessItem, GenerateError, RustType, TypeDefinition};
use super::names::{type_name, RESERVED_TYPE_NAMES};
use super::settings::GenerateSettings;

/// How many references (or aliases) deep a chain is followed before it counts as a cycle.
pub(super) const MAX_REFERENCE_DEPTH: usize = 32;

pub(super) struct Builder<'a> {
    pub(super) components: &'a Components,
    pub(super) settings: &'a GenerateSettings,
    pub(super) types: BTreeMap<String, TypeDefinition>,
    pub(super) taken_type_names: HashSet<String>,
    /// Component schema key → Rust name.
    pub(super) component_type_names: HashMap<String, String>,
    /// Inline schemas already given a type, by JSON pointer (a component parameter or
    /// response is met once per operation that refers to it).
    pub(super) inline_types: HashMap<String, RustType>,
    /// Inline schemas already given a type, by their JSON text.
    pub(super) inline_shapes: HashMap<String, RustType>,
    /// Inside a multipart body: `format: binary` strings are bytes, not text.
    pub(super) binary_strings: bool,
    pub(super) errors: Vec<GenerateError>,
    pub(super) report: Vec<CompletenessItem>,
}

impl<'a> Builder<'a> {
    /// A builder with nothing built yet and only the reserved type names taken.
    pub(super) fn new(components: &'a Components, settings: &'a GenerateSettings) -> Builder<'a> {
        Builder {
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
        }
    }

    pub(super) fn error(&mut self, pointer: &str, message: impl Into<String>) {
        self.errors.push(GenerateError {
            pointer: pointer.to_owned(),
            message: message.into(),
        });
    }

    /// Something not supported: a report item with its fallback, or in strict mode an error.
    pub(super) fn unsupported(&mut self, pointer: &str, reason: impl Into<String>, fallback: &str) {
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

    /// A type name from a hint that no other type has: numbered (`Pet2`, `Pet3`) when taken,
    /// so two schemas that name alike both keep a type.
    pub(super) fn allocate_type_name(&mut self, hint: &str) -> String {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_are_numbered_past_taken_and_reserved_ones() {
        let components = Components::default();
        let settings = GenerateSettings::standalone();
        let mut builder = Builder::new(&components, &settings);
        let names: Vec<String> = ["pet", "Pet", "pet", "String", "option", ""]
            .iter()
            .map(|hint| builder.allocate_type_name(hint))
            .collect();
        assert_eq!(names, ["Pet", "Pet2", "Pet3", "String2", "Option2", "Type"]);
    }

    #[test]
    fn unsupported_constructs_are_report_items_or_in_strict_mode_errors() {
        let components = Components::default();
        let lenient = GenerateSettings::standalone();
        let mut builder = Builder::new(&components, &lenient);
        builder.unsupported("#/paths/~1a", "a `not` schema", "serde_json::Value");
        assert_eq!(
            builder.report,
            [CompletenessItem {
                pointer: "#/paths/~1a".to_owned(),
                reason: "a `not` schema".to_owned(),
                fallback: "serde_json::Value".to_owned(),
            }]
        );
        assert!(builder.errors.is_empty());
        let strict = GenerateSettings::otc_service("test");
        let mut builder = Builder::new(&components, &strict);
        builder.unsupported("#/paths/~1a", "a `not` schema", "serde_json::Value");
        assert_eq!(
            builder.errors,
            [GenerateError {
                pointer: "#/paths/~1a".to_owned(),
                message: "a `not` schema is not supported".to_owned(),
            }]
        );
        assert!(builder.report.is_empty());
    }
}
