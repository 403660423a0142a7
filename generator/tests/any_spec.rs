//! Snapshot tests of standalone crates generated from small hand-written specs, one per
//! feature (`tests/any_spec/*.yaml`), read as `cargo xtask generate` reads a spec: the
//! generated `lib.rs`, `types.rs` and completeness report. `cargo xtask check-any-spec` compiles the same crates with `-D warnings`.

use otc_codegen::generate::{completeness_markdown, generate_standalone_crate, GenerateSettings};

/// The generated files of a spec, one after the other.
fn generate(spec: &str) -> String {
    let path = format!("{}/tests/any_spec/{spec}.yaml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    let document = otc_codegen::openapi_text::parse_openapi_text(&text)
        .unwrap_or_else(|error| panic!("{path}: {error}"));
    let generated = match generate_standalone_crate(&document, &GenerateSettings::standalone()) {
        Ok(generated) => generated,
        Err(errors) => panic!("{path}: {errors:?}"),
    };
    format!(
        "==> COMPLETENESS.md\n{}\n==> src/lib.rs\n{}\n==> src/types.rs\n{}",
        completeness_markdown(&generated, &format!("{spec}.yaml")),
        generated.lib_rs,
        generated.types_rs
    )
}

macro_rules! any_spec_snapshots {
    ($($spec:ident),* $(,)?) => {
        $(
            #[test]
            fn $spec() {
                insta::assert_snapshot!(generate(stringify!($spec)));
            }
        )*
    };
}

any_spec_snapshots!(
    all_of,
    bodies,
    callback_reference,
    error_code_collision,
    names,
    no_operations,
    nullable_and_maps,
    one_of,
    one_of_repeated,
    operations,
    recursive,
    scalar_keys,
    server_variables,
    string_enums,
    unsupported,
);

/// Every spec in the folder has a snapshot test above.
#[test]
fn every_spec_has_a_snapshot() {
    let folder = format!("{}/tests/any_spec", env!("CARGO_MANIFEST_DIR"));
    let mut specs: Vec<String> = std::fs::read_dir(&folder)
        .expect("the spec folder")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".yaml").map(str::to_owned)
        })
        .collect();
    specs.sort();
    assert_eq!(
        specs,
        [
            "all_of",
            "bodies",
            "callback_reference",
            "error_code_collision",
            "names",
            "no_operations",
            "nullable_and_maps",
            "one_of",
            "one_of_repeated",
            "operations",
            "recursive",
            "scalar_keys",
            "server_variables",
            "string_enums",
            "unsupported"
        ]
    );
}
