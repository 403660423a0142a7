//! The page's examples are evidence of what the API sends: where an example and the tables
//! disagree, the schema is widened until it accepts what the example shows, and every decision
//! is recorded for the import summary.
//!
//! - A field the tables lack becomes an optional property inferred from the example (and says
//!   so in its description).
//! - A scalar shown in another type is accepted as either (`anyOf` of both).
//! - A table typed vaguely as one object ("Object", "Data structure", a struct name) that the
//!   example shows as an array becomes an array of that object; a shape stated plainly ("Array
//!   of X", "X object") that the example contradicts is accepted as either.
//! - A value outside the listed ones joins them; a value outside a bound lifts the bound.
//! - A `null` makes the field nullable; a mandatory field the example leaves out becomes
//!   optional.
//! - Rows the tables list flat (`tag`, `key`, `value`) that the example nests under a free-form
//!   object (`"tag": {"key": …, "value": …}`) move into it.
//!
//! The walk works on the schemas as JSON: the operation's media schema in place, and components
//! by name (a change to a component is seen by every operation that uses it, as the wire would
//! be).

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::openapi_refs::unescape_pointer;

/// The extension the table reader puts on a property whose type word does not say whether it is
/// one object or several ("Object", "Data structure", "dict", a struct name): the examples may
/// decide its shape. Removed from the spec once read.
pub const VAGUE_SHAPE_MARKER: &str = "x-otc-vague-shape";

/// The extension the table reader puts on a field of a table without a Type column: the first
/// example that shows it gives its type. Removed from the spec once read.
pub const UNTYPED_MARKER: &str = "x-otc-untyped";

/// Nesting deeper than this is not followed (recursive schemas, deep examples).
const MAX_DEPTH: usize = 48;

/// What the walk decided, for the summary: where (component or place) and what.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct EvidenceDecision {
    pub at: String,
    pub decision: String,
}

/// The schemas the walk may change: the components by name.
pub type ComponentValues = BTreeMap<String, Value>;

/// Widens `schema` (a media type's schema, or anything inside one) so that it accepts `value`;
/// `at` is the JSON pointer of the value in its example, for the decisions.
pub fn accept_example(
    schema: &mut Value,
    value: &Value,
    components: &mut ComponentValues,
    at: &str,
    decisions: &mut Vec<EvidenceDecision>,
) {
    Walk {
        components,
        decisions,
        in_progress: BTreeMap::new(),
    }
    .accept(schema, value, at, 0);
}

/// A schema for a body the page shows only by example: every member optional, each typed as
/// its value is, objects and arrays followed.
pub fn schema_from_examples(values: &[&Value]) -> Value {
    let mut schema = match values.first() {
        Some(first) => schema_from_value(first),
        None => json!({}),
    };
    let mut components = ComponentValues::new();
    let mut decisions = Vec::new();
    for value in values.iter().skip(1) {
        accept_example(&mut schema, value, &mut components, "", &mut decisions);
    }
    schema
}

/// The schema a value shows: its JSON type, members optional.
pub fn schema_from_value(value: &Value) -> Value {
    schema_from_value_at_depth(value, 0)
}

fn schema_from_value_at_depth(value: &Value, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return json!({});
    }
    match value {
        // A null says nothing of the type: any value (which null is).
        Value::Null => json!({}),
        Value::Bool(_) => json!({ "type": "boolean" }),
        Value::Number(number) if number.is_i64() || number.is_u64() => {
            json!({ "type": "integer", "format": "int64" })
        }
        Value::Number(_) => json!({ "type": "number" }),
        Value::String(_) => json!({ "type": "string" }),
        Value::Array(items) => {
            let mut item_schema = match items.first() {
                Some(first) => schema_from_value_at_depth(first, depth + 1),
                None => json!({}),
            };
            let mut components = ComponentValues::new();
            let mut decisions = Vec::new();
            for item in items.iter().skip(1) {
                Walk {
                    components: &mut components,
                    decisions: &mut decisions,
                    in_progress: BTreeMap::new(),
                }
                .accept(&mut item_schema, item, "", depth + 1);
            }
            json!({ "type": "array", "items": item_schema })
        }
        Value::Object(members) => {
            let properties: Map<String, Value> = members
                .iter()
                .map(|(name, member)| (name.clone(), schema_from_value_at_depth(member, depth + 1)))
                .collect();
            json!({ "type": "object", "properties": properties })
        }
    }
}

