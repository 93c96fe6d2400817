"""The demo awards' own words in the site's other languages: titles,
descriptions, rules and AI-use policies of the awards, names and descriptions of
their categories (demo/content_translations.py writes them, with the citations).

Keyed by the English original.
"""

TITLE = {
    "ru": "Центральноазиатская премия журналистики {year}",
    "kk": "Орталық Азия журналистика сыйлығы {year}",
    "uz": "Markaziy Osiyo jurnalistika mukofoti {year}",
    "ky": "Борбордук Азия журналистика сыйлыгы {year}",
    "tg": "Ҷоизаи журналистикаи Осиёи Марказӣ {year}",
    "tk": "Merkezi Aziýa žurnalistika baýragy {year}",
}

# English original → its translations; descriptions, rules and policies alike.
TEXTS = {
    "The regional award for the best journalism from Kazakhstan, Kyrgyzstan, "
    "Tajikistan, Turkmenistan and Uzbekistan, in any of the region's languages.": {
        "ru": "Региональная премия за лучшую журналистику Казахстана, Кыргызстана, "
        "Таджикистана, Туркменистана и Узбекистана на любом из языков региона.",
        "kk": "Қазақстан, Қырғызстан, Тәжікстан, Түрікменстан және Өзбекстан "
        "журналистикасының үздік туындыларына аймақтың кез келген тілінде "
        "берілетін өңірлік сыйлық.",
        "uz": "Qozogʻiston, Qirgʻiziston, Tojikiston, Turkmaniston va Oʻzbekistondagi "
        "eng yaxshi jurnalistik ishlar uchun mintaqaning istalgan tilidagi "
        "mintaqaviy mukofot.",
        "ky": "Казакстан, Кыргызстан, Тажикстан, Түркмөнстан жана Өзбекстандын эң "
        "мыкты журналистикасы үчүн аймактын каалаган тилиндеги аймактык сыйлык.",
        "tg": "Ҷоизаи минтақавӣ барои беҳтарин журналистикаи Қазоқистон, Қирғизистон, "
        "Тоҷикистон, Туркманистон ва Ӯзбекистон бо ҳар яке аз забонҳои минтақа.",
        "tk": "Gazagystanyň, Gyrgyzystanyň, Täjigistanyň, Türkmenistanyň we "
        "Özbegistanyň iň gowy žurnalistikasy üçin sebitiň islendik dilinde "
        "berilýän sebit baýragy.",
    },
    "Work must have been published or broadcast between 1 January 2025 and the "
    "closing date.\nEach person may submit up to three entries.\nEntries may be in "
    "Russian, Kazakh, Uzbek, Kyrgyz, Tajik, Turkmen or English.": {
        "ru": "Работа должна быть опубликована или выйти в эфир между 1 января 2025 "
        "года и датой закрытия приёма.\nКаждый участник может подать до трёх "
        "работ.\nРаботы принимаются на русском, казахском, узбекском, кыргызском, "
        "таджикском, туркменском или английском языке.",
        "kk": "Жұмыс 2025 жылғы 1 қаңтар мен қабылдаудың жабылу күні аралығында "
        "жарияланған немесе эфирге шыққан болуы керек.\nӘр қатысушы үш жұмысқа "
        "дейін ұсына алады.\nЖұмыстар орыс, қазақ, өзбек, қырғыз, тәжік, түрікмен "
        "немесе ағылшын тілдерінде қабылданады.",
        "uz": "Ish 2025-yil 1-yanvardan qabul yopiladigan sanagacha eʼlon qilingan "
        "yoki efirga uzatilgan boʻlishi kerak.\nHar bir ishtirokchi uchtagacha ish "
        "topshirishi mumkin.\nIshlar rus, qozoq, oʻzbek, qirgʻiz, tojik, turkman "
        "yoki ingliz tilida qabul qilinadi.",
        "ky": "Иш 2025-жылдын 1-январынан кабыл алуу жабыла турган күнгө чейин "
        "жарыяланган же эфирге чыккан болушу керек.\nАр бир катышуучу үчкө чейин "
        "иш тапшыра алат.\nИштер орус, казак, өзбек, кыргыз, тажик, түркмөн же "
        "англис тилинде кабыл алынат.",
        "tg": "Кор бояд аз 1 январи соли 2025 то санаи анҷоми қабул нашр ё пахш шуда "
        "бошад.\nҲар иштирокчӣ метавонад то се кор пешниҳод кунад.\nКорҳо бо "
        "забонҳои русӣ, қазоқӣ, ӯзбекӣ, қирғизӣ, тоҷикӣ, туркманӣ ё англисӣ қабул "
        "карда мешаванд.",
        "tk": "Iş 2025-nji ýylyň 1-nji ýanwaryndan kabul ediş ýapylýan senesine "
        "çenli çap edilen ýa-da efire berlen bolmaly.\nHer bir gatnaşyjy üç işe "
        "çenli hödürläp biler.\nIşler rus, gazak, özbek, gyrgyz, täjik, türkmen "
        "ýa-da iňlis dilinde kabul edilýär.",
    },
    "Say whether you used AI tools. Assistive use (transcription, translation, "
    "spelling) is fine; generative use must be described and may not invent facts, "
    "quotes or images presented as real.": {
        "ru": "Укажите, пользовались ли вы инструментами ИИ. Вспомогательное "
        "использование (расшифровка, перевод, орфография) допустимо; генеративное "
        "нужно описать, и оно не может выдумывать факты, цитаты или изображения, "
        "выдаваемые за реальные.",
        "kk": "ЖИ құралдарын қолдандыңыз ба, көрсетіңіз. Көмекші қолдану "
        "(транскрипция, аударма, емле) рұқсат етіледі; генеративті қолдануды "
        "сипаттау керек, ол шынайы ретінде ұсынылатын деректерді, дәйексөздерді "
        "немесе суреттерді ойдан шығармауы тиіс.",
        "uz": "SI vositalaridan foydalanganingizni koʻrsating. Yordamchi foydalanish "
        "(transkripsiya, tarjima, imlo) mumkin; generativ foydalanish tavsiflanishi "
        "kerak va u haqiqiy deb koʻrsatilgan faktlar, iqtiboslar yoki tasvirlarni "
        "toʻqib chiqarmasligi lozim.",
        "ky": "ЖИ куралдарын колдондуңуз беле, көрсөтүңүз. Жардамчы колдонуу "
        "(транскрипция, котормо, орфография) жол берилет; генеративдик колдонуу "
        "сүрөттөлүшү керек жана ал чыныгы катары берилген фактыларды, цитаталарды "
        "же сүрөттөрдү ойдон чыгарбашы керек.",
        "tg": "Нишон диҳед, ки оё аз абзорҳои зеҳни сунъӣ истифода бурдаед. "
        "Истифодаи ёрирасон (транскрипсия, тарҷума, имло) иҷозат аст; истифодаи "
        "генеративӣ бояд тавсиф шавад ва набояд далелҳо, иқтибосҳо ё тасвирҳоеро, "
        "ки ҳамчун воқеӣ пешниҳод мешаванд, бофта барорад.",
        "tk": "Emeli aň gurallaryny ulanandygyňyzy görkeziň. Kömekçi ulanyş "
        "(transkripsiýa, terjime, dürs ýazuw) kabul ederlikli; generatiw ulanyş "
        "beýan edilmeli we hakyky hökmünde görkezilýän faktlary, sitatalary ýa-da "
        "şekilleri oýlap tapmaly däl.",
    },
    "The first edition of the regional award, for work published in 2024 and 2025.": {
        "ru": "Первый выпуск региональной премии — для работ, опубликованных в 2024 "
        "и 2025 годах.",
        "kk": "Өңірлік сыйлықтың алғашқы маусымы — 2024 және 2025 жылдары "
        "жарияланған жұмыстарға арналған.",
        "uz": "Mintaqaviy mukofotning birinchi mavsumi — 2024 va 2025-yillarda "
        "eʼlon qilingan ishlar uchun.",
        "ky": "Аймактык сыйлыктын биринчи сезону — 2024 жана 2025-жылдары "
        "жарыяланган иштер үчүн.",
        "tg": "Нахустин даври ҷоизаи минтақавӣ — барои корҳое, ки дар солҳои 2024 "
        "ва 2025 нашр шудаанд.",
        "tk": "Sebit baýragynyň ilkinji möwsümi — 2024-nji we 2025-nji ýyllarda "
        "çap edilen işler üçin.",
    },
    "Work published between 1 January 2024 and the closing date.": {
        "ru": "Работы, опубликованные между 1 января 2024 года и датой закрытия "
        "приёма.",
        "kk": "2024 жылғы 1 қаңтар мен қабылдаудың жабылу күні аралығында "
        "жарияланған жұмыстар.",
        "uz": "2024-yil 1-yanvardan qabul yopiladigan sanagacha eʼlon qilingan ishlar.",
        "ky": "2024-жылдын 1-январынан кабыл алуу жабыла турган күнгө чейин "
        "жарыяланган иштер.",
        "tg": "Корҳое, ки аз 1 январи соли 2024 то санаи анҷоми қабул нашр шудаанд.",
        "tk": "2024-nji ýylyň 1-nji ýanwaryndan kabul ediş ýapylýan senesine çenli "
        "çap edilen işler.",
    },
}

