//! The canvas and the built-in font: glyph pixels at scale 1 and 2, alignment, clipping,
//! characters without a glyph, shortening, and the PNG round trip.

use super::super::canvas::{Align, Canvas, TextStyle};
use super::super::font::{self, fit, glyph, text_width};
use super::*;

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

/// "A" as drawn on paper, independent of the font table.
const A: [&str; 7] = [
    ".###.", //
    "#...#", //
    "#...#", //
    "#####", //
    "#...#", //
    "#...#", //
    "#...#", //
];

/// "F", which is not symmetric: a mirrored drawing fails.
const F: [&str; 7] = [
    "#####", //
    "#....", //
    "#....", //
    "####.", //
    "#....", //
    "#....", //
    "#....", //
];

/// Asserts `canvas` is black exactly where `art` (placed at `left`, `top`, each mark a
/// `scale`×`scale` square) has a mark, and white elsewhere.
fn assert_art(canvas: &Canvas, art: &[&str], left: u32, top: u32, scale: u32) {
    let (width, height) = (40, 30);
    for y in 0..height {
        for x in 0..width {
            let mark = x >= left
                && y >= top
                && art
                    .get(((y - top) / scale) as usize)
                    .and_then(|row| row.as_bytes().get(((x - left) / scale) as usize))
                    == Some(&b'#');
            let expected = if mark { BLACK } else { WHITE };
            assert_eq!(canvas.pixel(x, y), Some(expected), "({x}, {y})");
        }
    }
}

fn black(scale: u32, align: Align) -> TextStyle {
    TextStyle::new(scale, BLACK, align)
}

#[test]
fn draw_text_sets_exactly_the_pixels_of_the_glyph() {
    let mut canvas = Canvas::new(40, 30, WHITE);
    let left = canvas.draw_text(3, 4, "A", black(1, Align::Left));
    assert_eq!(left, 3);
    assert_art(&canvas, &A, 3, 4, 1);
}

#[test]
fn draw_text_is_not_mirrored_and_scale_two_doubles_every_pixel() {
    let mut canvas = Canvas::new(40, 30, WHITE);
    canvas.draw_text(7, 1, "F", black(1, Align::Left));
    assert_art(&canvas, &F, 7, 1, 1);

    let mut canvas = Canvas::new(40, 30, WHITE);
    canvas.draw_text(5, 2, "F", black(2, Align::Left));
    assert_art(&canvas, &F, 5, 2, 2);
}

#[test]
fn right_and_centre_alignment_place_the_text_by_its_width() {
    assert_eq!(text_width("A", 1), 5);
    assert_eq!(text_width("AB", 1), 11);
    assert_eq!(text_width("W05", 2), 34);
    assert_eq!(text_width("", 2), 0);

    let mut canvas = Canvas::new(40, 30, WHITE);
    assert_eq!(canvas.draw_text(20, 4, "A", black(1, Align::Right)), 15);
    assert_art(&canvas, &A, 15, 4, 1);

    let mut canvas = Canvas::new(40, 30, WHITE);
    assert_eq!(canvas.draw_text(20, 4, "A", black(2, Align::Center)), 15);
    assert_art(&canvas, &A, 15, 4, 2);
}

#[test]
fn text_and_shapes_are_clipped_to_the_canvas() {
    let mut canvas = Canvas::new(40, 30, WHITE);
    canvas.draw_text(-2, -1, "A", black(1, Align::Left));
    // Row 0 of the canvas is row 1 of the glyph ("#...#"), column 0 is its column 2.
    assert_eq!(canvas.pixel(0, 0), Some(WHITE));
    assert_eq!(canvas.pixel(2, 0), Some(BLACK));
    assert_eq!(canvas.pixel(0, 2), Some(BLACK), "row 3 is \"#####\"");
    canvas.draw_text(38, 27, "Hello, World", black(2, Align::Left));
    canvas.draw_text(
        i32::MAX - 3,
        i32::MIN + 3,
        "far away",
        black(2, Align::Right),
    );
    canvas.fill_rect(-10, -10, 15, 15, BLACK);
    canvas.fill_rect(35, 25, i32::MAX, i32::MAX, BLACK);
    canvas.fill_rect(10, 10, -5, 5, BLACK);
    assert_eq!(canvas.pixel(4, 4), Some(BLACK));
    assert_eq!(canvas.pixel(5, 5), Some(WHITE));
    assert_eq!(canvas.pixel(39, 29), Some(BLACK));
    assert_eq!(canvas.pixel(9, 10), Some(WHITE));
    assert_eq!(canvas.pixel(40, 0), None);
}

#[test]
fn characters_without_a_glyph_draw_a_box() {
    let boxed = glyph('ß');
    assert_eq!(boxed, glyph('\u{1F642}'));
    assert_eq!(boxed, glyph('\u{7f}'));
    assert_eq!(boxed[1], 0x1F);
    assert_eq!(boxed[6], 0x1F);
    assert_eq!(&boxed[2..6], &[0x11; 4]);
    // Accented letters borrow their base letter; the extras have their own.
    assert_eq!(glyph('ü'), glyph('u'));
    assert_eq!(glyph('É'), glyph('E'));
    for extra in ['–', '…', '€', '£', '¥'] {
        assert_ne!(glyph(extra), boxed, "{extra}");
    }
}

#[test]
fn every_printable_ascii_character_has_its_own_glyph() {
    let glyphs: Vec<&font::Glyph> = (' '..='~').map(glyph).collect();
    assert_eq!(glyphs.len(), 95);
    for (i, a) in glyphs.iter().enumerate() {
        let c = char::from(b' ' + i as u8);
        assert!(a.iter().all(|row| row & !0x1F == 0), "{c} is wider than 5");
        assert_eq!(a.iter().any(|&row| row != 0), c != ' ', "{c}");
        for (j, b) in glyphs.iter().enumerate().skip(i + 1) {
            assert_ne!(a, b, "{c} and {}", char::from(b' ' + j as u8));
        }
    }
}

#[test]
fn fit_shortens_with_an_ellipsis() {
    assert_eq!(fit("Best Case", 200, 2), "Best Case");
    assert_eq!(fit("Best Case", text_width("Best Case", 2), 2), "Best Case");
    let short = fit("Category number 1", 60, 1);
    assert_eq!(short, "Category…");
    assert!(text_width(&short, 1) <= 60);
    assert_eq!(fit("FY27-Q1 W05", 33, 1), "FY27…");
    assert_eq!(fit("abc", 4, 1), "");
    assert_eq!(fit("abc", 5, 1), "…");
}

#[test]
fn the_png_holds_the_canvas_pixels() {
    let mut canvas = Canvas::new(40, 30, WHITE);
    canvas.fill_rect(2, 3, 10, 4, [10, 20, 30]);
    canvas.outline_rect(15, 5, 20, 20, [200, 100, 0]);
    canvas.draw_text(1, 12, "$1.2M", black(1, Align::Left));
    let image = decode(&canvas.encode_png().unwrap());
    assert_eq!((image.width, image.height), (40, 30));
    for y in 0..30 {
        for x in 0..40 {
            assert_eq!(Some(image.at(x, y)), canvas.pixel(x as u32, y as u32));
        }
    }
}
