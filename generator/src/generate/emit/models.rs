//! Models: the named types of the `types` module (structs, string enums through the module's
//! `string_enum!` macro, unions, aliases and newtypes), each with its documentation.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::doc_comments::doc_lines;
use super::error_codes::emit_documented_error_impls;
use super::runtime_path::runtime_tokens;
use super::type_tokens::{type_tokens, TypePlace};
use crate::generate::ir::{
    AdditionalPropertiesField, EnumValue, FieldDefinition, GenerateSettings, ServiceModule,
    TypeDefinition, TypeKind, UnionVariant,
};

/// The named types, in name order, and the `documented_error` lookups.
pub fn emit_types(module: &ServiceModule, settings: &GenerateSettings) -> TokenStream {
    let types: Vec<&TypeDefinition> = module.types.values().collect();
    let prelude = emit_types_prelude(module);
    let chunk = emit_type_list(&types, settings);
    let documented_error_impls = emit_documented_error_impls(module, &runtime_tokens());
    quote! {
        #prelude
        #chunk
        #documented_error_impls
    }
}

/// What a types module needs before its types: the `string_enum!` macro, if any type uses it.
pub fn emit_types_prelude(module: &ServiceModule) -> TokenStream {
    let has_string_enums = module
        .types
        .values()
        .any(|definition| matches!(definition.kind, TypeKind::StringEnum { .. }));
    if has_string_enums {
        emit_string_enum_macro()
    } else {
        TokenStream::new()
    }
}

