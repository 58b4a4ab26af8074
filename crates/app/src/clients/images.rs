//! Client photos. An upload is accepted only when its bytes decode as PNG, JPEG or GIF within the size
//! and pixel bounds (a declared type proves nothing); the bytes are stored as sent, in the tenant's own
//! database. Reads scale the photo down to `maxWidth`/`maxHeight` on the fly, keeping its aspect ratio.
//!
//! Fineract does not send image writes through its command pipeline; Kassa does, for the permission check,
//! the audit row and idempotency. The audit row holds a summary of the upload, never the image itself,
//! so an upload cannot wait for a checker: it would have nothing to re-execute.

use std::io::Cursor;

use async_trait::async_trait;
use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use kassa_domain::clients::detail::{fit_within, ClientDetailError, ImageKind, ImageLimits};
use kassa_domain::platform::command::must_wait_for_approval;
use kassa_store::repo::clients::image::{self as repo, NewImage};
use kassa_store::repo::platform::command_source::maker_checker_switches;
use kassa_store::Tx;

use crate::clients;
use crate::error::{AppError, AppResult};
use crate::platform::pipeline::{
    Command, CommandCtx, CommandOutcome, CommandResult, CommandSpec, ErrorRenderer,
};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;
use crate::App;

pub const ENTITY: &str = "CLIENTIMAGE";

/// An upload that decoded as an image within the limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageUpload {
    pub kind: ImageKind,
    pub width_px: u32,
    pub height_px: u32,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// A photo as served: its type, bytes (scaled when asked) and the client's name for a download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientImage {
    pub kind: ImageKind,
    pub bytes: Vec<u8>,
    pub client_display_name: String,
}

fn kind_of(format: ImageFormat) -> Option<ImageKind> {
    match format {
        ImageFormat::Png => Some(ImageKind::Png),
        ImageFormat::Jpeg => Some(ImageKind::Jpeg),
        ImageFormat::Gif => Some(ImageKind::Gif),
        _ => None,
    }
}

fn format_of(kind: ImageKind) -> ImageFormat {
    match kind {
        ImageKind::Png => ImageFormat::Png,
        ImageKind::Jpeg => ImageFormat::Jpeg,
        ImageKind::Gif => ImageFormat::Gif,
    }
}

fn decoder_limits(limits: ImageLimits) -> Limits {
    let mut l = Limits::default();
    l.max_image_width = Some(limits.max_side_px);
    l.max_image_height = Some(limits.max_side_px);
    l.max_alloc = Some(limits.max_decoded_bytes() + 16 * 1024 * 1024);
    l
}

/// Checks an upload by decoding it (CPU-bound: runs on the blocking pool). `declared` is the type the
/// sender claimed, only used in the error message.
pub async fn inspect(
    bytes: Vec<u8>,
    file_name: String,
    declared: String,
    limits: ImageLimits,
) -> AppResult<ImageUpload> {
    tokio::task::spawn_blocking(move || inspect_now(bytes, file_name, &declared, limits))
        .await
        .map_err(|e| AppError::Internal(format!("image check failed: {e}")))?
}

fn inspect_now(
    bytes: Vec<u8>,
    file_name: String,
    declared: &str,
    limits: ImageLimits,
) -> AppResult<ImageUpload> {
    if bytes.len() > limits.max_bytes {
        return Err(ClientDetailError::ImageTooLarge {
            size_bytes: bytes.len(),
            limit_bytes: limits.max_bytes,
        }
        .into());
    }
    let not_an_image = || AppError::from(ClientDetailError::NotAnImage(declared.to_string()));
    let reader = || {
        ImageReader::new(Cursor::new(bytes.as_slice()))
            .with_guessed_format()
            .map_err(|_| not_an_image())
    };
    let kind = reader()?
        .format()
        .and_then(kind_of)
        .ok_or_else(not_an_image)?;
    let (width_px, height_px) = reader()?.into_dimensions().map_err(|_| not_an_image())?;
    if width_px > limits.max_side_px || height_px > limits.max_side_px {
        return Err(ClientDetailError::ImageDimensionsTooLarge {
            width: width_px,
            height: height_px,
            max_side: limits.max_side_px,
        }
        .into());
    }
    // A full decode proves the whole file is an image, with the decoder's memory bounded.
    let mut full = reader()?;
    full.limits(decoder_limits(limits));
    full.decode().map_err(|_| not_an_image())?;
    Ok(ImageUpload {
        kind,
        width_px,
        height_px,
        file_name,
        bytes,
    })
}

