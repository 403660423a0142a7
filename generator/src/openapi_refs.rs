//! Following local `$ref`s (`#/components/<kind>/<name>`) to the item they stand for, for the
//! passes that read a spec without building the intermediate form (spec review, the importer's
//! pagination rules). `generate::ir` follows them itself, as it also reports each failure.

use openapiv3::{Components, OpenAPI, ReferenceOr};

/// How many references in a row are followed before a chain counts as a cycle.
pub const MAXIMUM_REFERENCE_HOPS: usize = 32;

/// Follows `#/components/<kind>/<name>` references (`prefix` is `#/components/<kind>/`) to an
/// item, up to [`MAXIMUM_REFERENCE_HOPS`]; `None` when a reference does not resolve.
pub fn resolve_component<'document, T>(
    document: &'document OpenAPI,
    start: &'document ReferenceOr<T>,
    prefix: &str,
    lookup: impl Fn(&'document Components, &str) -> Option<&'document ReferenceOr<T>>,
) -> Option<&'document T> {
    let mut current = start;
    for _ in 0..MAXIMUM_REFERENCE_HOPS {
        match current {
            ReferenceOr::Item(item) => return Some(item),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix(prefix)?;
                current = lookup(document.components.as_ref()?, name)?;
            }
        }
    }
    None
}
