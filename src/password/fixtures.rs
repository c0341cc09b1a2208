//! A made-up student shared by the unit tests and the benchmark (not real data).

use super::context::PersonalContext;

#[doc(hidden)]
pub fn sample_student() -> PersonalContext {
    PersonalContext {
        name: Some("王小明".into()),
        birth_date: Some("2010-03-15".into()),
        id_number: Some("41010220100315123X".into()),
        phone: Some("13803711234".into()),
        school: Some("郑州市第一中学".into()),
        class_name: Some("九年级3班".into()),
        teacher: Some("李华".into()),
    }
}
