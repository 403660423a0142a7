//! Names shared by the importer and the generator: HTTP status names, identifier casing and the
//! variables of path templates.

/// The name of an HTTP status, used for response enum variants and schema names
/// (`200` → `Ok`, `404` → `NotFound`, an unnamed code → `Status299`).
pub fn status_name(status_code: u16) -> String {
    let name = match status_code {
        100 => "Continue",
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        407 => "ProxyAuthenticationRequired",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        417 => "ExpectationFailed",
        418 => "ImATeapot",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        431 => "RequestHeaderFieldsTooLarge",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        505 => "HttpVersionNotSupported",
        507 => "InsufficientStorage",
        _ => return format!("Status{status_code}"),
    };
    name.to_owned()
}

/// `snake_case`, `kebab-case`, `camelCase` or `X-Header-Name` → `PascalCase`.
pub fn pascal_case(text: &str) -> String {
    let mut result = String::new();
    for word in split_words(text) {
        let mut characters = word.chars();
        if let Some(first) = characters.next() {
            result.extend(first.to_uppercase());
            result.push_str(&characters.as_str().to_ascii_lowercase());
        }
    }
    result
}

/// `PascalCase`, `camelCase`, `kebab-case` or `X-Header-Name` → `snake_case`.
pub fn snake_case(text: &str) -> String {
    split_words(text)
        .iter()
        .map(|word| word.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_")
}

/// Splits an identifier into words at separators, lower→upper changes and acronym ends
/// (`HTTPServerID` → `HTTP`, `Server`, `ID`).
fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let characters: Vec<char> = text.chars().collect();
    for (index, &character) in characters.iter().enumerate() {
        if !character.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(&previous) = current.chars().last().as_ref() {
            let next = characters.get(index + 1).copied();
            let lower_to_upper = previous.is_ascii_lowercase() && character.is_ascii_uppercase();
            let digit_to_letter = previous.is_ascii_digit()
                && character.is_ascii_alphabetic()
                && character.is_ascii_uppercase();
            let acronym_end = previous.is_ascii_uppercase()
                && character.is_ascii_uppercase()
                && next.is_some_and(|next| next.is_ascii_lowercase());
            if lower_to_upper || acronym_end || digit_to_letter {
                words.push(std::mem::take(&mut current));
            }
        }
        current.push(character);
    }
    if !current.is_empty() {
        words.push(current);
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
    }

    #[test]
    fn statuses_have_names() {
        assert_eq!(status_name(204), "NoContent");
        assert_eq!(status_name(299), "Status299");
    }
}
