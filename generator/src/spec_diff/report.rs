//! The report's data: each change with its location, kind, impact and reason, the operations
//! and types they belong to, the semver bump that follows, and the printed report.

use std::fmt;

use super::documentation::is_in_compared_parts;
use super::MAX_NESTING;

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

/// Whether a field or parameter must be sent (the wire), and whether its generated Rust field is
/// `Option<T>` (the intermediate form decides: not required or nullable, except array
/// parameters, which are `Vec<T>` either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Presence {
    pub required: bool,
    pub rust_option: bool,
}

impl fmt::Display for Presence {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(if self.required {
            "required"
        } else {
            "optional"
        })?;
        formatter.write_str(match (self.required, self.rust_option) {
            (true, true) => " (Option<T>: nullable)",
            (false, false) => " (not Option<T>)",
            _ => "",
        })
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
    /// A public Rust type of the generated crate, by its Rust name (a component schema, or an
    /// inline schema named after its place). Changes inside a type are listed here only for
    /// types no operation reaches; the others are listed under each operation that uses them.
    ComponentType { name: String, field_path: String },
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
            ChangeLocation::ComponentType { name, field_path } if field_path.is_empty() => {
                write!(formatter, "type `{name}`")
            }
            ChangeLocation::ComponentType { name, field_path } => {
                write!(formatter, "type `{name}` `{field_path}`")
            }
        }
    }
}

