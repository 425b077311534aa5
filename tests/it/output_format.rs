//! `--output-format json|github`: diagnostics for editors and CI, with the exit status of
//! the rendered form.

use crate::{multigen, stderr, stdout};

/// A program of two files, each with one error; the helper's is after a non-ASCII string,
/// so its column counts characters, not bytes.
fn two_file_program() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("main.py"), "import helper\nx: int = \"a, b: 100%\"\nprint(helper.g())\n").expect("write");
    std::fs::write(dir.path().join("helper.py"), "def g() -> int:\n    return \"é€\" + 1\n").expect("write");
    dir
}

#[test]
fn json_lines_one_object_per_diagnostic() {
    let dir = two_file_program();
    for verb in ["check", "run", "build"] {
        let out = multigen().current_dir(dir.path()).args([verb, "--output-format", "json", "main.py"]).output().expect("multigen runs");
        assert_eq!(out.status.code(), Some(1), "{verb}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{verb}: json goes to stdout alone");
        let diags: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).expect("each line is a JSON object")).collect();
        assert_eq!(diags.len(), 2, "{verb}: {}", stdout(&out));
        let main = &diags[0];
        assert_eq!(main["code"], "type-mismatch");
        assert_eq!(main["file"], "main.py");
        assert_eq!((main["line"].as_u64(), main["column"].as_u64()), (Some(2), Some(10)));
        assert_eq!((main["end_line"].as_u64(), main["end_column"].as_u64()), (Some(2), Some(22)));
        assert_eq!(main["message"], "annotation says `int` but the value is `str`");
        assert_eq!(main["label"], "this is `str`");
        assert!(main["help"].as_str().is_some_and(|h| !h.is_empty()), "{main}");
        let helper = &diags[1];
        assert_eq!(helper["file"], "helper.py");
        // `"é€" + 1` starts at character 12 of line 2 and is 8 characters long.
        assert_eq!((helper["line"].as_u64(), helper["column"].as_u64()), (Some(2), Some(12)));
        assert_eq!((helper["end_line"].as_u64(), helper["end_column"].as_u64()), (Some(2), Some(20)));
    }
}

#[test]
fn json_syntax_error_and_clean_program() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("bad.py"), "def f(:\n    pass\n").expect("write");
    let out = multigen().current_dir(dir.path()).args(["check", "--output-format", "json", "bad.py"]).output().expect("multigen runs");
    assert_eq!(out.status.code(), Some(1));
    let diag: serde_json::Value = serde_json::from_str(stdout(&out).trim()).expect("one JSON object");
    assert_eq!(diag["code"], "syntax-error");
    assert_eq!(diag["line"].as_u64(), Some(1));
    std::fs::write(dir.path().join("good.py"), "print(1)\n").expect("write");
    let out = multigen().current_dir(dir.path()).args(["check", "--output-format", "json", "good.py"]).output().expect("multigen runs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
}

#[test]
fn github_annotations() {
    let dir = two_file_program();
    let out = multigen().current_dir(dir.path()).args(["check", "--output-format", "github", "main.py"]).output().expect("multigen runs");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "::error file=main.py,line=2,col=10,endLine=2,endColumn=22,title=type-mismatch::annotation says `int` but the value is `str`%0Ahelp: make the value match the annotation, or fix the annotation",
            "::error file=helper.py,line=2,col=12,endLine=2,endColumn=20,title=type-mismatch::unsupported operand types for +: `str` and `int`%0Ahelp: convert one operand, e.g. with str(...), int(...) or float(...)",
        ]
    );
}

/// A file name with `,`, `:` and `%` is escaped as a property; `%` in a message as data.
#[test]
fn github_escapes_properties_and_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let name = "a,b:c%d.py";
    std::fs::write(dir.path().join(name), "print(\"%d\" % 1, undefined_name)\n").expect("write");
    let out = multigen().current_dir(dir.path()).args(["check", "--output-format=github", name]).output().expect("multigen runs");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("::error file=a%2Cb%3Ac%25d.py,line=1,col="), "{text}");
    assert!(!text.trim_end().contains('\n'), "one annotation, one line: {text}");
}
