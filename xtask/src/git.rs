//! The one way xtask runs git: in a given repository (`git -C`), its output checked, a file at
//! a revision read as bytes. Used by `spec-diff` (a spec at a revision), `release` (the specs
//! and versions of the last release tag) and `sync` (a doc repository at a commit).

use std::path::Path;
use std::process::{Command, Output};

use anyhow::{bail, Context};

/// `git <arguments>` in `repository` (the current directory when `None`), its output whatever
/// the exit status.
pub fn git_output(repository: Option<&Path>, arguments: &[&str]) -> anyhow::Result<Output> {
    let mut command = Command::new("git");
    if let Some(repository) = repository {
        command.arg("-C").arg(repository);
    }
    command
        .args(arguments)
        .output()
        .with_context(|| format!("running git {}", arguments.join(" ")))
}

/// `git <arguments>` in `repository`, which must succeed: its standard output as bytes.
pub fn git_bytes(repository: Option<&Path>, arguments: &[&str]) -> anyhow::Result<Vec<u8>> {
    let output = git_output(repository, arguments)?;
    if !output.status.success() {
        bail!(
            "git {} failed: {}",
            arguments.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(output.stdout)
}

/// `git <arguments>` in `repository`, which must succeed: its standard output as text, trimmed.
pub fn git_text(repository: Option<&Path>, arguments: &[&str]) -> anyhow::Result<String> {
    let bytes = git_bytes(repository, arguments)?;
    Ok(String::from_utf8(bytes)
        .with_context(|| format!("the output of git {} is not UTF-8", arguments.join(" ")))?
        .trim()
        .to_owned())
}

/// Whether `revision` names a commit of `repository`.
pub fn is_commit(repository: Option<&Path>, revision: &str) -> anyhow::Result<bool> {
    let commit = format!("{revision}^{{commit}}");
    Ok(
        git_output(repository, &["rev-parse", "--verify", "--quiet", &commit])?
            .status
            .success(),
    )
}

/// The bytes of `path` at `revision` (a commit that must exist), or `None` when the path does
/// not exist there.
pub fn file_at_revision(
    repository: Option<&Path>,
    revision: &str,
    path: &str,
) -> anyhow::Result<Option<Vec<u8>>> {
    if !is_commit(repository, revision)? {
        bail!("{revision} is not a git revision");
    }
    let object = format!("{revision}:{path}");
    if !git_output(repository, &["cat-file", "-e", &object])?
        .status
        .success()
    {
        return Ok(None);
    }
    git_bytes(repository, &["cat-file", "blob", &object]).map(Some)
}

/// The same, as UTF-8 text.
pub fn text_at_revision(
    repository: Option<&Path>,
    revision: &str,
    path: &str,
) -> anyhow::Result<Option<String>> {
    file_at_revision(repository, revision, path)?
        .map(|bytes| {
            String::from_utf8(bytes).with_context(|| format!("{revision}:{path} is not UTF-8"))
        })
        .transpose()
}

/// A test repository's commit: with a fixed author and date, so tests do not depend on the
/// machine's git configuration.
#[cfg(test)]
pub fn commit_all(repository: &Path, message: &str, date: &str) {
    let identity = [
        "-c",
        "user.name=Test",
        "-c",
        "user.email=test@example.com",
        "-c",
        "commit.gpgsign=false",
    ];
    let add = git_output(Some(repository), &["add", "-A"]).expect("git add");
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    let mut arguments: Vec<&str> = identity.to_vec();
    arguments.extend(["commit", "--quiet", "--allow-empty", "-m", message]);
    let output = Command::new("git")
        .arg("-C")
        .arg(repository)
        .args(&arguments)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git commit");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A new, empty test repository at `repository`.
#[cfg(test)]
pub fn init_repository(repository: &Path) {
    std::fs::create_dir_all(repository).expect("a folder");
    let output = git_output(
        Some(repository),
        &["-c", "init.defaultBranch=main", "init", "--quiet"],
    )
    .expect("git init");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
