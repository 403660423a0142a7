//! Tests of the spec review (`otc_codegen::spec_diff`): one pair of small hand-made specs per kind
//! of change under `tests/spec_diff/<case>/{old,new}.yaml`, the report pinned with an insta
//! snapshot and the classification and semver bump of every case asserted; the real ELB spec
//! diffed against itself; malformed specs rejected with an error.

use otc_codegen::generate::ir::GenerateSettings;
use otc_codegen::spec_diff::{
    parse_spec, ChangeKind, Impact, OperationStatus, Presence, SemverBump, SpecDiff, SpecDiffError,
};

/// An optional field or parameter: `Option<T>`.
const OPTIONAL: Presence = Presence {
    required: false,
    rust_option: true,
};
/// A required field or parameter: `T`.
const REQUIRED: Presence = Presence {
    required: true,
    rust_option: false,
};

/// The review of `otc-client`'s service modules (the client fills `project_id`).
fn diff_specs(old: &openapiv3::OpenAPI, new: &openapiv3::OpenAPI) -> SpecDiff {
    otc_codegen::spec_diff::diff_specs(old, new, &GenerateSettings::otc_service("test"))
        .unwrap_or_else(|error| panic!("{error}"))
}

fn read_spec(relative_path: &str) -> openapiv3::OpenAPI {
    let path = format!("{}/{relative_path}", env!("CARGO_MANIFEST_DIR"));
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("reading {path}: {error}"));
    parse_spec(&text).unwrap_or_else(|error| panic!("parsing {path}: {error}"))
}

/// Diffs the case's `old.yaml` against its `new.yaml` and pins the report.
fn check(case: &str) -> SpecDiff {
    let old = read_spec(&format!("tests/spec_diff/{case}/old.yaml"));
    let new = read_spec(&format!("tests/spec_diff/{case}/new.yaml"));
    let diff = diff_specs(&old, &new);
    insta::assert_snapshot!(case, diff.to_string());
    diff
}

/// Every classified change as (location, kind, impact), in report order.
fn classified(diff: &SpecDiff) -> Vec<(String, ChangeKind, Impact)> {
    diff.changes()
        .map(|change| {
            (
                change.location.to_string(),
                change.kind.clone(),
                change.impact,
            )
        })
        .collect()
}

fn expect(location: &str, kind: ChangeKind, impact: Impact) -> (String, ChangeKind, Impact) {
    (location.to_owned(), kind, impact)
}

fn assert_bump(diff: &SpecDiff, bump: SemverBump) {
    assert_eq!(diff.semver_bump(), bump);
    assert_eq!(diff.has_breaking_changes(), bump == SemverBump::Major);
}

#[test]
fn operation_added() {
    let diff = check("operation_added");
    assert_eq!(
        classified(&diff),
        [expect(
            "operation",
            ChangeKind::OperationAdded,
            Impact::Compatible
        )]
    );
    assert_bump(&diff, SemverBump::Minor);
}

#[test]
fn operation_removed() {
    let diff = check("operation_removed");
    assert_eq!(
        classified(&diff),
        [expect(
            "operation",
            ChangeKind::OperationRemoved,
            Impact::Breaking
        )]
    );
    assert_bump(&diff, SemverBump::Major);
}

#[test]
fn operation_id_changed() {
    let diff = check("operation_id_changed");
    assert_eq!(
        classified(&diff),
        [expect(
            "operation",
            ChangeKind::MethodRenamed {
                old: "delete_widget".to_owned(),
                new: "remove_widget".to_owned()
            },
            Impact::Breaking
        )]
    );
    assert_bump(&diff, SemverBump::Major);
}

#[test]
fn parameter_added_optional() {
    let diff = check("parameter_added_optional");
    assert_eq!(
        classified(&diff),
        [expect(
            "query parameter `limit`",
            ChangeKind::ParameterAdded { presence: OPTIONAL },
            Impact::Compatible
        )]
    );
    assert_bump(&diff, SemverBump::Minor);
}

