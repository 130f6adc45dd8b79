//! Exports of passages and projects to other formats.
