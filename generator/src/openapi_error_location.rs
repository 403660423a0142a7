//! Where in a document openapiv3 refuses the problem is: the JSON pointer of the innermost node
//! that does not read as its OpenAPI type, and what is wrong with it.
//!
//! serde reports the error of a document as the outermost untagged enum that failed to match
//! ("data did not match any variant of untagged enum ReferenceOr" at the path item, for YAML),
//! because openapiv3's `ReferenceOr` and schema kinds buffer their input before trying each
//! variant, which loses the inner error and its position. So, after a failed read, the document
//! is walked as a JSON value along the OpenAPI structure (path items, operations, parameters,
//! bodies, responses, media types, schemas, components), each node read on its own as its type;
//! the innermost node that fails, while everything inside it reads, is the one to name, with
//! the error of reading it without the `ReferenceOr` around it.

use openapiv3::{
    Components, Header, MediaType, Operation, Parameter, PathItem, RequestBody, Response, Schema,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::openapi_refs::escape_pointer;

/// The innermost node that does not read as its OpenAPI type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorLocation {
    /// `#/paths/~1a/get/parameters/1`.
    pub pointer: String,
    pub message: String,
}

/// Deeper nesting than this is not walked (the error is then named at that depth), so no
/// input exhausts the stack.
const MAX_DEPTH: usize = 64;

/// The innermost node of `document` that fails to read, or `None` when every node the walk
/// knows reads (the problem is elsewhere, for example in `info`).
pub fn locate_error(document: &Value) -> Option<ErrorLocation> {
    let object = document.as_object()?;
    if let Some(Value::Object(paths)) = object.get("paths") {
        for (path, item) in paths {
            if path.starts_with("x-") {
                continue;
            }
            let pointer = format!("#/paths/{}", escape_pointer(path));
            if let Some(found) = locate_node(Kind::PathItem, item, &pointer, 0) {
                return Some(found);
            }
        }
    }
    if let Some(components) = object.get("components") {
        let pointer = "#/components";
        for (field, kind) in [
            ("schemas", Kind::Schema),
            ("responses", Kind::Response),
            ("parameters", Kind::Parameter),
            ("requestBodies", Kind::RequestBody),
            ("headers", Kind::Header),
        ] {
            if let Some(Value::Object(members)) = components.get(field) {
                for (name, member) in members {
                    let member_pointer = format!("{pointer}/{field}/{}", escape_pointer(name));
                    if let Some(found) = locate_node(kind, member, &member_pointer, 0) {
                        return Some(found);
                    }
                }
            }
        }
        if let Some(error) = read_error_as::<Components>(components) {
            return Some(ErrorLocation {
                pointer: pointer.to_owned(),
                message: error,
            });
        }
    }
    None
}

/// The OpenAPI types the walk knows, each with the nodes inside it.
#[derive(Debug, Clone, Copy)]
enum Kind {
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Response,
    Header,
    MediaType,
    Schema,
}

/// The error of reading a JSON value as `T`, as text. Read from the borrowed value: every node
/// on the walk is read on its own, and cloning each would copy its whole subtree again.
fn read_error_as<T: DeserializeOwned>(value: &Value) -> Option<String> {
    T::deserialize(value).err().map(|error| error.to_string())
}

impl Kind {
    /// Whether the node may be a `$ref` instead (a path item's reference is refused elsewhere).
    fn may_be_reference(self) -> bool {
        !matches!(self, Kind::PathItem | Kind::Operation | Kind::MediaType)
    }

    /// The error of reading `value` as this type, if any.
    fn read_error(self, value: &Value) -> Option<String> {
        match self {
            Kind::PathItem => read_error_as::<PathItem>(value),
            Kind::Operation => read_error_as::<Operation>(value),
            Kind::Parameter => read_error_as::<Parameter>(value),
            Kind::RequestBody => read_error_as::<RequestBody>(value),
            Kind::Response => read_error_as::<Response>(value),
            Kind::Header => read_error_as::<Header>(value),
            Kind::MediaType => read_error_as::<MediaType>(value),
            Kind::Schema => read_error_as::<Schema>(value),
        }
    }

