//! Client configuration: project, region, authentication, endpoints, timeouts and retries.
//!
//! A [`Config`] is built once and shared by every service client made from it: they share its
//! HTTP connection pool and, for password authentication, its IAM token cache, so that one
//! token serves all services. Loading a config from the OpenStack environment variables or a
//! `clouds.yaml` lives in `openstack_config.rs`.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::client::{http_client, AuthenticationHook, ResponseObserver};
use crate::iam::IamTokenCache;
use crate::regions::{unknown_region, Region};
use crate::retry::RetryPolicy;
use crate::signing::Credentials;
use crate::Error;

/// What `Debug` output shows instead of a secret.
pub(crate) const REDACTED_PLACEHOLDER: &str = "<redacted>";

/// The endpoint template of Open Telekom Cloud's eu-de and eu-nl: every service at
/// `{service}.{region}`. (The Swiss cloud's services are at `{service}.eu-ch2.sc…`: each service
/// crate knows its endpoint in every region it is documented for, and
/// [`OPEN_TELEKOM_CLOUD_REGIONS`](crate::OPEN_TELEKOM_CLOUD_REGIONS) has the regions.)
pub const OPEN_TELEKOM_CLOUD_ENDPOINT_TEMPLATE: &str =
    "https://{service}.{region}.otc.t-systems.com";
/// The endpoint template of Huawei Cloud, which shares the APIs, for
/// [`ConfigBuilder::endpoint_template`].
pub const HUAWEI_CLOUD_ENDPOINT_TEMPLATE: &str = "https://{service}.{region}.myhuaweicloud.com";
/// The service id of IAM, the key of its endpoint override: `.endpoint("iam", "https://…")`.
pub const IAM_SERVICE_ID: &str = "iam";

/// Headers the runtime sets itself (authentication, project, body type, signing): a default
/// header may not replace them, because the request would then be authenticated or signed
/// differently from what the config says.
pub(crate) const HEADERS_SET_BY_THE_RUNTIME: &[&str] = &[
    "authorization",
    "content-length",
    "content-type",
    "host",
    "x-auth-token",
    "x-project-id",
    "x-sdk-date",
    "x-security-token",
];

/// A header sent with every request ([`ConfigBuilder::default_header`]).
///
/// `Debug` shows the name only: a default header may carry a secret (a gateway key).
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct DefaultHeader {
    pub(crate) name: String,
    pub(crate) value: String,
}

impl fmt::Debug for DefaultHeader {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}: {REDACTED_PLACEHOLDER}", self.name)
    }
}

/// How requests are authenticated.
///
/// `Debug` never shows a token, a password, a secret key or a security token.
#[derive(Clone)]
#[non_exhaustive]
pub enum Authentication {
    /// An IAM token, sent as `X-Auth-Token`.
    Token(String),
    /// AK/SK signing (`SDK-HMAC-SHA256`), permanent or temporary (with a security token).
    AccessKey(Credentials),
    /// A user name and password: the client obtains an IAM token, caches it and renews it
    /// before it expires.
    Password(PasswordCredentials),
    /// Headers of the caller's making, before every attempt (an API's own token scheme).
    Hook(AuthenticationHook),
    /// No authentication (a mock server).
    None,
}

impl fmt::Debug for Authentication {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Authentication::Token(_) => formatter.write_str("Token(<redacted>)"),
            Authentication::AccessKey(credentials) => formatter
                .debug_tuple("AccessKey")
                .field(credentials)
                .finish(),
            Authentication::Password(credentials) => formatter
                .debug_tuple("Password")
                .field(credentials)
                .finish(),
            Authentication::Hook(hook) => formatter.debug_tuple("Hook").field(hook).finish(),
            Authentication::None => formatter.write_str("None"),
        }
    }
}

/// The project an IAM token is scoped to.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProjectScope {
    /// The project with this id.
    Id(String),
    /// The project with this name in this domain (OTC project names look like
    /// `eu-de_myproject`). The project id then comes from the token.
    Name { name: String, domain_name: String },
}

