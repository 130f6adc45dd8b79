//! Saves a project over and over, alternating two versions, for `scripts/fault-test.sh`, which
//! kills it with SIGKILL at random moments and checks the file left on disk.
//!
//! ```text
//! save_loop prepare BASE DIR   load BASE; write DIR/A.ron (BASE as is), DIR/B.ron (BASE with a
//!                              new title and note) and DIR/p.ron (= A); print the save time
//! save_loop run DIR LOG        load A and B, print "ready", then save B, A, B, … to DIR/p.ron
//!                              forever, appending "begin N" and "end N" around each save to LOG
//! ```
//!
//! After a kill, DIR/p.ron must be byte-identical to A.ron or B.ron (and load), and so must
//! DIR/p.ron.bak once it exists.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use dossier::edit::{Edit, apply};
use dossier::model::Project;
use dossier::store;

fn version_b(a: &Project) -> Result<Project, String> {
    let mut b = a.clone();
    apply(&mut b, Edit::SetTitle(format!("{} (version B)", a.title))).map_err(|e| e.to_string())?;
    if let Some(p) = a.passages().values().next() {
        apply(
            &mut b,
            Edit::SetPassageNote(p.id, "changed in version B".into()),
        )
        .map_err(|e| e.to_string())?;
    }
    Ok(b)
}

fn prepare(base: &Path, dir: &Path) -> Result<(), String> {
    let a = store::load(base).map_err(|e| e.to_string())?;
    let b = version_b(&a)?;
    store::save(&a, &dir.join("A.ron")).map_err(|e| e.to_string())?;
    store::save(&b, &dir.join("B.ron")).map_err(|e| e.to_string())?;
    let target = dir.join("p.ron");
    let started = Instant::now();
    store::save(&a, &target).map_err(|e| e.to_string())?;
    println!("save_ms={}", started.elapsed().as_millis());
    Ok(())
}

fn run(dir: &Path, log: &Path) -> Result<(), String> {
    let a = store::load(&dir.join("A.ron")).map_err(|e| e.to_string())?;
    let b = store::load(&dir.join("B.ron")).map_err(|e| e.to_string())?;
    let target = dir.join("p.ron");
    let mut log = std::fs::File::create(log).map_err(|e| e.to_string())?;
    println!("ready");
    std::io::stdout().flush().map_err(|e| e.to_string())?;
    for n in 0u64.. {
        let project = if n % 2 == 0 { &b } else { &a };
        writeln!(log, "begin {n}").map_err(|e| e.to_string())?;
        store::save(project, &target).map_err(|e| e.to_string())?;
        writeln!(log, "end {n}").map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["prepare", base, dir] => prepare(Path::new(base), Path::new(dir)),
        ["run", dir, log] => run(Path::new(dir), &PathBuf::from(log)),
        _ => Err("usage: save_loop prepare BASE DIR | save_loop run DIR LOG".into()),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("save_loop: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