    /// The nodes inside one of this type: (pointer suffix, kind, value).
    fn children<'a>(self, value: &'a Value) -> Vec<(String, Kind, &'a Value)> {
        let Some(object) = value.as_object() else {
            return Vec::new();
        };
        let mut children = Vec::new();
        // Members of a map of named nodes; `x-` keys are extensions, except among properties,
        // where they are property names.
        let each_member =
            |field: &str, kind: Kind, children: &mut Vec<(String, Kind, &'a Value)>| {
                if let Some(Value::Object(members)) = object.get(field) {
                    for (name, member) in members {
                        if field != "properties" && name.starts_with("x-") {
                            continue;
                        }
                        children.push((format!("/{field}/{}", escape_pointer(name)), kind, member));
                    }
                }
            };
        let each_item = |field: &str, kind: Kind| {
            object
                .get(field)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
                .map(|(index, item)| (format!("/{field}/{index}"), kind, item))
                .collect::<Vec<_>>()
        };
        let single = |field: &str, kind: Kind| {
            object
                .get(field)
                .filter(|child| child.is_object())
                .map(|child| (format!("/{field}"), kind, child))
        };
        match self {
            Kind::PathItem => {
                for method in [
                    "get", "put", "post", "delete", "options", "head", "patch", "trace",
                ] {
                    children.extend(single(method, Kind::Operation));
                }
                children.extend(each_item("parameters", Kind::Parameter));
            }
            Kind::Operation => {
                children.extend(each_item("parameters", Kind::Parameter));
                children.extend(single("requestBody", Kind::RequestBody));
                each_member("responses", Kind::Response, &mut children);
            }
            Kind::Parameter | Kind::Header => {
                children.extend(single("schema", Kind::Schema));
                each_member("content", Kind::MediaType, &mut children);
            }
            Kind::RequestBody => each_member("content", Kind::MediaType, &mut children),
            Kind::Response => {
                each_member("content", Kind::MediaType, &mut children);
                each_member("headers", Kind::Header, &mut children);
            }
            Kind::MediaType => children.extend(single("schema", Kind::Schema)),
            Kind::Schema => {
                each_member("properties", Kind::Schema, &mut children);
                children.extend(single("items", Kind::Schema));
                children.extend(single("additionalProperties", Kind::Schema));
                children.extend(single("not", Kind::Schema));
                for composition in ["allOf", "oneOf", "anyOf"] {
                    children.extend(each_item(composition, Kind::Schema));
                }
            }
        }
        children
    }
}

fn locate_node(kind: Kind, value: &Value, pointer: &str, depth: usize) -> Option<ErrorLocation> {
    let is_reference = kind.may_be_reference()
        && value
            .as_object()
            .is_some_and(|object| object.contains_key("$ref"));
    if is_reference {
        // A `$ref` object reads as a reference whatever else it holds.
        return None;
    }
    let error = kind.read_error(value)?;
    if depth < MAX_DEPTH {
        for (suffix, child_kind, child) in kind.children(value) {
            if let Some(found) =
                locate_node(child_kind, child, &format!("{pointer}{suffix}"), depth + 1)
            {
                return Some(found);
            }
        }
    }
    Some(ErrorLocation {
        pointer: pointer.to_owned(),
        message: error,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(paths: Value) -> Value {
        serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "T", "version": "v1"},
            "paths": paths,
        })
    }

    #[test]
    fn a_bad_parameter_location_is_named_at_the_parameter() {
        let value = document(serde_json::json!({
            "/a": {"get": {
                "parameters": [
                    {"name": "x", "in": "query", "schema": {"type": "string"}},
                    {"name": "y", "in": "quer", "schema": {"type": "string"}},
                ],
                "responses": {"200": {"description": "OK"}},
            }},
        }));
        let found = locate_error(&value).expect("the bad parameter");
        assert_eq!(found.pointer, "#/paths/~1a/get/parameters/1");
        assert!(
            found.message.contains("unknown variant `quer`"),
            "{}",
            found.message
        );
    }

    #[test]
    fn a_bad_schema_deep_in_a_response_is_named_at_the_schema() {
        let value = document(serde_json::json!({
            "/a": {"get": {"responses": {"200": {
                "description": "OK",
                "content": {"application/json": {"schema": {
                    "type": "object",
                    "properties": {"count": {"type": "integer", "minimum": "zero"}},
                }}},
            }}}},
        }));
        let found = locate_error(&value).expect("the bad schema");
        assert_eq!(
            found.pointer,
            "#/paths/~1a/get/responses/200/content/application~1json/schema/properties/count"
        );
    }

    #[test]
    fn a_response_without_description_is_named_at_the_response() {
        let value = document(serde_json::json!({
            "/a": {"get": {"responses": {"200": {}}}},
        }));
        let found = locate_error(&value).expect("the response");
        assert_eq!(found.pointer, "#/paths/~1a/get/responses/200");
        assert!(found.message.contains("description"), "{}", found.message);
    }

    #[test]
    fn a_valid_document_has_no_error_location() {
        let value = document(serde_json::json!({
            "/a": {"get": {"responses": {"200": {"description": "OK"}}}},
        }));
        assert_eq!(locate_error(&value), None);
    }
}
