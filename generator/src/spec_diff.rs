//! Spec review: what changed in the API between two OpenAPI specs, each change classified as
//! breaking or compatible for code that uses the generated client crate, and the semver bump
//! that follows. `cargo xtask spec-diff` prints the report and CI runs it for every spec, so a
//! reviewer sees the API change of a pull request and not only a long YAML diff.
//!
//! # The compatibility rule
//!
//! A change is *breaking* when code written against the old generated crate may stop compiling,
//! or when calls that were valid may now be rejected by the service. The mapping of
//! [`crate::generate::ir`] decides most cases:
//!
//! - every operation is a client method named after its `operationId`, a request struct
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
//! - a `oneOf`/`anyOf` is an exhaustive Rust enum with one variant per alternative: its
//!   variants are compared on the generator's own intermediate form of both specs
//!   ([`crate::generate::ir::build_module`]), so an alternative removed, added or changed is a
//!   breaking change of that type, as the generated code has it.
//!
//! Generated structs have public fields and derive `Default`. A new field breaks code that
//! builds a struct with a literal naming every field. The rule chosen here: clients build
//! request structs with `..Default::default()`, as the README and ARCHITECTURE.md show, so a new
//! *optional* request field or parameter is compatible; response structs are only read by
//! clients, so any new response field is compatible. Code that builds a generated struct with a
//! complete literal is outside this promise.
//!
//! Three impacts and the semver bump that follows: *breaking* (major, pre-1.0: minor),
//! *compatible* (an addition or relaxation: minor, pre-1.0: patch) and *patch* (only what the
//! Rust types do not carry: constraints documented on response fields, deprecation).
//! Documentation-only changes (descriptions, summaries, titles, examples, tags, source pages) are
//! counted, not listed, and make a patch. The function `classify` holds the full table.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use openapiv3::{
    AdditionalProperties, ArrayType, IntegerFormat, MediaType, NumberFormat, ObjectType, OpenAPI,
    Operation, Parameter, ParameterData, ParameterSchemaOrContent, ReferenceOr, RequestBody,
    Response, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use crate::extensions::{Extension, Pagination, SourcePage};
use crate::generate::ir::{build_module, GenerateSettings, TypeDefinition, TypeKind, UnionVariant};
use crate::openapi_refs::{
    escape_pointer, resolve_component, unescape_pointer, MAX_REFERENCE_HOPS,
};
use crate::openapi_text::parse_openapi_text;

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
}

/// Parses a spec (YAML or JSON: YAML is a superset) and checks that every reference the diff
/// could follow resolves, so a malformed spec is an error here and not a misleading report.
pub fn parse_spec(text: &str) -> Result<OpenAPI, SpecDiffError> {
    let document = parse_openapi_text(text).map_err(SpecDiffError::NotOpenApi)?;
    if let Some((path, _)) = document
        .paths
        .paths
        .iter()
        .find(|(_, item)| matches!(item, ReferenceOr::Reference { .. }))
    {
        return Err(SpecDiffError::PathItemReference { path: path.clone() });
    }
    let value = serde_json::to_value(&document).map_err(SpecDiffError::NotJson)?;
    check_references(&value, &value, "", false)?;
    Ok(document)
}

/// Walks the JSON form of a document and checks every `$ref`. Examples, defaults, enum values
/// and extensions are free JSON that may hold a `$ref` key of their own, so they are not walked.
/// `in_name_map` says that the keys of `value` are names (see [`NAME_MAPS`]), not fields.
fn check_references(
    root: &Value,
    value: &Value,
    pointer: &str,
    in_name_map: bool,
) -> Result<(), SpecDiffError> {
    match value {
        Value::Object(map) => {
            if let (false, Some(Value::String(reference))) = (in_name_map, map.get("$ref")) {
                let Some(target) = reference.strip_prefix('#') else {
                    return Err(SpecDiffError::ExternalReference {
                        pointer: pointer.to_owned(),
                        reference: reference.clone(),
                    });
                };
                if root.pointer(target).is_none() {
                    return Err(SpecDiffError::UnresolvedReference {
                        pointer: pointer.to_owned(),
                        reference: reference.clone(),
                    });
                }
            }
            for (key, child) in map {
                let free_json = !in_name_map
                    && (FREE_JSON_KEYS.contains(&key.as_str()) || key.starts_with("x-"));
                if free_json {
                    continue;
                }
                let child_pointer = format!("{pointer}/{}", escape_pointer(key));
                let child_is_name_map = !in_name_map && NAME_MAPS.contains(&key.as_str());
                check_references(root, child, &child_pointer, child_is_name_map)?;
            }
            Ok(())
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                check_references(root, child, &format!("{pointer}/{index}"), false)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Keys whose values are JSON of the API's own, not OpenAPI.
const FREE_JSON_KEYS: [&str; 4] = ["example", "examples", "default", "enum"];

// ---------------------------------------------------------------------------------------------
// The report's data
// ---------------------------------------------------------------------------------------------

/// How a change affects code that uses the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Impact {
    /// Existing code may stop compiling, or calls that were valid may be rejected.
    Breaking,
    /// An addition or a relaxation: existing code keeps compiling and working.
    Compatible,
    /// Nothing a Rust type carries: documented constraints, deprecation.
    Patch,
}

impl fmt::Display for Impact {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            Impact::Breaking => "BREAKING",
            Impact::Compatible => "compatible",
            Impact::Patch => "patch",
        })
    }
}

/// The semver bump a set of changes calls for, for a crate at 1.0 or later.
/// [`SemverBump::before_1_0`] gives the bump for a 0.x crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SemverBump {
    None,
    Patch,
    Minor,
    Major,
}

impl SemverBump {
    /// Cargo treats the minor version of a 0.x crate as its major one, so everything shifts
    /// down by one place.
    pub fn before_1_0(self) -> SemverBump {
        match self {
            SemverBump::Major => SemverBump::Minor,
            SemverBump::Minor | SemverBump::Patch => SemverBump::Patch,
            SemverBump::None => SemverBump::None,
        }
    }
}

impl fmt::Display for SemverBump {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            SemverBump::None => "none",
            SemverBump::Patch => "patch",
            SemverBump::Minor => "minor",
            SemverBump::Major => "major",
        })
    }
}

/// Whether data flows from the client to the service or back. The same schema change can be
/// breaking in one direction and compatible in the other (an enum value removed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Direction {
    Request,
    Response,
}

/// Whether a field or parameter must be present and whether it may be null.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Presence {
    pub required: bool,
    pub nullable: bool,
}

impl Presence {
    /// Whether the generated Rust field is `Option<T>` (the rule of `generate::ir`).
    fn is_rust_option(self) -> bool {
        !self.required || self.nullable
    }
}

impl fmt::Display for Presence {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(if self.required {
            "required"
        } else {
            "optional"
        })?;
        if self.nullable {
            formatter.write_str(", nullable")?;
        }
        Ok(())
    }
}

/// Where in an operation (or in the component types) a change is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeLocation {
    /// The operation as a whole.
    Operation,
    /// A parameter; `field_path` is `[]` for the items of an array parameter, else empty.
    Parameter {
        place: String,
        name: String,
        field_path: String,
    },
    /// The request body; `field_path` like `loadbalancer.tags[].key`, empty for the body itself.
    RequestBody { field_path: String },
    /// The response of one status (`200`, `4XX`, `default`).
    Response { status: String, field_path: String },
    /// A component schema, which is a public Rust type of the generated crate.
    ComponentType { name: String },
}

impl fmt::Display for ChangeLocation {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeLocation::Operation => formatter.write_str("operation"),
            ChangeLocation::Parameter {
                place,
                name,
                field_path,
            } => write!(formatter, "{place} parameter `{name}{field_path}`"),
            ChangeLocation::RequestBody { field_path } if field_path.is_empty() => {
                formatter.write_str("request body")
            }
            ChangeLocation::RequestBody { field_path } => {
                write!(formatter, "request body `{field_path}`")
            }
            ChangeLocation::Response { status, field_path } if field_path.is_empty() => {
                write!(formatter, "response {status}")
            }
            ChangeLocation::Response { status, field_path } => {
                write!(formatter, "response {status} `{field_path}`")
            }
            ChangeLocation::ComponentType { name } => write!(formatter, "type `{name}`"),
        }
    }
}

