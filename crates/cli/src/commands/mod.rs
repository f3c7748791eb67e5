pub mod bake;
pub mod bench;
pub mod canon;
pub mod import;
pub mod issue;
pub mod keys;
pub mod serve;
pub mod verify;
