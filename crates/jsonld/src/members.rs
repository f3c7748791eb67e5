//! Key lookups on the small JSON objects expansion builds and toRdf reads.
//!
//! `serde_json::Map` (with `preserve_order`) hashes every key with SipHash before it looks
//! anything up. Expanded node and value objects have a handful of entries, so comparing the
//! keys in place is several times cheaper; larger objects still use the hash index.

use serde_json::{Map, Value};

/// Up to this many entries a scan beats hashing the key.
const SCAN_LIMIT: usize = 12;

pub(crate) fn member<'m>(map: &'m Map<String, Value>, key: &str) -> Option<&'m Value> {
    if map.len() <= SCAN_LIMIT {
        map.iter().find_map(|(k, v)| (k == key).then_some(v))
    } else {
        map.get(key)
    }
}

pub(crate) fn member_mut<'m>(map: &'m mut Map<String, Value>, key: &str) -> Option<&'m mut Value> {
    if map.len() <= SCAN_LIMIT {
        map.iter_mut().find_map(|(k, v)| (k == key).then_some(v))
    } else {
        map.get_mut(key)
    }
}

pub(crate) fn has(map: &Map<String, Value>, key: &str) -> bool {
    member(map, key).is_some()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn small_and_large_maps_agree_with_the_index() {
        for size in [0usize, 1, 5, SCAN_LIMIT, SCAN_LIMIT + 1, 40] {
            let mut map = Map::new();
            for n in 0..size {
                map.insert(format!("@k{n}"), json!(n));
            }
            for n in 0..size + 2 {
                let key = format!("@k{n}");
                assert_eq!(member(&map, &key), map.get(&key), "{size} {key}");
                assert_eq!(has(&map, &key), map.contains_key(&key));
            }
            if size > 0 {
                *member_mut(&mut map, "@k0").unwrap() = json!("changed");
                assert_eq!(map["@k0"], json!("changed"));
            }
            assert!(member_mut(&mut map, "@absent").is_none());
        }
    }
}