/// Removes the vague-shape markers from a schema, at any depth.
pub fn strip_markers(schema: &mut Value) {
    match schema {
        Value::Object(object) => {
            object.remove(VAGUE_SHAPE_MARKER);
            object.remove(UNTYPED_MARKER);
            for member in object.values_mut() {
                strip_markers(member);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip_markers),
        _ => {}
    }
}

struct Walk<'walk> {
    components: &'walk mut ComponentValues,
    decisions: &'walk mut Vec<EvidenceDecision>,
    /// Components taken out while they are walked, and whether each is one object (a recursive
    /// schema meets itself there).
    in_progress: BTreeMap<String, bool>,
}

impl Walk<'_> {
    fn decide(&mut self, at: &str, decision: String) {
        self.decisions.push(EvidenceDecision {
            at: if at.is_empty() {
                "/".to_owned()
            } else {
                at.to_owned()
            },
            decision,
        });
    }

    fn accept(&mut self, schema: &mut Value, value: &Value, at: &str, depth: usize) {
        if depth > MAX_DEPTH || !schema.is_object() {
            return;
        }
        if let Some(name) = component_name(schema) {
            // The component is taken out while it is walked: a recursive schema meets itself
            // as a missing component and stops there.
            let Some(mut component) = self.components.remove(&name) else {
                return;
            };
            let is_object = self.is_single_object(&component, depth + 1);
            self.in_progress.insert(name.clone(), is_object);
            self.accept(&mut component, value, at, depth + 1);
            self.in_progress.remove(&name);
            self.components.insert(name, component);
            return;
        }
        if schema.get(UNTYPED_MARKER) == Some(&Value::Bool(true)) {
            let description = schema.get("description").cloned();
            let mut typed = schema_from_value(value);
            if let Some(description) = description {
                typed["description"] = description;
            }
            if !value.is_null() {
                self.decide(
                    at,
                    format!(
                        "the table gives no type: {} as the example shows",
                        json_kind(value)
                    ),
                );
                *schema = typed;
            }
            return;
        }
        let single_part_wrapper = schema.get("type").is_none()
            && schema
                .get("allOf")
                .and_then(Value::as_array)
                .is_some_and(|parts| parts.len() == 1);
        if value.is_null() {
            if let Some(key) = alternatives_key(schema) {
                // One alternative that accepts null is enough: the first typed one.
                let snapshot = self.components.clone();
                let accepts_null = schema[key]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|alternative| contradiction_count(alternative, value, &snapshot, 0) == 0);
                // Null as one more alternative, one that says nothing of the value (a typed
                // alternative made nullable would not reach a client's union, which decodes
                // null only into an alternative that takes any value).
                if !accepts_null {
                    if let Some(Value::Array(alternatives)) = schema.get_mut(key) {
                        alternatives.push(json!({}));
                    }
                    self.decide(
                        at,
                        "null where no alternative takes it: any value is an alternative too"
                            .to_owned(),
                    );
                }
                return;
            }
            if single_part_wrapper {
                // `nullable` beside `allOf` does not reach into the referenced schema: the
                // schema itself (the component, for every field that uses it) is nullable.
                let mut part = schema["allOf"][0].take();
                self.accept(&mut part, value, at, depth + 1);
                schema["allOf"][0] = part;
                return;
            }
            self.accept_null(schema, at);
            return;
        }
        if schema.get(VAGUE_SHAPE_MARKER) == Some(&Value::Bool(true)) {
            if let Value::Array(items) = value {
                if self.is_single_object(schema, depth) {
                    self.make_array_of(schema, items, at, depth);
                    return;
                }
            }
        }
        if let Some(alternatives) = alternatives_key(schema) {
            self.accept_alternatives(schema, alternatives, value, at, depth);
            return;
        }
        if let Some(Value::Array(parts)) = schema.get("allOf") {
            if parts.len() == 1 && schema.get("type").is_none() {
                let mut part = schema["allOf"][0].take();
                self.accept(&mut part, value, at, depth + 1);
                schema["allOf"][0] = part;
                return;
            }
        }
        let Some(kind) = schema
            .get("type")
            .and_then(Value::as_str)
            .map(str::to_owned)
        else {
            return;
        };
        if !fits_type(&kind, value) {
            self.accept_other_type(schema, &kind, value, at, depth);
            return;
        }
        self.lift_bounds(schema, value, at);
        self.widen_enumeration(schema, value, at);
        match value {
            Value::Array(items) => {
                if schema.get("items").is_none() {
                    return;
                }
                let mut item_schema = schema["items"].take();
                for (index, item) in items.iter().enumerate() {
                    self.accept(&mut item_schema, item, &format!("{at}/{index}"), depth + 1);
                }
                schema["items"] = item_schema;
            }
            Value::Object(members) => self.accept_members(schema, members, at, depth),
            _ => {}
        }
    }

    /// A `null` where the schema has a type: the schema becomes nullable (an enumeration lists
    /// null too, as OpenAPI 3.0.3 asks).
    fn accept_null(&mut self, schema: &mut Value, at: &str) {
        let Value::Object(object) = schema else {
            return;
        };
        let untyped = !object.contains_key("type")
            && !object.contains_key("allOf")
            && !object.contains_key("anyOf")
            && !object.contains_key("oneOf");
        if untyped || object.get("nullable") == Some(&Value::Bool(true)) {
            if let Some(Value::Array(values)) = object.get_mut("enum") {
                if !values.contains(&Value::Null) {
                    values.push(Value::Null);
                }
            }
            return;
        }
        if !object.contains_key("type") {
            // Only a typed schema can be nullable in OpenAPI 3.0: an object reached through
            // `allOf` is typed as one.
            object.insert("type".to_owned(), json!("object"));
        }
        object.insert("nullable".to_owned(), Value::Bool(true));
        if let Some(Value::Array(values)) = object.get_mut("enum") {
            if !values.contains(&Value::Null) {
                values.push(Value::Null);
            }
        }
        self.decide(at, "null in the example: the field is nullable".to_owned());
    }

    fn accept_alternatives(
        &mut self,
        schema: &mut Value,
        key: &'static str,
        value: &Value,
        at: &str,
        depth: usize,
    ) {
        let Some(Value::Array(alternatives)) = schema.get(key) else {
            return;
        };
        let snapshot = self.components.clone();
        let fits_one = alternatives
            .iter()
            .any(|alternative| contradiction_count(alternative, value, &snapshot, 0) == 0);
        if fits_one {
            return;
        }
        // The alternative that needs the fewest changes takes the example.
        let best = alternatives
            .iter()
            .enumerate()
            .min_by_key(|(_, alternative)| contradiction_count(alternative, value, &snapshot, 0))
            .map(|(index, _)| index);
        if let Some(index) = best {
            let mut alternative = schema[key][index].take();
            self.accept(&mut alternative, value, at, depth + 1);
            schema[key][index] = alternative;
        }
    }

    /// The example shows another type than the schema's.
    fn accept_other_type(
        &mut self,
        schema: &mut Value,
        kind: &str,
        value: &Value,
        at: &str,
        depth: usize,
    ) {
        let shown = json_kind(value);
        // An integer where the table says number is a number; a fraction where it says
        // integer makes the field a number.
        if kind == "integer" && value.is_f64() {
            schema["type"] = json!("number");
            if let Some(object) = schema.as_object_mut() {
                object.remove("format");
            }
            self.decide(
                at,
                "a fraction where the table says integer: the field is a number".to_owned(),
            );
            return;
        }
        // Anything else is accepted as either: the table's type or the example's.
        let mut table_type = schema.take();
        let description = table_type
            .as_object_mut()
            .and_then(|object| object.remove("description"));
        let mut example_type = schema_from_value(value);
        // An array of the table's object: the example's elements are checked against it; an
        // object where the table says array of objects: checked against the element.
        if let (Value::Array(items), "object") = (value, kind) {
            let mut element = table_type.clone();
            for (index, item) in items.iter().enumerate() {
                self.accept(&mut element, item, &format!("{at}/{index}"), depth + 1);
            }
            example_type = json!({ "type": "array", "items": element });
        }
        if let (Value::Object(_), "array", Some(items)) = (value, kind, table_type.get("items")) {
            let mut element = items.clone();
            if contradiction_count(&element, value, self.components, 0)
                < value.as_object().map_or(0, Map::len)
            {
                self.accept(&mut element, value, at, depth + 1);
                example_type = element;
            }
        }
        let mut either = json!({ "anyOf": [table_type, example_type] });
        if let Some(description) = description {
            either["description"] = description;
        }
        *schema = either;
        self.decide(
            at,
            format!("{shown} where the table says {kind}: either is accepted"),
        );
    }

    /// Whether a schema is one object: typed so, or a one-part `allOf` of a component that is.
    fn is_single_object(&self, schema: &Value, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        if let Some(name) = component_name(schema) {
            if let Some(is_object) = self.in_progress.get(&name) {
                return *is_object;
            }
            return self
                .components
                .get(&name)
                .is_some_and(|component| self.is_single_object(component, depth + 1));
        }
        if schema.get("type").and_then(Value::as_str) == Some("object") {
            return true;
        }
        match schema
            .get("allOf")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
        {
            Some([part]) => self.is_single_object(part, depth + 1),
            _ => false,
        }
    }

    /// One object typed vaguely ("Object", "Data structure", a struct name), shown as an array
    /// of such objects: the example decides, the field is an array of it.
    fn make_array_of(&mut self, schema: &mut Value, items: &[Value], at: &str, depth: usize) {
        let mut element = schema.take();
        let description = element.as_object_mut().and_then(|object| {
            object.remove(VAGUE_SHAPE_MARKER);
            object.remove("description")
        });
        // A one-part `allOf` only carried the description: its part is the element.
        if element.get("type").is_none() {
            if let Some([part]) = element
                .get("allOf")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
            {
                element = part.clone();
            }
        }
        let mut array = json!({ "type": "array", "items": element });
        if let Some(description) = description {
            array["description"] = description;
        }
        *schema = array;
        self.decide(
            at,
            "an array where the table names one object by a word that does not say how many: the example decides, the field is an array of it"
                .to_owned(),
        );
        let mut item_schema = schema["items"].take();
        for (index, item) in items.iter().enumerate() {
            self.accept(&mut item_schema, item, &format!("{at}/{index}"), depth + 1);
        }
        schema["items"] = item_schema;
    }

    fn lift_bounds(&mut self, schema: &mut Value, value: &Value, at: &str) {
        let Value::Object(object) = schema else {
            return;
        };
        if let Some(number) = value.as_f64() {
            if object.get("format").and_then(Value::as_str) == Some("int32")
                && (number > f64::from(i32::MAX) || number < f64::from(i32::MIN))
            {
                object.insert("format".to_owned(), json!("int64"));
                self.decide(
                    at,
                    format!("{value} does not fit in 32 bits: the field is int64"),
                );
            }
            for (key, is_outside) in [
                (
                    "minimum",
                    number
                        < object
                            .get("minimum")
                            .and_then(Value::as_f64)
                            .unwrap_or(f64::MIN),
                ),
                (
                    "maximum",
                    number
                        > object
                            .get("maximum")
                            .and_then(Value::as_f64)
                            .unwrap_or(f64::MAX),
                ),
            ] {
                if is_outside {
                    object.remove(key);
                    self.decide(
                        at,
                        format!("{value} is outside the documented {key}: the bound is left out"),
                    );
                }
            }
        }
        if let Some(text) = value.as_str() {
            let length = text.chars().count() as u64;
            for (key, is_outside) in [
                (
                    "minLength",
                    length < object.get("minLength").and_then(Value::as_u64).unwrap_or(0),
                ),
                (
                    "maxLength",
                    length
                        > object
                            .get("maxLength")
                            .and_then(Value::as_u64)
                            .unwrap_or(u64::MAX),
                ),
            ] {
                if is_outside {
                    object.remove(key);
                    self.decide(at, format!("a value of {length} characters is outside the documented {key}: the bound is left out"));
                }
            }
        }
        if let Value::Array(items) = value {
            for (key, is_outside) in [
                (
                    "minItems",
                    (items.len() as u64)
                        < object.get("minItems").and_then(Value::as_u64).unwrap_or(0),
                ),
                (
                    "maxItems",
                    (items.len() as u64)
                        > object
                            .get("maxItems")
                            .and_then(Value::as_u64)
                            .unwrap_or(u64::MAX),
                ),
            ] {
                if is_outside {
                    object.remove(key);
                    self.decide(
                        at,
                        format!(
                            "{} items are outside the documented {key}: the bound is left out",
                            items.len()
                        ),
                    );
                }
            }
        }
    }

    fn widen_enumeration(&mut self, schema: &mut Value, value: &Value, at: &str) {
        let Some(Value::Array(values)) = schema.get_mut("enum") else {
            return;
        };
        if values.is_empty() || values.contains(value) {
            return;
        }
        values.push(value.clone());
        self.decide(
            at,
            format!("{value} is not one of the documented values: it joins them"),
        );
    }

    fn accept_members(
        &mut self,
        schema: &mut Value,
        members: &Map<String, Value>,
        at: &str,
        depth: usize,
    ) {
        self.nest_flat_rows(schema, members, at);
        // Mandatory fields the example leaves out are optional on the wire.
        if let Some(Value::Array(required)) = schema.get_mut("required") {
            let missing: Vec<String> = required
                .iter()
                .filter_map(Value::as_str)
                .filter(|name| !members.contains_key(*name))
                .map(str::to_owned)
                .collect();
            if !missing.is_empty() {
                required.retain(|name| {
                    name.as_str()
                        .is_none_or(|name| !missing.iter().any(|gone| gone == name))
                });
                for name in missing {
                    self.decide(
                        at,
                        format!("the mandatory field {name} is not in the example: it is optional"),
                    );
                }
            }
            if required.is_empty() {
                if let Some(object) = schema.as_object_mut() {
                    object.remove("required");
                }
            }
        }
        let free_form = matches!(
            schema.get("additionalProperties"),
            Some(Value::Bool(true) | Value::Object(_))
        ) && schema
            .get("properties")
            .and_then(Value::as_object)
            .is_none_or(Map::is_empty);
        for (name, member) in members {
            let member_at = format!("{at}/{}", escape_pointer(name));
            let has_property = schema
                .get("properties")
                .and_then(|properties| properties.get(name))
                .is_some();
            if has_property {
                let mut property = schema["properties"][name].take();
                self.accept(&mut property, member, &member_at, depth + 1);
                schema["properties"][name] = property;
                continue;
            }
            match schema.get("additionalProperties") {
                Some(Value::Object(_)) => {
                    let mut values = schema["additionalProperties"].take();
                    self.accept(&mut values, member, &member_at, depth + 1);
                    schema["additionalProperties"] = values;
                    continue;
                }
                Some(Value::Bool(true)) => continue,
                _ if free_form => continue,
                _ => {}
            }
            // A field the tables do not document: optional, typed as the example shows it.
            let mut inferred = schema_from_value(member);
            inferred["description"] = json!(
                "Not in the page's tables: inferred from its example, which shows this field."
            );
            let Value::Object(object) = schema else {
                return;
            };
            object
                .entry("properties")
                .or_insert_with(|| json!({}))
                .as_object_mut()
                .map(|properties| properties.insert(name.clone(), inferred));
            self.decide(
                &member_at,
                "a field the tables do not document: added as an optional property inferred from the example".to_owned(),
            );
        }
    }

    /// Rows a table lists flat beside a free-form object (`tag | dict`, `key`, `value`) that
    /// the example nests inside it (`"tag": {"key": …, "value": …}`) and does not show beside it:
    /// they move into the object, which becomes an object of those fields.
    fn nest_flat_rows(&mut self, schema: &mut Value, members: &Map<String, Value>, at: &str) {
        let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
            return;
        };
        let mut moves: Vec<(String, Vec<String>)> = Vec::new();
        for (name, member) in members {
            let Value::Object(inner) = member else {
                continue;
            };
            let Some(property) = properties.get(name) else {
                continue;
            };
            if !is_free_form_object(property) || inner.is_empty() {
                continue;
            }
            let siblings: Vec<String> = inner
                .keys()
                .filter(|key| {
                    *key != name && properties.contains_key(*key) && !members.contains_key(*key)
                })
                .cloned()
                .collect();
            if !siblings.is_empty() && siblings.len() == inner.len() {
                moves.push((name.clone(), siblings));
            }
        }
        for (name, siblings) in moves {
            let mut nested = Map::new();
            let mut nested_required = Vec::new();
            let required: Vec<String> = schema
                .get("required")
                .and_then(Value::as_array)
                .map(|names| {
                    names
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default();
            for sibling in &siblings {
                if let Some(property) = schema["properties"]
                    .as_object_mut()
                    .and_then(|properties| properties.remove(sibling))
                {
                    nested.insert(sibling.clone(), property);
                }
                if required.contains(sibling) {
                    nested_required.push(json!(sibling));
                }
            }
            if let Some(Value::Array(required)) = schema.get_mut("required") {
                required.retain(|value| {
                    value
                        .as_str()
                        .is_none_or(|name| !siblings.iter().any(|sibling| sibling == name))
                });
            }
            let property = &mut schema["properties"][&name];
            let description = property.get("description").cloned();
            let mut object = json!({ "type": "object", "properties": nested });
            if !nested_required.is_empty() {
                object["required"] = Value::Array(nested_required);
            }
            if let Some(description) = description {
                object["description"] = description;
            }
            *property = object;
            self.decide(
                &format!("{at}/{}", escape_pointer(&name)),
                format!(
                    "the table lists {} beside {name}, and the example nests them inside it: they are fields of {name}",
                    siblings.join(", ")
                ),
            );
        }
    }
}

