//! The client: the `Client` struct with its constructors and module documentation (the
//! operations by section), and one method per operation that builds the request, sends it
//! and decodes the response.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::bodies::request_body;
use super::doc_comments::{doc_lines, doc_lines_verbatim, escape_doc};
use super::error_codes::emit_error_codes;
use super::models::emit_types;
use super::requests::{emit_cookie_header, emit_request_struct, parameter_list, value_text};
use super::responses::emit_response_enum;
use super::runtime_path::runtime_tokens;
use super::streams::emit_stream_method;
use super::type_tokens::TypePlace;
use crate::extensions::VariantDiscriminator;
use crate::generate::ir::RUNTIME_CRATE_NAME;
use crate::generate::ir::{
    ClientConstructor, GenerateSettings, OperationDefinition, ParameterDefinition, ParameterPlace,
    ServiceModule, VariantDefinition,
};

/// The tokens of a whole service module of `otc-client` (types in an inline `types` module).
pub fn emit_service_module(module: &ServiceModule, settings: &GenerateSettings) -> TokenStream {
    let types = emit_types(module, settings);
    let types_module = quote! {
        /// The models of this service's request and response bodies.
        pub mod types {
            #types
        }
    };
    emit_client_items(module, settings, types_module, true)
}

/// The items of a module (or crate root) around the client: client, requests, responses, the
/// `types` module as given (the types are emitted separately, [`emit_types`]) and the error
/// codes. Without `with_operations`, the methods, requests and responses are left to
/// [`emit_operations`] (a huge spec's are emitted in chunks, in parallel).
pub fn emit_client_items(
    module: &ServiceModule,
    settings: &GenerateSettings,
    types_module: TokenStream,
    with_operations: bool,
) -> TokenStream {
    let runtime = runtime_tokens();
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
    let (constants, new_method) = match &settings.client_constructor {
        ClientConstructor::FromConfig { service_id } => {
            let server_url_template = &module.server_url_template;
            let regions = &module.regions;
            let endpoint_regions = module.region_endpoints.iter().map(|(region, _)| region);
            let endpoint_urls = module.region_endpoints.iter().map(|(_, url)| url);
            let runtime_text = RUNTIME_CRATE_NAME;
            let service_id_doc = doc_lines_verbatim(&[format!(
                "The service id: the key of this service's endpoint override in [`Config`]({runtime_text}::Config)."
            )]);
            let constants = quote! {
                #service_id_doc
                pub const SERVICE_ID: &str = #service_id;

                /// The endpoint template of the first server of the spec; `{region}` comes from the client config.
                pub const SERVER_URL_TEMPLATE: &str = #server_url_template;

                /// The regions whose cloud documents this service, each with its endpoint in
                /// [`REGION_ENDPOINTS`].
                pub const REGIONS: &[&str] = &[#(#regions),*];

                /// The service's base URL in each region of [`REGIONS`] (the spec's servers):
                /// what [`Client::new`] resolves the config's region with.
                pub const REGION_ENDPOINTS: &[(&str, &str)] = &[#((#endpoint_regions, #endpoint_urls)),*];
            };
            // A spec whose servers name no region has no endpoint per region: its one server
            // template is filled with whatever region the config names.
            let new_method = if module.region_endpoints.is_empty() {
                quote! {
                    /// A client for this service, with the endpoint taken from the config (its override
                    /// for this service, or the template filled with the region).
                    pub fn new(config: &#runtime::Config) -> ::std::result::Result<Self, #runtime::Error> {
                        ::std::result::Result::Ok(Self {
                            inner: #runtime::ServiceClient::from_config(config, SERVICE_ID, SERVER_URL_TEMPLATE)?,
                        })
                    }
                }
            } else {
                quote! {
                    /// A client for this service, with the endpoint taken from the config: its override
                    /// for this service, else its endpoint template, else the service's endpoint in the
                    /// config's region ([`REGION_ENDPOINTS`]). A region the service is not documented
                    /// for, or that Open Telekom Cloud does not have, is a configuration error.
                    pub fn new(config: &#runtime::Config) -> ::std::result::Result<Self, #runtime::Error> {
                        ::std::result::Result::Ok(Self {
                            inner: #runtime::ServiceClient::from_config_in_region(config, SERVICE_ID, REGION_ENDPOINTS)?,
                        })
                    }
                }
            };
            (constants, new_method)
        }
        ClientConstructor::FromBaseUrl => {
            let runtime_text = RUNTIME_CRATE_NAME;
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
    let runtime = runtime_tokens();
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
    if let Some(variant) = &operation.variant {
        lines.push(String::new());
        lines.push(variant_line(operation, variant));
    }
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
    let body = request_body(operation.body.as_ref(), runtime);
    let argument = operation
        .takes_request_argument()
        .then(|| quote! { , request: &#request_type });
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
    let Some(pagination) = &operation.pagination else {
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
        async fn #send_method_name(&self #argument) -> ::std::result::Result<#runtime::RawResponse, #runtime::Error> {
            #request_statements
            #send_call
        }

        #stream_method
    }
}

/// The doc line of a variant: which of the operations sharing its method and path it is, and
/// what its request sends that tells it apart, for example "One of 15 operations the API
/// reference documents for `POST /v2.1/{project_id}/servers/{server_id}/action`, each on its
/// own page: this one sends the `reboot` member of its body."
fn variant_line(operation: &OperationDefinition, variant: &VariantDefinition) -> String {
    let shared = format!(
        "One of {} operations the API reference documents for `{} {}`, each on its own page",
        variant.variant_count, operation.http_method, operation.path_template
    );
    match &variant.told_apart_by {
        VariantDiscriminator::NotRecorded => format!(
            "{shared}: its request is the others' as far as its page's tables and examples go, and its response is read as its page documents it."
        ),
        told_apart_by => format!("{shared}: this one sends {}.", told_apart_by.describe()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::format::format_items;
    use crate::generate::ir::{ResponseStatus, ResponseVariant, RustType};

    fn operation(tag: Option<&str>, method_name: &str) -> OperationDefinition {
        OperationDefinition {
            operation_id: "ShowPet".to_owned(),
            method_name: method_name.to_owned(),
            request_type_name: "ShowPetRequest".to_owned(),
            response_type_name: "ShowPetResponse".to_owned(),
            http_method: "GET".to_owned(),
            path_template: "/pets/{pet_id}".to_owned(),
            summary: Some("Shows a [pet].".to_owned()),
            description: None,
            tags: tag.iter().map(|tag| (*tag).to_owned()).collect(),
            deprecated: false,
            source_page: None,
            parameters: Vec::new(),
            body: None,
            responses: vec![ResponseVariant {
                status: ResponseStatus::Code(204),
                variant_name: "NoContent".to_owned(),
                success_accessor_name: Some("into_no_content".to_owned()),
                description: "Shown.".to_owned(),
                body: None,
                examples: Vec::new(),
            }],
            pagination: None,
            variant: None,
        }
    }

    fn assert_source(emitted: &str, expected: &str) {
        assert!(
            emitted == expected,
            "emitted:\n{emitted}\nexpected:\n{expected}"
        );
    }

    #[test]
    fn the_client_lists_the_operations_by_section_and_has_the_default_base_url() {
        let module = ServiceModule {
            title: "Pets".to_owned(),
            server_url_template: "https://{region}.example.com".to_owned(),
            default_server_url: Some("https://eu-de.example.com".to_owned()),
            regions: vec!["eu-de".to_owned(), "eu-nl".to_owned()],
            region_endpoints: vec![
                (
                    "eu-de".to_owned(),
                    "https://pets.eu-de.example.com".to_owned(),
                ),
                (
                    "eu-nl".to_owned(),
                    "https://pets.eu-nl.example.com".to_owned(),
                ),
            ],
            types: Default::default(),
            operations: vec![
                operation(Some("Pets"), "show_pet"),
                operation(None, "ping"),
                operation(Some("Pets"), "list_pets"),
            ],
            error_codes: Vec::new(),
            report: Vec::new(),
        };
        let tokens = emit_client_items(
            &module,
            &GenerateSettings::standalone(),
            quote! { pub mod types {} },
            false,
        );
        assert_source(
            &format_items(tokens).expect("tokens parse"),
            r#"/// Client for the Pets API.
///
/// Operations by section of the API reference:
///
/// **Other**
///
/// - [`Client::ping`]: Shows a \[pet\].
///
/// **Pets**
///
/// - [`Client::show_pet`]: Shows a \[pet\].
/// - [`Client::list_pets`]: Shows a \[pet\].
#[derive(Debug, Clone)]
pub struct Client {
    inner: ::otc_client_runtime::ServiceClient,
}
/// The first server URL of the API description, with its variables at their defaults.
pub const DEFAULT_BASE_URL: &str = "https://eu-de.example.com";
impl Client {
    /// A client for `base_url` with default settings; build a
    /// [`ServiceClient`](otc_client_runtime::ServiceClient) for default headers
    /// (authentication) and timeouts, and pass it to [`Client::from_service_client`].
    pub fn new(
        base_url: &str,
    ) -> ::std::result::Result<Self, ::otc_client_runtime::Error> {
        ::std::result::Result::Ok(Self {
            inner: ::otc_client_runtime::ServiceClient::new(base_url)?,
        })
    }
    /// A client on top of an already configured service client.
    pub fn from_service_client(inner: ::otc_client_runtime::ServiceClient) -> Self {
        Self { inner }
    }
    /// The service client underneath, for requests the API description does not cover.
    pub fn service_client(&self) -> &::otc_client_runtime::ServiceClient {
        &self.inner
    }
}
pub mod types {}
"#,
        );
    }

    #[test]
    fn an_otc_service_client_names_its_endpoint_template_and_regions() {
        let module = ServiceModule {
            title: "Pets".to_owned(),
            server_url_template: "https://pets.{region}.example.com".to_owned(),
            default_server_url: Some("https://pets.eu-de.example.com".to_owned()),
            regions: vec!["eu-de".to_owned(), "eu-nl".to_owned()],
            region_endpoints: vec![
                (
                    "eu-de".to_owned(),
                    "https://pets.eu-de.example.com".to_owned(),
                ),
                (
                    "eu-nl".to_owned(),
                    "https://pets.eu-nl.example.com".to_owned(),
                ),
            ],
            types: Default::default(),
            operations: Vec::new(),
            error_codes: Vec::new(),
            report: Vec::new(),
        };
        let tokens = emit_client_items(
            &module,
            &GenerateSettings::otc_service("pets"),
            quote! {},
            false,
        );
        let source = format_items(tokens).expect("tokens parse");
        for expected in [
            r#"pub const SERVICE_ID: &str = "pets";"#,
            r#"pub const SERVER_URL_TEMPLATE: &str = "https://pets.{region}.example.com";"#,
            r#"pub const REGIONS: &[&str] = &["eu-de", "eu-nl"];"#,
            r#"pub const REGION_ENDPOINTS: &[(&str, &str)] = &["#,
            r#"("eu-de", "https://pets.eu-de.example.com"),"#,
            r#"("eu-nl", "https://pets.eu-nl.example.com"),"#,
            "::otc_client_runtime::ServiceClient::from_config_in_region(",
        ] {
            assert!(source.contains(expected), "{expected} in\n{source}");
        }
    }

    #[test]
    fn a_method_expands_its_path_and_sends_its_parameters() {
        let mut operation = operation(Some("Pets"), "show_pet");
        let parameter = |wire_name: &str, place, optional| ParameterDefinition {
            wire_name: wire_name.to_owned(),
            rust_name: wire_name.to_owned(),
            place,
            rust_type: RustType::String,
            optional,
            comma_separated: false,
            documentation: Vec::new(),
            description: None,
            constraints: Default::default(),
        };
        operation.parameters = vec![
            parameter("pet_id", ParameterPlace::Path, false),
            parameter("fields", ParameterPlace::Query, true),
            parameter("session", ParameterPlace::Cookie, false),
        ];
        operation.deprecated = true;
        operation.source_page = Some("pets/show.html".to_owned());
        let settings = GenerateSettings::standalone();
        let method = emit_method(&operation, &settings, &runtime_tokens());
        assert_source(
            &format_items(quote! { impl Client { #method } }).expect("tokens parse"),
            r#"impl Client {
    /// Shows a \[pet\].
    ///
    /// `GET /pets/{pet_id}`
    ///
    /// Section: Pets.
    /// Source page: `pets/show.html`.
    #[deprecated(note = "deprecated in the API description")]
    pub async fn show_pet(
        &self,
        request: &ShowPetRequest,
    ) -> ::std::result::Result<ShowPetResponse, ::otc_client_runtime::Error> {
        let path = self
            .inner
            .expand_path("/pets/{pet_id}", &[("pet_id", request.pet_id.to_string())])?;
        let mut query: ::std::vec::Vec<(&'static str, ::std::string::String)> = ::std::vec![];
        if let Some(value) = &request.fields {
            query.push(("fields", value.to_string()));
        }
        let mut headers: ::std::vec::Vec<(&'static str, ::std::string::String)> = ::std::vec![];
        let mut cookies: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
        cookies.push(format!("{}={}", "session", request.session));
        if !cookies.is_empty() {
            headers.push(("Cookie", cookies.join("; ")));
        }
        let raw = self
            .inner
            .send(::otc_client_runtime::OperationRequest {
                operation_id: "ShowPet",
                method: ::reqwest::Method::GET,
                path,
                query,
                headers,
                body: ::std::option::Option::None,
            })
            .await?;
        ShowPetResponse::from_raw(raw)
    }
}
"#,
        );
    }
}
