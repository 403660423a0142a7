//! An operation's flags, derived from its table entry by one walk of the body's shape: a flag
//! name resolved to what it sets (a parameter, or a place in the body), every flag listed for
//! help, completion and `otc docs`, and a body value written back as the flags that make it.
//!
//! Body flags are the field segments of the path to a leaf joined by dots
//! (`--server.nics.0.subnet-id`): an array element is its index, or the next element for each
//! repetition when the index is left out (`--server.nics.subnet-id a --server.nics.subnet-id
//! b`); a map entry is its key (`--metadata.env prod`) or `key=value` on the map's flag. Any
//! flag also takes JSON for the whole value at its place (`--server.nics '[…]'`). A body field
//! is also reachable as `--body.<path>`, and only so where its first segment is a global flag,
//! a place prefix or a parameter's flag.

use std::collections::BTreeSet;

use otc_cli_table::{body_root_segment_is_free, Field, Operation, ParameterPlace, Shape, TypeKind};

use crate::table::LoadedService;

/// How deep help and completion list body flags (deeper fields are set as JSON on an
/// ancestor's flag), and how many they list at most per operation.
const MAX_LISTED_DEPTH: usize = 12;
const MAX_LISTED_FLAGS: usize = 4000;

/// What a flag sets.
#[derive(Debug, Clone, PartialEq)]
pub enum FlagTarget {
    /// The operation's parameter at this position.
    Parameter(usize),
    Body(BodyTarget),
}

/// A place in the body.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyTarget {
    pub steps: Vec<PathStep>,
    /// The shape at that place, as the table writes it.
    pub shape: Shape,
    pub secret: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PathStep {
    /// A field, by its wire name.
    Field(String),
    /// An array element.
    Index(usize),
    /// The next element of an array for each repetition of the flag.
    Next,
    /// A map entry.
    Key(String),
}

/// The flags of one operation.
#[derive(Debug)]
pub struct OperationFlags<'s> {
    pub service: &'s LoadedService,
    pub operation: &'s Operation<'static>,
    parameter_flags: Vec<&'s str>,
}