/// Some of the types (a huge spec's types are emitted and formatted in chunks, in parallel).
pub fn emit_type_list(types: &[&TypeDefinition], settings: &GenerateSettings) -> TokenStream {
    let place = TypePlace::models(settings);
    let runtime = runtime_tokens();
    let types = types
        .iter()
        .map(|definition| emit_type(definition, place, &runtime));
    quote! { #(#types)* }
}

/// The `documented_error` lookups of the models with an `error_code` field.
pub fn emit_types_epilogue(module: &ServiceModule) -> TokenStream {
    emit_documented_error_impls(module, &runtime_tokens())
}

fn emit_type(
    type_definition: &TypeDefinition,
    place: TypePlace,
    runtime: &TokenStream,
) -> TokenStream {
    match &type_definition.kind {
        TypeKind::Struct {
            fields,
            additional_properties,
        } => emit_struct(
            type_definition,
            fields,
            additional_properties.as_ref(),
            place,
        ),
        TypeKind::StringEnum { values } => emit_string_enum(type_definition, values),
        TypeKind::Union {
            variants,
            discriminator,
        } => emit_union(
            type_definition,
            variants,
            discriminator.as_deref(),
            place,
            runtime,
        ),
        TypeKind::Alias(target) => {
            let name = format_ident!("{}", type_definition.name);
            let documentation = description_doc(type_definition);
            let target = type_tokens(target, place);
            quote! { #documentation pub type #name = #target; }
        }
        TypeKind::Newtype(target) => {
            let name = format_ident!("{}", type_definition.name);
            let documentation = description_doc(type_definition);
            let target = type_tokens(target, place);
            quote! {
                #documentation
                #[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
                #[serde(transparent)]
                pub struct #name(pub #target);
            }
        }
    }
}

fn description_doc(type_definition: &TypeDefinition) -> TokenStream {
    doc_lines(
        &type_definition
            .description
            .iter()
            .flat_map(|text| text.lines().map(str::to_owned))
            .collect::<Vec<_>>(),
    )
}

/// A model struct, `#[non_exhaustive]` so that a field the docs add later breaks no caller
/// (callers start from `Default` and set fields), for example:
///
/// ```text
/// #[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
/// #[non_exhaustive]
/// pub struct ErrorResponse {
///     /// Error message.
///     #[serde(default, skip_serializing_if = "Option::is_none")]
///     pub error_msg: Option<String>,
/// }
/// ```
fn emit_struct(
    type_definition: &TypeDefinition,
    fields: &[FieldDefinition],
    additional_properties: Option<&AdditionalPropertiesField>,
    place: TypePlace,
) -> TokenStream {
    let name = format_ident!("{}", type_definition.name);
    let documentation = description_doc(type_definition);
    let field_tokens = fields.iter().map(|field| emit_field(field, place));
    let additional = additional_properties.map(|additional| {
        let rust_name = format_ident!("{}", additional.rust_name);
        let value_type = type_tokens(&additional.value_type, place);
        quote! {
            /// The members the schema does not name (`additionalProperties`).
            #[serde(flatten)]
            pub #rust_name: ::std::collections::BTreeMap<::std::string::String, #value_type>,
        }
    });
    let has_secrets = fields.iter().any(|field| field.is_secret);
    let derive_debug = (!has_secrets).then(|| quote! { Debug, });
    let redacted_debug =
        has_secrets.then(|| emit_redacted_debug(type_definition, fields, additional_properties));
    quote! {
        #documentation
        #[derive(#derive_debug Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#field_tokens)*
            #additional
        }
        #redacted_debug
    }
}

/// A string enum that keeps values the spec does not list, through the module's
/// `string_enum!` macro ([`emit_string_enum_macro`]), for example:
///
/// ```text
/// string_enum! {
///     /// Order status.
///     Status { Placed = "placed", Delivered = "delivered" }
/// }
/// ```
fn emit_string_enum(type_definition: &TypeDefinition, values: &[EnumValue]) -> TokenStream {
    let name = format_ident!("{}", type_definition.name);
    let documentation = description_doc(type_definition);
    let variants = values.iter().map(|value| {
        let variant = format_ident!("{}", value.rust_name);
        let wire = &value.wire;
        quote! { #variant = #wire }
    });
    quote! {
        string_enum! {
            #documentation
            #name { #(#variants),* }
        }
    }
}

/// The `string_enum!` macro of a types module: a string enum with an `Unknown(String)`
/// variant, so a value the server adds later never breaks decoding, plus `as_str`, `Display`,
/// `From<&str>`, `From<String>`, `Default` (the first listed value) and serde through the
/// string. A macro, because huge specs have thousands of such enums: the impls are written
/// once, and the generated source stays small enough to format and read.
pub fn emit_string_enum_macro() -> TokenStream {
    quote! {
        /// Defines a string enum that keeps values the API description does not list.
        macro_rules! string_enum {
            ($(#[doc = $doc:literal])* $name:ident { $first:ident = $first_wire:literal $(, $variant:ident = $wire:literal)* $(,)? }) => {
                $(#[doc = $doc])*
                #[derive(Debug, Clone, PartialEq, Eq, Hash)]
                // A value the API adds later is a new variant: callers match with a wildcard
                // arm, so adding it does not break their code.
                #[non_exhaustive]
                pub enum $name {
                    #[doc = concat!("`", $first_wire, "`")]
                    $first,
                    $(#[doc = concat!("`", $wire, "`")] $variant,)*
                    /// A value the API description does not list, kept as received.
                    Unknown(::std::string::String),
                }

                impl $name {
                    /// The value on the wire.
                    pub fn as_str(&self) -> &str {
                        match self {
                            Self::$first => $first_wire,
                            $(Self::$variant => $wire,)*
                            Self::Unknown(value) => value.as_str(),
                        }
                    }
                }

                impl ::std::default::Default for $name {
                    /// The first listed value.
                    fn default() -> Self {
                        Self::$first
                    }
                }

                impl ::std::fmt::Display for $name {
                    fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        formatter.write_str(self.as_str())
                    }
                }

                impl ::std::convert::From<&str> for $name {
                    fn from(value: &str) -> Self {
                        match value {
                            $first_wire => Self::$first,
                            $($wire => Self::$variant,)*
                            other => Self::Unknown(::std::borrow::ToOwned::to_owned(other)),
                        }
                    }
                }

                impl ::std::convert::From<::std::string::String> for $name {
                    fn from(value: ::std::string::String) -> Self {
                        Self::from(value.as_str())
                    }
                }

                impl ::serde::Serialize for $name {
                    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                        serializer.serialize_str(self.as_str())
                    }
                }

                impl<'de> ::serde::Deserialize<'de> for $name {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                        let value = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                        ::std::result::Result::Ok(Self::from(value))
                    }
                }
            };
        }
    }
}

/// A `oneOf`/`anyOf` enum. Untagged alternatives are tried in order, the first that keeps
/// every member of the value preferred (an object alternative decodes from any object, ignoring
/// the members it does not know), else the first that decodes. With a discriminator,
/// the property's value picks the alternative, which then decodes the whole object
/// (discriminator included: the alternatives' structs keep the property, which serde's
/// internal tagging would take away), and an unlisted value is kept as `Unknown`:
///
/// ```text
/// pub enum Pet { Cat(Cat), Dog(Dog), Unknown(serde_json::Value) }
/// impl<'de> Deserialize<'de> for Pet { /* match value["petType"] { "Cat" => …, … } */ }
/// ```
fn emit_union(
    type_definition: &TypeDefinition,
    variants: &[UnionVariant],
    discriminator: Option<&str>,
    place: TypePlace,
    runtime: &TokenStream,
) -> TokenStream {
    let name = format_ident!("{}", type_definition.name);
    let documentation = description_doc(type_definition);
    let variant_tokens = variants.iter().map(|variant| {
        let variant_name = format_ident!("{}", variant.rust_name);
        let rust_type = type_tokens(&variant.rust_type, place);
        quote! { #variant_name(#rust_type), }
    });
    let first = format_ident!("{}", variants[0].rust_name);
    let default = quote! {
        impl ::std::default::Default for #name {
            /// The first alternative, at its default.
            fn default() -> Self {
                Self::#first(::std::default::Default::default())
            }
        }
    };
    let Some(discriminator) = discriminator else {
        let attempts = variants.iter().map(|variant| {
            let variant_name = format_ident!("{}", variant.rust_name);
            let rust_type = type_tokens(&variant.rust_type, place);
            quote! {
                if let ::std::result::Result::Ok(decoded) = ::serde_json::from_value::<#rust_type>(::std::clone::Clone::clone(&value)) {
                    if #runtime::keeps_every_member(&decoded, &value) {
                        return ::std::result::Result::Ok(Self::#variant_name(decoded));
                    }
                    first_decoded.get_or_insert(Self::#variant_name(decoded));
                }
            }
        });
        let no_match = format!(
            "the value matches none of the alternatives of {}",
            type_definition.name
        );
        // The alternatives are whole bodies of differing size (the operations of one shared
        // path, or a body and a bare value), decoded once and matched on: boxing the large ones
        // would only add an allocation and a `*` to every match, as for response enums.
        return quote! {
            #documentation
            #[allow(clippy::large_enum_variant)]
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
            #[serde(untagged)]
            pub enum #name {
                #(#variant_tokens)*
            }
            #default

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                    let mut first_decoded = ::std::option::Option::None;
                    #(#attempts)*
                    first_decoded.ok_or_else(|| <D::Error as ::serde::de::Error>::custom(#no_match))
                }
            }
        };
    };
    let arms = variants.iter().map(|variant| {
        let variant_name = format_ident!("{}", variant.rust_name);
        let tags = &variant.tags;
        quote! {
            #(::std::option::Option::Some(#tags))|* => ::serde_json::from_value(value)
                .map(Self::#variant_name)
                .map_err(::serde::de::Error::custom),
        }
    });
    quote! {
        #documentation
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#variant_tokens)*
            /// A discriminator value the API description does not list, kept as received.
            Unknown(::serde_json::Value),
        }
        #default

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let tag = value
                    .get(#discriminator)
                    .and_then(::serde_json::Value::as_str)
                    .map(::std::borrow::ToOwned::to_owned);
                match tag.as_deref() {
                    #(#arms)*
                    _ => ::std::result::Result::Ok(Self::Unknown(value)),
                }
            }
        }
    }
}

