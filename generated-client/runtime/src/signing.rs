//! AK/SK request signing with the `SDK-HMAC-SHA256` algorithm of the official Huawei Cloud SDKs, free of HTTP client types.
//!
//! The signer works on plain strings and bytes so that it can be unit-tested against the
//! SDKs' published vectors and reused by any transport. The transport's job is to build a
//! [`SigningRequest`] from the request it is about to send, call [`sign`], and then *set*
//! (replace, not append) every header listed in [`SignedHeaders::headers_to_set`].
//!
//! The algorithm, step by step:
//!
//! 1. canonical request = method, canonical URI (each raw path segment percent-encoded,
//!    always ending in `/`), canonical query string (sorted, percent-encoded `k=v` pairs
//!    joined by `&`), canonical headers (`lower-name:trimmed-value\n`, sorted), the `;`-joined
//!    signed header names and the hex SHA-256 of the body (or the literal `UNSIGNED-PAYLOAD`),
//!    joined by `\n`;
//! 2. string to sign = `SDK-HMAC-SHA256\n<X-Sdk-Date>\n<hex SHA-256 of the canonical request>`;
//! 3. signature = hex HMAC-SHA256 of the string to sign, keyed with the secret key;
//! 4. `Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<names>, Signature=<hex>`.
//!
//! Only the headers handed to the signer (plus the ones it adds itself) are signed, so the
//! caller decides whether `Host` is signed. `Content-Type` and names containing `_` are never
//! signed, as in the official SDKs.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use percent_encoding::percent_decode_str;

use crate::config::REDACTED_PLACEHOLDER;
// The canonical request escapes exactly as the client encodes each path segment it fills in
// (RFC 3986's unreserved characters stay, upper-case hex digits as the SDK-HMAC-SHA256 vectors
// need), so what is sent is what is signed.
use crate::path::{encode_path_segment, UNRESERVED_ESCAPES};
use sha2::{Digest, Sha256};
use time::{OffsetDateTime, PrimitiveDateTime};

/// The algorithm name that starts both the string to sign and the `Authorization` value.
pub const SIGNING_ALGORITHM: &str = "SDK-HMAC-SHA256";
/// Header carrying the signing date-time, `YYYYMMDDTHHMMSSZ` in UTC.
pub const SDK_DATE_HEADER: &str = "X-Sdk-Date";
/// Header carrying the security token of temporary credentials.
pub const SECURITY_TOKEN_HEADER: &str = "X-Security-Token";
/// Header telling the gateway that the body is not part of the signature.
pub const CONTENT_SHA256_HEADER: &str = "X-Sdk-Content-Sha256";
/// Header carrying the signature.
pub const AUTHORIZATION_HEADER: &str = "Authorization";
/// Value of [`CONTENT_SHA256_HEADER`], also signed in place of the body hash.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// An access key / secret key pair, optionally with the security token of temporary credentials.
///
/// `Debug` shows the access key (it is sent in clear text in every `Authorization` header
/// anyway) but never the secret key or the security token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key: String,
    secret_key: String,
    security_token: Option<String>,
}

impl Credentials {
    /// Permanent credentials: an access key (AK) and its secret key (SK).
    pub fn new(access_key: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Self {
            access_key: access_key.into(),
            secret_key: secret_key.into(),
            security_token: None,
        }
    }

    /// Turns these into temporary credentials, whose requests carry (and sign) `X-Security-Token`.
    #[must_use]
    pub fn with_security_token(mut self, security_token: impl Into<String>) -> Self {
        self.security_token = Some(security_token.into());
        self
    }

    /// The access key (AK), which is public: it appears in every `Authorization` header.
    pub fn access_key(&self) -> &str {
        &self.access_key
    }

    /// Whether these are temporary credentials with a security token.
    pub fn has_security_token(&self) -> bool {
        self.security_token.is_some()
    }

    /// The secret key and the security token, for [`crate::Config::redact`].
    pub(crate) fn secret_values(&self) -> Vec<&str> {
        let mut secrets = vec![self.secret_key.as_str()];
        secrets.extend(self.security_token.as_deref());
        secrets
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("Credentials")
            .field("access_key", &self.access_key)
            .field("secret_key", &REDACTED_PLACEHOLDER)
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| REDACTED_PLACEHOLDER),
            )
            .finish()
    }
}

/// How the body enters the signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayloadHashMode {
    /// The hex SHA-256 of the body is signed: JSON bodies and requests without a body.
    Sha256OfBody,
    /// `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` is sent and that literal is signed instead of
    /// the body hash: non-JSON bodies such as file uploads, which may be streamed or large.
    UnsignedPayload,
}

