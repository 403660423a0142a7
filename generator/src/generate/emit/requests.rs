//! Requests: the request struct of an operation (its parameters and body as public fields),
//! and the statements of its method that turn those fields into path values, query pairs and
//! headers (optional ones only when set, arrays once per element or joined by commas, cookies
//! in one `Cookie` header).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::doc_comments::{doc_lines, doc_lines_verbatim};
use super::type_tokens::{type_tokens, TypePlace};
use crate::generate::ir::{
    GenerateSettings, OperationDefinition, ParameterDefinition, ParameterPlace, RustType,
};

/// The request struct of an operation, `#[non_exhaustive]` like the models (a parameter the
/// docs add later breaks no caller), for example:
///
/// ```text
/// #[derive(Debug, Clone, PartialEq, Default)]
/// #[non_exhaustive]
/// pub struct DeleteBackgroundTaskRequest {
///     /// Instance ID.
///     pub instance_id: String,
/// }
/// ```
pub(super) fn emit_request_struct(
    operation: &OperationDefinition,
    settings: &GenerateSettings,
) -> Option<TokenStream> {
    if !operation.takes_request_argument() {
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
        let place = parameter.place.spec_name();
        lines.push(String::new());
        lines.push(format!(
            "Sent as the {place} parameter `{}`.",
            parameter.wire_name
        ));
        let documentation = doc_lines(&lines);
        if parameter.is_rust_option() {
            let optional_type = TypePlace::client(settings).option(rust_type);
            quote! { #documentation pub #rust_name: #optional_type, }
        } else {
            quote! { #documentation pub #rust_name: #rust_type, }
        }
    });
    let body = operation.body.as_ref().map(|body| {
        let rust_type = type_tokens(&body.rust_type, TypePlace::client(settings));
        let optional_type = TypePlace::client(settings).option(rust_type.clone());
        let documentation = doc_lines(&[format!("The request body (`{}`).", body.content_type)]);
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
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #body
        }
    })
}