/// What changed. Values (enum values, defaults, constraint bounds) are rendered as JSON text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    OperationAdded,
    OperationRemoved,
    OperationIdChanged {
        old: String,
        new: String,
    },
    DeprecationChanged {
        deprecated: bool,
    },
    /// `x-pagination` (the `…_stream` method of `otc-client`) added, removed or changed; the
    /// extension as JSON text.
    PaginationChanged {
        old: Option<String>,
        new: Option<String>,
        /// The items path changed, so the stream may yield another type.
        items_changed: bool,
    },
    ParameterAdded {
        presence: Presence,
    },
    ParameterRemoved,
    ParameterPresenceChanged {
        old: Presence,
        new: Presence,
    },
    RequestBodyAdded {
        required: bool,
    },
    RequestBodyRemoved,
    RequestBodyPresenceChanged {
        old_required: bool,
        new_required: bool,
    },
    MediaTypeAdded {
        media_type: String,
    },
    MediaTypeRemoved {
        media_type: String,
    },
    StatusAdded,
    /// A `default` response where there was none: it covers every other status, so the
    /// response enum's `Unexpected` variant goes.
    DefaultResponseAdded,
    StatusRemoved,
    ResponseBodyAdded,
    ResponseBodyRemoved,
    FieldAdded {
        presence: Presence,
    },
    FieldRemoved,
    FieldPresenceChanged {
        old: Presence,
        new: Presence,
    },
    TypeChanged {
        old: String,
        new: String,
    },
    FormatChanged {
        old: String,
        new: String,
        /// Whether the generated Rust type changes (`int32` → `int64` is `i32` → `i64`; string
        /// formats all stay `String`).
        rust_type_changes: bool,
    },
    EnumValueAdded {
        value: String,
        /// Whether the values are variants of a generated Rust enum (strings), not values of a
        /// scalar type.
        rust_enum: bool,
    },
    EnumValueRemoved {
        value: String,
        rust_enum: bool,
    },
    /// A value that took anything now takes one of a list.
    EnumRestrictionAdded {
        values: Vec<String>,
        rust_enum: bool,
    },
    EnumRestrictionRemoved {
        rust_enum: bool,
    },
    ConstraintChanged {
        constraint: String,
        old: Option<String>,
        new: Option<String>,
        /// Whether fewer values are valid than before.
        tightened: bool,
    },
    DefaultChanged {
        old: Option<String>,
        new: Option<String>,
    },
    /// A `oneOf`/`anyOf`, `not` or untyped schema changed. The generator makes an enum of the
    /// first two: how its variants change is reported on the type (`UnionVariant…`).
    UntypedSchemaChanged,
    ComponentTypeAdded,
    ComponentTypeRemoved,
    /// A variant of an enum the generator makes of a `oneOf`/`anyOf` is gone.
    UnionVariantRemoved {
        variant: String,
    },
    /// The enum the generator makes of a `oneOf`/`anyOf` has a new variant.
    UnionVariantAdded {
        variant: String,
    },
    /// A variant of such an enum holds another Rust type, or is chosen by other
    /// discriminator values.
    UnionVariantChanged {
        variant: String,
    },
    /// The comparison stopped: the schemas nest deeper than [`MAX_NESTING`].
    NotComparedTooDeep,
}

fn optional_value(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("none")
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeKind::OperationAdded => formatter.write_str("operation added"),
            ChangeKind::OperationRemoved => formatter.write_str("operation removed"),
            ChangeKind::OperationIdChanged { old, new } => {
                write!(formatter, "operationId changed from {old} to {new}")
            }
            ChangeKind::DeprecationChanged { deprecated: true } => {
                formatter.write_str("marked deprecated")
            }
            ChangeKind::DeprecationChanged { deprecated: false } => {
                formatter.write_str("no longer deprecated")
            }
            ChangeKind::PaginationChanged { old, new, .. } => match (old, new) {
                (None, Some(new)) => write!(formatter, "x-pagination added: {new}"),
                (Some(old), None) => write!(formatter, "x-pagination removed (was {old})"),
                (old, new) => write!(
                    formatter,
                    "x-pagination changed from {} to {}",
                    optional_value(old),
                    optional_value(new)
                ),
            },
            ChangeKind::ParameterAdded { presence } => {
                write!(formatter, "added, {presence}")
            }
            ChangeKind::ParameterRemoved => formatter.write_str("removed"),
            ChangeKind::ParameterPresenceChanged { old, new }
            | ChangeKind::FieldPresenceChanged { old, new } => {
                write!(formatter, "now {new}, was {old}")
            }
            ChangeKind::RequestBodyAdded { required } => write!(
                formatter,
                "added, {}",
                if *required { "required" } else { "optional" }
            ),
            ChangeKind::RequestBodyRemoved => formatter.write_str("removed"),
            ChangeKind::RequestBodyPresenceChanged {
                old_required,
                new_required,
            } => {
                let word = |required: bool| if required { "required" } else { "optional" };
                write!(
                    formatter,
                    "now {}, was {}",
                    word(*new_required),
                    word(*old_required)
                )
            }
            ChangeKind::MediaTypeAdded { media_type } => {
                write!(formatter, "media type {media_type} added")
            }
            ChangeKind::MediaTypeRemoved { media_type } => {
                write!(formatter, "media type {media_type} removed")
            }
            ChangeKind::StatusAdded | ChangeKind::DefaultResponseAdded => {
                formatter.write_str("added")
            }
            ChangeKind::StatusRemoved => formatter.write_str("removed"),
            ChangeKind::ResponseBodyAdded => formatter.write_str("body added"),
            ChangeKind::ResponseBodyRemoved => formatter.write_str("body removed"),
            ChangeKind::FieldAdded { presence } => write!(formatter, "added, {presence}"),
            ChangeKind::FieldRemoved => formatter.write_str("removed"),
            ChangeKind::TypeChanged { old, new } => {
                write!(formatter, "type changed from {old} to {new}")
            }
            ChangeKind::FormatChanged { old, new, .. } => {
                write!(formatter, "format changed from {old} to {new}")
            }
            ChangeKind::EnumValueAdded { value, .. } => {
                write!(formatter, "enum value {value} added")
            }
            ChangeKind::EnumValueRemoved { value, .. } => {
                write!(formatter, "enum value {value} removed")
            }
            ChangeKind::EnumRestrictionAdded { values, .. } => write!(
                formatter,
                "now restricted to the enum values {}",
                values.join(", ")
            ),
            ChangeKind::EnumRestrictionRemoved { .. } => {
                formatter.write_str("no longer restricted to enum values")
            }
            ChangeKind::ConstraintChanged {
                constraint,
                old,
                new,
                ..
            } => write!(
                formatter,
                "{constraint} changed from {} to {}",
                optional_value(old),
                optional_value(new)
            ),
            ChangeKind::DefaultChanged { old, new } => write!(
                formatter,
                "default changed from {} to {}",
                optional_value(old),
                optional_value(new)
            ),
            ChangeKind::UntypedSchemaChanged => {
                formatter.write_str("oneOf, anyOf, not or untyped schema changed")
            }
            ChangeKind::ComponentTypeAdded => formatter.write_str("added"),
            ChangeKind::ComponentTypeRemoved => formatter.write_str("removed"),
            ChangeKind::UnionVariantRemoved { variant } => {
                write!(formatter, "variant `{variant}` removed")
            }
            ChangeKind::UnionVariantAdded { variant } => {
                write!(formatter, "variant `{variant}` added")
            }
            ChangeKind::UnionVariantChanged { variant } => {
                write!(formatter, "variant `{variant}` changed")
            }
            ChangeKind::NotComparedTooDeep => write!(
                formatter,
                "not compared: the schemas nest deeper than {MAX_NESTING} levels"
            ),
        }
    }
}

/// One change, classified.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Change {
    pub location: ChangeLocation,
    pub kind: ChangeKind,
    pub impact: Impact,
    /// Why it has this impact, in terms of the generated crate.
    pub reason: &'static str,
}

impl fmt::Display for Change {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "{:<10}  {}: {} ({})",
            self.impact.to_string(),
            self.location,
            self.kind,
            self.reason
        )
    }
}

/// Whether an operation is new, gone, or present in both specs with changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OperationStatus {
    Added,
    Removed,
    Changed,
}

/// The changes of one operation, identified by method and path (its HTTP identity); the
/// `operationId` is the name of its Rust method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationDiff {
    /// Upper case: `GET`.
    pub method: String,
    pub path: String,
    /// The new spec's `operationId`, or the old one's when the operation was removed.
    pub operation_id: Option<String>,
    pub status: OperationStatus,
    /// Sorted by location, then kind.
    pub changes: Vec<Change>,
}

impl OperationDiff {
    fn title(&self) -> String {
        format!(
            "{}  {} {}",
            self.operation_id.as_deref().unwrap_or("(no operationId)"),
            self.method,
            self.path
        )
    }
}

/// Changes that only touch documentation, counted by what they touch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocumentationChanges {
    /// `description`, `summary`, `title`.
    pub descriptions: usize,
    /// `example`, `examples`.
    pub examples: usize,
    /// `tags`, `externalDocs`, `x-source-page`.
    pub other: usize,
}

impl DocumentationChanges {
    pub fn total(&self) -> usize {
        self.descriptions + self.examples + self.other
    }
}

/// What changed between two specs. Build it with [`diff_specs`]; `Display` prints the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecDiff {
    /// Operations with at least one change, sorted by path, then method.
    pub operations: Vec<OperationDiff>,
    /// Component schemas (public Rust types) added and removed, sorted by name, then the
    /// variant changes of the enums the generator makes of `oneOf`/`anyOf`. Other changes
    /// inside types are reported under each operation that uses them, in that operation's
    /// direction.
    pub component_types: Vec<Change>,
    pub documentation: DocumentationChanges,
    /// JSON pointers where the specs differ outside documentation, collected so that a
    /// difference the classification does not know (servers, security, `readOnly`, a reordered
    /// list) is never dropped silently. See [`SpecDiff::shown_unclassified_differences`].
    pub unclassified_differences: Vec<String>,
    /// The two documents are equal (as JSON).
    pub identical: bool,
}

impl SpecDiff {
    /// Every classified change: operations first, then component types.
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.operations
            .iter()
            .flat_map(|operation| operation.changes.iter())
            .chain(self.component_types.iter())
    }

    pub fn count(&self, impact: Impact) -> usize {
        self.changes()
            .filter(|change| change.impact == impact)
            .count()
    }

    pub fn has_breaking_changes(&self) -> bool {
        self.count(Impact::Breaking) > 0
    }

    /// The unclassified differences the report lists. A difference outside the parts the diff
    /// compares (`servers`, `security`, `info.version`, security schemes, …) is always listed.
    /// One inside them (a path, an operation, a schema) is usually the JSON trace of a change
    /// already classified, and a pointer per changed leaf would bury the report, so those are
    /// listed only when no classified change explains why the documents differ.
    pub fn shown_unclassified_differences(&self) -> Vec<&str> {
        let nothing_classified = self.changes().next().is_none();
        self.unclassified_differences
            .iter()
            .map(String::as_str)
            .filter(|pointer| nothing_classified || !is_in_compared_parts(pointer))
            .collect()
    }

    /// Major on any breaking change, minor on any compatible one, patch when only
    /// documentation, constraints or unclassified details changed, none when identical.
    pub fn semver_bump(&self) -> SemverBump {
        if self.identical {
            SemverBump::None
        } else if self.has_breaking_changes() {
            SemverBump::Major
        } else if self.count(Impact::Compatible) > 0 {
            SemverBump::Minor
        } else {
            SemverBump::Patch
        }
    }

    fn semver_line(&self) -> String {
        let bump = self.semver_bump();
        let why = match bump {
            SemverBump::Major => "breaking",
            SemverBump::Minor => "additions",
            SemverBump::Patch if self.count(Impact::Patch) > 0 => "patch-level changes only",
            SemverBump::Patch if !self.shown_unclassified_differences().is_empty() => {
                "unclassified details"
            }
            SemverBump::Patch => "documentation only",
            SemverBump::None => "identical",
        };
        if bump == bump.before_1_0() {
            format!("semver: {why} → {bump}")
        } else {
            format!("semver: {why} → {bump} (0.x: {})", bump.before_1_0())
        }
    }
}

