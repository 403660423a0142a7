//! The HTTP side of every operation: endpoint, path expansion, authentication, retries,
//! tracing, and the raw response the generated code decodes. One code path for every client:
//! a service of Open Telekom Cloud made from a [`Config`] and a client of any API made with
//! [`ServiceClient::builder`] differ only in the settings they start from.

use std::borrow::Cow;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use tracing::Instrument;

use crate::body::Body;
use crate::config::{
    check_default_header, Authentication, Config, DefaultHeader, HEADERS_SET_BY_THE_RUNTIME,
};
use crate::iam::IamTokenCache;
use crate::path::{check_path_value, encode_path_segment, expand_path_deferring};
use crate::preview::{RequestPreview, IAM_TOKEN_PLACEHOLDER};
use crate::response::RawResponse;
use crate::retry::{self, AttemptPreparer, RetryPolicy};
use crate::signing::{self, PathEncoding, PayloadHashMode, SigningRequest};
use crate::Error;

/// The path parameter an OTC client fills from its config, or from the IAM token when the
/// config names the project only by name.
const PROJECT_ID_PARAMETER: &str = "project_id";
/// Where a path waits for a project id that only the IAM token will tell.
const PROJECT_ID_PLACEHOLDER: &str = "{project_id}";

/// One API's endpoint plus the shared configuration and HTTP connection pool.
#[derive(Debug, Clone)]
pub struct ServiceClient {
    http: reqwest::Client,
    /// The service id in traces (`otc_request`'s `service`) and endpoint overrides.
    service_id: String,
    base_url: String,
    /// `base_url` parsed once, so that an attempt's URL does not read scheme and host again.
    parsed_base_url: reqwest::Url,
    /// Path parameters the client fills when a call does not (`project_id`).
    path_parameters: Vec<(String, String)>,
    /// The project of an OTC config: sent as `X-Project-Id`, and the value of `{project_id}`
    /// once the IAM token tells it.
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
/// use otc_client_runtime::{Config, ResponseObserver};
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
/// [`ConfigBuilder::response_observer`]: crate::ConfigBuilder::response_observer
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

impl fmt::Debug for ResponseObserver {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("ResponseObserver")
    }
}

/// The request of one attempt as an [`AuthenticationHook`] sees it: the path as it goes on
/// the wire, the query pairs, every header set so far and the body.
#[derive(Debug)]
#[non_exhaustive]
pub struct AttemptRequest<'a> {
    pub operation_id: &'static str,
    pub method: &'a reqwest::Method,
    pub path: &'a str,
    pub query: &'a [(&'static str, String)],
    pub headers: &'a [(String, String)],
    pub body: Option<&'a Body>,
}

/// The future of an [`AuthenticationHook`]: the headers to add to the attempt.
pub type AuthenticationFuture =
    Pin<Box<dyn Future<Output = Result<Vec<(String, String)>, Error>> + Send + 'static>>;

/// Authentication of any API ([`Authentication::Hook`]): called before every attempt (so a
/// token can be renewed or a signature dated), it returns the headers to add.
///
/// ```
/// use otc_client_runtime::{Authentication, AuthenticationHook, ServiceClient};
///
/// let hook = AuthenticationHook::new(|attempt| {
///     let header = ("Authorization".to_owned(), format!("Bearer for {}", attempt.operation_id));
///     Box::pin(async move { Ok(vec![header]) })
/// });
/// let client = ServiceClient::builder("https://api.example.com")
///     .authentication(Authentication::Hook(hook))
///     .build()
///     .expect("a client");
/// # drop(client);
/// ```
#[derive(Clone)]
pub struct AuthenticationHook {
    authenticate: Arc<AuthenticateFunction>,
}

