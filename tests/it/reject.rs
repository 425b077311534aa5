//! Programs outside the subset: `multigen check` must refuse them with a
//! diagnostic naming `FILE.py:LINE`, exit 1, and never crash.  The rendered
//! diagnostics are insta snapshots (`cargo insta review` to update).

use crate::{corpus_dir, multigen, programs, stderr};

#[test]
fn reject_corpus() {
    let root = corpus_dir("reject");
    for py in programs("reject") {
        let name = py.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let line = std::fs::read_to_string(py.with_extension("line")).expect("every reject program has a .line file");
        // Run from the corpus folder so the snapshot shows a relative path, as a user would see.
        let out = multigen().current_dir(&root).arg("check").arg(&name).output().expect("multigen runs");
        let text = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: want exit 1, got {:?}\n{text}", out.status.code());
        let location = format!("{name}:{}:", line.trim());
        assert!(text.contains(&location), "{name}: diagnostic does not name {location}\n{text}");
        assert!(text.contains("error") && text.contains("help:"), "{name}: diagnostic lacks error/help lines\n{text}");
        insta::assert_snapshot!(format!("refused@{name}"), text);
    }
}
