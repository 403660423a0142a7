//! An OpenAPI document from its text (YAML or JSON): the one reader of every spec written
//! elsewhere (`cargo xtask generate`, `cargo xtask spec-diff`, the fuzz targets), which refuses
//! what would otherwise be lost or misread without a word.
//!
//! Two things no serde reader of `openapiv3` does on its own:
//!
//! - **Duplicate keys are errors.** A path written twice (`/a` with a `get`, then `/a` with a
//!   `post`) would silently become the second one, and a schema with a duplicate key panics
//!   openapiv3 2.x ("somehow this parsed successfully the second time": its fallback re-parses
//!   the schema from a JSON value, where the second entry replaced the first). YAML is read
//!   into serde_yaml's `Value` first, which rejects duplicates; JSON goes through
//!   a streaming check of every object (`NoDuplicateKeys`).
//! - **The version is checked first**, so a Swagger 2.0 or OpenAPI 3.1 document is answered
//!   with what it is, not with the first field openapiv3 fails on ("unknown variant `body`").
//!
//! JSON is parsed on two threads (`paths` beside `components` and the rest, each checked for
//! duplicate keys first): on a huge spec (GitHub's is 13 MB) parsing is a fifth of `cargo xtask generate`.
//! Errors name the line and column in the whole file.

use std::collections::HashSet;
use std::fmt;

use indexmap::IndexMap;
use openapiv3::OpenAPI;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::openapi_error_location::locate_error;

