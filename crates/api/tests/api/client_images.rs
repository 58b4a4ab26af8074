use std::io::Cursor;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use base64::Engine;
use http_body_util::BodyExt;
use image::{DynamicImage, GenericImageView, ImageFormat, RgbImage};
use kassa_api::ApiConfig;
use kassa_testkit::{basic, test_settings, TestApp, BASE};
use serde_json::Value;
use tower::ServiceExt;

use crate::client_identifiers::client;
use crate::staff::{user_with, PASSWORD};

const BOUNDARY: &str = "kassa-test-boundary";

/// An answer with its raw bytes (an image is not text).
struct Raw {
    status: StatusCode,
    headers: HeaderMap,
    bytes: Vec<u8>,
}

impl Raw {
    #[track_caller]
    fn expect(self, status: u16) -> Raw {
        assert_eq!(
            self.status.as_u16(),
            status,
            "body: {}",
            String::from_utf8_lossy(&self.bytes)
        );
        self
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

async fn send(
    app: &TestApp,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> Raw {
    let mut builder = Request::builder()
        .method(method)
        .uri(format!("{BASE}{path}"))
        .header("Fineract-Platform-TenantId", "default");
    let mut has_auth = false;
    for (n, v) in headers {
        has_auth |= n.eq_ignore_ascii_case("authorization");
        builder = builder.header(*n, *v);
    }
    if !has_auth {
        builder = builder.header("Authorization", basic("mifos", "password"));
    }
    let response = app
        .router
        .clone()
        .oneshot(builder.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Raw {
        status,
        headers,
        bytes: bytes.to_vec(),
    }
}

fn multipart(file_name: &str, content_type: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
         Content-Type: {content_type}\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn upload(app: &TestApp, method: &str, client: i64, name: &str, bytes: &[u8]) -> Raw {
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    send(
        app,
        method,
        &format!("/clients/{client}/images"),
        &[("Content-Type", &content_type)],
        multipart(name, "image/png", bytes),
    )
    .await
}

/// A `width` × `height` picture with a gradient, encoded as `format`.
fn picture(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(img)
        .write_to(&mut out, format)
        .unwrap();
    out.into_inner()
}

fn dimensions(bytes: &[u8]) -> (u32, u32) {
    image::load_from_memory(bytes).unwrap().dimensions()
}

fn data_url(prefix: &str, bytes: &[u8]) -> String {
    format!(
        "{prefix}{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

#[tokio::test]
async fn a_multipart_upload_reads_back_as_a_data_url_and_as_the_same_bytes() {
    for app in TestApp::all().await {
        let c = client(&app, 1, "Amara", "Okafor").await;
        let png = picture(40, 20, ImageFormat::Png);
        let r = upload(&app, "POST", c, "amara.png", &png).await.expect(200);
        assert_eq!(
            r.json(),
            serde_json::json!({"resourceId": c}),
            "{}",
            app.backend
        );

        let r = send(&app, "GET", &format!("/clients/{c}/images"), &[], vec![])
            .await
            .expect(200);
        assert!(r.header("content-type").starts_with("text/plain"));
        assert_eq!(r.text(), data_url("data:image/png;base64,", &png));

        let r = send(
            &app,
            "GET",
            &format!("/clients/{c}/images"),
            &[("Accept", "application/octet-stream")],
            vec![],
        )
        .await
        .expect(200);
        assert_eq!(r.bytes, png);
        assert_eq!(r.header("content-type"), "image/png");
        assert_eq!(
            r.header("content-disposition"),
            "attachment; filename=\"Amara Okafor.png\""
        );
        let r = send(
            &app,
            "GET",
            &format!("/clients/{c}/images?output=inline_octet"),
            &[],
            vec![],
        )
        .await
        .expect(200);
        assert_eq!(r.bytes, png);
        assert!(r.header("content-disposition").starts_with("inline;"));
    }
}

#[tokio::test]
async fn a_data_url_upload_replaces_the_photo_and_keeps_its_type() {
    for app in TestApp::all().await {
        let c = client(&app, 1, "Amara", "Okafor").await;
        upload(&app, "POST", c, "a.png", &picture(10, 10, ImageFormat::Png))
            .await
            .expect(200);
        let jpeg = picture(30, 30, ImageFormat::Jpeg);
        let body = data_url("data:image/jpeg;base64,", &jpeg);
        let r = send(
            &app,
            "PUT",
            &format!("/clients/{c}/images"),
            &[("Content-Type", "text/plain")],
            body.clone().into_bytes(),
        )
        .await
        .expect(200);
        assert_eq!(r.json()["resourceId"], c, "{}", app.backend);
        let r = send(&app, "GET", &format!("/clients/{c}/images"), &[], vec![])
            .await
            .expect(200);
        assert_eq!(r.text(), body);
        let gif = picture(8, 8, ImageFormat::Gif);
        send(
            &app,
            "POST",
            &format!("/clients/{c}/images"),
            &[("Content-Type", "application/json")],
            data_url("data:image/gif;base64,", &gif).into_bytes(),
        )
        .await
        .expect(200);
        let r = send(
            &app,
            "GET",
            &format!("/clients/{c}/images?output=octet"),
            &[],
            vec![],
        )
        .await
        .expect(200);
        assert_eq!(r.bytes, gif);
        assert_eq!(r.header("content-type"), "image/gif");
    }
}

#[tokio::test]
async fn resizing_respects_the_bounds_and_keeps_the_aspect_ratio() {
    for app in TestApp::all().await {
        let c = client(&app, 1, "Amara", "Okafor").await;
        let png = picture(400, 200, ImageFormat::Png);
        upload(&app, "POST", c, "wide.png", &png).await.expect(200);
        for (query, expected) in [
            ("maxWidth=100", (100, 50)),
            ("maxHeight=150", (300, 150)),
            ("maxWidth=300&maxHeight=50", (100, 50)),
            ("maxWidth=1000&maxHeight=1000", (400, 200)),
        ] {
            let r = send(
                &app,
                "GET",
                &format!("/clients/{c}/images?output=octet&{query}"),
                &[],
                vec![],
            )
            .await
            .expect(200);
            assert_eq!(r.header("content-type"), "image/png");
            assert_eq!(dimensions(&r.bytes), expected, "{query} {}", app.backend);
        }
        // The data URL of a scaled JPEG is a JPEG too.
        let jpeg = picture(200, 400, ImageFormat::Jpeg);
        upload(&app, "PUT", c, "tall.jpg", &jpeg).await.expect(200);
        let r = send(
            &app,
            "GET",
            &format!("/clients/{c}/images?maxHeight=150"),
            &[],
            vec![],
        )
        .await
        .expect(200);
        let text = r.text();
        let payload = text.strip_prefix("data:image/jpeg;base64,").unwrap();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .unwrap();
        assert_eq!(dimensions(&bytes), (75, 150));
    }
}

#[tokio::test]
async fn a_file_that_is_not_an_image_is_rejected_whatever_its_declared_type() {
    for app in TestApp::all().await {
        let c = client(&app, 1, "Amara", "Okafor").await;
        let r = upload(&app, "POST", c, "notes.png", b"this is not a picture")
            .await
            .expect(400);
        assert_eq!(
            r.json()["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.image.type.upload",
            "{}",
            app.backend
        );
        // A truncated PNG is not an image either.
        let png = picture(50, 50, ImageFormat::Png);
        upload(&app, "POST", c, "cut.png", &png[..png.len() / 2])
            .await
            .expect(400);
        // A data URL of another type is Fineract's 403.
        let r = send(
            &app,
            "POST",
            &format!("/clients/{c}/images"),
            &[("Content-Type", "text/plain")],
            b"data:image/bmp;base64,AAAA".to_vec(),
        )
        .await
        .expect(403);
        assert_eq!(
            r.json()["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.dataURL.save"
        );
        // A form without a file part.
        let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
        let body = format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--{BOUNDARY}--\r\n"
        );
        let r = send(
            &app,
            "POST",
            &format!("/clients/{c}/images"),
            &[("Content-Type", &content_type)],
            body.into_bytes(),
        )
        .await
        .expect(400);
        assert_eq!(
            r.json()["errors"][0]["userMessageGlobalisationCode"],
            "validation.msg.clientImage.cannot.be.blank"
        );
        // Nothing was stored.
        send(&app, "GET", &format!("/clients/{c}/images"), &[], vec![])
            .await
            .expect(404);
    }
}

/// Deterministic noise: it does not compress, so the PNG is about as big as its pixels.
fn noise_png(width: u32, height: u32) -> Vec<u8> {
    let mut state: u32 = 0x1234_5678;
    let img = RgbImage::from_fn(width, height, |_, _| {
        let mut next = || {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (state >> 24) as u8
        };
        image::Rgb([next(), next(), next()])
    });
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(img)
        .write_to(&mut out, ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A tiny PNG whose header claims `side` × `side` pixels: decoding it would need gigabytes.
fn bomb_png(side: u32) -> Vec<u8> {
    let mut png = picture(1, 1, ImageFormat::Png);
    // Signature (8), IHDR length (4), "IHDR" (4), then width and height.
    png[16..20].copy_from_slice(&side.to_be_bytes());
    png[20..24].copy_from_slice(&side.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

#[tokio::test]
async fn oversized_uploads_are_rejected_by_the_body_limit_the_size_limit_and_the_pixel_limit() {
    // The default 3 MiB body limit answers first.
    for app in TestApp::all().await {
        let c = client(&app, 1, "Amara", "Okafor").await;
        let big = vec![0u8; 3 * 1024 * 1024 + 1];
        upload(&app, "POST", c, "big.png", &big).await.expect(413);
    }
    let config = ApiConfig {
        body_limit_bytes: 8 * 1024 * 1024,
        ..ApiConfig::default()
    };
    let noisy = noise_png(1000, 1000);
    assert!(noisy.len() > 2 * 1024 * 1024);
    for app in TestApp::all_with(test_settings(), config).await {
        let c = client(&app, 1, "Amara", "Okafor").await;
        let r = upload(&app, "POST", c, "noise.png", &noisy)
            .await
            .expect(403);
        assert_eq!(
            r.json()["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.document.file.too.big",
            "{}",
            app.backend
        );
        let r = upload(&app, "POST", c, "bomb.png", &bomb_png(60_000))
            .await
            .expect(403);
        assert_eq!(
            r.json()["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.image.dimensions.too.big"
        );
    }
}

#[tokio::test]
async fn deleting_the_photo_clears_it_from_the_client() {
    for app in TestApp::all().await {
        let c = client(&app, 1, "Amara", "Okafor").await;
        let before = app.get(&format!("/clients/{c}")).send().await.expect(200);
        assert_eq!(before.json["imagePresent"], false, "{}", app.backend);
        upload(&app, "POST", c, "a.png", &picture(10, 10, ImageFormat::Png))
            .await
            .expect(200);
        let with = app.get(&format!("/clients/{c}")).send().await.expect(200);
        assert_eq!(with.json["imagePresent"], true);
        assert!(with.json["imageId"].as_i64().is_some());

        let r = send(&app, "DELETE", &format!("/clients/{c}/images"), &[], vec![])
            .await
            .expect(200);
        assert_eq!(r.json(), serde_json::json!({"resourceId": c}));
        let after = app.get(&format!("/clients/{c}")).send().await.expect(200);
        assert_eq!(after.json["imagePresent"], false);
        assert!(after.json.get("imageId").is_none());
        let r = send(&app, "GET", &format!("/clients/{c}/images"), &[], vec![])
            .await
            .expect(404);
        assert_eq!(
            r.json()["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.entity.image.invalid"
        );
        // Deleting again is answered the same way.
        send(&app, "DELETE", &format!("/clients/{c}/images"), &[], vec![])
            .await
            .expect(200);
    }
}

#[tokio::test]
async fn an_upload_is_audited_without_its_bytes_and_replays_for_a_repeated_key() {
    for app in TestApp::all().await {
        let c = client(&app, 1, "Amara", "Okafor").await;
        let png = picture(12, 6, ImageFormat::Png);
        let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
        let headers = [
            ("Content-Type", content_type.as_str()),
            ("Idempotency-Key", "photo-1"),
        ];
        let path = format!("/clients/{c}/images");
        let first = send(
            &app,
            "POST",
            &path,
            &headers,
            multipart("a.png", "image/png", &png),
        )
        .await
        .expect(200);
        let again = send(
            &app,
            "POST",
            &path,
            &headers,
            multipart("a.png", "image/png", &png),
        )
        .await
        .expect(200);
        assert_eq!(again.bytes, first.bytes);
        assert_eq!(
            again.header("x-served-from-cache"),
            "true",
            "{}",
            app.backend
        );
        let audits = app
            .get("/audits?entityName=CLIENTIMAGE&actionName=CREATE&includeJson=true")
            .send()
            .await
            .expect(200);
        let rows = audits.json.as_array().cloned().unwrap_or_else(|| {
            audits.json["pageItems"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        });
        assert_eq!(rows.len(), 1, "{}", audits.text);
        let logged: Value =
            serde_json::from_str(rows[0]["commandAsJson"].as_str().unwrap()).unwrap();
        assert_eq!(
            logged,
            serde_json::json!({"fileName": "a.png", "type": "image/png", "sizeBytes": png.len(),
                               "width": 12, "height": 6})
        );
    }
}

#[tokio::test]
async fn photos_need_their_permissions() {
    for app in TestApp::all().await {
        let c = client(&app, 1, "Amara", "Okafor").await;
        user_with(&app, "viewer", 1, &["READ_CLIENT", "READ_CLIENTIMAGE"]).await;
        let auth = basic("viewer", PASSWORD);
        let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
        let png = picture(4, 4, ImageFormat::Png);
        let r = send(
            &app,
            "POST",
            &format!("/clients/{c}/images"),
            &[("Content-Type", &content_type), ("Authorization", &auth)],
            multipart("a.png", "image/png", &png),
        )
        .await
        .expect(403);
        assert_eq!(
            r.json()["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.not.authorized",
            "{}",
            app.backend
        );
        send(
            &app,
            "DELETE",
            &format!("/clients/{c}/images"),
            &[("Authorization", &auth)],
            vec![],
        )
        .await
        .expect(403);
        // Reading is allowed (and there is nothing to read).
        send(
            &app,
            "GET",
            &format!("/clients/{c}/images"),
            &[("Authorization", &auth)],
            vec![],
        )
        .await
        .expect(404);
    }
}

#[tokio::test]
async fn an_upload_cannot_wait_for_a_checker_but_mifos_is_never_held() {
    for app in TestApp::all().await {
        let c = client(&app, 1, "Amara", "Okafor").await;
        let config = app
            .get("/configurations/name/maker-checker")
            .send()
            .await
            .expect(200);
        let id = config.json["id"].as_i64().unwrap();
        app.put(
            &format!("/configurations/{id}"),
            serde_json::json!({"enabled": true}),
        )
        .send()
        .await
        .expect(200);
        app.put(
            "/permissions",
            serde_json::json!({"permissions": {"CREATE_CLIENTIMAGE": true}}),
        )
        .send()
        .await
        .expect(200);
        user_with(&app, "maker", 1, &["READ_CLIENT", "CREATE_CLIENTIMAGE"]).await;
        let auth = basic("maker", PASSWORD);
        let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
        let png = picture(4, 4, ImageFormat::Png);
        let r = send(
            &app,
            "POST",
            &format!("/clients/{c}/images"),
            &[("Content-Type", &content_type), ("Authorization", &auth)],
            multipart("a.png", "image/png", &png),
        )
        .await
        .expect(403);
        assert_eq!(
            r.json()["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.image.cannot.await.approval",
            "{}",
            app.backend
        );
        // A checker super-user's upload takes effect at once.
        upload(&app, "POST", c, "a.png", &png).await.expect(200);
        send(&app, "GET", &format!("/clients/{c}/images"), &[], vec![])
            .await
            .expect(200);
    }
}
