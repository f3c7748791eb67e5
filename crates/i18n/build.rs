//! The Fluent files are embedded at compile time; without this, a new `.ftl` file would not
//! be seen until something else made the crate recompile.
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
