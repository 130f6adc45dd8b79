//! Importers: article files (text, Markdown, legacy encodings) into documents.