/// How many unclassified differences the report lists before it only counts.
const UNCLASSIFIED_DIFFERENCES_LISTED: usize = 10;

impl fmt::Display for SpecDiff {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.identical {
            writeln!(formatter, "No changes: the specs are identical.")?;
            return writeln!(formatter, "{}", self.semver_line());
        }
        for (status, heading) in [
            (OperationStatus::Added, "Operations added"),
            (OperationStatus::Removed, "Operations removed"),
        ] {
            let operations: Vec<&OperationDiff> = self
                .operations
                .iter()
                .filter(|operation| operation.status == status)
                .collect();
            if operations.is_empty() {
                continue;
            }
            writeln!(formatter, "{heading} ({}):", operations.len())?;
            for operation in operations {
                // An added or removed operation has exactly one change, the operation itself.
                for change in &operation.changes {
                    writeln!(
                        formatter,
                        "  {:<10}  {} ({})",
                        change.impact.to_string(),
                        operation.title(),
                        change.reason
                    )?;
                }
            }
            writeln!(formatter)?;
        }
        let changed: Vec<&OperationDiff> = self
            .operations
            .iter()
            .filter(|operation| operation.status == OperationStatus::Changed)
            .collect();
        if !changed.is_empty() {
            writeln!(formatter, "Operations changed ({}):", changed.len())?;
            for operation in changed {
                writeln!(formatter, "  {}", operation.title())?;
                for change in &operation.changes {
                    writeln!(formatter, "    {change}")?;
                }
            }
            writeln!(formatter)?;
        }
        if !self.component_types.is_empty() {
            writeln!(
                formatter,
                "Component types added, removed or changed ({}):",
                self.component_types.len()
            )?;
            for change in &self.component_types {
                writeln!(formatter, "  {change}")?;
            }
            writeln!(formatter)?;
        }
        if self.documentation.total() > 0 {
            let parts: Vec<String> = [
                (
                    self.documentation.descriptions,
                    "description",
                    "descriptions",
                ),
                (self.documentation.examples, "example", "examples"),
                (
                    self.documentation.other,
                    "other documentation field (tags, externalDocs, x-source-page)",
                    "other documentation fields (tags, externalDocs, x-source-page)",
                ),
            ]
            .into_iter()
            .filter(|(count, _, _)| *count > 0)
            .map(|(count, singular, plural)| {
                format!("{count} {}", if count == 1 { singular } else { plural })
            })
            .collect();
            writeln!(
                formatter,
                "Documentation-only changes (counted, not listed): {}.",
                parts.join(", ")
            )?;
            writeln!(formatter)?;
        }
        let unclassified = self.shown_unclassified_differences();
        if !unclassified.is_empty() {
            writeln!(
                formatter,
                "Other differences spec-diff does not classify ({}), review them by hand:",
                unclassified.len()
            )?;
            for pointer in unclassified.iter().take(UNCLASSIFIED_DIFFERENCES_LISTED) {
                writeln!(formatter, "  {pointer}")?;
            }
            if unclassified.len() > UNCLASSIFIED_DIFFERENCES_LISTED {
                writeln!(
                    formatter,
                    "  … and {} more",
                    unclassified.len() - UNCLASSIFIED_DIFFERENCES_LISTED
                )?;
            }
            writeln!(formatter)?;
        }
        if self.changes().next().is_some() {
            formatter.write_str(LEGEND)?;
            writeln!(formatter)?;
        }
        writeln!(
            formatter,
            "Summary: {} breaking, {} compatible, {} patch-level, {} documentation-only change(s); {}",
            self.count(Impact::Breaking),
            self.count(Impact::Compatible),
            self.count(Impact::Patch),
            self.documentation.total(),
            self.semver_line()
        )
    }
}

/// The rule, printed under every report with changes, so a CI log explains itself.
const LEGEND: &str = "\
Legend (impact on code using the generated client crate):
  BREAKING    existing code may stop compiling, or calls that were valid may be rejected:
              removed or renamed items, changed Rust types (including T <-> Option<T>), new
              required request fields, removed statuses (variants of the response enum), a
              new default response (it replaces Unexpected), request values no longer accepted.
  compatible  additions and relaxations. Request structs are built with ..Default::default()
              (see README), so a new optional request field is compatible; response structs
              are only read, so any new response field is compatible; string enums and
              response enums are #[non_exhaustive], so a new enum value or status is compatible.
  patch       what no Rust type carries: constraints of response fields, deprecation.
";

// ---------------------------------------------------------------------------------------------
// Classification
// ---------------------------------------------------------------------------------------------

/// What the classification of a change needs to know besides the change itself.
#[derive(Debug, Clone, Copy)]
struct ClassificationContext {
    direction: Direction,
    /// Whether the old client method took a request argument: when it did not, a first
    /// parameter or body adds an argument to the method, which breaks every call.
    old_method_has_request_argument: bool,
    /// Whether a parameter is an array (`Vec<T>` whether optional or required).
    parameter_is_array: bool,
}

