//! Emitters: the intermediate form → tokens of one service module (types, request structs,
//! response enums, client methods). Nothing here decides a name or a type; `ir` did.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::generate::ir::{
    BodyDecoding, BodyDefinition, BodyEncoding, EnumValue, FieldDefinition, GenerateSettings,
    MultipartKind, OperationDefinition, ParameterDefinition, ParameterPlace, ResponseStatus,
    ResponseVariant, RuntimeApi, RustType, ServiceModule, TypeDefinition, TypeKind, UnionVariant,
};
use crate::generate::pagination::{FieldPath, PageWalk, PaginationDefinition};

/// The runtime path of the settings as tokens (`crate::runtime`, `::client_runtime`).
pub fn runtime_tokens(settings: &GenerateSettings) -> TokenStream {
    settings
        .runtime_path
        .parse()
        .unwrap_or_else(|_| quote! { crate::runtime })
}

/// The tokens of a whole service module of `otc-client` (types in an inline `types` module).
pub fn emit_service_module(module: &ServiceModule, service_id: &str) -> TokenStream {
    let settings = GenerateSettings::otc_client();
    let types = emit_types(module, &settings);
    let types_module = quote! {
        /// The models of this service's request and response bodies.
        pub mod types {
            #types
        }
    };
    emit_client_items(module, service_id, &settings, types_module, true)
}

/// The items of a module (or crate root) around the client: client, requests, responses, the
/// `types` module as given (the types are emitted separately, [`emit_types`]) and the error
/// codes. Without `with_operations`, the methods, requests and responses are left to
/// [`emit_operations`] (a huge spec's are emitted in chunks, in parallel).
pub fn emit_client_items(
    module: &ServiceModule,
    service_id: &str,
    settings: &GenerateSettings,
    types_module: TokenStream,
    with_operations: bool,
) -> TokenStream {
    let runtime = runtime_tokens(settings);
    let title_doc = doc_lines(&[
        format!("Client for the {} API.", module.title),
        String::new(),
        "Operations by section of the API reference:".to_owned(),
    ]);
    let mut sections: Vec<(String, Vec<&OperationDefinition>)> = Vec::new();
    for operation in &module.operations {
        let tag = operation
            .tags
            .first()
            .cloned()
            .unwrap_or_else(|| "Other".to_owned());
        match sections.iter_mut().find(|(existing, _)| *existing == tag) {
            Some((_, operations)) => operations.push(operation),
            None => sections.push((tag, vec![operation])),
        }
    }
    sections.sort_by(|left, right| left.0.cmp(&right.0));
    let mut section_lines = Vec::new();
    for (tag, operations) in &sections {
        section_lines.push(String::new());
        section_lines.push(format!("**{}**", escape_doc(tag)));
        section_lines.push(String::new());
        for operation in operations {
            section_lines.push(format!(
                "- [`Client::{}`]: {}",
                operation.method_name,
                escape_doc(&operation.summary.clone().unwrap_or_default())
            ));
            if let Some(pagination) = &operation.pagination {
                section_lines.push(format!(
                    "- [`Client::{}`]: every item of [`Client::{}`], page after page",
                    pagination.stream_method_name, operation.method_name
                ));
            }
        }
    }
    let sections_doc = doc_lines_verbatim(&section_lines);
    let operations: &[OperationDefinition] = if with_operations {
        &module.operations
    } else {
        &[]
    };
    let methods: Vec<TokenStream> = operations
        .iter()
        .map(|operation| emit_method(operation, settings, &runtime))
        .collect();
    let requests: Vec<TokenStream> = operations
        .iter()
        .filter_map(|operation| emit_request_struct(operation, settings))
        .collect();
    let responses: Vec<TokenStream> = operations
        .iter()
        .map(|operation| emit_response_enum(operation, &runtime, TypePlace::client(settings)))
        .collect();
    let error_codes = emit_error_codes(module, &runtime);
    let (constants, new_method) = match settings.runtime_api {
        RuntimeApi::OtcClient => {
            let server_url_template = &module.server_url_template;
            let constants = quote! {
                /// The service id: the key for endpoint overrides in [`crate::runtime::Config`].
                pub const SERVICE_ID: &str = #service_id;

                /// The endpoint template from the service config; `{region}` comes from the client config.
                pub const SERVER_URL_TEMPLATE: &str = #server_url_template;
            };
            let new_method = quote! {
                /// A client for this service, with the endpoint taken from the config (its override
                /// for this service, or the template filled with the region).
                pub fn new(config: &crate::runtime::Config) -> ::std::result::Result<Self, crate::runtime::Error> {
                    Ok(Self {
                        inner: crate::runtime::ServiceClient::new(config, SERVICE_ID, SERVER_URL_TEMPLATE)?,
                    })
                }
            };
            (constants, new_method)
        }
        RuntimeApi::Generic => {
            let runtime_text = runtime_doc_path(&runtime);
            let new_doc = doc_lines_verbatim(&[
                "A client for `base_url` with default settings; build a".to_owned(),
                format!("[`ServiceClient`]({runtime_text}::ServiceClient) for default headers"),
                "(authentication) and timeouts, and pass it to [`Client::from_service_client`]."
                    .to_owned(),
            ]);
            let default_base_url = module.default_server_url.as_ref().map(|url| {
                let documentation = doc_lines(&[
                    "The first server URL of the API description, with its variables at their defaults.".to_owned(),
                ]);
                quote! { #documentation pub const DEFAULT_BASE_URL: &str = #url; }
            });
            let new_method = quote! {
                #new_doc
                pub fn new(base_url: &str) -> ::std::result::Result<Self, #runtime::Error> {
                    ::std::result::Result::Ok(Self {
                        inner: #runtime::ServiceClient::new(base_url)?,
                    })
                }
            };
            (default_base_url.unwrap_or_default(), new_method)
        }
    };
    quote! {
        #title_doc
        #sections_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            inner: #runtime::ServiceClient,
        }

        #constants

        impl Client {
            #new_method

            /// A client on top of an already configured service client.
            pub fn from_service_client(inner: #runtime::ServiceClient) -> Self {
                Self { inner }
            }

            /// The service client underneath, for requests the API description does not cover.
            pub fn service_client(&self) -> &#runtime::ServiceClient {
                &self.inner
            }

            #(#methods)*
        }

        #(#requests)*

        #(#responses)*

        #types_module

        #error_codes
    }
}

