//! The desktop integration files agree with the program: the desktop entry, the AppStream
//! metadata, the MIME type, the icons and the Debian package table name the same application id
//! as the window, run command lines the binary accepts, recognise the files the program writes,
//! and name files that exist. Also `--version`, and the bash completion script run by bash.
//! (`.ci/package-check` checks the installed package with desktop-file-validate, appstreamcli,
//! xdg-mime, man, zsh and fish.)

use std::path::PathBuf;
use std::process::Command;

use clap::Parser;
use dossier::cli::Cli;
use dossier::ui::APP_ID;
use quick_xml::events::Event;

const ICON_SIZES: [u32; 8] = [16, 24, 32, 48, 64, 128, 256, 512];
const MIME_TYPE: &str = "application/x-dossier-project";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// An element of an XML file: its path of names from the root, its attributes, its text.
#[derive(Debug)]
struct Element {
    path: String,
    attrs: Vec<(String, String)>,
    text: String,
}

impl Element {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Adds the element `e` (below `names`) to `out` and returns its index.
fn open(
    e: &quick_xml::events::BytesStart<'_>,
    names: &mut Vec<String>,
    out: &mut Vec<Element>,
) -> usize {
    names.push(String::from_utf8_lossy(e.local_name().as_ref()).into_owned());
    let attrs = e
        .attributes()
        .map(|a| {
            let a = a.expect("well-formed attribute");
            let value = a
                .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                .expect("attribute value")
                .into_owned();
            (String::from_utf8_lossy(a.key.as_ref()).into_owned(), value)
        })
        .collect();
    out.push(Element {
        path: names.join("/"),
        attrs,
        text: String::new(),
    });
    out.len() - 1
}

/// Every element of `xml` in document order, with its text with whitespace runs as one space.
fn elements(xml: &str) -> Vec<Element> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<usize> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut out: Vec<Element> = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let index = open(&e, &mut names, &mut out);
                stack.push(index);
            }
            Event::Empty(e) => {
                open(&e, &mut names, &mut out);
                names.pop();
            }
            Event::End(_) => {
                stack.pop();
                names.pop();
            }
            Event::Text(t) => {
                if let Some(&index) = stack.last() {
                    let text = t.decode().expect("text");
                    out[index].text.push_str(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    for element in &mut out {
        element.text = element
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
    }
    out
}

fn find<'e>(elements: &'e [Element], path: &str) -> Vec<&'e Element> {
    elements.iter().filter(|e| e.path == path).collect()
}

/// The `key=value` lines of one `[group]` of a desktop entry.
fn desktop_group(text: &str, group: &str) -> Vec<(String, String)> {
    let mut in_group = false;
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with('[') {
            in_group = line == format!("[{group}]");
        } else if in_group && let Some((key, value)) = line.split_once('=') {
            out.push((key.to_owned(), value.to_owned()));
        }
    }
    out
}

fn value<'a>(pairs: &'a [(String, String)], key: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {key}="))
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let word =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (word(16), word(20))
}

