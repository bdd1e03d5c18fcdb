<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>majlis::ui::AnnotatorDialog</name>
    <message>
        <source>Who is voting?</source>
        <translation>Who is voting?</translation>
    </message>
    <message>
        <source>Annotator name</source>
        <translation>Annotator name</translation>
    </message>
    <message>
        <source>Your name or annotator code</source>
        <translation>Your name or annotator code</translation>
    </message>
    <message>
        <source>Choose your profile, or type a new name. Your votes are recorded under it.</source>
        <translation>Choose your profile, or type a new name. Your votes are recorded under it.</translation>
    </message>
</context>
<context>
    <name>majlis::ui::AnswerView</name>
    <message>
        <source>Not Arabic</source>
        <translation>Not Arabic</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <source>Mark failure…</source>
        <translation>Mark failure…</translation>
    </message>
    <message>
        <source>Flag the whole answer…</source>
        <translation>Flag the whole answer…</translation>
    </message>
    <message>
        <source>Edit this mark…</source>
        <translation>Edit this mark…</translation>
    </message>
    <message>
        <source>Remove this mark</source>
        <translation>Remove this mark</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>&amp;Written in:</source>
        <translation>&amp;Written in:</translation>
    </message>
    <message>
        <source>as requested</source>
        <translation>as requested</translation>
    </message>
    <message>
        <source>Variety this answer is written in</source>
        <translation>Variety this answer is written in</translation>
    </message>
    <message>
        <source>The variety matches the request</source>
        <translation>The variety matches the request</translation>
    </message>
    <message>
        <source>Answer %1</source>
        <translation>Answer %1</translation>
    </message>
    <message>
        <source>Answer %1 — %2</source>
        <translation>Answer %1 — %2</translation>
    </message>
    <message>
        <source>Flip this paragraph&apos;s direction</source>
        <translation>Flip this paragraph&apos;s direction</translation>
    </message>
    <message numerus="yes">
        <source>%Ln invisible character(s) shown by name — Ctrl+Shift+U hides them</source>
        <translation>
            <numerusform>%Ln invisible character shown by name — Ctrl+Shift+U hides it</numerusform>
            <numerusform>%Ln invisible characters shown by name — Ctrl+Shift+U hides them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Contains %Ln invisible character(s) — Ctrl+Shift+U shows them</source>
        <translation>
            <numerusform>Contains %Ln invisible character — Ctrl+Shift+U shows it</numerusform>
            <numerusform>Contains %Ln invisible characters — Ctrl+Shift+U shows them</numerusform>
        </translation>
    </message>
    <message>
        <source>Mixed varieties</source>
        <translation>Mixed varieties</translation>
    </message>
    <message>
        <source>Arabizi (Arabic in Latin script)</source>
        <translation>Arabizi (Arabic in Latin script)</translation>
    </message>
    <message>
        <source>Unspecified</source>
        <translation>Unspecified</translation>
    </message>
    <message>
        <source>Follows from the variety chosen and the one the prompt asks for</source>
        <translation>Follows from the variety chosen and the one the prompt asks for</translation>
    </message>
</context>
<context>
    <name>majlis::ui::BundleExport</name>
    <message>
        <source>Export votes</source>
        <translation>Export votes</translation>
    </message>
    <message>
        <source>This workstation has no votes yet: there is nothing to export.</source>
        <translation>This workstation has no votes yet: there is nothing to export.</translation>
    </message>
    <message>
        <source>Export votes to a bundle</source>
        <translation>Export votes to a bundle</translation>
    </message>
    <message>
        <source>Majlis vote bundles (*.majlisbundle)</source>
        <translation>Majlis vote bundles (*.majlisbundle)</translation>
    </message>
    <message>
        <source>%1 already exists. A bundle is never overwritten: choose another name.</source>
        <translation>%1 already exists. A bundle is never overwritten: choose another name.</translation>
    </message>
    <message>
        <source>Exporting votes to %1</source>
        <translation>Exporting votes to %1</translation>
    </message>
    <message>
        <source>%1 was written and verified, but recording the export in the store failed: %2</source>
        <translation>%1 was written and verified, but recording the export in the store failed: %2</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln events of this workstation to %1.</source>
        <translation>
            <numerusform>Wrote %Ln event of this workstation to %1.</numerusform>
            <numerusform>Wrote %Ln events of this workstation to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The bundle is signed with this workstation&apos;s key, fingerprint %1. Give the file to your coordinator, who imports it with: %2</source>
        <translation>The bundle is signed with this workstation&apos;s key, fingerprint %1. Give the file to your coordinator, who imports it with: %2</translation>
    </message>
