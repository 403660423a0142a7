//! The naming rules of commands and flags, which the generator applies when it writes a table
//! and the command line when it reads one: a command from an operation's method name, a flag
//! segment from a field's wire name, a flag from a parameter's, and the names no operation may
//! take because the command line itself uses them.

use heck::ToKebabCase;

/// Flags the command line itself takes, on every command (without the leading `--`). No
/// parameter or body flag of an operation takes one of these names.
pub const GLOBAL_FLAG_NAMES: &[&str] = &[
    "all",
    "body",
    "body-template",
    "column",
    "debug",
    "dry-run",
    "endpoint",
    "help",
    "max-items",
    "no-validate",
    "null",
    "os-cloud",
    "output",
    "page-size",
    "query",
    "region",
    "timeout",
    "verbose",
    "version",
    "wait-for",
    "wait-interval",
    "wait-timeout",
];

/// The prefixes of place-qualified flags (`--query.limit`, `--header.x-language`,
/// `--body.server.name`): a parameter or a body field whose plain flag is taken is reached
/// through its place, so no body field's first segment may be one of these either.
pub const PLACE_PREFIXES: &[&str] = &["body", "header", "query"];

/// Top-level commands that are not services.
pub const BUILT_IN_COMMANDS: &[&str] = &["api", "auth", "completion", "docs", "help"];

/// The command of an operation: its method name in kebab case (`list_vpcs` → `list-vpcs`).
pub fn command_name(method_name: &str) -> String {
    method_name.to_kebab_case()
}

/// Whether `segment` can be one segment of a flag: lower-case letters, digits and inner
/// dashes, starting with a letter or digit, not all digits (a digit segment is an index).
pub fn is_plain_flag_segment(segment: &str) -> bool {
    let mut characters = segment.chars();
    let Some(first) = characters.next() else {
        return false;
    };
    (first.is_ascii_lowercase() || first.is_ascii_digit())
        && characters.all(|character| {
            character.is_ascii_lowercase() || character.is_ascii_digit() || character == '-'
        })
        && !segment.ends_with('-')
        && !segment.bytes().all(|byte| byte.is_ascii_digit())
}

/// A segment for a wire name that has no plain kebab-case segment, or whose segment a sibling
/// took first: the wire name with every character other than ASCII letters, digits, `_` and
/// `-` replaced by `_`, and a leading `_` when it would be all digits, empty, or start with a
/// dash (a flag whose name starts with a dash, `---`, is no long option for clap). Deterministic,
/// and keeps names apart that kebab case joins (`fooBar` and `foo_bar`).
pub fn escaped_flag_segment(wire_name: &str) -> String {
    let mut segment: String = wire_name
        .chars()
        .map(|character| {
            if character.is_ascii_alphanumeric() || character == '_' || character == '-' {
                character
            } else {
                '_'
            }
        })
        .collect();
    if segment.is_empty()
        || segment.starts_with('-')
        || segment.bytes().all(|byte| byte.is_ascii_digit())
    {
        segment.insert(0, '_');
    }
    segment
}

/// The flag segments of a struct's fields, in their order: kebab case where it is plain and
/// free, else the escaped wire name, else that with `-2`, `-3`, … (first come, first served).
pub fn field_flag_segments<'a>(wire_names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    for wire_name in wire_names {
        let kebab = wire_name.to_kebab_case();
        let segment = if is_plain_flag_segment(&kebab) && !taken.contains(&kebab) {
            kebab
        } else {
            unique(escaped_flag_segment(wire_name), &taken)
        };
        taken.push(segment);
    }
    taken
}

/// `base`, or `base-2`, `base-3`, … whichever is not taken.
fn unique(base: String, taken: &[String]) -> String {
    if !taken.contains(&base) {
        return base;
    }
    (2..)
        .map(|number| format!("{base}-{number}"))
        .find(|candidate| !taken.contains(candidate))
        .expect("an unused number")
}

/// The flags of an operation's query and header parameters, in their order: the kebab-case
/// wire name where it is plain and free (not a global flag, not a place prefix, not taken by
/// an earlier parameter), else `<place>.<escaped wire name>` (`query.output`), else that with a
/// number.
pub fn parameter_flags<'a>(
    parameters: impl IntoIterator<Item = (&'a str, &'static str)>,
) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    for (wire_name, place) in parameters {
        let kebab = wire_name.to_kebab_case();
        let free = is_plain_flag_segment(&kebab)
            && !GLOBAL_FLAG_NAMES.contains(&kebab.as_str())
            && !PLACE_PREFIXES.contains(&kebab.as_str())
            && !taken.contains(&kebab);
        let flag = if free {
            kebab
        } else {
            unique(
                format!("{place}.{}", escaped_flag_segment(wire_name)),
                &taken,
            )
        };
        taken.push(flag);
    }
    taken
}

/// Whether a body field's flag segment can stand at the start of a flag (`--server.name`): not
/// a global flag, not a place prefix, not a parameter's flag. Otherwise the field is reached
/// as `--body.<segment>…` only.
pub fn body_root_segment_is_free(segment: &str, parameter_flags: &[&str]) -> bool {
    !GLOBAL_FLAG_NAMES.contains(&segment)
        && !PLACE_PREFIXES.contains(&segment)
        && !parameter_flags.contains(&segment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_method_names_in_kebab_case() {
        assert_eq!(command_name("list_vpcs"), "list-vpcs");
        assert_eq!(command_name("show_vpc_v2"), "show-vpc-v2");
        assert_eq!(command_name("new_2"), "new-2");
    }

    #[test]
    fn field_segments_are_kebab_case_unless_odd_or_taken() {
        assert_eq!(
            field_flag_segments([
                "subnet_id",
                "availabilityZone",
                "subnetId",
                "metadata.key",
                "with space",
                "0",
                "",
                "X-Language",
                "__system__encrypted",
                "-",
            ]),
            [
                "subnet-id",
                "availability-zone",
                // Kebab case would be `subnet-id` again.
                "subnetId",
                "metadata-key",
                "with-space",
                "_0",
                "_",
                "x-language",
                "system-encrypted",
                "_-",
            ]
        );
        // The escaped name itself is taken: numbered.
        assert_eq!(
            field_flag_segments(["a_b", "a-b", "aB"]),
            ["a-b", "a-b-2", "aB"]
        );
    }

    #[test]
    fn parameters_that_meet_a_global_flag_go_through_their_place() {
        assert_eq!(
            parameter_flags([
                ("limit", "query"),
                ("output", "query"),
                ("X-Language", "header"),
                ("body", "query"),
                ("Limit", "header"),
            ]),
            [
                "limit",
                "query.output",
                "x-language",
                "query.body",
                "header.Limit"
            ]
        );
    }

    #[test]
    fn body_fields_named_like_globals_or_parameters_keep_their_place() {
        assert!(body_root_segment_is_free("server", &["limit"]));
        assert!(!body_root_segment_is_free("limit", &["limit"]));
        assert!(!body_root_segment_is_free("output", &[]));
        assert!(!body_root_segment_is_free("header", &[]));
    }
}
