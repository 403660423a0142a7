//! The runtime's configuration as OpenStack tools find it (`--os-cloud`, else `OS_CLOUD`'s
//! `clouds.yaml` entry, else the `OS_*` variables), with the command line's `--region`,
//! `--endpoint` and `--timeout` over it; and the cloud names of `clouds.yaml` for completion.

use std::path::{Path, PathBuf};
use std::time::Duration;

use otc_client_runtime::openstack_config::{
    clouds_yaml_candidates, config_builder_from_clouds_yaml_search,
    config_builder_from_openstack_defaults, secure_yaml_candidates,
};
use otc_client_runtime::{Config, ConfigBuilder};

use crate::command_line::CommandLine;
use crate::failure::{CliError, ExitStatus};

fn environment(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

fn current_directory() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

/// Where the configuration comes from, as `otc auth show` tells it.
pub fn source_description(command_line: &CommandLine) -> String {
    match command_line.value("os-cloud") {
        Some(cloud) => format!("cloud {cloud:?} of clouds.yaml (--os-cloud)"),
        None => match environment("OS_CLOUD").filter(|cloud| !cloud.is_empty()) {
            Some(cloud) => format!("cloud {cloud:?} of clouds.yaml (OS_CLOUD)"),
            None => "the OS_* environment variables".to_owned(),
        },
    }
}

/// The configuration for a command on `service_id`.
pub fn load(command_line: &CommandLine, service_id: &str) -> Result<Config, CliError> {
    let builder = builder(command_line)?;
    let mut builder = builder;
    if let Some(region) = command_line.value("region") {
        builder = builder.region(region);
    }
    if let Some(endpoint) = command_line.value("endpoint") {
        builder = builder.endpoint(service_id, endpoint);
    }
    if let Some(timeout) = command_line.value("timeout") {
        let seconds: f64 = timeout
            .parse()
            .ok()
            .filter(|seconds: &f64| seconds.is_finite() && *seconds > 0.0)
            .ok_or_else(|| {
                CliError::usage(format!("--timeout {timeout}: not a number of seconds"))
            })?;
        builder = builder.timeout(Duration::from_secs_f64(seconds));
    }
    builder
        .build()
        .map_err(|error| CliError::from_runtime(&error))
}

fn builder(command_line: &CommandLine) -> Result<ConfigBuilder, CliError> {
    let current = current_directory();
    let result = match command_line.value("os-cloud") {
        Some(cloud) => config_builder_from_clouds_yaml_search(
            &clouds_yaml_candidates(environment, &current),
            &secure_yaml_candidates(environment, &current),
            cloud,
        ),
        None => config_builder_from_openstack_defaults(environment, &current),
    };
    result.map_err(|error| CliError::new(ExitStatus::Configuration, error.to_string()))
}

/// The cloud names of the first `clouds.yaml` found (for `--os-cloud` completion); none when
/// there is no file or it does not read.
pub fn cloud_names() -> Vec<String> {
    let candidates = clouds_yaml_candidates(environment, &current_directory());
    let Some(path) = candidates.iter().find(|path| path.is_file()) else {
        return Vec::new();
    };
    cloud_names_in(path)
}

fn cloud_names_in(path: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let Ok(document) = serde_yaml::from_str::<serde_yaml::Value>(&text) else {
        return Vec::new();
    };
    document
        .get("clouds")
        .and_then(serde_yaml::Value::as_mapping)
        .map(|clouds| {
            clouds
                .keys()
                .filter_map(|key| key.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cloud_names_are_the_keys_of_clouds() {
        let folder = std::env::temp_dir().join(format!("otc-cli-clouds-{}", std::process::id()));
        std::fs::create_dir_all(&folder).expect("a folder");
        let path = folder.join("clouds.yaml");
        std::fs::write(
            &path,
            "clouds:\n  otc:\n    region_name: eu-de\n  swiss:\n    region_name: eu-ch2\n",
        )
        .expect("written");
        assert_eq!(cloud_names_in(&path), ["otc", "swiss"]);
        std::fs::remove_dir_all(&folder).expect("removed");
    }
}
