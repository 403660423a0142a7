//! The published versions of the client's crates: `generated-client/versions.toml` (the façade
//! `otc-client` and every service crate, written by `cargo xtask release`, read by
//! `cargo xtask codegen` into the generated manifests) and the runtime's own manifest (its
//! version is set by hand: the runtime is not generated).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

/// Where the versions live, under the workspace root.
pub const VERSIONS_FILE: &str = "generated-client/versions.toml";

/// The runtime's manifest, under the workspace root.
pub const RUNTIME_MANIFEST: &str = "generated-client/runtime/Cargo.toml";

/// The version of a crate that was never released.
pub const FIRST_VERSION: Version = Version {
    major: 0,
    minor: 1,
    patch: 0,
};

/// A release version, `major.minor.patch` (the crates have no pre-releases).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl Version {
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = text.split('.');
        let mut number = || -> Option<u64> {
            let part = parts.next()?;
            // No leading zeros and nothing but digits, as semver wants.
            if part.is_empty()
                || (part.len() > 1 && part.starts_with('0'))
                || !part.bytes().all(|byte| byte.is_ascii_digit())
            {
                return None;
            }
            part.parse().ok()
        };
        let version = Version {
            major: number()?,
            minor: number()?,
            patch: number()?,
        };
        parts.next().is_none().then_some(version)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The versions of the façade and of every service crate (by service id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateVersions {
    pub facade: Version,
    pub services: BTreeMap<String, Version>,
}

impl Default for CrateVersions {
    fn default() -> Self {
        CrateVersions {
            facade: FIRST_VERSION,
            services: BTreeMap::new(),
        }
    }
}

impl CrateVersions {
    /// Reads `versions.toml` text: `otc-client = "0.1.0"` and a `[services]` table.
    pub fn from_toml(text: &str) -> anyhow::Result<CrateVersions> {
        let table: toml::Table = toml::from_str(text)?;
        let mut versions = CrateVersions::default();
        for (key, value) in &table {
            match (key.as_str(), value) {
                ("otc-client", toml::Value::String(text)) => versions.facade = parse(key, text)?,
                ("services", toml::Value::Table(services)) => {
                    for (id, value) in services {
                        let Some(text) = value.as_str() else {
                            bail!("services.{id} is not a version string");
                        };
                        versions.services.insert(id.clone(), parse(id, text)?);
                    }
                }
                _ => bail!("unexpected entry {key} (expected otc-client and [services])"),
            }
        }
        Ok(versions)
    }

    /// The versions of `root`'s checkout; all at 0.1.0 when there is no file yet.
    pub fn load(root: &Path) -> anyhow::Result<CrateVersions> {
        let path = root.join(VERSIONS_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => CrateVersions::from_toml(&text)
                .with_context(|| format!("reading {}", path.display())),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                Ok(CrateVersions::default())
            }
            Err(error) => Err(error).with_context(|| format!("reading {}", path.display())),
        }
    }

    /// A service crate's version: its entry, else 0.1.0 (never released).
    pub fn service(&self, service_id: &str) -> Version {
        self.services
            .get(service_id)
            .copied()
            .unwrap_or(FIRST_VERSION)
    }

    /// The file's text, services in id order.
    pub fn to_toml(&self) -> String {
        let mut text = String::from(
            "# The version of each published crate of the client, written by `cargo xtask release`\n\
             # (each service crate bumped by spec-diff's verdict on its spec since the last release tag,\n\
             # the façade by the largest of them) and read by `cargo xtask codegen` into the generated\n\
             # manifests. A service without an entry has never been released: 0.1.0.\n",
        );
        text.push_str(&format!("otc-client = \"{}\"\n\n[services]\n", self.facade));
        for (id, version) in &self.services {
            text.push_str(&format!("{id} = \"{version}\"\n"));
        }
        text
    }
}

fn parse(key: &str, text: &str) -> anyhow::Result<Version> {
    Version::parse(text)
        .with_context(|| format!("{key} = {text:?} is not a version (major.minor.patch)"))
}

/// The runtime's version, from its manifest under `root`.
pub fn runtime_version(root: &Path) -> anyhow::Result<Version> {
    let path: PathBuf = root.join(RUNTIME_MANIFEST);
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let manifest: toml::Table =
        toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    let version = manifest
        .get("package")
        .and_then(|package| package.get("version"))
        .and_then(toml::Value::as_str)
        .with_context(|| format!("{} has no package.version", path.display()))?;
    parse("the runtime's version", version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_read_and_written_back() {
        let text = "otc-client = \"0.3.0\"\n[services]\nvpc = \"1.2.3\"\ndcs = \"0.1.1\"\n";
        let versions = CrateVersions::from_toml(text).expect("versions");
        assert_eq!(versions.facade.to_string(), "0.3.0");
        assert_eq!(versions.service("vpc").to_string(), "1.2.3");
        assert_eq!(versions.service("elb"), FIRST_VERSION);
        assert_eq!(
            CrateVersions::from_toml(&versions.to_toml()).expect("read back"),
            versions
        );
    }

    #[test]
    fn a_version_is_three_numbers() {
        for bad in ["1.2", "1.2.3.4", "01.2.3", "1.2.x", "1.2.3-alpha", ""] {
            assert_eq!(Version::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Version::parse("10.0.7"),
            Some(Version {
                major: 10,
                minor: 0,
                patch: 7
            })
        );
        let error = CrateVersions::from_toml("[services]\nvpc = \"1.x\"\n").expect_err("bad");
        assert_eq!(
            format!("{error:#}"),
            "vpc = \"1.x\" is not a version (major.minor.patch)"
        );
    }
}
