//! What a dry run shows: the request an attempt would send (method, URL with query, headers,
//! body, and for AK/SK the canonical request and signed headers), built by the same code that
//! sends ([`crate::ServiceClient::preview`]) and with every secret replaced by the placeholder
//! the runtime's `Debug` output uses.

use bytes::Bytes;

use crate::config::REDACTED_PLACEHOLDER;
use crate::signing::SignedHeaders;

/// What a preview shows in place of the IAM token that password authentication would obtain
/// when the request is sent.
pub(crate) const IAM_TOKEN_PLACEHOLDER: &str = "<the IAM token, obtained when the request is sent>";

/// Headers whose values are secrets: replaced whole.
const SECRET_HEADERS: &[&str] = &["x-auth-token", "x-security-token", "x-subject-token"];

/// A request that was built but not sent, secrets replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestPreview {
    pub method: String,
    /// The whole URL, query included.
    pub url: String,
    /// Every header in the order they are set, values of secrets replaced.
    pub headers: Vec<(String, String)>,
    pub body: Option<Bytes>,
    /// For AK/SK signing: what was signed.
    pub signing: Option<SigningPreview>,
}

/// The parts of an AK/SK signature a reviewer checks against the gateway's error message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SigningPreview {
    /// The canonical request, the security token's line replaced.
    pub canonical_request: String,
    pub string_to_sign: String,
    /// The `;`-joined names of the signed headers.
    pub signed_header_names: String,
}

impl RequestPreview {
    pub(crate) fn new(
        request: &reqwest::Request,
        signed: Option<&SignedHeaders>,
    ) -> RequestPreview {
        let headers = request
            .headers()
            .iter()
            .map(|(name, value)| {
                let name = name.as_str().to_owned();
                let value = value.to_str().unwrap_or("<not text>");
                let value = redacted_header_value(&name, value);
                (name, value)
            })
            .collect();
        RequestPreview {
            method: request.method().as_str().to_owned(),
            // A project id only the IAM token will tell stays a placeholder, shown as the path
            // template writes it rather than percent-encoded.
            url: request
                .url()
                .to_string()
                .replace("%7Bproject_id%7D", "{project_id}"),
            headers,
            body: request
                .body()
                .and_then(|body| body.as_bytes())
                .map(Bytes::copy_from_slice),
            signing: signed.map(|signed| SigningPreview {
                canonical_request: redacted_canonical_request(signed.canonical_request()),
                string_to_sign: signed.string_to_sign().to_owned(),
                signed_header_names: signed.signed_header_names().to_owned(),
            }),
        }
    }
}

/// A header's value as a preview shows it: a token replaced whole, the signature of an
/// `Authorization` header replaced (it would let anyone with the output send this very
/// request), everything else as is.
fn redacted_header_value(name: &str, value: &str) -> String {
    if value == IAM_TOKEN_PLACEHOLDER {
        return value.to_owned();
    }
    if SECRET_HEADERS.contains(&name) {
        return REDACTED_PLACEHOLDER.to_owned();
    }
    if name == "authorization" {
        return match value.find("Signature=") {
            Some(start) => format!("{}Signature={REDACTED_PLACEHOLDER}", &value[..start]),
            None => REDACTED_PLACEHOLDER.to_owned(),
        };
    }
    value.to_owned()
}

/// The canonical request with the security token's line replaced (the only secret in it).
fn redacted_canonical_request(canonical_request: &str) -> String {
    canonical_request
        .split('\n')
        .map(|line| match line.split_once(':') {
            Some((name, _)) if SECRET_HEADERS.contains(&name) => {
                format!("{name}:{REDACTED_PLACEHOLDER}")
            }
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_signatures_are_replaced() {
        assert_eq!(
            redacted_header_value("x-auth-token", "MIIsecret"),
            "<redacted>"
        );
        assert_eq!(
            redacted_header_value(
                "authorization",
                "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=abc123"
            ),
            "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=<redacted>"
        );
        assert_eq!(
            redacted_header_value("content-type", "application/json"),
            "application/json"
        );
        assert_eq!(
            redacted_canonical_request("GET\n/\n\nhost:example.com\nx-security-token:secret\n"),
            "GET\n/\n\nhost:example.com\nx-security-token:<redacted>\n"
        );
    }
}
