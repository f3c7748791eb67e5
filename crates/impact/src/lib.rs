//! Impact analytics for programmes and cohorts.
//!
//! Pure: no I/O, no clock; callers pass data in.
