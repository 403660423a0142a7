//! Loading a [`Config`] the way OpenStack tools do: from the `OS_*` environment variables, or
//! from a `clouds.yaml` entry selected by `OS_CLOUD`.
//!
//! The readers take the environment as a lookup function and files as explicit paths, so that
//! tests never touch the real environment; `Config::from_env` and friends plug in the process
//! environment and the working directory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::{Authentication, Config, ConfigBuilder, PasswordCredentials, ProjectScope};
use crate::signing::Credentials;
use crate::Error;

/// The environment variable naming the `clouds.yaml` entry to use.
pub const CLOUD_NAME_VARIABLE: &str = "OS_CLOUD";
/// The environment variable naming the one `clouds.yaml` file to read.
pub const CLOUDS_YAML_PATH_VARIABLE: &str = "OS_CLIENT_CONFIG_FILE";
/// The environment variable naming the one `secure.yaml` file to read.
pub const SECURE_YAML_PATH_VARIABLE: &str = "OS_CLIENT_SECURE_FILE";

/// Everything a config can be made of, whichever source it came from. Empty values count as
/// absent, as in OpenStack tools.
#[derive(Default)]
struct OpenStackSettings {
    /// Where the settings came from, for error messages: `the environment`, `cloud "otc" in …`.
    source: String,
    auth_type: Option<String>,
    auth_url: Option<String>,
    username: Option<String>,
    password: Option<String>,
    user_domain_name: Option<String>,
    project_id: Option<String>,
    project_name: Option<String>,
    project_domain_name: Option<String>,
    region_name: Option<String>,
    token: Option<String>,
    access_key: Option<String>,
    secret_key: Option<String>,
    security_token: Option<String>,
    endpoint_overrides: Vec<(String, String)>,
}

impl OpenStackSettings {
    /// Picks the authentication and fills a builder.
    ///
    /// Without an explicit `auth_type` the first complete method wins: AK/SK, then a token,
    /// then user name and password. A half-given method (an access key without a secret key)
    /// is an error rather than silently skipped.
    fn into_builder(self) -> Result<ConfigBuilder, Error> {
        let source = self.source.clone();
        let missing = |what: &str| Error::Configuration(format!("{source}: {what} is missing"));
        let wanted_method = match self.auth_type.as_deref() {
            None => None,
            Some("password" | "v3password") => Some(AuthenticationMethod::Password),
            Some("token" | "v3token" | "admin_token") => Some(AuthenticationMethod::Token),
            Some("aksk" | "ak/sk" | "v3aksk") => Some(AuthenticationMethod::AccessKey),
            Some(other) => {
                return Err(Error::Configuration(format!(
                    "{source}: auth type {other:?} is not supported (password, token or aksk)"
                )))
            }
        };
        let method = match wanted_method {
            Some(method) => method,
            None if self.access_key.is_some() || self.secret_key.is_some() => {
                AuthenticationMethod::AccessKey
            }
            None if self.token.is_some() => AuthenticationMethod::Token,
            None if self.username.is_some() || self.password.is_some() => {
                AuthenticationMethod::Password
            }
            None => {
                return Err(Error::Configuration(format!(
                    "{source}: no credentials (an access key and secret key, a token, or a user \
                     name and password)"
                )))
            }
        };
        let mut builder = Config::builder();
        if let Some(region_name) = self.region_name {
            builder = builder.region(region_name);
        }
        for (service_id, base_url) in self.endpoint_overrides {
            builder = builder.endpoint(service_id, base_url);
        }
        let project_id = self.project_id;
        match method {
            AuthenticationMethod::AccessKey => {
                let access_key = self
                    .access_key
                    .ok_or_else(|| missing("the access key (OS_ACCESS_KEY, ak)"))?;
                let secret_key = self
                    .secret_key
                    .ok_or_else(|| missing("the secret key (OS_SECRET_KEY, sk)"))?;
                let mut credentials = Credentials::new(access_key, secret_key);
                if let Some(security_token) = self.security_token {
                    credentials = credentials.with_security_token(security_token);
                }
                let project_id = project_id
                    .ok_or_else(|| missing("the project id (OS_PROJECT_ID, project_id)"))?;
                builder = builder.project_id(project_id).access_key(credentials);
            }
            AuthenticationMethod::Token => {
                let token = self
                    .token
                    .ok_or_else(|| missing("the token (OS_TOKEN, auth.token)"))?;
                let project_id = project_id
                    .ok_or_else(|| missing("the project id (OS_PROJECT_ID, project_id)"))?;
                builder = builder.project_id(project_id).token(token);
            }
            AuthenticationMethod::Password => {
                let username = self
                    .username
                    .ok_or_else(|| missing("the user name (OS_USERNAME, auth.username)"))?;
                let password = self
                    .password
                    .ok_or_else(|| missing("the password (OS_PASSWORD, auth.password)"))?;
                let user_domain_name = self.user_domain_name.ok_or_else(|| {
                    missing("the user domain name (OS_USER_DOMAIN_NAME, auth.user_domain_name)")
                })?;
                let project_scope =
                    match (&project_id, self.project_name) {
                        (Some(project_id), _) => ProjectScope::Id(project_id.clone()),
                        (None, Some(project_name)) => ProjectScope::Name {
                            name: project_name,
                            domain_name: self
                                .project_domain_name
                                .unwrap_or_else(|| user_domain_name.clone()),
                        },
                        (None, None) => return Err(missing(
                            "the project (OS_PROJECT_ID or OS_PROJECT_NAME, auth.project_id or \
                             auth.project_name)",
                        )),
                    };
                let mut credentials =
                    PasswordCredentials::new(username, password, user_domain_name)
                        .with_project_scope(project_scope);
                if let Some(auth_url) = self.auth_url {
                    credentials = credentials.with_auth_url(auth_url);
                }
                if let Some(project_id) = project_id {
                    builder = builder.project_id(project_id);
                }
                builder = builder.authentication(Authentication::Password(credentials));
            }
        }
        Ok(builder)
    }
}

