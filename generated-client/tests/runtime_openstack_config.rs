//! Loading configs from the `OS_*` environment variables (through a fake lookup, never the
//! real environment) and from `clouds.yaml`/`secure.yaml` files in a temporary directory:
//! each credentials kind, the search order, `OS_CLOUD`, and error messages without secrets.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use otc_client::runtime::openstack_config::{
    clouds_yaml_candidates, config_builder_from_clouds_yaml_files,
    config_builder_from_clouds_yaml_text, config_builder_from_env_lookup,
    config_builder_from_openstack_defaults, secure_yaml_candidates,
};
use otc_client::runtime::{Authentication, Config, Error, ProjectScope};

const PROJECT_ID: &str = "a4d31cb6-3d72-4fdc-8ec9-6e3a41e47f71";
const PASSWORD: &str = "yaml-password-never-to-be-seen";
const SECRET_KEY: &str = "yaml-secret-key-never-to-be-seen";

/// A fake environment.
fn environment(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let variables: HashMap<String, String> = pairs
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect();
    move |name: &str| variables.get(name).cloned()
}

fn build(builder: Result<otc_client::runtime::ConfigBuilder, Error>) -> Config {
    builder
        .expect("complete settings")
        .build()
        .expect("a config")
}

fn configuration_message(result: Result<otc_client::runtime::ConfigBuilder, Error>) -> String {
    match result {
        Err(Error::Configuration(message)) => message,
        Err(other) => panic!("expected a configuration error, got {other:?}"),
        Ok(builder) => panic!("expected a configuration error, got {builder:?}"),
    }
}

#[test]
fn env_password_with_project_name() {
    let config = build(config_builder_from_env_lookup(environment(&[
        ("OS_AUTH_URL", "https://iam.eu-de.otc.t-systems.com:443/v3"),
        ("OS_USERNAME", "api-user"),
        ("OS_PASSWORD", PASSWORD),
        ("OS_USER_DOMAIN_NAME", "OTC-EU-DE-000000000010000"),
        ("OS_PROJECT_NAME", "eu-de_project"),
        ("OS_REGION_NAME", "eu-de"),
    ])));
    assert_eq!(config.region(), "eu-de");
    assert_eq!(config.project_id(), None);
    match config.authentication() {
        Authentication::Password(credentials) => {
            assert_eq!(credentials.user_name(), "api-user");
            assert_eq!(credentials.user_domain_name(), "OTC-EU-DE-000000000010000");
            assert_eq!(
                credentials.project_scope(),
                Some(&ProjectScope::Name {
                    name: "eu-de_project".to_owned(),
                    // Without OS_PROJECT_DOMAIN_NAME the project is in the user's domain.
                    domain_name: "OTC-EU-DE-000000000010000".to_owned(),
                })
            );
        }
        other => panic!("expected password authentication, got {other:?}"),
    }
    assert!(!format!("{config:?}").contains(PASSWORD));
}

#[test]
fn env_access_key_with_security_token() {
    let config = build(config_builder_from_env_lookup(environment(&[
        ("OS_ACCESS_KEY", "PUBLICAK"),
        ("OS_SECRET_KEY", SECRET_KEY),
        ("OS_SECURITY_TOKEN", "temporary"),
        ("OS_PROJECT_ID", PROJECT_ID),
        ("OS_REGION_NAME", "eu-nl"),
        // Ignored: AK/SK comes first.
        ("OS_USERNAME", "api-user"),
    ])));
    assert_eq!(config.project_id(), Some(PROJECT_ID));
    assert_eq!(config.region(), "eu-nl");
    match config.authentication() {
        Authentication::AccessKey(credentials) => {
            assert_eq!(credentials.access_key(), "PUBLICAK");
            assert!(credentials.has_security_token());
        }
        other => panic!("expected AK/SK, got {other:?}"),
    }
}

#[test]
fn env_token() {
    let config = build(config_builder_from_env_lookup(environment(&[
        ("OS_TOKEN", "a-token"),
        ("OS_PROJECT_ID", PROJECT_ID),
        ("OS_REGION_NAME", ""),
    ])));
    assert!(matches!(config.authentication(), Authentication::Token(_)));
    // An empty variable counts as unset.
    assert_eq!(config.region(), "eu-de");
}

