//! Prints a Reply for a terminal: cards as headed blocks, tables with aligned columns, `**bold**`
//! as bold when colour is on (a terminal without NO_COLOR) and as plain text when piped.
//! Widths are display widths (`unicode-width`; tables laid out by `comfy-table`), so CJK names
//! and emoji, two columns wide, keep columns aligned.

use crate::console::markup;
use crate::core::reply::{Card, Reply, Table, Tone};
use unicode_width::UnicodeWidthStr;

/// How to print: with ANSI colour or plain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub colour: bool,
}

impl Style {
    pub const PLAIN: Style = Style { colour: false };

    /// Colour when stdout is a terminal and `NO_COLOR` is unset.
    pub fn detect() -> Style {
        use std::io::IsTerminal;
        Style {
            colour: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn tone(&self, tone: Tone, text: &str) -> String {
        let code = match tone {
            Tone::Info => "1;34",
            Tone::Success => "1;32",
            Tone::Warning => "1;33",
            Tone::Error => "1;31",
        };
        self.paint(code, text)
    }

    /// `**bold**` and `` `code` `` as terminal styles, or as plain text.
    fn inline(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut bold = false;
        let mut rest = text;
        while let Some(i) = rest.find("**") {
            out.push_str(&rest[..i]);
            if self.colour {
                out.push_str(if bold { "\x1b[22m" } else { "\x1b[1m" });
            }
            bold = !bold;
            rest = &rest[i + 2..];
        }
        out.push_str(rest);
        if bold && self.colour {
            out.push_str("\x1b[22m");
        }
        out
    }
}

pub fn render(reply: &Reply, style: Style) -> String {
    let mut out = String::new();
    if let Some(text) = reply.text.as_ref().map(markup::text) {
        let mark = match reply.tone {
            Tone::Success => "✔ ",
            Tone::Error => "✘ ",
            Tone::Warning => "! ",
            Tone::Info => "",
        };
        let line = format!("{mark}{}", style.inline(&text));
        if reply.tone == Tone::Error {
            out.push_str(&style.tone(Tone::Error, &line));
        } else {
            out.push_str(&line);
        }
        out.push('\n');
    }
    for card in &reply.cards {
        if !out.is_empty() {
            out.push('\n');
        }
        render_card(card, style, &mut out);
    }
    if !reply.buttons.is_empty() {
        let labels: Vec<String> = reply
            .buttons
            .iter()
            .map(|b| format!("[{}]", b.label))
            .collect();
        out.push_str(&format!("\n{}\n", labels.join(" ")));
    }
    for file in &reply.files {
        out.push_str(&format!(
            "(attachment {} — {} bytes)\n",
            file.filename,
            file.bytes.len()
        ));
    }
    for post in &reply.posts {
        let verb = if post.edit_message_id.is_some() {
            "updated"
        } else {
            "posted"
        };
        out.push_str(&style.paint("2", &format!("\n» {verb} in the {}:", post.channel_label)));
        out.push('\n');
        out.push_str(&render(&post.message, style));
    }
    out
}

fn render_card(card: &Card, style: Style, out: &mut String) {
    let title = format!("── {} ", card.title);
    let rule = "─".repeat(40usize.saturating_sub(title.width()));
    out.push_str(&style.tone(card.tone, &format!("{title}{rule}")));
    out.push('\n');
    if let Some(description) = card.description.as_ref().map(markup::text) {
        out.push_str(&style.inline(&description));
        out.push('\n');
    }
    let fields: Vec<(&str, String)> = card
        .fields
        .iter()
        .map(|f| (f.name.as_str(), markup::text(&f.value)))
        .collect();
    let name_width = fields
        .iter()
        .filter(|(_, value)| !value.contains('\n'))
        .map(|(name, _)| name.width())
        .max()
        .unwrap_or(0);
    for (name, value) in &fields {
        if value.contains('\n') {
            out.push_str(&style.paint("1", name));
            out.push('\n');
            for line in value.lines() {
                out.push_str(&format!("  {}\n", style.inline(line)));
            }
        } else {
            let pad = name_width - name.width();
            out.push_str(&format!(
                "{}{}  {}\n",
                style.paint("1", name),
                " ".repeat(pad),
                style.inline(value)
            ));
        }
    }
    if let Some(table) = &card.table {
        render_table(table, style, out);
    }
    if let Some(footer) = &card.footer {
        out.push_str(&style.paint("2", &style.inline(footer)));
        out.push('\n');
    }
}

/// Aligned columns two spaces apart, no borders; numbers right-aligned; headers dimmed.
/// `comfy-table` lays them out by display width (a CJK character or an emoji takes two columns).
pub fn render_table(table: &Table, style: Style, out: &mut String) {
    let mut layout = comfy_table::Table::new();
    layout
        .load_style(comfy_table::presets::NOTHING)
        .set_header(table.columns.iter().map(|c| c.header.as_str()))
        .add_rows(
            table
                .rows
                .iter()
                .map(|row| row.iter().map(|cell| cell.replace("**", ""))),
        );
    for (column, spec) in layout.column_iter_mut().zip(&table.columns) {
        column.set_padding((0, 2));
        if spec.align_right {
            column.set_cell_alignment(comfy_table::CellAlignment::Right);
        }
    }
    for (i, line) in layout.lines().enumerate() {
        if i == 0 {
            out.push_str(&style.paint("2", line.trim_end()));
        } else {
            out.push_str(line.trim_end());
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests;
