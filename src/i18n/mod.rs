//! The string table: every word folio itself puts on a page (headings, labels,
//! month names, ordinals, metric notes, "et al.") comes from a locale chosen by
//! `language` in `site.yaml`, with single strings overridable under `strings:`.
//!
//! A locale is a YAML file embedded in the binary (`en.yaml` is the reference:
//! every locale has its keys). Besides plain strings it holds what a language
//! needs beyond words: text direction, plural rules for counted nouns and for
//! ordinals (named after their CLDR rule families), month names and date
//! patterns. `x-pseudo` is English with every string wrapped in `⟦…⟧`, which
//! tests use to find text that bypasses the table.
//!
//! A leaf module: it imports nothing from the rest of folio.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;

mod tag;

/// The pseudo-locale's language tag.
pub const PSEUDO: &str = "x-pseudo";

/// Built-in locales: language subtag and file. `en` is the reference.
const BUILT_IN: [(&str, &str); 10] = [
    ("en", include_str!("en.yaml")),
    ("de", include_str!("de.yaml")),
    ("fr", include_str!("fr.yaml")),
    ("es", include_str!("es.yaml")),
    ("pt", include_str!("pt.yaml")),
    ("it", include_str!("it.yaml")),
    ("zh", include_str!("zh.yaml")),
    ("ja", include_str!("ja.yaml")),
    ("ko", include_str!("ko.yaml")),
    ("ar", include_str!("ar.yaml")),
];

/// The hint for a `language` that is not a language tag.
pub const LANGUAGE_HINT: &str = "write a BCP 47 language tag: one of folio's languages (en, de, fr, es, pt, it, zh, ja, ko, ar, with a region if you like: pt-BR), or another tag such as nl, whose pages get folio's words in English; see docs/languages.md";

/// Writing direction of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

/// CLDR cardinal plural rule families: which form a count takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Cardinal {
    /// English, German, Spanish, Italian...: 1 is `one`, everything else `other`.
    OneOther,
    /// French, Portuguese (Brazil): 0 and 1 are `one`.
    ZeroOneOne,
    /// Chinese, Japanese, Korean: a single form.
    Other,
    /// Arabic: zero, one, two, few (3-10), many (11-99), other.
    Arabic,
}

/// Ordinal rule families.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum OrdinalRule {
    /// 1st, 2nd, 3rd, 4th, 11th, 21st.
    En,
    /// One form for every number (`{n}.`, `第{n}`).
    Other,
    /// French: 1er, then 2e.
    Fr,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct DatePatterns {
    day: String,
    month: String,
    /// Month and year with the month's full name (`October 2013`), as
    /// references in the ACM style write it.
    month_full: String,
    year: String,
}

/// What an ordinal number counts. Each use has its own forms, since the
/// counted noun's gender can change them: Spanish writes an author's rank
/// `5.º` (autor) but an edition `2.ª` (edición), French `1er` and `1re`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ordinal {
    /// An author's position in a list: "(5th of 12)".
    Author,
    /// The edition of a book: "2nd ed.".
    Edition,
}

/// The forms of ordinal numbers for each use, by ordinal rule category.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Ordinals {
    author: BTreeMap<String, String>,
    edition: BTreeMap<String, String>,
}

impl Ordinals {
    fn of(&self, use_: Ordinal) -> &BTreeMap<String, String> {
        match use_ {
            Ordinal::Author => &self.author,
            Ordinal::Edition => &self.edition,
        }
    }

    fn map(&self, f: impl Fn(&String) -> String) -> Ordinals {
        let each =
            |m: &BTreeMap<String, String>| m.iter().map(|(k, v)| (k.clone(), f(v))).collect();
        Ordinals {
            author: each(&self.author),
            edition: each(&self.edition),
        }
    }
}

/// CLDR's list patterns (standard, "and"): `two` joins a list of two;
/// `start`, `middle` and `end` join the first, the inner and the last pair
/// of a longer one. `{0}` and `{1}` are the two sides.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListPatterns {
    two: String,
    start: String,
    middle: String,
    end: String,
    /// Between the items of an enumeration without "and" (a CV's advisors, a
    /// course's terms, a list field): `, `, Chinese and Japanese `、`, Arabic `، `.
    separator: String,
    /// Other `two` and `end` patterns for a last item that starts a certain
    /// way: Spanish writes "y" as "e" before the sound /i/ (García e Iglesias).
    #[serde(default)]
    before: Vec<ListBefore>,
}

/// `two` and `end` for a last item starting with one of `starts` (ignoring
/// case) and with none of `except`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListBefore {
    starts: Vec<String>,
    #[serde(default)]
    except: Vec<String>,
    two: String,
    end: String,
}

impl ListPatterns {
    /// The `two` and `end` patterns for a list whose last item is `last`.
    fn last_pair(&self, last: &str) -> (&str, &str) {
        let lower = last.to_lowercase();
        let starts = |prefixes: &[String]| prefixes.iter().any(|p| lower.starts_with(p.as_str()));
        match self
            .before
            .iter()
            .find(|b| starts(&b.starts) && !starts(&b.except))
        {
            Some(b) => (&b.two, &b.end),
            None => (&self.two, &self.end),
        }
    }
}

