//! The schema of one table row: its type word made a schema, the constraints of its
//! description applied (limits, default, enumeration, nullable), secrets marked, and the
//! parameter or property it becomes.

use openapiv3::{
    AdditionalProperties, ArrayType, BooleanType, IntegerFormat, IntegerType, NumberFormat,
    NumberType, ObjectType, Parameter, ParameterData, ParameterSchemaOrContent, PathStyle,
    QueryStyle, ReferenceOr, Schema, SchemaData, SchemaKind, StringFormat, StringType, Type,
    VariantOrUnknownOrEmpty,
};

use crate::import::constraints::DescriptionConstraints;
use crate::import::type_words::TypeWord;

/// Where a parameter goes in the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterLocation {
    Path,
    Query,
    Header,
}

/// One row of a parameter or object table, read.
#[derive(Debug)]
pub struct ParameterRow {
    pub name: String,
    pub required: bool,
    pub schema: ReferenceOr<Schema>,
    pub description: String,
    /// The type word names one object without saying how many ("Object", "Data structure",
    /// a bare struct name): the page's examples may show an array of them.
    pub vague_shape: bool,
}

/// Marks a field whose table has no Type column: `example_evidence` types it as the page's
/// example shows it (it stays any value where no example shows it).
pub fn mark_untyped(schema: ReferenceOr<Schema>) -> ReferenceOr<Schema> {
    match schema {
        ReferenceOr::Item(mut schema) => {
            schema.schema_data.extensions.insert(
                crate::import::example_evidence::UNTYPED_MARKER.to_owned(),
                serde_json::Value::Bool(true),
            );
            ReferenceOr::Item(schema)
        }
        reference => reference,
    }
}

/// Marks a property whose type word does not say whether it holds one object or several, for
/// `example_evidence` (a bare reference is wrapped in a one-part `allOf` to carry the mark).
pub fn mark_vague_shape(schema: ReferenceOr<Schema>) -> ReferenceOr<Schema> {
    let mut schema = match schema {
        reference @ ReferenceOr::Reference { .. } => Schema {
            schema_data: SchemaData::default(),
            schema_kind: SchemaKind::AllOf {
                all_of: vec![reference],
            },
        },
        ReferenceOr::Item(schema) => schema,
    };
    schema.schema_data.extensions.insert(
        crate::import::example_evidence::VAGUE_SHAPE_MARKER.to_owned(),
        serde_json::Value::Bool(true),
    );
    ReferenceOr::Item(schema)
}

/// The schema of a type word that names no object (objects are the table reader's: they refer
/// to tables); `None` for an object name.
pub fn scalar_schema(type_word: &TypeWord) -> Option<SchemaKind> {
    Some(match type_word {
        TypeWord::String => SchemaKind::Type(Type::String(StringType::default())),
        TypeWord::File => SchemaKind::Type(Type::String(StringType {
            format: VariantOrUnknownOrEmpty::Item(StringFormat::Binary),
            ..StringType::default()
        })),
        TypeWord::StringOfLength(length) => SchemaKind::Type(Type::String(StringType {
            max_length: Some(*length),
            ..StringType::default()
        })),
        TypeWord::Int32 => SchemaKind::Type(Type::Integer(IntegerType {
            format: VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32),
            ..IntegerType::default()
        })),
        TypeWord::Integer | TypeWord::Long => SchemaKind::Type(Type::Integer(IntegerType {
            format: VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64),
            ..IntegerType::default()
        })),
        TypeWord::Float => SchemaKind::Type(Type::Number(NumberType {
            format: VariantOrUnknownOrEmpty::Item(NumberFormat::Float),
            ..NumberType::default()
        })),
        TypeWord::Double => SchemaKind::Type(Type::Number(NumberType {
            format: VariantOrUnknownOrEmpty::Item(NumberFormat::Double),
            ..NumberType::default()
        })),
        TypeWord::Number => SchemaKind::Type(Type::Number(NumberType::default())),
        TypeWord::Boolean => SchemaKind::Type(Type::Boolean(BooleanType::default())),
        TypeWord::AnyObject => SchemaKind::Type(Type::Object(ObjectType {
            additional_properties: Some(AdditionalProperties::Any(true)),
            ..ObjectType::default()
        })),
        TypeWord::AnyValue => SchemaKind::Any(Default::default()),
        TypeWord::Map(_) | TypeWord::Array(_) | TypeWord::Object(_) => return None,
    })
}

