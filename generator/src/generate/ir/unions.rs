//! `oneOf`/`anyOf` → enums: one variant per distinct alternative, named after its type;
//! dispatched on the discriminator when every alternative has a tag, else tried in an order
//! serde can tell apart (untagged).

use openapiv3::{ReferenceOr, Schema};

use super::builder::{Builder, MAX_REFERENCE_DEPTH};
use super::model::{RustType, TypeKind, UnionVariant};
use super::names::variant_name_of;
use super::shapes::SchemaRef;
use crate::openapi_refs::unescape_pointer;

impl<'a> Builder<'a> {
    pub(super) fn union_kind(
        &mut self,
        rust_name: &str,
        schema: &'a Schema,
        parts: &'a [ReferenceOr<Schema>],
        any_of: bool,
        pointer: &str,
    ) -> TypeKind {
        let key = if any_of { "anyOf" } else { "oneOf" };
        let mut variants: Vec<UnionVariant> = Vec::new();
        let mut component_keys: Vec<Option<String>> = Vec::new();
        for (index, part) in parts.iter().enumerate() {
            let part_pointer = format!("{pointer}/{key}/{index}");
            let component_key = match part {
                ReferenceOr::Reference { reference } => reference
                    .strip_prefix("#/components/schemas/")
                    .map(unescape_pointer),
                ReferenceOr::Item(_) => None,
            };
            let rust_type = self.rust_type(
                SchemaRef::of(part),
                &format!("{rust_name}Variant{}", index + 1),
                &part_pointer,
            );
            // The same schema listed twice (one `$ref` twice, or two identical inline schemas)
            // is one alternative: two variants of one type could never both be told apart.
            if variants
                .iter()
                .any(|variant| variant.rust_type == rust_type)
            {
                self.unsupported(
                    &part_pointer,
                    "an alternative that repeats an earlier one",
                    "one variant for both",
                );
                continue;
            }
            let base = variant_name_of(&rust_type);
            let mut variant_name = base.clone();
            let mut counter = 2;
            while variant_name == "Unknown"
                || variants
                    .iter()
                    .any(|variant| variant.rust_name == variant_name)
            {
                variant_name = format!("{base}{counter}");
                counter += 1;
            }
            variants.push(UnionVariant {
                rust_name: variant_name,
                rust_type,
                tags: Vec::new(),
            });
            component_keys.push(component_key);
        }
        let Some(discriminator) = &schema.schema_data.discriminator else {
            return TypeKind::Union {
                variants: self.untagged_order(variants),
                discriminator: None,
            };
        };
        for (value, target) in &discriminator.mapping {
            let target = target
                .strip_prefix("#/components/schemas/")
                .map(unescape_pointer)
                .unwrap_or_else(|| target.clone());
            for (variant, key) in variants.iter_mut().zip(&component_keys) {
                if key.as_deref() == Some(target.as_str()) {
                    variant.tags.push(value.clone());
                }
            }
        }
        for (variant, key) in variants.iter_mut().zip(&component_keys) {
            if variant.tags.is_empty() {
                if let Some(key) = key {
                    variant.tags.push(key.clone());
                }
            }
        }
        if variants.iter().any(|variant| variant.tags.is_empty()) {
            self.unsupported(
                &format!("{pointer}/discriminator"),
                "a discriminator with inline alternatives (no schema name to match)",
                "the alternatives are tried in order (untagged)",
            );
            return TypeKind::Union {
                variants: self.untagged_order(variants),
                discriminator: None,
            };
        }
        TypeKind::Union {
            variants,
            discriminator: Some(discriminator.property_name.clone()),
        }
    }

    /// Untagged alternatives in the order serde should try them: by JSON kind, scalars and
    /// arrays before objects, because a derived struct also decodes from an array (its fields
    /// by position), and any value last. Within a kind, the spec's order.
    fn untagged_order(&self, mut variants: Vec<UnionVariant>) -> Vec<UnionVariant> {
        variants.sort_by_key(|variant| self.json_kind_rank(&variant.rust_type, 0));
        variants
    }