</context>
<context>
    <name>majlis::ui::FailureChart</name>
    <message>
        <source>No failure marks yet.</source>
        <translation>No failure marks yet.</translation>
    </message>
    <message>
        <source>Failure marks per model, by category</source>
        <translation>Failure marks per model, by category</translation>
    </message>
</context>
<context>
    <name>majlis::ui::FailureDialog</name>
    <message>
        <source>Flag the whole answer</source>
        <translation>Flag the whole answer</translation>
    </message>
    <message>
        <source>Mark a failure</source>
        <translation>Mark a failure</translation>
    </message>
    <message>
        <source>%1 (weight %2)</source>
        <translation>%1 (weight %2)</translation>
    </message>
    <message>
        <source>Failure category</source>
        <translation>Failure category</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Optional: what exactly is wrong</source>
        <translation>Optional: what exactly is wrong</translation>
    </message>
    <message>
        <source>Marked text</source>
        <translation>Marked text</translation>
    </message>
    <message>
        <source>Marked text:</source>
        <translation>Marked text:</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Category:</translation>
    </message>
    <message>
        <source>&amp;Severity:</source>
        <translation>&amp;Severity:</translation>
    </message>
    <message>
        <source>C&amp;omment:</source>
        <translation>C&amp;omment:</translation>
    </message>
</context>
<context>
    <name>majlis::ui::LeaderboardModel</name>
    <message>
        <source>never lost: rating unbounded above</source>
        <translation>never lost: rating unbounded above</translation>
    </message>
    <message>
        <source>never won: rating unbounded below</source>
        <translation>never won: rating unbounded below</translation>
    </message>
    <message>
        <source>not determined by the votes</source>
        <translation>not determined by the votes</translation>
    </message>
    <message>
        <source>not linked to the other models</source>
        <translation>not linked to the other models</translation>
    </message>
    <message>
        <source>no votes</source>
        <translation>no votes</translation>
    </message>
    <message>
        <source>provisional</source>
        <translation>provisional</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>%1% interval</source>
        <translation>%1% interval</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>Votes</translation>
    </message>
    <message>
        <source>Wins</source>
        <translation>Wins</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>Losses</translation>
    </message>
    <message>
        <source>Ties</source>
        <translation>Ties</translation>
    </message>
    <message>
        <source>Both bad</source>
        <translation>Both bad</translation>
    </message>
    <message>
        <source>Elo</source>
        <translation>Elo</translation>
    </message>
    <message>
        <source>Names masked</source>
        <translation>Names masked</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between two notes</comment>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>majlis::ui::LeaderboardView</name>
    <message>
        <source>Leaderboard</source>
        <translation>Leaderboard</translation>
    </message>
    <message>
        <source>Leaderboard: %1</source>
        <translation>Leaderboard: %1</translation>
    </message>
    <message>
        <source>Votes:</source>
        <translation>Votes:</translation>
    </message>
    <message>
        <source>Include pairs picked by hand</source>
        <translation>Include pairs picked by hand</translation>
    </message>
    <message>
        <source>Pairs an annotator chose are left out by default: they are not a random sample.</source>
        <translation>Pairs an annotator chose are left out by default: they are not a random sample.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <source>Win rates</source>
        <translation>Win rates</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Failures</translation>
    </message>
    <message>
        <source>Export chart as PNG…</source>
        <translation>Export chart as PNG…</translation>
    </message>
    <message>
        <source>No store is open.</source>
        <translation>No store is open.</translation>
    </message>
    <message>
        <source>Could not read the votes: %1</source>
        <translation>Could not read the votes: %1</translation>
    </message>
    <message>
        <source>Could not compute the leaderboard: %1</source>
        <translation>Could not compute the leaderboard: %1</translation>
    </message>
    <message>
        <source>All votes (%1)</source>
        <translation>All votes (%1)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <source>Dialect</source>
        <translation>Dialect</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>%1 live votes, %2 in the ranking</source>
        <translation>%1 live votes, %2 in the ranking</translation>
    </message>
    <message>
        <source>(%1 on pairs picked by hand left out)</source>
        <translation>(%1 on pairs picked by hand left out)</translation>
    </message>
    <message>
        <source>this slice: %1 votes</source>
        <translation>this slice: %1 votes</translation>
    </message>
    <message>
        <source>Too few votes in this slice for a settled board (fewer than %1).</source>
        <translation>Too few votes in this slice for a settled board (fewer than %1).</translation>
    </message>
    <message>
        <source>Export chart as PNG</source>
        <translation>Export chart as PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>Could not write %1.</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between two counts</comment>
        <translation>; </translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
