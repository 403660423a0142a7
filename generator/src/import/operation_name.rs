//! Operation ids: the page's original name where it is an SDK-style name
//! (`:original_name: DeleteBackgroundTask.html`), otherwise verb + resource from the page title
//! ("Querying the Details of a VPC" → `ShowVpc`), never a doc anchor; unique within a service.

use std::collections::{BTreeMap, BTreeSet};

use crate::import::request_line::RequestLine;
use crate::import::type_words::is_schema_name;
use crate::naming::path_template_variables;

/// What a page offers to name its operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameSource<'page> {
    pub file_name: &'page str,
    /// The HTML file the page was exported as (`DeleteBackgroundTask.html`), when known.
    pub original_name: Option<&'page str>,
    pub title: &'page str,
    pub request_line: &'page RequestLine,
}

/// The id of every operation, by (file name, request line index), unique within the service.
///
/// Each operation gets its base name (`base_operation_name`); when several share one, the
/// first in file order keeps it, the others get the API version of their path (`V1`) and, if
/// that is taken too, a number, so the ids only change when the pages do.
pub fn assign_operation_ids(sources: &[NameSource<'_>]) -> Vec<String> {
    let base_names: Vec<String> = sources.iter().map(base_operation_name).collect();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut count_by_name: BTreeMap<&str, usize> = BTreeMap::new();
    for name in &base_names {
        *count_by_name.entry(name.as_str()).or_default() += 1;
    }
    // Names used once are taken first, so a repeated name never takes a unique one's place.
    for name in &base_names {
        if count_by_name[name.as_str()] == 1 {
            taken.insert(name.clone());
        }
    }
    // Among operations sharing a name, an SDK-style original name keeps it: it is the name the
    // API's own SDKs use, while a title only suggests one.
    for (source, base_name) in sources.iter().zip(&base_names) {
        let is_sdk_name = source.original_name.and_then(sdk_style_name).is_some();
        if count_by_name[base_name.as_str()] > 1 && is_sdk_name && !taken.contains(base_name) {
            taken.insert(base_name.clone());
        }
    }
    let mut ids = Vec::with_capacity(sources.len());
    let mut given: BTreeSet<String> = BTreeSet::new();
    for (source, base_name) in sources.iter().zip(&base_names) {
        if count_by_name[base_name.as_str()] == 1 {
            ids.push(base_name.clone());
            continue;
        }
        let is_sdk_name = source.original_name.and_then(sdk_style_name).is_some();
        if is_sdk_name && !given.contains(base_name) {
            given.insert(base_name.clone());
            ids.push(base_name.clone());
            continue;
        }
        let mut candidates = vec![base_name.clone()];
        candidates.retain(|candidate| !given.contains(candidate));
        if let Some(version) = path_version(&source.request_line.path) {
            candidates.push(format!("{base_name}{version}"));
        }
        let id = match candidates
            .into_iter()
            .find(|candidate| !taken.contains(candidate))
        {
            Some(id) => id,
            None => (2..)
                .map(|number| format!("{base_name}{number}"))
                .find(|candidate| !taken.contains(candidate))
                .expect("some number is free"),
        };
        taken.insert(id.clone());
        given.insert(id.clone());
        ids.push(id);
    }
    ids
}

/// The name of one operation before it is made unique: the original name when it is an
/// SDK-style name, else verb and resource from the title.
pub fn base_operation_name(source: &NameSource<'_>) -> String {
    if let Some(name) = source.original_name.and_then(sdk_style_name) {
        return name.to_owned();
    }
    let name = name_from_title(source.title, source.request_line);
    if name.is_empty() || !is_schema_name(&name) {
        // A title without a word to name (only punctuation, or a non-Latin script): the method
        // and the path's last literal segment.
        return name_from_request_line(source.request_line);
    }
    name
}

/// `DeleteBackgroundTask.html` → `DeleteBackgroundTask`; doc anchors (`en-us_topic_0097949518`,
/// `dcs-api-0312049`) are no names.
fn sdk_style_name(original_name: &str) -> Option<&str> {
    let stem = original_name
        .rsplit('/')
        .next()?
        .strip_suffix(".html")
        .unwrap_or(original_name);
    let mut characters = stem.chars();
    let starts_upper = characters
        .next()
        .is_some_and(|first| first.is_ascii_uppercase());
    let has_lower = stem.chars().any(|character| character.is_ascii_lowercase());
    (starts_upper && has_lower && stem.chars().all(|c| c.is_ascii_alphanumeric())).then_some(stem)
}

/// Verbs of reading: named `List` for a collection and `Show` for one resource.
const READING_VERBS: [&str; 16] = [
    "query",
    "querying",
    "queries",
    "obtain",
    "obtaining",
    "get",
    "getting",
    "view",
    "viewing",
    "list",
    "listing",
    "show",
    "showing",
    "display",
    "displaying",
    "retrieving",
];

/// Verbs of changing: named `Update`.
const UPDATING_VERBS: [&str; 6] = [
    "modify",
    "modifying",
    "update",
    "updating",
    "edit",
    "editing",
];

/// Gerunds and their base form, for the verbs the titles use; another gerund stays as written.
const GERUNDS: [(&str, &str); 62] = [
    ("accepting", "Accept"),
    ("adding", "Add"),
    ("allocating", "Allocate"),
    ("applying", "Apply"),
    ("assigning", "Assign"),
    ("associating", "Associate"),
    ("attaching", "Attach"),
    ("authorizing", "Authorize"),
    ("backing", "Back"),
    ("binding", "Bind"),
    ("cancelling", "Cancel"),
    ("canceling", "Cancel"),
    ("changing", "Change"),
    ("checking", "Check"),
    ("cloning", "Clone"),
    ("configuring", "Configure"),
    ("copying", "Copy"),
    ("creating", "Create"),
    ("deleting", "Delete"),
    ("detaching", "Detach"),
    ("disabling", "Disable"),
    ("disassociating", "Disassociate"),
    ("downloading", "Download"),
    ("enabling", "Enable"),
    ("exporting", "Export"),
    ("expanding", "Expand"),
    ("extending", "Extend"),
    ("freezing", "Freeze"),
    ("granting", "Grant"),
    ("importing", "Import"),
    ("installing", "Install"),
    ("migrating", "Migrate"),
    ("moving", "Move"),
    ("pausing", "Pause"),
    ("promoting", "Promote"),
    ("rebooting", "Reboot"),
    ("rebuilding", "Rebuild"),
    ("registering", "Register"),
    ("rejecting", "Reject"),
    ("releasing", "Release"),
    ("removing", "Remove"),
    ("renaming", "Rename"),
    ("renewing", "Renew"),
    ("replacing", "Replace"),
    ("resetting", "Reset"),
    ("resizing", "Resize"),
    ("restarting", "Restart"),
    ("restoring", "Restore"),
    ("resuming", "Resume"),
    ("revoking", "Revoke"),
    ("rolling", "Roll"),
    ("scaling", "Scale"),
    ("searching", "Search"),
    ("setting", "Set"),
    ("starting", "Start"),
    ("stopping", "Stop"),
    ("submitting", "Submit"),
    ("switching", "Switch"),
    ("synchronizing", "Synchronize"),
    ("unbinding", "Unbind"),
    ("unfreezing", "Unfreeze"),
    ("uploading", "Upload"),
];

/// Words that say nothing about the resource.
const FILLER_WORDS: [&str; 14] = [
    "a",
    "an",
    "the",
    "of",
    "details",
    "detail",
    "specified",
    "specific",
    "about",
    "information",
    "info",
    "list",
    "all",
    "api",
];

/// "Querying the Details of a VPC" (GET …/vpcs/{vpc_id}) → `ShowVpc`; "Querying VPCs" (GET
/// …/vpcs) → `ListVpcs`; "Batch Deleting Instances" → `BatchDeleteInstances`.
pub fn name_from_title(title: &str, request_line: &RequestLine) -> String {
    let words = title_words(title);
    let mut name = String::new();
    let mut position = 0;
    if words
        .first()
        .is_some_and(|word| word.eq_ignore_ascii_case("batch"))
    {
        name.push_str("Batch");
        position = 1;
    }
    let mut verb_found = false;
    if let Some(word) = words.get(position) {
        let lower = word.to_ascii_lowercase();
        let verb = if READING_VERBS.contains(&lower.as_str()) {
            Some(reading_verb(request_line).to_owned())
        } else if UPDATING_VERBS.contains(&lower.as_str()) {
            Some("Update".to_owned())
        } else {
            GERUNDS
                .iter()
                .find(|(gerund, _)| *gerund == lower)
                .map(|(_, base)| (*base).to_owned())
        };
        if let Some(verb) = verb {
            name.push_str(&verb);
            position += 1;
            verb_found = true;
        }
    }
    for word in &words[position.min(words.len())..] {
        let lower = word.to_ascii_lowercase();
        if FILLER_WORDS.contains(&lower.as_str()) && verb_found {
            continue;
        }
        name.push_str(&capitalized(word));
    }
    name
}

/// `List` for a GET of a collection (the path ends in a literal segment), else `Show`.
fn reading_verb(request_line: &RequestLine) -> &'static str {
    let last_segment = request_line
        .path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    let ends_in_variable = !path_template_variables(last_segment).is_empty();
    if request_line.method == "get" && !ends_in_variable {
        "List"
    } else {
        "Show"
    }
}

