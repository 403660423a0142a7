//! Schema → Rust type: references to component types, scalars, arrays and maps written in
//! place, and named types for inline objects, string enums and unions (one type for identical
//! inline schemas); plus what a built type is (a scalar parameter value, a struct behind
//! aliases). Objects and unions are built in `objects` and `unions`, which come back here for
//! the types of their members: the recursion of the schema grammar itself.

use openapiv3::{ReferenceOr, Schema, SchemaKind};

use super::builder::{Builder, MAX_REFERENCE_DEPTH};
use super::model::{FieldDefinition, RustType, TypeDefinition, TypeKind};
use super::names::enum_values;
use super::objects::ObjectShape;
use super::shapes::{is_binary_string, is_empty_schema, shape_of, SchemaRef, Shape};
use crate::openapi_refs::{escape_pointer, follow_reference, unescape_pointer};

impl<'a> Builder<'a> {
    /// The type a `$ref` stands for: a component schema's type, or the lossless fallback.
    pub(super) fn reference_type(&mut self, reference: &str, pointer: &str) -> RustType {
        let name = reference
            .strip_prefix("#/components/schemas/")
            .map(unescape_pointer);
        match name.and_then(|name| self.component_type_names.get(&name)) {
            Some(rust_name) => RustType::Named(rust_name.clone()),
            None => {
                self.unsupported(
                    pointer,
                    format!("reference {reference} (not a component schema of this document)"),
                    "serde_json::Value",
                );
                RustType::JsonValue
            }
        }
    }

    /// Follows references to the component schema they end at: the schema, its pointer and
    /// its Rust name.
    pub(super) fn resolve_schema(
        &self,
        schema: SchemaRef<'a>,
    ) -> Option<(&'a Schema, String, String)> {
        let SchemaRef::Reference(reference) = schema else {
            return None;
        };
        let (schema, key) = follow_reference(reference, "#/components/schemas/", |name| {
            self.components.schemas.get_key_value(name)
        })
        .ok()?;
        Some((
            schema,
            format!("#/components/schemas/{}", escape_pointer(key)),
            self.component_type_names.get(key)?.clone(),
        ))
    }

    pub(super) fn is_nullable(&self, schema: SchemaRef<'a>) -> bool {
        match schema {
            SchemaRef::Item(schema) => schema.schema_data.nullable,
            SchemaRef::Reference(_) => self
                .resolve_schema(schema)
                .is_some_and(|(schema, _, _)| schema.schema_data.nullable),
        }
    }

    /// The definition of a named type (a component, or an inline schema given a name).
    pub(super) fn type_definition(
        &mut self,
        rust_name: &str,
        schema: &'a Schema,
        pointer: &str,
    ) -> TypeDefinition {
        let description = schema.schema_data.description.clone();
        let kind = match self.direct_type(schema, rust_name, pointer) {
            Some(rust_type) => TypeKind::Alias(rust_type),
            None => self.named_kind(rust_name, schema, pointer),
        };
        if schema.schema_data.discriminator.is_some() && !matches!(kind, TypeKind::Union { .. }) {
            self.unsupported(
                &format!("{pointer}/discriminator"),
                "a discriminator without oneOf/anyOf (polymorphism through allOf)",
                "the type decodes its own properties; a subtype's other members are not kept",
            );
        }
        TypeDefinition {
            name: rust_name.to_owned(),
            description,
            kind,
        }
    }