/// An IAM user's name, password and domain, for password authentication.
///
/// `Debug` shows the user and the project but never the password.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordCredentials {
    pub(crate) user_name: String,
    pub(crate) password: String,
    pub(crate) user_domain_name: String,
    pub(crate) project_scope: Option<ProjectScope>,
    pub(crate) auth_url: Option<String>,
}

impl PasswordCredentials {
    /// A user of a domain (the OTC tenant, `OTC-EU-DE-00000000001000000000`). The token is
    /// scoped to the config's project id unless [`with_project_scope`](Self::with_project_scope)
    /// says otherwise.
    pub fn new(
        user_name: impl Into<String>,
        password: impl Into<String>,
        user_domain_name: impl Into<String>,
    ) -> Self {
        PasswordCredentials {
            user_name: user_name.into(),
            password: password.into(),
            user_domain_name: user_domain_name.into(),
            project_scope: None,
            auth_url: None,
        }
    }

    /// Scopes the token to this project.
    #[must_use]
    pub fn with_project_scope(mut self, project_scope: ProjectScope) -> Self {
        self.project_scope = Some(project_scope);
        self
    }

    /// The IAM (Keystone v3) base URL, `OS_AUTH_URL`, e.g.
    /// `https://iam.eu-de.otc.t-systems.com/v3`; `/v3` is added when missing. Without it the
    /// IAM endpoint is resolved like any service's (service id `iam`).
    #[must_use]
    pub fn with_auth_url(mut self, auth_url: impl Into<String>) -> Self {
        self.auth_url = Some(auth_url.into());
        self
    }

    pub fn user_name(&self) -> &str {
        &self.user_name
    }

    pub fn user_domain_name(&self) -> &str {
        &self.user_domain_name
    }

    pub fn project_scope(&self) -> Option<&ProjectScope> {
        self.project_scope.as_ref()
    }
}

impl fmt::Debug for PasswordCredentials {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("PasswordCredentials")
            .field("user_name", &self.user_name)
            .field("password", &REDACTED_PLACEHOLDER)
            .field("user_domain_name", &self.user_domain_name)
            .field("project_scope", &self.project_scope)
            .field("auth_url", &self.auth_url)
            .finish()
    }
}

/// What every service client needs; build it with [`Config::builder`], or load it with
/// [`Config::from_env`], [`Config::from_clouds_yaml`] or [`Config::from_openstack_defaults`].
///
/// Clones share the HTTP connection pool and the IAM token cache.
#[derive(Clone)]
pub struct Config {
    /// `None` only for password authentication scoped by project name: the id then comes
    /// from the token.
    pub(crate) project_id: Option<String>,
    pub(crate) region: String,
    pub(crate) authentication: Authentication,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) endpoint_overrides: BTreeMap<String, String>,
    pub(crate) endpoint_template: Option<String>,
    pub(crate) retry_policy: RetryPolicy,
    pub(crate) default_headers: Vec<DefaultHeader>,
    pub(crate) response_observer: Option<ResponseObserver>,
    pub(crate) proxy: Option<String>,
    pub(crate) http: reqwest::Client,
    pub(crate) iam_token_cache: Option<Arc<IamTokenCache>>,
}

impl fmt::Debug for Config {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Written out rather than derived so that the HTTP client's internals stay out and
        // every secret goes through a redacting `Debug`.
        formatter
            .debug_struct("Config")
            .field("project_id", &self.project_id)
            .field("region", &self.region)
            .field("authentication", &self.authentication)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("endpoint_overrides", &self.endpoint_overrides)
            .field("endpoint_template", &self.endpoint_template)
            .field("retry_policy", &self.retry_policy)
            .field("default_headers", &self.default_headers)
            .field("response_observer", &self.response_observer)
            .field("proxy", &self.proxy.as_ref().map(|_| REDACTED_PLACEHOLDER))
            .field("iam_token_cache", &self.iam_token_cache)
            .finish()
    }
}

