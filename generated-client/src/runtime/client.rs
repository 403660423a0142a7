//! The HTTP side of every operation: endpoint, path expansion, authentication, retries,
//! tracing, and the raw response the generated code decodes.

use std::sync::Arc;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use tracing::Instrument;

use crate::runtime::cloud_error::CloudError;
use crate::runtime::config::{Authentication, Config, DefaultHeader};
use crate::runtime::iam::IamTokenCache;
use crate::runtime::retry::{self, AttemptPreparer, RetryPolicy};
use crate::runtime::signing::{
    self, percent_encode, PathEncoding, PayloadHashMode, SigningRequest,
};
use crate::runtime::Error;

/// The response header carrying the id the cloud logs the request under.
pub const REQUEST_ID_HEADER: &str = "X-Request-Id";
/// The request id header of services that are OpenStack projects (Nova, Neutron, …).
const OPENSTACK_REQUEST_ID_HEADER: &str = "X-Openstack-Request-Id";
/// Where a path waits for a project id that only the IAM token will tell.
///
/// Unambiguous because every value `expand_path` puts into a path is percent-encoded, so a
/// literal `{` can only come from the template.
const PROJECT_ID_PLACEHOLDER: &str = "{project_id}";

/// One service's endpoint plus the shared configuration and HTTP connection pool.
#[derive(Debug, Clone)]
pub struct ServiceClient {
    http: reqwest::Client,
    service_id: String,
    base_url: String,
    project_id: Option<String>,
    authentication: Authentication,
    iam_token_cache: Option<Arc<IamTokenCache>>,
    retry_policy: RetryPolicy,
    default_headers: Vec<DefaultHeader>,
    response_observer: Option<ResponseObserver>,
}

/// A function shown every response before it is decoded ([`ConfigBuilder::response_observer`]):
/// the operation id and the raw response of the last attempt.
///
/// ```
/// use std::sync::{Arc, Mutex};
/// use otc_client::runtime::{Config, ResponseObserver};
///
/// let request_ids = Arc::new(Mutex::new(Vec::new()));
/// let seen = Arc::clone(&request_ids);
/// let config = Config::builder()
///     .project_id("a4d31cb6-3d72-4fdc-8ec9-6e3a41e47f71")
///     .token("MIIt…")
///     .response_observer(ResponseObserver::new(move |operation_id, response| {
///         if let (Ok(mut seen), Some(request_id)) = (seen.lock(), response.request_id()) {
///             seen.push(format!("{operation_id}: {request_id}"));
///         }
///     }))
///     .build()
///     .expect("a config");
/// # drop(config);
/// ```
///
/// [`ConfigBuilder::response_observer`]: crate::runtime::ConfigBuilder::response_observer
#[derive(Clone)]
pub struct ResponseObserver {
    observe: Arc<ObserveFunction>,
}

/// What a [`ResponseObserver`] calls: operation id and raw response.
type ObserveFunction = dyn Fn(&str, &RawResponse) + Send + Sync;

impl ResponseObserver {
    pub fn new(observe: impl Fn(&str, &RawResponse) + Send + Sync + 'static) -> Self {
        ResponseObserver {
            observe: Arc::new(observe),
        }
    }
}

impl std::fmt::Debug for ResponseObserver {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("ResponseObserver")
    }
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
    /// Decodes the body as JSON; on failure the status, request id and raw body travel with
    /// the error.
    pub fn decode_json<T: serde::de::DeserializeOwned>(&self) -> Result<T, Error> {
        serde_json::from_slice(&self.body).map_err(|source| Error::Decode {
            status: self.status,
            request_id: self.request_id().map(str::to_owned),
            body: self.body.clone(),
            source,
        })
    }

    /// The id the cloud logged the request under (`X-Request-Id`, or OpenStack services'
    /// `X-Openstack-Request-Id`): quote it to the cloud's support.
    pub fn request_id(&self) -> Option<&str> {
        [REQUEST_ID_HEADER, OPENSTACK_REQUEST_ID_HEADER]
            .iter()
            .find_map(|name| self.headers.get(*name))
            .and_then(|value| value.to_str().ok())
            .filter(|request_id| !request_id.is_empty())
    }

    /// The error code and message of an error body, whichever of the services' shapes it has;
    /// `None` when the body has none (the raw body stays available).
    pub fn cloud_error(&self) -> Option<CloudError> {
        CloudError::from_json_body(&self.body)
    }
}

