//! Bitstring Status List and 1EdTech Revocation List: spec examples, the 1EdTech validator
//! fixture, round trips against an independent GZIP/base64 encoding, and hostile lists.

#![allow(clippy::unwrap_used, clippy::panic)] // Tests fail loudly by design.

use std::io::{Read, Write};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde_json::{Value, json};
use tsumiki_vc::status::{
    BitstringEntry, BitstringStatusList, MIN_LIST_BITS, StatusError, StatusPurpose,
    check_1edtech_revocation, check_bitstring, parse_bitstring_entry, status_list_credential,
    status_message,
};

/// `encodedList` of the W3C spec's BitstringStatusListCredential example (all zero).
const W3C_EXAMPLE_LIST: &str =
    "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA";
/// `encodedList` of 1EdTech's validator fixture `ob30/bit-string-list/testlist`, in which
/// the credential at index 23 is revoked.
const ONEEDTECH_TESTLIST: &str =
    "uH4sIAAAAAAAA_-3BMQEAAAzDoMy_6cnoA9QFAAAAAAAAAAAAAAAAAAAAbD3uPa2cAEAAAA";

fn list_credential(purpose: Value, encoded: &str) -> Value {
    json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": "https://example.com/credentials/status/3",
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": "did:example:12345",
        "validFrom": "2021-04-05T14:27:40Z",
        "credentialSubject": {
            "id": "https://example.com/status/3#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encoded
        }
    })
}

fn entry(purpose: &str, index: Value) -> Value {
    json!({
        "id": "https://example.com/credentials/status/3#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": index,
        "statusListCredential": "https://example.com/credentials/status/3"
    })
}

fn parsed(purpose: &str, index: u64) -> BitstringEntry {
    parse_bitstring_entry(&entry(purpose, json!(index.to_string()))).unwrap()
}

/// GZIP + multibase base64url written here with flate2 and base64 directly, so the crate's
/// decoder is checked against an encoding it did not produce.
fn encode_independently(bytes: &[u8]) -> String {
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(bytes).unwrap();
    format!("u{}", URL_SAFE_NO_PAD.encode(gz.finish().unwrap()))
}

fn decode_independently(encoded: &str) -> Vec<u8> {
    let gz = URL_SAFE_NO_PAD
        .decode(encoded.strip_prefix('u').unwrap())
        .unwrap();
    let mut out = Vec::new();
    GzDecoder::new(gz.as_slice()).read_to_end(&mut out).unwrap();
    out
}

#[test]
fn w3c_spec_example_list_is_16_kib_of_zeros() {
    let list = BitstringStatusList::decode(W3C_EXAMPLE_LIST).unwrap();
    assert_eq!(list.len_bits(), MIN_LIST_BITS);
    let status = check_bitstring(
        &parsed("revocation", 94567),
        &list_credential(json!("revocation"), W3C_EXAMPLE_LIST),
    )
    .unwrap();
    assert!(!status.is_set());
    assert_eq!(status.purpose, StatusPurpose::Revocation);
}

#[test]
fn oneedtech_fixture_revokes_index_23_only() {
    // The fixture's entry uses an integer index, which must be accepted.
    let fixture_entry = entry("revocation", json!(23));
    let parsed_entry = parse_bitstring_entry(&fixture_entry).unwrap();
    assert_eq!(parsed_entry.index, 23);
    let list = list_credential(json!("revocation"), ONEEDTECH_TESTLIST);
    assert!(check_bitstring(&parsed_entry, &list).unwrap().is_set());
    for index in [0, 22, 24, 131_071] {
        let status = check_bitstring(&parsed("revocation", index), &list).unwrap();
        assert!(!status.is_set(), "index {index} must not be set");
    }
}

#[test]
fn bit_zero_is_the_most_significant_bit_of_the_first_byte() {
    let mut bytes = vec![0u8; 16 * 1024];
    bytes[0] = 0b0100_0000; // index 1
    bytes[2] = 0b0000_0001; // index 23
    let list = list_credential(json!("revocation"), &encode_independently(&bytes));
    let set: Vec<u64> = (0..40)
        .filter(|i| {
            check_bitstring(&parsed("revocation", *i), &list)
                .unwrap()
                .is_set()
        })
        .collect();
    assert_eq!(set, vec![1, 23]);
}

