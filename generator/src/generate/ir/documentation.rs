//! Doc comment lines of properties and parameters: the description, then what the schema's
//! constraints say (lengths, bounds, allowed values, default, nullable), after a blank line.

use openapiv3::{Schema, SchemaKind, Type};

use super::model::ValueConstraints;

/// Doc comment lines for a property: its description, then what the constraints say.
pub(super) fn documentation_lines(schema: &Schema) -> Vec<String> {
    let mut lines: Vec<String> = schema
        .schema_data
        .description
        .iter()
        .flat_map(|text| text.lines().map(str::to_owned))
        .collect();
    lines.extend(constraint_lines(schema));
    lines
}

pub(super) fn constraint_lines(schema: &Schema) -> Vec<String> {
    let mut lines = Vec::new();
    let mut push = |line: String| {
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(line);
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => {
            if let Some(minimum) = string.min_length {
                push(format!("Minimum length: {minimum}"));
            }
            if let Some(maximum) = string.max_length {
                push(format!("Maximum length: {maximum}"));
            }
            if let Some(line) = allowed_values_line(&string.enumeration) {
                push(line);
            }
        }
        SchemaKind::Type(Type::Integer(integer)) => {
            if let Some(minimum) = integer.minimum {
                push(format!("Minimum: {minimum}"));
            }
            if let Some(maximum) = integer.maximum {
                push(format!("Maximum: {maximum}"));
            }
            if let Some(line) = allowed_values_line(&integer.enumeration) {
                push(line);
            }
        }
        SchemaKind::Type(Type::Number(number)) => {
            if let Some(minimum) = number.minimum {
                push(format!("Minimum: {minimum}"));
            }
            if let Some(maximum) = number.maximum {
                push(format!("Maximum: {maximum}"));
            }
        }
        SchemaKind::Type(Type::Array(array)) => {
            if let Some(minimum) = array.min_items {
                push(format!("Minimum items: {minimum}"));
            }
            if let Some(maximum) = array.max_items {
                push(format!("Maximum items: {maximum}"));
            }
        }
        _ => {}
    }
    if let Some(default) = &schema.schema_data.default {
        push(format!("Default: `{default}`"));
    }
    if schema.schema_data.nullable {
        push("May be `null`.".to_owned());
    }
    lines
}

/// What the schema allows beside its type, as data (the lines of [`constraint_lines`] say the
/// same in words).
pub(super) fn value_constraints(schema: &Schema) -> ValueConstraints {
    let mut constraints = ValueConstraints {
        default: schema.schema_data.default.clone(),
        nullable: schema.schema_data.nullable,
        ..ValueConstraints::default()
    };
    fn values<T: serde::Serialize>(enumeration: &[Option<T>]) -> Vec<serde_json::Value> {
        enumeration
            .iter()
            .flatten()
            .filter_map(|value| serde_json::to_value(value).ok())
            .collect()
    }
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => {
            constraints.min_length = string.min_length;
            constraints.max_length = string.max_length;
            constraints.allowed_values = values(&string.enumeration);
        }
        SchemaKind::Type(Type::Integer(integer)) => {
            constraints.minimum = integer.minimum.map(|minimum| minimum as f64);
            constraints.maximum = integer.maximum.map(|maximum| maximum as f64);
            constraints.allowed_values = values(&integer.enumeration);
        }
        SchemaKind::Type(Type::Number(number)) => {
            constraints.minimum = number.minimum;
            constraints.maximum = number.maximum;
            constraints.allowed_values = values(&number.enumeration);
        }
        SchemaKind::Type(Type::Boolean(boolean)) => {
            constraints.allowed_values = values(&boolean.enumeration);
        }
        SchemaKind::Type(Type::Array(array)) => {
            constraints.min_items = array.min_items;
            constraints.max_items = array.max_items;
        }
        _ => {}
    }
    constraints
}

/// The schema's own description, without the constraints' lines.
pub(super) fn schema_description(schema: &Schema) -> Option<String> {
    schema.schema_data.description.clone()
}

/// `Allowed values: `a`, `b``, for an `enum` (its `null` entries left out), or nothing.
fn allowed_values_line<T: std::fmt::Display>(enumeration: &[Option<T>]) -> Option<String> {
    if enumeration.is_empty() {
        return None;
    }
    let values: Vec<String> = enumeration
        .iter()
        .flatten()
        .map(|value| format!("`{value}`"))
        .collect();
    Some(format!("Allowed values: {}", values.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(schema: serde_json::Value, expected: &[&str]) {
        let schema: Schema = serde_json::from_value(schema).expect("a schema");
        assert_eq!(documentation_lines(&schema), expected);
    }

    #[test]
    fn the_description_comes_first_then_the_constraints_after_a_blank_line() {
        check(
            serde_json::json!({
                "type": "string",
                "description": "Instance name.\nUnique in the project.",
                "minLength": 4,
                "maxLength": 64,
                "enum": ["a", "b"],
                "default": "a",
            }),
            &[
                "Instance name.",
                "Unique in the project.",
                "",
                "Minimum length: 4",
                "Maximum length: 64",
                "Allowed values: `a`, `b`",
                "Default: `\"a\"`",
            ],
        );
    }

    #[test]
    fn numbers_and_arrays_give_their_bounds_and_nullable_is_said() {
        check(
            serde_json::json!({"type": "integer", "minimum": 1, "maximum": 500, "enum": [1, 2]}),
            &["", "Minimum: 1", "Maximum: 500", "Allowed values: `1`, `2`"],
        );
        check(
            serde_json::json!({"type": "number", "minimum": 0.5, "nullable": true}),
            &["", "Minimum: 0.5", "May be `null`."],
        );
        check(
            serde_json::json!({"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 10, "default": []}),
            &["", "Minimum items: 1", "Maximum items: 10", "Default: `[]`"],
        );
    }

    #[test]
    fn constraints_as_data_say_what_the_lines_say() {
        let schema: Schema = serde_json::from_value(serde_json::json!({
            "type": "integer", "minimum": 1, "maximum": 500, "enum": [1, 2], "default": 1,
            "nullable": true,
        }))
        .expect("a schema");
        assert_eq!(
            value_constraints(&schema),
            ValueConstraints {
                minimum: Some(1.0),
                maximum: Some(500.0),
                allowed_values: vec![serde_json::json!(1), serde_json::json!(2)],
                default: Some(serde_json::json!(1)),
                nullable: true,
                ..ValueConstraints::default()
            }
        );
        let schema: Schema = serde_json::from_value(serde_json::json!({
            "type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 10,
        }))
        .expect("a schema");
        let constraints = value_constraints(&schema);
        assert_eq!(
            (constraints.min_items, constraints.max_items),
            (Some(1), Some(10))
        );
    }

    #[test]
    fn a_schema_without_description_or_constraints_has_no_lines() {
        check(serde_json::json!({"type": "boolean"}), &[]);
        check(
            serde_json::json!({"description": "Only prose."}),
            &["Only prose."],
        );
    }
}