/// The classification table: the impact of each kind of change, by direction, and why.
fn classify(kind: &ChangeKind, context: ClassificationContext) -> (Impact, &'static str) {
    use Impact::{Breaking, Compatible, Patch};
    let request = context.direction == Direction::Request;
    match kind {
        ChangeKind::OperationAdded => (Compatible, "a new client method"),
        ChangeKind::OperationRemoved => (
            Breaking,
            "the client method and its request and response types are removed",
        ),
        ChangeKind::OperationIdChanged { .. } => (
            Breaking,
            "the client method and its request and response types are renamed",
        ),
        ChangeKind::DeprecationChanged { .. } => (
            Patch,
            "only the #[deprecated] attribute of the method changes: a warning, not an error",
        ),
        ChangeKind::PaginationChanged { old: None, .. } => (
            Compatible,
            "a new …_stream method yields the items of every page",
        ),
        ChangeKind::PaginationChanged { new: None, .. } => {
            (Breaking, "the …_stream method is removed")
        }
        ChangeKind::PaginationChanged {
            items_changed: true,
            ..
        } => (
            Breaking,
            "the …_stream method yields other items, possibly of another type",
        ),
        ChangeKind::PaginationChanged { .. } => (
            Patch,
            "the …_stream method walks the pages by other fields; its signature stays",
        ),
        ChangeKind::ParameterAdded { .. } | ChangeKind::RequestBodyAdded { .. }
            if !context.old_method_has_request_argument =>
        {
            (
                Breaking,
                "the method had no request argument and gains one: every call changes",
            )
        }
        ChangeKind::ParameterAdded { presence } if presence.required => (
            Breaking,
            "a new required request field: calls that do not set it are rejected",
        ),
        ChangeKind::ParameterAdded { .. } => (
            Compatible,
            "a new optional request field, left out by ..Default::default()",
        ),
        ChangeKind::ParameterRemoved => (Breaking, "the request field is removed"),
        ChangeKind::ParameterPresenceChanged { old, new } if context.parameter_is_array => {
            if new.required && !old.required {
                (
                    Breaking,
                    "the field stays a Vec, but calls that leave it empty are rejected",
                )
            } else {
                (Compatible, "the field stays a Vec; calls may leave it empty")
            }
        }
        ChangeKind::ParameterPresenceChanged { new, .. } if new.required => (
            Breaking,
            "the request field changes from Option<T> to T, and the service requires it",
        ),
        ChangeKind::ParameterPresenceChanged { .. } => (
            Breaking,
            "the request field changes from T to Option<T>, so code that sets it stops compiling",
        ),
        ChangeKind::RequestBodyAdded { required: true } => (
            Breaking,
            "a new required request field `body`: calls without it are rejected",
        ),
        ChangeKind::RequestBodyAdded { required: false } => (
            Compatible,
            "a new optional request field `body`, left out by ..Default::default()",
        ),
        ChangeKind::RequestBodyRemoved => (Breaking, "the request field `body` is removed"),
        ChangeKind::RequestBodyPresenceChanged { new_required, .. } => {
            if *new_required {
                (
                    Breaking,
                    "the field `body` changes from Option<T> to T, and the service requires it",
                )
            } else {
                (Breaking, "the field `body` changes from T to Option<T>")
            }
        }
        ChangeKind::MediaTypeAdded { .. } => (
            Compatible,
            "the generated client sends and decodes application/json only",
        ),
        ChangeKind::MediaTypeRemoved { .. } if request => (
            Breaking,
            "the service no longer accepts this media type",
        ),
        ChangeKind::MediaTypeRemoved { .. } => (
            Breaking,
            "the response body may no longer decode, or the variant loses its payload",
        ),
        ChangeKind::StatusAdded => (
            Compatible,
            "a new variant of the #[non_exhaustive] response enum (and a new into_<variant> method for a success status); the status no longer arrives as Unexpected",
        ),
        ChangeKind::DefaultResponseAdded => (
            Breaking,
            "the response enum gains a Default variant and loses Unexpected, which default replaces",
        ),
        ChangeKind::StatusRemoved => (Breaking, "the response enum loses a variant"),
        ChangeKind::ResponseBodyAdded => (
            Breaking,
            "the variant gains a payload, so patterns on it change",
        ),
        ChangeKind::ResponseBodyRemoved => (
            Breaking,
            "the variant loses its payload, so patterns on it change",
        ),
        ChangeKind::FieldAdded { presence } if request && presence.required => (
            Breaking,
            "a new required request field: calls that do not set it are rejected",
        ),
        ChangeKind::FieldAdded { .. } if request => (
            Compatible,
            "a new optional request field, left out by ..Default::default()",
        ),
        ChangeKind::FieldAdded { .. } => (
            Compatible,
            "a new field in a response struct, which clients only read",
        ),
        ChangeKind::FieldRemoved => (Breaking, "the struct field is removed"),
        ChangeKind::FieldPresenceChanged { old, new }
            if old.is_rust_option() != new.is_rust_option() =>
        {
            if new.is_rust_option() {
                (Breaking, "the Rust field changes from T to Option<T>")
            } else {
                (Breaking, "the Rust field changes from Option<T> to T")
            }
        }
        ChangeKind::FieldPresenceChanged { old, new } if request && new.required && !old.required => (
            Breaking,
            "the Rust field stays Option<T>, but the service now rejects calls that leave it out",
        ),
        ChangeKind::FieldPresenceChanged { .. } => {
            (Patch, "the Rust field stays Option<T>")
        }
        ChangeKind::TypeChanged { .. } => (Breaking, "the Rust type changes"),
        ChangeKind::FormatChanged {
            rust_type_changes: true,
            ..
        } => (Breaking, "the Rust type changes"),
        ChangeKind::FormatChanged { .. } if request => (
            Compatible,
            "the Rust type stays the same; review which values the service accepts",
        ),
        ChangeKind::FormatChanged { .. } => (Compatible, "the Rust type stays the same"),
        ChangeKind::EnumValueAdded {
            rust_enum: true, ..
        } => (
            Compatible,
            "a new variant of a #[non_exhaustive] enum; a received value arrived as Unknown before",
        ),
        ChangeKind::EnumValueRemoved {
            rust_enum: true, ..
        } => (
            Breaking,
            "the enum variant is removed, and calls that send the value are rejected",
        ),
        ChangeKind::EnumRestrictionAdded {
            rust_enum: true, ..
        } => (Breaking, "the Rust type changes from String to an enum"),
        ChangeKind::EnumRestrictionRemoved { rust_enum: true } => {
            (Breaking, "the Rust type changes from an enum to String")
        }
        ChangeKind::EnumValueAdded { .. } if request => {
            (Compatible, "the service accepts one more value")
        }
        ChangeKind::EnumValueAdded { .. } => (
            Compatible,
            "the Rust type stays a scalar: a new value compiles, code matching on values needs a fallback arm",
        ),
        ChangeKind::EnumValueRemoved { .. } if request => (
            Breaking,
            "calls that send this value are rejected",
        ),
        ChangeKind::EnumValueRemoved { .. } => {
            (Compatible, "the value is no longer received")
        }
        ChangeKind::EnumRestrictionAdded { .. } if request => (
            Breaking,
            "calls that send other values are rejected",
        ),
        ChangeKind::EnumRestrictionAdded { .. } => {
            (Compatible, "fewer values are received")
        }
        ChangeKind::EnumRestrictionRemoved { .. } if request => {
            (Compatible, "the service accepts any value")
        }
        ChangeKind::EnumRestrictionRemoved { .. } => (
            Compatible,
            "the Rust type stays a scalar: any value compiles",
        ),
        ChangeKind::ConstraintChanged {
            tightened: true, ..
        } if request => (Breaking, "calls with values valid before are rejected"),
        ChangeKind::ConstraintChanged { .. } if request => {
            (Compatible, "the service accepts more values")
        }
        ChangeKind::ConstraintChanged { .. } => (
            Patch,
            "documented on the Rust field only; the type stays the same",
        ),
        ChangeKind::DefaultChanged { .. } if request => (
            Compatible,
            "calls that leave the field out may get a different value",
        ),
        ChangeKind::DefaultChanged { .. } => (
            Patch,
            "documented on the Rust field only; the type stays the same",
        ),
        ChangeKind::UntypedSchemaChanged => (
            Compatible,
            "a oneOf or anyOf is an enum, whose variant changes are listed under its type; not and untyped schemas stay serde_json::Value, review the JSON by hand",
        ),
        ChangeKind::ComponentTypeAdded => (Compatible, "a new public type"),
        ChangeKind::ComponentTypeRemoved => (Breaking, "the public type is removed"),
        ChangeKind::UnionVariantRemoved { .. } => (
            Breaking,
            "the enum loses a variant: code that builds or matches it stops compiling, and the value no longer decodes",
        ),
        ChangeKind::UnionVariantAdded { .. } => (
            Breaking,
            "a new variant of an exhaustive enum: matches without a wildcard stop compiling",
        ),
        ChangeKind::UnionVariantChanged { .. } => (
            Breaking,
            "the variant holds another type or is chosen by other discriminator values",
        ),
        ChangeKind::NotComparedTooDeep => (
            Breaking,
            "not compared, so not known to be compatible: review by hand",
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// The diff
// ---------------------------------------------------------------------------------------------

/// Deeper schema nesting than this is not compared (and reported), so no input can exhaust the
/// stack. Real specs nest a handful of levels.
pub const MAX_NESTING: usize = 64;

/// Compares two specs. Pure: reads nothing, never fails; a reference that does not resolve (which
/// [`parse_spec`] rejects) is compared by its text.
pub fn diff_specs(old: &OpenAPI, new: &OpenAPI) -> SpecDiff {
    let old_operations = collect_operations(old);
    let new_operations = collect_operations(new);
    let keys: BTreeSet<&(String, String)> =
        old_operations.keys().chain(new_operations.keys()).collect();
    let mut operations = Vec::new();
    for key in keys {
        let (path, method) = key;
        let operation_context = ClassificationContext {
            direction: Direction::Request,
            old_method_has_request_argument: true,
            parameter_is_array: false,
        };
        let (status, operation_id, changes) =
            match (old_operations.get(key), new_operations.get(key)) {
                (Some(old_entry), Some(new_entry)) => (
                    OperationStatus::Changed,
                    new_entry.operation.operation_id.clone(),
                    diff_operation(old, new, old_entry, new_entry),
                ),
                (Some(old_entry), None) => (
                    OperationStatus::Removed,
                    old_entry.operation.operation_id.clone(),
                    vec![make_change(
                        ChangeLocation::Operation,
                        ChangeKind::OperationRemoved,
                        operation_context,
                    )],
                ),
                (None, Some(new_entry)) => (
                    OperationStatus::Added,
                    new_entry.operation.operation_id.clone(),
                    vec![make_change(
                        ChangeLocation::Operation,
                        ChangeKind::OperationAdded,
                        operation_context,
                    )],
                ),
                (None, None) => continue,
            };
        if changes.is_empty() {
            continue;
        }
        operations.push(OperationDiff {
            method: method.to_ascii_uppercase(),
            path: path.clone(),
            operation_id,
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
            compare_json(
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
    let mut component_types = diff_component_types(old, new);
    component_types.extend(diff_union_types(old, new));
    SpecDiff {
        operations,
        component_types,
        documentation,
        unclassified_differences,
        identical,
    }
}

fn make_change(
    location: ChangeLocation,
    kind: ChangeKind,
    context: ClassificationContext,
) -> Change {
    let (impact, reason) = classify(&kind, context);
    Change {
        location,
        kind,
        impact,
        reason,
    }
}

/// How the enums the generator makes of `oneOf`/`anyOf` change, read from the generator's own
/// intermediate form of both specs (the code that generates the enums), not from a second model
/// of it: variants by Rust name, with their Rust types and discriminator values. A spec the
/// generator refuses has no intermediate form; its oneOf/anyOf changes are then only the
/// `UntypedSchemaChanged` lines of the operations.
fn diff_union_types(old: &OpenAPI, new: &OpenAPI) -> Vec<Change> {
    let settings = GenerateSettings::standalone();
    let (Ok(old_module), Ok(new_module)) =
        (build_module(old, &settings), build_module(new, &settings))
    else {
        return Vec::new();
    };
    let context = ClassificationContext {
        direction: Direction::Response,
        old_method_has_request_argument: true,
        parameter_is_array: false,
    };
    fn union_variants(definition: &TypeDefinition) -> Option<&Vec<UnionVariant>> {
        match &definition.kind {
            TypeKind::Union { variants, .. } => Some(variants),
            _ => None,
        }
    }
    let mut changes = Vec::new();
    for (name, old_definition) in &old_module.types {
        let Some(new_definition) = new_module.types.get(name) else {
            continue;
        };
        let (Some(old_variants), Some(new_variants)) = (
            union_variants(old_definition),
            union_variants(new_definition),
        ) else {
            continue;
        };
        let location = || ChangeLocation::ComponentType { name: name.clone() };
        for old_variant in old_variants {
            let kind = match new_variants
                .iter()
                .find(|new_variant| new_variant.rust_name == old_variant.rust_name)
            {
                None => ChangeKind::UnionVariantRemoved {
                    variant: old_variant.rust_name.clone(),
                },
                Some(new_variant)
                    if new_variant.rust_type != old_variant.rust_type
                        || new_variant.tags != old_variant.tags =>
                {
                    ChangeKind::UnionVariantChanged {
                        variant: old_variant.rust_name.clone(),
                    }
                }
                Some(_) => continue,
            };
            changes.push(make_change(location(), kind, context));
        }
        for new_variant in new_variants {
            if !old_variants
                .iter()
                .any(|old_variant| old_variant.rust_name == new_variant.rust_name)
            {
                changes.push(make_change(
                    location(),
                    ChangeKind::UnionVariantAdded {
                        variant: new_variant.rust_name.clone(),
                    },
                    context,
                ));
            }
        }
    }
    changes
}

fn diff_component_types(old: &OpenAPI, new: &OpenAPI) -> Vec<Change> {
    let names = |document: &OpenAPI| -> BTreeSet<String> {
        document
            .components
            .iter()
            .flat_map(|components| components.schemas.keys().cloned())
            .collect()
    };
    let old_names = names(old);
    let new_names = names(new);
    let context = ClassificationContext {
        direction: Direction::Response,
        old_method_has_request_argument: true,
        parameter_is_array: false,
    };
    let mut changes: Vec<Change> = old_names
        .difference(&new_names)
        .map(|name| {
            make_change(
                ChangeLocation::ComponentType { name: name.clone() },
                ChangeKind::ComponentTypeRemoved,
                context,
            )
        })
        .chain(new_names.difference(&old_names).map(|name| {
            make_change(
                ChangeLocation::ComponentType { name: name.clone() },
                ChangeKind::ComponentTypeAdded,
                context,
            )
        }))
        .collect();
    changes.sort();
    changes
}

/// An operation with the parameters its path item gives every operation of the path.
struct OperationEntry<'document> {
    operation: &'document Operation,
    path_item_parameters: &'document [ReferenceOr<Parameter>],
}

/// Operations by (path, lower-case method). Path item references are not followed: OpenAPI 3.0
/// has nowhere local for them to point, [`parse_spec`] rejects them and so does the generator.
fn collect_operations(document: &OpenAPI) -> BTreeMap<(String, String), OperationEntry<'_>> {
    let mut operations = BTreeMap::new();
    for (path, item) in &document.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in item.iter() {
            operations.insert(
                (path.clone(), method.to_owned()),
                OperationEntry {
                    operation,
                    path_item_parameters: &item.parameters,
                },
            );
        }
    }
    operations
}

fn diff_operation(
    old_document: &OpenAPI,
    new_document: &OpenAPI,
    old: &OperationEntry<'_>,
    new: &OperationEntry<'_>,
) -> Vec<Change> {
    let old_parameters = effective_parameters(old_document, old);
    let new_parameters = effective_parameters(new_document, new);
    let old_body = resolve_request_body(old_document, old.operation);
    let new_body = resolve_request_body(new_document, new.operation);
    // The specs reviewed here are `otc-client`'s: its client fills `project_id` itself.
    let client_path_parameters = GenerateSettings::otc_client().client_path_parameters;
    let request_context = ClassificationContext {
        direction: Direction::Request,
        old_method_has_request_argument: old_body.is_some()
            || old_parameters
                .keys()
                .any(|(place, name)| !(place == "path" && client_path_parameters.contains(name))),
        parameter_is_array: false,
    };
    let mut changes = Vec::new();
    if old.operation.operation_id != new.operation.operation_id {
        let name = |id: &Option<String>| id.clone().unwrap_or_else(|| "(none)".to_owned());
        changes.push(make_change(
            ChangeLocation::Operation,
            ChangeKind::OperationIdChanged {
                old: name(&old.operation.operation_id),
                new: name(&new.operation.operation_id),
            },
            request_context,
        ));
    }
    if old.operation.deprecated != new.operation.deprecated {
        changes.push(make_change(
            ChangeLocation::Operation,
            ChangeKind::DeprecationChanged {
                deprecated: new.operation.deprecated,
            },
            request_context,
        ));
    }
    let old_pagination = old.operation.extensions.get(Pagination::NAME);
    let new_pagination = new.operation.extensions.get(Pagination::NAME);
    if old_pagination != new_pagination {
        let old_items = old_pagination.and_then(|value| value.get("items"));
        let new_items = new_pagination.and_then(|value| value.get("items"));
        changes.push(make_change(
            ChangeLocation::Operation,
            ChangeKind::PaginationChanged {
                old: old_pagination.map(Value::to_string),
                new: new_pagination.map(Value::to_string),
                items_changed: old_pagination.is_some()
                    && new_pagination.is_some()
                    && old_items != new_items,
            },
            request_context,
        ));
    }

    let parameter_keys: BTreeSet<&(String, String)> =
        old_parameters.keys().chain(new_parameters.keys()).collect();
    for key in parameter_keys {
        let (place, name) = key;
        let location = LocationBase::Parameter {
            place: place.clone(),
            name: name.clone(),
        };
        match (old_parameters.get(key), new_parameters.get(key)) {
            (Some(_), None) => changes.push(make_change(
                location.at(""),
                ChangeKind::ParameterRemoved,
                request_context,
            )),
            (None, Some(parameter)) => changes.push(make_change(
                location.at(""),
                ChangeKind::ParameterAdded {
                    presence: parameter_presence(parameter),
                },
                request_context,
            )),
            (Some(old_parameter), Some(new_parameter)) => {
                let old_schema = parameter_schema(&old_parameter.format);
                let new_schema = parameter_schema(&new_parameter.format);
                let context = ClassificationContext {
                    parameter_is_array: is_array(old_document, old_schema)
                        && is_array(new_document, new_schema),
                    ..request_context
                };
                let old_presence = parameter_presence(old_parameter);
                let new_presence = parameter_presence(new_parameter);
                if old_presence != new_presence {
                    changes.push(make_change(
                        location.at(""),
                        ChangeKind::ParameterPresenceChanged {
                            old: old_presence,
                            new: new_presence,
                        },
                        context,
                    ));
                }
                let mut comparison =
                    SchemaComparison::new(old_document, new_document, location, context);
                comparison.compare(String::new(), old_schema, new_schema, 0);
                changes.extend(comparison.changes);
            }
            (None, None) => {}
        }
    }

    let body_location = LocationBase::RequestBody;
    match (old_body, new_body) {
        (Some(_), None) => changes.push(make_change(
            body_location.at(""),
            ChangeKind::RequestBodyRemoved,
            request_context,
        )),
        (None, Some(body)) => changes.push(make_change(
            body_location.at(""),
            ChangeKind::RequestBodyAdded {
                required: body.required,
            },
            request_context,
        )),
        (Some(old_body), Some(new_body)) => {
            if old_body.required != new_body.required {
                changes.push(make_change(
                    body_location.at(""),
                    ChangeKind::RequestBodyPresenceChanged {
                        old_required: old_body.required,
                        new_required: new_body.required,
                    },
                    request_context,
                ));
            }
            changes.extend(compare_content(
                old_document,
                new_document,
                &old_body.content,
                &new_body.content,
                body_location,
                request_context,
            ));
        }
        (None, None) => {}
    }

    let response_context = ClassificationContext {
        direction: Direction::Response,
        ..request_context
    };
    let old_responses = collect_responses(old_document, old.operation);
    let new_responses = collect_responses(new_document, new.operation);
    let statuses: BTreeSet<&String> = old_responses.keys().chain(new_responses.keys()).collect();
    for status in statuses {
        let location = LocationBase::Response {
            status: status.clone(),
        };
        match (old_responses.get(status), new_responses.get(status)) {
            (Some(_), None) => changes.push(make_change(
                location.at(""),
                ChangeKind::StatusRemoved,
                response_context,
            )),
            (None, Some(_)) => changes.push(make_change(
                location.at(""),
                if status == "default" {
                    ChangeKind::DefaultResponseAdded
                } else {
                    ChangeKind::StatusAdded
                },
                response_context,
            )),
            (Some(old_response), Some(new_response)) => {
                match (
                    old_response.content.is_empty(),
                    new_response.content.is_empty(),
                ) {
                    (true, false) => changes.push(make_change(
                        location.at(""),
                        ChangeKind::ResponseBodyAdded,
                        response_context,
                    )),
                    (false, true) => changes.push(make_change(
                        location.at(""),
                        ChangeKind::ResponseBodyRemoved,
                        response_context,
                    )),
                    (false, false) => changes.extend(compare_content(
                        old_document,
                        new_document,
                        &old_response.content,
                        &new_response.content,
                        location.clone(),
                        response_context,
                    )),
                    (true, true) => {}
                }
            }
            (None, None) => {}
        }
    }
    changes.sort();
    changes
}

/// The media types of a body: added and removed ones, and the `application/json` schemas
/// compared (the only media type the generator supports).
fn compare_content<'document>(
    old_document: &'document OpenAPI,
    new_document: &'document OpenAPI,
    old_content: &'document indexmap::IndexMap<String, MediaType>,
    new_content: &'document indexmap::IndexMap<String, MediaType>,
    location: LocationBase,
    context: ClassificationContext,
) -> Vec<Change> {
    let mut changes = Vec::new();
    let media_types: BTreeSet<&String> = old_content.keys().chain(new_content.keys()).collect();
    for media_type in media_types {
        match (old_content.get(media_type), new_content.get(media_type)) {
            (Some(_), None) => changes.push(make_change(
                location.at(""),
                ChangeKind::MediaTypeRemoved {
                    media_type: media_type.clone(),
                },
                context,
            )),
            (None, Some(_)) => changes.push(make_change(
                location.at(""),
                ChangeKind::MediaTypeAdded {
                    media_type: media_type.clone(),
                },
                context,
            )),
            _ => {}
        }
    }
    if let (Some(old_media), Some(new_media)) = (
        old_content.get("application/json"),
        new_content.get("application/json"),
    ) {
        let mut comparison = SchemaComparison::new(old_document, new_document, location, context);
        comparison.compare(
            String::new(),
            SchemaRef::of_optional(old_media.schema.as_ref()),
            SchemaRef::of_optional(new_media.schema.as_ref()),
            0,
        );
        changes.extend(comparison.changes);
    }
    changes
}

/// The parameters of an operation by (place, name): the path item's, overridden by the
/// operation's own, as OpenAPI defines. Unresolvable references are left out ([`parse_spec`]
/// rejects them).
fn effective_parameters<'document>(
    document: &'document OpenAPI,
    entry: &OperationEntry<'document>,
) -> BTreeMap<(String, String), &'document ParameterData> {
    let mut parameters = BTreeMap::new();
    for parameter in entry
        .path_item_parameters
        .iter()
        .chain(entry.operation.parameters.iter())
    {
        let Some(parameter) = resolve_component(
            document,
            parameter,
            "#/components/parameters/",
            |components, name| components.parameters.get_key_value(name),
        ) else {
            continue;
        };
        let place = match parameter {
            Parameter::Query { .. } => "query",
            Parameter::Header { .. } => "header",
            Parameter::Path { .. } => "path",
            Parameter::Cookie { .. } => "cookie",
        };
        let data = parameter.parameter_data_ref();
        parameters.insert((place.to_owned(), data.name.clone()), data);
    }
    parameters
}

fn parameter_presence(parameter: &ParameterData) -> Presence {
    Presence {
        required: parameter.required,
        nullable: false,
    }
}

fn parameter_schema(format: &ParameterSchemaOrContent) -> SchemaRef<'_> {
    match format {
        ParameterSchemaOrContent::Schema(schema) => SchemaRef::of(schema),
        ParameterSchemaOrContent::Content(content) => SchemaRef::of_optional(
            content
                .get("application/json")
                .or_else(|| content.values().next())
                .and_then(|media| media.schema.as_ref()),
        ),
    }
}

