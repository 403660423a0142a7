//! The raw response the generated response enums decode: status, headers and body as
//! received, with the request id and the cloud's error code at hand.

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName};

use crate::cloud_error::CloudError;
use crate::error::{DecodeError, Error};
use crate::json_decode::decode_json_body;

/// The response header carrying the id the cloud logs the request under.
pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");
/// The request id header of services that are OpenStack projects (Nova, Neutron, …).
const OPENSTACK_REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-openstack-request-id");

/// A response before decoding: status, headers and the whole body, kept as received.
#[derive(Debug, Clone, PartialEq)]
pub struct RawResponse {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl RawResponse {
    /// Decodes the body as JSON; on failure the status, request id and raw body travel with
    /// the error, and its source names the failing field's JSON path, what was expected there
    /// and what was found.
    pub fn decode_json<T: serde::de::DeserializeOwned>(&self) -> Result<T, Error> {
        decode_json_body(&self.body).map_err(|source| self.decode_error(source.into()))
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

    /// The id the cloud logged the request under (`X-Request-Id`, or OpenStack services'
    /// `X-Openstack-Request-Id`): quote it to the cloud's support.
    pub fn request_id(&self) -> Option<&str> {
        // Looked up by `HeaderName`: a `&str` name would be parsed and lower-cased on every
        // lookup, and the retry loop looks twice per attempt.
        [REQUEST_ID_HEADER, OPENSTACK_REQUEST_ID_HEADER]
            .iter()
            .find_map(|name| self.headers.get(name))
            .and_then(|value| value.to_str().ok())
            .filter(|request_id| !request_id.is_empty())
    }

    /// The error code and message of an error body, whichever of the services' shapes it has;
    /// `None` when the body has none (the raw body stays available).
    pub fn cloud_error(&self) -> Option<CloudError> {
        CloudError::from_json_body(&self.body)
    }

    fn decode_error(&self, source: DecodeError) -> Error {
        Error::Decode {
            status: self.status,
            request_id: self.request_id().map(str::to_owned),
            body: self.body.clone(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    fn raw_response(headers: &[(&'static str, &'static str)], body: &'static str) -> RawResponse {
        let mut header_map = HeaderMap::new();
        for (name, value) in headers {
            header_map.insert(*name, HeaderValue::from_static(value));
        }
        RawResponse {
            status: 400,
            headers: header_map,
            body: Bytes::from_static(body.as_bytes()),
        }
    }

    #[test]
    fn request_id_comes_from_either_header() {
        assert_eq!(
            raw_response(&[("x-request-id", "r-1")], "").request_id(),
            Some("r-1")
        );
        assert_eq!(
            raw_response(&[("X-Openstack-Request-Id", "req-2")], "").request_id(),
            Some("req-2")
        );
        assert_eq!(raw_response(&[], "").request_id(), None);
    }

    #[test]
    fn decode_errors_carry_the_request_id() {
        let raw = raw_response(&[("X-Request-Id", "r-7")], "not json");
        match raw.decode_json::<serde_json::Value>() {
            Err(Error::Decode {
                status, request_id, ..
            }) => {
                assert_eq!(status, 400);
                assert_eq!(request_id.as_deref(), Some("r-7"));
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn text_bodies_must_be_utf8() {
        assert_eq!(
            raw_response(&[], "plain").decode_text().ok().as_deref(),
            Some("plain")
        );
        let raw = RawResponse {
            status: 200,
            headers: HeaderMap::new(),
            body: Bytes::from_static(&[0xff, 0xfe]),
        };
        assert!(matches!(
            raw.decode_text(),
            Err(Error::Decode {
                source: DecodeError::Text(_),
                ..
            })
        ));
    }

    #[test]
    fn cloud_error_reads_the_body() {
        let raw = raw_response(&[], r#"{"error_code":"DCS.4001","error_msg":"gone"}"#);
        let cloud_error = raw.cloud_error().expect("an error body");
        assert_eq!(cloud_error.code.as_deref(), Some("DCS.4001"));
        assert_eq!(cloud_error.message.as_deref(), Some("gone"));
        assert_eq!(raw_response(&[], "oops").cloud_error(), None);
    }
}