#[test]
fn issuer_list_round_trips_and_matches_an_independent_decoder() {
    let mut list = BitstringStatusList::new(10).unwrap();
    assert_eq!(list.len_bits(), MIN_LIST_BITS, "raised to the spec minimum");
    for index in [0, 7, 8, 94_567, MIN_LIST_BITS - 1] {
        list.set(index, true).unwrap();
    }
    list.set(7, false).unwrap();
    let encoded = list.encode().unwrap();
    assert!(encoded.starts_with('u'), "multibase base64url prefix");
    assert!(!encoded.contains('='), "no padding");

    let raw = decode_independently(&encoded);
    assert_eq!(raw.len(), 16 * 1024);
    assert_eq!(raw[0], 0b1000_0000);
    assert_eq!(raw[1], 0b1000_0000);
    assert_eq!(raw[94_567 / 8], 0x80 >> (94_567 % 8));
    assert_eq!(raw[raw.len() - 1], 0b0000_0001);
    assert_eq!(raw.iter().map(|b| b.count_ones()).sum::<u32>(), 4);

    let decoded = BitstringStatusList::decode(&encoded).unwrap();
    assert_eq!(decoded, list);
    assert!(decoded.get(94_567).unwrap());
    assert!(!decoded.get(7).unwrap());
}

#[test]
fn lengths_are_rounded_to_whole_bytes_and_capped() {
    assert_eq!(
        BitstringStatusList::new(MIN_LIST_BITS + 1)
            .unwrap()
            .len_bits(),
        MIN_LIST_BITS + 8
    );
    assert!(matches!(
        BitstringStatusList::new(u64::MAX),
        Err(StatusError::ListTooLong { .. })
    ));
}

#[test]
fn get_and_set_reject_out_of_range_indexes() {
    let mut list = BitstringStatusList::new(0).unwrap();
    assert!(matches!(
        list.get(MIN_LIST_BITS),
        Err(StatusError::IndexOutOfRange { .. })
    ));
    assert!(matches!(
        list.set(u64::MAX, true),
        Err(StatusError::IndexOutOfRange { .. })
    ));
    assert!(matches!(
        list.get_value(u64::MAX, 8),
        Err(StatusError::IndexOutOfRange { .. })
    ));
}

#[test]
fn built_list_credential_checks_revocation_and_suspension() {
    let mut revoked = BitstringStatusList::new(0).unwrap();
    revoked.set(42, true).unwrap();
    let revocation_list = status_list_credential(
        "https://issuer.example/status/1",
        "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        &StatusPurpose::Revocation,
        &revoked,
        "2026-01-01T00:00:00Z",
    )
    .unwrap();
    assert_eq!(revocation_list["type"][1], "BitstringStatusListCredential");
    assert_eq!(
        revocation_list["@context"][0],
        "https://www.w3.org/ns/credentials/v2"
    );
    assert_eq!(
        revocation_list["credentialSubject"]["type"],
        "BitstringStatusList"
    );
    assert_eq!(
        revocation_list["credentialSubject"]["id"],
        "https://issuer.example/status/1#list"
    );
    assert_eq!(revocation_list["validFrom"], "2026-01-01T00:00:00Z");
    assert!(
        check_bitstring(&parsed("revocation", 42), &revocation_list)
            .unwrap()
            .is_set()
    );
    assert!(
        !check_bitstring(&parsed("revocation", 41), &revocation_list)
            .unwrap()
            .is_set()
    );

    let mut suspended = BitstringStatusList::new(0).unwrap();
    suspended.set(7, true).unwrap();
    let suspension_list = status_list_credential(
        "https://issuer.example/status/2",
        "https://issuer.example",
        &StatusPurpose::Suspension,
        &suspended,
        "2026-01-01T00:00:00Z",
    )
    .unwrap();
    let status = check_bitstring(&parsed("suspension", 7), &suspension_list).unwrap();
    assert!(status.is_set());
    assert_eq!(status.purpose, StatusPurpose::Suspension);
    // Un-suspending is a matter of clearing the bit.
    suspended.set(7, false).unwrap();
    let lifted = status_list_credential(
        "https://issuer.example/status/2",
        "https://issuer.example",
        &StatusPurpose::Suspension,
        &suspended,
        "2026-01-02T00:00:00Z",
    )
    .unwrap();
    assert!(
        !check_bitstring(&parsed("suspension", 7), &lifted)
            .unwrap()
            .is_set()
    );
}