/// The client's photo, scaled down to fit `max_width` × `max_height` when either is given.
pub async fn get(
    tenant: &TenantCtx,
    principal: &Principal,
    client_id: i64,
    max_width: Option<u32>,
    max_height: Option<u32>,
) -> AppResult<ClientImage> {
    principal.permissions.check_read(ENTITY)?;
    let client = clients::visible(tenant, principal, client_id).await?;
    let stored = {
        let mut conn = tenant.pool().acquire().await?;
        repo::find_for_client(&mut conn.conn(), client_id).await?
    }
    .ok_or(ClientDetailError::ImageNotFound(client_id))?;
    let kind = ImageKind::from_extension(&stored.kind).ok_or_else(|| {
        AppError::Internal(format!(
            "image {} has unknown kind {}",
            stored.id, stored.kind
        ))
    })?;
    let (width, height) = (
        u32::try_from(stored.width_px).unwrap_or(u32::MAX),
        u32::try_from(stored.height_px).unwrap_or(u32::MAX),
    );
    let bytes = match fit_within(width, height, max_width, max_height) {
        None => stored.data,
        Some((w, h)) => {
            let original = stored.data;
            tokio::task::spawn_blocking(move || match resize(&original, kind, w, h) {
                Ok(scaled) => scaled,
                Err(e) => {
                    // Fineract answers the original when scaling fails.
                    tracing::warn!(error = %e, "could not scale a stored image; serving it unscaled");
                    original
                }
            })
            .await
            .map_err(|e| AppError::Internal(format!("image scaling failed: {e}")))?
        }
    };
    Ok(ClientImage {
        kind,
        bytes,
        client_display_name: client.display_name,
    })
}

/// Scales an image to exactly `width` × `height` (bilinear, as Fineract) in its own format.
fn resize(bytes: &[u8], kind: ImageKind, width: u32, height: u32) -> image::ImageResult<Vec<u8>> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format_of(kind));
    reader.limits(decoder_limits(ImageLimits::default()));
    let scaled =
        reader
            .decode()?
            .resize_exact(width, height, image::imageops::FilterType::Triangle);
    // JPEG has no alpha channel and the GIF encoder takes RGBA.
    let scaled = match kind {
        ImageKind::Jpeg => DynamicImage::ImageRgb8(scaled.to_rgb8()),
        ImageKind::Gif => DynamicImage::ImageRgba8(scaled.to_rgba8()),
        ImageKind::Png => scaled,
    };
    let mut out = Cursor::new(Vec::new());
    scaled.write_to(&mut out, format_of(kind))?;
    Ok(out.into_inner())
}

impl App {
    /// Runs an image upload through the pipeline, unless maker-checker would hold it (see the module
    /// comment): then it is refused before anything is stored.
    pub async fn save_client_image(
        &self,
        tenant: &TenantCtx,
        principal: &Principal,
        spec: CommandSpec,
        render_error: ErrorRenderer,
        command: &SaveClientImage,
    ) -> AppResult<CommandOutcome> {
        let permission = spec.permission();
        principal.permissions.check_write(&permission)?;
        let switches = {
            let mut conn = tenant.pool().acquire().await?;
            maker_checker_switches(&mut conn.conn(), &permission).await?
        };
        if must_wait_for_approval(
            switches.enabled,
            switches.permission_is_maker_checker,
            &principal.permissions,
        ) {
            return Err(ClientDetailError::ImageCannotWaitForApproval(permission).into());
        }
        self.execute(tenant, principal, spec, render_error, command)
            .await
    }
}

/// Stores a client's photo, replacing the one it had. Fineract answers `{resourceId: clientId}`.
pub struct SaveClientImage {
    pub client_id: i64,
    pub upload: ImageUpload,
}

#[async_trait]
impl Command for SaveClientImage {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let client = clients::visible_in_tx(tx, ctx.principal, self.client_id).await?;
        let u = &self.upload;
        let image = NewImage {
            location: &u.file_name,
            kind: u.kind.extension(),
            width_px: i64::from(u.width_px),
            height_px: i64::from(u.height_px),
            data: &u.bytes,
        };
        repo::save_for_client_in_tx(tx, client.id, &image).await?;
        Ok(CommandResult::resource(client.id))
    }
}

/// Removes a client's photo; a client without one is answered the same way, as Fineract does.
pub struct DeleteClientImage {
    pub client_id: i64,
}

#[async_trait]
impl Command for DeleteClientImage {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let client = clients::visible_in_tx(tx, ctx.principal, self.client_id).await?;
        repo::delete_for_client_in_tx(tx, client.id).await?;
        Ok(CommandResult::resource(client.id))
    }
}
