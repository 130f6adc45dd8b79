//! Saved web pages: see `dossier_fuzz::import_html` for the input and the checks.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dossier_fuzz::import_html(data);
});
