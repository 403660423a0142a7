//! The service catalog (`spec/services.toml`): one entry per service, with its doc source,
//! host template, regions and pagination rules. (The client's own `Config` is another thing:
//! `otc_client_runtime::Config`.)

use std::collections::BTreeMap;

use serde::Deserialize;

/// All services, in the order they are generated.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceCatalog {
    pub service: Vec<CatalogService>,
}

/// One service: where its pages are, where its spec and Rust module go.
///
/// `sources`, `spec`, `overrides` and `module` default to `sources/<id>`,
/// `<id>.openapi.yaml`, `overrides/<id>.toml` and `<id>`; a service without an overrides file
/// has no overrides.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogService {
    /// Short id: `dcs`, `elb`. Also the cargo feature of the service in `otc-client`.
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// API version, the OpenAPI `info.version`.
    pub version: String,
    /// The repository the vendored pages come from (`opentelekomcloud-docs/<repository>`).
    #[serde(default)]
    pub upstream: Option<String>,
    /// The folder of vendored source pages, relative to `spec/`.
    #[serde(default)]
    pub sources: String,
    /// The generated OpenAPI document, relative to `spec/`.
    #[serde(default)]
    pub spec: String,
    /// The overrides file, relative to `spec/`.
    #[serde(default)]
    pub overrides: String,
    /// The module name of the service in `otc-client` (`otc_client::<module>`), also the
    /// folder and the package name of its crate (`generated-client/services/<module>`,
    /// `otc-<module>`). Every imported service has its crate.
    #[serde(default)]
    pub module: String,
    /// Why the service's pages are vendored (their operations counted in the coverage) but not
    /// imported, for a service whose API the importer cannot represent faithfully.
    #[serde(default)]
    pub excluded: Option<String>,
    /// Source paths (prefixes relative to `sources`) of outdated APIs: their operations are
    /// marked `deprecated`.
    #[serde(default)]
    pub deprecated_sources: Vec<String>,
    pub server: CatalogServer,
    /// How the service's list operations page (`import::pagination`): each rule is applied to
    /// every operation that has its query parameters, which then gets an `x-pagination`
    /// extension. An operation with a rule's query parameters that no rule fits, and a rule
    /// that fits no operation, are import errors.
    #[serde(default)]
    pub pagination: Vec<PaginationRule>,
}

/// One way of paging, declared in `[[service.pagination]]`.
///
/// ```toml
/// [[service.pagination]]
/// style = "marker"                     # marker in, next marker out
/// marker = "marker"                    # the query parameter of the marker
/// limit = "limit"                      # the query parameter of the page size
/// next_marker = "page_info.next_marker" # the 200 body's field with the next page's marker
///
/// [[service.pagination]]
/// style = "offset"                     # item offset in, total count out
/// offset = "offset"
/// limit = "limit"
/// total = ["instance_num", "total_num"] # the first of these fields the 200 body has
/// items = "instances"                  # optional: the array of items, when the body has several
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaginationRule {
    pub style: PaginationStyle,
    /// `marker` style: the query parameter that takes the marker.
    #[serde(default)]
    pub marker: Option<String>,
    /// `marker` style: the dotted path of the next marker in the 200 body.
    #[serde(default)]
    pub next_marker: Option<String>,
    /// `offset` style: the query parameter that takes the offset of the first item.
    #[serde(default)]
    pub offset: Option<String>,
    /// `offset` style: the dotted paths of the total count in the 200 body, in order of
    /// preference (list operations of one service name it differently).
    #[serde(default)]
    pub total: Option<FieldPaths>,
    /// The query parameter of the page size.
    pub limit: String,
    /// Path prefixes the rule is for (`/v3/`); by default every path. A service whose API
    /// versions page differently gives each version its rule.
    #[serde(default)]
    pub paths: Vec<String>,
    /// The dotted path of the items array in the 200 body; by default the body's only array
    /// field.
    #[serde(default)]
    pub items: Option<String>,
}

/// How the pages of a list operation are walked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PaginationStyle {
    /// Each request names where to continue with the previous page's next marker; the last
    /// page has none.
    Marker,
    /// Each request names the offset of its first item; the walk ends at the total count or
    /// at a short or empty page.
    Offset,
}

impl PaginationStyle {
    /// The name in `services.toml` and in `x-pagination`.
    pub fn name(self) -> &'static str {
        match self {
            PaginationStyle::Marker => "marker",
            PaginationStyle::Offset => "offset",
        }
    }
}

/// One dotted field path, or several in order of preference.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum FieldPaths {
    One(String),
    Several(Vec<String>),
}

impl FieldPaths {
    pub fn paths(&self) -> &[String] {
        match self {
            FieldPaths::One(path) => std::slice::from_ref(path),
            FieldPaths::Several(paths) => paths,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogServer {
    /// URL template such as `https://dcs.{region}.otc.t-systems.com`.
    pub url: String,
    #[serde(default)]
    pub variables: BTreeMap<String, CatalogServerVariable>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogServerVariable {
    pub default: String,
    #[serde(default)]
    pub values: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
}

impl ServiceCatalog {
    pub fn from_toml(text: &str) -> Result<ServiceCatalog, toml::de::Error> {
        let mut config: ServiceCatalog = toml::from_str(text)?;
        for service in &mut config.service {
            service.fill_in_defaults();
        }
        Ok(config)
    }

    /// The services that are imported (not `excluded`): each has its spec, its crate in
    /// `otc-client` and its contract test.
    pub fn imported_services(&self) -> impl Iterator<Item = &CatalogService> {
        self.service
            .iter()
            .filter(|service| service.excluded.is_none())
    }
}

impl CatalogService {
    /// The paths a service does not name itself, from its id.
    pub fn fill_in_defaults(&mut self) {
        let id = self.id.clone();
        let fill = |field: &mut String, default: String| {
            if field.is_empty() {
                *field = default;
            }
        };
        fill(&mut self.sources, format!("sources/{id}"));
        fill(&mut self.spec, format!("{id}.openapi.yaml"));
        fill(&mut self.overrides, format!("overrides/{id}.toml"));
        fill(&mut self.module, id);
    }
}
