//! What a schema is, before any type is built: a borrowed schema-or-reference
//! ([`SchemaRef`]), and the shape that decides its Rust type (scalar, string enum, array, map,
//! object, `allOf`, `oneOf`/`anyOf`, `not`, anything), read alike from typed and untyped
//! (`SchemaKind::Any`) schemas.

use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty,
};

use super::model::RustType;

/// A schema or a reference to one, borrowed (the spec is never cloned).
#[derive(Clone, Copy)]
pub(super) enum SchemaRef<'a> {
    Reference(&'a str),
    Item(&'a Schema),
}

impl<'a> SchemaRef<'a> {
    pub(super) fn of(schema: &'a ReferenceOr<Schema>) -> SchemaRef<'a> {
        match schema {
            ReferenceOr::Item(schema) => SchemaRef::Item(schema),
            ReferenceOr::Reference { reference } => SchemaRef::Reference(reference),
        }
    }

    pub(super) fn of_boxed(schema: &'a ReferenceOr<Box<Schema>>) -> SchemaRef<'a> {
        match schema {
            ReferenceOr::Item(schema) => SchemaRef::Item(schema),
            ReferenceOr::Reference { reference } => SchemaRef::Reference(reference),
        }
    }

    pub(super) fn item(self) -> Option<&'a Schema> {
        match self {
            SchemaRef::Item(schema) => Some(schema),
            SchemaRef::Reference(_) => None,
        }
    }
}

/// What a schema is, for choosing its Rust type.
pub(super) enum Shape<'a> {
    Scalar(RustType),
    StringEnum(Vec<String>),
    Array(Option<SchemaRef<'a>>),
    /// An object without properties: a map of `additionalProperties` (`None`: any value).
    Map(Option<SchemaRef<'a>>),
    /// An object with properties.
    Object,
    /// `allOf` parts, with sibling properties or not.
    AllOf(&'a [ReferenceOr<Schema>], bool),
    /// `oneOf` (false) or `anyOf` (true) alternatives.
    Union(&'a [ReferenceOr<Schema>], bool),
    Not,
    Any,
}

pub(super) fn shape_of(schema: &Schema) -> Shape<'_> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => {
            let values: Vec<String> = string.enumeration.iter().flatten().cloned().collect();
            if values.is_empty() {
                Shape::Scalar(RustType::String)
            } else {
                Shape::StringEnum(values)
            }
        }
        SchemaKind::Type(Type::Boolean(_)) => Shape::Scalar(RustType::Bool),
        SchemaKind::Type(Type::Integer(integer)) => Shape::Scalar(match &integer.format {
            VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => RustType::I32,
            _ => RustType::I64,
        }),
        SchemaKind::Type(Type::Number(number)) => Shape::Scalar(match &number.format {
            VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Float) => RustType::F32,
            _ => RustType::F64,
        }),
        SchemaKind::Type(Type::Array(array)) => {
            Shape::Array(array.items.as_ref().map(SchemaRef::of_boxed))
        }
        SchemaKind::Type(Type::Object(object)) => {
            if object.properties.is_empty() {
                Shape::Map(additional_schema(&object.additional_properties))
            } else {
                Shape::Object
            }
        }
        SchemaKind::AllOf { all_of } => Shape::AllOf(all_of, false),
        SchemaKind::OneOf { one_of } => Shape::Union(one_of, false),
        SchemaKind::AnyOf { any_of } => Shape::Union(any_of, true),
        SchemaKind::Not { .. } => Shape::Not,
        SchemaKind::Any(any) => {
            if !any.all_of.is_empty() {
                Shape::AllOf(&any.all_of, !any.properties.is_empty())
            } else if !any.one_of.is_empty() {
                Shape::Union(&any.one_of, false)
            } else if !any.any_of.is_empty() {
                Shape::Union(&any.any_of, true)
            } else if !any.properties.is_empty() {
                Shape::Object
            } else if any.additional_properties.is_some() || any.typ.as_deref() == Some("object") {
                Shape::Map(additional_schema(&any.additional_properties))
            } else if any.not.is_some() {
                Shape::Not
            } else {
                match any.typ.as_deref() {
                    Some("string") => {
                        let values: Vec<String> = any
                            .enumeration
                            .iter()
                            .filter_map(|value| value.as_str().map(str::to_owned))
                            .collect();
                        if values.is_empty() {
                            Shape::Scalar(RustType::String)
                        } else {
                            Shape::StringEnum(values)
                        }
                    }
                    Some("integer") => Shape::Scalar(match any.format.as_deref() {
                        Some("int32") => RustType::I32,
                        _ => RustType::I64,
                    }),
                    Some("number") => Shape::Scalar(match any.format.as_deref() {
                        Some("float") => RustType::F32,
                        _ => RustType::F64,
                    }),
                    Some("boolean") => Shape::Scalar(RustType::Bool),
                    Some("array") => Shape::Array(any.items.as_ref().map(SchemaRef::of_boxed)),
                    _ => Shape::Any,
                }
            }
        }
    }
}

fn additional_schema(additional: &Option<AdditionalProperties>) -> Option<SchemaRef<'_>> {
    match additional {
        Some(AdditionalProperties::Schema(schema)) => Some(SchemaRef::of(schema)),
        _ => None,
    }
}