/// A schema of this kind with no other data.
pub fn plain_schema(schema_kind: SchemaKind) -> Schema {
    Schema {
        schema_data: SchemaData::default(),
        schema_kind,
    }
}

/// A map from strings to values of the given schema.
pub fn map_schema(values: ReferenceOr<Schema>) -> Schema {
    plain_schema(SchemaKind::Type(Type::Object(ObjectType {
        additional_properties: Some(AdditionalProperties::Schema(Box::new(values))),
        ..ObjectType::default()
    })))
}

/// An array schema of the given items.
pub fn array_schema(items: ReferenceOr<Schema>) -> Schema {
    plain_schema(SchemaKind::Type(Type::Array(ArrayType {
        items: Some(box_schema(items)),
        min_items: None,
        max_items: None,
        unique_items: false,
    })))
}

pub fn build_parameter(location: ParameterLocation, row: ParameterRow) -> Parameter {
    let is_array = matches!(
        &row.schema,
        ReferenceOr::Item(Schema {
            schema_kind: SchemaKind::Type(Type::Array(_)),
            ..
        })
    );
    let mut schema = row.schema;
    // A bare "Array" query parameter repeats its key with string values (`?id=a&id=b`).
    if let ReferenceOr::Item(Schema {
        schema_kind: SchemaKind::Type(Type::Array(array)),
        ..
    }) = &mut schema
    {
        if let Some(ReferenceOr::Item(items)) = &mut array.items {
            if matches!(items.schema_kind, SchemaKind::Any(_)) {
                items.schema_kind = SchemaKind::Type(Type::String(StringType::default()));
            }
        }
    }
    let parameter_data = ParameterData {
        name: row.name,
        description: non_empty(row.description),
        required: row.required || location == ParameterLocation::Path,
        deprecated: None,
        format: ParameterSchemaOrContent::Schema(schema),
        example: None,
        examples: Default::default(),
        explode: (location == ParameterLocation::Query && is_array).then_some(true),
        extensions: Default::default(),
    };
    match location {
        ParameterLocation::Path => Parameter::Path {
            parameter_data,
            style: PathStyle::Simple,
        },
        ParameterLocation::Query => Parameter::Query {
            parameter_data,
            allow_reserved: false,
            style: QueryStyle::Form,
            allow_empty_value: None,
        },
        ParameterLocation::Header => Parameter::Header {
            parameter_data,
            style: openapiv3::HeaderStyle::Simple,
        },
    }
}