impl PayloadHashMode {
    /// The official SDKs' rule: a request whose `Content-Type` is set and is neither JSON nor
    /// BSON gets an unsigned payload; everything else has its body hashed.
    pub fn for_content_type(content_type: Option<&str>) -> Self {
        match content_type {
            Some(content_type) => {
                // Media types are case-insensitive, and parameters such as `; charset=utf-8`
                // must not matter, hence a lower-cased substring test like the SDKs'.
                let lower_content_type = content_type.to_ascii_lowercase();
                if lower_content_type.contains("application/json")
                    || lower_content_type.contains("application/bson")
                {
                    Self::Sha256OfBody
                } else {
                    Self::UnsignedPayload
                }
            }
            None => Self::Sha256OfBody,
        }
    }
}

/// Whether [`SigningRequest::path`] is raw text or already percent-encoded as it goes on the
/// wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathEncoding {
    /// Raw text (`/v2/my project/instances`): every segment is percent-encoded for the
    /// signature. A `/` inside a value cannot be told apart from a separator here.
    Raw,
    /// The path exactly as sent (`/v2/my%20project/instances`), as a transport that encodes
    /// its path segments itself, or a server verifying a request, has it. Each segment is
    /// decoded and encoded again the signer's way, so `%2F` stays inside its segment and
    /// the signed path is the sent path.
    PercentEncoded,
}

/// The parts of an HTTP request that the signature covers.
#[derive(Clone, Copy, Debug)]
pub struct SigningRequest<'a> {
    /// HTTP method exactly as sent, e.g. `GET`.
    pub method: &'a str,
    /// The path, raw or percent-encoded as [`path_encoding`](Self::path_encoding) says.
    pub path: &'a str,
    /// How [`path`](Self::path) is written.
    pub path_encoding: PathEncoding,
    /// Raw, not yet percent-encoded query parameters; repeated keys are allowed and an empty
    /// value stands for a key without value.
    pub query: &'a [(String, String)],
    /// Headers the caller wants signed (names in any case). `Content-Type` and names with `_`
    /// are sent but never signed. `X-Sdk-Date`, `X-Security-Token`, `X-Sdk-Content-Sha256` and
    /// `Authorization` are ignored here because the signer sets them itself.
    pub headers: &'a [(String, String)],
    /// The exact body bytes that will be sent (empty for none).
    pub body: &'a [u8],
    /// Whether the body is hashed or replaced by `UNSIGNED-PAYLOAD`.
    pub payload_hash_mode: PayloadHashMode,
}

/// The result of signing: the headers to set on the request, plus the intermediate strings
/// for tests and tracing.
///
/// `Debug` redacts the security token, which appears in clear text in
/// [`headers_to_set`](Self::headers_to_set) and [`canonical_request`](Self::canonical_request).
#[derive(Clone, PartialEq, Eq)]
pub struct SignedHeaders {
    headers_to_set: Vec<(String, String)>,
    authorization: String,
    canonical_request: String,
    string_to_sign: String,
    signed_header_names: String,
    signature: String,
}

impl SignedHeaders {
    /// Headers the transport must set, replacing any of the same name: `X-Sdk-Date`, then
    /// `X-Security-Token` (temporary credentials only), then `X-Sdk-Content-Sha256` (unsigned
    /// payload only), then `Authorization`.
    pub fn headers_to_set(&self) -> &[(String, String)] {
        &self.headers_to_set
    }

    /// The value of the `Authorization` header.
    pub fn authorization(&self) -> &str {
        &self.authorization
    }

    /// The canonical request that was hashed. It contains the security token, if any, in
    /// clear text: do not log it verbatim.
    pub fn canonical_request(&self) -> &str {
        &self.canonical_request
    }

    /// The string that was signed with the secret key.
    pub fn string_to_sign(&self) -> &str {
        &self.string_to_sign
    }

    /// The `;`-joined, sorted, lower-case names of the signed headers.
    pub fn signed_header_names(&self) -> &str {
        &self.signed_header_names
    }

    /// The hex HMAC-SHA256 signature.
    pub fn signature(&self) -> &str {
        &self.signature
    }
}

