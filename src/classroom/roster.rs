//! The class list (花名册): CSV as Excel/WPS save it, XLSX, or cells pasted from a spreadsheet.
//! The name and ID columns are found by their headers, wherever they are: class lists start with a
//! title row ("2025届九年级3班花名册") and carry other columns (序号, 性别, 联系电话 …).

use super::archive;
use super::text::{self, Encoding};
use crate::identity::{IdError, parse_id};

/// Headers of the name column, most specific first ("家长姓名" is deliberately not one).
const NAME_HEADERS: [&str; 3] = ["姓名", "学生姓名", "考生姓名"];
/// Headers of the ID-number column.
const ID_HEADERS: [&str; 7] =
    ["身份证号", "身份证号码", "证件号码", "身份证件号码", "公民身份号码", "证件号", "身份证"];
/// The header row is looked for among the first rows only: below them is data.
const HEADER_SEARCH_ROWS: usize = 20;

#[derive(Debug, Clone, PartialEq)]
pub struct Roster {
    pub students: Vec<Student>,
    /// How a text roster was decoded (`None` for XLSX).
    pub encoding: Option<Encoding>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Student {
    /// Row number as the spreadsheet shows it (1-based), so the teacher finds the line.
    pub row: usize,
    pub name: String,
    /// The ID number as written (spaces, a leading apostrophe and full-width digits removed).
    pub id: String,
    pub issues: Vec<IdIssue>,
}

/// What is wrong with a roster line.
#[derive(Debug, Clone, PartialEq)]
pub enum IdIssue {
    Missing,
    Invalid(IdError),
    /// Excel turned the number into a float (`4.10102E+17`): the last digits are gone.
    StoredAsNumber,
    /// The same ID number on another row.
    DuplicateId {
        row: usize,
    },
    /// The same name on another row: files named after it cannot be told apart.
    DuplicateName {
        row: usize,
    },
    /// The number is valid but worth a look (unknown county code, a residence permit).
    Note(String),
}

impl IdIssue {
    pub fn message(&self) -> String {
        match self {
            IdIssue::Missing => "花名册里没有身份证号".into(),
            IdIssue::Invalid(e) => format!("花名册里的身份证号有误：{}", e.message()),
            IdIssue::StoredAsNumber => {
                "花名册里的身份证号被 Excel 存成了数字，后几位已丢失：请把该列设为“文本”后重新填写".into()
            }
            IdIssue::DuplicateId { row } => format!("身份证号与第 {row} 行重复"),
            IdIssue::DuplicateName { row } => format!("与第 {row} 行同名：同名同学的文件请用身份证号命名"),
            IdIssue::Note(note) => note.clone(),
        }
    }

    /// Whether the line's files cannot be exported under its ID number.
    pub fn blocks_export(&self) -> bool {
        !matches!(self, IdIssue::DuplicateName { .. } | IdIssue::Note(_))
    }
}

impl Student {
    /// The files can be named `<ID>.jpg`: the number is valid and on no other line.
    pub fn exportable(&self) -> bool {
        !self.issues.iter().any(IdIssue::blocks_export)
    }

    /// The ID number a document's name rule compares to: only a line whose ID can name files.
    pub fn checked_id(&self) -> Option<&str> {
        self.exportable().then_some(self.id.as_str())
    }

    /// The roster's problems with this line, one Chinese line.
    pub fn problems(&self) -> String {
        self.issues.iter().map(IdIssue::message).collect::<Vec<_>>().join("；")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum RosterError {
    Empty,
    /// No row among the first ones has both a name and an ID header.
    NoHeader,
    NoStudents,
    Xlsx(String),
}

impl RosterError {
    pub fn message(&self) -> String {
        match self {
            RosterError::Empty => "花名册是空的。".into(),
            RosterError::NoHeader => format!(
                "没有找到表头：花名册需要一行表头，含“姓名”和“身份证号”（或“身份证号码”“证件号码”）两列，且在前 {HEADER_SEARCH_ROWS} 行内。"
            ),
            RosterError::NoStudents => "表头下面没有学生。".into(),
            RosterError::Xlsx(why) => format!("无法读取这个 Excel 文件（{why}）：请另存为 .xlsx 或 CSV 后再试。"),
        }
    }
}

/// One spreadsheet cell: XLSX keeps numbers as numbers, which matters for ID numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e18 => format!("{n:.0}"),
            Cell::Number(n) => n.to_string(),
        }
    }
}

