//! Path templates: `/pets/{pet_id}` with every value percent-encoded as one path segment.

use percent_encoding::{utf8_percent_encode, AsciiSet};

use crate::error::Error;

/// RFC 3986's unreserved characters (`A-Z a-z 0-9 - _ . ~`): what a path segment keeps as is.
const fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~')
}

/// What a path segment escapes: every ASCII byte that is not unreserved (and every non-ASCII
/// byte, which the encoder always escapes), so a value's `/`, `?` or `%` never changes the
/// path's meaning. The AK/SK canonical request escapes the same way (`percent-encoding` writes
/// upper-case hex digits, as the SDK-HMAC-SHA256 vectors need), so what is sent is what is
/// signed.
pub(crate) const UNRESERVED_ESCAPES: &AsciiSet = &escapes_of_all_but_unreserved();

const fn escapes_of_all_but_unreserved() -> AsciiSet {
    let mut escapes = AsciiSet::EMPTY;
    let mut byte = 0;
    while byte < 128 {
        if !is_unreserved(byte) {
            escapes = escapes.add(byte);
        }
        byte += 1;
    }
    escapes
}

/// [`is_unreserved`] of every byte, looked up: one load per byte of a value.
const UNRESERVED_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = is_unreserved(byte as u8);
        byte += 1;
    }
    table
};

/// Appends `value` to `path` as one percent-encoded segment. Most values are ids with nothing
/// to escape: one scan, then one copy, instead of the encoder's chunks (the client's cost per
/// call is a budget of `cargo xtask bench --client`).
fn push_path_segment(path: &mut String, value: &str) {
    if value
        .bytes()
        .all(|byte| UNRESERVED_BYTES[usize::from(byte)])
    {
        path.push_str(value);
    } else {
        path.extend(utf8_percent_encode(value, UNRESERVED_ESCAPES));
    }
}

/// Fills a path template from `arguments`, then from `defaults` (values the client fills, such
/// as a project id), each value percent-encoded as one path segment.
pub fn expand_path(
    template: &str,
    arguments: &[(&str, String)],
    defaults: &[(String, String)],
) -> Result<String, Error> {
    expand_path_deferring(template, arguments, defaults, &[])
}

/// [`expand_path`], except that the parameters named in `deferred` stay in the path as
/// `{name}` when neither the arguments nor the defaults have them: the client fills them when
/// it sends (a project id only the IAM token will tell). Unambiguous, because every value put
/// into the path is percent-encoded, so a literal `{` can only come from the template.
pub(crate) fn expand_path_deferring(
    template: &str,
    arguments: &[(&str, String)],
    defaults: &[(String, String)],
    deferred: &[&str],
) -> Result<String, Error> {
    // Room for every value unescaped: most are ids with nothing to escape, so the path is
    // written without growing.
    let values_length: usize = arguments
        .iter()
        .map(|(_, value)| value.len())
        .sum::<usize>()
        + defaults.iter().map(|(_, value)| value.len()).sum::<usize>();
    let mut path = String::with_capacity(template.len() + values_length);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        path.push_str(&rest[..open]);
        let close = rest[open..]
            .find('}')
            .map(|close| open + close)
            .ok_or_else(|| {
                Error::InvalidRequest(format!("unclosed parameter in path {template}"))
            })?;
        let name = &rest[open + 1..close];
        let value = arguments
            .iter()
            .find(|(argument, _)| *argument == name)
            .map(|(_, value)| value.as_str())
            .or_else(|| {
                defaults
                    .iter()
                    .find(|(default, _)| default == name)
                    .map(|(_, value)| value.as_str())
            });
        match value {
            Some(value) => {
                check_path_value(name, value)?;
                push_path_segment(&mut path, value);
            }
            None if deferred.contains(&name) => path.push_str(&rest[open..=close]),
            None => {
                return Err(Error::InvalidRequest(format!(
                    "no value for path parameter {name}"
                )))
            }
        }
        rest = &rest[close + 1..];
    }
    path.push_str(rest);
    Ok(path)
}

/// Refuses a path value that would not stay one segment of its own: empty (`/pets/` is the
/// list, not a pet), `.` or `..`, also percent-encoded in any case (`%2e`, `.%2E`, `%2e%2E`)
/// and encoded more than once (`%252e`). `.` and `..` are unreserved characters, so encoding
/// leaves them as they are, and the URL parser (as every server) reads such a segment as "this
/// folder" or "the parent": `delete_pet("..")` would delete the collection. Their encoded forms
/// are sent with `%` escaped (`%252e`), which is no dot segment to the URL parser, but a gateway
/// that decodes the path before routing would see one. Checked before anything is sent; the
/// error names the parameter.
pub(crate) fn check_path_value(name: &str, value: &str) -> Result<(), Error> {
    if value.is_empty() {
        return Err(Error::InvalidRequest(format!(
            "path parameter {name} is empty"
        )));
    }
    // Most values are ids with no `%` and more than two characters: two comparisons, and no
    // decoding (the client's cost per call is a budget of `cargo xtask bench --client`).
    if value.len() > 2 && !value.contains('%') {
        return Ok(());
    }
    // Each round of percent-decoding is shorter than the text it decodes, so the loop ends.
    let mut decoded = std::borrow::Cow::Borrowed(value);
    loop {
        if matches!(decoded.as_ref(), "" | "." | "..") {
            let meaning = if value == decoded.as_ref() {
                String::new()
            } else {
                format!(", which decodes to {:?}", decoded.as_ref())
            };
            return Err(Error::InvalidRequest(format!(
                "path parameter {name} is {value:?}{meaning}: a URL path reads it as no segment or a dot segment, which addresses another resource"
            )));
        }
        let next: Vec<u8> = percent_encoding::percent_decode_str(&decoded).collect();
        if next.as_slice() == decoded.as_bytes() {
            return Ok(());
        }
        decoded = std::borrow::Cow::Owned(String::from_utf8_lossy(&next).into_owned());
    }
}

