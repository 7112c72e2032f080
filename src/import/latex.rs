//! LaTeX in BibTeX field values to plain Unicode text: accents and letter
//! commands become characters, formatting commands are unwrapped, case-protection
//! braces go, dashes and quotes become typographic ones. Maths stays TeX between
//! `$`, because folio renders it.

/// Converts a field value to one line of text (whitespace collapsed).
pub fn to_text(tex: &str) -> String {
    collapse(&convert(tex))
}

/// Converts a long field value (an abstract) keeping its paragraphs: blank lines
/// in the source become blank lines in the text.
pub fn to_paragraphs(tex: &str) -> String {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in tex.lines() {
        if line.trim().is_empty() {
            if !current.trim().is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            current.clear();
        } else {
            current.push_str(line);
            current.push('\n');
        }
    }
    if !current.trim().is_empty() {
        paragraphs.push(current);
    }
    paragraphs
        .iter()
        .map(|p| to_text(p))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn convert(tex: &str) -> String {
    let chars: Vec<char> = tex.chars().collect();
    let mut out = String::with_capacity(tex.len());
    let mut i = 0;
    group(&chars, &mut i, &mut out, false, 0);
    out
}

/// How many accents may take an accented letter as their argument (`\\'\\'e`):
/// the only recursion left, bounded so that no input overflows the stack. An
/// accent deeper than this gets no argument; its text is converted after it.
const MAX_ARGUMENT_DEPTH: usize = 32;

/// Converts until the end or, inside a group, until its closing brace (consumed).
/// Braces nested inside are only counted, so any depth takes no stack.
fn group(c: &[char], i: &mut usize, out: &mut String, inside: bool, depth: usize) {
    let mut open = 0usize;
    while *i < c.len() {
        let ch = c[*i];
        *i += 1;
        match ch {
            '}' if open > 0 => open -= 1,
            '}' if inside => return,
            '}' => {}
            '{' => open += 1,
            '$' => math(c, i, out),
            '\\' => command(c, i, out, depth),
            '~' => out.push(' '),
            '-' => dashes(c, i, out),
            '`' if c.get(*i) == Some(&'`') => {
                *i += 1;
                out.push('“');
            }
            '`' => out.push('‘'),
            '\'' if c.get(*i) == Some(&'\'') => {
                *i += 1;
                out.push('”');
            }
            _ => out.push(ch),
        }
    }
}

fn dashes(c: &[char], i: &mut usize, out: &mut String) {
    let mut n = 1;
    while c.get(*i) == Some(&'-') {
        n += 1;
        *i += 1;
    }
    match n {
        1 => out.push('-'),
        2 => out.push('–'),
        3 => out.push('—'),
        _ => out.extend(std::iter::repeat_n('-', n)),
    }
}

/// Copies `$...$` or `$$...$$` verbatim (the opening `$` is consumed already).
fn math(c: &[char], i: &mut usize, out: &mut String) {
    let display = c.get(*i) == Some(&'$');
    let delim = if display { "$$" } else { "$" };
    if display {
        *i += 1;
    }
    out.push_str(delim);
    while *i < c.len() {
        let ch = c[*i];
        *i += 1;
        if ch == '\\' && *i < c.len() {
            out.push(ch);
            out.push(c[*i]);
            *i += 1;
            continue;
        }
        if ch == '$' {
            if display && c.get(*i) == Some(&'$') {
                *i += 1;
            }
            out.push_str(delim);
            return;
        }
        out.push(ch);
    }
    // An unclosed formula: close it so the rest of the text is not swallowed.
    out.push_str(delim);
}

/// Copies maths written as `\(...\)` or `\[...\]` into `$...$` or `$$...$$`.
fn bracket_math(c: &[char], i: &mut usize, out: &mut String, close: char, delim: &str) {
    out.push_str(delim);
    while *i < c.len() {
        if c[*i] == '\\' && c.get(*i + 1) == Some(&close) {
            *i += 2;
            break;
        }
        out.push(c[*i]);
        *i += 1;
    }
    out.push_str(delim);
}

/// Handles a command; the backslash is consumed already.
fn command(c: &[char], i: &mut usize, out: &mut String, depth: usize) {
    let Some(&first) = c.get(*i) else {
        out.push('\\');
        return;
    };
    if !first.is_ascii_alphabetic() {
        *i += 1;
        control_symbol(first, c, i, out, depth);
        return;
    }
    let start = *i;
    while c.get(*i).is_some_and(char::is_ascii_alphabetic) {
        *i += 1;
    }
    let name: String = c[start..*i].iter().collect();
    control_word(&name, c, i, out, depth);
}

fn control_symbol(sym: char, c: &[char], i: &mut usize, out: &mut String, depth: usize) {
    match sym {
        '\'' | '`' | '^' | '"' | '~' | '=' | '.' => {
            let base = argument(c, i, false, depth);
            out.push_str(&accent(sym, &base));
        }
        '&' | '%' | '$' | '#' | '_' | '{' | '}' => out.push(sym),
        '\\' | ' ' | ',' | ';' | ':' | '\n' | '\t' => out.push(' '),
        '(' => bracket_math(c, i, out, ')', "$"),
        '[' => bracket_math(c, i, out, ']', "$$"),
        '-' | '/' | '@' | '!' => {}
        _ => out.push(sym),
    }
}

/// Letters made by a command, such as `\ss` or `\L`.
fn letter(name: &str) -> Option<&'static str> {
    Some(match name {
        "ss" => "ß",
        "SS" => "SS",
        "o" => "ø",
        "O" => "Ø",
        "l" => "ł",
        "L" => "Ł",
        "ae" => "æ",
        "AE" => "Æ",
        "oe" => "œ",
        "OE" => "Œ",
        "aa" => "å",
        "AA" => "Å",
        "i" => "ı",
        "j" => "ȷ",
        "dh" => "ð",
        "DH" => "Ð",
        "th" => "þ",
        "TH" => "Þ",
        "dj" => "đ",
        "DJ" => "Đ",
        "ng" => "ŋ",
        "NG" => "Ŋ",
        _ => return None,
    })
}

