//! Programme design: the six-phase blueprint.
//!
//! Pure: no I/O, no clock; callers pass data in.