/// Some operations: their methods (in an `impl Client` block of their own), request structs
/// and response enums.
pub fn emit_operations(
    operations: &[OperationDefinition],
    settings: &GenerateSettings,
) -> TokenStream {
    let runtime = runtime_tokens(settings);
    let methods = operations
        .iter()
        .map(|operation| emit_method(operation, settings, &runtime));
    let requests = operations
        .iter()
        .filter_map(|operation| emit_request_struct(operation, settings));
    let responses = operations
        .iter()
        .map(|operation| emit_response_enum(operation, &runtime, TypePlace::client(settings)));
    quote! {
        impl Client {
            #(#methods)*
        }

        #(#requests)*

        #(#responses)*
    }
}

/// The named types, in name order, and the `documented_error` lookups.
pub fn emit_types(module: &ServiceModule, settings: &GenerateSettings) -> TokenStream {
    let types: Vec<&TypeDefinition> = module.types.values().collect();
    let prelude = emit_types_prelude(module);
    let chunk = emit_type_list(&types, settings);
    let documented_error_impls = emit_documented_error_impls(module, &runtime_tokens(settings));
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
    let types = types.iter().map(|definition| emit_type(definition, place));
    quote! { #(#types)* }
}

/// The `documented_error` lookups of the models with an `error_code` field.
pub fn emit_types_epilogue(module: &ServiceModule, settings: &GenerateSettings) -> TokenStream {
    emit_documented_error_impls(module, &runtime_tokens(settings))
}

/// The `error_codes` module: every documented error code, a constant per code for matching,
/// and lookups, for example:
///
/// ```text
/// pub mod error_codes {
///     pub const DCS_4001: &str = "DCS.4001";
///     pub const ALL: &[crate::runtime::DocumentedErrorCode] = &[ … ];
///     pub fn find(error_code: &str) -> Option<&'static crate::runtime::DocumentedErrorCode> { … }
/// }
/// ```
fn emit_error_codes(module: &ServiceModule, runtime: &TokenStream) -> TokenStream {
    if module.error_codes.is_empty() {
        return TokenStream::new();
    }
    let optional = |text: &Option<String>| match text {
        Some(text) => quote! { Some(#text) },
        None => quote! { None },
    };
    let entries = module.error_codes.iter().map(|error_code| {
        let status_code = match error_code.status_code {
            Some(status_code) => {
                let status_code = Literal::u16_unsuffixed(status_code);
                quote! { Some(#status_code) }
            }
            None => quote! { None },
        };
        let code = &error_code.error_code;
        let message = optional(&error_code.message);
        let description = optional(&error_code.description);
        let solution = optional(&error_code.solution);
        let other = error_code
            .other
            .iter()
            .map(|(column, text)| quote! { (#column, #text), });
        quote! {
            #runtime::DocumentedErrorCode {
                status_code: #status_code,
                error_code: #code,
                message: #message,
                description: #description,
                solution: #solution,
                other: &[#(#other)*],
            },
        }
    });
    // One constant per distinct code (a code listed for several statuses is one constant);
    // the names are decided, collisions included, in the intermediate form.
    let mut constants = Vec::new();
    for error_code in module
        .error_codes
        .iter()
        .filter(|error_code| error_code.first_of_its_code)
    {
        let ident = format_ident!("{}", error_code.constant_name);
        let code = &error_code.error_code;
        let documentation =
            doc_lines(&[error_code.message.clone().unwrap_or_else(|| code.clone())]);
        constants.push(quote! { #documentation pub const #ident: &str = #code; });
    }
    quote! {
        /// The error codes documented in the API reference: match a response's `error_code`
        /// against the constants, or look up what a code means.
        pub mod error_codes {
            #(#constants)*

            /// Every documented error code, in the order of the docs' table.
            pub const ALL: &[#runtime::DocumentedErrorCode] = &[#(#entries)*];

            /// The first documented entry for an error code.
            pub fn find(error_code: &str) -> ::std::option::Option<&'static #runtime::DocumentedErrorCode> {
                ALL.iter().find(|entry| entry.error_code == error_code)
            }

            /// Every documented entry for an error code (some codes are listed once per status).
            pub fn find_all(error_code: &str) -> impl Iterator<Item = &'static #runtime::DocumentedErrorCode> + '_ {
                ALL.iter().filter(move |entry| entry.error_code == error_code)
            }
        }
    }
}

/// `DCS.4001` → `DCS_4001`; a code that starts with a digit gets a `CODE_` prefix.
/// For every model with a string `error_code` field, a method that looks the code up in the
/// documented error codes, for example:
///
/// ```text
/// impl ErrorResponse {
///     pub fn documented_error(&self) -> Option<&'static crate::runtime::DocumentedErrorCode> { … }
/// }
/// ```
fn emit_documented_error_impls(module: &ServiceModule, runtime: &TokenStream) -> TokenStream {
    if module.error_codes.is_empty() {
        return TokenStream::new();
    }
    let impls = module.types.values().filter_map(|type_definition| {
        let TypeKind::Struct { fields, .. } = &type_definition.kind else {
            return None;
        };
        let field = fields
            .iter()
            .find(|field| field.json_name == "error_code" && field.rust_type == RustType::String)?;
        let name = format_ident!("{}", type_definition.name);
        let rust_name = format_ident!("{}", field.rust_name);
        let code = if field.optional {
            quote! { self.#rust_name.as_deref()? }
        } else {
            quote! { self.#rust_name.as_str() }
        };
        Some(quote! {
            impl #name {
                /// What the API reference says about this error code, if it documents it.
                pub fn documented_error(&self) -> ::std::option::Option<&'static #runtime::DocumentedErrorCode> {
                    super::error_codes::find(#code)
                }
            }
        })
    });
    quote! { #(#impls)* }
}

fn emit_type(type_definition: &TypeDefinition, place: TypePlace) -> TokenStream {
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
        } => emit_union(type_definition, variants, discriminator.as_deref(), place),
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

/// A model struct, for example:
///
/// ```text
/// #[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
/// pub struct ErrorResponse {
///     /// Error message.
///     #[serde(default, skip_serializing_if = "Option::is_none")]
///     pub error_msg: Option<String>,
/// }
/// ```
fn emit_struct(
    type_definition: &TypeDefinition,
    fields: &[FieldDefinition],
    additional_properties: Option<&crate::generate::ir::AdditionalPropertiesField>,
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

/// A `oneOf`/`anyOf` enum. Untagged alternatives are tried in order. With a discriminator,
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
        return quote! {
            #documentation
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(untagged)]
            pub enum #name {
                #(#variant_tokens)*
            }
            #default
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
    additional_properties: Option<&crate::generate::ir::AdditionalPropertiesField>,
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
    if field.optional {
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

/// Where a type is written: in the `types` module or beside the client (named types need the
/// `types::` prefix), and whether the prelude's names (`Option`, `String`, `Vec`, `Box`) can be
/// used unqualified: in a standalone crate they can, because no generated type takes those
/// names; `otc-client` keeps its fully qualified paths.
#[derive(Debug, Clone, Copy)]
struct TypePlace {
    in_types_module: bool,
    prelude: bool,
}

impl TypePlace {
    fn models(settings: &GenerateSettings) -> TypePlace {
        TypePlace {
            in_types_module: true,
            prelude: settings.prelude_names,
        }
    }

    fn client(settings: &GenerateSettings) -> TypePlace {
        TypePlace {
            in_types_module: false,
            prelude: settings.prelude_names,
        }
    }

    fn option(self, inner: TokenStream) -> TokenStream {
        if self.prelude {
            quote! { Option<#inner> }
        } else {
            quote! { ::std::option::Option<#inner> }
        }
    }
}

/// The Rust type of a field.
fn type_tokens(rust_type: &RustType, place: TypePlace) -> TokenStream {
    let in_types_module = place.in_types_module;
    match rust_type {
        RustType::String if place.prelude => quote! { String },
        RustType::String => quote! { ::std::string::String },
        RustType::I32 => quote! { i32 },
        RustType::I64 => quote! { i64 },
        RustType::F32 => quote! { f32 },
        RustType::F64 => quote! { f64 },
        RustType::Bool => quote! { bool },
        RustType::JsonValue => quote! { ::serde_json::Value },
        RustType::JsonObject => {
            quote! { ::serde_json::Map<::std::string::String, ::serde_json::Value> }
        }
        RustType::Bytes => quote! { ::bytes::Bytes },
        RustType::Vec(element) if place.prelude => {
            let element = type_tokens(element, place);
            quote! { Vec<#element> }
        }
        RustType::Vec(element) => {
            let element = type_tokens(element, place);
            quote! { ::std::vec::Vec<#element> }
        }
        RustType::Map(value) if place.prelude => {
            let value = type_tokens(value, place);
            quote! { ::std::collections::BTreeMap<String, #value> }
        }
        RustType::Map(value) => {
            let value = type_tokens(value, place);
            quote! { ::std::collections::BTreeMap<::std::string::String, #value> }
        }
        RustType::Boxed(inner) if place.prelude => {
            let inner = type_tokens(inner, place);
            quote! { Box<#inner> }
        }
        RustType::Boxed(inner) => {
            let inner = type_tokens(inner, place);
            quote! { ::std::boxed::Box<#inner> }
        }
        RustType::Named(name) => {
            let name = format_ident!("{}", name);
            if in_types_module {
                quote! { #name }
            } else {
                quote! { types::#name }
            }
        }
    }
}

fn has_request(operation: &OperationDefinition) -> bool {
    !operation.parameters.is_empty() || operation.body.is_some()
}

/// The request struct of an operation, for example:
///
/// ```text
/// #[derive(Debug, Clone, PartialEq, Default)]
/// pub struct DeleteBackgroundTaskRequest {
///     /// Instance ID.
///     pub instance_id: String,
/// }
/// ```
fn emit_request_struct(
    operation: &OperationDefinition,
    settings: &GenerateSettings,
) -> Option<TokenStream> {
    if !has_request(operation) {
        return None;
    }
    let name = format_ident!("{}", operation.request_type_name);
    let documentation = doc_lines_verbatim(&[format!(
        "The parameters and body of [`Client::{}`].",
        operation.method_name
    )]);
    let fields = operation.parameters.iter().map(|parameter| {
        let rust_name = format_ident!("{}", parameter.rust_name);
        let rust_type = type_tokens(&parameter.rust_type, TypePlace::client(settings));
        let mut lines = parameter.documentation.clone();
        let place = match parameter.place {
            ParameterPlace::Path => "path",
            ParameterPlace::Query => "query",
            ParameterPlace::Header => "header",
            ParameterPlace::Cookie => "cookie",
        };
        lines.push(String::new());
        lines.push(format!(
            "Sent as the {place} parameter `{}`.",
            parameter.wire_name
        ));
        let documentation = doc_lines(&lines);
        if parameter.optional && !matches!(parameter.rust_type, RustType::Vec(_)) {
            let optional_type = TypePlace::client(settings).option(rust_type);
            quote! { #documentation pub #rust_name: #optional_type, }
        } else {
            quote! { #documentation pub #rust_name: #rust_type, }
        }
    });
    let body = operation.body.as_ref().map(|body| {
        let rust_type = type_tokens(&body.rust_type, TypePlace::client(settings));
        let optional_type = TypePlace::client(settings).option(rust_type.clone());
        let documentation = match settings.runtime_api {
            RuntimeApi::OtcClient => doc_lines(&["The request body (JSON).".to_owned()]),
            RuntimeApi::Generic => {
                doc_lines(&[format!("The request body (`{}`).", body.content_type)])
            }
        };
        if body.optional {
            quote! {
                #documentation
                pub body: #optional_type,
            }
        } else {
            quote! {
                #documentation
                pub body: #rust_type,
            }
        }
    });
    Some(quote! {
        #documentation
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #name {
            #(#fields)*
            #body
        }
    })
}

/// The response enum of an operation: one variant per documented status (ranges and
/// `default` carry the status) and, unless `default` covers every other status, `Unexpected`
/// for any other, for example:
///
/// ```text
/// #[non_exhaustive]
/// pub enum DeleteBackgroundTaskResponse {
///     /// 200: Background task deleted successfully.
///     Ok(types::DeleteBackgroundTaskResp),
///     /// 204: Background task deleted successfully.
///     NoContent,
///     /// 4XX: Client error.
///     ClientError { status: u16, body: types::Error },
///     /// A status the API reference does not document, with the raw response.
///     Unexpected(crate::runtime::RawResponse),
/// }
/// ```
///
/// `#[non_exhaustive]`, so a status the docs add later is a new variant without breaking
/// callers' matches. Beside `from_raw` and `status`: `is_success`, `into_result` (the response
/// as `Ok` for 2xx, as the error otherwise) and one `into_<variant>` per exact success status
/// (its body, or the response as the error); the enum is a `std::error::Error` for that.
fn emit_response_enum(
    operation: &OperationDefinition,
    runtime: &TokenStream,
    place: TypePlace,
) -> TokenStream {
    let name = format_ident!("{}", operation.response_type_name);
    let runtime_text = runtime_doc_path(runtime);
    let from_raw_doc = doc_lines_verbatim(&[
        "Decodes a raw response into the variant of its status code. A documented status"
            .to_owned(),
        format!(
            "whose body does not decode is an [`{runtime_text}::Error::Decode`] that keeps the"
        ),
        "status and the raw body.".to_owned(),
    ]);
    let documentation = doc_lines_verbatim(&[format!(
        "The response of [`Client::{}`], by status code.",
        operation.method_name
    )]);
    let variants = operation.responses.iter().map(|response| {
        let variant = format_ident!("{}", response.variant_name);
        let status_text = match response.status {
            ResponseStatus::Code(code) => code.to_string(),
            ResponseStatus::Range(digit) => format!("{digit}XX"),
            ResponseStatus::Default => "default".to_owned(),
        };
        let documentation = doc_lines(&[format!("{status_text}: {}", response.description)]);
        let body = response
            .body
            .as_ref()
            .map(|(body, _)| type_tokens(body, place));
        match (response.status, body) {
            (ResponseStatus::Code(_), Some(body)) => quote! { #documentation #variant(#body), },
            (ResponseStatus::Code(_), None) => quote! { #documentation #variant, },
            (_, Some(body)) => quote! { #documentation #variant { status: u16, body: #body }, },
            (_, None) => quote! { #documentation #variant { status: u16 }, },
        }
    });
    let mut ordered: Vec<_> = operation.responses.iter().collect();
    // Exact codes before ranges before `default`, so each status takes its most specific arm.
    ordered.sort_by_key(|response| match response.status {
        ResponseStatus::Code(_) => 0,
        ResponseStatus::Range(_) => 1,
        ResponseStatus::Default => 2,
    });
    let decode_arms = ordered.iter().map(|response| {
        let variant = format_ident!("{}", response.variant_name);
        let decode = response.body.as_ref().map(|(_, decoding)| match decoding {
            BodyDecoding::Json => quote! { raw.decode_json()? },
            BodyDecoding::Text => quote! { raw.decode_text()? },
            BodyDecoding::Bytes => quote! { raw.decode_bytes()? },
        });
        let pattern = match response.status {
            ResponseStatus::Code(code) => {
                let code = Literal::u16_unsuffixed(code);
                quote! { #code }
            }
            ResponseStatus::Range(digit) => {
                let low = Literal::u16_unsuffixed(digit * 100);
                let high = Literal::u16_unsuffixed(digit * 100 + 99);
                quote! { #low..=#high }
            }
            ResponseStatus::Default => quote! { _ },
        };
        match (response.status, decode) {
            (ResponseStatus::Code(_), Some(decode)) => {
                quote! { #pattern => Ok(Self::#variant(#decode)), }
            }
            (ResponseStatus::Code(_), None) => quote! { #pattern => Ok(Self::#variant), },
            (_, Some(decode)) => {
                quote! { #pattern => Ok(Self::#variant { status: raw.status, body: #decode }), }
            }
            (_, None) => quote! { #pattern => Ok(Self::#variant { status: raw.status }), },
        }
    });
    let has_default = operation.has_default_response();
    let unexpected_arm = (!has_default).then(|| quote! { _ => Ok(Self::Unexpected(raw)), });
    let status_arms = operation.responses.iter().map(|response| {
        let variant = format_ident!("{}", response.variant_name);
        match (response.status, &response.body) {
            (ResponseStatus::Code(code), Some(_)) => {
                let code = Literal::u16_unsuffixed(code);
                quote! { Self::#variant(_) => #code, }
            }
            (ResponseStatus::Code(code), None) => {
                let code = Literal::u16_unsuffixed(code);
                quote! { Self::#variant => #code, }
            }
            _ => quote! { Self::#variant { status, .. } => *status, },
        }
    });
    // With `default`, every status has a documented variant: an `Unexpected` variant would
    // never be produced, yet callers would have to match it.
    let unexpected_variant = (!has_default).then(|| {
        quote! {
            /// A status the API reference does not document, with the raw response kept whole.
            Unexpected(#runtime::RawResponse),
        }
    });
    let unexpected_status_arm =
        (!has_default).then(|| quote! { Self::Unexpected(raw) => raw.status, });
    let success_accessors = operation
        .responses
        .iter()
        .filter_map(|response| emit_success_accessor(response, place));
    let into_result_doc = doc_lines_verbatim(&[
        "`Ok` for a success status (2xx), else `Err` with the response as the error, so".to_owned(),
        format!(
            "`client.{}(…).await?.into_result()?` passes an error status on.",
            operation.method_name
        ),
    ]);
    // The operation id inside the format string (braces doubled), so the formatted call
    // stays on one line.
    let display_format = format!(
        "{} answered with status {{}}",
        operation.operation_id.replace('{', "{{").replace('}', "}}")
    );
    quote! {
        #documentation
        // A response is decoded once and matched on; boxing the large success bodies would
        // only add an allocation and a `*` to every match.
        #[allow(clippy::large_enum_variant)]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #unexpected_variant
        }

        // `into_result` and `into_<variant>` hand the response back as their error: as large
        // as the value it was, moved, not copied; boxing it would only add an allocation.
        #[allow(clippy::result_large_err)]
        impl #name {
            #from_raw_doc
            pub fn from_raw(raw: #runtime::RawResponse) -> ::std::result::Result<Self, #runtime::Error> {
                match raw.status {
                    #(#decode_arms)*
                    #unexpected_arm
                }
            }

            /// The HTTP status code of the response.
            pub fn status(&self) -> u16 {
                match self {
                    #(#status_arms)*
                    #unexpected_status_arm
                }
            }

            /// Whether the status is a success (2xx).
            pub fn is_success(&self) -> bool {
                (200..300).contains(&self.status())
            }

            #into_result_doc
            pub fn into_result(self) -> ::std::result::Result<Self, Self> {
                if self.is_success() {
                    Ok(self)
                } else {
                    Err(self)
                }
            }

            #(#success_accessors)*
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(formatter, #display_format, self.status())
            }
        }

        impl ::std::error::Error for #name {}
    }
}

/// `into_ok`, `into_no_content`, …: the body of one exact success status (`()` without a
/// body), or the response as the error for any other. One method per status, so a status the
/// docs add later is a new method and never changes an existing one's type.
fn emit_success_accessor(response: &ResponseVariant, place: TypePlace) -> Option<TokenStream> {
    let accessor = format_ident!("{}", response.success_accessor_name.as_deref()?);
    let ResponseStatus::Code(code) = response.status else {
        return None;
    };
    let variant = format_ident!("{}", response.variant_name);
    let (value_type, pattern, value) = match &response.body {
        Some((body, _)) => {
            let body = type_tokens(body, place);
            (body, quote! { Self::#variant(body) }, quote! { body })
        }
        None => (quote! { () }, quote! { Self::#variant }, quote! { () }),
    };
    let documentation = doc_lines(&[format!(
        "The body of the {code} response, or the response as the error for any other status."
    )]);
    Some(quote! {
        #documentation
        pub fn #accessor(self) -> ::std::result::Result<#value_type, Self> {
            match self {
                #pattern => Ok(#value),
                other => Err(other),
            }
        }
    })
}

/// The runtime path as rustdoc links it (`crate::runtime`, `client_runtime`).
fn runtime_doc_path(runtime: &TokenStream) -> String {
    runtime
        .to_string()
        .replace(' ', "")
        .trim_start_matches("::")
        .to_owned()
}

/// The client method of an operation, for example:
///
/// ```text
/// pub async fn delete_background_task(&self, request: &DeleteBackgroundTaskRequest)
///     -> Result<DeleteBackgroundTaskResponse, crate::runtime::Error> {
///     let path = self.inner.expand_path("/v2/{project_id}/instances/{instance_id}/tasks/{task_id}",
///         &[("instance_id", request.instance_id.to_string()), ("task_id", request.task_id.to_string())])?;
///     // query, headers and body likewise, then:
///     let raw = self.inner.send(crate::runtime::OperationRequest { … }).await?;
///     DeleteBackgroundTaskResponse::from_raw(raw)
/// }
/// ```
fn emit_method(
    operation: &OperationDefinition,
    settings: &GenerateSettings,
    runtime: &TokenStream,
) -> TokenStream {
    let method_name = format_ident!("{}", operation.method_name);
    let response_type = format_ident!("{}", operation.response_type_name);
    let request_type = format_ident!("{}", operation.request_type_name);
    let mut lines = Vec::new();
    if let Some(summary) = &operation.summary {
        lines.push(summary.clone());
        lines.push(String::new());
    }
    lines.push(format!(
        "`{} {}`",
        operation.http_method, operation.path_template
    ));
    if let Some(description) = &operation.description {
        lines.push(String::new());
        lines.extend(description.lines().map(str::to_owned));
    }
    lines.push(String::new());
    if !operation.tags.is_empty() {
        lines.push(format!("Section: {}.", operation.tags.join(", ")));
    }
    if let Some(source_page) = &operation.source_page {
        lines.push(format!("Source page: `{source_page}`."));
    }
    let documentation = doc_lines(&lines);
    let deprecated = operation.deprecated.then(|| {
        let note = &settings.deprecation_note;
        quote! { #[deprecated(note = #note)] }
    });
    let path_template = &operation.path_template;
    let operation_id = &operation.operation_id;
    let http_method = format_ident!("{}", operation.http_method);
    let path_arguments = operation
        .parameters
        .iter()
        .filter(|parameter| parameter.place == ParameterPlace::Path)
        .map(|parameter| {
            let wire_name = &parameter.wire_name;
            let value = value_text(parameter, quote! { request });
            quote! { (#wire_name, #value), }
        });
    let cookies: Vec<&ParameterDefinition> = operation
        .parameters
        .iter()
        .filter(|parameter| parameter.place == ParameterPlace::Cookie)
        .collect();
    let (query_binding, query_pushes) =
        parameter_list(operation, ParameterPlace::Query, quote! { query }, false);
    let (header_binding, header_pushes) = parameter_list(
        operation,
        ParameterPlace::Header,
        quote! { headers },
        !cookies.is_empty(),
    );
    let cookie_header = emit_cookie_header(&cookies);
    let body = match settings.runtime_api {
        RuntimeApi::OtcClient => otc_body(operation.body.as_ref()),
        RuntimeApi::Generic => generic_body(operation.body.as_ref(), runtime),
    };
    let argument = has_request(operation).then(|| quote! { , request: &#request_type });
    let request_statements = quote! {
        let path = self.inner.expand_path(#path_template, &[#(#path_arguments)*])?;
        #query_binding
        #(#query_pushes)*
        #header_binding
        #(#header_pushes)*
        #cookie_header
    };
    let send_call = quote! {
        self
            .inner
            .send(#runtime::OperationRequest {
                operation_id: #operation_id,
                method: ::reqwest::Method::#http_method,
                path,
                query,
                headers,
                body: #body,
            })
            .await
    };
    let pagination = operation
        .pagination
        .as_ref()
        .filter(|_| settings.runtime_api == RuntimeApi::OtcClient);
    let Some(pagination) = pagination else {
        return quote! {
            #documentation
            #deprecated
            pub async fn #method_name(&self #argument) -> ::std::result::Result<#response_type, #runtime::Error> {
                #request_statements
                let raw = #send_call?;
                #response_type::from_raw(raw)
            }
        };
    };
    let send_method_name = format_ident!("{}", pagination.send_method_name);
    let send_documentation = doc_lines_verbatim(&[format!(
        "Sends the request of [`Client::{}`] and returns the raw response, which [`Client::{}`] needs whatever its status.",
        operation.method_name, pagination.stream_method_name
    )]);
    let stream_method = emit_stream_method(operation, pagination, settings, &deprecated);
    quote! {
        #documentation
        #deprecated
        pub async fn #method_name(&self #argument) -> ::std::result::Result<#response_type, #runtime::Error> {
            let raw = self.#send_method_name(request).await?;
            #response_type::from_raw(raw)
        }

        #send_documentation
        async fn #send_method_name(&self #argument) -> ::std::result::Result<crate::runtime::RawResponse, crate::runtime::Error> {
            #request_statements
            #send_call
        }

        #stream_method
    }
}

/// The `…_stream` method of a paginated operation (`x-pagination`), in `otc-client`. For an
/// offset-paginated operation:
///
/// ```text
/// pub fn list_instances_stream(&self, request: &ListInstancesRequest)
///     -> crate::runtime::ItemStream<'_, types::InstanceListInfo> {
///     let request = request.clone();
///     let initial_offset = request.offset.and_then(|offset| u64::try_from(offset).ok()).unwrap_or(0);
///     let page_size = request.limit.and_then(|limit| u64::try_from(limit).ok());
///     crate::runtime::offset_items("ListInstances", initial_offset, page_size, move |offset| {
///         let mut request = request.clone();
///         ::std::boxed::Box::pin(async move {
///             request.offset = Some(crate::runtime::offset_parameter("ListInstances", offset)?);
///             let raw = self.send_list_instances(&request).await?;
///             if raw.status != 200 {
///                 return Err(crate::runtime::Error::UnexpectedStatus { operation_id: "ListInstances", response: Box::new(raw) });
///             }
///             let body: types::ListInstancesResponseBody = raw.decode_json()?;
///             let total_count = body.instance_num.and_then(|total| u64::try_from(total).ok());
///             let items = body.instances.unwrap_or_default();
///             Ok(crate::runtime::OffsetPage { items, total_count })
///         })
///     })
/// }
/// ```
///
/// A marker-paginated one sets `request.marker` to each page's next marker instead
/// (`crate::runtime::marker_items`, `MarkerPage { items, next_marker }`).
fn emit_stream_method(
    operation: &OperationDefinition,
    pagination: &PaginationDefinition,
    settings: &GenerateSettings,
    deprecated: &Option<TokenStream>,
) -> TokenStream {
    let place = TypePlace::client(settings);
    let stream_method_name = format_ident!("{}", pagination.stream_method_name);
    let send_method_name = format_ident!("{}", pagination.send_method_name);
    let request_type = format_ident!("{}", operation.request_type_name);
    let operation_id = &operation.operation_id;
    let item_type = type_tokens(&pagination.item_type, place);
    let body_type = type_tokens(&pagination.page_body_type, place);
    let items = owned_field_path(&pagination.items);
    let items = if pagination.items.may_be_missing() {
        quote! { #items.unwrap_or_default() }
    } else {
        items
    };
    let fetch_page = |set_page_parameter: TokenStream, page: TokenStream| {
        quote! {
            ::std::boxed::Box::pin(async move {
                #set_page_parameter
                let raw = self.#send_method_name(&request).await?;
                if raw.status != 200 {
                    return ::std::result::Result::Err(crate::runtime::Error::UnexpectedStatus {
                        operation_id: #operation_id,
                        response: ::std::boxed::Box::new(raw),
                    });
                }
                let body: #body_type = raw.decode_json()?;
                #page
            })
        }
    };
    let (walk_line, body) = match &pagination.walk {
        PageWalk::Marker {
            marker,
            next_marker,
        } => {
            let marker_name = format_ident!("{}", marker.rust_name);
            let next_marker_value = if next_marker.may_be_missing() {
                let path = borrowed_field_path(next_marker);
                quote! { #path.cloned() }
            } else {
                let path = owned_field_path(next_marker);
                quote! { ::std::option::Option::Some(::std::clone::Clone::clone(&#path)) }
            };
            let fetch_page = fetch_page(
                TokenStream::new(),
                quote! {
                    let next_marker = #next_marker_value;
                    let items = #items;
                    ::std::result::Result::Ok(crate::runtime::MarkerPage { items, next_marker })
                },
            );
            let line = format!(
                "Marker pagination: the first page is requested with the request's `{}`, each next one with the `{}` of the page before; the walk ends at a page without it or without items.",
                marker.wire_name, next_marker.wire_path
            );
            let body = quote! {
                let request = ::std::clone::Clone::clone(request);
                let initial_marker = ::std::clone::Clone::clone(&request.#marker_name);
                crate::runtime::marker_items(#operation_id, initial_marker, move |marker| {
                    let mut request = ::std::clone::Clone::clone(&request);
                    request.#marker_name = marker;
                    #fetch_page
                })
            };
            (line, body)
        }
        PageWalk::Offset {
            offset,
            limit,
            total,
            total_is_text,
        } => {
            let offset_name = format_ident!("{}", offset.rust_name);
            let limit_name = format_ident!("{}", limit.rust_name);
            let total_count = match (total.may_be_missing(), total_is_text) {
                (true, true) => {
                    let path = borrowed_field_path(total);
                    quote! { #path.and_then(|total| total.trim().parse::<u64>().ok()) }
                }
                (true, false) => {
                    let path = borrowed_field_path(total);
                    quote! { #path.and_then(|total| u64::try_from(*total).ok()) }
                }
                (false, true) => {
                    let path = owned_field_path(total);
                    quote! { #path.trim().parse::<u64>().ok() }
                }
                (false, false) => {
                    let path = owned_field_path(total);
                    quote! { u64::try_from(#path).ok() }
                }
            };
            let initial_offset = if offset.optional {
                quote! { request.#offset_name.and_then(|offset| u64::try_from(offset).ok()).unwrap_or(0) }
            } else {
                quote! { u64::try_from(request.#offset_name).unwrap_or(0) }
            };
            let page_size = if limit.optional {
                quote! { request.#limit_name.and_then(|limit| u64::try_from(limit).ok()) }
            } else {
                quote! { u64::try_from(request.#limit_name).ok() }
            };
            let page_offset = quote! { crate::runtime::offset_parameter(#operation_id, offset)? };
            let set_offset = if offset.optional {
                quote! { request.#offset_name = ::std::option::Option::Some(#page_offset); }
            } else {
                quote! { request.#offset_name = #page_offset; }
            };
            let fetch_page = fetch_page(
                set_offset,
                quote! {
                    let total_count = #total_count;
                    let items = #items;
                    ::std::result::Result::Ok(crate::runtime::OffsetPage { items, total_count })
                },
            );
            let line = format!(
                "Offset pagination: the first page is requested at the request's `{}` (0 if unset), each next one at the offset after the items received so far (an item offset); the walk ends at the total count (`{}`), at an empty page, or at a page shorter than the request's `{}`.",
                offset.wire_name, total.wire_path, limit.wire_name
            );
            let body = quote! {
                let request = ::std::clone::Clone::clone(request);
                let initial_offset = #initial_offset;
                let page_size = #page_size;
                crate::runtime::offset_items(#operation_id, initial_offset, page_size, move |offset| {
                    let mut request = ::std::clone::Clone::clone(&request);
                    #fetch_page
                })
            };
            (line, body)
        }
    };
    let mut lines = vec![
        format!(
            "Every item of [`Client::{}`], page after page: the `{}` of each page.",
            operation.method_name, pagination.items.wire_path
        ),
        String::new(),
    ];
    lines.push(walk_line);
    lines.push(String::new());
    lines.push(
        "A page answered with a status other than 200 is an [`Error::UnexpectedStatus`](crate::runtime::Error::UnexpectedStatus) item (with the raw response), and any error is the last item."
            .to_owned(),
    );
    lines.push(
        "A service that repeats a page (or a marker) would loop forever: the walk ends there with [`Error::Pagination`](crate::runtime::Error::Pagination).".to_owned(),
    );
    lines.extend([
        String::new(),
        match &pagination.walk {
            PageWalk::Marker { .. } => "See [`crate::runtime::marker_items`].".to_owned(),
            PageWalk::Offset { .. } => "See [`crate::runtime::offset_items`].".to_owned(),
        },
    ]);
    // Verbatim: the lines hold links; the names in them are parameter and field names.
    let documentation = doc_lines_verbatim(&lines);
    quote! {
        #documentation
        #deprecated
        pub fn #stream_method_name(&self, request: &#request_type) -> crate::runtime::ItemStream<'_, #item_type> {
            #body
        }
    }
}

/// A field path that may be missing, read by reference from `body`: an `Option<&T>` chain
/// such as `body.page_info.as_ref().and_then(|value| value.next_marker.as_ref())`.
fn borrowed_field_path(path: &FieldPath) -> TokenStream {
    let mut steps = path.steps.iter();
    let mut tokens = match steps.next() {
        Some(first) => {
            let name = format_ident!("{}", first.rust_name);
            if first.optional {
                quote! { body.#name.as_ref() }
            } else {
                quote! { ::std::option::Option::Some(&body.#name) }
            }
        }
        None => quote! { ::std::option::Option::Some(&body) },
    };
    for step in steps {
        let name = format_ident!("{}", step.rust_name);
        tokens = if step.optional {
            quote! { #tokens.and_then(|value| value.#name.as_ref()) }
        } else {
            quote! { #tokens.map(|value| &value.#name) }
        };
    }
    tokens
}

/// A field path moved out of `body` (or, when no step is optional, a place to borrow from):
/// `body.a.b` when no step is optional, else an `Option<T>` chain such as
/// `body.page.and_then(|value| value.items)`.
fn owned_field_path(path: &FieldPath) -> TokenStream {
    if !path.may_be_missing() {
        let names = path
            .steps
            .iter()
            .map(|step| format_ident!("{}", step.rust_name));
        return quote! { body #(.#names)* };
    }
    let mut steps = path.steps.iter();
    let mut tokens = match steps.next() {
        Some(first) => {
            let name = format_ident!("{}", first.rust_name);
            if first.optional {
                quote! { body.#name }
            } else {
                quote! { ::std::option::Option::Some(body.#name) }
            }
        }
        None => quote! { ::std::option::Option::Some(body) },
    };
    for step in steps {
        let name = format_ident!("{}", step.rust_name);
        tokens = if step.optional {
            quote! { #tokens.and_then(|value| value.#name) }
        } else {
            quote! { #tokens.map(|value| value.#name) }
        };
    }
    tokens
}

/// The body for `otc-client`'s runtime: JSON bytes.
fn otc_body(body: Option<&BodyDefinition>) -> TokenStream {
    match body {
        None => quote! { ::std::option::Option::None },
        Some(body) if body.optional => quote! {
            match &request.body {
                Some(body) => Some(::serde_json::to_vec(body).map_err(crate::runtime::Error::Encode)?),
                None => None,
            }
        },
        Some(_) => {
            quote! { Some(::serde_json::to_vec(&request.body).map_err(crate::runtime::Error::Encode)?) }
        }
    }
}

/// The body for the generic runtime: a `Body` in the body's encoding.
fn generic_body(body: Option<&BodyDefinition>, runtime: &TokenStream) -> TokenStream {
    let Some(body) = body else {
        return quote! { ::std::option::Option::None };
    };
    let content_type = &body.content_type;
    let encode = match &body.encoding {
        BodyEncoding::Json => quote! { #runtime::Body::json(body)? },
        BodyEncoding::Form => quote! { #runtime::Body::form(body)? },
        BodyEncoding::Text => {
            quote! { #runtime::Body::text(#content_type, ::std::clone::Clone::clone(body)) }
        }
        BodyEncoding::Binary => {
            quote! { #runtime::Body::bytes(#content_type, ::std::clone::Clone::clone(body)) }
        }
        BodyEncoding::Multipart(fields) => {
            let parts = fields.iter().map(|field| {
                let wire_name = &field.wire_name;
                let rust_name = format_ident!("{}", field.rust_name);
                let add = match field.kind {
                    MultipartKind::Text => {
                        quote! { form.text(#wire_name, ::std::string::ToString::to_string(value)); }
                    }
                    MultipartKind::Bytes => {
                        quote! { form.bytes(#wire_name, ::std::clone::Clone::clone(value)); }
                    }
                    MultipartKind::Json => quote! { form.json(#wire_name, value)?; },
                };
                match (field.optional, field.repeated) {
                    (false, false) => quote! { { let value = &body.#rust_name; #add } },
                    (true, false) => quote! { if let Some(value) = &body.#rust_name { #add } },
                    (false, true) => quote! { for value in &body.#rust_name { #add } },
                    (true, true) => quote! {
                        for value in body.#rust_name.iter().flatten() { #add }
                    },
                }
            });
            quote! {
                {
                    let mut form = #runtime::Multipart::new();
                    #(#parts)*
                    form.into_body()
                }
            }
        }
    };
    if body.optional {
        quote! {
            match &request.body {
                ::std::option::Option::Some(body) => ::std::option::Option::Some(#encode),
                ::std::option::Option::None => ::std::option::Option::None,
            }
        }
    } else {
        quote! {
            {
                let body = &request.body;
                ::std::option::Option::Some(#encode)
            }
        }
    }
}

/// The text of a parameter value: `to_string()`, or for an array sent as one value its
/// elements joined by commas.
fn value_text(parameter: &ParameterDefinition, source: TokenStream) -> TokenStream {
    let rust_name = format_ident!("{}", parameter.rust_name);
    if matches!(parameter.rust_type, RustType::Vec(_)) {
        quote! {
            #source.#rust_name.iter().map(::std::string::ToString::to_string).collect::<::std::vec::Vec<_>>().join(",")
        }
    } else {
        quote! { #source.#rust_name.to_string() }
    }
}

/// Cookie parameters: one `Cookie` header of `name=value` pairs.
fn emit_cookie_header(cookies: &[&ParameterDefinition]) -> TokenStream {
    if cookies.is_empty() {
        return TokenStream::new();
    }
    let pushes = cookies.iter().map(|parameter| {
        let wire_name = &parameter.wire_name;
        let rust_name = format_ident!("{}", parameter.rust_name);
        if parameter.optional {
            quote! {
                if let Some(value) = &request.#rust_name {
                    cookies.push(format!("{}={}", #wire_name, value));
                }
            }
        } else {
            quote! { cookies.push(format!("{}={}", #wire_name, request.#rust_name)); }
        }
    });
    quote! {
        let mut cookies: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
        #(#pushes)*
        if !cookies.is_empty() {
            headers.push(("Cookie", cookies.join("; ")));
        }
    }
}

/// The list of query or header pairs: required scalar parameters in the `vec![…]` that starts
/// it, then pushes for optional ones (only when set) and arrays (once per element,
/// `?id=a&id=b`, or once joined by commas).
fn parameter_list(
    operation: &OperationDefinition,
    place: ParameterPlace,
    list: TokenStream,
    pushed_later: bool,
) -> (TokenStream, Vec<TokenStream>) {
    let parameters: Vec<&ParameterDefinition> = operation
        .parameters
        .iter()
        .filter(|parameter| parameter.place == place)
        .collect();
    let is_fixed = |parameter: &ParameterDefinition| {
        !parameter.optional && !matches!(parameter.rust_type, RustType::Vec(_))
    };
    let fixed = parameters
        .iter()
        .filter(|parameter| is_fixed(parameter))
        .map(|parameter| {
            let wire_name = &parameter.wire_name;
            let rust_name = format_ident!("{}", parameter.rust_name);
            quote! { (#wire_name, request.#rust_name.to_string()), }
        });
    let pushes: Vec<TokenStream> = parameters
        .iter()
        .filter(|parameter| !is_fixed(parameter))
        .map(|parameter| push_parameter(parameter, list.clone()))
        .collect();
    let mutable = (!pushes.is_empty() || pushed_later).then(|| quote! { mut });
    let binding = quote! { let #mutable #list: ::std::vec::Vec<(&'static str, ::std::string::String)> = ::std::vec![#(#fixed)*]; };
    (binding, pushes)
}

/// Pushes a query or header parameter: optional ones only when set, arrays once per element
/// (`?id=a&id=b`) or joined by commas.
fn push_parameter(parameter: &ParameterDefinition, list: TokenStream) -> TokenStream {
    let wire_name = &parameter.wire_name;
    let rust_name = format_ident!("{}", parameter.rust_name);
    match (&parameter.rust_type, parameter.optional) {
        (RustType::Vec(_), _) if parameter.comma_separated => {
            let value = value_text(parameter, quote! { request });
            quote! {
                if !request.#rust_name.is_empty() {
                    #list.push((#wire_name, #value));
                }
            }
        }
        (RustType::Vec(_), _) => quote! {
            for value in &request.#rust_name {
                #list.push((#wire_name, value.to_string()));
            }
        },
        (_, true) => quote! {
            if let Some(value) = &request.#rust_name {
                #list.push((#wire_name, value.to_string()));
            }
        },
        (_, false) => quote! { #list.push((#wire_name, request.#rust_name.to_string())); },
    }
}

/// `///` doc comment attributes for documentation text, one per line; nothing for no lines.
fn doc_lines(lines: &[String]) -> TokenStream {
    let escaped: Vec<String> = lines.iter().map(|line| escape_doc(line)).collect();
    doc_lines_verbatim(&escaped)
}

/// `///` doc comment attributes for text that is already rustdoc Markdown (intra-doc links).
fn doc_lines_verbatim(lines: &[String]) -> TokenStream {
    let mut lines: Vec<&String> = lines.iter().collect();
    while lines.last().is_some_and(|line| line.trim().is_empty()) {
        lines.pop();
    }
    let attributes = lines.iter().map(|line| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote! { #[doc = #text] }
    });
    quote! { #(#attributes)* }
}

/// Keeps doc text from being read as Rust code, HTML or intra-doc links by rustdoc, and shows
/// URLs as code: the docs' URLs are examples and templates (`https://{VPC_Endpoint}/v1/...`), not
/// links, and bare ones trip rustdoc's `bare_urls` lint in the generated crate's documentation.
fn escape_doc(line: &str) -> String {
    let mut escaped = String::with_capacity(line.len());
    let mut rest = line;
    while let Some((before, url, after)) = split_at_url(rest) {
        escaped.push_str(&escape_doc_text(before));
        escaped.push('`');
        escaped.push_str(url);
        escaped.push('`');
        rest = after;
    }
    escaped.push_str(&escape_doc_text(rest));
    escaped
}

fn escape_doc_text(text: &str) -> String {
    text.replace('[', "\\[")
        .replace(']', "\\]")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The first URL in `text` that can be shown as a code span, with the text before and after it.
/// A URL starts a word (after whitespace, `(` or the start) and ends before whitespace; trailing
/// sentence punctuation and a `)` that closes the text's own parenthesis are not part of it.
fn split_at_url(text: &str) -> Option<(&str, &str, &str)> {
    let mut search_from = 0;
    loop {
        let start = search_from
            + ["http://", "https://"]
                .iter()
                .filter_map(|scheme| text[search_from..].find(scheme))
                .min()?;
        let starts_word = text[..start]
            .chars()
            .next_back()
            .is_none_or(|before| before.is_whitespace() || before == '(');
        let length = text[start..]
            .find(char::is_whitespace)
            .unwrap_or(text.len() - start);
        let mut url = &text[start..start + length];
        loop {
            let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '"', '\'']);
            let unbalanced_parenthesis = trimmed.ends_with(')')
                && trimmed.matches(')').count() > trimmed.matches('(').count();
            let trimmed = if unbalanced_parenthesis {
                &trimmed[..trimmed.len() - 1]
            } else {
                trimmed
            };
            if trimmed.len() == url.len() {
                break;
            }
            url = trimmed;
        }
        // A code span shows its text as is, so a URL with characters the rest of the line escapes
        // (or a backtick, which would end the span) stays plain text.
        let shown_as_code = starts_word
            && url
                .split_once("://")
                .is_some_and(|(_, address)| !address.is_empty())
            && !url.contains(['[', ']', '<', '>', '`']);
        if shown_as_code {
            return Some((&text[..start], url, &text[start + url.len()..]));
        }
        search_from = start + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::escape_doc;

    #[test]
    fn urls_in_documentation_become_code_spans_without_their_sentence_punctuation() {
        assert_eq!(
            escape_doc("calling the API (GET https://{VPC_Endpoint}/v1/{project_id}/subnets)."),
            "calling the API (GET `https://{VPC_Endpoint}/v1/{project_id}/subnets`)."
        );
        assert_eq!(
            escape_doc("in the URL https://www.xxx.com:8080/elb?type=lb, ${query} is type=lb."),
            "in the URL `https://www.xxx.com:8080/elb?type=lb`, ${query} is type=lb."
        );
        assert_eq!(
            escape_doc("see (https://example.com/a_(b)) and http://example.org"),
            "see (`https://example.com/a_(b)`) and `http://example.org`"
        );
    }

    #[test]
    fn text_around_urls_is_still_escaped_and_urls_inside_words_are_left_alone() {
        assert_eq!(
            escape_doc("[x] <y> https://example.com/[z] nothttps://example.com"),
            "\\[x\\] &lt;y&gt; https://example.com/\\[z\\] nothttps://example.com"
        );
        assert_eq!(escape_doc("https:// alone"), "https:// alone");
    }
}