#[test]
fn purpose_must_match_the_list() {
    let list = list_credential(json!("suspension"), W3C_EXAMPLE_LIST);
    match check_bitstring(&parsed("revocation", 1), &list) {
        Err(StatusError::PurposeMismatch { entry, list }) => {
            assert_eq!(entry, "revocation");
            assert_eq!(list, vec!["suspension".to_owned()]);
        }
        other => panic!("expected a purpose mismatch, got {other:?}"),
    }
    // A list may serve several purposes.
    let multi = list_credential(json!(["revocation", "suspension"]), W3C_EXAMPLE_LIST);
    assert!(check_bitstring(&parsed("suspension", 1), &multi).is_ok());
    assert!(check_bitstring(&parsed("revocation", 1), &multi).is_ok());
    assert!(matches!(
        check_bitstring(&parsed("message", 1), &multi),
        Err(StatusError::PurposeMismatch { .. })
    ));
}

#[test]
fn index_beyond_the_list_is_a_range_error() {
    let list = list_credential(json!("revocation"), W3C_EXAMPLE_LIST);
    assert!(check_bitstring(&parsed("revocation", MIN_LIST_BITS - 1), &list).is_ok());
    assert!(matches!(
        check_bitstring(&parsed("revocation", MIN_LIST_BITS), &list),
        Err(StatusError::IndexOutOfRange { index, list_bits, .. })
            if index == MIN_LIST_BITS && list_bits == MIN_LIST_BITS
    ));
    assert!(matches!(
        check_bitstring(&parsed("revocation", u64::MAX), &list),
        Err(StatusError::IndexOutOfRange { .. })
    ));
}

#[test]
fn multi_bit_status_reads_the_entry_at_index_times_size() {
    let mut list = BitstringStatusList::new(2 * MIN_LIST_BITS).unwrap();
    list.set_value(5, 2, 0b10).unwrap();
    list.set_value(6, 2, 0b01).unwrap();
    // Entry 5 of size 2 occupies bits 10 and 11.
    assert!(list.get(10).unwrap());
    assert!(!list.get(11).unwrap());
    assert!(list.get(13).unwrap());
    assert!(matches!(
        list.set_value(1, 2, 4),
        Err(StatusError::Malformed { .. })
    ));

    let credential = json!({
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "credentialSubject": {
            "type": "BitstringStatusList",
            "statusPurpose": "message",
            "statusSize": 2,
            "encodedList": list.encode().unwrap()
        }
    });
    let message_entry = |index: &str| {
        parse_bitstring_entry(&json!({
            "type": "BitstringStatusListEntry",
            "statusPurpose": "message",
            "statusListIndex": index,
            "statusSize": 2,
            "statusListCredential": "https://example.com/status/8",
            "statusMessage": [
                {"status": "0x0", "message": "pending_review"},
                {"status": "0x1", "message": "accepted"},
                {"status": "0x2", "message": "rejected"},
                {"status": "0x3", "message": "undefined"}
            ]
        }))
        .unwrap()
    };
    assert_eq!(
        check_bitstring(&message_entry("5"), &credential)
            .unwrap()
            .value,
        2
    );
    assert_eq!(
        check_bitstring(&message_entry("6"), &credential)
            .unwrap()
            .value,
        1
    );
    assert_eq!(
        check_bitstring(&message_entry("7"), &credential)
            .unwrap()
            .value,
        0
    );

    // The list's own statusSize must agree with the entry's.
    let mut one_bit_list = credential.clone();
    one_bit_list["credentialSubject"]["statusSize"] = json!(1);
    assert!(matches!(
        check_bitstring(&message_entry("5"), &one_bit_list),
        Err(StatusError::StatusSizeMismatch { entry: 2, .. })
    ));

    // The value is explained by the entry's statusMessage.
    let raw_entry = json!({
        "statusMessage": [
            {"status": "0x0", "message": "pending_review"},
            {"status": "0x1", "message": "accepted"},
            {"status": "0x2", "message": "rejected"},
            {"status": "0X3", "message": "undefined"}
        ]
    });
    assert_eq!(status_message(&raw_entry, 2), Some("rejected"));
    assert_eq!(status_message(&raw_entry, 3), Some("undefined"));
    assert_eq!(status_message(&raw_entry, 4), None);
    assert_eq!(status_message(&json!({}), 0), None);
}