#[test]
fn parameter_added_required() {
    let diff = check("parameter_added_required");
    assert_eq!(
        classified(&diff),
        [expect(
            "query parameter `limit`",
            ChangeKind::ParameterAdded { presence: REQUIRED },
            Impact::Breaking
        )]
    );
    assert_bump(&diff, SemverBump::Major);
}

/// An optional parameter is compatible only where the method already takes a request: here it
/// gains its first argument.
#[test]
fn parameter_added_to_method_without_request() {
    let diff = check("parameter_added_to_method_without_request");
    assert_eq!(
        classified(&diff),
        [expect(
            "query parameter `limit`",
            ChangeKind::ParameterAdded { presence: OPTIONAL },
            Impact::Breaking
        )]
    );
    assert_bump(&diff, SemverBump::Major);
}

#[test]
fn parameter_removed() {
    let diff = check("parameter_removed");
    assert_eq!(
        classified(&diff),
        [expect(
            "query parameter `limit`",
            ChangeKind::ParameterRemoved,
            Impact::Breaking
        )]
    );
    assert_bump(&diff, SemverBump::Major);
}

#[test]
fn parameter_made_required() {
    let diff = check("parameter_made_required");
    assert_eq!(
        classified(&diff),
        [expect(
            "query parameter `limit`",
            ChangeKind::ParameterPresenceChanged {
                old: OPTIONAL,
                new: REQUIRED
            },
            Impact::Breaking
        )]
    );
    assert_bump(&diff, SemverBump::Major);
}

/// `T` becomes `Option<T>` in the request struct: code that sets the field stops compiling.
#[test]
fn parameter_made_optional() {
    let diff = check("parameter_made_optional");
    assert_eq!(
        classified(&diff),
        [expect(
            "query parameter `limit`",
            ChangeKind::ParameterPresenceChanged {
                old: REQUIRED,
                new: OPTIONAL
            },
            Impact::Breaking
        )]
    );
    assert_bump(&diff, SemverBump::Major);
}

#[test]
fn request_field_added_optional() {
    let diff = check("request_field_added_optional");
    assert_eq!(
        classified(&diff),
        [
            expect(
                "request body `widget.tags`",
                ChangeKind::FieldAdded { presence: OPTIONAL },
                Impact::Compatible
            ),
            expect(
                "type `CreateWidgetOptionTagsItem`",
                ChangeKind::ComponentTypeAdded,
                Impact::Compatible
            )
        ]
    );
    assert_bump(&diff, SemverBump::Minor);
}

#[test]
fn request_field_added_required() {
    let diff = check("request_field_added_required");
    assert_eq!(
        classified(&diff),
        [expect(
            "request body `widget.flavor_id`",
            ChangeKind::FieldAdded { presence: REQUIRED },
            Impact::Breaking
        )]
    );
    assert_bump(&diff, SemverBump::Major);
}

#[test]
fn request_field_removed() {
    let diff = check("request_field_removed");
    assert_eq!(
        classified(&diff),
        [expect(
            "request body `widget.description`",
            ChangeKind::FieldRemoved,
            Impact::Breaking
        )]
    );
    assert_bump(&diff, SemverBump::Major);
}

#[test]
fn request_body_made_required() {
    let diff = check("request_body_made_required");
    assert_eq!(
        classified(&diff),
        [expect(
            "request body",
            ChangeKind::RequestBodyPresenceChanged {
                old: OPTIONAL,
                new: REQUIRED
            },
            Impact::Breaking
        )]
    );
    assert_bump(&diff, SemverBump::Major);
}

