//! The README's complete pagination program is `examples/list_dcs_instances.rs`, character for
//! character: the example is built by `cargo test`, so the program the README shows compiles.

#[test]
fn readme_shows_the_list_dcs_instances_example() {
    let readme = include_str!("../../README.md");
    let example = include_str!("../examples/list_dcs_instances.rs");
    let block = format!("```rust,no_run\n{example}```\n");
    assert!(
        readme.contains(&block),
        "README.md must show generated-client/examples/list_dcs_instances.rs as it is, in a ```rust,no_run block"
    );
}
