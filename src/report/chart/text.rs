//! Text on the digest chart: the bundled font (DejaVu Sans, `assets/fonts/`, licence beside it),
//! registered with plotters' `ab_glyph` text backend and drawn anti-aliased; the widths the
//! layout needs; shortening with `…`; and what a character the font lacks turns into.
//!
//! The font is compiled in (`include_bytes!`), so no system font or font lookup is involved and
//! the same text always gives the same pixels. DejaVu Sans covers Latin (with its accented and
//! extended letters), Greek, Cyrillic, Armenian, Georgian, Hebrew and the currency and
//! punctuation signs the chart writes (`·`, `…`, `–`, `€`, `£`, `¥`). Every text is first made
//! [`displayable`]: composed (NFC), control characters become spaces or go, invisible format
//! characters go, a styled letter the font lacks (fullwidth `Ａ`, mathematical
//! `𝐀`) is written in its plain form (NFKC), and any other character the font lacks (CJK,
//! emoji, ...) as `�` (U+FFFD), which the font has. Text is laid out left to right without
//! shaping: Hebrew shows its letters in typed order, Arabic letters unjoined.

use std::borrow::Cow;
use std::sync::{LazyLock, Once};

use ab_glyph::{Font, FontRef, ScaleFont};
use plotters::prelude::*;
use plotters::style::register_font;
use unicode_normalization::UnicodeNormalization;

use super::{Canvas, Drawn, Rgb};

/// DejaVu Sans 2.37 (Bitstream Vera licence with the Arev additions, public-domain changes).
pub(super) const FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
/// The family name the font is registered under with plotters.
const FAMILY: &str = "partnerbot-dejavu-sans";
/// Written for a character neither the font nor its decomposition covers.
pub(super) const REPLACEMENT: char = '\u{FFFD}';

/// The parsed font, for widths and coverage (plotters keeps its own copy for drawing).
pub(super) static FONT: LazyLock<FontRef<'static>> = LazyLock::new(|| {
    FontRef::try_from_slice(FONT_BYTES).expect("the bundled font is a valid TrueType file")
});

/// Where a text's `x` is: its left edge, its centre or its right edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// How text is drawn: size in pixels (the height of a line, ascender to descender), colour and
/// alignment. Sizes are even: the ab_glyph backend puts the baseline half a size below the
/// point it is given, and an even size keeps that a whole pixel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextStyle {
    pub size: u32,
    pub colour: Rgb,
    pub align: Align,
}

impl TextStyle {
    pub const fn new(size: u32, colour: Rgb, align: Align) -> Self {
        Self {
            size,
            colour,
            align,
        }
    }

    /// Height of a line of this style, descenders included.
    pub fn line_height(&self) -> i32 {
        self.size as i32
    }
}

/// Whether the bundled font has a glyph of its own for `c`.
pub(super) fn has_glyph(c: char) -> bool {
    FONT.glyph_id(c).0 != 0
}

/// `text` as the chart writes it: every character in it has a glyph in the bundled font (see
/// the module doc for what replaces the others).
pub fn displayable(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| c.is_ascii() && !c.is_control()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfc() {
        if matches!(c, '\t' | '\n' | '\r') {
            out.push(' ');
        } else if c.is_control() || is_invisible(c) {
            // Nothing to draw.
        } else if has_glyph(c) {
            out.push(c);
        } else {
            // A styled letter (fullwidth, mathematical bold, ...) in its plain form, when the
            // font has that.
            let plain: String = c.to_string().nfkc().collect();
            if !plain.is_empty() && plain.chars().all(has_glyph) {
                out.push_str(&plain);
            } else {
                out.push(REPLACEMENT);
            }
        }
    }
    Cow::Owned(out)
}

/// Format characters that draw nothing: zero-width spaces and joiners, direction marks,
/// variation selectors (emoji sequences), the byte order mark.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{E0100}'..='\u{E01EF}')
}

/// Each character of `text` (already [`displayable`]) at `size` with where its origin is, in
/// pixels from the start of the line (advances and kerning), then the end of the line.
fn pen_positions(text: &str, size: u32) -> (Vec<(char, f32)>, f32) {
    let font = FONT.as_scaled(size as f32);
    let mut pen = 0f32;
    let mut previous = None;
    let mut placed = Vec::with_capacity(text.len());
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(previous) = previous {
            pen += font.kern(previous, id);
        }
        placed.push((c, pen));
        pen += font.h_advance(id);
        previous = Some(id);
    }
    (placed, pen)
}

/// Width in pixels of `text` at `size`: its advances and kerning.
pub fn text_width(text: &str, size: u32) -> i32 {
    pen_positions(&displayable(text), size).1.ceil() as i32
}

/// `text` made [`displayable`] and shortened with a trailing `…` to be at most `max_width`
/// pixels wide at `size`; whole when it fits, empty when not even `…` does.
pub fn fit(text: &str, max_width: i32, size: u32) -> String {
    let text = displayable(text);
    if text_width(&text, size) <= max_width {
        return text.into_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let shortened = |kept: usize| {
        let prefix: String = chars[..kept].iter().collect();
        format!("{}…", prefix.trim_end())
    };
    // The longest prefix that fits with its ellipsis: widths grow with the prefix.
    let (mut fits, mut too_wide) = (None, chars.len());
    let mut low = 0;
    while low < too_wide {
        let mid = (low + too_wide) / 2;
        if text_width(&shortened(mid), size) <= max_width {
            fits = Some(mid);
            low = mid + 1;
        } else {
            too_wide = mid;
        }
    }
    fits.map(shortened).unwrap_or_default()
}

/// The plotters text style of `style`, the bundled font registered first.
fn font(style: TextStyle) -> plotters::style::TextStyle<'static> {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        // Only fails on a font that does not parse, which `FONT` and the tests rule out.
        let _ = register_font(FAMILY, FontStyle::Normal, FONT_BYTES);
    });
    let [r, g, b] = style.colour;
    FontDesc::new(
        FontFamily::Name(FAMILY),
        f64::from(style.size),
        FontStyle::Normal,
    )
    .color(&RGBColor(r, g, b))
}

/// Draws `text` made [`displayable`] on one line whose top is `top`, with `x` placed by
/// `style.align`; what falls outside the canvas is dropped. Returns the left edge it was drawn at.
///
/// Plotters' ab_glyph backend draws a string by putting each glyph's ink box at the pen, which
/// drops the glyph's side bearing and spaces letters unevenly (`Sour ced`), so each character is
/// drawn on its own, its ink box placed where the font puts it from its pen position rounded to
/// a whole pixel.
pub fn draw_text(canvas: &Canvas, x: i32, top: i32, text: &str, style: TextStyle) -> Drawn<i32> {
    let text = displayable(text);
    let (placed, end) = pen_positions(&text, style.size);
    let width = end.ceil() as i32;
    let left = match style.align {
        Align::Left => x,
        Align::Center => x - width / 2,
        Align::Right => x - width,
    };
    let scaled = FONT.as_scaled(style.size as f32);
    // The backend puts the baseline half a size below the point it is given.
    let y = top + scaled.ascent().round() as i32 - style.size as i32 / 2;
    let font = font(style);
    let mut utf8 = [0; 4];
    for (c, pen) in placed {
        let glyph = scaled.scaled_glyph(c);
        if let Some(outline) = scaled.outline_glyph(glyph) {
            let ink_x = left + pen.round() as i32 + outline.px_bounds().min.x as i32;
            canvas.draw_text(c.encode_utf8(&mut utf8), &font, (ink_x, y))?;
        }
    }
    Ok(left)
}