#[test]
fn list_shorter_than_the_spec_minimum_is_refused() {
    // A hand-built entry with a zero size is refused before the list is read.
    let mut zero = parsed("revocation", 0);
    zero.status_size = 0;
    assert_eq!(
        check_bitstring(
            &zero,
            &list_credential(json!("revocation"), W3C_EXAMPLE_LIST)
        ),
        Err(StatusError::UnsupportedStatusSize(0))
    );
    let short = list_credential(json!("revocation"), &encode_independently(&[0xff; 1024]));
    assert!(matches!(
        check_bitstring(&parsed("revocation", 0), &short),
        Err(StatusError::ListTooShort {
            entries: 8192,
            minimum: 131_072
        })
    ));
    // 16 KiB is enough for 1-bit entries but not for 2-bit ones.
    let mut two_bit = parsed("message", 0);
    two_bit.status_size = 2;
    assert!(matches!(
        check_bitstring(
            &two_bit,
            &list_credential(json!("message"), W3C_EXAMPLE_LIST)
        ),
        Err(StatusError::ListTooShort {
            entries: 65_536,
            ..
        })
    ));
}

#[test]
fn bad_encodings_are_reported() {
    let cases = [
        ("u!!!not-base64", "bad base64"),
        ("u", "empty"),
        ("", "empty"),
    ];
    for (encoded, why) in cases {
        assert!(
            matches!(
                BitstringStatusList::decode(encoded),
                Err(StatusError::BadEncoding(_))
            ),
            "{why}: {encoded:?}"
        );
    }
    let not_gzip = format!("u{}", URL_SAFE_NO_PAD.encode([0u8; 64]));
    assert!(matches!(
        BitstringStatusList::decode(&not_gzip),
        Err(StatusError::BadCompression(_))
    ));
    // A GZIP stream cut short fails its length/CRC trailer.
    let full = encode_independently(&[0u8; 16 * 1024]);
    let gz = URL_SAFE_NO_PAD.decode(&full[1..]).unwrap();
    let cut = format!("u{}", URL_SAFE_NO_PAD.encode(&gz[..gz.len() - 6]));
    assert!(matches!(
        BitstringStatusList::decode(&cut),
        Err(StatusError::BadCompression(_))
    ));
    // The legacy StatusList2021 form (no multibase prefix) and padded base64url are read.
    assert_eq!(
        BitstringStatusList::decode(&full[1..]).unwrap().len_bits(),
        MIN_LIST_BITS
    );
    let padded = format!("{full}{}", "=".repeat((4 - (full.len() - 1) % 4) % 4));
    assert_eq!(
        BitstringStatusList::decode(&padded).unwrap().len_bits(),
        MIN_LIST_BITS
    );
}

