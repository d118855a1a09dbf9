//! Tests of terminal rendering: columns line up by display width.

use super::*;
use crate::core::reply::Card;
use unicode_width::UnicodeWidthStr;

/// The display column where each of `cells` starts in `line`.
fn columns_of(line: &str, cells: &[&str]) -> Vec<usize> {
    let mut from = 0;
    cells
        .iter()
        .map(|cell| {
            let at = from
                + line[from..]
                    .find(cell)
                    .unwrap_or_else(|| panic!("{cell} in {line}"));
            from = at + cell.len();
            line[..at].width()
        })
        .collect()
}

#[test]
fn cjk_and_emoji_names_keep_the_columns_aligned() {
    let mut table = Table::new(&["Partner", "Owner", ">Amount"]);
    let rows = [
        ["株式会社グロービックス", "山田 太郎", "1,200,000"],
        ["Acme 🚀 Cloud", "Zoë", "5"],
        ["Initech", "李小龙", "75,000"],
        ["Globex Services", "Dana Reyes", "0"],
    ];
    for row in rows {
        table.row(row.map(str::to_string).to_vec());
    }
    let mut out = String::new();
    render_table(&table, Style::PLAIN, &mut out);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");

    let header = columns_of(lines[0], &["Partner", "Owner"]);
    let name_width = rows.iter().map(|r| r[0].width()).max().unwrap();
    assert_eq!(header, vec![0, name_width + 2], "{out}");
    let amount_end = lines.iter().map(|l| l.width()).max().unwrap();
    for (line, row) in lines[1..].iter().zip(rows) {
        assert_eq!(columns_of(line, &row[..2]), header, "{out}");
        assert!(line.ends_with(row[2]), "{out}");
        assert_eq!(line.width(), amount_end, "amounts right-aligned:\n{out}");
    }
    assert!(lines[0].ends_with("Amount"), "{out}");
    assert_eq!(lines[0].width(), amount_end, "{out}");
}

#[test]
fn cjk_field_names_keep_the_values_aligned() {
    let card = Card::new("パートナー", Tone::Info)
        .field("担当者", "山田")
        .field("Owner", "Dana");
    let out = render(&Reply::card(card), Style::PLAIN);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0].width(),
        40,
        "the title rule fills 40 columns: {out}"
    );
    assert_eq!(columns_of(lines[1], &["山田"]), vec![8], "{out}");
    assert_eq!(columns_of(lines[2], &["Dana"]), vec![8], "{out}");
}

#[test]
fn a_coloured_table_dims_only_its_header() {
    let mut table = Table::new(&["Deal", ">Amount"]);
    table.row(vec!["Acme".into(), "**5**".into()]);
    let mut out = String::new();
    render_table(&table, Style { colour: true }, &mut out);
    assert_eq!(out, "\x1b[2mDeal  Amount\x1b[0m\nAcme       5\n");
}