/// The body is optional, but the method had no request argument: every call changes. The new
/// component schemas are new public types.
#[test]
fn request_body_added_to_method_without_request() {
    let diff = check("request_body_added_to_method_without_request");
    assert_eq!(
        classified(&diff),
        [
            expect(
                "request body",
                ChangeKind::RequestBodyAdded { presence: OPTIONAL },
                Impact::Breaking
            ),
            expect(
                "type `CreateWidgetOption`",
                ChangeKind::ComponentTypeAdded,
                Impact::Compatible
            ),
            expect(
                "type `CreateWidgetRequestBody`",
                ChangeKind::ComponentTypeAdded,
                Impact::Compatible
            ),
        ]
    );
    assert_bump(&diff, SemverBump::Major);
}

#[test]
fn response_field_added() {
    let diff = check("response_field_added");
    assert_eq!(
        classified(&diff),
        [expect(
            "response 200 `widget.created_at`",
            ChangeKind::FieldAdded { presence: OPTIONAL },
            Impact::Compatible
        )]
    );
    assert_bump(&diff, SemverBump::Minor);
}

/// The field is found through the body's `$ref`, the `allOf` wrapper of `widget`, the array
/// items' `$ref` to `Tag`.
#[test]
fn response_field_removed_nested() {
    let diff = check("response_field_removed_nested");
    assert_eq!(
        classified(&diff),
        [expect(
            "response 200 `widget.tags[].key`",
            ChangeKind::FieldRemoved,
            Impact::Breaking
        )]
    );
    assert_bump(&diff, SemverBump::Major);
}

#[test]
fn type_changed() {
    let diff = check("type_changed");
    assert_eq!(
        classified(&diff),
        [expect(
            "response 200 `widget.port`",
            ChangeKind::TypeChanged {
                old: "String".to_owned(),
                new: "i32".to_owned()
            },
            Impact::Breaking
        )]
    );
    assert_bump(&diff, SemverBump::Major);
}

/// A component whose name holds `/` is referred to with `~1` (a JSON pointer token): a change
/// inside it is found as in any other component, not reported as a reference that does not
/// resolve.
#[test]
fn escaped_component_names_resolve() {
    let read = |side: &str| {
        let path = format!(
            "{}/tests/spec_diff/type_changed/{side}.yaml",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("reading {path}: {error}"))
            .replace("schemas/Widget'", "schemas/Widget~1V1'")
            .replace("    Widget:\n", "    Widget/V1:\n");
        assert!(
            text.contains("schemas/Widget~1V1'") && text.contains("    Widget/V1:\n"),
            "the case file no longer has the lines this test renames"
        );
        parse_spec(&text).unwrap_or_else(|error| panic!("parsing {path}: {error}"))
    };
    let diff = diff_specs(&read("old"), &read("new"));
    assert_eq!(
        classified(&diff),
        [expect(
            "response 200 `widget.port`",
            ChangeKind::TypeChanged {
                old: "String".to_owned(),
                new: "i32".to_owned()
            },
            Impact::Breaking
        )]
    );
}

/// `int32` → `int64` changes the Rust type (`i32` → `i64`, from the intermediate form) and the
/// format on the wire; `date` → `date-time` only the format (both `String`).
#[test]
fn format_changed() {
    let diff = check("format_changed");
    assert_eq!(
        classified(&diff),
        [
            expect(
                "response 200 `widget.created_at`",
                ChangeKind::FormatChanged {
                    old: "date".to_owned(),
                    new: "date-time".to_owned(),
                },
                Impact::Patch
            ),
            expect(
                "response 200 `widget.size`",
                ChangeKind::TypeChanged {
                    old: "i32".to_owned(),
                    new: "i64".to_owned(),
                },
                Impact::Breaking
            ),
            expect(
                "response 200 `widget.size`",
                ChangeKind::FormatChanged {
                    old: "int32".to_owned(),
                    new: "int64".to_owned(),
                },
                Impact::Patch
            ),
        ]
    );
    assert_bump(&diff, SemverBump::Major);
}

