//! `otc`: the command line.
fn main() {}