/// What an [`AuthenticationHook`] calls.
type AuthenticateFunction = dyn Fn(&AttemptRequest<'_>) -> AuthenticationFuture + Send + Sync;

impl AuthenticationHook {
    pub fn new(
        authenticate: impl Fn(&AttemptRequest<'_>) -> AuthenticationFuture + Send + Sync + 'static,
    ) -> Self {
        AuthenticationHook {
            authenticate: Arc::new(authenticate),
        }
    }
}

impl fmt::Debug for AuthenticationHook {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("AuthenticationHook")
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
    /// The body with its content type.
    pub body: Option<Body>,
}

/// Builds a [`ServiceClient`] for any API; see [`ServiceClient::builder`].
#[derive(Debug, Clone)]
pub struct ServiceClientBuilder {
    base_url: String,
    service_id: String,
    headers: Vec<DefaultHeader>,
    path_parameters: Vec<(String, String)>,
    timeout: Duration,
    connect_timeout: Duration,
    http: Option<reqwest::Client>,
    authentication: Authentication,
    retry_policy: RetryPolicy,
    response_observer: Option<ResponseObserver>,
}

impl ServiceClient {
    /// A client of one Open Telekom Cloud service: the endpoint is the config's override for
    /// `service_id`, else the config's endpoint template, else `url_template`, with
    /// `{service}` and `{region}` filled in; `{project_id}` in paths comes from the config (or
    /// the IAM token).
    pub fn from_config(
        config: &Config,
        service_id: &str,
        url_template: &str,
    ) -> Result<ServiceClient, Error> {
        let base_url = config.endpoint_for(service_id, url_template)?;
        ServiceClient::from_config_at(config, service_id, base_url)
    }

    /// A client of an Open Telekom Cloud service at `base_url`, with the config's settings.
    fn from_config_at(
        config: &Config,
        service_id: &str,
        base_url: String,
    ) -> Result<ServiceClient, Error> {
        Ok(ServiceClient {
            http: config.http.clone(),
            service_id: service_id.to_owned(),
            parsed_base_url: parse_base_url(&base_url)?,
            base_url,
            path_parameters: config
                .project_id
                .iter()
                .map(|project_id| (PROJECT_ID_PARAMETER.to_owned(), project_id.clone()))
                .collect(),
            project_id: config.project_id.clone(),
            authentication: config.authentication.clone(),
            iam_token_cache: config.iam_token_cache.clone(),
            retry_policy: config.retry_policy.clone(),
            default_headers: config.default_headers.clone(),
            response_observer: config.response_observer.clone(),
        })
    }

    /// A client of one Open Telekom Cloud service that knows its endpoint in each region it is
    /// documented for (a service crate's `REGION_ENDPOINTS`): the endpoint is the config's
    /// override for `service_id`, else the config's endpoint template, else the service's
    /// endpoint in the config's region ([`Config::endpoint_in_region`]: a region the service
    /// is not documented for, or an unknown one, is a configuration error).
    pub fn from_config_in_region(
        config: &Config,
        service_id: &str,
        region_endpoints: &[(&str, &str)],
    ) -> Result<ServiceClient, Error> {
        let base_url = config.endpoint_in_region(service_id, region_endpoints)?;
        ServiceClient::from_config_at(config, service_id, base_url)
    }

    /// A client of any API with default settings for `base_url` (`https://api.example.com/v1`).
    pub fn new(base_url: &str) -> Result<ServiceClient, Error> {
        ServiceClient::builder(base_url).build()
    }

    /// A client of any API: default headers, authentication, path parameters, timeouts and
    /// retries, as [`ServiceClientBuilder`]'s methods set them.
    pub fn builder(base_url: &str) -> ServiceClientBuilder {
        ServiceClientBuilder {
            base_url: base_url.to_owned(),
            service_id: "api".to_owned(),
            headers: Vec::new(),
            path_parameters: Vec::new(),
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            http: None,
            authentication: Authentication::None,
            retry_policy: RetryPolicy::default(),
            response_observer: None,
        }
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The URL of an attempt: the base URL with `path` after the base URL's own path. The
    /// same URL as parsing the two joined (the same parser reads the path), without reading
    /// scheme and host again on every call. A path that is not plain (no leading `/`, a query
    /// or fragment in it, or an ending the parser trims: a space or control character) is
    /// joined and parsed whole.
    fn attempt_url(&self, path: &str) -> Result<reqwest::Url, Error> {
        if !path.starts_with('/')
            || path.ends_with(|character: char| character <= ' ')
            || path.contains(['?', '#'])
        {
            let joined = format!("{}{path}", self.base_url);
            return reqwest::Url::parse(&joined)
                .map_err(|error| Error::InvalidRequest(format!("URL {joined}: {error}")));
        }
        // `https://host` reads as the path `/`: nothing to put before the request's path.
        let base_path = self.parsed_base_url.path().trim_end_matches('/');
        if base_path.is_empty() && !path.starts_with("//") && !path.contains('\\') {
            // Resolved against the base URL: scheme and host copied, the path parsed into a
            // string sized for it. `//` would start a host, and a special URL reads `\` as `/`.
            return self
                .parsed_base_url
                .join(path)
                .map_err(|error| Error::InvalidRequest(format!("path {path}: {error}")));
        }
        let mut url = self.parsed_base_url.clone();
        if base_path.is_empty() {
            url.set_path(path);
        } else {
            let mut full_path = String::with_capacity(base_path.len() + path.len());
            full_path.push_str(base_path);
            full_path.push_str(path);
            url.set_path(&full_path);
        }
        Ok(url)
    }

    /// Fills a path template from `arguments`, then from the path parameters the client fills
    /// (`{project_id}`), each value percent-encoded as one path segment.
    ///
    /// When the project id is not known yet (password authentication scoped by project name),
    /// `{project_id}` stays in the path and [`send`](Self::send) fills it from the token.
    pub fn expand_path(
        &self,
        template: &str,
        arguments: &[(&str, String)],
    ) -> Result<String, Error> {
        let deferred: &[&str] = if self.iam_token_cache.is_some() && self.project_id.is_none() {
            &[PROJECT_ID_PARAMETER]
        } else {
            &[]
        };
        expand_path_deferring(template, arguments, &self.path_parameters, deferred)
    }

    /// Sends a request with the configured authentication, retrying transient faults as the
    /// [`RetryPolicy`] allows, and returns the raw response of the last attempt.
    ///
    /// With password authentication, a 401 makes the client forget its cached token, obtain a
    /// new one and send the request once more (IAM may revoke a token before it expires).
    ///
    /// Traced as one `otc_request` span (operation, method, service, status, request id,
    /// attempt) with an event per attempt; no header value, body or credential is recorded.
    /// The response observer, if any, sees the returned response.
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

    /// The request [`send`](Self::send) would make first, built the same way (URL, query,
    /// headers, body, AK/SK signature) but not sent, with every secret replaced: for a dry run.
    /// Password authentication asks IAM for nothing: the token (and a project id only the
    /// token would tell) are shown as placeholders.
    pub async fn preview(&self, request: &OperationRequest) -> Result<RequestPreview, Error> {
        let preparer = OperationAttemptPreparer {
            client: self,
            request,
            last_iam_token_sent: std::sync::Mutex::new(None),
            preview: Some(std::sync::Mutex::new(None)),
        };
        let built = preparer.prepare_attempt().await?.build()?;
        let signed = preparer
            .preview
            .as_ref()
            .and_then(|signed| signed.lock().ok()?.take());
        Ok(RequestPreview::new(&built, signed.as_ref()))
    }

    async fn send_in_span(&self, request: &OperationRequest) -> Result<RawResponse, Error> {
        let retry_allowed = self.retry_policy.allows_retry_of(&request.method);
        let preparer = OperationAttemptPreparer {
            client: self,
            request,
            last_iam_token_sent: std::sync::Mutex::new(None),
            preview: None,
        };
        let raw = retry::send_with_retries(&self.retry_policy, retry_allowed, &preparer).await?;
        // A 401 to a token from the cache may mean IAM revoked it before its expiry: renew it
        // and send once more. Safe for every method, because a request the gateway refused
        // for its token was not carried out.
        if raw.status != 401 {
            return Ok(raw);
        }
        let rejected_iam_token = preparer
            .last_iam_token_sent
            .lock()
            .ok()
            .and_then(|mut last_iam_token_sent| last_iam_token_sent.take());
        match (&self.iam_token_cache, rejected_iam_token) {
            (Some(iam_token_cache), Some(rejected_iam_token)) => {
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

impl ServiceClientBuilder {
    /// A header sent with every request (a static API key, a user agent). A header parameter
    /// of an operation with the same name (case-insensitive) takes its place in that
    /// operation's requests. [`build`](Self::build) fails on a name or value that is not a
    /// valid HTTP header, and on the headers the client sets itself (`Content-Type`, `Host`,
    /// `Content-Length`, and those of the chosen [`Authentication`]).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push(DefaultHeader {
            name: name.to_owned(),
            value: value.to_owned(),
        });
        self
    }

    /// A path parameter the client fills when a call does not (`{project_id}` in every path of
    /// an API scoped to one project).
    pub fn path_parameter(mut self, name: &str, value: &str) -> Self {
        self.path_parameters
            .push((name.to_owned(), value.to_owned()));
        self
    }

    /// How requests are authenticated (default [`Authentication::None`]): an IAM token, AK/SK
    /// signing, or an [`AuthenticationHook`]. Password authentication needs a [`Config`]
    /// (its IAM endpoint and token cache).
    pub fn authentication(mut self, authentication: Authentication) -> Self {
        self.authentication = authentication;
        self
    }

    /// The name of the API in traces (default `api`).
    pub fn service_id(mut self, service_id: &str) -> Self {
        self.service_id = service_id.to_owned();
        self
    }

    /// The whole-request timeout of one attempt (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The connect timeout (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// When failed attempts are retried (default [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, retry_policy: RetryPolicy) -> Self {
        self.retry_policy = retry_policy;
        self
    }

    /// Shows every response to `observer` before it is decoded.
    pub fn response_observer(mut self, observer: ResponseObserver) -> Self {
        self.response_observer = Some(observer);
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
        if let Authentication::Password(_) = &self.authentication {
            return Err(Error::Configuration(
                "password authentication needs a Config (its IAM endpoint and token cache)"
                    .to_owned(),
            ));
        }
        let reserved = headers_set_by(&self.authentication);
        for header in &self.headers {
            check_default_header(header, &reserved)?;
        }
        let http = match self.http {
            Some(http) => http,
            None => http_client(self.timeout, self.connect_timeout, None)?,
        };
        Ok(ServiceClient {
            http,
            service_id: self.service_id,
            parsed_base_url: parse_base_url(&base_url)?,
            base_url,
            path_parameters: self.path_parameters,
            project_id: None,
            authentication: self.authentication,
            iam_token_cache: None,
            retry_policy: self.retry_policy,
            default_headers: self.headers,
            response_observer: self.response_observer,
        })
    }
}

/// Parses a client's base URL (already without a trailing `/`). A query or fragment would
/// end up after every request's path, so it is refused like a URL that does not parse.
fn parse_base_url(base_url: &str) -> Result<reqwest::Url, Error> {
    let parsed = reqwest::Url::parse(base_url)
        .map_err(|error| Error::Configuration(format!("base URL {base_url}: {error}")))?;
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(Error::Configuration(format!(
            "base URL {base_url} has a query or fragment"
        )));
    }
    Ok(parsed)
}

/// The HTTP client of a `Config` and of a [`ServiceClientBuilder`]: these timeouts, and
/// redirects not followed. A documented 3xx is the operation's response (a template download's
/// 307), and following one would send the token (or the signature of another request) to
/// wherever the `Location` points.
///
/// With `proxy`, every request goes through it (the environment's proxy otherwise).
pub(crate) fn http_client(
    timeout: Duration,
    connect_timeout: Duration,
    proxy: Option<&str>,
) -> Result<reqwest::Client, Error> {
    let mut builder = reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(connect_timeout)
        .redirect(reqwest::redirect::Policy::none());
    if let Some(proxy) = proxy {
        // The message leaves the URL out: it may hold the proxy's password.
        builder =
            builder.proxy(reqwest::Proxy::all(proxy).map_err(|_| {
                Error::Configuration("the proxy is not a valid proxy URL".to_owned())
            })?);
    }
    Ok(builder.build()?)
}

/// The headers a client with this authentication sets itself, lower case: a default header may
/// not replace them, because the request would then be authenticated or signed differently.
fn headers_set_by(authentication: &Authentication) -> Vec<&'static str> {
    let mut reserved = vec!["content-length", "content-type", "host"];
    match authentication {
        Authentication::None | Authentication::Hook(_) => {}
        // Token and password authentication, AK/SK signing: everything an OTC config reserves.
        Authentication::Token(_) | Authentication::AccessKey(_) | Authentication::Password(_) => {
            reserved.extend_from_slice(HEADERS_SET_BY_THE_RUNTIME);
        }
    }
    reserved
}

/// Builds each attempt of an operation: the current token or a fresh signature every time.
struct OperationAttemptPreparer<'a> {
    client: &'a ServiceClient,
    request: &'a OperationRequest,
    /// The IAM token of the latest attempt, to forget it if the service refuses it.
    last_iam_token_sent: std::sync::Mutex<Option<String>>,
    /// Set for [`ServiceClient::preview`]: the attempt is built but not sent, IAM is not
    /// asked, and the AK/SK signature is kept here for the preview to show.
    preview: Option<std::sync::Mutex<Option<signing::SignedHeaders>>>,
}