/// What changed. Rust types are named as the generated crate spells them; wire values (enum
/// values, defaults, constraint bounds) are rendered as JSON text.
///
/// Two sources: what the generated Rust API looks like comes from the generator's intermediate
/// form of both specs (`rust_api`), what only the wire carries (constraints, defaults, allowed
/// values, formats, media types) from the schemas (`wire`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    OperationAdded,
    OperationRemoved,
    /// The client method (and its request and response types) has another name.
    MethodRenamed {
        old: String,
        new: String,
    },
    DeprecationChanged {
        deprecated: bool,
    },
    /// The operation became, or stopped being, one of several documented for its method and
    /// path (`x-operation-variants`), or what tells its request apart from the others' changed:
    /// `describe()` of each side's discriminator.
    VariantChanged {
        old: Option<String>,
        new: Option<String>,
    },
    /// The `…_stream` method (from `x-pagination`) added, removed or changed: the method name
    /// and the Rust type of its items, or how it walks the pages.
    PaginationChanged {
        old: Option<String>,
        new: Option<String>,
        /// The stream yields items of another Rust type, or is another method.
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
        presence: Presence,
    },
    RequestBodyRemoved,
    RequestBodyPresenceChanged {
        old: Presence,
        new: Presence,
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
    /// The same wire name has another Rust field name.
    FieldRenamed {
        old: String,
        new: String,
    },
    /// The Rust type at this place is another one (`i32` → `i64`, `String` → an enum, one
    /// struct → another, `T` → `Box<T>`).
    TypeChanged {
        old: String,
        new: String,
    },
    /// A variant of a generated string enum added (a new allowed value).
    EnumVariantAdded {
        variant: String,
    },
    /// A variant of a generated string enum removed.
    EnumVariantRemoved {
        variant: String,
    },
    /// The schema's `format` changed (the Rust type, if it changes, is a `TypeChanged`).
    FormatChanged {
        old: String,
        new: String,
    },
    /// An allowed value (`enum`) added on the wire.
    EnumValueAdded {
        value: String,
    },
    /// An allowed value (`enum`) removed on the wire.
    EnumValueRemoved {
        value: String,
    },
    /// A value that took anything now takes one of a list.
    EnumRestrictionAdded {
        values: Vec<String>,
    },
    EnumRestrictionRemoved,
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
    /// A `not` or untyped schema changed: the generated type stays `serde_json::Value`.
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
    /// A variant of such an enum is chosen by other discriminator values.
    UnionVariantChanged {
        variant: String,
    },
    /// Such an enum is decoded by another discriminator property, or tried in order instead.
    UnionDiscriminatorChanged {
        old: Option<String>,
        new: Option<String>,
    },
    /// The comparison stopped: the types nest deeper than [`MAX_NESTING`].
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
            ChangeKind::MethodRenamed { old, new } => {
                write!(formatter, "client method renamed from {old} to {new}")
            }
            ChangeKind::DeprecationChanged { deprecated: true } => {
                formatter.write_str("marked deprecated")
            }
            ChangeKind::DeprecationChanged { deprecated: false } => {
                formatter.write_str("no longer deprecated")
            }
            ChangeKind::VariantChanged { old, new } => match (old, new) {
                (None, Some(new)) => write!(
                    formatter,
                    "now one of several operations of its method and path, sending {new}"
                ),
                (Some(old), None) => write!(
                    formatter,
                    "no longer one of several operations of its method and path (sent {old})"
                ),
                (old, new) => write!(
                    formatter,
                    "told apart from the other operations of its method and path by {} (was {})",
                    optional_value(new),
                    optional_value(old)
                ),
            },
            ChangeKind::PaginationChanged { old, new, .. } => match (old, new) {
                (None, Some(new)) => write!(formatter, "item stream added: {new}"),
                (Some(old), None) => write!(formatter, "item stream removed (was {old})"),
                (Some(old), Some(new)) if old == new => {
                    write!(
                        formatter,
                        "item stream {old} walks the pages by other fields"
                    )
                }
                (old, new) => write!(
                    formatter,
                    "item stream changed from {} to {}",
                    optional_value(old),
                    optional_value(new)
                ),
            },
            ChangeKind::ParameterAdded { presence }
            | ChangeKind::FieldAdded { presence }
            | ChangeKind::RequestBodyAdded { presence } => {
                write!(formatter, "added, {presence}")
            }
            ChangeKind::ParameterRemoved
            | ChangeKind::FieldRemoved
            | ChangeKind::RequestBodyRemoved
            | ChangeKind::StatusRemoved => formatter.write_str("removed"),
            ChangeKind::ParameterPresenceChanged { old, new }
            | ChangeKind::FieldPresenceChanged { old, new }
            | ChangeKind::RequestBodyPresenceChanged { old, new } => {
                write!(formatter, "now {new}, was {old}")
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
            ChangeKind::ResponseBodyAdded => formatter.write_str("body added"),
            ChangeKind::ResponseBodyRemoved => formatter.write_str("body removed"),
            ChangeKind::FieldRenamed { old, new } => {
                write!(formatter, "Rust field renamed from {old} to {new}")
            }
            ChangeKind::TypeChanged { old, new } => {
                write!(formatter, "Rust type changed from {old} to {new}")
            }
            ChangeKind::EnumVariantAdded { variant } => {
                write!(formatter, "enum variant {variant} added")
            }
            ChangeKind::EnumVariantRemoved { variant } => {
                write!(formatter, "enum variant {variant} removed")
            }
            ChangeKind::FormatChanged { old, new } => {
                write!(formatter, "format changed from {old} to {new}")
            }
            ChangeKind::EnumValueAdded { value } => {
                write!(formatter, "allowed value {value} added")
            }
            ChangeKind::EnumValueRemoved { value } => {
                write!(formatter, "allowed value {value} removed")
            }
            ChangeKind::EnumRestrictionAdded { values } => write!(
                formatter,
                "now restricted to the values {}",
                values.join(", ")
            ),
            ChangeKind::EnumRestrictionRemoved => {
                formatter.write_str("no longer restricted to a list of values")
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
                formatter.write_str("not or untyped schema changed")
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
                write!(
                    formatter,
                    "variant `{variant}` chosen by other discriminator values"
                )
            }
            ChangeKind::UnionDiscriminatorChanged { old, new } => write!(
                formatter,
                "discriminator changed from {} to {}",
                optional_value(old),
                optional_value(new)
            ),
            ChangeKind::NotComparedTooDeep => write!(
                formatter,
                "not compared: the types nest deeper than {MAX_NESTING} levels"
            ),
        }
    }
}

/// What a change's impact rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Basis {
    /// The generated Rust API changes (an item, a type, a variant, a field).
    RustApi,
    /// The Rust API stays the same; what the service accepts or sends changes (a constraint, an
    /// allowed value, a required field, a media type).
    Wire,
}

/// One change, classified.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Change {
    pub location: ChangeLocation,
    pub kind: ChangeKind,
    pub impact: Impact,
    pub basis: Basis,
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

/// What changed between two specs. Build it with [`super::diff_specs`]; `Display` prints the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecDiff {
    /// Operations with at least one change, sorted by path, then method.
    pub operations: Vec<OperationDiff>,
    /// Public Rust types added and removed, and changes inside the types no operation reaches,
    /// sorted by location. Changes inside the other types are reported under each operation
    /// that uses them, in that operation's direction.
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
  compatible  additions and relaxations. Generated structs are #[non_exhaustive] and built
              from Default (see README), so a new optional request field or any new response
              field is compatible; string enums and response enums are #[non_exhaustive] too,
              so a new enum value or status is compatible.
  patch       what no Rust type carries: constraints of response fields, deprecation.
";
