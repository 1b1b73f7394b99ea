//! The glossary, and one Arabic term per concept.
//!
//! The glossary (`assets/glossary.ron`) explains the game's concepts of law, diplomacy and
//! play in English; each entry's `term` and `text` are keys of the language tables, like every
//! other word of the game, so the Arabic lives in `assets/lang/ar.ron`.
//!
//! [`TERMS`] fixes the one Arabic word for each concept the game names, following the UN's
//! Arabic texts where one exists (the Charter, the ILC Articles on State Responsibility,
//! A/70/174), and the variants that must not creep back. The tests hold the Arabic table, the
//! glossary and every shipped scenario's Arabic texts to it.

use std::sync::OnceLock;

use serde::Deserialize;

/// One glossary entry: a concept, a plain explanation and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Snake-case id, named by other entries' `see`.
    pub id: String,
    /// The concept as the game writes it (English; a key of the language tables).
    pub term: String,
    /// One to three plain sentences (English; a key of the language tables).
    pub text: String,
    /// The instrument, case or rule it comes from, as cited (not translated).
    pub source: String,
    /// Ids of related entries.
    pub see: Vec<String>,
}

const GLOSSARY: &str = include_str!("../../assets/glossary.ron");

/// Every glossary entry, in the file's order. The file is built in; a test proves it parses.
pub fn glossary() -> &'static [Entry] {
    static ALL: OnceLock<Vec<Entry>> = OnceLock::new();
    ALL.get_or_init(|| match ron::from_str::<Vec<Entry>>(GLOSSARY) {
        Ok(entries) => entries,
        Err(e) => panic!("assets/glossary.ron does not parse: {e}"),
    })
}

/// The glossary entry with this id.
pub fn entry(id: &str) -> Option<&'static Entry> {
    glossary().iter().find(|e| e.id == id)
}

/// One concept: the English words that name it, and its one Arabic term.
#[derive(Clone, Copy, Debug)]
pub struct Term {
    /// English word forms naming the concept, matched as whole words (a hyphen joins words:
    /// "confidence" is not found in "confidence-building"), ignoring case.
    pub en: &'static [&'static str],
    /// English phrases in which those words mean something else ("every capital"); they are
    /// removed, ignoring case, before the forms are looked for.
    pub except: &'static [&'static str],
    /// The Arabic term, first, then its other forms (plurals, verbs). One must appear where the
    /// English names the concept: each word of a form begins an Arabic word, after the
    /// prefixes و ف, then ب ل ك, then ال (or لل); a form ending in ة also matches ت before a
    /// suffix (قاعدتها); short vowels and tatweel are ignored.
    pub ar: &'static [&'static str],
    /// Variants that must not be used where the English names the concept, matched as the
    /// forms are. A variant that is itself the term of another concept the English names is
    /// allowed (a text about a norm and a rule has both معيار and قاعدة).
    pub not: &'static [&'static str],
    /// Where the Arabic comes from.
    pub source: &'static str,
}

