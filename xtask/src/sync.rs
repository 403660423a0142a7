//! `cargo xtask sync <service> --from <repository> [--rev <commit>]`: the loop that keeps a
//! service current with its doc repository.
//!
//! The repository (a URL or a local path) is fetched into a temporary folder at the commit
//! (`--rev`, else its `HEAD`); the `.rst` pages of its `api-ref/source/` replace the service's
//! vendored pages byte for byte (pages upstream no longer has are removed; the folder's own
//! files, `README.md`, `LICENSE-doc-exports` and pages of another source, stay), as the pages
//! were vendored in the first place (images, `conf.py` and `docutils.conf` are left out: the
//! importer reads none of them). The provenance follows: the commit and its date in the
//! folder's `README.md`, the date as the service's `version` in `spec/services.toml` (its
//! `upstream` too when the URL names another GitHub repository). Then everything is
//! regenerated (`cargo xtask codegen`: spec, import summary, `spec/COVERAGE.md`, crate) and
//! spec-diff's report of the spec's change, with its semver verdict, is printed for the pull
//! request.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use otc_codegen::generate::ir::GenerateSettings;
use otc_codegen::service_catalog::CatalogService;
use otc_codegen::spec_diff::{diff_specs, parse_spec};

use crate::codegen::{generate_in, load_services};
use crate::files::{ensure_file_contents, write_vendored_file, Mode};
use crate::git::{git_bytes, git_output, git_text};

/// The folder of a doc repository that holds the API reference.
pub const API_REFERENCE_FOLDER: &str = "api-ref/source";

const USAGE: &str =
    "cargo xtask sync <service> --from <git repository URL or path> [--rev <commit>]";

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncOutcome {
    pub service_id: String,
    /// The repository the pages are recorded as coming from (`owner/name`).
    pub upstream: String,
    pub commit: String,
    /// The commit's date, `YYYY-MM-DD`: the service's `version`.
    pub date: String,
    pub pages: usize,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<String>,
    /// spec-diff's report of the spec before and after (its last line is the semver verdict),
    /// or why there is none.
    pub report: String,
}

impl SyncOutcome {
    /// The text for a pull request.
    pub fn describe(&self) -> String {
        let mut text = format!(
            "spec/sources/{}: {} at {} ({}): {} pages; {} added, {} removed, {} changed\n",
            self.service_id,
            self.upstream,
            self.commit,
            self.date,
            self.pages,
            self.added.len(),
            self.removed.len(),
            self.changed.len()
        );
        for (label, pages) in [
            ("added", &self.added),
            ("removed", &self.removed),
            ("changed", &self.changed),
        ] {
            for page in pages {
                let _ = writeln!(text, "  {label:<8} {page}");
            }
        }
        let _ = write!(
            text,
            "\nSpec, import summary, spec/COVERAGE.md and crate regenerated. API changes of {}:\n\n{}",
            self.service_id, self.report
        );
        text
    }
}

/// Runs the command with the arguments after `sync`.
pub fn run(arguments: &[&str]) -> anyhow::Result<()> {
    let mut service = None;
    let mut from = None;
    let mut revision = None;
    let mut rest = arguments.iter();
    while let Some(argument) = rest.next() {
        match *argument {
            "--from" => from = rest.next().copied(),
            "--rev" => revision = rest.next().copied(),
            other if service.is_none() && !other.starts_with("--") => service = Some(other),
            other => bail!("unexpected argument {other:?}\nusage: {USAGE}"),
        }
    }
    let (Some(service), Some(from)) = (service, from) else {
        bail!("sync needs a service and --from <repository>\nusage: {USAGE}");
    };
    let outcome = sync_service(&crate::codegen::workspace_root(), service, from, revision)?;
    print!("{}", outcome.describe());
    Ok(())
}