/// Symbols made by a command, such as `\textendash` or `\LaTeX`.
fn symbol(name: &str) -> Option<&'static str> {
    Some(match name {
        "textendash" => "–",
        "textemdash" => "—",
        "ldots" | "dots" | "textellipsis" => "…",
        "copyright" | "textcopyright" => "©",
        "textregistered" => "®",
        "texttrademark" => "™",
        "S" | "textsection" => "§",
        "P" | "textparagraph" => "¶",
        "euro" | "EUR" | "texteuro" => "€",
        "pounds" | "textsterling" => "£",
        "textdegree" => "°",
        "textasciitilde" => "~",
        "textasciicircum" => "^",
        "textbackslash" => "\\",
        "textbar" => "|",
        "textless" => "<",
        "textgreater" => ">",
        "textunderscore" => "_",
        "textquoteleft" => "‘",
        "textquoteright" => "’",
        "textquotedblleft" => "“",
        "textquotedblright" => "”",
        "guillemotleft" | "guillemetleft" => "«",
        "guillemotright" | "guillemetright" => "»",
        "textperiodcentered" => "·",
        "textbullet" => "•",
        "dag" | "textdagger" => "†",
        "ddag" | "textdaggerdbl" => "‡",
        "LaTeX" => "LaTeX",
        "TeX" => "TeX",
        "BibTeX" => "BibTeX",
        "quad" | "qquad" | "par" | "newline" | "linebreak" => " ",
        _ => return None,
    })
}

/// Commands whose single argument is the text itself.
const WRAPPERS: &[&str] = &[
    "textit",
    "textbf",
    "textsc",
    "texttt",
    "textrm",
    "textsf",
    "textsl",
    "textup",
    "textmd",
    "textnormal",
    "emph",
    "mbox",
    "hbox",
    "text",
    "uline",
    "underline",
    "NoCaseChange",
    "MakeUppercase",
    "MakeLowercase",
    "textsuperscript",
    "textsubscript",
];

/// Font switches such as `{\em text}`: they change the look, not the text.
const DECLARATIONS: &[&str] = &[
    "em",
    "it",
    "bf",
    "sc",
    "tt",
    "rm",
    "sf",
    "sl",
    "up",
    "normalfont",
    "bfseries",
    "itshape",
    "scshape",
    "ttfamily",
    "rmfamily",
    "sffamily",
    "upshape",
    "mdseries",
    "tiny",
    "small",
    "footnotesize",
    "normalsize",
    "large",
    "Large",
    "relax",
    "protect",
];

