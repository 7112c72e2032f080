//! How much text a YAML document holds once its aliases are replayed. The
//! parser's own limits count replayed events, not bytes, so one long string
//! repeated by sixty aliases passes them and fills every page it lands on; this
//! walks the document without keeping it and stops at a byte limit.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};

/// The most text a file may hold with its aliases replayed: as much as a file
/// may hold without them, so that aliases multiply nothing.
pub const MAX_EXPANDED_BYTES: usize = super::MAX_FILE_BYTES as usize;

/// The error message when the limit is passed, recognised by `budget_message`.
pub const TOO_MUCH: &str = "expanded text past the limit";

/// A whole document whose text, aliases replayed, is within
/// [`MAX_EXPANDED_BYTES`]; otherwise an error with [`TOO_MUCH`], as soon as the
/// limit is passed. Nothing of the document is kept.
pub struct Within;

impl<'de> Deserialize<'de> for Within {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Within, D::Error> {
        let mut total = 0;
        Expanded {
            total: &mut total,
            limit: MAX_EXPANDED_BYTES,
        }
        .deserialize(d)?;
        Ok(Within)
    }
}

/// Walks one value and everything in it, adding the bytes of each scalar (each
/// number, boolean or null as 8) to `total`, failing past `limit`.
struct Expanded<'a> {
    total: &'a mut usize,
    limit: usize,
}

impl Expanded<'_> {
    fn child(&mut self) -> Expanded<'_> {
        Expanded {
            total: self.total,
            limit: self.limit,
        }
    }

    fn add<E: de::Error>(&mut self, bytes: usize) -> Result<(), E> {
        *self.total = self.total.saturating_add(bytes);
        if *self.total > self.limit {
            return Err(E::custom(TOO_MUCH));
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Expanded<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Expanded<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(mut self, _: bool) -> Result<(), E> {
        self.add(8)
    }
    fn visit_i64<E: de::Error>(mut self, _: i64) -> Result<(), E> {
        self.add(8)
    }
    fn visit_u64<E: de::Error>(mut self, _: u64) -> Result<(), E> {
        self.add(8)
    }
    fn visit_i128<E: de::Error>(mut self, _: i128) -> Result<(), E> {
        self.add(8)
    }
    fn visit_u128<E: de::Error>(mut self, _: u128) -> Result<(), E> {
        self.add(8)
    }
    fn visit_f64<E: de::Error>(mut self, _: f64) -> Result<(), E> {
        self.add(8)
    }
    fn visit_str<E: de::Error>(mut self, v: &str) -> Result<(), E> {
        self.add(v.len())
    }
    fn visit_bytes<E: de::Error>(mut self, v: &[u8]) -> Result<(), E> {
        self.add(v.len())
    }
    fn visit_none<E: de::Error>(mut self) -> Result<(), E> {
        self.add(8)
    }
    fn visit_unit<E: de::Error>(mut self) -> Result<(), E> {
        self.add(8)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(self.child())?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(self.child())?.is_some() {
            map.next_value_seed(self.child())?;
        }
        Ok(())
    }
    fn visit_enum<A: EnumAccess<'de>>(mut self, data: A) -> Result<(), A::Error> {
        use serde::de::VariantAccess;
        let ((), variant) = data.variant_seed(self.child())?;
        variant.newtype_variant_seed(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn within(yaml: &str) -> Result<(), String> {
        serde_saphyr::from_str::<Within>(yaml)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn aliases_count_every_time_they_are_replayed() {
        let long = "x".repeat(100_000);
        let aliases = |n| vec!["*x"; n].join(", ");
        assert_eq!(
            within(&format!("a: &x {long}\nb: [{}]\n", aliases(40))),
            Ok(())
        );
        let err = within(&format!("a: &x {long}\nb: [{}]\n", aliases(42))).unwrap_err();
        assert!(err.contains(TOO_MUCH), "{err}");
        // In maps too.
        let map: Vec<String> = (0..42).map(|i| format!("k{i}: *x")).collect();
        let err = within(&format!("a: &x {long}\nb: {{{}}}\n", map.join(", "))).unwrap_err();
        assert!(err.contains(TOO_MUCH), "{err}");
    }
}