impl Config {
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The project id; `None` until known for password authentication scoped by project name
    /// (service clients then take it from the token).
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }

    pub fn region(&self) -> &str {
        &self.region
    }

    /// How requests are authenticated (`Debug` redacts every secret).
    pub fn authentication(&self) -> &Authentication {
        &self.authentication
    }

    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry_policy
    }

    /// The base URL of a service: its override, else the config's endpoint template, else the
    /// service's own template (`default_template`), with `{service}` and `{region}` filled in.
    pub fn endpoint_for(&self, service_id: &str, default_template: &str) -> Result<String, Error> {
        let template = match (
            self.endpoint_overrides.get(service_id),
            &self.endpoint_template,
        ) {
            (Some(base_url), _) => base_url.as_str(),
            (None, Some(endpoint_template)) => endpoint_template.as_str(),
            (None, None) => default_template,
        };
        let base_url = template
            .replace("{service}", service_id)
            .replace("{region}", &self.region);
        if base_url.contains('{') {
            return Err(Error::Configuration(format!(
                "endpoint {base_url} still has a template variable"
            )));
        }
        Ok(base_url.trim_end_matches('/').to_owned())
    }

    /// The base URL of a service that knows its endpoint in each region it is documented for
    /// (`region_endpoints`, a service crate's `REGION_ENDPOINTS`): its override, else the
    /// config's endpoint template, else its endpoint in the config's region. A region of Open
    /// Telekom Cloud the service is not documented for, and a region Open Telekom Cloud does
    /// not have, are configuration errors that list the regions there are.
    pub fn endpoint_in_region(
        &self,
        service_id: &str,
        region_endpoints: &[(&str, &str)],
    ) -> Result<String, Error> {
        if self.endpoint_overrides.contains_key(service_id) || self.endpoint_template.is_some() {
            // The template argument is not used when either is set.
            return self.endpoint_for(service_id, "");
        }
        if let Some((_, base_url)) = region_endpoints
            .iter()
            .find(|(region, _)| *region == self.region)
        {
            return Ok(base_url.trim_end_matches('/').to_owned());
        }
        if Region::find(&self.region).is_none() {
            return Err(unknown_region(&self.region));
        }
        let documented: Vec<&str> = region_endpoints.iter().map(|(region, _)| *region).collect();
        Err(Error::Configuration(format!(
            "service {service_id} is not documented for region {} (its regions: {}); give its endpoint with ConfigBuilder::endpoint({service_id:?}, …) or {service_id}_endpoint_override in clouds.yaml",
            self.region,
            documented.join(", ")
        )))
    }

    /// IAM's Keystone v3 base URL for this config without an auth URL of its own: IAM's
    /// override or the endpoint template if either is set, else IAM's endpoint in the region.
    fn identity_endpoint(&self) -> Result<String, Error> {
        if self.endpoint_overrides.contains_key(IAM_SERVICE_ID) || self.endpoint_template.is_some()
        {
            return Ok(format!(
                "{}/v3",
                self.endpoint_for(IAM_SERVICE_ID, OPEN_TELEKOM_CLOUD_ENDPOINT_TEMPLATE)?
            ));
        }
        Ok(Region::find_or_error(&self.region)?
            .identity_endpoint
            .to_owned())
    }
}

/// Builds a [`Config`].
#[derive(Debug, Clone, Default)]
pub struct ConfigBuilder {
    project_id: Option<String>,
    region: Option<String>,
    authentication: Option<Authentication>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    endpoint_overrides: BTreeMap<String, String>,
    endpoint_template: Option<String>,
    retry_policy: Option<RetryPolicy>,
    default_headers: Vec<DefaultHeader>,
    response_observer: Option<ResponseObserver>,
    proxy: Option<String>,
}