/// One listed flag: what help, completion and `otc docs` show.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FlagListing {
    /// Without dashes; `<N>` stands for an array index, `<KEY>` for a map key.
    pub flag: String,
    /// `query`, `header` or `body`.
    pub place: &'static str,
    /// `string`, `integer`, `array of string`, `map of string`, `JSON`, …
    #[serde(rename = "type")]
    pub type_text: String,
    /// Required where its parent is given (every parent on the way is required for a body
    /// field to be required of the whole body).
    pub required: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub repeatable: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub secret: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed_values: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// `1..=2000`, `length 1..=64`, `items ..=10`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limits: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl<'s> OperationFlags<'s> {
    pub fn new(service: &'s LoadedService, operation: &'s Operation<'static>) -> Self {
        let parameter_flags = operation
            .parameters
            .iter()
            .filter(|parameter| parameter.place != ParameterPlace::Path)
            .map(|parameter| parameter.flag.as_ref())
            .collect();
        OperationFlags {
            service,
            operation,
            parameter_flags,
        }
    }

    /// The fields of a struct shape, or of every struct alternative of a union (first
    /// alternative first; a field in several is the first one's), with the type's name.
    pub fn fields_of(&self, shape: &Shape) -> Option<Vec<&'s Field<'static>>> {
        self.fields_of_bounded(shape, 0)
    }

    fn fields_of_bounded(&self, shape: &Shape, depth: usize) -> Option<Vec<&'s Field<'static>>> {
        if depth > 8 {
            return None;
        }
        let Shape::Type(index) = self.service.resolve(shape) else {
            return None;
        };
        match &self.service.type_entry(*index).kind {
            TypeKind::Struct { fields, .. } => Some(fields.iter().collect()),
            TypeKind::Union { variants, .. } => {
                let mut merged: Vec<&Field<'static>> = Vec::new();
                for variant in variants {
                    for field in self
                        .fields_of_bounded(variant, depth + 1)
                        .unwrap_or_default()
                    {
                        if !merged.iter().any(|known| known.flag == field.flag) {
                            merged.push(field);
                        }
                    }
                }
                (!merged.is_empty()).then_some(merged)
            }
            TypeKind::Enum { .. } | TypeKind::Alias(_) => None,
        }
    }

    /// Whether a body field's flag may start without `body.`.
    pub fn root_segment_is_free(&self, segment: &str) -> bool {
        body_root_segment_is_free(segment, &self.parameter_flags)
    }

    /// The prefix of the body's flags that start at `field` of the body's root.
    pub fn root_prefix(&self, segment: &str) -> &'static str {
        if self.root_segment_is_free(segment) {
            ""
        } else {
            "body."
        }
    }

    /// What the flag `name` (without dashes) sets.
    pub fn resolve(&self, name: &str) -> Result<FlagTarget, String> {
        if let Some(position) =
            self.operation.parameters.iter().position(|parameter| {
                parameter.place != ParameterPlace::Path && parameter.flag == name
            })
        {
            return Ok(FlagTarget::Parameter(position));
        }
        let unknown = || {
            format!(
                "unknown flag --{name} for {} {} (see --help)",
                self.service.table.id, self.operation.command
            )
        };
        let body = self.operation.body.as_ref().ok_or_else(unknown)?;
        let (segments, explicit_body) = match name.strip_prefix("body.") {
            Some(rest) => (rest, true),
            None => (name, false),
        };
        let segments: Vec<&str> = segments.split('.').collect();
        if !explicit_body && !self.root_segment_is_free(segments[0]) {
            return Err(unknown());
        }
        self.walk(&body.shape, &segments, false)
            .map(FlagTarget::Body)
            .map_err(|reason| match reason {
                Some(reason) => format!("--{name}: {reason}"),
                None => unknown(),
            })
    }

    /// The place `segments` name, starting at `shape`. `Err(None)` where the first segment
    /// names nothing (an unknown flag rather than a wrong path).
    fn walk(
        &self,
        shape: &Shape,
        segments: &[&str],
        secret: bool,
    ) -> Result<BodyTarget, Option<String>> {
        let mut steps = Vec::new();
        let mut current = shape.clone();
        let mut secret = secret;
        let mut remaining = segments;
        let mut guard = 0;
        while let Some((segment, rest)) = remaining.split_first() {
            guard += 1;
            if guard > 256 {
                return Err(Some("the flag is too deep".to_owned()));
            }
            let resolved = self.service.resolve(&current).clone();
            match &resolved {
                Shape::Array(item) => {
                    if let Ok(index) = segment.parse::<usize>() {
                        steps.push(PathStep::Index(index));
                        remaining = rest;
                    } else {
                        steps.push(PathStep::Next);
                    }
                    current = (**item).clone();
                    continue;
                }
                Shape::Map(value) => {
                    steps.push(PathStep::Key((*segment).to_owned()));
                    current = (**value).clone();
                    remaining = rest;
                    continue;
                }
                _ => {}
            }
            let fields = self.fields_of(&resolved).unwrap_or_default();
            // The flag segment, else the wire name itself (`--server.subnet_id` works too).
            let field = fields
                .iter()
                .find(|field| field.flag == *segment)
                .or_else(|| fields.iter().find(|field| field.name == *segment));
            let Some(field) = field else {
                if steps.is_empty() {
                    return Err(None);
                }
                return Err(Some(format!("there is no field `{segment}` here")));
            };
            steps.push(PathStep::Field(field.name.to_string()));
            secret |= field.secret;
            current = field.shape.clone();
            remaining = rest;
        }
        Ok(BodyTarget {
            steps,
            shape: current,
            secret,
        })
    }

    /// Every flag of the operation: the query and header parameters, then the body's leaves in
    /// the order of their fields.
    pub fn list(&self) -> Vec<FlagListing> {
        let mut listings = Vec::new();
        for parameter in &self.operation.parameters {
            if parameter.place == ParameterPlace::Path {
                continue;
            }
            listings.push(FlagListing {
                flag: parameter.flag.to_string(),
                place: parameter.place.name(),
                type_text: self.type_text(&parameter.shape),
                required: parameter.required,
                repeatable: matches!(self.service.resolve(&parameter.shape), Shape::Array(_)),
                secret: false,
                allowed_values: self.allowed_values(&parameter.shape, &parameter.constraints),
                default: parameter.constraints.default.as_ref().map(value_text),
                limits: limits_text(&parameter.constraints),
                description: parameter.description.as_deref().map(str::to_owned),
            });
        }
        if let Some(body) = &self.operation.body {
            let mut on_path = BTreeSet::new();
            match self.fields_of(&body.shape) {
                Some(fields) => {
                    for field in fields {
                        let prefix = format!("{}{}", self.root_prefix(&field.flag), field.flag);
                        self.list_field(
                            field,
                            prefix,
                            body.required,
                            0,
                            &mut on_path,
                            &mut listings,
                        );
                    }
                }
                None => listings.push(FlagListing {
                    flag: "body".to_owned(),
                    place: "body",
                    type_text: self.type_text(&body.shape),
                    required: body.required,
                    repeatable: false,
                    secret: false,
                    allowed_values: Vec::new(),
                    default: None,
                    limits: None,
                    description: Some("the whole body".to_owned()),
                }),
            }
        }
        listings
    }

    fn list_field(
        &self,
        field: &Field<'static>,
        flag: String,
        parents_required: bool,
        depth: usize,
        on_path: &mut BTreeSet<u32>,
        listings: &mut Vec<FlagListing>,
    ) {
        if listings.len() >= MAX_LISTED_FLAGS {
            return;
        }
        let required = parents_required && field.required;
        let leaf = |type_text: String, repeatable: bool| FlagListing {
            flag: flag.clone(),
            place: "body",
            type_text,
            required,
            repeatable,
            secret: field.secret,
            allowed_values: self.allowed_values(&field.shape, &field.constraints),
            default: field.constraints.default.as_ref().map(value_text),
            limits: limits_text(&field.constraints),
            description: field.description.as_deref().map(str::to_owned),
        };
        let resolved = self.service.resolve(&field.shape);
        // Where the walk goes on below this field: a struct, or an array of structs.
        let (inner, element_segment) = match resolved {
            Shape::Array(item) if self.fields_of(item).is_some() => (item.as_ref(), Some("<N>")),
            Shape::Map(value) if self.fields_of(value).is_some() => (value.as_ref(), Some("<KEY>")),
            other => (other, None),
        };
        let fields = self.fields_of(inner);
        let type_index = match self.service.resolve(inner) {
            Shape::Type(index) => Some(*index),
            _ => None,
        };
        let recursive = type_index.is_some_and(|index| on_path.contains(&index));
        match fields {
            Some(fields) if depth < MAX_LISTED_DEPTH && !recursive => {
                if let Some(index) = type_index {
                    on_path.insert(index);
                }
                let prefix = match element_segment {
                    Some(segment) => format!("{flag}.{segment}"),
                    None => flag.clone(),
                };
                for child in fields {
                    self.list_field(
                        child,
                        format!("{prefix}.{}", child.flag),
                        required,
                        depth + 1,
                        on_path,
                        listings,
                    );
                }
                if let Some(index) = type_index {
                    on_path.remove(&index);
                }
            }
            _ => {
                let repeatable = matches!(resolved, Shape::Array(_) | Shape::Map(_));
                listings.push(leaf(self.type_text(&field.shape), repeatable));
            }
        }
    }

    /// The type as help shows it.
    pub fn type_text(&self, shape: &Shape) -> String {
        self.type_text_bounded(shape, 0)
    }

    fn type_text_bounded(&self, shape: &Shape, depth: usize) -> String {
        if depth > 4 {
            return "JSON".to_owned();
        }
        match self.service.resolve(shape) {
            Shape::String => "string".to_owned(),
            Shape::Integer => "integer".to_owned(),
            Shape::Number => "number".to_owned(),
            Shape::Boolean => "boolean".to_owned(),
            Shape::Any => "JSON".to_owned(),
            Shape::Object => "JSON object".to_owned(),
            Shape::Bytes => "bytes".to_owned(),
            Shape::Array(item) => format!("array of {}", self.type_text_bounded(item, depth + 1)),
            Shape::Map(value) => format!(
                "map of {} (key=value)",
                self.type_text_bounded(value, depth + 1)
            ),
            Shape::Type(index) => match &self.service.type_entry(*index).kind {
                TypeKind::Enum { .. } => "string".to_owned(),
                TypeKind::Struct { .. } => "object (JSON)".to_owned(),
                TypeKind::Union { .. } => "one of several (JSON)".to_owned(),
                TypeKind::Alias(_) => "JSON".to_owned(),
            },
        }
    }

    /// The allowed values of a shape: its constraints' `enum`, or its enum type's values (of
    /// the items, for an array).
    pub fn allowed_values(
        &self,
        shape: &Shape,
        constraints: &otc_cli_table::Constraints,
    ) -> Vec<String> {
        if !constraints.allowed_values.is_empty() {
            return constraints.allowed_values.iter().map(value_text).collect();
        }
        let element = match self.service.resolve(shape) {
            Shape::Array(item) => self.service.resolve(item),
            other => other,
        };
        match element {
            Shape::Type(index) => match &self.service.type_entry(*index).kind {
                TypeKind::Enum { values } => values.iter().map(|value| value.to_string()).collect(),
                _ => Vec::new(),
            },
            Shape::Boolean => vec!["true".to_owned(), "false".to_owned()],
            _ => Vec::new(),
        }
    }

    /// A value at a body place written back as flags (without dashes) and their values: the
    /// flags that, given to this command, make the same body. Fields the spec does not know
    /// are given as JSON on the nearest flag above them, and `null`s through `--null`.
    pub fn flags_for_body(&self, body: &serde_json::Value) -> Vec<(String, String)> {
        let mut flags = Vec::new();
        let Some(request_body) = &self.operation.body else {
            return flags;
        };
        self.flags_for_value(&request_body.shape, body, "body", true, &mut flags);
        flags
    }

    fn flags_for_value(
        &self,
        shape: &Shape,
        value: &serde_json::Value,
        flag: &str,
        at_root: bool,
        flags: &mut Vec<(String, String)>,
    ) {
        use serde_json::Value;
        let resolved = self.service.resolve(shape);
        match (resolved, value) {
            (_, Value::Null) => flags.push(("null".to_owned(), flag.to_owned())),
            (_, Value::Object(members)) if self.fields_of(resolved).is_some() => {
                let fields = self.fields_of(resolved).unwrap_or_default();
                let known = |name: &str| fields.iter().find(|field| field.name == name);
                let unknown: serde_json::Map<String, Value> = members
                    .iter()
                    .filter(|(name, _)| known(name).is_none())
                    .map(|(name, member)| (name.clone(), member.clone()))
                    .collect();
                if members.is_empty() || !unknown.is_empty() {
                    // An empty object, or members only JSON can carry: the whole value as
                    // JSON on this flag (the body's own flag is `--body`).
                    flags.push((flag.to_owned(), value.to_string()));
                    return;
                }
                for (name, member) in members {
                    let Some(field) = known(name) else { continue };
                    let child_flag = if at_root {
                        format!("{}{}", self.root_prefix(&field.flag), field.flag)
                    } else {
                        format!("{flag}.{}", field.flag)
                    };
                    self.flags_for_value(&field.shape, member, &child_flag, false, flags);
                }
            }
            (Shape::Array(item), Value::Array(elements)) if !elements.is_empty() => {
                for (index, element) in elements.iter().enumerate() {
                    self.flags_for_value(item, element, &format!("{flag}.{index}"), false, flags);
                }
            }
            (Shape::Map(value_shape), Value::Object(entries))
                if !entries.is_empty() && entries.keys().all(|key| is_map_key_segment(key)) =>
            {
                for (key, entry) in entries {
                    self.flags_for_value(
                        value_shape,
                        entry,
                        &format!("{flag}.{key}"),
                        false,
                        flags,
                    );
                }
            }
            (Shape::String, Value::String(text)) if !at_root => {
                flags.push((flag.to_owned(), text.clone()))
            }
            (Shape::Type(index), Value::String(text))
                if !at_root
                    && matches!(self.service.type_entry(*index).kind, TypeKind::Enum { .. }) =>
            {
                flags.push((flag.to_owned(), text.clone()))
            }
            (
                Shape::Integer | Shape::Number | Shape::Boolean,
                Value::Number(_) | Value::Bool(_),
            ) if !at_root => flags.push((flag.to_owned(), value.to_string())),
            // Anything else (a value of another shape than documented, an array at the
            // root, JSON-valued fields): JSON on the flag.
            _ => flags.push((flag.to_owned(), value.to_string())),
        }
    }
}

