//! `cargo xtask release`: the next version of every published crate, decided by spec-diff.
//!
//! Each service's spec is compared with the spec of the last release (the newest tag
//! `otc-client-v<version>` reachable from `HEAD`); the crate's version is bumped by the
//! report's verdict (breaking → major, or minor while 0.x; compatible → minor, or patch while
//! 0.x; documentation and constraints → patch), from the version it had at that tag, so running
//! the command twice gives the same versions. The report becomes the crate's `CHANGELOG.md`
//! entry; the façade `otc-client`, which re-exports every service crate, is bumped by the
//! largest of them (a service added: minor; removed: major) and its changelog lists them. The
//! versions are written to `generated-client/versions.toml` and into the manifests. Git is only
//! read: committing and tagging are left to the person releasing, after review.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context;
use otc_codegen::generate::ir::GenerateSettings;
use otc_codegen::generate::module_lists::service_crate_name;
use otc_codegen::service_catalog::CatalogService;
use otc_codegen::spec_diff::{diff_specs, parse_spec, SemverBump};

use crate::client_crates::{
    write_facade_manifest, write_service_manifest, ManifestVersions, SERVICE_CRATES_DIRECTORY,
};
use crate::codegen::load_services;
use crate::crate_versions::{
    runtime_version, CrateVersions, Version, FIRST_VERSION, VERSIONS_FILE,
};
use crate::files::{ensure_file_contents, Mode};
use crate::git;

/// The prefix of release tags; the rest is the façade's version.
pub const RELEASE_TAG_PREFIX: &str = "otc-client-v";

/// What changed in one crate since the last release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrateChange {
    /// Not released before (no last release, or not in it).
    First,
    /// spec-diff's verdict on its spec, and its report.
    Changed { bump: SemverBump, report: String },
    /// Released before, no longer in the catalog.
    Removed,
}

/// One crate's release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateRelease {
    pub crate_name: String,
    /// `None` for a crate that was not released before.
    pub previous_version: Option<Version>,
    pub version: Version,
    pub change: CrateChange,
}

impl CrateRelease {
    /// Whether the release has anything to publish for the crate.
    fn is_new_version(&self) -> bool {
        self.previous_version != Some(self.version) && self.change != CrateChange::Removed
    }
}

/// Everything a release decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleasePlan {
    /// The tag of the last release, if there was one.
    pub previous_tag: Option<String>,
    pub services: Vec<CrateRelease>,
    pub facade: CrateRelease,
    /// Whether `generated-client/runtime` changed since the last release: its version is set by
    /// hand.
    pub runtime_changed: bool,
}

impl ReleasePlan {
    /// The tag this release is to get.
    pub fn tag(&self) -> String {
        format!("{RELEASE_TAG_PREFIX}{}", self.facade.version)
    }

    /// Whether anything is to be published.
    pub fn has_changes(&self) -> bool {
        self.facade.is_new_version() || self.services.iter().any(CrateRelease::is_new_version)
    }
}

/// Runs `cargo xtask release` (no arguments) in the workspace.
pub fn run(arguments: &[&str]) -> anyhow::Result<()> {
    if !arguments.is_empty() {
        anyhow::bail!("cargo xtask release takes no arguments, got {arguments:?}");
    }
    let root = crate::codegen::workspace_root();
    let plan = release_in(&root)?;
    print!("{}", describe(&plan));
    Ok(())
}

/// Decides the release of the checkout at `root` and writes it: versions, changelogs and
/// manifests. Nothing is written when nothing changed since the last release.
pub fn release_in(root: &Path) -> anyhow::Result<ReleasePlan> {
    let plan = plan_release(root)?;
    if plan.has_changes() {
        write_release(root, &plan)?;
    }
    Ok(plan)
}

/// The newest `otc-client-v<version>` tag reachable from `HEAD`, with its version.
fn last_release_tag(root: &Path) -> anyhow::Result<Option<(Version, String)>> {
    let pattern = format!("{RELEASE_TAG_PREFIX}*");
    let tags = git::git_text(Some(root), &["tag", "--list", &pattern, "--merged", "HEAD"])?;
    Ok(tags
        .lines()
        .filter_map(|tag| {
            let version = Version::parse(tag.strip_prefix(RELEASE_TAG_PREFIX)?)?;
            Some((version, tag.to_owned()))
        })
        .max())
}

