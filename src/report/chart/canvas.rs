//! The drawing surface of the charts: an RGB pixel buffer with filled rectangles, lines,
//! outlines and text in the built-in [`font`](super::font), everything clipped to the canvas,
//! and its encoding as an 8-bit RGB PNG.
//!
//! Coordinates are integers (`i32`, so shapes may start off the canvas) and nothing depends on
//! time or the platform: the same drawing calls give byte-identical PNG bytes.

use super::font::{self, CELL_HEIGHT, CELL_WIDTH, GLYPH_WIDTH};

/// A colour: red, green, blue.
pub type Rgb = [u8; 3];

/// Where a text's `x` is: its left edge, its centre or its right edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// How text is drawn: integer scale (1 = the 6×9 cell, 2 = 12×18), colour and alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextStyle {
    pub scale: u32,
    pub colour: Rgb,
    pub align: Align,
}

impl TextStyle {
    pub fn new(scale: u32, colour: Rgb, align: Align) -> Self {
        Self {
            scale: scale.max(1),
            colour,
            align,
        }
    }

    /// Height of a line of this style, descenders included.
    pub fn line_height(&self) -> i32 {
        (CELL_HEIGHT * self.scale) as i32
    }
}

/// An RGB image being drawn, row-major, three bytes a pixel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canvas {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    /// A canvas filled with `background`.
    pub fn new(width: u32, height: u32, background: Rgb) -> Self {
        let count = width as usize * height as usize;
        Self {
            width,
            height,
            pixels: background.repeat(count),
        }
    }

    /// The colour at (`x`, `y`), `None` outside the canvas.
    #[cfg(test)]
    pub fn pixel(&self, x: u32, y: u32) -> Option<Rgb> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let at = (y as usize * self.width as usize + x as usize) * 3;
        Some([self.pixels[at], self.pixels[at + 1], self.pixels[at + 2]])
    }

    /// Fills the `w`×`h` rectangle whose top left corner is (`x`, `y`); the part outside the
    /// canvas (or the whole of it when `w` or `h` is not positive) is skipped.
    pub fn fill_rect(&mut self, x: i32, y: i32, w: i32, h: i32, colour: Rgb) {
        let (x0, x1) = clip(x, w, self.width);
        let (y0, y1) = clip(y, h, self.height);
        if x0 >= x1 {
            return;
        }
        let stride = self.width as usize * 3;
        for row in y0..y1 {
            let start = row * stride + x0 * 3;
            for px in self.pixels[start..start + (x1 - x0) * 3].chunks_exact_mut(3) {
                px.copy_from_slice(&colour);
            }
        }
    }

    /// A horizontal line of `len` pixels going right from (`x`, `y`).
    pub fn hline(&mut self, x: i32, y: i32, len: i32, colour: Rgb) {
        self.fill_rect(x, y, len, 1, colour);
    }

    /// A vertical line of `len` pixels going down from (`x`, `y`).
    pub fn vline(&mut self, x: i32, y: i32, len: i32, colour: Rgb) {
        self.fill_rect(x, y, 1, len, colour);
    }

    /// The one-pixel border of the `w`×`h` rectangle at (`x`, `y`).
    pub fn outline_rect(&mut self, x: i32, y: i32, w: i32, h: i32, colour: Rgb) {
        if w <= 0 || h <= 0 {
            return;
        }
        self.hline(x, y, w, colour);
        self.hline(x, y + h - 1, w, colour);
        self.vline(x, y, h, colour);
        self.vline(x + w - 1, y, h, colour);
    }

    /// Draws `text` on one line with its top at `y` and `x` placed by `style.align`; pixels
    /// falling outside the canvas are dropped. Returns the left edge the text was drawn at.
    pub fn draw_text(&mut self, x: i32, y: i32, text: &str, style: TextStyle) -> i32 {
        let scale = style.scale.max(1);
        let width = font::text_width(text, scale) as i32;
        let left = match style.align {
            Align::Left => x,
            Align::Center => x - width / 2,
            Align::Right => x - width,
        };
        let s = scale as i32;
        let mut cell_x = left;
        for c in text.chars() {
            let glyph = font::glyph(c);
            for (row, bits) in (0i32..).zip(glyph) {
                for col in 0..GLYPH_WIDTH as i32 {
                    if bits & (0x10 >> col) != 0 {
                        self.fill_rect(cell_x + col * s, y + row * s, s, s, style.colour);
                    }
                }
            }
            cell_x += (CELL_WIDTH * scale) as i32;
        }
        left
    }

    /// The canvas as an 8-bit RGB PNG.
    pub fn encode_png(&self) -> Result<Vec<u8>, png::EncodingError> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&self.pixels)?;
        writer.finish()?;
        Ok(out)
    }
}

/// The part of `[start, start + len)` inside `[0, limit)`, as indices (empty when none).
fn clip(start: i32, len: i32, limit: u32) -> (usize, usize) {
    let from = i64::from(start).clamp(0, i64::from(limit));
    let to = (i64::from(start) + i64::from(len.max(0))).clamp(from, i64::from(limit));
    (from as usize, to as usize)
}
