//! Spec review: what changed in the API between two OpenAPI specs, each change classified as
//! breaking or compatible for code that uses the generated client crate, and the semver bump
//! that follows. `cargo xtask spec-diff` prints the report and CI runs it for every spec, so a
//! reviewer sees the API change of a pull request and not only a long YAML diff.
//!
//! # The compatibility rule
//!
//! A change is *breaking* when code written against the old generated crate may stop compiling,
//! or when calls that were valid may now be rejected by the service. What the generated Rust
//! looks like is not modelled here a second time: both specs go through the generator's own
//! intermediate form ([`crate::generate::ir::build_module`], the code that generates the
//! crate), and `rust_api` compares the two forms item by item. What no Rust type carries
//! (constraints, defaults, allowed values, formats, media types) is compared on the schemas by
//! `wire`, at the same field paths. What the intermediate form decides, and so what the
//! classification follows:
//!
//! - every operation (and every variant of `x-operation-variants`, which the crate has instead
//!   of the operation that combines them; a variant is known by its source page) is a client
//!   method named after its `operationId`, a request struct
//!   `<Operation>Request` (only when the operation has parameters or a body: adding the first one
//!   adds a method argument) and a `#[non_exhaustive]` response enum `<Operation>Response` with
//!   one variant per documented status plus `Unexpected` (unless a `default` response covers
//!   every status), so a new status is a compatible new variant (it arrived as `Unexpected`
//!   before), a removed status a removed variant, and a new `default` removes `Unexpected`;
//! - a field is `Option<T>` when it is not required or is nullable, otherwise `T`; an optional
//!   parameter is `Option<T>`, except array query parameters, which are `Vec<T>` either way; so
//!   making a field optional is as breaking as making it required;
//! - integer formats map to `i32`/`i64`, number formats to `f32`/`f64`; a string with an
//!   `enum` is a `#[non_exhaustive]` Rust enum with one variant per value plus
//!   `Unknown(String)`, so a new value is a compatible new variant (it arrived as `Unknown`
//!   before), a removed value a removed variant, and adding or dropping the `enum` changes the
//!   Rust type; enums of integers, numbers and booleans keep their scalar type;
//! - a `oneOf`/`anyOf` is an exhaustive Rust enum with one variant per alternative, so an
//!   alternative removed or added is a breaking change of that type;
//! - a type alias is the type it names, so a new alias where a type was written is no change.
//!
//! `cargo xtask semver-corpus` checks the classification against cargo-semver-checks on a
//! corpus of spec pairs (`generator/tests/spec_diff/`), so the two cannot drift apart silently.
//!
//! Generated structs (request structs and models) have public fields, derive `Default` and are
//! `#[non_exhaustive]`: code outside the crate builds them from `Default::default()` and sets
//! fields, and cannot write a struct literal that a new field would break. So a new *optional*
//! request field or parameter is compatible, and so is any new response field; a new
//! *required* request field is breaking on the wire (the service rejects calls without it),
//! though the Rust code still compiles: [`Basis`] tells the two apart.
//!
//! Three impacts and the semver bump that follows: *breaking* (major, pre-1.0: minor),
//! *compatible* (an addition or relaxation: minor, pre-1.0: patch) and *patch* (only what the
//! Rust types do not carry: constraints documented on response fields, deprecation).
//! Documentation-only changes (descriptions, summaries, titles, examples, tags, source pages) are
//! counted, not listed, and make a patch. The function `classify` holds the full table.

use openapiv3::OpenAPI;

use crate::generate::ir::{build_module, GenerateError, GenerateSettings};

mod classify;
mod documentation;
mod parse;
mod report;
mod rust_api;
mod wire;

pub use parse::parse_spec;
pub use report::{
    Basis, Change, ChangeKind, ChangeLocation, Direction, DocumentationChanges, Impact,
    OperationDiff, OperationStatus, Presence, SemverBump, SpecDiff,
};