/// How a change's size reads in changelogs and the command's output.
fn change_words(bump: SemverBump) -> &'static str {
    match bump {
        SemverBump::Major => "breaking changes",
        SemverBump::Minor => "compatible changes",
        SemverBump::Patch => "patch-level changes",
        SemverBump::None => "no changes",
    }
}

/// Bumps `version` by `bump`, one place lower while the major version is 0 (cargo treats 0.x's
/// minor version as its major one).
pub fn bumped(version: Version, bump: SemverBump) -> Version {
    let effective = if version.major == 0 {
        bump.before_1_0()
    } else {
        bump
    };
    match effective {
        SemverBump::None => version,
        SemverBump::Patch => Version {
            patch: version.patch + 1,
            ..version
        },
        SemverBump::Minor => Version {
            minor: version.minor + 1,
            patch: 0,
            ..version
        },
        SemverBump::Major => Version {
            major: version.major + 1,
            minor: 0,
            patch: 0,
        },
    }
}

fn plan_release(root: &Path) -> anyhow::Result<ReleasePlan> {
    let catalog = load_services(root)?;
    let current_versions = CrateVersions::load(root)?;
    let previous = last_release_tag(root)?;
    let previous_versions = match &previous {
        Some((_, tag)) => match git::text_at_revision(Some(root), tag, VERSIONS_FILE)? {
            Some(text) => CrateVersions::from_toml(&text)
                .with_context(|| format!("reading {tag}:{VERSIONS_FILE}"))?,
            None => CrateVersions::default(),
        },
        None => CrateVersions::default(),
    };
    let mut services = Vec::new();
    let mut facade_bump = SemverBump::None;
    for service in catalog.imported_services() {
        let release = plan_service(
            root,
            service,
            previous.as_ref(),
            &previous_versions,
            &current_versions,
        )?;
        facade_bump = facade_bump.max(match &release.change {
            // A new feature of the façade.
            CrateChange::First if previous.is_some() => SemverBump::Minor,
            CrateChange::First | CrateChange::Removed => SemverBump::None,
            CrateChange::Changed { bump, .. } => *bump,
        });
        services.push(release);
    }
    // A service released before and gone now: its feature of the façade is gone.
    if previous.is_some() {
        for (id, version) in &previous_versions.services {
            if !catalog.imported_services().any(|service| &service.id == id) {
                facade_bump = SemverBump::Major;
                services.push(CrateRelease {
                    crate_name: service_crate_name(id),
                    previous_version: Some(*version),
                    version: *version,
                    change: CrateChange::Removed,
                });
            }
        }
    }
    let facade = match &previous {
        Some((tag_version, _)) => {
            // The tag names the façade's version; its versions.toml says the same unless it
            // was written by hand.
            let base = previous_versions.facade.max(*tag_version);
            CrateRelease {
                crate_name: "otc-client".to_owned(),
                previous_version: Some(base),
                version: bumped(base, facade_bump),
                change: CrateChange::Changed {
                    bump: facade_bump,
                    report: facade_report(&services),
                },
            }
        }
        None => CrateRelease {
            crate_name: "otc-client".to_owned(),
            previous_version: None,
            version: current_versions.facade,
            change: CrateChange::First,
        },
    };
    let runtime_changed = match &previous {
        Some((_, tag)) => !git::git_output(
            Some(root),
            &["diff", "--quiet", tag, "--", "generated-client/runtime"],
        )?
        .status
        .success(),
        None => false,
    };
    Ok(ReleasePlan {
        previous_tag: previous.map(|(_, tag)| tag),
        services,
        facade,
        runtime_changed,
    })
}

