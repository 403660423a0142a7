//! Responses: the response enum of an operation, one variant per documented status plus
//! `Unexpected`, with `from_raw`, `status`, `is_success`, `into_result` and one
//! `into_<variant>` accessor per exact success status.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::doc_comments::{doc_lines, doc_lines_verbatim};
use super::type_tokens::{type_tokens, TypePlace};
use crate::generate::ir::RUNTIME_CRATE_NAME;
use crate::generate::ir::{BodyDecoding, OperationDefinition, ResponseStatus, ResponseVariant};

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
///     Unexpected(::otc_client_runtime::RawResponse),
/// }
/// ```
///
/// `#[non_exhaustive]`, so a status the docs add later is a new variant without breaking
/// callers' matches. Beside `from_raw` and `status`: `is_success`, `into_result` (the response
/// as `Ok` for 2xx, as the error otherwise) and one `into_<variant>` per exact success status
/// (its body, or the response as the error); the enum is a `std::error::Error` for that.
pub(super) fn emit_response_enum(
    operation: &OperationDefinition,
    runtime: &TokenStream,
    place: TypePlace,
) -> TokenStream {
    let name = format_ident!("{}", operation.response_type_name);
    let runtime_text = RUNTIME_CRATE_NAME;
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
        let status_text = response.status.spec_key();
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

#[cfg(test)]
mod tests {

    use super::*;
    use crate::generate::emit::runtime_tokens;
    use crate::generate::format::format_items;
    use crate::generate::ir::{GenerateSettings, RustType};

    fn response(
        status: ResponseStatus,
        variant_name: &str,
        success_accessor_name: Option<&str>,
        body: Option<&str>,
    ) -> ResponseVariant {
        ResponseVariant {
            status,
            variant_name: variant_name.to_owned(),
            success_accessor_name: success_accessor_name.map(str::to_owned),
            description: format!("{variant_name} response."),
            body: body.map(|name| (RustType::Named(name.to_owned()), BodyDecoding::Json)),
            examples: Vec::new(),
        }
    }

    fn operation(responses: Vec<ResponseVariant>) -> OperationDefinition {
        OperationDefinition {
            operation_id: "ShowPet".to_owned(),
            method_name: "show_pet".to_owned(),
            request_type_name: "ShowPetRequest".to_owned(),
            response_type_name: "ShowPetResponse".to_owned(),
            http_method: "GET".to_owned(),
            path_template: "/pets/{pet_id}".to_owned(),
            summary: None,
            description: None,
            tags: Vec::new(),
            deprecated: false,
            source_page: None,
            parameters: Vec::new(),
            body: None,
            responses,
            pagination: None,
            variant: None,
        }
    }

    fn emitted(operation: &OperationDefinition) -> String {
        let place = TypePlace::client(&GenerateSettings::otc_service("test"));
        let tokens = emit_response_enum(operation, &runtime_tokens(), place);
        format_items(tokens).expect("tokens parse")
    }

    fn assert_source(emitted: &str, expected: &str) {
        assert!(
            emitted == expected,
            "emitted:\n{emitted}\nexpected:\n{expected}"
        );
    }

    #[test]
    fn a_response_enum_has_a_variant_per_status_and_unexpected_for_the_rest() {
        let operation = operation(vec![
            response(ResponseStatus::Range(4), "ClientError", None, Some("Error")),
            response(
                ResponseStatus::Code(200),
                "Ok",
                Some("into_ok"),
                Some("Pet"),
            ),
            response(
                ResponseStatus::Code(204),
                "NoContent",
                Some("into_no_content"),
                None,
            ),
        ]);
        assert_source(
            &emitted(&operation),
            r#"/// The response of [`Client::show_pet`], by status code.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ShowPetResponse {
    /// 4XX: ClientError response.
    ClientError { status: u16, body: types::Error },
    /// 200: Ok response.
    Ok(types::Pet),
    /// 204: NoContent response.
    NoContent,
    /// A status the API reference does not document, with the raw response kept whole.
    Unexpected(::otc_client_runtime::RawResponse),
}
#[allow(clippy::result_large_err)]
impl ShowPetResponse {
    /// Decodes a raw response into the variant of its status code. A documented status
    /// whose body does not decode is an [`otc_client_runtime::Error::Decode`] that keeps the
    /// status and the raw body.
    pub fn from_raw(
        raw: ::otc_client_runtime::RawResponse,
    ) -> ::std::result::Result<Self, ::otc_client_runtime::Error> {
        match raw.status {
            200 => Ok(Self::Ok(raw.decode_json()?)),
            204 => Ok(Self::NoContent),
            400..=499 => {
                Ok(Self::ClientError {
                    status: raw.status,
                    body: raw.decode_json()?,
                })
            }
            _ => Ok(Self::Unexpected(raw)),
        }
    }
    /// The HTTP status code of the response.
    pub fn status(&self) -> u16 {
        match self {
            Self::ClientError { status, .. } => *status,
            Self::Ok(_) => 200,
            Self::NoContent => 204,
            Self::Unexpected(raw) => raw.status,
        }
    }
    /// Whether the status is a success (2xx).
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status())
    }
    /// `Ok` for a success status (2xx), else `Err` with the response as the error, so
    /// `client.show_pet(…).await?.into_result()?` passes an error status on.
    pub fn into_result(self) -> ::std::result::Result<Self, Self> {
        if self.is_success() { Ok(self) } else { Err(self) }
    }
    /// The body of the 200 response, or the response as the error for any other status.
    pub fn into_ok(self) -> ::std::result::Result<types::Pet, Self> {
        match self {
            Self::Ok(body) => Ok(body),
            other => Err(other),
        }
    }
    /// The body of the 204 response, or the response as the error for any other status.
    pub fn into_no_content(self) -> ::std::result::Result<(), Self> {
        match self {
            Self::NoContent => Ok(()),
            other => Err(other),
        }
    }
}
impl ::std::fmt::Display for ShowPetResponse {
    fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(formatter, "ShowPet answered with status {}", self.status())
    }
}
impl ::std::error::Error for ShowPetResponse {}
"#,
        );
    }

    #[test]
    fn with_a_default_response_there_is_no_unexpected_variant() {
        let operation = operation(vec![response(
            ResponseStatus::Default,
            "Default",
            None,
            None,
        )]);
        assert_source(
            &emitted(&operation),
            r#"/// The response of [`Client::show_pet`], by status code.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ShowPetResponse {
    /// default: Default response.
    Default { status: u16 },
}
#[allow(clippy::result_large_err)]
impl ShowPetResponse {
    /// Decodes a raw response into the variant of its status code. A documented status
    /// whose body does not decode is an [`otc_client_runtime::Error::Decode`] that keeps the
    /// status and the raw body.
    pub fn from_raw(
        raw: ::otc_client_runtime::RawResponse,
    ) -> ::std::result::Result<Self, ::otc_client_runtime::Error> {
        match raw.status {
            _ => {
                Ok(Self::Default {
                    status: raw.status,
                })
            }
        }
    }
    /// The HTTP status code of the response.
    pub fn status(&self) -> u16 {
        match self {
            Self::Default { status, .. } => *status,
        }
    }
    /// Whether the status is a success (2xx).
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status())
    }
    /// `Ok` for a success status (2xx), else `Err` with the response as the error, so
    /// `client.show_pet(…).await?.into_result()?` passes an error status on.
    pub fn into_result(self) -> ::std::result::Result<Self, Self> {
        if self.is_success() { Ok(self) } else { Err(self) }
    }
}
impl ::std::fmt::Display for ShowPetResponse {
    fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(formatter, "ShowPet answered with status {}", self.status())
    }
}
impl ::std::error::Error for ShowPetResponse {}
"#,
        );
    }
}