/// `Debug` for a model with secret fields: the secrets print as `<redacted>`, for example:
///
/// ```text
/// impl ::std::fmt::Debug for ResetPasswordBody {
///     fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
///         formatter.debug_struct("ResetPasswordBody")
///             .field("new_password", &self.new_password.as_ref().map(|_| "<redacted>"))
///             .finish()
///     }
/// }
/// ```
fn emit_redacted_debug(
    type_definition: &TypeDefinition,
    fields: &[FieldDefinition],
    additional_properties: Option<&AdditionalPropertiesField>,
) -> TokenStream {
    let name = format_ident!("{}", type_definition.name);
    let name_text = &type_definition.name;
    let field_tokens = fields.iter().map(|field| {
        let rust_name = format_ident!("{}", field.rust_name);
        let rust_name_text = &field.rust_name;
        match (field.is_secret, field.optional) {
            (false, _) => quote! { .field(#rust_name_text, &self.#rust_name) },
            (true, true) => {
                quote! { .field(#rust_name_text, &self.#rust_name.as_ref().map(|_| "<redacted>")) }
            }
            (true, false) => quote! { .field(#rust_name_text, &"<redacted>") },
        }
    });
    let additional = additional_properties.map(|additional| {
        let rust_name = format_ident!("{}", additional.rust_name);
        let rust_name_text = &additional.rust_name;
        quote! { .field(#rust_name_text, &self.#rust_name) }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                formatter.debug_struct(#name_text) #(#field_tokens)* #additional .finish()
            }
        }
    }
}

fn emit_field(field: &FieldDefinition, place: TypePlace) -> TokenStream {
    let rust_name = format_ident!("{}", field.rust_name);
    let rust_type = type_tokens(&field.rust_type, place);
    let documentation = doc_lines(&field.documentation);
    let rename = (field.rust_name != field.json_name).then(|| {
        let json_name = &field.json_name;
        quote! { #[serde(rename = #json_name)] }
    });
    let optional_type = place.option(rust_type.clone());
    if field.optional && field.required {
        // Required but nullable: always sent, `None` as `null` (a required member left out
        // is a request the API refuses).
        quote! {
            #documentation
            #rename
            #[serde(default)]
            pub #rust_name: #optional_type,
        }
    } else if field.optional {
        quote! {
            #documentation
            #rename
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub #rust_name: #optional_type,
        }
    } else {
        quote! {
            #documentation
            #rename
            pub #rust_name: #rust_type,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::format::format_items;
    use crate::generate::ir::RustType;

    fn field(
        json_name: &str,
        rust_name: &str,
        rust_type: RustType,
        optional: bool,
    ) -> FieldDefinition {
        FieldDefinition {
            json_name: json_name.to_owned(),
            rust_name: rust_name.to_owned(),
            rust_type,
            required: !optional,
            optional,
            documentation: Vec::new(),
            is_secret: false,
            description: None,
            constraints: Default::default(),
        }
    }

    fn check(kind: TypeKind, settings: &GenerateSettings, expected: &str) {
        let definition = TypeDefinition {
            name: "Pet".to_owned(),
            description: Some("A pet.".to_owned()),
            kind,
        };
        let source = format_items(emit_type_list(&[&definition], settings)).expect("tokens parse");
        assert_eq!(source, expected);
    }

    #[test]
    fn a_struct_renames_its_fields_and_skips_absent_optional_ones() {
        let mut name = field("petName", "pet_name", RustType::String, false);
        name.documentation = vec![
            "The name.".to_owned(),
            String::new(),
            "Maximum length: 64".to_owned(),
        ];
        check(
            TypeKind::Struct {
                fields: vec![
                    name,
                    field(
                        "tags",
                        "tags",
                        RustType::Vec(Box::new(RustType::Named("Tag".to_owned()))),
                        true,
                    ),
                ],
                additional_properties: Some(AdditionalPropertiesField {
                    rust_name: "additional_properties".to_owned(),
                    value_type: RustType::JsonValue,
                }),
            },
            &GenerateSettings::otc_service("test"),
            r#"/// A pet.
#[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct Pet {
    /// The name.
    ///
    /// Maximum length: 64
    #[serde(rename = "petName")]
    pub pet_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    /// The members the schema does not name (`additionalProperties`).
    #[serde(flatten)]
    pub additional_properties: ::std::collections::BTreeMap<
        ::std::string::String,
        ::serde_json::Value,
    >,
}
"#,
        );
    }

    #[test]
    fn a_struct_with_a_secret_prints_it_redacted() {
        let mut password = field("password", "password", RustType::String, true);
        password.is_secret = true;
        check(
            TypeKind::Struct {
                fields: vec![field("name", "name", RustType::String, false), password],
                additional_properties: None,
            },
            &GenerateSettings::standalone(),
            r#"/// A pet.
#[derive(Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct Pet {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}
impl ::std::fmt::Debug for Pet {
    fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        formatter
            .debug_struct("Pet")
            .field("name", &self.name)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}
"#,
        );
    }

    #[test]
    fn a_string_enum_is_one_macro_call_and_aliases_and_newtypes_are_one_item() {
        let definition = TypeDefinition {
            name: "Status".to_owned(),
            description: None,
            kind: TypeKind::StringEnum {
                values: vec![
                    EnumValue {
                        wire: "placed".to_owned(),
                        rust_name: "Placed".to_owned(),
                    },
                    EnumValue {
                        wire: "in-stock".to_owned(),
                        rust_name: "InStock".to_owned(),
                    },
                ],
            },
        };
        let place = TypePlace::models(&GenerateSettings::standalone());
        assert_eq!(
            emit_type(&definition, place, &quote! { ::otc_client_runtime }).to_string(),
            quote! { string_enum! { Status { Placed = "placed", InStock = "in-stock" } } }
                .to_string()
        );
        check(
            TypeKind::Alias(RustType::Vec(Box::new(RustType::I64))),
            &GenerateSettings::standalone(),
            "/// A pet.\npub type Pet = Vec<i64>;\n",
        );
        check(
            TypeKind::Newtype(RustType::Vec(Box::new(RustType::Named("Pet".to_owned())))),
            &GenerateSettings::standalone(),
            r#"/// A pet.
#[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
#[serde(transparent)]
pub struct Pet(pub Vec<Pet>);
"#,
        );
    }

    #[test]
    fn a_union_with_a_discriminator_dispatches_on_its_value_and_keeps_unknown_ones() {
        let variant = |name: &str, tags: &[&str]| UnionVariant {
            rust_name: name.to_owned(),
            rust_type: RustType::Named(name.to_owned()),
            tags: tags.iter().map(|tag| (*tag).to_owned()).collect(),
        };
        check(
            TypeKind::Union {
                variants: vec![variant("Cat", &["cat", "kitten"]), variant("Dog", &["Dog"])],
                discriminator: Some("petType".to_owned()),
            },
            &GenerateSettings::standalone(),
            r#"/// A pet.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
#[serde(untagged)]
pub enum Pet {
    Cat(Cat),
    Dog(Dog),
    /// A discriminator value the API description does not list, kept as received.
    Unknown(::serde_json::Value),
}
impl ::std::default::Default for Pet {
    /// The first alternative, at its default.
    fn default() -> Self {
        Self::Cat(::std::default::Default::default())
    }
}
impl<'de> ::serde::Deserialize<'de> for Pet {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(
            deserializer,
        )?;
        let tag = value
            .get("petType")
            .and_then(::serde_json::Value::as_str)
            .map(::std::borrow::ToOwned::to_owned);
        match tag.as_deref() {
            ::std::option::Option::Some("cat")
            | ::std::option::Option::Some("kitten") => {
                ::serde_json::from_value(value)
                    .map(Self::Cat)
                    .map_err(::serde::de::Error::custom)
            }
            ::std::option::Option::Some("Dog") => {
                ::serde_json::from_value(value)
                    .map(Self::Dog)
                    .map_err(::serde::de::Error::custom)
            }
            _ => ::std::result::Result::Ok(Self::Unknown(value)),
        }
    }
}
"#,
        );
    }

    #[test]
    fn the_string_enum_macro_is_emitted_only_for_a_module_that_has_string_enums() {
        let mut module = ServiceModule {
            title: "Pets".to_owned(),
            server_url_template: String::new(),
            default_server_url: None,
            regions: Vec::new(),
            region_endpoints: Vec::new(),
            types: Default::default(),
            operations: Vec::new(),
            error_codes: Vec::new(),
            report: Vec::new(),
        };
        assert!(emit_types_prelude(&module).is_empty());
        module.types.insert(
            "Status".to_owned(),
            TypeDefinition {
                name: "Status".to_owned(),
                description: None,
                kind: TypeKind::StringEnum { values: Vec::new() },
            },
        );
        assert_eq!(
            emit_types_prelude(&module).to_string(),
            emit_string_enum_macro().to_string()
        );
    }
}