#[test]
fn gzip_bomb_is_refused_without_expanding_it() {
    // 17 MiB of zeros compresses to about 17 KiB; expanding it would pass the 16 MiB cap.
    let bomb = encode_independently(&vec![0u8; 17 * 1024 * 1024]);
    assert!(bomb.len() < 100_000);
    assert!(matches!(
        BitstringStatusList::decode(&bomb),
        Err(StatusError::ListTooLarge { limit }) if limit == 16 * 1024 * 1024
    ));
    let list = list_credential(json!("revocation"), &bomb);
    assert!(matches!(
        check_bitstring(&parsed("revocation", 0), &list),
        Err(StatusError::ListTooLarge { .. })
    ));
}

#[test]
fn entries_are_parsed_strictly() {
    let full = parse_bitstring_entry(&json!({
        "id": "https://example.com/credentials/status/3#94567",
        "type": ["BitstringStatusListEntry"],
        "statusPurpose": "revocation",
        "statusListIndex": "0094567",
        "statusListCredential": "https://example.com/credentials/status/3"
    }))
    .unwrap();
    assert_eq!(
        full,
        BitstringEntry {
            id: Some("https://example.com/credentials/status/3#94567".into()),
            purpose: StatusPurpose::Revocation,
            index: 94_567,
            list_credential: "https://example.com/credentials/status/3".into(),
            status_size: 1,
        }
    );
    assert_eq!(
        parse_bitstring_entry(&entry("custom-purpose", json!("1")))
            .unwrap()
            .purpose,
        StatusPurpose::Other("custom-purpose".into())
    );

    let with = |key: &str, value: Value| {
        let mut e = entry("revocation", json!("5"));
        e[key] = value;
        parse_bitstring_entry(&e)
    };
    for bad_index in [
        json!("-1"),
        json!("1.5"),
        json!(" 5"),
        json!(""),
        json!("0x10"),
        json!("99999999999999999999999"),
        json!(-1),
        json!(1.5),
        json!(null),
        json!([5]),
    ] {
        assert!(
            matches!(
                with("statusListIndex", bad_index.clone()),
                Err(StatusError::Malformed {
                    field: "statusListIndex",
                    ..
                })
            ),
            "{bad_index}"
        );
    }
    assert!(matches!(
        with("type", json!("1EdTechRevocationList")),
        Err(StatusError::NotABitstringEntry { .. })
    ));
    assert!(matches!(
        with("statusListCredential", json!("")),
        Err(StatusError::Malformed { .. })
    ));
    assert!(matches!(
        with("statusPurpose", json!(5)),
        Err(StatusError::Malformed { .. })
    ));
    assert!(matches!(
        with("statusSize", json!(0)),
        Err(StatusError::UnsupportedStatusSize(0))
    ));
    assert!(matches!(
        with("statusSize", json!(65)),
        Err(StatusError::UnsupportedStatusSize(65))
    ));
    assert!(matches!(
        with("statusSize", json!(2)),
        Err(StatusError::Malformed {
            field: "statusMessage",
            ..
        })
    ));
    assert!(matches!(
        with(
            "statusMessage",
            json!([{"status": "0x0"}, {"status": "0x1"}, {"status": "0x2"}])
        ),
        Err(StatusError::Malformed {
            field: "statusMessage",
            ..
        })
    ));
    let mut missing = entry("revocation", json!("5"));
    missing
        .as_object_mut()
        .unwrap()
        .remove("statusListCredential");
    assert_eq!(
        parse_bitstring_entry(&missing),
        Err(StatusError::MissingField {
            field: "statusListCredential"
        })
    );
    assert!(matches!(
        parse_bitstring_entry(&json!("entry")),
        Err(StatusError::NotAnObject { .. })
    ));
}