impl fmt::Debug for SignedHeaders {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted_headers_to_set: Vec<(&str, &str)> = self
            .headers_to_set
            .iter()
            .map(|(name, value)| {
                if name.eq_ignore_ascii_case(SECURITY_TOKEN_HEADER) {
                    (name.as_str(), REDACTED_PLACEHOLDER)
                } else {
                    (name.as_str(), value.as_str())
                }
            })
            .collect();
        // The token is the only secret in the canonical request; it sits on its own line.
        let security_token_line_prefix = format!("{}:", SECURITY_TOKEN_HEADER.to_ascii_lowercase());
        let redacted_security_token_line =
            format!("{security_token_line_prefix}{REDACTED_PLACEHOLDER}");
        let redacted_canonical_request: Vec<&str> = self
            .canonical_request
            .split('\n')
            .map(|line| {
                if line.starts_with(&security_token_line_prefix) {
                    redacted_security_token_line.as_str()
                } else {
                    line
                }
            })
            .collect();
        formatter
            .debug_struct("SignedHeaders")
            .field("headers_to_set", &redacted_headers_to_set)
            .field("canonical_request", &redacted_canonical_request.join("\n"))
            .field("string_to_sign", &self.string_to_sign)
            .field("signed_header_names", &self.signed_header_names)
            .field("signature", &self.signature)
            .finish()
    }
}

/// Why a request could not be signed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SigningError {
    /// The access key is empty, which the gateway would reject anyway.
    #[error("the access key (AK) is empty")]
    EmptyAccessKey,
    /// The secret key is empty, which the gateway would reject anyway.
    #[error("the secret key (SK) is empty")]
    EmptySecretKey,
    /// The date-time passed to [`sign`] is not `YYYYMMDDTHHMMSSZ`.
    #[error("the X-Sdk-Date value {0:?} is not of the form YYYYMMDDTHHMMSSZ")]
    MalformedSdkDate(String),
    /// The HMAC implementation refused the key. HMAC accepts keys of any length, so this is
    /// not expected; it is an error rather than a panic so that no input can crash the client.
    #[error("the HMAC-SHA256 implementation rejected the secret key")]
    HmacKeyRejected,
}

/// Signs `request` with `credentials` at `sdk_date` (`YYYYMMDDTHHMMSSZ`, see [`format_sdk_date`]).
///
/// The date is a parameter, not read from the clock, so that signing is deterministic.
pub fn sign(
    credentials: &Credentials,
    request: &SigningRequest<'_>,
    sdk_date: &str,
) -> Result<SignedHeaders, SigningError> {
    if credentials.access_key.is_empty() {
        return Err(SigningError::EmptyAccessKey);
    }
    if credentials.secret_key.is_empty() {
        return Err(SigningError::EmptySecretKey);
    }
    if !is_well_formed_sdk_date(sdk_date) {
        return Err(SigningError::MalformedSdkDate(sdk_date.to_owned()));
    }

    // Headers the signer adds are signed like the caller's, so they go into the same list.
    let mut headers_added_by_signer: Vec<(String, String)> =
        vec![(SDK_DATE_HEADER.to_owned(), sdk_date.to_owned())];
    if let Some(security_token) = &credentials.security_token {
        headers_added_by_signer.push((SECURITY_TOKEN_HEADER.to_owned(), security_token.clone()));
    }
    if request.payload_hash_mode == PayloadHashMode::UnsignedPayload {
        headers_added_by_signer.push((
            CONTENT_SHA256_HEADER.to_owned(),
            UNSIGNED_PAYLOAD.to_owned(),
        ));
    }

    let mut lower_name_and_trimmed_value_of_signed_headers: Vec<(String, String)> = request
        .headers
        .iter()
        .filter(|(name, _)| !is_header_set_by_signer(name))
        .chain(headers_added_by_signer.iter())
        .map(|(name, value)| (name.to_ascii_lowercase(), value.trim().to_owned()))
        .filter(|(lower_name, _)| is_header_signed(lower_name))
        .collect();
    // Sorting by name and then value matches the SDKs, which sort the values of a repeated header.
    lower_name_and_trimmed_value_of_signed_headers.sort();

    let canonical_headers: String = lower_name_and_trimmed_value_of_signed_headers
        .iter()
        .map(|(lower_name, trimmed_value)| format!("{lower_name}:{trimmed_value}\n"))
        .collect();
    let mut signed_header_name_list: Vec<&str> = lower_name_and_trimmed_value_of_signed_headers
        .iter()
        .map(|(lower_name, _)| lower_name.as_str())
        .collect();
    signed_header_name_list.dedup();
    let signed_header_names = signed_header_name_list.join(";");

    let payload_hash = match request.payload_hash_mode {
        PayloadHashMode::Sha256OfBody => hex_sha256(request.body),
        PayloadHashMode::UnsignedPayload => UNSIGNED_PAYLOAD.to_owned(),
    };

    let canonical_request = format!(
        "{method}\n{uri}\n{query}\n{canonical_headers}\n{signed_header_names}\n{payload_hash}",
        method = request.method,
        uri = match request.path_encoding {
            PathEncoding::Raw => canonical_uri(request.path),
            PathEncoding::PercentEncoded => canonical_uri_of_percent_encoded_path(request.path),
        },
        query = canonical_query_string(request.query),
    );
    let string_to_sign = format!(
        "{SIGNING_ALGORITHM}\n{sdk_date}\n{}",
        hex_sha256(canonical_request.as_bytes())
    );

    let mut hmac_sha256 = Hmac::<Sha256>::new_from_slice(credentials.secret_key.as_bytes())
        .map_err(|_| SigningError::HmacKeyRejected)?;
    hmac_sha256.update(string_to_sign.as_bytes());
    let signature = hex::encode(hmac_sha256.finalize().into_bytes());

    let authorization = format!(
        "{SIGNING_ALGORITHM} Access={access_key}, SignedHeaders={signed_header_names}, Signature={signature}",
        access_key = credentials.access_key,
    );
    let mut headers_to_set = headers_added_by_signer;
    headers_to_set.push((AUTHORIZATION_HEADER.to_owned(), authorization.clone()));

    Ok(SignedHeaders {
        headers_to_set,
        authorization,
        canonical_request,
        string_to_sign,
        signed_header_names,
        signature,
    })
}

