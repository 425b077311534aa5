//! The runtime's allocation counter (`MULTIGEN_ALLOC_STATS=1`): tuples that are only
//! returned and unpacked stay unboxed, in both modes.

use crate::{multigen, stderr, stdout};

fn objects_allocated(mode: &str, program: &str) -> (String, u64) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/alloc").join(program);
    let dir = tempfile::tempdir().expect("temp dir");
    let out = if mode == "run" {
        multigen().args(["run", "--no-cache"]).arg(&path).env("MULTIGEN_ALLOC_STATS", "1").output().expect("multigen runs")
    } else {
        let exe = dir.path().join("prog");
        let build = multigen().arg("build").arg(&path).arg("-o").arg(&exe).output().expect("multigen runs");
        assert!(build.status.success(), "{}", stderr(&build));
        std::process::Command::new(&exe).env("MULTIGEN_ALLOC_STATS", "1").output().expect("program runs")
    };
    assert!(out.status.success(), "{program}: {}", stderr(&out));
    let line = stderr(&out).lines().find(|l| l.starts_with("multigen: ")).map(str::to_string).unwrap_or_default();
    let n = line.trim_start_matches("multigen: ").trim_end_matches(" objects allocated").parse().unwrap_or_else(|_| panic!("no allocation count in {line:?}"));
    (stdout(&out), n)
}

#[test]
fn returned_and_unpacked_tuples_do_not_allocate() {
    for mode in ["run", "build"] {
        let (out, n) = objects_allocated(mode, "tuple_return_unpack.py");
        assert_eq!(out, "9999900000 1249987500.0\n");
        assert_eq!(n, 0, "{mode}: a tuple returned and unpacked allocated");
    }
}

#[test]
fn tuples_stored_in_a_list_are_boxed() {
    for mode in ["run", "build"] {
        let (out, n) = objects_allocated(mode, "tuple_in_list.py");
        assert_eq!(out, "10 (3, 'x')\n");
        // The list, its ten boxed tuples (the str literal is static).
        assert_eq!(n, 11, "{mode}");
    }
}