/// A locale file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct LocaleFile {
    name: String,
    direction: Direction,
    reviewed: bool,
    cardinal: Cardinal,
    ordinal: OrdinalRule,
    months: Vec<String>,
    months_short: Vec<String>,
    dates: DatePatterns,
    #[serde(default = "default_thousands")]
    thousands_separator: String,
    /// CLDR's minimumGroupingDigits: 2 leaves four-digit numbers ungrouped
    /// (Spanish and Italian write 2024 citations, but 12.345).
    #[serde(default = "default_grouping")]
    minimum_grouping_digits: usize,
    ordinals: Ordinals,
    lists: ListPatterns,
    strings: BTreeMap<String, String>,
    plurals: BTreeMap<String, BTreeMap<String, String>>,
}

fn default_thousands() -> String {
    ",".into()
}

fn default_grouping() -> usize {
    1
}

/// A site's override of one string: a text, or the forms of a counted noun.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
#[derive(schemars::JsonSchema)]
pub enum Override {
    Text(String),
    Forms(BTreeMap<String, String>),
}

/// The strings of one site: a built-in locale with the site's overrides.
#[derive(Debug, Clone)]
pub struct Locale {
    /// The site's language tag, as written (`en`, `de-CH`).
    pub language: String,
    pub direction: Direction,
    /// The locale's name in English, and whether a native speaker checked it.
    pub name: String,
    pub reviewed: bool,
    file: Arc<LocaleFile>,
    /// The table as a template value (`t` in templates), made once.
    value: tera::Value,
}

/// A problem with the `language` or `strings` of `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The key of `strings:` concerned, if any.
    pub key: Option<String>,
    pub message: String,
    /// An error, or only a warning.
    pub fatal: bool,
}

impl Locale {
    /// The locale for `language`, with `overrides` applied. A `language`
    /// that is not a language tag, unknown override keys, forms and
    /// placeholders are errors (a problem without `key` is about `language`);
    /// a language without a built-in table falls back to English with a
    /// warning. Region and script subtags pick their language's table
    /// (`pt-BR` -> `pt`), and the tag is written back in canonical case.
    pub fn new(language: &str, overrides: &BTreeMap<String, Override>) -> (Locale, Vec<Problem>) {
        let mut problems = Vec::new();
        let (language, mut file) = if language == PSEUDO {
            (language.to_string(), pseudo(&reference()))
        } else {
            match tag::resolve(language) {
                Ok(r) => {
                    if let Some(message) = r.warning {
                        problems.push(Problem {
                            key: None,
                            message,
                            fatal: false,
                        });
                    }
                    let mut file = r.table.and_then(built_in).unwrap_or_else(reference);
                    if r.rtl {
                        file.direction = Direction::Rtl;
                    }
                    (r.tag, file)
                }
                Err(message) => {
                    problems.push(Problem {
                        key: None,
                        message,
                        fatal: true,
                    });
                    (language.to_string(), reference())
                }
            }
        };
        for (key, value) in overrides {
            if let Err(message) = apply(&mut file, key, value) {
                problems.push(Problem {
                    key: Some(key.clone()),
                    message,
                    fatal: true,
                });
            }
        }
        let value = template_value(&file);
        let locale = Locale {
            language,
            direction: file.direction,
            name: file.name.clone(),
            reviewed: file.reviewed,
            file: Arc::new(file),
            value,
        };
        (locale, problems)
    }

    /// English, without overrides.
    pub fn english() -> Locale {
        Locale::new("en", &BTreeMap::new()).0
    }

