//! The one error type of the client: transport failures, encoding and decoding failures, and
//! configuration mistakes.

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
        source: serde_json::Error,
    },
    /// The request body could not be encoded as JSON.
    #[error("request body does not encode: {0}")]
    Encode(#[source] serde_json::Error),
    /// The client is configured in a way that cannot work (missing project, bad endpoint).
    #[error("invalid client configuration: {0}")]
    Configuration(String),
    /// AK/SK signing failed.
    #[error("request signing failed: {0}")]
    Signing(#[from] crate::runtime::signing::SigningError),
}
