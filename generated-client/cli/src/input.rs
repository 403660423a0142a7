//! The command line's values → the request's values: positional path arguments, query and
//! header parameters, and the body, assembled from `--body` (JSON or YAML, `@file`, `-` for
//! stdin) with the flags written over it (flags win) and `--null` fields set to `null`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

use otc_cli_table::{BodyEncoding, ParameterPlace, Shape, TypeKind};
use serde_json::Value;

use crate::command_line::CommandLine;
use crate::failure::CliError;
use crate::flags::{BodyTarget, FlagTarget, OperationFlags, PathStep};

/// The request's values, before they are checked against the spec.
#[derive(Debug, Default)]
pub struct RequestValues {
    /// `(wire name, value)` of each path parameter, in path order.
    pub path: Vec<(String, String)>,
    /// `(parameter position, values)`: one value, or one per element of an array.
    pub parameters: BTreeMap<usize, Vec<Value>>,
    pub body: Option<Value>,
    /// A text or binary body, sent as given.
    pub raw_body: Option<Vec<u8>>,
}

/// Reads `--body`'s argument: inline text, `@file`, or `-` for stdin.
pub fn read_body_argument(argument: &str) -> Result<Vec<u8>, CliError> {
    if argument == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|error| CliError::usage(format!("--body -: reading stdin: {error}")))?;
        return Ok(bytes);
    }
    if let Some(path) = argument.strip_prefix('@') {
        return std::fs::read(path)
            .map_err(|error| CliError::usage(format!("--body @{path}: {error}")));
    }
    Ok(argument.as_bytes().to_vec())
}

/// JSON, else YAML (a superset of JSON, but with JSON's own error message for text that
/// looks like JSON).
pub fn parse_structured(text: &[u8], what: &str) -> Result<Value, CliError> {
    let text = std::str::from_utf8(text)
        .map_err(|_| CliError::usage(format!("{what} is not UTF-8 text")))?;
    match serde_json::from_str::<Value>(text) {
        Ok(value) => Ok(value),
        Err(json_error) => {
            let trimmed = text.trim_start();
            if trimmed.starts_with('{') || trimmed.starts_with('[') {
                return Err(CliError::usage(format!(
                    "{what} is not valid JSON: {json_error}"
                )));
            }
            serde_yaml::from_str::<Value>(text).map_err(|yaml_error| {
                CliError::usage(format!("{what} is neither JSON nor YAML: {yaml_error}"))
            })
        }
    }
}

/// Everything the command line gives for the operation, assembled.
pub fn request_values(
    flags: &OperationFlags<'_>,
    command_line: &CommandLine,
    positional: &[String],
) -> Result<RequestValues, CliError> {
    let operation = flags.operation;
    let service = flags.service;
    let mut values = RequestValues::default();
    let path_parameters: Vec<_> = operation
        .parameters
        .iter()
        .filter(|parameter| parameter.place == ParameterPlace::Path)
        .collect();
    if positional.len() != path_parameters.len() {
        let expected: Vec<String> = path_parameters
            .iter()
            .map(|parameter| format!("<{}>", parameter.flag))
            .collect();
        return Err(CliError::usage(format!(
            "{} {} takes {} argument(s){}{}, {} given",
            service.table.id,
            operation.command,
            path_parameters.len(),
            if expected.is_empty() { "" } else { ": " },
            expected.join(" "),
            positional.len()
        )));
    }
    for (parameter, value) in path_parameters.iter().zip(positional) {
        values
            .path
            .push((parameter.name.to_string(), value.clone()));
    }
    // The body: `--body` first, flags over it.
    let body_definition = operation.body.as_ref();
    let mut body: Option<Value> = None;
    if let Some(argument) = command_line.value("body") {
        let definition = body_definition.ok_or_else(|| {
            CliError::usage(format!(
                "{} {} takes no body",
                service.table.id, operation.command
            ))
        })?;
        let bytes = read_body_argument(argument)?;
        match definition.encoding {
            BodyEncoding::Json | BodyEncoding::Form | BodyEncoding::Multipart => {
                body = Some(parse_structured(&bytes, "--body")?)
            }
            BodyEncoding::Text | BodyEncoding::Binary => values.raw_body = Some(bytes),
        }
    }
    let mut writer = BodyWriter::default();
    let mut given_scalars: BTreeSet<String> = BTreeSet::new();
    for (name, text) in &command_line.flags {
        match flags.resolve(name).map_err(CliError::usage)? {
            FlagTarget::Parameter(position) => {
                let parameter = &operation.parameters[position];
                let shape = service.resolve(&parameter.shape);
                let entry = values.parameters.entry(position).or_default();
                match shape {
                    Shape::Array(item) => entry.push(
                        parse_leaf(flags, item, text)
                            .map_err(|reason| flag_error(name, &reason))?,
                    ),
                    _ => {
                        if !entry.is_empty() {
                            return Err(CliError::usage(format!("--{name} is given twice")));
                        }
                        entry.push(
                            parse_leaf(flags, &parameter.shape, text)
                                .map_err(|reason| flag_error(name, &reason))?,
                        );
                    }
                }
            }
            FlagTarget::Body(target) => {
                let root = body.get_or_insert_with(|| Value::Object(Default::default()));
                writer.write(flags, root, name, &target, text, &mut given_scalars)?;
            }
        }
    }
    for name in command_line.values("null") {
        let name = name.trim_start_matches('-');
        let FlagTarget::Body(target) = flags.resolve(name).map_err(CliError::usage)? else {
            return Err(CliError::usage(format!(
                "--null {name}: only body fields can be null"
            )));
        };
        let root = body.get_or_insert_with(|| Value::Object(Default::default()));
        let steps = writer.concrete_steps(name, &target.steps);
        set_at(root, &steps, Value::Null);
    }
    values.body = body;
    Ok(values)
}