#[derive(Clone, Copy)]
enum AuthenticationMethod {
    AccessKey,
    Token,
    Password,
}

/// Reads the OpenStack environment variables through `lookup` (the process environment in
/// [`Config::from_env`], a map in tests).
///
/// `OS_REGION_NAME`, `OS_PROJECT_ID` (or `OS_TENANT_ID`), `OS_PROJECT_NAME` (or
/// `OS_TENANT_NAME`), `OS_PROJECT_DOMAIN_NAME`, `OS_AUTH_TYPE`, and the credentials:
/// `OS_ACCESS_KEY` + `OS_SECRET_KEY` (+ `OS_SECURITY_TOKEN`), or `OS_TOKEN` (or
/// `OS_AUTH_TOKEN`), or `OS_USERNAME` + `OS_PASSWORD` + `OS_USER_DOMAIN_NAME` (or
/// `OS_DOMAIN_NAME`) with `OS_AUTH_URL`.
pub fn config_builder_from_env_lookup(
    lookup: impl Fn(&str) -> Option<String>,
) -> Result<ConfigBuilder, Error> {
    let first_set = |names: &[&str]| -> Option<String> {
        names
            .iter()
            .filter_map(|name| lookup(name))
            .find(|value| !value.is_empty())
    };
    OpenStackSettings {
        source: "the environment".to_owned(),
        auth_type: first_set(&["OS_AUTH_TYPE"]),
        auth_url: first_set(&["OS_AUTH_URL"]),
        username: first_set(&["OS_USERNAME"]),
        password: first_set(&["OS_PASSWORD"]),
        user_domain_name: first_set(&["OS_USER_DOMAIN_NAME", "OS_DOMAIN_NAME"]),
        project_id: first_set(&["OS_PROJECT_ID", "OS_TENANT_ID"]),
        project_name: first_set(&["OS_PROJECT_NAME", "OS_TENANT_NAME"]),
        project_domain_name: first_set(&["OS_PROJECT_DOMAIN_NAME", "OS_DOMAIN_NAME"]),
        region_name: first_set(&["OS_REGION_NAME"]),
        token: first_set(&["OS_TOKEN", "OS_AUTH_TOKEN"]),
        access_key: first_set(&["OS_ACCESS_KEY"]),
        secret_key: first_set(&["OS_SECRET_KEY"]),
        security_token: first_set(&["OS_SECURITY_TOKEN"]),
        endpoint_overrides: Vec::new(),
    }
    .into_builder()
}

