//! Every identifier the generator declares in the service crates (client methods, their stream
//! and send methods, request and response types, body and model types, union variants, response
//! variants) reads as a Rust user would write it, not as the docs' titles phrase it
//! ("Terminating a Job", "Reading an Add-on Instance"): no article, no gerund where a verb
//! belongs (the start of a name, after an adverb that opens it, or after "or", "and" or "for"),
//! and no acronym plural spelt as one word (`ecss` of "ECSs" beside `ecs`).
//!
//! A gerund the API itself uses is a word of its vocabulary, not phrasing: the words of the
//! spec's paths, parameter and property names and enum values (`Scaling` of Auto Scaling's
//! `scaling_group`). Fields and string enum variants are not checked: they are the API's own
//! names on the wire.
//!
//! The test reads the checked-in specs (`spec/<id>.openapi.yaml` of every imported service) and
//! builds each one's intermediate form as `cargo xtask codegen` does, so it checks the names the
//! crates declare.

use std::collections::BTreeSet;

use otc_codegen::generate::ir::{build_service_module, ServiceModule, TypeKind};
use otc_codegen::naming::snake_case;
use otc_codegen::openapi_text::parse_openapi_text;
use otc_codegen::service_catalog::ServiceCatalog;
use serde_json::Value;

const ARTICLES: [&str; 3] = ["a", "an", "the"];

/// Words after which a word names an action, as the first word of a name does.
const WORDS_BEFORE_AN_ACTION: [&str; 3] = ["or", "and", "for"];

/// An identifier of a crate and what it names (`method`, `type`, …).
struct Identifier {
    kind: &'static str,
    name: String,
}

/// Every identifier the crate of `module` declares that spec text names.
fn identifiers(module: &ServiceModule) -> Vec<Identifier> {
    let mut identifiers = Vec::new();
    let mut add = |kind: &'static str, name: &str| {
        identifiers.push(Identifier {
            kind,
            name: name.to_owned(),
        })
    };
    for operation in &module.operations {
        add("method", &operation.method_name);
        add("request type", &operation.request_type_name);
        add("response type", &operation.response_type_name);
        if let Some(pagination) = &operation.pagination {
            add("stream method", &pagination.stream_method_name);
            add("send method", &pagination.send_method_name);
        }
        for response in &operation.responses {
            add("response variant", &response.variant_name);
        }
    }
    for definition in module.types.values() {
        add("type", &definition.name);
        if let TypeKind::Union { variants, .. } = &definition.kind {
            for variant in variants {
                add("union variant", &variant.rust_name);
            }
        }
    }
    identifiers
}

/// The words of the API's own names in a spec: path segments, parameter and property names,
/// enum values (split as the generator splits names into words).
fn api_vocabulary(document: &Value) -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    let mut add = |text: &str| {
        for word in snake_case(text).split('_') {
            if !word.is_empty() {
                words.insert(word.to_owned());
            }
        }
    };
    if let Some(paths) = document.get("paths").and_then(Value::as_object) {
        for path in paths.keys() {
            for segment in path.split('/') {
                add(segment);
            }
        }
    }
    // Parameter names, property names and enum values, wherever they are (operations, their
    // variants, components).
    let mut stack = vec![document];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    for name in properties.keys() {
                        add(name);
                    }
                }
                if map.contains_key("in") {
                    if let Some(Value::String(name)) = map.get("name") {
                        add(name);
                    }
                }
                if let Some(Value::Array(values)) = map.get("enum") {
                    for value in values {
                        if let Value::String(text) = value {
                            add(text);
                        }
                    }
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    words
}

/// A word ending in "ing" after a stem with a vowel: a verb's stem has one, so "string" or
/// "thing" (stems "str", "th") are nouns, not gerunds.
fn is_gerund(word: &str) -> bool {
    word.strip_suffix("ing")
        .is_some_and(|stem| stem.len() >= 2 && stem.chars().any(|letter| "aeiouy".contains(letter)))
}