/// A string enum is a `#[non_exhaustive]` Rust enum: a new value is a new variant (compatible),
/// and on the wire a value the service now accepts or may send.
#[test]
fn enum_value_added() {
    let diff = check("enum_value_added");
    let variant = || ChangeKind::EnumVariantAdded {
        variant: "Pending".to_owned(),
    };
    let value = || ChangeKind::EnumValueAdded {
        value: "\"PENDING\"".to_owned(),
    };
    assert_eq!(
        classified(&diff),
        [
            expect("query parameter `status`", variant(), Impact::Compatible),
            expect("query parameter `status`", value(), Impact::Compatible),
            expect(
                "response 200 `widget.status`",
                variant(),
                Impact::Compatible
            ),
            expect("response 200 `widget.status`", value(), Impact::Compatible),
        ]
    );
    assert_bump(&diff, SemverBump::Minor);
}

/// A removed string enum value is a removed Rust variant, breaking in a request and in a
/// response alike; in a request the service also rejects the value.
#[test]
fn enum_value_removed() {
    let diff = check("enum_value_removed");
    let variant = || ChangeKind::EnumVariantRemoved {
        variant: "Error".to_owned(),
    };
    let value = || ChangeKind::EnumValueRemoved {
        value: "\"ERROR\"".to_owned(),
    };
    assert_eq!(
        classified(&diff),
        [
            expect("query parameter `status`", variant(), Impact::Breaking),
            expect("query parameter `status`", value(), Impact::Breaking),
            expect("response 200 `widget.status`", variant(), Impact::Breaking),
            expect("response 200 `widget.status`", value(), Impact::Patch),
        ]
    );
    assert_bump(&diff, SemverBump::Major);
}

#[test]
fn status_added() {
    let diff = check("status_added");
    assert_eq!(
        classified(&diff),
        [expect(
            "response 404",
            ChangeKind::StatusAdded,
            Impact::Compatible
        )]
    );
    assert_bump(&diff, SemverBump::Minor);
}

/// Removing an alternative of a `oneOf` removes a variant of the Rust enum the generator makes
/// of it: breaking, found on the generator's own intermediate form (it was reported as an
/// untyped, compatible change).
#[test]
fn one_of_variant_removed() {
    let diff = check("one_of_variant_removed");
    assert!(
        classified(&diff).contains(&(
            "request body".to_owned(),
            ChangeKind::UnionVariantRemoved {
                variant: "Lizard".to_owned()
            },
            Impact::Breaking
        )),
        "{diff}"
    );
    assert_bump(&diff, SemverBump::Major);
    // And back: the alternative added is a new variant of an exhaustive enum.
    let old = read_spec("tests/spec_diff/one_of_variant_removed/new.yaml");
    let new = read_spec("tests/spec_diff/one_of_variant_removed/old.yaml");
    let added = diff_specs(&old, &new);
    assert!(
        added.changes().any(|change| change.kind
            == ChangeKind::UnionVariantAdded {
                variant: "Lizard".to_owned()
            }
            && change.impact == Impact::Breaking),
        "{added}"
    );
}

/// A `default` response replaces the enum's `Unexpected` variant: breaking, unlike another
/// status.
#[test]
fn default_response_added() {
    let diff = check("default_response_added");
    assert_eq!(
        classified(&diff),
        [expect(
            "response default",
            ChangeKind::DefaultResponseAdded,
            Impact::Breaking
        )]
    );
    assert_bump(&diff, SemverBump::Major);
}

#[test]
fn status_removed() {
    let diff = check("status_removed");
    assert_eq!(
        classified(&diff),
        [expect(
            "response 404",
            ChangeKind::StatusRemoved,
            Impact::Breaking
        )]
    );
    assert_bump(&diff, SemverBump::Major);
}