/// A roster file: XLSX (recognised by content: a ZIP), else text in any encoding [`text::decode`] knows.
pub fn parse(bytes: &[u8]) -> Result<Roster, RosterError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return from_rows(xlsx_rows(bytes)?, None);
    }
    let (text, encoding) = text::decode(bytes);
    from_rows(text_rows(&text), Some(encoding))
}

/// Text pasted from a spreadsheet (tab-separated) or typed as CSV.
pub fn parse_text(text: &str) -> Result<Roster, RosterError> {
    from_rows(text_rows(text), Some(Encoding::Utf8))
}

/// Cells of CSV or tab-separated text: tabs when any of the first lines has one (a paste from
/// Excel or WPS), else commas.
fn text_rows(text: &str) -> Vec<Vec<Cell>> {
    let tabbed = text.lines().take(HEADER_SEARCH_ROWS + 1).any(|l| l.contains('\t'));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(if tabbed { b'\t' } else { b',' })
        .from_reader(text.as_bytes());
    reader
        .records()
        // A malformed record (an unclosed quote) ends the table rather than failing it: the rows
        // read so far are still shown, each with its row number.
        .map_while(Result::ok)
        .map(|r| r.iter().map(|c| Cell::Text(c.to_owned())).collect())
        .collect()
}

/// Rows and columns of a workbook read at most: a class list is a few dozen lines and a dozen
/// columns. Cells beyond are ignored, so a sheet declaring a cell at `XFD1048576` costs nothing
/// (a dense range from `A1` to there would be 17 billion cells).
const MAX_XLSX_ROWS: u32 = 5_000;
const MAX_XLSX_COLUMNS: u32 = 64;

/// What an XLSX file (itself a ZIP) may unpack to before its XML is parsed: a roster's XML is tens
/// of KB; the ratio and size checks refuse a zip bomb dressed as a workbook.
const XLSX_LIMITS: archive::Limits =
    archive::Limits { max_entries: 500, max_entry_bytes: 32 << 20, max_total_bytes: 64 << 20, ..archive::LIMITS };

/// The first worksheet's cells, read one at a time (calamine's cell reader, not its dense range).
fn xlsx_rows(bytes: &[u8]) -> Result<Vec<Vec<Cell>>, RosterError> {
    use calamine::{DataRef, Reader, Xlsx};
    archive::Archive::open(bytes, &XLSX_LIMITS).map_err(|e| RosterError::Xlsx(e.message()))?;
    let failed = |e: calamine::XlsxError| RosterError::Xlsx(e.to_string());
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(failed)?;
    let Some(first) = book.sheet_names().into_iter().next() else { return Err(RosterError::Empty) };
    let mut reader = book.worksheet_cells_reader(&first).map_err(failed)?;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(failed)? {
        let (row, col) = cell.get_position();
        if row >= MAX_XLSX_ROWS || col >= MAX_XLSX_COLUMNS {
            continue;
        }
        let value = match cell.get_value() {
            DataRef::Float(f) => Cell::Number(*f),
            DataRef::Int(i) => Cell::Number(*i as f64),
            DataRef::Empty => continue,
            DataRef::String(s) => Cell::Text(s.clone()),
            DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
            other => Cell::Text(calamine::Data::from(other.clone()).to_string()),
        };
        let (row, col) = (row as usize, col as usize);
        if rows.len() <= row {
            rows.resize(row + 1, Vec::new());
        }
        let cells = &mut rows[row];
        if cells.len() <= col {
            cells.resize(col + 1, Cell::Text(String::new()));
        }
        cells[col] = value;
    }
    Ok(rows)
}