CATEGORY_NAMES = {
    "Investigative Reporting": {
        "ru": "Журналистские расследования",
        "kk": "Зерттеу журналистикасы",
        "uz": "Jurnalistik surishtiruv",
        "ky": "Иликтөө журналистикасы",
        "tg": "Журналистикаи таҳқиқотӣ",
        "tk": "Derňew žurnalistikasy",
    },
    "Data Journalism": {
        "ru": "Журналистика данных",
        "kk": "Деректер журналистикасы",
        "uz": "Maʼlumotlar jurnalistikasi",
        "ky": "Маалымат журналистикасы",
        "tg": "Журналистикаи маълумот",
        "tk": "Maglumat žurnalistikasy",
    },
    "Multimedia & Video": {
        "ru": "Мультимедиа и видео",
        "kk": "Мультимедиа және бейне",
        "uz": "Multimedia va video",
        "ky": "Мультимедиа жана видео",
        "tg": "Мултимедиа ва видео",
        "tk": "Multimedia we wideo",
    },
    "Fact-checking & Verification": {
        "ru": "Фактчекинг и верификация",
        "kk": "Фактчекинг және верификация",
        "uz": "Faktcheking va verifikatsiya",
        "ky": "Фактчекинг жана верификация",
        "tg": "Санҷиши далелҳо ва тасдиқ",
        "tk": "Faktlary barlamak we tassyklamak",
    },
    "Cross-border Collaboration": {
        "ru": "Трансграничное сотрудничество",
        "kk": "Трансшекаралық ынтымақтастық",
        "uz": "Transchegaraviy hamkorlik",
        "ky": "Чек ара аралык кызматташтык",
        "tg": "Ҳамкории фаромарзӣ",
        "tk": "Serhetara hyzmatdaşlyk",
    },
    "Young Journalist": {
        "ru": "Молодой журналист",
        "kk": "Жас журналист",
        "uz": "Yosh jurnalist",
        "ky": "Жаш журналист",
        "tg": "Журналисти ҷавон",
        "tk": "Ýaş žurnalist",
    },
    "Young Journalist (under 30)": {
        "ru": "Молодой журналист (до 30 лет)",
        "kk": "Жас журналист (30 жасқа дейін)",
        "uz": "Yosh jurnalist (30 yoshgacha)",
        "ky": "Жаш журналист (30 жашка чейин)",
        "tg": "Журналисти ҷавон (то 30-сола)",
        "tk": "Ýaş žurnalist (30 ýaşa çenli)",
    },
}

