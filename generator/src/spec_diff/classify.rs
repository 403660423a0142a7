//! The classification table: the impact of each kind of change on code that uses the generated
//! crate, by direction, and why.

use super::report::{Basis, Change, ChangeKind, ChangeLocation, Direction, Impact};

/// What the classification of a change needs to know besides the change itself.
#[derive(Debug, Clone, Copy)]
pub(super) struct ClassificationContext {
    pub(super) direction: Direction,
    /// Whether the old client method took a request argument: when it did not, a first
    /// parameter or body adds an argument to the method, which breaks every call.
    pub(super) old_method_has_request_argument: bool,
}

impl ClassificationContext {
    pub(super) fn request() -> ClassificationContext {
        ClassificationContext {
            direction: Direction::Request,
            old_method_has_request_argument: true,
        }
    }

    pub(super) fn response() -> ClassificationContext {
        ClassificationContext {
            direction: Direction::Response,
            old_method_has_request_argument: true,
        }
    }
}

pub(super) fn make_change(
    location: ChangeLocation,
    kind: ChangeKind,
    context: ClassificationContext,
) -> Change {
    let (impact, reason) = classify(&kind, context);
    let basis = basis(&kind, context);
    Change {
        location,
        kind,
        impact,
        basis,
        reason,
    }
}

/// Whether the change's impact comes from the generated Rust API or only from what the service
/// accepts and sends (the Rust API stays the same).
fn basis(kind: &ChangeKind, context: ClassificationContext) -> Basis {
    match kind {
        ChangeKind::FormatChanged { .. }
        | ChangeKind::EnumValueAdded { .. }
        | ChangeKind::EnumValueRemoved { .. }
        | ChangeKind::EnumRestrictionAdded { .. }
        | ChangeKind::EnumRestrictionRemoved
        | ChangeKind::ConstraintChanged { .. }
        | ChangeKind::DefaultChanged { .. }
        | ChangeKind::UntypedSchemaChanged
        | ChangeKind::MediaTypeAdded { .. }
        | ChangeKind::MediaTypeRemoved { .. } => Basis::Wire,
        ChangeKind::ParameterAdded { .. } | ChangeKind::RequestBodyAdded { .. }
            if !context.old_method_has_request_argument =>
        {
            Basis::RustApi
        }
        // A new field of a `#[non_exhaustive]` struct built from `Default`: the Rust API only
        // grows; what can break is a service that requires the field.
        ChangeKind::ParameterAdded { .. }
        | ChangeKind::FieldAdded { .. }
        | ChangeKind::RequestBodyAdded { .. } => Basis::Wire,
        ChangeKind::ParameterPresenceChanged { old, new }
        | ChangeKind::FieldPresenceChanged { old, new }
        | ChangeKind::RequestBodyPresenceChanged { old, new }
            if old.rust_option == new.rust_option =>
        {
            Basis::Wire
        }
        _ => Basis::RustApi,
    }
}