</context>
<context>
    <name>majlis::ui::Links</name>
    <message>
        <source>Open link</source>
        <translation>Open link</translation>
    </message>
    <message>
        <source>Open this address in your web browser?

%1

It comes from a task pack: open it only if you trust it.</source>
        <translation>Open this address in your web browser?

%1

It comes from a task pack: open it only if you trust it.</translation>
    </message>
    <message>
        <source>Link not opened</source>
        <translation>Link not opened</translation>
    </message>
    <message>
        <source>Majlis does not open this kind of address:

%1</source>
        <translation>Majlis does not open this kind of address:

%1</translation>
    </message>
</context>
<context>
    <name>majlis::ui::MainWindow</name>
    <message>
        <source>Keyboard</source>
        <translation>Keyboard</translation>
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
        <translation>1 or the arrow towards it: answer A is better
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
F1: guidelines</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Choose &amp;pack…</source>
        <translation>Choose &amp;pack…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Leaderboard (coordinators)…</source>
        <translation>&amp;Leaderboard (coordinators)…</translation>
    </message>
    <message>
        <source>&amp;Vote</source>
        <translation>&amp;Vote</translation>
    </message>
    <message>
        <source>V&amp;iew</source>
        <translation>V&amp;iew</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Zoom &amp;in</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Zoom &amp;out</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation>Guidelines</translation>
    </message>
    <message>
        <source>&amp;Guidelines</source>
        <translation>&amp;Guidelines</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Majlis</source>
        <translation>Majlis</translation>
    </message>
    <message>
        <source>Majlis — %1 — %2</source>
        <translation>Majlis — %1 — %2</translation>
    </message>
    <message>
        <source>Judged %1 of %2</source>
        <translation>Judged %1 of %2</translation>
    </message>
    <message>
        <source>Votes committed this session: %1</source>
        <translation>Votes committed this session: %1</translation>
    </message>
    <message>
        <source>Leaderboard — %1</source>
        <translation>Leaderboard — %1</translation>
    </message>
    <message>
        <source>New pack from the server: %1 (File › Choose pack)</source>
        <translation>New pack from the server: %1 (File › Choose pack)</translation>
    </message>
    <message>
        <source>Sync is off: %1</source>
        <translation>Sync is off: %1</translation>
    </message>
    <message>
        <source>&amp;Export votes to a bundle…</source>
        <translation>&amp;Export votes to a bundle…</translation>
    </message>
</context>
<context>
    <name>majlis::ui::Markdown</name>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
</context>
<context>
    <name>majlis::ui::PackChooserDialog</name>
    <message>
        <source>Choose a task pack</source>
        <translation>Choose a task pack</translation>
    </message>
    <message>
        <source>Task packs in this store</source>
        <translation>Task packs in this store</translation>
    </message>
    <message>
        <source>Import pack…</source>
        <translation>Import pack…</translation>
    </message>
    <message>
        <source>Task packs in this store:</source>
        <translation>Task packs in this store:</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %Ln pair(s)</source>
        <translation>
            <numerusform>%1 — %Ln pair</numerusform>
            <numerusform>%1 — %Ln pairs</numerusform>
        </translation>
    </message>
    <message>
        <source>No pack yet: import one to start.</source>
        <translation>No pack yet: import one to start.</translation>
    </message>
    <message>
        <source>Import task pack</source>
        <translation>Import task pack</translation>
    </message>
    <message>
        <source>Task packs (*.jsonl *.json);;All files (*)</source>
        <translation>Task packs (*.jsonl *.json);;All files (*)</translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation>Not imported: %1</translation>
    </message>
    <message>
        <source>This pack was already in the store; nothing changed.</source>
        <translation>This pack was already in the store; nothing changed.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln item(s).</source>
        <translation>
            <numerusform>Imported %Ln item.</numerusform>
            <numerusform>Imported %Ln items.</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>Importing %1</translation>
    </message>
    <message>
        <source>Import cancelled; the store is as it was.</source>
        <translation>Import cancelled; the store is as it was.</translation>
    </message>
