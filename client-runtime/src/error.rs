//! The one error type of generated clients: transport failures, bodies that do not encode or
//! decode, and requests that cannot be built.

use bytes::Bytes;

/// Why a call did not produce a response enum.
///
/// An undocumented status is not an error: it is the `Unexpected` variant of the operation's
/// response enum.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be sent or the response not received (connection, timeout, TLS).
    #[error("request failed: {0}")]
    Transport(#[from] reqwest::Error),
    /// A documented status came with a body that does not match the documented type. The
    /// status and the raw body are kept.
    #[error("response with status {status} does not decode: {source}")]
    Decode {
        status: u16,
        body: Bytes,
        #[source]
        source: DecodeError,
    },
    /// The request body could not be encoded.
    #[error("request body does not encode: {0}")]
    Encode(#[source] serde_json::Error),
    /// The client is configured in a way that cannot work (a bad base URL or default header).
    #[error("invalid client configuration: {0}")]
    Configuration(String),
    /// The request cannot be built from the values given (an empty path parameter).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
}

/// Why a response body did not decode.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The body is not the documented JSON.
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    /// A documented text body is not UTF-8.
    #[error("{0}")]
    Text(#[from] std::str::Utf8Error),
}
