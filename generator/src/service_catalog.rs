//! The service catalog (`spec/services.toml`): the clouds of Open Telekom Cloud with their
//! regions, and one entry per service, with its doc source, host template, regions, the other
//! clouds that document it, and pagination rules. (The client's own `Config` is another thing:
//! `otc_client_runtime::Config`.)

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde::Deserialize;

/// All services, in the order they are generated, and the clouds they are offered in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceCatalog {
    /// The clouds (`[[cloud]]`): their URL template and regions. The runtime knows the same
    /// regions (`otc_client_runtime::OPEN_TELEKOM_CLOUD_REGIONS`, with IAM's endpoint in each);
    /// a test of `otc-client` checks that the two agree.
    #[serde(default)]
    pub cloud: Vec<CatalogCloud>,
    pub service: Vec<CatalogService>,
}

/// One cloud of Open Telekom Cloud (`[[cloud]]`): where its services answer and in which
/// regions.
///
/// ```toml
/// [[cloud]]
/// id = "swiss"
/// title = "Open Telekom Cloud Swiss"
/// url = "https://{host}.{region}.sc.otc.t-systems.com"
/// regions = ["eu-ch2"]
/// documentation = "opentelekomcloud-docs-swiss"
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogCloud {
    pub id: String,
    pub title: String,
    /// A service's base URL in a region: `{host}` is the service's host name (`vpc`),
    /// `{region}` the region.
    pub url: String,
    pub regions: Vec<String>,
    /// The GitHub organisation of the cloud's documentation repositories.
    pub documentation: String,
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
    /// The other clouds whose documentation documents the service (`[[service.documented_in]]`):
    /// each adds a server to the spec, and its regions to the service crate's `REGIONS`.
    #[serde(default)]
    pub documented_in: Vec<DocumentedIn>,
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

/// Another cloud that documents a service, and where (`[[service.documented_in]]`).
///
/// ```toml
/// [[service.documented_in]]
/// cloud = "swiss"
/// upstream = "opentelekomcloud-docs-swiss/identity-access-management"
/// host = "iam-pub"   # only where the host differs from the service's own
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentedIn {
    /// The `id` of a `[[cloud]]`.
    pub cloud: String,
    /// The repository of the cloud's documentation of the service: the record of where the
    /// entry comes from.
    pub upstream: String,
    /// The service's host name in that cloud, when it is not the host of `[service.server]`.
    #[serde(default)]
    pub host: Option<String>,
    /// Filled in from the cloud when the catalog is read: the service's URL template there
    /// (`https://vpc.{region}.sc.otc.t-systems.com`).
    #[serde(skip)]
    pub url: String,
    /// Filled in from the cloud: its regions.
    #[serde(skip)]
    pub regions: Vec<String>,
    /// Filled in from the cloud: its title.
    #[serde(skip)]
    pub cloud_title: String,
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
    /// Reads the catalog; a `[[service.documented_in]]` whose cloud is not declared, or whose
    /// host cannot be told, is an error naming the service.
    pub fn from_toml(text: &str) -> Result<ServiceCatalog, toml::de::Error> {
        let mut config: ServiceCatalog = toml::from_str(text)?;
        let mut problems = Vec::new();
        for service in &mut config.service {
            service.fill_in_defaults();
            if let Err(problem) = service.resolve_clouds(&config.cloud) {
                problems.push(format!("service {}: {problem}", service.id));
            }
        }
        if !problems.is_empty() {
            return Err(<toml::de::Error as serde::de::Error>::custom(
                problems.join("; "),
            ));
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
    /// The regions the service is documented for: those of `[service.server]`, then those of
    /// each other cloud that documents it, in that order.
    pub fn regions(&self) -> Vec<&str> {
        let mut regions: Vec<&str> = Vec::new();
        let first = self
            .server
            .variables
            .get(REGION_VARIABLE)
            .map(|variable| variable.values.as_slice())
            .unwrap_or_default();
        let others = self
            .documented_in
            .iter()
            .flat_map(|documented_in| documented_in.regions.iter());
        for region in first.iter().chain(others) {
            if !regions.contains(&region.as_str()) {
                regions.push(region);
            }
        }
        regions
    }

    /// The spec's servers: `[service.server]`, then one per other cloud that documents the
    /// service, its URL template with the service's host and the cloud's regions as the
    /// `region` variable's values.
    pub fn openapi_servers(&self) -> Vec<openapiv3::Server> {
        let variable = |values: &[String], default: &str, description: Option<String>| {
            openapiv3::ServerVariable {
                enumeration: values.to_vec(),
                default: default.to_owned(),
                description,
                extensions: IndexMap::new(),
            }
        };
        let mut servers = vec![openapiv3::Server {
            url: self.server.url.clone(),
            description: None,
            variables: Some(
                self.server
                    .variables
                    .iter()
                    .map(|(name, value)| {
                        (
                            name.clone(),
                            variable(&value.values, &value.default, value.description.clone()),
                        )
                    })
                    .collect(),
            ),
            extensions: IndexMap::new(),
        }];
        for documented_in in &self.documented_in {
            let Some(default) = documented_in.regions.first() else {
                continue;
            };
            servers.push(openapiv3::Server {
                url: documented_in.url.clone(),
                description: Some(format!(
                    "{} (documented in {})",
                    documented_in.cloud_title, documented_in.upstream
                )),
                variables: Some(
                    [(
                        REGION_VARIABLE.to_owned(),
                        variable(
                            &documented_in.regions,
                            default,
                            Some(format!("{} region", documented_in.cloud_title)),
                        ),
                    )]
                    .into_iter()
                    .collect(),
                ),
                extensions: IndexMap::new(),
            });
        }
        servers
    }

    /// Fills in each `documented_in` from its cloud: the URL template with the service's host
    /// (its own `host`, else the host of `[service.server]`, read by matching its URL against
    /// the clouds' URL templates), the regions and the cloud's title.
    fn resolve_clouds(&mut self, clouds: &[CatalogCloud]) -> Result<(), String> {
        let own_host = clouds
            .iter()
            .find_map(|cloud| host_in_template(&cloud.url, &self.server.url));
        for documented_in in &mut self.documented_in {
            let cloud = clouds
                .iter()
                .find(|cloud| cloud.id == documented_in.cloud)
                .ok_or_else(|| {
                    format!(
                        "documented_in names cloud {:?}, which no [[cloud]] declares",
                        documented_in.cloud
                    )
                })?;
            let host = match (&documented_in.host, &own_host) {
                (Some(host), _) | (None, Some(host)) => host.clone(),
                (None, None) => {
                    return Err(format!(
                        "its server URL {} fits no [[cloud]] URL, so its host in cloud {} must be given (host = \"…\")",
                        self.server.url, cloud.id
                    ))
                }
            };
            if !documented_in
                .upstream
                .starts_with(&format!("{}/", cloud.documentation))
            {
                return Err(format!(
                    "documented_in.upstream {} is not a repository of {}",
                    documented_in.upstream, cloud.documentation
                ));
            }
            documented_in.url = cloud.url.replace("{host}", &host);
            documented_in.regions = cloud.regions.clone();
            documented_in.cloud_title = cloud.title.clone();
        }
        Ok(())
    }

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

/// The server variable a region fills.
const REGION_VARIABLE: &str = "region";

/// The host of `url` when it is `template` with `{host}` filled in by one host name (letters,
/// digits, `-`): `https://vpc.{region}.otc.t-systems.com` in `https://{host}.{region}.otc.t-systems.com`
/// is `vpc`.
fn host_in_template(template: &str, url: &str) -> Option<String> {
    let (prefix, suffix) = template.split_once("{host}")?;
    let host = url.strip_prefix(prefix)?.strip_suffix(suffix)?;
    let plain = !host.is_empty()
        && host
            .chars()
            .all(|character| character.is_ascii_alphanumeric() || character == '-');
    plain.then(|| host.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLOUDS: &str = r#"
        [[cloud]]
        id = "otc"
        title = "Open Telekom Cloud"
        url = "https://{host}.{region}.otc.t-systems.com"
        regions = ["eu-de", "eu-nl"]
        documentation = "opentelekomcloud-docs"

        [[cloud]]
        id = "swiss"
        title = "Open Telekom Cloud Swiss"
        url = "https://{host}.{region}.sc.otc.t-systems.com"
        regions = ["eu-ch2"]
        documentation = "opentelekomcloud-docs-swiss"
    "#;

    fn catalog(service: &str) -> Result<ServiceCatalog, String> {
        ServiceCatalog::from_toml(&format!("{CLOUDS}\n{service}"))
            .map_err(|error| error.message().to_owned())
    }

    const VPC: &str = r#"
        [[service]]
        id = "vpc"
        title = "VPC"
        version = "1"
        [service.server]
        url = "https://vpc.{region}.otc.t-systems.com"
        [service.server.variables.region]
        default = "eu-de"
        values = ["eu-de", "eu-nl"]
        description = "Open Telekom Cloud region"
    "#;

    #[test]
    fn another_cloud_adds_a_server_and_its_regions() {
        let catalog = catalog(&format!(
            "{VPC}\n[[service.documented_in]]\ncloud = \"swiss\"\nupstream = \"opentelekomcloud-docs-swiss/virtual-private-cloud\"\n"
        ))
        .expect("a catalog");
        let service = &catalog.service[0];
        assert_eq!(service.regions(), ["eu-de", "eu-nl", "eu-ch2"]);
        let servers = serde_json::to_value(service.openapi_servers()).expect("JSON");
        assert_eq!(
            servers,
            serde_json::json!([
                {"url": "https://vpc.{region}.otc.t-systems.com", "variables": {"region": {
                    "enum": ["eu-de", "eu-nl"], "default": "eu-de", "description": "Open Telekom Cloud region"}}},
                {"url": "https://vpc.{region}.sc.otc.t-systems.com",
                 "description": "Open Telekom Cloud Swiss (documented in opentelekomcloud-docs-swiss/virtual-private-cloud)",
                 "variables": {"region": {
                    "enum": ["eu-ch2"], "default": "eu-ch2", "description": "Open Telekom Cloud Swiss region"}}},
            ])
        );
    }

    #[test]
    fn a_host_of_its_own_in_another_cloud() {
        let catalog = catalog(&format!(
            "{}\n[[service.documented_in]]\ncloud = \"swiss\"\nupstream = \"opentelekomcloud-docs-swiss/identity-access-management\"\nhost = \"iam-pub\"\n",
            VPC.replace("vpc", "iam")
        ))
        .expect("a catalog");
        assert_eq!(
            catalog.service[0].documented_in[0].url,
            "https://iam-pub.{region}.sc.otc.t-systems.com"
        );
    }

    #[test]
    fn an_undeclared_cloud_an_unknown_host_and_a_foreign_repository_are_errors() {
        let error = catalog(&format!(
            "{VPC}\n[[service.documented_in]]\ncloud = \"moon\"\nupstream = \"x/y\"\n"
        ))
        .expect_err("no such cloud");
        assert_eq!(
            error,
            "service vpc: documented_in names cloud \"moon\", which no [[cloud]] declares"
        );
        let error = catalog(&format!(
            "{}\n[[service.documented_in]]\ncloud = \"swiss\"\nupstream = \"opentelekomcloud-docs-swiss/v\"\n",
            VPC.replace("https://vpc.{region}.otc.t-systems.com", "https://vpc.example.com")
        ))
        .expect_err("no host");
        assert_eq!(error, "service vpc: its server URL https://vpc.example.com fits no [[cloud]] URL, so its host in cloud swiss must be given (host = \"…\")");
        let error = catalog(&format!(
            "{VPC}\n[[service.documented_in]]\ncloud = \"swiss\"\nupstream = \"opentelekomcloud-docs/virtual-private-cloud\"\n"
        ))
        .expect_err("not a Swiss repository");
        assert_eq!(error, "service vpc: documented_in.upstream opentelekomcloud-docs/virtual-private-cloud is not a repository of opentelekomcloud-docs-swiss");
    }

    #[test]
    fn a_host_is_one_name_in_the_template() {
        let template = "https://{host}.{region}.otc.t-systems.com";
        assert_eq!(
            host_in_template(template, "https://premium-waf.{region}.otc.t-systems.com").as_deref(),
            Some("premium-waf")
        );
        assert_eq!(
            host_in_template(template, "https://a.b.{region}.otc.t-systems.com"),
            None
        );
        assert_eq!(
            host_in_template(template, "https://{region}.otc.t-systems.com"),
            None
        );
        assert_eq!(
            host_in_template(template, "http://vpc.{region}.otc.t-systems.com"),
            None
        );
    }
}