/// The one Arabic term of each concept.
pub const TERMS: &[Term] = &[
    Term {
        en: &["norm", "norms"],
        except: &[],
        ar: &["معيار", "معايير"],
        not: &["قاعدة", "قواعد", "أعراف"],
        source: "UN Arabic for the GGE's \"norms, rules and principles\": المعايير والقواعد والمبادئ (A/70/174, res. 70/237); a norm is not a rule of law",
    },
    Term {
        en: &["rule", "rules"],
        except: &[],
        ar: &["قاعدة", "قواعد"],
        not: &["معيار", "معايير"],
        source: "UN Arabic: قواعد القانون الدولي",
    },
    Term {
        en: &["countermeasure", "countermeasures"],
        except: &[],
        ar: &["تدبير مضاد", "تدابير مضاد"],
        not: &[
            "إجراء مضاد",
            "إجراءات مضاد",
            "تدابير انتقامية",
            "تدبير انتقامي",
        ],
        source: "ILC Articles on State Responsibility, Arabic text, Arts. 49-53: التدابير المضادة",
    },
    Term {
        en: &["retorsion"],
        except: &[],
        ar: &["رد بالمثل"],
        not: &["رد مماثل", "معاملة بالمثل", "إجراء انتقامي"],
        source: "Arabic international-law usage: الرد بالمثل, unfriendly but lawful, set apart from التدابير المضادة",
    },
    Term {
        en: &[
            "attribution",
            "attributions",
            "attribute",
            "attributes",
            "attributed",
            "attributing",
        ],
        except: &["e.g. Attributed"],
        ar: &["إسناد", "يسند", "تسند", "أسند", "نسند"],
        not: &["عزو", "يعزو", "تعزو", "عزا"],
        source: "ILC Articles, Arabic text, Part One, Chapter II: إسناد تصرف إلى الدولة",
    },
    Term {
        en: &["attributable"],
        except: &[],
        ar: &["ينسب", "تنسب", "نسب"],
        not: &[],
        source: "ILC Articles, Arabic text, Art. 2(a): يُنسب إلى الدولة بمقتضى القانون الدولي",
    },
    Term {
        en: &["evidence"],
        except: &[],
        ar: &["دليل", "أدلة"],
        not: &["بينة", "بينات", "براهين", "قرائن"],
        source: "the project's usage throughout (دليل، أدلة)",
    },
    Term {
        en: &["incident", "incidents"],
        except: &[],
        ar: &["حادث", "حوادث"],
        not: &["حادثة"],
        source: "A/70/174, Arabic text, para. 13(b): حوادث تتعلق بتكنولوجيا المعلومات والاتصالات",
    },
    Term {
        en: &["sanction", "sanctions", "sanctioned"],
        except: &[],
        ar: &["عقوب"],
        not: &["جزاء"],
        source: "the EU's regime in Arabic usage: العقوبات (the UN Security Council's are جزاءات; the game's are the EU's and states')",
    },
    Term {
        en: &["diplomatic capital", "capital"],
        except: &[
            "every capital",
            "each capital",
            "other capital",
            "the capital",
            "its capital",
            "political capital",
            "capital's",
        ],
        ar: &["رصيد"],
        not: &["رأس مال", "رأسمال"],
        source: "the game's variable: الرصيد الدبلوماسي",
    },
    Term {
        en: &["technical capacity", "capacity"],
        except: &[
            "capacity building",
            "capacity-building",
            "full capacity",
            "their capacity",
            "partner's capacity",
        ],
        ar: &["قدرة تقنية"],
        not: &[],
        source: "the game's variable: القدرة التقنية",
    },
    Term {
        en: &["capacity building", "capacity-building"],
        except: &[],
        ar: &["بناء قدرات"],
        not: &["تنمية قدرات", "بناء قدرة"],
        source: "UN Arabic: بناء القدرات",
    },
    Term {
        en: &["resilience"],
        except: &[],
        ar: &["صمود"],
        not: &["مرونة", "منعة"],
        source: "the game's variable: الصمود السيبراني",
    },
    Term {
        en: &["confidence"],
        except: &["confidence-building"],
        ar: &["ثقة"],
        not: &["يقين"],
        source: "confidence of an assessment: درجة الثقة (low, moderate, high: منخفضة، متوسطة، عالية)",
    },
    Term {
        en: &["confidence-building"],
        except: &[],
        ar: &["بناء ثقة"],
        not: &[],
        source: "UN and OSCE Arabic: تدابير بناء الثقة",
    },
    Term {
        en: &["turn", "turns"],
        except: &["turns down", "in turn"],
        ar: &["جولة", "جولات"],
        // دور also means a role (دور حكومي), so it cannot be barred by the word alone.
        not: &[],
        source: "the interface's word for a turn: الجولة",
    },
    Term {
        en: &["critical infrastructure", "critical infrastructures"],
        except: &[],
        ar: &["أساسية حيوية"],
        not: &["تحتية حيوية", "تحتية حرجة", "أساسية حرجة"],
        source: "A/70/174, Arabic text, para. 13(f)-(h), and GA res. 58/199: الهياكل الأساسية الحيوية",
    },
    Term {
        en: &["infrastructure health"],
        except: &[],
        ar: &["سلامة هياكل"],
        not: &["سلامة بني", "سلامة بنى"],
        source: "the game's variable: سلامة الهياكل الأساسية",
    },
    Term {
        en: &["DDoS", "denial of service", "denial-of-service"],
        except: &[],
        ar: &["حجب خدمة"],
        not: &["حرمان من خدمة", "رفض خدمة"],
        source: "the project's usage: هجوم حجب الخدمة الموزّع",
    },
    Term {
        en: &["due diligence"],
        except: &[],
        ar: &["عناية واجبة"],
        not: &["عناية لازمة", "بذل عناية"],
        source: "Arabic international-law usage: العناية الواجبة",
    },
    Term {
        en: &["démarche", "démarches", "demarche", "demarches"],
        except: &[],
        ar: &["مسعى", "مساعي", "مساع دبلوماسي"],
        not: &["مذكرة احتجاج"],
        source: "Arabic diplomatic usage: المسعى الدبلوماسي",
    },
    Term {
        en: &["persona non grata"],
        except: &[],
        ar: &["غير مرغوب"],
        not: &[],
        source: "Vienna Convention on Diplomatic Relations, Arabic text, Art. 9: شخص غير مرغوب فيه",
    },
    Term {
        en: &["wrongful act", "wrongful acts"],
        except: &[],
        ar: &["غير مشروع"],
        not: &["غير قانوني", "غير شرعي"],
        source: "ILC Articles, Arabic text, Arts. 1-2: فعل غير مشروع دولياً",
    },
    Term {
        en: &["injured state"],
        except: &[],
        ar: &["مضرور"],
        not: &["متضرر"],
        source: "ILC Articles, Arabic text, Arts. 42 and 49: الدولة المضرورة",
    },
    Term {
        en: &["armed attack", "armed attacks"],
        except: &[],
        ar: &["هجوم مسلح"],
        not: &["عدوان مسلح", "اعتداء مسلح"],
        source: "Arabic usage for UN Charter Art. 51: الهجوم المسلح",
    },
    Term {
        en: &["use of force"],
        except: &[],
        ar: &["استخدام قوة", "استعمال قوة"],
        not: &[],
        source: "UN Charter, Arabic text, Art. 2(4): التهديد باستعمال القوة أو استخدامها",
    },
    Term {
        en: &["self-defence", "self-defense"],
        except: &[],
        ar: &["دفاع عن نفس"],
        not: &["دفاع شرعي"],
        source: "UN Charter, Arabic text, Art. 51, and ILC Art. 21: الدفاع عن النفس",
    },
    Term {
        en: &["sovereignty"],
        except: &[],
        ar: &["سيادة"],
        not: &[],
        source: "UN Charter, Arabic text: السيادة",
    },
    Term {
        en: &["severity"],
        except: &[],
        ar: &["خطورة"],
        not: &["شدة", "جسامة"],
        source: "the game's scale of an incident, 1-5: الخطورة (its intensity is الشدة)",
    },
    Term {
        en: &["intensity"],
        except: &[],
        ar: &["شدة"],
        not: &["خطورة"],
        source: "a countermeasure's intensity: الشدة",
    },
    Term {
        en: &["reputation"],
        except: &[],
        ar: &["سمعة"],
        not: &[],
        source: "the game's variable: السمعة",
    },
    Term {
        en: &["domestic pressure"],
        except: &[],
        ar: &["ضغط داخلي"],
        not: &["ضغوط داخلية"],
        source: "the game's variable: الضغط الداخلي",
    },
    Term {
        en: &["tension", "tensions"],
        except: &[],
        ar: &["توتر"],
        not: &[],
        source: "the game's measure between two states: التوتر",
    },
    Term {
        en: &["escalation"],
        except: &[],
        ar: &["تصعيد"],
        not: &[],
        source: "the game's ladder: التصعيد",
    },
    Term {
        en: &["legal assistance", "legal-assistance", "mutual assistance"],
        except: &[],
        ar: &["مساعدة قانونية", "مساعدة متبادلة"],
        not: &["مساعدة قضائية", "تعاون قضائي"],
        source: "Budapest Convention, Arabic usage, Art. 25: المساعدة المتبادلة",
    },
    Term {
        en: &[
            "CERT",
            "CERTs",
            "CSIRT",
            "CSIRTs",
            "emergency response team",
            "emergency response teams",
        ],
        except: &[],
        ar: &["فريق استجابة", "أفرقة استجابة"],
        not: &["فرق استجابة", "فرق طوارئ", "فريق طوارئ"],
        source: "A/70/174, Arabic text, para. 13(k): أفرقة الاستجابة لحالات الطوارئ; a CERT is فريق الاستجابة لطوارئ الحاسوب",
    },
    Term {
        en: &["Security Council"],
        // A state's own council of that name (Iran's Supreme National Security Council).
        except: &["National Security Council"],
        ar: &["مجلس أمن"],
        not: &[],
        source: "UN Charter, Arabic text: مجلس الأمن",
    },
    Term {
        en: &["false flag"],
        except: &[],
        ar: &["راية زائفة"],
        not: &["علم زائف", "علم كاذب"],
        source: "the project's usage: الراية الزائفة",
    },
];