impl ServiceClient {
    /// A client for one service: the endpoint is the config's override for `service_id`, else
    /// the config's endpoint template, else `url_template`, with `{service}` and `{region}`
    /// filled in.
    pub fn new(
        config: &Config,
        service_id: &str,
        url_template: &str,
    ) -> Result<ServiceClient, Error> {
        Ok(ServiceClient {
            http: config.http.clone(),
            service_id: service_id.to_owned(),
            base_url: config.endpoint_for(service_id, url_template)?,
            project_id: config.project_id.clone(),
            authentication: config.authentication.clone(),
            iam_token_cache: config.iam_token_cache.clone(),
            retry_policy: config.retry_policy.clone(),
            default_headers: config.default_headers.clone(),
            response_observer: config.response_observer.clone(),
        })
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Fills a path template: `{project_id}` from the client, the others from `arguments`, each
    /// value percent-encoded as one path segment.
    ///
    /// When the project id is not known yet (password authentication scoped by project name),
    /// `{project_id}` stays in the path and [`send`](Self::send) fills it from the token.
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
            if name == "project_id" {
                match &self.project_id {
                    Some(project_id) => path.push_str(&percent_encode(project_id)),
                    None => path.push_str(PROJECT_ID_PLACEHOLDER),
                }
            } else {
                let value = arguments
                    .iter()
                    .find(|(argument, _)| *argument == name)
                    .map(|(_, value)| value.as_str())
                    .ok_or_else(|| {
                        Error::Configuration(format!("no value for path parameter {name}"))
                    })?;
                if value.is_empty() {
                    return Err(Error::Configuration(format!(
                        "path parameter {name} is empty"
                    )));
                }
                path.push_str(&percent_encode(value));
            }
            rest = &rest[close + 1..];
        }
        path.push_str(rest);
        Ok(path)
    }

    /// Sends a request with the configured authentication, retrying transient faults as the
    /// config's [`RetryPolicy`] allows, and returns the raw response of the last attempt.
    ///
    /// With password authentication, a 401 makes the client forget its cached token, obtain a
    /// new one and send the request once more (IAM may revoke a token before it expires).
    ///
    /// Traced as one `otc_request` span (operation, method, service, status, request id,
    /// attempt) with an event per attempt; no header value, body or credential is recorded.
    /// The config's response observer, if any, sees the returned response.
    pub async fn send(&self, request: OperationRequest) -> Result<RawResponse, Error> {
        let span = tracing::info_span!(
            "otc_request",
            operation = request.operation_id,
            method = %request.method,
            service = %self.service_id,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            attempt = tracing::field::Empty,
        );
        let raw = self.send_in_span(&request).instrument(span).await?;
        if let Some(response_observer) = &self.response_observer {
            (response_observer.observe)(request.operation_id, &raw);
        }
        Ok(raw)
    }

    async fn send_in_span(&self, request: &OperationRequest) -> Result<RawResponse, Error> {
        let retry_allowed = self.retry_policy.allows_retry_of(&request.method);
        let preparer = OperationAttemptPreparer {
            client: self,
            request,
            last_iam_token_sent: std::sync::Mutex::new(None),
        };
        let raw = retry::send_with_retries(&self.retry_policy, retry_allowed, &preparer).await?;
        // A 401 to a token from the cache may mean IAM revoked it before its expiry: renew it
        // and send once more. Safe for every method, because a request the gateway refused
        // for its token was not carried out.
        let rejected_iam_token = preparer
            .last_iam_token_sent
            .lock()
            .ok()
            .and_then(|mut last_iam_token_sent| last_iam_token_sent.take());
        match (&self.iam_token_cache, rejected_iam_token) {
            (Some(iam_token_cache), Some(rejected_iam_token)) if raw.status == 401 => {
                tracing::info!(
                    "the service refused the iam token: renewing it and sending once more"
                );
                iam_token_cache.forget_token(&rejected_iam_token).await;
                retry::send_with_retries(&self.retry_policy, retry_allowed, &preparer).await
            }
            _ => Ok(raw),
        }
    }
}

/// Builds each attempt of an operation: the current token or a fresh signature every time.
struct OperationAttemptPreparer<'a> {
    client: &'a ServiceClient,
    request: &'a OperationRequest,
    /// The IAM token of the latest attempt, to forget it if the service refuses it.
    last_iam_token_sent: std::sync::Mutex<Option<String>>,
}

