//! The type words of the "Type" column ("String", "Long", "Array of Tag objects", …) and what
//! schema each one means.

/// What a type word says, before object names are resolved to schemas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeWord {
    String,
    /// An integer without a stated width ("Integer", "int"): 64 bits, since the pages write
    /// "Integer" for values that do not fit in 32 (VPCEP's `marker_id` 322312312312, RDS's
    /// `restore_time` in milliseconds).
    Integer,
    /// An integer the page says is 32 bits wide ("int32").
    Int32,
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
    /// The content of a file, sent as a part of a form ("File").
    File,
    /// A string of at most this many characters ("String(255)").
    StringOfLength(usize),
    /// `Map<String,V>`.
    Map(Box<TypeWord>),
    Array(Box<TypeWord>),
    /// A named object documented in its own table ("X object", "Array of X objects").
    Object(String),
}

impl TypeWord {
    /// Whether the word names a scalar: a string, a number or a boolean.
    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            TypeWord::String
                | TypeWord::File
                | TypeWord::StringOfLength(_)
                | TypeWord::Integer
                | TypeWord::Int32
                | TypeWord::Long
                | TypeWord::Float
                | TypeWord::Double
                | TypeWord::Number
                | TypeWord::Boolean
        )
    }
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
const MAX_TYPE_WORD_NESTING: usize = 16;