/// The text of a parameter value: `to_string()`, or for an array sent as one value its
/// elements joined by commas.
pub(super) fn value_text(parameter: &ParameterDefinition, source: TokenStream) -> TokenStream {
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
pub(super) fn emit_cookie_header(cookies: &[&ParameterDefinition]) -> TokenStream {
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
pub(super) fn parameter_list(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::format::format_items;
    use crate::generate::ir::{BodyDefinition, BodyEncoding};

    fn parameter(
        wire_name: &str,
        place: ParameterPlace,
        rust_type: RustType,
        optional: bool,
    ) -> ParameterDefinition {
        ParameterDefinition {
            wire_name: wire_name.to_owned(),
            rust_name: wire_name.replace('-', "_").to_ascii_lowercase(),
            place,
            rust_type,
            optional,
            comma_separated: false,
            documentation: Vec::new(),
            description: None,
            constraints: Default::default(),
        }
    }

    fn operation(
        parameters: Vec<ParameterDefinition>,
        body: Option<BodyDefinition>,
    ) -> OperationDefinition {
        OperationDefinition {
            operation_id: "ListTasks".to_owned(),
            method_name: "list_tasks".to_owned(),
            request_type_name: "ListTasksRequest".to_owned(),
            response_type_name: "ListTasksResponse".to_owned(),
            http_method: "GET".to_owned(),
            path_template: "/v2/{project_id}/instances/{instance_id}/tasks".to_owned(),
            summary: None,
            description: None,
            tags: Vec::new(),
            deprecated: false,
            source_page: None,
            parameters,
            body,
            responses: Vec::new(),
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
    fn a_request_struct_has_a_field_per_parameter_and_the_body() {
        let mut limit = parameter("limit", ParameterPlace::Query, RustType::I32, true);
        limit.documentation = vec!["Page size.".to_owned()];
        let operation = operation(
            vec![
                parameter("instance_id", ParameterPlace::Path, RustType::String, false),
                limit,
                parameter(
                    "tags",
                    ParameterPlace::Query,
                    RustType::Vec(Box::new(RustType::String)),
                    true,
                ),
            ],
            Some(BodyDefinition {
                rust_type: RustType::Named("ListTasksBody".to_owned()),
                optional: true,
                content_type: "application/json".to_owned(),
                encoding: BodyEncoding::Json,
                examples: Vec::new(),
            }),
        );
        let tokens = emit_request_struct(&operation, &GenerateSettings::otc_service("test"))
            .expect("a request");
        assert_source(
            &format_items(tokens).expect("tokens parse"),
            r#"/// The parameters and body of [`Client::list_tasks`].
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ListTasksRequest {
    ///
    /// Sent as the path parameter `instance_id`.
    pub instance_id: String,
    /// Page size.
    ///
    /// Sent as the query parameter `limit`.
    pub limit: Option<i32>,
    ///
    /// Sent as the query parameter `tags`.
    pub tags: Vec<String>,
    /// The request body (`application/json`).
    pub body: Option<types::ListTasksBody>,
}
"#,
        );
    }

    #[test]
    fn an_operation_without_parameters_or_body_has_no_request_struct() {
        let operation = operation(Vec::new(), None);
        assert!(!operation.takes_request_argument());
        assert!(emit_request_struct(&operation, &GenerateSettings::standalone()).is_none());
    }

    #[test]
    fn required_scalars_start_the_list_and_the_others_are_pushed_when_set() {
        let mut joined = parameter(
            "ids",
            ParameterPlace::Query,
            RustType::Vec(Box::new(RustType::I64)),
            true,
        );
        joined.comma_separated = true;
        let operation = operation(
            vec![
                parameter("instance_id", ParameterPlace::Path, RustType::String, false),
                parameter("status", ParameterPlace::Query, RustType::String, false),
                parameter("limit", ParameterPlace::Query, RustType::I32, true),
                parameter(
                    "tags",
                    ParameterPlace::Query,
                    RustType::Vec(Box::new(RustType::String)),
                    true,
                ),
                joined,
                parameter(
                    "X-Language",
                    ParameterPlace::Header,
                    RustType::String,
                    false,
                ),
            ],
            None,
        );
        let (query_binding, query_pushes) =
            parameter_list(&operation, ParameterPlace::Query, quote! { query }, false);
        let (header_binding, header_pushes) = parameter_list(
            &operation,
            ParameterPlace::Header,
            quote! { headers },
            false,
        );
        let statements = quote! {
            fn statements() {
                #query_binding
                #(#query_pushes)*
                #header_binding
                #(#header_pushes)*
            }
        };
        assert_source(
            &format_items(statements).expect("tokens parse"),
            r#"fn statements() {
    let mut query: ::std::vec::Vec<(&'static str, ::std::string::String)> = ::std::vec![
        ("status", request.status.to_string()),
    ];
    if let Some(value) = &request.limit {
        query.push(("limit", value.to_string()));
    }
    for value in &request.tags {
        query.push(("tags", value.to_string()));
    }
    if !request.ids.is_empty() {
        query
            .push((
                "ids",
                request
                    .ids
                    .iter()
                    .map(::std::string::ToString::to_string)
                    .collect::<::std::vec::Vec<_>>()
                    .join(","),
            ));
    }
    let headers: ::std::vec::Vec<(&'static str, ::std::string::String)> = ::std::vec![
        ("X-Language", request.x_language.to_string()),
    ];
}
"#,
        );
    }

    #[test]
    fn cookies_go_in_one_cookie_header() {
        let session = parameter("session", ParameterPlace::Cookie, RustType::String, false);
        let theme = parameter("theme", ParameterPlace::Cookie, RustType::String, true);
        let statements = emit_cookie_header(&[&session, &theme]);
        assert_source(
            &format_items(quote! { fn statements() { #statements } }).expect("tokens parse"),
            r#"fn statements() {
    let mut cookies: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
    cookies.push(format!("{}={}", "session", request.session));
    if let Some(value) = &request.theme {
        cookies.push(format!("{}={}", "theme", value));
    }
    if !cookies.is_empty() {
        headers.push(("Cookie", cookies.join("; ")));
    }
}
"#,
        );
        assert!(emit_cookie_header(&[]).is_empty());
    }
}