fn flag_error(name: &str, reason: &str) -> CliError {
    CliError::usage(format!("--{name}: {reason}"))
}

/// Writes flags into the body, counting the repetitions that pick array elements.
#[derive(Default)]
struct BodyWriter {
    /// The next element of each array a flag reaches without an index, per flag spelling.
    next_elements: BTreeMap<String, usize>,
    /// Arrays a flag appended to: the first append replaces what `--body` had there.
    appended_arrays: BTreeSet<Vec<ConcreteStep>>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ConcreteStep {
    Field(String),
    Index(usize),
}

impl BodyWriter {
    /// The steps with each `Next` replaced by the index this repetition of the flag stands for.
    fn concrete_steps(&mut self, name: &str, steps: &[PathStep]) -> Vec<ConcreteStep> {
        let mut concrete = Vec::new();
        for (position, step) in steps.iter().enumerate() {
            match step {
                PathStep::Field(field) | PathStep::Key(field) => {
                    concrete.push(ConcreteStep::Field(field.clone()))
                }
                PathStep::Index(index) => concrete.push(ConcreteStep::Index(*index)),
                PathStep::Next => {
                    // The flag's spelling with the position of this array marked: the same
                    // flag repeated takes the next element, different flags under one array
                    // fill the same elements in step.
                    let key = format!("{name}#{position}#{concrete:?}");
                    let counter = self.next_elements.entry(key).or_insert(0);
                    concrete.push(ConcreteStep::Index(*counter));
                    *counter += 1;
                }
            }
        }
        concrete
    }

    fn write(
        &mut self,
        flags: &OperationFlags<'_>,
        root: &mut Value,
        name: &str,
        target: &BodyTarget,
        text: &str,
        given_scalars: &mut BTreeSet<String>,
    ) -> Result<(), CliError> {
        let service = flags.service;
        let steps = self.concrete_steps(name, &target.steps);
        let shape = service.resolve(&target.shape);
        let trimmed = text.trim_start();
        match shape {
            Shape::Array(item) => {
                // JSON for the whole array, else one element per repetition.
                if trimmed.starts_with('[') {
                    if let Ok(value @ Value::Array(_)) = serde_json::from_str::<Value>(text) {
                        set_at(root, &steps, value);
                        return Ok(());
                    }
                }
                let element =
                    parse_leaf(flags, item, text).map_err(|reason| flag_error(name, &reason))?;
                if self.appended_arrays.insert(steps.clone()) {
                    set_at(root, &steps, Value::Array(Vec::new()));
                }
                if let Some(Value::Array(elements)) = get_at_mut(root, &steps) {
                    elements.push(element);
                }
                Ok(())
            }
            Shape::Map(value_shape) => {
                if trimmed.starts_with('{') {
                    if let Ok(value @ Value::Object(_)) = serde_json::from_str::<Value>(text) {
                        set_at(root, &steps, value);
                        return Ok(());
                    }
                }
                let (key, entry_text) = text.split_once('=').ok_or_else(|| {
                    flag_error(name, "a map entry is key=value (or the whole map as JSON)")
                })?;
                let entry = parse_leaf(flags, value_shape, entry_text)
                    .map_err(|reason| flag_error(name, &reason))?;
                let mut entry_steps = steps;
                entry_steps.push(ConcreteStep::Field(key.to_owned()));
                set_at(root, &entry_steps, entry);
                Ok(())
            }
            _ => {
                let spelled = format!("{steps:?}");
                if !given_scalars.insert(spelled) {
                    return Err(CliError::usage(format!("--{name} is given twice")));
                }
                let value = parse_leaf(flags, &target.shape, text)
                    .map_err(|reason| flag_error(name, &reason))?;
                set_at(root, &steps, value);
                Ok(())
            }
        }
    }
}

/// A flag's text as a value of `shape`: strings as given, numbers and booleans parsed, and
/// JSON for objects, unions and untyped values (an untyped value that is not JSON is a
/// string).
pub fn parse_leaf(flags: &OperationFlags<'_>, shape: &Shape, text: &str) -> Result<Value, String> {
    match flags.service.resolve(shape) {
        Shape::String | Shape::Bytes => Ok(Value::String(text.to_owned())),
        Shape::Integer => text
            .parse::<i64>()
            .map(Value::from)
            .or_else(|_| text.parse::<u64>().map(Value::from))
            .map_err(|_| format!("{text:?} is not an integer")),
        // A whole number stays an integer on the wire (`90`, not `90.0`), as people write it.
        Shape::Number => text
            .parse::<i64>()
            .map(Value::from)
            .ok()
            .or_else(|| {
                text.parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map(Value::Number)
            })
            .ok_or_else(|| format!("{text:?} is not a number")),
        Shape::Boolean => match text {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(format!("{text:?} is not true or false")),
        },
        Shape::Any => {
            Ok(serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned())))
        }
        Shape::Type(index)
            if matches!(flags.service.type_entry(*index).kind, TypeKind::Enum { .. }) =>
        {
            Ok(Value::String(text.to_owned()))
        }
        Shape::Object | Shape::Array(_) | Shape::Map(_) | Shape::Type(_) => {
            serde_json::from_str(text).map_err(|error| format!("expected JSON here: {error}"))
        }
    }
}

