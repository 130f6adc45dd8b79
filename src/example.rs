//! The sample corpus and the example project, embedded in the binary.
