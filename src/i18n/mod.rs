//! The one translation table: every string the client shows and every sentence the engine
//! records, in English and Arabic. Scenario texts carry their own translations
//! (`Text { en, ar }`). The engine records [`Phrase`]s (a pattern and its arguments) and
//! each language renders them here, in the client, the report and the command line.

use std::collections::HashMap;
use std::sync::OnceLock;

use bevy::prelude::Resource;

mod engine;
mod phrase;

pub use phrase::{Arg, Phrase};

/// The language of the interface.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Ar,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "ar" => Some(Lang::Ar),
            _ => None,
        }
    }

    /// The code scenario texts use.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ar => "ar",
        }
    }

    pub fn rtl(self) -> bool {
        self == Lang::Ar
    }

    /// The language's name in itself (for the language switch).
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ar => "العربية",
        }
    }

    /// The text of a key in this language (the key itself if the tables lack it, which a
    /// test rules out for every key the client and the engine use).
    pub fn t(self, key: &'static str) -> &'static str {
        self.t_any(key)
    }

    /// A translated pattern with `{0}`, `{1}`… filled in.
    pub fn f(self, key: &'static str, args: &[&str]) -> String {
        phrase::fill(self.t(key), |i| args.get(i).map(|a| a.to_string()))
    }

    /// The text of any key, the interface's or the engine's (a key that came over the
    /// network is not `'static`); the key itself if neither table has it.
    pub fn t_any(self, key: &str) -> &str {
        if let Ok(i) = TABLE.binary_search_by(|(k, _, _)| (*k).cmp(key)) {
            return match self {
                Lang::En => TABLE[i].1,
                Lang::Ar => TABLE[i].2,
            };
        }
        match self {
            Lang::En => key,
            Lang::Ar => engine_table().get(key).copied().unwrap_or(key),
        }
    }

    /// Whether a key has its own Arabic in either table.
    pub fn translated(key: &str) -> bool {
        TABLE.binary_search_by(|(k, _, _)| (*k).cmp(key)).is_ok()
            || engine_table().contains_key(key)
    }

    /// Paragraph 13's item `i` (0 is "13a"; in Arabic "13(أ)", as the UN's Arabic text
    /// letters it).
    pub fn paragraph_13(self, i: u8) -> &'static str {
        let row = match self {
            Lang::En => 0,
            Lang::Ar => 1,
        };
        PARAGRAPH_13[row].get(i as usize).copied().unwrap_or("")
    }
}

/// The engine's patterns, English (the key) to Arabic.
fn engine_table() -> &'static HashMap<&'static str, &'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| engine::ENGINE.iter().copied().collect())
}

/// Paragraph 13's letters, as each language's text of A/70/174 letters them: 13a … 13k in
/// English, أ ب ج د هـ و ز ح ط ي ك in Arabic.
const PARAGRAPH_13: [[&str; 11]; 2] = [
    [
        "13a", "13b", "13c", "13d", "13e", "13f", "13g", "13h", "13i", "13j", "13k",
    ],
    [
        "13(أ)", "13(ب)", "13(ج)", "13(د)", "13(هـ)", "13(و)", "13(ز)", "13(ح)", "13(ط)", "13(ي)",
        "13(ك)",
    ],
];