#[test]
fn env_errors_name_the_missing_variable_and_no_value() {
    let message = configuration_message(config_builder_from_env_lookup(environment(&[
        ("OS_ACCESS_KEY", "PUBLICAK"),
        ("OS_PROJECT_ID", PROJECT_ID),
    ])));
    assert!(message.contains("OS_SECRET_KEY"), "{message}");
    let message = configuration_message(config_builder_from_env_lookup(environment(&[
        ("OS_USERNAME", "api-user"),
        ("OS_PASSWORD", PASSWORD),
        ("OS_USER_DOMAIN_NAME", "domain"),
    ])));
    assert!(
        message.contains("OS_PROJECT_ID or OS_PROJECT_NAME"),
        "{message}"
    );
    assert!(!message.contains(PASSWORD), "{message}");
    let message = configuration_message(config_builder_from_env_lookup(environment(&[(
        "OS_TOKEN", "a-token",
    )])));
    assert!(message.contains("OS_PROJECT_ID"), "{message}");
    let message = configuration_message(config_builder_from_env_lookup(environment(&[])));
    assert!(message.contains("no credentials"), "{message}");
    let message = configuration_message(config_builder_from_env_lookup(environment(&[(
        "OS_AUTH_TYPE",
        "v3oidcpassword",
    )])));
    assert!(message.contains("not supported"), "{message}");
}

const CLOUDS_YAML: &str = r#"
clouds:
  otc:
    region_name: eu-nl
    auth:
      auth_url: https://iam.eu-nl.otc.t-systems.com/v3
      username: api-user
      user_domain_name: OTC-EU-DE-000000000010000
      project_name: eu-nl_project
      project_domain_name: OTC-EU-DE-000000000010000
    dcs_endpoint_override: https://dcs.internal.example
  otc-aksk:
    region_name: eu-de
    ak: PUBLICAK
    sk: yaml-secret-key-never-to-be-seen
    auth:
      project_id: 0123456789
  otc-token:
    auth_type: token
    auth:
      token: a-token
      project_id: a4d31cb6-3d72-4fdc-8ec9-6e3a41e47f71
"#;

const SECURE_YAML: &str = r#"
clouds:
  otc:
    auth:
      password: yaml-password-never-to-be-seen
"#;

#[test]
fn clouds_yaml_password_cloud_merged_with_secure_yaml() {
    let config = build(config_builder_from_clouds_yaml_text(
        CLOUDS_YAML,
        Some(SECURE_YAML),
        "otc",
    ));
    assert_eq!(config.region(), "eu-nl");
    assert!(matches!(
        config.authentication(),
        Authentication::Password(credentials)
            if credentials.project_scope() == Some(&ProjectScope::Name {
                name: "eu-nl_project".to_owned(),
                domain_name: "OTC-EU-DE-000000000010000".to_owned(),
            })
    ));
    assert_eq!(
        config
            .endpoint_for("dcs", "https://dcs.{region}.otc.t-systems.com")
            .ok()
            .as_deref(),
        Some("https://dcs.internal.example")
    );
    assert_eq!(
        config
            .endpoint_for("elb", "https://elb.{region}.otc.t-systems.com")
            .ok()
            .as_deref(),
        Some("https://elb.eu-nl.otc.t-systems.com")
    );
    assert!(!format!("{config:?}").contains(PASSWORD));
    // Without secure.yaml the password is missing, and the message says which setting.
    let message = configuration_message(config_builder_from_clouds_yaml_text(
        CLOUDS_YAML,
        None,
        "otc",
    ));
    assert!(message.contains("auth.password"), "{message}");
    assert!(message.contains("cloud \"otc\""), "{message}");
}

#[test]
fn clouds_yaml_access_key_cloud_reads_a_numeric_project_id_as_text() {
    let config = build(config_builder_from_clouds_yaml_text(
        CLOUDS_YAML,
        None,
        "otc-aksk",
    ));
    assert_eq!(config.project_id(), Some("0123456789"));
    assert!(matches!(
        config.authentication(),
        Authentication::AccessKey(credentials) if credentials.access_key() == "PUBLICAK"
    ));
    assert!(!format!("{config:?}").contains(SECRET_KEY));
}

#[test]
fn clouds_yaml_token_cloud() {
    let config = build(config_builder_from_clouds_yaml_text(
        CLOUDS_YAML,
        None,
        "otc-token",
    ));
    assert_eq!(config.project_id(), Some(PROJECT_ID));
    assert!(matches!(config.authentication(), Authentication::Token(_)));
}

#[test]
fn clouds_yaml_errors_name_the_cloud_and_quote_no_content() {
    let message = configuration_message(config_builder_from_clouds_yaml_text(
        CLOUDS_YAML,
        None,
        "nope",
    ));
    assert!(message.contains("no cloud named \"nope\""), "{message}");
    let broken =
        format!("clouds:\n  otc:\n    auth:\n      password: {PASSWORD}\n   - [unbalanced");
    let message = configuration_message(config_builder_from_clouds_yaml_text(&broken, None, "otc"));
    assert!(message.contains("not valid yaml"), "{message}");
    assert!(!message.contains(PASSWORD), "{message}");
}