fn is_array(document: &OpenAPI, schema: SchemaRef<'_>) -> bool {
    matches!(shape_of(resolve(document, schema).target), Shape::Array(_))
}

fn resolve_request_body<'document>(
    document: &'document OpenAPI,
    operation: &'document Operation,
) -> Option<&'document RequestBody> {
    resolve_component(
        document,
        operation.request_body.as_ref()?,
        "#/components/requestBodies/",
        |components, name| components.request_bodies.get_key_value(name),
    )
}

/// Responses by status text (`200`, `4XX`, `default`), references resolved.
fn collect_responses<'document>(
    document: &'document OpenAPI,
    operation: &'document Operation,
) -> BTreeMap<String, &'document Response> {
    let mut responses = BTreeMap::new();
    for (status, response) in &operation.responses.responses {
        if let Some(response) = resolve_component(
            document,
            response,
            "#/components/responses/",
            |components, name| components.responses.get_key_value(name),
        ) {
            responses.insert(status.to_string(), response);
        }
    }
    if let Some(response) = operation.responses.default.as_ref().and_then(|response| {
        resolve_component(
            document,
            response,
            "#/components/responses/",
            |components, name| components.responses.get_key_value(name),
        )
    }) {
        responses.insert("default".to_owned(), response);
    }
    responses
}

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