impl ConfigBuilder {
    /// The project every `{project_id}` path segment is filled with, also sent as
    /// `X-Project-Id`.
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// The region (default `eu-de`): `eu-de`, `eu-nl` or `eu-ch2` (the Swiss cloud), each
    /// service's endpoint and IAM's there; with an endpoint template, any region that fills its
    /// `{region}`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Authenticates with an IAM token (`X-Auth-Token`).
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.authentication = Some(Authentication::Token(token.into()));
        self
    }

    /// Authenticates by signing each request with an access key and secret key.
    pub fn access_key(mut self, credentials: Credentials) -> Self {
        self.authentication = Some(Authentication::AccessKey(credentials));
        self
    }

    /// Authenticates with an IAM user's password: the client obtains a token scoped to the
    /// config's project and renews it before it expires. For a project given by name, or for
    /// `OS_AUTH_URL`, use [`authentication`](Self::authentication) with
    /// [`PasswordCredentials`].
    pub fn password(
        mut self,
        user_name: impl Into<String>,
        password: impl Into<String>,
        user_domain_name: impl Into<String>,
    ) -> Self {
        self.authentication = Some(Authentication::Password(PasswordCredentials::new(
            user_name,
            password,
            user_domain_name,
        )));
        self
    }

    pub fn authentication(mut self, authentication: Authentication) -> Self {
        self.authentication = Some(authentication);
        self
    }

    /// The timeout of one attempt, from sending to the last byte of the body (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The connect timeout (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Sends requests of one service (`"dcs"`, `"elb"`, `"iam"`) to this base URL instead of
    /// the default endpoint: a private endpoint or a test server. `{region}` and `{service}`
    /// are filled in if present.
    pub fn endpoint(mut self, service_id: impl Into<String>, base_url: impl Into<String>) -> Self {
        self.endpoint_overrides
            .insert(service_id.into(), base_url.into());
        self
    }

    /// Sends every service without its own [`endpoint`](Self::endpoint) to this template, with
    /// `{service}` (the service id) and `{region}` filled in, e.g.
    /// [`HUAWEI_CLOUD_ENDPOINT_TEMPLATE`]. IAM (for password authentication) follows it too.
    pub fn endpoint_template(mut self, template: impl Into<String>) -> Self {
        self.endpoint_template = Some(template.into());
        self
    }

    /// When failed attempts are retried (default [`RetryPolicy::default`]: 3 attempts,
    /// idempotent methods only).
    pub fn retry_policy(mut self, retry_policy: RetryPolicy) -> Self {
        self.retry_policy = Some(retry_policy);
        self
    }

    /// Sends this header with every request of every service client made from the config: a
    /// header an API gateway or a test server needs (a mock server's `Prefer: code=404`, a
    /// tracing header). Called again with the same name, the header is sent once per value.
    /// A header parameter of an operation with the same name (case-insensitive) takes its
    /// place in that operation's requests.
    ///
    /// [`build`](Self::build) fails on a name or value that is not a valid HTTP header, and on
    /// the headers the runtime sets itself (`X-Auth-Token`, `X-Project-Id`, `Content-Type`,
    /// `Authorization`, `X-Sdk-Date`, `X-Security-Token`, `Host`, `Content-Length`).
    /// Requests signed with an access key are signed with the default headers included.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push(DefaultHeader {
            name: name.into(),
            value: value.into(),
        });
        self
    }

    /// Shows every response to `observer` before it is decoded: the response of the last
    /// attempt, with status, headers and body, also when the operation's response enum will
    /// keep only the body (to log request ids or rate-limit headers, or to check a mock
    /// server's verdict). Not called when no response arrived ([`Error::Transport`]).
    pub fn response_observer(mut self, observer: ResponseObserver) -> Self {
        self.response_observer = Some(observer);
        self
    }

    /// Sends every request through this HTTP proxy (`http://proxy.example.com:3128`; HTTPS
    /// through a `CONNECT` tunnel), instead of the proxy of the `HTTPS_PROXY`/`HTTP_PROXY`
    /// variables, which is used otherwise. `Debug` does not show it (it may hold a password).
    pub fn proxy(mut self, proxy_url: impl Into<String>) -> Self {
        self.proxy = Some(proxy_url.into());
        self
    }

    pub fn build(self) -> Result<Config, Error> {
        for header in &self.default_headers {
            check_default_header(header, HEADERS_SET_BY_THE_RUNTIME)?;
        }
        let authentication = self.authentication.ok_or_else(|| {
            Error::Configuration(
                "authentication is required (token, access key, password, hook, or none)"
                    .to_owned(),
            )
        })?;
        let configured_project_id = self.project_id.filter(|project_id| !project_id.is_empty());
        let project_id = match (&authentication, configured_project_id) {
            (Authentication::Password(credentials), configured_project_id) => {
                match (&credentials.project_scope, configured_project_id) {
                    (Some(ProjectScope::Id(scope_id)), Some(configured))
                        if *scope_id != configured =>
                    {
                        return Err(Error::Configuration(format!(
                            "the project id {configured} differs from the password scope's project id {scope_id}"
                        )));
                    }
                    (Some(ProjectScope::Id(scope_id)), _) => Some(scope_id.clone()),
                    (Some(ProjectScope::Name { .. }), configured) => configured,
                    (None, Some(configured)) => Some(configured),
                    (None, None) => {
                        return Err(Error::Configuration(
                            "a project id or a project name scope is required".to_owned(),
                        ))
                    }
                }
            }
            (_, Some(configured)) => Some(configured),
            (_, None) => {
                return Err(Error::Configuration("a project id is required".to_owned()));
            }
        };
        let timeout = self.timeout.unwrap_or(Duration::from_secs(60));
        let connect_timeout = self.connect_timeout.unwrap_or(Duration::from_secs(10));
        let http = http_client(timeout, connect_timeout, self.proxy.as_deref())?;
        let mut config = Config {
            project_id,
            region: self
                .region
                .filter(|region| !region.is_empty())
                .unwrap_or_else(|| "eu-de".to_owned()),
            authentication,
            timeout,
            connect_timeout,
            endpoint_overrides: self.endpoint_overrides,
            endpoint_template: self.endpoint_template,
            retry_policy: self.retry_policy.unwrap_or_default(),
            default_headers: self.default_headers,
            response_observer: self.response_observer,
            proxy: self.proxy,
            http,
            iam_token_cache: None,
        };
        if let Authentication::Password(credentials) = &config.authentication {
            let project_scope = match (&credentials.project_scope, &config.project_id) {
                (Some(project_scope), _) => project_scope.clone(),
                (None, Some(project_id)) => ProjectScope::Id(project_id.clone()),
                (None, None) => {
                    return Err(Error::Configuration(
                        "a project id or a project name scope is required".to_owned(),
                    ))
                }
            };
            let identity_base_url = match &credentials.auth_url {
                Some(auth_url) => identity_v3_base_url(auth_url),
                None => config.identity_endpoint()?,
            };
            config.iam_token_cache = Some(Arc::new(IamTokenCache::new(
                credentials.clone(),
                project_scope,
                format!("{identity_base_url}/auth/tokens"),
            )));
        }
        Ok(config)
    }
}