/// Why a text is not an OpenAPI 3.0 document this project reads.
#[derive(Debug, thiserror::Error)]
pub enum OpenApiTextError {
    #[error("this is a Swagger {version} document; only OpenAPI 3.0.x is supported (convert it to OpenAPI 3.0 first, for example with swagger2openapi)")]
    Swagger { version: String },
    #[error("this is an OpenAPI {version} document; only OpenAPI 3.0.x is supported")]
    UnsupportedVersion { version: String },
    #[error("the document has no `openapi` field naming its version (OpenAPI 3.0.x is supported)")]
    NoVersion,
    #[error(transparent)]
    Yaml(#[from] serde_yaml::Error),
    /// A node that does not read as its OpenAPI type, found after the reader failed (whose
    /// own error names only the outermost node around it).
    #[error("{pointer}: {message} (the reader stopped at {position})")]
    InvalidNode {
        pointer: String,
        message: String,
        /// `line 4 column 3`, where the reader gave up.
        position: String,
    },
    /// A JSON error, its position counted in the whole file.
    #[error("{message} at line {line} column {column}")]
    Json {
        message: String,
        line: usize,
        column: usize,
    },
}

/// Parses an OpenAPI 3.0 document, JSON when the text starts with `{` (faster), YAML
/// otherwise.
pub fn parse_openapi_text(text: &str) -> Result<OpenAPI, OpenApiTextError> {
    if text.trim_start().starts_with('{') {
        parse_json(text)
    } else {
        parse_yaml(text)
    }
}

fn parse_yaml(text: &str) -> Result<OpenAPI, OpenApiTextError> {
    let value: serde_yaml::Value = serde_yaml::from_str(text)?;
    let version_text = |key: &str| {
        value.get(key).map(|version| match version {
            serde_yaml::Value::String(text) => text.clone(),
            other => serde_yaml::to_string(other)
                .unwrap_or_default()
                .trim()
                .to_owned(),
        })
    };
    check_version(version_text("openapi"), version_text("swagger"))?;
    // Parsed again from the text, not from `value`: errors then name a line.
    let error = match serde_yaml::from_str(text) {
        Ok(document) => return Ok(document),
        Err(error) => error,
    };
    let mut value = value;
    let keys_changed = string_keys(&mut value);
    let Ok(mut generic) = serde_json::to_value(&value) else {
        return Err(error.into());
    };
    let forms_changed = rewrite_valid_forms(&mut generic);
    if keys_changed || forms_changed {
        if let Ok(document) = serde_json::from_value(generic.clone()) {
            return Ok(document);
        }
    }
    match locate_error(&generic) {
        Some(location) => Err(OpenApiTextError::InvalidNode {
            pointer: location.pointer,
            message: location.message,
            position: error
                .location()
                .map(|location| format!("line {} column {}", location.line(), location.column()))
                .unwrap_or_else(|| "an unknown position".to_owned()),
        }),
        None => Err(error.into()),
    }
}

/// YAML reads an unquoted `true:`, `null:` or `123:` as a boolean, null or number key, yet
/// every key of an OpenAPI document is a string (a property named `true`): each such key as
/// the string it was written as. Whether any key changed.
fn string_keys(value: &mut serde_yaml::Value) -> bool {
    match value {
        serde_yaml::Value::Mapping(mapping) => {
            let mut changed = false;
            let entries = std::mem::take(mapping);
            for (key, mut entry) in entries {
                changed |= string_keys(&mut entry);
                let key = match key {
                    serde_yaml::Value::Bool(flag) => {
                        changed = true;
                        serde_yaml::Value::String(flag.to_string())
                    }
                    serde_yaml::Value::Number(number) => {
                        changed = true;
                        serde_yaml::Value::String(number.to_string())
                    }
                    serde_yaml::Value::Null => {
                        changed = true;
                        serde_yaml::Value::String("null".to_owned())
                    }
                    other => other,
                };
                mapping.insert(key, entry);
            }
            changed
        }
        serde_yaml::Value::Sequence(items) => items
            .iter_mut()
            .fold(false, |changed, item| string_keys(item) | changed),
        serde_yaml::Value::Tagged(tagged) => string_keys(&mut tagged.value),
        _ => false,
    }
}

/// Valid OpenAPI that openapiv3's types cannot hold as written, rewritten into the equivalent
/// form they can: numbers as server variable values, callbacks given as `$ref`s. Run only when
/// the document does not parse as written. Whether anything changed.
fn rewrite_valid_forms(document: &mut serde_json::Value) -> bool {
    string_server_variables(document) | inline_callback_references(document)
}

/// openapiv3 has no `$ref` for a callback (`callbacks: {onEvent: {$ref:
/// '#/components/callbacks/Event'}}`), though OpenAPI allows one: each is replaced by the
/// component it names. The generator then reports the callback as not supported, as it does
/// for one written inline. Whether any was replaced.
fn inline_callback_references(document: &mut serde_json::Value) -> bool {
    let components = document
        .pointer("/components/callbacks")
        .and_then(serde_json::Value::as_object)
        .cloned()
        .unwrap_or_default();
    let Some(paths) = document
        .get_mut("paths")
        .and_then(serde_json::Value::as_object_mut)
    else {
        return false;
    };
    let mut changed = false;
    for path_item in paths.values_mut() {
        let Some(path_item) = path_item.as_object_mut() else {
            continue;
        };
        for operation in path_item.values_mut() {
            let Some(callbacks) = operation
                .get_mut("callbacks")
                .and_then(serde_json::Value::as_object_mut)
            else {
                continue;
            };
            for callback in callbacks.values_mut() {
                let target = callback
                    .get("$ref")
                    .and_then(serde_json::Value::as_str)
                    .and_then(|reference| reference.strip_prefix("#/components/callbacks/"))
                    .and_then(|name| components.get(name));
                if let Some(target) = target {
                    *callback = target.clone();
                    changed = true;
                }
            }
        }
    }
    changed
}

/// A server variable's `default` and `enum` are strings, but `port: {default: 8080}` is
/// common and valid YAML and JSON: openapiv3 accepts the number in some places of a YAML
/// document only. Each such number or boolean as its text, in the document's, every path
/// item's and every operation's `servers`. Whether any changed.
fn string_server_variables(document: &mut serde_json::Value) -> bool {
    let mut changed = string_variables_of_servers(document.get_mut("servers"));
    let Some(paths) = document
        .get_mut("paths")
        .and_then(serde_json::Value::as_object_mut)
    else {
        return changed;
    };
    for path_item in paths.values_mut() {
        changed |= string_variables_of_servers(path_item.get_mut("servers"));
        if let Some(path_item) = path_item.as_object_mut() {
            for operation in path_item.values_mut() {
                changed |= string_variables_of_servers(operation.get_mut("servers"));
            }
        }
    }
    changed
}

fn string_variables_of_servers(servers: Option<&mut serde_json::Value>) -> bool {
    let Some(servers) = servers.and_then(serde_json::Value::as_array_mut) else {
        return false;
    };
    let scalar_text = |value: &mut serde_json::Value| match value {
        serde_json::Value::Number(_) | serde_json::Value::Bool(_) => {
            *value = serde_json::Value::String(value.to_string());
            true
        }
        _ => false,
    };
    let mut changed = false;
    for server in servers {
        let Some(variables) = server
            .get_mut("variables")
            .and_then(serde_json::Value::as_object_mut)
        else {
            continue;
        };
        for variable in variables.values_mut() {
            if let Some(default) = variable.get_mut("default") {
                changed |= scalar_text(default);
            }
            if let Some(values) = variable
                .get_mut("enum")
                .and_then(serde_json::Value::as_array_mut)
            {
                for value in values {
                    changed |= scalar_text(value);
                }
            }
        }
    }
    changed
}

fn parse_json(text: &str) -> Result<OpenAPI, OpenApiTextError> {
    let UniqueMembers(members) = serde_json::from_str(text).map_err(json_error)?;
    let version_text = |key: &str| {
        members.get(key).map(|raw| {
            serde_json::from_str::<String>(raw.get()).unwrap_or_else(|_| raw.get().to_owned())
        })
    };
    check_version(version_text("openapi"), version_text("swagger"))?;
    let raw_paths = members.get("paths").map(|raw| raw.get());
    let raw_components = members.get("components").map(|raw| raw.get());
    // The rest of the document, with empty paths (the real ones are parsed beside it).
    let mut rest = String::from("{");
    for (key, raw) in &members {
        if key == "paths" || key == "components" {
            continue;
        }
        if rest.len() > 1 {
            rest.push(',');
        }
        rest.push_str(&serde_json::to_string(key).map_err(json_error)?);
        rest.push(':');
        rest.push_str(raw.get());
    }
    rest.push_str(if rest.len() > 1 {
        ",\"paths\":{}}"
    } else {
        "\"paths\":{}}"
    });
    // Each part is checked for duplicate keys before openapiv3 reads it (it panics on some).
    let (duplicates_and_paths, components, document) = std::thread::scope(|scope| {
        let duplicates_and_paths = scope.spawn(|| {
            raw_paths
                .map(|raw| {
                    serde_json::from_str::<NoDuplicateKeys>(raw)?;
                    serde_json::from_str::<openapiv3::Paths>(raw)
                })
                .transpose()
        });
        let components = raw_components
            .map(|raw| {
                serde_json::from_str::<NoDuplicateKeys>(raw)?;
                serde_json::from_str::<openapiv3::Components>(raw)
            })
            .transpose();
        let document = serde_json::from_str::<NoDuplicateKeys>(&rest)
            .and_then(|_| serde_json::from_str::<OpenAPI>(&rest));
        // A panic of openapiv3 on the other thread is a panic here too, as it would be
        // without the thread.
        let duplicates_and_paths = duplicates_and_paths
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (duplicates_and_paths, components, document)
    });
    let parts = duplicates_and_paths.and_then(|paths| Ok((paths, components?, document?)));
    let (paths, components, mut document) = match parts {
        Ok(parts) => parts,
        // A part's error counts lines from the start of that part: the whole file is read
        // again in one piece (only on this path, so the fast path stays fast), for a
        // duplicate key first, then for numbers as server variable values (read again as
        // strings), else for the same error at its line in the file.
        Err(part_error) => {
            serde_json::from_str::<NoDuplicateKeys>(text).map_err(json_error)?;
            let whole_file_error = serde_json::from_str::<OpenAPI>(text)
                .err()
                .unwrap_or(part_error);
            if !whole_file_error.is_syntax() {
                let mut generic: serde_json::Value =
                    serde_json::from_str(text).map_err(json_error)?;
                if rewrite_valid_forms(&mut generic) {
                    if let Ok(document) = serde_json::from_value(generic.clone()) {
                        return Ok(document);
                    }
                }
                if let Some(location) = locate_error(&generic) {
                    return Err(OpenApiTextError::InvalidNode {
                        pointer: location.pointer,
                        message: location.message,
                        position: format!(
                            "line {} column {}",
                            whole_file_error.line(),
                            whole_file_error.column()
                        ),
                    });
                }
            }
            return Err(json_error(whole_file_error));
        }
    };
    document.paths = paths.ok_or_else(|| OpenApiTextError::Json {
        message: "missing field `paths`".to_owned(),
        line: 1,
        column: 1,
    })?;
    document.components = components;
    Ok(document)
}

/// Refuses every version but 3.0.x, saying which one the document is.
fn check_version(openapi: Option<String>, swagger: Option<String>) -> Result<(), OpenApiTextError> {
    match (openapi, swagger) {
        (Some(version), _) if version.starts_with("3.0") => Ok(()),
        (Some(version), _) => Err(OpenApiTextError::UnsupportedVersion { version }),
        (None, Some(version)) => Err(OpenApiTextError::Swagger { version }),
        (None, None) => Err(OpenApiTextError::NoVersion),
    }
}

/// A JSON error, its message apart from its position.
fn json_error(error: serde_json::Error) -> OpenApiTextError {
    let position_suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = error.to_string();
    let message = message
        .strip_suffix(&position_suffix)
        .unwrap_or(&message)
        .to_owned();
    OpenApiTextError::Json {
        message,
        line: error.line(),
        column: error.column(),
    }
}

/// The members of the document's top-level object, each value left unparsed; a key named twice
/// is an error at its position.
struct UniqueMembers<'text>(IndexMap<String, &'text RawValue>);

