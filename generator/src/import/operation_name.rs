//! Operation ids: the page's original name where it is an SDK-style name
//! (`:original_name: DeleteBackgroundTask.html`), otherwise verb + resource from the page title
//! ("Querying the Details of a VPC" → `ShowVpc`), never a doc anchor; unique within a service.

use std::collections::{BTreeMap, BTreeSet};

use crate::doc_model::{DocBlock, DocPage};
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
pub fn assign_operation_ids(sources: &[NameSource<'_>], vocabulary: &Vocabulary) -> Vec<String> {
    let base_names: Vec<String> = sources
        .iter()
        .map(|source| base_operation_name(source, vocabulary))
        .collect();
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
pub fn base_operation_name(source: &NameSource<'_>, vocabulary: &Vocabulary) -> String {
    if let Some(name) = source.original_name.and_then(sdk_style_name) {
        return name.to_owned();
    }
    let name = name_from_title(source.title, source.request_line, vocabulary);
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
const READING_VERBS: [&str; 18] = [
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
    "read",
    "reading",
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

/// Words that say nothing about the resource, left out after the verb.
const FILLER_WORDS: [&str; 11] = [
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

/// Articles: never part of a name.
const ARTICLES: [&str; 3] = ["a", "an", "the"];

/// Words after which a gerund names an action ("Link for Downloading a File"), so it is a verb
/// in the name too ("LinkForDownloadFile").
const WORDS_BEFORE_AN_ACTION: [&str; 6] = ["for", "before", "after", "by", "without", "when"];

/// The words of a page's text, lower-case: the evidence for the base form of a title's gerund
/// ("Terminating a Job" → "terminate", because the pages say "terminate"; "Adding" → "add").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    words: BTreeSet<String>,
}

impl Vocabulary {
    /// The words of every page's title, section titles, paragraphs and table cells.
    pub fn of_pages<'page>(pages: impl IntoIterator<Item = &'page DocPage>) -> Vocabulary {
        let mut words = BTreeSet::new();
        let mut add = |text: &str| {
            for word in text.split(|character: char| !character.is_ascii_alphabetic()) {
                if !word.is_empty() {
                    words.insert(word.to_ascii_lowercase());
                }
            }
        };
        for page in pages {
            add(&page.title);
            for section in &page.sections {
                add(&section.title);
                for block in &section.blocks {
                    match block {
                        DocBlock::Paragraph(line) => add(&line.text),
                        DocBlock::Table(table) => {
                            for line in table
                                .rows
                                .iter()
                                .flat_map(|row| &row.cells)
                                .flat_map(|cell| &cell.lines)
                            {
                                add(&line.text);
                            }
                        }
                        DocBlock::Preformatted(_) => {}
                    }
                }
            }
        }
        Vocabulary { words }
    }

    /// A vocabulary of the given words (tests, and pages read one at a time).
    pub fn of_words<'word>(words: impl IntoIterator<Item = &'word str>) -> Vocabulary {
        Vocabulary {
            words: words.into_iter().map(str::to_ascii_lowercase).collect(),
        }
    }

    fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }
}

/// One word of a title, or a comma between words (which, like "or", may start another verb).
#[derive(Debug, Clone, PartialEq, Eq)]
enum TitleToken {
    /// A word as written, hyphenated parts kept together (`Add-on`, `Pre-checking`).
    Word(String),
    Comma,
}

/// "Querying the Details of a VPC" (GET …/vpcs/{vpc_id}) → `ShowVpc`; "Querying VPCs" (GET
/// …/vpcs) → `ListVpcs`; "Restarting ECSs in a Batch" → `BatchRestartEcsInstances`;
/// "Enabling or Disabling an AS Group" → `EnableOrDisableAsGroup`.
///
/// The rule: a verb opens the name (a verb of reading is `List` for a collection and `Show`
/// for one resource, a verb of changing is `Update`, a gerund is its base form), and so does a
/// verb after "or", "and" or a comma, or a gerund after "for"; "Batch" and "in a batch" / "in
/// batches" become a leading `Batch`; articles are left out everywhere and words that say
/// nothing about the resource ("details", "specified", "of") after a verb; "using" reads
/// `With`; the other words are capitalized, an acronym's plural as a word (`VPCs` → `Vpcs`,
/// and `ECSs` → `EcsInstances`, since `Ecss` reads as no word).
pub fn name_from_title(title: &str, request_line: &RequestLine, vocabulary: &Vocabulary) -> String {
    let mut tokens = title_tokens(title);
    let is_word = |token: Option<&TitleToken>, expected: &[&str]| matches!(token, Some(TitleToken::Word(word)) if expected.contains(&word.to_ascii_lowercase().as_str()));
    let mut batch = false;
    if is_word(tokens.first(), &["batch"]) {
        tokens.remove(0);
        batch = true;
    }
    // "… in a Batch", "… in Batches": the same as a leading "Batch".
    let mut index = 0;
    while index < tokens.len() {
        if is_word(tokens.get(index), &["in"]) {
            let article = usize::from(is_word(tokens.get(index + 1), &["a"]));
            if is_word(tokens.get(index + 1 + article), &["batch", "batches"]) {
                tokens.drain(index..index + 2 + article);
                batch = true;
                continue;
            }
        }
        index += 1;
    }
    let mut name = String::new();
    if batch {
        name.push_str("Batch");
    }
    let mut expects_verb = true;
    let mut verb_found = false;
    let mut previous_word = String::new();
    for (index, token) in tokens.iter().enumerate() {
        let TitleToken::Word(word) = token else {
            expects_verb = true;
            continue;
        };
        let lower = word.to_ascii_lowercase();
        let after_action_word = WORDS_BEFORE_AN_ACTION.contains(&previous_word.as_str());
        previous_word.clone_from(&lower);
        if expects_verb || (after_action_word && is_gerund(word)) {
            if let Some(verb) = verb_of(word, request_line, vocabulary, !after_action_word) {
                name.push_str(&verb);
                verb_found = true;
                expects_verb = false;
                continue;
            }
        }
        // A first word that is no verb before a gerund modifies the verb ("Forcibly Deleting",
        // "Cold Migrating"): it stays, and the gerund is the verb.
        let at_start = name.is_empty() || name == "Batch";
        let before_gerund =
            matches!(tokens.get(index + 1), Some(TitleToken::Word(next)) if is_gerund(next));
        if expects_verb && at_start && before_gerund {
            name.push_str(&capitalized(word));
            continue;
        }
        expects_verb = false;
        if lower == "or" || lower == "and" {
            name.push_str(&capitalized(word));
            expects_verb = true;
            continue;
        }
        if ARTICLES.contains(&lower.as_str()) {
            continue;
        }
        if verb_found && FILLER_WORDS.contains(&lower.as_str()) {
            continue;
        }
        if lower == "using" {
            name.push_str("With");
            continue;
        }
        name.push_str(&capitalized(word));
    }
    name
}

/// The verb a title word stands for, capitalized: `List`/`Show` for a verb of reading (when
/// `reading_allowed`), `Update` for a verb of changing, a gerund's base form (`Pre-checking` →
/// `PreCheck`); `None` for a word that is no verb of these kinds.
fn verb_of(
    word: &str,
    request_line: &RequestLine,
    vocabulary: &Vocabulary,
    reading_allowed: bool,
) -> Option<String> {
    let lower = word.to_ascii_lowercase();
    if reading_allowed && READING_VERBS.contains(&lower.as_str()) {
        return Some(reading_verb(request_line).to_owned());
    }
    if UPDATING_VERBS.contains(&lower.as_str()) {
        return Some("Update".to_owned());
    }
    // A hyphenated gerund (`Pre-checking`): its last part is the verb.
    let (prefix, last) = match word.rsplit_once('-') {
        Some((prefix, last)) => (Some(prefix), last),
        None => (None, word),
    };
    if !is_gerund(last) {
        return None;
    }
    let mut verb: String = prefix.map(capitalized).unwrap_or_default();
    verb.push_str(&capitalized(&base_verb(
        &last.to_ascii_lowercase(),
        vocabulary,
    )));
    Some(verb)
}

/// A word that reads as a gerund: ends in "ing" after at least two letters (`Adding`, not
/// `Ring` or `String`'s "ring"-less stems).
fn is_gerund(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    lower.len() >= 5
        && lower.ends_with("ing")
        && !matches!(lower.as_str(), "string" | "thing" | "spring" | "during")
}

/// Endings of a stem whose verb ends in a silent "e" ("creat", "synchroniz", "remov", "enabl",
/// "configur", "reduc"), for a gerund the pages give no evidence of.
const SILENT_E_ENDINGS: [&str; 16] = [
    "at", "iz", "yz", "v", "bl", "cl", "dl", "gl", "kl", "pl", "tl", "ur", "ac", "ic", "uc", "ut",
];

/// The base form of a gerund: the first of its stem with "e", the stem and the stem without a
/// doubled last consonant that the vocabulary has ("creating" → "create", "adding" → "add",
/// "stopping" → "stop"); without evidence, the stem without a doubled consonant, or the stem
/// with "e" after an ending that takes one (`SILENT_E_ENDINGS`), else the stem.
fn base_verb(gerund: &str, vocabulary: &Vocabulary) -> String {
    let stem = &gerund[..gerund.len() - "ing".len()];
    let undoubled = {
        let mut characters = stem.chars().rev();
        match (characters.next(), characters.next()) {
            (Some(last), Some(before)) if last == before && !"aeiou".contains(last) => {
                Some(&stem[..stem.len() - 1])
            }
            _ => None,
        }
    };
    let with_e = format!("{stem}e");
    let candidates = [Some(with_e.as_str()), Some(stem), undoubled];
    if let Some(found) = candidates
        .into_iter()
        .flatten()
        .find(|candidate| vocabulary.contains(candidate))
    {
        return found.to_owned();
    }
    match undoubled {
        Some(undoubled) => undoubled.to_owned(),
        None if SILENT_E_ENDINGS.iter().any(|ending| stem.ends_with(ending)) => with_e,
        None => stem.to_owned(),
    }
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

/// The title's words and commas, parenthesized remarks ("(Discarded)") left out; a word is
/// letters and digits, with the hyphens inside it (`Add-on`, `Pre-checking`).
fn title_tokens(title: &str) -> Vec<TitleToken> {
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
    let mut tokens = Vec::new();
    let mut word = String::new();
    let finish_word = |word: &mut String, tokens: &mut Vec<TitleToken>| {
        let trimmed = word.trim_matches('-');
        if !trimmed.is_empty() {
            tokens.push(TitleToken::Word(trimmed.to_owned()));
        }
        word.clear();
    };
    for character in without_remarks.chars() {
        if character.is_ascii_alphanumeric() || character == '-' {
            word.push(character);
            continue;
        }
        finish_word(&mut word, &mut tokens);
        if character == ',' {
            tokens.push(TitleToken::Comma);
        }
    }
    finish_word(&mut word, &mut tokens);
    tokens
}

/// `VPC` → `Vpc`, `vpcs` → `Vpcs`, `IPv6` → `Ipv6`, `Add-on` → `AddOn`; an acronym's plural
/// is a word: `VPCs` → `Vpcs`, and an acronym ending in S takes `Instances` (`ECSs` →
/// `EcsInstances`), since `Ecss` reads as no word.
///
/// Not heck (`naming::pascal_case`): a title word is one word however it is cased, and heck
/// splits plural acronyms. Measured with `cargo xtask codegen`: heck changes 61 title words
/// (`ECSs` → `EcSs`, `NICs` → `NiCs`, `VPCs` → `VpCs`, `OpenID` → `OpenId`), renaming
/// operations in 19 checked-in spec and summary files (3,895 lines).
fn capitalized(word: &str) -> String {
    if word.contains('-') {
        return word.split('-').map(capitalized).collect();
    }
    if let Some(acronym) = word.strip_suffix('s') {
        let is_acronym = acronym.len() >= 2
            && acronym
                .chars()
                .all(|character| character.is_ascii_uppercase() || character.is_ascii_digit());
        if is_acronym {
            let singular = capitalized(acronym);
            return if acronym.ends_with('S') {
                format!("{singular}Instances")
            } else {
                format!("{singular}s")
            };
        }
    }
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

    /// The words the tests' pages use, as the evidence of gerunds' base forms.
    fn vocabulary() -> Vocabulary {
        Vocabulary::of_words(
            "this api is used to terminate a job create delete add stop bind unbind import \
             execute enable disable scale restart roll publish download check wake"
                .split_whitespace(),
        )
    }

    fn name(title: &str, line: &str) -> String {
        let request_line = parse_request_line(line).expect("a request line");
        base_operation_name(
            &NameSource {
                file_name: "page.rst",
                original_name: None,
                title,
                request_line: &request_line,
            },
            &vocabulary(),
        )
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
    fn gerunds_take_the_base_form_the_pages_use_and_articles_go() {
        let action = "POST /v1/{project_id}/jobs/{job_id}/action";
        // The pages say "terminate": the stem with "e".
        assert_eq!(name("Terminating a Job", action), "TerminateJob");
        // No "adde" or "stopp" in the pages: the stem, without its doubled consonant.
        assert_eq!(name("Adding a Tag", action), "AddTag");
        assert_eq!(name("Stopping a Job", action), "StopJob");
        // Without evidence, the stem without a doubled consonant, else the stem.
        assert_eq!(name("Hibernating a Cluster", action), "HibernateCluster");
        assert_eq!(name("Planning a Job", action), "PlanJob");
        assert_eq!(name("Waking Up a Cluster", action), "WakeUpCluster");
        // Verbs after "or", "and" and commas, and a hyphenated gerund.
        assert_eq!(
            name("Binding and Unbinding an EIP", action),
            "BindAndUnbindEip"
        );
        assert_eq!(
            name("Creating or Importing an SSH Key Pair", action),
            "CreateOrImportSshKeyPair"
        );
        assert_eq!(
            name("Executing, Enabling, or Disabling an AS Policy", action),
            "ExecuteEnableOrDisableAsPolicy"
        );
        assert_eq!(
            name("Restarting, Scaling Out, and Scaling In Queues", action),
            "RestartScaleOutAndScaleInQueues"
        );
        assert_eq!(
            name("Pre-checking Shard Configuration", action),
            "PreCheckShardConfiguration"
        );
        // A word before the gerund that opens the title modifies the verb.
        assert_eq!(
            name("Forcibly Deleting an IP Address Group", action),
            "ForciblyDeleteIpAddressGroup"
        );
        assert_eq!(
            name("Partially Updating the Specified Pod", action),
            "PartiallyUpdatePod"
        );
        // A gerund after "for" is an action; one before a noun is no verb ("Running
        // Instances"); "using" reads "With".
        assert_eq!(
            name(
                "Obtaining the Link for Downloading a Backup File",
                "GET /v3/{project_id}/backups/download-file"
            ),
            "ListLinkForDownloadBackupFile"
        );
        assert_eq!(
            name(
                "Querying Statistics of All Running Instances",
                "GET /v1.0/{project_id}/instances/statistic"
            ),
            "ListStatisticsRunningInstances"
        );
        assert_eq!(
            name("Publishing Messages Using a Template", action),
            "PublishMessagesWithTemplate"
        );
        assert_eq!(
            name("Reading an Add-on Instance", "GET /api/v3/addons/{id}"),
            "ShowAddOnInstance"
        );
    }

    #[test]
    fn batches_lead_and_acronym_plurals_are_words() {
        let action = "POST /v1/{project_id}/cloudservers/action";
        assert_eq!(
            name("Restarting ECSs in a Batch", action),
            "BatchRestartEcsInstances"
        );
        assert_eq!(
            name("Deleting Alarm Rules in Batches", action),
            "BatchDeleteAlarmRules"
        );
        assert_eq!(
            name("Querying BMSs", "GET /v1/{project_id}/baremetalservers"),
            "ListBmsInstances"
        );
        assert_eq!(
            name("Querying NICs", "GET /v1/{project_id}/nics"),
            "ListNics"
        );
        assert_eq!(name("Creating VPCs", action), "CreateVpcs");
        // "Batch Processing Job": a batch that is part of the resource's name stays.
        assert_eq!(
            name(
                "Creating a Batch Processing Job",
                "POST /v2.0/{project_id}/batches"
            ),
            "CreateBatchProcessingJob"
        );
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
        let vocabulary = vocabulary();
        assert_eq!(
            base_operation_name(&source("DeleteBackgroundTask.html"), &vocabulary),
            "DeleteBackgroundTask"
        );
        assert_eq!(
            base_operation_name(&source("en-us_topic_0097949518.html"), &vocabulary),
            "DeleteBackgroundTask"
        );
        assert_eq!(
            base_operation_name(&source("dcs-api-0312049.html"), &vocabulary),
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
            assign_operation_ids(&sources, &vocabulary()),
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