/// The `clouds.yaml` files to try, first found wins: `OS_CLIENT_CONFIG_FILE` alone if set;
/// otherwise `clouds.yaml` in `current_dir`, in `$XDG_CONFIG_HOME/openstack` (or
/// `$HOME/.config/openstack`), and in `/etc/openstack`, as openstacksdk searches.
pub fn clouds_yaml_candidates(
    lookup: impl Fn(&str) -> Option<String>,
    current_dir: &Path,
) -> Vec<PathBuf> {
    candidates_named(
        "clouds.yaml",
        CLOUDS_YAML_PATH_VARIABLE,
        &lookup,
        current_dir,
    )
}

/// Like [`clouds_yaml_candidates`] for `secure.yaml` (`OS_CLIENT_SECURE_FILE`), the file
/// openstacksdk merges into `clouds.yaml` so that passwords can live apart.
pub fn secure_yaml_candidates(
    lookup: impl Fn(&str) -> Option<String>,
    current_dir: &Path,
) -> Vec<PathBuf> {
    candidates_named(
        "secure.yaml",
        SECURE_YAML_PATH_VARIABLE,
        &lookup,
        current_dir,
    )
}

fn candidates_named(
    file_name: &str,
    override_variable: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
    current_dir: &Path,
) -> Vec<PathBuf> {
    let set = |name: &str| lookup(name).filter(|value| !value.is_empty());
    if let Some(explicit_path) = set(override_variable) {
        return vec![PathBuf::from(explicit_path)];
    }
    let mut candidates = vec![current_dir.join(file_name)];
    let user_config_home = set("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| set("HOME").map(|home| Path::new(&home).join(".config")));
    if let Some(user_config_home) = user_config_home {
        candidates.push(user_config_home.join("openstack").join(file_name));
    }
    candidates.push(Path::new("/etc/openstack").join(file_name));
    candidates
}

/// Reads cloud `cloud_name` of the first existing file of `clouds_yaml_candidates`, merged with
/// the same cloud of the first existing `secure_yaml_candidates` (if any).
pub fn config_builder_from_clouds_yaml_search(
    clouds_yaml_candidates: &[PathBuf],
    secure_yaml_candidates: &[PathBuf],
    cloud_name: &str,
) -> Result<ConfigBuilder, Error> {
    let clouds_yaml_path = clouds_yaml_candidates
        .iter()
        .find(|path| path.is_file())
        .ok_or_else(|| {
            let searched: Vec<String> = clouds_yaml_candidates
                .iter()
                .map(|path| path.display().to_string())
                .collect();
            Error::Configuration(format!(
                "no clouds.yaml found (searched {})",
                searched.join(", ")
            ))
        })?;
    let secure_yaml_path = secure_yaml_candidates.iter().find(|path| path.is_file());
    config_builder_from_clouds_yaml_files(
        clouds_yaml_path,
        secure_yaml_path.map(PathBuf::as_path),
        cloud_name,
    )
}

/// Reads cloud `cloud_name` from a `clouds.yaml` file, merged with an optional `secure.yaml`.
pub fn config_builder_from_clouds_yaml_files(
    clouds_yaml_path: &Path,
    secure_yaml_path: Option<&Path>,
    cloud_name: &str,
) -> Result<ConfigBuilder, Error> {
    let read = |path: &Path| {
        std::fs::read_to_string(path).map_err(|error| {
            Error::Configuration(format!("cannot read {}: {error}", path.display()))
        })
    };
    let clouds_yaml_text = read(clouds_yaml_path)?;
    let secure_yaml_text = secure_yaml_path.map(read).transpose()?;
    clouds_yaml_entry_to_builder(
        &clouds_yaml_text,
        secure_yaml_text.as_deref(),
        cloud_name,
        &clouds_yaml_path.display().to_string(),
    )
}

/// Reads cloud `cloud_name` from the text of a `clouds.yaml` (and of a `secure.yaml`).
///
/// The openstacksdk format, `clouds: {<name>: {auth: {auth_url, username, password,
/// user_domain_name or domain_name, project_id, project_name, project_domain_name, token},
/// region_name, auth_type}}`, plus OTC's `ak`, `sk` and `security_token` (in the cloud or in
/// its `auth`) and openstacksdk's `<service>_endpoint_override` keys.
pub fn config_builder_from_clouds_yaml_text(
    clouds_yaml_text: &str,
    secure_yaml_text: Option<&str>,
    cloud_name: &str,
) -> Result<ConfigBuilder, Error> {
    clouds_yaml_entry_to_builder(
        clouds_yaml_text,
        secure_yaml_text,
        cloud_name,
        "clouds.yaml",
    )
}

fn clouds_yaml_entry_to_builder(
    clouds_yaml_text: &str,
    secure_yaml_text: Option<&str>,
    cloud_name: &str,
    file_description: &str,
) -> Result<ConfigBuilder, Error> {
    // Only the YAML error's position is quoted: its message could quote a line holding a
    // password.
    let parse = |text: &str, what: &str| -> Result<serde_yaml::Value, Error> {
        serde_yaml::from_str(text).map_err(|error| {
            let position = error
                .location()
                .map(|location| format!(" at line {}", location.line()))
                .unwrap_or_default();
            Error::Configuration(format!("{what} is not valid yaml{position}"))
        })
    };
    let clouds = parse(clouds_yaml_text, file_description)?;
    let mut entry = cloud_entry(&clouds, cloud_name).ok_or_else(|| {
        Error::Configuration(format!(
            "{file_description} has no cloud named {cloud_name:?}"
        ))
    })?;
    if let Some(secure_yaml_text) = secure_yaml_text {
        let secure = parse(secure_yaml_text, "secure.yaml")?;
        if let Some(secure_entry) = cloud_entry(&secure, cloud_name) {
            merge_yaml(&mut entry, secure_entry);
        }
    }
    let source = format!("cloud {cloud_name:?} in {file_description}");
    let entry: CloudEntry = serde_yaml::from_value(entry).map_err(|error| {
        // serde's messages name fields and types, never values of strings.
        Error::Configuration(format!("{source}: {error}"))
    })?;
    entry.into_settings(source).into_builder()
}

/// `clouds.<cloud_name>` of a parsed file.
fn cloud_entry(file: &serde_yaml::Value, cloud_name: &str) -> Option<serde_yaml::Value> {
    file.get("clouds")?.get(cloud_name).cloned()
}

/// Merges `overlay` into `base`: mappings key by key, anything else replaced.
fn merge_yaml(base: &mut serde_yaml::Value, overlay: serde_yaml::Value) {
    match (base, overlay) {
        (serde_yaml::Value::Mapping(base_mapping), serde_yaml::Value::Mapping(overlay_mapping)) => {
            for (key, overlay_value) in overlay_mapping {
                match base_mapping.get_mut(&key) {
                    Some(base_value) => merge_yaml(base_value, overlay_value),
                    None => {
                        base_mapping.insert(key, overlay_value);
                    }
                }
            }
        }
        (base, overlay) => *base = overlay,
    }
}

/// One `clouds.<name>` entry. Unknown keys are accepted (openstacksdk has many); those ending
/// in `_endpoint_override` become endpoint overrides.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct CloudEntry {
    auth: CloudAuth,
    auth_type: Option<YamlText>,
    region_name: Option<YamlText>,
    ak: Option<YamlText>,
    sk: Option<YamlText>,
    security_token: Option<YamlText>,
    #[serde(flatten)]
    other_keys: BTreeMap<String, serde_yaml::Value>,
}