impl<'de: 'text, 'text> Deserialize<'de> for UniqueMembers<'text> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(UniqueMembersVisitor(std::marker::PhantomData))
    }
}

struct UniqueMembersVisitor<'text>(std::marker::PhantomData<&'text ()>);

impl<'de: 'text, 'text> Visitor<'de> for UniqueMembersVisitor<'text> {
    type Value = UniqueMembers<'text>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an OpenAPI document (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UniqueMembers<'text>, A::Error> {
        let mut members = IndexMap::new();
        while let Some(key) = map.next_key::<String>()? {
            if members.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "duplicate entry with key {key:?}"
                )));
            }
            let value: &'de RawValue = map.next_value()?;
            members.insert(key, value);
        }
        Ok(UniqueMembers(members))
    }
}

/// Any JSON value whose objects name each key once; a duplicate key is an error at its
/// position.
struct NoDuplicateKeys;

impl<'de> Deserialize<'de> for NoDuplicateKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NoDuplicateKeysVisitor)
    }
}

struct NoDuplicateKeysVisitor;

impl<'de> Visitor<'de> for NoDuplicateKeysVisitor {
    type Value = NoDuplicateKeys;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<NoDuplicateKeys, E> {
        Ok(NoDuplicateKeys)
    }

    fn visit_i64<E>(self, _: i64) -> Result<NoDuplicateKeys, E> {
        Ok(NoDuplicateKeys)
    }