/// Percent-encodes one path segment: unreserved characters stay, everything else is `%XX`
/// (upper-case hex digits).
pub fn encode_path_segment(value: &str) -> String {
    let mut segment = String::with_capacity(value.len());
    push_path_segment(&mut segment, value);
    segment
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactly_the_unreserved_ascii_bytes_stay_and_every_other_byte_is_escaped() {
        for byte in 0..=u8::MAX {
            let unreserved = byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte);
            let encoded: String =
                percent_encoding::percent_encode(&[byte], UNRESERVED_ESCAPES).collect();
            assert_eq!(
                encoded.len() == 1,
                unreserved,
                "byte {byte:#04x}: {encoded}"
            );
            assert_eq!(is_unreserved(byte), unreserved, "byte {byte:#04x}");
            assert_eq!(
                UNRESERVED_BYTES[usize::from(byte)],
                unreserved,
                "byte {byte:#04x}"
            );
        }
    }

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(encode_path_segment("a b/c"), "a%20b%2Fc");
        assert_eq!(encode_path_segment("id-1_2.3~"), "id-1_2.3~");
        assert_eq!(encode_path_segment("ü"), "%C3%BC");
        assert_eq!(encode_path_segment("%2F?#*+"), "%252F%3F%23%2A%2B");
        // A brace in a value can never be mistaken for a deferred parameter.
        assert_eq!(encode_path_segment("{project_id}"), "%7Bproject_id%7D");
    }

    #[test]
    fn arguments_come_before_defaults() {
        let defaults = [("project_id".to_owned(), "p1".to_owned())];
        let path = expand_path(
            "/v2/{project_id}/pets/{pet_id}",
            &[("pet_id", "a/b".to_owned())],
            &defaults,
        )
        .expect("expands");
        assert_eq!(path, "/v2/p1/pets/a%2Fb");
    }

    #[test]
    fn deferred_parameters_stay_until_sending() {
        let path = expand_path_deferring(
            "/v2/{project_id}/pets/{pet_id}",
            &[("pet_id", "7".to_owned())],
            &[],
            &["project_id"],
        )
        .expect("expands");
        assert_eq!(path, "/v2/{project_id}/pets/7");
    }

    /// The message of expanding `/pets/{pet_id}/tags` with `value` as the pet id, or the path.
    fn check_pet_id(value: &str, expected: &str) {
        let outcome = match expand_path("/pets/{pet_id}/tags", &[("pet_id", value.to_owned())], &[])
        {
            Ok(path) => path,
            Err(error) => error.to_string(),
        };
        assert_eq!(outcome, expected, "value {value:?}");
    }

    #[test]
    fn dot_segments_are_refused_in_every_spelling() {
        let refused = |value: &str, meaning: &str| {
            format!("invalid request: path parameter pet_id is {value:?}{meaning}: a URL path reads it as no segment or a dot segment, which addresses another resource")
        };
        check_pet_id("", "invalid request: path parameter pet_id is empty");
        check_pet_id(".", &refused(".", ""));
        check_pet_id("..", &refused("..", ""));
        check_pet_id("%2e", &refused("%2e", ", which decodes to \".\""));
        check_pet_id("%2E", &refused("%2E", ", which decodes to \".\""));
        check_pet_id("%2e%2E", &refused("%2e%2E", ", which decodes to \"..\""));
        check_pet_id("%2E%2E", &refused("%2E%2E", ", which decodes to \"..\""));
        check_pet_id(".%2e", &refused(".%2e", ", which decodes to \"..\""));
        check_pet_id("%2E.", &refused("%2E.", ", which decodes to \"..\""));
        // Encoded twice: a gateway that decodes twice would see a dot segment.
        check_pet_id(
            "%252e%252E",
            &refused("%252e%252E", ", which decodes to \"..\""),
        );
        // A lone `%` is no escape: it is sent escaped.
        check_pet_id("%", "/pets/%25/tags");
    }

    #[test]
    fn values_with_dots_that_are_no_dot_segments_stay_one_segment() {
        check_pet_id("...", "/pets/.../tags");
        check_pet_id(".hidden", "/pets/.hidden/tags");
        check_pet_id("a..b", "/pets/a..b/tags");
        check_pet_id("../x", "/pets/..%2Fx/tags");
        check_pet_id("%2e%2e%2f", "/pets/%252e%252e%252f/tags");
        check_pet_id("%2x", "/pets/%252x/tags");
    }

    #[test]
    fn a_dot_segment_from_the_client_defaults_is_refused_with_its_name() {
        let defaults = [("project_id".to_owned(), "..".to_owned())];
        let error = expand_path("/v1/{project_id}/pets", &[], &defaults).expect_err("dots");
        assert!(
            error
                .to_string()
                .starts_with("invalid request: path parameter project_id is \"..\""),
            "{error}"
        );
    }

    #[test]
    fn missing_and_empty_values_are_errors() {
        let missing = expand_path("/pets/{pet_id}", &[], &[]).expect_err("no value");
        assert_eq!(
            missing.to_string(),
            "invalid request: no value for path parameter pet_id"
        );
        let empty = expand_path("/pets/{pet_id}", &[("pet_id", String::new())], &[])
            .expect_err("empty value");
        assert_eq!(
            empty.to_string(),
            "invalid request: path parameter pet_id is empty"
        );
    }
}