/// Syncs `service_id` of the checkout at `root` from the repository `from` at `revision`.
pub fn sync_service(
    root: &Path,
    service_id: &str,
    from: &str,
    revision: Option<&str>,
) -> anyhow::Result<SyncOutcome> {
    let catalog = load_services(root)?;
    let Some(service) = catalog
        .service
        .iter()
        .find(|service| service.id == service_id)
    else {
        let ids: Vec<&str> = catalog
            .service
            .iter()
            .map(|service| service.id.as_str())
            .collect();
        bail!(
            "no service {service_id} in spec/services.toml (the services: {})",
            ids.join(", ")
        );
    };
    let checkout = tempfile::tempdir().context("a temporary folder for the repository")?;
    let commit = fetch(checkout.path(), from, revision)?;
    let date = git_text(
        Some(checkout.path()),
        &["show", "-s", "--format=%cs", &commit],
    )?;
    let pages = upstream_pages(checkout.path(), &commit)?;
    let source_folder = root.join("spec").join(&service.sources);
    let (added, removed, changed) = revendor(&source_folder, &pages)?;
    let upstream =
        upstream_name(from).unwrap_or_else(|| service.upstream.clone().unwrap_or_default());
    record_provenance(root, service, &upstream, &commit, &date)?;

    let spec_path = root.join("spec").join(&service.spec);
    let old_spec = fs::read_to_string(&spec_path).ok();
    generate_in(root, Mode::Write).with_context(|| {
        format!(
            "the pages of {service_id} are re-vendored at {commit}, but regenerating failed: correct the pages in spec/overrides/{service_id}.toml (or leave them out with [[skip_page]]), then run `cargo xtask codegen`"
        )
    })?;
    let report = spec_report(service, old_spec.as_deref(), &spec_path)?;
    Ok(SyncOutcome {
        service_id: service_id.to_owned(),
        upstream,
        commit,
        date,
        pages: pages.len(),
        added,
        removed,
        changed,
        report,
    })
}

/// Fetches `from` into the empty folder `checkout` and returns the commit: `revision`
/// (a commit, branch or tag), else the repository's `HEAD`. Only that commit is fetched where
/// the repository allows it (GitHub does), everything otherwise.
fn fetch(checkout: &Path, from: &str, revision: Option<&str>) -> anyhow::Result<String> {
    // A local path is taken from the current folder, not from the temporary one git runs in.
    let from = match Path::new(from).canonicalize() {
        Ok(path) if path.is_dir() => path.to_string_lossy().into_owned(),
        _ => from.to_owned(),
    };
    git_bytes(Some(checkout), &["init", "--quiet", "--bare"])?;
    let wanted = revision.unwrap_or("HEAD");
    let shallow = git_output(
        Some(checkout),
        &["fetch", "--quiet", "--depth", "1", &from, wanted],
    )?;
    let commit = if shallow.status.success() {
        "FETCH_HEAD^{commit}".to_owned()
    } else {
        git_bytes(
            Some(checkout),
            &[
                "fetch",
                "--quiet",
                &from,
                "+refs/heads/*:refs/heads/*",
                "+refs/tags/*:refs/tags/*",
            ],
        )
        .with_context(|| format!("fetching {from}"))?;
        format!("{wanted}^{{commit}}")
    };
    git_text(Some(checkout), &["rev-parse", "--verify", &commit])
        .with_context(|| format!("{wanted} is no commit of {from}"))
}

/// The `.rst` pages under [`API_REFERENCE_FOLDER`] at `commit`: path relative to it → bytes.
fn upstream_pages(checkout: &Path, commit: &str) -> anyhow::Result<BTreeMap<String, Vec<u8>>> {
    let listing = git_bytes(
        Some(checkout),
        &[
            "ls-tree",
            "-r",
            "-z",
            commit,
            "--",
            &format!("{API_REFERENCE_FOLDER}/"),
        ],
    )?;
    let mut pages = BTreeMap::new();
    for entry in listing
        .split(|byte| *byte == 0)
        .filter(|entry| !entry.is_empty())
    {
        let entry = String::from_utf8_lossy(entry);
        // `<mode> <type> <object>\t<path>`
        let Some((description, path)) = entry.split_once('\t') else {
            bail!("unexpected git ls-tree line {entry:?}");
        };
        let fields: Vec<&str> = description.split(' ').collect();
        let [mode, kind, object] = fields.as_slice() else {
            bail!("unexpected git ls-tree line {entry:?}");
        };
        let Some(relative) = path.strip_prefix(&format!("{API_REFERENCE_FOLDER}/")) else {
            continue;
        };
        if !relative.ends_with(".rst") {
            continue;
        }
        if *kind != "blob" || !mode.starts_with("100") {
            bail!("{path} at {commit} is a {kind} of mode {mode}, not a file");
        }
        pages.insert(
            relative.to_owned(),
            git_bytes(Some(checkout), &["cat-file", "blob", object])?,
        );
    }
    if pages.is_empty() {
        bail!("the repository has no .rst page under {API_REFERENCE_FOLDER}/ at {commit}");
    }
    Ok(pages)
}