pub fn non_empty(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

pub fn box_schema(schema: ReferenceOr<Schema>) -> ReferenceOr<Box<Schema>> {
    match schema {
        ReferenceOr::Item(schema) => ReferenceOr::Item(Box::new(schema)),
        ReferenceOr::Reference { reference } => ReferenceOr::Reference { reference },
    }
}

/// Puts a description on a property schema. A `$ref` cannot carry siblings in OpenAPI 3.0, so
/// a described reference is wrapped in a single-element `allOf`.
pub fn with_description(schema: ReferenceOr<Schema>, description: String) -> ReferenceOr<Schema> {
    let Some(description) = non_empty(description) else {
        return schema;
    };
    match schema {
        ReferenceOr::Item(mut schema) => {
            schema.schema_data.description = Some(description);
            ReferenceOr::Item(schema)
        }
        reference @ ReferenceOr::Reference { .. } => ReferenceOr::Item(Schema {
            schema_data: SchemaData {
                description: Some(description),
                ..SchemaData::default()
            },
            schema_kind: SchemaKind::AllOf {
                all_of: vec![reference],
            },
        }),
    }
}

/// Applies the constraint lines of a description to the schema of its row.
pub fn apply_constraints(
    schema: &mut ReferenceOr<Schema>,
    constraints: &DescriptionConstraints,
) -> Result<(), String> {
    let has_constraints = constraints.minimum.is_some()
        || constraints.maximum.is_some()
        || constraints.default.is_some()
        || !constraints.enum_values.is_empty();
    if let ReferenceOr::Reference { reference } = schema {
        if !has_constraints && !constraints.nullable {
            return Ok(());
        }
        let reference = ReferenceOr::Reference {
            reference: reference.clone(),
        };
        *schema = ReferenceOr::Item(Schema {
            schema_data: SchemaData::default(),
            schema_kind: SchemaKind::AllOf {
                all_of: vec![reference],
            },
        });
    }
    let ReferenceOr::Item(schema) = schema else {
        return Ok(());
    };
    schema.schema_data.nullable = constraints.nullable;
    // OpenAPI 3.0.3 only honours `nullable` next to `type`: a nullable reference to an object
    // table says `type: object` beside its `allOf`.
    if constraints.nullable {
        if let SchemaKind::AllOf { all_of } = &schema.schema_kind {
            schema.schema_kind = SchemaKind::Any(openapiv3::AnySchema {
                typ: Some("object".to_owned()),
                all_of: all_of.clone(),
                ..openapiv3::AnySchema::default()
            });
        }
    }
    let default = constraints.default.as_deref();
    match &mut schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => {
            string.min_length = parse_limit(constraints.minimum.as_deref(), "Minimum")?;
            // A length the type word states ("String(255)") stays unless the description
            // states one.
            if let Some(maximum) = parse_limit(constraints.maximum.as_deref(), "Maximum")? {
                string.max_length = Some(maximum);
            }
            string.enumeration = constraints.enum_values.iter().cloned().map(Some).collect();
            schema.schema_data.default =
                default.map(|value| serde_json::Value::String(value.to_owned()));
        }
        SchemaKind::Type(Type::Integer(integer)) => {
            integer.minimum = parse_integer(constraints.minimum.as_deref(), "Minimum")?;
            integer.maximum = parse_integer(constraints.maximum.as_deref(), "Maximum")?;
            integer.enumeration = constraints
                .enum_values
                .iter()
                .map(|value| parse_integer(Some(value), "enumeration value"))
                .collect::<Result<_, _>>()?;
            schema.schema_data.default =
                parse_integer(default, "Default")?.map(serde_json::Value::from);
        }
        SchemaKind::Type(Type::Number(number)) => {
            number.minimum = parse_number(constraints.minimum.as_deref(), "Minimum")?;
            number.maximum = parse_number(constraints.maximum.as_deref(), "Maximum")?;
            number.enumeration = constraints
                .enum_values
                .iter()
                .map(|value| parse_number(Some(value), "enumeration value"))
                .collect::<Result<_, _>>()?;
            schema.schema_data.default =
                parse_number(default, "Default")?.map(serde_json::Value::from);
        }
        SchemaKind::Type(Type::Boolean(_)) => {
            if constraints.minimum.is_some() || constraints.maximum.is_some() {
                return Err("Minimum/Maximum on a Boolean".to_owned());
            }
            let known_values = constraints
                .enum_values
                .iter()
                .all(|value| value == "true" || value == "false");
            if !known_values {
                return Err(format!(
                    "enumeration values {:?} on a Boolean",
                    constraints.enum_values
                ));
            }
            schema.schema_data.default = match default {
                None => None,
                Some("true") => Some(serde_json::Value::Bool(true)),
                Some("false") => Some(serde_json::Value::Bool(false)),
                Some(other) => return Err(format!("Default {other:?} is not a Boolean")),
            };
        }
        SchemaKind::Type(Type::Array(array)) => {
            array.min_items = parse_limit(constraints.minimum.as_deref(), "Minimum")?;
            array.max_items = parse_limit(constraints.maximum.as_deref(), "Maximum")?;
            if !constraints.enum_values.is_empty() {
                match &mut array.items {
                    Some(ReferenceOr::Item(items)) => match &mut items.schema_kind {
                        // An untyped "Array" whose values are listed: an array of those words.
                        SchemaKind::Any(_) => {
                            items.schema_kind = SchemaKind::Type(Type::String(StringType {
                                enumeration: constraints
                                    .enum_values
                                    .iter()
                                    .cloned()
                                    .map(Some)
                                    .collect(),
                                ..StringType::default()
                            }));
                        }
                        SchemaKind::Type(Type::String(string)) => {
                            string.enumeration =
                                constraints.enum_values.iter().cloned().map(Some).collect();
                        }
                        SchemaKind::Type(Type::Integer(integer)) => {
                            integer.enumeration = constraints
                                .enum_values
                                .iter()
                                .map(|value| parse_integer(Some(value), "enumeration value"))
                                .collect::<Result<_, _>>()?;
                        }
                        _ => {
                            return Err(
                                "enumeration values on an array whose elements are neither strings nor integers"
                                    .to_owned(),
                            )
                        }
                    },
                    _ => return Err("enumeration values on an array of objects".to_owned()),
                }
            }
            if let Some(default) = default {
                let value: serde_json::Value = serde_json::from_str(default)
                    .map_err(|_| format!("Default {default:?} is not a JSON array"))?;
                schema.schema_data.default = Some(value);
            }
        }
        _ => {
            if has_constraints {
                return Err("Minimum/Maximum/Default/enumeration values on an object".to_owned());
            }
        }
    }
    drop_bounds_the_default_breaks(schema);
    Ok(())
}

