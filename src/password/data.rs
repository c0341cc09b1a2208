//! The embedded word lists (data/*.txt, compiled in with `include_str!`) parsed once on first use.
//!
//! Why parse lazily: the raw text is ~25 KB and costs nothing until the password page runs; the
//! maps are built on the first estimate (well under a millisecond) and then shared.

use std::collections::HashMap;
use std::sync::OnceLock;

const COMMON_ZH: &str = include_str!("../../data/common-passwords-zh.txt");
const PINYIN_WORDS: &str = include_str!("../../data/pinyin-words.txt");
const ENGLISH: &str = include_str!("../../data/english-words.txt");
const GIVEN: &str = include_str!("../../data/given-syllables.txt");
const SURNAMES: &str = include_str!("../../data/surnames.txt");
/// The largest list (~18 KB): fetched by the password page in the browser, compiled in natively.
/// The page builds nothing from the lists before it is installed (see `ui::PasswordPage`).
pub static HANZI_PINYIN: crate::lazydata::LazyText = crate::data_file!("hanzi-pinyin.txt");

/// Which ranked list a dictionary word came from; the finding text depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dict {
    /// Whole common Chinese passwords (the blocklist).
    CommonPassword,
    /// Pinyin words and phrases (woaini, baobei, zhengzhou…).
    Pinyin,
    English,
    /// Love and lucky numbers (520, 1314, 888…).
    Number,
}

/// A number that means something in Chinese, with its reading (shown in the finding).
pub struct MeaningfulNumber {
    pub digits: &'static str,
    pub meaning: &'static str,
    pub love: bool,
}

/// Ranked by how often they turn up in Chinese passwords (hand-ordered; the rank only needs to be
/// roughly right for the guess estimate, because each is cheap to guess either way).
pub const NUMBERS: &[MeaningfulNumber] = &[
    MeaningfulNumber { digits: "5201314", meaning: "我爱你一生一世", love: true },
    MeaningfulNumber { digits: "1314520", meaning: "一生一世我爱你", love: true },
    MeaningfulNumber { digits: "520", meaning: "我爱你", love: true },
    MeaningfulNumber { digits: "1314", meaning: "一生一世", love: true },
    MeaningfulNumber { digits: "7758521", meaning: "亲亲我吧我爱你", love: true },
    MeaningfulNumber { digits: "521", meaning: "我爱你", love: true },
    MeaningfulNumber { digits: "888", meaning: "发发发", love: false },
    MeaningfulNumber { digits: "666", meaning: "六六大顺", love: false },
    MeaningfulNumber { digits: "5211314", meaning: "我爱你一生一世", love: true },
    MeaningfulNumber { digits: "1314521", meaning: "一生一世我爱你", love: true },
    MeaningfulNumber { digits: "168", meaning: "一路发", love: false },
    MeaningfulNumber { digits: "518", meaning: "我要发", love: false },
    MeaningfulNumber { digits: "999", meaning: "长长久久", love: false },
    MeaningfulNumber { digits: "3344", meaning: "生生世世", love: true },
    MeaningfulNumber { digits: "9420", meaning: "就是爱你", love: true },
    MeaningfulNumber { digits: "530", meaning: "我想你", love: true },
    MeaningfulNumber { digits: "584", meaning: "我发誓", love: true },
    MeaningfulNumber { digits: "1711", meaning: "一心一意", love: true },
    MeaningfulNumber { digits: "8023", meaning: "伴你一生", love: true },
    MeaningfulNumber { digits: "886", meaning: "拜拜了", love: false },
];

pub struct Data {
    pub dicts: Vec<(Dict, HashMap<&'static str, usize>)>,
    /// Surname pinyin → rank (1 = most common).
    pub surnames: HashMap<&'static str, usize>,
    /// Surname hanzi → its pinyin (surname readings differ from everyday ones).
    pub surname_hanzi: HashMap<&'static str, &'static str>,
    /// Given-name syllable → rank.
    pub given: HashMap<&'static str, usize>,
    /// Hanzi → readings, usual reading first.
    pub hanzi: HashMap<char, Vec<&'static str>>,
    /// Every syllable in the hanzi table, to split pinyin typed without spaces.
    pub syllables: HashMap<&'static str, ()>,
    pub max_word_chars: usize,
}

static DATA: OnceLock<Data> = OnceLock::new();

pub fn data() -> &'static Data {
    DATA.get_or_init(build)
}

/// The non-comment, non-empty lines of a list, in order.
fn lines(text: &'static str) -> impl Iterator<Item = &'static str> + 'static {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn ranked(text: &'static str) -> HashMap<&'static str, usize> {
    let mut map = HashMap::new();
    for (i, w) in lines(text).enumerate() {
        // Keep the best (first) rank if a word is listed twice.
        map.entry(w).or_insert(i + 1);
    }
    map
}

fn build() -> Data {
    let numbers: HashMap<&'static str, usize> = NUMBERS.iter().enumerate().map(|(i, n)| (n.digits, i + 1)).collect();
    let dicts = vec![
        (Dict::CommonPassword, ranked(COMMON_ZH)),
        (Dict::Pinyin, ranked(PINYIN_WORDS)),
        (Dict::English, ranked(ENGLISH)),
        (Dict::Number, numbers),
    ];
    let max_word_chars = dicts.iter().flat_map(|(_, m)| m.keys()).map(|w| w.chars().count()).max().unwrap_or(0);
    let mut surnames = HashMap::new();
    let mut surname_hanzi = HashMap::new();
    for (i, line) in lines(SURNAMES).enumerate() {
        let mut parts = line.split_whitespace();
        if let (Some(hz), Some(py)) = (parts.next(), parts.next()) {
            surnames.entry(py).or_insert(i + 1);
            surname_hanzi.entry(hz).or_insert(py);
        }
    }
    let mut hanzi: HashMap<char, Vec<&'static str>> = HashMap::new();
    let mut syllables = HashMap::new();
    // Usual readings come before the "+" lines, so pushing in file order keeps them first.
    for line in lines(HANZI_PINYIN.get().unwrap_or_default()) {
        let mut parts = line.split_whitespace();
        let (Some(syl), Some(chars)) = (parts.next(), parts.next()) else {
            continue;
        };
        let syl = syl.trim_start_matches('+');
        syllables.insert(syl, ());
        for ch in chars.chars() {
            hanzi.entry(ch).or_default().push(syl);
        }
    }
    Data { dicts, surnames, surname_hanzi, given: ranked(GIVEN), hanzi, syllables, max_word_chars }
}

/// The meaning of a love/lucky number, if it is one.
pub fn number_meaning(digits: &str) -> Option<&'static MeaningfulNumber> {
    NUMBERS.iter().find(|n| n.digits == digits)
}