    /// A plain string. A key that no locale has is a bug in folio; it shows as
    /// the key itself (a unit test checks every key folio uses).
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        self.file.strings.get(key).map_or(key, String::as_str)
    }

    /// A string with its `{name}` placeholders filled in.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.text(key), args)
    }

    /// The form of a counted noun for `n`, with `{n}` filled in.
    pub fn plural(&self, key: &str, n: u64) -> String {
        let Some(forms) = self.file.plurals.get(key) else {
            return key.to_string();
        };
        let form = forms
            .get(cardinal(self.file.cardinal, n))
            .or_else(|| forms.get("other"))
            .map_or(key, String::as_str);
        fill(form, &[("n", &self.number(n))])
    }

    /// An ordinal number in the form its use takes: `5th`, `5.º`, `2.ª`.
    pub fn ordinal(&self, n: u64, use_: Ordinal) -> String {
        let forms = self.file.ordinals.of(use_);
        let cat = ordinal_category(self.file.ordinal, n);
        let pattern = forms
            .get(cat)
            .or_else(|| forms.get("other"))
            .map_or("{n}", String::as_str);
        fill(pattern, &[("n", &n.to_string())])
    }

    /// Month and year in the locale's order, with the month's name given by
    /// the caller (a citation style may mark an abbreviation: `Oct.`): the
    /// `month` pattern, or `month_full` for a full name. `Oct. 2013`,
    /// `octubre de 2013`, `2013年10月`.
    pub fn month_year(&self, year: i32, month_name: &str, full: bool) -> String {
        let d = &self.file.dates;
        let year = year.to_string();
        if full {
            fill(&d.month_full, &[("month", month_name), ("year", &year)])
        } else {
            fill(&d.month, &[("month_short", month_name), ("year", &year)])
        }
    }

    /// Items joined as a list with "and" in the locale's way: `A and B`,
    /// `A, B, and C`, `A、B和C`, `A وB`. The patterns pass through
    /// `escape` (the items are taken as they are, HTML or not).
    pub fn list_with(&self, items: &[String], escape: impl Fn(&str) -> String) -> String {
        let l = &self.file.lists;
        let join = |pattern: &str, a: &str, b: &str| fill(&escape(pattern), &[("0", a), ("1", b)]);
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [a, b] => join(l.last_pair(b).0, a, b),
            [first, inner @ .., before_last, last] => {
                let mut out = join(l.last_pair(last).1, before_last, last);
                for item in inner.iter().rev() {
                    out = join(&l.middle, item, &out);
                }
                join(&l.start, first, &out)
            }
        }
    }

    /// [`Locale::list_with`] for plain text.
    pub fn list(&self, items: &[String]) -> String {
        self.list_with(items, str::to_string)
    }

    /// Items enumerated without "and", with the locale's separator:
    /// `Linux, macOS`, `Linux、macOS`.
    pub fn enumerate<S: AsRef<str>>(&self, items: &[S]) -> String {
        let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
        items.join(&self.file.lists.separator)
    }

    /// A date shown to readers, with the parts that are known (`Aug 15, 2024`).
    pub fn date(&self, year: i32, month: Option<u8>, day: Option<u8>) -> String {
        let d = &self.file.dates;
        let year = year.to_string();
        let month_short = |m: u8| {
            self.file
                .months_short
                .get(usize::from(m).wrapping_sub(1))
                .cloned()
                .unwrap_or_default()
        };
        match (month, day) {
            (Some(m), Some(day)) => fill(
                &d.day,
                &[
                    ("month_short", &month_short(m)),
                    ("day", &day.to_string()),
                    ("year", &year),
                ],
            ),
            (Some(m), None) => fill(
                &d.month,
                &[("month_short", &month_short(m)), ("year", &year)],
            ),
            _ => fill(&d.year, &[("year", &year)]),
        }
    }

    /// The name of month `m` (1 to 12), in full or abbreviated (`October`, `Oct`).
    pub fn month(&self, m: u8, short: bool) -> &str {
        let names = if short {
            &self.file.months_short
        } else {
            &self.file.months
        };
        names
            .get(usize::from(m).wrapping_sub(1))
            .map_or("", String::as_str)
    }

    /// A whole number with the locale's thousands separator: `18,213`.
    pub fn number(&self, n: u64) -> String {
        number_with(
            &self.file.thousands_separator,
            self.file.minimum_grouping_digits,
            n,
        )
    }

    /// folio's languages: code, English name, and whether a native speaker
    /// reviewed the table.
    pub fn languages() -> Vec<(&'static str, String, bool)> {
        BUILT_IN
            .iter()
            .map(|(code, text)| {
                let f = parse(text);
                (*code, f.name, f.reviewed)
            })
            .collect()
    }

    /// The table as templates see it: `t.key` for a string; `t.key` for a
    /// counted noun is a map of forms that the `plural` filter picks from.
    pub fn template_value(&self) -> tera::Value {
        self.value.clone()
    }
}

/// Registers the filters templates use with the table: `fill` puts values
/// into `{name}` placeholders, `plural(n=…)` picks a counted noun's form, and
/// `forms` hands all the forms to the page script as JSON.
pub fn register_filters(tera: &mut tera::Tera) {
    tera.register_filter("fill", fill_filter);
    tera.register_filter("plural", plural_filter);
    tera.register_filter("forms", forms_filter);
}

/// A counted noun's forms as JSON (`{"one": "{n} paper", "other": "{n} papers"}`),
/// for the page script, which picks one with the browser's `Intl.PluralRules`.
fn forms_filter(forms: &tera::Map, _: tera::Kwargs, _: &tera::State) -> String {
    let map: BTreeMap<&str, &str> = forms
        .iter()
        .filter_map(|(k, v)| Some((k.as_str()?, v.as_str()?)))
        .filter(|(k, _)| FORMS.contains(k))
        .collect();
    serde_json::to_string(&map).unwrap_or_else(|_| "{}".into())
}

fn fill_filter(value: &str, kwargs: tera::Kwargs, _: &tera::State) -> String {
    let mut out = value.to_string();
    for (name, v) in kwargs.iter() {
        let text = match v.as_str() {
            Some(s) => s.to_string(),
            None => v.to_string(),
        };
        out = out.replace(&format!("{{{name}}}"), &text);
    }
    out
}

fn plural_filter(
    forms: &tera::Map,
    kwargs: tera::Kwargs,
    _: &tera::State,
) -> tera::TeraResult<String> {
    let n: u64 = kwargs.must_get("n")?;
    let get = |k: &str| {
        forms
            .get(&tera::value::Key::Str(k))
            .and_then(|v| v.as_str().map(str::to_string))
    };
    let rule = get("__cardinal").unwrap_or_default();
    let rule = match rule.as_str() {
        "zero_one_one" => Cardinal::ZeroOneOne,
        "other" => Cardinal::Other,
        "arabic" => Cardinal::Arabic,
        _ => Cardinal::OneOther,
    };
    let sep = get("__thousands").unwrap_or_else(default_thousands);
    let grouping = get("__grouping")
        .and_then(|g| g.parse().ok())
        .unwrap_or_else(default_grouping);
    let form = get(cardinal(rule, n))
        .or_else(|| get("other"))
        .unwrap_or_default();
    Ok(fill(&form, &[("n", &number_with(&sep, grouping, n))]))
}