#[test]
fn request_constraint_tightened() {
    let diff = check("constraint_changed");
    assert_eq!(
        classified(&diff),
        [expect(
            "request body `widget.name`",
            ChangeKind::ConstraintChanged {
                constraint: "maxLength".to_owned(),
                old: Some("64".to_owned()),
                new: Some("32".to_owned()),
                tightened: true
            },
            Impact::Breaking
        )]
    );
    assert_bump(&diff, SemverBump::Major);
}

/// A response constraint is only documentation on the Rust field.
#[test]
fn response_constraint_changed() {
    let diff = check("response_constraint_changed");
    assert_eq!(
        classified(&diff),
        [expect(
            "response 200 `widget.id`",
            ChangeKind::ConstraintChanged {
                constraint: "maxLength".to_owned(),
                old: Some("36".to_owned()),
                new: Some("64".to_owned()),
                tightened: false
            },
            Impact::Patch
        )]
    );
    assert_bump(&diff, SemverBump::Patch);
}

/// `Node.children[]` is `Node` again: the cycle guard stops there, and the new field is
/// reported once.
#[test]
fn recursive_schema() {
    let diff = check("recursive_schema");
    assert_eq!(
        classified(&diff),
        [expect(
            "response 200 `tree.weight`",
            ChangeKind::FieldAdded { presence: OPTIONAL },
            Impact::Compatible
        )]
    );
    assert_bump(&diff, SemverBump::Minor);
}

#[test]
fn description_only() {
    let diff = check("description_only");
    assert_eq!(classified(&diff), []);
    assert_eq!(diff.documentation.descriptions, 2);
    assert_eq!(diff.documentation.other, 1, "x-source-page");
    assert!(!diff.identical);
    assert_bump(&diff, SemverBump::Patch);
}

#[test]
fn identical() {
    let diff = check("identical");
    assert_eq!(classified(&diff), []);
    assert_eq!(diff.documentation.total(), 0);
    assert!(diff.identical);
    assert_bump(&diff, SemverBump::None);
}

/// The largest real spec has no changes against itself.
#[test]
fn elb_spec_against_itself() {
    let elb = read_spec("../spec/elb.openapi.yaml");
    let diff = diff_specs(&elb, &elb);
    assert!(diff.identical);
    assert_eq!(classified(&diff), []);
    assert_bump(&diff, SemverBump::None);
    assert_eq!(
        diff.to_string(),
        "No changes: the specs are identical.\nsemver: identical → none\n"
    );
}

/// Every ELB operation counts as added against a spec without operations (what CI does when a
/// spec is new), and as removed the other way round.
#[test]
fn elb_spec_against_nothing() {
    let elb = read_spec("../spec/elb.openapi.yaml");
    let operation_count = elb
        .paths
        .paths
        .values()
        .filter_map(|item| item.as_item())
        .map(|item| item.iter().count())
        .sum::<usize>();
    let empty = openapiv3::OpenAPI::default();
    let added = diff_specs(&empty, &elb);
    assert_eq!(added.operations.len(), operation_count);
    assert_bump(&added, SemverBump::Minor);
    let removed = diff_specs(&elb, &empty);
    assert_eq!(removed.operations.len(), operation_count);
    assert_bump(&removed, SemverBump::Major);
}

#[test]
fn semver_bump_before_1_0_shifts_down() {
    assert_eq!(SemverBump::Major.before_1_0(), SemverBump::Minor);
    assert_eq!(SemverBump::Minor.before_1_0(), SemverBump::Patch);
    assert_eq!(SemverBump::Patch.before_1_0(), SemverBump::Patch);
    assert_eq!(SemverBump::None.before_1_0(), SemverBump::None);
}