/// Formats an instant as an `X-Sdk-Date` value, `YYYYMMDDTHHMMSSZ` in UTC, truncating to the
/// second (also before 1970: half a second before the epoch is 23:59:59 the day before).
///
/// An instant outside `time`'s years -9999 to 9999 gives the nearest second inside them, a
/// date the gateway rejects as it would the true one.
pub fn format_sdk_date(instant: SystemTime) -> String {
    let since_epoch = match instant.duration_since(UNIX_EPOCH) {
        Ok(after_epoch) => time::Duration::try_from(after_epoch).ok(),
        Err(before_epoch) => time::Duration::try_from(before_epoch.duration())
            .ok()
            .map(|before_epoch| -before_epoch),
    };
    let date_time = since_epoch
        .and_then(|since_epoch| OffsetDateTime::UNIX_EPOCH.checked_add(since_epoch))
        .unwrap_or(if instant < UNIX_EPOCH {
            PrimitiveDateTime::MIN.assume_utc()
        } else {
            PrimitiveDateTime::MAX.assume_utc()
        });
    format!(
        "{year:04}{month:02}{day:02}T{hour:02}{minute:02}{second:02}Z",
        year = date_time.year(),
        month = u8::from(date_time.month()),
        day = date_time.day(),
        hour = date_time.hour(),
        minute = date_time.minute(),
        second = date_time.second(),
    )
}

/// Whether `sdk_date` looks like `YYYYMMDDTHHMMSSZ`; the gateway rejects anything else.
fn is_well_formed_sdk_date(sdk_date: &str) -> bool {
    let bytes = sdk_date.as_bytes();
    bytes.len() == 16
        && bytes[..8].iter().all(u8::is_ascii_digit)
        && bytes[8] == b'T'
        && bytes[9..15].iter().all(u8::is_ascii_digit)
        && bytes[15] == b'Z'
}

/// Headers the signer sets itself; a caller's copy would be stale or, for `Authorization`,
/// must not be signed at all.
fn is_header_set_by_signer(name: &str) -> bool {
    [
        SDK_DATE_HEADER,
        SECURITY_TOKEN_HEADER,
        CONTENT_SHA256_HEADER,
        AUTHORIZATION_HEADER,
    ]
    .iter()
    .any(|header_set_by_signer| name.eq_ignore_ascii_case(header_set_by_signer))
}

/// Whether a header (lower-case name) takes part in the signature. Leaving out `Content-Type`
/// and names with `_` follows the official SDKs, whose published vectors depend on it; a
/// plausible reason for `_` is that proxies such as nginx drop those headers by default.
fn is_header_signed(lower_name: &str) -> bool {
    !lower_name.is_empty() && lower_name != "content-type" && !lower_name.contains('_')
}

/// Each raw path segment percent-encoded, always ending in `/` (the gateway's convention).
///
/// A path without a leading `/` is treated as having one, which is how it goes on the wire.
fn canonical_uri(raw_path: &str) -> String {
    let mut canonical_uri: String = if raw_path.starts_with('/') {
        String::new()
    } else {
        String::from("/")
    };
    let encoded_segments: Vec<String> = raw_path.split('/').map(encode_path_segment).collect();
    canonical_uri.push_str(&encoded_segments.join("/"));
    if !canonical_uri.ends_with('/') {
        canonical_uri.push('/');
    }
    canonical_uri
}

