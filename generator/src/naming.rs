//! Names shared by the importer and the generator: HTTP status names, identifier casing and the
//! variables of path templates.

/// The name of an HTTP status, used for response enum variants and schema names
/// (`200` → `Ok`, `404` → `NotFound`, an unnamed code → `Status299`): the reason phrase of
/// `http::StatusCode` in PascalCase.
///
/// The phrases are pinned by Cargo.lock, and `cargo xtask codegen --check` would show a
/// renamed variant if an update of `http` changed one (RFC 9110 calls 413 "Content Too Large",
/// `http` still "Payload Too Large").
pub fn status_name(status_code: u16) -> String {
    let reason_phrase = http::StatusCode::from_u16(status_code)
        .ok()
        .and_then(|status| status.canonical_reason());
    match reason_phrase {
        // An apostrophe ends no word: 418 "I'm a teapot" is `ImATeapot`, not `IMATeapot`.
        Some(reason_phrase) => pascal_case(&reason_phrase.replace('\'', "")),
        None => format!("Status{status_code}"),
    }
}

/// `snake_case`, `kebab-case`, `camelCase` or `X-Header-Name` → `PascalCase`.
pub fn pascal_case(text: &str) -> String {
    heck::ToUpperCamelCase::to_upper_camel_case(words_for_heck(text).as_str())
}

/// `PascalCase`, `camelCase`, `kebab-case` or `X-Header-Name` → `snake_case`.
pub fn snake_case(text: &str) -> String {
    heck::ToSnakeCase::to_snake_case(words_for_heck(text).as_str())
}

/// The text `heck` splits into words, with two word breaks of our own added, so that names are
/// what the generator has always made of them (heck alone renames nothing in the checked-in
/// output, but differs on 995,788 of the 1,111,110 strings of up to 6 characters from
/// `aBC4_-éÉ² `, and on 95,770 of them with the non-ASCII characters already dropped):
///
/// - every character but an ASCII letter or digit is a break, because the names become Rust
///   identifiers: heck keeps any Unicode alphanumeric (`name²` → `name²`, which is no
///   identifier; `straße` → `straße`), we drop it (`name`, `stra_e`);
/// - a digit followed by an upper-case letter is a break, which heck makes only after a
///   lower-case letter (`L7ID`: heck `l7id`, ours `l7_id`; `X86ABC`: heck `x86abc`, ours
///   `x86_abc`).
///
/// With both, heck and the splitter this replaced agree on all 1,948,716 strings of up to 6
/// characters from `abBC45_-é² `.
fn words_for_heck(text: &str) -> String {
    let mut words = String::with_capacity(text.len() + 4);
    let mut previous: Option<char> = None;
    for character in text.chars() {
        if !character.is_ascii_alphanumeric() {
            words.push(' ');
            previous = None;
            continue;
        }
        if previous.is_some_and(|previous| previous.is_ascii_digit())
            && character.is_ascii_uppercase()
        {
            words.push(' ');
        }
        words.push(character);
        previous = Some(character);
    }
    words
}

/// The variables of a path template, in order (`/v2/{project_id}/instances/{instance_id}` →
/// `project_id`, `instance_id`). An unclosed `{` ends the list.
pub fn path_template_variables(path: &str) -> Vec<&str> {
    let mut variables = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        variables.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    variables
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_change_case() {
        assert_eq!(
            pascal_case("delete_background_task"),
            "DeleteBackgroundTask"
        );
        assert_eq!(pascal_case("X-Auth-Token"), "XAuthToken");
        assert_eq!(snake_case("DeleteBackgroundTask"), "delete_background_task");
        assert_eq!(snake_case("ListL7Policies"), "list_l7_policies");
        assert_eq!(snake_case("HTTPServerID"), "http_server_id");
        assert_eq!(snake_case("X-Auth-Token"), "x_auth_token");
        assert_eq!(snake_case("ipv6_vip_address"), "ipv6_vip_address");
        assert_eq!(snake_case("IPv4Address"), "i_pv4_address");
        assert_eq!(pascal_case("dcs_4001"), "Dcs4001");
    }

    /// The two word breaks `words_for_heck` adds to heck's.
    #[test]
    fn identifiers_are_ascii_and_break_after_a_digit() {
        assert_eq!(snake_case("L7ID"), "l7_id");
        assert_eq!(pascal_case("X86ABC"), "X86Abc");
        assert_eq!(snake_case("name²"), "name");
        assert_eq!(pascal_case("straße"), "StraE");
        assert_eq!(snake_case("Ärger"), "rger");
        assert_eq!(pascal_case("é"), "");
    }

    #[test]
    fn statuses_have_names() {
        assert_eq!(status_name(200), "Ok");
        assert_eq!(status_name(203), "NonAuthoritativeInformation");
        assert_eq!(status_name(204), "NoContent");
        assert_eq!(status_name(414), "UriTooLong");
        assert_eq!(status_name(418), "ImATeapot");
        assert_eq!(status_name(505), "HttpVersionNotSupported");
        // Codes the hand-written table this replaced did not name.
        assert_eq!(status_name(421), "MisdirectedRequest");
        assert_eq!(status_name(451), "UnavailableForLegalReasons");
        assert_eq!(status_name(299), "Status299");
    }
}
