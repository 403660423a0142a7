//! Values checked against the spec before anything is sent, each problem naming the flag that
//! sets the value (`--vpc.cidr: required`), and a response checked against its documented body
//! (a difference is one warning, never a failure: the docs can be wrong).

use otc_cli_table::{Constraints, ParameterPlace, Shape, TypeKind};
use serde_json::Value;

use crate::flags::OperationFlags;
use crate::input::RequestValues;

/// How deep values are checked: nesting past it is not looked at (the values come from a
/// person's flags or a body file, never this deep in practice).
const MAX_CHECK_DEPTH: usize = 64;

/// Every problem of the request's values, in the order of the parameters and the body.
pub fn check_request(flags: &OperationFlags<'_>, values: &RequestValues) -> Vec<String> {
    let operation = flags.operation;
    let mut problems = Vec::new();
    for (position, parameter) in operation.parameters.iter().enumerate() {
        if parameter.place == ParameterPlace::Path {
            continue;
        }
        let name = format!("--{}", parameter.flag);
        match values.parameters.get(&position) {
            None if parameter.required => problems.push(format!("{name}: required")),
            None => {}
            Some(given) => {
                let checker = Checker {
                    flags,
                    problems: &mut problems,
                };
                let resolved = flags.service.resolve(&parameter.shape);
                match resolved {
                    Shape::Array(item) => {
                        let mut checker = checker;
                        for value in given {
                            checker.check(item, &Constraints::default(), value, &name, 0);
                        }
                    }
                    _ => {
                        let mut checker = checker;
                        for value in given {
                            checker.check(
                                &parameter.shape,
                                &parameter.constraints,
                                value,
                                &name,
                                0,
                            );
                        }
                    }
                }
            }
        }
    }
    if let Some(body) = &operation.body {
        match (&values.body, &values.raw_body) {
            (None, None) if body.required => problems.push(
                "the request body is required: give --body or the body's flags (see --help)"
                    .to_owned(),
            ),
            (Some(value), _) => {
                let mut checker = Checker {
                    flags,
                    problems: &mut problems,
                };
                checker.check(&body.shape, &Constraints::default(), value, "", 0);
            }
            _ => {}
        }
    }
    problems
}

/// The first difference between a response body and its documented shape, if any. Members
/// the docs do not list are no difference (the docs often leave some out).
pub fn check_response(flags: &OperationFlags<'_>, shape: &Shape, value: &Value) -> Option<String> {
    let mut problems = Vec::new();
    let mut checker = Checker {
        flags,
        problems: &mut problems,
    };
    checker.check(shape, &Constraints::default(), value, "", 0);
    problems.into_iter().next()
}

struct Checker<'c, 's> {
    flags: &'c OperationFlags<'s>,
    problems: &'c mut Vec<String>,
}