fn plan_service(
    root: &Path,
    service: &CatalogService,
    previous: Option<&(Version, String)>,
    previous_versions: &CrateVersions,
    current_versions: &CrateVersions,
) -> anyhow::Result<CrateRelease> {
    let crate_name = service_crate_name(&service.module);
    let spec_path = format!("spec/{}", service.spec);
    let Some((_, tag)) = previous else {
        return Ok(CrateRelease {
            crate_name,
            previous_version: None,
            version: current_versions.service(&service.id),
            change: CrateChange::First,
        });
    };
    let Some(old_text) = git::text_at_revision(Some(root), tag, &spec_path)? else {
        return Ok(CrateRelease {
            crate_name,
            previous_version: None,
            version: FIRST_VERSION,
            change: CrateChange::First,
        });
    };
    let new_text = std::fs::read_to_string(root.join(&spec_path))
        .with_context(|| format!("reading {spec_path}"))?;
    let old = parse_spec(&old_text).with_context(|| format!("parsing {tag}:{spec_path}"))?;
    let new = parse_spec(&new_text).with_context(|| format!("parsing {spec_path}"))?;
    let diff = diff_specs(&old, &new, &GenerateSettings::otc_service(&service.id))
        .with_context(|| format!("comparing {tag}:{spec_path} with {spec_path}"))?;
    let bump = diff.semver_bump();
    let base = previous_versions.service(&service.id);
    Ok(CrateRelease {
        crate_name,
        previous_version: Some(base),
        version: bumped(base, bump),
        change: CrateChange::Changed {
            bump,
            report: without_legend(&diff.to_string()),
        },
    })
}