/// [`canonical_uri`] of a path that is already percent-encoded: each segment is decoded to its
/// bytes and encoded again, so that the result is what the gateway computes from the request
/// line whichever escapes (lower-case hex, escaped unreserved characters) the sender used.
fn canonical_uri_of_percent_encoded_path(encoded_path: &str) -> String {
    let mut canonical_uri: String = if encoded_path.starts_with('/') {
        String::new()
    } else {
        String::from("/")
    };
    let encoded_segments: Vec<String> = encoded_path
        .split('/')
        // A `%` not followed by two hex digits decodes to itself, as lenient servers treat it.
        .map(|segment| {
            percent_encoding::percent_encode(
                &percent_decode_str(segment).collect::<Vec<u8>>(),
                UNRESERVED_ESCAPES,
            )
            .to_string()
        })
        .collect();
    canonical_uri.push_str(&encoded_segments.join("/"));
    if !canonical_uri.ends_with('/') {
        canonical_uri.push('/');
    }
    canonical_uri
}

/// `k=v` pairs sorted by raw key and then raw value, percent-encoded and joined by `&`.
fn canonical_query_string(raw_query: &[(String, String)]) -> String {
    let mut sorted_query: Vec<&(String, String)> = raw_query.iter().collect();
    sorted_query.sort();
    sorted_query
        .iter()
        .map(|(key, value)| {
            format!(
                "{}={}",
                encode_path_segment(key),
                encode_path_segment(value)
            )
        })
        .collect::<Vec<String>>()
        .join("&")
}