    fn visit_u64<E>(self, _: u64) -> Result<NoDuplicateKeys, E> {
        Ok(NoDuplicateKeys)
    }

    fn visit_f64<E>(self, _: f64) -> Result<NoDuplicateKeys, E> {
        Ok(NoDuplicateKeys)
    }

    fn visit_str<E>(self, _: &str) -> Result<NoDuplicateKeys, E> {
        Ok(NoDuplicateKeys)
    }

    fn visit_unit<E>(self) -> Result<NoDuplicateKeys, E> {
        Ok(NoDuplicateKeys)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut sequence: A) -> Result<NoDuplicateKeys, A::Error> {
        while sequence.next_element::<NoDuplicateKeys>()?.is_some() {}
        Ok(NoDuplicateKeys)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NoDuplicateKeys, A::Error> {
        let mut keys: HashSet<String> = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if keys.contains(&key) {
                return Err(de::Error::custom(format!(
                    "duplicate entry with key {key:?}"
                )));
            }
            keys.insert(key);
            map.next_value::<NoDuplicateKeys>()?;
        }
        Ok(NoDuplicateKeys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duplicate_key_in_a_schema_is_an_error_not_a_panic() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: v}\npaths: {}\ncomponents:\n  schemas:\n    Thing:\n      description: first\n      description: second\n";
        let error = parse_openapi_text(text).expect_err("a duplicate key");
        assert!(
            error
                .to_string()
                .contains("duplicate entry with key \"description\""),
            "{error}"
        );
    }

