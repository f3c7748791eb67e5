//! 360-degree feedback: instruments, anonymity and reports.
//!
//! Pure: no I/O, no clock; callers pass data in.
