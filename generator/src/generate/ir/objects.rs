//! Objects → structs: the members of an object gathered from its `properties` and from every
//! part of an `allOf` (references followed), then one field per member (snake case, unique,
//! optional unless required and not nullable) and a flattened map for `additionalProperties`.

use std::collections::BTreeSet;

use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty,
};

use super::builder::{Builder, MAX_REFERENCE_DEPTH};
use super::documentation::{documentation_lines, schema_description, value_constraints};
use super::model::{AdditionalPropertiesField, FieldDefinition, RustType, TypeKind};
use super::names::field_name;
use super::shapes::{is_empty_schema, SchemaRef};
use crate::naming::pascal_case;
use crate::openapi_refs::escape_pointer;

/// An object's members, gathered from `properties` (and from every part of an `allOf`).
#[derive(Default)]
pub(super) struct ObjectShape<'a> {
    /// (wire name, schema, pointer, owner type name for inline names)
    properties: Vec<(&'a str, SchemaRef<'a>, String, String)>,
    required: BTreeSet<&'a str>,
    additional: Option<(Option<SchemaRef<'a>>, String, String)>,
}

impl<'a> Builder<'a> {
    /// Gathers an object's members, following `allOf` parts and references; false when a part
    /// is not an object.
    pub(super) fn gather_object(
        &self,
        schema: &'a Schema,
        pointer: &str,
        owner: &str,
        shape: &mut ObjectShape<'a>,
        depth: usize,
    ) -> bool {
        if depth > MAX_REFERENCE_DEPTH {
            return false;
        }
        let add_properties =
            |properties: &'a indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
             required: &'a [String],
             additional: &'a Option<AdditionalProperties>,
             shape: &mut ObjectShape<'a>| {
                for (name, property) in properties {
                    if shape
                        .properties
                        .iter()
                        .any(|(existing, ..)| *existing == name.as_str())
                    {
                        continue;
                    }
                    shape.properties.push((
                        name.as_str(),
                        SchemaRef::of_boxed(property),
                        format!("{pointer}/properties/{}", escape_pointer(name)),
                        owner.to_owned(),
                    ));
                }
                shape.required.extend(required.iter().map(String::as_str));
                match additional {
                    Some(AdditionalProperties::Any(true)) if shape.additional.is_none() => {
                        shape.additional = Some((
                            None,
                            format!("{pointer}/additionalProperties"),
                            owner.to_owned(),
                        ));
                    }
                    Some(AdditionalProperties::Schema(value)) if shape.additional.is_none() => {
                        shape.additional = Some((
                            Some(SchemaRef::of(value)),
                            format!("{pointer}/additionalProperties"),
                            owner.to_owned(),
                        ));
                    }
                    _ => {}
                }
            };
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                add_properties(
                    &object.properties,
                    &object.required,
                    &object.additional_properties,
                    shape,
                );
                true
            }
            SchemaKind::AllOf { all_of } => self.gather_parts(all_of, pointer, owner, shape, depth),
            SchemaKind::Any(any) => {
                if !any.one_of.is_empty()
                    || !any.any_of.is_empty()
                    || any.typ.as_deref().is_some_and(|typ| typ != "object")
                {
                    return false;
                }
                add_properties(
                    &any.properties,
                    &any.required,
                    &any.additional_properties,
                    shape,
                );
                self.gather_parts(&any.all_of, pointer, owner, shape, depth)
            }
            _ => false,
        }
    }

    fn gather_parts(
        &self,
        parts: &'a [ReferenceOr<Schema>],
        pointer: &str,
        owner: &str,
        shape: &mut ObjectShape<'a>,
        depth: usize,
    ) -> bool {
        for (index, part) in parts.iter().enumerate() {
            let merged = match part {
                ReferenceOr::Item(part) => {
                    is_empty_schema(part)
                        || self.gather_object(
                            part,
                            &format!("{pointer}/allOf/{index}"),
                            owner,
                            shape,
                            depth + 1,
                        )
                }
                ReferenceOr::Reference { .. } => match self.resolve_schema(SchemaRef::of(part)) {
                    Some((target, target_pointer, target_name)) => {
                        self.gather_object(target, &target_pointer, &target_name, shape, depth + 1)
                    }
                    None => false,
                },
            };
            if !merged {
                return false;
            }
        }
        true
    }

    pub(super) fn struct_kind(&mut self, shape: ObjectShape<'a>) -> TypeKind {
        let mut fields: Vec<FieldDefinition> = Vec::new();
        for (json_name, property, pointer, owner) in shape.properties {
            let rust_type = self.rust_type(
                property,
                &format!("{owner}{}", pascal_case(json_name)),
                &pointer,
            );
            let mut rust_name = field_name(json_name);
            while fields.iter().any(|field| field.rust_name == rust_name) {
                rust_name.push('_');
            }
            let is_secret = property.item().is_some_and(|schema| {
                matches!(&schema.schema_kind, SchemaKind::Type(Type::String(string))
                    if string.format == VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Password))
            });
            fields.push(FieldDefinition {
                is_secret,
                json_name: json_name.to_owned(),
                rust_name,
                rust_type,
                required: shape.required.contains(json_name),
                optional: !shape.required.contains(json_name) || self.is_nullable(property),
                documentation: property.item().map(documentation_lines).unwrap_or_default(),
                description: property.item().and_then(schema_description),
                constraints: property.item().map(value_constraints).unwrap_or_default(),
            });
        }
        let additional_properties = shape.additional.map(|(value, pointer, owner)| {
            let value_type = match value {
                Some(value) => self.rust_type(value, &format!("{owner}Value"), &pointer),
                None => RustType::JsonValue,
            };
            let mut rust_name = "additional_properties".to_owned();
            while fields.iter().any(|field| field.rust_name == rust_name) {
                rust_name.push('_');
            }
            AdditionalPropertiesField {
                rust_name,
                value_type,
            }
        });
        TypeKind::Struct {
            fields,
            additional_properties,
        }
    }
}