#[test]
fn list_credential_shape_is_checked() {
    let e = parsed("revocation", 1);
    let mut wrong_type = list_credential(json!("revocation"), W3C_EXAMPLE_LIST);
    wrong_type["type"] = json!(["VerifiableCredential", "OpenBadgeCredential"]);
    assert!(matches!(
        check_bitstring(&e, &wrong_type),
        Err(StatusError::NotAStatusListCredential { .. })
    ));

    let mut wrong_subject = list_credential(json!("revocation"), W3C_EXAMPLE_LIST);
    wrong_subject["credentialSubject"]["type"] = json!("AchievementSubject");
    assert!(matches!(
        check_bitstring(&e, &wrong_subject),
        Err(StatusError::NotAStatusList { .. })
    ));

    let mut no_list = list_credential(json!("revocation"), W3C_EXAMPLE_LIST);
    no_list["credentialSubject"]
        .as_object_mut()
        .unwrap()
        .remove("encodedList");
    assert_eq!(
        check_bitstring(&e, &no_list),
        Err(StatusError::MissingField {
            field: "encodedList"
        })
    );

    let mut numeric_list = list_credential(json!("revocation"), W3C_EXAMPLE_LIST);
    numeric_list["credentialSubject"]["encodedList"] = json!(12);
    assert!(matches!(
        check_bitstring(&e, &numeric_list),
        Err(StatusError::Malformed { .. })
    ));

    assert!(matches!(
        check_bitstring(&e, &json!([])),
        Err(StatusError::NotAnObject { .. })
    ));

    // Legacy StatusList2021 credentials are read the same way.
    let mut legacy = list_credential(json!("revocation"), &W3C_EXAMPLE_LIST[1..]);
    legacy["type"] = json!(["VerifiableCredential", "StatusList2021Credential"]);
    legacy["credentialSubject"]["type"] = json!("StatusList2021");
    assert!(!check_bitstring(&e, &legacy).unwrap().is_set());
}

fn revocation_list() -> Value {
    json!({
        "id": "https://issuer.example/revocations",
        "revokedCredential": [
            {"id": "urn:uuid:revoked-with-reason", "revoked": true, "revocationReason": "Issued in error"},
            {"id": "urn:uuid:revoked-implicitly"},
            {"id": "urn:uuid:reinstated", "revoked": false},
            "urn:uuid:bare-string"
        ]
    })
}

#[test]
fn oneedtech_revocation_list_is_read_as_the_validator_reads_it() {
    let list = revocation_list();
    let revoked = check_1edtech_revocation("urn:uuid:revoked-with-reason", &list).unwrap();
    assert!(revoked.revoked);
    assert_eq!(revoked.reason.as_deref(), Some("Issued in error"));
    let implicit = check_1edtech_revocation("urn:uuid:revoked-implicitly", &list).unwrap();
    assert!(implicit.revoked);
    assert_eq!(implicit.reason, None);
    assert!(
        !check_1edtech_revocation("urn:uuid:reinstated", &list)
            .unwrap()
            .revoked
    );
    assert!(
        check_1edtech_revocation("urn:uuid:bare-string", &list)
            .unwrap()
            .revoked
    );
    assert!(
        !check_1edtech_revocation("urn:uuid:never-listed", &list)
            .unwrap()
            .revoked
    );
    // Ids are compared exactly.
    assert!(
        !check_1edtech_revocation("URN:UUID:REVOKED-IMPLICITLY", &list)
            .unwrap()
            .revoked
    );

    let plural = json!({"revokedCredentials": [{"id": "urn:uuid:x"}]});
    assert!(
        check_1edtech_revocation("urn:uuid:x", &plural)
            .unwrap()
            .revoked
    );
}

#[test]
fn malformed_revocation_lists_are_errors() {
    assert_eq!(
        check_1edtech_revocation("urn:uuid:x", &json!({"id": "x"})),
        Err(StatusError::NotARevocationList)
    );
    assert!(matches!(
        check_1edtech_revocation("urn:uuid:x", &json!("list")),
        Err(StatusError::NotAnObject { .. })
    ));
    for bad in [
        json!({"revokedCredential": "urn:uuid:x"}),
        json!({"revokedCredential": [{"revoked": true}]}),
        json!({"revokedCredential": [{"id": "urn:uuid:x", "revoked": "yes"}]}),
        json!({"revokedCredential": [42]}),
    ] {
        assert!(
            matches!(
                check_1edtech_revocation("urn:uuid:x", &bad),
                Err(StatusError::Malformed { .. })
            ),
            "{bad}"
        );
    }
}