#[test]
fn version_names_the_package_version() {
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("--version")
        .output()
        .expect("runs");
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        format!("dossier {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn the_desktop_entry_runs_command_lines_the_binary_accepts() {
    let name = format!("packaging/linux/{APP_ID}.desktop");
    let text = read(&name);
    let entry = desktop_group(&text, "Desktop Entry");
    assert_eq!(value(&entry, "Icon"), APP_ID);
    assert_eq!(value(&entry, "MimeType"), format!("{MIME_TYPE};"));
    assert_eq!(value(&entry, "Exec"), "dossier %f");
    // The launcher runs `dossier FILE` on a double-clicked project: a path, never a subcommand.
    let cli = Cli::try_parse_from(["dossier", "/home/a/notes.ron"]).expect("parses");
    assert!(cli.command.is_none() && cli.project.is_some());
    // eframe sets the X11 WM_CLASS class (as the Wayland app id) to the viewport's app id
    // (checked with xprop: WM_CLASS = "", "org.dossier.Dossier").
    assert_eq!(value(&entry, "StartupWMClass"), APP_ID);
    let actions: Vec<&str> = value(&entry, "Actions")
        .split(';')
        .filter(|a| !a.is_empty())
        .collect();
    assert_eq!(actions, ["new-project"]);
    for action in actions {
        let group = desktop_group(&text, &format!("Desktop Action {action}"));
        let exec = value(&group, "Exec");
        let words: Vec<&str> = exec.split_whitespace().collect();
        let cli = Cli::try_parse_from(&words).unwrap_or_else(|e| panic!("{exec}: {e}"));
        assert!(
            cli.new && cli.command.is_none(),
            "{exec} opens a new project"
        );
    }
}

#[test]
fn the_appstream_metadata_matches_the_app_and_its_screenshots_exist() {
    let xml = read(&format!("packaging/linux/{APP_ID}.metainfo.xml"));
    let all = elements(&xml);
    assert_eq!(find(&all, "component/id")[0].text, APP_ID);
    assert_eq!(
        find(&all, "component/launchable")[0].text,
        format!("{APP_ID}.desktop")
    );
    assert_eq!(
        find(&all, "component/provides/mediatype")[0].text,
        MIME_TYPE
    );
    assert_eq!(find(&all, "component/provides/binary")[0].text, "dossier");
    let releases = find(&all, "component/releases/release");
    assert_eq!(
        releases[0].attr("version"),
        Some(env!("CARGO_PKG_VERSION")),
        "the newest release is the package version"
    );
    let images = find(&all, "component/screenshots/screenshot/image");
    assert!(images.len() >= 3, "{images:?}");
    for image in images {
        let file = image.text.rsplit('/').next().expect("a file name");
        let path = root().join("assets").join(file);
        assert!(
            path.is_file(),
            "screenshot {} is not in assets/",
            image.text
        );
    }
}

#[test]
fn the_mime_type_recognises_what_the_program_writes_by_content() {
    let xml = read(&format!("packaging/linux/{APP_ID}.xml"));
    let all = elements(&xml);
    let types = find(&all, "mime-info/mime-type");
    assert_eq!(types.len(), 1);
    assert_eq!(types[0].attr("type"), Some(MIME_TYPE));
    assert!(
        find(&all, "mime-info/mime-type/glob").is_empty(),
        "recognised by content, not by claiming every .ron file"
    );
    let matches = find(&all, "mime-info/mime-type/magic/match");
    assert!(!matches.is_empty());
    let magic: Vec<(usize, String)> = matches
        .iter()
        .map(|m| {
            assert_eq!(m.attr("type"), Some("string"));
            let offset = m.attr("offset").expect("offset");
            let (from, to) = offset.split_once(':').expect("a range");
            assert_eq!(from, "0");
            (
                to.parse().expect("a number"),
                m.attr("value").expect("value").to_owned(),
            )
        })
        .collect();
    let recognised = |bytes: &[u8]| {
        magic.iter().any(|(range, value)| {
            let window = &bytes[..bytes.len().min(range + value.len())];
            window.windows(value.len()).any(|w| w == value.as_bytes())
        })
    };
    // The example as committed, and a project as the program saves it now.
    assert!(recognised(read("saves/ceasefire-2025.ron").as_bytes()));
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("new.ron");
    let project = dossier::example::example_project().expect("example");
    dossier::store::save(&project, &path).expect("saved");
    assert!(recognised(&std::fs::read(&path).expect("read")));
    let empty = dir.path().join("empty.ron");
    dossier::store::save(&dossier::model::Project::new("Untitled"), &empty).expect("saved");
    assert!(recognised(&std::fs::read(&empty).expect("read")));
    // Other RON files are not claimed.
    assert!(!recognised(
        b"(\n  name: \"settings\",\n  format: \"other\",\n)\n"
    ));
}

#[test]
fn every_icon_size_is_there_and_square() {
    for size in ICON_SIZES {
        let path = root().join(format!("assets/icon/dossier-{size}.png"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(png_size(&bytes), (size, size), "{}", path.display());
    }
    assert!(read("assets/icon/dossier.svg").contains("viewBox=\"0 0 512 512\""));
}

#[test]
fn the_debian_table_installs_every_file_under_the_app_id() {
    let manifest = read("Cargo.toml");
    let deb = manifest
        .split("[package.metadata.deb]")
        .nth(1)
        .expect("a [package.metadata.deb] table");
    let assets: Vec<(&str, &str)> = deb
        .lines()
        .filter_map(|line| {
            let line = line.trim().strip_prefix("[\"")?;
            let mut parts = line.split("\", \"");
            Some((parts.next()?, parts.next()?))
        })
        .collect();
    let dests: Vec<&str> = assets.iter().map(|(_, d)| *d).collect();
    for (source, dest) in &assets {
        if !source.starts_with("target/") {
            assert!(root().join(source).is_file(), "{source} does not exist");
        }
        assert!(dest.starts_with("usr/"), "{dest}");
    }
    for size in ICON_SIZES {
        let dest = format!("usr/share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png");
        assert!(dests.contains(&dest.as_str()), "no {dest}");
    }
    for dest in [
        "usr/bin/",
        "usr/share/applications/",
        "usr/share/metainfo/",
        "usr/share/mime/packages/",
        "usr/share/man/man1/",
        "usr/share/bash-completion/completions/dossier",
        "usr/share/zsh/vendor-completions/",
        "usr/share/fish/vendor_completions.d/",
    ] {
        assert!(dests.contains(&dest), "nothing goes to {dest}");
    }
    for file in [".desktop", ".metainfo.xml", ".xml"] {
        let source = format!("packaging/linux/{APP_ID}{file}");
        assert!(
            assets.iter().any(|(s, _)| *s == source),
            "{source} is not packaged"
        );
    }
}

#[test]
fn bash_completes_subcommands_and_flags_with_the_generated_script() {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("dossier.bash");
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["completions", "bash"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    std::fs::write(&script, &output.stdout).expect("write");
    let complete = |words: &[&str]| -> String {
        let program = format!(
            "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={}\n_dossier dossier '{}' '{}'\necho \"${{COMPREPLY[*]}}\"",
            script.display(),
            words
                .iter()
                .map(|w| format!("'{w}'"))
                .collect::<Vec<_>>()
                .join(" "),
            words.len() - 1,
            words[words.len() - 1],
            words[words.len() - 2],
        );
        let output = Command::new("bash")
            .args(["--noprofile", "--norc", "-c", &program])
            .output()
            .expect("bash runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    };
    assert_eq!(complete(&["dossier", "ex"]), "export");
    assert_eq!(complete(&["dossier", "comp"]), "completions");
    assert!(complete(&["dossier", "export", "--fo"]).contains("--format"));
    let shells = complete(&["dossier", "completions", ""]);
    for shell in ["bash", "zsh", "fish"] {
        assert!(shells.split(' ').any(|s| s == shell), "{shells}");
    }
}