/// The `auth` section.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct CloudAuth {
    auth_url: Option<YamlText>,
    username: Option<YamlText>,
    password: Option<YamlText>,
    user_domain_name: Option<YamlText>,
    domain_name: Option<YamlText>,
    project_id: Option<YamlText>,
    project_name: Option<YamlText>,
    project_domain_name: Option<YamlText>,
    token: Option<YamlText>,
    ak: Option<YamlText>,
    sk: Option<YamlText>,
    access_key: Option<YamlText>,
    secret_key: Option<YamlText>,
    security_token: Option<YamlText>,
}

/// A scalar read as text: YAML would read an all-digit project id or password as a number.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum YamlText {
    Text(String),
    Integer(i64),
    Float(f64),
    Boolean(bool),
}

impl YamlText {
    fn into_text(self) -> Option<String> {
        let text = match self {
            YamlText::Text(text) => text,
            YamlText::Integer(integer) => integer.to_string(),
            YamlText::Float(float) => float.to_string(),
            YamlText::Boolean(boolean) => boolean.to_string(),
        };
        (!text.is_empty()).then_some(text)
    }
}

/// The first present, non-empty value.
fn first_text(candidates: impl IntoIterator<Item = Option<YamlText>>) -> Option<String> {
    candidates
        .into_iter()
        .flatten()
        .find_map(YamlText::into_text)
}