impl Term {
    /// Whether the English text names this concept.
    pub fn named_in(&self, en: &str) -> bool {
        let mut text = en.to_lowercase();
        for x in self.except {
            text = text.replace(&x.to_lowercase(), " ");
        }
        self.en
            .iter()
            .any(|form| has_word(&text, &form.to_lowercase()))
    }

    /// Whether the Arabic text uses the term (one of its forms).
    pub fn used_in(&self, ar: &str) -> bool {
        let words = arabic_words(ar);
        self.ar.iter().any(|form| has_form(&words, form))
    }
}

/// What is wrong with an Arabic text against its English under [`TERMS`]: each concept the
/// English names whose term the Arabic lacks, and each barred variant it uses.
pub fn misuses(en: &str, ar: &str) -> Vec<String> {
    let named: Vec<&Term> = TERMS.iter().filter(|t| t.named_in(en)).collect();
    let words = arabic_words(ar);
    let mut out = Vec::new();
    for t in &named {
        if !t.ar.iter().any(|form| has_form(&words, form)) {
            out.push(format!("\"{}\" without {}", t.en[0], t.ar[0]));
        }
        for v in t.not {
            let owned = named.iter().any(|o| o.ar.contains(v));
            if !owned && has_form(&words, v) {
                out.push(format!("\"{}\" as {v}, not {}", t.en[0], t.ar[0]));
            }
        }
    }
    out
}

