<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>majlis::ui::AnnotatorDialog</name>
    <message>
        <source>Who is voting?</source>
        <translation>مَن يصوّت؟</translation>
    </message>
    <message>
        <source>Annotator name</source>
        <translation>اسم المقيِّم</translation>
    </message>
    <message>
        <source>Your name or annotator code</source>
        <translation>اسمك أو رمز المقيِّم</translation>
    </message>
    <message>
        <source>Choose your profile, or type a new name. Your votes are recorded under it.</source>
        <translation>اختر ملفك الشخصي أو اكتب اسمًا جديدًا. ستُسجَّل أصواتك باسمه.</translation>
    </message>
</context>
<context>
    <name>majlis::ui::AnswerView</name>
    <message>
        <source>Not Arabic</source>
        <translation>غير عربية</translation>
    </message>
    <message>
        <source>English</source>
        <translation>الإنجليزية</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— اختر —</translation>
    </message>
    <message>
        <source>Mark failure…</source>
        <translation>وضع علامة خلل…</translation>
    </message>
    <message>
        <source>Flag the whole answer…</source>
        <translation>وضع علامة خلل على الإجابة كلها…</translation>
    </message>
    <message>
        <source>Edit this mark…</source>
        <translation>تعديل هذه العلامة…</translation>
    </message>
    <message>
        <source>Remove this mark</source>
        <translation>إزالة هذه العلامة</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>نسخ</translation>
    </message>
    <message>
        <source>&amp;Written in:</source>
        <translation>مكتوبة بـ (&amp;W):</translation>
    </message>
    <message>
        <source>as requested</source>
        <translation>كما طُلب</translation>
    </message>
    <message>
        <source>Variety this answer is written in</source>
        <translation>اللهجة أو اللغة التي كُتبت بها الإجابة</translation>
    </message>
    <message>
        <source>The variety matches the request</source>
        <translation>اللهجة مطابقة للمطلوب</translation>
    </message>
    <message>
        <source>Answer %1</source>
        <translation>الإجابة %1</translation>
    </message>
    <message>
        <source>Answer %1 — %2</source>
        <translation>الإجابة %1 — %2</translation>
    </message>
    <message>
        <source>Flip this paragraph&apos;s direction</source>
        <translation>عكس اتجاه هذه الفقرة</translation>
    </message>
    <message numerus="yes">
        <source>%Ln invisible character(s) shown by name — Ctrl+Shift+U hides them</source>
        <translation>
            <numerusform>لا حرف غير مرئي في هذه الإجابة</numerusform>
            <numerusform>الحرف غير المرئي ظاهر باسمه — يُخفيه Ctrl+Shift+U</numerusform>
            <numerusform>الحرفان غير المرئيين ظاهران باسميهما — يُخفيهما Ctrl+Shift+U</numerusform>
            <numerusform>%Ln أحرف غير مرئية ظاهرة بأسمائها — يُخفيها Ctrl+Shift+U</numerusform>
            <numerusform>%Ln حرفًا غير مرئي ظاهرة بأسمائها — يُخفيها Ctrl+Shift+U</numerusform>
            <numerusform>%Ln حرف غير مرئي ظاهرة بأسمائها — يُخفيها Ctrl+Shift+U</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Contains %Ln invisible character(s) — Ctrl+Shift+U shows them</source>
        <translation>
            <numerusform>لا حرف غير مرئي في هذه الإجابة</numerusform>
            <numerusform>في هذه الإجابة حرف غير مرئي — يُظهره Ctrl+Shift+U</numerusform>
            <numerusform>في هذه الإجابة حرفان غير مرئيين — يُظهرهما Ctrl+Shift+U</numerusform>
            <numerusform>في هذه الإجابة %Ln أحرف غير مرئية — يُظهرها Ctrl+Shift+U</numerusform>
            <numerusform>في هذه الإجابة %Ln حرفًا غير مرئي — يُظهرها Ctrl+Shift+U</numerusform>
            <numerusform>في هذه الإجابة %Ln حرف غير مرئي — يُظهرها Ctrl+Shift+U</numerusform>
        </translation>
    </message>
    <message>
        <source>Mixed varieties</source>
        <translation>خليط من اللهجات</translation>
    </message>
    <message>
        <source>Arabizi (Arabic in Latin script)</source>
        <translation>عربيزي (عربية بحروف لاتينية)</translation>
    </message>
    <message>
        <source>Unspecified</source>
        <translation>غير محددة</translation>
    </message>
    <message>
        <source>Follows from the variety chosen and the one the prompt asks for</source>
        <translation>يُستنتج من اللهجة المختارة واللهجة التي يطلبها السؤال</translation>
    </message>
