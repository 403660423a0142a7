//! Item streams of paginated operations (`x-pagination`): the
//! `<operation>_stream` method that walks the pages by marker or offset and yields the items,
//! reading next marker, total count and items along the field paths `pagination` resolved.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::doc_comments::doc_lines_verbatim;
use super::runtime_path::runtime_tokens;
use super::type_tokens::{type_tokens, TypePlace};
use crate::generate::ir::RUNTIME_CRATE_NAME;
use crate::generate::ir::{GenerateSettings, OperationDefinition};
use crate::generate::pagination::{FieldPath, PageWalk, PaginationDefinition};

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
pub(super) fn emit_stream_method(
    operation: &OperationDefinition,
    pagination: &PaginationDefinition,
    settings: &GenerateSettings,
    deprecated: &Option<TokenStream>,
) -> TokenStream {
    let place = TypePlace::client(settings);
    let runtime = runtime_tokens();
    let runtime_doc = RUNTIME_CRATE_NAME;
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
                    return ::std::result::Result::Err(#runtime::Error::UnexpectedStatus {
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
                    ::std::result::Result::Ok(#runtime::MarkerPage { items, next_marker })
                },
            );
            let line = format!(
                "Marker pagination: the first page is requested with the request's `{}`, each next one with the `{}` of the page before; the walk ends at a page without it or without items.",
                marker.wire_name, next_marker.wire_path
            );
            let body = quote! {
                let request = ::std::clone::Clone::clone(request);
                let initial_marker = ::std::clone::Clone::clone(&request.#marker_name);
                #runtime::marker_items(#operation_id, initial_marker, move |marker| {
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
            let page_offset = quote! { #runtime::offset_parameter(#operation_id, offset)? };
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
                    ::std::result::Result::Ok(#runtime::OffsetPage { items, total_count })
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
                #runtime::offset_items(#operation_id, initial_offset, page_size, move |offset| {
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
        format!("A page answered with a status other than 200 is an [`Error::UnexpectedStatus`]({runtime_doc}::Error::UnexpectedStatus) item (with the raw response), and any error is the last item."),
    );
    lines.push(
        format!("A service that repeats a page (or a marker) would loop forever: the walk ends there with [`Error::Pagination`]({runtime_doc}::Error::Pagination)."),
    );
    lines.extend([
        String::new(),
        match &pagination.walk {
            PageWalk::Marker { .. } => format!("See [`{runtime_doc}::marker_items`]."),
            PageWalk::Offset { .. } => format!("See [`{runtime_doc}::offset_items`]."),
        },
    ]);
    // Verbatim: the lines hold links; the names in them are parameter and field names.
    let documentation = doc_lines_verbatim(&lines);
    quote! {
        #documentation
        #deprecated
        pub fn #stream_method_name(&self, request: &#request_type) -> #runtime::ItemStream<'_, #item_type> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::pagination::FieldStep;

    fn path(steps: &[(&str, bool)]) -> FieldPath {
        FieldPath {
            wire_path: steps
                .iter()
                .map(|(name, _)| *name)
                .collect::<Vec<_>>()
                .join("."),
            steps: steps
                .iter()
                .map(|(rust_name, optional)| FieldStep {
                    rust_name: (*rust_name).to_owned(),
                    optional: *optional,
                })
                .collect(),
        }
    }

    #[test]
    fn a_field_path_that_may_be_missing_is_an_option_chain() {
        let next_marker = path(&[("page_info", true), ("next_marker", true)]);
        assert_eq!(
            borrowed_field_path(&next_marker).to_string(),
            quote! { body.page_info.as_ref().and_then(|value| value.next_marker.as_ref()) }
                .to_string()
        );
        assert_eq!(
            owned_field_path(&next_marker).to_string(),
            quote! { body.page_info.and_then(|value| value.next_marker) }.to_string()
        );
        let items = path(&[("page", false), ("items", true)]);
        assert_eq!(
            borrowed_field_path(&items).to_string(),
            quote! { ::std::option::Option::Some(&body.page).and_then(|value| value.items.as_ref()) }
                .to_string()
        );
        assert_eq!(
            owned_field_path(&items).to_string(),
            quote! { ::std::option::Option::Some(body.page).and_then(|value| value.items) }
                .to_string()
        );
    }

    #[test]
    fn a_field_path_that_is_always_there_is_a_plain_place() {
        let total = path(&[("page", false), ("total", false)]);
        assert_eq!(
            owned_field_path(&total).to_string(),
            quote! { body.page.total }.to_string()
        );
        assert_eq!(
            borrowed_field_path(&total).to_string(),
            quote! { ::std::option::Option::Some(&body.page).map(|value| &value.total) }
                .to_string()
        );
        assert_eq!(
            owned_field_path(&path(&[])).to_string(),
            quote! { body }.to_string()
        );
    }
}
