//! The README's complete pagination programs are `examples/list_dcs_instances.rs` and
//! `examples/list_vpcs.rs`, character for character: the examples are built by `cargo test`, so
//! the programs the README shows compile.

/// The README shows `example` as it is, in a ```rust,no_run block.
fn assert_readme_shows(name: &str, example: &str) {
    let readme = include_str!("../../README.md");
    let block = format!("```rust,no_run\n{example}```\n");
    assert!(
        readme.contains(&block),
        "README.md must show generated-client/examples/{name} as it is, in a ```rust,no_run block"
    );
}

#[test]
fn readme_shows_the_list_dcs_instances_example() {
    assert_readme_shows(
        "list_dcs_instances.rs",
        include_str!("../examples/list_dcs_instances.rs"),
    );
}

#[test]
fn readme_shows_the_list_vpcs_example() {
    assert_readme_shows("list_vpcs.rs", include_str!("../examples/list_vpcs.rs"));
}