/// A schema where it is used: a reference, an inline schema, or none at all (a body or array
/// without a schema, which the generator maps to `serde_json::Value`).
#[derive(Clone, Copy)]
enum SchemaRef<'document> {
    Reference(&'document str),
    Item(&'document Schema),
    Missing,
}

impl<'document> SchemaRef<'document> {
    fn of(schema: &'document ReferenceOr<Schema>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => SchemaRef::Reference(reference),
            ReferenceOr::Item(schema) => SchemaRef::Item(schema),
        }
    }

    fn of_boxed(schema: &'document ReferenceOr<Box<Schema>>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => SchemaRef::Reference(reference),
            ReferenceOr::Item(schema) => SchemaRef::Item(schema),
        }
    }

    fn of_optional(schema: Option<&'document ReferenceOr<Schema>>) -> Self {
        schema.map_or(SchemaRef::Missing, SchemaRef::of)
    }
}

/// What a use of a schema resolves to.
#[derive(Clone, Copy)]
enum Target<'document> {
    Schema(&'document Schema),
    Unresolved(&'document str),
    Missing,
}

struct ResolvedSchema<'document> {
    /// The schema as written where it is used (the `allOf` wrapper of a described reference),
    /// which carries `nullable` and `default` for the field; `None` for a bare reference.
    outer: Option<&'document Schema>,
    target: Target<'document>,
    /// The first component reached: the generated Rust type is named after it.
    component: Option<&'document str>,
}

/// Follows references and single-element `allOf` wrappers, as `generate::ir` does.
fn resolve<'document>(
    document: &'document OpenAPI,
    start: SchemaRef<'document>,
) -> ResolvedSchema<'document> {
    let outer = match start {
        SchemaRef::Item(schema) => Some(schema),
        _ => None,
    };
    let mut component = None;
    let mut current = start;
    for _ in 0..MAX_REFERENCE_HOPS {
        match current {
            SchemaRef::Missing => {
                return ResolvedSchema {
                    outer,
                    target: Target::Missing,
                    component,
                }
            }
            SchemaRef::Reference(reference) => {
                // The name is a JSON pointer token: `~1` and `~0` stand for `/` and `~`.
                let found = reference
                    .strip_prefix("#/components/schemas/")
                    .and_then(|name| {
                        let (name, schema) = document
                            .components
                            .as_ref()?
                            .schemas
                            .get_key_value(unescape_pointer(name).as_str())?;
                        Some((name.as_str(), schema))
                    });
                let Some((name, schema)) = found else {
                    return ResolvedSchema {
                        outer,
                        target: Target::Unresolved(reference),
                        component,
                    };
                };
                component = component.or(Some(name));
                current = SchemaRef::of(schema);
            }
            SchemaRef::Item(schema) => {
                // A one-element `allOf` is how a described reference is written.
                let wrapped = match &schema.schema_kind {
                    SchemaKind::AllOf { all_of } => match all_of.as_slice() {
                        [only] => Some(only),
                        _ => None,
                    },
                    _ => None,
                };
                let Some(wrapped) = wrapped else {
                    return ResolvedSchema {
                        outer,
                        target: Target::Schema(schema),
                        component,
                    };
                };
                current = SchemaRef::of(wrapped);
            }
        }
    }
    ResolvedSchema {
        outer,
        target: Target::Unresolved("(a cycle of references)"),
        component,
    }
}