/// `word` appears in `text` (both lower case) with no letter, digit or hyphen either side.
fn has_word(text: &str, word: &str) -> bool {
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_');
    text.match_indices(word).any(|(i, _)| {
        !joins(text[..i].chars().next_back()) && !joins(text[i + word.len()..].chars().next())
    })
}

/// The Arabic words of a text, without short vowels, shadda, sukun or tatweel.
fn arabic_words(ar: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in ar.chars() {
        match c {
            '\u{64B}'..='\u{652}' | '\u{670}' | '\u{640}' => {}
            '\u{621}'..='\u{64A}' => word.push(c),
            _ => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// A form (one or more words) begins consecutive words of the text, after their prefixes.
fn has_form(words: &[String], form: &str) -> bool {
    let parts: Vec<&str> = form.split_whitespace().collect();
    if parts.is_empty() || parts.len() > words.len() {
        return false;
    }
    (0..=words.len() - parts.len()).any(|i| {
        parts
            .iter()
            .enumerate()
            .all(|(j, part)| bases(&words[i + j]).iter().any(|b| begins(b, part)))
    })
}

/// The word and what remains after its prefixes: و or ف, then ب ل or ك, then ال (or لل).
fn bases(word: &str) -> Vec<&str> {
    let mut out = vec![word];
    for conj in ["", "و", "ف"] {
        let Some(w1) = word.strip_prefix(conj) else {
            continue;
        };
        out.push(w1);
        if let Some(w2) = w1.strip_prefix("لل") {
            out.push(w2);
        }
        for prep in ["", "ب", "ل", "ك"] {
            let Some(w2) = w1.strip_prefix(prep) else {
                continue;
            };
            out.push(w2);
            if let Some(w3) = w2.strip_prefix("ال") {
                out.push(w3);
            }
        }
    }
    out
}

/// The word begins with the stem; a stem ending in ة also begins it as ت before a suffix.
fn begins(word: &str, stem: &str) -> bool {
    if word.starts_with(stem) {
        return true;
    }
    stem.strip_suffix('ة').is_some_and(|root| {
        word.strip_prefix(root)
            .and_then(|rest| rest.strip_prefix('ت'))
            .is_some_and(|suffix| !suffix.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use std::collections::HashSet;

    /// The matcher: prefixes, suffixes, ta marbuta, vowels; whole English words only; a
    /// variant another named concept owns is allowed.
    #[test]
    fn the_matcher_reads_arabic_words_and_english_whole_words() {
        let norm = TERMS.iter().find(|t| t.en[0] == "norm").expect("norm");
        for ar in [
            "المعيار 13(ج)",
            "بالمعيار",
            "للمعيار",
            "والمعايير",
            "معيارًا",
        ] {
            assert!(norm.used_in(ar), "{ar}");
        }
        assert!(!norm.used_in("القاعدة 13(ج)"));
        assert!(norm.named_in("Norms codex") && norm.named_in("norm 13c"));
        assert!(!norm.named_in("normal") && !norm.named_in("abnormal"));
        assert_eq!(misuses("norm 13c", "المعيار 13(ج)"), Vec::<String>::new());
        assert_eq!(misuses("norm 13c", "القاعدة 13(ج)").len(), 2);
        // A norm and a rule in one text: each has its own word.
        assert!(misuses("the norm and the rule", "المعيار والقاعدة").is_empty());
        let rule = TERMS.iter().find(|t| t.en[0] == "rule").expect("rule");
        assert!(rule.used_in("قاعدتها") && rule.used_in("بالقاعدتين"));
        let cm = TERMS
            .iter()
            .find(|t| t.en[0] == "countermeasure")
            .expect("countermeasure");
        for ar in ["التدابير المضادة", "تدبيرًا مضادًّا", "للتدبير المضاد"]
        {
            assert!(cm.used_in(ar), "{ar}");
        }
        let confidence = TERMS
            .iter()
            .find(|t| t.en[0] == "confidence")
            .expect("confidence");
        assert!(!confidence.named_in("Confidence-building measure"));
        let capital = TERMS
            .iter()
            .find(|t| t.en[0] == "diplomatic capital")
            .expect("capital");
        assert!(capital.named_in("needs {0} capital") && !capital.named_in("each capital decides"));
        // Every row is usable: English forms, an Arabic term in Arabic letters, a source.
        for t in TERMS {
            assert!(
                !t.en.is_empty() && !t.ar.is_empty() && !t.source.is_empty(),
                "{t:?}"
            );
            for form in t.ar.iter().chain(t.not) {
                let words = arabic_words(form);
                assert_eq!(words.join(" "), *form, "{form}: Arabic letters, unvowelled");
            }
            assert!(t.ar.iter().all(|f| !t.not.contains(f)), "{t:?}");
        }
    }

    /// (1) Every entry of the Arabic table whose English names a concept uses that concept's
    /// one Arabic term, and none of the variants barred for it.
    #[test]
    fn the_arabic_table_uses_one_term_per_concept() {
        let mut wrong = Vec::new();
        let mut checked = 0;
        for key in Lang::AR.keys() {
            let problems = misuses(key, Lang::AR.t_any(key));
            checked += TERMS.iter().filter(|t| t.named_in(key)).count();
            if !problems.is_empty() {
                wrong.push(format!("{key}\n    {}", problems.join("; ")));
            }
        }
        wrong.sort();
        assert!(checked > 300, "too few uses checked: {checked}");
        assert!(wrong.is_empty(), "ar.ron: {wrong:#?}");
    }

    /// Every Arabic text of a scenario (a `Text` with `en` and `ar`), with its path.
    fn scenario_texts() -> Vec<(String, String, String)> {
        fn walk(v: &serde_json::Value, path: String, out: &mut Vec<(String, String, String)>) {
            use serde_json::Value;
            match v {
                Value::Object(m) => {
                    if let (Some(Value::String(en)), Some(Value::String(ar))) =
                        (m.get("en"), m.get("ar"))
                    {
                        out.push((path, en.clone(), ar.clone()));
                        return;
                    }
                    for (k, x) in m {
                        walk(x, format!("{path}.{k}"), out);
                    }
                }
                Value::Array(items) => {
                    for (i, x) in items.iter().enumerate() {
                        let name = x
                            .get("id")
                            .and_then(Value::as_str)
                            .map_or_else(|| i.to_string(), str::to_string);
                        walk(x, format!("{path}[{name}]"), out);
                    }
                }
                _ => {}
            }
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("the scenarios folder")
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
        files.sort();
        assert!(files.len() >= 3, "{files:?}");
        let mut out = Vec::new();
        for path in files {
            let sc = crate::scenario::load_file(&path)
                .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
            let tree = serde_json::to_value(&sc).expect("a scenario serializes");
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            walk(&tree, name.to_string(), &mut out);
        }
        out
    }

    /// (2) The same for every shipped scenario's Arabic texts; and their norms are lettered
    /// as the Arabic text of A/70/174 letters them, 13(ب), not 13b.
    #[test]
    fn the_scenarios_use_one_term_per_concept() {
        let texts = scenario_texts();
        assert!(texts.len() > 400, "too few texts: {}", texts.len());
        let mut wrong = Vec::new();
        for (path, en, ar) in &texts {
            let mut problems = misuses(en, ar);
            let latin_norm = ar.match_indices("13").any(|(i, _)| {
                let next = ar[i + 2..].chars().next();
                let after = ar[i + 2..].chars().nth(1);
                let before = ar[..i].chars().next_back();
                next.is_some_and(|c| ('a'..='k').contains(&c))
                    && !after.is_some_and(|c| c.is_ascii_alphanumeric())
                    && !before.is_some_and(|c| c.is_ascii_alphanumeric())
            });
            if latin_norm {
                problems.push("a norm lettered in Latin (13b for 13(ب))".to_string());
            }
            if !problems.is_empty() {
                wrong.push(format!("{path}\n    {}", problems.join("; ")));
            }
        }
        assert!(wrong.is_empty(), "scenarios: {wrong:#?}");
    }

    /// (3) The glossary parses; ids are unique snake case; every `see` names another entry;
    /// every term and text has Arabic; every variable of the game has an entry.
    #[test]
    fn the_glossary_parses_and_every_entry_has_arabic() {
        let all = glossary();
        assert!(all.len() >= 30, "{} entries", all.len());
        let ids: HashSet<&str> = all.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), all.len(), "an id is given twice");
        let mut missing = Vec::new();
        for e in all {
            assert!(
                !e.id.is_empty()
                    && e.id.starts_with(|c: char| c.is_ascii_lowercase())
                    && e.id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "not snake case: {}",
                e.id
            );
            assert!(
                !e.term.trim().is_empty() && !e.source.trim().is_empty(),
                "{}",
                e.id
            );
            assert!(!e.text.trim().is_empty() && e.text.len() <= 700, "{}", e.id);
            for s in &e.see {
                assert!(ids.contains(s.as_str()), "{}: sees unknown \"{s}\"", e.id);
                assert_ne!(s, &e.id, "{} sees itself", e.id);
            }
            for key in [&e.term, &e.text] {
                if !Lang::AR.has(key) || Lang::AR.t_any(key) == key.as_str() {
                    missing.push(format!("{}: {key}", e.id));
                }
            }
        }
        assert!(missing.is_empty(), "no Arabic for: {missing:#?}");
        assert_eq!(
            entry("countermeasure").map(|e| e.term.as_str()),
            Some("countermeasure")
        );
        assert!(entry("no_such_entry").is_none());
        for var in crate::scenario::Var::ALL {
            assert!(
                all.iter().any(|e| e.term == var.term()),
                "no glossary entry for the variable {}",
                var.term()
            );
        }
    }

    /// Glossary entries keep to the Arabic terms too (their keys are in the table, so the
    /// table test covers them; this names the glossary when one slips).
    #[test]
    fn the_glossary_arabic_uses_one_term_per_concept() {
        let mut wrong = Vec::new();
        for e in glossary() {
            for key in [&e.term, &e.text] {
                let problems = misuses(key, Lang::AR.t_any(key));
                if !problems.is_empty() {
                    wrong.push(format!("{}: {}", e.id, problems.join("; ")));
                }
            }
        }
        assert!(wrong.is_empty(), "glossary: {wrong:#?}");
    }
}