impl AttemptPreparer for OperationAttemptPreparer<'_> {
    async fn prepare_attempt(&self) -> Result<reqwest::RequestBuilder, Error> {
        let client = self.client;
        let request = self.request;
        // Borrowed where the value lives on (the request, the client): an attempt copies a
        // header only when the IAM token cache hands out a new token. The client's cost per
        // call is a budget (`cargo xtask bench --client`).
        let mut headers: Vec<(&str, Cow<'_, str>)> =
            Vec::with_capacity(request.headers.len() + client.default_headers.len() + 3);
        headers.extend(
            request
                .headers
                .iter()
                .map(|(name, value)| (*name, Cow::Borrowed(value.as_str()))),
        );
        // An operation's own header parameter takes the place of a default header of the
        // same name, so the operation's documented value is the one the service sees.
        for default_header in &client.default_headers {
            let set_by_the_operation = request
                .headers
                .iter()
                .any(|(name, _)| name.eq_ignore_ascii_case(&default_header.name));
            if !set_by_the_operation {
                headers.push((
                    default_header.name.as_str(),
                    Cow::Borrowed(default_header.value.as_str()),
                ));
            }
        }
        let mut project_id = client.project_id.as_deref().map(Cow::Borrowed);
        match (&client.authentication, &client.iam_token_cache) {
            (Authentication::Token(token), _) => {
                headers.push(("X-Auth-Token", Cow::Borrowed(token.as_str())));
            }
            (Authentication::Password(_), Some(_)) if self.preview.is_some() => {
                headers.push(("X-Auth-Token", Cow::Borrowed(IAM_TOKEN_PLACEHOLDER)));
            }
            (Authentication::Password(_), Some(iam_token_cache)) => {
                let token = iam_token_cache
                    .current_token(&client.http, &client.retry_policy)
                    .await?;
                if project_id.is_none() {
                    project_id = token.project_id.map(Cow::Owned);
                }
                if let Ok(mut last_iam_token_sent) = self.last_iam_token_sent.lock() {
                    *last_iam_token_sent = Some(token.value.clone());
                }
                headers.push(("X-Auth-Token", Cow::Owned(token.value)));
            }
            (Authentication::Password(_), None) => {
                return Err(Error::Configuration(
                    "password authentication without a token cache: build the config with \
                     Config::builder"
                        .to_owned(),
                ));
            }
            (Authentication::AccessKey(_) | Authentication::Hook(_) | Authentication::None, _) => {}
        }
        let path = if request.path.contains(PROJECT_ID_PLACEHOLDER)
            && project_id.is_none()
            && self.preview.is_some()
        {
            // The token would tell the project id; a preview shows where it goes.
            Cow::Borrowed(request.path.as_str())
        } else if request.path.contains(PROJECT_ID_PLACEHOLDER) {
            let project_id = project_id.as_deref().ok_or_else(|| {
                Error::Configuration(
                    "the path needs a project id, and neither the config nor the token has one"
                        .to_owned(),
                )
            })?;
            // The token's project id is a path value like any other.
            check_path_value(PROJECT_ID_PARAMETER, project_id)?;
            Cow::Owned(
                request
                    .path
                    .replace(PROJECT_ID_PLACEHOLDER, &encode_path_segment(project_id)),
            )
        } else {
            Cow::Borrowed(request.path.as_str())
        };
        if let Some(project_id) = &project_id {
            headers.push(("X-Project-Id", Cow::Borrowed(project_id.as_ref())));
        }
        if let Some(body) = &request.body {
            headers.push(("Content-Type", Cow::Borrowed(body.content_type.as_str())));
        }
        // Signing and authentication hooks see the headers as owned pairs (their public
        // types); what they add is sent after the headers they saw.
        let added_headers: Vec<(String, String)> = match &client.authentication {
            Authentication::AccessKey(credentials) => {
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
                        headers: &owned_headers(&headers),
                        body: request
                            .body
                            .as_ref()
                            .map(|body| body.bytes.as_ref())
                            .unwrap_or_default(),
                        payload_hash_mode: PayloadHashMode::Sha256OfBody,
                    },
                    &sdk_date,
                )?;
                let headers_to_set = signed.headers_to_set().to_vec();
                if let Some(preview) = &self.preview {
                    if let Ok(mut kept) = preview.lock() {
                        *kept = Some(signed);
                    }
                }
                headers_to_set
            }
            Authentication::Hook(hook) => {
                let attempt = AttemptRequest {
                    operation_id: request.operation_id,
                    method: &request.method,
                    path: &path,
                    query: &request.query,
                    headers: &owned_headers(&headers),
                    body: request.body.as_ref(),
                };
                (hook.authenticate)(&attempt).await?
            }
            Authentication::Token(_) | Authentication::Password(_) | Authentication::None => {
                Vec::new()
            }
        };
        let url = client.attempt_url(&path)?;
        let mut builder = client.http.request(request.method.clone(), url);
        if !request.query.is_empty() {
            builder = builder.query(&request.query);
        }
        for (name, value) in &headers {
            builder = builder.header(*name, value.as_ref());
        }
        for (name, value) in &added_headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.bytes.clone());
        }
        Ok(builder)
    }
}