/// What is wrong with an identifier: the words that are the docs' phrasing. `crate_words` are
/// the words of every identifier of the crate: a word that is another word of the crate with
/// an "s" added after its final "s" (`ecss` beside `ecs`) is an acronym's plural spelt as no
/// word.
fn phrasing(
    identifier: &Identifier,
    vocabulary: &BTreeSet<String>,
    crate_words: &BTreeSet<String>,
) -> Vec<String> {
    let snake = snake_case(&identifier.name);
    let words: Vec<&str> = snake.split('_').filter(|word| !word.is_empty()).collect();
    let mut problems = Vec::new();
    for (index, word) in words.iter().enumerate() {
        if ARTICLES.contains(word) {
            problems.push(format!("the article `{word}`"));
        }
        // The start of a name, after an adverb that opens it ("forcibly deleting"), or after
        // a word before an action.
        let in_verb_place = index == 0
            || (index == 1 && words[0].ends_with("ly"))
            || WORDS_BEFORE_AN_ACTION.contains(&words[index - 1]);
        if in_verb_place && is_gerund(word) && !vocabulary.contains(*word) {
            problems.push(format!("the gerund `{word}` where a verb belongs"));
        }
        if let Some(singular) = word.strip_suffix('s').filter(|rest| rest.ends_with('s')) {
            if crate_words.contains(singular) {
                problems.push(format!("the plural `{word}` of `{singular}`"));
            }
        }
    }
    problems
}

#[test]
fn generated_identifiers_read_as_rust_names_not_as_doc_titles() {
    let root = format!("{}/..", env!("CARGO_MANIFEST_DIR"));
    let catalog_text =
        std::fs::read_to_string(format!("{root}/spec/services.toml")).expect("spec/services.toml");
    let catalog = ServiceCatalog::from_toml(&catalog_text).expect("the service catalog");
    let mut checked = 0usize;
    let mut services = 0usize;
    let mut violations = Vec::new();
    for service in catalog.imported_services() {
        let path = format!("{root}/spec/{}.openapi.yaml", service.id);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
        let document = parse_openapi_text(&text).unwrap_or_else(|error| panic!("{path}: {error}"));
        let module = build_service_module(&document, &service.id)
            .unwrap_or_else(|errors| panic!("{path}: {errors:?}"));
        let vocabulary = api_vocabulary(&serde_json::to_value(&document).expect("JSON"));
        let identifiers = identifiers(&module);
        let crate_words: BTreeSet<String> = identifiers
            .iter()
            .flat_map(|identifier| {
                snake_case(&identifier.name)
                    .split('_')
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect();
        services += 1;
        for identifier in identifiers {
            checked += 1;
            let problems = phrasing(&identifier, &vocabulary, &crate_words);
            if !problems.is_empty() {
                violations.push(format!(
                    "{}: {} `{}`: {}",
                    service.id,
                    identifier.kind,
                    identifier.name,
                    problems.join(", ")
                ));
            }
        }
    }
    // Every imported service's crate, and the whole of each: the test checks what the crates
    // declare, not a sample.
    assert_eq!(services, 49, "the imported services");
    assert!(checked > 10_000, "only {checked} identifiers checked");
    assert!(
        violations.is_empty(),
        "{} of {checked} identifiers read as doc phrasing:\n{}",
        violations.len(),
        violations.join("\n")
    );
    println!("{checked} identifiers of {services} service crates checked");
}

#[test]
fn the_check_finds_doc_phrasing_and_leaves_the_apis_own_words() {
    let vocabulary: BTreeSet<String> = ["scaling", "group"].map(str::to_owned).into();
    let crate_words: BTreeSet<String> = ["show", "ecs", "access"].map(str::to_owned).into();
    let check = |kind, name: &str| {
        phrasing(
            &Identifier {
                kind,
                name: name.to_owned(),
            },
            &vocabulary,
            &crate_words,
        )
    };
    assert_eq!(
        check("method", "terminating_a_job"),
        [
            "the gerund `terminating` where a verb belongs",
            "the article `a`"
        ]
    );
    assert_eq!(
        check("type", "CreateOrImportingSshKeyPairResponseBody"),
        ["the gerund `importing` where a verb belongs"]
    );
    assert_eq!(
        check("type", "ReadingAnAddOnInstanceRequest"),
        [
            "the gerund `reading` where a verb belongs",
            "the article `an`"
        ]
    );
    assert_eq!(
        check("method", "create_ecss"),
        ["the plural `ecss` of `ecs`"]
    );
    assert!(check("method", "create_ecs_instances").is_empty());
    assert_eq!(
        check("method", "forcibly_deleting_ip_address_group"),
        ["the gerund `deleting` where a verb belongs"]
    );
    assert!(check("type", "AccessKey").is_empty());
    // A gerund the API uses, and one that is no verb here.
    assert!(check("type", "ScalingGroupInstance").is_empty());
    assert!(check("method", "list_statistics_running_instances").is_empty());
    assert!(check("method", "terminate_job").is_empty());
    // A noun ending in "ing" (the string alternative of a union) is no gerund.
    assert!(check("union variant", "String").is_empty());
}