/// The shape of a schema as the generator sees it: which Rust type it becomes.
enum Shape<'document> {
    String(&'document openapiv3::StringType),
    Integer(&'document openapiv3::IntegerType),
    Number(&'document openapiv3::NumberType),
    Boolean(&'document openapiv3::BooleanType),
    Array(&'document ArrayType),
    /// An object with properties: a struct.
    Struct(&'document ObjectType),
    /// An object without properties whose values have a schema: a map.
    Map(&'document ReferenceOr<Schema>),
    /// Any other object: a JSON object.
    FreeFormObject,
    /// Anything the generator maps to `serde_json::Value`.
    Untyped(Option<&'document SchemaKind>),
    Unresolved(&'document str),
}

fn shape_of(target: Target<'_>) -> Shape<'_> {
    let schema = match target {
        Target::Schema(schema) => schema,
        Target::Unresolved(reference) => return Shape::Unresolved(reference),
        Target::Missing => return Shape::Untyped(None),
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => Shape::String(string),
        SchemaKind::Type(Type::Integer(integer)) => Shape::Integer(integer),
        SchemaKind::Type(Type::Number(number)) => Shape::Number(number),
        SchemaKind::Type(Type::Boolean(boolean)) => Shape::Boolean(boolean),
        SchemaKind::Type(Type::Array(array)) => Shape::Array(array),
        SchemaKind::Type(Type::Object(object)) if !object.properties.is_empty() => {
            Shape::Struct(object)
        }
        SchemaKind::Type(Type::Object(object)) => match &object.additional_properties {
            Some(AdditionalProperties::Schema(values)) => Shape::Map(values.as_ref()),
            _ => Shape::FreeFormObject,
        },
        other => Shape::Untyped(Some(other)),
    }
}

fn shape_label(shape: &Shape<'_>, component: Option<&str>) -> String {
    match shape {
        Shape::String(_) => "string".to_owned(),
        Shape::Integer(integer) => format!("integer ({})", integer_rust_type(&integer.format)),
        Shape::Number(number) => format!("number ({})", number_rust_type(&number.format)),
        Shape::Boolean(_) => "boolean".to_owned(),
        Shape::Array(_) => "array".to_owned(),
        Shape::Struct(_) => match component {
            Some(name) => format!("object {name}"),
            None => "inline object".to_owned(),
        },
        Shape::Map(_) => "map".to_owned(),
        Shape::FreeFormObject => "free-form object".to_owned(),
        Shape::Untyped(_) => "untyped value".to_owned(),
        Shape::Unresolved(reference) => format!("unresolved reference {reference}"),
    }
}

/// `generate::ir`: `int32` is `i32`, anything else `i64`.
fn integer_rust_type(format: &VariantOrUnknownOrEmpty<IntegerFormat>) -> &'static str {
    match format {
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => "i32",
        _ => "i64",
    }
}

/// `generate::ir`: `float` is `f32`, anything else `f64`.
fn number_rust_type(format: &VariantOrUnknownOrEmpty<NumberFormat>) -> &'static str {
    match format {
        VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => "f32",
        _ => "f64",
    }
}

fn format_label<T>(
    format: &VariantOrUnknownOrEmpty<T>,
    known: impl Fn(&T) -> &'static str,
) -> String {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => known(item).to_owned(),
        VariantOrUnknownOrEmpty::Unknown(text) => text.clone(),
        VariantOrUnknownOrEmpty::Empty => "none".to_owned(),
    }
}

fn integer_format_name(format: &IntegerFormat) -> &'static str {
    match format {
        IntegerFormat::Int32 => "int32",
        IntegerFormat::Int64 => "int64",
    }
}

fn number_format_name(format: &NumberFormat) -> &'static str {
    match format {
        NumberFormat::Float => "float",
        NumberFormat::Double => "double",
    }
}

fn string_format_name(format: &StringFormat) -> &'static str {
    match format {
        StringFormat::Date => "date",
        StringFormat::DateTime => "date-time",
        StringFormat::Password => "password",
        StringFormat::Byte => "byte",
        StringFormat::Binary => "binary",
    }
}

/// Enum values as JSON text, `null` for a null entry.
fn enum_values<T: fmt::Display>(values: &[Option<T>], quote: bool) -> BTreeSet<String> {
    values
        .iter()
        .map(|value| match value {
            None => "null".to_owned(),
            Some(value) if quote => Value::String(value.to_string()).to_string(),
            Some(value) => value.to_string(),
        })
        .collect()
}

/// The numeric constraints of an integer or number schema, integers widened to `f64` (only to
/// compare them and print them).
#[derive(Debug, Clone, Copy)]
struct NumericRange {
    minimum: Option<f64>,
    maximum: Option<f64>,
    multiple_of: Option<f64>,
    exclusive_minimum: bool,
    exclusive_maximum: bool,
}

/// Which way a numeric constraint restricts values.
#[derive(Clone, Copy)]
enum Bound {
    /// `maximum`, `maxLength`, `maxItems`: a smaller value is tighter.
    Upper,
    /// `minimum`, `minLength`, `minItems`: a larger value is tighter.
    Lower,
    /// `multipleOf`: any new or changed value may reject values valid before.
    Other,
}

/// What a schema comparison starts from: field paths below it make the [`ChangeLocation`].
#[derive(Debug, Clone)]
enum LocationBase {
    Parameter { place: String, name: String },
    RequestBody,
    Response { status: String },
}

impl LocationBase {
    fn at(&self, field_path: &str) -> ChangeLocation {
        let field_path = field_path.to_owned();
        match self {
            LocationBase::Parameter { place, name } => ChangeLocation::Parameter {
                place: place.clone(),
                name: name.clone(),
                field_path,
            },
            LocationBase::RequestBody => ChangeLocation::RequestBody { field_path },
            LocationBase::Response { status } => ChangeLocation::Response {
                status: status.clone(),
                field_path,
            },
        }
    }
}

/// Compares the schemas of one field, parameter or body, recursively, and collects the changes.
struct SchemaComparison<'document> {
    old_document: &'document OpenAPI,
    new_document: &'document OpenAPI,
    location: LocationBase,
    context: ClassificationContext,
    /// The (old, new) component pairs being compared on the way down: meeting one again is a
    /// cycle (a recursive type) and is not descended into twice.
    components_in_progress: Vec<(Option<&'document str>, Option<&'document str>)>,
    changes: Vec<Change>,
}

fn child_path(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

impl<'document> SchemaComparison<'document> {
    fn new(
        old_document: &'document OpenAPI,
        new_document: &'document OpenAPI,
        location: LocationBase,
        context: ClassificationContext,
    ) -> Self {
        SchemaComparison {
            old_document,
            new_document,
            location,
            context,
            components_in_progress: Vec::new(),
            changes: Vec::new(),
        }
    }

    fn record(&mut self, field_path: &str, kind: ChangeKind) {
        let change = make_change(self.location.at(field_path), kind, self.context);
        self.changes.push(change);
    }

    fn compare(
        &mut self,
        field_path: String,
        old: SchemaRef<'document>,
        new: SchemaRef<'document>,
        depth: usize,
    ) {
        if depth > MAX_NESTING {
            self.record(&field_path, ChangeKind::NotComparedTooDeep);
            return;
        }
        let old = resolve(self.old_document, old);
        let new = resolve(self.new_document, new);
        self.compare_default(&field_path, &old, &new);
        let old_shape = shape_of(old.target);
        let new_shape = shape_of(new.target);
        if std::mem::discriminant(&old_shape) != std::mem::discriminant(&new_shape) {
            self.record(
                &field_path,
                ChangeKind::TypeChanged {
                    old: shape_label(&old_shape, old.component),
                    new: shape_label(&new_shape, new.component),
                },
            );
            return;
        }
        match (&old_shape, &new_shape) {
            (Shape::String(old_string), Shape::String(new_string)) => {
                if old_string.format != new_string.format {
                    self.record(
                        &field_path,
                        ChangeKind::FormatChanged {
                            old: format_label(&old_string.format, string_format_name),
                            new: format_label(&new_string.format, string_format_name),
                            rust_type_changes: false,
                        },
                    );
                }
                self.compare_enumeration(
                    &field_path,
                    enum_values(&old_string.enumeration, true),
                    enum_values(&new_string.enumeration, true),
                    true,
                );
                self.compare_bound(
                    &field_path,
                    "minLength",
                    old_string.min_length.map(|value| value as f64),
                    new_string.min_length.map(|value| value as f64),
                    Bound::Lower,
                );
                self.compare_bound(
                    &field_path,
                    "maxLength",
                    old_string.max_length.map(|value| value as f64),
                    new_string.max_length.map(|value| value as f64),
                    Bound::Upper,
                );
                if old_string.pattern != new_string.pattern {
                    self.record(
                        &field_path,
                        ChangeKind::ConstraintChanged {
                            constraint: "pattern".to_owned(),
                            old: old_string
                                .pattern
                                .as_ref()
                                .map(|pattern| format!("{pattern:?}")),
                            new: new_string
                                .pattern
                                .as_ref()
                                .map(|pattern| format!("{pattern:?}")),
                            // A new or different pattern may reject what the old one took.
                            tightened: new_string.pattern.is_some(),
                        },
                    );
                }
            }
            (Shape::Integer(old_integer), Shape::Integer(new_integer)) => {
                if old_integer.format != new_integer.format {
                    self.record(
                        &field_path,
                        ChangeKind::FormatChanged {
                            old: format_label(&old_integer.format, integer_format_name),
                            new: format_label(&new_integer.format, integer_format_name),
                            rust_type_changes: integer_rust_type(&old_integer.format)
                                != integer_rust_type(&new_integer.format),
                        },
                    );
                }
                self.compare_enumeration(
                    &field_path,
                    enum_values(&old_integer.enumeration, false),
                    enum_values(&new_integer.enumeration, false),
                    false,
                );
                let range = |integer: &openapiv3::IntegerType| NumericRange {
                    minimum: integer.minimum.map(|value| value as f64),
                    maximum: integer.maximum.map(|value| value as f64),
                    multiple_of: integer.multiple_of.map(|value| value as f64),
                    exclusive_minimum: integer.exclusive_minimum,
                    exclusive_maximum: integer.exclusive_maximum,
                };
                self.compare_numeric_range(&field_path, range(old_integer), range(new_integer));
            }
            (Shape::Number(old_number), Shape::Number(new_number)) => {
                if old_number.format != new_number.format {
                    self.record(
                        &field_path,
                        ChangeKind::FormatChanged {
                            old: format_label(&old_number.format, number_format_name),
                            new: format_label(&new_number.format, number_format_name),
                            rust_type_changes: number_rust_type(&old_number.format)
                                != number_rust_type(&new_number.format),
                        },
                    );
                }
                self.compare_enumeration(
                    &field_path,
                    enum_values(&old_number.enumeration, false),
                    enum_values(&new_number.enumeration, false),
                    false,
                );
                let range = |number: &openapiv3::NumberType| NumericRange {
                    minimum: number.minimum,
                    maximum: number.maximum,
                    multiple_of: number.multiple_of,
                    exclusive_minimum: number.exclusive_minimum,
                    exclusive_maximum: number.exclusive_maximum,
                };
                self.compare_numeric_range(&field_path, range(old_number), range(new_number));
            }
            (Shape::Boolean(old_boolean), Shape::Boolean(new_boolean)) => {
                self.compare_enumeration(
                    &field_path,
                    enum_values(&old_boolean.enumeration, false),
                    enum_values(&new_boolean.enumeration, false),
                    false,
                );
            }
            (Shape::Array(old_array), Shape::Array(new_array)) => {
                self.compare_bound(
                    &field_path,
                    "minItems",
                    old_array.min_items.map(|value| value as f64),
                    new_array.min_items.map(|value| value as f64),
                    Bound::Lower,
                );
                self.compare_bound(
                    &field_path,
                    "maxItems",
                    old_array.max_items.map(|value| value as f64),
                    new_array.max_items.map(|value| value as f64),
                    Bound::Upper,
                );
                self.compare_flag(
                    &field_path,
                    "uniqueItems",
                    old_array.unique_items,
                    new_array.unique_items,
                );
                let items = |array: &'document ArrayType| {
                    array
                        .items
                        .as_ref()
                        .map_or(SchemaRef::Missing, SchemaRef::of_boxed)
                };
                self.compare(
                    format!("{field_path}[]"),
                    items(old_array),
                    items(new_array),
                    depth + 1,
                );
            }
            (Shape::Struct(old_object), Shape::Struct(new_object)) => {
                if old.component != new.component {
                    // The Rust type is named after the component (or after the place of an
                    // inline object), so a different component is a different Rust type even
                    // when the fields match; the fields are still compared below.
                    self.record(
                        &field_path,
                        ChangeKind::TypeChanged {
                            old: shape_label(&old_shape, old.component),
                            new: shape_label(&new_shape, new.component),
                        },
                    );
                }
                let pair = (old.component, new.component);
                let is_component = pair.0.is_some() || pair.1.is_some();
                if is_component && self.components_in_progress.contains(&pair) {
                    return;
                }
                if is_component {
                    self.components_in_progress.push(pair);
                }
                self.compare_properties(&field_path, old_object, new_object, depth);
                if is_component {
                    self.components_in_progress.pop();
                }
            }
            (Shape::Map(old_values), Shape::Map(new_values)) => {
                self.compare(
                    format!("{field_path}{{}}"),
                    SchemaRef::of(old_values),
                    SchemaRef::of(new_values),
                    depth + 1,
                );
            }
            (Shape::Untyped(old_kind), Shape::Untyped(new_kind)) if old_kind != new_kind => {
                self.record(&field_path, ChangeKind::UntypedSchemaChanged);
            }
            (Shape::Unresolved(old_reference), Shape::Unresolved(new_reference))
                if old_reference != new_reference =>
            {
                self.record(
                    &field_path,
                    ChangeKind::TypeChanged {
                        old: shape_label(&old_shape, None),
                        new: shape_label(&new_shape, None),
                    },
                );
            }
            // Free-form objects have nothing more to compare, equal untyped schemas and
            // references neither; other pairs have different shapes, reported above.
            _ => {}
        }
    }

    fn compare_properties(
        &mut self,
        field_path: &str,
        old_object: &'document ObjectType,
        new_object: &'document ObjectType,
        depth: usize,
    ) {
        let presence = |object: &ObjectType, name: &str, property: &ReferenceOr<Box<Schema>>| {
            Presence {
                required: object.required.iter().any(|required| required == name),
                // `generate::ir` reads `nullable` where the property is written.
                nullable: matches!(property, ReferenceOr::Item(schema) if schema.schema_data.nullable),
            }
        };
        let names: BTreeSet<&String> = old_object
            .properties
            .keys()
            .chain(new_object.properties.keys())
            .collect();
        for name in names {
            let path = child_path(field_path, name);
            match (
                old_object.properties.get(name),
                new_object.properties.get(name),
            ) {
                (Some(_), None) => self.record(&path, ChangeKind::FieldRemoved),
                (None, Some(property)) => self.record(
                    &path,
                    ChangeKind::FieldAdded {
                        presence: presence(new_object, name, property),
                    },
                ),
                (Some(old_property), Some(new_property)) => {
                    let old_presence = presence(old_object, name, old_property);
                    let new_presence = presence(new_object, name, new_property);
                    if old_presence != new_presence {
                        self.record(
                            &path,
                            ChangeKind::FieldPresenceChanged {
                                old: old_presence,
                                new: new_presence,
                            },
                        );
                    }
                    self.compare(
                        path,
                        SchemaRef::of_boxed(old_property),
                        SchemaRef::of_boxed(new_property),
                        depth + 1,
                    );
                }
                (None, None) => {}
            }
        }
    }

    fn compare_default(
        &mut self,
        field_path: &str,
        old: &ResolvedSchema<'_>,
        new: &ResolvedSchema<'_>,
    ) {
        let default = |resolved: &ResolvedSchema<'_>| {
            let target = match resolved.target {
                Target::Schema(schema) => schema.schema_data.default.as_ref(),
                _ => None,
            };
            resolved
                .outer
                .and_then(|outer| outer.schema_data.default.as_ref())
                .or(target)
                .map(Value::to_string)
        };
        let (old_default, new_default) = (default(old), default(new));
        if old_default != new_default {
            self.record(
                field_path,
                ChangeKind::DefaultChanged {
                    old: old_default,
                    new: new_default,
                },
            );
        }
    }

    fn compare_enumeration(
        &mut self,
        field_path: &str,
        old_values: BTreeSet<String>,
        new_values: BTreeSet<String>,
        rust_enum: bool,
    ) {
        if old_values == new_values {
            return;
        }
        // No enum means any value: going from any to some, or back, is one change, not a
        // value-by-value list.
        if old_values.is_empty() {
            self.record(
                field_path,
                ChangeKind::EnumRestrictionAdded {
                    values: new_values.into_iter().collect(),
                    rust_enum,
                },
            );
            return;
        }
        if new_values.is_empty() {
            self.record(field_path, ChangeKind::EnumRestrictionRemoved { rust_enum });
            return;
        }
        for value in old_values.difference(&new_values) {
            self.record(
                field_path,
                ChangeKind::EnumValueRemoved {
                    value: value.clone(),
                    rust_enum,
                },
            );
        }
        for value in new_values.difference(&old_values) {
            self.record(
                field_path,
                ChangeKind::EnumValueAdded {
                    value: value.clone(),
                    rust_enum,
                },
            );
        }
    }

    fn compare_numeric_range(&mut self, field_path: &str, old: NumericRange, new: NumericRange) {
        self.compare_bound(
            field_path,
            "minimum",
            old.minimum,
            new.minimum,
            Bound::Lower,
        );
        self.compare_bound(
            field_path,
            "maximum",
            old.maximum,
            new.maximum,
            Bound::Upper,
        );
        self.compare_bound(
            field_path,
            "multipleOf",
            old.multiple_of,
            new.multiple_of,
            Bound::Other,
        );
        self.compare_flag(
            field_path,
            "exclusiveMinimum",
            old.exclusive_minimum,
            new.exclusive_minimum,
        );
        self.compare_flag(
            field_path,
            "exclusiveMaximum",
            old.exclusive_maximum,
            new.exclusive_maximum,
        );
    }

    fn compare_bound(
        &mut self,
        field_path: &str,
        constraint: &str,
        old: Option<f64>,
        new: Option<f64>,
        bound: Bound,
    ) {
        // Compared as text so that NaN (which YAML can spell) is equal to itself.
        let text = |value: Option<f64>| value.map(|value| value.to_string());
        if text(old) == text(new) {
            return;
        }
        let tightened = match (old, new, bound) {
            (_, None, _) => false,
            (None, Some(_), _) => true,
            (Some(old), Some(new), Bound::Upper) => new < old,
            (Some(old), Some(new), Bound::Lower) => new > old,
            (Some(_), Some(_), Bound::Other) => true,
        };
        self.record(
            field_path,
            ChangeKind::ConstraintChanged {
                constraint: constraint.to_owned(),
                old: text(old),
                new: text(new),
                tightened,
            },
        );
    }

    fn compare_flag(&mut self, field_path: &str, constraint: &str, old: bool, new: bool) {
        if old != new {
            self.record(
                field_path,
                ChangeKind::ConstraintChanged {
                    constraint: constraint.to_owned(),
                    old: Some(old.to_string()),
                    new: Some(new.to_string()),
                    tightened: new,
                },
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Documentation and unclassified differences
// ---------------------------------------------------------------------------------------------

/// The parts of a document the structural diff compares, as JSON pointer prefixes.
const COMPARED_PARTS: [&str; 5] = [
    "/paths/",
    "/components/schemas/",
    "/components/parameters/",
    "/components/requestBodies/",
    "/components/responses/",
];

fn is_in_compared_parts(pointer: &str) -> bool {
    COMPARED_PARTS
        .iter()
        .any(|prefix| pointer.starts_with(prefix))
}

/// Maps whose keys are names (a property called `description` is a field, not documentation).
const NAME_MAPS: [&str; 13] = [
    "properties",
    "schemas",
    "responses",
    "parameters",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
    "variables",
    "paths",
    "content",
    "encoding",
];

enum DocumentationField {
    Description,
    Example,
    Other,
}

fn documentation_field(key: &str, in_name_map: bool) -> Option<DocumentationField> {
    if in_name_map {
        return None;
    }
    match key {
        "description" | "summary" | "title" => Some(DocumentationField::Description),
        "example" | "examples" => Some(DocumentationField::Example),
        "tags" | "externalDocs" => Some(DocumentationField::Other),
        key if key == SourcePage::NAME => Some(DocumentationField::Other),
        _ => None,
    }
}

/// Walks both documents as JSON: a differing documentation field is counted and not walked
/// further; any other differing leaf is an unclassified difference, by JSON pointer.
/// `in_name_map` says that the keys of the values are names (see [`NAME_MAPS`]), not fields.
fn compare_json(
    old: &Value,
    new: &Value,
    pointer: &str,
    in_name_map: bool,
    documentation: &mut DocumentationChanges,
    unclassified: &mut Vec<String>,
) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(old_map), Value::Object(new_map)) => {
            let keys: BTreeSet<&String> = old_map.keys().chain(new_map.keys()).collect();
            // A spec without `components` gaining one (a first schema) is reported as the
            // component types added, so the document's top-level containers are walked into
            // even when one side lacks them; anything deeper that is added or removed whole is
            // one difference, not one per leaf.
            let empty_object = Value::Object(serde_json::Map::new());
            let absent = if pointer.is_empty() || pointer == "/components" {
                &empty_object
            } else {
                &Value::Null
            };
            for key in keys {
                let old_child = old_map.get(key.as_str()).unwrap_or(absent);
                let new_child = new_map.get(key.as_str()).unwrap_or(absent);
                if old_child == new_child {
                    continue;
                }
                match documentation_field(key, in_name_map) {
                    Some(DocumentationField::Description) => documentation.descriptions += 1,
                    Some(DocumentationField::Example) => documentation.examples += 1,
                    Some(DocumentationField::Other) => documentation.other += 1,
                    None => compare_json(
                        old_child,
                        new_child,
                        &format!("{pointer}/{}", escape_pointer(key)),
                        !in_name_map && NAME_MAPS.contains(&key.as_str()),
                        documentation,
                        unclassified,
                    ),
                }
            }
        }
        (Value::Array(old_items), Value::Array(new_items)) => {
            for index in 0..old_items.len().max(new_items.len()) {
                compare_json(
                    old_items.get(index).unwrap_or(&Value::Null),
                    new_items.get(index).unwrap_or(&Value::Null),
                    &format!("{pointer}/{index}"),
                    false,
                    documentation,
                    unclassified,
                );
            }
        }
        _ => unclassified.push(if pointer.is_empty() {
            "/".to_owned()
        } else {
            pointer.to_owned()
        }),
    }
}
