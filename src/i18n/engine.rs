//! The engine's and the report's sentences, the law the engine cites and the conditions
//! the orders screen shows: English (the key, as the code writes it) and Modern Standard
//! Arabic. Institutions carry their official Arabic names (مجلس الأمن، حلف شمال الأطلسي،
//! مجلس الاتحاد الأوروبي); norms are lettered as in the Arabic text of A/70/174 (13(ب)).
//! A state is feminine in Arabic, so verbs whose subject is an actor are feminine.

pub(super) const ENGINE: &[(&str, &str)] = &[
    // The eleven norms of A/70/174 para. 13: short names, then their substance.
    ("cooperate for stability", "التعاون من أجل الاستقرار"),
    (
        "Cooperate to increase stability and security in the use of ICTs and to prevent harmful ICT practices.",
        "التعاون على زيادة الاستقرار والأمن في استخدام تكنولوجيا المعلومات والاتصالات، وعلى منع الممارسات الضارة في مجال تكنولوجيا المعلومات والاتصالات.",
    ),
    ("consider all information", "النظر في جميع المعلومات"),
    (
        "In case of ICT incidents, consider all relevant information, including the larger context, the challenges of attribution and the nature and extent of the consequences.",
        "النظر، في حالة وقوع حوادث تتعلق بتكنولوجيا المعلومات والاتصالات، في جميع المعلومات ذات الصلة، بما في ذلك السياق الأوسع للحدث، والتحديات المتعلقة بالإسناد، وطبيعة العواقب ونطاقها.",
    ),
    ("no use of territory", "عدم السماح باستخدام الأراضي"),
    (
        "Do not knowingly allow your territory to be used for internationally wrongful acts using ICTs.",
        "عدم السماح عن علم باستخدام أراضيك لارتكاب أفعال غير مشروعة دوليًا باستخدام تكنولوجيا المعلومات والاتصالات.",
    ),
    (
        "cooperate against crime and terrorism",
        "التعاون في مكافحة الجريمة والإرهاب",
    ),
    (
        "Exchange information, assist each other and prosecute terrorist and criminal use of ICTs.",
        "تبادل المعلومات، ومساعدة الدول بعضها بعضًا، والملاحقة القضائية على استخدام تكنولوجيا المعلومات والاتصالات لأغراض إرهابية وإجرامية.",
    ),
    ("human rights and privacy", "حقوق الإنسان والخصوصية"),
    (
        "Respect human rights online, including the right to privacy in the digital age.",
        "احترام حقوق الإنسان على الإنترنت، بما في ذلك الحق في الخصوصية في العصر الرقمي.",
    ),
    (
        "do not damage critical infrastructure",
        "عدم الإضرار بالهياكل الأساسية الحيوية",
    ),
    (
        "Do not conduct or knowingly support ICT activity that intentionally damages critical infrastructure or otherwise impairs its use and operation to provide services to the public.",
        "عدم القيام بأي نشاط في مجال تكنولوجيا المعلومات والاتصالات يُلحق الضرر عمدًا بالهياكل الأساسية الحيوية أو يعطّل بطريقة أخرى استخدامها وتشغيلها لتقديم الخدمات إلى الجمهور، وعدم دعم هذا النشاط عن علم.",
    ),
    (
        "protect your critical infrastructure",
        "حماية هياكلك الأساسية الحيوية",
    ),
    (
        "Take appropriate measures to protect your critical infrastructure from ICT threats.",
        "اتخاذ التدابير المناسبة لحماية هياكلك الأساسية الحيوية من تهديدات تكنولوجيا المعلومات والاتصالات.",
    ),
    ("answer requests for assistance", "الاستجابة لطلبات المساعدة"),
    (
        "Respond to appropriate requests for assistance by another state whose critical infrastructure is subject to malicious ICT acts, and to requests to mitigate malicious ICT activity aimed at another state's critical infrastructure emanating from your territory.",
        "الاستجابة للطلبات المناسبة لتقديم المساعدة من دولة أخرى تتعرض هياكلها الأساسية الحيوية لأفعال خبيثة في مجال تكنولوجيا المعلومات والاتصالات، وللطلبات الرامية إلى التخفيف من نشاط خبيث في مجال تكنولوجيا المعلومات والاتصالات ينطلق من أراضيك ويستهدف الهياكل الأساسية الحيوية لدولة أخرى.",
    ),
    ("supply-chain integrity", "سلامة سلسلة الإمداد"),
    (
        "Take reasonable steps to ensure the integrity of the supply chain and prevent the proliferation of malicious ICT tools and techniques and hidden harmful functions.",
        "اتخاذ خطوات معقولة لضمان سلامة سلسلة الإمداد، ومنع انتشار أدوات تكنولوجيا المعلومات والاتصالات وتقنياتها الخبيثة، والوظائف الخفية الضارة.",
    ),
    ("report vulnerabilities", "الإبلاغ عن مواطن الضعف"),
    (
        "Encourage responsible reporting of ICT vulnerabilities and share associated information on available remedies.",
        "تشجيع الإبلاغ المسؤول عن مواطن الضعف في تكنولوجيا المعلومات والاتصالات، وتبادل المعلومات المرتبطة بها بشأن سبل المعالجة المتاحة.",
    ),
    ("do not harm CERTs", "عدم الإضرار بأفرقة الاستجابة للطوارئ"),
    (
        "Do not conduct or knowingly support activity to harm the information systems of another state's emergency response teams; do not use authorized emergency response teams to engage in malicious international activity.",
        "عدم القيام بأي نشاط يهدف إلى الإضرار بنظم المعلومات الخاصة بأفرقة الاستجابة لحالات الطوارئ التابعة لدولة أخرى، وعدم دعم هذا النشاط عن علم؛ وعدم استخدام أفرقة الاستجابة لحالات الطوارئ المأذون لها للقيام بنشاط دولي خبيث.",
    ),
    // Joins and fragments.
    ("{0}", "{0}"),
    ("{0}: {1}", "{0}: {1}"),
    ("({0})", "({0})"),
    ("#{0}", "#{0}"),
    ("{0} {1}: {2}", "{0} {1}: {2}"),
    ("{0} and {1}", "{0} و{1}"),
    ("{0} or {1}", "{0} أو {1}"),
    (" over {0}", " بشأن {0}"),
    (" on {0}", " بشأن {0}"),
    (" through {0}", " عن طريق {0}"),
    (" by {0}", " من قِبل {0}"),
    (" to {0}", " إلى {0}"),
    (" publicly", " علنًا"),
    // The report.
    ("After-action report: {0}", "تقرير ما بعد التمرين: {0}"),
    (
        "{0} · seed {1} · turn {2} of {3} · ended",
        "{0} · البذرة {1} · الجولة {2} من {3} · انتهى",
    ),
    (
        "{0} · seed {1} · turn {2} of {3} · in progress",
        "{0} · البذرة {1} · الجولة {2} من {3} · جارٍ",
    ),
    ("Ending: {0}.", "الخاتمة: {0}."),
    ("Ending: {0}: {1}", "الخاتمة: {0}: {1}"),
    ("No ending reached.", "لم يُبلغ أيٌّ من الخواتيم."),
    ("Escalation, tension and trust", "التصعيد والتوتر والثقة"),
    (
        "Escalation, tension and trust by turn",
        "التصعيد والتوتر والثقة في كل جولة",
    ),
    (
        "escalation (ladder, 0–3 × 33)",
        "التصعيد (درجات السلم 0–3 × 33)",
    ),
    ("escalation rung", "درجة التصعيد"),
    ("mean tension", "متوسط التوتر"),
    ("mean trust", "متوسط الثقة"),
    (
        "Incidents (true authors revealed)",
        "الحوادث (مع الكشف عن الفاعلين الحقيقيين)",
    ),
    (
        "{0} ({1}), turn {2}: against {3}, carried out by {4}",
        "{0} ({1})، الجولة {2}: ضد {3}، والفاعل {4}",
    ),
    ("Ladder", "سلم التصعيد"),
    ("ladder", "سلم التصعيد"),
    ("turn {0}", "الجولة {0}"),
    ("seen by {0}", "اطّلع عليه: {0}"),
    ("control cell only", "خلية التحكم وحدها"),
    ("Norm ledger", "سجل القواعد"),
    (
        "{0}: {1} upheld, {2} strained, {3} breached",
        "{0}: التزام {1}، إضعاف {2}، انتهاك {3}",
    ),
    ("decision", "القرار"),
    ("result", "النتيجة"),
    ("reason", "السبب"),
    ("norms", "القواعد"),
    ("law", "القانون"),
    ("met", "تحقق"),
    ("not met", "لم يتحقق"),
    ("{0} — holds", "{0} — متحقق"),
    ("{0} — does not hold", "{0} — غير متحقق"),
    // Conditions (objectives, learning objectives).
    ("always", "دائمًا"),
    ("any value", "أي قيمة"),
    ("between {0} and {1}", "بين {0} و{1}"),
    ("at least {0}", "لا يقل عن {0}"),
    ("at most {0}", "لا يزيد على {0}"),
    ("turn {0} reached", "بلوغ الجولة {0}"),
    ("not {0}", "ليس {0}"),
    ("{0}'s {1} {2}", "{1} لدى {0} {2}"),
    ("tension {0}–{1} {2}", "التوتر بين {0} و{1} {2}"),
    ("trust {0}–{1} {2}", "الثقة بين {0} و{1} {2}"),
    ("incident {0} started", "بدء الحادث {0}"),
    ("inject {0} fired", "إطلاق المُدخَل {0}"),
    (
        "{0} attributed{1}{2}{3} at {4} confidence or more{5}",
        "إسناد {0}{1}{2}{3} بدرجة ثقة {4} أو أعلى{5}",
    ),
    (" ({0})", " ({0})"),
    (
        "{0} attributed jointly by {1} or more",
        "إسناد {0} إسنادًا مشتركًا من {1} جهات أو أكثر",
    ),
    ("{0} adopted in {1}", "اعتماد {0} في {1}"),
    ("{0} rejected in {1}", "رفض {0} في {1}"),
    ("{0} listed", "إدراج {0} في قائمة العقوبات"),
    ("{0}: {1} used", "{0}: استُخدم إجراء «{1}»"),
    ("{0} used", "استُخدم إجراء «{0}»"),
    ("{0} assessed as {1} or above", "تقييم {0} بأنه {1} أو أشد"),
    ("{0} upheld norm {1}", "التزام {0} بالقاعدة {1}"),
    (
        "{0} strained or breached norm {1}",
        "إضعاف {0} للقاعدة {1} أو انتهاكها",
    ),
    ("{0} holds {1}", "حيازة {0} للدليل {1}"),
    ("{0} received assistance", "تلقي {0} المساعدة"),
    // Orders refused before they are paid for.
    (
        "{0} could not carry out the order “{1}”: {2}",
        "تعذّر على {0} تنفيذ إجراء «{1}»: {2}",
    ),
    (
        "this order is not available to this actor in the scenario",
        "هذا الإجراء غير متاح لهذه الجهة في السيناريو",
    ),
    ("not available", "غير متاح"),
    ("the incident is not known", "الحادث غير معروف"),
    ("unknown incident", "حادث غير معروف"),
    (
        "budget exhausted: needs {0} capital and {1} capacity, {2} and {3} left",
        "نفدت الميزانية: يلزم {0} من الرصيد الدبلوماسي و{1} من القدرة التقنية، والمتبقي {2} و{3}",
    ),
    (
        "{0} could not afford the order “{1}”",
        "لم تستطع {0} تحمّل كلفة إجراء «{1}»",
    ),
    // Proposals.
    (
        "listing of {0} over {1}",
        "إدراج {0} في قائمة العقوبات بسبب {1}",
    ),
    (
        "joint statement attributing {0} to {1}",
        "بيان مشترك يسند {0} إلى {1}",
    ),
    (
        "Art. 4 consultations over {0}",
        "مشاورات بموجب المادة 4 بشأن {0}",
    ),
    (
        "Art. 5: {0} as an armed attack",
        "المادة 5: اعتبار {0} هجومًا مسلحًا",
    ),
    ("resolution on {0} naming {1}", "قرار بشأن {0} يسمّي {1}"),
    ("resolution on {0}", "قرار بشأن {0}"),
    // Decision rules spelled out (the Institutions tab).
    (
        "Unanimity of all {0} members: one vote against blocks it. A formal abstention does not block (constructive abstention, Art. 31(1) TEU, second subparagraph) unless the abstainers are a third of the members representing a third of the population. Members who do not vote do not block.",
        "الإجماع بين جميع الأعضاء الـ{0}: صوت واحد معارض يكفي لإسقاطه. ولا يحول الامتناع الرسمي عن التصويت دون الاعتماد (الامتناع البنّاء، الفقرة الفرعية الثانية من المادة 31(1) من معاهدة الاتحاد الأوروبي)، ما لم يبلغ الممتنعون ثلث الأعضاء ويمثّلوا ثلث السكان. ولا يحول عدم التصويت دون الاعتماد.",
    ),
    (
        "Consensus of all {0} members: it passes if at least one supports it and nobody objects.",
        "توافق جميع الأعضاء الـ{0}: يُعتمد إذا أيّده عضو واحد على الأقل ولم يعترض عليه أحد.",
    ),
    (
        "Simple majority: more yes than no among the {0} members voting.",
        "الأغلبية البسيطة: أصوات مؤيدة أكثر من المعارضة بين المصوّتين من الأعضاء الـ{0}.",
    ),
    (
        "Qualified majority (Art. 16(4) TEU): at least {0}% of the {1} members, representing at least {2}% of the population, vote yes; a blocking minority needs at least {3} members.",
        "الأغلبية المؤهلة (المادة 16(4) من معاهدة الاتحاد الأوروبي): يصوّت بالموافقة {0}% على الأقل من الأعضاء الـ{1} يمثّلون {2}% على الأقل من السكان؛ وتحتاج الأقلية المعطِّلة إلى {3} أعضاء على الأقل.",
    ),
    (
        "Security Council (Art. 27(3) UN Charter): {0} affirmative votes of {1}, and no permanent member ({2}) votes against; an abstaining permanent member does not veto.",
        "مجلس الأمن (المادة 27(3) من ميثاق الأمم المتحدة): {0} أصوات مؤيدة من أصل {1}، دون أن يصوّت أي عضو دائم ({2}) ضده؛ وامتناع العضو الدائم عن التصويت ليس نقضًا (فيتو).",
    ),
    // Votes and decisions.
    ("a member", "عضو"),
    ("{0} members", "{0} أعضاء"),
    (
        "{0} yes, {1} no, {2} abstaining or not voting",
        "{0} مؤيد، {1} معارض، {2} ممتنع أو غير مصوّت",
    ),
    (
        "unanimity required: blocked by {0} ({1})",
        "الإجماع مطلوب: عطّله {0} ({1})",
    ),
    (
        "unanimity required: no member voted in favour ({0})",
        "الإجماع مطلوب: لم يصوّت أي عضو بالموافقة ({0})",
    ),
    (
        "abstentions by {0} reach a third of the members and of the population, so the decision is not adopted (Art. 31(1) TEU, second subparagraph) ({1})",
        "بلغ امتناع {0} عن التصويت ثلث الأعضاء وثلث السكان، فلم يُعتمد القرار (الفقرة الفرعية الثانية من المادة 31(1) من معاهدة الاتحاد الأوروبي) ({1})",
    ),
    ("adopted unanimously ({0})", "اعتُمد بالإجماع ({0})"),
    (
        "adopted: no member objected; {0} abstained, which does not block unanimity (constructive abstention, Art. 31(1) TEU, second subparagraph) ({1})",
        "اعتُمد: لم يعترض أي عضو؛ وامتنع {0} عن التصويت، وهو ما لا يحول دون الإجماع (الامتناع البنّاء، الفقرة الفرعية الثانية من المادة 31(1) من معاهدة الاتحاد الأوروبي) ({1})",
    ),
    (
        "no consensus: {0} objected ({1})",
        "لا توافق: اعترض {0} ({1})",
    ),
    (
        "no consensus: no member supported it ({0})",
        "لا توافق: لم يؤيده أي عضو ({0})",
    ),
    (
        "agreed by consensus: no member objected ({0})",
        "اعتُمد بالتوافق: لم يعترض أي عضو ({0})",
    ),
    (
        "adopted by simple majority ({0})",
        "اعتُمد بالأغلبية البسيطة ({0})",
    ),
    (
        "no majority of members voting ({0})",
        "لا أغلبية بين الأعضاء المصوّتين ({0})",
    ),
    (
        "qualified majority not reached: {0} of {1} members in favour, {2}% needed ({3})",
        "لم تتحقق الأغلبية المؤهلة: {0} من أصل {1} أعضاء مؤيدون، والمطلوب {2}% ({3})",
    ),
    (
        "qualified majority: {0} of {1} members and {2}% of the population in favour ({3})",
        "تحققت الأغلبية المؤهلة: {0} من أصل {1} أعضاء و{2}% من السكان مؤيدون ({3})",
    ),
    (
        "qualified majority deemed reached: only {0}% of the population in favour, but a blocking minority needs at least {1} members ({2})",
        "تُعدّ الأغلبية المؤهلة متحققة: {0}% فقط من السكان مؤيدون، لكن الأقلية المعطِّلة تحتاج إلى {1} أعضاء على الأقل ({2})",
    ),
    (
        "qualified majority not reached: {0}% of the population in favour, {1}% needed ({2})",
        "لم تتحقق الأغلبية المؤهلة: {0}% من السكان مؤيدون، والمطلوب {1}% ({2})",
    ),
    ("a permanent member", "عضو دائم"),
    ("{0} permanent members", "{0} أعضاء دائمين"),
    ("permanent member {0}", "العضو الدائم {0}"),
    ("permanent members {0}", "الأعضاء الدائمون {0}"),
    (
        "vetoed by {0} (Art. 27(3) UN Charter) ({1})",
        "استخدم {0} حق النقض (الفيتو) (المادة 27(3) من ميثاق الأمم المتحدة) ({1})",
    ),
    (
        "{0} affirmative votes, {1} needed ({2})",
        "{0} أصوات مؤيدة، والمطلوب {1} ({2})",
    ),
    (
        "adopted with {0} affirmative votes and no veto ({1})",
        "اعتُمد بـ{0} أصوات مؤيدة ودون نقض ({1})",
    ),
    ("tabled in {0} ({1})", "قُدِّم في {0} ({1})"),
    ("{0} tables in {1}: {2}", "تقدّم {0} في {1}: {2}"),
    ("no such proposal", "لا يوجد مقترح كهذا"),
    (
        "{0} voted on an unknown proposal",
        "صوّتت {0} على مقترح غير معروف",
    ),
    (
        "only members vote, and only on open proposals",
        "لا يصوّت إلا الأعضاء، ولا يكون التصويت إلا على المقترحات المفتوحة",
    ),
    (
        "{0} cannot vote on proposal {1}",
        "لا يحق لـ{0} التصويت على المقترح {1}",
    ),
    ("{0} on {1}", "{0} على {1}"),
    (
        "{0} votes {1} in {2} on {3}",
        "تصوّت {0} بـ«{1}» في {2} على {3}",
    ),
    (
        "decision: {0}; implementing regulation (Art. 215 TFEU): {1}",
        "القرار: {0}؛ اللائحة التنفيذية (المادة 215 من معاهدة سير الاتحاد الأوروبي): {1}",
    ),
    (
        "travel ban and asset freeze apply to those listed; the listing is not an attribution to any state, which remains each member's sovereign decision",
        "يسري حظر السفر وتجميد الأصول على المدرجين؛ والإدراج ليس إسنادًا إلى أي دولة، إذ يظل ذلك قرارًا سياديًا لكل دولة عضو",
    ),
    (
        "the statement names {0} on behalf of the members in favour",
        "يسمّي البيان {0} باسم الأعضاء المؤيدين",
    ),
    (
        "consultations held; consultation is not a decision to act",
        "عُقدت المشاورات؛ والتشاور ليس قرارًا بالتحرك",
    ),
    (
        "the Council agreed that an armed attack occurred: each ally will assist with such action as it deems necessary; the Council judged it an armed attack although by scale and effects it is assessed as {0}",
        "اتفق المجلس على وقوع هجوم مسلح: ستقدّم كل دولة حليفة المساعدة باتخاذ ما تراه ضروريًا من إجراءات؛ وقد عدّه المجلس هجومًا مسلحًا مع أن تقييمه بحسب حجمه وآثاره هو: {0}",
    ),
    (
        "the Council agreed that an armed attack occurred: each ally will assist with such action as it deems necessary",
        "اتفق المجلس على وقوع هجوم مسلح: ستقدّم كل دولة حليفة المساعدة باتخاذ ما تراه ضروريًا من إجراءات",
    ),
    ("resolution adopted", "اعتُمد القرار"),
    (
        "Art. 5 not invoked: without consensus the Council has not agreed that an armed attack occurred",
        "لم تُفعَّل المادة 5: في غياب التوافق لم يتفق المجلس على وقوع هجوم مسلح",
    ),
    ("{0} adopts {1}: {2}", "{0} يعتمد {1}: {2}"),
    ("{0} rejects {1}: {2}", "{0} يرفض {1}: {2}"),
    ("{0} adopts {1}: {2}. {3}", "{0} يعتمد {1}: {2}. {3}"),
    ("{0} rejects {1}: {2}. {3}", "{0} يرفض {1}: {2}. {3}"),
    // Investigation and evidence.
    (
        "the incident is not known to this actor",
        "هذه الجهة لا تعلم بالحادث",
    ),
    (
        "{0} cannot investigate an incident it does not know of",
        "لا تستطيع {0} التحقيق في حادث لا تعلم به",
    ),
    (
        "gathers information before drawing conclusions",
        "جمع المعلومات قبل استخلاص النتائج",
    ),
    (
        "nothing more to find by technical means",
        "لم يعد ثمة ما يُكتشف بالوسائل التقنية",
    ),
    (
        "{0} investigates {1}: nothing more to find",
        "تُحقّق {0} في {1}: لم يعد ثمة ما يُكتشف",
    ),
    (
        "found {0} (reliability {1}; chance {2}%, rolled {3})",
        "عُثر على {0} (الموثوقية: {1}؛ الاحتمال {2}%، والنتيجة {3})",
    ),
    (
        "{0} investigates {1} and finds: {2}",
        "تُحقّق {0} في {1} وتعثر على ما يلي: {2}",
    ),
    (
        "found nothing new this turn (chance {0}%, rolled {1})",
        "لم يُعثر على جديد في هذه الجولة (الاحتمال {0}%، والنتيجة {1})",
    ),
    (
        "{0} investigates {1}: nothing new yet",
        "تُحقّق {0} في {1}: لا جديد بعد",
    ),
    (
        "cannot share evidence it does not hold",
        "لا يمكن تقاسم دليل غير محوز",
    ),
    (
        "{0} tried to share evidence it does not hold",
        "حاولت {0} تقاسم دليل لا تحوزه",
    ),
    ("{0} now holds {1}", "باتت {0} تحوز {1}"),
    (
        "shares information to help a partner understand an incident",
        "تقاسم المعلومات لمساعدة شريك على فهم الحادث",
    ),
    (
        "shares technical indicators so that others can find and fix the weakness",
        "تقاسم المؤشرات التقنية كي يتمكن الآخرون من اكتشاف الثغرة ومعالجتها",
    ),
    (
        "{0} shares evidence with {1}: {2}",
        "تتقاسم {0} دليلًا مع {1}: {2}",
    ),
    // Incidents and the ladder.
    (
        "Incident: {0} ({1}) against {2}; assessed as {3}",
        "حادث: {0} ({1}) ضد {2}؛ التقييم: {3}",
    ),
    ("{0} now assessed as {1}: {2}", "أصبح تقييم {0}: {1}: {2}"),
    ("{0} has subsided", "هدأ {0}"),
    (
        "damaged critical infrastructure serving the public in {0}{1}",
        "ألحق الضرر بهياكل أساسية حيوية تخدم الجمهور في {0}{1}",
    ),
    (
        "compromised a supply chain with a hidden harmful function{0}",
        "اخترق سلسلة إمداد بوظيفة ضارة خفية{0}",
    ),
    (
        "ransomware impaired services to the public in {0}{1}",
        "عطّل برنامج فدية خدماتٍ للجمهور في {0}{1}",
    ),
    (
        "denial-of-service attacks on {0}{1} harm stability",
        "هجمات حجب الخدمة على {0}{1} تضر بالاستقرار",
    ),
    (
        "a {0} against {1}{2} erodes trust",
        "{0} ضد {1}{2} يقوّض الثقة",
    ),
    (
        "knowingly let {0} act from its territory against {1}",
        "سمحت عن علم لـ{0} بالعمل من أراضيها ضد {1}",
    ),
    (
        "{0} operates from its territory against {1}",
        "تعمل {0} من أراضيها ضد {1}",
    ),
    (
        "the attack hampered {0}'s emergency response teams",
        "أعاق الهجوم أفرقة الاستجابة لحالات الطوارئ في {0}",
    ),
    (
        "{0} deaths and lasting physical damage: scale and effects comparable to an armed attack (UN Charter Art. 51)",
        "{0} قتلى وأضرار مادية دائمة: حجم وآثار تضاهي هجومًا مسلحًا (المادة 51 من ميثاق الأمم المتحدة)",
    ),
    (
        "{0} deaths and severity 5: scale and effects comparable to an armed attack (UN Charter Art. 51)",
        "{0} قتلى وخطورة من الدرجة 5: حجم وآثار تضاهي هجومًا مسلحًا (المادة 51 من ميثاق الأمم المتحدة)",
    ),
    (
        "cumulative activity by the same state against the same target (total severity {0}): significant malicious cumulative cyber activities may amount to an armed attack (NATO Brussels Summit 2021, para. 32)",
        "نشاط تراكمي من الدولة نفسها ضد الهدف نفسه (مجموع الخطورة {0}): قد ترقى الأنشطة السيبرانية الخبيثة التراكمية الكبيرة إلى مستوى الهجوم المسلح (بيان قمة حلف شمال الأطلسي في بروكسل 2021، الفقرة 32)",
    ),
    (
        "physical damage or destruction: a use of force (UN Charter Art. 2(4)), short of an armed attack without deaths",
        "أضرار مادية أو تدمير: استخدام للقوة (المادة 2(4) من ميثاق الأمم المتحدة)، دون مستوى الهجوم المسلح في غياب القتلى",
    ),
    (
        "low-level intrusion for intelligence: espionage is not in itself a breach of international law",
        "اختراق محدود لأغراض استخبارية: التجسس لا يشكّل في حد ذاته انتهاكًا للقانون الدولي",
    ),
    (
        "conduct attributable to a state that breaches its obligations (sovereignty, non-intervention): an internationally wrongful act (ILC Art. 2), which allows lawful countermeasures",
        "تصرّف يُنسب إلى دولة ويخرق التزاماتها (السيادة، وعدم التدخل): فعل غير مشروع دوليًا (المادة 2 من مواد لجنة القانون الدولي)، يجيز اتخاذ تدابير مضادة مشروعة",
    ),
    (
        "no state directs the author: a crime, engaging the host state's due diligence (norm {0}) but not a wrongful act by a state",
        "لا توجّه أي دولة الفاعل: جريمة تستدعي العناية الواجبة من الدولة المضيفة (القاعدة {0}) لكنها ليست فعلًا غير مشروع من دولة",
    ),
    // Assistance.
    (
        "a request must concern a known incident and another state",
        "يجب أن يتعلق الطلب بحادث معروف وبدولة أخرى",
    ),
    ("{0}'s request was not sent", "لم يُرسَل طلب {0}"),
    (
        "legal-assistance request sent",
        "أُرسل طلب المساعدة القانونية المتبادلة",
    ),
    (
        "seeks cooperation against criminal use of ICTs",
        "السعي إلى التعاون في مكافحة الاستخدام الإجرامي لتكنولوجيا المعلومات والاتصالات",
    ),
    ("request for assistance sent", "أُرسل طلب المساعدة"),
    (
        "an appropriate request for help with an attack on its infrastructure",
        "طلب مناسب للمساعدة في التصدي لهجوم على هياكلها الأساسية",
    ),
    (
        "{0} asks {1} for mutual legal assistance over {2}",
        "تطلب {0} من {1} مساعدة قانونية متبادلة بشأن {2}",
    ),
    (
        "{0} asks {1} for technical assistance over {2}",
        "تطلب {0} من {1} مساعدة تقنية بشأن {2}",
    ),
    (
        "there is no open legal-assistance request to answer",
        "لا يوجد طلب مساعدة قانونية مفتوح للرد عليه",
    ),
    (
        "{0} had no request to answer",
        "لم يكن لدى {0} طلب للرد عليه",
    ),
    (
        "granted; the files held nothing new",
        "قُبل الطلب؛ ولم تتضمن الملفات جديدًا",
    ),
    ("granted; {0} received {1}", "قُبل الطلب؛ وتسلّمت {0}: {1}"),
    (
        "assists the investigation and prosecution of criminal use of ICTs",
        "المساعدة في التحقيق في الاستخدام الإجرامي لتكنولوجيا المعلومات والاتصالات وملاحقته قضائيًا",
    ),
    (
        "answers a request about activity from its territory",
        "الرد على طلب يتعلق بنشاط صادر من أراضيها",
    ),
    (
        "{0} grants {1}'s legal-assistance request over {2}",
        "تقبل {0} طلب {1} للمساعدة القانونية المتبادلة بشأن {2}",
    ),
    ("refused", "رُفض"),
    (
        "refuses to cooperate against criminal use of ICTs",
        "رفض التعاون في مكافحة الاستخدام الإجرامي لتكنولوجيا المعلومات والاتصالات",
    ),
    (
        "refuses help over activity that came from its territory",
        "رفض المساعدة بشأن نشاط صادر من أراضيها",
    ),
    (
        "{0} refuses {1}'s legal-assistance request over {2}",
        "ترفض {0} طلب {1} للمساعدة القانونية المتبادلة بشأن {2}",
    ),
    (
        "{0} recovers {1} points of infrastructure health",
        "تستعيد {0} {1} نقاط من سلامة هياكلها الأساسية",
    ),
    (
        "helps a partner restore stability",
        "مساعدة شريك على استعادة الاستقرار",
    ),
    ("answers a request for assistance", "الرد على طلب مساعدة"),
    (
        "{0} sends technical assistance to {1} over {2}",
        "ترسل {0} مساعدة تقنية إلى {1} بشأن {2}",
    ),
    (
        "left {0}'s request about activity from its territory unanswered",
        "ترك طلب {0} المتعلق بنشاط صادر من أراضيها دون رد",
    ),
    // Attribution and denial.
    (
        "{0} cannot attribute an incident it does not know of",
        "لا تستطيع {0} إسناد حادث لا تعلم به",
    ),
    (
        "attributes to {0} without holding any evidence that points there",
        "الإسناد إلى {0} دون حيازة أي دليل يشير إليها",
    ),
    (
        "claims {0} confidence where its evidence supports only {1}",
        "ادعاء درجة ثقة {0} في حين لا تسند أدلتها إلا درجة {1}",
    ),
    (
        "the attribution rests on evidence it holds (supports {0} confidence)",
        "يستند الإسناد إلى أدلة محوزة (تسند درجة ثقة {0})",
    ),
    ("jointly with {0}", "بالاشتراك مع {0}"),
    ("alone: no partner joined", "منفردة: لم ينضم أي شريك"),
    (
        "privately, through diplomatic channels",
        "بصورة غير معلنة، عبر القنوات الدبلوماسية",
    ),
    ("{0} confidence, public, {1}", "درجة ثقة {0}، علني، {1}"),
    (
        "{0} confidence, private, {1}",
        "درجة ثقة {0}، غير معلن، {1}",
    ),
    (
        "{0} attributes {1} to {2} ({3} confidence, {4})",
        "تسند {0} {1} إلى {2} (درجة ثقة {3}، {4})",
    ),
    (
        "named {0}, who did not carry out {1}",
        "سمّت {0}، وهي لم ترتكب {1}",
    ),
    (
        "{0} cannot deny an incident it does not know of",
        "لا تستطيع {0} نفي حادث لا تعلم به",
    ),
    ("denied any involvement", "نفي أي تورط"),
    (
        "{0} denies any involvement in {1}",
        "تنفي {0} أي تورط في {1}",
    ),
    (
        "denied {0} although the activity came from its side",
        "نفت {0} مع أن النشاط صدر من جانبها",
    ),
    // Defence.
    (
        "cyber resilience +{0}: encryption, intrusion detection, multi-factor authentication, staff training",
        "الصمود السيبراني +{0}: التشفير، وكشف التسلل، والمصادقة متعددة العوامل، وتدريب الموظفين",
    ),
    (
        "protects its own critical infrastructure",
        "حماية هياكلها الأساسية الحيوية",
    ),
    ("{0} hardens its networks", "تحصّن {0} شبكاتها"),
    (
        "{0} gains resilience and technical capacity",
        "تكسب {0} صمودًا وقدرة تقنية",
    ),
    (
        "builds a weaker partner's capacity, closing a weak link",
        "بناء قدرات شريك أضعف، وسدّ حلقة ضعيفة",
    ),
    (
        "{0} funds capacity building in {1}",
        "تموّل {0} بناء القدرات في {1}",
    ),
    // Diplomacy.
    (
        "private protest delivered{0}; counts as a call to comply",
        "سُلّم احتجاج غير معلن{0}؛ ويُعدّ مطالبة بالامتثال",
    ),
    (
        "{0} delivers a private demarche to {1}{2}",
        "تقوم {0} بمسعى دبلوماسي غير معلن لدى {1}{2}",
    ),
    (
        "ambassador summoned{0}; counts as a call to comply",
        "استُدعي السفير{0}؛ ويُعدّ ذلك مطالبة بالامتثال",
    ),
    (
        "{0} summons the ambassador of {1}{2}",
        "تستدعي {0} سفير {1}{2}",
    ),
    ("public statement ({0}){1}", "بيان علني ({0}){1}"),
    (
        "calls for restraint and de-escalation",
        "الدعوة إلى ضبط النفس وخفض التصعيد",
    ),
    (
        "stands with a state under attack",
        "الوقوف إلى جانب دولة تتعرض لهجوم",
    ),
    (
        "{0} issues a public statement: {1} ({2}){3}",
        "تصدر {0} بيانًا علنيًا: {1} ({2}){3}",
    ),
    (
        "{0} issues a public statement: {1}{2}",
        "تصدر {0} بيانًا علنيًا: {1}{2}",
    ),
    (
        "{0} diplomats declared persona non grata: retorsion, unfriendly but lawful",
        "إعلان {0} من الدبلوماسيين أشخاصًا غير مرغوب فيهم: رد مماثل غير ودي لكنه مشروع",
    ),
    (
        "{0} expels {1} diplomats of {2}",
        "تطرد {0} {1} من دبلوماسيي {2}",
    ),
    ("{0} agreed", "اتُّفق على {0}"),
    (
        "builds confidence to prevent misperception and escalation",
        "بناء الثقة لتفادي سوء الفهم والتصعيد",
    ),
    (
        "{0} and {1} agree a confidence-building measure: {2}",
        "تتفق {0} و{1} على تدبير لبناء الثقة: {2}",
    ),
    // Measures.
    (
        "economic measures against a state: retorsion, unfriendly but lawful; needs no prior wrongful act",
        "تدابير اقتصادية ضد دولة: رد مماثل غير ودي لكنه مشروع؛ لا يتطلب فعلًا غير مشروع سابقًا",
    ),
    (
        "{0} imposes national sanctions on {1}",
        "تفرض {0} عقوبات وطنية على {1}",
    ),
    (
        "travel ban and asset freeze under national law",
        "حظر السفر وتجميد الأصول بموجب القانون الوطني",
    ),
    ("unknown sanctions target", "هدف العقوبات غير معروف"),
    (
        "{0}'s sanctions named no known target",
        "لم تسمِّ عقوبات {0} أي هدف معروف",
    ),
    (
        "only the injured state may take countermeasures (Art. 49)",
        "لا يجوز اتخاذ التدابير المضادة إلا للدولة المضرورة (المادة 49)",
    ),
    (
        "no prior call to comply and notice (Art. 52)",
        "لم تسبقها مطالبة بالامتثال ولا إخطار (المادة 52)",
    ),
    (
        "intensity {0} exceeds the injury (severity {1}) (Art. 51)",
        "الشدة {0} تتجاوز الضرر (الخطورة {1}) (المادة 51)",
    ),
    (
        "not reversible (Art. 49(3))",
        "غير قابل للعكس (المادة 49(3))",
    ),
    (
        "call to comply: {0}; proportionate: {1}; reversible: {2}; taken at its own risk: lawful only if {3} is in fact responsible (Art. 49)",
        "المطالبة بالامتثال: {0}؛ التناسب: {1}؛ قابلية العكس: {2}؛ يُتخذ على مسؤولية الدولة المتخذة: لا يكون مشروعًا إلا إذا كانت {3} مسؤولة فعلًا (المادة 49)",
    ),
    (
        "countermeasure meets the procedural conditions ({0})",
        "يستوفي التدبير المضاد الشروط الإجرائية ({0})",
    ),
    (
        "not a lawful countermeasure: {0} ({1})",
        "ليس تدبيرًا مضادًا مشروعًا: {0} ({1})",
    ),
    (
        "a response outside the law escalates the crisis",
        "ردٌّ خارج إطار القانون يصعّد الأزمة",
    ),
    (
        "{0} takes a countermeasure (intensity {1}) against {2} over {3}",
        "تتخذ {0} تدبيرًا مضادًا (الشدة {1}) ضد {2} بشأن {3}",
    ),
    (
        "countermeasure against {0}, who is not responsible for a wrongful act in {1}",
        "تدبير مضاد ضد {0}، وهي غير مسؤولة عن فعل غير مشروع في {1}",
    ),
    ("{0} in {1}", "{0} في {1}"),
    (
        "Tooling and infrastructure reused from earlier operations attributed to {0}",
        "أدوات وبنية تحتية أُعيد استخدامها من عمليات سابقة نُسبت إلى {0}",
    ),
    ("operation {0} carried out", "نُفّذت العملية {0}"),
    (
        "intentionally damages infrastructure that serves the public",
        "الإضرار عمدًا بهياكل أساسية تخدم الجمهور",
    ),
    (
        "disruptive operation against another state",
        "عملية تعطيل ضد دولة أخرى",
    ),
    (
        "{0} runs a covert operation ({1}) against {2}",
        "تنفّذ {0} عملية سرية ({1}) ضد {2}",
    ),
    (
        "The control cell ended the exercise",
        "أنهت خلية التحكم التمرين",
    ),
    // The law the engine records (`Decision::law`, `stakes`).
    (
        "Budapest Convention Art. 25 (mutual assistance), through the Art. 35 24/7 network",
        "المادة 25 من اتفاقية بودابست بشأن الجريمة الإلكترونية (المساعدة المتبادلة)، عبر شبكة نقاط الاتصال العاملة على مدار الساعة (24/7) المنصوص عليها في المادة 35",
    ),
    (
        "bilateral legal-assistance treaty (the two are not both parties to the Budapest Convention)",
        "معاهدة ثنائية للمساعدة القانونية المتبادلة (الدولتان ليستا كلتاهما طرفًا في اتفاقية بودابست)",
    ),
    (
        "Vienna Convention Art. 3 (functions of a mission: represent, protect, negotiate)",
        "المادة 3 من اتفاقية فيينا للعلاقات الدبلوماسية (وظائف البعثة: التمثيل والحماية والتفاوض)",
    ),
    (
        "Vienna Convention Art. 9 (persona non grata)",
        "المادة 9 من اتفاقية فيينا للعلاقات الدبلوماسية (الشخص غير المرغوب فيه)",
    ),
    (
        "retorsion (lawful without a prior wrongful act)",
        "الرد المماثل (مشروع دون فعل غير مشروع سابق)",
    ),
    (
        "ILC Articles on State Responsibility, Arts. 49–53 (countermeasures)",
        "المواد 49–53 من مواد لجنة القانون الدولي بشأن مسؤولية الدول (التدابير المضادة)",
    ),
    (
        "ILC Articles on State Responsibility, Arts. 49–53: conditions not met",
        "المواد 49–53 من مواد لجنة القانون الدولي بشأن مسؤولية الدول: الشروط غير مستوفاة",
    ),
    (
        "OSCE cyber confidence-building measures (PC decisions 1106 of 2013 and 1202 of 2016)",
        "تدابير بناء الثقة السيبرانية لمنظمة الأمن والتعاون في أوروبا (قرارا المجلس الدائم 1106 لعام 2013 و1202 لعام 2016)",
    ),
    // When an order's stakes apply (`sim::stakes`, shown on the orders screen).
    (
        "if both states are parties to the Budapest Convention",
        "إذا كانت الدولتان كلتاهما طرفًا في اتفاقية بودابست",
    ),
    (
        "if either state is not a party to the Budapest Convention",
        "إذا لم تكن إحدى الدولتين طرفًا في اتفاقية بودابست",
    ),
    (
        "on the requested state, if it leaves the request unanswered for a full turn and the activity came from its territory",
        "على الدولة المطلوب منها، إذا تركت الطلب دون رد جولة كاملة وكان النشاط صادرًا من أراضيها",
    ),
    (
        "if it is the injured state, called on the target to comply in an earlier turn, and the intensity is within the incident's severity and reversible",
        "إذا كانت هي الدولة المضرورة، وطالبت الدولة المستهدفة بالامتثال في جولة سابقة، وكانت الشدة في حدود خطورة الحادث وكان التدبير قابلًا للعكس",
    ),
    (
        "if any of those conditions fails: not the injured state, no earlier call to comply, intensity above the severity, or not reversible",
        "إذا اختل أي من هذه الشروط: ليست الدولة المضرورة، أو لا مطالبة سابقة بالامتثال، أو شدة تفوق الخطورة، أو تدبير غير قابل للعكس",
    ),
    (
        "whenever it is carried out, found or not",
        "كلما نُفّذ، سواء عُثر على شيء أم لا",
    ),
    ("whenever it is carried out", "كلما نُفّذ"),
    (
        "if the evidence is technical (indicators, malware, infrastructure)",
        "إذا كان الدليل تقنيًا (مؤشرات، أو برمجيات خبيثة، أو بنية تحتية)",
    ),
    ("whenever the request is sent", "كلما أُرسل الطلب"),
    (
        "if it answers that state's open request for technical assistance over that incident",
        "إذا كان ردًا على طلب مفتوح من تلك الدولة للمساعدة التقنية بشأن ذلك الحادث",
    ),
    ("if granted", "إذا قُبل"),
    ("if refused", "إذا رُفض"),
    (
        "if refused and the activity came from the refusing state's territory",
        "إذا رُفض وكان النشاط صادرًا من أراضي الدولة الرافضة",
    ),
    ("whenever it is delivered", "كلما سُلّم"),
    (
        "if the stance is calm, or solidarity naming a state",
        "إذا كان الموقف دعوة إلى التهدئة، أو تضامنًا يسمّي دولة",
    ),
    (
        "if the claimed confidence is within what the seat's own evidence supports",
        "إذا كانت درجة الثقة المعلنة في حدود ما تسنده أدلة المقعد نفسه",
    ),
    (
        "if it claims more confidence than its evidence supports (evidence against a group only, not the state, supports moderate at most)",
        "إذا ادّعى ثقة أعلى مما تسنده أدلته (الأدلة ضد جماعة فقط، لا ضد الدولة، لا تسند أكثر من درجة متوسطة)",
    ),
    (
        "if the seat holds no evidence pointing to the accused",
        "إذا لم يحز المقعد أي دليل يشير إلى المتهم",
    ),
    (
        "if the accused did not in fact carry out the incident, itself or through a proxy it directs",
        "إذا لم يكن المتهم قد ارتكب الحادث فعلًا، بنفسه أو عن طريق وكيل يوجّهه",
    ),
    (
        "if the activity in fact came from the denying state, itself or a group on its territory",
        "إذا كان النشاط صادرًا فعلًا من الدولة النافية، بنفسها أو من جماعة على أراضيها",
    ),
    ("if the target is a state", "إذا كان الهدف دولة"),
    (
        "if the target is not in fact responsible for the incident, or the incident is not a wrongful act, whatever the conditions",
        "إذا لم يكن الهدف مسؤولًا فعلًا عن الحادث، أو لم يكن الحادث فعلًا غير مشروع، أيًّا كانت الشروط",
    ),
    (
        "if destructive, or aimed at infrastructure (even espionage)",
        "إذا كانت تدميرية، أو موجّهة ضد الهياكل الأساسية (ولو كانت تجسسًا)",
    ),
    (
        "if disruptive and not aimed at infrastructure",
        "إذا كانت تعطيلية وغير موجّهة ضد الهياكل الأساسية",
    ),
    (
        "if espionage (an intrusion) or disruption not aimed at infrastructure (a denial of service)",
        "إذا كانت تجسسًا (اختراقًا) أو تعطيلًا غير موجّه ضد الهياكل الأساسية (حجب الخدمة)",
    ),
    (
        "if destructive (a wiper), or disruptive and aimed at infrastructure",
        "إذا كانت تدميرية (برنامج مسح)، أو تعطيلية وموجّهة ضد الهياكل الأساسية",
    ),
    (
        "if disruptive or destructive and aimed at infrastructure",
        "إذا كانت تعطيلية أو تدميرية وموجّهة ضد الهياكل الأساسية",
    ),
    ("whenever it is agreed", "كلما اتُّفق عليه"),
    (
        "if the measure is points of contact or consultations (a hotline is not an OSCE measure)",
        "إذا كان التدبير نقاط اتصال أو مشاورات (الخط الساخن ليس من تدابير منظمة الأمن والتعاون في أوروبا)",
    ),
    // Refusals: commands the rules turn down (`sim::exercise::Refusal`) and messages the
    // server turns down (`net::hub`). Ids stay as typed, in guillemets.
    ("the exercise has ended", "انتهى التمرين"),
    ("unknown seat \"{0}\"", "مقعد غير معروف: «{0}»"),
    (
        "not allowed in the {0} phase; expected the {1} phase",
        "غير مسموح به في مرحلة {0}، وإنما في مرحلة {1}",
    ),
    (
        "this was drafted in turn {0}, {1} phase, and the exercise is now in turn {2}, {3} phase: look again and send it anew",
        "أُعدّ هذا في الجولة {0}، مرحلة {1}، والتمرين الآن في الجولة {2}، مرحلة {3}: راجِع ما تغيّر وأرسله من جديد",
    ),
    ("briefing", "الإحاطة"),
    ("negotiation", "التفاوض"),
    ("orders", "الإجراءات"),
    ("resolution", "التنفيذ"),
    ("press", "الإعلام"),
    ("ended", "الانتهاء"),
    ("an empty message", "رسالة فارغة"),
    ("unknown inject \"{0}\"", "مُدخَل غير معروف: «{0}»"),
    ("inject \"{0}\" has already fired", "سبق إطلاق المُدخَل «{0}»"),
    ("unknown actor \"{0}\"", "جهة غير معروفة: «{0}»"),
    ("an id longer than {0} bytes", "معرّف يزيد طوله على {0} بايت"),
    ("a text longer than {0} bytes", "نص يزيد طوله على {0} بايت"),
    (
        "a message longer than {0} bytes",
        "رسالة يزيد طولها على {0} بايت",
    ),
    (
        "a listing may name at most {0} persons or entities",
        "لا يجوز أن يسمّي الإدراج أكثر من {0} من الأشخاص أو الكيانات",
    ),
    (
        "at most {0} orders per turn",
        "{0} إجراءً على الأكثر في كل جولة",
    ),
    (
        "proposals are tabled in the negotiation phase",
        "تُقدَّم المقترحات في مرحلة التفاوض",
    ),
    ("order {0} ({1}): {2}", "الإجراء {0} («{1}»): {2}"),
    (
        "not available to this seat in this scenario",
        "غير متاح لهذا المقعد في هذا السيناريو",
    ),
    (
        "cannot be aimed at oneself",
        "لا يجوز توجيه الإجراء إلى الجهة نفسها",
    ),
    ("no known incident \"{0}\"", "لا تعلم بحادث «{0}»"),
    ("does not hold evidence \"{0}\"", "لا تحوز الدليل «{0}»"),
    (
        "proposal {0} is not open to this seat's vote",
        "المقترح {0} غير مفتوح لتصويت هذا المقعد",
    ),
    ("unknown target \"{0}\"", "هدف غير معروف: «{0}»"),
    (
        "these orders cost {0} capital and {1} capacity; the seat has {2} and {3}",
        "تكلّف هذه الإجراءات {0} من الرصيد الدبلوماسي و{1} من القدرة التقنية، ولدى المقعد {2} و{3}",
    ),
    (
        "name one to sixteen seats",
        "سمِّ من مقعد واحد إلى ستة عشر مقعدًا",
    ),
    ("unknown institution \"{0}\"", "مؤسسة غير معروفة: «{0}»"),
    ("{0} is not a member of {1}", "ليست {0} عضوًا في {1}"),
    (
        "{0} has no power to decide on {1}",
        "ليس لـ{0} صلاحية البت في {1}",
    ),
    ("unknown incident \"{0}\"", "حادث غير معروف: «{0}»"),
    (
        "a listing must name at least one person or entity",
        "يجب أن يسمّي الإدراج شخصًا أو كيانًا واحدًا على الأقل",
    ),
    (
        "\"{0}\" is an actor, not a person or entity: restrictive measures list natural or legal persons, entities and bodies, never a state (Decision (CFSP) 2019/797)",
        "«{0}» جهة فاعلة وليست شخصًا أو كيانًا: تُدرج التدابير التقييدية الأشخاص الطبيعيين أو الاعتباريين والكيانات والهيئات، ولا تُدرج دولةً أبدًا (قرار المجلس 2019/797 في إطار السياسة الخارجية والأمنية المشتركة)",
    ),
    (
        "unknown person or entity \"{0}\"",
        "شخص أو كيان غير معروف: «{0}»",
    ),
    (
        "nothing links \"{0}\" to {1}: a listing must rest on the person's or entity's part in the cyber-attack",
        "لا شيء يربط «{0}» بـ{1}: يجب أن يستند الإدراج إلى دور الشخص أو الكيان في الهجوم السيبراني",
    ),
    (
        "Art. 5 concerns an armed attack against a member; {0} is not one",
        "تتعلق المادة 5 بهجوم مسلح على عضو؛ و{0} ليست عضوًا",
    ),
    (
        "tabling proposals is not available to this actor",
        "تقديم المقترحات غير متاح لهذه الجهة",
    ),
    (
        "the same proposal is already open",
        "المقترح نفسه مفتوح بالفعل",
    ),
    ("the exercise is not ready", "التمرين غير جاهز"),
    (
        "cannot afford to table: needs {0} capital",
        "لا يكفي الرصيد لتقديم المقترح: يلزم {0} من الرصيد الدبلوماسي",
    ),
    (
        "this server speaks protocol version {0}, the client {1}: update the client",
        "يستخدم هذا الخادم الإصدار {0} من البروتوكول، ويستخدم التطبيق الإصدار {1}: حدِّث التطبيق",
    ),
    ("no exercise has this code", "لا يوجد تمرين بهذا الرمز"),
    (
        "the after-action report opens when the exercise ends",
        "يُتاح تقرير ما بعد التمرين عند انتهاء التمرين",
    ),
    (
        "the scenario does not load: {0}",
        "تعذّر تحميل السيناريو: {0}",
    ),
    (
        "the server could not store the change: {0}",
        "تعذّر على الخادم حفظ التغيير: {0}",
    ),
    (
        "the server could not read the message: {0}",
        "تعذّر على الخادم قراءة الرسالة: {0}",
    ),
    (
        "too many wrong codes: try again in {0} s",
        "رموز خاطئة كثيرة: أعد المحاولة بعد {0} ث",
    ),
    (
        "more than {0} messages a second: slow down",
        "أكثر من {0} رسالة في الثانية: تمهّل",
    ),
    ("a display name is needed", "يلزم اسم للعرض"),
    ("unknown token", "رمز الجلسة غير معروف"),
    (
        "\"{0}\" is not a playable seat",
        "«{0}» ليس مقعدًا متاحًا للعب",
    ),
    ("\"{0}\" is taken", "المقعد «{0}» مشغول"),
    ("take a seat first", "اختر مقعدًا أولًا"),
    ("the exercise is paused", "التمرين متوقف مؤقتًا"),
    ("the exercise has not started", "لم يبدأ التمرين بعد"),
    (
        "only the control cell may do this",
        "هذا الأمر مقصور على خلية التحكم",
    ),
    ("nobody called \"{0}\" has joined", "لم ينضم أحد باسم «{0}»"),
    ("this phase has no deadline", "ليس لهذه المرحلة موعد نهائي"),
    // The client's link to its server (`client::session`, `net::browser`); the system's
    // own details stay as they came.
    (
        "cannot reach the server at {0}",
        "تعذّر الوصول إلى الخادم على العنوان {0}",
    ),
    (
        "the server did not answer in time",
        "لم يُجب الخادم في الوقت المحدد",
    ),
    (
        "the connection to the server was lost",
        "انقطع الاتصال بالخادم",
    ),
    ("network: {0}", "خطأ في الشبكة: {0}"),
    ("the server refused: {0}", "رفض الخادم: {0}"),
    ("the link is broken", "الاتصال معطّل"),
    (
        "the local server made no in-memory socket",
        "لم يُنشئ الخادم المحلي قناة اتصال داخلية",
    ),
    (
        "`{0}` is not a server address (HOST:PORT or ws://HOST:PORT): {1}",
        "`{0}` ليس عنوان خادم (HOST:PORT أو ws://HOST:PORT): {1}",
    ),
    (
        "the browser refused the download: {0}",
        "رفض المتصفح تنزيل الملف: {0}",
    ),
    (
        "hosting a class needs the desktop program or `threshold serve`",
        "تتطلّب استضافة الصف برنامج سطح المكتب أو الأمر `threshold serve`",
    ),
    // Claims, readings and the debrief's judgements (issue 17).
    (
        "claims {0} against {1} without holding evidence that supports it",
        "تدّعي {0} ضد {1} دون أن تملك دليلًا يدعم ذلك",
    ),
    (
        "claims {0} confidence where its evidence supports only {1} for this claim",
        "تدّعي ثقة {0} في حين لا تدعم أدلتها لهذا الادعاء إلا ثقة {1}",
    ),
    (
        "the claim rests on evidence it holds (supports {0} confidence)",
        "يستند الادعاء إلى أدلة تملكها (تدعم ثقة {0})",
    ),
    (
        "this claim names a state; a group is named by the operational claim",
        "هذا الادعاء يسمّي دولة؛ أما الجماعة فتُسمّى بالادعاء العملياتي",
    ),
    (
        "the operational claim names a group; a state is named by the other claims",
        "الادعاء العملياتي يسمّي جماعة؛ أما الدولة فتُسمّى بالادعاءات الأخرى",
    ),
    (
        "{0} made a claim that does not fit whom it names",
        "قدّمت {0} ادعاءً لا يناسب من تسمّيه",
    ),
    (
        "{0}, {1} confidence, public, {2}",
        "{0}، بثقة {1}، علنًا، {2}",
    ),
    (
        "{0}, {1} confidence, private, {2}",
        "{0}، بثقة {1}، سرًّا، {2}",
    ),
    (
        "{0} attributes {1} to {2} ({3}; {4} confidence, {5})",
        "تُسند {0} الحادث {1} إلى {2} ({3}؛ بثقة {4}، {5})",
    ),
    (
        "an intrusion for intelligence that its evidence does not tie to a state: below the threshold",
        "اختراق لجمع المعلومات لا تربطه أدلتها بدولة: دون العتبة",
    ),
    (
        "its evidence does not tie a state to the incident at moderate confidence or more: a crime at most, engaging the host state's due diligence (norm {0})",
        "لا تربط أدلتها الحادث بدولة بثقة متوسطة أو أعلى: جريمة على الأكثر، تستدعي العناية الواجبة من الدولة المضيفة (القاعدة {0})",
    ),
    (
        "activity its evidence ties to the same state against the same target adds up to severity {0}: it may be read as a cumulative armed attack (NATO Brussels Summit 2021, para. 32), a contested reading",
        "النشاط الذي تربطه أدلتها بالدولة نفسها ضد الهدف نفسه تبلغ شدته مجتمعةً {0}: يمكن قراءته هجومًا مسلحًا تراكميًا (قمة الناتو في بروكسل 2021، الفقرة 32)، وهي قراءة خلافية",
    ),
    (
        "deaths with lasting damage or at the highest severity, tied by its evidence to a state: scale and effects comparable to an armed attack (UN Charter Art. 51)",
        "وفيات مع أضرار دائمة أو بأعلى درجات الشدة، تربطها أدلتها بدولة: نطاق وآثار تعادل هجومًا مسلحًا (المادة 51 من ميثاق الأمم المتحدة)",
    ),
    (
        "physical damage or destruction, tied by its evidence to a state: a use of force (UN Charter Art. 2(4)); short of an armed attack without deaths",
        "أضرار مادية أو تدمير تربطها أدلتها بدولة: استخدام للقوة (المادة 2(4) من ميثاق الأمم المتحدة)؛ دون الهجوم المسلح ما لم تقع وفيات",
    ),
    (
        "its evidence ties a state to the incident: a breach of sovereignty or non-intervention, an internationally wrongful act (ILC Art. 2); whether espionage breaches international law is contested",
        "تربط أدلتها الحادث بدولة: انتهاك للسيادة أو لمبدأ عدم التدخل، أي فعل غير مشروع دوليًا (المادة 2 من مواد لجنة القانون الدولي)؛ ومسألة انتهاك التجسس للقانون الدولي خلافية",
    ),
    (
        "reads it as {0}, further than its facts and evidence carry (at most {1}: {2})",
        "تقرؤه {0}، أبعد مما تحتمله وقائعها وأدلتها (على الأكثر {1}: {2})",
    ),
    (
        "reads it as {0}, short of what its facts and evidence would carry ({1}: {2})",
        "تقرؤه {0}، دون ما تحتمله وقائعها وأدلتها ({1}: {2})",
    ),
    (
        "{0}; activity by the same state against the same target totals severity {1}: the North Atlantic Council may read it as a cumulative armed attack (NATO Brussels Summit 2021, para. 32)",
        "{0}؛ ويبلغ مجموع شدة النشاط من الدولة نفسها ضد الهدف نفسه {1}: لمجلس شمال الأطلسي أن يقرأه هجومًا مسلحًا تراكميًا (قمة الناتو في بروكسل 2021، الفقرة 32)",
    ),
    ("Incident: {0} ({1}) against {2}", "حادث: {0} ({1}) ضد {2}"),
    ("{0} assessed as {1}", "تقييم {0}: {1}"),
    ("voted for {0}: {1}", "صوّتت لصالح بيان {0}: {1}"),
    (
        "the statement names {0} on behalf of the members in favour, each on its own evidence",
        "يسمّي البيان {0} باسم الأعضاء المؤيدين، كلٌّ على أساس أدلته",
    ),
    (
        "the statement condemns the incident without naming anyone: attribution remains each member's sovereign decision",
        "يدين البيان الحادث دون تسمية أحد: يبقى الإسناد قرارًا سياديًا لكل عضو",
    ),
    (
        "the members declare their solidarity with {0}",
        "يعلن الأعضاء تضامنهم مع {0}",
    ),
    (
        "the Council agreed that the activity, taken cumulatively, amounts to an armed attack: each ally will assist with such action as it deems necessary",
        "اتفق المجلس على أن النشاط، مجتمعًا، يرقى إلى هجوم مسلح: سيساعد كل حليف بما يراه ضروريًا من إجراءات",
    ),
    (
        "joint statement attributing {0} to {1} ({2}, {3} confidence)",
        "بيان مشترك يُسند {0} إلى {1} ({2}، بثقة {3})",
    ),
    (
        "statement condemning {0}, naming no one",
        "بيان يدين {0} دون تسمية أحد",
    ),
    ("declaration of solidarity over {0}", "إعلان تضامن بشأن {0}"),
    (
        "Art. 5: {0} with the activity before it as a cumulative armed attack",
        "المادة 5: {0} مع النشاط السابق له بوصفه هجومًا مسلحًا تراكميًا",
    ),
    (
        "no reading of the incident: a countermeasure answers an internationally wrongful act (Art. 49)",
        "لا قراءة قانونية للحادث: التدبير المضاد ردٌّ على فعل غير مشروع دوليًا (المادة 49)",
    ),
    (
        "its own reading ({0}) is not an internationally wrongful act by a state (Art. 49)",
        "قراءتها هي ({0}) ليست فعلًا غير مشروع دوليًا من دولة (المادة 49)",
    ),
    (
        "refuses help over activity that the request's evidence ties to its territory",
        "ترفض المساعدة بشأن نشاط تربطه أدلة الطلب بإقليمها",
    ),
    (
        "left unanswered {0}'s request about activity its evidence ties to this territory",
        "تركت طلب {0} بلا ردّ بشأن نشاط تربطه أدلتها بهذا الإقليم",
    ),
    (
        "its evidence carried the claim, and the claim was true",
        "حملت أدلتها الادعاء، وكان الادعاء صحيحًا",
    ),
    (
        "its evidence carried the claim, but the claim was wrong: {0} was planted to mislead (a false flag); a source at another layer would have shown it",
        "حملت أدلتها الادعاء، لكنه كان خاطئًا: زُرع {0} للتضليل (راية زائفة)؛ وكان مصدر من طبقة أخرى سيكشف ذلك",
    ),
    (
        "its evidence carried the claim, but the claim was wrong: the truth was {0}; more sources, at other layers, would have shown it",
        "حملت أدلتها الادعاء، لكنه كان خاطئًا: الحقيقة هي {0}؛ وكانت مصادر أكثر، من طبقات أخرى، ستكشف ذلك",
    ),
    (
        "the claim was true, but its evidence did not carry it: it needed {0}",
        "كان الادعاء صحيحًا، لكن أدلتها لم تحمله: كان يلزمها {0}",
    ),
    (
        "the claim went beyond its evidence and was wrong: the truth was {0}",
        "تجاوز الادعاء أدلتها وكان خاطئًا: الحقيقة هي {0}",
    ),
    (
        "technical evidence of infrastructure in that state",
        "دليل تقني على بنية تحتية في تلك الدولة",
    ),
    (
        "traces of the group itself (tools, infrastructure, people)",
        "آثار للجماعة نفسها (أدوات، بنية تحتية، أشخاص)",
    ),
    (
        "operational or strategic evidence pointing to the state itself: addresses show only infrastructure, and a group on its territory only its due diligence",
        "دليل عملياتي أو استراتيجي يشير إلى الدولة نفسها: العناوين لا تُظهر إلا البنية التحتية، والجماعة على إقليمها لا تُظهر إلا عنايتها الواجبة",
    ),
    (
        "evidence of a group operating from its territory, and notice to the state (a démarche or a request) before the claim",
        "دليل على جماعة تعمل من إقليمها، وإخطار الدولة (بمذكرة احتجاج أو طلب) قبل الادعاء",
    ),
    (
        "{0} (voting for {1}'s statement)",
        "{0} (بتصويتها لصالح بيان {1})",
    ),
    (
        "turn {0}: {1} claimed {2} against {3} at {4} confidence; its evidence supported {5}: {6}. {7}",
        "الجولة {0}: ادّعت {1} {2} ضد {3} بثقة {4}؛ ودعمت أدلتها: {5}: {6}. {7}",
    ),
    (
        "turn {0}: {1} read it as {2} ({3}): {4}",
        "الجولة {0}: قرأته {1} {2} ({3}): {4}",
    ),
    ("supported and true", "مدعوم وصحيح"),
    ("supported but wrong", "مدعوم لكنه خاطئ"),
    ("overreaching but true", "متجاوز لكنه صحيح"),
    ("overreaching and wrong", "متجاوز وخاطئ"),
    ("supported by what it knew", "تدعمه معرفتها"),
    (
        "further than what it knew carries",
        "أبعد مما تحتمله معرفتها",
    ),
    ("short of what it knew carries", "دون ما تحتمله معرفتها"),
    (
        "if it claims more confidence than its evidence supports for the claim (addresses show only infrastructure; a group on a state's territory, due diligence, not responsibility)",
        "إذا ادّعت ثقة أعلى مما تدعمه أدلتها للادعاء (العناوين لا تُظهر إلا البنية التحتية؛ والجماعة على إقليم دولة تُظهر العناية الواجبة لا المسؤولية)",
    ),
    (
        "if it voted for an adopted attribution statement claiming more than its own evidence supports, or holding none that supports it",
        "إذا صوّتت لصالح بيان إسناد اعتُمد يدّعي أكثر مما تدعمه أدلتها، أو لم تكن تملك دليلًا يدعمه",
    ),
    (
        "if it voted for an adopted attribution statement that its own evidence supports at the stated confidence",
        "إذا صوّتت لصالح بيان إسناد اعتُمد تدعمه أدلتها بدرجة الثقة المعلنة",
    ),
    (
        "if refused and the requester's evidence ties the activity to the refusing state's territory",
        "إذا رُفض الطلب وكانت أدلة الطالب تربط النشاط بإقليم الدولة الرافضة",
    ),
    (
        "if the claimed confidence is within what the seat's own evidence supports for that claim",
        "إذا كانت الثقة المدّعاة في حدود ما تدعمه أدلة المقعد لذلك الادعاء",
    ),
    (
        "if the seat holds no evidence that supports the claim against whom it names",
        "إذا لم يكن لدى المقعد دليل يدعم الادعاء ضد من يسمّيه",
    ),
    (
        "if the target is not in fact responsible for the incident, or the incident is not a wrongful act, whatever the conditions (hidden until the debrief)",
        "إذا لم يكن المستهدف مسؤولًا فعلًا عن الحادث، أو لم يكن الحادث فعلًا غير مشروع، أيًّا كانت الشروط (يبقى خفيًا حتى التقييم الختامي)",
    ),
    (
        "on the requested state, if it leaves the request unanswered for a full turn and the requester's evidence ties the activity to its territory",
        "على الدولة المطلوب منها، إذا تركت الطلب بلا رد جولة كاملة وكانت أدلة الطالب تربط النشاط بإقليمها",
    ),
    (
        "low-level intrusion for intelligence: espionage is not in itself a breach of international law, though some states hold that intrusions into their networks breach their sovereignty (contested)",
        "اختراق محدود لجمع المعلومات: التجسس ليس في ذاته انتهاكًا للقانون الدولي، وإن رأت بعض الدول أن اختراق شبكاتها ينتهك سيادتها (مسألة خلافية)",
    ),
    (
        "an intrusion its evidence ties to a state: whether espionage breaches sovereignty is contested, so it may be read as an internationally wrongful act at most (ILC Art. 2)",
        "اختراق تربطه أدلتها بدولة: انتهاك التجسس للسيادة مسألة خلافية، فيمكن قراءته فعلًا غير مشروع دوليًا على الأكثر (المادة 2 من مواد لجنة القانون الدولي)",
    ),
    (
        "its evidence ties a state to the incident: a breach of sovereignty or non-intervention, an internationally wrongful act (ILC Art. 2)",
        "تربط أدلتها الحادث بدولة: انتهاك للسيادة أو لمبدأ عدم التدخل، أي فعل غير مشروع دوليًا (المادة 2 من مواد لجنة القانون الدولي)",
    ),
    (
        "deaths and lasting damage, but its evidence ties no state to them: a crime on this evidence; whether an attack by a non-state group can be an armed attack that allows self-defence is contested",
        "وفيات وأضرار دائمة، لكن أدلتها لا تربطها بأي دولة: جريمة بناءً على هذه الأدلة؛ ومسألة ما إذا كان هجوم جماعة من غير الدول يمكن أن يكون هجومًا مسلحًا يجيز الدفاع عن النفس خلافية",
    ),
    (
        "{0} deaths with lasting damage or at severity 5: scale and effects comparable to an armed attack (UN Charter Art. 51), though no state directs the author; whether a non-state group's attack is an armed attack allowing self-defence is contested",
        "{0} وفيات مع أضرار دائمة أو بشدة 5: نطاق وآثار تعادل هجومًا مسلحًا (المادة 51 من ميثاق الأمم المتحدة)، مع أن أي دولة لا توجّه الفاعل؛ ومسألة ما إذا كان هجوم جماعة من غير الدول هجومًا مسلحًا يجيز الدفاع عن النفس خلافية",
    ),
    (
        "turn {0}: {1} claimed {2} against {3} at {4} confidence; its evidence supported {5}: {6}; {7}",
        "الجولة {0}: ادّعت {1} {2} ضد {3} بثقة {4}؛ ودعمت أدلتها: {5}: {6}؛ {7}",
    ),
    (
        "its facts and evidence carry {0}: {1}",
        "تحتمل وقائعها وأدلتها: {0}: {1}",
    ),
    (
        "if it is the injured state, called on the target to comply in an earlier turn, reads the incident as an internationally wrongful act, and the intensity is within the incident's severity and reversible",
        "إذا كانت الدولة المتضررة، ودعت المستهدف إلى الامتثال في جولة سابقة، وقرأت الحادث فعلًا غير مشروع دوليًا، وكانت الشدة في حدود شدة الحادث وقابلة للعكس",
    ),
    (
        "if any of those conditions fails: not the injured state, no earlier call to comply, no reading of a wrongful act, intensity above the severity, or not reversible",
        "إذا تخلّف أيٌّ من تلك الشروط: ليست الدولة المتضررة، أو لا دعوة سابقة إلى الامتثال، أو لا قراءة لفعل غير مشروع، أو شدة تتجاوز شدة الحادث، أو غير قابل للعكس",
    ),
];