/// spec-diff's report without its legend of the impacts, which every report repeats: a
/// changelog says it once at most.
fn without_legend(report: &str) -> String {
    let mut kept = String::new();
    let mut in_legend = false;
    for line in report.lines() {
        if line.starts_with("Legend (") {
            in_legend = true;
        } else if in_legend && line.is_empty() {
            in_legend = false;
            continue;
        }
        if !in_legend {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    kept
}

/// Writes versions, changelogs and manifests.
fn write_release(root: &Path, plan: &ReleasePlan) -> anyhow::Result<()> {
    let catalog = load_services(root)?;
    let mut versions = CrateVersions {
        facade: plan.facade.version,
        services: BTreeMap::new(),
    };
    let services: Vec<&CatalogService> = catalog.imported_services().collect();
    for (service, release) in services.iter().zip(&plan.services) {
        versions
            .services
            .insert(service.id.clone(), release.version);
        if release.is_new_version() {
            let path = root
                .join(SERVICE_CRATES_DIRECTORY)
                .join(&service.module)
                .join("CHANGELOG.md");
            write_changelog_entry(&path, release, plan.previous_tag.as_deref())?;
        }
    }
    ensure_file_contents(Mode::Write, &root.join(VERSIONS_FILE), &versions.to_toml())?;
    let manifest_versions = ManifestVersions {
        crates: versions,
        runtime: runtime_version(root)?,
    };
    for service in &services {
        write_service_manifest(root, service, &manifest_versions, Mode::Write)?;
    }
    write_facade_manifest(root, &services, &manifest_versions, Mode::Write)?;
    if plan.facade.is_new_version() {
        write_changelog_entry(
            &root.join("generated-client/CHANGELOG.md"),
            &plan.facade,
            plan.previous_tag.as_deref(),
        )?;
    }
    Ok(())
}

/// The façade's entry: each service crate's version change.
fn facade_report(services: &[CrateRelease]) -> String {
    let mut report = String::new();
    for release in services {
        let change = match &release.change {
            CrateChange::First => "new".to_owned(),
            CrateChange::Removed => "removed".to_owned(),
            CrateChange::Changed { bump, .. } => change_words(*bump).to_owned(),
        };
        if release.is_new_version() || release.change == CrateChange::Removed {
            let previous = release
                .previous_version
                .map(|version| format!("{version} → "))
                .unwrap_or_default();
            let _ = writeln!(
                report,
                "  {:<24} {previous}{} ({change})",
                release.crate_name, release.version
            );
        }
    }
    report
}

/// The heading of a version's changelog entry.
fn entry_heading(release: &CrateRelease, previous_tag: Option<&str>) -> String {
    match previous_tag {
        Some(tag) => format!("## {} (since {tag})", release.version),
        None => format!("## {}", release.version),
    }
}

/// Adds the release's entry at the top of `path` (created with its heading when missing), or
/// replaces the entry of the same version when a release is decided again.
fn write_changelog_entry(
    path: &Path,
    release: &CrateRelease,
    previous_tag: Option<&str>,
) -> anyhow::Result<()> {
    let heading = entry_heading(release, previous_tag);
    let body = match &release.change {
        CrateChange::First => "First release.\n".to_owned(),
        CrateChange::Removed => "Removed.\n".to_owned(),
        CrateChange::Changed { bump, report } => {
            let words = change_words(*bump);
            let bump_line = match release.previous_version {
                Some(previous) => format!("{words}: {previous} → {}", release.version),
                None => words.to_owned(),
            };
            format!("{bump_line}.\n\n```text\n{}\n```\n", report.trim_end())
        }
    };
    let entry = format!("{heading}\n\n{body}\n");
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => format!(
            "# Changelog of {}\n\nWritten by `cargo xtask release`, newest first: each version's \
             changes as spec-diff reports them against the spec of the release before.\n\n",
            release.crate_name
        ),
        Err(error) => return Err(error).with_context(|| format!("reading {}", path.display())),
    };
    let version_heading = format!("## {} ", release.version);
    let version_heading_alone = format!("## {}\n", release.version);
    let entries_start = existing
        .find("\n## ")
        .map_or(existing.len(), |index| index + 1);
    let (head, entries) = existing.split_at(entries_start);
    // The entry of this version, if the release was decided before: replaced.
    let rest =
        if entries.starts_with(&version_heading) || entries.starts_with(&version_heading_alone) {
            entries
                .get(1..)
                .and_then(|after| after.find("\n## "))
                .map_or("", |index| &entries[index + 2..])
        } else {
            entries
        };
    let mut text = head.to_owned();
    if !text.ends_with("\n\n") {
        text.push('\n');
    }
    text.push_str(&entry);
    text.push_str(rest);
    let text = format!("{}\n", text.trim_end_matches('\n'));
    ensure_file_contents(Mode::Write, path, &text)
}

/// What the command prints: every crate's version, and what to do next.
pub fn describe(plan: &ReleasePlan) -> String {
    let mut text = String::new();
    match &plan.previous_tag {
        Some(tag) => {
            let _ = writeln!(text, "Release {} (last release {tag}):", plan.tag());
        }
        None => {
            let _ = writeln!(text, "First release, {}:", plan.tag());
        }
    }
    if !plan.has_changes() {
        let _ = writeln!(
            text,
            "nothing changed since the last release: no crate gets a new version"
        );
        return text;
    }
    for release in std::iter::once(&plan.facade).chain(&plan.services) {
        let change = match &release.change {
            CrateChange::First => "first release".to_owned(),
            CrateChange::Removed => "removed from the catalog".to_owned(),
            CrateChange::Changed { bump, .. } => change_words(*bump).to_owned(),
        };
        let previous = release
            .previous_version
            .map(|version| format!("{version} → "))
            .unwrap_or_default();
        let _ = writeln!(
            text,
            "  {:<24} {previous}{} ({change})",
            release.crate_name, release.version
        );
    }
    if plan.runtime_changed {
        let _ = writeln!(
            text,
            "generated-client/runtime changed since the last release: set its version in \
             generated-client/runtime/Cargo.toml by hand, then run `cargo xtask codegen`"
        );
    }
    let _ = writeln!(
        text,
        "Written: {VERSIONS_FILE}, the manifests and each changed crate's CHANGELOG.md. Review, commit, then:\n  git tag {}\n  cargo publish --workspace",
        plan.tag()
    );
    text
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::*;
    use crate::git::{commit_all, init_repository};

    fn spec(title: &str, operations: &[(&str, &str, &str)]) -> String {
        let mut text = format!(
            "openapi: 3.0.3\ninfo: {{title: {title}, version: '1'}}\nservers:\n- url: https://{title}.{{region}}.otc.t-systems.com\n  variables:\n    region: {{default: eu-de, enum: [eu-de]}}\npaths:\n"
        );
        for (path, operation_id, name_type) in operations {
            text.push_str(&format!(
                "  {path}:\n    get:\n      operationId: {operation_id}\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  name: {{type: {name_type}}}\n"
            ));
        }
        text
    }

    fn catalog_entry(id: &str) -> String {
        format!(
            "[[service]]\nid = \"{id}\"\ntitle = \"{id}\"\nversion = \"1\"\n[service.server]\nurl = \"https://{id}.{{region}}.otc.t-systems.com\"\n\n"
        )
    }

    fn write(root: &Path, path: &str, text: &str) {
        let path = root.join(path);
        fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
        fs::write(path, text).expect("written");
    }

    fn read(root: &Path, path: &str) -> String {
        fs::read_to_string(root.join(path)).unwrap_or_else(|error| panic!("{path}: {error}"))
    }

    fn tag(root: &Path, tag: &str) {
        git::git_bytes(Some(root), &["tag", tag]).expect("tagged");
    }

    fn summary(plan: &ReleasePlan) -> Vec<String> {
        std::iter::once(&plan.facade)
            .chain(&plan.services)
            .map(|release| {
                format!(
                    "{} {} → {}",
                    release.crate_name,
                    release
                        .previous_version
                        .map_or("-".to_owned(), |version| version.to_string()),
                    release.version
                )
            })
            .collect()
    }

    /// Two releases of a repository of three services: the first keeps every version, the
    /// second bumps each crate by its spec's change (a 0.x crate with an added operation, a
    /// 1.x crate with a changed field type, an unchanged one) and the façade by the largest.
    #[test]
    fn two_releases_version_each_crate_by_its_spec_diff() {
        let directory = tempfile::tempdir().expect("a temporary folder");
        let root = directory.path();
        init_repository(root);
        write(
            root,
            "spec/services.toml",
            &["pets", "toys", "stable"].map(catalog_entry).concat(),
        );
        let pets_v1 = spec("pets", &[("/v1/pets", "ListPets", "string")]);
        write(root, "spec/pets.openapi.yaml", &pets_v1);
        write(
            root,
            "spec/toys.openapi.yaml",
            &spec("toys", &[("/v1/toys", "ListToys", "string")]),
        );
        write(
            root,
            "spec/stable.openapi.yaml",
            &spec("stable", &[("/v1/things", "ListThings", "string")]),
        );
        write(
            root,
            "generated-client/runtime/Cargo.toml",
            "[package]\nname = \"otc-client-runtime\"\nversion = \"0.4.0\"\n",
        );
        write(
            root,
            VERSIONS_FILE,
            "otc-client = \"0.1.0\"\n[services]\ntoys = \"1.2.3\"\n",
        );
        commit_all(root, "first", "2026-01-01T00:00:00Z");

        // The first release: nothing to compare with, every crate at its version.
        let first = release_in(root).expect("the first release");
        assert_eq!(first.previous_tag, None);
        assert_eq!(
            summary(&first),
            [
                "otc-client - → 0.1.0",
                "otc-pets - → 0.1.0",
                "otc-toys - → 1.2.3",
                "otc-stable - → 0.1.0"
            ]
        );
        assert_eq!(first.tag(), "otc-client-v0.1.0");
        assert!(
            read(root, "generated-client/services/toys/Cargo.toml").contains("version = \"1.2.3\"")
        );
        assert!(read(root, "generated-client/services/toys/Cargo.toml")
            .contains("otc-client-runtime = { path = \"../../runtime\", version = \"0.4.0\" }"));
        assert_eq!(
            read(root, "generated-client/services/pets/CHANGELOG.md"),
            "# Changelog of otc-pets\n\nWritten by `cargo xtask release`, newest first: each version's changes as spec-diff reports them against the spec of the release before.\n\n## 0.1.0\n\nFirst release.\n"
        );
        commit_all(root, "release 0.1.0", "2026-01-02T00:00:00Z");
        tag(root, "otc-client-v0.1.0");

        // The second: an operation added to pets, a field's type changed in toys, the runtime
        // touched.
        write(
            root,
            "spec/pets.openapi.yaml",
            &spec("pets", &[("/v1/pets", "ListPets", "string"), ("/v1/pets/{pet_id}", "ShowPet", "string")])
                .replace("/v1/pets/{pet_id}:\n    get:\n", "/v1/pets/{pet_id}:\n    get:\n      parameters:\n      - {name: pet_id, in: path, required: true, schema: {type: string}}\n"),
        );
        write(
            root,
            "spec/toys.openapi.yaml",
            &spec("toys", &[("/v1/toys", "ListToys", "integer")]),
        );
        write(
            root,
            "generated-client/runtime/src/lib.rs",
            "//! Changed.\n",
        );
        commit_all(root, "specs changed", "2026-02-01T00:00:00Z");
        let second = release_in(root).expect("the second release");
        assert_eq!(second.previous_tag.as_deref(), Some("otc-client-v0.1.0"));
        assert_eq!(
            summary(&second),
            [
                "otc-client 0.1.0 → 0.2.0",
                "otc-pets 0.1.0 → 0.1.1",
                "otc-toys 1.2.3 → 2.0.0",
                "otc-stable 0.1.0 → 0.1.0"
            ]
        );
        assert!(second.runtime_changed);
        assert_eq!(
            read(root, VERSIONS_FILE)
                .lines()
                .skip_while(|line| line.starts_with('#'))
                .collect::<Vec<_>>(),
            [
                "otc-client = \"0.2.0\"",
                "",
                "[services]",
                "pets = \"0.1.1\"",
                "stable = \"0.1.0\"",
                "toys = \"2.0.0\""
            ]
        );
        let facade = read(root, "generated-client/Cargo.toml");
        assert!(facade.contains("version = \"0.2.0\""), "{facade}");
        assert!(
            facade.contains(
                "otc-toys = { path = \"services/toys\", version = \"2.0.0\", optional = true }"
            ),
            "{facade}"
        );
        let toys_changelog = read(root, "generated-client/services/toys/CHANGELOG.md");
        assert!(toys_changelog.contains("## 2.0.0 (since otc-client-v0.1.0)\n\nbreaking changes: 1.2.3 → 2.0.0.\n\n```text\n"), "{toys_changelog}");
        assert!(toys_changelog.contains("BREAKING"), "{toys_changelog}");
        assert!(
            toys_changelog.contains("semver: breaking → major"),
            "{toys_changelog}"
        );
        assert!(!toys_changelog.contains("Legend"), "{toys_changelog}");
        assert!(
            toys_changelog.ends_with("## 1.2.3\n\nFirst release.\n"),
            "{toys_changelog}"
        );
        let pets_changelog = read(root, "generated-client/services/pets/CHANGELOG.md");
        assert!(
            pets_changelog.contains(
                "## 0.1.1 (since otc-client-v0.1.0)\n\ncompatible changes: 0.1.0 → 0.1.1."
            ),
            "{pets_changelog}"
        );
        assert!(
            pets_changelog.contains("Operations added (1):"),
            "{pets_changelog}"
        );
        // Unchanged: no new entry.
        assert_eq!(
            read(root, "generated-client/services/stable/CHANGELOG.md")
                .matches("\n## ")
                .count(),
            1
        );
        let facade_changelog = read(root, "generated-client/CHANGELOG.md");
        assert!(facade_changelog.contains("## 0.2.0 (since otc-client-v0.1.0)\n\nbreaking changes: 0.1.0 → 0.2.0.\n\n```text\n  otc-pets                 0.1.0 → 0.1.1 (compatible changes)\n  otc-toys                 1.2.3 → 2.0.0 (breaking changes)\n```"), "{facade_changelog}");

        // Decided again before the tag: the same versions, the entries replaced, not repeated.
        let files = |root: &Path| {
            [
                "generated-client/services/toys/CHANGELOG.md",
                "generated-client/CHANGELOG.md",
                VERSIONS_FILE,
                "generated-client/Cargo.toml",
            ]
            .map(|path| read(root, path))
        };
        let before = files(root);
        let again = release_in(root).expect("the same release");
        assert_eq!(summary(&again), summary(&second));
        assert_eq!(files(root), before);

        // Tagged: nothing left to release.
        commit_all(root, "release 0.2.0", "2026-02-02T00:00:00Z");
        tag(root, "otc-client-v0.2.0");
        let third = release_in(root).expect("nothing to release");
        assert!(!third.has_changes());
        assert_eq!(summary(&third)[0], "otc-client 0.2.0 → 0.2.0");
        assert!(describe(&third).contains("nothing changed since the last release"));
        assert_eq!(files(root), before);
    }

    #[test]
    fn versions_bump_one_place_lower_before_1_0() {
        let version = |text| Version::parse(text).expect(text);
        let cases = [
            ("0.3.4", SemverBump::Major, "0.4.0"),
            ("0.3.4", SemverBump::Minor, "0.3.5"),
            ("0.3.4", SemverBump::Patch, "0.3.5"),
            ("0.3.4", SemverBump::None, "0.3.4"),
            ("1.3.4", SemverBump::Major, "2.0.0"),
            ("1.3.4", SemverBump::Minor, "1.4.0"),
            ("1.3.4", SemverBump::Patch, "1.3.5"),
        ];
        for (from, bump, to) in cases {
            assert_eq!(bumped(version(from), bump).to_string(), to, "{from} {bump}");
        }
    }
}