/// `18213` as `18,213` (with `sep` between groups of three digits), when the
/// number has at least `3 + min_group` digits.
fn number_with(sep: &str, min_group: usize, n: u64) -> String {
    let digits = n.to_string();
    if digits.len() < 3 + min_group.max(1) {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * sep.len());
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

/// Puts `args` into the `{name}` placeholders of `pattern`.
pub fn fill(pattern: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders of a pattern.
fn placeholders(pattern: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn cardinal(rule: Cardinal, n: u64) -> &'static str {
    match rule {
        Cardinal::OneOther if n == 1 => "one",
        Cardinal::ZeroOneOne if n <= 1 => "one",
        Cardinal::Arabic => match (n, n % 100) {
            (0, _) => "zero",
            (1, _) => "one",
            (2, _) => "two",
            (_, 3..=10) => "few",
            (_, 11..=99) => "many",
            _ => "other",
        },
        _ => "other",
    }
}

fn ordinal_category(rule: OrdinalRule, n: u64) -> &'static str {
    match rule {
        OrdinalRule::En => match (n % 10, n % 100) {
            (_, 11..=13) => "other",
            (1, _) => "one",
            (2, _) => "two",
            (3, _) => "few",
            _ => "other",
        },
        OrdinalRule::Fr if n == 1 => "one",
        _ => "other",
    }
}

fn parse(text: &str) -> LocaleFile {
    // The built-in files are part of folio and checked by unit tests.
    serde_saphyr::from_str(text).expect("a built-in locale file is valid")
}

fn reference() -> LocaleFile {
    parse(BUILT_IN[0].1)
}

fn built_in(primary: &str) -> Option<LocaleFile> {
    BUILT_IN
        .iter()
        .find(|(code, _)| *code == primary)
        .map(|(_, text)| parse(text))
}

/// English with every piece of text wrapped in `⟦…⟧`.
fn pseudo(en: &LocaleFile) -> LocaleFile {
    let wrap = |s: &String| format!("⟦{s}⟧");
    let mut f = en.clone();
    f.name = "Pseudo-locale".into();
    f.months = en.months.iter().map(wrap).collect();
    f.months_short = en.months_short.iter().map(wrap).collect();
    f.dates = DatePatterns {
        day: wrap(&en.dates.day),
        month: wrap(&en.dates.month),
        month_full: wrap(&en.dates.month_full),
        year: wrap(&en.dates.year),
    };
    f.ordinals = en.ordinals.map(wrap);
    f.lists = ListPatterns {
        two: wrap(&en.lists.two),
        start: wrap(&en.lists.start),
        middle: wrap(&en.lists.middle),
        end: wrap(&en.lists.end),
        // Punctuation, not words: wrapping it would split every enumeration.
        separator: en.lists.separator.clone(),
        before: Vec::new(),
    };
    f.strings = en
        .strings
        .iter()
        .map(|(k, v)| (k.clone(), wrap(v)))
        .collect();
    f.plurals = en
        .plurals
        .iter()
        .map(|(k, forms)| {
            let forms = forms.iter().map(|(c, v)| (c.clone(), wrap(v))).collect();
            (k.clone(), forms)
        })
        .collect();
    f
}

const FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Applies one site override, checking its key, kind and placeholders.
fn apply(file: &mut LocaleFile, key: &str, value: &Override) -> Result<(), String> {
    let key_text = crate_text_escape(key);
    let check = |original: &str, new: &str| -> Result<(), String> {
        let allowed = placeholders(original);
        match placeholders(new).into_iter().find(|p| !allowed.contains(p)) {
            Some(p) => Err(format!(
                "strings.{key_text}: `{{{}}}` is not a value folio fills in here; it fills in {}",
                crate_text_escape(p),
                if allowed.is_empty() {
                    "nothing".to_string()
                } else {
                    allowed
                        .iter()
                        .map(|a| format!("`{{{a}}}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            )),
            None => Ok(()),
        }
    };
    match value {
        Override::Text(new) => match file.strings.get_mut(key) {
            Some(slot) => {
                check(slot, new)?;
                *slot = new.clone();
                Ok(())
            }
            None if file.plurals.contains_key(key) => Err(format!(
                "strings.{key_text} is a counted noun: give its forms, e.g. `{{one: \"{{n}} paper\", other: \"{{n}} papers\"}}`"
            )),
            None => Err(unknown_key(file, key)),
        },
        Override::Forms(forms) => {
            let Some(slot) = file.plurals.get_mut(key) else {
                return Err(if file.strings.contains_key(key) {
                    format!("strings.{key_text} is a plain string, not a set of forms")
                } else {
                    unknown_key(file, key)
                });
            };
            let template = slot.get("other").cloned().unwrap_or_default();
            for (form, text) in forms {
                if !FORMS.contains(&form.as_str()) {
                    return Err(format!(
                        "strings.{key_text}: `{}` is not a plural form; the forms are {}",
                        crate_text_escape(form),
                        FORMS.join(", ")
                    ));
                }
                check(&template, text)?;
                slot.insert(form.clone(), text.clone());
            }
            Ok(())
        }
    }
}

fn unknown_key(file: &LocaleFile, key: &str) -> String {
    let all = file.strings.keys().chain(file.plurals.keys());
    let best = all
        .map(|k| (strsim::jaro_winkler(k, key), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let mut msg = format!(
        "strings.{}: folio has no string of this name",
        crate_text_escape(key)
    );
    if let Some((_, k)) = best {
        msg.push_str(&format!("; did you mean `{k}`?"));
    }
    msg
}

/// Control characters as visible escapes, so that a message shows what was typed.
fn crate_text_escape(s: &str) -> String {
    s.chars().flat_map(char::escape_debug).collect::<String>()
}

/// The table as a template value: strings as strings, counted nouns as maps of
/// forms carrying the rule (`__cardinal`) and separator the `plural` filter needs.
fn template_value(file: &LocaleFile) -> tera::Value {
    let mut map = tera::Map::default();
    for (k, v) in &file.strings {
        map.insert(
            tera::value::Key::from(k.clone()),
            tera::Value::from(v.as_str()),
        );
    }
    let rule = match file.cardinal {
        Cardinal::OneOther => "one_other",
        Cardinal::ZeroOneOne => "zero_one_one",
        Cardinal::Other => "other",
        Cardinal::Arabic => "arabic",
    };
    for (k, forms) in &file.plurals {
        let mut m = tera::Map::default();
        for (c, v) in forms {
            m.insert(
                tera::value::Key::from(c.clone()),
                tera::Value::from(v.as_str()),
            );
        }
        m.insert(tera::value::Key::Str("__cardinal"), tera::Value::from(rule));
        m.insert(
            tera::value::Key::Str("__thousands"),
            tera::Value::from(file.thousands_separator.as_str()),
        );
        m.insert(
            tera::value::Key::Str("__grouping"),
            tera::Value::from(file.minimum_grouping_digits.to_string()),
        );
        map.insert(tera::value::Key::from(k.clone()), tera::Value::from(m));
    }
    map.insert(
        tera::value::Key::Str("__direction"),
        tera::Value::from(match file.direction {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }),
    );
    tera::Value::from(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Locale {
        Locale::english()
    }

    #[test]
    fn english_ordinals_follow_the_teens_rule() {
        let got: Vec<_> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111]
            .map(|n| en().ordinal(n, Ordinal::Author))
            .into();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st",
                "111th"
            ]
        );
    }

    #[test]
    fn counted_nouns_take_the_form_of_their_count() {
        let l = en();
        assert_eq!(l.plural("n_papers", 1), "1 paper");
        assert_eq!(l.plural("n_papers", 0), "0 papers");
        assert_eq!(l.plural("n_papers", 12345), "12,345 papers");
    }

    #[test]
    fn plural_rule_families() {
        assert_eq!(cardinal(Cardinal::ZeroOneOne, 0), "one");
        assert_eq!(cardinal(Cardinal::OneOther, 0), "other");
        assert_eq!(cardinal(Cardinal::Other, 1), "other");
        let ar: Vec<_> = [0, 1, 2, 3, 10, 11, 99, 100, 103, 111]
            .map(|n| cardinal(Cardinal::Arabic, n))
            .into();
        assert_eq!(
            ar,
            [
                "zero", "one", "two", "few", "few", "many", "many", "other", "few", "many"
            ]
        );
        assert_eq!(ordinal_category(OrdinalRule::Fr, 1), "one");
        assert_eq!(ordinal_category(OrdinalRule::Fr, 2), "other");
    }

    #[test]
    fn dates_with_the_parts_that_are_known() {
        let l = en();
        assert_eq!(l.date(2024, Some(8), Some(15)), "Aug 15, 2024");
        assert_eq!(l.date(2024, Some(8), None), "Aug 2024");
        assert_eq!(l.date(2024, None, None), "2024");
    }

    #[test]
    fn fill_leaves_unknown_placeholders_and_braces_alone() {
        assert_eq!(fill("{a} and {b} {", &[("a", "x")]), "x and {b} {");
        assert_eq!(fill("}{x}{", &[("x", "{y}")]), "}{y}{");
    }

    #[test]
    fn the_pseudo_locale_wraps_every_string() {
        let (p, problems) = Locale::new(PSEUDO, &BTreeMap::new());
        assert!(problems.is_empty());
        assert_eq!(p.text("abstract"), "⟦Abstract⟧");
        assert_eq!(p.date(2024, Some(8), None), "⟦⟦Aug⟧ 2024⟧");
        assert_eq!(p.plural("n_papers", 2), "⟦2 papers⟧");
        assert_eq!(p.ordinal(5, Ordinal::Edition), "⟦5th⟧");
        assert_eq!(p.list(&["A".into(), "B".into()]), "⟦A and B⟧");
        for v in p.file.strings.values() {
            assert!(v.starts_with('⟦') && v.ends_with('⟧'), "{v}");
        }
    }

    #[test]
    fn overrides_replace_single_strings_and_forms() {
        let mut o = BTreeMap::new();
        o.insert("abstract".to_string(), Override::Text("Summary".into()));
        let mut forms = BTreeMap::new();
        forms.insert("one".to_string(), "{n} article".to_string());
        forms.insert("other".to_string(), "{n} articles".to_string());
        o.insert("n_papers".to_string(), Override::Forms(forms));
        let (l, problems) = Locale::new("en", &o);
        assert_eq!(problems, []);
        assert_eq!(l.text("abstract"), "Summary");
        assert_eq!(l.plural("n_papers", 3), "3 articles");
    }

    #[test]
    fn bad_overrides_are_errors_with_hints() {
        let mut o = BTreeMap::new();
        o.insert("abstrct".to_string(), Override::Text("x".into()));
        o.insert(
            "more_in_topic".to_string(),
            Override::Text("{cnt} more".into()),
        );
        o.insert("n_papers".to_string(), Override::Text("papers".into()));
        let (_, problems) = Locale::new("en", &o);
        let msgs: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "strings.abstrct: folio has no string of this name; did you mean `abstract`?",
                "strings.more_in_topic: `{cnt}` is not a value folio fills in here; it fills in `{count}`, `{topic}`",
                "strings.n_papers is a counted noun: give its forms, e.g. `{one: \"{n} paper\", other: \"{n} papers\"}`",
            ]
        );
        assert!(problems.iter().all(|p| p.fatal));
    }

    #[test]
    fn a_language_without_a_table_falls_back_to_english_with_a_warning() {
        let (l, problems) = Locale::new("nl-be", &BTreeMap::new());
        assert_eq!(l.text("abstract"), "Abstract");
        assert_eq!(l.language, "nl-BE");
        assert_eq!(problems.len(), 1);
        assert!(!problems[0].fatal);
        let (_, problems) = Locale::new("en-GB", &BTreeMap::new());
        assert!(problems.is_empty());
    }

    #[test]
    fn region_tags_use_their_language_and_a_non_tag_is_an_error() {
        let (l, problems) = Locale::new("pt-BR", &BTreeMap::new());
        assert_eq!((l.text("abstract"), problems.len()), ("Resumo", 0));
        let (l, problems) = Locale::new("German", &BTreeMap::new());
        assert_eq!(l.text("abstract"), "Abstract");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].fatal && problems[0].key.is_none());
        assert!(problems[0].message.ends_with("did you mean `de`?"));
        // A right-to-left language is laid out so even with English words.
        let (l, _) = Locale::new("he", &BTreeMap::new());
        assert_eq!(l.direction, Direction::Rtl);
    }

    /// The plural forms a cardinal rule family picks from.
    fn forms_of(rule: Cardinal) -> &'static [&'static str] {
        match rule {
            Cardinal::OneOther | Cardinal::ZeroOneOne => &["one", "other"],
            Cardinal::Other => &["other"],
            Cardinal::Arabic => &FORMS,
        }
    }

    fn ordinal_forms_of(rule: OrdinalRule) -> &'static [&'static str] {
        match rule {
            OrdinalRule::En => &["few", "one", "other", "two"],
            OrdinalRule::Fr => &["one", "other"],
            OrdinalRule::Other => &["other"],
        }
    }

    /// Every shipped locale has exactly the keys of en.yaml, with the same
    /// `{placeholders}` in each string and date pattern, the plural forms its
    /// rule family picks from (a form may leave out `{n}`: Arabic writes
    /// "one paper" in words) and the ordinal forms its rule needs. A key added
    /// to en.yaml needs an entry in every locale file.
    #[test]
    fn every_built_in_locale_has_the_reference_keys_and_placeholders() {
        let en = reference();
        let mut wrong = Vec::new();
        for (code, text) in BUILT_IN {
            let f = parse(text);
            let file = format!("src/i18n/{code}.yaml");
            if f.months.len() != 12 || f.months_short.len() != 12 {
                wrong.push(format!("{file}: months need 12 names"));
            }
            for (key, en_text) in &en.strings {
                match f.strings.get(key) {
                    None => wrong.push(format!("{file}: strings.{key} is missing")),
                    Some(t) if placeholders(t) != placeholders(en_text) => wrong.push(format!(
                        "{file}: strings.{key} has {:?}, en.yaml has {:?}",
                        placeholders(t),
                        placeholders(en_text)
                    )),
                    Some(_) => {}
                }
            }
            for key in f.strings.keys().filter(|k| !en.strings.contains_key(*k)) {
                wrong.push(format!("{file}: strings.{key} is not in en.yaml"));
            }
            for (key, en_forms) in &en.plurals {
                let Some(forms) = f.plurals.get(key) else {
                    wrong.push(format!("{file}: plurals.{key} is missing"));
                    continue;
                };
                let names: Vec<_> = forms.keys().map(String::as_str).collect();
                let mut wanted = forms_of(f.cardinal).to_vec();
                wanted.sort_unstable();
                if names != wanted {
                    wrong.push(format!(
                        "{file}: plurals.{key} has {names:?}, wants {wanted:?}"
                    ));
                }
                let allowed = placeholders(&en_forms["other"]);
                for (form, t) in forms {
                    let used = placeholders(t);
                    let ok = if form == "other" {
                        used == allowed
                    } else {
                        used.iter().all(|p| allowed.contains(p))
                    };
                    if !ok {
                        wrong.push(format!("{file}: plurals.{key}.{form} has {used:?}"));
                    }
                }
            }
            for key in f.plurals.keys().filter(|k| !en.plurals.contains_key(*k)) {
                wrong.push(format!("{file}: plurals.{key} is not in en.yaml"));
            }
            for (use_, forms) in [
                ("author", &f.ordinals.author),
                ("edition", &f.ordinals.edition),
            ] {
                let names: Vec<_> = forms.keys().map(String::as_str).collect();
                if names != ordinal_forms_of(f.ordinal) {
                    wrong.push(format!("{file}: ordinals.{use_} has {names:?}"));
                }
                if forms.values().any(|p| placeholders(p) != ["n"]) {
                    wrong.push(format!(
                        "{file}: ordinals.{use_} needs `{{n}}` in each form"
                    ));
                }
            }
            let before = f.lists.before.iter();
            let variants = before.flat_map(|b| [(&b.two, &en.lists.two), (&b.end, &en.lists.end)]);
            for (pattern, en_pattern) in [
                (&f.dates.day, &en.dates.day),
                (&f.dates.month, &en.dates.month),
                (&f.dates.month_full, &en.dates.month_full),
                (&f.dates.year, &en.dates.year),
                (&f.lists.two, &en.lists.two),
                (&f.lists.start, &en.lists.start),
                (&f.lists.middle, &en.lists.middle),
                (&f.lists.end, &en.lists.end),
            ]
            .into_iter()
            .chain(variants)
            {
                if placeholders(pattern) != placeholders(en_pattern) {
                    wrong.push(format!("{file}: date or list pattern `{pattern}`"));
                }
            }
            if code != "en" && f.reviewed {
                wrong.push(format!("{file}: reviewed, but docs/languages.md says not"));
            }
        }
        assert!(
            wrong.is_empty(),
            "locale files out of step with en.yaml: {wrong:#?}"
        );
    }

    #[test]
    fn each_language_writes_dates_ordinals_and_numbers_its_way() {
        let rows = [
            ("de", "15. Aug. 2024", "Aug. 2024", "1.", "5.", "1.234"),
            (
                "fr",
                "15 août 2024",
                "août 2024",
                "1er",
                "5e",
                "1\u{202f}234",
            ),
            ("es", "15 ago 2024", "ago 2024", "1.º", "5.º", "1234"),
            (
                "pt-BR",
                "15 de ago. de 2024",
                "ago. de 2024",
                "1.º",
                "5.º",
                "1.234",
            ),
            ("it", "15 ago 2024", "ago 2024", "1º", "5º", "1234"),
            ("zh", "2024年8月15日", "2024年8月", "第1", "第5", "1,234"),
            ("ja", "2024年8月15日", "2024年8月", "第1", "第5", "1,234"),
            (
                "ko",
                "2024년 8월 15일",
                "2024년 8월",
                "1번째",
                "5번째",
                "1,234",
            ),
            ("ar", "15 أغسطس 2024", "أغسطس 2024", "1", "5", "1,234"),
        ];
        for (tag, day, month, first, fifth, number) in rows {
            let (l, problems) = Locale::new(tag, &BTreeMap::new());
            assert!(problems.is_empty(), "{tag}");
            let got = (
                l.date(2024, Some(8), Some(15)),
                l.date(2024, Some(8), None),
                l.ordinal(1, Ordinal::Author),
                l.ordinal(5, Ordinal::Author),
                l.number(1234),
            );
            let want = (
                day.into(),
                month.into(),
                first.into(),
                fifth.into(),
                number.into(),
            );
            assert_eq!(got, want, "{tag}");
        }
        let es = Locale::new("es", &BTreeMap::new()).0;
        assert_eq!(es.number(12345), "12.345");
        assert_eq!(Locale::english().number(1234), "1,234");
    }

    // "Edition" is feminine in Spanish, Portuguese, Italian and French, so
    // its ordinal differs from an author's rank there (5.º autor, 2.ª edición).
    #[test]
    fn an_edition_takes_the_ordinal_of_its_gender() {
        let rows = [
            ("en", "1st", "1st", "2nd", "2nd"),
            ("es", "1.º", "1.ª", "2.º", "2.ª"),
            ("pt", "1.º", "1.ª", "2.º", "2.ª"),
            ("it", "1º", "1ª", "2º", "2ª"),
            ("fr", "1er", "1re", "2e", "2e"),
            ("de", "1.", "1.", "2.", "2."),
            ("ko", "1번째", "제1", "2번째", "제2"),
        ];
        for (tag, author1, edition1, author2, edition2) in rows {
            let l = Locale::new(tag, &BTreeMap::new()).0;
            let got = [
                l.ordinal(1, Ordinal::Author),
                l.ordinal(1, Ordinal::Edition),
                l.ordinal(2, Ordinal::Author),
                l.ordinal(2, Ordinal::Edition),
            ];
            assert_eq!(got, [author1, edition1, author2, edition2], "{tag}");
        }
    }

    // CLDR's standard "and" lists: Arabic و joins the next word, Chinese and
    // Japanese enumerate with 、, English keeps its serial comma.
    #[test]
    fn lists_are_joined_in_each_language_s_way() {
        let names = |n: usize| -> Vec<String> {
            ["A", "B", "C", "D"][..n]
                .iter()
                .map(|s| s.to_string())
                .collect()
        };
        let rows = [
            ("en", "A and B", "A, B, C, and D"),
            ("de", "A und B", "A, B, C und D"),
            ("es", "A y B", "A, B, C y D"),
            ("fr", "A et B", "A, B, C et D"),
            ("zh", "A和B", "A、B、C和D"),
            ("ja", "A、B", "A、B、C、D"),
            ("ko", "A 및 B", "A, B, C 및 D"),
            ("ar", "A وB", "A وB وC وD"),
        ];
        for (tag, two, four) in rows {
            let l = Locale::new(tag, &BTreeMap::new()).0;
            assert_eq!(
                (l.list(&names(2)), l.list(&names(4))),
                (two.into(), four.into()),
                "{tag}"
            );
            assert_eq!(l.list(&names(1)), "A");
        }
        let enumerated = |tag: &str| Locale::new(tag, &BTreeMap::new()).0.enumerate(&names(3));
        assert_eq!(
            ["en", "ja", "zh", "ko", "ar"].map(enumerated),
            ["A, B, C", "A、B、C", "A、B、C", "A, B, C", "A، B، C"]
        );
        let ar = Locale::new("ar", &BTreeMap::new()).0;
        assert_eq!(ar.list(&["سميث".into(), "جونز".into()]), "سميث وجونز");
        // Spanish "y" is "e" before the sound /i/, but not before a diphthong.
        let es = Locale::new("es", &BTreeMap::new()).0;
        let pair = |a: &str, b: &str| es.list(&[a.to_string(), b.to_string()]);
        assert_eq!(pair("García", "Iglesias"), "García e Iglesias");
        assert_eq!(pair("García", "Hidalgo"), "García e Hidalgo");
        assert_eq!(pair("García", "Íñiguez"), "García e Íñiguez");
        assert_eq!(pair("García", "Hierro"), "García y Hierro");
        assert_eq!(pair("Iglesias", "García"), "Iglesias y García");
        assert_eq!(
            es.list(&["A".into(), "B".into(), "Ibarra".into()]),
            "A, B e Ibarra"
        );
        // The patterns are escaped, the items taken as they are.
        let lt = |s: &str| s.replace('&', "&amp;");
        assert_eq!(
            en().list_with(&["<b>A</b>".into(), "B".into()], lt),
            "<b>A</b> and B"
        );
    }

    // ACM writes the month in full; every language orders it its own way.
    #[test]
    fn month_and_year_follow_the_locale_s_patterns() {
        let rows = [
            ("en", "Oct. 2013", "October 2013"),
            ("es", "oct. 2013", "octubre de 2013"),
            ("zh", "2013年10月", "2013年10月"),
            ("ko", "2013년 10월", "2013년 10월"),
        ];
        for (tag, short, full) in rows {
            let l = Locale::new(tag, &BTreeMap::new()).0;
            let abbr = match tag {
                "en" | "es" => format!("{}.", l.month(10, true)),
                _ => l.month(10, true).to_string(),
            };
            let got = (
                l.month_year(2013, &abbr, false),
                l.month_year(2013, l.month(10, false), true),
            );
            assert_eq!(got, (short.into(), full.into()), "{tag}");
        }
    }

    #[test]
    fn counted_nouns_follow_each_language_s_plural_rule() {
        let forms = |tag: &str, ns: &[u64]| -> Vec<String> {
            let l = Locale::new(tag, &BTreeMap::new()).0;
            ns.iter().map(|n| l.plural("n_papers", *n)).collect()
        };
        assert_eq!(
            forms("fr", &[0, 1, 2]),
            ["0 publication", "1 publication", "2 publications"]
        );
        assert_eq!(forms("de", &[0, 1]), ["0 Publikationen", "1 Publikation"]);
        assert_eq!(forms("ja", &[1, 2]), ["1件の論文", "2件の論文"]);
        assert_eq!(
            forms("ar", &[0, 1, 2, 3, 11, 100]),
            [
                "لا توجد أبحاث",
                "بحث واحد",
                "بحثان",
                "3 أبحاث",
                "11 بحثًا",
                "100 بحث"
            ]
        );
        let ar = Locale::new("ar", &BTreeMap::new()).0;
        assert_eq!(ar.direction, Direction::Rtl);
    }

    /// Every `t.key` in the built-in templates and every key the Rust code asks
    /// for (`.text("…")`, `.fill("…"`, `.plural("…"`) exists in English.
    #[test]
    fn every_key_folio_uses_exists() {
        let en = reference();
        let known = |k: &str| en.strings.contains_key(k) || en.plurals.contains_key(k);
        let mut missing = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["src", "themes"] {
            for entry in walkdir::WalkDir::new(root.join(dir)) {
                let entry = entry.unwrap();
                let path = entry.path();
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if !matches!(ext, "rs" | "html") || path.ends_with("i18n/mod.rs") {
                    continue;
                }
                let text = std::fs::read_to_string(path).unwrap();
                for key in used_keys(&text, ext == "html") {
                    if !known(&key) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys missing from en.yaml: {missing:#?}"
        );
    }

    fn used_keys(text: &str, template: bool) -> Vec<String> {
        let starts: &[&str] = if template {
            &["t."]
        } else {
            &[
                ".text(\"",
                ".fill(\"",
                ".plural(\"",
                "\"link_",
                "\"role_",
                "\"roles_",
                "\"metric_",
                "\"ref_",
            ]
        };
        let mut out = Vec::new();
        for start in starts {
            for (i, _) in text.match_indices(start) {
                if template && i > 0 {
                    let before = text.as_bytes()[i - 1];
                    if before.is_ascii_alphanumeric() || before == b'_' || before == b'.' {
                        continue;
                    }
                }
                // A literal such as `"link_pdf"` is a key as a whole.
                let prefix = start.strip_prefix('"').filter(|p| p.ends_with('_'));
                let rest = match prefix {
                    Some(_) => &text[i + 1..],
                    None => &text[i + start.len()..],
                };
                let key: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !key.is_empty() {
                    out.push(key);
                }
            }
        }
        out
    }
}
