//! The declarative service configuration (`spec/services.toml`): one entry per service.

use std::collections::BTreeMap;

use serde::Deserialize;

/// All services, in the order they are generated.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServicesConfig {
    pub service: Vec<ServiceConfig>,
}

/// One service: where its pages are, where its spec and Rust module go.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceConfig {
    /// Short id: `dcs`, `elb`. Also the cargo feature of the generated module.
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// API version, the OpenAPI `info.version`.
    pub version: String,
    /// The folder of vendored source pages, relative to `spec/`.
    pub sources: String,
    /// The generated OpenAPI document, relative to `spec/`.
    pub spec: String,
    /// The overrides file, relative to `spec/`.
    pub overrides: String,
    /// The Rust module name in `otc-client`.
    pub module: String,
    /// Source paths (prefixes relative to `sources`) of outdated APIs: their operations are
    /// marked `deprecated`.
    #[serde(default)]
    pub deprecated_sources: Vec<String>,
    /// Source paths (prefixes relative to `sources`) whose operation pages in the older
    /// hand-written format are imported (`import::legacy_operation`). Pages of that format
    /// elsewhere are reported as skipped, so importing them is always a declared decision.
    #[serde(default)]
    pub legacy_pages: Vec<String>,
    pub server: ServerConfig,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    /// URL template such as `https://dcs.{region}.otc.t-systems.com`.
    pub url: String,
    #[serde(default)]
    pub variables: BTreeMap<String, ServerVariableConfig>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerVariableConfig {
    pub default: String,
    #[serde(default)]
    pub values: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
}

impl ServicesConfig {
    pub fn from_toml(text: &str) -> Result<ServicesConfig, toml::de::Error> {
        toml::from_str(text)
    }
}
