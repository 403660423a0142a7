//! Client configuration: project, region, authentication, endpoints and timeouts.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use crate::runtime::signing::Credentials;
use crate::runtime::Error;

/// How requests are authenticated.
#[derive(Clone)]
#[non_exhaustive]
pub enum Authentication {
    /// An IAM token, sent as `X-Auth-Token`.
    Token(String),
    /// AK/SK signing (`SDK-HMAC-SHA256`).
    AccessKey(Credentials),
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
            Authentication::None => formatter.write_str("None"),
        }
    }
}

/// What every service client needs; build it with [`Config::builder`].
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) project_id: String,
    pub(crate) region: String,
    pub(crate) authentication: Authentication,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) endpoint_overrides: BTreeMap<String, String>,
}

impl Config {
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    pub fn project_id(&self) -> &str {
        &self.project_id
    }

    pub fn region(&self) -> &str {
        &self.region
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
}

impl ConfigBuilder {
    /// The project every `{project_id}` path segment is filled with.
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// The region that fills `{region}` in endpoint templates (default `eu-de`).
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

    pub fn authentication(mut self, authentication: Authentication) -> Self {
        self.authentication = Some(authentication);
        self
    }

    /// The whole-request timeout (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The connect timeout (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Sends requests of one service (`"dcs"`, `"elb"`) to this base URL instead of the
    /// default endpoint: Huawei Cloud's domains, a private endpoint or a test server.
    pub fn endpoint(mut self, service_id: impl Into<String>, base_url: impl Into<String>) -> Self {
        self.endpoint_overrides
            .insert(service_id.into(), base_url.into());
        self
    }

    pub fn build(self) -> Result<Config, Error> {
        let project_id = self
            .project_id
            .filter(|project_id| !project_id.is_empty())
            .ok_or_else(|| Error::Configuration("a project id is required".to_owned()))?;
        Ok(Config {
            project_id,
            region: self.region.unwrap_or_else(|| "eu-de".to_owned()),
            authentication: self.authentication.ok_or_else(|| {
                Error::Configuration(
                    "authentication is required (token, access key, or none)".to_owned(),
                )
            })?,
            timeout: self.timeout.unwrap_or(Duration::from_secs(60)),
            connect_timeout: self.connect_timeout.unwrap_or(Duration::from_secs(10)),
            endpoint_overrides: self.endpoint_overrides,
        })
    }
}