</context>
<context>
    <name>majlis::ui::Progress</name>
    <message>
        <source>%1: %2%</source>
        <translation>%1: %2%</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>Checking</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>Importing</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Reading</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>Verifying</translation>
    </message>
    <message>
        <source>Storing</source>
        <translation>Storing</translation>
    </message>
    <message>
        <source>Writing</source>
        <translation>Writing</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>Exporting</translation>
    </message>
    <message>
        <source>Computing intervals</source>
        <translation>Computing intervals</translation>
    </message>
</context>
<context>
    <name>majlis::ui::RatingChart</name>
    <message>
        <source>No ratings yet: the chart appears once models have votes.</source>
        <translation>No ratings yet: the chart appears once models have votes.</translation>
    </message>
    <message>
        <source>Rating (Bradley–Terry) with 95% interval</source>
        <translation>Rating (Bradley–Terry) with 95% interval</translation>
    </message>
    <message>
        <source>hollow dot: provisional (few votes)</source>
        <translation>hollow dot: provisional (few votes)</translation>
    </message>
    <message>
        <source>not rated</source>
        <translation>not rated</translation>
    </message>
</context>
<context>
    <name>majlis::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>Font for Arabic script</source>
        <translation>Font for Arabic script</translation>
    </message>
    <message>
        <source>Font for Latin script</source>
        <translation>Font for Latin script</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source>How much larger Arabic text is</source>
        <translation>How much larger Arabic text is</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>&amp;Arabic font:</source>
        <translation>&amp;Arabic font:</translation>
    </message>
    <message>
        <source>La&amp;tin font:</source>
        <translation>La&amp;tin font:</translation>
    </message>
    <message>
        <source>Text &amp;size:</source>
        <translation>Text &amp;size:</translation>
    </message>
    <message>
        <source>Sync server address</source>
        <translation>Sync server address</translation>
    </message>
    <message>
        <source>Sync token</source>
        <translation>Sync token</translation>
    </message>
    <message>
        <source>saved; type to replace</source>
        <translation>saved; type to replace</translation>
    </message>
    <message>
        <source>mjt_… from your coordinator</source>
        <translation>mjt_… from your coordinator</translation>
    </message>
    <message>
        <source>Se&amp;rver:</source>
        <translation>Se&amp;rver:</translation>
    </message>
    <message>
        <source>Sync (leave the server empty to work offline)</source>
        <translation>Sync (leave the server empty to work offline)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address such as http://10.0.0.5:8787 (http or https, then the host and port).</source>
        <translation>&quot;%1&quot; is not a server address such as http://10.0.0.5:8787 (http or https, then the host and port).</translation>
    </message>
    <message>
        <source>A server needs a token: ask your coordinator for one.</source>
        <translation>A server needs a token: ask your coordinator for one.</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <source>only if your coordinator gave you one</source>
        <translation>only if your coordinator gave you one</translation>
    </message>
    <message>
        <source>A one-time code that binds this workstation&apos;s key to you on the server. It is used once, when you press OK, and not saved.</source>
        <translation>A one-time code that binds this workstation&apos;s key to you on the server. It is used once, when you press OK, and not saved.</translation>
    </message>
    <message>
        <source>&amp;Enrollment code:</source>
        <translation>&amp;Enrollment code:</translation>
    </message>
    <message>
        <source>An enrollment code has no spaces inside; paste it exactly as your coordinator gave it.</source>
        <translation>An enrollment code has no spaces inside; paste it exactly as your coordinator gave it.</translation>
    </message>
    <message>
        <source>An enrollment code needs the server it was made on: enter its address and your token.</source>
        <translation>An enrollment code needs the server it was made on: enter its address and your token.</translation>
    </message>
    <message>
        <source>Arabic text larger &amp;by:</source>
        <translation>Arabic text larger &amp;by:</translation>
    </message>
    <message>
        <source>To&amp;ken:</source>
        <translation>To&amp;ken:</translation>
    </message>
    <message>
        <source>Show each &amp;new line of an answer as written</source>
        <translation>Show each &amp;new line of an answer as written</translation>
    </message>
    <message>
        <source>As chat interfaces do. Off: lines not separated by an empty line are joined, as Markdown does.</source>
        <translation>As chat interfaces do. Off: lines not separated by an empty line are joined, as Markdown does.</translation>
    </message>