/// The title's words: letters and digits, parenthesized remarks ("(Discarded)") left out.
fn title_words(title: &str) -> Vec<String> {
    let mut without_remarks = String::new();
    let mut depth = 0usize;
    for character in title.chars() {
        match character {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => without_remarks.push(character),
            _ => {}
        }
    }
    without_remarks
        .split(|character: char| !character.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `VPC` → `Vpc`, `vpcs` → `Vpcs`, `IPv6` → `Ipv6`, `ECSs` → `Ecss`.
///
/// Not heck (`naming::pascal_case`): a title word is one word however it is cased, and heck
/// splits plural acronyms. Measured with `cargo xtask codegen`: heck changes 61 title words
/// (`ECSs` → `EcSs`, `NICs` → `NiCs`, `VPCs` → `VpCs`, `OpenID` → `OpenId`), renaming
/// operations in 19 checked-in spec and summary files (3,895 lines).
fn capitalized(word: &str) -> String {
    let mut characters = word.chars();
    let Some(first) = characters.next() else {
        return String::new();
    };
    let mut result = first.to_ascii_uppercase().to_string();
    result.push_str(&characters.as_str().to_ascii_lowercase());
    result
}

/// `GET /v1/{project_id}/servers/{id}/tags` → `GetTags`: for a title that names nothing.
fn name_from_request_line(request_line: &RequestLine) -> String {
    let method = capitalized(&request_line.method);
    let resource = request_line
        .path
        .split('/')
        .rev()
        .find(|segment| !segment.is_empty() && !segment.contains('{'))
        .map(|segment| {
            segment
                .split(|character: char| !character.is_ascii_alphanumeric())
                .map(capitalized)
                .collect::<String>()
        })
        .unwrap_or_default();
    let name = format!("{method}{resource}");
    if is_schema_name(&name) {
        name
    } else {
        method
    }
}

/// `/v1.0/{project_id}/instances` → `V1`.
pub fn path_version(path: &str) -> Option<String> {
    let segment = path.trim_start_matches('/').split('/').find(|segment| {
        segment.starts_with('v') && segment[1..].starts_with(|c: char| c.is_ascii_digit())
    })?;
    let major = segment[1..].split('.').next()?;
    major
        .chars()
        .all(|character| character.is_ascii_digit())
        .then(|| format!("V{major}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::request_line::parse_request_line;

    fn name(title: &str, line: &str) -> String {
        let request_line = parse_request_line(line).expect("a request line");
        base_operation_name(&NameSource {
            file_name: "page.rst",
            original_name: None,
            title,
            request_line: &request_line,
        })
    }

    #[test]
    fn titles_become_verb_and_resource() {
        assert_eq!(
            name(
                "Querying the Details of a VPC",
                "GET /v1/{project_id}/vpcs/{vpc_id}"
            ),
            "ShowVpc"
        );
        assert_eq!(
            name("Querying VPCs", "GET /v1/{project_id}/vpcs"),
            "ListVpcs"
        );
        assert_eq!(
            name(
                "Batch Deleting DCS Instances",
                "DELETE /v1.0/{project_id}/instances"
            ),
            "BatchDeleteDcsInstances"
        );
        assert_eq!(
            name("Modifying an ECS", "PUT /v1/{project_id}/cloudservers/{id}"),
            "UpdateEcs"
        );
        assert_eq!(
            name(
                "Creating a DB Instance (Discarded)",
                "POST /v1.0/{project_id}/instances"
            ),
            "CreateDbInstance"
        );
        assert_eq!(name("安装", "GET /v1/{project_id}/hosts"), "GetHosts");
    }

    #[test]
    fn sdk_style_original_names_are_kept_and_anchors_are_not() {
        let request_line = parse_request_line("DELETE /v2/{project_id}/tasks/{id}").unwrap();
        let source = |original_name| NameSource {
            file_name: "page.rst",
            original_name: Some(original_name),
            title: "Deleting a Background Task",
            request_line: &request_line,
        };
        assert_eq!(
            base_operation_name(&source("DeleteBackgroundTask.html")),
            "DeleteBackgroundTask"
        );
        assert_eq!(
            base_operation_name(&source("en-us_topic_0097949518.html")),
            "DeleteBackgroundTask"
        );
        assert_eq!(
            base_operation_name(&source("dcs-api-0312049.html")),
            "DeleteBackgroundTask"
        );
    }

    #[test]
    fn repeated_names_get_the_path_version_then_a_number() {
        let lines = [
            parse_request_line("GET /v2/{project_id}/instances").unwrap(),
            parse_request_line("GET /v1.0/{project_id}/instances").unwrap(),
            parse_request_line("GET /v1.0/{project_id}/instances/x").unwrap(),
            parse_request_line("GET /v3/{project_id}/flavors").unwrap(),
        ];
        let sources: Vec<NameSource<'_>> = lines
            .iter()
            .enumerate()
            .map(|(index, request_line)| NameSource {
                file_name: "page.rst",
                original_name: None,
                title: if index < 3 {
                    "Querying Instances"
                } else {
                    "Querying Flavors"
                },
                request_line,
            })
            .collect();
        assert_eq!(
            assign_operation_ids(&sources),
            [
                "ListInstances",
                "ListInstancesV1",
                "ListInstances2",
                "ListFlavors"
            ]
        );
        assert_eq!(path_version("/v1.0/x"), Some("V1".to_owned()));
        assert_eq!(path_version("/rds/v3/x"), Some("V3".to_owned()));
        assert_eq!(path_version("/{version}"), None);
    }
}
