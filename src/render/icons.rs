//! The icons of profile links: inline SVG from `themes/icons/` (sources and
//! licences in `themes/icons/LICENSES.md`), drawn in the text colour and
//! hidden from screen readers, since each link has a text label.

use std::collections::BTreeMap;

#[cfg(test)]
use crate::model::appearance::ICON_NAMES;
use crate::model::appearance::with_icon_names;

macro_rules! icons {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!("../../themes/icons/", $name, ".svg")))),*]
    };
}

/// Each icon's SVG file, by name.
const ICONS: &[(&str, &str)] = &with_icon_names!(icons);

/// The icons as templates print them (`icons[l.kind]`): each an inline
/// `<svg>` in `currentColor`, `aria-hidden`, one em high.
pub(super) fn template_value() -> BTreeMap<&'static str, String> {
    ICONS
        .iter()
        .map(|(name, svg)| {
            let inline = svg.trim().replacen(
                "<svg xmlns=\"http://www.w3.org/2000/svg\"",
                "<svg class=\"icon\" aria-hidden=\"true\" focusable=\"false\" width=\"16\" height=\"16\" fill=\"currentColor\"",
                1,
            );
            (*name, inline)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_is_one_path_in_the_text_colour() {
        let icons = template_value();
        assert_eq!(icons.len(), ICON_NAMES.len());
        for (name, svg) in icons {
            assert!(
                svg.starts_with("<svg class=\"icon\" aria-hidden=\"true\""),
                "{name}"
            );
            assert_eq!(svg.matches("<path d=\"").count(), 1, "{name}");
            assert!(
                !svg.contains("fill=\"#") && !svg.contains("style="),
                "{name}"
            );
        }
    }
}
