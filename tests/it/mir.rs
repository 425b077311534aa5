//! The mid-level IR as `multigen convert -t mir` prints it, for the small programs in
//! `tests/mir/` (insta snapshots: `cargo insta review` after a deliberate change).

use std::path::Path;

use crate::{multigen, stderr};

#[test]
fn mir_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mir");
    let mut files: Vec<_> = std::fs::read_dir(&root).expect("tests/mir exists").map(|e| e.expect("entry").path()).filter(|p| p.extension().is_some_and(|e| e == "py")).collect();
    files.sort();
    assert!(!files.is_empty());
    let out_dir = tempfile::tempdir().expect("temp dir");
    for py in files {
        let name = py.file_stem().expect("file name").to_string_lossy().into_owned();
        // Run from the folder so the printed file name is relative, as a user would see it.
        let out = multigen().current_dir(&root).args(["convert", "-t", "mir", "-d"]).arg(out_dir.path()).arg(format!("{name}.py")).output().expect("multigen runs");
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let text = std::fs::read_to_string(out_dir.path().join(format!("src/{name}.mir"))).expect("convert wrote the .mir");
        insta::assert_snapshot!(format!("mir@{name}"), text);
    }
}
