//! What the corpus cannot compare byte for byte: the default repr of an instance holds
//! its address, as in CPython (`<__main__.Name object at 0x7f...>`), with the name of the
//! object's own class even where its static type is a base class.

use crate::{multigen, stderr, stdout};

#[test]
fn default_repr_names_the_class_and_a_real_address() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs/default_repr.py");
    let out = multigen().args(["run", "--no-cache"]).arg(&path).output().expect("multigen runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    let addr = |s: &str| -> u64 {
        let hex = s.split(" object at 0x").nth(1).and_then(|r| r.split('>').next()).unwrap_or_else(|| panic!("no address in {s}"));
        u64::from_str_radix(hex, 16).unwrap_or_else(|_| panic!("not hex: {hex}"))
    };
    assert!(lines[0].starts_with("<__main__.Plain object at 0x") && lines[0].ends_with('>'), "{}", lines[0]);
    let parts: Vec<&str> = lines[1].trim_matches(|c| c == '[' || c == ']').split(", ").collect();
    assert!(parts[0].starts_with("<__main__.Plain object at 0x"), "{}", lines[1]);
    assert!(parts[1].starts_with("<__main__.Sub object at 0x"), "{}", lines[1]);
    // The same object prints the same address; two objects, two addresses.
    assert_eq!(addr(lines[0]), addr(parts[0]));
    assert_ne!(addr(parts[0]), addr(parts[1]));
    assert_ne!(addr(parts[0]), 0);
}