impl CloudEntry {
    fn into_settings(self, source: String) -> OpenStackSettings {
        let auth = self.auth;
        let endpoint_overrides = self
            .other_keys
            .iter()
            .filter_map(|(key, value)| {
                let service_id = key.strip_suffix("_endpoint_override")?;
                Some((service_id.to_owned(), value.as_str()?.to_owned()))
            })
            .collect();
        OpenStackSettings {
            source,
            auth_type: first_text([self.auth_type]),
            auth_url: first_text([auth.auth_url]),
            username: first_text([auth.username]),
            password: first_text([auth.password]),
            user_domain_name: first_text([auth.user_domain_name, auth.domain_name]),
            project_id: first_text([auth.project_id]),
            project_name: first_text([auth.project_name]),
            project_domain_name: first_text([auth.project_domain_name]),
            region_name: first_text([self.region_name]),
            token: first_text([auth.token]),
            access_key: first_text([self.ak, auth.ak, auth.access_key]),
            secret_key: first_text([self.sk, auth.sk, auth.secret_key]),
            security_token: first_text([self.security_token, auth.security_token]),
            endpoint_overrides,
        }
    }
}

/// What OpenStack tools do, with the environment given by `lookup` and `current_dir`: the
/// `clouds.yaml` cloud named by `OS_CLOUD` if it is set, otherwise the `OS_*` variables.
pub fn config_builder_from_openstack_defaults(
    lookup: impl Fn(&str) -> Option<String>,
    current_dir: &Path,
) -> Result<ConfigBuilder, Error> {
    match lookup(CLOUD_NAME_VARIABLE).filter(|name| !name.is_empty()) {
        Some(cloud_name) => config_builder_from_clouds_yaml_search(
            &clouds_yaml_candidates(&lookup, current_dir),
            &secure_yaml_candidates(&lookup, current_dir),
            &cloud_name,
        ),
        None => config_builder_from_env_lookup(lookup),
    }
}

/// The process environment, for the convenience constructors.
fn process_environment(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

impl Config {
    /// A config from the `OS_*` environment variables (see [`config_builder_from_env_lookup`]).
    pub fn from_env() -> Result<Config, Error> {
        config_builder_from_env_lookup(process_environment)?.build()
    }

    /// A config from cloud `cloud_name` of the first `clouds.yaml` found where openstacksdk
    /// looks (see [`clouds_yaml_candidates`]), merged with `secure.yaml`.
    pub fn from_clouds_yaml(cloud_name: &str) -> Result<Config, Error> {
        let current_dir = std::env::current_dir().map_err(|error| {
            Error::Configuration(format!("cannot read the current directory: {error}"))
        })?;
        config_builder_from_clouds_yaml_search(
            &clouds_yaml_candidates(process_environment, &current_dir),
            &secure_yaml_candidates(process_environment, &current_dir),
            cloud_name,
        )?
        .build()
    }

    /// What OpenStack tools do: the `clouds.yaml` cloud named by `OS_CLOUD` if it is set,
    /// otherwise the `OS_*` environment variables.
    pub fn from_openstack_defaults() -> Result<Config, Error> {
        let current_dir = std::env::current_dir().map_err(|error| {
            Error::Configuration(format!("cannot read the current directory: {error}"))
        })?;
        config_builder_from_openstack_defaults(process_environment, &current_dir)?.build()
    }
}
