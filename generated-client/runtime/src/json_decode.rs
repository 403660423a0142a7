//! Where a JSON body failed to decode: the JSON path of the failing field
//! (`$.instances[3].capacity`), what its type expected and what the body has there, so that a
//! mismatch in a 30 KB body points at the field instead of "line 1 column 12345".
//!
//! A body is decoded at full speed first; only when that fails is it decoded once more with
//! `serde_path_to_error` tracking the path (the same input fails the same way), so a call that
//! succeeds pays nothing for the diagnostics.

use std::fmt;

use serde_path_to_error::Segment;

/// How much of an expected or found description a message shows: a long string value or a
/// long list of enum values would not fit one line.
const DESCRIPTION_LIMIT: usize = 120;

/// A JSON body that does not decode into its documented type.
#[derive(Debug)]
pub struct JsonDecodeError {
    /// Boxed: `Error` is the error of every call, and a large one makes every `Result` large.
    details: Box<JsonDecodeDetails>,
}

#[derive(Debug)]
struct JsonDecodeDetails {
    path: String,
    expected: Option<String>,
    found: Option<String>,
    message: String,
    source: serde_json::Error,
}

impl JsonDecodeError {
    /// The JSON path of the failing value, from `$` (the whole body): `$.instances[3].capacity`.
    /// For a missing required field, the path of the field that is missing. For a body that is
    /// not JSON at all, or ends early, where reading stopped.
    pub fn path(&self) -> &str {
        &self.details.path
    }

    /// What the documented type expected there (`i64`, `a string`, `one of "a", "b"`), when
    /// serde said.
    pub fn expected(&self) -> Option<&str> {
        self.details.expected.as_deref()
    }

    /// What the body has there instead (`string "20"`, `null`, `nothing`), when serde said.
    pub fn found(&self) -> Option<&str> {
        self.details.found.as_deref()
    }

    /// The line of the body where decoding stopped (1-based; 0 when unknown).
    pub fn line(&self) -> usize {
        self.details.source.line()
    }

    /// The column where decoding stopped (1-based; 0 when unknown).
    pub fn column(&self) -> usize {
        self.details.source.column()
    }

    /// serde_json's own error.
    pub fn serde_error(&self) -> &serde_json::Error {
        &self.details.source
    }
}

impl fmt::Display for JsonDecodeError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "at {}: ", self.details.path)?;
        match (&self.details.expected, &self.details.found) {
            (Some(expected), Some(found)) => {
                write!(formatter, "expected {expected}, found {found}")?
            }
            _ => formatter.write_str(&self.details.message)?,
        }
        if self.details.source.line() > 0 {
            write!(
                formatter,
                " (line {} column {})",
                self.details.source.line(),
                self.details.source.column()
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for JsonDecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.details.source)
    }
}

/// Decodes `body` as `T`; on failure, the error with the failing field's path.
pub(crate) fn decode_json_body<T: serde::de::DeserializeOwned>(
    body: &[u8],
) -> Result<T, JsonDecodeError> {
    let first_error = match serde_json::from_slice(body) {
        Ok(value) => return Ok(value),
        Err(error) => error,
    };
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(error) => {
            let path = JsonPath::from_segments(error.path().iter());
            Err(describe(path, error.into_inner()))
        }
        // What follows the value (`from_slice` checks that the body ends there) is at the top
        // level; and should a `Deserialize` decode the second time what it refused the first,
        // the first error stands, without a path.
        Ok(_) => Err(describe(
            JsonPath::root(),
            deserializer.end().err().unwrap_or(first_error),
        )),
    }
}

/// A JSON path being written: `$`, then `.name` or `["odd name"]` per key and `[3]` per index.
struct JsonPath(String);

impl JsonPath {
    fn root() -> JsonPath {
        JsonPath("$".to_owned())
    }

    fn from_segments<'a>(segments: impl Iterator<Item = &'a Segment>) -> JsonPath {
        let mut path = JsonPath::root();
        for segment in segments {
            match segment {
                Segment::Seq { index } => path.0.push_str(&format!("[{index}]")),
                Segment::Map { key } => path.push_key(key),
                Segment::Enum { variant } => path.push_key(variant),
                Segment::Unknown => path.0.push_str(".?"),
            }
        }
        path
    }

    fn push_key(&mut self, key: &str) {
        let plain = !key.is_empty()
            && key
                .chars()
                .all(|character| character.is_ascii_alphanumeric() || "_-@$".contains(character));
        if plain {
            self.0.push('.');
            self.0.push_str(key);
        } else {
            // Quoted as a JSON string, so a key with `.`, `[` or a quote stays one key.
            self.0
                .push_str(&format!("[{}]", serde_json::Value::from(key)));
        }
    }
}