#[test]
fn malformed_specs_are_errors() {
    assert!(matches!(
        parse_spec("openapi: [unclosed"),
        Err(SpecDiffError::NotOpenApi(_))
    ));
    assert!(matches!(
        parse_spec("just: a map\n"),
        Err(SpecDiffError::NotOpenApi(_))
    ));
    let dangling = "openapi: 3.0.3
info: {title: T, version: v1}
paths:
  /things:
    get:
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Missing'
";
    let error = parse_spec(dangling).expect_err("a dangling reference");
    assert_eq!(
        error.to_string(),
        "/paths/~1things/get/responses/200/content/application~1json/schema: the reference \"#/components/schemas/Missing\" does not resolve in this document"
    );
    let external = dangling.replace("#/components/schemas/Missing", "other.yaml#/Thing");
    assert!(matches!(
        parse_spec(&external),
        Err(SpecDiffError::ExternalReference { .. })
    ));
}

/// References that loop on themselves, which `parse_spec` accepts (they resolve), are compared
/// without hanging or overflowing the stack.
#[test]
fn reference_cycles_do_not_hang() {
    let looping = "openapi: 3.0.3
info: {title: T, version: v1}
paths:
  /things:
    get:
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/A'
components:
  schemas:
    A:
      $ref: '#/components/schemas/B'
    B:
      $ref: '#/components/schemas/A'
";
    let old = parse_spec(looping).expect("references resolve");
    let new = parse_spec(&looping.replace("'200'", "'201'")).expect("references resolve");
    let diff = diff_specs(&old, &new);
    // 200 removed (breaking), 201 added (compatible).
    assert_eq!(diff.count(Impact::Breaking), 1, "{diff}");
    assert_eq!(diff.count(Impact::Compatible), 1, "{diff}");
    assert!(diff_specs(&old, &old).identical);
}

/// A difference outside what the diff compares (here the server URL) is listed even next to a
/// classified change, so nothing is dropped silently.
#[test]
fn unclassified_difference() {
    let diff = check("unclassified_difference");
    assert_eq!(
        classified(&diff),
        [expect(
            "response 200 `widget.created_at`",
            ChangeKind::FieldAdded { presence: OPTIONAL },
            Impact::Compatible
        )]
    );
    assert_eq!(diff.shown_unclassified_differences(), ["/servers/0/url"]);
    assert_bump(&diff, SemverBump::Minor);
}

#[test]
fn path_item_references_are_errors() {
    let spec = "openapi: 3.0.3
info: {title: T, version: v1}
paths:
  /things:
    $ref: '#/paths/~1other'
  /other:
    get:
      responses:
        '200':
          description: OK
";
    assert_eq!(
        parse_spec(spec)
            .expect_err("a path item reference")
            .to_string(),
        "path \"/things\" is a reference, which spec-diff (like the generator) does not support"
    );
}

/// Adding or dropping the `enum` of a string changes the Rust type (String ↔ enum, from the
/// intermediate form); the enum of an integer keeps its scalar type, so a new value there is
/// compatible.
#[test]
fn enum_restriction_and_scalar_enums() {
    let diff = check("enum_restriction_and_scalar_enums");
    let kinds: Vec<(String, Impact)> = classified(&diff)
        .into_iter()
        .map(|(location, kind, impact)| (format!("{location}: {kind}"), impact))
        .collect();
    assert!(
        kinds.iter().any(|(line, impact)| line
            .starts_with("query parameter `status`: Rust type changed from String to enum")
            && *impact == Impact::Breaking),
        "{diff}"
    );
    assert!(
        kinds.iter().any(|(line, impact)| line
            == "query parameter `status`: now restricted to the values \"ACTIVE\", \"ERROR\""
            && *impact == Impact::Breaking),
        "{diff}"
    );
    assert!(
        kinds.iter().any(|(line, impact)| line
            .starts_with("response 200 `kind`: Rust type changed from enum")
            && line.ends_with("to String")
            && *impact == Impact::Breaking),
        "{diff}"
    );
    assert!(
        kinds.iter().any(
            |(line, impact)| line == "response 200 `level`: allowed value 3 added"
                && *impact == Impact::Compatible
        ),
        "{diff}"
    );
    assert_bump(&diff, SemverBump::Major);
}

