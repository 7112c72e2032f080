//! TeX repeated to any depth never overflows the stack: each input is a level
//! (`open|close`) repeated up to thousands of times around a middle, and the
//! maths converter must return MathML or a problem, never abort.
#![no_main]

use folio::markdown::{MAX_TEX_NESTING, nesting, render, render_inline};
use libfuzzer_sys::fuzz_target;

/// The longest formula built, so that one input stays fast.
const MAX_LEN: usize = 200_000;

fuzz_target!(|data: &[u8]| {
    let Some((&[hi, lo], rest)) = data.split_first_chunk::<2>() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let mut parts = text.splitn(3, '|');
    let open = parts.next().unwrap_or("");
    let close = parts.next().unwrap_or("");
    let middle = parts.next().unwrap_or("x");
    let per_level = (open.len() + close.len()).max(1);
    let levels = (usize::from(hi) << 8 | usize::from(lo)).min(MAX_LEN / per_level);
    let tex = format!("{}{middle}{}", open.repeat(levels), close.repeat(levels));
    let mut problems = Vec::new();
    render_inline(&format!("${tex}$"), &mut problems);
    let too_deep = nesting(&tex) > MAX_TEX_NESTING;
    if too_deep && !tex.contains('$') && !tex.ends_with('\\') {
        assert!(!problems.is_empty(), "TeX nested past the limit was converted");
    }
    problems.clear();
    render(&format!("$${tex}$$"), "/", &mut problems);
});