/// Whether a map key can be a flag segment (`--metadata.env`): no dot, not empty, not all
/// digits. Other keys go as JSON on the map's flag.
fn is_map_key_segment(key: &str) -> bool {
    !key.is_empty()
        && !key.contains('.')
        && !key.contains('=')
        && !key.bytes().all(|byte| byte.is_ascii_digit())
}

/// A JSON value as help shows it: strings without quotes.
pub fn value_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn number_text(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        number.to_string()
    }
}

/// Bounds, lengths and item counts as help shows them, or `None`.
pub fn limits_text(constraints: &otc_cli_table::Constraints) -> Option<String> {
    let range = |minimum: Option<String>, maximum: Option<String>| match (minimum, maximum) {
        (None, None) => None,
        (minimum, maximum) => Some(format!(
            "{}..={}",
            minimum.unwrap_or_default(),
            maximum.unwrap_or_default()
        )),
    };
    let parts: Vec<String> = [
        range(
            constraints.minimum.map(number_text),
            constraints.maximum.map(number_text),
        ),
        range(
            constraints.min_length.map(|length| length.to_string()),
            constraints.max_length.map(|length| length.to_string()),
        )
        .map(|range| format!("length {range}")),
        range(
            constraints.min_items.map(|count| count.to_string()),
            constraints.max_items.map(|count| count.to_string()),
        )
        .map(|range| format!("items {range}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}