/// `anyOf` or `oneOf`, whichever the schema has.
fn alternatives_key(schema: &Value) -> Option<&'static str> {
    ["anyOf", "oneOf"]
        .into_iter()
        .find(|key| schema.get(*key).is_some_and(Value::is_array))
}

/// A free-form object: no properties of its own, any members.
fn is_free_form_object(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("object")
        && schema
            .get("properties")
            .and_then(Value::as_object)
            .is_none_or(Map::is_empty)
        && schema.get("$ref").is_none()
}

fn fits_type(kind: &str, value: &Value) -> bool {
    match kind {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => true,
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(number) if number.is_f64() => "a number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// How many places of `value` the schema does not accept as it is (0: it fits), bounded.
fn contradiction_count(
    schema: &Value,
    value: &Value,
    components: &ComponentValues,
    depth: usize,
) -> usize {
    if depth > MAX_DEPTH {
        return 0;
    }
    if let Some(name) = component_name(schema) {
        return components.get(&name).map_or(0, |component| {
            contradiction_count(component, value, components, depth + 1)
        });
    }
    if value.is_null() {
        let nullable = schema.get("nullable") == Some(&Value::Bool(true));
        return usize::from(!nullable && schema.get("type").is_some());
    }
    if let Some(key) = alternatives_key(schema) {
        return schema[key]
            .as_array()
            .into_iter()
            .flatten()
            .map(|alternative| contradiction_count(alternative, value, components, depth + 1))
            .min()
            .unwrap_or(0);
    }
    if let Some(Value::Array(parts)) = schema.get("allOf") {
        return parts
            .iter()
            .map(|part| contradiction_count(part, value, components, depth + 1))
            .sum();
    }
    let Some(kind) = schema.get("type").and_then(Value::as_str) else {
        return 0;
    };
    if !fits_type(kind, value) {
        return 1;
    }
    let mut count = 0;
    if let Some(Value::Array(values)) = schema.get("enum") {
        count += usize::from(!values.is_empty() && !values.contains(value));
    }
    match value {
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                count += items
                    .iter()
                    .map(|item| contradiction_count(item_schema, item, components, depth + 1))
                    .sum::<usize>();
            }
        }
        Value::Object(members) => {
            let properties = schema.get("properties").and_then(Value::as_object);
            if let Some(Value::Array(required)) = schema.get("required") {
                count += required
                    .iter()
                    .filter_map(Value::as_str)
                    .filter(|name| !members.contains_key(*name))
                    .count();
            }
            for (name, member) in members {
                match properties.and_then(|properties| properties.get(name)) {
                    Some(property) => {
                        count += contradiction_count(property, member, components, depth + 1)
                    }
                    None => {
                        let open = matches!(
                            schema.get("additionalProperties"),
                            Some(Value::Bool(true) | Value::Object(_))
                        );
                        count += usize::from(!open);
                    }
                }
            }
        }
        _ => {}
    }
    count
}

