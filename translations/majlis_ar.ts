<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>majlis::ui::AnnotatorDialog</name>
    <message>
        <source>Who is voting?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annotator name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name or annotator code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose your profile, or type a new name. Your votes are recorded under it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>majlis::ui::AnswerView</name>
    <message>
        <source>Emirati</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gulf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Egyptian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Levantine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maghrebi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modern Standard Arabic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not Arabic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark failure…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag the whole answer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit this mark…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Written in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variety this answer is written in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The variety matches the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>majlis::ui::FailureChart</name>
    <message>
        <source>No failure marks yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failure marks per model, by category</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>majlis::ui::FailureDialog</name>
    <message>
        <source>Flag the whole answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark a failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (weight %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failure category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: what exactly is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Severity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;omment:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>majlis::ui::LeaderboardModel</name>
    <message>
        <source>never lost: rating unbounded above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never won: rating unbounded below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not determined by the votes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not linked to the other models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no votes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>provisional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1% interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Votes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Losses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both bad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names masked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>majlis::ui::LeaderboardView</name>
    <message>
        <source>Leaderboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leaderboard: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Votes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include pairs picked by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pairs an annotator chose are left out by default: they are not a random sample.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Win rates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chart as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No store is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the votes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not compute the leaderboard: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All votes (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dialect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 live votes, %2 in the ranking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1 on pairs picked by hand left out)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this slice: %1 votes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too few votes in this slice for a settled board (fewer than %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chart as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>majlis::ui::MainWindow</name>
    <message>
        <source>Keyboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 or the arrow towards it: answer A is better
2: answer B is better
3: tie
4: both are bad
S: skip
Ctrl+Z: undo the last action
Enter: next pair after the reveal
Ctrl++ / Ctrl+-: larger or smaller text
F1: guidelines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose &amp;pack…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Leaderboard (coordinators)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Vote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>V&amp;iew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Guidelines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Majlis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Majlis — %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Judged %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Votes committed this session: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leaderboard — %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>majlis::ui::PackChooserDialog</name>
    <message>
        <source>Choose a task pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task packs in this store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import pack…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task packs in this store:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n pair(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No pack yet: import one to start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import task pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task packs (*.jsonl *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This pack was already in the store; nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported %n item(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>majlis::ui::RatingChart</name>
    <message>
        <source>No ratings yet: the chart appears once models have votes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rating (Bradley–Terry) with 95% interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hollow dot: provisional (few votes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not rated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>majlis::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Font for Arabic script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Font for Latin script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> pt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much larger Arabic text is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Arabic font:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La&amp;tin font:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text &amp;size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arabic text &amp;larger by:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>majlis::ui::VotingView</name>
    <message>
        <source>A is better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B is better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both are bad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer on the left is better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer on the right is better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark a failure in the selected text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag answer A as a whole</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag answer B as a whole</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pair details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revealed models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested variety: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model names masked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every pair in this pack has your vote. Thank you! Ctrl+Z takes back the last one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A was %1 · B was %2 — press Enter for the next pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the text that went wrong first (Tab into an answer, then Shift+arrows), or flag the whole answer with Ctrl+1 / Ctrl+2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>majlis::ui::WinRateHeatmap</name>
    <message>
        <source>No games between models yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of games the row model won against the column model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ties count half; grey: no games</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
