//! A client's photo: the three formats Fineract accepts, the bounds an upload must respect, and the
//! aspect-preserving fit used to serve `maxWidth`/`maxHeight`.

/// The image formats Fineract accepts, recognised from the decoded bytes, never from a declared type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Gif,
}

impl ImageKind {
    pub fn mime(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Gif => "image/gif",
        }
    }

    /// The file extension Fineract gives a stored image (`.jpeg`, not `.jpg`).
    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpeg",
            ImageKind::Gif => "gif",
        }
    }

    /// The data URL prefix Fineract writes and reads: `data:image/png;base64,`.
    pub fn data_url_prefix(self) -> &'static str {
        match self {
            ImageKind::Png => "data:image/png;base64,",
            ImageKind::Jpeg => "data:image/jpeg;base64,",
            ImageKind::Gif => "data:image/gif;base64,",
        }
    }

    /// The stored name of the type.
    pub fn from_extension(ext: &str) -> Option<ImageKind> {
        match ext {
            "png" => Some(ImageKind::Png),
            "jpeg" | "jpg" => Some(ImageKind::Jpeg),
            "gif" => Some(ImageKind::Gif),
            _ => None,
        }
    }

    /// Splits a data URL into its kind and base64 payload; only the three prefixes Fineract knows.
    pub fn split_data_url(text: &str) -> Option<(ImageKind, &str)> {
        let text = text.trim();
        [ImageKind::Gif, ImageKind::Png, ImageKind::Jpeg]
            .into_iter()
            .find_map(|k| text.strip_prefix(k.data_url_prefix()).map(|rest| (k, rest)))
    }
}

/// How big an upload may be: its encoded size and its decoded pixel dimensions (which bound the memory
/// a decoder needs, so a small file cannot expand into gigabytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageLimits {
    pub max_bytes: usize,
    pub max_side_px: u32,
}

impl Default for ImageLimits {
    fn default() -> Self {
        ImageLimits {
            max_bytes: 2 * 1024 * 1024,
            max_side_px: 4096,
        }
    }
}

impl ImageLimits {
    /// The most memory a decoder may take: four bytes per pixel of the largest allowed image.
    pub fn max_decoded_bytes(self) -> u64 {
        u64::from(self.max_side_px) * u64::from(self.max_side_px) * 4
    }
}

/// The size to scale `(width, height)` to so that it fits `max_width` × `max_height` with its aspect
/// ratio kept, or None when it already fits (images are never enlarged). A missing bound is unbounded.
/// Like Fineract, the scale is the larger of the two ratios and the result is truncated, never below 1.
pub fn fit_within(
    width: u32,
    height: u32,
    max_width: Option<u32>,
    max_height: Option<u32>,
) -> Option<(u32, u32)> {
    let max_w = max_width.unwrap_or(u32::MAX).max(1);
    let max_h = max_height.unwrap_or(u32::MAX).max(1);
    if width <= max_w && height <= max_h {
        return None;
    }
    let ratio_w = f64::from(width) / f64::from(max_w);
    let ratio_h = f64::from(height) / f64::from(max_h);
    let scale = ratio_w.max(ratio_h);
    // Pixel counts, not money: truncation towards zero is Fineract's `(int)` cast.
    let w = (f64::from(width) / scale)
        .floor()
        .clamp(1.0, f64::from(max_w));
    let h = (f64::from(height) / scale)
        .floor()
        .clamp(1.0, f64::from(max_h));
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Some((w as u32, h as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_that_fits_is_left_alone() {
        assert_eq!(fit_within(100, 50, Some(100), Some(50)), None);
        assert_eq!(fit_within(100, 50, None, None), None);
    }

    #[test]
    fn the_tighter_bound_decides_and_the_aspect_ratio_is_kept() {
        assert_eq!(fit_within(400, 200, Some(100), None), Some((100, 50)));
        assert_eq!(fit_within(400, 200, None, Some(150)), Some((300, 150)));
        assert_eq!(fit_within(400, 200, Some(300), Some(50)), Some((100, 50)));
    }

    #[test]
    fn a_thin_image_never_shrinks_to_nothing() {
        assert_eq!(fit_within(1000, 1, Some(10), None), Some((10, 1)));
        assert_eq!(fit_within(10, 10, Some(0), Some(0)), Some((1, 1)));
    }

    #[test]
    fn data_urls_name_one_of_three_types() {
        assert_eq!(
            ImageKind::split_data_url("data:image/png;base64,AAAA"),
            Some((ImageKind::Png, "AAAA"))
        );
        assert_eq!(
            ImageKind::split_data_url("data:image/bmp;base64,AAAA"),
            None
        );
        assert_eq!(ImageKind::split_data_url("hello"), None);
    }
}
