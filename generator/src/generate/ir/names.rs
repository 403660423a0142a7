//! The Rust names the intermediate form decides from spec text: type and field names (valid
//! identifiers, never keywords), the method and type names of operations (unique across the
//! module), the variants of string enums, unions and status ranges, and error code constants.

use std::collections::HashSet;

use super::model::{EnumValue, RustType};
use crate::naming::{pascal_case, snake_case};

/// Type names the generated code uses unqualified (serde's `skip_serializing_if =
/// "Option::is_none"`) or that cannot be type names.
pub(super) const RESERVED_TYPE_NAMES: [&str; 6] =
    ["Option", "Result", "String", "Vec", "Box", "Self"];

/// The Rust names of one operation, unique across the module.
pub(super) struct OperationNaming {
    pub(super) operation_id: String,
    pub(super) method_name: String,
    pub(super) type_prefix: String,
}

impl OperationNaming {
    pub(super) fn new(
        operation_id: Option<&str>,
        method: &str,
        path: &str,
        taken_method_names: &mut HashSet<String>,
        taken_type_prefixes: &mut HashSet<String>,
    ) -> OperationNaming {
        // Without an operationId the name comes from method and path, which are unique
        // together, so the name is stable as long as the operation exists.
        let (operation_id, base) = match operation_id {
            Some(operation_id) if !snake_case(operation_id).is_empty() => {
                (operation_id.to_owned(), operation_id.to_owned())
            }
            _ => (
                format!("{} {path}", method.to_ascii_uppercase()),
                format!("{method} {path}"),
            ),
        };
        let base_method = field_name(&base);
        let base_type = type_name(&base);
        let mut method_name = base_method.clone();
        let mut type_prefix = base_type.clone();
        let mut counter = 2;
        while taken_method_names.contains(&method_name)
            || taken_type_prefixes.contains(&type_prefix)
        {
            method_name = format!("{base_method}_{counter}");
            type_prefix = format!("{base_type}{counter}");
            counter += 1;
        }
        taken_method_names.insert(method_name.clone());
        taken_type_prefixes.insert(type_prefix.clone());
        OperationNaming {
            operation_id,
            method_name,
            type_prefix,
        }
    }
}

