//! The bundled font and the text drawing: coverage of what the chart writes and of what users
//! type, the fallback for the rest, widths and shortening, where text lands, anti-aliasing, and
//! the PNG round trip.

use plotters::prelude::IntoDrawingArea;
use plotters::style::WHITE;

use super::super::text::{
    displayable, draw_text, fit, has_glyph, text_width, Align, TextStyle, FONT, REPLACEMENT,
};
use super::*;
use crate::domain::money::format_money_short;

const BLACK: Rgb = [0, 0, 0];

/// Asserts every character of `text` has a glyph of its own in the bundled font.
fn assert_covered(text: &str) {
    for c in text.chars() {
        assert!(has_glyph(c), "{c:?} (U+{:04X}) in {text:?}", c as u32);
    }
}

#[test]
fn the_bundled_font_is_dejavu_sans_and_has_every_character_the_chart_writes() {
    use ab_glyph::Font;
    assert!(FONT.glyph_count() > 5000, "{}", FONT.glyph_count());
    for text in [
        super::super::attribution::HEADING,
        super::super::attribution::NO_DATA_REASON,
        super::super::pipeline::HEADING,
        super::super::pipeline::NO_DATA_REASON,
        "No data",
        "+12 more",
        "0% 25% 50% 75% 100%",
        "Sourced Co-sell/influence Direct",
        "FY27-Q1 · closed won and pipeline W01 W14 Commit Best Case Pipeline Upside Omitted",
    ] {
        assert_covered(text);
    }
    for code in ["USD", "EUR", "GBP", "JPY", "AUD", "KWD", "CHF"] {
        let currency = Currency::parse(code).unwrap();
        assert_covered(&format_money_short(-123_456_789, currency));
    }
}

#[test]
fn user_text_in_latin_and_other_scripts_keeps_its_characters() {
    for text in [
        "Acme · Partners… – €1.2M £3k ¥900 $5",
        "Müller & Söhne GmbH, Café Noël, Ångström AB, Łódź sp. z o.o., Smørrebrød ApS",
        "Ñandú S.A., São Paulo Ltda., İstanbul Ağ A.Ş., Þórsdóttir ehf., Dvořák s.r.o.",
        "Ελληνικά ΑΕ, ООО «Ромашка», Україна ТОВ, Հայաստան, საქართველო",
        "“Quotes” ‘single’ «guillemets» • bullet ½ ™ © ® ° ± × ÷ ≤ ≥ ← → ✓",
    ] {
        assert_eq!(displayable(text), text);
        assert_covered(text);
    }
}

#[test]
fn characters_the_font_lacks_fall_back_to_their_plain_form_or_a_replacement_mark() {
    // A letter and a combining accent are composed; a mark that does not compose stays.
    assert_eq!(displayable("Cafe\u{301} Noe\u{308}l"), "Café Noël");
    assert_eq!(displayable("q\u{303}"), "q\u{303}");
    // Styled letters (fullwidth, mathematical bold or script) are written plain.
    assert_eq!(displayable("ＡＣＭＥ 𝐀𝐜𝐦𝐞 𝓐𝓬𝓶𝓮"), "ACME Acme Acme");
    // CJK, emoji and private-use characters are not in DejaVu Sans: one mark each.
    let mark = REPLACEMENT.to_string();
    assert_eq!(displayable("株式会社"), mark.repeat(4));
    assert_eq!(displayable("Acme 🙂"), format!("Acme {mark}"));
    assert_eq!(displayable("\u{E000}"), mark);
    // Emoji sequences lose their joiners and variation selectors, not more marks.
    assert_eq!(displayable("👍\u{FE0F}\u{200D}"), mark);
    // Tabs and new lines are spaces; other control characters and invisible marks go.
    assert_eq!(
        displayable("a\tb\nc\u{0}d\u{7f}\u{200B}e\u{FEFF}"),
        "a b cde"
    );
    assert!(has_glyph(REPLACEMENT));
}