/// Sets `value` at `steps` under `root`, making the objects and arrays on the way.
pub fn set_at(root: &mut Value, steps: &[ConcreteStep], value: Value) {
    let Some((last, parents)) = steps.split_last() else {
        *root = value;
        return;
    };
    let mut current = root;
    for (position, step) in parents.iter().enumerate() {
        let next_is_index = matches!(steps[position + 1], ConcreteStep::Index(_));
        let empty = || {
            if next_is_index {
                Value::Array(Vec::new())
            } else {
                Value::Object(Default::default())
            }
        };
        current = match step {
            ConcreteStep::Field(name) => {
                if !current.is_object() {
                    *current = Value::Object(Default::default());
                }
                let object = current.as_object_mut().expect("an object");
                let member = object.entry(name.clone()).or_insert_with(empty);
                if member.is_null() {
                    *member = empty();
                }
                member
            }
            ConcreteStep::Index(index) => {
                if !current.is_array() {
                    *current = Value::Array(Vec::new());
                }
                let array = current.as_array_mut().expect("an array");
                while array.len() <= *index {
                    array.push(Value::Null);
                }
                if array[*index].is_null() {
                    array[*index] = empty();
                }
                &mut array[*index]
            }
        };
    }
    match last {
        ConcreteStep::Field(name) => {
            if !current.is_object() {
                *current = Value::Object(Default::default());
            }
            current
                .as_object_mut()
                .expect("an object")
                .insert(name.clone(), value);
        }
        ConcreteStep::Index(index) => {
            if !current.is_array() {
                *current = Value::Array(Vec::new());
            }
            let array = current.as_array_mut().expect("an array");
            while array.len() <= *index {
                array.push(Value::Null);
            }
            array[*index] = value;
        }
    }
}

fn get_at_mut<'v>(root: &'v mut Value, steps: &[ConcreteStep]) -> Option<&'v mut Value> {
    let mut current = root;
    for step in steps {
        current = match step {
            ConcreteStep::Field(name) => current.get_mut(name.as_str())?,
            ConcreteStep::Index(index) => current.get_mut(*index)?,
        };
    }
    Some(current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_at_makes_the_containers_on_the_way() {
        let mut root = Value::Object(Default::default());
        let steps = [
            ConcreteStep::Field("server".to_owned()),
            ConcreteStep::Field("nics".to_owned()),
            ConcreteStep::Index(1),
            ConcreteStep::Field("subnet_id".to_owned()),
        ];
        set_at(&mut root, &steps, Value::from("s-1"));
        assert_eq!(
            root,
            serde_json::json!({"server": {"nics": [null, {"subnet_id": "s-1"}]}})
        );
    }

    #[test]
    fn a_body_is_json_or_yaml() {
        assert_eq!(
            parse_structured(b"vpc:\n  name: web\n", "--body").expect("YAML"),
            serde_json::json!({"vpc": {"name": "web"}})
        );
        let error = parse_structured(b"{\"vpc\": ", "--body").expect_err("broken JSON");
        assert!(
            error.message.starts_with("--body is not valid JSON"),
            "{}",
            error.message
        );
    }
}
