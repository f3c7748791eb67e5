//! Small-cell protection for anything that counts people: rater groups in a 360° report,
//! categories in a diversity table.
//!
//! A cell with fewer than `threshold` people (but at least one) is small. Hiding only the
//! small cells is not enough when a total is published (the number of raters, the overall
//! mean, "n = 14"): the total minus the shown cells is exactly the hidden part. So after the
//! small cells are hidden, [`protect`] keeps hiding the smallest shown cell until the hidden
//! cells together hold zero or at least `threshold` people. Whatever a reader subtracts, the
//! remainder then covers at least `threshold` people: with one small cell, the next smallest
//! cell is hidden as well; with several small cells whose sum already reaches the threshold,
//! nothing more is hidden.
//!
//! When all the cells together hold fewer than `threshold` people, everything is hidden and
//! that is still not enough if the total itself is published: callers must not publish a
//! total (or the report at all) below the threshold.
//!
//! Empty cells (count 0) are shown: they describe nobody. Callers publish a figure of a cell
//! (a mean score, a comment) only when it is `Shown`. The self-rating in a 360° (n = 1) is not
//! anonymous by design and is not passed here. Comments need their own, higher threshold:
//! call `protect` a second time with it.

use serde::Serialize;

/// A group (rater group, diversity category) and how many people are in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cell<K> {
    pub key: K,
    pub count: usize,
}

/// What to do with a cell below the threshold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmallCellPolicy<K> {
    /// Keep the cell in the output, marked `Suppressed`.
    Suppress,
    /// Add its people to the cell with this key (created at the end when absent), e.g. small
    /// rater groups into "others". The merged cell is itself protected like any other.
    MergeInto(K),
}

/// Whether a cell's figures may be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Visibility {
    Shown,
    Suppressed,
}

fn is_small(count: usize, threshold: usize) -> bool {
    count > 0 && count < threshold
}

/// Decides which cells may be shown; see the module documentation for the rule. The output
/// keeps the input order (with `MergeInto`, the merged cells are gone and the "others" cell
/// is where its key was, or last).
pub fn protect<K: Clone + Eq>(
    cells: &[Cell<K>],
    threshold: usize,
    policy: &SmallCellPolicy<K>,
) -> Vec<(Cell<K>, Visibility)> {
    let working: Vec<Cell<K>> = match policy {
        SmallCellPolicy::Suppress => cells.to_vec(),
        SmallCellPolicy::MergeInto(other) => merge_small(cells, threshold, other),
    };
    let mut out: Vec<(Cell<K>, Visibility)> = working
        .into_iter()
        .map(|cell| {
            let visibility = if is_small(cell.count, threshold) {
                Visibility::Suppressed
            } else {
                Visibility::Shown
            };
            (cell, visibility)
        })
        .collect();
    loop {
        let hidden: usize = out
            .iter()
            .filter(|(_, v)| *v == Visibility::Suppressed)
            .map(|(c, _)| c.count)
            .sum();
        if hidden == 0 || hidden >= threshold {
            break;
        }
        // The smallest shown non-empty cell; the first of equals, so the result is stable.
        let next = out
            .iter()
            .enumerate()
            .filter(|(_, (c, v))| *v == Visibility::Shown && c.count > 0)
            .min_by_key(|(i, (c, _))| (c.count, *i))
            .map(|(i, _)| i);
        match next.and_then(|i| out.get_mut(i)) {
            Some(entry) => entry.1 = Visibility::Suppressed,
            None => break,
        }
    }
    out
}