#[test]
fn whatever_users_type_every_character_drawn_has_a_glyph() {
    let sample: String = (0u32..0x3100)
        .chain(0x4E00..0x4F00)
        .chain(0xAC00..0xAD00)
        .chain(0xE000..0xE100)
        .chain(0xFB00..0x1_0000)
        .chain(0x1_F300..0x1_F700)
        .chain(0xE_0000..0xE_0200)
        .filter_map(char::from_u32)
        .collect();
    let shown = displayable(&sample);
    assert_covered(&shown);
    // Most of the sample is kept: Latin, Greek, Cyrillic and the symbol blocks.
    let kept = shown.chars().filter(|&c| c != REPLACEMENT).count();
    assert!(kept > 3000, "{kept}");
    // Something not in the font keeps its place as a mark rather than vanishing.
    assert!(shown.contains(REPLACEMENT));
}

#[test]
fn widths_grow_with_the_text_and_the_size() {
    assert_eq!(text_width("", 16), 0);
    let w05 = text_width("W05", 16);
    assert!((20..40).contains(&w05), "{w05}");
    assert!(text_width("W05", 32) >= 2 * w05 - 2);
    assert!(text_width("W05 W06", 16) > 2 * w05);
    // Text is measured as it is drawn: a replaced character is as wide as its mark.
    assert_eq!(
        text_width("🙂", 16),
        text_width(&REPLACEMENT.to_string(), 16)
    );
}

#[test]
fn fit_shortens_with_an_ellipsis_to_the_longest_prefix_that_fits() {
    assert_eq!(fit("Best Case", 200, 16), "Best Case");
    let exact = text_width("Best Case", 16);
    assert_eq!(fit("Best Case", exact, 16), "Best Case");
    let short = fit("Category number 1", 80, 12);
    assert!(short.ends_with('…') && short.len() > "…".len(), "{short}");
    assert!(text_width(&short, 12) <= 80, "{short}");
    let kept = short.trim_end_matches('…').chars().count();
    let longer: String = "Category number 1".chars().take(kept + 1).collect();
    assert!(
        text_width(&format!("{}…", longer.trim_end()), 12) > 80,
        "{short}"
    );
    assert_eq!(
        fit("Café 🙂 Noël", 1000, 16),
        format!("Café {REPLACEMENT} Noël")
    );
    let ellipsis = text_width("…", 12);
    assert_eq!(fit("abc", ellipsis, 12), "…");
    assert_eq!(fit("abc", ellipsis - 1, 12), "");
    assert_eq!(fit("abc", -5, 12), "");
}

/// A white `width`×`height` canvas drawn by `paint`, as pixels.
fn painted(width: u32, height: u32, paint: impl FnOnce(&Canvas)) -> Image {
    let mut pixels = vec![0; (width * height * 3) as usize];
    {
        let canvas: Canvas =
            BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
        canvas.fill(&WHITE).unwrap();
        paint(&canvas);
        canvas.present().unwrap();
    }
    decode(&encode_png(&pixels, width, height).unwrap())
}

/// The bounding box of the pixels darker than white: (left, top, right, bottom), inclusive.
fn ink(image: &Image) -> (i32, i32, i32, i32) {
    let mut b = (i32::MAX, i32::MAX, i32::MIN, i32::MIN);
    for y in 0..image.height as i32 {
        for x in 0..image.width as i32 {
            if image.at(x, y) != [255, 255, 255] {
                b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
            }
        }
    }
    b
}

fn black(size: u32, align: Align) -> TextStyle {
    TextStyle::new(size, BLACK, align)
}

#[test]
fn text_lands_inside_its_line_placed_by_its_alignment() {
    let width = text_width("W05", 16);
    for (align, x) in [(Align::Left, 20), (Align::Center, 60), (Align::Right, 100)] {
        let start = x - match align {
            Align::Left => 0,
            Align::Center => width / 2,
            Align::Right => width,
        };
        let image = painted(120, 40, |c| {
            assert_eq!(draw_text(c, x, 10, "W05", black(16, align)).unwrap(), start);
        });
        let (left, top, right, bottom) = ink(&image);
        assert!((start..start + 3).contains(&left), "{align:?}: {left}");
        assert!(
            (start + width - 4..=start + width).contains(&right),
            "{align:?}: {right}"
        );
        // Capitals and digits: from about a fifth of the size below the top to the baseline.
        assert!((10 + 2..10 + 6).contains(&top), "{align:?}: {top}");
        assert!((10 + 11..10 + 15).contains(&bottom), "{align:?}: {bottom}");
    }
}

