//! The HTTP side of every operation: endpoint, path expansion, authentication, sending, and the
//! raw response the generated code decodes.

use bytes::Bytes;
use reqwest::header::HeaderMap;

use crate::runtime::config::{Authentication, Config};
use crate::runtime::signing::{self, PayloadHashMode, SigningRequest};
use crate::runtime::Error;

/// One service's endpoint plus the shared configuration and HTTP connection pool.
#[derive(Debug, Clone)]
pub struct ServiceClient {
    http: reqwest::Client,
    base_url: String,
    project_id: String,
    authentication: Authentication,
}

/// A request as the generated code describes it: path already expanded, parameters as text.
#[derive(Debug, Clone)]
pub struct OperationRequest {
    /// The operationId, for diagnostics.
    pub operation_id: &'static str,
    pub method: reqwest::Method,
    pub path: String,
    /// Query pairs in order; an array parameter appears once per element.
    pub query: Vec<(&'static str, String)>,
    pub headers: Vec<(&'static str, String)>,
    /// A JSON body.
    pub body: Option<Vec<u8>>,
}

/// A response before decoding: status, headers and the whole body, kept as received.
#[derive(Debug, Clone, PartialEq)]
pub struct RawResponse {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl RawResponse {
    /// Decodes the body as JSON; on failure the status and raw body travel with the error.
    pub fn decode_json<T: serde::de::DeserializeOwned>(&self) -> Result<T, Error> {
        serde_json::from_slice(&self.body).map_err(|source| Error::Decode {
            status: self.status,
            body: self.body.clone(),
            source,
        })
    }
}

impl ServiceClient {
    /// A client for one service: the endpoint is the config's override for `service_id`, or
    /// `url_template` with `{region}` filled in.
    pub fn new(
        config: &Config,
        service_id: &str,
        url_template: &str,
    ) -> Result<ServiceClient, Error> {
        let base_url = match config.endpoint_overrides.get(service_id) {
            Some(url) => url.clone(),
            None => url_template.replace("{region}", &config.region),
        };
        if base_url.contains('{') {
            return Err(Error::Configuration(format!(
                "endpoint {base_url} still has a template variable"
            )));
        }
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout)
            .build()?;
        Ok(ServiceClient {
            http,
            base_url: base_url.trim_end_matches('/').to_owned(),
            project_id: config.project_id.clone(),
            authentication: config.authentication.clone(),
        })
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Fills a path template: `{project_id}` from the client, the others from `arguments`, each
    /// value percent-encoded as one path segment.
    pub fn expand_path(
        &self,
        template: &str,
        arguments: &[(&str, String)],
    ) -> Result<String, Error> {
        let mut path = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            path.push_str(&rest[..open]);
            let close = rest[open..]
                .find('}')
                .map(|close| open + close)
                .ok_or_else(|| {
                    Error::Configuration(format!("unclosed parameter in path {template}"))
                })?;
            let name = &rest[open + 1..close];
            let value = if name == "project_id" {
                self.project_id.as_str()
            } else {
                arguments
                    .iter()
                    .find(|(argument, _)| *argument == name)
                    .map(|(_, value)| value.as_str())
                    .ok_or_else(|| {
                        Error::Configuration(format!("no value for path parameter {name}"))
                    })?
            };
            if value.is_empty() {
                return Err(Error::Configuration(format!(
                    "path parameter {name} is empty"
                )));
            }
            path.push_str(&encode_path_segment(value));
            rest = &rest[close + 1..];
        }
        path.push_str(rest);
        Ok(path)
    }

    /// Sends a request with the configured authentication and returns the raw response.
    pub async fn send(&self, request: OperationRequest) -> Result<RawResponse, Error> {
        let url = format!("{}{}", self.base_url, request.path);
        let mut builder = self
            .http
            .request(request.method.clone(), &url)
            .query(&request.query);
        let mut headers: Vec<(String, String)> = request
            .headers
            .iter()
            .map(|(name, value)| ((*name).to_owned(), value.clone()))
            .collect();
        headers.push(("X-Project-Id".to_owned(), self.project_id.clone()));
        if request.body.is_some() {
            headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
        }
        match &self.authentication {
            Authentication::Token(token) => {
                headers.push(("X-Auth-Token".to_owned(), token.clone()))
            }
            Authentication::AccessKey(credentials) => {
                let query: Vec<(String, String)> = request
                    .query
                    .iter()
                    .map(|(name, value)| ((*name).to_owned(), value.clone()))
                    .collect();
                let sdk_date = signing::format_sdk_date(std::time::SystemTime::now());
                let signed = signing::sign(
                    credentials,
                    &SigningRequest {
                        method: request.method.as_str(),
                        path: &request.path,
                        query: &query,
                        headers: &headers,
                        body: request.body.as_deref().unwrap_or_default(),
                        payload_hash_mode: PayloadHashMode::Sha256OfBody,
                    },
                    &sdk_date,
                )?;
                for (name, value) in signed.headers_to_set() {
                    headers.push((name.to_string(), value.to_string()));
                }
            }
            Authentication::None => {}
        }
        for (name, value) in &headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some(body) = request.body {
            builder = builder.body(body);
        }
        let response = builder.send().await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.bytes().await?;
        Ok(RawResponse {
            status,
            headers,
            body,
        })
    }
}

/// Percent-encodes one path segment: unreserved characters stay, everything else is `%XX`.
fn encode_path_segment(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(encode_path_segment("a b/c"), "a%20b%2Fc");
        assert_eq!(encode_path_segment("id-1_2.3~"), "id-1_2.3~");
    }
}