/// The accent commands named by a letter (`\c{c}` ç, `\v{s}` š).
fn letter_accent(name: &str) -> Option<char> {
    Some(match name {
        "c" => 'c',
        "v" => 'v',
        "u" => 'u',
        "H" => 'H',
        "k" => 'k',
        "r" => 'r',
        "d" => 'd',
        "b" => 'b',
        "t" => 't',
        _ => return None,
    })
}

fn control_word(name: &str, c: &[char], i: &mut usize, out: &mut String, depth: usize) {
    if let Some(acc) = letter_accent(name) {
        let base = argument(c, i, true, depth);
        out.push_str(&accent(acc, &base));
        return;
    }
    if let Some(s) = letter(name).or_else(|| symbol(name)) {
        // TeX drops the spaces after a control word, and `\ss{}` ends it explicitly.
        skip_spaces(c, i);
        if c.get(*i) == Some(&'{') && c.get(*i + 1) == Some(&'}') {
            *i += 2;
        }
        out.push_str(s);
        return;
    }
    if WRAPPERS.contains(&name) {
        skip_spaces(c, i);
        return;
    }
    if DECLARATIONS.contains(&name) {
        skip_spaces(c, i);
        return;
    }
    match name {
        // csquotes' quotation keeps its quotation marks.
        "enquote" => {
            let inner = argument(c, i, true, depth);
            out.push('“');
            out.push_str(&inner);
            out.push('”');
        }
        "url" => {
            skip_spaces(c, i);
            out.push_str(&raw_group(c, i));
        }
        "href" => {
            skip_spaces(c, i);
            raw_group(c, i);
        }
        "ensuremath" => {
            skip_spaces(c, i);
            out.push('$');
            out.push_str(&raw_group(c, i));
            out.push('$');
        }
        // Sorting hints print nothing.
        "noopsort" | "sortnoop" | "SortNoop" => {
            skip_spaces(c, i);
            raw_group(c, i);
        }
        _ if c.get(*i) == Some(&'{') => {}
        _ => {
            out.push('\\');
            out.push_str(name);
        }
    }
}

fn skip_spaces(c: &[char], i: &mut usize) {
    while c.get(*i).is_some_and(|ch| ch.is_whitespace()) {
        *i += 1;
    }
}

/// The text of a `{...}` group, unconverted; empty when there is none.
fn raw_group(c: &[char], i: &mut usize) -> String {
    if c.get(*i) != Some(&'{') {
        return String::new();
    }
    *i += 1;
    let mut depth = 1;
    let mut s = String::new();
    while *i < c.len() {
        let ch = c[*i];
        *i += 1;
        match ch {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        s.push(ch);
    }
    s
}

/// The argument of an accent: `{e}`, `{\i}`, `e`, or `\i`, converted.
fn argument(c: &[char], i: &mut usize, skip_space: bool, depth: usize) -> String {
    if depth >= MAX_ARGUMENT_DEPTH {
        return String::new();
    }
    if skip_space {
        skip_spaces(c, i);
    }
    match c.get(*i) {
        Some('{') => {
            *i += 1;
            let mut s = String::new();
            group(c, i, &mut s, true, depth + 1);
            s
        }
        Some('\\') => {
            *i += 1;
            let mut s = String::new();
            command(c, i, &mut s, depth + 1);
            s
        }
        Some(&ch) => {
            *i += 1;
            ch.to_string()
        }
        None => String::new(),
    }
}

/// The combining mark of an accent command.
fn combining(acc: char) -> char {
    match acc {
        '\'' => '\u{301}',
        '`' => '\u{300}',
        '^' => '\u{302}',
        '"' => '\u{308}',
        '~' => '\u{303}',
        '=' => '\u{304}',
        '.' => '\u{307}',
        'c' => '\u{327}',
        'v' => '\u{30C}',
        'u' => '\u{306}',
        'H' => '\u{30B}',
        'k' => '\u{328}',
        'r' => '\u{30A}',
        'd' => '\u{323}',
        'b' => '\u{331}',
        _ => '\u{361}',
    }
}

/// Precomposed letters, as pairs of (base, accented), for each accent.
fn precomposed(acc: char) -> &'static str {
    match acc {
        '\'' => "AÁEÉIÍOÓUÚYÝaáeéiíoóuúyýCĆcćLĹlĺNŃnńRŔrŕSŚsśZŹzźGǴgǵKḰkḱMḾmḿPṔpṕWẂwẃÆǼæǽØǾøǿ",
        '`' => "AÀEÈIÌOÒUÙaàeèiìoòuùNǸnǹWẀwẁYỲyỳ",
        '^' => "AÂEÊIÎOÔUÛaâeêiîoôuûCĈcĉGĜgĝHĤhĥJĴjĵSŜsŝWŴwŵYŶyŷZẐzẑ",
        '"' => "AÄEËIÏOÖUÜaäeëiïoöuüyÿYŸHḦhḧWẄwẅXẌxẍ",
        '~' => "AÃNÑOÕaãnñoõIĨiĩUŨuũEẼeẽYỸyỹ",
        '=' => "AĀaāEĒeēIĪiīOŌoōUŪuūYȲyȳGḠgḡ",
        '.' => "CĊcċEĖeėGĠgġIİZŻzżAȦaȧOȮoȯ",
        'c' => "CÇcçSŞsşTŢtţGĢgģKĶkķLĻlļNŅnņRŖrŗEȨeȩ",
        'v' => "CČcčDĎdďEĚeěNŇnňRŘrřSŠsšTŤtťZŽzžAǍaǎIǏiǐOǑoǒUǓuǔGǦgǧKǨkǩLĽlľ",
        'u' => "AĂaăEĔeĕGĞgğIĬiĭOŎoŏUŬuŭ",
        'H' => "OŐoőUŰuű",
        'k' => "AĄaąEĘeęIĮiįUŲuųOǪoǫ",
        'r' => "AÅaåUŮuů",
        'd' => "AẠaạEẸeẹIỊiịOỌoọUỤuụ",
        _ => "",
    }
}

