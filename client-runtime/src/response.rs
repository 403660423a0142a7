//! The raw response the generated response enums decode.

use bytes::Bytes;
use reqwest::header::HeaderMap;

use crate::error::{DecodeError, Error};

/// A response before decoding: status, headers and the whole body, kept as received.
///
/// The same shape as `otc-client`'s `RawResponse`, so generated code decodes either.
#[derive(Debug, Clone, PartialEq)]
pub struct RawResponse {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl RawResponse {
    /// Decodes the body as JSON; on failure the status and raw body travel with the error.
    pub fn decode_json<T: serde::de::DeserializeOwned>(&self) -> Result<T, Error> {
        serde_json::from_slice(&self.body).map_err(|source| self.decode_error(source.into()))
    }

    /// The body as text; a body that is not UTF-8 is a decode error with the raw body kept.
    pub fn decode_text(&self) -> Result<String, Error> {
        std::str::from_utf8(&self.body)
            .map(str::to_owned)
            .map_err(|source| self.decode_error(source.into()))
    }

    /// The body as bytes, as received (a cheap clone of the shared buffer).
    pub fn decode_bytes(&self) -> Result<Bytes, Error> {
        Ok(self.body.clone())
    }

    fn decode_error(&self, source: DecodeError) -> Error {
        Error::Decode {
            status: self.status,
            body: self.body.clone(),
            source,
        }
    }
}