/// Lower-case hex SHA-256 digest.
fn hex_sha256(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    /// The official SDKs' test credentials.
    fn official_vector_credentials() -> Credentials {
        Credentials::new("AccessKey", "SecretKey")
    }

    const OFFICIAL_VECTOR_DATE: &str = "20060102T150405Z";
    const EMPTY_BODY_SHA256: &str =
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    fn owned_pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect()
    }

    /// Signs a request with the official test credentials and date, failing the test on error.
    fn sign_for_test(
        credentials: &Credentials,
        method: &str,
        path: &str,
        query: &[(&str, &str)],
        headers: &[(&str, &str)],
        body: &[u8],
        payload_hash_mode: PayloadHashMode,
    ) -> SignedHeaders {
        let query = owned_pairs(query);
        let headers = owned_pairs(headers);
        let request = SigningRequest {
            method,
            path,
            path_encoding: PathEncoding::Raw,
            query: &query,
            headers: &headers,
            body,
            payload_hash_mode,
        };
        match sign(credentials, &request, OFFICIAL_VECTOR_DATE) {
            Ok(signed_headers) => signed_headers,
            Err(error) => unreachable!("signing failed: {error}"),
        }
    }

    fn sign_get_with_headers(credentials: &Credentials, headers: &[(&str, &str)]) -> SignedHeaders {
        sign_for_test(
            credentials,
            "GET",
            "/path",
            &[("limit", "1")],
            headers,
            b"",
            PayloadHashMode::Sha256OfBody,
        )
    }

    #[test]
    fn official_vector_get_with_underscore_header() {
        let signed = sign_get_with_headers(
            &official_vector_credentials(),
            &[
                ("X-Sdk-Date", OFFICIAL_VECTOR_DATE),
                ("TEST_UNDERSCORE", "TEST_VALUE"),
            ],
        );
        assert_eq!(
            signed.canonical_request(),
            "GET\n/path/\nlimit=1\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            signed.string_to_sign(),
            format!(
                "SDK-HMAC-SHA256\n20060102T150405Z\n{}",
                hex_sha256(signed.canonical_request().as_bytes())
            )
        );
        assert_eq!(signed.signed_header_names(), "x-sdk-date");
        assert_eq!(
            signed.signature(),
            "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624"
        );
        let expected_authorization = "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, \
             Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624";
        assert_eq!(signed.authorization(), expected_authorization);
        assert_eq!(
            signed.headers_to_set(),
            owned_pairs(&[
                ("X-Sdk-Date", OFFICIAL_VECTOR_DATE),
                ("Authorization", expected_authorization),
            ])
        );
    }

    #[test]
    fn official_vector_post_json_with_trailing_newline_in_body() {
        // The official vector's body comes from Go's json.Encoder, which ends it with "\n".
        let body = b"{\"Name\":\"test\",\"Id\":1}\n";
        let content_type = "application/json";
        let signed = sign_for_test(
            &official_vector_credentials(),
            "POST",
            "/path",
            &[("key", "value")],
            &[
                ("X-Sdk-Date", OFFICIAL_VECTOR_DATE),
                ("TEST_UNDERSCORE", "TEST_VALUE"),
                ("Content-Type", content_type),
            ],
            body,
            PayloadHashMode::for_content_type(Some(content_type)),
        );
        assert_eq!(
            signed.canonical_request(),
            format!(
                "POST\n/path/\nkey=value\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\n{}",
                hex_sha256(body)
            )
        );
        assert_eq!(signed.signed_header_names(), "x-sdk-date");
        assert_eq!(
            signed.signature(),
            "cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59"
        );
        assert_eq!(
            signed.authorization(),
            "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, \
             Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59"
        );
        // A JSON body is hashed, so no X-Sdk-Content-Sha256 header is added.
        assert!(signed
            .headers_to_set()
            .iter()
            .all(|(name, _)| name != CONTENT_SHA256_HEADER));
    }

    #[test]
    fn caller_need_not_pass_x_sdk_date_itself() {
        let signed = sign_get_with_headers(&official_vector_credentials(), &[]);
        assert_eq!(
            signed.signature(),
            "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624"
        );
    }

    #[test]
    fn stale_caller_copies_of_signer_headers_are_replaced() {
        let signed = sign_get_with_headers(
            &official_vector_credentials(),
            &[
                ("x-sdk-date", "19990101T000000Z"),
                ("Authorization", "stale"),
                ("X-Security-Token", "stale"),
                ("X-SDK-Content-Sha256", "stale"),
            ],
        );
        assert_eq!(
            signed.signature(),
            "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624"
        );
    }

    #[test]
    fn host_header_is_signed_only_when_the_caller_passes_it() {
        let signed = sign_get_with_headers(
            &official_vector_credentials(),
            &[("Host", "example.huaweicloud.com")],
        );
        assert_eq!(signed.signed_header_names(), "host;x-sdk-date");
        assert_eq!(
            signed.canonical_request(),
            format!(
                "GET\n/path/\nlimit=1\nhost:example.huaweicloud.com\nx-sdk-date:20060102T150405Z\n\n\
                 host;x-sdk-date\n{EMPTY_BODY_SHA256}"
            )
        );
        assert_ne!(
            signed.signature(),
            "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624"
        );
    }

    #[test]
    fn header_names_are_lower_cased_values_trimmed_and_sorted() {
        let signed = sign_get_with_headers(
            &official_vector_credentials(),
            &[
                ("X-Project-Id", "  project-b \t"),
                ("Content-Type", "application/json"),
                ("x-project-id", "project-a"),
                ("Accept", "application/json"),
            ],
        );
        assert_eq!(
            signed.signed_header_names(),
            "accept;x-project-id;x-sdk-date"
        );
        assert!(signed.canonical_request().contains(
            "\naccept:application/json\nx-project-id:project-a\nx-project-id:project-b\n\
             x-sdk-date:20060102T150405Z\n\naccept;x-project-id;x-sdk-date\n"
        ));
    }

    #[test]
    fn path_segments_are_escaped_with_upper_case_hex() {
        assert_eq!(
            canonical_uri("/v1/my project:x/\u{e4}-_.~/"),
            "/v1/my%20project%3Ax/%C3%A4-_.~/"
        );
    }

    #[test]
    fn percent_encoded_paths_are_signed_as_sent() {
        // What the transport sends for the segments `my project:x`, `a/b` and `ä-_.~`.
        assert_eq!(
            canonical_uri_of_percent_encoded_path("/v1/my%20project%3Ax/a%2Fb/%C3%A4-_.~"),
            "/v1/my%20project%3Ax/a%2Fb/%C3%A4-_.~/"
        );
        // Other senders' spellings of the same path sign the same.
        assert_eq!(
            canonical_uri_of_percent_encoded_path("/v1/my%20project%3ax/a%2fb/%c3%a4%2D_.~/"),
            "/v1/my%20project%3Ax/a%2Fb/%C3%A4-_.~/"
        );
        // A stray `%` is a literal percent sign.
        assert_eq!(
            canonical_uri_of_percent_encoded_path("/a%zz%4"),
            "/a%25zz%254/"
        );
        assert_eq!(canonical_uri_of_percent_encoded_path(""), "/");
    }

    #[test]
    fn raw_and_percent_encoded_forms_of_one_path_sign_alike() {
        let sign_path = |path: &str, path_encoding: PathEncoding| {
            let request = SigningRequest {
                method: "DELETE",
                path,
                path_encoding,
                query: &[],
                headers: &[],
                body: b"",
                payload_hash_mode: PayloadHashMode::Sha256OfBody,
            };
            match sign(
                &official_vector_credentials(),
                &request,
                OFFICIAL_VECTOR_DATE,
            ) {
                Ok(signed) => signed.signature().to_owned(),
                Err(error) => unreachable!("signing failed: {error}"),
            }
        };
        assert_eq!(
            sign_path("/v2/p/tasks/a b:c", PathEncoding::Raw),
            sign_path("/v2/p/tasks/a%20b%3Ac", PathEncoding::PercentEncoded)
        );
        // Encoding an encoded path again (the old transport bug) signs something else.
        assert_ne!(
            sign_path("/v2/p/tasks/a%20b%3Ac", PathEncoding::Raw),
            sign_path("/v2/p/tasks/a%20b%3Ac", PathEncoding::PercentEncoded)
        );
    }

    #[test]
    fn canonical_uri_always_ends_in_exactly_one_added_slash() {
        assert_eq!(canonical_uri("/"), "/");
        assert_eq!(canonical_uri(""), "/");
        assert_eq!(canonical_uri("/a"), "/a/");
        assert_eq!(canonical_uri("/a/"), "/a/");
        assert_eq!(canonical_uri("a/b"), "/a/b/");
    }

    #[test]
    fn query_is_sorted_by_key_then_value_and_escaped() {
        let query = owned_pairs(&[
            ("b", "2"),
            ("a", "z"),
            ("flag", ""),
            ("a", "y"),
            ("a b", "c:d"),
        ]);
        assert_eq!(
            canonical_query_string(&query),
            "a=y&a=z&a%20b=c%3Ad&b=2&flag="
        );
        assert_eq!(canonical_query_string(&[]), "");
    }

    #[test]
    fn query_matches_the_official_sdk_canonical_query_example() {
        let query = owned_pairs(&[
            ("limit", "1"),
            ("enable", "true"),
            ("test", "\u{4e00} (&=?!#%.*)"),
            ("path", "/tmp/123"),
            ("multi", "3"),
            ("multi", "1"),
            ("multi", "2"),
        ]);
        assert_eq!(
            canonical_query_string(&query),
            "enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123\
             &test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29"
        );
    }

    #[test]
    fn non_json_body_is_sent_as_unsigned_payload() {
        let content_type = "application/octet-stream";
        let payload_hash_mode = PayloadHashMode::for_content_type(Some(content_type));
        assert_eq!(payload_hash_mode, PayloadHashMode::UnsignedPayload);
        let sign_upload = |body: &[u8]| {
            sign_for_test(
                &official_vector_credentials(),
                "PUT",
                "/v1/objects/file.bin",
                &[],
                &[("Content-Type", content_type)],
                body,
                payload_hash_mode,
            )
        };
        let signed = sign_upload(b"\x00\x01binary");
        assert_eq!(
            signed.signed_header_names(),
            "x-sdk-content-sha256;x-sdk-date"
        );
        assert!(signed.canonical_request().ends_with(
            "\nx-sdk-content-sha256:UNSIGNED-PAYLOAD\nx-sdk-date:20060102T150405Z\n\n\
                 x-sdk-content-sha256;x-sdk-date\nUNSIGNED-PAYLOAD"
        ));
        assert!(signed.headers_to_set().contains(&(
            "X-Sdk-Content-Sha256".to_owned(),
            "UNSIGNED-PAYLOAD".to_owned()
        )));
        // The body is not part of the signature.
        assert_eq!(signed.signature(), sign_upload(b"other bytes").signature());
    }

    #[test]
    fn payload_hash_mode_follows_the_content_type() {
        assert_eq!(
            PayloadHashMode::for_content_type(None),
            PayloadHashMode::Sha256OfBody
        );
        assert_eq!(
            PayloadHashMode::for_content_type(Some("Application/JSON; charset=UTF-8")),
            PayloadHashMode::Sha256OfBody
        );
        assert_eq!(
            PayloadHashMode::for_content_type(Some("application/bson")),
            PayloadHashMode::Sha256OfBody
        );
        assert_eq!(
            PayloadHashMode::for_content_type(Some("multipart/form-data; boundary=x")),
            PayloadHashMode::UnsignedPayload
        );
    }

    #[test]
    fn security_token_is_added_and_signed() {
        let temporary_credentials =
            official_vector_credentials().with_security_token("temporary-token");
        assert!(temporary_credentials.has_security_token());
        let signed = sign_get_with_headers(&temporary_credentials, &[]);
        assert_eq!(signed.signed_header_names(), "x-sdk-date;x-security-token");
        assert!(signed.canonical_request().contains(
            "\nx-sdk-date:20060102T150405Z\nx-security-token:temporary-token\n\n\
             x-sdk-date;x-security-token\n"
        ));
        assert_eq!(
            signed.headers_to_set()[..2],
            owned_pairs(&[
                ("X-Sdk-Date", OFFICIAL_VECTOR_DATE),
                ("X-Security-Token", "temporary-token"),
            ])
        );
        assert!(signed.authorization().starts_with(
            "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date;x-security-token, Signature="
        ));
        assert_ne!(
            signed.signature(),
            "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624"
        );
    }

    #[test]
    fn debug_output_redacts_secret_key_and_security_token() {
        let credentials = Credentials::new("PublicAccessKey", "VerySecretKey")
            .with_security_token("VerySecretToken");
        let credentials_debug = format!("{credentials:?}");
        assert_eq!(
            credentials_debug,
            "Credentials { access_key: \"PublicAccessKey\", secret_key: \"<redacted>\", \
             security_token: Some(\"<redacted>\") }"
        );

        let signed = sign_get_with_headers(&credentials, &[]);
        let signed_headers_debug = format!("{signed:?}");
        assert!(!signed_headers_debug.contains("VerySecret"));
        assert!(signed_headers_debug.contains("x-security-token:<redacted>"));
        assert!(signed_headers_debug.contains("(\"X-Security-Token\", \"<redacted>\")"));
        assert!(signed_headers_debug.contains(signed.signature()));

        let permanent_credentials_debug = format!("{:?}", official_vector_credentials());
        assert!(permanent_credentials_debug.contains("security_token: None"));
        assert!(!permanent_credentials_debug.contains("SecretKey\""));
    }

    #[test]
    fn unusable_input_is_an_error_not_a_panic() {
        let request = SigningRequest {
            method: "GET",
            path: "/",
            path_encoding: PathEncoding::Raw,
            query: &[],
            headers: &[],
            body: b"",
            payload_hash_mode: PayloadHashMode::Sha256OfBody,
        };
        assert_eq!(
            sign(&Credentials::new("", "sk"), &request, OFFICIAL_VECTOR_DATE),
            Err(SigningError::EmptyAccessKey)
        );
        assert_eq!(
            sign(&Credentials::new("ak", ""), &request, OFFICIAL_VECTOR_DATE),
            Err(SigningError::EmptySecretKey)
        );
        for malformed_date in [
            "",
            "2006-01-02T15:04:05Z",
            "20060102T150405",
            "20060102t150405Z",
            "２００６0102T150405Z",
        ] {
            assert_eq!(
                sign(&official_vector_credentials(), &request, malformed_date),
                Err(SigningError::MalformedSdkDate(malformed_date.to_owned()))
            );
        }
    }

    fn instant_at_seconds_since_epoch(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds)
    }

    #[test]
    fn sdk_date_of_known_instants() {
        assert_eq!(
            format_sdk_date(instant_at_seconds_since_epoch(1_136_214_245)),
            "20060102T150405Z"
        );
        assert_eq!(format_sdk_date(UNIX_EPOCH), "19700101T000000Z");
        // Leap day in a year divisible by 400.
        assert_eq!(
            format_sdk_date(instant_at_seconds_since_epoch(951_782_400)),
            "20000229T000000Z"
        );
        assert_eq!(
            format_sdk_date(instant_at_seconds_since_epoch(253_402_300_799)),
            "99991231T235959Z"
        );
        // Sub-second parts are truncated, not rounded.
        assert_eq!(
            format_sdk_date(
                instant_at_seconds_since_epoch(1_136_214_245) + Duration::from_millis(999)
            ),
            "20060102T150405Z"
        );
    }

    #[test]
    fn sdk_date_before_the_epoch_counts_backwards() {
        assert_eq!(
            format_sdk_date(UNIX_EPOCH - Duration::from_secs(1)),
            "19691231T235959Z"
        );
        assert_eq!(
            format_sdk_date(UNIX_EPOCH - Duration::from_millis(500)),
            "19691231T235959Z"
        );
        // 1900 is not a leap year: 1900-03-01 follows 1900-02-28.
        assert_eq!(
            format_sdk_date(UNIX_EPOCH - Duration::from_secs(2_203_891_200)),
            "19000301T000000Z"
        );
    }

    #[test]
    fn sdk_dates_outside_the_years_minus_9999_to_9999_are_the_nearest_inside() {
        assert_eq!(
            format_sdk_date(instant_at_seconds_since_epoch(253_402_300_800)),
            "99991231T235959Z"
        );
        assert_eq!(
            format_sdk_date(UNIX_EPOCH - Duration::from_secs(1 << 40)),
            "-99990101T000000Z"
        );
    }

    #[test]
    fn sdk_date_of_extreme_instants_does_not_panic() {
        for seconds in [u64::MAX, i64::MAX as u64, 1 << 40] {
            if let Some(far_future) = UNIX_EPOCH.checked_add(Duration::from_secs(seconds)) {
                assert!(format_sdk_date(far_future).ends_with('Z'));
            }
            if let Some(far_past) = UNIX_EPOCH.checked_sub(Duration::from_secs(seconds)) {
                assert!(format_sdk_date(far_past).ends_with('Z'));
            }
        }
    }
}