/// A schema that says nothing about the value (only a description, `nullable`, an example):
/// an `allOf` part that adds no members.
pub(super) fn is_empty_schema(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Any(any) => {
            any.typ.is_none()
                && any.properties.is_empty()
                && any.additional_properties.is_none()
                && any.all_of.is_empty()
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.not.is_none()
                && any.items.is_none()
                && any.enumeration.is_empty()
        }
        _ => false,
    }
}

/// A string schema with `format: binary`.
pub(super) fn is_binary_string(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => matches!(
            &string.format,
            VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary)
        ),
        SchemaKind::Any(any) => {
            any.typ.as_deref() == Some("string") && any.format.as_deref() == Some("binary")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(value: serde_json::Value) -> Schema {
        serde_json::from_value(value).expect("a schema")
    }

    /// The shape's kind and, for scalars, the Rust type, so shapes compare in a table.
    fn shape_name(value: serde_json::Value) -> String {
        match shape_of(&schema(value)) {
            Shape::Scalar(rust_type) => format!("scalar {rust_type:?}"),
            Shape::StringEnum(values) => format!("string enum {values:?}"),
            Shape::Array(items) => format!("array, items given: {}", items.is_some()),
            Shape::Map(value) => format!("map, value given: {}", value.is_some()),
            Shape::Object => "object".to_owned(),
            Shape::AllOf(parts, has_properties) => {
                format!("allOf of {}, properties: {has_properties}", parts.len())
            }
            Shape::Union(parts, any_of) => format!("union of {}, anyOf: {any_of}", parts.len()),
            Shape::Not => "not".to_owned(),
            Shape::Any => "any".to_owned(),
        }
    }

    #[test]
    fn typed_and_untyped_schemas_have_the_same_shapes() {
        use serde_json::json;
        for (value, expected) in [
            (json!({"type": "integer", "format": "int32"}), "scalar I32"),
            (json!({"type": "integer"}), "scalar I64"),
            (json!({"type": "number", "format": "float"}), "scalar F32"),
            (
                json!({"type": "string", "enum": ["a", "b"]}),
                "string enum [\"a\", \"b\"]",
            ),
            (json!({"type": "array"}), "array, items given: false"),
            (json!({"type": "object"}), "map, value given: false"),
            (
                json!({"type": "object", "additionalProperties": {"type": "string"}}),
                "map, value given: true",
            ),
            (json!({"type": "object", "properties": {"a": {}}}), "object"),
            (json!({"oneOf": [{}, {}]}), "union of 2, anyOf: false"),
            (json!({"anyOf": [{}]}), "union of 1, anyOf: true"),
            (json!({"allOf": [{}]}), "allOf of 1, properties: false"),
            (json!({"not": {}}), "not"),
            (json!({}), "any"),
            // Without `type` (or with one openapiv3 reads as untyped), the same shapes.
            (
                json!({"format": "int32", "minimum": 1, "nullable": true}),
                "any",
            ),
            (json!({"properties": {"a": {}}}), "object"),
            (
                json!({"allOf": [{}], "properties": {"a": {}}}),
                "allOf of 1, properties: true",
            ),
            (
                json!({"additionalProperties": true}),
                "map, value given: false",
            ),
            (
                json!({"type": "string", "nullable": true, "enum": ["a", null]}),
                "string enum [\"a\"]",
            ),
        ] {
            assert_eq!(shape_name(value.clone()), expected, "{value}");
        }
    }

    #[test]
    fn empty_and_binary_string_schemas_are_recognised() {
        use serde_json::json;
        assert!(is_empty_schema(&schema(
            json!({"description": "Only prose.", "nullable": true})
        )));
        assert!(!is_empty_schema(&schema(json!({"properties": {"a": {}}}))));
        assert!(!is_empty_schema(&schema(json!({"type": "object"}))));
        assert!(is_binary_string(&schema(
            json!({"type": "string", "format": "binary"})
        )));
        assert!(!is_binary_string(&schema(
            json!({"type": "string", "format": "byte"})
        )));
        assert!(!is_binary_string(&schema(json!({"type": "integer"}))));
    }
}