    /// The Rust type of a schema that needs no name of its own (scalars, arrays, maps, a
    /// single `allOf` part), or `None` when it needs a named type.
    fn direct_type(&mut self, schema: &'a Schema, hint: &str, pointer: &str) -> Option<RustType> {
        match shape_of(schema) {
            Shape::Scalar(RustType::String) if self.binary_strings && is_binary_string(schema) => {
                Some(RustType::Bytes)
            }
            Shape::Scalar(rust_type) => Some(rust_type),
            Shape::StringEnum(_) | Shape::Object => None,
            Shape::Array(items) => Some(RustType::Vec(Box::new(match items {
                Some(items) => {
                    self.rust_type(items, &format!("{hint}Item"), &format!("{pointer}/items"))
                }
                None => RustType::JsonValue,
            }))),
            Shape::Map(None) => Some(RustType::JsonObject),
            Shape::Map(Some(value)) => Some(RustType::Map(Box::new(self.rust_type(
                value,
                &format!("{hint}Value"),
                &format!("{pointer}/additionalProperties"),
            )))),
            Shape::AllOf(parts, has_properties) => {
                let meaningful: Vec<(usize, &'a ReferenceOr<Schema>)> = parts
                    .iter()
                    .enumerate()
                    .filter(|(_, part)| !matches!(part, ReferenceOr::Item(part) if is_empty_schema(part)))
                    .collect();
                if !has_properties && meaningful.len() == 1 {
                    let (index, part) = meaningful[0];
                    return Some(self.rust_type(
                        SchemaRef::of(part),
                        hint,
                        &format!("{pointer}/allOf/{index}"),
                    ));
                }
                let mut shape = ObjectShape::default();
                if self.gather_object(schema, pointer, hint, &mut shape, 0) {
                    None
                } else {
                    self.unsupported(
                        pointer,
                        "allOf of parts that are not all objects",
                        "serde_json::Value",
                    );
                    Some(RustType::JsonValue)
                }
            }
            Shape::Union(parts, _) if parts.len() == 1 => {
                let key = if matches!(schema.schema_kind, SchemaKind::AnyOf { .. }) {
                    "anyOf"
                } else {
                    "oneOf"
                };
                Some(self.rust_type(
                    SchemaRef::of(&parts[0]),
                    hint,
                    &format!("{pointer}/{key}/0"),
                ))
            }
            Shape::Union(..) => None,
            Shape::Not => {
                self.unsupported(pointer, "a `not` schema", "serde_json::Value");
                Some(RustType::JsonValue)
            }
            Shape::Any => Some(RustType::JsonValue),
        }
    }

    /// The kind of a type that needs a name: struct, string enum or union.
    fn named_kind(&mut self, rust_name: &str, schema: &'a Schema, pointer: &str) -> TypeKind {
        match shape_of(schema) {
            Shape::StringEnum(values) => TypeKind::StringEnum {
                values: enum_values(&values),
            },
            Shape::Union(parts, any_of) => {
                self.union_kind(rust_name, schema, parts, any_of, pointer)
            }
            _ => {
                let mut shape = ObjectShape::default();
                self.gather_object(schema, pointer, rust_name, &mut shape, 0);
                self.struct_kind(shape)
            }
        }
    }

    /// The Rust type of a schema. Inline schemas that need a name (objects, string enums,
    /// unions) become named types called after where they occur.
    pub(super) fn rust_type(
        &mut self,
        schema: SchemaRef<'a>,
        hint: &str,
        pointer: &str,
    ) -> RustType {
        let schema = match schema {
            SchemaRef::Reference(reference) => return self.reference_type(reference, pointer),
            SchemaRef::Item(schema) => schema,
        };
        if let Some(known) = self.inline_types.get(pointer) {
            return known.clone();
        }
        let rust_type = match self.direct_type(schema, hint, pointer) {
            Some(rust_type) => rust_type,
            None => {
                // The same inline schema written out again elsewhere (huge specs repeat their
                // error bodies and enums hundreds of times) is the same type: one definition,
                // named after where it occurs first.
                let key = format!(
                    "{}{}",
                    self.binary_strings,
                    serde_json::to_string(schema).unwrap_or_else(|_| pointer.to_owned())
                );
                if let Some(known) = self.inline_shapes.get(&key) {
                    let known = known.clone();
                    self.inline_types.insert(pointer.to_owned(), known.clone());
                    return known;
                }
                let name = self.allocate_type_name(hint);
                self.inline_shapes
                    .insert(key, RustType::Named(name.clone()));
                // Registered before it is built, so a schema met again while building it
                // (through a component parameter) finds it.
                self.inline_types
                    .insert(pointer.to_owned(), RustType::Named(name.clone()));
                let definition = self.type_definition(&name, schema, pointer);
                self.types.insert(name.clone(), definition);
                RustType::Named(name)
            }
        };
        self.inline_types
            .insert(pointer.to_owned(), rust_type.clone());
        rust_type
    }

    /// Whether a type can be sent as one parameter value (it implements `Display`).
    pub(super) fn is_parameter_scalar(&self, rust_type: &RustType, depth: usize) -> bool {
        match rust_type {
            RustType::String
            | RustType::I32
            | RustType::I64
            | RustType::F32
            | RustType::F64
            | RustType::Bool => true,
            RustType::Named(name) if depth < MAX_REFERENCE_DEPTH => {
                match self.types.get(name).map(|definition| &definition.kind) {
                    Some(TypeKind::StringEnum { .. }) => true,
                    Some(TypeKind::Alias(target)) => self.is_parameter_scalar(target, depth + 1),
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// The struct behind a type (through aliases), if it is one.
    pub(super) fn struct_fields(&self, rust_type: &RustType) -> Option<&Vec<FieldDefinition>> {
        let mut current = rust_type;
        for _ in 0..MAX_REFERENCE_DEPTH {
            let RustType::Named(name) = current else {
                return None;
            };
            match &self.types.get(name)?.kind {
                TypeKind::Struct { fields, .. } => return Some(fields),
                TypeKind::Alias(target) => current = target,
                _ => return None,
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use openapiv3::Components;
    use serde_json::json;

    use super::*;
    use crate::generate::ir::model::CompletenessItem;
    use crate::generate::ir::settings::GenerateSettings;

    fn schema(value: serde_json::Value) -> Schema {
        serde_json::from_value(value).expect("a schema")
    }

    #[test]
    fn scalars_arrays_maps_and_references_are_written_in_place() {
        let schemas = [
            schema(json!({"type": "array", "items": {"type": "integer", "format": "int32"}})),
            schema(json!({"type": "object", "additionalProperties": {"type": "boolean"}})),
            schema(json!({"type": "object"})),
            schema(json!({})),
            schema(json!({"allOf": [{"$ref": "#/components/schemas/pet"}, {"description": "x"}]})),
            schema(json!({"oneOf": [{"type": "number"}]})),
        ];
        let components = Components::default();
        let settings = GenerateSettings::standalone();
        let mut builder = Builder::new(&components, &settings);
        builder
            .component_type_names
            .insert("pet".to_owned(), "Pet".to_owned());
        let rust_types: Vec<RustType> = schemas
            .iter()
            .enumerate()
            .map(|(index, schema)| {
                builder.rust_type(SchemaRef::Item(schema), "Hint", &format!("#/{index}"))
            })
            .collect();
        assert_eq!(
            rust_types,
            [
                RustType::Vec(Box::new(RustType::I32)),
                RustType::Map(Box::new(RustType::Bool)),
                RustType::JsonObject,
                RustType::JsonValue,
                RustType::Named("Pet".to_owned()),
                RustType::F64,
            ]
        );
        assert!(builder.types.is_empty(), "{:?}", builder.types.keys());
        assert_eq!(
            builder.rust_type(
                SchemaRef::Reference("#/components/schemas/missing"),
                "Hint",
                "#/6"
            ),
            RustType::JsonValue
        );
        assert_eq!(
            builder.report,
            [CompletenessItem {
                pointer: "#/6".to_owned(),
                reason: "reference #/components/schemas/missing (not a component schema of this document)".to_owned(),
                fallback: "serde_json::Value".to_owned(),
            }]
        );
    }

    #[test]
    fn an_inline_schema_written_out_twice_is_one_type_named_where_it_occurs_first() {
        let error_body = json!({"type": "object", "properties": {"code": {"type": "string"}}});
        let first = schema(error_body.clone());
        let again = schema(error_body);
        let status = schema(json!({"type": "string", "enum": ["on", "off"]}));
        let components = Components::default();
        let settings = GenerateSettings::standalone();
        let mut builder = Builder::new(&components, &settings);
        let first_type = builder.rust_type(SchemaRef::Item(&first), "CreatePetError", "#/a");
        let again_type = builder.rust_type(SchemaRef::Item(&again), "DeletePetError", "#/b");
        let status_type = builder.rust_type(SchemaRef::Item(&status), "PetStatus", "#/c");
        assert_eq!(first_type, RustType::Named("CreatePetError".to_owned()));
        assert_eq!(again_type, first_type);
        assert_eq!(status_type, RustType::Named("PetStatus".to_owned()));
        let names: Vec<&String> = builder.types.keys().collect();
        assert_eq!(names, ["CreatePetError", "PetStatus"]);
        assert!(matches!(
            &builder.types["PetStatus"].kind,
            TypeKind::StringEnum { values } if values.len() == 2
        ));
    }

    #[test]
    fn parameter_scalars_and_structs_are_seen_through_aliases() {
        let components = Components::default();
        let settings = GenerateSettings::standalone();
        let mut builder = Builder::new(&components, &settings);
        let alias = |name: &str, target: RustType| TypeDefinition {
            name: name.to_owned(),
            description: None,
            kind: TypeKind::Alias(target),
        };
        builder
            .types
            .insert("Id".to_owned(), alias("Id", RustType::I64));
        builder.types.insert(
            "Ids".to_owned(),
            alias("Ids", RustType::Vec(Box::new(RustType::I64))),
        );
        builder.types.insert(
            "Pet".to_owned(),
            TypeDefinition {
                name: "Pet".to_owned(),
                description: None,
                kind: TypeKind::Struct {
                    fields: Vec::new(),
                    additional_properties: None,
                },
            },
        );
        builder.types.insert(
            "PetAlias".to_owned(),
            alias("PetAlias", RustType::Named("Pet".to_owned())),
        );
        let named = |name: &str| RustType::Named(name.to_owned());
        assert!(builder.is_parameter_scalar(&named("Id"), 0));
        assert!(!builder.is_parameter_scalar(&named("Ids"), 0));
        assert!(!builder.is_parameter_scalar(&named("Pet"), 0));
        assert!(!builder.is_parameter_scalar(&RustType::JsonValue, 0));
        assert_eq!(builder.struct_fields(&named("PetAlias")), Some(&Vec::new()));
        assert_eq!(builder.struct_fields(&named("Id")), None);
    }
}