/// (key, English, Arabic), sorted by key.
const TABLE: &[(&str, &str, &str)] = &[
    (
        " · in its own ledger, once adopted",
        " · in its own ledger, once adopted",
        " · في سجلها الخاص، بعد الاعتماد",
    ),
    (
        " · in the other state's ledger",
        " · in the other state's ledger",
        " · في سجل الدولة الأخرى",
    ),
    (
        " · revealed at the debrief",
        " · revealed at the debrief",
        " · يُكشف عنه في التقييم الختامي",
    ),
    (
        " · through the incident it causes",
        " · through the incident it causes",
        " · عبر الحادث الذي يتسبب فيه",
    ),
    (
        "(other proposals: the Institutions tab)",
        "(other proposals: the Institutions tab)",
        "(المقترحات الأخرى: تبويب المؤسسات)",
    ),
    (
        "Add orders from the list; change them until the deadline.",
        "Add orders from the list; change them until the deadline.",
        "أضف إجراءات من القائمة؛ ويمكنك تعديلها حتى الموعد النهائي.",
    ),
    (
        "Address for classmates",
        "Address for classmates",
        "العنوان للزملاء",
    ),
    (
        "Address to listen on",
        "Address to listen on",
        "عنوان الاستماع",
    ),
    (
        "After-action report",
        "After-action report",
        "تقرير ما بعد التمرين",
    ),
    ("All channels", "All channels", "جميع القنوات"),
    ("Assign", "Assign", "تعيين"),
    ("Assign a seat", "Assign a seat", "تعيين مقعد"),
    ("Attributions", "Attributions", "الإسنادات"),
    ("Briefing", "Briefing", "الإحاطة"),
    ("Can decide", "Can decide", "صلاحياتها"),
    ("Channels", "Channels", "القنوات"),
    (
        "Choose a channel, or people to write to.",
        "Choose a channel, or people to write to.",
        "اختر قناة، أو أشخاصًا لمراسلتهم.",
    ),
    (
        "Choose a seat to see exactly what it sees.",
        "Choose a seat to see exactly what it sees.",
        "اختر مقعدًا لترى ما يراه بالضبط.",
    ),
    ("Connecting…", "Connecting…", "جارٍ الاتصال…"),
    ("Control cell", "Control cell", "خلية التحكم"),
    (
        "Control cell only: the engine's assessment, {0}; author {1}",
        "Control cell only: the engine's assessment, {0}; author {1}",
        "لخلية التحكم فقط: تقييم المحاكاة: {0}؛ الفاعل: {1}",
    ),
    ("Could not join", "Could not join", "تعذّر الانضمام"),
    (
        "Could not open the folder",
        "Could not open the folder",
        "تعذّر فتح المجلد",
    ),
    (
        "Could not start the exercise",
        "Could not start the exercise",
        "تعذّر بدء التمرين",
    ),
    ("Deadline", "Deadline", "الموعد النهائي"),
    ("Debrief", "Debrief", "التقييم الختامي"),
    ("Decision rule", "Decision rule", "قاعدة اتخاذ القرار"),
    ("End the exercise", "End the exercise", "إنهاء التمرين"),
    ("Export failed", "Export failed", "تعذّر التصدير"),
    ("Export to HTML", "Export to HTML", "تصدير بصيغة HTML"),
    (
        "Fetching the report…",
        "Fetching the report…",
        "جارٍ جلب التقرير…",
    ),
    ("Host", "Host", "استضافة"),
    ("Host a class", "Host a class", "استضافة صف"),
    ("I am ready", "I am ready", "أنا جاهز"),
    ("Incidents", "Incidents", "الحوادث"),
    (
        "Incidents and evidence",
        "Incidents and evidence",
        "الحوادث والأدلة",
    ),
    ("Injects", "Injects", "مدخلات التمرين"),
    ("Institutions", "Institutions", "المؤسسات"),
    ("Instructor", "Instructor", "المدرب"),
    ("Instructor key", "Instructor key", "مفتاح المدرب"),
    ("Join", "Join", "انضمام"),
    ("Join an exercise", "Join an exercise", "الانضمام إلى تمرين"),
    ("Join code", "Join code", "رمز الانضمام"),
    ("Known author", "Known author", "الفاعل المعروف"),
    ("Language", "Language", "اللغة"),
    ("Large", "Large", "كبير"),
    ("Larger", "Larger", "أكبر"),
    ("Learning objectives", "Learning objectives", "أهداف التعلم"),
    ("Leave", "Leave", "مغادرة"),
    ("Legal readings", "Legal readings", "التكييفات القانونية"),
    ("Live report", "Live report", "التقرير المباشر"),
    ("Lobby", "Lobby", "قاعة الانتظار"),
    ("Members", "Members", "الأعضاء"),
    ("My seat", "My seat", "مقعدي"),
    ("Name", "Name", "الاسم"),
    (
        "New conversation with",
        "New conversation with",
        "محادثة جديدة مع",
    ),
    ("News", "News", "الأخبار"),
    ("Next phase", "Next phase", "المرحلة التالية"),
    (
        "No evidence yet: investigate.",
        "No evidence yet: investigate.",
        "لا أدلة بعد: باشر التحقيق.",
    ),
    ("No messages yet.", "No messages yet.", "لا رسائل بعد."),
    (
        "No norm or law is recorded for this order.",
        "No norm or law is recorded for this order.",
        "لا توجد قاعدة ولا حكم قانوني مسجَّل لهذا الإجراء.",
    ),
    (
        "No person or entity is known yet.",
        "No person or entity is known yet.",
        "لا يُعرف بعد أي شخص أو كيان.",
    ),
    ("Normal", "Normal", "عادي"),
    (
        "Not lawful as drafted: your reading is not another state's internationally wrongful act (Art. 49).",
        "Not lawful as drafted: your reading is not another state's internationally wrongful act (Art. 49).",
        "غير مشروع بصيغته الحالية: تكييفك ليس فعلًا غير مشروع دوليًا لدولة أخرى (المادة 49).",
    ),
    ("Objectives", "Objectives", "الأهداف"),
    (
        "Only the injured state may take countermeasures (Art. 49): this incident struck {0}.",
        "Only the injured state may take countermeasures (Art. 49): this incident struck {0}.",
        "لا يحق اتخاذ التدابير المضادة إلا للدولة المضرورة (المادة 49): هذا الحادث أصاب {0}.",
    ),
    ("Open folder", "Open folder", "فتح مجلد"),
    (
        "Orders are given in the orders phase; proposals are tabled during negotiation.",
        "Orders are given in the orders phase; proposals are tabled during negotiation.",
        "تُتخذ الإجراءات في مرحلة الإجراءات؛ أما المقترحات فتُطرح أثناء التفاوض.",
    ),
    (
        "Orders you can give",
        "Orders you can give",
        "الإجراءات المتاحة لك",
    ),
    ("Pause", "Pause", "إيقاف مؤقت"),
    (
        "Play this scenario",
        "Play this scenario",
        "تشغيل هذا السيناريو",
    ),
    ("Quick exercise", "Quick exercise", "تمرين سريع"),
    ("Quit", "Quit", "خروج"),
    ("Ready ✓", "Ready ✓", "جاهز ✓"),
    ("Remove", "Remove", "حذف"),
    ("Results of orders", "Results of orders", "نتائج الإجراءات"),
    ("Resume", "Resume", "استئناف"),
    ("Saved", "Saved", "حُفظ في"),
    ("Scenario", "Scenario", "السيناريو"),
    ("Scenario library", "Scenario library", "مكتبة السيناريوهات"),
    ("Seat views", "Seat views", "منظور المقاعد"),
    ("Seats", "Seats", "المقاعد"),
    ("Seen as", "Seen as", "من منظور"),
    ("Send", "Send", "إرسال"),
    ("Send inject", "Send inject", "إرسال المُدخَل"),
    ("Send now", "Send now", "إرسال الآن"),
    ("Send orders", "Send orders", "إرسال الإجراءات"),
    ("Sent and accepted", "Sent and accepted", "أُرسلت وقُبلت"),
    ("Server address", "Server address", "عنوان الخادم"),
    ("Settings", "Settings", "الإعدادات"),
    ("Small", "Small", "صغير"),
    ("Start", "Start", "بدء"),
    ("Start the exercise", "Start the exercise", "بدء التمرين"),
    ("Table", "Table", "تقديم"),
    ("Table a proposal:", "Table a proposal:", "تقديم مقترح:"),
    ("Take this seat", "Take this seat", "شغل هذا المقعد"),
    (
        "Tension, trust and escalation",
        "Tension, trust and escalation",
        "التوتر والثقة والتصعيد",
    ),
    ("Text size", "Text size", "حجم النص"),
    (
        "The chart fills as turns pass.",
        "The chart fills as turns pass.",
        "يمتلئ الرسم البياني مع توالي الجولات.",
    ),
    ("The clock", "The clock", "التوقيت"),
    (
        "The eleven norms (A/70/174, para. 13)",
        "The eleven norms (A/70/174, para. 13)",
        "القواعد الإحدى عشرة (A/70/174، الفقرة 13)",
    ),
    (
        "The exercise has ended.",
        "The exercise has ended.",
        "انتهى التمرين.",
    ),
    (
        "The vote is in your orders: send them before the deadline.",
        "The vote is in your orders: send them before the deadline.",
        "أُضيف التصويت إلى إجراءاتك: أرسلها قبل الموعد النهائي.",
    ),
    (
        "Then the implementing act",
        "Then the implementing act",
        "ثم الصك التنفيذي",
    ),
    ("Timeline", "Timeline", "التسلسل الزمني"),
    ("Title", "Title", "العنوان"),
    (
        "To list (persons and entities):",
        "To list (persons and entities):",
        "للإدراج (الأشخاص والكيانات):",
    ),
    ("Vote (an order):", "Vote (an order):", "التصويت (إجراء):"),
    ("Votes are public.", "Votes are public.", "التصويت علني."),
    (
        "Votes are secret: only the result is published.",
        "Votes are secret: only the result is published.",
        "التصويت سري: لا تُنشر إلا النتيجة.",
    ),
    (
        "Waiting for the instructor to start…",
        "Waiting for the instructor to start…",
        "في انتظار أن يبدأ المدرب…",
    ),
    (
        "Waiting for the server…",
        "Waiting for the server…",
        "في انتظار الخادم…",
    ),
    ("What happens", "What happens", "ما الذي يحدث"),
    (
        "What your evidence supports",
        "What your evidence supports",
        "ما تدعمه أدلتك",
    ),
    ("Write a message", "Write a message", "اكتب رسالة"),
    (
        "Write a new inject (to everyone)",
        "Write a new inject (to everyone)",
        "كتابة مُدخَل جديد (إلى الجميع)",
    ),
    ("You", "You", "أنت"),
    (
        "Your evidence best supports: {0}, against {1}, {2} confidence",
        "Your evidence best supports: {0}, against {1}, {2} confidence",
        "أقوى ما تدعمه أدلتك: {0}، ضد {1}، بدرجة ثقة {2}",
    ),
    (
        "Your evidence supports no claim yet.",
        "Your evidence supports no claim yet.",
        "لا تدعم أدلتك أي ادعاء بعد.",
    ),
    (
        "Your evidence supports: {0} ({1} {2} if sent)",
        "Your evidence supports: {0} ({1} {2} if sent)",
        "تدعم أدلتك: {0} ({1}: {2} إن أُرسل)",
    ),
    (
        "Your evidence supports: {0} ({1} {2} if you vote for it and it is adopted)",
        "Your evidence supports: {0} ({1} {2} if you vote for it and it is adopted)",
        "تدعم أدلتك: {0} ({1}: {2} إن صوّتَّ لصالحه واعتُمد)",
    ),
    ("Your name", "Your name", "اسمك"),
    (
        "Your orders this turn",
        "Your orders this turn",
        "إجراءاتك في هذه الجولة",
    ),
    ("Your seat", "Your seat", "مقعدك"),
    ("about", "about", "بشأن"),
    ("abstain", "abstain", "امتناع عن التصويت"),
    ("active", "active", "جارٍ"),
    ("adopted", "adopted", "اعتُمد"),
    ("against", "against", "ضد"),
    (
        "against critical infrastructure",
        "against critical infrastructure",
        "ضد الهياكل الأساسية الحيوية",
    ),
    ("ambassador of", "ambassador of", "سفير دولة"),
    ("attributed to", "attributed to", "الإسناد إلى"),
    ("author", "author", "الفاعل"),
    ("back", "back", "رجوع"),
    ("ballot", "ballot", "التصويت"),
    ("breached", "breached", "انتهاك"),
    (
        "capital {0} · capacity {1} · resilience {2} · reputation {3}",
        "capital {0} · capacity {1} · resilience {2} · reputation {3}",
        "الرصيد الدبلوماسي {0} · القدرة التقنية {1} · الصمود {2} · السمعة {3}",
    ),
    ("cbm.consultations", "consultations", "مشاورات"),
    ("cbm.contacts", "points of contact", "نقاط الاتصال"),
    ("cbm.hotline", "hotline", "خط ساخن"),
    ("choose…", "choose…", "اختر…"),
    ("claim", "claim", "الادعاء"),
    (
        "claim.ask.due_diligence",
        "this state knowingly allowed its territory to be used (13c)",
        "سمحت هذه الدولة عن علم باستخدام إقليمها (13(ج))",
    ),
    (
        "claim.ask.infrastructure",
        "infrastructure in this state was used",
        "استُخدمت بنية تحتية في هذه الدولة",
    ),
    (
        "claim.ask.operator",
        "this group did it",
        "هذه المجموعة هي التي نفّذته",
    ),
    (
        "claim.ask.responsibility",
        "this state is responsible (ILC Arts. 4 and 8)",
        "هذه الدولة مسؤولة (المادتان 4 و8)",
    ),
    (
        "claim.due_diligence",
        "due diligence: knowingly allowed its territory to be used (norm 13c)",
        "العناية الواجبة: سمحت عن علم باستخدام إقليمها (القاعدة 13(ج))",
    ),
    (
        "claim.due_diligence.help",
        "“Knowingly”: until you have put this state on notice about the incident in an earlier turn (a démarche, or a request for assistance or legal assistance), your evidence supports this claim at low confidence at most.",
        "«عن علم»: ما لم تُخطر هذه الدولة بالحادث في جولة سابقة (بمسعى دبلوماسي، أو بطلب مساعدة أو مساعدة قانونية)، فلا تدعم أدلتك هذا الادعاء إلا بدرجة ثقة منخفضة على الأكثر.",
    ),
    (
        "claim.infrastructure",
        "technical: infrastructure there was used",
        "تقنية: استُخدمت بنية تحتية هناك",
    ),
    (
        "claim.operator",
        "operational: this group did it",
        "عملياتية: هذه المجموعة هي الفاعل",
    ),
    (
        "claim.responsibility",
        "strategic: the state is responsible (ILC Arts. 4 and 8)",
        "استراتيجية: الدولة مسؤولة (المادتان 4 و8 من مواد لجنة القانون الدولي)",
    ),
    (
        "claims.help",
        "Addresses and servers in a state's networks prove only that infrastructure there was used; evidence against a group operating from a state supports due diligence (13c), not the state's responsibility, which needs evidence against the state itself (ILC Arts. 4 and 8). Due diligence stays at low confidence until you have put that state on notice of this incident.",
        "لا تُثبت العناوين والخوادم في شبكات دولة ما إلا أن بنية تحتية فيها قد استُخدمت؛ والأدلة ضد مجموعة تعمل انطلاقًا من إقليم دولة تدعم ادعاء العناية الواجبة (13(ج))، لا مسؤولية الدولة التي تحتاج إلى أدلة ضد الدولة نفسها (المادتان 4 و8 من مواد لجنة القانون الدولي). ويبقى ادعاء العناية الواجبة بدرجة ثقة منخفضة ما لم تُخطر تلك الدولة بهذا الحادث أولًا.",
    ),
    (
        "codex.help",
        "The voluntary, non-binding norms of responsible state behaviour (UN GGE report A/70/174, welcomed by the General Assembly in resolution 70/237). Your ledger shows how your orders upheld, strained or breached each.",
        "قواعد السلوك المسؤول للدول، وهي قواعد طوعية غير ملزمة (تقرير فريق الخبراء الحكوميين التابع للأمم المتحدة A/70/174، الذي رحّبت به الجمعية العامة في قرارها 70/237). ويبيّن سجلك كيف التزمت إجراءاتك بكل قاعدة منها أو أضعفتها أو انتهكتها.",
    ),
    (
        "computer (not playable)",
        "computer (not playable)",
        "الحاسوب (غير متاح للعب)",
    ),
    ("computer player", "computer player", "لاعب حاسوبي"),
    ("confidence", "confidence", "درجة الثقة"),
    ("connection lost", "connection lost", "انقطع الاتصال"),
    (
        "cost: capital / capacity",
        "cost: capital / capacity",
        "الكلفة: الرصيد الدبلوماسي / القدرة التقنية",
    ),
    (
        "countermeasure.help",
        "A countermeasure answers another state's internationally wrongful act (ILC Art. 49): read the incident as one, or as more. It also needs a prior call to comply (Art. 52), proportion to the injury (Art. 51) and reversibility (Art. 49(3)).",
        "التدبير المضاد ردٌّ على فعل غير مشروع دوليًا ارتكبته دولة أخرى (المادة 49 من مواد لجنة القانون الدولي): كيّف الحادث على أنه كذلك أو أشد. ويلزمه أيضًا مطالبة مسبقة بالامتثال (المادة 52)، وتناسب مع الضرر (المادة 51)، وقابلية للعكس (المادة 49(3)).",
    ),
    ("covert.destructive", "destructive", "تدمير"),
    ("covert.disruption", "disruption", "تعطيل"),
    ("covert.espionage", "espionage", "تجسس"),
    ("data destroyed", "data destroyed", "إتلاف بيانات"),
    ("deaths: {0}", "deaths: {0}", "الوفيات: {0}"),
    (
        "defence.cumulative.help",
        "The Council would read this incident with the activity before it as one armed attack (NATO Brussels Summit 2021, para. 32): a contested reading, recorded as yours and checked against what you know.",
        "سيكيّف المجلس هذا الحادث مع النشاط الذي سبقه على أنه هجوم مسلح واحد (قمة الناتو في بروكسل 2021، الفقرة 32): وهو تكييف خلافي، يُسجَّل تكييفًا لك ويُقارَن بما تعرفه.",
    ),
    ("denies it", "denies it", "تنفي ذلك"),
    (
        "economic loss: −{0} economy a turn",
        "economic loss: −{0} economy a turn",
        "الخسارة الاقتصادية: −{0} من الاقتصاد في كل جولة",
    ),
    ("errors", "errors", "أخطاء"),
    ("escalation", "escalation", "التصعيد"),
    ("evidence", "evidence", "الدليل"),
    (
        "evidence.help",
        "What your seat knows: evidence you gathered or were given, how reliable it is and whom it points to, and who has attributed what.",
        "ما يعرفه مقعدك: الأدلة التي جمعتها أو قُدِّمت إليك، ومدى موثوقيتها، والجهة التي تشير إليها، ومن أسند أي حادث وإلى من.",
    ),
    ("from", "from", "من"),
    ("grant", "grant", "الموافقة على الطلب"),
    ("group", "group", "المجموعة"),
    ("high", "high", "عالية"),
    (
        "host.help",
        "Classmates join at this address: desktop clients over UDP, browsers over WebSocket and HTTP on the same port. 0.0.0.0 listens on every network.",
        "ينضم الزملاء عبر هذا العنوان: تطبيقات سطح المكتب عبر UDP، والمتصفحات عبر WebSocket وHTTP على المنفذ نفسه. والعنوان 0.0.0.0 يستمع على جميع الشبكات.",
    ),
    ("how many", "how many", "العدد"),
    ("incident", "incident", "الحادث"),
    ("institution", "institution", "المؤسسة"),
    ("intensity", "intensity", "الشدة"),
    (
        "join.address.help",
        "HOST:PORT for UDP, or ws://HOST:PORT for WebSocket (as the instructor's screen shows it).",
        "HOST:PORT لبروتوكول UDP، أو ws://HOST:PORT لبروتوكول WebSocket (كما يظهر على شاشة المدرب).",
    ),
    ("joint", "joint", "مشترك"),
    ("kind", "kind", "النوع"),
    (
        "kind.critical_infrastructure",
        "attack on critical infrastructure",
        "هجوم على الهياكل الأساسية الحيوية",
    ),
    ("kind.ddos", "DDoS", "هجوم حجب الخدمة الموزّع"),
    ("kind.disinformation", "disinformation", "تضليل إعلامي"),
    ("kind.embassy_breach", "embassy breach", "اختراق سفارة"),
    ("kind.intrusion", "intrusion/espionage", "اختراق/تجسس"),
    ("kind.ransomware", "ransomware", "برنامج فدية"),
    (
        "kind.supply_chain",
        "supply-chain compromise",
        "اختراق سلسلة الإمداد",
    ),
    ("kind.wiper", "wiper", "برنامج مسح"),
    (
        "lasting physical damage",
        "lasting physical damage",
        "أضرار مادية دائمة",
    ),
    ("legal reading", "legal reading", "التكييف القانوني"),
    (
        "level.armed",
        "armed attack (Art. 51 UN Charter)",
        "هجوم مسلح (المادة 51 من ميثاق الأمم المتحدة)",
    ),
    (
        "level.below",
        "below the threshold of a wrongful act",
        "دون عتبة الفعل غير المشروع",
    ),
    (
        "level.force",
        "use of force (Art. 2(4) UN Charter)",
        "استخدام القوة (المادة 2(4) من ميثاق الأمم المتحدة)",
    ),
    (
        "level.wrongful",
        "internationally wrongful act",
        "فعل غير مشروع دوليًا",
    ),
    (
        "library.broken",
        "This scenario does not load. The checker found:",
        "يتعذر تحميل هذا السيناريو. وجد المدقق ما يلي:",
    ),
    (
        "library.open.help",
        "Scenarios are RON files. Open a folder to add its scenarios:",
        "السيناريوهات ملفات بصيغة RON. افتح مجلدًا لإضافة ما فيه من سيناريوهات:",
    ),
    (
        "linked to this incident",
        "linked to this incident",
        "مرتبط بهذا الحادث",
    ),
    (
        "lobby.address.help",
        "Students join with the address and the code; browsers open http://ADDRESS/?code=CODE.",
        "ينضم الطلاب بالعنوان والرمز؛ وفي المتصفح يُفتح http://ADDRESS/?code=CODE.",
    ),
    (
        "lobby.start.help",
        "Seats nobody takes are played by computer players.",
        "يتولى لاعبون حاسوبيون المقاعد التي لا يشغلها أحد.",
    ),
    ("low", "low", "منخفضة"),
    (
        "map data missing",
        "map data missing",
        "بيانات الخريطة غير متوفرة",
    ),
    ("map.non-state", "non-state group", "جهة من غير الدول"),
    (
        "map.schematic",
        "A diagram: the scenario's states are fictional",
        "مخطط توضيحي: دول السيناريو خيالية",
    ),
    (
        "map.shared-institution",
        "in one institution",
        "في مؤسسة واحدة",
    ),
    ("measure", "measure", "التدبير"),
    ("member", "member", "عضو"),
    ("moderate", "moderate", "متوسطة"),
    ("naming", "naming", "تسمية"),
    ("no", "no", "لا"),
    ("no data destroyed", "no data destroyed", "لا إتلاف للبيانات"),
    ("no economic loss", "no economic loss", "لا خسارة اقتصادية"),
    (
        "no lasting physical damage",
        "no lasting physical damage",
        "لا أضرار مادية دائمة",
    ),
    ("no outage", "no outage", "لا انقطاع"),
    ("no reading", "no reading", "دون تكييف"),
    ("nobody", "nobody", "لا أحد"),
    ("none", "none", "لا شيء"),
    ("norm", "norm", "القاعدة"),
    (
        "norm {0}: upheld {1}, strained {2}, breached {3}",
        "norm {0}: upheld {1}, strained {2}, breached {3}",
        "القاعدة {0}: التزام {1}، إضعاف {2}، انتهاك {3}",
    ),
    ("not a member", "not a member", "غير عضو"),
    ("not adopted", "not adopted", "لم يُعتمد"),
    (
        "not an address (HOST:PORT)",
        "not an address (HOST:PORT)",
        "عنوان غير صالح (HOST:PORT)",
    ),
    ("nothing", "nothing", "لا شيء"),
    ("of", "of", "من"),
    ("open", "open", "مفتوح"),
    ("operational", "operational", "عملياتي"),
    (
        "order.answer_legal",
        "Answer a legal-assistance request",
        "الرد على طلب مساعدة قانونية متبادلة",
    ),
    ("order.attribute", "Attribute the incident", "إسناد الحادث"),
    ("order.capacity", "Capacity building", "بناء القدرات"),
    (
        "order.cbm",
        "Confidence-building measure",
        "تدبير لبناء الثقة",
    ),
    ("order.countermeasure", "Countermeasure", "تدبير مضاد"),
    ("order.covert", "Covert operation", "عملية سرية"),
    ("order.demarche", "Démarche", "مسعى دبلوماسي"),
    ("order.deny", "Deny responsibility", "نفي المسؤولية"),
    ("order.expel", "Expel diplomats", "طرد دبلوماسيين"),
    (
        "order.harden",
        "Harden own networks",
        "تحصين الشبكات الوطنية",
    ),
    (
        "order.harden.help",
        "Raises your cyber resilience.",
        "يعزز صمودك السيبراني.",
    ),
    ("order.investigate", "Investigate", "التحقيق"),
    (
        "order.provide_assistance",
        "Provide assistance",
        "تقديم المساعدة",
    ),
    (
        "order.request_assistance",
        "Request assistance",
        "طلب المساعدة",
    ),
    (
        "order.request_legal",
        "Request legal assistance",
        "طلب مساعدة قانونية متبادلة",
    ),
    ("order.sanctions", "Sanctions", "فرض عقوبات"),
    ("order.share_evidence", "Share evidence", "تقاسم الأدلة"),
    ("order.statement", "Public statement", "بيان علني"),
    ("order.summon", "Summon the ambassador", "استدعاء السفير"),
    ("order.table", "Table a proposal", "تقديم مقترح"),
    (
        "order.unavailable.answer",
        "Nobody has asked you for legal assistance.",
        "لم يطلب منك أحد مساعدة قانونية.",
    ),
    (
        "order.unavailable.evidence",
        "You hold no evidence yet.",
        "لا تملك أي دليل بعد.",
    ),
    (
        "order.unavailable.incident",
        "No incident is known yet.",
        "لا يُعرف أي حادث بعد.",
    ),
    (
        "order.unavailable.other",
        "There is nobody to direct it at yet.",
        "لا توجد بعد جهة يوجَّه إليها.",
    ),
    (
        "order.unavailable.table",
        "Proposals are tabled from the Institutions tab, in the negotiation phase.",
        "تُطرح المقترحات من تبويب المؤسسات، في مرحلة التفاوض.",
    ),
    (
        "order.unavailable.vote",
        "No proposal is open in an institution you sit in.",
        "لا يوجد مقترح مفتوح في مؤسسة أنت عضو فيها.",
    ),
    ("order.vote", "Vote", "التصويت"),
    ("others", "others", "آخرون"),
    (
        "outage: −{0} infrastructure health a turn",
        "outage: −{0} infrastructure health a turn",
        "الانقطاع: −{0} من سلامة الهياكل الأساسية في كل جولة",
    ),
    ("over", "over", "انتهى"),
    ("partners", "partners", "شركاء"),
    ("paused", "paused", "متوقف مؤقتًا"),
    ("phase.briefing", "Briefing", "الإحاطة"),
    ("phase.ended", "Ended", "انتهى"),
    ("phase.negotiation", "Negotiation", "التفاوض"),
    ("phase.orders", "Orders", "الإجراءات"),
    ("phase.press", "Press", "الإعلام"),
    ("phase.resolution", "Resolution", "التنفيذ"),
    ("points to", "points to", "يشير إلى"),
    ("power.attribution", "joint attribution", "الإسناد المشترك"),
    (
        "power.consultation",
        "consultations (Art. 4)",
        "المشاورات (المادة 4)",
    ),
    (
        "power.defence",
        "collective defence (Art. 5)",
        "الدفاع الجماعي (المادة 5)",
    ),
    (
        "power.listing",
        "listing under sanctions",
        "الإدراج في قوائم العقوبات",
    ),
    ("power.resolution", "resolution", "القرار"),
    (
        "power.statement",
        "statements naming no one (condemnation, solidarity)",
        "بيانات لا تسمّي أحدًا (إدانة، تضامن)",
    ),
    ("privately", "privately", "بصورة غير معلنة"),
    (
        "proposal.attribution",
        "joint attribution statement",
        "بيان الإسناد المشترك",
    ),
    (
        "proposal.condemnation",
        "statement condemning the incident (naming no one)",
        "بيان يدين الحادثة (دون تسمية أحد)",
    ),
    (
        "proposal.consultation",
        "consultations (Art. 4)",
        "المشاورات (المادة 4)",
    ),
    (
        "proposal.defence",
        "collective defence (Art. 5)",
        "الدفاع الجماعي (المادة 5)",
    ),
    ("proposal.listing", "listing", "الإدراج في قائمة العقوبات"),
    ("proposal.resolution", "resolution", "القرار"),
    (
        "proposal.solidarity",
        "declaration of solidarity",
        "إعلان تضامن",
    ),
    ("public", "public", "علني"),
    ("publicly", "publicly", "علنًا"),
    (
        "quick.bots",
        "Computer players take every other seat. Everything runs on this computer.",
        "يتولى لاعبون حاسوبيون جميع المقاعد الأخرى. ويجري كل شيء على هذا الحاسوب.",
    ),
    ("read by", "read by", "قرأها"),
    (
        "reading.armed",
        "armed attack (UN Charter Art. 51)",
        "هجوم مسلح (المادة 51 من ميثاق الأمم المتحدة)",
    ),
    (
        "reading.below",
        "below the threshold (e.g. espionage)",
        "دون العتبة (كالتجسس)",
    ),
    (
        "reading.crime",
        "a crime, not an act of a state",
        "جريمة، لا فعل دولة",
    ),
    (
        "reading.cumulative",
        "armed attack by cumulative activity (Brussels 2021, para. 32)",
        "هجوم مسلح بنشاط تراكمي (قمة بروكسل 2021، الفقرة 32)",
    ),
    (
        "reading.force",
        "use of force (UN Charter Art. 2(4))",
        "استخدام القوة (المادة 2(4) من ميثاق الأمم المتحدة)",
    ),
    (
        "reading.help",
        "Your reading is recorded and checked, as 13b checks an attribution, against the facts you see and what your evidence supports; the debrief sets it beside the engine's assessment.",
        "يُسجَّل تكييفك ويُقارَن، كما تُقارَن الإسنادات بالقاعدة 13(ب)، بالوقائع التي تراها وبما تدعمه أدلتك؛ ويضعه التقييم الختامي بجانب تقييم المحاكاة.",
    ),
    (
        "reading.wrongful",
        "internationally wrongful act (ILC Art. 2)",
        "فعل غير مشروع دوليًا (المادة 2 من مواد لجنة القانون الدولي)",
    ),
    ("refuse", "refuse", "الرفض"),
    ("reliability", "reliability", "الموثوقية"),
    ("resolved.done", "carried out", "نُفّذ"),
    ("resolved.no_effect", "no effect", "بلا أثر"),
    ("resolved.refused", "refused", "رُفض"),
    ("reversible", "reversible", "قابل للعكس"),
    ("rule.consensus", "consensus", "التوافق"),
    (
        "rule.qualified_majority",
        "qualified majority",
        "الأغلبية المؤهلة",
    ),
    (
        "rule.security_council",
        "nine votes and no veto",
        "تسعة أصوات دون نقض",
    ),
    ("rule.simple_majority", "simple majority", "الأغلبية البسيطة"),
    ("rule.unanimity", "unanimity", "الإجماع"),
    ("scenarios", "scenarios", "سيناريوهات"),
    (
        "settings.name.help",
        "Shown to the instructor and the other players.",
        "يظهر للمدرب وللاعبين الآخرين.",
    ),
    ("stance", "stance", "الموقف"),
    ("stance.calm", "calm", "الدعوة إلى التهدئة"),
    ("stance.concern", "concern", "إبداء القلق"),
    ("stance.condemn", "condemnation", "الإدانة"),
    ("stance.solidarity", "solidarity", "التضامن"),
    ("state", "state", "الدولة"),
    ("state hash", "state hash", "بصمة الحالة"),
    (
        "statement.members.help",
        "Each member voting for it is judged on its own evidence (13b): a member whose evidence does not carry the claim at this confidence strains 13b.",
        "يُحكم على كل عضو يصوّت لصالحه بناءً على أدلته هو (13(ب)): العضو الذي لا تحمل أدلته الادعاء بدرجة الثقة هذه يُضعف القاعدة 13(ب).",
    ),
    (
        "statement.naming_no_one.help",
        "Condemns the incident or stands with its victim without naming anyone (as the Council of the EU did over WannaCry and NotPetya on 16 April 2018).",
        "يدين الحادث أو يعلن التضامن مع ضحيته دون تسمية أحد (كما فعل مجلس الاتحاد الأوروبي بشأن WannaCry وNotPetya في 16 نيسان/أبريل 2018).",
    ),
    ("still going on", "still going on", "ما زال مستمرًا"),
    ("strained", "strained", "إضعاف"),
    ("strategic", "strategic", "استراتيجي"),
    ("tab.channels", "Channels", "القنوات"),
    ("tab.codex", "Norms codex", "مدونة القواعد"),
    ("tab.evidence", "Evidence", "الأدلة"),
    ("tab.institutions", "Institutions", "المؤسسات"),
    ("tab.news", "News", "الأخبار"),
    ("tab.orders", "Orders", "الإجراءات"),
    ("tab.situation", "Situation", "الوضع"),
    ("tabled by", "tabled by", "مقدَّم من"),
    (
        "tagline",
        "A cyber-diplomacy crisis exercise",
        "تمرين أزمة في الدبلوماسية السيبرانية",
    ),
    (
        "taken cumulatively (Brussels 2021, para. 32)",
        "taken cumulatively (Brussels 2021, para. 32)",
        "بوصفه نشاطًا تراكميًا (قمة بروكسل 2021، الفقرة 32)",
    ),
    ("target", "target", "المستهدف"),
    ("technical", "technical", "تقني"),
    ("tension", "tension", "التوتر"),
    (
        "the engine's assessment",
        "the engine's assessment",
        "تقييم المحاكاة",
    ),
    (
        "title.footer",
        "UN GGE norms · EU cyber sanctions · NATO collective defence",
        "قواعد فريق الخبراء الحكوميين التابع للأمم المتحدة · العقوبات السيبرانية للاتحاد الأوروبي · الدفاع الجماعي لحلف شمال الأطلسي (الناتو)",
    ),
    ("to", "to", "إلى"),
    (
        "total: capital {0} of {1}, capacity {2} of {3}",
        "total: capital {0} of {1}, capacity {2} of {3}",
        "المجموع: الرصيد الدبلوماسي {0} من {1}، القدرة التقنية {2} من {3}",
    ),
    (
        "tour.message",
        "Tallinn asks CERT-EE for help (ENISA) by 18:00",
        "تطلب تالين مساعدة CERT-EE (عبر ENISA) قبل الساعة 18",
    ),
    ("trust", "trust", "الثقة"),
    ("turn", "turn", "الجولة"),
    ("turn {0} of {1}", "turn {0} of {1}", "الجولة {0} من {1}"),
    (
        "turn {0}: your reading, {1}: {2}",
        "turn {0}: your reading, {1}: {2}",
        "الجولة {0}: تكييفك، {1}: {2}",
    ),
    (
        "turn {0}: your reading, {1}: {2} — {3}",
        "turn {0}: your reading, {1}: {2} — {3}",
        "الجولة {0}: تكييفك، {1}: {2} — {3}",
    ),
    (
        "turn {0}: {1} attributed it {2} to {3} — {4}, {5} confidence",
        "turn {0}: {1} attributed it {2} to {3} — {4}, {5} confidence",
        "الجولة {0}: إسناد من {1} {2} إلى {3} — {4}، بدرجة ثقة {5}",
    ),
    (
        "turn {0}: {1} publicly reads it as {2}",
        "turn {0}: {1} publicly reads it as {2}",
        "الجولة {0}: تكييف {1} العلني: {2}",
    ),
    ("turns", "turns", "جولات"),
    (
        "turns it lasts: {0}",
        "turns it lasts: {0}",
        "مدته بالجولات: {0}",
    ),
    (
        "turns it lasts: {0} (from turn {1})",
        "turns it lasts: {0} (from turn {1})",
        "مدته بالجولات: {0} (منذ الجولة {1})",
    ),
    ("upheld", "upheld", "التزام"),
    ("var.capacity", "technical capacity", "القدرة التقنية"),
    ("var.capital", "diplomatic capital", "الرصيد الدبلوماسي"),
    ("var.economy", "economy", "الاقتصاد"),
    (
        "var.infrastructure",
        "infrastructure health",
        "سلامة الهياكل الأساسية",
    ),
    ("var.pressure", "domestic pressure", "الضغط الداخلي"),
    ("var.reputation", "reputation", "السمعة"),
    ("var.resilience", "cyber resilience", "الصمود السيبراني"),
    ("with", "with", "مع"),
    ("yes", "yes", "نعم"),
    ("you", "you", "أنت"),
    (
        "your ledger: upheld {0}, strained {1}, breached {2}",
        "your ledger: upheld {0}, strained {1}, breached {2}",
        "سجلك: التزام {0}، إضعاف {1}، انتهاك {2}",
    ),
    (
        "your own evidence supported: {0}",
        "your own evidence supported: {0}",
        "ما دعمته أدلتك أنت: {0}",
    ),
    ("your seat", "your seat", "مقعدك"),
    ("{0} min", "{0} min", "{0} د"),
    (
        "{0} · severity {1} of 5",
        "{0} · severity {1} of 5",
        "{0} · الخطورة {1} من 5",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    use super::phrase::fill;

    #[test]
    fn the_table_is_sorted_and_complete() {
        for pair in TABLE.windows(2) {
            assert!(
                pair[0].0 < pair[1].0,
                "not sorted or doubled: {}",
                pair[1].0
            );
        }
        for (k, en, ar) in TABLE {
            assert!(!en.is_empty(), "{k}: no English");
            assert!(!ar.is_empty(), "{k}: no Arabic");
            assert!(
                ar.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c)),
                "{k}: the Arabic is not Arabic: {ar}"
            );
            for i in 0..4 {
                let slot = format!("{{{i}}}");
                assert_eq!(
                    en.contains(&slot),
                    ar.contains(&slot),
                    "{k}: {slot} in one language only"
                );
            }
        }
    }

    /// Every Rust source file under `src/DIR` (the whole tree for ""), with its path from
    /// `src/`: the checks below read the code as it is, not a list kept by hand.
    fn sources(dir: &str) -> Vec<(String, String)> {
        fn walk(root: &std::path::Path, at: &std::path::Path, out: &mut Vec<(String, String)>) {
            let mut entries: Vec<_> = std::fs::read_dir(at)
                .expect("the source tree")
                .map(|e| e.expect("an entry").path())
                .collect();
            entries.sort();
            for path in entries {
                if path.is_dir() {
                    walk(root, &path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let name = path
                        .strip_prefix(root)
                        .unwrap_or(&path)
                        .display()
                        .to_string();
                    out.push((name, std::fs::read_to_string(&path).expect("a source file")));
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut out = Vec::new();
        walk(&root, &root.join(dir), &mut out);
        assert!(!out.is_empty(), "no sources under src/{dir}");
        out
    }

    /// The string literal right after each `marker` in code (comments left out), with its
    /// escapes read (refusals quote ids: `"unknown seat \"{0}\""`).
    fn literals_after(src: &str, marker: &str) -> Vec<String> {
        let src = src.split("#[cfg(test)]").next().unwrap_or(src);
        let code: String = src
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        code.split(marker)
            .skip(1)
            .filter_map(|part| {
                let mut chars = part.trim_start().strip_prefix('"')?.chars().peekable();
                let mut literal = String::new();
                loop {
                    match chars.next()? {
                        '"' => return Some(literal),
                        '\\' => match chars.next()? {
                            'n' => literal.push('\n'),
                            // A line continuation: the next line's indent is not text.
                            '\n' => while chars.next_if(|c| c.is_whitespace()).is_some() {},
                            c => literal.push(c),
                        },
                        c => literal.push(c),
                    }
                }
            })
            .collect()
    }

    fn slots(s: &str) -> Vec<usize> {
        let mut v: Vec<usize> = (0..8).filter(|i| s.contains(&format!("{{{i}}}"))).collect();
        v.dedup();
        v
    }

    /// Every pattern the engine, the report and the screens' phrases use, and every law it
    /// cites, has Arabic with the same slots: Arabic mode never shows an English sentence.
    #[test]
    fn every_phrase_and_law_the_engine_writes_has_arabic() {
        let mut keys = Vec::new();
        for (file, src) in sources("") {
            for marker in ["say!(", ".law(", "l.t(", "l.f("] {
                for k in literals_after(&src, marker) {
                    keys.push((file.clone(), k));
                }
            }
        }
        // Law built outside `.law("…")` literals (`legal_basis`) and the orders screen's stakes.
        for kind in crate::scenario::OrderKind::ALL {
            for s in crate::sim::stakes::at_stake(kind) {
                keys.push(("sim/stakes.rs".to_string(), s.when.to_string()));
                keys.extend(s.law.map(|l| ("sim/stakes.rs".to_string(), l.to_string())));
            }
        }
        assert!(
            keys.len() > 250,
            "the scan found too few phrases: {}",
            keys.len()
        );
        let mut missing = Vec::new();
        for (file, key) in &keys {
            if !Lang::translated(key) {
                missing.push(format!("{file}: {key}"));
                continue;
            }
            let ar = Lang::Ar.t_any(key);
            assert_eq!(slots(key), slots(Lang::En.t_any(key)), "{key}");
            assert_eq!(
                slots(Lang::En.t_any(key)),
                slots(ar),
                "{file}: slots differ: {key}"
            );
        }
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "no Arabic for: {missing:#?}");
    }

    #[test]
    fn the_engine_table_is_arabic_and_has_no_doubles() {
        let mut seen = std::collections::HashSet::new();
        for (en, ar) in engine::ENGINE {
            assert!(seen.insert(*en), "doubled: {en}");
            assert!(
                TABLE.binary_search_by(|(k, _, _)| k.cmp(en)).is_err(),
                "in both tables: {en}"
            );
            assert_eq!(slots(en), slots(ar), "slots differ: {en}");
            let words = fill(en, |_| Some(String::new()));
            if words.chars().any(|c| c.is_ascii_alphabetic()) {
                assert!(
                    ar.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c)),
                    "not Arabic: {en} → {ar}"
                );
            }
        }
    }

    /// Every value the engine names (order kinds, levels, verdicts…) has both languages.
    #[test]
    fn every_named_value_has_both_languages() {
        use crate::scenario::{
            Confidence, DecisionRule, IncidentKind, Layer, Level, OrderKind, ProposalKind, Var,
        };
        use crate::sim::clock::Phase;
        use crate::sim::orders::{Ballot, Cbm, CovertKind, Stance};
        use crate::sim::record::{Resolved, Verdict};
        let mut keys: Vec<&str> = OrderKind::ALL.iter().map(|k| (*k).term()).collect();
        keys.extend(Var::ALL.iter().map(|v| (*v).term()));
        keys.extend(
            [
                Level::BelowThreshold,
                Level::WrongfulAct,
                Level::UseOfForce,
                Level::ArmedAttack,
            ]
            .map(Level::term),
        );
        keys.extend(
            [Confidence::Low, Confidence::Moderate, Confidence::High].map(Confidence::term),
        );
        keys.extend([Layer::Technical, Layer::Operational, Layer::Strategic].map(Layer::term));
        keys.extend([Verdict::Upheld, Verdict::Strained, Verdict::Breached].map(Verdict::term));
        keys.extend([Resolved::Done, Resolved::NoEffect, Resolved::Refused].map(Resolved::term));
        keys.extend(
            [
                Stance::Calm,
                Stance::Concern,
                Stance::Condemn,
                Stance::Solidarity,
            ]
            .map(Stance::term),
        );
        keys.extend([Cbm::Hotline, Cbm::PointsOfContact, Cbm::Consultations].map(Cbm::term));
        keys.extend(
            [
                CovertKind::Espionage,
                CovertKind::Disruption,
                CovertKind::Destructive,
            ]
            .map(CovertKind::term),
        );
        keys.extend([Ballot::Yes, Ballot::No, Ballot::Abstain].map(Ballot::term));
        keys.extend(crate::scenario::Claim::ALL.map(crate::scenario::Claim::term));
        keys.extend(crate::scenario::Reading::ALL.map(crate::scenario::Reading::term));
        keys.extend(
            [
                IncidentKind::Ddos,
                IncidentKind::Intrusion,
                IncidentKind::Ransomware,
                IncidentKind::Wiper,
                IncidentKind::SupplyChain,
                IncidentKind::Disinformation,
                IncidentKind::CriticalInfrastructure,
                IncidentKind::EmbassyBreach,
            ]
            .map(IncidentKind::term),
        );
        keys.extend(
            [
                ProposalKind::Listing,
                ProposalKind::AttributionStatement,
                ProposalKind::Condemnation,
                ProposalKind::Solidarity,
                ProposalKind::Consultation,
                ProposalKind::CollectiveDefence,
                ProposalKind::Resolution,
            ]
            .map(ProposalKind::term),
        );
        keys.extend(
            [
                DecisionRule::Unanimity,
                DecisionRule::Consensus,
                DecisionRule::SimpleMajority,
                DecisionRule::QualifiedMajority {
                    members_pct: 55,
                    population_pct: 65,
                    blocking_minority: 4,
                },
                DecisionRule::SecurityCouncil { votes_needed: 9 },
            ]
            .map(DecisionRule::term),
        );
        // A refusal names phases by `Phase::name`.
        keys.extend(
            [
                Phase::Briefing,
                Phase::Negotiation,
                Phase::Orders,
                Phase::Resolution,
                Phase::Press,
                Phase::Ended,
            ]
            .map(Phase::name),
        );
        keys.extend([
            "refuse",
            "grant",
            "publicly",
            "privately",
            "joint",
            "reversible",
        ]);
        for k in keys {
            assert!(Lang::translated(k), "no Arabic for {k}");
            assert_ne!(Lang::En.t(k), Lang::Ar.t(k), "{k}");
        }
        // The norms, as the Arabic text of A/70/174 letters and words them.
        for n in crate::sim::norms::Norm::all() {
            assert!(n.id_in(Lang::Ar).starts_with("13("), "{}", n.id());
            assert_eq!(n.id_in(Lang::En), n.id());
            for (en, ar) in [
                (n.short(), n.short_in(Lang::Ar)),
                (n.text(), n.text_in(Lang::Ar)),
            ] {
                assert!(Lang::translated(en), "no Arabic for {en}");
                assert_ne!(en, ar);
            }
        }
    }

    #[test]
    fn a_phrase_renders_in_each_language_and_a_filled_value_is_not_a_slot() {
        let name = crate::scenario::Text {
            en: "Estonia {1}".into(),
            ar: "إستونيا".into(),
        };
        let p = crate::say!("{0} hardens its networks", &name);
        assert_eq!(p.en(), "Estonia {1} hardens its networks");
        assert_eq!(Lang::Ar.say(&p), "تحصّن إستونيا شبكاتها");
        let list = crate::say!("jointly with {0}", Arg::list([1, 2]));
        assert_eq!(Lang::Ar.say(&list), "بالاشتراك مع 1، 2");
        assert_eq!(Phrase::default().en(), "");
    }

    /// Every literal key the screens pass to `t` or `f` is in the table.
    #[test]
    fn every_key_the_client_uses_is_translated() {
        let mut missing = Vec::new();
        // The probe publishes the client's state for the browser test, in no language.
        for (_, src) in sources("client")
            .into_iter()
            .filter(|(f, _)| f != "client/probe.rs")
        {
            let code = src.split("#[cfg(test)]").next().unwrap_or(&src);
            for key in used_keys(code) {
                if !Lang::translated(&key) {
                    missing.push(key);
                }
            }
        }
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "not in the table: {missing:#?}");
    }

    /// String literals given to `.t(`/`.f(` or to the order fields' pickers, dotted keys
    /// (`phase.orders`), keys in match arms and the title screen's list.
    fn used_keys(src: &str) -> Vec<String> {
        let mut keys = Vec::new();
        let literal = |part: &str| -> Option<String> {
            let part = part.trim_start().strip_prefix('"')?;
            Some(part[..part.find('"')?].to_string())
        };
        for marker in [".t(", ".f(", ".fail(", "(ui, \"", "=> \""] {
            for part in src.split(marker).skip(1) {
                let part = if marker.ends_with('"') {
                    format!("\"{part}")
                } else {
                    part.to_string()
                };
                keys.extend(literal(&part));
            }
        }
        for part in src.split('"').skip(1).step_by(2) {
            let dotted = part.split('.').count() >= 2
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
                && !part.starts_with('.')
                && !part.ends_with('.');
            if dotted {
                keys.push(part.to_string());
            }
        }
        for line in src.lines() {
            let line = line.trim();
            if line.contains("Screen::") && line.starts_with("(\"") {
                keys.push(line[2..].split('"').next().unwrap_or("").to_string());
            }
        }
        keys.retain(|k| !k.is_empty() && !k.starts_with("scenarios/"));
        keys
    }
}
