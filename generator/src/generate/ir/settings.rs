//! The settings that fit the generated code to the crate it lands in: which runtime it calls,
//! which path parameters the client fills, and whether unsupported constructs are errors.

/// Which runtime API the generated code calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuntimeApi {
    /// `otc-client`'s own runtime: `Client::new(&Config)` with a service id and endpoint
    /// template, JSON bodies as bytes.
    OtcClient,
    /// `otc_client_runtime` (or a runtime with its API): `Client::new(base_url)`, bodies as
    /// `Body` with their content type.
    Generic,
}

/// How the generated code fits the crate it lands in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateSettings {
    /// The path of the runtime module (`crate::runtime`, `::otc_client_runtime`).
    pub runtime_path: String,
    pub runtime_api: RuntimeApi,
    /// Path parameters the client fills from its own configuration (`project_id` in OTC):
    /// not fields of the request structs.
    pub client_path_parameters: Vec<String>,
    /// Unsupported constructs are errors instead of completeness report items with a
    /// fallback: the importer never produces them, so one appearing is a bug to fix.
    pub strict: bool,
    /// The note of `#[deprecated]` on deprecated operations.
    pub deprecation_note: String,
    /// Write `Option`, `String`, `Vec` and `Box` unqualified (no generated type takes those
    /// names): a third fewer tokens to format on a huge spec. `otc-client` keeps its fully
    /// qualified paths.
    pub prelude_names: bool,
}

impl GenerateSettings {
    /// `otc-client`: its own runtime, `project_id` from the config, strict.
    pub fn otc_client() -> GenerateSettings {
        GenerateSettings {
            runtime_path: "crate::runtime".to_owned(),
            runtime_api: RuntimeApi::OtcClient,
            client_path_parameters: vec!["project_id".to_owned()],
            strict: true,
            deprecation_note: "outdated API: the API reference recommends a newer version"
                .to_owned(),
            prelude_names: false,
        }
    }

    /// A standalone crate on `otc_client_runtime`, from any spec.
    pub fn standalone() -> GenerateSettings {
        GenerateSettings {
            runtime_path: "::otc_client_runtime".to_owned(),
            runtime_api: RuntimeApi::Generic,
            client_path_parameters: Vec::new(),
            strict: false,
            deprecation_note: "deprecated in the API description".to_owned(),
            prelude_names: true,
        }
    }
}