/// The constant name of an error code: `DCS.4001` → `DCS_4001`, a leading digit prefixed with
/// `CODE_`. Not heck's shouty snake case: an error code is an identifier, not words, and heck
/// would split inside it (`dcsError.1` → `DCS_ERROR_1`, `APIGW.0101` kept but `ModelArts.4101`
/// → `MODEL_ARTS_4101`), so the constant would no longer read as the code the docs print.
pub(super) fn error_code_constant_name(error_code: &str) -> String {
    let mut name: String = error_code
        .chars()
        .map(|character| {
            if character.is_ascii_alphanumeric() {
                character.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if !name.starts_with(|character: char| character.is_ascii_alphabetic()) {
        name = format!("CODE_{name}");
    }
    name
}

/// A variant name for an alternative of a union, after its type.
pub(super) fn variant_name_of(rust_type: &RustType) -> String {
    match rust_type {
        RustType::Named(name) => name.clone(),
        RustType::String => "String".to_owned(),
        RustType::I32 | RustType::I64 => "Integer".to_owned(),
        RustType::F32 | RustType::F64 => "Number".to_owned(),
        RustType::Bool => "Boolean".to_owned(),
        RustType::Vec(_) => "Array".to_owned(),
        RustType::Map(_) | RustType::JsonObject => "Object".to_owned(),
        RustType::Bytes => "Bytes".to_owned(),
        RustType::Boxed(inner) => variant_name_of(inner),
        RustType::JsonValue => "Value".to_owned(),
    }
}

/// The variant names of a string enum's values: PascalCase, unique, never `Unknown` (the
/// variant for values the spec does not list).
pub(super) fn enum_values(values: &[String]) -> Vec<EnumValue> {
    let mut result: Vec<EnumValue> = Vec::new();
    for value in values {
        if result.iter().any(|existing| existing.wire == *value) {
            continue;
        }
        let mut base = pascal_case(value);
        if base.is_empty() {
            base = "Empty".to_owned();
        }
        if base.starts_with(|character: char| character.is_ascii_digit()) {
            base = format!("V{base}");
        }
        if base == "Unknown" || base == "Self" {
            base.push_str("Value");
        }
        let mut rust_name = base.clone();
        let mut counter = 2;
        while result
            .iter()
            .any(|existing| existing.rust_name == rust_name)
        {
            rust_name = format!("{base}{counter}");
            counter += 1;
        }
        result.push(EnumValue {
            wire: value.clone(),
            rust_name,
        });
    }
    result
}

/// The variant name of a status range (`4XX` → `ClientError`).
pub(super) fn range_name(first_digit: u16) -> String {
    match first_digit {
        1 => "Informational".to_owned(),
        2 => "Success".to_owned(),
        3 => "Redirection".to_owned(),
        4 => "ClientError".to_owned(),
        5 => "ServerError".to_owned(),
        other => format!("Status{other}xx"),
    }
}

/// A type name as Rust wants it: schema names are kept when already PascalCase
/// (`LoadBalancer`), others are converted.
pub fn pascal_case_type_name(name: &str) -> String {
    let looks_pascal = name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric());
    if looks_pascal {
        name.to_owned()
    } else {
        pascal_case(name)
    }
}

/// A field or parameter name as a Rust identifier: snake case, never a keyword.
pub fn field_name(wire_name: &str) -> String {
    let mut name = snake_case(wire_name);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("field_{name}");
    }
    if syn::parse_str::<syn::Ident>(&name).is_err() {
        name.push('_');
    }
    name
}

/// A type name from any text (a schema name, an inline hint, an operationId): PascalCase, a
/// valid identifier, never a keyword.
pub fn type_name(hint: &str) -> String {
    let mut name = pascal_case_type_name(hint);
    if name.is_empty() {
        name = "Type".to_owned();
    }
    if name.starts_with(|character: char| character.is_ascii_digit()) {
        name = format!("Type{name}");
    }
    if syn::parse_str::<syn::Ident>(&name).is_err() {
        name.push_str("Type");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_are_pascal_case_identifiers_that_no_keyword_or_digit_breaks() {
        for (hint, expected) in [
            ("LoadBalancer", "LoadBalancer"),
            ("load_balancer", "LoadBalancer"),
            ("list-load-balancers", "ListLoadBalancers"),
            // Already PascalCase: kept as the schema spells it.
            ("HTTPServerID", "HTTPServerID"),
            ("http_server-id", "HttpServerId"),
            ("", "Type"),
            ("???", "Type"),
            ("2fa_code", "Type2faCode"),
            ("Self", "SelfType"),
            ("self", "SelfType"),
        ] {
            assert_eq!(type_name(hint), expected, "{hint:?}");
        }
    }

    #[test]
    fn field_names_are_snake_case_identifiers_that_no_keyword_or_digit_breaks() {
        for (wire_name, expected) in [
            ("instanceId", "instance_id"),
            ("X-Auth-Token", "x_auth_token"),
            ("type", "type_"),
            ("self", "self_"),
            ("async", "async_"),
            ("", "field_"),
            ("2fa", "field_2fa"),
        ] {
            assert_eq!(field_name(wire_name), expected, "{wire_name:?}");
        }
    }

    #[test]
    fn operations_without_an_operation_id_or_with_a_taken_name_get_unique_names() {
        let mut taken_method_names: HashSet<String> = ["new".to_owned()].into();
        let mut taken_type_prefixes = HashSet::new();
        let mut naming = |operation_id: Option<&str>, method: &str, path: &str| {
            let naming = OperationNaming::new(
                operation_id,
                method,
                path,
                &mut taken_method_names,
                &mut taken_type_prefixes,
            );
            (naming.operation_id, naming.method_name, naming.type_prefix)
        };
        let owned = |id: &str, method: &str, prefix: &str| {
            (id.to_owned(), method.to_owned(), prefix.to_owned())
        };
        assert_eq!(
            naming(Some("ListPets"), "get", "/pets"),
            owned("ListPets", "list_pets", "ListPets")
        );
        assert_eq!(
            naming(Some("list_pets"), "get", "/v2/pets"),
            owned("list_pets", "list_pets_2", "ListPets2")
        );
        assert_eq!(
            naming(Some("New"), "post", "/pets"),
            owned("New", "new_2", "New2")
        );
        // An operationId with no letters or digits is no name: method and path are.
        assert_eq!(
            naming(Some("--"), "delete", "/pets/{pet_id}"),
            owned(
                "DELETE /pets/{pet_id}",
                "delete_pets_pet_id",
                "DeletePetsPetId"
            )
        );
    }

    #[test]
    fn string_enum_variants_are_unique_and_never_unknown() {
        let values: Vec<String> = ["placed", "PLACED", "placed", "", "1", "unknown", "self"]
            .iter()
            .map(|value| (*value).to_owned())
            .collect();
        assert_eq!(
            enum_values(&values),
            [
                ("placed", "Placed"),
                ("PLACED", "Placed2"),
                ("", "Empty"),
                ("1", "V1"),
                ("unknown", "UnknownValue"),
                ("self", "SelfValue"),
            ]
            .map(|(wire, rust_name)| EnumValue {
                wire: wire.to_owned(),
                rust_name: rust_name.to_owned(),
            })
        );
    }

    #[test]
    fn union_variants_are_named_after_their_types() {
        for (rust_type, expected) in [
            (RustType::Named("Cat".to_owned()), "Cat"),
            (
                RustType::Boxed(Box::new(RustType::Named("Tree".to_owned()))),
                "Tree",
            ),
            (RustType::I32, "Integer"),
            (RustType::F64, "Number"),
            (RustType::Vec(Box::new(RustType::String)), "Array"),
            (RustType::JsonObject, "Object"),
            (RustType::JsonValue, "Value"),
        ] {
            assert_eq!(variant_name_of(&rust_type), expected, "{rust_type:?}");
        }
    }

    #[test]
    fn status_ranges_and_error_codes_get_their_names() {
        assert_eq!(range_name(4), "ClientError");
        assert_eq!(range_name(5), "ServerError");
        assert_eq!(range_name(7), "Status7xx");
        assert_eq!(error_code_constant_name("DCS.4001"), "DCS_4001");
        assert_eq!(error_code_constant_name("apig-0001"), "APIG_0001");
        assert_eq!(error_code_constant_name("4001"), "CODE_4001");
        assert_eq!(error_code_constant_name(""), "CODE_");
    }
}