fn parse_nested_type_word(text: &str, depth: usize) -> Option<TypeWord> {
    if depth > MAX_TYPE_WORD_NESTING {
        return None;
    }
    // "Dictionary data structure. For details, see Table 3.": the type, then where it is; "List
    // (SNAT rules)", "Array of objects (Table 6)": the type, then a remark.
    let text = text.trim();
    // "ENUM\n<Enumeration>": the type on the first line, a remark under it.
    let text = match text.split_once('\n') {
        Some((first, rest)) if rest.trim().starts_with('<') => first,
        _ => text,
    };
    let text = match text.find(['.', '\n']) {
        Some(position)
            if text[position..]
                .trim_start_matches(['.', '\n', ' '])
                .to_ascii_lowercase()
                .starts_with("for details") =>
        {
            &text[..position]
        }
        _ => text,
    };
    let text = match text.split_once(" (") {
        Some((type_part, remark)) if remark.ends_with(')') && depth == 0 => type_part,
        _ => text,
    };
    let text = text.trim().trim_end_matches('.').trim();
    let lower = text.to_ascii_lowercase();
    // "Array of objects in Table 5", "Array of Table 4objects".
    if lower.starts_with("array of objects in table")
        || lower.starts_with("array of table ")
            && lower
                .trim_end_matches("objects")
                .trim_end_matches("object")
                .trim()
                .rsplit(' ')
                .next()
                .is_some_and(|last| last.chars().all(|c| c.is_ascii_digit()))
    {
        return Some(TypeWord::Array(Box::new(TypeWord::AnyObject)));
    }
    // "Array of Table NodeInfo objects": the word "Table" before the object's name.
    if let Some(rest) = lower.strip_prefix("array of table ") {
        let name = &text[text.len() - rest.len()..];
        return parse_array_element(name, depth).map(|element| TypeWord::Array(Box::new(element)));
    }
    // "Array[String]", "Array(Object)", "Array String".
    for (open, close) in [("array[", "]"), ("array(", ")")] {
        if let Some(inner) = lower
            .strip_prefix(open)
            .and_then(|rest| rest.strip_suffix(close))
        {
            let inner = &text[open.len()..open.len() + inner.len()];
            return parse_array_element(inner, depth)
                .map(|element| TypeWord::Array(Box::new(element)));
        }
    }
    if let Some(rest) = lower.strip_prefix("array ") {
        if scalar_type_word(rest).is_some() {
            return scalar_type_word(rest).map(|element| TypeWord::Array(Box::new(element)));
        }
    }
    if let Some(scalar) = scalar_type_word(&lower).or_else(|| misspelled_scalar_type_word(&lower)) {
        return Some(scalar);
    }
    if let Some(length) = bounded_string_length(&lower) {
        return Some(TypeWord::StringOfLength(length));
    }
    if [
        "array",
        "list",
        "list data structure",
        "objects",
        "array_reference",
        "array reference",
    ]
    .contains(&lower.as_str())
    {
        return Some(TypeWord::Array(Box::new(TypeWord::AnyValue)));
    }
    // "Table 3", "Table 6 object": a table the cell links to.
    if is_table_number(&lower) {
        return Some(TypeWord::AnyObject);
    }
    // "[Long]".
    if let Some(inner) = lower
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
    {
        return parse_array_element(&text[1..=inner.len()], depth)
            .map(|element| TypeWord::Array(Box::new(element)));
    }
    // "Array of X objects" / "Array of strings" / "Array of integers" / "Arrays of …".
    for prefix in ["array of ", "arrays of ", "list of "] {
        if lower.starts_with(prefix) {
            let element = text[prefix.len()..].trim();
            return parse_array_element(element, depth)
                .map(|element| TypeWord::Array(Box::new(element)));
        }
    }
    // "String array", "Tags structure array", "Integer list".
    for suffix in [" structure array", " array", " list"] {
        if lower.ends_with(suffix) && lower.len() > suffix.len() {
            let element = text[..text.len() - suffix.len()].trim();
            return parse_array_element(element, depth)
                .map(|element| TypeWord::Array(Box::new(element)));
        }
    }
    // "Array<X>", "List<X>", "Set<X>", "Map<String,X>", "Dict<X>".
    if let Some(inner) = generic_argument(text, "array")
        .or_else(|| generic_argument(text, "list"))
        .or_else(|| generic_argument(text, "set"))
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
    if generic_argument(text, "dict").is_some() {
        return Some(TypeWord::AnyObject);
    }
    // "Objects in Table 6", "Table6 Data structure of the nodeTemplate field object": a table
    // the cell links to.
    if lower.starts_with("objects in table") {
        return Some(TypeWord::Array(Box::new(TypeWord::AnyObject)));
    }
    if lower.starts_with("table") && lower[5..].starts_with(|c: char| c.is_ascii_digit()) {
        return Some(TypeWord::AnyObject);
    }
    // "String/Integer": either, so any value.
    if let Some((first, second)) = lower.split_once('/') {
        if scalar_type_word(first.trim()).is_some() && scalar_type_word(second.trim()).is_some() {
            return Some(TypeWord::AnyValue);
        }
    }
    // "List(Dict)".
    if let Some(inner) = lower
        .strip_prefix("list(")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        let inner = &text[5..5 + inner.len()];
        return parse_array_element(inner, depth).map(|element| TypeWord::Array(Box::new(element)));
    }
    // "Dictionary data structure [1]": a footnote mark after the type.
    if let Some(position) = text.rfind(" [") {
        if text.ends_with(']')
            && text[position + 2..text.len() - 1]
                .chars()
                .all(|c| c.is_ascii_digit())
        {
            return parse_nested_type_word(&text[..position], depth + 1);
        }
    }
    // "X object" / "X objects" / "X data structure" / "X structure".
    for suffix in [" objects", " object", " data structure", " structure"] {
        if lower.ends_with(suffix) {
            let name = text[..text.len() - suffix.len()].trim();
            // "Map<String,String> objects": a type word, then "objects".
            if name.contains('<') {
                if let Some(word) = parse_nested_type_word(name, depth + 1) {
                    return Some(word);
                }
            }
            if is_table_number(&name.to_ascii_lowercase()) {
                return Some(TypeWord::AnyObject);
            }
            if name.eq_ignore_ascii_case("data") || name.eq_ignore_ascii_case("dictionary") {
                return Some(TypeWord::AnyObject);
            }
            let is_spaced_name =
                name.split(' ').all(is_object_name) && name.split(' ').count() <= 4;
            return (is_object_name(name) || is_spaced_name)
                .then(|| TypeWord::Object(name.to_owned()));
        }
    }
    // "<T>": a value of any type.
    if lower == "<t>" || lower == "t" {
        return Some(TypeWord::AnyValue);
    }
    // A bare object name: "ChargeInfo", "RestoreInstSource", "Volume".
    let is_capitalized = text.starts_with(|character: char| character.is_ascii_uppercase())
        && text.chars().any(|character| character.is_ascii_lowercase())
        && text.len() >= 3;
    if is_capitalized && is_schema_name(text) {
        return Some(TypeWord::Object(text.to_owned()));
    }
    None
}

/// `table 3`: a table number standing for a type.
fn is_table_number(lower: &str) -> bool {
    lower
        .strip_prefix("table")
        .map(str::trim_start)
        .is_some_and(|number| !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()))
}

/// `string(255)` → 255.
fn bounded_string_length(lower: &str) -> Option<usize> {
    let inner = lower.strip_prefix("string(")?.strip_suffix(')')?;
    inner.trim().parse().ok()
}

