//! Japanese and English messages. OWNER: helper H4.
