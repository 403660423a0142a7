//! Emitters: the intermediate form → tokens of one service module (types, request structs,
//! response enums, client methods). Nothing here decides a name or a type; `ir` did.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::generate::ir::{
    FieldDefinition, OperationDefinition, ParameterDefinition, ParameterPlace, RustType,
    ServiceModule, TypeDefinition,
};

/// The tokens of a whole service module.
pub fn emit_service_module(module: &ServiceModule, service_id: &str) -> TokenStream {
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
        section_lines.push(format!("**{tag}**"));
        section_lines.push(String::new());
        for operation in operations {
            section_lines.push(format!(
                "- [`Client::{}`]: {}",
                operation.method_name,
                operation.summary.clone().unwrap_or_default()
            ));
        }
    }
    let sections_doc = doc_lines_verbatim(&section_lines);
    let server_url_template = &module.server_url_template;
    let types: Vec<TokenStream> = module.types.values().map(emit_type).collect();
    let methods: Vec<TokenStream> = module.operations.iter().map(emit_method).collect();
    let requests: Vec<TokenStream> = module
        .operations
        .iter()
        .filter_map(emit_request_struct)
        .collect();
    let responses: Vec<TokenStream> = module.operations.iter().map(emit_response_enum).collect();
    let error_codes = emit_error_codes(module);
    let documented_error_impls = emit_documented_error_impls(module);
    quote! {
        #title_doc
        #sections_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            inner: crate::runtime::ServiceClient,
        }

        /// The service id: the key for endpoint overrides in [`crate::runtime::Config`].
        pub const SERVICE_ID: &str = #service_id;

        /// The endpoint template from the service config; `{region}` comes from the client config.
        pub const SERVER_URL_TEMPLATE: &str = #server_url_template;

        impl Client {
            /// A client for this service, with the endpoint taken from the config (its override
            /// for this service, or the template filled with the region).
            pub fn new(config: &crate::runtime::Config) -> ::std::result::Result<Self, crate::runtime::Error> {
                Ok(Self {
                    inner: crate::runtime::ServiceClient::new(config, SERVICE_ID, SERVER_URL_TEMPLATE)?,
                })
            }

            /// A client on top of an already configured service client.
            pub fn from_service_client(inner: crate::runtime::ServiceClient) -> Self {
                Self { inner }
            }

            #(#methods)*
        }

        #(#requests)*

        #(#responses)*

        /// The models of this service's request and response bodies.
        pub mod types {
            #(#types)*
            #documented_error_impls
        }

        #error_codes
    }
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
fn emit_error_codes(module: &ServiceModule) -> TokenStream {
    if module.error_codes.is_empty() {
        return TokenStream::new();
    }
    let optional = |text: &Option<String>| match text {
        Some(text) => quote! { Some(#text) },
        None => quote! { None },
    };
    let entries = module.error_codes.iter().map(|error_code| {
        let status_code = Literal::u16_unsuffixed(error_code.status_code);
        let code = &error_code.error_code;
        let message = optional(&error_code.message);
        let description = optional(&error_code.description);
        let solution = optional(&error_code.solution);
        let other = error_code
            .other
            .iter()
            .map(|(column, text)| quote! { (#column, #text), });
        quote! {
            crate::runtime::DocumentedErrorCode {
                status_code: #status_code,
                error_code: #code,
                message: #message,
                description: #description,
                solution: #solution,
                other: &[#(#other)*],
            },
        }
    });
    let mut constant_names: Vec<String> = Vec::new();
    let mut constants = Vec::new();
    for error_code in &module.error_codes {
        let name = error_code_constant_name(&error_code.error_code);
        if constant_names.contains(&name) {
            continue;
        }
        let ident = format_ident!("{}", name);
        let code = &error_code.error_code;
        let documentation =
            doc_lines(&[error_code.message.clone().unwrap_or_else(|| code.clone())]);
        constants.push(quote! { #documentation pub const #ident: &str = #code; });
        constant_names.push(name);
    }
    quote! {
        /// The error codes documented in the API reference: match a response's `error_code`
        /// against the constants, or look up what a code means.
        pub mod error_codes {
            #(#constants)*

            /// Every documented error code, in the order of the docs' table.
            pub const ALL: &[crate::runtime::DocumentedErrorCode] = &[#(#entries)*];

            /// The first documented entry for an error code.
            pub fn find(error_code: &str) -> ::std::option::Option<&'static crate::runtime::DocumentedErrorCode> {
                ALL.iter().find(|entry| entry.error_code == error_code)
            }

            /// Every documented entry for an error code (some codes are listed once per status).
            pub fn find_all(error_code: &str) -> impl Iterator<Item = &'static crate::runtime::DocumentedErrorCode> + '_ {
                ALL.iter().filter(move |entry| entry.error_code == error_code)
            }
        }
    }
}

/// `DCS.4001` → `DCS_4001`; a code that starts with a digit gets a `CODE_` prefix.
fn error_code_constant_name(error_code: &str) -> String {
    let mut name: String = error_code
        .chars()
        .map(|character| {
            if character.is_ascii_alphanumeric() {
                character.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if !name.starts_with(|character: char| character.is_ascii_alphabetic()) {
        name = format!("CODE_{name}");
    }
    name
}

/// For every model with a string `error_code` field, a method that looks the code up in the
/// documented error codes, for example:
///
/// ```text
/// impl ErrorResponse {
///     pub fn documented_error(&self) -> Option<&'static crate::runtime::DocumentedErrorCode> { … }
/// }
/// ```
fn emit_documented_error_impls(module: &ServiceModule) -> TokenStream {
    if module.error_codes.is_empty() {
        return TokenStream::new();
    }
    let impls = module.types.values().filter_map(|type_definition| {
        let field = type_definition
            .fields
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
                pub fn documented_error(&self) -> ::std::option::Option<&'static crate::runtime::DocumentedErrorCode> {
                    super::error_codes::find(#code)
                }
            }
        })
    });
    quote! { #(#impls)* }
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
fn emit_type(type_definition: &TypeDefinition) -> TokenStream {
    let name = format_ident!("{}", type_definition.name);
    let documentation = doc_lines(
        &type_definition
            .description
            .iter()
            .flat_map(|text| text.lines().map(str::to_owned))
            .collect::<Vec<_>>(),
    );
    let fields = type_definition.fields.iter().map(emit_field);
    let has_secrets = type_definition.fields.iter().any(|field| field.is_secret);
    let derive_debug = (!has_secrets).then(|| quote! { Debug, });
    let redacted_debug = has_secrets.then(|| emit_redacted_debug(type_definition));
    quote! {
        #documentation
        #[derive(#derive_debug Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #(#fields)*
        }
        #redacted_debug
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
fn emit_redacted_debug(type_definition: &TypeDefinition) -> TokenStream {
    let name = format_ident!("{}", type_definition.name);
    let name_text = &type_definition.name;
    let fields = type_definition.fields.iter().map(|field| {
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
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                formatter.debug_struct(#name_text) #(#fields)* .finish()
            }
        }
    }
}

fn emit_field(field: &FieldDefinition) -> TokenStream {
    let rust_name = format_ident!("{}", field.rust_name);
    let rust_type = type_tokens(&field.rust_type, true);
    let documentation = doc_lines(&field.documentation);
    let rename = (field.rust_name != field.json_name).then(|| {
        let json_name = &field.json_name;
        quote! { #[serde(rename = #json_name)] }
    });
    if field.optional {
        quote! {
            #documentation
            #rename
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub #rust_name: ::std::option::Option<#rust_type>,
        }
    } else {
        quote! {
            #documentation
            #rename
            pub #rust_name: #rust_type,
        }
    }
}

/// The Rust type of a field; `in_types_module` tells whether named types need the `types::`
/// prefix.
fn type_tokens(rust_type: &RustType, in_types_module: bool) -> TokenStream {
    match rust_type {
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
        RustType::Vec(element) => {
            let element = type_tokens(element, in_types_module);
            quote! { ::std::vec::Vec<#element> }
        }
        RustType::Map(value) => {
            let value = type_tokens(value, in_types_module);
            quote! { ::std::collections::BTreeMap<::std::string::String, #value> }
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
fn emit_request_struct(operation: &OperationDefinition) -> Option<TokenStream> {
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
        let rust_type = type_tokens(&parameter.rust_type, false);
        let mut lines = parameter.documentation.clone();
        let place = match parameter.place {
            ParameterPlace::Path => "path",
            ParameterPlace::Query => "query",
            ParameterPlace::Header => "header",
        };
        lines.push(String::new());
        lines.push(format!(
            "Sent as the {place} parameter `{}`.",
            parameter.wire_name
        ));
        let documentation = doc_lines(&lines);
        if parameter.optional && !matches!(parameter.rust_type, RustType::Vec(_)) {
            quote! { #documentation pub #rust_name: ::std::option::Option<#rust_type>, }
        } else {
            quote! { #documentation pub #rust_name: #rust_type, }
        }
    });
    let body = operation.body.as_ref().map(|body| {
        let rust_type = type_tokens(&body.rust_type, false);
        if body.optional {
            quote! {
                /// The request body (JSON).
                pub body: ::std::option::Option<#rust_type>,
            }
        } else {
            quote! {
                /// The request body (JSON).
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

/// The response enum of an operation: one variant per documented status and `Unexpected` for
/// any other, for example:
///
/// ```text
/// pub enum DeleteBackgroundTaskResponse {
///     /// 200: Background task deleted successfully.
///     Ok(types::DeleteBackgroundTaskResp),
///     /// 204: Background task deleted successfully.
///     NoContent,
///     /// A status the API reference does not document, with the raw response.
///     Unexpected(crate::runtime::RawResponse),
/// }
/// ```
fn emit_response_enum(operation: &OperationDefinition) -> TokenStream {
    let name = format_ident!("{}", operation.response_type_name);
    let documentation = doc_lines_verbatim(&[format!(
        "The response of [`Client::{}`], by status code.",
        operation.method_name
    )]);
    let variants = operation.responses.iter().map(|response| {
        let variant = format_ident!("{}", response.variant_name);
        let documentation = doc_lines(&[format!(
            "{}: {}",
            response.status_code, response.description
        )]);
        match &response.body {
            Some(body) => {
                let body = type_tokens(body, false);
                quote! { #documentation #variant(#body), }
            }
            None => quote! { #documentation #variant, },
        }
    });
    let decode_arms = operation.responses.iter().map(|response| {
        let variant = format_ident!("{}", response.variant_name);
        let status_code = Literal::u16_unsuffixed(response.status_code);
        match &response.body {
            Some(_) => quote! { #status_code => Ok(Self::#variant(raw.decode_json()?)), },
            None => quote! { #status_code => Ok(Self::#variant), },
        }
    });
    let status_arms = operation.responses.iter().map(|response| {
        let variant = format_ident!("{}", response.variant_name);
        let status_code = Literal::u16_unsuffixed(response.status_code);
        match &response.body {
            Some(_) => quote! { Self::#variant(_) => #status_code, },
            None => quote! { Self::#variant => #status_code, },
        }
    });
    quote! {
        #documentation
        // A response is decoded once and matched on; boxing the large success bodies would
        // only add an allocation and a `*` to every match.
        #[allow(clippy::large_enum_variant)]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
            /// A status the API reference does not document, with the raw response kept whole.
            Unexpected(crate::runtime::RawResponse),
        }

        impl #name {
            /// Decodes a raw response into the variant of its status code. A documented status
            /// whose body does not decode is an [`crate::runtime::Error::Decode`] that keeps the
            /// status and the raw body.
            pub fn from_raw(raw: crate::runtime::RawResponse) -> ::std::result::Result<Self, crate::runtime::Error> {
                match raw.status {
                    #(#decode_arms)*
                    _ => Ok(Self::Unexpected(raw)),
                }
            }

            /// The HTTP status code of the response.
            pub fn status(&self) -> u16 {
                match self {
                    #(#status_arms)*
                    Self::Unexpected(raw) => raw.status,
                }
            }
        }
    }
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
fn emit_method(operation: &OperationDefinition) -> TokenStream {
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
    let deprecated = operation.deprecated.then(|| quote! { #[deprecated(note = "outdated API: the API reference recommends a newer version")] });
    let path_template = &operation.path_template;
    let operation_id = &operation.operation_id;
    let http_method = format_ident!("{}", operation.http_method);
    let path_arguments = operation
        .parameters
        .iter()
        .filter(|parameter| parameter.place == ParameterPlace::Path)
        .map(|parameter| {
            let wire_name = &parameter.wire_name;
            let rust_name = format_ident!("{}", parameter.rust_name);
            quote! { (#wire_name, request.#rust_name.to_string()), }
        });
    let (query_binding, query_pushes) =
        parameter_list(operation, ParameterPlace::Query, quote! { query });
    let (header_binding, header_pushes) =
        parameter_list(operation, ParameterPlace::Header, quote! { headers });
    let body = match &operation.body {
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
    };
    let argument = has_request(operation).then(|| quote! { , request: &#request_type });
    quote! {
        #documentation
        #deprecated
        pub async fn #method_name(&self #argument) -> ::std::result::Result<#response_type, crate::runtime::Error> {
            let path = self.inner.expand_path(#path_template, &[#(#path_arguments)*])?;
            #query_binding
            #(#query_pushes)*
            #header_binding
            #(#header_pushes)*
            let raw = self
                .inner
                .send(crate::runtime::OperationRequest {
                    operation_id: #operation_id,
                    method: ::reqwest::Method::#http_method,
                    path,
                    query,
                    headers,
                    body: #body,
                })
                .await?;
            #response_type::from_raw(raw)
        }
    }
}

/// The list of query or header pairs: required scalar parameters in the `vec![…]` that starts
/// it, then pushes for optional ones (only when set) and arrays (once per element,
/// `?id=a&id=b`).
fn parameter_list(
    operation: &OperationDefinition,
    place: ParameterPlace,
    list: TokenStream,
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
    let mutable = (!pushes.is_empty()).then(|| quote! { mut });
    let binding = quote! { let #mutable #list: ::std::vec::Vec<(&'static str, ::std::string::String)> = ::std::vec![#(#fixed)*]; };
    (binding, pushes)
}

/// Pushes a query or header parameter: optional ones only when set, arrays once per element
/// (`?id=a&id=b`).
fn push_parameter(parameter: &ParameterDefinition, list: TokenStream) -> TokenStream {
    let wire_name = &parameter.wire_name;
    let rust_name = format_ident!("{}", parameter.rust_name);
    match (&parameter.rust_type, parameter.optional) {
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

/// Keeps doc text from being read as Rust code, HTML or intra-doc links by rustdoc.
fn escape_doc(line: &str) -> String {
    line.replace('[', "\\[")
        .replace(']', "\\]")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