    #[test]
    fn json_documents_read_too() {
        let document = parse_openapi_text(
            r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "v"}, "paths": {}}"#,
        )
        .expect("a JSON document");
        assert_eq!(document.info.title, "t");
    }

    /// The path `/a` twice, a `get` then a `post`: read naively, the `get` is lost.
    const PATH_TWICE_YAML: &str = "openapi: 3.0.3\ninfo: {title: t, version: v}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n  /a:\n    post:\n      responses: {'200': {description: ok}}\n";

    const PATH_TWICE_JSON: &str = r#"{
  "openapi": "3.0.3",
  "info": {"title": "t", "version": "v"},
  "paths": {
    "/a": {"get": {"responses": {"200": {"description": "ok"}}}},
    "/a": {"post": {"responses": {"200": {"description": "ok"}}}}
  }
}"#;

    #[test]
    fn a_path_written_twice_is_an_error_in_yaml_and_in_json() {
        let yaml_error = parse_openapi_text(PATH_TWICE_YAML).expect_err("a duplicate path");
        assert!(
            yaml_error
                .to_string()
                .contains("duplicate entry with key \"/a\""),
            "{yaml_error}"
        );
        let json_error = parse_openapi_text(PATH_TWICE_JSON).expect_err("a duplicate path");
        assert_eq!(
            json_error.to_string(),
            "duplicate entry with key \"/a\" at line 6 column 8"
        );
    }

    #[test]
    fn a_duplicate_key_deep_in_the_components_of_a_json_document_names_its_line() {
        let text = "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"v\"}, \"paths\": {},\n \"components\": {\"schemas\": {\"Thing\": {\n  \"type\": \"string\",\n  \"type\": \"integer\"}}}}";
        let error = parse_openapi_text(text).expect_err("a duplicate key");
        assert_eq!(
            error.to_string(),
            "duplicate entry with key \"type\" at line 4 column 8"
        );
    }

    #[test]
    fn a_top_level_key_written_twice_in_json_is_an_error() {
        let text = "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"v\"},\n \"paths\": {\"/a\": {}},\n \"paths\": {}}";
        let error = parse_openapi_text(text).expect_err("paths twice");
        assert_eq!(
            error.to_string(),
            "duplicate entry with key \"paths\" at line 3 column 8"
        );
    }

    #[test]
    fn a_json_type_error_in_the_paths_is_counted_from_the_start_of_the_file() {
        let text = "{\"openapi\": \"3.0.3\",\n \"info\": {\"title\": \"t\", \"version\": \"v\"},\n \"paths\": {\n  \"/a\": {\"get\": {\"responses\": 7}}}}";
        let error = parse_openapi_text(text).expect_err("responses is not a number");
        let OpenApiTextError::InvalidNode {
            pointer, position, ..
        } = &error
        else {
            panic!("a node error: {error}");
        };
        assert_eq!(pointer, "#/paths/~1a/get", "{error}");
        assert!(position.starts_with("line 4 "), "{error}");
    }

    /// openapiv3's untagged enums make serde name only the outermost node (in YAML the path
    /// item, `paths` at line 4); both forms of the document name the parameter at fault.
    #[test]
    fn a_bad_node_is_named_by_its_pointer_in_yaml_and_in_json() {
        let yaml = "openapi: 3.0.3\ninfo: {title: T, version: v1}\npaths:\n  /a:\n    get:\n      parameters:\n      - {name: x, in: query, schema: {type: string}}\n      - {name: y, in: quer, schema: {type: string}}\n      responses:\n        '200': {description: OK}\n";
        let json = r#"{"openapi": "3.0.3", "info": {"title": "T", "version": "v1"}, "paths": {"/a": {"get": {
            "parameters": [{"name": "x", "in": "query", "schema": {"type": "string"}},
                           {"name": "y", "in": "quer", "schema": {"type": "string"}}],
            "responses": {"200": {"description": "OK"}}}}}}"#;
        for text in [yaml, json] {
            let error = parse_openapi_text(text).expect_err("`in: quer`");
            let message = error.to_string();
            assert!(
                message.starts_with("#/paths/~1a/get/parameters/1: unknown variant `quer`"),
                "{message}"
            );
        }
    }

    #[test]
    fn property_names_yaml_reads_as_scalars_are_strings() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: v}\npaths: {}\ncomponents:\n  schemas:\n    Flags:\n      type: object\n      properties:\n        true: {type: string}\n        false: {type: string}\n        null: {type: string}\n        123: {type: integer}\n";
        let document = parse_openapi_text(text).expect("keys are strings");
        let Some(openapiv3::ReferenceOr::Item(schema)) =
            document.components.as_ref().unwrap().schemas.get("Flags")
        else {
            panic!("the Flags schema");
        };
        let openapiv3::SchemaKind::Type(openapiv3::Type::Object(object)) = &schema.schema_kind
        else {
            panic!("an object");
        };
        let names: Vec<&String> = object.properties.keys().collect();
        assert_eq!(names, ["true", "false", "null", "123"]);
    }

    /// Integer server variables, in the document's servers and a path item's, in YAML and in
    /// JSON: read one way everywhere.
    #[test]
    fn integer_server_variables_read_as_strings_everywhere() {
        let yaml = "openapi: 3.0.3\ninfo: {title: t, version: v}\nservers:\n  - url: 'https://example.com:{port}'\n    variables:\n      port: {default: 8443, enum: [8443, 443]}\npaths:\n  /a:\n    servers:\n      - url: 'https://a.example.com:{port}'\n        variables:\n          port: {default: 8080, enum: [8080, 80]}\n    get:\n      responses: {'200': {description: ok}}\n";
        let json = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "v"},
  "servers": [{"url": "https://example.com:{port}", "variables": {"port": {"default": 8443, "enum": [8443, 443]}}}],
  "paths": {"/a": {
    "servers": [{"url": "https://a.example.com:{port}", "variables": {"port": {"default": 8080, "enum": [8080, 80]}}}],
    "get": {"responses": {"200": {"description": "ok"}}}}}}"#;
        for text in [yaml, json] {
            let document = parse_openapi_text(text).expect("integer variables");
            assert_eq!(
                document.servers[0].variables.as_ref().unwrap()["port"].default,
                "8443"
            );
            let openapiv3::ReferenceOr::Item(path_item) = &document.paths.paths["/a"] else {
                panic!("a path item");
            };
            let port = &path_item.servers[0].variables.as_ref().unwrap()["port"];
            assert_eq!(port.default, "8080");
            assert_eq!(port.enumeration, ["8080", "80"]);
        }
    }

    #[test]
    fn a_callback_given_as_a_reference_is_the_component_it_names() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: v}\npaths:\n  /subscriptions:\n    post:\n      callbacks:\n        onEvent:\n          $ref: '#/components/callbacks/Event'\n      responses: {'201': {description: subscribed}}\ncomponents:\n  callbacks:\n    Event:\n      '{$request.body#/url}':\n        post:\n          responses: {'200': {description: received}}\n";
        let document = parse_openapi_text(text).expect("a callback reference");
        let openapiv3::ReferenceOr::Item(path_item) = &document.paths.paths["/subscriptions"]
        else {
            panic!("a path item");
        };
        let callback = &path_item.post.as_ref().unwrap().callbacks["onEvent"];
        assert!(
            callback.contains_key("{$request.body#/url}"),
            "{callback:?}"
        );
    }

    #[test]
    fn a_document_that_fails_for_another_reason_keeps_its_first_error() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: v}\nservers:\n  - url: 'https://example.com:{port}'\n    variables:\n      port: {default: 8443}\npaths:\n  /a:\n    get:\n      responses: 7\n";
        let error = parse_openapi_text(text).expect_err("responses is not a map");
        assert!(
            error.to_string().starts_with(
                "#/paths/~1a/get: invalid type: integer `7`, expected struct Responses"
            ),
            "{error}"
        );
    }

    #[test]
    fn swagger_2_and_openapi_3_1_are_named_as_what_they_are() {
        let swagger = parse_openapi_text(
            "swagger: '2.0'\ninfo: {title: t, version: v}\npaths:\n  /a:\n    get:\n      parameters:\n        - {in: body, name: b, schema: {type: string}}\n      responses: {'200': {description: ok}}\n",
        )
        .expect_err("Swagger 2.0");
        assert!(
            swagger
                .to_string()
                .starts_with("this is a Swagger 2.0 document; only OpenAPI 3.0.x is supported"),
            "{swagger}"
        );
        let swagger_json = parse_openapi_text(r#"{"swagger": "2.0", "info": {}, "paths": {}}"#)
            .expect_err("Swagger 2.0");
        assert!(matches!(swagger_json, OpenApiTextError::Swagger { .. }));
        let openapi_3_1 =
            parse_openapi_text("openapi: 3.1.0\ninfo: {title: t, version: v}\npaths: {}\n")
                .expect_err("OpenAPI 3.1");
        assert_eq!(
            openapi_3_1.to_string(),
            "this is an OpenAPI 3.1.0 document; only OpenAPI 3.0.x is supported"
        );
        let no_version = parse_openapi_text("info: {title: t, version: v}\npaths: {}\n")
            .expect_err("no version");
        assert!(matches!(no_version, OpenApiTextError::NoVersion));
    }
}
