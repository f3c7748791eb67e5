//! Context processing and the active context. OWNER: helper H1.
