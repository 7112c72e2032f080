//! Byte offsets in a source file to the 1-based line and column a person sees.

/// The start of every line of a text, for quick offset-to-position lookups.
#[derive(Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// Line and column (counted in characters) of a byte offset in `text`.
    pub fn position(&self, text: &str, offset: usize) -> (u64, u64) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let end = offset.min(text.len());
        let column = text.get(start..end).map_or(0, |s| s.chars().count()) + 1;
        (line as u64, column as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "ab\nçd\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), (1, 1));
        assert_eq!(idx.position(text, 3), (2, 1));
        assert_eq!(idx.position(text, 5), (2, 2));
        assert_eq!(idx.position(text, 7), (3, 1));
    }
}
