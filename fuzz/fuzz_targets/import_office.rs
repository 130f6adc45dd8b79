//! Word and OpenDocument files: see `dossier_fuzz::import_office` for the input and the checks.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dossier_fuzz::import_office(data);
});