</context>
<context>
    <name>majlis::ui::Startup</name>
    <message>
        <source>Majlis</source>
        <translation>Majlis</translation>
    </message>
    <message>
        <source>The pack could not be opened:
%1</source>
        <translation>The pack could not be opened:
%1</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>Importing %1</translation>
    </message>
</context>
<context>
    <name>majlis::ui::SyncStatus</name>
    <message>
        <source>Not syncing</source>
        <translation>Not syncing</translation>
    </message>
    <message>
        <source>No server is set (Settings). Votes stay on this workstation; a coordinator can carry them as a bundle.</source>
        <translation>No server is set (Settings). Votes stay on this workstation; a coordinator can carry them as a bundle.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>Sync: %1 pending · last %2</source>
        <translation>Sync: %1 pending · last %2</translation>
    </message>
    <message>
        <source>stopped: %1</source>
        <translation>stopped: %1</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>error: %1</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>sending…</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>Waiting to be sent: %1</source>
        <translation>Waiting to be sent: %1</translation>
    </message>
    <message>
        <source>Last complete sync: %1</source>
        <translation>Last complete sync: %1</translation>
    </message>
    <message>
        <source>Stopped, retrying cannot help: %1</source>
        <translation>Stopped, retrying cannot help: %1</translation>
    </message>
    <message>
        <source>Last error (retrying): %1</source>
        <translation>Last error (retrying): %1</translation>
    </message>
    <message>
        <source>Click to sync now.</source>
        <translation>Click to sync now.</translation>
    </message>
    <message>
        <source>enrolling this workstation…</source>
        <translation>enrolling this workstation…</translation>
    </message>
    <message>
        <source>This workstation is enrolled on the server.</source>
        <translation>This workstation is enrolled on the server.</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Details: %1</translation>
    </message>
    <message>
        <source>A code works once, for one person, until it expires: ask your coordinator for a new one and paste it in Settings.</source>
        <translation>A code works once, for one person, until it expires: ask your coordinator for a new one and paste it in Settings.</translation>
    </message>
    <message>
        <source>Only a coordinator can replace a workstation&apos;s key.</source>
        <translation>Only a coordinator can replace a workstation&apos;s key.</translation>
    </message>
    <message>
        <source>Check the server and the token in Settings, then enroll again.</source>
        <translation>Check the server and the token in Settings, then enroll again.</translation>
    </message>
    <message>
        <source>Ask your coordinator for an enrollment code and paste it in Settings.</source>
        <translation>Ask your coordinator for an enrollment code and paste it in Settings.</translation>
    </message>
    <message>
        <source>Votes from this workstation are kept here; ask your coordinator to check its enrollment.</source>
        <translation>Votes from this workstation are kept here; ask your coordinator to check its enrollment.</translation>
    </message>
    <message>
        <source>Ask your coordinator for a new token and enter it in Settings.</source>
        <translation>Ask your coordinator for a new token and enter it in Settings.</translation>
    </message>
    <message>
        <source>Nothing was forgotten on this workstation; tell your coordinator.</source>
        <translation>Nothing was forgotten on this workstation; tell your coordinator.</translation>
    </message>
    <message>
        <source>the server cannot be reached to enroll this workstation</source>
        <translation>the server cannot be reached to enroll this workstation</translation>
    </message>
    <message>
        <source>the server does not know this token</source>
        <translation>the server does not know this token</translation>
    </message>
    <message>
        <source>the enrollment code was not accepted</source>
        <translation>the enrollment code was not accepted</translation>
    </message>
    <message>
        <source>this workstation is enrolled with another key</source>
        <translation>this workstation is enrolled with another key</translation>
    </message>
    <message>
        <source>the server refused the enrollment</source>
        <translation>the server refused the enrollment</translation>
    </message>
    <message>
        <source>new packs could not be fetched</source>
        <translation>new packs could not be fetched</translation>
    </message>
    <message>
        <source>the server cannot be reached</source>
        <translation>the server cannot be reached</translation>
    </message>
    <message>
        <source>the server failed to take the votes</source>
        <translation>the server failed to take the votes</translation>
    </message>
    <message>
        <source>this workstation is not enrolled</source>
        <translation>this workstation is not enrolled</translation>
    </message>
    <message>
        <source>the server knows this workstation by another key</source>
        <translation>the server knows this workstation by another key</translation>
    </message>
    <message>
        <source>this token may not send these votes</source>
        <translation>this token may not send these votes</translation>
    </message>
    <message>
        <source>the server rejected a vote</source>
        <translation>the server rejected a vote</translation>
    </message>
    <message>
        <source>the server has lost votes it had taken</source>
        <translation>the server has lost votes it had taken</translation>
    </message>
    <message>
        <source>the server claims votes that were never sent</source>
        <translation>the server claims votes that were never sent</translation>
    </message>
    <message>
        <source>this workstation has no key to sign its votes with</source>
        <translation>this workstation has no key to sign its votes with</translation>
    </message>
    <message>
        <source>this workstation&apos;s store failed</source>
        <translation>this workstation&apos;s store failed</translation>
    </message>
    <message>
        <source>sync failed</source>
        <translation>sync failed</translation>
    </message>