/// Puts an accent on the first letter of `base`: a precomposed letter when Unicode
/// has one, else the letter and a combining mark.
fn accent(acc: char, base: &str) -> String {
    let mut chars = base.chars();
    let Some(first) = chars.next() else {
        // `\"{}` alone: the accent itself.
        return match acc {
            '"' => "¨".into(),
            '\'' => "´".into(),
            '`' => "`".into(),
            '^' => "^".into(),
            '~' => "~".into(),
            _ => String::new(),
        };
    };
    let first = match first {
        'ı' => 'i',
        'ȷ' => 'j',
        f => f,
    };
    let table: Vec<char> = precomposed(acc).chars().collect();
    let composed = table
        .chunks(2)
        .find(|pair| pair[0] == first)
        .map(|pair| pair[1].to_string())
        .unwrap_or_else(|| format!("{first}{}", combining(acc)));
    composed + chars.as_str()
}

/// Latin letters with diacritics folded to ASCII (`ö` o, `ß` ss, `Ł` L), so that
/// file names made from names are plain ASCII wherever that is possible. Letters
/// of other scripts are kept.
pub fn fold_ascii(text: &str) -> String {
    const ACCENTS: [char; 14] = [
        '\'', '`', '^', '"', '~', '=', '.', 'c', 'v', 'u', 'H', 'k', 'r', 'd',
    ];
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() || ('\u{300}'..='\u{36f}').contains(&c) {
            if c.is_ascii() {
                out.push(c);
            }
            continue;
        }
        let special = match c {
            'ß' => Some("ss"),
            'æ' => Some("ae"),
            'Æ' => Some("AE"),
            'œ' => Some("oe"),
            'Œ' => Some("OE"),
            'ø' => Some("o"),
            'Ø' => Some("O"),
            'ł' => Some("l"),
            'Ł' => Some("L"),
            'đ' | 'ð' => Some("d"),
            'Đ' | 'Ð' => Some("D"),
            'þ' => Some("th"),
            'Þ' => Some("Th"),
            'ı' => Some("i"),
            'ŋ' => Some("ng"),
            _ => None,
        };
        if let Some(s) = special {
            out.push_str(s);
            continue;
        }
        let base = ACCENTS.iter().find_map(|&acc| {
            let table: Vec<char> = precomposed(acc).chars().collect();
            table
                .chunks(2)
                .find(|pair| pair[1] == c)
                .map(|pair| pair[0])
        });
        out.push(base.unwrap_or(c));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_in_all_their_spellings() {
        assert_eq!(to_text(r#"G{\"o}del"#), "Gödel");
        assert_eq!(to_text(r#"G\"odel"#), "Gödel");
        assert_eq!(to_text(r#"G\"{o}del"#), "Gödel");
        assert_eq!(to_text(r"Erd\H{o}s"), "Erdős");
        assert_eq!(to_text(r"Caf\'e"), "Café");
        assert_eq!(to_text(r#"na\"{\i}ve"#), "naïve");
        assert_eq!(to_text(r"\v{S}koda"), "Škoda");
        assert_eq!(to_text(r"Fran\c{c}ois"), "François");
        assert_eq!(to_text(r"Fran\c cois"), "François");
        assert_eq!(to_text(r"Ma\~{n}ana"), "Mañana");
        assert_eq!(to_text(r"\'{\j}"), "j\u{301}");
    }

    #[test]
    fn letter_commands_become_letters() {
        assert_eq!(to_text(r"{\L}ukasz"), "Łukasz");
        assert_eq!(to_text(r"Stra{\ss}e"), "Straße");
        assert_eq!(to_text(r"Stra\ss e"), "Straße");
        assert_eq!(to_text(r"Stra\ss{}e"), "Straße");
        assert_eq!(
            to_text(r"{\O}stergaard and {\AE}sir"),
            "Østergaard and Æsir"
        );
        assert_eq!(to_text(r"\LaTeX\ and Bib\TeX"), "LaTeX and BibTeX");
    }

    #[test]
    fn symbols_dashes_quotes_and_spaces() {
        assert_eq!(to_text(r"Salt \& Pepper"), "Salt & Pepper");
        assert_eq!(to_text("pages 1--10 --- or not"), "pages 1–10 — or not");
        assert_eq!(to_text("Fig.~3 of  the\n  paper"), "Fig. 3 of the paper");
        assert_eq!(to_text("``Quoted'' text"), "“Quoted” text");
        assert_eq!(to_text(r"50\% more"), "50% more");
    }

    #[test]
    fn formatting_is_unwrapped_and_braces_removed() {
        assert_eq!(
            to_text(r"The \textit{Drosophila} {GENOME} {\em really}"),
            "The Drosophila GENOME really"
        );
        assert_eq!(
            to_text(r"\emph{Deep} {{BERT}}: \textbf{pre}-training"),
            "Deep BERT: pre-training"
        );
        assert_eq!(
            to_text(r"see \url{https://x.org/a--b}"),
            "see https://x.org/a--b"
        );
        assert_eq!(to_text(r"\href{https://x.org}{the site}"), "the site");
        assert_eq!(to_text(r"\unknown kept"), r"\unknown kept");
    }

    #[test]
    fn enquote_keeps_its_quotation_marks_and_bracket_maths_becomes_dollars() {
        assert_eq!(to_text(r"On \enquote{good} proofs"), "On “good” proofs");
        assert_eq!(to_text(r"Ann. \(K\)-Theory"), "Ann. $K$-Theory");
    }

    #[test]
    fn maths_is_kept_verbatim() {
        assert_eq!(
            to_text(r"Bounds of $O(n^{2})$ -- and {$\mathcal{L}_1$}"),
            r"Bounds of $O(n^{2})$ – and $\mathcal{L}_1$"
        );
        assert_eq!(to_text(r"Cost $\$5$ per $$x$$"), r"Cost $\$5$ per $$x$$");
        assert_eq!(to_text(r"\(x^2\) and \ensuremath{y}"), "$x^2$ and $y$");
        assert_eq!(to_text("open $x"), "open $x$");
    }

    #[test]
    fn deep_nesting_takes_no_stack() {
        let n = 100_000;
        let braces = format!("{}x{}", "{".repeat(n), "}".repeat(n));
        assert_eq!(to_text(&braces), "x");
        // Past the limit an accent gets no argument: the letter keeps the others.
        let accents = format!("{}e", "\\'".repeat(n));
        assert!(to_text(&accents).contains('é'));
        let grouped = format!("{}e{}", "\\'{".repeat(n), "}".repeat(n));
        assert!(to_text(&grouped).ends_with('e'));
    }

    #[test]
    fn letters_fold_to_ascii_for_file_names() {
        assert_eq!(
            fold_ascii("Gödel Straßer Łukasz García"),
            "Godel Strasser Lukasz Garcia"
        );
        assert_eq!(fold_ascii("e\u{301}té 論文"), "ete 論文");
    }

    #[test]
    fn paragraphs_are_kept_in_long_text() {
        assert_eq!(
            to_paragraphs("First line\n  goes on.\n\n\n  Second  para.\n"),
            "First line goes on.\n\nSecond para."
        );
    }
}