impl Checker<'_, '_> {
    /// `name` is the flag of the value: `--vpc.cidr`, or `` for the body's root.
    fn check(
        &mut self,
        shape: &Shape,
        constraints: &Constraints,
        value: &Value,
        name: &str,
        depth: usize,
    ) {
        if depth > MAX_CHECK_DEPTH {
            return;
        }
        let shown = if name.is_empty() { "the body" } else { name };
        if value.is_null() {
            // `null` is what `--null` sends: allowed where the spec says nullable, and where
            // the shape is untyped.
            let resolved = self.flags.service.resolve(shape);
            if !constraints.nullable && !matches!(resolved, Shape::Any) {
                self.problems
                    .push(format!("{shown}: null is not allowed here"));
            }
            return;
        }
        let resolved = self.flags.service.resolve(shape).clone();
        match &resolved {
            Shape::String | Shape::Bytes => match value {
                Value::String(text) => {
                    let length = text.chars().count() as u64;
                    if let Some(minimum) = constraints.min_length {
                        if length < minimum {
                            self.problems
                                .push(format!("{shown}: shorter than {minimum} characters"));
                        }
                    }
                    if let Some(maximum) = constraints.max_length {
                        if length > maximum {
                            self.problems
                                .push(format!("{shown}: longer than {maximum} characters"));
                        }
                    }
                }
                other => self.mismatch(shown, "a string", other),
            },
            Shape::Integer => match value {
                Value::Number(number) if number.is_i64() || number.is_u64() => {
                    self.bounds(shown, number.as_f64().unwrap_or_default(), constraints)
                }
                other => self.mismatch(shown, "an integer", other),
            },
            Shape::Number => match value {
                Value::Number(number) => {
                    self.bounds(shown, number.as_f64().unwrap_or_default(), constraints)
                }
                other => self.mismatch(shown, "a number", other),
            },
            Shape::Boolean => {
                if !value.is_boolean() {
                    self.mismatch(shown, "true or false", value)
                }
            }
            Shape::Any => {}
            Shape::Object => {
                if !value.is_object() {
                    self.mismatch(shown, "a JSON object", value)
                }
            }
            Shape::Array(item) => match value {
                Value::Array(elements) => {
                    let count = elements.len() as u64;
                    if constraints.min_items.is_some_and(|minimum| count < minimum) {
                        self.problems.push(format!(
                            "{shown}: fewer than {} items",
                            constraints.min_items.unwrap_or_default()
                        ));
                    }
                    if constraints.max_items.is_some_and(|maximum| count > maximum) {
                        self.problems.push(format!(
                            "{shown}: more than {} items",
                            constraints.max_items.unwrap_or_default()
                        ));
                    }
                    for (index, element) in elements.iter().enumerate() {
                        let element_name = child_name(name, &index.to_string());
                        self.check(
                            item,
                            &Constraints::default(),
                            element,
                            &element_name,
                            depth + 1,
                        );
                    }
                }
                other => self.mismatch(shown, "an array", other),
            },
            Shape::Map(value_shape) => match value {
                Value::Object(entries) => {
                    for (key, entry) in entries {
                        let entry_name = child_name(name, key);
                        self.check(
                            value_shape,
                            &Constraints::default(),
                            entry,
                            &entry_name,
                            depth + 1,
                        );
                    }
                }
                other => self.mismatch(shown, "a JSON object (a map)", other),
            },
            Shape::Type(index) => {
                let entry = self.flags.service.type_entry(*index);
                match &entry.kind {
                    TypeKind::Enum { values } => match value {
                        Value::String(text) => {
                            if !values.iter().any(|allowed| allowed == text) {
                                let allowed: Vec<&str> =
                                    values.iter().map(|value| value.as_ref()).collect();
                                self.problems.push(format!(
                                    "{shown}: {text:?} is not one of {}",
                                    allowed.join(", ")
                                ));
                            }
                        }
                        other => self.mismatch(shown, "a string", other),
                    },
                    TypeKind::Struct { fields, additional } => match value {
                        Value::Object(members) => {
                            for field in fields {
                                let field_name = if name.is_empty() {
                                    format!(
                                        "--{}{}",
                                        self.flags.root_prefix(&field.flag),
                                        field.flag
                                    )
                                } else {
                                    child_name(name, &field.flag)
                                };
                                match members.get(field.name.as_ref()) {
                                    None if field.required => {
                                        self.problems.push(format!("{field_name}: required"))
                                    }
                                    None => {}
                                    Some(member) => self.check(
                                        &field.shape,
                                        &field.constraints,
                                        member,
                                        &field_name,
                                        depth + 1,
                                    ),
                                }
                            }
                            if let Some(additional) = additional {
                                for (key, member) in members {
                                    if fields.iter().all(|field| field.name != key.as_str()) {
                                        let member_name = child_name(name, key);
                                        self.check(
                                            additional,
                                            &Constraints::default(),
                                            member,
                                            &member_name,
                                            depth + 1,
                                        );
                                    }
                                }
                            }
                        }
                        other => self.mismatch(shown, "an object", other),
                    },
                    TypeKind::Union { variants, .. } => {
                        // Fits when one alternative takes it whole; otherwise the problems of
                        // the alternative that came closest.
                        let mut closest: Option<Vec<String>> = None;
                        for variant in variants {
                            let mut variant_problems = Vec::new();
                            let mut checker = Checker {
                                flags: self.flags,
                                problems: &mut variant_problems,
                            };
                            checker.check(variant, &Constraints::default(), value, name, depth + 1);
                            if variant_problems.is_empty() {
                                closest = None;
                                break;
                            }
                            if closest
                                .as_ref()
                                .is_none_or(|known| variant_problems.len() < known.len())
                            {
                                closest = Some(variant_problems);
                            }
                        }
                        if let Some(problems) = closest {
                            self.problems.extend(problems);
                        }
                    }
                    TypeKind::Alias(_) => {}
                }
            }
        }
        if !constraints.allowed_values.is_empty()
            && !matches!(resolved, Shape::Array(_) | Shape::Map(_))
            && !constraints.allowed_values.contains(value)
        {
            let allowed: Vec<String> = constraints
                .allowed_values
                .iter()
                .map(crate::flags::value_text)
                .collect();
            self.problems.push(format!(
                "{shown}: {} is not one of {}",
                value,
                allowed.join(", ")
            ));
        }
    }

    fn bounds(&mut self, shown: &str, number: f64, constraints: &Constraints) {
        if let Some(minimum) = constraints.minimum {
            if number < minimum {
                self.problems
                    .push(format!("{shown}: {number} is below the minimum {minimum}"));
            }
        }
        if let Some(maximum) = constraints.maximum {
            if number > maximum {
                self.problems
                    .push(format!("{shown}: {number} is above the maximum {maximum}"));
            }
        }
    }

    fn mismatch(&mut self, shown: &str, expected: &str, value: &Value) {
        let got = match value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        };
        self.problems
            .push(format!("{shown}: expected {expected}, got {got}"));
    }
}

/// The flag of a member below `name` (`--server.nics` + `0` → `--server.nics.0`); below the
/// body's root, `--body.<key>`.
fn child_name(name: &str, segment: &str) -> String {
    if name.is_empty() {
        format!("--body.{segment}")
    } else {
        format!("{name}.{segment}")
    }
}