CATEGORY_DESCRIPTIONS = {
    "Original reporting that reveals what the powerful want hidden.": {
        "ru": "Оригинальные материалы, раскрывающие то, что власть имущие хотят "
        "скрыть.",
        "kk": "Билік иелері жасырғысы келетін нәрсені ашатын төл материалдар.",
        "uz": "Kuchlilar yashirmoqchi boʻlgan narsani fosh etadigan original "
        "materiallar.",
        "ky": "Бийликтегилер жашыргысы келген нерсени ачкан оригиналдуу материалдар.",
        "tg": "Маводи аслӣ, ки он чиро, ки соҳибони қудрат пинҳон доштан мехоҳанд, "
        "ошкор мекунад.",
        "tk": "Güýçlüleriň gizlemek isleýän zatlaryny paş edýän özboluşly materiallar.",
    },
    "Stories built on data: gathered, cleaned, analysed and shown clearly.": {
        "ru": "Истории, построенные на данных: собранных, очищенных, "
        "проанализированных и наглядно показанных.",
        "kk": "Деректерге негізделген материалдар: жиналған, тазартылған, талданған "
        "және анық көрсетілген.",
        "uz": "Maʼlumotlarga asoslangan hikoyalar: toʻplangan, tozalangan, tahlil "
        "qilingan va aniq koʻrsatilgan.",
        "ky": "Маалыматтарга негизделген баяндар: чогултулган, тазаланган, "
        "талданган жана так көрсөтүлгөн.",
        "tg": "Ҳикояҳое, ки бар маълумот асос ёфтаанд: ҷамъоварӣ, тоза, таҳлил ва "
        "равшан нишон дода шудаанд.",
        "tk": "Maglumatlara esaslanan hekaýalar: ýygnalan, arassalanan, seljerilen "
        "we düşnükli görkezilen.",
    },
    "Documentaries, video series, podcasts and interactive stories.": {
        "ru": "Документальные фильмы, видеосерии, подкасты и интерактивные истории.",
        "kk": "Деректі фильмдер, бейне сериялар, подкасттар және интерактивті "
        "материалдар.",
        "uz": "Hujjatli filmlar, video seriyalar, podkastlar va interaktiv hikoyalar.",
        "ky": "Даректүү тасмалар, видео сериялар, подкасттар жана интерактивдүү "
        "баяндар.",
        "tg": "Филмҳои мустанад, силсилаҳои видеоӣ, подкастҳо ва ҳикояҳои интерактивӣ.",
        "tk": "Dokumental filmler, wideo seriýalar, podkastlar we interaktiw "
        "hekaýalar.",
    },
    "Debunking, open-source verification and media-literacy work.": {
        "ru": "Опровержение фейков, верификация по открытым источникам и "
        "медиаграмотность.",
        "kk": "Жалған ақпаратты әшкерелеу, ашық дереккөздер арқылы тексеру және "
        "медиасауаттылық.",
        "uz": "Soxta xabarlarni fosh etish, ochiq manbalar orqali tekshirish va "
        "media savodxonlik.",
        "ky": "Жалган маалыматты төгүндөө, ачык булактар аркылуу текшерүү жана "
        "медиасабаттуулук.",
        "tg": "Рад кардани хабарҳои бардурӯғ, санҷиш тавассути манбаъҳои кушод ва "
        "саводнокии медиавӣ.",
        "tk": "Ýalan habarlary paş etmek, açyk çeşmeler arkaly barlamak we media "
        "sowatlylygy.",
    },
    "Work by teams from at least two countries of the region.": {
        "ru": "Работы команд как минимум из двух стран региона.",
        "kk": "Өңірдің кемінде екі елінен құралған командалардың жұмыстары.",
        "uz": "Mintaqaning kamida ikki davlatidan boʻlgan jamoalar ishlari.",
        "ky": "Аймактын кеминде эки өлкөсүнөн турган командалардын иштери.",
        "tg": "Корҳои дастаҳо аз ақаллан ду кишвари минтақа.",
        "tk": "Sebitiň azyndan iki ýurdundan bolan toparlaryň işleri.",
    },
    "For journalists who are at most 29 this year; single authors only.": {
        "ru": "Для журналистов, которым в этом году исполнится не больше 29 лет; "
        "только индивидуальные авторы.",
        "kk": "Биыл 29 жастан аспайтын журналистерге; тек жеке авторлар.",
        "uz": "Bu yil 29 yoshdan oshmaydigan jurnalistlar uchun; faqat yakka "
        "mualliflar.",
        "ky": "Быйыл 29 жаштан ашпаган журналисттер үчүн; жеке авторлор гана.",
        "tg": "Барои журналистоне, ки имсол на бештар аз 29-сола мешаванд; танҳо "
        "муаллифони алоҳида.",
        "tk": "Şu ýyl 29 ýaşdan geçmeýän žurnalistler üçin; diňe ýeke awtorlar.",
    },
}