/// Takes out a default that is not one of the schema's enumeration values ("The default value
/// is start_time_desc." read as a default): the spec never contradicts itself, and the caller
/// puts the text back into the description.
pub fn take_default_outside_enumeration(
    schema: &mut ReferenceOr<Schema>,
) -> Option<serde_json::Value> {
    let ReferenceOr::Item(schema) = schema else {
        return None;
    };
    let default = schema.schema_data.default.as_ref()?;
    let allowed = match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => string
            .enumeration
            .iter()
            .flatten()
            .any(|value| default.as_str() == Some(value.as_str())),
        SchemaKind::Type(Type::Integer(integer)) if !integer.enumeration.is_empty() => integer
            .enumeration
            .iter()
            .flatten()
            .any(|value| default.as_i64() == Some(*value)),
        _ => return None,
    };
    if allowed {
        None
    } else {
        schema.schema_data.default.take()
    }
}

/// A default outside the stated minimum and maximum ("-1 or 1–99999", default -1) shows that
/// the bounds are not the whole story: they are left out (the description still says them),
/// so the spec never contradicts itself.
fn drop_bounds_the_default_breaks(schema: &mut Schema) {
    let Some(default) = schema
        .schema_data
        .default
        .as_ref()
        .and_then(serde_json::Value::as_f64)
    else {
        return;
    };
    match &mut schema.schema_kind {
        SchemaKind::Type(Type::Integer(integer)) => {
            let below = integer
                .minimum
                .is_some_and(|minimum| default < minimum as f64);
            let above = integer
                .maximum
                .is_some_and(|maximum| default > maximum as f64);
            if below || above {
                integer.minimum = None;
                integer.maximum = None;
            }
        }
        SchemaKind::Type(Type::Number(number)) => {
            let below = number.minimum.is_some_and(|minimum| default < minimum);
            let above = number.maximum.is_some_and(|maximum| default > maximum);
            if below || above {
                number.minimum = None;
                number.maximum = None;
            }
        }
        _ => {}
    }
}

fn parse_limit(text: Option<&str>, label: &str) -> Result<Option<usize>, String> {
    text.map(|text| {
        text.parse::<usize>()
            .map_err(|_| format!("{label} {text:?} is not a length"))
    })
    .transpose()
}

fn parse_integer(text: Option<&str>, label: &str) -> Result<Option<i64>, String> {
    text.map(|text| {
        text.parse::<i64>()
            .map_err(|_| format!("{label} {text:?} is not an integer"))
    })
    .transpose()
}

fn parse_number(text: Option<&str>, label: &str) -> Result<Option<f64>, String> {
    text.map(|text| {
        text.parse::<f64>()
            .map_err(|_| format!("{label} {text:?} is not a number"))
    })
    .transpose()
}

/// Field names that hold secrets. Such string fields get `format: password`, which the
/// generated client redacts in `Debug` output; the overrides file corrects a wrong guess.
const SECRET_FIELD_NAMES: [&str; 5] = ["password", "passwd", "private_key", "secret", "secret_key"];

pub fn mark_secret(name: &str, schema: &mut ReferenceOr<Schema>) {
    let lower = name.to_ascii_lowercase();
    let is_secret = SECRET_FIELD_NAMES
        .iter()
        .any(|secret| lower == *secret || lower.ends_with(&format!("_{secret}")));
    if !is_secret {
        return;
    }
    if let ReferenceOr::Item(Schema {
        schema_kind: SchemaKind::Type(Type::String(string)),
        ..
    }) = schema
    {
        string.format = VariantOrUnknownOrEmpty::Item(StringFormat::Password);
    }
}