#[cfg(test)]
mod tests {
    use openapiv3::OpenAPI;
    use serde_json::json;

    use super::*;
    use crate::generate::ir::settings::GenerateSettings;

    /// The fields of `Derived` as (wire name, Rust name, Rust type, optional).
    type FieldSummary = (String, String, RustType, bool);

    #[test]
    fn all_of_parts_and_references_merge_into_one_struct() {
        let document: OpenAPI = serde_json::from_value(json!({
            "openapi": "3.0.3",
            "info": {"title": "Objects", "version": "1"},
            "paths": {},
            "components": {"schemas": {
                "Base": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {"id": {"type": "string"}, "type": {"type": "string"}},
                },
                "Derived": {
                    "allOf": [
                        {"$ref": "#/components/schemas/Base"},
                        {
                            "required": ["extra-info", "id"],
                            "properties": {
                                "extra-info": {"type": "integer", "nullable": true},
                                "extra_info": {"type": "boolean", "description": "Another spelling."},
                                "id": {"type": "integer"},
                                "additional_properties": {"type": "string"},
                            },
                            "additionalProperties": {"type": "string"},
                        },
                        {"description": "Says nothing about members."},
                    ],
                },
            }},
        }))
        .expect("a document");
        let components = document.components.as_ref().expect("components");
        let settings = GenerateSettings::standalone();
        let mut builder = Builder::new(components, &settings);
        for name in ["Base", "Derived"] {
            builder
                .component_type_names
                .insert(name.to_owned(), name.to_owned());
        }
        let ReferenceOr::Item(derived) = &components.schemas["Derived"] else {
            panic!("Derived is written out");
        };
        let definition =
            builder.type_definition("Derived", derived, "#/components/schemas/Derived");
        let TypeKind::Struct {
            fields,
            additional_properties,
        } = definition.kind
        else {
            panic!("Derived is a struct: {:?}", definition.kind);
        };
        let summary: Vec<FieldSummary> = fields
            .iter()
            .map(|field| {
                (
                    field.json_name.clone(),
                    field.rust_name.clone(),
                    field.rust_type.clone(),
                    field.optional,
                )
            })
            .collect();
        let field = |json_name: &str, rust_name: &str, rust_type: RustType, optional: bool| {
            (
                json_name.to_owned(),
                rust_name.to_owned(),
                rust_type,
                optional,
            )
        };
        // The first part to name a member decides its type (`id` stays Base's string).
        assert_eq!(
            summary,
            [
                field("id", "id", RustType::String, false),
                field("type", "type_", RustType::String, true),
                field("extra-info", "extra_info", RustType::I64, true),
                field("extra_info", "extra_info_", RustType::Bool, true),
                field(
                    "additional_properties",
                    "additional_properties",
                    RustType::String,
                    true
                ),
            ]
        );
        assert_eq!(fields[3].documentation, ["Another spelling."]);
        assert_eq!(
            additional_properties,
            Some(AdditionalPropertiesField {
                rust_name: "additional_properties_".to_owned(),
                value_type: RustType::String,
            })
        );
        assert!(builder.report.is_empty(), "{:?}", builder.report);
    }
}
