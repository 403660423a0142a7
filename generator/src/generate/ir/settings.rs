//! The settings that fit the generated code to the crate it lands in: how the client is
//! constructed, which path parameters the client fills, and whether unsupported constructs are
//! errors. Every crate calls the one runtime, `otc_client_runtime`.

/// How the generated `Client` is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientConstructor {
    /// An Open Telekom Cloud service: `Client::new(&Config)`, with the endpoint from the
    /// config (its override for this service id, or the spec's server template filled with
    /// the region).
    FromConfig { service_id: String },
    /// Any API: `Client::new(base_url)`, or `Client::from_service_client` for a client with
    /// authentication and default headers.
    FromBaseUrl,
}

/// How the generated code fits the crate it lands in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateSettings {
    pub client_constructor: ClientConstructor,
    /// Path parameters the client fills from its own configuration (`project_id` in OTC):
    /// not fields of the request structs.
    pub client_path_parameters: Vec<String>,
    /// Unsupported constructs are errors instead of completeness report items with a
    /// fallback: the importer never produces them, so one appearing is a bug to fix.
    pub strict: bool,
    /// The note of `#[deprecated]` on deprecated operations.
    pub deprecation_note: String,
    /// Write `Option`, `String`, `Vec` and `Box` unqualified (no generated type takes those
    /// names): a third fewer tokens to format and compile.
    pub prelude_names: bool,
}

/// The package of the one runtime (`generated-client/runtime`), as manifests depend on it.
pub const RUNTIME_PACKAGE_NAME: &str = "otc-client-runtime";

/// The same crate as generated code and rustdoc links name it.
pub const RUNTIME_CRATE_NAME: &str = "otc_client_runtime";

impl GenerateSettings {
    /// A service crate of `otc-client` (`otc-<service_id>`): `Client::new(&Config)`,
    /// `project_id` from the config, strict.
    pub fn otc_service(service_id: &str) -> GenerateSettings {
        GenerateSettings {
            client_constructor: ClientConstructor::FromConfig {
                service_id: service_id.to_owned(),
            },
            client_path_parameters: vec!["project_id".to_owned()],
            strict: true,
            deprecation_note: "outdated API: the API reference recommends a newer version"
                .to_owned(),
            prelude_names: true,
        }
    }

    /// A standalone crate from any spec.
    pub fn standalone() -> GenerateSettings {
        GenerateSettings {
            client_constructor: ClientConstructor::FromBaseUrl,
            client_path_parameters: Vec::new(),
            strict: false,
            deprecation_note: "deprecated in the API description".to_owned(),
            prelude_names: true,
        }
    }
}
