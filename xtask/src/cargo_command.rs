//! The one way xtask starts cargo: the cargo that runs xtask, in an environment without the
//! variables `cargo run` sets for xtask itself.
//!
//! `cargo xtask` is `cargo run -p xtask`, so xtask's environment has `CARGO_MANIFEST_DIR`,
//! `CARGO_PKG_NAME` and the like, all naming xtask. A child cargo passes them on to build
//! scripts, and a build script that watches one (ring's watches `CARGO_MANIFEST_DIR`) reruns,
//! so everything above it, reqwest, the runtime and every service crate, was rebuilt by
//! `contract-test` after `cargo test` had built it (and again by the next plain `cargo build`):
//! about six minutes of CI each time.

use std::process::Command;

/// Variables `cargo run` sets for the program it runs, by exact name.
const VARIABLES_SET_BY_CARGO_RUN: &[&str] = &[
    "CARGO_MANIFEST_DIR",
    "CARGO_MANIFEST_PATH",
    "CARGO_MANIFEST_LINKS",
    "CARGO_CRATE_NAME",
    "CARGO_BIN_NAME",
    "CARGO_PRIMARY_PACKAGE",
    "CARGO_TARGET_TMPDIR",
    "CARGO_RUSTC_CURRENT_DIR",
];

/// Prefixes of the variables `cargo run` sets for the program it runs (`CARGO_PKG_VERSION`, …).
const PREFIXES_SET_BY_CARGO_RUN: &[&str] = &["CARGO_PKG_"];

/// The cargo that runs xtask (`$CARGO`), else `cargo` from the `PATH`.
fn cargo_program() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// `cargo` as xtask starts it: [`cargo_program`] without the variables of `cargo run`.
pub fn cargo_command() -> Command {
    let mut command = Command::new(cargo_program());
    for (name, _) in std::env::vars_os() {
        let Some(name) = name.to_str() else {
            continue;
        };
        if is_set_by_cargo_run(name) {
            command.env_remove(name);
        }
    }
    command
}

fn is_set_by_cargo_run(name: &str) -> bool {
    VARIABLES_SET_BY_CARGO_RUN.contains(&name)
        || PREFIXES_SET_BY_CARGO_RUN
            .iter()
            .any(|prefix| name.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_variables_of_cargo_run_are_recognised_and_others_kept() {
        for name in [
            "CARGO_MANIFEST_DIR",
            "CARGO_PKG_NAME",
            "CARGO_PKG_VERSION_MAJOR",
            "CARGO_CRATE_NAME",
        ] {
            assert!(is_set_by_cargo_run(name), "{name}");
        }
        for name in [
            "CARGO",
            "CARGO_HOME",
            "CARGO_TARGET_DIR",
            "CARGO_INCREMENTAL",
            "RUSTC_WORKSPACE_WRAPPER",
            "PATH",
        ] {
            assert!(!is_set_by_cargo_run(name), "{name}");
        }
    }

    #[test]
    fn a_child_cargo_does_not_see_the_variables_of_cargo_run() {
        // The tests run under cargo, which sets CARGO_MANIFEST_DIR for them as `cargo run`
        // does for xtask.
        assert!(std::env::var_os("CARGO_MANIFEST_DIR").is_some());
        let command = cargo_command();
        let removed: Vec<_> = command
            .get_envs()
            .filter(|(_, value)| value.is_none())
            .map(|(name, _)| name.to_string_lossy().into_owned())
            .collect();
        assert!(
            removed.iter().any(|name| name == "CARGO_MANIFEST_DIR"),
            "{removed:?}"
        );
        assert!(!removed.iter().any(|name| name == "CARGO_HOME"));
    }
}
