//! Property-based fuzzing of the front end, in process: arbitrary text, Python-shaped
//! token soup, and corpus programs with random edits must give diagnostics or a program,
//! never a panic.  `tools/difftest.py --fuzz N` does the same through the binary.

use multigen::driver::{self, Timings};
use multigen::syntax::SourceFile;
use proptest::prelude::*;

use crate::programs;

/// Runs the front end on a large stack, as the binary does; `Err` if it panicked.
fn front_end(text: String) -> Result<(), String> {
    let worker = std::thread::Builder::new().stack_size(1 << 28).spawn(move || {
        let file = SourceFile::new("fuzz.py", text);
        let _ = driver::check(&file, &mut Timings::default());
    });
    worker.map_err(|e| e.to_string())?.join().map_err(|_| "the front end panicked".to_string())
}

const TOKENS: &[&str] = &[
    "def ", "f", "(", ")", ":", "\n", "    ", "return ", "x", " = ", "1", "2.5", "\"s\"", "[", "]", "{", "}", ",", "+", "-", "*", "//", "%", "**", "<", "==", " and ",
    " or ", "not ", "if ", "else", "elif ", "while ", "for ", " in ", "range(", "print(", "int", "float", "str", "list[int]", "dict[str, int]", ": int", " -> int",
    "True", "None", "lambda", "class ", "try:", "except", "global ", "import math", ".append(", ".split()", "len(", "[i for i in xs]", "{1, 2}", "é", "\t",
];

fn token_soup() -> impl Strategy<Value = String> {
    proptest::collection::vec(0..TOKENS.len(), 0..80).prop_map(|idx| idx.into_iter().map(|i| TOKENS[i]).collect())
}

fn edited_corpus_program() -> impl Strategy<Value = String> {
    let sources: Vec<String> = programs("run").iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    (0..sources.len(), proptest::collection::vec((any::<usize>(), 0..4u8, any::<char>()), 1..8)).prop_map(move |(which, edits)| {
        let mut text: Vec<char> = sources[which].chars().collect();
        for (pos, kind, ch) in edits {
            if text.is_empty() {
                break;
            }
            let at = pos % text.len();
            match kind {
                0 => {
                    text.remove(at);
                }
                1 => text.insert(at, ch),
                2 => text[at] = ch,
                _ => {
                    let end = (at + 40).min(text.len());
                    let chunk: Vec<char> = text[at..end].to_vec();
                    text.splice(at..at, chunk);
                }
            }
        }
        text.into_iter().collect()
    })
}

proptest! {
    // FUZZ_CASES=100000 for a long run; the default keeps the test suite quick.
    #![proptest_config(ProptestConfig { cases: std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,300}") {
        prop_assert_eq!(front_end(text), Ok(()));
    }

    #[test]
    fn token_soup_never_panics(text in token_soup()) {
        prop_assert_eq!(front_end(text), Ok(()));
    }

    #[test]
    fn edited_programs_never_panic(text in edited_corpus_program()) {
        prop_assert_eq!(front_end(text), Ok(()));
    }
}
