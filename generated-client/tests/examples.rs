//! Every example body of every imported API reference page decodes into the generated type of
//! its operation and status, and encodes back to equivalent JSON. The tests themselves are
//! generated from the specs (`tests/generated/`).

#[rustfmt::skip]
mod generated;