fn write_file(directory: &Path, relative_path: &str, text: &str) -> PathBuf {
    let path = directory.join(relative_path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("a directory");
    }
    std::fs::write(&path, text).expect("a written file");
    path
}

#[test]
fn clouds_yaml_files_are_read_from_disk() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let clouds_yaml = write_file(directory.path(), "clouds.yaml", CLOUDS_YAML);
    let secure_yaml = write_file(directory.path(), "secure.yaml", SECURE_YAML);
    let config = build(config_builder_from_clouds_yaml_files(
        &clouds_yaml,
        Some(&secure_yaml),
        "otc",
    ));
    assert_eq!(config.region(), "eu-nl");
    let missing = directory.path().join("missing.yaml");
    let message =
        configuration_message(config_builder_from_clouds_yaml_files(&missing, None, "otc"));
    assert!(message.starts_with("cannot read "), "{message}");
}

#[test]
fn search_order_follows_openstacksdk() {
    let current_dir = Path::new("/work/project");
    assert_eq!(
        clouds_yaml_candidates(environment(&[("HOME", "/home/user")]), current_dir),
        [
            PathBuf::from("/work/project/clouds.yaml"),
            PathBuf::from("/home/user/.config/openstack/clouds.yaml"),
            PathBuf::from("/etc/openstack/clouds.yaml"),
        ]
    );
    assert_eq!(
        clouds_yaml_candidates(
            environment(&[("HOME", "/home/user"), ("XDG_CONFIG_HOME", "/xdg")]),
            current_dir
        ),
        [
            PathBuf::from("/work/project/clouds.yaml"),
            PathBuf::from("/xdg/openstack/clouds.yaml"),
            PathBuf::from("/etc/openstack/clouds.yaml"),
        ]
    );
    assert_eq!(
        clouds_yaml_candidates(
            environment(&[
                ("HOME", "/home/user"),
                ("OS_CLIENT_CONFIG_FILE", "/my/clouds.yaml")
            ]),
            current_dir
        ),
        [PathBuf::from("/my/clouds.yaml")]
    );
    assert_eq!(
        secure_yaml_candidates(environment(&[]), current_dir),
        [
            PathBuf::from("/work/project/secure.yaml"),
            PathBuf::from("/etc/openstack/secure.yaml"),
        ]
    );
}

#[test]
fn os_cloud_selects_a_cloud_of_the_first_clouds_yaml_found() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let home = directory.path().join("home");
    let current_dir = directory.path().join("project");
    std::fs::create_dir_all(&current_dir).expect("a directory");
    write_file(&home, ".config/openstack/clouds.yaml", CLOUDS_YAML);
    write_file(&home, ".config/openstack/secure.yaml", SECURE_YAML);
    let home_text = home.display().to_string();
    let config = build(config_builder_from_openstack_defaults(
        environment(&[("OS_CLOUD", "otc"), ("HOME", &home_text)]),
        &current_dir,
    ));
    assert_eq!(config.region(), "eu-nl");
    // A clouds.yaml in the current directory comes first.
    write_file(
        &current_dir,
        "clouds.yaml",
        "clouds:\n  otc:\n    region_name: eu-ch2\n    auth:\n      token: t\n      project_id: p\n",
    );
    let config = build(config_builder_from_openstack_defaults(
        environment(&[("OS_CLOUD", "otc"), ("HOME", &home_text)]),
        &current_dir,
    ));
    assert_eq!(config.region(), "eu-ch2");
    // Without OS_CLOUD the environment variables are used.
    let config = build(config_builder_from_openstack_defaults(
        environment(&[
            ("OS_TOKEN", "t"),
            ("OS_PROJECT_ID", "p"),
            ("HOME", &home_text),
        ]),
        &current_dir,
    ));
    assert!(matches!(config.authentication(), Authentication::Token(_)));
    // OS_CLOUD without any clouds.yaml names the places searched.
    let empty = tempfile::tempdir().expect("a temporary directory");
    let empty_text = empty.path().display().to_string();
    let message = configuration_message(config_builder_from_openstack_defaults(
        environment(&[
            ("OS_CLOUD", "otc"),
            ("OS_CLIENT_CONFIG_FILE", &format!("{empty_text}/none.yaml")),
        ]),
        empty.path(),
    ));
    assert!(
        message.starts_with("no clouds.yaml found (searched "),
        "{message}"
    );
}
