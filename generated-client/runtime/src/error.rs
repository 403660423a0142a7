//! The one error type of generated clients: transport failures, encoding and decoding
//! failures, requests that cannot be built, IAM authentication failures, configuration
//! mistakes, and the pages of a list that cannot be walked.
//!
//! No variant ever carries a credential: configuration messages name the missing or invalid
//! setting, never its value, and IAM failures carry the cloud's message, which never echoes the
//! password.

use bytes::Bytes;

use crate::json_decode::JsonDecodeError;
use crate::RawResponse;

/// Why a call did not produce a response enum.
///
/// An undocumented status is not an error: it is the `Unexpected` variant of the operation's
/// response enum. A retryable status (429, 502, 503, 504) that is still returned after the last
/// attempt is not an error either: it is returned as a response like any other.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be sent or the response not received (connection refused or
    /// reset, timeout, TLS), after every attempt the retry policy allowed.
    #[error("request failed: {0}")]
    Transport(#[from] reqwest::Error),
    /// A documented status came with a body that does not match the documented type. The
    /// status, the request id and the raw body are kept; `source` says where in the body and
    /// why ([`DecodeError::Json`]: the failing field's JSON path, expected and found), and the
    /// message is one line.
    #[error(
        "response with status {status}{} does not decode: {source}",
        describe_request_id(.request_id.as_deref())
    )]
    Decode {
        status: u16,
        /// The `X-Request-Id` of the response, to quote to the cloud's support.
        request_id: Option<String>,
        body: Bytes,
        #[source]
        source: DecodeError,
    },
    /// The request body could not be encoded.
    #[error("request body does not encode: {0}")]
    Encode(#[source] serde_json::Error),
    /// The client is configured in a way that cannot work (missing project, bad endpoint,
    /// unreadable `clouds.yaml`, missing environment variable, a bad default header).
    #[error("invalid client configuration: {0}")]
    Configuration(String),
    /// The request cannot be built from the values given: a path parameter without a value,
    /// or with one that would not stay its own segment (empty, `.`, `..`, also
    /// percent-encoded). The message names the parameter; nothing was sent.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// AK/SK signing failed.
    #[error("request signing failed: {0}")]
    Signing(#[from] crate::signing::SigningError),
    /// IAM did not issue a token for the configured user (wrong password, unknown project,
    /// IAM unreachable is [`Error::Transport`] instead).
    #[error(
        "iam authentication failed{}{}: {message}",
        describe_status(*.status),
        describe_request_id(.request_id.as_deref())
    )]
    Authentication {
        /// The status IAM answered with, if it answered.
        status: Option<u16>,
        /// The `X-Request-Id` of IAM's response.
        request_id: Option<String>,
        /// IAM's error message, or what was wrong with its answer.
        message: String,
    },
    /// A page of a list walked by a `…_stream` method came back with a status other than the
    /// one of a page (200): the walk cannot go on. The whole response is kept; its
    /// [`RawResponse::cloud_error`] says what the service objected to. (A single call, such
    /// as `list_instances`, returns such a response as a variant of its response enum.)
    #[error(
        "{operation_id} answered with status {}{}{}",
        .response.status,
        describe_request_id(.response.request_id()),
        describe_cloud_error(.response)
    )]
    UnexpectedStatus {
        operation_id: &'static str,
        response: Box<RawResponse>,
    },
    /// The pages of a list cannot be walked on, although each page was answered: the service
    /// repeated a marker or a page (it would loop forever), or the next offset does not fit
    /// the offset parameter.
    #[error("walking the pages of {operation_id} stopped: {reason}")]
    Pagination {
        operation_id: &'static str,
        reason: String,
    },
}

/// Why a response body did not decode.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The body is not the documented JSON: the JSON path of the failing field, what its type
    /// expected and what the body has there (`at $.instances[3].capacity: expected i64, found
    /// string "20" (line 1 column 57)`).
    #[error("{0}")]
    Json(#[from] JsonDecodeError),
    /// A documented text body is not UTF-8.
    #[error("{0}")]
    Text(#[from] std::str::Utf8Error),
}

impl Error {
    /// Whether the request failed because a connect or whole-request timeout elapsed.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport(error) if error.is_timeout())
    }

    /// Whether the request failed because no connection could be made (refused, unreachable,
    /// DNS, connect timeout).
    pub fn is_connect(&self) -> bool {
        matches!(self, Error::Transport(error) if error.is_connect())
    }

    /// The status of the response this error is about, if there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Decode { status, .. } => Some(*status),
            Error::Authentication { status, .. } => *status,
            Error::Transport(error) => error.status().map(|status| status.as_u16()),
            Error::UnexpectedStatus { response, .. } => Some(response.status),
            _ => None,
        }
    }

    /// The request id of the response this error is about, if there was one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Decode { request_id, .. } | Error::Authentication { request_id, .. } => {
                request_id.as_deref()
            }
            Error::UnexpectedStatus { response, .. } => response.request_id(),
            _ => None,
        }
    }
}

/// ` (request id …)` for messages, or nothing when the response had no request id.
fn describe_request_id(request_id: Option<&str>) -> String {
    match request_id {
        Some(request_id) => format!(" (request id {request_id})"),
        None => String::new(),
    }
}

/// `: CODE: message` of the cloud's error body for messages, or nothing when it has none.
fn describe_cloud_error(response: &RawResponse) -> String {
    match response.cloud_error() {
        Some(cloud_error) => format!(": {cloud_error}"),
        None => String::new(),
    }
}

/// ` with status …` for messages, or nothing when there was no response.
fn describe_status(status: Option<u16>) -> String {
    match status {
        Some(status) => format!(" with status {status}"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_error(request_id: Option<&str>) -> Error {
        let source = match crate::json_decode::decode_json_body::<serde_json::Value>(b"{") {
            Err(source) => source,
            Ok(value) => unreachable!("`{{` decoded as {value}"),
        };
        Error::Decode {
            status: 200,
            request_id: request_id.map(str::to_owned),
            body: Bytes::from_static(b"{"),
            source: source.into(),
        }
    }

    #[test]
    fn decode_error_message_names_status_and_request_id() {
        let message = decode_error(Some("req-123")).to_string();
        assert!(
            message.starts_with("response with status 200 (request id req-123) does not decode: "),
            "{message}"
        );
        let message = decode_error(None).to_string();
        assert!(
            message.starts_with("response with status 200 does not decode: "),
            "{message}"
        );
    }

    #[test]
    fn authentication_error_message_names_status_and_request_id() {
        let error = Error::Authentication {
            status: Some(401),
            request_id: Some("req-9".to_owned()),
            message: "The username or password is wrong.".to_owned(),
        };
        assert_eq!(
            error.to_string(),
            "iam authentication failed with status 401 (request id req-9): \
             The username or password is wrong."
        );
        assert_eq!(error.status(), Some(401));
        assert_eq!(error.request_id(), Some("req-9"));
        let error = Error::Authentication {
            status: None,
            request_id: None,
            message: "no x-subject-token header".to_owned(),
        };
        assert_eq!(
            error.to_string(),
            "iam authentication failed: no x-subject-token header"
        );
    }
}