/// Header cells compared without spaces and required-field stars ("* 姓名").
fn header_key(cell: &Cell) -> String {
    cell.text().chars().filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊')).collect()
}

/// The column whose header is the first of `names` found in the row.
fn column(row: &[Cell], names: &[&str]) -> Option<usize> {
    let keys: Vec<String> = row.iter().map(header_key).collect();
    names.iter().find_map(|name| keys.iter().position(|k| k == name))
}

/// Spaces, a leading apostrophe (Excel's "keep as text") and full-width digits and Ｘ removed.
fn normalise_id(raw: &str) -> String {
    raw.trim()
        .trim_start_matches(['\'', '‘', '’'])
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            'Ｘ' => 'X',
            other => other,
        })
        .collect()
}

/// `4.10102E+17`: how Excel shows, and CSV saves, an ID typed into a number cell.
fn looks_like_a_float(id: &str) -> bool {
    id.contains(['E', 'e']) && id.contains('+') && id.chars().all(|c| c.is_ascii_digit() || ".Ee+".contains(c))
}

fn from_rows(rows: Vec<Vec<Cell>>, encoding: Option<Encoding>) -> Result<Roster, RosterError> {
    if rows.iter().all(|r| r.iter().all(|c| c.text().trim().is_empty())) {
        return Err(RosterError::Empty);
    }
    let (header, name_col, id_col) = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .find_map(|(i, row)| Some((i, column(row, &NAME_HEADERS)?, column(row, &ID_HEADERS)?)))
        .ok_or(RosterError::NoHeader)?;
    let cell = |row: &[Cell], col: usize| row.get(col).cloned().unwrap_or(Cell::Text(String::new()));
    let mut students = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(header + 1) {
        let name: String = cell(row, name_col).text().split_whitespace().collect();
        let id_cell = cell(row, id_col);
        let id = normalise_id(&id_cell.text());
        // Blank lines, and notes under the table ("制表人：…") that have no ID.
        if id.is_empty() && (name.is_empty() || name.contains([':', '：'])) {
            continue;
        }
        let stored_as_number = matches!(id_cell, Cell::Number(n) if n >= 1e15) || looks_like_a_float(&id);
        let issues = if id.is_empty() {
            vec![IdIssue::Missing]
        } else if stored_as_number {
            vec![IdIssue::StoredAsNumber]
        } else {
            match parse_id(&id) {
                Ok(info) => info.notes().into_iter().map(IdIssue::Note).collect(),
                Err(e) => vec![IdIssue::Invalid(e)],
            }
        };
        students.push(Student { row: i + 1, name, id, issues });
    }
    if students.is_empty() {
        return Err(RosterError::NoStudents);
    }
    flag_duplicates(&mut students);
    Ok(Roster { students, encoding })
}

/// Marks every line whose ID (or name) appears on another line, naming that line.
fn flag_duplicates(students: &mut [Student]) {
    let lines: Vec<(usize, String, String)> = students.iter().map(|s| (s.row, s.id.clone(), s.name.clone())).collect();
    for s in students.iter_mut() {
        let other = |same: &dyn Fn(&(usize, String, String)) -> bool| {
            lines.iter().find(|l| l.0 != s.row && same(l)).map(|l| l.0)
        };
        let same_id = other(&|l| !s.id.is_empty() && l.1 == s.id);
        let same_name = other(&|l| !s.name.is_empty() && l.2 == s.name);
        s.issues.extend(same_id.map(|row| IdIssue::DuplicateId { row }));
        s.issues.extend(same_name.map(|row| IdIssue::DuplicateName { row }));
    }
}
