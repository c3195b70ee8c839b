//! Command line, parsed with clap (derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// gongbao (公报): explore a Chinese government gazette in the terminal.
///
/// Without a subcommand, opens the explorer (or prints the outline when stdout
/// is not a terminal).
#[derive(Debug, Parser)]
#[command(name = "gongbao", version, about)]
pub struct Cli {
    /// A gazette file (.ron) or a folder holding one; default: the embedded issue.
    #[arg(long, global = true, value_name = "PATH")]
    pub data: Option<PathBuf>,

    /// Colours in the explorer: `auto` uses them unless NO_COLOR is set.
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Never,
    Auto,
    Always,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the outline, one node a line, indented by depth.
    Tree {
        /// Print only nodes of depth ≤ N (the issue is depth 0).
        #[arg(long, value_name = "N")]
        depth: Option<usize>,
        /// Add each node's id.
        #[arg(long)]
        ids: bool,
    },
    /// Print a node and its subtree as wrapped text.
    Show {
        /// A node id (d1/a1/c3), or a name: 专栏5, 专栏 5, 新材料, 三 …
        query: String,
        /// Wrap at this many display columns.
        #[arg(long, default_value_t = 80, value_name = "N")]
        width: usize,
    },
    /// Find nodes: fuzzy over titles (hanzi or pinyin: 新材料, xcl, xincailiao),
    /// or with --text a substring of any text. Exit status 1 when nothing matches.
    Find {
        query: String,
        /// At most this many hits.
        #[arg(long, default_value_t = 50, value_name = "N")]
        limit: usize,
        /// Search every title, text and table cell (substring, folded, pinyin).
        #[arg(long)]
        text: bool,
        /// Print a JSON array instead of tab-separated lines.
        #[arg(long)]
        json: bool,
    },
    /// The decision catalogue as a 12-month timeline with statuses as of a date.
    Timeline {
        /// The date statuses are relative to (default: the catalogue's own date).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Row order: catalogue order, by month, or one lane per unit.
        #[arg(long, value_enum, default_value_t = ByArg::Item)]
        by: ByArg,
        /// Total width in display columns (at least 100 keeps everything aligned).
        #[arg(long, default_value_t = 120, value_name = "N")]
        width: usize,
        #[arg(long)]
        json: bool,
    },
    /// Units named in the issue with what they own; with UNIT (fuzzy, pinyin), its portfolio.
    Units {
        unit: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The plan's indicator table with the implied annual change checked.
    Indicators {
        #[arg(long)]
        json: bool,
    },
    /// Print the whole tree as JSON or Markdown.
    Export {
        #[arg(long, value_enum)]
        format: Format,
    },
    /// Validate gazette files: `ok` per file, or the errors (exit status 2).
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Turn the plain text of a gazette issue into RON.
    Import {
        /// The plain text of one issue.
        text: PathBuf,
        /// Write here instead of stdout.
        #[arg(short, long, value_name = "OUT.ron")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    Item,
    Month,
    Unit,
}