/// Why a text is not a spec this tool can compare.
#[derive(Debug, thiserror::Error)]
pub enum SpecDiffError {
    // The parser's message is part of this one and deliberately not a `source`, so that error
    // chains (anyhow's `{:#}`) do not print it twice.
    #[error("not an OpenAPI 3.0 document: {0}")]
    NotOpenApi(crate::openapi_text::OpenApiTextError),
    #[error("the document cannot be inspected as JSON: {0}")]
    NotJson(serde_json::Error),
    #[error("{pointer}: the reference {reference:?} does not resolve in this document")]
    UnresolvedReference { pointer: String, reference: String },
    #[error("{pointer}: the reference {reference:?} points outside this document, which spec-diff does not follow")]
    ExternalReference { pointer: String, reference: String },
    #[error("path {path:?} is a reference, which spec-diff (like the generator) does not support")]
    PathItemReference { path: String },
    /// The generator cannot build its intermediate form of one of the specs, so there is no
    /// Rust API to compare.
    #[error("the {side} spec cannot be generated: {}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    NotGenerated {
        side: &'static str,
        errors: Vec<GenerateError>,
    },
}

/// Deeper type or schema nesting than this is not compared (and reported), so no input can
/// exhaust the stack. Real specs nest a handful of levels.
pub const MAX_NESTING: usize = 64;

/// The settings spec review uses for a crate generated with `settings`: the same, except that
/// what the generator does not support becomes its lossless fallback instead of an error (a
/// spec the importer wrote never has such a construct, and the review of one that does should
/// still say what changed).
fn review_settings(settings: &GenerateSettings) -> GenerateSettings {
    GenerateSettings {
        strict: false,
        ..settings.clone()
    }
}

/// Compares two specs as the crate generated from each with `settings` has them. Pure: reads
/// nothing; fails only when the generator cannot build one of them.
pub fn diff_specs(
    old: &OpenAPI,
    new: &OpenAPI,
    settings: &GenerateSettings,
) -> Result<SpecDiff, SpecDiffError> {
    let settings = review_settings(settings);
    let old_module =
        build_module(old, &settings).map_err(|errors| SpecDiffError::NotGenerated {
            side: "old",
            errors,
        })?;
    let new_module =
        build_module(new, &settings).map_err(|errors| SpecDiffError::NotGenerated {
            side: "new",
            errors,
        })?;
    let routes_with_variants = rust_api::routes_with_variants(&old_module, &new_module);
    let rust_api = rust_api::diff_rust_api(&old_module, &new_module, &routes_with_variants);
    let old_variants = wire::read_variants(old);
    let new_variants = wire::read_variants(new);
    let old_operations = wire::collect_operations(old, &old_variants, &routes_with_variants);
    let new_operations = wire::collect_operations(new, &new_variants, &routes_with_variants);
    let mut operations = Vec::new();
    for (key, operation) in rust_api.operations {
        let mut changes = operation.changes;
        let (path, method, _) = key.clone();
        if let (Some(old_entry), Some(new_entry)) =
            (old_operations.get(&key), new_operations.get(&key))
        {
            changes.extend(wire::diff_operation_wire(
                old,
                new,
                old_entry,
                new_entry,
                operation.request_context,
            ));
        }
        if changes.is_empty() {
            continue;
        }
        changes.sort();
        changes.dedup();
        let status = match changes.as_slice() {
            [only] if only.kind == ChangeKind::OperationAdded => OperationStatus::Added,
            [only] if only.kind == ChangeKind::OperationRemoved => OperationStatus::Removed,
            _ => OperationStatus::Changed,
        };
        operations.push(OperationDiff {
            method,
            path,
            operation_id: Some(operation.operation_id),
            status,
            changes,
        });
    }
    let mut documentation = DocumentationChanges::default();
    let mut unclassified_differences = Vec::new();
    // Compared as JSON so that a NaN (which YAML can spell) equals itself. Serializing a
    // document cannot fail (every map key is a string); if it did, the typed comparison decides
    // and only the documentation count is lost.
    let identical = match (serde_json::to_value(old), serde_json::to_value(new)) {
        (Ok(old_value), Ok(new_value)) => {
            documentation::compare_json(
                &old_value,
                &new_value,
                "",
                false,
                &mut documentation,
                &mut unclassified_differences,
            );
            old_value == new_value
        }
        _ => old == new,
    };
    Ok(SpecDiff {
        operations,
        component_types: rust_api.types,
        documentation,
        unclassified_differences,
        identical,
    })
}