/// The headers of an attempt as the owned pairs that signing and authentication hooks take.
fn owned_headers(headers: &[(&str, Cow<'_, str>)]) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| ((*name).to_owned(), value.as_ref().to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attempt_url_is_the_base_url_and_the_path_joined_and_parsed() {
        let base_urls = [
            "https://example.com",
            "https://example.com/",
            "https://example.com/v1",
            "https://example.com/v1/",
            "http://127.0.0.1:8080/api/v2",
            "https://[::1]:443/v1",
            "https://DCS.eu-de.Example.COM",
            "https://bücher.example/v1",
            "https://example.com/a%20b",
        ];
        let paths = [
            "",
            "/",
            "/v2/p-1/instances/i-1",
            "/pets/a%2Fb/%7Bx%7D",
            "/a/../b/./c",
            "/caf%C3%A9//double",
            "/with space",
            "/trailing space ",
            "/tab\tand\nnewline",
            "/trailing-tab\t",
            "//host-like",
            "/back\\slash",
            "/\\back",
            "/query?limit=1",
            "/fragment#part",
            "relative",
        ];
        for base_url in base_urls {
            let client = ServiceClient::new(base_url).expect("a valid base URL");
            for path in paths {
                let joined = format!("{}{path}", client.base_url());
                let expected = reqwest::Url::parse(&joined).expect("a valid URL");
                let url = client.attempt_url(path).expect("a valid URL");
                assert_eq!(url, expected, "{base_url} + {path}");
            }
        }
    }

    #[test]
    fn a_base_url_that_does_not_parse_or_has_a_query_is_refused() {
        for base_url in [
            "https://exa mple.com",
            "https://example.com/v1?a=b",
            "http://",
        ] {
            let error = ServiceClient::new(base_url).expect_err(base_url);
            assert!(
                matches!(error, Error::Configuration(_)),
                "{base_url}: {error}"
            );
        }
    }

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

    #[test]
    fn path_parameters_of_the_client_fill_what_a_call_leaves_open() {
        let client = ServiceClient::builder("https://example.com")
            .path_parameter("project_id", "p 1")
            .build()
            .expect("valid");
        assert_eq!(
            client
                .expand_path(
                    "/v1/{project_id}/pets/{pet_id}",
                    &[("pet_id", "7".to_owned())]
                )
                .ok()
                .as_deref(),
            Some("/v1/p%201/pets/7")
        );
        let error = client
            .expand_path("/v1/pets/{pet_id}", &[])
            .expect_err("no pet id");
        assert_eq!(
            error.to_string(),
            "invalid request: no value for path parameter pet_id"
        );
    }

    #[test]
    fn authentication_headers_cannot_be_default_headers() {
        let token = ServiceClient::builder("https://example.com")
            .authentication(Authentication::Token("t".to_owned()))
            .header("X-Auth-Token", "other")
            .build();
        assert!(token.is_err());
        // Without authentication of its own the client leaves `Authorization` to the caller.
        let api_key = ServiceClient::builder("https://example.com")
            .header("Authorization", "Bearer key")
            .build();
        assert!(api_key.is_ok());
        let password = ServiceClient::builder("https://example.com")
            .authentication(Authentication::Password(crate::PasswordCredentials::new(
                "user", "pass", "domain",
            )))
            .build();
        assert!(password.is_err());
    }
}