/// serde's messages, read into expected and found where they have that form (serde writes
/// `invalid type: string "20", expected i64`, `invalid value: …, expected …`, `invalid length
/// 3, expected …`, `missing field `name``, `unknown variant `x`, expected one of …`).
fn describe(mut path: JsonPath, source: serde_json::Error) -> JsonDecodeError {
    let full = source.to_string();
    let location = format!(" at line {} column {}", source.line(), source.column());
    let message = full.strip_suffix(&location).unwrap_or(&full).to_owned();
    let (expected, found) = if let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
    {
        match rest.rsplit_once(", expected ") {
            Some((found, expected)) => (Some(expected.to_owned()), Some(found.to_owned())),
            None => (None, None),
        }
    } else if let Some(rest) = message.strip_prefix("invalid length ") {
        match rest.split_once(", expected ") {
            Some((length, expected)) => {
                (Some(expected.to_owned()), Some(format!("length {length}")))
            }
            None => (None, None),
        }
    } else if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        // serde_path_to_error stops at the object; the missing field is one level down.
        path.push_key(field);
        (
            Some("a value (the field is required)".to_owned()),
            Some("nothing".to_owned()),
        )
    } else if let Some(rest) = message.strip_prefix("unknown variant ") {
        match rest.split_once(", expected ") {
            Some((variant, expected)) => (Some(expected.to_owned()), Some(variant.to_owned())),
            None => (None, None),
        }
    } else {
        (None, None)
    };
    JsonDecodeError {
        details: Box::new(JsonDecodeDetails {
            path: path.0,
            expected: expected.map(|text| one_line(&text)),
            found: found.map(|text| one_line(&text)),
            message: one_line(&message),
            source,
        }),
    }
}

/// `text` on one line (line breaks escaped) and at most [`DESCRIPTION_LIMIT`] characters.
fn one_line(text: &str) -> String {
    let escaped = text.replace('\r', "\\r").replace('\n', "\\n");
    match escaped.char_indices().nth(DESCRIPTION_LIMIT) {
        Some((end, _)) => format!("{}…", &escaped[..end]),
        None => escaped,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Listing {
        instances: Vec<Instance>,
        #[serde(default)]
        labels: BTreeMap<String, u8>,
        #[serde(default)]
        kind: Option<Kind>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Instance {
        name: String,
        #[serde(default)]
        capacity: Option<i64>,
        #[serde(default)]
        ports: Option<[u16; 2]>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Single,
        Cluster,
    }

    /// The message of decoding `body` as a [`Listing`], and its path, expected and found.
    fn check(body: &str, expected: (&str, Option<&str>, Option<&str>, &str)) {
        let error = decode_json_body::<Listing>(body.as_bytes()).expect_err(body);
        assert_eq!(
            (
                error.path(),
                error.expected(),
                error.found(),
                error.to_string().as_str()
            ),
            expected,
            "{body}"
        );
    }

    #[test]
    fn the_path_names_the_failing_field() {
        check(
            r#"{"instances": [{"name": "a"}, {"name": "b", "capacity": "20"}]}"#,
            (
                "$.instances[1].capacity",
                Some("i64"),
                Some("string \"20\""),
                "at $.instances[1].capacity: expected i64, found string \"20\" (line 1 column 60)",
            ),
        );
        check(
            r#"{"instances": [], "labels": {"a.b": 300}}"#,
            (
                "$.labels[\"a.b\"]",
                Some("u8"),
                Some("integer `300`"),
                "at $.labels[\"a.b\"]: expected u8, found integer `300` (line 1 column 39)",
            ),
        );
        check(
            r#"{"instances": [{"name": "a", "ports": [1]}]}"#,
            (
                "$.instances[0].ports",
                Some("an array of length 2"),
                Some("length 1"),
                "at $.instances[0].ports: expected an array of length 2, found length 1 (line 1 column 41)",
            ),
        )
    }

    #[test]
    fn a_missing_field_and_an_unknown_value_are_named() {
        check(
            r#"{"instances": [{"capacity": 1}]}"#,
            (
                "$.instances[0].name",
                Some("a value (the field is required)"),
                Some("nothing"),
                "at $.instances[0].name: expected a value (the field is required), found nothing (line 1 column 30)",
            ),
        );
        check(
            r#"{"instances": [], "kind": "ring"}"#,
            (
                "$.kind",
                Some("`single` or `cluster`"),
                Some("`ring`"),
                "at $.kind: expected `single` or `cluster`, found `ring` (line 1 column 32)",
            ),
        );
    }

    #[test]
    fn a_body_that_is_no_json_says_where_reading_stopped() {
        check(
            "{\"instances\": [{\"name\": ",
            (
                "$.instances[0].name",
                None,
                None,
                "at $.instances[0].name: EOF while parsing a value (line 1 column 24)",
            ),
        );
        check(
            "{\"instances\": []} trailing",
            (
                "$",
                None,
                None,
                "at $: trailing characters (line 1 column 19)",
            ),
        );
        check(
            "",
            (
                "$",
                None,
                None,
                "at $: EOF while parsing a value (line 1 column 0)",
            ),
        );
    }

    #[test]
    fn the_message_stays_on_one_line_and_short() {
        let long = "x\n".repeat(500);
        let body = format!(
            r#"{{"instances": [{{"name": "a", "capacity": {}}}]}}"#,
            serde_json::Value::from(long)
        );
        let error = decode_json_body::<Listing>(body.as_bytes()).expect_err("a string");
        let message = error.to_string();
        assert!(!message.contains('\n'), "{message}");
        assert!(
            message.chars().count() < 260,
            "{} characters: {message}",
            message.chars().count()
        );
        assert!(
            message.starts_with("at $.instances[0].capacity: expected i64, found string \"x\\nx"),
            "{message}"
        );
        assert!(error.found().is_some_and(|found| found.ends_with('…')));
    }
}