/// A default header must be a valid HTTP header that the runtime does not set itself
/// (`reserved`, lower case). The message names the header, never its value (it may be a
/// secret).
pub(crate) fn check_default_header(header: &DefaultHeader, reserved: &[&str]) -> Result<(), Error> {
    let name = reqwest::header::HeaderName::from_bytes(header.name.as_bytes()).map_err(|_| {
        Error::Configuration(format!(
            "default header name {:?} is not a valid HTTP header name",
            header.name
        ))
    })?;
    if reserved.contains(&name.as_str()) {
        return Err(Error::Configuration(format!(
            "default header {} is set by the client itself and cannot be a default header",
            header.name
        )));
    }
    reqwest::header::HeaderValue::from_str(&header.value).map_err(|_| {
        Error::Configuration(format!(
            "the value of default header {} is not a valid HTTP header value",
            header.name
        ))
    })?;
    Ok(())
}

/// `OS_AUTH_URL` as the Keystone v3 base: OpenStack tools accept it with or without `/v3`.
fn identity_v3_base_url(auth_url: &str) -> String {
    let trimmed = auth_url.trim_end_matches('/');
    if trimmed.ends_with("/v3") {
        trimmed.to_owned()
    } else {
        format!("{trimmed}/v3")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token_config() -> ConfigBuilder {
        Config::builder().project_id("project-1").token("token-1")
    }

    #[test]
    fn endpoints_come_from_override_then_template_then_service_default() {
        let config = token_config()
            .region("eu-nl")
            .endpoint("elb", "http://127.0.0.1:9/")
            .build()
            .expect("a config");
        assert_eq!(
            config
                .endpoint_for("dcs", "https://dcs.{region}.otc.t-systems.com")
                .ok(),
            Some("https://dcs.eu-nl.otc.t-systems.com".to_owned())
        );
        assert_eq!(
            config
                .endpoint_for("elb", "https://elb.{region}.otc.t-systems.com")
                .ok(),
            Some("http://127.0.0.1:9".to_owned())
        );
        let huawei = token_config()
            .region("ap-southeast-1")
            .endpoint_template(HUAWEI_CLOUD_ENDPOINT_TEMPLATE)
            .build()
            .expect("a config");
        assert_eq!(
            huawei
                .endpoint_for("dcs", "https://dcs.{region}.otc.t-systems.com")
                .ok(),
            Some("https://dcs.ap-southeast-1.myhuaweicloud.com".to_owned())
        );
        let broken = token_config()
            .endpoint_template("https://{service}.{zone}.example")
            .build()
            .expect("a config");
        assert!(broken.endpoint_for("dcs", "x").is_err());
    }

    const VPC_ENDPOINTS: &[(&str, &str)] = &[
        ("eu-de", "https://vpc.eu-de.otc.t-systems.com"),
        ("eu-nl", "https://vpc.eu-nl.otc.t-systems.com"),
        ("eu-ch2", "https://vpc.eu-ch2.sc.otc.t-systems.com"),
    ];

    /// The endpoint of VPC (documented in every region) and of a service documented only in
    /// eu-de, for a config in `region` made by `adjust`.
    fn check_endpoints(
        region: &str,
        adjust: impl Fn(ConfigBuilder) -> ConfigBuilder,
        expected: (&str, &str),
    ) {
        let config = adjust(token_config().region(region))
            .build()
            .expect("a config");
        let outcome = |result: Result<String, Error>| match result {
            Ok(url) => url,
            Err(error) => error.to_string(),
        };
        assert_eq!(
            (
                outcome(config.endpoint_in_region("vpc", VPC_ENDPOINTS)).as_str(),
                outcome(config.endpoint_in_region(
                    "cci",
                    &[("eu-de", "https://cci.eu-de.otc.t-systems.com/")]
                ))
                .as_str()
            ),
            expected,
            "region {region}"
        );
    }

    #[test]
    fn a_service_endpoint_is_the_one_of_the_region_unless_overridden() {
        let same = |builder| builder;
        check_endpoints(
            "eu-de",
            same,
            (
                "https://vpc.eu-de.otc.t-systems.com",
                "https://cci.eu-de.otc.t-systems.com",
            ),
        );
        check_endpoints(
            "eu-ch2",
            same,
            (
                "https://vpc.eu-ch2.sc.otc.t-systems.com",
                "invalid client configuration: service cci is not documented for region eu-ch2 (its regions: eu-de); give its endpoint with ConfigBuilder::endpoint(\"cci\", …) or cci_endpoint_override in clouds.yaml",
            ),
        );
        let unknown = "invalid client configuration: unknown region \"eu-xx\": the regions of Open Telekom Cloud are eu-de, eu-nl, eu-ch2; for another cloud set an endpoint template (ConfigBuilder::endpoint_template) or each service's endpoint";
        check_endpoints("eu-xx", same, (unknown, unknown));
        // An override wins in any region, a known one or not; the template too.
        check_endpoints(
            "eu-xx",
            |builder| builder.endpoint("cci", "http://127.0.0.1:9/{region}/"),
            (unknown, "http://127.0.0.1:9/eu-xx"),
        );
        check_endpoints(
            "eu-ch2",
            |builder| builder.endpoint("vpc", "http://127.0.0.1:9"),
            (
                "http://127.0.0.1:9",
                "invalid client configuration: service cci is not documented for region eu-ch2 (its regions: eu-de); give its endpoint with ConfigBuilder::endpoint(\"cci\", …) or cci_endpoint_override in clouds.yaml",
            ),
        );
        check_endpoints(
            "ap-southeast-1",
            |builder| builder.endpoint_template(HUAWEI_CLOUD_ENDPOINT_TEMPLATE),
            (
                "https://vpc.ap-southeast-1.myhuaweicloud.com",
                "https://cci.ap-southeast-1.myhuaweicloud.com",
            ),
        );
    }

    #[test]
    fn iam_is_the_region_s_own_endpoint() {
        let token_url =
            |builder: ConfigBuilder| match builder.password("user", "pass", "domain").build() {
                Ok(config) => config
                    .iam_token_cache
                    .as_ref()
                    .map(|cache| cache.token_url().to_owned())
                    .unwrap_or_default(),
                Err(error) => error.to_string(),
            };
        let base = || Config::builder().project_id("project-1");
        assert_eq!(
            token_url(base()),
            "https://iam.eu-de.otc.t-systems.com/v3/auth/tokens"
        );
        assert_eq!(
            token_url(base().region("eu-nl")),
            "https://iam.eu-nl.otc.t-systems.com/v3/auth/tokens"
        );
        assert_eq!(
            token_url(base().region("eu-ch2")),
            "https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3/auth/tokens"
        );
        assert!(token_url(base().region("eu-ch")).starts_with(
            "invalid client configuration: unknown region \"eu-ch\": the regions of Open Telekom Cloud are eu-de, eu-nl, eu-ch2"
        ));
        assert_eq!(
            token_url(
                base()
                    .region("eu-ch2")
                    .endpoint("iam", "http://127.0.0.1:9")
            ),
            "http://127.0.0.1:9/v3/auth/tokens"
        );
        assert_eq!(
            token_url(
                base()
                    .region("ap-southeast-1")
                    .endpoint_template(HUAWEI_CLOUD_ENDPOINT_TEMPLATE)
            ),
            "https://iam.ap-southeast-1.myhuaweicloud.com/v3/auth/tokens"
        );
    }

    #[test]
    fn a_proxy_that_is_no_url_is_a_configuration_error_without_its_text() {
        let error = token_config()
            .proxy("http://user:secret@[::1")
            .build()
            .expect_err("no URL");
        assert_eq!(
            error.to_string(),
            "invalid client configuration: the proxy is not a valid proxy URL"
        );
        let config = token_config()
            .proxy("http://user:secret@127.0.0.1:3128")
            .build()
            .expect("a proxy");
        assert!(!format!("{config:?}").contains("secret"));
    }

    #[test]
    fn password_authentication_derives_the_iam_url() {
        let config = Config::builder()
            .project_id("project-1")
            .region("eu-nl")
            .password("user", "pass", "domain")
            .build()
            .expect("a config");
        let cache = config.iam_token_cache.as_ref().expect("a token cache");
        assert_eq!(
            cache.token_url(),
            "https://iam.eu-nl.otc.t-systems.com/v3/auth/tokens"
        );
        let with_auth_url = Config::builder()
            .authentication(Authentication::Password(
                PasswordCredentials::new("user", "pass", "domain")
                    .with_project_scope(ProjectScope::Name {
                        name: "eu-de_project".to_owned(),
                        domain_name: "domain".to_owned(),
                    })
                    .with_auth_url("https://iam.example/"),
            ))
            .build()
            .expect("a config without project id: it comes from the token");
        assert_eq!(with_auth_url.project_id(), None);
        assert_eq!(
            with_auth_url
                .iam_token_cache
                .as_ref()
                .map(|cache| cache.token_url()),
            Some("https://iam.example/v3/auth/tokens")
        );
    }

    #[test]
    fn a_project_id_is_required_unless_the_token_names_it() {
        let error = Config::builder()
            .token("t")
            .build()
            .expect_err("no project");
        assert_eq!(
            error.to_string(),
            "invalid client configuration: a project id is required"
        );
        assert!(Config::builder()
            .password("user", "pass", "domain")
            .build()
            .is_err());
        let conflicting = Config::builder()
            .project_id("a")
            .authentication(Authentication::Password(
                PasswordCredentials::new("user", "pass", "domain")
                    .with_project_scope(ProjectScope::Id("b".to_owned())),
            ))
            .build();
        assert!(conflicting.is_err());
    }

    #[test]
    fn identity_base_url_gets_v3_once() {
        assert_eq!(
            identity_v3_base_url("https://iam.eu-de.otc.t-systems.com:443/v3"),
            "https://iam.eu-de.otc.t-systems.com:443/v3"
        );
        assert_eq!(
            identity_v3_base_url("https://iam.eu-de.otc.t-systems.com/v3/"),
            "https://iam.eu-de.otc.t-systems.com/v3"
        );
        assert_eq!(
            identity_v3_base_url("http://127.0.0.1:1234"),
            "http://127.0.0.1:1234/v3"
        );
    }
}
