//! Recording that a learner took their credential, for the "issued vs claimed" figure.
//!
//! A claim is any download of the credential (`.json`, `.jwt`, `.png`, `.svg`) or a claim
//! link. The credential page itself shows the badge image through an `<img>` of the `.png`
//! or `.svg` address, so a browser fetching it *as an image* (`Sec-Fetch-Dest: image`) is
//! someone viewing the page, not a claim; everything else is. Recording never fails the
//! download: a learner must get their file even when the database is busy.

use axum::http::HeaderMap;

use crate::AppState;

/// The channel a download counts under, or `None` when it is not a claim (the page itself,
/// an unknown extension, or the page's embedded badge image).
pub fn claim_channel(file: &str, headers: &HeaderMap) -> Option<&'static str> {
    let (_, extension) = file.rsplit_once('.')?;
    let embedded = headers
        .get("sec-fetch-dest")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|dest| dest.eq_ignore_ascii_case("image"));
    match extension {
        "json" => Some("json"),
        "jwt" => Some("jwt"),
        "png" if !embedded => Some("png"),
        "svg" if !embedded => Some("svg"),
        _ => None,
    }
}

/// Records the first claim of `credential_id` when `file` (the requested `/c/{file}`) is a
/// claim; logs and carries on when the store fails.
pub async fn record_download(
    state: &AppState,
    credential_id: &str,
    file: &str,
    headers: &HeaderMap,
) {
    let Some(channel) = claim_channel(file, headers) else {
        return;
    };
    if let Err(error) = state
        .store
        .record_claim(credential_id, channel, chrono::Utc::now())
        .await
    {
        eprintln!("tsumiki-web: recording the claim of {credential_id}: {error}");
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn downloads_are_claims_but_embedded_images_and_pages_are_not() {
        let none = HeaderMap::new();
        let mut image = HeaderMap::new();
        image.insert("sec-fetch-dest", HeaderValue::from_static("image"));
        let mut document = HeaderMap::new();
        document.insert("sec-fetch-dest", HeaderValue::from_static("document"));
        let id = "0f8fad5b-d9cb-469f-a165-70867728950e";
        assert_eq!(claim_channel(&format!("{id}.json"), &none), Some("json"));
        assert_eq!(claim_channel(&format!("{id}.jwt"), &image), Some("jwt"));
        assert_eq!(claim_channel(&format!("{id}.svg"), &document), Some("svg"));
        assert_eq!(claim_channel(&format!("{id}.png"), &none), Some("png"));
        assert_eq!(claim_channel(&format!("{id}.png"), &image), None);
        assert_eq!(claim_channel(&format!("{id}.svg"), &image), None);
        assert_eq!(claim_channel(id, &none), None);
        assert_eq!(claim_channel(&format!("{id}.exe"), &none), None);
    }
}