/// The component a schema's `$ref` names (a JSON pointer token, unescaped).
fn component_name(schema: &Value) -> Option<String> {
    schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|reference| reference.strip_prefix("#/components/schemas/"))
        .map(unescape_pointer)
}

/// A name as a JSON pointer token.
fn escape_pointer(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

/// Widens every schema of the document that an example of its operation contradicts (see the
/// module's list), in the operations' media types and in the components, and removes the
/// markers from the media types' own schemas (the components keep theirs for the next pass). Returns the decisions as summary lines (`page: place: decision`), and
/// an error for a schema that does not read back after the change.
pub fn widen_schemas_to_examples(
    document: &mut openapiv3::OpenAPI,
    components: &mut BTreeMap<String, openapiv3::Schema>,
) -> (Vec<String>, Vec<super::ImportError>) {
    use openapiv3::ReferenceOr;

    let mut errors = Vec::new();
    let mut component_values: ComponentValues = ComponentValues::new();
    for (name, schema) in components.iter() {
        match serde_json::to_value(schema) {
            Ok(value) => {
                component_values.insert(name.clone(), value);
            }
            Err(error) => errors.push(schema_error(&format!("components/schemas/{name}"), &error)),
        }
    }
    let mut lines = Vec::new();
    for (path, item) in document.paths.paths.iter_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        let methods = [
            ("GET", &mut item.get),
            ("PUT", &mut item.put),
            ("POST", &mut item.post),
            ("DELETE", &mut item.delete),
            ("OPTIONS", &mut item.options),
            ("HEAD", &mut item.head),
            ("PATCH", &mut item.patch),
            ("TRACE", &mut item.trace),
        ];
        for (method, operation) in methods {
            let Some(operation) = operation.as_mut() else {
                continue;
            };
            let page = crate::extensions::SourcePage::of(&operation.extensions).unwrap_or_default();
            let mut media_types = Vec::new();
            if let Some(ReferenceOr::Item(body)) = &mut operation.request_body {
                for media in body.content.values_mut() {
                    media_types.push((format!("{method} {path} request"), media));
                }
            }
            for (status, response) in operation.responses.responses.iter_mut() {
                if let ReferenceOr::Item(response) = response {
                    for media in response.content.values_mut() {
                        media_types.push((format!("{method} {path} response {status}"), media));
                    }
                }
            }
            for (place, media) in media_types {
                let Some(schema) = &media.schema else {
                    continue;
                };
                let mut schema_value = match serde_json::to_value(schema) {
                    Ok(value) => value,
                    Err(error) => {
                        errors.push(schema_error(&place, &error));
                        continue;
                    }
                };
                for (name, example) in &media.examples {
                    let ReferenceOr::Item(example) = example else {
                        continue;
                    };
                    let Some(value) = &example.value else {
                        continue;
                    };
                    let mut decisions = Vec::new();
                    accept_example(
                        &mut schema_value,
                        value,
                        &mut component_values,
                        "",
                        &mut decisions,
                    );
                    decisions.sort();
                    decisions.dedup();
                    lines.extend(decisions.into_iter().map(|decision| {
                        format!(
                            "{page}: {place}, example {name} at {}: {}",
                            decision.at, decision.decision
                        )
                    }));
                }
                strip_markers(&mut schema_value);
                match serde_json::from_value(schema_value) {
                    Ok(schema) => media.schema = Some(schema),
                    Err(error) => errors.push(schema_error(&place, &error)),
                }
            }
        }
    }
    // The components keep their markers: another pass (the variants', the combined
    // operations') may still read them; `strip_component_markers` removes them at the end.
    for (name, value) in component_values {
        match serde_json::from_value(value) {
            Ok(schema) => {
                components.insert(name, schema);
            }
            Err(error) => errors.push(schema_error(&format!("components/schemas/{name}"), &error)),
        }
    }
    lines.sort();
    lines.dedup();
    (lines, errors)
}

/// Removes the markers of the table reader from every component, once every example was read.
pub fn strip_component_markers(
    components: &mut BTreeMap<String, openapiv3::Schema>,
) -> Vec<super::ImportError> {
    let mut errors = Vec::new();
    for (name, schema) in components.iter_mut() {
        let place = format!("components/schemas/{name}");
        let mut value = match serde_json::to_value(&*schema) {
            Ok(value) => value,
            Err(error) => {
                errors.push(schema_error(&place, &error));
                continue;
            }
        };
        strip_markers(&mut value);
        match serde_json::from_value(value) {
            Ok(stripped) => *schema = stripped,
            Err(error) => errors.push(schema_error(&place, &error)),
        }
    }
    errors
}

/// A schema that cannot go to JSON and back, as an error at its place.
fn schema_error(place: &str, error: &serde_json::Error) -> super::ImportError {
    super::ImportError {
        location: crate::doc_model::SourceLocation {
            file_name: place.to_owned(),
            ..crate::doc_model::SourceLocation::default()
        },
        message: format!("schema cannot be checked against the examples as JSON: {error}"),
    }
}