</context>
<context>
    <name>majlis::ui::BundleExport</name>
    <message>
        <source>Export votes</source>
        <translation>تصدير الأصوات</translation>
    </message>
    <message>
        <source>This workstation has no votes yet: there is nothing to export.</source>
        <translation>لا أصوات على محطة العمل هذه بعد: لا شيء للتصدير.</translation>
    </message>
    <message>
        <source>Export votes to a bundle</source>
        <translation>تصدير الأصوات إلى رزمة أصوات</translation>
    </message>
    <message>
        <source>Majlis vote bundles (*.majlisbundle)</source>
        <translation>رزم أصوات مجلس (*.majlisbundle)</translation>
    </message>
    <message>
        <source>%1 already exists. A bundle is never overwritten: choose another name.</source>
        <translation>الملف %1 موجود. لا تُكتب رزمة أصوات فوق ملف موجود أبدًا: اختر اسمًا آخر.</translation>
    </message>
    <message>
        <source>Exporting votes to %1</source>
        <translation>تصدير الأصوات إلى %1</translation>
    </message>
    <message>
        <source>%1 was written and verified, but recording the export in the store failed: %2</source>
        <translation>كُتب الملف %1 وتُحقِّق منه، لكن تسجيل التصدير في المخزن فشل: %2</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln events of this workstation to %1.</source>
        <translation>
            <numerusform>لم يُكتب أي حدث في %1.</numerusform>
            <numerusform>كُتب حدث واحد من أحداث محطة العمل هذه في %1.</numerusform>
            <numerusform>كُتب حدثان من أحداث محطة العمل هذه في %1.</numerusform>
            <numerusform>كُتبت %Ln أحداث من أحداث محطة العمل هذه في %1.</numerusform>
            <numerusform>كُتب %Ln حدثًا من أحداث محطة العمل هذه في %1.</numerusform>
            <numerusform>كُتب %Ln حدث من أحداث محطة العمل هذه في %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The bundle is signed with this workstation&apos;s key, fingerprint %1. Give the file to your coordinator, who imports it with: %2</source>
        <translation>الرزمة موقَّعة بمفتاح محطة العمل هذه، وبصمته %1. سلِّم الملف إلى المنسِّق، فيستوردها بالأمر: %2</translation>
    </message>
</context>
<context>
    <name>majlis::ui::FailureChart</name>
    <message>
        <source>No failure marks yet.</source>
        <translation>لا توجد علامات خلل بعد.</translation>
    </message>
    <message>
        <source>Failure marks per model, by category</source>
        <translation>علامات الخلل لكل نموذج، حسب الفئة</translation>
    </message>
