//! The JSON-LD 1.1 Expansion algorithm. OWNER: helper H1.