#[test]
fn pagination_changed() {
    let diff = check("pagination_changed");
    let impacts: Vec<(String, Impact)> = diff
        .operations
        .iter()
        .flat_map(|operation| {
            operation.changes.iter().map(|change| {
                (
                    operation.operation_id.clone().unwrap_or_default(),
                    change.impact,
                )
            })
        })
        .collect();
    assert_eq!(
        impacts,
        [
            // A new stream method.
            ("ListGadgets".to_owned(), Impact::Compatible),
            // Another total count field: the same method, walked by another field.
            ("ListGizmos".to_owned(), Impact::Patch),
            // Other items: the stream's item type may change.
            ("ListParts".to_owned(), Impact::Breaking),
            // The stream method is removed.
            ("ListWidgets".to_owned(), Impact::Breaking),
        ]
    );
    assert!(diff
        .changes()
        .all(|change| matches!(change.kind, ChangeKind::PaginationChanged { .. })));
    assert_eq!(diff.shown_unclassified_differences(), Vec::<&str>::new());
    assert_bump(&diff, SemverBump::Major);
}

/// The first parameter of an operation that had none adds the request argument to its method.
#[test]
fn first_parameter_added() {
    let diff = check("first_parameter_added");
    assert_eq!(
        classified(&diff),
        [expect(
            "query parameter `limit`",
            ChangeKind::ParameterAdded { presence: OPTIONAL },
            Impact::Breaking
        )]
    );
    assert_bump(&diff, SemverBump::Major);
}

/// An alternative added to a `oneOf` is a new variant of an exhaustive enum, wherever the enum
/// is used.
#[test]
fn one_of_variant_added() {
    let diff = check("one_of_variant_added");
    let added = ChangeKind::UnionVariantAdded {
        variant: "Lizard".to_owned(),
    };
    for location in ["request body", "response 201"] {
        assert!(
            classified(&diff).contains(&(location.to_owned(), added.clone(), Impact::Breaking)),
            "{diff}"
        );
    }
    assert_bump(&diff, SemverBump::Major);
}

/// A body on a status that had none: the unit variant becomes a tuple variant.
#[test]
fn response_body_added() {
    let diff = check("response_body_added");
    assert!(
        classified(&diff).contains(&(
            "response 404".to_owned(),
            ChangeKind::ResponseBodyAdded,
            Impact::Breaking
        )),
        "{diff}"
    );
    assert_bump(&diff, SemverBump::Major);
}

/// A part added to a multi-part `allOf` adds its fields to the one struct the generator makes.
#[test]
fn all_of_part_added() {
    let diff = check("all_of_part_added");
    assert_eq!(
        classified(&diff),
        [expect(
            "response 200 `owner`",
            ChangeKind::FieldAdded { presence: OPTIONAL },
            Impact::Compatible
        )]
    );
    assert_bump(&diff, SemverBump::Minor);
}

/// One operation of a diff: its operationId, status and classified changes.
type OperationSummary = (String, OperationStatus, Vec<(String, ChangeKind, Impact)>);

/// The operations of the diff, for the cases whose operations share a method and path (the
/// variants of `x-operation-variants`).
fn operations_of(diff: &SpecDiff) -> Vec<OperationSummary> {
    diff.operations
        .iter()
        .map(|operation| {
            (
                operation.operation_id.clone().unwrap_or_default(),
                operation.status,
                operation
                    .changes
                    .iter()
                    .map(|change| {
                        (
                            change.location.to_string(),
                            change.kind.clone(),
                            change.impact,
                        )
                    })
                    .collect(),
            )
        })
        .collect()
}

/// A variant (its own page, method, request and response types) added beside the others of its
/// method and path is a new operation; the others are unchanged.
#[test]
fn variant_added() {
    let diff = check("variant_added");
    assert_eq!(
        operations_of(&diff),
        [(
            "StopServer".to_owned(),
            OperationStatus::Added,
            vec![expect(
                "operation",
                ChangeKind::OperationAdded,
                Impact::Compatible
            )]
        )]
    );
    assert_bump(&diff, SemverBump::Minor);
}