fn merge_small<K: Clone + Eq>(cells: &[Cell<K>], threshold: usize, other: &K) -> Vec<Cell<K>> {
    let mut merged = 0;
    let mut out: Vec<Cell<K>> = Vec::with_capacity(cells.len() + 1);
    for cell in cells {
        if cell.key != *other && is_small(cell.count, threshold) {
            merged += cell.count;
        } else {
            out.push(cell.clone());
        }
    }
    if merged > 0 {
        // The first cell with the "others" key absorbs the small cells and any further
        // "others" cells (a caller error), so that the key stays unique.
        let mut total = merged;
        let mut kept_first = false;
        out.retain(|cell| {
            if cell.key != *other {
                return true;
            }
            total += cell.count;
            !std::mem::replace(&mut kept_first, true)
        });
        match out.iter_mut().find(|cell| cell.key == *other) {
            Some(cell) => cell.count = total,
            None => out.push(Cell {
                key: other.clone(),
                count: total,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(counts: &[(&'static str, usize)]) -> Vec<Cell<&'static str>> {
        counts
            .iter()
            .map(|&(key, count)| Cell { key, count })
            .collect()
    }

    fn shown(result: &[(Cell<&'static str>, Visibility)]) -> Vec<&'static str> {
        result
            .iter()
            .filter(|(_, v)| *v == Visibility::Shown)
            .map(|(c, _)| c.key)
            .collect()
    }

    #[test]
    fn nothing_small_nothing_hidden() {
        let input = cells(&[("manager", 3), ("peer", 5), ("direct", 4)]);
        let out = protect(&input, 3, &SmallCellPolicy::Suppress);
        assert_eq!(shown(&out), ["manager", "peer", "direct"]);
    }

    #[test]
    fn one_small_cell_takes_the_next_smallest_with_it() {
        // Total 11 is published; hiding only "direct" (2) would reveal it as 11 − 4 − 5.
        let input = cells(&[("manager", 5), ("peer", 4), ("direct", 2)]);
        let out = protect(&input, 3, &SmallCellPolicy::Suppress);
        assert_eq!(shown(&out), ["manager"]);
        assert_eq!(out[1].1, Visibility::Suppressed);
    }

    #[test]
    fn several_small_cells_that_reach_the_threshold_need_no_more() {
        let input = cells(&[("a", 2), ("b", 2), ("c", 9)]);
        let out = protect(&input, 3, &SmallCellPolicy::Suppress);
        assert_eq!(shown(&out), ["c"]);
    }

    #[test]
    fn two_singletons_below_the_threshold_together_hide_more() {
        // 1 + 1 = 2 < 3: the pair's combined figure would still be two people's.
        let input = cells(&[("a", 1), ("b", 1), ("c", 7), ("d", 4)]);
        let out = protect(&input, 3, &SmallCellPolicy::Suppress);
        assert_eq!(shown(&out), ["c"]);
    }

    #[test]
    fn empty_cells_are_shown_and_never_used_as_cover() {
        let input = cells(&[("a", 0), ("b", 1), ("c", 6)]);
        let out = protect(&input, 3, &SmallCellPolicy::Suppress);
        assert_eq!(shown(&out), ["a"]);
        assert_eq!(out[2].1, Visibility::Suppressed);
    }

    #[test]
    fn threshold_zero_or_one_shows_everything() {
        let input = cells(&[("a", 1), ("b", 2)]);
        for threshold in [0, 1] {
            let out = protect(&input, threshold, &SmallCellPolicy::Suppress);
            assert_eq!(shown(&out), ["a", "b"]);
        }
    }

    #[test]
    fn merge_into_others() {
        let input = cells(&[("manager", 1), ("peer", 4), ("direct", 2), ("customer", 1)]);
        let out = protect(&input, 3, &SmallCellPolicy::MergeInto("others"));
        assert_eq!(
            out,
            vec![
                (
                    Cell {
                        key: "peer",
                        count: 4
                    },
                    Visibility::Shown
                ),
                (
                    Cell {
                        key: "others",
                        count: 4
                    },
                    Visibility::Shown
                ),
            ]
        );
        // An existing "others" cell absorbs them, at its own position.
        let input = cells(&[("others", 1), ("peer", 5), ("direct", 1)]);
        let out = protect(&input, 3, &SmallCellPolicy::MergeInto("others"));
        assert_eq!(out.len(), 2);
        assert_eq!(
            out[0].0,
            Cell {
                key: "others",
                count: 2
            }
        );
        // Still below the threshold after merging: hidden, and "peer" with it.
        assert_eq!(shown(&out), Vec::<&str>::new());
    }
}
