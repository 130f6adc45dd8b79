//! The project loader: see `dossier_fuzz::load` for the input and the checks.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dossier_fuzz::load(data);
});