/// The table. Rust-level kinds (from the intermediate form) break when code written against the
/// old crate may stop compiling; wire-level kinds break when calls valid before may be rejected.
pub(super) fn classify(
    kind: &ChangeKind,
    context: ClassificationContext,
) -> (Impact, &'static str) {
    use Impact::{Breaking, Compatible, Patch};
    let request = context.direction == Direction::Request;
    match kind {
        ChangeKind::OperationAdded => (Compatible, "a new client method"),
        ChangeKind::OperationRemoved => (
            Breaking,
            "the client method and its request and response types are removed",
        ),
        ChangeKind::MethodRenamed { .. } => (
            Breaking,
            "the client method and its request and response types are renamed",
        ),
        ChangeKind::DeprecationChanged { .. } => (
            Patch,
            "only the #[deprecated] attribute of the method changes: a warning, not an error",
        ),
        ChangeKind::VariantChanged { .. } => (
            Patch,
            "the method's documentation of what tells its request apart changes; the request's own changes are listed on their own",
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
            "the …_stream method is renamed or yields items of another Rust type",
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
        ChangeKind::ParameterAdded { presence }
        | ChangeKind::FieldAdded { presence }
        | ChangeKind::RequestBodyAdded { presence }
            if request && presence.required =>
        {
            (
                Breaking,
                "a new required request field: calls that do not set it are rejected",
            )
        }
        ChangeKind::ParameterAdded { .. }
        | ChangeKind::FieldAdded { .. }
        | ChangeKind::RequestBodyAdded { .. }
            if request =>
        {
            (
                Compatible,
                "a new optional request field, left out by ..Default::default()",
            )
        }
        ChangeKind::ParameterAdded { .. }
        | ChangeKind::FieldAdded { .. }
        | ChangeKind::RequestBodyAdded { .. } => (
            Compatible,
            "a new field in a response struct, which clients only read",
        ),
        ChangeKind::ParameterRemoved | ChangeKind::RequestBodyRemoved => {
            (Breaking, "the request field is removed")
        }
        ChangeKind::FieldRemoved => (Breaking, "the struct field is removed"),
        ChangeKind::FieldRenamed { .. } => (Breaking, "the struct field is renamed"),
        ChangeKind::ParameterPresenceChanged { old, new }
        | ChangeKind::FieldPresenceChanged { old, new }
        | ChangeKind::RequestBodyPresenceChanged { old, new }
            if old.rust_option != new.rust_option =>
        {
            if new.rust_option {
                (Breaking, "the Rust field changes from T to Option<T>")
            } else {
                (Breaking, "the Rust field changes from Option<T> to T")
            }
        }
        ChangeKind::ParameterPresenceChanged { old, new }
        | ChangeKind::FieldPresenceChanged { old, new }
        | ChangeKind::RequestBodyPresenceChanged { old, new }
            if request && new.required && !old.required =>
        {
            (
                Breaking,
                "the Rust type stays, but the service now rejects calls that leave the field out",
            )
        }
        ChangeKind::ParameterPresenceChanged { .. }
        | ChangeKind::FieldPresenceChanged { .. }
        | ChangeKind::RequestBodyPresenceChanged { .. } if request => (
            Compatible,
            "the Rust type stays; calls may now leave the field out",
        ),
        ChangeKind::ParameterPresenceChanged { .. }
        | ChangeKind::FieldPresenceChanged { .. }
        | ChangeKind::RequestBodyPresenceChanged { .. } => {
            (Patch, "the Rust type stays")
        }
        ChangeKind::MediaTypeAdded { .. } if request => (
            Compatible,
            "the service accepts one more media type; the client keeps sending the one it chose",
        ),
        ChangeKind::MediaTypeAdded { .. } => (
            Compatible,
            "the service may answer in one more media type",
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
        ChangeKind::TypeChanged { .. } => (Breaking, "the Rust type changes"),
        ChangeKind::EnumVariantAdded { .. } => (
            Compatible,
            "a new variant of a #[non_exhaustive] enum; a received value arrived as Unknown before",
        ),
        ChangeKind::EnumVariantRemoved { .. } => (
            Breaking,
            "the enum variant is removed: code that names it stops compiling",
        ),
        ChangeKind::FormatChanged { .. } if request => (
            Compatible,
            "review which values the service accepts; a Rust type change is listed on its own",
        ),
        ChangeKind::FormatChanged { .. } => (
            Patch,
            "the values received may look different; a Rust type change is listed on its own",
        ),
        ChangeKind::EnumValueAdded { .. } if request => {
            (Compatible, "the service accepts one more value")
        }
        ChangeKind::EnumValueAdded { .. } => (
            Compatible,
            "a value not received before: code matching on values needs a fallback arm",
        ),
        ChangeKind::EnumValueRemoved { .. } if request => (
            Breaking,
            "calls that send this value are rejected",
        ),
        ChangeKind::EnumValueRemoved { .. } => (Patch, "the value is no longer received"),
        ChangeKind::EnumRestrictionAdded { .. } if request => (
            Breaking,
            "calls that send other values are rejected",
        ),
        ChangeKind::EnumRestrictionAdded { .. } => (Patch, "fewer values are received"),
        ChangeKind::EnumRestrictionRemoved if request => {
            (Compatible, "the service accepts any value")
        }
        ChangeKind::EnumRestrictionRemoved => (
            Compatible,
            "values not received before: code matching on values needs a fallback arm",
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
            "the Rust type stays serde_json::Value: review the JSON by hand",
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
            Compatible,
            "the Rust type stays; values decode into this variant by other discriminator values",
        ),
        ChangeKind::UnionDiscriminatorChanged { .. } => (
            Compatible,
            "the Rust type stays; values are decoded into its variants another way",
        ),
        ChangeKind::NotComparedTooDeep => (
            Breaking,
            "not compared, so not known to be compatible: review by hand",
        ),
    }
}