</context>
<context>
    <name>majlis::ui::FailureDialog</name>
    <message>
        <source>Flag the whole answer</source>
        <translation>وضع علامة خلل على الإجابة كلها</translation>
    </message>
    <message>
        <source>Mark a failure</source>
        <translation>وضع علامة خلل</translation>
    </message>
    <message>
        <source>%1 (weight %2)</source>
        <translation>%1 (الوزن %2)</translation>
    </message>
    <message>
        <source>Failure category</source>
        <translation>فئة الخلل</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>الشدة</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>التعليق</translation>
    </message>
    <message>
        <source>Optional: what exactly is wrong</source>
        <translation>اختياري: ما الخطأ تحديدًا</translation>
    </message>
    <message>
        <source>Marked text</source>
        <translation>النص المعلَّم</translation>
    </message>
    <message>
        <source>Marked text:</source>
        <translation>النص المعلَّم:</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>الفئة (&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Severity:</source>
        <translation>الشدة (&amp;S):</translation>
    </message>
    <message>
        <source>C&amp;omment:</source>
        <translation>التعليق (&amp;O):</translation>
    </message>
</context>
<context>
    <name>majlis::ui::LeaderboardModel</name>
    <message>
        <source>never lost: rating unbounded above</source>
        <translation>لم يخسر قط: الدرجة غير محدودة من الأعلى</translation>
    </message>
    <message>
        <source>never won: rating unbounded below</source>
        <translation>لم يفز قط: الدرجة غير محدودة من الأسفل</translation>
    </message>
    <message>
        <source>not determined by the votes</source>
        <translation>لا تحدّده الأصوات</translation>
    </message>
    <message>
        <source>not linked to the other models</source>
        <translation>غير مرتبط ببقية النماذج</translation>
    </message>
    <message>
        <source>no votes</source>
        <translation>لا أصوات</translation>
    </message>
    <message>
        <source>provisional</source>
        <translation>مبدئي</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>الترتيب</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>النموذج</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>الدرجة</translation>
    </message>
    <message>
        <source>%1% interval</source>
        <translation>فاصل الثقة %1٪</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>الأصوات</translation>
    </message>
    <message>
        <source>Wins</source>
        <translation>الفوز</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>الخسارة</translation>
    </message>
    <message>
        <source>Ties</source>
        <translation>التعادل</translation>
    </message>
    <message>
        <source>Both bad</source>
        <translation>كلتاهما سيئة</translation>
    </message>
    <message>
        <source>Elo</source>
        <translation>إيلو</translation>
    </message>
    <message>
        <source>Names masked</source>
        <translation>أسماء مُخفاة</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between two notes</comment>
        <translation>، </translation>
    </message>
</context>
<context>
    <name>majlis::ui::LeaderboardView</name>
    <message>
        <source>Leaderboard</source>
        <translation>لوحة الصدارة</translation>
    </message>
    <message>
        <source>Leaderboard: %1</source>
        <translation>لوحة الصدارة: %1</translation>
    </message>
    <message>
        <source>Votes:</source>
        <translation>الأصوات:</translation>
    </message>
    <message>
        <source>Include pairs picked by hand</source>
        <translation>تضمين الأزواج المختارة يدويًا</translation>
    </message>
    <message>
        <source>Pairs an annotator chose are left out by default: they are not a random sample.</source>
        <translation>تُستبعد افتراضيًا الأزواج التي اختارها المقيِّم بنفسه، فهي ليست عيّنة عشوائية.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>الدرجات</translation>
    </message>
    <message>
        <source>Win rates</source>
        <translation>نسب الفوز</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>حالات الخلل</translation>
    </message>
    <message>
        <source>Export chart as PNG…</source>
        <translation>تصدير المخطط بصيغة PNG…</translation>
    </message>
    <message>
        <source>No store is open.</source>
        <translation>لا يوجد مخزن بيانات مفتوح.</translation>
    </message>
    <message>
        <source>Could not read the votes: %1</source>
        <translation>تعذّرت قراءة الأصوات: %1</translation>
    </message>
    <message>
        <source>Could not compute the leaderboard: %1</source>
        <translation>تعذّر حساب لوحة الصدارة: %1</translation>
    </message>
    <message>
        <source>All votes (%1)</source>
        <translation>كل الأصوات (%1)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(غير محدد)</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <source>Dialect</source>
        <translation>اللهجة</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>الموضوع</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>المجموعة</translation>
    </message>
    <message>
        <source>%1 live votes, %2 in the ranking</source>
        <translation>الأصوات السارية: %1، والمحتسبة في الترتيب: %2</translation>
    </message>
    <message>
        <source>(%1 on pairs picked by hand left out)</source>
        <translation>(استُبعد منها %1 على أزواج مختارة يدويًا)</translation>
    </message>
    <message>
        <source>this slice: %1 votes</source>
        <translation>أصوات هذه الشريحة: %1</translation>
    </message>
    <message>
        <source>Too few votes in this slice for a settled board (fewer than %1).</source>
        <translation>أصوات هذه الشريحة أقل من أن تُنتج ترتيبًا مستقرًا (أقل من %1).</translation>
    </message>
    <message>
        <source>Export chart as PNG</source>
        <translation>تصدير المخطط بصيغة PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>صور PNG (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>تعذّرت كتابة %1.</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between two counts</comment>
        <translation>؛ </translation>
    </message>
    <message>
        <source>Region</source>
        <translation>المنطقة</translation>
    </message>
</context>
<context>
    <name>majlis::ui::Links</name>
    <message>
        <source>Open link</source>
        <translation>فتح الرابط</translation>
    </message>
    <message>
        <source>Open this address in your web browser?

%1

It comes from a task pack: open it only if you trust it.</source>
        <translation>أتفتح هذا العنوان في متصفح الويب؟

%1

مصدره حزمة مهام: لا تفتحه إلا إن كنت تثق به.</translation>
    </message>
    <message>
        <source>Link not opened</source>
        <translation>لم يُفتح الرابط</translation>
    </message>
    <message>
        <source>Majlis does not open this kind of address:

%1</source>
        <translation>لا يفتح مجلس هذا النوع من العناوين:

%1</translation>
    </message>
</context>
<context>
    <name>majlis::ui::MainWindow</name>
    <message>
        <source>Keyboard</source>
        <translation>لوحة المفاتيح</translation>
    </message>
    <message>
        <source>1 or the arrow towards it: answer A is better
2: answer B is better
3: tie
4: both are bad
S: skip
Ctrl+Z: undo the last action
Enter: next pair after the reveal
Tab, then Shift+arrows: select text in an answer
M: mark a failure on the selection
Ctrl+1 / Ctrl+2: flag the whole of answer A / B
Ctrl+Shift+D: flip the direction of a paragraph
Ctrl++ / Ctrl+-: larger or smaller text
F1: guidelines</source>
        <translation>‏1 أو السهم المتّجه نحوها: الإجابة A أفضل
‏2: الإجابة B أفضل
‏3: تعادل
‏4: كلتاهما سيئة
‏⁨S⁩: تخطٍّ
‏⁨Ctrl+Z⁩: التراجع عن آخر إجراء
‏⁨Enter⁩: الزوج التالي بعد كشف النماذج
‏⁨Tab⁩ ثم ⁨Shift⁩ مع الأسهم: تحديد نص في إجابة
‏⁨M⁩: تعليم خلل على النص المحدَّد
‏⁨Ctrl+1 / Ctrl+2⁩: الإبلاغ عن الإجابة A أو B كاملةً
‏⁨Ctrl+Shift+D⁩: عكس اتجاه فقرة
‏⁨Ctrl++ / Ctrl+-⁩: تكبير النص أو تصغيره
‏⁨F1⁩: الإرشادات</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ملف (&amp;F)</translation>
    </message>
    <message>
        <source>Choose &amp;pack…</source>
        <translation>اختيار حزمة المهام (&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>خروج (&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>الإعدادات (&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Leaderboard (coordinators)…</source>
        <translation>لوحة الصدارة للمنسِّقين (&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Vote</source>
        <translation>تصويت (&amp;V)</translation>
    </message>
    <message>
        <source>V&amp;iew</source>
        <translation>عرض (&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>تكبير (&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>تصغير (&amp;O)</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation>الإرشادات</translation>
    </message>
    <message>
        <source>&amp;Guidelines</source>
        <translation>الإرشادات (&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>مساعدة (&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح (&amp;K)</translation>
    </message>
    <message>
        <source>Majlis</source>
        <translation>مجلس</translation>
    </message>
    <message>
        <source>Majlis — %1 — %2</source>
        <translation>مجلس — %1 — %2</translation>
    </message>
    <message>
        <source>Judged %1 of %2</source>
        <translation>قُيِّم %1 من %2</translation>
    </message>
    <message>
        <source>Votes committed this session: %1</source>
        <translation>الأصوات المسجَّلة في هذه الجلسة: %1</translation>
    </message>
    <message>
        <source>Leaderboard — %1</source>
        <translation>لوحة الصدارة — %1</translation>
    </message>
    <message>
        <source>New pack from the server: %1 (File › Choose pack)</source>
        <translation>حزمة مهام جديدة من الخادم: %1 (ملف › اختيار حزمة المهام)</translation>
    </message>
    <message>
        <source>Sync is off: %1</source>
        <translation>المزامنة متوقفة: %1</translation>
    </message>
    <message>
        <source>&amp;Export votes to a bundle…</source>
        <translation>تصدير الأصوات إلى رزمة أصوات (&amp;E)…</translation>
    </message>
</context>
<context>
    <name>majlis::ui::Markdown</name>
    <message>
        <source>Image</source>
        <translation>صورة</translation>
    </message>
</context>
<context>
    <name>majlis::ui::PackChooserDialog</name>
    <message>
        <source>Choose a task pack</source>
        <translation>اختيار حزمة مهام</translation>
    </message>
    <message>
        <source>Task packs in this store</source>
        <translation>حزم المهام في مخزن البيانات هذا</translation>
    </message>
    <message>
        <source>Import pack…</source>
        <translation>استيراد حزمة مهام…</translation>
    </message>
    <message>
        <source>Task packs in this store:</source>
        <translation>حزم المهام في مخزن البيانات هذا:</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %Ln pair(s)</source>
        <translation>
            <numerusform>%1 — لا أزواج</numerusform>
            <numerusform>%1 — زوج واحد</numerusform>
            <numerusform>%1 — زوجان</numerusform>
            <numerusform>%1 — %Ln أزواج</numerusform>
            <numerusform>%1 — %Ln زوجًا</numerusform>
            <numerusform>%1 — %Ln زوج</numerusform>
        </translation>
    </message>
    <message>
        <source>No pack yet: import one to start.</source>
        <translation>لا توجد حزمة مهام بعد: استورد حزمة للبدء.</translation>
    </message>
    <message>
        <source>Import task pack</source>
        <translation>استيراد حزمة مهام</translation>
    </message>
    <message>
        <source>Task packs (*.jsonl *.json);;All files (*)</source>
        <translation>حزم المهام (*.jsonl *.json);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation>تعذّر الاستيراد: %1</translation>
    </message>
    <message>
        <source>This pack was already in the store; nothing changed.</source>
        <translation>حزمة المهام هذه موجودة في مخزن البيانات من قبل، ولم يتغيّر شيء.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln item(s).</source>
        <translation>
            <numerusform>لم يُستورد أي عنصر.</numerusform>
            <numerusform>استُورد عنصر واحد.</numerusform>
            <numerusform>استُورد عنصران.</numerusform>
            <numerusform>استُورد %Ln عناصر.</numerusform>
            <numerusform>استُورد %Ln عنصرًا.</numerusform>
            <numerusform>استُورد %Ln عنصر.</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>استيراد %1</translation>
    </message>
    <message>
        <source>Import cancelled; the store is as it was.</source>
        <translation>أُلغي الاستيراد؛ بقي المخزن كما كان.</translation>
    </message>
</context>
<context>
    <name>majlis::ui::Progress</name>
    <message>
        <source>%1: %2%</source>
        <translation>%1: %2٪</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>التحقق</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>الاستيراد</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>القراءة</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>التحقق من التوقيع</translation>
    </message>
    <message>
        <source>Storing</source>
        <translation>الحفظ</translation>
    </message>
    <message>
        <source>Writing</source>
        <translation>الكتابة</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>التصدير</translation>
    </message>
    <message>
        <source>Computing intervals</source>
        <translation>حساب فترات الثقة</translation>
    </message>
</context>
<context>
    <name>majlis::ui::RatingChart</name>
    <message>
        <source>No ratings yet: the chart appears once models have votes.</source>
        <translation>لا درجات بعد: يظهر المخطط حين تحصل النماذج على أصوات.</translation>
    </message>
    <message>
        <source>Rating (Bradley–Terry) with 95% interval</source>
        <translation>الدرجة (برادلي–تيري) مع فاصل الثقة ٩٥٪</translation>
    </message>
    <message>
        <source>hollow dot: provisional (few votes)</source>
        <translation>النقطة المفرغة: درجة مبدئية (أصوات قليلة)</translation>
    </message>
    <message>
        <source>not rated</source>
        <translation>غير مقيَّم</translation>
    </message>
</context>
<context>
    <name>majlis::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>لغة الواجهة</translation>
    </message>
    <message>
        <source>Font for Arabic script</source>
        <translation>خط الكتابة العربية</translation>
    </message>
    <message>
        <source>Font for Latin script</source>
        <translation>خط الكتابة اللاتينية</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> نقطة</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>حجم النص</translation>
    </message>
    <message>
        <source>How much larger Arabic text is</source>
        <translation>مقدار تكبير النص العربي</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>اللغة (&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Arabic font:</source>
        <translation>الخط العربي (&amp;A):</translation>
    </message>
    <message>
        <source>La&amp;tin font:</source>
        <translation>الخط اللاتيني (&amp;T):</translation>
    </message>
    <message>
        <source>Text &amp;size:</source>
        <translation>حجم النص (&amp;S):</translation>
    </message>
    <message>
        <source>Sync server address</source>
        <translation>عنوان خادم المزامنة</translation>
    </message>
    <message>
        <source>Sync token</source>
        <translation>رمز المزامنة</translation>
    </message>
    <message>
        <source>saved; type to replace</source>
        <translation>محفوظ؛ اكتب رمزًا جديدًا لاستبداله</translation>
    </message>
    <message>
        <source>mjt_… from your coordinator</source>
        <translation>⁨mjt_…⁩ من المنسِّق</translation>
    </message>
    <message>
        <source>Se&amp;rver:</source>
        <translation>الخادم (&amp;R):</translation>
    </message>
    <message>
        <source>Sync (leave the server empty to work offline)</source>
        <translation>المزامنة (اترك الخادم فارغًا للعمل دون اتصال)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address such as http://10.0.0.5:8787 (http or https, then the host and port).</source>
        <translation>«%1» ليس عنوان خادم مثل http://10.0.0.5:8787 (يبدأ بـ http أو https، ثم المضيف والمنفذ).</translation>
    </message>
    <message>
        <source>A server needs a token: ask your coordinator for one.</source>
        <translation>يحتاج الخادم إلى رمز: اطلبه من المنسِّق.</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>رمز التسجيل</translation>
    </message>
    <message>
        <source>only if your coordinator gave you one</source>
        <translation>فقط إن أعطاك المنسِّق رمزًا</translation>
    </message>
    <message>
        <source>A one-time code that binds this workstation&apos;s key to you on the server. It is used once, when you press OK, and not saved.</source>
        <translation>رمز لمرة واحدة يربط مفتاح محطة العمل هذه بك على الخادم. يُستعمَل مرة واحدة عند الضغط على «موافق» ولا يُحفَظ.</translation>
    </message>
    <message>
        <source>&amp;Enrollment code:</source>
        <translation>رمز التسجيل (&amp;E):</translation>
    </message>
    <message>
        <source>An enrollment code has no spaces inside; paste it exactly as your coordinator gave it.</source>
        <translation>لا مسافات داخل رمز التسجيل؛ الصقه كما أعطاك إياه المنسِّق تمامًا.</translation>
    </message>
    <message>
        <source>An enrollment code needs the server it was made on: enter its address and your token.</source>
        <translation>يحتاج رمز التسجيل إلى الخادم الذي صدر عنه: أدخل عنوانه ورمز المزامنة الخاص بك.</translation>
    </message>
    <message>
        <source>Arabic text larger &amp;by:</source>
        <translation>تكبير النص العربي بمقدار (&amp;B):</translation>
    </message>
    <message>
        <source>To&amp;ken:</source>
        <translation>رمز المزامنة (&amp;K):</translation>
    </message>
    <message>
        <source>Show each &amp;new line of an answer as written</source>
        <translation>إظهار كل سطر جديد في الإجابة كما كُتب (&amp;N)</translation>
    </message>
    <message>
        <source>As chat interfaces do. Off: lines not separated by an empty line are joined, as Markdown does.</source>
        <translation>كما تفعل واجهات المحادثة. عند إيقافه تُضمّ الأسطر التي لا يفصل بينها سطر فارغ، كما في Markdown.</translation>
    </message>
</context>
<context>
    <name>majlis::ui::Startup</name>
    <message>
        <source>Majlis</source>
        <translation>مجلس</translation>
    </message>
    <message>
        <source>The pack could not be opened:
%1</source>
        <translation>تعذّر فتح حزمة المهام:
%1</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>استيراد %1</translation>
    </message>
</context>
<context>
    <name>majlis::ui::SyncStatus</name>
    <message>
        <source>Not syncing</source>
        <translation>المزامنة غير مفعّلة</translation>
    </message>
    <message>
        <source>No server is set (Settings). Votes stay on this workstation; a coordinator can carry them as a bundle.</source>
        <translation>لم يُحدَّد خادم (الإعدادات). تبقى الأصوات على محطة العمل هذه، ويمكن للمنسِّق نقلها في رزمة أصوات.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>لم تجرِ بعد</translation>
    </message>
    <message>
        <source>Sync: %1 pending · last %2</source>
        <translation>المزامنة: %1 بانتظار الإرسال · آخر مزامنة: %2</translation>
    </message>
    <message>
        <source>stopped: %1</source>
        <translation>متوقفة: %1</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>خطأ: %1</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>جارٍ الإرسال…</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>الخادم: %1</translation>
    </message>
    <message>
        <source>Waiting to be sent: %1</source>
        <translation>بانتظار الإرسال: %1</translation>
    </message>
    <message>
        <source>Last complete sync: %1</source>
        <translation>آخر مزامنة كاملة: %1</translation>
    </message>
    <message>
        <source>Stopped, retrying cannot help: %1</source>
        <translation>توقفت، ولن تفيد إعادة المحاولة: %1</translation>
    </message>
    <message>
        <source>Last error (retrying): %1</source>
        <translation>آخر خطأ (تُعاد المحاولة): %1</translation>
    </message>
    <message>
        <source>Click to sync now.</source>
        <translation>انقر للمزامنة الآن.</translation>
    </message>
    <message>
        <source>enrolling this workstation…</source>
        <translation>جارٍ تسجيل محطة العمل هذه…</translation>
    </message>
    <message>
        <source>This workstation is enrolled on the server.</source>
        <translation>محطة العمل هذه مسجَّلة على الخادم.</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>التفاصيل: %1</translation>
    </message>
    <message>
        <source>A code works once, for one person, until it expires: ask your coordinator for a new one and paste it in Settings.</source>
        <translation>يصلح رمز التسجيل مرة واحدة ولشخص واحد حتى تنتهي صلاحيته: اطلب من المنسِّق رمزًا جديدًا والصقه في الإعدادات.</translation>
    </message>
    <message>
        <source>Only a coordinator can replace a workstation&apos;s key.</source>
        <translation>لا يستبدل مفتاحَ محطة العمل إلا المنسِّق.</translation>
    </message>
    <message>
        <source>Check the server and the token in Settings, then enroll again.</source>
        <translation>تحقَّق من الخادم ورمز المزامنة في الإعدادات، ثم أعد التسجيل.</translation>
    </message>
    <message>
        <source>Ask your coordinator for an enrollment code and paste it in Settings.</source>
        <translation>اطلب من المنسِّق رمز تسجيل والصقه في الإعدادات.</translation>
    </message>
    <message>
        <source>Votes from this workstation are kept here; ask your coordinator to check its enrollment.</source>
        <translation>أصوات محطة العمل هذه محفوظة هنا؛ اطلب من المنسِّق التحقُّق من تسجيلها.</translation>
    </message>
    <message>
        <source>Ask your coordinator for a new token and enter it in Settings.</source>
        <translation>اطلب من المنسِّق رمز مزامنة جديدًا وأدخله في الإعدادات.</translation>
    </message>
    <message>
        <source>Nothing was forgotten on this workstation; tell your coordinator.</source>
        <translation>لم يُحذَف شيء من محطة العمل هذه؛ أبلِغ المنسِّق.</translation>
    </message>
    <message>
        <source>the server cannot be reached to enroll this workstation</source>
        <translation>تعذَّر الوصول إلى الخادم لتسجيل محطة العمل هذه</translation>
    </message>
    <message>
        <source>the server does not know this token</source>
        <translation>الخادم لا يعرف رمز المزامنة هذا</translation>
    </message>
    <message>
        <source>the enrollment code was not accepted</source>
        <translation>لم يُقبَل رمز التسجيل</translation>
    </message>
    <message>
        <source>this workstation is enrolled with another key</source>
        <translation>محطة العمل هذه مسجَّلة بمفتاح آخر</translation>
    </message>
    <message>
        <source>the server refused the enrollment</source>
        <translation>رفض الخادم التسجيل</translation>
    </message>
    <message>
        <source>new packs could not be fetched</source>
        <translation>تعذَّر جلب الحزم الجديدة</translation>
    </message>
    <message>
        <source>the server cannot be reached</source>
        <translation>تعذَّر الوصول إلى الخادم</translation>
    </message>
    <message>
        <source>the server failed to take the votes</source>
        <translation>لم يتمكَّن الخادم من استلام الأصوات</translation>
    </message>
    <message>
        <source>this workstation is not enrolled</source>
        <translation>محطة العمل هذه غير مسجَّلة</translation>
    </message>
    <message>
        <source>the server knows this workstation by another key</source>
        <translation>الخادم يعرف محطة العمل هذه بمفتاح آخر</translation>
    </message>
    <message>
        <source>this token may not send these votes</source>
        <translation>لا يحقّ لرمز المزامنة هذا إرسال هذه الأصوات</translation>
    </message>
    <message>
        <source>the server rejected a vote</source>
        <translation>رفض الخادم أحد الأصوات</translation>
    </message>
    <message>
        <source>the server has lost votes it had taken</source>
        <translation>فقد الخادم أصواتًا كان قد استلمها</translation>
    </message>
    <message>
        <source>the server claims votes that were never sent</source>
        <translation>يدّعي الخادم استلام أصوات لم تُرسَل قط</translation>
    </message>
    <message>
        <source>this workstation has no key to sign its votes with</source>
        <translation>لا تملك محطة العمل هذه مفتاحًا توقّع به أصواتها</translation>
    </message>
    <message>
        <source>this workstation&apos;s store failed</source>
        <translation>تعطَّل مخزن محطة العمل هذه</translation>
    </message>
    <message>
        <source>sync failed</source>
        <translation>فشلت المزامنة</translation>
    </message>
</context>
<context>
    <name>majlis::ui::VotingView</name>
    <message>
        <source>A is better</source>
        <translation>الإجابة A أفضل</translation>
    </message>
    <message>
        <source>B is better</source>
        <translation>الإجابة B أفضل</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>تعادل</translation>
    </message>
    <message>
        <source>Both are bad</source>
        <translation>كلتاهما سيئة</translation>
    </message>
    <message>
        <source>The answer on the left is better</source>
        <translation>الإجابة اليسرى أفضل</translation>
    </message>
    <message>
        <source>The answer on the right is better</source>
        <translation>الإجابة اليمنى أفضل</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>تخطٍّ</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <source>Next pair</source>
        <translation>الزوج التالي</translation>
    </message>
    <message>
        <source>Mark a failure in the selected text</source>
        <translation>وضع علامة خلل على النص المحدَّد</translation>
    </message>
    <message>
        <source>Flag answer A as a whole</source>
        <translation>وضع علامة خلل على الإجابة A كلها</translation>
    </message>
    <message>
        <source>Flag answer B as a whole</source>
        <translation>وضع علامة خلل على الإجابة B كلها</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Shortcut: %1</source>
        <translation>الاختصار: %1</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>السؤال</translation>
    </message>
    <message>
        <source>Pair details</source>
        <translation>تفاصيل الزوج</translation>
    </message>
    <message>
        <source>Revealed models</source>
        <translation>النماذج المكشوفة</translation>
    </message>
    <message>
        <source>User</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>المساعد</translation>
    </message>
    <message>
        <source>System</source>
        <translation>النظام</translation>
    </message>
    <message>
        <source>Requested variety: %1</source>
        <translation>اللهجة المطلوبة: %1</translation>
    </message>
    <message>
        <source>Category: %1</source>
        <translation>الموضوع: %1</translation>
    </message>
    <message>
        <source>Model names masked: %1</source>
        <translation>أسماء نماذج مُخفاة: %1</translation>
    </message>
    <message>
        <source>Every pair in this pack has your vote. Thank you! Ctrl+Z takes back the last one.</source>
        <translation>اكتمل تصويتك على كل أزواج حزمة المهام هذه، شكرًا جزيلًا! يتراجع ⁨Ctrl+Z⁩ عن آخر صوت.</translation>
    </message>
    <message>
        <source>A was %1 · B was %2 — press Enter for the next pair</source>
        <translation>A كانت %1 · B كانت %2 — اضغط Enter للانتقال إلى الزوج التالي</translation>
    </message>
    <message>
        <source>Select the text that went wrong first (Tab into an answer, then Shift+arrows), or flag the whole answer with Ctrl+1 / Ctrl+2.</source>
        <translation>حدِّد أولًا النص الخاطئ (انتقل إلى الإجابة بـ Tab، ثم حدِّد بـ Shift والأسهم)، أو ضع علامة خلل على الإجابة كلها بـ Ctrl+1 / Ctrl+2.</translation>
    </message>
    <message>
        <source>Show invisible characters by name</source>
        <translation>إظهار الأحرف غير المرئية بأسمائها</translation>
    </message>
</context>
<context>
    <name>majlis::ui::WinRateHeatmap</name>
    <message>
        <source>No games between models yet.</source>
        <translation>لا توجد مواجهات بين النماذج بعد.</translation>
    </message>
    <message>
        <source>Share of games the row model won against the column model</source>
        <translation>نسبة المواجهات التي فاز فيها نموذج الصف على نموذج العمود</translation>
    </message>
    <message>
        <source>ties count half; grey: no games</source>
        <translation>التعادل يُحتسب نصف فوز؛ الرمادي: لا مواجهات</translation>
    </message>
</context>
</TS>
