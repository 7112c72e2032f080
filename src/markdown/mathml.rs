//! Makes the converter's MathML valid HTML: `displaystyle` is allowed only on
//! `math`, `mstyle` and `mtable` (the Nu Html Checker rejects it elsewhere), so
//! an element carrying it (`\tfrac` gives `<mfrac displaystyle="false">`) is
//! wrapped in an `mstyle` that carries it instead, which renders the same.

/// The elements that may carry `displaystyle` themselves.
const ALLOWED: [&str; 3] = ["math", "mstyle", "mtable"];

/// `mathml` with every misplaced `displaystyle` moved onto a wrapping `mstyle`.
pub(super) fn displaystyle_on_mstyle(mathml: String) -> String {
    let mut out = mathml;
    let mut from = 0;
    while let Some(found) = out[from..].find(" displaystyle=\"") {
        let attr_at = from + found;
        let open = out[..attr_at].rfind('<').unwrap_or(0);
        let name: String = out[open + 1..attr_at]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let value_end = out[attr_at + 15..].find('"').map(|i| attr_at + 15 + i);
        let (Some(value_end), false) = (value_end, ALLOWED.contains(&name.as_str())) else {
            from = attr_at + 1;
            continue;
        };
        let value = out[attr_at + 15..value_end].to_string();
        let Some(close) = matching_close(&out, &name, value_end) else {
            from = attr_at + 1;
            continue;
        };
        let end = close + name.len() + 3;
        let element = format!("{}{}", &out[open..attr_at], &out[value_end + 1..end]);
        let wrapped = format!("<mstyle displaystyle=\"{value}\">{element}</mstyle>");
        out.replace_range(open..end, &wrapped);
        from = open + 1;
    }
    out
}

/// Where the `</name>` closing the element opened before `after` starts.
fn matching_close(s: &str, name: &str, after: usize) -> Option<usize> {
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let mut depth = 1;
    let mut at = after;
    loop {
        let next_close = s[at..].find(&close).map(|i| at + i)?;
        let next_open = s[at..].find(&open).map(|i| at + i);
        match next_open {
            Some(o) if o < next_close && is_tag_start(s, o + open.len()) => {
                depth += 1;
                at = o + open.len();
            }
            _ => {
                depth -= 1;
                if depth == 0 {
                    return Some(next_close);
                }
                at = next_close + close.len();
            }
        }
    }
}

/// Whether `<name` at this point is the whole element name (not `<mfracx`).
fn is_tag_start(s: &str, name_end: usize) -> bool {
    matches!(s.as_bytes().get(name_end), Some(b' ' | b'>' | b'/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displaystyle_on_a_fraction_moves_to_a_wrapping_mstyle() {
        let got = displaystyle_on_mstyle(
            "<math><mfrac displaystyle=\"false\"><mi>r</mi><mfrac><mn>1</mn><mn>2</mn></mfrac></mfrac><mo>)</mo></math>".into(),
        );
        assert_eq!(
            got,
            "<math><mstyle displaystyle=\"false\"><mfrac><mi>r</mi><mfrac><mn>1</mn><mn>2</mn></mfrac></mfrac></mstyle><mo>)</mo></math>"
        );
    }

    #[test]
    fn displaystyle_where_it_is_allowed_stays() {
        let s = "<math display=\"block\"><mstyle displaystyle=\"true\"><mi>x</mi></mstyle></math>";
        assert_eq!(displaystyle_on_mstyle(s.into()), s);
    }
}
