//! The type words of the "Type" column ("String", "Long", "Array of Tag objects", …) and what
//! schema each one means.

/// What a type word says, before object names are resolved to schemas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeWord {
    String,
    /// A 32-bit integer ("Integer", "int", "int32").
    Integer,
    /// A 64-bit integer ("Long", "int64").
    Long,
    Float,
    Double,
    /// A number without a stated width ("Number", "BigDecimal").
    Number,
    Boolean,
    /// A free-form JSON object ("Object", "Json").
    AnyObject,
    /// Any JSON value: the element type of a bare "Array".
    AnyValue,
    /// `Map<String,V>`.
    Map(Box<TypeWord>),
    Array(Box<TypeWord>),
    /// A named object documented in its own table ("X object", "Array of X objects").
    Object(String),
}

/// Reads a type word. Returns `None` for words that name nothing known.
///
/// The docs spell the same thing several ways ("Array of strings", "Array of String",
/// "`List<String>`", "`Array<Array<AvailabilityZone>>`"); each spelling is read here once.
pub fn parse_type_word(text: &str) -> Option<TypeWord> {
    parse_nested_type_word(text, 0)
}

/// Arrays and maps nested deeper than this are no type word: the docs nest two deep
/// ("Array<Array<AvailabilityZone>>"), and without a limit a cell of "Array of Array of …"
/// recursed until the stack overflowed (found by a fuzz regression test).
const MAXIMUM_TYPE_WORD_NESTING: usize = 16;

fn parse_nested_type_word(text: &str, depth: usize) -> Option<TypeWord> {
    if depth > MAXIMUM_TYPE_WORD_NESTING {
        return None;
    }
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    if let Some(scalar) = scalar_type_word(&lower) {
        return Some(scalar);
    }
    if lower == "array" || lower == "list" {
        return Some(TypeWord::Array(Box::new(TypeWord::AnyValue)));
    }
    // "Array of X objects" / "Array of strings" / "Array of integers".
    for prefix in ["array of ", "list of "] {
        if lower.starts_with(prefix) {
            let element = text[prefix.len()..].trim();
            return parse_array_element(element, depth)
                .map(|element| TypeWord::Array(Box::new(element)));
        }
    }
    // "Array<X>", "List<X>", "Map<String,X>".
    if let Some(inner) = generic_argument(text, "array").or_else(|| generic_argument(text, "list"))
    {
        return parse_array_element(inner, depth).map(|element| TypeWord::Array(Box::new(element)));
    }
    if let Some(inner) = generic_argument(text, "map") {
        let (key, value) = inner.split_once(',')?;
        if !key.trim().eq_ignore_ascii_case("string") {
            return None;
        }
        return parse_array_element(value.trim(), depth)
            .map(|value| TypeWord::Map(Box::new(value)));
    }
    // "X object" / "X objects".
    for suffix in [" objects", " object"] {
        if lower.ends_with(suffix) {
            let name = text[..text.len() - suffix.len()].trim();
            return is_schema_name(name).then(|| TypeWord::Object(name.to_owned()));
        }
    }
    None
}

fn scalar_type_word(lower: &str) -> Option<TypeWord> {
    Some(match lower {
        "string" | "str" | "uuid" => TypeWord::String,
        "integer" | "int" | "int32" | "short" => TypeWord::Integer,
        "long" | "int64" => TypeWord::Long,
        "float" => TypeWord::Float,
        "double" => TypeWord::Double,
        "number" | "bigdecimal" | "decimal" => TypeWord::Number,
        "boolean" | "bool" => TypeWord::Boolean,
        "object" | "json" | "jsonobject" => TypeWord::AnyObject,
        "anytype" | "any" => TypeWord::AnyValue,
        _ => return None,
    })
}

/// The element of an array: a plural scalar word ("strings"), a nested array, or an object
/// name with or without "object(s)".
fn parse_array_element(element: &str, depth: usize) -> Option<TypeWord> {
    let lower = element.to_ascii_lowercase();
    let singular = lower.strip_suffix('s').unwrap_or(&lower);
    if let Some(scalar) = scalar_type_word(&lower).or_else(|| scalar_type_word(singular)) {
        return Some(scalar);
    }
    if let Some(word) = parse_nested_type_word(element, depth + 1) {
        return Some(word);
    }
    is_schema_name(element).then(|| TypeWord::Object(element.to_owned()))
}

fn generic_argument<'a>(text: &'a str, generic_name: &str) -> Option<&'a str> {
    let open = text.find('<')?;
    if !text[..open].trim().eq_ignore_ascii_case(generic_name) || !text.ends_with('>') {
        return None;
    }
    Some(text[open + 1..text.len() - 1].trim())
}

/// Object names in the docs are identifiers ("LoadBalancer", "resize_info").
pub fn is_schema_name(name: &str) -> bool {
    let mut characters = name.chars();
    characters
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && characters.all(|character| character.is_ascii_alphanumeric() || character == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Option<TypeWord>) {
        assert_eq!(parse_type_word(text), expected, "type word {text:?}");
    }

    fn array(element: TypeWord) -> Option<TypeWord> {
        Some(TypeWord::Array(Box::new(element)))
    }

    #[test]
    fn scalar_words() {
        check("String", Some(TypeWord::String));
        check("Integer", Some(TypeWord::Integer));
        check("Long", Some(TypeWord::Long));
        check("Float", Some(TypeWord::Float));
        check("Double", Some(TypeWord::Double));
        check("Boolean", Some(TypeWord::Boolean));
        check("Object", Some(TypeWord::AnyObject));
    }

    #[test]
    fn arrays_and_maps() {
        check("Array", array(TypeWord::AnyValue));
        check("Array of strings", array(TypeWord::String));
        check("Array of integers", array(TypeWord::Integer));
        check("Array of String", array(TypeWord::String));
        check(
            "Array of Tag objects",
            array(TypeWord::Object("Tag".to_owned())),
        );
        check(
            "Array<Array<AvailabilityZone>>",
            array(TypeWord::Array(Box::new(TypeWord::Object(
                "AvailabilityZone".to_owned(),
            )))),
        );
        check(
            "Map<String,String>",
            Some(TypeWord::Map(Box::new(TypeWord::String))),
        );
        check("Map<Integer,String>", None);
    }

    #[test]
    fn objects_and_unknown_words() {
        check(
            "CreateLoadBalancerOption object",
            Some(TypeWord::Object("CreateLoadBalancerOption".to_owned())),
        );
        check("Strng", None);
        check("two words object", None);
    }
}