#[test]
fn variant_removed() {
    let diff = check("variant_removed");
    assert_eq!(
        operations_of(&diff),
        [(
            "StopServer".to_owned(),
            OperationStatus::Removed,
            vec![expect(
                "operation",
                ChangeKind::OperationRemoved,
                Impact::Breaking
            )]
        )]
    );
    assert_bump(&diff, SemverBump::Major);
}

/// A variant keeps its identity (its source page) when its operationId changes: a rename, not
/// a removal and an addition.
#[test]
fn variant_renamed() {
    let diff = check("variant_renamed");
    assert_eq!(
        operations_of(&diff),
        [(
            "PowerOnServer".to_owned(),
            OperationStatus::Changed,
            vec![expect(
                "operation",
                ChangeKind::MethodRenamed {
                    old: "start_server".to_owned(),
                    new: "power_on_server".to_owned()
                },
                Impact::Breaking
            )]
        )]
    );
    assert_bump(&diff, SemverBump::Major);
}

/// An operation that combined two pages (one method, its body an `anyOf` of both) split into
/// its variants: the first page's operation is compared with its own variant (the same method,
/// now with its own page's body type), and the other page's is a new operation.
#[test]
fn operation_split_into_variants() {
    let diff = check("operation_split_into_variants");
    assert_eq!(
        operations_of(&diff),
        [
            (
                "RebootServer".to_owned(),
                OperationStatus::Changed,
                vec![
                    expect(
                        "operation",
                        ChangeKind::VariantChanged {
                            old: None,
                            new: Some("the `reboot` member of its body".to_owned())
                        },
                        Impact::Patch
                    ),
                    expect(
                        "request body",
                        ChangeKind::TypeChanged {
                            old: "enum RebootServerRequestBody".to_owned(),
                            new: "struct RebootBody".to_owned()
                        },
                        Impact::Breaking
                    ),
                ]
            ),
            (
                "StartServer".to_owned(),
                OperationStatus::Added,
                vec![expect(
                    "operation",
                    ChangeKind::OperationAdded,
                    Impact::Compatible
                )]
            ),
        ]
    );
    assert_bump(&diff, SemverBump::Major);
}

/// Two variants of one method and path from the same page (a page whose two request lines
/// became one path) are each compared, known by page and operationId: a change of the first is
/// reported though the second has the same page.
#[test]
fn variants_of_one_page_are_each_compared() {
    let spec = |first_statuses: serde_json::Value| -> openapiv3::OpenAPI {
        let variant = |operation_id: &str, responses: serde_json::Value| {
            serde_json::json!({"told-apart-by": {"in": "not-recorded"}, "operation": {
                "operationId": operation_id, "x-source-page": "same.rst", "responses": responses}})
        };
        serde_json::from_value(serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "Widgets", "version": "v1"},
            "paths": {"/widgets": {"get": {
                "operationId": "ListWidgets",
                "x-source-page": "same.rst",
                "responses": {"200": {"description": "OK."}},
                "x-operation-variants": [
                    variant("ListWidgets", first_statuses),
                    variant("ListWidgetsAgain", serde_json::json!({"200": {"description": "OK."}})),
                ],
            }}},
        }))
        .expect("a spec")
    };
    let old = spec(serde_json::json!({"200": {"description": "OK."}}));
    let new =
        spec(serde_json::json!({"200": {"description": "OK."}, "404": {"description": "None."}}));
    let diff = diff_specs(&old, &new);
    let operations: Vec<(Option<&str>, OperationStatus)> = diff
        .operations
        .iter()
        .map(|operation| (operation.operation_id.as_deref(), operation.status))
        .collect();
    assert_eq!(
        operations,
        [(Some("ListWidgets"), OperationStatus::Changed)]
    );
}