#[test]
fn text_is_anti_aliased_and_dark_in_its_colour() {
    let image = painted(80, 30, |c| {
        draw_text(c, 4, 4, "Sourced", black(16, Align::Left)).unwrap();
    });
    let all = Rect {
        x: 0,
        y: 0,
        w: 80,
        h: 30,
    };
    let inked = image.count_ink(all, BLACK);
    let partly = image.count(all, |c| c != BLACK && c != [255, 255, 255]);
    assert!(inked > 60, "{inked} pixels inked by half or more");
    assert!(partly > 30, "{partly} pixels partly inked");
    assert!(
        image.count(all, |[r, g, b]| r != g || g != b) == 0,
        "no colour fringes"
    );
}

#[test]
fn the_middle_dot_is_a_small_dot_not_a_box() {
    // The old bitmap font drew `·` as an empty box the height of a capital.
    let image = painted(40, 40, |c| {
        draw_text(c, 10, 8, "·", black(22, Align::Left)).unwrap();
    });
    let (left, top, right, bottom) = ink(&image);
    assert!(right - left <= 4 && bottom - top <= 4, "{:?}", ink(&image));
    // Level with the middle of the lower-case letters.
    let x = painted(40, 40, |c| {
        draw_text(c, 10, 8, "x", black(22, Align::Left)).unwrap();
    });
    let (_, x_top, _, x_bottom) = ink(&x);
    assert!(
        (top + bottom - x_top - x_bottom).abs() <= 3,
        "{top}-{bottom} x {x_top}-{x_bottom}"
    );
}

#[test]
fn text_partly_or_wholly_off_the_canvas_is_clipped() {
    let image = painted(40, 30, |c| {
        draw_text(c, -6, 14, "Hello", black(16, Align::Left)).unwrap();
        draw_text(c, 38, 25, "Hello, World", black(16, Align::Left)).unwrap();
        draw_text(
            c,
            i32::MAX / 2,
            i32::MIN / 2,
            "far",
            black(16, Align::Right),
        )
        .unwrap();
        fill(c, -10, -10, 15, 15, BLACK).unwrap();
        fill(c, 35, 25, i32::MAX, i32::MAX, BLACK).unwrap();
        fill(c, 10, 10, -5, 5, BLACK).unwrap();
    });
    assert_eq!((image.width, image.height), (40, 30));
    assert_eq!(image.at(4, 4), BLACK);
    assert_eq!(image.at(5, 5), [255, 255, 255]);
    assert_eq!(image.at(39, 29), BLACK);
    assert_eq!(image.at(9, 12), [255, 255, 255]);
    // The part of "Hello" on the canvas is drawn: the right stem of its "H" and what follows.
    let hello = Rect {
        x: 0,
        y: 14,
        w: 34,
        h: 16,
    };
    assert!(image.count_ink(hello, BLACK) > 30);
    assert_eq!(ink(&image).1, 0, "nothing but the square at the top");
}

#[test]
fn filled_rectangles_cover_exactly_their_width_and_height() {
    let image = painted(40, 30, |c| {
        fill(c, 2, 3, 10, 4, [10, 20, 30]).unwrap();
        outline(c, 15, 5, 20, 20, [200, 100, 0]).unwrap();
    });
    let all = Rect {
        x: 0,
        y: 0,
        w: 40,
        h: 30,
    };
    assert_eq!(image.count_colour(all, [10, 20, 30]), 10 * 4);
    assert_eq!(image.at(2, 3), [10, 20, 30]);
    assert_eq!(image.at(11, 6), [10, 20, 30]);
    assert_eq!(image.count_colour(all, [200, 100, 0]), 4 * 20 - 4);
    assert_eq!(image.at(34, 24), [200, 100, 0]);
    assert_eq!(image.at(16, 6), [255, 255, 255]);
}

#[test]
fn the_png_holds_the_pixels() {
    let pixels: Vec<u8> = (0..40 * 30 * 3).map(|i| (i * 7 % 251) as u8).collect();
    let image = decode(&encode_png(&pixels, 40, 30).unwrap());
    assert_eq!((image.width, image.height), (40, 30));
    assert_eq!(image.pixels, pixels);
}
