//! The workspace's declared `rust-version` is true of its locked dependencies: a test reads
//! `cargo metadata` (every package of Cargo.lock, for every platform) and fails when one
//! declares a newer `rust-version` than the workspace, naming each.
//!
//! Cargo does not check this itself: a dependency's `rust-version` is only enforced when that
//! compiler is used, so `cargo update` could raise the real minimum while the manifest kept
//! claiming an older one (the workspace said 1.85 while `time` 0.3.46 needed 1.88).

use std::cmp::Ordering;

/// A Rust version as manifests write it: `1.88` or `1.88.0` (a missing patch is 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct RustVersion {
    major: u64,
    minor: u64,
    patch: u64,
}

impl RustVersion {
    pub fn parse(text: &str) -> Option<RustVersion> {
        let mut parts = text.trim().split('.');
        let major = parts.next()?.parse().ok()?;
        let minor = parts.next().map_or(Some(0), |part| part.parse().ok())?;
        let patch = parts.next().map_or(Some(0), |part| part.parse().ok())?;
        if parts.next().is_some() {
            return None;
        }
        Some(RustVersion {
            major,
            minor,
            patch,
        })
    }
}

impl std::fmt::Display for RustVersion {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The packages of `cargo metadata`'s JSON that declare a newer `rust-version` than
/// `workspace`, as `name version (rust-version X)`, sorted; an unreadable `rust-version` is
/// listed too (it cannot be checked).
pub fn packages_newer_than(
    metadata: &serde_json::Value,
    workspace: RustVersion,
) -> anyhow::Result<Vec<String>> {
    let packages = metadata
        .get("packages")
        .and_then(serde_json::Value::as_array)
        .ok_or_else(|| anyhow::anyhow!("cargo metadata has no packages array"))?;
    let mut newer = Vec::new();
    for package in packages {
        let field = |name: &str| {
            package
                .get(name)
                .and_then(serde_json::Value::as_str)
                .unwrap_or("?")
        };
        let Some(declared) = package
            .get("rust_version")
            .and_then(serde_json::Value::as_str)
        else {
            continue;
        };
        match RustVersion::parse(declared) {
            Some(version) if version.cmp(&workspace) != Ordering::Greater => {}
            Some(_) => newer.push(format!(
                "{} {} (rust-version {declared})",
                field("name"),
                field("version")
            )),
            None => newer.push(format!(
                "{} {} (unreadable rust-version {declared:?})",
                field("name"),
                field("version")
            )),
        }
    }
    newer.sort();
    Ok(newer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cargo_command::cargo_command;
    use crate::codegen::workspace_root;

    /// The workspace's `rust-version` from the root manifest.
    fn workspace_rust_version() -> RustVersion {
        let text = std::fs::read_to_string(workspace_root().join("Cargo.toml"))
            .expect("the root manifest");
        let manifest: toml::Value = toml::from_str(&text).expect("the root manifest parses");
        let declared = manifest
            .get("workspace")
            .and_then(|workspace| workspace.get("package"))
            .and_then(|package| package.get("rust-version"))
            .and_then(toml::Value::as_str)
            .expect("[workspace.package] rust-version");
        RustVersion::parse(declared).expect("a readable rust-version")
    }

    #[test]
    fn no_locked_dependency_needs_a_newer_rust_than_the_workspace_declares() {
        let output = cargo_command()
            .current_dir(workspace_root())
            .args(["metadata", "--format-version", "1", "--locked"])
            .output()
            .expect("cargo metadata runs");
        assert!(
            output.status.success(),
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let metadata: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("cargo metadata's JSON");
        let workspace = workspace_rust_version();
        let newer = packages_newer_than(&metadata, workspace).expect("packages");
        assert!(
            newer.is_empty(),
            "the workspace declares rust-version {workspace}, but these locked packages need more; \
             raise [workspace.package] rust-version in Cargo.toml (or pin them lower):\n  {}",
            newer.join("\n  ")
        );
        // The check sees the lock file's packages (a workspace has a few dozen; the metadata of
        // a fresh checkout without Cargo.lock would have none to check).
        let checked = metadata["packages"].as_array().map_or(0, Vec::len);
        assert!(checked > 100, "only {checked} packages in cargo metadata");
    }

    #[test]
    fn newer_and_unreadable_rust_versions_are_named() {
        let metadata = serde_json::json!({"packages": [
            {"name": "old", "version": "1.0.0", "rust_version": "1.70"},
            {"name": "same", "version": "2.0.0", "rust_version": "1.88.0"},
            {"name": "newer", "version": "0.3.0", "rust_version": "1.89"},
            {"name": "patch-newer", "version": "0.1.0", "rust_version": "1.88.1"},
            {"name": "garbled", "version": "0.1.0", "rust_version": "one"},
            {"name": "none", "version": "0.1.0", "rust_version": null},
        ]});
        let workspace = RustVersion::parse("1.88").expect("a version");
        assert_eq!(
            packages_newer_than(&metadata, workspace).expect("packages"),
            [
                "garbled 0.1.0 (unreadable rust-version \"one\")",
                "newer 0.3.0 (rust-version 1.89)",
                "patch-newer 0.1.0 (rust-version 1.88.1)",
            ]
        );
    }

    #[test]
    fn versions_compare_by_number_not_by_text() {
        let parse = |text| RustVersion::parse(text).expect(text);
        assert!(parse("1.100") > parse("1.88"));
        assert_eq!(parse("1.88"), parse("1.88.0"));
        assert_eq!(RustVersion::parse("1.88.0.1"), None);
        assert_eq!(RustVersion::parse(""), None);
    }
}