/// Every `.rst` file under `folder`, relative to it, sorted.
fn vendored_pages(folder: &Path) -> anyhow::Result<Vec<String>> {
    let mut pages = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(directory) = pending.pop() {
        let entries = match fs::read_dir(&directory) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
            Err(error) => {
                return Err(error).with_context(|| format!("reading {}", directory.display()))
            }
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rst") {
                let relative = path.strip_prefix(folder).unwrap_or(&path);
                pages.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    pages.sort();
    Ok(pages)
}

/// Replaces the `.rst` pages of `folder` with `pages`: (added, removed, changed).
fn revendor(
    folder: &Path,
    pages: &BTreeMap<String, Vec<u8>>,
) -> anyhow::Result<(Vec<String>, Vec<String>, Vec<String>)> {
    let mut added = Vec::new();
    let mut removed = Vec::new();
    let mut changed = Vec::new();
    for page in vendored_pages(folder)? {
        if !pages.contains_key(&page) {
            let path = folder.join(&page);
            fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
            remove_empty_folders(folder, path.parent());
            removed.push(page);
        }
    }
    for (page, bytes) in pages {
        let path = folder.join(page);
        match fs::read(&path) {
            Ok(current) if &current == bytes => continue,
            Ok(_) => changed.push(page.clone()),
            Err(_) => added.push(page.clone()),
        }
        write_vendored_file(&path, bytes)?;
    }
    Ok((added, removed, changed))
}

/// Removes `directory` and its parents up to `folder` (excluded) while they are empty.
fn remove_empty_folders(folder: &Path, directory: Option<&Path>) {
    let mut current: Option<PathBuf> = directory.map(Path::to_path_buf);
    while let Some(directory) = current {
        if directory == folder || !directory.starts_with(folder) {
            break;
        }
        // Fails, and stops, at the first folder that is not empty.
        if fs::remove_dir(&directory).is_err() {
            break;
        }
        current = directory.parent().map(Path::to_path_buf);
    }
}

/// `owner/name` of a GitHub repository URL (`https://github.com/owner/name(.git)`).
fn upstream_name(from: &str) -> Option<String> {
    let rest = from
        .strip_prefix("https://github.com/")
        .or_else(|| from.strip_prefix("git@github.com:"))?;
    let rest = rest.trim_end_matches('/');
    let rest = rest.strip_suffix(".git").unwrap_or(rest);
    let (owner, name) = rest.split_once('/')?;
    (!owner.is_empty() && !name.is_empty() && !name.contains('/'))
        .then(|| format!("{owner}/{name}"))
}

/// The commit and date in the folder's README, the date as the service's `version`, and the
/// upstream repository where it changed.
fn record_provenance(
    root: &Path,
    service: &CatalogService,
    upstream: &str,
    commit: &str,
    date: &str,
) -> anyhow::Result<()> {
    let readme_path = root.join("spec").join(&service.sources).join("README.md");
    let readme = fs::read_to_string(&readme_path)
        .with_context(|| format!("reading {}", readme_path.display()))?;
    let mut readme = readme_with_commit(&readme, commit, date).with_context(|| {
        format!(
            "{} names no commit (\"at commit `…`\"): write its provenance by hand",
            readme_path.display()
        )
    })?;
    let catalog_path = root.join("spec/services.toml");
    let catalog = fs::read_to_string(&catalog_path)
        .with_context(|| format!("reading {}", catalog_path.display()))?;
    let mut catalog = catalog_with_field(&catalog, &service.id, "version", date)?;
    if let Some(previous) = &service.upstream {
        if previous != upstream && !upstream.is_empty() {
            readme = readme.replace(&format!("`{previous}`"), &format!("`{upstream}`"));
            catalog = catalog_with_field(&catalog, &service.id, "upstream", upstream)?;
        }
    }
    ensure_file_contents(Mode::Write, &readme_path, &readme)?;
    ensure_file_contents(Mode::Write, &catalog_path, &catalog)
}

/// `readme` with every "at commit `…`" (and the date after it, if any) naming `commit` and
/// `date`; `None` when it names no commit.
fn readme_with_commit(readme: &str, commit: &str, date: &str) -> Option<String> {
    const MARKER: &str = "at commit `";
    let mut text = String::new();
    let mut rest = readme;
    let mut found = false;
    while let Some(start) = rest.find(MARKER) {
        let after_marker = &rest[start + MARKER.len()..];
        let end = after_marker.find('`')?;
        text.push_str(&rest[..start]);
        text.push_str(&format!("{MARKER}{commit}` ({date})"));
        let mut after = &after_marker[end + 1..];
        // A date already there, ` (YYYY-MM-DD)`, is replaced.
        if let Some(date_and_rest) = after.strip_prefix(" (") {
            let is_date = date_and_rest.len() > 11
                && date_and_rest.as_bytes()[10] == b')'
                && date_and_rest[..10]
                    .bytes()
                    .enumerate()
                    .all(|(index, byte)| matches!(index, 4 | 7) == (byte == b'-'));
            if is_date {
                after = &date_and_rest[11..];
            }
        }
        rest = after;
        found = true;
    }
    text.push_str(rest);
    found.then_some(text)
}

/// `catalog` (the text of `spec/services.toml`) with `field = "value"` in the entry of
/// `service_id`, comments and layout kept.
fn catalog_with_field(
    catalog: &str,
    service_id: &str,
    field: &str,
    value: &str,
) -> anyhow::Result<String> {
    let id_line = format!("id = \"{service_id}\"");
    let field_prefix = format!("{field} = ");
    let mut lines: Vec<String> = Vec::new();
    let mut in_entry = false;
    let mut replaced = false;
    for line in catalog.lines() {
        if line.trim() == "[[service]]" {
            in_entry = false;
        }
        if line.trim() == id_line {
            in_entry = true;
        }
        if in_entry && !replaced && line.starts_with(&field_prefix) {
            lines.push(format!("{field_prefix}{}", toml::Value::from(value)));
            replaced = true;
            continue;
        }
        lines.push(line.to_owned());
    }
    if !replaced {
        bail!("spec/services.toml: the entry of {service_id} has no {field} line to update");
    }
    Ok(format!("{}\n", lines.join("\n")))
}

/// spec-diff's report from the spec before to the spec now.
fn spec_report(
    service: &CatalogService,
    old_spec: Option<&str>,
    spec_path: &Path,
) -> anyhow::Result<String> {
    if let Some(reason) = &service.excluded {
        return Ok(format!("not imported ({reason}): no spec to compare\n"));
    }
    let new_text = fs::read_to_string(spec_path)
        .with_context(|| format!("reading {}", spec_path.display()))?;
    let new = parse_spec(&new_text).with_context(|| format!("parsing {}", spec_path.display()))?;
    let old = match old_spec {
        Some(text) => parse_spec(text).context("parsing the spec before the sync")?,
        None => openapiv3::OpenAPI::default(),
    };
    let diff = diff_specs(&old, &new, &GenerateSettings::otc_service(&service.id))
        .context("comparing the spec before and after the sync")?;
    Ok(diff.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::git::{commit_all, init_repository};

    /// A page of the generated format: `GET /v1/{project_id}/pets` (or a pet by id) answering
    /// with these fields.
    fn page(name: &str, title: &str, path: &str, fields: &[&str]) -> String {
        let rows: String = fields
            .iter()
            .map(|field| format!("   {field:<10} String Its {field}.\n"))
            .collect();
        let example: Vec<String> = fields
            .iter()
            .map(|field| format!("\"{field}\" : \"x\""))
            .collect();
        format!(
            ":original_name: {name}.html\n\n.. _{name}:\n\n{title}\n{}\n\nFunction\n--------\n\nThis API is used to {title}.\n\nURI\n---\n\nGET /v1/{{project_id}}{path}\n\n.. table:: **Table 1** Path Parameters\n\n   ========== ========= ====== ===========\n   Parameter  Mandatory Type   Description\n   ========== ========= ====== ===========\n   project_id Yes       String Project ID.\n   ========== ========= ====== ===========\n\nResponse Parameters\n-------------------\n\n**Status code: 200**\n\n.. table:: **Table 2** Response body parameters\n\n   ========== ====== ===========\n   Parameter  Type   Description\n   ========== ====== ===========\n{rows}   ========== ====== ===========\n\nExample Responses\n-----------------\n\n**Status code: 200**\n\nSuccess.\n\n.. code-block::\n\n   {{ {} }}\n\nStatus Codes\n------------\n\n=========== ===========\nStatus Code Description\n=========== ===========\n200         Success.\n=========== ===========\n",
            "=".repeat(title.len()),
            example.join(", ")
        )
    }

    fn write(root: &Path, path: &str, bytes: &[u8]) {
        let path = root.join(path);
        fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
        fs::write(path, bytes).expect("written");
    }

    fn read(root: &Path, path: &str) -> String {
        fs::read_to_string(root.join(path)).unwrap_or_else(|error| panic!("{path}: {error}"))
    }

    /// A checkout with one service, `pets`, vendored from `opentelekomcloud-docs/pets`.
    fn checkout(root: &Path) {
        write(
            root,
            "spec/services.toml",
            b"# The catalog.\n[[service]]\nid = \"pets\"\ntitle = \"Pets\"\nversion = \"2020-01-01\"\nupstream = \"opentelekomcloud-docs/pets\"\n\n[service.server]\nurl = \"https://pets.{region}.otc.t-systems.com\"\n",
        );
        write(
            root,
            "spec/sources/pets/README.md",
            b"# Vendored pages\n\n`api-ref/source/` of `opentelekomcloud-docs/pets` at commit `0000000` (2020-01-01), as the\ndocumentation pipeline converted it.\n",
        );
        write(
            root,
            "spec/sources/pets/LICENSE-doc-exports",
            b"Apache-2.0\n",
        );
        write(
            root,
            "spec/sources/pets/old_page.rst",
            b"Old\n===\n\nGone upstream.\n",
        );
        write(
            root,
            "generated-client/runtime/Cargo.toml",
            b"[package]\nname = \"otc-client-runtime\"\nversion = \"0.1.0\"\n",
        );
    }

    /// The doc repository: a first commit with one operation page, a second that adds a field
    /// to it, adds a page and changes a page with CRLF line endings; images and `conf.py`
    /// beside them.
    fn upstream(repository: &Path) -> (String, String) {
        init_repository(repository);
        let folder = "api-ref/source";
        write(
            repository,
            &format!("{folder}/conf.py"),
            b"project = 'pets'\n",
        );
        write(
            repository,
            &format!("{folder}/_static/images/a.png"),
            &[0x89, b'P', b'N', b'G'],
        );
        write(repository, "README.rst", b"Not the API reference.\n");
        write(
            repository,
            &format!("{folder}/apis/listing_pets.rst"),
            page("ListPets", "Listing Pets", "/pets", &["name"]).as_bytes(),
        );
        write(
            repository,
            &format!("{folder}/change_history.rst"),
            b"Change History\r\n==============\r\n\r\nFirst.\r\n",
        );
        commit_all(repository, "first", "2026-03-01T12:00:00Z");
        let first = git_text(Some(repository), &["rev-parse", "HEAD"]).expect("a commit");
        write(
            repository,
            &format!("{folder}/apis/listing_pets.rst"),
            page("ListPets", "Listing Pets", "/pets", &["name", "color"]).as_bytes(),
        );
        write(
            repository,
            &format!("{folder}/apis/showing_a_pet.rst"),
            page("ShowPet", "Showing a Pet", "/pets/{pet_id}", &["name"])
                .replace(
                    "   project_id Yes       String Project ID.\n",
                    "   project_id Yes       String Project ID.\n   pet_id     Yes       String Pet ID.\n",
                )
                .as_bytes(),
        );
        write(
            repository,
            &format!("{folder}/change_history.rst"),
            b"Change History\r\n==============\r\n\r\nSecond.\r\n",
        );
        commit_all(repository, "second", "2026-04-15T12:00:00Z");
        let second = git_text(Some(repository), &["rev-parse", "HEAD"]).expect("a commit");
        (first, second)
    }

    /// The vendored `.rst` files of `pets` and their bytes.
    fn vendored(root: &Path) -> BTreeMap<String, Vec<u8>> {
        let folder = root.join("spec/sources/pets");
        vendored_pages(&folder)
            .expect("pages")
            .into_iter()
            .map(|page| {
                let bytes = fs::read(folder.join(&page)).expect("a page");
                (page, bytes)
            })
            .collect()
    }

    /// The `.rst` files of the doc repository at `commit`.
    fn upstream_at(repository: &Path, commit: &str) -> BTreeMap<String, Vec<u8>> {
        upstream_pages(repository, commit).expect("pages")
    }

    #[test]
    fn a_sync_revendors_records_regenerates_and_reports() {
        let directory = tempfile::tempdir().expect("a temporary folder");
        let root = directory.path().join("checkout");
        let repository = directory.path().join("pets-docs");
        checkout(&root);
        let (first, second) = upstream(&repository);
        let from = repository.to_string_lossy().into_owned();

        // The first commit, by --rev.
        let outcome = sync_service(&root, "pets", &from, Some(&first)).expect("a sync");
        assert_eq!(
            (outcome.commit.as_str(), outcome.date.as_str()),
            (first.as_str(), "2026-03-01")
        );
        assert_eq!(
            outcome.added,
            ["apis/listing_pets.rst", "change_history.rst"]
        );
        assert_eq!(outcome.removed, ["old_page.rst"]);
        assert!(outcome.changed.is_empty());
        assert_eq!(vendored(&root), upstream_at(&repository, &first));
        // The folder's own files stay; nothing but pages comes over.
        assert!(root.join("spec/sources/pets/LICENSE-doc-exports").exists());
        assert!(!root.join("spec/sources/pets/conf.py").exists());
        assert!(!root.join("spec/sources/pets/_static").exists());
        assert_eq!(
            read(&root, "spec/sources/pets/README.md"),
            format!("# Vendored pages\n\n`api-ref/source/` of `opentelekomcloud-docs/pets` at commit `{first}` (2026-03-01), as the\ndocumentation pipeline converted it.\n")
        );
        assert!(read(&root, "spec/services.toml").contains("\nversion = \"2026-03-01\"\n"));
        assert!(read(&root, "spec/services.toml").starts_with("# The catalog.\n"));
        // Regenerated: spec, summary, coverage, crate.
        let spec = read(&root, "spec/pets.openapi.yaml");
        assert!(spec.contains("operationId: ListPets"), "{spec}");
        assert!(root.join("spec/pets.import-summary.txt").exists());
        assert!(read(&root, "spec/COVERAGE.md").contains("Pets"));
        assert!(root
            .join("generated-client/services/pets/src/generated.rs")
            .exists());
        assert!(
            outcome.report.contains("Operations added (1):"),
            "{}",
            outcome.report
        );

        // The repository's HEAD: a field and a page added, a CRLF page changed.
        let outcome = sync_service(&root, "pets", &from, None).expect("a sync");
        assert_eq!(
            (outcome.commit.as_str(), outcome.date.as_str()),
            (second.as_str(), "2026-04-15")
        );
        assert_eq!(outcome.added, ["apis/showing_a_pet.rst"]);
        assert!(outcome.removed.is_empty());
        assert_eq!(
            outcome.changed,
            ["apis/listing_pets.rst", "change_history.rst"]
        );
        let vendored = vendored(&root);
        assert_eq!(vendored, upstream_at(&repository, &second));
        assert_eq!(
            vendored.get("change_history.rst").map(Vec::as_slice),
            Some(&b"Change History\r\n==============\r\n\r\nSecond.\r\n"[..]),
            "byte for byte, line endings included"
        );
        assert!(read(&root, "spec/sources/pets/README.md")
            .contains(&format!("at commit `{second}` (2026-04-15), as the")));
        let report = &outcome.report;
        assert!(report.contains("Operations added (1):"), "{report}");
        assert!(report.contains("ShowPet"), "{report}");
        assert!(report.contains("`color`"), "{report}");
        assert!(
            report.contains("semver: additions → minor (0.x: patch)"),
            "{report}"
        );
        let description = outcome.describe();
        assert!(description.starts_with(&format!(
            "spec/sources/pets: opentelekomcloud-docs/pets at {second} (2026-04-15): 3 pages; 1 added, 0 removed, 2 changed\n"
        )), "{description}");

        // The same commit again: nothing to do, nothing changes.
        let again = sync_service(&root, "pets", &from, Some(&second)).expect("a sync");
        assert!(again.added.is_empty() && again.removed.is_empty() && again.changed.is_empty());
        assert!(
            again
                .report
                .contains("No changes: the specs are identical."),
            "{}",
            again.report
        );
    }

    #[test]
    fn an_unknown_service_or_revision_is_an_error() {
        let directory = tempfile::tempdir().expect("a temporary folder");
        let root = directory.path().join("checkout");
        let repository = directory.path().join("pets-docs");
        checkout(&root);
        upstream(&repository);
        let from = repository.to_string_lossy().into_owned();
        let error = sync_service(&root, "cats", &from, None).expect_err("no such service");
        assert_eq!(
            error.to_string(),
            "no service cats in spec/services.toml (the services: pets)"
        );
        let error = sync_service(&root, "pets", &from, Some("no-such-branch"))
            .expect_err("no such revision");
        assert!(
            format!("{error:#}").starts_with("no-such-branch is no commit of"),
            "{error:#}"
        );
        // Nothing was touched.
        assert!(root.join("spec/sources/pets/old_page.rst").exists());
    }

    #[test]
    fn provenance_edits_keep_the_rest_of_the_text() {
        assert_eq!(
            readme_with_commit("of x at commit `69c114d`), converted", "abc", "2026-01-02")
                .as_deref(),
            Some("of x at commit `abc` (2026-01-02)), converted")
        );
        assert_eq!(
            readme_with_commit("at commit `old` (2025-12-31), as", "new", "2026-01-02").as_deref(),
            Some("at commit `new` (2026-01-02), as")
        );
        assert_eq!(
            readme_with_commit("no commit here", "new", "2026-01-02"),
            None
        );
        let catalog = "[[service]]\nid = \"a\"\nversion = \"1\"\n\n[[service]]\nid = \"b\"\n# note\nversion = \"1\"\n";
        assert_eq!(
            catalog_with_field(catalog, "b", "version", "2026-01-02").expect("edited"),
            "[[service]]\nid = \"a\"\nversion = \"1\"\n\n[[service]]\nid = \"b\"\n# note\nversion = \"2026-01-02\"\n"
        );
        assert!(catalog_with_field(catalog, "c", "version", "x").is_err());
        assert_eq!(
            upstream_name("https://github.com/opentelekomcloud-docs/virtual-private-cloud.git")
                .as_deref(),
            Some("opentelekomcloud-docs/virtual-private-cloud")
        );
        assert_eq!(upstream_name("/tmp/virtual-private-cloud"), None);
    }
}