fn scalar_type_word(lower: &str) -> Option<TypeWord> {
    Some(match lower {
        "file" => TypeWord::File,
        "string" | "str" | "uuid" | "datetime" | "date" | "char" | "text" | "enum" => {
            TypeWord::String
        }
        "integer" | "int" | "short" | "interger" => TypeWord::Integer,
        "int32" => TypeWord::Int32,
        "long" | "int64" | "long integer" => TypeWord::Long,
        "float" => TypeWord::Float,
        "double" => TypeWord::Double,
        "number" | "bigdecimal" | "decimal" => TypeWord::Number,
        "boolean" | "bool" => TypeWord::Boolean,
        "object"
        | "json"
        | "jsonobject"
        | "dict"
        | "dictionary"
        | "map"
        | "data structure"
        | "dictionary data structure"
        | "struct"
        | "reference" => TypeWord::AnyObject,
        "anytype" | "any" | "null" | "none" => TypeWord::AnyValue,
        _ => return None,
    })
}

/// A scalar type word with one letter dropped, doubled or swapped ("Sting", "Strnig",
/// "Boolen"): the word it misspells. Words shorter than six letters are left alone, where one
/// letter changes the meaning ("int" and "in").
fn misspelled_scalar_type_word(lower: &str) -> Option<TypeWord> {
    const SPELLED: [&str; 5] = ["string", "integer", "boolean", "double", "number"];
    SPELLED.iter().find_map(|word| {
        (word.len() >= 6 && lower != *word && is_one_edit_apart(lower, word))
            .then(|| scalar_type_word(word))
            .flatten()
    })
}

/// Whether `text` is `word` with one letter dropped, added or two neighbours swapped.
fn is_one_edit_apart(text: &str, word: &str) -> bool {
    let text: Vec<char> = text.chars().collect();
    let word: Vec<char> = word.chars().collect();
    let common_prefix = text.iter().zip(&word).take_while(|(a, b)| a == b).count();
    let common_suffix = text
        .iter()
        .rev()
        .zip(word.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    match text.len() as isize - word.len() as isize {
        // One letter dropped or added.
        -1 | 1 => common_prefix + common_suffix >= text.len().min(word.len()),
        // Two neighbouring letters swapped.
        0 => {
            let differing: Vec<usize> = (0..text.len())
                .filter(|index| text[*index] != word[*index])
                .collect();
            matches!(differing.as_slice(), [first, second] if *second == first + 1
                && text[*first] == word[*second] && text[*second] == word[*first])
        }
        _ => false,
    }
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
    if is_table_number(&lower) {
        return Some(TypeWord::AnyObject);
    }
    let is_spaced_name = element.split(' ').all(is_object_name) && element.split(' ').count() <= 4;
    (is_object_name(element) || is_spaced_name).then(|| TypeWord::Object(element.to_owned()))
}

fn generic_argument<'a>(text: &'a str, generic_name: &str) -> Option<&'a str> {
    let open = text.find('<')?;
    if !text[..open].trim().eq_ignore_ascii_case(generic_name) || !text.ends_with('>') {
        return None;
    }
    Some(text[open + 1..text.len() - 1].trim())
}

/// Object names of type words: identifiers, and the qualified names of Kubernetes-style APIs
/// (`io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`, `binding:vif_details`,
/// `extended-configs`).
pub fn is_object_name(name: &str) -> bool {
    let mut characters = name.chars();
    characters
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && characters
            .all(|character| character.is_ascii_alphanumeric() || "_.-:".contains(character))
        && !name.ends_with(['.', '-', ':'])
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
        // One letter dropped, added or swapped: the scalar it misspells ("Sting" in IMS).
        check("strng", Some(TypeWord::String));
        check("Sting", Some(TypeWord::String));
        check("Boolaen", Some(TypeWord::Boolean));
        // Not one edit from a scalar word, and not a name: nothing.
        check("str!ng", None);
        check("int", Some(TypeWord::Integer));
        check("in", None);
        // A capitalized word names an object, which its page must then document.
        check(
            "ChargeInfo",
            Some(TypeWord::Object("ChargeInfo".to_owned())),
        );
        // Object names of a few words ("Security Group Rule objects") are names too.
        check(
            "Array of Security Group Rule objects",
            array(TypeWord::Object("Security Group Rule".to_owned())),
        );
        check("a type of five long words object", None);
    }
}