</context>
<context>
    <name>majlis::ui::VotingView</name>
    <message>
        <source>A is better</source>
        <translation>A is better</translation>
    </message>
    <message>
        <source>B is better</source>
        <translation>B is better</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>Tie</translation>
    </message>
    <message>
        <source>Both are bad</source>
        <translation>Both are bad</translation>
    </message>
    <message>
        <source>The answer on the left is better</source>
        <translation>The answer on the left is better</translation>
    </message>
    <message>
        <source>The answer on the right is better</source>
        <translation>The answer on the right is better</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Next pair</source>
        <translation>Next pair</translation>
    </message>
    <message>
        <source>Mark a failure in the selected text</source>
        <translation>Mark a failure in the selected text</translation>
    </message>
    <message>
        <source>Flag answer A as a whole</source>
        <translation>Flag answer A as a whole</translation>
    </message>
    <message>
        <source>Flag answer B as a whole</source>
        <translation>Flag answer B as a whole</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Shortcut: %1</source>
        <translation>Shortcut: %1</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Pair details</source>
        <translation>Pair details</translation>
    </message>
    <message>
        <source>Revealed models</source>
        <translation>Revealed models</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistant</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Requested variety: %1</source>
        <translation>Requested variety: %1</translation>
    </message>
    <message>
        <source>Category: %1</source>
        <translation>Category: %1</translation>
    </message>
    <message>
        <source>Model names masked: %1</source>
        <translation>Model names masked: %1</translation>
    </message>
    <message>
        <source>Every pair in this pack has your vote. Thank you! Ctrl+Z takes back the last one.</source>
        <translation>Every pair in this pack has your vote. Thank you! Ctrl+Z takes back the last one.</translation>
    </message>
    <message>
        <source>A was %1 · B was %2 — press Enter for the next pair</source>
        <translation>A was %1 · B was %2 — press Enter for the next pair</translation>
    </message>
    <message>
        <source>Select the text that went wrong first (Tab into an answer, then Shift+arrows), or flag the whole answer with Ctrl+1 / Ctrl+2.</source>
        <translation>Select the text that went wrong first (Tab into an answer, then Shift+arrows), or flag the whole answer with Ctrl+1 / Ctrl+2.</translation>
    </message>
    <message>
        <source>Show invisible characters by name</source>
        <translation>Show invisible characters by name</translation>
    </message>
</context>
<context>
    <name>majlis::ui::WinRateHeatmap</name>
    <message>
        <source>No games between models yet.</source>
        <translation>No games between models yet.</translation>
    </message>
    <message>
        <source>Share of games the row model won against the column model</source>
        <translation>Share of games the row model won against the column model</translation>
    </message>
    <message>
        <source>ties count half; grey: no games</source>
        <translation>ties count half; grey: no games</translation>
    </message>
</context>
</TS>