impl AttemptPreparer for OperationAttemptPreparer<'_> {
    async fn prepare_attempt(&self) -> Result<reqwest::RequestBuilder, Error> {
        let client = self.client;
        let request = self.request;
        let mut headers: Vec<(String, String)> = request
            .headers
            .iter()
            .map(|(name, value)| ((*name).to_owned(), value.clone()))
            .collect();
        // An operation's own header parameter takes the place of a default header of the
        // same name, so the operation's documented value is the one the service sees.
        for default_header in &client.default_headers {
            let set_by_the_operation = request
                .headers
                .iter()
                .any(|(name, _)| name.eq_ignore_ascii_case(&default_header.name));
            if !set_by_the_operation {
                headers.push((default_header.name.clone(), default_header.value.clone()));
            }
        }
        let mut project_id = client.project_id.clone();
        match (&client.authentication, &client.iam_token_cache) {
            (Authentication::Token(token), _) => {
                headers.push(("X-Auth-Token".to_owned(), token.clone()));
            }
            (Authentication::Password(_), Some(iam_token_cache)) => {
                let token = iam_token_cache
                    .current_token(&client.http, &client.retry_policy)
                    .await?;
                if project_id.is_none() {
                    project_id = token.project_id.clone();
                }
                if let Ok(mut last_iam_token_sent) = self.last_iam_token_sent.lock() {
                    *last_iam_token_sent = Some(token.value.clone());
                }
                headers.push(("X-Auth-Token".to_owned(), token.value));
            }
            (Authentication::Password(_), None) => {
                return Err(Error::Configuration(
                    "password authentication without a token cache: build the config with \
                     Config::builder"
                        .to_owned(),
                ));
            }
            (Authentication::AccessKey(_) | Authentication::None, _) => {}
        }
        let path = if request.path.contains(PROJECT_ID_PLACEHOLDER) {
            let project_id = project_id.as_deref().ok_or_else(|| {
                Error::Configuration(
                    "the path needs a project id, and neither the config nor the token has one"
                        .to_owned(),
                )
            })?;
            request
                .path
                .replace(PROJECT_ID_PLACEHOLDER, &percent_encode(project_id))
        } else {
            request.path.clone()
        };
        if let Some(project_id) = &project_id {
            headers.push(("X-Project-Id".to_owned(), project_id.clone()));
        }
        if request.body.is_some() {
            headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
        }
        if let Authentication::AccessKey(credentials) = &client.authentication {
            let query: Vec<(String, String)> = request
                .query
                .iter()
                .map(|(name, value)| ((*name).to_owned(), value.clone()))
                .collect();
            // Signed per attempt: the gateway rejects a signature date too far in the past.
            let sdk_date = signing::format_sdk_date(std::time::SystemTime::now());
            let signed = signing::sign(
                credentials,
                &SigningRequest {
                    method: request.method.as_str(),
                    // The path as it goes on the wire: its segments are encoded already.
                    path: &path,
                    path_encoding: PathEncoding::PercentEncoded,
                    query: &query,
                    headers: &headers,
                    body: request.body.as_deref().unwrap_or_default(),
                    payload_hash_mode: PayloadHashMode::Sha256OfBody,
                },
                &sdk_date,
            )?;
            for (name, value) in signed.headers_to_set() {
                headers.push((name.clone(), value.clone()));
            }
        }
        let url = format!("{}{}", client.base_url, path);
        let mut builder = client
            .http
            .request(request.method.clone(), &url)
            .query(&request.query);
        for (name, value) in &headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        Ok(builder)
    }
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(percent_encode("a b/c"), "a%20b%2Fc");
        assert_eq!(percent_encode("id-1_2.3~"), "id-1_2.3~");
        // A brace in a value can never be mistaken for the project id placeholder.
        assert_eq!(percent_encode("{project_id}"), "%7Bproject_id%7D");
    }

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
    fn cloud_error_reads_the_body() {
        let raw = raw_response(&[], r#"{"error_code":"DCS.4001","error_msg":"gone"}"#);
        let cloud_error = raw.cloud_error().expect("an error body");
        assert_eq!(cloud_error.code.as_deref(), Some("DCS.4001"));
        assert_eq!(cloud_error.message.as_deref(), Some("gone"));
        assert_eq!(raw_response(&[], "oops").cloud_error(), None);
    }
}