    fn json_kind_rank(&self, rust_type: &RustType, depth: usize) -> u8 {
        match rust_type {
            RustType::Bool => 0,
            RustType::I32 | RustType::I64 => 1,
            RustType::F32 | RustType::F64 => 2,
            RustType::String | RustType::Bytes => 3,
            RustType::Vec(_) => 4,
            RustType::Map(_) | RustType::JsonObject => 5,
            RustType::JsonValue => 6,
            RustType::Boxed(inner) => self.json_kind_rank(inner, depth),
            RustType::Named(name) if depth < MAX_REFERENCE_DEPTH => {
                match self.types.get(name).map(|definition| &definition.kind) {
                    Some(TypeKind::StringEnum { .. }) => 3,
                    Some(TypeKind::Alias(target)) | Some(TypeKind::Newtype(target)) => {
                        self.json_kind_rank(target, depth + 1)
                    }
                    _ => 5,
                }
            }
            RustType::Named(_) => 5,
        }
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

    /// The union kind of `schema`, built as the type `Choice`, and the report.
    fn check(schema: &Schema) -> (TypeKind, Vec<CompletenessItem>) {
        let components = Components::default();
        let settings = GenerateSettings::standalone();
        let mut builder = Builder::new(&components, &settings);
        for name in ["Cat", "Dog"] {
            builder
                .component_type_names
                .insert(name.to_owned(), name.to_owned());
        }
        let definition = builder.type_definition("Choice", schema, "#/choice");
        (definition.kind, builder.report)
    }

    fn variant(rust_name: &str, rust_type: RustType, tags: &[&str]) -> UnionVariant {
        UnionVariant {
            rust_name: rust_name.to_owned(),
            rust_type,
            tags: tags.iter().map(|tag| (*tag).to_owned()).collect(),
        }
    }

    #[test]
    fn untagged_alternatives_are_tried_scalars_first_and_a_repeated_one_is_one_variant() {
        let (kind, report) = check(&schema(json!({"oneOf": [
            {"$ref": "#/components/schemas/Cat"},
            {"type": "array", "items": {"type": "string"}},
            {"type": "string"},
            {"$ref": "#/components/schemas/Cat"},
            {"type": "integer"},
        ]})));
        let cat = RustType::Named("Cat".to_owned());
        assert_eq!(
            kind,
            TypeKind::Union {
                variants: vec![
                    variant("Integer", RustType::I64, &[]),
                    variant("String", RustType::String, &[]),
                    variant("Array", RustType::Vec(Box::new(RustType::String)), &[]),
                    variant("Cat", cat, &[]),
                ],
                discriminator: None,
            }
        );
        assert_eq!(
            report,
            [CompletenessItem {
                pointer: "#/choice/oneOf/3".to_owned(),
                reason: "an alternative that repeats an earlier one".to_owned(),
                fallback: "one variant for both".to_owned(),
            }]
        );
    }

    #[test]
    fn a_discriminator_tags_each_alternative_by_mapping_or_schema_name() {
        let (kind, report) = check(&schema(json!({
            "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
            "discriminator": {
                "propertyName": "petType",
                "mapping": {"cat": "#/components/schemas/Cat", "kitten": "Cat"},
            },
        })));
        assert_eq!(
            kind,
            TypeKind::Union {
                variants: vec![
                    variant("Cat", RustType::Named("Cat".to_owned()), &["cat", "kitten"]),
                    variant("Dog", RustType::Named("Dog".to_owned()), &["Dog"]),
                ],
                discriminator: Some("petType".to_owned()),
            }
        );
        assert!(report.is_empty(), "{report:?}");
    }

    #[test]
    fn a_discriminator_over_inline_alternatives_falls_back_to_untagged() {
        let (kind, report) = check(&schema(json!({
            "anyOf": [{"$ref": "#/components/schemas/Cat"}, {"type": "boolean"}],
            "discriminator": {"propertyName": "petType"},
        })));
        assert_eq!(
            kind,
            TypeKind::Union {
                variants: vec![
                    variant("Boolean", RustType::Bool, &[]),
                    variant("Cat", RustType::Named("Cat".to_owned()), &["Cat"]),
                ],
                discriminator: None,
            }
        );
        assert_eq!(
            report
                .iter()
                .map(|item| item.pointer.as_str())
                .collect::<Vec<_>>(),
            ["#/choice/discriminator"]
        );
    }
}
