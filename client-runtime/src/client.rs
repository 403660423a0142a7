//! One API's HTTP client: base URL, default headers, timeouts, path parameters the client
//! fills, and sending an [`OperationRequest`].

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::body::Body;
use crate::error::Error;
use crate::response::RawResponse;

/// A request as the generated code describes it: path already expanded, parameters as text.
///
/// The same shape as `otc-client`'s `OperationRequest`, except that the body carries its
/// content type.
#[derive(Debug, Clone)]
pub struct OperationRequest {
    /// The operation's name, for diagnostics.
    pub operation_id: &'static str,
    pub method: reqwest::Method,
    pub path: String,
    /// Query pairs in order; an array parameter appears once per element.
    pub query: Vec<(&'static str, String)>,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<Body>,
}

/// The base URL plus the shared configuration and HTTP connection pool.
#[derive(Debug, Clone)]
pub struct ServiceClient {
    http: reqwest::Client,
    base_url: String,
    default_headers: HeaderMap,
    path_parameters: Vec<(String, String)>,
}

/// Builds a [`ServiceClient`]; see [`ServiceClient::builder`].
#[derive(Debug, Clone)]
pub struct ServiceClientBuilder {
    base_url: String,
    headers: Vec<(String, String)>,
    path_parameters: Vec<(String, String)>,
    timeout: Duration,
    connect_timeout: Duration,
    http: Option<reqwest::Client>,
}

impl ServiceClient {
    /// A client with default settings for `base_url` (`https://api.example.com/v1`).
    pub fn new(base_url: &str) -> Result<ServiceClient, Error> {
        ServiceClient::builder(base_url).build()
    }

    pub fn builder(base_url: &str) -> ServiceClientBuilder {
        ServiceClientBuilder {
            base_url: base_url.to_owned(),
            headers: Vec::new(),
            path_parameters: Vec::new(),
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            http: None,
        }
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Fills a path template from `arguments`, then from the path parameters the client was
    /// built with, each value percent-encoded as one path segment.
    pub fn expand_path(
        &self,
        template: &str,
        arguments: &[(&str, String)],
    ) -> Result<String, Error> {
        crate::path::expand_path(template, arguments, &self.path_parameters)
    }

    /// Sends a request with the default headers and returns the raw response, whatever its
    /// status.
    pub async fn send(&self, request: OperationRequest) -> Result<RawResponse, Error> {
        let url = format!("{}{}", self.base_url, request.path);
        let mut builder = self
            .http
            .request(request.method, &url)
            .headers(self.default_headers.clone());
        if !request.query.is_empty() {
            builder = builder.query(&request.query);
        }
        for (name, value) in &request.headers {
            builder = builder.header(*name, value.as_str());
        }
        if let Some(body) = request.body {
            builder = builder
                .header(reqwest::header::CONTENT_TYPE, body.content_type)
                .body(body.bytes);
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

impl ServiceClientBuilder {
    /// A header sent with every request (authentication, a user agent).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// A path parameter the client fills when a call does not (`{project_id}` in every path of
    /// an API scoped to one project).
    pub fn path_parameter(mut self, name: &str, value: &str) -> Self {
        self.path_parameters
            .push((name.to_owned(), value.to_owned()));
        self
    }

    /// The whole-request timeout (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The connect timeout (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sends through an existing reqwest client (its own pool, proxy and TLS settings); the
    /// timeouts set here are then not used.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    pub fn build(self) -> Result<ServiceClient, Error> {
        let base_url = self.base_url.trim_end_matches('/').to_owned();
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            return Err(Error::Configuration(format!(
                "base URL {base_url:?} is not an http(s) URL"
            )));
        }
        if base_url.contains('{') {
            return Err(Error::Configuration(format!(
                "base URL {base_url} still has a template variable"
            )));
        }
        let mut default_headers = HeaderMap::new();
        for (name, value) in &self.headers {
            let header_name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|error| Error::Configuration(format!("header name {name:?}: {error}")))?;
            let header_value = HeaderValue::from_str(value)
                .map_err(|error| Error::Configuration(format!("header {name}: {error}")))?;
            default_headers.append(header_name, header_value);
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .timeout(self.timeout)
                .connect_timeout(self.connect_timeout)
                .build()?,
        };
        Ok(ServiceClient {
            http,
            base_url,
            default_headers,
            path_parameters: self.path_parameters,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_url_must_be_a_complete_http_url() {
        let error = ServiceClient::new("https://{host}/v1").expect_err("template");
        assert_eq!(
            error.to_string(),
            "invalid client configuration: base URL https://{host}/v1 still has a template variable"
        );
        assert!(ServiceClient::new("ftp://example.com").is_err());
        let client = ServiceClient::new("https://example.com/v1/").expect("valid");
        assert_eq!(client.base_url(), "https://example.com/v1");
    }
}
